"""A combining mark on a digit is drawn on it: 简谱's octave dots (5̣ 1̇) and time-value lines (3̲).

A font places a combining mark on its base by the anchors of its ``mark`` feature, and HarfBuzz
places a mark by the glyphs' ink only in a font with no positioning table at all (harfbuzz
issues 307 and 5230). The fonts paiban sets text in anchor marks on letters, none on a digit,
and Noto CJK has no U+0323 or U+0332, which Pango then draws from the next font of the list, in
a run of its own that no anchor reaches across. Each mark was drawn where its outline lies from
the pen: Noto CJK's U+0307 and DejaVu Sans Mono's marks right of the digit, over the gap before
the next note (5̣ 6̣ read 5. 6., two dotted notes; 1̇ 2̇ 3̇ dots between the digits), and DejaVu
Sans Mono draws U+0332 as a column of its own (5̲6̲ printed 5_6_, the code's columns pushed
right); DejaVu Serif's marks came out over the digit by chance.

So, in the PDF:

- a mark on a digit, in a list of fonts paiban chose (it ends in a Latin fallback:
  :data:`~paiban.edition.LATIN_FALLBACK`; a book's own list is drawn as given), is drawn from the
  Latin sans fallback, whose marks are a Latin font's: of no width, their ink over the glyph
  before (:func:`_set_text`). Code's columns stay a column each, and a mark's place in the line
  stays after its digit, where a PDF reader that reads text by its place (poppler's pdftotext, a
  viewer's copy) reads it;
- a mark on a digit that its font left where it was (no offset), in the digit's run or the next,
  is placed as HarfBuzz's fallback places a mark (:class:`_Digit`): centred on the digit's ink,
  and clear of it and of the marks stacked on it before (a double octave's second dot) by a
  sixteenth of an em, above for a mark above and below for one below; a mark drawn clear of them
  keeps its height. A mark its font placed stays where it is.

The marks take no width, so the layout is the same, and so is the PDF's text. Importing this
module installs it, for layout and drawing alike (WeasyPrint sets a text again when it draws it).
"""

from __future__ import annotations

import unicodedata

from weasyprint.draw import text as drawn_text
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

from .. import patterns
from ..edition import LATIN_FALLBACK
from .pango_spans import byte_spans, font_attribute, set_on_spans

# The blocks of combining marks, and a run of them after a digit: a text without one is set and
# drawn as it is, unlooked at.
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_MARKED_DIGIT = patterns.compile(f"[0-9][{_COMBINING}]")
_DIGITS_MARKS = patterns.compile(f"(?<=[0-9])[{_COMBINING}]+")
_DIGITS = frozenset("0123456789")
# The lists of fonts paiban chose, which its Latin fallback ends; and the Latin face of their marks.
_CHOSEN = frozenset(LATIN_FALLBACK.families())
_MARKS_FACE = ",".join(LATIN_FALLBACK.sans).encode()
# Unicode's combining classes of the marks set above their base, and of those set below it.
_ABOVE = frozenset({214, 228, 230, 232, 234})
_BELOW = frozenset({202, 218, 220, 222, 233})
_GAP = 1 / 16  # em: between a mark and the ink it is set clear of (HarfBuzz's fallback's)

_SET_TEXT = line_break.Layout.set_text
_DRAW_FIRST_LINE = drawn_text.draw_first_line


def _set_text(self, text: str, justify: bool = False) -> None:
    """WeasyPrint's ``Layout.set_text`` (and what is installed over it), then the marks on a digit
    drawn from the Latin sans fallback, in a list of fonts paiban chose."""
    _SET_TEXT(self, text, justify)
    if not _MARKED_DIGIT.search(self.text) or _CHOSEN.isdisjoint(self.style["font_family"]):
        return
    set_on_spans(self.layout, ((font_attribute(family=_MARKS_FACE), start, end)
                               for _, start, end in byte_spans(self.text, _DIGITS_MARKS.finditer(self.text))))


def _draw_first_line(stream, textbox, *args, **kwargs):
    """WeasyPrint's ``draw_first_line``, each mark on a digit of the line placed on it first. It
    makes the text one paragraph before it draws, which lays it out afresh unless it is one
    already: so it is made one here, and the line placed is the line drawn."""
    layout = textbox.pango_layout
    if _MARKED_DIGIT.search(layout.text):
        pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
        _place_marks(layout, textbox.style["font_size"] * TO_UNITS * _GAP)
    return _DRAW_FIRST_LINE(stream, textbox, *args, **kwargs)


class _Digit:
    """A digit as drawn, and the ink of what is stacked on it, in Pango units: the centre of its
    ink and the end of its advance, from the line's start; the top and the bottom of the ink,
    from the baseline (down is positive)."""

    def __init__(self, font, glyph, pen: int) -> None:
        ink = _ink(font, glyph.glyph)
        self.centre = pen + glyph.geometry.x_offset + ink.x + ink.width / 2
        self.end = pen + glyph.geometry.width
        self.top = glyph.geometry.y_offset + ink.y
        self.bottom = self.top + ink.height

    def place(self, font, glyph, pen: int, combining: int, gap: float) -> None:
        """Place the mark ``glyph`` of ``font`` (of the combining class ``combining``), drawn from
        ``pen``, on the digit, clear of its ink by ``gap``: unless its font placed it, where it is
        stacked. Its origin stays a quarter of ``gap`` inside the digit's advance, the ink a hair
        off centre if need be: a reader that orders a line's text by its place reads it after the
        digit, not after the next character."""
        ink = _ink(font, glyph.glyph)
        geometry = glyph.geometry
        if not (geometry.x_offset or geometry.y_offset):
            origin = min(self.centre - ink.x - ink.width / 2, self.end - gap / 4)
            geometry.x_offset = round(origin - pen)
            if combining in _ABOVE:
                geometry.y_offset = round(min(0, self.top - gap - (ink.y + ink.height)))
            elif combining in _BELOW:
                geometry.y_offset = round(max(0, self.bottom + gap - ink.y))
        if combining in _ABOVE:
            self.top = min(self.top, geometry.y_offset + ink.y)
        elif combining in _BELOW:
            self.bottom = max(self.bottom, geometry.y_offset + ink.y + ink.height)


def _place_marks(layout, gap: float) -> None:
    """Place each combining mark on a digit of ``layout``'s first line that its font left where it
    was (:class:`_Digit`), ``gap`` Pango units clear of the digit."""
    line, _ = layout.get_first_line()
    written = layout.text.encode()
    pen, digit = 0, None
    run = line.runs[0]
    while run != ffi.NULL:
        item, glyphs = run.data.item, run.data.glyphs
        run = run.next
        if item.analysis.level % 2:  # right to left: no digit of 简谱
            pen += sum(glyphs.glyphs[index].geometry.width for index in range(glyphs.num_glyphs))
            digit = None
            continue
        for first, last in _clusters(glyphs):
            start = item.offset + glyphs.log_clusters[first]
            end = item.offset + (glyphs.log_clusters[last] if last < glyphs.num_glyphs else item.length)
            chars = written[start:end].decode()
            drawn = [glyphs.glyphs[index] for index in range(first, last)]
            if chars[0] in _DIGITS and _known(drawn[0]):
                digit = _Digit(item.analysis.font, drawn[0], pen)
                pen += drawn[0].geometry.width
                chars, drawn = chars[1:], drawn[1:]
            classes = [unicodedata.combining(char) for char in chars]
            if digit is None or len(drawn) != len(chars) or not all(classes) or not all(map(_known, drawn)):
                digit = None if chars else digit  # (a mark's run goes on with the digit of the run before)
                pen += sum(glyph.geometry.width for glyph in drawn)
                continue
            for glyph, combining in zip(drawn, classes, strict=True):
                digit.place(item.analysis.font, glyph, pen, combining, gap)
                pen += glyph.geometry.width


def _clusters(glyphs):
    """Each cluster of ``glyphs`` (a left-to-right run's): the index of its first glyph, and of
    the glyph after its last."""
    first = 0
    for index in range(1, glyphs.num_glyphs + 1):
        if index == glyphs.num_glyphs or glyphs.log_clusters[index] != glyphs.log_clusters[first]:
            yield first, index
            first = index


def _known(glyph) -> bool:
    """Whether ``glyph`` is drawn from its font (not an empty glyph, nor a missing one's box)."""
    return glyph.glyph != pango.PANGO_GLYPH_EMPTY and not glyph.glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG


def _ink(font, glyph: int):
    """The ink rectangle of ``glyph`` of ``font``, in Pango units from its origin (y down)."""
    ink = ffi.new("PangoRectangle *")
    pango.pango_font_get_glyph_extents(font, glyph, ink, ffi.NULL)
    return ink


line_break.Layout.set_text = _set_text
drawn_text.draw_first_line = _draw_first_line
