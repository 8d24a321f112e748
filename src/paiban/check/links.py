"""Footnote references that point nowhere: a Markdown ``[^x]`` with no ``[^x]:`` note. (A link
to an id no part of the book has, or to a file that is no article of it, is unlinked when the
book is assembled, with a warning that the check lists with the others.)

Readers (and EPUBCheck) only see the rendered book, where a footnote reference without its
note is left as the literal text ``[^x]``; here each is traced back to its source line.
"""

from __future__ import annotations

from ..edition import Edition
from ..model import Book
from ..sources.markdown import UNDEFINED_NOTE
from ..xhtml import text_of
from .passages import Locator, edition_name, shown
from .report import Finding


def link_problems(book: Book, edition: Edition, locator: Locator) -> list[Finding]:
    """An error for each footnote reference of the book that has no note."""
    findings = []
    for article in book.articles:
        where = {"file": shown(article.source, book.root), "editions": (edition_name(edition),)}
        for label in dict.fromkeys(UNDEFINED_NOTE.findall(text_of(article.body))):
            findings.append(Finding(
                severity="error", check="links", message=f"footnote reference [^{label}] has no note",
                line=locator.find(article.source, f"[^{label}]"),
                hint=f"Add the note (`[^{label}]: …` on a line of its own), or remove the reference.", **where))
    return findings
