"""Tables too wide for the printed page: a table whose columns cannot fit the text block even
set in the smallest type print.css allows (render/typeset.py ``tables_fitted``) runs past the
margin of the PDF, and ``paiban build`` warns of it once it has laid the book out. The check
lays nothing out: it finds the same tables from their columns' least widths."""

from __future__ import annotations

from lxml import html

from ..edition import Edition
from ..model import Book
from ..page import PageGeometry
from ..render.typeset import TABLE_TOO_WIDE, tables_too_wide
from .passages import Locator, edition_name, shown
from .report import Finding


def table_problems(book: Book, edition: Edition, page: PageGeometry, locator: Locator) -> list[Finding]:
    """A warning for each table of the book that cannot fit the PDF's text block, saying why."""
    findings = []
    for article in book.articles:
        if "<table" not in (article.body or ""):
            continue
        root = html.fragment_fromstring(article.body, create_parent="div")
        for table, cause in tables_too_wide(root, page.characters):
            findings.append(Finding(
                severity="warning", check="layout",
                message="a table is wider than the PDF's text block even in its smallest type: it runs "
                        "into the margin, or off the page",
                file=shown(article.source, book.root), line=locator.find(article.source, _first_cell(table)),
                hint=TABLE_TOO_WIDE[cause][0].upper() + TABLE_TOO_WIDE[cause][1:] + ".",
                editions=(edition_name(edition),)))
    return findings


def _first_cell(table) -> str:
    """The longest text of the table's first row: what its source line is found by."""
    row = next(table.iter("tr"), None)
    cells = ["".join(cell.itertext()).strip() for cell in (row if row is not None else ())]
    return max(cells, key=len, default="") or "<table"
