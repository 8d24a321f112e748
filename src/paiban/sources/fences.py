"""A fenced code block's info string, the words after its opening fence: the code's language,
Pandoc's attribute list (```` ```{.python #code1} ````, ```` ```python {#code1} ````) and a title as
a docs site writes one (Docusaurus' ```` ```js title="src/app.js" ````, VitePress' ```` ```sh [npm] ````),
printed above the code. CommonMark takes the info's first word for the language and drops the rest:
the title went unseen (the handbook no longer said which file to edit), and VitePress'
```` ```ts:line-numbers ```` made the language ``ts:line-numbers``. What else the info says (line
numbers, highlighted lines) is left out with a warning at its line."""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

from markdown_it.token import Token

from .. import patterns
from .pandoc import attribute_list

log = logging.getLogger("paiban")

# A code block's title, printed above it (base.css, print.css keep it with the code).
CODE_TITLE = "code-title"
# An info string that may say more than a language: a plain one (``python``, ``c++``) has none of these.
_MORE_THAN_A_LANGUAGE = patterns.compile(r"[\s{\[:=]")
# The language, the info's first word up to a brace, a bracket or a colon (``js{4}``, ``ts:line-numbers``),
# unless the word is a title (Docusaurus' ``` title="src/app.js"``` has no language).
_LANGUAGE = patterns.compile(r"(?!title=)[^\s{\[:]+")
# Each part after it: Pandoc's attribute list, a title (``title="…"``, ``title='…'``), a label in brackets
# (VitePress' ``[npm]``), else any word (``:line-numbers``, Docusaurus' ``showLineNumbers``) or the rest of
# the info from a bracket never closed (which was read again from each bracket after it: 20,000 of them took
# a second, growing as the square of their number).
_PART = patterns.compile(r"""(?P<list>\{[^{}]*\})|title=(?P<quoted>"[^"]*"|'[^']*')|\[(?P<label>[^\]]*)\]"""
                         r"""|\[[^\]]*|[^\s{\[]+""")


def read_fence_info(state, kept: tuple[str, ...]) -> None:
    """A core rule: each code block's info string read into its language (``token.info``), the
    attributes of its lists that are ``kept`` (its id for links to point at; its first class is the
    language when no word gives one), its title (``meta["title"]``, the first given) and what is
    left out (``meta["left_out"]``, as written, for :func:`warn_of_fence_words`)."""
    for token in state.tokens:
        if token.type != "fence" or not _MORE_THAN_A_LANGUAGE.search(token.info):  # most: ```python
            continue
        language = _LANGUAGE.match(token.info)
        classes = [language[0]] if language else []
        attributes: dict[str, str] = {}
        titles: list[tuple[str, str]] = []  # each title given: as printed, as written
        left_out: list[str] = []
        for part in _PART.finditer(token.info, language.end() if language else 0):
            if part["list"] and (listed := attribute_list(part["list"])) is not None:
                classes += listed.pop("class", "").split()
                if title := listed.pop("title", None):
                    titles.append((title, f'title="{title}"'))
                attributes |= {key: value for key, value in listed.items() if key in kept}
                left_out += [f"{key}={value}" for key, value in listed.items() if key not in kept]
            elif (title := part["quoted"][1:-1] if part["quoted"] else part["label"]) is not None:
                titles.append((title, part[0]))
            else:  # a word, a list that is none (a highlight's {1,4-6}), a bracket never closed
                left_out.append(part[0])
        titles = [(title.strip(), written) for title, written in titles if title.strip()]
        token.info = classes[0] if classes else ""
        token.attrs.update(attributes | ({"class": " ".join(classes[1:])} if classes[1:] else {}))
        if titles:
            token.meta["title"] = titles[0][0]
        if left_out := left_out + [written for _, written in titles[1:]]:
            token.meta["left_out"] = left_out


def fence_with_title(self, tokens: list[Token], idx: int, options, env) -> str:
    """A renderer's rule for a code block: its title (:data:`CODE_TITLE`), if it has one, on a line of
    its own above the code, set in code type and printed as written, as the code is (a file's name,
    ``src/app.js``, a tool's, ``npm``: never converted)."""
    code = self.fence(tokens, idx, options, env)
    if (title := tokens[idx].meta.get("title")) is None:
        return code
    return f'<p class="{CODE_TITLE}"><code>{escape(title)}</code></p>\n{code}'


# The languages of a diagram's source, which a docs site, Typora or GitLab draws and paiban prints as code.
_DIAGRAMS = frozenset(("mermaid", "plantuml", "puml", "dot", "graphviz", "flow", "flowchart", "sequence", "wavedrom"))


def warn_of_fence_words(tokens: list[Token], path: Path) -> None:
    """What a code block's info string says that paiban does not print (VitePress' ``:line-numbers``, a
    highlight's ``{1,4-6}``, Docusaurus' ``showLineNumbers``, an attribute other than an id, a class
    and a language) is left out, which a warning at the fence's line says. A diagram's source (```` ```mermaid ````)
    is printed as its code, which a warning says too: the editor who saw a chart in Typora or on the site
    found lines of code in the book."""
    for token in tokens:
        if token.type == "fence" and token.info.lower() in _DIAGRAMS:
            log.warning("%s:%d: the %s diagram is printed as its source code: paiban draws no diagrams; draw it as a "
                        "picture (an SVG, with the diagram tool's own command) and put the picture in its place",
                        path, token.map[0] + 1, token.info)
        if left_out := token.meta.get("left_out") if token.type == "fence" else None:
            log.warning("%s:%d: the code block's %s after its fence %s left out: a fence takes the code's language, "
                        "a title printed above the code (title=\"src/app.js\", or [npm]) and Pandoc's attribute "
                        "list ({#id .class lang=en}), nothing more", path, token.map[0] + 1, " ".join(left_out),
                        "is" if len(left_out) == 1 else "are")


# A line that closes a code block: its fence's character, as many times as the opening fence or more, alone.
_CLOSING_FENCE = patterns.compile(r" {0,3}(`{3,}|~{3,})[ \t]*")


def warn_of_unclosed_fence(tokens: list[Token], lines: list[str], path: Path) -> None:
    """A code block whose fence no line closes runs to the article's end, as CommonMark reads it: the
    rest of the article is printed as its code, silently, in code type, unconverted. A post's line
    opening with decoration, ``~~~好开心~~~``, is such a fence (a tilde fence's info string may hold
    tildes), so a warning at its line says so, and how to keep the line as text. A block in a quotation
    or a list item ends with it, taking no more than its own text, and is not warned of."""
    last_written = next((index for index in range(len(lines) - 1, -1, -1) if lines[index].strip()), -1)
    for token in tokens:
        if token.type != "fence" or token.level or last_written >= token.map[1]:
            continue
        last = _CLOSING_FENCE.fullmatch(lines[token.map[1] - 1]) if token.map[1] - 1 > token.map[0] else None
        if last and last[1][0] == token.markup[0] and len(last[1]) >= len(token.markup):
            continue
        written = lines[token.map[0]].strip()
        log.warning("%s:%d: the code block that %s opens is never closed, so the rest of the article is printed as "
                    "its code: close it with a line of %s where the code ends, or, if the line is text, put a "
                    "backslash before it (\\%s)", path, token.map[0] + 1, written, token.markup, written)
