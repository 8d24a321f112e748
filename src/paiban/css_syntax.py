"""What paiban reads in CSS in more than one place: a ``font-family`` value's families, the
edition's fonts that stand in for its generic family, and the at-rules whose block holds rules.

The sheets :mod:`paiban.render` writes (:mod:`~paiban.render.css`, :mod:`~paiban.render.svg`)
and the book's it reads for their fonts (:mod:`paiban.theme_fonts`) read them alike, and
``paiban.theme_fonts`` cannot import ``paiban.render`` (which imports ``paiban.theme``, which
imports it): so they are read here, outside ``paiban.render``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tinycss2 import ast

# At-rules whose block holds rules (@media screen { … }); the others hold declarations, and maybe nested at-rules.
RULE_BLOCKS = frozenset({"media", "supports", "layer", "container", "document", "scope"})

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
