"""paiban's regular expressions, compiled once per installation instead of once per process.

Python's ``re`` compiles a character class by setting every code point of its ranges one by
one, in Python: a class of Chinese characters (U+3400–U+4DBF, U+4E00–U+9FFF and kin, some 28,000
code points) costs 1–3 ms, and paiban's patterns hold dozens of them. Compiling them took about
0.11 s of every command's start, a fifth of an EPUB rebuild after a one-character edit.

The compiled program is a list of integers, which :func:`compile` keeps in the user's cache
directory (``$XDG_CACHE_HOME/paiban``, else ``~/.cache/paiban``) and hands to the regular
expression engine as ``re`` itself does. It is stored with :mod:`marshal` (loading it runs no
code) in a file named for the Python version and the engine's format, keyed by each pattern's text
and flags, so no stale program is ever used; the engine validates a program before it takes it,
and a pattern whose stored program it refuses is compiled afresh. Without a writable cache
directory everything works as before, at the old cost.

Each program's integers are stored as the bytes of an array of the engine's code words, made a
list again as the pattern is compiled: marshal reads a list of integers an object at a time, and
paiban's 50,000 took 20 ms of every command's start; their bytes take a tenth of a millisecond.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
from pathlib import Path

import _sre
from array import array
from re import _compiler, _parser

from .atomic import atomic_output

# What ``_sre.compile`` takes after the pattern: flags, code, last group, group names, group of each index.
# flags, code (the bytes of an array of :data:`WORD`), groups, group names' numbers, numbers' names
Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
# The array type code of the engine's code words (the size ``_sre.CODESIZE`` gives).
WORD = next(code for code in "IL" if array(code).itemsize == _sre.CODESIZE)

# Past this many stored programs, a save keeps only those its process used: after upgrades of
# paiban, a store of every pattern it ever had would only grow.
MOST_KEPT = 2000


def store() -> Path | None:
    """The file the programs are kept in; ``None`` where no home directory is known (a user with no
    passwd entry: ``~`` stays ``~``, which would be a directory of that name where paiban runs)."""
    given = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(given if os.path.isabs(given) else os.path.expanduser("~/.cache"))  # a relative one is void
    if not base.is_absolute():
        return None
    return base / "paiban" / f"patterns-{sys.implementation.cache_tag}-{_sre.MAGIC}-{WORD}.marshal"


def _load(path: Path | None) -> dict[tuple[str, int], Program]:
    """The stored programs: none from a file another user could have written (a cache directory
    shared by mistake), which paiban would otherwise hand to the regular expression engine."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as stored:
            status = os.fstat(stored.fileno())
            if status.st_uid != os.getuid() or status.st_mode & 0o022:
                return {}
            kept = marshal.load(stored)
    except Exception:  # noqa: BLE001  missing, unreadable or damaged: compiled afresh, and written again
        return {}
    return kept if isinstance(kept, dict) else {}


_kept = _load(store())
_used: dict[tuple[str, int], Program] = {}  # by this process
_fresh: set[tuple[str, int]] = set()  # compiled by this process, not found stored


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 (a drop-in for re.compile)
    """``re.compile(pattern, flags)``, from the stored program when there is one."""
    key = (pattern, int(flags))
    if (program := _kept.get(key)) is not None:
        try:
            compiled = _engine(pattern, program)
        except Exception:  # noqa: BLE001  refused or damaged (an OverflowError too): compiled afresh below
            pass
        else:
            _used[key] = program
            return compiled
    program = _program(pattern, key[1])
    if not _fresh:
        atexit.register(save)
    _fresh.add(key)
    _used[key] = _kept[key] = program
    return _engine(pattern, program)


def _engine(pattern: str, program: Program) -> re.Pattern[str]:
    """The pattern the engine makes of a program, its code words a list again."""
    flags, code, *rest = program
    return _sre.compile(pattern, flags, array(WORD, code).tolist(), *rest)


def _program(pattern: str, flags: int) -> Program:
    """What ``re.compile`` hands the engine for ``pattern`` (the steps of ``re._compiler.compile``)."""
    parsed = _parser.parse(pattern, flags)
    code = array(WORD, _compiler._code(parsed, flags)).tobytes()
    names = parsed.state.groupdict
    index: list[str | None] = [None] * parsed.state.groups
    for name, number in names.items():
        index[number] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(names), tuple(index)


def save() -> None:
    """Write the programs (at exit, once a pattern was compiled afresh), atomically: another
    paiban may be reading or writing them. A cache directory that cannot be written is left alone."""
    kept, path = _kept if len(_kept) <= MOST_KEPT else _used, store()
    if path is None:
        return
    try:
        with atomic_output(path) as partial:
            partial.write_bytes(marshal.dumps(kept))
    except (OSError, ValueError):
        pass
