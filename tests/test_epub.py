"""E-reader-grade EPUB: landmarks, print page-list, popup notes, cover, metadata and accessibility,
vertical writing, embedded font subsets — each checked in the OPF/nav/XHTML and by EPUBCheck."""

import io
import json
import re
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree, html
from PIL import Image
from pypdf import PdfReader

import paiban
from paiban.check.stores import store_problems
from paiban.errors import PaibanError

from conftest import PNG, REPO, epubcheck_messages, made_font, make_book, outline, pdf_page_texts, warnings_of

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
BOOK = """\
    [book]
    title = "电子书"
    subtitle = "副标题"
    authors = ["作者甲"]
    editors = ["编者乙"]
    translators = ["译者丙"]
    subjects = ["排版", "出版"]
    series = "样书丛书"
    series-index = 2
    publisher = "示例出版社"
    """
ARTICLES = {
    "01-一/a.md": "# 第一篇\n\n正文[^1]，还有一张图：\n\n![一张小图](p.png)\n\n[^1]: 这是注释。\n",
    "01-一/p.png": PNG,
    "02-二/b.md": "# 第二篇\n\n" + "第二章的正文，足够长的一段文字。" * 120 + "\n",
}


def files(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(path, name):
    return etree.fromstring(files(path)[name])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_book(tmp_path_factory.mktemp("e"), ARTICLES, BOOK)
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    return outputs


def test_book_with_footnotes_images_and_page_list_passes_epubcheck(built):
    assert epubcheck_messages(built["epub"]) == []


def test_landmarks_cover_toc_bodymatter(built):
    nav = xml(built["epub"], "EPUB/nav.xhtml")
    landmarks = nav.xpath("//x:nav[@epub:type='landmarks']//x:a", namespaces=NS)
    assert {a.get(f"{{{NS['epub']}}}type"): a.get("href") for a in landmarks} == {
        "cover": "cover.xhtml", "toc": "contents.xhtml", "bodymatter": "c1.xhtml"}


def test_page_list_maps_print_pages_to_where_they_begin(built):
    nav = xml(built["epub"], "EPUB/nav.xhtml")
    entries = nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)
    assert len(entries) >= 4
    contents = files(built["epub"])
    pdf_pages = subprocess.run(["pdftotext", str(built["pdf"]), "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")
    labels = PdfReader(built["pdf"]).page_labels
    for entry in entries:
        document, anchor = entry.get("href").split("#")
        text = contents[f"EPUB/{document}"].decode()
        marker = re.search(rf'<span[^>]*id="{anchor}"[^>]*/>', text)
        assert marker and 'epub:type="pagebreak"' in marker.group()
        following = han(re.sub(r"<[^>]+>", "", text[marker.end():marker.end() + 300]))[:6]
        # By the number a viewer shows: the title page prints none.
        assert following in han(pdf_pages[labels.index(entry.text)]), (entry.text, following)


def test_the_ncx_lists_the_print_pages_as_the_nav_does_in_reading_order(built):
    """For the readers of EPUB 2, which read pages only in the NCX: it had none, and said the book had
    no pages (dtb:totalPageCount 0), where the nav's page-list and the OPF said it had."""
    ncx_ns = {"n": "http://www.daisy.org/z3986/2005/ncx/"}
    ncx, nav = xml(built["epub"], "EPUB/toc.ncx"), xml(built["epub"], "EPUB/nav.xhtml")
    listed = [(a.get("href"), a.text) for a in nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)]
    targets = ncx.xpath("//n:pageList/n:pageTarget", namespaces=ncx_ns)
    assert [(t.find("n:content", ncx_ns).get("src"), t.findtext("n:navLabel/n:text", namespaces=ncx_ns))
            for t in targets] == listed
    assert [t.get("type") for t in targets] == ["front" if not label.isdigit() else "normal" for _, label in listed]
    meta = {m.get("name"): m.get("content") for m in ncx.iterfind("n:head/n:meta", ncx_ns)}
    assert meta["dtb:totalPageCount"] == str(len(listed))
    assert meta["dtb:maxPageNumber"] == str(max(int(label) for _, label in listed if label.isdigit()))
    # Reading order: a chapter's entry before its first page's marker, each page after the one before.
    order = {e.find("n:content", ncx_ns).get("src"): int(e.get("playOrder"))
             for e in ncx.xpath("//n:navPoint | //n:pageTarget", namespaces=ncx_ns)}
    pages = [order[href] for href, _ in listed]
    assert pages == sorted(pages) and order["c1.xhtml"] < order[next(h for h, _ in listed if h.startswith("c1.xhtml"))]


def test_a_page_that_begins_with_a_heading_has_its_marker_before_the_heading_not_in_it(built):
    """The marker stood inside the heading (<h1 class="chapter-title"><span …><span
    epub:type="pagebreak" aria-label="1"/>开篇</span></h1>): a screen reader read the heading as "1 开篇"."""
    contents = files(built["epub"])
    headings = "//x:h1|//x:h2|//x:h3|//x:h4|//x:h5|//x:h6"
    before = {}
    for name in (name for name in contents if name.endswith(".xhtml")):
        document = etree.fromstring(contents[name])
        assert not document.xpath(f"({headings})//*[@epub:type='pagebreak']", namespaces=NS), name
        before |= {marker.get("aria-label"): "".join(marker.getnext().itertext())
                   for marker in document.xpath("//*[@epub:type='pagebreak']", namespaces=NS)
                   if marker.getnext() is not None and marker.getnext().tag.rsplit("}")[-1][0] == "h"}
    assert before == {"iii": "电子书", "v": "目录", "1": "一", "3": "二"}


def test_a_page_that_begins_with_a_picture_is_in_the_page_list(tmp_path):
    """Pages were placed by their first text only: a page holding only a picture had no marker and
    was missing from the page-list (1, 3: no 2). Its marker now stands before the picture."""
    root = make_book(tmp_path / "b", {"a.md": "# 图页\n\n第一段。\n\n![](tall.png)\n\n![](tall.png)\n\n最后一段。\n"},
                     '[book]\ntitle = "页码表"\n')
    Image.new("RGB", (200, 1000), "navy").save(root / "tall.png")
    outputs = {o.format: o for o in paiban.build(root, formats=["epub", "pdf"])}
    pages = subprocess.run(["pdftotext", str(outputs["pdf"].path), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    assert [page.split()[-1] for page in pages if "页码表" in page and "最后一段" in page] == ["3"]
    nav = xml(outputs["epub"].path, "EPUB/nav.xhtml")
    listed = nav.xpath("//x:nav[@epub:type='page-list']//x:a/@href", namespaces=NS)
    assert [href for href in listed if href.startswith("c1.xhtml")] == [f"c1.xhtml#page-{n}" for n in (1, 2, 3)]
    chapter = xml(outputs["epub"].path, "EPUB/c1.xhtml")
    for label in ("2", "3"):  # the second picture begins page 3, the last paragraph below it
        [marker] = chapter.xpath("//*[@id=$id]", id=f"page-{label}")
        assert marker.getnext().tag == f"{{{NS['x']}}}img"
    assert epubcheck_messages(outputs["epub"].path) == []


def test_a_page_a_long_table_runs_on_to_begins_at_its_first_row_not_its_repeated_header(tmp_path):
    """Every later page of a long table had its marker in the table's first header cell
    (<th>学号<span id="page-2"/><span id="page-3"/>…): the repeated header was taken for the page's start."""
    rows = "".join(f"| {n} | 学生{n} |\n" for n in range(1, 121))
    root = make_book(tmp_path / "b", {"a.md": f"# 长表\n\n| 学号 | 姓名 |\n|---:|---|\n{rows}"},
                     '[book]\ntitle = "页码表"\n')
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    pages = subprocess.run(["pdftotext", str(outputs["pdf"]), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    chapter = xml(outputs["epub"], "EPUB/c1.xhtml")
    markers = chapter.xpath("//x:tbody//*[@epub:type='pagebreak']", namespaces=NS)
    assert len(markers) >= 2 and not chapter.xpath("//x:thead//*[@epub:type='pagebreak']", namespaces=NS)
    labels = PdfReader(outputs["pdf"]).page_labels
    for marker in markers:  # in the first cell of the row that begins its printed page
        number = int(marker.getparent().xpath("string()"))
        words = pages[labels.index(marker.get("aria-label"))].split()
        assert f"学生{number}" in words and f"学生{number - 1}" not in words
    assert epubcheck_messages(outputs["epub"]) == []


def test_a_page_that_begins_with_a_ruby_has_its_marker_before_the_ruby_not_in_it(tmp_path):
    """Print keeps a ruby whole, and a page of a pinyin reader begins with one; but counted by
    characters, its marker stood at the end of the reading before (孩<rt>hái<span
    epub:type="pagebreak"/></rt>), or between a base and its reading."""
    story = "小兔子抬头看天月亮不见了小兔子的头发被风吹乱了它一点儿也不怕冷"
    readings = "xiǎo tù zi tái tóu kàn tiān yuè liang bú jiàn le xiǎo tù zi de tóu fa bèi fēng chuī luàn le " \
               "tā yì diǎn r yě bú pà lěng"
    rubies = [f"<ruby>{char}<rt>{reading}</rt></ruby>" for char, reading in zip(story, readings.split(), strict=True)]
    text = "# 注音\n\n" + "\n\n".join("".join(rubies[start:] + rubies[:start]) for start in range(len(rubies))) + "\n"
    root = make_book(tmp_path / "b", {"a.md": text})
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    pages = [re.sub(r"\s+", "", page) for page in pdf_page_texts(outputs["pdf"])]
    labels = PdfReader(outputs["pdf"]).page_labels
    chapter = xml(outputs["epub"], "EPUB/c1.xhtml")
    markers = chapter.xpath("//x:p//*[@epub:type='pagebreak']", namespaces=NS)
    assert len(markers) >= 3
    for marker in markers:
        ruby = marker.getnext()
        assert not marker.xpath("ancestor::x:ruby", namespaces=NS) and ruby.tag == f"{{{NS['x']}}}ruby"
        first = f"{ruby.text}（{ruby[0].text}）"  # the page's first words, after its running head
        assert first in pages[labels.index(marker.get("aria-label"))][:20]
    assert epubcheck_messages(outputs["epub"]) == []


RUBY_AS_WRITTEN = {  # ruby as a source may write it, and what the EPUB has of it
    "<ruby><rb>后</rb><rb>面</rb><rp>(</rp><rt>hòu</rt><rt>miàn</rt><rp>)</rp></ruby>":
        "<ruby>后<rp>(</rp><rt>hòu</rt><rp>)</rp>面<rp>(</rp><rt>miàn</rt><rp>)</rp></ruby>",
    "<ruby>汉<rp>(</rp><rt>a</rt><rt>b</rt><rp>)</rp></ruby>":
        "<ruby>汉<rp>(</rp><rt>a</rt><rp>)</rp><rp>(</rp><rt>b</rt><rp>)</rp></ruby>",
    "<ruby>汉<rt>hàn</rt>字</ruby>": "<ruby>汉<rt>hàn</rt>字<rt/></ruby>",
    "<ruby><rt>x</rt>汉</ruby>": "<ruby><rt>x</rt>汉<rt/></ruby>",
    "<ruby>旧<rt>jiù</rt><rtc>old</rtc></ruby>": "<ruby>旧<rt>jiù</rt><rt>old</rt></ruby>",
    "<ruby>汉<rp>(</rp></ruby>": "汉",
    "<ruby></ruby>": "",
    "<rt>孤</rt>立": "孤立",
}


def test_an_epub_passes_epubcheck_whatever_ruby_its_source_writes(tmp_path):
    """Ruby the schema refuses, parentheses around two readings (rp rt rt rp), a base with no reading
    after it, a ruby with none, a reading outside a ruby, reached the EPUB as written, and EPUBCheck
    failed it (RSC-005). Each is read as each base followed by its reading, or as its text."""
    text = "# 注音\n\n" + "\n\n".join(f"{number}号{written}。" for number, written in enumerate(RUBY_AS_WRITTEN)) + "\n"
    [output] = paiban.build(make_book(tmp_path / "b", {"a.md": text}), formats=["epub"])
    chapter = files(output.path)["EPUB/c1.xhtml"].decode()
    for number, markup in enumerate(RUBY_AS_WRITTEN.values()):
        assert re.search(rf"<p>{number}号{re.escape(markup).replace('<ruby', '<ruby[^>]*')}。</p>", chapter), markup
    assert epubcheck_messages(output.path) == []


def _printed_page_starts(pdf, marks: str) -> dict[str, str]:
    """Each printed page's folio and the first of ``marks`` (each paragraph's own character) on it."""
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    return {page.split()[-1]: next(c for c in page if c in marks) for page in pages if set(page) & set(marks)}


def _paragraphs_marked(chapter) -> dict[str, str]:
    """Each page marker's label in a chapter's document, and the first character of the paragraph it is in."""
    markers = chapter.xpath("//*[@epub:type='pagebreak']", namespaces=NS)
    return {marker.get("aria-label"): "".join(marker.getparent().itertext()).strip()[0] for marker in markers
            if marker.getparent().tag == f"{{{NS['x']}}}p"}


def test_page_markers_after_a_note_holding_a_picture_begin_their_printed_pages(tmp_path):
    """The PDF counted the blocks in a note (its picture) and the EPUB did not: every marker after
    such a note stood a paragraph late."""
    marks = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬"  # each paragraph's own character
    text = ("# 开篇\n\n开头一句[^a]。\n\n[^a]: 注里有图 ![小图](dot.png) 完。\n\n"
            + "\n\n".join(mark * 200 for mark in marks) + "\n")
    root = make_book(tmp_path / "b", {"a.md": text}, '[book]\ntitle = "页码表"\n')
    Image.new("RGB", (60, 40), "red").save(root / "dot.png")
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    begins = _printed_page_starts(outputs["pdf"], marks)
    chapter = xml(outputs["epub"], "EPUB/c1.xhtml")
    placed = _paragraphs_marked(chapter)
    assert len(placed) >= 5 and placed == {label: begins[label] for label in placed}
    assert epubcheck_messages(outputs["epub"]) == []


def test_page_markers_after_captioned_tables_begin_their_printed_pages(tmp_path):
    """Print sets a table's caption as a block above the table (div.table-caption), the EPUB keeps its
    <caption>: the PDF's side did not count it, and every marker after a captioned table stood a block
    early; after three, the page-2 marker was in the last table. Figure captions, short (.keep) and long
    table captions and a table without one are counted alike now."""
    marks = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬"  # each paragraph's own character
    tables = ("表1　短\n\n| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n\n"
              "表2　一个相当长的表格标题，用来检查长标题的表格是否同样计数\n\n| 丙 | 丁 |\n| --- | --- |\n| 3 | 4 |\n\n"
              "| 戊 | 己 |\n| --- | --- |\n| 5 | 6 |\n\n![小图](dot.png)\n\n图1　一张小图\n\n")
    text = "# 开篇\n\n开头一句。\n\n" + tables + "\n\n".join(mark * 200 for mark in marks) + "\n"
    root = make_book(tmp_path / "b", {"a.md": text}, '[book]\ntitle = "页码表"\n')
    Image.new("RGB", (60, 40), "red").save(root / "dot.png")
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    begins = _printed_page_starts(outputs["pdf"], marks)
    chapter = xml(outputs["epub"], "EPUB/c1.xhtml")
    assert chapter.xpath("//x:caption[@class='keep']", namespaces=NS) and chapter.xpath("//x:figcaption", namespaces=NS)
    placed = _paragraphs_marked(chapter)
    assert len(placed) >= 5 and placed == {label: begins[label] for label in placed}
    assert not chapter.xpath("//x:table//*[@epub:type='pagebreak']", namespaces=NS)


def test_page_markers_in_and_after_an_endnote_begin_their_printed_pages(tmp_path, caplog):
    """A note too long for the page's foot is printed as an endnote at its article's end, a block the
    EPUB's text has not (its notes are asides): the marker of a page beginning in it went to the
    chapter's top, before page 1's, and every marker in the chapter's next article stood a block late."""
    marks = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬"  # each paragraph's own character
    note = "".join(f"这是长注的第{number}句。" for number in range(400))  # the digits tell its places apart
    first = "# 开篇\n\n开头一句[^long]。\n\n" + "\n\n".join(mark * 200 for mark in marks[:4]) + f"\n\n[^long]: {note}\n"
    second = "# 续篇\n\n" + "\n\n".join(mark * 200 for mark in marks[4:]) + "\n"
    root = make_book(tmp_path / "b", {"01-一/a.md": first, "01-一/b.md": second}, '[book]\ntitle = "页码表"\n')
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    assert "printed as an endnote" in caplog.text
    chapter = xml(outputs["epub"], "EPUB/c1.xhtml")
    markers = chapter.xpath("//*[@epub:type='pagebreak']", namespaces=NS)
    labels = [int(marker.get("aria-label")) for marker in markers]
    assert labels == sorted(labels)  # in reading order
    texts = subprocess.run(["pdftotext", str(outputs["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    pages = dict(zip(PdfReader(outputs["pdf"]).page_labels, texts.split("\f"), strict=False))  # (and a last \f)
    in_note = [marker for marker in markers if marker.xpath("ancestor::x:aside", namespaces=NS)]
    assert in_note
    for marker in in_note:
        following = "".join("".join(marker.xpath("following::text()")).split())[:12]
        assert following in "".join(pages[marker.get("aria-label")].split()), (marker.get("aria-label"), following)
    begins = _printed_page_starts(outputs["pdf"], marks)
    placed = {label: character for label, character in _paragraphs_marked(chapter).items() if character in marks}
    assert len(placed) >= 3 and placed == {label: begins[label] for label in placed}


PARTS = """\
    [book]
    title = "分编书"
    authors = ["作者甲"]
    chapter-numbers = true
    [[parts]]
    title = "上编　制度"
    [[parts.chapters]]
    title = "形制"
    articles = ["a.md"]
    [[parts]]
    title = "下编　实践"
    [[parts.chapters]]
    title = "书吏"
    articles = ["b.md"]
    """


def test_pages_that_print_no_number_are_in_the_page_list_by_the_number_they_count_as(tmp_path):
    """A part's opener, the title page and the copyright page print no folio: the page-list left
    them out (vii, 3 …: no 1 for 上编), though the package claims the print edition's page
    numbers. Each is listed by the number a PDF viewer shows, its marker before its first text."""
    root = make_book(tmp_path / "b", {"a.md": "# 形制\n\n" + "形制的正文。" * 400 + "\n",
                                      "b.md": "# 书吏\n\n书吏的正文。\n"}, PARTS)
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    labels = PdfReader(outputs["pdf"]).page_labels
    pages = subprocess.run(["pdftotext", str(outputs["pdf"]), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    # Every page with text but the half-title, which the EPUB has no document for.
    with_text = [labels[number] for number, page in enumerate(pages[:len(labels)]) if han(page)][1:]
    nav = xml(outputs["epub"], "EPUB/nav.xhtml")
    entries = nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)
    assert [entry.text for entry in entries] == with_text
    assert {"iii", "1", "3"} <= set(with_text)
    contents = files(outputs["epub"])
    for entry in entries:
        document, anchor = entry.get("href").split("#")
        [marker] = etree.fromstring(contents[f"EPUB/{document}"]).xpath("//*[@id=$id]", id=anchor)
        following = han("".join(marker.getparent().itertext()) + "".join(
            "".join(after.itertext()) for after in marker.getparent().itersiblings()))[:4]
        assert following and following in han(pages[labels.index(entry.text)]), (entry.text, following)
    assert [entry.get("href") for entry in entries if entry.text == "1"] == ["p1.xhtml#page-1"]
    assert epubcheck_messages(outputs["epub"]) == []


# A house's folios in a book's own print.css (the theme's, with rules added): the number between
# dashes; and the folio moved to the foot's centre, the front matter's left in figures by mistake.
HOUSE_FOLIOS = {
    "decorated": '@page :left { @bottom-left { content: "— " counter(page) " —"; } }\n'
                 '@page :right { @bottom-right { content: "— " counter(page) " —"; } }\n',
    "repeated": "@page :left { @bottom-left { content: none; } @bottom-center { content: counter(page); } }\n"
                "@page :right { @bottom-right { content: none; } @bottom-center { content: counter(page); } }\n"
                "@page :blank, bare, front:blank, :nth(1 of first-part) { @bottom-center { content: none; } }\n",
}


@pytest.mark.parametrize("folios", HOUSE_FOLIOS)
def test_a_themes_folio_gives_the_page_list_its_numbers_with_valid_unique_ids(tmp_path, folios):
    """The page-list took the folio's printed text as label and id (id="page-— 3 —", 56 EPUBCheck
    errors), and two pages printing 5 (the contents and the body's fifth) gave two markers one id.
    Labels are the page numbers as the folio prints them, without the theme's decoration; ids are
    unique names, and a number printed twice is a normal page only once in the NCX."""
    theme = (REPO / "styles" / "print.css").read_text(encoding="utf-8")
    root = make_book(tmp_path / "b", {"a.md": "# 一\n\n短文。\n", "b.md": "# 二\n\n" + "长长的正文。" * 800 + "\n",
                                      "styles/print.css": theme + HOUSE_FOLIOS[folios]}, '[book]\ntitle = "页码"\n')
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    entries = xml(outputs["epub"], "EPUB/nav.xhtml").xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)
    labels, hrefs = [entry.text for entry in entries], [entry.get("href") for entry in entries]
    assert labels[:3] == (["iii", "iv", "v"] if folios == "decorated" else ["iii", "iv", "5"])
    assert labels[3:] == [str(number) for number in range(1, len(labels) - 2)]
    assert len(set(hrefs)) == len(hrefs)
    if folios == "repeated":
        fives = [entry.get("href") for entry in entries if entry.text == "5"]
        assert fives == ["contents.xhtml#page-5", "c1.xhtml#page-5-2"]
    assert epubcheck_messages(outputs["epub"]) == []


def han(text: str) -> str:
    """Only the Chinese characters: leaders, folios and spacing differ between the formats."""
    return "".join(re.findall(r"[\u4e00-\u9fff]", text))


def test_print_page_numbers_are_claimed_only_with_a_page_list(built, tmp_path):
    features = xml(built["epub"], "EPUB/content.opf").xpath(
        "//opf:meta[@property='schema:accessibilityFeature']/text()", namespaces=NS)
    assert "printPageNumbers" in features
    # The page-list's source (EPUB Accessibility 1.1): the PDF paiban made, as dc:source for pagination.
    package = xml(built["epub"], "EPUB/content.opf")
    [source] = package.xpath("//dc:source", namespaces=NS)
    assert source.text == "《电子书》印刷版（PDF）"
    assert package.xpath("//opf:meta[@refines=$id][@property='source-of']/text()", namespaces=NS,
                         id=f"#{source.get('id')}") == ["pagination"]
    [alone] = paiban.build(make_book(tmp_path, {"a.md": "# 甲\n"}), formats=["epub"])
    features = xml(alone.path, "EPUB/content.opf").xpath(
        "//opf:meta[@property='schema:accessibilityFeature']/text()", namespaces=NS)
    assert "printPageNumbers" not in features
    assert not xml(alone.path, "EPUB/content.opf").xpath("//dc:source", namespaces=NS)
    assert not xml(alone.path, "EPUB/nav.xhtml").xpath("//x:nav[@epub:type='page-list']", namespaces=NS)


def test_a_title_holding_title_marks_is_named_in_the_page_lists_source_with_them_one_level_in(tmp_path):
    """《《The Salt Road》中英对照本》印刷版（PDF）: 《》 nested in 《》, where GB/T 15834 writes 〈〉 inside."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"}, '[book]\ntitle = "《The Salt Road》中英对照本"\n')
    outputs = {output.format: output.path for output in paiban.build(root, formats=["epub", "pdf"])}
    [source] = xml(outputs["epub"], "EPUB/content.opf").xpath("//dc:source/text()", namespaces=NS)
    assert source == "《〈The Salt Road〉中英对照本》印刷版（PDF）"


def test_footnotes_are_popup_notes_with_back_links(built):
    chapter = xml(built["epub"], "EPUB/c1.xhtml")
    [call] = chapter.xpath("//x:a[@epub:type='noteref']", namespaces=NS)
    [note] = chapter.xpath("//x:aside[@epub:type='footnote']", namespaces=NS)
    assert call.get("href") == f"#{note.get('id')}" and call.text == "1"
    assert "".join(note.itertext()).startswith("1. 这是注释")  # numbered as its call, where notes are listed
    assert note.xpath(".//x:a[@role='doc-backlink']/@href", namespaces=NS) == [f"#{call.get('id')}"]


def test_a_note_called_twice_has_its_number_at_both_calls(tmp_path):
    """The second call read 1:1 in the EPUB and [1:1] in the HTML (markdown-it's caption)."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n一处[^n]，又一处[^n]。\n\n[^n]: 注。\n"})
    built = {o.format: o.path for o in paiban.build(root, formats=["epub", "html"])}
    chapter = xml(built["epub"], "EPUB/c1.xhtml")
    assert [call.text for call in chapter.xpath("//x:a[@epub:type='noteref']", namespaces=NS)] == ["1", "1"]
    assert epubcheck_messages(built["epub"]) == []
    preview = etree.parse(str(built["html"]), etree.HTMLParser())
    assert [call.text for call in preview.xpath("//sup[@class='footnote-ref']/a")] == ["[1]", "[1]"]


def test_a_note_written_in_an_english_passage_keeps_its_language_at_the_articles_end(tmp_path):
    """The note of a ::: {lang=en} block was moved to the article's end (the EPUB's aside, the preview's
    list of notes) without its language: a screen reader read "A note in English." in the Chinese voice."""
    text = ("# 甲\n\n中文正文[^z]。\n\n::: {lang=en}\nWalking clears the mind.[^a] So they say.^[An inline note.]"
            "\n\n[^a]: A note in English.\n:::\n\n[^z]: 中文的注。\n")
    root = make_book(tmp_path / "b", {"a.md": text})
    built = {o.format: o.path for o in paiban.build(root, formats=["epub", "html"])}
    chapter = xml(built["epub"], "EPUB/c1.xhtml")
    asides = chapter.xpath("//x:aside[@epub:type='footnote']", namespaces=NS)
    assert [(note.get("lang"), "".join(note.itertext()).split()[1]) for note in asides] == [
        (None, "中文的注。"), ("en", "A"), ("en", "An")]  # the Chinese one is in the book's language
    assert epubcheck_messages(built["epub"]) == []
    preview = etree.parse(str(built["html"]), etree.HTMLParser())
    assert [item.get("lang") for item in preview.xpath("//li[contains(@class, 'footnote-item')]")] == [None, "en", "en"]


PANDOC_ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>网页脚注</title></head><body>
<h1>网页脚注</h1>
<p>这是正文<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a>，还有一句<a href="#fn2"
class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a>。</p>
<section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr />
<ol><li id="fn1"><p>第一个注释。<a href="#fnref1" class="footnote-back" role="doc-backlink">↑</a></p></li>
<li id="fn2"><p>第二个注释。<a href="#fnref2" class="footnote-back" role="doc-backlink">↑</a></p></li></ol>
</section></body></html>"""


def test_an_html_articles_footnotes_are_popups_in_the_epub_and_at_the_foot_of_the_page_in_the_pdf(tmp_path):
    """Pandoc's notes: the EPUB kept them as a list of links, the PDF dropped their text (No anchor #a1-fn1)."""
    from paiban.check.stores import store_problems

    root = make_book(tmp_path / "b", {"01-一/a.html": PANDOC_ARTICLE})
    built = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    chapter = xml(built["epub"], "EPUB/c1.xhtml")
    assert [call.text for call in chapter.xpath("//x:a[@epub:type='noteref']", namespaces=NS)] == ["1", "2"]
    assert ["".join(note.itertext()).strip() for note in chapter.xpath("//x:aside[@epub:type='footnote']",
                                                                        namespaces=NS)] == ["1. 第一个注释。 ↑",
                                                                                            "2. 第二个注释。 ↑"]
    assert epubcheck_messages(built["epub"]) == []
    assert not store_problems(built["epub"], "apple", "cn")
    text = pdf_text(built["pdf"])
    assert "这是正文1，还有一句2。" in text and "1. 第一个注释。" in text and "2. 第二个注释。" in text


NOTES_IN_A_CHAPTER = {
    "01-脚注/01.md": "# 脚注\n\n第一句话[^1]。第二句话引用同一个注[^1]。第三句[^2]。\n\n[^1]: 第一个注释。\n"
                     "[^2]: 第三句的注。\n",
    "01-脚注/02.md": "# 第二篇\n\n另一个文章的注[^1]。\n\n[^1]: 第二篇的注。\n",
    "02-又一章/01.md": "# 又一篇\n\n新一章的注[^1]。\n\n[^1]: 新一章的注。\n"}


def test_a_note_called_twice_is_printed_once_and_both_formats_number_notes_through_the_chapter(tmp_path):
    """The PDF printed 第一句话2。第二句话引用同一个注3。 and the note twice (2. 第一个注释。 3. 第一个注释。);
    the EPUB numbered each article's notes from 1, the PDF through the chapter."""
    root = make_book(tmp_path / "b", NOTES_IN_A_CHAPTER)
    built = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    chapter = xml(built["epub"], "EPUB/c1.xhtml")
    assert [call.text for call in chapter.xpath("//x:a[@epub:type='noteref']", namespaces=NS)] == ["1", "1", "2", "3"]
    assert [note.xpath("string(.//x:span[@class='footnote-number'])", namespaces=NS) for note in
            chapter.xpath("//x:aside[@epub:type='footnote']", namespaces=NS)] == ["1. ", "2. ", "3. "]
    text = pdf_text(built["pdf"])
    assert "第一句话1。第二句话引用同一个注1。第三句2。" in text and "另一个文章的注3。" in text
    assert text.count("第一个注释。") == 1
    assert "1. 第一个注释。" in text and "2. 第三句的注。" in text and "3. 第二篇的注。" in text


def test_the_preview_numbers_notes_through_the_chapter_as_the_epub_and_the_pdf_do(tmp_path):
    """The preview numbered each article's notes from 1: a proofreader saw [1] where the PDF printed 3."""
    [output] = paiban.build(make_book(tmp_path / "b", NOTES_IN_A_CHAPTER), formats=["html"])
    page = html.parse(str(output.path))
    assert [call.text for call in page.xpath("//sup[@class='footnote-ref']/a")] == ["[1]", "[1]", "[2]", "[3]", "[1]"]
    notes = [(item.get("value"), item.text_content().split()[0]) for item in page.xpath("//li[@class='footnote-item']")]
    assert notes == [("1", "第一个注释。"), ("2", "第三句的注。"), ("3", "第二篇的注。"), ("1", "新一章的注。")]


def pdf_text(path) -> str:
    """The PDF's text, its runs of white space one space (pdftotext sets a note's number apart at times)."""
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())


def test_generated_cover_is_the_cover_image_and_first_in_the_spine(built):
    package = xml(built["epub"], "EPUB/content.opf")
    assert package.xpath("//opf:item[@properties='cover-image']/@href", namespaces=NS) == ["images/cover.png"]
    first = package.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)[0]
    assert package.xpath(f"//opf:item[@id='{first}']/@href", namespaces=NS) == ["cover.xhtml"]
    assert files(built["epub"])["EPUB/images/cover.png"].startswith(b"\x89PNG")


LONG_TITLE = ("关于推进城乡社区治理体系和治理能力现代化建设的若干问题研究，"
              "以及基层实践中的经验总结与反思：以长三角地区为例")
COVERS = {
    "short": {"title": "排版入门", "subtitle": "中文出版工具", "authors": ("某人",)},
    "long": {"title": LONG_TITLE, "authors": ("欧阳修远", "司马相如", "诸葛孔明", "Alexander Hamilton", "上官婉儿"),
             "subtitle": "一部写给基层工作者、社区规划师、政策研究人员"
                         "和所有关心城市未来的读者的长篇调查报告与案例汇编"},
    "marks": {"title": "春，夏，秋，冬。「风」、「雨」！" * 3, "editors": ("某编辑",)},
}


@pytest.fixture(scope="module")
def cover_edition(tmp_path_factory):
    from paiban.config import load_config
    from paiban.edition import editions_for

    return editions_for(load_config(make_book(tmp_path_factory.mktemp("cover"), {})).config)[0]


@pytest.mark.parametrize("shown", COVERS.values(), ids=COVERS.keys())
def test_a_generated_covers_lines_stay_inside_the_frame_apart_and_whole(cover_edition, shown):
    """The title wrapped at 9 characters, without a height limit, and the subtitle and the names
    were one line each: a long one ran past both edges, and a long title into the names."""
    from paiban.model import Metadata
    from paiban.punctuation import CLOSING
    from paiban.render.cover import RULE, SIZE, TEXT_LEFT, TEXT_RIGHT, TITLE_LINES, cover_lines

    lines = cover_lines(Metadata(language="zh-Hans", identifier="x", **shown), cover_edition)
    boxes = [line.box for line in lines]
    assert all(TEXT_LEFT <= left and right <= TEXT_RIGHT for left, _, right, _ in boxes)
    assert boxes[0][1] > RULE + 12 and boxes[-1][3] < SIZE[1] - 400
    assert all(above[3] < below[1] for above, below in zip(boxes, boxes[1:], strict=False))  # one below the other
    assert not [line.text for line in lines if line.text[0] in CLOSING + "？！"]
    title = [line for line in lines if line.face.size == lines[0].face.size]
    assert len(title) <= TITLE_LINES
    written = shown["title"] + shown.get("subtitle", "") + "".join(shown.get("authors", shown.get("editors")))
    assert "".join(line.text for line in lines).replace("　", "").replace(" ", "") == written.replace(" ", "")


@pytest.mark.parametrize(("title", "lines"), [
    ("城市筆記（臺灣版）", ["城市筆記（臺灣版）"]),  # a size smaller sets it on one line, as the PDF's title page does
    ("城市筆記（臺灣版）與其他故事集", ["城市筆記", "（臺灣版）與其他", "故事集"]),  # before the bracket
    ("論「自由」之為物", ["論「自由」之為物"]),
    ("研究（修訂第二版增補本）", ["研究（修訂第二版", "增補本）"]),  # wider than a line, a size smaller too
    # kept whole, the brackets took a fourth line, the last 書 alone; a size smaller, three lines keep them
    ("論「自由」與「平等」以及「博愛」的故事之書", ["論「自由」與", "「平等」以及", "「博愛」的故事之書"]),
    # 《The Salt / Road》中英对照 / 本: the spaces were taken for breaks, and the word is wider than a
    # line at the largest size; a size smaller it stands whole
    ("《The Salt Road》中英对照本", ["《The Salt Road》", "中英对照本"]),
    ("一部关于《The Salt Road》的中英对照本", ["一部关于", "《The Salt Road》", "的中英对照本"]),
])
def test_a_generated_covers_title_breaks_before_a_bracketed_word_not_inside_it(cover_edition, title, lines):
    """城市筆記（臺灣版） was drawn on two lines, 城市筆記（臺灣 / 版）: a word split in its brackets, and
    an orphan of two characters. A bracketed word wider than a line is broken where the line has
    got to, never before its closing mark, unless a size smaller keeps it whole in no more lines."""
    from paiban.model import Metadata
    from paiban.render.cover import cover_lines

    drawn = cover_lines(Metadata(language="zh-Hant-TW", identifier="x", title=title, authors=("某",)), cover_edition)
    assert [line.text for line in drawn][:-1] == lines


def test_a_covers_bracketed_word_wider_than_a_line_is_broken_between_its_letters_with_its_marks(cover_edition):
    """Broken into bare characters, 《TheSaltRoad》 ended its line with d and began the next with 》."""
    from paiban.render.cover import TITLE_SIZES, _face, _UNIT, _wrap

    face = _face(cover_edition, "sans", "Bold", TITLE_SIZES[0])
    assert _wrap(_UNIT.findall("《TheSaltRoad》中英对照本"), face) == ["《TheSaltRoa", "d》中英对照本"]


def test_a_line_break_in_the_title_breaks_the_drawn_covers_line_there(cover_edition):
    """Pillow's layout failed on it (an internal error: raqm_layout() failed), and only for the EPUB."""
    from paiban.model import Metadata
    from paiban.render.cover import cover_lines, generated_cover

    meta = Metadata(language="zh-Hans", identifier="x", title="春天的\n故事", subtitle="上卷\n\n下卷",
                    authors=("某\n人",))
    assert [line.text for line in cover_lines(meta, cover_edition)] == ["春天的", "故事", "上卷", "下卷", "某 人"]
    assert generated_cover(meta, cover_edition).startswith(b"\x89PNG")


def test_a_generated_cover_draws_each_character_from_the_first_font_that_has_it(cover_edition):
    """Pillow drew each line in one font: Noto CJK has no Ł (a box on the cover) nor ř (an r and a
    caron Pillow placed itself). Each character is now drawn, as CSS draws it, from the first font
    of the list that has it: Ł and ř from the Latin fallback, the rest, ASCII too, from Noto CJK."""
    from fontTools.ttLib import TTFont

    from paiban.model import Metadata
    from paiban.render.cover import _UNIT, cover_lines, generated_cover

    meta = Metadata(language="zh-Hans", identifier="x", title="Łódź 与 Dvořák", subtitle="Łódź, Kraków and Hà Nội",
                    authors=("Nguyễn Thị Lan", "Antonín Dvořák"))
    lines = cover_lines(meta, cover_edition)
    assert [line.text for line in lines] == ["Łódź 与 Dvořák", "Łódź, Kraków and Hà Nội",
                                             "Nguyễn Thị Lan　Antonín Dvořák"]
    drawn = []  # each line's {character: (family, style) of the font that draws it}
    for line in lines:
        runs = line.face.runs(line.text)
        assert "".join(run for run, _ in runs) == line.text
        for run, font in runs:
            cmap = TTFont(font.path, fontNumber=font.index, lazy=True).getBestCmap()
            assert all(ord(char) in cmap for char in run), (run, font.getname())
        drawn.append({char: font.getname() for run, font in runs for char in run})
    title, subtitle, names = drawn
    assert title["Ł"] == title["ř"] == ("DejaVu Sans", "Bold")
    assert title["与"] == title["D"] == title["ó"] == ("Noto Sans CJK SC", "Bold")
    assert subtitle["Ł"][0] == names["ř"][0] == "DejaVu Serif" and names["N"][0] == "Noto Serif CJK SC"
    assert _UNIT.findall("Nguyễn Thị Lan") == ["Nguyễn ", "Thị ", "Lan"]  # a line breaks between words only
    assert generated_cover(meta, cover_edition).startswith(b"\x89PNG")


def test_a_book_whose_title_has_a_line_break_passes_epubcheck(tmp_path):
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"}, '[book]\ntitle = "春天的\\n故事"\n')
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []


def test_a_link_that_leads_nowhere_in_a_book_is_unlinked_in_every_format_with_a_warning_at_its_line(
        tmp_path, caplog):
    """(`[首页](/)` made an EPUB that EPUBCheck refuses, RSC-026: the URL "leaks outside the container".)"""
    root = make_book(tmp_path / "b", {"a.md": "# 文\n\n回到[首页](/)看看。\n\n[关于](/about)、[远方](//host/x)、"
                                             "[反斜](\\\\x)、[无此文](无此文.md)、[网站](https://example.org/)。\n"})
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "html"])}
    assert epubcheck_messages(outputs["epub"]) == []
    for page in files(outputs["epub"])["EPUB/c1.xhtml"].decode(), outputs["html"].read_text(encoding="utf-8"):
        assert re.findall(r"<a [^>]*>", page[page.index("回到"):page.index("网站")]) == ['<a href="https://example.org/">']
        assert "回到<span>首页</span>看看" in page and "<span>无此文</span>" in page
    for line, address in [(3, "/"), (5, "/about"), (5, "//host/x"), (5, "\\x"), (5, "无此文.md")]:
        assert f"a.md:{line}: the link to {address} leads nowhere in the book, so its text is printed unlinked" \
            in caplog.text
    assert "write its full address (https://host/x)" in caplog.text


def test_a_link_to_an_id_nothing_has_is_unlinked_with_a_warning_and_one_to_an_id_that_exists_kept(tmp_path, caplog):
    """[无处](#nowhere) made an EPUB that EPUBCheck refuses (RSC-012), and the build said nothing."""
    root = make_book(tmp_path / "b", {
        "01/a.md": "# 甲\n\n## 小节 {#sec}\n\n"
                   "见[上文](#sec)、[无处](#nowhere)、[乙的一节](b.md#part)、[乙的无](b.md#gone)。\n",
        "01/b.md": "# 乙\n\n## 部分 {#part}\n\n正文。\n"})
    [epub] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(epub.path) == []
    page = files(epub.path)["EPUB/c1.xhtml"].decode()
    shown = page[page.index("见"):page.index("。", page.index("见"))]
    assert re.findall(r'<a [^>]*href="([^"]*)"', shown) == ["#a1-sec", "#a2-part"]
    assert "<span>无处</span>" in shown and "<span>乙的无</span>" in shown
    for address in ("#nowhere", "b.md#gone"):
        assert f"a.md:5: the link to {address} leads nowhere in the book" in caplog.text

def test_a_link_to_no_place_at_all_is_unlinked_with_a_warning_and_the_pdf_links_to_no_file(tmp_path, caplog):
    """[返回顶部](#) stayed href="#" in the EPUB, and the PDF linked it (and an empty address) to the
    folder the book was built in, file:///…/b/: a dead link that told every reader the builder's path."""
    text = '# 文\n\n[返回顶部](#)\n\n见[空]()与<a href="">空的</a>，<a id="here">此处</a>。\n'
    root = make_book(tmp_path / "b", {"a.md": text})
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf", "html"])}
    assert epubcheck_messages(outputs["epub"]) == []
    for page in files(outputs["epub"])["EPUB/c1.xhtml"].decode(), outputs["html"].read_text(encoding="utf-8"):
        shown = page[page.index("返回顶部") - 20:page.index("此处")]
        assert "<span>返回顶部</span>" in shown and "<span>空</span>" in shown and "<span>空的</span>" in shown
        assert "href" not in shown and re.search(r'<a id="[^"]*here"', page)  # the anchor is no link: kept
    targets = [annotation.get_object().get("/A", {}).get("/URI") for page in PdfReader(outputs["pdf"]).pages
               for annotation in page.get("/Annots", [])]
    assert not [target for target in targets if str(target or "").startswith("file:")]
    for line, address in [(3, "#"), (5, '""')]:
        assert f"a.md:{line}: the link to {address} leads nowhere in the book" in caplog.text
    assert caplog.text.count("leads nowhere") == 3


def test_an_id_on_an_articles_title_heading_leads_to_the_article_and_a_missing_one_is_named(tmp_path, caplog):
    """``# 第一节 {#sec1}`` lost its id with the heading the title was taken from: links to #sec1 and
    01-a.md#sec1 were unlinked, told to give the target "a heading's {#id}", which it had."""
    root = make_book(tmp_path / "b", {
        "01-章/01-a.md": "# 第一节 {#sec1}\n\n正文。[本节开头](#sec1)\n",
        "01-章/02-b.md": "# 第二节\n\n见[第一节](01-a.md#sec1)、[无此](01-a.md#nosuch)。\n",
        "02-乙/乙.md": "# 乙 {#yi}\n\n回[本章](#yi)。\n"})  # a chapter whose title is its article's
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "html"])}
    assert epubcheck_messages(outputs["epub"]) == []
    for page in (files(outputs["epub"])["EPUB/c1.xhtml"].decode() + files(outputs["epub"])["EPUB/c2.xhtml"].decode(),
                 outputs["html"].read_text(encoding="utf-8")):
        assert '<h2 class="article-title">第一节</h2>' in page and "{#" not in page
        assert '<a href="#a1">本节开头</a>' in page and '<a href="#a1">第一节</a>' in page
        assert '<a href="#c2">本章</a>' in page and "<span>无此</span>" in page
    assert "sec1" not in caplog.text
    assert ("02-b.md:3: the link to 01-a.md#nosuch leads nowhere in the book, so its text is printed unlinked. "
            "The article 01-a.md is in the book, but it has no id nosuch") in caplog.text


def test_a_link_to_a_help_centres_collapsible_question_leads_to_it(tmp_path, caplog):
    """<details id="q3"><summary id="s3">: both ids were dropped with their tags, and links to them
    were unlinked, told to give the target an id="q3", which it had."""
    root = make_book(tmp_path / "b", {
        "01-章/01-a.md": "# 安装\n\n见[忘记密码](02-b.html#q3)。\n",
        "01-章/02-b.html": '<h1>账户</h1><details id="q3"><summary id="s3">问：忘记密码怎么办？</summary>'
                          '<p>答：按提示重置。</p></details><p>见<a href="#s3">问题</a>。</p>'})
    [epub] = paiban.build(root, formats=["epub"])
    page = files(epub.path)["EPUB/c1.xhtml"].decode()
    assert '<div id="a2-q3"><p id="a2-s3">问：忘记密码怎么办？</p>' in page
    assert '见<a href="#a2-q3">忘记密码</a>' in page and '见<a href="#a2-s3">问题</a>' in page
    assert "leads nowhere" not in caplog.text


def test_a_yuque_export_s_anchor_above_its_title_heading_leaves_the_heading_the_title(tmp_path, caplog):
    """语雀 writes an empty anchor on the line above each heading (<a name="Kx3aB"></a>): above the
    title heading it stopped the heading being the title, the file name taken instead (语雀导出),
    the heading printed as the text's first section and every ## a level down. Its id leads to the
    article's start, as the heading's {#id} would; a section's anchor still leads to its section."""
    root = make_book(tmp_path / "b", {"03-语雀导出.md": (
        '<a name="Kx3aB"></a>\n# 志愿者培训手册\n\n<a name="h1a2b"></a>\n## 一、报名须知\n\n'
        '正文。[回到开头](#Kx3aB)，[见本节](#h1a2b)。\n')})
    epub = paiban.build(root, formats=["epub"])[0].path
    page, nav = files(epub)["EPUB/c1.xhtml"].decode(), files(epub)["EPUB/nav.xhtml"].decode()
    assert '<a href="c1.xhtml#a1">志愿者培训手册</a>' in nav and "语雀导出" not in nav + page
    assert '<h2 class="article-title">志愿者培训手册</h2>' in page and "<h3>一、报名须知</h3>" in page
    assert '<a href="#a1">回到开头</a>' in page and '<a href="#a1-h1a2b">见本节</a>' in page
    assert "Kx3aB" not in page and "leads nowhere" not in caplog.text


def test_an_id_on_an_html_articles_headline_leads_to_the_article(tmp_path, caplog):
    """<h1 id="top"> lost its id with the headline the title was taken from: links to #top and
    01-a.html#top were unlinked, told to give the target an id="…", which it had."""
    root = make_book(tmp_path / "b", {
        "01-章/01-a.html": '<h1 id="top">第一节</h1><p>正文。<a href="#top">本节开头</a></p>',
        "01-章/02-b.html": '<h1>第二节</h1><p>见<a href="01-a.html#top">第一节</a>。</p>'})
    epub = paiban.build(root, formats=["epub"])[0].path
    assert epubcheck_messages(epub) == []
    page = files(epub)["EPUB/c1.xhtml"].decode()
    assert '<a href="#a1">本节开头</a>' in page and '<a href="#a1">第一节</a>' in page
    assert "leads nowhere" not in caplog.text


def test_code_in_a_saved_page_or_a_pre_typed_in_a_pre_makes_a_valid_epub(tmp_path):
    """A saved page's code block (a Pandoc one: div.sourceCode, its lines in spans) and a <pre>
    typed inside a <pre> were written as a <pre> in a <pre>, which EPUBCheck refuses, and the
    build said nothing."""
    root = make_book(tmp_path / "b", {
        "01-章/01-a.html": (
            '<html><body><nav><a href="/">首页</a></nav><h1>代码</h1>'
            '<p>下面是一段代码，这一段正文写得长一些，像一篇真正的文章那样。</p>'
            '<div class="sourceCode" id="code1"><pre class="sourceCode python"><code class="sourceCode python">'
            '<span id="code1-1"><a href="#code1-1" aria-hidden="true" tabindex="-1"></a>print("你好")</span>'
            '</code></pre></div><p>代码之后的一段正文也写得长一些，像一篇真正的文章那样。</p>'
            '<footer>版权所有</footer></body></html>'),
        "01-章/02-b.html": "<h1>命令</h1><pre>$ <pre>ls -l</pre></pre>"})
    epub = paiban.build(root, formats=["epub"])[0].path
    assert epubcheck_messages(epub) == []
    page = files(epub)["EPUB/c1.xhtml"].decode()
    assert '<pre><code><span class="code-line">print("你好")</span></code></pre>' in page
    assert "<pre>$ <code>ls -l</code></pre>" in page


def test_raw_htmls_list_numbering_and_cell_alignment_are_kept_as_classes_in_the_epub_and_the_pdf(tmp_path):
    """<ol type="a">, <ol type="I"> were numbered 1, 2 and <td align="right">, <td style="text-align:
    right"> set flush left: the sanitiser dropped the attributes, and nothing read them first."""
    root = make_book(tmp_path / "b", {"a.md": (
        '# 列表\n\n<ol type="a"><li>甲</li><li>乙</li></ol>\n\n<ol type="I"><li>一</li><li>二</li></ol>\n\n'
        '<table><tr><th align="center">项目</th><th>金额</th></tr><tr><td>书费</td><td align="right">1,234.50</td>'
        '</tr><tr><td>杂费</td><td style="text-align: right">56.00</td></tr></table>\n')})
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    assert epubcheck_messages(outputs["epub"]) == []
    page = files(outputs["epub"])["EPUB/c1.xhtml"].decode()
    assert re.findall(r"<ol[^>]*>", page) == ['<ol class="list-lower-alpha">', '<ol class="list-upper-roman">']
    cells = re.findall(r'<(t[dh]) class="([^"]*)"', page)
    aligned = [(cell, set(classes.split()) - {"keep"}) for cell, classes in cells]
    assert aligned == [("th", {"align-center"}), ("th", set()), ("td", set()), ("td", {"align-right"}),
                       ("td", set()), ("td", {"align-right"})]
    printed = re.sub(r"\s+", " ", " ".join(pdf_page_texts(outputs["pdf"])))
    assert all(marker in printed for marker in ("a. 甲", "b. 乙", "I. 一", "II. 二"))


def test_a_markdown_list_numbered_1_closing_parenthesis_is_printed_so_in_the_epub_and_the_pdf(tmp_path):
    """CommonMark's 1) 2) list (GB/T 1.1's second-level 列项, cited 4.2.3 c) 2)) was a plain <ol>, printed 1. 2.:
    markdown-it keeps the delimiter, and nothing read it. A 1. list stays plain."""
    root = make_book(tmp_path / "b", {"a.md": "# 列项\n\n不少于：\n\n1) 2 h；\n2) 4 h。\n\n见本条2)。\n\n"
                                             "1. 甲\n2. 乙\n"})
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    page = files(outputs["epub"])["EPUB/c1.xhtml"].decode()
    assert re.findall(r"<ol[^>]*>", page) == ['<ol class="list-decimal-right-paren">', "<ol>"]
    printed = [line.strip() for text in pdf_page_texts(outputs["pdf"]) for line in text.splitlines()]
    assert {"1) 2 h；", "2) 4 h。", "1. 甲", "2. 乙"} <= set(printed)


def test_a_markdown_list_keeps_numbers_typed_out_of_order_in_the_epub_and_the_pdf(tmp_path, caplog):
    """A patent's claims excerpted as 1. 3. 7. (claim 10 after 4) printed 1. 2. 3., and "根据权利要求3"
    pointed at the claim printed 2: CommonMark reads only a list's first number. A list counted one by
    one keeps its markup, and one numbered 1. 1. 1. (Markdown's way to let the list count) is counted."""
    root = make_book(tmp_path / "b", {"a.md": "# 权利要求\n\n1. 一种储物架。\n\n3. 根据权利要求1所述的储物架。\n\n"
                                             "7. 根据权利要求3所述的储物架。\n\n摘录二：\n\n4. 甲\n10. 乙\n11. 丙\n\n"
                                             "步骤：\n\n1. 开\n1. 关\n\n又：\n\n3. 丁\n4. 戊\n"})
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    page = files(outputs["epub"])["EPUB/c1.xhtml"].decode()
    assert re.findall(r"<(?:ol|li)\b[^>]*>", page) == [
        "<ol>", "<li>", '<li value="3">', '<li value="7">', '<ol start="4">', "<li>", '<li value="10">', "<li>",
        "<ol>", "<li>", "<li>", '<ol start="3">', "<li>", "<li>"]
    printed = [line.strip() for text in pdf_page_texts(outputs["pdf"]) for line in text.splitlines()]
    assert [line for line in printed if re.match(r"\d+\. ", line)] == [
        "1. 一种储物架。", "3. 根据权利要求1所述的储物架。", "7. 根据权利要求3所述的储物架。",
        "4. 甲", "10. 乙", "11. 丙", "1. 开", "2. 关", "3. 丁", "4. 戊"]
    assert not warnings_of(caplog)


def test_a_tables_and_a_figures_id_written_in_markdown_lead_links_to_them(tmp_path, caplog):
    """``表1-1　数据 {#tab1}`` printed {#tab1} in the table's caption, and the link to #tab1 was unlinked."""
    root = make_book(tmp_path / "b", {"a.md": "# 图\n\n见[图1-1](#fig1)和[表1-1](#tab1)。\n\n"
                                             "![示意](p.png){#fig1}\n\n图1-1　示意图\n\n"
                                             "表1-1　数据 {#tab1}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
                                      "p.png": PNG})
    [epub] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(epub.path) == []
    page = files(epub.path)["EPUB/c1.xhtml"].decode()
    assert re.findall(r'<a [^>]*href="([^"]*)"', page) == ["#a1-fig1", "#a1-tab1"]
    assert '<caption id="a1-tab1" class="keep">表1-1　数据</caption>' in page and "{#" not in page
    assert re.search(r'<figure><img [^>]*id="a1-fig1"', page) and "leads nowhere" not in caplog.text


def test_a_link_to_an_empty_heading_with_an_id_still_leads_there(tmp_path, caplog):
    """The empty heading was dropped with its id, so the link to it was unlinked: "leads nowhere"."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n见[下文](#细节)与[锚点](#anchor)。\n\n## {#细节}\n\n"
                                             '<h3><a id="anchor"></a></h3>\n\n正文。\n'})
    [epub] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(epub.path) == []
    page = files(epub.path)["EPUB/c1.xhtml"].decode()
    assert re.findall(r'<a [^>]*href="([^"]*)"', page) == ["#a1-细节", "#a1-anchor"]
    assert '<span id="a1-细节"/>' in page and '<span id="a1-anchor"/>' in page
    assert "<h3" not in page[page.index("见"):] and "leads nowhere" not in caplog.text


def test_an_id_with_what_no_id_or_link_may_hold_is_written_with_dashes_and_links_still_lead_to_it(tmp_path, caplog):
    """<p id="x y"> went into the EPUB as written (EPUBCheck's RSC-005), and a link to {#a&b'"x} as
    "#a1-a&b'"x" (RSC-020); in the PDF, WeasyPrint refused the id as an anchor."""
    root = make_book(tmp_path / "b", {
        "01/a.md": '# 甲\n\n<p id="x y">文字</p>\n\n段落 {#a&b\'"x}\n\n'
                   '见<a href="#x y">此</a>、[彼](#a&b\'"x)、[乙](b.md#m|n)。\n',
        "01/b.md": '# 乙\n\n<p id="m|n">乙文</p>\n\n回[甲](a.md#x%20y)。\n'})
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    assert epubcheck_messages(outputs["epub"]) == []
    page = files(outputs["epub"])["EPUB/c1.xhtml"].decode()
    assert re.findall(r' id="(a\d-[^"]*)"', page) == ["a1-x-y", "a1-a&amp;b'-x", "a2-m-n"]
    assert re.findall(r'<a [^>]*href="([^"]*)"', page) == ["#a1-x-y", "#a1-a&amp;b'-x", "#a2-m-n", "#a1-x-y"]
    assert "leads nowhere" not in caplog.text and "weasy-anchor" not in caplog.text


def test_a_generated_cover_has_no_ink_on_or_outside_its_frame_but_the_frame(cover_edition):
    from PIL import Image, ImageColor

    from paiban.model import Metadata
    from paiban.render.cover import FRAME, PAPER, SIZE, STROKE, generated_cover

    meta = Metadata(language="zh-Hans", identifier="x", **COVERS["long"])
    image = Image.open(io.BytesIO(generated_cover(meta, cover_edition)))
    (width, height), inner, band = SIZE, FRAME + STROKE, 20  # the 20 px inside the frame stay blank
    for box in [(0, 0, width, FRAME), (0, height - FRAME + 1, width, height), (0, 0, FRAME, height),
                (width - FRAME + 1, 0, width, height), (inner, inner, width - inner, inner + band),
                (inner, height - inner - band, width - inner, height - inner),
                (inner, inner, inner + band, height - inner),
                (width - inner - band, inner, width - inner, height - inner)]:
        assert image.crop(box).getcolors(1) == [((box[2] - box[0]) * (box[3] - box[1]), ImageColor.getrgb(PAPER))], box


def test_images_with_spaces_in_their_names_are_stored_under_names_a_url_can_hold(tmp_path):
    """The cover and an article's image, in a folder and under names with spaces and Chinese: stored
    with the spaces replaced, and every reference (body, cover page, OPF) names them so."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n![一张图](<图 集/图 片 1.png>)\n",
                                      "图 集/图 片 1.png": PNG, "图 集/封 面.png": PNG, "图 集/封_面.png": PNG},
                     '[book]\ntitle = "书"\ncover = "图 集/封 面.png"\n')
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []
    package = xml(output.path, "EPUB/content.opf")
    assert package.xpath("//opf:item[@properties='cover-image']/@href", namespaces=NS) == ["图_集/封_面.png"]
    assert xml(output.path, "EPUB/cover.xhtml").xpath("//x:img/@src", namespaces=NS) == ["图_集/封_面.png"]
    assert xml(output.path, "EPUB/c1.xhtml").xpath("//x:img/@src", namespaces=NS) == ["图_集/图_片_1.png"]
    assert files(output.path)["EPUB/图_集/图_片_1.png"] == PNG


def test_an_articles_own_images_cover_png_is_kept_beside_the_drawn_cover(tmp_path):
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(picture, "PNG")
    picture = picture.getvalue()
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n![文中的图](images/cover.png)\n", "images/cover.png": picture})
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []
    contents = files(output.path)
    assert contents["EPUB/images/cover.png"] == picture
    assert xml(output.path, "EPUB/c1.xhtml").xpath("//x:img/@src", namespaces=NS) == ["images/cover.png"]
    [drawn] = xml(output.path, "EPUB/content.opf").xpath("//opf:item[@properties='cover-image']/@href",
                                                         namespaces=NS)
    assert drawn != "images/cover.png" and contents[f"EPUB/{drawn}"].startswith(b"\x89PNG")


SVG = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">
<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient><circle id="c" r="5"/></defs>
<style>.box { fill: url(#g) }</style>
<rect class="box" width="40" height="40" style="stroke: url(#g)"/><use xlink:href="#c"/>
<image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/>
<a href="https://example.com/"><text>图</text></a>
</svg>"""


def test_an_svg_keeps_what_stays_inside_it(tmp_path, caplog):
    """Its own gradients, pictures written into it and links to the web (the hostile suite has the rest)."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n![图](p.svg)\n", "p.svg": SVG})
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []
    assert "left out" not in caplog.text
    kept = etree.fromstring(files(output.path)["EPUB/p.svg"])
    assert etree.tostring(kept, method="c14n") == etree.tostring(etree.fromstring(SVG.encode()), method="c14n")


def test_an_svg_paints_with_its_own_gradients_only(tmp_path, caplog):
    """A presentation attribute's url() (fill, filter, mask …) pointing outside the image stayed
    in the EPUB's copy, for a reading system to fetch; one to the image's own gradient stays."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><defs><linearGradient id="g"/></defs>'
           '<rect width="40" height="40" fill="url(http://127.0.0.1:9/paint.svg#p)" stroke="url(#g)"/>'
           '<circle r="5" filter="url(http://127.0.0.1:9/f.svg#f)" mask="url( #g )"/></svg>')
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n![图](p.svg)\n", "p.svg": svg})
    [output] = paiban.build(root, formats=["epub"])
    kept = files(output.path)["EPUB/p.svg"].decode("utf-8")
    assert "127.0.0.1" not in kept and 'stroke="url(#g)"' in kept and 'mask="url( #g )"' in kept
    assert "127.0.0.1:9/paint.svg" in caplog.text and epubcheck_messages(output.path) == []


def test_an_svg_that_is_not_well_formed_is_an_error_naming_it(tmp_path):
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n![图](p.svg)\n", "p.svg": "<svg><rect></svg>"})
    with pytest.raises(PaibanError) as refused:
        paiban.build(root, formats=["epub"])
    assert refused.value.file.name == "p.svg" and refused.value.line == 1 and "not well-formed" in str(refused.value)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
@pytest.mark.parametrize("vertical", [False, True], ids=["horizontal", "vertical"])
def test_the_whole_cover_shows_on_one_screen(tmp_path, vertical):
    """A cover taller and wider than the screen, shown by Chromium at 360×740: its green top, red
    bottom, yellow left and purple right edges are all in sight (a vertical book's cut off at
    its left: a percentage of the width means nothing across vertical text)."""
    cover = Image.new("RGB", (900, 1400), "navy")
    cover.paste("green", (60, 0, 840, 60))
    cover.paste("red", (60, 1340, 840, 1400))
    cover.paste("yellow", (0, 60, 60, 1340))
    cover.paste("purple", (840, 60, 900, 1340))
    cover.save(tmp_path / "cover.png")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n", "cover.png": (tmp_path / "cover.png").read_bytes()},
                     '[book]\ntitle = "书"\ncover = "cover.png"\n' + ("[epub]\nvertical = true\n" if vertical else ""))
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as archive:
        archive.extractall(tmp_path / "x")
    shot = tmp_path / "shot.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
                    "--window-size=360,740", str(tmp_path / "x" / "EPUB" / "cover.xhtml")],
                   check=True, capture_output=True, timeout=120)
    colours = {colour for _, colour in Image.open(shot).convert("RGB").getcolors(360 * 740)}
    assert {(0, 128, 0), (255, 0, 0), (0, 0, 128), (255, 255, 0), (128, 0, 128)} <= colours


# Set on a Chromium page: the body's measure (its width, or its height in vertical writing) from
# 100 to 800 px, and the measures at which a note's call stands on another line than the
# character before it (its box and that character's do not overlap across the line).
_CALL_PARTED = """<script><![CDATA[
window.addEventListener('load', () => {
  const vertical = getComputedStyle(document.documentElement).writingMode.startsWith('vertical');
  const parted = [];
  for (let size = 100; size <= 800; size++) {
    document.body.style[vertical ? 'height' : 'width'] = size + 'px';
    for (const call of document.querySelectorAll('a[role=doc-noteref]')) {
      let node = call;
      while (!node.previousSibling) node = node.parentNode;
      let before = node.previousSibling;
      while (before.nodeType === 1) before = before.lastChild;
      const character = document.createRange();
      character.setStart(before, before.data.length - 1);
      character.setEnd(before, before.data.length);
      const [c, n] = [character.getBoundingClientRect(), call.getBoundingClientRect()];
      if (vertical ? n.right <= c.left + 1 || n.left >= c.right - 1 : n.top >= c.bottom - 1 || n.bottom <= c.top + 1) {
        parted.push(size);
      }
    }
  }
  document.documentElement.setAttribute('data-probed', parted.join(' '));
});
]]></script>"""


def _probed(chapter, script: str, window: str = "900,900") -> str:
    """What ``script``, run in Chromium (its window ``window`` px) on a copy of the EPUB's
    ``chapter``, leaves in the root's ``data-probed``."""
    probed = chapter.with_name("probed.xhtml")
    probed.write_text(chapter.read_text().replace("</head>", script + "</head>"))
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={window}",
                          "--dump-dom", str(probed)], check=True, capture_output=True, text=True, timeout=120).stdout
    return re.search(r'data-probed="([^"]*)"', dom)[1]


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
@pytest.mark.parametrize("vertical", [False, True], ids=["horizontal", "vertical"])
def test_a_note_call_never_starts_a_line_in_a_reading_system(tmp_path, vertical):
    """Chromium broke the line before a call, at its element's edge, so a line began ¹。 (at a
    body 352–372 px wide, or a column 445–470 px tall). The call is bound to the character before
    it and the marks after it, as the PDF's is: at no measure does it leave that character."""
    text = ("# 試\n\n" + "一二三四五六七八九十" * 2 + "[^1]。一二三四五六七八九十。\n\n"
            "孔子生於魯襄公22年（前551年），卒於前479年，享年73歲[^1]。《史記》卷47。\n\n[^1]: 注。\n")
    root = make_book(tmp_path / "b", {"a.md": text}, '[book]\ntitle = "試"\nlanguage = "zh-Hant-TW"\n'
                                                     + ("[epub]\nvertical = true\n" if vertical else ""))
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as archive:
        archive.extractall(tmp_path / "x")
    chapter = tmp_path / "x" / "EPUB" / "c1.xhtml"
    assert '九<span class="keep">十<sup class="footnote-ref">' in chapter.read_text()
    assert _probed(chapter, _CALL_PARTED) == ""


# How Chromium sets a vertical book's notes: the number's text-combine-upright, and the widths
# of the rule before the notes on each side.
_NOTES_SET = """<script><![CDATA[
window.addEventListener('load', () => {
  const number = getComputedStyle(document.querySelector('.footnote-number'));
  const notes = getComputedStyle(document.querySelector('section.footnotes'));
  document.documentElement.setAttribute('data-probed', [number.textCombineUpright,
    ...['Top', 'Right', 'Bottom', 'Left'].map(side => notes['border' + side + 'Width'])].join(' '));
});
]]></script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_vertical_books_notes_have_their_numbers_upright_and_their_rule_down_the_page(tmp_path):
    """A note's number (1.) lay on its side, where its call stands upright, and the rule before the
    notes (border-top) ran across the head of their first column, not down the page before them."""
    root = make_book(tmp_path / "b", {"a.md": "# 試\n\n正文[^1]。\n\n[^1]: 注。\n"},
                     '[book]\ntitle = "試"\nlanguage = "zh-Hant-TW"\n[epub]\nvertical = true\n')
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as archive:
        archive.extractall(tmp_path / "x")
    upright, top, right, bottom, left = _probed(tmp_path / "x" / "EPUB" / "c1.xhtml", _NOTES_SET).split()
    assert upright == "all"
    assert (top, bottom, left) == ("0px", "0px", "0px") and right != "0px"  # block-start: the right


# How Chromium sets each note's number in a vertical book: its text-combine-upright.
_NUMBERS_SET = """<script><![CDATA[
window.addEventListener('load', () => {
  const numbers = [...document.querySelectorAll('.footnote-number')];
  document.documentElement.setAttribute('data-probed',
    numbers.map(number => number.textContent.trim() + getComputedStyle(number).textCombineUpright).join(' '));
});
]]></script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_vertical_books_note_number_of_three_digits_lies_on_its_side_as_its_call_does(tmp_path):
    """100. was squeezed upright into one em, next to its call 100 lying on its side (an 音義 chapter
    has a hundred notes): only one or two digits stand upright."""
    text = "# 音義\n\n" + "".join(f"字[^{n}]。" for n in range(1, 101)) + "\n\n" + "".join(
        f"[^{n}]: 某，德紅切。\n" for n in range(1, 101))
    root = make_book(tmp_path / "b", {"a.md": text},
                     '[book]\ntitle = "試"\nlanguage = "zh-Hant-TW"\n[epub]\nvertical = true\n')
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as archive:
        archive.extractall(tmp_path / "x")
    set_as = _probed(tmp_path / "x" / "EPUB" / "c1.xhtml", _NUMBERS_SET).split()
    assert (set_as[0], set_as[98], set_as[99]) == ("1.all", "99.all", "100.none")


# How Chromium sets a vertical book's digits: each run of them in one text, and its text-combine-upright.
_DIGITS_SET = """<script><![CDATA[
window.addEventListener('load', () => {
  const runs = [];
  for (const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); walker.nextNode();) {
    for (const digits of walker.currentNode.data.match(/[0-9]+/g) || []) {
      runs.push(digits + getComputedStyle(walker.currentNode.parentElement).textCombineUpright);
    }
  }
  document.documentElement.setAttribute('data-probed', runs.join(' '));
});
]]></script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_vertical_books_two_digits_after_qian_or_a_range_mark_stand_upright(tmp_path):
    """前10名 and 10—20人 were kept whole as 前1 / 0名 and 10—2 / 0人 (a span's edge inside the number),
    so neither 1 nor 0 stood alone and 10 and 20 lay on their side: each number stands upright whole."""
    root = make_book(tmp_path / "b", {"a.md": "# 榜\n\n比赛前10名，提前15分钟，第1—20页，10—20人，3～15天。\n"},
                     '[book]\ntitle = "榜"\n[epub]\nvertical = true\n')
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as archive:
        archive.extractall(tmp_path / "x")
    set_as = _probed(tmp_path / "x" / "EPUB" / "c1.xhtml", _DIGITS_SET).split()
    assert set_as == ["10all", "15all", "1all", "20all", "10all", "20all", "3all", "15all"]


# How Chromium sets a vertical book's blocks, in px: the gap between its two articles across the
# columns, how far down its column each heading starts below the text's top, and the scene
# break's rule: its length down the page, and the gap it leaves between the columns around it.
_BLOCKS_SET = """<script><![CDATA[
window.addEventListener('load', () => {
  const box = (selector) => document.querySelector(selector).getBoundingClientRect();
  const [first, second] = [...document.querySelectorAll('article')].map(a => a.getBoundingClientRect());
  const top = box('article p').top;
  const hr = document.querySelector('hr');
  const [before, after] = [hr.previousElementSibling, hr.nextElementSibling].map(p => p.getBoundingClientRect());
  document.documentElement.setAttribute('data-probed', [first.left - second.right, box('h3').top - top,
    box('article + article h2').top - top, box('hr').height, before.left - after.right].map(Math.round).join(' '));
});
]]></script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_vertical_books_blocks_are_parted_across_its_columns(tmp_path):
    """base.css's top and bottom margins pushed a vertical book's blocks down their columns: two
    articles touched, the second's columns 40 px down; a heading began 25 px down its column; a
    scene break's rule had no length and left 300 px of blank page."""
    files = {"01/a.md": "# 第一篇\n\n正文一。\n\n## 小节\n\n小节正文。\n\n---\n\n又一段。\n",
             "01/b.md": "# 第二篇\n\n正文二。\n"}
    root = make_book(tmp_path / "b", files, '[book]\ntitle = "書"\n[epub]\nvertical = true\n')
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as archive:
        archive.extractall(tmp_path / "x")
    gap, section, title, rule, parted = map(int, _probed(tmp_path / "x" / "EPUB" / "c1.xhtml", _BLOCKS_SET,
                                                           "1024,768").split())
    assert gap >= 30 and section == title == 0
    assert rule > 300 and parted < 80


# How Chromium sets a book's poems, in px: the gaps between the paragraph and the poem after it,
# between the two poems, between the first poem's stanzas, and between the second poem and the
# paragraph after it (across the columns in vertical writing).
_POEMS_SET = """<script><![CDATA[
window.addEventListener('load', () => {
  const vertical = getComputedStyle(document.documentElement).writingMode.startsWith('vertical');
  const gap = (block) => {
    const [before, after] = [block.previousElementSibling, block].map(b => b.getBoundingClientRect());
    return vertical ? before.left - after.right : after.top - before.bottom;
  };
  const [first, second] = document.querySelectorAll('.poem');
  document.documentElement.setAttribute('data-probed', [first, second, first.querySelector('p + p'),
    second.nextElementSibling].map(gap).map(Math.round).join(' '));
});
]]></script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
@pytest.mark.parametrize("vertical", [False, True], ids=["horizontal", "vertical"])
def test_a_poem_is_parted_from_the_poems_and_the_prose_around_it_as_its_stanzas_are(tmp_path, vertical):
    """Two poems in a row were set with no gap and read as one poem of eight lines, while a poem's
    stanzas are a blank line apart; a poem touched the prose before and after it."""
    text = "# 詩\n\n前文。\n\n::: poem\n甲，\n乙。\n\n丙，\n丁。\n:::\n\n::: poem\n戊，\n己。\n:::\n\n後文。\n"
    root = make_book(tmp_path / "b", {"a.md": text},
                     '[book]\ntitle = "詩"\n' + ("[epub]\nvertical = true\n" if vertical else ""))
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as archive:
        archive.extractall(tmp_path / "x")
    before, between, stanzas, after = map(int, _probed(tmp_path / "x" / "EPUB" / "c1.xhtml", _POEMS_SET).split())
    assert stanzas > 20 and before == between == after == stanzas


# How Chromium sets a code block's one line: how far its text runs past the right edge of the
# text, and how far in from its first line its last goes on, in px.
_CODE_LINE_SET = """<script><![CDATA[
window.addEventListener('load', () => {
  const range = document.createRange();
  range.selectNodeContents(document.querySelector('pre .code-line'));
  const lines = [...range.getClientRects()];
  document.documentElement.setAttribute('data-probed', [
    Math.max(...lines.map(line => line.right)) - document.querySelector('article > p').getBoundingClientRect().right,
    lines[lines.length - 1].left - lines[0].left].map(Math.round).join(' '));
});
]]></script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_run_in_a_code_block_too_long_for_the_screen_breaks_and_its_line_hangs(tmp_path):
    """A 120-character token in a code block ran past the edge of a 420 px screen, no scroll box to
    reach it: it breaks where the line ends, and its line goes on in its hang."""
    token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwi" * 2
    root = make_book(tmp_path / "b", {"a.md": f"# 题\n\n正文。\n\n```sh\nexport TOKEN={token}\n```\n"})
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as archive:
        archive.extractall(tmp_path / "x")
    overrun, hang = map(int, _probed(tmp_path / "x" / "EPUB" / "c1.xhtml", _CODE_LINE_SET, "420,600").split())
    assert overrun <= 0 and hang > 20


# How Chromium sets a note's call and a byline: the call's font size in hundredths of the text's,
# its link's width, and whether the byline's colour is the text's (a reader's night theme sets that).
_CALL_AND_BYLINE_SET = """<script><![CDATA[
window.addEventListener('load', () => {
  const [call, text, byline] = ['a[role=doc-noteref]', 'article > p', '.article-byline']
    .map(s => document.querySelector(s));
  document.documentElement.setAttribute('data-probed', [
    Math.round(parseFloat(getComputedStyle(call).fontSize) / parseFloat(getComputedStyle(text).fontSize) * 100),
    Math.round(call.getBoundingClientRect().width),
    getComputedStyle(byline).color === getComputedStyle(text).color].join(' '));
});
]]></script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_note_call_is_shrunk_once_and_a_byline_is_the_texts_colour_faded(tmp_path):
    """The call was shrunk by its sup and again by its link: a digit 10 px high in 16 px text,
    5 px wide, which a reader taps to open the note (now 8). The byline's fixed grey read at 2.8:1 on a
    reader's night page."""
    root = make_book(tmp_path / "b", {"a.md": "---\ntitle: 甲\nauthor: 林远\n---\n\n正文[^1]。\n\n[^1]: 注。\n"})
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as archive:
        archive.extractall(tmp_path / "x")
    size, width, same_colour = _probed(tmp_path / "x" / "EPUB" / "c1.xhtml", _CALL_AND_BYLINE_SET).split()
    assert size == "75" and int(width) >= 7 and same_colour == "true"


# How Chromium sets a vertical book's page: the picture's width against the window's, the
# length of a halved mark in hundredths of its font size, and an English paragraph's indent.
_VERTICAL_SET = """<script><![CDATA[
window.addEventListener('load', () => {
  const halt = document.querySelector('span.halt');
  const mark = document.createRange();
  mark.selectNodeContents(halt);
  document.documentElement.setAttribute('data-probed', [
    Math.round(document.querySelector('img').getBoundingClientRect().width), window.innerWidth,
    Math.round(mark.getBoundingClientRect().height / parseFloat(getComputedStyle(halt).fontSize) * 100),
    getComputedStyle(document.querySelector('div[lang=en] > p')).textIndent].join(' '));
});
]]></script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_vertical_books_pictures_marks_and_english_are_set_as_a_horizontal_books(tmp_path):
    """Set down columns: a wide picture was drawn 1,250 px wide on a 360 px screen (nothing bounded
    its width); two marks side by side stood a full square apart (base.css's "halt" is horizontal
    text's feature, "vhal" the vertical one); an English paragraph after a heading was indented 2em
    (vertical.css set every paragraph's indent again, over base.css's English ones)."""
    Image.new("RGB", (1600, 900), "navy").save(tmp_path / "wide.png")
    text = ("# 竖\n\n他说（笑）。正文《书名》，又一句。\n\n![宽图](wide.png)\n\n## On Walks {lang=en}\n\n"
            "::: {lang=en}\n\nAn English paragraph right after its heading.\n\n:::\n")
    root = make_book(tmp_path / "b", {"a.md": text, "wide.png": (tmp_path / "wide.png").read_bytes()},
                     '[book]\ntitle = "竖"\n[epub]\nvertical = true\n')
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as archive:
        archive.extractall(tmp_path / "x")
    picture, window, mark, indent = _probed(tmp_path / "x" / "EPUB" / "c1.xhtml", _VERTICAL_SET).split()
    assert int(picture) <= int(window) and int(mark) <= 60 and indent == "0px"


# How Chromium sets a Taiwan book on a phone: each mark's width in hundredths of its font size,
# and the table's width against the window's.
_PHONE_SET = """<script><![CDATA[
window.addEventListener('load', () => {
  const marks = [...document.querySelectorAll('span.halt')].map(mark => {
    const range = document.createRange();
    range.selectNodeContents(mark);
    return Math.round(range.getBoundingClientRect().width / parseFloat(getComputedStyle(mark).fontSize) * 100);
  });
  document.documentElement.setAttribute('data-probed', [Math.round(document.querySelector('table')
    .getBoundingClientRect().width), window.innerWidth, ...marks].join(' '));
});
]]></script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_taiwan_book_keeps_its_marks_full_width_and_its_table_on_a_phones_screen(tmp_path):
    """Chromium halved a closing bracket before a comma by its own default, where Taiwan sets every
    mark in a full square; a table of columns of short cells, each kept whole, ran past a phone's
    screen, its last column cut off (headless Chromium's window is 500 px at the least)."""
    rows = "".join(f"| 第{n}组人员 | 基础资料汇总 | 设备清单目录 | 维护记录簿册 | 备注说明文字 | 负责单位名称 |\n"
                   for n in range(1, 4))
    text = ("# 試\n\n他說（笑），好。《書名》，又一句。\n\n"
            "| 组别名称 | 资料种类 | 清单名称 | 记录类别 | 备注说明 | 负责单位 |\n" + "| --- " * 6 + "|\n" + rows)
    root = make_book(tmp_path / "b", {"a.md": text}, '[book]\ntitle = "試"\nlanguage = "zh-Hant-TW"\n')
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as archive:
        archive.extractall(tmp_path / "x")
    table, window, *marks = map(int, _probed(tmp_path / "x" / "EPUB" / "c1.xhtml", _PHONE_SET, "360,740").split())
    assert table <= window and len(marks) >= 2 and min(marks) >= 95



# Set on a Chromium page: the body's width from 300 to 800 px, and the widths at which one of the
# texts WORDS, wherever it stands in the text (across elements too), lies on two lines; then how
# many of them the page holds.
_WORDS_SPLIT = """<script><![CDATA[
window.addEventListener('load', () => {
  const nodes = [], starts = [];
  let text = '';
  for (const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); walker.nextNode();) {
    nodes.push(walker.currentNode);
    starts.push(text.length);
    text += walker.currentNode.data;
  }
  const at = offset => {
    let index = starts.length - 1;
    while (starts[index] > offset) index--;
    return [nodes[index], offset - starts[index]];
  };
  const ranges = [];
  for (const word of WORDS) {
    for (let found = text.indexOf(word); found >= 0; found = text.indexOf(word, found + 1)) {
      const range = document.createRange();
      range.setStart(...at(found));
      range.setEnd(...at(found + word.length - 1));
      range.setEnd(range.endContainer, range.endOffset + 1);
      ranges.push(range);
    }
  }
  const split = [];
  for (let width = 300; width <= 800; width++) {
    document.body.style.width = width + 'px';
    const lines = range => new Set([...range.getClientRects()].filter(box => box.width)
      .map(box => Math.round(box.bottom))).size;
    if (ranges.some(range => lines(range) > 1)) split.push(width);
  }
  document.documentElement.setAttribute('data-probed', [ranges.length, ...split].join(' '));
});
]]></script>"""


def _widths_splitting(tmp_path, text: str, words: list[str]) -> tuple[int, list[int]]:
    """How many of ``words`` the EPUB of the article ``text`` holds, and the widths of a Chromium
    page (a browser-based reading system's) at which one of them lies on two lines."""
    root = make_book(tmp_path / "b", {"a.md": text}, '[book]\ntitle = "书"\n')
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as archive:
        archive.extractall(tmp_path / "x")
    found, *split = map(int, _probed(tmp_path / "x" / "EPUB" / "c1.xhtml",
                                     _WORDS_SPLIT.replace("WORDS", json.dumps(words, ensure_ascii=False))).split())
    return found, split


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_an_address_that_fits_on_a_line_goes_there_whole_in_a_reading_system(tmp_path):
    """base.css set a URL or an e-mail address word-break: break-all: a reading system cut it
    wherever the line ended (v / isitor.service@…, visitor.service@qingshi-e / xample.cn), though it
    fitted on the next line, as the README promises, and as the PDF sets it. At no width from 300 px
    on is one of these split."""
    address, url = "visitor.service@qingshiexample.cn", "https://example.com/visit/guide"
    text = (f"# 邮箱\n\n如需咨询，可发送邮件至 {address}，工作人员会回复。\n\n"
            f"详见游客中心网站{url}的说明。\n")
    assert _widths_splitting(tmp_path, text, [address, url]) == (2, [])



@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_telephone_number_is_never_broken_across_lines_in_a_reading_system(tmp_path):
    """A reading system broke a number at its spaces and after its hyphen (0571- / 8888 8801,
    +86 138 0000 / 0000): at no width of the page is one split."""
    phones = ["0571-8888 8801", "+86 138 0000 0000", "400-123-4567"]
    text = "# 电话\n\n" + "".join(f"{'测' * count}电话 {phones[0]}，手机 {phones[1]}，热线 {phones[2]}。\n\n"
                                  for count in range(5, 9))
    assert _widths_splitting(tmp_path, text, phones) == (12, [])



@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_number_in_full_width_digits_is_never_broken_across_lines_in_a_reading_system(tmp_path):
    """A reading system broke a figure of scraped news, in full-width digits, between any two of
    them (１ / ２.３%, １，２３４. / ５６): at no width of the page is one split."""
    figures = ["１２.３%", "１，２３４.５６", "－３.５％"]
    text = "# 行情\n\n" + "".join(f"{'澄' * count}上涨{figures[0]}，成交{figures[1]}亿元，下跌{figures[2]}。\n\n"
                                  for count in range(0, 6))
    assert _widths_splitting(tmp_path, text, figures) == (18, [])


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_range_of_numbers_in_full_width_digits_is_never_broken_in_a_reading_system(tmp_path):
    """A range's span took the mark with the next number's first digit alone, so a reading system broke
    the number after it between its full-width digits (１９９８～２ / ００８, 第１２～１ / ５条): at no width
    of the page is one split."""
    ranges = ["１９９８～２００８", "１２～１５"]
    text = "# 规定\n\n" + "".join(f"{'澄' * count}本规定适用于{ranges[0]}各年度，第{ranges[1]}条另行规定。\n\n"
                                  for count in range(0, 6))
    assert _widths_splitting(tmp_path, text, ranges) == (12, [])


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_range_and_a_year_before_the_common_era_are_never_broken_in_a_reading_system(tmp_path):
    """A reading system broke a year's 前 from its digits (前 / 221, read as the year 221) and a
    range at its 一字线 (1877 / —1927, 前475— / 前221), as the PDF never does: at no width of the
    page is one split."""
    dates = ["前221", "1877—1927", "前475—前221"]
    text = "# 年表\n\n" + "".join(f"{'史' * count}前221年秦统一六国，1877—1927年间，前475—前221为战国。\n\n"
                                   for count in range(0, 8))
    assert _widths_splitting(tmp_path, text, dates) == (32, [])  # (前221 four times a paragraph)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_an_interpunct_stays_with_the_names_either_side_of_it_in_a_reading_system(tmp_path):
    """A reading system began a line with the 间隔号 of a translated name or ended one with it
    (安娜· / 卡列尼娜): at no width of the page does it leave a character beside it."""
    joins = ["娜·卡", "夫·托", "治‧華"]
    text = "# 人名\n\n" + "".join(f"{'译' * count}安娜·卡列尼娜、列夫·托尔斯泰与喬治‧華盛頓同行。\n\n"
                                   for count in range(0, 8))
    assert _widths_splitting(tmp_path, text, joins) == (24, [])


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_box_to_tick_stays_with_its_label_in_a_reading_system(tmp_path):
    """A reading system ended a form's line between a box and its label (□ / 商业宣传): at no width
    of the page does a box leave its label's first character."""
    labels = ["□文", "□体", "□商", "□公", "■其"]
    text = "# 表\n\n" + "".join(f"{'甲' * count}类型：□文艺演出　□体育活动　□商业宣传　□公益活动　■其他\n\n"
                                 for count in range(0, 6))
    assert _widths_splitting(tmp_path, text, labels) == (30, [])


def test_metadata_titles_creators_subjects_series(built):
    package = xml(built["epub"], "EPUB/content.opf")
    meta = {m.get("property") + (m.get("refines") or ""): m.text
            for m in package.xpath("//opf:meta[@property]", namespaces=NS)}
    assert package.xpath("//dc:title/text()", namespaces=NS) == ["电子书", "副标题"]
    assert meta["title-type#subtitle"] == "subtitle" and meta["title-type#title"] == "main"
    roles = {m.get("refines")[1:]: (m.text, m.get("scheme"))
             for m in package.xpath("//opf:meta[@property='role']", namespaces=NS)}
    credited = {(element, c.text): roles[c.get("id")]
                for element in ("creator", "contributor") for c in package.xpath(f"//dc:{element}", namespaces=NS)}
    assert credited == {("creator", "作者甲"): ("aut", "marc:relators"),  # readers list creators as authors
                        ("contributor", "编者乙"): ("edt", "marc:relators"),
                        ("contributor", "译者丙"): ("trl", "marc:relators")}
    assert package.xpath("//dc:subject/text()", namespaces=NS) == ["排版", "出版"]
    assert meta["belongs-to-collection"] == "样书丛书"
    assert meta["collection-type#series"] == "series" and meta["group-position#series"] == "2"


def test_a_book_without_authors_is_listed_under_its_editors(tmp_path):
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n"}, '[book]\ntitle = "文集"\neditors = ["编者乙"]\n'
                                                        'translators = ["译者丙"]\n')
    [output] = paiban.build(root, formats=["epub"])
    package = xml(output.path, "EPUB/content.opf")
    assert package.xpath("//dc:creator/text()", namespaces=NS) == ["编者乙"]
    assert package.xpath("//dc:contributor/text()", namespaces=NS) == ["译者丙"]
    assert epubcheck_messages(output.path) == []


def test_accessibility_metadata(built):
    package = xml(built["epub"], "EPUB/content.opf")

    def values(name):
        return package.xpath(f"//opf:meta[@property='schema:{name}']/text()", namespaces=NS)

    assert values("accessMode") == ["textual", "visual"]
    assert values("accessModeSufficient") == ["textual,visual", "textual"]
    assert set(values("accessibilityFeature")) >= {"tableOfContents", "readingOrder", "structuralNavigation",
                                                   "alternativeText"}
    assert values("accessibilityHazard") == ["none"]
    assert values("accessibilitySummary") == [
        "文字内容完整，目录、阅读顺序与章节结构均可导航，附印刷版页码；图片均有替代文字。"]
    assert not package.xpath("//opf:meta[@property='dcterms:conformsTo']", namespaces=NS)


def test_image_without_alt_text_is_a_warning_and_not_claimed(tmp_path, caplog):
    root = make_book(tmp_path, {"a.md": "# 甲\n\n![](p.png)\n", "p.png": PNG})
    [output] = paiban.build(root, formats=["epub"])
    assert "has no alt text" in caplog.text
    assert "mark it so: ![](…){.decorative} in Markdown" in caplog.text  # Markdown cannot tell lazy from decorative
    features = xml(output.path, "EPUB/content.opf").xpath(
        "//opf:meta[@property='schema:accessibilityFeature']/text()", namespaces=NS)
    assert "alternativeText" not in features
    # Text alone does not suffice, text and sight together do (it said nothing at all).
    assert xml(output.path, "EPUB/content.opf").xpath(
        "//opf:meta[@property='schema:accessModeSufficient']/text()", namespaces=NS) == ["textual,visual"]
    # Nor does the summary call the text complete: it says some pictures have no description.
    [summary] = xml(output.path, "EPUB/content.opf").xpath(
        "//opf:meta[@property='schema:accessibilitySummary']/text()", namespaces=NS)
    assert summary == "目录、阅读顺序与章节结构均可导航；部分图片没有替代文字。"


def test_a_decorative_picture_needs_no_alt_text_and_is_passed_over(tmp_path, caplog):
    """HTML's explicit alt="", a role="presentation" and Markdown's {.decorative} mark a picture
    that only decorates: no warning, it keeps alt="" with role="presentation" (a screen reader
    passes it over), and the book is described as having alt text for its pictures."""
    root = make_book(tmp_path, {
        "a.md": "# 甲\n\n![](p.png){.decorative}\n\n<img src=\"p.png\" alt=\"\"> 文字。\n",
        "b.html": '<h1>乙</h1><p><img src="p.png" alt=""/>甲</p><p><img src="p.png" role="presentation"/>乙</p>',
        "p.png": PNG})
    [output] = paiban.build(root, formats=["epub"])
    assert "has no alt text" not in caplog.text
    with zipfile.ZipFile(output.path) as archive:
        pictures = [img for name in archive.namelist() if name.endswith(".xhtml") and name != "EPUB/cover.xhtml"
                    for img in etree.fromstring(archive.read(name)).iter("{*}img")]
    assert [(img.get("alt"), img.get("role")) for img in pictures] == [("", "presentation")] * 4
    # The figure of the picture alone is no figure to a screen reader, which announced it, empty.
    figure = pictures[0].getparent()
    assert (figure.tag.rpartition("}")[2], figure.get("role")) == ("figure", "presentation")
    with zipfile.ZipFile(output.path) as archive:  # the cover is the cover (DPUB-ARIA), not just a picture
        assert 'role="doc-cover"' in archive.read("EPUB/cover.xhtml").decode()
    features = xml(output.path, "EPUB/content.opf").xpath(
        "//opf:meta[@property='schema:accessibilityFeature']/text()", namespaces=NS)
    assert "alternativeText" in features
    assert epubcheck_messages(output.path) == []


def _animated_gif() -> bytes:
    """A two-frame GIF, black then white: a picture that flashes."""
    frames = [Image.new("L", (8, 8), shade) for shade in (0, 255)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def _opf_values(path, name):
    return xml(path, "EPUB/content.opf").xpath(f"//opf:meta[@property='{name}']/text()", namespaces=NS)


def test_an_animated_picture_makes_the_hazard_unknown(tmp_path):
    """The hazard was always none, even with a picture that flashes."""
    root = make_book(tmp_path, {"a.md": "# 甲\n\n![黑白交替闪烁](f.gif)\n", "f.gif": _animated_gif()})
    [output] = paiban.build(root, formats=["epub"])
    assert _opf_values(output.path, "schema:accessibilityHazard") == ["unknown"]


def test_an_animated_cover_makes_the_hazard_unknown(tmp_path):
    """The hazard was none with a cover that flashes, which the EPUB shows on a page of its own."""
    root = make_book(tmp_path, {"a.md": "# 甲\n\n正文。\n", "f.gif": _animated_gif()},
                     '[book]\ntitle = "书"\ncover = "f.gif"\n')
    [output] = paiban.build(root, formats=["epub"])
    assert _opf_values(output.path, "schema:accessibilityHazard") == ["unknown"]


def test_accessibility_declared_in_book_toml_is_written_in_place_of_paibans_own(tmp_path):
    root = make_book(tmp_path, {"a.md": "# 甲\n\n![黑白交替闪烁](f.gif)\n", "f.gif": _animated_gif()},
                     '[book]\ntitle = "书"\n[accessibility]\n'
                     'conforms-to = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"\ncertified-by = "某无障碍评测机构"\n'
                     'summary = "本书符合 WCAG 2.1 AA 级。"\n'
                     'hazards = ["noFlashingHazard", "noMotionSimulationHazard", "noSoundHazard"]\n')
    [output] = paiban.build(root, formats=["epub"])
    assert _opf_values(output.path, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert _opf_values(output.path, "a11y:certifiedBy") == ["某无障碍评测机构"]
    assert _opf_values(output.path, "schema:accessibilitySummary") == ["本书符合 WCAG 2.1 AA 级。"]
    assert _opf_values(output.path, "schema:accessibilityHazard") == [
        "noFlashingHazard", "noMotionSimulationHazard", "noSoundHazard"]
    assert epubcheck_messages(output.path) == []


def test_a_chapters_number_stands_on_its_own_line_above_its_name(tmp_path):
    """第一章 and the chapter's name, laid out from the EPUB's own document and sheets."""
    from weasyprint import HTML

    root = make_book(tmp_path / "b", {"01-开篇/a.md": "# 甲\n\n正文。\n"},
                     '[book]\ntitle = "书"\nchapter-numbers = true\n')
    [epub] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(epub.path) as archive:
        archive.extractall(tmp_path / "x")
    page = HTML(filename=str(tmp_path / "x" / "EPUB" / "c1.xhtml")).render().pages[0]

    def lines_of(box, found):
        if type(box).__name__ == "LineBox":
            found.append("".join(getattr(child, "text", "") or "" for child in box.descendants()))
        for child in getattr(box, "children", []):
            lines_of(child, found)
        return found

    lines = [line for line in lines_of(page._page_box, []) if line.strip()]
    assert lines[:2] == ["第一章", "开篇"]


def test_a_tables_long_headers_wrap_on_a_phone_and_its_short_labels_stay_whole(tmp_path):
    """Every header was `white-space: nowrap` in every format: on a 360 px screen a table of long
    Chinese headers ran past the edge and was cut off. Laid out from the EPUB's own document and
    sheets on a phone's page: the long headers break, the table fits, 问题 and 为何 stay whole."""
    from weasyprint import CSS, HTML

    long_headers = ("| 这一列的表头写得比较长需要说明清楚 | 第二列的表头同样写得比较长一些 |\n"
                    "| --- | --- |\n| 甲 | 乙 |\n")
    labels = "| 问题 | 回答 |\n| --- | --- |\n| 为何 | " + "这是一段很长很长的回答文字" * 8 + " |\n"
    root = make_book(tmp_path / "b", {"a.md": f"# 表\n\n{long_headers}\n{labels}"}, '[book]\ntitle = "书"\n')
    [epub] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(epub.path) as archive:
        archive.extractall(tmp_path / "x")
    phone = CSS(string="@page { size: 360px 2000px; margin: 0 }")
    page = HTML(filename=str(tmp_path / "x" / "EPUB" / "c1.xhtml")).render(stylesheets=[phone]).pages[0]
    boxes = list(page._page_box.descendants())
    tables = [box for box in boxes if type(box).__name__ == "TableBox"]
    assert len(tables) == 2 and all(box.position_x + box.margin_width() <= 360 for box in tables)
    lines = ["".join(getattr(child, "text", "") or "" for child in box.descendants())
             for box in boxes if type(box).__name__ == "LineBox"]
    assert "问题" in lines and "为何" in lines
    assert not [line for line in lines if "表头写得比较长需要" in line or "表头同样写得比较长一些" in line]


# A table's wrapper at a body 345 px wide (a phone's): its width, how far its table scrolls, and
# the page's own width (a table running past the screen widened the page, and was cut off).
_TABLE_SCROLLS = """<script><![CDATA[
window.addEventListener('load', () => {
  document.body.style.width = '345px';
  const wrapper = document.querySelector('div.table-wrap');
  document.documentElement.setAttribute('data-probed', [wrapper.clientWidth, wrapper.scrollWidth,
    wrapper.getBoundingClientRect().right, wrapper.firstElementChild.tagName].join(' '));
});
]]></script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium, a browser-based reading system's engine")
def test_a_table_of_figures_wider_than_a_phone_scrolls_in_its_wrapper(tmp_path):
    """Figures never break: a table of seven columns of them ran 443 px wide on a 360 px screen,
    and a paginated reader cut its last column off. It scrolls sideways in a wrapper of its own."""
    row = "| 10月 | " + " | ".join(["2,717,380"] * 6) + " |\n"
    table = "| 月份 | " + " | ".join(f"指标{n}" for n in range(6)) + " |\n|---|" + "---:|" * 6 + "\n" + row * 3
    root = make_book(tmp_path / "b", {"a.md": f"# 表\n\n{table}"}, '[book]\ntitle = "书"\n')
    [epub] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(epub.path) == []
    with zipfile.ZipFile(epub.path) as archive:
        archive.extractall(tmp_path / "x")
    width, scrolled, right, inside = _probed(tmp_path / "x" / "EPUB" / "c1.xhtml", _TABLE_SCROLLS).split()
    assert inside == "table" and float(right) <= 360 and int(scrolled) > int(width)


def test_the_copyright_page_is_a_page_of_its_own_after_the_title_page(built, tmp_path):
    """Both are in titlepage.xhtml; laid out (WeasyPrint, as a paginating reader would) from the
    EPUB's own document and sheets, the copyright block starts a page."""
    from weasyprint import HTML

    with zipfile.ZipFile(built["epub"]) as archive:
        archive.extractall(tmp_path)
    pages = HTML(filename=str(tmp_path / "EPUB" / "titlepage.xhtml")).render().pages
    assert len(pages) == 2
    assert [box.element.get("class") for box in pages[1]._page_box.descendants()
            if getattr(box, "element", None) is not None and box.element.tag.endswith("section")][:1] == ["copyright"]


@pytest.fixture(scope="module")
def vertical(tmp_path_factory):
    root = make_book(tmp_path_factory.mktemp("v"), {"a.md": "# 竖排\n\n第12页的文字，共3471字，08:30开始。\n"},
                     '[book]\ntitle = "竖排书"\nidentifier = "978-7-02-000220-7"\n[epub]\nvertical = true\n')
    return paiban.build(root, formats=["epub"])[0].path


def test_vertical_edition_passes_epubcheck(vertical):
    assert epubcheck_messages(vertical) == []


def test_vertical_edition_turns_pages_right_to_left_and_writes_vertically(vertical):
    package = xml(vertical, "EPUB/content.opf")
    assert package.xpath("//opf:spine/@page-progression-direction", namespaces=NS) == ["rtl"]
    assert package.xpath("//opf:meta[@name='primary-writing-mode']/@content", namespaces=NS) == ["vertical-rl"]
    sheet = files(vertical)["EPUB/styles/vertical.css"].decode()
    assert "writing-mode: vertical-rl" in sheet
    # A byline's parts spaced down the column, a date's digits all upright (not a year on its side).
    assert ".article-byline > span:not(:last-child) { margin-right: 0; margin-bottom: 1em; }" in sheet
    assert ".article-date { text-orientation: upright;" in sheet
    chapter = files(vertical)["EPUB/c1.xhtml"].decode()
    assert 'href="styles/vertical.css"' in chapter
    assert '<span class="tcy">12</span>' in chapter and '<span class="tcy">3</span>' not in chapter.replace(
        "3471", "")


def test_digits_after_inline_code_are_set_upright_and_those_in_it_are_not():
    """The text after </code> was skipped with the code: 第 12 名 lay on its side."""
    from paiban.render.epub_markup import finish

    document = ('<html xmlns="http://www.w3.org/1999/xhtml"><body><p>甲<code>x 12</code>第 12 名<em>e</em>'
                '第 3 名<!-- 注 -->第 45 页</p></body></html>').encode()
    paragraph = etree.fromstring(finish(document, [], True, "返回正文")).find(".//x:p", NS)
    assert [span.text for span in paragraph.iter(f"{{{NS['x']}}}span")] == ["12", "3", "45"]
    assert paragraph.find("x:code", NS).text == "x 12"


def test_vertical_digits_of_a_time_an_isbn_or_a_url_stay_on_their_side_with_the_rest(vertical):
    """08:30 was set as upright 08, a sideways colon and upright 30; the ISBN's 7 and 02 stood
    upright between its sideways hyphens."""
    chapter = files(vertical)["EPUB/c1.xhtml"].decode()
    assert "08:30开始" in chapter and '<span class="tcy">12</span>页' in chapter
    assert "ISBN 978-7-02-000220-7</p>" in files(vertical)["EPUB/titlepage.xhtml"].decode()


@pytest.mark.parametrize("markup, upright", [
    ("第3章，12月，第 12 名，(3)", ["3", "12", "12", "3"]),
    ("会议于08:30开始，日期2024-03-15，比分3:2，电话010-12-34，共3.5万，1,000册", []),
    ("iPhone 12 与 v2 版，5% 的人，3~5 岁", []),
    ('见 <span class="breakable url">https://example.com/第3章/a?p=12</span>，第4章', ["4"]),
    # A token runs across inline elements: the 12 of <em>iPhone</em> 12 stood upright.
    ("<em>iPhone</em> 12，<strong>第</strong>3<em>章</em>，<em>v</em>2 版，iPhone<br/>12", ["3", "12"]),
    ("第3　A区，第 12　名", ["3", "12"]),  # a full-width space parts them: the 3 lay on its side
    ("08：30开始，比分3：2", ["08", "30", "3", "2"]),  # the full-width colon upright between them
    # A subscript's or a superscript's digit lies on its side with its letters (the 2 stood upright
    # between H and O lying on theirs); a note's call still parts the texts.
    ("H<sub>2</sub>O 和 CO<sub>2</sub>，单位 m<sup>2</sup>，第3章", ["3"]),
    # A number's power stands as the number does (a Latin letter before it makes a formula's).
    ("面积10<sup>3</sup>倍，约5<sup>2</sup>平方，第1<sub>a</sub>条", ["10", "3", "5", "2", "1"]),
    ('第3<sup class="footnote-ref"><a href="#fn1">1</a></sup>章，'
     'iPhone<sup class="footnote-ref"><a href="#fn2">2</a></sup>', ["3", "1", "2"]),
])
def test_only_digits_standing_alone_are_set_upright(markup, upright):
    from paiban.render.epub_markup import finish

    document = f'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>{markup}</p></body></html>'.encode()
    paragraph = etree.fromstring(finish(document, [], True, "返回正文")).find(".//x:p", NS)
    assert [span.text for span in paragraph.iter(f"{{{NS['x']}}}span") if span.get("class") == "tcy"] == upright


def test_vertical_books_pdf_is_horizontal_and_says_so(tmp_path, caplog):
    root = make_book(tmp_path, {"a.md": "# 竖排\n\n正文。\n"}, '[book]\ntitle = "书"\n[epub]\nvertical = true\n')
    paiban.build(root, formats=["pdf"])
    assert "set horizontally" in caplog.text


def test_embedded_fonts_are_subsets_declared_and_valid(tmp_path):
    root = make_book(tmp_path, {"a.md": "# 嵌入字体\n\n正文只有几个字。\n"},
                     '[book]\ntitle = "字体书"\n[epub]\nembed-fonts = true\n')
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []
    contents = files(output.path)
    fonts = {name: data for name, data in contents.items() if name.endswith(".otf")}
    assert len(fonts) == 4 and all(len(data) < 300_000 for data in fonts.values())
    css = contents["EPUB/styles/fonts.css"].decode()
    assert "@font-face" in css and '"paiban serif"' in css
    package = xml(output.path, "EPUB/content.opf")
    assert len(package.xpath("//opf:item[@media-type='font/otf']", namespaces=NS)) == 4
    # Apple Books uses embedded fonts only when told to, in a vocabulary the package declares.
    assert package.xpath("//opf:meta[@property='ibooks:specified-fonts']/text()", namespaces=NS) == ["true"]
    assert "ibooks: http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/" in package.get("prefix")
    assert store_problems(output.path, "apple", "cn") == []


def test_a_font_the_books_own_sheet_brings_is_shown_in_apple_books(tmp_path):
    """The EPUB carried the file without ibooks:specified-fonts, so Apple Books set the book in its
    own fonts, and the apple profile told the user to edit the OPF, which paiban writes."""
    css = (REPO / "styles" / "epub.css").read_text(encoding="utf-8") + (
        '\n@font-face { font-family: "Brand Face"; src: url(Brand.ttf); }\nh1 { font-family: "Brand Face", serif; }\n')
    root = make_book(tmp_path, {"a.md": "# Brand 标题\n\n正文。\n", "styles/epub.css": css}, '[book]\ntitle = "书"\n')
    made_font(root / "styles" / "Brand.ttf", "Brand Face", "Brand")
    [output] = paiban.build(root, formats=["epub"])
    package = xml(output.path, "EPUB/content.opf")
    assert package.xpath("//opf:item[@media-type='font/ttf']/@href", namespaces=NS) == ["styles/Brand.ttf"]
    assert package.xpath("//opf:meta[@property='ibooks:specified-fonts']/text()", namespaces=NS) == ["true"]
    assert store_problems(output.path, "apple", "cn") == []


def test_embedded_fonts_keep_the_proportional_apostrophe_of_a_latin_word(tmp_path):
    """A Latin word's apostrophe is shut to its letters by the fonts' pwid feature (O’Neill, not
    O’ Neill: base.css's .apostrophe), which the subsets left out."""
    from fontTools.ttLib import TTFont

    root = make_book(tmp_path, {"a.md": "# 撇号\n\n剧作家 O’Neill 的作品。\n"},
                     '[book]\ntitle = "书"\n[epub]\nembed-fonts = true\n')
    [output] = paiban.build(root, formats=["epub"])
    serif = TTFont(io.BytesIO(files(output.path)["EPUB/fonts/serif-400.otf"]))
    assert "pwid" in {record.FeatureTag for record in serif["GSUB"].table.FeatureList.FeatureRecord}


def test_embedded_fonts_hold_every_character_the_book_prints(tmp_path):
    """Part titles, CIP, the ISBN and a date's 年月日 are printed too, and a book's own template."""
    from fontTools.ttLib import TTFont

    cover = '<section id="cover"><p>封面由模板写：鑫</p></section>'
    root = make_book(tmp_path / "b", {"a.md": "# 嵌入字体\n\n正文只有几个字。\n", "styles/_cover.html": cover}, """\
        [book]
        title = "字体书"
        identifier = "978-7-02-000220-7"
        date = 2024-05-06
        cip = "图书在版编目（CIP）数据：核字第壹号，第3次印刷"
        [[parts]]
        title = "上编：鹦鹉"
        [[parts.chapters]]
        title = "一"
        articles = ["a.md"]
        [epub]
        embed-fonts = true
        """)
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []
    contents = files(output.path)
    printed = {character for name, data in contents.items() if name.endswith(".xhtml") and "nav" not in name
               for character in "".join(etree.fromstring(data).itertext()) if not character.isspace()}
    assert {"鹦", "鹉", "核", "壹", "刷", "年", "月", "日", "鑫"} <= printed
    for name, data in contents.items():
        if name.endswith(".otf"):
            assert printed - set(map(chr, TTFont(io.BytesIO(data)).getBestCmap())) == set(), name


def test_embedded_fonts_include_the_fallbacks_and_the_mono_that_draw_the_text(tmp_path, caplog):
    """Only the first installed family of each list was embedded, and no mono: ♔, which the glyph
    check found in DejaVu Sans, and the code's 𡃁 showed as boxes on readers without those fonts.
    DejaVu's TrueType subset was stored as .otf, font/otf; cutting it told "FFTM NOT subset" on stderr."""
    from fontTools.ttLib import TTFont

    article = "# 甲\n\n正文里有一个符号♔，<var>参数</var>。\n\n```\n注释：罕见字𡃁\n```\n"
    root = make_book(tmp_path / "b", {"a.md": article}, """\
        [book]
        title = "回退字体"
        [fonts]
        serif = ["Noto Serif CJK SC", "Liberation Serif", "DejaVu Sans"]
        [epub]
        embed-fonts = true
        """)
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []
    contents = files(output.path)
    held = {name.removeprefix("EPUB/fonts/"): set(map(chr, TTFont(io.BytesIO(data)).getBestCmap()))
            for name, data in contents.items() if name.startswith("EPUB/fonts/")}
    # Liberation Serif has nothing Noto Serif lacks: it stays out; DejaVu Sans brings only ♔, to the
    # serif and to the default sans, whose Latin fallback it is (Noto Sans, before it, is not installed).
    assert sorted(held) == ["mono-400.otf", "sans-3-400.ttf", "sans-3-700.ttf", "sans-400.otf", "sans-700.otf",
                            "serif-3-400.ttf", "serif-3-700.ttf", "serif-400.otf", "serif-700.otf"]
    assert held["serif-3-400.ttf"] == held["sans-3-700.ttf"] == {"♔"} and "♔" not in held["serif-400.otf"]
    package = xml(output.path, "EPUB/content.opf")
    assert package.xpath("//opf:item[@media-type='font/ttf']/@href", namespaces=NS) == [
        "fonts/serif-3-400.ttf", "fonts/serif-3-700.ttf", "fonts/sans-3-700.ttf", "fonts/sans-3-400.ttf"]
    assert "NOT subset" not in caplog.text
    assert {"注", "𡃁", "参"} <= held["mono-400.otf"] and "♔" not in held["mono-400.otf"]  # (a variable is code)
    css = contents["EPUB/styles/fonts.css"].decode()
    assert 'html { font-family: "paiban serif", "paiban serif 3", "Noto Serif CJK SC", "Liberation Serif", ' \
           '"DejaVu Sans", serif; }' in css
    assert 'pre, code, kbd, samp, var { font-family: "paiban mono", "Noto Sans Mono CJK SC", "DejaVu Sans Mono", ' \
           'monospace; }' in css
    assert '@font-face { font-family: "paiban serif 3"; font-weight: 400; src: url("../fonts/serif-3-400.ttf"); }' \
        in css


def test_embedded_fonts_draw_a_trees_box_drawing_lines_from_the_latin_mono(tmp_path):
    """fonts.css draws ├ ─ │ └ in code from the mono's Latin face (the CJK mono's are two columns
    wide): the embedded Latin mono holds them, named first for them, so a reader without DejaVu
    draws them as the PDF does."""
    from fontTools.ttLib import TTFont

    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n\n```\na/\n└── b.py\n```\n"},
                     '[book]\ntitle = "书"\n[epub]\nembed-fonts = true\n')
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []
    contents = files(output.path)
    assert {"└", "─"} <= set(map(chr, TTFont(io.BytesIO(contents["EPUB/fonts/mono-2-400.ttf"])).getBestCmap()))
    assert 'samp .box-drawing {\n  font-family: "paiban mono 2", "DejaVu Sans Mono", "paiban mono", ' \
           '"Noto Sans Mono CJK SC", monospace;' in contents["EPUB/styles/fonts.css"].decode()


def test_embedded_fonts_include_another_regions_fonts_for_the_text_tagged_with_its_language(tmp_path):
    """Only the edition's fonts were embedded: text left in Traditional (a no-convert span, tagged
    zh-Hant or zh-Hant-HK), which fonts.css sets in Noto CJK TC or HK, fell back on a reader
    without them. Each region's fonts now travel too, cut to that region's text alone; a span of
    another lang inside one (en) is that region's text, one of another region (HK) is that region's.
    A region's common tags bring its fonts too (zh-HK, zh-hk: HK; ja: JP), as fonts.css sets them."""
    from fontTools.ttLib import TTFont

    article = ("# 甲\n\n正文[原文說著]{.no-convert lang=zh-Hant}，还有[港話]{lang=zh-Hant-HK}。\n\n"
               '<div lang="zh-Hant"><p>區塊<span lang="zh-Hant-HK">嵌套</span><span lang="en">Ab</span></p>'
               "<pre><code>碼</code></pre></div>\n\n[戶骨]{lang=zh-HK}[直]{lang=zh-hk}，[骨直]{lang=ja}。\n")
    root = make_book(tmp_path / "b", {"a.md": article}, '[book]\ntitle = "书"\n[epub]\nembed-fonts = true\n')
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []
    contents = files(output.path)
    held = {name.removeprefix("EPUB/fonts/"): {chr(code) for code in TTFont(io.BytesIO(data)).getBestCmap()
                                               if code > 0x2E80}
            for name, data in contents.items() if name.startswith("EPUB/fonts/")}
    assert held["TC-serif-400.otf"] == held["TC-sans-700.otf"] == set("原文說著區塊碼")
    assert held["TC-mono-400.otf"] == {"碼"}
    assert held["HK-serif-400.otf"] == set("港話嵌套戶骨直") and "HK-mono-400.otf" not in held
    assert held["JP-serif-400.otf"] == set("骨直")
    assert TTFont(io.BytesIO(contents["EPUB/fonts/TC-serif-400.otf"]))["name"].getDebugName(1) \
        == "Noto Serif CJK TC"
    assert TTFont(io.BytesIO(contents["EPUB/fonts/JP-serif-400.otf"]))["name"].getDebugName(1) \
        == "Noto Serif CJK JP"
    assert {"A", "b"} <= {chr(code) for code in TTFont(io.BytesIO(contents["EPUB/fonts/TC-serif-400.otf"]))
                          .getBestCmap()}
    css = contents["EPUB/styles/fonts.css"].decode()
    latin = '"Noto Serif", "DejaVu Serif", serif; }'  # the Latin fallback after both regions' CJK
    assert f'body [lang|="zh-Hant"] {{ font-family: "paiban serif TC", "Noto Serif CJK TC", "Noto Serif CJK SC", ' \
           f'{latin}' in css
    assert f'body [lang|="zh-TW"] {{ font-family: "paiban serif TC", "Noto Serif CJK TC", "Noto Serif CJK SC", ' \
           f'{latin}' in css
    assert f'body [lang|="ja"] {{ font-family: "paiban serif JP", "Noto Serif CJK JP", "Noto Serif CJK SC", ' \
           f'{latin}' in css  # then the edition's, when JP's are missing
    assert css.index('body [lang|="zh-Hant"]') < css.index('body [lang|="zh-Hant-HK"]')  # the narrower wins
    assert '@font-face { font-family: "paiban sans HK"; font-weight: 700; ' \
           'src: url("../fonts/HK-sans-700.otf"); }' in css
    assert any('<span lang="zh-HK">直</span>'.encode() in data for data in contents.values())  # case as CSS has it


def test_text_tagged_with_a_language_of_the_editions_own_fonts_uses_its_subsets(tmp_path):
    """In a zh-Hant book, text tagged zh-Hant-TW is set in the edition's own TC: it takes the
    subsets already embedded, not a second copy; text tagged zh-Hans brings SC, cut to it alone.
    (A book with no such text embeds only its own four: see the test above.)"""
    from fontTools.ttLib import TTFont

    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文[臺灣]{lang=zh-Hant-TW}與[简体]{lang=zh-Hans}。\n"},
                     '[book]\ntitle = "書"\nlanguage = "zh-Hant"\n[epub]\nembed-fonts = true\n')
    [output] = paiban.build(root, formats=["epub"])
    contents = files(output.path)
    fonts = sorted(name.removeprefix("EPUB/fonts/") for name in contents if name.startswith("EPUB/fonts/"))
    assert fonts == ["SC-sans-400.otf", "SC-sans-700.otf", "SC-serif-400.otf", "SC-serif-700.otf", "sans-400.otf",
                     "sans-700.otf", "serif-400.otf", "serif-700.otf"]
    simplified = TTFont(io.BytesIO(contents["EPUB/fonts/SC-serif-400.otf"]))
    assert simplified["name"].getDebugName(1) == "Noto Serif CJK SC"
    assert {chr(code) for code in simplified.getBestCmap() if code > 0x2E80} == set("简体")
    css = contents["EPUB/styles/fonts.css"].decode()
    assert 'body [lang|="zh-TW"] { font-family: "paiban serif", "Noto Serif CJK TC", "Noto Serif", "DejaVu Serif", ' \
           'serif; }' in css
    assert 'body [lang|="zh-Hans"] { font-family: "paiban serif SC", "Noto Serif CJK SC", "Noto Serif CJK TC", ' \
           '"Noto Serif", "DejaVu Serif", serif; }' in css


def test_another_regions_fonts_missing_is_a_warning_and_the_book_is_built(tmp_path, monkeypatch, caplog):
    """The book's own text is embedded; its few words in another region's script are drawn in the
    edition's fonts, as in the PDF (cut to them alone), and the build says which text and which fonts."""
    import paiban.render.epub_fonts
    from fontTools.ttLib import TTFont

    from paiban.check import glyphs
    from paiban.fonts import font_file

    installed = glyphs.installed_families()
    monkeypatch.setattr(glyphs, "installed_families", lambda: {name for name in installed if not name.endswith("TC")})
    monkeypatch.setattr(paiban.render.epub_fonts, "font_file",
                        lambda family, style="Regular": None if family.endswith("TC") else font_file(family, style))
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文[原文]{lang=zh-Hant}。\n"},
                     '[book]\ntitle = "书"\n[epub]\nembed-fonts = true\n')
    [output] = paiban.build(root, formats=["epub"])
    stand_in = TTFont(io.BytesIO(files(output.path)["EPUB/fonts/TC-serif-2-400.otf"]))
    assert stand_in["name"].getDebugName(1) == "Noto Serif CJK SC"
    assert {chr(code) for code in stand_in.getBestCmap() if code > 0x2E80} == set("原文")
    assert "a.md:3: the text tagged lang=zh-Hant is drawn in the edition's fonts (Noto Serif CJK SC)" in caplog.text
    assert "apt-get install fonts-noto-cjk" in caplog.text


def test_a_fallback_font_is_opened_only_to_be_cut_and_none_once_the_text_lacks_nothing(monkeypatch):
    """Every installed family of the list was opened and its cmap read, a tenth of a second for each
    CJK face: Noto Serif CJK TC, which draws nothing SC lacks, and Liberation Serif, after DejaVu
    Serif had drawn the last character SC lacks."""
    from fontTools import ttLib

    from paiban.edition import Fonts
    from paiban.fonts import font_file
    from paiban.render.epub_fonts import _chain

    opened = []

    class Opened(ttLib.TTFont):
        def __init__(self, path, **options):
            opened.append(path)
            super().__init__(path, **options)

    monkeypatch.setattr(ttLib, "TTFont", Opened)
    families = ("Noto Serif CJK SC", "Noto Serif CJK TC", "DejaVu Serif", "Liberation Serif")
    faces = _chain(Fonts(serif=families, sans=(), mono=()), "serif", 400, "Regular", "正文Ą")
    assert [face.href for face in faces] == ["fonts/serif-400.otf", "fonts/serif-3-400.ttf"]
    assert opened == [font_file("Noto Serif CJK SC")[0], font_file("DejaVu Serif")[0]]


def test_an_article_that_gives_an_id_twice_still_makes_a_valid_epub(tmp_path):
    root = make_book(tmp_path / "b", {
        "01.md": "# 甲\n\n## 小节 {#dup}\n\n见[小节](#dup)。\n\n## 另一节 {#dup}\n\n正文。\n",
        "02.html": '<h1>乙</h1><p id="x">一段。</p><p id="x">又一段。</p>',
    })
    [output] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(output.path) == []


def test_a_numbered_chapter_reads_number_space_name_in_every_listing(tmp_path):
    """The contents ran 第一章开篇 together (EPUB, HTML), and so did the PDF's bookmarks."""
    from conftest import outline

    root = make_book(tmp_path / "b", {"01-开篇/a.md": "# 甲\n\n正文。\n"},
                     '[book]\ntitle = "书"\nchapter-numbers = true\n')
    pdf, epub = paiban.build(root, formats=["epub", "pdf"])  # the PDF is made first
    with zipfile.ZipFile(epub.path) as archive:
        contents = archive.read("EPUB/contents.xhtml").decode("utf-8")
    assert re.sub(r"<[^>]+>", "", contents).count("第一章　开篇") == 1
    assert "第一章　开篇" in [title for _, title, _ in outline(pdf.path)]


def contained(body: str, head: str = "") -> str:
    """A content document's markup after containment (what a book's template would give)."""
    from paiban.render.epub_markup import contain

    root = etree.fromstring(f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:svg="http://www.w3.org/2000/svg" '
                            f'xmlns:xlink="http://www.w3.org/1999/xlink"><head>{head}</head><body>{body}</body></html>')
    contain(root)
    return etree.tostring(root, encoding="unicode")


@pytest.mark.parametrize(("body", "head"), [
    ('<img src="x.png" alt="" srcset="x.png 1x, http://127.0.0.1:9/a.png 2x"/>', ""),
    ('<picture><source srcset="x.png 1x,http://127.0.0.1:9/a.png 2x"/><img src="x.png" alt=""/></picture>', ""),
    ('<p style="background-image:\\75 rl(http://127.0.0.1:9/a.png)">t</p>', ""),
    ("<p style=\"background-image:image-set('http://127.0.0.1:9/a.png' 1x)\">t</p>", ""),
    ('<a href="#n" ping="http://127.0.0.1:9/p">n</a>', ""),
    ('<p xml:base="http://127.0.0.1:9/"><img src="x.png" alt=""/></p>', ""),
    ('<svg:svg><svg:rect width="9" height="9" fill="url(http://127.0.0.1:9/a.svg#p)"/></svg:svg>', ""),
    ('<svg:svg><svg:image xlink:href="x.png"><svg:set attributeName="xlink:href" to="http://127.0.0.1:9/a.png"/>'
     '</svg:image></svg:svg>', ""),
    ("", '<meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/"/>'),
])
def test_a_books_template_loads_nothing_from_elsewhere_however_it_names_it(body, head, caplog):
    """A srcset candidate, a style's url( written with an escape, an image-set() string: all
    three reached the EPUB from a book's template, as the filter read only whole values."""
    assert "127.0.0.1" not in contained(body, head) and "left" in caplog.text


def test_a_books_template_keeps_what_loads_from_inside_the_book(caplog):
    kept = ['<img src="x.png" alt="" srcset="x.png 1x, y.png 2x"/>', '<p style="color: red">t</p>',
            '<a href="https://example.com/">w</a>', '<svg:rect width="9" height="9" fill="url(#g)"/>']
    markup = contained("".join(kept))
    assert all(element in markup for element in kept) and "left" not in caplog.text


def test_a_style_attribute_keeps_its_declarations_that_load_nothing():
    assert '<p style="color: red;">' in contained('<p style="color: red; background: url(http://127.0.0.1:9/a.png)">'
                                                  't</p>')


def _chapters_in(nav: str) -> list[str]:
    """The chapters nav.xhtml lists, each as its entry's text without markup or spaces."""
    return [re.sub(r"<[^>]+>|\s", "", entry) for entry in re.findall(r'<a href="c\d\.xhtml">(.*?)</a>', nav)]


def test_the_bibliography_is_not_numbered_in_contents_opener_bookmarks_or_nav(tmp_path):
    """A last chapter 参考文献 was 第三章　参考文献 in every listing and on its opener."""
    root = make_book(tmp_path / "b", {"01-制度/a.md": "# 甲\n\n正文。\n", "02-实践/b.md": "# 乙\n\n正文。\n",
                                      "99-参考文献/c.md": "# 丙\n\n王某：《文书研究》。\n"},
                     '[book]\ntitle = "书"\nchapter-numbers = true\n')
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "pdf"])}
    with zipfile.ZipFile(outputs["epub"]) as archive:
        nav = archive.read("EPUB/nav.xhtml").decode()
        last = archive.read("EPUB/c3.xhtml").decode()
    entries = _chapters_in(nav)
    assert entries == ["第一章制度", "第二章实践", "参考文献"]
    assert "chapter-number" not in last and "第三章" not in last
    assert [title for depth, title, _ in outline(outputs["pdf"]) if depth == 1][-3:] == [
        "第一章　制度", "第二章　实践", "参考文献"]
    contents = next(page for page in pdf_page_texts(outputs["pdf"]) if "目" in page and "录" in page)
    assert "第三章" not in contents and "参考文献" in contents


def test_a_chapter_whose_title_has_its_number_written_in_is_numbered_once(tmp_path):
    """With chapter-numbers, 第三章　归途 was printed and listed as 第一章　第三章　归途."""
    root = make_book(tmp_path / "b", {"01-第三章 归途/a.md": "# 甲\n\n正文。\n", "02-出发/b.md": "# 乙\n\n正文。\n",
                                      "03-第五回/c.md": "# 丙\n\n正文。\n"},
                     '[book]\ntitle = "书"\nchapter-numbers = true\n')
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "html"])}
    with zipfile.ZipFile(outputs["epub"]) as archive:
        nav = archive.read("EPUB/nav.xhtml").decode()
        first = archive.read("EPUB/c1.xhtml").decode()
    entries = _chapters_in(nav)
    assert entries == ["第三章归途", "第二章出发", "第五回"]
    assert '<span class="chapter-number">第三章</span><span class="chapter-name">归途</span>' in first
    assert first.count("第三章") == 2  # and its bookmark, 第三章　归途
    preview = re.sub(r"<style>.*?</style>", "", outputs["html"].read_text(encoding="utf-8"), flags=re.S)
    assert "第一章" not in preview and preview.count("第三章") == 3  # the heading, its bookmark, the contents


def test_english_text_and_text_tagged_en_keep_their_marks_in_the_epub(tmp_path):
    """A bilingual book's English was given Chinese marks as it was read: “home”； it was not,
    the characters 山， 水, (北京) as （北京）, and so were a span tagged ``lang=en`` and a no-convert
    block, which are kept as written. An English sentence keeps its marks, whatever Chinese words
    it holds; text kept as written keeps them whatever it is; Chinese text is still mended."""
    from conftest import epub_text

    article = ("# 标点\n\nThey called it “home”; it was not, and the “Old Guard”, as they were known, never came "
               "back.\n\nThe characters 山, 水 and 人 are among the first a child learns. Is it 真的? Yes!\n\n"
               "The 2008 Olympics (北京) were a turning point.\n\n"
               "她只回了一句[“Whatever”!]{lang=en}就走了。\n\n"
               "::: {.no-convert lang=en}\n山: mountain; 水: water.\n:::\n\n他说:好(笑)\n")
    root = make_book(tmp_path / "b", {"01-a.md": article}, '[book]\ntitle = "标点"\nauthors = ["甲"]\n')
    [output] = paiban.build(root, formats=["epub"])
    text = epub_text(output.path)
    assert "<p>They called it “home”; it was not, and the “Old Guard”, as they were known, never came back.</p>" \
        in text
    assert "<p>The characters 山, 水 and 人 are among the first a child learns. Is it 真的? Yes!</p>" in text
    assert "<p>The 2008 Olympics (北京) were a turning point.</p>" in text
    assert '她只回了一句<span lang="en">“Whatever”!</span>就走了。' in text
    assert "<p>山: mountain; 水: water.</p>" in text
    assert "<p>他说：好（笑）</p>" in text
    assert epubcheck_messages(output.path) == []
