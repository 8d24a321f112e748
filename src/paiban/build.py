"""The pipeline, end to end: config → sources → assemble → convert → render. The CLI only wraps it."""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from .assemble import assemble, book_slug, count_articles, find_articles
from .atomic import NAME_MAX, remove_stale_pieces
from .cache import NO_SHELF, BuildCache, Shelf, digest, template_digest
from .chars import quoted
from .check.glyphs import require_fonts, require_glyphs
from .check.images import LEAST_DPI, coarse_pictures, undescribed_pictures
from .check.metadata import copyright_page, wrong_identifiers
from .check.passages import Locator
from .config import LoadedConfig, load_config
from .convert import edition_theme, make_edition
from .edition import FORMATS, LATIN, Edition, Fonts, editions_for, output_path
from .errors import PaibanError, unreadable
from .fingerprint import book_images, book_styles, hash_file, theme_files
from .fonts import font_file
from .model import Book
from .page import PageGeometry, page_geometry
from .paths import OUTPUT_DIR, inside
from .render import Output
from .render.epub import render_epub
from .render.epub_zip import LATEST
from .render.pagemap import PageStart
from .render.html import render_html
from .retold import held, making, told_once
from .theme import Theme
from .timings import stage

DEFAULT_FORMATS = ("epub", "pdf")
log = logging.getLogger("paiban")


class Progress(Protocol):
    """How a build reports what it is doing (the CLI shows a bar; the API default is silence).

    ``plan`` says how many more steps are coming; it may be called again as the build learns
    of more (the chapters of a PDF laid out in pieces)."""

    def plan(self, total: int) -> None: ...

    def step(self, label: str) -> None: ...


class Silent:
    """The progress of a build nobody watches."""

    def plan(self, total: int) -> None:
        pass

    def step(self, label: str) -> None:
        pass


def build(
    book_dir: str | os.PathLike = ".",
    formats: Iterable[str] = DEFAULT_FORMATS,
    convert: str | None = None,
    output: str | os.PathLike | None = None,
    progress: Progress | None = None,
    editions: Iterable[str] = (),
    allow_missing_glyphs: bool = False,
    cache: bool | BuildCache = True,
) -> list[Output]:
    """Build the book in ``book_dir`` and return what was written (each :class:`Output` has ``.path``).

    ``formats``: any of epub, pdf, html. Every edition declared in ``book.toml`` is built, or
    only those named in ``editions``; ``convert`` (an OpenCC config: s2t, s2tw, s2twp, s2hk,
    t2s, ...) builds one converted edition instead. ``output``: the directory (default
    ``build/`` beside ``book.toml``). Raises :class:`PaibanError` for anything wrong with the
    input; a failed build leaves earlier outputs untouched, and whatever it raises carries in
    ``written`` the outputs it had finished first. The sources are read once,
    however many editions are made from them. A character the edition's fonts lack stops the
    build (it would print as a box or in a stray font) unless ``allow_missing_glyphs``, which warns
    of each at its place. What builds killed with SIGKILL left in the output directory of a PDF
    laid out in pieces is removed.

    ``cache``: reuse what earlier builds into the same directory made of unchanged inputs (kept
    in ``.paiban-cache/`` there); ``False`` does all the work afresh; a :class:`BuildCache`
    is used as given (its counts then tell what was made and what reused). Each stage runs
    under :func:`~paiban.timings.stage`, for ``--timings``.
    """
    formats = check_formats(formats)
    progress = progress or Silent()
    root = Path(book_dir)
    with stage("config"):
        loaded = load_config(root)
        config = loaded.config
        chosen = editions_for(config, tuple(editions), convert)
        page = page_geometry(loaded)
        out_dir = Path(output) if output is not None else root / OUTPUT_DIR
        refuse_output_among_sources(out_dir, loaded.book_dir)
        refuse_long_names(loaded, chosen, formats)
        if "epub" in formats:  # a bad SOURCE_DATE_EPOCH is told before the PDF is laid out, not after
            source_epoch()
        remove_stale_pieces(out_dir)
        outline = find_articles(loaded)
    if not isinstance(cache, BuildCache):
        cache = BuildCache.in_output(out_dir) if cache else BuildCache(None)
    progress.plan(count_articles(outline) + len(chosen) * len(formats))
    reader = cache.reader(loaded.book_dir.resolve())
    reader.prefetch(outline.files)  # what the cache lacks, read on every core at once
    with stage("assemble"):
        source = assemble(loaded, on_article=lambda path: progress.step(f"reading {path.name}"),
                          outline=outline, reader=reader)
    with stage("check pictures"):  # a Word document's are located by parsing it, once per content
        locator = Locator(chosen[0], cache.shelf("pictures"))
        warn_of_rejects(source, loaded, chosen, page if "pdf" in formats else None, locator)
        warn_of_undescribed_pictures(source, chosen[0], locator)
    theme = Theme(source.root, cache.templates())
    templates = template_digest(source.root)
    documents = cache.shelf("xhtml", templates)
    outputs: list[Output] = []
    try:
        with told_once():  # each edition's, once
            for edition in chosen:
                with stage("convert"):
                    book = make_edition(source, edition, config.text.spacing, shelf=cache.shelf("convert"))
                    printed = edition_theme(theme, edition)
                with stage("check glyphs"):
                    require_fonts(edition, loaded, book, laid_out="pdf" in formats or config.epub.embed_fonts)
                    missing = require_glyphs(book, edition, loaded, printed, cache.shelf("glyphs", templates),
                                             cache.shelf("characters"), allowed=allow_missing_glyphs)
                starts: tuple = ()
                # The PDF first: the EPUB's page-list comes from where its pages begin.
                for fmt in sorted(formats, key=lambda fmt: fmt != "pdf"):
                    progress.step(f"rendering {edition.name or edition.language} {fmt.upper()}")
                    target = output_path(out_dir, book.slug, edition, fmt)
                    try:
                        with stage(f"render {fmt}"), making(fmt):
                            if fmt == "epub":
                                written = edition_epub(book, edition, printed, target, loaded, pages=list(starts),
                                                       documents=documents, pictures=cache.shelf("epub-pictures"),
                                                       sheets=cache.shelf("css"), deflated=cache.shelf("deflated"))
                            elif fmt == "pdf":
                                from .render.pdf import render_pdf  # WeasyPrint loads in ~0.5 s: only for a PDF

                                shelf = cache.shelf("pdf", layout_inputs(source.root, edition.fonts))
                                written = render_pdf(book, edition, printed, target, page, progress=progress,
                                                     shelf=shelf, missing=missing)
                                starts = written.page_starts
                            else:
                                written = render_html(book, edition, printed, target)
                        outputs.append(replace(written, edition=edition.name or edition.language))
                        cache.wrote(written.path)
                    except OSError as error:  # an input that cannot be read (a picture, a sheet), or the output
                        if _read_from(error, out_dir):
                            raise unreadable(error, target) from None
                        raise PaibanError(f"cannot write {target}: {error.strerror}", file=target,
                                          hint="Check that the output directory is writable and the disk "
                                               "has room (or pass --output DIR).") from None
    except Exception as error:  # a bug's too: the outputs finished first are complete, and a batch records them
        error.written = tuple(outputs)
        raise
    cache.prune()
    return outputs


# What only writing meets (a full disk, a quota, a read-only file system), wherever it writes.
_WRITING = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


def _read_from(error: OSError, out_dir: Path) -> bool:
    """Whether rendering failed on an input (a picture, a sheet, a font), not on writing: the
    file it names is neither the output directory, nor in it (an output, its temporary file, the
    PDF's pieces), nor on the way to it (a folder it could not make)."""
    if error.errno in _WRITING or not error.filename:
        return False
    path, out = Path(os.fsdecode(error.filename)).resolve(), out_dir.resolve()
    return path != out and out not in path.parents and path not in out.parents


def warn_of_rejects(book: Book, loaded: LoadedConfig, editions: list[Edition], page: PageGeometry | None,
                    locator: Locator) -> None:
    """Warn of what a store or a printer rejects, which ``paiban check`` calls an error: an
    identifier written as an ISBN that is none (it is printed on the copyright page and in the
    EPUB), and, when a press PDF is made (``page``), a copyright page without its publisher,
    edition or date, or ISBN (each edition's: the build said nothing of them) and a picture it
    prints under 150 dpi. The check's own findings, told as the build tells the sources' warnings."""
    for finding in wrong_identifiers(loaded):
        log.warning("%s", finding.told(loaded.book_dir))
    if page is not None and page.press:
        lacking: dict[str, list] = {}  # each lack told once, naming the editions (it was said once for each)
        for finding in (found for edition in editions for found in copyright_page(loaded, edition)):
            lacking.setdefault(finding.message, []).append(finding)
        for message, findings in lacking.items():
            names = [name for finding in findings for name in finding.editions]
            told = f"{message}, which a printer rejects ({'edition' if len(names) == 1 else 'editions'} " \
                   f"{', '.join(names)})"
            log.warning("%s", replace(findings[0], message=told).told(loaded.book_dir))
        for finding in coarse_pictures(book, editions[0], page, locator):
            rejected = f"{finding.message}, and a printer rejects one under {LEAST_DPI} dpi"
            log.warning("%s", replace(finding, message=rejected).told(book.root))


def warn_of_undescribed_pictures(book: Book, edition: Edition, locator: Locator) -> None:
    """Warn of each picture without alt text, whatever the formats: the EPUB is not described as
    having it, and the PDF's tags miss it too (WeasyPrint's own warning of it is not passed on:
    render/pdf.py). Told as ``paiban check`` tells it, naming a Word document's paragraph and
    what to do in Word."""
    for finding in undescribed_pictures(book, edition, locator):
        log.warning("%s", finding.told(book.root))


def edition_epub(book: Book, edition: Edition, theme: Theme, target: Path, loaded: LoadedConfig,
                 pages: list[PageStart] | None = None, documents: Shelf = NO_SHELF,
                 pictures: Shelf = NO_SHELF, sheets: Shelf = NO_SHELF, deflated: Shelf = NO_SHELF) -> Output:
    """Write an edition's EPUB with the book's options. ``paiban check`` renders its EPUBs with this
    too, so EPUBCheck and the store profiles judge what a build ships (they judged an EPUB without
    the fonts ``embed-fonts`` puts in). ``pages``, ``documents``, ``pictures``, ``sheets``, ``deflated``: see
    :func:`render_epub`."""
    return render_epub(book, edition, theme, target, modified=source_date(book, loaded.path), pages=pages,
                       embed_fonts=loaded.config.epub.embed_fonts, documents=documents, pictures=pictures,
                       sheets=sheets, deflated=deflated)


def among_sources(out_dir: Path, book_dir: Path) -> bool:
    """Whether ``out_dir`` is inside the book other than in its ``build/``: where the next build
    looks for articles (it read the last build's HTML preview back in as an article)."""
    return inside(out_dir, book_dir) and not inside(out_dir, book_dir / OUTPUT_DIR)


def refuse_output_among_sources(out_dir: Path, book_dir: Path) -> None:
    """An output directory among the book's sources is an error (see :func:`among_sources`)."""
    if among_sources(out_dir, book_dir):
        raise PaibanError(f"the output directory {out_dir} is inside the book, where its articles are",
                          hint=f"Leave out --output (outputs go to {OUTPUT_DIR}/ in the book, which is never "
                               "read), or give a directory outside the book.")


def refuse_long_names(loaded: LoadedConfig, editions: Iterable[Edition], formats: Iterable[str]) -> None:
    """An output name longer than a file name may be is an error at ``slug``, before any work: the
    build did it all, then failed on writing, and asked whether the disk had room."""
    slug = book_slug(loaded)
    longest = max((output_path(Path(), slug, edition, fmt).name for edition in editions for fmt in formats),
                  key=lambda name: len(os.fsencode(name)))
    if (size := len(os.fsencode(longest))) <= NAME_MAX:
        return
    given = loaded.config.book.slug is not None
    room = f"at most {NAME_MAX - size + len(os.fsencode(slug))} bytes (a Chinese character takes 3)"
    raise PaibanError(f"the output name {longest} is {size} bytes long, more than the {NAME_MAX} a file name may have",
                      file=loaded.path if given else loaded.book_dir,
                      line=loaded.line_of("book", "slug") if given else None,
                      hint=f"Shorten `slug` in [book] to {room}: it names the outputs, <slug>.<edition>.<format>."
                      if given else f"Give the book a `slug` in [book] of {room}: the outputs are named after "
                                    "the book's folder otherwise, <folder>.<edition>.<format>.")


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """The requested formats, validated and without repeats."""
    chosen = tuple(dict.fromkeys(fmt.strip().lower() for fmt in formats if fmt.strip()))
    unknown = [fmt for fmt in chosen if fmt not in FORMATS]
    if unknown or not chosen:
        raise PaibanError(f"unknown output format {quoted(unknown[0])}" if unknown else "no output format given",
                          hint=f"Use one or more of: {', '.join(FORMATS)} (e.g. --format epub,pdf).")
    return chosen


def source_epoch() -> dt.datetime | None:
    """The date ``SOURCE_DATE_EPOCH`` gives, ``None`` when it is not set. Its value is an integer, as
    the reproducible-builds spec has it (what ``date +%s`` prints), and one a zip can stamp: anything
    else is an error in the input, named (it was taken for a bug in paiban: ``int()``'s ValueError,
    or the zip's struct error past 2107). White space round it (a value read from a file, its
    newline kept) is no part of it, and a date before 1970 is negative: both were taken before."""
    if not (epoch := os.environ.get("SOURCE_DATE_EPOCH", "").strip()):
        return None
    latest = int(LATEST.timestamp())
    if not re.fullmatch("-?[0-9]+", epoch):
        wrong = "is not a whole number of seconds"
    elif int(epoch) > latest:
        wrong = f"is after {LATEST.year}, the last year an EPUB's zip can date its files (at most {latest})"
    else:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    raise PaibanError(f"SOURCE_DATE_EPOCH={quoted(epoch)} {wrong}",
                      hint="Set it to the seconds since 1970-01-01 00:00 UTC, as `date +%s` prints them (not "
                           "milliseconds), e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct); or unset it to date "
                           "the EPUB by its files. See https://reproducible-builds.org/specs/source-date-epoch/.")


def layout_inputs(root: Path, fonts: Fonts) -> str:
    """What a laid-out PDF page depends on besides its markup and stylesheets (which the pieces'
    keys hold): the font files, English text's Latin faces and the Latin emphasis's italic too (a
    font package's upgrade changes their size or time), the book's images and the theme's files (by content)."""
    faces = [*(font_file(family) for families in (fonts.serif, fonts.sans, fonts.mono, LATIN.serif, LATIN.sans)
               for family in families),
             *(font_file(family, "Italic") for family in LATIN.serif)]  # the Latin emphasis's italic
    stats = [(face, os.stat(face[0])) for face in faces if face]
    with held():  # a link left out of them was told once, when the build began
        files = [*book_images(root), *theme_files(root).values()]
    return digest([(face, stat.st_size, stat.st_mtime_ns) for face, stat in stats],
                  sorted((str(path), hash_file(path)) for path in files))


def source_date(book: Book, config_path: Path) -> dt.datetime:
    """When the sources last changed (``SOURCE_DATE_EPOCH`` wins): the EPUB's dcterms:modified,
    which stores read, with the identifier, to tell a new release. So every file of the book the
    EPUB is made of counts, not only the text: ``book.toml``, the articles, the cover and the
    pictures they show, and the book's own ``styles/`` (a new cover or sheet left the date as it was)."""
    if (given := source_epoch()) is not None:
        return given
    pictures = {image for article in book.articles for image in article.images}
    pictures |= {book.meta.cover} if book.meta.cover else set()
    with held():  # a link left out of styles/ was told once, when the build began
        styles = book_styles(book.root)
    files = [config_path, *(a.source for a in book.articles), *(book.root / name for name in pictures), *styles]
    return dt.datetime.fromtimestamp(max(path.stat().st_mtime for path in files), dt.timezone.utc)
