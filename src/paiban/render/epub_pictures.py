"""Pictures as the EPUB carries them: in RGB, and of at most 5.6 million pixels.

Apple Books refuses an EPUB holding a CMYK picture or one of more than 5.6 million pixels (its
asset guide), and other reading systems show a CMYK JPEG with its colours wrong or not at all.
A picture supplied for print (CMYK, 300 dpi, 12 million pixels for a spread) is what the PDF
needs, and it keeps it as it is. The EPUB gets it converted to sRGB through its own ICC profile
(:func:`~paiban.pixels.as_rgb`), turned as its EXIF orientation says (the copy has no EXIF to
say it), and scaled down to fit, in its own format, under its own name. Any other picture goes
in byte for byte, as does an animated one (re-encoding it would keep one frame) and a GIF.
"""

from __future__ import annotations

import hashlib
import io
import math

from ..cache import Shelf
from ..pixels import as_rgb

# Apple Books' limit for a picture inside an EPUB; the sharpest tablet shows about as many.
MOST_PIXELS = 5_600_000
_REMADE = ("JPEG", "PNG", "WEBP")  # the formats a picture may be made again in
_JPEG_QUALITY = 90


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


def _made_for_screens(data: bytes) -> bytes:
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as opened:
        kind, profile = opened.format, opened.info.get("icc_profile")
        picture = ImageOps.exif_transpose(opened)
        if picture.mode == "CMYK":
            picture, profile = as_rgb(picture), None  # sRGB now: its press's profile no longer says its colours
        width, height = picture.size
        if width * height > MOST_PIXELS:
            scale = math.sqrt(MOST_PIXELS / (width * height))
            if picture.mode.startswith("I"):  # 16-bit grey, scaled to 8 bits (converted, it was clipped: white)
                picture = picture.convert("I").point(lambda value: value / 256).convert("L")
            elif picture.mode not in ("RGB", "RGBA", "L", "LA"):  # a palette's colours are mixed in RGB(A)
                picture = picture.convert("RGBA" if "transparency" in picture.info else "RGB")
            picture = picture.resize((int(width * scale), int(height * scale)), Image.Resampling.LANCZOS)
    made = io.BytesIO()
    options = {"quality": _JPEG_QUALITY} if kind in ("JPEG", "WEBP") else {}
    picture.save(made, format=kind, **options, **({"icc_profile": profile} if profile else {}))
    return made.getvalue()
