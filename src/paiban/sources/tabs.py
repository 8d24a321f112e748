"""Tabs typed inside a line (Word's Tab key, a tab in a line of Markdown): a gap the author meant
to be seen, most often a choice question's options lined up (A．N⇥B．Pa⇥C．kg⇥D．J). HTML sets a
tab as a word space, so every format ran the options together (N B read as one word): each tab
is written as a gap of its own width instead, in the characters the text's script spaces with."""

from __future__ import annotations

import itertools

from lxml import etree

from .. import patterns
from ..punctuation import CJK_CHAR
from ..xhtml import HEADINGS, IN_LINE, prose_elements
from .docx_structure import number_separator

# How wide a tab's gap is: two characters, Word's default tab stop in a Chinese document.
_TAB_WIDTH = 2
# Chinese text's gap is the full-width space, typed by hand as teachers type it (A．体积　　B．密度);
# a line of Latin text has the em space, as wide, which no rule for Chinese punctuation reads as
# Chinese (a full-width space is one, and a : or ! after it would become ：！).
_CHINESE_GAP, _LATIN_GAP = "\u3000" * _TAB_WIDTH, "\u2003" * _TAB_WIDTH
# A run of tabs, with the word spaces typed beside them, which the gap takes the place of.
_TABS = patterns.compile(r" *(\t+) *")
# Tabs at a line's start or end (text pasted from Word, a spreadsheet, a web page): white space,
# dropped as a line's spaces are; a gap there left a hole mid-paragraph and kept Chinese lines apart.
_LEADING_TABS = patterns.compile(r"\A[ \t]*\t[ \t]*")
_TRAILING_TABS = patterns.compile(r"[ \t]*\t[ \t]*\Z")

# A line's text, or None for a line break (a <br>, a soft break, a block's edge).
Text = str | None


def tabs_as_gaps(texts: list[Text], heading: bool = False) -> list[Text]:
    """A block's ``texts`` in reading order, with the tabs at a line's start or end dropped and
    each other tab a gap (:data:`_TAB_WIDTH`): of full-width spaces where the block has Chinese in
    it (a character, or a mark: A．N⇥B．Pa), else of em spaces; in a ``heading``, a number's
    separator."""
    gap = _CHINESE_GAP if CJK_CHAR.search("".join(filter(None, texts))) else _LATIN_GAP
    gapped = []
    for index, text in enumerate(texts):
        if text and "\t" in text:
            if _at_line_edge(texts[index - 1::-1] if index else []):
                text = _LEADING_TABS.sub("", text)
            if _at_line_edge(texts[index + 1:]):
                text = _TRAILING_TABS.sub("", text)
            text = _gapped(text, gap, heading)
        gapped.append(text)
    return gapped


def _at_line_edge(beyond: list[Text]) -> bool:
    """Whether the texts ``beyond`` a text, outward from it, are white space up to a line break."""
    return all(text.strip() == "" for text in itertools.takewhile(lambda text: text is not None, beyond))


def _gapped(text: str, gap: str, heading: bool) -> str:
    """``text`` with each tab ``gap``, or in a ``heading`` the separator the number before it takes
    (第一章⇥总则 → 第一章　总则, 一、⇥总则 → 一、总则)."""
    if heading:
        return _TABS.sub(lambda tabs: number_separator(text[:tabs.start()]), text)
    return _TABS.sub(lambda tabs: gap * len(tabs[1]), text)


def tabs_as_gaps_in(root: etree._Element) -> None:
    """Each tab in the text of the parsed fragment ``root`` a gap (:func:`tabs_as_gaps`), read a
    block at a time; code keeps its tabs. For a reader whose markup has no white space of its own
    (a Word document's): a tab between two runs (<b>A．N</b>⇥<b>B．Pa</b>) is the text's."""
    prose = set(prose_elements(root))
    for block in [root, *(element for element in prose if element.tag not in IN_LINE)]:
        slots = _line_slots(block, prose)
        texts = [text for _, text in slots]
        if any(text and "\t" in text for text in texts):
            for (holder, _), text in zip(slots, tabs_as_gaps(texts, block.tag in HEADINGS), strict=True):
                if holder:
                    setattr(*holder, text)


# Where a text of a block's lines is (its element, and "text" or "tail"; None where it is not to be
# changed), and the text (None for a line break).
Slot = tuple[tuple[etree._Element, str] | None, Text]


def _line_slots(element: etree._Element, prose: set[etree._Element]) -> list[Slot]:
    """``element``'s own lines' texts in reading order: a <br>, or a block inside (read as a block
    of its own), is a line break; a verbatim element (code) is text that stays as it is."""
    slots: list[Slot] = [((element, "text"), element.text)]
    for child in element:
        if child.tag == "br" or isinstance(child.tag, str) and child.tag not in IN_LINE:
            slots.append((None, None))
        elif child in prose:
            slots.extend(_line_slots(child, prose))
        elif isinstance(child.tag, str):
            slots.append((None, "".join(child.itertext())))
        slots.append(((child, "tail"), child.tail))
    return slots
