"""A printed book's page furniture in its OCR'd text: the page numbers and running heads.

OCR gives a scanned page as it was printed: its folio alone on a line (``— 12 —``, ``- 12 -``,
``·12·``, ``第12页``) and, at the tops of its pages, a running head (the book's or the chapter's
title) again and again. Read as text, a folio was a paragraph or ran into one, and a running head
a subheading in the middle of a sentence. Both are found by their shape alone; a bare number (a
list's, a poem's numbered stanza) is no folio, and a line is taken for a running head only in a
text whose folios show that it is a printed book's pages.
"""

from __future__ import annotations

from collections import Counter

from .. import patterns
from ..numerals import NUMERAL
from .wrapping import ENDS_SENTENCE, clean_line

FOLIO_LINE = "a page number of the printed book"
RUNNING_HEAD = "a running head (a line repeated atop the printed book's pages)"
# A folio alone on its line, between dashes or dots, or 第…页 (第十二頁).
_FOLIO = patterns.compile(rf"^(?:[—–\-－]{{1,2}}\s*\d{{1,4}}\s*[—–\-－]{{1,2}}|[·・•]\s*\d{{1,4}}\s*[·・•]"
                          rf"|第\s*(?:\d{{1,4}}|{NUMERAL})\s*[页頁])$")
_FOLIO_MAX = 12  # characters: a longer line is no folio, and is spared the pattern
# A running head: a short title, which ends no sentence nor clause, printed on at least this many
# pages, each at least a page's lines apart (a poem's refrain, a stanza or two apart, is none).
RUNNING_HEAD_MAX = 20
_RUNNING_HEAD_TIMES = 3
_PAGE_LINES = 8
_ENDS_CLAUSE = (*ENDS_SENTENCE, *"，、；：,;:")


def furniture(lines: list[str]) -> dict[int, str]:
    """The numbers (from 1) of ``lines`` that are a printed page's furniture, each with what it
    was taken for (:data:`FOLIO_LINE`, :data:`RUNNING_HEAD`). A running head that is the text's
    first line is its headline, and stays."""
    texts = [clean_line(line) for line in lines]
    found = {number: FOLIO_LINE for number, text in enumerate(texts, 1)
             if len(text) <= _FOLIO_MAX and _FOLIO.match(text)}
    if not found:
        return found
    first = next((text for text in texts if text), None)
    for head in _running_heads(texts):
        found.update({number: RUNNING_HEAD for number, text in enumerate(texts, 1) if text == head})
        if head == first:
            del found[texts.index(first) + 1]
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


def _running_heads(texts: list[str]) -> list[str]:
    """The lines of ``texts`` printed as running heads (see :data:`RUNNING_HEAD_MAX`)."""
    counts = Counter(text for text in texts if 2 <= len(text) <= RUNNING_HEAD_MAX)
    heads = []
    for text, count in counts.items():
        if count < _RUNNING_HEAD_TIMES or text.endswith(_ENDS_CLAUSE) or not any(char.isalpha() for char in text):
            continue
        at = [index for index, line in enumerate(texts) if line == text]
        if all(later - earlier >= _PAGE_LINES for earlier, later in zip(at, at[1:], strict=False)):
            heads.append(text)
    return heads
