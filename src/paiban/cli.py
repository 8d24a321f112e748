"""The ``paiban`` command: a thin shell over :func:`paiban.build`.

Only here do errors become messages and exit codes: 2 for a problem in the input or the
command line (the message names the file and what to do), 1 for a bug in paiban.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .build import DEFAULT_FORMATS, build as run_build
from .edition import FORMATS, TARGET_LANGUAGE
from .errors import PaibanError
from .scaffold import new_book

USAGE_ERROR, INTERNAL_ERROR = 2, 1

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


class BarProgress:
    """A rich progress bar over articles read and formats rendered."""

    def __init__(self, bar: Progress) -> None:
        self.bar, self.task = bar, None

    def plan(self, total: int) -> None:
        self.task = self.bar.add_task("building", total=total)

    def step(self, label: str) -> None:
        if self.task is not None:
            self.bar.update(self.task, advance=1, description=label)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="paiban")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@click.pass_context
def main(context: click.Context, debug: bool) -> None:
    """paiban (排版): build Chinese e-books (EPUB 3) and print-ready PDFs from articles.

    A book is a directory with a book.toml and article files (Markdown, plain text, HTML).
    Start one with `paiban new DIR`, then run `paiban build` inside it.
    """
    context.obj = {"debug": debug}


@main.command()
@click.argument("book_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
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
@click.pass_context
def build(context: click.Context, book_dir: Path, formats: str, convert: str | None,
          editions: tuple[str, ...], output: Path | None, quiet: bool) -> None:
    """Build the book in BOOK_DIR (default: the current directory).

    Writes <slug>.epub, <slug>.pdf and/or <slug>.html into the output directory (named
    editions: <slug>.<name>.<format>), each atomically: a failed build leaves earlier
    outputs untouched. Every edition declared in book.toml is built unless --edition or
    --convert picks one.
    """
    _log_to_terminal(quiet)
    started = time.perf_counter()
    with Progress(TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True, disable=quiet) as bar:
        outputs = _guarded(context, lambda: run_build(
            book_dir, formats=formats.split(","), convert=convert, editions=editions, output=output,
            progress=BarProgress(bar)))
    if quiet:
        return
    table = Table(title=f"Built in {time.perf_counter() - started:.1f} s", title_justify="left")
    for column in ("file", "edition", "size", "pages"):
        table.add_column(column, justify="right" if column in ("size", "pages") else "left")
    for written in outputs:
        table.add_row(str(written.path), written.edition, _size(written.path.stat().st_size),
                      str(written.pages) if written.pages else "")
    out.print(table)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--title", default=None, help="The book's title (default: the directory's name).")
@click.pass_context
def new(context: click.Context, directory: Path, title: str | None) -> None:
    """Create a new book project in DIRECTORY that builds at once."""
    files = _guarded(context, lambda: new_book(directory, title))
    for path in files:
        out.print(f"created {path}")
    out.print(f"Next: paiban build {directory}")


def _guarded(context: click.Context, action):
    """Run ``action``; turn paiban's errors into a message and exit code 2, bugs into 1."""
    try:
        return action()
    except PaibanError as error:
        if context.obj["debug"]:
            raise
        err.print("[bold red]error:[/] ", end="")
        err.print(str(error), markup=False)
        sys.exit(USAGE_ERROR)
    except KeyboardInterrupt:
        err.print("interrupted: outputs written so far are complete; nothing half-written was left.")
        sys.exit(130)
    except Exception as error:  # a bug in paiban, not a problem with the input
        if context.obj["debug"]:
            raise
        err.print(f"[bold red]internal error:[/] {type(error).__name__}: ", end="")
        err.print(str(error), markup=False)
        err.print("This is a bug in paiban. Run again with --debug for the traceback and report it.")
        sys.exit(INTERNAL_ERROR)


def _log_to_terminal(quiet: bool) -> None:
    """paiban's warnings (and WeasyPrint's, forwarded) go to the terminal unless --quiet."""
    logger = logging.getLogger("paiban")
    logger.handlers[:] = [RichHandler(console=err, show_time=False, show_path=False,
                                      markup=False, level=logging.ERROR if quiet else logging.WARNING)]
    logger.setLevel(logging.INFO)
    logger.propagate = False


def _size(size: float) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"
