"""The book model passed between stages: plain, frozen dataclasses (mdBook's book → chapters → items).

Readers produce :class:`Article`; ``assemble`` puts them into a :class:`Book`; ``convert``
returns a new :class:`Book`; renderers only read it. Article bodies are well-formed,
sanitised XHTML fragments, so every renderer can embed them unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class Article:
    """One article: its metadata and its body as an XHTML fragment."""

    source: Path
    title: str
    body: str
    author: str | None = None
    column: str | None = None
    subtitle: str | None = None  # 副题, printed under the title in its header, listed nowhere
    date: str | None = None
    origin: str | None = None  # where it was first published ("source" in front matter)
    id: str = ""  # anchor id, unique in the book; set by ``assemble``
    images: tuple[str, ...] = ()  # book-relative paths of the images the body uses
    convert: bool = True  # False: the whole article stays in its script in every edition
    # Its language: its chapter's in book.toml (language = "ja"), or set by an edition it is not converted into.
    lang: str | None = None
    titled: bool = True  # False: its chapter's title is its own (set by ``assemble``), printed and listed once
    title_markup: str | None = None  # the title as XHTML when part of it is no-convert (see :mod:`paiban.titles`)
    running_title: str | None = None  # its running heads' title ("running-title" in front matter), if not its title
    title_id: str | None = None  # the id its title heading was given (# 标题 {#id}): links to it lead to its start

    @property
    def byline(self) -> bool:
        """Whether its header has a byline: its author, its date or where it was first published."""
        return bool(self.author or self.date or self.origin)

    @property
    def has_header(self) -> bool:
        """Whether anything stands above its text: its column (the kicker), title, subtitle or byline."""
        return self.titled or bool(self.column or self.subtitle) or self.byline

    def header_texts(self) -> list[str]:
        """The texts its header prints as they are, besides its title (printed from its markup, with its
        readings) and its date (printed as a Chinese date): what the glyph check reads of it."""
        return [text for text in (self.column, self.subtitle, self.author, self.origin) if text]


@dataclass(frozen=True)
class Chapter:
    """A chapter. ``label`` is its number as the reader sees it (第一章), when the book numbers them."""

    title: str
    articles: tuple[Article, ...]
    id: str = ""
    label: str | None = None
    title_markup: str | None = None  # its article's, when it holds one of its own title (see ``Article``)
    numbered: bool = True  # counted and labelled when the book numbers its chapters (not an appendix …)
    running_title: str | None = None  # its running heads' title (book.toml's "running-title"), if not its title


@dataclass(frozen=True)
class Part:
    """A part of the book. ``title`` is ``None`` for the single implicit part of a book without parts."""

    title: str | None
    chapters: tuple[Chapter, ...]
    id: str = ""


@dataclass(frozen=True)
class Accessibility:
    """What book.toml's ``[accessibility]`` declares of the EPUB, in place of paiban's own."""

    conforms_to: str | None = None  # dcterms:conformsTo
    certified_by: str | None = None  # a11y:certifiedBy
    summary: str | None = None  # schema:accessibilitySummary
    hazards: tuple[str, ...] = ()  # schema:accessibilityHazard


def one_line(text: str) -> str:
    """A title as metadata carries it (the OPF, the NCX, the PDF's Title, a document's title): on one
    line, its lines joined by a space. A title may break its line on the title page and the drawn
    cover (title = "上卷\\n下卷"); a reader's library, a store's listing and a window's title bar
    show one line, and a line break there is written raw or lost."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


@dataclass(frozen=True)
class Metadata:
    """What the title page, the OPF and the PDF info dictionary say about the book."""

    title: str
    language: str
    identifier: str
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    publisher: str | None = None
    date: str | None = None
    description: str | None = None
    rights: str | None = None
    cover: str | None = None  # book-relative path of the cover image
    edition: str | None = None  # 版次, as the copyright page prints it
    cip: str | None = None  # the CIP data block, printed as given
    translators: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    series: str | None = None
    series_index: float | None = None
    accessibility: Accessibility = Accessibility()
    # The phrases of the title, subtitle and names book.toml tags with a language, each with its
    # tag (``[Zoë’s Garden]{lang=en}``): printed in that language's face, and said to be in it.
    phrases: tuple[tuple[str, str], ...] = ()

    def runs(self, text: str) -> list[tuple[str, str | None]]:
        """``text`` (the title, the subtitle, a name) cut into runs, each with the language its
        phrase is tagged with, ``None`` where it is untagged: the title page sets a run in its
        language's face (an English one in the Latin face, not the CJK font's full-width ’ — …)."""
        runs, rest = [], text
        while rest:
            found = [(start, -len(phrase), phrase, lang) for phrase, lang in self.phrases
                     if (start := rest.find(phrase)) >= 0]
            if not found:
                runs.append((rest, None))
                break
            start, _, phrase, lang = min(found)  # the first, the longest of those that start there
            runs += [(rest[:start], None)] * bool(start) + [(phrase, lang)]
            rest = rest[start + len(phrase):]
        return runs

    def language_of(self, text: str) -> str | None:
        """The language ``text`` is tagged with whole (a subtitle ``[…]{lang=en}``), else ``None``:
        the OPF tags a title or a name whole or not at all."""
        return dict(self.phrases).get(text)

    @property
    def creators(self) -> tuple[str, ...]:
        """Whom a reader's library lists the book under: its authors, else (an anthology) its editors,
        as the EPUB's ``dc:creator`` and the PDF's Author."""
        return self.authors or self.editors


@dataclass(frozen=True)
class Book:
    """A whole book, ready to render. ``root`` is the book directory (the only place files come from)."""

    meta: Metadata
    parts: tuple[Part, ...]
    root: Path
    slug: str
    has_parts: bool = False
    labels: dict[str, str] = field(default_factory=dict)  # generated text: 目录, 作者 …
    preface: Article | None = None  # front matter, before the contents
    contents_authors: bool = True  # an article's contents entry names its author when not the book's ([contents])

    @property
    def chapters(self) -> tuple[Chapter, ...]:
        return tuple(chapter for part in self.parts for chapter in part.chapters)

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article of the book, the preface first."""
        body = tuple(article for chapter in self.chapters for article in chapter.articles)
        return (self.preface, *body) if self.preface else body


def map_articles(book: Book, change: Callable[[Article], Article]) -> Book:
    """A copy of ``book`` with ``change`` applied to every article (preface too); the structure stays."""
    return replace(
        book,
        preface=change(book.preface) if book.preface else None,
        parts=tuple(
            replace(part, chapters=tuple(
                replace(chapter, articles=tuple(change(article) for article in chapter.articles))
                for chapter in part.chapters))
            for part in book.parts),
    )
