"""Outputs land atomically: written beside the target under a temporary name, then renamed.

A failed or killed build therefore never leaves a half-written EPUB or PDF over a good one.
A build killed with SIGKILL cannot remove its temporary file; the next write of the same
target does. The temporary name carries the writer's process id, so a build never removes
the file of another build still running beside it. So does the name of the directory beside
it where a PDF is laid out in pieces: the next build into that directory removes one whose
build is gone.

An output gets the mode ``open()`` gives a new file (0666 less the umask), or keeps the mode of
the file it replaces: every output was 0644, world-readable under ``umask 077`` (an unpublished
book on a shared build server), and a group's 0660 output lost its group's write.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import secrets
import shutil
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

# The longest file name, in bytes, on the file systems a book is built on (ext4, XFS, Btrfs, APFS).
NAME_MAX = 255
_RANDOM_BYTES = 4  # written in hex: 8 characters
# What a temporary name adds after its target's prefix: the writer's process id (7 digits at most,
# Linux's highest pid_max being 2**22), a dot, the random part and ".part".
_AFTER_PREFIX = 7 + len(".") + 2 * _RANDOM_BYTES + len(".part")
# The directory a PDF is laid out in pieces in (render/pieces.py), beside the PDF: named here, where
# a build and `paiban clean` find those left behind without loading the renderer.
PIECES = ".paiban-pieces-"


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``, on error it vanishes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    with temporary_file(target.parent, f"{temporary_prefix(target.name)}{os.getpid()}.") as (handle, temporary):
        os.close(handle)
        yield temporary
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        _keep_mode(target, temporary)
        os.replace(temporary, target)


def temporary_prefix(name: str) -> str:
    """``.<name>.``: how the temporary files of an output called ``name`` begin, what
    :func:`remove_stale` and ``paiban clean`` look for. A name too long to leave room for the rest
    of a temporary name is cut (at a character): a slug of 76 Chinese characters made an output
    name of 236 bytes, which a file may have, and a temporary name of 258, which it may not."""
    while len(os.fsencode(f".{name}.")) > NAME_MAX - _AFTER_PREFIX:
        name = name[:-1]
    return f".{name}."


def _keep_mode(target: Path, temporary: Path) -> None:
    """Give ``temporary`` the mode of the ``target`` it replaces, if there is one (a new output
    keeps the mode it was made with)."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return
    os.chmod(temporary, mode)


@contextlib.contextmanager
def temporary_file(directory: Path, prefix: str) -> Iterator[tuple[int, Path]]:
    """A new file ``prefix…part`` in ``directory`` (its open descriptor and its path), removed when
    the block ends, however it ends (left alone once renamed). SIGTERM is held while it is made: a
    batch worker whose driver is gone is stopped by one (pools._stop_if_orphaned), and raised
    between the file's making and the block's start it left the file behind."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        handle, name = _create(directory, prefix)
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a SIGTERM held comes now, inside the try
        yield handle, Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def _create(directory: Path, prefix: str) -> tuple[int, str]:
    """Make and open a file of an unused name ``prefix<random>.part`` in ``directory``, as ``open()``
    makes a file: with the mode the umask (or the directory's default ACL) allows of 0666.
    ``tempfile.mkstemp`` made it 0600 whatever the umask. As many tries as mkstemp's."""
    for _ in range(tempfile.TMP_MAX):
        name = os.path.join(directory, f"{prefix}{secrets.token_hex(_RANDOM_BYTES)}.part")
        try:
            return os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(directory))


def remove_stale(target: Path) -> list[Path]:
    """Remove the temporary files of ``target`` left by writers that no longer run; return them."""
    prefix = temporary_prefix(target.name)
    stale = []
    for name in glob.glob(glob.escape(str(target.parent / prefix)) + "*.part"):
        if _left_behind(Path(name).name, prefix):
            Path(name).unlink(missing_ok=True)
            stale.append(Path(name))
    return stale


@contextlib.contextmanager
def pieces_directory(parent: Path) -> Iterator[Path]:
    """A new directory ``.paiban-pieces-<pid>.<random>`` in ``parent`` for the pieces of a PDF,
    removed with them when the block ends (one that a build killed with SIGKILL left, the next
    build removes: see :func:`remove_stale_pieces`)."""
    directory = Path(tempfile.mkdtemp(prefix=f"{PIECES}{os.getpid()}.", dir=parent))
    try:
        yield directory
    finally:
        shutil.rmtree(directory)


def remove_stale_pieces(parent: Path) -> None:
    """Remove the :func:`pieces_directory` directories in ``parent`` of builds that no longer run:
    killed with SIGKILL (the OOM killer's signal), they left a PDF's pieces, megabytes of a book's
    text, in the output directory for good, one more at each kill."""
    for stale in stale_pieces(parent):
        shutil.rmtree(stale, ignore_errors=True)  # (a build starting beside this one may be removing it too)


def stale_pieces(parent: Path) -> list[Path]:
    """The :func:`pieces_directory` directories in ``parent`` whose builds no longer run."""
    return [path for path in parent.glob(f"{PIECES}*")
            if path.is_dir() and not path.is_symlink() and _left_behind(path.name, PIECES)]


def _left_behind(name: str, prefix: str) -> bool:
    """Whether ``name``, a writer's temporary ``<prefix><pid>.…``, was left by a writer that no longer
    runs (or whose name carries no process id: an older paiban's)."""
    writer = name[len(prefix):].split(".")[0]
    return not (writer.isdigit() and process_running(int(writer)))


def process_running(pid: int) -> bool:
    """Whether process ``pid`` exists (a zombie, exited but not yet waited for, counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
