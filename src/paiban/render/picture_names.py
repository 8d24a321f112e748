"""A picture's name in the PDF comes from what it shows, not from where the book lies.

WeasyPrint 70 names each raster picture it loads after the MD5 of its URL (``image_id`` in
``images.get_image_from_uri``), and the PDF calls the picture by that name (``/i75826f…1``, an
XObject of the pages' resources, drawn by their content streams). A picture's URL is its file's
absolute ``file://`` URL, so the same book gave another PDF in every directory it was built in:
a clean checkout, a CI workspace, a container's path. Here a picture is named after its bytes (as
the URL fetcher gave them) and the way it is turned, which are the same wherever the book is:
every picture (an article's, a template's logo, one an SVG shows), in the single pass and in each
piece of a large book alike. Two files with the same bytes and turned alike are one picture, as
WeasyPrint already took one URL shown twice.

Importing this module installs it.
"""

from __future__ import annotations

import hashlib

from weasyprint import DEFAULT_OPTIONS, images

_RASTER_INIT = images.RasterImage.__init__


def _named_by_content(self, pillow_image, image_id, image_data, filename=None, cache=None, orientation="none",
                      options=DEFAULT_OPTIONS) -> None:
    """WeasyPrint's ``RasterImage``, its id the digest of ``image_data`` and ``orientation``,
    ``image_id`` (the URL's digest, or a bitmap glyph's font and number) set aside."""
    content = hashlib.md5(image_data, usedforsecurity=False)
    content.update(repr(orientation).encode())
    _RASTER_INIT(self, pillow_image, content.hexdigest(), image_data, filename, cache, orientation, options)


images.RasterImage.__init__ = _named_by_content
