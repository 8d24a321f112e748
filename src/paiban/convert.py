"""Stage 4: make an edition of a book in another script with OpenCC.

Everything the reader sees is converted (article text, titles, running heads, metadata,
generated labels such as 目录); markup, URLs, code, identifiers and file names never are.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import opencc

from .edition import Edition
from .model import Article, Book, Chapter, Part
from .punctuation import outside_urls
from .xhtml import map_text


@lru_cache(maxsize=None)
def converter(config: str) -> opencc.OpenCC:
    """One OpenCC instance per config (loading its dictionaries is the costly part)."""
    return opencc.OpenCC(config)


def convert_book(book: Book, edition: Edition) -> Book:
    """Return ``book`` as ``edition``: converted text and the edition's language tag."""
    if edition.convert is None:
        return book
    opencc_convert = converter(edition.convert).convert

    def text(value: str) -> str:
        return outside_urls(value, opencc_convert)

    def maybe(value: str | None) -> str | None:
        return text(value) if value else value

    def article(item: Article) -> Article:
        return replace(
            item,
            title=text(item.title),
            body=map_text(item.body, text, attributes=("alt", "title")),
            author=maybe(item.author),
            column=maybe(item.column),
            origin=maybe(item.origin),
        )

    def chapter(item: Chapter) -> Chapter:
        return replace(item, title=text(item.title), articles=tuple(map(article, item.articles)))

    def part(item: Part) -> Part:
        return replace(item, title=maybe(item.title), chapters=tuple(map(chapter, item.chapters)))

    meta = book.meta
    return replace(
        book,
        meta=replace(
            meta,
            title=text(meta.title),
            subtitle=maybe(meta.subtitle),
            language=edition.language,
            authors=tuple(map(text, meta.authors)),
            editors=tuple(map(text, meta.editors)),
            publisher=maybe(meta.publisher),
            description=maybe(meta.description),
            rights=maybe(meta.rights),
        ),
        parts=tuple(map(part, book.parts)),
        labels={key: text(value) for key, value in book.labels.items()},
    )
