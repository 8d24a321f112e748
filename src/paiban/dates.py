"""Dates as a book gives them: checked and kept in the W3C form an EPUB's metadata takes, shown
the way a Chinese reader writes them.

book.toml and an article's front matter take the same forms: a day, a month or a year
(2024-03-15, 2024-03, 2024), or the same written in Chinese (2024年3月15日), kept as 2024-03-15.
Taiwan counts years of the Republic (民國113年 is 2024): such a date is kept in the common era
too, the form an EPUB's metadata and a store read.
"""

from __future__ import annotations

import datetime as dt
import re
from . import patterns

ROC_EPOCH = 1911  # 民國元年 is 1912
# A year of the Republic, as Taiwan writes one: 民國113年, 中華民國113年, 民國元年; and as a
# Simplified edition of a Taiwan book prints it, converted (中华民国113年).
_ROC_YEAR = r"(?:中[華华])?民[國国]\s*(?P<roc>\d{1,3}|元)\s*年"
_W3C = patterns.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CHINESE = patterns.compile(rf"(?:(?P<year>\d{{4}})\s*年|{_ROC_YEAR})"
                            r"(?:\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?)?")
_YEARS = patterns.compile(rf"(?<!\d)(?P<year>\d{{4}})(?!\d)|{_ROC_YEAR}")
HINT = ("Write it as YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2024-03-15), or as 2024年3月15日 "
        "(民國113年3月15日).")


def w3c(value: str) -> str | None:
    """``value`` as a W3C date (2024-03-15, 2024-03, 2024), if it is a day, month or year of the
    calendar in either form; ``None`` if it is not."""
    if match := _W3C.fullmatch(value.strip()):
        year, month, day = (int(part) if part else None for part in match.groups())
    elif match := _CHINESE.fullmatch(value.strip()):
        year = _year(match)
        month, day = (int(match[part]) if match[part] else None for part in ("month", "day"))
    else:
        return None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def _year(match: re.Match[str]) -> int:
    """The common-era year a match of :data:`_CHINESE` or :data:`_YEARS` gives, in either count."""
    if match["year"]:
        return int(match["year"])
    return ROC_EPOCH + (1 if match["roc"] == "元" else int(match["roc"]))


def years_in(text: str) -> list[str]:
    """The years ``text`` gives (an edition line, 2024年3月第1版 or 中華民國113年3月初版), in the
    common era, as a W3C date begins: ``["2024"]``. The copyright page prints a date only when its
    edition line does not already give the year."""
    return [f"{_year(match):04d}" for match in _YEARS.finditer(text)]


def chinese(value: str) -> str:
    """A W3C date as a Chinese reader writes it: 2026-11-26 → 2026年11月26日, 2024-03 → 2024年3月;
    anything else as written."""
    match = _W3C.fullmatch(value.strip())
    if not match:
        return value
    year, month, day = match.groups()
    return f"{year}年" + (f"{int(month)}月" if month else "") + (f"{int(day)}日" if day else "")
