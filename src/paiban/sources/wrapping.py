"""Hard-wrapped text: paragraphs broken into lines of a fixed width, joined back together.

Text saved from terminals, e-mail and some news systems has every paragraph cut into lines
of the same display width (a Chinese character counts two columns). A line that fills the
width continues on the next one, unless the next is blank or indented: that starts a new
paragraph. Chinese needs no space where a line was cut; Latin words do, and a word a printer
broke at a hyphen is whole again.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection
from statistics import median_low

from .. import patterns

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
# A note at a printed page's foot, as OCR gives it: a circled number, then its words (① 初稿成於…).
# It starts a paragraph, never run into the sentence above it; a call cut to a line's start (①。) is no note.
_NOTE = patterns.compile(r"[\u2460-\u2473][ \u3000]?\w")
# A word a printer broke at a line's end with a hyphen (Wal- / den, Words- / worth): its line plainly
# runs on, however narrow, and a lowercase letter after joins it with the hyphen gone.
_BROKEN_WORD = patterns.compile(r"(?P<word>[A-Za-z]*[a-z])-$")
# The first halves of English compounds, which keep their hyphen when broken at it (self- / made).
_HYPHENATED_PREFIXES = frozenset({"self", "well", "ill", "half", "non", "ex", "all", "cross"})
_LATIN_WORD = patterns.compile(r"[A-Za-z]+")
_COMPOUND = patterns.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")


def clean_line(line: str) -> str:
    """``line`` without the white space round it, full-width spaces too: they are how a web page, a
    novel and a scanned book's OCR indent paragraphs, and the stylesheet indents instead."""
    return line.strip().strip("\u3000").strip()


def unwrap(lines: list[str], apart: Callable[[str], bool] = lambda line: False,
           skip: Collection[int] = ()) -> list[tuple[int, str]]:
    """Rejoin the paragraphs of hard-wrapped text, each with the number of the line it starts on
    (from 1, for a warning to name); text that is not wrapped comes back line for line. A line
    ``apart`` says stands apart (a chapter's) is never run into the line above it; the lines
    numbered in ``skip`` (a printed page's furniture, taken out, and the blank lines between) are
    passed over: a sentence runs on across them, but one that ended before them ends its paragraph
    (the next page may open with a chapter's title)."""
    kept = [(number, line) for number, line in enumerate(lines, 1) if number not in skip]
    width = wrap_width([line for _, line in kept])
    if width is None:
        return kept
    joined: list[tuple[int, str]] = []
    previous_full = False
    compounds = _compounds(lines) if any(line.rstrip().endswith("-") for _, line in kept) else set()
    previous = 0
    for number, line in kept:
        line = line.rstrip()
        ended_before_skip = bool(joined) and number > previous + 1 and joined[-1][1].endswith(ENDS_SENTENCE)
        if (previous_full and line and not line.startswith(INDENT) and not _NOTE.match(line) and not ended_before_skip
                and not apart(line)):
            joined[-1] = (joined[-1][0], join_lines(joined[-1][1], line, compounds))
        else:
            joined.append((number, line))
        previous_full = display_width(line) >= width - SLACK or _broken_word(line) is not None
        previous = number
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


def join_lines(line: str, continuation: str, compounds: Collection[str] = ()) -> str:
    """Chinese is cut anywhere and joins with no space. Between Latin text the wrapper cut at a
    space and dropped it, so it comes back; a word a printer broke with a hyphen is whole again
    (:func:`_rejoined`)."""
    if (broken := _broken_word(line)) and continuation[0].isascii() and continuation[0].isalpha():
        return _rejoined(line, broken, continuation, compounds)
    latin = line[-1].isascii() and continuation[0].isascii()
    return line + (" " if latin else "") + continuation


def _broken_word(line: str) -> re.Match | None:
    """The word broken at a hyphen that ``line`` ends in (:data:`_BROKEN_WORD`), if it ends in one."""
    return _BROKEN_WORD.search(line) if line.endswith("-") else None


def _rejoined(line: str, broken: re.Match, continuation: str, compounds: Collection[str]) -> str:
    """``line``, ending in a word ``broken`` at its hyphen, run on into ``continuation``: as good
    dehyphenators do (Calibre's), the hyphen goes between lowercase halves (Wal- / den is Walden)
    unless the text writes the compound with it elsewhere, or its first half is a prefix that
    takes one (self- / made is self-made); before a capital (Anglo- / Saxon) it stays."""
    second = _LATIN_WORD.match(continuation)[0]
    kept = (continuation[0].isupper() or f"{broken['word']}-{second}".lower() in compounds
            or broken["word"].lower() in _HYPHENATED_PREFIXES)
    return line[:-1] + ("-" if kept else "") + continuation


def _compounds(lines: list[str]) -> set[str]:
    """The hyphenated words ``lines`` write whole on a line (self-made), lowercased."""
    return {word.lower() for line in lines for word in _COMPOUND.findall(line)}
