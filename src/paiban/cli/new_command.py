"""``paiban new``: scaffold a book project."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from ..edition import LANGUAGES
from ..scaffold import new_book
from .app import guarded, out


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--title", default=None, help="The book's title (default: the directory's name).")
# Not a click.Choice: its help and its error wrote the languages in lower case, which book.toml refuses,
# and its error had no "did you mean" for a tag such as zh-TW (the scaffold checks the language).
@click.option("--language", metavar=f"[{'|'.join(LANGUAGES)}]", default=None,
              help="The script (and region) the book is written in; the sample is written in it "
                   "(default: zh-Hant for a title in Traditional characters, else zh-Hans).")
@click.pass_context
def new(context: click.Context, directory: Path, title: str | None, language: str | None) -> None:
    """Create a new book project in DIRECTORY that builds at once."""
    files = guarded(context, lambda: new_book(directory, title, language))
    for path in files:
        out.print(f"created {path}")
    out.print(f"Next: paiban build {shlex.quote(str(directory))}", markup=False)  # a name may hold a space
