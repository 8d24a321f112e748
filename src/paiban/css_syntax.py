"""What paiban reads in CSS in more than one place: a ``font-family`` value's families, the
edition's fonts that stand in for its generic family, the at-rules whose block holds rules, and
whether a book's sheet nests its blocks deeper than paiban reads.

The sheets :mod:`paiban.render` writes (:mod:`~paiban.render.css`, :mod:`~paiban.render.svg`)
and the book's it reads for their fonts (:mod:`paiban.theme_fonts`) read them alike, and
``paiban.theme_fonts`` cannot import ``paiban.render`` (which imports ``paiban.theme``, which
imports it): so they are read here, outside ``paiban.render``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from tinycss2 import ast

from .errors import PaibanError

# At-rules whose block holds rules (@media screen { … }); the others hold declarations, and maybe nested at-rules.
RULE_BLOCKS = frozenset({"media", "supports", "layer", "container", "document", "scope"})

# How deep a book's sheet may nest its blocks ({ in {, ( in (, [ in [): far deeper than a sheet needs
# (@layer { @media { @supports { .a { &:hover { width: calc(2 * (1em + 1px)) } } } } } is 7), far
# shallower than Python's stack lets the walks through a sheet go, which recurse once a level or more
# (tinycss2's serializer, WeasyPrint's, paiban's own): @media nested 1000 deep was an internal error.
MAX_NESTING = 100
_OPENERS = ("{", "(", "[")
_BLOCKS = (ast.CurlyBracketsBlock, ast.ParenthesesBlock, ast.SquareBracketsBlock, ast.FunctionBlock)

# The edition's fonts ([fonts] key) standing in for a generic family whose look one of them has:
# the ui- families are the system's faces of their kind (system-ui its sans), ui-rounded a sans,
# fangsong (仿宋) a Song (a serif) with brush-like strokes, math a serif by tradition.
_ROLES = {"serif": "serif", "ui-serif": "serif", "fangsong": "serif", "math": "serif",
          "sans-serif": "sans", "ui-sans-serif": "sans", "system-ui": "sans", "ui-rounded": "sans",
          "monospace": "mono", "ui-monospace": "mono"}
# CSS's generic families: no family to find. Those without a role (cursive, fantasy, emoji) ask
# for a look none of the edition's fonts has: the text's default role stands in for them.
_GENERIC = frozenset({*_ROLES, "cursive", "fantasy", "emoji"})
# The keywords any property takes (font-family: inherit), alone: no list of families.
_CSS_WIDE_KEYWORDS = frozenset({"inherit", "initial", "unset", "revert", "revert-layer"})


@dataclass(frozen=True)
class FamilyList:
    """A ``font-family`` value: the families it names, in order, and its generic family (the first
    it gives, in lower case: a later one only draws what that one's font lacks)."""

    named: tuple[str, ...]
    generic: str | None

    def role(self, default: str) -> str:
        """The edition's fonts ([fonts] key) that stand in for the generic family: ``default``
        (the text's own: a page's serif, a figure's sans) for none, or one without a role."""
        return _ROLES.get(self.generic or "", default)


def family_list(tokens: Iterable[ast.Node]) -> FamilyList | None:
    """The families of a ``font-family`` value (its tokens). ``None`` for a value that is no list
    of families: a CSS-wide keyword (``inherit``), a ``var()``, an entry that is neither one
    string nor identifiers (``"Noto" Serif``), an empty one."""
    named, generic = [], None
    for entry in _entries(tokens):
        if len(entry) == 1 and isinstance(entry[0], ast.StringToken):
            named.append(entry[0].value)
        elif entry and all(isinstance(token, ast.IdentToken) for token in entry):
            name = " ".join(token.value for token in entry)
            if len(entry) == 1 and name.lower() in _CSS_WIDE_KEYWORDS:
                return None
            if len(entry) == 1 and name.lower() in _GENERIC:
                generic = generic or name.lower()
            else:
                named.append(name)
        else:
            return None
    return FamilyList(tuple(named), generic)


def _entries(tokens: Iterable[ast.Node]) -> list[list[ast.Node]]:
    """The comma-separated entries of a value, without whitespace and comments."""
    entries: list[list[ast.Node]] = [[]]
    for token in tokens:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            entries.append([])
        elif not isinstance(token, (ast.WhitespaceToken, ast.Comment)):
            entries[-1].append(token)
    return entries


def require_shallow(css: str, sheet: Path, first_line: int = 1) -> str:
    """``css``, the text of the book's sheet ``sheet`` (or of an SVG's ``<style>`` that begins on its
    ``first_line``); an error at its line where it nests a block deeper than :data:`MAX_NESTING`,
    before a walk through it meets that block."""
    if sum(map(css.count, _OPENERS)) <= MAX_NESTING:  # (no sheet nests deeper than it has blocks)
        return css
    line = _too_deep(css)
    if line is None:
        return css
    raise PaibanError(f"the sheet nests its blocks more than {MAX_NESTING} deep here (a {{ inside a {{, or a ( or [ "
                      "inside another), deeper than paiban reads", file=sheet, line=first_line + line - 1,
                      hint="No sheet needs so many (@media print { p { … } } is two deep): close each block, a "
                           "rule's { with its } and a function's ( with its ); one left open holds all that follows.")


def _too_deep(css: str) -> int | None:
    """The line of the first block of ``css`` nested deeper than :data:`MAX_NESTING`, if any. The
    tokenizer nests blocks without recursing, and so does this walk, with a stack of its own."""
    open_blocks = [iter(tinycss2.parse_component_value_list(css, skip_comments=True))]
    while open_blocks:
        token = next(open_blocks[-1], None)
        if token is None:
            open_blocks.pop()
        elif isinstance(token, _BLOCKS):
            if len(open_blocks) > MAX_NESTING:
                return token.source_line
            open_blocks.append(iter(token.arguments if isinstance(token, ast.FunctionBlock) else token.content))
    return None
