"""The fonts a book's own stylesheets name: each family installed or brought by an ``@font-face``,
each face's file there and a font.

A family WeasyPrint cannot find falls back through fontconfig, whose default for Chinese (Noto
Sans CJK JP on Debian) sets the text in a sans, in Japanese glyph forms. A misspelt family, a
font file left out of ``styles/`` or one that is not a font printed a book in that face, told at
most by WeasyPrint's warning, which names no line; the EPUB carried the file that is not a font
as one. So the book's sheets are read for them, each problem at its sheet's line (the build warns,
``paiban check`` reports), and the PDF draws a family it cannot find in the edition's fonts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from tinycss2 import ast
from tinycss2.serializer import serialize_string_value

from .chars import quoted
from .css_syntax import RULE_BLOCKS, FamilyList, family_list
from .edition import Fonts
from .fonts import installed_families, is_font_file, meant_family
from .paths import relative_path

# The edition's fonts standing in for a family not found, when its list gives no generic family
# that calls for others (sans-serif, monospace): a page's text is set in the serif.
_TEXT_ROLE = "serif"


@dataclass(frozen=True)
class FontProblem:
    """A family or a font file of a book's sheet that the book cannot be set in."""

    file: Path
    line: int
    message: str
    hint: str


@dataclass(frozen=True)
class _Face:
    """An ``@font-face`` rule: its family, line and the files its ``src`` names (relative URLs)."""

    family: str
    line: int
    files: tuple[str, ...]
    other_sources: bool  # a local() or data: source, which is not looked at


@dataclass(frozen=True)
class _Declaration:
    """A ``font-family`` declaration: its line and its families."""

    line: int
    families: FamilyList


class SheetFonts:
    """The fonts a format's book's own sheets name, each sheet read once for both its problems (the
    build's warnings, ``paiban check``) and the PDF's :class:`StandIns`."""

    def __init__(self, sheets: Iterable[tuple[Path, str]]) -> None:
        """``sheets``: the book's own (file, text), whose faces bring families."""
        self._sheets = _read(sheets)
        # The families a text may be set in: none where fontconfig cannot tell (nothing is installed).
        self.known = _known(self._sheets) if installed_families() else {}

    def problems(self) -> list[FontProblem]:
        """The problems of the fonts the sheets name: a face's file not there or not a font; a list
        none of whose families is installed or brought by a face of theirs (the edition's fonts
        stand in, in the PDF), told at its first family. A family that a later one of its list
        stands in for is none: an EPUB's sheet names the reading device's fonts ("Songti SC")
        before the installed one on purpose. Families are not judged without fontconfig, which
        cannot tell."""
        problems = [FontProblem(file, face.line, f"the font {name} of @font-face {quoted(face.family)} {why}",
                                "Put the font file beside the sheet in styles/ (an OpenType, TrueType or WOFF "
                                "file), or correct its name in src: url(…).")
                    for file, faces, _ in self._sheets for face in faces for name, why in _unusable_files(file, face)]
        if not self.known:
            return problems
        faced = {_key(face.family) for _, faces, _ in self._sheets for face in faces}
        for file, _, declarations in self._sheets:
            for declaration in declarations:
                if _none_known(declaration.families, self.known):
                    lost = declaration.families.named[0]
                    problems.append(FontProblem(file, declaration.line, _not_found(lost, _key(lost) in faced),
                                                _hint(lost, self.known)))
        return problems

    def files_of(self, family: str) -> list[Path]:
        """The font files the sheets' ``@font-face`` rules bring ``family`` in (its name as fontconfig
        compares it), those that can be used."""
        return [file.parent / name for file, faces, _ in self._sheets for face in faces
                if _key(face.family) == _key(family) for name in face.files if not _unusable(file.parent, name)]


class StandIns:
    """The edition's fonts standing in, in the PDF, for a family none of whose list is installed or
    brought by a face of the book's sheets: they draw the text, rather than fontconfig's default."""

    def __init__(self, fonts: Fonts, sheets: SheetFonts) -> None:
        """``fonts``: the edition's; ``sheets``: the fonts of the book's own sheets, whose faces bring families."""
        self.fonts = fonts
        self.known = sheets.known

    def rewrite(self, css: str) -> Callable[[ast.Declaration], str | None] | None:
        """A rewrite of the sheet ``css`` (see :func:`~paiban.render.css.contain_css`) that writes
        the edition's fonts for its role (the sans for a list whose generic family is ``sans-serif``:
        :meth:`~paiban.css_syntax.FamilyList.role`) before the generic family of each ``font-family``
        that needs them; ``None`` when none does."""
        if not any(self._lost(declaration.families) for declaration in _fonts_of(css)[1]):
            return None

        def rewritten(declaration: ast.Declaration) -> str | None:
            families = family_list(declaration.value) if declaration.lower_name == "font-family" else None
            if families is None or not self._lost(families):
                return None
            return ", ".join([*(f'"{serialize_string_value(name)}"' for name in (*families.named, *getattr(
                self.fonts, families.role(_TEXT_ROLE)))), *filter(None, [families.generic])])
        return rewritten

    def _lost(self, families: FamilyList) -> bool:
        """Whether none of ``families`` is known (and fontconfig could tell)."""
        return bool(self.known) and _none_known(families, self.known)


def _none_known(families: FamilyList, known: dict[str, str]) -> bool:
    """Whether ``families`` names a family and none of them is ``known`` (by :func:`_key`)."""
    return bool(families.named) and not any(_key(name) in known for name in families.named)


def _read(sheets: Iterable[tuple[Path, str]]) -> list[tuple[Path, list[_Face], list[_Declaration]]]:
    """Each sheet's file, ``@font-face`` rules and ``font-family`` declarations."""
    return [(file, *_fonts_of(text)) for file, text in sheets]


def _known(read: list[tuple[Path, list[_Face], list[_Declaration]]]) -> dict[str, str]:
    """The families a text may be set in (by :func:`_key`): those installed, and those a face of
    the sheets ``read`` brings from a file it can use."""
    brought = [face.family for file, faces, _ in read for face in faces
               if face.other_sources or len(_unusable_files(file, face)) < len(face.files)]
    return {_key(family): family for family in [*installed_families(), *brought]}


def _key(family: str) -> str:
    """A family as fontconfig compares it: in any case, blanks aside."""
    return "".join(family.casefold().split())


def _unusable_files(sheet: Path, face: _Face) -> list[tuple[str, str]]:
    """(file, why) of each file a face of ``sheet`` names that it cannot use."""
    return [(name, why) for name in face.files if (why := _unusable(sheet.parent, name))]


def _not_found(name: str, faced: bool) -> str:
    """What the first family of a list none of whose families is found comes to: the edition's
    fonts. ``faced``: an ``@font-face`` names it, whose file cannot be used."""
    why = ("not brought by its @font-face, which has no font file it can use" if faced else
           "neither installed nor brought by an @font-face of the book's sheets")
    return (f"font-family {quoted(name)} is {why}, nor is any later family of its list: "
            "the PDF sets the text in the edition's fonts instead, and a reader in its own")


def _hint(name: str, known: dict[str, str]) -> str:
    """What to do about a family not found: the one it most likely means, else how to bring it."""
    if meant := meant_family([name], known.values()):
        return f"Did you mean {quoted(meant)}? That family is installed or brought by an @font-face."
    return ("Name an installed family (`fc-list : family` lists them), or bring the font with an "
            "@font-face { font-family: …; src: url(file) } whose family is written the same.")


def _unusable(folder: Path, name: str) -> str | None:
    """Why the font file ``name`` beside a sheet in ``folder`` cannot be used, or ``None``."""
    path = folder / name
    if not path.is_file():
        return "is not there"
    if not is_font_file(path):
        return "is not a font (it is no OpenType, TrueType or WOFF file)"
    return None


def _fonts_of(css: str) -> tuple[list[_Face], list[_Declaration]]:
    """The ``@font-face`` rules and the ``font-family`` declarations of a sheet."""
    faces, declarations = [], []
    for node in _declarations_and_faces(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)):
        if isinstance(node, ast.AtRule):
            faces += filter(None, [_face(node)])
        elif (families := family_list(node.value)) is not None:
            declarations.append(_Declaration(node.source_line, families))
    return faces, declarations


def _declarations_and_faces(rules: list) -> Iterator[ast.Declaration | ast.AtRule]:
    """The ``font-family`` declarations of ``rules`` (in ``@media`` too) and their ``@font-face`` rules."""
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            yield from (node for node in _contents(rule.content)
                        if isinstance(node, ast.Declaration) and node.lower_name == "font-family")
        elif isinstance(rule, ast.AtRule) and rule.content is not None:
            if rule.lower_at_keyword == "font-face":
                yield rule
            elif rule.lower_at_keyword in RULE_BLOCKS:
                yield from _declarations_and_faces(tinycss2.parse_rule_list(rule.content, True, True))


def _contents(content: list) -> list:
    """The declarations (and at-rules) of a block."""
    return tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)


def _face(rule: ast.AtRule) -> _Face | None:
    """The family and sources of an ``@font-face`` rule (``None`` without a family)."""
    descriptors = {node.lower_name: node for node in _contents(rule.content) if isinstance(node, ast.Declaration)}
    families = family_list(descriptors["font-family"].value) if "font-family" in descriptors else None
    if families is None or len(families.named) != 1:
        return None
    sources = descriptors["src"].value if "src" in descriptors else []
    urls = [token.value for token in sources if token.type == "url"] + [
        token.arguments[0].value for token in sources if token.type == "function" and token.lower_name == "url"
        and token.arguments and token.arguments[0].type == "string"]
    files = tuple(filter(None, map(relative_path, urls)))
    return _Face(families.named[0], rule.source_line, files, other_sources=len(files) < len(urls) or any(
        token.type == "function" and token.lower_name == "local" for token in sources))

