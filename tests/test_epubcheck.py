"""EPUBCheck as paiban runs it: one JVM checking EPUB after EPUB, and a JVM of its own where
that cannot run; the same findings either way, each at its file and line inside the EPUB."""

from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
import time
import zipfile
from pathlib import Path
from unittest.mock import Mock

import pytest

import paiban
from paiban.check import epubcheck
from paiban.check.epubcheck import epubcheck_findings

from conftest import make_book


@pytest.fixture(scope="module")
def valid_epub(tmp_path_factory) -> Path:
    root = make_book(tmp_path_factory.mktemp("valid") / "book", {"01.md": "# 春天\n\n春天来了。\n"})
    [output] = paiban.build(root, formats=["epub"])
    return output.path


def broken_copy(epub: Path, folder: Path) -> Path:
    """``epub`` with an element XHTML has not (``<blink>``) opening its first article's body."""
    broken = folder / "broken.epub"
    with zipfile.ZipFile(epub) as source, zipfile.ZipFile(broken, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "EPUB/c1.xhtml":
                data = data.replace(b'<body class="epub">', b'<body class="epub"><blink>x</blink>', 1)
            target.writestr(entry, data)
    return broken


@pytest.fixture
def own_jvms(monkeypatch):
    """Checks in this test as on a Java runtime that cannot run the loop: each in a JVM of its own."""
    monkeypatch.setattr(epubcheck, "_loops", {os.getpid(): None})


def where(findings) -> list[tuple[str, str | None, int | None]]:
    return [(f.message.split(":")[0], f.file, f.line) for f in findings]


def test_the_loop_finds_each_epubs_own_errors_at_their_place_whatever_it_checked_before(valid_epub, tmp_path):
    broken = broken_copy(valid_epub, tmp_path)
    line = next(number for number, text in enumerate(
        zipfile.ZipFile(broken).read("EPUB/c1.xhtml").decode().splitlines(), 1) if "<blink>" in text)
    assert epubcheck_findings(valid_epub, "cn") == []
    assert where(epubcheck_findings(broken, "cn")) == [("RSC-005", "broken.epub/EPUB/c1.xhtml", line)]
    assert epubcheck_findings(valid_epub, "cn") == []
    assert isinstance(epubcheck._loops[os.getpid()], epubcheck._Loop)  # one JVM did all three, and runs on


def test_a_jvm_of_its_own_finds_what_the_loop_finds(valid_epub, tmp_path, own_jvms):
    broken = broken_copy(valid_epub, tmp_path)
    assert where(epubcheck_findings(broken, "cn"))[0][:2] == ("RSC-005", "broken.epub/EPUB/c1.xhtml")
    assert epubcheck._loops == {os.getpid(): None}  # no loop was started


def test_a_file_that_is_no_epub_is_named_as_itself(tmp_path):
    junk = tmp_path / "junk.epub"
    junk.write_text("not a zip", encoding="utf-8")
    found = epubcheck_findings(junk, "tw")
    assert {f.file for f in found} == {"junk.epub"}
    assert {f.message.split(":")[0] for f in found} >= {"PKG-003"} and {f.editions for f in found} == {("tw",)}


def test_epubcheck_that_cannot_run_at_all_is_an_error_finding_not_a_traceback(valid_epub, monkeypatch):
    monkeypatch.setattr(epubcheck, "_loops", {})
    monkeypatch.setattr(epubcheck, "EPUBCHECK", "/nonexistent/epubcheck.jar")
    [finding] = epubcheck_findings(valid_epub, "cn")
    assert finding.severity == "error" and finding.file == valid_epub.name
    assert "EPUBCheck could not check the EPUB" in finding.message and "epubcheck.jar" in finding.message
    assert epubcheck._loops[os.getpid()] is None  # the loop could not start: never asked again


def test_without_java_the_check_is_a_warning_naming_the_package(valid_epub, monkeypatch):
    monkeypatch.setattr(epubcheck.shutil, "which", lambda name: None)
    [finding] = epubcheck_findings(valid_epub, "cn")
    assert (finding.severity, finding.message) == ("warning", "EPUBCheck cannot run: no Java runtime")
    assert "apt-get install default-jdk-headless" in finding.hint


def test_the_loop_may_be_started_ahead_of_its_first_check_and_is_then_the_one_used(valid_epub, monkeypatch):
    monkeypatch.setattr(epubcheck, "_loops", {})
    epubcheck.start_epubcheck()
    started = epubcheck._loops[os.getpid()]
    assert isinstance(started, epubcheck._Loop)
    assert epubcheck_findings(valid_epub, "cn") == [] and epubcheck._loops[os.getpid()] is started
    started.close()


def test_without_java_nothing_is_started_ahead(monkeypatch):
    monkeypatch.setattr(epubcheck, "_loops", {})
    monkeypatch.setattr(epubcheck.shutil, "which", lambda name: None)
    epubcheck.start_epubcheck()
    assert epubcheck._loops == {}


@pytest.mark.parametrize("jvms", ["loop", "own"])
def test_an_epub_epubcheck_cannot_find_is_an_error_not_a_clean_report(tmp_path, monkeypatch, jvms):
    """EPUBCheck gives a file it cannot find an empty report (and exit status 1): it read as a clean EPUB."""
    if jvms == "own":
        monkeypatch.setattr(epubcheck, "_loops", {os.getpid(): None})
    [finding] = epubcheck_findings(tmp_path / "gone.epub", "cn")
    assert finding.severity == "error" and finding.file == "gone.epub"
    assert "found no EPUB it could read at" in finding.message


# Stand-ins for the loop's JVM (run by this Python): one that takes a check and never answers (as the
# real one spends seconds on its first), marking that it took it; one that answers every check clean.
SILENT_LOOP = "import sys, time, pathlib; sys.stdin.readline(); pathlib.Path(sys.argv[1]).touch(); time.sleep(60)"
CLEAN_LOOP = """import json, sys
for line in sys.stdin:
    epub, report = json.loads(line)
    open(report, "w").write(json.dumps({"checker": {"filename": epub}, "messages": []}))
    print(0, flush=True)
"""


@pytest.fixture
def silent_loop(monkeypatch, tmp_path):
    """This process's loop replaced by one that never answers; the path it touches when it took a
    check. A check in a JVM of its own fails the test."""
    taken = tmp_path / "taken"
    monkeypatch.setattr(epubcheck, "_loops", {})
    monkeypatch.setattr(epubcheck, "_loop_command", lambda: [sys.executable, "-c", SILENT_LOOP, str(taken)])
    monkeypatch.setattr(epubcheck, "_report_of_own_jvm", lambda epub: pytest.fail("a JVM of its own was started"))
    return taken


def in_thread(check) -> tuple[threading.Thread, list]:
    """``check()`` run in a thread of its own; the list gets what it returned or raised."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(check())
        except Exception as error:  # noqa: BLE001  the test looks at it
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


class WatchedLock:
    """The loop's lock, telling when a check waits its turn (``waiting``)."""

    def __init__(self) -> None:
        self.lock, self.waiting = threading.Lock(), threading.Event()

    def __enter__(self) -> None:
        if not self.lock.acquire(blocking=False):
            self.waiting.set()
            self.lock.acquire()

    def __exit__(self, *exception) -> None:
        self.lock.release()


def until(condition) -> None:
    """Wait for ``condition()`` (not a timing: a test that never sees it fails after a minute)."""
    for _ in range(600):
        if condition():
            return
        time.sleep(0.1)
    pytest.fail("waited a minute")


def test_a_stopped_loop_ends_its_check_and_those_waiting_and_starts_no_jvm(valid_epub, silent_loop, monkeypatch):
    """A preflight stopped (Ctrl-C, an error in a later edition) waited for the check under way,
    then started a JVM for the next edition's: Ctrl-C took 5 to 8 s to end ``paiban check``."""
    monkeypatch.setattr(epubcheck, "_LOOP_LOCK", turns := WatchedLock())
    first, first_outcome = in_thread(lambda: epubcheck.epubcheck_messages(valid_epub))
    until(silent_loop.exists)  # the loop took the first check
    second, second_outcome = in_thread(lambda: epubcheck.epubcheck_messages(valid_epub))
    until(turns.waiting.is_set)  # the second waits its turn
    loop = epubcheck._loops[os.getpid()]
    epubcheck.stop_epubcheck()
    first.join(60)
    second.join(60)
    assert [str(outcome) for outcome in (*first_outcome, *second_outcome)] == [
        "EPUBCheck was stopped before it finished", "EPUBCheck was stopped before it began"]
    assert loop._process.poll() is not None and os.getpid() not in epubcheck._loops
    monkeypatch.setattr(epubcheck, "_loop_command", lambda: [sys.executable, "-c", CLEAN_LOOP])
    assert epubcheck.epubcheck_messages(valid_epub) == []  # a later check starts another loop


def test_a_check_whose_thread_begins_after_its_preflight_stopped_starts_no_jvm(valid_epub, monkeypatch):
    """SIGTERM stopped the loop before the thread of the check just asked for began: that check
    then started a JVM of its own, and the stopped `paiban check` waited for it to the end (for
    ever where the stand-in Java of a test never answers)."""
    monkeypatch.setattr(epubcheck, "_loops", {})
    monkeypatch.setattr(epubcheck, "_running_loop", started := Mock(return_value=None))
    since = epubcheck.start_epubcheck()
    epubcheck.stop_epubcheck()
    started.reset_mock()
    with pytest.raises(epubcheck.EpubCheckFailed, match="stopped before it began"):
        epubcheck.epubcheck_messages(valid_epub, since)
    started.assert_not_called()


def test_a_loop_ended_by_a_signal_fails_its_check_and_starts_no_jvm(valid_epub, silent_loop):
    """Ctrl-C reaches the JVM too, which dies of it: its check was then made again in a JVM started for it."""
    check, outcome = in_thread(lambda: epubcheck_findings(valid_epub, "cn"))
    until(silent_loop.exists)
    os.kill(epubcheck._loops[os.getpid()]._process.pid, signal.SIGTERM)
    check.join(60)
    [finding] = outcome[0]
    assert (finding.severity, finding.message) == (
        "error", "EPUBCheck could not check the EPUB: EPUBCheck was stopped before it finished")
    assert os.getpid() not in epubcheck._loops  # the next check starts another


def test_a_preflight_failing_in_a_later_edition_stops_the_check_under_way(tmp_path, silent_loop, monkeypatch):
    """Its error waited for the first edition's EPUBCheck (some 5 s, the JVM's start), then for the rest."""
    preflight = importlib.import_module("paiban.check.preflight")
    book = make_book(tmp_path / "b", {"01.md": "# 春天\n\n春天来了。\n"},
                     '[book]\ntitle = "书"\n[[editions]]\nname = "cn"\n[[editions]]\nname = "tw"\nconvert = "s2tw"\n')
    looked_at, link_problems = [], preflight.link_problems

    def second_fails(book, edition, locator):
        looked_at.append(edition.name)
        if len(looked_at) == 2:
            until(silent_loop.exists)  # the first edition's EPUB is being checked
            raise paiban.PaibanError("the tw edition cannot be checked")
        return link_problems(book, edition, locator)

    monkeypatch.setattr(preflight, "link_problems", second_fails)
    stopped, stop = [], epubcheck._Loop.stop
    monkeypatch.setattr(epubcheck._Loop, "stop", lambda loop: stopped.append(loop) or stop(loop))
    with pytest.raises(paiban.PaibanError, match="the tw edition cannot be checked"):
        preflight.preflight(book)
    assert len(stopped) == 1 and stopped[0]._process.poll() is not None
