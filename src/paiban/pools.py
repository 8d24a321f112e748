"""Where batch tasks run: a local process pool, or an existing Dask distributed cluster.

Both give the driver the same two things: ``submit(fn, arg)`` returning a future, and
``as_completed(futures)``. The driver does not care which one it has.

Workers see the book projects through the file system, at the same absolute paths as the
driver (on a cluster: a shared file system mounted at the same place on every machine), and
write their outputs atomically where the driver asked. Nothing but a small task description
and a small result travels through the pool or the scheduler.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .errors import PaibanError

# WeasyPrint's memory grows over the documents a process lays out; a fresh worker after this
# many tasks keeps every worker's peak bounded (see benchmarks/batch.py for what we measured).
TASKS_PER_WORKER = 20


@dataclass(frozen=True)
class Pool:
    """What the driver needs from a pool: submit one task, and iterate futures as they finish."""

    submit: Callable[[Callable, object], concurrent.futures.Future]
    as_completed: Callable[[Iterable], Iterator]


@contextlib.contextmanager
def local_pool(jobs: int, tasks_per_worker: int = TASKS_PER_WORKER) -> Iterator[Pool]:
    """``jobs`` worker processes on this machine, each replaced after ``tasks_per_worker`` tasks.

    Workers are forked from a server that has paiban already imported (WeasyPrint takes about a
    second to import), and they ignore Ctrl-C: only the driver decides what an interrupt stops,
    so a task already running finishes writing its output instead of dying halfway.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["paiban.batch"])
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                                max_tasks_per_child=tasks_per_worker,
                                                initializer=_ignore_interrupts) as executor:
        yield Pool(submit=executor.submit, as_completed=concurrent.futures.as_completed)


@contextlib.contextmanager
def dask_pool(address: str) -> Iterator[Pool]:
    """The workers of the Dask scheduler at ``address`` (``tcp://HOST:PORT``)."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise PaibanError("--scheduler needs the `distributed` package",
                          hint="Install it: pip install 'paiban[dask]'.") from None
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise PaibanError(f"cannot reach the Dask scheduler at {address}: {error}",
                          hint="Start one with `dask scheduler` and pass the address it prints.") from None
    with client:
        # pure=False: two tasks are never the same computation, even with equal arguments.
        yield Pool(submit=lambda fn, task: client.submit(fn, task, pure=False),
                   as_completed=lambda futures: as_completed(futures, loop=client.loop))


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
