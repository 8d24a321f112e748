"""The EPUB's package metadata: Dublin Core, refinements, collections, and EPUB Accessibility 1.1.

Accessibility properties are claimed only when true of this book: ``printPageNumbers`` when
the page-list is there (with its source: ``dc:source`` refined as ``source-of`` pagination, the
PDF paiban made; EPUBCheck does not know ``a11y:pageBreakSource`` yet), and
``alternativeText`` only when every image has alt text or is decorative; the summary says so too, and does not
call the text complete when an image has none. The hazard is ``none`` only when nothing of the
book could be one: an animated picture may flash, so a book with one says ``unknown``. Nothing
claims conformance (``dcterms:conformsTo``) unless book.toml's ``[accessibility]`` declares it:
paiban cannot check WCAG for a book's content. What that table declares (conformance, who
certified it, the summary, the hazards) replaces paiban's own.
"""

from __future__ import annotations

from ebooklib import epub
from lxml import html

from ..model import Book, Metadata, one_line
from ..pixels import animated
from ..punctuation import in_title_marks
from ..xhtml import decorative

ROLES = (("authors", "aut"), ("editors", "edt"), ("translators", "trl"))
IBOOKS = "http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def describe(package: epub.EpubBook, book: Book, page_list: bool) -> None:
    """Set every piece of metadata the book has on ``package``."""
    meta = book.meta
    package.set_identifier(meta.identifier)
    package.title = one_line(meta.title)  # EbookLib's nav and NCX read it
    _meta(package, "DC", "title", one_line(meta.title), id="title", **_language(meta, meta.title))
    _refine(package, "title", "title-type", "main")
    if meta.subtitle:
        _meta(package, "DC", "title", one_line(meta.subtitle), id="subtitle", **_language(meta, meta.subtitle))
        _refine(package, "subtitle", "title-type", "subtitle")
    package.set_language(meta.language)
    _credits(package, meta)
    for name in ("publisher", "date", "description", "rights"):
        if value := getattr(meta, name):
            _meta(package, "DC", name, value)
    for subject in meta.subjects:
        _meta(package, "DC", "subject", subject)
    if meta.series:
        _meta(package, None, "meta", meta.series, property="belongs-to-collection", id="series")
        _refine(package, "series", "collection-type", "series")
        if meta.series_index is not None:
            _refine(package, "series", "group-position", f"{meta.series_index:g}")
    _accessibility(package, book, page_list)


def fonts_specified(package: epub.EpubBook) -> None:
    """Tell Apple Books to use the fonts the EPUB embeds: without ``ibooks:specified-fonts`` it
    sets the book in its own and ignores them (``ibooks`` is no reserved prefix: it is declared)."""
    package.add_prefix("ibooks", IBOOKS)
    _meta(package, None, "meta", "true", property="ibooks:specified-fonts")


def _credits(package: epub.EpubBook, meta: Metadata) -> None:
    """Authors are ``dc:creator``; editors and translators ``dc:contributor`` (readers list every
    creator as an author), each with its MARC role. A book with no author (an anthology) has its
    editors as creators, so it is still listed under a name."""
    for field, role in ROLES:
        creates = field == "authors" or (field == "editors" and not meta.authors)
        for number, name in enumerate(getattr(meta, field), 1):
            _meta(package, "DC", "creator" if creates else "contributor", name, id=f"{role}-{number}",
                  **_language(meta, name))
            _refine(package, f"{role}-{number}", "role", role, scheme="marc:relators")


def _language(meta: Metadata, text: str) -> dict[str, str]:
    """The ``xml:lang`` of a title or a name book.toml tags whole with a language (a subtitle
    ``[…]{lang=en}``), which a reading system reads aloud in its voice; none for one in the book's."""
    language = meta.language_of(text)
    return {XML_LANG: language} if language else {}


def _accessibility(package: epub.EpubBook, book: Book, page_list: bool) -> None:
    images = [described for article in book.articles for described in _described(article.body)]
    described = all(images)  # the build warns of each one without (build.py)
    modes = ["textual"] + (["visual"] if images else [])
    features = ["tableOfContents", "readingOrder", "structuralNavigation"]
    if page_list:
        features.append("printPageNumbers")
    if images and described:
        features.append("alternativeText")
    for mode in modes:
        _meta(package, None, "meta", mode, property="schema:accessMode")
    for sufficient in _sufficient(bool(images), described):
        _meta(package, None, "meta", sufficient, property="schema:accessModeSufficient")
    for feature in features:
        _meta(package, None, "meta", feature, property="schema:accessibilityFeature")
    declared = book.meta.accessibility
    for hazard in declared.hazards or _hazards(book):
        _meta(package, None, "meta", hazard, property="schema:accessibilityHazard")
    summary = declared.summary or _summary(book.labels, page_list, images=bool(images), described=described)
    _meta(package, None, "meta", summary, property="schema:accessibilitySummary")
    if declared.conforms_to:
        _meta(package, None, "meta", declared.conforms_to, property="dcterms:conformsTo")
    if declared.certified_by:
        _meta(package, None, "meta", declared.certified_by, property="a11y:certifiedBy")
    if page_list:  # EPUB Accessibility 1.1: a page-list names the edition its pages are of
        source = in_title_marks(one_line(book.meta.title)) + book.labels["print-edition"]
        _meta(package, "DC", "source", source, id="page-source")
        _refine(package, "page-source", "source-of", "pagination")


def _hazards(book: Book) -> list[str]:
    """The hazards of a book that declares none: ``none`` when nothing could be one (text and
    still pictures), ``unknown`` when a picture moves (it may flash; paiban cannot tell how): an
    article's, or the cover, which the EPUB shows as a page of its own (an animated cover was
    declared hazard-free)."""
    pictures = dict.fromkeys([*(image for article in book.articles for image in article.images),
                              *filter(None, [book.meta.cover])])
    return ["unknown"] if any(animated(book.root / image) for image in pictures) else ["none"]


def _sufficient(images: bool, described: bool) -> list[str]:
    """The sets of access modes that each suffice to read the book (the EPUB Accessibility
    metadata guide's ``schema:accessModeSufficient``): with pictures, text and sight together
    always do, text alone only when every picture is described; without any, text alone.
    (It was left out, not ``textual,visual``, when a picture had no alt text.)"""
    if not images:
        return ["textual"]
    return ["textual,visual"] + (["textual"] if described else [])


def _summary(labels: dict[str, str], page_list: bool, images: bool, described: bool) -> str:
    """The accessibility summary: what readers who cannot see the pages get, and nothing untrue
    (it called the text complete where an image had no alt text)."""
    said = (labels["a11y-text"] if described else "") + labels["a11y"]
    said += labels["a11y-pages"] if page_list else ""
    if not images:
        return said + "。"
    return said + labels["a11y-images" if described else "a11y-images-missing"]


def _described(body: str) -> list[bool]:
    """Whether each image of a body is described: it has alt text, or is decorative (it needs none)."""
    if "<img" not in (body or ""):
        return []
    fragment = html.fragment_fromstring(body, create_parent="div")
    return [bool((img.get("alt") or "").strip()) or decorative(img) for img in fragment.iter("img")]


def _meta(package: epub.EpubBook, namespace: str | None, name: str, value: str, **attributes: str) -> None:
    package.add_metadata(namespace, name, value, attributes or None)


def _refine(package: epub.EpubBook, id: str, property: str, value: str, **attributes: str) -> None:
    _meta(package, None, "meta", value, refines=f"#{id}", property=property, **attributes)
