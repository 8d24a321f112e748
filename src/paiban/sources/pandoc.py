"""Pandoc's Markdown in a Markdown article: what paiban reads as Pandoc does, and what it warns
of at its line, with what to write instead. A book moved from Pandoc is full of its forms, and
CommonMark prints those it has not as typed, unseen."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.attrs.parse import ParseError, parse as parse_attributes

from .. import patterns
from ..chars import quoted
from ..xhtml import css_pixels

log = logging.getLogger("paiban")

# Pandoc's bare value in an attribute list: any characters but white space, quotes and braces
# (``{width=50%}``). The attribute parser takes letters, digits and ``_:-`` alone unquoted (a ``%``
# opens its comments), so the list was printed after the picture.
_BARE_VALUE = patterns.compile(r"(?<==)([^\s\"'{}]+)")
# The sizes a picture may be given, in CSS pixels alone (HTML takes no other: xhtml.css_pixels).
_SIZES = ("width", "height")
# A length in a unit of print (``5cm``), which a picture's size may be written in for Pandoc.
_LENGTH = patterns.compile(r"\s*\d+(?:\.\d+)?\s*(?:mm|cm|pt|in)\s*")


def picture_attributes(state: StateInline, silent: bool, allowed: tuple[str, ...]) -> bool:
    """The inline rule that reads the attribute list right after a picture as Pandoc does, its
    values bare or quoted (``![图](a.png){width=50% .decorative}``), keeping the keys ``allowed``.
    A list it cannot read is left to the attribute plugin's rule (and so, as written, to the text)."""
    if state.pending or not state.tokens or state.tokens[-1].type != "image" or state.src[state.pos] != "{":
        return False
    if (end := state.src.find("}", state.pos, state.posMax)) < 0:
        return False
    written = _BARE_VALUE.sub(r'"\1"', state.src[state.pos:end + 1])
    try:
        closing, listed = parse_attributes(written)
    except ParseError:
        return False
    if closing != len(written) - 1:  # a brace inside a quoted value: not the list's end
        return False
    if not silent:
        for key, value in listed.items():
            if key in allowed:
                state.tokens[-1].attrSet(key, value)
    state.pos = end + 1
    return True


def warn_of_picture_sizes(tokens: list[Token], path: Path) -> None:
    """A picture's width or height that is no number of CSS pixels (``{width=50%}``, ``{width=5cm}``)
    is left out, as HTML takes no other size, with a warning at its line saying what to write."""
    for line, picture in _pictures(tokens):
        for name in _SIZES:
            if (written := str(picture.attrGet(name) or "")) and css_pixels(written) is None:
                del picture.attrs[name]
                log.warning("%s:%d: the picture's %s, %s, is no number of CSS pixels, so it is left out: %s",
                            path, line, name, quoted(written), _size_instead(name, written))


def _size_instead(name: str, written: str) -> str:
    """What to write for a picture's size ``written`` that is not in CSS pixels: its pixels, for a
    length in a unit of print; else pixels, or nothing, the picture then fitting the text's width
    (paiban sizes no picture as a share of the page, ``50%``: an e-book's page has no one width)."""
    if _LENGTH.fullmatch(written):
        from ..page import CSS_PX_MM, to_mm  # the page's geometry: only for a picture sized so

        return f"write it in pixels, {{{name}={round(to_mm(written) / CSS_PX_MM)}}} ({written.strip()})"
    return (f"write it in pixels, {{{name}=300}}, or leave it out: the picture then fits the text's width "
            "(paiban sizes no picture as a share of the page)")


def _pictures(tokens: list[Token]) -> Iterator[tuple[int, Token]]:
    """Each picture of the article and the line it is on."""
    for token in tokens:
        if token.type != "inline" or not token.map:
            continue
        line = token.map[0] + 1
        for child in token.children or ():
            line += child.type in ("softbreak", "hardbreak")
            if child.type == "image":
                yield line, child
