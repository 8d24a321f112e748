"""Hard-wrapped text: paragraphs broken into lines of a fixed width, joined back together.

Text saved from terminals, e-mail and some news systems has every paragraph cut into lines
of the same display width (a Chinese character counts two columns). A line that fills the
width continues on the next one, unless the next is blank or indented: that starts a new
paragraph. Chinese needs no space where a line was cut; Latin words do.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

# Wrapping is recognised only when enough lines fill the same width.
MIN_WIDTH, MIN_FULL_LINES, MIN_FULL_SHARE = 20, 3, 1 / 3
# A wrapper cannot always fill the last column: a two-column character may not fit, and
# line-breaking rules move a closing mark (。，」) or an opening one to the other line.
SLACK = 2
_INDENT = ("\u3000", "  ", "\t")


def unwrap(lines: list[str]) -> list[str]:
    """Rejoin the paragraphs of hard-wrapped text; text that is not wrapped comes back unchanged."""
    width = wrap_width(lines)
    if width is None:
        return lines
    joined: list[str] = []
    previous_full = False
    for line in lines:
        line = line.rstrip()
        if previous_full and line and not line.startswith(_INDENT):
            joined[-1] = _join(joined[-1], line)
        else:
            joined.append(line)
        previous_full = display_width(line) >= width - SLACK
    return joined


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or ``None`` when its lines are not of a fixed width."""
    widths = [display_width(line.rstrip()) for line in lines if line.strip()]
    counts = Counter(widths)
    best = max(counts, key=lambda w: (sum(counts[w - s] for s in range(SLACK + 1)), w), default=0)
    full = sum(counts[best - s] for s in range(SLACK + 1))
    wider = sum(1 for w in widths if w > best)
    if best < MIN_WIDTH or full < MIN_FULL_LINES or full < MIN_FULL_SHARE * len(widths) or wider > len(widths) / 10:
        return None
    return best


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width font: two for wide (Chinese) characters, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _join(line: str, continuation: str) -> str:
    """Chinese is cut anywhere and joins with no space. Between Latin text the wrapper cut at a
    space and dropped it, so it comes back (a word cut in two is the rare loss)."""
    latin = line[-1].isascii() and continuation[0].isascii()
    return line + (" " if latin else "") + continuation
