"""A character that shares its glyph with another keeps its own code point in the PDF's text.

A Kangxi radical (⼀ U+2F00, ⽔ U+2F54), a CJK radical (⺀ U+2E80) or a compatibility ideograph
(漢 U+FA47, 塚 U+FA10, 兔 U+2F80F) is a code point of its own, but a font may draw it with the
glyph of its unified twin: Noto CJK draws ⼀ and 一 with one glyph, and its SC face 漢 U+FA47 and
漢 U+6F22. A PDF gives each glyph of a font one text (its ToUnicode map), and WeasyPrint 70
writes the text it met first: after one ⼀ in a 部首考, every later 一 of that font was copied and
searched as the radical (or the radical as 一, when 一 came first). Two marks too: Noto CJK's SC, TC
and HK faces draw Taiwan's 间隔号 ‧ U+2027 with the glyph of the bullet • U+2022 (a mainland web
page's 间隔号, and every bulleted list's marker), and all its faces ⋯ U+22EF with that of … U+2026:
after one ‧ every • of its font, a list's markers too, was copied as ‧. WeasyPrint writes no
``/ActualText``, the one way a PDF gives a glyph another text at one place.

So each such character is drawn from a font of its own, with its own ToUnicode map: the same
face, set apart by a font variation of an axis no font has (:data:`_AXIS`). WeasyPrint tells
its fonts apart by their description, variations included, and makes each a font of the PDF;
HarfBuzz ignores an axis the font lacks, so the glyph is the same, and WeasyPrint is told to leave
it out where it makes a static instance of a variable font (:func:`_font_init`), which an
unknown axis would stop. Of each pair of marks, the one fewer books hold is set apart: Taiwan's ‧
and ⋯, for a bullet and … are in most. Kangxi radicals, CJK radicals, compatibility ideographs and
those marks are set apart from one another too, as fonts draw some of them alike (⺐ and ⼪), and
a compatibility ideograph from another of one unified form (樂 U+F914, U+F95C and U+F9BF). (Two
CJK radicals that Noto CJK draws alike, ⺫ U+2EAB and ⺲ U+2EB2, still share their text.) The cost
is one more subset of a face for each kind that it draws, some 20–80 KB, in a book that has one
(a Taiwan book's ‧ or ⋯ too); no other book pays it.

Importing this module installs it, for layout and drawing alike: WeasyPrint sets a text's
attributes again when it draws it, which is when it maps each glyph to its text.
"""

from __future__ import annotations

import functools
import unicodedata

from weasyprint.pdf import fonts
from weasyprint.text import line_break

from .. import patterns
from ..chars import COMPATIBILITY
from .pango_spans import byte_spans, font_attribute, set_on_spans

# The characters fonts draw with another's glyph, by kind: CJK radicals, Kangxi radicals,
# compatibility ideographs (and their supplement), and the marks ‧ and ⋯.
_KIND_CLASSES = ("\u2e80-\u2eff", "\u2f00-\u2fdf", COMPATIBILITY, "\u2027\u22ef")
_KINDS = tuple(patterns.compile(f"[{kind}]") for kind in _KIND_CLASSES)
_TWINS = patterns.compile(f"[{''.join(_KIND_CLASSES)}]")
# The axis that sets them apart ("paiban twin"): no font has it.
_AXIS = "PBTW"

_set_text = line_break.Layout.set_text
_FONT_INIT = fonts.Font.__init__


@functools.cache
def _set_apart(char: str) -> bytes:
    """The variation that draws ``char`` from a font of its own: one for each kind, and for each
    compatibility ideograph of one unified form (the first of them, the second …)."""
    kind = next(number for number, pattern in enumerate(_KINDS) if pattern.match(char))
    unified = unicodedata.normalize("NFC", char)
    rank = sum(1 for other in _same_form(unified) if other < char)
    return f"{_AXIS}={1 + kind + len(_KINDS) * rank}".encode()


@functools.cache
def _same_form(unified: str) -> tuple[str, ...]:
    """The compatibility ideographs whose unified form is ``unified`` (U+F914, U+F95C, U+F9BF of 樂)."""
    compatibility = [*range(0xF900, 0xFB00), *range(0x2F800, 0x2FA20)]
    return tuple(chr(code) for code in compatibility
                 if chr(code) != unified and unicodedata.normalize("NFC", chr(code)) == unified)


def _set_text_apart(self, text: str, justify: bool = False) -> None:
    """WeasyPrint's ``Layout.set_text`` (and what is installed over it), then each twin of another
    character drawn from a font of its own."""
    _set_text(self, text, justify)
    if not _TWINS.search(self.text):
        return
    set_on_spans(self.layout, ((font_attribute(variations=_set_apart(match[0])), start, end)
                               for match, start, end in byte_spans(self.text, _TWINS.finditer(self.text))))


def _font_init(self, pango_font, description, font_size) -> None:
    """WeasyPrint's font of the PDF, without :data:`_AXIS` among the variations it instantiates a
    variable font with (fontTools refuses an axis the font lacks, and WeasyPrint then embeds the
    whole variable font, drawn at its default weight)."""
    _FONT_INIT(self, pango_font, description, font_size)
    self.variations.pop(_AXIS, None)


line_break.Layout.set_text = _set_text_apart
fonts.Font.__init__ = _font_init
