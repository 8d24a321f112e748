"""A cover for a book that has none: title, subtitle and authors set in the edition's fonts.

E-reader libraries show covers; a blank or missing one makes a book look broken. The image
is drawn with Pillow from the theme's colours, 1600×2400 pixels (the 2:3 stores ask for). Each
line is measured in its font and kept inside the frame; a long title is set smaller.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import patterns
from ..edition import Edition, fonts_for
from ..errors import PaibanError
from ..fonts import first_file
from ..model import Metadata
from ..punctuation import CLOSING, OPENING

if TYPE_CHECKING:
    from PIL import ImageFont

SIZE = (1600, 2400)
PAPER, INK, ACCENT = "#f4efe4", "#2b2b2b", "#8b1a1a"  # the default theme's colours
FRAME, STROKE = 120, 6  # the frame's distance from the edges, and its width
TEXT_LEFT, TEXT_RIGHT = 200, 1400  # every line stays between these: 74 px clear of the frame
WIDTH = TEXT_RIGHT - TEXT_LEFT
RULE, TITLE_TOP, PEOPLE_BOTTOM = 700, 820, 1960  # the accent rule; where the title begins, the names end
GAP = 72  # between the title, the subtitle and the names
# The title's sizes, largest first: the next is taken while it needs more lines than TITLE_LINES,
# or the title and subtitle do not fit above the names. At the last, what does not fit is cut (…).
TITLE_SIZES, TITLE_LINES = (150, 128, 108, 92, 78, 66, 56), 4
PEOPLE_SIZE, PEOPLE_LINES = 72, 3  # names beyond three lines end in 等, as a long list of authors does
# What a line may break between: a Latin word (or number) whole, any other character alone, each
# with the opening marks before it and the closing marks after it, so no line begins with ，or 」
# nor ends with 「.
_UNIT = patterns.compile(rf"[{re.escape(OPENING)}]*(?:[!-~\u00a1-\u024f]+|\S)[{re.escape(CLOSING)}？！,.;:!?)\]]*\s*")


@dataclass(frozen=True)
class Line:
    """A line of the cover, centred across it, the top of its font's ascent at ``top``."""

    text: str
    font: ImageFont.FreeTypeFont
    top: int

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Where its ink is (left, top, right, bottom)."""
        left, top, right, bottom = self.font.getbbox(self.text, anchor="ma")
        return SIZE[0] / 2 + left, self.top + top, SIZE[0] / 2 + right, self.top + bottom


def generated_cover(meta: Metadata, edition: Edition) -> bytes:
    """A PNG cover for ``meta`` in ``edition``'s fonts."""
    from PIL import Image, ImageDraw  # only when a cover is drawn (a cached one is not)

    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    draw.rectangle([FRAME, FRAME, width - FRAME, height - FRAME], outline=ACCENT, width=STROKE)
    draw.rectangle([FRAME + 30, RULE, width - FRAME - 30, RULE + 12], fill=ACCENT)
    for line in cover_lines(meta, edition):
        draw.text((width / 2, line.top), line.text, font=line.font, fill=INK, anchor="ma")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # optimize=True: 1 % smaller for twice the time (60 ms more)
    return buffer.getvalue()


def cover_lines(meta: Metadata, edition: Edition) -> list[Line]:
    """The title, subtitle and names, each wrapped within the text's width: the names at the foot,
    the title and subtitle below the rule, at the largest size that fits above the names."""
    people_font = _font(_families(edition, "serif"), "Regular", PEOPLE_SIZE)
    people = _wrap([" ".join(name.split()) + "　" for name in meta.authors or meta.editors], people_font)
    if len(people) > PEOPLE_LINES:
        people = people[:PEOPLE_LINES - 1] + [_shortened(people[PEOPLE_LINES - 1] + "　等", people_font, "　等")]
    people_top = PEOPLE_BOTTOM - _height(people, people_font)
    bottom = people_top - GAP if people else PEOPLE_BOTTOM
    for size in TITLE_SIZES:
        title_font = _font(_families(edition, "sans"), "Bold", size)
        subtitle_font = _font(_families(edition, "serif"), "Regular", min(80, size * 2 // 3))
        title, subtitle = _lines(meta.title, title_font), _lines(meta.subtitle or "", subtitle_font)
        if len(title) <= TITLE_LINES and TITLE_TOP + _height(title, title_font) + (
                GAP + _height(subtitle, subtitle_font) if subtitle else 0) <= bottom:
            break
    return _stack([(title, title_font), (subtitle, subtitle_font)], TITLE_TOP, bottom) + \
        _stack([(people, people_font)], people_top, PEOPLE_BOTTOM)


def _lines(text: str, font: ImageFont.FreeTypeFont) -> list[str]:
    """``text`` wrapped within the text's width, a new line begun wherever it breaks its line itself
    (a title may: ``title = "上卷\\n下卷"``)."""
    return [line for given in text.splitlines() for line in _wrap(_UNIT.findall(given), font)]


def _wrap(units: list[str], font: ImageFont.FreeTypeFont) -> list[str]:
    """``units`` (see _UNIT) filled into lines of the text's width; one wider than a line by
    itself (a long Latin word, a long name) is broken between any two characters."""
    lines, line = [], ""
    for unit in units:
        if font.getlength((line + unit).rstrip()) <= WIDTH:
            line += unit
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = unit
        if font.getlength(unit.rstrip()) > WIDTH:
            *broken, line = _wrap(list(unit), font)
            lines += broken
    return lines + [line.rstrip()] if line.strip() else lines


def _leading(font: ImageFont.FreeTypeFont) -> int:
    ascent, descent = font.getmetrics()
    return ascent + descent + round(font.size / 5)


def _height(lines: list[str], font: ImageFont.FreeTypeFont) -> int:
    """How tall ``lines`` stand, from the first's ascent to the last's descent."""
    return len(lines) * _leading(font) - round(font.size / 5) if lines else 0


def _stack(blocks: list[tuple[list[str], ImageFont.FreeTypeFont]], top: int, bottom: int) -> list[Line]:
    """The blocks' lines one below the other from ``top``. From the first line that would go
    below ``bottom`` on, the lines are left out, and the line before it in its block ends in …."""
    placed: list[Line] = []
    for lines, font in blocks:
        top += GAP if placed and lines else 0
        for index, text in enumerate(lines):
            if top + sum(font.getmetrics()) > bottom:
                if index:
                    last = placed.pop()
                    placed.append(Line(_shortened(last.text + "…", font, "…"), font, last.top))
                return placed
            placed.append(Line(text, font, top))
            top += _leading(font)
    return placed


def _shortened(text: str, font: ImageFont.FreeTypeFont, mark: str) -> str:
    """``text`` (which ends in ``mark``) cut before the mark until it fits the text's width."""
    kept = text[:-len(mark)]
    while kept and font.getlength(kept.rstrip() + mark) > WIDTH:
        kept = kept[:-1]
    return kept.rstrip() + mark


def cover_fonts(edition: Edition) -> tuple:
    """The font files the cover is drawn with: a cached cover is good only while they are the same."""
    return tuple(_file(_families(edition, role), style) for role, style in (("sans", "Bold"), ("serif", "Regular")))


def _file(families: tuple[str, ...], style: str) -> tuple[str, int] | None:
    return first_file(families, style) or first_file(families)


def _families(edition: Edition, role: str) -> tuple[str, ...]:
    """The edition's families for ``role`` (serif, sans), or when none is installed here (an EPUB
    may name a reading device's font), the region's default: the cover keeps its glyph forms."""
    families = getattr(edition.fonts, role)
    return families if _file(families, "Regular") else getattr(fonts_for(edition.language), role)


def _font(families: tuple[str, ...], style: str, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    found = _file(families, style)
    if found is None:
        raise PaibanError(f"no font to draw the cover with (asked for: {', '.join(families)})",
                          hint="Install fonts-noto-cjk, or give the book a cover image (cover in [book]).")
    path, index = found
    return ImageFont.truetype(path, size=size, index=index)
