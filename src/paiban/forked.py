"""Steps spread over every core by forking the process that already holds their data.

Reading the articles, converting them and rendering the EPUB's chapter documents are the
costliest steps of a cold EPUB build, and pure functions of what the build holds in memory. Forked workers inherit
that memory, so only an index goes to each worker and only the result comes back. A build
inside a batch or Dask worker uses its own process only (see :mod:`paiban.cores`).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from . import cores

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
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, range(count), chunksize=max(1, count // (workers * 4))))
    finally:
        _work.pop()


def _run(index: int) -> object:
    return _work[-1](index)
