"""Store profiles: what Kindle, Apple Books and Kobo need beyond a valid EPUB.

EPUBCheck passes books that a store still shows badly. Each profile lists the traps its
reader is known for, checked in the EPUB itself:

- **kindle**: a vertical book needs ``<meta name="primary-writing-mode" content="vertical-rl"/>``
  in the OPF, or Kindle lays it out horizontally; inline ``style`` attributes override the
  reader's settings and Kindle Previewer flags them; a footnote pops up only when its note
  links back to the reference; KDP wants a cover image, and its image guidelines list GIF, BMP,
  JPEG, PNG and SVG pictures (Enhanced Typesetting GIF, JPEG and PNG): no WebP.
- **apple** and **kobo**: a footnote pops up only when its reference is
  ``epub:type="noteref"`` and its note an ``<aside epub:type="footnote">``; a vertical book
  needs ``page-progression-direction="rtl"`` on the spine; a cover image is expected.
  Apple Books also ignores embedded fonts unless the OPF says ``ibooks:specified-fonts``.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from lxml import etree
from tinycss2 import ast

from .report import Finding
from .. import patterns
from ..css_syntax import RULE_BLOCKS

PROFILES = ("kindle", "apple", "kobo")
NS = {"opf": "http://www.idpf.org/2007/opf", "x": "http://www.w3.org/1999/xhtml",
      "c": "urn:oasis:names:tc:opendocument:xmlns:container"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
# The selectors of a rule that sets the writing mode of the whole page, as vertical.css does (html).
_PAGE_SELECTORS = {"html", ":root", "body"}
_WRITING_MODES = {"writing-mode", "-epub-writing-mode", "-webkit-writing-mode"}
# What a store needs of a vertical book, which paiban writes for an edition set vertical in book.toml.
_SET_VERTICAL = ("Set `vertical = true` in [epub] of book.toml (or in the edition's [[editions]] entry) rather than "
                 "the writing mode in a sheet: paiban then writes the primary-writing-mode meta and a right-to-left "
                 "spine.")
_FONT_TYPES = patterns.compile(r"^(?:font/|application/(?:font-|x-font-|vnd\.ms-opentype))")
# How a footnote reference looks before it is a popup: markdown-it's <sup class="footnote-ref">
# around the link, or Pandoc's (and Python-Markdown's) class on the link itself.
_NOTE_CLASSES = {"footnote-ref", "footnoteRef"}


@dataclass(frozen=True)
class Epub:
    """The parts of an EPUB the profiles look at: the OPF, the CSS text and the XHTML documents."""

    name: str
    opf: etree._Element
    css: str
    documents: dict[str, etree._Element]  # path inside the EPUB → parsed XHTML
    media_types: dict[str, str]  # path inside the EPUB of each item of the manifest → its media type

    @classmethod
    def read(cls, path: Path) -> Epub:
        with zipfile.ZipFile(path) as archive:
            container = etree.fromstring(archive.read("META-INF/container.xml"))
            opf_path = container.find(".//c:rootfile", NS).get("full-path")
            opf = etree.fromstring(archive.read(opf_path))
            base = posixpath.dirname(opf_path)
            items = opf.findall(".//opf:manifest/opf:item", NS)
            media_types = {posixpath.join(base, item.get("href")): item.get("media-type") for item in items}
            css = "".join(archive.read(name).decode("utf-8") for name, kind in media_types.items()
                          if kind == "text/css")
            documents = {posixpath.join(base, item.get("href")):
                         etree.fromstring(archive.read(posixpath.join(base, item.get("href"))))
                         for item in items if item.get("media-type") == "application/xhtml+xml"
                         and "nav" not in (item.get("properties") or "").split()}
        return cls(name=path.name, opf=opf, css=css, documents=documents, media_types=media_types)

    def meta(self, attribute: str, value: str) -> etree._Element | None:
        return next(iter(self.opf.xpath(f".//opf:metadata/opf:meta[@{attribute}=$v]", namespaces=NS, v=value)),
                    None)

    @property
    def vertical(self) -> bool:
        """Whether a sheet sets the whole page vertical (``html { writing-mode: vertical-rl }``).
        A vertical inscription in a horizontal book (``.shuti { … }``), or a comment that names the
        property, leaves the book horizontal: it was called vertical, an error whose hint would
        have turned its pages right to left."""
        return "vertical-rl" in self.css and _sets_vertical_page(
            tinycss2.parse_stylesheet(self.css, skip_comments=True, skip_whitespace=True))

    @property
    def has_cover(self) -> bool:
        return any("cover-image" in (item.get("properties") or "").split()
                   for item in self.opf.findall(".//opf:manifest/opf:item", NS))

    @property
    def embeds_fonts(self) -> bool:
        return any(_FONT_TYPES.match(kind or "") for kind in self.media_types.values())


def store_problems(path: Path, profile: str, edition: str) -> list[Finding]:
    """The traps of ``profile`` found in the EPUB at ``path``."""
    book = Epub.read(path)
    opf = f"{book.name}/OPF"

    def finding(severity, message: str, file: str, line: int | None = None, hint: str | None = None) -> Finding:
        return Finding(severity, "stores", f"{profile}: {message}", file, line, hint=hint, editions=(edition,))

    findings = []
    spine = book.opf.find(".//opf:spine", NS)
    if profile == "kindle" and book.vertical and book.meta("name", "primary-writing-mode") is None:
        findings.append(finding("error", "a vertical book without the primary-writing-mode meta", opf,
                                hint=_SET_VERTICAL))
    if profile in ("apple", "kobo") and book.vertical and spine.get("page-progression-direction") != "rtl":
        findings.append(finding("error", "a vertical book whose spine does not turn pages right to left", opf,
                                hint=_SET_VERTICAL))
    if not book.has_cover:
        findings.append(finding("warning", "no cover image", opf, hint="Set `cover` in [book] of book.toml."))
    if profile == "apple" and book.embeds_fonts and book.meta("property", "ibooks:specified-fonts") is None:
        findings.append(finding("warning", "embedded fonts are ignored without ibooks:specified-fonts", opf,
                                hint="paiban writes it for every font the EPUB carries (`embed-fonts = true` in [epub] "
                                     "of book.toml, or a font an @font-face of the book's styles/ brings); an EPUB "
                                     'made otherwise needs <meta property="ibooks:specified-fonts">true</meta> in '
                                     "its OPF."))
    if profile == "kindle":
        findings += [finding("warning", "a WebP picture, a format KDP's image guidelines do not list",
                             f"{book.name}/{name}",
                             hint="Save it as a JPEG (a photograph) or a PNG, and refer to that file (in its article, "
                                  "or as `cover` in book.toml): Kindle takes GIF, BMP, JPEG, PNG and SVG pictures.")
                     for name, media_type in book.media_types.items() if media_type == "image/webp"]
    for name, document in book.documents.items():
        where = f"{book.name}/{name}"
        styled = document.xpath("//*[@style]")
        if profile == "kindle" and styled:
            findings.append(finding("warning", f"{len(styled)} inline style attribute(s)", where,
                                    styled[0].sourceline, hint="Move the styles into a class of the theme's CSS."))
        findings += [finding("warning", problem, where, link.sourceline,
                             hint="A footnote pops up when its reference is <a epub:type=\"noteref\"> and its "
                                  "note an <aside epub:type=\"footnote\"> that links back to the reference.")
                     for link, problem in _footnote_problems(document, profile)]
    return findings


def _sets_vertical_page(rules: list) -> bool:
    """Whether one of ``rules`` (in ``@media`` too) sets ``writing-mode: vertical-rl`` on the page's root or body."""
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            selectors = {selector.strip().lower() for selector in tinycss2.serialize(rule.prelude).split(",")}
            if selectors & _PAGE_SELECTORS and any(
                    isinstance(node, ast.Declaration) and node.lower_name in _WRITING_MODES
                    and tinycss2.serialize(node.value).strip().lower() == "vertical-rl"
                    for node in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                               skip_whitespace=True)):
                return True
        elif isinstance(rule, ast.AtRule) and rule.lower_at_keyword in RULE_BLOCKS and rule.content is not None:
            if _sets_vertical_page(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)):
                return True
    return False


def _footnote_problems(document: etree._Element, profile: str) -> Iterator[tuple[etree._Element, str]]:
    """Each footnote reference of ``document`` that ``profile`` cannot show as a popup."""
    ids = {element.get("id"): element for element in document.iter() if element.get("id")}
    for link in document.iter("{%s}a" % NS["x"]):
        noteref = "noteref" in (link.get(EPUB_TYPE) or "").split()
        classes = f"{link.get('class') or ''} {link.getparent().get('class') or ''}".split()
        if not noteref and not _NOTE_CLASSES & set(classes):
            continue
        note = ids.get((link.get("href") or "").partition("#")[2])
        if note is None:
            yield link, "a footnote reference whose note is not in the same document"
        elif profile == "kindle":
            if not any(back.get("href") == f"#{link.get('id')}" for back in note.iter("{%s}a" % NS["x"])):
                yield link, "a footnote whose note does not link back to its reference"
        elif not noteref or etree.QName(note).localname != "aside" or \
                "footnote" not in (note.get(EPUB_TYPE) or "").split():
            yield link, "a footnote that is not a noteref / aside epub:type=\"footnote\" pair, so no popup"
