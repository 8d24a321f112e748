"""The HTML preview: the whole book in one self-contained page, from the same templates."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from lxml import etree, html

from ..atomic import atomic_output
from ..edition import Edition
from ..model import Book, map_articles
from ..theme import Theme
from ..timings import stage
from ..xhtml import rewrite
from . import Output, book_page, stylesheets, template_context
from .css import for_style_element
from .epub_markup import contain, name_links_back, number_notes, tables_scroll
from .theme_pictures import carried_into_preview
from .typeset import for_screen_formats


def render_html(book: Book, edition: Edition, theme: Theme, target: Path) -> Output:
    """Write ``target``: one HTML file with the theme's CSS inlined and images linked from the book."""
    book = map_articles(_images_relative_to(book, target.parent), for_screen_formats)
    css = for_style_element("\n".join(text for _, text in stylesheets(theme, edition, "html")))
    page = html.document_fromstring(book_page(theme, template_context(book, edition, "html", lambda id: f"#{id}")))
    # A book's own templates may not script the preview or load from elsewhere.
    contain(page, f"the preview (made from {theme.describe('book.html')})")
    carried_into_preview(page, target.parent, theme.dirs)
    _notes_numbered_by_chapter(page)
    name_links_back(page, book.labels["back-to-text"])
    tables_scroll(page)
    etree.SubElement(page.find("head"), "style").text = css
    with stage("write html"), atomic_output(target) as temporary:
        temporary.write_bytes(html.tostring(page, doctype="<!DOCTYPE html>", encoding="utf-8"))
    return Output(target, "html")


def _notes_numbered_by_chapter(page) -> None:
    """Each chapter's notes numbered through it, calls and list alike, as the EPUB and the PDF
    number them: markdown-it numbers each article's from 1, and a proofreader comparing the
    preview with the PDF saw other numbers."""
    for chapter in page.find_class("chapter"):
        numbers = number_notes(chapter, "[{}]")
        for item in chapter.find_class("footnote-item"):
            if number := numbers.get(item.get("id")):
                item.set("value", number)


def _images_relative_to(book: Book, directory: Path) -> Book:
    """Article images are book-relative; the preview sits in the output directory."""
    prefix = Path(os.path.relpath(book.root, directory.resolve())).as_posix()

    def visit(element) -> None:
        if element.tag == "img" and element.get("src"):
            element.set("src", f"{prefix}/{element.get('src')}")

    return map_articles(
        book, lambda article: replace(article, body=rewrite(article.body, visit)) if article.images else article)
