"""Word documents (.docx), converted by mammoth: headings, paragraphs, emphasis, lists, tables,
footnotes and images, with what authors type by hand cleaned up. What mammoth does not read as
Word shows it (hidden text, equations, simple fields) is put right first (:mod:`.wordml`).

Authors number lists by typing "1." and space paragraphs with empty ones or with full-width
spaces; those become a real list, nothing, and the stylesheet's indent. A ``Title`` paragraph
(or a first-level heading) opening the document is the article's title, a ``Subtitle`` paragraph
or one opening with a dash (——记……) right under it its subtitle. Footnotes are given
the shape Markdown footnotes have, so the themes and the PDF's footnote placement treat them
alike. Images stay embedded in the draft: the build or the import decides where they go.

A correspondent's story comes as a .docx as often as a web page's text comes as a .txt: its
paragraphs go by the same news rules (:mod:`.newsmarkup`), so an editor's credit goes and a
date line and a closing byline give the article's date and author.
"""

from __future__ import annotations

import io
import logging
import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple
from xml.parsers.expat import ExpatError

from lxml import etree, html

from .. import patterns
from ..errors import PaibanError
from ..media import image_suffix
from ..titles import subtitle_of
from ..xhtml import HEADINGS, bold_alone, drop_empty_paragraphs
from . import docx_looks, docx_structure, footnotes, format_hint, newsmarkup, newsroom, text, wordhtml, wordml
from .draft import Draft
from .tabs import tabs_as_gaps_in

log = logging.getLogger("paiban")

# A paragraph Word centres or sets flush right (a scene break ＊　＊　＊, a preface's 落款) gets
# a class for it: mammoth reads the alignment but writes none, so it is carried in a style name.
_ALIGNED = {"center": "align-center", "right": "align-right", "end": "align-right"}
STYLE_MAP = "\n".join(["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p.subtitle:fresh",
                       *(f"p[style-name='paiban {name}'] => p.{name}:fresh" for name in set(_ALIGNED.values())),
                       docx_structure.STYLE_MAP, wordml.STYLE_MAP])
# "1." "2、" "（3）" "④" typed at the start of a paragraph: Word's manual numbering, counted as
# typed (typed 1、 or （1）, printed 1., was another text). Numbers in Chinese or letters typed so
# are left as typed, as is the 1. of 1.1 (a section's number, typed or Word's written: see
# .docx_structure) or of 1.5万.
_NUMBER = patterns.compile(rf"^\s*(?:{wordhtml.number_pattern('stop', 'comma', 'paren', 'circled')})\s*")
_INDENT = "\u3000 \t\xa0"
# Ruby (拼音指南, :mod:`.wordml`), its readings and their parentheses: what a title keeps of its markup.
_RUBY = ("ruby", "rt", "rp")
# mammoth's messages that mean no text is lost: a style it maps to nothing of its own, a field's stray mark.
_HARMLESS_MESSAGE = patterns.compile(r"Unrecognised \w+ style: |\w+ style with ID .* was referenced but not defined|"
                                     r"Ignoring complex field |Unsupported break type: ")
# What reading a damaged .docx raises: a part missing (OSError, KeyError) or not Word's (ValueError),
# an XML part cut short (ExpatError), a zip entry that fails its CRC, is cut short (EOFError), will
# not inflate (zlib.error), or names a compression method or encryption zipfile does not read.
# A .docx whose parts inflate past these is refused before mammoth reads it: its XML parser takes
# minutes over megabytes of empty paragraphs, packed a thousand to one in a zip bomb of a few KB.
# A 300-page novel's text is a few MB, Word packing it some 10 to 1 (its styles, 30 to 1).
_LARGEST_PART = 32 * 2**20
_MOST_PACKED = 100  # to 1, in parts over a MB
_DAMAGED = (OSError, KeyError, ValueError, ExpatError, zipfile.BadZipFile, EOFError, zlib.error,
            NotImplementedError, RuntimeError)
# Word's lengths (English Metric Units) to a CSS pixel: 914400 to the inch, as 96 CSS pixels are.
_EMU_PER_CSS_PX = 9525

# How the older formats a .docx is often one of, renamed, begin: Word 97-2003 and WPS share the OLE header.
# An OLE compound file: Word's .doc, WPS's .wps, and a .docx encrypted with a password.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RENAMED = {_OLE: ("an old Word .doc (or WPS .wps) file", ".doc"),
            b"{\\rtf": ("an RTF file", ".rtf")}


def read(path: Path, data: bytes) -> Draft:
    """Read a Word document; ``data`` is the file's bytes."""
    if not data:
        raise PaibanError("the file is empty", file=path, hint="Save the document again from Word.")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        _refuse_not_zip(path, data)
    _refuse_other_zips(path, data)
    embedded: dict[str, bytes] = {}
    try:
        _refuse_bombs(path, data)
        import mammoth  # loaded only for Word files

        prepared = _prepared(path, data)
        result = mammoth.convert_to_html(io.BytesIO(prepared.data), style_map=STYLE_MAP, ignore_empty_paragraphs=False,
                                         transform_document=mammoth.transforms.paragraph(
                                             lambda paragraph: _aligned(paragraph, prepared.alignments)),
                                         convert_image=mammoth.images.img_element(
                                             _collector(embedded, prepared.widths)))
    except _DAMAGED as error:
        raise PaibanError(f"cannot read the Word document: {error}", file=path,
                          hint="Open it in Word (or LibreOffice) and save it as .docx.") from None
    _report(path, result.messages)
    root = html.fragment_fromstring(result.value or "", create_parent="div")
    _join_stanzas(root)
    _strip_empty(root)
    _drop_indentation(root)
    removed = ["(empty paragraph)"] * drop_empty_paragraphs(root)
    tabs_as_gaps_in(root)
    title, title_markup = _take_title(root)
    subtitle = _take_subtitle(root) if title else None
    _unbold_headings(root)
    found = newsroom.Sifted()
    newsmarkup.sift(root.findall("p"), found, opening=True)
    byline = newsmarkup.take_byline(root.findall("p"))
    _number_lists(root)
    docx_structure.classify_lists(root)
    docx_structure.drop_marks(root)
    wordhtml.unwrap_cells(root, "class")
    footnotes.shape(root, path)
    body = "".join(etree.tostring(child, encoding="unicode", method="html") for child in root)
    return Draft(title=title, title_markup=title_markup, subtitle=subtitle, body=body, author=byline or found.author,
                 date=found.date, origin=found.origin, removed=tuple(removed + found.removed), embedded=embedded)


def _join_stanzas(root: etree._Element) -> None:
    """A poem typed a line to a paragraph, an empty paragraph between its stanzas (as most type one
    in Word), has each stanza's paragraphs joined into one, its lines broken with ``<br>``, which
    body.py sets as a poem's stanza, as it does one typed with Shift+Enter: by a text file's rule
    (:func:`~.text.stanzas_of`: a document mostly of blocks of short lines of verse, no paragraph of
    prose). Read as paragraphs, its lines were prose and its stanza breaks went with the empty
    paragraphs, which mammoth keeps for this (:func:`_strip_empty`). A paragraph of its own
    alignment or lines, a heading, a list or a table parts the blocks, no stanza's line."""
    blocks: list[list[etree._Element]] = [[]]
    for child in root:
        if child.tag == "p" and not "".join(child.itertext()).strip() and child.find(".//img") is None:
            blocks.append([])
        elif child.tag == "p" and not child.attrib and child.find(".//br") is None and child.find(".//img") is None:
            blocks[-1].append(child)
        else:
            blocks.append([])
    blocks = [block for block in blocks if block]
    if len(blocks) < 2:
        return
    for number in text.stanzas_of([["".join(paragraph.itertext()).strip() for paragraph in block]
                                   for block in blocks]):
        first, *others = blocks[number]
        for paragraph in others:
            etree.SubElement(first, "br").tail = paragraph.text
            first.extend(paragraph)
            paragraph.drop_tree()


# What mammoth writes even empty, but for a paragraph: a table's parts, a bookmark's anchor.
_WRITTEN_EMPTY = frozenset({"table", "thead", "tbody", "tr", "td", "th", "a"})


def _strip_empty(root: etree._Element) -> None:
    """Leave out what mammoth leaves out of a document when told to: each element of no text and
    nothing in it (an empty paragraph, or the list item or heading it made of one), the elements
    holding only such ones, but what it writes even empty (:data:`_WRITTEN_EMPTY`, a picture, a
    line break). Told not to, for :func:`_join_stanzas`, it writes them all."""
    for element in reversed(list(root.iter())):
        if (element is not root and element.tag not in _WRITTEN_EMPTY and element.tag not in html.defs.empty_tags
                and not element.text and not len(element)):
            element.drop_tree()


def _aligned(paragraph, styles: dict[str | None, str]):
    """A paragraph centred or set flush right in Word, by its own alignment or else by its style's
    (``styles``), as one of the style :data:`STYLE_MAP` maps to its class; a heading, a title or
    a list item stays what it is."""
    name = _ALIGNED.get(paragraph.alignment or styles.get(paragraph.style_id) or "")
    style = paragraph.style_name or paragraph.style_id or ""
    if name is None or paragraph.numbering or docx_structure.MEANINGFUL_STYLE.match(style):
        return paragraph
    return paragraph.copy(style_id=None, style_name=f"paiban {name}")


class _Prepared(NamedTuple):
    """A document as mammoth is to read it, and what python-docx reads of it that mammoth does not."""

    data: bytes
    alignments: dict[str | None, str]  # by paragraph style: see :func:`_style_alignments`
    widths: dict[str, list[int]]  # the pictures': see :func:`_picture_widths`


def _prepared(path: Path, data: bytes) -> _Prepared:
    """The document as mammoth is to read it (:func:`.wordml.prepare`: its hidden text left out,
    its equations and simple fields made text mammoth reads; :func:`.docx_structure.mark`: its
    headings by outline level, Word's numbers of headings and kinds of list number;
    :func:`.docx_looks.mark`: its headings by their type, where it has none by style), the alignment
    its paragraph styles give and its pictures' widths, read from it so prepared (a picture in
    hidden text left out has none). python-docx reads it once for all of these.

    A document python-docx cannot read, or one so odd the preparing fails on it (mammoth may read
    either), is read as it is, with a warning: a document is never refused for what is only
    put right before it is read."""
    from docx import Document  # loaded only for Word files

    try:
        document = Document(io.BytesIO(data))
        wordml.prepare(path, document)
        docx_structure.mark(document)
        docx_looks.mark(document)
        prepared = io.BytesIO()
        document.save(prepared)
        return _Prepared(prepared.getvalue(), _style_alignments(document.styles), _picture_widths(document))
    except Exception as error:  # noqa: BLE001  whatever python-docx or the preparing trips on, mammoth may read
        log.warning("%s: it is read as it is, without python-docx, which cannot read or prepare it (%s: %s): a "
                    "paragraph centred or set flush right by its style alone is set as the others, pictures are "
                    "set at their own size, hidden text is printed, ruby (拼音指南) is lost, and tracked changes, "
                    "comments, equations and charts are not looked for (whatever is said above of them no longer "
                    "holds), a heading made "
                    "with a style of its own or an outline level is set as a paragraph, Word's numbers before "
                    "headings are left out, and lists are counted in figures (1. 2.); save it again from Word",
                    path, type(error).__name__, error)
        return _Prepared(data, {}, {})


def _style_alignments(styles) -> dict[str | None, str]:
    """Each paragraph style's alignment (``w:jc``) by its id, the default style's under ``None``
    (a paragraph with no style of its own has it). A style without one has its base style's: a
    落款 style set flush right, or one based on it, aligns its paragraphs as their own alignment
    would. mammoth reads a paragraph's own alignment only."""
    from docx.enum.style import WD_STYLE_TYPE

    alignments = {style.style_id: alignment for style in styles
                  if style.type == WD_STYLE_TYPE.PARAGRAPH and (alignment := _style_alignment(style))}
    if (default := styles.default(WD_STYLE_TYPE.PARAGRAPH)) is not None and default.style_id in alignments:
        alignments[None] = alignments[default.style_id]
    return alignments


def _style_alignment(style) -> str | None:
    """The ``w:jc`` value ``style`` or its nearest base style gives, as written: python-docx's
    ``paragraph_format.alignment`` refuses ``start`` and ``end``. A loop of base styles ends."""
    seen = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        if written := style.element.xpath("string(./w:pPr/w:jc/@w:val)"):
            return written
        style = style.base_style
    return None


def _report(path: Path, messages) -> None:
    """mammoth's messages (each once): a warning, since most mean something of the document is not
    in the book (an element it ignores, a picture it cannot find or a browser cannot show), except
    those about styles and fields that change no text (a paragraph style the map does not name is
    read as a plain paragraph), which are logged."""
    for message in messages:
        if _HARMLESS_MESSAGE.match(message.message):
            log.info("%s: %s", path, message.message)
        else:
            log.warning("%s: mammoth, which reads Word documents, says: %s; something there may be missing from "
                        "the book: compare it with the document in Word", path, message.message)


def _refuse_not_zip(path: Path, data: bytes) -> None:
    """Refuse a .docx that is not a zip archive, saying what it is when it is an older format renamed
    (Word's .doc, WPS's .wps, an RTF): then only saving it again as .docx helps, as for such a file
    named as it is. A .docx protected by a password is such a container too (an OLE file, its
    package encrypted in a stream named ``EncryptedPackage``): it was told to be a .doc renamed,
    and saving it again kept the password."""
    if data.startswith(_OLE) and "EncryptedPackage".encode("utf-16-le") in data:
        raise PaibanError("the Word document is protected by a password, so its text cannot be read", file=path,
                          hint="Open it in Word and take the password off (File → Info → Protect Document → "
                               "Encrypt with Password: clear the password; in WPS: 文件 → 文档加密), then save it.")
    for signature, (what, suffix) in _RENAMED.items():
        if data.startswith(signature):
            raise PaibanError(f"not a Word .docx document: it is {what} renamed to .docx", file=path,
                              hint=format_hint(suffix))
    raise PaibanError("not a Word document: a .docx file is a zip archive, and this one is not",
                      file=path, hint="Open it in Word (or LibreOffice) and save it as .docx.")


def _refuse_other_zips(path: Path, data: bytes) -> None:
    """Refuse a zip archive that is no Word document (neither a package's ``_rels/.rels`` nor
    ``word/document.xml`` in it), naming an OpenDocument file renamed: it was read as a damaged
    document, after a long warning of all that python-docx could not prepare in it. (A document
    with one of them is read: mammoth says what it lacks, if anything.)"""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            kind = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, KeyError):
        return  # damaged: mammoth's reading says so
    if names & {"_rels/.rels", "word/document.xml"}:
        return
    if kind.startswith("application/vnd.oasis.opendocument"):
        raise PaibanError("not a Word .docx document: it is an OpenDocument file (LibreOffice, WPS) renamed to .docx",
                          file=path, hint=format_hint(".odt"))
    raise PaibanError("not a Word document: a zip archive, but none of a .docx's parts are in it", file=path,
                      hint="Open the document in Word (or LibreOffice) and save it as .docx.")


def _refuse_bombs(path: Path, data: bytes) -> None:
    """Refuse a document whose zip entries inflate too far, by the sizes its directory declares
    (zipfile stops an entry at its declared size: one declaring less fails its CRC)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.infolist():
            size, packed = entry.file_size, max(entry.compress_size, 1)
            if size > _LARGEST_PART and entry.filename.endswith((".xml", ".rels")):
                problem = f"over {_LARGEST_PART // 2**20} MB"
            elif size > 2**20 and size > _MOST_PACKED * packed:
                problem = f"packed over {_MOST_PACKED} to 1"
            else:
                continue
            raise PaibanError(
                f"the Word document is too large to read: {entry.filename} inflates to {size / 2**20:.1f} MB "
                f"from {packed / 2**10:.0f} KB, {problem}", file=path,
                hint=f"paiban reads a .docx whose text parts are at most {_LARGEST_PART // 2**20} MB and no "
                     f"part is packed over {_MOST_PACKED} to 1 (a 300-page novel's text is a few MB, packed some "
                     "10 to 1). Save it again from Word, or split it into articles.")


def _collector(embedded: dict[str, bytes], widths: dict[str, list[int]]):
    """mammoth's image callback: keep the bytes, refer to them by a name the body uses, and give
    the picture the width Word sizes it at (``widths``, by the file's zip entry: see :func:`_width`)."""

    def convert(image) -> dict[str, str]:
        with image.open() as stream:
            content = stream.read()
            width = _width(widths, getattr(stream, "name", None))
        name = f"image{len(embedded) + 1}{image_suffix(image.content_type) or '.bin'}"
        embedded[name] = content
        return {"src": name} if width is None else {"src": name, "width": str(width)}

    return convert


def _picture_widths(document) -> dict[str, list[int]]:
    """The widths, in CSS pixels (1/96 in), Word gives the pictures of the python-docx ``document``'s
    text (``wp:extent``, in EMU), by the zip entry of each picture's file, in the order they come.

    mammoth reads no picture's size, and unsized, a picture of 900 px set 3 cm wide in Word
    prints across the text block."""
    from docx.oxml.ns import qn

    widths: dict[str, list[int]] = {}
    for drawing in document.element.body.iter(qn("wp:inline"), qn("wp:anchor")):
        extent, blip = drawing.find(qn("wp:extent")), next(drawing.iter(qn("a:blip")), None)
        part = document.part.related_parts.get(blip.get(qn("r:embed"))) if blip is not None else None
        if extent is not None and part is not None and (emu := extent.get("cx", "")).isdigit() and int(emu):
            widths.setdefault(part.partname.lstrip("/"), []).append(max(1, round(int(emu) / _EMU_PER_CSS_PX)))
    return widths


def _width(widths: dict[str, list[int]], entry: str | None) -> int | None:
    """The width of the next picture of the file at zip entry ``entry``: a file shown twice at two
    sizes is taken at each in turn (mammoth reads the pictures of the text in order)."""
    sizes = widths.get(entry or "")
    if not sizes:
        return None
    return sizes.pop(0) if len(sizes) > 1 else sizes[0]


def _drop_indentation(root: etree._Element) -> None:
    """Strip the spaces typed to indent each paragraph (full-width, no-break, tabs): the stylesheet
    indents it. A table cell's text keeps its full-width spaces: a form's 　　年　　月　　日 has the
    blank the year is written in; its others go (``\xa0\xa0120元``, pasted from a web page). So
    does a paragraph broken with Shift+Enter (``<br>``), which the verse step reads with its
    other lines' (:func:`~.verse.set_as_poems`: it takes them off prose)."""
    for paragraph in root.iter("p"):
        if paragraph.text:
            in_cell = next(paragraph.iterancestors("td", "th"), None) is not None
            broken = paragraph.find("br") is not None
            paragraph.text = paragraph.text.lstrip(_INDENT.replace("\u3000", "") if in_cell or broken else _INDENT)


def _take_title(root: etree._Element) -> tuple[str | None, str | None]:
    """The document's opening title, taken out of its body: its text, and its markup when it holds
    ruby (拼音指南), which its heading keeps as a Markdown title's does and which the title's text
    alone reads as its base (小鸟找家): as text, its readings ran into it, in the nav, the NCX, the
    bookmarks and the heading itself (小(xiǎo)鸟(niǎo)找(zhǎo)家(jiā)). Its other markup is Word's
    formatting of a heading (bold set by hand), which the theme's heading says already."""
    first = root[0] if len(root) else None
    if first is None or first.tag != "h1":
        return None, None
    root.remove(first)
    title = first.text_content().strip() or None
    if title is None or first.find(".//ruby") is None:
        return title, None
    etree.strip_tags(first, *{element.tag for element in first.iter() if element is not first} - set(_RUBY))
    return title, etree.tostring(first, encoding="unicode", method="html", with_tail=False)  # kept_markup unwraps h1


def _take_subtitle(root: etree._Element) -> str | None:
    """The subtitle right under the title just taken, taken out of the body: a paragraph of Word's
    ``Subtitle`` style (mammoth's ``p.subtitle``), or one opening with a dash
    (:func:`~paiban.titles.subtitle_of`: ——记青川市北坡小学教师林秋); else ``None``. Left in the body,
    it was the text's first paragraph, indented as one."""
    first = root[0] if len(root) else None
    if first is None or first.tag != "p" or first.find(".//img") is not None:
        return None
    text = " ".join(first.text_content().split())
    after = root[1].text_content() if len(root) > 1 else ""
    subtitle = text if "subtitle" in (first.get("class") or "").split() else subtitle_of(text, after)
    if subtitle:
        root.remove(first)
    return subtitle or None


def _unbold_headings(root: etree._Element) -> None:
    """A heading set bold as a whole (a heading by its type is, most often) is the heading alone:
    the theme gives headings their weight, and the bold inside would be heavier still."""
    for heading in root.iter(*HEADINGS):
        if bold_alone(heading):
            heading[0].drop_tag()


def _number_lists(root: etree._Element) -> None:
    """Runs of two or more paragraphs numbered by hand in sequence, in one kind of number, become
    an ordered list counted in that kind (``ol.list-decimal-paren``: （1） （2）) from the first one's.
    The numbers of Word's own that :mod:`.docx_structure` wrote are none: a mark opens their paragraphs."""
    run: list[tuple[etree._Element, wordhtml.Number]] = []
    for child in [*root, None]:
        number = _manual_number(child)
        if number is not None and run and number == wordhtml.Number(run[-1][1].kind, run[-1][1].count + 1):
            run.append((child, number))
            continue
        if len(run) >= 2:
            _make_list(run)
        run = [(child, number)] if number is not None else []


def _manual_number(element: etree._Element | None) -> wordhtml.Number | None:
    if element is None or element.tag != "p" or not (match := _NUMBER.match(element.text or "")):
        return None
    return wordhtml.number_in(match)


def _make_list(run: list[tuple[etree._Element, wordhtml.Number]]) -> None:
    listing = wordhtml.new_list(run[0][1])
    run[0][0].addprevious(listing)
    for paragraph, _ in run:
        paragraph.tag = "li"
        paragraph.text = _NUMBER.sub("", paragraph.text, count=1)
        listing.append(paragraph)
