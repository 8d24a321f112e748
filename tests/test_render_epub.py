"""EPUB 3: EPUBCheck 0 errors / 0 warnings, complete metadata, nested navigation, well-formed XHTML."""

import mimetypes
import re
import zipfile

import ebooklib.utils
import pytest
from lxml import etree

import paiban
from paiban.errors import PaibanError

from conftest import PNG, epubcheck_messages, make_book

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}


def opf(path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("EPUB/content.opf"))


def xml_files(path):
    with zipfile.ZipFile(path) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.endswith((".xhtml", ".opf", ".ncx"))}


def test_sample_book_passes_epubcheck(sample):
    assert epubcheck_messages(sample["epub"]) == []


@pytest.mark.parametrize("edition", ["tw", "hk"])
def test_every_converted_edition_passes_epubcheck(sample, edition):
    assert epubcheck_messages(sample[f"{edition}-epub"]) == []


def test_seed_only_book_passes_epubcheck(book_dir, tmp_path):
    [output] = paiban.build(book_dir, formats=["epub"], output=tmp_path / "out")
    assert epubcheck_messages(output.path) == []


def test_book_with_parts_footnotes_tables_and_images_passes_epubcheck(tmp_path, monkeypatch):
    # Pictures' media types are paiban's own (paiban.media): the system's mime.types is never read
    # (6 ms of a process, twice over with EbookLib's, and what it says depends on the machine).
    monkeypatch.setattr(mimetypes, "inited", False)
    monkeypatch.setattr(ebooklib.utils, "mimetype_initialised", False)
    monkeypatch.setattr(mimetypes, "init", lambda *args: pytest.fail("mime.types read"))
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
    root = make_book(tmp_path / "b", {
        "a.md": "# 甲\n\n正文[^1]。\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n![小图](img/p.png)\n\n[^1]: 注。\n",
        "b.txt": "乙\n正文。\n",
        "img/p.png": png,
        "cover.png": png,
    }, """\
        [book]
        title = "分编的书"
        cover = "cover.png"
        identifier = "978-7-02-000220-7"
        [[parts]]
        title = "上编"
        [[parts.chapters]]
        title = "一"
        articles = ["a.md"]
        [[parts]]
        title = "下编"
        [[parts.chapters]]
        title = "二"
        articles = ["b.txt"]
        """)
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []
    package = opf(output.path)
    assert package.findtext(".//dc:identifier", namespaces=NS) == "urn:isbn:9787020002207"
    assert package.xpath("//opf:item[@properties='cover-image']/@href", namespaces=NS) == ["cover.png"]
    assert set(package.xpath("//opf:item[contains(@href, '.png')]/@media-type", namespaces=NS)) == {"image/png"}
    # Older readers' NCX: its depth is the navMap's (parts, chapters, articles: EbookLib wrote 0),
    # and its entries are numbered in reading order.
    ncx = xml_files(output.path)["EPUB/toc.ncx"]
    assert ncx.xpath("//ncx:meta[@name='dtb:depth']/@content", namespaces=NS) == ["3"]
    assert len(ncx.xpath("//ncx:navPoint/ncx:navPoint/ncx:navPoint", namespaces=NS)) == 2
    orders = ncx.xpath("//ncx:navPoint/@playOrder", namespaces=NS)
    assert orders == [str(n) for n in range(1, len(ncx.xpath("//ncx:navPoint", namespaces=NS)) + 1)]


def test_articles_link_to_each_other_across_chapter_documents(tmp_path):
    root = make_book(tmp_path / "b", {
        "01-开篇/01-甲.md": "# 甲\n\n见[乙](../02-续篇/01-乙.md)和[其中一节](../02-续篇/01-乙.md#细节)。\n",
        "02-续篇/01-乙.md": "# 乙\n\n回到[甲](../01-开篇/01-甲.md)，或[本篇的细节](#细节)。\n\n"
                          "## 细节 {#细节}\n\n内容。\n",
    })
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []  # every link has its target (RSC-012 otherwise)
    with zipfile.ZipFile(output.path) as epub:
        first, second = (epub.read(f"EPUB/{name}").decode("utf-8") for name in ("c1.xhtml", "c2.xhtml"))
    assert 'href="c2.xhtml#a2"' in first and 'href="c2.xhtml#a2-细节"' in first
    assert 'href="c1.xhtml#a1"' in second and 'href="#a2-细节"' in second and 'id="a2-细节"' in second


def test_a_title_heading_with_markdown_and_a_footnote_is_plain_text_and_the_epub_valid(tmp_path):
    """The heading's Markdown showed in the contents, and its note linked back to no call (RSC-012)."""
    root = make_book(tmp_path / "b", {
        "a.md": "# 使用 *paiban* 的[方法](https://example.com)[^h]\n\n正文[^a]。\n\n[^h]: 题注。\n[^a]: 注。\n"})
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []
    files = xml_files(output.path)
    assert files["EPUB/nav.xhtml"].xpath("string(//x:nav[@epub:type='toc']//x:li/x:ol/x:li/x:a)",
                                         namespaces=NS) == "使用 paiban 的方法"
    chapter = files["EPUB/c1.xhtml"]
    assert chapter.xpath("string(//x:h2)", namespaces=NS) == "使用 paiban 的方法"
    assert [call.xpath("string()") for call in chapter.xpath("//x:a[@epub:type='noteref']", namespaces=NS)] == ["1"]


NOVEL = {
    "text/01.md": "---\ntitle: 初雪\nauthor: 林晚舟\n---\n\n正文有注[^1]，见[旧信](02.md)。\n\n[^1]: 注文。\n",
    "text/02.md": "# 旧信\n\n回到[初雪](01.md)。\n",
    "text/03.md": "# 甲\n\n甲文。\n",
    "text/04.md": "# 乙\n\n乙文。\n",
}
NOVEL_TOML = """\
    [book]
    title = "小说"
    chapter-numbers = true
    [[chapters]]
    title = "初雪"
    articles = ["text/01.md"]
    [[chapters]]
    title = "旧信"
    articles = ["text/02.md"]
    [[chapters]]
    title = "杂篇"
    articles = ["text/03.md", "text/04.md"]
    """


def test_a_chapter_of_one_article_of_its_title_shows_the_title_once_and_links_still_resolve(tmp_path):
    [output] = paiban.build(make_book(tmp_path / "b", NOVEL, NOVEL_TOML), formats=["epub"])
    assert epubcheck_messages(output.path) == []  # links into the articles and their notes resolve
    files = xml_files(output.path)
    toc = files["EPUB/nav.xhtml"].xpath("//x:nav[@epub:type='toc']/x:ol", namespaces=NS)[0]
    assert [(li.xpath("string(x:a)", namespaces=NS), li.xpath("x:ol/x:li/x:a/text()", namespaces=NS))
            for li in toc.xpath("x:li", namespaces=NS)] == [
        ("第一章　初雪", []), ("第二章　旧信", []), ("第三章　杂篇", ["甲", "乙"])]
    first = files["EPUB/c1.xhtml"]
    assert not first.xpath("//x:h2", namespaces=NS)
    assert first.xpath("//x:article/@id", namespaces=NS) == ["a1"]
    assert first.xpath("string(//x:*[@class='article-author'])", namespaces=NS) == "林晚舟"
    contents = files["EPUB/contents.xhtml"]
    assert contents.xpath("//x:li[@class='toc-article']/x:a/text()", namespaces=NS) == ["甲", "乙"]


ANTHOLOGY = {
    "01.md": "---\ntitle: 编者按\nauthor: 王主编\n---\n\n本期说春天。\n",
    "02.md": "---\ntitle: 老街\nauthor: 林晓岚\n---\n\n老街醒得早。\n",
    "03.md": "---\ntitle: 河岸\nauthor: [张三, 李四]\n---\n\n河水很清。\n",
    "04.md": "# 来信\n\n来信若干。\n",
}
ANTHOLOGY_TOML = '[book]\ntitle = "城南月刊"\nauthors = ["王主编"]\n'


def test_an_anthologys_contents_name_each_articles_author_where_it_is_not_the_books(tmp_path):
    """A magazine's articles' authors were only in their bylines: the contents page listed titles
    alone. An entry names its article's author after the title, where it is not the book's own;
    the nav, which reading systems show and read as the title, lists titles alone."""
    [output] = paiban.build(make_book(tmp_path / "b", ANTHOLOGY, ANTHOLOGY_TOML), formats=["epub"])
    assert epubcheck_messages(output.path) == []
    files = xml_files(output.path)
    entries = files["EPUB/contents.xhtml"].xpath("//x:li[@class='toc-article']/x:a", namespaces=NS)
    assert [entry.xpath("string()") for entry in entries] == ["编者按", "老街　林晓岚", "河岸　张三、李四", "来信"]
    assert files["EPUB/contents.xhtml"].xpath("//x:span[@class='toc-author']/text()", namespaces=NS) == [
        "　林晓岚", "　张三、李四"]
    assert files["EPUB/nav.xhtml"].xpath("//x:nav[@epub:type='toc']//x:li/x:ol/x:li/x:a/text()", namespaces=NS) == [
        "编者按", "老街", "河岸", "来信"]


@pytest.mark.parametrize("toml", [
    '[book]\ntitle = "文集"\nauthors = ["王主编", "林晓岚", "张三", "李四"]\n',
    ANTHOLOGY_TOML + "[contents]\nauthors = false\n",
])
def test_contents_name_no_author_where_every_article_is_the_books_or_they_are_told_not_to(tmp_path, toml):
    """A book by its own authors (河岸 by two of them), or whose [contents] says authors = false,
    lists its titles as before."""
    [output] = paiban.build(make_book(tmp_path / "b", ANTHOLOGY, toml), formats=["epub"])
    contents = xml_files(output.path)["EPUB/contents.xhtml"]
    assert not contents.xpath("//x:span[@class='toc-author']", namespaces=NS)
    assert [entry.xpath("string()") for entry in contents.xpath("//x:li[@class='toc-article']/x:a", namespaces=NS)
            ] == ["编者按", "老街", "河岸", "来信"]


def test_a_chapter_of_one_article_of_its_title_names_its_author_in_its_entry(tmp_path):
    """Its chapter's entry is the article's: it names the author, who is not the book's."""
    [output] = paiban.build(make_book(tmp_path / "b", NOVEL, NOVEL_TOML), formats=["epub"])
    contents = xml_files(output.path)["EPUB/contents.xhtml"]
    assert [entry.xpath("string()") for entry in contents.xpath("//x:li[@class='toc-chapter']/x:a", namespaces=NS)
            ] == ["第一章　初雪　林晚舟", "第二章　旧信", "第三章　杂篇"]


def heading_levels(document) -> list[int]:
    """The levels of a document's headings, in reading order."""
    return [int(etree.QName(heading).localname[1]) for heading in document.iter()
            if isinstance(heading.tag, str) and etree.QName(heading).localname in ("h1", "h2", "h3", "h4", "h5", "h6")]


def test_the_sections_of_an_article_printed_under_its_chapters_title_leave_no_heading_level_out(tmp_path):
    """(A chapter 初雪 of the one article 初雪 printed its h1, then the article's sections as h3:
    the h2 of the title printed once, as the chapter's, was missing to a screen reader.)"""
    root = make_book(tmp_path / "b", {
        "01-初雪/初雪.md": "# 初雪\n\n第一段。\n\n## 一\n\n小节。\n\n### 甲\n\n小小节。\n\n## 二\n\n小节。\n",
        "02-杂篇/01.md": "# 甲篇\n\n## 一\n\n正文。\n"})
    epub, html = paiban.build(root, formats=["epub", "html"])
    files = xml_files(epub.path)
    assert heading_levels(files["EPUB/c1.xhtml"]) == [1, 2, 3, 2]
    assert files["EPUB/c1.xhtml"].xpath("//x:article/@class", namespaces=NS) == ["article untitled"]
    assert heading_levels(files["EPUB/c2.xhtml"]) == [1, 2, 3]  # an article under its own title: as it was
    page = etree.fromstring(html.path.read_bytes(), etree.HTMLParser())
    assert heading_levels(page) == [1, 1, 1, 2, 3, 2, 1, 2, 3]  # title page, contents, 初雪, 杂篇


SCRIPTED = {"01-章/01.md": "# 10<sup>3</sup> 倍与 H<sub>2</sub>O\n\n正文。\n", "01-章/02.md": "# 乙\n\n正文。\n",
            "02-H2O/h2o.md": "# H<sub>2</sub>O\n\n" + "无色无味的液体。" * 800 + "\n"}


def test_a_titles_superscript_and_subscript_stay_in_its_heading_contents_and_nav_and_apart_in_the_ncx(tmp_path):
    """(# 10<sup>3</sup> 倍与 H<sub>2</sub>O printed 103 倍与 H2O everywhere.) The NCX, drawn by the
    reading system's fonts, writes them as Unicode's; a folder 02-H2O is still its article's title."""
    [output] = paiban.build(make_book(tmp_path / "b", SCRIPTED), formats=["epub"])
    assert epubcheck_messages(output.path) == []
    files = xml_files(output.path)
    marked = "10<sup>3</sup> 倍与 H<sub>2</sub>O"

    def inner(element) -> str:
        markup = "".join(etree.tostring(child, encoding="unicode", with_tail=True) for child in element)
        return (element.text or "") + re.sub(r' xmlns(:\w+)?="[^"]*"', "", markup)

    assert [inner(h) for h in files["EPUB/c1.xhtml"].xpath("//x:h2", namespaces=NS)] == [marked, "乙"]
    assert inner(files["EPUB/c2.xhtml"].xpath("//x:h1/x:span", namespaces=NS)[0]) == "H<sub>2</sub>O"
    for name in ("EPUB/contents.xhtml", "EPUB/nav.xhtml"):
        assert [inner(a) for a in files[name].xpath("//x:ol//x:a", namespaces=NS)][:4] == [
            "章", marked, "乙", "H<sub>2</sub>O"], name
    assert files["EPUB/toc.ncx"].xpath("//ncx:navLabel/ncx:text/text()", namespaces=NS) == [
        "章", "10³ 倍与 H₂O", "乙", "H₂O"]


JING = "<ruby>静<rt>jìng</rt></ruby><ruby>夜<rp>(</rp><rt>yè</rt><rp>)</rp></ruby>思"
READ = {"01-章/01.md": f"# {JING}\n\n床前明月光。\n", "01-章/02.md": "# 乙\n\n正文。\n",
        "02-静夜思/a.md": f"# {JING}\n\n" + "床前明月光，疑是地上霜。" * 600 + "\n"}


def test_a_titles_ruby_stays_in_its_heading_and_contents_and_the_nav_and_ncx_list_its_base(tmp_path):
    """(# <ruby>静<rt>jìng</rt></ruby>… was flattened to the text 静jìng夜yè思 in its heading, the
    contents, the nav and the NCX.) A title keeps its ruby where it is printed as markup, and is its
    base alone where a reading system lists it as text."""
    [output] = paiban.build(make_book(tmp_path / "b", READ), formats=["epub"])
    assert epubcheck_messages(output.path) == []
    files = xml_files(output.path)
    kept = JING.replace("<rp>(</rp>", "").replace("<rp>)</rp>", "")  # (the ruby's parentheses are the reader's)

    def inner(element) -> str:
        markup = "".join(etree.tostring(child, encoding="unicode", with_tail=True) for child in element)
        return re.sub(r"</?rp>[()]?", "", (element.text or "") + re.sub(r' xmlns(:\w+)?="[^"]*"', "", markup))

    assert [inner(h) for h in files["EPUB/c1.xhtml"].xpath("//x:h2", namespaces=NS)] == [kept, "乙"]
    assert inner(files["EPUB/c2.xhtml"].xpath("//x:h1/x:span", namespaces=NS)[0]) == kept
    assert [inner(a) for a in files["EPUB/contents.xhtml"].xpath("//x:ol//x:a", namespaces=NS)] == [
        "章", kept, "乙", kept]
    assert [inner(a) for a in files["EPUB/nav.xhtml"].xpath("//x:nav[@epub:type='toc']//x:a", namespaces=NS)] == [
        "章", "静夜思", "乙", "静夜思"]
    assert files["EPUB/toc.ncx"].xpath("//ncx:navLabel/ncx:text/text()", namespaces=NS) == [
        "章", "静夜思", "乙", "静夜思"]
    assert files["EPUB/c2.xhtml"].xpath("//x:title/text()", namespaces=NS) == ["静夜思"]


def test_a_titles_smaller_commentary_stays_in_its_heading_and_the_lists_of_titles_have_its_text(tmp_path):
    """(# 山經第一<small>郭氏傳</small> printed 山經第一郭氏傳 at the title's size, the attribution read
    as the title's, where a subheading kept its <small>.) The contents, the nav and the NCX list titles
    as text."""
    config = '[book]\ntitle = "玄圃集注"\n[contents]\nsections = 1\n'
    body = "# 山經第一<small>郭氏傳</small>\n\n其木名杻。\n\n## 附<small>疏</small>\n\n疏曰。\n"
    [output] = paiban.build(make_book(tmp_path / "b", {"01-卷一/01.md": body}, config), formats=["epub"])
    files = xml_files(output.path)
    [title] = files["EPUB/c1.xhtml"].xpath("//x:h2", namespaces=NS)
    assert (title.text, [(etree.QName(child).localname, child.text) for child in title]) == (
        "山經第一", [("small", "郭氏傳")])
    for name in ("EPUB/contents.xhtml", "EPUB/nav.xhtml"):
        entries = files[name].xpath("//x:ol//x:a", namespaces=NS)
        assert [a.xpath("string()") for a in entries][:3] == ["卷一", "山經第一郭氏傳", "附疏"], name
        assert not files[name].xpath("//x:small", namespaces=NS), name
    assert files["EPUB/toc.ncx"].xpath("//ncx:navLabel/ncx:text/text()", namespaces=NS)[:3] == [
        "卷一", "山經第一郭氏傳", "附疏"]


def test_an_epub_may_name_a_font_not_installed_here_with_a_warning(tmp_path, caplog):
    """A reading device may have it; the PDF could not be made (tests/test_render_pdf.py). The warning
    is at its line of book.toml, as the PDF's error is (it named no file)."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"},
                     '[book]\ntitle = "书"\nauthors = ["某人"]\n[fonts]\nserif = ["No Such Font Serif"]\n')
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []
    assert "book.toml:5: no font for text is installed" in caplog.text and "reading devices" in caplog.text
    with zipfile.ZipFile(output.path) as epub:
        assert "No Such Font Serif" in epub.read("EPUB/styles/fonts.css").decode("utf-8")
        assert epub.read("EPUB/images/cover.png").startswith(b"\x89PNG")  # drawn in the region's default


@pytest.mark.parametrize("output", ["epub", "tw-epub", "html"])
def test_a_notes_link_back_is_named_for_a_screen_reader_in_the_books_language(sample, output):
    """The ↑ back to a note's call had no accessible name: a screen reader said "up arrow"."""
    path = sample[output]
    documents = (xml_files(path).values() if path.suffix == ".epub"
                 else [etree.fromstring(path.read_bytes(), etree.HTMLParser())])
    links = [link for document in documents for link in document.iter()
             if "footnote-backref" in (link.get("class") or "")]
    assert links and {(link.get("aria-label"), "".join(link.itertext())) for link in links} == {("返回正文", "↑")}


def test_opf_metadata_is_complete(sample):
    package = opf(sample["epub"])
    assert package.findtext(".//dc:title", namespaces=NS) == "排版入门"
    assert package.findtext(".//dc:language", namespaces=NS) == "zh-Hans"
    assert package.findtext(".//dc:creator", namespaces=NS) == "paiban 编辑部"
    assert package.findtext(".//dc:publisher", namespaces=NS) == "paiban 项目"
    assert package.findtext(".//dc:date", namespaces=NS) == "2026-11-26"
    assert package.findtext(".//dc:identifier", namespaces=NS).startswith("urn:uuid:")
    assert package.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert package.xpath("//opf:meta[@property='role']/text()", namespaces=NS) == ["aut"]


def test_converted_edition_metadata_and_text(sample):
    package = opf(sample["tw-epub"])
    assert package.findtext(".//dc:title", namespaces=NS) == "排版入門"
    assert package.findtext(".//dc:language", namespaces=NS) == "zh-Hant-TW"
    files = xml_files(sample["tw-epub"])
    chapter = files["EPUB/c1.xhtml"]
    assert chapter.get("lang") == "zh-Hant-TW"
    text = "".join(chapter.itertext())
    assert "凝心聚力抓落實" in text
    assert "淮海社區" in text and "社群" not in text  # the book's [phrases] beat s2twp
    assert "新征程" in text and "徵程" not in text  # and OpenCC's 徵程
    assert "韓利萍說：「一個人有技術" in text  # Taiwan quotes


def test_each_edition_has_its_own_identifier_and_the_source_edition_keeps_the_books(sample):
    from paiban.edition import identifier

    ids = [opf(sample[name]).findtext(".//dc:identifier", namespaces=NS) for name in ("epub", "tw-epub", "hk-epub")]
    assert ids[0] == identifier(None, "排版入门", ["paiban 编辑部"]) and len(set(ids)) == 3


@pytest.mark.parametrize(("given", "number", "printed"), [
    ("ISBN-13: 978-7-02-000220-7", "9787020002207", "978-7-02-000220-7"),
    ("ISBN：978-7-02-000220-7", "9787020002207", "978-7-02-000220-7"),
    ("isbn-10 7-02-000220-X", "702000220X", "7-02-000220-X"),
])
def test_an_isbn_written_with_its_label_is_in_the_opf_and_on_the_copyright_page(tmp_path, caplog, given, number,
                                                                                printed):
    """The label of CIP data (ISBN-13:) and the full-width colon Chinese editors type (ISBN：) were
    taken as part of the number: a warning of an ISBN of the wrong length, the label raw in
    dc:identifier, and no ISBN on the copyright page."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"},
                     f'[book]\ntitle = "书"\nidentifier = "{given}"\n')
    [output] = paiban.build(root, formats=["epub"])
    assert opf(output.path).findtext(".//dc:identifier", namespaces=NS) == f"urn:isbn:{number}"
    with zipfile.ZipFile(output.path) as archive:
        assert f"<p>ISBN {printed}</p>" in archive.read("EPUB/titlepage.xhtml").decode("utf-8")
    assert not [record for record in caplog.records if "identifier" in record.getMessage()]


def test_an_editions_own_isbn_is_in_its_opf_and_on_its_copyright_page(tmp_path):
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"}, """\
        [book]
        title = "书"
        identifier = "978-7-02-000220-7"
        [[editions]]
        name = "cn"
        [[editions]]
        name = "tw"
        convert = "s2tw"
        identifier = "978-0-306-40615-7"
        """)
    outputs = {o.edition: o.path for o in paiban.build(root, formats=["epub"])}
    for name, isbn in (("cn", "978-7-02-000220-7"), ("tw", "978-0-306-40615-7")):
        assert opf(outputs[name]).findtext(".//dc:identifier", namespaces=NS) == f"urn:isbn:{isbn.replace('-', '')}"
        with zipfile.ZipFile(outputs[name]) as archive:
            assert f"ISBN {isbn}" in archive.read("EPUB/titlepage.xhtml").decode("utf-8")
    assert epubcheck_messages(outputs["tw"]) == []


def test_hong_kong_edition_has_its_language_and_fonts(sample):
    with zipfile.ZipFile(sample["hk-epub"]) as archive:
        assert '"Noto Serif CJK HK"' in archive.read("EPUB/styles/fonts.css").decode()
    assert opf(sample["hk-epub"]).findtext(".//dc:language", namespaces=NS) == "zh-Hant-HK"


def test_nav_is_nested_chapters_then_articles(sample):
    nav = xml_files(sample["epub"])["EPUB/nav.xhtml"]
    toc = nav.xpath("//x:nav[@epub:type='toc']/x:ol", namespaces=NS)[0]
    chapters = toc.xpath("x:li", namespaces=NS)
    assert [li.xpath("string(x:a)", namespaces=NS) for li in chapters] == ["新闻样稿", "使用指南"]
    assert chapters[0].xpath("x:ol/x:li/x:a/@href", namespaces=NS) == ["c1.xhtml#a1"]
    assert len(chapters[1].xpath("x:ol/x:li", namespaces=NS)) == 3
    headings = [nav.xpath(f"string(//x:nav[@epub:type='{kind}']/x:h2)", namespaces=NS) for kind in ("toc", "landmarks")]
    assert headings == ["目录", "导览"]  # in the book's language, as a reader may show them


def test_ncx_is_kept_for_older_readers(sample):
    ncx = xml_files(sample["epub"])["EPUB/toc.ncx"]
    assert len(ncx.xpath("//ncx:navPoint", namespaces=NS)) == 6


def test_content_documents_carry_language_stylesheets_and_no_scripts(sample):
    for name, root in xml_files(sample["epub"]).items():
        if not name.endswith(".xhtml") or name.endswith("nav.xhtml"):
            continue
        assert root.get("lang") == "zh-Hans", name
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hans", name
        links = root.xpath("//x:link/@href", namespaces=NS)
        assert links == ["styles/fonts.css", "styles/base.css", "styles/epub.css"], name
        assert not root.xpath("//x:script", namespaces=NS), name
    assert "scripted" not in etree.tostring(opf(sample["epub"])).decode()


def test_epub_fonts_sheet_names_the_editions_font(sample):
    with zipfile.ZipFile(sample["tw-epub"]) as archive:
        assert '"Noto Serif CJK TC"' in archive.read("EPUB/styles/fonts.css").decode()


@pytest.mark.parametrize("name", ["mimetype"])
def test_mimetype_is_first_and_stored(sample, name):
    with zipfile.ZipFile(sample["epub"]) as archive:
        first = archive.infolist()[0]
    assert first.filename == name and first.compress_type == zipfile.ZIP_STORED


def test_the_same_sources_give_a_byte_identical_epub(book_dir, tmp_path):
    import hashlib

    first = paiban.build(book_dir, formats=["epub"], output=tmp_path / "one")[0].path
    second = paiban.build(book_dir, formats=["epub"], output=tmp_path / "two")[0].path
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()


def test_a_new_cover_picture_or_stylesheet_moves_the_modified_date(tmp_path, monkeypatch):
    """Stores tell a new release by identifier and dcterms:modified; it only followed book.toml and the
    articles, so a book whose cover, pictures or sheets changed came out as the same release."""
    import os

    from PIL import Image

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n![图](images/p.png)\n", "styles/epub.css": "p { margin: 0; }\n"},
                     '[book]\ntitle = "书"\ncover = "cover.png"\n')
    (root / "images").mkdir()
    for name in ("images/p.png", "cover.png"):
        Image.new("RGB", (60, 90), "white").save(root / name)
    for path in root.rglob("*"):
        os.utime(path, (1_600_000_000, 1_600_000_000))

    def modified():
        [output] = paiban.build(root, formats=["epub"], output=tmp_path / "out")
        return opf(output.path).xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)[0]

    assert modified() == "2020-09-13T12:26:40Z"
    for when, name in enumerate(("cover.png", "images/p.png", "styles/epub.css"), 1_700_000_000):
        os.utime(root / name, (when, when))
        assert modified() == f"2023-11-14T22:13:{20 + when - 1_700_000_000}Z", name


def test_source_date_epoch_sets_the_modified_date(book_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    [output] = paiban.build(book_dir, formats=["epub"], output=tmp_path)
    modified = opf(output.path).xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert modified == ["2023-11-14T22:13:20Z"]
    with zipfile.ZipFile(output.path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


@pytest.mark.parametrize(("epoch", "stamped"), [(" 1700000000\n", (2023, 11, 14, 22, 13, 20)),
                                                ("-1", (1980, 1, 1, 0, 0, 0))], ids=["spaced", "before 1970"])
def test_a_source_date_epoch_with_white_space_round_it_or_before_1970_dates_the_epub(
        book_dir, tmp_path, monkeypatch, epoch, stamped):
    """A value read from a file keeps its newline, and a date before 1970 is negative: both were
    taken until the variable was checked, and then refused as no whole number."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    [output] = paiban.build(book_dir, formats=["epub"], output=tmp_path)
    with zipfile.ZipFile(output.path) as archive:
        assert {info.date_time for info in archive.infolist()} == {stamped}


@pytest.mark.parametrize(("epoch", "wrong"), [
    ("abc", "is not a whole number of seconds"), ("1e9", "is not a whole number of seconds"),
    ("1700000000.5", "is not a whole number of seconds"),
    ("1700000000000", "is after 2107, the last year an EPUB's zip can date its files (at most 4354819199)")])
def test_a_source_date_epoch_that_is_no_date_is_an_error_naming_it(book_dir, tmp_path, monkeypatch, epoch, wrong):
    """It was taken for a bug in paiban (exit 1, "internal error: ValueError", or a struct error
    past 2107), and the variable was not named."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(PaibanError) as caught:
        paiban.build(book_dir, formats=["html", "epub"], output=tmp_path)
    assert caught.value.message == f"SOURCE_DATE_EPOCH='{epoch}' {wrong}"
    assert "`date +%s`" in caught.value.hint and "reproducible-builds.org" in caught.value.hint
    assert not list(tmp_path.glob("seedbook.*"))  # told before anything is built


def test_a_build_without_an_epub_does_not_read_source_date_epoch(book_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    [output] = paiban.build(book_dir, formats=["html"], output=tmp_path)
    assert output.path.is_file()


def test_the_nav_keeps_the_language_of_an_english_title(tmp_path):
    """``# [On Morning Walks]{lang=en} 论晨走``, and a heading's ``{lang=en}``: the nav lists the
    English as English, as the contents page does (EbookLib wrote the title as bare text)."""
    root = make_book(tmp_path / "b", {"01-随笔/01-a.md": "# [On Morning Walks]{lang=en} 论晨走\n\n正文。\n",
                                      "01-随笔/02-b.md": "# The Keeper {lang=en}\n\n::: {lang=en}\nText.\n:::\n"})
    [output] = paiban.build(root, formats=["epub"])
    nav = xml_files(output.path)["EPUB/nav.xhtml"]
    links = nav.xpath("//x:nav[@epub:type='toc']//x:a[contains(@href, '#')]", namespaces=NS)
    assert [[(span.get("lang"), span.text, span.tail) for span in link] for link in links] == \
        [[("en", "On Morning Walks", " 论晨走")], [("en", "The Keeper", None)]]
    assert epubcheck_messages(output.path) == []


SECTIONED = {
    "01-第1章/01-变量.md": "# 1.1　变量\n\n引言。\n\n## 1.1.1　命名\n\n甲。\n\n### 1.1.1.1　保留字\n\n"
                          "乙。\n\n#### 不列出的小节\n\n丙。\n\n> ## 引文里的标题\n\n"
                          "## 1.1.2　赋值[^1] {#s1}\n\n丁。\n\n## On Names {lang=en}\n\nText.\n\n[^1]: 注。\n",
    "01-第1章/02-无节.md": "# 1.2　无节\n\n正文。\n",
    "02-附录/01-术语.md": "# 附录\n\n## 索引\n\n正文。\n",
}
SECTIONED_TOML = """\
    [book]
    title = "教程"
    [[chapters]]
    title = "第1章　变量"
    articles = ["01-第1章/*.md"]
    [[chapters]]
    title = "附录"
    articles = ["02-附录/*.md"]
    [contents]
    sections = 2
    """


def toc_tree(listing, path: str) -> list:
    """A contents list as nested (title, [entries under it]) pairs; ``path`` finds an li's link."""
    return [(li.xpath(f"string({path})", namespaces=NS),
             toc_tree(next(iter(li.xpath("x:ol", namespaces=NS)), None), path))
            for li in (listing.xpath("x:li", namespaces=NS) if listing is not None else [])]


def test_contents_list_each_articles_sections_to_the_depth_asked(tmp_path):
    """[contents] sections = 2: ## and ### under each article, in the nav, the NCX and the contents
    page, each heading with an id (its own, or one made unique); a #### heading, one in a quotation,
    and a note's text are not listed; a chapter of one article lists that article's sections."""
    [output] = paiban.build(make_book(tmp_path / "b", SECTIONED, SECTIONED_TOML), formats=["epub"])
    assert epubcheck_messages(output.path) == []  # every entry's target exists; no empty ol
    files = xml_files(output.path)
    expected = [("第1章　变量", [
        ("1.1　变量", [("1.1.1　命名", [("1.1.1.1　保留字", [])]), ("1.1.2　赋值", []), ("On Names", [])]),
        ("1.2　无节", [])]), ("附录", [("索引", [])])]
    nav = files["EPUB/nav.xhtml"].xpath("//x:nav[@epub:type='toc']/x:ol", namespaces=NS)[0]
    assert toc_tree(nav, "x:a") == expected
    contents = files["EPUB/contents.xhtml"].xpath("//x:nav[@class='toc']/x:ol", namespaces=NS)[0]
    assert toc_tree(contents, "x:a") == expected
    ncx = files["EPUB/toc.ncx"]
    assert ncx.xpath("//ncx:navPoint[ncx:navLabel/ncx:text='1.1.1.1　保留字']/ancestor::ncx:navPoint"
                     "/ncx:navLabel/ncx:text/text()", namespaces=NS) == ["第1章　变量", "1.1　变量", "1.1.1　命名"]
    chapter = files["EPUB/c1.xhtml"]
    headings = {heading.xpath("string()"): heading.get("id")
                for heading in chapter.xpath("//x:h3|//x:h4", namespaces=NS)}
    # The author's ids are kept; a heading without one gets a1-s<n>, never an id the article has (a1-s1).
    assert headings["1.1.2　赋值1"] == "a1-s1"  # {#s1}, the note's call in its text
    assert [headings["1.1.1　命名"], headings["1.1.1.1　保留字"], headings["On Names"]] == ["a1-s1-2", "a1-s2", "a1-s4"]
    hrefs = {link.text: link.get("href") for link in nav.iter(f"{{{NS['x']}}}a")}
    assert hrefs["1.1.1.1　保留字"] == "c1.xhtml#a1-s2" and hrefs["索引"].startswith("c2.xhtml#a3-s")
    assert nav.xpath("string(.//x:a[.='On Names']/@lang)", namespaces=NS) == "en"


def test_contents_list_no_sections_unless_asked(tmp_path):
    """The default is as before: chapters and articles, and no heading given an id it lacks."""
    [output] = paiban.build(make_book(tmp_path / "b", SECTIONED, SECTIONED_TOML.replace("sections = 2", "")),
                            formats=["epub"])
    files = xml_files(output.path)
    nav = files["EPUB/nav.xhtml"].xpath("//x:nav[@epub:type='toc']/x:ol", namespaces=NS)[0]
    assert toc_tree(nav, "x:a") == [("第1章　变量", [("1.1　变量", []), ("1.2　无节", [])]), ("附录", [])]
    assert files["EPUB/c1.xhtml"].xpath("//x:h4/@id", namespaces=NS) == []


AWKWARD_SECTIONS = {
    "01-章/01-a.md": "# H<sub>2</sub>O\n\n文。\n\n## 引言 {#sec:intro}\n\n文。\n\n<h2 id=\"a/b\">斜线</h2>\n\n文。\n\n"
                     "## ![河图](../img/p.png)\n\n文。\n\n## ![](../img/p.png)\n\n文。\n\n## [^1]\n\n文。\n\n"
                     "## 节<sup>2</sup>\n\n文。\n\n## [On Walks]{lang=en}\n\n文。\n\n[^1]: 注。\n",
    "02-回忆/01-w.md": "# 回忆录\n\n文。\n\n## 户口与骨头\n\n文。\n",
    "img/p.png": PNG,
}
AWKWARD_TOML = """\
    [book]
    title = "书"
    [[chapters]]
    title = "水"
    articles = ["01-章/*.md"]
    [[chapters]]
    title = "回忆"
    articles = ["02-回忆/*.md"]
    no-convert = true
    [[editions]]
    name = "tw"
    convert = "s2twp"
    [contents]
    sections = 1
    """


def test_sections_with_awkward_ids_titles_and_languages_are_listed_whole_and_the_epub_valid(tmp_path):
    """A section's id with a colon or a slash stays in its href but not in the NCX's ids (XML names);
    a heading of a picture is listed by its alt text, one of no text (a bare picture, a note's call)
    not at all; a superscript and a language span stay in the nav and the contents (H₂O-like in the
    NCX); a section of an article not converted carries the article's language in the nav too; the
    landmarks are the next test's."""
    root = make_book(tmp_path / "b", AWKWARD_SECTIONS, AWKWARD_TOML)
    outputs = paiban.build(root, formats=["epub"])
    tw = next(output.path for output in outputs if "tw" in output.path.name)
    assert epubcheck_messages(tw) == []
    files = xml_files(tw)
    nav = files["EPUB/nav.xhtml"]
    toc = nav.xpath("//x:nav[@epub:type='toc']/x:ol", namespaces=NS)[0]
    assert toc_tree(toc, "x:a") == [("水", [("H2O", [("引言", []), ("斜線", []), ("河圖", []), ("節2", []),
                                                    ("On Walks", [])])]),
                                    ("回憶", [("回忆录", [("户口与骨头", [])])])]
    hrefs = [link.get("href") for link in toc.iter(f"{{{NS['x']}}}a")]
    assert "c1.xhtml#a1-sec:intro" in hrefs and "c1.xhtml#a1-a/b" in hrefs
    assert all(":" not in point.get("id") and "/" not in point.get("id")
               for point in files["EPUB/toc.ncx"].iter(f"{{{NS['ncx']}}}navPoint"))
    assert files["EPUB/toc.ncx"].xpath("//ncx:navLabel/ncx:text[starts-with(., '節')]/text()",
                                       namespaces=NS) == ["節²"]
    for listing in (toc, files["EPUB/contents.xhtml"].xpath("//x:nav[@class='toc']", namespaces=NS)[0]):
        assert listing.xpath("string(.//x:a[.='節2']/x:sup)", namespaces=NS) == "2"
        assert listing.xpath("string(.//x:a[.='On Walks']//@lang)", namespaces=NS) == "en"
        assert listing.xpath("string(.//x:a[.='户口与骨头']/@lang)", namespaces=NS) == "zh-Hans"
        assert listing.xpath("string(.//x:a[.='回忆录']/@lang)", namespaces=NS) == "zh-Hans"


def test_an_authors_own_listed_section_class_lists_nothing(tmp_path):
    """A heading the author classed ``listed-section`` is not listed when the contents list no sections."""
    root = make_book(tmp_path / "b", {"01-章/01-a.md": "# 甲\n\n## 自称 {.listed-section}\n\n文。\n"})
    [output] = paiban.build(root, formats=["epub"])
    nav = xml_files(output.path)["EPUB/nav.xhtml"].xpath("//x:nav[@epub:type='toc']/x:ol", namespaces=NS)[0]
    assert toc_tree(nav, "x:a") == [("章", [("甲", [])])]


def test_the_landmarks_keep_their_labels_when_the_first_chapters_title_has_markup(tmp_path):
    """The nav's titles with markup go to the contents' entries alone: the bodymatter landmark,
    whose href is the first chapter's (H<sub>2</sub>O), keeps the book's title."""
    root = make_book(tmp_path / "b", {"01-H2O/H2O.md": "# H<sub>2</sub>O\n\n文。\n", "02-河/a.md": "# 河\n\n文。\n"})
    [output] = paiban.build(root, formats=["epub"])
    nav = xml_files(output.path)["EPUB/nav.xhtml"]
    assert nav.xpath("string(//x:nav[@epub:type='toc']//x:a[1]/x:sub)", namespaces=NS) == "2"
    assert nav.xpath("//x:nav[@epub:type='landmarks']//x:a[@epub:type='bodymatter']/text()",
                     namespaces=NS) == ["测试书"]


def test_a_templates_link_to_an_id_the_book_lacks_is_an_error_naming_the_template(tmp_path):
    """``href`` of an id nothing in the book holds wrote ``None#id``, a link to nowhere: it is an
    error now, naming the book's template and its line."""
    toc = '<nav id="toc">\n<a href="{{ href(\'nowhere\') }}">x</a>\n</nav>\n'
    root = make_book(tmp_path / "b", {"01-章/01-a.md": "# 甲\n\n文。\n", "styles/_toc.html": toc})
    with pytest.raises(paiban.errors.PaibanError) as raised:
        paiban.build(root, formats=["epub"])
    assert "'nowhere'" in str(raised.value) and "_toc.html" in str(raised.value)


def test_a_note_called_twice_names_its_second_link_back_apart(tmp_path):
    """Its two links back, to two calls, were both 返回正文 (WCAG 2.4.4: one name, two places)."""
    root = make_book(tmp_path / "b", {"a.md": "# 注\n\n甲[^1]乙[^1]丙[^2]。\n\n[^1]: 注一。\n[^2]: 注二。\n"})
    [output] = paiban.build(root, formats=["epub"])
    chapter = xml_files(output.path)["EPUB/c1.xhtml"]
    named = [(link.getparent().getparent().get("id"), link.get("aria-label")) for link in chapter.iter()
             if "footnote-backref" in (link.get("class") or "")]
    assert named == [("a1-fn1", "返回正文"), ("a1-fn1", "返回正文 2"), ("a1-fn2", "返回正文")]


@pytest.mark.parametrize("output", ["epub", "html"])
def test_a_link_back_in_a_note_of_another_language_is_tagged_with_the_books(tmp_path, output):
    """An English note's link back (<aside lang="en">) was named 返回正文 with no language of its own:
    a screen reader spoke it with the English voice (WCAG 3.1.2). A Chinese note's needs none."""
    root = make_book(tmp_path / "b", {"a.md": "# 注\n\n甲[^1]。\n\n[^1]: 中文注。\n\n::: {lang=en}\n"
                                              "Text.[^e]\n\n[^e]: An English note.\n:::\n"})
    [built] = paiban.build(root, formats=[output])
    document = (xml_files(built.path)["EPUB/c1.xhtml"] if output == "epub"
                else etree.fromstring(built.path.read_bytes(), etree.HTMLParser()))
    tagged = {("English" in "".join(link.getparent().itertext())): link.get("lang") for link in document.iter()
              if "footnote-backref" in (link.get("class") or "")}
    assert tagged == {False: None, True: "zh-Hans"}  # (the Chinese note's, the English note's)


def test_a_title_that_breaks_its_line_on_the_title_page_is_one_line_in_the_metadata(tmp_path):
    """title = "山城\\n江河" was written raw into dc:title, the NCX's docTitle and each document's title."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"},
                     '[book]\ntitle = "山城\\n江河"\nsubtitle = "上卷\\n下卷"\n')
    [output] = paiban.build(root, formats=["epub"])
    files = xml_files(output.path)
    titles = [title.text for title in files["EPUB/content.opf"].iterfind(".//dc:title", NS)]
    assert titles == ["山城 江河", "上卷 下卷"]
    assert files["EPUB/toc.ncx"].findtext("ncx:docTitle/ncx:text", namespaces=NS) == "山城 江河"
    assert {page.findtext("x:head/x:title", namespaces=NS) for name, page in files.items()
            if name.endswith("titlepage.xhtml")} == {"山城 江河"}
    heading = files["EPUB/titlepage.xhtml"].find(".//x:h1", NS)
    assert [heading.text, heading[0].tail] == ["山城", "江河"]  # the title page breaks it, as the cover does


TAGGED_TOML = ('[book]\ntitle = "《[Zoë’s Garden]{lang=en}》译本"\n'
               'subtitle = "[Zoë’s Garden — a Tale, with Notes…]{lang=en}"\n'
               'authors = ["[Łucja Dvořák-Brontë]{lang=en}"]\ntranslators = ["林一舟"]\n')


def test_a_phrase_of_the_title_subtitle_or_a_name_is_tagged_with_its_language(tmp_path):
    """book.toml's title, subtitle and names were text alone: an English subtitle was read aloud in
    a Chinese voice and set in the CJK font (Zoë’ s). A phrase tagged as a heading's is,
    [Zoë’s Garden]{lang=en}, is a span of its language on the title page and the copyright page,
    and a title or name tagged whole carries xml:lang in the OPF; the metadata read as written."""
    root = make_book(tmp_path / "b", {"01-花园/a.md": "# 花园\n\n正文。\n"}, TAGGED_TOML)
    [output] = paiban.build(root, formats=["epub"])
    files = xml_files(output.path)
    package = files["EPUB/content.opf"]
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [(title.text, title.get(lang)) for title in package.iterfind(".//dc:title", NS)] == [
        ("《Zoë’s Garden》译本", None), ("Zoë’s Garden — a Tale, with Notes…", "en")]
    assert [(name.text, name.get(lang)) for name in package.iterfind(".//dc:creator", NS)] == [
        ("Łucja Dvořák-Brontë", "en")]
    assert files["EPUB/toc.ncx"].findtext("ncx:docTitle/ncx:text", namespaces=NS) == "《Zoë’s Garden》译本"
    page = files["EPUB/titlepage.xhtml"]
    spans = [("".join(span.itertext()), span.get("lang")) for span in page.iterfind(".//x:span[@lang]", NS)]
    assert spans == [("Zoë’s Garden", "en"), ("Zoë’s Garden — a Tale, with Notes…", "en"),
                     ("Łucja Dvořák-Brontë", "en")] * 2  # the title page's, then the copyright page's
    assert "".join(page.find(".//x:h1", NS).itertext()) == "《Zoë’s Garden》译本"
    assert epubcheck_messages(output.path) == []



def test_a_quoted_phrase_the_language_tag_ends_inside_keeps_its_language_whole_on_the_title_page(tmp_path):
    """‘Zoë’s Garden’, its phrase tagged English: the quote ‘Zoë’ kept whole on the title page
    (a span of its own, as a bracketed word is) closed the language's span inside it, and s Garden
    was read in the Chinese voice."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"}, '[book]\ntitle = "‘[Zoë’s Garden]{lang=en}’译本"\n')
    [output] = paiban.build(root, formats=["epub"])
    heading = xml_files(output.path)["EPUB/titlepage.xhtml"].find(".//x:h1", NS)
    assert [("".join(span.itertext()), span.get("lang")) for span in heading.iterfind(".//x:span[@lang]", NS)] == [
        ("Zoë’s Garden", "en")]

def test_a_box_is_a_box_in_the_epub_and_no_note(tmp_path):
    """A ``::: box`` was refused and an <aside> printed as plain text; the box is a div.box the
    theme draws, never an aside a reading system or the notes' check would take for a note."""
    text = ("# 河\n\n正文[^1]。\n\n[^1]: 注。\n\n::: box\n**知识链接**\n\n长江是第一长河。\n:::\n\n"
            "<aside><p>旁注。</p></aside>\n")
    [output] = paiban.build(make_book(tmp_path, {"a.md": text}), formats=["epub"])
    with zipfile.ZipFile(output.path) as epub:
        page = epub.read("EPUB/c1.xhtml").decode()
        css = "".join(epub.read(name).decode() for name in epub.namelist() if name.endswith(".css"))
    assert '<div class="box">\n<p class="box-title"><strong>知识链接</strong></p>' in page
    assert '<div class="box"><p>旁注。</p></div>' in page and page.count("<aside") == 1  # the note's alone
    assert re.search(r"\.box \{[^}]*border: 0\.5pt solid", css)
    assert epubcheck_messages(output.path) == []


SUBTITLED = ("扎根山村三十年的乡村教师\n——记青川市北坡小学教师林秋\n\n（本报记者 孙浩）\n\n"
             "清晨六点，林秋已经站在学校门口。\n")


def test_an_articles_subtitle_is_printed_under_its_title_in_the_header_and_listed_nowhere(tmp_path):
    """A .txt article's ——记…… line under its headline was an <h3> of its text; its subtitle, escaped,
    stands in the header under the title, and the navigation lists the title alone."""
    root = make_book(tmp_path / "b", {"a.txt": SUBTITLED.replace("林秋\n", "林秋<一>\n", 1)})
    [output] = paiban.build(root, formats=["epub"], output=tmp_path / "out")
    files = xml_files(output.path)
    [header] = [header for name, tree in files.items() for header in tree.iterfind(".//x:header", NS)]
    assert [(child.get("class"), "".join(child.itertext())) for child in header] == [
        ("article-title", "扎根山村三十年的乡村教师"), ("article-subtitle", "——记青川市北坡小学教师林秋<一>"),
        ("article-byline", "孙浩")]
    assert not any(tree.find(".//x:h3", NS) is not None for tree in files.values())
    listed = [tree for name, tree in files.items() if name.endswith(("nav.xhtml", ".ncx"))]
    assert listed and not any("——记" in "".join(tree.itertext()) for tree in listed)
    assert epubcheck_messages(output.path) == []

