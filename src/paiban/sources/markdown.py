"""Markdown articles: CommonMark + tables + footnotes (markdown-it-py), with YAML front matter."""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from html import escape
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block.table import escapedSplit, getLine, table as gfm_table
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.attrs.parse import ParseError, parse as parse_attributes
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from .. import patterns
from .. import dates
from ..chars import quoted
from ..config import LANGUAGE_TAG
from ..errors import PaibanError
from ..titles import in_language, plain, subtitle_of
from ..xhtml import BLOCK_CLASSES, DECORATIVE, HEADINGS, RawHtmlChecker, clean_fragment, edit, id_of_name
from .body import DEEPEST, nested_too_deep, write_quotations
from .docsites import shortcode, toml_front_matter, warn_of_site_forms
from .draft import Draft
from .embedded import take_data_images
from .emphasis import cjk_friendly_emphasis
from .fences import fence_with_title, read_fence_info, warn_of_fence_words, warn_of_unclosed_fence
from .joined import LINE_BREAKS, raw_html, warn_of_joined_lines
from .left_out import warn_of_left_out
from .obsidian import NOTE, in_vault, wikilinks, without_comments
from .notetaking import callouts, highlights, without_contents_marker, zoom_as_width
from .pandoc import multiline_tables, picture_attributes, task_boxes, warn_of_pandoc_forms, warn_of_picture_sizes
from .tabs import tabs_as_gaps

log = logging.getLogger("paiban")

FRONT_MATTER_KEYS = ("title", "subtitle", "running-title", "author", "date", "source", "column", "no-convert")
# How Typora's own keys begin, which it writes into a note's front matter itself (``typora-root-url``,
# ``typora-copy-images-to``): settings of its editor, nothing of the book's, so passed over unread.
_TYPORA_KEYS = "typora-"

# The blocks written between ``::: name`` and ``:::`` lines, each a ``<div class="name">``:
# paiban's own (:data:`~paiban.xhtml.BLOCK_CLASSES`). ``paiban import`` writes an element of one
# of these classes so (:mod:`paiban.tomarkdown`). A block takes attributes as Pandoc's fenced
# divisions do, ``::: {.no-convert lang=zh-Hant}`` (or ``::: poem {lang=ja}``).
CONTAINERS = BLOCK_CLASSES
# A block of attributes alone, Pandoc's ``::: {lang=en}``: a ``<div>`` with them and no class (an
# English passage of a Chinese book, set as English: fonts.css, base.css). Its tokens' name.
PLAIN_BLOCK = "div"
# What a heading's attribute list may set: the rest is left out, with a warning (README).
_HEADING_ATTRIBUTES = ("class", "lang", "id")
# What a span's or a block's may set: its direction too, as an HTML article's elements keep it
# (``::: {lang=ug dir=rtl}``, ``[…]{dir=rtl}``: Uyghur set right to left); the rest is dropped, as
# the sanitiser would. (A dir that is none of ltr, rtl, auto is left out by the sanitiser, with a warning.)
_ATTRIBUTES = (*_HEADING_ATTRIBUTES, "dir")
# A picture's: its size too, in CSS pixels (``{width=113}``, ``{height=80}``).
_PICTURE_ATTRIBUTES = (*_ATTRIBUTES, "width", "height")
# ``[原文]{.no-convert}`` / ``{lang=en}`` spans, a picture's ``{width=113}`` (its values bare as in
# Pandoc: ``{width=50%}``, warned of), and the blocks above; ``**问：**您`` bold, as CommonMark's
# CJK-friendly amendment reads it (:mod:`.emphasis`); Pandoc's definition lists (``苹果`` then
# ``:   一种水果。``) and task lists (``- [ ] 未完成``, boxes as text: :func:`~.pandoc.task_boxes`).
# Blocks nested to twice paiban's own limit: markdown-it drops without a word what lies deeper than
# its ``maxNesting`` (CommonMark's 20 lost a list's tenth level, each level a list and its item),
# so all it drops lies past :data:`~.body.DEEPEST`, where paiban's error names the line instead
# (:func:`_refuse_dropped_depths`).
_MAX_NESTING = 2 * DEEPEST
_parser = (
    MarkdownIt("commonmark", {"html": True, "maxNesting": _MAX_NESTING})
    .use(cjk_friendly_emphasis)
    .enable(["table"])  # not strikethrough: a web novel's 哥哥~~你等等我~~ is tildes, no struck text
    .use(footnote_plugin)
    .use(front_matter_plugin)
    .use(attrs_plugin, spans=True, allowed=_PICTURE_ATTRIBUTES)
    .use(deflist_plugin)
    .use(tasklists_plugin)
    .use(highlights)
)
_parser.inline.ruler.before("attr", "picture_attributes", partial(picture_attributes, allowed=_PICTURE_ATTRIBUTES))
_parser.core.ruler.after("github-tasklists", "task_boxes", task_boxes)
_parser.block.ruler.before("front_matter", "toml_front_matter", toml_front_matter)  # Hugo's +++ front matter
_parser.inline.ruler.before("html_inline", "shortcode", shortcode)  # Hugo's {{<note>}}, no HTML
_parser.core.ruler.after("text_join", "wikilinks", wikilinks)  # Obsidian's ![[图.png]] and [[笔记]]
_parser.core.ruler.push("callouts", callouts)
_DEFINITION_LIST = next(rule.fn for rule in _parser.block.ruler.__rules__ if rule.name == "deflist")


def _definition_list(state, start: int, end: int, silent: bool) -> bool:
    """A definition list only as Pandoc's ``:`` marks its definitions: the plugin's other marker,
    ``~``, made a web novel's ``~ 未完待续 ~`` under a line the definition of that line, set bold."""
    definition = start + 1 + (start + 1 < end and state.isEmpty(start + 1))
    marked = definition < end and state.src.startswith("~", state.bMarks[definition] + state.tShift[definition])
    if marked and not silent:
        return False
    return _DEFINITION_LIST(state, start, end, silent)


_parser.block.ruler.at("deflist", _definition_list, {"alt": ["paragraph", "reference", "blockquote"]})


def _block_attributes(params: str) -> dict[str, str] | None:
    """The attributes a ``:::`` line gives its block: ``::: poem`` the class poem,
    ``::: {.no-convert lang=zh-Hant}`` those listed, ``::: poem {lang=ja}`` both; ``None`` for
    a line that is neither (an attribute list not closed, or words after it)."""
    written = params.strip()
    name, _, rest = ("", "", written) if written.startswith("{") else written.partition(" ")
    attributes = {"class": name} if name else {}
    if (rest := rest.strip()).startswith("{"):
        try:
            end, listed = parse_attributes(rest)
        except ParseError:
            return None
        if rest[end + 1:].strip(": "):  # ``end``: the index of its ``}`` (not a length, as parse's docstring says)
            return None
        classes = " ".join(filter(None, (name, listed.get("class"))))
        attributes |= {key: value for key, value in listed.items() if key in _ATTRIBUTES and key != "class"}
        attributes |= {"class": classes} if classes else {}
    return attributes


def _opens(name: str, params: str) -> bool:
    """Whether a ``:::`` line opens the block ``name``: one of :data:`CONTAINERS` when its classes
    name it, :data:`PLAIN_BLOCK` when it gives attributes and no class (a class paiban has not,
    ``::: {.note lang=en}``, is no block: its line is printed, with a warning)."""
    attributes = _block_attributes(params)
    if attributes is None:
        return False
    classes = attributes.get("class", "").split()
    return name in classes if name != PLAIN_BLOCK else bool(attributes) and not classes


def _container(name: str) -> dict:
    """The container plugin's hooks for the block ``name``: its line is one that opens it
    (:func:`_opens`), and its ``<div>`` carries every attribute the line gives."""
    def validate(params: str, *_) -> bool:
        return _opens(name, params)

    def render(self, tokens: list[Token], idx: int, options, env) -> str:
        if tokens[idx].nesting == 1:
            for key, value in _block_attributes(tokens[idx].info).items():
                tokens[idx].attrSet(key, value)
        return self.renderToken(tokens, idx, options, env)

    return {"validate": validate, "render": render}


for _name in (*CONTAINERS, PLAIN_BLOCK):
    _parser.use(container_plugin, name=_name, **_container(_name))
# How many ``::: poem`` blocks the block being read is in, kept in the parse's env.
_POEMS_OPEN = "paiban poems open"


def _counting_poems(rule):
    """A container's block rule that counts, while it reads a ``::: poem`` (a block whose line names
    the class, whichever container reads it: ``::: {.poem .no-convert}``), one poem more open."""
    def read(state, start: int, end: int, silent: bool) -> bool:
        at = state.bMarks[start] + state.tShift[start]
        poem = (not silent and state.src.startswith(":::", at)
                and _opens("poem", state.src[at:state.eMarks[start]].lstrip(":")))
        state.env[_POEMS_OPEN] = state.env.get(_POEMS_OPEN, 0) + poem
        try:
            return rule(state, start, end, silent)
        finally:
            state.env[_POEMS_OPEN] -= poem

    return read


for _rule in [rule for rule in _parser.block.ruler.__rules__ if rule.name.startswith("container_")]:
    _parser.block.ruler.at(_rule.name, _counting_poems(_rule.fn), {"alt": _rule.alt})
_LIST, _LIST_ALT = next((rule.fn, rule.alt) for rule in _parser.block.ruler.__rules__ if rule.name == "list")


def _list_outside_poems(state, start: int, end: int, silent: bool) -> bool:
    """A list, but in a ``::: poem``, which is set as written, a line each: a line numbered as a
    list's item there (``1. 不从恶人的计谋，``, a verse's number) is a line of verse, as a line block's
    is. Read as a list, its numbers were CSS's markers, not text, and its lines lost their places."""
    return not state.env.get(_POEMS_OPEN) and _LIST(state, start, end, silent)


_parser.block.ruler.at("list", _list_outside_poems, {"alt": _LIST_ALT})
# ``## 细节 {#细节}``, ``## English {lang=en #english .unnumbered}``: a heading's attributes, written
# after it as in Pandoc: an id for links to point at, a language its text is set in, a class.
# ``{#id}`` alone, read as before Pandoc's lists were: an id of any characters but spaces and braces
# (``{#1.2}``, which Pandoc's id syntax, and so the attribute parser, refuses).
_HEADING_ID = patterns.compile(r"\{#([^\s{}]+)\}")
# What takes one: a heading, and a paragraph, such as a table's caption (``表1-1　数据 {#表1-1}``),
# but not a tight list's, which is printed without its <p> (and would be without its id). A
# paragraph takes an id alone: Pandoc gives paragraphs no attribute list, and a text may end in braces.
_WITH_IDS = ("heading_open", "paragraph_open")


# Pandoc's ``-`` in a heading's attribute list, short for ``.unnumbered`` (``## Introduction {-}``,
# ``{- #intro}``), which the attribute parser refuses. Only a value a heading does not keep could
# hold one spaced so (an id and a language tag hold no spaces), so it is read so anywhere in the list.
_UNNUMBERED = patterns.compile(r"(?<=[{\s])-(?=[\s}])")


def _trailing_list(content: str) -> tuple[str, str] | None:
    """The text before a trailing ``{…}`` and the braces, or ``None``. Found from the last brace,
    not by a pattern: ``\\s*{…}\\s*$`` searched in a paragraph, tried from each space of a long run,
    read the run again from each (25 s for one ending in 40,000 full-width spaces)."""
    stripped = content.rstrip()
    brace = stripped.rfind("{")
    if not stripped.endswith("}") or brace < 0 or "}" in stripped[brace:-1]:
        return None
    return content[:brace].rstrip(), stripped[brace:]


def _heading_attributes(written: str, heading: bool = True) -> dict[str, str] | None:
    """The attributes of a heading's trailing ``{…}`` (a paragraph's: its ``{#id}`` alone); ``None``
    when it is no attribute list (``{a, b}``, and ``{}``, the empty set), which stays in the text."""
    if match := _HEADING_ID.fullmatch(written):
        return {"id": match[1]}
    if not heading:
        return None
    try:
        return parse_attributes(_UNNUMBERED.sub(".unnumbered", written))[1] or None
    except ParseError:
        return None


def _kept_attribute(key: str, value: str) -> bool:
    """Whether a heading keeps an attribute its list gives: an id, a class, a language that is a tag."""
    # (A heading's ``lang`` that is no tag, ``{lang="en onclick"}``, is dropped with the list's other unknown keys.)
    return key in _HEADING_ATTRIBUTES and (key != "lang" or bool(LANGUAGE_TAG.fullmatch(value)))


def _heading_ids(state) -> None:
    """Move a heading's trailing attribute list onto the heading (a paragraph's ``{#id}`` onto the
    paragraph): its id, lang and class; what else it sets (``style=…``) is noted in the heading's
    ``meta["dropped"]`` for a warning, as the sanitiser would drop it silently. A paragraph's list
    that is more than an id (``{.lead}``), or any of a tight list's item, stays in the text: it is
    noted in the paragraph's ``meta["printed"]`` for a warning."""
    for opening, inline in zip(state.tokens, state.tokens[1:], strict=False):
        if opening.type in _WITH_IDS and inline.children and inline.children[-1].type == "text":
            text = inline.children[-1]
            if not (found := _trailing_list(text.content)):
                continue
            heading = opening.type == "heading_open"
            listed = None if opening.hidden else _heading_attributes(found[1], heading=heading)
            if listed is not None:
                text.content = found[0]
                for key, value in listed.items():
                    if _kept_attribute(key, value):
                        opening.attrSet(key, value)
                opening.meta["dropped"] = [key for key, value in listed.items() if not _kept_attribute(key, value)]
            elif not heading and _heading_attributes(found[1]) is not None:
                opening.meta["printed"] = found[1]


_parser.core.ruler.push("heading_ids", _heading_ids)


def _numbers_closed_by_a_parenthesis(state) -> None:
    """A list numbered ``1)`` ``2)`` (CommonMark's other delimiter; GB/T 1.1's second-level 列项,
    cited as 4.2.3 c) 2)) is given the class that prints its numbers so (base.css): markdown-it
    writes it as any ``<ol>``, printed 1. 2."""
    for token in state.tokens:
        if token.type == "ordered_list_open" and token.markup == ")":
            token.attrJoin("class", "list-decimal-right-paren")


_parser.core.ruler.push("list_delimiters", _numbers_closed_by_a_parenthesis)


def _numbers_as_typed(state) -> None:
    """A numbered list keeps the numbers typed in it where they do not count on one by one: each
    item whose number is not one more than the item's before it is given it (``<li value="3">``,
    which EPUB reading systems and WeasyPrint print). CommonMark reads only the first number, so a
    patent's claims excerpted as 1. 3. 7. printed 1. 2. 3., and "根据权利要求3所述" pointed at
    another claim, with no warning, where a .docx or a .txt keeps them. A list numbered 1. 1. 1.,
    every item as the first, is Markdown's way to leave the counting to it: counted, as before."""
    for index, token in enumerate(state.tokens):
        if token.type != "ordered_list_open":
            continue
        items = _items(state.tokens, index)
        typed = [int(item.info) for item in items]
        if all(number == typed[0] for number in typed):
            continue
        for item, (before, number) in zip(items[1:], itertools.pairwise(typed), strict=True):
            if number != before + 1:
                item.attrSet("value", str(number))


def _items(tokens: list[Token], opening: int) -> list[Token]:
    """The items of the list that ``tokens[opening]`` opens (not those of lists inside them)."""
    level, items = tokens[opening].level, []
    for token in tokens[opening + 1:]:
        if token.level == level:  # the list's close
            break
        if token.type == "list_item_open" and token.level == level + 1:
            items.append(token)
    return items


_parser.core.ruler.push("list_numbers", _numbers_as_typed)


# A code block's info string: its language, Pandoc's attribute list, a docs site's title (:mod:`.fences`).
_parser.core.ruler.push("fence_info", partial(read_fence_info, kept=_ATTRIBUTES))
_parser.add_render_rule("fence", fence_with_title)


def _verse(state) -> None:
    """In a ``::: poem`` block a paragraph is a stanza, set as written: each line of it is a line
    of verse (a line break, where prose joins its lines), and its first line keeps the full-width
    spaces (　　) it is indented with, which markdown-it trims off every paragraph's start. So does
    the first line of any paragraph broken with ``<br>`` (a hard break, or the tag), which the
    verse step reads with its other lines' (:func:`~.verse.set_as_poems`, which takes it off
    prose): trimmed, a couplet's indented second line (　　主必嗤笑他们。) was taken for indented
    as much as its first. A block is a poem by its classes, not by the container that read it:
    the first of :data:`CONTAINERS` its line names opens ``::: {.poem .no-convert}``, as a
    no-convert block."""
    lines = state.src.split("\n")
    poems: list[bool] = []  # of each block the token is in, whether it is a poem
    for index, token in enumerate(state.tokens):
        if token.type.startswith("container_"):
            if token.nesting == 1:
                poems.append(_opens("poem", token.info))
            else:
                poems.pop()
        if token.type != "inline" or state.tokens[index - 1].type != "paragraph_open":
            continue
        if any(poems):
            for child in token.children or ():
                if child.type == "softbreak":
                    child.type, child.tag = "hardbreak", "br"
        elif state.tokens[index - 1].hidden or not _broken(token):
            continue  # (a tight list's item, printed without its paragraph, has no indent to keep)
        written = lines[token.map[0]]
        start = written[:max(written.find(token.content.split("\n", 1)[0]), 0)]
        if indent := start[len(start.rstrip("\u3000")):]:
            token.children.insert(0, Token("text", "", 0, content=indent))


# A line break written as HTML in a Markdown paragraph (坐在天上的必发笑，<br>).
_BREAK_TAG = patterns.compile(r"<br\s*/?>", re.IGNORECASE)


def _broken(paragraph: Token) -> bool:
    """Whether the in-line token of a paragraph holds a line break that stays one: a hard break,
    or a ``<br>``. (A quick look at its text first: most paragraphs are one line, and no HTML.)"""
    return ("\n" in paragraph.content or "<" in paragraph.content) and any(
        child.type == "hardbreak" or (child.type == "html_inline" and _BREAK_TAG.fullmatch(child.content))
        for child in paragraph.children or ())


_parser.core.ruler.push("verse", _verse)


def _table(state, start: int, end: int, silent: bool) -> bool:
    """markdown-it's table, each cell keeping the full-width spaces (　　) at its text's ends, which
    it trims as white space: in a form's 　　年　　月　　日 they are the blank the year is written
    in. (A paragraph's indentation goes: the stylesheet indents it. A cell has no indent to set.)"""
    first = len(state.tokens)
    if not gfm_table(state, start, end, silent):
        return False
    if not silent:
        _keep_cell_blanks(state, state.tokens[first:])
    return True


# The full-width spaces a cell's text opens and ends with, as written (none: an empty match).
_BLANK_START, _BLANK_END = patterns.compile("^\u3000*"), patterns.compile("\u3000*$")


def _keep_cell_blanks(state, tokens: list[Token]) -> None:
    """Give each cell of a table's ``tokens`` the full-width spaces its text has at its ends in its
    row's line, split into cells as markdown-it splits it (a cell the row lacks is empty)."""
    written: list[str] = []
    for token in tokens:
        if token.type == "tr_open":
            written = _cells(state, token.map[0])
        elif token.type == "inline" and written:
            cell = written.pop(0).strip(" \t")
            if token.content:
                token.content = _BLANK_START.match(cell)[0] + token.content + _BLANK_END.search(cell)[0]


def _cells(state, line: int) -> list[str]:
    """The cells of a table's row at ``line`` as written, the pipes opening and closing it no cells."""
    cells = escapedSplit(mdTrim(getLine(state, line)))
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


# As markdown-it's own table rule, which may interrupt a paragraph or a reference.
_parser.block.ruler.at("table", _table, {"alt": ["paragraph", "reference"]})


def _warn_of_notes_in_tables(tokens: list[Token], lines: list[str], path: Path) -> None:
    """Warn of a line with no bar typed right under a table's rows: a table's note (``注：……``) or
    footnote (``<sup>a</sup> ……``), as a standard sets them. A table goes on to a blank line, in
    Markdown as on GitHub, and made each a row, its text squeezed into the first column beside
    empty cells, unwarned. Warned of at the first such line of each table."""
    warned = False
    for token in tokens:
        if token.type == "table_open":
            warned = False
        elif token.type == "tr_open" and not warned and token.map and "|" not in lines[token.map[0]]:
            warned = True
            log.warning("%s:%d: the line under the table (%s…) has no bar (|), yet Markdown makes it a row of the "
                        "table, as it does every line up to a blank one: put a blank line between the table and it "
                        "to print it under the table", path, token.map[0] + 1, lines[token.map[0]].strip()[:12])


# A line of Pandoc's line block: a bar and a space before its text (group 1), or a bar alone, a
# blank line of the block (between stanzas). Matched on the line without its spaces at the ends.
_LINE_BLOCK_LINE = patterns.compile(r"\|(?:[ \t](.*))?")


def _line_block(state, start: int, end: int, silent: bool) -> bool:
    """Pandoc's line block, verse written a line to a bar (``| 床前明月光，``), read as a ``::: poem``
    is: markdown-it read its lines as a paragraph, printed on one line with their bars. Its tokens
    are the poem container's, which :func:`_verse` sets as verse: each line a line of the poem, a
    bar alone a blank line between stanzas. A block whose every line has a bar inside (``| 甲 | 乙 |``)
    is no verse but a table's rows, which the table rule (before this one) did not take: their
    delimiter row is missing (``joined`` warns of them). Among lines with none, a bar inside a line
    is its text, as Pandoc reads it: a lyric's tune in 简谱 (``| 1 2 3 5 | 6 - 5 3 |``) printed with
    its bar lines, where the lyric ran into one paragraph."""
    opens_with_bar = state.src.startswith("|", state.bMarks[start] + state.tShift[start])
    if state.sCount[start] - state.blkIndent >= 4 or not opens_with_bar:
        return False  # indented code, or a block that opens with no bar (the rule is tried at every block)
    lines = _line_block_lines(state, start, end)
    verse = [text for _, _, text in lines if text is not None]
    if not verse or all("|" in text.replace("\\|", "") for text in verse):
        return False
    if silent:
        return True
    opening = state.push("container_poem_open", "div", 1)
    opening.info, opening.markup, opening.map = "poem", "|", [start, lines[-1][1] + 1]
    for is_verse, stanza in itertools.groupby(lines, key=lambda written: written[2] is not None):
        if is_verse:
            _push_stanza(state, list(stanza))
    state.push("container_poem_close", "div", -1).markup = "|"
    state.line = lines[-1][1] + 1
    return True


def _push_stanza(state, lines: list[tuple[int, int, str]]) -> None:
    """A stanza of a line block, its ``lines`` (as :func:`_line_block_lines` gives them): a
    paragraph of them, a line each."""
    span = [lines[0][0], lines[-1][1] + 1]
    state.push("paragraph_open", "p", 1).map = span
    inline = state.push("inline", "", 0)
    inline.content, inline.map, inline.children = "\n".join(text for _, _, text in lines), span, []
    state.push("paragraph_close", "p", -1)


def _line_block_lines(state, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """The lines of the line block at ``start``: each its first line and its last, and its text
    (its spaces kept as Pandoc keeps them: :func:`_spaces_kept`), or
    ``None`` for a bar alone. A line indented under a line of the block goes on with it, joined with
    a space, as Pandoc joins it; any other line ends the block."""
    lines: list[tuple[int, int, str | None]] = []
    for line in range(start, end):
        if state.isEmpty(line) or state.sCount[line] - state.blkIndent >= 4:
            break
        written = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]].strip(" \t")
        if bar := _LINE_BLOCK_LINE.fullmatch(written):
            lines.append((line, line, None if bar[1] is None else _spaces_kept(bar[1])))
        elif lines and lines[-1][2] is not None and state.sCount[line] > state.blkIndent:
            lines[-1] = (lines[-1][0], line, f"{lines[-1][2]} {written}")
        else:
            break
    return lines


def _warn_of_spaced_verse(tokens: list[Token], lines: list[str], path: Path) -> None:
    """Warn at each line of a ``::: poem`` indented by ASCII spaces deeper than its stanza's
    shallowest line: a poem is indented by the full-width spaces it is written with, and these go
    (markdown-it trims them), its line set at the margin. A line block keeps them (:func:`_spaces_kept`)."""
    poems: list[bool] = []  # of each block the token is in, whether it is a ::: poem (a line block is not)
    for token in tokens:
        if token.type.startswith("container_"):
            if token.nesting == 1:
                poems.append(_opens("poem", token.info) and token.markup != "|")
            else:
                poems.pop()
        if token.type != "paragraph_open" or not any(poems) or not token.map:
            continue
        written = lines[token.map[0]:token.map[1]]
        spaces = [len(line) - len(line.lstrip(" ")) for line in written]
        for number, indent in enumerate(spaces, token.map[0] + 1):
            if indent > min(spaces):
                log.warning("%s:%d: the verse line's indent of %d spaces is left out (a poem is indented by "
                            "full-width spaces): write a full-width space (　) for each two, or write the poem "
                            "as a line block (| …), which keeps its spaces", path, number, indent - min(spaces))


# A run of spaces inside a line, which HTML sets as one.
_SPACE_RUN = patterns.compile(" {2,}")


def _spaces_kept(text: str) -> str:
    """A line block's line, its spaces kept as Pandoc keeps them (its leading ones and, here, its
    runs inside): those indenting it as full-width spaces, one for two (as an editor's columns
    show a Chinese character two wide; an odd one rounded up, an indent never lost), and each of a
    run inside it a no-break space, which HTML does not fold into one. Indented by ASCII spaces, a
    poem's lines were all set at the margin, as markdown-it trims them."""
    line = text.lstrip(" \t")
    spaces = text[:len(text) - len(line)].count(" ")
    return "\u3000" * ((spaces + 1) // 2) + _SPACE_RUN.sub(lambda run: "\u00a0" * len(run[0]), line)


# After markdown-it's table, which takes the rows of a pipe table (their delimiter row under the first).
_parser.block.ruler.after("table", "line_block", _line_block)


def _tabs(state) -> None:
    """Each tab in a line's text a gap (:func:`~.tabs.tabs_as_gaps`), Chinese where its paragraph
    is: set as written, it was a word space (A．N⇥B．Pa printed A．N B．Pa). A tab at a line's end
    goes, and a heading's is a number's separator. Code keeps its tabs."""
    if "\t" not in state.src:  # most articles: no tab to set
        return
    for index, token in enumerate(state.tokens):
        children = token.children or ()
        if any(child.type == "text" and "\t" in child.content for child in children):
            heading = index > 0 and state.tokens[index - 1].tag in HEADINGS
            texts = [None if child.type in LINE_BREAKS else child.content for child in children]
            for child, text in zip(children, tabs_as_gaps(texts, heading), strict=True):
                if child.type == "text":
                    child.content = text


_parser.core.ruler.push("tabs", _tabs)
_encoded_link = _parser.normalizeLink


def _fragment_as_written(url: str) -> str:
    """A link to an id of the article (``#细节``) as written, so that it is the id: markdown-it
    percent-encodes it (``#%E7%BB%86%E8%8A%82``), which the id is not."""
    return url if url.startswith("#") else _encoded_link(url)


_parser.normalizeLink = _fragment_as_written


def _every_url_taken(url: str) -> bool:
    """Every URL makes a link or an image, for the sanitiser and the image's check to leave out
    what a book may not hold, with a warning (``file:``, ``javascript:``, ``data:`` but a picture's):
    markdown-it refuses them, leaving ``[点我](javascript:…)`` and a picture's whole base64 in the
    text as written."""
    return True


_parser.validateLink = _every_url_taken


def _footnote_backref(self, tokens: list[Token], idx: int, options, env) -> str:
    """The link back from a footnote: ↑, which CJK fonts have (markdown-it's ↩︎ is not in them)."""
    ident = self.rules["footnote_anchor_name"](tokens, idx, options, env)
    if tokens[idx].meta["subId"] > 0:
        ident += f":{tokens[idx].meta['subId']}"
    return f' <a href="#fnref{ident}" class="footnote-backref">↑</a>'


_parser.add_render_rule("footnote_anchor", _footnote_backref)


def _image(self, tokens: list[Token], idx: int, options, env) -> str:
    """A picture: ``![](…)`` without alt text is written without ``alt``, a picture not yet
    described (Markdown cannot tell a lazy one from a decorative one, which is marked
    ``{.decorative}`` and keeps ``alt=""``: sources.body)."""
    token = tokens[idx]
    marked = DECORATIVE in str(token.attrGet("class") or "").split()
    if marked or self.renderInlineAsText(token.children or [], options, env).strip():
        return self.image(tokens, idx, options, env)
    token.attrs.pop("alt", None)
    return self.renderToken(tokens, idx, options, env)


_parser.add_render_rule("image", _image)


def _footnote_caption(self, tokens: list[Token], idx: int, options, env) -> str:
    """A call's number: the note's, the same for each call of it (markdown-it writes [1:1] for the
    second; which call it is shows only in its id, for the note's links back)."""
    return f"[{tokens[idx].meta['id'] + 1}]"


_parser.add_render_rule("footnote_caption", _footnote_caption)


# Where the language each note is written in is kept, by the note's number (_note_languages).
_NOTE_LANGUAGES = "note-languages"


def _note_languages(state) -> None:
    """Note the language of each note written inside a block that gives one (``::: {lang=en}``),
    or, in the text (``^[…]``), inside a span that does (``[学校の国語^[…]]{lang=ja}``): markdown-it
    moves every note to the article's end, out of its block, and a note written in English was
    read with the book's Chinese voice (a Japanese one converted, 国語 made 國語). A note written
    elsewhere is in the book's language, and is given none. (Before footnote_tail, which moves the notes.)"""
    notes = state.env.get("footnotes")
    if not notes:  # most articles: no note to place
        return
    written: dict[int, str] = {}
    languages: list[str] = []  # of each block the token is in, the language it gives ("" for none)
    for token in state.tokens:
        if token.type.startswith("container_"):
            if token.nesting == 1:
                languages.append((_block_attributes(token.info) or {}).get("lang", ""))
            else:
                languages.pop()
        language = next((language for language in reversed(languages) if language), "")
        if token.type == "footnote_reference_open" and language:  # a note defined: [^1]: …
            written[notes["refs"][f":{token.meta['label']}"]] = language
        elif token.type == "inline":
            written |= _languages_in_text(token.children or (), language, notes["list"])
    state.env[_NOTE_LANGUAGES] = written


def _languages_in_text(children: Sequence[Token], language: str, notes: dict) -> dict[int, str]:
    """The language of each note written in a line's text (``^[…]``, one of ``notes``): that of the
    innermost span around it that gives one, else ``language``, its block's ("" for none)."""
    written: dict[int, str] = {}
    around = [language]  # of each span the token is in, the language it is in
    for child in children:
        if child.type == "span_open":
            around.append(child.attrGet("lang") or around[-1])
        elif child.type == "span_close":
            around.pop()
        elif child.type == "footnote_ref" and around[-1] and "tokens" in notes[child.meta["id"]]:
            written[child.meta["id"]] = around[-1]
    return written


_parser.core.ruler.before("footnote_tail", "note_languages", _note_languages)
_footnote_item = _parser.renderer.rules["footnote_open"]


def _footnote_open(self, tokens: list[Token], idx: int, options, env) -> str:
    """A note's ``<li>``, with the language it is written in when a block gives it one (_note_languages)."""
    opening = _footnote_item(tokens, idx, options, env)
    language = env.get(_NOTE_LANGUAGES, {}).get(tokens[idx].meta["id"])
    return f'{opening[:-1]} lang="{escape(language)}">' if language else opening


_parser.add_render_rule("footnote_open", _footnote_open)


# The blocks whose lines are verse, a signature or code, never an article's own headings.
_BLOCKS = ("fence", "code_block", *(f"container_{name}_open" for name in (*CONTAINERS, PLAIN_BLOCK)))
# Where Markdown ends a line, which its tokens count by (not str.splitlines's U+2028 and kin).
_LINE_END = patterns.compile(r"\r\n?|\n")


def lines_outside_blocks(text: str) -> list[str]:
    """``text``'s lines but those of a ``:::`` block (a poem's verse: 第一回 见你) or a code block:
    the lines that may be a novel's chapter lines."""
    inside = _lines_of(text, _BLOCKS)
    return [line for number, line in enumerate(_LINE_END.split(text)) if number not in inside]


def code_lines(text: str) -> set[int]:
    """The lines of ``text`` (counted from 0) that its code blocks hold, fenced or indented: printed
    as written, never read as prose."""
    return _lines_of(text, ("fence", "code_block"))


def _lines_without_comments(text: str) -> set[int]:
    """The lines of ``text`` (counted from 0) whose ``%%`` is no Obsidian comment: its code blocks'
    (code) and its front matter's (YAML: Obsidian reads a property's ``50%%`` as written)."""
    return _lines_of(text, ("fence", "code_block", "front_matter"))


def _lines_of(text: str, kinds: tuple[str, ...]) -> set[int]:
    """The lines of ``text`` (counted from 0) that its blocks of the token types ``kinds`` hold."""
    return {number for token in _parser.parse(text) if token.type in kinds and token.map
            for number in range(*token.map)}


def read(path: Path, text: str) -> Draft:
    """Parse a Markdown article. The title is front matter ``title``, else a leading ``# heading``;
    the subtitle front matter ``subtitle``, else a ``——`` line right under that heading.
    A note of an Obsidian vault is read with Obsidian's forms (sources/obsidian.py); elsewhere its
    ``%%`` and ``[[…]]`` are text (50%%, a citation [[1]])."""
    env: dict = {}
    if ("%%" in text or "[[" in text) and in_vault(path):  # a quick look first, as most articles have neither
        env[NOTE] = path
        if "%%" in text:
            text = without_comments(text, _lines_without_comments(text), path)
    tokens = _parser.parse(text, env)
    meta = _front_matter(tokens, path)
    if _UNCLOSED_FRONT_MATTER.match(text) and not any(token.type == "front_matter" for token in tokens):
        raise PaibanError("the front matter that opens on line 1 is never closed", file=path, line=1,
                          hint="End it with a line of three dashes (---) before the article's text.")
    warn_of_site_forms(tokens, text, path)  # Hugo's front matter too, first, at line 1
    tokens = without_contents_marker(tokens, path)  # (Typora writes it above the title too)
    _warn_of_dropped_heading_attributes(tokens, path)  # the title's heading too, before it is taken
    title, title_markup, title_id, subtitle = meta.get("title"), None, None, meta.get("subtitle")
    if title is None or _repeats(title, tokens, env, path):
        markup, title_id, tokens, env = _take_leading_heading(tokens, env, path, text)
        if title is None and markup is not None:
            title, title_markup = plain(markup), markup
        if markup is not None and subtitle is None:
            subtitle, tokens = _take_subtitle(tokens)
    _check_raw_html(tokens, path)
    _warn_of_loose_footnotes(tokens, env, path, text)
    _warn_of_unknown_blocks(tokens, path)
    _warn_of_printed_paragraph_attributes(tokens, path)
    warn_of_fence_words(tokens, path)
    warn_of_picture_sizes(tokens, path)
    zoom_as_width(tokens, path)
    lines = _LINE_END.split(text)
    warn_of_unclosed_fence(tokens, lines, path)
    _refuse_dropped_depths(tokens, lines, path)
    tokens = multiline_tables(tokens, lines, path)
    _warn_of_notes_in_tables(tokens, lines, path)
    warn_of_pandoc_forms(tokens, lines, path)
    warn_of_joined_lines(tokens, path, partial(_opens, "align-right"))
    _warn_of_spaced_verse(tokens, lines, path)
    tokens = [token for token in tokens if token.type != "front_matter"]
    body = _parser.renderer.render(tokens, _parser.options, env)
    embedded: dict[str, bytes] = {}
    if 'src="data:' in body:  # a picture pasted in as a data: URL is kept, as in HTML
        body = edit(body, lambda root: embedded.update(take_data_images(root, path)))
    return Draft(title=title, title_markup=title_markup, title_id=title_id, subtitle=subtitle, body=body,
                 author=meta.get("author"), column=meta.get("column"), date=meta.get("date"), origin=meta.get("source"),
                 convert=not meta.get("no-convert", False), running_title=meta.get("running-title"),
                 embedded=embedded)


def _refuse_dropped_depths(tokens: list[Token], lines: list[str], path: Path) -> None:
    """An error for a block opened at markdown-it's deepest level, whose lines it left out without
    a word, when they hold more than quotations' ``>`` marks: its text would be lost. At the line
    where the nest it is in first goes past paiban's limit, as the body's check names the first text
    so deep. A line of ``>`` alone (a forum post's separator) loses nothing: the body cuts the
    empty quotations at paiban's limit (:func:`~.body.tidy_body`)."""
    too_deep = None  # the first block past paiban's limit in the outermost block read
    for token in tokens:
        if token.level == 0:
            too_deep = None
        elif too_deep is None and token.nesting == 1 and token.level >= DEEPEST and not token.hidden:
            too_deep = token  # (a tight list's paragraph is hidden: no element)
        if token.nesting == 1 and token.level == _MAX_NESTING - 1 and token.map:
            if any(line.strip(" \t>") for line in lines[slice(*token.map)]):
                raise nested_too_deep(path, (too_deep.map or token.map)[0] + 1)


def _front_matter(tokens: list[Token], path: Path) -> dict[str, str]:
    token = next((t for t in tokens if t.type == "front_matter"), None)
    if token is None:
        return {}
    first_line = token.map[0] + 2 if token.map else None  # the line after the opening ---
    import yaml  # only for articles with front matter: a start-up cost otherwise

    try:
        data = yaml.safe_load(token.content) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        unclosed = (getattr(error, "context", None) == "while scanning a quoted scalar"
                    and "end of stream" in str(getattr(error, "problem", "")))
        if unclosed:
            mark = error.context_mark  # where the quote opens, not the front matter's end
        _raise_if_mistyped(token.content, mark.line if mark else None, path, first_line)
        raise PaibanError(
            "front matter is not valid YAML: " + ("a quotation mark opened on this line is never closed" if unclosed
                                                  else str(getattr(error, "problem", error))),
            file=path,
            line=first_line + mark.line if mark and first_line else first_line,
            hint="Close the value's quotes on its line (title: \"标题\"), or leave them out." if unclosed else
                 "Write front matter as `key: value` lines between two `---` lines.",
        ) from None
    except ValueError as error:  # YAML reads 2024-13-45 as a date, which cannot be made
        line = next((number for number, text in enumerate(token.content.splitlines())
                     if _impossible_date(text)), None)
        raise PaibanError(
            f"front matter holds a date that does not exist ({error})", file=path,
            line=first_line + line if line is not None and first_line else first_line,
            hint="Write the date as YYYY-MM-DD, e.g. `date: 2024-03-15`.") from None
    if not isinstance(data, dict):
        _raise_if_mistyped(token.content, None, path, first_line)
        raise PaibanError("front matter must be `key: value` lines", file=path, line=first_line,
                          hint="Write each as a key, an ASCII colon, a space and the value: `title: 标题`.")
    data = {key: value for key, value in data.items() if not str(key).startswith(_TYPORA_KEYS)}
    if unknown := [key for key in map(str, data) if key not in FRONT_MATTER_KEYS]:  # as written, in order
        _raise_if_mistyped(token.content, None, path, first_line)  # title：第一章: 开始 is the key `title：第一章`
        raise PaibanError(
            f"unknown front matter key{'s' if len(unknown) > 1 else ''} {', '.join(f'`{key}`' for key in unknown)}",
            file=path,
            line=_line_of_key(token, unknown[0], first_line),
            hint=_unknown_keys_hint(unknown),
        )
    if not isinstance(data.get("no-convert", False), bool):
        raise PaibanError("front matter `no-convert` must be true or false", file=path, line=first_line)
    meta: dict[str, str | bool] = {}
    for key, value in data.items():
        if value is None:
            continue
        if (text := value if key == "no-convert" else _as_text(value)) is None:
            raise PaibanError(
                f"front matter `{key}` must be text or a list of texts", file=path,
                line=_line_of_key(token, key, first_line),
                hint=f"Write `{key}: 文字` (in quotes if it is a word like yes or no), "
                     f"or several as `{key}: [张三, 李四]`.")
        if key == "date" and (text := dates.w3c(text)) is None:  # as book.toml's date is checked
            raise PaibanError(f"front matter `date` is not a date: {quoted(value)}", file=path,
                              line=_line_of_key(token, key, first_line), hint=dates.HINT)
        if key in _ONE_LINE_KEYS and (not text.strip() or "\n" in text.strip()):  # as book.toml's is checked
            raise PaibanError(f"front matter `{key}` is {'blank' if not text.strip() else 'not one line'}",
                              file=path, line=_line_of_key(token, key, first_line), hint=_ONE_LINE_KEYS[key])
        meta[key] = text
    return meta


# The keys whose value is one line of text, and how to write it: a line break in a running head or
# a subtitle is written nowhere (book.toml's running-title is checked so too).
_ONE_LINE_KEYS = {
    "running-title": "Write the short title of the running heads on one line: `running-title: 短标题`, "
                     "or leave the key out to have the title shortened to fit.",
    "subtitle": "Write the subtitle printed under the title on one line: `subtitle: ——记……`, or leave the key out.",
}
# How like a known key an unknown one must be to be taken for it misspelt (``titel``, ``authors``,
# ``Title``): difflib's default, 0.6, took ``draft`` for ``date``.
_MISSPELT = 0.8
# What to do instead of a key other tools' front matter has (Pandoc's, Hugo's) that paiban reads
# none of, nor anything near it.
_FOREIGN_KEY_HINTS = {
    "lang": "An article is in the book's language (book.toml's `language`); mark text in another "
            "in the article: a `::: {lang=en}` … `:::` block, a heading's `{lang=en}`, a `[…]{lang=en}` span.",
}
_FOREIGN_KEY_HINTS["language"] = _FOREIGN_KEY_HINTS["lang"]


def _unknown_keys_hint(unknown: list[str]) -> str:
    """The hint for front matter's ``unknown`` keys: for each, what to write instead, if paiban can
    tell (each named when there are several), then the keys it reads."""
    hints = {key: hint for key in unknown if (hint := _unknown_key_hint(key))}
    told = [hint if len(unknown) == 1 else f"`{key}`: {hint}" for key, hint in hints.items()]
    return " ".join([*told, f"Known keys: {', '.join(FRONT_MATTER_KEYS)}."])


def _unknown_key_hint(key: str) -> str | None:
    """What to write instead of the unknown front matter ``key``: the key it is a misspelling of,
    or how paiban does what another tool's key does; ``None`` if neither."""
    if key in _FOREIGN_KEY_HINTS:
        return _FOREIGN_KEY_HINTS[key]
    close = difflib.get_close_matches(key.lower(), FRONT_MATTER_KEYS, n=1, cutoff=_MISSPELT)
    return f"Did you mean `{close[0]}`?" if close else None


# A ``key: value`` line typed with a Chinese input method's full-width colon (``title：标题``), or without the
# space YAML needs after the colon (``title:标题``): YAML reads either as text, not as a key and its value.
_MISTYPED_KEY = patterns.compile(r"[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t\u3000]*(：|:(?=\S))[ \t\u3000]*(.*)")
# A ``key: value`` line, its key and its value.
_KEY_LINE = patterns.compile(r"[ \t]*([A-Za-z][A-Za-z0-9_-]*):[ \t]+(.*)")


def _raise_if_mistyped(content: str, failed_at: int | None, path: Path, first_line: int | None) -> None:
    """Name the likeliest cause when YAML cannot read front matter ``content`` as ``key: value`` lines,
    with the line as it should be written, as book.toml's errors do: a key's colon typed full-width
    or with no space after it (anywhere: YAML may stumble a line later), else, at the line YAML
    failed at (``failed_at``, from 0), a value holding ``: ``, which YAML takes for another key
    (``title: 第一章: 开始``). Nothing is raised for any other mistake."""
    lines = content.splitlines()
    for number, written in enumerate(lines):
        if match := _MISTYPED_KEY.fullmatch(written):
            key, colon, value = match.groups()
            fixed = _key_line(key, value)
            what, hint = (("is written with a full-width colon (：), typed with a Chinese input method",
                           f"YAML needs an ASCII colon and a space after it: switch the input method to English "
                           f"(half-width) to type it, e.g. {fixed}") if colon == "："
                          else ("has no space after its colon", f"YAML needs a space after the colon: {fixed}"))
            raise PaibanError(f"front matter `{key}` {what}", file=path, line=_at(first_line, number), hint=hint)
    if failed_at is not None and failed_at < len(lines) and (match := _KEY_LINE.fullmatch(lines[failed_at])):
        key, value = match.groups()
        if ": " in value or value.endswith(":"):
            raise PaibanError(f"front matter `{key}` holds a colon in its value, which YAML takes for another key's",
                              file=path, line=_at(first_line, failed_at),
                              hint=f"Put the value in quotes: {_key_line(key, value)}")


def _key_line(key: str, value: str) -> str:
    """A front matter line that gives ``key`` the ``value`` as written, quoted if YAML needs it."""
    if ": " in value or value.endswith(":"):
        value = f"'{value.replace(chr(39), chr(39) * 2)}'" if '"' in value else f'"{value}"'
    return f"`{key}: {value}`"


def _at(first_line: int | None, number: int) -> int | None:
    """The line of the file that is line ``number`` (from 0) of front matter starting at ``first_line``."""
    return first_line + number if first_line else first_line


# A first line of dashes and a `key:` line after it, with no closing dashes: meant as front matter.
_UNCLOSED_FRONT_MATTER = patterns.compile(rf"\A---[ \t]*\n(?:{'|'.join(FRONT_MATTER_KEYS)})[ \t]*:")
_DATE_VALUE = patterns.compile(r"^[^:]+:\s*(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _impossible_date(line: str) -> bool:
    """Whether a ``key: value`` line gives a year-month-day that is no day of the calendar."""
    if not (match := _DATE_VALUE.match(line)):
        return False
    try:
        dt.date(*map(int, match.groups()))
    except ValueError:
        return True
    return False


def _as_text(value: object) -> str | None:
    """A front matter value as the article's text: a list (``author: [张三, 李四]``) is its items
    joined by 、, as Chinese lists names. ``None`` for what is no text (a mapping, a yes/no)."""
    if isinstance(value, list):
        items = [_scalar_text(item) for item in value]
        return "、".join(items) if items and None not in items else None
    return _scalar_text(value)


def _scalar_text(value: object) -> str | None:
    """A date as YYYY-MM-DD, a word or a number as written; ``None`` for anything else."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if isinstance(value, str | int | float) and not isinstance(value, bool) else None


def _line_of_key(token: Token, key: str, first_line: int | None) -> int | None:
    """The line of the file that holds ``key`` of the front matter (``token``), whose first line
    is ``first_line``; that line when the key is not found."""
    import yaml

    line = next((name.start_mark.line for name, _ in yaml.compose(token.content).value if name.value == key), None)
    return first_line + line if line is not None and first_line else first_line


def _take_leading_heading(tokens: list[Token], env: dict, path: Path,
                          text: str) -> tuple[str | None, str | None, list[Token], dict]:
    """Use a first-level heading at the top of the article as its title, and drop it from the body;
    its ``{#id}`` too, which links lead to the article's start by (``Article.title_id``). A heading
    with no id of its own takes that of the one empty anchor above it (语雀's ``<a name="Kx3aB"></a>``),
    whose paragraph goes with it; more anchors stay in the body, where they print nothing.

    The title is the heading's markup, sanitised, its ``<q>`` written with their marks as the
    body's are (its text is the plain title of the nav, the contents and the running heads; a
    ``[…]{.no-convert}`` span in it must stay as written). A
    footnote call in it is dropped with a warning: a title carries no notes, and its note would be
    numbered and linked back to a call the book lacks. So the article is parsed again with the
    heading's lines blank, for its notes to be numbered from its text alone (and its lines to stay
    where they were).
    """
    start = _leading_heading(tokens)
    if start is None:
        return None, None, tokens, env
    opening, inline = tokens[start], tokens[start + 1]
    title_id, taken = opening.attrGet("id"), [start]
    anchors = [(index, found) for index in range(start) if (found := _anchor_alone(tokens, index))]
    if title_id is None and len(anchors) == 1:
        anchor, title_id = anchors[0]
        taken.insert(0, anchor)
    calls = [child for child in inline.children or () if child.type == "footnote_ref"]
    title = _heading_markup(tokens, start, env, path)
    if not calls:
        return title, title_id, [token for index, token in enumerate(tokens)
                                 if not any(first <= index < first + 3 for first in taken)], env
    for call in calls:
        log.warning("%s:%d: the footnote call [^%s] in the title heading is dropped: a title carries no "
                    "notes (put the call in the text)", path, opening.map[0] + 1, call.meta["label"])
    lines = text.splitlines(keepends=True)
    for first, end in (tokens[index].map for index in taken):
        lines[first:end] = ["\n"] * (end - first)
    env = {NOTE: env[NOTE]} if NOTE in env else {}
    return title, title_id, _parser.parse("".join(lines), env), env


def _leading_heading(tokens: list[Token]) -> int | None:
    """Where the first-level heading that opens the article starts among ``tokens``, if one does."""
    start = _first_block(tokens)
    if start + 3 > len(tokens) or tokens[start].type != "heading_open" or tokens[start].tag != "h1":
        return None
    return start


def _first_block(tokens: list[Token]) -> int:
    """Where the article's first block starts among ``tokens``: after its front matter and any empty
    anchors above it (:func:`_anchor_alone`), which print nothing."""
    start = 0
    while start < len(tokens) and (tokens[start].type == "front_matter" or _anchor_alone(tokens, start)):
        start += 1 if tokens[start].type == "front_matter" else 3
    return start


def _take_subtitle(tokens: list[Token]) -> tuple[str | None, list[Token]]:
    """The subtitle right under the title heading just taken out of ``tokens``: a paragraph of one
    line of text alone (no markup, no attributes) opening with a dash (:func:`~paiban.titles.subtitle_of`:
    ——记青川市北坡小学教师林秋), taken out of the body too; else ``None``, the tokens as they are.
    Left in the body, it was the text's first paragraph, indented as one."""
    start = _first_block(tokens)
    if start + 3 > len(tokens) or tokens[start].type != "paragraph_open" or tokens[start].attrs:
        return None, tokens
    children = tokens[start + 1].children or []
    if any(child.type != "text" for child in children):
        return None, tokens
    after = tokens[start + 4].content if start + 4 < len(tokens) and tokens[start + 4].type == "inline" else ""
    subtitle = subtitle_of("".join(child.content for child in children), after)
    return (subtitle, tokens[:start] + tokens[start + 3:]) if subtitle else (None, tokens)


# A paragraph of one empty anchor alone, its ``name`` or its ``id`` (group 1) the text of group 2:
# 语雀 writes one on the line above each heading, its title's too (``<a name="Kx3aB"></a>``).
_ANCHOR_ALONE = patterns.compile(r'\s*<a\s+(name|id)\s*=\s*"([^"\s]+)"\s*>\s*</a>\s*')


def _anchor_alone(tokens: list[Token], index: int) -> str | None:
    """The id of the empty anchor that the paragraph opening at ``index`` holds alone, if it is one:
    a name as the sanitiser makes it an id (:func:`~paiban.xhtml.clean_fragment`), the text it encodes."""
    if tokens[index].type != "paragraph_open" or not (found := _ANCHOR_ALONE.fullmatch(tokens[index + 1].content)):
        return None
    if found[1] == "name":
        return id_of_name(found[2])
    return found[2]


def _heading_markup(tokens: list[Token], start: int, env: dict, path: Path) -> str:
    """The sanitised markup of the heading at ``start``, without its footnote calls, its ``<q>``
    written with their marks as the body's are."""
    opening, inline = tokens[start], tokens[start + 1]
    shown = [child for child in inline.children or () if child.type != "footnote_ref"]
    markup = in_language(_parser.renderer.renderInline(shown, _parser.options, env), opening.attrGet("lang"))
    # Plain text, as most titles are (no element, no reference), is sanitised as it is: the
    # sanitiser's two parses took a twentieth of the reading of a book.
    return markup if "<" not in markup and "&" not in markup else clean_fragment(markup, path, write_quotations)


def _repeats(title: str, tokens: list[Token], env: dict, path: Path) -> bool:
    """Whether the article opens with a ``# heading`` that says its front matter's ``title`` again:
    a writer's habit (Hugo and Jekyll themes print the front matter's title, many editors show the
    heading), which printed the title twice, the heading as the text's first section. Then the
    heading is the title, and dropped, as it is without front matter; the title stays the front
    matter's, as written. Compared without spaces, as a title may be spaced out (春天 来了)."""
    if (start := _leading_heading(tokens)) is None:
        return False
    heading = plain(_heading_markup(tokens, start, env, path))
    return "".join(heading.split()) == "".join(title.split())


def _warn_of_dropped_heading_attributes(tokens: list[Token], path: Path) -> None:
    """A heading's attribute list may set its id, lang and class alone: what else it sets
    (``{style=…}``, ``{data-x=1}``) is left out, which a warning at its line says."""
    for token in tokens:
        if dropped := token.meta.get("dropped") if token.type == "heading_open" else None:
            log.warning("%s:%d: the heading's %s %s left out: a heading's {…} may set only its id (#id), "
                        "its language (lang=en) and its classes (.name)", path, token.map[0] + 1,
                        ", ".join(dropped), "is" if len(dropped) == 1 else "are")


def _warn_of_printed_paragraph_attributes(tokens: list[Token], path: Path) -> None:
    """A paragraph takes an id alone (README): an attribute list setting more at its end
    (``导语。 {.lead}``, ``> “……” {.pullquote}``), or one at the end of a tight list's item, is
    printed as its text, which a warning at its line says. paiban gives a paragraph no class, so
    that none turns on a rule of the theme's pages (a page break before ``.chapter``), and none is
    styled; its language is set by a block's."""
    for token in tokens:
        if printed := token.meta.get("printed") if token.type == "paragraph_open" else None:
            log.warning("%s:%d: the attribute list %s at the paragraph's end is printed as its text: a paragraph "
                        "takes an id alone there, {#id} (an item of a tight list not even that), not a class or a "
                        "language; remove it, or put the paragraph in a ::: {lang=en} block for its language",
                        path, token.map[1], printed)


# A ``:::`` line no container read, which stays in the text as written: the opening line of a block
# (its name or attributes: group 1), or a bare closing one.
_BLOCK_LINE = patterns.compile(r"^:{3,}[ \t]*(\S.*)?$", re.MULTILINE)


@dataclass(eq=False)
class _BlockLine:
    """A ``:::`` line no container read: its in-line token, its line there (0 the first) and in the
    source, as written; whether it opens a block (it has a name or attributes), and for a bare one,
    the opening line it closes."""

    token: Token
    number: int
    line: int
    written: str
    opens: bool
    closes: _BlockLine | None


def _block_lines(tokens: list[Token]) -> list[_BlockLine]:
    """The ``:::`` lines no container read, in order: a bare one closes the last block opened and
    not yet closed, if any."""
    found: list[_BlockLine] = []
    unclosed: list[_BlockLine] = []
    for token in tokens:
        if token.type == "inline" and token.map and ":::" in token.content:
            for match in _BLOCK_LINE.finditer(token.content):
                number = token.content.count("\n", 0, match.start())
                closes = unclosed.pop() if not match[1] and unclosed else None
                found.append(_BlockLine(token, number, token.map[0] + number + 1, match[0].strip(),
                                        bool(match[1]), closes))
                if match[1]:
                    unclosed.append(found[-1])
    return found


def _block_lines_kept(state) -> None:
    """A ``:::`` line that opens or closes a block no container read is printed as written, on a
    line of its own: the line breaks before and after it are hard ones. Soft, they joined it to the
    text (``::: tip 提示本文档…``, a block's title run into its first line, as Chinese lines are
    joined) and the closing ``:::`` to the last line. It opens one that a later line closes, or
    whose text follows it (its closing line forgotten); a ``:::`` line amid a paragraph's lines that
    opens or closes nothing is a stray one, left in the text as ever: its hard breaks made every line
    of the paragraph one of its own, which verse took for a poem."""
    if ":::" not in state.src:  # most articles: no block at all
        return
    block_lines = _block_lines(state.tokens)
    closed = {block_line.closes for block_line in block_lines}
    for block_line in block_lines:
        if block_line.closes or (block_line.opens and (block_line in closed or block_line.number == 0)):
            breaks = [child for child in block_line.token.children if child.type in LINE_BREAKS]
            if len(breaks) != block_line.token.content.count("\n"):
                continue  # (a line broken inside code or markup: the breaks are not the lines)
            for child in breaks[max(block_line.number - 1, 0):block_line.number + 1]:
                child.type, child.tag = "hardbreak", "br"


_parser.core.ruler.push("block_lines_kept", _block_lines_kept)


def _warn_of_unknown_blocks(tokens: list[Token], path: Path) -> None:
    """A ``:::`` line of a block paiban has not (``::: note``, ``::: {.note lang=ja}``, an attribute list
    not closed) is printed as written, with the block's text around it: a warning at its line. So
    is the bare ``:::`` that closes it, which the warning says closes that block; and a bare ``:::``
    left over: a block nested in another with fences of one length is closed, the outer one with
    it, at the first ``:::``, and the outer block's own closing line is left."""
    for block_line in _block_lines(tokens):
        if block_line.opens:
            log.warning("%s:%d: %s opens no block paiban knows, so it is printed as written: the "
                        "blocks are %s, with any attributes after them (::: {.no-convert lang=zh-Hant}), "
                        "and a block of attributes alone (::: {lang=en})",
                        path, block_line.line, block_line.written, ", ".join(f"::: {name}" for name in CONTAINERS))
        elif opening := block_line.closes:
            log.warning("%s:%d: %s closes %s of line %d, a block paiban does not know, so it is printed "
                        "as written too", path, block_line.line, block_line.written, opening.written, opening.line)
        else:
            log.warning("%s:%d: %s closes no block, so it is printed as written: a block inside another "
                        "closes both at its first :::, so give the outer block a longer fence, "
                        ":::: no-convert … ::::, or remove the line",
                        path, block_line.line, block_line.written)


# A footnote reference markdown-it found no definition for: it stays in the text as written.
UNDEFINED_NOTE = patterns.compile(r"\[\^([^\]\s]+)\]")


def _warn_of_loose_footnotes(tokens: list[Token], env: dict, path: Path, text: str) -> None:
    """A note nothing refers to is left out of the book, and a reference to no note is printed as
    ``[^label]``: both build, so each is a warning at its line (``paiban check`` lists them too)."""
    for key, index in env.get("footnotes", {}).get("refs", {}).items():
        if index == -1:
            label = key[1:]
            line = next((number for number, written in enumerate(text.splitlines(), 1)
                         if written.lstrip().startswith(f"[^{label}]:")), None)
            log.warning("%s%s: the footnote [^%s] is never referred to, so it is left out (refer to it "
                        "with [^%s] where it belongs)", path, f":{line}" if line else "", label, label)
    for token in tokens:
        for child in (token.children or ()) if token.type == "inline" else ():
            for match in UNDEFINED_NOTE.finditer(child.content if child.type == "text" else ""):
                log.warning("%s:%d: [^%s] refers to no footnote and is printed as written (add a line "
                            "`[^%s]: …` with its text)", path, token.map[0] + 1, match[1], match[1])


def _check_raw_html(tokens: list[Token], path: Path) -> None:
    """Raw HTML must open and close its elements properly; else name the line. An element no book
    keeps is warned of at its line (:mod:`.left_out`)."""
    checker = RawHtmlChecker()
    for line, token in raw_html(tokens):
        checker.feed_at(token.content, line)
    problems = checker.finish()
    if problems:
        line, message = problems[0]
        raise PaibanError(
            f"raw HTML would make invalid XHTML: {message}",
            file=path,
            line=line,
            hint="Close every HTML element you open, in order (or write it in Markdown instead).",
        )
    warn_of_left_out(checker.left_out, path)
