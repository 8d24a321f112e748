"""What docs sites' and site generators' Markdown holds for the tool to run, which CommonMark prints
as typed: Hugo's front matter (TOML between ``+++`` lines) and shortcodes (``{{< note >}}``),
mdBook's ``{{#include example.toml}}``, GitBook's and Jekyll's Liquid tags (``{% hint %}``). paiban
runs none of them: each is printed as written, with a warning at its line saying what to write
instead (an include's file is not in the book: its text must be copied in)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .. import patterns
from ..chars import quoted
from .joined import lines_of

log = logging.getLogger("paiban")

# Hugo's front matter's first and last lines.
_TOML_FENCE = "+++"
# An article that opens with one (a quick look before any rule is read).
_TOML_FRONT_MATTER = patterns.compile(r"\A\+\+\+[ \t]*$", re.MULTILINE)
# What a shortcode or a Liquid tag holds: the rest of its line up to its close, and no other form's
# opening (``{{``, ``{%``). Read to the line's end from each opening never closed, a line of them
# (``{{< `` typed 20,000 times) took over a minute; read up to the next opening, each character once.
_HELD = r"(?:[^{\n]|\{(?![{%]))*?"
# Hugo's shortcode, on one line: ``{{< note >}}``, ``{{<note>}}``, ``{{% notice tip %}}``, ``{{< /note >}}``.
_SHORTCODE = patterns.compile(r"\{\{<" + _HELD + r">\}\}|\{\{%" + _HELD + r"%\}\}")
# The forms of a line paiban runs none of: mdBook's directives (an include, a page's title: what it
# names, a file and its lines, holds no brace), Hugo's shortcode, a Liquid tag.
_FORM = patterns.compile(r"\{\{#(?P<directive>include|rustdoc_include|playground|playpen|title)\b"
                         r"(?P<argument>[^{}]*+)\}\}"
                         rf"|(?P<shortcode>{_SHORTCODE.pattern})"
                         r"|\{%-?[ \t]*+[A-Za-z_]" + _HELD + r"%\}")
# mdBook's directives that put a file's text in their place.
_INCLUDES = ("include", "rustdoc_include", "playground", "playpen")
# What to write instead of a shortcode or a tag.
_IN_MARKDOWN = ("write what it makes in Markdown (a note or a hint as a ::: box … ::: block, its text "
                "between them) and remove it")


def toml_front_matter(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block rule: Hugo's front matter, TOML between ``+++`` lines at the article's top, is a
    code block of its lines, the ``+++`` too, printed as written. Read as a paragraph, its lines
    were run into one and its quotes curled (``title = “配置参考”``). paiban reads none of it
    (:func:`warn_of_site_forms` says so); one never closed is text."""
    if start != 0 or not _is_toml_fence(state, 0):
        return False
    closing = next((line for line in range(1, end) if _is_toml_fence(state, line)), None)
    if closing is None:
        return False
    if not silent:
        token = state.push("fence", "code", 0)
        token.info, token.markup, token.map = "toml", _TOML_FENCE, [0, closing + 1]
        token.content = state.getLines(0, closing + 1, 0, True)
        state.line = closing + 1
    return True


def _is_toml_fence(state: StateBlock, line: int) -> bool:
    """Whether ``line`` is a ``+++`` line, at the margin."""
    return state.src[state.bMarks[line]:state.eMarks[line]].rstrip(" \t") == _TOML_FENCE


def shortcode(state: StateInline, silent: bool) -> bool:
    """An inline rule: Hugo's shortcode is text, as typed, whole: ``{{<note>}}`` printed ``{{}}``,
    its ``<note>`` read as HTML, which the sanitiser removed."""
    if not state.src.startswith("{{", state.pos) or not (found := _SHORTCODE.match(state.src, state.pos)):
        return False
    if not silent:
        state.push("text", "", 0).content = found[0]
    state.pos = found.end()
    return True


def warn_of_site_forms(tokens: list[Token], text: str, path: Path) -> None:
    """Warn at its line of each form of the article's ``tokens`` (``text`` as written) that a docs
    site's tool runs and paiban prints as typed: Hugo's front matter, at line 1; mdBook's
    directives, in the text and in code, where an include puts its file; Hugo's shortcodes and
    Liquid's tags in the text (in code they are shown, as a guide to Hugo shows them)."""
    if _TOML_FRONT_MATTER.match(text):
        log.warning("%s:1: the lines between +++ are printed as written: paiban reads front matter as YAML between "
                    "--- lines (title: 标题), not TOML between +++ lines as Hugo does", path)
    if "{{" not in text and "{%" not in text:  # most articles: none of the forms
        return
    for token in tokens:
        if token.type == "inline" and "{" in token.content:
            for number, (line, _) in enumerate(lines_of(token.children or ()), token.map[0] + 1):
                for found in _FORM.finditer(line) if "{" in line else ():
                    log.warning("%s:%d: %s", path, number, _printed(found))
        elif token.type in ("fence", "code_block") and "{{#" in token.content:
            first = token.map[0] + 1 + (token.type == "fence")  # the line after the fence
            for number, line in enumerate(token.content.splitlines(), first):
                if (found := _FORM.search(line)) and found["directive"] in _INCLUDES:
                    log.warning("%s:%d: %s", path, number, _printed(found, " in the code block"))


def _printed(found: re.Match[str], where: str = "") -> str:
    """What the form ``found`` is, that it is printed as typed (``where``), and what to write instead."""
    written = quoted(found[0])
    if found["directive"] in _INCLUDES:
        included = found["argument"].strip(" \t").split(":")[0]  # (after a colon: the lines or the anchor to include)
        return (f"{written} is mdBook's include, printed as typed{where}: paiban includes no file, so the text of "
                f"{quoted(included) if included else 'the file'} is not in the book: copy it in, in place of the line")
    if found["directive"]:  # {{#title …}}
        return (f"{written} is mdBook's page title, printed as typed: remove it (an article's title is its "
                "# heading, or its front matter's title)")
    tool = "a Hugo shortcode" if found["shortcode"] else "a Liquid tag (GitBook's, Jekyll's)"
    return f"{written} is {tool}, printed as typed (paiban runs none): {_IN_MARKDOWN}"
