"""Which way a paragraph runs: right to left where it is written in a right-to-left script.

HTML sets a paragraph that gives no ``dir`` left to right, and so do reading systems and
WeasyPrint: a Uyghur paragraph of a ``.txt``, which cannot give one, or of Markdown written without
one, was set from the left margin, its full stop after its first word. So a paragraph (a heading,
a list item, a table cell) that gives none, inside nothing that gives one, is given ``dir="rtl"``
when its first letter is of a right-to-left script (Arabic's, Hebrew's) and it holds no Chinese: a
Chinese paragraph that opens with a Uyghur word is Chinese text, read from the left. The PDF needs
the direction written out where HTML works it out: WeasyPrint sets ``dir="auto"`` and a ``<bdi>``
(an isolate, whose direction is its own text's) left to right, so those are given theirs by HTML's
rule, the first letter's, which a reading system would apply to them too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from lxml import etree

from .. import patterns
from ..chars import HAS_HAN

# The characters of right-to-left scripts: Hebrew, Arabic and the scripts Unicode puts after them up
# to U+08FF (Syriac, Thaana, N'Ko …), their presentation forms, the right-to-left mark, and the
# right-to-left blocks of the supplementary plane. A cheap look at an article's text: most have none.
_RIGHT_TO_LEFT = patterns.compile(
    "[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]")
# The elements that hold a paragraph's text (a heading's, a list item's, a table cell's): each is given its direction.
_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "caption",
                         "figcaption"})


def set_directions(root: etree._Element) -> None:
    """Give each paragraph under ``root`` (an article body's wrapper) written in a right-to-left
    script ``dir="rtl"``, and each ``dir="auto"`` and ``<bdi>`` without one the direction of its
    first letter (see the module's docstring). A body with no right-to-left letter is left as it is."""
    if _RIGHT_TO_LEFT.search(etree.tostring(root, method="text", encoding="unicode")):
        _set_within(root, directed=False)


def _set_within(element: etree._Element, directed: bool) -> None:
    """Set the directions of ``element``'s descendants; ``directed``: whether an element around them gives one."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        written = child.get("dir")
        if written == "auto" or (written is None and child.tag == "bdi"):
            if first := _first_direction(child):
                child.set("dir", first)
        elif written is None and not directed and child.tag in _PARAGRAPHS and _right_to_left(child):
            child.set("dir", "rtl")
        _set_within(child, directed or child.get("dir") is not None)


def _right_to_left(paragraph: etree._Element) -> bool:
    """Whether ``paragraph`` opens with a right-to-left letter and holds no Chinese."""
    return _first_direction(paragraph) == "rtl" and not any(HAS_HAN.search(text) for text in _own_texts(paragraph))


def _first_direction(element: etree._Element) -> str | None:
    """The direction of the first letter of ``element``'s own text ("ltr", "rtl"), as HTML's
    ``dir="auto"`` finds it; ``None`` when it has none (digits and marks alone)."""
    for text in _own_texts(element):
        for char in text:
            kind = "L" if HAS_HAN.match(char) else unicodedata.bidirectional(char)  # (an ideograph newer than Python)
            if kind == "L":
                return "ltr"
            if kind in ("R", "AL"):
                return "rtl"
    return None


def _own_texts(element: etree._Element) -> Iterator[str]:
    """``element``'s texts in their order, but those of a part with a direction of its own (an
    element with ``dir``, a ``<bdi>``): HTML sets those apart from the text around them."""
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str) and child.get("dir") is None and child.tag != "bdi":
            yield from _own_texts(child)
        if child.tail:
            yield child.tail
