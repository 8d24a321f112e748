"""How many processes one build may use: every core, unless it runs where it should not start any.

A build lays a large PDF out in pieces and reads many articles on every core. Inside a
``paiban batch`` worker the cores are the batch's already, and a Dask worker (a daemonic
process) may not start children at all: there a build uses its own process only.
"""

from __future__ import annotations

import os
import sys

# Set in batch workers: their builds run in one process each.
ONE_PROCESS = "PAIBAN_ONE_PROCESS"


def workers(wanted: int) -> int:
    """Processes a build step may use for ``wanted`` pieces of work (1: do it in this process).

    A daemonic process is one multiprocessing started, which imported it: a build that has not
    imported it is none, and need not (its import was 8 ms of every build's start)."""
    started = sys.modules.get("multiprocessing")
    if (started and started.current_process().daemon) or os.environ.get(ONE_PROCESS):
        return 1
    return max(1, min(wanted, os.cpu_count() or 1))


def one_process() -> None:
    """Make this process's builds use no more processes (a batch worker's initializer)."""
    os.environ[ONE_PROCESS] = "1"
