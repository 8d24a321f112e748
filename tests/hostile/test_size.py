"""Size: a huge paragraph lays out; a chapter of 8,000 paragraphs builds; a 50 MB article and a
2,000-article book build within a memory bound.

The two big builds take minutes, so they are marked ``slow`` and left out of the default
run; run them with ``.venv/bin/pytest -m slow tests/hostile/test_size.py``. Peak memory is
the build subprocess's maximum resident set size.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import paiban

from conftest import SEED, epub_text, make_book, pdf_page_texts

# Peak resident memory allowed for each big build (EPUB).
MEMORY_BOUND_MB = {"50 MB article": 1000, "2,000 articles": 400}  # measured: 562 and 164


def test_a_100000_character_paragraph_lays_out_in_the_pdf(tmp_path):
    sentence = "这是一个很长的段落，没有任何换行。"
    paragraph = (sentence * (100_000 // len(sentence) + 1))[:100_000]
    root = make_book(tmp_path / "b", {"a.md": f"# 长段\n\n{paragraph}\n"})
    [pdf] = paiban.build(root, formats=["pdf"])
    text = "".join("".join(page.split()) for page in pdf_page_texts(pdf.path))
    assert pdf.pages > 100
    # Every sentence is there, but for the few a page break (running head, folio) cuts in two.
    assert text.count("没有任何换行") >= 0.97 * (100_000 // len(sentence))


def test_a_letter_over_8000_paragraphs_builds_with_its_salutation(tmp_path):
    """Where a letter may open was an XPath that libxml2 answered by reading, for each paragraph,
    every sibling before it: a chapter of 8,000 paragraphs took minutes in one C call that SIGTERM
    could not stop, and an OCR'd novel's .txt of 20,000 pages never ended. The build runs in a
    subprocess, so that the timeout ends the one that hangs instead of the test run."""
    paragraphs = "\n\n".join(f"第{number}段。" for number in range(8000))
    root = make_book(tmp_path / "b", {"a.md": f"# 家书\n\n亲爱的云：\n\n{paragraphs}\n\n此致  \n敬礼！\n"})
    subprocess.run([sys.executable, "-m", "paiban", "build", str(root), "-f", "epub"],
                   check=True, capture_output=True, timeout=120)
    assert '<p class="salutation">亲爱的云：</p>' in epub_text(root / "build" / "b.epub")


# Run in a fresh interpreter, which reports its own peak (RUSAGE_CHILDREN would be the peak of
# every child this test process ever had).
_MEASURED = ("import resource, sys, paiban; "
             "paiban.build(sys.argv[1], formats=sys.argv[2].split(','), allow_missing_glyphs=True); "
             "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")


def peak_build(root: Path, formats: str) -> int:
    """Build in a subprocess; return its peak resident memory in MB."""
    result = subprocess.run([sys.executable, "-c", _MEASURED, str(root), formats], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split()[-1])


@pytest.mark.slow
def test_a_50_mb_article_builds_within_the_memory_bound(tmp_path):
    paragraph = SEED.read_text(encoding="utf-8").replace("\n", "") + "\n\n"
    repeats = 50_000_000 // len(paragraph.encode()) + 1
    root = make_book(tmp_path / "big", {"a.md": "# 巨文\n\n" + paragraph * repeats})
    assert (root / "a.md").stat().st_size > 50_000_000
    peak = peak_build(root, "epub")
    print(f"50 MB article: EPUB peak {peak} MB")
    assert peak < MEMORY_BOUND_MB["50 MB article"]
    with zipfile.ZipFile(root / "build" / "big.epub") as archive:
        assert archive.getinfo("EPUB/c1.xhtml").file_size > 50_000_000


@pytest.mark.slow
def test_a_book_of_2000_articles_builds_within_the_memory_bound(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    root = make_book(tmp_path / "many", {f"{n // 100:02d}-卷{n // 100}/{n:04d}.txt": seed for n in range(2000)})
    peak = peak_build(root, "epub")
    print(f"2,000 articles: EPUB peak {peak} MB")
    assert peak < MEMORY_BOUND_MB["2,000 articles"]
    with zipfile.ZipFile(root / "build" / "many.epub") as archive:
        assert sum(archive.read(name).count(b'class="article"') for name in archive.namelist()
                   if name.endswith(".xhtml")) >= 2000
