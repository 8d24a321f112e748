"""The EPUB 3, packaged by EbookLib from the same templates as the PDF, with the EPUB sheet.

Content documents are rendered whole by our templates and added as plain items, so EbookLib
only packages them (OPF, nav, NCX) and never rewrites their markup.
"""

from __future__ import annotations

import datetime as dt
import io
import mimetypes
import zipfile
from pathlib import Path

from ebooklib import epub

from ..atomic import atomic_output
from ..edition import Edition
from ..model import Book, map_articles
from ..theme import Theme
from . import Output, stylesheets, template_context
from .typeset import compress_punctuation

XHTML = "application/xhtml+xml"


def document_name(kind: str, id: str) -> str:
    """The EPUB file name of a content document (``c3.xhtml``)."""
    return f"{id}.xhtml" if kind in ("part", "chapter") else f"{kind}.xhtml"


def render_epub(book: Book, edition: Edition, theme: Theme, target: Path, modified: dt.datetime) -> Output:
    """Write ``target``: an EPUB 3 with nav, NCX, one XHTML file per part and per chapter."""
    book = map_articles(book, compress_punctuation)
    package = epub.EpubBook()
    _metadata(package, book)
    css_names = []
    for name, text in stylesheets(theme, edition, "epub"):
        css_names.append(f"styles/{name}")
        package.add_item(epub.EpubItem(uid=f"css-{name[:-4]}", file_name=f"styles/{name}",
                                       media_type="text/css", content=text.encode("utf-8")))
    where = _locations(book)

    def href(id: str) -> str:
        return where[id]

    def document(uid: str, file_name: str, partial: str, title: str, **extra: object) -> epub.EpubItem:
        context = template_context(book, edition, "epub", href, title=title, partial=partial,
                                   stylesheets=css_names, **extra)
        item = epub.EpubItem(uid=uid, file_name=file_name, media_type=XHTML,
                             content=theme.render("page.html", **context).encode("utf-8"))
        package.add_item(item)
        return item

    spine = [
        document("titlepage", "titlepage.xhtml", "_titlepage.html", book.meta.title),
        document("contents", "contents.xhtml", "_toc.html", book.labels["contents"]),
    ]
    toc = []
    for part in book.parts:
        entries = []
        if part.title:
            spine.append(document(part.id, document_name("part", part.id), "_part.html", part.title,
                                  part=part))
        for chapter in part.chapters:
            spine.append(document(chapter.id, document_name("chapter", chapter.id), "_chapter.html",
                                  chapter.title, chapter=chapter))
            entries.append((epub.Link(href(chapter.id), chapter.title, chapter.id),
                            [epub.Link(href(a.id), a.title, a.id) for a in chapter.articles]))
        toc.extend([(epub.Link(href(part.id), part.title, part.id), entries)] if part.title else entries)
    for image in sorted({image for article in book.articles for image in article.images}):
        package.add_item(epub.EpubImage(uid=f"img-{len(package.items)}", file_name=image,
                                        media_type=mimetypes.guess_type(image)[0],
                                        content=(book.root / image).read_bytes()))
    if book.meta.cover:
        package.set_cover(book.meta.cover, (book.root / book.meta.cover).read_bytes(),
                          create_page=False)
    package.toc = toc
    package.add_item(epub.EpubNcx())
    package.add_item(epub.EpubNav(title=book.labels["contents"]))
    package.spine = spine
    package.guide = [
        {"type": "toc", "href": "contents.xhtml", "title": book.labels["contents"]},
        {"type": "text", "href": spine[2].file_name, "title": book.meta.title},
    ]
    packed = io.BytesIO()
    epub.write_epub(packed, package, {"mtime": modified, "raise_exceptions": True, "epub3_pages": False})
    with atomic_output(target) as temporary:
        _repack(packed.getvalue(), temporary, modified)
    return Output(target, "epub")


def _repack(archive: bytes, target: Path, when: dt.datetime) -> None:
    """Rewrite the zip with fixed timestamps and permissions: the same sources, the same bytes.

    EbookLib stamps every entry with the current time. The order is kept (``mimetype`` first
    and stored, as OCF requires); the time is the sources' date.
    """
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            out.writestr(entry, source.read(info), compresslevel=9)


def _locations(book: Book) -> dict[str, str]:
    """Where each part, chapter and article lives: ``c2.xhtml`` or ``c2.xhtml#a5``."""
    where = {}
    for part in book.parts:
        if part.title:
            where[part.id] = document_name("part", part.id)
        for chapter in part.chapters:
            name = document_name("chapter", chapter.id)
            where[chapter.id] = name
            where.update({article.id: f"{name}#{article.id}" for article in chapter.articles})
    return where


def _metadata(package: epub.EpubBook, book: Book) -> None:
    meta = book.meta
    package.set_identifier(meta.identifier)
    package.set_title(meta.title)
    package.set_language(meta.language)
    for number, author in enumerate(meta.authors, 1):
        package.add_author(author, role="aut", uid=f"author-{number}")
    for number, editor in enumerate(meta.editors, 1):
        package.add_author(editor, role="edt", uid=f"editor-{number}")
    for name in ("publisher", "date", "description", "rights"):
        if value := getattr(meta, name):
            package.add_metadata("DC", name, value)
