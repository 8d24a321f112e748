"""Where batch tasks run: a local process pool, or an existing Dask distributed cluster.

Both give the driver the same things: ``submit(fn, arg)`` returning a future, and
``first_completed(futures)``. The driver does not care which one it has.

Workers see the book projects through the file system, at the same absolute paths as the
driver (on a cluster: a shared file system mounted at the same place on every machine), and
write their outputs atomically where the driver asked. Nothing but a small task description
and a small result travels through the pool or the scheduler.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from .cores import one_process
from .errors import PaibanError
from .stops import signals_handled, wait_for_exit

log = logging.getLogger("paiban")

# WeasyPrint's memory grows over the documents a process lays out; a fresh worker after this
# many tasks keeps every worker's peak bounded (see benchmarks/batch.py for what we measured).
TASKS_PER_WORKER = 20


@dataclass(frozen=True)
class Pool:
    """What the driver needs from a pool: submit one task, wait for some to finish, and how many
    tasks to keep in flight (``window``; ``None``: all, and let the pool schedule them); ``where``
    the tasks run, for messages (a cluster's pool can be lost: "lost the Dask scheduler at …").

    ``died``: what a task's future raises when the worker process running it died (killed, out
    of memory). ``shared_deaths``: whether such a death fails the other tasks running beside it
    too (a local process pool breaks as a whole), so that only a task that dies again when run
    alone is to blame. ``lost``: what waiting for a task raises when the pool itself is gone (a
    cluster's scheduler: its futures are cancelled, or the connection closes under a result).
    """

    submit: Callable[[Callable, object], concurrent.futures.Future]
    first_completed: Callable[[list], Iterable]
    window: int | None
    where: str = "the pool"
    died: tuple[type[BaseException], ...] = ()
    shared_deaths: bool = False
    lost: tuple[type[BaseException], ...] = (concurrent.futures.CancelledError,)
    unstoppable: bool = False  # a task already running goes on when cancelled (a cluster's worker)


@contextlib.contextmanager
def local_pool(jobs: int, tasks_per_worker: int = TASKS_PER_WORKER) -> Iterator[Pool]:
    """``jobs`` worker processes on this machine, all replaced after every ``jobs ×
    tasks_per_worker`` tasks, so no worker runs more than that many. (The executor shares a
    generation's tasks among its workers as they come free: about ``tasks_per_worker`` each,
    but a quick worker may take more.)

    Workers are forked from a server that has paiban already imported (WeasyPrint takes about a
    second to import), and they ignore Ctrl-C and SIGTERM: only the driver decides what an
    interrupt stops, so a task already running finishes writing its output, and is recorded,
    instead of dying halfway. A worker whose driver is gone (killed with SIGKILL) stops at once.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["paiban.batch"])
    _start_forkserver()
    executors = _Generations(lambda: concurrent.futures.ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)),
        jobs * tasks_per_worker)
    try:
        yield Pool(submit=executors.submit, window=jobs, where="the local pool",
                   first_completed=lambda futures: concurrent.futures.wait(
                       futures, return_when=concurrent.futures.FIRST_COMPLETED).done,
                   died=(BrokenProcessPool,), shared_deaths=True)
    finally:
        executors.shutdown()


class _Generations:
    """Process pools one after the other, each given ``tasks`` tasks: a new generation of workers
    replaces the old, which exits once its last tasks finish.

    This is ``ProcessPoolExecutor(max_tasks_per_child=...)`` done by hand, because that option
    deadlocks on Python 3.11 once a worker retires (CPython issue 115634, fixed in 3.12).
    """

    def __init__(self, make: Callable[[], concurrent.futures.Executor], tasks: int) -> None:
        self.make, self.tasks = make, tasks
        self.current, self.given, self.retired = make(), 0, []

    def submit(self, fn: Callable, arg: object) -> concurrent.futures.Future:
        if self.given == self.tasks:
            self.replace()
        self.given += 1
        try:
            return self.current.submit(fn, arg)
        except BrokenProcessPool:  # a worker died (killed, out of memory): the executor takes no more
            self.replace()
            self.given += 1
            return self.current.submit(fn, arg)

    def replace(self) -> None:
        """A new generation; the current one finishes what it has and exits."""
        self.current.shutdown(wait=False)
        self.retired.append(self.current)
        self.current, self.given = self.make(), 0

    def shutdown(self) -> None:
        for executor in [*self.retired, self.current]:
            executor.shutdown(wait=True, cancel_futures=True)


def check_scheduler(address: str) -> None:
    """Refuse, before any work, a scheduler address Dask cannot parse, or a missing ``distributed``.
    (A ``Client`` given one failed with a ValueError, and then hung 20 s closing at exit.)"""
    try:
        from distributed.comm import get_address_host_port
    except ImportError:
        raise PaibanError("--scheduler needs the `distributed` package",
                          hint="Install it: pip install 'paiban[dask]'.") from None
    try:
        get_address_host_port(address)
    except ValueError as error:
        raise PaibanError(f"not a scheduler address: {address} ({error})",
                          hint="Write tcp://HOST:PORT, as `dask scheduler` prints it.") from None


@contextlib.contextmanager
def dask_pool(address: str) -> Iterator[Pool]:
    """The workers of the Dask scheduler at ``address`` (``tcp://HOST:PORT``)."""
    check_scheduler(address)
    from distributed import Client, KilledWorker, as_completed
    from distributed.comm import CommClosedError, get_address_host_port

    unreachable = "Start one with `dask scheduler` and pass the address it prints."
    _probe(address, get_address_host_port(address), unreachable)
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise PaibanError(f"cannot reach the Dask scheduler at {address}: {error}", hint=unreachable) from None
    with _quiet_client(), client:
        if not client.scheduler_info().get("workers"):
            log.warning("the Dask scheduler at %s has no worker yet: waiting %d s for one (start one with "
                        "`dask worker %s`)", address, _WORKER_WAIT, address)
            try:
                client.wait_for_workers(1, timeout=_WORKER_WAIT)
            except (TimeoutError, OSError):
                raise PaibanError(f"no worker joined the Dask scheduler at {address} in {_WORKER_WAIT} s",
                                  hint=f"Start workers with `dask worker {address}` on the machines that build, "
                                       "then run the batch again.") from None
        try:
            facts = client.run(worker_facts)
        except Exception as error:  # noqa: BLE001  whatever failed on a worker, it says what
            raise PaibanError(f"a Dask worker cannot run paiban: {type(error).__name__}: {error}",
                              hint="Install the same paiban on every worker: pip install 'paiban[dask]'.") from None
        check_workers(facts, worker_facts())
        # pure=False: two tasks are never the same computation, even with equal arguments.
        # The scheduler runs a task whose worker died on others, and gives up (KilledWorker) only
        # when several died with it.
        yield Pool(submit=lambda fn, task: client.submit(fn, task, pure=False), window=None,
                   where=f"the Dask scheduler at {address}",
                   first_completed=lambda futures: [next(as_completed(futures, loop=client.loop))],
                   died=(KilledWorker,), lost=(concurrent.futures.CancelledError, CommClosedError),
                   unstoppable=True)


# How long a run waits for a scheduler's first worker, and for a scheduler's first words.
_WORKER_WAIT = 60
_GREETING_WAIT = 5
# A Dask scheduler's first message (its handshake, a few hundred bytes) is told by its length, 8 bytes.
_GREETING = struct.Struct("<Q")
_LONGEST_GREETING = 2**20
_ITS_OWN_ADDRESS = "Pass the scheduler's own address, tcp://HOST:PORT (8786 by default), as `dask scheduler` prints it."


def _probe(address: str, host_port: tuple[str, int], hint: str) -> None:
    """Refuse, at once, an address where no Dask scheduler answers. A scheduler speaks first, its
    handshake's length in 8 bytes: a refused connection was retried for 10 s and called a time-out;
    a server that says nothing (the scheduler's dashboard, at the port beside it) hung the run
    forever; one that speaks first in another tongue (ssh, a proxy) was read as a message of
    exabytes, a MemoryError told as a bug in paiban."""
    try:
        with socket.create_connection(host_port, timeout=10) as connection:
            connection.settimeout(_GREETING_WAIT)
            greeting = connection.recv(_GREETING.size, socket.MSG_WAITALL)
    except TimeoutError:
        raise PaibanError(f"no Dask scheduler answers at {address}: something listens there, but says nothing "
                          f"in {_GREETING_WAIT} s (a web server? the dashboard's port?)",
                          hint=_ITS_OWN_ADDRESS) from None
    except OSError as error:
        raise PaibanError(f"cannot reach the Dask scheduler at {address}: {(error.strerror or str(error)).lower()}",
                          hint=hint) from None
    if len(greeting) < _GREETING.size or not 0 < _GREETING.unpack(greeting)[0] <= _LONGEST_GREETING:
        raise PaibanError(f"no Dask scheduler answers at {address}: what listens there speaks another protocol"
                          + (f" ({greeting!r}…)" if greeting else ""),
                          hint=_ITS_OWN_ADDRESS)


@contextlib.contextmanager
def _quiet_client() -> Iterator[None]:
    """Keep Dask's client from logging the loss of its scheduler: it logged an ERROR with some 25
    lines of the tracebacks of its attempts to reconnect, while the driver says it in one line.
    (What else goes wrong on a cluster reaches the driver as a task's exception.)"""
    logger = logging.getLogger("distributed.client")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def worker_facts() -> tuple[dict[str, str], str, bool]:
    """What the driver checks of a Dask worker (run there): the versions of paiban and of the
    libraries that decide an output's bytes, a digest of paiban's code, and whether Dask's
    statistical profiler runs."""
    import dask

    from .fingerprint import code_digest, toolchain

    return toolchain(), code_digest(), bool(dask.config.get("distributed.worker.profile.enabled"))


def check_workers(facts: dict[str, tuple], here: tuple) -> None:
    """Refuse workers whose paiban differs from the driver's: the manifest would record outputs
    made by other code as up to date. Warn about Dask's profiler, which slows every task."""
    tools, code, _ = here
    for address, (their_tools, their_code, _) in sorted(facts.items()):
        if their_code != code:
            differ = [f"{name} {their_tools.get(name)} there, {mine} here"
                      for name, mine in tools.items() if their_tools.get(name) != mine]
            raise PaibanError(
                f"the Dask worker at {address} runs a different paiban "
                f"({'; '.join(differ) or 'the same versions, other code'})",
                hint="Install the same paiban (and WeasyPrint, EbookLib, OpenCC) on every worker "
                     "as on this machine, then restart the workers.")
    if any(profiled for _, _, profiled in facts.values()):
        log.warning("Dask's profiler runs in the workers: it samples every task's stack 100 times a "
                    "second and makes paiban's PDF tasks slower the longer a worker runs. Start the "
                    "workers with DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False.")


def _start_forkserver() -> None:
    """Start the server the workers are forked from (and multiprocessing's resource tracker) with
    SIGINT and SIGTERM ignored from their first instruction. The server imports paiban.batch
    (about a second) before it ignores SIGINT itself, and a Ctrl-C meanwhile printed its
    KeyboardInterrupt traceback, some 30 lines, under the report; a SIGTERM to the process group
    killed it, and the pool then took every worker for dead.

    An ignored signal stays ignored through exec (a caught one does not, and a blocked one is
    unblocked by the spawn), and Python then installs no KeyboardInterrupt handler; the server
    passes SIG_IGN on to the workers it forks. The driver ignores the signals only while the
    processes are spawned, a few milliseconds: one sent then is lost, and the next works as ever.
    (Only the main thread may set a handler; elsewhere the server starts as it would have.)"""
    if threading.current_thread() is not threading.main_thread():
        return
    with signals_handled(signal.SIG_IGN):
        multiprocessing.forkserver.ensure_running()


class _DriverGone(SystemExit):
    """Raised in a worker whose driver is gone: no one will record what it builds."""


_orphaned = threading.Event()


def _start_worker(driver: int) -> None:
    """A worker's start. Ctrl-C and SIGTERM are the driver's to handle (it waits for the tasks
    running, then records them): the worker ignores both while the driver runs. Once the driver
    is gone (killed with SIGKILL, a crash), nothing would record its outputs, and the pool would
    keep it waiting for tasks for ever (it holds both ends of the pool's pipes): a thread watching
    the driver then stops it, and the forkserver and resource tracker exit after it.

    The pool already uses the cores: builds here use one process each. The handler comes last:
    a driver gone already must not stop the worker halfway through its start (the pool logged
    that as an initializer's failure, with a traceback); until then its SIGTERM is ignored, and
    the watch sends it again."""
    one_process()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_stop_when_gone, args=(driver, threading.main_thread().ident),
                     name="paiban driver watch", daemon=True).start()
    signal.signal(signal.SIGTERM, _stop_if_orphaned)


def _stop_if_orphaned(number: int, frame: object) -> None:
    """A worker's SIGTERM handler: ignored while the driver runs; raises once it is gone, which
    unwinds the task running (its atomic writes remove their temporary files) or ends the worker."""
    if _orphaned.is_set():
        raise _DriverGone(1)


def _stop_when_gone(driver: int, main: int) -> None:
    """Wait for the process ``driver`` to exit, then SIGTERM this worker's main thread until the
    worker has stopped: the first unwinds the task running, and the pool's loop catches that and
    waits for the next task, where the next signal ends it."""
    wait_for_exit(driver)
    _orphaned.set()
    while True:
        signal.pthread_kill(main, signal.SIGTERM)
        time.sleep(1)
