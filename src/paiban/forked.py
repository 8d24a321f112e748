"""Steps spread over every core by forking the process that already holds their data.

Reading the articles, converting them and rendering the EPUB's chapter documents are the
costliest steps of a cold EPUB build, and pure functions of what the build holds in memory. Forked workers inherit
that memory, so only an index goes to each worker and only the result comes back. A build
inside a batch or Dask worker uses its own process only (see :mod:`paiban.cores`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from . import cores
from .pools import STOPS

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
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=leave_stops_to_parent) as pool:
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
    printed the traceback of ``Process ForkProcess-2``."""
    signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)


def leave_stops_to_parent() -> None:
    """A forked worker's initializer: Ctrl-C and SIGTERM are the build's to handle. It stops the
    workers' queue and waits only for the work under way (see :func:`stops_deferred`)."""
    for number in STOPS:
        signal.signal(number, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)
