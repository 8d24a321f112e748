"""The print PDF, read back: page size, bookmarks, TOC numbers, openers, running heads, fonts, metadata."""

import io
import os
import re
import shutil
import subprocess
import sys
import threading
from itertools import pairwise
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from xml.etree import ElementTree

import pytest
from lxml import etree
from lxml import html as lxml_html
from PIL import Image
from pypdf import PdfReader

import paiban
from paiban.assemble import assemble
from paiban.config import load_config
from paiban.edition import fonts_for
from paiban.errors import PaibanError
from paiban.page import page_geometry
from paiban.render.svg import in_edition_fonts

from conftest import (PNG, REPO, SAMPLE_BOOK, SEED, epub_text, epubcheck_messages, made_font, make_book, outline,
                      pdf_fonts, pdf_page_texts, with_fonts_installed)

CLOSING = set("，。、；：？！」』）》〉】〕”’…")
OPENING = set("「『（《〈【〔“‘")
MM = 72 / 25.4


@pytest.fixture(scope="module")
def long_converted_pdf(tmp_path_factory):
    """A Taiwan edition of twelve chapters of news text: a few hundred lines to check."""
    root = tmp_path_factory.mktemp("long")
    seed = SEED.read_text(encoding="utf-8")
    make_book(root, {f"{n:02d}-第{n}章/a.txt": seed for n in range(1, 13)},
              '[book]\ntitle = "长书"\n')
    [output] = paiban.build(root, formats=["pdf"], convert="s2tw")
    return output.path


def line_edges(path) -> tuple[list[str], list[str]]:
    """The first and last character of every printed line: words grouped by their baseline.

    (pdftotext's own line finding splits a line where a narrowed mark shifts the glyphs.) Words
    within 4 pt of each other are on one line: a code word's box, in the mono face, sits a point
    or two off the text's.
    """
    import subprocess

    from lxml import etree

    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True).stdout
    starts, ends = [], []
    for page in etree.fromstring(xml).iter("{*}page"):
        rows: list[list[tuple[float, float, str]]] = []
        for word in sorted(page.iter("{*}word"), key=lambda word: float(word.get("yMax"))):
            y = float(word.get("yMax"))
            if not rows or y - rows[-1][0][0] > 4:
                rows.append([])
            rows[-1].append((y, float(word.get("xMin")), word.text or ""))
        for words in rows:
            line = "".join(text for _, _, text in sorted(words, key=lambda word: word[1])).strip()
            if line:
                starts.append(line[0])
                ends.append(line[-1])
    return starts, ends

A5 = (419.53, 595.28)  # points


def test_no_warnings_with_the_default_theme(sample):
    assert sample["warnings"] == []


def test_pages_are_a5(sample):
    reader = PdfReader(sample["pdf"])
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A5


def test_reported_page_count_is_the_real_one(sample):
    assert sample["pages"]["pdf"] == len(PdfReader(sample["pdf"]).pages)


def test_bookmarks_mirror_the_book(sample):
    marks = [(depth, title) for depth, title, _ in outline(sample["pdf"])]
    assert marks == [
        (1, "目录"),
        (1, "新闻样稿"), (2, "凝心聚力抓落实　砥砺奋进启新程"),
        (1, "使用指南"), (2, "paiban 是什么"), (2, "组织一本书"), (2, "繁简转换与输出"),
    ]


def test_bookmarks_point_at_the_pages_that_show_their_headings(sample):
    texts = pdf_page_texts(sample["pdf"])
    for _, title, page in outline(sample["pdf"]):
        assert re.sub(r"\s+", "", title) in re.sub(r"\s+", "", texts[page - 1]), (title, page)


def body_start(path) -> int:
    """The physical page where the body (folio 1) begins: the first chapter's bookmark."""
    return next(page for depth, title, page in outline(path) if depth == 1 and title != "目录")


def test_toc_numbers_equal_the_folios_of_the_pages_where_the_headings_are(sample):
    texts = pdf_page_texts(sample["pdf"])
    toc_page = next(i for i, text in enumerate(texts) if re.search(r"目\s*录", text))
    entries = re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", texts[toc_page], re.MULTILINE)
    offset = body_start(sample["pdf"]) - 1
    targets = {re.sub(r"\s+", "", title): page - offset for _, title, page in outline(sample["pdf"])}
    assert len(entries) == 6
    for entry, number in entries:
        # The title an entry begins with: the news article's names its reporter after it, who is not the book's author.
        title = max((title for title in targets if re.sub(r"\s+", "", entry).startswith(title)), key=len)
        assert targets[title] == int(number), entry


def test_every_chapter_opens_on_a_right_hand_page(sample):
    chapters = [page for depth, _, page in outline(sample["pdf"]) if depth == 1]
    assert chapters and all(page % 2 == 1 for page in chapters)


def test_page_before_a_chapter_that_is_blank_carries_no_folio_or_head(sample):
    texts = pdf_page_texts(sample["pdf"])
    blanks = [i for i, text in enumerate(texts) if not text.strip()]
    assert blanks, "the sample book has at least one blank verso"
    for index in blanks:
        assert (index + 1) % 2 == 0  # only left-hand pages are left blank


def test_running_heads_book_title_left_chapter_title_right(sample):
    texts = pdf_page_texts(sample["pdf"])
    openers = {page for depth, _, page in outline(sample["pdf"]) if depth == 1}
    body = [n for n in range(body_start(sample["pdf"]), len(texts) + 1)
            if n not in openers and texts[n - 1].strip()]
    assert len(body) > 5
    for number in body:
        head = texts[number - 1].strip().splitlines()[0]
        if number % 2 == 0:
            assert head.strip().startswith("排版入门"), (number, head)
        else:
            assert head.strip().endswith(("新闻样稿", "使用指南")), (number, head)


def test_a_line_break_in_the_title_breaks_the_title_pages_line_and_is_a_space_in_the_running_head(tmp_path):
    """The running head showed 春天的n故事: the title was quoted for CSS as JSON quotes it (\\n is an n in CSS)."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n" + "正文。" * 1500 + "\n"}, '[book]\ntitle = "春天的\\n故事"\n')
    [output] = paiban.build(root, formats=["pdf"])
    texts = pdf_page_texts(output.path)
    tops = [[line.strip() for line in page.splitlines()[:2]] for page in texts]
    assert ["春天的", "故事"] in tops  # the title page, broken as the cover breaks it
    assert PdfReader(output.path).metadata.title == "春天的 故事"  # the line break was the PDF's Title's
    heads = [text.strip().splitlines()[0] for number, text in enumerate(texts, 1)
             if number % 2 == 0 and number >= body_start(output.path) and text.strip()]
    assert heads and all(head.startswith("春天的 故事") for head in heads), heads


def test_body_folios_start_at_one_at_the_outside_edge(sample):
    texts = pdf_page_texts(sample["pdf"])
    start = body_start(sample["pdf"])
    for number in range(start, len(texts) + 1):
        if not texts[number - 1].strip():
            continue  # a blank verso: no folio
        line = texts[number - 1].rstrip().splitlines()[-1]
        folio = str(number - start + 1)
        assert line.strip() == folio, number
        # Outside edge: flush left on a left page, far right on a right page.
        assert line.startswith(folio) if number % 2 == 0 else line.startswith(" ")


def test_front_matter_is_numbered_in_roman_numerals(sample):
    texts = pdf_page_texts(sample["pdf"])
    toc = next(i for i, text in enumerate(texts) if re.search(r"目\s*录", text))
    assert texts[toc].rstrip().splitlines()[-1].strip() == ["i", "ii", "iii", "iv", "v", "vi", "vii"][toc]
    assert texts[0].split() == ["排版入门"]  # the half-title, no folio
    assert not texts[1].strip()  # its blank back


def test_the_viewers_page_numbers_are_the_folios(sample):
    """Without /PageLabels a viewer called the body's first page 9 and the contents' page 7."""
    labels = PdfReader(sample["pdf"]).page_labels
    lasts = {number: text.rstrip().splitlines()[-1].strip()
             for number, text in enumerate(pdf_page_texts(sample["pdf"])) if text.strip()}
    folios = {number: last for number, last in lasts.items() if re.fullmatch(r"\d+|[ivx]+", last)}
    assert len(folios) > 10
    assert {number: labels[number] for number in folios} == folios
    assert labels[:2] == ["i", "ii"] and labels[body_start(sample["pdf"]) - 1] == "1"


def test_all_fonts_are_embedded_noto_cjk_in_the_editions_region(sample):
    fonts = pdf_fonts(sample["pdf"])
    assert fonts and all(font["emb"] == "yes" for font in fonts)
    names = " ".join(font["name"] for font in fonts)
    assert "Noto-Serif-CJK-SC" in names and "Noto-Sans-CJK-SC" in names
    # (The guide quotes 軟體 in a zh-Hant-TW span: drawn in TC, as its lang says; nothing else is.)
    assert "DejaVu" not in names and "-HK" not in names


@pytest.mark.parametrize(("edition", "region"), [("tw", "TC"), ("hk", "HK")])
def test_traditional_editions_use_their_regions_fonts(sample, edition, region):
    fonts = pdf_fonts(sample[f"{edition}-pdf"])
    names = " ".join(font["name"] for font in fonts)
    assert f"Noto-Serif-CJK-{region}" in names and f"Noto-Sans-CJK-{region}" in names
    # (The guide shows the mainland's quote marks in no-convert spans, kept in the source's script
    # and drawn in SC, as their lang says; the Serif SC alone, for those marks.)
    assert "Sans-CJK-SC" not in names and all(font["emb"] == "yes" for font in fonts)


def test_pdf_metadata_title_author_language(sample):
    reader = PdfReader(sample["pdf"])
    assert reader.metadata.title == "排版入门"
    assert reader.metadata.author == "paiban 编辑部"
    assert reader.trailer["/Root"]["/Lang"] == "zh-Hans"
    tw = PdfReader(sample["tw-pdf"])
    assert tw.metadata.title == "排版入門" and tw.trailer["/Root"]["/Lang"] == "zh-Hant-TW"


def test_the_pdfs_metadata_has_the_publisher_rights_subjects_and_an_edited_books_editors(tmp_path):
    """The README calls publisher and rights (an edition's own too) metadata of the PDF: the PDF had
    neither, nor the subjects, and a book with editors alone had no Author, where its EPUB lists them."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"},
                     '[book]\ntitle = "文集"\neditors = ["甲", "乙"]\npublisher = "山水出版社"\nrights = "版权所有"\n'
                     'subjects = ["散文", "随笔"]\n[[editions]]\nname = "cn"\n[[editions]]\nname = "tw"\n'
                     'convert = "s2tw"\npublisher = "臺北某出版社"\nrights = ""\n')
    info = {output.edition: PdfReader(output.path).metadata for output in paiban.build(root, formats=["pdf"])}
    assert {key: info["cn"].get(key) for key in ("/Author", "/Keywords", "/Publisher", "/Rights")} == {
        "/Author": "甲, 乙", "/Keywords": "散文, 随笔", "/Publisher": "山水出版社", "/Rights": "版权所有"}
    assert (info["tw"]["/Publisher"], info["tw"].get("/Rights")) == ("臺北某出版社", None)


def test_text_is_justified_with_a_two_em_indent(sample):
    texts = pdf_page_texts(sample["pdf"])
    page = texts[body_start(sample["pdf"])]  # the page after the opener: continuous text
    lines = [line for line in page.splitlines()[1:-1] if line.strip()]
    starts = {len(line) - len(line.lstrip()) for line in lines}
    assert len(starts) == 2  # flush lines and first lines indented by the same amount


def test_no_paragraph_ends_on_a_line_of_one_character(sample):
    """孤字: a paragraph's (or list item's) last line holding one Chinese character, like 篮。
    (the sample book had seven)."""
    han = re.compile(r"[\u3400-\u9fff]")
    lone = []
    for page in pdf_page_texts(sample["pdf"]):
        lines = [line.strip() for line in page.splitlines()]
        lone += [line for before, line in zip(lines, lines[1:], strict=False)
                 if len(han.findall(line)) == 1 and len(line) <= 4 and len(han.findall(before)) > 10]
    assert lone == []


@pytest.fixture(scope="module")
def glossary(tmp_path_factory):
    """A term list written as a definition list, its terms falling all down the pages; each
    definition ends in a link to another term, then 。"""
    terms = [f"{head}{kind}" for head in ("数据帧", "缓冲区", "字节序", "链路层", "滤波器", "信噪比", "哈希表", "带宽")
             for kind in ("", "模型", "算法", "分析", "接口")]
    pad = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"  # (each definition a character longer than the one before)
    entries = [f"**{term}** tx{n}\n:   〈名〉❶{term}是一种用于处理信号或数据的结构或方法，泛指与之相关的技术，"
               f"{pad[:n % 23]}。参见→[缓冲区接口](#t)。\n" for n, term in enumerate(terms)]
    root = make_book(tmp_path_factory.mktemp("glossary"), {"a.md": "# 术语表\n\n[]{#t}\n\n" + "\n".join(entries)})
    [output] = paiban.build(root, formats=["pdf"])
    return pdf_page_texts(output.path)[body_start(output.path):]


def test_a_term_is_never_left_at_the_foot_of_a_page_without_its_definition(glossary):
    lasts = [[line for line in page.splitlines() if line.strip()][-2] for page in glossary[:-1]]  # (before the folio)
    assert [line for line in lasts if re.search(r" tx\d+$", line)] == []


def test_no_definition_ends_on_a_line_of_one_character(glossary):
    """Nor one that ends in a link and a mark (参见→缓冲区接 / 口。)."""
    lines = [line.strip() for page in glossary for line in page.splitlines()]
    assert [line for line in lines if re.fullmatch(r"[\u3400-\u9fff][。，]", line)] == []


def test_an_articles_title_and_byline_are_never_left_at_the_foot_of_a_page(tmp_path):
    """Articles of one to five paragraphs, one after another: their headers fall all down the page."""
    paragraph = "编辑在校样上补写的一段文字，用来把页面推到合适的位置。" * 3
    make_book(tmp_path, {f"01-一/{n:02d}.md": f"---\ntitle: 标题{n}\nauthor: 作者{n}号\n---\n\n正文{n}起。"
                         + "\n\n".join([paragraph] * (1 + n % 5)) for n in range(24)})
    [output] = paiban.build(tmp_path, formats=["pdf"])
    pages = pdf_page_texts(output.path)[body_start(output.path) - 1:]  # the contents name the authors too
    stranded = [n for n in range(24) for page in pages if f"作者{n}号" in page and f"正文{n}起" not in page]
    assert stranded == []


def test_a_byline_too_long_for_a_line_is_ragged_and_its_second_line_starts_at_the_margin(tmp_path):
    """A translated piece's byline (author and translator, date, source) was justified: its first
    line's letters were spread across the measure (［ 英 ］ 艾 德 温·柯 林 斯), and its second line, the
    source, began 1em in, its part's space before it."""
    text = ("---\ntitle: 灯塔守望者\nauthor: ［英］艾德温·柯林斯 著　余晓帆 译\ndate: 2018-04\n"
            "source: 《海风季刊》2018年春季号\n---\n\n老汤姆在岬角上守了四十年灯塔。\n")
    [output] = paiban.build(make_book(tmp_path, {"a.md": text}), formats=["pdf"])
    words = words_on(output.path, last_text_page_number(output.path))
    author, source = words.get("［英］艾德温·柯林斯"), words.get("来源：《海风季刊》2018年春季号")
    assert author and source and round(author[0], 1) == round(source[0], 1), sorted(words)


def test_no_line_starts_with_the_space_before_a_latin_word(tmp_path):
    """Spaces between Chinese and Latin text are ordinary spaces, dropped where a line breaks: a
    fixed-width gap box (the way before) started a line a quarter em in from the margin."""
    import subprocess


    words = ["文件", "paiban", "排版", "build", "命令", "EPUB", "电子书", "3.2", "版本", "PDF"]
    text = " ".join(words * 30)  # 文件 paiban 排版 build …: a space on each side of every Latin word
    root = make_book(tmp_path, {"a.md": f"# 题\n\n{text}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    xml = subprocess.run(["pdftotext", "-bbox", str(output.path), "-"], capture_output=True, check=True).stdout
    page = last_text_page(xml)  # the article's text
    lines: dict[int, float] = {}
    for word in page.iter("{*}word"):
        y = round(float(word.get("yMax")) / 4)  # a line's words within 4 pt
        lines[y] = min(lines.get(y, 1e9), float(word.get("xMin")))
    margin = min(lines.values())
    offsets = {round(x - margin, 1) for x in lines.values() if x - margin < 30}  # not the folio
    assert offsets <= {0.0, 21.0}, offsets  # at the margin, or a first line's 2em indent (10.5 pt)


def test_a_poem_is_set_line_by_line_as_indented_with_a_blank_line_between_stanzas(tmp_path):
    """Verse was set as prose: each stanza's first line indented 2em, its written indent trimmed,
    and no space between stanzas."""
    poem = "::: poem\n甲甲甲，\n乙乙乙。\n\n\u3000\u3000丙丙丙，\n\u3000\u3000丁丁丁。\n:::\n"
    root = make_book(tmp_path, {"a.md": "# 诗\n\n" + poem})
    [output] = paiban.build(root, formats=["pdf"])
    xml = subprocess.run(["pdftotext", "-bbox", str(output.path), "-"], capture_output=True, check=True).stdout
    page = last_text_page(xml)
    at = {word.text[0]: (float(word.get("xMin")), float(word.get("yMin"))) for word in page.iter("{*}word")
          if word.text[0] in "甲乙丙丁"}
    assert at["甲"][0] == at["乙"][0]  # no first-line indent
    assert round(at["丙"][0] - at["甲"][0], 1) == round(at["丁"][0] - at["甲"][0], 1) == 21.0  # 　　, as written
    line = at["乙"][1] - at["甲"][1]
    assert round(at["丙"][1] - at["乙"][1], 1) == round(2 * line, 1)  # a blank line between the stanzas


def test_options_lined_up_with_tab_keep_a_gap_of_two_characters(tmp_path):
    """A tab was set as a word space: A．N B．Pa, N B reading as one word."""
    root = make_book(tmp_path, {"a.md": "# 题\n\nA．N\tB．Pa\tC．kg\tD．J\n\nName:\tJohn\n"})
    [output] = paiban.build(root, formats=["pdf"])
    xml = subprocess.run(["pdftotext", "-bbox", str(output.path), "-"], capture_output=True, check=True).stdout
    words = {word.text: word for word in last_text_page(xml).iter("{*}word")}
    for before, after in (("A．N", "B．Pa"), ("Name:", "John")):
        assert round(float(words[after].get("xMin")) - float(words[before].get("xMax"))) == 21  # 2em of 10.5 pt


def test_a_poem_is_parted_from_the_poems_and_the_prose_around_it_by_a_blank_line(tmp_path):
    """Two poems in a row were set with no space between them and read as one poem of eight lines,
    more bound together than two stanzas of one poem; a poem touched the prose before and after it.
    Under a heading it keeps the heading's own space, as a paragraph does."""
    def poem(character: str) -> str:
        return f"::: poem\n{character * 3}，\n{character * 3}。\n:::\n\n"
    text = (f"# 诗\n\n甲甲甲。\n\n{poem('乙')}{poem('丙')}丁丁丁。\n\n"
            f"## 一节\n\n{poem('戊')}## 二节\n\n己己己。\n")
    [output] = paiban.build(make_book(tmp_path, {"a.md": text}), formats=["pdf"])
    xml = subprocess.run(["pdftotext", "-bbox", str(output.path), "-"], capture_output=True, check=True).stdout
    tops: dict[str, list[float]] = {}  # each line's top, by its first character
    for word in last_text_page(xml).iter("{*}word"):
        tops.setdefault(word.text[0], []).append(float(word.get("yMin")))
    line = tops["乙"][1] - tops["乙"][0]
    assert [round(after[0] - before[-1], 1) for before, after in pairwise(
        [tops["甲"], tops["乙"], tops["丙"], tops["丁"]])] == [round(2 * line, 1)] * 3  # a blank line between
    assert round(tops["戊"][0] - tops["一"][0], 1) == round(tops["己"][0] - tops["二"][0], 1)


def _line_offsets(pdf) -> list[float]:
    """Where each line of the PDF's last page of text begins, from the text's margin, top to
    bottom, the folio left out."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    starts: dict[float, float] = {}  # each line's top → where its first word begins
    for word in last_text_page(xml).iter("{*}word"):
        starts[round(float(word.get("yMin")))] = min(starts.get(round(float(word.get("yMin"))), 1e9),
                                                    float(word.get("xMin")))
    margin = min(starts.values())
    return [round(x - margin, 1) for _, x in sorted(starts.items())][:-1]


def test_a_long_verse_lines_turnover_hangs_two_ems_past_where_the_line_begins(tmp_path):
    """Its turnover went back to the margin and read as a new line, even under a line indented 4em."""
    long = "一二三四五六七八九十" * 5
    poem = f"::: poem\n甲甲甲，\n{long}\n\u3000\u3000{long.replace('一', '丙')}\n:::\n"
    [output] = paiban.build(make_book(tmp_path, {"a.md": "# 诗\n\n" + poem}), formats=["pdf"])
    offsets = _line_offsets(output.path)
    em = 10.5
    # 甲, the line, its turnover, 　　丙…, its turnover
    assert offsets[-5:] == [0.0, 0.0, 2 * em, 2 * em, 4 * em], offsets


def test_a_verse_line_indented_past_eight_full_width_spaces_hangs_past_them_too(tmp_path):
    """The hang's classes stopped at 8: a line indented by 12 had its turnover at 10em, left of its start."""
    poem = "::: poem\n甲甲甲，\n" + "\u3000" * 12 + "一二三四五六七八九十" * 3 + "\n:::\n"
    [output] = paiban.build(make_book(tmp_path, {"a.md": "# 诗\n\n" + poem}), formats=["pdf"])
    offsets = _line_offsets(output.path)
    em = 10.5
    assert offsets[-3:] == [0.0, 12 * em, 14 * em], offsets  # 甲, the line, its turnover


def test_a_stanza_keeps_two_lines_on_either_side_of_a_page_break(tmp_path):
    """A stanza's lines are blocks of their own (for their hang): its first line was left alone at
    a page's foot, its last alone at the next page's head."""
    stanzas = "\n\n".join("\n".join(f"第{stanza}节第{line}行" for line in range(1, 6)) for stanza in range(1, 40))
    root = make_book(tmp_path, {"a.md": f"# 诗\n\n前言。\n\n::: poem\n{stanzas}\n:::\n"})
    [output] = paiban.build(root, formats=["pdf"])
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(output.path)], capture_output=True,
                                                               text=True, check=True).stdout)[1])
    broken = 0
    for page in range(1, pages + 1):
        lines = re.findall(r"第\d+节第(\d)行", subprocess.run(["pdftotext", "-f", str(page), "-l", str(page),
                                                                str(output.path), "-"], capture_output=True,
                                                               text=True, check=True).stdout)
        if lines:
            assert lines[0] not in "25" and lines[-1] not in "14", (page, lines)
            broken += lines[0] in "34"
    assert broken  # a stanza was broken across pages, two lines each side


def test_a_poem_closing_on_a_one_line_stanza_is_kept_whole_on_the_page_it_fits(tmp_path):
    """A one-line stanza's line, first and last of it, was kept with the next poem's title: the poem,
    which fitted its page, was broken inside its twelve-line stanza, a third of the page left blank."""
    stanza = "\n".join("\u3000" * line + f"落叶第{line + 1}行" for line in range(12))
    long = "我曾经在一列从北方开往南方的绿皮火车上坐了整整三十六个小时，看着窗外的平原、丘陵和河流一一退后，"
    root = make_book(tmp_path, {"01-下落.md": f"# 下落\n\n::: poem\n{stanza}\n\n最后一行，单独成节。\n:::\n",
                                "02-长句子.md": "# 长句子\n\n::: poem\n" + "\n".join([long] * 4) + "\n:::\n"},
                     '[book]\ntitle = "测试书"\n[pdf]\nsize = "大32开"\n')
    [output] = paiban.build(root, formats=["pdf"])
    [page] = [text for text in pdf_page_texts(output.path) if "落叶第1行" in text]
    assert "落叶第12行" in page and "最后一行" in page, page


def test_a_poems_closing_line_of_its_own_is_never_alone_at_a_pages_head(tmp_path):
    """A one-line stanza keeps no line with it (above), but a poem's last line is kept with the line
    before it: a page does not open on it, the next poem's title under it."""
    poems = "\n\n".join("::: poem\n" + "\n".join(f"第{poem}首第{line}行" for line in range(1, 7))
                         + f"\n\n第{poem}首终\n:::" for poem in range(1, 5))  # 第2首终 fell at page 2's head
    [output] = paiban.build(make_book(tmp_path, {"a.md": f"# 诗\n\n{poems}\n"}), formats=["pdf"])
    heads = [re.findall(r"第\d+首(?:第\d+行|终)", text)[:1] for text in pdf_page_texts(output.path)]
    assert [head[0] for head in heads if head][1:] == ["第2首第5行"], heads


def test_verse_broken_with_br_outside_a_poem_block_sets_every_line_at_the_margin(tmp_path):
    """A web page's or a Word document's verse, its lines broken with <br>, was set as prose: the
    first line indented 2em, the others at the margin, like a staircase."""
    root = make_book(tmp_path, {"a.html": "<h1>诗</h1><p>甲甲甲，<br>乙乙乙。<br>丙丙丙，<br>丁丁丁。</p>"})
    [output] = paiban.build(root, formats=["pdf"])
    xml = subprocess.run(["pdftotext", "-bbox", str(output.path), "-"], capture_output=True, check=True).stdout
    page = last_text_page(xml)
    at = {word.text[0]: float(word.get("xMin")) for word in page.iter("{*}word") if word.text[0] in "甲乙丙丁"}
    assert len(set(at.values())) == 1, at


def test_a_signature_is_set_flush_right_and_a_scene_break_centred(tmp_path):
    """A preface's 落款 and a centred ＊　＊　＊ were set as ordinary paragraphs, indented 2em."""
    text = ("# 后记\n\n这本书写了很多年，终于可以交给读者了。感谢所有帮助过我的朋友，还有我的家人。\n\n"
            "::: align-center\n甲乙\n:::\n\n::: align-right\n山人\n\n二〇二四年春于山居\n:::\n")
    [output] = paiban.build(make_book(tmp_path, {"a.md": text}), formats=["pdf"])
    pages = last_text_page_number(output.path)
    words = words_on(output.path, pages)
    first_line = next(edges for word, edges in words.items() if word.startswith("这本书"))
    left, right = first_line[0] - 21.0, first_line[1]  # its start less the 2em indent; a full line's end
    assert round(words["山人"][1], 1) == round(words["二〇二四年春于山居"][1], 1) == round(right, 1)
    middle = sum(words["甲乙"]) / 2
    assert abs(middle - (left + right) / 2) < 1, (middle, left, right)


def test_a_txt_letter_is_printed_as_a_chinese_letter_is_set(tmp_path):
    """A scraped .txt letter: its salutation had the 2em indent, its 此致 was a bold subheading
    and the signature pushed right with full-width spaces was printed at the paragraph indent.
    Now the salutation is at the margin, 此致 indented and 敬礼！ under it at the margin, the
    signature flush right."""
    pushed = "\u3000" * 16
    text = ("致老周\n\n老周：\n\n\u3000\u3000来信收悉。你托我找的书已经找到了，过几天寄给你。路上多保重，"
            "有空来家里坐坐，我们再好好聊一聊。\n\n\u3000\u3000此致\n敬礼！\n\n"
            f"{pushed}秋白\n{pushed}一九九〇年五月四日\n")
    [output] = paiban.build(make_book(tmp_path, {"a.txt": text}), formats=["pdf"])
    words = words_on(output.path, last_text_page_number(output.path))
    first_line = next(edges for word, edges in words.items() if word.startswith("来信收悉"))
    left, right = first_line[0] - 21.0, first_line[1]  # its start less the 2em indent; a full line's end
    assert round(words["老周："][0], 1) == round(words["敬礼！"][0], 1) == round(left, 1), words
    assert round(words["此致"][0], 1) == round(first_line[0], 1), words
    assert round(words["秋白"][1], 1) == round(words["一九九〇年五月四日"][1], 1) == round(right, 1), words


def test_a_signature_of_two_lines_broken_with_a_line_break_stays_flush_right(tmp_path):
    """A 落款 whose lines were broken with Shift+Enter or a hard break was taken for a poem and set
    at the left margin: the poem's text-align:start outweighed the alignment."""
    text = ("# 后记\n\n这本书写了很多年，终于可以交给读者了。感谢所有帮助过我的朋友，还有我的家人。\n\n"
            "::: align-right\n山人  \n二〇二四年春于山居\n:::\n")
    [output] = paiban.build(make_book(tmp_path, {"a.md": text}), formats=["pdf"])
    pages = last_text_page_number(output.path)
    words = words_on(output.path, pages)
    right = next(edges for word, edges in words.items() if word.startswith("这本书"))[1]
    assert round(words["山人"][1], 1) == round(words["二〇二四年春于山居"][1], 1) == round(right, 1), words


def test_a_web_pages_signature_of_two_lines_set_flush_right_stays_so_in_the_epub_and_the_pdf(tmp_path):
    """trafilatura, extracting the article from the page's navigation and footer, kept no
    attribute: the signature lost its alignment, and its two short lines were set as a poem."""
    text = "这本书写了很多年，终于可以交给读者了。感谢所有帮助过我的朋友，还有我的家人，他们一直支持我。"
    page = (f'<html><head><title>后记</title></head><body><div class="nav"><a href="/">首页</a></div><article>'
            f'<h1>后记</h1><p>{text}</p><p>第二段，{text}</p><p style="text-align:right">张三<br>2024年5月</p>'
            '</article><div class="footer">关于我们</div></body></html>')
    outputs = {output.path.suffix: output.path for output in
               paiban.build(make_book(tmp_path, {"a.html": page}), formats=["epub", "pdf"])}
    assert '<p class="align-right">张三<br/>2024年5月</p>' in epub_text(outputs[".epub"])
    assert epubcheck_messages(outputs[".epub"]) == []
    pages = last_text_page_number(outputs[".pdf"])
    words = words_on(outputs[".pdf"], pages)
    right = next(edges for word, edges in words.items() if word.startswith("这本书"))[1]
    assert round(words["张三"][1], 1) == round(words["2024年5月"][1], 1) == round(right, 1), words


def test_short_code_is_never_broken_after_its_hyphen(sample):
    """zh- / Hans, -- / output, {.no- / convert}: read as hyphenation (the sample book had three)."""
    ends = [line.rstrip() for page in pdf_page_texts(sample["pdf"]) for line in page.splitlines()]
    assert [line for line in ends if re.search(r"[A-Za-z0-9.-]-$", line)] == []


def test_longer_code_breaks_after_its_bracket_rather_than_leave_a_loose_line(tmp_path):
    """`[原文]{.no-convert}` was kept whole: pushed to the next line, it left about half an em
    between the characters of the line before it (the sample book, p. 14). It breaks after its ]
    now, in the EPUB too (a <wbr> between parts that stay whole), and never after its hyphen. (The
    mark after it, which may not begin a line, is what pushed it whole.)"""
    article = "# 题\n\n" + "文" * 8 + "，在 Markdown 里写成 `[原文]{.no-convert}`，整段则用别的写法包起来。\n"
    outputs = {output.path.suffix: output.path for output in
               paiban.build(make_book(tmp_path, {"a.md": article}), formats=["epub", "pdf"])}
    lines = [line.strip() for page in pdf_page_texts(outputs[".pdf"]) for line in page.splitlines() if line.strip()]
    after = next(n for n, line in enumerate(lines) if line.startswith("{.no-convert}"))
    assert re.sub(r"\s", "", lines[after - 1]).endswith("写成[原文]"), lines
    parts = '<code class="keep">[原文]</code><wbr/><code class="keep">{.no-convert}</code>'
    assert parts in epub_text(outputs[".epub"])


def test_a_windows_path_in_code_breaks_before_a_backslash_not_only_after_its_drive(tmp_path):
    r"""`C:\Users\zhang\AppData\Local\Programs\Python` could break only after its C:: the line before
    it ended in C: and was spread to about an em between its characters. It breaks before a
    backslash now, the line before it holding the path's first folders."""
    article = "# 题\n\n如果你使用Windows，请打开 `C:\\Users\\zhang\\AppData\\Local\\Programs\\Python`，确认目录存在。\n"
    [output] = paiban.build(make_book(tmp_path, {"a.md": article}), formats=["pdf"])
    lines = [re.sub(r"\s", "", line) for page in pdf_page_texts(output.path) for line in page.splitlines()]
    first = next(line for line in lines if line.startswith("如果"))
    assert "C:\\Users" in first, lines
    assert any(line.startswith("\\") and line.endswith("确认目录存在。") for line in lines), lines


def test_a_version_number_in_code_is_never_broken_across_lines(tmp_path):
    """`Python 3.12.1` broke only inside its number: a line ended Python 3 and the next began .12.1。"""
    article = "# 题\n\n安装完成后，在终端输入 `python3 --version`，应当看到 `Python 3.12.1`。如果不是，请重新安装。\n"
    [output] = paiban.build(make_book(tmp_path, {"a.md": article}), formats=["pdf"])
    lines = [re.sub(r"\s", "", line) for page in pdf_page_texts(output.path) for line in page.splitlines()]
    assert any("3.12.1。" in line for line in lines) and not any(line.startswith(".") for line in lines), lines


def words_on(path, page: int) -> dict[str, tuple[float, float]]:
    """Each word pdftotext finds on ``page`` (1-based), with its left and right edge in points."""
    layout = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(path), "-"],
                            capture_output=True, text=True, check=True).stdout
    return {word: (float(x_min), float(x_max)) for x_min, x_max, word in
            re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</word>', layout)}


def drawn_in(path) -> list[tuple[str, str]]:
    """Each run of text the PDF draws, with the font it is drawn in (subset prefix left off)."""
    runs = []
    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: runs.append(
            (text, font["/BaseFont"].split("+")[-1] if font else None)))
    return runs


def test_a_tagged_phrase_of_the_title_page_is_set_in_its_languages_face(tmp_path):
    """An English subtitle and name were set in the CJK font, its ’ — … full width (Zoë’ s Garden):
    a phrase book.toml tags [Zoë’s Garden]{lang=en} is set as English text is, in a Latin face."""
    from test_render_epub import TAGGED_TOML

    [output] = paiban.build(make_book(tmp_path, {"01-花园/a.md": "# 花园\n\n正文。\n"}, TAGGED_TOML), formats=["pdf"])
    runs = drawn_in(output.path)
    for phrase in ("Zoë", "a Tale", "Dvořák"):
        faces = {face for text, face in runs if phrase in text}
        assert faces and not any("CJK" in face for face in faces), (phrase, faces)
    assert {face for text, face in runs if "译本" in text} and all(
        "CJK" in face for text, face in runs if "译本" in text)
    title_page = next(text for text in pdf_page_texts(output.path) if "Tale" in text)
    assert "Zoë’s Garden — a Tale, with Notes…" in title_page and "{lang" not in title_page


def test_a_trees_box_drawing_lines_are_one_column_wide_as_in_a_terminal(tmp_path):
    """Noto Sans Mono CJK draws ├ ─ │ └ two columns wide: `main.py` under `│   └──` stood three
    columns right of the same name under ASCII art's `|   +--`. They are drawn from the Latin mono
    (DejaVu Sans Mono), on the code's grid: the two names start at one place."""
    tree = "project/\n├── src/\n│   └── main.py\n|   +-- main.py\n"
    [output] = paiban.build(make_book(tmp_path, {"a.md": f"# 题\n\n正文。\n\n```\n{tree}```\n"}), formats=["pdf"])
    assert ("├──", "DejaVu-Sans-Mono") in drawn_in(output.path)
    layout = subprocess.run(["pdftotext", "-bbox", str(output.path), "-"], capture_output=True, text=True, check=True)
    starts = [float(x) for x in re.findall(r'<word xMin="([\d.]+)"[^>]*>main\.py</word>', layout.stdout)]
    assert len(starts) == 2 and abs(starts[0] - starts[1]) < 0.5, starts


def test_a_boards_rows_are_as_wide_as_typed_and_meet_the_next(tmp_path):
    """A Go board's lines were drawn half-width (DejaVu Sans Mono), its stones full-width: the row
    with stones stood 8 pt wider than the empty ones, and 1.75 em of leading parted each row's │
    from the next. Drawn in full-width columns, every row is as wide, a cell is one em, and the
    rows are one em apart, each │ meeting the next row's."""
    board = "┌┬┬┬┬┐\n├┼●┼○┤\n└┴┴┴┴┘\n"
    [output] = paiban.build(make_book(tmp_path, {"a.md": f"# 题\n\n局面。\n\n```\n{board}```\n"}), formats=["pdf"])
    layout = subprocess.run(["pdftotext", "-bbox", str(output.path), "-"], capture_output=True, text=True, check=True)
    rows = [(float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', layout.stdout)
        if word in board.split()]
    assert len(rows) == 3
    em = (rows[0][2] - rows[0][0]) / 6
    assert all(abs((x1 - x0) - 6 * em) < 0.1 for x0, _, x1, _ in rows), rows
    assert all(abs((below[1] - above[1]) - em) < 0.1 for above, below in pairwise(rows)), rows
    assert not any(font == "DejaVu-Sans-Mono" for _, font in drawn_in(output.path))


@pytest.fixture(scope="module")
def jianpu(tmp_path_factory) -> tuple[Path, int]:
    """A PDF of 简谱 notes as a songbook writes them, and the page they are on: a low 5 (a dot below,
    U+0323), a high 1 (a dot above, U+0307) and an eighth-note 3 (a line below, U+0332) in a code
    block, a paragraph and a poem, each far from the next; and a code line of eighth notes over a
    line of plain ones."""
    article = ("# 简谱\n\n```\n5\u0323      1\u0307      3\u0332\n6\u03327\u0332 2\n67 2\n```\n\n"
               "高音：　5\u0323　　1\u0307　　3\u0332　　低音。\n\n::: poem\n5\u0323　　1\u0307　　3\u0332\n:::\n")
    [output] = paiban.build(make_book(tmp_path_factory.mktemp("jianpu"), {"a.md": article}), formats=["pdf"])
    return output.path, next(number for number, text in enumerate(pdf_page_texts(output.path), 1) if "高音" in text)


Box = tuple[float, float, float, float]


def blots(png: Image.Image, box: Box, dpi: int) -> list[Box]:
    """The ink of ``png`` (a page drawn at ``dpi``) inside ``box`` (left, top, right, bottom, in
    points), each connected blot's edges in points, the largest blot first."""
    scale = dpi / 72
    left, top = int(box[0] * scale), int(box[1] * scale)
    crop = png.convert("L").crop((left, top, int(box[2] * scale), int(box[3] * scale)))
    pixels, (width, height) = crop.load(), crop.size
    seen, found = set(), []
    for start in ((x, y) for y in range(height) for x in range(width) if pixels[x, y] < 128):
        if start in seen:
            continue
        seen.add(start)
        stack, blot = [start], []
        while stack:
            x, y = stack.pop()
            blot.append((x, y))
            for near in ((x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
                if near not in seen and 0 <= near[0] < width and 0 <= near[1] < height and pixels[near] < 128:
                    seen.add(near)
                    stack.append(near)
        found.append(blot)
    return [((left + min(x for x, _ in blot)) / scale, (top + min(y for _, y in blot)) / scale,
             (left + max(x for x, _ in blot) + 1) / scale, (top + max(y for _, y in blot) + 1) / scale)
            for blot in sorted(found, key=len, reverse=True)]


def test_a_combining_mark_on_a_digit_is_drawn_on_it_in_code_text_and_verse(jianpu):
    """简谱's octave dots and time-value lines were drawn beside their digits: in a code block every
    mark some 3 pt right of its digit (5̣ 6̣ read as 5. 6., dotted notes; 5̲6̲ as 5_6_), and in text
    and verse the dot above (1̇ 2̇ 3̇, dots between the notes). No font anchors a mark on a digit.
    Each mark is on its digit now, clear of it above or below, and read after it in the PDF's text."""
    pdf, page = jianpu
    png = Image.open(io.BytesIO(subprocess.run(["pdftoppm", "-r", "300", "-f", str(page), "-l", str(page), "-png",
                                                str(pdf)], capture_output=True, check=True).stdout))
    words = _pdf_words(pdf)[page - 1]
    notes = [word for word, after in pairwise(words) if word.text in ("5\u0323", "1\u0307", "3\u0332")
             or (word.text, after.text) == ("1", "\u0307")]  # (pdftotext may part a raised mark from its digit)
    assert len(notes) == 9, [word.text for word in notes]
    for word in notes:
        edges = [float(word.get(side)) for side in ("xMin", "yMin", "xMax", "yMax")]
        digit, mark = blots(png, (edges[0] - 4, edges[1] - 3, edges[2] + 4, edges[3] + 3), 300)[:2]
        assert digit[0] <= (mark[0] + mark[2]) / 2 <= digit[2], (word.text, digit, mark)
        assert (mark[3] < digit[1]) if word.text[0] == "1" else (mark[1] > digit[3]), (word.text, digit, mark)
    printed = printed_text(pdf)
    assert [printed.count(note) for note in ("5\u0323", "1\u0307", "3\u0332")] == [3, 3, 3], printed


def test_a_combining_mark_on_a_digit_takes_no_column_in_code(jianpu):
    """DejaVu Sans Mono, which draws code's marks that Noto Sans Mono CJK has not, draws U+0332 as
    a column of its own: after two eighth notes (6̲7̲) the code's columns stood 1.2 em right of the
    same notes' plain ones."""
    pdf, page = jianpu
    starts = [float(word.get("xMin")) for word in _pdf_words(pdf)[page - 1] if word.text == "2"]
    assert len(starts) == 2 and abs(starts[0] - starts[1]) < 0.5, starts


def test_a_terminal_tables_rules_are_as_wide_as_its_rows(tmp_path):
    """A table drawn in a terminal's columns, four ─ over two Chinese characters (│姓名│), was taken
    for a full-width drawing because its │ touch its cells: every ─ was one em, and its rules printed
    93.6 pt wide over rows of 59.5. Its lines are one column wide, so rules and rows are as wide."""
    table = "┌────┬────┐\n│姓名│年龄│\n├────┼────┤\n└────┴────┘\n"
    [output] = paiban.build(make_book(tmp_path, {"a.md": f"# 题\n\n名单。\n\n```\n{table}```\n"}), formats=["pdf"])
    layout = subprocess.run(["pdftotext", "-bbox", str(output.path), "-"], capture_output=True, text=True, check=True)
    widths = [float(x1) - float(x0) for x0, x1, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', layout.stdout)
        if word in table.split()]
    assert len(widths) == 4 and max(widths) - min(widths) < 0.5, widths


def printed_text(path) -> str:
    """The PDF's text as pdftotext copies it, without its line breaks and spaces."""
    copied = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(copied.split())


def test_a_character_drawn_with_anothers_glyph_keeps_its_own_code_point_in_the_pdfs_text(tmp_path):
    """Noto CJK draws the Kangxi radical ⼀ U+2F00 and 一 U+4E00 with one glyph (⽔ and 水, and in
    its SC face 漢 U+FA47 and 漢 U+6F22 too), and the PDF gave that glyph the text met first: after
    one radical every later 一 was copied and searched as ⼀. Kinds drawn alike are kept apart too:
    the CJK radical ⺐, the Kangxi radical ⼪ and 尢; 樂's compatibility ideographs U+F914 and U+F95C."""
    paragraphs = ["部首“\u2f00”在前，其后一二三；部首“\u2f54”在前，其后水流。", "兼容字\ufa47在前，其后\u6f22字。",
                  "\u2e90、\u2f2a与\u5c22。", "\uf914与\uf95c。"]
    body = "\n\n".join(paragraphs)
    [output] = paiban.build(make_book(tmp_path, {"a.md": f"# 部首\u2f00与一\n\n{body}\n"}), formats=["pdf"])
    printed = printed_text(output.path)
    assert "部首\u2f00与一" in printed and all(paragraph in printed for paragraph in paragraphs)


def test_a_mark_drawn_with_anothers_glyph_keeps_its_own_code_point_in_the_pdfs_text(tmp_path):
    """Noto CJK SC draws Taiwan's 间隔号 ‧ and the bullet • with one glyph, and ⋯ and … with one: in a
    book with both, every • (a list's markers too) was copied and searched as ‧, and ⋯ as …."""
    paragraphs = ["台湾媒体写作卡洛斯‧门德斯。", "大陆网站写作卡洛斯•门德斯。", "他说……好吧。", "求和1+2+⋯+n。"]
    body = "\n\n".join(paragraphs)
    [output] = paiban.build(make_book(tmp_path, {"a.md": f"# 题\n\n{body}\n\n- 甲\n- 乙\n\n## 喬治‧華盛頓\n"}),
                            formats=["pdf"])
    printed = printed_text(output.path)
    assert all(paragraph in printed for paragraph in paragraphs)
    assert "•甲•乙" in printed and "喬治‧華盛頓" in printed


def _variable_font(family: str) -> bytes:
    """A variable font (a weight axis) of three glyphs: one for ⼀ and 一, one for 水."""
    import io

    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def bar(height: int):
        pen = TTGlyphPen(None)
        pen.moveTo((100, 300))
        pen.lineTo((100, 300 + height))
        pen.lineTo((900, 300 + height))
        pen.lineTo((900, 300))
        pen.closePath()
        return pen.glyph()

    names = [".notdef", "one", "water"]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({0x4E00: "one", 0x2F00: "one", 0x6C34: "water"})
    builder.setupGlyf({".notdef": bar(50), "one": bar(60), "water": bar(300)})
    builder.setupHorizontalMetrics({name: (1000, 0) for name in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.setupFvar([("wght", 100, 400, 900, "Weight")], [])
    builder.setupGvar({"one": [], "water": []})
    written = io.BytesIO()
    builder.save(written)
    return written.getvalue()


def test_a_radical_in_a_variable_font_is_drawn_from_its_instance_as_the_text_around_it(tmp_path, caplog):
    """The radical's own font (its twin's face, set apart by a variation of an axis no font has)
    could not be made a static instance of a variable font: fontTools refused the axis, and WeasyPrint
    warned and embedded the whole variable font."""
    from paiban.theme import default_theme_dir

    base = (default_theme_dir() / "base.css").read_text(encoding="utf-8")
    root = make_book(tmp_path, {
        "a.md": "# 题\n\n\u2f00一水。\n",
        "styles/fonts/TwinVar.ttf": _variable_font("Twin Var"),
        "styles/base.css": base + '@font-face { font-family: "Twin Var"; src: url("fonts/TwinVar.ttf"); }\n'
                                  'p { font-family: "Twin Var", "Noto Serif CJK SC", serif; }\n'})
    [output] = paiban.build(root, formats=["pdf"])
    assert "\u2f00一水" in printed_text(output.path)
    assert [name for name in (font["name"] for font in pdf_fonts(output.path)) if "Twin" in name] != []
    assert not [message for message in caplog.messages if "variable font" in message]


def test_chinese_emphasis_is_upright_in_the_headings_face_and_latin_emphasis_italic(tmp_path):
    """CJK fonts have no italic: an <em> drawn in the text face showed no emphasis at all. A Latin
    title was set upright in the 黑体 too: it is in a Latin serif's real italic (not a slanted upright),
    and so is a Russian or a Greek one (they were upright in the 黑体 beside italic Latin ones)."""
    root = make_book(tmp_path, {"a.md": "# 题\n\n这是*需要强调的文字*，以及 *the river remembers* 这句英文，"
                                        "*Война и мир* 与 *Ἡ ὁμίχλη* 两个书名。\n"})
    [output] = paiban.build(root, formats=["pdf"])
    wanted = ("这是", "需要强调的文字", "the river remembers", "Война и мир", "Ἡ ὁμίχλη")
    faces = {text: face for text, face in drawn_in(output.path) if text in wanted}
    assert faces["这是"] == "Noto-Serif-CJK-SC" and faces["需要强调的文字"] == "Noto-Sans-CJK-SC"
    assert faces["the river remembers"] == faces["Война и мир"] == faces["Ἡ ὁμίχλη"]
    assert faces["the river remembers"].endswith("Italic")  # DejaVu-Serif-Italic here
    assert [font["emb"] for font in pdf_fonts(output.path) if font["name"].endswith("Italic")] == ["yes"]


def test_htmls_italics_are_set_as_emphasis_is_latin_italic_and_chinese_upright(tmp_path):
    """An HTML article's <i> (and <cite>) was left to the browser's italics: a Latin name in it was drawn
    upright in the CJK font's Latin beside an <em>'s real italic, and Chinese in it in a slanted
    "Oblique" face. <i> is emphasis as <em> is; a cited title is upright in the text face, Latin in it italic."""
    page = ("<h1>白玉璧</h1><p>名称：白玉璧 <i>Jade bi disc</i>；又见 <em>Bronze ding</em>。"
            "著录：<cite>明泽馆刊</cite>，<cite>Ars Orientalis</cite>，<i>青铜器铭文</i>。</p>")
    [output] = paiban.build(make_book(tmp_path, {"a.html": page}), formats=["pdf"])
    runs = drawn_in(output.path)

    def faces(part: str) -> set[str]:
        return {face for text, face in runs if part in text}
    assert faces("Jade bi disc") == faces("Bronze ding") == faces("Ars Orientalis")
    assert all(face.endswith("Italic") for face in faces("Jade bi disc"))  # DejaVu-Serif-Italic here
    assert faces("青铜器") == {"Noto-Sans-CJK-SC"} and faces("馆刊") == {"Noto-Serif-CJK-SC"}
    assert not [font["name"] for font in pdf_fonts(output.path) if "Oblique" in font["name"]]


def test_a_variable_and_emphasis_inside_code_are_drawn_in_the_mono(tmp_path):
    """A placeholder in a command (<code>git clone <var>url</var></code>) left the mono for a Latin serif's
    italic, a <pre>'s columns shifted, and an <i> in code was drawn in the 黑体: what is inside code is
    code. A variable is code as <code> is (never converted), in the mono in the text too."""
    page = ("<h1>变量</h1><p>命令 <code>git clone <var>url</var> <i>目录</i> <em>repo</em></code> 克隆，"
            "其中 <var>count</var> 为次数。</p><pre><code>cp <var>source</var> <var>target</var></code></pre>"
            '<p lang="en">In English: <code>mv <var>old</var></code>.</p>')
    [output] = paiban.build(make_book(tmp_path, {"a.html": page}), formats=["pdf"])
    runs = drawn_in(output.path)
    for part in ("git clone", "url", "目录", "repo", "count", "source", "target", "old"):
        faces = {face for text, face in runs if part in text}
        assert faces and all("Mono" in face for face in faces), (part, faces)
    assert {face for text, face in runs if "url" in text} == {"Noto-Sans-Mono-CJK-SC-Oblique"}  # Latin: italic


def test_text_kept_in_its_script_is_drawn_in_its_regions_face_for_its_place(tmp_path):
    """A no-convert span in a heading was drawn in the serif (SC), and a no-convert article in the
    edition's (TC) faces: each is its own region's face, in the role its place gives it."""
    root = make_book(tmp_path, {
        "01.md": "# 甲\n\n## 小节里的[软件]{.no-convert}和软件\n\n::: no-convert\n代码 `写作软件` 在此\n:::\n",
        "02.md": "---\ntitle: 原文照录\nno-convert: true\n---\n\n这篇保持简体。\n",
    })
    [output] = paiban.build(root, formats=["pdf"], convert="s2tw")
    faces = {text: face for text, face in drawn_in(output.path)}
    assert faces["软件"] == "Noto-Sans-CJK-SC-Bold" and faces["和軟件"] == "Noto-Sans-CJK-TC-Bold"
    assert faces["写作软件"] == "Noto-Sans-Mono-CJK-SC"
    assert faces["原文照录"].startswith("Noto-Sans-CJK-SC") and faces["这篇保持"] == "Noto-Serif-CJK-SC"


def test_text_tagged_with_a_regions_common_language_tag_is_drawn_in_that_regions_face(tmp_path):
    """Only the four tags paiban writes (zh-Hans, zh-Hant, zh-Hant-TW, zh-Hant-HK) had a rule: a
    quotation tagged zh-HK, ja or zh-hant-hk (a web page's case) was drawn in the edition's SC,
    with its region's forms of 户/戶, 骨, 直 lost. Each tag is its region's: subtags and case alike."""
    root = make_book(tmp_path, {"a.md": (
        "# 甲\n\n正文[戶骨]{lang=zh-HK}，[直骨]{lang=ja}，[骨戶]{lang=zh-hant-hk}，"
        "[戶直]{lang=zh-TW}，[骨直]{lang=zh-Hant-MO}，[户直]{lang=zh-CN}，[直户]{lang=en}。\n")},
                     '[book]\ntitle = "書"\nlanguage = "zh-Hant"\n')
    [output] = paiban.build(root, formats=["pdf"])
    faces = {text: face for text, face in drawn_in(output.path)}
    assert faces["戶骨"] == faces["骨戶"] == faces["骨直"] == "Noto-Serif-CJK-HK"
    assert faces["直骨"] == "Noto-Serif-CJK-JP" and faces["户直"] == "Noto-Serif-CJK-SC"
    assert faces["戶直"] == faces["直户"] == "Noto-Serif-CJK-TC"  # the edition's own region; en is the edition's


def test_text_tagged_with_a_language_whose_fonts_are_missing_is_drawn_in_the_editions_with_a_warning(tmp_path):
    """Without the JP fonts, the span tagged ja was drawn in what fontconfig's generic serif found
    (Noto Sans CJK KR: Korean forms, a sans for the serif), and the build said nothing: the region's
    fonts are followed by the edition's, and the build names the lang, the file and the package."""
    hidden = "".join(f"<pattern><patelt name=\"family\"><string>Noto {name} CJK JP</string></patelt></pattern>"
                     for name in ("Serif", "Sans", "Sans Mono"))
    conf = tmp_path / "nojp.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f"<selectfont><rejectfont>{hidden}</rejectfont></selectfont></fontconfig>")
    root = make_book(tmp_path / "book", {"a.md": "# 甲\n\n正文，\n[これは日本語の文です。骨と直]{lang=ja}。\n"})
    built = subprocess.run([sys.executable, "-m", "paiban", "build", "-f", "pdf", str(root)], capture_output=True,
                           text=True, env={**os.environ, "FONTCONFIG_FILE": str(conf), "COLUMNS": "400"})
    assert built.returncode == 0, built.stderr
    [pdf] = (root / "build").glob("*.pdf")
    faces = dict(drawn_in(pdf))
    assert faces["これは日本語の文です。骨と直"] == "Noto-Serif-CJK-SC"
    assert not [font for font in pdf_fonts(pdf) if "KR" in font["name"]]
    told = " ".join(built.stderr.split())
    assert f"{root / 'a.md'}:4: the text tagged lang=ja is drawn in the edition's fonts (Noto Serif CJK SC)" in told
    assert "not installed (Noto Serif CJK JP, Noto Sans CJK JP, Noto Sans Mono CJK JP)" in told
    assert "apt-get install fonts-noto-cjk" in told


def test_a_footnote_call_stays_on_the_line_of_the_character_it_follows(tmp_path):
    """At this width the line broke at the call's edge: the next line began ³。如果."""
    note = "排版是一门关于秩序的手艺，它要求设计者在有限的版面里安排文字、图片与空白。" * 3
    root = make_book(tmp_path, {"a.md": (
        "# 脚注与标题的位置\n\n这一篇用来检验脚注的排放。同一页上出现多条脚注[^a]，脚注的编号应当连续[^b]，"
        "并且每条脚注都应当出现在引用它的那一页的底部[^c]。如果一条脚注特别长[^d]，它可能需要延续到下一页，"
        "这时应当在下一页的脚注区继续排出，而不是把正文中引用它的那一行也推到下一页去。\n\n"
        f"[^a]: 第一条。\n[^b]: 第二条。\n[^c]: 第三条。\n[^d]: {note}\n")})
    [output] = paiban.build(root, formats=["pdf"])
    text = next(page for page in pdf_page_texts(output.path) if "脚注的排放" in page)
    assert "部3。如果" in text
    assert not [line for line in text.splitlines() if line.strip()[:1] in ("。", "，")]
    assert max(len(line) for line in text.splitlines()) < 60  # the long note wraps (kept calls do not)


def test_a_chapter_opener_carries_its_first_lines_when_their_notes_are_long(tmp_path, caplog):
    """The notes of the second line's calls did not fit below the opener's tall title: that line went
    to the next page, the first (two lines the least a paragraph left) and the article's title with
    it, and the opener printed its chapter title alone. Each call is still on its note's page."""
    note = ("引用了大量的文献材料并加以讨论，说明作者的观点来源与学术脉络，" * 7)[:200]
    text = ("开篇第一段正文讨论问题的缘起[^1]，继而说明研究的方法[^2]，再述及材料的来源[^3]，"
            "最后交代全书的结构[^4]。" + "正文继续展开论述，" * 10)
    notes = "".join(f"[^{n}]: 注{n}：{note}\n" for n in range(1, 5))
    root = make_book(tmp_path, {"01-河流/a.md": f"# 导论\n\n{text}\n\n{'第二段正文，' * 200}。\n\n{notes}"},
                     '[book]\ntitle = "书"\nchapter-numbers = true\n')
    [output] = paiban.build(root, formats=["pdf"])
    pages = pdf_page_texts(output.path)
    opener = next(page for page in pages if "河流" in page and "目" not in page)
    assert "导论" in opener and "开篇第一段正文" in opener
    for call, note in [("缘起1", "注1："), ("方法2", "注2："), ("来源3", "注3："), ("结构4", "注4：")]:
        assert note in next(page for page in pages if call in page)
    assert not caplog.records


def test_a_footnotes_lines_hang_under_its_text_after_the_number(tmp_path):
    """Continuation lines went back to the left edge, under the note's number."""
    note = "排版是一门关于秩序的手艺，它要求设计者在有限的版面里安排文字、图片与空白。" * 2
    root = make_book(tmp_path, {"a.md": f"# 注\n\n正文引用了一条注释[^a]。\n\n[^a]: {note}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    words = words_on(output.path, next(number for number, text in enumerate(pdf_page_texts(output.path), 1)
                                       if "正文引用了" in text))
    number = next(x_min for word, (x_min, _) in words.items() if word == "1.")
    lines = [x_min for word, (x_min, _) in words.items() if word.startswith(("排版是一门", "白。", "空白。"))]
    body = [x_min for word, (x_min, _) in words.items() if "它要求" in word and not word.startswith("排版")]
    assert len(lines) + len(body) >= 2  # the note wraps
    assert min(lines + body) > number + 5  # every line of its text starts right of the number


def test_a_wide_table_with_a_long_word_and_a_url_stays_inside_the_text_block(tmp_path):
    """Whole, internationalization and the URL widened the table past the margin to the paper's edge;
    numbers (5,678.90) stay whole; a column aligned in Markdown is aligned in print."""
    table = ("| 编号 | 名称 | 说明 | 数值一 | 数值二 | 数值三 | 备注 |\n| --- | --- | --- | --- | ---: | --- | --- |\n"
             "| 1 | 甲项 | 这是一段较长的说明文字，检验单元格内的折行 | 1,234 | 5,678.90 | 12% | 无 |\n"
             "| 2 | 乙项 | 短 | 22 | 3.5 | 100% | 见脚注 |\n"
             "| 3 | 丙项 | 含英文 internationalization 的说明 | 0 | -1 | 0.5% | https://example.com/a/b/c |\n")
    before = "表格之前的正文，用来量出版心的右边。" * 2
    root = make_book(tmp_path, {"a.md": f"# 表\n\n{before}\n\n{table}"})
    [output] = paiban.build(root, formats=["pdf"])
    words = words_on(output.path, next(number for number, text in enumerate(pdf_page_texts(output.path), 1)
                                       if "数值一" in text))
    text_block_right = max(right for word, (_, right) in words.items() if word.startswith("表格之前的正文"))
    assert max(right for _, right in words.values()) <= text_block_right + 0.5
    assert "5,678.90" in words
    assert words["3.5"][1] == pytest.approx(words["5,678.90"][1], abs=0.5)  # | ---: | right-aligned



def test_a_long_word_that_fits_on_the_next_line_is_not_broken_mid_word(tmp_path):
    """In a footnote (its text is one span) Eighteenth-Century was cut at the line's end, no hyphen:
    Eight / eenth-Century. WeasyPrint took the word's box for a line's start; now the word goes to
    the next line whole, or breaks at its own hyphen, and only a token longer than a line breaks
    anywhere (the URL, which still stays inside the text block)."""
    note = ("此处所谓“地方衙署”，指府、州、县三级。关于这一点，学界的看法并不一致。有学者认为应包括巡检司等佐杂机构，"
            "也有学者认为佐杂机构并无独立的文书系统，其文书均经由县衙转递。本书采取后一种看法，理由详见第二章。需要说明的是，"
            "这种区分在实际操作中并不总是清楚的，因为许多佐杂官员事实上也自行收发文书，只是这些文书在档案中的保存情况远不如"
            "县衙文书完整。参见 Bradly W. Reed, *Talons and Teeth: County Clerks and Runners in the Qing Dynasty* "
            "(Stanford: Stanford University Press, 2000), pp. 26–58; Madeleine Zelin, *The Magistrate's Tael: "
            "Rationalizing Fiscal Reform in Eighteenth-Century Ch'ing China* (Berkeley: University of California "
            "Press, 1984), pp. 1–24。")
    url = "https://example.com/" + "abcdefghij" * 12
    root = make_book(tmp_path, {"01-甲/a.md": f"# 长词\n\n正文。[^1]\n\n[^1]: {note}\n",
                                "02-乙/b.md": f"# 网址\n\n见 {url} 一文。\n"})
    [output] = paiban.build(root, formats=["pdf"])
    pages = pdf_page_texts(output.path)
    [page] = [text for text in pages if "Zelin" in text]
    printed = set(re.findall(r"[A-Za-z']+", page))
    assert printed - set(re.findall(r"[A-Za-z']+", note)) == set()  # not Eight and eenth
    [page] = [text for text in pages if "example" in text]
    lines = [line.strip() for line in page.splitlines()]
    assert "abcdefghij" * 12 not in lines and any(line.startswith("abcdefghij") for line in lines)


def test_an_address_that_fits_on_the_next_line_goes_there_whole(tmp_path):
    """An e-mail address has no / to break after: set as a URL (word-break: break-all), it was cut
    wherever the line ended (test.user@example.co / m联系我们). Ten paragraphs bring it to the
    line's end at each of its characters in turn; the word beside it and the URL keep their
    breaks (the URL after its /)."""
    address = "test.user@example.com"
    paragraphs = "\n\n".join(f"{'测' * count}请写信到{address}联系我们，谢谢。" for count in range(10, 20))
    root = make_book(tmp_path, {"a.md": f"# 地址\n\n{paragraphs}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    lines = [line.strip() for text in pdf_page_texts(output.path) for line in text.splitlines()]
    assert sum(address in line for line in lines) == 10
    assert not [line for line in lines if address not in line and ("test" in line or ".com" in line)]



def test_a_clinical_unit_and_a_range_of_amounts_are_never_broken_across_lines(tmp_path):
    """A medical text's lab values broke: 3.5 / mmol/L and 3.5 mmol/ / L, 120 / mmHg, 0.529 / Å (a
    unit of four letters, or the ångström, was no unit), and its ranges at their mark: 0.7%～ /
    10%, 5 mg / ～10 mg (a unit before the mark hid the range). Thirty paragraphs bring each to the
    line's end at each of its characters in turn."""
    values = ("3.5 mmol/L", "88 μmol/L", "120 mmHg", "0.529 Å", "0.7%～10%", "5 mg～10 mg")
    paragraphs = "\n\n".join(f"{'测' * count}血糖{values[0]}，肌酐{values[1]}，血压{values[2]}，键长{values[3]}，"
                               f"发生率{values[4]}，剂量{values[5]}。" for count in range(30))
    root = make_book(tmp_path, {"a.md": f"# 检验\n\n{paragraphs}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    lines = ["".join(line.split()) for text in pdf_page_texts(output.path) for line in text.splitlines()]
    assert [sum("".join(value.split()) in line for line in lines) for value in values] == [30] * 6


def test_a_blood_count_and_a_range_of_fractions_are_never_broken_across_lines(tmp_path):
    """A drug label's lab values broke: 100×10⁹/ / L and 100×10<sup>9</sup>/ / L after the slash of
    the unit a power of ten counts per, 4.0×10⁹/L～ / 10.0×10⁹/L and 4.0×10⁹/L / ～10.0×10⁹/L at the
    range's mark, and 1/1000～1/ / 100 inside the fraction after it. Thirty paragraphs bring each to
    the line's end at each of its characters in turn."""
    values = ("100×10⁹/L", "100×10<sup>9</sup>/L", "4.0×10⁹/L～10.0×10⁹/L", "1/1000～1/100")
    paragraphs = "\n\n".join(f"{'测' * count}血小板{values[0]}，白细胞{values[1]}，正常值{values[2]}，"
                               f"发生率{values[3]}。" for count in range(30))
    root = make_book(tmp_path, {"a.md": f"# 检验\n\n{paragraphs}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    lines = ["".join(line.split()) for text in pdf_page_texts(output.path) for line in text.splitlines()]
    shown = ("100×10⁹/L", "100×109/L", "4.0×10⁹/L～10.0×10⁹/L", "1/1000～1/100")  # (the sup's 9, as text)
    assert [sum(value in line for line in lines) for value in shown] == [30] * 4


def test_an_amount_in_yi_yuan_a_dates_year_and_a_range_of_decimals_are_never_broken_across_lines(tmp_path):
    """A work report's amounts broke (230亿 / 元, 230 / 亿元, 5 / 万元), a chronology's dates (史前202 /
    年, 19 / 世纪60年代, 20 / 世纪初) and a patent's ranges (0.5MPa～1. / 2MPa inside its second number,
    2L/min～ / 6L/min and 3kg/m³ / ～5kg/m³ at the mark after a compound unit). Thirty paragraphs bring
    each to the line's end at each of its characters in turn."""
    values = ("230亿元", "5万元", "前202年", "1644年", "19世纪", "60年代", "20世纪", "0.5MPa～1.2MPa", "2L/min～6L/min",
              "3kg/m³～5kg/m³")
    paragraphs = "\n\n".join(f"{'测' * count}超过{values[0]}，发放{values[1]}，史{values[2]}，{values[3]}，"
                               f"{values[4]}{values[5]}，{values[6]}初，压力为{values[7]}，流量为{values[8]}，"
                               f"密度为{values[9]}。" for count in range(30))
    root = make_book(tmp_path, {"a.md": f"# 报告\n\n{paragraphs}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    lines = ["".join(line.split()) for text in pdf_page_texts(output.path) for line in text.splitlines()]
    assert [sum(value in line for line in lines) for value in values] == [30] * len(values)


def test_a_chinese_compound_unit_a_record_and_a_score_are_never_broken_across_lines(tmp_path):
    """A sports yearbook's wind readings and speeds broke at or after their slash (0.8米/ / 秒, 120公里/小 /
    时), its records after a unit (9秒 / 83, 1分52秒 / 36, 2小时 / 03分45秒) and its scores either side of 比
    (2 / 比0, 3比 / 1). Thirty paragraphs bring each to the line's end at each of its characters in turn."""
    values = ("0.8米/秒", "120公里/小时", "9秒83", "1分52秒36", "2小时03分45秒", "3比1")
    paragraphs = "\n\n".join(f"{'测' * count}风速{values[0]}，时速{values[1]}，以{values[2]}夺冠，{values[3]}，"
                               f"{values[4]}，以{values[5]}获胜。" for count in range(30))
    root = make_book(tmp_path, {"a.md": f"# 赛报\n\n{paragraphs}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    lines = ["".join(line.split()) for text in pdf_page_texts(output.path) for line in text.splitlines()]
    assert [sum(value in line for line in lines) for value in values] == [30] * len(values)


def test_a_range_of_years_before_the_common_era_is_never_broken_across_lines(tmp_path):
    """A museum catalogue's dates broke: 战国（前475 / —前221）, 前475— / 前221, and 汉代（前 /
    206—220）, which reads as AD 206–220; and 公元前221年—前206年's 一字线 was made a 破折号, broken
    after 年. Thirty paragraphs bring each to the line's end at each of its characters in turn."""
    dates = ("前475—前221", "前206—220", "前1600—前1046", "前221年—前206年", "2009年—2012年")
    paragraphs = "\n\n".join(f"{'测' * count}战国（{dates[0]}），汉代（{dates[1]}），商（约{dates[2]}），"
                               f"秦（公元{dates[3]}），修复于{dates[4]}。" for count in range(30))
    root = make_book(tmp_path, {"a.md": f"# 年代\n\n{paragraphs}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    lines = ["".join(line.split()) for text in pdf_page_texts(output.path) for line in text.splitlines()]
    assert [sum(date in line for line in lines) for date in dates] == [30] * 5


def test_a_dimension_is_never_broken_at_its_times_sign(tmp_path):
    """A catalogue's dimensions, written with spaces round the ×, broke there: 尺寸为 23.5 × /
    12.8 cm, 7.2 × 16.4 × / 5.1 cm. Thirty paragraphs bring each to the line's end at each of its
    characters in turn."""
    sizes = ("23.5 × 12.8 cm", "7.2 × 16.4 × 5.1 cm", "41.2 cm × 22.6 cm")
    paragraphs = "\n\n".join(f"{'测' * count}尺寸为 {sizes[0]}，第二件为 {sizes[1]}，第三件为 {sizes[2]}。"
                               for count in range(30))
    root = make_book(tmp_path, {"a.md": f"# 尺寸\n\n{paragraphs}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    lines = ["".join(line.split()) for text in pdf_page_texts(output.path) for line in text.splitlines()]
    assert [sum("".join(size.split()) in line for line in lines) for size in sizes] == [30] * 3


def test_a_reference_typed_as_a_superscript_stays_on_the_line_of_the_word_it_cites(tmp_path):
    """GB/T 7714 numbers references so, 胆固醇<sup>[2-5]</sup>: a line began with [2-5]，, apart
    from the word it cites, where a Markdown note's call is kept with its character."""
    paragraphs = "\n\n".join(f"{'测' * count}他汀类药物可降低胆固醇<sup>[2-5]</sup>，后文到此结束。"
                               for count in range(30))
    root = make_book(tmp_path, {"a.md": f"# 引用\n\n{paragraphs}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    lines = ["".join(line.split()) for text in pdf_page_texts(output.path) for line in text.splitlines()]
    assert sum("醇[2-5]，" in line for line in lines) == 30


def test_a_superscript_after_a_variation_selector_or_an_accent_leaves_them_with_their_character(tmp_path):
    """Kept with the superscript apart from 葛, its variation selector was drawn on a dotted circle and
    葛 in its common form; café's combining accent likewise, and the copied text read cafe 2́."""
    text = "葛\U000e0100<sup>[1]</sup>城的记载。cafe\u0301<sup>2</sup> 一词。"
    root = make_book(tmp_path, {"a.md": f"# 异体\n\n{text}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    text = "".join(pdf_page_texts(output.path))
    assert "葛[1]城" in text and "cafe\u03012 一词" in text


def test_a_telephone_number_is_never_broken_across_lines(tmp_path):
    """A guide's numbers broke at their spaces and after their hyphens: 电话 0571-8888 / 8801,
    手机 +86 138 / 0000 0000. Twenty paragraphs bring the numbers to the line's end at each of
    their characters in turn: each is printed whole on one line (its spaces, as any on a loose line,
    widened)."""
    phones = ("0571-8888 8801", "+86 138 0000 0000", "400-123-4567")
    paragraphs = "\n\n".join(f"{'测' * count}电话 {phones[0]}，手机 {phones[1]}，热线 {phones[2]}。"
                               for count in range(5, 25))
    root = make_book(tmp_path, {"a.md": f"# 电话\n\n{paragraphs}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    lines = [" ".join(line.split()) for text in pdf_page_texts(output.path) for line in text.splitlines()]
    assert [sum(phone in line for line in lines) for phone in phones] == [20, 20, 20]



def test_a_number_in_full_width_digits_is_never_broken_across_lines(tmp_path):
    """Scraped financial news writes its figures in full-width digits: the PDF broke them between
    any two (澄江市场１ / ２.３%, １，２３４. / ５６亿元, 收报２ / ０，０５９.９５点), where ASCII ones
    never broke. Twenty paragraphs bring each to the line's end at each of its characters in turn."""
    figures = ("１２.３%", "１，２３４.５６", "－３.５％", "１２．５吨")
    paragraphs = "\n\n".join(f"{'测' * count}上涨{figures[0]}，成交{figures[1]}亿元，下跌{figures[2]}，"
                               f"运出{figures[3]}。" for count in range(5, 25))
    root = make_book(tmp_path, {"a.md": f"# 行情\n\n{paragraphs}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    lines = ["".join(line.split()) for text in pdf_page_texts(output.path) for line in text.splitlines()]
    assert [sum(figure in line for line in lines) for figure in figures] == [20, 20, 20, 20]


def test_no_line_begins_or_ends_with_an_interpunct(tmp_path):
    """A translation's names began and ended lines at their 间隔号 (安娜· / ·卡列尼娜). Twenty
    paragraphs bring each name's dot to the line's end in turn."""
    paragraphs = "\n\n".join(f"{'一' * count}米哈伊尔·谢尔盖耶维奇与列夫·托尔斯泰、安娜·卡列尼娜、喬治‧華盛頓同行。"
                               for count in range(0, 20))
    root = make_book(tmp_path, {"a.md": f"# 人名\n\n{paragraphs}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    lines = [line.strip() for text in pdf_page_texts(output.path) for line in text.splitlines()]
    assert sum(line.count("·") + line.count("‧") for line in lines) == 20 * 4
    assert [line for line in lines if line.startswith(("·", "‧")) or line.endswith(("·", "‧"))] == []


def test_no_line_ends_in_a_box_to_tick(tmp_path):
    """A form's line ended between a box and its label (…□商业宣传　□ / 公益活动), in a paragraph
    and in a table's cell. Paragraphs and cells of each width in turn: no line ends in a box."""
    boxes = "□文艺演出　□体育活动　□商业宣传　□公益活动　■其他"
    paragraphs = "\n\n".join(f"{'甲' * count}类型：{boxes}" for count in range(0, 20))
    rows = "".join(f"| {'乙' * count}类型 | {boxes} |\n" for count in range(0, 6))
    root = make_book(tmp_path, {"a.md": f"# 表\n\n{paragraphs}\n\n| 项目 | 选择 |\n| --- | --- |\n{rows}"})
    [output] = paiban.build(root, formats=["pdf"])
    lines = [line.rstrip() for text in pdf_page_texts(output.path) for line in text.splitlines()]
    assert sum(line.count("□") + line.count("■") for line in lines) == 26 * 5
    assert not [line for line in lines if re.search(r"[□■](\s*$|\s{2,})", line)]


PRICE_LIST = ("| 编号 | 名称 | 产地 | 规格 | 单价（元） | 数量 | 金额（元） | 备注说明 |\n"
              "| --- | --- | --- | --- | ---: | ---: | ---: | --- |\n"
              + "".join(f"| {n:03} | 样品名称第{n}号 | 华东地区某市 | 210×297毫米 | 15.50 | 10 | 155.00 "
                        "| 这一栏的说明文字比较长，需要换行 |\n" for n in range(1, 41)))


def words_outside_the_text_block(path, root) -> list[tuple[int, str]]:
    """(page, word) for each word pdftotext finds beyond the text block's sides, on any page."""
    page = page_geometry(load_config(root))
    outside = []
    for number in range(1, len(pdf_page_texts(path)) + 1):
        left = (page.inner if number % 2 else page.outer) * MM
        right = left + page.text_width * MM
        outside += [(number, word) for word, (x_min, x_max) in words_on(path, number).items()
                    if x_min < left - 0.5 or x_max > right + 0.5]
    return outside


@pytest.mark.parametrize("size", ["A5", "32开"])
def test_a_table_of_many_columns_fits_the_text_block_without_warnings(tmp_path, size, caplog):
    """Eight columns of headers kept whole and short cells kept whole were wider than the measure:
    the table ran past the trim (备注说 at 393–422 pt on a 419.5 pt page; on 32开 its last column
    was gone). A wide table is set smaller, and breaks its short cells, then its headers."""
    root = make_book(tmp_path, {"a.md": f"# 表\n\n正文。\n\n{PRICE_LIST}"},
                     f'[book]\ntitle = "书"\n[pdf]\nsize = "{size}"\n')
    [output] = paiban.build(root, formats=["pdf"])
    text = "".join(pdf_page_texts(output.path))
    assert "备注说明" in text.replace(" ", "").replace("\n", "") and text.count("155.00") == 40
    assert words_outside_the_text_block(output.path, root) == []
    assert "past the text block" not in caplog.text


def test_a_table_of_years_in_brackets_is_set_small_enough_to_fit(tmp_path, caplog):
    """A 世系表 of dated cells (生于道光十年（1830），) ran 13 mm past the text block: its columns'
    least widths took the year for a cell's widest unbreakable piece, two and a half ems, where no
    line breaks after （ nor before ） and ，: （1830）， is one, over five. So measured, it is set smaller."""
    cells = " | ".join(f"承{name}，生于道光十年（18{30 + n}），卒于光绪六年（18{80 + n}）"
                       for n, name in enumerate("祖宗业恩志泽福禄"))
    root = make_book(tmp_path, {"a.md": f"# 表\n\n| 世次 |{' 房 |' * 8}\n{'| --- ' * 9}|\n| 十七世 | {cells} |\n"})
    [output] = paiban.build(root, formats=["pdf"])
    assert words_outside_the_text_block(output.path, root) == []
    assert "past the text block" not in caplog.text


def test_a_table_that_cannot_fit_is_named_in_a_warning(tmp_path, caplog):
    """Six unbreakable 15-digit cells side by side fit no measure: the build says which article."""
    row = "| " + " | ".join(["123456789012345"] * 6) + " |\n"
    root = make_book(tmp_path, {"01-章/宽表.md": f"# 表\n\n| 甲 | 乙 | 丙 | 丁 | 戊 | 己 |\n{'| --- ' * 6}|\n{row}"})
    paiban.build(root, formats=["pdf"])
    assert re.search(r"宽表\.md:3: a table runs \d+ mm past the text block", caplog.text)


def test_each_table_that_cannot_fit_is_a_warning_of_its_own_at_its_line(tmp_path, caplog):
    """Two too-wide tables of one article made one warning (keyed by the article and the advice)
    while `paiban check` reported both: each is named, by its caption or its place in the article.
    And at its line, as the check finds it: its caption's, else its first row's (a yearbook's
    chapter of thirty tables named them at no line), the third past the second, which begins alike."""
    row = "| " + " | ".join(["123456789012345"] * 6) + " |\n"
    table = f"| 甲 | 乙 | 丙 | 丁 | 戊 | 己 |\n{'| --- ' * 6}|\n{row}"
    text = f"# 表\n\n{table}\n正文。\n\n表2　第二张\n\n{table}\n正文。\n\n{table}"
    root = make_book(tmp_path, {"01-章/宽表.md": text})
    paiban.build(root, formats=["pdf"])
    told = re.findall(r"宽表\.md:(\d+): (.+?) runs \d+ mm past the text block", caplog.text.replace("\n", " "))
    assert sorted(told) == [("17", "table 3 of 3"), ("3", "table 1 of 3"), ("9", "the table captioned 表2　第二张")]


def test_a_note_with_a_character_of_a_tall_font_in_a_span_of_its_own_runs_past_nothing(tmp_path, caplog):
    """A footnote's tsheg tagged lang=bo was told to run 2 mm past the text block, with no line,
    to shorten an unbreakable piece it does not have: the run's box is as tall as its font's ascent
    and descent (Noto Serif Tibetan's, 2.8 em), whatever its line's height. A run's width alone
    can run past. (QA Tall, brought by the book's fonts.css, stands in for Noto Serif Tibetan.)"""
    face = '@font-face { font-family: "QA Tall"; src: url(QATall.ttf); }\n'
    root = make_book(tmp_path / "b", {
        "a.md": "# 藏文\n\n正文第一行。\n\n正文第二行。[^1]\n\n[^1]: 藏文音节之间以点号[་]{lang=bo}（tsheg）分隔。\n",
        "styles/fonts.css": face + (REPO / "styles" / "fonts.css").read_text(encoding="utf-8")},
        '[book]\ntitle = "书"\n[fonts]\nserif = ["Noto Serif CJK SC", "DejaVu Serif", "QA Tall"]\n')
    made_font(root / "styles" / "QATall.ttf", "QA Tall", "་", tall=True)
    paiban.build(root, formats=["pdf"])
    assert "past the text block" not in caplog.text


def test_a_line_that_runs_past_the_text_block_is_told_at_its_line(tmp_path, caplog):
    """The warning named the article alone: an editor bisected it to find the line."""
    code = "x" + "1234567890" * 10
    root = make_book(tmp_path, {"01-章/长.md": f"# 长\n\n正文。\n\n代码 `{code}` 在这里。\n\n正文。\n"})
    paiban.build(root, formats=["pdf"])
    assert re.search(r"长\.md:5: a line runs \d+ mm past the text block", caplog.text)


def test_a_tables_unit_line_is_set_flush_right_over_its_last_column(tmp_path):
    """A yearbook's unit line (单位：万人) between a table's caption and the table, made part of the
    caption, is set under its title flush right over the table, not at the text block's edge."""
    table = "| 地区 | 2023年 | 2024年 |\n| --- | ---: | ---: |\n| 青岚第1市 | 123.4 | 125.0 |\n"
    root = make_book(tmp_path, {"a.md": f"# 人口\n\n表2-1　各市常住人口\n\n单位：万人\n\n{table}"})
    [output] = paiban.build(root, formats=["pdf"])
    [page] = [number for number, text in enumerate(pdf_page_texts(output.path), 1) if "125.0" in text]
    words = words_on(output.path, page)
    unit = next(edges for word, edges in words.items() if word.endswith("万人"))
    assert words["125.0"][1] <= unit[1] < words["125.0"][1] + 10, (unit, words["125.0"])  # its cell's padding


def test_a_long_unit_line_over_a_narrow_table_stays_inside_the_text_block(tmp_path, caplog):
    """A unit line kept whole as a narrow table's caption ran from the table's left edge 13 mm past the
    text block, and paiban check said nothing: one wider than half the text block goes above the table
    with its title, flush right, and breaks there."""
    unit = "（金额单位：亿元，价格单位：元/吨，人口单位：万人）"
    root = make_book(tmp_path, {"a.md": f"# 窄表\n\n表1　两列\n\n{unit}\n\n| 项 | 值 |\n|---|---|\n| 甲 | 1 |\n"})
    [output] = paiban.build(root, formats=["pdf"])
    assert "past the text block" not in caplog.text
    assert words_outside_the_text_block(output.path, root) == []
    assert unit.replace(" ", "") in "".join(pdf_page_texts(output.path)).replace(" ", "").replace("\n", "")


def test_the_gaps_of_tabs_that_end_a_line_run_past_nothing(tmp_path, caplog):
    """A spreadsheet's rows pasted with tabs, run into one paragraph, were told to run 3 mm past the text
    block, to shorten their longest unbreakable piece: the gaps the tabs are set as (full-width
    spaces), which hang unseen past a line's end, were measured as the line's."""
    rows = "产品\t2023年\t2024年\t增长（%）\n粮食\t1,234.5\t1,260.1\t2.1\n油料\t89.0\t85.2\t-4.3\n"
    root = make_book(tmp_path, {"01-章/农产品.md": f"# 农产品\n\n{rows}蔬菜\t2,345.6\t2,400.0\t2.3\n"})
    [output] = paiban.build(root, formats=["pdf"])
    assert "2,400.0" in "".join(pdf_page_texts(output.path))
    assert words_outside_the_text_block(output.path, root) == []
    assert "past the text block" not in caplog.text


def test_two_tables_whose_long_captions_begin_alike_are_two_warnings(tmp_path, caplog):
    """Captions cut to their first characters named two tables alike, and the two made one warning."""
    row = "| " + " | ".join(["123456789012345"] * 6) + " |\n"
    table = f"| 甲 | 乙 | 丙 | 丁 | 戊 | 己 |\n{'| --- ' * 6}|\n{row}"
    caption = "表{}　各省份二〇一九年至二〇二三年的人口与经济数据统计一览（单位：万人、亿元）"
    text = f"# 表\n\n{caption.format(1)}\n\n{table}\n正文。\n\n{caption.format(2)}\n\n{table}"
    paiban.build(make_book(tmp_path, {"01-章/宽表.md": text}), formats=["pdf"])
    told = re.findall(r"宽表\.md:\d+: (.+?) runs \d+ mm past the text block", caplog.text.replace("\n", " "))
    assert len(told) == 2 and told[0] != told[1], told


def test_a_column_of_short_labels_beside_a_long_one_is_not_broken(tmp_path):
    """第10项 broke before its last character (第10 / 项) while the long column had room."""
    rows = "".join(f"| {n} | 第{n}项 | {'排版是一门关于秩序的手艺，它要求设计者在有限的版面里安排文字。' * 2} |\n"
                   for n in range(1, 13))
    root = make_book(tmp_path, {"a.md": f"# 表\n\n| 序号 | 项目 | 内容 |\n| --- | --- | --- |\n{rows}"})
    [output] = paiban.build(root, formats=["pdf"])
    text = "".join(pdf_page_texts(output.path))
    assert all(f"第{n}项" in text for n in range(1, 13))


def test_a_list_bullet_is_drawn_in_the_bold_headings_face(tmp_path):
    """The text face's • is a speck beside Chinese characters; the bold sans's reads as a bullet."""
    root = make_book(tmp_path, {"a.md": "# 题\n\n- 第一项\n- 第二项\n\n1. 编号的项\n"})
    [output] = paiban.build(root, formats=["pdf"])
    runs = drawn_in(output.path)
    assert {face for text, face in runs if text.strip() == "•"} == {"Noto-Sans-CJK-SC-Bold"}
    assert {face for text, face in runs if text.strip() == "1."} == {"Noto-Serif-CJK-SC"}


@pytest.mark.parametrize("letter_spacing", ["normal", "0.05em"])
def test_chinese_lines_are_justified_between_their_characters(letter_spacing):
    """WeasyPrint justifies by widening spaces only: a Chinese line with a Latin phrase opened
    its one space into a hole, and one with no space ended short. Now every line but the last
    ends flush, its slack shared between the characters (paiban.render.justify); a theme's
    own letter-spacing is kept. (A box but the line's last takes the gap after it as well.)"""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.line_break import Layout, line_size

    import paiban.render.justify  # noqa: F401  (the PDF renderer installs it by importing it)

    text = ("字体随书的语言而定：正文用思源宋体（Noto Serif CJK）的简体<span>、</span>台湾繁体或香港繁体"
            "版本，标题用思源黑体（Noto Sans CJK）<span>。</span>编辑不必手动挑选字体，只要在 book.toml "
            "里写明语言即可。") * 3  # (a mark alone in a span: as paiban's compressed marks are)
    document = HTML(string=f'<p lang="zh-Hans" style="width: 20em; margin: 0; text-align: justify; '
                           f'letter-spacing: {letter_spacing}; font: 10pt \'Noto Serif CJK SC\'">{text}</p>').render()

    def descendants(box):
        yield box
        for child in getattr(box, "children", ()):
            yield from descendants(child)

    paragraph = next(box for box in descendants(document.pages[0]._page_box) if box.element_tag == "p")
    lines = [box for box in descendants(paragraph) if isinstance(box, boxes.LineBox)]
    assert len(lines) > 5
    em = 10 / 0.75  # 10 pt in CSS px
    for line in lines[:-1]:
        texts = [box for box in descendants(line) if isinstance(box, boxes.TextBox)]
        right = max(box.position_x + box.width for box in texts)
        assert right == pytest.approx(paragraph.content_box_x() + paragraph.width, abs=0.5)
        assert max(box.justification_spacing for box in texts) < 0.5 * em  # no space opened into a hole
        for box in texts:  # and what Pango draws fits the room the layout made, the line's last box exactly
            drawn = Layout(box.style, box.justification_spacing)
            drawn.set_text(box.text, justify=True)
            width = line_size(drawn.get_first_line()[0], box.style)[0]
            assert width == pytest.approx(box.width, abs=0.05) if box is texts[-1] else width < box.width + 0.05


def drawn_glyphs(box) -> list[tuple[str, float, float]]:
    """The glyphs Pango draws for a justified text box, as WeasyPrint draws them: (the character
    a glyph begins with, its left edge, its advance set unjustified), in CSS px."""
    from weasyprint.text.ffi import TO_UNITS, pango
    from weasyprint.text.line_break import Layout

    def glyphs(justify: bool) -> list[tuple[str, float, float]]:
        layout = Layout(box.style, box.justification_spacing)
        layout.set_text(box.text, justify=justify)
        text, pen, found = box.text.encode(), 0, []
        run = pango.pango_layout_get_line_readonly(layout.layout, 0).runs
        while run:
            item, string = run.data.item, run.data.glyphs
            for n in range(string.num_glyphs):
                geometry = string.glyphs[n].geometry
                start = item.offset + string.log_clusters[n]
                character = text[start:].decode()[0]
                found.append((character, box.position_x + (pen + geometry.x_offset) / TO_UNITS,
                              geometry.width / TO_UNITS))
                pen += geometry.width
            run = run.next
        return found

    return [(character, left, advance)
            for (character, left, _), (_, _, advance) in zip(glyphs(True), glyphs(False), strict=True)]


def justified_lines(body: str, width: str, lang: str = "zh-Hans") -> tuple[list[list[tuple[str, float, float]]], float]:
    """Lay out a justified paragraph in ``lang`` (Simplified Chinese) ``width`` wide (15 px type);
    its lines' drawn glyphs (:func:`drawn_glyphs`), and where the text block ends on the right."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    import paiban.render.justify  # noqa: F401  (the PDF renderer installs it by importing it)

    document = HTML(string=f'<p lang="{lang}" style="width: {width}; margin: 0; text-align: justify; '
                           f'font: 15px \'Noto Serif CJK SC\'">{body}</p>').render()

    def descendants(box):
        yield box
        for child in getattr(box, "children", ()):
            yield from descendants(child)

    paragraph = next(box for box in descendants(document.pages[0]._page_box) if box.element_tag == "p")
    lines = [[glyph for box in descendants(line) if isinstance(box, boxes.TextBox) for glyph in drawn_glyphs(box)]
             for line in descendants(paragraph) if isinstance(line, boxes.LineBox)]
    return lines, paragraph.content_box_x() + paragraph.width


def gaps(glyphs: list[tuple[str, float, float]]) -> list[float]:
    """The space justification opened after each glyph but the last."""
    return [after[1] - (left + advance) for (_, left, advance), after in pairwise(glyphs)]


def test_a_stretched_lines_slack_is_shared_evenly_between_its_characters():
    """The first and last gaps of a stretched line were half as wide again as the others: Pango
    drops the outer half of a character's spacing at a text box's ends, and the half was made up
    inside the box. And no gap was opened where an inline element (a mark in its own span) began."""
    body = '甲甲甲<span>甲甲</span>甲<span>甲</span>甲甲甲<span style="white-space: nowrap">甲甲甲甲甲甲</span>'
    [line, _], right = justified_lines(body, "14.5em")
    assert len(line) == 10
    assert max(gaps(line)) - min(gaps(line)) < 0.05
    assert min(gaps(line)) > 7  # 4.5 em of slack in 9 gaps
    assert line[-1][1] + line[-1][2] == pytest.approx(right, abs=0.05)  # and the line ends flush


@pytest.mark.parametrize("pair", ["……", "——", "＿＿＿＿", "＿\u2060＿＿＿\u2060＿"])
def test_an_ellipsis_a_dash_or_a_blank_is_never_spaced_inside(pair):
    """A stretched line split …… into … …, and a blank to write in (＿＿＿＿) into several. The
    characters of a mark or a blank are not spaced, so the characters beside it give it only their
    own halves of a gap: half a gap on each side. A long blank's ends are kept with it by word
    joiners (typeset.units_kept), which part no blank."""
    body = f'甲甲甲甲{pair}甲甲甲<span style="white-space: nowrap">甲甲甲甲甲甲</span>'
    [line, _], right = justified_lines(body, "14.5em")
    marks = [n for n, (character, _, _) in enumerate(line) if character in pair]  # (Noto CJK draws —— as one)
    inside, beside = set(marks[:-1]), {marks[0] - 1, marks[-1]}
    gap = max(gaps(line))
    assert gap > 5
    for n, width in enumerate(gaps(line)):
        assert width == pytest.approx(0 if n in inside else gap / 2 if n in beside else gap, abs=0.05)
    assert line[-1][1] + line[-1][2] == pytest.approx(right, abs=0.05)


@pytest.mark.parametrize(("body", "lang"), [
    ("He didn’t know why the keeper’s lamp was “dim” at dusk—nor why the gulls sang on.", "en"),
    ('他读过 O’Neill 与 Boat—a “Novel” 的书<span style="white-space: nowrap">甲甲甲甲甲甲甲甲甲甲</span>', "zh-Hans"),
])
def test_marks_in_latin_text_are_not_spaced(body, lang):
    """’ ‘ “ ” — … were spaced as Chinese characters wherever they stood: a stretched English line
    read "didn ’t", "keeper ’s", "“dim ”", and so did the PDF's text. They are spaced only beside
    a Chinese character; in a Latin word, or in English text, they stay shut to its letters."""
    [line, *_], _ = justified_lines(body, "22em" if lang == "zh-Hans" else "20em", lang)
    assert max(gaps(line)) > 1  # the line is stretched
    for ((first, _, _), (second, _, _)), gap in zip(pairwise(line), gaps(line), strict=True):
        if {first, second} & set("’“”—") and " " not in (first, second):  # (a word space widens on both sides)
            assert gap == pytest.approx(0, abs=0.05), first + second


# An exercise book's blanks to write in: between Chinese marks, and after an answer's 答：, longer than
# the rest of its line, in ASCII _ and in full-width ＿.
BLANKS = ["（2）" + "_" * 18 + "，" + "_" * 18 + "。", "填空：______，______。", "（1）______；（2）______。",
          "依次为：____、____、____"]
EXERCISES = ("# 练习\n\n阅读下面的文字，完成第8、9题。" + "文字的内容从略。" * 8 + "\n\n" + "\n\n".join(BLANKS)
             + "\n\n8\\. 概括文章的主要内容。\n\n答：" + "_" * 62
             + "\n\n9\\. 作者为什么这样写？\n\n答：" + "＿" * 38 + "\n")


@pytest.fixture(scope="module")
def exercises(tmp_path_factory) -> dict:
    """An exercise book's EPUB and PDF, by format."""
    root = make_book(tmp_path_factory.mktemp("exercises"), {"01-语文/a.md": EXERCISES})
    return {output.format: output.path for output in paiban.build(root, formats=["epub", "pdf"])}


def test_blanks_between_chinese_marks_are_printed_not_read_as_bold(exercises):
    """Runs of _ with Chinese marks on both sides were read as pairs of __ (nested ones): in both
    formats the blanks were lost and the text between them set in bold, without a warning."""
    epub = re.sub(r"<[^<>]*>", "", epub_text(exercises["epub"]))
    pdf = "".join("".join(pdf_page_texts(exercises["pdf"])).split())
    assert [blank for blank in BLANKS if blank not in epub or blank not in pdf] == []
    assert "<strong" not in epub_text(exercises["epub"])


def test_an_answers_long_blank_starts_right_after_its_colon_and_fills_the_line(exercises):
    """答： and a blank longer than the rest of its line: the blank, one word to the engine (____) or
    kept in parts of ten (＿＿＿＿), went to the next line, or began in mid-line, and the line it
    left spread 答 and ： apart across the page. It now breaks where its first line ends."""
    xml = subprocess.run(["pdftotext", "-bbox", str(exercises["pdf"]), "-"], capture_output=True, check=True).stdout
    words = list(last_text_page(xml).iter("{*}word"))
    right = float(next(word for word in words if word.text.startswith("阅读")).get("xMax"))  # a full line's end
    answers = [word for word in words if word.text.startswith("答")]
    assert [word.text[:3] for word in answers] == ["答：_", "答：＿"]
    assert [float(word.get("xMax")) for word in answers] == pytest.approx([right, right], abs=0.5)


def test_quotes_and_dashes_beside_chinese_are_spaced_as_its_characters():
    """A Chinese line's “ ” and single — take their share of its slack, as its characters do."""
    body = '甲甲“甲甲”甲—甲<span style="white-space: nowrap">甲甲甲甲甲甲</span>'
    [line, _], right = justified_lines(body, "14.5em")
    assert max(gaps(line)) - min(gaps(line)) < 0.05
    assert min(gaps(line)) > 5
    assert line[-1][1] + line[-1][2] == pytest.approx(right, abs=0.05)


def test_the_pdfs_text_keeps_english_words_whole(tmp_path):
    """pdftotext read a justified English paragraph as "He didn ’ t know why the keeper ’ s lamp":
    the gaps justification opened beside the apostrophes were taken for spaces."""
    english = ("He didn’t know why the keeper’s lamp was “dim” at dusk, nor why the gulls sang on and on. "
               "She said it wasn’t the lamp’s fault: the oil’s “thin”, the wick’s short, and that’s all. ") * 3
    root = make_book(tmp_path, {"a.md": f"# 题\n\n::: {{lang=en}}\n{english}\n:::\n"})
    [output] = paiban.build(root, formats=["pdf"])
    words = " ".join(pdf_page_texts(output.path)).split()
    assert [word for word in words if word[0] in "’”"] == []
    assert words.count("didn’t") == words.count("“dim”") == 3


def test_nothing_outside_the_book_is_fetched(tmp_path):
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }", encoding="utf-8")
    root = make_book(tmp_path / "b", {
        "a.md": f'# 甲\n\n<img src="http://127.0.0.1:{port}/img.png" alt="x"/>\n\n正文。\n',
        "styles/print.css": (
            f'@import url("http://127.0.0.1:{port}/import.css");\n'
            f'@import url("{secret.as_uri()}");\n'
            f'body {{ background: url("http://127.0.0.1:{port}/bg.png"); }}\n'
            f'@font-face {{ font-family: X; src: url("http://127.0.0.1:{port}/f.woff"); }}\n'),
    })
    try:
        [output] = paiban.build(root, formats=["pdf"])
    finally:
        server.shutdown()
    assert requests == []
    assert output.pages >= 1


def test_a_font_that_is_not_installed_is_a_clear_error(tmp_path):
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n"},
                     '[book]\ntitle = "书"\n[fonts]\nserif = ["No Such Font Serif"]\n')
    with pytest.raises(PaibanError) as caught:
        paiban.build(root, formats=["pdf"])
    assert "no font for text is installed" in caught.value.message
    assert "[fonts]" in caught.value.hint
    assert (caught.value.file.name, caught.value.line) == ("book.toml", 4)


def test_missing_first_choice_falls_back_with_a_warning(tmp_path, caplog):
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n"},
                     '[book]\ntitle = "书"\n[fonts]\nserif = ["No Such Font", "Noto Serif CJK SC"]\n')
    [output] = paiban.build(root, formats=["pdf"])
    assert "'No Such Font' for text is not installed" in caplog.text
    assert any("Noto-Serif-CJK-SC" in font["name"] for font in pdf_fonts(output.path))


def _text_by_font(pdf: Path) -> dict[str, str]:
    """The text each font of ``pdf`` draws (by its name, the subset's tag left out), blanks aside."""
    drawn: dict[str, str] = {}

    def visit(text, _cm, _tm, font, _size):
        if font is not None and text.strip():
            name = str(font["/BaseFont"]).partition("+")[2]
            drawn[name] = drawn.get(name, "") + "".join(text.split())

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return drawn


def test_an_emoji_font_in_a_font_list_draws_the_emoji_alone(tmp_path):
    """Added after the others in [fonts], as the glyph check advised, Noto Color Emoji drew every
    digit of the book and the spaces beside them (grey and wide: 2 0 2 4), and a Uyghur line ran off
    the page: fontconfig's configuration asks a list naming an emoji font for a colour face first.
    It draws what the fonts before it lack, as any family of a list. (Its stand-in here: a colour
    font of that name, which fontconfig counts as the emoji font; installed for the build alone.)"""
    made_font(tmp_path / "fonts" / "emoji.ttf", "Noto Color Emoji", "0123456789 #*📷", colour=True)
    book = make_book(tmp_path / "b", {"a.md": "# 表情\n\n2024 年出版，定价 35 元。我拍了照片📷。\n"},
                     '[book]\ntitle = "书"\n[fonts]\n'
                     'serif = ["Noto Serif CJK SC", "DejaVu Serif", "Noto Color Emoji"]\n')
    built = subprocess.run([sys.executable, "-m", "paiban", "build", "-f", "pdf", str(book)], capture_output=True,
                           text=True, env=with_fonts_installed(tmp_path / "fonts"), check=False)
    assert built.returncode == 0, built.stderr
    drawn = _text_by_font(book / "build" / "b.pdf")
    assert drawn["Noto-Color-Emoji"] == "📷"
    assert "2024年出版，定价35元。" in drawn["Noto-Serif-CJK-SC"]


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="80">{}</svg>'
SVG_TEXT = '<text x="10" y="50" font-size="40"{}>直角骨写 Ag</text>'


@pytest.mark.parametrize(("convert", "region"), [(None, "SC"), ("s2tw", "TC")])
def test_svg_text_is_set_in_the_editions_fonts_unless_it_names_an_installed_one(tmp_path, convert, region):
    """WeasyPrint draws an SVG as a document of its own, which fonts.css does not reach: text naming
    no font, a generic one or one not installed was set in fontconfig's defaults, Noto Sans CJK JP
    (Japanese forms of 直, 骨, 写) and DejaVu Sans. A family the SVG names that is installed stays."""
    files = {"a.md": "# 甲\n\n正文。\n\n![无字体](a.svg)\n\n![有字体](b.svg)\n",
             "a.svg": SVG.format(SVG_TEXT.format("") + SVG_TEXT.format(' font-family="sans-serif"')
                                 + SVG_TEXT.format(' style="font-family: \'No Such Font\', serif"')),
             "b.svg": SVG.format('<style>.named { font-family: "DejaVu Serif", serif }</style>'
                                 + SVG_TEXT.format(' class="named"'))}
    [output] = paiban.build(make_book(tmp_path / "b", files), formats=["pdf"], convert=convert)
    names = {font["name"].partition("+")[2] for font in pdf_fonts(output.path)}
    assert f"Noto-Sans-CJK-{region}" in names and "DejaVu-Serif" in names
    assert {name for name in names if f"-CJK-{region}" not in name} == {"DejaVu-Serif"}


def test_an_svgs_font_families_end_in_the_editions_for_their_generic_family():
    """The root names the edition's sans (the SVG's own font-family wins over it); a family that is
    installed or brought by the SVG's @font-face stays; @font-face itself and `inherit` are kept."""
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg"><style>@font-face { font-family: Mine; src: url(m.woff) }'
           b' .a { font-family: Mine, Helvetica, monospace } .b { font-family: inherit }</style>'
           b'<text font-family="\'DejaVu Serif\', serif">a</text><text style="font-family: Arial">b</text></svg>')
    root = etree.fromstring(in_edition_fonts(svg, Path("a.svg"), fonts_for("zh-Hant-HK")))
    sheet = root[0].text
    sans = '"Noto Sans CJK HK","Noto Sans","DejaVu Sans",sans-serif'  # with the defaults' Latin fallback
    assert root.get("font-family") == sans
    assert "@font-face { font-family: Mine;" in sheet and ".b { font-family: inherit; }" in sheet
    assert '.a { font-family: "Mine","Noto Sans Mono CJK HK","DejaVu Sans Mono",monospace; }' in sheet
    assert root[1].get("font-family") == '"DejaVu Serif","Noto Serif CJK HK","Noto Serif",serif'
    assert root[2].get("style") == f'font-family: {sans};'


def test_an_svgs_text_in_a_serif_generic_family_takes_the_editions_serif():
    """fangsong (仿宋: a Song, a serif, with brush-like strokes) and math (a serif by tradition) took
    the sans in an SVG: render.svg read font-family with a parser and roles of its own."""
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg"><text font-family="Nope, fangsong">a</text>'
           b'<text style="font-family: math">b</text></svg>')
    fonts = fonts_for("zh-Hans")
    root = etree.fromstring(in_edition_fonts(svg, Path("a.svg"), fonts))
    serif = ",".join(f'"{name}"' for name in fonts.serif)
    assert root[0].get("font-family") == f"{serif},fangsong"
    assert root[1].get("style") == f"font-family: {serif},math;"


def test_what_weasyprint_cannot_draw_is_left_out_of_an_svgs_copy_in_the_pdf_with_a_warning(caplog):
    """WeasyPrint left out an SVG whose DOCTYPE declares an entity in a file, or whose sheet has an
    @import, saying only that it failed."""
    svg = (b'<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
           b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(a.css); rect { fill: red }</style>'
           b'<text>\xe5\x9b\xbe&x;</text></svg>')
    copy = ElementTree.fromstring(in_edition_fonts(svg, Path("a.svg"), fonts_for("zh-Hans")))  # as WeasyPrint reads
    assert copy.find("{http://www.w3.org/2000/svg}text").text == "图"
    assert "@import" not in copy.find("{http://www.w3.org/2000/svg}style").text
    assert "a.svg: left out of the PDF's copy of this SVG: &x;, @import" in caplog.text


def test_an_svgs_picture_from_the_web_is_left_out_of_the_pdf_naming_the_svg_and_its_article(tmp_path, caplog):
    """The fetcher's warning named the URL alone (refused to load http://…): not the SVG that
    asked for it, nor the article showing that. A picture of the book beside the SVG is drawn."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="300" '
           'height="200"><image xlink:href="http://example.com/track.png" width="50" height="50"/>'
           '<image href="dot.png" x="100" width="50" height="50"/><a href="http://example.com/">地图</a></svg>')
    dot = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(dot, "PNG")
    root = make_book(tmp_path / "b", {"01/a.md": "# 甲\n\n![老街地图](img/map.svg)\n", "01/img/map.svg": svg,
                                      "01/img/dot.png": dot.getvalue()})
    [output] = paiban.build(root, formats=["pdf"], output=tmp_path / "out")
    warned = [record.getMessage() for record in caplog.records if "example.com" in record.getMessage()]
    assert warned == [f"{root / '01/img/map.svg'}, shown in {root / '01/a.md'}: left out of the PDF's copy of this "
                      "SVG: <image href='http://example.com/track.png'> (only files inside the book and its theme "
                      "are read)"]
    page = next(number for number, text in enumerate(pdf_page_texts(output.path), 1) if "地图" in text)
    png = subprocess.run(["pdftoppm", "-r", "72", "-f", str(page), "-l", str(page), "-png", str(output.path)],
                         check=True, capture_output=True).stdout
    assert (255, 0, 0) in {colour for _, colour in Image.open(io.BytesIO(png)).convert("RGB").getcolors(100_000)}


@pytest.mark.parametrize("pieced", [False, True])
def test_a_pdf_with_pictures_is_the_same_wherever_the_book_is_built(tmp_path, pieced):
    """WeasyPrint names each picture after the MD5 of its URL, the file's absolute ``file://``
    URL: the same book gave another PDF in each directory it was built in (a checkout, a CI
    workspace), an article's picture, one an SVG shows and one of the book's templates alike."""
    from test_pieces import render

    def png(colour: str) -> bytes:
        picture = io.BytesIO()
        Image.new("RGB", (40, 30), colour).save(picture, "PNG")
        return picture.getvalue()

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><rect width="80" height="40"/>'
           '<image href="dot.png" width="20" height="20"/></svg>')
    titlepage = (SAMPLE_BOOK.parent / "styles" / "_titlepage.html").read_text(encoding="utf-8")
    here = make_book(tmp_path / "here" / "book", {
        "01-甲/a.md": "# 甲\n\n![红](../img/red.png)\n", "02-乙/b.md": "# 乙\n\n![图](../img/map.svg)\n",
        "img/red.png": png("red"), "img/map.svg": svg, "img/dot.png": png("blue"), "styles/logo.png": png("green"),
        "styles/_titlepage.html": titlepage.replace("</section>", '<img src="logo.png" alt="社标" /></section>', 1)})
    there = shutil.copytree(here, tmp_path / "there" / "另一处" / "book")
    made = [render(root, tmp_path / f"{number}.pdf", piece_characters=1 if pieced else 10**9).path.read_bytes()
            for number, root in enumerate([here, there])]
    assert made[0].count(b"/Subtype /Image") == 3
    assert made[0] == made[1]


def test_an_svg_that_is_no_xml_is_named_with_why_the_pdf_leaves_it_out(caplog):
    in_edition_fonts(b'<svg xmlns="http://www.w3.org/2000/svg"><text>&nbsp;</text></svg>', Path("a.svg"),
                     fonts_for("zh-Hans"))
    assert "a.svg:1: the SVG image is not well-formed XML: Entity 'nbsp' not defined" in caplog.text
    assert "; the PDF leaves it out" in caplog.text


def test_no_line_starts_with_closing_punctuation(sample, long_converted_pdf):
    for path in (sample["pdf"], sample["tw-pdf"], sample["hk-pdf"], long_converted_pdf):
        starts, ends = line_edges(path)
        assert starts and not [s for s in starts if s in CLOSING], path
        assert not [e for e in ends if e in OPENING], path


def test_no_heading_is_left_alone_at_the_foot_of_a_page(sample):
    book = assemble(load_config(SAMPLE_BOOK))
    headings = {re.sub(r"\s+", "", h.text_content()) for a in book.articles
                for h in lxml_html.fragment_fromstring(a.body, create_parent="div").iter("h3", "h4")}
    headings |= {re.sub(r"\s+", "", a.title) for a in book.articles}
    assert len(headings) > 5
    for number, text in enumerate(pdf_page_texts(sample["pdf"]), 1):
        lines = [re.sub(r"\s+", "", line) for line in text.splitlines() if line.strip()]
        if len(lines) > 2:
            assert lines[-2] not in headings, (number, lines[-2])  # [-1] is the folio


def test_ruby_prints_its_annotation_in_parentheses_after_its_base(tmp_path):
    """WeasyPrint cannot set rt above its base and hides rp: 漢ㄏㄢˋ字 ran together. The annotation
    now follows its base in parentheses, whether the source wrote rp or not."""
    root = make_book(tmp_path, {"a.md": "# 题\n\n注音：<ruby>汉<rp>(</rp><rt>ㄏㄢˋ</rt><rp>)</rp></ruby>字，"
                                        "<ruby>字<rt>ㄗˋ</rt></ruby>。\n"})
    [output] = paiban.build(root, formats=["pdf"], convert="s2tw")
    assert "注音：漢（ㄏㄢˋ）字，字（ㄗˋ）。" in pdf_page_texts(output.path)[last_text_page_number(output.path) - 1]


def annotated(text: str, readings: str) -> str:
    """``text`` with a reading on every character (``readings``, a space between them), as a
    children's pinyin reader sets it: a ruby each."""
    return "".join(f"<ruby>{char}<rt>{reading}</rt></ruby>"
                   for char, reading in zip(text, readings.split(), strict=True))


PINYIN_STORY = annotated("小兔子抬头看天月亮不见了小兔子的头发被风吹乱了它一点儿也不怕冷回到家里妈妈做了一碗面条",
                         "xiǎo tù zi tái tóu kàn tiān yuè liang bú jiàn le xiǎo tù zi de tóu fa bèi fēng chuī luàn le "
                         "tā yì diǎn r yě bú pà lěng huí dào jiā lǐ mā ma zuò le yì wǎn miàn tiáo")


def test_a_line_never_ends_between_a_base_and_its_reading_nor_inside_a_reading(tmp_path):
    """Five line ends in seven fell between a character and its （reading）, the next line starting
    with a reading that belonged to the line above (天 / （tiān）), and a word's reading broke
    inside itself (下面（xià / miàn）). A ruby, its base and its reading, is now never broken."""
    paragraph = (PINYIN_STORY + "，<ruby>下面<rt>xià miàn</rt></ruby>。") * 3
    [output] = paiban.build(make_book(tmp_path, {"a.md": f"# 注音\n\n{paragraph}\n"}), formats=["pdf"])
    lines = [re.sub(r"\s+", "", line) for page in pdf_page_texts(output.path) for line in page.splitlines()
             if "（" in line or "）" in line]
    assert len(lines) > 10
    for line in lines:
        assert not line.startswith("（") and line.count("（") == line.count("）"), line


def test_a_ruby_wider_than_a_line_breaks_between_its_pairs_and_in_a_long_reading(tmp_path, caplog):
    """Print kept each ruby whole, so a sentence under one ruby with a translation (an rtc) over it,
    or a long word's reading, ran off the page: （The little c and （zhōng huá rén mín gòng hé guó guó ji
    ended at its edge, the rest not printed. A line may now end between a ruby's pairs, and inside a
    reading too long for one, each short pair still whole."""
    bases, readings = "小猫在后面睡觉", "xiǎo māo zài hòu miàn shuì jiào".split()
    sentence = ("<ruby>" + "".join(f"<rb>{base}</rb>" for base in bases)
                + "<rtc>" + "".join(f"<rt>{reading}</rt>" for reading in readings) + "</rtc>"
                + "<rtc>The little cat is sleeping behind the house, quietly and peacefully.</rtc></ruby>，真好。")
    word = "<ruby>中华人民共和国国家标准汉字编码字符集<rt>zhōng huá rén mín gòng hé guó guó jiā biāo zhǔn hàn zì " \
           "biān mǎ zì fú jí</rt></ruby>是一个很长的词。"
    root = make_book(tmp_path, {"a.md": f"# 注音\n\n{sentence}\n\n{word}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    text = " ".join(pdf_page_texts(output.path)[last_text_page_number(output.path) - 1].split())
    assert "quietly and" in text and "peacefully.）" in text and "zì fú jí）是一个很长的词。" in text
    assert "小（xiǎo） 猫（māo）" in text and "觉（jiào）（The" in text
    assert words_outside_the_text_block(output.path, root) == []
    assert "past the text block" not in caplog.text


def test_an_empty_reading_prints_nothing(tmp_path):
    """A mark set in the ruby grid with an empty reading, as pinyin tools write it
    (<ruby>，<rt></rt></ruby>), printed （） after it: print.css added the parentheses all the same."""
    text = ("<ruby>说<rt>shuō</rt></ruby><ruby>完<rt>wán</rt></ruby><ruby>，<rt></rt></ruby>"
            "<ruby>游<rt>yóu</rt></ruby><ruby>走<rt>zǒu</rt></ruby><ruby>。<rt></rt></ruby>")
    [output] = paiban.build(make_book(tmp_path, {"a.md": f"# 注音\n\n{text}\n"}), formats=["pdf"])
    page = "".join(pdf_page_texts(output.path)[last_text_page_number(output.path) - 1].split())
    assert "说（shuō）完（wán），游（yóu）走（zǒu）。" in page


def test_a_justified_lines_slack_goes_between_rubies_not_inside_their_parentheses(tmp_path):
    """Justification spaced the （ print.css adds like any Chinese character: its slack went between
    a base and its （ and between the （ and the reading, 天 （ tiān） 黑 （ hēi）, while the short last
    line set 天（tiān） tight. A ruby is one unit now, the gap after it."""
    paragraph = (PINYIN_STORY + "，") * 3
    [output] = paiban.build(make_book(tmp_path, {"a.md": f"# 注音\n\n{paragraph}\n"}), formats=["pdf"])
    lines = [line.strip() for page in pdf_page_texts(output.path) for line in page.splitlines() if "（" in line]
    assert len(lines) > 10
    for line in lines:
        assert not re.search(r"\s（|（\s|\s）", line), line
    assert sum(bool(re.search(r"）\s+\w", line)) for line in lines) > len(lines) / 2  # (the slack is after each ruby)


def test_a_mark_beside_a_ruby_stands_tight_to_it_in_a_justified_line(tmp_path):
    """A ruby took its gap after it before a closing mark too, and the text before a ruby the gap
    after its opening mark: a stretched line read 了（le） ， 小（xiǎo） and 妈（ma） ： “ 月（yuè）. A
    mark beside a ruby is of its unit, as beside a character: the gap is on its other side."""
    sentence = (annotated("它问妈妈", "tā wèn mā ma") + "：“" + annotated("月亮去哪儿了", "yuè liang qù nǎ r le")
                + "？”" + annotated("天黑了", "tiān hēi le") + "，"
                + annotated("小兔子抬头看", "xiǎo tù zi tái tóu kàn") + "。")
    [output] = paiban.build(make_book(tmp_path, {"a.md": f"# 注音\n\n{sentence * 4}\n"}), formats=["pdf"])
    lines = [line.strip() for page in pdf_page_texts(output.path) for line in page.splitlines() if "（" in line]
    assert len(lines) > 6 and sum(bool(re.search(r"）\s+\w", line)) for line in lines) > len(lines) / 2
    for line in lines:
        assert not re.search(r"）\s+[，。：？”]|“\s", line), line


# Dialogue as a children's pinyin reader sets it, at A5 and 16 pt: two or three rubies to a line, so
# a line stretched by its justification shows what each unit of it is.
DIALOGUE = "大狗说：“你好！”小猫说：“你好！”" * 6
DIALOGUE_SYLLABLES = dict(zip("大狗说你好小猫", "dà gǒu shuō nǐ hǎo xiǎo māo".split(), strict=True))
LARGE_PRINT = '[book]\ntitle = "格"\n[pdf]\nsize = "A5"\nfont-size = "16pt"\n'


def _dialogue_lines(path: Path) -> dict[str, list[str]]:
    """The lines with a reading in them of each article of ``path`` (by its title), as pdftotext lays them out."""
    lines: dict[str, list[str]] = {}
    for line in "\n".join(pdf_page_texts(path)).splitlines():
        if line.strip() in ("甲", "乙"):
            lines[line.strip()] = []
        elif lines and "（" in line:
            lines[list(lines)[-1]].append(" ".join(line.split()))
    return lines


def test_a_mark_in_the_ruby_grid_ends_a_line_as_the_mark_written_in_the_text_does(tmp_path):
    """A pinyin tool sets each mark in its own ruby with an empty reading (<ruby>：<rt></rt></ruby>).
    Print kept each ruby whole, so no line ended between ： and “ there: 说（shuō）：“你（nǐ） was
    one block, and the line before it held two syllables five characters apart. Such a mark is
    set as the text it is, and its paragraph prints line for line as with its marks in the text."""
    def written(grid: bool) -> str:
        return "".join(f"<ruby>{character}<rt>{DIALOGUE_SYLLABLES.get(character, '')}</rt></ruby>"
                       if grid or character in DIALOGUE_SYLLABLES else character for character in DIALOGUE)
    root = make_book(tmp_path, {"01-a.md": f"# 甲\n\n{written(grid=False)}\n",
                                "02-b.md": f"# 乙\n\n{written(grid=True)}\n"}, LARGE_PRINT)
    [output] = paiban.build(root, formats=["pdf"])
    lines = _dialogue_lines(output.path)
    assert len(lines["甲"]) > 10 and sum(line.endswith("：") for line in lines["甲"]) > 3
    assert lines["乙"] == lines["甲"]


@pytest.mark.parametrize(("convert", "closing"), [(None, "”"), ("s2tw", "」")])
def test_closing_marks_in_a_row_after_a_ruby_stand_tight_to_it_in_a_justified_line(tmp_path, convert, closing):
    """Justification took a ruby's unit to end at the first mark after it: on a stretched line the
    gap before the next ruby opened between ！ and its closing quote, 好（hǎo）！ ” 小（xiǎo）, the
    quote left alone (好（hǎo）！ 」 in Taiwan). The marks in a row after a ruby are all of its unit."""
    text = "".join(f"<ruby>{character}<rt>{DIALOGUE_SYLLABLES[character]}</rt></ruby>"
                   if character in DIALOGUE_SYLLABLES else character for character in DIALOGUE)
    [output] = paiban.build(make_book(tmp_path, {"a.md": f"# 甲\n\n{text}\n"}, LARGE_PRINT),
                            formats=["pdf"], convert=convert)
    lines = _dialogue_lines(output.path)["甲"]
    assert sum(f"！{closing} " in line for line in lines) > 3  # (in mid-line, which is stretched)
    assert [line for line in lines if re.search(rf"！\s+{closing}", line)] == []


def test_a_note_holding_a_list_and_a_quotation_prints_them_in_the_foot_not_in_the_body(tmp_path):
    """The list printed in the body after the note's call (and the quotation's ↑ with it)."""
    note = "[^1]: 说明如下：\n\n    1. 第一条理由\n    2. 第二条理由\n\n    > 引用一句话。\n"
    root = make_book(tmp_path / "b", {"a.md": f"# 甲\n\n第一段正文[^1]，接着写完这一句。\n\n第二段正文。\n\n{note}"})
    [output] = paiban.build(root, formats=["pdf"])
    text = "".join(pdf_page_texts(output.path)[last_text_page_number(output.path) - 1].split())
    assert "第一段正文1，接着写完这一句。第二段正文。" in text
    assert "说明如下：1.第一条理由2.第二条理由引用一句话。" in text and "↑" not in text


def test_a_notes_paragraphs_items_and_quotation_each_start_a_line_in_the_foot(tmp_path, caplog):
    """A note's paragraphs ran together in print (第一段。 第二段。), a quotation in it ran on into
    the paragraph after it; the EPUB kept them apart."""
    note = ("[^1]: 第一段注文。\n\n    第二段注文。\n\n    > 引文一句。\n\n    第三段注文。\n\n"
            "    1. 甲项\n    2. 乙项\n")
    root = make_book(tmp_path / "b", {"a.md": f"# 甲\n\n正文[^1]。\n\n{note}"})
    [output] = paiban.build(root, formats=["pdf"])
    number = last_text_page_number(output.path)
    lines = [line.strip() for line in pdf_page_texts(output.path)[number - 1].splitlines() if line.strip()]
    foot = lines[next(index for index, line in enumerate(lines) if "第一段注文" in line):]
    assert foot[:6] == ["1.   第一段注文。", "第二段注文。", "引文一句。", "第三段注文。", "1. 甲项", "2. 乙项"]
    words = words_on(output.path, number)
    assert words["引文一句。"][0] > words["第一段注文。"][0] and words["第三段注文。"][0] > words["第一段注文。"][0]
    assert not caplog.records  # (a list in a note ran a line past the foot of the page)


@pytest.mark.parametrize(("caption", "lines"), [
    ("表1-1　一张表格", 1),
    ("表1-2　一张只有两栏的表格，它的标题长过二十个字", 1),  # fits the measure: still one line, the table as wide
    ("表1-3　" + "一张只有两栏的表格，它的标题长过一行能放下的字数，" * 2, 2),  # longer than the measure: it wraps
])
def test_a_narrow_tables_caption_is_one_line_when_it_fits_the_text_block(tmp_path, caption, lines):
    """A caption was as wide as its table: a two-column table's broke 表1-1　一 / 张表格, a long one
    a character a line. (The caption is set above the table, centred: see the test below.)"""
    root = make_book(tmp_path, {"a.md": f"# 表\n\n{caption}\n\n| 甲 | 乙 |\n| --- | --- |\n| 一 | 二 |\n"})
    [output] = paiban.build(root, formats=["pdf"])
    page = pdf_page_texts(output.path)[last_text_page_number(output.path) - 1]
    start = next(number for number, line in enumerate(page.splitlines()) if caption[:3] in line)
    rows = [line for line in page.splitlines()[start:] if line.strip()]
    assert len(rows[:next(number for number, line in enumerate(rows) if "甲" in line)]) == lines, rows
    assert ''.join(''.join(rows).split()).startswith(''.join(caption.split()))  # all of it above the table


def test_a_tables_caption_is_centred_above_it_and_never_parted_from_it_by_a_page_break(tmp_path):
    """A 表N caption was a body paragraph: indented 2em, and left at a page's foot apart from its table."""
    parts = ["# 表"]
    for n in range(1, 25):  # captions at many heights of the page: some fall at its foot
        parts += ["排版是一门关于秩序的手艺，它要求设计者在有限的版面里安排文字。" * (n % 7 + 1), f"表{n}　第{n}种价格",
                  f"| 产地{n} | 白绵纸价格 | 竹纸价格 |\n| --- | --- | --- |\n| 江西 | 120 | 40 |\n| 福建 | 110 | 35 |"]
    [output] = paiban.build(make_book(tmp_path, {"a.md": "\n\n".join(parts) + "\n"}), formats=["pdf"])
    pages = pdf_page_texts(output.path)
    parted = [n for n in range(1, 25) for text in pages if f"第{n}种价格" in text and f"产地{n}" not in text]
    assert parted == []
    number = next(number for number, text in enumerate(pages, 1) if "第1种价格" in text)
    words = words_on(output.path, number)
    first_line = next(edges for word, edges in words.items() if word.startswith("排版是一门"))
    left, right = first_line[0] - 21.0, first_line[1]  # its start less the 2em indent; a full line's end
    caption = (words["表1"][0] + words["第1种价格"][1]) / 2  # (a table narrower than its caption wraps it)
    assert abs(caption - (left + right) / 2) < 1, (caption, left, right)


def test_an_album_caption_under_a_picture_is_its_caption_and_a_sentence_about_it_a_paragraph(tmp_path):
    """图2　与母亲在外滩 (与 after the full-width space) was printed as a body paragraph, indented, the
    picture's alt text as its caption above it; 图1 中可以看到…… is a sentence and stays one."""
    text = "排版是一门关于秩序的手艺，它要求设计者在有限的版面里安排文字。" * 2
    article = (f"# 合影\n\n{text}\n\n![老屋](p.png){{width=60}}\n\n图1 中可以看到老屋的门\n\n"
               "![外滩合影](p.png){width=60}\n\n图2　与母亲在外滩，1978年\n")
    root = make_book(tmp_path, {"a.md": article, "p.png": PNG})
    outputs = {output.format: output.path for output in paiban.build(root, formats=["epub", "pdf"])}
    chapter = epub_text(outputs["epub"])
    assert "<figcaption>图2　与母亲在外滩，1978年</figcaption></figure>" in chapter
    assert '<figcaption aria-hidden="true">老屋</figcaption></figure>\n<p>图1 中可以看到老屋的门</p>' in chapter
    number = last_text_page_number(outputs["pdf"])
    words = words_on(outputs["pdf"], number)
    first_line = next(edges for word, edges in words.items() if word.startswith("排版是一门"))
    left, right = first_line[0] - 21.0, first_line[1]  # its start less the 2em indent; a full line's end
    caption = (words["图2"][0] + words["与母亲在外滩，1978年"][1]) / 2
    assert abs(caption - (left + right) / 2) < 1, (caption, left, right)
    assert "外滩合影" not in words and "老屋" in words  # the alt text is no caption when one is written
    assert words["图1"][0] == first_line[0]  # the sentence is indented as the paragraph above it


def tables_at_every_height(tmp_path, rows: int) -> list[str]:
    """The pages of a book of 24 tables of ``rows`` rows (表N, a header 产地N, rows 第M行N), each after
    text of another length, so some fall at a page's foot."""
    parts = ["# 表"]
    for n in range(1, 25):
        body = "\n".join(f"| 第{m}行{n} | 120 | 40 |" for m in range(1, rows + 1))
        parts += ["排版是一门关于秩序的手艺，它要求设计者在有限的版面里安排文字。" * (n % 7 + 1), f"表{n}　第{n}种价格",
                  f"| 产地{n} | 白绵纸价格 | 竹纸价格 |\n| --- | --- | --- |\n{body}"]
    [output] = paiban.build(make_book(tmp_path, {"a.md": "\n\n".join(parts) + "\n"}), formats=["pdf"])
    return pdf_page_texts(output.path)


@pytest.mark.parametrize("rows", [2, 6])
def test_a_short_table_is_kept_on_one_page_with_its_caption(tmp_path, rows):
    """A table of a caption, a header and two rows was split a row a page: its caption, header and
    first row at a page's foot, its header again and its second row on the next. A short table is
    kept whole, as a short box is."""
    pages = tables_at_every_height(tmp_path, rows)
    split = [n for n in range(1, 25) for text in pages if f"第{n}种价格" in text
             and not all(f"第{m}行{n} " in text for m in range(1, rows + 1))]
    assert split == []


def test_a_long_tables_first_and_last_rows_are_never_alone_on_a_page(tmp_path):
    """A table too long to keep whole broke wherever its page ended: its caption, header and first
    row alone at a page's foot, or its last row alone at the next page's head."""
    rows = 14
    pages = tables_at_every_height(tmp_path, rows)
    alone = [(n, m) for n in range(1, 25) for m, beside in ((1, 2), (rows, rows - 1)) for text in pages
             if f"第{m}行{n} " in text and f"第{beside}行{n} " not in text]
    assert alone == []
    assert any(f"第1行{n} " in text and f"第{rows}行{n} " not in text for n in range(1, 25) for text in pages)


def test_a_bibliographys_entries_hang_and_are_not_justified(tmp_path):
    """Each entry had the text's 2em first-line indent, its other lines at the margin, and was justified."""
    entry = ("Skinner, G. William. Cities and the Hierarchy of Local Systems. In The City in Late Imperial "
             "China, edited by G. William Skinner, 275–351. Stanford: Stanford University Press, 1977.")
    text = ("# 参考文献\n\n正文排版是一门关于秩序的手艺，它要求设计者在有限的版面里安排文字。\n\n"
            f"::: bibliography\n{entry}\n:::\n")
    [output] = paiban.build(make_book(tmp_path, {"a.md": text}), formats=["pdf"])
    xml = subprocess.run(["pdftotext", "-bbox", str(output.path), "-"], capture_output=True, check=True).stdout
    page = next(page for page in etree.fromstring(xml).iter("{*}page") if "Skinner," in etree.tostring(page).decode())
    lines: dict[float, list[tuple[float, float, str]]] = {}  # the words of each line, by its top
    for word in page.iter("{*}word"):
        lines.setdefault(round(float(word.get("yMin")), 1), []).append(
            (float(word.get("xMin")), float(word.get("xMax")), word.text))
    body = next(words[0][0] for words in lines.values() if words[0][2].startswith("正文"))
    entry = [sorted(words) for top, words in sorted(lines.items())
             if top >= next(top for top, words in lines.items() if words[0][2] == "Skinner,")
             and top <= next(top for top, words in lines.items() if words[-1][2] == "1977.")]
    assert round(entry[0][0][0] - (body - 21.0), 1) == 0  # the entry's first line at the margin
    assert len(entry) >= 3 and {round(words[0][0] - entry[0][0][0], 1) for words in entry[1:]} == {21.0}  # 2em in
    gaps = [second[0] - first[1] for words in entry for first, second in pairwise(words)]
    assert max(gaps) < 4, gaps  # word spaces, not a justified line's gaps


def last_text_page(bbox: bytes):
    """The last page of pdftotext's ``-bbox`` output that has text (a blank verso may follow it)."""
    return [page for page in etree.fromstring(bbox).iter("{*}page") if page.find(".//{*}word") is not None][-1]


def last_text_page_number(path) -> int:
    """The number (from 1) of the PDF's last page with text (a blank verso may follow it)."""
    return max(number for number, text in enumerate(pdf_page_texts(path), 1) if text.strip())


EIGHT_YEARS = ("| 年份 | " + " | ".join(f"{year}年" for year in range(2017, 2025)) + " |\n|:--|" + "--:|" * 8 + "\n"
               + "".join(f"| 指标{row} | " + " | ".join(f"{(row * 7919 + 104761 * year) % 900000 + 100000:,}.0{year}"
                                                          for year in range(8)) + " |\n" for row in range(1, 5)))


def test_a_table_of_many_numbers_fits_by_smaller_type_then_breaking_its_numbers_not_its_labels(tmp_path, caplog):
    """Nine columns of 107,919.00 on A5: the 2024 column ran off the page, and 指标1 broke a character
    a line, which freed nothing. It is set in smaller type and its numbers break after a separator."""
    root = make_book(tmp_path, {"a.md": f"# 数据\n\n正文。\n\n{EIGHT_YEARS}"})
    [output] = paiban.build(root, formats=["pdf"])
    assert "past the text block" not in caplog.text
    assert words_outside_the_text_block(output.path, root) == []
    [page] = [number for number, text in enumerate(pdf_page_texts(output.path), 1) if "年份" in text]
    words = words_on(output.path, page)
    assert {"指标1", "指标4", "2024年"} <= set(words)
    assert "".join(pdf_page_texts(output.path)).replace("\n", "").count(",") == 32  # every number printed


MONTHLY = ("| 月份 | 工业增加值（亿元） | 同比增长（%） | 累计增长（%） | CPI（上年同月=100） | PPI（上年同月=100） "
           "| 用电量（万kW·h） |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
           "| 1月 | 101.25 | 4.8 | 4.8 | 100.6 | 98.7 | 214,503 |\n"
           "| 10月 | 116.02 | 5.0 | 5.1 | 100.1 | 100.3 | 210,533 |\n"
           "| 全年 | 1,364.52 | — | 5.2 | 100.2 | 99.5 | 2,717,380 |\n")


def test_a_statistics_tables_long_headers_break_before_its_short_cells_do(tmp_path, caplog):
    """Its long headers kept whole, the table went to the last setting: smallest type, and 月份,
    10月 and 全年 a character a line. Its long headers break (before their units) instead."""
    root = make_book(tmp_path, {"a.md": f"# 数据\n\n正文。\n\n{MONTHLY}"})
    [output] = paiban.build(root, formats=["pdf"])
    assert "past the text block" not in caplog.text
    [page] = [number for number, text in enumerate(pdf_page_texts(output.path), 1) if "正文" in text]
    assert {"月份", "1月", "10月", "全年", "2,717,380"} <= set(words_on(output.path, page))


def test_a_table_of_too_many_columns_is_told_to_be_split(tmp_path, caplog):
    """The warning said to shorten the longest unbreakable piece of a table whose pieces are all short:
    its columns are too many to stand side by side."""
    row = "| " + " | ".join(["12345.678"] * 14) + " |\n"
    root = make_book(tmp_path, {"01-章/宽表.md": f"# 表\n\n|{' 甲 |' * 14}\n{'| --- ' * 14}|\n{row}"})
    paiban.build(root, formats=["pdf"])
    assert re.search(r"宽表\.md:3: a table runs \d+ mm past the text block .*: its columns do not fit side by side.*"
                     r"split it into two tables", caplog.text.replace("\n", " "))


FOURTEEN_YEARS = ("| 项目 | " + " | ".join(f"{year}年" for year in range(2010, 2024)) + " |\n"
                  + "|---|" + "---:|" * 14 + "\n"
                  + "".join(f"| 项目{row} | " + " | ".join(f"{1_000_000 + 104_729 * year + 7_919 * row:,}.00"
                                                          for year in range(14)) + " |\n" for row in range(2)))


def test_a_table_too_wide_for_any_setting_keeps_its_headers_whole(tmp_path, caplog):
    """Fourteen columns of 1,000,000.00 fit no setting; the narrowest broke 项目0 and 2010年 a
    character or two a line to save about one em of a table still 13 em off the page. A table
    that overruns anyway breaks its headers only when that narrows it materially."""
    root = make_book(tmp_path, {"a.md": f"# 数据\n\n正文。\n\n{FOURTEEN_YEARS}"})
    [output] = paiban.build(root, formats=["pdf"])
    assert "past the text block" in caplog.text
    [page] = [number for number, text in enumerate(pdf_page_texts(output.path), 1) if "正文" in text]
    assert {"项目", "项目0", "项目1", "2010年", "2015年"} <= set(words_on(output.path, page))


TWELVE_YEARS = ("| 指标 | " + " | ".join(f"{year}年" for year in range(2012, 2024)) + " |\n|---|" + "---:|" * 12 + "\n"
                + "".join(f"| 指标{row} | " + " | ".join(f"{row + year / 100:.2f}" for year in range(12)) + " |\n"
                          for row in range(1, 3)))


def test_a_table_that_fits_only_by_breaking_its_year_headers_breaks_them_before_their_year(tmp_path, caplog):
    """Twelve columns of 1.00 under 2012年 … 2023年 ran 9 mm past the text block: the table was measured
    with its headers breaking, as a last resort, at 2012 / 年, and print kept each year with its 年."""
    root = make_book(tmp_path, {"a.md": f"# 数据\n\n正文。\n\n{TWELVE_YEARS}"})
    [output] = paiban.build(root, formats=["pdf"])
    assert "past the text block" not in caplog.text
    assert words_outside_the_text_block(output.path, root) == []
    [page] = [number for number, text in enumerate(pdf_page_texts(output.path), 1) if "正文" in text]
    assert {"2012", "2023", "年", "2.11"} <= set(words_on(output.path, page))


TEN_YEARS_OF_AMOUNTS = ("| 地区 | " + " | ".join(f"{year}年" for year in range(2015, 2025)) + " |\n|---|" + "---|" * 10
                        + "\n| 青川市 | " + " | ".join(f"{row},234,567万元" for row in range(1, 11)) + " |\n")


def test_a_table_of_amounts_too_wide_to_break_them_before_their_unit_breaks_them_after_their_separators(
        tmp_path, caplog):
    """Ten years of 1,234,567万元 ran 78 mm past the text block: an amount broke before its 万元 alone, never
    after its separators (1,234, / 567万元), as it did before 万元 was a unit print keeps whole."""
    root = make_book(tmp_path, {"a.md": f"# 数据\n\n正文。\n\n{TEN_YEARS_OF_AMOUNTS}"})
    [output] = paiban.build(root, formats=["pdf"])
    assert "past the text block" not in caplog.text
    assert words_outside_the_text_block(output.path, root) == []
    [page] = [number for number, text in enumerate(pdf_page_texts(output.path), 1) if "正文" in text]
    assert {"1,234,", "2,234,", "10,234,"} <= set(words_on(output.path, page))


def _word_boxes(path: Path, holding: str) -> list[tuple[str, float]]:
    """Each word of the first page ``holding`` a word, and its left edge in points (pdftotext -bbox)."""
    written = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True)
    page = next(page for page in etree.fromstring(written.stdout).iter("{*}page")
                if any(word.text == holding for word in page.iter("{*}word")))
    return [(word.text or "", float(word.get("xMin"))) for word in page.iter("{*}word")]


def test_an_english_phrase_in_a_chinese_heading_is_set_in_the_latin_sans(tmp_path):
    """``# [On Morning Walks]{lang=en} 论晨走``: the phrase took the Latin serif (``body :lang(en)``
    matched the span itself), beside the heading's 黑体."""
    root = make_book(tmp_path, {"a.md": "# [On Morning Walks]{lang=en} 论晨走\n\n正文。\n\n"
                                        "## 小节 [English words]{lang=en}\n\n正文。\n"})
    [output] = paiban.build(root, formats=["pdf"])
    runs = drawn_in(output.path)
    section = {face for text, face in runs if "English words" in text}
    title = {face for text, face in runs if "On Morning Walks" in text}  # the contents' entry is in the serif
    assert section and all("Sans" in face and "CJK" not in face for face in section), section
    assert any("Sans" in face and "CJK" not in face for face in title), title


def test_latin_emphasis_inside_english_text_keeps_the_serif_italic(tmp_path):
    """``[Read *Hamlet* again.]{lang=en}``: the English sans rule for ``em`` outranked ``em.latin``, and
    the title was set in the sans's oblique."""
    root = make_book(tmp_path, {"a.md": "# 题\n\n[Read *Hamlet* again.]{lang=en}\n"})
    [output] = paiban.build(root, formats=["pdf"])
    faces = {face for text, face in drawn_in(output.path) if "Hamlet" in text}
    assert faces and all("Serif" in face and "Italic" in face for face in faces), faces


def test_english_text_is_set_as_english_in_a_latin_face_hyphenated_with_its_own_indent(tmp_path):
    """Text tagged lang=en was drawn in the CJK font's Latin, never hyphenated, and indented by
    Chinese text's two characters: it is in a Latin face, hyphenated, its paragraphs indented by one
    em, and none after a heading."""
    english = ("Internationalisation, characteristically, incomprehensibilities and "
               "notwithstanding the circumstances, ") * 2
    chinese = "中文段落，缩进两个字。" * 3
    root = make_book(tmp_path, {"a.md": f"# 题\n\n{chinese}\n\n"
                                        f"::: {{lang=en}}\nFirst {english}\n\nSecond {english}\n:::\n\n"
                                        f"## Heading {{lang=en}}\n\n::: {{lang=en}}\nThird {english}\n:::\n"},
                     '[book]\ntitle = "书"\n[fonts]\nserif = ["Noto Serif CJK SC", "DejaVu Serif"]\n')
    [output] = paiban.build(root, formats=["pdf"])
    faces = {face for text, face in drawn_in(output.path) if "characteristically" in text}
    assert faces and not any("CJK" in face for face in faces)
    assert "\u2010\n" in "".join(pdf_page_texts(output.path)) or "-\n" in "".join(pdf_page_texts(output.path))
    words = _word_boxes(output.path, "First")
    margin = min(x for _, x in words)
    indent = {start: next(round(x - margin) for word, x in words if word.startswith(start))
              for start in ("中文段落", "First", "Second", "Third")}
    assert indent["First"] == indent["Second"] and 0 < indent["Second"] < indent["中文段落"] * 0.6
    assert indent["Third"] == 0


def test_an_english_paragraph_first_under_a_chapters_title_is_not_indented(tmp_path):
    """A chapter holding one article of its title prints the article (.untitled) right after the
    chapter's heading, its ``::: {lang=en}`` block inside the article: the rule for an English
    paragraph after a heading did not reach it, and it was indented by an em."""
    english = "notwithstanding the circumstances, characteristically and incomprehensibly. " * 3
    root = make_book(tmp_path, {"01-题/a.md": f"# 题\n\n::: {{lang=en}}\nFirst {english}\n\nSecond {english}\n:::\n"})
    [output] = paiban.build(root, formats=["pdf"])
    words = _word_boxes(output.path, "First")
    margin = min(x for _, x in words)
    indent = {start: next(round(x - margin) for word, x in words if word == start) for start in ("First", "Second")}
    assert indent["First"] == 0 and indent["Second"] > 0


def test_contents_and_bookmarks_list_each_articles_sections_when_asked(tmp_path):
    """[contents] sections = 2: the PDF's bookmarks nest ## and ### under their article, and its
    contents page lists them with their page numbers; a note's call is no part of a bookmark."""
    from test_render_epub import SECTIONED, SECTIONED_TOML

    [output] = paiban.build(make_book(tmp_path / "b", SECTIONED, SECTIONED_TOML), formats=["pdf"])
    assert [(depth, title) for depth, title, _ in outline(output.path)][1:] == [
        (1, "第1章　变量"), (2, "1.1　变量"), (3, "1.1.1　命名"), (4, "1.1.1.1　保留字"), (3, "1.1.2　赋值"),
        (3, "On Names"), (2, "1.2　无节"), (1, "附录"), (2, "索引")]
    contents = next(text for text in pdf_page_texts(output.path) if "目 录" in text or "目录" in text)
    assert re.search(r"1\.1\.1\.1\s*保留字\s*\.+\s*1\n", contents) and re.search(r"索引\s*\.+\s*3\n", contents)


def test_an_anthologys_contents_page_names_each_articles_author_before_its_page_number(tmp_path):
    """A magazine's contents page listed titles alone: an entry now names its article's author
    after the title, before the dot leader, where it is not the book's own (编者按 is)."""
    from test_render_epub import ANTHOLOGY, ANTHOLOGY_TOML

    [output] = paiban.build(make_book(tmp_path / "b", ANTHOLOGY, ANTHOLOGY_TOML), formats=["pdf"])
    contents = next(text for text in pdf_page_texts(output.path) if "目 录" in text or "目录" in text)
    assert re.search(r"老街\s+林晓岚\s*\.+\s*1\n", contents) and re.search(r"河岸\s+张三、李四\s*\.+\s*1\n", contents)
    assert re.search(r"编者按\s*\.+\s*1\n", contents) and "王主编" not in contents


def test_a_code_block_is_never_split_leaving_its_first_line_alone_past_the_page(tmp_path, caplog):
    """Its lines made blocks of their own (for a hang in the EPUB), a code block's first line was left
    alone at a page's foot, 1 mm past the text block, with a warning: in print they stay one block's
    lines, which orphans and widows keep together. Each chapter opens a page and puts its block one
    line lower than the last, so one of them starts at the foot."""
    code = "".join(f'key_{n} = "值{n}"\n' for n in range(12))
    chapters = {f"{n:02d}-章/a.md": f"# 第{n}章\n\n" + "正文一行。\n\n" * (10 + n) + f"```toml\n{code}```\n\n后文。\n"
                for n in range(1, 9)}
    root = make_book(tmp_path / "b", chapters, '[book]\ntitle = "测试"\n[pdf]\nsize = "A5"\n')
    [output] = paiban.build(root, formats=["pdf"])
    assert "past the text block" not in caplog.text
    text = "".join(pdf_page_texts(output.path))
    assert all(f'key_{n} = "值{n}"' in text for n in range(12))


TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"


def test_a_run_in_a_code_block_too_long_for_a_line_breaks_where_the_line_ends(tmp_path, caplog):
    """A token of 120 characters in a code block ran off the page, with a warning to shorten it
    (a token the reader must copy cannot be). It breaks where the line ends, within the text block."""
    article = f"# 题\n\n正文。\n\n```sh\nexport TOKEN={TOKEN}\n```\n"
    [output] = paiban.build(make_book(tmp_path, {"a.md": article}), formats=["pdf"])
    assert "past the text block" not in caplog.text
    lines = [line.strip() for page in pdf_page_texts(output.path) for line in page.splitlines() if line.strip()]
    token = [line for line in lines if line.startswith("TOKEN=") or len(line) > 3 and line in TOKEN]
    assert len(token) > 1 and "".join(token) == f"TOKEN={TOKEN}", lines


def test_a_prefaces_sections_are_bookmarked_under_it_in_a_book_with_parts(tmp_path):
    """With parts, an article's title is bookmarked at the third level, but the preface's stays at
    the first and its sections at the second (they were nested under the contents' bookmark); a
    listed section's bookmark keeps its superscript (节²) and a language span's text."""
    root = make_book(tmp_path / "b", {
        "前言.md": "# 前言\n\n文。\n\n## 缘起\n\n文。\n",
        "01-上/01-a.md": "# 甲\n\n文。\n\n## 节<sup>2</sup>\n\n文。\n\n## [On Walks]{lang=en}\n\nText.\n",
    }, """\
        [book]
        title = "书"
        preface = "前言.md"
        [[parts]]
        title = "上编"
        [[parts.chapters]]
        title = "一章"
        articles = ["01-上/*.md"]
        [contents]
        sections = 1
        """)
    [output] = paiban.build(root, formats=["pdf"])
    assert [(depth, title) for depth, title, _ in outline(output.path)] == [
        (1, "前言"), (2, "缘起"), (1, "目录"), (1, "上编"), (2, "一章"), (3, "甲"), (4, "节²"), (4, "On Walks")]


def test_a_page_setting_of_print_css_that_page_css_sets_again_is_told_at_its_line(tmp_path, caplog):
    """A book's `@page { size: A4 }` was silently overridden by [pdf]'s size (page.css comes after)."""
    from paiban.theme import default_theme_dir

    default = (default_theme_dir() / "print.css").read_text(encoding="utf-8")
    own = default + "\n@page { size: A4; }\n@page :left { size: B5; @top-left { content: \"书名\"; } }\n"
    book = make_book(tmp_path / "b", {"01.md": "# 甲\n\n正文。\n", "styles/print.css": own})
    paiban.build(book, formats=["pdf"], output=tmp_path / "out")
    lines = len(default.splitlines())
    told = [message for message in caplog.messages if "of @page is set by [pdf]" in message]
    assert [message.split(": `")[0] for message in told] == [f"{book / 'styles/print.css'}:{lines + 2}",
                                                             f"{book / 'styles/print.css'}:{lines + 3}"]
    assert "`size`" in told[0] and "`@top-left content`" in told[1]  # (size in :left outranks page.css's)
    assert PdfReader(tmp_path / "out" / "b.pdf").pages[0].mediabox.width == pytest.approx(148 / 25.4 * 72, abs=1)


def test_a_running_heads_size_set_in_print_css_is_told_at_its_line(tmp_path, caplog):
    """`@page :right { @top-right { font-size: 11pt } }` outranks page.css's 8pt, but heads were still
    shortened to the line counted at 8pt: a long chapter title set at 11pt ran into the gutter, untold.
    A head set no larger is no harm; the plain @page's, which page.css sets again, is told as such."""
    from paiban.theme import default_theme_dir

    default = (default_theme_dir() / "print.css").read_text(encoding="utf-8")
    own = default + ("\n@page :right { @top-right { font-size: 11pt; } }\n@page :left { @top-left { font-size: 7pt; } }"
                     "\n@page { @top-left { font-size: 12pt; } }\n")
    book = make_book(tmp_path / "b", {"01.md": "# 甲\n\n正文。\n", "styles/print.css": own})
    paiban.build(book, formats=["pdf"], output=tmp_path / "out")
    told = [message for message in caplog.messages if "sets the running heads' size" in message]
    line = len(default.splitlines()) + 2
    assert [message.split(": `")[0] for message in told] == [f"{book / 'styles/print.css'}:{line}"]
    assert "`@top-right font-size`" in told[0] and "8pt" in told[0]
    assert any("`@top-left font-size` of @page is set by [pdf]" in message for message in caplog.messages)


def test_weasyprints_word_on_a_file_the_fetcher_refused_is_not_told_again():
    """The fetcher tells it ("refused to load …"); WeasyPrint's "Failed to load image at …:
    ValueError: paiban does not load …" said it a second time."""
    import logging

    from paiban.render.pdf import _weasyprint_warnings

    told: list[str] = []
    with _weasyprint_warnings(told.append):
        logging.getLogger("weasyprint").warning(
            "Failed to load image at 'file:///etc/x.png': ValueError: paiban does not load file:///etc/x.png")
        logging.getLogger("weasyprint").warning("Ignored `colr: red` at 1:5, unknown property.")
    assert told == ["WeasyPrint: Ignored `colr: red` at 1:5, unknown property."]


def test_a_rubys_closing_parenthesis_before_a_comma_gives_up_its_blank_half_as_a_typed_one_does(tmp_path):
    """The ） print.css adds after a reading (髫（tiáo）) stood a full square from the ， after it,
    where a ） typed in the text gives up half of it."""
    text = "# 注音\n\n垂<ruby>髫<rt>tiáo</rt></ruby>，\n\n垂<ruby>髫<rt>tiáo</rt></ruby>\n"
    [output] = paiban.build(make_book(tmp_path, {"a.md": text}), formats=["pdf"])
    xml = subprocess.run(["pdftotext", "-bbox", str(output.path), "-"], capture_output=True, check=True).stdout
    widths = [float(word.get("xMax")) - float(word.get("xMin")) for word in last_text_page(xml).iter("{*}word")
              if word.text.startswith("）")]  # "），", then "）" alone
    assert round(widths[0] - widths[1]) == round(10.5 / 2)  # the comma's square less the half the ） gives up


def test_a_rubys_closing_parenthesis_keeps_its_square_before_another_ruby_or_a_paragraphs_last_characters(tmp_path):
    """With no text of its own after it (another ruby followed, or the span.keep print makes of a
    paragraph's last characters), a ruby counted as before a mark: its ） was halved and touched the
    next character, 床（chuáng)前（qián)明 on a page with a reading on every character."""
    text = ("# 注音\n\n甲<ruby>床<rt>chuáng</rt></ruby>前乙。\n\n"
            "甲<ruby>床<rt>chuáng</rt></ruby><ruby>前<rt>qián</rt></ruby>乙。\n")
    [output] = paiban.build(make_book(tmp_path, {"a.md": text}), formats=["pdf"])
    xml = subprocess.run(["pdftotext", "-bbox", str(output.path), "-"], capture_output=True, check=True).stdout
    words = [(word.text, float(word.get("xMax")) - float(word.get("xMin")))
             for word in last_text_page(xml).iter("{*}word") if word.text.startswith("）")]
    assert [(word, round(width / 10.5, 2)) for word, width in words] == [("）前乙。", 4), ("）前（", 3), ("）乙。", 3)]


def test_a_short_box_is_kept_on_one_page_and_a_long_one_breaks(tmp_path):
    """A box (知识链接) printed as plain text. A short one is kept whole: the text before it ends
    near the first page's foot, where the box broke, its last line alone on the next page; a long
    one starts where it falls and breaks, where kept whole it left the page before it empty."""
    filler = "正文排版是一门关于秩序的手艺。" * 76
    short = "::: box\n**知识链接**\n\n长江发源于青藏高原，是中国第一长河。\n\n它是世界第三长河。\n:::\n"
    long = "::: box\n**延伸阅读**\n\n" + "这是一段很长的延伸阅读材料，讲长江的故事。\n\n" * 60 + ":::\n"
    text = f"# 河\n\n{filler}\n\n{short}\n## 二\n\n正文。\n\n{long}"
    [output] = paiban.build(make_book(tmp_path, {"a.md": text}), formats=["pdf"])
    pages = pdf_page_texts(output.path)
    title_page = next(number for number, page in enumerate(pages) if "知识链接" in page)
    assert "世界第三长河" in pages[title_page] and "秩序" in pages[title_page - 1]  # whole, on the next page
    reading = next(number for number, page in enumerate(pages) if "延伸阅读" in page)
    assert "正文。" in pages[reading] and "讲长江的故事" in pages[reading + 1]  # the long box begins where it falls


def test_a_quotation_nested_deep_keeps_every_levels_text_in_print(tmp_path):
    """Each level of a quotation was indented 2em on both sides: by its 17th level no width was
    left, and print lost the text of every level below it (the EPUB kept it). Deep levels are
    indented less, then not at all (base.css), and every level prints."""
    quotation = "\n".join(">" * level + f" 第{level}层引文。\n" + ">" * level for level in range(1, 26))
    root = make_book(tmp_path / "book", {"a.md": f"# 深引\n\n{quotation}\n\n正文。\n"})
    [output] = paiban.build(root, formats=["pdf"])
    text = "".join(pdf_page_texts(output.path))
    assert [level for level in range(1, 26) if f"第{level}层引文" not in text] == []


UYGHUR_WORD = re.compile(r"[\u0600-\u06ff.]+")  # (its letters, and a full stop)
UYGHUR_FONTS = ('[fonts]\nserif = ["Noto Serif CJK SC", "DejaVu Sans"]\n'  # (DejaVu Sans draws Uyghur)
                'sans = ["Noto Sans CJK SC", "DejaVu Sans"]\n')


@pytest.fixture(scope="module")
def right_to_left(tmp_path_factory):
    """A book quoting Uyghur: a Markdown block of it, a .txt paragraph, an HTML article's <bdi> and
    <bdo>, and a Uyghur word in its title; its PDF and EPUB."""
    root = make_book(tmp_path_factory.mktemp("rtl"), {
        "01-a.md": "# 一\n\n::: {lang=ug}\nئۇيغۇرچە كىتاب ياخشى.\n:::\n",
        "02-b.txt": "二\n\nمەن كىتاب ئوقۇۋاتىمەن.\n",
        "03-c.html": '<html><body><h1>三</h1><p>倒写：<bdo dir="rtl" lang="en">abc<b>de</b></bdo>。'
                     '他说<bdi lang="ug">ئۇيغۇرچە</bdi>很美。</p></body></html>',
    }, '[book]\ntitle = "文集 [ئۇيغۇرچە]{lang=ug}"\n' + UYGHUR_FONTS)
    return {output.format: output.path for output in paiban.build(root, formats=["pdf", "epub"])}


def _pdf_words(pdf) -> list[list]:
    """The words of each page of ``pdf``, as pdftotext finds them (a word's glyphs in the order they are drawn)."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    return [list(page.iter("{*}word")) for page in etree.fromstring(xml).iter("{*}page")]


def _words_by_line(pdf) -> list[list[str]]:
    """Each printed line's words from left to right."""
    lines: dict[tuple[int, int], list[tuple[float, str]]] = {}
    for number, words in enumerate(_pdf_words(pdf)):
        for word in words:
            line = lines.setdefault((number, round(float(word.get("yMax")) / 4)), [])
            line.append((float(word.get("xMin")), word.text))
    return [[text for _, text in sorted(words)] for _, words in sorted(lines.items())]


def test_a_paragraph_in_a_right_to_left_script_ends_at_the_left_of_its_line(right_to_left):
    """A Uyghur paragraph of Markdown or of a .txt was set left to right: its full stop was drawn after
    its first word, at the line's right end (ۇب. … ىشخاي), where Uyghur begins. Now the sentence runs
    from the right, and its full stop is at the left end of its line."""
    lines = [line for line in _words_by_line(right_to_left["pdf"]) if all(UYGHUR_WORD.fullmatch(word) for word in line)]
    assert len(lines) == 2 and all(line[0].startswith(".") for line in lines), lines


def test_a_bdo_prints_its_text_in_the_order_it_names(right_to_left):
    """WeasyPrint has no unicode-bidi: <bdo dir="rtl">abc</bdo> printed abc, not cba; the EPUB keeps the element."""
    text = subprocess.run(["pdftotext", str(right_to_left["pdf"]), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert "倒写：edcba。" in text
    assert '<bdo dir="rtl" lang="en">abc<b>de</b></bdo>' in epub_text(right_to_left["epub"])


def test_a_uyghur_word_of_the_title_keeps_its_letters_joined_on_the_half_title(right_to_left):
    """The half-title's letter-spacing (0.2 em) pulled ئۇيغۇرچە apart into unjoined letters; text in
    a script whose letters join is set unspaced: as wide for its size (16 pt) as in the text (10.5 pt),
    give or take its shapes' fit to the letters beside it."""
    pages = _pdf_words(right_to_left["pdf"])
    [half_title] = [word for word in pages[0] if word.text[::-1] == "ئۇيغۇرچە"]  # (drawn from the right)
    [in_text] = [word for words in pages[1:] for word in words if word.text[::-1] == "ئۇيغۇرچە"
                 and float(word.get("yMax")) - float(word.get("yMin")) < 12]  # (not the title page's)

    def width(word) -> float:
        return float(word.get("xMax")) - float(word.get("xMin"))
    assert width(half_title) / 16 == pytest.approx(width(in_text) / 10.5, rel=0.1)  # spaced, 1.4 times as wide


def test_an_epub_with_right_to_left_text_passes_epubcheck(right_to_left):
    assert epubcheck_messages(right_to_left["epub"]) == []


CHINESE_LINES = "这是一段足够长的中文段落，两端对齐的文字一直排到版心的最右侧，它的最右一个字就在版心的右边界上。" * 2


@pytest.fixture(scope="module")
def notes_and_lists_right_to_left(tmp_path_factory):
    """A Chinese book's Uyghur quotation with a Chinese note, lists of Uyghur items, and a Chinese
    paragraph with a Uyghur note (the only note of its chapter); its PDF and EPUB."""
    root = make_book(tmp_path_factory.mktemp("rtl-notes"), {
        "01-甲/01-a.md": f"# 一\n\n{CHINESE_LINES}\n\n> مەن كىتاب ئوقۇۋاتىمەن.[^a]\n\n- ياخشىمۇسىز\n- رەھمەت\n\n"
                   "1. بىرىنچى\n2. ئىككىنچى\n\n[^a]: 译者注：这是一句维吾尔语，意思是“我在读书”。\n",
        "02-乙/01-b.md": "# 二\n\n店主说了一句话。[^b]\n\n[^b]: بۇ كىتاب ياخشى.\n",
    }, '[book]\ntitle = "文集"\n' + UYGHUR_FONTS)
    return {output.format: output.path for output in paiban.build(root, formats=["pdf", "epub"])}


def test_a_chinese_note_on_a_right_to_left_paragraph_reads_from_the_left(notes_and_lists_right_to_left):
    """Printed inside the Uyghur paragraph calling it, the note took its direction: flush right, its
    number .1 at the right, and its last piece (读书”。, kept whole) drawn first, at the left."""
    lines = [" ".join(line) for line in _words_by_line(notes_and_lists_right_to_left["pdf"])]
    [note] = [line for line in lines if "译者注" in line]
    assert note == "1. 译者注：这是一句维吾尔语，意思是“我在读书”。"


def test_a_note_in_a_right_to_left_script_reads_from_the_right_in_print_and_in_its_popup(
        notes_and_lists_right_to_left):
    """Set apart from its list, whose direction it had, a Uyghur note was set left to right: in
    print, inside the Chinese paragraph calling it, and in the EPUB's popup."""
    [note] = [line for line in _words_by_line(notes_and_lists_right_to_left["pdf"]) if ".ىشخاي" in line]
    assert note[-1] == ".1"  # (its number at the right, 1. drawn from the right)
    assert re.search(r'<aside [^>]*dir="rtl"[^>]*><p><span class="footnote-number">1\. </span>بۇ كىتاب',
                     epub_text(notes_and_lists_right_to_left["epub"]))


def test_the_markers_of_a_right_to_left_list_are_drawn_inside_the_text_block(notes_and_lists_right_to_left):
    """Each Uyghur item was set right to left, its marker at its right, while the list kept the room
    for markers at its left: they were drawn 11 to 13 pt past the text block's right edge."""
    [words] = [words for words in _pdf_words(notes_and_lists_right_to_left["pdf"]) if any("版心" in word.text
                                                                                          for word in words)]
    edge = max(float(word.get("xMax")) for word in words if "版心" in word.text)
    markers = [word for word in words if word.text in ("•", ".1", ".2")]  # (a number drawn from the right: 1.)
    assert len(markers) == 4
    assert all(edge - 2 * 10.5 < float(word.get("xMin")) and float(word.get("xMax")) <= edge for word in markers)


def test_an_articles_subtitle_is_printed_under_its_title_but_never_bookmarked(tmp_path):
    """Read as a subheading of the text, a .txt article's ——记…… line was bookmarked under its title."""
    from test_render_epub import SUBTITLED

    [output] = paiban.build(make_book(tmp_path / "b", {"a.txt": SUBTITLED}), formats=["pdf"])
    assert [title for _, title, _ in outline(output.path)][-1] == "扎根山村三十年的乡村教师"
    assert not any("——记" in title for _, title, _ in outline(output.path))
    page = next(text for text in pdf_page_texts(output.path) if "清晨六点" in text)
    assert re.search(r"扎根山村三十年的乡村教师\s+——记青川市北坡小学教师林秋\s+孙浩\s+清晨六点", page)

