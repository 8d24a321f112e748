"""The printed page: trim size, margins, type size and press options, computed once from ``[pdf]``.

Chinese text is set on a grid: every character is one em wide and WeasyPrint justifies only
by widening spaces, which Chinese lacks. So the text block is made an exact whole number of
characters wide, and full lines fill it edge to edge; the outer margin takes the remainder
(less than one character).
"""

from __future__ import annotations

import base64
import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import patterns
from .chars import quoted
from .config import LoadedConfig, PdfSpec
from .errors import PaibanError
from .paths import inside

log = logging.getLogger("paiban")

# Trim sizes in millimetres (width × height). 开 sizes as Chinese printers use them.
TRIM_SIZES = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "B5": (176.0, 250.0),
    "16开": (185.0, 260.0),
    "大32开": (140.0, 203.0),
    "32开": (130.0, 184.0),
}
_CUSTOM = patterns.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*[x×*]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$")
_MM_PER = {"mm": 1.0, "cm": 10.0, "pt": 25.4 / 72, "in": 25.4}
CSS_PX_MM = 25.4 / 96  # a CSS pixel, in mm
# Default margins as fractions of the trim size (an A5 page: 18 / 20 mm, gutter 20 mm, outer 16 mm).
_DEFAULT_MARGINS = {"top": (1, 0.086), "bottom": (1, 0.095), "inner": (0, 0.135), "outer": (0, 0.108)}
MIN_CHARACTERS = 12
MIN_LINES = 10
# The running heads' type size (page.css sets it): the size their measure is counted in.
HEAD_PT = 8.0
MAX_BLEED_MM = 10.0
# How far into the top and bottom margins print.css sets the running head and the folio: its gap
# from the text block (padding, 3 mm and 4 mm) and its line (1.6 of its size, as WeasyPrint sets
# a margin box's line, measured), for the warning that the guillotine may cut them.
FOLIO_PT = 8.5
_HEAD_REACH_MM = 3.0 + 1.6 * HEAD_PT * _MM_PER["pt"]
_FOLIO_REACH_MM = 4.0 + 1.6 * FOLIO_PT * _MM_PER["pt"]
SAFE_MM = 3.0  # printers keep text this far inside the trim: a guillotine may cut up to that far in
# A figure's caption (base.css): its type, in the text's ems, on the text's leading.
CAPTION_EM = 0.9
# The smallest type a book's text is set in: 八号, 5 pt (a picture's smallest caption is larger).
MIN_FONT_PT = 5.0
# Crop marks begin this far outside the bleed, so trimming within the bleed never reaches them.
MARK_GAP_MM = 3.0
# A PDF page is at most 14,400 units of 1/72 in a side (ISO 32000: 200 in), bleed and marks' slug included.
MAX_MEDIA_MM = 14_400 / 72 * 25.4
ARCHIVAL = ("pdf/a-", "pdf/ua-")


@dataclass(frozen=True)
class PageGeometry:
    """Everything the print sheet needs to know about the page (lengths in mm, type in pt)."""

    width: float
    height: float
    top: float
    bottom: float
    inner: float
    outer: float
    font_size: float
    leading: float
    characters: int
    bleed: float | None = None
    marks: bool = False
    variant: str | None = None
    output_profile: str | None = None  # PDF/X: the printer's CMYK ICC profile (a path in the book)
    colour: str = "full"  # "black": printed in black ink alone

    @property
    def black(self) -> bool:
        return self.colour == "black"

    @property
    def inked(self) -> bool:
        """Whether the sheets' colours are written in ink (``device-cmyk()``): for PDF/X, or in black alone."""
        return self.black or self.output_profile is not None

    @property
    def text_width(self) -> float:
        return self.width - self.inner - self.outer

    @property
    def head_size(self) -> float:
        """The running heads' type size in pt (page.css)."""
        return HEAD_PT

    @property
    def head_characters(self) -> int:
        """How many characters of the running heads' size (``HEAD_PT``) a line of the text block's
        width holds: a running head is a line no longer than that. Its page-margin box is the
        text block's width, and WeasyPrint (70) neither clips nor truncates what overflows one
        (``text-overflow`` has no effect there): a head too long wrapped and grew down into the
        text, or, kept on one line, ran into the margin."""
        return math.floor(self.text_width / (HEAD_PT * _MM_PER["pt"]) + 1e-6)

    @property
    def media_margin(self) -> float:
        """How far the PDF page (its MediaBox) reaches past the trim on each side: the CSS
        ``bleed`` WeasyPrint is given.

        WeasyPrint draws each crop mark and registration cross from the media edge inward over
        half of this margin, and without a bleed it makes one up for the marks (8 px). So with
        marks the margin is twice the distance the marks must keep from the trim (the bleed and
        ``MARK_GAP_MM``): they lie in the slug outside the bleed. The PDF's BleedBox is set to
        the requested bleed afterwards (render.pdf)."""
        if self.marks:
            return 2 * ((self.bleed or 0) + MARK_GAP_MM)
        return self.bleed or 0

    @property
    def press(self) -> bool:
        return is_press(self)

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def em(self) -> float:
        """The text's em, in mm."""
        return self.font_size * _MM_PER["pt"]

    @property
    def image_height(self) -> float:
        """The tallest a picture prints: with two lines of caption and nothing above it
        (:meth:`picture_height`). page.css caps every picture so.
        A fixed 150 mm ran into the bottom margin of a 32开 page (a text block of 151 mm), and its
        caption went over to the next page."""
        return self.picture_height()

    def picture_height(self, above: float = 0.0, caption_lines: int = 2) -> float:
        """The tallest a picture prints with ``above`` mm of its page taken by what is kept with it
        (the headings it follows) and a caption of ``caption_lines`` lines under it: the text block's
        height less those, a figure's top margin and the caption (base.css: 1em, and
        :data:`CAPTION_EM` type), so that they fit on one page (and a quarter em more: a caption's
        line of Latin digits and Chinese stands taller than its line-height, and a two-line caption
        went over to the next page)."""
        return self.text_height - above - (1.25 + caption_lines * CAPTION_EM * self.leading) * self.em

    def picture_width(self, size: tuple[int, int], css_px: float, tallest: float | None = None) -> float:
        """The width in mm a picture of ``size`` pixels prints at, set ``css_px`` CSS pixels wide
        (:func:`~paiban.pixels.css_width`): no wider than the text block and no taller than
        ``tallest`` mm (:attr:`image_height` unless given), its proportions kept."""
        width, height = size
        tallest = self.image_height if tallest is None else tallest
        return min(css_px * CSS_PX_MM, self.text_width, tallest * width / height)


    @property
    def output_profile_url(self) -> str:
        """The output profile as a ``data:`` URL, for ``@color-profile`` (a sheet's URLs stay in the book)."""
        data = base64.b64encode(Path(self.output_profile).read_bytes()).decode()
        return f"data:application/vnd.iccprofile;base64,{data}"


def is_press(pdf) -> bool:
    """Whether a PDF (``[pdf]`` or its geometry) is for a printing press, not for reading: it has
    bleed or crop marks, or is PDF/X."""
    return bool(pdf.bleed or pdf.marks or (pdf.variant or "").startswith("pdf/x-"))


def to_mm(length: str) -> float:
    """``"3mm"``, ``"0.5cm"``, ``"10.5pt"``, ``"1in"`` in millimetres (the schema checked the form)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(mm|cm|pt|in)\s*", length)
    return float(match[1]) * _MM_PER[match[2]]


def _too_large(loaded: LoadedConfig, fits: Callable[[float, float], bool]) -> str | None:
    """The key of [pdf], the type size or the leading, that alone makes the text block too small
    (it ``fits`` at the default of that key), if it is written: the error is at its line, not at the
    margins' (font-size = "40pt" was blamed on an ordinary margins line)."""
    spec, default = loaded.config.pdf, PdfSpec()
    alone = {"font-size": fits(to_mm(default.font_size), spec.leading),
             "leading": fits(to_mm(spec.font_size), default.leading)}
    return next((key for key, fixed in alone.items() if fixed and loaded.written("pdf", key)), None)


def page_geometry(loaded: LoadedConfig) -> PageGeometry:
    """The page of this book's PDF, validated: a bad size or combination names its line in book.toml."""
    spec = loaded.config.pdf

    def fail(message: str, key: str, hint: str) -> PaibanError:
        return PaibanError(message, file=loaded.path, line=loaded.line_of("pdf", key), hint=hint)

    width, height = _trim(spec.size, fail)
    margins = {
        side: to_mm(getattr(spec.margins, side)) if getattr(spec.margins, side) else (width, height)[axis] * share
        for side, (axis, share) in _DEFAULT_MARGINS.items()
    }
    font_size = to_mm(spec.font_size) / _MM_PER["pt"]
    em = to_mm(spec.font_size)
    if font_size < MIN_FONT_PT:
        raise fail(f"a font size of {spec.font_size.strip()} is too small to print", "font-size",
                   f"Books set their text in 9 to 12 pt (小五 9pt, 五号 10.5pt, 小四 12pt); "
                   f"at least {MIN_FONT_PT:g}pt.")

    def measure(em: float) -> int:
        """How many characters of ``em`` type a line of the text block holds."""
        return math.floor((width - margins["inner"] - margins["outer"]) / em + 1e-6)

    def fits(em: float, leading: float) -> bool:
        """Whether the text block holds a line of MIN_CHARACTERS and ten lines of ``em`` type."""
        return measure(em) >= MIN_CHARACTERS and height - margins["top"] - margins["bottom"] >= MIN_LINES * em * leading

    characters = measure(em)
    if not fits(em, spec.leading):
        culprit = _too_large(loaded, fits) or next(
            (key for key in ("margins", "font-size") if loaded.written("pdf", key)), "size")
        cause = {"font-size": f"a font size of {spec.font_size.strip()}", "leading": f"a leading of {spec.leading:g}"}
        lines = math.floor((height - margins["top"] - margins["bottom"]) / (em * spec.leading) + 1e-6)
        short = [f"{characters} characters a line"] if characters < MIN_CHARACTERS else []
        short += [f"{lines} lines a page"] if lines < MIN_LINES else []
        raise fail(f"{cause.get(culprit, 'the margins')} leave{'s' if culprit in cause else ''} too small a text "
                   f"block on a {width:g}×{height:g} mm page ({' and '.join(short)}: it must hold {MIN_CHARACTERS} "
                   f"characters a line and {MIN_LINES} lines)", culprit,
                   "Reduce the margins or the font size, or choose a larger size.")
    if loaded.written("pdf", "margins"):
        _warn_trimmed(loaded, margins)
    bleed = to_mm(spec.bleed) if spec.bleed else None
    if bleed is not None and bleed > MAX_BLEED_MM:
        raise fail(f"a bleed of {bleed:g} mm is more than a printer uses", "bleed",
                   f"Printers ask for 3 to 5 mm; at most {MAX_BLEED_MM:g} mm.")
    if spec.variant and spec.variant.startswith(ARCHIVAL) and (bleed or spec.marks):
        raise fail(f"{spec.variant} is a reading and archiving format; bleed and crop marks are for the press",
                   "variant", "Build the press PDF (bleed, marks, or variant = \"pdf/x-4\") and the "
                              "archival PDF as two books or two runs with different [pdf] settings.")
    if spec.colour == "black" and (spec.variant or "").startswith("pdf/a-"):
        raise fail(f"{spec.variant} cannot be printed in black ink alone: PDF/A shows its colours under an sRGB "
                   "output intent, which forbids the DeviceCMYK black ink is written in", "colour",
                   "Build the one-colour press PDF (colour = \"black\", without a PDF/A variant) and the "
                   "archival PDF (in full colour) as two runs with different [pdf] settings.")
    page = PageGeometry(
        width=width, height=height, top=margins["top"], bottom=margins["bottom"], inner=margins["inner"],
        outer=width - margins["inner"] - characters * em, font_size=font_size, leading=spec.leading,
        characters=characters, bleed=bleed, marks=spec.marks, variant=spec.variant,
        output_profile=_output_profile(loaded, fail), colour=spec.colour,
    )
    if max(width, height) + 2 * page.media_margin > MAX_MEDIA_MM:
        around = " and ".join(name for name, on in (("its bleed", bleed), ("crop marks", spec.marks)) if on)
        raise fail(f"a {width:g}×{height:g} mm page{' with ' + around if around else ''} is larger than a PDF "
                   f"page can be ({MAX_MEDIA_MM:g} mm, 200 in, a side)", "size",
                   f"Sizes are in millimetres (\"150x230\" is 150 × 230 mm), at most {MAX_MEDIA_MM:g} a side"
                   + (f", {2 * page.media_margin:g} mm of it for {around}." if around else "."))
    return page


def _warn_trimmed(loaded: LoadedConfig, margins: dict[str, float]) -> None:
    """Warn, at the margins' line, of a top or bottom margin too small for the running head or the
    folio print.css sets in it to stay :data:`SAFE_MM` inside the trim: at 10 mm the folio was
    1.2 mm from the trim, at 7 mm off the page, and the build said nothing. (A warning: a book's
    own sheet may set them elsewhere.)"""
    line = loaded.line_of("pdf", "margins")
    where = f"{loaded.path}:{line}" if line else str(loaded.path)
    for side, reach, what in (("top", _HEAD_REACH_MM, "running head"), ("bottom", _FOLIO_REACH_MM, "folio")):
        clear = margins[side] - reach
        if clear < SAFE_MM:
            place = (f"{clear:.1f} mm from the trim, where the guillotine may cut it" if clear > 0
                     else "off the page, where it is not printed")
            log.warning("%s: a %s margin of %g mm puts the %s %s: make it at least %g mm",
                        where, side, margins[side], what, place, math.ceil(reach + SAFE_MM))


# Where a PDF/X's output profile comes from: only the printer knows its printing condition.
_ASK_THE_PRINTER = ("Ask the printer for the ICC profile of its press and paper (e.g. ISO Coated v2 / FOGRA39, "
                    "Japan Color 2001 Coated)")


def _output_profile(loaded: LoadedConfig, fail) -> str | None:
    """The path of the book's CMYK output profile, which PDF/X needs and only PDF/X takes.

    PDF/X states the printing condition (press, paper, ink) its colours are made for, as an ICC
    output profile. Only the printer knows it, and no Debian package ships a real one (FOGRA,
    Japan Color, GRACoL), so the book brings its own; paiban never guesses one.
    """
    spec = loaded.config.pdf
    x = (spec.variant or "").startswith("pdf/x-")
    if not spec.output_profile:
        if x:
            raise fail(f"{spec.variant} needs the printer's CMYK output profile", "variant",
                       f"{_ASK_THE_PRINTER}, put it in the book and name it in [pdf]: "
                       "output-profile = \"profiles/press.icc\".")
        return None
    if not x:
        raise fail("output-profile is the printing condition of a PDF/X", "output-profile",
                   "Set variant = \"pdf/x-4\" as well, or remove output-profile.")
    path = loaded.book_dir / spec.output_profile
    if not inside(path, loaded.book_dir):
        raise fail(f"output-profile {spec.output_profile} leads out of the book directory (to {path.resolve()})",
                   "output-profile", "Copy the ICC profile into the book directory instead of linking to it.")
    if not path.is_file():
        raise fail(f"no file {spec.output_profile} in the book", "output-profile",
                   f"{_ASK_THE_PRINTER} and put it in the book as {spec.output_profile}, or give the path of "
                   "the one it sent from the book's directory.")
    from PIL import ImageCms  # only for PDF/X books

    try:
        profile = ImageCms.getOpenProfile(str(path)).profile
    except (OSError, ImageCms.PyCMSError):
        profile = None
    if profile is None or profile.xcolor_space.strip() != "CMYK" or profile.device_class != "prtr":
        raise fail(f"{spec.output_profile} is not a CMYK output (printer) ICC profile", "output-profile",
                   "Use the ICC profile the printer gives for its press and paper (a .icc or .icm file).")
    return str(path.resolve())


def _trim(size: str, fail) -> tuple[float, float]:
    """The trim size in mm: a name in any case ("a5"), or width×height."""
    named = {name.casefold(): mm for name, mm in TRIM_SIZES.items()}
    if size.strip().casefold() in named:
        return named[size.strip().casefold()]
    if match := _CUSTOM.match(size):
        if float(match[1]) and float(match[2]):
            return float(match[1]), float(match[2])
        raise fail(f"a page of {size.strip()} mm has no area", "size",
                   "Give the width and height in millimetres, e.g. \"140x203\".")
    raise fail(f"unknown page size {quoted(size)}", "size",
               f"Use one of {', '.join(TRIM_SIZES)}, or width×height in mm, e.g. \"140x203\".")
