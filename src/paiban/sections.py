"""An article's sections in the contents (book.toml's ``[contents] sections``).

A textbook's contents go below its articles (1.1) to their sections (1.1.1, 1.1.1.1): the body's
first one or two heading levels (``##``, ``###`` under an article's ``#`` title). :func:`mark_sections`
marks the headings to list as the book is assembled, once, and gives each an id if it has none;
every format then lists what is marked (:func:`sections_of`): the contents page, the EPUB nav and
NCX, the PDF bookmarks (print.css gives a marked heading a bookmark level). Being marked in the
body, a heading is listed in every edition with its converted text.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from copy import deepcopy
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from . import patterns
from .model import Article
from .sources.body import FIRST_BODY_LEVEL
from .titles import kept_markup, outline_title, plain
from .xhtml import add_class, drop, edit, remove_class

# The class of a heading the contents list (print.css gives it its bookmark level).
LISTED = "listed-section"
# The headings a body may list: from h2, those of an article printed under its chapter's title
# (their level raised: :func:`~paiban.sources.body.raised`).
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
# A heading in one of these belongs to it (a quotation's, a note's, a table cell's), not to the
# article's outline.
_ASIDE = frozenset({"blockquote", "li", "td", "th", "table", "figure", "aside", "details", "dl", "nav"})
# A footnote and its calls, in the shapes the sources and the PDF give them: no part of a title listed.
_NOTES = frozenset({"footnote-ref", "footnote", "footnote-again", "endnote-call", "footnotes"})

# A heading's line breaks and runs of spaces (not the ideographic space of 1.1　变量: it is the title's).
_SPACES = patterns.compile(r"[ \t\r\n]+")
# How many bodies' sections are remembered (by digest: the bodies themselves are not kept alive).
_REMEMBERED = 4096
_FOUND: OrderedDict[tuple[bytes, Path], tuple[Section, ...]] = OrderedDict()


@dataclass(frozen=True)
class Section:
    """A listed heading: its id, its plain title, its language when it has its own, its title's
    markup when it keeps any (a superscript, a no-convert or language span: see
    :mod:`paiban.titles`; listed as an article's title is), and the sections under it."""

    id: str
    title: str
    lang: str | None = None
    title_markup: str | None = None
    sections: tuple[Section, ...] = ()


def mark_sections(article: Article, depth: int) -> Article:
    """``article`` with its headings of the body's first ``depth`` levels marked :data:`LISTED`, each
    given an id when it has none: ``<article id>-s<n>``, n counting its listed headings (a later
    one's id is the same whatever is edited after it), any id the article has already skipped.
    A heading with no text to list (a picture without alt text alone) is not listed; nor is one
    the author gave the class ``listed-section`` (it is taken off): only paiban marks them."""
    if (depth < 1 or "<h" not in article.body) and LISTED not in article.body:
        return article
    first = FIRST_BODY_LEVEL if article.titled else FIRST_BODY_LEVEL - 1  # printed under its chapter's title: raised
    levels = {f"h{level}" for level in range(first, first + depth)}

    def mark(root: etree._Element) -> None:
        for element in root.xpath(f"//*[contains(@class, '{LISTED}')]"):
            remove_class(element, LISTED)
        taken = set(root.xpath("//@id"))
        headings = [heading for heading in _outline_headings(root, levels) if _text(_shown(heading))] \
            if depth >= 1 else []
        for number, heading in enumerate(headings, 1):
            add_class(heading, LISTED)
            if not heading.get("id"):
                heading.set("id", _free_id(f"{article.id}-s{number}", taken))

    return replace(article, body=edit(article.body, mark))


def _outline_headings(root: etree._Element, levels: set[str]) -> list[etree._Element]:
    """The headings at ``levels`` in the body's own outline, in order (none in a quotation, list or table)."""
    return [heading for heading in root.iter(*levels)
            if not any(ancestor.tag in _ASIDE for ancestor in heading.iterancestors())]


def _free_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``-3`` … if the article has that id already; taken from now on."""
    found, number = wanted, 1
    while found in taken:
        number += 1
        found = f"{wanted}-{number}"
    taken.add(found)
    return found


def sections_of(article: Article) -> tuple[Section, ...]:
    """The sections the contents list under ``article``: its :data:`LISTED` headings, nested by level.

    Remembered by the body's digest (the contents page and the EPUB nav both list each article),
    for the last :data:`_REMEMBERED` bodies: a long ``paiban serve`` keeps no body alive by it."""
    if LISTED not in article.body:
        return ()
    key = (hashlib.blake2b(article.body.encode("utf-8"), digest_size=16).digest(), article.source)
    if (found := _FOUND.get(key)) is None:
        found = _FOUND[key] = _sections(article.body, article.source)
        if len(_FOUND) > _REMEMBERED:
            _FOUND.popitem(last=False)
    return found


def _sections(body: str, source: Path) -> tuple[Section, ...]:
    found: list[tuple[int, Section]] = []
    edit(body, lambda root: found.extend((int(heading.tag[1]), _section(heading, source))
                                         for heading in _listed_headings(root)))
    return _nested(found)


def _listed_headings(root: etree._Element) -> list[etree._Element]:
    return [heading for heading in root.iter(*_HEADINGS) if LISTED in (heading.get("class") or "").split()]


def _section(heading: etree._Element, source: Path) -> Section:
    """A listed heading as the contents list it: its title's kept markup (``节<sup>2</sup>``,
    a language span) read as a chapter's title is (:func:`~paiban.titles.kept_markup`)."""
    shown = _shown(heading)
    markup = kept_markup(etree.tostring(shown, encoding="unicode", with_tail=False), source)
    return Section(heading.get("id"), plain(markup) if markup else _text(shown), _lang(heading), markup)


def bookmarked(article: Article) -> Article:
    """``article`` with each listed heading whose text is not its contents title labelled
    ``data-bookmark`` with that title (print.css makes it the bookmark's label): WeasyPrint's own
    label is all the heading's text, a note's call with it (赋值1), a superscript run in (节2),
    and a picture's alt text without it."""
    if LISTED not in article.body:
        return article

    def label(root: etree._Element) -> None:
        for heading in _listed_headings(root):
            if (title := outline_title(_section(heading, article.source))) != "".join(heading.itertext()):
                heading.set("data-bookmark", title)

    return replace(article, body=edit(article.body, label))


def _nested(found: list[tuple[int, Section]]) -> tuple[Section, ...]:
    """The sections as a tree: each under the nearest one before it of a higher level."""
    top: list = []
    still_open: list[tuple[int, list]] = [(0, top)]  # each level still open, and the list its sections go in
    for level, section in found:
        while still_open[-1][0] >= level:
            still_open.pop()
        under: list = []
        still_open[-1][1].append((section, under))
        still_open.append((level, under))

    def frozen(items: list) -> tuple[Section, ...]:
        return tuple(replace(section, sections=frozen(under)) for section, under in items)

    return frozen(top)


def _shown(heading: etree._Element) -> etree._Element:
    """A copy of what a heading shows the contents, as a bare ``span``: its notes and their calls
    left out, a picture as its alt text (a heading of a picture alone is titled by it)."""
    shown = deepcopy(heading)
    shown.attrib.clear()
    shown.tag, shown.tail = "span", None
    for element in list(shown.iter()):
        if not isinstance(element.tag, str) or _NOTES & set((element.get("class") or "").split()):
            drop(element)
        elif element.tag == "img":
            element.tail = (element.get("alt") or "") + (element.tail or "")
            drop(element)
    return shown


def _text(shown: etree._Element) -> str:
    """The text of a heading's :func:`_shown` copy, on one line."""
    return _SPACES.sub(" ", "".join(shown.itertext())).strip(" ")


def _lang(heading: etree._Element) -> str | None:
    """The language the heading itself is tagged with (``## On Walks {lang=en}``), if any."""
    return heading.get("lang") or heading.get("{http://www.w3.org/XML/1998/namespace}lang")
