"""Broken builds: killed, out of disk, read-only, or racing another build. No good output is ever lost."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

import paiban
from paiban.atomic import atomic_output, temporary_prefix
from paiban.errors import PaibanError

from conftest import SEED, make_book, pieces_of_a_killed_build

PAIBAN = [sys.executable, "-m", "paiban"]


@pytest.fixture
def long_book(tmp_path: Path) -> Path:
    """A book that takes a few seconds to build: room for a kill to land mid-build."""
    seed = SEED.read_text(encoding="utf-8")
    return make_book(tmp_path / "long", {f"{n:02d}-第{n}章/a.txt": seed for n in range(1, 7)},
                     '[book]\ntitle = "长书"\n')


def build(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([*PAIBAN, "build", str(root), "-f", "epub,pdf,html", "-q", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def outputs(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (root / "build").iterdir() if path.is_file()}


def assert_complete(path: Path) -> None:
    """A whole EPUB, PDF or HTML file, not a piece of one."""
    if path.suffix == ".epub":
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None and archive.namelist()[0] == "mimetype"
    elif path.suffix == ".pdf":
        assert path.read_bytes().rstrip().endswith(b"%%EOF") and len(PdfReader(path).pages) >= 1
    else:
        assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_sigkill_mid_build_loses_no_output_and_the_next_build_cleans_up(long_book):
    first = build(long_book)
    started = time.monotonic()
    assert first.wait() == 0, first.stderr.read()
    duration = time.monotonic() - started
    good = outputs(long_book)
    (long_book / "01-第1章" / "a.txt").write_text(SEED.read_text(encoding="utf-8") + "\n新增一段。\n",
                                                  encoding="utf-8")
    for fraction in (0.15, 0.35, 0.55, 0.75, 0.9):
        victim = build(long_book)
        time.sleep(duration * fraction)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        for name, data in good.items():
            path = long_book / "build" / name
            assert path.read_bytes() == data or assert_complete(path) is None, f"{name} at {fraction}"
    leftovers = list((long_book / "build").glob(".*.part"))
    assert build(long_book).wait() == 0
    assert not list((long_book / "build").glob(".*.part")), f"left after the next build: {leftovers}"
    for name in good:
        assert_complete(long_book / "build" / name)


def test_two_builds_of_one_book_at_once_both_finish_with_valid_outputs(long_book):
    racers = [build(long_book), build(long_book)]
    for racer in racers:
        assert racer.wait() == 0, racer.stderr.read()
    for path in (long_book / "build").iterdir():
        if path.is_file():
            assert_complete(path)
    assert not list((long_book / "build").glob(".*.part"))


def dead_pid() -> str:
    """The process id of a process that has exited."""
    return subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()


def test_a_live_writers_temporary_file_is_left_alone(tmp_path):
    target = tmp_path / "book.epub"
    with atomic_output(target) as mine:
        mine.write_bytes(b"half")
        with atomic_output(target) as other:  # another write of the same target, same (live) process
            other.write_bytes(b"whole")
        assert mine.exists()
    assert target.read_bytes() == b"half"


def test_a_dead_writers_temporary_file_is_removed(tmp_path):
    stale = tmp_path / f".book.epub.{dead_pid()}.abcdefgh.part"
    stale.write_bytes(b"half")
    with atomic_output(tmp_path / "book.epub") as temporary:
        temporary.write_bytes(b"whole")
    assert not stale.exists()


def test_an_output_whose_name_has_255_bytes_is_written_and_its_stale_temporary_file_removed(tmp_path):
    """The temporary name (``.<name>.<pid>.<random>.part``) is some 22 bytes longer than the
    output's: a slug of 76 Chinese characters, an output name of 236 bytes, failed with "File name
    too long". A name that leaves no room is cut in the temporary one, as the next write looks for it."""
    target = tmp_path / ("a" + "书" * 82 + ".cn.epub")
    assert len(os.fsencode(target.name)) == 255
    stale = tmp_path / f"{temporary_prefix(target.name)}{dead_pid()}.abcdefgh.part"
    stale.write_bytes(b"half")
    with atomic_output(target) as temporary:
        temporary.write_bytes(b"whole")
    assert target.read_bytes() == b"whole" and not stale.exists()


@contextlib.contextmanager
def umask(mask: int):
    """The process's umask for the block."""
    before = os.umask(mask)
    try:
        yield
    finally:
        os.umask(before)


@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o027, 0o640), (0o002, 0o664)],
                         ids=["umask 077", "umask 027", "umask 002"])
def test_a_new_output_has_the_mode_the_umask_allows(book_dir, tmp_path, mask, mode):
    """Every output was 0644: world-readable under umask 077 (an unpublished book on a shared build
    server), not writable by the group of umask 002."""
    with umask(mask):
        [output] = paiban.build(book_dir, formats=["html"], output=tmp_path / "out")
    assert output.path.stat().st_mode & 0o777 == mode


def test_a_rebuilt_output_keeps_the_mode_of_the_file_it_replaces(book_dir, tmp_path):
    """A group's output made 0660 came back 0644 from the next build."""
    [output] = paiban.build(book_dir, formats=["html"], output=tmp_path / "out")
    output.path.chmod(0o660)
    with (book_dir / "seed.txt").open("a", encoding="utf-8") as seed:
        seed.write("\n又一段。\n")
    with umask(0o022):
        paiban.build(book_dir, formats=["html"], output=tmp_path / "out")
    assert output.path.read_text(encoding="utf-8").count("又一段") == 1
    assert output.path.stat().st_mode & 0o777 == 0o660
def test_the_pieces_a_killed_pdf_build_left_are_removed_by_the_next_build_but_not_a_running_ones(tmp_path):
    """A PDF build killed with SIGKILL (the OOM killer) left its .paiban-pieces-*/, the book's pieces
    laid out so far, in the output directory for good. The next build into it removes that, as a
    write removes such a build's .part file: only once the process that made it is gone, so two
    builds of one book can run side by side."""
    out = tmp_path / "out"
    out.mkdir()
    pieces_of_a_killed_build(out)
    older = out / ".paiban-pieces-y18fss7z"  # an older paiban's, whose name carries no process id
    older.mkdir()
    (older / "tmph7tbjz3q.pdf").write_bytes(b"%PDF-1.7 half a book")
    running = out / f".paiban-pieces-{os.getpid()}.abcdefgh"  # this process's: a build still running
    running.mkdir()
    book = make_book(tmp_path / "book", {"01.md": "# 春天\n\n春天来了。\n"})
    paiban.build(book, formats=["html"], output=out)
    assert sorted(out.glob(".paiban-pieces-*")) == [running]


@contextlib.contextmanager
def mounted(directory: Path, *options: str):
    """A mount for the test's life (root only): skip when this machine will not allow it."""
    directory.mkdir(parents=True, exist_ok=True)
    if subprocess.run(["mount", *options, str(directory)], capture_output=True).returncode != 0:
        pytest.skip("cannot mount here (needs root)")
    try:
        yield directory
    finally:
        subprocess.run(["umount", str(directory)], check=True)


def test_disk_full_is_a_clear_error_and_keeps_the_previous_output(book_dir, tmp_path):
    with mounted(tmp_path / "full", "-t", "tmpfs", "-o", "size=96k", "tmpfs") as out:
        [small] = paiban.build(book_dir, formats=["html"], output=out, cache=False)  # room for it alone
        before = small.path.read_bytes()
        with pytest.raises(PaibanError) as caught:
            paiban.build(book_dir, formats=["epub", "pdf"], output=out)
        assert "No space left on device" in caught.value.message and str(out) in str(caught.value)
        assert small.path.read_bytes() == before
        assert not list(out.glob(".*.part"))


def test_disk_full_exits_2_naming_the_file(book_dir, monkeypatch):
    from click.testing import CliRunner

    from paiban.cli import main

    def no_space(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    result = CliRunner().invoke(main, ["build", str(book_dir), "-f", "epub"])
    message = result.output.replace("\n", "")  # the console wraps long lines
    assert result.exit_code == 2
    assert "cannot write" in message and "build/seedbook.epub" in message
    assert "No space left on device" in message and "Traceback" not in message


def test_read_only_output_directory_exits_2_naming_it(book_dir, tmp_path):
    out = tmp_path / "ro"
    out.mkdir()
    with mounted(out, "--bind", str(out)):
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(out)], capture_output=True).returncode:
            pytest.skip("cannot remount read-only here")
        result = subprocess.run([*PAIBAN, "build", str(book_dir), "-f", "epub", "-o", str(out)],
                                capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 2
    assert "Read-only file system" in result.stderr and str(out) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_cache_entry_that_cannot_be_written_is_skipped(tmp_path, monkeypatch):
    """Only making the entry's folder and temporary file was guarded: a disk that filled up as the
    entry was written failed the build with "internal error"."""
    from paiban.cache import MISSING, BuildCache

    class Full:
        def __init__(self, descriptor: int, mode: str) -> None:
            os.close(descriptor)

        def __enter__(self):
            return self

        def __exit__(self, *exception) -> None:
            pass

        def write(self, data: bytes) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fdopen", Full)
    cache = BuildCache(tmp_path / "cache")
    cache.store("read", ("a",), "entry")
    assert cache.load("read", ("a",)) is MISSING
    assert not [path for path in (tmp_path / "cache").rglob("*") if path.is_file()]


@pytest.mark.parametrize("unreadable", ["book.toml", "01-章/01.md", "01-章/images/x.png", "styles/epub.css"])
def test_a_file_of_the_book_it_may_not_read_is_an_error_naming_it(tmp_path, monkeypatch, unreadable):
    """A `chmod 000` book.toml, article or picture: "internal error: PermissionError" (a bug, exit 1).
    (Root reads every file: the test makes reading that one fail as it fails for any other user.)"""
    from conftest import claimed_png, deny_reading

    book = make_book(tmp_path / "b", {"01-章/01.md": "# 甲\n\n正文。\n\n![图](images/x.png)\n",
                                      "01-章/images/x.png": claimed_png(1, 1), "styles/epub.css": "p { }\n"})
    denied = book / unreadable
    deny_reading(monkeypatch, denied)
    with pytest.raises(PaibanError) as error:
        paiban.build(book, formats=["epub"], output=tmp_path / "out")
    assert (error.value.file, error.value.message) == (denied, "cannot read it: permission denied")
    assert "right to read it" in error.value.hint
