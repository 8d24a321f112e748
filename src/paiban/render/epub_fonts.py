"""Optional font embedding (``embed-fonts = true`` in ``[epub]``): the edition's fonts, subset to
exactly the characters the book uses, so rare characters render on every reader.

A whole Noto CJK face is 16 MB; a book uses a few thousand characters of it. fontTools keeps
those glyphs and the OpenType features Chinese needs (``locl`` for regional forms, ``halt``
for compressed punctuation, ``vert``/``vrt2`` for vertical text).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass


from ..edition import Edition, Fonts
from ..errors import PaibanError
from ..fonts import first_file
from ..model import Book
from ..xhtml import text_of

log = logging.getLogger("paiban")

# (role, weight, fontconfig style): the faces the default theme uses.
FACES = (("serif", 400, "Regular"), ("serif", 700, "Bold"), ("sans", 700, "Bold"), ("sans", 400, "Regular"))
FEATURES = ["locl", "halt", "vhal", "vert", "vrt2", "kern", "palt", "vpal"]


@dataclass(frozen=True)
class EmbeddedFace:
    """One subset face: its CSS family and weight, its file inside the EPUB, its bytes."""

    family: str
    weight: int
    href: str
    data: bytes


def embedded_faces(book: Book, edition: Edition) -> list[EmbeddedFace]:
    """Subset each face of the edition's fonts to the characters of ``book``."""
    characters = _characters(book)
    faces = []
    for role, weight, style in FACES:
        families = getattr(edition.fonts, role)
        found = first_file(families, style)
        if found is None:
            raise PaibanError(f"cannot embed fonts: none of {', '.join(families)} ({style}) is installed",
                              hint="Install fonts-noto-cjk, or turn embed-fonts off in [epub].")
        data = _subset(*found, characters)
        faces.append(EmbeddedFace(f"paiban {role}", weight, f"fonts/{role}-{weight}.otf", data))
    log.info("embedded %d font subsets, %.0f KB", len(faces), sum(len(f.data) for f in faces) / 1024)
    return faces


def with_embedded(fonts: Fonts) -> Fonts:
    """The edition's fonts with the embedded subsets asked for first."""
    return Fonts(serif=("paiban serif", *fonts.serif), sans=("paiban sans", *fonts.sans), mono=fonts.mono)


def _characters(book: Book) -> str:
    meta = book.meta
    texts = [meta.title, meta.subtitle or "", *meta.authors, *meta.editors, *meta.translators,
             meta.publisher or "", meta.date or "", meta.rights or "", *book.labels.values(),
             "0123456789ivxlcdm.:：，。、“”‘’「」『』（）—…•"]  # and what the theme prints
    for chapter in book.chapters:
        texts += [chapter.title, chapter.label or ""]
    for article in book.articles:
        texts += [article.title, article.author or "", article.column or "", article.date or "",
                  article.origin or "", text_of(article.body)]
    return "".join(sorted(set("".join(texts))))


def _subset(path: str, index: int, characters: str) -> bytes:
    from fontTools import subset  # a tenth of a second to load: only when a book embeds fonts
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index)
    options = subset.Options()
    options.layout_features = FEATURES
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()
