"""Half-width punctuation inside Chinese text becomes full-width; numbers, Latin and URLs stay.

Text scraped from the web is full of ``,`` ``:`` ``(`` typed on a Latin keyboard between
Chinese characters. A mark is replaced only when a Chinese character stands beside it on the
side that matters, so ``3,471.74``, ``Hello, world`` and ``https://a.b/c?d=e`` keep theirs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Han ideographs (with extensions and compatibility forms), CJK punctuation and full-width forms.
_CJK = (
    r"\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
    r"\uff00-\uffef\U00020000-\U0003134f“”‘’…—"
)
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A URL runs to the first space or Chinese character; trailing sentence marks are not part of it.
_URL = re.compile(rf"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|mailto:)[^\s{_CJK}]*[^\s{_CJK},.;:!?)]")

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}

# A separator right after Chinese text (a digit before it means 3,471 or 08:12: left alone).
_AFTER_CJK = re.compile(rf"(?<=[{_CJK}])([,;:?!])")
# A separator precedes Chinese text and follows neither a digit nor a Latin letter.
_BEFORE_CJK = re.compile(rf"(?<![0-9A-Za-z])([,;:?!])(?=[{_HAN}])")
_PAREN = re.compile(r"\(([^()]*)\)")
_HAS_HAN = re.compile(rf"[{_HAN}]")


def normalise(text: str) -> str:
    """Return ``text`` with half-width punctuation inside Chinese text made full-width."""
    return outside_urls(text, _normalise_prose)


def outside_urls(text: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to the prose of ``text`` and leave the URLs written in it as they are."""
    pieces = []
    position = 0
    for url in _URL.finditer(text):
        pieces.append(change(text[position:url.start()]))
        pieces.append(url.group())
        position = url.end()
    pieces.append(change(text[position:]))
    return "".join(pieces)


def _normalise_prose(text: str) -> str:
    text = _AFTER_CJK.sub(lambda m: _FULL[m.group(1)], text)
    text = _BEFORE_CJK.sub(lambda m: _FULL[m.group(1)], text)
    return _PAREN.sub(_paren, text)


def _paren(match: re.Match[str]) -> str:
    """Parentheses around (or beside) Chinese text become （…）; ``(a + b)`` stays."""
    inside = match.group(1)
    before = match.string[match.start() - 1] if match.start() else ""
    if _HAS_HAN.search(inside) or _HAS_HAN.match(before):
        return f"（{inside}）"
    return match.group()
