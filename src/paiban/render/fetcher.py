"""The only way WeasyPrint may load a resource: files inside the book or the theme, and data: URLs.

Anything else (http, file:///etc/passwd, ../ out of the book) is refused, never fetched,
and reported as a warning naming the URL. What it reads may be rewritten for the PDF: an SVG's
text set in the edition's fonts (see :mod:`.svg`), pictures for PDF/A, PDF/X or black ink.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..edition import Fonts
from ..paths import inside
from ..pixels import (COLOUR_IN_BLACK, DEEP_GREY, GREY_HINT, PRESS_MODES, RGB_IN_PRESS, as_rgb, in_colour,
                      in_eight_bits)
from .svg import in_edition_fonts

log = logging.getLogger("paiban")


class ContainedFetcher(URLFetcher):
    """A WeasyPrint URL fetcher confined to ``roots``; with ``fonts`` (the edition's), it hands
    over an SVG with its text in them, without the pictures it shows that the fetcher refuses
    (see :func:`.svg.in_edition_fonts`); with ``srgb``, every image in RGB or grey (see
    :func:`in_srgb`); with ``cmyk``, it names each picture that is not in CMYK or grey (see
    :func:`rgb_named`); with ``grey``, every picture in grey (see :func:`in_grey`); any other
    picture as WeasyPrint can write it (see :func:`written_right`). What it converts or cannot is
    told to ``warn`` (a worker's list, for a piece: see pieces), an SVG named with the articles
    showing it (``svgs_shown``: pairs of its file and an article's source file). ``font_files``:
    installed fonts it reads too, those paiban's fonts.css brings with ``local()`` (WeasyPrint
    reads such a face's file through the fetcher: see :func:`~paiban.render.emoji_apart`)."""

    def __init__(self, roots: list[Path], srgb: bool = False, cmyk: bool = False, fonts: Fonts | None = None,
                 grey: bool = False, warn: Callable[[str], None] = log.warning,
                 svgs_shown: Iterable[tuple[str, str]] = (), font_files: Iterable[str] = ()) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = [root.resolve() for root in roots]
        self.font_files = frozenset(map(Path, font_files))
        self.srgb = srgb
        self.cmyk = cmyk
        self.fonts = fonts
        self.grey = grey
        self.warn = warn
        self.articles_showing: dict[Path, list[str]] = {}
        for svg, source in svgs_shown:
            self.articles_showing.setdefault(Path(svg), []).append(source)

    def fetch(self, url: str, headers: dict | None = None):
        if urlsplit(url).scheme == "data":
            return super().fetch(url, headers)
        if (path := self._file(url)) is None:
            self.warn(f"refused to load {url}: only files inside the book and its theme are read")
            raise ValueError(f"paiban does not load {url}")
        if not path.exists():  # (WeasyPrint's own word was a URLError of urllib's)
            self.warn(f"{path} is not there: the PDF leaves out what shows it")
            raise ValueError(f"paiban does not load {url}")
        fetched = super().fetch(path.as_uri(), headers)
        if fetched.content_type == "image/svg+xml":
            if self.grey:
                self.warn(f"{path}: an SVG picture in a book printed in black ink: its colours are drawn "
                          "as written, in RGB, which the printer's RIP prints in four inks; draw it in "
                          "black and greys and save it as a PNG (grey) for a one-colour book")
            return self.svg(fetched, path)
        if self.grey:
            return in_grey(fetched, path, self.warn)
        if self.srgb:
            return in_srgb(fetched)
        return written_right(rgb_named(fetched) if self.cmyk else fetched, path, self.warn)

    def loads(self, url: str) -> bool:
        """Whether the fetcher reads ``url`` (a ``data:`` URL, a file of the book or the theme)."""
        return urlsplit(url).scheme == "data" or self._file(url) is not None

    def _file(self, url: str) -> Path | None:
        """The file of the book or the theme ``url`` names (the theme's for a template's picture:
        :meth:`in_theme`), there or not; ``None`` for any other URL, which the fetcher refuses."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc:
            return None
        if (path := Path(url2pathname(parts.path))) in self.font_files:
            return path
        path = self.in_theme(path)
        return path if any(inside(path, root) for root in self.roots) else None

    def in_theme(self, path: Path) -> Path:
        """``path``, or, when it is a file of the book (the first root) that is not there, the
        theme's file of that name (the later roots, the book's ``styles/`` first): a template's
        picture (``<img src="logo.png" />``), which a page made of templates and articles names
        relative to the book (see :mod:`.theme_pictures`)."""
        book, *theme = self.roots
        if path.exists() or not inside(path, book):
            return path
        relative = path.resolve().relative_to(book)
        return next((found for root in theme if (found := root / relative).is_file() and inside(found, root)), path)

    def svg(self, fetched: URLFetcherResponse, path: Path) -> URLFetcherResponse:
        """An SVG, its text in the edition's fonts when the fetcher has them, named in warnings
        with the articles showing it."""
        if self.fonts is None:
            return fetched
        data = fetched.read()
        fetched.close()
        articles = self.articles_showing.get(path)
        named = f"{path}, shown in {', '.join(dict.fromkeys(articles))}" if articles else str(path)
        return URLFetcherResponse(fetched.url, in_edition_fonts(data, path, self.fonts, self.loads, self.warn, named),
                                  fetched.headers)


class Converted(URLFetcherResponse):
    """A picture converted as it was read. It has no file: given its file's URL, WeasyPrint writes
    the file's own bytes into the PDF (images.RasterImage.cache_image_data), the conversion undone
    under the converted picture's colour space."""

    @property
    def path(self) -> None:
        return None


# Pillow's modes WeasyPrint writes as they are (a bilevel or palette picture through RGB), and CMYK
# from a JPEG alone.
_WRITTEN = frozenset({"RGB", "RGBA", "L", "LA", "1", "P"})
# Pillow's modes a PDF/A file may show under its sRGB output intent: those, and a palette with
# transparency (palette and bilevel images are written as RGB or grey by WeasyPrint).
_SRGB_MODES = _WRITTEN | {"PA"}


def rgb_named(fetched: URLFetcherResponse) -> URLFetcherResponse:
    """A picture for PDF/X, passed on as read; one in RGB (or another colour space) is named in a
    warning. WeasyPrint writes it as DeviceRGB, whatever profile it carries: its inks are left to
    the printer's RIP, and PDF/X-4 preflight flags device RGB under a CMYK output intent. Only the
    picture's owner can convert it well (for the printer's profile, with the picture in view)."""
    from PIL import Image, UnidentifiedImageError  # only for PDF/X books

    data = fetched.read()
    fetched.close()
    try:
        with Image.open(io.BytesIO(data)) as picture:
            if picture.mode not in PRESS_MODES:
                log.warning("%s: a picture in %s %s", url2pathname(urlsplit(fetched.url).path), picture.mode,
                            RGB_IN_PRESS)
    except (UnidentifiedImageError, OSError):
        pass  # no raster image (SVG): as it is
    return URLFetcherResponse(fetched.url, data, fetched.headers)



def written_right(fetched: URLFetcherResponse, path: Path, warn: Callable[[str], None]) -> URLFetcherResponse:
    """A picture WeasyPrint would write wrongly, made one it writes right; anything else passed on
    as read. A CMYK picture that is no JPEG (a TIFF from a picture desk) becomes a CMYK JPEG of it
    (quality 95, its profile kept), which WeasyPrint writes as DeviceCMYK, the inks kept for the
    press: it writes any other picture through PNG, which holds no CMYK, and left such a picture
    out of the PDF ("Failed to load image", no reason given). A picture in a mode WeasyPrint does
    not know becomes a PNG it does: 16-bit grey (a film or document scanner's) 8-bit grey
    (:func:`~paiban.pixels.in_eight_bits`), which it printed as a black block ("Unknown image mode:
    I;16", naming no file); another (a TIFF in Lab) RGB, or is named in a warning to ``warn``."""
    from PIL import Image, UnidentifiedImageError

    data = fetched.read()
    fetched.close()
    try:
        with Image.open(io.BytesIO(data)) as picture:
            if picture.mode in _WRITTEN or picture.mode == "CMYK" and picture.format in ("JPEG", "MPO"):
                return URLFetcherResponse(fetched.url, data, fetched.headers)
            converted = io.BytesIO()
            if picture.mode == "CMYK":
                profile = picture.info.get("icc_profile")
                picture.save(converted, "JPEG", quality=95, **({"icc_profile": profile} if profile else {}))
                return Converted(fetched.url, converted.getvalue(), {"Content-Type": "image/jpeg"})
            try:
                made = in_eight_bits(picture) if picture.mode in DEEP_GREY else as_rgb(picture, _rgb_mode(picture))
            except ValueError:  # a mode Pillow converts to none of them
                warn(f"{path}: a picture in Pillow's mode {picture.mode}, which the PDF cannot print as it is: "
                     "save it in RGB or grey")
                return URLFetcherResponse(fetched.url, data, fetched.headers)
            made.save(converted, "PNG")
    except (UnidentifiedImageError, OSError, ValueError):
        return URLFetcherResponse(fetched.url, data, fetched.headers)  # no raster image: as it is
    return Converted(fetched.url, converted.getvalue(), {"Content-Type": "image/png"})


def _rgb_mode(picture) -> str:
    """The mode of RGB an opened picture is made in: with alpha (``RGBA``) when it is transparent."""
    transparent = picture.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in picture.info
    return "RGBA" if transparent else "RGB"


def in_grey(fetched: URLFetcherResponse, path: Path, warn: Callable[[str], None]) -> URLFetcherResponse:
    """A picture for a book in black ink, in grey (Pillow's "L", or "LA" with its transparency), which
    WeasyPrint writes as DeviceGray: one ink. It writes any other picture as DeviceRGB, a bilevel or
    palette one too, which the RIP prints in four inks. A picture with colour in it is named in a
    warning: its colours may come out as greys too alike to tell apart."""
    from PIL import Image, UnidentifiedImageError  # only for books in black ink

    data = fetched.read()
    fetched.close()
    try:
        with Image.open(io.BytesIO(data)) as picture:
            if picture.mode in ("L", "LA") and "transparency" not in picture.info:
                return URLFetcherResponse(fetched.url, data, fetched.headers)
            rgb = as_rgb(picture, _rgb_mode(picture))
            alpha = rgb.mode == "RGBA"
            if in_colour(rgb):
                warn(f"{path}: {COLOUR_IN_BLACK}. {GREY_HINT}")
            grey = rgb.convert("LA" if alpha else "L")
            converted = io.BytesIO()
            jpeg = picture.format == "JPEG" and not alpha
            grey.save(converted, "JPEG" if jpeg else "PNG", **({"quality": 95} if jpeg else {}))
    except (UnidentifiedImageError, OSError, ValueError):
        return URLFetcherResponse(fetched.url, data, fetched.headers)  # no raster image: as it is
    return Converted(fetched.url, converted.getvalue(), {"Content-Type": "image/jpeg" if jpeg else "image/png"})


def in_srgb(fetched: URLFetcherResponse) -> URLFetcherResponse:
    """An image in another colour space (a CMYK JPEG from a press workflow, Lab) converted to
    sRGB, through its own ICC profile when it has one: PDF/A (ISO 19005-2) does not allow
    DeviceCMYK under the sRGB output intent WeasyPrint writes. Anything else is passed on as read."""
    from PIL import Image, UnidentifiedImageError  # only for PDF/A books

    data = fetched.read()
    fetched.close()
    try:
        with Image.open(io.BytesIO(data)) as picture:
            if picture.mode in _SRGB_MODES:
                return URLFetcherResponse(fetched.url, data, fetched.headers)
            rgb = as_rgb(picture)
            converted = io.BytesIO()
            jpeg = picture.format == "JPEG"
            rgb.save(converted, "JPEG" if jpeg else "PNG", **({"quality": 95} if jpeg else {}))
    except (UnidentifiedImageError, OSError):
        return URLFetcherResponse(fetched.url, data, fetched.headers)  # no raster image: as it is
    log.info("%s: converted from %s to sRGB for PDF/A", url2pathname(urlsplit(fetched.url).path), picture.mode)
    return Converted(fetched.url, converted.getvalue(), {"Content-Type": "image/jpeg" if jpeg else "image/png"})
