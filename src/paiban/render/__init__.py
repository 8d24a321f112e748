"""Stage 5: renderers turn a :class:`~paiban.model.Book` into an output file, one per format.

All of them render the same Jinja templates of the theme; a format only adds its own sheet
(``epub.css``, ``print.css``, ``html.css``) to the shared ``base.css`` and the edition's
``fonts.css``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..edition import LANGUAGES, Edition, fonts_for
from ..model import Book
from ..page import PageGeometry
from ..theme import Theme


@dataclass(frozen=True)
class Output:
    """A file a renderer wrote, and what the build summary says of it."""

    path: Path
    format: str
    pages: int | None = None
    edition: str | None = None  # the edition's name, or its language tag


def template_context(book: Book, edition: Edition, fmt: str, href: Callable[[str], str],
                     **extra: object) -> dict:
    """What every template gets: the book, its edition (and fonts), the format and how to link an id."""
    return {
        "book": book,
        "edition": edition,
        "fonts": edition.fonts,
        "format": fmt,
        "href": href,
        "title": book.meta.title,
        "stylesheets": (),
        "inline_css": "",
        # The first part or chapter: where the body's page numbering starts (print.css).
        "first_body": book.parts[0].id if book.parts[0].title else book.chapters[0].id,
        **extra,
    }


# The sheet each format adds to the shared ones.
FORMAT_SHEET = {"epub": "epub.css", "pdf": "print.css", "html": "html.css"}


def stylesheets(theme: Theme, edition: Edition, fmt: str, page: PageGeometry | None = None) -> list[tuple[str, str]]:
    """(file name, CSS text) of the sheets for ``fmt``, in cascade order; print adds the ``page``."""
    sheets = [
        ("fonts.css", theme.render("fonts.css", fonts=edition.fonts, others={
            language: fonts_for(language) for language in LANGUAGES if language != edition.language})),
        ("base.css", theme.css("base.css")),
        (FORMAT_SHEET[fmt], theme.css(FORMAT_SHEET[fmt])),
    ]
    if page is not None:
        sheets.append(("page.css", theme.render("page.css", page=page)))
    return sheets
