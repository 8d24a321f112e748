"""The print PDF, laid out by WeasyPrint from the same templates, with the print sheet."""

from __future__ import annotations

import contextlib
import ctypes.util
import functools
import logging
from collections.abc import Iterator
from pathlib import Path

from weasyprint import CSS, HTML

from ..atomic import atomic_output
from ..edition import Edition
from ..fonts import check_installed
from ..model import Book, map_articles
from ..page import PageGeometry
from ..theme import Theme
from . import Output, stylesheets, template_context
from .fetcher import ContainedFetcher
from .pagemap import page_starts
from .typeset import compress_punctuation, fixed_gaps, footnotes_in_place

log = logging.getLogger("paiban")


def render_pdf(book: Book, edition: Edition, theme: Theme, target: Path, page: PageGeometry) -> Output:
    """Lay the book out and write ``target``. WeasyPrint's warnings are passed on as paiban's."""
    check_harfbuzz_subset()
    check_installed(edition.fonts)
    book = map_articles(book, lambda article: compress_punctuation(fixed_gaps(footnotes_in_place(article))))
    fetcher = ContainedFetcher([book.root, *theme.dirs])
    markup = theme.render("book.html", **template_context(book, edition, "pdf", lambda id: f"#{id}"))
    sheets = [
        CSS(string=text, base_url=_base_url(theme, name), url_fetcher=fetcher)
        for name, text in stylesheets(theme, edition, "pdf", page)
    ]
    if edition.vertical:
        log.warning("the PDF of %s is set horizontally: WeasyPrint has no vertical writing mode "
                    "(the EPUB is vertical)", edition.name or edition.language)
    with _weasyprint_warnings():
        html = HTML(string=markup, base_url=book.root.as_uri() + "/", url_fetcher=fetcher)
        document = html.render(stylesheets=sheets)
        with atomic_output(target) as temporary:
            document.write_pdf(temporary, pdf_variant=page.variant, pdf_tags=True)
    starts = page_starts(html.etree_element, document.pages, containers(book))
    return Output(target, "pdf", pages=len(document.pages), page_starts=tuple(starts))


def containers(book: Book) -> set[str]:
    """The ids of the sections both formats render from the same partial (see pagemap)."""
    ids = {"titlepage", "copyright", "toc"} | ({"preface"} if book.preface else set())
    return ids | {part.id for part in book.parts if part.title} | {chapter.id for chapter in book.chapters}


def _base_url(theme: Theme, name: str) -> str:
    """Relative URLs in a stylesheet resolve against the directory it came from."""
    return theme.stylesheet(name).parent.resolve().as_uri() + "/"


@contextlib.contextmanager
def _weasyprint_warnings() -> Iterator[None]:
    """Route WeasyPrint's log warnings to paiban's logger, so the CLI shows them like its own."""
    source = logging.getLogger("weasyprint")

    class Forward(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            log.warning("WeasyPrint: %s", record.getMessage())

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
