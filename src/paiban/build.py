"""The pipeline, end to end: config → sources → assemble → convert → render. The CLI only wraps it."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from .assemble import assemble, count_articles, find_articles
from .check.glyphs import require_glyphs
from .config import load_config
from .convert import make_edition
from .edition import FORMATS, editions_for, output_path
from .errors import PaibanError
from .model import Book
from .page import page_geometry
from .render import Output
from .render.epub import render_epub
from .render.html import render_html
from .render.pdf import render_pdf
from .theme import Theme

DEFAULT_FORMATS = ("epub", "pdf")
OUTPUT_DIR = "build"


class Progress(Protocol):
    """How a build reports what it is doing (the CLI shows a bar; the API default is silence)."""

    def plan(self, total: int) -> None: ...

    def step(self, label: str) -> None: ...


class _Silent:
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
) -> list[Output]:
    """Build the book in ``book_dir`` and return what was written (each :class:`Output` has ``.path``).

    ``formats``: any of epub, pdf, html. Every edition declared in ``book.toml`` is built, or
    only those named in ``editions``; ``convert`` (an OpenCC config: s2t, s2tw, s2twp, s2hk,
    t2s, ...) builds one converted edition instead. ``output``: the directory (default
    ``build/`` beside ``book.toml``). Raises :class:`PaibanError` for anything wrong with the
    input; a failed build leaves earlier outputs untouched. The sources are read once,
    however many editions are made from them. A character the edition's fonts lack stops the
    build (it would print as a box or in a stray font) unless ``allow_missing_glyphs``.
    """
    formats = check_formats(formats)
    progress = progress or _Silent()
    root = Path(book_dir)
    loaded = load_config(root)
    config = loaded.config
    chosen = editions_for(config, tuple(editions), convert)
    page = page_geometry(loaded)
    out_dir = Path(output) if output is not None else root / OUTPUT_DIR
    outline = find_articles(loaded)
    progress.plan(count_articles(outline) + len(chosen) * len(formats))
    source = assemble(loaded, on_article=lambda path: progress.step(f"reading {path.name}"),
                      outline=outline)
    theme = Theme(source.root)
    outputs = []
    for edition in chosen:
        book = make_edition(source, edition, config.text.spacing)
        if not allow_missing_glyphs:
            require_glyphs(book, edition, loaded)
        starts: tuple = ()
        # The PDF first: the EPUB's page-list comes from where its pages begin.
        for fmt in sorted(formats, key=lambda fmt: fmt != "pdf"):
            progress.step(f"rendering {edition.name or edition.language} {fmt.upper()}")
            target = output_path(out_dir, book.slug, edition, fmt)
            try:
                if fmt == "epub":
                    written = render_epub(book, edition, theme, target, modified=source_date(book, loaded.path),
                                          pages=list(starts), embed_fonts=config.epub.embed_fonts)
                elif fmt == "pdf":
                    written = render_pdf(book, edition, theme, target, page)
                    starts = written.page_starts
                else:
                    written = render_html(book, edition, theme, target)
                outputs.append(replace(written, edition=edition.name or edition.language))
            except OSError as error:
                raise PaibanError(f"cannot write {target}: {error.strerror}", file=target,
                                  hint="Check that the output directory is writable and the disk "
                                       "has room (or pass --output DIR).") from None
    return outputs


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """The requested formats, validated and without repeats."""
    chosen = tuple(dict.fromkeys(fmt.strip().lower() for fmt in formats if fmt.strip()))
    unknown = [fmt for fmt in chosen if fmt not in FORMATS]
    if unknown or not chosen:
        raise PaibanError(f"unknown output format {unknown[0]!r}" if unknown else "no output format given",
                          hint=f"Use one or more of: {', '.join(FORMATS)} (e.g. --format epub,pdf).")
    return chosen


def source_date(book: Book, config_path: Path) -> dt.datetime:
    """When the sources last changed (``SOURCE_DATE_EPOCH`` wins): the EPUB's dcterms:modified."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    newest = max(path.stat().st_mtime for path in [config_path, *(a.source for a in book.articles)])
    return dt.datetime.fromtimestamp(newest, dt.timezone.utc)
