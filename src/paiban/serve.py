"""``paiban serve``: the book's HTML preview on 127.0.0.1, rebuilt and reloaded as its files change.

The preview is the HTML rendering of every edition (render/html.py: the same templates and
CSS as the EPUB and the PDF), written to the output directory as ``paiban build -f html``
would, and script-free there. Only the page as served gets a few more lines (the theme's
``serve.html``): an edition switcher, the last build error, and a script that long-polls
``/__paiban__/wait`` and reloads the page when a rebuild is done.

A watcher (watchfiles) rebuilds on every change to the book's files, through one build cache
for the whole session, so a rebuild redoes only what changed. A failed build is shown in the
page and on the terminal; the server goes on, and the next good build replaces the error.

The builds run in a process of their own (:class:`Builder`), never in the server's: a build
forks workers (parallel reads, PDF pieces), and a child forked from a process whose other
threads (the server's, the watcher's) hold a lock at that moment can wait on it forever.
"""

from __future__ import annotations

import json
import mimetypes
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import watchfiles

from .build import build, check_formats
from .cache import BuildCache
from .config import EDITION_NAME
from .errors import PaibanError
from .paths import OUTPUT_DIR, inside
from .sources.embedded import IMAGE_CACHE
from .theme import Theme

HOST = "127.0.0.1"  # never another interface: the preview is for the person at this machine
# The names a request may address the preview by (with its port). A web page open in the same
# browser may make its own site's name point at 127.0.0.1 (DNS rebinding) and so read the book
# through it: its requests name that site, and are refused.
LOCAL_NAMES = (HOST, "localhost", "[::1]")
WAIT = "/__paiban__/wait"
HTML = "text/html; charset=utf-8"
WAIT_SECONDS = 25.0  # a long-poll answers at the latest after this, and the page asks again
WATCH_TICK_MS = 200  # the watcher answers this often when idle: its first answer says it is watching


class Preview:
    """The served preview of the book in ``book_dir``: build, watch, serve. ``port`` 0 picks a free one.

    ``say`` gets a line for the terminal after each build (what was rebuilt, or the error).
    ``formats`` (epub, pdf) are written on every build too, beside the HTML: the builder
    process stays, with paiban's imports and the fonts' character sets loaded, so an edit of
    one article costs only its own work (see benchmarks/rebuild.py). ``setup`` runs first in
    the builder (the CLI's: warnings to the terminal); it must be picklable.
    """

    def __init__(self, book_dir: str | os.PathLike, port: int = 0, say: Callable[[str], None] = print,
                 formats: tuple[str, ...] = (), setup: Callable[[], None] | None = None) -> None:
        self.root = Path(book_dir).resolve()
        self.formats = check_formats(["html", *formats])
        self.output = self.root / OUTPUT_DIR
        self.say = say
        self.setup = setup
        self.builder: Builder | None = None
        self.made: Counter[str] = Counter()  # what the builds made (see BuildCache.made)
        self.sources = watchfiles.DefaultFilter()
        self.version = 0
        self.pages: dict[str, Path] = {}  # edition → its HTML file, the first one served at /
        self.error: str | None = None
        self.told: str | None = None  # the error in the book's serve.html the terminal has heard since the build
        self.changed = threading.Condition()
        self.stopping = threading.Event()
        self.watching = threading.Event()
        self._one_build = threading.Lock()  # the first build and the watcher's never overlap
        try:
            self.server = _Server((HOST, port), _handler(self))
        except OSError as error:
            raise PaibanError(f"cannot serve on {HOST}:{port}: {error.strerror}",
                              hint="Pick another port with --port N (0: any free port).") from None
        self.server.daemon_threads = True  # a waiting long-poll never holds up the exit
        self._threads: list[threading.Thread] = []
        self._serving: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}/"

    def start(self) -> None:
        """Start the builder and the watcher, build once, then serve, until :meth:`close`.

        The first build waits until the watcher is in place: a file saved at any moment after
        the build began is then either in it or seen by the watcher, never missed.
        """
        self.builder = Builder(self.root, self.formats, self.output, self.setup)
        watcher = threading.Thread(target=self._watch, daemon=True)
        watcher.start()
        self._threads.append(watcher)
        while not self.watching.wait(0.1) and watcher.is_alive():
            pass
        self.rebuild()
        self._serving = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._serving.start()
        self._threads.append(self._serving)

    def close(self) -> None:
        """Stop building, watching and serving, and free the port (also after a :meth:`start`
        that was interrupted, by Ctrl-C during the first build say)."""
        self.stopping.set()
        if self.builder:
            self.builder.close()  # first: a build in progress is interrupted, and the watcher is free
        if self._serving:
            self.server.shutdown()  # (it waits for serve_forever, which must have been started)
        self.server.server_close()
        for thread in self._threads:
            thread.join()

    def rebuild(self) -> None:
        """Build the HTML (and ``formats``) of every edition; keep the pages of the last good build
        if this one fails (a failed build leaves every earlier output as it was)."""
        with self._one_build:
            self._build()

    def _build(self) -> None:
        """:meth:`rebuild`, the build lock held."""
        started = time.perf_counter()
        built = self.builder.build()
        if not self.stopping.is_set():  # a build that stopping interrupted is no news
            self._publish(built, time.perf_counter() - started)

    def _rebuild_if_removed(self) -> None:
        """Build again if a served page is gone from the output directory (`paiban clean` removed
        it; the watcher ignores that directory). Once: while the book does not build, no page is
        served, so none is missing; a build at every page asked for would reload the pages, which
        would ask again, for ever."""
        if all(page.is_file() for page in self.pages.values()):
            return
        with self._one_build:
            if all(page.is_file() for page in self.pages.values()):
                return  # built meanwhile (the watcher, another page's request)
            with self.changed:
                self.pages = {}
            self._build()

    def _publish(self, built: Built, seconds: float) -> None:
        """Serve what a build made (or its error) and tell the terminal and the waiting pages."""
        if built.error is None:
            self.pages = built.pages
        self.made += built.made
        with self.changed:
            self.version += 1
            self.error = built.error
            self.told = None
            self.changed.notify_all()
        read = built.made["read"]
        articles = f"{read} article(s) read afresh" if read else "every article from the cache"
        self.say(f"error: {built.error}" if built.error else f"built in {seconds:.1f} s ({articles})")

    def wait(self, version: int) -> dict:
        """The state once it differs from ``version`` (or after :data:`WAIT_SECONDS`)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != version or self.stopping.is_set(), WAIT_SECONDS)
            return {"version": self.version, "error": self.error}

    def page(self, edition: str | None) -> bytes | None:
        """The served page of ``edition`` (``None``: the first): the built HTML with the preview's
        lines, or an error page while there is no page to show. ``None`` for an unknown edition."""
        self._rebuild_if_removed()
        pages, state = self._state()
        if edition is not None and edition not in pages:
            return None
        state["current"] = edition or next(iter(pages), None)
        return self._render(pages.get(state["current"]), state)

    def missing(self, edition: str) -> bytes:
        """The page of an edition the book has not (renamed in book.toml while its page was open):
        a preview page all the same, with the switcher and the reload script, so that it comes
        back by itself once the book has that edition again. While the book has not built, the
        error page."""
        pages, state = self._state()
        state["current"] = edition
        return self._render(None, state, missing=edition if pages else None)

    def _state(self) -> tuple[dict[str, Path], dict]:
        """The pages of the last good build, and what ``serve.html`` shows but the edition shown."""
        with self.changed:
            pages = dict(self.pages)
            return pages, {"editions": list(pages), "error": self.error, "version": self.version}

    def _render(self, page: Path | None, state: dict, missing: str | None = None) -> bytes:
        """:func:`_served` with the book's theme, or the default's if the book's ``serve.html`` is broken."""
        try:  # the theme made afresh: the book may have gained a styles/ since the start
            return _served(Theme(self.root), page, state, missing)
        except PaibanError as broken:  # the book's serve.html: the page is served with the default's
            self._tell(str(broken))
            state["error"] = "\n\n".join(filter(None, (state["error"], str(broken))))
            return _served(Theme(self.root, book_styles=False), page, state, missing)

    def _tell(self, error: str) -> None:
        """Say ``error`` on the terminal once after each build, not at every page asked for."""
        with self.changed:
            if self.told == error:
                return
            self.told = error
        self.say(f"error: {error}")

    def _watch(self) -> None:
        for changes in watchfiles.watch(self.root, watch_filter=self._is_source, stop_event=self.stopping,
                                        debounce=200, step=50, rust_timeout=WATCH_TICK_MS, yield_on_timeout=True):
            self.watching.set()
            if changes:
                self.rebuild()

    def _is_source(self, change: watchfiles.Change, path: str) -> bool:
        """A change worth a rebuild: not in the output directory, not a hidden or editor's backup file."""
        parts = Path(path).relative_to(self.root).parts
        return self.sources(change, path) and not (
            parts[:1] == (OUTPUT_DIR,) or any(part.startswith(".") for part in parts))


def _served(theme: Theme, page: Path | None, state: dict, missing: str | None = None) -> bytes:
    """The built HTML ``page`` with the theme's ``serve.html`` lines for ``state``, or the error
    page while there is no page (saying the book has no edition ``missing``, if given)."""
    extra = theme.render("serve.html", **state)
    try:
        text = page.read_text(encoding="utf-8") if page else None
    except OSError:  # removed just now (`paiban clean`): the next request builds it again
        text = None
    if text is None:
        return theme.render("serve_error.html", preview=extra, missing=missing).encode("utf-8")
    before, body, after = text.rpartition("</body>")
    return f"{before}{extra}{body}{after}".encode("utf-8")


@dataclass
class Built:
    """What one build in the builder made: the HTML page of each edition, or the error."""

    pages: dict[str, Path] = field(default_factory=dict)
    error: str | None = None
    made: Counter[str] = field(default_factory=Counter)


class Builder:
    """Builds the book on request in a process of its own, which stays between builds.

    It is spawned (a fresh interpreter, no threads but its own), so the workers its builds
    fork are safe. It keeps the build cache, imports and fonts loaded, so a rebuild costs only
    what changed. If it dies (killed, out of memory, a crash in a library), a new one is
    started and the build tried once more.

    It leads a process group of its own, with its workers: Ctrl-C in the terminal reaches only
    the server, which then stops the builder with one SIGINT to that group, exactly as Ctrl-C
    stops a ``paiban build`` and its workers (each cleaning up once, not twice).
    """

    def __init__(self, root: Path, formats: tuple[str, ...], output: Path,
                 setup: Callable[[], None] | None) -> None:
        self._arguments = (root, formats, output, setup)
        self._building = self._closing = False
        self._start()

    @property
    def pid(self) -> int:
        return self._process.pid

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_build_on_request, args=(theirs, *self._arguments),
                                        name="paiban builder")
        self._process.start()
        theirs.close()

    def build(self) -> Built:
        """One build of the book; a builder that died is replaced and asked again, once."""
        for attempt in range(2):
            try:
                self._connection.send(True)
                self._building = True  # until its answer comes (an interrupt in between leaves it so)
                built = self._connection.recv()
                self._building = False
                return built
            except (EOFError, OSError):
                self._building = False
                self._process.join()
                code = self._process.exitcode
                if self._closing:
                    return Built(error="the build was interrupted")
                if attempt == 0:
                    self._start()
        return Built(error=f"the build process died twice (exit code {code}); "
                           "run `paiban build` on the book to see where it fails")

    def close(self) -> None:
        """Stop the builder: one in a build is interrupted as Ctrl-C interrupts a ``paiban build``,
        and cleans up; an idle one sees its requests end. So does one whose build ended before the
        interrupt came, once its answer is read: it waited for the next request, and this for it
        to leave, for ever. (The requests end only when no thread waits for an answer: closing a
        connection under a thread reading it does not wake that thread.)"""
        self._closing = True
        if self._building:
            try:
                os.killpg(self._process.pid, signal.SIGINT)
            except ProcessLookupError:  # not yet its own group (still starting): itself, then
                os.kill(self._process.pid, signal.SIGINT)
        while self._process.is_alive():
            if not self._building:
                self._connection.close()
            self._process.join(0.1)
        self._connection.close()


def _build_on_request(requests, root: Path, formats: tuple[str, ...], output: Path,
                      setup: Callable[[], None] | None) -> None:
    """The builder's life: a build for every request, through one cache, until there are no more."""
    os.setpgrp()  # the terminal's Ctrl-C is the server's; the server stops this group (Builder.close)
    try:
        if setup:
            setup()
        cache = BuildCache.in_output(output)
        while requests.recv():
            before = cache.made.copy()
            try:
                outputs = build(root, formats=formats, output=output, cache=cache)
            except PaibanError as problem:
                built = Built(error=str(problem))
            except Exception as bug:  # noqa: BLE001  the preview outlives a bug; the message says what it was
                built = Built(error=f"internal error: {type(bug).__name__}: {bug}")
            else:
                built = Built(pages={written.edition: written.path for written in outputs
                                     if written.format == "html"})
            built.made = cache.made - before
            requests.send(built)
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        pass  # the server closed its end, or stopped a build: leave quietly (exit code 0)


class _Server(ThreadingHTTPServer):
    """The HTTP server; a page closed or reloaded while it waited is no error (socketserver
    would print a traceback for it in the terminal)."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # broken pipe, reset: the page went away
            super().handle_error(request, client_address)


def _public(path: Path) -> bool:
    """Whether a path in the book may be served: no part of it hidden (a ``..`` is), except the
    folder where a build keeps the pictures of .docx articles and ``data:`` images, which the
    pages show (a picture there, not a folder below it)."""
    parts = path.parts
    if parts[:-1] == IMAGE_CACHE.parts:
        parts = parts[-1:]
    return not any(part.startswith(".") for part in parts)


def _book_file(path: Path, root: Path) -> bytes | None:
    """The content of a file of the book at ``root`` (the pages' images); nothing outside it,
    nothing hidden but the pictures a build keeps in :data:`IMAGE_CACHE`. ``None`` for any other
    path, also one no file can have and one whose file cannot be read."""
    try:
        found = _public(path.relative_to(root)) and inside(path, root) and path.is_file()
        return path.read_bytes() if found else None
    # A NUL in the name, a name too long, a symlink loop (RuntimeError before Python 3.13),
    # no permission, a file removed meanwhile.
    except (OSError, ValueError, RuntimeError):
        return None


def _hosts(port: int) -> set[str]:
    """The Host a request to the preview names: a local name and the port, which a browser leaves
    out when it is HTTP's own, 80 (every page of `--port 80` was refused)."""
    return {f"{name}:{port}" for name in LOCAL_NAMES} | (set(LOCAL_NAMES) if port == 80 else set())


def _handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        """``/`` and ``/<edition>``: the pages; ``/__paiban__/wait``: reload news; else the book's files.
        A HEAD request (``curl -I``, a link checker) gets a GET's answer without its content, the
        reload news at once instead of when they change."""

        def do_HEAD(self) -> None:  # noqa: N802  (http.server's name)
            self.do_GET()

        def do_GET(self) -> None:  # noqa: N802
            port = preview.server.server_address[1]
            if (self.headers.get("Host") or "").lower() not in _hosts(port):
                self.send_error(HTTPStatus.FORBIDDEN, f"paiban serve answers only at {preview.url}")
                return
            url = urlsplit(self.path)
            name = unquote(url.path).strip("/")
            path = preview.root / unquote(url.path).lstrip("/")
            if url.path == WAIT:
                try:
                    since = int(parse_qs(url.query).get("version", ["0"])[0])
                except ValueError:  # a malformed one (abc, ², 5000 digits): answer at once
                    since = 0
                if self.command == "HEAD":
                    since = -1  # no build's version: the news at once
                self._send(json.dumps(preview.wait(since)).encode("utf-8"), "application/json")
            elif (page := preview.page(name or None)) is not None:
                self._send(page, HTML)
            elif (content := _book_file(path, preview.root)) is not None:
                self._send(content, mimetypes.guess_type(path.name)[0] or "application/octet-stream", contained=True)
            elif re.fullmatch(EDITION_NAME, name):  # an edition's address: the page of one not (or no longer) there
                self._send(preview.missing(name), HTML, HTTPStatus.NOT_FOUND)
            else:
                self.send_error(HTTPStatus.NOT_FOUND)

        def _send(self, content: bytes, kind: str, status: HTTPStatus = HTTPStatus.OK, contained: bool = False) -> None:
            """Answer with ``content``; a file of the book ``contained``: as a sandbox, its scripts
            never run (a contributor's SVG opened by itself read the book's files off the server
            and sent them away: the pages show it as an inert <img>), as the EPUB's copy has none."""
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(content)))
            self.send_header("Cache-Control", "no-store")
            if contained:
                self.send_header("Content-Security-Policy", "sandbox; default-src 'none'; img-src data:; "
                                                            "style-src 'unsafe-inline'")
                self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(content)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the terminal shows builds, not every request

    return Handler
