"""``paiban serve``: a live preview of the book in the browser, rebuilt as its files change."""

from __future__ import annotations

import signal
from functools import partial
from pathlib import Path

import click

from .app import book_dir_argument, err, guarded, log_to_terminal, out


@click.command()
@book_dir_argument(exists=True)
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("-f", "--format", "formats", default="", metavar="FORMATS",
              help="Also write these formats on every rebuild, comma-separated: epub, pdf.")
@click.pass_context
def serve(context: click.Context, book_dir: Path, port: int, formats: str) -> None:
    """Preview the book in BOOK_DIR in a browser, on 127.0.0.1 only.

    The HTML rendering of every edition is built into build/, then rebuilt whenever a file
    of the book changes, and the open page reloads. A build error shows in the page and
    here; the server keeps running. Ctrl-C stops it. With --format epub,pdf those are
    rebuilt too: after an edit of one article, in a fraction of a cold build's time.
    """
    log_to_terminal(quiet=False)
    from ..serve import Preview  # the web server and file watcher: only for this command

    preview = guarded(context, lambda: Preview(book_dir, port, say=lambda line: err.print(line, markup=False),
                                               formats=tuple(formats.split(",")),
                                               setup=partial(log_to_terminal, quiet=False)))
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a service manager's stop: as Ctrl-C
    try:
        preview.start()
        # The book's own path: started inside it, "serving ." said nothing of which book.
        out.print(f"serving {preview.root} at {preview.url} (Ctrl-C stops)", markup=False)
        preview.stopping.wait()
    except KeyboardInterrupt:
        pass
    finally:
        preview.close()
    out.print("stopped")
