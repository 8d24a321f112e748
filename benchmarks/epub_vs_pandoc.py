"""How fast paiban makes an EPUB, against Pandoc on the same text, cold and after a one-article edit.

    python benchmarks/epub_vs_pandoc.py [--chars 1600000] [--chapters 221] [--articles-book-chapters 40]

1. A book of CHARS Chinese characters in CHAPTERS chapters (benchmarks/bigbook.py, the sample
   book's text): ``paiban build -f epub --no-cache`` against ``pandoc`` on the same Markdown
   files, each a process of its own; prints the seconds and peak RSS of each and the ratio
   (target: paiban at least 5× faster).
2. A book of 200 articles: a cold EPUB build, then one article changed and the book built
   again with the cache; prints the rebuild as a share of the cold build (target: ≤ 25 %).

Times are wall-clock seconds of whole processes (interpreter start and imports included), as a
user sees them. Run by hand; never part of the tests. Needs Debian's pandoc.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bigbook import make_book

PAIBAN = [sys.executable, "-m", "paiban"]


def run(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return (seconds, peak RSS in MB) of the process and its children."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    assert os.waitstatus_to_exitcode(status) == 0, command
    return seconds, usage.ru_maxrss / 1024


def articles(book: Path) -> list[Path]:
    return sorted(book.glob("*/*.md"))


def against_pandoc(work: Path, characters: int, chapters: int) -> None:
    book = make_book(work / "big", characters, chapters)
    sources = articles(book)
    print(f"book: {characters:,} characters, {chapters} chapters, {len(sources)} articles")
    paiban_s, paiban_mb = run([*PAIBAN, "build", str(book), "-f", "epub", "-q", "--no-cache",
                               "-o", str(work / "paiban")])
    pandoc_s, pandoc_mb = run(["pandoc", "--quiet", "--toc", "--metadata", "title=大书",
                               "-o", str(work / "pandoc.epub"), *map(str, sources)])
    print(f"paiban EPUB (cold, no cache): {paiban_s:6.1f} s  {paiban_mb:6.0f} MB peak")
    print(f"pandoc EPUB:                  {pandoc_s:6.1f} s  {pandoc_mb:6.0f} MB peak")
    print(f"paiban is {pandoc_s / paiban_s:.1f}× faster (target ≥ 5×)")


def rebuild_after_one_change(work: Path) -> None:
    book = make_book(work / "two-hundred", 350_000, 40)
    sources = articles(book)
    output = work / "rebuild"
    cold, _ = run([*PAIBAN, "build", str(book), "-f", "epub", "-q", "-o", str(output)])
    edited = sources[len(sources) // 2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\n改过的一段。\n", encoding="utf-8")
    warm, _ = run([*PAIBAN, "build", str(book), "-f", "epub", "-q", "-o", str(output)])
    print(f"{len(sources)} articles: cold EPUB {cold:.1f} s, after one article changed {warm:.1f} s "
          f"= {warm / cold:.0%} of the cold build (target ≤ 25 %)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_600_000)
    parser.add_argument("--chapters", type=int, default=221)
    arguments = parser.parse_args()
    if shutil.which("pandoc") is None:
        sys.exit("pandoc is not installed (apt-get install pandoc)")
    with tempfile.TemporaryDirectory() as directory:
        against_pandoc(Path(directory), arguments.chars, arguments.chapters)
        rebuild_after_one_change(Path(directory))
