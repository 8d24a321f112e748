"""EPUBCheck as paiban runs it: one JVM checking EPUB after EPUB, and a JVM of its own where
that cannot run; the same findings either way, each at its file and line inside the EPUB."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

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
