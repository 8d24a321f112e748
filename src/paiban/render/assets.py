"""The files a theme's stylesheet uses: a sheet it imports, a picture, a font, in its ``styles/``.

The PDF reads them where they are (its fetcher keeps to the book and the theme). The EPUB and
the HTML preview carry their sheets to a reader, so they carry these files too: the EPUB
packs each under ``styles/`` beside the sheets (:attr:`StyleFiles.carried`), and the preview,
which travels alone, writes each into its sheet as a ``data:`` URL, and an imported sheet's
text in place of its ``@import`` (its sheets share one ``<style>``, where an ``@import`` after
the first rule is ignored). An imported sheet is contained as every sheet is (:mod:`.css`),
and an SVG as the EPUB's pictures are (:mod:`.epub_svg`).

A file is found only by a relative URL down from its sheet, inside the directory the sheet's
theme lives in (the book's ``styles/``, or the default theme): never an address, an absolute
path, ``..``, or a symbolic link out of that directory; and only of a type an EPUB may carry (a
font only if it holds one: an EPUB carried a text named .otf as a font).
"""

from __future__ import annotations

import base64
import posixpath
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import tinycss2
from tinycss2 import ast

from .. import patterns
from ..cache import MISSING, NO_SHELF, Shelf
from ..css_syntax import require_shallow
from ..fonts import FONT_SUFFIXES, is_font_file
from ..paths import inside, relative_path
from .css import Allowed, contain_css
from .epub_svg import contained_svg

# The types an EPUB 3 may carry without a fallback (its core media types), by suffix.
MEDIA_TYPES = {
    ".css": "text/css", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".svg": "image/svg+xml", ".webp": "image/webp", ".otf": "font/otf", ".ttf": "font/ttf", ".woff": "font/woff",
    ".woff2": "font/woff2",
}
# In a file name inside the EPUB: what a URL or EPUBCheck refuses (a space, #, ?, %, :, a dot
# ending a name …). Letters of any script are kept: an IRI may hold them, and EPUBCheck takes them.
UNSAFE = patterns.compile(r"[^\w./-]|\.(?=/|$)")
_BLANK = (ast.WhitespaceToken, ast.Comment)


class StyleFiles:
    """The files the sheets of one EPUB (``fmt`` ``"epub"``) or HTML preview (``"html"``) use,
    found as each sheet is contained (:meth:`contain`).

    ``carried``: the EPUB's, by their name under ``styles/`` → (media type, content).
    """

    def __init__(self, fmt: str, pictures: dict[Path, str] | None = None, urls: Shelf = NO_SHELF) -> None:
        """``pictures``: the EPUB's pictures of articles that it keeps under ``styles/`` (an article
        may show a picture of the theme): their file → their name there. A sheet using one of those
        files shares it; any other file gets a name none of them has. ``urls`` keeps the URLs a
        sheet names, by its text (see :meth:`contain`)."""
        self.fmt = fmt
        self._urls = urls
        self.carried: dict[str, tuple[str, bytes]] = {}
        self._pictures = pictures or {}
        self._names: set[str] = set()  # the names taken under styles/, as :func:`unique` compares them
        for name in self._pictures.values():
            unique(name, self._names)
        self._written: dict[Path, str] = {}  # file → its name under styles/ (EPUB), or its data: URL
        self._reading: set[Path] = set()  # sheets being contained: one importing another that imports it
        self._sheets: dict[str, str] = {}  # the preview's: an imported sheet's data: URL → its text

    def contain(self, css: str, sheet: Path, allowed: Allowed, root: Path | None = None) -> str:
        """``css``, the text of ``sheet`` (in the theme directory ``root``, by default its own),
        contained: a URL ``allowed`` stays, one that names a file beside it is written as the output
        carries that file, any other is left out with a warning.

        A sheet all of whose URLs are ``allowed``, and without an empty declaration, is contained as
        written (:func:`.css.contain_css` changes nothing), so the URLs of such a sheet are kept by
        its text: when they are still allowed, a rebuild takes the sheet as it is, unparsed (tinycss2
        took 30 ms of an EPUB rebuild on the default theme's sheets; 0.06 s under cProfile)."""
        named = self._urls.get((css,))
        if named is not MISSING and all(map(allowed, named)):
            contained = css
        else:
            contained = self._contained(css, sheet, allowed, root or sheet.parent)
        return contained if self.fmt == "epub" else self._imports_inlined(contained)

    def _contained(self, css: str, sheet: Path, allowed: Allowed, root: Path) -> str:
        """:meth:`contain`'s work: the sheet parsed and confined; its URLs kept when all are ``allowed``."""
        here = sheet.parent.relative_to(root).as_posix()
        asked: dict[str, bool] = {}  # each URL of the sheet (all, unless one is refused) → whether allowed

        def allow(url: str) -> bool:
            asked[url] = allowed(url)
            return asked[url] or self._file(url, sheet.parent, root) is not None

        def relink(url: str) -> str:
            if allowed(url):
                return url
            written = self._write(self._file(url, sheet.parent, root), root, allowed)
            if self.fmt != "epub":
                return written
            fragment = urlsplit(url).fragment
            return posixpath.relpath(written, _safe(here)) + (f"#{fragment}" if fragment else "")

        self._reading.add(sheet)
        try:
            contained = contain_css(css, str(sheet), allow, relink=relink)
        finally:
            self._reading.discard(sheet)
        if all(asked.values()) and contained == css:  # nothing left out, carried or tidied: as written
            self._urls.put((css,), tuple(asked))
        return contained

    def _imports_inlined(self, css: str) -> str:
        """The preview's ``css`` with the text of each sheet it imports in place of the ``@import``."""
        if not any(url in css for url in self._sheets):
            return css
        written = []
        for rule in tinycss2.parse_stylesheet(css):
            url = _imported(rule)
            written.append(_in_place(rule.prelude, self._sheets[url]) if url in self._sheets
                           else tinycss2.serialize([rule]))
        return "".join(written)

    def theme_picture(self, src: str, dirs: list[Path]) -> str | None:
        """What a page shows for a picture a template names by a path relative to the theme
        (``<img src="logo.png" />``), found as the template is, the book's ``styles/`` first:
        its name under ``styles/`` (EPUB) or its ``data:`` URL (preview). ``None`` when no theme
        directory has such a picture."""
        for directory in dirs:
            file = self._file(src, directory, directory)
            if file is not None and MEDIA_TYPES[file.suffix.lower()].startswith("image/"):
                return self._write(file, directory, lambda url: False)
        return None

    def _file(self, url: str, directory: Path, root: Path) -> Path | None:
        """The file ``url`` names down from ``directory``, if the output may carry it."""
        if (path := relative_path(url)) is None:
            return None
        found = directory / path
        if found.suffix.lower() not in MEDIA_TYPES or not found.is_file() or not inside(found, root) \
                or found in self._reading or (found.suffix.lower() in FONT_SUFFIXES and not is_font_file(found)):
            return None
        return found

    def _write(self, file: Path, root: Path, allowed: Allowed) -> str:
        """Carry ``file`` (once): its name under ``styles/`` for the EPUB, its ``data:`` URL for the preview."""
        if file in self._written:
            return self._written[file]
        if self.fmt == "epub" and (shown := self._pictures.get(file.resolve())):
            self._written[file] = shown  # an article's picture too: the EPUB holds it already
            return shown
        media_type = MEDIA_TYPES[file.suffix.lower()]
        if media_type == "text/css":
            css = require_shallow(file.read_text(encoding="utf-8"), file)
            content = self.contain(css, file, allowed, root=root).encode("utf-8")
        elif media_type == "image/svg+xml":
            content = contained_svg(file.read_bytes(), file)
        else:
            content = file.read_bytes()
        if self.fmt == "epub":
            name = unique(_safe(file.relative_to(root).as_posix()), self._names)
            self.carried[name] = (media_type, content)
            self._written[file] = name
        else:
            self._written[file] = f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"
            if media_type == "text/css":
                self._sheets[self._written[file]] = content.decode("utf-8")
        return self._written[file]


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2.png``, ``-3`` …: the first not in ``taken`` (which then holds it).

    Names are compared as an EPUB reader on a case-insensitive file system would: case and Unicode
    forms aside. Two files whose names differ only by what :data:`UNSAFE` replaces get two names."""
    stem, suffix = posixpath.splitext(name)
    number = 1
    while (key := unicodedata.normalize("NFC", name).casefold()) in taken:
        number += 1
        name = f"{stem}-{number}{suffix}"
    taken.add(key)
    return name


def _imported(rule) -> str | None:
    """The URL an ``@import`` rule names (its first token), or ``None`` for any other rule."""
    if not (isinstance(rule, ast.AtRule) and rule.lower_at_keyword == "import"):
        return None
    first = next((token for token in rule.prelude if not isinstance(token, _BLANK)), None)
    if isinstance(first, (ast.StringToken, ast.URLToken)):
        return first.value
    if isinstance(first, ast.FunctionBlock) and first.lower_name == "url":
        return next((token.value for token in first.arguments if isinstance(token, ast.StringToken)), None)
    return None


def _in_place(prelude: list, css: str) -> str:
    """An imported sheet's text where its ``@import`` stood, under the rule's ``layer``, ``supports()``
    and media queries (``@import "a.css" layer(x) supports(display: grid) print``)."""
    rest = [token for token in prelude if not isinstance(token, ast.Comment)]
    rest = rest[next(index for index, token in enumerate(rest) if not isinstance(token, _BLANK)) + 1:]
    wrappers = []

    def take(name: str) -> ast.Node | None:
        while rest and isinstance(rest[0], _BLANK):
            rest.pop(0)
        token = rest[0] if rest else None
        if isinstance(token, (ast.IdentToken, ast.FunctionBlock)) and getattr(
                token, "lower_value", getattr(token, "lower_name", None)) == name:
            return rest.pop(0)
        return None

    if layer := take("layer"):
        wrappers.append(f"@layer {tinycss2.serialize(layer.arguments)}" if isinstance(layer, ast.FunctionBlock)
                        else "@layer")
    if supports := take("supports"):
        wrappers.append(f"@supports ({tinycss2.serialize(supports.arguments)})")
    if media := tinycss2.serialize(rest).strip():
        wrappers.append(f"@media {media}")
    for wrapper in reversed(wrappers):
        css = f"{wrapper} {{ {css} }}"
    return css


def _safe(name: str) -> str:
    """A path as the EPUB names it (see :data:`UNSAFE`); ``.`` stays the directory itself."""
    return name if name == "." else UNSAFE.sub("_", name)
