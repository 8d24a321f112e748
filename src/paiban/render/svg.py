"""SVG images, read without the network or entities; in the PDF, their text in the edition's fonts.

WeasyPrint draws an SVG as a document of its own, which the book's fonts.css never reaches:
text that names no font, only a generic family (``sans-serif``), or a family that is not
installed falls to fontconfig's defaults — on Debian, Noto Sans CJK JP for Chinese (Japanese
glyph forms of 直, 骨, 写) and DejaVu Sans for Latin. So the PDF's copy of an SVG names the
edition's families (:func:`in_edition_fonts`):

* its root gets them as its ``font-family`` presentation attribute, the weakest of its rules:
  the SVG's own ``font-family`` (an attribute, a ``style``, a ``<style>`` sheet) wins over it;
* each ``font-family`` the SVG gives keeps the families that are installed (or that its own
  ``@font-face`` rules bring), leaves out the others, and ends with the edition's families for
  its generic family (:meth:`~paiban.css_syntax.FamilyList.role`): the serif for ``serif`` (and
  ``ui-serif``, ``fangsong``, ``math``), the mono for ``monospace`` (``ui-monospace``), the sans otherwise.

The sans is the default: a figure's labels are set in 黑体 by convention, a serif's hairlines
thin out at a figure's small sizes, and it is what WeasyPrint gives SVG text that names no font.
"""

from __future__ import annotations

import json
import logging
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urljoin

import tinycss2
from lxml import etree
from tinycss2 import ast

from ..css_syntax import family_list, require_shallow
from ..edition import Fonts
from ..errors import PaibanError
from ..fonts import installed_families
from ..xhtml import drop
from .css import contain_css
from .pagemap import local

# The edition's fonts standing in for a generic family that calls for none of them, or for none
# given: a figure's text is set in the sans (see the module's docstring).
_FIGURE_ROLE = "sans"

log = logging.getLogger("paiban")


def parse_svg(data: bytes, path: Path) -> etree._Element:
    """The root ``<svg>`` of ``data`` (the SVG at ``path``, unpacked when gzipped: a ``.svgz``),
    parsed without the network, a DTD or entities (a reference to one stays in the tree as it is);
    an error naming the file when it is not well-formed XML, not an SVG, or when a ``<style>`` of
    it nests its blocks deeper than paiban reads (:func:`~paiban.css_syntax.require_shallow`)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    try:
        root = etree.fromstring(_unpacked(data, path) if data.startswith(_GZIP) else data, parser)
    except etree.XMLSyntaxError as error:
        raise PaibanError(f"the SVG image is not well-formed XML: {error.msg}", file=path, line=error.lineno,
                          hint="Open it in a drawing program and save it again as SVG.") from None
    if local(root.tag) != "svg":
        raise PaibanError(f"the image is not an SVG: its root element is <{local(root.tag)}>", file=path,
                          hint="Give an .svg file a drawing, or the file the name of what it is.")
    for style in root.iter("{*}style"):
        require_shallow(style.text or "", path, style.sourceline)
    return root


_GZIP = b"\x1f\x8b"
# The most a .svgz may unpack to: a drawing's SVG is some KB to a few MB, and a bomb of 3 MB unpacked
# to 3 GB in memory (6 GB at its peak), then failed as XML, or as a bug in paiban, out of memory.
_LARGEST_SVG = 32 * 2**20


def _unpacked(data: bytes, path: Path) -> bytes:
    """The SVG a ``.svgz`` file holds gzipped, unpacked no further than :data:`_LARGEST_SVG`."""
    inflater = zlib.decompressobj(wbits=31)  # gzip's header and trailer
    try:
        svg = inflater.decompress(data, _LARGEST_SVG + 1)
    except zlib.error:
        svg = b""
    if len(svg) > _LARGEST_SVG:
        raise PaibanError(f"the picture {path.name} unpacks to over {_LARGEST_SVG // 2**20} MB of SVG", file=path,
                          hint="A drawing's SVG is a few MB at most: save it again from the drawing program, "
                               "or as a PNG.")
    if not inflater.eof:
        raise PaibanError(f"the picture {path.name} is no compressed SVG (gzip)", file=path,
                          hint="Save it again as .svgz, or as a plain .svg.")
    return svg


def in_edition_fonts(data: bytes, path: Path, fonts: Fonts, loads: Callable[[str], bool] = lambda url: True,
                     warn: Callable[[str], None] = log.warning, named: str = "") -> bytes:
    """The SVG ``data`` (read from ``path``) with its text in the edition's ``fonts`` where it
    names none that is installed (see the module's docstring), and without what WeasyPrint cannot
    draw (:func:`_drawable`) or what it refers to that the PDF's fetcher does not read (``loads``
    refuses: :func:`_unread`). What is left out is told to ``warn``, naming the SVG as ``named``
    (its path, by default). An SVG that cannot be parsed is passed on as read (WeasyPrint leaves
    it out, saying only that it failed), named with why."""
    try:
        root = parse_svg(data, path)
    except PaibanError as error:
        warn(f"{error.location}: {error.message}; the PDF leaves it out")
        return data
    named = named or str(path)
    if left_out := _drawable(root):
        warn(f"{named}: left out of the PDF's copy of this SVG: {', '.join(dict.fromkeys(left_out))} (WeasyPrint "
             "draws no SVG with an entity declared in a file, nor with an @import)")
    if unread := _unread(root, path.absolute().as_uri(), loads):
        warn(f"{named}: left out of the PDF's copy of this SVG: {', '.join(dict.fromkeys(unread))} (only files "
             "inside the book and its theme are read)")
    set_in_fonts(root, path, fonts)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")  # without its DOCTYPE: nothing read in it


def _drawable(root: etree._Element) -> list[str]:
    """Take out of the SVG ``root`` what makes WeasyPrint leave the whole picture out of the PDF,
    saying only that it failed: entity references (its parser expands none declared in a file; the
    EPUB's copy takes them all out too) and a sheet's ``@import`` (WeasyPrint 70 fails on any).
    What was taken out."""
    taken = []
    for entity in list(root.iter(etree.Entity)):
        drop(entity)
        taken.append(f"&{entity.name};")
    for node in root.iter(etree.Element):
        if local(node.tag) == "style" and node.text:
            rules = tinycss2.parse_stylesheet(node.text)
            kept = [rule for rule in rules if not (isinstance(rule, ast.AtRule) and rule.lower_at_keyword == "import")]
            if len(kept) < len(rules):
                node.text = tinycss2.serialize(kept)
                taken.append("@import")
    return taken


def _unread(root: etree._Element, base: str, loads: Callable[[str], bool]) -> list[str]:
    """Take out of the SVG ``root`` each element showing a resource (an ``<image>``, a ``<use>``;
    a link loads nothing) whose ``href`` ``loads`` refuses, resolved against ``base``, the SVG's
    URL: a picture on the web, which the fetcher refused when WeasyPrint asked for it, in a warning
    naming the URL alone (not the SVG, nor the article showing it). Its ``href`` alone taken out,
    WeasyPrint asked for the picture at None. What was taken out."""
    taken = []
    for node in list(root.iterdescendants(etree.Element)):
        href = next((value for name, value in node.attrib.items() if local(name) == "href"), None)
        if href is not None and local(node.tag) != "a" and not loads(urljoin(base, href.strip())):
            drop(node)
            taken.append(f"<{local(node.tag)} href={href[:40]!r}>")
    return taken


def set_in_fonts(root: etree._Element, path: Path, fonts: Fonts) -> list[str]:
    """Write the edition's ``fonts`` into the SVG ``root`` (in place); the families it named
    that are neither installed nor its own (each once), which it no longer names."""
    installed = {name.casefold() for name in installed_families()}
    available = (installed | _own_faces(root)) if installed else None  # None: fontconfig cannot tell
    left_out: dict[str, None] = {}

    def families(tokens: list) -> str | None:
        return _families(tokens, fonts, available, left_out)

    def rewrite(declaration: ast.Declaration) -> str | None:
        return families(declaration.value) if declaration.lower_name == "font-family" else None

    for node in root.iter(etree.Element):
        if local(node.tag) == "style" and node.text:
            node.text = contain_css(node.text, f"{path} <style>", _any, rewrite)
        if (style := node.get("style")) is not None:
            node.set("style", contain_css(style, f"{path} style=", _any, rewrite, declarations=True))
        if (family := node.get("font-family")) is not None:
            node.set("font-family", families(tinycss2.parse_component_value_list(family)) or family)
    if root.get("font-family") is None:
        root.set("font-family", _listed(fonts.sans, "sans-serif"))
    return list(left_out)


def _families(tokens: list, fonts: Fonts, available: set[str] | None, left_out: dict[str, None]) -> str | None:
    """A ``font-family`` value (``tokens``): its ``available`` families (all of them when that is
    ``None``), then the edition's for its generic family, then that family. ``None`` (keep it
    as written) for a keyword such as ``inherit``, or a value that is no list of families.
    A family left out is added to ``left_out``."""
    families = family_list(tokens)
    if families is None:
        return None
    kept = [name for name in families.named if available is None or name.casefold() in available]
    left_out.update(dict.fromkeys(name for name in families.named if name not in kept))
    return _listed([*kept, *getattr(fonts, families.role(_FIGURE_ROLE))], families.generic or "sans-serif")


def _listed(families: Iterable[str], generic: str) -> str:
    """A ``font-family`` value: each of ``families`` once and quoted, then the ``generic`` family
    as a keyword. No space after a comma: WeasyPrint's SVG text splits the value at commas and
    strips the quotes off each end, so ``"A", "B"`` would ask for a family named ``"B`` (nothing:
    the default)."""
    return ",".join([*(json.dumps(name, ensure_ascii=False) for name in dict.fromkeys(families)), generic])


def _own_faces(root: etree._Element) -> set[str]:
    """The families the SVG's ``<style>`` sheets bring with ``@font-face`` (casefolded)."""
    faces = set()
    for node in root.iter(etree.Element):
        if local(node.tag) != "style" or not node.text:
            continue
        for rule in tinycss2.parse_stylesheet(node.text, skip_comments=True, skip_whitespace=True):
            if isinstance(rule, ast.AtRule) and rule.lower_at_keyword == "font-face" and rule.content:
                faces.update(" ".join(token.value for token in declaration.value
                                      if isinstance(token, (ast.StringToken, ast.IdentToken))).casefold()
                             for declaration in tinycss2.parse_blocks_contents(rule.content)
                             if isinstance(declaration, ast.Declaration) and declaration.lower_name == "font-family")
    return faces


def _any(_url: str) -> bool:
    """Every URL is kept: the PDF's fetcher confines what the SVG loads."""
    return True
