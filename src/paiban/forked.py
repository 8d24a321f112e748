"""Steps spread over every core by forking the process that already holds their data.

Reading the articles, converting them and rendering the EPUB's chapter documents are the
costliest steps of a cold EPUB build, and pure functions of what the build holds in memory. Forked workers inherit
that memory, so only an index goes to each worker and only the result comes back. A build
inside a batch or Dask worker uses its own process only (see :mod:`paiban.cores`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

from . import cores
from .stops import STOPS, interrupts_held, wait_for_exit

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")

# Below this many items, forking costs more than it saves.
WORTH_FORKING = 48

_work: list[Callable[[int], object]] = []  # what the forked workers run (set just before forking)


def in_parallel(work: Callable[[int], T], count: int) -> list[T] | None:
    """``[work(0), …, work(count - 1)]`` computed on every core; ``None`` when that is not worth
    it (too few items, one core, or a build that must stay in its process): do it in place."""
    workers = min(cores.workers(count), count // (WORTH_FORKING // 2))
    if count < WORTH_FORKING or workers < 2:
        return None
    _work.append(work)
    try:
        with forked_workers(workers) as pool:
            with stops_deferred():  # the workers are forked here
                results = pool.map(_run, range(count), chunksize=max(1, count // (workers * 4)))
            return list(results)  # stopped, this cancels the chunks not started
    finally:
        _work.pop()


def _run(index: int) -> object:
    return _work[-1](index)


@contextlib.contextmanager
def stops_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back (blocked, not lost) while a pool forks its workers in the block:
    a worker forked with them blocked starts with them blocked, until :func:`leave_stops_to_parent`
    ignores them. Sent to the process group as a worker started, they raised in its start-up, which
    printed the traceback of ``Process ForkProcess-2``.

    The build holds them back too (:func:`~paiban.stops.interrupts_held`): the kernel hands a
    signal the main thread blocks to another thread (rich's progress bar), and Python then raises
    it in the main thread all the same. Raised as the pool forked its workers, before it started
    the thread that shuts them down, it left them waiting for work, and the build waiting for them
    at its exit, for ever."""
    with interrupts_held():
        signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)


@contextlib.contextmanager
def forked_workers(size: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``size`` processes forked from this one at its first submit (make that inside
    :func:`stops_deferred`), which leave Ctrl-C and SIGTERM to this one and die with it.

    Leaving the block cancels the work not started and waits for the work under way; a further
    Ctrl-C or SIGTERM meanwhile kills the workers instead of waiting on, and is raised once they
    are gone. (One that stopped the wait left the pool open: the build exited through
    multiprocessing's join of its children with a traceback, and the workers waited for work for
    ever, ignoring both signals.)"""
    import multiprocessing  # only when a pool is worth it: its import was 8 ms of every rebuild's start
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("fork"),
                               initializer=leave_stops_to_parent, initargs=(os.getpid(),))
    try:
        yield pool
    finally:
        with interrupts_held(meanwhile=lambda: _kill(pool)):
            pool.shutdown(cancel_futures=True)


def _kill(pool: ProcessPoolExecutor) -> None:
    """Kill ``pool``'s workers; the pool then fails what they ran, and its shutdown returns.
    (``_processes``: the executor has no public way to it before Python 3.14's kill_workers.)"""
    for process in list((pool._processes or {}).values()):
        process.kill()


def leave_stops_to_parent(parent: int) -> None:
    """A forked worker's initializer: Ctrl-C and SIGTERM are the build's (process ``parent``) to
    handle. It stops the workers' queue and waits only for the work under way (see
    :func:`stops_deferred`). Since the worker ignores both, nothing would end it once the build is
    gone (killed, or stopped before it could shut its workers down): a thread kills it then."""
    for number in STOPS:
        signal.signal(number, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)
    threading.Thread(target=_killed_after, args=(parent,), name="paiban parent watch", daemon=True).start()


def _killed_after(parent: int) -> None:
    """Kill this process once process ``parent`` has exited (at once if it already has)."""
    wait_for_exit(parent)
    os.kill(os.getpid(), signal.SIGKILL)
