"""SVG images as the EPUB carries them: without anything that runs code or loads from elsewhere.

An SVG is a document, and the book's author is not the only one who may have written it (it
came from a drawing program, a web page, a colleague). A reading system shows it, so what
would run there (``<script>``, ``onclick=``, a ``<set>`` that writes a ``javascript:`` link)
or fetch from outside the image (``<image href="http://…">``, a file beside it the EPUB does
not carry, a stylesheet's ``url()``) is taken out of the EPUB's copy, with one warning naming
the file; the book's own file is never changed. An EPUB with any of it would be scripted or
point outside itself, which the README promises no paiban EPUB does (and EPUBCheck reports).
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from ..xhtml import drop
from .css import contain_css
from .epub_markup import ACTIVE, LINK_SCHEMES, REFERRING, animates_reference, attribute_name
from .pagemap import local
from .svg import parse_svg

log = logging.getLogger("paiban")

# What an SVG may refer to: its own elements (#id), and pictures written into it (data:).
_PICTURES = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")


def contained_svg(data: bytes, path: Path) -> bytes:
    """``data`` (the SVG at ``path``) without scripts, event handlers and references outside it.

    Parsed without the network, a DTD or entities (:func:`.svg.parse_svg`; a reference to one is left out).
    """
    root = parse_svg(data, path)
    left_out = [what for node in list(root.iter()) if (what := _contain(node, path))]
    if left_out:
        log.warning("%s: left out of the EPUB's copy of this SVG: %s (an image in an e-book may not run code "
                    "or load from outside itself)", path, ", ".join(dict.fromkeys(left_out)))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _contain(node, path: Path) -> str | None:
    """Take out ``node``, or the attributes of it that run code or refer outside the image; say what."""
    if not isinstance(node, etree._Element) or not isinstance(node.tag, str):  # entity, processing instruction
        what = f"&{node.name};" if isinstance(node, etree._Entity) else "a processing instruction"
        drop(node)
        return what
    tag = local(node.tag)
    if tag in ACTIVE - {"style"} or animates_reference(node):
        drop(node)
        return f"<{tag}>"
    if tag == "style" and node.text:
        node.text = contain_css(node.text, f"{path} <style>", _inside)
    taken = []
    for name, value in list(node.attrib.items()):
        attribute = attribute_name(name)
        if attribute == "style":
            node.set(name, contain_css(value, f"{path} style=", _inside, declarations=True))
        elif "url(" in value and not attribute.startswith("on") and attribute not in REFERRING:
            # A presentation attribute's paint, filter, mask or marker: a CSS value, judged as one.
            if not contain_css(f"{attribute}: {value}", f"{path} {attribute}=", _inside, declarations=True):
                del node.attrib[name]
        elif attribute.startswith("on") or (attribute in REFERRING and _outside(tag, attribute, value)):
            del node.attrib[name]
            taken.append(f"{attribute}={value[:40]!r}")
    return ", ".join(taken) or None


def _inside(url: str) -> bool:
    """Whether ``url`` stays inside the image: one of its own elements, or a picture written into it."""
    url = url.strip()
    return url.startswith("#") or url.lower().startswith(_PICTURES)


def _outside(tag: str, attribute: str, value: str) -> bool:
    """Whether an attribute refers outside the image (a link to a web page is fine)."""
    if tag == "a" and attribute == "href":
        return not _inside(value) and urlsplit(value.strip()).scheme.lower() not in LINK_SCHEMES
    return not _inside(value)
