"""The paiban command end to end: exit codes, messages, summaries, atomic outputs, scaffolding."""

import contextlib
import importlib.metadata
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import paiban
from paiban.errors import PaibanError
from paiban.scaffold import new_book

from conftest import SEED, alive_in_group, keep_paiban_log, make_book, wait_for

PAIBAN = [sys.executable, "-m", "paiban"]


def run(*args: str, cwd: Path | None = None, columns: int = 200) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run([*PAIBAN, *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_help_lists_the_commands_and_options():
    result = run("--help")
    assert result.returncode == 0
    commands = result.stdout.split("Commands:")[1]
    for name in ("batch", "build", "check", "clean", "import", "new", "serve"):  # each one loaded to list it
        assert f"\n  {name} " in commands
    build_help = run("build", "--help").stdout
    for option in ("--format", "-f", "--convert", "--output", "--quiet", "s2twp", "BOOK_DIR"):
        assert option in build_help


def test_version():
    result = run("--version")
    assert result.returncode == 0 and paiban.__version__ in result.stdout
    # The package's metadata is made from paiban/version.py: the two cannot disagree.
    assert importlib.metadata.version("paiban") == paiban.__version__


def test_messages_to_a_file_or_pipe_stay_on_one_line(tmp_path):
    """A nightly batch's log is grepped: an error or a warning wrapped at the console's width
    (mid-sentence, mid-path) was found only in part."""
    deep = tmp_path / ("很长的目录名" * 8) / "书"
    error = run("build", str(deep), columns=40)
    assert error.returncode == 2
    assert f"error: {deep}: there is no directory {deep}\n" in error.stderr
    book = make_book(tmp_path / "b", {"01-章/a.md": "# 题\n\n## 一\n\n#### 三\n\n文字。\n"})
    built = run("build", str(book), "-f", "epub", columns=40)
    [warning] = [line for line in built.stderr.splitlines() if line.startswith("warning:")]
    assert warning.endswith("Make it level 3 (### in Markdown, <h3> in HTML)")


def test_messages_name_the_books_files_from_the_folder_paiban_runs_in(tmp_path):
    """An article was named by its absolute path (/tmp/…/b/01-章/c.md:3) in a run whose warnings
    named the book's book.toml as the user gave it (b/book.toml:5)."""
    toml = '[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["01-章/a.md", "01-章/a.md", "01-章/c.md"]\n'
    make_book(tmp_path / "b", {"01-章/a.md": "# 甲\n\n正文。\n", "01-章/c.md": "# 丙\n\n坏字\x07符。\n"}, toml)
    built = run("build", "b", "-f", "html", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert built.stderr.splitlines() == [
        "warning: b/book.toml:5: 01-章/a.md is listed more than once; it is taken once, where it is first listed",
        "warning: b/01-章/c.md:3: removed 1 control or non-text character(s) (first: U+0007) that an e-book cannot "
        "carry"]
    (tmp_path / "b" / "01-章" / "c.md").write_bytes(b"\x00binary")
    failed = run("build", "b", "-f", "html", cwd=tmp_path)
    assert failed.returncode == 2 and "\nerror: b/01-章/c.md:1: binary data, not text" in failed.stderr


def test_the_pdfs_layout_warnings_name_the_article_from_the_folder_paiban_runs_in_too(tmp_path):
    """Logged as made, not as a path and the words around it, a table "runs … mm past the text
    block" named the article by its full path, in a run whose other warnings named it b/01-章/a.md."""
    row = "|" + "Hydrodynamics|" * 12
    make_book(tmp_path / "b", {"01-章/a.md": f"# 宽表\n\n见[别处](#nowhere)。\n\n{row}\n|{'---|' * 12}\n{row}\n"})
    built = run("build", "b", "-f", "pdf", "--no-cache", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert [line.partition(": ")[2].partition(": ")[0] for line in built.stderr.splitlines()] == [
        "b/01-章/a.md:3", "b/01-章/a.md:5"]
    assert "a table runs" in built.stderr


def test_a_path_quoted_as_written_stays_as_written_in_a_message(tmp_path):
    """Named from the folder paiban runs in, it was no longer what the article says, to search for."""
    make_book(tmp_path / "b", {"a.md": f"# 甲\n\n![图]({tmp_path.resolve()}/x.png)\n"})
    failed = run("build", "b", "-f", "html", cwd=tmp_path)
    assert f"error: b/a.md:3: image '{tmp_path.resolve()}/x.png' is outside the book directory" in failed.stderr


def test_messages_of_a_run_from_the_root_name_the_books_files_by_their_full_paths(tmp_path):
    """From / (a container's usual folder) every path is inside the folder paiban runs in: a book
    given as /tmp/…/b was told of as tmp/…/b/book.toml:5, a path that leads nowhere from elsewhere."""
    toml = '[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["01-章/a.md", "01-章/a.md"]\n'
    book = make_book(tmp_path / "b", {"01-章/a.md": "# 甲\n\n![图](missing.png)\n"}, toml).resolve()
    failed = run("build", str(book), "-f", "html", cwd=Path("/"))
    assert failed.returncode == 2
    assert failed.stderr.splitlines()[:2] == [
        f"warning: {book}/book.toml:5: 01-章/a.md is listed more than once; it is taken once, where it is first listed",
        f"error: {book}/01-章/a.md:3: image 'missing.png' not found"]


def test_a_build_whose_standard_error_is_no_terminal_writes_nothing_there_but_its_errors(book_dir):
    """Rich's progress bar, drawn only in a terminal, wrote an empty line to standard error all the
    same as it stopped: every clean build's cron mail or CI log held one, and one followed an error."""
    built = run("build", str(book_dir), "-f", "html")
    assert built.returncode == 0 and built.stderr == ""
    with (book_dir / "book.toml").open("a", encoding="utf-8") as toml:
        toml.write('title = "x\n')
    failed = run("build", str(book_dir), "-f", "html")
    assert failed.returncode == 2 and failed.stderr.startswith("error: ")
    assert failed.stderr.endswith(".\n") and not failed.stderr.endswith("\n\n")


def run_into_a_closed_pipe(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``paiban ARGS`` writing into a pipe its reader has closed, as `paiban … | head -1` once head has
    its line."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run([*PAIBAN, *args], stdout=writer, stderr=subprocess.PIPE, text=True, env=env)
    finally:
        os.close(writer)


@pytest.mark.parametrize("command", ["build", "clean", "batch", "check"])
def test_a_reader_that_closed_the_pipe_early_is_exit_code_141_not_a_bug(tmp_path, command):
    """`paiban build | head -1` exited with 1, the code of a bug, and said nothing (nor did --debug):
    Click's and rich's handling of the broken pipe. The work is done; only its report went unread.
    (Rich's console prints build's and clean's reports; batch's and check's JSON is echoed, inside
    the guard that tells bugs and outside it.)"""
    book = make_book(tmp_path / "catalogue" / "b", {"01.md": "# 春天\n\n春天来了。\n"})
    args = {"build": ["build", str(book), "-f", "html"], "clean": ["clean", str(book)],
            "batch": ["batch", str(book.parent), "-f", "html", "--json"], "check": ["check", str(book), "--json"]}
    if command == "clean":
        paiban.build(book, formats=["html"])
    result = run_into_a_closed_pipe("--debug", *args[command], env=java_stand_in(tmp_path, "exit 1"))
    assert result.returncode == 141 and result.stderr == ""
    if command == "build":
        assert (book / "build" / "b.html").is_file()
    if command == "clean":
        assert not (book / "build").exists()


def test_a_broken_pipe_of_paibans_own_is_still_a_bug(tmp_path):
    """Only standard output's or error's reader gone is exit code 141: a pipe to a worker broken is a
    bug to report."""
    broken = ("import sys, paiban.cli.build_command as command\n"
              "def broken(*args, **kwargs):\n"
              "    raise BrokenPipeError(32, 'Broken pipe')\n"
              "command.run_build = broken\n"
              "from paiban.cli import main\n"
              "main(['build', sys.argv[1]], prog_name='paiban')\n")
    result = subprocess.run([sys.executable, "-c", broken, str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1 and "internal error: BrokenPipeError: [Errno 32] Broken pipe" in result.stderr


def test_paiban_is_imported_with_the_collector_off_and_leaves_it_on():
    """Its imports make objects by the hundred thousand and no cyclic garbage: collected as they
    were made (a hundred times over), they cost 20-30 ms of every command's start."""
    counted = "import gc; print(sum(generation['collections'] for generation in gc.get_stats()))"
    code = f"{counted}; import paiban.cli; {counted}; print(gc.isenabled())"
    before, after, enabled = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                            check=True).stdout.split()
    assert int(after) - int(before) < 20 and enabled == "True"


def test_what_paiban_imports_is_frozen_not_left_for_the_next_collection():
    """Turned back on, the collector walked every object the imports made at the next allocation
    (20 ms): they are frozen, out of every collection, and the young generation is left empty."""
    code = "import gc, paiban.cli; print(gc.get_freeze_count(), gc.get_count()[0])"
    frozen, young = map(int, subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                            check=True).stdout.split())
    assert frozen > 50_000 and young < 700


def test_build_writes_outputs_and_prints_a_summary(book_dir):
    result = run("build", str(book_dir), "--format", "epub,pdf,html")
    assert result.returncode == 0, result.stderr
    for suffix in ("epub", "pdf", "html"):
        path = book_dir / "build" / f"seedbook.{suffix}"
        assert path.is_file() and path.stat().st_size > 0
        assert str(path) in result.stdout
    assert "pages" in result.stdout and "Built in" in result.stdout


def test_build_defaults_to_the_current_directory_epub_and_pdf(book_dir):
    result = run("build", cwd=book_dir)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (book_dir / "build").glob("[!.]*")) == ["seedbook.epub", "seedbook.pdf"]


def test_convert_writes_a_separate_edition_beside_the_source_one(book_dir, tmp_path):
    out = tmp_path / "out"
    assert run("build", str(book_dir), "-f", "epub", "-o", str(out)).returncode == 0
    assert run("build", str(book_dir), "-f", "epub", "--convert", "s2tw", "-o", str(out)).returncode == 0
    assert sorted(p.name for p in out.glob("[!.]*")) == ["seedbook.epub", "seedbook.zh-Hant-TW.epub"]


def test_quiet_prints_nothing_on_success(book_dir):
    result = run("build", str(book_dir), "-f", "html", "-q")
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def test_python_api_returns_what_was_written(book_dir, tmp_path):
    outputs = paiban.build(book_dir, formats=["pdf"], output=tmp_path)
    assert [o.path for o in outputs] == [tmp_path / "seedbook.pdf"]
    assert outputs[0].pages > 1


def test_the_summary_in_a_log_file_has_each_path_whole_on_a_line_of_its_own(book_dir, tmp_path):
    """Written to a file or a pipe, the summary table was squeezed to 80 columns and every path
    past some 47 characters cut with "…": a script (or a grep of the CI log) could not find the files."""
    out = tmp_path / "publisher-nightly-builds" / "2024-03-15" / "山城札记-all-editions"
    result = run("build", str(book_dir), "-f", "epub,html", "-o", str(out), columns=80)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Built in") and lines[1] == "file\tedition\tsize\tpages"
    assert [line.split("\t")[:2] for line in lines[2:]] == [[str(out / "seedbook.epub"), "zh-Hans"],
                                                             [str(out / "seedbook.html"), "zh-Hans"]]


def test_timings_leave_the_summary_in_a_pipe_as_a_script_reads_it(book_dir, tmp_path):
    """--timings printed a box-drawn table on standard output before the summary: the README's
    ``awk -F'\\t' 'NR > 2 {print $1}'`` took its rows for paths. It goes to standard error, as plain lines."""
    out = tmp_path / "out"
    result = run("build", str(book_dir), "-f", "html", "-o", str(out), "--timings")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Built in") and lines[1] == "file\tedition\tsize\tpages"
    assert [line.split("\t")[0] for line in lines[2:]] == [str(out / "seedbook.html")]
    assert "stage\tseconds\tshare" in result.stderr.splitlines() and "┃" not in result.stderr


def test_the_summary_on_a_narrow_terminal_folds_a_path_it_cannot_fit(book_dir, tmp_path):
    out = tmp_path / "publisher-nightly-builds" / "2024-03-15" / "all-editions"
    result = subprocess.run([*PAIBAN, "build", str(book_dir), "-f", "html", "-o", str(out)], capture_output=True,
                            text=True, env={**os.environ, "COLUMNS": "60", "TTY_COMPATIBLE": "1", "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    cells = [line.split("│")[1].strip() for line in result.stdout.splitlines() if line.startswith("│")]
    assert "…" not in result.stdout and "".join(cells) == str(out / "seedbook.html")


LONG_SLUG_BOOK = '[book]\ntitle = "书"\nslug = "{slug}"\n\n[[editions]]\nname = "cn"\n'


def test_a_slug_whose_output_names_a_file_may_have_builds(tmp_path):
    """The temporary name is some 22 bytes longer than the output's: a slug of 76 Chinese
    characters, whose outputs' names have 236 bytes, failed with "File name too long"."""
    slug = "书" * 81  # <slug>.cn.html: 251 bytes
    book = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"}, LONG_SLUG_BOOK.format(slug=slug))
    [output] = paiban.build(book, formats=["html"])
    assert output.path.name == f"{slug}.cn.html" and output.path.is_file()


def test_a_slug_too_long_for_a_file_name_is_an_error_at_its_line(tmp_path):
    """Its build failed on writing ("File name too long", after all the work), with a hint of disk room."""
    slug = "书" * 83  # <slug>.cn.html: 257 bytes
    book = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"}, LONG_SLUG_BOOK.format(slug=slug))
    with pytest.raises(PaibanError) as caught:
        paiban.build(book, formats=["html"])
    assert str(caught.value) == (
        f"{book / 'book.toml'}:3: the output name {slug}.cn.html is 257 bytes long, more than the 255 a file name "
        "may have\nShorten `slug` in [book] to at most 247 bytes (a Chinese character takes 3): it names the "
        "outputs, <slug>.<edition>.<format>.")
    assert not (book / "build").exists()


def test_a_folder_name_too_long_for_the_outputs_is_told_to_give_a_slug(tmp_path):
    book = make_book(tmp_path / ("书" * 84), {"a.md": "# 甲\n\n正文。\n"}, '[book]\ntitle = "书"\n')
    with pytest.raises(PaibanError) as caught:
        paiban.build(book, formats=["html"])  # <folder>.html: 257 bytes
    assert caught.value.file == book and "is 257 bytes long" in caught.value.message
    assert caught.value.hint.startswith("Give the book a `slug` in [book] of at most 250 bytes")


BAD_INPUTS = {
    "missing book.toml": ({}, None, "no book.toml"),
    "toml syntax": ({"a.md": "# A\n"}, '[book]\ntitle = "书\n', "book.toml:2: TOML syntax error"),
    "unknown key": ({"a.md": "# A\n"}, '[book]\ntitle = "书"\nsubtitel = "x"\n',
                    "book.toml:3: unknown key `book.subtitel`"),
    "missing article": ({}, '[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["a.md"]\n',
                        "book.toml:5: article file 'a.md' not found"),
    "empty book": ({}, '[book]\ntitle = "书"\n', "the book has no articles"),
    "bad encoding": ({"a.txt": "标题\n".encode() + b"\xff\xfe\x80\x81" * 40}, '[book]\ntitle = "书"\n',
                     "a.txt:2: cannot decode the text: byte 7 (0xff)"),
    "binary file": ({"a.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256))}, '[book]\ntitle = "书"\n',
                    "a.txt: binary data, not text (it looks like a PNG image)"),
    "raw html": ({"a.md": "# A\n\n<div>\n<span>\n</div>\n"}, '[book]\ntitle = "书"\n',
                 "a.md:5: raw HTML would make invalid XHTML"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_is_a_clear_error_with_exit_code_2_and_no_traceback(tmp_path, case):
    files, toml, expected = BAD_INPUTS[case]
    root = tmp_path / "b"
    if toml is None:
        root.mkdir()
    else:
        make_book(root, files, toml)
    result = run("build", str(root), "-f", "epub")
    assert result.returncode == 2
    assert expected in result.stderr.replace(str(root) + "/", "")
    assert "Traceback" not in result.stderr
    assert not (root / "build").exists() or not any((root / "build").iterdir())


@pytest.mark.parametrize(("args", "expected"), [
    (["-f", "docx"], "unknown output format 'docx'"),
    (["--convert", "s2x"], "unknown conversion 's2x'"),
    (["--convert", "t2s"], "converts from Hant script"),
])
def test_bad_options_exit_2_with_the_valid_choices(book_dir, args, expected):
    result = run("build", str(book_dir), *args)
    assert result.returncode == 2 and expected in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback_and_keeps_the_message_and_exit_code(tmp_path):
    """Raised for the traceback, an input error ended with Python's exit code 1, a bug's."""
    result = run("--debug", "build", str(tmp_path))
    assert result.returncode == 2 and "Traceback" in result.stderr
    assert result.stderr.rstrip().endswith("or create one with `paiban new DIR`.")
    assert "error: " in result.stderr.split("Traceback")[1]  # the message after the traceback


@pytest.mark.parametrize("debug", [False, True])
def test_a_bug_exits_1_and_debug_adds_its_traceback(tmp_path, monkeypatch, debug):
    from click.testing import CliRunner

    import paiban.cli.build_command
    from paiban.cli import main

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    keep_paiban_log(monkeypatch)
    monkeypatch.setattr(paiban.cli.build_command, "run_build", broken)
    result = CliRunner().invoke(main, [*(["--debug"] if debug else []), "build", str(tmp_path)])
    assert result.exit_code == 1 and "internal error: ZeroDivisionError: a bug" in result.stderr
    assert ("Traceback" in result.stderr) == debug and ("--debug" in result.stderr) != debug
    if not debug:  # `paiban build --debug`, the obvious reading of "run again with --debug", is no option
        assert "Run it again as `paiban --debug build …`" in result.stderr


@pytest.mark.parametrize("command", ["build", "check", "clean"])
def test_a_book_is_taken_by_its_book_toml_too(tmp_path, command):
    """`paiban build book.toml` was refused: "Directory 'book.toml' is a file"."""
    make_book(tmp_path / "b", {"a.md": "# A\n\n正文。\n"}, '[book]\ntitle = "书"\n')
    result = run(command, "book.toml", *(["-f", "html"] if command == "build" else []), cwd=tmp_path / "b")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "b" / "build" / "b.html").is_file() or command != "build"


def test_a_file_given_for_the_book_is_told_to_be_its_folder(tmp_path):
    make_book(tmp_path / "b", {"a.md": "# A\n\n正文。\n"}, '[book]\ntitle = "书"\n')
    result = run("build", "a.md", cwd=tmp_path / "b")
    assert result.returncode == 2 and "a.md is a file: give the book's folder" in result.stderr


def test_paiban_run_in_a_chapter_folder_names_the_book_it_is_in(tmp_path):
    """It said only "no book.toml in .", as of a folder in no book."""
    book = make_book(tmp_path / "b", {"01-章/a.md": "# A\n\n正文。\n"}, '[book]\ntitle = "书"\n')
    result = run("build", "-f", "html", cwd=book / "01-章")
    assert result.returncode == 2
    assert f"It is a folder of the book in {book.resolve()}: give that folder (..)" in result.stderr


def test_a_stopped_check_says_it_wrote_nothing(tmp_path, monkeypatch):
    """Ctrl-C during paiban check said "outputs written so far are complete", of a command that writes none."""
    from click.testing import CliRunner

    import paiban.check.preflight
    from paiban.cli import main

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    keep_paiban_log(monkeypatch)
    monkeypatch.setattr(paiban.check.preflight, "preflight", stopped)
    monkeypatch.setattr("paiban.cli.app.ignore_further_stops", lambda: None)  # this process's signals stay
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 130 and "nothing was written (paiban check writes no output)." in result.stderr
    assert "outputs written" not in result.stderr


def java_stand_in(tmp_path: Path, script: str) -> dict[str, str]:
    """The environment of a paiban whose `java` (EPUBCheck's) is the shell ``script``, its TMPDIR
    the empty ``tmp_path``/tmp."""
    folder, temporary = tmp_path / "bin", tmp_path / "tmp"
    folder.mkdir()
    temporary.mkdir()
    (folder / "java").write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    (folder / "java").chmod(0o755)
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}", "TMPDIR": str(temporary)}


def test_sigterm_stops_a_check_and_its_epubcheck_as_ctrl_c_does(tmp_path):
    """SIGTERM (timeout, cron, systemd) killed `paiban check` outright, saying nothing: it left its
    temporary directories in $TMPDIR, one holding the book's EPUBs, and its EPUBCheck JVM running,
    orphaned. Now it stops as a build does. (EPUBCheck is a stand-in that never answers: the check
    waits for it, where the signal finds it.)"""
    book = make_book(tmp_path / "book", {"01.md": "# 春天\n\n春天来了。\n"})
    environment = java_stand_in(tmp_path, "exec sleep 600")
    temporary = Path(environment["TMPDIR"])
    process = subprocess.Popen([*PAIBAN, "check", str(book)], start_new_session=True, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # The EPUB is made, and EPUBCheck runs beside the check.
        wait_for(lambda: list(temporary.glob("paiban-check-*/*.epub")) and len(alive_in_group(process.pid)) >= 2)
        os.kill(process.pid, signal.SIGTERM)
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 143, stderr
        wait_for(lambda: not alive_in_group(process.pid))
        assert not alive_in_group(process.pid)  # no EPUBCheck left running
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    assert stderr == "terminated: nothing was written (paiban check writes no output).\n"
    assert list(temporary.iterdir()) == []


def test_failed_build_leaves_the_previous_good_output_untouched(book_dir):
    assert run("build", str(book_dir), "-f", "epub,pdf").returncode == 0
    outputs = {p: p.read_bytes() for p in (book_dir / "build").glob("[!.]*")}
    (book_dir / "broken.md").write_text("<div>\n\n未闭合\n", encoding="utf-8")
    result = run("build", str(book_dir), "-f", "epub,pdf")
    assert result.returncode == 2
    assert {p: p.read_bytes() for p in (book_dir / "build").glob("[!.]*")} == outputs


@pytest.mark.parametrize(("stop", "group", "code", "said", "times"), [
    (signal.SIGTERM, False, 143, "terminated", 1),  # kill PID
    (signal.SIGTERM, True, 143, "terminated", 1),  # timeout, systemd: the whole process group
    (signal.SIGINT, True, 130, "interrupted", 1),  # Ctrl-C in a terminal
    (signal.SIGTERM, False, 143, "terminated", 3)])  # kill PID, again and again
def test_sigterm_stops_a_build_as_ctrl_c_does(tmp_path, stop, group, code, said, times):
    """SIGTERM killed `paiban build` outright: it left its .part file and its PDF pieces' directory
    in the output directory, and, sent to the build alone, its piece workers ran on, orphaned.
    Now it stops the build as Ctrl-C does: a message, exit 143, nothing left behind.

    Sent again while the build waited for the layouts under way, it interrupted that wait: the
    build exited with a traceback from multiprocessing, and left its piece workers blocked for
    ever, ignoring SIGTERM. Now a repeated stop kills the workers."""
    book = make_book(tmp_path / "long", {f"{n:02}/seed.txt": SEED.read_text(encoding="utf-8") for n in range(40)})
    out = tmp_path / "out"
    out.mkdir()
    (out / "long.pdf").write_bytes(b"%PDF- the earlier good build")
    process = subprocess.Popen([*PAIBAN, "build", str(book), "-f", "pdf", "-o", str(out), "--no-cache"],
                               start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # The pieces are being laid out: their directory is there, and workers beside the build.
        wait_for(lambda: list(out.glob(".paiban-pieces-*")) and len(alive_in_group(process.pid)) >= 3)
        for _ in range(times):
            if process.poll() is not None:
                break
            (os.killpg if group else os.kill)(process.pid, stop)
            with contextlib.suppress(subprocess.TimeoutExpired):  # the next while it waits for the workers
                process.wait(timeout=0.3)
        _, stderr = process.communicate(timeout=120)
        wait_for(lambda: not alive_in_group(process.pid))
        assert not alive_in_group(process.pid)  # no piece worker, no manager left running
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    assert process.returncode == code, stderr
    assert f"{said}: outputs written so far are complete" in stderr and "Traceback" not in stderr, stderr
    assert sorted(path.name for path in out.iterdir() if path.name != ".paiban-cache") == ["long.pdf"]
    assert (out / "long.pdf").read_bytes() == b"%PDF- the earlier good build"


def test_unwritable_output_directory_is_a_clear_error(book_dir, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run("build", str(book_dir), "-f", "html", "-o", str(blocker / "out"))
    assert result.returncode == 2 and "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_output_that_cannot_be_written_in_the_default_relative_directory_is_told_as_such(book_dir):
    """The temporary file's absolute path was taken for an input's: "cannot read it: is a directory"."""
    (book_dir / "build" / "seedbook.epub").mkdir(parents=True)  # where the EPUB goes: it cannot be replaced
    result = run("build", book_dir.name, "-f", "epub", cwd=book_dir.parent)
    assert result.returncode == 2 and "cannot write seedbook/build/seedbook.epub: Is a directory" in result.stderr
    assert "cannot read" not in result.stderr and "Traceback" not in result.stderr


def test_new_scaffolds_a_book_that_builds_at_once(tmp_path):
    target = tmp_path / "我的书"
    result = run("new", str(target), "--title", "新书")
    assert result.returncode == 0, result.stderr
    assert (target / "book.toml").is_file()
    build = run("build", str(target), "-f", "epub,pdf")
    assert build.returncode == 0, build.stderr
    assert (target / "build" / "我的书.epub").is_file()


def test_new_prints_a_next_command_that_can_be_pasted(tmp_path):
    result = run("new", "我的 书", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Next: paiban build '我的 书'" in result.stdout


def test_new_refuses_a_non_empty_directory(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("data")
    result = run("new", str(tmp_path / "x"))
    assert result.returncode == 2 and "not empty" in result.stderr
    assert (tmp_path / "x" / "keep.txt").read_text() == "data"


def test_seed_fixture_is_the_shared_seed():
    assert SEED.read_text(encoding="utf-8").startswith("【全方位推动高质量发展透视】")


EDITIONS_TOML = """\
    [book]
    title = "社区的书"
    slug = "shequ"
    [phrases]
    "社区" = "社區"
    [[editions]]
    name = "cn"
    [[editions]]
    name = "tw"
    convert = "s2twp"
    [[editions]]
    name = "hk"
    convert = "s2hk"
    """


@pytest.fixture
def editions_book(tmp_path):
    return make_book(tmp_path / "e", {"01-一/a.md": "# 社区\n\n淮海社区的软件。\n", "01-一/b.txt": "标题\n正文。\n"},
                     EDITIONS_TOML)


def test_every_declared_edition_is_built_and_named(editions_book):
    result = run("build", str(editions_book), "-f", "epub")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (editions_book / "build").glob("[!.]*")) == [
        "shequ.cn.epub", "shequ.hk.epub", "shequ.tw.epub"]
    for edition in ("cn", "tw", "hk"):
        assert edition in result.stdout


def test_edition_option_builds_only_that_edition(editions_book):
    result = run("build", str(editions_book), "-f", "epub", "--edition", "tw")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (editions_book / "build").glob("[!.]*")] == ["shequ.tw.epub"]


def test_unknown_edition_is_an_error_naming_the_declared_ones(editions_book):
    result = run("build", str(editions_book), "--edition", "jp")
    assert result.returncode == 2 and "no edition named 'jp'" in result.stderr
    assert "cn, tw, hk" in result.stderr


def test_sources_are_read_once_for_all_editions(editions_book, tmp_path):
    steps = []

    class Record:
        def plan(self, total):
            steps.append(("plan", total))

        def step(self, label):
            steps.append(label)

    outputs = paiban.build(editions_book, formats=["html"], output=tmp_path / "o", progress=Record())
    reads = [step for step in steps if isinstance(step, str) and step.startswith("reading")]
    assert len(reads) == 2 and len(outputs) == 3
    assert steps[0] == ("plan", 2 + 3)
    tw = next(o.path for o in outputs if o.edition == "tw").read_text(encoding="utf-8")
    assert "淮海社區的軟體" in tw


@pytest.mark.parametrize("inside", [".", "out"])
def test_an_output_directory_among_the_books_sources_is_refused(tmp_path, inside):
    """With -o the book itself, the second build read the first one's HTML back as an article."""
    book = make_book(tmp_path / "b", {"01-章/a.md": "# 甲\n\n正文。\n"})
    with pytest.raises(PaibanError) as error:
        paiban.build(book, formats=["html"], output=book / inside)
    assert "is inside the book" in error.value.message and "--output" in error.value.hint
    [written] = paiban.build(book, formats=["html"], output=book / "build" / "preview")
    assert written.path.is_file()


@pytest.mark.parametrize(("args", "language", "chapter"), [
    (["--language", "zh-Hant-TW"], "zh-Hant-TW", "01-開篇"),
    (["--title", "臺灣之書"], "zh-Hant", "01-開篇"),  # the title's script
    (["--title", "我的书"], "zh-Hans", "01-开篇"),
    (["--title", "山城", "--language", "zh-hant-hk"], "zh-Hant-HK", "01-開篇"),  # given, in any case
], ids=["tw", "traditional-title", "simplified-title", "hk-any-case"])
def test_new_writes_a_book_in_the_language_given_or_the_titles(tmp_path, args, language, chapter):
    """A Traditional book is zh-Hant with its sample in Traditional (Taiwan's words for Taiwan's):
    `paiban check` finds no character of the other script in it."""
    from paiban.check.preflight import preflight
    from paiban.convert import written_in

    result = run("new", "b", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    book = tmp_path / "b"
    assert f'language = "{language}"' in (book / "book.toml").read_text(encoding="utf-8")
    [article] = (book / chapter).glob("*.md")
    sample = article.read_text(encoding="utf-8")
    assert written_in(sample)[0] == ("Hans" if language == "zh-Hans" else "Hant")
    assert ("檔案" in sample) == (language == "zh-Hant-TW")
    assert [f for f in preflight(book, epubcheck=False).findings if f.check == "script"] == []


@pytest.mark.parametrize(("language", "meant"), [("zh-TW", "Did you mean zh-Hant-TW? "), ("zh_hans", "Did you mean "
                                                   "zh-Hans? "), ("en", "")])
def test_new_spells_the_languages_as_book_toml_needs_them_and_says_which_a_tag_means(tmp_path, language, meant):
    """(Its help and click's error wrote zh-hans, zh-hant-tw …, which book.toml refuses, and zh-TW was told
    only the list, where book.toml's error says "did you mean zh-Hant-TW".)"""
    assert "--language [zh-Hans|zh-Hant|zh-Hant-TW|zh-Hant-HK]" in run("new", "--help").stdout
    result = run("new", "b", "--language", language, cwd=tmp_path)
    assert result.returncode == 2 and not (tmp_path / "b").exists()
    assert result.stderr == (f"error: unknown language '{language}'\n{meant}Give --language one of zh-Hans, "
                             "zh-Hant, zh-Hant-TW, zh-Hant-HK, the tags book.toml takes.\n")


def test_new_refuses_a_name_too_long_for_the_file_system(tmp_path):
    """An internal error (OSError: File name too long): 300 Chinese characters are 900 bytes, the limit 255."""
    result = run("new", "长" * 300, cwd=tmp_path)
    assert result.returncode == 2 and "File name too long" in result.stderr and "255 bytes" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize(("title", "words"), [
    ("   ", "blank"),  # made a book that did not build: "book.title: String should have at least 1 character"
    ("", "blank"),
    (os.fsdecode(b"\xff"), "not UTF-8"),  # an internal error (UnicodeEncodeError), and a half-made book
])
def test_new_refuses_a_title_it_could_not_build(tmp_path, title, words):
    result = run("new", "b", "--title", title, cwd=tmp_path)
    assert result.returncode == 2 and words in result.stderr and "--title" in result.stderr
    assert not (tmp_path / "b").exists()


def test_new_says_what_is_wrong_with_a_target_it_cannot_use(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(PaibanError, match="is a file, not a directory"):
        new_book(tmp_path / "afile")
    (tmp_path / "locked").mkdir(mode=0o500)
    if os.access(tmp_path / "locked", os.W_OK):  # root writes anywhere: make the parent a file instead
        target = tmp_path / "afile" / "book"
    else:
        target = tmp_path / "locked" / "book"
    with pytest.raises(PaibanError, match="cannot create"):
        new_book(target)


def test_a_run_in_a_folder_that_was_removed_is_an_error_saying_so(tmp_path):
    """The shell's folder removed under it: a build wrote the PDF, then failed on the EPUB (its
    writer asks for the folder) with "cannot write …: check that the output directory is writable"
    and the traceback of a zip file closed twice."""
    root = make_book(tmp_path / "book", {"a.md": "# 甲\n\n正文。\n"})
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (f"cd {gone} && rmdir {gone} && exec {sys.executable} -m paiban build {root} "
              f"-f epub,pdf -o {tmp_path / 'out'}")
    done = subprocess.run(["sh", "-c", script], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["error: the folder paiban runs in has been removed",
                                        "cd to a folder that exists and run paiban again"]
    assert not (tmp_path / "out").exists()
