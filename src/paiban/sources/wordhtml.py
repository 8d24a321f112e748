"""What both of Word's readers do alike to the HTML they are given: a .docx's as mammoth writes it
(:mod:`.docx`), and a page Word saved (:mod:`.wordpage`), which is read as the .docx it was.

- A number opening a list's item, in the kinds of number a list is counted in (:data:`_KINDS`):
  typed by hand in a .docx, shown by Word on a page. A run of such items becomes a list counted
  from the first one's number, in its kind (:func:`new_list`).
- A paragraph of nothing but spaces (an Enter pressed for space) is left out
  (:func:`~paiban.xhtml.drop_empty_paragraphs`).
- Word puts a paragraph in every table cell: a cell of one holds its text directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from lxml import etree

from ..numerals import chinese_value

_CHINESE_NUMBER = "[一二三四五六七八九十百〇零]+"


class _Kind(NamedTuple):
    """A kind of number a list is counted in: the number as written (a pattern, the count's
    characters in a group named for the kind), the class of the list (``None``: figures, 1.)
    and the count its characters give."""

    written: str
    css_class: str | None
    count: Callable[[str], int]


def _letter_count(letter: str) -> int:
    """The count a letter of the alphabet gives (a and A are 1)."""
    return ord(letter.lower()) - 0x60


# The numbers a list is counted in (README, "How a list is numbered"), as written before its
# items, by the name of their kind. "1）" is none: no list class counts so (it stays as written);
# "1)" and "a)" are GB/T 1.1's 列项. A number of four figures is a year (2025、2026年两年), no item's.
_KINDS = {
    "stop": _Kind(r"(?P<stop>\d{1,3})\s*[.．](?!\d)", None, int),  # not the 1. of 1.1 or 1.5万
    "comma": _Kind(r"(?P<comma>\d{1,3})\s*、", "list-decimal-comma", int),
    "paren": _Kind(r"[（(](?P<paren>\d{1,3})[）)]", "list-decimal-paren", int),
    "right_paren": _Kind(r"(?P<right_paren>\d{1,3})\)", "list-decimal-right-paren", int),
    "circled": _Kind(r"(?P<circled>[\u2460-\u2473])", "list-circled", lambda circled: ord(circled) - 0x245F),
    "chinese": _Kind(rf"(?P<chinese>{_CHINESE_NUMBER})、", "list-chinese", chinese_value),
    "chinese_paren": _Kind(rf"[（(](?P<chinese_paren>{_CHINESE_NUMBER})[）)]", "list-chinese-paren", chinese_value),
    "lower_alpha": _Kind(r"(?P<lower_alpha>[a-z])[.）]", "list-lower-alpha", _letter_count),
    "lower_alpha_right_paren": _Kind(r"(?P<lower_alpha_right_paren>[a-z])\)", "list-lower-alpha-right-paren",
                                     _letter_count),
    "upper_alpha": _Kind(r"(?P<upper_alpha>[A-Z])[.）]", "list-upper-alpha", _letter_count),
    "upper_alpha_right_paren": _Kind(r"(?P<upper_alpha_right_paren>[A-Z])\)", "list-upper-alpha-right-paren",
                                     _letter_count),
}


class Number(NamedTuple):
    """A number opening a list's item: its kind (a name :func:`number_pattern` takes) and its count."""

    kind: str
    count: int


def number_pattern(*kinds: str) -> str:
    """The pattern of a number of any of ``kinds`` (of every kind, given none), which
    :func:`number_in` reads a match of."""
    return "|".join(_KINDS[kind].written for kind in kinds or _KINDS)


def number_in(match: re.Match[str]) -> Number:
    """The number a match of a :func:`number_pattern` found: its kind is the group that matched."""
    kind = match.lastgroup
    return Number(kind, _KINDS[kind].count(match[kind]))


def new_list(first: Number) -> etree._Element:
    """An empty list counted in the kind of its ``first`` number (``ol.list-decimal-paren`` for
    （3）), from that number's count (``start="3"``)."""
    listing = etree.Element("ol")
    if css_class := _KINDS[first.kind].css_class:
        listing.set("class", css_class)
    if first.count != 1:
        listing.set("start", str(first.count))
    return listing


def unwrap_cells(root: etree._Element, alignment: str) -> None:
    """Word puts each table cell's text in a paragraph, which took the text's first-line indent,
    pushing every cell's text right: a cell of one paragraph holds its text directly, with the
    paragraph's ``alignment`` (the attribute saying it: mammoth's ``class="align-center"``, a
    page's ``align=center``), not the line breaks around the paragraph in a page's source."""
    for cell in list(root.iter("td", "th")):
        if len(cell) == 1 and cell[0].tag == "p" and not (cell.text or "").strip() and not (cell[0].tail or "").strip():
            paragraph = cell[0]
            if aligned := paragraph.get(alignment):
                cell.set(alignment, aligned)
            cell.text = paragraph.tail = None
            paragraph.drop_tag()
