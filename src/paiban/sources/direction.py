"""Which way a paragraph runs: right to left where it is written in a right-to-left script.

HTML sets a paragraph that gives no ``dir`` left to right, and so do reading systems and
WeasyPrint: a Uyghur paragraph of a ``.txt``, which cannot give one, or of Markdown written without
one, was set from the left margin, its full stop after its first word. So a paragraph (a heading,
a table cell) that gives none, inside nothing that gives one, is given ``dir="rtl"`` when most of
its text is of a right-to-left script (Arabic's, Hebrew's) and it holds no Chinese: a Chinese
paragraph that opens with a Uyghur word is Chinese text, read from the left. Most of its text, not
its first letter (HTML's rule for ``dir="auto"``): an English sentence that opens with the Hebrew
word it explains is English, and a kaomoji, ``(و ˃̵ᴗ˂̵)و``, whose only letters are two Arabic waw
among its symbols, is no Arabic text; set right to left, the one ended at its left, its phrases in
reverse order in print, and the other was drawn mirrored. A list whose every item is so written is
given the direction, not its items: an item's marker is drawn at its start, and the list keeps
the room for it on its own start side (base.css), where an item set right to left drew it past
the text block's right edge.

The PDF needs the direction written out where HTML works it out: WeasyPrint sets ``dir="auto"``
and a ``<bdi>`` (an isolate, whose direction is its own text's) left to right, so those are given
theirs by HTML's rule, the first letter's, which a reading system would apply to them too.
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
# The elements that hold a paragraph's text (a heading's, a table cell's): each is given its direction.
_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "caption", "figcaption"})
# The lists: one is given the direction its items are all written in, and its items none.
_LISTS = frozenset({"ul", "ol"})


def set_directions(root: etree._Element) -> None:
    """Give each paragraph and list under ``root`` (an article body's wrapper) written in a
    right-to-left script ``dir="rtl"``, and each ``dir="auto"`` and ``<bdi>`` without one the
    direction of its first letter (see the module's docstring). A body with no right-to-left letter
    is left as it is."""
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
        elif written is None and not directed and _written_right_to_left(child):
            child.set("dir", "rtl")
        _set_within(child, directed or child.get("dir") is not None)


def _written_right_to_left(element: etree._Element) -> bool:
    """Whether ``element`` is a paragraph written in a right-to-left script, or a list whose items all are."""
    if element.tag in _PARAGRAPHS:
        return _right_to_left(element)
    if element.tag in _LISTS:
        items = [child for child in element if child.tag == "li"]
        return bool(items) and all(_right_to_left(item) for item in items)
    return False


def _right_to_left(paragraph: etree._Element) -> bool:
    """Whether most of ``paragraph``'s own letters, marks of punctuation and symbols are of a
    right-to-left script, and none is Chinese (spaces, digits and combining marks have no say)."""
    text = "".join(_own_texts(paragraph))
    if not _RIGHT_TO_LEFT.search(text) or HAS_HAN.search(text):
        return False
    kinds = [unicodedata.bidirectional(char) for char in text if unicodedata.category(char)[0] in "LPS"]
    return 2 * sum(kind in ("R", "AL") for kind in kinds) > len(kinds)


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
