"""Tabs typed inside a line (Word's Tab key, a tab in a line of Markdown): a gap the author meant
to be seen, most often a choice question's options lined up (A．N⇥B．Pa⇥C．kg⇥D．J). HTML sets a
tab as a word space, so every format ran the options together (N B read as one word): each tab
is written as a gap of its own width instead, in the characters the text's script spaces with."""

from __future__ import annotations

import itertools

from lxml import etree

from .. import patterns
from ..punctuation import CJK_CHAR
from ..xhtml import IN_LINE, prose_elements

# How wide a tab's gap is: two characters, Word's default tab stop in a Chinese document.
_TAB_WIDTH = 2
# Chinese text's gap is the full-width space, typed by hand as teachers type it (A．体积　　B．密度);
# a line of Latin text has the em space, as wide, which no rule for Chinese punctuation reads as
# Chinese (a full-width space is one, and a : or ! after it would become ：！).
_CHINESE_GAP, _LATIN_GAP = "\u3000" * _TAB_WIDTH, "\u2003" * _TAB_WIDTH
# A run of tabs, with the word spaces typed beside them, which the gap takes the place of.
_TABS = patterns.compile(r" *(\t+) *")


def tabs_as_gaps(text: str, paragraph: str) -> str:
    """``text``, a part of ``paragraph``'s (all of it, or a run of its markup), with each tab a gap
    (:data:`_TAB_WIDTH`): of full-width spaces where the paragraph has Chinese in it (a character,
    or a mark: A．N⇥B．Pa), else of em spaces."""
    gap = _CHINESE_GAP if CJK_CHAR.search(paragraph) else _LATIN_GAP
    return _TABS.sub(lambda tabs: gap * len(tabs[1]), text)


def tabs_as_gaps_in(root: etree._Element) -> None:
    """Each tab in the text of the parsed fragment ``root`` a gap (:func:`tabs_as_gaps`), Chinese
    where its paragraph is; code keeps its tabs. For a reader whose markup has no white space
    of its own (a Word document's): a tab between two runs (<b>A．N</b>⇥<b>B．Pa</b>) is the text's."""
    for element in [root, *prose_elements(root)]:
        texts = [(element, "text"), *((child, "tail") for child in element)]
        tabbed = [(holder, name) for holder, name in texts if "\t" in (getattr(holder, name) or "")]
        if tabbed:
            paragraph = next(block for block in itertools.chain([element], element.iterancestors())
                             if block.tag not in IN_LINE)
            words = "".join(paragraph.itertext())
            for holder, name in tabbed:
                setattr(holder, name, tabs_as_gaps(getattr(holder, name), words))
