"""paiban import: sources as editors have them → Markdown articles, a report, a book that builds."""

import base64
import io
import os
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from docx import Document
from docx.shared import Cm
from lxml import html
from PIL import Image

import paiban
from paiban.assemble import assemble
from paiban.config import load_config
from paiban.check.preflight import preflight
from paiban.convert import converter, make_edition
from paiban.edition import editions_for
from paiban.errors import PaibanError
from paiban.importer import plan_import, write_import
from paiban.sources import read_article

from conftest import FIXTURES, SEED, WECHAT_PLACEHOLDER, epubcheck_messages, make_book
from docx_sample import write_sample_docx
from test_cli import run

IMPORT_FIXTURES = FIXTURES / "import"
LAKE = IMPORT_FIXTURES / "page_files" / "lake.png"


def _zipped(name: str, content: bytes) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as writer:
        writer.writestr(name, content)
    return archive.getvalue()


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    """Every kind of source in one folder: GB18030, Big5, hard-wrapped text, a saved page, a .docx, the seed."""
    folder = tmp_path_factory.mktemp("sources")
    shutil.copytree(IMPORT_FIXTURES, folder, dirs_exist_ok=True)
    shutil.copy(SEED, folder / "seed.txt")
    write_sample_docx(folder / "书屋.docx", LAKE)
    return folder


@pytest.fixture(scope="module")
def imported(sources, tmp_path_factory) -> Path:
    book = make_book(tmp_path_factory.mktemp("book") / "来稿集", {})
    write_import(plan_import([sources], book, "01-来稿"))
    return book


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_each_source_becomes_a_numbered_article_named_by_its_title(imported):
    assert sorted(p.name for p in (imported / "01-来稿").glob("*.md")) == [
        "01-山城的秋天.md", "02-旧书店里的新生意.md", "03-老街区的小菜园.md", "04-湖畔的清晨.md",
        "05-凝心聚力抓落实-砥砺奋进启新程.md", "06-社区书屋的一年.md"]


def test_gb18030_news_text_becomes_front_matter_and_clean_markdown(imported):
    assert (imported / "01-来稿" / "03-老街区的小菜园.md").read_text(encoding="utf-8") == (
        "---\ntitle: 老街区的小菜园\ncolumn: 城市新闻\nauthor: 周明、孙晓\ndate: '2023-05-12'\n"
        "source: 示例日报\n---\n\n"
        "在城南一片老住宅区里，几位退休居民把楼下闲置的空地改成了小菜园。\n\n"
        "菜园不大，只有二十多平方米，却种了番茄、黄瓜和几垄青菜。每天傍晚，总有邻居过来帮忙浇水。\n\n"
        "## 邻里之间的新话题\n\n"
        "“以前住了十几年，很多邻居都叫不上名字。”居民老陈说，“现在大家见面就聊菜长得怎么样。”\n\n"
        "社区工作人员表示，下一步打算在另外两个小区推广这种做法。\n")


def test_saved_page_becomes_markdown_with_its_image_copied_beside_it(imported):
    text = (imported / "01-来稿" / "04-湖畔的清晨.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: 湖畔的清晨\nauthor: 林小雨\ndate: '2024-03-02'\nsource: 示例晚报网\n---\n\n"
                           "清晨六点，湖面上还飘着一层薄雾")
    for kept in ("## 早起的人们", '![薄雾中的湖面](images/04-1.png "薄雾中的湖面")', "- 沿着湖岸慢跑",
                 "| 时段 | 人数 |", "| 七点到八点 | 约八十人 |", "[湖区介绍](https://example.com/lake)", "**请注意**"):
        assert kept in text
    for dropped in ("首页", "广告", "网友评论", "相关阅读", "版权所有", "script", "onclick", "track("):
        assert dropped not in text
    assert (imported / "01-来稿" / "images" / "04-1.png").read_bytes() == LAKE.read_bytes()


def test_docx_becomes_markdown_with_footnotes_lists_table_and_its_image(imported):
    text = (imported / "01-来稿" / "06-社区书屋的一年.md").read_text(encoding="utf-8")
    assert text == (
        "---\ntitle: 社区书屋的一年\n---\n\n"
        "去年春天，社区在活动中心的二楼开了一间小书屋。[^1]\n\n"
        "## 书从哪里来\n\n"
        "书架上的书大多是居民捐的，**每一本**都贴着捐书人写的小纸条，*读起来很有意思*。\n\n"
        "第一批图书一共有三类：\n\n- 儿童绘本\n- 历史读物\n- 菜谱和园艺书\n\n"
        "## 怎么借书\n\n1. 在前台登记姓名；\n2. 每次最多借两本；\n3. 两周内归还。\n\n"
        "| 月份 | 借出册数 |\n| --- | --- |\n| 一月 | 120 |\n| 二月 | 95 |\n\n"
        "![书屋的书架](images/06-1.png){width=151}\n\n"
        "到了年底，书屋已经有了一千多本书。[^2]\n\n"
        "[^1]: 这里的数字是作者自己记录的。\n[^2]: 数据来自社区的公告栏。\n")
    assert (imported / "01-来稿" / "images" / "06-1.png").read_bytes() == LAKE.read_bytes()


def test_imported_article_reads_back_with_the_detected_fields(imported):
    article = read_article(imported / "01-来稿" / "05-凝心聚力抓落实-砥砺奋进启新程.md", imported)
    assert (article.title, article.column, article.author) == (
        "凝心聚力抓落实　砥砺奋进启新程", "全方位推动高质量发展透视", "陈俊琦")
    assert article.body.count("<h3>") == 3 and article.body.count("<p>") == 18


def test_imported_book_builds_an_epub_that_passes_epubcheck(imported, tmp_path):
    outputs = paiban.build(imported, formats=["epub"], output=tmp_path)
    assert epubcheck_messages(outputs[0].path) == []


def test_a_superscript_is_imported_as_html_markdown_has_no_syntax_for(tmp_path):
    source = tmp_path / "a.html"
    source.write_text("<h1>题</h1><p>河道巡查<sup>1</sup>和水位H<sub>2</sub>记录。</p>", encoding="utf-8")
    planned = plan_import([source], make_book(tmp_path / "b", {}))
    assert planned[0].markdown.endswith("河道巡查<sup>1</sup>和水位H<sub>2</sub>记录。\n")


def test_an_articles_subtitle_is_imported_as_front_matter(tmp_path):
    """Taken out of the text as the article's, a subtitle would be lost in the Markdown written."""
    source = tmp_path / "a.txt"
    source.write_text("扎根山村三十年的乡村教师\n——记青川市北坡小学教师林秋\n\n清晨六点。\n", encoding="utf-8")
    book = make_book(tmp_path / "b", {})
    write_import(plan_import([source], book))
    [written] = book.glob("*.md")
    assert written.read_text(encoding="utf-8") == (
        "---\ntitle: 扎根山村三十年的乡村教师\nsubtitle: ——记青川市北坡小学教师林秋\n---\n\n清晨六点。\n")
    assert read_article(written, book).subtitle == "——记青川市北坡小学教师林秋"


@pytest.mark.parametrize("table", [
    "<tr><th>时间</th><th>内容</th><th>时长</th></tr><tr><td rowspan='2'>上午</td><td>参观</td><td>2小时</td></tr>"
    "<tr><td>讲座</td><td>1小时</td></tr><tr><td>14:00</td><td>座谈</td><td>4小时</td></tr>",
    "<tr><th colspan='2'>合计</th></tr><tr><td>甲</td><td>乙</td></tr>",
    "<caption>各站时刻</caption><tr><th>站</th><th>时刻</th></tr><tr><td>北</td><td>8:00</td></tr>",
    "<tr><th>项目</th><th align='right'>金额</th></tr><tr><td>纸</td><td align='right'>1,200</td></tr>",
], ids=["rowspan", "colspan", "caption", "aligned"])
def test_a_table_markdown_cannot_write_is_imported_as_the_html_it_is(tmp_path, table):
    """Written as a Markdown table, a row after a cell spanning two rows was shifted a column
    (4小时 under 内容, 时长 left empty), a caption became a paragraph, an alignment was lost."""
    book = make_book(tmp_path / "b", {"01-c/a.html": f"<h1>日程</h1><p>前文。</p><table>{table}</table><p>后文。</p>"})
    source = book / "01-c" / "a.html"
    write_import(plan_import([source], book, "02-c"))
    imported = next((book / "02-c").glob("*.md"))

    def cells(path):
        root = html.fragment_fromstring(read_article(path, book).body, create_parent="div")
        return [(cell.tag, cell.text_content(), dict(cell.attrib)) for cell in root.iter("caption", "th", "td", "p")]

    assert cells(imported) == cells(source)


def _source_and_import_built(tmp_path: Path, markdown: str) -> tuple[str, str]:
    """The body the build makes of the Markdown article ``markdown``, and of its import."""
    book = make_book(tmp_path / "b", {"01-c/a.md": markdown})
    source = book / "01-c" / "a.md"
    write_import(plan_import([source], book, "02-c"))
    return read_article(source, book).body, read_article(next((book / "02-c").glob("*.md")), book).body


def test_a_line_break_in_a_table_cell_is_imported_as_the_break_it_is(tmp_path):
    """语雀 and 飞书 write a cell of two lines with <br/>: imported, its lines were joined by a space
    (第一行 第二行, 香 浓), though the build of the export kept the break."""
    built, imported = _source_and_import_built(tmp_path, (
        "# 茶单\n\n| 名称<br>别名 | 说明 |\n| --- | --- |\n| 龙井 | 第一行<br/>第二行 |\n| 碧螺春 | 香<br>**浓** |\n"))
    assert imported == built
    cells = html.fragment_fromstring(imported, create_parent="div").iter("th", "td")
    assert [html.tostring(cell, encoding="unicode").strip() for cell in cells if cell.find("br") is not None] == [
        "<th>名称<br>别名</th>", "<td>第一行<br>第二行</td>", "<td>香<br><strong>浓</strong></td>"]


def test_a_code_blocks_language_and_attributes_are_imported_after_its_fence(tmp_path):
    """Imported as bare fences, a mermaid and a python block built <code> without their
    language-mermaid and language-python classes, and a block lost its id and its language."""
    built, imported = _source_and_import_built(tmp_path, (
        "# 流程\n\n```mermaid\ngraph TD\n  A[豆浆铺] --> B[茶馆]\n```\n\n```python {#c1 .numbered lang=en}\n"
        "print(\"茶\")\n```\n\n``` {#c2}\n无语言\n```\n"))
    assert imported == built
    assert [dict(code.attrib) for code in html.fragment_fromstring(imported, create_parent="div").iter("code")] == [
        {"class": "language-mermaid"}, {"id": "c1", "lang": "en", "class": "numbered language-python"}, {"id": "c2"}]


def test_a_heading_or_a_block_in_another_language_keeps_its_language_when_imported(tmp_path):
    """Written bare, a Traditional heading and an English paragraph of a Simplified page lost the
    tags that draw and set them (the build then set them as the book's Simplified text)."""
    book = make_book(tmp_path / "b", {"01-c/a.html": (
        '<h1>题</h1><h2 lang="zh-Hant" id="後記">後記</h2><p>简体的一段。</p><p lang="en">An English paragraph.</p>'
        '<div lang="en"><p>One.</p><p lang="fr">Deux.</p></div><h2 id="s1">节</h2>')})
    source = book / "01-c" / "a.html"
    write_import(plan_import([source], book, "02-c"))
    imported = next((book / "02-c").glob("*.md"))

    def blocks(path):
        """Each heading and paragraph: its text, id, and the language it is set in (its own, or
        its nearest ancestor's: a paragraph is written as a ``::: {lang=…}`` block, its division)."""
        root = html.fragment_fromstring(read_article(path, book).body, create_parent="div")
        languages = [next((up.get("lang") for up in (element, *element.iterancestors()) if up.get("lang")), None)
                     for element in root.iter("h3", "p")]
        return [(element.tag, language, element.get("id"), element.text_content())
                for element, language in zip(root.iter("h3", "p"), languages, strict=True)]

    assert blocks(imported) == blocks(source)
    assert [lang for _, lang, _, _ in blocks(imported)] == ["zh-Hant", None, "en", "en", "fr", None]


def test_text_that_looks_like_markdown_is_imported_as_the_text_it_is(tmp_path):
    """Written bare, these lines came back as a heading, a list, bold, a no-convert span and a
    poem (a line opening with a bar and a space is a line of Pandoc's line block)."""
    book = make_book(tmp_path / "b", {"01-c/a.txt": "标题\n# 号开头的段落。\n2024. 年份加点开头。\n"
                                      "和 <b>尖括号</b> 以及 [方括号]{.no-convert}。\n- 减号开头\n"
                                      "*星号* 与 _下划线_、`反引号`、\\反斜杠和 &copy; 照写。\n> 大于号开头\n"
                                      "3) 括号编号\n+ 加号开头\n| 竖线开头\n"})
    source = book / "01-c" / "a.txt"
    write_import(plan_import([source], book, "02-c"))
    imported = next((book / "02-c").glob("*.md"))
    assert [(element.tag, element.text_content()) for element in html.fragments_fromstring(
        read_article(imported, book).body)] == [
        (element.tag, element.text_content()) for element in html.fragments_fromstring(read_article(source, book).body)]


def test_report_lists_what_was_detected(sources, tmp_path):
    book = make_book(tmp_path / "b", {})
    result = run("import", str(sources), "--into", str(book), "--chapter", "02-来稿")
    assert result.returncode == 0, result.stderr
    report = result.stdout
    for expected in ("Imported 6 article(s)", "02-来稿/03-老街区的小菜园.md", "garden-gb18030.txt", "城市新闻",
                     "周明、孙晓", "2023-05-12", "示例日报", "GB18030", "Big5", "subheadings", "junk removed"):
        assert expected in report
    row = next(line for line in report.splitlines() if "garden-gb18030.txt" in line)
    assert row.split("\t")[-3:] == ["1", "9", "0"]  # subheadings, junk, images


@pytest.mark.parametrize("listed", [False, True])
def test_an_article_imported_into_a_book_that_lists_its_chapters_is_said_to_be_left_out(sources, tmp_path, listed):
    """The import said "Imported 1 article(s)", and the book built without it: its book.toml
    lists its chapters' articles. A book that reads its folders picks it up and says nothing."""
    toml = '[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["01-章/01.md"]\n' if listed else \
        '[book]\ntitle = "书"\n'
    book = make_book(tmp_path / "b", {"01-章/01.md": "# 甲\n\n正文。\n"}, toml)
    result = run("import", str(sources / "page.html"), "--into", str(book), "--chapter", "99-来稿")
    assert result.returncode == 0, result.stderr
    warned = " ".join(result.stderr.split())
    if listed:
        assert "01-湖畔的清晨.md: imported, but the book does not read it" in warned
        assert 'Add "99-来稿/01-湖畔的清晨.md" to a chapter\'s `articles`' in warned
    else:
        assert "does not read it" not in warned


def test_an_article_imported_beside_a_listed_one_is_said_to_be_left_out_once(sources, tmp_path):
    """The book's own warning of an article file no chapter lists was told too, as the import looked
    for what the book reads: each imported article was named twice."""
    toml = '[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["01-章/01.md"]\n'
    book = make_book(tmp_path / "b", {"01-章/01.md": "# 甲\n\n正文。\n"}, toml)
    result = run("import", str(sources / "page.html"), "--into", str(book), "--chapter", "01-章")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("湖畔的清晨.md") == 2  # the file, and the path to add
    assert "imported, but the book does not read it" in " ".join(result.stderr.split())


def test_dry_run_prints_the_report_and_writes_nothing(sources, tmp_path):
    book = make_book(tmp_path / "b", {})
    before = snapshot(book)
    result = run("import", str(sources / "page.html"), "--into", str(book), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Would import 1 article(s)" in result.stdout and "dry run: nothing written" in result.stdout
    assert "01-湖畔的清晨.md" in result.stdout
    assert snapshot(book) == before


def test_a_folders_hidden_files_and_word_lock_files_are_not_imported(tmp_path):
    folder = tmp_path / "来稿"
    folder.mkdir()
    shutil.copy(IMPORT_FIXTURES / "autumn-big5.txt", folder)
    (folder / "~$稿件.docx").write_bytes(b"\x05lock")
    (folder / "._稿件.docx").write_bytes(b"\x00\x05\x16\x07")
    planned = plan_import([folder], make_book(tmp_path / "b", {}))
    assert [item.source.name for item in planned] == ["autumn-big5.txt"]


@pytest.mark.parametrize("given", ["folder", "file"])
def test_a_source_whose_name_is_not_utf8_is_refused_naming_it_as_gbk_reads_it(tmp_path, given):
    """It was imported, titled after its name: \\uDCD5\\uDCFD\\uDCCEĶ\\uDCFE in its front matter, and
    the GBK name copied into the book, whose build then crashed."""
    folder = tmp_path / "来稿"
    folder.mkdir()
    source = folder / os.fsdecode("正文二.txt".encode("gbk"))
    source.write_text("正文没有标题。\n", encoding="utf-8")
    book = make_book(tmp_path / "b", {})
    with pytest.raises(PaibanError) as error:
        plan_import([folder if given == "folder" else source], book)
    assert error.value.file == folder
    assert error.value.message.startswith("the name of the file '正文二.txt', as GBK reads it, is not UTF-8")
    assert "`unzip -O GBK FILE.zip`" in error.value.hint and str(folder) in error.value.hint
    assert not list(book.rglob("*.md"))


def test_a_folders_chapters_are_imported_in_the_order_of_their_numbers(tmp_path):
    """The numbers the import gives (01-, 02-, …) follow 第2章 before 第10章, not the names as text."""
    folder = tmp_path / "来稿"
    folder.mkdir()
    for name in ("第10章", "第2章", "第1章"):
        (folder / f"{name}.txt").write_text(f"{name}\n\n正文。\n", encoding="utf-8")
    planned = plan_import([folder], make_book(tmp_path / "b", {}))
    assert [item.source.name for item in planned] == ["第1章.txt", "第2章.txt", "第10章.txt"]


def test_a_folders_subfolders_are_not_imported_but_named_in_a_warning(tmp_path, caplog):
    """sub/ was skipped without a word; a saved page's own folder (page_files beside page.html) is no such folder."""
    folder = tmp_path / "来稿"
    shutil.copytree(IMPORT_FIXTURES, folder)
    (folder / "sub").mkdir()
    shutil.copy(IMPORT_FIXTURES / "autumn-big5.txt", folder / "sub" / "a2.txt")
    planned = plan_import([folder], make_book(tmp_path / "b", {}))
    assert "sub/a2.txt" not in [item.source.relative_to(folder).as_posix() for item in planned]
    assert [record.getMessage() for record in caplog.records if record.levelname == "WARNING"
            and "its folder" in record.getMessage()] == [
        f"{folder}: its folder sub is not imported (only a folder's own files are); give it as a source to import it"]


def test_a_folder_of_chapter_folders_names_them_as_it_says_nothing_is_imported(tmp_path, caplog):
    """The commonest way to import nothing: its subfolders' warnings were its only explanation, and
    they had gone (told after the articles were planned, which there were none of)."""
    folder = tmp_path / "src"
    for chapter in ("01-春", "02-夏"):
        (folder / chapter).mkdir(parents=True)
        (folder / chapter / "a.md").write_text("# 甲\n\n正文。\n", encoding="utf-8")
    with pytest.raises(PaibanError, match="nothing to import"):
        plan_import([folder], make_book(tmp_path / "b", {}))
    assert [record.getMessage() for record in caplog.records if "its folder" in record.getMessage()] == [
        f"{folder}: its folder {chapter} is not imported (only a folder's own files are); give it as a source to "
        "import it" for chapter in ("01-春", "02-夏")]


def test_a_saved_pages_picture_folder_its_page_uses_is_named_in_no_warning_whatever_the_pages_name(tmp_path, caplog):
    """The page saved as 旧书摊上的一本诗集.html and renamed 01-saved.html: its folder of pictures,
    imported as the page's, was named in a warning saying to import it, which finds nothing to."""
    folder = tmp_path / "来稿"
    (folder / "旧书摊上的一本诗集_files").mkdir(parents=True)
    shutil.copy(LAKE, folder / "旧书摊上的一本诗集_files" / "book.png")
    (folder / "unused_files").mkdir()  # no page of this name, none of its files used, an article in it: named
    (folder / "unused_files" / "a.md").write_text("# 甲\n\n正文。\n", encoding="utf-8")
    (folder / "01-saved.html").write_text('<h1>旧书摊上的一本诗集</h1><p>周末去旧书市场。</p>'
                                          '<img src="旧书摊上的一本诗集_files/book.png" alt="书">', encoding="utf-8")
    planned = plan_import([folder], make_book(tmp_path / "b", {}))
    assert [target.name for target in planned[0].images] == ["01-1.png"]
    assert [record.getMessage() for record in caplog.records if "its folder" in record.getMessage()] == [
        f"{folder}: its folder unused_files is not imported (only a folder's own files are); "
        "give it as a source to import it"]


def test_a_folder_holding_no_article_is_named_in_no_warning(tmp_path, caplog):
    """A Markdown folder's img/, its articles' pictures: the warning said to give it as a source,
    which then found nothing to import."""
    folder = tmp_path / "稿件"
    (folder / "img").mkdir(parents=True)
    shutil.copy(LAKE, folder / "img" / "lake.png")
    (folder / "a.md").write_text("# 湖\n\n正文。\n\n![湖](img/lake.png)\n", encoding="utf-8")
    planned = plan_import([folder], make_book(tmp_path / "b", {}))
    assert [target.name for target in planned[0].images] == ["01-1.png"]
    assert "its folder" not in caplog.text


def test_an_image_left_out_is_named_by_its_path_as_written_not_percent_encoded(tmp_path, caplog):
    source = tmp_path / "稿件" / "图文.md"
    source.parent.mkdir()
    source.write_text("# 图文\n\n![书架](../封面/书架.jpg)\n\n正文。\n", encoding="utf-8")
    plan_import([source], make_book(tmp_path / "b", {}))
    assert f"{source}: image '../封面/书架.jpg' is not a file beside the source; it was left out" in caplog.text


def test_a_picture_linked_as_windows_finds_it_is_imported(tmp_path, caplog):
    """`images\\图1.png` and `images/Pic.JPG` (for pic.jpg) were left out, alt text and all, as "not a file
    beside the source", though each was."""
    source = tmp_path / "稿件" / "图文.md"
    (source.parent / "images").mkdir(parents=True)
    shutil.copy(LAKE, source.parent / "images" / "图1.png")
    shutil.copy(LAKE, source.parent / "images" / "pic.png")
    source.write_text("# 图\r\n\r\n![一](images\\图1.png)\r\n\r\n![二](images/Pic.PNG)\r\n\r\n尾段。\r\n",
                      encoding="utf-8")
    [planned] = plan_import([source], make_book(tmp_path / "b", {}))
    assert list(planned.images.values()) == [source.parent / "images" / "图1.png", source.parent / "images" / "pic.png"]
    assert "![一](images/01-1.png)\n\n![二](images/01-2.png)\n\n尾段。" in planned.markdown
    assert "not a file beside" not in caplog.text


def test_new_articles_are_numbered_after_the_existing_ones(tmp_path):
    book = make_book(tmp_path / "b", {"新闻/01-旧文.md": "# 旧文\n\n正文。\n", "新闻/07-另一篇.md": "正文。\n"})
    planned = plan_import([IMPORT_FIXTURES / "autumn-big5.txt"], book, "新闻")
    assert planned[0].target == book / "新闻" / "08-山城的秋天.md"


def test_an_existing_article_is_kept_without_force_and_replaced_with_it(tmp_path):
    book = make_book(tmp_path / "b", {"03-山城的秋天.md": "旧的版本\n"})
    result = run("import", str(IMPORT_FIXTURES / "autumn-big5.txt"), "--into", str(book))
    assert result.returncode == 2 and "already has this article" in result.stderr and "--force" in result.stderr
    assert (book / "03-山城的秋天.md").read_text(encoding="utf-8") == "旧的版本\n"
    result = run("import", str(IMPORT_FIXTURES / "autumn-big5.txt"), "--into", str(book), "--force")
    assert result.returncode == 0, result.stderr
    assert "(replaced)" in result.stdout
    assert (book / "03-山城的秋天.md").read_text(encoding="utf-8").startswith("---\ntitle: 山城的秋天\n")
    assert sorted(p.name for p in book.glob("*.md")) == ["03-山城的秋天.md"]


@pytest.mark.parametrize("copy", [False, True])
def test_one_article_given_twice_in_one_run_is_refused(tmp_path, copy):
    """The same file twice, or two files of one title, made 01-山城的秋天.md and 02-山城的秋天.md."""
    book = make_book(tmp_path / "b", {})
    first = IMPORT_FIXTURES / "autumn-big5.txt"
    second = shutil.copy(first, tmp_path / "copy.txt") if copy else first
    with pytest.raises(PaibanError, match="imported twice") as error:
        plan_import([first, second], book, force=True)
    assert error.value.file == second


BAD_SOURCES = {
    "binary file": ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
                    "photo.txt: binary data, not text (it looks like a PNG image)"),
    "empty file": ("empty.txt", b"", "empty.txt: the article is empty"),
    "unknown extension": ("notes.pdf", b"%PDF-1.7\n", "notes.pdf: unsupported article format '.pdf'"),
    "docx that is not a zip": ("letter.docx", "亲爱的编辑：\n".encode(), "letter.docx: not a Word document"),
    "docx whose XML is cut short": ("cut.docx", _zipped("word/document.xml", b"<w:document><w:body><w:p"),
                                    "cut.docx: cannot read the Word document"),
}


@pytest.mark.parametrize("case", BAD_SOURCES)
def test_a_bad_source_is_an_error_and_the_book_stays_unchanged(tmp_path, case):
    name, content, expected = BAD_SOURCES[case]
    book = make_book(tmp_path / "b", {"01-旧文.md": "正文。\n"})
    (tmp_path / "in").mkdir()
    good = shutil.copy(IMPORT_FIXTURES / "autumn-big5.txt", tmp_path / "in" / "a.txt")
    bad = tmp_path / "in" / name
    bad.write_bytes(content)
    before = snapshot(book)
    result = run("import", str(good), str(bad), "--into", str(book), "--chapter", "02-来稿")
    assert result.returncode == 2
    assert expected in result.stderr.replace(str(tmp_path / "in") + "/", "")
    assert "Traceback" not in result.stderr
    assert snapshot(book) == before and not (book / "02-来稿").exists()


def test_importing_outside_a_book_is_an_error(tmp_path):
    with pytest.raises(PaibanError, match="no book.toml"):
        plan_import([IMPORT_FIXTURES / "autumn-big5.txt"], tmp_path)


def test_importing_into_a_chapters_folder_names_the_book_and_the_chapter(tmp_path):
    """It said "no book.toml", to make one with `paiban new DIR`."""
    book = make_book(tmp_path / "b", {"01-开篇/a.md": "# A\n"}, '[book]\ntitle = "书"\n')
    with pytest.raises(PaibanError) as caught:
        plan_import([IMPORT_FIXTURES / "autumn-big5.txt"], book / "01-开篇")
    assert caught.value.hint.startswith(f"It is a folder of the book in {book.resolve()}: import into the book, "
                                        "naming the chapter, --into ")
    assert caught.value.hint.endswith(" --chapter 01-开篇.")


@pytest.mark.parametrize("chapter", ["../out", "build", ".hidden"])
def test_a_chapter_must_be_a_plain_folder_of_the_book(tmp_path, chapter):
    book = make_book(tmp_path / "b", {})
    with pytest.raises(PaibanError, match="cannot be a chapter folder"):
        plan_import([IMPORT_FIXTURES / "autumn-big5.txt"], book, chapter)


def _imported_body(tmp_path: Path, page: str, files: dict[str, bytes] | None = None) -> str:
    """The body the build makes of ``page`` (an HTML source, with ``files`` beside it) once imported."""
    source = tmp_path / "in" / "page.html"
    source.parent.mkdir()
    source.write_text(page, encoding="utf-8")
    for name, content in (files or {}).items():
        (source.parent / name).parent.mkdir(parents=True, exist_ok=True)
        (source.parent / name).write_bytes(content)
    book = make_book(tmp_path / "b", {})
    write_import(plan_import([source], book, "01-c"))
    return read_article(next((book / "01-c").glob("*.md")), book).body.strip()


def test_struck_out_text_is_imported_as_html_not_tildes_printed_as_they_are(tmp_path):
    body = _imported_body(tmp_path, "<h1>题</h1><p>原价<s>九十元</s>，现价<del>八十</del>六十元。</p>")
    assert body == "<p>原价<s>九十元</s>，现价<del>八十</del>六十元。</p>"


def test_a_bold_label_of_an_interview_is_imported_bold_not_asterisks_printed(tmp_path):
    """<strong>问：</strong>您 was imported as **问：**您, which printed its asterisks: CommonMark
    closes no ** after the full-width colon and before a Chinese character."""
    body = _imported_body(tmp_path, "<h1>访谈</h1><p><strong>问：</strong>您在老街住了多少年？</p>"
                                    "<p><b>记者：</b>这些年最大的变化是什么？</p>")
    assert body == ("<p><strong>问：</strong>您在老街住了多少年？</p>\n"
                    "<p><strong>记者：</strong>这些年最大的变化是什么？</p>")


BLANK_DATA = "data:image/gif;base64,R0lGODlhAQABAAAAACw="  # the same, as a lazy page's src has it
BLANK_GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
             b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")  # a 1×1 placeholder


def test_a_noscript_image_is_kept_only_where_the_page_shows_it_nowhere_else(tmp_path):
    """noscript's <img> was printed in the book as the text <img src=…>."""
    body = _imported_body(tmp_path, '<h1>题</h1><p>第一段。</p><img data-src="p/real.png" alt="照片">'
                                    '<noscript><img src="p/real.png" alt="照片"></noscript><p>第二段。</p>'
                                    '<noscript><img src="p/other.png" alt="另一张">请开启脚本</noscript>',
                          {"p/real.png": LAKE.read_bytes(), "p/other.png": LAKE.read_bytes()})
    assert "&lt;img" not in body and "请开启脚本" not in body
    assert [image.get("alt") for image in html.fragment_fromstring(body, "div").iter("img")] == ["照片", "另一张"]


@pytest.mark.parametrize("attributes", ['src="p/blank.gif" data-src="p/real.png"', 'data-original="p/real.png"',
                                        f'src="{BLANK_DATA}" data-lazy-src="p/real.png"',
                                        'srcset="p/small.png 320w, p/real.png 640w"'])
def test_a_lazy_loaded_image_is_imported_from_its_real_address(tmp_path, attributes):
    """The 1×1 placeholder was imported, or (with no src) the image left out with a warning naming ''."""
    source_files = {"p/blank.gif": BLANK_GIF, "p/small.png": BLANK_GIF, "p/real.png": LAKE.read_bytes()}
    body = _imported_body(tmp_path, f'<h1>题</h1><p>正文。</p><img {attributes} alt="湖">', source_files)
    image = next(html.fragment_fromstring(body, "div").iter("img"))
    assert (tmp_path / "b" / image.get("src")).read_bytes() == LAKE.read_bytes()


@pytest.mark.parametrize("srcset", ["p/real.png 1.2.3x, p/real.png 2x", "p/small.png 300w, p/w_600,h_400.png 600w",
                                    "p/small.png 1x,p/real.png 2x"])
def test_a_srcset_is_read_by_its_grammar(tmp_path, srcset):
    """A descriptor like 1.2.3x stopped the import with an internal error; an address holding
    commas (Cloudinary's w_300,h_200) was cut at them."""
    source_files = {"p/small.png": BLANK_GIF, "p/w_600,h_400.png": LAKE.read_bytes(), "p/real.png": LAKE.read_bytes()}
    body = _imported_body(tmp_path, f'<h1>题</h1><p>正文。</p><img srcset="{srcset}" alt="湖">', source_files)
    image = next(html.fragment_fromstring(body, "div").iter("img"))
    assert (tmp_path / "b" / image.get("src")).read_bytes() == LAKE.read_bytes()


@pytest.mark.parametrize("real", ["../outside.png", "https://example.com/real.png"])
def test_a_lazy_images_real_address_is_held_to_files_beside_the_source(tmp_path, caplog, real):
    (tmp_path / "outside.png").write_bytes(LAKE.read_bytes())
    body = _imported_body(tmp_path, f'<h1>题</h1><p>正文。</p><img src="{BLANK_DATA}" data-src="{real}">')
    assert "<img" not in body
    assert f"image '{real}' is not a file beside the source; it was left out" in caplog.text


def test_a_page_saved_complete_keeps_its_saved_image_over_the_remote_data_src(tmp_path):
    """"Save Page As → complete" points src at the saved copy and leaves data-src remote: the
    image was left out as remote."""
    body = _imported_body(tmp_path, '<h1>题</h1><p>正文。</p><img src="page_files/a.png" '
                                    'data-src="https://cdn.example.com/a.png" alt="湖">',
                          {"page_files/a.png": LAKE.read_bytes()})
    image = next(html.fragment_fromstring(body, "div").iter("img"))
    assert (tmp_path / "b" / image.get("src")).read_bytes() == LAKE.read_bytes()


@pytest.mark.parametrize(("attributes", "real"), [
    (f'src="{BLANK_DATA}" data-src="/wp-content/uploads/a.jpg"', "/wp-content/uploads/a.jpg"),
    ('srcset="/uploads/a-300.jpg 300w, /uploads/a-600.jpg 600w"', "/uploads/a-600.jpg")])
def test_a_site_relative_lazy_address_is_left_out_of_a_build_with_a_warning(tmp_path, caplog, attributes, real):
    """An HTML article in the book whose lazy image points at the site's root stopped the build:
    "image … is outside the book directory"."""
    book = make_book(tmp_path / "b", {})
    page = book / "page.html"
    page.write_text(f'<h1>题</h1><p>正文。</p><p><img {attributes} alt="湖"></p><p>又一段。</p>', encoding="utf-8")
    body = read_article(page, book).body
    assert "<img" not in body and "又一段" in body
    assert f"image '{real}' is not a file beside the source; it was left out" in caplog.text


def test_a_figures_caption_is_imported_as_its_images_caption(tmp_path):
    """The alt text became the caption, and the figcaption a paragraph of the body."""
    body = _imported_body(tmp_path, '<h1>题</h1><p>正文。</p><figure><img src="a.png" alt="石桥">'
                                    '<figcaption>修缮后的<b>石桥</b>，摄于清晨。</figcaption></figure><p>又一段。</p>',
                          {"a.png": LAKE.read_bytes()})
    figure = html.fragments_fromstring(body)[1]
    assert (figure.tag, figure.findtext("figcaption"), figure.find("img").get("alt")) == (
        "figure", "修缮后的石桥，摄于清晨。", "石桥")
    assert [element.tag for element in html.fragments_fromstring(body)] == ["p", "figure", "p"]


def test_a_picture_with_its_caption_after_a_line_break_is_imported_as_a_captioned_figure(tmp_path):
    """<p><img><br>图1　…</p> was written as the picture with its caption on the line under it,
    which built as a picture set in the line, its caption beside it."""
    page = '<h1>题</h1><p>正文。</p><p><img src="a.png" alt="红烧肉成品"><br>图1　红烧肉成品</p>'
    body = _imported_body(tmp_path, page, {"a.png": LAKE.read_bytes()})
    figure = html.fragments_fromstring(body)[1]
    assert (figure.tag, figure.findtext("figcaption")) == ("figure", "图1　红烧肉成品")


def test_figures_in_a_row_are_imported_as_figures_each_with_its_caption(tmp_path):
    """Two figures in a row became one paragraph of two images, their captions lost; a caption's
    line break ran its lines together."""
    body = _imported_body(tmp_path, '<h1>题</h1><p>正文。</p><figure><img src="a.png" alt="桥">'
                                    "<figcaption>修缮前的<b>石桥</b></figcaption></figure>"
                                    '<figure><img src="a.png" alt="桥二">'
                                    "<figcaption>图1 石桥<br>摄影：张三</figcaption></figure><p>又一段。</p>",
                          {"a.png": LAKE.read_bytes()})
    blocks = html.fragments_fromstring(body)
    assert [block.tag for block in blocks] == ["p", "figure", "figure", "p"]
    assert [figure.findtext("figcaption") for figure in blocks[1:3]] == ["修缮前的石桥", "图1 石桥 摄影：张三"]


# A pinyin reader's ruby as web pages and Markdown write it: a reading each, a word's, one in
# parentheses, and the empty reading of punctuation read character by character.
RUBY = ('<ruby>小<rt>xiǎo</rt></ruby><ruby>鸟<rp>(</rp><rt>niǎo</rt><rp>)</rp></ruby>'
        '<ruby>花儿<rt>huār</rt></ruby><ruby>，<rt></rt></ruby>')


@pytest.mark.parametrize("name", ["page.html", "page.md"])
def test_ruby_is_imported_as_the_ruby_it_is_not_its_readings_run_into_the_text(tmp_path, name):
    """Each reading was written into the text after its base (小xiǎo鸟(niǎo)花儿huār，), which the
    imported book printed as text in every format and an edition converted."""
    source = tmp_path / name
    source.write_text(f"<h1>题</h1>\n\n<p>{RUBY}飞。</p>\n", encoding="utf-8")  # (Markdown's raw HTML)
    [planned] = plan_import([source], make_book(tmp_path / "b", {}))
    assert planned.markdown.endswith(f"{RUBY}飞。\n")
    write_import([planned])
    assert read_article(planned.target, tmp_path / "b").body.strip() == read_article(source, tmp_path).body.strip()


def test_a_title_with_ruby_is_imported_as_a_heading_keeping_it_and_named_by_its_base(tmp_path):
    """The title's readings ran into its text, in the report's title and the file's name too
    (01-小xiǎo鸟niǎo找家.md)."""
    title = '<ruby>小<rt>xiǎo</rt></ruby><ruby>鸟<rp>(</rp><rt>niǎo</rt><rp>)</rp></ruby>找家'
    source = tmp_path / "page.html"
    source.write_text(f"<h1>{title}</h1><p>正文。</p>", encoding="utf-8")
    [planned] = plan_import([source], make_book(tmp_path / "b", {}))
    assert (planned.target.name, planned.title) == ("01-小鸟找家.md", "小鸟找家")
    assert planned.markdown == f"# {title}\n\n正文。\n"


def test_a_docx_title_with_ruby_is_imported_as_a_heading_keeping_it_and_named_by_its_base(tmp_path):
    """A title with 拼音指南 was written, and its file named, with its readings in parentheses
    (01-小(xiǎo)鸟(niǎo).md)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    title = document.add_heading("", level=0)
    for base, reading in (("小", "xiǎo"), ("鸟", "niǎo")):
        title._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:ruby><w:rt><w:r><w:t>{reading}</w:t></w:r></w:rt>'
                                  f'<w:rubyBase><w:r><w:t>{base}</w:t></w:r></w:rubyBase></w:ruby></w:r>'))
    document.add_paragraph("正文。")
    document.save(source := tmp_path / "a.docx")
    [planned] = plan_import([source], make_book(tmp_path / "b", {}))
    assert (planned.target.name, planned.title) == ("01-小鸟.md", "小鸟")
    assert planned.markdown == ("# <ruby>小<rp>(</rp><rt>xiǎo</rt><rp>)</rp></ruby>"
                                "<ruby>鸟<rp>(</rp><rt>niǎo</rt><rp>)</rp></ruby>\n\n正文。\n")


def test_a_captions_ruby_is_imported_as_its_base_alone(tmp_path):
    """A picture's title is text, which cannot hold ruby: the caption's readings ran into it
    (图1　小xiǎo鸟niǎo). It keeps its base."""
    page = f'<h1>题</h1><figure><img src="a.png" alt="鸟"><figcaption>图1　{RUBY}</figcaption></figure>'
    body = _imported_body(tmp_path, page, {"a.png": LAKE.read_bytes()})
    assert html.fragment_fromstring(body).findtext("figcaption") == "图1　小鸟花儿，"


def test_an_empty_heading_is_dropped_not_imported_as_a_bare_hash(tmp_path):
    """<h1>  </h1> became "## " in the Markdown, an empty heading in the book."""
    source = tmp_path / "empty.html"
    source.write_text("<h1>  </h1><p>只有正文没有标题。</p><h2>\u3000</h2><p>第二段。</p>", encoding="utf-8")
    book = make_book(tmp_path / "b", {})
    planned = plan_import([source], book)
    assert planned[0].markdown == "---\ntitle: empty\n---\n\n只有正文没有标题。\n\n第二段。\n"
    write_import(planned)
    assert read_article(planned[0].target, book).body.strip() == "<p>只有正文没有标题。</p>\n<p>第二段。</p>"


def test_each_section_of_a_mobile_page_is_imported_as_its_own_paragraph(tmp_path):
    """Sections holding only spans ran together into one paragraph."""
    body = _imported_body(tmp_path, "<h1>小城的书店</h1><section><span>店主是一位退休的语文老师。</span></section>"
                                    "<section><span><strong>一、书店的角落</strong></span></section>"
                                    "<section><span>角落里有一把旧藤椅。</span></section>")
    assert body == ("<p>店主是一位退休的语文老师。</p>\n<p><strong>一、书店的角落</strong></p>\n"
                    "<p>角落里有一把旧藤椅。</p>")


def test_a_frame_tables_cell_is_imported_in_full_around_the_table_it_holds(tmp_path):
    """Only the innermost cells were written: the post's own paragraphs around its table of data
    were lost, and that table broken into a paragraph a cell."""
    body = _imported_body(tmp_path, "<h1>帖子</h1><table><tr><td>楼主：张三</td><td><p>纸价涨了。</p>"
                                    "<table><tr><th>地区</th><th>价格</th></tr>"
                                    "<tr><td>北京</td><td>1.5 元</td></tr></table><p>结尾的一段。</p>"
                                    "<table><tr><td><table><tr><td>签名：<b>张</b></td></tr></table></td></tr></table>"
                                    "</td></tr></table>")
    blocks = html.fragments_fromstring(body)
    assert [block.tag for block in blocks] == ["p", "p", "table", "p", "p"]
    assert [block.text_content() for block in blocks[:2] + blocks[3:]] == [
        "楼主：张三", "纸价涨了。", "结尾的一段。", "签名：张"]
    assert [cell.text for cell in blocks[2].iter("th", "td")] == ["地区", "价格", "北京", "1.5 元"]


def test_a_table_framing_a_forum_post_is_imported_as_its_cells_paragraphs(tmp_path):
    """A table holding a table became a pipe table that printed as one paragraph of | --- |."""
    body = _imported_body(tmp_path, "<h1>番茄落花</h1><table><tr><td>楼主：阿青</td><td><table><tr>"
                                    "<td>各位好，我种了两盆番茄。<br>开花很多，可是花都掉了。</td></tr></table></td></tr></table>"
                                    "<table><tr><th>品种</th><th>株数</th></tr><tr><td>樱桃番茄</td><td>2</td></tr></table>")
    assert "|" not in body and "---" not in body
    assert "<p>楼主：阿青</p>\n<p>各位好，我种了两盆番茄。<br/>\n开花很多，可是花都掉了。</p>" in body
    assert "<th>品种</th>" in body  # a table of data stays a table


def test_a_number_with_a_decimal_point_is_imported_without_a_backslash(tmp_path):
    """A cell's 1.5 元 was written 1\\.5 元, escaped as if it opened a numbered list, which a
    number opens only with a space (or the line's end) after its point."""
    source = tmp_path / "a.html"
    source.write_text("<h1>价格</h1><p>3.14 是圆周率。</p><p>2024.</p><table><tr><th>品名</th><th>价格</th></tr>"
                      "<tr><td>纸</td><td>1.5 元</td></tr></table>", encoding="utf-8")
    book = make_book(tmp_path / "b", {})
    planned = plan_import([source], book)
    assert "| 纸 | 1.5 元 |" in planned[0].markdown and "\n3.14 是圆周率。\n" in planned[0].markdown
    write_import(planned)
    body = read_article(planned[0].target, book).body
    assert "<p>3.14 是圆周率。</p>" in body and "<p>2024.</p>" in body and "<td>1.5 元</td>" in body


def test_a_poem_a_bibliography_and_aligned_paragraphs_are_imported_as_fenced_blocks(tmp_path):
    """They were written as plain paragraphs: the verse set as prose, the entries without their
    hanging indent, the signature at the left margin."""
    page = ("<h1>题</h1><p>正文。</p>"
            "<div class='poem'><p>\u3000\u3000床前明月光<br>疑是地上霜</p><p>举头望明月</p></div>"
            "<div class='bibliography'><p>张三. 书名[M]. 北京: 出版社, 2020.</p><p>李四. 另一书.</p></div>"
            "<p align='right'>张三<br>2024年5月</p><p style='text-align: center'>＊　＊　＊</p>"
            "<div class='no-convert' lang='zh-Hant'><p>後臺</p><div class='poem'><p>一行<br>二行</p></div></div>")
    source = tmp_path / "a.html"
    source.write_text(page, encoding="utf-8")
    book = make_book(tmp_path / "b", {})
    planned = plan_import([source], book)
    assert "::: poem\n\n\u3000\u3000床前明月光\n疑是地上霜\n\n举头望明月\n\n:::" in planned[0].markdown
    write_import(planned)
    blocks = html.fragments_fromstring(read_article(planned[0].target, book).body)
    assert [(block.tag, block.get("class")) for block in blocks] == [
        ("p", None), ("div", "poem"), ("div", "bibliography"), ("div", "align-right"), ("div", "align-center"),
        ("div", "no-convert")]
    assert blocks[-1].find("div").get("class") == "poem" and blocks[-1].get("lang") == "zh-Hant"  # it was lost
    direct = html.fragment_fromstring(read_article(source, tmp_path).body, "div")
    assert [p.text_content().replace("\n", "") for block in blocks for p in block.iter("p")] == [
        p.text_content() for p in direct.iter("p")]


def test_a_docx_questions_options_broken_with_shift_enter_are_imported_as_lines_of_prose(tmp_path):
    """A stem and its options on lines of their own were written as ``::: poem``."""
    document = Document()
    document.add_heading("第二节　密度", level=1)
    paragraph = document.add_paragraph("3．关于密度，下列说法正确的是（　　）")
    for option in ("A．密度与质量成正比", "B．密度与体积成反比", "C．密度是物质的一种特性", "D．以上都不对"):
        paragraph.add_run().add_break()
        paragraph.add_run(option)
    document.save(source := tmp_path / "a.docx")
    planned = plan_import([source], make_book(tmp_path / "b", {}))
    assert "poem" not in planned[0].markdown
    assert "（　　）  \nA．密度与质量成正比  \nB．密度与体积成反比  \n" in planned[0].markdown


def test_a_pages_ingredient_list_broken_with_br_is_imported_as_lines_of_prose(tmp_path):
    """A blog's 猪里脊　250克<br>木耳　　30克<br>… was written as ``::: poem``."""
    source = tmp_path / "a.html"
    source.write_text("<h1>鱼香肉丝</h1><p><strong>用料</strong></p>"
                      "<p>猪里脊　250克<br>木耳　　30克<br>胡萝卜　半根<br>青椒　　1个</p>", encoding="utf-8")
    planned = plan_import([source], make_book(tmp_path / "b", {}))
    assert "poem" not in planned[0].markdown
    assert "猪里脊　250克  \n木耳　　30克  \n胡萝卜　半根  \n青椒　　1个\n" in planned[0].markdown


def test_a_docx_options_lined_up_with_tab_are_imported_with_their_gaps(tmp_path):
    """The tab was written into the Markdown as it was, and printed as a word space: A．N B．Pa."""
    document = Document()
    document.add_heading("选择题", level=1)
    document.add_paragraph("A．N\tB．Pa\tC．kg\tD．J")
    document.save(source := tmp_path / "a.docx")
    book = make_book(tmp_path / "b", {})
    planned = plan_import([source], book)
    assert "\nA．N　　B．Pa　　C．kg　　D．J\n" in planned[0].markdown
    write_import(planned)
    assert read_article(planned[0].target, book).body == "<p>A．N　　B．Pa　　C．kg　　D．J</p>\n"


def test_a_docx_forms_blank_before_the_year_is_imported_and_read_back(tmp_path):
    """A form's date cell 　　年　　月　　日 was imported as | 年　　月　　日 |: markdownify trims a
    cell's text of every space, the full-width blank the year is written in too."""
    document = Document()
    document.add_heading("申请表", level=1)
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ("项目", "内容", "日期", "　　年　　月　　日"), strict=True):
        cell.text = text
    document.save(source := tmp_path / "a.docx")
    book = make_book(tmp_path / "b", {})
    planned = plan_import([source], book)
    assert "| 日期 | 　　年　　月　　日 |\n" in planned[0].markdown
    write_import(planned)
    assert "<td>　　年　　月　　日</td>" in read_article(planned[0].target, book).body


def test_a_box_is_imported_as_a_fenced_box_and_read_back_as_one(tmp_path):
    """A saved page's <aside> and <div class="box"> (知识链接) were written as plain paragraphs."""
    page = ("<article><h1>题</h1><p>正文。</p><aside><p><strong>知识链接</strong></p><p>长江是第一长河。</p></aside>"
            "<div class='box'><h2>背景资料</h2><p>黄河是第二长河。</p></div></article>")
    source = tmp_path / "a.html"
    source.write_text(page, encoding="utf-8")
    book = make_book(tmp_path / "b", {})
    planned = plan_import([source], book)
    assert "::: box\n\n**知识链接**\n\n长江是第一长河。\n\n:::" in planned[0].markdown
    assert "::: box\n\n**背景资料**\n\n黄河是第二长河。\n\n:::" in planned[0].markdown
    write_import(planned)
    assert read_article(planned[0].target, book).body.replace("\n", "") == read_article(source, tmp_path).body


def test_a_title_kept_in_part_as_written_is_imported_as_a_heading_that_keeps_it(tmp_path):
    """The title was written as plain front matter, so a Traditional edition converted its
    no-convert part; a no-convert span of the body was written as bare text too. (Its emphasis
    is kept, as a title's is.)"""
    source = tmp_path / "a.html"
    source.write_text('<html><head><meta name="author" content="张三"></head><body><h1>标题里的'
                      '<span class="no-convert" lang="zh-Hans">后台</span>和<b>软件</b></h1>'
                      '<p>正文<span class="no-convert">后台[M]</span>说明。</p></body></html>', encoding="utf-8")
    book = make_book(tmp_path / "b", {}, '[book]\ntitle = "书"\n[[editions]]\nname = "hk"\nconvert = "s2hk"\n')
    planned = plan_import([source], book)
    assert planned[0].markdown == ('---\nauthor: 张三\n---\n\n'
                                   '# 标题里的[后台]{.no-convert lang="zh-Hans"}和**软件**\n\n'
                                   "正文[后台\\[M\\]]{.no-convert}说明。\n")
    write_import(planned)
    loaded = load_config(book)
    [article] = make_edition(assemble(loaded), editions_for(loaded.config)[0]).articles
    assert (article.title, article.author) == ("標題裏的后台和軟件", "張三")
    assert article.title_markup == '標題裏的<span class="no-convert" lang="zh-Hans">后台</span>和<strong>軟件</strong>'
    assert '<span class="no-convert" lang="zh-Hans">后台[M]</span>' in article.body


def test_a_japanese_pages_title_and_text_are_imported_in_their_language(tmp_path):
    """A page of <html lang="ja"> with <h1 lang="ja">国語の時間</h1> was written as front matter
    `title: 国語の時間` and bare text, which the Taiwan edition then converted (國語の時間, 學校の國語).
    The title is a heading of its language, the text a block of it (its division inside, with a longer fence)."""
    source = tmp_path / "page.html"
    source.write_text('<html lang="ja"><body><h1 lang="ja">国語の時間</h1><p>学校の国語は難しい。</p>'
                      '<div lang="ja"><p>会議の後、国へ帰った。</p></div></body></html>', encoding="utf-8")
    book = make_book(tmp_path / "b", {}, '[book]\ntitle = "书"\n[[editions]]\nname = "tw"\nconvert = "s2tw"\n')
    planned = plan_import([source], book)
    assert planned[0].markdown == ('# 国語の時間 {lang="ja"}\n\n:::: {lang="ja"}\n\n学校の国語は難しい。\n\n'
                                   '::: {lang="ja"}\n\n会議の後、国へ帰った。\n\n:::\n\n::::\n')
    write_import(planned)
    loaded = load_config(book)
    [article] = make_edition(assemble(loaded), editions_for(loaded.config)[0]).articles
    assert (article.title, article.title_markup) == ("国語の時間", '<span lang="ja">国語の時間</span>')
    assert "学校の国語は難しい。" in article.body


ANCHORED_PAGE = ('<h1>题</h1><p>见<a href="#注1">注释</a>、<a href="#s">一节</a>与<a href="#n2">另一个</a>。</p>'
                 '<h2 id="s">一节</h2><p><a name="注1"></a>注释内容。</p><p><a id="n2" href="https://example.org/">另一个'
                 '</a>。</p>')


def _links_of(book: Path) -> list[str]:
    """The addresses of the links of the book's one article, as the book has them, each to an id
    of the article, or to the web."""
    [article] = [article for chapter in assemble(load_config(book)).parts[0].chapters for article in chapter.articles]
    body = html.fragment_fromstring(article.body, "div")
    ids = {f"#{element.get('id')}" for element in body.iter() if element.get("id")}
    links = [unquote(link.get("href")) for link in body.iter("a") if link.get("href")]
    assert all(link in ids or link.startswith("https:") for link in links)
    return links


def test_an_html_articles_named_anchor_is_where_its_links_go(tmp_path, caplog):
    """The sanitiser dropped <a name>, so the link to it was unlinked: "leads nowhere"."""
    book = make_book(tmp_path / "b", {"a.html": ANCHORED_PAGE})
    assert _links_of(book) == ["#a1-注1", "#a1-s", "#a1-n2", "https://example.org/"]
    assert "leads nowhere" not in caplog.text


def test_anchors_and_heading_ids_are_imported_where_their_links_go(tmp_path, caplog):
    """An anchor was written as nothing, and a heading and a link without their ids: the links to
    them were unlinked in the imported book."""
    source = tmp_path / "a.html"
    source.write_text(ANCHORED_PAGE, encoding="utf-8")
    book = make_book(tmp_path / "b", {})
    planned = plan_import([source], book)
    assert ('## 一节 {#s}\n\n[]{id="注1"}注释内容。\n\n[[另一个](https://example.org/)]{id="n2"}。\n'
            in planned[0].markdown)
    write_import(planned)
    assert _links_of(book) == ["#a1-注1", "#a1-s", "#a1-n2", "https://example.org/"]
    assert "leads nowhere" not in caplog.text


def _book_links(book: Path) -> dict[str, list[str]]:
    """Each article's title → the addresses of its links, as the built book has them."""
    return {article.title: [link.get("href") for link in html.fragment_fromstring(article.body, "div").iter("a")]
            for chapter in assemble(load_config(book)).parts[0].chapters for article in chapter.articles}


def test_links_between_files_imported_together_follow_their_renames(tmp_path, caplog):
    """Import wrote ch01.md as 01-清晨.md, but its link still said ch02.md#sec2: every link between
    the files imported was unlinked in the book ("leads nowhere"), and the import said nothing."""
    sources = make_book(tmp_path / "src", {
        "ch01.md": "---\ntitle: 清晨\n---\n\n见[一节](ch02.md#sec2)与[午后](./ch02.md)。\n",
        "ch02.md": "# 午后\n\n回到[清晨](ch01.md)。\n\n## 一节 {#sec2}\n\n正文。\n"})
    book = make_book(tmp_path / "b", {})
    planned = plan_import([sources / "ch01.md", sources / "ch02.md"], book, "01-正文")
    assert "见[一节](02-午后.md#sec2)与[午后](02-午后.md)。" in planned[0].markdown
    assert "回到[清晨](01-清晨.md)。" in planned[1].markdown
    write_import(planned)
    assert _book_links(book) == {"清晨": ["#a2-sec2", "#a2"], "午后": ["#a1"]}
    assert "link" not in caplog.text


def test_a_title_headings_id_is_imported_where_links_to_it_go(tmp_path, caplog):
    """The title heading's {#ch1} was dropped with the heading (the title is front matter), so a
    link to 01-清晨.md#ch1 found no id ch1 in the imported book."""
    sources = make_book(tmp_path / "src", {"ch01.md": "---\ntitle: 清晨\n---\n\n# 清晨 {#ch1}\n\n正文。\n",
                                           "ch02.md": "# 午后\n\n回到[清晨](ch01.md#ch1)。\n"})
    book = make_book(tmp_path / "b", {})
    planned = plan_import([sources / "ch01.md", sources / "ch02.md"], book, "01-正文")
    assert planned[0].markdown == "# 清晨 {#ch1}\n\n正文。\n"
    write_import(planned)
    assert _book_links(book) == {"清晨": [], "午后": ["#a1"]}
    assert "leads nowhere" not in caplog.text


def test_a_link_to_a_file_not_imported_with_it_is_warned_of_at_import(tmp_path, caplog):
    """A link to a file left out of the import was not followed, and the import said nothing: the
    build then printed it unlinked. A link to an article the book has where it lands is no fault."""
    sources = make_book(tmp_path / "src", {"ch01.md": "# 清晨\n\n见[下一章](ch03.md#s)、[前言](01-前言.md)与[网](https://example.org/)。\n"})
    book = make_book(tmp_path / "b", {"01-正文/01-前言.md": "# 前言\n"})
    planned = plan_import([sources / "ch01.md"], book, "01-正文")
    assert "见[下一章](ch03.md#s)、[前言](01-前言.md)" in unquote(planned[0].markdown)
    [warning] = [record.getMessage() for record in caplog.records if "link" in record.getMessage()]
    assert warning.startswith(f"{sources / 'ch01.md'}:3: the link to ch03.md#s leads to no file imported with it")


EMPTY_SVG = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 640 480'%3E%3C/svg%3E"


@pytest.mark.parametrize("placeholder", ["p/placeholder.gif", BLANK_DATA, EMPTY_SVG, WECHAT_PLACEHOLDER])
def test_a_lazy_images_placeholder_is_not_taken_for_its_picture(tmp_path, caplog, placeholder):
    """A spacer saved beside the page, its picture's address remote, was put in the book as the
    picture; so was WeChat's, an SVG whose one rect is transparent: an invisible 1×1 figure."""
    body = _imported_body(tmp_path, f'<h1>题</h1><p>正文。</p><p><img src="{placeholder}" '
                                    'data-src="https://cdn.example.com/a.png" alt="湖"></p><p>又一段。</p>',
                          {"p/placeholder.gif": BLANK_GIF})
    assert "<img" not in body and "又一段" in body
    assert "image 'https://cdn.example.com/a.png' is not a file beside the source; it was left out" in caplog.text


@pytest.mark.parametrize("real", ["https://cdn.example.com/a.png", "/wp-content/uploads/a.png"])
def test_a_lazy_images_picture_in_a_data_url_is_kept_over_an_address_the_book_cannot_use(tmp_path, real):
    """The picture the page carried in its src was replaced by the remote data-src, then left out."""
    picture = "data:image/png;base64," + base64.b64encode(LAKE.read_bytes()).decode()
    body = _imported_body(tmp_path, f'<h1>题</h1><p>正文。</p><img src="{picture}" data-src="{real}" alt="湖">')
    image = next(html.fragment_fromstring(body, "div").iter("img"))
    assert (tmp_path / "b" / image.get("src")).read_bytes() == LAKE.read_bytes()


def test_a_lazy_images_svg_in_a_data_url_is_kept_where_it_shows_a_shape(tmp_path):
    """An SVG is a placeholder only when it paints nothing that shows: a shape painted over its
    group's transparency is a picture."""
    picture = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='8' height='8'%3E"
               "%3Cg fill-opacity='0'%3E%3Crect width='4' height='4' style='fill-opacity: 1'/%3E%3C/g%3E%3C/svg%3E")
    body = _imported_body(tmp_path, f'<h1>题</h1><p>正文。</p><img src="{picture}" data-src="https://a.cn/1.png">')
    assert next(html.fragment_fromstring(body, "div").iter("img")).get("src").endswith(".svg")


def test_a_saved_pages_remote_picture_is_named_at_its_line_with_how_to_keep_it(tmp_path, caplog):
    """A saved page's remote WeChat picture (…/640?wx_fmt=jpeg) went with no word: the extraction
    dropped it. The warning of a picture left out named no line and said not what to do."""
    prose = "<p>老街的尽头有一家裁缝铺，门脸不过两米宽，招牌上的红漆早已剥落，店主陈师傅今年七十二岁。</p>\n"
    picture = "https://mmbiz.qpic.cn/mmbiz_jpg/AAA/640?wx_fmt=jpeg&amp;wx_lazy=1"
    _imported_body(tmp_path, f'<html><body><div id="nav">首页</div>\n<div id="js_content">\n{2 * prose}'
                             f'<p><img src="{BLANK_DATA}" data-src="{picture}"></p>\n{2 * prose}</div></body></html>')
    assert (f"{tmp_path / 'in' / 'page.html'}:5: image '{picture.replace('&amp;', '&')}' is not a file beside the "
            "source; it was left out (save the picture in the source's folder and refer to it by a relative path)"
            ) in caplog.text


def test_a_pages_formulas_are_imported_as_their_tex_in_code(tmp_path, caplog):
    """知乎's formulas (its TeX in data-tex, the rendering inside) were imported as nothing: the
    sentence kept a gap, and no warning said so."""
    body = _imported_body(tmp_path, '<h1>题</h1><p>产出大约是 <span class="ztext-math" data-tex="Q=\\frac{T}{t}"><span '
                                    'class="MathJax_SVG"><svg width="5ex"><g></g></svg></span></span> 件。</p>')
    assert body == "<p>产出大约是 <code>Q=\\frac{T}{t}</code> 件。</p>"
    assert "page.html:1: the formula 'Q=\\frac{T}{t}' is printed as its TeX, in code type" in caplog.text


@pytest.mark.parametrize("suffix", [".docx", ".md", ".txt", ".html"])
def test_a_file_without_a_title_is_titled_by_its_name_without_its_number_as_the_build_titles_it(tmp_path, suffix):
    source = tmp_path / f"05-无题{suffix}"
    if suffix == ".docx":
        document = Document()
        document.add_paragraph("只有正文，没有标题。")
        document.save(source)
    else:
        source.write_text("<p>只有正文，没有标题。</p>\n" if suffix == ".html" else "只有正文，没有标题。\n",
                          encoding="utf-8")
    book = make_book(tmp_path / "b", {})
    [article] = plan_import([source], book)
    assert article.title == read_article(source, tmp_path).title == "无题"
    assert article.target.name == "01-无题.md" and article.markdown.startswith("---\ntitle: 无题\n")


def test_a_word_pictures_size_is_imported_as_its_width_and_read_back(tmp_path):
    """A picture set 3 cm wide in Word was imported unsized (``![](…)``), to print across the text block."""
    Image.new("RGB", (900, 600), "red").save(tmp_path / "p.png")
    document = Document()
    document.add_paragraph("一张设为 3 厘米宽的小图：")
    document.add_picture(str(tmp_path / "p.png"), width=Cm(3))
    document.save(tmp_path / "图.docx")
    book = make_book(tmp_path / "b", {})
    planned = plan_import([tmp_path / "图.docx"], book)
    write_import(planned)
    assert "![](images/01-1.png){width=113}" in planned[0].markdown
    assert 'width="113"' in read_article(planned[0].target, book).body


def _word_steps(tmp_path: Path) -> Path:
    """A Word recipe: three steps, each a centred picture (the same one) with its centred caption
    below it, then a tip framed in a table of one cell."""
    Image.new("RGB", (600, 400), "orange").save(tmp_path / "dish.png")
    document = Document()
    for step in (1, 2, 3):
        document.add_paragraph(f"第{step}步，翻炒均匀。")
        document.add_picture(str(tmp_path / "dish.png"), width=Cm(6))
        document.paragraphs[-1].alignment = 1  # WD_ALIGN_PARAGRAPH.CENTER
        document.add_paragraph(f"图{step}　步骤{step}").alignment = 1
    cell = document.add_table(rows=1, cols=1).rows[0].cells[0]
    cell.paragraphs[0].add_run("小贴士").bold = True
    cell.add_paragraph("土豆丝泡水可以去掉多余淀粉。")
    document.save(source := tmp_path / "土豆丝.docx")
    return source


def test_a_word_pictures_caption_is_imported_as_its_caption(tmp_path):
    """A centred picture and its centred 图1　… below it were imported as two ::: align-center
    blocks, so the book built from the import had no caption, where the .docx built has a figure
    with its figcaption: the import never made figures, as the build does before it prints."""
    source = _word_steps(tmp_path)
    book = make_book(tmp_path / "b", {})
    [planned] = plan_import([source], book)
    write_import([planned])
    assert '![](images/01-1.png "图1　步骤1"){width=227}' in planned.markdown
    figures = html.fragments_fromstring(read_article(planned.target, book).body)
    built = html.fragments_fromstring(read_article(source, tmp_path).body)
    assert [figure.findtext("figcaption") for figure in figures if figure.tag == "figure"] == [
        figure.findtext("figcaption") for figure in built if figure.tag == "figure"] == [
        "图1　步骤1", "图2　步骤2", "图3　步骤3"]


def test_a_picture_without_a_caption_is_imported_without_its_alt_text_as_a_caption(tmp_path):
    """A figure the import makes of a picture with alt text alone shows that text, hidden from a
    screen reader, which has read it; written as the image's title, it would be a caption read twice."""
    (tmp_path / "页.html").write_text('<h1>题</h1><p><img src="a.png" alt="石桥"/></p>', encoding="utf-8")
    (tmp_path / "a.png").write_bytes(LAKE.read_bytes())
    [planned] = plan_import([tmp_path / "页.html"], make_book(tmp_path / "b", {}))
    assert planned.markdown.endswith("\n![石桥](images/01-1.png)\n")


def test_a_picture_used_three_times_is_imported_as_one_file(tmp_path):
    """Word holds one picture shown three times, and the import wrote three identical files."""
    [planned] = plan_import([_word_steps(tmp_path)], make_book(tmp_path / "b", {}))
    assert [target.name for target in planned.images] == ["01-1.png"]
    assert planned.markdown.count("](images/01-1.png ") == 3


def test_a_word_tip_framed_in_one_cell_is_imported_as_the_table_it_builds_as(tmp_path):
    """A .docx's table of one cell, a tip set in a frame, builds as that table; the import took it
    for a web page's layout frame and wrote its paragraphs bare, so the tip lost its frame."""
    source = _word_steps(tmp_path)
    book = make_book(tmp_path / "b", {})
    [planned] = plan_import([source], book)
    write_import([planned])
    [imported] = html.fragments_fromstring(read_article(planned.target, book).body)[-1:]
    [built] = html.fragments_fromstring(read_article(source, tmp_path).body)[-1:]
    assert imported.tag == built.tag == "table"
    assert [p.text_content() for p in imported.iter("p")] == [p.text_content() for p in built.iter("p")] == [
        "小贴士", "土豆丝泡水可以去掉多余淀粉。"]


def test_a_decorative_picture_is_imported_marked_decorative_and_read_back_so(tmp_path):
    """A page's alt="" picture is decorative: written ``![](…)`` it would come back as a picture
    without alt text, warned of; ``{.decorative}`` keeps what the page said."""
    Image.new("RGB", (40, 4), "grey").save(tmp_path / "rule.png")
    (tmp_path / "页.html").write_text('<h1>题</h1><p><img src="rule.png" alt=""/>正文。</p>', encoding="utf-8")
    book = make_book(tmp_path / "b", {})
    planned = plan_import([tmp_path / "页.html"], book)
    write_import(planned)
    assert "![](images/01-1.png){.decorative}" in planned[0].markdown
    assert 'alt="" role="presentation"' in read_article(planned[0].target, book).body


@pytest.mark.parametrize(("encoding", "language"), [("big5", "zh-Hant"), ("gb18030", None)])
def test_a_novel_written_traditional_is_made_a_traditional_book(tmp_path, encoding, language):
    """A Traditional novel's book says so (language = "zh-Hant", whence its 目錄 and TC fonts),
    and `paiban check` has nothing to say of its script; a Simplified one keeps the default."""
    chapters = [("第一章 初到臺北", "他拖著行李走出車站，雨還在下。"), ("第二章 重逢", "她在騎樓下等他，說了許多話。"),
                ("第三章 港口", "船笛響起，這座城市醒了過來。")]
    text = "\n".join(["《臺北舊夢》", "作者：林雨青", "", *(line for chapter in chapters for line in (*chapter, ""))])
    if not language:
        text = converter("t2s")(text)
    source = tmp_path / "舊夢.txt"
    source.write_bytes(text.encode(encoding))
    result = run("import", str(source), "-o", str(tmp_path / "book"))
    assert result.returncode == 0, result.stderr
    toml = (tmp_path / "book" / "book.toml").read_text(encoding="utf-8")
    assert [line.split("#")[0].strip() for line in toml.splitlines() if line.startswith("language")] == \
        ([f'language = "{language}"'] if language else [])
    assert ("language zh-Hant" in " ".join(result.stdout.split())) == bool(language)
    findings = preflight(tmp_path / "book", epubcheck=False).findings
    assert [f for f in findings if f.check == "script"] == []


def test_a_folders_files_no_reader_takes_are_each_named_in_a_warning(tmp_path, caplog):
    """A contributor's .doc and .wps in the folder of contributions: the import said "Imported 1
    article(s)" and the two were missing from the book without a word."""
    folder = tmp_path / "来稿"
    folder.mkdir()
    (folder / "山间.txt").write_text("山间的小学\n\n正文。\n", encoding="utf-8")
    for name in ("来稿三.doc", "来稿四.wps"):
        (folder / name).write_bytes(b"\xd0\xcf\x11\xe0")
    planned = plan_import([folder], make_book(tmp_path / "b", {}))
    assert [article.source.name for article in planned] == ["山间.txt"]
    told = [record.getMessage() for record in caplog.records]
    for name, suffix in (("来稿三.doc", ".doc"), ("来稿四.wps", ".wps")):
        assert any(message.startswith(f"{folder / name}: not imported: paiban cannot read {suffix} files. "
                                      "Open it in Word") for message in told), told


def test_a_folders_pdf_and_page_saved_as_one_file_are_named_and_its_shtml_page_imported(tmp_path, caplog):
    """A folder's PDF and .mht were missing from the import without a word ("Would import 1
    article(s)"), and so was its .shtml page, which is HTML."""
    folder = tmp_path / "来稿"
    folder.mkdir()
    (folder / "通知.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "网页.mht").write_text("MIME-Version: 1.0\n", encoding="ascii")
    (folder / "网页.shtml").write_text("<html><body><h1>安全检查的通知</h1><p>正文。</p></body></html>",
                                      encoding="utf-8")
    planned = plan_import([folder], make_book(tmp_path / "b", {}))
    assert [(article.source.name, article.title) for article in planned] == [("网页.shtml", "安全检查的通知")]
    told = [record.getMessage() for record in caplog.records]
    for name, fix in (("通知.pdf", "Give its text as .docx, .txt or .md"), ("网页.mht", "save the page again as")):
        assert any(message.startswith(f"{folder / name}: not imported: paiban cannot read") and fix in message
                   for message in told), told


def test_a_folder_of_files_no_reader_takes_is_nothing_to_import_saying_why(tmp_path, caplog):
    folder = tmp_path / "来稿"
    folder.mkdir()
    (folder / "来稿一.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "来稿二.rtf").write_text("{\\rtf1}", encoding="ascii")
    refused = r"nothing to import: paiban cannot read the 2 file\(s\) named above"
    with pytest.raises(PaibanError, match=refused) as raised:
        plan_import([folder], make_book(tmp_path / "b", {}))
    assert "save it as .docx" in raised.value.hint
    assert caplog.text.count("not imported: paiban cannot read") == 2


def _imported_as_read(tmp_path, body: str) -> tuple[html.HtmlElement, html.HtmlElement]:
    """The body of an HTML article as the build reads it, and as it reads the article imported from it."""
    book = make_book(tmp_path / "b", {"01-c/a.html": f"<h1>清单</h1>{body}"})
    source = book / "01-c" / "a.html"
    write_import(plan_import([source], book, "02-c"))
    imported = next((book / "02-c").glob("*.md"))
    return tuple(html.fragment_fromstring(read_article(path, book).body, create_parent="div")
                 for path in (source, imported))


def _lists(root: html.HtmlElement) -> list[tuple[str, dict, list[str]]]:
    return [(element.tag, dict(element.attrib), [item.text_content().strip() for item in element.iterchildren("li")])
            for element in root.iter("ol", "ul")]


def test_two_lists_side_by_side_are_two_lists_when_imported(tmp_path):
    """Written with an empty line between them, Markdown read them as one list: the second
    counted on from the first (乙组第一项 as 3.)."""
    source, imported = _imported_as_read(tmp_path, "<p>前文。</p><ol><li>甲一</li><li>甲二</li></ol>"
                                                   "<ol><li>乙一</li><li>乙二</li></ol><ul><li>丙</li></ul>"
                                                   "<ul><li>丁</li></ul><p>后文。</p>")
    assert _lists(imported) == _lists(source) == [("ol", {}, ["甲一", "甲二"]), ("ol", {}, ["乙一", "乙二"]),
                                                  ("ul", {}, ["丙"]), ("ul", {}, ["丁"])]


def test_a_list_counted_in_chinese_or_letters_is_counted_so_when_imported(tmp_path):
    """Markdown has no way to count 一、二、 or a. b.: the import wrote 1. 2., and the book counted so."""
    source, imported = _imported_as_read(
        tmp_path, '<ol class="list-chinese"><li>第一件<em>事</em></li><li>第二件</li></ol>'
                  '<ol type="a" start="3"><li>丙方</li></ol><ol><li>普通</li></ol>')
    assert _lists(imported) == _lists(source) == [
        ("ol", {"class": "list-chinese"}, ["第一件事", "第二件"]),
        ("ol", {"class": "list-lower-alpha", "start": "3"}, ["丙方"]), ("ol", {}, ["普通"])]
    assert imported.find(".//ol/li/p/em").text == "事"  # the items' Markdown is read as Markdown


def test_a_list_numbered_out_of_order_keeps_its_numbers_when_imported(tmp_path):
    """A patent's claims 1. 3. 7. were imported as 1. 2. 3.: markdownify counts on from the list's start."""
    source, imported = _imported_as_read(
        tmp_path, '<ol><li>一种储物架。</li><li value="3">根据权利要求1所述。</li>'
                  '<li value="7"><p>根据权利要求3所述。</p><p>其中，底板为塑料。</p></li>'
                  '<li>根据权利要求7所述。</li></ol>'
                  '<ol class="list-decimal-right-paren"><li>甲</li><li value="4">乙</li></ol>')
    for root in (source, imported):
        assert [(item.get("value"), "".join(item.text_content().split())) for item in root.iter("li")] == [
            (None, "一种储物架。"), ("3", "根据权利要求1所述。"), ("7", "根据权利要求3所述。其中，底板为塑料。"),
            (None, "根据权利要求7所述。"), (None, "甲"), ("4", "乙")]


def test_a_saved_pages_numbered_steps_are_imported_numbered(tmp_path):
    """On a page with navigation, whose article trafilatura extracts, the numbered steps were
    imported as ``- `` items: the extract had made them a bulleted list."""
    source, imported = _imported_as_read(
        tmp_path, '<div id="nav"><a href="/">首页</a></div><div class="post">'
                  "<p>鸡蛋羹嫩滑可口，做法也很简单，十分钟就能端上桌，适合老人和孩子。</p>"
                  '<ol start="2"><li>碗口盖上保鲜膜，用牙签扎几个小孔。</li>'
                  "<li>水开后放入蒸锅，中火蒸八到十分钟。</li></ol>"
                  '</div><div id="footer">版权所有</div>')
    assert _lists(imported) == _lists(source) == [
        ("ol", {"start": "2"}, ["碗口盖上保鲜膜，用牙签扎几个小孔。", "水开后放入蒸锅，中火蒸八到十分钟。"])]


def test_a_docx_list_numbered_by_hand_is_imported_counted_as_typed(tmp_path):
    """（3） （4） typed in Word were imported as 1. 2.: the numbers as written were lost."""
    document = Document()
    for item in ("（3）纸质文件原件归档；", "（4）电子文件同时归档。"):
        document.add_paragraph(item)
    document.save(tmp_path / "通知.docx")
    [planned] = plan_import([tmp_path / "通知.docx"], make_book(tmp_path / "b", {}))
    assert '<ol class="list-decimal-paren" start="3">\n<li>\n\n纸质文件原件归档；' in planned.markdown


def test_word_numbered_questions_with_options_between_them_are_imported_counted_on(tmp_path):
    """Questions in one Word list, each one's options a plain paragraph after it, were imported
    as 1. 1. 1.: Word shows 1. 2. 3."""
    document = Document()
    for question in ("下列单位中，属于压强单位的是", "下列现象中，属于升华的是", "水的沸点是多少摄氏度"):
        document.add_paragraph(question, style="List Number")
        document.add_paragraph("A．甲　　B．乙")
    document.save(tmp_path / "练习.docx")
    [planned] = plan_import([tmp_path / "练习.docx"], make_book(tmp_path / "b", {}))
    assert [line for line in planned.markdown.splitlines() if line[:1].isdigit()] == [
        "1. 下列单位中，属于压强单位的是", "2. 下列现象中，属于升华的是", "3. 水的沸点是多少摄氏度"]


def test_a_note_of_two_paragraphs_keeps_both_when_imported(tmp_path):
    """The note's second paragraph, written at the margin, was read as the article's last."""
    source, imported = _imported_as_read(
        tmp_path, '<p>正文<sup class="footnote-ref"><a href="#fn1" id="fnref1">1</a></sup>。</p><p>正文末段。</p>'
                  '<section class="footnotes"><ol><li id="fn1"><p>注的第一段。</p><p>注的第二段。</p></li></ol>'
                  '</section>')
    for root in (source, imported):
        noted = [p.text_content().strip(" ↑") for p in root.iterfind(".//section//li/p")]
        assert noted == ["注的第一段。", "注的第二段。"]
        assert root.xpath("string(./p[last()])") == "正文末段。"


def test_a_note_holding_a_list_keeps_it_when_imported(tmp_path):
    """Each of its items was written again as a note of its own, [^#]: 甲, which the build warned of."""
    source, imported = _imported_as_read(
        tmp_path, '<p>正文<sup class="footnote-ref"><a href="#fn1" id="fnref1">1</a></sup>。</p>'
                  '<section class="footnotes"><ol><li id="fn1"><p>注有两项：</p><ul><li>甲</li><li>乙</li></ul></li>'
                  '</ol></section>')
    for root in (source, imported):
        assert [item.text_content().strip() for item in root.iterfind(".//section//li//li")] == ["甲", "乙"]
        assert len(root.findall(".//section/ol/li")) == 1
    written = next((tmp_path / "b" / "02-c").glob("*.md")).read_text(encoding="utf-8")
    assert "[^#]" not in written and written.count("[^1]:") == 1


def test_a_word_pages_table_is_imported_as_a_markdown_table(tmp_path):
    """Word's <p class=MsoNormal> in every cell (and its lang=EN-US round the digits) made the table
    one Markdown cannot write: it was imported as raw HTML, <p><span>…<span lang="en-US"></span></span></p>."""
    source = tmp_path / "稿件.htm"
    source.write_bytes(('<html><head><meta name=Generator content="Microsoft Word 15"></head><body><h1>价目</h1>'
                        '<table class=MsoTableGrid border=1 cellspacing=0><tr><td width=277 valign=top><p class='
                        'MsoNormal><span>品名<span lang=EN-US><o:p></o:p></span></span></p></td><td><p class=MsoNormal>'
                        '价格</p></td></tr><tr><td><p class=MsoNormal>豆浆</p></td><td><p class=MsoNormal><span lang='
                        'EN-US>2</span>元</p></td></tr></table></body></html>').encode("gbk"))
    book = make_book(tmp_path / "b", {})
    write_import(plan_import([source], book, "01-c"))
    assert next((book / "01-c").glob("*.md")).read_text(encoding="utf-8") == (
        "---\ntitle: 价目\n---\n\n| 品名 | 价格 |\n| --- | --- |\n| 豆浆 | 2元 |\n")


def test_obsidian_embeds_and_wikilinks_are_imported_as_markdown(tmp_path):
    """paiban import wrote ![[图一.png]] and [[02-茶馆|茶馆那篇]] escaped (!\\[\\[图一.png]]), never to be
    a picture or a link again, and copied no picture."""
    vault = tmp_path / "vault"
    (vault / "assets").mkdir(parents=True)
    (vault / ".obsidian").mkdir()
    (vault / "assets" / "图一.png").write_bytes(LAKE.read_bytes())
    (vault / "01-早晨.md").write_text("# 早晨\n\n![[图一.png|300]]\n\n参见[[02-茶馆|茶馆那篇]]。\n", encoding="utf-8")
    (vault / "02-茶馆.md").write_text("# 茶馆\n\n掌柜姓周。\n", encoding="utf-8")
    first, _ = plan_import([vault], make_book(tmp_path / "b", {}))
    assert list(first.images.values()) == [vault / "assets" / "图一.png"]
    assert "![](images/01-1.png){width=300}\n\n参见[茶馆那篇](02-茶馆.md)。" in first.markdown
