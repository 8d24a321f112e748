"""A batch: every (book, edition, format) of a catalogue as an independent task.

Each task calls :func:`paiban.build` for one edition and one format, exactly as ``paiban build``
would, and writes into ``DIR/<slug>/`` atomically. The driver plans the tasks, skips those the
manifest says are up to date, runs the rest on a pool (local processes or a Dask cluster, see
:mod:`paiban.pools`) and records each finished output in the manifest at once, so an
interrupted run resumes where it stopped. A book that fails is reported; the others go on.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import os
import resource
import signal
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .assemble import book_slug
from .build import DEFAULT_FORMATS, OUTPUT_DIR, Progress, Silent, build, check_formats
from .catalog import CatalogBook, load_catalog
from .config import load_config
from .edition import editions_for, output_path
from .errors import PaibanError
from .fingerprint import Fingerprint, fingerprint
from .manifest import Manifest, locked
from .pools import TASKS_PER_WORKER, Pool, dask_pool, local_pool
from .retold import held

BUILT, UP_TO_DATE, FAILED, NOT_BUILT = "built", "up to date", "failed", "not built"
WORKER_DIED = "the worker process died while building it (killed? out of memory?)"


@dataclass(frozen=True)
class Task:
    """One output to build. Paths are absolute: a worker sees the books where the driver does."""

    book: str
    book_dir: Path
    edition: str | None  # the [[editions]] name; None for a book that declares none
    edition_label: str  # what the report shows: the name, or the language of the only edition
    format: str
    output: Path


@dataclass(frozen=True)
class Result:
    """What became of one task: a row of the report (``--json`` writes these fields)."""

    book: str
    edition: str
    format: str
    status: str
    pages: int | None = None
    seconds: float = 0.0
    error: str | None = None
    output: str | None = None
    worker: str | None = None  # host:pid of the process that built it
    worker_peak_rss_mb: float | None = None  # that process's peak memory so far
    warnings: tuple[str, ...] = ()  # what the build warned of


@dataclass
class Plan:
    """The catalogue in order: a :class:`Task` per output, or a failed :class:`Result` for a book
    that cannot even be planned (broken book.toml, missing article); and each task's inputs."""

    items: list[Task | Result] = field(default_factory=list)
    inputs: dict[Task, Fingerprint] = field(default_factory=dict)

    @property
    def tasks(self) -> list[Task]:
        return [item for item in self.items if isinstance(item, Task)]


def run_batch(
    catalog: str | os.PathLike,
    output: str | os.PathLike | None = None,
    formats: Iterable[str] = DEFAULT_FORMATS,
    editions: Iterable[str] = (),
    jobs: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    tasks_per_worker: int = TASKS_PER_WORKER,
) -> list[Result]:
    """Build every book of ``catalog`` into ``output`` (default: ``build/`` in the catalogue).

    ``formats`` and ``editions`` apply to books whose catalogue entry does not choose its own.
    Runs on ``jobs`` local processes (default: one per core), or on the Dask cluster whose
    scheduler is at ``scheduler``. Returns one :class:`Result` per output, in catalogue order;
    a failed book is a result, not an exception. Raises :class:`PaibanError` only for an unknown
    format, a catalogue that cannot be read, or an output directory that cannot be written or that
    another batch is writing to; and ``KeyboardInterrupt`` after cancelling cleanly.
    """
    catalog = Path(catalog)
    progress = progress or Silent()
    formats = check_formats(formats)  # a mistyped format is the command's error, not every book's
    books = load_catalog(catalog)
    root = catalog.parent if catalog.is_file() else catalog
    out_dir = Path(output if output is not None else root / OUTPUT_DIR).resolve()
    plan = plan_batch(books, out_dir, tuple(formats), tuple(editions))
    progress.plan(len(plan.items))
    with locked(out_dir) as manifest:
        return _run_plan(plan, manifest, progress, scheduler, jobs, tasks_per_worker)


def _run_plan(plan: Plan, manifest: Manifest, progress: Progress, scheduler: str | None, jobs: int | None,
              tasks_per_worker: int) -> list[Result]:
    """Skip the tasks that are up to date or may not write their output; run the rest.

    A run stopped by Ctrl-C (or anything else) still has its report: the exception carries it
    (see :func:`stopped_report`), what did not finish marked as not built.
    """
    done: dict[Task, Result] = {}
    try:
        for item in plan.items:
            if isinstance(item, Result):
                progress.step(f"{item.book} failed")
            elif (other := manifest.book_of(item.output)) not in (None, str(item.book_dir)):
                done[item] = _result(item, FAILED, error=_taken(item, other))
                progress.step(f"{item.book} failed")
            elif entry := manifest.up_to_date(item.output, plan.inputs[item].digest):
                done[item] = _result(item, UP_TO_DATE, pages=entry.get("pages"))
                progress.step(f"{item.book} up to date")
        todo = [task for task in plan.tasks if task not in done]
        if todo:
            with dask_pool(scheduler) if scheduler else local_pool(jobs or os.cpu_count() or 1,
                                                                    tasks_per_worker) as pool:
                _run(pool, todo, plan, manifest, progress, done)
    except BaseException as error:
        reason = "interrupted" if isinstance(error, KeyboardInterrupt) else \
            f"the run stopped: {type(error).__name__}: {error}"
        error.batch_report = [done.get(item) or _result(item, NOT_BUILT, error=reason)
                              if isinstance(item, Task) else item for item in plan.items]
        raise
    return [done[item] if isinstance(item, Task) else item for item in plan.items]


def stopped_report(error: BaseException) -> list[Result] | None:
    """The report of the run that ``error`` stopped (``None``: it stopped before there was one)."""
    return getattr(error, "batch_report", None)


def _taken(task: Task, other: str) -> str:
    """Why ``task`` may not write its output: an earlier run built it from the book in ``other``."""
    return (f"{task.output} was built from another book with the same slug, {other}, by an earlier run; "
            f"building {task.book_dir} would overwrite it. Give one of them its own `slug` in [book] "
            f"(if the book only moved, delete {task.output.name} and run again)")


def plan_batch(books: list[CatalogBook], out_dir: Path, formats: tuple[str, ...],
               editions: tuple[str, ...]) -> Plan:
    """Every (book, edition, format) of ``books`` as a task writing into ``out_dir/<slug>/``."""
    plan = Plan()
    slugs: dict[str, str] = {}
    for book in books:
        try:
            tasks, inputs = _book_tasks(book, out_dir, formats, editions, slugs)
        except PaibanError as error:
            plan.items.append(Result(book=book.name, edition="", format="", status=FAILED, error=str(error)))
            continue
        plan.items += tasks
        plan.inputs.update(dict.fromkeys(tasks, inputs))
    return plan


def _book_tasks(book: CatalogBook, out_dir: Path, formats: tuple[str, ...], editions: tuple[str, ...],
                slugs: dict[str, str]) -> tuple[list[Task], Fingerprint]:
    loaded = load_config(book.path)
    chosen = editions_for(loaded.config, book.editions or editions)
    slug = book_slug(loaded)
    if slugs.setdefault(slug, book.name) != book.name:
        raise PaibanError(f"book {slugs[slug]!r} has the same slug, {slug!r}: their outputs would collide",
                          file=loaded.path, hint="Give one of them its own `slug` in [book].")
    inputs = fingerprint(book.path)
    tasks = [Task(book=book.name, book_dir=book.path, edition=edition.name,
                  edition_label=edition.name or edition.language, format=fmt,
                  output=output_path(out_dir / slug, slug, edition, fmt))
             for edition in chosen for fmt in check_formats(book.formats or formats)]
    return tasks, inputs


def run_task(task: Task) -> Result:
    """Build one output, in a worker. Every failure comes back as a result, never as an exception:
    one broken book must not stop a run of thousands."""
    started = time.perf_counter()
    with held() as told:  # the warnings go into the report, where an unattended run's operator looks
        try:
            [written] = build(task.book_dir, formats=[task.format], output=task.output.parent,
                              editions=[task.edition] if task.edition else ())
        except PaibanError as error:
            outcome = dict(status=FAILED, error=str(error))
        except Exception as error:  # a bug in paiban, shown on this book only
            outcome = dict(status=FAILED, error=f"internal error: {type(error).__name__}: {error}")
        else:
            outcome = dict(status=BUILT, pages=written.pages)
    warnings = tuple(message for level, message in told if level >= logging.WARNING)
    return _result(task, started=started, warnings=warnings, **outcome)


def _run(pool: Pool, todo: list[Task], plan: Plan, manifest: Manifest, progress: Progress,
         done: dict[Task, Result]) -> None:
    """Run ``todo`` on ``pool``, at most ``pool.window`` at a time, recording each output as it
    finishes and putting its result in ``done``.

    A task whose worker process died is failed, and the others go on (the local pool is
    replaced). When the pool itself is gone (a cluster that lost its scheduler), the tasks not
    finished fail with the reason. On Ctrl-C no further task starts; a local task already
    running finishes (its output is complete and recorded), a cluster task is cancelled and left
    to finish its atomic write.
    """
    waiting = list(reversed(todo))
    running: dict = {}
    suspects: list[Task] = []  # lost with a worker that died beside others: each runs again alone
    alone: set[Task] = set()

    def submit(task: Task) -> None:
        with _interrupts_held():  # a task submitted is a task whose output gets recorded
            running[pool.submit(run_task, task)] = task

    def finish(future) -> None:
        task = running[future]
        try:
            result = future.result()
        except pool.died:
            if pool.shared_deaths and task not in alone:  # maybe another task's worker that died
                suspects.append(task)
                alone.add(task)
                del running[future]
                return
            result = _result(task, FAILED, error=WORKER_DIED)
        except concurrent.futures.CancelledError as error:  # not by us: the cluster lost its scheduler
            result = _result(task, FAILED, error=f"the pool lost the task: {error}")
            for lost in [*waiting, *suspects]:
                done[lost] = _result(lost, FAILED, error=f"not started, the pool was lost: {error}")
            waiting.clear()
            suspects.clear()
        with _interrupts_held():  # recorded, then no longer running: never one without the other
            if result.status == BUILT:
                manifest.record(task.output, plan.inputs[task], book=task.book, book_dir=str(task.book_dir),
                                edition=task.edition_label, format=task.format, pages=result.pages)
            done[task] = result
            del running[future]
        progress.step(f"{task.book} {task.edition_label} {task.format}")

    try:
        while waiting or suspects or running:
            if suspects and not running:
                submit(suspects.pop())
            while waiting and not suspects and not alone.intersection(running.values()) \
                    and len(running) < (pool.window or len(todo)):
                submit(waiting.pop())
            for future in pool.first_completed(list(running)):
                finish(future)
    except KeyboardInterrupt:
        for future in running:
            future.cancel()
        for future in list(running):
            if not future.cancelled():  # already running on a local worker: let it finish
                finish(future)
        raise


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold a Ctrl-C back until the block is done, then deliver it: an interrupt between submitting
    a task and noting it, or between recording an output and noting that, left an output on disk
    that the manifest did not list. (A handler, not a signal mask: the kernel hands a signal to
    any thread that does not block it, and Python then raises it in the main thread at once.)"""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread gets KeyboardInterrupt
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            signal.raise_signal(signal.SIGINT)


def _result(task: Task, status: str, started: float | None = None, **fields) -> Result:
    if started is not None:  # measured in the worker that ran it
        fields |= {"seconds": round(time.perf_counter() - started, 3),
                   "worker": f"{socket.gethostname()}:{os.getpid()}",
                   "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    return Result(book=task.book, edition=task.edition_label, format=task.format, status=status,
                  output=str(task.output), **fields)
