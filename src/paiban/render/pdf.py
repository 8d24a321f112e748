"""The print PDF, laid out by WeasyPrint from the same templates, with the print sheet."""

from __future__ import annotations

import contextlib
import ctypes.util
import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from lxml.builder import E
from weasyprint import CSS, HTML

from ..atomic import atomic_output
from ..model import Article, Book, map_articles
from ..xhtml import split_text
from ..theme import Theme
from . import Output, stylesheets, template_context
from .fetcher import ContainedFetcher

log = logging.getLogger("paiban")


def render_pdf(book: Book, theme: Theme, target: Path) -> Output:
    """Lay the book out and write ``target``. WeasyPrint's warnings are passed on as paiban's."""
    check_harfbuzz_subset()
    book = map_articles(book, _fixed_gaps)
    fetcher = ContainedFetcher([book.root, *theme.dirs])
    page = theme.render("book.html", **template_context(book, "pdf", lambda id: f"#{id}"))
    sheets = [
        CSS(string=text, base_url=_base_url(theme, name), url_fetcher=fetcher)
        for name, text in stylesheets(theme, book, "pdf")
    ]
    with _weasyprint_warnings():
        document = HTML(string=page, base_url=book.root.as_uri() + "/", url_fetcher=fetcher).render(
            stylesheets=sheets
        )
        with atomic_output(target) as temporary:
            document.write_pdf(temporary)
    return Output(target, "pdf", pages=len(document.pages))


# A space between Chinese and Latin text or digits.
_CJK_LATIN_SPACE = re.compile(
    r"(?<=[\u3400-\u9fff\uf900-\ufaff]) +(?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) +(?=[\u3400-\u9fff\uf900-\ufaff])"
)


def _fixed_gaps(article: Article) -> Article:
    """Make the spaces between Chinese and Latin text fixed quarter-em gaps (``span.gap`` in print.css).

    WeasyPrint justifies a line only by widening its spaces. In Chinese text those few spaces
    around a Latin word would take all the slack and open into holes several characters wide;
    as fixed gaps they stay even, and the Chinese characters carry the line.
    """
    if not _CJK_LATIN_SPACE.search(article.body):
        return article
    return replace(article, body=split_text(article.body, _CJK_LATIN_SPACE,
                                            lambda _: E.span({"class": "gap"})))


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
