"""A piece's margins (folios, running heads) made apart from its text, so they can be made again.

WeasyPrint makes a page's margin boxes last, from four things: the page's type (which @page
rules apply: its side, name, blankness and place in its page group), the page-based counters
and quotes at the page, the named strings set so far (``string-set``), and running elements.
While a piece is laid out, :class:`Recorder` keeps the first three, page by page (a
:class:`Setting`), and numbers the pages from the page the piece starts on.

To number the piece from another page, :func:`replayed` lays out a document of empty pages
with the piece's own head and style sheets, gives each page the recorded type, and hands its
margin boxes the recorded counters (numbered anew) and strings: the same boxes, laid out by the
same WeasyPrint, with other numbers. That takes about a sixth of the time of laying the text
out again. Margins that show the page's own boxes (``element()`` of a running element,
``target-counter()``, ``target-text()``, ``string(name, start)``, which looks for the string's
element at the top of the page), and a piece whose last page holds only footnotes that ran
over, have no setting: such a piece is laid out again when it moves.

Every margin box that shows the page counter carries, as ``folio``, the number it shows
(:func:`made`): the EPUB's page-list takes it (pagemap.folio), not the box's whole text, which is
the theme's and may be decorated ("— 5 —").

Each document is written as two PDFs (:func:`write_layers`): its text, the pages without
margin boxes, and its margins, the margin boxes alone; :func:`printed` lays the margins over
the text, as the page would have been drawn whole.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import weasyprint.layout
import weasyprint.layout.page
from pypdf import PdfReader, PdfWriter
from weasyprint.document import Page
from weasyprint.formatting_structure.boxes import MarginBox

ORIGINAL = weasyprint.layout.make_margin_boxes
PAGE_TYPE = weasyprint.layout.page.PageType
# What a margin box may show that only the page's own boxes give (see above).
FROM_THE_PAGE = frozenset({"element()", "target-counter()", "target-counters()", "target-text()"})
# One empty page of the replayed document (the page's type, forced, decides the rest).
EMPTY_PAGE = '<div style="display: block; height: 0; margin: 0; padding: 0; border: 0{}"></div>'


@dataclass(frozen=True)
class Setting:
    """What a piece's margin boxes were made from, page by page (plain data: it is cached)."""

    types: tuple[tuple, ...]  # WeasyPrint's PageType of each page, as a plain tuple
    states: tuple[tuple, ...]  # (quote depth, counter values, counter scopes), before numbering
    strings: dict[str, dict[int, list[str]]]  # named strings: name → page number → values set there


class NotReplayable(Exception):
    """The empty pages do not come out as the recorded ones (a theme's generated content on
    ``body``, say): the piece is laid out again instead."""


class Recorder:
    """Installed while a document is laid out: numbers its margin boxes from ``first_folio(context)``
    (a function, as a piece's first page may be known only once its layout is done) and records
    what they are made from."""

    def __init__(self, first_folio: Callable[[object], int] | None = None) -> None:
        self.first_folio = first_folio
        self.types: dict[int, tuple] = {}
        self.states: dict[int, tuple] = {}
        self.context = None
        self.replayable = True

    def make_margin_boxes(self, context, page, state):
        number = context.current_page - 1
        self.context = context
        self.types[number] = tuple(page.page_type)
        self.states[number] = copy.deepcopy(state[:3])
        boxes = made(context, page, _numbered(state, self.first_folio(context) if self.first_folio else 0))
        self.replayable = self.replayable and not any(_from_the_page(box) for box in boxes)
        return boxes

    def setting(self) -> Setting | None:
        """The recorded setting; ``None`` when the margins cannot be made alone (see above)."""
        context = self.context
        if context is None or not self.replayable or PAGE_TYPE(*self.types[max(self.types)]).blank:
            return None
        strings = {name: {page: list(values) for page, values in pages.items()}
                   for name, pages in context.string_set.items()}
        return Setting(tuple(self.types[n] for n in sorted(self.types)),
                       tuple(self.states[n] for n in sorted(self.states)), strings)


@contextlib.contextmanager
def recording(first_folio: Callable[[object], int] | None = None) -> Iterator[Recorder]:
    """While laying out, number and record the margin boxes (see :class:`Recorder`)."""
    recorder = Recorder(first_folio)
    with _patched(weasyprint.layout, "make_margin_boxes", recorder.make_margin_boxes):
        yield recorder


@contextlib.contextmanager
def replayed(setting: Setting, first_folio: int) -> Iterator[None]:
    """While laying out the document :func:`empty_pages` makes, give its pages the recorded
    types, counters and strings, numbered from ``first_folio``."""
    types = [PAGE_TYPE(*page_type) for page_type in setting.types]

    def page_type(side, blank, name, index, groups):  # WeasyPrint's own type of the empty page
        if index >= len(types):
            raise NotReplayable
        return types[index]

    def make_margin_boxes(context, page, state):
        number = context.current_page - 1
        if number >= len(setting.states):
            raise NotReplayable
        if number == 0:
            context.string_set = defaultdict(lambda: defaultdict(list), {
                name: defaultdict(list, pages) for name, pages in copy.deepcopy(setting.strings).items()})
        recorded = (*copy.deepcopy(setting.states[number]), state[3])
        return made(context, page, _numbered(recorded, first_folio))

    with (_patched(weasyprint.layout.page, "PageType", page_type),
          _patched(weasyprint.layout, "make_margin_boxes", make_margin_boxes)):
        yield


@contextlib.contextmanager
def marking_folios() -> Iterator[None]:
    """While laying out a document whole (no piece to record), mark its folios (:func:`made`)."""
    with _patched(weasyprint.layout, "make_margin_boxes", made):
        yield


def made(context, page, state) -> list:
    """WeasyPrint's margin boxes of ``page``, each with the page number it shows as ``folio``
    (:func:`shown_page_number`)."""
    boxes = list(ORIGINAL(context, page, state))
    for box in boxes:
        box.folio = shown_page_number(box, state[1], context.counter_style)
    return boxes


def shown_page_number(box, counters: dict, counter_style) -> str:
    """The page counter as ``box`` shows it (``counter(page)``: its value in the counter's style,
    without the text around it), or ``""`` when it shows none."""
    content = box.style["content"]
    for kind, value in content if isinstance(content, (list, tuple)) else ():
        if kind == "counter()" and value[0] == "page" and value[-1] != "none":
            return counter_style.render_value(counters.get("page", [0])[-1], value[-1])
    return ""


def empty_pages(markup: str, setting: Setting) -> str:
    """The piece's document with its body emptied: one empty block for each page that is not
    blank (a blank page's type keeps it empty by itself)."""
    head = re.search(r"^.*?<body(\s[^>]*)?>", markup, flags=re.DOTALL)
    pages = sum(not PAGE_TYPE(*page_type).blank for page_type in setting.types)
    return ((head.group(0) if head else "<html><body>") + EMPTY_PAGE.format("")
            + EMPTY_PAGE.format("; break-before: page") * (pages - 1) + "</body></html>")


def write_layers(document, directory: str) -> tuple[str, str]:
    """Write ``document`` as two PDFs in ``directory``: its text, and its margins."""
    whole = [page._page_box for page in document.pages]
    try:
        for page, box in zip(document.pages, whole, strict=True):
            page._page_box = box.copy_with_children([child for child in box.children
                                                     if not isinstance(child, MarginBox)])
        text = temporary_pdf(directory, document.write_pdf)
    finally:
        for page, box in zip(document.pages, whole, strict=True):
            page._page_box = box
    return text, write_margins(document, directory)


def write_margins(document, directory: str) -> str:
    """Write the margin boxes of ``document``'s pages alone: not the page's background, border or
    mask, which the text's layer has (drawn twice, a translucent one would darken)."""
    pages = []
    for page in document.pages:
        box = page._page_box.copy_with_children([child for child in page._page_box.children
                                                 if isinstance(child, MarginBox)])
        box.background = box.canvas_background = box.border_image = box.mask_border_image = None
        box.border_top_width = box.border_right_width = box.border_bottom_width = box.border_left_width = 0
        pages.append(Page(box))
    return temporary_pdf(directory, document.copy(pages).write_pdf)


def printed(text: str, margins: str, directory: str) -> str:
    """The pages of ``text`` with those of ``margins`` drawn over them: the PDF as printed."""
    writer = PdfWriter(clone_from=text, keep_initial_header=True)  # WeasyPrint's %PDF-1.7, not pypdf's 1.3
    for page, margin in zip(writer.pages, PdfReader(margins).pages, strict=True):
        page.merge_page(margin)
        page.compress_content_streams()  # merging leaves them uncompressed: half as large again
    return temporary_pdf(directory, lambda path: write_pdf(writer, path))


def _from_the_page(box) -> bool:
    """Whether a margin box shows something only the page's own boxes give."""
    content = box.style["content"]
    return isinstance(content, (list, tuple)) and any(
        kind in FROM_THE_PAGE or (kind == "string()" and "start" in value[1:]) for kind, value in content)


def write_pdf(writer: PdfWriter, path: str | Path) -> None:
    """Write what pypdf made through a buffer: given a path, pypdf writes to the file unbuffered,
    a system call for each of its hundreds of thousands of small pieces."""
    with open(path, "wb") as out:
        writer.write(out)


def _numbered(state: tuple, shift: int) -> tuple:
    """``state`` with its page counter moved on by ``shift``."""
    if not shift:
        return state
    state = copy.deepcopy(state)
    state[1]["page"] = [value + shift for value in state[1]["page"]]
    return state


def temporary_pdf(directory: str, write: Callable[[str], object]) -> str:
    """The path of a new PDF file in ``directory``, written by ``write(path)``."""
    handle, path = tempfile.mkstemp(suffix=".pdf", dir=directory)
    os.close(handle)
    write(path)
    return path


@contextlib.contextmanager
def _patched(module, name: str, replacement) -> Iterator[None]:
    original = getattr(module, name)
    setattr(module, name, replacement)
    try:
        yield
    finally:
        setattr(module, name, original)
