"""Dates as a book gives them: checked and kept in the W3C form an EPUB's metadata takes, shown
the way a Chinese reader writes them.

book.toml and an article's front matter take the same forms: a day, a month or a year
(2024-03-15, 2024-03, 2024), or the same written in Chinese (2024年3月15日), kept as 2024-03-15.
"""

from __future__ import annotations

import datetime as dt
import re

_W3C = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CHINESE = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")
HINT = "Write it as YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2024-03-15), or as 2024年3月15日."


def w3c(value: str) -> str | None:
    """``value`` as a W3C date (2024-03-15, 2024-03, 2024), if it is a day, month or year of the
    calendar in either form; ``None`` if it is not."""
    match = _W3C.fullmatch(value.strip()) or _CHINESE.fullmatch(value.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def chinese(value: str) -> str:
    """A W3C date as a Chinese reader writes it: 2026-11-26 → 2026年11月26日, 2024-03 → 2024年3月;
    anything else as written."""
    match = _W3C.fullmatch(value.strip())
    if not match:
        return value
    year, month, day = match.groups()
    return f"{year}年" + (f"{int(month)}月" if month else "") + (f"{int(day)}日" if day else "")
