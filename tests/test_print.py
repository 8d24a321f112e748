"""Print-grade PDF: front matter, chapter numbers, footnotes, tables, [pdf] page and press options."""

import io
import itertools
import os
import re
import subprocess
import zipfile

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

import paiban
from paiban.config import load_config
from paiban.errors import PaibanError
from paiban.page import page_geometry

from conftest import PRESS_PROFILE, claimed_png, make_book, outline, pdf_page_texts


def epub_chapter(path) -> str:
    """The first chapter document of the EPUB at ``path``."""
    with zipfile.ZipFile(path) as epub:
        return epub.read("EPUB/c1.xhtml").decode()

MM = 72 / 25.4

BOOK = """\
    [book]
    title = "印刷样书"
    authors = ["某编者"]
    publisher = "示例出版社"
    date = 2026-11-26
    identifier = "978-7-02-000220-7"
    edition = "2026年11月第1版"
    cip = "图书在版编目（CIP）数据\\n印刷样书 / 某编者编. —— 示例出版社，2026"
    rights = "版权所有"
    preface = "前言.md"
    chapter-numbers = true
    """
LONG_TABLE = "| 序号 | 内容 |\n|---|---|\n" + "".join(f"| {n} | 第{n}行的内容 |\n" for n in range(1, 80))


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    root = make_book(tmp_path_factory.mktemp("print"), {
        "前言.md": "# 前言\n\n这是前言。\n",
        "01-开篇/a.md": "# 第一篇\n\n正文有注释[^1]。\n\n[^1]: 这是第一章的注释。\n",
        "02-表格/b.md": "# 长表\n\n" + LONG_TABLE,
        "03-结语/c.md": "# 结语\n\n又一条注释[^1]。\n\n[^1]: 这是第三章的注释。\n",
    }, BOOK)
    [output] = paiban.build(root, formats=["pdf"])
    return output.path


def test_front_matter_half_title_title_copyright_preface_contents(printed):
    texts = pdf_page_texts(printed)
    assert texts[0].split() == ["印刷样书"]
    assert not texts[1].strip()
    assert "某编者" in texts[2] and "示例出版社" in texts[2]
    copyright = re.sub(r"\s+", "", texts[3])
    for expected in ("ISBN978-7-02-000220-7", "2026年11月第1版", "图书在版编目（CIP）数据", "版权所有"):
        assert expected in copyright
    assert "这是前言" in texts[4] and texts[4].rstrip().splitlines()[-1].strip() == "v"
    contents = next(text for text in texts if re.search(r"目\s*录", text))
    assert re.search(r"前言\s*\.+\s*v\s*$", contents, re.MULTILINE)


def test_chapters_carry_chinese_numerals_in_opener_and_contents(printed):
    texts = pdf_page_texts(printed)
    contents = next(text for text in texts if re.search(r"目\s*录", text))
    for label, title in (("第一章", "开篇"), ("第二章", "表格"), ("第三章", "结语")):
        assert re.search(label + r"\s*" + title, contents)
        assert any(re.search(label + r"\s*" + title, text) for text in texts if text is not contents)


def test_a_chapter_of_one_article_of_its_title_prints_and_lists_the_title_once(tmp_path):
    root = make_book(tmp_path, {
        "01.md": "---\ntitle: 初雪\nauthor: 林晚舟\n---\n\n" + "那年的雪来得早。" * 500 + "\n\n## 尾声\n\n雪停了。\n",
        "02.md": "# 甲\n\n甲文。\n", "03.md": "# 乙\n\n乙文。\n",
    }, """\
        [book]
        title = "小说"
        chapter-numbers = true
        [[chapters]]
        title = "初雪"
        articles = ["01.md"]
        [[chapters]]
        title = "杂篇"
        articles = ["02.md", "03.md"]
        """)
    pdf, html = paiban.build(root, formats=["pdf", "html"])
    texts = pdf_page_texts(pdf.path)
    contents = next(text for text in texts if re.search(r"目\s*录", text))
    # 初雪's entry names its author (the book has none of its own): 初雪　林晚舟 ……
    assert re.findall(r"[^\s.]+(?= *\.{3})", contents) == ["林晚舟", "杂篇", "甲", "乙"]
    assert re.search(r"初雪\s+林晚舟", contents)
    opener = next(i for i, text in enumerate(texts) if "林晚舟" in text and text is not contents)
    assert texts[opener].split()[:3] == ["第一章", "初雪", "林晚舟"]
    assert texts[opener + 2].split()[0] == "初雪"  # a right-hand page's running head: the chapter's title
    assert [(depth, title) for depth, title, _ in outline(pdf.path)] == [  # its section 尾声 (an h2) is no bookmark
        (1, "目录"), (1, "第一章　初雪"), (1, "第二章　杂篇"), (2, "甲"), (2, "乙")]
    page = html.path.read_text(encoding="utf-8")
    assert "<h2>尾声</h2>" in page
    assert page.count('class="article-title"') == 2 and 'id="a1"' in page


def test_a_titles_superscript_and_subscript_are_apart_in_the_bookmarks_and_the_running_heads(tmp_path):
    """(10<sup>3</sup> 倍与 H<sub>2</sub>O ran together as 103 倍与 H2O.) Bookmarks, drawn by the PDF
    viewer's fonts, write Unicode's; a running head, drawn by the book's (Noto CJK has no ₂), ^ and _."""
    from test_render_epub import SCRIPTED

    [pdf] = paiban.build(make_book(tmp_path / "b", SCRIPTED), formats=["pdf"])
    bookmarks = outline(pdf.path)
    assert [(depth, title) for depth, title, _ in bookmarks] == [
        (1, "目录"), (1, "章"), (2, "10³ 倍与 H₂O"), (2, "乙"), (1, "H₂O")]
    after_opener = pdf_page_texts(pdf.path)[bookmarks[-1][2]:]
    heads = {text.split()[0] for text in after_opener if "无色无味" in text}
    assert heads == {"H_2O", "测试书"}  # a right-hand page's head, and a left-hand page's


def test_a_titles_ruby_is_printed_in_its_heading_and_contents_and_its_base_alone_is_bookmarked(tmp_path):
    """(# <ruby>静<rt>jìng</rt></ruby>… was 静jìng夜yè思 in the heading, the contents and the
    bookmarks.) The heading and the contents print the reading as the body does, 静（jìng）; the
    bookmarks and the running heads are the base, 静夜思."""
    from test_render_epub import READ

    [pdf] = paiban.build(make_book(tmp_path / "b", READ), formats=["pdf"])
    bookmarks = outline(pdf.path)
    assert [(depth, title) for depth, title, _ in bookmarks] == [
        (1, "目录"), (1, "章"), (2, "静夜思"), (2, "乙"), (1, "静夜思")]
    texts = pdf_page_texts(pdf.path)
    contents = next(text for text in texts if "乙" in text and "..." in text)
    assert re.sub(r"\s", "", contents).count("静（jìng）夜（yè）思") == 2
    assert "静（jìng）夜（yè）思" in re.sub(r"\s", "", texts[bookmarks[2][2] - 1])  # (pages counted from 1)
    heads = {text.split()[0] for text in texts[bookmarks[-1][2]:] if "床前明月光" in text}
    assert heads == {"静夜思", "测试书"}


def test_footnotes_sit_on_the_page_of_their_call_numbered_per_chapter(printed):
    for text in pdf_page_texts(printed):
        for note in ("这是第一章的注释", "这是第三章的注释"):
            if note in text:
                assert "1." in text.split(note)[0].splitlines()[-1]  # marker 1 in each chapter
                body = text.split(note)[0]
                assert "注释1" in re.sub(r"\s+", "", body)  # the call, on the same page


def test_the_notes_of_a_long_article_sit_on_the_pages_of_their_calls(tmp_path):
    """Forty calls fall all over twenty-odd pages. With a top margin on the footnote area, which
    WeasyPrint 70 leaves out when it measures whether a note fits, notes that fitted went to the
    next page and the last one was lost; print.css has none. WeasyPrint still defers a second
    note of a page now and then, to the next page (README, known limits): one of forty here."""
    sentence = "河边的人大多记得那几年的变化，先是渔船少了，接着是晒网的空地变成了停车场。"
    paragraphs, notes = [], []
    for number in range(1, 121):
        if number % 3:
            paragraphs.append(sentence * (1 + number % 4))
        else:
            paragraphs.append(sentence * 2 + f"见标记{number}号[^{number}]。")
            notes.append(f"[^{number}]: 注文{number}。" + "这条注释用来检验注释与其引用是否同页。" * (1 + number % 2))
    root = make_book(tmp_path, {"a.md": "# 长文\n\n" + "\n\n".join(paragraphs + notes) + "\n"})
    [output] = paiban.build(root, formats=["pdf"])
    pages = [re.sub(r"\s+", "", text) for text in pdf_page_texts(output.path)]
    call = {number: next(i for i, text in enumerate(pages) if f"见标记{number}号" in text)
            for number in range(3, 121, 3)}
    note = {number: next((i for i, text in enumerate(pages) if f"注文{number}。" in text), None) for number in call}
    assert None not in note.values()  # every note printed
    assert all(note[number] in (call[number], call[number] + 1) for number in call)
    assert sum(note[number] != call[number] for number in call) <= 1


def test_a_long_table_splits_across_pages_repeating_its_header(printed):
    texts = [text for text in pdf_page_texts(printed) if "行的内容" in text]
    assert len(texts) >= 2
    assert all(re.search(r"序号\s+内容", text) for text in texts)


def test_a_column_of_short_cells_beside_long_ones_keeps_its_header_whole(tmp_path):
    long = "段落的最后一行单独落在下一页的顶端，看上去像是被遗弃在那里，非常刺眼。" * 2
    table = f"| 问题 | 表现 | 办法 |\n|---|---|---|\n| 孤行 | {long} | {long} |\n"
    root = make_book(tmp_path, {"a.md": "# 表\n\n" + table})
    [output] = paiban.build(root, formats=["pdf"])
    assert any(re.search(r"问题\s+表现\s+办法", text) for text in pdf_page_texts(output.path))


def test_every_toc_entry_is_a_working_link(printed):
    reader = PdfReader(printed)
    toc_index = next(i for i, text in enumerate(pdf_page_texts(printed)) if re.search(r"目\s*录", text))
    links = [annotation.get_object() for annotation in reader.pages[toc_index].get("/Annots", [])]
    targets = sorted(reader.get_destination_page_number(reader.named_destinations[link["/Dest"]])
                     if isinstance(link.get("/Dest"), str) else reader.get_page_number(link["/Dest"][0].get_object())
                     for link in links if link.get("/Subtype") == "/Link")
    marks = sorted({page - 1 for depth, title, page in outline(printed) if title != "目录"})
    assert len(targets) >= 7  # preface, three chapters, three articles
    assert set(marks) <= set(targets)


@pytest.mark.parametrize(("size", "mm"), [
    ("A4", (210, 297)), ("B5", (176, 250)), ("16开", (185, 260)), ("大32开", (140, 203)),
    ("32开", (130, 184)), ("150x230", (150, 230))])
def test_trim_sizes_by_name_or_width_by_height(tmp_path, size, mm):
    root = make_book(tmp_path, {"a.md": "# 甲\n\n正文。\n"}, f'[book]\ntitle = "书"\n[pdf]\nsize = "{size}"\n')
    [output] = paiban.build(root, formats=["pdf"])
    page = PdfReader(output.path).pages[0]
    assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == mm


@pytest.mark.parametrize(("pdf", "bleed", "marks"), [
    ('bleed = "3mm"\nmarks = true', 3, True), ("marks = true", 0, True), ('bleed = "5mm"', 5, False)])
def test_press_boxes_are_the_trim_the_bleed_asked_for_and_a_slug_for_the_marks(tmp_path, pdf, bleed, marks):
    """WeasyPrint's crop marks ran from the media edge into the bleed (MediaBox = BleedBox, no slug),
    marks alone made up a 2.1 mm bleed, and a BleedBox was never more than 10 pt past the trim."""
    root = make_book(tmp_path, {"a.md": "# 甲\n\n正文。\n"}, f'[book]\ntitle = "书"\n[pdf]\n{pdf}\n')
    [output] = paiban.build(root, formats=["pdf"])
    pages = PdfReader(output.path).pages
    for page in pages:
        trim, bleed_box, media = ([float(v) / MM for v in box] for box in (page.trimbox, page.bleedbox, page.mediabox))
        assert trim == pytest.approx([0, 0, 148, 210], abs=0.01)
        assert bleed_box == pytest.approx([-bleed, -bleed, 148 + bleed, 210 + bleed], abs=0.01)
        slug = [bleed_box[0] - media[0], bleed_box[1] - media[1], media[2] - bleed_box[2], media[3] - bleed_box[3]]
        assert min(slug) > 3 if marks else slug == pytest.approx([0] * 4, abs=0.01)
    if marks:  # the top left corner of the half title, blank but for the marks
        margin = -float(pages[0].mediabox[0]) / MM  # from the media's edge to the trim
        ink = corner_ink(output.path, margin + 1)
        inside = round((margin - bleed) * DPI / 25.4)  # the bleed box's edge
        assert not ink.crop((inside, inside, *ink.size)).getbbox()  # nothing in the bleed (nor the trim)
        trim_line, edge = margin * DPI / 25.4, round(margin / 4 * DPI / 25.4)  # the media edge's strips: one mark each
        left, top = ink.crop((0, 0, edge, ink.height)).getbbox(), ink.crop((0, 0, ink.width, edge)).getbbox()
        assert (left[1] + left[3]) / 2 == pytest.approx(trim_line, abs=2)  # on the line of the trim's top
        assert (top[0] + top[2]) / 2 == pytest.approx(trim_line, abs=2)  # and of its left side


DPI = 300


def corner_ink(path, mm: float) -> Image.Image:
    """The top left ``mm`` × ``mm`` of the PDF's first page (from the media's corner) at DPI: ink white, paper black."""
    side = str(round(mm * DPI / 25.4))
    png = subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-x", "0", "-y", "0", "-W", side,
                          "-H", side, "-gray", "-png", str(path)], check=True, capture_output=True).stdout
    return Image.open(io.BytesIO(png)).convert("L").point(lambda v: 255 if v < 128 else 0)


def test_without_bleed_trim_box_is_the_page(tmp_path):
    root = make_book(tmp_path, {"a.md": "# 甲\n"}, '[book]\ntitle = "书"\n')
    page = PdfReader(paiban.build(root, formats=["pdf"])[0].path).pages[0]
    assert [round(float(v), 1) for v in page.trimbox] == [round(float(v), 1) for v in page.mediabox]


def test_pdf_a_2b_carries_its_identification(tmp_path):
    root = make_book(tmp_path, {"a.md": "# 甲\n\n正文。\n"}, '[book]\ntitle = "书"\n[pdf]\nvariant = "pdf/a-2b"\n')
    [output] = paiban.build(root, formats=["pdf"])
    metadata = PdfReader(output.path).xmp_metadata
    xml = metadata.stream.get_data().decode() if metadata else ""
    assert "pdfaid:part" in xml and re.search(r"pdfaid:part[^0-9]*2", xml)
    assert re.search(r"pdfaid:conformance[^A-Z]*B", xml)


def image_colour_spaces(path) -> list[str]:
    """The colour space of each image XObject of the PDF (its family, for an array: /ICCBased …)."""
    spaces = []
    for page in PdfReader(path).pages:
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Image":
                space = xobject["/ColorSpace"]
                spaces.append(str(space[0] if isinstance(space, list) else space))
    return spaces


@pytest.mark.parametrize("variant", ["pdf/a-2b", "pdf/a-3b"])
def test_a_pdf_a_shows_a_cmyk_picture_in_srgb(tmp_path, variant):
    """A CMYK JPEG was written as DeviceCMYK under PDF/A's sRGB output intent (ISO 19005-2 forbids it)."""
    picture = io.BytesIO()
    Image.new("CMYK", (300, 200), (0, 255, 255, 0)).save(picture, "JPEG")
    root = make_book(tmp_path, {"a.md": "# 甲\n\n![印刷图](press.jpg)\n", "press.jpg": picture.getvalue()},
                     f'[book]\ntitle = "书"\n[pdf]\nvariant = "{variant}"\n')
    [output] = paiban.build(root, formats=["pdf"])
    assert set(image_colour_spaces(output.path)) == {"/DeviceRGB"}
    assert red_box(output.path, next(number for number, text in enumerate(pdf_page_texts(output.path), 1)
                                     if "印刷图" in text)) is not None  # still red


@pytest.mark.parametrize("variant", ["pdf/a-2b", "pdf/a-3b"])
def test_a_pdf_as_pictures_and_their_masks_are_not_smoothed(tmp_path, variant):
    """Every picture was written /Interpolate true (WeasyPrint's image-rendering: auto), which PDF/A
    forbids: a validator refused every illustrated book. (Left as it is outside the variants.)"""
    picture = io.BytesIO()
    Image.new("RGBA", (60, 40), (200, 0, 0, 128)).save(picture, "PNG")  # its alpha a mask of its own
    files = {"a.md": "# 甲\n\n![半透明](half.png)\n", "half.png": picture.getvalue()}
    flags = []
    for toml in (f'[book]\ntitle = "书"\n[pdf]\nvariant = "{variant}"\n', '[book]\ntitle = "书"\n'):
        [output] = paiban.build(make_book(tmp_path / str(len(flags)), files, toml), formats=["pdf"])
        images = [xobject.get_object() for page in PdfReader(output.path).pages
                  for xobject in (page["/Resources"].get("/XObject") or {}).values()]
        flags.append({(key, image.get("/Interpolate") == True) for picture in images  # noqa: E712  (pypdf's BooleanObject)
                      for key, image in (("picture", picture), ("mask", picture.get("/SMask"))) if image is not None})
    assert flags == [{("picture", False), ("mask", False)}, {("picture", True), ("mask", True)}]


def test_pdf_is_tagged(tmp_path):
    root = make_book(tmp_path, {"a.md": "# 甲\n\n正文。\n"}, '[book]\ntitle = "书"\n')
    reader = PdfReader(paiban.build(root, formats=["pdf"])[0].path)
    assert "/StructTreeRoot" in reader.trailer["/Root"]


UNIVERSAL = '[book]\ntitle = "书"\n[pdf]\nvariant = "pdf/ua-1"\n'


def structure_elements(reader: PdfReader) -> list[dict]:
    """The PDF's structure elements, in the order they are read."""
    found, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"]["/K"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack += reversed(node)
        elif isinstance(node, dict) and "/S" in node:
            found.append(node)
            stack.append(node.get("/K", []))
    return found


def test_text_in_another_language_carries_its_language_in_the_pdfs_tags(tmp_path):
    """The catalogue's zh-Hans alone was written: no structure element had /Lang, so a screen reader
    read an English block in the Chinese voice (PDF/UA-1 7.2). An element says its language where it
    differs from its parent's, Chinese inside English too."""
    root = make_book(tmp_path, {"a.md": "# 甲\n\n中文。\n\n::: {lang=en}\nIn English, [auf Deutsch]{lang=de} "
                                        "and [中文]{lang=zh-Hans}.\n:::\n"}, UNIVERSAL)
    reader = PdfReader(paiban.build(root, formats=["pdf"])[0].path)
    assert [(element["/S"], element["/Lang"]) for element in structure_elements(reader) if "/Lang" in element] == [
        ("/Div", "en"), ("/Span", "de"), ("/Span", "zh-Hans")]


def test_each_links_annotation_is_described_by_the_links_text(tmp_path):
    """A link annotation's /Contents, its description for a screen reader (PDF/UA-1 7.18.5), was its
    target's id: each contents entry read "a1", three times (its title's, dot leader's and page
    number's annotations). Each is now the link's text; a picture's link, its alt text."""
    root = make_book(tmp_path, {"01-甲.md": "# 晨走\n\n正文。\n", "dot.png": claimed_png(4, 4),
                                "02-乙.md": "# 夜读\n\n见[下面一节](#night)。\n\n## 一节 {#night}\n\n"
                                            "[![一节的开头](dot.png)](#night)\n"}, UNIVERSAL)
    reader = PdfReader(paiban.build(root, formats=["pdf"])[0].path)
    described = [str(annotation.get_object()["/Contents"]) for page in reader.pages
                 for annotation in page.get("/Annots") or []]
    assert {text: described.count(text) for text in described} == {
        "书": 3, "晨走": 3, "夜读": 3,  # (the book's one chapter, its title)
        "下面一节": 2,  # (its last two characters, which end the paragraph before its 。, a box of their own)
        "一节的开头": 2}  # (the picture's box and its link's)


def test_a_cmyk_picture_in_a_book_in_black_ink_is_made_grey_through_its_own_profile(tmp_path):
    """A CMYK JPEG was made grey by Pillow's naive formula, its ICC profile ignored (as the PDF/A
    path does not): the press's cyan, a mid grey through its profile, printed as a light one."""
    from PIL import ImageCms

    cyan = Image.new("CMYK", (300, 200), (255, 0, 0, 0))
    picture = io.BytesIO()
    cyan.save(picture, "JPEG", quality=100, icc_profile=PRESS_PROFILE.read_bytes())
    root = make_book(tmp_path, {"pic.jpg": picture.getvalue(), "01/a.md": "# 甲\n\n正文。\n\n![图](../pic.jpg)\n"},
                     '[book]\ntitle = "书"\n[pdf]\ncolour = "black"\n')
    [output] = paiban.build(root, formats=["pdf"])
    [image] = next(page for page in PdfReader(output.path).pages if "正文" in page.extract_text()).images
    through_profile = ImageCms.profileToProfile(cyan, ImageCms.ImageCmsProfile(str(PRESS_PROFILE)),
                                                ImageCms.createProfile("sRGB"), outputMode="RGB").convert("L")
    assert abs(image.image.getpixel((0, 0)) - through_profile.getpixel((0, 0))) <= 3
    assert abs(image.image.getpixel((0, 0)) - cyan.convert("RGB").convert("L").getpixel((0, 0))) > 20


@pytest.mark.parametrize(("pdf", "message", "line"), [
    ('size = "A3b"', "unknown page size 'A3b'", 4),
    ('margins = { inner = "60mm", outer = "60mm" }', "too small a text block", 4),
    ('bleed = "20mm"', "more than a printer uses", 4),
    ('variant = "pdf/a-2b"\nmarks = true', "bleed and crop marks are for the press", 4),
    ('font-size = "10pt"\nsize = "0x0"', "has no area", 5),  # was the [pdf] line: too small a text block
    ('leading = 2.0\nsize = "20x30"', "too small a text block", 5),  # the margins scale with the size
    # the type size alone, or the leading alone, makes it too small: at its line, not the margins' (it was line 5)
    ('size = "32开"\nmargins = { top = "20mm", bottom = "22mm", inner = "22mm", outer = "16mm" }\nfont-size = "40pt"',
     "a font size of 40pt leaves too small a text block", 6),
    ('size = "105x120"\nmargins = { top = "20mm" }\nleading = 3.0', "a leading of 3 leaves too small a text block", 6),
    ('size = "10000x10000"', "larger than a PDF page can be", 4),
    ('bleed = "3mm"\nsize = "5078x300"', "with its bleed is larger than a PDF page can be", 5),
    ('marks = true\nsize = "5070x300"', "with crop marks is larger than a PDF page can be", 5),  # their slug
    ('bleed = "3mm"\nmarks = true\nsize = "5060x300"', "with its bleed and crop marks is larger", 6),
    ('variant = "pdf/a-2b"\ncolour = "black"', "pdf/a-2b cannot be printed in black ink alone", 5),
    ('font-size = "0pt"', "a font size of 0pt is too small to print", 4),  # was ZeroDivisionError, a traceback
    ('font-size = "4.5pt"', "a font size of 4.5pt is too small to print", 4),
    # too few lines, not characters: it said "(30 characters a line)", which were enough
    ('size = "A5"\nmargins = { top = "85mm", bottom = "85mm" }', "(6 lines a page: it must hold 12 characters", 5),
])
def test_invalid_page_options_are_clear_errors(tmp_path, pdf, message, line):
    make_book(tmp_path, {"a.md": "# 甲\n"}, f'[book]\ntitle = "书"\n[pdf]\n{pdf}\n')
    with pytest.raises(PaibanError) as caught:
        page_geometry(load_config(tmp_path))
    assert message in caught.value.message and caught.value.line == line


@pytest.mark.parametrize(("margins", "warned"), [
    ('{ top = "10mm", bottom = "10mm" }', ["top margin of 10 mm puts the running head 2.5 mm from the trim",
                                         "bottom margin of 10 mm puts the folio 1.2 mm from the trim"]),
    ('{ bottom = "7mm" }', ["bottom margin of 7 mm puts the folio off the page, where it is not printed"]),
    ('{ top = "11mm", bottom = "12mm" }', []),
])
def test_a_margin_too_small_for_the_running_head_or_folio_is_warned_of_at_its_line(tmp_path, caplog, margins, warned):
    """At 10 mm the folio printed 1.2 mm from the trim, where the guillotine cuts; at 7 mm it was not
    printed at all; the build said nothing. (The figures are the default theme's, measured.)"""
    make_book(tmp_path, {"a.md": "# 甲\n"}, f'[book]\ntitle = "书"\n[pdf]\nsize = "A5"\nmargins = {margins}\n')
    page_geometry(load_config(tmp_path))
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == len(warned) and all(f"book.toml:5: a {text}" in message
                                                for text, message in zip(warned, messages, strict=True))


@pytest.mark.parametrize(("size", "mm"), [("a5", (148, 210)), (" b5 ", (176, 250)), ("5080x300", (5080, 300))])
def test_trim_sizes_in_any_case_up_to_the_largest_pdf_page(tmp_path, size, mm):
    make_book(tmp_path, {}, f'[book]\ntitle = "书"\n[pdf]\nsize = "{size}"\n')
    page = page_geometry(load_config(tmp_path))
    assert (page.width, page.height) == mm


PDF_X = '[book]\ntitle = "书"\n[pdf]\nvariant = "pdf/x-4"\noutput-profile = "profiles/press.icc"\n'


def colour_operators(path) -> set[str]:
    """How each page's content sets its colours: rg/RG (device RGB), or a space's name before scn/SCN."""
    found = set()
    for page in PdfReader(path).pages:
        content = page.get_contents().get_data().decode("latin-1")
        found |= set(re.findall(r"(?<![\w/])(rg|RG|k|K)\n", content))
        found |= set(re.findall(r"/(\S+) (?:cs|CS)\n", content))
    return found


def test_pdf_x_4_prints_in_the_printers_cmyk_with_black_text_in_black_ink(tmp_path, caplog):
    """pdf/x-4 had no output intent and every colour in device RGB: body text was 0 0 0 rg, which
    a press prints as four-colour black."""
    picture = io.BytesIO()
    Image.new("RGB", (300, 200), "red").save(picture, "PNG")
    root = make_book(tmp_path, {"profiles/press.icc": PRESS_PROFILE.read_bytes(), "pic.png": picture.getvalue(),
                                "a.md": "# 甲\n\n正文[^1]。\n\n| 表 | 格 |\n|---|---|\n| 1 | 2 |\n\n![图](pic.png)\n\n"
                                        "[^1]: 注。\n"}, PDF_X)
    [output] = paiban.build(root, formats=["pdf"])
    reader = PdfReader(output.path)
    [intent] = reader.trailer["/Root"]["/OutputIntents"]
    assert intent["/S"] == "/GTS_PDFX" and intent["/DestOutputProfile"].get_object()["/N"] == 4
    assert colour_operators(output.path) == {"DeviceCMYK"}  # text, rules, the running heads' grey
    body = next(page for page in reader.pages if "正文" in page.extract_text())
    assert "/DeviceCMYK cs\n0 0 0 1 scn" in body.get_contents().get_data().decode("latin-1")
    assert any("pic.png: a picture in RGB in a PDF/X" in message for message in caplog.messages)


def test_a_book_in_black_ink_prints_every_colour_and_picture_in_black_ink_alone(tmp_path, caplog):
    """Every colour was device RGB, body text 0 0 0 rg and the red chapter number 0.545 0.102 0.102 rg,
    which a RIP prints in four inks: a one-colour press cannot print the book. And a picture converted
    as it was read was written from its file, unconverted."""
    picture = io.BytesIO()
    Image.new("RGB", (300, 200), "red").save(picture, "PNG")
    root = make_book(tmp_path, {"pic.png": picture.getvalue(), "01/a.md": "---\ncolumn: 专栏\n---\n# 甲\n\n"
                                "正文[^1]<mark>标</mark>。\n\n| 表 | 格 |\n|---|---|\n| 1 | 2 |\n\n"
                                "![图](../pic.png)\n\n[^1]: 注。\n"},
                     '[book]\ntitle = "书"\nchapter-numbers = true\n[pdf]\ncolour = "black"\n')
    [output] = paiban.build(root, formats=["pdf"])
    assert colour_operators(output.path) == {"DeviceCMYK"}  # text, rules, running heads, the UA's mark
    body = next(page for page in PdfReader(output.path).pages if "正文" in page.extract_text())
    content = body.get_contents().get_data().decode("latin-1")
    assert "/DeviceCMYK cs\n0 0 0 1 scn" in content  # body text
    assert "0 0 0 0.765 scn" in content  # the theme's red (#8b1a1a) chapter number and column, as grey ink
    assert set(re.findall(r"\n(\S+ \S+ \S+) \S+ (?:scn|SCN)\n", content)) == {"0 0 0"}  # no C, M or Y
    [image] = body.images
    assert image.image.mode == "L" and image.image.getpixel((0, 0)) == 76  # red's grey, not the file's red
    assert set(image_colour_spaces(output.path)) == {"/DeviceGray"}
    assert any("pic.png: a colour picture in a book printed in black ink" in message for message in caplog.messages)


@pytest.mark.parametrize(("pdf", "message", "line"), [
    ('variant = "pdf/x-4"', "pdf/x-4 needs the printer's CMYK output profile", 4),
    ('output-profile = "profiles/press.icc"', "is the printing condition of a PDF/X", 4),
    ('variant = "pdf/x-4"\noutput-profile = "press.icc"', "no file press.icc in the book", 5),
    ('variant = "pdf/x-4"\noutput-profile = "profiles/srgb.icc"', "is not a CMYK output (printer) ICC profile", 5),
    ('variant = "pdf/x-4"\noutput-profile = "../outside.icc"', "../outside.icc leads out of the book directory", 5),
    ('variant = "pdf/x-4"\noutput-profile = "link.icc"', "link.icc leads out of the book directory", 5),
])
def test_pdf_x_needs_a_cmyk_output_profile_from_the_book(tmp_path, pdf, message, line):
    """A profile linked from outside the book was "no file link.icc in the book", though it was there."""
    from PIL import ImageCms
    (tmp_path / "outside.icc").write_bytes(PRESS_PROFILE.read_bytes())
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    make_book(tmp_path / "book", {"profiles/press.icc": PRESS_PROFILE.read_bytes(), "profiles/srgb.icc": srgb},
              f'[book]\ntitle = "书"\n[pdf]\n{pdf}\n')
    os.symlink(tmp_path / "outside.icc", tmp_path / "book" / "link.icc")
    with pytest.raises(PaibanError) as caught:
        page_geometry(load_config(tmp_path / "book"))
    assert message in caught.value.message and caught.value.line == line


def test_a_missing_output_profile_is_told_to_come_from_the_printer(tmp_path):
    """The hint gave the missing path itself as its example, and said nothing of where a profile comes from."""
    make_book(tmp_path, {}, '[book]\ntitle = "书"\n[pdf]\nvariant = "pdf/x-4"\noutput-profile = "profiles/press.icc"\n')
    with pytest.raises(PaibanError) as caught:
        page_geometry(load_config(tmp_path))
    assert caught.value.hint.startswith("Ask the printer for the ICC profile of its press and paper")
    assert "put it in the book as profiles/press.icc" in caught.value.hint


def test_text_block_is_a_whole_number_of_characters(tmp_path):
    make_book(tmp_path, {}, '[book]\ntitle = "书"\n[pdf]\nsize = "16开"\nfont-size = "11pt"\n')
    page = page_geometry(load_config(tmp_path))
    em = 11 * 25.4 / 72
    assert page.text_width / em == pytest.approx(page.characters)
    assert page.outer < page.inner


def red_box(path, page: int) -> tuple[float, float, float, float] | None:
    """Where ``page`` (1-based) shows red, in points from the top left; None where it shows none."""
    png = subprocess.run(["pdftoppm", "-r", "72", "-f", str(page), "-l", str(page), "-png", str(path)],
                         check=True, capture_output=True).stdout
    red, green, _ = Image.open(io.BytesIO(png)).convert("RGB").split()
    mask = ImageChops.multiply(red.point(lambda v: 255 if v > 200 else 0), green.point(lambda v: 255 if v < 60 else 0))
    return mask.getbbox()


@pytest.mark.parametrize(("sized", "dpi"), [("", None), ("", 150), ("{width=400}", None)])
def test_a_tall_picture_stays_in_the_text_block_in_proportion_with_its_caption_on_its_page(tmp_path, sized, dpi):
    """A fixed 150 mm cap let a tall picture run into a 32开 page's bottom margin (its text block
    is 151 mm), and its caption went to the next page; so did a caption of two lines. A picture
    given a width, by its author or its dpi tag, kept it while its height was capped: squashed."""
    picture = io.BytesIO()
    Image.new("RGB", (1200, 3600), "red").save(picture, "PNG", **({"dpi": (dpi, dpi)} if dpi else {}))
    caption = "图1　很高的图，它的图注长得需要在版心里折成两行才排得下，看它是否与图同页"
    root = make_book(tmp_path, {"a.md": f"# 图\n\n正文。\n\n![高图](tall.png){sized}\n\n{caption}\n",
                                "tall.png": picture.getvalue()}, '[book]\ntitle = "书"\n[pdf]\nsize = "32开"\n')
    [output] = paiban.build(root, formats=["pdf"])
    page = page_geometry(load_config(root))
    number = next(number for number, text in enumerate(pdf_page_texts(output.path), 1) if "图1" in text)
    assert "看它是否与图同页" in pdf_page_texts(output.path)[number - 1]  # both lines of the caption
    box = red_box(output.path, number)
    assert box is not None  # the picture is on its caption's page
    assert box[1] >= page.top * MM - 1 and box[3] <= (page.height - page.bottom) * MM + 1
    assert (box[2] - box[0]) / (box[3] - box[1]) == pytest.approx(1 / 3, abs=0.02)  # not squashed


@pytest.mark.parametrize("before", [{"01-图录/01-青铜器.md": "# 青铜器\n\n本单元收录馆藏青铜器。\n"}, {}])
def test_an_entrys_heading_prints_on_its_pictures_page_not_alone_at_a_pages_foot(tmp_path, before):
    """A catalogue entry's heading right before a tall picture (135 mm at its 300 dpi) was left alone on
    a page under its article's title, the picture on the next: the picture was sized for the page
    alone. It is made as short as its headings need to share its page, its chapter's title too when
    the article opens the chapter (without the article before it)."""
    picture = io.BytesIO()
    Image.new("RGB", (800, 1600), "red").save(picture, "PNG", dpi=(300, 300))
    root = make_book(tmp_path, {**before,
                                "01-图录/02-陶瓷.md": "# 陶瓷\n\n## 第045号　三彩马\n\n![唐三彩马](../horse.png)\n\n"
                                                     "图45　三彩马\n\n三彩马釉色以黄、绿、白为主。\n",
                                "horse.png": picture.getvalue()})
    [output] = paiban.build(root, formats=["pdf"])
    texts = pdf_page_texts(output.path)
    number = next(number for number, text in enumerate(texts, 1) if "第045号" in text)
    assert red_box(output.path, number) is not None and "图45" in texts[number - 1]
    titles = {title: page for _, title, page in outline(output.path)}  # and the titles above it
    assert titles["陶瓷"] == number and (before or titles["图录"] == number)


def test_a_picture_opening_an_article_with_a_subtitle_prints_on_its_headers_page(tmp_path):
    """A page-tall picture first in an article is made as short as its header needs: its subtitle
    (——记……) uncounted, it went to the next page with the header, its chapter's title left alone."""
    plate = io.BytesIO()
    Image.new("RGB", (1748, 2480), "red").save(plate, "PNG", dpi=(300, 300))  # an A5 page
    subtitle = "——记青川市北坡小学语文教师、全市优秀乡村教师林秋和她的三十届学生"
    caption = "图1　林秋每天清晨六点站在学校门口，等着孩子们一个一个走进校园，三十年来从未间断过一天"
    root = make_book(tmp_path, {"a.md": f"---\ntitle: 扎根山村三十年的乡村教师\nsubtitle: {subtitle}\n"
                                        f"author: 孙浩\n---\n\n![学校门口](plate.png)\n\n{caption}\n\n清晨六点。\n",
                                "plate.png": plate.getvalue()})
    [output] = paiban.build(root, formats=["pdf"])
    number = next(number for number, text in enumerate(pdf_page_texts(output.path), 1) if "——记青川市" in text)
    assert red_box(output.path, number) is not None and "图1" in pdf_page_texts(output.path)[number - 1]
    titles = {title: page for _, title, page in outline(output.path)}
    assert titles["测试书"] == titles["扎根山村三十年的乡村教师"] == number


def test_a_caption_of_three_lines_prints_on_its_full_page_plates_page(tmp_path):
    """A plate the size of the page was sized for two lines of caption: a caption of three went to the
    next page, alone above the text after it. The picture is made as short as its caption's lines need."""
    plate = io.BytesIO()
    Image.new("RGB", (1748, 2480), "red").save(plate, "PNG", dpi=(300, 300))  # an A5 page
    caption = ("图版三　兽面纹鼎局部，可见云雷纹地与兽面的眉、目、鼻、角诸部分，线条深峻流畅，为商代晚期典型风格；"
               "器内壁铭文三字，锈蚀严重，此处据拓片补绘")
    root = make_book(tmp_path, {"a.md": f'# 图版\n\n以下图版据原器拍摄。\n\n![兽面纹鼎局部](plate.png "{caption}")\n\n'
                                        "此为图版后的正文。\n", "plate.png": plate.getvalue()})
    [output] = paiban.build(root, formats=["pdf"])
    texts = [re.sub(r"\s", "", text) for text in pdf_page_texts(output.path)]
    number = next(number for number, text in enumerate(texts, 1) if "图版三" in text)
    assert "此处据拓片补绘" in texts[number - 1] and red_box(output.path, number) is not None


@pytest.mark.parametrize("orientation", [6, 8])
def test_a_phones_portrait_photo_prints_upright_in_its_proportions(tmp_path, orientation):
    """A phone stores a portrait photo sideways, with an EXIF orientation that turns it. WeasyPrint
    prints it upright, but it was given the width of its stored shape (a landscape's: the text
    block's) and cut to the height allowed: a circle printed as an ellipse."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    photo = io.BytesIO()
    Image.new("RGB", (400, 200), "red").save(photo, "JPEG", exif=exif)  # shown 200×400
    root = make_book(tmp_path, {"a.md": "# 图\n\n正文。\n\n![竖拍](p.jpg)\n", "p.jpg": photo.getvalue()},
                     '[book]\ntitle = "书"\n')
    [output] = paiban.build(root, formats=["pdf"])
    number = next(number for number, text in enumerate(pdf_page_texts(output.path), 1) if "竖拍" in text)
    box = red_box(output.path, number)
    assert box is not None and (box[2] - box[0]) / (box[3] - box[1]) == pytest.approx(1 / 2, abs=0.02)


def test_a_long_block_set_flush_right_breaks_as_text_does(tmp_path):
    """A joint statement signed by twenty-two bodies, kept whole as a signature is, went whole to
    the next page and left most of the page before it empty."""
    paragraph = "我们倡议各单位共同努力，推动行业规范发展，加强自律，提升服务质量，维护消费者的合法权益，" \
                "营造良好的市场环境。" * 6
    signed = "\n\n".join(f"某某市第{n}行业协会" for n in range(1, 23))
    text = ("# 联合倡议书\n\n" + "\n\n".join([paragraph] * 6)
            + f"\n\n::: align-right\n{signed}\n\n二〇二四年三月一日\n:::\n")
    root = make_book(tmp_path, {"01/a.md": text}, '[book]\ntitle = "落款"\n')
    [output] = paiban.build(root, formats=["pdf"])
    pages = pdf_page_texts(output.path)
    first, last = (next(number for number, text in enumerate(pages) if words in text)
                   for words in ("某某市第1行业协会", "二〇二四年三月一日"))
    assert first < last  # it begins where the text leaves room, and goes on over the page


URL = "https://archive.example.org/collections/municipal-library/annual-reports/1958-2024/full-text/report.pdf?download=true"
LINKED = "https://example.com/another/very/long/url/with/many/segments/and/parameters?x=1&y=2"


def url_breaks(page: str, urls: list[str]) -> list[tuple[str, str]]:
    """Each place where a line of ``page`` ends inside one of ``urls``: its characters before and after it."""
    text = "\n".join(line.strip() for line in page.splitlines() if line.strip())
    breaks = []
    for url in urls:
        for match in re.finditer("\n?".join(map(re.escape, url)), text):
            lines = match[0].split("\n")
            breaks += [("".join(lines[:end]), "".join(lines[end:])) for end in range(1, len(lines))]
    return breaks


def assert_broken_where_it_reads_on(before: str, after: str) -> None:
    """A line ends in a URL only before . / ~ _ ? # % or a hyphen, or after , ; : = &, never after / or -."""
    assert after[0] in "./~_?#%-" or before[-1] in ",;:=&", (before, after)
    assert not before.endswith(("-", "/")), (before, after)


def test_a_long_url_breaks_in_print_only_where_it_reads_on(tmp_path):
    """The engine broke a URL after its / and ?, at its own hyphens (annual- / reports read as
    hyphenation), and left https:// alone at a line's end, that line spaced out to twice its width."""
    text = (f"# 网址\n\n这里的网址很长[^u]，请读者自行查阅 {URL} 的全文。\n\n"
            f"[^u]: 见 {URL}&format=pdf 以及 <{LINKED}>。\n")
    root = make_book(tmp_path, {"a.md": text}, '[book]\ntitle = "网址"\n[pdf]\nsize = "32开"\nfont-size = "9pt"\n')
    [output] = paiban.build(root, formats=["pdf"])
    [page] = [text for text in pdf_page_texts(output.path) if "的全文" in text]
    ends = url_breaks(page, [URL, LINKED])
    assert len(ends) >= 4  # the URLs are broken, three times each at least
    for before, after in ends:
        assert_broken_where_it_reads_on(before, after)
    assert URL in "".join(page.split()) and LINKED in "".join(page.split())
    targets = {annotation.get_object()["/A"].get("/URI") for page in PdfReader(output.path).pages
               for annotation in page.get("/Annots", []) if "/URI" in annotation.get_object().get("/A", {})}
    assert targets == {LINKED}  # each part of the link links to the whole address


HYPHENATED = "https://example.org/monograph/methods/quantitative-and-textual-analysis-of-salt-archives-in-qing-2024.html"
DOI = "https://doi.org/10.1234/abcd.2019.0001234567890"


def test_a_url_that_fits_a_line_and_a_long_run_of_hyphenated_words_break_only_where_they_read_on(tmp_path):
    """A monograph's DOI, shorter than a line, was left to the engine, which broke it after its / and
    its . (https://doi.org/ / 10.1234…, abcd. / 2019…); a URL's run of words joined by hyphens, too
    long to keep whole, broke after a hyphen (qing- / 2024), as a hyphenated word does. In the text,
    a note and a bibliography alike; the DOI is put at every place of a line's end."""
    dois = "\n\n".join(f"{'见' * lead}{DOI} 。" for lead in range(1, 25, 2))
    text = (f"# 网址\n\n方法见 {HYPHENATED} 。\n\n{dois}\n\n正文。[^d]\n\n::: bibliography\n"
            f"[1] 李晓岚. 近三十年盐业史研究述评[J/OL]. 虚构研究, 2018, 12(2): 101-118. {HYPHENATED}.\n\n"
            "[2] SMITH J A. Salt, Tax and Frontier Society[J]. Journal of Imaginary Asian Studies, 2019. "
            "DOI:10.1234/abcd.2019.0001234567890.\n:::\n\n以上。\n\n"
            f"[^d]: 此式参考了 Smith, J. A.（虚构）的模型，见 {DOI} 。\n")
    root = make_book(tmp_path, {"a.md": text}, '[book]\ntitle = "网址"\n')
    [output] = paiban.build(root, formats=["pdf"])
    page = "\n".join(pdf_page_texts(output.path))
    assert len(url_breaks(page, [DOI])) >= 3  # the DOI is broken, at several places
    assert len(url_breaks(page, [HYPHENATED])) >= 2  # and the hyphenated run, in the text and the entry
    for before, after in url_breaks(page, [DOI, HYPHENATED, DOI.removeprefix("https://doi.org/")]):
        assert_broken_where_it_reads_on(before, after)
    joined = "".join(page.split())
    assert joined.count(DOI) == 13 and joined.count(HYPHENATED) == 2


def test_figures_with_a_slash_between_them_are_never_cut_as_a_url_is(tmp_path):
    """A date range, a sum of fractions and a row of percentages (16 characters and more, a / in
    them) were cut as a URL is, where they fit a line too: 2024/05 / /01-2024/06/30, =77 / /60,
    12.5 / %/13.0%. Each is put at every place of a line's end: a date or a sum goes to the next
    line whole, and percentages break only after a / (as UAX #14 has it), never before a %."""
    date, fractions, percentages = "2024/05/01-2024/06/30", "1/2+1/3+1/4+1/5=77/60", "12.5%/13.0%/14.2%"
    runs = [date, fractions, percentages]
    text = "# 斜线\n\n" + "\n\n".join(f"{'这' * lead}{run}期间有效。" for run in runs for lead in range(14, 24))
    root = make_book(tmp_path, {"a.md": text}, '[book]\ntitle = "斜线"\n')
    [output] = paiban.build(root, formats=["pdf"])
    page = "\n".join(pdf_page_texts(output.path))
    assert url_breaks(page, [date, fractions]) == []
    assert all(before.endswith("/") for before, _ in url_breaks(page, [percentages]))
    assert all("".join(page.split()).count(run) == 10 for run in runs)


@pytest.mark.parametrize("length", [330, 360, 390])
def test_a_signature_set_flush_right_stays_whole_with_the_last_lines_it_signs(tmp_path, length):
    """A preface's 落款 (name, then date, in a ::: align-right block) was split: the name at one
    page's foot, the date alone on the next, a right-hand page, which cost a blank page before the
    contents too; at other lengths the whole signature went to a page without any of the text."""
    sentence = "编辑部的老周说，一本书的好坏，往往在第一次校样出来时就能看出七八分。"
    signature = "::: align-right\n测试编辑部\n\n2026年3月\n:::\n"
    preface = "\n\n".join([sentence * 3] * 9) + f"\n\n{'一' * length}。\n\n{signature}"
    root = make_book(tmp_path, {"01/a.md": "# 正文\n\n正文。\n", "前言.md": f"---\ntitle: 前言\n---\n\n{preface}"},
                     '[book]\ntitle = "落款"\npreface = "前言.md"\n')
    [output] = paiban.build(root, formats=["pdf"])
    [page] = [text for text in pdf_page_texts(output.path) if "2026年3月" in text]
    assert "测试编辑部" in page and "一一。" in page


@pytest.mark.parametrize("parenthetical", ["", '<p style="text-align: center">（低声）</p>\n\n'])
def test_a_plays_centred_cue_is_never_left_at_a_pages_foot(tmp_path, parenthetical):
    """A cue centred above its speech (a Word play's 老杨) was left alone at a page's foot, its
    speech on the next page, and so was a screenplay's cue with its parenthetical centred under it
    (苏晴, （抬头，愣住）), a run of centred lines. Speeches of one to six lines bring a cue to every
    place on the page: none ends a page. A signature centred under the text (name and date) stays
    with the text it signs."""
    play = "".join(f'<p style="text-align: center">{"老杨" if number % 2 else "过客"}</p>\n\n{parenthetical}'
                   f'{"说的话，" * (7 + 13 * (number % 6))}好。\n\n' for number in range(60))
    signature = "::: align-center\n测试剧社\n\n2026年3月\n:::\n"
    root = make_book(tmp_path, {"01/a.md": f"# 渡口\n\n{play}{'信的正文。' * 40}\n\n{signature}"},
                     '[book]\ntitle = "剧本"\n')
    [output] = paiban.build(root, formats=["pdf"])
    ends = [[line.strip() for line in text.splitlines() if line.strip()][-2] for text in pdf_page_texts(output.path)
            if "说的话" in text]
    assert len(ends) > 5 and not [end for end in ends if end in ("老杨", "过客", "（低声）")]
    [page] = [text for text in pdf_page_texts(output.path) if "2026年3月" in text]
    assert "测试剧社" in page and "信的正文。" in page


@pytest.mark.parametrize("pieced", [False, True])
@pytest.mark.parametrize(("size", "runs_on"), [("A5", False), ("90x130", True)])
def test_a_copyright_page_that_runs_on_to_the_next_page_is_a_warning(tmp_path, caplog, size, runs_on, pieced):
    """Its last lines went silently to the right-hand page where the contents should begin (laid
    out whole, or in pieces, where the front matter is a piece of its own)."""
    from test_pieces import render

    lines = (f"第{number}行：某某出版社，二〇二四年版，某某丛书。" for number in range(6))
    cip = "图书在版编目（CIP）数据\\n" + "\\n".join(lines)
    rights = "\\n".join(["责任编辑：某某", "开本：880毫米×1230毫米　1/32", "定价：39.00元", "版权所有　侵权必究"])
    root = make_book(tmp_path, {"01-甲/a.md": "# 题\n\n正文。\n", "02-乙/b.md": "# 题\n\n正文。\n"},
                     f'[book]\ntitle = "书"\ncip = "{cip}"\nrights = "{rights}"\nedition = "2024年6月第1版"\n'
                     f'[pdf]\nsize = "{size}"\n')
    render(root, tmp_path / "b.pdf", piece_characters=1 if pieced else 10**9)
    assert any("copyright page does not fit" in message for message in caplog.messages) == runs_on


@pytest.mark.parametrize("pdf", ['[pdf]\nbleed = "3mm"\n', ""])
def test_a_press_pdf_build_warns_of_a_picture_a_printer_rejects(tmp_path, caplog, pdf):
    """A picture a press PDF prints under 150 dpi (paiban check's error) was built without a word;
    a PDF for reading is not rejected by a printer, and says nothing of it."""
    root = make_book(tmp_path, {"a.md": "# 甲\n\n正文。\n\n![低](low.png)\n"},
                     '[book]\ntitle = "书"\npublisher = "社"\ndate = "2025"\nidentifier = "978-7-5321-0000-2"\n' + pdf)
    Image.new("RGB", (200, 120), "red").save(root / "low.png")
    paiban.build(root, formats=["pdf"])
    warned = [message for message in caplog.messages if "low.png" in message]
    assert warned == ([f"{root / 'a.md'}:5: image low.png prints at 96 dpi (200×120 px across 52.9 mm); print "
                       "wants 300, and a printer rejects one under 150 dpi (Supply it at least 625 px wide with "
                       'width="200" (CSS pixels) to keep its printed size, or print it smaller: width="64".)']
                      if pdf else [])


def test_a_build_warns_of_an_isbn_with_a_wrong_check_digit_at_its_line(tmp_path, caplog):
    """A mistyped ISBN (the book's, or an edition's own) was printed on the copyright page and
    put in the EPUB with no warning, though paiban check calls it an error."""
    root = make_book(tmp_path, {"a.md": "# 甲\n\n正文。\n"},
                     '[book]\ntitle = "书"\nidentifier = "978-7-5321-0000-1"\n[[editions]]\nname = "cn"\n'
                     '[[editions]]\nname = "tw"\nconvert = "s2tw"\nidentifier = "978-0-306-40615-0"\n')
    paiban.build(root, formats=["html"], editions=["cn"])
    assert [message for message in caplog.messages if "ISBN" in message] == [
        f"{root / 'book.toml'}:3: ISBN '978-7-5321-0000-1' has a wrong check digit: 1, not 2 (A digit was "
        "mistyped somewhere: check the ISBN against the publisher's record.)",
        f"{root / 'book.toml'}:9: ISBN '978-0-306-40615-0' has a wrong check digit: 0, not 7 (A digit was "
        "mistyped somewhere: check the ISBN against the publisher's record.)"]


def test_a_footnote_too_long_for_the_foot_of_a_page_is_printed_as_an_endnote_with_a_warning(tmp_path, caplog):
    """WeasyPrint never splits a note: one longer than a page vanished from the PDF, or came out
    pages after its call, above the page's top. Such a note ends its article instead.

    It keeps its number, starred: numbered apart (*1), it renumbered the notes after it in the PDF
    alone (the EPUB's 3 was the PDF's 2, and "see note 3" pointed at nothing)."""
    note = "这条注释引用了很多材料并逐条说明。" * 80  # 1,360 characters: more than a 32开 page holds
    root = make_book(tmp_path, {
        "01-长注.md": "# 长注\n\n短注在前[^0]。" + "正文第一段。" * 60 + "[^1]\n\n短注在此[^2]，长注再引[^1]。\n\n"
                      + "正文第二段。" * 40 + f"\n\n[^0]: 第一条短注。\n\n[^1]: 注文开头。{note}注文结尾。\n\n"
                      "[^2]: 一条短注。\n",
    }, '[book]\ntitle = "长注"\n[pdf]\nsize = "32开"\n')
    pdf, epub = paiban.build(root, formats=["pdf", "epub"])
    texts = pdf_page_texts(pdf.path)
    whole = re.sub(r"\s+", "", "".join(texts))
    assert "注文开头" in whole and "注文结尾" in whole and whole.count("逐条说明") == 80
    assert "短注在前1" in whole and "正文第一段。2*" in whole and "短注在此3，长注再引2*。" in whole
    assert "1.第一条短注" in whole and "3.一条短注" in whole  # the short notes stay footnotes
    assert re.search(r"2\*\.\s*注文开头", "".join(texts))
    assert re.findall(r'role="doc-noteref">(\d+)<', epub_chapter(epub.path)) == ["1", "2", "3", "2"]
    assert not overprinted(pdf.path)
    assert any("01-长注.md: footnote 2 (1370 characters)" in record.getMessage() and "endnote" in
               record.getMessage() for record in caplog.records)


def test_a_long_footnote_is_warned_of_once_however_many_editions_print_it(tmp_path, caplog):
    """Each edition's PDF moved the note to its article's end, and warned of it again."""
    root = make_book(tmp_path, {"01.md": "# 长注\n\n正文[^1]。\n\n[^1]: " + "很长的注文。" * 300 + "\n"},
                     '[book]\ntitle = "长注"\n[pdf]\nsize = "32开"\n[[editions]]\nname = "cn"\n'
                     '[[editions]]\nname = "tw"\nconvert = "s2tw"\n[[editions]]\nname = "hk"\nconvert = "s2hk"\n')
    outputs = paiban.build(root, formats=["pdf"])
    assert len(outputs) == 3
    assert len([message for message in caplog.messages if "footnote 1 (1800 characters)" in message]) == 1


def overprinted(pdf) -> list[int]:
    """The pages (from 1) where two of pdftotext's words overlap: text printed over text (a note
    set above the page's top ran over the running head and the lines below)."""
    layout = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for number, page in enumerate(layout.split("<page")[1:], 1):
        boxes = [tuple(map(float, box)) for box in re.findall(
            r'xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)"', page)]
        if any(min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1
               for index, a in enumerate(boxes) for b in boxes[index + 1:]):
            found.append(number)
    return found


# Chapters of so many articles: the first fills more than a page of the contents (the first page
# holds 24 entries), and the page after it would end with the fourth chapter's title and its first article.
_CHAPTER_SIZES = (40, 2, 2, 5, 4)


def test_the_contents_break_between_entries_and_keep_a_chapters_title_with_its_first_two(tmp_path):
    """print.css kept each entry whole, a chapter's with the list of its articles: a chapter of
    forty articles went to the next page, and 目录 stood alone on its own. The list breaks between
    entries; a chapter's title is never the last entry of a page, nor left there with one article."""
    root = make_book(tmp_path, {f"{chapter:02}-编{chapter}/{article:02}.md": f"# 编{chapter}篇{article}\n\n正文。\n"
                                for chapter, size in enumerate(_CHAPTER_SIZES, 1) for article in range(1, size + 1)},
                     '[book]\ntitle = "汇编"\n')
    [output] = paiban.build(root, formats=["pdf"])
    texts = pdf_page_texts(output.path)
    first = next(number for number, text in enumerate(texts) if re.search(r"目\s*录", text))
    heading, *after = [re.findall(r"^\s*(编\d+(?:篇\d+)?)\s*\.{4}", text, re.MULTILINE) for text in texts[first:]]
    assert heading[:2] == ["编1", "编1篇1"] and len(heading) > 20
    pages = [heading, *itertools.takewhile(bool, after)]
    assert sum(map(len, pages)) == len(_CHAPTER_SIZES) + sum(_CHAPTER_SIZES)
    assert not [entries for entries in pages[:-1] if "篇" not in entries[-1] or "篇" not in entries[-2]]

@pytest.mark.parametrize("pieced", [False, True])
def test_parts_are_listed_with_their_page_number_in_the_pdf_contents(tmp_path, pieced):
    """A part was listed with no leader and no folio, though its bookmark knew its page."""
    from test_pieces import render

    root = make_book(tmp_path, {"a/01.md": "# 甲\n\n甲文。\n", "a/02.md": "# 乙\n\n乙文。\n"}, """\
        [book]
        title = "书"
        [[parts]]
        title = "上编　山"
        [[parts.chapters]]
        title = "第一章　甲"
        articles = ["a/01.md"]
        [[parts]]
        title = "下编　水"
        [[parts.chapters]]
        title = "第二章　乙"
        articles = ["a/02.md"]
        """)
    render(root, tmp_path / "b.pdf", piece_characters=1 if pieced else 10**9)
    texts = pdf_page_texts(tmp_path / "b.pdf")
    contents = next(text for text in texts if re.search(r"目\s*录", text))
    first_body = next(number for number, text in enumerate(texts) if "上编" in text and text is not contents)
    pages = {title: page - first_body for _, title, page in outline(tmp_path / "b.pdf") if "编" in title}
    assert pages == {"上编　山": 1, "下编　水": pages["下编　水"]} and pages["下编　水"] > 1
    for title, page in pages.items():
        assert re.search(rf"{title.replace('　', ' +')} +\.+ *{page}$", contents, re.MULTILINE)


@pytest.mark.parametrize("pieced", [False, True])
def test_a_pdf_ending_on_a_right_hand_page_gets_a_blank_back_and_an_even_page_count(tmp_path, pieced):
    """Printers flag an odd page count. The blank carries no folio or running head."""
    from test_pieces import render

    root = make_book(tmp_path, {"01-甲/a.md": "# 甲\n\n甲文。\n", "02-乙/b.md": "# 乙\n\n乙文，最后一页。\n"})
    output = render(root, tmp_path / "b.pdf", piece_characters=1 if pieced else 10**9)
    texts = pdf_page_texts(output.path)
    assert len(texts) % 2 == 0 and output.pages == len(texts)
    assert not texts[-1].strip() and "最后一页" in texts[-2]
    reader = PdfReader(output.path)
    assert reader.page_labels[-1] == str(int(reader.page_labels[-2]) + 1)
    assert output.page_starts[-1].label == reader.page_labels[-2]  # the EPUB page-list ends at the text


LONG_TITLE = "关于一座城市的变迁以及生活在其中的普通人们在过去几十年里的种种经历与回忆"
LONG_BOOK_TITLE = "城市与人：一部关于街道、老房子和生活在其中的普通人们的几十年的口述历史"
STREETS = "城里的街道一年比一年宽，老房子一年比一年少。" * 120 + "\n"


def page_heads(texts: list[str]) -> list[tuple[str, str]]:
    """Each page's first two lines, as pdftotext reads them (spaces between characters dropped)."""
    lines = [[re.sub(r"\s+", "", line) for line in text.splitlines() if line.strip()] for text in texts]
    return [(found[0], found[1] if len(found) > 1 else "") for found in lines if found]


@pytest.mark.parametrize("pieced", [False, True])
def test_a_long_title_runs_as_a_one_line_head_shortened_or_as_its_running_title(tmp_path, pieced):
    """A title too long for one line of the running head wrapped, and the head grew down into the
    text. It is shortened to the head's measure (34 characters of 8pt on a 32开 page), or the
    publisher's running-title is the head; the opener, the contents and the bookmarks keep the title."""
    from test_pieces import render

    root = make_book(tmp_path, {"a/01.md": "# 文\n\n" + STREETS, "a/02.md": "# 篇\n\n" + STREETS}, f"""\
        [book]
        title = "{LONG_BOOK_TITLE}"
        [pdf]
        size = "32开"
        [[parts]]
        title = "上编"
        [[parts.chapters]]
        title = "{LONG_TITLE}"
        articles = ["a/01.md"]
        [[parts.chapters]]
        title = "城市记忆：{LONG_TITLE}"
        running-title = "城市记忆"
        articles = ["a/02.md"]
        """)
    render(root, tmp_path / "b.pdf", piece_characters=1 if pieced else 10**9)
    texts = pdf_page_texts(tmp_path / "b.pdf")
    heads = page_heads(texts)
    [head] = {first for first, _ in heads if first.endswith("……") and LONG_TITLE.startswith(first[:-2])}
    assert len(head) <= 34 < len(LONG_TITLE)
    [book_head] = {first for first, _ in heads if first.endswith("……") and LONG_BOOK_TITLE.startswith(first[:-2])}
    assert len(book_head) <= 34 < len(LONG_BOOK_TITLE)
    assert "城市记忆" in {first for first, _ in heads}
    for first, second in heads:  # one line: the text follows the head, not the rest of the title
        if first in (head, book_head, "城市记忆"):
            assert second in STREETS * 2
    assert LONG_TITLE in re.sub(r"\s+", "", next(text for text in texts if "上编" not in text
                                                   and re.sub(r"\s+", "", text).startswith(LONG_TITLE[:6])))
    contents = re.sub(r"\s+", "", next(text for text in texts if re.search(r"目\s*录", text)))
    assert LONG_TITLE in contents and f"城市记忆：{LONG_TITLE}" in contents
    assert {title for _, title, _ in outline(tmp_path / "b.pdf")} >= {LONG_TITLE, f"城市记忆：{LONG_TITLE}"}


def test_an_articles_running_title_heads_its_pages_where_its_title_would(tmp_path, caplog):
    """Front matter's running-title heads the pages of a chapter that holds the article of its own
    title; an article among others, whose chapter's title runs over it, is told so."""
    root = make_book(tmp_path, {
        f"01-{LONG_TITLE}/01.md": f"---\ntitle: {LONG_TITLE}\nrunning-title: 城市的变迁\n---\n\n" + STREETS,
        "02-杂篇/01.md": "---\ntitle: 甲\nrunning-title: 甲篇\n---\n\n甲文。\n", "02-杂篇/02.md": "# 乙\n\n乙文。\n",
    }, '[book]\ntitle = "书眉"\n[pdf]\nsize = "32开"\n')
    [output] = paiban.build(root, formats=["pdf"])
    heads = page_heads(pdf_page_texts(output.path))
    assert "城市的变迁" in {first for first, _ in heads}
    assert all(second in STREETS * 2 for first, second in heads if first == "城市的变迁")
    assert not any(first.startswith(LONG_TITLE[:10]) and first != LONG_TITLE[:len(first)] for first, _ in heads)
    assert any("02-杂篇" in message and "甲篇" in message and "is not printed" in message
               for message in caplog.messages)
