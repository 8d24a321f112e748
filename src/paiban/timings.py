"""Stage timings (``paiban build --timings``): how long each stage took, so a slow book says why.

The pipeline opens stages by name (``with stage("read"):``) wherever the work happens, with no
timing parameter to pass around: a stage records only while a caller listens
(``with recording() as timings:``). Time spent in a stage nested in another counts for the
inner one only, so the stages add up to the time of the build.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar


class Timings:
    """Seconds per stage, in the order the stages first ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._open: list[list[float]] = []  # per open stage: [started, seconds spent in stages inside it]

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


_listening: ContextVar[Timings | None] = ContextVar("paiban_timings", default=None)


@contextlib.contextmanager
def recording() -> Iterator[Timings]:
    """Record the stages run inside the ``with`` block."""
    timings = Timings()
    token = _listening.set(timings)
    try:
        yield timings
    finally:
        _listening.reset(token)


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the time of the ``with`` block for stage ``name`` (stages nested inside excepted)."""
    timings = _listening.get()
    if timings is None:
        yield
        return
    timings.seconds.setdefault(name, 0.0)  # listed where it starts: before the stages inside it
    started = time.perf_counter()
    timings._open.append([started, 0.0])
    try:
        yield
    finally:
        _, inner = timings._open.pop()
        elapsed = time.perf_counter() - started
        timings.seconds[name] += elapsed - inner
        if timings._open:
            timings._open[-1][1] += elapsed
