"""What stops a run, Ctrl-C and SIGTERM, and how a run holds them back or outlives its parent.

Apart from :mod:`paiban.pools`, whose process pools only a batch or a build on every core
starts: every command handles the stops, and importing multiprocessing for them cost each
one's start some 8 ms.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import threading
import time
from collections.abc import Callable, Iterator

from .atomic import process_running

# What stops a run: Ctrl-C, and SIGTERM (kill, timeout, a service manager), sent to the driver
# alone or to its whole process group.
STOPS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def signals_handled(handler: Callable[[int, object], None]) -> Iterator[None]:
    """Ctrl-C and SIGTERM handled by ``handler`` in the block, as before it after. (Only the main
    thread may set handlers, and only it gets KeyboardInterrupt: elsewhere nothing changes.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, handler) for number in STOPS}
    try:
        yield
    finally:
        for number, before in previous.items():
            signal.signal(number, before)


@contextlib.contextmanager
def interrupts_held(meanwhile: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold a Ctrl-C or SIGTERM back until the block is done, then deliver it: an interrupt between
    submitting a task and noting it, or between recording an output and noting that, left an
    output on disk that the manifest did not list; one while the report was printed cut it short.
    ``meanwhile`` is called at each one held (to hasten the block's end).
    (A handler, not a signal mask: the kernel hands
    a signal to any thread that does not block it, and Python then raises it in the main thread
    at once.)"""
    caught: list[int] = []

    def hold(number: int, frame: object) -> None:
        caught.append(number)
        meanwhile()

    with signals_handled(hold):
        yield
    for number in dict.fromkeys(caught):
        signal.raise_signal(number)


def wait_for_exit(pid: int) -> None:
    """Return when process ``pid`` has exited: a pidfd says so at once (Linux 5.3 and later), with
    no risk of a new process taking the number; elsewhere ask every second."""
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):  # no pidfd here, or already gone
        while process_running(pid):
            time.sleep(1)
        return
    select.select([handle], [], [])
