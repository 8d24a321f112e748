"""Images: sharp enough to print, described for readers who cannot see them; an SVG's text in
fonts that are installed. (One of a format paiban cannot read, or damaged, is an error of the
reading of its article: :func:`~paiban.pixels.picture_fault`.)

A picture of a Word document is found by its paragraph, and the hints say what to do in Word
(its alt text, its size), not in Markdown or HTML.

Print resolution is the image's pixels over the width it prints at, found as the print sheet
sizes it (turned as its EXIF says, :func:`~paiban.pixels.file_size_and_dpi`): at its natural size (that
its dpi tag gives it, :func:`~paiban.pixels.tagged_dpi`; else a pixel to a CSS pixel, 1/96 in) or the CSS
pixels of its ``width`` attribute, narrowed to the text block's width
(111 mm on the default A5 page) and to the height page.css allows (the text block's, less room
for a caption). A press PDF (bleed, crop marks or PDF/X) must not take an image under 150 dpi.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import html

from ..edition import Edition
from ..errors import PaibanError
from ..model import Book
from ..page import CSS_PX_MM, PageGeometry
from ..pixels import (COLOUR_IN_BLACK, GREY_HINT, PRESS_MODES, RGB_IN_PRESS, as_rgb, css_width, file_size_and_dpi,
                      in_colour)
from ..render.svg import parse_svg, set_in_fonts
from ..sources import BINARY_SUFFIXES
from ..xhtml import decorative
from .passages import Locator, edition_name, shown
from .report import Finding

PRINT_DPI, LEAST_DPI = 300, 150


def image_problems(book: Book, edition: Edition, page: PageGeometry, locator: Locator) -> list[Finding]:
    """Findings for each image of the book: print resolution, colour, alt text."""
    findings = []
    for img, where in _pictures(book, edition, locator):
        findings += _image(img, book, edition, page, where)
    return findings


def coarse_pictures(book: Book, edition: Edition, page: PageGeometry, locator: Locator) -> list[Finding]:
    """The errors of pictures a press PDF prints under :data:`LEAST_DPI`, which a printer rejects
    (none for another PDF): ``paiban build`` warns of them as it makes one."""
    findings = []
    for img, where in _pictures(book, edition, locator):
        src = img.get("src", "")
        if (read := file_size_and_dpi(book.root / src)) is not None:
            findings += [found for found in _resolution(src, *read, img, page, where) if found.severity == "error"]
    return findings


def undescribed_pictures(book: Book, edition: Edition, locator: Locator) -> list[Finding]:
    """The warnings of pictures without alt text, which ``paiban build`` gives as it reads the book
    (it gave one only for an EPUB, naming no picture, and WeasyPrint's own, in HTML terms)."""
    return [_undescribed(img, where) for img, where in _pictures(book, edition, locator, wanted=_needs_alt)]


def _pictures(book: Book, edition: Edition, locator: Locator,
              wanted: Callable[[object], bool] = lambda img: True) -> Iterator[tuple[object, dict]]:
    """Each picture of the articles (those ``wanted``: only they are located, which parses a Word
    document), and where it is, as its findings name it."""
    for article in book.articles:
        if "<img" not in (article.body or ""):  # most have none: a parse of every body took 0.1 s of a big book's build
            continue
        seen: Counter[str] = Counter()
        for img in html.fragment_fromstring(article.body, create_parent="div").iter("img"):
            src = img.get("src", "")
            seen[src] += 1
            if wanted(img):
                place = locator.picture(article.source, src, seen[src] - 1)
                yield img, {"file": shown(article.source, book.root), "line": place.line,
                            "paragraph": place.paragraph, "editions": (edition_name(edition),)}


def _image(img, book: Book, edition: Edition, page: PageGeometry, where: dict) -> list[Finding]:
    src = img.get("src", "")
    path = book.root / src
    findings = [found] if (found := _undescribed(img, where)) else []
    if path.suffix.lower() in (".svg", ".svgz"):  # drawn as vectors: no format to doubt, no resolution to check
        return findings + _svg_fonts(path, src, edition, where)
    if (read := file_size_and_dpi(path)) is None:  # no picture to print (the build says what it is)
        return findings
    return findings + _resolution(src, *read, img, page, where) + _colour(path, src, page, where)


def _colour(path: Path, src: str, page: PageGeometry, where: dict) -> list[Finding]:
    """A warning for a colour picture in a book printed in black ink (``[pdf] colour = "black"``),
    which the PDF prints in grey, by the build's own test (render.fetcher.in_grey); else for one in
    RGB in a PDF/X, as the build warns (render.fetcher.rgb_named)."""
    from PIL import Image

    if not (page.black or page.output_profile):
        return []
    try:
        with Image.open(path) as picture:
            if page.black and in_colour(as_rgb(picture)):
                return [Finding(severity="warning", check="images", message=f"image {src}: {COLOUR_IN_BLACK}",
                                hint=GREY_HINT, **where)]
            if not page.black and picture.mode not in PRESS_MODES:
                return [Finding(severity="warning", check="images",
                                message=f"image {src}: a picture in {picture.mode} {RGB_IN_PRESS}", **where)]
    except (OSError, ValueError):  # its pixels cannot be read: the PDF leaves it out, as it is
        pass
    return []


def _needs_alt(img) -> bool:
    """Whether a picture lacks the alt text it needs: a decorative one (``alt=""`` in HTML,
    ``{.decorative}`` in Markdown) needs none."""
    return not (img.get("alt") or "").strip() and not decorative(img)


def _undescribed(img, where: dict) -> Finding | None:
    """A warning for a picture without alt text (:func:`_needs_alt`): readers who cannot see it get nothing."""
    if not _needs_alt(img):
        return None
    hint = ("In Word, right-click the picture → 编辑替换文字 (Edit Alt Text) and describe it for readers who cannot "
            "see it." if _in_word(where) else
            "Describe the image for readers who cannot see it: ![description](…) in Markdown, alt=\"…\" in HTML. "
            "If it only decorates (a rule, an ornament), mark it so: ![](…){.decorative} in Markdown, alt=\"\" "
            "in HTML.")
    return Finding(severity="warning", check="images", message=f"image {img.get('src', '')} has no alt text",
                   hint=hint, **where)


def _in_word(where: dict) -> bool:
    """Whether the picture is in a Word document, which an editor puts right in Word."""
    return Path(where["file"] or "").suffix.lower() in BINARY_SUFFIXES


def _resolution(src: str, size: tuple[int, int], dpi: float | None, img, page: PageGeometry,
                where: dict) -> list[Finding]:
    """A warning for a picture that prints under :data:`PRINT_DPI`; an error under :data:`LEAST_DPI`
    in a press PDF. Judged at the whole dpi the message names: the millimetres between pixels and
    inches leave a picture of exactly 300 dpi at 299.99999999999994, which was told it "prints at
    300 dpi … print wants 300" (and one of 150 dpi was a press PDF's error, in the build too)."""
    width, height = size
    width_mm = page.picture_width(size, css_width(size, dpi, img.get("width"), img.get("height")))
    printed_dpi = round(width / (width_mm / 25.4))
    if printed_dpi >= PRINT_DPI:
        return []
    severity = "error" if printed_dpi < LEAST_DPI and page.press else "warning"
    return [Finding(severity=severity, check="images", **where,
                    message=f"image {src} prints at {printed_dpi} dpi ({width}×{height} px across "
                            f"{width_mm:.1f} mm); print wants {PRINT_DPI}",
                    hint=_sharper(width, width_mm, _in_word(where)))]


def _sharper(width: int, width_mm: float, word: bool) -> str:
    """How to print an image of ``width`` px sharp: a larger file, or a narrower print where one
    is wide enough to see (a 1 px picture printed at 0 CSS pixels wide is not there at all). In
    Word (``word``) a picture is replaced and sized there, in centimetres (tenths, rounded down);
    elsewhere its ``width`` is in CSS pixels."""
    least = math.ceil(PRINT_DPI * width_mm / 25.4)
    if word:
        supply = (f"In Word, replace it with a picture at least {least} px wide (right-click → 更改图片, Change "
                  f"Picture, keeps its size, {width_mm / 10:.1f} cm)")
        smaller = math.floor(width * 25.4 / PRINT_DPI) / 10
        shrink = f"set it at most {smaller:.1f} cm wide (布局 → 大小, Size)"
    else:
        supply = (f"Supply it at least {least} px wide with width=\"{round(width_mm / CSS_PX_MM)}\" (CSS pixels) "
                  "to keep its printed size")
        smaller = math.floor(width * 96 / PRINT_DPI)
        shrink = f"print it smaller: width=\"{smaller}\""
    if not smaller:
        return f"At {width} px wide it is too small to print sharp at any width. {supply}."
    return f"{supply}, or {shrink}."


def _svg_fonts(path: Path, src: str, edition: Edition, where: dict) -> list[Finding]:
    """A warning when the SVG names fonts that are not installed: the PDF sets its text in the
    edition's fonts instead (render.svg), which may not fit the drawing as its author saw it."""
    try:
        missing = set_in_fonts(parse_svg(path.read_bytes(), path), path, edition.fonts)
    except (OSError, PaibanError):
        return []  # no SVG to read: the build names it
    if not missing:
        return []
    return [Finding(severity="warning", check="images", **where,
                    message=f"image {src} names fonts that are not installed ({', '.join(missing)}): the PDF "
                            "sets its text in the edition's fonts instead",
                    hint="Install the fonts, or name one of the book's fonts in the SVG (or none: its text then "
                         "takes the edition's sans); check that its labels still fit.")]
