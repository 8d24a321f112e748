"""How many pixels a picture of the book may have: no more than Pillow takes as safe.

A PNG of a few hundred KB can claim 30000×30000 pixels, gigabytes once decoded: Pillow refuses
it as a decompression bomb (WeasyPrint then leaves it out of the PDF, saying nothing of why)
and warns of one over 89 million pixels. paiban refuses such a picture when the article (or
book.toml) naming it is read, for every format alike; a book's largest, an A3 spread printed
at 600 dpi, has some 70 million.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

MOST_PIXELS = 89_478_485  # Pillow's MAX_IMAGE_PIXELS
HINT = (f"paiban takes pictures of at most {MOST_PIXELS:,} pixels (one printed across an A4 page at 300 dpi "
        "has under 9 million): scale it down.")


def too_many_pixels(picture: Path | bytes) -> str | None:
    """How many pixels ``picture`` (a file, or its bytes) has, when it is over :data:`MOST_PIXELS`
    (``10000×10000 pixels``); ``None`` when it is not, or is no picture Pillow reads (an SVG: the
    renderers and ``paiban check`` name a file that is no picture). Only the header is read."""
    from PIL import Image, UnidentifiedImageError  # only for books with pictures

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # over MOST_PIXELS: told below
        try:
            with Image.open(io.BytesIO(picture) if isinstance(picture, bytes) else picture) as opened:
                width, height = opened.size
        except Image.DecompressionBombError:  # over twice as many: Pillow keeps its size to itself
            return f"over {2 * MOST_PIXELS:,} pixels"
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return None
    return f"{width}×{height} pixels" if width * height > MOST_PIXELS else None
