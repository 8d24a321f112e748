"""An article's sections in the contents (book.toml's ``[contents] sections``).

A textbook's contents go below its articles (1.1) to their sections (1.1.1, 1.1.1.1): the body's
first one or two heading levels (``##``, ``###`` under an article's ``#`` title). :func:`mark_sections`
marks the headings to list as the book is assembled, once, and gives each an id if it has none;
every format then lists what is marked (:func:`sections_of`): the contents page, the EPUB nav and
NCX, the PDF bookmarks (print.css gives a marked heading a bookmark level). Being marked in the
body, a heading is listed in every edition with its converted text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from lxml import etree

from . import patterns
from .model import Article
from .sources.body import FIRST_BODY_LEVEL
from .xhtml import edit

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


@dataclass(frozen=True)
class Section:
    """A listed heading: its id, its plain title, its language when it has its own, and the
    sections under it."""

    id: str
    title: str
    lang: str | None = None
    sections: tuple[Section, ...] = ()


def mark_sections(article: Article, depth: int) -> Article:
    """``article`` with its headings of the body's first ``depth`` levels marked :data:`LISTED`, each
    given an id when it has none: ``<article id>-s<n>``, n counting its listed headings (a later
    one's id is the same whatever is edited after it), any id the article has already skipped."""
    if depth < 1 or "<h" not in article.body:
        return article
    first = FIRST_BODY_LEVEL if article.titled else FIRST_BODY_LEVEL - 1  # printed under its chapter's title: raised
    levels = {f"h{level}" for level in range(first, first + depth)}

    def mark(root: etree._Element) -> None:
        taken = set(root.xpath("//@id"))
        for number, heading in enumerate(_outline_headings(root, levels), 1):
            heading.set("class", " ".join([*(heading.get("class") or "").split(), LISTED]))
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
    """The sections the contents list under ``article``: its :data:`LISTED` headings, nested by level."""
    return _sections(article.body) if LISTED in article.body else ()


@functools.lru_cache(maxsize=4096)
def _sections(body: str) -> tuple[Section, ...]:
    """(Cached: the contents page and the EPUB nav both list each article.)"""
    found: list[tuple[int, Section]] = []
    edit(body, lambda root: found.extend(
        (int(heading.tag[1]), Section(heading.get("id"), _title(heading), _lang(heading)))
        for heading in root.iter(*_HEADINGS) if LISTED in (heading.get("class") or "").split()))
    return _nested(found)


def bookmarked(article: Article) -> Article:
    """``article`` with each listed heading that holds a note labelled ``data-bookmark`` with its
    contents title (print.css makes it the bookmark's label): WeasyPrint's own label is all the
    heading's text, the note's call with it (赋值1)."""
    if LISTED not in article.body or "footnote" not in article.body:
        return article

    def label(root: etree._Element) -> None:
        for heading in root.iter(*_HEADINGS):
            if LISTED in (heading.get("class") or "").split() and _title(heading) != "".join(heading.itertext()):
                heading.set("data-bookmark", _title(heading))

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


def _title(heading: etree._Element) -> str:
    """A heading's text as the contents list it: its notes and their calls left out, on one line."""
    def shown(element: etree._Element) -> str:
        if _NOTES & set((element.get("class") or "").split()):
            return ""
        return (element.text or "") + "".join((shown(child) if isinstance(child.tag, str) else "")
                                              + (child.tail or "") for child in element)
    return _SPACES.sub(" ", shown(heading)).strip(" ")


def _lang(heading: etree._Element) -> str | None:
    """The language the heading itself is tagged with (``## On Walks {lang=en}``), if any."""
    return heading.get("lang") or heading.get("{http://www.w3.org/XML/1998/namespace}lang")
