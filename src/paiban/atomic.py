"""Outputs land atomically: written beside the target under a temporary name, then renamed.

A failed or killed build therefore never leaves a half-written EPUB or PDF over a good one.
A build killed with SIGKILL cannot remove its temporary file; the next write of the same
target does. The temporary name carries the writer's process id, so a build never removes
the file of another build still running beside it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``, on error it vanishes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    with temporary_file(target.parent, f".{target.name}.{os.getpid()}.") as (handle, temporary):
        os.close(handle)
        yield temporary
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)


@contextlib.contextmanager
def temporary_file(directory: Path, prefix: str) -> Iterator[tuple[int, Path]]:
    """A new file ``prefix…part`` in ``directory`` (its open descriptor and its path), removed when
    the block ends, however it ends (left alone once renamed). SIGTERM is held while it is made: a
    batch worker whose driver is gone is stopped by one (pools._stop_if_orphaned), and raised
    between the file's making and the block's start it left the file behind."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        handle, name = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=".part")
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a SIGTERM held comes now, inside the try
        yield handle, Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def remove_stale(target: Path) -> list[Path]:
    """Remove the temporary files of ``target`` left by writers that no longer run; return them."""
    prefix = f".{target.name}."
    stale = []
    for name in glob.glob(glob.escape(str(target.parent / prefix)) + "*.part"):
        writer = Path(name).name[len(prefix):].split(".")[0]
        if not (writer.isdigit() and process_running(int(writer))):
            Path(name).unlink(missing_ok=True)
            stale.append(Path(name))
    return stale


def process_running(pid: int) -> bool:
    """Whether process ``pid`` exists (a zombie, exited but not yet waited for, counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
