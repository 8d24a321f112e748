"""``paiban clean``: remove a book's build outputs and its build cache."""

from __future__ import annotations

from pathlib import Path

import click

from ..clean import clean as run_clean
from .app import book_dir_argument, guarded, out


@click.command()
@book_dir_argument()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output directory.  [default: build/ beside book.toml]")
@click.pass_context
def clean(context: click.Context, book_dir: Path, output: Path | None) -> None:
    """Remove what `paiban build` wrote for the book in BOOK_DIR, and its build cache.

    Other files in the output directory are left alone.
    """
    removed = guarded(context, lambda: run_clean(book_dir, output))
    for path in removed:
        out.print(f"removed {path}")
    if not removed:
        out.print("nothing to remove")
