"""The build cache: what a rebuild redoes, counted (never timed), and the commands around it."""

from __future__ import annotations

import base64
import errno
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import paiban
from paiban.atomic import temporary_prefix
from paiban.cache import CACHE_DIR, MISSING, BuildCache
from paiban.cli import main

from conftest import claimed_png, epub_text, epubcheck_messages, make_book, pdf_page_texts, pieces_of_a_killed_build

TOML = '''
[book]
title = "缓存之书"

[[editions]]
name = "cn"

[[editions]]
name = "tw"
convert = "s2tw"
'''
ARTICLES = {
    "01-上/01-甲.md": "# 甲文\n\n社区里的第一篇文章。\n",
    "01-上/02-乙.md": "# 乙文\n\n软件与信息的第二篇。\n",
    "02-下/01-丙.md": "# 丙文\n\n第三篇文章的正文。\n",
}


@pytest.fixture(autouse=True)
def _one_date(monkeypatch):
    """Every build dated alike: the EPUB's dcterms:modified is otherwise the newest source's time to
    the second, so whether the package document is deflated again would hang on the clock."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def rebuild(book, out, formats=("epub",)) -> BuildCache:
    """Build into ``out`` with the cache there; the cache's counts say what this build made."""
    cache = BuildCache.in_output(out)
    paiban.build(book, formats=list(formats), output=out, cache=cache)
    return cache


def member(epub: Path, name: str) -> bytes:
    with zipfile.ZipFile(epub) as packed:
        return packed.read(name)


def test_nothing_changed_nothing_is_made_again(tmp_path):
    book, out = make_book(tmp_path / "b", ARTICLES, TOML), tmp_path / "out"
    first = rebuild(book, out)
    compiled = first.made.pop("templates")
    # 2 chapters and the cover, title and contents pages, a generated cover, and the glyph check's
    # answer and the characters its templates print, × 2 editions; the URLs of each edition's
    # fonts.css, and of base.css and epub.css (which the tw edition finds as the cn edition kept them);
    # the 13 deflated entries of each EPUB but the 3 the tw edition's shares (container.xml, the two
    # sheets); each edition's table of its bodies' characters
    assert first.made == {"read": 3, "convert": 6, "xhtml": 10, "epub-pictures": 2, "glyphs": 4, "css": 4,
                          "deflated": 23, "characters": 2}
    assert first.reused == {"templates": first.reused["templates"], "css": 2, "deflated": 3}
    second = rebuild(book, out)
    assert second.made == {}
    # The templates the second build still renders (chapters come from the cache) are not compiled again;
    # each edition's theme loads them (tw's converts its templates' text, and keeps them apart).
    assert 0 < second.reused.pop("templates") <= 2 * compiled
    assert second.reused == {**first.made, "css": 6, "deflated": 26}  # the 3 sheets, the 13 entries of each edition


def test_nothing_changed_in_a_book_of_parts_renders_no_part_page_again(tmp_path):
    """The second part's opening page was kept under a key holding the nav entries made for the
    first part's chapters (a name the sections' had too): objects whose repr changes every run,
    so it was rendered, and stored anew, at every build."""
    parts = "".join(f'[[parts]]\ntitle = "第{n}编"\n[[parts.chapters]]\ntitle = "章{n}"\narticles = ["{name}"]\n'
                    for n, name in enumerate(ARTICLES, 1))
    book, out = make_book(tmp_path / "b", ARTICLES, '[book]\ntitle = "分编之书"\n' + parts), tmp_path / "out"
    rebuild(book, out)
    assert "xhtml" not in rebuild(book, out).made


def test_a_changed_article_is_read_converted_and_rendered_again_alone(tmp_path):
    book, out = make_book(tmp_path / "b", ARTICLES, TOML), tmp_path / "out"
    rebuild(book, out, formats=("epub", "pdf"))
    (book / "02-下/01-丙.md").write_text("# 丙文\n\n改过的正文在此。\n", encoding="utf-8")
    cache = rebuild(book, out, formats=("epub", "pdf"))
    # One article read and converted per edition, its chapter's document rendered per
    # edition (the PDF's page starts of that chapter moved with the text, nothing else did);
    # its new characters (改, 此 …) found in it and checked in each edition's fonts; that document
    # deflated in each EPUB.
    assert cache.made == {"read": 1, "convert": 2, "xhtml": 2, "glyphs": 2, "deflated": 2, "characters": 2}
    assert "改过的正文在此" in epub_text(out / "b.cn.epub")
    assert "改過的正文在此" in epub_text(out / "b.tw.epub")
    assert any("改过的正文在此" in page for page in pdf_page_texts(out / "b.cn.pdf"))


def test_a_book_opened_as_an_obsidian_vault_has_its_articles_read_again(tmp_path):
    """Obsidian makes a .obsidian folder in a book it opens, which reads its notes with Obsidian's
    forms: the cache gave the article as read before, its comment printed."""
    book, out = make_book(tmp_path / "b", {"01-甲.md": "# 甲\n\n正文%%批注%%。\n"}), tmp_path / "out"
    rebuild(book, out)
    (book / ".obsidian").mkdir()
    assert rebuild(book, out).made["read"] == 1
    assert "批注" not in epub_text(out / "b.epub")


def test_book_toml_change_renders_every_document_again_but_reads_nothing(tmp_path):
    book, out = make_book(tmp_path / "b", ARTICLES, TOML), tmp_path / "out"
    rebuild(book, out)
    (book / "book.toml").write_text(TOML.replace('title = "缓存之书"', 'title = "新书名"'), encoding="utf-8")
    cache = rebuild(book, out)
    # 2 chapters and the cover, title and contents pages × 2 editions, and each cover shows the new
    # title, whose characters are checked; deflated again, what shows the title: the package document,
    # nav, NCX, cover picture, cover and title pages of each edition (the chapters' documents came out the same)
    assert cache.made == {"xhtml": 10, "epub-pictures": 2, "glyphs": 2, "deflated": 12}
    assert "新书名" in epub_text(out / "b.cn.epub")


def test_a_theme_file_change_renders_every_document_again(tmp_path):
    book, out = make_book(tmp_path / "b", ARTICLES, TOML), tmp_path / "out"
    rebuild(book, out)
    make_book(book, {"styles/_article.html": '<article class="article mine" id="{{ article.id }}">'
                                             "{{ article.body | safe }}</article>\n"}, TOML)
    cache = rebuild(book, out)
    # Only the new template is compiled; what the templates print is read again, and checked; the two
    # chapters' documents, which it changed, deflated again in each edition.
    assert cache.made == {"xhtml": 10, "templates": 1, "glyphs": 4, "deflated": 4}
    assert 'class="article mine"' in epub_text(out / "b.cn.epub")


def test_an_editions_phrases_change_converts_that_edition_again(tmp_path):
    book, out = make_book(tmp_path / "b", ARTICLES, TOML), tmp_path / "out"
    rebuild(book, out)
    (book / "book.toml").write_text(TOML + 'phrases = { "社区" = "社群" }\n', encoding="utf-8")
    cache = rebuild(book, out)
    # The tw edition is made again (its three articles, its two chapters and three pages of its own,
    # its templates' text in its new conversion, its new 群); cn, and reading, not. Of its entries only
    # the first chapter's document, where 社区 is, came out changed; its bodies' characters are looked at.
    assert cache.made == {"convert": 3, "xhtml": 5, "glyphs": 2, "deflated": 1, "characters": 1}
    assert "社群裡" in epub_text(out / "b.tw.epub")


def test_the_contents_page_follows_whether_it_names_the_articles_authors(tmp_path):
    """[contents] authors = false takes the authors off the contents page: kept by the outline,
    which has not changed, the rebuilt page still named them."""
    book, out = make_book(tmp_path / "b", {"01-要闻/01.md": "---\ntitle: 城市\nauthor: 林晓岚\n---\n\n甲。\n"},
                          '[book]\ntitle = "周刊"\n'), tmp_path / "out"
    rebuild(book, out)
    assert "林晓岚" in member(out / "b.epub", "EPUB/contents.xhtml").decode("utf-8")
    (book / "book.toml").write_text('[book]\ntitle = "周刊"\n\n[contents]\nauthors = false\n', encoding="utf-8")
    rebuild(book, out)
    assert "林晓岚" not in member(out / "b.epub", "EPUB/contents.xhtml").decode("utf-8")


def test_the_contents_page_follows_the_sections_it_lists_and_their_listing(tmp_path):
    """The contents page is kept as a chapter's document is: by what it shows, which includes the
    sections book.toml's [contents] lists under each article (a renamed one, one taken out, the
    listing turned on) and any article's title. Kept by the outline alone, it listed a section
    that was gone: a link to nowhere (EPUBCheck RSC-012)."""
    article = "# 城市更新\n\n## 第一节\n\n甲。\n\n## 第二节\n\n乙。\n\n## 第三节\n\n丙。\n"
    book, out = make_book(tmp_path / "b", {"01-要闻/01-城市.md": article, "01-要闻/02-乡村.md": "# 乡村\n\n丁。\n"},
                          '[book]\ntitle = "周刊"\n'), tmp_path / "out"

    def contents() -> str:
        return member(out / "b.epub", "EPUB/contents.xhtml").decode("utf-8")

    rebuild(book, out)
    assert "第一节" not in contents()
    (book / "book.toml").write_text('[book]\ntitle = "周刊"\n\n[contents]\nsections = 1\n', encoding="utf-8")
    rebuild(book, out)
    assert "第一节" in contents() and "第三节" in contents()
    (book / "01-要闻/01-城市.md").write_text(article.replace("## 第一节", "## 第一节：再次改写")
                                             .replace("## 第三节\n\n丙。\n", ""), encoding="utf-8")
    (book / "01-要闻/02-乡村.md").write_text("# 乡村振兴 {lang=zh-Hant}\n\n丁。\n", encoding="utf-8")
    rebuild(book, out)
    assert "第一节：再次改写" in contents() and "第三节" not in contents()
    assert 'lang="zh-Hant">乡村振兴' in contents()
    assert epubcheck_messages(out / "b.epub") == []


def test_a_picture_link_pointed_at_another_file_has_the_article_read_again(tmp_path):
    """The article was read where the link led: pointed elsewhere, cached builds kept the old picture."""
    from conftest import claimed_png

    book, out = make_book(tmp_path / "b", {"01-章/01.md": "# 甲\n\n![一张图](../img/a.png)\n",
                                           "img/red.png": claimed_png(3, 2), "img/blue.png": claimed_png(4, 2)},
                          '[book]\ntitle = "图"\n'), tmp_path / "out"
    (book / "img" / "a.png").symlink_to("red.png")
    rebuild(book, out, formats=("html",))
    (book / "img" / "a.png").unlink()
    (book / "img" / "a.png").symlink_to("blue.png")
    assert rebuild(book, out, formats=("html",)).made["read"] == 1
    assert "img/blue.png" in (out / "b.html").read_text(encoding="utf-8")


def test_articles_whose_pictures_changed_are_read_again_on_every_core_at_once(tmp_path, monkeypatch):
    """An entry whose pictures changed was taken for one the cache had, then read alone, in turn."""
    import paiban.cache
    from conftest import claimed_png

    articles = {f"01-章/0{n}.md": f"# 第{n}篇\n\n![图](../img/red.png)\n" for n in range(1, 4)}
    book, out = make_book(tmp_path / "b", {**articles, "img/red.png": claimed_png(3, 2)},
                          '[book]\ntitle = "图"\n'), tmp_path / "out"
    rebuild(book, out, formats=("html",))
    os.utime(book / "img" / "red.png", ns=(1, 1))
    asked = []
    monkeypatch.setattr(paiban.cache, "in_parallel", lambda work, count: asked.append(count))
    assert rebuild(book, out, formats=("html",)).made["read"] == 3
    assert asked[0] == 3  # all three handed to the parallel read together


def test_an_edit_that_brings_no_new_character_reuses_the_glyph_answer_and_the_sheets(tmp_path):
    book, out = make_book(tmp_path / "b", ARTICLES, TOML), tmp_path / "out"
    rebuild(book, out)
    (book / "02-下/01-丙.md").write_text("# 丙文\n\n第三篇正文的文章。\n", encoding="utf-8")  # the same characters
    cache = rebuild(book, out)
    # (each edition's table of its bodies' characters written again, the edited body's looked at)
    assert cache.made == {"read": 1, "convert": 2, "xhtml": 2, "deflated": 2, "characters": 2}
    # each edition's answer and its templates' characters, and its three sheets
    assert (cache.reused["glyphs"], cache.reused["css"]) == (4, 6)
    assert "第三篇正文的文章" in epub_text(out / "b.cn.epub")


def test_the_glyph_check_looks_for_characters_in_the_edited_body_alone(tmp_path, monkeypatch):
    """Each edition keeps a table of its bodies' characters: finding them read the whole book at
    every build, a rebuild's largest share of the check."""
    from paiban.check import glyphs

    book, out = make_book(tmp_path / "b", ARTICLES, TOML), tmp_path / "out"
    rebuild(book, out)
    (book / "02-下/01-丙.md").write_text("# 丙文\n\n改过的正文在此。\n", encoding="utf-8")
    looked_in, characters = [], glyphs._characters
    monkeypatch.setattr(glyphs, "_characters", lambda body: characters(looked_in.append(body) or body))
    rebuild(book, out)
    assert len(looked_in) == 2 and "改过的正文在此" in looked_in[0] and "改過的正文在此" in looked_in[1]


def test_a_changed_charset_of_the_fonts_checks_the_glyphs_again(tmp_path, monkeypatch):
    """The answer is kept by fontconfig's charset of each family: a font upgraded or installed changes it."""
    from paiban.check import glyphs

    book, out = make_book(tmp_path / "b", ARTICLES, TOML), tmp_path / "out"
    rebuild(book, out)
    charset_text = glyphs.charset_text
    monkeypatch.setattr(glyphs, "charset_text", lambda family: charset_text(family).replace("20", "21", 1))
    assert rebuild(book, out).made == {"glyphs": 2}


def test_text_in_another_language_has_the_glyph_answer_read_only_the_editions_charsets(tmp_path, monkeypatch):
    """Text tagged ja is drawn in the Japanese fonts followed by the edition's, so the edition's cover
    it: the answer read the charsets of every region's families too, a dozen more, in every build."""
    from paiban.check import glyphs

    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文，[骨と直]{lang=ja}。\n"}, '[book]\ntitle = "书"\n')
    asked, charset_text = set(), glyphs.charset_text
    monkeypatch.setattr(glyphs, "charset_text", lambda family: charset_text(asked.add(family) or family))
    rebuild(book, tmp_path / "out")
    assert "Noto Serif CJK SC" in asked and not any(" JP" in family or " TC" in family for family in asked)


def red_png() -> bytes:
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 30, 30)).save(picture, "PNG")
    return picture.getvalue()


@pytest.mark.parametrize("fmt", ["epub", "pdf"])
def test_a_picture_the_article_carried_is_written_again_when_the_book_lost_it(tmp_path, fmt):
    """Deleting the book's .paiban/ (where a data: URL's picture is kept) broke cached builds: the
    reused article showed a picture that was gone. The EPUB failed with "cannot write
    build/….epub: No such file or directory", the PDF left the picture out without a word."""
    data = base64.b64encode(red_png()).decode()
    article = f'<h1>甲文</h1><p>正文。</p><p><img src="data:image/png;base64,{data}" alt="现场"></p>'
    book = make_book(tmp_path / "b", {"01-上/01-甲.html": article})
    paiban.build(book, formats=[fmt])
    shutil.rmtree(book / ".paiban")
    [output] = paiban.build(book, formats=[fmt])
    if fmt == "epub":
        assert epubcheck_messages(output.path) == []
        with zipfile.ZipFile(output.path) as packed:
            assert [name for name in packed.namelist() if name.endswith(".png")]
    else:
        from pypdf import PdfReader

        [image] = next(page for page in PdfReader(output.path).pages if "正文" in page.extract_text()).images
        assert image.image.size == (60, 40)


def test_a_picture_swapped_for_one_too_large_is_refused_by_a_cached_build(tmp_path):
    """The read was reused while the picture's name was the same: a picture of 10000×10000 pixels
    passed a cached build, which --no-cache refused."""
    article = "# 甲文\n\n正文。\n\n![公园](../park.png)\n"
    book = make_book(tmp_path / "b", {"park.png": red_png(), "01-上/01-甲.md": article})
    paiban.build(book, formats=["epub"])
    (book / "park.png").write_bytes(claimed_png(10_000, 10_000))
    with pytest.raises(paiban.PaibanError) as error:
        paiban.build(book, formats=["epub"])
    assert error.value.message == "image '../park.png' is too large: 10000×10000 pixels"


def test_a_changed_theme_sheet_is_confined_again_and_then_reused(tmp_path, caplog):
    book, out = make_book(tmp_path / "b", ARTICLES, TOML), tmp_path / "out"
    rebuild(book, out)
    make_book(book, {"styles/epub.css": ".mine { color: red; }\n"}, TOML)
    assert rebuild(book, out).made == {"css": 1, "deflated": 1}  # the same sheet in both editions
    cache = rebuild(book, out)
    assert cache.made == {} and cache.reused["css"] == 6
    assert ".mine { color: red; }" in member(out / "b.cn.epub", "EPUB/styles/epub.css").decode()


def test_a_sheet_that_uses_a_file_or_leaves_out_a_url_is_confined_at_every_build(tmp_path, caplog):
    """Only a sheet all of whose URLs stay is taken as it is: one carrying a file beside it, or
    leaving a URL out with a warning, does that again at every build (no files or warnings lost)."""
    book, out = make_book(tmp_path / "b", ARTICLES, TOML), tmp_path / "out"
    sheet = '.a { background: url("orn.gif"); }\n.b { background: url("http://x/y.png"); }\n'
    make_book(book, {"styles/epub.css": sheet, "styles/orn.gif": b"GIF89a"}, TOML)
    rebuild(book, out)
    caplog.clear()
    cache = rebuild(book, out)
    assert (cache.made["css"], cache.reused["css"]) == (0, 4)  # base.css and each edition's fonts.css
    assert member(out / "b.cn.epub", "EPUB/styles/orn.gif") == b"GIF89a"
    assert "http://x/y.png" not in member(out / "b.cn.epub", "EPUB/styles/epub.css").decode()
    assert sum("http://x/y.png" in message for message in caplog.messages) == 1  # once, for both editions


def test_a_missing_glyph_stops_the_rebuild_as_it_stops_a_build_without_the_cache(tmp_path):
    book, out = make_book(tmp_path / "b", ARTICLES, TOML), tmp_path / "out"
    rebuild(book, out)
    (book / "02-下/01-丙.md").write_text("# 丙文\n\n第三篇\ue000文章的正文。\n", encoding="utf-8")
    errors = []
    for cache in (BuildCache.in_output(out), BuildCache.in_output(out), BuildCache(None)):
        with pytest.raises(paiban.PaibanError) as error:
            paiban.build(book, formats=["epub"], output=out, cache=cache)
        errors.append((error.value.message, error.value.file, error.value.line, error.value.hint))
    assert errors[0][0].startswith("U+E000") and errors[0][1:3] == (book / "02-下/01-丙.md", 3)
    assert errors[0] == errors[1] == errors[2]  # the answer kept the second time says only to look closer


def test_a_template_changed_to_print_a_glyph_no_font_has_stops_the_rebuild(tmp_path):
    """The characters the templates print are kept between builds: a changed template is read again."""
    book, out = make_book(tmp_path / "b", ARTICLES, TOML), tmp_path / "out"
    rebuild(book, out)
    make_book(book, {"styles/_article.html": '<article class="article" id="{{ article.id }}"><p>\ue000</p>'
                                             "{{ article.body | safe }}</article>\n"}, TOML)
    with pytest.raises(paiban.PaibanError) as error:
        rebuild(book, out)
    assert error.value.message.startswith("U+E000") and error.value.file == book / "styles/_article.html"


def test_no_cache_does_everything_and_keeps_nothing(tmp_path):
    book, out = make_book(tmp_path / "b", ARTICLES, TOML), tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(book), "-f", "epub", "-o", str(out), "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    assert not (out / CACHE_DIR).exists()
    uncached = BuildCache(None)
    paiban.build(book, formats=["epub"], output=out, cache=uncached)
    assert uncached.made["read"] == 3 and not uncached.reused
    assert (uncached.made["glyphs"], uncached.made["css"]) == (4, 6)  # each edition's answers and sheets, made


def test_timings_name_each_stage(tmp_path):
    book = make_book(tmp_path / "b", ARTICLES, TOML)
    result = CliRunner().invoke(main, ["build", str(book), "-f", "epub,html,pdf", "--timings"])
    assert result.exit_code == 0, result.output
    names = ("config", "read", "assemble", "check pictures", "convert", "check glyphs", "render pdf", "write pdf",
             "render epub", "write epub", "render html", "write html", "total")
    stages = [line.split("\t")[0] for line in result.stderr.splitlines()]  # plain lines: no terminal here
    assert [name for name in stages if name in names] == list(names), result.stderr  # each listed where it started


def test_a_word_documents_pictures_are_located_once_per_content(tmp_path, caplog):
    """Every build parsed each .docx again with mammoth (half a second a file) to name the
    paragraph of a picture without alt text, outside every stage of --timings."""
    from docx import Document

    (tmp_path / "p.png").write_bytes(red_png())
    document = Document()
    document.add_heading("甲文", 1)
    document.add_paragraph("正文。")
    document.add_picture(str(tmp_path / "p.png"))
    book, out = make_book(tmp_path / "b", {}, TOML), tmp_path / "out"
    (book / "01-上").mkdir()
    document.save(book / "01-上" / "01-甲.docx")
    warned = []
    for _ in range(2):
        caplog.clear()
        cache = rebuild(book, out, formats=("html",))
        warned.append([message for message in caplog.messages if "has no alt text" in message])
    assert cache.reused["pictures"] == 1 and "pictures" not in cache.made
    assert warned[0] == warned[1] and len(warned[0]) == 1 and "01-甲.docx, paragraph 3: image" in warned[0][0]


def test_clean_removes_outputs_and_cache_and_leaves_other_files(tmp_path):
    book = make_book(tmp_path / "b", ARTICLES, TOML)
    paiban.build(book, formats=["epub", "html"])
    (book / "build" / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(book)])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (book / "build").iterdir()) == ["notes.txt"]
    (book / "build" / "notes.txt").unlink()
    assert CliRunner().invoke(main, ["clean", str(book)]).output.strip() == "nothing to remove"


def test_clean_removes_what_a_killed_build_left_of_an_output_with_a_long_name(tmp_path):
    """The temporary name of an output whose name leaves it no room is cut (see
    paiban.atomic.temporary_prefix): clean knows it by that cut name too."""
    slug = "书" * 81  # <slug>.cn.epub: 251 bytes
    book = make_book(tmp_path / "b", ARTICLES, TOML.replace("[book]", f'[book]\nslug = "{slug}"'))
    (book / "build").mkdir()
    left = book / "build" / f"{temporary_prefix(f'{slug}.cn.epub')}4194303.abcdefgh.part"
    left.write_bytes(b"half")
    result = CliRunner().invoke(main, ["clean", str(book)])
    assert result.exit_code == 0, result.output
    assert not left.exists()
def test_clean_removes_the_pieces_a_killed_pdf_build_left_but_not_a_running_builds(tmp_path):
    """The .paiban-pieces-*/ of a PDF build killed with SIGKILL outlived `paiban clean` (and so did the
    book's build/, not empty); one of a build still running is that build's."""
    book = make_book(tmp_path / "b", ARTICLES, TOML)
    paiban.build(book, formats=["html"], editions=["cn"])
    left = pieces_of_a_killed_build(book / "build")
    running = book / "build" / f".paiban-pieces-{os.getpid()}.abcdefgh"  # this process's: a build still running
    running.mkdir()
    result = CliRunner().invoke(main, ["clean", str(book)])
    assert result.exit_code == 0, result.output
    assert f"removed {left}" in result.output
    assert sorted((book / "build").iterdir()) == [running]


def test_clean_of_a_read_only_output_directory_exits_2_naming_the_file(tmp_path, monkeypatch):
    """The OSError of a read-only directory escaped as "internal error"."""
    book = make_book(tmp_path / "b", ARTICLES, TOML)
    paiban.build(book, formats=["html"], cache=False)

    def read_only(path, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(Path, "unlink", read_only)
    result = CliRunner().invoke(main, ["clean", str(book)])
    message = result.output.replace("\n", "")
    assert result.exit_code == 2, result.output
    assert "b.cn.html: cannot remove it" in message and "Read-only file system" in message


@pytest.mark.parametrize("given", ["mine", "."])
def test_clean_leaves_an_output_directory_given_with_output(tmp_path, monkeypatch, given):
    """-o DIR is the user's: clean removed the emptied directory, and with -o . stopped on an
    internal error (rmdir of the current directory) before it said what it had removed."""
    book = make_book(tmp_path / "b", ARTICLES, TOML)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    paiban.build(book, formats=["epub"], output=given)
    result = CliRunner().invoke(main, ["clean", str(book), "-o", given])
    assert result.exit_code == 0, result.output
    assert "removed" in result.output and (out / given).is_dir() and not list((out / given).iterdir())


def test_clean_removes_the_outputs_of_editions_no_longer_declared_that_paiban_made(tmp_path):
    """An edition removed from book.toml left its files behind, to be published with the rest of the
    directory; files of such names that paiban did not make are the user's and stay, and so does a
    copy the user made of an output (it carries paiban's mark, but no build wrote it)."""
    from pypdf import PdfWriter

    book = make_book(tmp_path / "b", ARTICLES, '[book]\ntitle = "缓存之书"\n')
    out = tmp_path / "out"
    paiban.build(book, formats=["epub"], output=out)  # b.epub, before the book had editions
    (book / "book.toml").write_text(TOML, encoding="utf-8")
    paiban.build(book, formats=["epub", "pdf", "html"], editions=["tw"], output=out)
    (book / "book.toml").write_text(TOML.split("[[editions]]\nname = \"tw\"")[0], encoding="utf-8")
    (out / "b.final.epub").write_bytes(b"PK\x03\x04 not paiban's")
    (out / "b.bak.epub").write_bytes((out / "b.tw.epub").read_bytes())  # the user's copy: no build wrote it
    (out / "b.notes.html").write_text('<meta name="generator" content="vim">', encoding="utf-8")
    with (out / "b.proof.pdf").open("wb") as pdf:
        writer = PdfWriter()
        writer.add_blank_page(100, 100)
        writer.write(pdf)
    result = CliRunner().invoke(main, ["clean", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == ["b.bak.epub", "b.final.epub", "b.notes.html", "b.proof.pdf"]


def test_beyond_its_limit_the_cache_forgets_what_was_least_recently_used(tmp_path):
    cache = BuildCache(tmp_path / "cache")
    for number in range(5):
        cache.store("step", (number,), "文" * 1000)
        os.utime(cache._path("step", (number,)), (1_000_000 + number,) * 2)  # made in this order
    assert cache.load("step", (0,)) == "文" * 1000  # used again: now the most recent
    size = cache._path("step", (0,)).stat().st_size
    assert cache.prune(limit=2 * size) == 3
    assert [cache.load("step", (number,)) is MISSING for number in range(5)] == [False, True, True, True, False]


def test_the_cache_is_looked_over_only_once_what_builds_stored_may_pass_its_limit(tmp_path, monkeypatch):
    """Every build listed every entry (7 to 20 ms of 2,000); now a build adds what it stored to the
    size the last look noted, and looks again only past the limit."""
    BuildCache(tmp_path / "cache").store("step", (0,), "文" * 1000)
    size = BuildCache(tmp_path / "cache")._path("step", (0,)).stat().st_size
    assert BuildCache(tmp_path / "cache").prune(limit=10 * size) == 0  # never looked over: looked, and noted
    listed = []
    scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: listed.append(path) or scandir(path))
    builds = [BuildCache(tmp_path / "cache") for _ in range(3)]
    for number, build in enumerate(builds):
        for entry in range(4):
            build.store("step", (number, entry), "文" * 1000)
    assert [builds[0].prune(limit=10 * size), builds[1].prune(limit=10 * size), listed] == [0, 0, []]  # 9 entries
    assert builds[2].prune(limit=10 * size) == 3 and listed  # 13: looked over, and the 3 oldest removed
    assert len(list((tmp_path / "cache" / "step").glob("*.pickle"))) == 10


def remote_image(number: int) -> str:
    return f"# 第{number}篇\n\n正文。\n\n![图](https://example.com/{number}.png)\n"


def left_out(caplog) -> list[str]:
    """The articles whose remote image was left out, in the order the warnings were told."""
    return [Path(record.getMessage().partition(": image ")[0].rsplit(":", 1)[0]).name for record in caplog.records
            if "is not a file in the book" in record.getMessage()]


def test_the_warnings_of_reading_an_article_are_told_again_when_it_is_reused(tmp_path, caplog):
    book, out = make_book(tmp_path / "b", {**ARTICLES, "02-下/02-丁.md": remote_image(4)}, TOML), tmp_path / "out"
    rebuild(book, out)
    assert left_out(caplog) == ["02-丁.md"]
    caplog.clear()
    cache = rebuild(book, out)
    assert cache.reused["read"] == 4 and "read" not in cache.made
    assert left_out(caplog) == ["02-丁.md"]


def test_articles_read_on_every_core_have_their_warnings_told_once_in_the_book_order(tmp_path, caplog):
    """Enough articles to be read by forked workers: what a worker logged comes back with its article."""
    articles = {f"01-章/{number:02d}.md": remote_image(number) for number in range(1, 61)}
    book = make_book(tmp_path / "b", articles, '[book]\ntitle = "书"\n')
    rebuild(book, tmp_path / "out")
    assert left_out(caplog) == [f"{number:02d}.md" for number in range(1, 61)]


def test_what_a_failing_step_logged_is_told_before_its_error(caplog):
    from paiban.retold import kept, log

    def fails() -> None:
        log.warning("a warning before the error")
        raise paiban.PaibanError("the error")

    try:
        kept(fails)
    except paiban.PaibanError:
        pass
    assert [record.getMessage() for record in caplog.records] == ["a warning before the error"]
    assert kept(lambda: 1) == (1, ())


def test_a_picture_whose_name_is_not_utf8_is_an_error_not_the_caches_crash(tmp_path):
    """The cache keys an article by the names of the book's pictures: one in GBK (a Windows zip's)
    crashed the build with an internal UnicodeEncodeError, shown or not."""
    gbk = os.fsdecode("插图".encode("gbk"))
    book = make_book(tmp_path / "b", {**ARTICLES, f"images/{gbk}.png": claimed_png(10, 10)}, TOML)
    with pytest.raises(paiban.PaibanError) as error:
        rebuild(book, tmp_path / "out")
    assert error.value.file == book / "images"
    assert error.value.message.startswith("the name of the file '插图.png', as GBK reads it, is not UTF-8")
