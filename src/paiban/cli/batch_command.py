"""``paiban batch``: a whole catalogue, on local processes or a Dask cluster, with a report."""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from ..batch import BUILT, FAILED, NOT_BUILT, UP_TO_DATE, WITHDRAWN, Result, run_batch, stopped_report
from ..build import DEFAULT_FORMATS
from ..edition import FORMATS
from ..stops import interrupts_held
from .app import BarProgress, LogProgress, err, guarded, log_to_terminal, out, progress_bar, stop_on_sigterm

COLUMNS = ("book", "edition", "format", "status", "pages", "seconds", "error / warnings")


@click.command()
@click.argument("catalog", type=click.Path(exists=True, path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes on this machine.  [default: the number of cores]")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Run on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:PORT) instead.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output directory; each book's files go into DIR/<slug>/.  [default: build/ in the catalogue]")
@click.option("-f", "--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True,
              metavar="LIST", help=f"Comma-separated output formats: {', '.join(FORMATS)}.")
@click.option("-e", "--edition", "editions", multiple=True, metavar="NAME",
              help="Build only this edition of the books that declare it (repeatable); a book with none "
                   "of them is not built.  [default: every declared edition]")
@click.option("--json", "as_json", is_flag=True, help="Write the report as JSON on standard output.")
@click.pass_context
def batch(context: click.Context, catalog: Path, jobs: int | None, scheduler: str | None, output: Path | None,
          formats: str, editions: tuple[str, ...], as_json: bool) -> None:
    """Build every book of CATALOG: every edition in every format, each as its own task.

    CATALOG is a directory of book projects or a catalog.toml listing them. Outputs up to
    date with their sources (by the manifest in the output directory) are skipped, so an
    interrupted run resumes. A failing book does not stop the others; the exit code is 1
    when any failed. SIGTERM stops the run as Ctrl-C does.
    """
    if scheduler is not None and not scheduler.strip():  # (an unset variable in a script: it ran on the local pool)
        raise click.UsageError("--scheduler needs an address, tcp://HOST:PORT, as `dask scheduler` prints it.")
    if jobs is not None and scheduler is not None:
        raise click.UsageError("--jobs is for the local pool; with --scheduler the cluster's workers run the tasks.")
    log_to_terminal(quiet=as_json)
    stop_on_sigterm()
    with progress_bar(32) as bar:

        def run() -> list[Result]:
            try:
                return run_batch(catalog, output=output, formats=formats.split(","), editions=editions,
                                 jobs=jobs, scheduler=scheduler,
                                 progress=BarProgress(bar) if err.is_terminal or as_json else LogProgress(),
                                 say=lambda line: err.print(line, markup=False, soft_wrap=True))
            except BaseException as error:  # Ctrl-C, a bug: what finished is reported all the same
                if (report := stopped_report(error)) is not None:
                    bar.stop()
                    _report(report, as_json, context.obj["debug"])
                raise

        results = guarded(context, run)
    guarded(context, lambda: _report(results, as_json, context.obj["debug"]))
    if any(result.status == FAILED for result in results):
        sys.exit(1)


def _report(results: list[Result], as_json: bool, debug: bool) -> None:
    """The report on standard output; with ``--debug``, the traceback of each internal error on
    standard error (an edition's outputs share one: it is shown once). Written whole: a Ctrl-C or
    SIGTERM meanwhile is delivered after it (it cut the report short, and ended in Click's
    "Aborted!", exit 1)."""
    with interrupts_held():
        _write_report(results, as_json, debug)


def _write_report(results: list[Result], as_json: bool, debug: bool) -> None:
    if as_json:
        click.echo(json.dumps([asdict(result) for result in results], ensure_ascii=False, indent=1))
    elif out.is_terminal:
        out.print(_table(results))
    else:
        click.echo("\n".join(_lines(results)))
    if debug:
        for trace, result in {result.traceback: result for result in results if result.traceback}.items():
            err.print(f"{result.book} {result.edition}: internal error", style="bold red")
            err.print(trace, markup=False, highlight=False, end="")


def _title(results: list[Result]) -> str:
    """The outputs counted by status; then the books that failed as a whole, before any output
    (unreadable, or their catalogue entry names an edition they lack: a row each, with no edition
    or format, since how many outputs they would have made is unknown), and those not built since
    they declare none of the editions ``--edition`` names. "Could not be read" said it of a book
    that was read, and lacked the edition asked for."""
    counts = Counter(result.status for result in results if result.format)
    title = ", ".join(f"{counts[status]} {status}" for status in (BUILT, UP_TO_DATE, FAILED, NOT_BUILT, WITHDRAWN)
                      if counts[status] or status not in (NOT_BUILT, WITHDRAWN))
    whole = sum(1 for result in results if not result.format and result.status == FAILED)
    lacking = sum(1 for result in results if not result.format and result.status == NOT_BUILT)
    return (title + (f"; {whole} book{'s' if whole > 1 else ''} failed as a whole" if whole else "")
            + (f"; {lacking} book{'s' if lacking > 1 else ''} without the editions asked for" if lacking else ""))


def _lines(results: list[Result]) -> list[str]:
    """The report for a log file: the counts, then a line of tab-separated columns a task, each note on
    a line of its own under it, indented. Nothing is wrapped or cut, so a path can be searched for."""
    lines = [_title(results), "\t".join(COLUMNS[:-1])]
    for result in results:
        lines.append("\t".join((result.book, result.edition, result.format, result.status, str(result.pages or ""),
                                f"{result.seconds:.1f}" if result.seconds else "")))
        lines.extend(f"    {note}" for note in _notes(result).plain.splitlines())
    return lines


def _table(results: list[Result]) -> Table:
    table = Table(title=_title(results), title_justify="left")
    for column in COLUMNS:
        table.add_column(column, justify="right" if column in ("pages", "seconds") else "left",
                         overflow="fold")
    for result in results:
        style = {FAILED: "red", NOT_BUILT: "dim"}.get(result.status)
        table.add_row(result.book, result.edition, result.format, result.status,
                      str(result.pages or ""), f"{result.seconds:.1f}" if result.seconds else "",
                      _notes(result), style=style)
    return table


def _notes(result: Result) -> Text:
    """The error and the warnings of a row (a Text: an error's [[editions]] is not markup)."""
    notes = Text(result.error or "")
    for warning in result.warnings:
        notes.append(("\n" if notes else "") + f"warning: {warning}", style="yellow")
    return notes
