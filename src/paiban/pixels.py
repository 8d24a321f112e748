"""How many pixels a picture of the book may have: no more than Pillow takes as safe.

A PNG of a few hundred KB can claim 30000×30000 pixels, gigabytes once decoded: Pillow refuses
it as a decompression bomb (WeasyPrint then leaves it out of the PDF, saying nothing of why)
and warns of one over 89 million pixels. paiban refuses such a picture when the article (or
book.toml) naming it is read, for every format alike; a book's largest, an A3 spread printed
at 600 dpi, has some 70 million.

A picture's own resolution (its dpi tag) is the size a picture desk made it to print at: the
PDF places it at that size (:func:`tagged_dpi`), as ``paiban check`` measures it.
"""

from __future__ import annotations

import io
import mmap
import warnings
from pathlib import Path

from .media import image_suffix, image_type

MOST_PIXELS = 89_478_485  # Pillow's MAX_IMAGE_PIXELS
# The least dpi tag taken for a print size: under it, a tag is a screen program's default (72,
# 96, a Retina screenshot's 144), no print size; and a press takes no picture under 150 dpi.
LEAST_TAGGED_DPI = 150
HINT = (f"paiban takes pictures of at most {MOST_PIXELS:,} pixels (one printed across an A4 page at 300 dpi "
        "has under 9 million): scale it down.")
# A picture in a format Pillow cannot read (HEIC, an iPhone's), which no format can show.
UNREADABLE = "is in a format paiban cannot read"
UNREADABLE_HINT = ("Convert it to JPEG, PNG, GIF, WebP or SVG (an iPhone's HEIC photo: export it as JPEG) and "
                   "refer to it by that name.")


def animated(path: Path) -> bool:
    """Whether the picture at ``path`` moves (an animated GIF, PNG or WebP: more than one frame),
    which may flash: a hazard to readers with photosensitive epilepsy. An SVG, or a file Pillow
    cannot read, is taken as still (the renderers name a file that is no picture)."""
    from PIL import Image, UnidentifiedImageError  # only for books with pictures

    try:
        with Image.open(path) as opened:
            return bool(getattr(opened, "is_animated", False))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False


def too_many_pixels(picture: Path | bytes) -> str | None:
    """How many pixels ``picture`` (a file, or its bytes) has, when it is over :data:`MOST_PIXELS`
    (``10000×10000 pixels``); ``None`` when it is not, or is no picture Pillow reads (an SVG: the
    renderers and ``paiban check`` name a file that is no picture). Only the header is read."""
    header = _header(picture)
    return _too_many(header[0]) if header else None


# The formats Pillow names a picture whose file's name says it is a PNG, JPEG, GIF or WebP: the
# pictures every reading system shows, whose content EPUBCheck reads (a JPEG with a second picture
# in it, a camera's, is Pillow's MPO).
_CONTENT = {"image/png": ("PNG",), "image/apng": ("PNG",), "image/jpeg": ("JPEG", "MPO"), "image/gif": ("GIF",),
            "image/webp": ("WEBP",)}


def picture_fault(picture: Path) -> tuple[str, str] | None:
    """What is wrong with the picture file ``picture`` for a book, and what to do, or ``None``:
    over :data:`MOST_PIXELS` pixels (the hint :data:`HINT`); or, named as a PNG, JPEG, GIF or WebP,
    no such picture (damaged, cut short, another format so named). Such a file went into the EPUB,
    which a reading system showed as a broken picture and EPUBCheck refused (PKG-021, OPF-029), and
    the PDF left it out with WeasyPrint's warning alone, or printed the top of a photo cut short
    above flat grey. A picture of another format Pillow cannot read (HEIC, an iPhone's) is
    :data:`UNREADABLE`: the PDF left it out, and the EPUB can carry neither it nor a PNG of it. An
    SVG is no picture Pillow reads: the renderers read it."""
    expected = _CONTENT.get(image_type(picture) or "")
    named = f"a {expected[0]} picture" if expected else "a picture"
    header = _header(picture)  # its header alone: WeasyPrint and browsers take a PNG whose checksums are wrong
    if header is None:
        if expected:
            return (f"is not {named} that can be read: damaged, or no picture at all",
                    f"Open it in a picture editor and save it again as {picture.suffix}, or replace it.")
        return None if image_type(picture) == "image/svg+xml" else (UNREADABLE, UNREADABLE_HINT)
    size, found = header
    if too_many := _too_many(size):
        return f"is too large: {too_many}", HINT
    if expected and found not in expected:
        return (f"is a {found} picture named as {named}",
                f"Rename it {picture.stem}{_suffix_of(found)} and refer to it by that name: the EPUB tells an "
                "e-reader what each picture is by its name.")
    if _cut_short(picture, found):
        return ("is damaged: its file stops before its picture ends, as a copy cut short does",
                "Copy it again from where it came from, or replace it.")
    return None


def content_suffix(picture: Path) -> str | None:
    """The suffix the picture file ``picture`` is to be named with by its content (``.png``,
    ``.jpg``), read from its header; ``None`` for no picture Pillow reads."""
    header = _header(picture)
    return _suffix_of(header[1]) if header and header[1] else None


def _suffix_of(found: str) -> str:
    """The suffix of a picture whose format Pillow names ``found`` (``JPEG``: ``.jpg``)."""
    from PIL import Image

    return image_suffix(Image.MIME.get(found, "")) or f".{found.lower()}"


def _cut_short(picture: Path, found: str) -> bool:
    """Whether the JPEG or PNG file ``picture`` (``found``: Pillow's name of its format) ends before
    its picture does: its end is looked for from the end of the file, where a whole one has it, and
    its pixels are not decoded (a 9000×6000 photo's take a third of a second even at an eighth of
    its size). Another format is taken as whole."""
    whole = _WHOLE.get(found)
    if whole is None:
        return False
    with open(picture, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return not whole(data)


# The JPEG markers that have no length after them: a restart, a start of image, TEM.
_BARE_MARKERS = frozenset({*range(0xD0, 0xD9), 0x01})


def _whole_jpeg(data) -> bool:
    """Whether the JPEG ``data`` has its end-of-image marker after its first scan begins: nothing
    inside a scan can be taken for it, and one before it is a thumbnail's, in the EXIF."""
    at = 2  # after its start of image
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return True  # not laid out as the standard says: not judged here (Pillow opened it)
        marker = data[at + 1]
        if marker == 0xDA:  # its first scan begins
            return data.rfind(b"\xff\xd9", at) >= 0
        if marker == 0xFF:  # a fill byte
            at += 1
        else:
            at += 2 if marker in _BARE_MARKERS else 2 + int.from_bytes(data[at + 2:at + 4], "big")
    return False


def _whole_png(data) -> bool:
    """Whether the PNG ``data`` has its last chunk, IEND."""
    return data.rfind(b"IEND", 8) >= 0


_WHOLE = {"JPEG": _whole_jpeg, "MPO": _whole_jpeg, "PNG": _whole_png}


def _header(picture: Path | bytes) -> tuple[tuple[int, int] | None, str | None] | None:
    """The size in pixels and Pillow's name of the format of ``picture`` (a file, or its bytes),
    read from its header; ``None`` for no picture Pillow reads; ``(None, None)`` for one of over
    twice :data:`MOST_PIXELS`, whose size and format Pillow keeps to itself."""
    from PIL import Image, UnidentifiedImageError  # only for books with pictures

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # over MOST_PIXELS: told by the callers
        try:
            with Image.open(io.BytesIO(picture) if isinstance(picture, bytes) else picture) as opened:
                return opened.size, opened.format
        except Image.DecompressionBombError:
            return None, None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return None


def _too_many(size: tuple[int, int] | None) -> str | None:
    """How many pixels a picture of ``size`` has (``10000×10000 pixels``; ``None``: over twice
    :data:`MOST_PIXELS`, Pillow saying no more) when it is over :data:`MOST_PIXELS`, else ``None``."""
    if size is None:
        return f"over {2 * MOST_PIXELS:,} pixels"
    width, height = size
    return f"{width}×{height} pixels" if width * height > MOST_PIXELS else None


def tagged_dpi(opened) -> float | None:
    """The horizontal resolution an opened Pillow picture says it prints at (a PNG's pHYs, a
    JPEG's JFIF or EXIF density), when it says one of at least :data:`LEAST_TAGGED_DPI`. Rounded
    to a hundredth: a PNG keeps pixels per metre, and its 300 dpi reads 299.9994."""
    dpi = opened.info.get("dpi")
    try:
        horizontal = round(float(dpi[0]), 2)
    except (TypeError, ValueError, IndexError):
        return None
    return horizontal if horizontal >= LEAST_TAGGED_DPI else None


def natural_width(width_px: int, dpi: float | None) -> float:
    """The width in CSS pixels (1/96 in) a picture of ``width_px`` pixels takes unsized: that its
    :func:`tagged_dpi` gives it, or else a pixel to a CSS pixel, as a browser (and WeasyPrint)
    shows any picture."""
    return width_px * 96 / dpi if dpi else float(width_px)


def css_width(size: tuple[int, int], dpi: float | None, width: str | None = None, height: str | None = None) -> float:
    """The width in CSS pixels a picture of ``size`` pixels is given: its ``width`` attribute, or
    the width its ``height`` attribute gives it (a picture sized by its height alone was measured
    at its natural size, and a 600 px one set 270 px tall, at 142 dpi, passed the check), or its
    :func:`natural_width` at its ``dpi`` tag. Before the page narrows or shortens it:
    :meth:`~paiban.page.PageGeometry.picture_width`."""
    if width and width.isdigit():
        return float(width)
    if height and height.isdigit():
        return int(height) * size[0] / size[1]
    return natural_width(size[0], dpi)


def file_size_and_dpi(picture: Path | bytes) -> tuple[tuple[int, int], float | None] | None:
    """The size in pixels of the picture ``picture`` (a file, or its content) as it shows
    (:func:`upright_size`) and the dpi it is tagged with (:func:`tagged_dpi`); ``None`` when it is
    no picture Pillow reads. The one reading of a picture's size for print: the PDF's and
    ``paiban check``'s, and a Typora zoom's."""
    from PIL import Image, UnidentifiedImageError  # only for books with pictures

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(picture) if isinstance(picture, bytes) else picture) as opened:
                return upright_size(opened), tagged_dpi(opened)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            return None


# EXIF orientations 5 to 8 show a picture a quarter turn from how it is stored.
_QUARTER_TURNED = frozenset({5, 6, 7, 8})


def upright_size(opened) -> tuple[int, int]:
    """The size in pixels an opened Pillow picture shows at: turned a quarter turn when its EXIF
    orientation says so, as a phone stores a portrait photo (1920×1080 stored, 1080×1920 shown).
    WeasyPrint shows it so, and sized by its stored size it printed the text block's width wide
    and squashed to the height allowed. As WeasyPrint, by the EXIF of its header alone."""
    from PIL import ExifTags

    width, height = opened.size
    if "exif" in opened.info and opened.getexif().get(ExifTags.Base.Orientation) in _QUARTER_TURNED:
        return height, width
    return width, height


# What a picture in colour in a book printed in black ink is told, by the build (as it makes it
# grey) and by ``paiban check`` alike.
COLOUR_IN_BLACK = "a colour picture in a book printed in black ink: it is printed in grey"
GREY_HINT = "Check that what its colours told apart still shows, or give a grey version of it."
# Pillow's modes of grey of more than 8 bits a sample: a film or document scanner's PNG or TIFF
# of 16 (I;16 and its byte orders; I, as an older Pillow read it).
DEEP_GREY = frozenset({"I", "I;16", "I;16L", "I;16B", "I;16N"})
# Pillow's modes WeasyPrint writes as DeviceCMYK or DeviceGray, the inks of a PDF/X (16-bit grey
# once made 8-bit: :func:`in_eight_bits`); another (RGB, palette) is written as device RGB, which
# the build warns of and `paiban check` reports.
PRESS_MODES = frozenset({"CMYK", "L", "LA", "1", *DEEP_GREY})
RGB_IN_PRESS = ("in a PDF/X: it is written as device RGB, which the printer's RIP converts as it likes; convert "
                "it to CMYK with the printer's profile")


def in_eight_bits(picture):
    """An opened Pillow ``picture`` of :data:`DEEP_GREY` in 8-bit grey, its greys kept; any other
    as it is. Pillow's own conversion clips every value over 255 to white (a grey of 40000 of
    65535 came out white), and WeasyPrint, which knows no such mode, printed a black block."""
    if picture.mode not in DEEP_GREY:
        return picture
    return picture.convert("I").point(lambda value: value / 256).convert("L")


def as_rgb(picture, mode: str = "RGB"):
    """An opened Pillow ``picture`` in ``mode`` (RGB, RGBA), through its own ICC profile when it
    has one: a CMYK JPEG's numbers are its press's inks, which Pillow's plain conversion reads by a
    naive formula (its cyan comes out light). A profile that does not fit the picture is ignored.
    16-bit grey is made 8-bit first (:func:`in_eight_bits`)."""
    from PIL import ImageCms

    picture = in_eight_bits(picture)
    if profile := picture.info.get("icc_profile"):
        try:
            return ImageCms.profileToProfile(picture, ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                                             ImageCms.createProfile("sRGB"), outputMode=mode)
        except ImageCms.PyCMSError:
            pass
    return picture.convert(mode)


def in_colour(rgb) -> bool:
    """Whether a picture in RGB (or RGBA) has a pixel that is not grey."""
    from PIL import ImageChops

    red, green, blue = rgb.split()[:3]
    return bool(ImageChops.difference(red, green).getbbox() or ImageChops.difference(green, blue).getbbox())
