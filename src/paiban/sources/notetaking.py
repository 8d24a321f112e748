"""What note-taking apps write in Markdown that CommonMark prints as typed: Obsidian's callouts
(``> [!note] 标题``), Obsidian's and Typora's highlights (``==高亮==``), Typora's ``[TOC]`` and its
picture zoom (``<img style="zoom:50%">``). A draft written in them builds as the app shows it.
"""

from __future__ import annotations

import logging
import re
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_inline.state_inline import Delimiter, StateInline
from markdown_it.token import Token

from .. import patterns
from ..chars import quoted
from ..pixels import file_size_and_dpi
from ..xhtml import BOX
from .embedded import data_url, showable
from .joined import LINE_BREAKS, raw_html

log = logging.getLogger("paiban")

# A highlight's marker, two of it on each side: ``==高亮==``.
_EQUALS = "="
_HIGHLIGHT = 2


def highlights(md: MarkdownIt) -> None:
    """A markdown-it plugin: ``==高亮==`` is ``<mark>高亮</mark>``, as Obsidian and Typora show it
    (markdown-it-mark's syntax; mdit-py-plugins has none). Its runs are judged as emphasis's are,
    CJK-friendly (:mod:`.emphasis`); a run of another length (``===``, ``a = b``) is text, and code
    is never read for one."""
    md.inline.ruler.before("emphasis", "highlight", _highlight_marker)
    md.inline.ruler2.before("fragments_join", "highlight", _highlight_pairs)


def _highlight_marker(state: StateInline, silent: bool) -> bool:
    """A run of ``==`` as a delimiter that may open or close a highlight; a longer run as text."""
    if silent or state.src[state.pos] != _EQUALS:
        return False
    scanned = state.scanDelims(state.pos, True)
    if scanned.length < _HIGHLIGHT:
        return False
    state.push("text", "", 0).content = _EQUALS * scanned.length
    if scanned.length == _HIGHLIGHT:
        state.delimiters.append(Delimiter(marker=ord(_EQUALS), length=0, token=len(state.tokens) - 1, end=-1,
                                          open=scanned.can_open, close=scanned.can_close))
    state.pos += scanned.length
    return True


def _highlight_pairs(state: StateInline) -> None:
    """Each pair of ``==`` delimiters that markdown-it's balance_pairs matched, a ``<mark>``."""
    lists = [state.delimiters, *(meta["delimiters"] for meta in state.tokens_meta if meta and "delimiters" in meta)]
    for delimiters in lists:
        for opening in delimiters:
            if opening.marker != ord(_EQUALS) or opening.end == -1:
                continue
            for index, nesting in ((opening.token, 1), (delimiters[opening.end].token, -1)):
                token = state.tokens[index]
                token.type, token.tag, token.nesting = f"mark_{'open' if nesting == 1 else 'close'}", "mark", nesting
                token.markup, token.content = token.content, ""


# Obsidian's callout: a quotation whose first line is ``[!type]`` (its type: group 1), folded
# (``-``) or not (``+``), then its title, if any.
_CALLOUT = patterns.compile(r"\[!([^\]\s]+)\]([+-]?)[ \t]*")


def callouts(state) -> None:
    """Obsidian's callout (``> [!note] 小贴士`` over its text, ``> [!warning]- 折叠的警告``) a box
    (:data:`~paiban.xhtml.BOX`) of the class ``callout-`` and its type (``callout-note``, a type
    Obsidian has not too), its title the first line, bold alone, as a box's title is written
    (``**小贴士**``): it printed its marker, and its title ran into its text. A callout folded in
    Obsidian is printed open, as a book cannot fold it; one without a title has none."""
    if "[!" not in state.src:  # most articles: no callout
        return
    index = 0
    while index < len(state.tokens) - 2:
        quotation, opening, inline = state.tokens[index:index + 3]
        if quotation.type == "blockquote_open" and opening.type == "paragraph_open" and inline.children \
                and inline.children[0].type == "text" and (marker := _CALLOUT.match(inline.children[0].content)):
            _as_box(state.tokens, index, marker[1].lower())
            state.tokens[index + 1:index + 4] = _callout_paragraphs(opening, inline, marker.end())
        index += 1


def _as_box(tokens: list[Token], opening: int, kind: str) -> None:
    """The quotation opened at ``opening`` a ``<div>`` of a box's classes."""
    depth = 0
    for token in tokens[opening:]:
        depth += token.nesting if token.type.startswith("blockquote_") else 0
        if token.type.startswith("blockquote_"):
            token.tag = "div"
        if depth == 0:
            break
    tokens[opening].attrSet("class", f"{BOX} callout-{kind}")


def _callout_paragraphs(opening: Token, inline: Token, marker_end: int) -> list[Token]:
    """A callout's first paragraph (``opening``, its ``inline``, and its closing), its marker
    taken off: its title line a paragraph of the title in bold, and its other lines one of them."""
    children = inline.children
    first = next((number for number, child in enumerate(children) if child.type in LINE_BREAKS), len(children))
    title = [Token("text", "", 0, content=children[0].content[marker_end:]), *children[1:first]]
    if not title[0].content:
        title.pop(0)
    line = opening.map[0]
    paragraphs: list[Token] = []
    if title:
        paragraphs += _paragraph([Token("strong_open", "strong", 1, markup="**"), *title,
                                  Token("strong_close", "strong", -1, markup="**")],
                                 inline.content.split("\n", 1)[0][marker_end:], [line, line + 1])
    if rest := children[first + 1:]:
        paragraphs += _paragraph(rest, inline.content.split("\n", 1)[-1], [line + 1, opening.map[1]])
    return paragraphs


def _paragraph(children: list[Token], content: str, lines: list[int]) -> list[Token]:
    """The tokens of a paragraph of ``children``, written as ``content`` on ``lines``."""
    opening = Token("paragraph_open", "p", 1, map=lines, block=True)
    inline = Token("inline", "", 0, map=lines, block=True, content=content, children=children)
    return [opening, inline, Token("paragraph_close", "p", -1, block=True)]


def without_contents_marker(tokens: list[Token], path: Path) -> list[Token]:
    """``tokens`` without Typora's ``[TOC]``, a paragraph of it alone, which Typora shows as the
    note's contents: printed, it was the text ``[TOC]``. A warning at its line says the book's
    contents are paiban's to make."""
    kept: list[Token] = []
    for token in tokens:
        if kept[-2:] and kept[-1].type == "inline" and kept[-2].type == "paragraph_open" \
                and token.type == "paragraph_close" and kept[-1].content.strip().upper() == "[TOC]" \
                and [child.type for child in kept[-1].children or ()] == ["text"]:
            log.warning("%s:%d: %s is left out: paiban makes the book's contents itself, a page of them before "
                        "the first chapter (and [contents] sections in book.toml lists an article's own "
                        "sections)", path, kept[-1].map[0] + 1, kept[-1].content.strip())
            del kept[-2:]
            continue
        kept.append(token)
    return kept


# Typora's zoom of a picture (``<img src="a.png" style="zoom:50%;">``): its share of the picture's
# width in pixels (group 1), and the ``<img>`` tag it is written in.
_ZOOM = patterns.compile(r"zoom\s*:\s*(\d+(?:\.\d+)?)\s*%", re.IGNORECASE)
_IMG = patterns.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = patterns.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_SIZED = patterns.compile(r"\s(?:width|height)\s*=", re.IGNORECASE)


def zoom_as_width(tokens: list[Token], path: Path) -> None:
    """Typora's zoom of a raw ``<img>`` (``style="zoom:50%"``) as the ``width`` it makes: that
    share of the picture's width in pixels, as Typora shows it (a 600 px picture at 50%,
    ``width="300"``). The sanitiser drops every style, and the picture printed at its full size.
    A picture written into the text as a data: URL is measured as a file is. A zoom that cannot
    be read so (a picture Pillow cannot measure, an SVG; one sized already) is left out, with a
    warning at its line naming the width to write."""
    for line, token in raw_html(tokens):
        if "zoom" not in token.content.lower():  # most raw HTML: no zoom
            continue
        written = token.content
        token.content = _IMG.sub(partial(_zoomed, written=written, path=path, line=line), written)


def _zoomed(found: re.Match[str], written: str, path: Path, line: int) -> str:
    """The ``<img>`` tag ``found`` in the raw HTML ``written`` from ``line`` on, with the width its
    zoom gives it, if any."""
    tag, line = found[0], line + written.count("\n", 0, found.start())
    if not (zoom := _ZOOM.search(tag)):
        return tag
    src = next(filter(None, source.groups()), "") if (source := _SRC.search(tag)) else ""
    if (shown := _zoomed_picture(src, path)) is None:
        return tag  # no picture of the book's: its own warning or error says so
    picture, named = shown
    measured = None if _SIZED.search(tag) else file_size_and_dpi(picture)
    if measured is None:
        log.warning("%s:%d: the zoom of the picture %s, %s%%, is left out, as it %s: write its width in pixels, "
                    "width=\"300\"", path, line, named, zoom[1],
                    "has a width or height already" if _SIZED.search(tag) else "could not be measured")
        return tag
    width = max(1, round(measured[0][0] * float(zoom[1]) / 100))
    return f'{tag[:4]} width="{width}"{tag[4:]}'


def _zoomed_picture(src: str, path: Path) -> tuple[Path | bytes, str] | None:
    """The picture that the ``src`` of a zoomed ``<img>`` in the article at ``path`` shows, a file
    of the book or what a data: URL holds, and its name for a warning (not a data: URL's base64);
    ``None`` for neither (a web address, a file not there, a data: URL holding no whole picture)."""
    parts = urlsplit(src)
    if parts.scheme == "data":
        content, kind = data_url(src)
        return (content, f"embedded as a data: URL ({kind})") if showable(content, kind) else None
    picture = path.parent / unquote(parts.path)
    if parts.scheme or parts.netloc or not parts.path or not picture.is_file():
        return None
    return picture, quoted(unquote(src))
