"""Optional font embedding (``embed-fonts = true`` in ``[epub]``): the edition's fonts, subset to
exactly the characters the book prints, so rare characters render on every reader.

A whole Noto CJK face is 16 MB; a book uses a few thousand characters of it. fontTools keeps
those glyphs and the OpenType features Chinese needs (``locl`` for regional forms, ``halt``
for compressed punctuation, ``vert``/``vrt2`` for vertical text). The characters are read from
the finished content documents, so whatever a template prints (a part's title, the CIP block,
a date as 2024年5月6日, a book's own template) is in the subsets.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from ..edition import Edition, Fonts
from ..errors import PaibanError
from ..fonts import first_file

log = logging.getLogger("paiban")

# (role, weight, fontconfig style): the faces the default theme uses.
FACES = (("serif", 400, "Regular"), ("serif", 700, "Bold"), ("sans", 700, "Bold"), ("sans", 400, "Regular"))
FEATURES = ["locl", "halt", "vhal", "vert", "vrt2", "kern", "palt", "vpal"]
# What a reading system draws besides the documents' text: the numbers of an ordered list.
DRAWN = "0123456789."


@dataclass(frozen=True)
class EmbeddedFace:
    """One face to embed: its CSS family and weight, its file inside the EPUB, and the font file
    (path, index in a collection) it is cut from."""

    family: str
    weight: int
    href: str
    source: tuple[str, int]


def embedded_faces(edition: Edition) -> list[EmbeddedFace]:
    """The faces of the edition's fonts to embed; an error when one is not installed.

    Found before anything is rendered (the stylesheets name them); cut by :func:`subsets` after.
    """
    faces = []
    for role, weight, style in FACES:
        families = getattr(edition.fonts, role)
        found = first_file(families, style)
        if found is None:
            raise PaibanError(f"cannot embed fonts: none of {', '.join(families)} ({style}) is installed",
                              hint="Install fonts-noto-cjk, or turn embed-fonts off in [epub].")
        faces.append(EmbeddedFace(f"paiban {role}", weight, f"fonts/{role}-{weight}.otf", found))
    return faces


def subsets(faces: list[EmbeddedFace], documents: Iterable[bytes]) -> list[bytes]:
    """Each face cut to the characters the content ``documents`` print."""
    characters = _characters(documents)
    cut = [_subset(*face.source, characters) for face in faces]
    log.info("embedded %d font subsets, %.0f KB", len(cut), sum(map(len, cut)) / 1024)
    return cut


def with_embedded(fonts: Fonts) -> Fonts:
    """The edition's fonts with the embedded subsets asked for first."""
    return Fonts(serif=("paiban serif", *fonts.serif), sans=("paiban sans", *fonts.sans), mono=fonts.mono)


def _characters(documents: Iterable[bytes]) -> str:
    """Every character of the documents' text, and what a reading system draws (:data:`DRAWN`)."""
    text = DRAWN + "".join("".join(etree.fromstring(document).itertext()) for document in documents)
    return "".join(sorted(set(text)))


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
