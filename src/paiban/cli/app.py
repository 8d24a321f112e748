"""The ``paiban`` command group and what its subcommands share.

Only the CLI turns errors into messages and exit codes: 2 for a problem in the input or the
command line (the message names the file and what to do), 1 for a bug in paiban, 141 when the
reader of its output went away before it finished (``paiban build | head -1``).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import logging
import os
import re
import select
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..version import __version__
from ..errors import PaibanError, Terminated, stopped_by, terminate
from ..stops import STOPS

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

USAGE_ERROR, INTERNAL_ERROR = 2, 1
INTERRUPTED, TERMINATED = 128 + 2, 128 + 15  # as a shell reports a process that SIGINT or SIGTERM ended
OUTPUT_CLOSED = 128 + 13  # as a shell reports one that SIGPIPE ended, writing to a pipe no one reads



class _Terminal:
    """A rich ``Console`` made when it is first used: a command that prints nothing (``--quiet``)
    never imports rich, some 40 ms of its start (an EPUB rebuild takes half a second). It passes
    on what is asked of it; ``console`` is the console itself, for rich's own objects.

    Written to a file or a pipe (a nightly batch's log), a message is not wrapped: rich wrapped
    it at 80 columns, mid-sentence and mid-path, and a grep for it found half."""

    def __init__(self, **options: object) -> None:
        self._options = options
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
            self._console.soft_wrap = not self._console.is_terminal
            self._console.on_broken_pipe = _closed_early  # rich's hook; its own exits with 1, a bug's code
        return self._console

    def __getattr__(self, name: str) -> object:
        return getattr(self.console, name)


err = _Terminal(stderr=True, highlight=False)
out = _Terminal(highlight=False)


def _closed_early() -> None:
    """Exit with :data:`OUTPUT_CLOSED` if standard output or error is a pipe whose reader went away
    before paiban finished writing (``paiban build | head -1``, ``grep -m1``), the cause of the
    ``BrokenPipeError`` being handled: the work is done, only its report was not all read. Click and
    rich exited with 1, the code of a bug, with no message and no traceback for ``--debug`` to show.
    Such a stream is pointed at /dev/null first (the recipe of Python's documentation on SIGPIPE),
    or the interpreter's flush of it at exit failed again. Returns when neither is such a pipe:
    another pipe broken (a worker's) is a bug's to report."""
    poll = select.poll()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # none, closed, or no file (a test's)
            poll.register(stream.fileno(), select.POLLOUT)
    unread = [stream for stream, events in poll.poll(0) if events & (select.POLLERR | select.POLLHUP)]
    if not unread:
        return
    nowhere = os.open(os.devnull, os.O_WRONLY)
    for stream in unread:
        os.dup2(nowhere, stream)
    sys.exit(OUTPUT_CLOSED)


_ONE_CELL = str.maketrans("\t\r\n", "   ")  # a cell of a report's plain line


def print_report(table: Table, to: _Terminal = out) -> None:
    """A command's report on standard output (``to=err``: on standard error): ``table`` on a
    terminal. Elsewhere (a log file, a pipe) plain lines, never wrapped or cut: its title, its
    columns' names, then a line of tab-separated cells for each row, so a script can take a column
    (``awk -F'\\t'``). Laid out 80 columns wide there, a table cut its paths with "…", and one whose
    paths took the width left the columns beside them empty (an import's titles and counts). A tab
    or line break in a cell (a novel's chapter line 第一章<tab>初雪) is a space there, or it split the row."""
    if to.is_terminal:
        to.print(table)
        return
    columns = [[str(column.header), *map(str, column.cells)] for column in table.columns]
    lines = ["\t".join(cell.translate(_ONE_CELL) for cell in row) for row in zip(*columns, strict=True)]
    click.echo("\n".join([*([str(table.title)] if table.title else []), *lines]), err=to is err)


def progress_bar(label_width: int) -> Progress:
    """A progress bar on standard error, cleared when it stops; drawn only where rich can redraw it
    (a terminal, not a dumb one). Elsewhere it drew nothing but, as it stopped, an empty line: every
    clean build's cron mail or CI log held one, and a failed build's error was followed by one."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn(f"{{task.description:<{label_width}}}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err.console, transient=True, disable=not err.console.is_interactive)


class BarProgress:
    """A rich progress bar over articles read and formats rendered."""

    def __init__(self, bar: Progress) -> None:
        self.bar, self.task = bar, None

    def plan(self, total: int) -> None:
        if self.task is None:
            self.task = self.bar.add_task("building", total=total)
        else:
            self.bar.update(self.task, total=self.bar.tasks[self.task].total + total)

    def step(self, label: str) -> None:
        if self.task is not None:
            self.bar.update(self.task, advance=1, description=label)


class LogProgress:
    """Progress as one line on standard error for each step, ``[3/12] label``: what a log file
    (a nightly batch's, say), where no bar is drawn, shows of a run that is going on or hung."""

    def __init__(self) -> None:
        self.total = self.done = 0

    def plan(self, total: int) -> None:
        self.total += total

    def step(self, label: str) -> None:
        self.done += 1
        click.echo(f"[{self.done}/{self.total}] {label}", err=True)


class _LazyGroup(click.Group):
    """Subcommands imported only when one is run or listed (Click's documented lazy-loading
    pattern): ``paiban build`` starts without loading what ``batch``, ``serve`` or ``import`` need.

    ``lazy`` maps each name to ``module:function`` under :mod:`paiban.cli`.
    """

    def __init__(self, *args: object, lazy: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, context: click.Context) -> list[str]:
        return sorted(self.lazy)

    def get_command(self, context: click.Context, name: str) -> click.Command | None:
        if name not in self.lazy:
            return None
        module, function = self.lazy[name].split(":")
        return getattr(importlib.import_module(f"{__package__}.{module}"), function)

    def invoke(self, context: click.Context) -> object:
        """Run the subcommand. One whose output's reader went away (see :func:`_closed_early`) ends
        with 141: Click's own handling of the ``BrokenPipeError`` ended it with 1."""
        try:
            return super().invoke(context)
        except BrokenPipeError:
            _closed_early()
            raise


SUBCOMMANDS = {"batch": "batch_command:batch", "build": "build_command:build", "check": "check_command:check",
               "clean": "clean_command:clean", "import": "import_command:import_", "new": "new_command:new",
               "serve": "serve_command:serve"}


@click.group(cls=_LazyGroup, lazy=SUBCOMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="paiban")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@click.pass_context
def main(context: click.Context, debug: bool) -> None:
    """paiban (排版): build Chinese e-books (EPUB 3) and print-ready PDFs from articles.

    A book is a directory with a book.toml and article files (Markdown, plain text, HTML).
    Start one with `paiban new DIR`, then run `paiban build` inside it.
    """
    context.obj = {"debug": debug}
    # What the imports made lives as long as the process: frozen, no collection walks it again.
    # A build makes many long-lived objects and little cyclic garbage; without this, the oldest
    # generation's one collection during an EPUB rebuild costs ~50 ms of its ~0.55 s.
    gc.freeze()


def _here_still() -> None:
    """Refuse to run in a folder that was removed after the shell entered it: paths are resolved
    from it, and the EPUB's writer (EbookLib) asks for it, so a build wrote the PDF and then failed
    on the EPUB with a misleading "cannot write" and a traceback of its zip file's."""
    try:
        os.getcwd()
    except FileNotFoundError:
        raise PaibanError("the folder paiban runs in has been removed",
                          hint="cd to a folder that exists and run paiban again") from None


def guarded(context: click.Context, action):
    """Run ``action``; turn paiban's errors into a message and exit code 2, bugs into 1. ``--debug``
    prints the traceback before the message, and keeps the exit code: raised, each error ended with
    Python's 1, so a script could not tell a bad input from a bug while it was debugging either."""
    debug = context.obj["debug"]
    try:
        _here_still()
        return action()
    except PaibanError as error:
        if debug:
            traceback.print_exc()
        err.print("[bold red]error:[/] ", end="")
        err.print(_from_here(str(error)), markup=False)
        sys.exit(USAGE_ERROR)
    except KeyboardInterrupt as interrupt:
        ignore_further_stops()
        left = ("nothing was written (paiban check writes no output)" if context.info_name == "check" else
                "outputs written so far are complete; nothing half-written was left")
        err.print(f"{stopped_by(interrupt)}: {left}.")
        sys.exit(TERMINATED if isinstance(interrupt, Terminated) else INTERRUPTED)
    except Exception as error:  # a bug in paiban, not a problem with the input
        if isinstance(error, BrokenPipeError):
            _closed_early()
        if debug:
            traceback.print_exc()
        err.print(f"[bold red]internal error:[/] {type(error).__name__}: ", end="")
        err.print(str(error), markup=False)
        err.print("This is a bug in paiban: report it with the traceback above." if debug else
                  f"This is a bug in paiban. Run it again as `paiban --debug {context.info_name} …` (--debug "
                  "before the command) for the traceback, and report it.")
        sys.exit(INTERNAL_ERROR)


def book_dir_argument(exists: bool = False) -> Callable:
    """The BOOK_DIR argument of a command that takes a book (default: the current directory): its
    folder, or its book.toml, the file a user sees of it (`paiban build book.toml` was refused as
    "Directory 'book.toml' is a file")."""
    return click.argument("book_dir", default=".", type=click.Path(exists=exists, path_type=Path),
                          callback=_book_folder)


def _book_folder(context: click.Context, parameter: click.Parameter, path: Path) -> Path:
    """The folder of the book ``path`` names: itself, or the folder of the book.toml it is."""
    from ..config import CONFIG_NAME  # (only once a command that takes a book runs)

    if not path.is_file():
        return path
    if path.name == CONFIG_NAME:
        return path.parent
    raise click.BadParameter(f"{path} is a file: give the book's folder, the one that holds its book.toml")


def ignore_further_stops() -> None:
    """A stopped command has shut its workers down and only exits now: a further Ctrl-C or SIGTERM
    (a service manager's repeated stop) has nothing left to stop. It interrupted the exit's own
    clean-up, with a traceback, or, sent as Python restores the default handlers at its very end,
    ended the process by the signal instead of with the exit code."""
    for number in STOPS:
        signal.signal(number, signal.SIG_IGN)


def stop_on_sigterm() -> None:
    """SIGTERM (``kill``, ``timeout``, cron's or a service manager's stop) stops the command as Ctrl-C
    does: its atomic writes remove their temporary files and its worker processes are shut down,
    and :func:`guarded` says so and exits with 143. Killed by the signal's default action, a build
    left its ``.part`` file and its PDF piece workers running, orphaned."""
    signal.signal(signal.SIGTERM, terminate)


def log_to_terminal(quiet: bool) -> None:
    """paiban's warnings (and WeasyPrint's, forwarded) go to the terminal unless --quiet."""
    logger = logging.getLogger("paiban")
    logger.handlers[:] = [_TerminalLog(level=logging.ERROR if quiet else logging.WARNING)]
    logger.setLevel(logging.INFO)
    logger.propagate = False


class _TerminalLog(logging.Handler):
    """Records on :data:`err`: in a terminal, through rich's log handler, made for the first record it
    is to show (see :class:`_Terminal`); in a file or a pipe, as plain lines (``warning: …``), each
    whole on one line (rich's handler wraps its message column whatever the console's wrapping).
    The files they name are named from the folder paiban runs in (see :func:`_from_here`)."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self._shown: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        record = logging.makeLogRecord({**record.__dict__, "msg": _from_here(record.getMessage()), "args": ()})
        if not err.console.is_terminal:
            err.print(f"{record.levelname.lower()}: {self.format(record)}", markup=False, highlight=False)
            return
        if self._shown is None:
            from rich.logging import RichHandler

            self._shown = RichHandler(console=err.console, show_time=False, show_path=False, markup=False,
                                      level=self.level)
        self._shown.handle(record)


def _from_here(message: str) -> str:
    """``message`` with each file it names inside the folder paiban runs in named from there
    (``book/ch150/c.md:3``), and others as they are. An article's path is made from the book's
    directory resolved, book.toml's is as it was given: a run's warnings named book.toml
    ``book/book.toml:6`` and an article beside it ``/tmp/…/book/ch150/c.md:3``.

    The message as it is shown, not the arguments it was made of: a warning is logged made already
    too (the PDF's layout warnings, one a worker or the cache hands back), and it named its file by
    the full path amid warnings that named it from here. From the root of the disk (a container's
    usual folder) every path is inside it, and its full path, as the user gave it, names it best."""
    try:
        here = os.getcwd()
    except OSError:  # the folder was removed meanwhile: there is no "here" to name it from
        return message
    if here == os.path.dirname(here) or here not in message:
        return message
    inside = re.escape(os.path.join(here, ""))
    # Where a path begins (not amid another's, /srv/tmp/x/a.md in /tmp/x; nor in quotes, which give a
    # path as written), going on to a name in the folder.
    return re.sub(rf"(?<![\w.~/'\"-]){inside}(?=[^\s:/])", "", message)
