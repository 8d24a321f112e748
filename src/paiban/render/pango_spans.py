"""Pango attributes on spans of a WeasyPrint layout's text, for the modules that set them after
WeasyPrint has set the text (``justify``: justification spacing; ``twins``: a font of its own;
``combining``: the Latin face of a digit's marks).
Pango counts a span in UTF-8 bytes, Python in characters."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from weasyprint.text.ffi import ffi, pango

if not hasattr(pango, "pango_attr_font_desc_new"):  # WeasyPrint declares the Pango it uses, not this
    ffi.cdef("PangoAttribute * pango_attr_font_desc_new (const PangoFontDescription *desc);")


def byte_spans(text: str, matches: Iterable[re.Match[str]]) -> Iterator[tuple[re.Match[str], int, int]]:
    """Each of ``matches`` (in order, of ``text``) with where it starts and ends in UTF-8 bytes."""
    offset, index = 0, 0
    for match in matches:
        offset += len(text[index:match.start()].encode("utf-8"))
        index = match.start()
        yield match, offset, offset + len(match[0].encode("utf-8"))


def set_on_spans(layout, attributes: Iterable[tuple[object, int, int]]) -> None:
    """Set each (Pango attribute, start byte, end byte) of ``attributes`` on the span of ``layout``'s
    text, over the attributes it has."""
    listed = pango.pango_layout_get_attributes(layout)
    if listed == ffi.NULL:
        listed = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    for attribute, start, end in attributes:
        attribute.start_index, attribute.end_index = start, end
        pango.pango_attr_list_change(listed, attribute)
    pango.pango_layout_set_attributes(layout, listed)


def font_attribute(family: bytes = b"", variations: bytes = b""):
    """The Pango attribute that draws a span from ``family`` (families, comma-separated), or from
    its font with the font ``variations``: whichever is given, the span's font as it is else."""
    description = ffi.gc(pango.pango_font_description_new(), pango.pango_font_description_free)
    if family:
        pango.pango_font_description_set_family(description, family)
    if variations:
        pango.pango_font_description_set_variations(description, variations)
    return pango.pango_attr_font_desc_new(description)  # (it copies the description)
