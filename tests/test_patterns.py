"""paiban's patterns compiled once per installation: the stored programs are used, match as
``re``'s do, and a store that is corrupt, refused or unwritable costs only time."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from array import array
from pathlib import Path

from paiban import patterns

# Run in a process of its own with the cache directory given: how many of paiban's patterns
# (those the build's modules compile as they load) it compiled afresh, and how many it took stored.
_COUNT = """
import json, paiban.build, paiban.patterns as p
print(json.dumps({"fresh": len(p._fresh), "used": len(p._used)}))
"""


def _counts(cache: Path, **env: str) -> dict[str, int]:
    answer = subprocess.run([sys.executable, "-c", _COUNT], env={**os.environ, "XDG_CACHE_HOME": str(cache), **env},
                            capture_output=True, text=True, check=True, cwd=cache if cache.is_dir() else None)
    return json.loads(answer.stdout)


def _store(cache: Path) -> Path:
    return next((cache / "paiban").glob("patterns-*.marshal"))


def test_a_second_process_compiles_none_of_the_patterns_the_first_stored(tmp_path):
    first = _counts(tmp_path)
    assert first["fresh"] == first["used"] > 50  # the punctuation rules and the rest, all compiled
    assert _store(tmp_path).stat().st_size > 10_000
    second = _counts(tmp_path)
    assert second == {"fresh": 0, "used": first["used"]}


def test_programs_are_stored_as_bytes(tmp_path):
    """Each program's code words as the bytes of an array, not a list of integers: marshal reads
    such a list an object at a time, 20 ms of every command's start for paiban's patterns."""
    _counts(tmp_path)
    kept = marshal.loads(_store(tmp_path).read_bytes())
    assert len(kept) > 50 and all(isinstance(code, bytes) for _, code, *_ in kept.values())


def test_a_stored_program_matches_as_re_compiles_it(tmp_path, monkeypatch):
    pattern, flags = r"(?<=[\u4e00-\u9fff])(?P<mark>[,.!?]+)(?=[\u4e00-\u9fff]|$)", re.IGNORECASE
    monkeypatch.setattr(patterns, "_kept", {(pattern, int(flags)): patterns._program(pattern, int(flags))})
    monkeypatch.setattr(patterns, "_fresh", set())
    stored, fresh = patterns.compile(pattern, flags), re.compile(pattern, flags)
    assert not patterns._fresh  # taken from the store
    text = "天亮了,我们走!好?Done. 山路很长...到了"
    assert [m.span("mark") for m in stored.finditer(text)] == [m.span("mark") for m in fresh.finditer(text)] != []
    assert (stored.flags, stored.groupindex, stored.groups) == (fresh.flags, fresh.groupindex, fresh.groups)


def test_a_corrupt_store_is_compiled_afresh_and_written_again(tmp_path):
    _counts(tmp_path)
    _store(tmp_path).write_bytes(b"\x00garbage" * 100)
    counts = _counts(tmp_path)
    assert counts["fresh"] == counts["used"] > 50
    assert isinstance(marshal.loads(_store(tmp_path).read_bytes()), dict)
    assert _counts(tmp_path)["fresh"] == 0


def test_a_program_the_engine_refuses_is_compiled_afresh(monkeypatch):
    pattern = r"[\u3400-\u4dbf\u4e00-\u9fff]+"
    flags, code, *rest = patterns._program(pattern, 0)
    refused = array(patterns.WORD, [9999]).tobytes() + code[patterns._sre.CODESIZE:]
    monkeypatch.setattr(patterns, "_kept", {(pattern, 0): (flags, refused, *rest)})
    monkeypatch.setattr(patterns, "_fresh", set())
    assert patterns.compile(pattern).findall("abc汉字def") == ["汉字"]
    assert patterns._fresh == {(pattern, 0)}


def test_an_unwritable_cache_directory_costs_only_time(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    counts = _counts(blocked)
    assert counts["fresh"] == counts["used"] > 50
    assert blocked.read_text() == "not a directory"


def test_no_store_where_no_home_directory_is_known(tmp_path):
    """A relative cache directory is void (XDG's rule), and a home that is no absolute path (a user
    without a passwd entry) gives none: nothing is written where paiban runs."""
    counts = _counts(tmp_path, XDG_CACHE_HOME="relative", HOME="nowhere")
    assert counts["fresh"] == counts["used"] > 50
    assert list(tmp_path.iterdir()) == []


def test_a_stored_program_that_breaks_the_engine_is_compiled_afresh(tmp_path):
    """A program of numbers too large for the engine raised OverflowError as paiban started: every
    command failed, and the store was never written again."""
    _counts(tmp_path)
    kept = marshal.loads(_store(tmp_path).read_bytes())
    _store(tmp_path).write_bytes(marshal.dumps({key: (32, [2**70], 0, {}, ()) for key in kept}))
    counts = _counts(tmp_path)
    assert counts["fresh"] == counts["used"] > 50
    assert _counts(tmp_path)["fresh"] == 0


def test_a_store_others_may_write_is_not_loaded(tmp_path):
    """A store another user could have written (a cache directory shared by mistake) is not handed
    to the engine: compiled afresh."""
    _counts(tmp_path)
    _store(tmp_path).chmod(0o666)
    counts = _counts(tmp_path)
    assert counts["fresh"] == counts["used"] > 50
