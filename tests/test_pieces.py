"""A PDF laid out in pieces on several cores is the same book as the single pass: every page's
text, the folios, the outline, the contents' numbers and links, the page map for the EPUB."""

import re
import subprocess

import pytest
from pypdf import PdfReader

from paiban.assemble import assemble
from paiban.cache import NO_SHELF, BuildCache
from paiban.config import load_config
from paiban.convert import make_edition
from paiban.edition import editions_for
from paiban.page import page_geometry
from paiban.render import pieces
from paiban.render.pdf import render_pdf
from paiban.theme import Theme

from conftest import SEED, make_book, outline

SEED_TEXT = SEED.read_text(encoding="utf-8")


ARTICLES = {
    "前言.md": "# 前言\n\n这是前言[^1]。\n\n[^1]: 前言的注。\n",
    **{f"c{n}.txt": SEED_TEXT for n in range(1, 8)},
    "note.md": "# 带注的文章\n\n正文[^1]。\n\n[^1]: 注释。\n",
}
TOML = """\
        [book]
        title = "分段书"
        preface = "前言.md"
        chapter-numbers = true
        [[parts]]
        title = "上编"
        [[parts.chapters]]
        title = "一"
        articles = ["c1.txt", "note.md"]
        [[parts.chapters]]
        title = "二"
        articles = ["c2.txt", "c3.txt"]
        [[parts]]
        title = "下编"
        [[parts.chapters]]
        title = "三"
        articles = ["c4.txt"]
        [[parts.chapters]]
        title = "四"
        articles = ["c5.txt", "c6.txt", "c7.txt"]
        """


def render(root, target, piece_characters=1, shelf=NO_SHELF):
    """The book in ``root`` as a PDF, in pieces (one a chapter) unless ``piece_characters`` is large."""
    loaded = load_config(root)
    edition = editions_for(loaded.config)[0]
    book = make_edition(assemble(loaded), edition)
    return render_pdf(book, edition, Theme(book.root), target, page_geometry(loaded),
                      piece_characters=piece_characters, shelf=shelf)


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The same book (parts, preface, footnotes, seven chapters) as one pass and in pieces."""
    root = make_book(tmp_path_factory.mktemp("pieces"), ARTICLES, TOML)
    single = render(root, root / "single.pdf", piece_characters=10**9)
    pieced = render(root, root / "pieced.pdf")
    loaded = load_config(root)
    assert len(pieces.plan(assemble(loaded), 1)) == 4  # one piece a chapter, each part's opener with its first
    return single, pieced


def texts(path):
    pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    return [re.sub(r"\s+", " ", page).strip() for page in pages]


def link_targets(path):
    reader = PdfReader(path)
    found = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", []):
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            destination = link.get("/Dest") or link.get("/A", {}).get("/D")
            if isinstance(destination, str):
                target = reader.get_destination_page_number(reader.named_destinations[destination])
            else:
                target = reader.get_page_number(destination[0].get_object())
            found.append((number, target))
    return sorted(found)


def test_every_page_reads_the_same(both):
    single, pieced = both
    assert single.pages == pieced.pages
    assert texts(single.path) == texts(pieced.path)


def test_outline_is_the_same(both):
    single, pieced = both
    assert outline(single.path) == outline(pieced.path)
    assert [depth for depth, _, _ in outline(pieced.path)][:4] == [1, 1, 1, 2]  # 目录, 前言, 上编 › 一


def test_contents_links_go_to_the_same_pages(both):
    single, pieced = both
    toc = next(i for i, text in enumerate(texts(single.path)) if re.search(r"目\s*录", text))
    from_contents = [[t for t in link_targets(path) if t[0] == toc] for path in (single.path, pieced.path)]
    assert from_contents[0] == from_contents[1]
    assert len(from_contents[1]) >= 12


def test_page_map_for_the_epub_is_the_same(both):
    single, pieced = both
    assert single.page_starts == pieced.page_starts


def test_footnote_links_inside_a_piece_still_work(both):
    _, pieced = both
    assert any(source != target and source > 5 for source, target in link_targets(pieced.path))


def test_pieces_are_reused_while_their_text_and_first_page_hold(tmp_path):
    """A rebuild lays out only the piece whose article changed, and those whose first page moved;
    the joined PDF reads exactly as one laid out afresh."""
    root = make_book(tmp_path / "book", ARTICLES, TOML)
    cache = BuildCache(tmp_path / "cache")

    def rebuild(name):
        cache.made.clear()
        cache.reused.clear()
        return render(root, tmp_path / name, shelf=cache.shelf("pdf"))

    rebuild("first.pdf")
    assert cache.made["pdf"] == 4 * 2 + 1  # each piece and its page count, and the front matter
    again = rebuild("again.pdf")
    assert cache.made == {} and texts(again.path) == texts(tmp_path / "first.pdf")

    # A few characters more in chapter 三 (the third piece): its page count holds, nothing moves.
    (root / "c4.txt").write_text(SEED_TEXT.replace("高质量发展", "高质量发展（改）", 1), encoding="utf-8")
    edited = rebuild("edited.pdf")
    assert cache.made == {"pdf": 2}
    assert texts(edited.path) == texts(render(root, tmp_path / "fresh.pdf").path)
    assert any("高质量发展（改）" in page for page in texts(edited.path))

    # Chapter 一 (the first piece) grows by pages: every later piece starts later and is laid out again.
    (root / "note.md").write_text("# 带注的文章\n\n" + "正文又长了许多。" * 600 + "\n", encoding="utf-8")
    grown = rebuild("grown.pdf")
    assert grown.pages > edited.pages
    # Its count and piece, the three after it, and the front matter (the contents' numbers moved).
    assert cache.made == {"pdf": 2 + 3 + 1}
    fresh = render(root, tmp_path / "fresh-grown.pdf")
    assert texts(grown.path) == texts(fresh.path) and outline(grown.path) == outline(fresh.path)
    assert grown.page_starts == fresh.page_starts
