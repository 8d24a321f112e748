"""What a page made from the book's own templates must keep of the book: its text and its ids.

Jinja renders an override that loses the book without a word: a block its parent does not declare
is dropped (``{% block content %}`` in a ``layout.html`` whose children fill ``body``), and so is an
element's id (the contents, the bookmarks and the page numbers link to it), and ``{{ article.body }}``
without ``| safe`` prints the article's markup as text. The book came out empty or broken, or the
PDF stopped with an internal error. So each page made from the book's own templates is checked for
the ids of the parts, chapters and articles it shows, and for an article's body shown escaped: either
is an error at the template to blame. Pages made from the default theme alone are not checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import markupsafe
from jinja2 import nodes

from . import patterns
from .chars import quoted
from .errors import PaibanError
from .model import Article, Chapter, Part

if TYPE_CHECKING:  # (paiban.theme imports this module)
    from .theme import Theme

Shown = Part | Chapter | Article

# The partial that writes the element of each kind of item, with its id.
_WRITER = {Part: "_part.html", Chapter: "_chapter.html", Article: "_article.html"}
_KIND = {Part: "part", Chapter: "chapter", Article: "article"}
_ID = patterns.compile(r"""\sid\s*=\s*["']([^"']*)["']""")
# Enough of an article's body, escaped, to know it where a page prints it.
_BODY_START = 60
_ESCAPED_TAG = patterns.compile("&lt;")
_EXPRESSION = patterns.compile(r"\{\{.*?\}\}")
_BODY = patterns.compile(r"\bbody\b")


def check_kept(theme: Theme, page: str, shown: Iterable[Shown], *names: str) -> None:
    """Raise an error if ``page``, rendered from templates ``names`` among which are the book's own,
    lacks the id of one of ``shown``, the items it shows, or prints an article's body escaped."""
    own = theme.own_templates(*names)
    if not own:
        return
    shown = tuple(shown)
    ids = set(_ID.findall(page))
    if lost := next((item for item in shown if item.id not in ids), None):
        raise _unfilled_block(theme, names) or _lost_id(theme, lost, own)
    if escaped := _escaped_body(page, [item for item in shown if isinstance(item, Article)]):
        raise _body_escaped(escaped, own)


def _lost_id(theme: Theme, item: Shown, own: list[Path]) -> PaibanError:
    """The error for a page without ``item``'s id: at the partial that writes it, when it is the book's."""
    kind, writer = _KIND[type(item)], _WRITER[type(item)]
    file = Path(theme.describe(writer))
    blamed = [file] if file in own else own
    return PaibanError(
        f"the {kind} {quoted(item.title)} has no element with its id (id=\"{item.id}\") in the page "
        f"{_made_by(blamed)}: the contents, the bookmarks and the page numbers link to it, and the PDF "
        "cannot be laid out without it", file=blamed[0] if len(blamed) == 1 else None,
        hint=f"Keep id=\"{{{{ {kind}.id }}}}\" on the {kind}'s element, as the default theme's {writer} does, "
             f"and keep {writer} included.")


def _made_by(files: list[Path]) -> str:
    """Which templates made a page, as an error at the first of them says."""
    return "this template makes" if len(files) == 1 else f"made from {', '.join(map(str, files))}"


def _escaped_body(page: str, articles: list[Article]) -> Article | None:
    """The first of ``articles`` whose body ``page`` prints escaped (its markup as text): found by
    the start of each body, escaped, where the page has an escaped tag."""
    starts: dict[str, Article] = {}
    for article in articles:
        body = article.body.lstrip()
        if body.startswith("<"):
            starts.setdefault(str(markupsafe.escape(body[:_BODY_START])), article)
    lengths = {len(start) for start in starts}
    for found in _ESCAPED_TAG.finditer(page):
        for length in lengths:
            if article := starts.get(page[found.start():found.start() + length]):
                return article
    return None


def _body_escaped(article: Article, own: list[Path]) -> PaibanError:
    """The error for a page that prints ``article``'s body as text: at the line of the book's
    templates that writes a body without ``| safe``, when one does."""
    file, line = next(_bodies_escaped(own), (own[0] if len(own) == 1 else None, None))
    return PaibanError(
        f"the article {quoted(article.title)} ({article.source}) is printed as its markup, <p> and all: "
        f"{'this template' if file else ', '.join(map(str, own))} escapes its body", file=file, line=line,
        hint="An article's body is paiban's own markup, which templates escape unless told not to: "
             "write {{ article.body | safe }}, as the default theme's _article.html does.")


def _bodies_escaped(files: list[Path]) -> Iterator[tuple[Path, int]]:
    """(file, line) of each ``{{ … body … }}`` of ``files`` without ``safe``."""
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if any(_BODY.search(shown) and "safe" not in shown for shown in _EXPRESSION.findall(line)):
                yield file, number


def _unfilled_block(theme: Theme, names: tuple[str, ...]) -> PaibanError | None:
    """The error for a template of ``names`` that fills a block the template it extends does not
    declare, one of them the book's: Jinja leaves such a block out, and the book's text with it."""
    env = theme.env
    for name in names:
        file, tree = _parsed(env, name)
        parent = _extended(tree)
        if parent is None:
            continue
        declared = _declared(env, parent)
        for block in _outer_blocks(tree):
            if block.name in declared:
                continue
            if file in theme.own_templates(name):
                return PaibanError(
                    f"{{% block {block.name} %}} is filled here, but {parent}, which this template extends, "
                    "declares no such block: it is left out, and the book's text with it",
                    file=file, line=block.lineno,
                    hint=f"Name the block as {parent} does ({_listed(declared)}).")
            return PaibanError(
                f"{parent} declares no {{% block {block.name} %}}, which {name} fills with the book's text: "
                "every page made from it is empty", file=theme.describe(parent),
                hint=f"Keep {{% block {block.name} %}}{{% endblock %}} where the text goes, as the default "
                     f"theme's {parent} does.")
    return None


def _listed(blocks: set[str]) -> str:
    """Block names as a message lists them."""
    return ", ".join(f"{{% block {name} %}}" for name in sorted(blocks)) or "no block at all"


def _parsed(env: jinja2.Environment, name: str) -> tuple[Path, nodes.Template]:
    """The file of template ``name`` and its syntax tree."""
    source, filename, _ = env.loader.get_source(env, name)
    return Path(filename), env.parse(source, name, filename)


def _extended(tree: nodes.Template) -> str | None:
    """The template ``tree`` extends, when it names one (``{% extends "layout.html" %}``)."""
    extends = tree.find(nodes.Extends)
    template = extends.template if extends else None
    return template.value if isinstance(template, nodes.Const) else None


def _declared(env: jinja2.Environment, name: str) -> set[str]:
    """The blocks template ``name`` declares, and those of the templates it extends."""
    _, tree = _parsed(env, name)
    parent = _extended(tree)
    return {block.name for block in tree.find_all(nodes.Block)} | (_declared(env, parent) if parent else set())


def _outer_blocks(tree: nodes.Template) -> list[nodes.Block]:
    """The blocks of ``tree`` inside no other block: a child's, those its parent must declare."""
    blocks = list(tree.find_all(nodes.Block))
    inner = {id(nested) for block in blocks for nested in block.find_all(nodes.Block)}
    return [block for block in blocks if id(block) not in inner]
