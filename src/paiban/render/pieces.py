"""A large book's PDF in pieces, laid out on every core, then joined.

WeasyPrint lays a book out in one pass, on one core, at a cost that grows faster than the
book. So runs of chapters (pieces) are laid out in worker processes (one after another in the
build's own process when it may start none: the pieces are the book's, not the machine's).
A piece's page numbers depend on how many pages the pieces before it have, which is known only
once those are laid out — but the page-number boxes are the very last thing WeasyPrint makes
(margin boxes come after the whole layout). So each worker lays out its piece, publishes its
page count, waits for the counts of the pieces before it, and only then makes its margin boxes,
numbered from the right page. The front matter, whose contents list needs every page number, is laid out
once the pieces have them, with the numbers written in. pypdf joins the pieces, adding a blank page where a piece
(the last too) ends on a right-hand page, and writes the outline and the contents' links.

A piece is written as two layers, its text and its margins (folios, running heads), which
pypdf lays one over the other. A rebuild keeps the text of every piece whose articles did not
change; when pages were added or taken away before a piece, only its margins are made again
(see margins.py): its text stands where it stood on its pages, and every piece starts on a
right-hand page, so only the numbers change.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing.managers import SyncManager
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import DictionaryObject, Fit, NameObject, TextStringObject

from .. import patterns
from .. import cores
from ..atomic import pieces_directory
from ..cache import MISSING, NO_SHELF, Shelf, digest
from ..edition import Fonts
from ..forked import forked_workers, leave_stops_to_parent, stops_deferred
from ..model import Book
from ..timings import stage
from ..xhtml import text_of
from . import margins
from .margins import Setting
from .pagemap import copyright_run_on, folio, page_labels, page_places, starts_of, viewer_numbers

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
    sheets: tuple[tuple[str, str, str, bool], ...]  # (CSS text, base URL, its file, its lines are the file's)
    base_url: str
    roots: tuple[str, ...]  # what the URL fetcher may read
    containers: frozenset[str]  # section ids, for the page map
    articles: tuple[tuple[str, str], ...] = ()  # (id, source file) of each article, for warnings
    srgb: bool = False  # images converted to sRGB (PDF/A)
    cmyk: bool = False  # pictures that are not CMYK or grey named in a warning (PDF/X)
    fonts: Fonts | None = None  # the edition's, for the text of SVG images
    grey: bool = False  # pictures made grey (a book in black ink)
    svgs_shown: tuple[tuple[str, str], ...] = ()  # (SVG file, source file of an article showing it), for warnings
    font_files: tuple[str, ...] = ()  # installed fonts the fetcher reads too (render.emoji_apart's)
    missing: frozenset[str] = frozenset()  # characters the build warned its fonts lack (no part of the layout)

    def key(self) -> str:
        """A digest of everything the layout depends on (a set's order varies between processes)."""
        return digest(self.markup, self.sheets, self.base_url, self.roots, sorted(self.containers), self.articles,
                      self.srgb, self.cmyk, self.fonts, self.grey, self.svgs_shown, self.font_files)


@dataclass
class Laid:
    """A laid-out piece: its PDF files and what the join needs to know about its pages."""

    path: str  # the piece as printed: text and margins
    text: str  # its text alone (see margins.py)
    pages: int
    anchors: dict[str, tuple[int, float, float]]  # id → (page index, x, y) in CSS px
    bookmarks: list[tuple[int, str, int, float, float]]  # (level, label, page index, x, y)
    links: list[tuple[str, int, tuple[float, float, float, float]]]  # (target id, page index, rect px)
    places: list = field(default_factory=list)  # where each page begins (pagemap.page_places)
    folios: list[str] = field(default_factory=list)  # each page's printed number ("": none)
    setting: Setting | None = None  # what its margins are made from (None: they cannot be made alone)
    warnings: list[str] = field(default_factory=list)
    size: tuple[float, float] = (0.0, 0.0)  # page width, height in pt


def plan(book: Book, characters: int = PIECE_CHARACTERS, shelf: Shelf = NO_SHELF) -> list[list[list[str]]]:
    """Runs of chapters, each ≥ ``characters`` of text, as lists of section ids (a chapter's, with
    its part's opener before it when it is the part's first). The book alone decides them, not
    the cores: a build that may use only its own process (a batch worker, a one-core machine)
    lays the same pieces out one after another (see :class:`_Workers`). Such a build took the
    book in one pass: a tagged PDF, its bytes other than every other build's of the same sources.

    While the book has the same chapters, the runs of its last build are kept (``shelf``): text
    added to one chapter would otherwise move the ends of every later run, and each of them
    would have to be laid out again. But not across the line between one run and several: a book
    grown past ``characters`` kept its one run, and a rebuild was a tagged PDF where a new build
    was pieces, untagged (and the other way round for a book that shrank).
    """
    units = [[part.id, chapter.id] if number == 0 and part.title else [chapter.id]
             for part in book.parts for number, chapter in enumerate(part.chapters)]
    sizes = [sum(len(text_of(article.body)) for article in chapter.articles) for chapter in book.chapters]

    def greedy() -> list[list[list[str]]]:
        pieces: list[list[list[str]]] = [[]]
        size = 0
        for unit, chapter_size in zip(units, sizes, strict=True):
            if size >= characters:
                pieces.append([])
                size = 0
            pieces[-1].append(unit)
            size += chapter_size
        return pieces

    several = sum(sizes[:-1]) >= characters  # whether greedy() makes more than one run
    return shelf.memo(("plan", digest(units), characters, several), greedy)


def arranged(runs: list[list[list[str]]], body_job: Callable[[list[str]], Job], shelf: Shelf, size: int,
             split: bool = True) -> list[tuple[Job, str, object]]:
    """The pieces to make: (job, key, its text as kept or MISSING) for each run; or for each of
    its chapters, where the run's text is not kept and (``split`` allowed) either its chapters'
    are, or fewer runs are to be laid out than the ``size`` workers: a changed run's chapters are
    then laid out on every core instead of one."""
    def made(sections: list[str]) -> tuple[Job, str, object]:
        job = body_job(sections)
        key = job.key()
        return job, key, shelf.get(("text", key))

    whole = [made([section for unit in run for section in unit]) for run in runs]
    chapters = {number: [made(unit) for unit in run] for number, run in enumerate(runs)
                if split and len(run) > 1 and whole[number][2] is MISSING}
    kept = {number for number, each in chapters.items() if all(found is not MISSING for _, _, found in each)}
    to_lay_out = sum(found is MISSING for _, _, found in whole) - len(kept)
    pieces = []
    for number, piece in enumerate(whole):
        if number in kept or (number in chapters and to_lay_out < size):
            pieces += chapters[number]
        else:
            pieces.append(piece)
    return pieces


def render(pieces: list[tuple[Job, str, object]], front_job: Callable[[dict[str, str]], Job], lay_out,
           target: Path, info: dict[str, str], language: str,
           on_piece: Callable[[int], None] | None = None, shelf: Shelf = NO_SHELF) -> tuple[int, list]:
    """Lay out ``pieces`` (see :func:`arranged`) in parallel and the front matter after them;
    join into ``target``.

    ``lay_out(job, sink)`` lays out a job (see pdf.py); ``on_piece(n)`` is told as the n-th
    piece is done. ``info``: the document information the joined PDF has besides what WeasyPrint
    wrote into the front matter's (see :func:`_join`). Returns the page count and the page starts
    of the whole book.

    ``shelf`` keeps laid-out pieces between builds: each piece's text, found by its job, and the
    piece as printed, found by its job and the page it starts on. Pieces whose text is not kept
    (changed ones; every one, the first time) are laid out first, which gives every piece's
    first page; a piece that starts where it started before is then taken whole, and one that
    moved gets its margins made again over its kept text (see margins.py). The front matter is
    laid out as soon as every piece's page count and anchors are known.
    """
    with pieces_directory(target.parent) as scratch:
        directory = str(scratch)
        jobs = [job for job, _, _ in pieces]
        kept = {index: found for index, (_, _, found) in enumerate(pieces) if found is not MISSING}
        with _Workers(cores.workers(len(jobs) + 1)) as pool:
            laying, counts, anchors = _lay_out_changed(jobs, kept, pool, directory, lay_out)
            firsts = [sum(padded(counts[before]) for before in range(index)) for index in range(len(jobs))]
            page_of, where = _folios([(counts[index], anchors[index]) for index in range(len(jobs))])
            front_matter = front_job(page_of)
            front = shelf.get(("front", front_matter.key()))
            working = {}
            if front is MISSING:  # first, as the longest of the tasks left
                working["front"] = pool.submit(_lay_out, front_matter, lay_out, directory)
            laid = {}
            for index, (piece, _) in kept.items():
                if (found := shelf.get(("piece", pieces[index][1], firsts[index]))) is not MISSING:
                    laid[index] = replace(piece, path=_file(found[1], directory), folios=found[0])
                    if on_piece:
                        on_piece(len(laid))
            moved = {index: replace(piece, text=_file(data, directory))
                     for index, (piece, data) in kept.items() if index not in laid}
            for index in moved:
                working[index] = pool.submit(_margins_again, jobs[index], moved[index], firsts[index], directory,
                                             lay_out)
            laid |= _collected({**laying, **working}, on_piece, done=len(laid))
        if front is MISSING:
            front = _shelved(laid.pop("front"))
            shelf.put(("front", front_matter.key()), front)
        for index in laying:
            shelf.put(("text", pieces[index][1]), _shelved(laid[index], "text"))
        for index in [*laying, *moved]:
            shelf.put(("piece", pieces[index][1], firsts[index]),
                      (laid[index].folios, Path(laid[index].path).read_bytes()))
        body = [laid[index] for index in range(len(jobs))]
        front = replace(front[0], path=_file(front[1], directory))
        for warning in [*(warning for piece in [*body, front] for warning in piece.warnings),
                        *copyright_run_on(front.places)]:
            log.warning("%s", warning)
        with stage("write pdf"):
            return _join(front, body, where, target, info, language)


def _lay_out_changed(jobs: list[Job], kept: dict[int, tuple[Laid, bytes]], pool: _Workers, directory: str,
                     lay_out) -> tuple[dict[int, Future], dict[int, int], dict[int, dict]]:
    """Start laying out the pieces not ``kept``; return their futures and every piece's page count
    and anchors, which each worker publishes as soon as its piece is laid out, before writing it."""
    counts = {index: piece.pages for index, (piece, _) in kept.items()}
    anchors = {index: piece.anchors for index, (piece, _) in kept.items()}
    changed = [index for index in range(len(jobs)) if index not in kept]
    if not changed:
        return {}, counts, anchors
    manager = pool.manager()
    published, found = manager.dict(counts), manager.dict()
    laying = {index: pool.submit(_piece, jobs[index], index, published, found, pool.failed, directory, lay_out)
              for index in changed}
    return laying, _awaited(published, range(len(jobs)), laying), anchors | _awaited(found, changed, laying)


def _collected(futures: dict[object, Future], on_piece: Callable[[int], None] | None, done: int) -> dict[object, Laid]:
    """What ``futures`` (a piece's index, or "front") come to; ``on_piece`` is told of each piece."""
    laid = {}
    for key, future in futures.items():
        laid[key] = future.result()
        if on_piece and key != "front":
            done += 1
            on_piece(done)
    return laid


class EarlierPieceFailed(RuntimeError):
    """A worker stopped waiting for the page counts of the pieces before its own: one of them failed."""


class _Workers(contextlib.ExitStack):
    """The worker processes of one build, started when first asked for; none when ``size`` is 1
    (see :meth:`submit`).

    The workers ignore Ctrl-C and SIGTERM, sent to them or to the whole process group: the build
    decides. One that stops (an error, Ctrl-C, SIGTERM) cancels the pieces not yet started and
    sets ``failed``, so the pieces waiting for the page counts of earlier ones give up: leaving
    the block waits only for the layouts under way. (It waited for every piece of the book, a
    minute for a long one, after a ``kill``.) A second stop kills the workers instead of waiting
    (see :func:`~paiban.forked.forked_workers`)."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size
        self.pool: ProcessPoolExecutor | None = None
        self.failed = None  # set when a piece fails or the build stops

    def manager(self) -> SyncManager | type[_OwnProcess]:
        """A process that holds what workers tell each other and the build as they go. It ignores
        SIGTERM as multiprocessing has it ignore Ctrl-C: sent to the whole process group, the
        signal killed it under the workers, which printed the tracebacks of their lost
        connections. (The workers leave both signals to the build too: see _Workers.) Without
        workers, this process holds it."""
        if self.size == 1:
            self.failed = _OwnProcess.Event()
            return _OwnProcess
        manager = SyncManager(ctx=multiprocessing.get_context("fork"))
        with stops_deferred():
            manager.start(initializer=leave_stops_to_parent, initargs=(os.getpid(),))
        self.enter_context(manager)
        self.failed = manager.Event()
        return manager

    def submit(self, function: Callable[..., Laid], *arguments) -> Future:
        """``function(*arguments)`` in a worker; in this process, before this returns, when the
        build may use no other (``size`` 1: inside a batch or Dask worker, on one core). The
        pieces are submitted in their order, so each finds the page counts of those before it."""
        if self.size == 1:
            return _done_here(function, *arguments)
        if self.pool is None:
            self.pool = self.enter_context(forked_workers(self.size))
            self.push(self._stopping)  # left before the pool: the exit stack's order is the reverse
        with stops_deferred():  # the first submit forks the workers
            return self.pool.submit(function, *arguments)

    def _stopping(self, stopped: type[BaseException] | None, *_) -> None:
        """Leaving on a stop or an error: the pieces still waiting for earlier ones give up. (The
        exit stack shuts the pool down after this even if a second stop raises here.)"""
        if stopped is not None and self.failed is not None:
            self.failed.set()


class _OwnProcess:
    """What a manager holds for workers, for pieces laid out in the build's own process."""

    dict = dict
    Event = threading.Event


def _done_here(function: Callable[..., Laid], *arguments) -> Future:
    """``function(*arguments)`` run in this process, as the future of a pool that ran it: its error
    kept for :func:`_awaited` to raise (a stop is raised at once)."""
    future: Future = Future()
    try:
        future.set_result(function(*arguments))
    except Exception as error:
        future.set_exception(error)
    return future


def _awaited(published, wanted, futures: dict[int, Future]) -> dict:
    """The entries ``wanted`` of ``published`` (a shared dict workers fill as they go), once all
    are in; a worker's error is raised (the one that failed, not those that stopped for it)."""
    while not set(wanted) <= (found := published.copy()).keys():
        for future in futures.values():
            if future.done() and not isinstance(future.exception(), EarlierPieceFailed):
                future.result()
        time.sleep(0.01)
    return {key: found[key] for key in wanted}


def _shelved(piece: Laid, layer: str = "path") -> tuple[Laid, bytes]:
    """A laid-out document as the cache keeps it: the bytes of one of its PDFs (``layer``: "path",
    as printed, or "text"), not the paths of temporary files."""
    return replace(piece, path="", text=""), Path(getattr(piece, layer)).read_bytes()


def _file(data: bytes, directory: str) -> str:
    """``data`` (a PDF the cache kept) in a temporary file in ``directory``."""
    return margins.temporary_pdf(directory, lambda path: Path(path).write_bytes(data))


def _piece(job: Job, index: int, counts, anchors, failed, directory: str, lay_out) -> Laid:
    """A worker: lay out piece ``index``, numbering its pages after the pieces before it; its page
    count and anchors are put in ``counts`` and ``anchors`` as soon as they are known."""
    if failed.is_set():  # the build stopped while this piece waited in the pool's queue
        raise EarlierPieceFailed("the build stopped")
    offset: list[int] = []

    def first_folio(context) -> int:
        if not offset:
            counts[index] = len(context.page_maker) - 1
            while not set(range(index)) <= (known := counts.copy()).keys():
                if failed.is_set():
                    raise EarlierPieceFailed("an earlier piece of the book failed")
                time.sleep(0.01)
            offset.append(sum(padded(known[number]) for number in range(index)))
        return offset[0]

    try:
        return _lay_out(job, lay_out, directory, first_folio, lambda found: anchors.__setitem__(index, found))
    except BaseException:
        failed.set()
        raise


def _margins_again(job: Job, piece: Laid, first_folio: int, directory: str, lay_out) -> Laid:
    """A worker: number ``piece`` (text kept, first page moved) from ``first_folio`` by making its
    margins again; lay it out whole when that cannot be done."""
    if piece.setting is not None:
        with contextlib.suppress(margins.NotReplayable), margins.replayed(piece.setting, first_folio):
            _, document = lay_out(replace(job, markup=margins.empty_pages(job.markup, piece.setting)),
                                  lambda _warning: None)  # the piece's own layout gave its warnings
            if len(document.pages) == piece.pages:
                return replace(piece, path=margins.printed(piece.text, margins.write_margins(document, directory),
                                                            directory),
                               folios=[folio(page) for page in document.pages])
    return _lay_out(job, lay_out, directory, lambda _context: first_folio)


def _lay_out(job: Job, lay_out, directory: str, first_folio=None, publish=None) -> Laid:
    """Lay ``job`` out and write it (see margins.py); ``publish(anchors)`` is called before writing."""
    warnings: list[str] = []
    with margins.recording(first_folio) as recorder:
        html, document = lay_out(job, warnings.append)
    here = {name for page in document.pages for name in page.anchors}
    links = [(target, number, rect) for number, page in enumerate(document.pages)
             for kind, target, rect, _ in page.links if kind == "internal" and target not in here]
    for page in document.pages:  # links into other pieces: the join makes them
        page.links[:] = [link for link in page.links if link[0] != "internal" or link[1] in here]
    anchors: dict[str, tuple[int, float, float]] = {}
    for number, page in enumerate(document.pages):
        for name, point in page.anchors.items():  # an element running over pages: its first
            anchors.setdefault(name, (number, point[0], point[1]))
    if publish:
        publish(anchors)
    text, margin = margins.write_layers(document, directory)
    return Laid(
        path=margins.printed(text, margin, directory),
        text=text,
        pages=len(document.pages),
        anchors=anchors,
        bookmarks=[(level, label, number, point[0], point[1]) for number, page in enumerate(document.pages)
                   for level, label, point, _ in page.bookmarks],
        links=links,
        places=page_places(html.etree_element, document.pages, job.containers),
        folios=[folio(page) for page in document.pages],
        setting=recorder.setting(),
        warnings=warnings,
        size=(document.pages[0].width * PX_TO_PT, document.pages[0].height * PX_TO_PT),
    )


def padded(pages: int) -> int:
    """Every piece starts on a right-hand page, and a book ends on a left-hand one (printers count
    leaves, and flag an odd page count): one that ends on a right-hand page gets a blank back."""
    return pages + pages % 2


def _folios(pieces: list[tuple[int, dict]]) -> tuple[dict[str, str], dict[str, tuple[int, float, float]]]:
    """The printed page number of every anchor, and its page counted from the body's start, from
    each piece's (page count, anchors)."""
    page_of, where, before = {}, {}, 0
    for pages, anchors in pieces:
        for name, (number, x, y) in anchors.items():
            page_of.setdefault(name, str(before + number + 1))
            where.setdefault(name, (before + number, x, y))
        before += padded(pages)
    return page_of, where


def _join(front: Laid, laid: list[Laid], where: dict, target: Path, info: dict[str, str],
          language: str) -> tuple[int, list]:
    """One PDF: front matter, then the pieces; outline and contents links across them; the metadata
    a single pass has (:func:`_metadata`)."""
    writer = PdfWriter()
    width, height = front.size
    first_body = padded(front.pages)
    for piece in [front, *laid]:
        writer.append(piece.path, import_outline=False)
        if piece.pages % 2:
            writer.add_blank_page(width, height)
    parents: dict[int, object] = {}
    numbers = viewer_numbers(first_body, len(writer.pages))
    starts = starts_of(front.places, front.folios, numbers[:front.pages])
    offset = first_body
    outline = [(level, label, number, y) for level, label, number, _, y in front.bookmarks]
    for piece in laid:
        outline += [(level, label, offset + number, y) for level, label, number, _, y in piece.bookmarks]
        starts += starts_of(piece.places, piece.folios, numbers[offset:offset + piece.pages])
        offset += padded(piece.pages)
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
    for start, end, style in page_labels(first_body, len(writer.pages)):
        writer.set_page_label(start, end, style=style, start=1)
    _metadata(writer, front, info, language)
    _subsets_named_apart(writer)
    margins.write_pdf(writer, target)
    return len(writer.pages), starts


def _metadata(writer: PdfWriter, front: Laid, info: dict[str, str], language: str) -> None:
    """The joined PDF's metadata, as a single pass writes it: the document information WeasyPrint
    wrote into the front matter's PDF from the same document head (title, author, subject, keywords,
    date, creator, producer), then ``info``; the language; and the title shown in a viewer's title
    bar, which a single pass's tagging asks for. pypdf's own (title and author alone, "pypdf" the
    producer) lost the description, the date and the title bar's title."""
    writer.add_metadata({**PdfReader(front.path).metadata, **{f"/{key}": value for key, value in info.items()}})
    writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    writer.create_viewer_preferences().display_doctitle = True


SUBSET_TAG = patterns.compile(r"/[A-Z]{6}\+")


def _subsets_named_apart(writer: PdfWriter) -> None:
    """Give each distinct font program of the joined PDF a subset name of its own.

    WeasyPrint tags a subset after the font's description, not after the glyphs it holds, so each
    piece's subset of a font (and its margins layer's) is named alike, LWGGBP+Noto-Serif-CJK-SC,
    with other glyphs in it. RIPs and preflight tools take one subset name for one font program.
    So each subset is tagged after its program: the same program, on any number of pages, keeps
    one name; another program gets another tag.
    """
    owners: dict[str, bytes] = {}  # subset name → the digest of its program
    for font in writer._objects:  # everything the join holds (pypdf has no public list of it)
        if (not isinstance(font, DictionaryObject) or font.get("/Type") != "/Font"
                or str(font.get("/Subtype")).startswith("/CIDFont")  # a Type0 font's descendant: with it
                or not SUBSET_TAG.match(str(font.get("/BaseFont")))):
            continue
        parts = [font, *(descendant.get_object() for descendant in font.get("/DescendantFonts", []))]
        descriptors = [part["/FontDescriptor"].get_object() for part in parts if "/FontDescriptor" in part]
        key = hashlib.sha256(_program(font, descriptors)).digest()
        family = SUBSET_TAG.sub("", str(font["/BaseFont"]))
        while owners.setdefault(name := f"/{_tag(key)}+{family}", key) != key:  # another program's
            key = hashlib.sha256(key).digest()
        for part in parts:
            part[NameObject("/BaseFont")] = NameObject(name)
        for descriptor in descriptors:
            descriptor[NameObject("/FontName")] = NameObject(name)


def _program(font: DictionaryObject, descriptors: list[DictionaryObject]) -> bytes:
    """A font's program: its embedded font file, or a Type 3 font's glyph procedures."""
    files = [descriptor[key].get_object().get_data() for descriptor in descriptors
             for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor]
    procedures = font.get("/CharProcs", {})
    return b"".join(files + [procedures[glyph].get_object().get_data() for glyph in sorted(procedures)])


def _tag(key: bytes) -> str:
    """Six capital letters from ``key``, as subset tags are written."""
    return "".join(chr(ord("A") + byte % 26) for byte in key[:6])
