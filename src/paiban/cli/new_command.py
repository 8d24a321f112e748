"""``paiban new``: scaffold a book project."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from ..scaffold import new_book
from .app import guarded, out


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--title", default=None, help="The book's title (default: the directory's name).")
@click.pass_context
def new(context: click.Context, directory: Path, title: str | None) -> None:
    """Create a new book project in DIRECTORY that builds at once."""
    files = guarded(context, lambda: new_book(directory, title))
    for path in files:
        out.print(f"created {path}")
    out.print(f"Next: paiban build {shlex.quote(str(directory))}", markup=False)  # a name may hold a space
