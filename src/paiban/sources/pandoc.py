"""Pandoc's Markdown in a Markdown article: what paiban reads as Pandoc does, and what it warns
of at its line, with what to write instead. A book moved from Pandoc is full of its forms, and
CommonMark prints those it has not as typed, unseen."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.attrs.parse import ParseError, parse as parse_attributes

from .. import patterns
from ..chars import HAN, quoted
from ..xhtml import css_pixels
from .draft import NO_MATH
from .joined import lines_of, numbered_children

log = logging.getLogger("paiban")

# Pandoc's bare value in an attribute list: any characters but white space, quotes and braces
# (``{width=50%}``). The attribute parser takes letters, digits and ``_:-`` alone unquoted (a ``%``
# opens its comments), so the list was printed after the picture.
_BARE_VALUE = patterns.compile(r"(?<==)([^\s\"'{}]+)")
# The sizes a picture may be given, in CSS pixels alone (HTML takes no other: xhtml.css_pixels).
_SIZES = ("width", "height")
# A task list's boxes, as text: an empty one and a ticked one (a form's □ and ■, which CJK fonts draw;
# they have no ☐ or ☑); a Word checkbox's too (:mod:`.wordml`). The sanitiser takes out the task list
# plugin's <input>, as it does a form's.
TASK_BOXES = {False: "□", True: "■"}
# What to write for a table in one of Pandoc's forms, which CommonMark has not.
_AS_PIPE_TABLE = "write the table as a pipe table (| 列一 | 列二 |, then |---|---|), or in HTML"
# Pandoc's subscript and superscript (H~2~O, 2^10^): a short text between two ~ or two ^, right after
# its base. The formula one is in (CO~2~, x^2^+y^2^=z^2^, (NH4)~2~SO4) is a run of _FORMULA's characters.
_SCRIPT_TEXT, _AFTER_BASE = "[A-Za-z0-9+-]{1,6}", "(?<=[A-Za-z0-9)])"
_PANDOC_SCRIPT = patterns.compile(rf"{_AFTER_BASE}([~^])({_SCRIPT_TEXT})\1")
_FORMULA = patterns.compile(r"[A-Za-z0-9()+=~^-]+")
_SCRIPTS = {"~": "sub", "^": "sup"}


def _as_html_scripts(found: re.Match[str]) -> str:
    """What to write for Pandoc's sub- or superscript ``found``: the formula it is in, each of its
    scripts HTML's (CO~2~ as CO<sub>2</sub>, m^2^ as m<sup>2</sup>). A fixed example (H<sub>2</sub>O,
    2<sup>10</sup>) left the writer to work out their own, and suggested a power of 2 for m^2^."""
    formula = next(part[0] for part in _FORMULA.finditer(found.string) if part.start() <= found.start() < part.end())
    html = _PANDOC_SCRIPT.sub(lambda script: f"<{_SCRIPTS[script[1]]}>{script[2]}</{_SCRIPTS[script[1]]}>", formula)
    return f"write it as HTML's, {html}"


# Pandoc's forms in a line's text (code aside) that CommonMark prints as typed: what each is, and
# what to write instead (or what makes that of the form found). Of citations, those in brackets
# alone ([@smith2020, p. 33]): a bare @name is as often a Weibo user's.
_PRINTED = (
    (patterns.compile(r"^\\(?:newpage|pagebreak|clearpage)\s*$"), "is TeX's page break",
     "paiban breaks pages itself (each chapter opens a page): remove the line, or begin a new chapter there"),
    (patterns.compile(r"\[(?:[^\[\]]*[\s;])?-?@[A-Za-z_][^\[\]]*\]"), "is a Pandoc citation",  # not [a@b.cn]
     "paiban makes no bibliography: write the reference out, (Smith 2020, p. 33), or in a footnote"),
    (patterns.compile(r"^\+(?:[-=:]+\+)+\s*$"), "is a line of a Pandoc grid table", _AS_PIPE_TABLE),
    (patterns.compile(f"{_AFTER_BASE}~{_SCRIPT_TEXT}~"), "is Pandoc's subscript", _as_html_scripts),
    (patterns.compile(rf"{_AFTER_BASE}\^{_SCRIPT_TEXT}\^"), "is Pandoc's superscript", _as_html_scripts),
    (patterns.compile(r"^[ \t]*(?:#\.|\(@[\w-]*\))[ \t]"), "numbers a Pandoc list",
     "number the items as Markdown does, 1. 2. 3."),
)
# TeX between dollars, Pandoc's formulas, as teachers paste them from a formula editor: between
# double dollars, on its lines or not ($$⏎\frac{a}{b}⏎$$), which no price has; between single ones,
# with a command ($\xrightarrow{通电}$), which no price ($5 and $8) has either, or on one line without
# one, where Pandoc reads a formula ($x^2+y^2=1$, $a_n=2n+1$, $-2$): no space inside either dollar,
# no figure, letter or shell's bracket after the closing one ($5 and $10, $5-$10, $HOME/$USER, ${dir}/${name},
# $(pwd)/$(date) are no formula), no
# Chinese between them (US$3，约合人民币 20 元，US$ 5), and no currency's letters before the opening one
# (US$3, HK$5).
# (Each alternative reads from a dollar to the next one once: lazy runs around a \S or a command took
# as the square of a long line's length to fail.)
_TEX = patterns.compile(r"\$\$\s*[^$\s][^$]*\$\$|\$(?=[^$]*\\[A-Za-z])[^$]*\$"
                        rf"|(?<![A-Za-z$])\$(?=[^\s$])[^$\n{HAN}]*?(?<=[^\s$])\$(?![0-9A-Za-z({{])")
# A character :data:`_TEX` or one of :data:`_PRINTED` needs: a paragraph with none is passed over unread.
_SUSPECT = patterns.compile(r"[\\@+~^#$]")
# The line of dashes under a Pandoc simple table's header (``----   ----``): a rule to Markdown.
_SIMPLE_TABLE_RULE = patterns.compile(r" {0,3}-{2,}(?: +-{2,})+ *")
# A line of dashes alone (``-------``), which opens and closes a Pandoc multiline table: a rule to
# Markdown, and under a line of text a setext heading's underline.
_TABLE_EDGE = patterns.compile(r" {0,3}-{3,} *")
# The mark on a multiline table's rule under its header, which its own warning names.
_MULTILINE = "multiline table"
# A Pandoc table's caption, a paragraph right above or under it: ``: 水果表``, ``Table: 水果表``.
_TABLE_CAPTION = patterns.compile(r"(?::|Table:)[ \t]")
# A length in a unit of print (``5cm``), which a picture's size may be written in for Pandoc.
_LENGTH = patterns.compile(r"\s*\d+(?:\.\d+)?\s*(?:mm|cm|pt|in)\s*")


def attribute_list(written: str) -> dict[str, str] | None:
    """The attributes Pandoc's list ``written`` (``{…}``, whole) gives, or ``None`` for no such list:
    one the parser cannot read, or one whose first ``}`` is inside a quoted value, not its end."""
    try:
        closing, listed = parse_attributes(written)
    except ParseError:
        return None
    return listed if closing == len(written) - 1 else None


def picture_attributes(state: StateInline, silent: bool, allowed: tuple[str, ...]) -> bool:
    """The inline rule that reads the attribute list right after a picture as Pandoc does, its
    values bare or quoted (``![图](a.png){width=50% .decorative}``), keeping the keys ``allowed``.
    A list it cannot read is left to the attribute plugin's rule (and so, as written, to the text)."""
    if state.pending or not state.tokens or state.tokens[-1].type != "image" or state.src[state.pos] != "{":
        return False
    if (end := state.src.find("}", state.pos, state.posMax)) < 0:
        return False
    if (listed := attribute_list(_BARE_VALUE.sub(r'"\1"', state.src[state.pos:end + 1]))) is None:
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
        yield from ((line, child) for line, child in numbered_children(token) if child.type == "image")


def task_boxes(state: StateCore) -> None:
    """Each task list item's box (``- [ ]``, ``- [x]``) as the text of a box, empty or ticked
    (:data:`TASK_BOXES`), in place of the ``<input>`` the task list plugin writes, which no book keeps."""
    if "[" not in state.src:  # most articles: no box (the plugin reads [ ] and [x] alone)
        return
    for token in state.tokens:
        for child in token.children or () if token.type == "inline" else ():
            if child.type == "html_inline" and 'class="task-list-item-checkbox"' in child.content:
                child.type, child.content = "text", TASK_BOXES['checked="checked"' in child.content]


def multiline_tables(tokens: list[Token], lines: list[str], path: Path) -> list[Token]:
    """``tokens`` with the last row of each Pandoc multiline table (``pandoc -t markdown``'s form of
    a .docx table) a paragraph again, as its other rows are, and the line of dashes closing the
    table a rule, as the one opening it is: right under the row, that line made the row a setext
    heading, set as one and listed in the contents and the PDF's bookmarks. A warning at the
    table's first line names it. The table is a line of dashes, its header right under it and the
    dashes splitting its columns (``----- ------``) right under that, then its rows, up to a line
    of dashes. ``lines``: the article's, as written."""
    if not any(token.type == "hr" for token in tokens):  # most articles: no rule, no table
        return tokens
    index = 0
    while index < len(tokens):
        if (end := _multiline_table_end(tokens, index, lines)) is not None:
            last = tokens[end].map[1]
            log.warning("%s:%d: the lines of dashes from here to line %d make a Pandoc multiline table, which is "
                        "printed as rules between its rows, each row's lines run together: %s",
                        path, tokens[index].map[0] + 1, last, _AS_PIPE_TABLE)
            if tokens[end].type == "heading_open":
                tokens = tokens[:end] + _row_and_rule(tokens[end:end + 3], last - 1) + tokens[end + 3:]
            index = end
        index += 1
    return tokens


def _multiline_table_end(tokens: list[Token], index: int, lines: list[str]) -> int | None:
    """Where the Pandoc multiline table whose first line of dashes is the rule at ``index`` ends
    among ``tokens``, its columns' rule marked :data:`_MULTILINE`: at the rule of its last line, or
    at the heading its last row and that line make. ``None`` if the rule opens no such table."""
    header, columns = index + 1, index + 4
    if not (_rule(tokens, index, _TABLE_EDGE, lines) and columns < len(tokens)
            and tokens[header].type == "paragraph_open" and _under(tokens, header, index)
            and _rule(tokens, columns, _SIMPLE_TABLE_RULE, lines) and _under(tokens, columns, header)):
        return None
    end = columns + 1
    while end < len(tokens) and tokens[end].type in ("paragraph_open", "inline", "paragraph_close"):
        end += 1
    if end == len(tokens):
        return None
    closing = tokens[end]
    if not (_rule(tokens, end, _TABLE_EDGE, lines) or closing.type == "heading_open" and closing.markup == "-"
            and _TABLE_EDGE.fullmatch(lines[closing.map[1] - 1])):
        return None
    tokens[columns].meta[_MULTILINE] = True
    return end


def _rule(tokens: list[Token], index: int, written: re.Pattern[str], lines: list[str]) -> bool:
    """Whether the token at ``index`` is a rule whose line is ``written`` so (a line of dashes alone,
    or split in columns)."""
    return tokens[index].type == "hr" and bool(written.fullmatch(lines[tokens[index].map[0]]))


def _under(tokens: list[Token], index: int, above: int) -> bool:
    """Whether the block opening at ``index`` starts on the line right after the block at ``above``
    ends (a paragraph's end is on its opening token), no blank line between."""
    return tokens[index].map is not None and tokens[above].map[1] == tokens[index].map[0]


def _row_and_rule(heading: list[Token], underline: int) -> list[Token]:
    """The setext ``heading`` (its three tokens) whose ``underline`` is a table's last line: the
    row it was, a paragraph, and that line, a rule."""
    opening, inline, closing = heading
    opening.type, opening.tag, opening.markup, opening.map = "paragraph_open", "p", "", [opening.map[0], underline]
    closing.type, closing.tag, closing.markup = "paragraph_close", "p", ""
    rule = Token("hr", "hr", 0, map=[underline, underline + 1], level=opening.level, block=True)
    return [opening, inline, closing, rule]


def warn_of_pandoc_forms(tokens: list[Token], lines: list[str], path: Path) -> None:
    """Warn at its line of each Pandoc form of the article's ``tokens`` (its ``lines`` as written)
    that is printed as typed, with what to write instead: TeX or one of :data:`_PRINTED` in a
    paragraph's text (each once a paragraph: :func:`_forms_in`), a simple table's rule (a multiline
    table's is told of as :func:`multiline_tables` reads it), a table's caption."""
    for index, token in enumerate(tokens):
        if _rule(tokens, index, _SIMPLE_TABLE_RULE, lines) and not token.meta.get(_MULTILINE) \
                and _under_paragraph(tokens, index):
            log.warning("%s:%d: the dashes under the line above make it a Pandoc simple table's header, which is "
                        "printed as a rule between lines run together: %s", path, token.map[0] + 1, _AS_PIPE_TABLE)
        if token.type != "inline" or not token.map:
            continue
        if (caption := _TABLE_CAPTION.match(first := token.content.split("\n")[0])) and _beside_table(tokens, index):
            log.warning("%s:%d: %s is a Pandoc table caption, printed as written: write the caption as a paragraph "
                        "right above the table, 表1　%s", path, token.map[0] + 1, quoted(first), first[caption.end():])
        if not _SUSPECT.search(token.content):
            continue
        warned: set[str] = set()
        text = "\n".join(line for line, _ in lines_of(token.children or ()))
        for number, written, what, instead in _forms_in(text, token.map[0] + 1):
            if what not in warned:
                warned.add(what)
                log.warning("%s:%d: %s %s, printed as written: %s", path, number, quoted(written), what, instead)


def _forms_in(text: str, first: int) -> Iterator[tuple[int, str, str, str]]:
    """The Pandoc forms in a paragraph's ``text`` (its lines, the first of them the source's line
    ``first``), each with its line, as written (a formula's lines joined), what it is and what to
    write instead: TeX (:data:`_TEX`), then those of :data:`_PRINTED` in each line outside it, where
    they are the formula's (the ^2+y^ of $x^2+y^2=1$ is no superscript)."""
    if "$" in text and (formula := _TEX.search(text)):
        yield first + text.count("\n", 0, formula.start()), formula[0].replace("\n", ""), "is TeX", NO_MATH
        text = _TEX.sub(lambda tex: " " + "\n" * tex[0].count("\n"), text)  # (each line where it was)
    for number, line in enumerate(text.split("\n"), first):
        for pattern, what, instead in _PRINTED:
            if found := pattern.search(line):
                yield number, found[0].strip(), what, instead(found) if callable(instead) else instead


def _under_paragraph(tokens: list[Token], index: int) -> bool:
    """Whether the rule at ``index`` is right under a paragraph's last line, no blank line between."""
    return tokens[index - 1].type == "paragraph_close" and _under(tokens, index, index - 3)


def _beside_table(tokens: list[Token], index: int) -> bool:
    """Whether the paragraph whose text is at ``index`` is right under a table or right above one."""
    return (index >= 2 and tokens[index - 2].type == "table_close"
            or index + 2 < len(tokens) and tokens[index + 2].type == "table_open")
