"""paiban batch: a catalogue on a local pool and on a real Dask cluster, skipping what is up to date."""

import contextlib
import io
import json
import os
import signal
import socket
import threading
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from paiban.atomic import remove_stale, temporary_prefix
from paiban.batch import BUILT, FAILED, NOT_BUILT, UP_TO_DATE, run_batch, stopped_report
from paiban.catalog import load_catalog
from paiban.errors import PaibanError
from paiban.manifest import MANIFEST_NAME
from paiban.pools import check_workers, worker_facts
from paiban.theme import default_theme_dir

from conftest import SEED, alive_in_group, claimed_png, epub_text, keep_paiban_log, make_book, wait_for

EDITIONS = '''
[[editions]]
name = "cn"

[[editions]]
name = "tw"
convert = "s2tw"
'''


def make_catalogue(root: Path) -> Path:
    """Five books of two editions each; ``e-broken`` lists an article that does not exist."""
    for name in ("a", "b", "c", "d"):
        make_book(root / name, {"01-开篇/01.md": f"# 第一篇\n\n这是{name}书，讲软件与信息。\n"},
                  toml=f'[book]\ntitle = "{name}书"\n{EDITIONS}')
    make_book(root / "e-broken", {}, toml='[book]\ntitle = "坏书"\n\n[[chapters]]\ntitle = "一"\n'
                                          f'articles = ["missing.md"]\n{EDITIONS}')
    return root


def statuses(results) -> dict[str, int]:
    counts = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    return counts


def batch_cli(*args: str, terminal: bool = False) -> subprocess.CompletedProcess:
    """``paiban batch ARGS`` in a process of its own, its output read as a log file's, or as a
    terminal's (``terminal``, which rich is told by TTY_COMPATIBLE) with no colours."""
    shown = {"TTY_COMPATIBLE": "1", "NO_COLOR": "1"} if terminal else {}
    return subprocess.run([sys.executable, "-m", "paiban", "batch", *args], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200", **shown})


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    return make_catalogue(tmp_path / "catalogue")


def test_pool_builds_the_good_books_and_reports_the_broken_one(catalogue, tmp_path):
    result = batch_cli(str(catalogue), "--format", "epub", "--jobs", "2", "--output", str(tmp_path / "out"),
                       "--json")
    assert result.returncode == 1, result.stderr
    rows = json.loads(result.stdout)
    assert [(row["book"], row["edition"], row["status"]) for row in rows if row["status"] == BUILT] == [
        (book, edition, BUILT) for book in "abcd" for edition in ("cn", "tw")]
    [broken] = [row for row in rows if row["status"] == FAILED]
    assert broken["book"] == "e-broken" and "missing.md" in broken["error"] and "book.toml:6" in broken["error"]
    for book in "abcd":
        for edition in ("cn", "tw"):
            assert (tmp_path / "out" / book / f"{book}.{edition}.epub").stat().st_size > 1000
    assert not list((tmp_path / "out").rglob("*.part"))


def test_the_table_names_every_column_and_the_error(catalogue, tmp_path):
    result = batch_cli(str(catalogue), "--format", "epub", "--edition", "cn", "--output", str(tmp_path / "out"),
                       terminal=True)
    assert result.returncode == 1
    for heading in ("book", "edition", "format", "status", "pages", "seconds", "error", "4 built",
                    "0 failed; 1 book failed as a whole"):
        assert heading in result.stdout
    assert "e-broken" in result.stdout and "article file" in result.stdout


def test_a_second_run_rebuilds_nothing(catalogue, tmp_path):
    out = tmp_path / "out"
    first = run_batch(catalogue, out, formats=["epub"], jobs=2)
    second = run_batch(catalogue, out, formats=["epub"], jobs=2)
    assert statuses(first) == {BUILT: 8, FAILED: 1}
    assert statuses(second) == {UP_TO_DATE: 8, FAILED: 1}


def test_changing_one_article_rebuilds_only_that_books_outputs(catalogue, tmp_path):
    out = tmp_path / "out"
    run_batch(catalogue, out, formats=["epub"], jobs=2)
    before = (out / "c" / "c.tw.epub").read_bytes()
    (catalogue / "b" / "01-开篇" / "01.md").write_text("# 第一篇\n\n改过的文章。\n", encoding="utf-8")
    (catalogue / "c" / "01-开篇" / "01.md").touch()  # a new time, the same content: still up to date
    again = run_batch(catalogue, out, formats=["epub"], jobs=2)
    assert [(r.book, r.edition) for r in again if r.status == BUILT] == [("b", "cn"), ("b", "tw")]
    assert (out / "c" / "c.tw.epub").read_bytes() == before


def test_workers_are_replaced_after_their_share_of_tasks(catalogue, tmp_path):
    results = run_batch(catalogue, tmp_path / "out", formats=["epub"], jobs=2, tasks_per_worker=1)
    built = [result for result in results if result.status == BUILT]
    per_worker = Counter(result.worker for result in built)
    # Each generation of 2 workers gets 2 tasks, shared as they come free: 4 generations at least.
    assert len(built) == 8 and max(per_worker.values()) <= 2 and len(per_worker) >= 4


def test_a_deleted_output_or_manifest_entry_is_built_again(catalogue, tmp_path):
    out = tmp_path / "out"
    run_batch(catalogue, out, formats=["epub"], jobs=1)
    (out / "a" / "a.cn.epub").unlink()
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    del manifest["outputs"]["d/d.tw.epub"]  # as if the run had been stopped before recording it
    (out / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    again = run_batch(catalogue, out, formats=["epub"], jobs=1)
    assert sorted((r.book, r.edition) for r in again if r.status == BUILT) == [("a", "cn"), ("d", "tw")]


def test_catalog_toml_gives_each_book_its_own_formats_and_editions(catalogue, tmp_path):
    (catalogue / "catalog.toml").write_text(
        '[[books]]\npath = "a"\nformats = ["pdf"]\neditions = ["tw"]\n\n[[books]]\npath = "b"\n', encoding="utf-8")
    results = run_batch(catalogue / "catalog.toml", tmp_path / "out", formats=["epub"], jobs=2)
    assert [(r.book, r.edition, r.format, r.status) for r in results] == [
        ("a", "tw", "pdf", BUILT), ("b", "cn", "epub", BUILT), ("b", "tw", "epub", BUILT)]
    assert results[0].pages >= 1 and (tmp_path / "out" / "a" / "a.tw.pdf").read_bytes().startswith(b"%PDF")


def test_a_directory_of_books_is_taken_in_the_order_of_their_numbers(tmp_path):
    for name in ("第10卷", "第2卷", "第一卷"):
        make_book(tmp_path / name, {"a.md": "# 文\n"})
    assert [book.name for book in load_catalog(tmp_path)] == ["第一卷", "第2卷", "第10卷"]


def test_a_mistake_in_catalog_toml_names_the_file_and_line(tmp_path):
    catalog = tmp_path / "catalog.toml"
    catalog.write_text('[[books]]\npath = "a"\n\n[[books]]\npath = "b"\nformat = ["epub"]\n', encoding="utf-8")
    with pytest.raises(PaibanError) as error:
        load_catalog(catalog)
    assert error.value.file == catalog and error.value.line == 6 and "format" in error.value.message


def test_two_books_with_one_slug_do_not_overwrite_each_other(catalogue, tmp_path):
    for name in ("a", "b"):
        (catalogue / name / "book.toml").write_text(f'[book]\ntitle = "{name}"\nslug = "same"\n', encoding="utf-8")
    results = run_batch(catalogue, tmp_path / "out", formats=["epub"], jobs=2)
    assert [(r.book, r.status) for r in results][:2] == [("a", BUILT), ("b", FAILED)]
    assert results[1].error.startswith(f"{catalogue / 'b' / 'book.toml'}:3: book 'a' has the same slug, 'same'")


def test_two_books_whose_slugs_differ_in_case_alone_do_not_overwrite_each_other(catalogue, tmp_path):
    """Delta and delta both built: on macOS, Windows or a share of theirs, one folder."""
    for name, slug in (("a", "Delta"), ("b", "delta")):
        (catalogue / name / "book.toml").write_text(f'[book]\ntitle = "{name}"\nslug = "{slug}"\n', encoding="utf-8")
    results = run_batch(catalogue, tmp_path / "out", formats=["epub"], jobs=2)
    assert [(r.book, r.status) for r in results][:2] == [("a", BUILT), ("b", FAILED)]
    assert "book 'a' has the slug 'Delta', which is 'delta' in another case" in results[1].error


def test_jobs_and_scheduler_together_are_a_usage_error(catalogue):
    result = batch_cli(str(catalogue), "--jobs", "2", "--scheduler", "tcp://127.0.0.1:1")
    assert result.returncode == 2 and "--scheduler" in result.stderr


@contextlib.contextmanager
def _batch_group(*args: str, **streams) -> Iterator[subprocess.Popen]:
    """``paiban batch ARGS`` leading a process group of its own, as a shell's job, which is killed
    at the end, whatever the test made of it."""
    process = subprocess.Popen([sys.executable, "-m", "paiban", "batch", *args], start_new_session=True,
                               text=True, **streams)
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)


@pytest.mark.parametrize(("stop", "group", "code", "said"), [
    (signal.SIGINT, True, 130, "interrupted"),  # Ctrl-C in a terminal: the whole process group
    (signal.SIGTERM, False, 143, "terminated"),  # kill PID, as cron or supervisor stop it
    (signal.SIGTERM, True, 143, "terminated")])  # timeout, systemd: the whole group
def test_ctrl_c_or_sigterm_cancels_and_leaves_only_complete_recorded_outputs(tmp_path, stop, group, code, said):
    """SIGTERM killed the driver at once, with no report and no manifest: its workers, left to
    themselves, went on writing outputs nothing recorded; sent to the group, it killed them
    halfway, leaving their temporary files. Now it stops the run as Ctrl-C does."""
    catalogue = tmp_path / "many"
    for number in range(8):
        make_book(catalogue / f"book{number:02}", {"seed.txt": SEED.read_text(encoding="utf-8")})
    out = tmp_path / "out"
    with _batch_group(str(catalogue), "-f", "epub", "-j", "1", "-o", str(out), "--json",
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        wait_for(lambda: (out / MANIFEST_NAME).exists())
        (os.killpg if group else os.kill)(process.pid, stop)
        stdout, stderr = process.communicate(timeout=60)
        assert process.returncode == code, stderr
        assert f"{said}: outputs written so far are complete" in stderr
        wait_for(lambda: not alive_in_group(process.pid))
        assert not alive_in_group(process.pid)  # the workers, their server, the resource tracker
    assert "leaked" not in stderr and "Traceback" not in stderr, stderr
    # The report of what finished, the rest not built (it printed nothing).
    rows = json.loads(stdout)
    assert len(rows) == 8 and {row["status"] for row in rows} == {BUILT, NOT_BUILT}
    assert all(row["error"] == said for row in rows if row["status"] == NOT_BUILT)
    assert not list(out.rglob("*.part"))
    recorded = set(json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["outputs"])
    on_disk = {path.relative_to(out).as_posix() for path in out.rglob("*.epub")}
    assert recorded == on_disk and 0 < len(on_disk) < 8
    assert {row["output"] for row in rows if row["status"] == BUILT} == {str(out / name) for name in on_disk}
    resumed = run_batch(catalogue, out, formats=["epub"], jobs=2)
    assert statuses(resumed) == {UP_TO_DATE: len(on_disk), BUILT: 8 - len(on_disk)}


def test_a_second_ctrl_c_is_told_the_run_is_finishing_and_every_output_on_disk_is_recorded(tmp_path):
    """After the first Ctrl-C nothing was printed, and a second one, while the run waited for the
    tasks running, stopped the wait: the workers went on to write outputs the manifest never
    listed, and the report called them not built."""
    catalogue = tmp_path / "cat"
    make_book(catalogue / "a", {"a.md": "# 甲\n\n短。\n"})
    # A PDF of many seconds, still being made when the second Ctrl-C comes, however busy the machine.
    make_book(catalogue / "b", {f"{n}.txt": SEED.read_text(encoding="utf-8") for n in range(1, 7)})
    make_book(catalogue / "c", {"c.md": "# 丙\n\n短。\n"})
    out, said = tmp_path / "out", tmp_path / "stderr.txt"
    with said.open("w") as stderr, _batch_group(str(catalogue), "-f", "pdf", "-j", "1", "-o", str(out), "--json",
                                                stdout=subprocess.PIPE, stderr=stderr) as process:
        wait_for(lambda: (out / MANIFEST_NAME).exists())  # a is built: b starts
        time.sleep(0.5)
        os.killpg(process.pid, signal.SIGINT)
        wait_for(lambda: "finishing" in said.read_text() or process.poll() is not None)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        stdout, _ = process.communicate(timeout=60)
    told = said.read_text()
    assert process.returncode == 130, told
    assert "interrupted: no further book starts; finishing b zh-Hans, so that their outputs are complete and " \
           "recorded" in " ".join(told.split())
    assert "still finishing b zh-Hans" in " ".join(told.split())
    rows = {row["book"]: row for row in json.loads(stdout)}
    assert (rows["a"]["status"], rows["b"]["status"], rows["c"]["status"]) == (BUILT, BUILT, NOT_BUILT)
    recorded = set(json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["outputs"])
    assert recorded == {path.relative_to(out).as_posix() for path in out.rglob("*.pdf")} == {"a/a.pdf", "b/b.pdf"}
    assert not list(out.rglob("*.part"))


def test_the_workers_stop_when_the_driver_is_killed(tmp_path):
    """Killed with SIGKILL (or crashed), the driver left its workers, their server and the resource
    tracker running for ever: the workers went on building outputs nothing would record, then
    waited for tasks. Now each stops at once, removing the temporary file it was writing."""
    catalogue = tmp_path / "cat"
    for name in "abcdef":
        make_book(catalogue / name, {"seed.txt": SEED.read_text(encoding="utf-8")})
    out = tmp_path / "out"
    with _batch_group(str(catalogue), "-f", "pdf", "-j", "2", "-o", str(out), stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL) as process:
        wait_for(lambda: (out / MANIFEST_NAME).exists())
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        wait_for(lambda: not alive_in_group(process.pid))
        assert not alive_in_group(process.pid)
    # The driver itself, killed as it wrote the manifest, may leave the manifest's temporary file, as
    # any writer killed so does (the README's "Nothing is lost"): the next write of the manifest
    # removes it. The workers leave none.
    drivers = f"{temporary_prefix(MANIFEST_NAME)}{process.pid}."
    assert [path for path in out.rglob("*.part") if not path.name.startswith(drivers)] == []
    remove_stale(out / MANIFEST_NAME)
    assert not list(out.rglob("*.part"))


def test_a_dask_cluster_makes_the_same_epubs_as_the_local_pool(catalogue, tmp_path, caplog):
    distributed = pytest.importorskip("distributed")
    local = run_batch(catalogue, tmp_path / "local", formats=["epub"], jobs=2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        remote = run_batch(catalogue, tmp_path / "dask", formats=["epub"], scheduler=cluster.scheduler_address)
    # The workers were asked what they run: the same paiban, with Dask's profiler on (the default).
    assert "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False" in caplog.text
    assert [(r.book, r.edition, r.status) for r in remote] == [(r.book, r.edition, r.status) for r in local]
    workers = {r.worker for r in remote if r.status == BUILT}
    assert workers and all(int(worker.rsplit(":", 1)[1]) != os.getpid() for worker in workers)
    for result in local:
        if result.status == BUILT:
            twin = tmp_path / "dask" / Path(result.output).relative_to(tmp_path / "local")
            assert twin.read_bytes() == Path(result.output).read_bytes(), twin


def test_a_dask_worker_with_another_paiban_is_refused():
    pytest.importorskip("distributed")
    here = worker_facts()
    tools, code, _ = here
    check_workers({"tcp://10.0.0.2:40000": (tools, code, False)}, here)  # the same: accepted
    with pytest.raises(PaibanError, match=r"10.0.0.3:40000 runs a different paiban \(weasyprint 0.1 there"):
        check_workers({"tcp://10.0.0.2:40000": (tools, code, False),
                       "tcp://10.0.0.3:40000": ({**tools, "weasyprint": "0.1"}, "other", False)}, here)


def test_a_ctrl_c_while_a_task_is_submitted_still_records_its_output(tmp_path):
    """The interrupt arrives inside submit, before the task was noted as running: its output was
    written but never recorded. Held back, it is raised once the task is noted, and recorded."""
    import concurrent.futures

    from paiban.batch import BUILT, Plan, Result, Task, _run
    from paiban.build import Silent
    from paiban.fingerprint import Fingerprint
    from paiban.manifest import Manifest
    from paiban.pools import Pool

    task = Task(book="b", book_dir=tmp_path, edition=None, edition_label="zh-Hans", format="epub",
                output=tmp_path / "b" / "b.epub")

    def submit(fn, arg):
        future = concurrent.futures.Future()
        future.set_running_or_notify_cancel()
        future.set_result([Result(book="b", edition="zh-Hans", format="epub", status=BUILT,
                                  output=str(arg[0].output))])
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, as the task is handed to a worker
        return future

    pool = Pool(submit=submit, first_completed=lambda futures: futures, window=1)
    manifest = Manifest(tmp_path)
    other = threading.Thread(target=time.sleep, args=(1,), daemon=True)
    other.start()  # a thread the kernel may hand the signal to, as a progress bar's is
    with pytest.raises(KeyboardInterrupt):
        _run(pool, [(task,)], Plan(items=[task], inputs={task: Fingerprint(files={}, tools={})}), manifest,
             Silent(), {}, print)
    assert list(manifest.outputs) == ["b/b.epub"]


@pytest.mark.parametrize("unstoppable", [True, False])
def test_a_ctrl_c_on_a_cluster_says_its_running_books_finish_there_unrecorded(tmp_path, unstoppable):
    """"nothing half-written was left" was said while the cluster's workers still wrote, and a run
    started at once met them writing."""
    import concurrent.futures

    from paiban.batch import Plan, Task, _run
    from paiban.build import Silent
    from paiban.fingerprint import Fingerprint
    from paiban.manifest import Manifest
    from paiban.pools import Pool

    task = Task(book="b", book_dir=tmp_path, edition=None, edition_label="zh-Hans", format="epub",
                output=tmp_path / "b" / "b.epub")

    def first_completed(futures):
        raise KeyboardInterrupt

    pool = Pool(submit=lambda fn, arg: concurrent.futures.Future(), first_completed=first_completed, window=None,
                where="the Dask scheduler at tcp://x:8786", unstoppable=unstoppable)
    said = []
    with pytest.raises(KeyboardInterrupt):
        _run(pool, [(task,)], Plan(items=[task], inputs={task: Fingerprint(files={}, tools={})}), Manifest(tmp_path),
             Silent(), {}, said.append)
    assert any("cannot be stopped there" in line and "unrecorded" in line for line in said) == unstoppable


def test_an_unknown_format_is_the_commands_error_before_any_book(tmp_path):
    """It became one failed task per book, exit 1 (a book failed), not a usage error."""
    make_book(tmp_path / "cat" / "b", {"a.md": "# 甲\n\n正文。\n"})
    result = subprocess.run([sys.executable, "-m", "paiban", "batch", str(tmp_path / "cat"), "-f", "pdf,xx"],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "unknown output format 'xx'" in result.stderr
    assert not (tmp_path / "cat" / "build").exists()


@pytest.mark.parametrize("second", ["x", "./x"])
def test_a_book_listed_twice_in_the_catalogue_is_an_error_at_its_line(tmp_path, second):
    """As ./x it failed as a book with "the same slug"; as x again it was merged silently."""
    from paiban.catalog import load_catalog
    from paiban.errors import PaibanError

    make_book(tmp_path / "x", {"a.md": "# 甲\n\n正文。\n"})
    (tmp_path / "catalog.toml").write_text(f'[[books]]\npath = "x"\n\n[[books]]\npath = "{second}"\n',
                                           encoding="utf-8")
    with pytest.raises(PaibanError) as error:
        load_catalog(tmp_path / "catalog.toml")
    assert (error.value.line, error.value.message) == (5, f"the book {second} is listed twice (first as x)")


def _killed(job):
    """A task whose worker is killed (as by the OOM killer) while it builds."""
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_killed_fails_its_task_only_and_the_others_go_on(catalogue, tmp_path, monkeypatch):
    """A killed worker broke the process pool: the whole batch ended in "internal error", no report."""
    import dataclasses

    import paiban.batch
    from paiban.batch import WORKER_DIED
    from paiban.pools import local_pool

    @contextlib.contextmanager
    def killing_pool(jobs, tasks_per_worker):
        with local_pool(jobs, tasks_per_worker) as pool:
            yield dataclasses.replace(pool, submit=lambda fn, job: pool.submit(
                _killed if job[0].book == "c" else fn, job))

    monkeypatch.setattr(paiban.batch, "local_pool", killing_pool)
    results = run_batch(catalogue, tmp_path / "out", formats=["epub"], jobs=2)
    assert [(r.book, r.edition) for r in results if r.status == BUILT] == [
        (book, edition) for book in "abd" for edition in ("cn", "tw")]
    assert [(r.book, r.error) for r in results if r.status == FAILED][:2] == [("c", WORKER_DIED)] * 2


@pytest.mark.parametrize("loss", ["cancelled", "connection closed"])
def test_a_lost_scheduler_stops_the_run_and_what_finished_before_is_recorded(tmp_path, loss):
    """distributed cancels every future when the client loses its scheduler. Each task then failed
    with Dask's long message; now the run stops with one error, counting the outputs not built.
    (Or the connection closes under a result being fetched: that was an internal error.)"""
    import concurrent.futures

    distributed = pytest.importorskip("distributed.comm")

    from paiban.batch import Plan, PoolLost, Result, Task, _run
    from paiban.build import Silent
    from paiban.fingerprint import Fingerprint
    from paiban.manifest import Manifest
    from paiban.pools import Pool

    tasks = [Task(book=name, book_dir=tmp_path, edition=None, edition_label="zh-Hans", format="epub",
                  output=tmp_path / name / f"{name}.epub") for name in "abc"]

    def submit(fn, job):
        future = concurrent.futures.Future()
        if job[0].book == "a":
            future.set_result([Result(book="a", edition="zh-Hans", format="epub", status=BUILT,
                                      output=str(job[0].output))])
        else:
            future.set_exception(concurrent.futures.CancelledError("scheduler-connection-lost") if loss == "cancelled"
                                 else distributed.CommClosedError("in <TCP (closed) ConnectionPool.gather>"))
        return future

    pool = Pool(submit=submit, first_completed=lambda futures: futures[:1], window=1,
                where="the Dask scheduler at tcp://10.0.0.1:8786",
                lost=(concurrent.futures.CancelledError, distributed.CommClosedError))
    plan = Plan(items=list(tasks), inputs=dict.fromkeys(tasks, Fingerprint(files={}, tools={})))
    manifest, done = Manifest(tmp_path), {}
    with pytest.raises(PoolLost) as lost:
        _run(pool, [(task,) for task in tasks], plan, manifest, Silent(), done, print)
    assert str(lost.value) == ("lost the Dask scheduler at tcp://10.0.0.1:8786; 2 outputs not built\n"
                               "Run again to build them (what was built is recorded and skipped).")
    assert lost.value.reason == "lost the Dask scheduler at tcp://10.0.0.1:8786"
    assert list(done) == tasks[:1] and list(manifest.outputs) == ["a/a.epub"]


CLUSTER = """
import sys, time
from distributed import LocalCluster
if __name__ == "__main__":
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        print(cluster.scheduler_address, flush=True)
        time.sleep(600)
"""


def test_a_cluster_whose_scheduler_dies_is_told_in_one_line_without_dasks_traceback(tmp_path):
    """Killing the scheduler put Dask's client's ERROR and some 25 lines of its traceback in the
    log, and every row of the report carried Dask's long message as a failure."""
    pytest.importorskip("distributed")
    catalogue = tmp_path / "cat"
    for number in range(12):
        make_book(catalogue / f"b{number:02}", {"a.md": f"# 第{number}篇\n\n短文。\n"})
    (tmp_path / "cluster.py").write_text(CLUSTER, encoding="utf-8")
    out = tmp_path / "out"
    quiet = {**os.environ, "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}
    cluster = subprocess.Popen([sys.executable, str(tmp_path / "cluster.py")], stdout=subprocess.PIPE, text=True,
                               start_new_session=True, env=quiet)
    try:
        address = cluster.stdout.readline().strip()
        with _batch_group(str(catalogue), "-f", "epub", "-o", str(out), "--scheduler", address, "--json",
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
            wait_for(lambda: (out / MANIFEST_NAME).exists())
            os.killpg(cluster.pid, signal.SIGKILL)
            stdout, stderr = process.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(cluster.pid, signal.SIGKILL)
        cluster.wait(timeout=60)
    rows = json.loads(stdout)
    lost = [row for row in rows if row["status"] == NOT_BUILT]
    assert process.returncode == 2 and lost, stderr
    assert stderr.strip().splitlines() == [
        f"error: lost the Dask scheduler at {address}; {len(lost)} outputs not built",
        "Run again to build them (what was built is recorded and skipped)."]
    assert {row["error"] for row in lost} == {f"lost the Dask scheduler at {address}"}
    assert {row["status"] for row in rows} == {BUILT, NOT_BUILT}
    recorded = set(json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["outputs"])
    assert recorded == {Path(row["output"]).relative_to(out).as_posix() for row in rows if row["status"] == BUILT}


def _disk_full(monkeypatch) -> None:
    """Every save of the manifest fails as on a full disk."""
    import errno

    import paiban.manifest

    @contextlib.contextmanager
    def full(target):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        yield

    monkeypatch.setattr(paiban.manifest, "atomic_output", full)


def test_a_manifest_that_cannot_be_saved_is_told_once_the_run_goes_on_and_fails_at_its_end(catalogue, tmp_path,
                                                                                            monkeypatch, caplog):
    """A full disk under manifest.json ended the batch in "internal error", without a report; then
    the run went on and ended as a success, though the next run could not tell whose outputs DIR
    held (another book with the same slug overwrote them)."""
    _disk_full(monkeypatch)
    with pytest.raises(PaibanError) as error:
        run_batch(catalogue, tmp_path / "out", formats=["epub"], editions=["cn"], jobs=1)
    assert statuses(stopped_report(error.value)) == {BUILT: 4, FAILED: 1}
    assert error.value.file == tmp_path / "out" / MANIFEST_NAME
    assert "cannot save" in error.value.message and "No space left on device" in error.value.message
    [message] = [record.getMessage() for record in caplog.records if "manifest.json" in record.getMessage()]
    assert "cannot save" in message and "No space left on device" in message and "build them again" in message


def test_the_command_reports_a_run_whose_manifest_was_not_saved_and_exits_with_an_error(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from paiban.cli import main

    keep_paiban_log(monkeypatch)
    _disk_full(monkeypatch)
    make_book(tmp_path / "cat" / "b", {"a.md": "# 甲\n\n正文。\n"})
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "cat"), "-f", "epub", "-j", "1",
                                       "-o", str(tmp_path / "out"), "--json"])
    assert result.exit_code == 2, result.output
    assert [row["status"] for row in json.loads(result.stdout)] == [BUILT]
    assert "cannot save the manifest: No space left on device" in " ".join(result.stderr.split())


def test_a_manifest_json_that_is_a_folder_stops_the_batch_before_any_build(catalogue, tmp_path):
    """A book's folder took manifest.json's place (slug = "manifest.json"): every run after it built
    all again, not knowing whose each output was, and ended as a success."""
    out = tmp_path / "out"
    (out / MANIFEST_NAME).mkdir(parents=True)
    with pytest.raises(PaibanError) as error:
        run_batch(catalogue, out, formats=["epub"], editions=["cn"], jobs=1)
    assert error.value.file == out / MANIFEST_NAME and "not a file" in error.value.message
    assert not list(out.rglob("*.epub"))


@pytest.mark.parametrize("slug", ["manifest.json", "Manifest.JSON"])
def test_a_slug_that_is_the_manifests_name_fails_at_its_line_and_the_others_are_recorded(tmp_path, slug):
    """slug = "manifest.json" put the book's folder where the manifest goes: the run could not save
    it and ended as a success, and a book of another catalogue then overwrote the outputs of one
    of the same slug. (Manifest.JSON is the same file on a case-insensitive file system.)"""
    catalogue = tmp_path / "catalogue"
    make_book(catalogue / "a", {"01.md": "# 一\n\n甲文。\n"}, toml=f'[book]\ntitle = "甲"\nslug = "{slug}"\n')
    make_book(catalogue / "b", {"01.md": "# 一\n\n乙文。\n"}, toml='[book]\ntitle = "乙"\n')
    out = tmp_path / "out"
    results = run_batch(catalogue, out, formats=["epub"], jobs=1)
    assert [(r.book, r.status) for r in results] == [("a", FAILED), ("b", BUILT)]
    assert results[0].error.startswith(f"{catalogue / 'a' / 'book.toml'}:3: ") and "manifest" in results[0].error
    assert list(json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["outputs"]) == ["b/b.epub"]


@pytest.mark.parametrize("folder", ["manifest.json", ".manifest.lock", ".paiban-cache"])
def test_a_book_whose_folder_name_is_one_of_the_batchs_own_files_needs_a_slug(tmp_path, folder):
    catalogue = tmp_path / "catalogue"
    make_book(catalogue / "cat" / folder, {"01.md": "# 一\n\n甲文。\n"})
    (catalogue / "catalog.toml").write_text(f'[[books]]\npath = "cat/{folder}"\n', encoding="utf-8")
    [result] = run_batch(catalogue / "catalog.toml", tmp_path / "out", formats=["epub"], jobs=1)
    assert result.status == FAILED and result.error.startswith(f"{catalogue / 'cat' / folder}: ")
    assert "`slug`" in result.error
    (catalogue / "cat" / folder / "book.toml").write_text('[book]\ntitle = "甲"\nslug = "jia"\n', encoding="utf-8")
    assert run_batch(catalogue / "catalog.toml", tmp_path / "out", formats=["epub"], jobs=1)[0].status == BUILT


def test_a_book_with_the_slug_of_one_an_earlier_run_built_fails_instead_of_overwriting_it(catalogue, tmp_path):
    """Within one run the second book of a slug failed; from a second run it overwrote the first's outputs."""
    other = make_book(tmp_path / "other" / "a", {"01.md": "# 另一本\n\n别的书。\n"},
                      toml=f'[book]\ntitle = "别的"\n{EDITIONS}')
    out = tmp_path / "out"
    run_batch(catalogue, out, formats=["epub"], editions=["cn"], jobs=1)
    before = (out / "a" / "a.cn.epub").read_bytes()
    [result] = run_batch(other.parent, out, formats=["epub"], editions=["cn"], jobs=1)
    assert result.status == FAILED
    assert str(catalogue / "a") in result.error and str(other) in result.error and "same slug" in result.error
    assert (out / "a" / "a.cn.epub").read_bytes() == before
    assert run_batch(catalogue, out, formats=["epub"], editions=["cn"], jobs=1)[0].status == UP_TO_DATE
    (out / "a" / "a.cn.epub").unlink()  # as the error's hint says, when the earlier book's outputs may go
    assert run_batch(other.parent, out, formats=["epub"], editions=["cn"], jobs=1)[0].status == BUILT


def test_a_second_batch_into_the_same_directory_stops_at_once(catalogue, tmp_path):
    """Each saved its own view of manifest.json over the other's: the first one's entries were lost."""
    from paiban.manifest import locked

    out = tmp_path / "out"
    with locked(out):  # as a batch running into out holds it
        result = batch_cli(str(catalogue), "-f", "epub", "-o", str(out))
    assert result.returncode == 2 and f"another paiban batch is writing to {out}" in result.stderr
    assert not list(out.rglob("*.epub"))
    assert statuses(run_batch(catalogue, out, formats=["epub"], editions=["cn"], jobs=1)) == {BUILT: 4, FAILED: 1}


def test_a_warning_of_making_one_output_is_in_its_row_alone_and_in_its_rows_while_it_is_up_to_date(tmp_path):
    """A sheet only the PDF reads: its warning was listed under the EPUB too, and on the next run,
    the book up to date, under neither (a nightly run's operator saw it only the night it changed)."""
    print_css = (default_theme_dir() / "print.css").read_text(encoding="utf-8") + "p { colr: red; }\n"
    make_book(tmp_path / "cat" / "w", {"a.md": "# 甲\n\n正文。\n\n![远](https://example.com/a.png)\n",
                                       "styles/print.css": print_css})
    for status in (BUILT, UP_TO_DATE):
        results = run_batch(tmp_path / "cat", tmp_path / "out", formats=["epub", "pdf"], jobs=1)
        rows = {result.format: result for result in results}
        assert {fmt: row.status for fmt, row in rows.items()} == {"epub": status, "pdf": status}
        assert any("colr" in warning for warning in rows["pdf"].warnings)
        assert not any("colr" in warning for warning in rows["epub"].warnings)
        assert any("example.com" in warning for warning in rows["epub"].warnings)  # the book's reading: both's
        assert any("example.com" in warning for warning in rows["pdf"].warnings)


def test_a_tasks_warnings_are_in_its_row_of_the_report(tmp_path):
    """They went only to the worker's stderr, where an unattended run's operator never looks."""
    book = make_book(tmp_path / "cat" / "w", {"a.md": "# 甲\n\n正文。\n"})
    (tmp_path / "elsewhere").mkdir()
    (book / "styles").symlink_to(tmp_path / "elsewhere")
    result = batch_cli(str(tmp_path / "cat"), "-f", "epub", "-j", "1", "-o", str(tmp_path / "out"), "--json")
    [row] = json.loads(result.stdout)
    assert row["status"] == BUILT and len(row["warnings"]) == 1
    assert "leads out of the book directory" in row["warnings"][0]
    result = batch_cli(str(tmp_path / "cat"), "-f", "epub", "-j", "1", "-o", str(tmp_path / "out2"))
    assert "warning:" in result.stdout and "leads out of the book directory" in result.stdout


def test_a_batch_epub_has_the_print_page_list_of_the_pdf_built_with_it(tmp_path):
    """Each format was its own task: the EPUB never got the PDF's page starts, so it lacked the
    page-list (and the printPageNumbers claim) that `paiban build` gives it."""
    import paiban

    book = make_book(tmp_path / "cat" / "p", {"seed.txt": SEED.read_text(encoding="utf-8")})
    [built] = paiban.build(book, formats=["epub", "pdf"], output=tmp_path / "single")[1:]
    out = tmp_path / "out"
    results = run_batch(tmp_path / "cat", out, formats=["epub", "pdf"], jobs=1)
    assert [(r.format, r.status) for r in results] == [("epub", BUILT), ("pdf", BUILT)]
    epub = out / "p" / "p.epub"
    assert "page-list" in epub_text(epub) and epub.read_bytes() == built.path.read_bytes()
    epub.unlink()  # the PDF is up to date, but the EPUB takes its page list from building it
    results = run_batch(tmp_path / "cat", out, formats=["epub", "pdf"], jobs=1)
    assert [(r.format, r.status) for r in results] == [("epub", BUILT), ("pdf", BUILT)]
    assert epub.read_bytes() == built.path.read_bytes()
    alone = tmp_path / "alone"  # an EPUB built without its PDF is not up to date once the PDF is asked for
    assert [r.status for r in run_batch(tmp_path / "cat", alone, formats=["epub"], jobs=1)] == [BUILT]
    assert "page-list" not in epub_text(alone / "p" / "p.epub")
    results = run_batch(tmp_path / "cat", alone, formats=["epub", "pdf"], jobs=1)
    assert [(r.format, r.status) for r in results] == [("epub", BUILT), ("pdf", BUILT)]
    assert (alone / "p" / "p.epub").read_bytes() == built.path.read_bytes()
    assert {r.status for r in run_batch(tmp_path / "cat", alone, formats=["epub", "pdf"], jobs=1)} == {UP_TO_DATE}


def test_a_scheduler_address_that_is_none_is_a_usage_error(catalogue):
    """It was an internal ValueError, then a 20 s hang and a traceback as the Client closed."""
    pytest.importorskip("distributed")
    result = batch_cli(str(catalogue), "--scheduler", "nonsense")
    assert result.returncode == 2 and "not a scheduler address: nonsense" in result.stderr
    assert "tcp://HOST:PORT" in result.stderr and "Traceback" not in result.stderr


def test_an_empty_scheduler_address_is_a_usage_error(catalogue, tmp_path):
    """`--scheduler "$DASK"` with the variable unset ran on the local pool without a word."""
    result = batch_cli(str(catalogue), "--scheduler", "", "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "--scheduler needs an address" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_scheduler_nothing_listens_at_is_said_at_once_in_one_line(catalogue):
    """It was told after 10 s as a time-out, and each row repeated "PaibanError: … Timed out"."""
    pytest.importorskip("distributed")
    result = batch_cli(str(catalogue), "-f", "epub", "--scheduler", "tcp://127.0.0.1:1", "--json")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "error: cannot reach the Dask scheduler at tcp://127.0.0.1:1: connection refused\n" in result.stderr
    rows = [row for row in json.loads(result.stdout) if row["book"] != "e-broken"]  # (a book that does not load)
    assert {row["error"] for row in rows} == {"the run stopped: cannot reach the Dask scheduler at "
                                              "tcp://127.0.0.1:1: connection refused"}


@pytest.fixture
def listener():
    """A TCP server on 127.0.0.1 that accepts connections and says ``greeting`` (or nothing) on each."""
    server = socket.create_server(("127.0.0.1", 0))
    said = {"greeting": b""}
    accepted = []

    def serve() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            accepted.append(connection)
            if said["greeting"]:
                connection.sendall(said["greeting"])

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1], said
    server.close()
    for connection in accepted:
        connection.close()


@pytest.mark.parametrize(("greeting", "words"), [
    (b"", "something listens there, but says nothing in 5 s"),  # the dashboard's port: it hung forever
    (b"SSH-2.0-OpenSSH_9.6\r\n", "speaks another protocol"),  # a MemoryError told as a bug in paiban
])
def test_an_address_where_no_dask_scheduler_answers_is_said_at_once(catalogue, listener, greeting, words):
    pytest.importorskip("distributed")
    port, said = listener
    said["greeting"] = greeting
    result = batch_cli(str(catalogue), "-f", "epub", "--scheduler", f"tcp://127.0.0.1:{port}")
    assert result.returncode == 2 and "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert f"error: no Dask scheduler answers at tcp://127.0.0.1:{port}: " in result.stderr and words in result.stderr


def test_a_scheduler_without_workers_is_waited_for_a_while_then_said(tmp_path, monkeypatch, caplog):
    """It waited silently forever: a forgotten `dask worker` looked like a hung nightly build."""
    distributed = pytest.importorskip("distributed")
    import paiban.pools

    monkeypatch.setattr(paiban.pools, "_WORKER_WAIT", 2)
    make_book(tmp_path / "cat" / "a", {"01.md": "# 甲\n\n正文。\n"})
    with distributed.LocalCluster(n_workers=0, processes=True, host="127.0.0.1", dashboard_address=None) as cluster:
        with pytest.raises(PaibanError) as caught:
            run_batch(tmp_path / "cat", tmp_path / "out", formats=["epub"], scheduler=cluster.scheduler_address)
    assert caught.value.message == f"no worker joined the Dask scheduler at {cluster.scheduler_address} in 2 s"
    assert "has no worker yet: waiting 2 s" in caplog.text


def test_outputs_the_catalogue_no_longer_has_leave_the_manifest_and_are_reported(tmp_path):
    """An edition removed from book.toml, or a book from the catalogue, stayed in manifest.json as
    a current output: whoever published DIR or read the manifest shipped a withdrawn edition."""
    from rich.console import Console

    from paiban.batch import WITHDRAWN
    from paiban.cli.batch_command import _table

    cat, out = tmp_path / "cat", tmp_path / "out"
    make_book(cat / "a", {"01.md": "# 甲\n\n正文。\n"}, toml=f'[book]\ntitle = "甲书"\n{EDITIONS}')
    for name in ("b", "c"):
        make_book(cat / name, {"01.md": "# 乙\n\n正文。\n"})
    assert statuses(run_batch(cat, out, formats=["epub"], jobs=1)) == {BUILT: 4}
    # Another format, another run's choice: nothing the catalogue has is withdrawn.
    assert statuses(run_batch(cat, out, formats=["html"], jobs=1)) == {BUILT: 4}
    (cat / "a" / "book.toml").write_text('[book]\ntitle = "甲书"\n\n[[editions]]\nname = "cn"\n', encoding="utf-8")
    (cat / "b").rename(tmp_path / "b")
    (cat / "c" / "book.toml").write_text("[book]\ntitel = 1\n", encoding="utf-8")  # broken: its outputs stay
    results = run_batch(cat, out, formats=["epub"], jobs=1)
    withdrawn = [r for r in results if r.status == WITHDRAWN]
    assert sorted((r.book, r.edition, Path(r.output).name) for r in withdrawn) == [
        ("a", "tw", "a.tw.epub"), ("a", "tw", "a.tw.html"), ("b", "zh-Hans", "b.epub"), ("b", "zh-Hans", "b.html")]
    for result in withdrawn:
        assert Path(result.output).is_file()  # left for the user to delete
        assert result.warnings == (f"no longer in the catalogue: {result.output} (left on disk)",)
    assert sorted(json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["outputs"]) == [
        "a/a.cn.epub", "a/a.cn.html", "c/c.epub", "c/c.html"]
    console = Console(width=300, file=io.StringIO())
    console.print(_table(results))
    table = console.file.getvalue()
    assert "4 withdrawn" in table and "no longer in the catalogue" in table
    assert not [r for r in run_batch(cat, out, formats=["epub"], jobs=1) if r.status == WITHDRAWN]


@pytest.mark.parametrize("change", ["gains catalog.toml", "loses catalog.toml", "manifest of an earlier paiban"])
def test_a_directory_of_books_and_its_catalog_toml_are_one_catalogue_that_withdraws_what_it_left(tmp_path, change):
    """A directory of books that gained a catalog.toml listing some of them was taken for another
    catalogue: the books it left out were never withdrawn, listed as current for good (and so, the
    other way, for one that lost its catalog.toml, and for a manifest that named the file)."""
    from paiban.batch import WITHDRAWN

    cat, out = tmp_path / "cat", tmp_path / "out"
    for name in ("a", "b"):
        make_book(cat / name, {"01.md": f"# {name}\n\n正文。\n"})
    listing = cat / "catalog.toml"
    if change != "gains catalog.toml":
        listing.write_text('[[books]]\npath = "a"\n\n[[books]]\npath = "b"\n', encoding="utf-8")
    run_batch(cat, out, formats=["html"], jobs=1)
    if change == "manifest of an earlier paiban":  # it named a catalog.toml by its own path
        manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
        for entry in manifest["outputs"].values():
            entry["catalog"] = str(listing)
        (out / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    if change == "loses catalog.toml":
        listing.unlink()
        (cat / "b").rename(tmp_path / "b")
    else:
        listing.write_text('[[books]]\npath = "a"\n', encoding="utf-8")
    results = run_batch(cat, out, formats=["html"], jobs=1)
    assert [(r.book, r.status) for r in results] == [("a", UP_TO_DATE), ("b", WITHDRAWN)]
    assert list(json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["outputs"]) == ["a/a.html"]


def test_a_book_whose_folder_was_renamed_keeps_the_editions_a_run_leaves_out_and_is_not_replaced_by_itself(tmp_path):
    """Renamed, its slug the same, and built with -e tw, a book's cn edition was withdrawn as "no longer
    in the catalogue" and its tw "replaced by the output of" itself, under its new name."""
    cat, out = tmp_path / "cat", tmp_path / "out"
    make_book(cat / "issue05", {"01.md": "# 早市\n\n正文。\n"},
              toml=f'[book]\ntitle = "五月号"\nslug = "may"\n{EDITIONS}')
    run_batch(cat, out, formats=["html"], jobs=1)
    (cat / "issue05").rename(cat / "issue05-may")
    results = run_batch(cat, out, formats=["html"], editions=["tw"], jobs=1)
    assert [(r.book, r.edition, r.status) for r in results] == [("issue05-may", "tw", UP_TO_DATE)]
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["outputs"]
    assert sorted(manifest) == ["may/may.cn.html", "may/may.tw.html"]
    results = run_batch(cat, out, formats=["html"], jobs=1)
    assert [(r.edition, r.status) for r in results] == [("cn", UP_TO_DATE), ("tw", UP_TO_DATE)]


def test_an_edition_the_catalogue_entry_names_but_the_book_lacks_is_an_error_at_the_entrys_line(catalogue, tmp_path):
    """It said only "no edition named 'hk' / The book declares: cn, tw.", naming neither the
    catalogue nor the entry."""
    catalog = catalogue / "catalog.toml"
    catalog.write_text('[[books]]\npath = "a"\n\n[[books]]\npath = "b"\nformats = ["epub"]\neditions = ["hk"]\n',
                       encoding="utf-8")
    results = run_batch(catalog, tmp_path / "out", formats=["html"], jobs=1)
    [failed] = [r for r in results if r.status == FAILED]
    assert failed.book == "b" and failed.error == (
        f"{catalog}:7: `editions` of the entry for b: no edition named 'hk'\n"
        f"{catalogue / 'b' / 'book.toml'} declares editions cn, tw. Change the entry's `editions`, or declare "
        "the edition in the book.")


@pytest.mark.parametrize("inside", [".", "a/out"])
def test_an_output_directory_among_a_books_sources_is_the_commands_error_with_batchs_own_hint(catalogue, inside):
    """-o CATALOG made each book's DIR/<slug> the book itself: every book failed with build's hint,
    'outputs go to build/ in the book', which a batch never uses."""
    result = batch_cli(str(catalogue), "-f", "html", "-o", str(catalogue / inside))
    message = " ".join(result.stderr.split())
    assert result.returncode == 2, result.stderr
    assert f"inside the book {catalogue / 'a'}, where its articles are" in message
    assert f"a batch writes to build/ beside the catalogue, {catalogue / 'build'}," in message
    assert "Traceback" not in message and not list(catalogue.rglob("*.html"))
    assert not (catalogue / ".manifest.lock").exists() and not (catalogue / "a" / "out").exists()


@pytest.mark.parametrize("given", ["book.toml", "."])
def test_a_books_own_book_toml_given_as_the_catalogue_says_so_and_how_to_build_it(tmp_path, given):
    """It said "unknown key `book`" (the file) or "no book projects" (the directory)."""
    book = make_book(tmp_path / "beta", {"a.md": "# 甲\n\n正文。\n"})
    with pytest.raises(PaibanError) as error:
        load_catalog(book / given)
    assert error.value.file == book / "book.toml" and error.value.line == (1 if given == "book.toml" else None)
    assert error.value.message == "this is a book's book.toml (a [book] table), not a catalogue"
    assert f"`paiban build {book}`" in error.value.hint and "catalog.toml" in error.value.hint


def _run_here(fn, arg):
    """A pool's submit that runs the job in this process, where the test's monkeypatching holds."""
    import concurrent.futures

    future = concurrent.futures.Future()
    future.set_running_or_notify_cancel()
    future.set_result(fn(arg))
    return future


@contextlib.contextmanager
def _pool_here(jobs, tasks_per_worker):
    """A local pool that runs each job in this process (see :func:`_run_here`)."""
    from paiban.pools import Pool

    yield Pool(submit=_run_here, first_completed=lambda futures: futures[:1], window=1)


def test_an_output_finished_before_an_internal_error_is_recorded_as_built(tmp_path, monkeypatch):
    """A bug in the EPUB after the PDF was written failed both: the complete PDF was on disk but
    not in the manifest (only a PaibanError carried what the build had finished), and the next
    run built it again."""
    import paiban.batch

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(sys.modules["paiban.build"], "render_epub", broken)  # paiban.build is the function
    monkeypatch.setattr(paiban.batch, "local_pool", _pool_here)
    make_book(tmp_path / "cat" / "b", {"a.md": "# 甲\n\n正文。\n"})
    out = tmp_path / "out"
    rows = {row.format: row for row in run_batch(tmp_path / "cat", out, formats=["pdf", "epub"])}
    assert (rows["pdf"].status, rows["pdf"].pages) == (BUILT, PdfReader(out / "b" / "b.pdf").get_num_pages())
    assert rows["epub"].status == FAILED and rows["epub"].error.startswith("internal error: ZeroDivisionError")
    assert set(json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["outputs"]) == {"b/b.pdf"}


@pytest.mark.parametrize("debug", [False, True])
def test_debug_shows_the_traceback_of_a_tasks_internal_error(tmp_path, monkeypatch, debug):
    """The task made its exception a string: --debug, as the README promises for an internal error,
    showed no traceback."""
    from click.testing import CliRunner

    import paiban.batch
    from paiban.cli import main

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    keep_paiban_log(monkeypatch)
    monkeypatch.setattr(paiban.batch, "build", broken)
    monkeypatch.setattr(paiban.batch, "local_pool", _pool_here)
    make_book(tmp_path / "cat" / "b", {"a.md": "# 甲\n\n正文。\n"})
    result = CliRunner().invoke(main, [*(["--debug"] if debug else []), "batch", str(tmp_path / "cat"), "-f",
                                       "epub,html", "-o", str(tmp_path / "out"), "--json"])
    assert result.exit_code == 1, result.output
    rows = json.loads(result.stdout)
    assert [row["status"] for row in rows] == [FAILED, FAILED]
    assert rows[0]["error"].startswith("internal error: ZeroDivisionError: a bug. This is a bug in paiban: run "
                                       "again with --debug for the traceback")
    assert "in broken" in rows[0]["traceback"] and rows[0]["traceback"].endswith("ZeroDivisionError: a bug\n")
    if debug:  # once for the edition's two outputs
        assert result.stderr.count("Traceback (most recent call last)") == 1
        assert "b zh-Hans: internal error" in result.stderr and "ZeroDivisionError: a bug" in result.stderr
    else:
        assert "Traceback" not in result.stderr


def _forkserver_of(pid: int) -> bool:
    """Whether the process ``pid`` has started its forkserver (a child whose command line says so)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid and \
                    b"forkserver" in (stat.parent / "cmdline").read_bytes():
                return True
    return False


def test_a_ctrl_c_as_the_workers_server_starts_prints_no_traceback(tmp_path):
    """The forkserver imports paiban.batch before it ignores SIGINT: a Ctrl-C in the first second
    of a batch printed its KeyboardInterrupt traceback, some 30 lines, under the report."""
    catalogue = make_catalogue(tmp_path / "cat")
    process = subprocess.Popen([sys.executable, "-m", "paiban", "batch", str(catalogue), "-f", "epub", "-j", "1",
                                "-o", str(tmp_path / "out"), "--json"],
                               start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not _forkserver_of(process.pid) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
    time.sleep(0.3)  # the server is importing paiban.batch (about a second)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert "interrupted" in stderr and len(json.loads(stdout)) == 9


def test_a_mistyped_books_table_in_a_catalogue_is_named_with_the_right_one(tmp_path):
    """[[book]] in a catalog.toml was taken for a book's [book] table: "this is a book's book.toml"."""
    catalogue = tmp_path / "catalog.toml"
    catalogue.write_text('# nightly\n[[book]]\npath = "alpha"\n', encoding="utf-8")
    with pytest.raises(PaibanError) as error:
        load_catalog(catalogue)
    assert error.value.message == "unknown key `book`" and error.value.line == 2
    assert error.value.hint.startswith("Did you mean [[books]]?")


def _catalogue_of_editions(root: Path) -> Path:
    """alpha declares cn and tw, beta cn alone, gamma no [[editions]]."""
    editions = {"alpha": '[[editions]]\nname = "cn"\n[[editions]]\nname = "tw"\nconvert = "s2tw"\n',
                "beta": '[[editions]]\nname = "cn"\n', "gamma": ""}
    for name, declared in editions.items():
        make_book(root / name, {"a.md": f"# {name}\n\n正文。\n"}, f'[book]\ntitle = "{name}"\n{declared}')
    return root


def test_an_edition_asked_for_is_built_in_the_books_that_declare_it_and_the_others_are_not_built(tmp_path):
    """``-e tw`` over a catalogue failed each book without a tw edition as a whole (exit 1), and
    ``-e tw -e cn`` built not even the cn edition such a book declares."""
    catalogue, out = _catalogue_of_editions(tmp_path / "cat"), tmp_path / "out"
    results = run_batch(catalogue, out, formats=["html"], editions=["tw"], jobs=1)
    assert {(result.book, result.edition): result.status for result in results} == {
        ("alpha", "tw"): BUILT, ("beta", ""): NOT_BUILT, ("gamma", ""): NOT_BUILT}
    errors = {result.book: result.error for result in results}
    assert errors["beta"] == "declares no edition named 'tw', so it is not built this run (its editions: cn)"
    assert errors["gamma"].endswith("(it declares no [[editions]]: its one edition is zh-Hans)")
    results = run_batch(catalogue, out, formats=["html"], editions=["tw", "cn"], jobs=1)
    assert {(result.book, result.edition): result.status for result in results} == {
        ("alpha", "tw"): UP_TO_DATE, ("alpha", "cn"): BUILT, ("beta", "cn"): BUILT, ("gamma", ""): NOT_BUILT}
    result = batch_cli(str(catalogue), "-f", "html", "-e", "tw", "-e", "tw", "-o", str(out))  # the same once
    assert result.returncode == 0 and "1 up to date, 0 failed; 2 books without the editions asked for" in result.stdout
    assert "declares no edition named 'tw', so" in result.stdout


def test_a_book_without_editions_is_asked_for_by_its_language(tmp_path):
    """The report shows a book without [[editions]] as its language (zh-Hans); ``-e zh-Hans`` was
    "declared by no book of the catalogue"."""
    catalogue, out = _catalogue_of_editions(tmp_path / "cat"), tmp_path / "out"
    results = run_batch(catalogue, out, formats=["html"], editions=["zh-Hans"], jobs=1)
    assert {(result.book, result.edition): result.status for result in results} == {
        ("alpha", ""): NOT_BUILT, ("beta", ""): NOT_BUILT, ("gamma", "zh-Hans"): BUILT}


@pytest.mark.parametrize(("books", "hint"), [
    ("all", "Its books' editions: cn, tw, zh-Hans (a book without [[editions]] has one, named by its language; "
            "declare more in its book.toml)."),
    ("gamma", "Its books' editions: zh-Hans (a book without [[editions]] has one, named by its language; "
              "declare more in its book.toml).")])
def test_an_edition_no_book_of_the_catalogue_declares_is_a_mistake_of_the_command(tmp_path, books, hint):
    """A mistyped -e built nothing, each book not built for lacking it: the command's error instead
    (the hint said "or use --convert CONFIG", an option paiban batch does not have)."""
    catalogue = _catalogue_of_editions(tmp_path / "cat")
    if books == "gamma":
        catalogue = catalogue / "gamma"
        (catalogue / "catalog.toml").write_text('[[books]]\npath = "."\n', encoding="utf-8")
    result = batch_cli(str(catalogue), "-f", "epub", "-e", "hk", "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.split("\n")[:2] == ["error: no book of the catalogue declares an edition named 'hk'", hint]
    assert not (tmp_path / "out").exists()


def test_a_book_in_the_default_output_folder_is_refused_without_telling_to_leave_out_output(tmp_path):
    """With no --output given, the error said "Leave out --output", naming the refused folder as the one to use."""
    make_book(tmp_path / "cat" / "build", {"a.md": "# 甲\n\n正文。\n"})
    make_book(tmp_path / "cat" / "zeta", {"a.md": "# 乙\n\n正文。\n"})
    result = batch_cli(str(tmp_path / "cat"), "-f", "epub")
    message = " ".join(result.stderr.split())
    assert result.returncode == 2 and f"inside the book {tmp_path / 'cat' / 'build'}" in message, message
    assert "Leave out --output" not in message and "give --output a directory outside every book" in message


def test_a_catalogue_that_moved_builds_into_the_outputs_its_books_made_before(catalogue, tmp_path):
    """Every book failed as "another book with the same slug" (its own old directory) until each output was deleted."""
    out = tmp_path / "out"
    first = run_batch(catalogue, out, formats=["epub"], editions=["cn"], jobs=1)
    assert {r.status for r in first if r.book != "e-broken"} == {BUILT}
    moved = catalogue.rename(tmp_path / "moved")
    results = [r for r in run_batch(moved, out, formats=["epub"], editions=["cn"], jobs=1) if r.book != "e-broken"]
    assert len(results) == 4 and {r.status for r in results} <= {BUILT, UP_TO_DATE}, [r.error for r in results]
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["outputs"]
    assert {entry["book_dir"] for entry in manifest.values()} == {str(moved / name) for name in "abcd"}


def test_a_book_of_another_catalogue_with_the_same_slug_may_not_add_an_edition_to_its_folder(catalogue, tmp_path):
    """A file of another name (an edition only the second book declares) went into the first book's
    DIR/<slug>/ without a word, and whoever shipped that folder shipped two books."""
    out = tmp_path / "out"
    run_batch(catalogue, out, formats=["epub"], editions=["cn"], jobs=1)
    other = make_book(tmp_path / "other" / "a", {"01.md": "# 另一本\n\n别的书。\n"},
                      toml='[book]\ntitle = "别的"\n[[editions]]\nname = "hk"\nconvert = "s2hk"\n')
    [result] = run_batch(other.parent, out, formats=["epub"], jobs=1)
    assert result.status == FAILED and str(catalogue / "a") in result.error and "same slug" in result.error
    assert not (out / "a" / "a.hk.epub").exists()


def test_in_a_log_file_the_report_is_a_line_a_task_unwrapped_and_the_progress_a_line_a_step(catalogue, tmp_path):
    """Without a terminal the table was wrapped at 80 columns, splitting paths across cells (grepping
    the log for a book.toml found nothing), and standard error stayed empty for the whole run."""
    deep = tmp_path / ("a-rather-long-folder-name-" * 3) / "catalogue"
    deep.parent.mkdir()
    catalogue.rename(deep)
    result = batch_cli(str(deep), "--format", "epub", "--edition", "cn", "--jobs", "1", "--output", str(tmp_path / "o"))
    lines = result.stdout.splitlines()
    assert result.returncode == 1 and lines[0] == "4 built, 0 up to date, 0 failed; 1 book failed as a whole"
    assert lines[1].split("\t") == ["book", "edition", "format", "status", "pages", "seconds"]
    rows = {line.split("\t")[0]: line.split("\t") for line in lines[2:] if not line.startswith(" ")}
    assert rows["a"][1:4] == ["cn", "epub", "built"] and rows["e-broken"][3] == "failed"
    assert f"{deep / 'e-broken' / 'book.toml'}:" in result.stdout  # the path whole, on the failed row's note
    steps = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(steps) == 5 and steps[-1].startswith("[5/5] ") and any(s.endswith("] a cn epub built") for s in steps)
    # A failure's step says why, at once: a log's tail tells it while the run goes on.
    assert any("e-broken failed: " in s and f"{deep / 'e-broken' / 'book.toml'}:6: " in s for s in steps)


def test_an_output_finished_before_its_editions_next_format_failed_is_built_and_recorded(tmp_path):
    """The complete PDF was reported failed with the EPUB's error, and left out of the manifest."""
    make_book(tmp_path / "cat" / "a", {"01.md": "# 甲\n\n正文。\n"})
    out = tmp_path / "out"
    (out / "a" / "a.epub").mkdir(parents=True)  # where the EPUB goes: it cannot be written
    results = {r.format: r for r in run_batch(tmp_path / "cat", out, formats=["epub", "pdf"], jobs=1)}
    assert results["pdf"].status == BUILT and results["pdf"].pages and (out / "a" / "a.pdf").is_file()
    assert results["epub"].status == FAILED and "cannot write" in results["epub"].error
    assert list(json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["outputs"]) == ["a/a.pdf"]


def test_a_catalogue_that_moved_saves_the_manifest_once_not_once_an_output(catalogue, tmp_path, monkeypatch):
    """Each output of a moved book saved the whole manifest again (0.1 s a save for a thousand books)."""
    from paiban.manifest import Manifest

    out = tmp_path / "out"
    run_batch(catalogue, out, formats=["epub"], editions=["cn", "tw"], jobs=1)
    moved = catalogue.rename(tmp_path / "moved")
    saves = []
    monkeypatch.setattr(Manifest, "save", lambda self: saves.append(1))
    results = run_batch(moved, out, formats=["epub"], editions=["cn", "tw"], jobs=1)
    assert [r.status for r in results if r.book != "e-broken"] == [UP_TO_DATE] * 8 and len(saves) == 1


def test_sigterm_while_the_report_is_written_lets_it_finish_then_exits_143(tmp_path, monkeypatch):
    """SIGTERM as the finished run printed its report cut the report short and ended in Click's
    "Aborted!", exit 1. Now the report is written whole, then the run says it was terminated."""
    from click.testing import CliRunner

    import paiban.batch
    from paiban.cli import batch_command, main

    lines = batch_command._lines

    def terminated_meanwhile(results):
        os.kill(os.getpid(), signal.SIGTERM)
        return lines(results)

    keep_paiban_log(monkeypatch)
    monkeypatch.setattr(paiban.batch, "local_pool", _pool_here)
    monkeypatch.setattr(batch_command, "_lines", terminated_meanwhile)
    for name in "ab":
        make_book(tmp_path / "cat" / name, {"a.md": "# 甲\n\n正文。\n"})
    handler = signal.getsignal(signal.SIGTERM)
    try:
        result = CliRunner().invoke(main, ["batch", str(tmp_path / "cat"), "-f", "epub", "-o", str(tmp_path / "out")])
    finally:
        signal.signal(signal.SIGTERM, handler)
    assert result.exit_code == 143, result.output
    assert result.stdout.splitlines()[0] == "2 built, 0 up to date, 0 failed" and len(result.stdout.splitlines()) == 4
    assert "terminated: outputs written so far are complete" in result.stderr
    assert set(json.loads((tmp_path / "out" / MANIFEST_NAME).read_text(encoding="utf-8"))["outputs"]) == \
        {"a/a.epub", "b/b.epub"}


@pytest.mark.parametrize("unreadable", ["images/x.png", "01.md", "book.toml"])
def test_a_file_a_book_may_not_read_fails_that_book_alone_naming_the_file(tmp_path, monkeypatch, unreadable):
    """A `chmod 000` picture, article or book.toml stopped the whole catalogue while the batch was
    planned: "internal error: PermissionError", exit 1, no book built and no report. (Root reads
    every file: the test makes reading that one fail as it fails for any other user.)"""
    from conftest import deny_reading

    make_book(tmp_path / "cat" / "a", {"01.md": "# 甲\n\n正文。\n", "images/x.png": claimed_png(1, 1)})
    make_book(tmp_path / "cat" / "b", {"01.md": "# 乙\n\n正文。\n"})
    denied = tmp_path / "cat" / "a" / unreadable
    deny_reading(monkeypatch, denied)
    results = run_batch(tmp_path / "cat", tmp_path / "out", formats=["html"], jobs=1)
    assert [(r.book, r.status) for r in results] == [("a", FAILED), ("b", BUILT)]
    assert results[0].error == (f"{denied}: cannot read it: permission denied\n"
                                "Give the user paiban runs as the right to read it, or take it out of the book.")


@pytest.mark.parametrize("special", ["fifo", "socket"])
def test_a_fifo_or_socket_among_a_books_pictures_is_no_picture(tmp_path, special):
    """A FIFO named images/x.png hung the whole batch forever (its fingerprint waited for a writer),
    and a Unix socket stopped it: "internal error: OSError: [Errno 6] No such device or address"."""
    import socket

    book = make_book(tmp_path / "cat" / "a", {"01.md": "# 甲\n\n正文。\n"})
    (book / "images").mkdir()
    if special == "fifo":
        os.mkfifo(book / "images" / "x.png")
    else:
        with socket.socket(socket.AF_UNIX) as bound:
            bound.bind(str(book / "images" / "x.png"))
    result = subprocess.run([sys.executable, "-m", "paiban", "batch", str(tmp_path / "cat"), "-f", "html", "-j", "1",
                             "-o", str(tmp_path / "out"), "--json"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert [row["status"] for row in json.loads(result.stdout)] == [BUILT]


def test_a_withdrawn_output_another_book_then_wrote_over_is_not_said_to_be_left_on_disk(tmp_path):
    """A book of the same slug that took the withdrawn one's place in the catalogue wrote its output
    over the withdrawn file, and the report still said that file was "left on disk"."""
    from paiban.batch import WITHDRAWN

    cat, out = tmp_path / "cat", tmp_path / "out"
    for shelf in ("a", "b"):
        make_book(cat / shelf / "我的 书", {"01.md": f"# {shelf}\n\n正文。\n"})
    for shelf in ("a", "b"):
        (cat / "catalog.toml").write_text(f'[[books]]\npath = "{shelf}/我的 书"\n', encoding="utf-8")
        results = run_batch(cat, out, formats=["html"], jobs=1)
    output = out / "我的 书" / "我的 书.html"
    assert [(r.book, r.status, r.warnings) for r in results] == [
        ("b/我的 书", BUILT, ()),
        ("a/我的 书", WITHDRAWN, (f"no longer in the catalogue: {output} (replaced by the output of b/我的 书)",))]


@pytest.mark.parametrize("path", ["nonexist", "shelf"])
def test_a_catalogue_entry_that_is_no_book_fails_alone_at_its_line(tmp_path, path):
    """It failed as "no book.toml in DIR" (or "there is no directory"), naming neither the catalogue
    nor the entry's line, with paiban build's advice: "Run paiban inside a book directory"."""
    make_book(tmp_path / "cat" / "a", {"01.md": "# 甲\n\n正文。\n"})
    make_book(tmp_path / "cat" / "shelf" / "b", {"01.md": "# 乙\n\n正文。\n"})  # a folder of books
    catalog = tmp_path / "cat" / "catalog.toml"
    catalog.write_text(f'[[books]]\npath = "a"\n\n# not a book\n[[books]]\npath = "{path}"\n', encoding="utf-8")
    results = run_batch(catalog, tmp_path / "out", formats=["html"], jobs=1)
    assert [(r.book, r.status) for r in results] == [("a", BUILT), (path, FAILED)]
    where = f"{tmp_path / 'cat' / path} is no book's folder" if path == "shelf" else \
        f"there is no {tmp_path / 'cat' / path}"
    assert results[1].error == (
        f"{catalog}:6: the entry's path '{path}' has no book.toml: {where}\n"
        "Give the path of a book's folder (the one with its book.toml), relative to catalog.toml; for a folder "
        "of books, an entry for each book.")


def test_a_catalogue_entry_holding_the_output_directory_that_is_no_book_fails_alone(tmp_path):
    """`path = ".."` (no book.toml there) stopped the whole run, exit 2: "the output directory … is
    inside the book …, where its articles are", a hint that failed too, and no catalogue line."""
    make_book(tmp_path / "cat" / "a", {"01.md": "# 甲\n\n正文。\n"})
    (tmp_path / "cat" / "catalog.toml").write_text('[[books]]\npath = "a"\n\n[[books]]\npath = ".."\n',
                                                   encoding="utf-8")
    result = batch_cli(str(tmp_path / "cat"), "-f", "html", "-j", "1", "--json")
    assert result.returncode == 1, result.stderr
    rows = json.loads(result.stdout)
    assert [(row["book"], row["status"]) for row in rows] == [("a", BUILT), ("..", FAILED)]
    assert rows[1]["error"].startswith(f"{tmp_path / 'cat' / 'catalog.toml'}:5: the entry's path '..' has no "
                                       f"book.toml: {tmp_path} is no book's folder")
    assert (tmp_path / "cat" / "build" / "a" / "a.html").is_file()


@pytest.mark.parametrize(("key", "meant"), [("foo", ""), ("format", "Did you mean `formats`? ")])
def test_an_unknown_key_in_a_books_entry_is_told_the_keys_of_an_entry(tmp_path, key, meant):
    """`foo = 1` inside a [[books]] entry was asked "Did you mean [[books]]?", the table it was in."""
    catalogue = tmp_path / "catalog.toml"
    catalogue.write_text(f'[[books]]\npath = "alpha"\n{key} = 1\n', encoding="utf-8")
    with pytest.raises(PaibanError) as error:
        load_catalog(catalogue)
    assert (error.value.message, error.value.line) == (f"unknown key `{key}` in the first [[books]]", 3)
    assert error.value.hint == (f"{meant}Each [[books]] entry has a `path` and may have `formats` (epub, pdf, html) "
                                "and `editions`; see the README's `paiban batch` section.")


@pytest.mark.parametrize("written", ["", "books = []\n", "# 书目\n"])
def test_a_catalogue_that_lists_no_books_is_told_how_an_entry_is_written(tmp_path, written):
    """An empty catalog.toml was told "missing required key `books`", and nothing of how to write one."""
    catalogue = tmp_path / "catalog.toml"
    catalogue.write_text(written, encoding="utf-8")
    with pytest.raises(PaibanError) as error:
        load_catalog(catalogue)
    assert error.value.message == "the catalogue lists no books"
    assert error.value.hint.startswith('List each book in an entry:\n[[books]]\npath = "city-notes"')


def test_an_entry_without_its_path_is_named_by_its_place_in_words(tmp_path):
    """It was `books.1.path`, msgspec's path to it."""
    catalogue = tmp_path / "catalog.toml"
    catalogue.write_text('[[books]]\npath = "alpha"\n\n[[books]]\nformats = ["pdf"]\n', encoding="utf-8")
    with pytest.raises(PaibanError) as error:
        load_catalog(catalogue)
    assert (error.value.message, error.value.line) == ("the second [[books]] has no `path`", 4)


def test_a_folder_paiban_may_not_look_into_fails_as_a_book_the_others_are_built(tmp_path, monkeypatch):
    """A `chmod 000` folder in a directory catalogue stopped the whole run: "internal error:
    PermissionError". (Root looks into every folder: the test makes it fail as for any other user.)"""
    import errno

    make_book(tmp_path / "cat" / "a", {"01.md": "# 甲\n\n正文。\n"})
    make_book(tmp_path / "cat" / "b", {"01.md": "# 乙\n\n正文。\n"})
    denied = tmp_path / "cat" / "a" / "book.toml"
    is_file = Path.is_file

    def looked_into(path):
        if path == denied:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return is_file(path)

    monkeypatch.setattr(Path, "is_file", looked_into)
    results = run_batch(tmp_path / "cat", tmp_path / "out", formats=["html"], jobs=1)
    assert [(r.book, r.status) for r in results] == [("a", FAILED), ("b", BUILT)]
    assert results[0].error.startswith(f"{denied}: cannot read it: permission denied")
