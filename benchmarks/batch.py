"""How fast `paiban batch` builds a catalogue, on one and two local processes and on Dask.

    python benchmarks/batch.py [--books 100] [--chars 50000] [--chapters 10] [--formats epub,pdf]

Makes a catalogue of BOOKS books of about CHARS characters each from the sample book's text
(benchmarks/bigbook.py), two editions each (the source, and s2tw), then builds it three times,
each into a fresh directory so nothing is skipped:

- ``--jobs 1`` and ``--jobs 2`` on the local process pool (target: 2 jobs ≥ 1.8× faster);
- a Dask cluster of two single-threaded worker processes on 127.0.0.1, already running as a
  user's cluster would be, with Dask's profiler off as the README advises (target: within 15 %
  of ``--jobs 2``).

Prints books per minute, PDF pages per second, and each worker's peak RSS with the RSS after
its first task, to show whether memory stays bounded. Run by hand; never part of the tests.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import dask
from bigbook import make_book
from distributed import LocalCluster

from paiban.batch import BUILT, Result, run_batch

BOOK_TOML = '''[book]
title = "样书{number:03d}"
authors = ["paiban 编辑部"]

[[editions]]
name = "cn"

[[editions]]
name = "tw"
convert = "s2tw"
'''


def make_catalogue(directory: Path, books: int, characters: int, chapters: int) -> Path:
    for number in range(1, books + 1):
        book = make_book(directory / f"book{number:03d}", characters, chapters)
        (book / "book.toml").write_text(BOOK_TOML.format(number=number), encoding="utf-8")
    return directory


def timed(label: str, books: int, **options) -> tuple[float, list[Result]]:
    started = time.perf_counter()
    results = run_batch(**options)
    seconds = time.perf_counter() - started
    failed = [result for result in results if result.status != BUILT]
    assert not failed, failed[0]
    pages = sum(result.pages or 0 for result in results)
    print(f"{label:>10}: {seconds:7.1f} s  {len(results)} outputs  {books / seconds * 60:6.1f} books/min  "
          f"{pages / seconds:6.1f} PDF pages/s ({pages} pages)")
    return seconds, results


def memory(label: str, results: list[Result]) -> None:
    by_worker: dict[str, list[float]] = defaultdict(list)
    for result in results:
        by_worker[result.worker].append(result.worker_peak_rss_mb)
    for worker, rss in sorted(by_worker.items()):
        print(f"{label:>10}: worker {worker}: {len(rss)} tasks, peak RSS {rss[0]:.0f} MB after the first, "
              f"{max(rss):.0f} MB at most")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=100)
    parser.add_argument("--chars", type=int, default=50_000)
    parser.add_argument("--chapters", type=int, default=10)
    parser.add_argument("--formats", default="epub,pdf")
    arguments = parser.parse_args()
    formats = arguments.formats.split(",")
    with tempfile.TemporaryDirectory() as scratch:
        catalogue = make_catalogue(Path(scratch) / "catalogue", arguments.books, arguments.chars, arguments.chapters)
        runs = {}
        for jobs in (1, 2):
            runs[jobs], results = timed(f"--jobs {jobs}", arguments.books, catalog=catalogue,
                                        output=Path(scratch) / f"jobs{jobs}", formats=formats, jobs=jobs)
            memory(f"--jobs {jobs}", results)
        # The README's worker setting: Dask's profiler slows paiban's tasks (see paiban.pools).
        with dask.config.set({"distributed.worker.profile.enabled": False}), LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=None) as cluster:
            on_dask, results = timed("dask x2", arguments.books, catalog=catalogue, output=Path(scratch) / "dask",
                                  formats=formats, scheduler=cluster.scheduler_address)
        memory("dask x2", results)
    print(f"--jobs 2 is {runs[1] / runs[2]:.2f}x faster than --jobs 1 (target >= 1.8)")
    print(f"dask x2 takes {on_dask / runs[2] - 1:+.1%} of --jobs 2's time (target within 15 %)")


if __name__ == "__main__":
    main()
