"""A batch: every (book, edition, format) of a catalogue as an independent task.

The tasks of one edition of a book run together as one job: one call of :func:`paiban.build`,
exactly as ``paiban build`` would make them (the EPUB's print page list comes from the PDF's
page starts), writing into ``DIR/<slug>/`` atomically. The driver plans the tasks, skips those
the manifest says are up to date, runs the rest on a pool (local processes or a Dask cluster,
see :mod:`paiban.pools`) and records each finished output in the manifest at once, so an
interrupted run resumes where it stopped. A book that fails is reported; the others go on.
An output the catalogue no longer has (its book or edition removed) is dropped from the manifest
and reported; its file is left where it is, for the user to delete.
"""

from __future__ import annotations

import functools
import logging
import os
import resource
import socket
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .assemble import book_slug
from .build import DEFAULT_FORMATS, OUTPUT_DIR, Progress, Silent, among_sources, build, check_formats
from .cache import CACHE_DIR
from .catalog import CatalogBook, catalog_identity, catalog_source, check_book, load_catalog
from .chars import quoted
from .config import CONFIG_NAME, BookConfig, LoadedConfig, load_config
from .edition import FORMATS, Edition, editions_for, output_path
from .errors import PaibanError, stopped_by, unreadable
from .fingerprint import Fingerprint, fingerprint
from .manifest import LOCK_NAME, MANIFEST_NAME, Manifest, locked
from .pools import TASKS_PER_WORKER, Pool, check_scheduler, dask_pool, local_pool
from .stops import interrupts_held, signals_handled
from .retold import held_by_output

log = logging.getLogger("paiban")

BUILT, UP_TO_DATE, FAILED, NOT_BUILT = "built", "up to date", "failed", "not built"
WITHDRAWN = "withdrawn"  # listed in the manifest, no longer in the catalogue: forgotten, its file left
WORKER_DIED = "the worker process died while building it (killed? out of memory?)"
# What a batch keeps at the top of its output directory, beside the books' folders (a build cache
# too, where `paiban build -o` wrote into it): no book's slug may be one of them.
OWN_NAMES = (MANIFEST_NAME, LOCK_NAME, CACHE_DIR)


@dataclass(frozen=True)
class Task:
    """One output to build. Paths are absolute: a worker sees the books where the driver does."""

    book: str
    book_dir: Path
    edition: str | None  # the [[editions]] name; None for a book that declares none
    edition_label: str  # what the report shows: the name, or the language of the only edition
    format: str
    output: Path


# The outputs of one edition of a book, built by one call of build() (the PDF's page starts give
# the EPUB its print page list).
Job = tuple[Task, ...]


class PoolLost(PaibanError):
    """The pool itself is gone (a cluster that lost its scheduler): the run stops, and the outputs
    not finished are not built. ``reason``: what their rows of the report say."""

    def __init__(self, where: str, unfinished: int) -> None:
        super().__init__(f"lost {where}; {unfinished} outputs not built",
                         hint="Run again to build them (what was built is recorded and skipped).")
        self.reason = f"lost {where}"


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
    traceback: str | None = None  # of an internal error (a bug in paiban): shown with --debug


@dataclass
class Plan:
    """The catalogue in order: a :class:`Task` per output, or a failed :class:`Result` for a book
    that cannot even be planned (broken book.toml, missing article); and each task's inputs.

    What else the catalogue holds, so that outputs it no longer has can be told from those this
    run only leaves out (``--format``, ``--edition``, a book that fails): ``catalog`` (its name in
    the manifest: :func:`~.catalog.catalog_identity`), the directories of all its ``books``, and for
    each book it could plan, every output it ``declares`` (each edition the book and its entry
    allow, in each format its entry allows).
    """

    items: list[Task | Result] = field(default_factory=list)
    inputs: dict[Task, Fingerprint] = field(default_factory=dict)
    catalog: str = ""
    books: set[Path] = field(default_factory=set)
    declares: dict[Path, set[Path]] = field(default_factory=dict)

    @property
    def tasks(self) -> list[Task]:
        return [item for item in self.items if isinstance(item, Task)]

    @functools.cached_property
    def outputs(self) -> set[Path]:
        """Every output the catalogue declares, whichever book does (asked, once planned, of the
        outputs of a book that moved: each book's declarations searched for each was quadratic)."""
        return set().union(*self.declares.values())


def run_batch(
    catalog: str | os.PathLike,
    output: str | os.PathLike | None = None,
    formats: Iterable[str] = DEFAULT_FORMATS,
    editions: Iterable[str] = (),
    jobs: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    tasks_per_worker: int = TASKS_PER_WORKER,
    say: Callable[[str], None] = log.info,
) -> list[Result]:
    """Build every book of ``catalog`` into ``output`` (default: ``build/`` in the catalogue).

    ``formats`` and ``editions`` apply to books whose catalogue entry does not choose its own.
    Runs on ``jobs`` local processes (default: one per core), or on the Dask cluster whose
    scheduler is at ``scheduler``. Returns one :class:`Result` per output, in catalogue order;
    a failed book is a result, not an exception. Raises :class:`PaibanError` only for an unknown
    format, a catalogue that cannot be read, an output directory that cannot be written or that
    another batch is writing to, or a manifest that could not be saved (at the end of the run:
    the exception carries the report, see :func:`stopped_report`), or a cluster that lost its
    scheduler (:class:`PoolLost`, with the report too); and ``KeyboardInterrupt`` (or
    :class:`~paiban.errors.Terminated`) after the tasks running finished and were recorded.
    ``say`` tells the user, at an interrupt, what the run still waits for.
    """
    catalog = Path(catalog)
    progress = progress or Silent()
    formats = check_formats(formats)  # a mistyped format is the command's error, not every book's
    if scheduler:
        check_scheduler(scheduler)
    books = load_catalog(catalog)
    root = catalog.parent if catalog.is_file() else catalog
    out_dir = Path(output if output is not None else root / OUTPUT_DIR).resolve()
    plan = plan_batch(books, out_dir, tuple(formats), tuple(dict.fromkeys(editions)))  # -e cn -e cn: once
    plan.catalog = catalog_identity(catalog_source(catalog).resolve())
    _refuse_output_among_books(out_dir, plan, books, root / OUTPUT_DIR)
    progress.plan(len(plan.items))
    with locked(out_dir) as manifest:
        return _run_plan(plan, manifest, progress, scheduler, jobs, tasks_per_worker, say)


def _refuse_output_among_books(out_dir: Path, plan: Plan, books: list[CatalogBook], default: Path) -> None:
    """An output directory that puts any book's outputs (``DIR/<slug>/``) among the sources of a
    book of the catalogue is the command's error, before anything is written: ``-o CATALOG`` makes
    ``DIR/<slug>`` the book itself, and ``-o CATALOG/book`` fills that book with the others'.
    An entry that is no book (``..``, holding every folder) has no sources: it fails alone, as it
    is planned. (os.path.isfile, not Path.is_file, which raises for a folder paiban may not look
    into: that one fails alone as it is planned too.)"""
    books = [book for book in books if os.path.isfile(book.path / CONFIG_NAME)]
    for target in dict.fromkeys([out_dir, *(task.output.parent for task in plan.tasks)]):
        if book := next((book for book in books if among_sources(target, book.path)), None):
            where = "is" if target == out_dir else f"puts outputs in {target},"
            if out_dir.resolve() == default.resolve():  # no --output given: the default is the book
                hint = (f"A batch writes to {OUTPUT_DIR}/ beside the catalogue unless told otherwise, and here that "
                        "is a book of the catalogue: give --output a directory outside every book, or rename the "
                        "book's folder.")
            else:
                hint = (f"Leave out --output (a batch writes to {OUTPUT_DIR}/ beside the catalogue, "
                        f"{default.resolve()}, each book into a folder of its own there), or give a "
                        "directory outside every book.")
            raise PaibanError(f"the output directory {out_dir} {where} inside the book {book.path}, where its "
                              "articles are", hint=hint)


def _run_plan(plan: Plan, manifest: Manifest, progress: Progress, scheduler: str | None, jobs: int | None,
              tasks_per_worker: int, say: Callable[[str], None]) -> list[Result]:
    """Forget the outputs the catalogue no longer has; skip the tasks that are up to date or may
    not write their output; run the rest. The report ends with the outputs forgotten.

    A run stopped by Ctrl-C (or anything else) still has its report: the exception carries it
    (see :func:`stopped_report`), what did not finish marked as not built.
    """
    done: dict[Task, Result] = {}
    gone = _withdraw(plan, manifest)
    moved = False
    try:
        for item in plan.items:
            if isinstance(item, Result):
                progress.step(_step(item))
            elif other := _other_book(item, manifest):
                done[item] = _result(item, FAILED, error=_taken(item, other))
                progress.step(_step(done[item]))
            elif (entry := manifest.up_to_date(item.output, plan.inputs[item].digest)) and (
                    entry.get("paged") or not _paged(item, plan.tasks)):
                if entry.get("book_dir") != str(item.book_dir):  # the book moved: its outputs are where it is now
                    manifest.update(item.output, book=item.book, book_dir=str(item.book_dir), catalog=plan.catalog)
                    moved = True
                done[item] = _result(item, UP_TO_DATE, pages=entry.get("pages"),  # its build's warnings, still true
                                     warnings=tuple(entry.get("warnings", ())))
                progress.step(_step(done[item]))
        if moved:
            manifest.save()
        todo = _jobs([task for task in plan.tasks if task not in done], plan.tasks, done)
        if todo:
            with dask_pool(scheduler) if scheduler else local_pool(jobs or os.cpu_count() or 1,
                                                                    tasks_per_worker) as pool:
                _run(pool, todo, plan, manifest, progress, done, say)
        manifest.check_saved()
    except BaseException as error:
        reason = _why_stopped(error)
        error.batch_report = [*(done.get(item) or _result(item, NOT_BUILT, error=reason)
                                if isinstance(item, Task) else item for item in plan.items),
                              *_withdrawn_rows(gone, done)]
        raise
    return [*(done[item] if isinstance(item, Task) else item for item in plan.items), *_withdrawn_rows(gone, done)]


def _step(result: Result) -> str:
    """A progress line for ``result``: its book, edition, format and status, and a failure's first
    line (file, line and what is wrong): a log's tail tells why while the run goes on."""
    said = " ".join(filter(None, (result.book, result.edition, result.format, result.status)))
    return f"{said}: {result.error.splitlines()[0]}" if result.error else said


def _why_stopped(error: BaseException) -> str:
    """What the rows of the outputs a stopped run did not build say."""
    if isinstance(error, PoolLost):
        return error.reason
    if isinstance(error, KeyboardInterrupt):
        return stopped_by(error)
    if isinstance(error, PaibanError):  # said in full once, as the run's error: each row gives its gist
        return f"the run stopped: {error.message}"
    return f"the run stopped: {type(error).__name__}: {error}"


def _withdraw(plan: Plan, manifest: Manifest) -> list[tuple[Path, dict]]:
    """Drop from the manifest the outputs this catalogue built that it no longer has: its book left
    the catalogue, or no longer declares that edition (or the entry that format); return each
    with its entry, to report (see :func:`_withdrawn_rows`).

    Their files are left on disk, since deleting what a user may still want is not a batch's to
    decide; but the manifest, which says what DIR currently holds, no longer lists them. Outputs
    another catalogue built into the same DIR, and those of a book that cannot be read now, are
    kept.
    """
    gone = [(output, entry) for output, entry in manifest.entries() if _withdrawn(plan, output, entry)]
    if gone:
        manifest.forget([output for output, _ in gone])
    return gone


def _withdrawn_rows(gone: list[tuple[Path, dict]], done: dict[Task, Result]) -> list[Result]:
    """The report's row of each output withdrawn, saying where its file is now: told once the run
    is over, since a book that took over the slug may have written its own output in its place
    (said to be the withdrawn book's, "left on disk", it was the new book's)."""
    replaced = {Path(result.output): result.book for result in done.values() if result.status == BUILT}
    return [Result(book=entry.get("book", ""), edition=entry.get("edition", ""), format=entry.get("format", ""),
                   status=WITHDRAWN, output=str(output),
                   warnings=(f"no longer in the catalogue: {output} "
                             f"({_where_now(output, replaced.get(output))})",))
            for output, entry in gone]


def _where_now(output: Path, replaced_by: str | None) -> str:
    """What became of a withdrawn output's file (``replaced_by``: the book this run built there)."""
    if replaced_by is not None:
        return f"replaced by the output of {replaced_by}"
    return "left on disk" if output.is_file() else "not on disk"


def _withdrawn(plan: Plan, output: Path, entry: dict) -> bool:
    """Whether the catalogue of ``plan`` built ``output`` but has it no more. (An entry without a
    ``catalog`` was recorded before the manifest named it: only its book can tell.)

    A book whose recorded directory is gone has moved (its folder renamed, the catalogue checked
    out elsewhere) when a book of the catalogue still declares the output: it is that book's, as
    its build takes it over (:func:`_other_book`). Withdrawn by its old directory, the edition a
    run with ``--edition`` left out was dropped, and the one it built said "replaced" by itself."""
    recorded = entry.get("catalog")
    if recorded is not None and catalog_identity(Path(recorded)) != plan.catalog:
        return False
    book_dir = Path(entry.get("book_dir", ""))
    if book_dir in plan.declares:
        return output not in plan.declares[book_dir]
    if recorded is None or book_dir in plan.books:
        return False
    return _still_there(str(book_dir)) or output not in plan.outputs


def _jobs(todo: list[Task], tasks: list[Task], done: dict[Task, Result]) -> list[Job]:
    """The tasks to run, an edition's together in one job, as ``paiban build`` makes them: the
    EPUB's print page list comes from the PDF's page starts, so an EPUB to build takes its
    edition's PDF along, built again even when it was up to date."""
    jobs: dict[tuple, list[Task]] = {}
    for task in todo:
        jobs.setdefault((task.book_dir, task.edition), []).append(task)
    for job in jobs.values():
        pdf = next((_pdf_beside(task, tasks) for task in job if task.format == "epub"), None)
        if pdf is not None and pdf not in job and done[pdf].status == UP_TO_DATE:
            job.append(pdf)
    return [tuple(job) for job in jobs.values()]


def _paged(task: Task, beside: Iterable[Task]) -> bool:
    """Whether ``task`` is an EPUB whose edition's PDF is among ``beside``: then it carries the
    print page list, and one made without it is not up to date."""
    return task.format == "epub" and _pdf_beside(task, beside) is not None


def _pdf_beside(task: Task, tasks: Iterable[Task]) -> Task | None:
    """The PDF of ``task``'s edition among ``tasks``, if it is there."""
    return next((other for other in tasks if other.format == "pdf"
                 and (other.book_dir, other.edition) == (task.book_dir, task.edition)), None)


def stopped_report(error: BaseException) -> list[Result] | None:
    """The report of the run that ``error`` stopped (``None``: it stopped before there was one)."""
    return getattr(error, "batch_report", None)


def _other_book(task: Task, manifest: Manifest) -> str | None:
    """Another book whose outputs an earlier run wrote into the folder of ``task``'s slug, if that
    book is still there: the two may not share it, not even with files of different names (an
    edition only one declares), since whoever ships ``DIR/<slug>/`` would ship both. A book no
    longer there has moved (a catalogue checked out elsewhere) or gone: its outputs are this one's."""
    return next((other for other in sorted(manifest.books_in(task.output.parent))
                 if other != str(task.book_dir) and _still_there(other)), None)


def _still_there(book_dir: str) -> bool:
    """Whether the book a manifest entry records is still in its directory (else it moved or is gone)."""
    return (Path(book_dir) / CONFIG_NAME).is_file()


def _taken(task: Task, other: str) -> str:
    """Why ``task`` may not write its output: an earlier run built the slug's folder from the book in ``other``."""
    return (f"{task.output.parent} holds what an earlier run built from another book with the same slug, {other}; "
            f"building {task.book_dir} there would mix the two. Give one of them its own `slug` in [book], "
            f"or delete {task.output.parent} if the earlier book's outputs may go")


def plan_batch(books: list[CatalogBook], out_dir: Path, formats: tuple[str, ...],
               editions: tuple[str, ...]) -> Plan:
    """Every (book, edition, format) of ``books`` as a task writing into ``out_dir/<slug>/``.

    ``editions`` (``--edition``) picks, in each book whose entry names none, those the book
    declares: a book with none of them is not built, a row saying so (``-e tw`` over a catalogue
    builds its Taiwan editions; a book without one failed as a whole, and ``-e tw -e cn`` built
    not even its cn). A name no book of the catalogue declares is a mistake, the command's error."""
    plan = Plan(books={book.path for book in books})
    slugs: dict[str, tuple[str, str]] = {}  # casefolded slug: (book, slug)
    named: set[str] = set()  # what the books read call their editions (see _edition_names)
    for book in books:
        try:
            tasks, inputs, declared = _book_tasks(book, out_dir, formats, editions, slugs, named)
        except _NoneAskedFor as none:
            plan.items.append(Result(book=book.name, edition="", format="", status=NOT_BUILT, error=str(none)))
            continue
        except (PaibanError, OSError) as error:
            failure = unreadable(error, book.path) if isinstance(error, OSError) else error
            plan.items.append(Result(book=book.name, edition="", format="", status=FAILED, error=str(failure)))
            continue
        plan.items += tasks
        plan.inputs.update(dict.fromkeys(tasks, inputs))
        plan.declares[book.path] = declared
    if named and (unknown := [name for name in editions if name not in named]):
        raise PaibanError(f"no book of the catalogue declares an edition named {quoted(unknown[0])}",
                          hint=f"Its books' editions: {', '.join(sorted(named))} (a book without [[editions]] has "
                               "one, named by its language; declare more in its book.toml).")
    return plan


class _NoneAskedFor(Exception):
    """A book declares none of the editions ``--edition`` names: nothing of it to build this run."""


def _book_tasks(book: CatalogBook, out_dir: Path, formats: tuple[str, ...], editions: tuple[str, ...],
                slugs: dict[str, tuple[str, str]], named: set[str]) -> tuple[list[Task], Fingerprint, set[Path]]:
    """The tasks of ``book`` this run, their inputs, and every output the catalogue declares for it
    (whatever ``--format`` and ``--edition`` pick this time). The names of its editions are added
    to ``named``."""
    check_book(book)
    loaded = load_config(book.path)
    named.update(_edition_names(loaded.config))
    chosen = _chosen_editions(loaded.config, loaded.path, book, editions)
    slug = book_slug(loaded)
    _refuse_own_name(slug, loaded)
    # Compared regardless of case: on macOS, Windows or a share of theirs, DIR/Delta/ is DIR/delta/.
    first, taken = slugs.setdefault(slug.casefold(), (book.name, slug))
    if first != book.name:
        same = (f"the same slug, {quoted(slug)}" if taken == slug else
                f"the slug {quoted(taken)}, which is {quoted(slug)} in another case (one folder where case is not "
                "told apart)")
        raise PaibanError(f"book {quoted(first)} has {same}: their outputs would collide",
                          file=loaded.path, line=loaded.line_of("book", "slug"),
                          hint="Give one of them its own `slug` in [book].")
    inputs = fingerprint(book.path)
    tasks = [Task(book=book.name, book_dir=book.path, edition=edition.name,
                  edition_label=edition.name or edition.language, format=fmt,
                  output=output_path(out_dir / slug, slug, edition, fmt))
             for edition in chosen for fmt in check_formats(book.formats or formats)]
    declared = {output_path(out_dir / slug, slug, edition, fmt)
                for edition in editions_for(loaded.config, book.editions or ()) for fmt in book.formats or FORMATS}
    return tasks, inputs, declared


def _refuse_own_name(slug: str, loaded: LoadedConfig) -> None:
    """A book's folder in the output directory (``DIR/<slug>/``) may not take the name of a file the
    batch keeps there: with slug = "manifest.json" no manifest could be saved, and a book of another
    catalogue then overwrote the outputs of one with its slug. Compared regardless of case, as a
    case-insensitive file system compares them."""
    name = slug.casefold()
    if not any(name == own or name.startswith(f".{own}.") for own in OWN_NAMES):  # or its half-written copy
        return
    given = loaded.config.book.slug is not None
    named = f"the slug {quoted(slug)}" if given else f"the slug {quoted(slug)} (the name of the book's folder)"
    raise PaibanError(f"{named} is the name of a file paiban keeps in a batch's output directory "
                      f"({', '.join(OWN_NAMES)})",
                      file=loaded.path if given else loaded.book_dir,
                      line=loaded.line_of("book", "slug") if given else None,
                      hint="Give the book another `slug` in [book]." if given else
                           "Give the book a `slug` in [book] (or its folder another name).")


def _chosen_editions(config: BookConfig, config_path: Path, book: CatalogBook,
                     editions: tuple[str, ...]) -> list[Edition]:
    """The editions of ``book`` to build: its catalogue entry's, else those of ``editions`` it
    declares (:class:`_NoneAskedFor` when none). One its entry names but the book lacks is the
    catalogue's mistake: the error names the entry's line."""
    if not book.editions:
        declared = _edition_names(config)
        if editions and not (kept := tuple(name for name in editions if name in declared)):
            raise _NoneAskedFor(f"declares no edition named {' or '.join(map(quoted, editions))}, so it is not "
                                "built this run (" + (f"its editions: {', '.join(declared)}" if config.editions else
                                                      f"it declares no [[editions]]: its one edition is "
                                                      f"{declared[0]}") + ")")
        return editions_for(config, kept if editions else ())
    try:
        return editions_for(config, book.editions)
    except PaibanError as error:
        catalog, line = book.editions_at
        declared = f"editions {', '.join(spec.name for spec in config.editions)}" if config.editions else \
            "no [[editions]]"
        raise PaibanError(f"`editions` of the entry for {book.name}: {error.message}", file=catalog, line=line,
                          hint=f"{config_path} declares {declared}. Change the entry's `editions`, or declare "
                               "the edition in the book.") from None


def _edition_names(config: BookConfig) -> list[str]:
    """What ``--edition`` may call a book's editions: their names, or for a book that declares
    none, the language tag its one edition is shown by (``zh-Hans``)."""
    return [spec.name for spec in config.editions] or [config.book.language]


def run_job(job: Job) -> list[Result]:
    """Build the outputs of one edition of a book, in a worker, by one call of :func:`build`.
    Every failure comes back as results, never as an exception: one broken book must not stop a
    run of thousands."""
    first = job[0]
    started = time.perf_counter()
    with held_by_output() as told:  # the warnings go into the report, where an unattended run's operator looks
        try:
            written = build(first.book_dir, formats=[task.format for task in job], output=first.output.parent,
                            editions=[first.edition] if first.edition else ())
        except Exception as error:  # the outputs it finished first are complete: built, whatever failed after
            made = {output.path: output.pages for output in getattr(error, "written", ())}
            outcomes = [dict(status=BUILT, pages=made[task.output]) if task.output in made else
                        _failure(error) for task in job]
        else:
            pages = {output.path: output.pages for output in written}
            outcomes = [dict(status=BUILT, pages=pages[task.output]) for task in job]
    def warnings(fmt: str) -> tuple[str, ...]:  # those of reading the book, and of making this output
        return tuple(message for level, message, output in told if level >= logging.WARNING and output in (None, fmt))

    return [_result(task, started=started, warnings=warnings(task.format), **outcome)
            for task, outcome in zip(job, outcomes, strict=True)]


def _failure(error: Exception) -> dict:
    """What the row of an output ``error`` stopped says: the message of a problem in the book; for a
    bug in paiban, shown on this book only, that it is one, and its traceback, which travels back."""
    if isinstance(error, PaibanError):
        return dict(status=FAILED, error=str(error))
    return dict(status=FAILED, error=f"internal error: {type(error).__name__}: {error}. This is a bug in paiban: "
                "run again with --debug for the traceback and report it.",
                traceback="".join(traceback.format_exception(error)))


def _run(pool: Pool, todo: list[Job], plan: Plan, manifest: Manifest, progress: Progress,
         done: dict[Task, Result], say: Callable[[str], None]) -> None:
    """Run the jobs ``todo`` on ``pool``, at most ``pool.window`` at a time, recording each output
    as its job finishes and putting its result in ``done``.

    A job whose worker process died fails, and the others go on (the local pool is replaced).
    When the pool itself is gone (a cluster that lost its scheduler), the run stops with
    :class:`PoolLost`. On Ctrl-C or SIGTERM no further job starts; a local job already running
    finishes (its outputs are complete and recorded: see :func:`_finish_running`), a cluster job
    is cancelled and left to finish its atomic writes.
    """
    waiting = list(reversed(todo))
    running: dict = {}
    suspects: list[Job] = []  # lost with a worker that died beside others: each runs again alone
    alone: set[Job] = set()

    def submit(job: Job) -> None:
        with interrupts_held():  # a job submitted is a job whose outputs get recorded
            running[pool.submit(run_job, job)] = job

    def failed(job: Job, reason: str) -> dict[Task, Result]:
        return {task: _result(task, FAILED, error=reason) for task in job}

    def finish(future) -> None:
        job = running[future]
        try:
            results = dict(zip(job, future.result(), strict=True))
        except pool.died:
            if pool.shared_deaths and job not in alone:  # maybe another job's worker that died
                suspects.append(job)
                alone.add(job)
                del running[future]
                return
            results = failed(job, WORKER_DIED)
        except pool.lost:  # not by us: the cluster lost its scheduler
            raise PoolLost(pool.where, sum(map(len, [*running.values(), *waiting, *suspects]))) from None
        with interrupts_held():  # recorded, then no longer running: never one without the other
            for task, result in results.items():
                if result.status == BUILT:
                    manifest.record(task.output, plan.inputs[task], book=task.book, book_dir=str(task.book_dir),
                                    catalog=plan.catalog, edition=task.edition_label, format=task.format,
                                    pages=result.pages, paged=_paged(task, job), warnings=list(result.warnings))
                done[task] = result
            del running[future]
        for task in job:
            progress.step(_step(done[task]))

    try:
        while waiting or suspects or running:
            if suspects and not running:
                submit(suspects.pop())
            while waiting and not suspects and not alone.intersection(running.values()) \
                    and len(running) < (pool.window or len(todo)):
                submit(waiting.pop())
            for future in pool.first_completed(list(running)):
                finish(future)
    except KeyboardInterrupt as interrupt:
        for future in running:
            future.cancel()
        if pool.unstoppable and running:  # "nothing half-written was left" came as they still wrote
            say(f"{stopped_by(interrupt)}: the books already building on {pool.where} cannot be stopped there: "
                "they finish writing whole outputs, unrecorded, which the next run builds again (wait a minute "
                "before it, or it may meet them still writing)")
        _finish_running([future for future in running if not future.cancelled()], running, finish,
                        stopped_by(interrupt), say)
        raise


def _finish_running(futures: list, running: dict, finish: Callable, stopped: str,
                    say: Callable[[str], None]) -> None:
    """Wait for the jobs of ``futures`` (already running on a local worker) to finish, and record
    their outputs, so that every file in the output directory is complete and recorded. Say so at
    once, and again at every further Ctrl-C or SIGTERM, which no longer stop the run: one that
    stopped the wait left outputs the workers went on to write, unrecorded."""
    def still(number: int, frame: object) -> None:
        say(f"still finishing {_books([running[future] for future in futures if future in running])}, "
            "so that their outputs are complete and recorded")

    with signals_handled(still):  # before saying so: a Ctrl-C answering the message must find it
        if futures:
            say(f"{stopped}: no further book starts; finishing {_books([running[f] for f in futures])}, "
                "so that their outputs are complete and recorded")
        for future in futures:
            finish(future)


def _books(jobs: list[Job]) -> str:
    """The books (and editions) of ``jobs``, as a message names them."""
    return ", ".join(f"{job[0].book} {job[0].edition_label}" for job in jobs) or "nothing"


def _result(task: Task, status: str, started: float | None = None, **fields) -> Result:
    if started is not None:  # measured in the worker that ran it
        fields |= {"seconds": round(time.perf_counter() - started, 3),
                   "worker": f"{socket.gethostname()}:{os.getpid()}",
                   "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    return Result(book=task.book, edition=task.edition_label, format=task.format, status=status,
                  output=str(task.output), **fields)
