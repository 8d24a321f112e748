"""Pictures' media types by file name, from paiban's own table, not the system's ``mime.types``.

``mimetypes`` reads /etc/mime.types and its kin the first time it is asked (6 ms, and EbookLib
has it read them a second time), and answers as the machine's files say: a book's pictures, and
so its cache keys, would depend on the machine. The table holds every picture format an editor
is likely to have at hand; the EPUB carries those an e-reader cannot show as PNGs (render.epub_pictures).
"""

from __future__ import annotations

from pathlib import PurePath

IMAGE_TYPES = {
    ".png": "image/png", ".apng": "image/apng", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".jpe": "image/jpeg",
    ".jfif": "image/jpeg", ".gif": "image/gif", ".svg": "image/svg+xml", ".svgz": "image/svg+xml",
    ".webp": "image/webp", ".avif": "image/avif", ".jxl": "image/jxl", ".jp2": "image/jp2", ".bmp": "image/bmp",
    ".tif": "image/tiff", ".tiff": "image/tiff", ".heic": "image/heic", ".heif": "image/heif",
    ".ico": "image/vnd.microsoft.icon", ".psd": "image/vnd.adobe.photoshop", ".xcf": "image/x-xcf",
    ".pcx": "image/vnd.zbrush.pcx", ".ppm": "image/x-portable-pixmap", ".pgm": "image/x-portable-graymap",
    ".pbm": "image/x-portable-bitmap", ".pnm": "image/x-portable-anymap", ".emf": "image/emf", ".wmf": "image/wmf",
}


def image_type(name: str | PurePath) -> str | None:
    """The media type of the picture file ``name`` (by its suffix, in any case); ``None`` for any other file."""
    return IMAGE_TYPES.get(PurePath(name).suffix.lower())


def image_suffix(media_type: str) -> str | None:
    """The suffix a picture of ``media_type`` is named with (the first the table gives it:
    ``.jpg`` for a JPEG); ``None`` for a type it does not hold."""
    return next((suffix for suffix, kind in IMAGE_TYPES.items() if kind == media_type), None)
