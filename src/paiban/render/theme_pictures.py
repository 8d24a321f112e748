"""The pictures a book's templates show themselves: a publisher's logo in ``_titlepage.html``.

A template names one by a path relative to the theme (``<img src="logo.png" alt="…" />`` for
``styles/logo.png``) and it is found as the template is: in the book's ``styles/`` first, then
the default theme's. The EPUB carries it under ``styles/`` and the preview as a ``data:`` URL,
as a stylesheet's pictures are (:class:`.assets.StyleFiles`); the PDF's URL fetcher reads it
from the theme (:class:`.fetcher.ContainedFetcher`). An article's pictures are the book's, and
already where each format keeps them: a reference this finds neither among them nor in the
theme is left out with a warning (in an EPUB it was an error, EPUBCheck's RSC-007).
"""

from __future__ import annotations

import functools
import html
import logging
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ebooklib import epub

from .. import patterns
from ..media import image_type
from ..paths import inside, relative_path
from .assets import StyleFiles

log = logging.getLogger("paiban")

# A picture in a content document, as lxml writes it: its source in double quotes, escaped.
_PICTURE = patterns.compile(rb'<img\s[^>]*?(?<=\s)src="([^"]*)"[^>]*>')  # (src, not data-src)
_PICTURE_TEXT = patterns.compile(_PICTURE.pattern.decode())


def carried_into_epub(package: epub.EpubBook, documents: list[epub.EpubItem], dirs: list[Path],
                      files: StyleFiles, kept: str) -> None:
    """Show the theme's pictures ``documents`` name in the EPUB: carried by ``files`` (the EPUB's,
    under ``kept``, ``styles/``) and each reference made to where it is kept. ``dirs``: the theme's."""
    held = {item.file_name for item in package.items}
    for document in documents:
        shown = functools.partial(_shown_in_epub, document.file_name, held, dirs, files, kept)
        document.content = _PICTURE.sub(shown, document.content)


def _shown_in_epub(document: str, held: set[str], dirs: list[Path], files: StyleFiles, kept: str,
                   match: re.Match) -> bytes:
    """The ``<img>`` tag ``match`` of ``document``: as it is when the package holds its picture,
    pointing where the theme's picture is kept, or nothing when neither has it."""
    src, here = html.unescape(match[1].decode("utf-8")), posixpath.dirname(document)
    if urlsplit(src).scheme or posixpath.normpath(posixpath.join(here, unquote(src))) in held:
        return match[0]
    if (name := files.theme_picture(src, dirs)) is None:
        _left_out(src, document)
        return b""
    relinked = html.escape(posixpath.relpath(f"{kept}{name}", here or ".")).encode("utf-8")
    start, end = (at - match.start() for at in match.span(1))
    return match[0][:start] + relinked + match[0][end:]


def carried_into_preview(page, directory: Path, dirs: list[Path]) -> None:
    """Show the theme's pictures ``page`` (the preview's parsed document, written into ``directory``)
    names, as ``data:`` URLs; an article's are linked from the book and found from ``directory``."""
    files = StyleFiles("html")
    for img in page.iter("img"):
        src = img.get("src") or ""
        if urlsplit(src).scheme or (directory / unquote(src)).is_file():
            continue
        if (url := files.theme_picture(src, dirs)) is None:
            _left_out(src, "the preview")
            img.drop_tree()
        else:
            img.set("src", url)


def carried_into_print(markup: str, held: frozenset[str], dirs: list[Path]) -> str:
    """The PDF's page ``markup`` with each picture a template names that the theme has (``dirs``,
    the book's ``styles/`` first) pointing at the theme's file, as the EPUB and the preview find
    it: read from the book, the page's base, it showed an unrelated picture of that name in the
    book's own folder. The book's pictures (``held``, by their paths in the book: the articles'
    and the cover) stay theirs; one that is neither is left out with the EPUB's warning (the PDF
    printed a ``logo.png`` beside book.toml that the EPUB left out, and told of a missing one as
    missing from the book's folder, where putting it fixed the PDF alone)."""
    def shown(match: re.Match) -> str:
        src = html.unescape(match[1])
        if urlsplit(src).scheme or src in held or unquote(src) in held:
            return match[0]
        if (file := _theme_file(src, dirs)) is None:
            _left_out(src, "the PDF")
            return ""
        start, end = (at - match.start() for at in match.span(1))
        return match[0][:start] + html.escape(file.as_uri()) + match[0][end:]
    return _PICTURE_TEXT.sub(shown, markup) if "<img" in markup else markup


def _theme_file(src: str, dirs: list[Path]) -> Path | None:
    """The picture file of the theme ``src`` names, relative to a theme directory; none that leads out."""
    if (path := relative_path(src)) is None:
        return None
    return next((found for directory in dirs if (found := directory / path).is_file()
                 and inside(found, directory) and image_type(found.name)), None)


def _left_out(src: str, where: str) -> None:
    log.warning("left <img src=%r> out of %s: the theme has no such picture (a template's pictures are "
                "found as templates are: in the book's styles/, then the default theme's)", src, where)
