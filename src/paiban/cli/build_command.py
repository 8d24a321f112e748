"""``paiban build``: the whole pipeline, with a progress bar and a summary of what was written."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..build import DEFAULT_FORMATS, build as run_build
from ..edition import FORMATS, TARGET_LANGUAGE
from ..timings import Timings, recording
from .app import (BarProgress, book_dir_argument, err, guarded, log_to_terminal, print_report, progress_bar,
                  stop_on_sigterm)

if TYPE_CHECKING:
    from rich.table import Table

    from ..render import Output


@click.command()
@book_dir_argument()
@click.option("-f", "--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True,
              metavar="LIST", help=f"Comma-separated output formats: {', '.join(FORMATS)}.")
@click.option("--convert", metavar="CONFIG", default=None,
              help="Make a converted edition with this OpenCC config: "
                   f"{', '.join(TARGET_LANGUAGE)}. Its files are named <slug>.<language>.<format>.")
@click.option("-e", "--edition", "editions", multiple=True, metavar="NAME",
              help="Build only this edition of those declared in book.toml (repeatable). "
                   "[default: every declared edition]")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output directory.  [default: build/ beside book.toml]")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--allow-missing-glyphs", is_flag=True,
              help="Build even when the fonts lack a character (it prints in a fallback font, or as a box); "
                   "each is warned of at its file and line.")
@click.option("--no-cache", is_flag=True,
              help="Do all the work afresh instead of reusing what earlier builds made of unchanged sources.")
@click.option("--timings", "show_timings", is_flag=True, help="Print how long each stage of the build took.")
@click.pass_context
def build(context: click.Context, book_dir: Path, formats: str, convert: str | None,
          editions: tuple[str, ...], output: Path | None, quiet: bool, allow_missing_glyphs: bool,
          no_cache: bool, show_timings: bool) -> None:
    """Build the book in BOOK_DIR (default: the current directory).

    Writes <slug>.epub, <slug>.pdf and/or <slug>.html into the output directory (named
    editions: <slug>.<name>.<format>), each atomically: a failed build leaves earlier
    outputs untouched. Every edition declared in book.toml is built unless --edition or
    --convert picks one. Unchanged articles and chapters are taken from the cache that
    earlier builds left in the output directory (.paiban-cache/; `paiban clean` removes it).
    """
    log_to_terminal(quiet)
    stop_on_sigterm()
    started = time.perf_counter()
    with _bar(quiet) as bar, recording() as timings:
        outputs = guarded(context, lambda: run_build(
            book_dir, formats=formats.split(","), convert=convert, editions=editions, output=output,
            progress=bar, allow_missing_glyphs=allow_missing_glyphs, cache=not no_cache))
    if show_timings:
        print_report(_timings_table(timings), to=err)
    if not quiet:
        _summary(outputs, time.perf_counter() - started)


SUMMARY_COLUMNS = ("file", "edition", "size", "pages")


def _summary(outputs: list[Output], seconds: float) -> None:
    """What was written (see :func:`~paiban.cli.app.print_report`): on a terminal a table, its
    paths folded, never cut; elsewhere the time, then a line of tab-separated columns for each file."""
    from rich.table import Table

    table = Table(title=f"Built in {seconds:.1f} s", title_justify="left")
    for column in SUMMARY_COLUMNS:
        table.add_column(column, justify="right" if column in ("size", "pages") else "left", overflow="fold")
    for written in outputs:
        table.add_row(str(written.path), written.edition, _size(written.path.stat().st_size),
                      str(written.pages) if written.pages else "")
    print_report(table)


@contextlib.contextmanager
def _bar(quiet: bool) -> Iterator[BarProgress | None]:
    """The progress bar over the build, on standard error; none when ``quiet`` (nor is rich imported then)."""
    if quiet:
        yield None
        return
    with progress_bar(28) as bar:
        yield BarProgress(bar)


def _timings_table(timings: Timings) -> Table:
    """Seconds per stage, with each stage's share of the build: where a slow build spends its time.
    It goes to standard error, as the progress bar does: on standard output, before the summary,
    it put its own lines where a script reads the written files' paths (``awk 'NR > 2'``)."""
    from rich.table import Table

    table = Table(title="Timings", title_justify="left")
    for column in ("stage", "seconds", "share"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for name, seconds in timings.seconds.items():
        table.add_row(name, f"{seconds:.2f}", f"{seconds / (timings.total or 1):.0%}")
    table.add_row("total", f"{timings.total:.2f}", "", style="bold")
    return table


def _size(size: float) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"
