"""Pictures as the EPUB carries them: in one of its core formats, in RGB, and of at most 5.6 million pixels.

Apple Books refuses an EPUB holding a CMYK picture or one of more than 5.6 million pixels (its
asset guide), and other reading systems show a CMYK JPEG with its colours wrong or not at all.
A picture supplied for print (CMYK, 300 dpi, 12 million pixels for a spread) is what the PDF
needs, and it keeps it as it is. The EPUB gets it converted to sRGB through its own ICC profile
(:func:`~paiban.pixels.as_rgb`), turned as its EXIF orientation says (the copy has no EXIF to
say it), and scaled down to fit, in its own format, under its own name. Any other picture goes
in byte for byte, as does an animated one (re-encoding it would keep one frame) and a GIF.

A picture in a format an EPUB may not carry (a scan's TIFF, a BMP) goes in as a PNG of it
(:func:`as_png`), named so (:func:`carried_name`): carried as it was, it made the EPUB invalid
(EPUBCheck's RSC-032) and reading systems showed nothing; the PDF prints it as it is.
"""

from __future__ import annotations

import hashlib
import io
import math
from pathlib import PurePosixPath

from ..cache import Shelf
from ..media import image_suffix, image_type
from ..pixels import as_rgb, in_eight_bits
from .assets import MEDIA_TYPES

# Apple Books' limit for a picture inside an EPUB; the sharpest tablet shows about as many.
MOST_PIXELS = 5_600_000
_REMADE = ("JPEG", "PNG", "WEBP")  # the formats a picture may be made again in
_JPEG_QUALITY = 90


# Media types whose files an EPUB carries as they are, under a name of another: an APNG is a PNG.
_SAME_CONTENT = {"image/apng": "image/png"}


def carried_name(name: str) -> str:
    """The name a picture ``name`` has in the EPUB: its own; a core type's suffix for a core
    type's picture named otherwise (``photo.jfif`` → ``photo.jpg``, its bytes as they are); a
    PNG's for a format an EPUB may not carry (``scan.tif`` → ``scan.png``)."""
    kind = image_type(name)
    if MEDIA_TYPES.get(PurePosixPath(name).suffix.lower()) == kind:
        return name
    kind = _SAME_CONTENT.get(kind, kind)
    return str(PurePosixPath(name).with_suffix(image_suffix(kind) if kind in MEDIA_TYPES.values() else ".png"))


def made_again(name: str) -> bool:
    """Whether the picture ``name`` goes into the EPUB as a PNG made of it (:func:`as_png`), its
    format one an EPUB may not carry."""
    kind = image_type(name)
    return image_type(carried_name(name)) != _SAME_CONTENT.get(kind, kind)


def as_png(data: bytes, pictures: Shelf) -> bytes:
    """``data``, a picture in a format an EPUB may not carry, as a PNG for screens (its first
    frame, turned as its EXIF says, in RGB, scaled to :data:`MOST_PIXELS`). One Pillow cannot
    read (HEIC) was refused as the article showing it was read (:func:`~paiban.pixels.picture_fault`)."""
    return pictures.memo(("as png", hashlib.sha256(data).hexdigest()), lambda: _made_for_screens(data, "PNG"))


def for_screens(data: bytes, pictures: Shelf) -> bytes:
    """``data``, a picture file, as the EPUB carries it: as it is, or made again (kept in
    ``pictures`` by its content, since decoding a print photo takes a tenth of a second)."""
    from PIL import Image, UnidentifiedImageError  # only for books with pictures

    try:
        with Image.open(io.BytesIO(data)) as opened:  # the header alone
            if not _remade(opened):
                return data
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return data  # an SVG, or no picture: the build names a file that is none
    return pictures.memo(("for screens", hashlib.sha256(data).hexdigest()), lambda: _made_for_screens(data))


def _remade(opened) -> bool:
    """Whether an opened picture must be made again: in CMYK, or of too many pixels."""
    width, height = opened.size
    return (opened.format in _REMADE and not getattr(opened, "is_animated", False)
            and (opened.mode == "CMYK" or width * height > MOST_PIXELS))


def _made_for_screens(data: bytes, kind: str | None = None) -> bytes:
    """The picture ``data`` made again in its own format, or in ``kind``."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as opened:
        kind, profile = kind or opened.format, opened.info.get("icc_profile")
        picture = in_eight_bits(ImageOps.exif_transpose(opened))
        if picture.mode == "CMYK":
            picture, profile = as_rgb(picture), None  # sRGB now: its press's profile no longer says its colours
        if kind == "PNG" and picture.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
            picture = picture.convert("RGBA" if "A" in picture.mode else "RGB")  # what a PNG holds (a BMP's, a TIFF's)
        width, height = picture.size
        if width * height > MOST_PIXELS:
            scale = math.sqrt(MOST_PIXELS / (width * height))
            if picture.mode not in ("RGB", "RGBA", "L", "LA"):  # a palette's colours are mixed in RGB(A)
                picture = picture.convert("RGBA" if "transparency" in picture.info else "RGB")
            picture = picture.resize((int(width * scale), int(height * scale)), Image.Resampling.LANCZOS)
    made = io.BytesIO()
    options = {"quality": _JPEG_QUALITY} if kind in ("JPEG", "WEBP") else {}
    picture.save(made, format=kind, **options, **({"icc_profile": profile} if profile else {}))
    return made.getvalue()
