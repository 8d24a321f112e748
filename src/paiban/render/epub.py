"""The EPUB 3, packaged by EbookLib from the same templates as the PDF, with the EPUB sheet.

Content documents are rendered whole by our templates, finished as e-book markup (popup
notes, print page breaks, upright digits in vertical text) and added as plain items, so
EbookLib only packages them: OPF, nav (with landmarks and, when the PDF was built in the same
run, a page-list of the print edition) and NCX for older readers.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Callable
from dataclasses import replace
from html import escape
from pathlib import Path

from ebooklib import epub
from lxml import etree

from ..atomic import atomic_output
from ..cache import NO_SHELF, Shelf, digest
from ..edition import Edition
from ..media import image_type
from ..model import Article, Book, Chapter, map_articles, one_line
from ..sections import Section, sections_of
from ..theme import Theme
from ..theme_kept import Shown, check_kept
from ..timings import stage
from ..titles import navigated, outline_title
from . import Output, sheet_names, stylesheets, template_context
from .assets import UNSAFE, StyleFiles, unique
from .cover import cover_fonts, generated_cover
from .epub_fonts import EmbeddedFace, box_drawing_embedded, embedded_faces, others_embedded, with_embedded
from .epub_markup import OPS, XHTML, finish
from .epub_metadata import describe, fonts_specified
from .epub_pictures import as_png, carried_name, for_screens, made_again
from .epub_svg import contained_svg
from .epub_zip import repack
from .pagemap import PageStart, marked
from .theme_pictures import carried_into_epub
from ..xhtml import rewrite, xml_entities
from .typeset import for_screen_formats

XHTML_TYPE = "application/xhtml+xml"
NCX = {"ncx": "http://www.daisy.org/z3986/2005/ncx/"}
STYLES = "styles/"  # where the EPUB keeps its sheets and what they use
GENERATED_COVER = "images/cover.png"  # the name wanted: a book's own file of that name keeps it


def document_name(kind: str, id: str) -> str:
    """The EPUB file name of a content document (``c3.xhtml``)."""
    return f"{id}.xhtml" if kind in ("part", "chapter") else f"{kind}.xhtml"


def render_epub(book: Book, edition: Edition, theme: Theme, target: Path, modified: dt.datetime,
                pages: list[PageStart] | None = None, embed_fonts: bool = False,
                documents: Shelf = NO_SHELF, pictures: Shelf = NO_SHELF, sheets: Shelf = NO_SHELF,
                deflated: Shelf = NO_SHELF) -> Output:
    """Write ``target``: an EPUB 3 with cover, nav, NCX, one XHTML file per part and per chapter.

    ``pages``: where the print edition's pages begin (from the PDF renderer), for the page-list.
    ``documents`` keeps each chapter's finished document (a build passes its cache's, salted with
    the theme): most of the work, and what an edit of one article leaves unchanged in the others.
    The chapters not found there are rendered on every core when there are many.
    ``pictures`` keeps the cover drawn for a book without one, and the pictures made again for
    screens (:mod:`.epub_pictures`); ``sheets``, the URLs each stylesheet
    names (:class:`~.assets.StyleFiles`); ``deflated``, each entry of the zip deflated
    (:mod:`.epub_zip`).
    """
    # Articles get every format's markup (compressed marks, breakable long words) where they are
    # rendered: in their chapter's document, which the cache may hold already. The preface is done
    # here, since templates reach it through the book.
    book = replace(book, preface=for_screen_formats(book.preface)) if book.preface else book
    names, cover_name = _resource_names(book)
    book = _images_renamed(book, names)
    package = epub.EpubBook()
    describe(package, book, page_list=bool(pages))
    if edition.vertical:
        package.set_direction("rtl")
        package.add_metadata(None, "meta", "", {"name": "primary-writing-mode", "content": "vertical-rl"})
    css_names = [f"styles/{name}" for name in sheet_names(edition, "epub")]
    where = _locations(book)
    pages = marked(pages or [])
    starts = _by_container(pages)
    # What a chapter's document shows besides the chapter: what templates can reach of the book.
    # Other chapters' article bodies are not in it, so an edit of one article keeps them cached.
    shared = digest(book.meta, book.labels, book.has_parts, book.contents_authors, book.preface, _outline(book),
                    where, css_names, edition)

    def document_of(id: str) -> str | None:
        """The content document that holds ``id`` (an article's ids start with the article's)."""
        found = where.get(id) or where.get(id.split("-", 1)[0])
        return found.partition("#")[0] if found else None

    def href(id: str) -> str:
        """Where ``id`` is: a part, chapter or article, or an id inside an article (a listed section's)."""
        if found := where.get(id):
            return found
        if (document := document_of(id)) is None:  # a template's mistake: no link to nowhere
            raise ValueError(f"no part, chapter or article of the book holds the id {id!r}")
        return f"{document}#{id}"

    def render(file_name: str, partial: str, title: str, here: list[PageStart], **extra: object) -> bytes:
        context = template_context(book, edition, "epub", href, title=title, partial=partial,
                                   stylesheets=css_names, **extra)
        page = theme.render("page.html", **context)
        check_kept(theme, page, _shown_in(book, partial, extra), "page.html", partial)
        try:
            return finish(xml_entities(page).encode("utf-8"), here, edition.vertical, book.labels["back-to-text"],
                          lambda id: other if (other := document_of(id)) != file_name else None,
                          where=f"{file_name} (made from {theme.describe(partial)})")
        except etree.XMLSyntaxError as error:
            raise theme.not_xhtml(error, page, "page.html", partial) from None

    def add(uid: str, file_name: str, content: bytes) -> epub.EpubItem:
        item = epub.EpubItem(uid=uid, file_name=file_name, media_type=XHTML_TYPE, content=content)
        package.add_item(item)
        return item

    # The sections the contents page lists under each article (book.toml's [contents]): read from
    # the bodies, which ``shared`` leaves out.
    sections = tuple(map(sections_of, book.articles))

    def document(uid: str, file_name: str, partial: str, title: str, containers: tuple[str, ...],
                 **extra: object) -> epub.EpubItem:
        """A document of the book's own (cover, title page, contents, a part's opening page), kept
        as a chapter's is: it shows what ``shared`` and ``sections`` hold."""
        here = [start for container in containers for start in starts.get(container, [])]
        key = (shared, file_name, partial, title, here, extra, sections)
        return add(uid, file_name, documents.memo(key, lambda: render(file_name, partial, title, here, **extra)))

    def chapter_content(chapter: Chapter) -> bytes:
        return render(where[chapter.id], "_chapter.html", chapter.title, starts.get(chapter.id, []),
                      chapter=replace(chapter, articles=tuple(map(for_screen_formats, chapter.articles))))

    chapters = book.chapters
    contents = dict(zip((chapter.id for chapter in chapters), documents.each(
        [(shared, chapter, starts.get(chapter.id, [])) for chapter in chapters],
        lambda index: chapter_content(chapters[index])), strict=True))

    def chapter_document(chapter: Chapter) -> epub.EpubItem:
        return add(chapter.id, where[chapter.id], contents[chapter.id])

    # What EbookLib's set_cover does, with the media type given: it would have mimetypes guess it (see paiban.media).
    cover = epub.EpubCover(file_name=cover_name)
    cover.media_type, cover.content = image_type(cover_name), _cover(book, edition, pictures)
    package.add_item(cover)
    package.add_metadata(None, "meta", "", {"name": "cover", "content": cover.id})
    spine = [document("cover", "cover.xhtml", "_cover.html", book.labels["cover"], ("cover",),
                      cover_href=cover_name),
             document("titlepage", "titlepage.xhtml", "_titlepage.html", one_line(book.meta.title),
                      ("titlepage", "copyright"))]
    if book.preface:
        spine.append(document("preface", "preface.xhtml", "_preface.html", book.preface.title, ("preface",)))
    spine.append(document("contents", "contents.xhtml", "_toc.html", book.labels["contents"], ("toc",)))
    toc = [_entry(epub.Link(where[book.preface.id], outline_title(book.preface), "preface"),
                  _section_entries(book.preface, href))] if book.preface else []
    for part in book.parts:
        entries = []
        if part.title:
            spine.append(document(part.id, where[part.id], "_part.html", part.title, (part.id,), part=part))
        for chapter in part.chapters:
            spine.append(chapter_document(chapter))
            link = epub.Link(where[chapter.id], _toc_title(chapter), chapter.id)
            # An article whose title is its chapter's lists its sections under the chapter.
            under = [entry for a in chapter.articles
                     for entry in ([_entry(epub.Link(where[a.id], outline_title(a), a.id), _section_entries(a, href))]
                                   if a.titled else _section_entries(a, href))]
            entries.append(_entry(link, under))
        toc.extend([(epub.Link(where[part.id], part.title, part.id), entries)] if part.title else entries)
    for image, name in names.items():
        if name != cover_name:
            package.add_item(epub.EpubImage(uid=f"img-{len(package.items)}", file_name=name,
                                            media_type=image_type(name),
                                            content=_image(book.root / image, pictures)))
    # The files kept under styles/: the sheets', the templates' pictures, and an article's picture of the theme.
    files = StyleFiles("epub", {(book.root / image).resolve(): name.removeprefix(STYLES)
                                for image, name in names.items() if name.startswith(STYLES)}, sheets)
    written = [item for item in package.items if item.media_type == XHTML_TYPE]  # its content documents
    carried_into_epub(package, written, theme.dirs, files, STYLES)
    faces = embedded_faces(edition, [document.content for document in written]) if embed_fonts else []
    _add_sheets(package, theme, edition, faces, css_names, files)
    for face in faces:
        package.add_item(epub.EpubItem(uid=f"font-{Path(face.href).stem}", file_name=face.href,
                                       media_type=face.media_type, content=face.data))
    # The subsets `embed-fonts` cuts, or a font an @font-face of the book's own sheets brings: each
    # is shown in Apple Books only when the OPF says so.
    if any(item.media_type.startswith("font/") for item in package.items):
        fonts_specified(package)
    package.toc = toc
    package.add_item(epub.EpubNcx())
    package.add_item(epub.EpubNav(title=book.labels["contents"]))
    package.spine = spine
    package.guide = [
        {"type": "cover", "href": "cover.xhtml", "title": book.labels["cover"]},
        {"type": "toc", "href": "contents.xhtml", "title": book.labels["contents"]},
        {"type": "text", "href": _first_body(book, where), "title": one_line(book.meta.title)},
    ]
    with stage("write epub"):
        _write(package, book, pages, where, target, modified, deflated)
    return Output(target, "epub")


def _write(package: epub.EpubBook, book: Book, pages: list[PageStart], where: dict[str, str], target: Path,
           modified: dt.datetime, deflated: Shelf) -> None:
    """Package the EPUB (OPF, nav, NCX) and write ``target`` atomically. EbookLib's zip is not
    compressed (level 0): it is only an intermediate, which :func:`~.epub_zip.repack` compresses."""
    packed = io.BytesIO()
    writer = _Writer(packed, package, {"mtime": modified, "raise_exceptions": True, "epub3_pages": False,
                                       "compresslevel": 0, "landmark_title": book.labels["landmarks"],
                                       "play_order": {"enabled": True, "start_from": 1}},
                     page_list=[(f"{_doc_of(start, where)}#{start.id}", start.label)
                                for start in pages], page_list_title=book.labels["pages"],
                     titles=_nav_titles(book, where))
    writer.process()
    writer.write()
    with atomic_output(target) as temporary:
        repack(packed.getvalue(), temporary, modified, deflated)


def _add_sheets(package: epub.EpubBook, theme: Theme, edition: Edition, faces: list[EmbeddedFace],
                css_names: list[str], files: StyleFiles) -> None:
    """The sheets (naming the embedded ``faces``), and the files ``files`` carries: theirs (an
    imported sheet, a picture, a font) and the templates'; one named as a sheet paiban links is
    that file already."""
    sheets = stylesheets(theme, edition, "epub", fonts=with_embedded(edition.fonts, faces),
                         others=others_embedded(edition, faces), box_drawing=box_drawing_embedded(edition.fonts, faces),
                         embedded=tuple(face_for_css(face) for face in faces), files=files)
    for name, text in sheets:
        package.add_item(epub.EpubItem(uid=f"css-{name[:-4]}", file_name=f"styles/{name}",
                                       media_type="text/css", content=text.encode("utf-8")))
    for number, (name, (media_type, content)) in enumerate(files.carried.items(), 1):
        if f"styles/{name}" not in css_names:
            package.add_item(epub.EpubItem(uid=f"style-file-{number}", file_name=f"styles/{name}",
                                           media_type=media_type, content=content))


def face_for_css(face) -> dict:
    """What fonts.css needs of an embedded face (its URL is relative to styles/)."""
    return {"family": face.family, "weight": face.weight, "href": f"../{face.href}"}


def _outline(book: Book) -> tuple:
    """Every part, chapter and article but the articles' bodies (their ids, titles and title markup,
    labels, languages, authors …): what a document may show of the book besides its own chapter."""
    return tuple(replace(part, chapters=tuple(
        replace(chapter, articles=tuple(replace(article, body="") for article in chapter.articles))
        for chapter in part.chapters)) for part in book.parts)


def _entry(link: epub.Link, under: list) -> epub.Link | tuple:
    """A nav entry, with the entries under it if there are any: an empty list would be an empty
    ``<ol>``, which EPUB forbids."""
    return (link, under) if under else link


def _section_entries(article: Article, href: Callable[[str], str]) -> list:
    """The nav entries of the sections the contents list under ``article`` (book.toml's [contents]).
    Each has an NCX id of its own, ``nav-<article id>-s<n>``: a heading's id may hold what an XML
    name may not (``{#sec:intro}``, Pandoc's style), and it stays in the entry's href."""
    numbers = itertools.count(1)

    def entries(sections: tuple[Section, ...]) -> list:
        return [_entry(epub.Link(href(section.id), outline_title(section), f"nav-{article.id}-s{next(numbers)}"),
                       entries(section.sections))
                for section in sections]
    return entries(sections_of(article))


def _every_section(sections: tuple[Section, ...]) -> list[Section]:
    return [found for section in sections for found in (section, *_every_section(section.sections))]


def _toc_title(chapter) -> str:
    return f"{chapter.label}　{outline_title(chapter)}" if chapter.label else outline_title(chapter)


def _nav_titles(book: Book, where: dict[str, str]) -> dict[str, tuple[str | None, str | None]]:
    """The nav's titles that keep markup, as the contents page lists them (their ruby's base alone:
    :func:`~paiban.titles.navigated`), and the language of
    an entry that has its own (an article not converted, and its sections), by their entries'
    href: a span tagged ``lang="en"`` (``# [On Morning Walks]{lang=en} 论晨走``), a no-convert
    one, a superscript (``## 节<sup>2</sup>``). EbookLib lists every title as text, and a reading
    system would read the English as Chinese."""
    titles: dict[str, tuple[str | None, str | None]] = {}

    def add(href: str, markup: str | None, lang: str | None = None) -> None:
        if markup or lang:
            titles[href] = (navigated(markup) if markup else None, lang)

    if book.preface:
        add(where[book.preface.id], book.preface.title_markup, book.preface.lang)
    for chapter in book.chapters:
        label = f"{escape(chapter.label)}　" if chapter.label else ""
        add(where[chapter.id], chapter.title_markup and label + chapter.title_markup)
        for article in chapter.articles:
            if article.titled:
                add(where[article.id], article.title_markup, article.lang)
    for article in book.articles:
        document = where[article.id].partition("#")[0]
        for section in _every_section(sections_of(article)):
            add(f"{document}#{section.id}", section.title_markup, section.lang or article.lang)
    return titles


def _cover(book: Book, edition: Edition, pictures: Shelf) -> bytes:
    """The book's cover image, or one drawn for it (drawn again only when what it shows changes)."""
    if book.meta.cover:
        return _image(book.root / book.meta.cover, pictures)
    meta = book.meta
    shown = (meta.title, meta.subtitle, meta.authors, meta.editors, edition.fonts, cover_fonts(edition))
    return pictures.memo(("drawn cover", shown), lambda: generated_cover(meta, edition))


def _image(path: Path, pictures: Shelf) -> bytes:
    """An image file as the EPUB carries it: an SVG contained (it is a document; a compressed one,
    ``.svgz``, unpacked, as its name in the EPUB says), one of a format the EPUB may not carry as a
    PNG, any other for screens (:mod:`.epub_pictures`)."""
    data = path.read_bytes()
    if image_type(path.name) == "image/svg+xml":
        return contained_svg(data, path)
    return as_png(data, pictures) if made_again(path.name) else for_screens(data, pictures)


def _resource_names(book: Book) -> tuple[dict[str, str], str]:
    """The name inside the EPUB of each of the book's images (by book-relative path), and the cover's.

    A name is the file's path (a PNG's, for a format the EPUB may not carry: :func:`carried_name`)
    with what a URL or EPUBCheck refuses replaced by ``_``, made unique
    (case and Unicode forms aside) by a number; the book's files come first, in name order, so a
    drawn cover never takes the place of an article's own ``images/cover.png``.
    """
    cover = book.meta.cover
    images = sorted({*(image for article in book.articles for image in article.images), *([cover] if cover else [])})
    taken: set[str] = set()
    names = {image: unique(UNSAFE.sub("_", carried_name(image)), taken) for image in images}
    return names, names[cover] if cover else unique(GENERATED_COVER, taken)



def _images_renamed(book: Book, names: dict[str, str]) -> Book:
    """Articles whose images have another name inside the EPUB, pointing at it."""
    def visit(element) -> None:
        if element.tag == "img" and element.get("src") in names:
            element.set("src", names[element.get("src")])

    return map_articles(book, lambda article: replace(article, body=rewrite(article.body, visit))
                        if any(names[image] != image for image in article.images) else article)


def _locations(book: Book) -> dict[str, str]:
    """Where each part, chapter and article lives: ``c2.xhtml`` or ``c2.xhtml#a5``."""
    where = {"cover": "cover.xhtml", "titlepage": "titlepage.xhtml", "copyright": "titlepage.xhtml",
             "toc": "contents.xhtml"}
    if book.preface:
        where.update({"preface": "preface.xhtml", book.preface.id: f"preface.xhtml#{book.preface.id}"})
    for part in book.parts:
        if part.title:
            where[part.id] = document_name("part", part.id)
        for chapter in part.chapters:
            name = document_name("chapter", chapter.id)
            where[chapter.id] = name
            where.update({article.id: f"{name}#{article.id}" for article in chapter.articles})
    return where


def _shown_in(book: Book, partial: str, extra: dict) -> tuple[Shown, ...]:
    """The parts, chapters and articles a content document made from ``partial`` shows: its
    chapter and the chapter's articles, its part, or the preface."""
    if chapter := extra.get("chapter"):
        return (chapter, *chapter.articles)
    if part := extra.get("part"):
        return (part,)
    return (book.preface,) if partial == "_preface.html" else ()


def _first_body(book: Book, where: dict[str, str]) -> str:
    """The first part or chapter: the landmark readers open a book at (bodymatter)."""
    first = book.parts[0]
    return where[first.id] if first.title else where[book.chapters[0].id]


def _by_container(pages: list[PageStart]) -> dict[str, list[PageStart]]:
    grouped: dict[str, list[PageStart]] = {}
    for start in pages:
        grouped.setdefault(start.container, []).append(start)
    return grouped


def _doc_of(start: PageStart, where: dict[str, str]) -> str:
    return where.get(start.container, "contents.xhtml").split("#")[0]


def _is_number(label: str) -> bool:
    """Whether a page's label is a number in figures (5; not iv, nor a theme's ①)."""
    return label.isascii() and label.isdigit()


def _page_type(label: str, valued: set[str]) -> dict[str, str]:
    """An NCX pageTarget's type, and its value when it is a number: the first page of a number is
    ``normal``; another that prints it (front matter numbered as the body is) ``special``, with no
    value, for a value and type given twice made the NCX invalid. ``valued``: the numbers given."""
    if not _is_number(label):
        return {"type": "front"}
    if label in valued:
        return {"type": "special"}
    valued.add(label)
    return {"type": "normal", "value": label}


class _Writer(epub.EpubWriter):
    """EbookLib's writer, with the nav's page-list made from the print edition's page starts.

    (EbookLib's own page-list takes every element with an ``epub:type``, footnotes included.)
    Its NCX numbers the entries (``playOrder``, an option) and gets its true depth here.
    """

    def __init__(self, name, book, options, page_list: list[tuple[str, str]], page_list_title: str,
                 titles: dict[str, tuple[str | None, str | None]]) -> None:
        super().__init__(name, book, options)
        self.page_list = page_list
        self.page_list_title = page_list_title
        self.titles = titles

    def _get_ncx(self) -> bytes:
        """EbookLib's NCX with the depth of its navMap: EbookLib writes ``dtb:depth`` 0 whatever
        the nesting (parts, chapters, articles), and older readers size their contents by it. With
        the print edition's pages, their list too (:meth:`_add_ncx_page_list`)."""
        root = etree.fromstring(super()._get_ncx())
        depth = max((len(point.xpath("ancestor-or-self::ncx:navPoint", namespaces=NCX))
                     for point in root.iter(f"{{{NCX['ncx']}}}navPoint")), default=1)
        root.find("ncx:head/ncx:meta[@name='dtb:depth']", NCX).set("content", str(depth))
        if self.page_list:
            self._add_ncx_page_list(root)
        return etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8")

    def _add_ncx_page_list(self, root: etree._Element) -> None:
        """The print edition's pages in the NCX, as the nav lists them, for the readers of EPUB 2 that
        read pages only there: it said the book had none (``dtb:totalPageCount`` 0) where the nav and
        the OPF said it had. Every entry's ``playOrder`` is then its place in the reading order, as
        the NCX has it, a page and a heading at one place sharing one."""
        ncx = NCX["ncx"]
        pages = etree.Element(f"{{{ncx}}}pageList")
        etree.SubElement(etree.SubElement(pages, f"{{{ncx}}}navLabel"), f"{{{ncx}}}text").text = self.page_list_title
        valued: set[str] = set()
        for href, label in self.page_list:
            target = etree.SubElement(pages, f"{{{ncx}}}pageTarget", id=href.partition("#")[2],
                                      **_page_type(label, valued))
            etree.SubElement(etree.SubElement(target, f"{{{ncx}}}navLabel"), f"{{{ncx}}}text").text = label
            etree.SubElement(target, f"{{{ncx}}}content", src=href)
        root.find("ncx:navMap", NCX).addnext(pages)
        numbers = [int(label) for _, label in self.page_list if _is_number(label)]
        root.find("ncx:head/ncx:meta[@name='dtb:totalPageCount']", NCX).set("content", str(len(self.page_list)))
        root.find("ncx:head/ncx:meta[@name='dtb:maxPageNumber']", NCX).set("content", str(max(numbers, default=0)))
        entries = root.xpath("//ncx:navPoint | //ncx:pageTarget", namespaces=NCX)
        spine = self.book.spine  # the documents themselves (render_epub's)
        documents = {item.file_name: index for index, item in enumerate(spine)}

        def place(src: str) -> tuple[int, int]:
            """Where ``src`` (``c1.xhtml#page-3``) is in the reading order: its document's place in
            the spine, and its id's in the document."""
            name, _, fragment = src.partition("#")
            document = documents.get(name, len(spine))
            if not fragment or document == len(spine):
                return document, 0
            return document, max(spine[document].get_content().find(f'id="{fragment}"'.encode()), 0)

        places = {src: place(src) for src in {entry.find("ncx:content", NCX).get("src") for entry in entries}}
        order = {at: number for number, at in enumerate(sorted(set(places.values())), 1)}
        for entry in entries:
            entry.set("playOrder", str(order[places[entry.find("ncx:content", NCX).get("src")]]))

    def _get_nav(self, item) -> bytes:
        """EbookLib's nav with its titles' markup (:func:`_nav_titles`), and the page-list."""
        nav = super()._get_nav(item)
        if not self.page_list and not self.titles:
            return nav
        root = etree.fromstring(nav)
        # The contents' entries alone: a landmark's label is its own, though its href be a chapter's.
        for link in root.xpath("//x:nav[@epub:type='toc']//x:a", namespaces={"x": XHTML, "epub": OPS}):
            markup, lang = self.titles.get(link.get("href"), (None, None))
            if markup:
                written = etree.fromstring(f'<a xmlns="{XHTML}">{markup}</a>')
                link.text = written.text
                link[:] = list(written)
            if lang:
                link.set("lang", lang)
        if self.page_list:
            self._add_page_list(root.find(f"{{{XHTML}}}body"))
        return etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8")

    def _add_page_list(self, body: etree._Element) -> None:
        pages = etree.SubElement(body, f"{{{XHTML}}}nav", {f"{{{OPS}}}type": "page-list", "id": "page-list",
                                                            "hidden": "hidden"})
        etree.SubElement(pages, f"{{{XHTML}}}h2").text = self.page_list_title
        listing = etree.SubElement(pages, f"{{{XHTML}}}ol")
        for href, label in self.page_list:
            etree.SubElement(etree.SubElement(listing, f"{{{XHTML}}}li"), f"{{{XHTML}}}a", href=href).text = label
