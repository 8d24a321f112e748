"""paiban's own error type: every problem a user can fix carries where it is and what to do.

Stages raise :class:`PaibanError`; only the CLI turns it into a message and an exit code,
so the Python API gives a build server the same precise information the terminal shows.
"""

from __future__ import annotations

from pathlib import Path


class PaibanError(Exception):
    """A problem in the user's input (book, article, option), not a bug in paiban.

    ``file`` and ``line`` say where, ``hint`` says how to fix it. ``written``: the outputs a build
    had finished before it failed (complete files: a batch records them as built).
    """

    written: tuple = ()

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = Path(file) if file is not None else None
        self.line = line
        self.hint = hint

    @property
    def location(self) -> str:
        """``file:line`` as editors and terminals understand it, or ``""``."""
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line else str(self.file)

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        return f"{text}\n{self.hint}" if self.hint else text


def unreadable(error: OSError, file: Path) -> PaibanError:
    """The error for a file of the book paiban may not read (``chmod 000``, a folder it may not
    list, a file gone as it was read): named, with what to do, never an internal error."""
    return PaibanError(f"cannot read it: {(error.strerror or str(error)).lower()}",
                       file=Path(error.filename) if error.filename else file,
                       hint="Give the user paiban runs as the right to read it, or take it out of the book.")


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, ``timeout``, cron's or a service manager's stop) raised where Ctrl-C
    raises :class:`KeyboardInterrupt`, so that what cleans up after an interrupt cleans up after
    it too; only the message and the exit code (128 + 15) tell the two apart."""


def terminate(number: int, frame: object) -> None:
    """The SIGTERM handler that raises :class:`Terminated` (``signal.signal(SIGTERM, terminate)``)."""
    raise Terminated


def stopped_by(interrupt: KeyboardInterrupt) -> str:
    """What the user is told stopped the run: "terminated" (SIGTERM) or "interrupted" (Ctrl-C)."""
    return "terminated" if isinstance(interrupt, Terminated) else "interrupted"
