"""``paiban check``: the preflight an editor runs before a printer or a store sees the book."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import click

from ..check.stores import PROFILES
from ..errors import PaibanError
from .app import book_dir_argument, err, guarded, log_to_terminal, out, stop_on_sigterm


@click.command()
@book_dir_argument()
@click.option("-e", "--edition", "editions", multiple=True, metavar="NAME",
              help="Check only this edition of those declared in book.toml (repeatable). "
                   "[default: every declared edition]")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (see check/report.schema.json).")
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings (errors always exit 2).")
@click.option("--profile", type=click.Choice(PROFILES), default=None,
              help="Also check what this store needs of the EPUB.")
@click.pass_context
def check(context: click.Context, book_dir: Path, editions: tuple[str, ...], as_json: bool, strict: bool,
          profile: str | None) -> None:
    """Check the book in BOOK_DIR before it goes to a printer or a store.

    Glyphs missing from the fonts, characters of the other script, punctuation, metadata,
    images, links, tables too wide for the PDF's page, and EPUBCheck on each edition's EPUB
    (built afresh in a temporary directory). Exit 0 when clean, 2 with errors, 1 with warnings under --strict.
    """
    from ..check.preflight import preflight  # with Pillow and EPUBCheck's wrapper: only for this command
    from ..check.render import render_json, render_text
    from ..check.report import Report, unreadable

    log_to_terminal(quiet=as_json)
    stop_on_sigterm()

    def run() -> Report:
        try:
            return preflight(book_dir, editions=editions, profile=profile)
        except PaibanError as error:
            if not as_json or context.obj["debug"]:
                raise
            return unreadable(book_dir, editions, profile, error)  # a CI step still gets its JSON

    with nullcontext() if as_json else err.status("checking…"):
        report = guarded(context, run)
    if as_json:
        click.echo(render_json(report))
    else:
        render_text(report, out)
    sys.exit(report.exit_code(strict))
