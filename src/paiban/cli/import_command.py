"""``paiban import``: bring articles into a book as editors have them, with a report to check."""

from __future__ import annotations

import logging
from pathlib import Path

import click
from rich.measure import Measurement
from rich.table import Table

from .app import guarded, log_to_terminal, out, print_report

log = logging.getLogger("paiban")
REPORT_COLUMNS = ("article", "from", "title", "column", "author", "date", "source", "encoding",
                  "subheadings", "junk removed", "images")


@click.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--into", "book_dir", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="The book directory (default: the current one).")
@click.option("--chapter", metavar="NAME", default=None,
              help="Chapter folder inside the book to put the articles in (made if missing).")
@click.option("-o", "--output", "novel_dir", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="For a novel (one .txt of chapter lines): the new book's directory (default: named as the file).")
@click.option("--force", is_flag=True, help="Replace articles of the same title that the book already has.")
@click.option("--dry-run", is_flag=True, help="Print the report only; write nothing.")
@click.pass_context
def import_(context: click.Context, sources: tuple[Path, ...], book_dir: Path | None, chapter: str | None,
            novel_dir: Path | None, force: bool, dry_run: bool) -> None:
    """Import SOURCES (.txt, .html, .docx, .md files, or folders of them) as Markdown articles.

    Each source becomes NN-<title>.md with front matter (title, column, author, date, source);
    its images are copied into images/ beside it. Nothing is written if any source is bad.
    A novel (one .txt holding its chapter lines: 第一章 …) becomes a new book instead, in -o DIR:
    book.toml, a folder per volume (卷), an article per chapter.
    """
    log_to_terminal(quiet=False)
    from ..importer import (  # HTML-to-Markdown loads slowly
        plan_import, plan_novel, unread_in_book, write_import, write_novel)

    novel = guarded(context, lambda: plan_novel(list(sources), novel_dir, chapter, book_dir))
    if novel:
        if not dry_run:
            guarded(context, lambda: write_novel(novel))
        print_report(_novel_report(novel, dry_run))
        return
    book_dir = book_dir or Path(".")
    planned = guarded(context, lambda: plan_import(list(sources), book_dir, chapter, force))
    if not dry_run:
        guarded(context, lambda: write_import(planned))
    print_report(_report(planned, book_dir, dry_run))
    for article in [] if dry_run else unread_in_book(planned, book_dir):
        log.warning("%s: imported, but the book does not read it: its book.toml lists the chapters and their "
                    "articles. Add \"%s\" to a chapter's `articles` (paths are relative to the book directory)",
                    article.target, article.target.relative_to(book_dir).as_posix())


def _novel_report(book, dry_run: bool) -> Table:
    """A row per chapter: its file, title, and how much text it holds, to check against the source;
    above them, the numbers its chapters skip or repeat. On a terminal too narrow for a row, the
    file and the title go on over the next lines, whole, as a build's summary folds its paths: a
    file name kept on one line took an 80-column terminal and left the other columns empty."""
    from ..novel import numbering

    novel = book.novel
    verb = "Would make" if dry_run else "Made"
    parts = sum(1 for volume in novel.volumes if volume.title)
    title = (f"{verb} the book {book.book_dir} from the novel {book.source.name} ({book.encoding}): "
             f"{len(book.chapters)} chapter(s)" + (f" in {parts} part(s)" if parts else "")
             + (f"; author {novel.author}" if novel.author else "")
             + (f"; written in Traditional characters: language {book.language}" if book.language else "")
             + ("; the lines before the story are its description in book.toml" if novel.blurb else "")
             + (f"; its own contents list ({len(novel.contents)} lines) left out: the book makes its own"
                if novel.contents else "")
             + _numbering_told(numbering(novel))
             + (" (dry run: nothing written)" if dry_run else ""))
    table = Table(title=title, title_justify="left")
    for column in ("article", "title", "paragraphs", "characters"):
        counted = column in ("paragraphs", "characters")
        table.add_column(column, justify="right" if counted else "left", overflow="fold", no_wrap=counted)
    for path, chapter, paragraphs, characters in book.chapters:
        table.add_row(path.relative_to(book.book_dir).as_posix(), chapter, str(paragraphs), str(characters))
    return table


def _numbering_told(found) -> str:
    """What the chapters' numbers say of the file, for the editor to check against the source."""
    told = [f"numbers skipped: {'、'.join(found.skipped)}" if found.skipped else "",
            f"numbered twice: {'、'.join(found.repeated)}" if found.repeated else ""]
    return "".join(f"; {item}" for item in told if item)


def _report(planned: list, book_dir: Path, dry_run: bool) -> Table:
    """A row per article, a column per field; on a terminal too narrow for that, the fields of
    each article in one column that wraps (a table squeezed to fit shows only ``…``). Off a
    terminal, a line per article (see :func:`~paiban.cli.app.print_report`): nothing to fit."""
    verb = "Would import" if dry_run else "Imported"
    title = f"{verb} {len(planned)} article(s) into {book_dir}" + (" (dry run: nothing written)" if dry_run else "")
    rows = [(article.target.relative_to(book_dir).as_posix() + (" (replaced)" if article.replaces else ""),
             article.source.name, article.title, article.column or "", article.author or "", article.date or "",
             article.origin or "", article.encoding or "", str(article.subheadings), str(article.removed),
             str(len(article.images))) for article in planned]
    table = Table(title=title, title_justify="left")
    for column in REPORT_COLUMNS:
        table.add_column(column, justify="right" if column in ("subheadings", "junk removed", "images") else "left",
                         no_wrap=column in ("article", "from"))  # file names are copied, never cut
    for row in rows:
        table.add_row(*row)
    if not out.is_terminal or Measurement.get(out, out.options.update(max_width=10_000), table).minimum <= out.width:
        return table
    narrow = Table(title=title, title_justify="left")
    narrow.add_column("article")
    narrow.add_column("what was found", overflow="fold")
    for row in rows:
        narrow.add_row(f"{row[0]}\n← {row[1]}", "; ".join(f"{name} {value}" for name, value
                                                         in zip(REPORT_COLUMNS[2:], row[2:], strict=True) if value))
    return narrow
