"""Tables too wide for the printed page: a table whose columns cannot fit the text block even
set in the smallest type print.css allows (render/typeset.py ``tables_fitted``) runs past the
margin of the PDF, and ``paiban build`` warns of it once it has laid the book out. The check
reports the same tables, measured the same way: an estimate from their columns' least widths
(typeset.any_table_too_wide) picks the articles whose tables may not fit, and those alone are laid
out as the build lays them out (pdf.tables_outside_text_block). The estimate alone, generous
to be safe, named tables that print inside the text block."""

from __future__ import annotations

from dataclasses import asdict

from lxml import html

from ..edition import Edition
from ..model import Article, Book
from ..page import PageGeometry
from ..render.typeset import any_table_too_wide, first_row_text
from ..theme import Theme
from .passages import Locator, Passage, Place, edition_name, shown
from .report import Finding


def table_problems(book: Book, edition: Edition, page: PageGeometry, locator: Locator,
                   theme: Theme) -> list[Finding]:
    """A warning for each table of the book that its PDF (``theme``: the edition's) puts past the
    text block, at the line of its caption (else of its first row), named by its place as the
    build's warning counts it, saying why."""
    doubted = {}  # article id → the article and its tables
    for article in book.articles:
        if "<table" not in (article.body or ""):
            continue
        root = html.fragment_fromstring(article.body, create_parent="div")
        if any_table_too_wide(root, page.characters):
            doubted[article.id] = (article, list(root.iter("table")))
    if not doubted:
        return []
    from ..render.pdf import tables_outside_text_block  # WeasyPrint loads in ~0.5 s: only to lay out

    findings = []
    places = {}  # article id → where each of its tables is
    for article_id, number, name, advice in tables_outside_text_block(book, edition, theme, page, set(doubted)):
        article, tables = doubted[article_id]
        if article_id not in places:
            places[article_id] = _places(article, tables, locator)
        findings.append(Finding(
            severity="warning", check="layout",
            message=f"{name} is wider than the PDF's text block even in its smallest type: it runs into the "
                    "margin, or off the page",
            file=shown(article.source, book.root), hint=advice[0].upper() + advice[1:] + ".",
            editions=(edition_name(edition),), **asdict(places[article_id][number])))
    return findings


def _places(article: Article, tables: list, locator: Locator) -> list[Place]:
    """Where each of ``article``'s tables is in its source: by its caption, else its first row
    (:func:`_named_by`), each looked for past the table before it, so that two tables that begin
    alike are each found at its own line."""
    return locator.places_in_order(Passage(_named_by(table), "serif", article.source, 0, converted=article.convert)
                                   for table in tables)


def _named_by(table) -> str:
    """What the table's source line is found by: its caption, else the longest text of its first row."""
    caption = table.find("caption")
    if caption is not None and (text := "".join(caption.itertext()).strip()):
        return text
    return first_row_text(table) or "<table"
