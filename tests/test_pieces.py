"""A PDF laid out in pieces on several cores is the same book as the single pass: every page's
text, the folios, the outline, the contents' numbers and links, the page map for the EPUB."""

import hashlib
import multiprocessing
import re
import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from weasyprint import HTML

from paiban import cores
from paiban.assemble import assemble
from paiban.cache import MISSING, NO_SHELF, BuildCache
from paiban.config import load_config
from paiban.convert import make_edition
from paiban.edition import editions_for
from paiban.page import page_geometry
from paiban.render import margins, pieces
from paiban.render import pdf
from paiban.render.pdf import lay_out, render_pdf
from paiban.theme import Theme
from paiban.xhtml import text_of

from conftest import REPO, SEED, make_book, outline

SEED_TEXT = SEED.read_text(encoding="utf-8")


ARTICLES = {
    "前言.md": "# 前言\n\n这是前言[^1]。\n\n[^1]: 前言的注。\n",
    **{f"c{n}.txt": SEED_TEXT for n in range(1, 8)},
    "note.md": "# 带注的文章\n\n正文[^1]。\n\n[^1]: 注释。\n",
}
TOML = """\
        [book]
        title = "分段书"
        authors = ["某人"]
        description = "一本分段排的书"
        date = 2024-03-15
        subjects = ["测试"]
        publisher = "某出版社"
        rights = "版权所有"
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


def test_the_metadata_is_the_same(both):
    """The joined PDF lost the Subject (description), the CreationDate (date) and the title a viewer
    shows in its title bar, and called pypdf its producer."""
    single, pieced = both
    readers = [PdfReader(path) for path in (single.path, pieced.path)]
    assert readers[1].metadata == readers[0].metadata
    assert readers[0].metadata["/Subject"] == "一本分段排的书" and readers[0].metadata["/CreationDate"] == "D:20240315"
    assert [reader.trailer["/Root"]["/ViewerPreferences"] for reader in readers] == [{"/DisplayDocTitle": True}] * 2


def test_the_viewers_page_numbers_are_the_same_roman_then_from_one(both):
    single, pieced = both
    labels = PdfReader(pieced.path).page_labels
    assert labels == PdfReader(single.path).page_labels
    first = next(page for depth, title, page in outline(pieced.path) if title == "上编")
    assert labels[0] == "i" and re.fullmatch("[ivx]+", labels[first - 2]) and labels[first - 1:first + 1] == ["1", "2"]


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
    # The parts' openers print no folio: they are listed by the number they count as, the first "1".
    openers = [start.label for start in pieced.page_starts if start.container in ("p1", "p2")]
    assert len(openers) == 2 and openers[0] == "1"


def test_footnote_links_inside_a_piece_still_work(both):
    _, pieced = both
    assert any(source != target and source > 5 for source, target in link_targets(pieced.path))


def spy_on_workers(monkeypatch, log):
    """Note in ``log`` (a file: workers are other processes) each document laid out whole
    ("laid") and each piece numbered again by making its margins alone ("margins")."""
    def noted(kind, real):
        def work(*arguments):
            with log.open("a", encoding="utf-8") as out:
                out.write(f"{kind}\n")
            return real(*arguments)
        return work

    monkeypatch.setattr(margins, "recording", noted("laid", margins.recording))
    monkeypatch.setattr(margins, "replayed", noted("margins", margins.replayed))

    def taken() -> list[str]:
        lines = sorted(log.read_text(encoding="utf-8").splitlines()) if log.exists() else []
        log.unlink(missing_ok=True)
        return lines
    return taken


def test_a_build_that_may_start_no_process_lays_out_the_same_pieces_in_its_own(tmp_path, monkeypatch):
    """A build inside a batch or Dask worker (a daemonic process, which may start none), or on one
    core, took a book of several pieces in one pass: a tagged PDF, its bytes other than those of
    the build on every core. It lays the same pieces out one after another, and writes that PDF."""
    root = make_book(tmp_path / "book", {"01-甲/a.txt": SEED_TEXT, "02-乙/b.md": "# 乙\n\n第二章[^1]。\n\n[^1]: 注。\n",
                                         "03-丙/c.txt": SEED_TEXT.replace("。", "！", 3)})
    context = multiprocessing.get_context("fork")
    alone = context.Process(target=render, args=(root, tmp_path / "alone.pdf"), daemon=True)
    alone.start()
    alone.join(120)
    monkeypatch.setattr(cores, "workers", lambda wanted: 2)
    render(root, tmp_path / "spread.pdf")
    assert alone.exitcode == 0
    assert (tmp_path / "alone.pdf").read_bytes() == (tmp_path / "spread.pdf").read_bytes()


def test_pieces_are_reused_while_their_text_holds(tmp_path, monkeypatch):
    """A rebuild lays out only the piece whose article changed; a piece whose first page moved
    keeps its text and gets its margins (folios, running heads) made again. The joined PDF reads
    exactly as one laid out afresh: every page's text, folios and running heads, the outline
    and the page map."""
    root = make_book(tmp_path / "book", ARTICLES, TOML)
    cache = BuildCache(tmp_path / "cache")
    taken = spy_on_workers(monkeypatch, tmp_path / "work.log")

    def rebuild(name):
        cache.made.clear()
        cache.reused.clear()
        return render(root, tmp_path / name, shelf=cache.shelf("pdf"))

    rebuild("first.pdf")
    assert cache.made["pdf"] == 1 + 4 * 2 + 1  # the plan, each piece's text and as printed, the front matter
    assert len(taken()) == 5
    again = rebuild("again.pdf")
    assert cache.made == {} and taken() == [] and texts(again.path) == texts(tmp_path / "first.pdf")

    # A few characters more in chapter 三 (the third piece): its page count holds, nothing moves.
    (root / "c4.txt").write_text(SEED_TEXT.replace("高质量发展", "高质量发展（改）", 1), encoding="utf-8")
    edited = rebuild("edited.pdf")
    assert cache.made == {"pdf": 2} and len(taken()) == 1
    assert texts(edited.path) == texts(render(root, tmp_path / "fresh.pdf").path)
    assert any("高质量发展（改）" in page for page in texts(edited.path))
    taken()

    # Chapter 一 (the first piece) grows by pages: every later piece starts later. Only chapter 一
    # and the front matter (the contents' numbers moved) are laid out; the three others keep their
    # text and get their margins again.
    (root / "note.md").write_text("# 带注的文章\n\n" + "正文又长了许多。" * 600 + "\n", encoding="utf-8")
    grown = rebuild("grown.pdf")
    assert grown.pages > edited.pages
    assert taken() == ["laid", "laid", "margins", "margins", "margins"]
    assert cache.made == {"pdf": 2 + 3 + 1}
    fresh = render(root, tmp_path / "fresh-grown.pdf")
    assert texts(grown.path) == texts(fresh.path) and outline(grown.path) == outline(fresh.path)
    assert grown.page_starts == fresh.page_starts
    assert link_targets(grown.path) == link_targets(fresh.path)


def test_a_piece_is_keyed_by_its_own_articles_and_pictures_not_the_books(tmp_path, monkeypatch):
    """An SVG added to one chapter's article, then an article added to another chapter, lay out
    that chapter again (and the contents, for the new article), not every piece: a piece's key
    held the whole book's articles and SVGs, for its warnings."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'
    toml = TOML.replace('articles = ["c4.txt"]', 'articles = ["c4.txt", "pic.md"]')
    root = make_book(tmp_path / "book", {**ARTICLES, "pic.md": "# 图\n\n没有图。\n", "图.svg": svg}, toml)
    cache = BuildCache(tmp_path / "cache")
    taken = spy_on_workers(monkeypatch, tmp_path / "work.log")
    render(root, tmp_path / "first.pdf", shelf=cache.shelf("pdf"))
    taken()

    (root / "pic.md").write_text("# 图\n\n有图：![方块](图.svg)\n", encoding="utf-8")
    render(root, tmp_path / "svg.pdf", shelf=cache.shelf("pdf"))
    assert taken().count("laid") == 1  # chapter 三

    make_book(root, {"more.md": "# 又一篇\n\n新文章。\n"},
              toml.replace('"c6.txt", "c7.txt"', '"c6.txt", "c7.txt", "more.md"'))
    added = render(root, tmp_path / "added.pdf", shelf=cache.shelf("pdf"))
    assert taken().count("laid") == 2  # chapter 四 and the contents
    assert texts(added.path) == texts(render(root, tmp_path / "fresh.pdf").path)


def test_the_page_map_takes_the_number_a_decorated_folio_shows_in_every_piece(tmp_path, monkeypatch):
    """The page map took each folio's printed text ("— III —") for the page's label in the EPUB;
    it takes the page counter as the folio shows it (III), from a piece laid out, from one whose
    margins are made again, and from the single pass alike."""
    folios = ('@page :left { @bottom-left { content: "— " counter(page, upper-roman) " —"; } }\n'
              '@page :right { @bottom-right { content: "— " counter(page, upper-roman) " —"; } }\n')
    theme = (REPO / "styles" / "print.css").read_text(encoding="utf-8")
    root = make_book(tmp_path / "book", {**ARTICLES, "styles/print.css": theme + folios}, TOML)
    cache = BuildCache(tmp_path / "cache")
    taken = spy_on_workers(monkeypatch, tmp_path / "work.log")
    render(root, tmp_path / "first.pdf", shelf=cache.shelf("pdf"))
    (root / "note.md").write_text("# 带注的文章\n\n" + "正文又长了许多。" * 600 + "\n", encoding="utf-8")
    taken()
    grown = render(root, tmp_path / "grown.pdf", shelf=cache.shelf("pdf"))
    assert "margins" in taken()
    labels = [start.label for start in grown.page_starts]
    assert {"v", "III", "V"} <= set(labels) and not any("—" in label for label in labels)
    assert grown.page_starts == render(root, tmp_path / "single.pdf", piece_characters=10**9).page_starts


@pytest.mark.parametrize("css, work", [
    # Margins that show the page's own boxes cannot be made alone: a running element, and a
    # string's value where its element starts the page. A piece that moved is laid out whole.
    (""".chapter-title { position: running(heading); }
        @page :left { @top-center { content: element(heading); } }""", ["laid"] * 5),
    (""".chapter { string-set: chap attr(id); }
        @page { @top-center { content: "[" string(chap, start) "]"; } }""", ["laid"] * 5),
    # Generated content on the body: the empty pages still come out as the recorded ones ...
    ("""body::before { content: ""; display: block; }""", ["laid"] * 2 + ["margins"] * 3),
    # ... or they do not, and the piece is laid out whole after all.
    ("""body::after { content: "终"; display: block; break-before: page; }""", ["laid"] * 5 + ["margins"] * 3),
], ids=["running element", "string start", "body before", "body after on a page of its own"])
def test_margins_the_empty_pages_cannot_give_are_laid_out_with_the_text(tmp_path, monkeypatch, css, work):
    """Whatever a theme puts in the margins or around the body, a piece that moved reads exactly
    as one laid out afresh, its margins made alone where they can be."""
    theme = (Path(__file__).resolve().parents[1] / "styles" / "print.css").read_text(encoding="utf-8")
    root = make_book(tmp_path / "book", {**ARTICLES, "styles/print.css": theme + css}, TOML)
    cache = BuildCache(tmp_path / "cache")
    taken = spy_on_workers(monkeypatch, tmp_path / "work.log")
    render(root, tmp_path / "first.pdf", shelf=cache.shelf("pdf"))
    taken()
    (root / "note.md").write_text("# 带注的文章\n\n" + "正文又长了许多。" * 600 + "\n", encoding="utf-8")
    grown = render(root, tmp_path / "grown.pdf", shelf=cache.shelf("pdf"))
    assert taken() == work  # the grown piece and the front matter, and the three after it
    assert texts(grown.path) == texts(render(root, tmp_path / "fresh.pdf").path)


def test_a_pieced_pdf_says_what_it_is_and_embeds_every_font(both):
    """The join keeps WeasyPrint's PDF 1.7 header (its fonts need 1.6), and every font is embedded."""
    _, pieced = both
    assert pieced.path.read_bytes()[:8] == b"%PDF-1.7"
    fonts = subprocess.run(["pdffonts", str(pieced.path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)


def test_each_font_program_of_a_pieced_pdf_has_a_subset_name_of_its_own(both):
    """Every piece (and its margins) embeds its own subset of a font; a RIP takes one subset name
    for one program, so two programs never share a name, and one program keeps one."""
    _, pieced = both
    programs = {}
    for page in PdfReader(pieced.path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            program = hashlib.sha256(descriptor["/FontFile3"].get_object().get_data()).hexdigest()
            names = {font.get_object()["/BaseFont"], descendant["/BaseFont"], descriptor["/FontName"]}
            assert len(names) == 1
            programs.setdefault(names.pop(), set()).add(program)
    assert all(len(found) == 1 for found in programs.values())
    assert len(programs) > 4  # the serif's subsets of several pieces among them


def test_the_margins_layer_leaves_the_page_border_to_the_text(tmp_path):
    """A page border drawn in both layers would darken where it is translucent."""
    document = HTML(string="""<style>@page { size: 60mm 60mm; margin: 10mm; border: 4mm solid rgba(255, 0, 0, 0.5);
        @bottom-center { content: counter(page); } }</style><p>正文</p>""").render()
    path = margins.write_margins(document, str(tmp_path))
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-singlefile", path, str(tmp_path / "m")], check=True)
    with Image.open(tmp_path / "m.png") as png:
        colours = [colour for _, colour in png.convert("RGB").getcolors(maxcolors=1 << 16)]
    assert all(red == green == blue for red, green, blue in colours)  # the folio's greys, no red border


def test_arranged_counts_a_run_whose_chapters_are_all_kept_as_nothing_to_lay_out(tmp_path):
    """Runs 一二 and 三四, with 二, 三 and 四 kept as chapters of their own: only 一 is laid out,
    on its own (三四 needs no core), and 二 is taken as kept."""
    shelf = BuildCache(tmp_path / "cache").shelf("pdf")

    def job(sections):
        return pieces.Job(markup=" ".join(sections), sheets=(), base_url="", roots=(), containers=frozenset())

    for kept in ("二", "三", "四"):
        shelf.put(("text", job([kept]).key()), "kept")
    arranged = pieces.arranged([[["一"], ["二"]], [["三"], ["四"]]], job, shelf, size=2)
    assert [(job.markup, found) for job, _, found in arranged] == [
        ("一", MISSING), ("二", "kept"), ("三", "kept"), ("四", "kept")]


def test_a_changed_run_of_chapters_is_laid_out_chapter_by_chapter_on_idle_cores(tmp_path, monkeypatch):
    """One run of chapters to lay out again, and two cores: its chapters are laid out as pieces of
    their own, one on each core, and kept so; the next build finds them. The PDF reads as one laid
    out afresh."""
    monkeypatch.setattr(cores, "workers", lambda tasks=None: 2)
    root = make_book(tmp_path / "book", ARTICLES, TOML)
    cache = BuildCache(tmp_path / "cache")
    taken = spy_on_workers(monkeypatch, tmp_path / "work.log")
    big = len(SEED_TEXT) * 3 // 2  # characters: chapters 一 and 二 make one run, 三 and 四 another

    def rebuild(name):
        return render(root, tmp_path / name, piece_characters=big, shelf=cache.shelf("pdf"))

    loaded = load_config(root)
    assert [len(run) for run in pieces.plan(assemble(loaded), big)] == [2, 2]
    rebuild("first.pdf")
    assert taken() == ["laid"] * 3  # two runs and the front matter
    (root / "c4.txt").write_text(SEED_TEXT.replace("高质量发展", "高质量发展（改）", 1), encoding="utf-8")
    edited = rebuild("edited.pdf")
    assert taken() == ["laid"] * 2  # chapters 三 and 四 as pieces of their own
    (root / "c4.txt").write_text(SEED_TEXT.replace("高质量发展", "高质量发展（再改）", 1), encoding="utf-8")
    again = rebuild("again.pdf")
    assert taken() == ["laid"]  # chapter 三 alone: 四 is kept
    assert texts(again.path) == texts(render(root, tmp_path / "fresh.pdf", piece_characters=big).path)
    assert again.page_starts == edited.page_starts
    assert outline(again.path) == outline(tmp_path / "fresh.pdf")


def test_the_runs_hold_while_the_chapters_do(tmp_path, monkeypatch):
    """Text added to chapter 一 would end the first run of chapters before 二 and so move the ends
    of every later run; the runs of the last build are kept instead, so only chapter 一's run is
    laid out again (chapter by chapter, on two cores), and the run after it gets new margins."""
    monkeypatch.setattr(cores, "workers", lambda tasks=None: 2)
    root = make_book(tmp_path / "book", ARTICLES, TOML)
    cache = BuildCache(tmp_path / "cache")
    taken = spy_on_workers(monkeypatch, tmp_path / "work.log")
    big = len(SEED_TEXT) * 3 // 2
    render(root, tmp_path / "first.pdf", piece_characters=big, shelf=cache.shelf("pdf"))
    taken()
    (root / "note.md").write_text("# 带注的文章\n\n" + "正文又长了许多。" * 600 + "\n", encoding="utf-8")
    assert [len(run) for run in pieces.plan(make_edition(assemble(load_config(root)), editions_for(
        load_config(root).config)[0]), big)] != [2, 2]  # planned afresh, the runs would change
    grown = render(root, tmp_path / "grown.pdf", piece_characters=big, shelf=cache.shelf("pdf"))
    assert taken() == ["laid"] * 3 + ["margins"]  # chapters 一 and 二, the front matter; 三 and 四 renumbered
    assert texts(grown.path) == texts(render(root, tmp_path / "fresh.pdf", piece_characters=big).path)


def test_a_book_grown_into_pieces_or_shrunk_out_of_them_is_planned_afresh(tmp_path, monkeypatch):
    """The runs were kept while the chapters held, also across the line between one run and
    several: a book grown past the size of a piece was rebuilt as one tagged PDF where a new build
    made untagged pieces, and one that shrank stayed in pieces. The PDFs of both read alike."""
    monkeypatch.setattr(cores, "workers", lambda tasks=None: 2)
    root = make_book(tmp_path / "book", ARTICLES, TOML)
    shelf = BuildCache(tmp_path / "cache").shelf("pdf")

    def book():
        loaded = load_config(root)
        return make_edition(assemble(loaded), editions_for(loaded.config)[0])

    def planned(characters, kept=shelf):
        return len(pieces.plan(book(), characters, kept))

    # One run: the text before chapter 四 falls 1,000 characters short of a piece.
    size = sum(len(text_of(article.body)) for chapter in book().chapters[:-1] for article in chapter.articles) + 1000
    assert planned(size) == 1
    (root / "note.md").write_text("# 带注的文章\n\n" + "正文又长了许多。" * 600 + "\n", encoding="utf-8")
    assert planned(size) == planned(size, NO_SHELF) > 1
    grown = render(root, tmp_path / "grown.pdf", piece_characters=size, shelf=shelf)
    fresh = render(root, tmp_path / "fresh.pdf", piece_characters=size)
    assert "/StructTreeRoot" not in PdfReader(grown.path).trailer["/Root"]
    assert texts(grown.path) == texts(fresh.path)
    (root / "note.md").write_text(ARTICLES["note.md"], encoding="utf-8")
    assert planned(size) == planned(size, NO_SHELF) == 1


class SlowToSend(Exception):
    """An error that takes a while to reach the build from its worker (as a large one would)."""

    def __reduce__(self):
        time.sleep(0.5)
        return SlowToSend, self.args


def breaks_on_chapter_one(job, sink):
    """``pdf.lay_out``, but the piece holding chapter 一 (and its note) fails."""
    if "带注的文章" in job.markup and 'class="toc"' not in job.markup:
        raise SlowToSend("chapter 一 is broken")
    return lay_out(job, sink)


def test_the_error_of_the_piece_that_failed_is_the_one_raised(tmp_path, monkeypatch):
    """The pieces after a failed one stop waiting for its page count; the build reports the
    failure itself, not theirs, even when theirs arrives first."""
    root = make_book(tmp_path / "book", ARTICLES, TOML)
    monkeypatch.setattr(pdf, "lay_out", breaks_on_chapter_one)
    with pytest.raises(SlowToSend, match="chapter 一 is broken"):
        render(root, tmp_path / "book.pdf")
    assert list(tmp_path.glob(".paiban-pieces-*")) == []  # no temporary files left
