"""Hard-wrapped text: paragraphs broken into lines of a fixed width, joined back together.

Text saved from terminals, e-mail and some news systems has every paragraph cut into lines
of the same display width (a Chinese character counts two columns). A line that fills the
width continues on the next one, unless the next is blank or indented: that starts a new
paragraph. Chinese needs no space where a line was cut; Latin words do.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from statistics import median_low

# Wrapping is recognised only on strong evidence, since joining lines that were meant apart
# (a list, an address, a timetable) runs them into one paragraph: enough lines fill the same
# width, that width holds a line of prose (at least 20 characters, in whatever script), and
# most of those lines stop mid-sentence. Short list items of one length are none of that.
MIN_CHARACTERS, MIN_FULL_LINES, MIN_FULL_SHARE, MIN_OPEN_SHARE = 20, 4, 1 / 3, 1 / 2
# Where a sentence ends: a full line ending in one of these is no evidence of a cut.
ENDS_SENTENCE = tuple("。！？…”」』.!?")
# A wrapper cannot always fill the last column: a two-column character may not fit, and
# line-breaking rules move a closing mark (。，」) or an opening one to the other line.
SLACK = 2
# How a paragraph of text is indented: a line so indented starts one (and, first in a text whose
# other lines are not, is no headline).
INDENT = ("\u3000", "  ", "\t")


def unwrap(lines: list[str]) -> list[tuple[int, str]]:
    """Rejoin the paragraphs of hard-wrapped text, each with the number of the line it starts on
    (from 1, for a warning to name); text that is not wrapped comes back line for line."""
    width = wrap_width(lines)
    if width is None:
        return list(enumerate(lines, 1))
    joined: list[tuple[int, str]] = []
    previous_full = False
    for number, line in enumerate(lines, 1):
        line = line.rstrip()
        if previous_full and line and not line.startswith(INDENT):
            joined[-1] = (joined[-1][0], join_lines(joined[-1][1], line))
        else:
            joined.append((number, line))
        previous_full = display_width(line) >= width - SLACK
    return joined


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or ``None`` when its lines are not of a fixed width."""
    text = [line.rstrip() for line in lines if line.strip()]
    widths = [display_width(line) for line in text]
    counts = Counter(widths)
    best = max(counts, key=lambda w: (sum(counts[w - s] for s in range(SLACK + 1)), w), default=0)
    full = [line for line, width in zip(text, widths, strict=True) if best - SLACK <= width <= best]
    wider = sum(1 for w in widths if w > best)
    if (len(full) < MIN_FULL_LINES or len(full) < MIN_FULL_SHARE * len(widths)
            or wider > len(widths) / 10 or not _cut_prose(full)):
        return None
    return best


def _cut_prose(full: list[str]) -> bool:
    """Whether lines of one width look like prose cut by a wrapper: long enough to hold a
    sentence, and mostly stopping in the middle of one."""
    long = median_low(len(line) for line in full) >= MIN_CHARACTERS
    open_ended = sum(not line.endswith(ENDS_SENTENCE) for line in full)
    return long and open_ended >= MIN_OPEN_SHARE * len(full)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width font: two for wide (Chinese) characters, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def join_lines(line: str, continuation: str) -> str:
    """Chinese is cut anywhere and joins with no space. Between Latin text the wrapper cut at a
    space and dropped it, so it comes back (a word cut in two is the rare loss)."""
    latin = line[-1].isascii() and continuation[0].isascii()
    return line + (" " if latin else "") + continuation
