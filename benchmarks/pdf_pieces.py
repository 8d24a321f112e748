"""The PDF of a book of a million characters: one WeasyPrint pass against paiban's pieces.

    python benchmarks/pdf_pieces.py [--chars 1000000] [--chapters 200]

Both run in fresh processes on the same HTML and CSS (paiban's own templates), one after the
other; each reports wall time and the peak memory of its process tree. Run by hand on an
otherwise idle machine: the ratio is the figure, not the seconds. Target: pieces ≥ 2× faster,
peak memory no higher than the single pass.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from bigbook import make_book
from measure import run

from paiban.render.pieces import PIECE_CHARACTERS

RUN = """
import json, sys, time
from pathlib import Path
from paiban.assemble import assemble
from paiban.config import load_config
from paiban.convert import make_edition
from paiban.edition import editions_for
from paiban.page import page_geometry
from paiban.render.pdf import render_pdf
from paiban.theme import Theme
loaded = load_config(Path(sys.argv[1]))
edition = editions_for(loaded.config)[0]
book = make_edition(assemble(loaded), edition)
started = time.perf_counter()
output = render_pdf(book, edition, Theme(book.root), Path(sys.argv[2]), page_geometry(loaded),
                    piece_characters=int(sys.argv[3]))
print(json.dumps({"seconds": time.perf_counter() - started, "pages": output.pages}))
"""


def measure(book: Path, target: Path, piece_characters: int) -> dict:
    """Render in a child process; its layout time, pages and the peak memory of its whole
    process tree (workers run at the same time, so their memory adds up)."""
    _, peak, printed = run([sys.executable, "-c", RUN, str(book), str(target), str(piece_characters)],
                           tree=True, capture=True)
    return {**json.loads(printed.strip().splitlines()[-1]), "peak_mb": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--chapters", type=int, default=200)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        book = make_book(Path(directory) / "book", arguments.chars, arguments.chapters)
        pieced = measure(book, Path(directory) / "pieced.pdf", PIECE_CHARACTERS)
        single = measure(book, Path(directory) / "single.pdf", 10**12)
    for name, result in (("single pass", single), ("pieces", pieced)):
        print(f"{name:12} {result['pages']:5d} pages  layout+write {result['seconds']:6.1f} s  "
              f"peak {result['peak_mb']:6.0f} MB")
    print(f"pieces are {single['seconds'] / pieced['seconds']:.2f}× the speed of the single pass")


if __name__ == "__main__":
    main()
