"""Chinese lines justified as Chinese typesetting does it: a line's slack shared between its characters.

WeasyPrint 70 justifies a line only by widening its spaces (``layout.inline.justify_line``).
Chinese text has none. A line of ideographs ends flush only because the measure is a whole
number of ems; a line with compressed punctuation or a Latin word in it ends short; and a line
with a Latin phrase puts all its slack into the phrase's one space, a hole several characters
wide. Browsers justify CJK text between its characters (CSS Text 3, ``text-justify: auto``),
and so does this: every CJK character is an expansion opportunity, like a space.

WeasyPrint widens a space with a Pango letter-spacing attribute on it, which Pango gives half
before and half after the character; at the ends of a text box the outer half is lost, so
WeasyPrint doubles it there. A CJK character is given the same, so each adds exactly the
justification spacing: between the characters, never before the first or after the last.
Importing this module installs it, for layout and drawing alike (WeasyPrint sets a text's
attributes again when it draws it).
"""

from __future__ import annotations

import re

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

# Ideographs, kana, CJK and full-width punctuation, and the marks Chinese text sets full width.
CJK = re.compile("[\u2014\u2018-\u201d\u2026\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
                 "\uff00-\uffef\U00020000-\U0003134f]")

_set_text = line_break.Layout.set_text


def _set_text_justified(self, text: str, justify: bool = False) -> None:
    """WeasyPrint's ``Layout.set_text``, then the justification spacing on each CJK character."""
    _set_text(self, text, justify)
    if not (justify and self.justification_spacing and CJK.search(self.text)):
        return
    spacing = int(self.justification_spacing * TO_UNITS)
    letter_spacing = self.style["letter_spacing"]  # the theme's own, which WeasyPrint set on all the text
    letter_spacing = 0 if letter_spacing == "normal" else int(letter_spacing * TO_UNITS)
    attributes = pango.pango_layout_get_attributes(self.layout)
    if attributes == ffi.NULL:
        attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    length, start = len(self.text.encode("utf-8")), 0  # Pango counts in UTF-8 bytes
    for char in self.text:
        end = start + len(char.encode("utf-8"))
        if CJK.match(char):
            attribute = pango.pango_attr_letter_spacing_new(
                letter_spacing + spacing * (1 + (start == 0) + (end == length)))
            attribute.start_index, attribute.end_index = start, end
            pango.pango_attr_list_change(attributes, attribute)
        start = end
    pango.pango_layout_set_attributes(self.layout, attributes)


def _count_expandable(box) -> int:
    """WeasyPrint's ``count_expandable_spaces``, with each CJK character counted as one: but
    not a lone one (a mark in its own span), whose both halves Pango drops at the box's ends."""
    if isinstance(box, boxes.TextBox):
        characters = len(CJK.findall(box.text)) if len(box.text) > 1 else 0
        return box.text.count(" ") + box.text.count("\u00a0") + characters
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return sum(_count_expandable(child) for child in box.children)
    return 0


line_break.Layout.set_text = _set_text_justified
inline.count_expandable_spaces = _count_expandable
