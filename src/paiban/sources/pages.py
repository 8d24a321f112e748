"""A printed book's page furniture in its OCR'd text: the page numbers and running heads.

OCR gives a scanned page as it was printed: its folio alone on a line (``— 12 —``, ``- 12 -``,
``·12·``, ``第12页``) and, at the tops of its pages, a running head (the book's or the chapter's
title) again and again. Read as text, a folio was a paragraph or ran into one, and a running head
a subheading in the middle of a sentence. Both are found by their shape and where they stand: a
bare number (a list's, a poem's numbered stanza) is no folio, nor is a text's own section number
over a section shorter than a page (a 组诗's or a novel's — 1 —), and a line is taken for a running
head only in a text whose folios show that it is a printed book's pages, and never a line of verse.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Collection

from .. import patterns
from ..numerals import NUMERAL, numeral_value
from .wrapping import ENDS_SENTENCE, clean_line

FOLIO_LINE = "a page number of the printed book"
RUNNING_HEAD = "a running head (a line repeated atop the printed book's pages)"
# A folio alone on its line, between dashes or dots, or 第…页 (第十二頁).
_FOLIO = patterns.compile(rf"^(?:[—–\-－]{{1,2}}\s*\d{{1,4}}\s*[—–\-－]{{1,2}}|[·・•]\s*\d{{1,4}}\s*[·・•]"
                          rf"|第\s*(?:\d{{1,4}}|{NUMERAL})\s*[页頁])$")
_FOLIO_MAX = 12  # characters: a longer line is no folio, and is spared the pattern
_FOLIO_NUMBER = patterns.compile(rf"\d+|{NUMERAL}")
# The fewest lines of text a printed page holds (a chapter's last page aside): the most a text's own
# section, a stanza or a scene numbered — 2 —, may hold and be told from one.
_PAGE_LINES = 10
# A running head: a short title, which ends no sentence nor clause, printed on at least this many
# pages, each at least a page's lines apart (a poem's refrain, a stanza or two apart, is none).
RUNNING_HEAD_MAX = 20
_RUNNING_HEAD_TIMES = 3
_ENDS_CLAUSE = (*ENDS_SENTENCE, *"，、；：,;:")


def furniture(lines: list[str]) -> dict[int, str]:
    """The numbers (from 1) of ``lines`` that are a printed page's furniture, each with what it
    was taken for (:data:`FOLIO_LINE`, :data:`RUNNING_HEAD`). A running head that is the text's
    first line is its headline, and stays."""
    texts = [clean_line(line) for line in lines]
    found = dict.fromkeys(_folios(texts), FOLIO_LINE)
    if not found:
        return found
    first = next((index for index, text in enumerate(texts) if text), None)
    for places in _running_heads(texts, found.keys()):
        found.update(dict.fromkeys((index + 1 for index in places if index != first), RUNNING_HEAD))
    return found


def page_breaks(lines: list[str], furniture: dict[int, str]) -> set[int]:
    """The numbers of the blank ``lines`` between two lines of a page's ``furniture`` (a folio,
    then the next page's running head): the page's end, which parts no paragraph."""
    breaks: set[int] = set()
    for number in furniture:
        blank = number + 1
        while blank <= len(lines) and not lines[blank - 1].strip():
            blank += 1
        if blank in furniture:
            breaks.update(range(number + 1, blank))
    return breaks


def _folios(texts: list[str]) -> list[int]:
    """The numbers (from 1) of the lines of ``texts`` that are a printed book's folios: lines of a
    folio's shape (:data:`_FOLIO`) whose numbers rise, each but the last (a chapter's last page may be
    short) closing a page's text at least (:data:`_PAGE_LINES`, since the one before or the text's
    start); none when one of them does not. A 组诗's or a novel's own section numbers are of that shape
    (— 1 —, — 2 —), but stand over their sections, the first right under the title, a stanza or a
    scene between two: taken for folios, they were left out, the sections run together, and each
    section's closing refrain was taken for a running head."""
    shaped = [number for number, text in enumerate(texts, 1) if len(text) <= _FOLIO_MAX and _FOLIO.match(text)]
    values = [_folio_value(texts[number - 1]) for number in shaped]
    pages = [sum(1 for text in texts[start:end - 1] if text)  # the lines with words since the folio before
             for start, end in zip([0, *shaped], shaped, strict=False)]
    rising = all(earlier < later for earlier, later in zip(values, values[1:], strict=False))
    full = all(lines >= _PAGE_LINES for lines in pages[:-1] or pages)
    return shaped if rising and full else []


def _folio_value(folio: str) -> int:
    """The page number the ``folio`` line prints, in figures or in Chinese numerals (第十二页)."""
    numeral = _FOLIO_NUMBER.search(folio)[0]
    return numeral_value(numeral)


def _running_heads(texts: list[str], folios: Collection[int]) -> list[list[int]]:
    """Where each running head of ``texts`` is printed (the indices of its lines), a line printed as
    one (see :data:`RUNNING_HEAD_MAX`) none of whose places is in verse (:func:`_in_verse`), the
    ``folios`` (line numbers from 1) aside. Each short line's places are gathered in one pass: looked
    for again through the text for each, 4,000 lines printed three times took seconds."""
    places: dict[str, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        if 2 <= len(text) <= RUNNING_HEAD_MAX:
            places[text].append(index)
    return [at for text, at in places.items()
            if len(at) >= _RUNNING_HEAD_TIMES and _head_shaped(text)
            and all(later - earlier >= _PAGE_LINES for earlier, later in itertools.pairwise(at))
            and not any(_in_verse(texts, index, folios) for index in at)]


def _head_shaped(text: str) -> bool:
    """Whether ``text`` has a running head's shape: a title's words, ending no sentence nor clause."""
    return not text.endswith(_ENDS_CLAUSE) and any(char.isalpha() for char in text)


def _in_verse(texts: list[str], index: int, folios: Collection[int]) -> bool:
    """Whether the line at ``index`` of ``texts`` is one of a block of verse: a line right above or below
    it, no folio, is short and open as it is (:func:`_head_shaped`). A running head stands alone
    between the pages, over the page's text; a poem's refrain closes its stanza, under its lines."""
    return any(0 <= other < len(texts) and other + 1 not in folios and 0 < len(texts[other]) <= RUNNING_HEAD_MAX
               and _head_shaped(texts[other]) for other in (index - 1, index + 1))
