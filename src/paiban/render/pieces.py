"""A large book's PDF in pieces, laid out on every core, then joined.

WeasyPrint lays a book out in one pass, on one core, at a cost that grows faster than the
book. So runs of chapters (pieces) are laid out in worker processes. A piece's page numbers
depend on how many pages the pieces before it have, which is known only once those are laid
out — but the page-number boxes are the very last thing WeasyPrint makes (margin boxes come
after the whole layout). So each worker lays out its piece, publishes its page count, waits
for the counts of the pieces before it, and only then makes its margin boxes, numbered from
the right page. The front matter, whose contents list needs every page number, is laid out
last, with the numbers written in. pypdf joins the pieces, adding a blank page where a piece
ends on a right-hand page, and writes the outline and the contents' links.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import weasyprint.layout
from pypdf import PdfWriter
from pypdf.annotations import Link
from pypdf.generic import Fit, NameObject, TextStringObject

from .. import cores
from ..cache import MISSING, NO_SHELF, Shelf, digest
from ..model import Book
from ..timings import stage
from ..xhtml import text_of
from .pagemap import page_starts

# A piece holds at least this many characters of text (more when a chapter is longer): small
# enough that layout stays near its linear cost, large enough that per-document overhead
# (styles, fonts in every piece's PDF) stays small.
PIECE_CHARACTERS = 30_000
log = logging.getLogger("paiban")
PX_TO_PT = 0.75


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to lay out one document: plain data, so it crosses processes."""

    markup: str
    sheets: tuple[tuple[str, str], ...]  # (CSS text, base URL)
    base_url: str
    roots: tuple[str, ...]  # what the URL fetcher may read
    containers: frozenset[str]  # section ids, for the page map

    def key(self) -> str:
        """A digest of everything the layout depends on (a set's order varies between processes)."""
        return digest(self.markup, self.sheets, self.base_url, self.roots, sorted(self.containers))


@dataclass
class Laid:
    """A laid-out piece: its PDF file and what the join needs to know about its pages."""

    path: str
    pages: int
    anchors: dict[str, tuple[int, float, float]]  # id → (page index, x, y) in CSS px
    bookmarks: list[tuple[int, str, int, float, float]]  # (level, label, page index, x, y)
    links: list[tuple[str, int, tuple[float, float, float, float]]]  # (target id, page index, rect px)
    starts: list = field(default_factory=list)  # pagemap.PageStart
    warnings: list[str] = field(default_factory=list)
    size: tuple[float, float] = (0.0, 0.0)  # page width, height in pt


def plan(book: Book, characters: int = PIECE_CHARACTERS) -> list[list[str]]:
    """Runs of section ids (a part's opener goes with its first chapter), each ≥ ``characters``
    of text; one run when this build may not use other processes."""
    pieces: list[list[str]] = [[]]
    size = 0
    for part in book.parts:
        for number, chapter in enumerate(part.chapters):
            if size >= characters:
                pieces.append([])
                size = 0
            if number == 0 and part.title:
                pieces[-1].append(part.id)
            pieces[-1].append(chapter.id)
            size += sum(len(text_of(article.body)) for article in chapter.articles)
    return pieces if cores.workers(len(pieces)) > 1 else [[section for run in pieces for section in run]]


def render(pieces: list[list[str]], body_job: Callable[[list[str]], Job],
           front_job: Callable[[dict[str, str]], Job], lay_out, target: Path, title: str,
           author: str, language: str, workers: int | None = None,
           on_piece: Callable[[int], None] | None = None, shelf: Shelf = NO_SHELF) -> tuple[int, list]:
    """Lay out ``pieces`` in parallel and the front matter after them; join into ``target``.

    ``lay_out(job, sink)`` lays out a job (see pdf.py); ``on_piece(n)`` is told as the n-th
    piece is done. Returns the page count and the page starts of the whole book.

    ``shelf`` keeps laid-out pieces between builds. A piece is taken from it when its job is the
    same and it starts on the same page, which is known once the pieces before it have counts:
    so the pieces whose page count is not known (changed ones; every one, the first time) are
    laid out first, then each other piece is either found or laid out at its new first page.
    """
    directory = tempfile.mkdtemp(prefix=".paiban-pieces-", dir=target.parent)
    try:
        jobs = [body_job(sections) for sections in pieces]
        keys = [job.key() for job in jobs]
        counts = {index: count for index, key in enumerate(keys) if (count := shelf.get(("pages", key))) is not MISSING}
        unknown = [index for index in range(len(jobs)) if index not in counts]
        laid = _lay_out_pieces(jobs, unknown, counts, directory, lay_out, workers, on_piece)
        counts |= {index: piece.pages for index, piece in laid.items()}
        firsts = [sum(_padded(counts[before]) for before in range(index)) for index in range(len(jobs))]
        for index in range(len(jobs)):
            if index not in laid and (found := shelf.get(("piece", keys[index], firsts[index]))) is not MISSING:
                laid[index] = _unshelved(found, directory)
                if on_piece:
                    on_piece(len(laid))
        rest = [index for index in range(len(jobs)) if index not in laid]
        laid |= _lay_out_pieces(jobs, rest, counts, directory, lay_out, workers, on_piece, done=len(laid))
        for index in unknown:
            shelf.put(("pages", keys[index]), laid[index].pages)
        for index in [*unknown, *rest]:
            shelf.put(("piece", keys[index], firsts[index]), _shelved(laid[index]))
        body = [laid[index] for index in range(len(jobs))]
        page_of, where = _folios(body)
        front_matter = front_job(page_of)
        front = _unshelved(shelf.memo(("piece", front_matter.key(), 0),
                                      lambda: _shelved(_lay_out(front_matter, lay_out, directory))), directory)
        for piece in [*body, front]:
            for warning in piece.warnings:
                log.warning("%s", warning)
        with stage("write pdf"):
            return _join(front, body, where, target, title, author, language)
    finally:
        for leftover in Path(directory).glob("*"):
            leftover.unlink()
        os.rmdir(directory)


def _lay_out_pieces(jobs: list[Job], chosen: list[int], counts: dict[int, int], directory: str, lay_out,
                    workers: int | None, on_piece: Callable[[int], None] | None, done: int = 0) -> dict[int, Laid]:
    """Lay out the ``chosen`` pieces in worker processes; ``counts`` are the page counts already
    known of the others (each worker waits for the counts of the pieces before its own)."""
    if not chosen:
        return {}
    laid = {}
    with multiprocessing.Manager() as manager:
        shared, failed = manager.dict(counts), manager.Event()
        workers = workers or cores.workers(len(chosen))
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for index, piece in zip(chosen, pool.map(
                    _piece, [jobs[index] for index in chosen], chosen, [shared] * len(chosen),
                    [failed] * len(chosen), [directory] * len(chosen), [lay_out] * len(chosen)), strict=True):
                laid[index] = piece
                if on_piece:
                    on_piece(done + len(laid))
    return laid


def _shelved(piece: Laid) -> tuple[Laid, bytes]:
    """A laid-out piece as the cache keeps it: its PDF's bytes, not the path of a temporary file."""
    return replace(piece, path=""), Path(piece.path).read_bytes()


def _unshelved(found: tuple[Laid, bytes], directory: str) -> Laid:
    piece, data = found
    handle, path = tempfile.mkstemp(suffix=".pdf", dir=directory)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    return replace(piece, path=path)


def _piece(job: Job, index: int, counts, failed, directory: str, lay_out) -> Laid:
    """A worker: lay out piece ``index``, numbering its pages after the pieces before it."""
    offset: list[int] = []

    def first_folio(context) -> int:
        if not offset:
            counts[index] = len(context.page_maker) - 1
            while not all(number in counts for number in range(index)):
                if failed.is_set():
                    raise RuntimeError("an earlier piece of the book failed")
                time.sleep(0.005)
            offset.append(sum(_padded(counts[number]) for number in range(index)))
        return offset[0]

    try:
        return _lay_out(job, lay_out, directory, first_folio)
    except BaseException:
        failed.set()
        raise


def _lay_out(job: Job, lay_out, directory: str, first_folio=None) -> Laid:
    warnings: list[str] = []
    with _numbered(first_folio):
        html, document = lay_out(job, warnings.append)
    here = {name for page in document.pages for name in page.anchors}
    links = [(target, number, rect) for number, page in enumerate(document.pages)
             for kind, target, rect, _ in page.links if kind == "internal" and target not in here]
    for page in document.pages:  # links into other pieces: the join makes them
        page.links[:] = [link for link in page.links if link[0] != "internal" or link[1] in here]
    handle, path = tempfile.mkstemp(suffix=".pdf", dir=directory)
    os.close(handle)
    document.write_pdf(path)
    anchors: dict[str, tuple[int, float, float]] = {}
    for number, page in enumerate(document.pages):
        for name, point in page.anchors.items():  # an element running over pages: its first
            anchors.setdefault(name, (number, point[0], point[1]))
    return Laid(
        path=path,
        pages=len(document.pages),
        anchors=anchors,
        bookmarks=[(level, label, number, point[0], point[1]) for number, page in enumerate(document.pages)
                   for level, label, point, _ in page.bookmarks],
        links=links,
        starts=page_starts(html.etree_element, document.pages, job.containers),
        warnings=warnings,
        size=(document.pages[0].width * PX_TO_PT, document.pages[0].height * PX_TO_PT),
    )


@contextlib.contextmanager
def _numbered(first_folio) -> Iterator[None]:
    """While laying out, offset the page counter in margin boxes by ``first_folio(context)``."""
    if first_folio is None:
        yield
        return
    original = weasyprint.layout.make_margin_boxes

    def make_margin_boxes(context, page, state):
        shift = first_folio(context)
        if shift:
            state = copy.deepcopy(state)
            state[1]["page"] = [value + shift for value in state[1]["page"]]
        return original(context, page, state)

    weasyprint.layout.make_margin_boxes = make_margin_boxes
    try:
        yield
    finally:
        weasyprint.layout.make_margin_boxes = original


def _padded(pages: int) -> int:
    """Every piece starts on a right-hand page: one that ends on a right-hand page gets a blank back."""
    return pages + pages % 2


def _folios(laid: list[Laid]) -> tuple[dict[str, str], dict[str, tuple[int, float, float]]]:
    """The printed page number of every anchor, and its page counted from the body's start."""
    page_of, where, before = {}, {}, 0
    for piece in laid:
        for name, (number, x, y) in piece.anchors.items():
            page_of.setdefault(name, str(before + number + 1))
            where.setdefault(name, (before + number, x, y))
        before += _padded(piece.pages)
    return page_of, where


def _join(front: Laid, laid: list[Laid], where: dict, target: Path, title: str, author: str,
          language: str) -> tuple[int, list]:
    """One PDF: front matter, then the pieces; outline and contents links across them."""
    writer = PdfWriter()
    width, height = front.size
    first_body = _padded(front.pages)
    for piece in [front, *laid]:
        writer.append(piece.path, import_outline=False)
        if piece.pages % 2 and piece is not laid[-1]:
            writer.add_blank_page(width, height)
    parents: dict[int, object] = {}
    starts = list(front.starts)
    offset = first_body
    outline = [(level, label, number, y) for level, label, number, _, y in front.bookmarks]
    for piece in laid:
        outline += [(level, label, offset + number, y) for level, label, number, _, y in piece.bookmarks]
        starts += piece.starts
        offset += _padded(piece.pages)
    for level, label, number, y in outline:
        parent = next((parents[up] for up in range(level - 1, 0, -1) if up in parents), None)
        parents[level] = writer.add_outline_item(title=label, page_number=number, parent=parent,
                                                 fit=Fit.xyz(0, height - y * PX_TO_PT))
        for deeper in [key for key in parents if key > level]:
            del parents[deeper]
    for name, number, (x, y, w, h) in front.links:
        if name in where:
            page, _, top = where[name]
            rect = (x * PX_TO_PT, height - (y + h) * PX_TO_PT, (x + w) * PX_TO_PT, height - y * PX_TO_PT)
            writer.add_annotation(number, Link(rect=rect, target_page_index=first_body + page,
                                               fit=Fit.xyz(0, height - top * PX_TO_PT)))
    writer.add_metadata({"/Title": title, "/Author": author, "/Creator": "paiban"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    writer.write(str(target))
    return len(writer.pages), starts
