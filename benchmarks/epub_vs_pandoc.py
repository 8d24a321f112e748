"""How fast paiban makes an EPUB of a big book, against Pandoc on the same text.

    python benchmarks/epub_vs_pandoc.py [--chars 1600000] [--chapters 221]

A book of CHARS Chinese characters in CHAPTERS chapters (benchmarks/bigbook.py, the sample
book's text): ``paiban build -f epub --no-cache`` against ``pandoc`` on the same Markdown files,
each a process of its own; prints the seconds and peak RSS of each and the ratio (target:
paiban at least 5× faster). benchmarks/rebuild.py measures rebuilds after an edit.

Times are wall-clock seconds of whole processes (interpreter start and imports included), as a
user sees them. Run by hand; never part of the tests. Needs Debian's pandoc.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bigbook import make_book
from measure import run

PAIBAN = [sys.executable, "-m", "paiban"]


def articles(book: Path) -> list[Path]:
    return sorted(book.glob("*/*.md"))


def against_pandoc(work: Path, characters: int, chapters: int) -> None:
    book = make_book(work / "big", characters, chapters)
    sources = articles(book)
    print(f"book: {characters:,} characters, {chapters} chapters, {len(sources)} articles")
    paiban_s, paiban_mb, _ = run([*PAIBAN, "build", str(book), "-f", "epub", "-q", "--no-cache",
                               "-o", str(work / "paiban")], tree=True)  # its read workers too
    pandoc_s, pandoc_mb, _ = run(["pandoc", "--quiet", "--toc", "--metadata", "title=大书",
                               "-o", str(work / "pandoc.epub"), *map(str, sources)])
    print(f"paiban EPUB (cold, no cache): {paiban_s:6.1f} s  {paiban_mb:6.0f} MB peak")
    print(f"pandoc EPUB:                  {pandoc_s:6.1f} s  {pandoc_mb:6.0f} MB peak")
    print(f"paiban is {pandoc_s / paiban_s:.1f}× faster (target ≥ 5×)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_600_000)
    parser.add_argument("--chapters", type=int, default=221)
    arguments = parser.parse_args()
    if shutil.which("pandoc") is None:
        sys.exit("pandoc is not installed (apt-get install pandoc)")
    with tempfile.TemporaryDirectory() as directory:
        against_pandoc(Path(directory), arguments.chars, arguments.chapters)
