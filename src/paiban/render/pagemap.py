"""Where each printed page begins, so the EPUB can carry the print edition's page numbers.

Both formats render each part, chapter and front-matter section from the same partial, so a
place in the book can be named the same way in both: the section's id, the n-th block element
in it (paragraph, heading, list item …, or picture), and how many non-blank characters of that
block come before it. A picture counts as a block of its own, so a page that begins with one (a
page that holds only a picture) has its place too. A table's caption is a block in both: the
EPUB's ``<caption>``, and the block print sets above its table (typeset.TABLE_CAPTION). The PDF
renderer reads the page starts off WeasyPrint's layout; the EPUB renderer puts a page-break
marker at each (``epub:type="pagebreak"``) and lists them in the nav.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from ..numerals import roman
from ..xhtml import HEADINGS
from .typeset import ENDNOTE, ENDNOTES, TABLE_CAPTION

# A picture holds no text: a page marker goes before it, not inside (epub_markup).
PICTURES = frozenset({"img"})
BLOCKS = frozenset({"p", "li", "dt", "dd", "td", "th", "figcaption", "caption", "pre"}) | HEADINGS | PICTURES
# Notes and their calls, in the EPUB's markup (section.footnotes, sup.footnote-ref) and the PDF's
# (span.footnote, where it is called; section.endnotes, at its article's end): no part of the text
# pages are counted in, the PDF setting a note at the foot of its page. Both sides count without
# them, or a note holding a block (a picture, a list) put every marker after it one block late, and
# print's endnotes, blocks the EPUB's text has not, every marker after them.
_NOTE_CLASSES = frozenset({"footnote", "footnotes", "footnote-ref", "footnotes-sep", ENDNOTES})


@dataclass(frozen=True)
class PageStart:
    """A printed page: its folio as printed, and the place in the book where it begins: in a
    container's block, or in the note of id ``note`` (an endnote print sets at its article's end,
    which the EPUB has among its notes), ``offset`` characters into it."""

    label: str
    container: str
    block: int
    offset: int
    note: str = ""
    id: str = ""  # its marker's id in the EPUB, unique in the book (:func:`marked`)


def local(tag: object) -> str:
    """An element's tag without its namespace (lxml's XHTML tags carry one; WeasyPrint's do not)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def is_note_markup(element) -> bool:
    """Whether ``element`` is a note, the notes' list or a call (:data:`_NOTE_CLASSES`)."""
    return not _NOTE_CLASSES.isdisjoint((element.get("class") or "").split())


def is_block(element) -> bool:
    """Whether ``element`` is a block of the page map: one of :data:`BLOCKS`, or print's table caption
    (its ``<caption>`` in the EPUB: not counted, every marker after a captioned table stood a block early)."""
    return local(element.tag) in BLOCKS or TABLE_CAPTION in (element.get("class") or "").split()


def blocks(container, skip: Callable[[object], bool]) -> list:
    """The block elements of ``container`` in document order, leaving out subtrees ``skip`` names."""
    found = []

    def walk(element) -> None:
        for child in element:
            if not isinstance(child.tag, str) or skip(child):
                continue
            if is_block(child):
                found.append(child)
            walk(child)

    walk(container)
    return found


def own_text(block, skip: Callable[[object], bool]) -> Iterator[tuple[object, str]]:
    """(element, slot) of each text run that belongs to ``block`` itself: not to a nested block.

    ``slot`` is ``"text"`` or ``"tail"``; a run's owner is the element whose slot holds it.
    """
    if block.text:
        yield block, "text"
    for child in block:
        if isinstance(child.tag, str) and not skip(child) and not is_block(child):
            yield from own_text(child, skip)
        if child.tail:
            yield child, "tail"


def counted(text: str) -> int:
    """How many characters of ``text`` a place counts: its non-blank ones (the two formats space
    their text apart differently)."""
    return sum(not c.isspace() for c in text)


def starts_of(places: list[tuple[str, int, int, str] | None], folios: list[str],
              numbers: list[str]) -> list[PageStart]:
    """The page starts of a layout (:func:`page_places`): the pages that begin inside a container,
    each by its printed folio, or by the number it counts as (``numbers``, :func:`viewer_numbers`)
    when it prints none: a part's opener, the title page. (Left out, the EPUB's page-list skipped
    those pages though the package claims the print edition's page numbers.) Places and folios are
    read apart: a piece's folios can be made again without laying its text out (see pieces)."""
    return [PageStart(folio or number, *place)
            for place, folio, number in zip(places, folios, numbers, strict=True) if place]


def marked(starts: list[PageStart]) -> list[PageStart]:
    """``starts``, each with the id of its marker in the EPUB: ``page-`` and its label (``page-5``,
    ``page-iv``), a character other than an ASCII letter or digit written as its code point
    (``page-_4e09`` for 三), and a label printed twice numbered (``page-5-2``). An id must be an
    XML name and a link's fragment, and unique: a theme's folio of any style, or front matter
    that repeats the body's numbers, made an EPUB that EPUBCheck refused."""
    taken: set[str] = set()
    ids = []
    for start in starts:
        written = "page-" + "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}" for c in start.label)
        id, again = written, 1
        while id in taken:
            again += 1
            id = f"{written}-{again}"
        taken.add(id)
        ids.append(replace(start, id=id))
    return ids


def copyright_run_on(places: list[tuple[str, int, int, str] | None]) -> list[str]:
    """A warning when more than one page begins inside the copyright page: on a small trim its last
    lines ran on to the next, right-hand page, where the contents should begin."""
    if sum(place is not None and place[0] == "copyright" for place in places) < 2:
        return []
    return ["the copyright page does not fit on one page of this trim size: its last lines run on to "
            "the next, right-hand page (shorten `cip` or `rights` in book.toml, or choose a larger `size`)"]


def page_places(root, pages, containers: set[str]) -> list[tuple[str, int, int, str] | None]:
    """Where each page begins, as (container id, block number, characters before, the id of the
    endnote it begins in or ``""``), or ``None`` for a page that begins in no container. An endnote
    is one block, its characters counted from its start (print's number for it is generated)."""
    parent = {child: element for element in root.iter() for child in element}
    index: dict[object, tuple[str, int, str]] = {}
    for element in root.iter():
        if (container := element.get("id")) in containers:
            for number, block in enumerate(blocks(element, is_note_markup)):
                index[block] = (container, number, "")
            for note in element.iter("p"):
                if ENDNOTE in (note.get("class") or "").split():
                    index[note] = (container, 0, note.get("id"))
    seen: dict[object, int] = {}
    places: list[tuple[str, int, int, str] | None] = []
    for page in pages:
        first = None
        for box in _flow_content(page):
            block = _nearest(box.element, parent, index)
            if block is None or (block in seen and _in_header(block, parent)):
                continue
            if first is None:
                first = (block, seen.get(block, 0))
            seen[block] = seen.get(block, 0) + counted(getattr(box, "text", ""))
        if first is None:
            places.append(None)
        else:
            container, number, note = index[first[0]]
            places.append((container, number, first[1], note))
    return places


def _flow_content(page) -> Iterator:
    """The page's text and pictures in the main flow: no margin boxes, footnotes or generated text.
    (Text alone left a page that holds only a picture out of the EPUB's page-list.)"""
    from weasyprint.formatting_structure import boxes  # loaded already: the page was laid out

    root_box = page._page_box.children[0]
    for box in root_box.descendants():
        if "::" in (box.element_tag or ""):
            continue
        if isinstance(box, boxes.ReplacedBox) or (isinstance(box, boxes.TextBox) and box.text.strip()):
            yield box


def _in_header(block, parent: dict) -> bool:
    """Whether ``block`` is in a table's ``<thead>``: seen before, it is the header repeated atop a
    page the table runs on to, not where that page begins (its first row of the body is); the page's
    marker went into the header's first cell, with every other page's of the table."""
    element = parent.get(block)
    while element is not None and local(element.tag) != "thead":
        element = parent.get(element)
    return element is not None


def _nearest(element, parent: dict, index: dict):
    while element is not None and element not in index:
        element = parent.get(element)
    return element


def folio(page) -> str:
    """The page number printed in the page's margin, or ``""`` for an unnumbered page: the counter
    a margin box shows (margins.made), in its style, without the theme's decoration ("— 5 —" is
    5: taken whole, it made an id and a label of the EPUB's page-list)."""
    return next((number for margin in page._page_box.children[1:] if (number := getattr(margin, "folio", ""))), "")


def page_labels(first_body: int, pages: int) -> list[tuple[int, int, str]]:
    """The page numbers a PDF viewer shows, as the folios run: (first page index, last, PDF
    numbering style) for the front matter in lower-case roman numerals, then the body from 1
    on page ``first_body``. (Without them a viewer numbered the body's page 1 as 9.)"""
    ranges = [(0, first_body - 1, "/r"), (first_body, pages - 1, "/D")]
    return [(start, end, style) for start, end, style in ranges if start <= end]


def viewer_numbers(first_body: int, pages: int) -> list[str]:
    """The number a PDF viewer shows for each page (:func:`page_labels`): the one the page counts
    as, printed on it or not."""
    return [roman(index + 1).lower() if index < first_body else str(index - first_body + 1) for index in range(pages)]

