"""Links that point nowhere: an internal ``#id`` no element has, and a Markdown footnote
reference ``[^x]`` with no ``[^x]:`` note. (A link to a file that is no article of the book is
unlinked when the book is assembled, with a warning that the check lists with the others.)

Readers (and EPUBCheck) only see the rendered book, where a footnote reference without its
note is left as the literal text ``[^x]``; here each is traced back to its source line.
"""

from __future__ import annotations

from lxml import html

from ..edition import Edition
from ..model import Book
from ..sources.markdown import UNDEFINED_NOTE
from ..xhtml import text_of
from .passages import Locator, edition_name, shown
from .report import Finding

def link_problems(book: Book, edition: Edition, locator: Locator) -> list[Finding]:
    """An error for each link or footnote reference of the book that has no target."""
    trees = {article: html.fragment_fromstring(article.body or "", create_parent="div") for article in book.articles}
    ids = {item.id for item in (*book.parts, *book.chapters, *book.articles)}
    ids |= {element.get("id") for tree in trees.values() for element in tree.iter() if element.get("id")}
    findings = []
    for article, tree in trees.items():
        where = {"file": shown(article.source, book.root), "editions": (edition_name(edition),)}
        for link in tree.iter("a"):
            href = link.get("href") or ""
            if href.startswith("#") and href[1:] not in ids:
                written = href[1:].removeprefix(f"{article.id}-")  # as the source has it, before assemble's prefix
                findings.append(Finding(
                    severity="error", check="links", message=f"link to #{written} points nowhere",
                    line=locator.find(article.source, f"#{written}"),
                    hint="Give the target an id (a heading's {#id} in Markdown, id=\"…\" in HTML) or fix the link.",
                    **where))
        for label in dict.fromkeys(UNDEFINED_NOTE.findall(text_of(article.body))):
            findings.append(Finding(
                severity="error", check="links", message=f"footnote reference [^{label}] has no note",
                line=locator.find(article.source, f"[^{label}]"),
                hint=f"Add the note (`[^{label}]: …` on a line of its own), or remove the reference.", **where))
    return findings
