"""Make a large book project from the sample book's own text (never outside text), for benchmarks.

    python benchmarks/bigbook.py DIR [--chars 1000000] [--chapters 200]

Chapters are made of the sample articles repeated, so the layout work is real prose:
paragraphs, subheadings, quotes, footnotes. Each opens with a line naming its place, so no two
are the same text (the build warns of an article printed twice).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "book"


def sample_texts() -> list[str]:
    """The sample articles as Markdown bodies (the seed's plain text becomes paragraphs)."""
    texts = []
    for path in sorted(SAMPLE.rglob("*")):
        if path.suffix == ".md":
            body = path.read_text(encoding="utf-8").split("---", 2)[-1]
            texts.append(re.sub(r"^# .*\n", "", body))
        elif path.suffix == ".txt":
            lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()[1:]]
            texts.append("\n\n".join(line for line in lines if line and "扫一扫" not in line))
    return texts


def make_book(directory: Path, characters: int, chapters: int) -> Path:
    texts = sample_texts()
    per_chapter = characters // chapters
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "book.toml").write_text(
        '[book]\ntitle = "大书"\nauthors = ["paiban 编辑部"]\nchapter-numbers = true\n', encoding="utf-8")
    for number in range(1, chapters + 1):
        folder = directory / f"{number:03d}-第{number}部分"
        folder.mkdir(exist_ok=True)
        written, article = 0, 0
        while written < per_chapter:
            text = texts[(number + article) % len(texts)]
            article += 1
            (folder / f"{article:02d}.md").write_text(
                f"# 第{number}部分之{article}\n\n本篇是第{number}部分的第{article}篇。\n\n{text}", encoding="utf-8")
            written += len(text)
    return directory


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--chapters", type=int, default=200)
    arguments = parser.parse_args()
    make_book(arguments.directory, arguments.chars, arguments.chapters)
