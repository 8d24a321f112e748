"""The print PDF, laid out by WeasyPrint from the same templates, with the print sheet."""

from __future__ import annotations

import contextlib
import ctypes.util
import functools
import logging
import re
from collections.abc import Iterator
from pathlib import Path

from weasyprint import CSS, HTML

from .. import cores
from ..atomic import atomic_output
from ..cache import NO_SHELF, Shelf
from ..edition import Edition
from ..model import Book, map_articles
from ..page import PageGeometry
from ..theme import Theme
from ..timings import stage
from . import Output, stylesheets, template_context
from . import justify, pieces  # noqa: F401  (justify: installed by importing it)
from .fetcher import ContainedFetcher
from .pagemap import page_starts
from .typeset import (footnotes_in_place, for_every_format, keep_last_characters, quotes_breakable,
                      short_cells_kept, short_code_kept, units_kept)

log = logging.getLogger("paiban")


def render_pdf(book: Book, edition: Edition, theme: Theme, target: Path, page: PageGeometry,
               piece_characters: int = pieces.PIECE_CHARACTERS, progress=None, shelf: Shelf = NO_SHELF) -> Output:
    """Lay the book out and write ``target``. WeasyPrint's warnings are passed on as paiban's.

    A book of several pieces' worth of text is laid out in pieces on every core (see pieces);
    press and archival variants, bleed and marks, and cross-chapter links take the single pass.
    ``shelf`` keeps laid-out pieces for the next build: one that changed one article lays out
    only the piece holding it (its chapters, when cores would idle), and makes only the margins
    of those whose first page moved.
    """
    check_harfbuzz_subset()
    book = map_articles(book, lambda article: for_every_format(keep_last_characters(units_kept(
        quotes_breakable(short_cells_kept(short_code_kept(footnotes_in_place(article))))))))
    if edition.vertical:
        log.warning("the PDF of %s is set horizontally: WeasyPrint has no vertical writing mode "
                    "(the EPUB is vertical)", edition.name or edition.language)
    sheets = tuple((text, _base_url(theme, name))
                   for name, text in stylesheets(theme, edition, "pdf", page, running_title=book.meta.title))

    def job(**context) -> pieces.Job:
        markup = theme.render("book.html", **template_context(book, edition, "pdf", lambda id: f"#{id}",
                                                              **context))
        return pieces.Job(markup=markup, sheets=sheets, base_url=book.root.as_uri() + "/",
                          roots=tuple(str(root) for root in [book.root, *theme.dirs]),
                          containers=frozenset(containers(book)))

    runs = pieces.plan(book, piece_characters, shelf)
    links = _links_across(book)
    if len(runs) > 1 and _pieces_allowed(page, runs, links):
        arranged = pieces.arranged(
            runs, lambda sections: job(front=False, sections=set(sections), first_body=sections[0]), shelf,
            cores.workers(len(runs)), split=not links)
        if progress is not None:  # a step for each piece laid out
            progress.plan(len(arranged))
        with atomic_output(target) as temporary:
            count, starts = pieces.render(
                arranged, lambda page_of: job(sections=set(), page_of=page_of), lay_out, temporary,
                title=book.meta.title, author=", ".join(book.meta.authors), language=book.meta.language,
                on_piece=(lambda number: progress.step(f"laid out PDF {number}/{len(arranged)}")) if progress else None,
                shelf=shelf)
        return Output(target, "pdf", pages=count, page_starts=tuple(starts))
    whole = job()
    html, document = lay_out(whole, log.warning)
    with stage("write pdf"), atomic_output(target) as temporary, _weasyprint_warnings(log.warning):
        document.write_pdf(temporary, pdf_variant=page.variant, pdf_tags=True)  # drawing the pages, mostly
    starts = page_starts(html.etree_element, document.pages, whole.containers)
    return Output(target, "pdf", pages=len(document.pages), page_starts=tuple(starts))


def lay_out(job: pieces.Job, sink) -> tuple[HTML, object]:
    """Lay out one document; WeasyPrint's warnings go to ``sink``. (Module-level: workers call it.)"""
    fetcher = ContainedFetcher([Path(root) for root in job.roots])
    with _weasyprint_warnings(sink):
        html = HTML(string=job.markup, base_url=job.base_url, url_fetcher=fetcher)
        document = html.render(stylesheets=[CSS(string=text, base_url=base, url_fetcher=fetcher)
                                            for text, base in job.sheets])
    return html, document


def _pieces_allowed(page: PageGeometry, runs: list[list[list[str]]], links: set[tuple[str, str]]) -> bool:
    """Pieces join as plain PDF: no variant or tagging to keep, no press geometry, no links across."""
    if page.variant or page.bleed or page.marks:
        return False
    run_of = {section: number for number, run in enumerate(runs) for unit in run for section in unit}
    return all(run_of[source] == run_of[target] for source, target in links)


def _links_across(book: Book) -> set[tuple[str, str]]:
    """(chapter, chapter) for each link from an article into another chapter."""
    chapter_of = {owner: chapter.id for chapter in book.chapters
                  for owner in [chapter.id, *(article.id for article in chapter.articles)]}
    pairs = {(chapter.id, chapter_of.get(target.split("-")[0], chapter.id))
             for chapter in book.chapters for article in chapter.articles
             for target in re.findall(r'href="#([^"]+)"', article.body)}
    return {(source, target) for source, target in pairs if source != target}


def containers(book: Book) -> set[str]:
    """The ids of the sections both formats render from the same partial (see pagemap)."""
    ids = {"titlepage", "copyright", "toc"} | ({"preface"} if book.preface else set())
    return ids | {part.id for part in book.parts if part.title} | {chapter.id for chapter in book.chapters}


def _base_url(theme: Theme, name: str) -> str:
    """Relative URLs in a stylesheet resolve against the directory it came from."""
    return theme.stylesheet(name).parent.resolve().as_uri() + "/"


@contextlib.contextmanager
def _weasyprint_warnings(sink) -> Iterator[None]:
    """Route WeasyPrint's log warnings to ``sink`` (paiban's logger, or a worker's list)."""
    source = logging.getLogger("weasyprint")

    class Forward(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            sink(f"WeasyPrint: {record.getMessage()}")

    handler = Forward(level=logging.WARNING)
    propagate = source.propagate
    source.addHandler(handler)
    source.propagate = False
    try:
        yield
    finally:
        source.removeHandler(handler)
        source.propagate = propagate


@functools.cache
def check_harfbuzz_subset() -> bool:
    """Warn (once) when HarfBuzz's subsetter is missing: fontTools makes CJK PDFs ~100× slower to write."""
    if ctypes.util.find_library("harfbuzz-subset"):
        return True
    log.warning("libharfbuzz-subset is not installed: writing a PDF with CJK fonts will be very slow. "
                "Install it with `apt-get install libharfbuzz-subset0` (Debian/Ubuntu).")
    return False
