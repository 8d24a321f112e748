"""What a rebuild after editing one article costs, as a share of the cold build: EPUB and PDF.

    python benchmarks/rebuild.py [--chars 350000] [--chapters 40] [--repeat 3]

A book of about 230 articles (benchmarks/bigbook.py, the sample book's text) is built cold
into a fresh directory, then one article in the middle is edited and the book built again,
with the cache the first build left. Two edits:

- a typo fixed (one character for another: the text keeps its length, so no page moves);
- two pages of text added (chapters open on right-hand pages, so a piece that grows by one page
  may only fill the blank page before the next one; two always move every piece after it to
  another page, and those get their margins made again).

Each build is a whole ``paiban build`` process, as a user runs it (interpreter start and
imports included); then the same inside one process that stays, as ``paiban serve --format
epub,pdf`` does, where imports are paid once. Prints seconds and the rebuild's share
of the cold build (targets: EPUB ≤ 25 %, PDF ≤ 30 %) and the peak memory of the cold PDF
build's whole process tree (target: under 1 GB). Run by hand on an idle machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bigbook import make_book
from measure import run

import paiban

PAIBAN = [sys.executable, "-m", "paiban"]


def edits(book: Path) -> list[tuple[str, Callable[[], None]]]:
    """The edits, each a (name, function that makes it) on the same article."""
    articles = sorted(book.glob("*/*.md"))
    article = articles[len(articles) // 2]

    def typo() -> None:
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace("的", "地", 1), encoding="utf-8")

    def pages() -> None:
        with article.open("a", encoding="utf-8") as out:  # an A5 page holds about 750 characters
            out.write("".join("\n\n" + "编辑在校样上补写的一段。" * 10 for _ in range(17)) + "\n")

    return [("a typo fixed", typo), ("two pages added", pages)]


def whole_processes(book: Path, fmt: str, output: Path, repeat: int) -> None:
    """A cold build, then each edit and a rebuild with the cache it left, ``repeat`` times over
    (the PDF once): each rebuild's share is of the cold build just before it, and the medians
    are printed. Interleaved, the machine's drift (what else it runs) weighs on both alike:
    measured apart, every cold build first, the same tree gave 23 % one run and 33 % the next."""
    runs = repeat if fmt == "epub" else 1
    tree = fmt == "pdf"

    def build(into: Path) -> tuple[float, float]:
        seconds, peak, _ = run([*PAIBAN, "build", str(book), "-f", fmt, "-q", "-o", str(into)], tree=tree)
        return seconds, peak

    colds, peaks = [], []
    rebuilds: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in edits(book)}
    for number in range(runs):
        into = output / f"cold-{number}"
        cold, peak = build(into)
        colds.append(cold)
        peaks.append(peak)
        for name, edit in edits(book):
            edit()
            warm = build(into)[0]
            rebuilds[name].append((warm, warm / cold))
    print(f"{fmt.upper()} cold: {statistics.median(colds):6.2f} s"
          + (f", peak {max(peaks):.0f} MB (target < 1024 MB)" if tree else "")
          + (f" (median of {runs})" if runs > 1 else ""))
    target = 25 if fmt == "epub" else 30
    for name, measured in rebuilds.items():
        warm, share = (statistics.median(values) for values in zip(*measured, strict=True))
        print(f"{fmt.upper()} after {name}: {warm:6.2f} s = {share:4.0%} of the cold build before it "
              f"(target ≤ {target} %)")


def resident(book: Path, fmt: str, output: Path) -> None:
    def seconds() -> float:
        started = time.perf_counter()
        paiban.build(book, formats=[fmt], output=output)
        return time.perf_counter() - started

    cold = seconds()
    for name, edit in edits(book):
        edit()
        warm = seconds()
        print(f"{fmt.upper()} in a resident process: cold {cold:.2f} s, after {name} {warm:.2f} s "
              f"= {warm / cold:4.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=350_000)
    parser.add_argument("--chapters", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3, help="EPUB runs per figure (their median)")
    parser.add_argument("--formats", default="epub,pdf", help="which to measure (the PDF takes minutes)")
    arguments = parser.parse_args()
    formats = [fmt for fmt in ("epub", "pdf") if fmt in arguments.formats.split(",")]
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        for fmt in formats:
            book = make_book(work / fmt, arguments.chars, arguments.chapters)
            print(f"book: {arguments.chars:,} characters, {len(list(book.glob('*/*.md')))} articles")
            whole_processes(book, fmt, work / f"{fmt}-out", arguments.repeat)
        for fmt in formats:
            resident(make_book(work / f"resident-{fmt}", arguments.chars, arguments.chapters), fmt,
                     work / f"resident-{fmt}-out")


if __name__ == "__main__":
    main()
