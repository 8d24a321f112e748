"""Optional font embedding (``embed-fonts = true`` in ``[epub]``): the edition's fonts, subset to
exactly the characters the book prints, so rare characters render on every reader.

A whole Noto CJK face is 16 MB; a book uses a few thousand characters of it. fontTools keeps
those glyphs and the OpenType features Chinese needs (``locl`` for regional forms, ``halt``
for compressed punctuation, ``pwid`` for an apostrophe in a Latin word, ``vert``/``vrt2`` for
vertical text). The characters are read from the finished content documents, so whatever a
template prints (a part's title, the CIP block, a date as 2024年5月6日, a book's own template) is
in the subsets.

A font list is a fallback chain, and the glyph check accepts a character any family of it has
(as WeasyPrint draws it from there). So each family of the chain that supplies a character the
ones before it lack is embedded too, as a family of its own named in the same order: the reader
falls back as the PDF does. A family that supplies nothing the text needs stays out.

Text left in another region's script or language (a no-convert span or block, tagged
``lang="zh-Hant"``, a quotation tagged ``zh-HK`` or ``ja``) is drawn in that region's fonts
(fonts.css, by :func:`~paiban.edition.tagged_fonts`): when the book has such text, those fonts
are embedded too, cut to that text alone, as families of their own (``paiban serif TC``); where
they are not installed, the edition's fonts that follow them in the list stand in, as in the PDF
(the build warns: :func:`~paiban.check.glyphs.missing_regions`).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from .. import patterns
from ..edition import Edition, Fonts, box_drawing_fonts, other_fonts, region_of, tagged_fonts
from ..errors import PaibanError
from ..fonts import characters, font_file, needs_glyph
from ..xhtml import VERBATIM
from .typeset import BOX_DRAWING

log = logging.getLogger("paiban")

# (role, weight, fontconfig style): the faces the default theme uses.
FACES = (("serif", 400, "Regular"), ("serif", 700, "Bold"), ("sans", 700, "Bold"), ("sans", 400, "Regular"),
         ("mono", 400, "Regular"))
FEATURES = ["locl", "halt", "vhal", "vert", "vrt2", "kern", "palt", "vpal", "pwid"]
# What a reading system draws besides the documents' text: the numbers of an ordered list.
DRAWN = "0123456789."
# A box-drawing character (├ ─ │ └), which fonts.css draws in code from the mono's Latin face.
_BOX_DRAWING = patterns.compile(f"[{BOX_DRAWING}]")
# The text of the elements fonts.css sets in the mono (code and its kin: VERBATIM): only a book with
# code embeds it, cut to the code's characters.
_CODE_TEXT = etree.XPath(f"//*[{' or '.join(f'local-name()={tag!r}' for tag in sorted(VERBATIM))}]//text()")


@dataclass(frozen=True)
class EmbeddedFace:
    """One embedded face: the role it serves and the place in the role's font list of the family
    it is cut from (``rank``), its weight, its file inside the EPUB and the subset itself (an
    OpenType font of TrueType or of CFF outlines, as the family's is)."""

    role: str
    rank: int
    weight: int
    data: bytes
    stack: Fonts  # the fonts whose list it is cut from: the edition's, or another region's
    region: str = ""  # for another region's: that region (TC, HK, JP: edition.REGIONS)

    @property
    def family(self) -> str:
        """Its CSS family: ``paiban serif`` for the list's first family, ``paiban serif 2`` for its
        second, ``paiban serif TC`` for the first of the fonts of text tagged zh-Hant (or zh-TW)."""
        return f"paiban {self.role}" + (f" {self.rank + 1}" if self.rank else "") + \
            (f" {self.region}" if self.region else "")

    @property
    def truetype(self) -> bool:
        """Whether its outlines are TrueType's (a ``glyf`` table, DejaVu), not CFF's (``OTTO``, Noto CJK)."""
        return self.data[:4] in (b"\0\1\0\0", b"true")

    @property
    def href(self) -> str:
        """Its file: ``.ttf`` for TrueType outlines, as the media type says, ``.otf`` for CFF."""
        suffix = "ttf" if self.truetype else "otf"
        region = f"{self.region}-" if self.region else ""
        return f"fonts/{region}{self.role}{f'-{self.rank + 1}' if self.rank else ''}-{self.weight}.{suffix}"

    @property
    def media_type(self) -> str:
        return "font/ttf" if self.truetype else "font/otf"


def embedded_faces(edition: Edition, documents: Iterable[bytes]) -> list[EmbeddedFace]:
    """The faces to embed, each cut to what it draws of the content ``documents``' text; an error
    when none of a font list the text needs is installed."""
    roots = [etree.fromstring(document) for document in documents]
    text = _characters([DRAWN, *(root.itertext() for root in roots)])
    code = _characters(_CODE_TEXT(root) for root in roots)
    faces = _stack_faces(edition.fonts, "", text, code)
    tagged = [piece for root in roots for piece in _tagged(root, edition)]
    for region, fonts in _other_stacks(edition).items():
        text = _characters([(piece for drawn_in, piece, _ in tagged if drawn_in == fonts)])
        text = text and _characters([DRAWN, text])  # the numbers of a list set in these fonts
        code = _characters([(piece for drawn_in, piece, in_code in tagged if drawn_in == fonts and in_code)])
        faces += _stack_faces(fonts, region, text, code)  # the edition's fonts end the list: never none
    log.info("embedded %d font subsets, %.0f KB", len(faces), sum(len(face.data) for face in faces) / 1024)
    return faces


def with_embedded(fonts: Fonts, faces: list[EmbeddedFace]) -> Fonts:
    """``fonts`` with the subsets embedded of them asked for first, in their lists' order."""
    def names(role: str, families: tuple[str, ...]) -> tuple[str, ...]:
        ranked = sorted({(face.rank, face.family) for face in faces if face.role == role and face.stack == fonts})
        return (*(family for _, family in ranked), *families)

    return Fonts(serif=names("serif", fonts.serif), sans=names("sans", fonts.sans), mono=names("mono", fonts.mono),
                 fallback=fonts.fallback)


def box_drawing_embedded(fonts: Fonts, faces: list[EmbeddedFace]) -> tuple[str, ...]:
    """The fonts of box-drawing characters in code (:func:`~paiban.edition.box_drawing_fonts`) with
    the subsets cut from ``fonts``' Latin mono first: they hold those characters (:func:`_chain`)."""
    latin = getattr(fonts.fallback, "mono", ())
    cut = tuple(face.family for face in sorted(faces, key=lambda face: face.rank)
                if face.role == "mono" and face.stack == fonts and fonts.mono[face.rank] in latin)
    return tuple(dict.fromkeys((*cut, *box_drawing_fonts(with_embedded(fonts, faces))))) if latin else ()


def others_embedded(edition: Edition, faces: list[EmbeddedFace]) -> dict[str, Fonts]:
    """Each other language's fonts (fonts.css's ``[lang]`` rules) with the subsets embedded of them first."""
    return {language: with_embedded(fonts, faces) for language, fonts in other_fonts(edition).items()}


def _other_stacks(edition: Edition) -> dict[str, Fonts]:
    """The other regions' fonts that are not the edition's own, by region (zh-Hant and zh-TW share
    TC's): the edition's own fonts already draw all the text."""
    return {region_of(tag): fonts for tag, fonts in other_fonts(edition).items() if fonts != edition.fonts}


def _stack_faces(fonts: Fonts, region: str, text: str, code: str) -> list[EmbeddedFace]:
    """The faces of one set of ``fonts``: the serif and sans cut to ``text``, the mono to ``code``."""
    faces = []
    for role, weight, style in FACES:
        wanted = code if role == "mono" else text
        if wanted:
            faces += _chain(fonts, role, weight, style, wanted, region)
    return faces


def _tagged(element: etree._Element, edition: Edition, fonts: Fonts | None = None,
            in_code: bool = False) -> Iterator[tuple[Fonts, str, bool]]:
    """(fonts, text, whether in code) of each text of ``element`` that fonts.css sets in the fonts
    of a language: inside an element whose ``lang`` has a region, the nearest (an element of a
    ``lang`` of none, ``en``, has no rule: it inherits)."""
    if isinstance(element.tag, str):  # not a comment or processing instruction
        fonts = tagged_fonts(edition, element.get("lang") or "") or fonts
        in_code = in_code or etree.QName(element).localname in VERBATIM
        if fonts and element.text:
            yield fonts, element.text, in_code
    for child in element:
        yield from _tagged(child, edition, fonts, in_code)
        if fonts and child.tail:
            yield fonts, child.tail, in_code


def _chain(fonts: Fonts, role: str, weight: int, style: str, text: str, region: str = "") -> list[EmbeddedFace]:
    """The faces of the ``role`` list of ``fonts``: each installed family cut to the characters of
    ``text`` it is the first to have (the first one to all of them, so its subset does not depend
    on what it lacks). Box-drawing characters in code are the mono's Latin face's, as fonts.css
    draws them: a family the book chose is not the first to have them.

    What a family has is fontconfig's charset of it, read from its cache: a font file is opened
    only to be cut, and none after the text lacks nothing (a CJK face's cmap takes 0.1 s to read).
    """
    from fontTools.ttLib import TTFont  # a tenth of a second to load: only when a book embeds fonts

    families = getattr(fonts, role)
    lacking = {char for char in text if needs_glyph(char)}
    found = [(rank, family, source) for rank, family in enumerate(families)
             if (source := font_file(family, style))]
    if not found:
        raise PaibanError(f"cannot embed fonts: none of {', '.join(families)} ({style}) is installed",
                          hint="Install fonts-noto-cjk, or turn embed-fonts off in [epub].")
    faces = []
    latin = getattr(fonts.fallback, role, ()) if role == "mono" else ()
    for rank, family, (path, index) in found:
        if not lacking:
            break
        has = characters(family, style)
        chosen = bool(latin) and family not in latin  # its box-drawing characters are not drawn
        if supplied := {char for char in lacking if char in has and not (chosen and _BOX_DRAWING.match(char))}:
            cut = text if not faces else "".join(sorted(supplied))
            faces.append(EmbeddedFace(role, rank, weight, _subset(TTFont(path, fontNumber=index), cut),
                                       fonts, region))
            lacking -= supplied
    return faces


def _characters(texts: Iterable[Iterable[str]]) -> str:
    """Every character of the texts, once, in order."""
    return "".join(sorted({char for pieces in texts for piece in pieces for char in piece}))


def _subset(font, characters: str) -> bytes:
    from fontTools import subset

    # It tells of each table it drops ("FFTM NOT subset; don't know how to subset; dropped": a
    # FontForge timestamp) on stderr, unformatted, through Python's last-resort handler: nothing
    # a reader of the build's output can act on.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
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
