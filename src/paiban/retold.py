"""What a step logged, kept with its result, and told again whenever the result is used.

A build reuses an article read by an earlier build (see :mod:`paiban.cache`); the warnings
its reading gave (an uncertain encoding, an image left out) must not vanish with the second
build, or the editor takes the problem for solved. A worker process that read the article
hands them back with it, so they are told once, by the build, in the book's order.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
Told = tuple[tuple[int, str], ...]  # (level, message) of each record, in order

log = logging.getLogger("paiban")


class _Keeper(logging.Filter):
    """Holds back the records of paiban's logger, and keeps what ``kept`` makes of each."""

    def __init__(self, kept: Callable[[logging.LogRecord], tuple]) -> None:
        super().__init__()
        self.kept = kept
        self.told: list[tuple] = []

    def filter(self, record: logging.LogRecord) -> bool:
        self.told.append(self.kept(record))
        return False


class _Once(logging.Filter):
    """Lets each message of paiban's logger through once."""

    def __init__(self) -> None:
        super().__init__()
        self.told: set[tuple[int, str]] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        said = (record.levelno, record.getMessage())
        if said in self.told:
            return False
        self.told.add(said)
        return True


@contextlib.contextmanager
def told_once() -> Iterator[None]:
    """Each message paiban logs in the block told once: the editions of a book repeat what their
    sources give rise to (a footnote too long for the foot of a page was warned of by each
    edition's PDF, three times for cn, tw and hk)."""
    with _filtered(_Once()):
        yield


@contextlib.contextmanager
def _filtered(kept: logging.Filter) -> Iterator[logging.Filter]:
    """paiban's logger filtered by ``kept`` inside the block."""
    log.addFilter(kept)
    try:
        yield kept
    finally:
        log.removeFilter(kept)


# The output a build is making while it logs (``epub``, ``pdf``; ``None`` while it reads and
# converts, which every output shares): a batch's report lists a warning under the outputs it
# concerns (one of a sheet only the PDF reads was listed under the EPUB too).
_MAKING: contextvars.ContextVar[str | None] = contextvars.ContextVar("making", default=None)


@contextlib.contextmanager
def making(output_format: str) -> Iterator[None]:
    """What is logged inside the block concerns the ``output_format`` output alone."""
    token = _MAKING.set(output_format)
    try:
        yield
    finally:
        _MAKING.reset(token)


@contextlib.contextmanager
def held_by_output() -> Iterator[list[tuple[int, str, str | None]]]:
    """As :func:`held`, each record with the output it concerns (see :func:`making`)."""
    with _filtered(_Keeper(lambda record: (record.levelno, record.getMessage(), _MAKING.get()))) as keeper:
        yield keeper.told


@contextlib.contextmanager
def held() -> Iterator[list[tuple[int, str]]]:
    """What paiban logs inside the block, held back: (level, message) of each record, in the list
    it yields."""
    with _filtered(_Keeper(lambda record: (record.levelno, record.getMessage()))) as keeper:
        yield keeper.told


def kept(make: Callable[[], T]) -> tuple[T, Told]:
    """``make()`` and what it logged, held back (tell it with :func:`retell`). If ``make``
    fails, what it logged is told at once, before its error."""
    try:
        with held() as told:
            made = make()
    except BaseException:
        retell(tuple(told))
        raise
    return made, tuple(told)


def retell(told: Told) -> None:
    """Log again what :func:`kept` held back."""
    for level, message in told:
        log.log(level, "%s", message)
