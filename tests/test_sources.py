"""Readers: news heuristics on the seed, Markdown with front matter, HTML, encodings, sanitising."""

import base64
import codecs
import io
import logging
import re
import textwrap
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import html
from PIL import Image

from paiban.errors import PaibanError
from paiban.sources import name_as_title, read_article, read_draft
from paiban.sources.body import tidy_body
from paiban.sources.encoding import decode_bytes, read_text
from paiban.fonts import Coverage, characters
from paiban.xhtml import text_of

from conftest import FIXTURES, PNG, SEED, WECHAT_PLACEHOLDER, claimed_png, read_written, warnings_of
from docx_sample import add_footnotes, write_sample_docx

IMPORT_FIXTURES = FIXTURES / "import"


read = read_written


@pytest.fixture(scope="module")
def seed():
    return read_article(SEED, SEED.parent)


def test_seed_headline_without_its_column_tag_is_the_title(seed):
    assert seed.title == "凝心聚力抓落实　砥砺奋进启新程"  # (its two phrases parted by a full-width space)


def test_seed_column_tag_is_the_column(seed):
    assert seed.column == "全方位推动高质量发展透视"


def test_seed_byline_in_parentheses_is_the_author_and_leaves_the_text(seed):
    assert seed.author == "陈俊琦"
    assert "陈俊琦" not in text_of(seed.body)
    assert seed.body.endswith("干劲十足。</p>")


def test_seed_subheadings_are_found(seed):
    assert seed.body.count("<h3>") == 3
    assert "<h3>把党的二十大精神落实到工作实践中</h3>" in seed.body
    assert "<h3>以昂扬奋进的精神状态迈上新征程</h3>" in seed.body
    assert "<h3>切实为老百姓解决好家门口急难愁盼问题</h3>" in seed.body


def test_seed_page_junk_is_dropped(seed):
    assert "扫一扫" not in seed.body


def test_seed_ascii_commas_become_full_width_but_numbers_keep_theirs(seed):
    text = text_of(seed.body)
    assert "," not in text.replace("3471.74", "")
    assert "精神，是当前" in text
    assert "3471.74万吨" in text
    assert "韩利萍说：“一个人" in text


def test_seed_paragraph_count(seed):
    # 21 lines of text after the headline, 3 of them subheadings, junk and byline removed.
    assert seed.body.count("<p>") == 18


def test_text_junk_lines_of_all_kinds_are_dropped(tmp_path):
    article = read(tmp_path, "a.txt",
                   "标题\n正文第一段。\n责任编辑：王某\n（责编：李某）\n分享到：\n打印\n正文第二段。\n")
    assert text_of(article.body) == "正文第一段。正文第二段。"


@pytest.mark.parametrize("ending", ["工程预计明年完工，总投资约为两亿元（人民币）",
                                    "主人公终于回到了家乡。（未完待续）", "主人公终于回到了家乡。\n（待续）"])
def test_text_closing_parenthetical_that_is_no_byline_stays_in_the_text(tmp_path, ending):
    article = read(tmp_path, "a.txt", f"标题\n第一段。\n{ending}\n")
    assert article.author is None
    assert text_of(article.body) == "第一段。" + ending.replace("\n", "")


@pytest.mark.parametrize(("ending", "author"), [("（记者 周明）", "周明"), ("\n（本报记者 周明 孙晓）", "周明、孙晓"),
                                              ("\n（記者 林靜）", "林靜"), ("\n（扎西次仁）", "扎西次仁")])
def test_text_byline_after_the_last_sentence_or_on_its_own_line_is_the_author(tmp_path, ending, author):
    article = read(tmp_path, "a.txt", f"标题\n第一段。\n第二段。{ending}\n")
    assert article.author == author
    assert article.body == "<p>第一段。</p><p>第二段。</p>"


def test_text_full_width_indentation_is_removed(tmp_path):
    article = read(tmp_path, "a.txt", "标题\n\u3000\u3000第一段。\n")
    assert article.body == "<p>第一段。</p>"


@pytest.mark.parametrize("first", ["　　长安城的春天来得迟，城门外的柳树才刚冒出一点新绿。沈青衣牵着瘦马走进城门。",
                                   "长安城的春天来得迟，城门外的柳树才刚冒出一点新绿。", "“客官，住店吗？”",
                                   "长安城的春天来得很迟很迟城门外的柳树才刚刚冒出一点点新绿沈青衣牵着一匹瘦马慢慢地走进了高高的城门楼下的街口"])
def test_a_text_opening_with_its_text_is_titled_by_its_file_name(tmp_path, first):
    """A chapter with no title line had its first paragraph taken for the title, and lost from its text."""
    article = read(tmp_path, "第一章 初到长安.txt", f"{first}\n　　店小二迎上来。\n")
    assert article.title == "第一章 初到长安"
    assert article.body == f"<p>{first.strip(chr(0x3000))}</p><p>店小二迎上来。</p>"


@pytest.mark.parametrize("text", ["　　全市推进老旧小区改造\n　　本报讯 今年以来，全市……。\n　　第二段。\n",
                                  "          全市推进老旧小区改造\n\n本报讯 今年以来，全市……。\n第二段。\n",
                                  "\t全市推进老旧小区改造\n\t本报讯 今年以来，全市……。\n\t第二段。\n"])
def test_a_headline_indented_as_the_text_is_or_centred_is_the_title(tmp_path, text):
    """A text indenting every line, its headline too, or centring its headline, had the headline
    for a subheading, the file's name for its title and its dateline left in the text."""
    article = read(tmp_path, "n.txt", text)
    assert (article.title, article.body) == ("全市推进老旧小区改造", "<p>今年以来，全市……。</p><p>第二段。</p>")


def test_a_first_line_indented_as_a_paragraph_above_lines_that_are_not_is_the_text(tmp_path):
    article = read(tmp_path, "第一章 初到长安.txt", "　　她回来了！\n店小二迎上来。\n")
    assert (article.title, article.body) == ("第一章 初到长安", "<p>她回来了！</p><p>店小二迎上来。</p>")


@pytest.mark.parametrize("headline", ["第三章 你是谁？", "高质量发展，路在何方？", "【专题】不要走！",
                                      "“一个都不能少！”", "李明：“绿水青山就是金山银山。”", "“真的吗？”"])
def test_a_headline_may_ask_or_exclaim(tmp_path, headline):
    """A headline quoting a slogan or a saying whole was taken for a line of dialogue: only a
    quoted sentence of clauses (“客官，住店吗？”) is one."""
    article = read(tmp_path, "a.txt", f"{headline}\n正文。\n")
    assert (article.title.replace("\u3000", " "), article.body) == (headline.replace("【专题】", ""), "<p>正文。</p>")


def test_text_short_last_line_is_a_paragraph_not_a_subheading(tmp_path):
    article = read(tmp_path, "a.txt", "标题\n第一段。\n小标题\n第二段。\n完\n")
    assert article.body == "<p>第一段。</p><h3>小标题</h3><p>第二段。</p><p>完</p>"


def test_text_markup_characters_are_text_not_markup(tmp_path):
    article = read(tmp_path, "a.txt", "A<b>&C\n<script>alert(1)</script>正文。\n")
    assert article.title == "A<b>&C"
    assert "<script" not in article.body
    assert "&lt;script&gt;" in article.body


def test_empty_text_article_is_an_error(tmp_path):
    with pytest.raises(PaibanError, match="empty"):
        read(tmp_path, "a.txt", "\n扫一扫在手机打开当前页面\n")


def test_markdown_front_matter_fields(tmp_path):
    article = read(tmp_path, "a.md", """---
title: 前言
author: 编者
date: 2026-11-26
source: 本书
column: 卷首
---

正文。
""")
    assert (article.title, article.author, article.date, article.origin, article.column) == (
        "前言", "编者", "2026-11-26", "本书", "卷首")
    assert article.body.strip() == "<p>正文。</p>"


def test_markdown_leading_heading_is_the_title_and_subheadings_sit_below_it(tmp_path):
    article = read(tmp_path, "a.md", "# 标题\n\n## 小节\n\n正文。\n\n### 更小\n")
    assert article.title == "标题"
    assert "<h3>小节</h3>" in article.body and "<h4>更小</h4>" in article.body
    assert "<h1>" not in article.body


def test_a_heading_below_html_s_sixth_level_is_an_h6_giving_its_own_level(tmp_path):
    """##### and ###### under the title (h6 and h7) were both plain h6: one level of the outline
    in the EPUB's structure and to a screen reader, where the author wrote two."""
    body = read(tmp_path, "a.md", "# 标题\n\n## 二\n\n### 三\n\n#### 四\n\n##### 五\n\n###### 六\n\n正文。\n").body
    assert re.findall(r"<h[1-6][^>]*>[^<]*</h[1-6]>", body) == [
        "<h3>二</h3>", "<h4>三</h4>", "<h5>四</h5>", "<h6>五</h6>", '<h6 aria-level="7">六</h6>']


def test_a_leading_heading_that_says_the_front_matter_title_again_is_the_title_not_printed_twice(tmp_path):
    """(The title was printed as the article's title, then as an h3 at the text's top, and ## became h4.)
    Its id still leads to the article's start; a heading that says something else stays in the text."""
    article = read(tmp_path, "a.md", "---\ntitle: 春天来了\n---\n\n# 春天 *来了* {#spring}\n\n正文第一段。\n\n"
                                     "## 小节\n\n正文。\n")
    assert (article.title, article.title_markup, article.title_id) == ("春天来了", None, "spring")
    assert article.body == "<p>正文第一段。</p>\n<h3>小节</h3>\n<p>正文。</p>\n"
    other = read(tmp_path, "b.md", "---\ntitle: 春天来了\n---\n\n# 第一部分\n\n正文。\n")
    assert other.title == "春天来了" and "<h3>第一部分</h3>" in other.body


@pytest.mark.parametrize(("heading", "title"), [
    ("使用 *paiban* 与 `book.toml` 的[方法](https://example.com)", "使用 paiban 与 book.toml 的方法"),
    ("关于[软件]{.no-convert}的说明", "关于软件的说明"),
    ("甲 &amp; 乙<script>alert(1)</script>", "甲 & 乙"),
])
def test_a_title_from_a_heading_is_its_text_without_the_markdown(tmp_path, heading, title):
    """The title was the heading's source: asterisks, backticks and link syntax in every contents."""
    assert read(tmp_path, "a.md", f"# {heading}\n\n正文。\n").title == title


def test_a_footnote_call_in_the_title_heading_is_dropped_and_the_text_notes_count_from_one(tmp_path, caplog):
    """The heading's note got number 1 and a back-link to a call no page has (EPUBCheck RSC-012)."""
    article = read(tmp_path, "a.md", "# 标题[^h]\n\n正文[^a]。\n\n[^h]: 题注。\n[^a]: 正文注。\n")
    assert article.title == "标题"
    assert '<a href="#fn1" id="fnref1">[1]</a>' in article.body
    assert "题注" not in article.body and "#fnref2" not in article.body
    assert "a.md:1: the footnote call [^h] in the title heading is dropped" in caplog.text


@pytest.mark.parametrize(("name", "title"), [("无题.md", "无题"), ("02-表格.md", "表格"), ("03_ 名单.md", "名单"),
                                           ("2024.md", "2024"), ("04-.md", "04")])
def test_without_a_title_the_file_name_is_it_without_its_ordering_number(tmp_path, name, title):
    """As a chapter folder's (01-改革/ → 改革): 02-表格 was the heading, the contents' line and the nav's.
    A name that is a number alone is the number, without the dash left for a title (04- was printed)."""
    assert read(tmp_path, name, "正文。\n").title == title


@pytest.mark.parametrize(("name", "hint"), [("03.md", "add `title:` front matter or a `# heading`"),
                                           ("04-.md", "add `title:` front matter or a `# heading`"),
                                           ("05.txt", "write the title alone on its first line")])
def test_an_article_titled_by_a_file_name_that_is_a_number_alone_is_a_warning_saying_how_to_title_it(
        tmp_path, caplog, name, hint):
    """(03.md of one paragraph was printed under the heading 03, listed so in the contents, without
    a word.) A name with words in it titles the article as the README says, without a warning."""
    read(tmp_path, name, "没有标题的一段正文。\n")
    read(tmp_path, "06-表格.md", "没有标题的一段正文。\n")
    [told] = [record.getMessage() for record in caplog.records]
    number = name.split(".")[0].rstrip("-")
    assert told == f"{tmp_path / name}: the article has no title, so it is titled by its file's number, " \
                   f"'{number}': {hint}" + (" at its top" if name.endswith(".md") else "")


def test_markdown_footnotes_and_tables(tmp_path):
    article = read(tmp_path, "a.md", "正文[^1]。\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n[^1]: 注释。\n")
    assert 'class="footnote-ref"' in article.body and "注释。" in article.body
    assert "<table>" in article.body and "<th>甲</th>" in article.body


def test_a_note_written_in_a_block_of_another_language_is_listed_in_that_language(tmp_path):
    """markdown-it lists every note at the article's end, out of the ::: {lang=en} block it was written
    in, and the note lost its language. A note written in the book's language is given none."""
    body = read(tmp_path, "a.md", "# 甲\n\n中文[^z]。\n\n::: {lang=en}\nWalking.[^a] So.^[Inline.]\n\n"
                                  "[^a]: A note.\n:::\n\n[^z]: 中文注。\n").body
    assert [(item.text_content().split()[0], item.get("lang")) for item in html.fromstring(body).iter("li")] == [
        ("中文注。", None), ("A", "en"), ("Inline.", "en")]


def test_a_note_written_inside_a_span_of_another_language_is_listed_in_that_language(tmp_path):
    """A note written in a [学校の国語^[…]]{lang=ja} span lost its language at the article's end, and a
    converting edition made its 国語 國語, where the same note in a ::: {lang=ja} block kept it. The
    innermost span's language is the note's; one written outside the span has none."""
    body = read(tmp_path, "a.md", "# 甲\n\n引[学校の国語^[国語とは。]]{lang=ja}句^[中文注。]。\n\n"
                                  "::: {lang=ja}\n[中文^[中文注二。]]{lang=zh-Hans}。\n:::\n").body
    assert [(item.text_content().split()[0], item.get("lang")) for item in html.fromstring(body).iter("li")] == [
        ("国語とは。", "ja"), ("中文注。", None), ("中文注二。", "zh-Hans")]


PANDOC_NOTES = """<h1>网页脚注</h1>
<p>这是正文<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a>，还有一句<a href="#fn2"
class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a>。</p>
<section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr />
<ol><li id="fn1"><p>第一个注释。<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
<li id="fn2"><p>第二个注释。<a href="#fnref2" class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol></section>"""
PYTHON_MARKDOWN_NOTES = """<h1>网页脚注</h1>
<p>这是正文<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">1</a></sup>，还有一句<sup id="fnref:b"><a
class="footnote-ref" href="#fn:b">2</a></sup>。</p>
<div class="footnote"><hr /><ol>
<li id="fn:a"><p>第一个注释。&#160;<a class="footnote-backref" href="#fnref:a" title="Jump back">&#8617;</a></p></li>
<li id="fn:b"><p>第二个注释。&#160;<a class="footnote-backref" href="#fnref:b" title="Jump back">&#8617;</a></p></li>
</ol></div>"""


@pytest.mark.parametrize("page", [PANDOC_NOTES, PYTHON_MARKDOWN_NOTES], ids=["pandoc", "python-markdown"])
def test_html_footnotes_are_read_as_markdown_footnotes(tmp_path, page):
    """Pandoc's notes were plain links and a list in the EPUB, and the PDF dropped them (No anchor #a1-fn1)."""
    html_body = read(tmp_path, "a.html", page).body
    markdown_body = read(tmp_path, "b.md", "# 网页脚注\n\n这是正文[^a]，还有一句[^b]。\n\n[^a]: 第一个注释。\n"
                                           "[^b]: 第二个注释。\n").body
    assert "".join(html_body.split()) == "".join(markdown_body.replace('<hr class="footnotes-sep"/>', "").split())


@pytest.mark.parametrize(("tagged", "languages"), [('<li id="fn1" lang="en">', ["en", None]),
                                                    ('<ol lang="en"><li id="fn1">', ["en", "en"]),
                                                    ('<li id="fn1">', [None, None])])
def test_an_html_note_written_in_another_language_keeps_it_in_its_new_list(tmp_path, tagged, languages):
    """A note tagged lang="en", or in a list so tagged, was made a list item of its own without the language."""
    page = PANDOC_NOTES.replace('<ol><li id="fn1">', tagged if tagged.startswith("<ol") else f"<ol>{tagged}")
    items = html.fromstring(read(tmp_path, "a.html", page).body).iter("li")
    assert [item.get("lang") for item in items] == languages


def test_an_html_note_nothing_calls_stays_in_the_text_with_a_warning(tmp_path, caplog):
    page = PANDOC_NOTES.replace('<li id="fn2">', '<li id="fn3"><p>无人引用的注。</p></li><li id="fn2">')
    body = read(tmp_path, "a.html", page).body
    assert "无人引用的注。" in body and body.count('class="footnote-item"') == 2
    assert "a.html: the note with id 'fn3' is called from nowhere in the text" in caplog.text


def test_the_warning_for_a_note_nothing_calls_quotes_its_id_as_written(tmp_path, caplog):
    page = PANDOC_NOTES.replace('<li id="fn2">', '<li id="fn\u30003"><p>无人引用的注。</p></li><li id="fn2">')
    read(tmp_path, "a.html", page)
    assert ("the note with id 'fn\u30003' (it contains the full-width space U+3000) is called from nowhere"
            in caplog.text)


def test_a_note_ending_in_a_quotation_or_a_list_keeps_its_blocks_and_links_back_below_them(tmp_path):
    """Such a note was put whole in a <p>: a <p> in a <p>, empty paragraphs, the link back loose in the item."""
    page = ('<h1>题</h1><p>正文一<sup><a href="#fn1" id="r1">1</a></sup>。正文二<sup><a href="#fn2" id="r2">2</a>'
            '</sup>。</p><div class="footnotes"><ol><li id="fn1"><p>注一。</p><blockquote><p>引文</p></blockquote></li>'
            '<li id="fn2">注二<ul><li>甲</li><li>乙</li></ul></li></ol></div>')
    notes = read(tmp_path, "a.html", page).body.partition('<ol class="footnotes-list">')[2]
    assert notes == (
        '<li id="fn1" class="footnote-item"><p>注一。</p><blockquote><p>引文</p></blockquote>'
        '<p><a href="#fnref1" class="footnote-backref">↑</a></p></li>'
        '<li id="fn2" class="footnote-item"><p>注二</p><ul><li>甲</li><li>乙</li></ul>'
        '<p><a href="#fnref2" class="footnote-backref">↑</a></p></li></ol></section>')


def test_markdown_punctuation_is_normalised_but_code_is_not(tmp_path):
    article = read(tmp_path, "a.md", "中文,逗号 `f(a,b)`\n\n```\n代码,不变\n```\n")
    assert "中文，逗号" in article.body
    assert "f(a,b)" in article.body and "代码,不变" in article.body


@pytest.mark.parametrize(("written", "markup"), [
    ("**问：**您在老街住了多少年？", "<strong>问：</strong>您在老街住了多少年？"),
    ("**“引号”**中文", "<strong>“引号”</strong>中文"),
    ("这是**「重要」**的", "这是<strong>「重要」</strong>的"),
    ("中文**粗体**中文", "中文<strong>粗体</strong>中文"),
    ("*注：*见下文", "*注：*见下文"),
    ("张三*，李四*", "张三*，李四*"),
    ("（3+4）*5，（2+3）*6", "（3+4）*5，（2+3）*6"),
    ("匹配*.txt和*.md", "匹配*.txt和*.md"),
    ("2*3*4", "2<em>3</em>4"),
    ("snake_case_name", "snake_case_name"),
    ("**a**b", "<strong>a</strong>b"),
    ("**Note,**then", "**Note,**then"),
    ("填空：______，众数是______。", "填空：______，众数是______。"),  # blanks to write in: never emphasis
    ("（1）___；（2）___。", "（1）___；（2）___。"),
    ("他说，__中文__。", "他说，<strong>中文</strong>。"),
])
def test_markdown_emphasis_closes_after_chinese_punctuation_as_english_emphasis_did(tmp_path, written, markup):
    """CommonMark's flanking rule refuses a closing ** after punctuation and before a letter, so
    **问：**您 (the commonest form of an interview, and what paiban import writes for
    <strong>问：</strong>您) printed its asterisks. A Chinese character beside a run now counts as
    CommonMark's CJK-friendly amendment says; text without one is read as CommonMark reads it, and
    so is a lone * everywhere: beside Chinese punctuation it is an asterisk more often than emphasis
    (张三*，李四* lost both and set 李四 in italics; the regression look found it). A run of three _ or
    more is a blank to write in: two of them, read as a pair of __, were lost and set what was
    between them in bold."""
    assert read(tmp_path, "a.md", written + "\n").body.strip() == f"<p>{markup}</p>"


POEM = """\
    ::: poem
    雪落在屋顶上,
    落在井台上。

    \u3000\u3000我在灯下等你，
    \u3000\u3000等一封不会来的信。
    :::

    \u3000\u3000这是散文。
    """


def test_a_block_line_paiban_cannot_read_is_a_warning_at_its_line(tmp_path, caplog):
    """``::: note`` or ``::: {.note lang=ja}`` (no block of paiban's) is printed as written, with a warning."""
    body = read(tmp_path, "a.md", "正文。\n\n::: {.note lang=ja}\n引用\n:::\n\n> ::: note\n> 注\n").body
    assert "::: {.note lang=ja}" in body
    assert "a.md:3: ::: {.note lang=ja} opens no block paiban knows, so it is printed as written" in caplog.text
    assert "a.md:7: ::: note opens no block" in caplog.text and "(::: {.no-convert lang=zh-Hant})" in caplog.text


@pytest.mark.parametrize(("line", "poem"), [("::: {.poem}", True), ("::: {.poem}:::", True), ("::: {.poem}x", False),
                                          ("::: poem {lang=ja}x", False)])
def test_a_block_line_with_words_right_after_its_attributes_opens_no_block(tmp_path, line, poem):
    """mdit_py_plugins' attribute parser gives the index of the closing ``}``, not the length its
    docstring says: read as a length, the character after ``}`` would go unread."""
    body = read(tmp_path, "a.md", f"正文。\n\n{line}\n一行\n:::\n").body
    assert ('<div class="poem"' in body) is poem
    assert (line in body) is not poem


def test_a_poem_block_keeps_its_lines_and_its_full_width_indents(tmp_path):
    body = read(tmp_path, "a.md", textwrap.dedent(POEM)).body
    assert '<div class="poem">' in body
    assert "<p>雪落在屋顶上，<br/>\n落在井台上。</p>" in body  # its punctuation normalised all the same
    assert "<p>\u3000\u3000我在灯下等你，<br/>\n\u3000\u3000等一封不会来的信。</p>" in body
    assert "<p>这是散文。</p>" in body  # prose is indented by the stylesheet, not by its spaces


@pytest.mark.parametrize("line", ["::: poem", "::: {.no-convert .poem}"])
def test_a_poem_blocks_lines_numbered_as_a_lists_items_are_its_lines(tmp_path, line):
    """A psalm's verses numbered 1. in a ::: poem became an ordered list: the numbers were CSS's
    markers, not text, and the lines lost their places. A list after the poem is a list still."""
    body = read(tmp_path, "a.md", f"# 第1篇\n\n{line}\n1. 不从恶人的计谋，\n　　不站罪人的道路，\n"
                                  "2. 惟喜爱主的训诲，\n- 昼夜思想。\n:::\n\n1. 甲\n2. 乙\n").body
    assert "<p>1. 不从恶人的计谋，<br/>\n　　不站罪人的道路，<br/>\n2. 惟喜爱主的训诲，<br/>\n- 昼夜思想。</p>" in body
    assert body.count("<li>") == 2 and body.index("<ol>") > body.index("昼夜思想")


def test_a_pandoc_line_block_is_a_poem(tmp_path, caplog):
    """Verse written as Pandoc's line block (``| 床前明月光，``) was one paragraph, printed on one line
    with its bars (| 床前明月光， | 疑是地上霜。), and neither build nor check said a word. It is read
    as a ``::: poem`` is: a bar alone parts its stanzas, a line indented under one goes on with it,
    and a line's full-width indent stays."""
    body = read(tmp_path, "a.md", "# 静夜思\n\n| 床前明月光，\n| 　　疑是地上霜。\n|\n| 举头望明月，\n"
                                  "  低头思故乡。\n\n下文。\n").body
    assert body == ('<div class="poem">\n<p>床前明月光，<br/>\n　　疑是地上霜。</p>\n<p>举头望明月，低头思故乡。</p>\n'
                    "</div>\n<p>下文。</p>\n") and not caplog.text


def test_a_line_blocks_ascii_spaces_are_kept_as_its_indents_and_its_gaps(tmp_path, caplog):
    """Pandoc keeps a line block's leading spaces; its lines were all set at the margin, and a run of
    spaces inside a line printed as one. They are full-width spaces, one for two, and no-break spaces."""
    body = read(tmp_path, "a.md", "# 题\n\n| 第一行\n|     缩进四个空格\n|    缩进三个\n| 中间   三个   空格\n").body
    assert body == ('<div class="poem">\n<p>第一行<br/>\n\u3000\u3000缩进四个空格<br/>\n\u3000\u3000缩进三个<br/>\n'
                    '中间\u00a0\u00a0\u00a0三个\u00a0\u00a0\u00a0空格</p>\n</div>\n') and not caplog.text


def test_a_poem_blocks_line_indented_by_ascii_spaces_is_warned_of_at_its_line(tmp_path, caplog):
    """A ::: poem is indented by full-width spaces: ASCII ones went without a word, every line at the margin."""
    read(tmp_path, "a.md", "# 台阶\n\n::: poem\n一级\n  两级\n\n\u3000\u3000三级\n:::\n")
    assert caplog.text.count("the verse line's indent") == 1
    assert "a.md:5: the verse line's indent of 2 spaces is left out" in caplog.text
    assert "write a full-width space (　) for each two" in caplog.text


def test_table_rows_without_their_delimiter_row_are_no_line_block_and_are_warned_of(tmp_path, caplog):
    """A bar inside every line: a pipe table's rows, whose delimiter row is missing, are no verse.
    Markdown joins them into one paragraph, bars and all, which went unwarned; so did a tune in 简谱
    typed a bar of it at a time. A row alone is joined to nothing; rows whose bars are escaped are verse."""
    body = read(tmp_path, "a.md", "# 题\n\n| 甲 | 乙 |\n| 丙 | 丁 |\n\n| 1 2 3 5 | 6 - 5 3 |\n\n"
                                  "| 1 2 \\| 3 5 \\|\n| 5 3 \\| 2 1 \\|\n").body
    assert body.startswith("<p>| 甲 | 乙 |\n| 丙 | 丁 |</p>\n<p>| 1 2 3 5 | 6 - 5 3 |</p>\n")
    assert '<p>1 2 | 3 5 |<br/>\n5 3 | 2 1 |</p>' in body
    [warning] = [record.getMessage() for record in caplog.records]
    assert warning.startswith(f"{tmp_path / 'a.md'}:3: the lines opening with a bar (| 甲 | 乙 |…) are joined into one "
                              "paragraph, their bars printed")
    assert "write the delimiter row (| --- | --- |) under the first for a table, or each bar inside a line as \\| "\
           "for verse" in warning


def test_a_unit_line_between_a_caption_and_its_table_goes_into_the_caption_under_its_title(tmp_path):
    """A yearbook sets 单位：万元 between a table's caption and the table: the line kept the caption
    from being one, both printed as paragraphs of the text. A unit line with no caption above it,
    and one under a table, stay paragraphs."""
    table = "| 地区 | 2024年 |\n| --- | ---: |\n| 甲市 | 1.3 |\n"
    body = read(tmp_path, "a.md", f"# 表\n\n表2-1　人口\n\n单位：万人\n\n{table}\n表2-2　增长率\n\n（计量单位：%）\n\n"
                                  f"{table}\n单位：元\n\n{table}\n单位：元\n").body
    assert '<caption>表2-1　人口\n<div class="table-unit">单位：万人</div></caption>' in body
    assert '<caption>表2-2　增长率\n<div class="table-unit">（计量单位：%）</div></caption>' in body
    assert body.count("<caption>") == 2 and body.count("<p>单位：元</p>") == 2


def test_a_spreadsheets_rows_pasted_with_tabs_are_warned_of_at_their_first_line(tmp_path, caplog):
    """Rows copied from Excel, their cells parted by tabs, are joined into one paragraph as Markdown
    joins them, the first row's end lost (增长（%）粮食), and went unwarned. Options or verse parted by
    tabs, with no figure in a cell, and a row alone are not warned of."""
    rows = "产品\t2023年\t2024年\t增长（%）\n粮食\t1,234.5\t1,260.1\t2.1\n油料\t89.0\t85.2\t-4.3\n"
    read(tmp_path, "a.md", f"# 农产品\n\n表7-1　主要农产品产量\n\n{rows}\n床前明月光，\t疑是地上霜。\n"
                           "举头望明月，\t低头思故乡。\n\n合计\t2,345.6\n")
    assert warnings_of(caplog) == [
        f"{tmp_path / 'a.md'}:5: the lines of cells parted by tabs, a spreadsheet's rows pasted in, are joined into "
        "one paragraph and run together (a single line break is no break in Markdown, and a tab is a gap, no column): "
        "write them as a Markdown table, its cells parted by bars (| 产品 | 2023年 | 2024年 | 增长（%） |) and a "
        "delimiter row under the first (| --- | ---: | …, ---: for a column of figures set right)"]


def test_a_tables_note_typed_on_the_line_under_it_is_warned_of_at_its_line(tmp_path, caplog):
    """A standard's 注： and its <sup>a</sup> footnote, typed on the lines right under 表1's last row,
    became two rows of the table, squeezed into its first column, unwarned. A table whose rows all
    have bars, and a note after a blank line, are not warned of."""
    table = "| 容积/L | 功耗/W |\n|---|---|\n| ≤50 | ≤0.5<sup>a</sup> |\n"
    read(tmp_path, "a.md", f"# 表\n\n{table}注：数值为最大值。\n<sup>a</sup> 无线模块。\n\n{table}\n注：另一表。\n")
    assert warnings_of(caplog) == [
        f"{tmp_path / 'a.md'}:6: the line under the table (注：数值为最大值。…) has no bar (|), yet Markdown makes it "
        "a row of the table, as it does every line up to a blank one: put a blank line between the table and it "
        "to print it under the table"]


def test_a_line_blocks_line_with_bars_inside_among_lines_without_is_verse(tmp_path, caplog):
    """A lyric written as a line block with its tune in 简谱 on one line (| 1 2 3 5 | 6 - 5 3 |) was
    taken for a table's rows: the whole lyric ran into one paragraph, every line's bar printed, unwarned.
    Lines without a bar inside are no table's: the block is verse, the tune's bar lines its text, as
    Pandoc reads it."""
    body = read(tmp_path, "a.md", "# 月光小船\n\n| 月光是一只小船，\n| 摇呀摇到河湾，\n|\n"
                                  "| 1 2 3 5 | 6 - 5 3 |\n| 船上坐着小阿满，\n").body
    assert body == ('<div class="poem">\n<p>月光是一只小船，<br/>\n摇呀摇到河湾，</p>\n'
                    '<p>1 2 3 5 | 6 - 5 3 |<br/>\n船上坐着小阿满，</p>\n</div>\n') and not caplog.text


@pytest.mark.parametrize("line", ["::: {.poem .no-convert}", "::: poem {.no-convert}", "::: {.no-convert .poem}"])
def test_a_poem_block_that_is_also_no_convert_keeps_its_lines(tmp_path, line):
    """With both classes the no-convert container reads the block, and its lines ran into one."""
    body = read(tmp_path, "a.md",
                f"# 詩\n\n{line}\n參差荇菜，左右流之。\n窈窕淑女，寤寐求之。\n:::\n\n後文\n續行。\n").body
    assert "poem" in body and "no-convert" in body
    assert "<p>參差荇菜，左右流之。<br/>\n窈窕淑女，寤寐求之。</p>" in body
    assert "<p>後文續行。</p>" in body  # prose after the block joins its lines


def test_a_bare_block_line_left_over_is_a_warning_at_its_line_saying_to_lengthen_the_outer_fence(tmp_path, caplog):
    """Nested blocks with fences of one length: the first ``:::`` closes both, and the second was
    printed as a paragraph ``:::`` without a word."""
    body = read(tmp_path, "a.md", "# 詩\n\n::: no-convert\n::: poem\n參差荇菜。\n:::\n:::\n\n下文。\n").body
    assert "<p>:::</p>" in body
    assert "a.md:7: ::: closes no block, so it is printed as written" in caplog.text
    assert ":::: no-convert … ::::" in caplog.text and "opens no block" not in caplog.text


def test_the_closing_line_of_an_unknown_block_is_said_to_close_it(tmp_path, caplog):
    """The ``:::`` closing ``::: {.note}`` was told that a block inside another closes both at its
    first ``:::``, though nothing was nested: it closes the unknown block, both printed as written.
    A bare ``:::`` after them is left over all the same."""
    body = read(tmp_path, "a.md", "# 题\n\n::: {.note}\n提示。\n:::\n\n:::\n").body
    assert "<p>::: {.note}<br/>\n提示。<br/>\n:::</p>" in body
    told = [record.getMessage().removeprefix(f"{tmp_path / 'a.md'}:") for record in caplog.records]
    assert told[1] == ("5: ::: closes ::: {.note} of line 3, a block paiban does not know, "
                       "so it is printed as written too")
    assert told[2].startswith("7: ::: closes no block") and len(told) == 3


def test_an_unknown_blocks_lines_are_printed_as_written_each_a_line(tmp_path):
    """``::: tip 提示`` over its text ran into it, 提示本文档 (Chinese lines are joined), and the closing
    ``:::`` was put at the end of the text's last line."""
    body = read(tmp_path, "a.md", "# 题\n\n::: tip 提示\n本文档适用于\n二号版本。\n:::\n").body
    assert "<p>::: tip 提示<br/>\n本文档适用于二号版本。<br/>\n:::</p>" in body  # (its text joined, as ever)


def test_a_stray_block_line_in_a_paragraph_leaves_it_prose(tmp_path):
    """A ``:::`` that opens or closes no block, amid a paragraph's short lines, made every line one of
    its own, and the paragraph was set as a poem. Nor does a block's own line make verse of its text."""
    body = read(tmp_path, "a.md", "# 说明\n\n下面是一段说明\n:::\n结束\n\n正文一行\n::: 不是块\n接着写\n\n"
                                  "上面一句\n::: tip 提示\n短的一行\n:::\n").body
    assert "poem" not in body and "verse-line" not in body
    assert "<p>下面是一段说明\n:::\n结束</p>" in body and "<br/>" not in body.split("上面一句")[0]
    assert "<p>上面一句<br/>\n::: tip 提示<br/>\n短的一行<br/>\n:::</p>" in body


def test_nested_blocks_with_a_longer_outer_fence_leave_no_line_and_no_warning(tmp_path, caplog):
    body = read(tmp_path, "a.md", "# 詩\n\n:::: no-convert\n::: poem\n參差荇菜，\n左右流之。\n:::\n::::\n").body
    assert ":::" not in body and "<br/>" in body and not caplog.text


def test_an_html_poem_keeps_its_full_width_indents(tmp_path):
    page = ('<h1>题</h1><div class="poem"><p>\u3000\u3000月光底下，<br/>\u3000\u3000清清楚楚。</p></div>'
            '<p>\u3000\u3000散文。</p>')
    body = read(tmp_path, "a.html", page).body
    assert "<p>\u3000\u3000月光底下，<br/>\u3000\u3000清清楚楚。</p>" in body
    assert "<p>散文。</p>" in body


def test_characters_that_change_unseen_what_prints_are_removed_with_a_warning_at_their_line(tmp_path, caplog):
    """A right-to-left override printed 反转 as 转反 in every format, and a byte order mark inside the
    text stayed, without a word; a control character was told with no line."""
    text = "# 甲\n\n第一段，\u202e反转\u202c，内部\ufeffBOM。\n\n控制\x01符\n"
    body = read(tmp_path, "a.md", text).body
    assert "第一段，反转\u202c，内部BOM。" in body and "控制符" in body
    told = [record.getMessage() for record in caplog.records]
    assert any(line.startswith(f"{tmp_path / 'a.md'}:3: removed 2 invisible character(s) that change what prints; "
                               "the first: U+202E RIGHT-TO-LEFT OVERRIDE") for line in told)
    assert any(line.startswith(f"{tmp_path / 'a.md'}:5: removed 1 control") for line in told)


@pytest.mark.parametrize(("name", "text"), [("a.md", "# 甲\n\n正文&#x202E;反转文字。\n"),
                                          ("a.html", "<h1>甲</h1><p>正文&#x202E;反转文字。</p>")])
def test_a_bidirectional_override_written_as_a_reference_is_removed_too(tmp_path, caplog, name, text):
    """Only the character as written was caught: &#x202E; printed the text after it backwards."""
    body = read(tmp_path, name, text).body
    assert "\u202e" not in body and "正文反转文字。" in body
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in caplog.text


SVG_DOT = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="5" '
                           b'height="5"/></svg>').decode()


def test_links_a_book_may_not_hold_are_printed_unlinked_with_a_warning(tmp_path, caplog):
    """markdown-it refused them, leaving [点我](javascript:alert(1)) and a picture's whole base64 in
    the text as written; a file: link was unlinked without a word."""
    text = (f"# 甲\n\n[点我](javascript:alert(1)) [文件](file:///etc/passwd) [页](data:text/html,hi)\n\n"
            f"![点](data:image/svg+xml;base64,{SVG_DOT})\n")
    body = read(tmp_path, "a.md", text).body
    assert "<a>点我</a> <a>文件</a> <a>页</a>" in body and "](" not in body and "base64" not in body
    assert re.search(r'<img src="\.paiban/images/[0-9a-f]+\.svg" alt="点"/>', body)
    told = [record.getMessage() for record in caplog.records]
    assert [scheme for scheme in ("javascript:", "file:", "data:") if any(f"a link to a {scheme} URL" in line
                                                                          for line in told)] == \
        ["javascript:", "file:", "data:"]


def test_a_telephone_link_is_kept_and_other_addresses_unlinked_with_a_warning(tmp_path, caplog):
    """tel:, ftp: and sms: links were all unlinked without a word."""
    body = read(tmp_path, "a.md", "# 甲\n\n[电话](tel:+861012345678)、[FTP](ftp://ftp.example.com/a)、[短信](sms:10086)\n").body
    assert '<a href="tel:+861012345678">电话</a>、<a>FTP</a>、<a>短信</a>' in body
    assert "a link to a ftp: URL is of no kind a book links to" in caplog.text and "a sms: URL" in caplog.text


@pytest.mark.parametrize("encoding", ["UTF-8", "GB18030"])
def test_an_xhtml_page_with_an_xml_declaration_is_read(tmp_path, encoding):
    """Its declaration naming an encoding stopped the build with lxml's "Unicode strings with
    encoding declaration are not supported. Please use bytes input…"."""
    page = (f'<?xml version="1.0" encoding="{encoding}"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            '<head><title>页</title></head><body><h1>题</h1><p>正文一段。</p></body></html>\n')
    (tmp_path / "a.xhtml.html").write_bytes(page.encode(encoding))
    article = read_article(tmp_path / "a.xhtml.html", tmp_path)
    assert article.title == "题" and "<p>正文一段。</p>" in article.body


def test_a_page_a_server_filled_in_is_read_as_html_its_includes_never_followed(tmp_path):
    """A .shtml page (a government site's) was left out of the book without a word. Its server-side
    includes are comments: none is followed, run or printed."""
    (tmp_path / "header.html").write_text("<p>网站头部</p>", encoding="utf-8")
    page = ('<html><head><title>页</title></head><body><!--#include virtual="header.html" -->'
            '<h1>安全检查的通知</h1><p>请各单位认真组织。<!--#echo var="DATE_LOCAL" --></p>'
            '<!--#exec cmd="echo 执行了" --><!--#include file="/etc/passwd" --></body></html>')
    article = read(tmp_path, "a.shtml", page)
    assert article.title == "安全检查的通知" and article.body.strip() == "<p>请各单位认真组织。</p>"


def test_markdown_front_matter_list_of_authors_is_joined_with_the_enumeration_comma(tmp_path):
    article = read(tmp_path, "a.md", "---\ntitle: 题\nauthor: [张三, 李四]\n---\n\n正文。\n")
    assert article.author == "张三、李四"


@pytest.mark.parametrize("value", ["\n  name: 张三", " [[张三], 李四]", " yes"])
def test_markdown_front_matter_value_that_is_no_text_is_an_error_with_its_line(tmp_path, value):
    with pytest.raises(PaibanError, match="`author` must be text or a list of texts") as caught:
        read(tmp_path, "a.md", f"---\ntitle: 题\nauthor:{value}\n---\n\n正文。\n")
    assert caught.value.line == 3


@pytest.mark.parametrize(("key", "meant"), [("authr", "author"), ("authors", "author"), ("titel", "title")])
def test_unknown_front_matter_key_is_an_error_at_its_line_with_the_key_it_likely_means(tmp_path, key, meant):
    """(`authors: 某人`, as book.toml names the key, was told the known keys, not which was meant.)"""
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", f"---\ntitle: 甲\n{key}: 乙\n---\n正文\n")
    assert (caught.value.message, caught.value.line) == (f"unknown front matter key `{key}`", 3)
    assert caught.value.hint.startswith(f"Did you mean `{meant}`? Known keys: title, subtitle, running-title, author")


def test_typoras_own_front_matter_keys_are_passed_over(tmp_path, caplog):
    """Typora writes ``typora-root-url`` and ``typora-copy-images-to`` into a note itself, settings
    of its editor: they stopped the build as unknown keys, with no word of what to do."""
    article = read(tmp_path, "a.md", "---\ntypora-root-url: ./\ntypora-copy-images-to: ./assets\nauthor: 某\n---\n\n"
                                     "# 标题\n\n正文。\n")
    assert (article.title, article.author, article.body) == ("标题", "某", "<p>正文。</p>\n")
    assert not caplog.records


def test_every_unknown_front_matter_key_is_named_in_one_error_at_the_first(tmp_path):
    """Pandoc's ``lang: zh-CN`` then ``abstract:`` and ``keywords:`` stopped the build one key a run,
    the first in alphabetical order (``abstract``, line 4) named before ``lang`` (line 3); ``lang``
    was not told how an article's language is set."""
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", "---\ntitle: 甲\nlang: zh-CN\nabstract: 摘要\nkeywords: [a]\n---\n正文\n")
    assert (caught.value.message, caught.value.line) == ("unknown front matter keys `lang`, `abstract`, `keywords`", 3)
    hint = caught.value.hint
    assert hint.startswith("`lang`: An article is in the book's language (book.toml's `language`); mark text in "
                           "another in the article: a `::: {lang=en}` … `:::` block")
    assert "Did you mean" not in hint and "`abstract`" not in hint and "`keywords`" not in hint
    assert hint.endswith("Known keys: title, subtitle, running-title, author, date, source, column, no-convert.")


@pytest.mark.parametrize(("lines", "line", "message", "fixed"), [
    ("title：标题", 2, "`title` is written with a full-width colon (：), typed with a Chinese input method",
     "`title: 标题`"),
    ("author: 某\ntitle：标题", 3, "`title` is written with a full-width colon (：)", "`title: 标题`"),
    ("title：标题\nauthor: 某", 2, "`title` is written with a full-width colon (：)", "`title: 标题`"),
    ("title：第一章: 开始", 2, "`title` is written with a full-width colon (：)", '`title: "第一章: 开始"`'),
    ("title:标题", 2, "`title` has no space after its colon", "`title: 标题`"),
    ("title: 第一章: 开始", 2, "`title` holds a colon in its value, which YAML takes for another key's",
     '`title: "第一章: 开始"`'),
    ("author: 某\ntitle: 第一章: 开始\ndate: 2024-01-01", 3, "`title` holds a colon in its value",
     '`title: "第一章: 开始"`'),
])
def test_front_matter_a_chinese_input_method_or_a_colon_breaks_is_an_error_showing_the_line_fixed(
        tmp_path, lines, line, message, fixed):
    """(`title：标题` was told only "front matter must be `key: value` lines", and `title: 第一章: 开始`
    YAML's "mapping values are not allowed here".) As book.toml's errors: the cause, and the line as
    it should be typed."""
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", f"---\n{lines}\n---\n\n正文。\n")
    assert caught.value.message.startswith(f"front matter {message}") and caught.value.line == line
    assert caught.value.hint.endswith(fixed)


@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_quote_never_closed_in_front_matter_is_named_at_its_line(tmp_path, quote):
    """The error named the front matter's last line (YAML's "found unexpected end of stream")."""
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", f"---\ntitle: {quote}未闭合\nauthor: 张三\ndate: 2024-01-02\n---\n\n正文。\n")
    assert caught.value.message == ("front matter is not valid YAML: "
                                    "a quotation mark opened on this line is never closed")
    assert caught.value.line == 2 and caught.value.hint.startswith("Close the value's quotes on its line")


def test_invalid_yaml_front_matter_names_the_line(tmp_path):
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", "---\ntitle: 甲\nauthor: [乙\n---\n正文\n")
    assert "not valid YAML" in caught.value.message and caught.value.line >= 3


@pytest.mark.parametrize("date", ["2024-13-45", "2024-02-30"])
def test_a_date_that_does_not_exist_is_an_error_with_its_line(tmp_path, date):
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", f"---\ntitle: 甲\ndate: {date}\n---\n正文\n")
    assert "date that does not exist" in caught.value.message and caught.value.line == 3


def test_hugos_toml_front_matter_is_a_warning_at_line_1_that_front_matter_is_yaml(tmp_path, caplog):
    """(It was printed as the first paragraph, +++ title = “标题” +++, and the article titled by its
    file's name, without a word.) A +++ line further down is text of its own."""
    article = read(tmp_path, "a.md", '+++\ntitle = "标题"\n+++\n\n正文。\n')
    assert article.title == "a"
    assert [record.getMessage() for record in caplog.records] == [
        f"{tmp_path / 'a.md'}:1: the lines between +++ are printed as written: paiban reads front "
        "matter as YAML between --- lines (title: 标题), not TOML between +++ lines as Hugo does"]
    caplog.clear()
    read(tmp_path, "b.md", "# 题\n\n正文。\n\n+++\n")
    assert caplog.records == []


def test_front_matter_never_closed_is_an_error_not_body_text(tmp_path):
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", "---\ntitle: 甲\n\n正文\n")
    assert "never closed" in caught.value.message and caught.value.line == 1
    # A rule that opens an article, and front matter with nothing in it, are no such thing.
    assert "正文" in read(tmp_path, "b.md", "---\n\n正文\n").body
    assert read(tmp_path, "c.md", "---\ntitle:\n---\n\n# 题\n\n正文\n").title == "题"


def test_a_block_of_attributes_alone_is_a_div_of_them(tmp_path, caplog):
    """Pandoc's ``::: {lang=en}``: English text of a Chinese book, tagged so (fonts.css and
    base.css set it as English), not a line printed as written."""
    body = read(tmp_path, "a.md", "正文。\n\n::: {lang=en #walk}\nAn English block.\n:::\n").body
    assert '<div lang="en" id="walk">\n<p>An English block.</p>\n</div>' in body
    assert ":::" not in body and "opens no block" not in caplog.text


def test_a_heading_takes_pandoc_attributes_and_warns_of_those_it_drops(tmp_path, caplog):
    """``## English {lang=en #en .x}`` as Pandoc reads it; a key a heading cannot keep is named at its
    line, the title's heading's too; text in braces that is no attribute list stays as written."""
    article = read(tmp_path, "a.md", "# 题 {style=x}\n\n正文。\n\n## English {lang=en #en .x}\n\n"
                                     "## Sub {lang=en data-x=1}\n\n## 集合 {a, b}\n\n## 节 {#1.2}\n")
    assert '<h3 lang="en" id="en" class="x">English</h3>' in article.body
    assert '<h3 lang="en">Sub</h3>' in article.body
    assert "<h3>集合 {a, b}</h3>" in article.body and '<h3 id="1.2">' in article.body
    assert "a.md:7: the heading's data-x is left out" in caplog.text
    assert "a.md:1: the heading's style is left out" in caplog.text


def test_markdown_keeps_the_direction_a_block_and_a_span_give(tmp_path, caplog):
    """``::: {lang=ug dir=rtl}`` and ``[…]{lang=ug dir=rtl}``, as an HTML article's ``dir`` is kept: the
    dir was dropped without a word, and the Uyghur span set left to right, its full stop after its first word."""
    body = read(tmp_path, "a.md", "# 题\n\n::: {lang=ug dir=rtl}\nبۇ كىتاب ياخشى.\n:::\n\n"
                                  "店主说：[مەن كىتاب.]{lang=ug dir=rtl}（我读书。）\n").body
    assert '<div lang="ug" dir="rtl">\n<p>بۇ كىتاب ياخشى.</p>\n</div>' in body
    assert '<span lang="ug" dir="rtl">مەن كىتاب.</span>' in body
    assert not caplog.text


UYGHUR = "بۇ كىتاب ياخشى."  # (This book is good.)
OPENS_WITH_UYGHUR = "ئۇيغۇرچە 是维吾尔文。"


@pytest.mark.parametrize(("name", "text"), [
    ("a.txt", f"题\n\n{UYGHUR}\n\n{OPENS_WITH_UYGHUR}\n"),
    ("a.md", f"# 题\n\n{UYGHUR}\n\n{OPENS_WITH_UYGHUR}\n"),
    ("a.html", f"<html><body><h1>题</h1><p>{UYGHUR}</p><p>{OPENS_WITH_UYGHUR}</p></body></html>"),
])
def test_a_paragraph_written_in_a_right_to_left_script_is_set_right_to_left(tmp_path, name, text):
    """A Uyghur paragraph that gives no direction (a .txt's cannot) was set left to right in every
    format, its full stop after its first word; a Chinese paragraph that opens with a Uyghur word is
    Chinese text, set left to right."""
    body = read(tmp_path, name, text).body
    assert f'<p dir="rtl">{UYGHUR}</p>' in body
    assert f"<p>{OPENS_WITH_UYGHUR}</p>" in body


@pytest.mark.parametrize(("name", "text"), [
    ("a.md", "# 题\n\nשלום means *peace* in **Hebrew**.\n\n`مرحبا` is written in Arabic script.\n"),
    ("a.txt", "题\n\n他发来一个表情。\n\n(و ˃̵ᴗ˂̵)و\n\nو( •̀ ω •́ )و\n"),
])
def test_a_paragraph_with_a_few_right_to_left_letters_among_others_is_left_to_right(tmp_path, name, text):
    """Its first letter's direction set right to left an English sentence that opens with the Hebrew
    or Arabic word it explains (its full stop at its left; in print its phrases in reverse order)
    and a kaomoji whose letters are Arabic waw among its symbols (drawn mirrored)."""
    assert "dir=" not in read(tmp_path, name, text).body


def test_a_paragraph_mostly_in_a_right_to_left_script_is_right_to_left_whatever_its_first_word(tmp_path):
    """A Uyghur sentence that opens with an English name is Uyghur text."""
    text = "Python تىلىنى ئۆگىنىش ناھايىتى قىزىقارلىق."
    assert f'<p dir="rtl">{text}</p>' in read(tmp_path, "a.txt", f"题\n\n{text}\n").body


def test_a_list_whose_items_are_all_right_to_left_is_set_so_not_each_item(tmp_path):
    """Each Uyghur item was given dir="rtl", and drew its marker at its right, past the text block's
    edge: the list keeps its markers' room at its start. A list of Uyghur and Chinese items is set
    left to right, and its Uyghur item too; a paragraph of an item is given its own direction."""
    body = read(tmp_path, "a.md", "# 题\n\n- ياخشىمۇسىز\n- رەھمەت\n\n"
                                  "1. بىرىنچى\n2. 第二\n\n"
                                  "* 第一\n\n* رەھمەت\n").body
    assert '<ul dir="rtl">\n<li>ياخشىمۇسىز</li>' in body
    assert "<ol>\n<li>بىرىنچى</li>" in body
    assert '<li>\n<p dir="rtl">رەھمەت</p>' in body
    assert "<li dir" not in body


def test_a_paragraph_inside_a_block_giving_a_direction_keeps_the_blocks(tmp_path):
    """``::: {dir=ltr}`` says how its Uyghur is set: no paragraph inside it is given a direction of its own."""
    body = read(tmp_path, "a.md", f"# 题\n\n::: {{dir=ltr}}\n{UYGHUR}\n:::\n").body
    assert f'<div dir="ltr">\n<p>{UYGHUR}</p>\n</div>' in body


def test_an_html_articles_bdi_and_bdo_are_kept_with_their_language_and_direction(tmp_path, caplog):
    """The sanitiser dropped them: the Uyghur word became untagged Chinese text, and abc, which the
    author had printed backwards, was printed abc. A <bdi>, or a dir="auto", is given the direction
    of its first letter, as HTML finds it: WeasyPrint sets both left to right."""
    body = read(tmp_path, "a.html", '<html><body><h1>题</h1><p>他说<bdi lang="ug">ئۇيغۇرچە</bdi>很美。</p>'
                                    f'<p>倒写：<bdo dir="rtl" lang="en">abc</bdo>。</p><p dir="auto">{UYGHUR}</p>'
                                    "</body></html>").body
    assert '<p>他说<bdi lang="ug" dir="rtl">ئۇيغۇرچە</bdi>很美。</p>' in body
    assert '<bdo dir="rtl" lang="en">abc</bdo>' in body
    assert f'<p dir="rtl">{UYGHUR}</p>' in body
    assert not caplog.text


@pytest.mark.parametrize(("name", "text"), [
    ("a.html", '<html><body><h1>题</h1><p dir="right">甲<bdo>乙</bdo></p></body></html>'),
    ("a.md", "# 题\n\n[甲]{dir=right}<bdo>乙</bdo>\n"),
])
def test_a_direction_that_is_none_is_left_out_with_a_warning_naming_the_file(tmp_path, caplog, name, text):
    """``dir="right"`` was kept, and EPUBCheck refused the EPUB (RSC-005: ltr, rtl or auto); a <bdo>,
    which must name the direction it sets its text in, is a span without one."""
    body = read(tmp_path, name, text).body
    assert "dir" not in body and "<span>乙</span>" in body and "甲" in body
    assert f"{name}: dir='right' is left out: a direction is ltr, rtl or auto" in caplog.text
    assert f"{name}: a <bdo> sets its text in the order its dir names" in caplog.text


def test_a_headings_pandoc_dash_is_the_class_unnumbered(tmp_path, caplog):
    """Pandoc's ``## Introduction {-}``, short for ``{.unnumbered}``, was printed in the heading (and
    in the contents that list it) as "Introduction {-}", without a word."""
    body = read(tmp_path, "a.md", "# 题\n\n## Introduction {-}\n\n文。\n\n## 节 {- #s1 lang=en}\n\n文。\n").body
    assert '<h3 class="unnumbered">Introduction</h3>' in body
    assert '<h3 id="s1" lang="en" class="unnumbered">节</h3>' in body and not caplog.text


@pytest.mark.parametrize("info", ["{.python #code1}", "python {#code1}"])
def test_a_code_blocks_attribute_list_gives_its_language_and_its_id(tmp_path, info):
    """Pandoc's ```` ```{.python #code1} ```` made the class ``language-{.python``, braces and all,
    and lost the id, so a link to #code1 was printed unlinked."""
    body = read(tmp_path, "a.md", f"# 题\n\n```{info}\nprint(1)\n```\n\n见[代码](#code1)。\n").body
    assert '<pre><code id="code1" class="language-python">print(1)\n</code></pre>' in body


def test_options_joined_by_single_line_breaks_are_named_at_their_paragraph(tmp_path, caplog):
    """A question's options typed a line each with single line breaks printed on one line, A．氢气 B．氧气
    (a soft break), unseen. Options kept with backslashes, and lines that are no options, are not
    warned of."""
    article = read(tmp_path, "a.md", "# 题\n\n1．最轻的是（　　）\nA．氢气\nB．氧气\n\n2．正确的是（　　）\\\n"
                                     "A．甲\\\nB．乙\n\n第一行\n第二行。\n")
    assert "A．氢气\nB．氧气" in article.body  # a soft break, set as a space
    [warning] = [record.getMessage() for record in caplog.records]
    assert warning.startswith(f"{tmp_path / 'a.md'}:3: the options on lines of their own are joined into one line")


def test_dialogue_joined_by_single_line_breaks_is_named_at_its_first_line(tmp_path, caplog):
    """A play's or an interview's speeches typed a line each with single line breaks ran together
    into one paragraph (苏晴：你来了？林远：来了。…), unseen. Lines kept with backslashes, two
    lines alone, one speaker, narration (他说：) and prose whose line opens with a word and a colon
    are not warned of."""
    article = read(tmp_path, "a.md", "# 题\n\n幕启。\n苏晴：你来了？\n**林远：**来了。\n苏晴：外面冷吗？\n\n"
                                     "甲：一\\\n乙：二\\\n甲：三\n\n问：好吗？\n答：好。\n\n"
                                     "苏晴：一\n苏晴：二\n苏晴：三\n\n他说：走吧。\n她说：好。\n他说：快。\n\n"
                                     "这一段写得很长很长，说到了\n注意：这里\n还有下文。\n")
    assert "苏晴：你来了？<strong>林远：</strong>来了。" in article.body
    [warning] = [record.getMessage() for record in caplog.records]
    assert warning.startswith(f"{tmp_path / 'a.md'}:4: the lines each opening with a name and a colon (苏晴：…) "
                              "are joined into one paragraph")


def test_items_joined_by_single_line_breaks_are_named_at_their_first_line(tmp_path, caplog):
    """A regulation's 项 typed a line each with single line breaks (how law text is pasted) ran into
    their 条's paragraph, …下列类别：（一）综合公园；（二）专类公园；, and neither build nor check said a word.
    Items kept with backslashes or parted by blank lines, items out of order, and prose whose one
    line happens to open with （一） are not warned of."""
    article = read(tmp_path, "a.md", "# 题\n\n第三条　公园分为下列类别：\n（一）综合公园；\n（二）专类公园；\n"
                                     "（三）游园。\n\n第四条　办法如下：\n1．登记；\n2．公示。\n\n"
                                     "第五条　甲：\\\n（一）乙；\\\n（二）丙。\n\n"
                                     "（一）丁；\n\n（二）戊。\n\n第六条　己：\n（一）庚；\n（三）辛。\n\n"
                                     "这件事分两步走，先说\n（一）的情形，再说别的。\n")
    assert "下列类别：（一）综合公园；（二）专类公园；" in article.body  # soft breaks, set as nothing
    warned = [record.getMessage().split(" are joined")[0] for record in caplog.records]
    assert warned == [f"{tmp_path / 'a.md'}:4: the items on lines of their own (（一）…)",
                      f"{tmp_path / 'a.md'}:9: the items on lines of their own (1．…)"]


def test_verses_joined_by_single_line_breaks_are_named_at_their_first_line(tmp_path, caplog):
    """Scripture typed a verse a line, numbered 1 起初…, ¹起初…, <sup>1</sup>起初… or [1]起初…, ran into
    one paragraph (…寂静。2 主说…), and neither build nor check said a word, while 1．… was named.
    Verses kept with backslashes, numbers out of order, and prose whose lines open with a figure
    that is no verse's number (2024年, 12 元的套餐, 1 号楼: a number with its unit or what it counts),
    are not warned of."""
    article = read(tmp_path, "a.md", "# 第1章\n\n1 起初，四下寂静。\n2 主说：“要有晨光。”\n\n"
                                     "¹起初。\n²主说。\n\n<sup>16</sup>起初。\n<sup>17</sup>主说。\n\n"
                                     "[1] 起初。\n[2] 主说。\n\n1 起初。\\\n2 主说。\n\n1 起初。\n3 主看。\n\n"
                                     "那一年是\n2024年，第二年是\n2025年。\n\n"
                                     "价格如下，\n12 元的套餐含饮料，\n13 元的套餐含甜点。\n\n"
                                     "位置如下：\n1 号楼在东边，\n2 号楼在西边。\n")
    assert "寂静。2 主说" in article.body  # soft breaks, set as nothing
    warned = [record.getMessage().split(" are joined")[0] for record in caplog.records]
    assert warned == [f"{tmp_path / 'a.md'}:{line}: the verses on lines of their own ({number}…)"
                      for line, number in ((3, "1"), (6, "¹"), (9, "16"), (12, "[1]"))]


def test_a_chronologys_events_joined_by_single_line_breaks_are_named_at_their_first_line(tmp_path, caplog):
    """A 大事年表 typed an event a line, each opening with its year, ran into one paragraph (…建立秦朝。前209年
    陈胜…), and neither build nor check said a word. Events parted by blank lines, two alone, years out of
    order, and prose whose lines open with a year it writes on from (1937年，…) are not warned of."""
    article = read(tmp_path, "a.md", "# 秦汉\n\n前221年　秦统一六国。\n前209年　陈胜起义。\n前206年　秦亡。\n"
                                     "公元8年：王莽代汉。\n25年 刘秀称帝。\n\n"
                                     "1644年　清军入关。\n\n1662年　康熙帝即位。\n\n1684年　开海禁。\n\n"
                                     "1911年　辛亥革命。\n1912年　民国成立。\n\n"
                                     "1949年　新中国成立。\n1937年　全面抗战。\n1945年　抗战胜利。\n\n"
                                     "1937年，全面抗战爆发。\n1945年，抗战胜利。\n1949年，新中国成立。\n")
    assert "建立秦朝" not in article.body and "秦统一六国。前209年　陈胜起义。" in article.body
    warned = [record.getMessage().split(" are joined")[0] for record in caplog.records]
    assert warned == [f"{tmp_path / 'a.md'}:3: the events on lines of their own (前221年…)"]


def test_a_questions_parts_joined_by_single_line_breaks_are_named_at_their_first_line(tmp_path, caplog):
    """A question's parts typed a line each, numbered （1）, (1), ①, a) or 1) (the numberings a list is
    counted in), ran into its stem, …方差。（1）求平均数；（2）求方差。, unwarned, while （一） and 1．
    were named; so did two parts a line, （1）…　（2）… over （3）…　（4）…. Prose broken before one
    （1）, or holding （1） and （2） inside its lines, is not warned of."""
    article = read(tmp_path, "a.md", "# 题\n\n17\\. 一组数据的方差。\n（1）求平均数；\n（2）求方差。\n\n"
                                     "18\\. 已知二次函数。\n(1) 求顶点坐标；\n(2) 求交点。\n\n"
                                     "19\\. 填空。\n① 平均数；\n② 方差。\n\n"
                                     "20\\. 解不等式组。\na) 先解第一个；\nb) 再解第二个。\n\n"
                                     "21\\. 注音。\n（1）chè（　）的湖水　　（2）kuī（　）然\n"
                                     "（3）xiāo（　）声　　（4）yùn（　）酿\n\n"
                                     "22\\. 接上题。\n2) 求和；\n3) 求差。\n\n"
                                     "见附表（1）和\n（2）的说明，又见表（1）、\n表（2）。\n")
    assert "方差。（1）求平均数；（2）求方差。" in article.body  # soft breaks, set as nothing
    warned = [record.getMessage().split(" are joined")[0] for record in caplog.records]
    assert warned == [f"{tmp_path / 'a.md'}:{line}: the items on lines of their own ({number}…)"
                      for line, number in ((4, "（1）"), (8, "(1)"), (12, "①"), (16, "a)"), (20, "（1）"), (24, "2)"))]


def test_a_letters_close_and_signature_joined_by_single_line_breaks_are_named(tmp_path, caplog):
    """A letter's close and its signature typed a line each with single line breaks ran together,
    此致敬礼！ and 秋白一九八五年十二月十日夜, and neither build nor check said a word. Each is named at
    its first line (a signature in a ::: align-right block, or under the close, in the close's
    paragraph or the next); a close and signature kept with backslashes, and a postscript under
    the close (又及：…。), are not."""
    article = read(tmp_path, "a.md", "# 信\n\n事情太多。\n\n此致\n敬礼！\n\n::: align-right\n秋白\n"
                                     "一九八五年十二月十日夜\n:::\n\n祝\\\n身体健康！\n\n云\n农历冬月廿六\n\n顺颂商祺\n林远\n\n"
                                     "即颂\\\n近安\\\n苏晴\n\n又及：那本书\n我读完了。\n")
    assert "<p>此致敬礼！</p>" in article.body and "<p>秋白一九八五年十二月十日夜</p>" in article.body
    warned = [record.getMessage().split(" are joined")[0] for record in caplog.records]
    assert warned == [f"{tmp_path / 'a.md'}:5: the lines of the letter's close (此致…)",
                      f"{tmp_path / 'a.md'}:9: the lines of the signature (秋白…)",
                      f"{tmp_path / 'a.md'}:16: the lines of the signature (云…)",
                      f"{tmp_path / 'a.md'}:19: the lines of the letter's close (顺颂商祺…)"]


def test_a_signature_joined_in_a_flush_right_block_that_is_also_no_convert_is_named(tmp_path, caplog):
    """A block is set flush right by its classes, whichever block reads its line: in one that is
    no-convert too (its line read by that block), the signature's lines ran together unwarned."""
    read(tmp_path, "a.md", "# 信\n\n事情太多。\n\n::: {.no-convert .align-right}\n秋白\n一九八五年十二月十日夜\n:::\n")
    assert [record.getMessage().split(" are joined")[0] for record in caplog.records] == [
        f"{tmp_path / 'a.md'}:6: the lines of the signature (秋白…)"]


def test_pandoc_struck_text_definition_lists_and_task_lists_are_read(tmp_path, caplog):
    """``- [ ]`` task lists and definition lists were printed as typed (a second definition as
    ``：一家公司`` after a stray colon). A task's box is text (□, ■: CJK fonts draw them), the
    checkbox the task list plugin writes being an <input>, which no book keeps. ``~~`` is no struck
    text: a web novel's 哥哥~~你等等我~~ is tildes (``<s>`` strikes)."""
    body = read(tmp_path, "a.md", "# 题\n\n哥哥~~你等等我~~好吗，<s>删除线</s>。\n\n"
                                  "苹果\n:   一种水果。\n:   一家公司。\n\n- [ ] 未完成\n- [x] 完成\n").body
    assert "哥哥~~你等等我~~好吗，<s>删除线</s>。" in body
    assert "<dl>\n<dt>苹果</dt>\n<dd>一种水果。</dd>\n<dd>一家公司。</dd>\n</dl>" in body
    assert '<li class="task-list-item">□ 未完成</li>\n<li class="task-list-item">■ 完成</li>' in body
    assert "input" not in body and not caplog.records


@pytest.mark.parametrize("between", ["\n\n", "\n"])
def test_a_line_opening_with_a_tilde_is_no_definition(tmp_path, between):
    """The definition list plugin takes ``~`` for a marker as well as Pandoc's ``:``: a web novel's
    ``~ 未完待续 ~`` under a paragraph's line made that line a bold term and dropped its first ``~``."""
    body = read(tmp_path, "a.md", f"# 题\n\n她在后面喊。{between}~ 未完待续 ~\n").body
    assert "<dl>" not in body and "~ 未完待续 ~" in body


def test_pandoc_forms_printed_as_written_are_named_at_their_lines(tmp_path, caplog):
    """\\newpage, citations, grid and simple tables, a table's ``: caption``, H~2~O, 2^10^ and ``#.``
    and ``(@)`` lists were printed as typed, and ``paiban check`` found no problem in a chapter full
    of them. Each is named at its line with what to write instead; code, a Chinese range (3~5天、5~8人),
    a smiley (^_^), a Weibo name (@人民日报) and an e-mail address in brackets are not."""
    read(tmp_path, "a.md", "# 题\n\n\\newpage\n\n如前所述[@smith2020, p. 33]，又见@人民日报。\n\n邮箱[a@b.cn]。\n\n"
                           "+----+----+\n| 甲 | 乙 |\n+----+----+\n\n列一   列二\n----   ----\n一     二\n\n"
                           "| 水果 |\n|---|\n| 苹果 |\n\n: 水果表\n\n水是H~2~O，2^10^，3~5天、5~8人^_^。\n\n"
                           "#. 第一\n#. 第二\n\n(@) 例一\n\n`H~2~O \\newpage`\n")
    warned = [record.getMessage().split(", printed")[0].split(" make it")[0] for record in caplog.records]
    path = tmp_path / "a.md"
    assert warned == [f"{path}:3: '\\newpage' is TeX's page break",
                      f"{path}:5: '[@smith2020, p. 33]' is a Pandoc citation",
                      f"{path}:9: '+----+----+' is a line of a Pandoc grid table",
                      f"{path}:14: the dashes under the line above", f"{path}:21: ': 水果表' is a Pandoc table caption",
                      f"{path}:23: '~2~' is Pandoc's subscript", f"{path}:23: '^10^' is Pandoc's superscript",
                      f"{path}:25: '#.' numbers a Pandoc list", f"{path}:28: '(@)' numbers a Pandoc list"]


def test_a_pandoc_multiline_tables_last_row_stays_a_row_and_the_table_is_named_at_its_first_line(tmp_path, caplog):
    """``pandoc -t markdown`` writes a .docx table as a multiline table, closed by a line of dashes
    right under its last row: that made the row a setext heading, set as one and listed in the
    contents and the PDF's bookmarks, while the one warning named a simple table's header at the
    dashes under the table's header. The row is a paragraph as the others are, the closing line a
    rule as the opening one is, and the warning at the table's first line names a multiline table."""
    article = read(tmp_path, "a.md", "# 会议纪要\n\n## 经费\n\n"
                                     "  ----------------------------------\n"
                                     "  项目        预算（元）  说明\n"
                                     "  ----------- ----------- ----------\n"
                                     "  图书采购    12,000      含地方志\n\n"
                                     "  活动经费    8,000       两次活动\n"
                                     "  ----------------------------------\n\n以上预算经会议通过。\n")
    assert re.findall(r"<h\d>[^<]*</h\d>", article.body) == ["<h3>经费</h3>"]
    assert "<p>活动经费    8,000       两次活动</p>\n<hr/>\n<p>以上预算经会议通过。</p>" in article.body
    assert [record.getMessage() for record in caplog.records] == [
        f"{tmp_path / 'a.md'}:5: the lines of dashes from here to line 11 make a Pandoc multiline table, which is "
        "printed as rules between its rows, each row's lines run together: write the table as a pipe table "
        "(| 列一 | 列二 |, then |---|---|), or in HTML"]


def test_a_pandoc_sub_or_superscripts_warning_gives_the_writers_own_text_in_html(tmp_path, caplog):
    """The warning suggested H<sub>2</sub>O and 2<sup>10</sup> whatever was written: a power of two
    for the m^2^ of an area. It gives the formula written, each script of it HTML's."""
    read(tmp_path, "a.md", "# 题\n\n二氧化碳 CO~2~ 和面积 m^2^。\n\n勾股定理：a^2^+b^2^=c^2^。\n")
    advice = [record.getMessage().split("write it as HTML's, ")[1] for record in caplog.records]
    assert advice == ["CO<sub>2</sub>", "m<sup>2</sup>", "a<sup>2</sup>+b<sup>2</sup>=c<sup>2</sup>"]


def test_tex_pasted_into_markdown_is_named_at_its_line(tmp_path, caplog):
    """A teacher's $\\xrightarrow{通电}$ printed its backslash and braces, and neither build nor
    check said a word. Prices ($5 and $8) and code are no TeX."""
    read(tmp_path, "a.md", "# 题\n\n价格$5 和 $8，代码 `$\\frac{a}{b}$`。\n\n电解水 $\\xrightarrow{通电}$ 氢气。\n")
    [warning] = [record.getMessage() for record in caplog.records]
    assert warning.startswith(f"{tmp_path / 'a.md'}:5: '$\\xrightarrow{{通电}}$' is TeX, printed as written")


def test_tex_without_a_command_is_named_as_tex_at_its_line(tmp_path, caplog):
    """TeX with no backslash command, $x^2+y^2=1$, $a_n=2n+1$, $-2$, was printed with its dollars
    unwarned, or its x^2+y^ named Pandoc's superscript, with the advice to write 2<sup>10</sup>.
    A formula over lines ($$ on lines of their own) is named at its first line. Prices ($5 and $10,
    $5-$10, US$3 and HK$5, $5 和 $8) are no TeX, nor are a shell's variables (${dir}/${name})."""
    read(tmp_path, "a.md", "# 题\n\n已知 $x^2+y^2=1$，求 $x$ 的取值范围。\n\n数列 $a_n=2n+1$ 的第 3 项。\n\n"
                           "最小的数是\n$-2$。\n\n$$\n\\frac{a}{b}\n$$\n\n"
                           "It costs $5 and $10, or $5-$10; US$3 and HK$5. 价格$5 和 $8。\n\n"
                           "路径写作 ${dir}/${name}，或 $(pwd)/$(date)。\n")
    warned = [record.getMessage().split(", printed")[0] for record in caplog.records]
    assert warned == [f"{tmp_path / 'a.md'}:3: '$x^2+y^2=1$' is TeX", f"{tmp_path / 'a.md'}:5: '$a_n=2n+1$' is TeX",
                      f"{tmp_path / 'a.md'}:8: '$-2$' is TeX", f"{tmp_path / 'a.md'}:10: '$$\\frac{{a}}{{b}}$$' is TeX"]


ZHIHU_FORMULAS = (
    '<p>按他的估算，一个裁缝一天的产出大约是 <span class="ztext-math" data-eeimg="1" data-tex="Q=\\frac{T}{t}">'
    '<span></span><span><span class="MathJax_SVG"><svg width="5.6ex" height="4.2ex" role="img"><g>'
    '<use href="#MJMATHI-51"/></g></svg><span class="MJX_Assistive_MathML">'
    '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>Q</mi><mo>=</mo><mfrac><mi>T</mi><mi>t</mi></mfrac>'
    '</math></span></span></span><span></span></span> 件，其中 <span class="ztext-math" data-eeimg="1" '
    'data-tex="T">T</span> 是一天的工时。</p>\n'
    '<p>勾股定理写作 <img src="https://www.zhihu.com/equation?tex=a%5E2%2Bb%5E2%3Dc%5E2" alt="a^2+b^2=c^2" '
    'eeimg="1"> ，人人都背过，<img src="https://www.zhihu.com/equation?tex=c%3D5" eeimg="1"> 也是。</p>\n')


@pytest.mark.parametrize("furniture", ["", '<div id="nav">首页</div>'], ids=["body", "saved-page"])
def test_a_zhihu_answers_formulas_are_printed_as_their_tex_with_a_warning_at_their_line(tmp_path, caplog, furniture):
    """知乎's formula (its TeX in data-tex, MathJax's SVG and MathML inside) and its equation picture
    (the TeX its alt, or its address's tex) left a gap in the sentence with no word: paiban sets no
    math, and prints TeX as written, with a warning. A saved page's was said to lose its whole
    paragraph, which it kept."""
    prose = "<p>学裁缝至少要三年，前一年只能锁边、钉扣子。现在的年轻人很少愿意这样熬。</p>\n"
    page = (f'<html><head><meta charset="utf-8"><title>公式</title></head><body>{furniture}\n'
            f'<div class="RichText ztext">\n{prose}{ZHIHU_FORMULAS}{prose}</div></body></html>')
    body = read(tmp_path, "a.html", page).body
    assert "产出大约是 <code>Q=\\frac{T}{t}</code> 件，其中 <code>T</code> 是一天的工时。" in body
    assert "勾股定理写作 <code>a^2+b^2=c^2</code> ，人人都背过，<code>c=5</code> 也是。" in body
    warned = [record.getMessage() for record in caplog.records]
    assert warned == [f"{tmp_path / 'a.html'}:4: 2 formulas ('Q=\\frac{{T}}{{t}}', 'T') are printed as their TeX, "
                      "in code type: paiban sets no math. Write the formula as text (a/b, x<sup>2</sup>, "
                      "H<sub>2</sub>O, →), or put it in as a picture",
                      f"{tmp_path / 'a.html'}:5: 2 formulas ('a^2+b^2=c^2', 'c=5') are printed as their TeX, "
                      "in code type: paiban sets no math. Write the formula as text (a/b, x<sup>2</sup>, "
                      "H<sub>2</sub>O, →), or put it in as a picture"]


def test_a_zhihu_equation_pictures_tex_is_read_before_its_alt_which_is_a_label(tmp_path, caplog):
    """知乎 writes alt="[公式]" on its equation pictures, their TeX in data-formula and in the address:
    the alt was printed, [公式] in code type, and the warning named it as the TeX. An alt that is
    TeX is still read where the picture gives no other."""
    page = ('<html><head><meta charset="utf-8"><title>勾股定理</title></head><body>\n'
            '<p>三边满足 <img src="https://www.zhihu.com/equation?tex=a%5E2%2Bb%5E2%3Dc%5E2" alt="[公式]" eeimg="1" '
            'data-formula="a^2+b^2=c^2"> ，其中 <img src="https://www.zhihu.com/equation?tex=c" alt="[公式]" '
            'eeimg="1"> 是斜边，<img src="equation_files/e.svg" alt="E=mc^2" eeimg="1"> 也是。</p></body></html>')
    body = read(tmp_path, "a.html", page).body
    assert "三边满足 <code>a^2+b^2=c^2</code> ，其中 <code>c</code> 是斜边，<code>E=mc^2</code> 也是。" in body
    assert "3 formulas ('a^2+b^2=c^2', 'c', 'E=mc^2') are printed as their TeX" in caplog.text


def test_an_ordinary_element_with_a_data_tex_attribute_keeps_its_words(tmp_path, caplog):
    """Any element with data-tex was taken for 知乎's formula: a tooltip printed its attribute, in code
    type, in place of its words. A formula's element is of a math class or holds its rendering."""
    page = ('<html><head><meta charset="utf-8"><title>提示</title></head><body>\n'
            '<p>把鼠标放在<span class="tooltip" data-tex="ignored">这几个字</span>上，就能看到提示。</p></body></html>')
    body = read(tmp_path, "a.html", page).body
    assert "这几个字" in body and "ignored" not in body and "<code>" not in body
    assert "TeX" not in caplog.text


def test_mathjax_and_katex_formulas_are_printed_as_their_tex(tmp_path, caplog):
    """MathJax 2 keeps a formula's TeX in a <script type="math/tex"> after its rendering, KaTeX in an
    annotation of the MathML beside its glyphs: the script went, and KaTeX's glyphs were printed
    without their layout (a2 for a²). MathML with no TeX goes, but not unseen."""
    page = ('<html><head><meta charset="utf-8"><title>公式</title></head><body>\n'
            '<p>质能方程 <span class="MathJax_Preview"></span><span class="MathJax" id="MathJax-Element-1-Frame">'
            '<span class="mi">E</span><span class="mo">=</span></span><script type="math/tex" id="MathJax-Element-1">'
            'E=mc^2</script> 人人都知道。</p>\n'
            '<p>平方写作 <span class="katex"><span class="katex-mathml"><math><semantics><mrow><msup><mi>a</mi>'
            '<mn>2</mn></msup></mrow><annotation encoding="application/x-tex">a^2</annotation></semantics></math>'
            '</span><span class="katex-html" aria-hidden="true"><span class="mord">a</span><span class="msupsub">2'
            '</span></span></span> 即可。</p>\n'
            '<p>又如 <math><mi>x</mi></math> 一式。</p></body></html>')
    body = read(tmp_path, "a.html", page).body
    assert "质能方程 <code>E=mc^2</code> 人人都知道。" in body and "平方写作 <code>a^2</code> 即可。" in body
    assert "又如  一式。" in body
    warned = [record.getMessage() for record in caplog.records]
    assert [message.split(": paiban sets no math")[0] for message in warned] == [
        f"{tmp_path / 'a.html'}:2: the formula 'E=mc^2' is printed as its TeX, in code type",
        f"{tmp_path / 'a.html'}:3: the formula 'a^2' is printed as its TeX, in code type",
        f"{tmp_path / 'a.html'}:4: a formula written in MathML, with no TeX beside it, is left out"]


def test_a_paragraphs_attribute_list_printed_as_its_text_is_named_at_its_line(tmp_path, caplog):
    """``导语段落。 {.lead}`` and ``> “……” {.pullquote}`` printed their lists without a word, while
    ``{#id}`` worked there and a heading warned of what it dropped. A paragraph takes an id alone
    (no class turns on a rule of the theme's pages): what it prints is named at its last line, and
    so is an id at the end of a tight list's item; braces that are no attribute list are no list."""
    article = read(tmp_path, "a.md", "# 题\n\n> “记忆是一种看见。” {.pullquote}\n\n导语段落。 {.lead}\n\n"
                                     "- 甲 {#x}\n- 乙\n\n第一行\n第二行 {lang=en}\n\n集合 {a, b} 与 {}\n\n"
                                     "段落 {#p}\n")
    assert "{.pullquote}</p>" in article.body and "{.lead}</p>" in article.body
    assert '<p id="p">段落</p>' in article.body
    warned = [record.getMessage().split(" at the paragraph")[0] for record in caplog.records]
    assert warned == [f"{tmp_path / 'a.md'}:{line}: the attribute list {listed}"
                      for line, listed in ((3, "{.pullquote}"), (5, "{.lead}"), (7, "{#x}"), (11, "{lang=en}"))]


def test_an_empty_list_and_a_language_that_is_no_tag_are_not_taken_from_a_heading(tmp_path, caplog):
    """``## 集合 {}`` (the empty set) lost its braces; ``{lang="en onclick"}`` was put on the heading."""
    article = read(tmp_path, "a.md", '# 题\n\n## 集合 {}\n\n## Bad {lang="en onclick" .x}\n\n文。\n')
    assert "<h3>集合 {}</h3>" in article.body and '<h3 class="x">Bad</h3>' in article.body
    assert "a.md:5: the heading's lang is left out" in caplog.text


def test_a_paragraph_ending_in_a_long_run_of_spaces_is_not_read_again_from_each(tmp_path):
    """A paragraph's trailing ``{#id}`` was searched for with ``\\s*{…}\\s*$``: a run of spaces was read
    again from each of its spaces (25 s for 40,000 full-width ones; these 90,000 would take two minutes)."""
    article = read(tmp_path, "a.md", "# 题\n\n正文" + "\u3000" * 90_000 + "完\n")
    assert article.body.rstrip().endswith("完</p>")


def test_a_title_heading_keeps_its_language(tmp_path):
    """``# On Morning Walks {lang=en}``: the title's heading, contents and nav say it is English."""
    assert read(tmp_path, "a.md", "# On Walks {lang=en}\n\n正文。\n").title_markup == \
        '<span lang="en">On Walks</span>'


def test_a_heading_takes_its_trailing_id_and_a_link_to_it_is_that_id(tmp_path):
    article = read(tmp_path, "a.md", "# 题\n\n见[细节](#细节)。\n\n## 细节 {#细节}\n\n内容。\n")
    assert '<h3 id="细节">细节</h3>' in article.body and 'href="#细节"' in article.body


def test_raw_html_that_is_not_well_formed_is_an_error_with_its_line(tmp_path):
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", "第一段。\n\n<div class=\"box\">\n<p>未闭合\n</div>\n")
    error = caught.value
    assert "invalid XHTML" in error.message
    assert error.line == 5  # the </div> that closes while <p> is open
    assert error.file.name == "a.md"


def test_raw_html_void_elements_become_xhtml(tmp_path):
    article = read(tmp_path, "a.md", "一行<br>两行\n\n<hr>\n")
    assert "<br/>" in article.body and "<hr/>" in article.body


@pytest.mark.parametrize(("written", "warned"), [
    ('版本 <Badge type="warning" text="已废弃" /> 说明。',
     "a.md:3: <Badge> is left out, and its text '已废弃' with it"),
    ('<TabItem value="npm" label="使用 npm">\n\n```sh\nnpm i qingniao\n```\n\n</TabItem>',
     "a.md:3: <TabItem> is left out, and its label '使用 npm' with it: it is a web page's component"),
    ('<iframe src="https://example.org/v" title="演示视频"></iframe>',
     "a.md:3: <iframe src='https://example.org/v'> is left out, and all it holds and its title '演示视频' with it"),
    ("第一行\n<input type=\"checkbox\" checked> 已完成的选项", "a.md:4: <input> is left out: a book has no form"),
    ('<my-component prop="值"></my-component>', "a.md:3: <my-component> is left out: it is a web page's component"),
])
def test_raw_html_no_book_keeps_is_warned_of_at_its_line_with_the_words_it_held(tmp_path, caplog, written, warned):
    """A docs site's components, a frame and a form's box were left out, the words of their attributes
    with them (a badge's text, a tab's label), and no word said so."""
    article = read(tmp_path, "a.md", f"# 组件\n\n{written}\n\n下文。\n")
    assert warned in caplog.text
    assert "下文" in article.body and ("npm i qingniao" in article.body) == ("npm i" in written)


@pytest.mark.parametrize("name", ["card", "set", "template"])
def test_markup_the_sanitiser_leaves_out_with_its_text_is_told_so(tmp_path, caplog, name):
    """The sanitiser drops some elements with what they hold (<template>, and names it reads as SVG's
    or MathML's: <card>, <set>): the warning said their text was kept."""
    article = read(tmp_path, "a.md", f"# 卡片\n\n前 <{name}>卡片内容</{name}> 后。\n")
    assert "卡片内容" not in article.body and "后" in article.body
    warned = [record.getMessage() for record in caplog.records if f"<{name}>" in record.getMessage()]
    assert warned == [f"{tmp_path / 'a.md'}:3: <{name}> is left out, and all it holds with it: "
                      "it is no HTML element a book keeps; write what it shows in the text itself, or in Markdown"]


def test_markup_left_out_whose_text_is_kept_is_told_once_for_all_its_lines(tmp_path, caplog):
    """Typora writes <font color> round every coloured word: one warning for all of them, not one each."""
    article = read(tmp_path, "a.md", '# 颜色\n\n<font color="red">红字</font>和\n<font color="blue">蓝字</font>。\n\n'
                                     '<font color="red">又一处</font>。\n')
    assert "红字" in article.body and "又一处" in article.body
    warned = [record.getMessage() for record in caplog.records if "<font>" in record.getMessage()]
    assert warned == [f"{tmp_path / 'a.md'}:3: <font> is left out (and at lines 4, 6), its text kept: "
                      "it is no HTML element a book keeps; write what it shows in the text itself, or in Markdown"]


@pytest.mark.parametrize(("written", "lines"), [
    ('<font color="red">红</font>和<font color="blue">蓝</font>。', "3:"),
    ('<font>甲</font><font>乙</font>\n<font>丙</font><font>丁</font>\n<font>戊</font>',
     "3: <font> is left out (and at lines 4, 5),"),
])
def test_markup_left_out_whose_text_is_kept_is_told_at_each_of_its_lines_once(tmp_path, caplog, written, lines):
    """Two <font> on one line were told at line 3 (and at line 3)."""
    read(tmp_path, "a.md", f"# 颜色\n\n{written}\n")
    [warned] = [record.getMessage() for record in caplog.records if "<font>" in record.getMessage()]
    assert warned.startswith(f"{tmp_path / 'a.md'}:{lines}") and "(and at line 3" not in warned
    assert ("(and at" in warned) == ("\n" in written)


def test_a_video_is_left_out_with_the_text_a_browser_shows_in_its_place_and_a_warning(tmp_path, caplog):
    article = read(tmp_path, "a.md", "# 演示\n\n下面的视频：\n\n"
                                     "<video src=\"demo.mp4\" controls>你的浏览器不支持 video 标签。</video>\n\n"
                                     "<audio controls><source src=\"intro.mp3\">您的浏览器不支持音频播放。</audio>\n")
    assert "不支持" not in article.body and "下面的视频" in article.body
    assert "a.md:5: <video src='demo.mp4'> is left out, and all it holds with it: a book plays no video" in caplog.text
    assert "a.md:7: <audio> is left out, and all it holds with it: a book plays no sound" in caplog.text
    assert "<source" not in caplog.text  # (the sound's part, left out with it)


def test_a_drawing_or_a_formula_in_the_text_is_left_out_with_all_it_holds_and_one_warning_saying_so(tmp_path, caplog):
    """The sanitiser takes an <svg>'s and a <math>'s parts with their words, but the warnings said
    each part (<text>, <mi>, <mn>) was left out, its text kept: 图中文字 and 42 were nowhere."""
    article = read(tmp_path, "a.md", '# 图\n\n<svg width="10"><text>图中文字</text><g><path d="M0 0"/></g></svg>'
                                     " 后文乙。\n\n公式 <math><mi>x</mi><mo>=</mo><mn>42</mn></math> 后文丙。\n")
    assert "图中文字" not in article.body and "42" not in article.body and "后文丙" in article.body
    path = tmp_path / "a.md"
    assert [record.getMessage() for record in caplog.records] == [
        f"{path}:3: <svg> is left out, and all it holds with it: a drawing is shown as a picture; save it as an .svg "
        "file and show that, ![…](图.svg)",
        f"{path}:5: <math> is left out, and all it holds with it: paiban sets no math; show the formula as a picture"]


DRAWN_PAGE = """<html><head><title>图</title></head><body>{}<article>
<h1>图篇</h1>
<p>下面画的是一个正方形，它的名字写在 aria-label 里，读屏软件读的就是它。</p>
<svg width="100" role="img" aria-label="一个黑色方块"><title>黑色方块</title><text>方块</text></svg>
<p>段中图：<svg width="20"><text>圆</text></svg>之后，这一段还有别的字，不能少。</p>
<p>公式 <mjx-container class="MathJax" jax="SVG"><svg><path d="M0 0"/></svg><mjx-assistive-mml><math><mi>x</mi>
</math></mjx-assistive-mml></mjx-container> 完。</p>
<p>有图标的一段<svg aria-hidden="true"><path d="M0 0"/></svg>，图标只是装饰<svg role="presentation"></svg>。</p>
</article></body></html>
"""


@pytest.mark.parametrize("furniture", ["", '<div id="nav"><svg><path d="M0 0"/></svg>首页</div>'],
                         ids=["body", "saved-page"])
def test_a_drawing_in_an_html_article_is_left_out_with_one_warning_saying_so(tmp_path, caplog, furniture):
    """An HTML article's <svg> went with its words and its name for a screen reader (aria-label), with no
    warning, where one in a Markdown article's raw HTML has one. A formula MathJax drew is warned of once,
    as a formula; a site's icon, outside the article, or a decorative one in it (aria-hidden="true"), not at all."""
    article = read(tmp_path, "a.html", DRAWN_PAGE.format(furniture))
    assert "方块" not in article.body and "圆" not in article.body and "之后" in article.body
    assert "图标只是装饰" in article.body
    path, instead = tmp_path / "a.html", 'save it as an .svg file and show that, <img src="图.svg" alt="…">'
    assert [record.getMessage() for record in caplog.records] == [
        f"{path}:6: a formula written in MathML, with no TeX beside it, is left out: paiban sets no math. Write the "
        "formula as text (a/b, x<sup>2</sup>, H<sub>2</sub>O, →), or put it in as a picture",
        f"{path}:4: <svg> is left out, and all it holds and its aria-label '一个黑色方块' with it: a drawing is shown "
        f"as a picture; {instead}",
        f"{path}:5: <svg> is left out, and all it holds with it: a drawing is shown as a picture; {instead}"]


def test_a_paragraph_of_nothing_but_a_video_goes_with_it(tmp_path):
    """A Markdown line holding a <video> or an <audio> is a paragraph, which was left in the book
    empty (<p/>); one with text of its own beside it stays."""
    article = read(tmp_path, "a.md", "# 演示\n\n<video src=\"demo.mp4\">不支持。</video>\n\n"
                                     "<audio src=\"a.mp3\"><a href=\"a.mp3\">下载音频</a></audio>\n\n"
                                     "看<video src=\"demo.mp4\"></video>这里。\n")
    assert [line for line in article.body.splitlines() if line] == ["<p>看这里。</p>"]


def test_what_a_frame_holds_is_not_printed(tmp_path):
    """No browser shows it, and the HTML parser reads it as text: its markup was printed as typed."""
    article = read(tmp_path, "a.md", '# 题\n\n<iframe src="https://example.org/v"><p>不支持 iframe。</p></iframe>\n')
    assert "iframe" not in article.body and "&lt;p" not in article.body


def test_raw_html_a_book_keeps_is_no_warning(tmp_path, caplog):
    read(tmp_path, "a.md", '# 题\n\n按 <kbd>Ctrl</kbd>，H<sub>2</sub>O<br>下一行<wbr>。\n\n'
                           '<div class="box">\n\n知识链接。\n\n</div>\n\n<center>居中</center>\n')
    assert not caplog.text


def test_scripts_handlers_and_javascript_urls_are_removed(tmp_path):
    article = read(tmp_path, "a.md",
                   '<p onclick="x()">文<a href="javascript:alert(1)">链</a></p>\n\n'
                   '<script>alert(1)</script>\n\n<iframe src="http://example.org"></iframe>\n')
    assert "onclick" not in article.body
    assert "javascript" not in article.body
    assert "script" not in article.body
    assert "iframe" not in article.body


def test_html_article_title_author_and_body(tmp_path):
    article = read(tmp_path, "a.html", """<html><head><title>页面标题</title>
        <meta name="author" content="某作者"></head>
        <body><h1>文章标题</h1><p>第一段,正文。</p><script>x()</script></body></html>""")
    assert article.title == "文章标题"
    assert article.author == "某作者"
    assert article.body == "<p>第一段，正文。</p>"


@pytest.mark.parametrize(("name", "content", "title", "markup"), [
    ("a.md", "# 重读*呐喊*与[**彷徨**](https://example.com/)\n\n正文。\n", "重读呐喊与彷徨",
     "重读<em>呐喊</em>与<strong>彷徨</strong>"),
    ("a.md", "# 论<em>Hamlet</em>的译本\n\n正文。\n", "论Hamlet的译本", '论<em class="latin">Hamlet</em>的译本'),
    ("a.html", '<h1><i class="fa fa-star"></i><b class="x">标题</b></h1><p>正文。</p>', "标题", "<b>标题</b>"),
    ("a.html", '<h1><i class="fa fa-star"></i><a href="/">标题</a></h1><p>正文。</p>', "标题", None),
])
def test_a_title_keeps_its_emphasis_for_its_heading(tmp_path, name, content, title, markup):
    """The heading's emphasis was dropped with the rest of its markup; a link keeps its text, and
    an empty one (a web page's icon) says nothing: a title with nothing else kept has no markup."""
    article = read(tmp_path, name, content)
    assert (article.title, article.title_markup) == (title, markup)


def test_html_without_h1_uses_the_page_title(tmp_path):
    assert read(tmp_path, "a.html", "<title>页面</title><p>正文</p>").title == "页面"


JAPANESE = "国境の長いトンネルを抜けると雪国であった。"


@pytest.mark.parametrize(("page", "title", "body"), [
    (f'<html lang="ja"><body><h1>国語</h1><p>{JAPANESE}</p></body></html>',
     '<span lang="ja">国語</span>', f'<div lang="ja"><p>{JAPANESE}</p></div>'),
    (f'<html><body lang="JA"><h1>国語</h1><p>{JAPANESE}</p></body></html>',
     '<span lang="ja">国語</span>', f'<div lang="ja"><p>{JAPANESE}</p></div>'),
    (f'<body><article lang="ja"><h1>国語</h1><p>{JAPANESE}</p></article><p>中文。</p></body>',
     '<span lang="ja">国語</span>', f'<div lang="ja"><p>{JAPANESE}</p></div><p>中文。</p>'),
    ('<body><h1 lang="ja">国語</h1><p>中文。</p></body>', '<span lang="ja">国語</span>', "<p>中文。</p>"),
    (f'<html lang="ja"><head><title>国語</title></head><body><p>{JAPANESE}</p></body></html>',
     '<span lang="ja">国語</span>', f'<div lang="ja"><p>{JAPANESE}</p></div>'),
    # A Chinese page made from a template of another language's, or saying it is Chinese: the book's language.
    ('<html lang="en"><body><h1>国语</h1><p>这是一篇中文文章，引了一句日语「雪国」。</p></body></html>', None,
     "<p>这是一篇中文文章，引了一句日语「雪国」。</p>"),
    ('<html lang="zh-TW"><body><h1>國語</h1><p>中文。</p></body></html>', None, "<p>中文。</p>"),
], ids=["html", "body", "article", "h1", "head-title", "template-en", "zh"])
def test_an_html_articles_language_given_by_its_page_or_its_elements_is_kept(tmp_path, page, title, body):
    """A saved Japanese page's <html lang="ja"> (its <body>'s, its <article>'s, its title heading's) was
    dropped: a converting edition converted its text and title (国語 printed 國語) and set them as
    Chinese. The title is a span of its language, the text a division of it, as Markdown's are."""
    article = read(tmp_path, "a.html", page)
    assert (article.title_markup, article.body) == (title, body)


GIT = ('<pre><code>git init\ngit add chapter-01.md\ngit commit -m "first draft of chapter one"\n'
       'git log --oneline</code></pre>')


@pytest.mark.parametrize(("page", "lang"), [
    ('<html lang="en"><body><h1>用 Git 管理写作项目</h1>'
     f'<p>很多作者开始用 Git 来管理书稿。下面是常用的命令：</p>{GIT}</body></html>', None),
    ('<html lang="en"><body><h1>讲座笔记：古籍修复</h1><p>今天听了一场关于古籍修复的讲座。'
     '主讲人介绍了修复用的 wheat starch paste 和 Japanese tissue（日本纸）。</p>'
     '<p>She said: "Conservation is about patience, not speed." 这句话让我印象很深。</p></body></html>', None),
    ('<html lang="en"><body><h1>On Walks</h1><p>The poet walked from 长安 to the river every morning, and wrote of '
     'it in a poem his friends copied out and sent to one another for years.</p></body></html>', "en"),
    ('<html lang="ja"><body><h1>国语</h1><p>这是一篇中文文章，引了一句日语「雪国」。</p></body></html>', None),
    (f'<html lang="ja"><body><h1>国語</h1><p>{JAPANESE}</p>{GIT}</body></html>', "ja"),
    ('<html lang="ko"><body><h1>국어</h1><p>오늘은 날씨가 좋아서 공원에 갔습니다.</p></body></html>', "ko"),
], ids=["en-code", "en-phrases", "english", "ja-chinese", "japanese", "korean"])
def test_a_pages_language_is_kept_only_when_its_prose_reads_as_that_language(tmp_path, page, lang):
    """A Chinese blog made from a template that says lang="en" was read as English when it held a
    code block or a few English phrases: its title and text were tagged en, a Taiwan edition left
    them Simplified and every edition set them as English. Its code is not its prose, and a page
    whose prose is Chinese is the book's language, whatever its template says."""
    article = read(tmp_path, "a.html", page)
    title = article.title_markup and re.fullmatch(r'<span lang="(\w+)">.*</span>', article.title_markup)
    body = re.match(r'<div lang="(\w+)">', article.body)
    assert (title and title[1], body and body[1]) == (lang, lang)


def test_gb18030_article_is_detected_and_read(tmp_path):
    text = "标题\n今天上午，城里下了一场不大不小的春雨，街边的树都绿了。\n"
    article = read(tmp_path, "gbk.txt", text.encode("gb18030"))
    assert article.title == "标题"
    assert article.body == "<p>今天上午，城里下了一场不大不小的春雨，街边的树都绿了。</p>"


@pytest.mark.parametrize(("name", "encoding"), [
    ("garden-gb18030.txt", "GB18030"), ("autumn-big5.txt", "Big5"), ("bookshop-wrapped.txt", "UTF-8")])
def test_fixture_encodings_are_detected_without_a_warning(name, encoding, caplog):
    assert read_draft(IMPORT_FIXTURES / name).encoding == encoding
    assert "uncertain" not in caplog.text


def test_utf16_with_a_bom_is_read(tmp_path):
    assert read(tmp_path, "a.txt", "标题\n正文。\n".encode("utf-16")).title == "标题"


def test_text_too_short_to_tell_gb18030_from_big5_is_read_with_a_warning_naming_the_file(tmp_path, caplog):
    assert read(tmp_path, "short.txt", "标题\n正文\n".encode("gb18030")).title == "标题"
    assert "short.txt: the encoding is uncertain: read as GB18030, but Big5 fits as well" in caplog.text


@pytest.mark.parametrize("encoding", ["gbk", "big5"])
def test_a_short_text_is_read_in_the_encoding_whose_reading_has_its_punctuation(tmp_path, caplog, encoding):
    """Both readings of 短文 好。 are clean to charset-normalizer; in Big5, GBK's 。 is ﹝."""
    assert read(tmp_path, "short.txt", "短文\n\n好。\n".encode(encoding)).body == "<p>好。</p>"
    assert "uncertain" not in caplog.text


@pytest.mark.parametrize(("text", "encoding", "name"), [
    ("日本語の記事\n\nこれは普通の日本語の文章です。天気がいいので散歩しました。\n", "shift_jis", "Shift-JIS"),
    ("山田太郎 鈴木花子 佐藤次郎 田中三郎\n", "shift_jis", "Shift-JIS"),  # kanji alone: 嶳揷懢榊 in GB18030
    ("한국어 기사\n\n이것은 평범한 한국어 문장입니다. 오늘은 날씨가 좋습니다.\n", "euc_kr", "EUC-KR"),
    ("대한민국의 수도는 서울입니다\n", "euc_kr", "EUC-KR"),  # no full stop
    ("김철수 이영희 박민수 최지우\n", "euc_kr", "EUC-KR"),
])
def test_a_japanese_or_korean_article_in_its_legacy_encoding_is_read_in_it_with_a_warning(tmp_path, caplog,
                                                                                           text, encoding, name):
    """Read as GB18030 it printed 擔杮岅偺婰帠 (and 茄惫绢, said only "uncertain" against Big5)."""
    decoded = decode_bytes(text.encode(encoding), tmp_path / "a.txt")
    assert (decoded.text, decoded.encoding) == (text, name)
    assert f"a.txt: read as {name}" in caplog.text and "does not read as Chinese in GB18030" in caplog.text


@pytest.mark.parametrize("text", ["Les cafés sont très bons.\n\nUne deuxième phrase à Zürich.\n",
                                  "Der Bär läuft über die Straße.\n", "Die Größe ist äußerst wichtig.\n",
                                  "A condição das ações é boa.\n", "Ärger über Öl, Größe.\n",
                                  "“Smart quotes” — and dashes – here.\n"])  # was "UTF-16LE without a BOM"
def test_a_western_article_in_windows_1252_is_read_in_it_with_a_warning(tmp_path, caplog, text):
    """It was an error whose hint, iconv -c -f UTF-8, would have left its letters out; or, where its
    letters paired into Chinese ones, read as GB18030: Der B鋜 l鋟ft 黚er die Stra遝."""
    decoded = decode_bytes(text.encode("cp1252"), tmp_path / "w.txt")
    assert (decoded.text, decoded.encoding) == (text, "Windows-1252") and "read as Windows-1252" in caplog.text


def test_utf32_with_a_bom_is_read(tmp_path):
    """It was "binary data, not text: byte 2 (0x00) is a control character"."""
    assert read(tmp_path, "a.txt", "标题\n正文。\n".encode("utf-32")).title == "标题"


@pytest.mark.parametrize(("text", "encoding"), [
    ("用iPhone拍照，A股上涨。\n", "gb18030"), ("标题\n今天用iPhone拍照，看了A股和B站。\n", "gb18030"),
    ("促销 A型 T恤 U盘 K线 PK赛 B超 X光\n", "gbk"),  # was read as Windows-1252: AÐÍ TÐô
    ("编委 陈海 黄华 胡斌 郭刚 高飞 林龙 罗兰 梁博 刘春 李东 马超\n", "gbk"),  # was read as Korean
    ("关键词 人工智能 机器学习 深度学习 自然语言处理 计算机视觉\n", "gbk"),
    ("這個國際會議將於下週舉行，屆時與會者將討論經濟發展與環境問題。鬱鬱蔥蔥的樹林裏，鐘聲響徹雲霄。\n", "gbk"),
])
def test_chinese_of_every_kind_stays_chinese(tmp_path, caplog, text, encoding):
    """Names and keywords spaced without marks, Latin letters beside single characters, Traditional
    text saved as GBK: read as written, without a word of doubt."""
    decoded = decode_bytes(text.encode(encoding), tmp_path / "a.txt")
    assert decoded.text == text and decoded.encoding in ("GB18030", "Big5")
    assert "read as" not in caplog.text and "does not read as Chinese" not in caplog.text


def test_big5_read_as_gb18030_with_half_its_characters_rare_is_read_as_big5(tmp_path):
    """Element names in Big5 came out 睟 綴 筫 in GB18030, whose reading charset-normalizer preferred."""
    text = "氫 氦 鋰 鈹 硼 碳 氮 氧 氟 氖 鈉 鎂 鋁 矽 磷 硫 氯 氬\n"
    decoded = decode_bytes(text.encode("big5"), tmp_path / "a.txt")
    assert (decoded.text, decoded.encoding) == (text, "Big5")


def test_a_chinese_poem_spaced_and_without_marks_is_read_as_chinese(tmp_path, caplog):
    """Spaced as Korean's words are, it is still Chinese: its characters are the commonest."""
    poem = "静夜思\n\n床前明月光 疑是地上霜\n举头望明月 低头思故乡\n春眠不觉晓 处处闻啼鸟\n夜来风雨声 花落知多少\n"
    decoded = decode_bytes(poem.encode("gb18030"), tmp_path / "poem.txt")
    assert (decoded.text, decoded.encoding) == (poem, "GB18030") and "Chinese" not in caplog.text


def test_a_line_of_rare_characters_charset_normalizer_cannot_judge_is_read_as_gb18030(tmp_path):
    text = "“喆”和“堃”是常见人名用字。\n"
    decoded = decode_bytes(text.encode("gb18030"), tmp_path / "rare.txt")
    assert (decoded.text, decoded.encoding) == (text, "GB18030")


@pytest.mark.parametrize("order", ["UTF-16LE", "UTF-16BE"])
@pytest.mark.parametrize("rare", ["", "碑作\U00031350。"])  # CJK Extension H, which Python 3.11 takes for no character
def test_utf16_without_a_bom_is_an_error_saying_so(tmp_path, order, rare):
    """With a character of Extension H it was 'binary data, not text'."""
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.txt", f"标题\n今天上午，城里下了一场春雨。{rare}\n".encode(order))
    assert f"looks like {order} without a byte order mark" in caught.value.message
    assert f"iconv -f {order}" in caught.value.hint


def test_undecodable_bytes_are_an_error_naming_byte_and_line(tmp_path):
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "bad.txt", "标题\n正文".encode() + b"\n\xff\xfe\x80\x81" * 40)
    error = caught.value
    assert "cannot decode" in error.message and "byte 14 (0xff)" in error.message
    assert error.line == 3 and "iconv" in error.hint


NOVEL = "第一章 初到长安\n" + "　　长安城的春天来得迟，城门外的柳树才刚冒出一点新绿。\n" * 20


def test_a_line_pasted_in_another_encoding_is_an_error_at_that_line(tmp_path):
    """(A GBK novel with a UTF-8 line pasted in was "byte 0 ... line 1": where UTF-8 fails.) The
    error is where GB18030, which reads furthest, fails; the hint's iconv works on such a file."""
    data = NOVEL.encode("gbk") + "　　这一段是从网页复制的。\n".encode() + NOVEL.encode("gbk")
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.txt", data)
    error = caught.value
    assert "byte 1118 (0x80) is not valid GB18030" in error.message  # its 　 (e3 80 80): 銆, then a stray 0x80
    assert error.line == 22
    assert "iconv -c -f GB18030 -t UTF-8" in error.hint and "retype line 22" in error.hint


def test_a_file_cut_short_is_an_error_at_its_broken_end(tmp_path):
    data = NOVEL.encode("gb18030") + "完".encode("gb18030")[:1]
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.txt", data)
    error = caught.value
    assert f"byte {len(data) - 1} (0x{data[-1]:02x}) is not valid GB18030" in error.message and error.line == 22
    assert "ends partway through a character" in error.hint and "iconv -c -f GB18030" in error.hint


def test_a_utf8_file_with_a_bom_and_a_bad_byte_gets_a_utf8_hint(tmp_path):
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.txt", codecs.BOM_UTF8 + "标题\n正文\n".encode() + "坏".encode("gbk"))
    assert "not valid UTF-8 (it starts with a UTF-8 BOM)" in caught.value.message
    assert caught.value.line == 3 and "iconv -c -f UTF-8" in caught.value.hint


def test_binary_data_is_an_error_naming_the_byte(tmp_path):
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.txt", b"title\nPK\x03\x04\x00\x00")
    assert "binary data" in caught.value.message and "byte 8 (0x03)" in caught.value.message
    assert caught.value.line == 2


@pytest.mark.parametrize(("content", "kind"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x90", "a PNG image"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00", "a program"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xa5\x8bzY", "a zip archive"),
])
def test_a_binary_file_named_txt_is_an_error_naming_its_kind(tmp_path, content, kind):
    """A picture or a program saved as .txt got "cannot decode the text", and a hint to convert it with iconv."""
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.txt", content)
    assert caught.value.message == f"binary data, not text (it looks like {kind})"
    assert ".docx" in caught.value.hint and "iconv" not in caught.value.hint


def test_a_binary_file_of_no_known_kind_is_an_error_naming_its_first_nul(tmp_path):
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.txt", b"\x80\x81\n\x00\x01")
    assert caught.value.message == "binary data, not text: byte 3 (0x00) is a control character"
    assert caught.value.line == 2


def test_utf8_bom_is_accepted(tmp_path):
    assert read(tmp_path, "a.txt", "\ufeff标题\n正文。\n").title == "标题"


@pytest.mark.parametrize(("name", "source"), [
    ("a.html", '<h1>题</h1><p><img src="data:image/png;base64,{}" alt="红块"></p>'),
    ("a.md", "# 题\n\n![红块](data:image/png;base64,{})\n"),
])
def test_an_image_embedded_as_a_data_url_is_stored_in_the_book(tmp_path, name, source):
    picture = tmp_path / "pic.png"
    Image.new("RGB", (4, 3), "red").save(picture)
    article = read(tmp_path, name, source.format(base64.b64encode(picture.read_bytes()).decode()))
    assert len(article.images) == 1 and (tmp_path / article.images[0]).read_bytes() == picture.read_bytes()


def test_an_embedded_picture_in_a_read_only_book_is_an_error_naming_the_folder(tmp_path, monkeypatch):
    """Writing .paiban/images/ into a read-only book escaped as "internal error" (and `check
    --json` printed nothing)."""
    import errno
    import os

    import paiban.sources.embedded

    def read_only(target):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(target.parent))

    monkeypatch.setattr(paiban.sources.embedded, "atomic_output", read_only)
    picture = tmp_path / "pic.png"
    Image.new("RGB", (4, 3), "red").save(picture)
    embedded = base64.b64encode(picture.read_bytes()).decode()
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", f"# 题\n\n![红块](data:image/png;base64,{embedded})\n")
    assert caught.value.file == tmp_path / "a.md"
    assert str(tmp_path / ".paiban" / "images") in caught.value.message
    assert "Read-only file system" in caught.value.message and "writable" in caught.value.hint


def test_a_data_url_that_holds_no_whole_picture_is_left_out_with_a_warning_saying_so(tmp_path, caplog):
    article = read(tmp_path, "a.md", "# 题\n\n正文。![红块](data:image/png;base64,iVBORw0KGgo=)\n")
    assert "<img" not in article.body and "正文" in article.body
    assert "a.md:3: the picture '红块' embedded as a data: URL" in caplog.text and "image ''" not in caplog.text


def test_image_outside_the_book_is_refused(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "secret.png").write_bytes(b"x")
    path = tmp_path / "book" / "a.md"
    path.write_text("![图](../secret.png)\n", encoding="utf-8")
    with pytest.raises(PaibanError, match="outside the book"):
        read_article(path, tmp_path / "book")


def test_a_missing_image_is_named_as_written_with_its_line(tmp_path):
    """Markdown percent-encodes a Chinese file name; the error must show the name the editor wrote."""
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", "# 题\n\n正文。\n\n![图](图片/没有这张图.png)\n")
    assert caught.value.message == "image '图片/没有这张图.png' not found"
    assert caught.value.line == 5 and caught.value.file.name == "a.md"


@pytest.mark.parametrize(("written", "message"), [("/images/a.png", "image '/images/a.png' is outside the book"),
                                                  ("images/a.png", "image 'images/a.png' not found")])
def test_a_picture_given_by_its_path_in_the_book_is_told_its_path_from_the_article(tmp_path, written, message):
    """/images/a.png was told to be copied into the book, where it was; images/a.png, written in a
    chapter's article as from the book's folder, got no suggestion."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(PNG)
    path = tmp_path / "01-章" / "01-甲.md"
    path.parent.mkdir()
    path.write_text(f"# 甲\n\n![图]({written})\n", encoding="utf-8")
    with pytest.raises(PaibanError) as caught:
        read_article(path, tmp_path)
    assert caught.value.message.startswith(message) and caught.value.line == 3
    assert caught.value.hint.startswith("Did you mean '../images/a.png'? ")


@pytest.mark.parametrize(("folder", "meant"), [("static", "../../static/img/arch.png"),
                                               ("docs/public", "../public/img/arch.png")])
def test_a_picture_given_from_a_docs_sites_root_is_told_its_path_in_the_sites_folder(tmp_path, folder, meant):
    """/img/arch.png, which Docusaurus serves from static/ and VitePress from docs/public/, was told to
    be copied into the book, where it was."""
    (tmp_path / folder / "img").mkdir(parents=True)
    (tmp_path / folder / "img" / "arch.png").write_bytes(PNG)
    path = tmp_path / "docs" / "guide" / "01-arch.md"
    path.parent.mkdir(parents=True)
    path.write_text("# 架构\n\n![架构图](/img/arch.png)\n", encoding="utf-8")
    with pytest.raises(PaibanError) as caught:
        read_article(path, tmp_path)
    assert caught.value.message == "image '/img/arch.png' is outside the book directory" and caught.value.line == 3
    assert caught.value.hint.startswith(f"Did you mean '{meant}'? ")


@pytest.mark.parametrize("written", ["images\\图1.png", "images/图1.PNG", "Images\\图1.Png"])
def test_a_picture_linked_as_windows_finds_it_is_told_the_path_of_the_file(tmp_path, written):
    """A backslash, or a name in another case, finds the picture on Windows: the error named the
    path as written and where it expected it, not the file that was there."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "图1.png").write_bytes(PNG)
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", f"# 图\r\n\r\n![一]({written})\r\n")
    assert caught.value.message == f"image '{written}' not found" and caught.value.line == 3
    assert caught.value.hint.startswith("Did you mean 'images/图1.png'? The link finds it on Windows, an e-book's "
                                        "does not: write / between folders, and each name in the case of the file's.")


@pytest.mark.parametrize(("name", "escaped"), [("图#1.png", "图%231.png"), ("a?b.png", "a%3Fb.png")])
def test_a_picture_whose_name_has_a_hash_or_a_question_mark_is_told_to_escape_it(tmp_path, name, escaped):
    """A link's path ends at # or ?: the picture, there, was "not found" at a path cut short
    (images/图), with no word of %23."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / name).write_bytes(PNG)
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", f"# 图\n\n![一](images/{name})\n")
    assert caught.value.message == f"image 'images/{name}' not found" and caught.value.line == 3
    assert caught.value.hint.startswith(f"The file 'images/{name}' is there, but in a link a # begins a fragment "
                                        f"and a ? a query, which end the file's path: write them as %23 and %3F, "
                                        f"'images/{escaped}'. ")
    assert read(tmp_path, "b.md", f"# 图\n\n![一](images/{escaped})\n").images == (f"images/{name}",)


def test_the_hint_for_a_picture_name_with_a_hash_never_tells_of_a_file_outside_the_book(tmp_path):
    """The # hint looked for the name as written, ``x#/../../secret.txt`` too: its words told whether
    a file outside the book was there."""
    book = tmp_path / "book"
    (book / "x#").mkdir(parents=True)
    (tmp_path / "secret.png").write_bytes(PNG)
    for name in ("secret.png", "no-such.png"):
        with pytest.raises(PaibanError) as caught:
            read(book, "a.md", f"# 图\n\n![一](x#/../../{name})\n")
        assert "is there" not in caught.value.hint


def test_remote_image_is_left_out_with_a_warning(tmp_path, caplog):
    article = read(tmp_path, "a.md", "前![图](http://127.0.0.1:9/x.png)后\n")
    assert "<img" not in article.body and "前后" in text_of(article.body)
    assert "not a file in the book" in caplog.text
    alone = read(tmp_path, "b.md", "前文。\n\n![图](https://example.com/x.png)\n\n后文。\n")
    assert alone.body.split() == ["<p>前文。</p>", "<p>后文。</p>"]  # no empty paragraph where it stood


def test_an_html_pictures_address_from_the_sites_root_is_left_out_with_a_warning_at_its_line(tmp_path, caplog):
    """A CMS page's ad, <img src="/ads/banner.gif">, stopped the build: "image '/ads/banner.gif' is
    outside the book directory", though a remote picture is left out with a warning. It is the
    site's address, not a file of the book."""
    page = ('<html><head><meta charset="utf-8"><title>河岸</title></head><body><h1>河岸</h1>\n'
            '<p>第一段：河边的柳树已经发芽了。</p>\n<p><img src="/ads/banner.gif" alt="广告"></p>\n<p>第二段。</p>\n'
            '</body></html>')
    assert read(tmp_path, "a.html", page).body.split() == ["<p>第一段：河边的柳树已经发芽了。</p>", "<p>第二段。</p>"]
    assert (f"{tmp_path / 'a.html'}:3: image '/ads/banner.gif' is an address on the page's web site (from its "
            "root), not a file of the book; it was left out") in caplog.text


def test_a_saved_pages_pictures_from_the_sites_root_are_warned_of_only_in_its_article(tmp_path, caplog):
    """Every site-root picture of the page was left out with a warning before its article was
    extracted: the header's logo and the sidebar's ad, which went with the page's furniture and
    were never in the article, gave a warning each."""
    page = ('<html><head><meta charset="utf-8"><title>河岸</title></head><body>\n'
            '<div id="header"><img src="/static/logo.png" alt="某某网"><a href="/">首页</a></div>\n'
            "<article><h1>河岸</h1>\n<p>第一段：河边的柳树已经发芽了，渔船一条接一条地靠岸，码头上的人渐渐多起来。</p>\n"
            '<p>第二段：卖豆花的推车准时出现。<img src="/ads/inline.gif" alt="广告">车上的铃铛声传得很远。</p>\n'
            "<p>第三段：雨后的石板路泛着光，孩子们踩着水坑跑过去，笑声一直传到巷子尽头。</p></article>\n"
            '<div class="sidebar"><img src="/ads/side.jpg" alt="广告"><a href="/x/1.html">热门一</a></div>\n'
            '<div class="footer">版权所有</div></body></html>')
    body = read(tmp_path, "a.html", page).body
    assert "<img" not in body and "推车准时出现。车上的铃铛声" in body
    warned = [record.getMessage() for record in caplog.records if "web site" in record.getMessage()]
    assert len(warned) == 1 and f"{tmp_path / 'a.html'}:5: image '/ads/inline.gif'" in warned[0]


WECHAT_PROSE = "<p>老街的尽头有一家裁缝铺，门脸不过两米宽，招牌上的红漆早已剥落，店主陈师傅今年七十二岁。</p>\n"


def _saved_wechat_page(article: str) -> str:
    """A WeChat article as a browser saves it: its text in #js_content, the page's navigation
    beside it (so its article is extracted), ``article`` from its fifth line."""
    return ('<html><head><meta charset="utf-8"><title>老街</title></head><body><div id="nav">首页</div>\n'
            f'<div id="js_content">\n{2 * WECHAT_PROSE}{article}\n{2 * WECHAT_PROSE}</div></body></html>')


SPACER = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"  # a 1×1 GIF


@pytest.mark.parametrize("placeholder", [SPACER, WECHAT_PLACEHOLDER], ids=["gif", "wechat-svg"])
def test_a_saved_pages_remote_wechat_pictures_are_warned_of_at_their_lines(tmp_path, caplog, placeholder):
    """trafilatura keeps only a picture whose address has a picture's suffix: a saved page's remote
    WeChat pictures (…/640?wx_fmt=jpeg) went with no word, where the same body alone had a warning
    each. WeChat's own placeholder was taken for the lazy one's picture, an invisible 1×1 figure."""
    page = _saved_wechat_page('<p><img src="https://mmbiz.qpic.cn/mmbiz_jpg/AAA/640?wx_fmt=jpeg" alt="图片"></p>\n'
                              f'<p><img src="{placeholder}" alt="图片" '
                              'data-src="https://mmbiz.qpic.cn/mmbiz_jpg/BBB/640?wx_fmt=jpeg&amp;wx_lazy=1"></p>')
    assert "<img" not in read(tmp_path, "a.html", page).body
    for line, address in [(5, "AAA/640?wx_fmt=jpeg"), (6, "BBB/640?wx_fmt=jpeg&wx_lazy=1")]:
        assert (f"a.html:{line}: image 'https://mmbiz.qpic.cn/mmbiz_jpg/{address}' is not a file in the book; it was "
                "left out (copy the image into the book") in caplog.text


def test_a_picture_the_extraction_leaves_out_of_a_saved_pages_article_is_warned_of(tmp_path, caplog):
    """trafilatura drops a picture standing alone in a <section>, as WeChat sets its photos: it went
    with no word. The site's logo, outside the article, is no picture of it."""
    (tmp_path / "a_files").mkdir()
    for name in ("logo.png", "1.png"):
        (tmp_path / "a_files" / name).write_bytes(PNG)
    page = _saved_wechat_page('<section style="text-align: center;"><img src="a_files/1.png" alt="图片"></section>')
    read(tmp_path, "a.html", page.replace("<body>", '<body><div class="brand"><img src="a_files/logo.png"></div>'))
    assert (f"{tmp_path / 'a.html'}:5: the article taken from the page leaves out the picture 'a_files/1.png'. If it "
            "is the article's, delete the page's navigation and footer from the file") in caplog.text
    assert "logo" not in caplog.text


def test_a_saved_pages_pictures_saved_beside_it_are_kept_over_their_remote_data_src(tmp_path, caplog):
    """A page saved "complete" points each picture's src at the copy saved beside it and leaves its
    data-src remote: trafilatura, which takes data-src first, put the remote address in the extract,
    and the photo and an inline emoji were left out, with a warning to copy in a file that was there."""
    (tmp_path / "a_files").mkdir()
    for name in ("smile.png", "640.png"):
        (tmp_path / "a_files" / name).write_bytes((IMPORT_FIXTURES / "page_files" / "lake.png").read_bytes())
    page = _saved_wechat_page(
        '<p>他说得很好笑。<img src="a_files/smile.png" data-src="https://res.wx.qq.com/mpres/emoji/smile.png" '
        'alt="[微笑]">我们都笑了。</p>\n'
        '<p><img src="a_files/640.png" data-src="https://mmbiz.qpic.cn/mmbiz_jpg/abc/640.png" alt="工作台"></p>')
    article = read(tmp_path, "a.html", page)
    assert article.images == ("a_files/smile.png", "a_files/640.png")
    assert 'alt="[微笑]"/>我们都笑了。' in article.body and "left out" not in caplog.text


@pytest.mark.parametrize(("content", "named"), [(PNG, "name the file 640.png, the format it holds"),
                                                (b"<html></html>", "name the file as its format is (640.png, …)")],
                         ids=["png", "no-picture"])
def test_a_saved_pages_picture_whose_file_has_no_picture_suffix_is_left_out_with_a_warning(
        tmp_path, caplog, content, named):
    """A browser may save a picture as its address's last part (WeChat's 640): handed to trafilatura
    by a name with a picture's suffix, it was kept, and the article and its build stopped at it, where
    trafilatura had dropped it with no word and the page built."""
    (tmp_path / "a_files").mkdir()
    (tmp_path / "a_files" / "640").write_bytes(content)
    article = read(tmp_path, "a.html", _saved_wechat_page('<p>巷口<img src="a_files/640" alt="巷口">的老树。</p>'))
    assert "<img" not in article.body and "巷口的老树。" in article.body and article.images == ()
    assert (f"a.html:5: image 'a_files/640' has no picture suffix in its name; it was left out ({named}, and refer "
            "to it by that name") in caplog.text


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="300" height="300"{}</svg>'


@pytest.mark.parametrize(("drawing", "kept"), [
    ('><defs><style>.bar{fill:#c33}</style></defs><g fill="none"><rect class="bar" width="20" height="60"/>'
     '<rect class="bar" x="40" width="20" height="80"/></g>', True),
    (' fill="none"><style>path{stroke:#000;stroke-width:2}</style><path d="M4 12h16M12 4v16"/>', True),
    ("><style>rect{fill:#c33}</style>", False),
], ids=["chart", "icon", "no-shape"])
def test_a_saved_pages_svg_painted_by_its_own_style_sheet_is_kept_over_its_remote_data_src(tmp_path, caplog, drawing,
                                                                                            kept):
    """A chart whose bars its <style> fills, in a <g fill="none">, and an icon stroked by its sheet
    were taken for blank lazy-loading stand-ins (their paint read from attributes alone): the
    remote data-src was used instead and left out. A sheet that has no shape to paint is blank."""
    (tmp_path / "a_files").mkdir()
    (tmp_path / "a_files" / "1.svg").write_text(SVG.format(drawing), encoding="utf-8")
    page = _saved_wechat_page('<p><img src="a_files/1.svg" data-src="https://cdn.example.com/1.svg" alt="房租"></p>')
    assert read(tmp_path, "a.html", page).images == (("a_files/1.svg",) if kept else ())
    assert ("image 'https://cdn.example.com/1.svg' is not a file in the book" in caplog.text) is not kept


def test_an_html_pictures_path_out_of_the_book_is_an_error(tmp_path):
    (tmp_path / "x.png").write_bytes(PNG)
    path = tmp_path / "book" / "01-章" / "a.html"
    path.parent.mkdir(parents=True)
    path.write_text('<h1>题</h1><p>正文。</p><p><img src="../../x.png" alt="图"></p>', encoding="utf-8")
    with pytest.raises(PaibanError, match="image '../../x.png' is outside the book directory"):
        read_article(path, tmp_path / "book")


@pytest.mark.parametrize("image", ["![图](file:///etc/passwd)", '<img src="file:///etc/passwd" alt="图">'])
def test_a_file_url_image_is_left_out_with_the_warning_naming_it(tmp_path, caplog, image):
    """Markdown's image came out as its text (markdown-it takes no file: URL), its ! made
    full-width, and HTML's was said to be "embedded as a data: URL (or with no src)"."""
    article = read(tmp_path, "a.md", f"前文。\n\n{image}\n\n后文。\n")
    assert article.body.split() == ["<p>前文。</p>", "<p>后文。</p>"]
    assert "a.md:3: image 'file:///etc/passwd' is not a file in the book; it was left out" in caplog.text  # its line


def test_a_file_url_link_keeps_its_text_not_the_address(tmp_path):
    article = read(tmp_path, "a.md", "见[密码](file:///etc/passwd)与<a href=\"FILE:/etc\">目录</a>。\n")
    assert article.body.strip() == "<p>见<a>密码</a>与<a>目录</a>。</p>"


def test_local_image_becomes_book_relative(tmp_path):
    (tmp_path / "ch" / "img").mkdir(parents=True)
    (tmp_path / "ch" / "img" / "p.png").write_bytes(PNG)
    path = tmp_path / "ch" / "a.md"
    path.write_text("![图](img/p.png)\n", encoding="utf-8")
    article = read_article(path, tmp_path)
    assert article.images == ("ch/img/p.png",)
    assert 'src="ch/img/p.png"' in article.body


def test_text_dateline_source_and_date_lines_become_metadata(tmp_path):
    article = read(tmp_path, "a.txt", "标题\n2022年10月28日 08:12　来源：示例日报\n"
                   "示例社北京11月24日电（记者 周明 孙晓）今天上午，会议在北京开幕。\n第二段。\n")
    assert (article.date, article.origin, article.author) == ("2022-10-28", "示例日报", "周明、孙晓")
    assert article.body == "<p>今天上午，会议在北京开幕。</p><p>第二段。</p>"


@pytest.mark.parametrize(("line", "expected"), [
    ("发布时间：2023年11月08日　作者：石板", ("2023-11-08", None, "石板")),
    ("时间：2023-11-08　来源：示例文学网　作者：石板", ("2023-11-08", "示例文学网", "石板")),
    ("日期：2023-11-08 10:00", ("2023-11-08", None, None)),
    ("發佈時間：2023年11月08日", ("2023-11-08", None, None)),
    ("发表于 2023-11-08", ("2023-11-08", None, None)),
    # A government page's: its date in Chinese numerals, its source labelled as gov sites label it.
    ("发布日期：二〇二五年二月十日　来源：某市发展和改革委员会", ("2025-02-10", "某市发展和改革委员会", None)),
    ("发布日期：二〇二四年十二月三十一日", ("2024-12-31", None, None)),
    ("发布日期：2025-01-20　信息来源：某市人民政府办公室", ("2025-01-20", "某市人民政府办公室", None)),
    ("发布日期：2025-01-20　文章来源：某市人民政府办公室", ("2025-01-20", "某市人民政府办公室", None)),
])
def test_a_date_line_with_its_label_gives_the_date_not_a_subheading(tmp_path, line, expected):
    """发布时间：… and 时间：… 来源：… 作者：…, which open many a page, became a subheading of the article."""
    article = read(tmp_path, "a.txt", f"老街\n{line}\n老街拐角有一间修鞋铺，师傅姓周。\n他每天都来。\n")
    assert (article.date, article.origin, article.author) == expected
    assert article.body == "<p>老街拐角有一间修鞋铺，师傅姓周。</p><p>他每天都来。</p>"


def test_a_labelled_date_line_under_a_headline_ending_in_a_question_mark_is_the_articles_date(tmp_path):
    """The headline's ？ was taken for the text's first sentence: the date line after it was printed as a subheading."""
    article = read(tmp_path, "a.txt", "城里的年轻人为什么爱上了早起？\n发布时间：2024年3月6日 10:20\n"
                                      "清晨六点，公园里已经很热闹。\n晨跑的人越来越多。\n")
    assert article.date == "2024-03-06" and "发布时间" not in article.body


@pytest.mark.parametrize(("text", "kept"), [
    ("三月日记\n\n日期：2024年3月5日\n今天下了小雨。\n\n日期：2024年3月6日\n天晴了。\n", ["日期：2024年3月6日"]),
    ("停电公告\n\n本小区将于下列时间停电：\n\n时间：2024年6月1日 08:00\n时间：2024年6月8日 08:00\n\n请做好准备。\n",
     ["时间：2024年6月1日 08:00", "时间：2024年6月8日 08:00"]),
])
def test_a_labelled_date_line_in_the_text_is_the_texts(tmp_path, text, kept):
    """A diary's 日期：… and a notice's 时间：… lines were left out as the page's date, wherever they stood."""
    body = read(tmp_path, "a.txt", text).body
    assert [line for line in kept if line in body] == kept


_SIGNED = "\u3000" * 20


@pytest.mark.parametrize("above", ["发布时间：2026-03-09　来源：某市某局\n", ""], ids=["page-date", "none"])
def test_a_signatures_date_under_the_text_stays_in_it(tmp_path, above):
    """The date under a notice's signature (某市某局 / 2026年3月5日) was taken for the page's date:
    lost from the book under a 发布时间 line, else moved up into the byline."""
    text = (f"关于开展档案检查的通知\n{above}各区县局：\n　　现决定开展档案检查，请按时报送结果。\n"
            f"{_SIGNED}某市某局\n{_SIGNED}2026年3月5日\n")
    article = read(tmp_path, "a.txt", text.encode("gbk"))
    assert article.body.endswith('<p class="align-right">某市某局</p><p class="align-right">2026年3月5日</p>')
    assert article.date == ("2026-03-09" if above else None)


def test_a_txt_diarys_first_day_is_headed_as_the_others_not_taken_for_the_date(tmp_path):
    """A diary whose days are headed by bare dates had its first date taken for the page's date:
    printed small in the byline, its day had no heading."""
    days = "1989年3月1日\n\n今天在灯下读书。\n\n1989年3月2日\n\n无事。\n\n1989年3月3日\n\n晴。\n"
    article = read(tmp_path, "a.txt", f"一九八九年日记\n\n{days}")
    assert article.date is None
    assert article.body == ("<h3>1989年3月1日</h3><p>今天在灯下读书。</p><h3>1989年3月2日</h3><p>无事。</p>"
                            "<h3>1989年3月3日</h3><p>晴。</p>")


def test_a_txt_news_storys_date_over_its_text_stays_its_date_under_a_dated_update(tmp_path):
    """A story's date under its headline, with one dated update below its text, was read as a
    diary's first day: a subheading over the first paragraph, and the story had no date."""
    text = ("某市举办秋季读书节\n2024年10月12日\n\n　　10月12日，某市第十届秋季读书节在市图书馆开幕。\n\n"
            "　　活动为期一周，设有讲座、展览和换书集市等环节。\n\n"
            "2024年10月15日\n　　（更新）截至今日已有两万余人次参加活动。\n")
    article = read(tmp_path, "a.txt", text)
    assert article.date == "2024-10-12"
    assert article.body.startswith("<p>10月12日，") and "<h3>2024年10月15日</h3>" in article.body, article.body


def test_a_pages_date_above_a_text_telling_of_earlier_days_is_the_pages(tmp_path):
    """A page's own date comes after the days its text tells of: it stays the article's date."""
    article = read(tmp_path, "a.txt", "回顾\n\n2024年3月5日\n\n去年的事情。\n\n2023年5月1日\n\n那天下雨了。\n")
    assert article.date == "2024-03-05" and "2024年3月5日" not in article.body


@pytest.mark.parametrize(("dates", "page_date"), [
    (("1989年3月1日", "1989年3月2日", "1989年3月3日"), None),  # a diary: each day's date heads its entry
    (("2024年3月5日", "2023年5月1日", "2023年5月2日"), "2024-03-05"),  # the page's date, then earlier days
])
def test_a_web_pages_dates_between_its_first_lines_of_text_are_never_lost(tmp_path, dates, page_date):
    """A web page's headline is its <h1>, so its first line of text was read as a scraped text's
    headline, and the date under it, a second, as the page's too: taken once, it was dropped
    unwarned (a diary lost its second day's date)."""
    entries = ("今天在灯下读书，读到很晚。", "无事。早上去河边走了走。", "晴。")
    page = ('<html><head><meta charset="utf-8"><title>日记</title></head><body><h1>日记</h1>'
            + "".join(f"<p>{date}</p><p>{entry}</p>" for date, entry in zip(dates, entries, strict=True))
            + "</body></html>")
    article = read(tmp_path, "a.html", page.encode())
    assert article.date == page_date
    text = "".join(html.fromstring(f"<div>{article.body}</div>").itertext())
    assert all(date in text for date in dates[1:]) and all(entry in text for entry in entries)
    assert (dates[0] in text) == (page_date is None)


def test_a_pages_signature_date_set_flush_right_stays_in_the_signature(tmp_path):
    """The right-aligned date closing a notice left its signature and became the article's byline."""
    page = ('<html><head><meta charset="utf-8"><title>关于开展档案检查的通知</title></head><body>'
            '<h1>关于开展档案检查的通知</h1><p>各区县局：</p><p>　　现决定开展档案检查，请按时报送结果。</p>'
            '<p style="text-align:right">某市某局</p><p style="text-align:right">2026年3月5日</p></body></html>')
    article = read(tmp_path, "a.html", page)
    assert article.body.endswith('<p class="align-right">某市某局</p><p class="align-right">2026年3月5日</p>')
    assert article.date is None


@pytest.mark.parametrize(("line", "author"), [
    ("特约记者 吴平", "吴平"), ("本报记者 张三 李四", "张三、李四"), ("通讯员：王五", "王五"), ("记者 周明", "周明"),
    ("新华社记者 张三", "张三"), ("本报驻京记者 李四", "李四"), ("示例日报首席记者 王五", "王五"),
    ("澎湃新闻记者 张三", "张三"), ("界面新闻记者 李四", "李四"), ("央视记者 王五", "王五"),
    ("南方周末记者 赵六", "赵六"), ("第一财经记者 孙七", "孙七"), ("本报记者 扎西次仁", "扎西次仁"),
    ("记者 阿依古丽·买买提", "阿依古丽·买买提")])
def test_text_reporters_line_is_the_author_not_a_subheading(tmp_path, line, author):
    text = f"标题\n{line}\n2024年5月6日\n新操场今天启用，孩子们在上面奔跑。\n校长说，这是心愿。\n"
    article = read(tmp_path, "a.txt", text)
    assert (article.author, article.date) == (author, "2024-05-06")
    assert article.body == "<p>新操场今天启用，孩子们在上面奔跑。</p><p>校长说，这是心愿。</p>"


@pytest.mark.parametrize(("line", "metadata"), [
    ("2024年1月1日 来源：澎湃新闻 澎湃新闻记者 张三", ("2024-01-01", "澎湃新闻", "张三")),
    ("记者 张三 李四 来源：示例网", (None, "示例网", "张三、李四"))])
def test_text_metadata_line_gives_date_outlet_and_reporters_whatever_the_outlets_name(tmp_path, line, metadata):
    """澎湃新闻记者 张三 stayed in the text: only a title after an outlet ending in 社, 报, 网, 台 or 刊 was taken."""
    article = read(tmp_path, "a.txt", f"标题\n{line}\n新操场今天启用。\n")
    assert (article.date, article.origin, article.author, article.body) == (*metadata, "<p>新操场今天启用。</p>")


@pytest.mark.parametrize(("credit", "author"), [
    ("（记者 孙浩 通讯员 何静）", "孙浩、何静"), ("(实习生 马小雨 记者 林晓岚)", "马小雨、林晓岚"),
    ("（本报记者 杨帆 摄影报道）", "杨帆"), ("（记者 林晓岚 整理）", "林晓岚")])
def test_text_closing_joint_credit_names_every_writer_and_no_role(tmp_path, credit, author):
    """（记者 孙浩 通讯员 何静） kept 孙浩 alone, (实习生 马小雨 记者 林晓岚) no one, its line dropped, and
    （本报记者 杨帆 摄影报道） gave 杨帆、摄影报道: the titles and roles between the names were read as names."""
    article = read(tmp_path, "a.txt", f"标题\n洪水退去，村民们开始清理家园。\n{credit}\n")
    assert (article.author, article.body) == (author, "<p>洪水退去，村民们开始清理家园。</p>")


@pytest.mark.parametrize(("line", "author"), [("（本报记者 孙浩）", "孙浩"), ("(记者 林晓岚 李想)", "林晓岚、李想"),
                                              ("（新华社记者 张三）", "张三")])
def test_text_reporters_credit_in_brackets_under_the_headline_is_the_byline(tmp_path, line, author):
    """（本报记者 孙浩） under the headline, as a paper prints it, was the text's first paragraph, and the
    article had no author: a line in brackets was metadata only when it held 作者, 通讯员 or 文／."""
    article = read(tmp_path, "a.txt", f"标题\n\n{line}\n\n清晨六点，她已经站在学校门口。\n")
    assert (article.author, article.body) == (author, "<p>清晨六点，她已经站在学校门口。</p>")


@pytest.mark.parametrize("lines", [["——记青川市北坡小学教师林秋", "（本报记者 孙浩）"],
                                   ["（本报记者 孙浩）", "——记青川市北坡小学教师林秋"],
                                   ["—记青川市北坡小学教师林秋", "（本报记者 孙浩）"],
                                   ["－－记青川市北坡小学教师林秋", "（本报记者 孙浩）"]])
def test_text_dash_line_under_the_headline_is_its_subtitle(tmp_path, lines):
    """A paper's subtitle (副题) under its headline, ——记青川市北坡小学教师林秋, above its byline or
    below it, was a subheading of the text (an h3, in the contents and the bookmarks)."""
    text = "\n".join(["扎根山村三十年的乡村教师", *lines, "", "清晨六点，林秋已经站在学校门口。"])
    article = read(tmp_path, "a.txt", text)
    assert (article.title, article.subtitle, article.author, article.body) == (
        "扎根山村三十年的乡村教师", "——记青川市北坡小学教师林秋", "孙浩", "<p>清晨六点，林秋已经站在学校门口。</p>")


@pytest.mark.parametrize("lines", [["——记青川老街钟表铺店主周德发", "文/李青 图/王木"],
                                   ["——记青川老街钟表铺店主周德发", "文／李青　摄影／王木"],
                                   ["文／李青　摄影／王木", "——记青川老街钟表铺店主周德发"]])
def test_text_byline_with_a_photographers_credit_is_the_author_above_or_below_the_subtitle(tmp_path, lines):
    """文/李青 图/王木 under the subtitle was a subheading (in the contents), the article without its
    author; over the subtitle it kept the subtitle in the text, both lines paragraphs."""
    text = "\n".join(["老街里的钟表匠", *lines, "", "周德发的钟表铺开在老街最里头。", "“修表要的是耐心。”他说。"])
    article = read(tmp_path, "a.txt", text)
    assert (article.subtitle, article.author) == ("——记青川老街钟表铺店主周德发", "李青")
    assert article.body == "<p>周德发的钟表铺开在老街最里头。</p><p>“修表要的是耐心。”他说。</p>"


def test_text_epigraphs_source_and_a_quotations_attribution_are_no_subheadings(tmp_path):
    """——题记 under an epigraph and ——摆渡人老周 under his words were subheadings (h3), listed in the
    contents, the nav and the bookmarks: a line opening with a dash closes what it stands under."""
    article = read(tmp_path, "a.txt", "一座桥的十年\n——青川大桥建成十周年回望\n\n　　桥是路的延续，也是人心的延续。\n"
                                      "　　——题记\n\n　　十年前，青川大桥建成通车。\n　　“那时候过江要一个钟头。”\n"
                                      "　　——摆渡人老周\n　　如今只要三分钟。\n")
    assert article.body == ("<p>桥是路的延续，也是人心的延续。</p><p>——题记</p><p>十年前，青川大桥建成通车。</p>"
                            "<p>“那时候过江要一个钟头。”</p><p>——摆渡人老周</p><p>如今只要三分钟。</p>")


def test_text_kicker_over_the_headline_and_its_subtitle_is_printed_over_the_title(tmp_path):
    """A paper's three lines, 引题 / 主题 / ——副题: the kicker was the title, the headline a paragraph
    and the subtitle a section's heading. The kicker is printed where a column is, over the title."""
    article = read(tmp_path, "a.txt", "扎根北坡三十年\n山村里的“林妈妈”\n——记青川市北坡小学教师林秋\n"
                                      "（本报记者 孙浩）\n\n　　清晨六点，北坡村的雾还没有散。\n")
    assert (article.column, article.title, article.subtitle, article.author) == (
        "扎根北坡三十年", "山村里的“林妈妈”", "——记青川市北坡小学教师林秋", "孙浩")
    assert article.body == "<p>清晨六点，北坡村的雾还没有散。</p>"


@pytest.mark.parametrize("text", ["扎根北坡三十年\n山村里的“林妈妈”\n\n　　清晨六点，北坡村的雾还没有散。\n",
                                  "【人物】扎根北坡三十年\n山村里的“林妈妈”\n——记林秋\n\n　　清晨六点。\n"])
def test_text_short_line_under_the_headline_without_a_subtitle_or_under_a_column_stays_the_texts(tmp_path, text):
    """Without the subtitle under it, a second short line is as often the text's as a headline: no kicker
    is read, nor over a headline that has its column already, and no line is lost."""
    article = read(tmp_path, "a.txt", text)
    assert article.title == "扎根北坡三十年" and "山村里的“林妈妈”" in article.body


@pytest.mark.parametrize(("text", "title", "opening"), [
    ("第一章　出发\n\n人生若只如初见\n\n——纳兰性德\n\n那年秋天，我第一次离开家乡。\n", "第一章　出发",
     ("人生若只如初见", "——纳兰性德")),
    ("春夜\n人生若只如初见\n——纳兰性德\n\n那年秋天，我第一次离开家乡。\n", "春夜", ("人生若只如初见", "——纳兰性德")),
    ("我的母亲\n\n林小川\n\n——写在母亲节\n\n母亲今年七十岁了，头发全白。\n", "我的母亲", ("林小川", "——写在母亲节")),
])
def test_text_title_over_an_epigraph_or_its_authors_name_is_no_kicker(tmp_path, text, title, opening):
    """A chapter's title over its epigraph and the poet's ——纳兰性德, or an essay's over its author's name
    and a dedication: no paper's (no ——记…, no reporter's line), the first line was taken for a kicker,
    the verse or the name for the title, in the contents and the bookmarks."""
    article = read(tmp_path, "a.txt", text)
    assert (article.column, article.title, article.subtitle) == (None, title, None)
    assert article.body.startswith("".join(f"<p>{line}</p>" for line in opening))


@pytest.mark.parametrize(("text", "kept"), [
    ("重逢\n——你来了？他问。\n她点了点头。\n", "——你来了？他问。她点了点头。"),
    ("初见\n\n人生若只如初见。\n——题记\n\n那年春天，我们在车站相遇。\n", "人生若只如初见。——题记那年春天"),
    ("周末采购清单\n\n— 苹果两斤\n— 香蕉一把\n— 牛奶一箱\n\n记得早点去超市。\n", "— 苹果两斤— 香蕉一把— 牛奶一箱"),
    ("重逢\n——你也在这里\n——是啊，我也在\n她笑了笑。\n", "——你也在这里——是啊，我也在她笑了笑。"),
])
def test_text_dash_led_dialogue_or_an_epigraphs_source_is_no_subtitle(tmp_path, text, kept):
    """A chapter opening with a dash-led sentence of dialogue keeps it, and an epigraph's source
    (——题记) under the epigraph is the text's: only a short line right under the headline that
    ends no sentence is a subtitle. Nor is the first of a list's items or of a dialogue's lines,
    each opening with a dash: it went into the header, the list an item short."""
    article = read(tmp_path, "a.txt", text)
    assert article.subtitle is None and text_of(article.body).startswith(kept)


def test_markdown_front_matter_subtitle_is_the_articles_subtitle(tmp_path):
    """``subtitle:`` was refused as an unknown key: an article has none, write it in the text."""
    article = read(tmp_path, "a.md", "---\ntitle: 扎根山村三十年的乡村教师\nsubtitle: 记青川市北坡小学教师林秋\n---\n\n"
                                     "清晨六点。\n")
    assert (article.title, article.subtitle, article.body) == (
        "扎根山村三十年的乡村教师", "记青川市北坡小学教师林秋", "<p>清晨六点。</p>\n")


@pytest.mark.parametrize("value", ['""', "|\n  第一行\n  第二行"])
def test_markdown_front_matter_subtitle_blank_or_of_two_lines_is_an_error_at_its_line(tmp_path, value):
    with pytest.raises(PaibanError, match="front matter `subtitle` is (blank|not one line)") as caught:
        read(tmp_path, "a.md", f"---\ntitle: 甲\nsubtitle: {value}\n---\n\n正文。\n")
    assert caught.value.line == 3 and "subtitle: ——记……" in caught.value.hint


def test_markdown_dash_paragraph_right_under_the_title_heading_is_the_subtitle(tmp_path):
    """Written in the text, the subtitle was the first paragraph, indented as the text's; a
    ``——题记`` under an epigraph stays the text's."""
    article = read(tmp_path, "a.md", "# 扎根山村三十年的乡村教师\n\n——记青川市北坡小学教师林秋\n\n"
                                     "> 人生若只如初见。\n>\n> ——题记\n\n清晨六点。\n")
    assert (article.title, article.subtitle) == ("扎根山村三十年的乡村教师", "——记青川市北坡小学教师林秋")
    assert article.body == "<blockquote>\n<p>人生若只如初见。</p>\n<p>——题记</p>\n</blockquote>\n<p>清晨六点。</p>\n"


@pytest.mark.parametrize("text", ["# 重逢\n\n——你来了？他问。\n\n她点了点头。\n",
                                  "---\ntitle: 重逢\n---\n\n——记一次重逢\n\n她点了点头。\n",
                                  "# 周末采购清单\n\n— 苹果两斤\n\n— 香蕉一把\n\n记得早点去超市。\n",
                                  "# 重逢\n\n——你也在这里\n\n——是啊\n\n她笑了笑。\n"])
def test_markdown_dash_paragraph_is_no_subtitle_when_dialogue_or_under_no_heading(tmp_path, text):
    article = read(tmp_path, "a.md", text)
    assert article.subtitle is None and article.body.startswith("<p>—")


@pytest.mark.parametrize("page", [
    "<h1>扎根山村三十年的乡村教师</h1><h2>——记青川市北坡小学教师林秋</h2>",
    "<h1>扎根山村三十年的乡村教师</h1><p>——记青川市北坡小学教师林秋</p>",
    '<h1>扎根山村三十年的乡村教师</h1><p class="subtitle">记青川市北坡小学教师林秋</p>',
    '<article><header><h1>扎根山村三十年的乡村教师</h1><div class="entry-subtitle">记青川市北坡小学教师林秋</div>'
    "</header>",
    "<hgroup><h1>扎根山村三十年的乡村教师</h1><p>记青川市北坡小学教师林秋</p></hgroup>",
    '<header id="title-block-header"><h1 class="title">扎根山村三十年的乡村教师</h1>'
    '<p class="subtitle">记青川市北坡小学教师林秋</p><p class="author">孙浩</p></header>',
])
def test_html_subtitle_right_under_the_headline_is_the_articles_subtitle(tmp_path, page):
    """An <h2>——记……</h2> under the <h1> was the text's first section heading, a ——记…… paragraph its
    first paragraph, a <p class="subtitle"> (Pandoc's title block's too) lost or a paragraph."""
    article = read(tmp_path, "a.html", f'<html><head><meta name="generator" content="pandoc"></head><body>{page}'
                                       "<p>清晨六点，林秋已经站在学校门口。</p><h2>山路</h2><p>山路很远。</p></body></html>")
    assert article.title == "扎根山村三十年的乡村教师"
    assert article.subtitle.removeprefix("——") == "记青川市北坡小学教师林秋"
    assert article.body == "<p>清晨六点，林秋已经站在学校门口。</p><h3>山路</h3><p>山路很远。</p>"


def test_html_subtitle_of_a_whole_saved_page_is_taken_before_its_article_is_extracted(tmp_path):
    """trafilatura keeps no class: the page's subtitle is read off the page itself."""
    text = "".join(f"<p>第{n}段，林秋每天清晨六点就站在学校门口，等着孩子们一个一个走进校园。</p>" for n in range(1, 7))
    article = read(tmp_path, "a.html", '<html><body><nav><a href="/">首页</a> <a href="/news">新闻</a></nav>'
                                       '<main><h1>扎根山村三十年的乡村教师</h1><p class="sub-title">记林秋</p>'
                                       f'{text}</main><footer><p>关于我们 联系我们</p></footer></body></html>')
    assert (article.title, article.subtitle) == ("扎根山村三十年的乡村教师", "记林秋")
    assert article.body.startswith("<p>第1段") and "记林秋" not in article.body


@pytest.mark.parametrize("header", [
    '<p class="yinti">坚守三尺讲台三十年</p><h1>山村里的“林妈妈”</h1>',
    '<div class="article-kicker">坚守三尺讲台三十年</div><h1>山村里的“林妈妈”</h1>',
    "<header><p>坚守三尺讲台三十年</p><h1>山村里的“林妈妈”</h1></header>",
])
def test_html_kicker_over_the_headline_is_printed_over_the_title(tmp_path, header):
    """A page's 引题 over its <h1> was dropped with the page's furniture, with no word."""
    text = "".join(f"<p>第{n}段，林秋每天清晨六点就站在学校门口，等着孩子们一个一个走进校园。</p>" for n in range(1, 7))
    article = read(tmp_path, "a.html", '<html><body><nav><a href="/">首页</a> <a href="/news">新闻</a></nav>'
                                       f'<main>{header}<h2>——记青川市北坡小学教师林秋</h2>{text}</main></body></html>')
    assert (article.column, article.title, article.subtitle) == (
        "坚守三尺讲台三十年", "山村里的“林妈妈”", "——记青川市北坡小学教师林秋")
    assert "坚守三尺讲台三十年" not in article.body


def test_html_unmarked_paragraph_over_the_headline_is_no_kicker(tmp_path):
    article = read(tmp_path, "a.html", "<html><body><p>坚守三尺讲台三十年</p><h1>山村里的“林妈妈”</h1>"
                                       "<p>清晨六点，北坡村的雾还没有散。</p></body></html>")
    assert article.column is None and article.title == "山村里的“林妈妈”"


def test_html_dash_led_dialogue_under_the_headline_is_no_subtitle(tmp_path):
    article = read(tmp_path, "a.html", "<html><body><h1>重逢</h1><p>——你来了？他问。</p><p>她点了点头。</p>"
                                       "</body></html>")
    assert article.subtitle is None and article.body.startswith("<p>——你来了？他问。</p>")


@pytest.mark.parametrize("lines", [("— 苹果两斤", "— 香蕉一把"), ("——你也在这里", "——我找了你很久")])
def test_html_first_of_dash_led_items_or_lines_of_dialogue_is_no_subtitle(tmp_path, lines):
    """The first of a list's items or of a dialogue's lines, each opening with a dash, went into the header."""
    paragraphs = "".join(f"<p>{line}</p>" for line in lines)
    article = read(tmp_path, "a.html", f"<html><body><h1>重逢</h1>{paragraphs}<p>她点了点头。</p></body></html>")
    assert article.subtitle is None and article.body.startswith(paragraphs)


def _titled_docx(tmp_path: Path, under: str, style: str | None = None) -> Path:
    """A Word document titled 扎根山村三十年的乡村教师 (Word's Title style), ``under`` it a paragraph
    of ``style``, then a paragraph of text."""
    document = Document()
    document.add_paragraph("扎根山村三十年的乡村教师", style="Title")
    document.add_paragraph(under, style=style)
    document.add_paragraph("清晨六点，林秋已经站在学校门口。")
    document.save(tmp_path / "a.docx")
    return tmp_path / "a.docx"


@pytest.mark.parametrize(("under", "style"), [("记青川市北坡小学教师林秋", "Subtitle"),
                                              ("——记青川市北坡小学教师林秋", None)])
def test_docx_subtitle_style_or_dash_paragraph_under_the_title_is_the_subtitle(tmp_path, under, style):
    """A Subtitle paragraph was a ``p.subtitle`` that no stylesheet sets, a ——记…… one the text's first paragraph."""
    article = read_article(_titled_docx(tmp_path, under, style), tmp_path)
    assert (article.title, article.subtitle) == ("扎根山村三十年的乡村教师", under)
    assert article.body == "<p>清晨六点，林秋已经站在学校门口。</p>"


@pytest.mark.parametrize(("line", "author"), [("本报记者 林晓岚 通讯员 何静", "林晓岚、何静"),
                                              ("本报记者 林晓岚 报道", "林晓岚")])
def test_text_joint_reporters_line_names_every_writer_and_no_role(tmp_path, line, author):
    """本报记者 林晓岚 通讯员 何静 gave 林晓岚 alone, and 本报记者 林晓岚 报道 gave 林晓岚、报道."""
    article = read(tmp_path, "a.txt", f"标题\n{line}\n会议部署今年防汛备汛工作。\n")
    assert (article.author, article.body) == (author, "<p>会议部署今年防汛备汛工作。</p>")


@pytest.mark.parametrize("subheading", ["战地记者：生死之间", "战地记者：生与死", "小记者：我的一天"])
def test_a_subheading_that_reads_like_a_reporters_credit_is_kept(tmp_path, subheading):
    """战地记者：生死之间 went, and 生死之间 was the author: any eight characters before 记者 were a title."""
    article = read(tmp_path, "a.txt", f"标题\n\n第一段正文。\n\n{subheading}\n\n第二段正文。\n")
    assert (article.author, f"<h3>{subheading}</h3>" in article.body) == (None, True)


_INTERVIEW = ["记者：您开出租车多久了？", "王建国：十八年。", "记者：后来呢", "王建国：喜欢。", "记者：张明老师",
              "作者：我想是的。"]


@pytest.mark.parametrize("name", ["a.txt", "a.html"])
def test_an_interviews_speaker_lines_in_the_text_stay_in_it(tmp_path, name):
    """记者：后来呢 and 记者：张明老师 in a transcript were taken for a reporters' credit wherever they
    stood: both lines were lost from the text, and 后来呢 printed as the article's author. In
    parentheses, an author's line closing the text is still its byline."""
    lines = [*_INTERVIEW, "（本文作者：周一禾）"]
    text = ("访谈\n\n" + "\n\n".join(lines) if name == "a.txt"
            else "<h1>访谈</h1>" + "".join(f"<p>{line}</p>" for line in lines))
    article = read(tmp_path, name, text)
    assert (article.author, text_of(article.body)) == ("周一禾", "".join(_INTERVIEW))


@pytest.mark.parametrize("byline", ["作者：周一禾", "文／周一禾", "撰文：周一禾"])
@pytest.mark.parametrize("at_end", [False, True])
@pytest.mark.parametrize("name", ["a.txt", "a.html"])
def test_a_byline_under_the_lead_or_closing_the_text_gives_the_author(tmp_path, byline, at_end, name):
    """作者：周一禾 under a one-sentence lead was printed as a subheading (<h3>作者：周一禾</h3>), and
    作者：周一禾 or 文／周一禾 as the text's last line as its last paragraph, the author lost: once the
    text had begun, a line naming an author alone was taken for a transcript's speaker's."""
    lead = "这是一篇关于春天和河流的短文，写于去年三月。"
    text = ["河水从山里流出来，经过村子，一直流到很远的地方。", "后来我离开了村子。"]
    lines = [lead, *text, byline] if at_end else [lead, byline, *text]
    source = ("春天的河\n\n" + "\n\n".join(lines) if name == "a.txt"
              else "<h1>春天的河</h1>" + "".join(f"<p>{line}</p>" for line in lines))
    article = read(tmp_path, name, source)
    assert (article.author, text_of(article.body)) == ("周一禾", lead + "".join(text))


@pytest.mark.parametrize("speaker", ["某市市长　林致远", "某市人民政府代市长　林致远", "某市人民检察院检察长　林致远"])
def test_a_work_reports_speaker_under_its_date_line_is_its_author(tmp_path, speaker):
    """A work report's post and name under its ——…会议上 line was a subheading at the level of 一、."""
    text = (f"某市政府工作报告\n　　——2025年1月10日在某市第十届人民代表大会第三次会议上\n　　{speaker}\n"
            "各位代表：\n　　现在，我代表市人民政府，向大会报告工作。\n一、2024年工作回顾\n　　全市经济稳中有进。\n")
    article = read(tmp_path, "a.txt", text)
    assert article.author == speaker and speaker not in article.body


def test_a_byline_left_in_the_text_is_no_subheading(tmp_path):
    """作者：周一禾 under a lead of two lines stays in the text, but is no part of it in the contents."""
    text = "春天的河\n\n导语的第一句。\n\n导语的第二句。\n\n作者：周一禾\n\n河水从山里流出来，流到很远的地方。\n"
    assert "<p>作者：周一禾</p>" in read(tmp_path, "a.txt", text).body


@pytest.mark.parametrize(("credit", "author"), [
    ("［英］艾德温·柯林斯　著　余晓帆　译", "［英］艾德温·柯林斯　著　余晓帆　译"),
    ("作者：［英］艾德温·柯林斯\n译者：余晓帆", "［英］艾德温·柯林斯　著　余晓帆　译"),
    ("文／艾德温·柯林斯　译／余晓帆、林木", "艾德温·柯林斯　著　余晓帆、林木　译"),
    ("文／艾德溫·柯林斯　譯／余曉帆", "艾德溫·柯林斯　著　余曉帆　譯"),
])
def test_a_translated_pieces_credit_under_its_headline_is_its_byline(tmp_path, credit, author):
    """A translated piece's credit under its headline was printed as a subheading (<h3>［英］艾德温·柯林斯　著
    余晓帆　译</h3>), and 译者：余晓帆 under 作者：… too, the byline naming the writer alone."""
    article = read(tmp_path, "a.txt", f"灯塔守望者\n\n{credit}\n\n老汤姆在岬角上守了四十年灯塔。\n")
    assert (article.author, article.body) == (author, "<p>老汤姆在岬角上守了四十年灯塔。</p>")


def test_a_pages_translators_credit_is_its_byline(tmp_path):
    page = "<h1>灯塔守望者</h1><p>文／艾德温·柯林斯　译／余晓帆</p><p>老汤姆在岬角上守了四十年灯塔。</p>"
    article = read(tmp_path, "a.html", page)
    assert (article.author, article.body) == ("艾德温·柯林斯　著　余晓帆　译", "<p>老汤姆在岬角上守了四十年灯塔。</p>")


def test_a_translated_pieces_credit_left_in_the_text_is_no_subheading(tmp_path):
    text = "灯塔\n\n导语的第一句。\n\n导语的第二句。\n\n［英］艾德温·柯林斯　著　余晓帆　译\n\n老汤姆守了四十年灯塔。\n"
    assert "<p>［英］艾德温·柯林斯　著　余晓帆　译</p>" in read(tmp_path, "a.txt", text).body


def test_text_dateline_alone_gives_its_outlet_and_day(tmp_path):
    article = read(tmp_path, "a.txt", "标题\n示例社南京5月11日电 今天，城南的菜园开始收获。\n")
    assert (article.origin, article.date) == ("示例社", "5月11日")
    assert article.body == "<p>今天，城南的菜园开始收获。</p>"


@pytest.mark.parametrize("encoding", ["utf-8", "big5"])
def test_text_in_traditional_script_gets_the_same_newsroom_cleaning(tmp_path, encoding):
    text = ("山城的秋天\n2024年5月3日 09:30 來源：本地晚報\n本報訊（記者 林靜）每年十月，山城的楓葉就開始轉紅。\n"
            "掃一掃在手機打開當前頁面\n責任編輯：王芳\n當地人說，最好看的時候是清晨，霧還沒散。\n")
    article = read(tmp_path, "a.txt", text.encode(encoding))
    assert (article.date, article.origin, article.author) == ("2024-05-03", "本地晚報", "林靜")
    assert article.body == "<p>每年十月，山城的楓葉就開始轉紅。</p><p>當地人說，最好看的時候是清晨，霧還沒散。</p>"


def test_text_own_paper_dateline_is_taken_with_its_reporter(tmp_path):
    article = read(tmp_path, "a.txt", "标题\n本报讯（记者 周明）今天，城南的菜园开始收获。\n")
    assert (article.origin, article.author) == (None, "周明")
    assert article.body == "<p>今天，城南的菜园开始收获。</p>"


@pytest.mark.parametrize(("opening", "metadata"), [
    ("記者陳小安／台北報導\n", ("陳小安", None, None)),
    ("記者陳小安、李大同／花蓮報導\n", ("陳小安、李大同", None, None)),
    ("（中央社記者陳小安台北15日電）", ("陳小安", "中央社", "15日")),
    ("（中央社記者陳小安、林大同華盛頓14日專電）", ("陳小安、林大同", "中央社", "14日")),
    ("〔記者陳小安／臺北報導〕", ("陳小安", None, None)),
], ids=["filed-line", "two-reporters", "wire", "wire-abroad", "bracketed"])
def test_taiwan_bylines_and_datelines_give_the_reporters_and_outlet(tmp_path, opening, metadata):
    """記者陳小安／台北報導 was a subheading, and the wire's （中央社記者…電） stayed in the text."""
    text = f"部落小學開學\n{opening}部落小學今天開學，孩子們很開心。\n\n校長說，新生變多了。\n"
    article = read(tmp_path, "a.txt", text)
    assert (article.author, article.origin, article.date) == metadata
    assert article.body == "<p>部落小學今天開學，孩子們很開心。</p><p>校長說，新生變多了。</p>"


def test_text_captions_editor_lines_and_related_reading_are_dropped(tmp_path):
    article = read(tmp_path, "a.txt", "标题\n第一段。\n图为菜园一角。示例社记者 周明 摄\n（图片来源：示例图库）\n"
                   "【责任编辑：吴某】\n编辑：郑某\n第二段。\n相关阅读\n社区花园如何管理\n· 老小区的空地\n")
    assert article.body == "<p>第一段。</p><p>第二段。</p>"


@pytest.mark.parametrize("sentence", [
    "分享到朋友圈的开馆照片在网上引发热议。",
    "上一篇报道中提到的自习室预约系统也将升级。",
    "下一篇文章将详细介绍新的借阅规则。",
    "编辑：这项调整是否会增加人手？馆长说将招募志愿者。",
    "主办方介绍，入选作品中不少由老年摄影爱好者拍摄",
    "版权所有人有权禁止他人转载其作品。",
    "他说版权所有，翻印必究只是一句空话。",
    "未经授权不得转载，这是法律的基本要求。",
    "Copyright law protects the author, not the idea.",
    "他说：“版权所有，盗版必究”",
    "“版权所有”四个字",
    "© 这个符号的由来",
    "Copyright 2024 之争",
    "未经同意不得转让股份",
    "未经许可不得使用明火",
    "字号大小",
    "字体大小",
    "字体：宋体还是黑体",
    "记者：您怎么看这次改革？",
    "(c) Apple", "(c) 2019 Annual Report", "(c) Section 5", "(c) 本公司", "违者必究", "侵权必究",
    "打印机坏了。", "关闭了工厂。", "打印 关闭 之后，再看。",
    "他把文章分享到微信，又打印了一份。", "收藏", "收藏的乐趣",
])
def test_text_sentences_that_start_or_end_like_page_junk_are_kept(tmp_path, sentence):
    article = read(tmp_path, "a.txt", f"标题\n第一段。\n{sentence}\n第三段。\n")
    assert sentence in text_of(article.body)


@pytest.mark.parametrize("junk", [
    "分享到：", "分享到：微信 朋友圈 微博", "上一篇：新馆的开放时间", "下一篇：借阅规则的调整",
    "责任编辑：王某", "编辑：郑某 吴某", "（记者 周明 摄）", "示例社记者 周明/摄", "（示例博物馆供图）",
    "【字号 大 中 小】", "【字号 大 中 小】【打印】【关闭】", "字体：大 中 小",
    "Copyright © 2024 示例日报 All Rights Reserved", "© 2024 示例日报", "版权所有 示例日报社 未经授权禁止转载",
    "示例日报版权所有，未经许可不得转载", "未经本网授权，不得转载、摘编或利用其它方式使用上述作品",
    "Copyright © 2004-2024 www.example.com. All Rights Reserved", "版权所有：示例网", "示例网 版权所有",
    "未经书面许可，禁止复制或建立镜像", "版权所有，侵权必究",
    "未经书面授权，任何单位及个人不得转载、摘编或以其它方式使用本网内容",
    "【字体：大 中 小】", "字号：【大】【中】【小】", "[字号：大 | 中 | 小]",
    # A page's print and close links, one or several (each alone was dropped, not the row):
    "打印本页 关闭窗口", "打印 关闭", "[打印] [关闭]", "【打印本页】", "【关闭窗口】", "打印本页 | 关闭窗口",
    # A bar mixing shares with the page's links (the first was a subheading, the others text):
    "分享到：微信 微博 打印", "分享到朋友圈 | 收藏 | 关闭窗口", "收藏本文 打印本页", "【收藏】【打印】", "收藏 | 打印",
    # A government page's toolbar and its error-report link (both were printed in the regulation):
    "【字体：大 中 小】　打印本页　关闭窗口", "字号：大 中 小 | 打印 | 关闭",
    "【我要纠错】", "【我要纠错】 责任编辑：李某",
    # A government page's back-to-top link, bracketed (kept, it also kept a 落款 above it from the right):
    "【返回顶部】", "[返回顶部]",
])
def test_text_page_junk_lines_are_dropped(tmp_path, junk):
    article = read(tmp_path, "a.txt", f"标题\n第一段。\n{junk}\n第二段。\n")
    assert article.body == "<p>第一段。</p><p>第二段。</p>"


@pytest.mark.parametrize("bar", [
    '<span>分享到：</span><a href="#">微信</a> <a href="#">微博</a> <a href="#">打印</a>',
    '<a href="#">分享到朋友圈</a> | <a href="#">收藏</a> | <a href="#">关闭窗口</a>',
    '<a href="#">收藏本文</a> <a href="#">打印本页</a>',
])
def test_an_html_bar_mixing_shares_and_the_pages_links_is_dropped(tmp_path, bar):
    """分享到：微信 微博 打印, 分享到朋友圈 | 收藏 | 关闭窗口 and 收藏本文 打印本页 were printed in the
    book: a bar of shares alone, or of the page's print and close links alone, was dropped, not one
    mixing them. It is counted among what was left out (paiban import counts them); a sentence
    telling of sharing stays."""
    sentence = "读者把这篇文章分享到微信，又打印了一份。"
    page = (f'<html><head><meta charset="utf-8"><title>河岸</title></head><body><h1>河岸</h1>'
            f'<p>第一段：河边的柳树已经发芽了。</p><div class="share">{bar}</div><p>{sentence}</p></body></html>')
    assert read(tmp_path, "a.html", page).body == f"<p>第一段：河边的柳树已经发芽了。</p><p>{sentence}</p>"
    assert " ".join(html.fromstring(bar).text_content().split()) in read_draft(tmp_path / "a.html").removed


@pytest.mark.parametrize("sentence", ["图为何物，他至今也没想明白。",
                                      "图为父亲亲手所绘，挂在堂屋正中，三十年没有动过。",
                                      "编辑：“稿子呢？明天一早就要。”"])
def test_a_storys_sentence_that_opens_like_a_caption_or_a_credit_is_kept(tmp_path, sentence):
    """图为何物… and 图为父亲亲手所绘… in a novel's chapter were dropped as photo captions, unseen."""
    article = read(tmp_path, "a.txt", f"第九章 画\n　　她在灯下坐了很久。\n　　{sentence}\n　　天亮了。\n")
    assert f"<p>{sentence}</p>" in article.body


@pytest.mark.parametrize(("text", "left_out"), [
    ("标题\n第一段。\n老周 摄\n\n分享到：\n2024年5月6日 来源：示例日报\n第二段。\n",
     [("3", "老周 摄", "photo caption", "WARNING"), ("5", "分享到：", "page junk", "INFO"),
      ("6", "2024年5月6日 来源：示例日报", "date", "INFO")]),
    ("标题\n新华社北京11月24日电（记者 张三）第一段。\n图为新操场。\n",
     [("3", "图为新操场。", "photo caption", "WARNING"),
      ("2", "新华社北京11月24日电（记者 张三）", "dateline", "INFO")]),
    ("标题\n" + "这一段文字被硬生生折成了等宽的几行，每一行都一样宽，读起来\n" * 5 + "\n图为新操场。\n第二段。\n",
     [("8", "图为新操场。", "photo caption", "WARNING")]),  # hard-wrapped: the file's line, not the paragraph's
])
def test_every_line_left_out_of_a_text_is_told_at_its_line(tmp_path, caplog, text, left_out):
    """Lines taken for a news page's furniture were only counted, at the info level: a story's
    sentence taken for one was lost unseen. What a rule judged by its shape (a caption, related
    stories) is a warning; a page's fixed junk and the byline's metadata are information."""
    caplog.set_level(logging.INFO, logger="paiban")
    read(tmp_path, "a.txt", text)
    told = [(*re.findall(r"a\.txt:(\d+): '(.+?)' was left out of the text as (.+?);", record.getMessage())[0],
             record.levelname) for record in caplog.records if "was left out" in record.getMessage()]
    assert [(number, line, level) for number, line, _, level in told] == [
        (number, line, level) for number, line, _, level in left_out]
    assert all(kind in said for (_, _, said, _), (_, _, kind, _) in zip(told, left_out, strict=True))


def test_a_font_size_bar_leaves_the_subheading_under_it_a_subheading(tmp_path):
    """【字号 大 中 小】 (without a colon) stayed, and beside it the subheading was taken for a list's item."""
    article = read(tmp_path, "a.txt", "标题\n第一段。\n【字号 大 中 小】\n治理的三个阶段\n第二段。\n")
    assert article.body == "<p>第一段。</p><h3>治理的三个阶段</h3><p>第二段。</p>"


def test_text_byline_above_the_copyright_footers_is_the_author(tmp_path):
    """The footers stayed as paragraphs, and the byline above them in the text."""
    text = ("标题\n第一段。\n（林晓）\nCopyright © 2024 示例日报 All Rights Reserved\n"
            "版权所有 示例日报社 未经授权禁止转载\n")
    article = read(tmp_path, "a.txt", text)
    assert (article.author, article.body) == ("林晓", "<p>第一段。</p>")


def test_text_hard_wrapped_paragraphs_are_rejoined_without_spaces(tmp_path):
    article = read_article(IMPORT_FIXTURES / "bookshop-wrapped.txt", IMPORT_FIXTURES)
    assert article.title == "旧书店里的新生意"
    assert article.body == (
        "<p>城东有一家开了三十年的旧书店，店面不大，书却堆到了天花板。去年，店主的女儿回来帮忙，给书店开了网上店铺，"
        "还在店里装了免费的无线网络，让来看书的年轻人可以坐下来慢慢挑。</p>"
        "<p>她说，旧书最难的是定价。同一本书，品相不同，价格可能差上好几倍。为此她专门做了一张表格，"
        "把每本书的出版年份、品相和来源都记下来。</p>"
        "<h3>一张表格的用处</h3>"
        "<p>有了这张表格，老顾客打电话来问书，她几秒钟就能查到有没有。店主笑着说，女儿这一回来，书店好像也年轻了不少。</p>")


def test_text_short_lines_of_one_length_are_not_taken_for_wrapped_text(tmp_path):
    lines = ["投票站安排如下：", "东区投票站早上八点开放", "西区投票站早上九点开放", "南区投票站早上七点开放",
             "北区投票站早上八点开放", "请选民按时前往投票。"]
    article = read(tmp_path, "a.txt", "各区投票站开放时间\n" + "\n".join(lines) + "\n")
    assert [element.text for element in html.fragments_fromstring(article.body)] == lines
    assert article.body.count("<p>") == len(lines)


def test_text_lines_of_one_length_that_each_end_a_sentence_are_not_joined(tmp_path):
    lines = ["东区投票站设在人民路小学的礼堂里，早上八点开放。", "西区投票站设在河滨路中学的食堂里，早上九点开放。",
             "南区投票站设在新华街社区的会议室，早上七点开放。", "北区投票站设在光明里文化站的二楼，早上八点开放。"]
    article = read(tmp_path, "a.txt", "各区投票站\n" + "\n".join(lines) + "\n")
    assert [element.text for element in html.fragments_fromstring(article.body)] == lines


def test_text_wrapped_latin_words_get_their_space_back(tmp_path):
    note = ("Editors often receive English notes from foreign partners, wrapped by mail programs at a fixed width, "
            "and they paste them as they are.")
    article = read(tmp_path, "a.txt", "标题\n" + "\n".join(textwrap.wrap(note, 30)) + "\n")
    assert text_of(article.body) == note


# A page of an old book as OCR gives it: each paragraph indented, cut every 24 characters.
OCR_PAGE = ["　　山中無事，惟以讀書自遣。所藏不過數百卷，經史", "子集，略備其目。又有西書數種，如梭羅之名著 Wal-",
            "den，皆友人所贈，時時展讀，以補見聞之不足。其中", "尤愛華氏之詩，每於燈下誦之，不覺夜之將盡也。又",
            "嘗讀某氏之論文，其中數篇，最爲友人所稱道，謂可", "以醫懦。英人華茲華斯之詩集及 Thoreau 之 Words-",
            "worth 選本，皆案頭常置之書也，時時展讀而不厭。"]


def test_text_a_word_a_printer_broke_at_a_hyphen_is_whole_and_its_short_line_runs_on(tmp_path):
    """Rejoined, Wal- / den was "Wal- den"; and a line ending in a broken word, narrower than the
    others (之 Words-), ended its paragraph mid-word."""
    article = read(tmp_path, "a.txt", "讀書\n" + "\n".join(OCR_PAGE) + "\n")
    assert article.body.count("<p>") == 1
    assert "梭羅之名著 Walden，皆友人" in article.body
    assert "Thoreau 之 Wordsworth 選本" in article.body


@pytest.mark.parametrize(("broken", "whole"), [
    (["self-", "made"], "self-made"),  # a prefix that takes its hyphen
    (["Anglo-", "Saxon"], "Anglo-Saxon"),  # before a capital
    (["fore-", "word"], "fore-word"),  # the text writes the compound with its hyphen elsewhere
])
def test_text_a_compound_broken_at_its_hyphen_keeps_it(tmp_path, broken, whole):
    lines = [*OCR_PAGE[:5], f"以醫懦。卷首有英人所撰之 fore-word，又有 {broken[0]}",
             f"{broken[1]} 一詞，余初不解其義，後乃知之，時時展讀。"]
    article = read(tmp_path, "a.txt", "讀書\n" + "\n".join(lines) + "\n")
    assert f"有 {whole} 一詞" in article.body


# Three pages of an OCR'd book: each closes with its folio; the next opens with the book's title as
# its running head, a blank line between; a note at the first page's foot.
OCR_PAGES = """緒論
　　余自民國二十六年移居西山，迄今已逾十載。山中
草木蔥蘢，晨起推窗，但見雲氣出沒於峰巒之間，時聚
時散，變幻無常。午後或有山雨，驟至驟歇，檐前滴水
之聲，竟日不絕。入夜則萬籟俱寂，惟聞溪聲潺潺，與
松風相和。如是者十餘年，未嘗厭倦，自以爲深得山中
歲月，無甚可記，惟四時景物之變遷，與夫鄰里往來之
瑣事，積久成帙，爰名之曰山居雜記①。每當風起，松
聲如濤，衆鳥驚飛，頗有出塵之想。友人某君自城中來
① 山居雜記，初稿成於民國三十年，此爲增訂本。
— 1 —

山居雜記
訪，見余所居，歎曰：「此眞隱者之廬也。」余笑而不
答。蓋余之入山，非爲避世，實因城中米價騰貴，不得
已而爲之耳。溪裏多卵石，村童常拾之以爲戲，不知其
倦。山中無事，惟以讀書自遣。所藏不過數百卷，經史
之外，兼及稗官野乘，皆得之於舊肆之中，其價甚廉而
版多精善。每得一書，必先校其訛誤，然後誦讀，雖寒
暑不輟。鄰里或笑余迂，余亦不以爲意，蓋性之所近，
不能強也。架上之書，以類相從，首列四部，舉凡經史
子集，略備其目。綫裝之書，久置則蠹，每年六月必曬
- 2 -

山居雜記
書一次。鄰家小兒見之，以爲怪事，問余書亦須曬乎。
　　春日山花爛熳，桃李之外，尚有杜鵑、映山紅之
類，漫山遍野，紅白相間，遠望如錦。村中人家多植竹
以爲籬，春筍出土，采以佐餐，味極鮮美，非城中蔬之
屬。村人於清明前後上山采茶，歌聲相聞，自朝至暮不
絕。余嘗隨村中老者入山，見其於崖壁之上采摘野茶，日
暮始歸，猶覺齒頰留香，至今不能忘也。
第3頁

山居雜記
　　夏日溪水暴漲，村童不敢涉，皆立岸上觀之。""".splitlines()


def test_text_an_ocr_books_page_numbers_and_running_heads_are_left_out_each_named(tmp_path, caplog):
    """Each stayed in the text without a word: a folio a paragraph or run into one, the running
    head a subheading in the middle of a sentence, which ran on across the page."""
    article = read(tmp_path, "a.txt", "\n".join(OCR_PAGES) + "\n")
    assert "<h3>" not in article.body and "山居雜記</p>" not in article.body
    assert not re.search(r"— 1 —|- 2 -|第3頁", article.body)
    assert "不知其倦。山中無事" in article.body and "每年六月必曬書一次" in article.body
    told = "\n".join(warnings_of(caplog))
    for number in (11, 23, 33):
        assert f"a.txt:{number}: '{OCR_PAGES[number - 1]}' was left out of the text as a page number" in told
    for number in (13, 25, 35):
        assert f"a.txt:{number}: '山居雜記' was left out of the text as a running head" in told


def test_text_a_note_at_an_ocr_pages_foot_stays_a_paragraph_of_its_own(tmp_path):
    """It was run into the sentence above it, its ① taken for that sentence's call."""
    article = read(tmp_path, "a.txt", "\n".join(OCR_PAGES) + "\n")
    paragraphs = [text_of(html.tostring(element, encoding="unicode"))
                  for element in html.fragments_fromstring(article.body)]
    assert "① 山居雜記，初稿成於民國三十年，此爲增訂本。" in paragraphs


def test_text_a_numbered_list_and_a_refrain_beside_page_numbers_stay(tmp_path, caplog):
    """Only a folio's shape (— 1 —, ·2·, 第3页) is a page number; a short line again and again a
    stanza apart is a poem's refrain, no running head."""
    stanza = ["山那邊有雲", "雲那邊有海", "歸去來兮"]
    text = "歌\n" + "\n\n".join("\n".join(stanza) for _ in range(3)) + "\n1\n2\n— 1 —\n"
    article = read(tmp_path, "a.txt", text)
    assert text_of(article.body).count("歸去來兮") == 3 and "12" in text_of(article.body).replace("\n", "")
    assert [message.split("/")[-1] for message in warnings_of(caplog) if "left out" in message] == [
        "a.txt:15: '— 1 —' was left out of the text as a page number of the printed book; if it is the text's own, "
        "write the article as Markdown (.md, paragraphs parted by an empty line), which leaves out no line"]


# A 组诗 numbered — 1 — … — 3 —, each part closing with its refrain, nine lines apart; a novel's chapter
# whose scenes are numbered so.
SECTIONED = [
    "故乡组诗\n\n" + "\n\n".join(f"— {part} —\n\n" + "\n".join([*(f"第{part}首的第{line}行诗" for line in range(1, 9)),
                                                                   "我的故乡在远方"]) for part in (1, 2, 3)),
    "第五章　雨夜\n\n" + "\n\n".join(f"— {scene} —\n\n雨一直下。\n\n“你听见了吗？”她问。\n\n“没有。”\n\n"
                                     "他摇摇头，把灯拧暗了一些。" for scene in (1, 2, 3)),
]


@pytest.mark.parametrize("text", SECTIONED)
def test_text_section_numbers_of_a_poem_or_a_novel_are_no_page_numbers(tmp_path, caplog, text):
    """Taken for a printed book's page numbers, each — 1 — was left out (the sections ran together) and
    the refrain closing each part of the poem taken for a running head and left out too."""
    article = read(tmp_path, "a.txt", text + "\n")
    assert all(f"<p>— {number} —</p>" in article.body for number in (1, 2, 3))
    assert text_of(article.body).count("我的故乡在远方") == text.count("我的故乡在远方")
    assert not [message for message in warnings_of(caplog) if "left out" in message]


def test_text_a_refrain_on_an_ocr_books_pages_of_verse_is_no_running_head(tmp_path, caplog):
    """A stanza's closing line, printed on every page, is a line of verse: only the folios go."""
    stanza = [f"山那边第{line}座山" for line in range(1, 11)]
    text = "歌\n" + "\n".join(f"{chr(10).join(stanza)}\n归去来兮\n— {page} —\n" for page in (1, 2, 3))
    article = read(tmp_path, "a.txt", text)
    assert text_of(article.body).count("归去来兮") == 3 and "—" not in text_of(article.body)
    assert len([message for message in warnings_of(caplog) if "left out" in message]) == 3


def test_seed_is_not_taken_for_wrapped_text(seed):
    assert seed.body.count("<p>") == 18


def test_gb18030_fixture_fields_and_body():
    article = read_article(IMPORT_FIXTURES / "garden-gb18030.txt", IMPORT_FIXTURES)
    assert (article.title, article.column, article.author) == ("老街区的小菜园", "城市新闻", "周明、孙晓")
    assert (article.date, article.origin) == ("2023-05-12", "示例日报")
    assert article.body == (
        "<p>在城南一片老住宅区里，几位退休居民把楼下闲置的空地改成了小菜园。</p>"
        "<p>菜园不大，只有二十多平方米，却种了番茄、黄瓜和几垄青菜。每天傍晚，总有邻居过来帮忙浇水。</p>"
        "<h3>邻里之间的新话题</h3>"
        "<p>“以前住了十几年，很多邻居都叫不上名字。”居民老陈说，“现在大家见面就聊菜长得怎么样。”</p>"
        "<p>社区工作人员表示，下一步打算在另外两个小区推广这种做法。</p>")


def test_big5_fixture_fields_and_body():
    article = read_article(IMPORT_FIXTURES / "autumn-big5.txt", IMPORT_FIXTURES)
    assert (article.title, article.author) == ("山城的秋天", "林靜")
    assert article.body == (
        "<p>每年十月，山城的楓葉就開始轉紅。遊客沿著石階一路往上走，兩旁都是賣栗子和烤地瓜的小攤。</p>"
        "<p>當地人說，最好看的時候是清晨，霧還沒散，整座山像是蓋了一層薄紗。（編者按：本文為示例文字。）</p>")


def test_saved_page_keeps_the_article_and_drops_the_site_around_it():
    article = read_article(IMPORT_FIXTURES / "page.html", IMPORT_FIXTURES)
    assert (article.title, article.author, article.date, article.origin) == (
        "湖畔的清晨", "林小雨", "2024-03-02", "示例晚报网")
    for kept in ("<h3>早起的人们</h3>", "<li>沿着湖岸慢跑</li>", "<th>时段</th>", "<td>约八十人</td>",
                 '<a href="https://example.com/lake">湖区介绍</a>', "<strong>请注意</strong>",
                 '<img src="page_files/lake.png" alt="薄雾中的湖面"/>', "她说：“走上一圈，一天的精神就都有了。”"):
        assert kept in article.body
    for dropped in ("首页", "夏季特惠", "网友评论", "写得真好", "相关阅读", "版权所有", "script", "onclick",
                    "showShareButtons", "ad.gif"):
        assert dropped not in article.body
    assert article.images == ("page_files/lake.png",)


def test_saved_page_reports_what_it_dropped():
    draft = read_draft(IMPORT_FIXTURES / "page.html")
    assert {"首页", "夏季特惠，点击了解", "写得真好，我也常去那里散步！", "相关阅读"} <= set(draft.removed)
    assert not any("清晨六点" in line for line in draft.removed)


def test_a_short_saved_page_keeps_its_paragraphs_and_image_and_drops_the_site(tmp_path, caplog):
    """A news item of a few sentences is far under trafilatura's Latin-sized threshold, below
    which it returned the whole page's text as one paragraph, navigation in, images out."""
    Image.new("RGB", (40, 30), "white").save(tmp_path / "pic.png")
    article = read(tmp_path, "page.html", """<!DOCTYPE html><html><head><title>网页</title></head><body>
        <nav><a href="/">首页</a> <a href="/news">新闻</a></nav><header>网站头</header>
        <article><h1>文章标题</h1><p>第一段正文，讲述城市社区的故事，居民们在这里生活了几十年。</p><p>第二段正文，社区的变化有目共睹。</p>
        <img src="pic.png" alt="社区"><img src="https://example.com/remote.png" alt="远程"></article>
        <footer>版权所有</footer></body></html>""")
    assert article.title == "文章标题"
    assert "<p>第一段正文，讲述城市社区的故事，居民们在这里生活了几十年。</p>" in article.body
    assert "<p>第二段正文，社区的变化有目共睹。</p>" in article.body
    assert article.images == ("pic.png",)
    for dropped in ("首页", "网站头", "版权所有", "remote.png"):
        assert dropped not in article.body
    assert "remote.png" in caplog.text


FULL_PAGE = """<html><head><title>河边纸坊迎来新学徒_小镇日报网</title></head><body>
<header class="site-header"><h1>小镇日报网</h1><nav><a href="/">首页</a> <a href="/news">新闻</a></nav></header>
<main><article><header><h1>河边纸坊迎来新学徒</h1></header>
<p>五月的一个清晨，河边的纸坊迎来了三位新学徒，他们都来自附近的村子，年纪最小的只有十九岁。</p>
<figure><img src="p.png" alt="三位学徒站在水槽边"><figcaption>学徒们在水槽边练习抄纸。</figcaption></figure>
<p>学徒每天的工作安排如下表，老师傅说这样的安排已经沿用了很多年。</p>
<table><caption>学徒作息表</caption><tr><th>时间</th><th>内容</th><th>时长</th></tr>
<tr><td>8:00</td><td rowspan="2">抄纸</td><td>3小时</td></tr><tr><td>14:00</td><td>4小时</td></tr></table>
<p>“<ruby>楮<rp>(</rp><rt>chǔ</rt><rp>)</rp></ruby>”是一种造纸原料，纸坊每年春天都要去山上采。</p>
<p>纸坊负责人表示，明年还会继续招收学徒<a href="#fn1" id="r1" class="footnote-ref"><sup>1</sup></a>，人数还在商量。</p>
<ol type="a"><li>第一项准备工作</li><li>第二项准备工作</li></ol>
<section class="footnotes"><hr><ol><li id="fn1"><p>招收人数尚未确定。<a href="#r1" class="footnote-back">↩</a></p>
</li></ol></section>
</article>
<div id="comments" class="comments"><h3>网友评论</h3><p>网友甲：写得真好，支持纸坊！</p></div></main>
<aside class="sidebar"><h3>相关新闻</h3><ul><li><a href="/a1">小镇举办灯会</a></li></ul></aside>
<footer><p>版权所有 小镇日报网</p></footer></body></html>"""


def test_a_saved_pages_own_article_markup_is_kept_when_it_holds_the_extract_and_what_trafilatura_drops(
        tmp_path, caplog):
    """trafilatura's extract dropped the figure's caption, the table's caption and merged cell, the
    ruby's reading (and with it the whole paragraph, named in a warning), the list's numbering and
    the notes' links (a call became [1], the note a bullet, two links "leading nowhere"). The page's
    own <article> holds every paragraph of the extract and nothing else but those: it is taken,
    without the comments and the list of other stories outside it."""
    (tmp_path / "p.png").write_bytes(PNG)
    body = read(tmp_path, "page.html", FULL_PAGE).body
    for kept in ("<figcaption>学徒们在水槽边练习抄纸。</figcaption>", "<caption>学徒作息表</caption>", 'rowspan="2"',
                 "<rt>chǔ</rt>", 'class="list-lower-alpha"', 'class="footnote-ref"', "招收人数尚未确定"):
        assert kept in body, kept
    for dropped in ("网友评论", "网友甲", "相关新闻", "小镇举办灯会", "版权所有", "首页"):
        assert dropped not in body
    assert "leaves out" not in caplog.text and "leads nowhere" not in caplog.text


def test_a_saved_wiki_pages_infobox_keeps_its_caption_header_cells_and_merged_cells(tmp_path):
    """trafilatura's extract made an infobox's <caption> a header row with an empty cell beside it,
    its row labels after the first plain cells (the first alone set bold), and a cell merged over
    two rows one cell and an empty one."""
    infobox = ('<table class="infobox vcard"><caption class="fn org">青石镇</caption><tbody>'
               + "".join(f'<tr><th scope="row">{label}</th><td>{value}</td></tr>'
                         for label, value in (("国家", "虚构国"), ("所属县", "林溪县"), ("面积", "46.3平方公里")))
               + '</tbody></table>\n<table class="wikitable"><tr><th>年份</th><th>人口</th></tr>'
               '<tr><td rowspan="2">2010年</td><td>27,000</td></tr><tr><td>27,100</td></tr></table>\n')
    body = read(tmp_path, "a.html", _wiki_page(infobox + _WIKI_PARAGRAPHS)).body
    assert "<caption>青石镇</caption>" in body and body.count('<th scope="row">') == 3, body
    assert '<td rowspan="2">2010年</td>' in body and not re.search(r"<td[^>]*>\s*</td>|<td/>", body), body


def test_a_saved_wiki_pages_thumbnail_caption_is_printed_once(tmp_path):
    """trafilatura kept the link of a thumbnail's caption as a paragraph under the picture, which
    the figure put back says in its caption: 石桥灯会 was printed twice."""
    (tmp_path / "Lantern.png").write_bytes(PNG)
    figure = ('<figure typeof="mw:File/Thumb"><a href="/wiki/File:Lantern.png" class="mw-file-description">'
              '<img src="Lantern.png" alt="花灯" class="mw-file-element"/></a><figcaption>1930年代的'
              '<a href="https://zh.fakewiki.example/wiki/石桥灯会">石桥灯会</a></figcaption></figure>\n')
    body = read(tmp_path, "a.html", _wiki_page(_WIKI_PARAGRAPHS.replace("\n", "\n" + figure, 1))).body
    assert "<figcaption>1930年代的<a" in body and body.count("石桥灯会") == 1, body


def test_a_saved_wiki_pages_coordinates_are_kept_as_the_page_shows_them_and_leave_no_empty_paragraph(tmp_path):
    """trafilatura dropped the coordinates (in a link of class nourlexpand, taken for a widget that
    expands) and kept 坐标： alone, as a paragraph holding the article's, which ended in an empty one."""
    coordinates = ('<span id="coordinates">坐标：<span class="plainlinks nourlexpand"><a class="external text" '
                   'href="https://geohack.example.org/geohack.php?params=31_12_N_120_30_E"><span class="geo-default">'
                   '<span class="geo-dms"><span class="latitude">31°12′N</span> <span class="longitude">120°30′E'
                   '</span></span></span><span class="geo-multi-punct"> / </span><span class="geo-nondefault">'
                   '<span class="geo-dec">31.200°N 120.500°E</span></span></a></span></span>\n')
    body = read(tmp_path, "a.html", _wiki_page(coordinates + _WIKI_PARAGRAPHS)).body
    assert re.search(r"<p>坐标：31°12′N 120°30′E\s*</p>", body) and "31.200" not in body, body
    assert not re.search(r"<p>\s*</p>|<p/>", body), body


# A saved page with no element of its own for the article (<article>, <main>): trafilatura's extract is taken.
FIGURE_PAGE = """<html><head><meta charset="utf-8"><title>河岸</title></head><body>
<div id="nav"><a href="/">首页</a> <a href="/about/">关于</a></div>
<div id="content">
<p>第一段：河边的柳树已经发芽了，渔船一条接一条地靠岸，码头上的人渐渐多起来。</p>
{figure}
<p>第二段：住在这里的人说，旧街的样子每年都在变，可总有一些东西留着。</p>
</div>
<div class="footer">版权所有</div>
</body></html>"""


def test_a_saved_pages_figure_keeps_its_caption_and_credit(tmp_path):
    """trafilatura's extract kept the picture and dropped its <figcaption>: a photo's caption and
    its credit went with no word (in the build and in paiban import), as they did not without
    the page's navigation."""
    (tmp_path / "street.png").write_bytes(PNG)
    figure = ('<figure class="photo"><img src="street.png" alt="河岸一景">'
              "<figcaption>河岸的清晨，居民在门前晾晒衣物。（摄影：曹远）</figcaption></figure>")
    body = read(tmp_path, "a.html", FIGURE_PAGE.format(figure=figure)).body
    assert '<figure><img src="street.png" alt="河岸一景"/><figcaption>河岸的清晨，居民在门前晾晒衣物。（摄影：曹远）' \
           "</figcaption></figure>" in body
    assert body.count("摄影") == 1 and "首页" not in body and "版权所有" not in body


def test_a_saved_pages_headings_keep_their_ids_and_a_collapsible_questions_id_goes_to_its_heading(tmp_path):
    """trafilatura keeps no heading's id, and makes an <h3> of a <details>'s summary, dropping the
    id a help centre's links lead to (<details id="pay2">): links to them led nowhere."""
    questions = ('<h2 id="intro">说明</h2><p>以下是常见的问题与解答，请先查阅，再联系客服人员，谢谢您的耐心。</p>'
                 '<details id="pay1"><summary>问：支持哪些支付方式？</summary>'
                 "<p>答：目前支持银行卡、余额和礼品卡三种支付方式。</p></details>"
                 '<details><summary id="pay2">问：如何申请退款？</summary>'
                 "<p>答：会员开通后七天内可以提交退款申请。</p></details>")
    body = read(tmp_path, "a.html", FIGURE_PAGE.format(figure=questions)).body
    headings = re.findall(r'<h\d id="([^"]+)">([^<]+)</h\d>', body)
    assert headings == [("intro", "说明"), ("pay1", "问：支持哪些支付方式？"), ("pay2", "问：如何申请退款？")]
    assert "首页" not in body


def test_a_saved_pages_picture_keeps_the_size_the_page_gives_it(tmp_path):
    """trafilatura keeps no attribute: the picture was printed at its natural size, as it was
    not without the page's navigation, and judged at it by paiban check."""
    (tmp_path / "market.png").write_bytes(PNG)
    figure = '<p><img src="market.png" alt="街边的摊位" width="200" height="150"></p>'
    body = read(tmp_path, "a.html", FIGURE_PAGE.format(figure=figure)).body
    assert '<img src="market.png" alt="街边的摊位" width="200" height="150"/>' in body and "首页" not in body


STEPS = ("<li>鸡蛋打散，加入温水，搅拌均匀后过筛去掉浮沫。</li><li>碗口盖上保鲜膜，用牙签扎几个小孔。</li>"
         "<li>水开后放入蒸锅，中火蒸八到十分钟。</li>")


@pytest.mark.parametrize(("steps", "kept"), [
    (f"<ol>{STEPS}</ol>", "<ol>"),
    (f'<ol start="3">{STEPS}</ol>', '<ol start="3">'),
    (f'<ol type="a">{STEPS}</ol>', '<ol class="list-lower-alpha">'),
    (f'<ol class="list-chinese steps">{STEPS}</ol>', '<ol class="list-chinese">'),
], ids=["ordered", "start", "type", "class"])
def test_a_saved_pages_numbered_list_stays_numbered(tmp_path, steps, kept):
    """trafilatura writes every list as a bulleted <ul> and keeps none of its attributes: a
    recipe's numbered steps were bullets in the book (and ``- `` items when imported), their start
    and numbering lost, as they were not without the page's navigation."""
    body = read(tmp_path, "a.html", FIGURE_PAGE.format(figure=steps)).body
    assert kept in body and "<ul" not in body and body.count("<li>") == 3 and "首页" not in body


def test_a_saved_pages_lists_keep_each_its_own_kind(tmp_path):
    """A bulleted list inside a numbered step stays bulleted, and a bulleted list beside the steps
    too: each list of the extract is the page's list that says what it says."""
    steps = ("<ol><li>准备材料，全部放在手边：<ul><li>鸡蛋两个，打散备用</li><li>温水一碗，不要太烫</li></ul></li>"
             "<li>碗口盖上保鲜膜，用牙签扎几个小孔。</li></ol>"
             "<ul><li>蒸好后淋少许生抽和香油。</li><li>趁热吃，凉了会变腥。</li></ul>")
    body = read(tmp_path, "a.html", FIGURE_PAGE.format(figure=steps)).body
    root = html.fragment_fromstring(body, create_parent="div")
    assert [(listed.tag, listed.getparent().tag) for listed in root.iter("ol", "ul")] == [
        ("ol", "div"), ("ul", "li"), ("ul", "div")]


def test_a_saved_pages_lists_of_the_same_items_keep_each_its_own_kind(tmp_path):
    """Steps 1. 2. 3. and a recap 一、二、三、 of the same items both took the recap's numbering (the
    page's lists were looked up by their items, and the last of them won): they are matched in order."""
    lists = f'<ol>{STEPS}</ol><p>做的时候要注意火候，不要蒸太久。</p><ol class="list-chinese">{STEPS}</ol>'
    body = read(tmp_path, "a.html", FIGURE_PAGE.format(figure=lists)).body
    root = html.fragment_fromstring(body, create_parent="div")
    assert [(listed.tag, listed.get("class")) for listed in root.iter("ol", "ul")] == [
        ("ol", None), ("ol", "list-chinese")]


def test_a_saved_pages_full_width_spaces_stay(tmp_path):
    """trafilatura makes all white space of a line single spaces, U+3000 with it: 春　夏　秋　冬
    was 春 夏 秋 冬 in the book, as it was not without the page's navigation."""
    figure = ('<p style="text-align: right;"><span>春　夏　秋　冬</span></p>'
              "<p>表中的数字　单位：元　来自去年的账本。</p>")
    body = read(tmp_path, "a.html", FIGURE_PAGE.format(figure=figure)).body
    assert "春　夏　秋　冬" in body and "表中的数字　单位：元　来自去年的账本。" in body and "首页" not in body


def test_a_saved_pages_spacer_of_full_width_spaces_is_no_paragraph(tmp_path):
    body = read(tmp_path, "a.html", FIGURE_PAGE.format(figure="<p>　　</p><p><span>&#12288;</span></p>")).body
    assert [tag for tag, _ in _blocks(body)] == ["p", "p"]


# A WeChat article saved whole: trafilatura finds no element of the article in it (its <div
# id="js_content">), and gathers the article's paragraphs one by one.
WECHAT_PAGE = """<html><head><meta charset="utf-8"><title>老街的小店</title></head><body>
<div id="nav"><a href="/">首页</a></div>
<div id="js_content">
<p>陈师傅说，附近还在营业的裁缝铺已经不多了，他一家一家数给我听，数完了自己也愣了一下：</p>
{list}
<p>他说这些店都是老街坊开的，开一天少一天，说不定明年就一家也不剩了。</p>
</div>
{after}</body></html>"""
SHOPS = "<ul><li>巷口陈记改裤脚</li><li>菜场二楼王师傅做旗袍</li><li>桥头李家只改西装</li></ul>"


def _blocks(body: str) -> list[tuple[str, str]]:
    """Each top block of ``body`` as its tag and its text without white space."""
    return [(block.tag, "".join(block.text_content().split()))
            for block in html.fragment_fromstring(body, create_parent="div")]


@pytest.mark.parametrize("shops", [SHOPS, f'<section style="margin: 0 8px;"><section>{SHOPS}</section></section>'],
                         ids=["list", "in-sections"])
def test_a_saved_pages_list_of_short_items_is_kept_where_it_stands(tmp_path, shops):
    """trafilatura, finding no element of the article, gathers its paragraphs and no list: the
    shops were in neither the book nor paiban import's Markdown, with no word."""
    body = read(tmp_path, "a.html", WECHAT_PAGE.format(list=shops, after="")).body
    assert _blocks(body) == [
        ("p", "陈师傅说，附近还在营业的裁缝铺已经不多了，他一家一家数给我听，数完了自己也愣了一下："),
        ("ul", "巷口陈记改裤脚菜场二楼王师傅做旗袍桥头李家只改西装"),
        ("p", "他说这些店都是老街坊开的，开一天少一天，说不定明年就一家也不剩了。")]


def test_a_saved_wechat_pages_numbered_list_of_paragraphs_stays_numbered(tmp_path):
    """WeChat's <ol><li><p> came out as three paragraphs, their numbering lost."""
    rules = ('<ol class="list-paddingleft-1"><li><p><span>量三次，剪一次；</span></p></li>'
             "<li><p><span>不改别人做坏的衣服；</span></p></li><li><p><span>收工前把地扫干净。</span></p></li></ol>")
    body = read(tmp_path, "a.html", WECHAT_PAGE.format(list=rules, after="")).body
    assert [tag for tag, _ in _blocks(body)] == ["p", "ol", "p"]
    assert [item.text_content() for item in html.fragment_fromstring(body, create_parent="div").iter("li")] == [
        "量三次，剪一次；", "不改别人做坏的衣服；", "收工前把地扫干净。"]


def test_a_saved_pages_list_holding_a_formula_says_each_item_once(tmp_path):
    """trafilatura wrote the formula's item (its TeX as code) loose after the first paragraph and
    dropped the short item: the list went in beside it, and the item's text was printed twice."""
    formula = ('<ul><li>勾股定理</li><li><span class="ztext-math" data-tex="a^2+b^2=c^2">a2+b2=c2</span>，'
               "直角三角形的三条边</li></ul>")
    body = read(tmp_path, "a.html", WECHAT_PAGE.format(list=formula, after="")).body
    assert [tag for tag, _ in _blocks(body)] == ["p", "ul", "p"]
    assert [item.text_content() for item in html.fragment_fromstring(body, create_parent="div").iter("li")] == [
        "勾股定理", "a^2+b^2=c^2，直角三角形的三条边"]
    assert body.count("直角三角形") == 1


def test_a_saved_pages_list_of_other_stories_or_of_its_comments_stays_out(tmp_path):
    """A list the extract drops on purpose is not put back: links to other stories, and a reader's
    comments after the article's last paragraph."""
    stories = '<ul><li><a href="/a">磨刀老人的一天</a></li><li><a href="/b">修钟表的兄弟俩</a></li></ul>'
    comments = '<div id="comments"><ul><li>写得真好，我家楼下也有一家。</li><li>已转发。</li></ul></div>'
    body = read(tmp_path, "a.html", WECHAT_PAGE.format(list=stories, after=comments)).body
    assert "陈师傅说" in body and "一家也不剩了" in body
    assert "<li>" not in body and "磨刀老人" not in body and "写得真好" not in body


# A news site's article, {chrome} after its last paragraph, and {after} after the element holding it.
CHROME_PAGE = """<html><head><meta charset="utf-8"><title>河道治理见成效</title></head><body>
<div id="nav"><ul><li><a href="/">首页</a></li><li><a href="/a">新闻</a></li></ul></div>
<div class="post"><h1>河道治理见成效</h1>
<p>天色将晚，河边的灯一盏一盏亮起来，散步的人三三两两地沿着新修的步道往回走，水面上映着对岸的楼影。</p>
<p>他说这条河他看了四十年，从前两岸都是堆放杂物的空地，如今修了步道和花坛，晚上来散步的人越来越多。</p>
{chrome}</div>
{after}<div id="footer"><p>© 2024 本地新闻网</p></div>
</body></html>"""


@pytest.mark.parametrize(("chrome", "after"), [
    ('<ul class="share"><li>分享到：</li><li>微信</li><li>微博</li></ul>', ""),
    ('<ul class="tags"><li>河道</li><li>治理</li><li>环保</li></ul>', ""),
    ('<ul class="post-nav"><li>上一篇：城区河道清淤工程启动</li><li>下一篇：市民沿河散步的新去处</li></ul>', ""),
    ("", "<ol><li>一号线今起试运营</li><li>春季招聘会下周举办</li><li>老城区改造方案公示</li></ol>"),
], ids=["share-bar", "tags", "previous-next", "ranking-after-the-article"])
def test_a_saved_pages_lists_around_its_article_stay_out(tmp_path, chrome, after):
    """A list the extract left out was put back if it was not mostly links: a share bar, the tags
    and the links to the previous and next story after the article's last paragraph, and a site's
    ranking list after the article's <div class="post">, were printed as the article's."""
    body = read(tmp_path, "a.html", CHROME_PAGE.format(chrome=chrome, after=after)).body
    assert [tag for tag, _ in _blocks(body)] == ["p", "p"]


def test_a_saved_pages_lists_in_table_cells_stay_in_their_cells(tmp_path):
    """trafilatura keeps a table's cells and drops a list in one: each went after the table, the
    afternoon's before the morning's, and the cells stayed empty."""
    table = ("<table><tr><th>时间</th><th>内容</th></tr>"
             "<tr><td>上午</td><td><ul><li>晨读</li><li>数学</li></ul></td></tr><tr><td>下午</td><td><p>下午的课在二楼的教室里上，一共两节：</p><ul><li>美术</li><li>体育</li></ul></td></tr>"
             "</table>")
    body = read(tmp_path, "a.html", WECHAT_PAGE.format(list=table, after="")).body
    assert [tag for tag, _ in _blocks(body)] == ["p", "table", "p"]
    cells = html.fragment_fromstring(body, create_parent="div").xpath(".//td")
    assert [[(child.tag, "".join(child.text_content().split())) for child in cell] for cell in cells] == [
        [], [("ul", "晨读数学")], [], [("p", "下午的课在二楼的教室里上，一共两节："), ("ul", "美术体育")]]


@pytest.mark.parametrize("wrapper", ["{}", "<section>{}</section>"], ids=["lists", "in-sections"])
def test_a_saved_pages_lists_after_a_repeated_lead_in_keep_their_places(tmp_path, wrapper):
    """trafilatura keeps a repeated line once: the second dish's list, after the second 需要准备：,
    was put after the first, before the first dish's list and text (and, the lead-in and list in
    a <section> of their own, left out)."""
    dishes = ("<p>第一道是腌笃鲜。</p>"
              + wrapper.format("<p>需要准备：</p><ul><li>春笋</li><li>咸肉</li><li>鲜肉</li></ul>")
              + "<p>这道菜要用小火慢慢炖上两个钟头，汤色才会发白，笋的鲜味才能出来。</p>"
              + wrapper.format("<p>需要准备：</p><ul><li>春笋</li><li>酱油</li><li>白糖</li></ul>")
              + "<p>第二道是油焖笋，笋要切成滚刀块，先用热油煸到表面起皱，再放调料焖上一刻钟。</p>")
    body = read(tmp_path, "a.html", WECHAT_PAGE.format(list=dishes, after="")).body
    assert [text for _, text in _blocks(body)][2:7] == [
        "需要准备：", "春笋咸肉鲜肉", "这道菜要用小火慢慢炖上两个钟头，汤色才会发白，笋的鲜味才能出来。",
        "春笋酱油白糖",
        "第二道是油焖笋，笋要切成滚刀块，先用热油煸到表面起皱，再放调料焖上一刻钟。"]


@pytest.mark.parametrize("marked", ['alt=""', 'role="presentation"', 'class="decorative"'])
def test_a_saved_pages_decorative_picture_stays_decorative(tmp_path, marked):
    """trafilatura keeps an alt with text and drops an empty one (and any role or class): a
    decorative picture (a rule between paragraphs) was warned of as having no alt text, had no
    role="presentation" in the EPUB and was imported without {.decorative}, as it was not
    without the page's navigation."""
    (tmp_path / "rule.png").write_bytes(PNG)
    figure = f'<p><img src="rule.png" {marked}></p>'
    body = read(tmp_path, "a.html", FIGURE_PAGE.format(figure=figure)).body
    (img,) = html.fragment_fromstring(body, create_parent="div").iter("img")
    assert (img.get("alt"), img.get("role")) == ("", "presentation") and "首页" not in body


def test_a_saved_pages_picture_shown_twice_keeps_each_copys_size(tmp_path):
    """The page's sizes were taken by file: a picture shown at its natural size and again as a
    thumbnail was printed twice as a thumbnail."""
    (tmp_path / "market.png").write_bytes(PNG)
    figure = ('<p><img src="market.png" alt="街边的摊位"></p>'
              "<p>再看一眼这张照片的缩略图：摊位前已经排起了长队，码头上的人渐渐多起来。</p>"
              '<p><img src="market.png" alt="缩略图" width="120" height="60"></p>')
    body = read(tmp_path, "a.html", FIGURE_PAGE.format(figure=figure)).body
    assert re.findall("<img[^>]*>", body) == ['<img src="market.png" alt="街边的摊位"/>',
                                               '<img src="market.png" alt="缩略图" width="120" height="60"/>']
    assert "首页" not in body


def test_a_saved_pages_quotations_stay_in_their_paragraphs_in_order(tmp_path, caplog):
    """trafilatura made a <q> a <blockquote>: its paragraph was broken in two (甲说：</p><blockquote>
    明天见。</blockquote>乙点了点头。) and, nested, its words put out of order, with a warning that
    the paragraph was left out."""
    paragraphs = "".join(f"<p>这是第{n}段普通的正文，讲述小镇纸坊的日常工作与生活，内容平实。</p>" for n in range(1, 6))
    article = read(tmp_path, "page.html", f"""<html><head><title>引号</title></head><body>
        <header><nav><a href="/">首页</a> <a href="/news">新闻</a></nav></header><main><article>
        <h1>引号<q>测试</q></h1>{paragraphs}<p>甲说：<q>明天见。</q>乙点了点头。</p>
        <p>老师傅说：<q>学抄纸，先学<q>等</q>。</q>这句话学徒们记在心里。</p>{paragraphs}</article></main>
        <footer><p>版权所有 小镇日报网</p></footer></body></html>""")
    assert article.title == "引号“测试”" and "首页" not in article.body and "版权所有" not in article.body
    assert "<p>甲说：“明天见。”乙点了点头。</p>" in article.body
    assert "<p>老师傅说：“学抄纸，先学‘等’。”这句话学徒们记在心里。</p>" in article.body
    assert "blockquote" not in article.body and "left out" not in caplog.text


SHORT_PAGE = """<html><head><meta charset="utf-8"><title>河道治理见成效 - 本地新闻网</title></head><body>
<nav><a href="/">首页</a></nav>
<div class="title"><h2>河道治理见成效</h2></div>
<p>今年以来，城区河道综合治理工程稳步推进。</p>
<p>　　监测数据显示，水质明显改善。</p>
<footer>版权所有</footer></body></html>"""


def test_a_short_saved_page_that_trafilatura_flattens_keeps_its_own_paragraphs(tmp_path):
    """Too bare for trafilatura's heuristics, the page came back as its whole text in one
    paragraph, navigation and footer in; its own markup is taken instead."""
    article = read(tmp_path, "page.html", SHORT_PAGE)
    assert [(element.tag, element.text) for element in html.fragments_fromstring(article.body)] == [
        ("p", "今年以来，城区河道综合治理工程稳步推进。"), ("p", "监测数据显示，水质明显改善。")]


def test_a_page_title_loses_the_site_name_after_the_headline(tmp_path):
    assert read(tmp_path, "page.html", SHORT_PAGE).title == "河道治理见成效"


def test_an_html_paragraph_loses_its_full_width_indent(tmp_path):
    assert read(tmp_path, "a.html", "<h1>题</h1><p>\u3000\u3000水质明显改善。</p>").body == "<p>水质明显改善。</p>"


@pytest.mark.parametrize(("title", "expected"), [
    ("城市书房开放 | 示例网 | 本地新闻", "城市书房开放"),  # what comes before a separator is the page's h2
    ("公园新添长椅_社区_示例网", "公园新添长椅"),  # no heading matches: the short parts at the end go
])
def test_a_page_title_loses_its_last_part_or_what_follows_the_headline(tmp_path, title, expected):
    page = f"<title>{title}</title><h2>城市书房开放</h2><p>正文。</p>"
    assert read(tmp_path, "page.html", page).title == expected


NEWS_PAGE = """<html><head><meta charset="utf-8"><title>河道治理见成效</title></head><body>
<nav><a href="/">首页</a></nav><h1>河道治理见成效</h1>
<p>2024年04月02日 10:15 来源：本地新闻网</p>
<p>今年以来，城区河道综合治理工程稳步推进，沿岸步道和绿地陆续向市民开放。</p>
<p>监测数据显示，水质明显改善，河道巡查<sup>1</sup>已经覆盖全部河段。</p>
<p>图为治理后的河道。</p>
<p>扫一扫在手机打开当前页面</p><p>（责任编辑：孙丽）</p><div>【责任编辑：孙丽】</div>
<footer>版权所有</footer></body></html>"""


def test_a_saved_page_loses_the_news_furniture_a_scraped_text_loses(tmp_path):
    article = read(tmp_path, "page.html", NEWS_PAGE)
    for junk in ("扫一扫", "责任编辑", "来源", "10:15"):
        assert junk not in article.body
    for kept in ("今年以来", "巡查<sup>1</sup>已经", "<p>图为治理后的河道。</p>"):
        assert kept in article.body


def test_a_saved_pages_date_and_source_line_gives_the_articles_date_and_origin(tmp_path):
    article = read(tmp_path, "page.html", NEWS_PAGE)
    assert (article.date, article.origin) == ("2024-04-02", "本地新闻网")


FURNISHED_NEWS_PAGE = """<html><head><meta charset="utf-8"><title>图书馆延长开放时间</title></head><body>
<nav><a href="/">首页</a><a href="/a">本地</a></nav><aside><div>2023年01月01日 来源：别的报</div></aside>
<h1>图书馆延长开放时间</h1>
<div class="info">2024年05月10日 10:00　来源：示例日报</div>
<p>从下周一起，市图书馆每天开放到晚上十点，周末照常开放。</p>
<p>图书馆负责人表示，此举是为了方便上班族下班后前来阅读。</p>
<p>据统计，去年全年到馆读者超过一百二十万人次，同比增长两成。</p>
<footer>示例网 版权所有</footer>
</body></html>"""


def test_a_saved_pages_date_and_source_line_is_read_before_its_furniture_goes(tmp_path):
    """trafilatura drops the line with the navigation and footer: a page with them had no date
    and no source, the same page without them had both. A sidebar's line is another story's."""
    article = read(tmp_path, "page.html", FURNISHED_NEWS_PAGE)
    assert (article.date, article.origin) == ("2024-05-10", "示例日报")
    assert "来源" not in article.body and "从下周一起" in article.body


BROKEN_LINES_PAGE = """\ufeff<html><head><meta charset="utf-8"><title>夜市重开_示例晚报</title></head><body>\r
<div id="content">\r
\u3000\u3000夜市重开了，摊位共有二百多个。<br>\r
\u3000\u3000摊主老李说：“终于等到这一天。”<br><br>\r
\u3000\u3000夜市营业时间为<strong>18:00至24:00</strong>。<br>\r
（记者 孙丽）\r
</div>\r
</body></html>"""
FURNISHED_BROKEN_LINES_PAGE = """<html><head><title>社区食堂开张了</title></head><body>
<nav><a href="/">首页</a><a href="/a">本地</a></nav>
<div id="text">
<h1>社区食堂开张了</h1>
\u3000\u3000社区食堂今天开张，首日接待老人三百多人次。<br>
\u3000\u3000食堂负责人介绍，午餐有两荤两素一汤，价格为12元。<br>
\u3000\u3000七十六岁的刘奶奶说：“饭菜软烂，适合我们老年人。”<br>
\u3000\u3000下一步，食堂还将推出送餐上门服务。<br>
（记者 马兰）
</div>
<footer>示例网 版权所有</footer>
</body></html>"""


@pytest.mark.parametrize(("page", "content", "author"), [
    (BROKEN_LINES_PAGE.encode("utf-8"), ["夜市重开了，摊位共有二百多个。", "摊主老李说：“终于等到这一天。”",
                                         "夜市营业时间为<strong>18:00至24:00</strong>。"], "孙丽"),
    (FURNISHED_BROKEN_LINES_PAGE.encode("gbk"), ["社区食堂今天开张，首日接待老人三百多人次。",
                                                 "食堂负责人介绍，午餐有两荤两素一汤，价格为12元。",
                                                 "七十六岁的刘奶奶说：“饭菜软烂，适合我们老年人。”",
                                                 "下一步，食堂还将推出送餐上门服务。"], "马兰"),
])
def test_a_pages_lines_broken_with_br_are_its_paragraphs_and_the_last_its_byline(tmp_path, page, content, author):
    """Indented with full-width spaces, one to a line: they were one paragraph of hard line
    breaks, indentation kept, and the byline in the text."""
    article = read(tmp_path, "page.html", page)
    paragraphs = html.fragment_fromstring(article.body, create_parent="div").iter("p")
    assert [html.tostring(paragraph, encoding="unicode", with_tail=False) for paragraph in paragraphs] == [
        f"<p>{line}</p>" for line in content]
    assert article.author == author


@pytest.mark.parametrize("lines", ["第一段写完了。<br><br>第二段接着写。",
                                   "\u3000\u3000第一段写完了。<br>\u3000\u3000第二段接着写。"])
def test_lines_parted_by_an_empty_line_or_indented_are_paragraphs(tmp_path, lines):
    assert read(tmp_path, "a.html", f"<h1>题</h1><p>{lines}</p>").body == "<p>第一段写完了。</p><p>第二段接着写。</p>"


# A site's editor's paragraphs, parted by empty lines in a wrapper setting their font.
WRAPPED_PARAGRAPHS = ("第一段：河边的柳树已经发芽了，渔船一条接一条地靠岸，码头上的人渐渐多起来。",
                      "第二段：住在这里的人说，旧街的样子每年都在变，可总有一些东西留着。",
                      "第三段：这些细小的记忆，拼在一起，就是一座城市的另一种地图。")
WRAPPED_PAGE = ('<html><head><meta charset="utf-8"><title>河岸</title></head><body>{nav}<div id="content">'
                '<div style="text-indent:2em"><font face="宋体" size="3">'
                + "<br><br>\u3000\u3000".join(WRAPPED_PARAGRAPHS) + '</font></div>'
                '<p>第四段：雨后的石板路泛着光，孩子们踩着水坑跑过去，笑声一直传到巷子尽头。住在这里的人说，'
                '旧街的样子每年都在变，可总有一些东西留着。一位老人指着墙上的裂缝说，那是他小时候用粉笔画过线的地方。'
                '档案馆里保存着1958年的一张街区平面图，上面标着早已消失的水井。</p></div>{footer}</body></html>')


@pytest.mark.parametrize(("nav", "footer"), [
    ('<div id="nav"><a href="/">首页</a> <a href="/about/">关于我们</a></div>', '<div class="footer">版权所有</div>'),
    ("", ""),
])
def test_paragraphs_parted_by_empty_lines_inside_a_font_or_a_span_are_paragraphs(tmp_path, nav, footer):
    """Only a block's own <br> were read: in a saved page the extraction dropped the first
    paragraph with no word; without navigation they stayed one block of empty lines, the
    first unindented, the others indented with full-width spaces."""
    body = read(tmp_path, "a.html", WRAPPED_PAGE.format(nav=nav, footer=footer)).body
    paragraphs = html.fragment_fromstring(body, create_parent="div").iter("p")
    assert [paragraph.text_content() for paragraph in paragraphs][:3] == list(WRAPPED_PARAGRAPHS)
    assert "<br" not in body and "首页" not in body


RUN_IN_HEADINGS = ("<p><b>二、存在问题<br></b>一些地方工作落实不到位，需要进一步加强督促检查。</p>"
                   "<p><span>三、下一步打算<br></span>继续抓好各项任务的落实，确保完成全年目标。</p>")


@pytest.mark.parametrize(("nav", "footer"), [
    ('<div id="nav"><a href="/">首页</a> <a href="/news/">新闻</a></div>', '<div class="footer">版权所有</div>'),
    ("", ""),
])
def test_a_run_in_heading_whose_br_is_inside_its_bold_stays_the_paragraph_as_written(tmp_path, nav, footer):
    """Every <br> of a <b> or a <span> was lifted out of it, not only those parting paragraphs:
    a paragraph opening with a bold heading broken off inside the bold (as CMS editors write
    it) met the verse test and was set as a two-line poem, and two such paragraphs as one poem."""
    page = (f'<html><head><meta charset="utf-8"><title>工作总结</title></head><body>{nav}<article>'
            "<h1>工作总结</h1><p>今年以来，全市各项工作稳步推进，经济运行总体平稳，各项指标好于预期。</p>"
            f"{RUN_IN_HEADINGS}<p>下一步，我们将继续努力，确保各项工作取得新的更大成效。</p></article>{footer}"
            "</body></html>")
    body = read(tmp_path, "a.html", page).body
    assert "poem" not in body and RUN_IN_HEADINGS.replace("<br>", "<br/>") in body


@pytest.mark.parametrize("wrapper", ['<span style="font-family:楷体">', "<b>", '<font face="楷体">'])
@pytest.mark.parametrize("indent", ["", "\u3000\u3000"], ids=["flush", "indented"])
def test_a_poem_whose_lines_are_in_one_wrapper_is_set_as_a_poem(tmp_path, wrapper, indent):
    """A wrapper's <br> were lifted out of it only where its lines then were paragraphs: a poem
    held in a <span>, a <b> or a <font> (as CMS editors and Word write it) stayed a paragraph of
    prose with line breaks, its lines indented as the page indents them."""
    tag = wrapper[1:].split(maxsplit=1)[0].rstrip(">")
    lines = ["床前明月光，", "疑是地上霜。", "举头望明月，", "低头思故乡。"]
    poem = f"<p>{wrapper}" + "<br>".join(indent + line for line in lines) + f"</{tag}></p>"
    body = read(tmp_path, "a.html", f"<h1>静夜思</h1><p>下面是一首小诗。</p>{poem}").body
    poem = html.fragment_fromstring(body, create_parent="div").find("div[@class='poem']/p")
    assert body.startswith("<p>下面是一首小诗。</p>") and poem is not None
    assert list(poem.itertext()) == lines and len(poem.findall("br")) == 3


def test_a_saved_pages_text_the_extraction_leaves_out_of_any_block_is_a_warning_naming_it(
        tmp_path, caplog, monkeypatch):
    """Only <p>s were looked at: the first line of a <div>'s, which trafilatura dropped (here as
    it did before a <font>'s lines were split), went with no word."""
    import paiban.sources.html

    monkeypatch.setattr(paiban.sources.html, "_lift_breaks", lambda block: None)
    nav, footer = '<div id="nav"><a href="/">首页</a></div>', '<div class="footer">版权所有</div>'
    assert WRAPPED_PARAGRAPHS[0] not in read(tmp_path, "a.html", WRAPPED_PAGE.format(nav=nav, footer=footer)).body
    assert ("a.html: the article taken from the page leaves out 1 paragraph(s) of its text: '第一段：河边的柳树"
            in caplog.text)


def test_a_poems_lines_broken_with_br_stay_lines_of_one_paragraph_set_as_a_poem(tmp_path):
    """Set as prose, its first line was indented 2em and the others began at the margin."""
    poem = "<p>床前明月光，<br>疑是地上霜。<br>举头望明月，<br>低头思故乡。</p>"
    body = read(tmp_path, "a.html", f"<h1>静夜思</h1>{poem}").body
    assert body == '<div class="poem">' + poem.replace("<br>", "<br/>") + "</div>"


def _verse_docx(tmp_path: Path, lines: list[str]) -> Path:
    """A Word document of one paragraph whose ``lines`` are broken with Shift+Enter."""
    document = Document()
    document.add_heading("静夜思", level=0)
    paragraph = document.add_paragraph(lines[0])
    for line in lines[1:]:
        paragraph.add_run().add_break()
        paragraph.add_run(line)
    document.save(tmp_path / "a.docx")
    return tmp_path / "a.docx"


def test_a_docx_paragraph_of_verse_broken_with_shift_enter_is_set_as_a_poem(tmp_path):
    body = read_article(_verse_docx(tmp_path, ["床前明月光，", "疑是地上霜。", "举头望明月，", "低头思故乡。"]),
                        tmp_path).body
    assert body == '<div class="poem"><p>床前明月光，<br/>疑是地上霜。<br/>举头望明月，<br/>低头思故乡。</p></div>'


def _docx_of_paragraphs(tmp_path: Path, paragraphs: list[str]) -> Path:
    """A Word document titled 车站, then ``paragraphs`` a paragraph each (an empty one for "")."""
    document = Document()
    document.add_heading("车站", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(tmp_path / "a.docx")
    return tmp_path / "a.docx"


def test_a_docx_poem_typed_a_line_to_a_paragraph_is_a_poem_with_its_stanzas(tmp_path):
    """Typed with Enter, an empty paragraph between its stanzas (as most type a poem in Word), it was
    prose, a paragraph a line, its stanza break gone; the same lines as a .txt were a poem."""
    lines = ["车站很小，", "小到只能站下", "一个人的告别。", "", "火车很长，", "长到装得下", "一个人的一生。"]
    body = read_article(_docx_of_paragraphs(tmp_path, lines), tmp_path).body
    assert body == ('<div class="poem"><p>车站很小，<br/>小到只能站下<br/>一个人的告别。</p>'
                    "<p>火车很长，<br/>长到装得下<br/>一个人的一生。</p></div>")


def test_docx_prose_parted_by_empty_paragraphs_stays_paragraphs(tmp_path):
    """Short paragraphs of prose, spaced with empty ones, are no poem: its sentences are a report's."""
    paragraphs = ["会议于昨天上午在北京召开。", "", "与会代表讨论了明年的工作计划，并通过了决议。", "",
                  "甲", "乙", "", "会议由主任主持，全体委员出席。"]
    body = read_article(_docx_of_paragraphs(tmp_path, paragraphs), tmp_path).body
    assert "poem" not in body and "<br" not in body and "<p></p>" not in body and "<p>甲</p><p>乙</p>" in body


def _verse_article(tmp_path: Path, suffix: str, lines: list[str]) -> str:
    """The body of an article of ``lines`` of verse in one paragraph, as a ``suffix`` file breaks them."""
    if suffix == ".docx":
        return read_article(_verse_docx(tmp_path, lines), tmp_path).body
    content = ("<h1>远方</h1><p>" + "<br>\n".join(lines) + "</p>" if suffix == ".html"
               else "# 远方\n\n" + "  \n".join(lines) + "\n")
    return read(tmp_path, f"a{suffix}", content).body


@pytest.mark.parametrize("suffix", [".html", ".docx", ".md"])
@pytest.mark.parametrize(("indents", "kept"), [
    ((2, 2, 2, 2), (0, 0, 0, 0)), ((2, 4, 2, 4), (0, 2, 0, 2)), ((0, 2, 4, 6), (0, 2, 4, 6)),
    ((2, 4, 6, 8), (0, 2, 4, 6)), ((0, 2), (0, 2)), ((2, 2), (0, 0)), ((2, 4), (0, 2)),
], ids=["all", "staggered", "staircase", "staircase-indented", "couplet", "couplet-indented", "couplet-both"])
def test_verse_written_with_line_breaks_loses_the_indent_its_lines_share_and_keeps_the_rest(
        tmp_path, suffix, indents, kept):
    """Every reader took a paragraph's first-line indent off as prose's: the first line of a poem
    indented line by line stood at the margin, the others indented, in the PDF, the EPUB and the
    import; and the indent of a couplet's second line (　　主必嗤笑他们。) under a first at the margin
    was taken for the one they share, and went."""
    words = ["远方的山", "在雾里沉默", "我在灯下", "读你的信"][:len(indents)]
    body = _verse_article(tmp_path, suffix, ["\u3000" * n + word for n, word in zip(indents, words, strict=True)])
    assert '<div class="poem">' in body
    assert [len(re.search(rf"(\u3000*){word}", body)[1]) for word in words] == list(kept)


def test_a_poem_in_a_table_laid_out_pages_cell_loses_the_indent_its_lines_share(tmp_path):
    """A page laid out in a table, its poem's every line indented: the reader took the first line's
    indent off, as a cell's prose's, and the poem stood as a staircase (first line at the margin,
    the others indented); a cell's prose still loses its first line's."""
    verse = ["春眠不觉晓，", "处处闻啼鸟。", "夜来风雨声，", "花落知多少。"]
    lines = "<br>".join("\u3000\u3000" + line for line in verse)
    prose = "\u3000\u3000编者的说明文字写在这里，篇幅稍长一些。<br>第二行接着写，还有话说。"
    body = read(tmp_path, "a.html", f"<h1>诗</h1><table><tr><td><p>{lines}</p><p>{prose}</p></td></tr></table>").body
    assert '<div class="poem">' in body and "\u3000" not in body.split("</div>")[0]
    assert "<p>编者的说明文字" in body


@pytest.mark.parametrize("end", ["<br>", "\\"])
def test_a_markdown_couplets_second_line_keeps_its_indent_under_a_first_at_the_margin(tmp_path, end):
    """坐在天上的必发笑，<br> / 　　主必嗤笑他们。 was set with both lines at the margin."""
    body = read(tmp_path, "a.md", f"# 第2篇\n\n坐在天上的必发笑，{end}\n\u3000\u3000主必嗤笑他们。\n").body
    assert re.search("<p>坐在天上的必发笑，<br/>\n\u3000\u3000主必嗤笑他们。</p>", body), body


@pytest.mark.parametrize(("name", "content"), [
    ("a.md", "# 题\n\n\u3000\u3000第一行写完了，内容还很长很长很长很长。<br>第二行接着写，还有话说。\n"),
    ("a.html", "<h1>题</h1><p>\u3000\u3000第一行写完了，内容还很长很长很长很长。<br>第二行接着写，还有话说。</p>"),
    ("a.md", "# 题\n\n::: align-right\n\u3000\u3000张三\\\n二〇二四年五月\n:::\n"),
])
def test_a_paragraph_of_prose_broken_with_br_loses_its_first_lines_indent(tmp_path, name, content):
    """The stylesheet indents prose: the full-width spaces a reader leaves a line-broken paragraph's
    first line, for the verse step to read, go from a paragraph that is no poem."""
    body = read(tmp_path, name, content).body
    assert "poem" not in body and "\u3000" not in body


@pytest.mark.parametrize(("name", "content"), [
    ("a.md", "# 题\n\n第一行写完了。  \n第二行接着写，还有话说。\n"),  # Markdown's hard break, in prose
    ("a.html", "<h1>题</h1><p>这一段写得很长，说了许多事情，一直说到最后也没有停下来。<br>这是它的第二行。</p>"),
])
def test_a_paragraph_of_prose_with_a_line_break_is_no_poem(tmp_path, name, content):
    assert "poem" not in read(tmp_path, name, content).body


@pytest.mark.parametrize("block", [
    "<p><b>二、存在问题</b><br>一些地方工作落实不到位，需要进一步加强督促检查。</p>",
    "<p>三、下一步打算<br>继续抓好各项任务的落实，确保完成全年目标。</p>",
    "<p>小结<br>这次调研共走访了十二个村，收集意见一百余条。<br>附表</p>"])
def test_short_lines_around_a_long_sentence_of_prose_are_no_poem(block):
    """A run-in heading and the sentence after it were two lines, one of two ending a sentence:
    they were set as a poem (as a saved page's are when the extraction keeps its <br> and
    drops the <b> around the heading)."""
    assert tidy_body(block, 2, lambda image: None) == block.replace("<br>", "<br/>")


@pytest.mark.parametrize("poem", [
    "静夜思<br>床前明月光，疑是地上霜。举头望明月，低头思故乡。",  # a quatrain on one line, under its title
    "卑鄙是卑鄙者的通行证，高尚是高尚者的墓志铭。<br>看吧，在那镀金的天空中<br>飘满了死者弯曲的倒影"])
def test_a_poem_with_a_long_line_of_short_clauses_is_still_a_poem(poem):
    assert tidy_body(f"<p>{poem}</p>", 2, lambda image: None).startswith('<div class="poem">')


FREE_VERSE = (("桥下，", "河水已经结冰，", "一只鸟飞过。"),
              ("我记得你站在桥头向我挥手的样子，那时候天还很蓝！", "如今，", "只剩下风，", "和风里的歌。"))


def test_free_verse_with_one_long_sentence_among_its_lines_is_still_a_poem(tmp_path):
    """One line of a block that was a long sentence of prose made it prose: a modern poem's long
    line (我记得你…挥手的样子，那时候天还很蓝！) set its text file's every line as an indented
    paragraph, and its lines broken with <br> as a paragraph of prose."""
    text = "雪\n\n" + "\n\n".join("\n".join(stanza) for stanza in FREE_VERSE) + "\n"
    stanzas = ["<p>" + "<br/>".join(stanza) + "</p>" for stanza in FREE_VERSE]
    assert read(tmp_path, "a.txt", text).body == '<div class="poem">' + "".join(stanzas) + "</div>"
    lines = "<br/>".join(line for stanza in FREE_VERSE for line in stanza)
    assert tidy_body(f"<p>{lines}</p>", 2, lambda image: None) == f'<div class="poem"><p>{lines}</p></div>'


@pytest.mark.parametrize("poem", [
    "\u3000\u3000床前明月光，<br>\u3000\u3000疑是地上霜。<br>\u3000\u3000举头望明月，<br>\u3000\u3000低头思故乡。",
    "轻轻的我走了，<br>正如我轻轻的来；<br><br>我轻轻的招手，<br>作别西天的云彩。",
    "\u3000\u3000月光底下<br>\u3000\u3000清清楚楚<br>\u3000\u3000一条路"])
def test_a_poems_indented_or_parted_lines_stay_lines_of_one_paragraph(tmp_path, poem):
    """Indented with full-width spaces or parted into stanzas by an empty line, as Chinese pages
    set verse, a poem with no class="poem" became a paragraph a line."""
    body = read(tmp_path, "a.html", f"<h1>题</h1><p>{poem}</p>").body
    assert body.count("<p>") == 1 and body.count("<br/>") == poem.count("<br>")


@pytest.mark.parametrize("block", [
    '<p class="align-right">编者<br>二〇二四年三月于北京</p>',
    '<p style="text-align:center">＊　＊　＊<br>第二部分</p>',
    '<div class="align-right"><p>王小明<br>谨识于上海寓所</p></div>', "<p>你好<br></p>",
    '<p><img src="x.png" alt=""><br>一张图</p>', "<p>姓名：张三<br>年龄：三十岁<br>职业：教师</p>",
    "<p>第一步 打开电脑<br>第二步 登录系统<br>第三步 点击提交</p>",
    "<p>北京市海淀区<br>中关村大街1号<br>邮编 100080</p>", "<p>北京市海淀区中关村大街1号<br>100080</p>",
    "<p>姓名：张三<br>年龄：30</p>", "<p>1. 打开电脑<br>2. 登录系统<br>3. 点击提交</p>",
    "<p>A<br>B</p>", "<p>你好<br>A<br>B</p>"])
def test_short_lines_of_an_aligned_paragraph_a_form_steps_or_an_address_are_no_poem(block):
    """Each was taken for verse and set as a poem: a 落款 lost its alignment, the rest their indent."""
    assert "poem" not in tidy_body(block, 2, lambda image: None)


@pytest.mark.parametrize("block", [
    "1．电解水实验中，与正极相连的试管中的气体是（　　）<br>A．氢气<br>B．氧气<br>C．二氧化碳<br>D．水蒸气",
    "A．用手直接拿取砝码　　B．用酒精灯的外焰加热<br>C．将水倒入浓硫酸中　　D．俯视量筒读数",
    "下列说法正确的是<br>A. 声音能在真空中传播<br>B. 光速比声速小<br>C. 音调由振幅决定",
    "（A）冰雪消融<br>（B）露珠形成<br>（C）樟脑丸变小<br>（D）霜的形成", "A、春天<br>B、夏天<br>C、秋天",
    "1．冰熔化成水<br>A．质量变大<br>B．质量不变<br>2．水结成冰<br>A．体积变大<br>B．体积变小"])
def test_a_choice_questions_options_on_lines_of_their_own_are_no_poem(block):
    """A stem and its options A–D broken into lines (Markdown's hard breaks, Word's Shift+Enter)
    are short lines ending no sentence: they were set as a poem, the stem at the margin and a
    blank line around it, unlike the questions around them."""
    assert tidy_body(f"<p>{block}</p>", 2, lambda image: None) == f"<p>{block.replace('<br>', '<br/>')}</p>"


def test_a_docx_questions_options_broken_with_shift_enter_are_prose(tmp_path):
    lines = ["3．关于密度，下列说法正确的是（　　）", "A．密度与质量成正比", "B．密度与体积成反比",
             "C．密度是物质的一种特性"]
    assert read_article(_verse_docx(tmp_path, lines), tmp_path).body == f"<p>{'<br/>'.join(lines)}</p>"


@pytest.mark.parametrize("block", [
    "中筋面粉　500克<br>酵母　5克<br>温水（35℃）　260毫升<br>白糖　1大勺",
    "猪里脊　250克<br>木耳　　30克<br>胡萝卜　半根<br>青椒　　1个<br>泡椒　　2勺",
    "<strong>用料：</strong><br>鸡蛋　2～3个<br>牛奶　1杯（240毫升）<br>盐　½小勺<br>葱花　适量<br>盐、胡椒粉　各少许"])
def test_an_ingredient_lists_lines_of_names_and_amounts_are_no_poem(block):
    """A recipe's ingredients broken into lines (Markdown's hard breaks, Word's Shift+Enter, a blog's
    <br>), each a name, a gap and an amount, are short lines ending no sentence: they were set as a
    poem, and imported as ``::: poem``."""
    assert tidy_body(f"<p>{block}</p>", 2, lambda image: None) == f"<p>{block.replace('<br>', '<br/>')}</p>"


@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_a_markdown_or_docx_ingredient_list_broken_into_lines_is_no_poem(tmp_path, suffix):
    """Markdown's \\ hard breaks and Word's Shift+Enter with a tab between name and amount, under a
    bold label: the label was the poem's first line."""
    lines = ["土豆\t2个", "干辣椒\t5个", "白醋\t2大勺", "盐\t1/2小勺"]
    if suffix == ".docx":
        document = Document()
        document.add_heading("酸辣土豆丝", level=1)
        paragraph = document.add_paragraph()
        paragraph.add_run("用料：").bold = True
        for line in lines:
            paragraph.add_run().add_break()
            paragraph.add_run(line)
        document.save(tmp_path / "a.docx")
        body = read_article(tmp_path / "a.docx", tmp_path).body
    else:
        body = read(tmp_path, "a.md", "# 酸辣土豆丝\n\n**用料：**\\\n" + "\\\n".join(lines) + "\n").body
    gapped = [line.replace("\t", "\u3000\u3000") for line in lines]
    assert body.replace("\n", "") == "<p><strong>用料：</strong><br/>" + "<br/>".join(gapped) + "</p>"


@pytest.mark.parametrize("poem", ["风吹过　半山腰<br>雨落在　半空中<br>我站在　半路上<br>等你　半生",
                                  "初见　1998年<br>重逢　2008年<br>别离　2018年<br>想念　至今"])
def test_a_poem_whose_lines_end_in_a_gap_and_a_word_of_half_or_a_year_is_still_a_poem(poem):
    """半山腰, 半生 and 1998年 were taken for an ingredient's amount (半 or a number and any three
    characters), and a poem of such lines was prose: an amount's unit is a unit, and 年 is none."""
    assert tidy_body(f"<p>{poem}</p>", 2, lambda image: None).startswith('<div class="poem">')


@pytest.mark.parametrize("poem", ["B．我在这里<br>A．你在那里<br>风吹过山岗", "A 是开始<br>B 是结束<br>我们在中间"])
def test_a_poem_with_letters_that_are_no_options_in_order_is_still_a_poem(poem):
    assert tidy_body(f"<p>{poem}</p>", 2, lambda image: None).startswith('<div class="poem">')


@pytest.mark.parametrize(("line", "gapped"), [
    ("A．N\tB．Pa\tC．kg\tD．J", "A．N　　B．Pa　　C．kg　　D．J"),
    ("A．冰雪消融 \t\tB．露珠形成", "A．冰雪消融　　　　B．露珠形成"),  # a tab's word spaces go with it
    ("Name:\tJohn Smith", "Name:\u2003\u2003John Smith"),  # a Latin line's gap, which no Chinese mark rule reads
])
def test_a_tab_in_a_markdown_line_is_a_gap_two_characters_wide(tmp_path, line, gapped):
    """Options lined up with Tab ran together, a tab set as a word space (N B read as one word)."""
    body = read(tmp_path, "a.md", f"# 题\n\n{line}\n\n代码 `a\tb`\n").body
    assert f"<p>{gapped}</p>" in body and "<code>a\tb</code>" in body


def test_a_tab_in_a_docx_paragraph_is_a_gap_two_characters_wide(tmp_path):
    document = Document()
    document.add_heading("选择题", level=1)
    document.add_paragraph("A．N\tB．Pa\tC．kg\tD．J")
    paragraph = document.add_paragraph()
    paragraph.add_run("A．冰雪消融").bold = True
    paragraph.add_run("\t\t")
    paragraph.add_run("B．露珠形成").bold = True
    document.save(tmp_path / "a.docx")
    assert read_article(tmp_path / "a.docx", tmp_path).body == (
        "<p>A．N　　B．Pa　　C．kg　　D．J</p><p><strong>A．冰雪消融</strong>　　　　<strong>B．露珠形成</strong></p>")


@pytest.mark.parametrize(("name", "content"), [
    ("a.md", "# 题\n\n**小贴士：** 如果喜欢更酥脆的口感。\n"),
    ("a.html", "<h1>题</h1><p><b>小贴士： </b>如果喜欢更酥脆的口感。</p>"),
    ("a.docx", ["小贴士：", " 如果喜欢更酥脆的口感。"]),  # Word's runs: the bold one, then the text
    ("a.docx", ["小贴士： ", "如果喜欢更酥脆的口感。"]),  # the space typed in bold
])
def test_a_space_after_a_bold_labels_full_width_colon_goes_in_every_format(tmp_path, name, content):
    """小贴士： 如果 lost its space, as a full-width mark has its own blank, but **小贴士：** 如果
    kept it (</strong> 如果): printed, a gap of one and a half ems after the colon."""
    if name.endswith(".docx"):
        document = Document()
        document.add_heading("题", level=1)
        paragraph = document.add_paragraph()
        paragraph.add_run(content[0]).bold = True
        paragraph.add_run(content[1])
        document.save(tmp_path / name)
        body = read_article(tmp_path / name, tmp_path).body
    else:
        body = read(tmp_path, name, content).body
    assert re.search(r"<(strong|b)>小贴士：</\1>如果喜欢更酥脆的口感。</p>", body), body


@pytest.mark.parametrize(("name", "content"), [
    ("a.md", "# 题\n\n**问：**最后一个问题——\n**答：**您问吧。\n"),
    ("a.html", "<h1>题</h1><p><b>问：</b>最后一个问题——\n<b>答：</b>您问吧。</p>"),
])
def test_a_line_break_before_bold_between_chinese_characters_goes(tmp_path, name, content):
    """A Markdown line that starts with bold (**答：**) kept the soft break before it, printed
    最后一个问题—— 答：, a space in Chinese text, where the same lines without the bold were joined."""
    body = read(tmp_path, name, content).body
    assert re.search(r"最后一个问题——<(strong|b)>答：</\1>您问吧。", body), body


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("a.md", "# 题\n\n转发给 @小橘子\n你看看这个\n", "<p>转发给 @小橘子 你看看这个</p>"),
    ("a.md", "# 题\n\n抽奖 @锦鲤小助手\n链接:快去看\n", "<p>抽奖 @锦鲤小助手 链接：快去看</p>"),
    ("a.html", '<h1>题</h1><p>到家了 <a href="https://weibo.com/n/a">@小橘子</a>\n你到家没</p>',
     '<p>到家了 <a href="https://weibo.com/n/a">@小橘子</a> 你到家没</p>'),
    ("a.html", "<h1>题</h1><p>到家了 @小橘子\n你到家没</p>", "<p>到家了 @小橘子 你到家没</p>"),
])
def test_a_line_break_after_an_at_mention_is_the_space_that_ends_the_name(tmp_path, name, content, expected):
    """A Weibo name runs on to a space or a mark: the line break after @小橘子 went as any between
    Chinese characters does, and the name ran into the next line's words (@小橘子你看看这个)."""
    assert expected in read(tmp_path, name, content).body


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("a.md", "# 题\n\n//[@路人甲](https://weibo.com/n/a): 我也是!\n",
     '<p>//<a href="https://weibo.com/n/a">@路人甲</a>：我也是！</p>'),
    ("a.md", "# 题\n\n他说[老王](https://example.com/a): 好的\n", '<p>他说<a href="https://example.com/a">老王</a>：好的</p>'),
    ("a.html", '<h1>题</h1><p>//<a href="https://weibo.com/n/a">@路人甲</a>: 我也是</p>',
     '<p>//<a href="https://weibo.com/n/a">@路人甲</a>：我也是</p>'),
    ("a.md", "# 题\n\n他说*走*?\n", "<p>他说<em>走</em>？</p>"),
    ("a.md", "# 题\n\n运行`中文`: 然后\n", "<p>运行<code>中文</code>: 然后</p>"),  # code's, as written
])
def test_a_mark_after_an_in_line_element_ending_in_chinese_is_full_width(tmp_path, name, content, expected):
    """A 转发 chain's colon after a linked @mention stayed half width (<a>@路人甲</a>: 我也是) beside the
    unlinked @路人甲：我也是: read alone, the text after the link had no Chinese before its colon."""
    assert expected in read(tmp_path, name, content).body


def test_a_line_break_after_a_full_width_mark_before_a_superscript_goes(tmp_path):
    """甲乙丙。⏎<sup>2</sup>主说丁。 printed a space after the 。, a gap of one and a half ems: the
    break was at the end of the text before the superscript, read alone."""
    body = read(tmp_path, "a.md", "# 题\n\n甲乙丙。\n<sup>2</sup>主说丁。\n").body
    assert "<p>甲乙丙。<sup>2</sup>主说丁。</p>" in body


def test_a_tab_in_a_heading_is_one_separator(tmp_path):
    """第一章⇥总则 became 第一章　　总则, a gap two characters wide in the heading, the contents and
    the running heads: a heading's tab parts its number from its words, one separator as Word's
    numbering sets."""
    article = read(tmp_path, "a.md", "# 第一章\t总则\n\n## 一、\t范围\n\n### 1.2\tScope\n\n正文。\n")
    assert article.title == "第一章\u3000总则"
    assert "<h3>一、范围</h3>" in article.body and "<h4>1.2 Scope</h4>" in article.body
    document = Document()
    document.add_heading("第二章\t附则", level=1)
    document.add_heading("第一条\t适用范围", level=2)
    document.save(tmp_path / "a.docx")
    article = read_article(tmp_path / "a.docx", tmp_path)
    assert article.title == "第二章\u3000附则" and article.body == "<h3>第一条\u3000适用范围</h3>"


def test_a_tab_at_a_line_end_is_white_space(tmp_path):
    """A tab at a Markdown line's end (text pasted from Word) became two full-width spaces in the
    middle of the paragraph, and its Chinese lines were no longer joined; a Word paragraph ended
    in them."""
    body = read(tmp_path, "a.md", "# 题\n\n第一行文字\t\n第二行文字。\n\nThe first line \t\nthe second.\n").body
    assert "<p>第一行文字第二行文字。</p>" in body and "<p>The first line\nthe second.</p>" in body
    document = Document()
    document.add_heading("题", level=1)
    document.add_paragraph("正文结尾。\t")
    paragraph = document.add_paragraph("第一行\t")
    paragraph.add_run().add_break()
    paragraph.add_run("第二行")
    document.save(tmp_path / "a.docx")
    body = read_article(tmp_path / "a.docx", tmp_path).body
    assert body.startswith("<p>正文结尾。</p>") and "第一行<br/>第二行" in body


def test_a_space_after_code_after_a_full_width_mark_stays(tmp_path):
    """安装方法：`pip install` 即可 lost the space after the code when the body also had a bold
    label: code was left out of the paragraph's texts, so the space looked as if it followed the mark."""
    body = read(tmp_path, "a.md", "# 题\n\n**小贴士：** 如果\n\n安装方法：`pip install` 即可\n").body
    assert "<strong>小贴士：</strong>如果" in body
    assert "安装方法：<code>pip install</code> 即可" in body


_LETTER = "这封信写得很长，说了许多话，都是我想对你说的心里话。"


@pytest.mark.parametrize(("name", "content"), [
    ("a.html", f"<h1>信</h1><p>{_LETTER}</p><p>此致<br>敬礼！</p><p>张三<br>二〇二四年五月一日</p>"),
    ("a.md", f"# 信\n\n{_LETTER}\n\n此致  \n敬礼！\n\n张三  \n二〇二四年五月一日\n"),  # two spaces
    ("a.md", f"# 信\n\n{_LETTER}\n\n此致\\\n敬礼！\\\n张三\\\n二〇二四年五月一日\n"),  # backslashes
    ("a.md", f"# 信\n\n{_LETTER}\n\n此致\n\n敬礼！\n\n张三  \n二〇二四年五月一日\n"),  # a paragraph a line
])
def test_a_letters_closing_and_signature_broken_into_lines_are_prose_not_a_poem(tmp_path, name, content):
    """此致<br>敬礼！ was short lines, ending no sentence: it was set as a poem, and so was the
    name and date under it."""
    body = read(tmp_path, name, content).body
    assert "poem" not in body and body.count("<br/>") == content.count("<br>") + content.count("  \n") + content.count(
        "\\\n"), body


_TXT_LETTER = "致老周\n\n老周：\n\n\u3000\u3000来信收悉。你托我找的书已经找到了，过几天寄给你。\n\n"
_PUSHED = "\u3000" * 16


@pytest.mark.parametrize(("close", "written"), [
    ("\u3000\u3000此致\n敬礼！", "<p>此致<br/>敬礼！</p>"),
    ("\u3000\u3000祝\n身体健康！", "<p>祝<br/>身体健康！</p>"),
    ("\u3000\u3000即颂\n近安", "<p>即颂<br/>近安</p>"),
    ("\u3000\u3000此致\n\n敬礼！", "<p>此致</p><p>敬礼！</p>"),
    ("\u3000\u3000即颂近安", "<p>即颂近安</p>"),
])
def test_a_txt_letters_close_is_prose_not_a_subheading(tmp_path, close, written):
    """此致 over 敬礼！, a short line ending no sentence beside one ending a sentence, was an <h3>,
    printed bold and kept with the next page; written on two lines, the close is one paragraph
    broken after its opening words, its wish at the margin, as Markdown's hard break writes it."""
    body = read(tmp_path, "a.txt", f"{_TXT_LETTER}{close}\n\n{_PUSHED}秋白\n").body
    assert "<h3>" not in body and f"。</p>{written}" in body, body


@pytest.mark.parametrize("postscript", ["", "\n\u3000\u3000附：稿子的电子版已经发到你的邮箱。\n"])
def test_a_txt_letters_signature_pushed_right_is_set_flush_right(tmp_path, postscript):
    """Pushed right with full-width spaces as a plain-text letter sets it, the signature and the
    date under it were printed as paragraphs, at the paragraph indent."""
    signature = f"{_PUSHED}秋白\n{_PUSHED}一九九〇年五月四日\n"
    body = read(tmp_path, "a.txt", f"{_TXT_LETTER}\u3000\u3000即颂\n近安\n\n{signature}{postscript}").body
    flush_right = '<p class="align-right">秋白</p><p class="align-right">一九九〇年五月四日</p>'
    assert f"<p>即颂<br/>近安</p>{flush_right}" in body, body


@pytest.mark.parametrize("ending", [
    "\u3000\u3000他走了。\n",  # indented as a paragraph
    f"{_PUSHED}甲\n{_PUSHED}乙\n{_PUSHED}丙\n{_PUSHED}丁\n{_PUSHED}戊\n",  # more lines than a signature's
    f"{_PUSHED}{'很长的一行' * 7}\n",  # longer than a signature's line
    f"{_PUSHED}第二部分\n\u3000\u3000他走了。\n",  # centred inside the text, under no letter's close
    f"{_PUSHED}（完）\n", f"{_PUSHED}—完—\n",  # the text's closing mark, centred
    f"{_PUSHED}（本章完）\n", f"{_PUSHED}（未完待续）\n", f"{_PUSHED}— 终 —\n",  # a chapter's end, a flourish
    f"{_PUSHED}床前明月光\n{_PUSHED}疑是地上霜\n",  # verse, centred
])
def test_a_txt_texts_last_lines_not_pushed_right_as_a_signature_stay_paragraphs(tmp_path, ending):
    assert "align-right" not in read(tmp_path, "a.txt", f"{_TXT_LETTER}{ending}").body


@pytest.mark.parametrize("signature", [
    ("某市某局", "2026年3月5日"), ("儿　秋白", "3月5日夜"), ("儿　秋白　叩上", "甲子年腊月初八"),
    ("编者　二〇二四年春",),
])
def test_a_txt_texts_dated_or_signed_last_lines_pushed_right_are_its_signature(tmp_path, signature):
    """Under no letter's close, a notice's or a letter's 落款 closing the text is told by its date
    or its word of signing from a line centred there (（本章完）, a line of verse)."""
    body = read(tmp_path, "a.txt", _TXT_LETTER + "".join(f"{_PUSHED}{line}\n" for line in signature)).body
    assert body.endswith("".join(f'<p class="align-right">{line}</p>' for line in signature)), body


@pytest.mark.parametrize("foot", [
    "\u3000\u3000（此件公开发布）\n", "抄送：市委各部门，市人大常委会办公室。\n",
    "\u3000\u3000（此件公开发布）\n抄送：市委各部门。\n某市人民政府办公室　2025年1月10日印发\n",
])
def test_a_txt_official_documents_signature_over_its_notes_and_copies_is_pushed_right(tmp_path, foot):
    """A 公文's 落款 was set flush right only as the text's last line: over the 附注 and 版记 GB/T 9704
    puts under it, it was two paragraphs at the margin."""
    text = (f"某市人民政府关于印发若干措施的通知\n各区人民政府：\n　　现将《若干措施》印发给你们，请认真贯彻执行。\n"
            f"{_PUSHED}某市人民政府\n{_PUSHED}二〇二五年一月十日\n{foot}")
    article = read(tmp_path, "a.txt", text)
    assert '<p class="align-right">某市人民政府</p><p class="align-right">二〇二五年一月十日</p>' in article.body
    assert article.date is None


def test_a_txt_text_indented_deep_all_through_has_no_signature(tmp_path):
    """A text centred line by line is no text with a signature pushed right under it."""
    lines = "".join(f"{_PUSHED}{line}\n" for line in ("第一段写完了。", "第二段也写完了。", "秋白"))
    assert "align-right" not in read(tmp_path, "a.txt", f"题\n\n{lines}").body


@pytest.mark.parametrize(("name", "content"), [
    ("a.txt", f"{_TXT_LETTER}\u3000\u3000此致\n敬礼！\n\n{_PUSHED}秋白\n"),
    ("a.md", "# 信\n\n亲爱的云：\n\n你好！很久没有给你写信了。\n\n此致  \n敬礼！\n"),
    ("a.md", "# 信\n\n亲爱的云：\n\n你好！很久没有给你写信了。\n\n此致\n敬礼！\n"),  # printed on one line
    ("a.md", "# 信\n\n## 第一封\n\n亲爱的云：\n\n你好！很久没有给你写信了。\n\n祝\n\n身体健康！\n"),
    ("a.md", "# 信\n\n他抄下了那封信：\n\n> 亲爱的云：\n>\n> 你好！很久没有给你写信了。\n>\n> 即颂近安\n"),
    ("a.html", "<h1>信</h1><p>爸、妈：</p><p>你们好！我一切都好。</p><p>祝好！</p>"),
])
def test_a_letters_salutation_is_set_flush_left(tmp_path, name, content):
    """A Chinese letter sets its salutation at the margin: it had the 2em indent of the text under it."""
    body = read(tmp_path, name, content).body
    assert body.count('class="salutation"') == 1
    assert re.search(r'<p class="salutation">(亲爱的云|老周|爸、妈)：</p>', body), body


@pytest.mark.parametrize("content", [
    "# 题\n\n他说：\n\n你好！很久没有见了。\n",  # no letter's close below it
    "# 题\n\n事情是这样的，他说：\n\n你好！很久没有见了。\n\n此致  \n敬礼！\n",  # a clause, no address
    "# 题\n\n开头一段。\n\n王老师：\n\n你好！\n\n此致  \n敬礼！\n",  # not where a letter opens
    # a story's lead-in to the letter it quotes, a verb of saying ending it
    "# 回忆父亲\n\n## 一\n\n父亲在信里写道：\n\n云儿，家里一切都好，你不必挂念。\n\n此致敬礼！\n\n我读了很多遍。\n",
    "# 题\n\n## 二\n\n他说：\n\n“那封信我一直留着，最后一句是此致敬礼。”\n\n此致敬礼！\n",
])
def test_a_line_ending_in_a_colon_that_opens_no_letter_is_indented(tmp_path, content):
    assert "salutation" not in read(tmp_path, "a.md", content).body


def test_a_docx_letters_closing_broken_with_shift_enter_is_prose(tmp_path):
    body = read_article(_verse_docx(tmp_path, ["此致", "敬礼！", "学生　李明", "二〇二四年五月一日"]), tmp_path).body
    assert body == "<p>此致<br/>敬礼！<br/>学生　李明<br/>二〇二四年五月一日</p>"


@pytest.mark.parametrize("closing", ["顺颂<br>商祺", "祝<br>身体健康，万事如意！", "即颂<br>近安", "祝你：<br>一路顺风",
                                     "此致敬礼！<br>张三<br>五月一日", "順頌<br>時祺", "祝好<br>小王"])
def test_each_closing_formula_of_a_letter_is_no_poem(closing):
    assert tidy_body(f"<p>{closing}</p>", 2, lambda image: None) == f"<p>{closing.replace('<br>', '<br/>')}</p>"


@pytest.mark.parametrize("poem", ["一九七六年<br>敬礼<br>天安门", "祝福你<br>我的朋友<br>在远方"])
def test_a_poem_with_a_word_of_a_letters_closing_is_still_a_poem(poem):
    """A bare 敬礼, or 祝福 in a line, closes no letter."""
    assert tidy_body(f"<p>{poem}</p>", 2, lambda image: None).startswith('<div class="poem">')


@pytest.mark.parametrize("poem", [
    "那是1976年的春天<br>我们站在广场上<br>风吹过所有人的脸<br>没有人说话",
    "妈妈说：天黑了<br>回家吧孩子<br>我站在门口<br>看着远方",
    "我爱你<br>I love you<br>在每一个清晨<br>在每一个黄昏",
    "我等待着<br>……<br>你终于来了<br>带着春天",
    "二十四小时<br>24小时的等待<br>只为你一句话<br>一句再见",
    "那一年　1976<br>我们站在广场上<br>风吹过　半生<br>没有人说话"])
def test_a_poem_with_a_figure_a_colon_or_a_line_without_han_is_still_a_poem(poem):
    """One such line made the whole paragraph prose: a poem's year, its dialogue, its line of
    English or of …… are no form, list or address, which are such lines throughout."""
    assert tidy_body(f"<p>{poem}</p>", 2, lambda image: None).startswith('<div class="poem">')


def test_a_block_of_the_pages_furniture_is_no_poem(tmp_path):
    """Short lines as they are, 来源：新华网 went with the furniture as a poem's lines, and the source was lost."""
    block = "<div>\u3000\u3000来源：新华网<br>\u3000\u3000责任编辑：张三<br>\u3000\u3000分享到：微信 微博</div>"
    article = read(tmp_path, "a.html", f"<h1>题</h1><p>第一段写完了。</p>{block}")
    assert (article.origin, text_of(article.body)) == ("新华网", "第一段写完了。")


def test_lines_of_prose_each_parted_by_an_empty_line_are_paragraphs_without_full_stops(tmp_path):
    lines = ["今天天气不错我们去了公园", "公园里人很多大家都在放风筝", "回来的路上下起了雨"]
    body = read(tmp_path, "a.html", f"<h1>题</h1><p>{'<br><br>'.join(lines)}</p>").body
    assert body == "".join(f"<p>{line}</p>" for line in lines)


@pytest.fixture(scope="module")
def docx_file(tmp_path_factory):
    return write_sample_docx(tmp_path_factory.mktemp("docx") / "书屋.docx", IMPORT_FIXTURES / "page_files" / "lake.png")


def test_docx_is_read_with_title_lists_table_footnotes_and_image(docx_file):
    root = docx_file.parent
    article = read_article(docx_file, root)
    assert article.title == "社区书屋的一年"
    image = article.images[0]
    assert image.startswith(".paiban/images/") and (root / image).read_bytes() == (
        IMPORT_FIXTURES / "page_files" / "lake.png").read_bytes()
    assert article.body == (
        '<p>去年春天，社区在活动中心的二楼开了一间小书屋。<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a>'
        '</sup></p><h3>书从哪里来</h3><p>书架上的书大多是居民捐的，<strong>每一本</strong>都贴着捐书人写的小纸条，'
        '<em>读起来很有意思</em>。</p><p>第一批图书一共有三类：</p>'
        '<ul><li>儿童绘本</li><li>历史读物</li><li>菜谱和园艺书</li></ul><h3>怎么借书</h3>'
        '<ol><li>在前台登记姓名；</li><li>每次最多借两本；</li><li>两周内归还。</li></ol>'
        '<table><tbody><tr><td>月份</td><td>借出册数</td></tr><tr><td>一月</td><td>120</td></tr>'
        '<tr><td>二月</td><td>95</td></tr></tbody></table>'
        f'<figure><img alt="书屋的书架" src="{image}" width="151"/>'
        '<figcaption aria-hidden="true">书屋的书架</figcaption></figure>'
        '<p>到了年底，书屋已经有了一千多本书。<sup class="footnote-ref"><a href="#fn2" id="fnref2">[2]</a></sup></p>'
        '<section class="footnotes"><ol class="footnotes-list">'
        '<li id="fn1" class="footnote-item"><p>这里的数字是作者自己记录的。 '
        '<a href="#fnref1" class="footnote-backref">↑</a></p></li>'
        '<li id="fn2" class="footnote-item"><p>数据来自社区的公告栏。 '
        '<a href="#fnref2" class="footnote-backref">↑</a></p></li></ol></section>')


def test_docx_empty_paragraphs_are_counted_as_removed(docx_file):
    assert read_draft(docx_file).removed == ("(empty paragraph)",)


def test_a_docx_paragraph_of_em_spaces_is_left_out_as_empty(tmp_path):
    """A paragraph of other spaces than full-width or no-break ones (Word's Insert → Symbol → Em Space,
    U+2003) was kept and printed as a blank line of the text; a page Word saved left it out."""
    path = _docx(tmp_path, "标题", ["第一段。", "\u2003\u2003", "\u2002", "第二段。"])
    assert read_article(path, tmp_path).body == "<p>第一段。</p><p>第二段。</p>"
    assert read_draft(path).removed == ("(empty paragraph)",) * 2


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"), (b"this is plain text\n", "not a Word document"),
    (b"PK\x05\x06" + bytes(18), "not a Word document: a zip archive, but none of a .docx's parts are in it")])
def test_bad_docx_is_a_clear_error(tmp_path, content, message):
    with pytest.raises(PaibanError, match=message):
        read(tmp_path, "a.docx", content)


@pytest.mark.parametrize(("start", "what"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word .doc (or WPS .wps) file"), (b"{\\rtf1\\ansi", "an RTF file")])
def test_an_older_format_renamed_to_docx_is_named_with_how_to_save_it_as_docx(tmp_path, start, what):
    with pytest.raises(PaibanError, match="renamed") as error:
        read(tmp_path, "02-老文件.docx", start + bytes(504))
    assert error.value.message == f"not a Word .docx document: it is {what} renamed to .docx"
    assert error.value.file.name == "02-老文件.docx"
    assert error.value.hint.startswith("Open it in Word (or WPS, LibreOffice) and save it as .docx")

@pytest.mark.parametrize(("entries", "message"), [
    ({"notes.txt": "笔记"}, "not a Word document: a zip archive, but none of a .docx's parts are in it"),
    ({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"},
     "not a Word .docx document: it is an OpenDocument file (LibreOffice, WPS) renamed to .docx")])
def test_a_zip_that_is_no_word_document_is_told_so_without_a_warning_first(tmp_path, caplog, entries, message):
    """It was read as a damaged document, after a warning of 700 characters on what python-docx could not prepare."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as writer:
        for name, text in entries.items():
            writer.writestr(name, text)
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.docx", archive.getvalue())
    assert error.value.message == message and caplog.text == ""


def test_a_docx_protected_by_a_password_is_told_so(tmp_path):
    """It was called "an old Word .doc renamed to .docx" (it is an OLE file too), and saving it again
    as told kept its password. (fixtures/password.docx: made by msoffcrypto-tool, password 1234.)"""
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.docx", (FIXTURES / "password.docx").read_bytes())
    assert error.value.message == "the Word document is protected by a password, so its text cannot be read"
    assert "clear the password" in error.value.hint


def _docx(tmp_path: Path, title: str, paragraphs: list[str]) -> Path:
    """A Word document of ``title`` (its Title paragraph) and ``paragraphs``, in ``tmp_path``."""
    document = Document()
    document.add_heading(title, level=0)
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(tmp_path / "a.docx")
    return tmp_path / "a.docx"


def test_a_correspondents_docx_gets_the_newsroom_rules_of_a_scraped_text(tmp_path):
    """Its date line, editor's credit and closing byline stayed in the text, and the article had
    no date and no author."""
    paragraphs = ["2024年5月6日", "\u3000\u3000山区小学的孩子们终于有了塑胶跑道。", "图为新操场。", "责任编辑：王五",
                  "（吴平）"]
    article = read_article(_docx(tmp_path, "山区学校的新操场", paragraphs), tmp_path)
    assert (article.title, article.author, article.date) == ("山区学校的新操场", "吴平", "2024-05-06")
    assert article.body == "<p>山区小学的孩子们终于有了塑胶跑道。</p><p>图为新操场。</p>"
    assert read_draft(tmp_path / "a.docx").removed == ("2024年5月6日", "责任编辑：王五")


def test_a_docx_diarys_dated_entries_keep_their_dates(tmp_path):
    """A diary lost its date lines, the first giving the article's date, and its closing （写于南京）
    was taken for the author: a date line gives the document's date only opening it, and only
    when no other is further down."""
    entries = ["1937年12月1日", "今天城外的炮声又近了。", "1937年12月2日", "一夜无眠。", "审核：一道不能省的工序",
               "我们终于等到了黎明。（写于南京）"]
    article = read_article(_docx(tmp_path, "围城日记", entries), tmp_path)
    assert (article.date, article.author) == (None, None)
    assert article.body == "".join(f"<p>{text}</p>" for text in entries)


@pytest.mark.parametrize("label", ["", "日期："])
def test_a_docx_diarys_later_dates_deep_in_its_text_keep_its_first(tmp_path, label):
    """A date line deep in the text (after a sentence or two, where it is the text's) no longer
    counted as one further down: the diary's first date was taken for the document's, and lost."""
    entries = [f"{label}1937年12月1日", "今天城外的炮声又近了。", "晚上下起了雨。", f"{label}1937年12月2日",
               "一夜无眠。"]
    article = read_article(_docx(tmp_path, "围城日记", entries), tmp_path)
    assert (article.date, article.body) == (None, "".join(f"<p>{text}</p>" for text in entries))


def test_a_date_line_inside_a_docxs_text_is_its_text(tmp_path):
    paragraphs = ["那年春天，我们搬进了新家。", "2008年5月12日", "那天下午，大地摇晃起来。"]
    article = read_article(_docx(tmp_path, "回忆", paragraphs), tmp_path)
    assert (article.date, article.body) == (None, "".join(f"<p>{text}</p>" for text in paragraphs))


def _with_part(docx: bytes, part: str, change, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """``docx`` zipped again with ``part`` changed by ``change`` (its bytes in, the new bytes out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", compression) as target:
        for name in source.namelist():
            target.writestr(name, change(source.read(name)) if name == part else source.read(name))
    return out.getvalue()


def _garbled(docx: bytes, part: str) -> bytes:
    """``docx`` with bytes of ``part``'s compressed data flipped: its inflating fails."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        entry = archive.getinfo(part)
    start = entry.header_offset + 30 + len(entry.filename.encode()) + len(entry.extra) + 20
    return docx[:start] + bytes(byte ^ 0x55 for byte in docx[start:start + 50]) + docx[start + 50:]


def _cut(xml: bytes) -> bytes:
    return xml[:len(xml) // 2]


def _laughing(xml: bytes) -> bytes:
    """``xml`` with a DOCTYPE whose entities nest ten deep, ten each: a billion "lol"s in its text."""
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    xml = xml.replace(b"?>", f"?><!DOCTYPE w:document [{entities}]>".encode(), 1)
    return xml.replace(b"</w:body>", b"<w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body>")


def _inflating(docx: bytes, paragraphs: int) -> bytes:
    """``docx`` with ``paragraphs`` empty paragraphs added to its text: a few KB packed, megabytes inflated."""
    return _with_part(docx, "word/document.xml",
                      lambda xml: xml.replace(b"</w:body>", b"<w:p/>" * paragraphs + b"</w:body>"))


@pytest.mark.parametrize(("paragraphs", "said"), [(400_000, "over 100 to 1"), (6_000_000, "over 32 MB")])
def test_a_docx_whose_text_inflates_too_far_is_refused_before_it_is_read(tmp_path, docx_file, paragraphs, said):
    """A .docx of 50 KB inflating to 50 MB of text kept mammoth's XML parser busy for minutes;
    one of a few KB packing a million empty paragraphs, too."""
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.docx", _inflating(docx_file.read_bytes(), paragraphs))
    assert error.value.file.name == "a.docx" and "word/document.xml" in error.value.message
    assert said in error.value.message and "32 MB" in error.value.hint


DAMAGED_DOCX = {
    "document cut in half": lambda docx: _with_part(docx, "word/document.xml", _cut),
    "content types cut in half": lambda docx: _with_part(docx, "[Content_Types].xml", _cut),
    "relationships cut in half": lambda docx: _with_part(docx, "word/_rels/document.xml.rels", _cut),
    "entry failing its CRC": lambda docx: _with_part(docx, "word/document.xml", bytes, zipfile.ZIP_STORED).replace(
        b"<w:body>", b"<w:bodY>"),
    "compressed data garbled": lambda docx: _garbled(docx, "word/document.xml"),
    "a tag closed by another": lambda docx: _with_part(docx, "word/document.xml",
                                                       lambda xml: xml.replace(b"</w:body>", b"</w:bodY>")),
    "entities laughing a billion times": lambda docx: _with_part(docx, "word/document.xml", _laughing),
}


@pytest.mark.parametrize("damage", DAMAGED_DOCX)
def test_a_damaged_docx_is_a_clear_error_naming_it(tmp_path, docx_file, damage):
    """A zip whose parts are cut short or corrupt: mammoth's ExpatError (or zlib's error) was an
    internal error, "a bug in paiban"."""
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.docx", DAMAGED_DOCX[damage](docx_file.read_bytes()))
    assert error.value.file.name == "a.docx" and error.value.message.startswith("cannot read the Word document")
    assert "save it" in error.value.hint


def test_a_docx_python_docx_cannot_prepare_is_read_as_it_is_with_a_warning_naming_it(tmp_path, monkeypatch,
                                                                                      caplog):
    """A document odd in a way the preparing for mammoth trips on (a style without a name was
    one) was a traceback, though mammoth reads it: now it is read as it is, as one python-docx
    cannot read at all."""
    from paiban.sources import docx_structure

    def trip(document):
        raise TypeError("expected string or bytes-like object, got 'NoneType'")

    monkeypatch.setattr(docx_structure, "mark", trip)
    path = _docx_of(tmp_path, ("回来填进巡山日志。", ""))
    assert read_article(path, tmp_path).body == "<p>回来填进巡山日志。</p>"
    [warning] = _warnings(caplog)
    assert warning.startswith(f"{path}: it is read as it is, without python-docx, which cannot read or prepare it "
                              "(TypeError: expected string or bytes-like object, got 'NoneType'): ")
    assert warning.endswith("save it again from Word")


def test_an_image_alone_in_its_paragraph_is_a_captioned_figure(tmp_path):
    (tmp_path / "p.png").write_bytes(PNG)
    markdown = '前文。\n\n![示意图](p.png)\n\n![替代](p.png "图一　流程")\n\n文中![小图](p.png)一张。\n'
    article = read(tmp_path, "a.md", markdown)
    # A caption repeating the alt text is hidden from screen readers, which read the alt text (as Pandoc 3 does);
    # a title is a caption of its own, read out.
    assert ('<figure><img src="p.png" alt="示意图"/><figcaption aria-hidden="true">示意图</figcaption></figure>'
            in article.body)
    assert '<figcaption>图一　流程</figcaption>' in article.body
    assert '<p>文中<img src="p.png" alt="小图"/>一张。</p>' in article.body


def test_a_fonts_characters_are_fontconfigs_charset_of_it():
    serif = characters("Noto Serif CJK SC")
    assert all(char in serif for char in "中。「A") and "\U0001F600" not in serif  # no emoji in Noto CJK
    assert not characters("No Such Family 404")


def test_a_font_lists_coverage_is_what_any_of_its_installed_families_draws():
    serif, latin = characters("Noto Serif CJK SC"), characters("DejaVu Serif")
    assert "ř" not in serif and "ř" in latin and "中" not in latin  # each lacks what the other has
    listed = Coverage(("No Such Family 404", "Noto Serif CJK SC", "DejaVu Serif"))
    assert listed and "中" in listed and "ř" in listed and "\ue000" not in listed
    assert listed.lacking("中ř\ue000A\U0001F600") == ["\ue000", "\U0001F600"]
    assert not Coverage(("No Such Family 404",)) and Coverage(()).lacking("中") == ["中"]


@pytest.mark.parametrize(("name", "content"), [
    ("a.md", "# 题\n\n这是第一行中文文本，编辑在这里按了回车换行\r\n然后继续写第二行。\n"),
    ("a.html", "<h1>题</h1><p>这是第一行中文文本，编辑在这里按了回车换行\n  然后继续写第二行。</p>"),
])
def test_a_paragraph_broken_across_lines_between_chinese_characters_reads_as_one_line(tmp_path, name, content):
    """A browser and WeasyPrint show a line break as a space: between Chinese characters, a gap."""
    joined = "<p>这是第一行中文文本，编辑在这里按了回车换行然后继续写第二行。</p>"
    assert read(tmp_path, name, content).body.strip() == joined


def test_an_id_given_twice_is_kept_by_the_first_element_only_with_a_warning_at_the_line(tmp_path, caplog):
    """Twice, it built an EPUB that EPUBCheck rejects (RSC-005), with exit status 0."""
    body = read(tmp_path, "a.md", "# 题\n\n## 小节 {#dup}\n\n正文。\n\n## 另一节 {#dup}\n\n正文。\n").body
    assert body.count('id="dup"') == 1 and body.index('id="dup"') < body.index("小节")
    assert "a.md:7: the id 'dup' is given 2 times; only the first keeps it" in caplog.text


def test_a_footnote_never_referred_to_and_a_reference_to_no_footnote_are_warned_about_at_their_lines(
        tmp_path, caplog):
    """Both built silently: the note left out, the reference printed as [^missing]."""
    article = read(tmp_path, "a.md", "# 题\n\n正文[^a]和[^missing]。\n\n[^a]: 注一。\n[^c]: 没有引用的注。\n")
    assert "[^missing]" in article.body and "没有引用的注" not in article.body
    assert "a.md:6: the footnote [^c] is never referred to, so it is left out" in caplog.text
    assert "a.md:3: [^missing] refers to no footnote and is printed as written" in caplog.text
    assert "[^a]" not in caplog.text


@pytest.mark.parametrize(("name", "content"), [
    ("a.md", ""), ("a.md", "\n\n"), ("a.html", "<html><body></body></html>"), ("a.txt", ""), ("a.html", ""),
    ("a.html", "   \n  \n")])
def test_an_empty_article_is_an_error_naming_it_whatever_its_format(tmp_path, name, content):
    """An empty .txt was an error and an empty .md an empty article titled after its file; a blank
    .html's error gave no hint."""
    with pytest.raises(PaibanError) as error:
        read(tmp_path, name, content)
    assert (error.value.file.name, error.value.message) == (name, "the article is empty") and error.value.hint


def test_a_text_of_nothing_but_page_junk_is_an_error_saying_so(tmp_path):
    """It was "the article is empty", with a hint to put the headline on the first line."""
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.txt", "扫一扫在手机打开当前页面\n分享到:微信 微博\n责任编辑:王五\n")
    assert error.value.message == ("every line is page junk (3 line(s) dropped: 扫一扫在手机打开当前页面, "
                                   "分享到:微信 微博, …)")
    assert error.value.hint.startswith("Copy the article itself")


def test_html_without_a_body_is_an_error_saying_what_to_do(tmp_path):
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.html", "<html><head><title>无正文</title></head></html>")
    assert error.value.message == "the HTML has no <body>" and "<body>" in error.value.hint


def test_an_article_with_a_title_alone_is_read(tmp_path):
    assert read(tmp_path, "a.md", "# 待写\n").title == "待写"


@pytest.mark.parametrize("src", ["data:image/png;base64,iVBORw0KGgo", "data:image/png"])
def test_a_broken_data_image_in_html_is_left_out_with_a_warning(tmp_path, caplog, src):
    """Its base64 cut short, or no comma: an internal error stopped the build."""
    page = f'<html><body><h1>标题</h1><p>第一段文字。</p><p><img src="{src}"></p></body></html>'
    article = read(tmp_path, "a.html", page)
    assert "<img" not in article.body and "第一段文字" in article.body
    assert "not a picture the book can show" in caplog.text


def test_a_broken_data_image_in_markdown_is_named_at_its_line_by_its_alt_and_leaves_no_empty_paragraph(
        tmp_path, caplog):
    """The warning named the file alone, and no picture: in an article with several, which was
    broken could not be told. The paragraph it stood alone in was kept, empty."""
    article = read(tmp_path, "a.md", "# 导出\n\n第一段。\n\n![文化站外景](data:image/png;base64,AAAAbm90IGEgcG5n)\n\n"
                                     "第二段。\n")
    assert article.body == "<p>第一段。</p>\n\n<p>第二段。</p>\n"
    assert [record.getMessage() for record in caplog.records] == [
        f"{tmp_path / 'a.md'}:5: the picture '文化站外景' embedded as a data: URL (image/png) is not a picture the "
        "book can show; it was left out (save the picture as a PNG or JPEG file beside the article, and show it "
        "by its name)"]


@pytest.mark.parametrize("credit", ["责任编辑：王五 SF012", "（责任编辑：王五_NB1234）", "责任编辑：wangwu",
                                    "责任编辑：王五（实习）", "编辑：王五 审核：赵六",
                                    "编辑：张三 李四", "校对：王五、赵六", "【審核：趙六】", "责任编辑：欧阳晓明",
                                    "责任编辑：扎西次仁"])
def test_an_editors_credit_is_dropped_whatever_follows_the_name(tmp_path, credit):
    article = read(tmp_path, "a.txt", f"标题\n\n第一段正文。\n\n{credit}\n")
    assert article.body == "<p>第一段正文。</p>"


@pytest.mark.parametrize("subheading", ["校对：看不见的守门人", "审核：一道不能省的工序", "编辑：从一张白纸开始"])
def test_a_subheading_that_opens_like_an_editors_credit_is_kept(tmp_path, subheading):
    """校对：看不见的守门人, in a piece about proofreaders, went as page junk: a credit names people."""
    article = read(tmp_path, "a.txt", f"标题\n\n第一段正文。\n\n{subheading}\n\n第二段正文。\n")
    assert f"<h3>{subheading}</h3>" in article.body


@pytest.mark.parametrize("heading", ["第一章 重逢（上）", "第三章 你是谁？", "第四章 不要走！", "第五章 等待……",
                                     "第一百零三章 归来", "第二十章 两个人", "第〇七章 旧梦", "第一回 风雪山神庙",
                                     "卷二 江南"])
def test_a_novels_numbered_chapter_line_is_a_heading_however_it_ends(tmp_path, heading):
    """A chapter line ending in ）？！… was taken for a sentence, and 第一百零三章 (零) for a list's item."""
    article = read(tmp_path, "a.txt", f"长安旧梦\n{heading}\n　　她在灯下坐了很久。\n　　天亮了。\n")
    assert article.body.startswith(f"<h3>{heading}</h3><p>")


def test_a_volume_line_then_a_chapter_line_are_two_headings(tmp_path):
    """卷二 江南 then 第一百零三章 归来 were two paragraphs: the outline's numbers lacked 零 and 卷."""
    article = read(tmp_path, "a.txt", "长安旧梦\n卷二 江南\n第一百零三章 归来\n　　她在灯下坐了很久。\n")
    assert article.body == "<h3>卷二 江南</h3><h3>第一百零三章 归来</h3><p>她在灯下坐了很久。</p>"


@pytest.mark.parametrize("heading", ["楔子", "序章", "番外一 后日谈", "尾声", "上卷", "第二编 江南", "第三集 归来"])
def test_a_novels_unnumbered_chapter_or_volume_line_is_a_heading_beside_a_short_line(tmp_path, heading):
    """楔子 then 三年后 were read as a list's two items: the chapter lines a novel reads were not all headings here."""
    article = read(tmp_path, "a.txt", f"长安旧梦\n　　她在灯下坐了很久。\n{heading}\n三年后\n　　天亮了。\n")
    assert f"<h3>{heading}</h3>" in article.body


@pytest.mark.parametrize("line", ["他低声说：‘走。’", "啊——", "好的～", "他翻开了那本《史记》"])
def test_a_short_line_trailing_off_or_closing_a_quotation_is_prose_not_a_subheading(tmp_path, line):
    article = read(tmp_path, "a.txt", f"第六章 夜话\n　　她在灯下坐了很久。\n　　{line}\n　　天亮了。\n")
    assert article.body == f"<p>她在灯下坐了很久。</p><p>{line}</p><p>天亮了。</p>"


@pytest.mark.parametrize("date", ["康熙二十三年（1684年）", "1840年（道光二十年）", "秦王政二十六年（前221）"])
def test_a_chronologys_date_line_ending_in_its_year_in_brackets_is_a_subheading(tmp_path, date):
    """Its ） was taken to close a sentence: the date lines beside it were subheadings, it a paragraph."""
    article = read(tmp_path, "a.txt", f"清代大事年表\n1662年\n康熙帝即位。\n{date}\n开海禁，设四海关。\n")
    assert article.body == f"<h3>1662年</h3><p>康熙帝即位。</p><h3>{date}</h3><p>开海禁，设四海关。</p>"


@pytest.mark.parametrize("line", ["清军入关。（1644年）", "（1684年）", "（完）"])
def test_a_sentence_before_a_year_in_brackets_or_a_line_in_brackets_stays_prose(tmp_path, line):
    article = read(tmp_path, "a.txt", f"清代大事年表\n　　康熙帝即位。\n　　{line}\n　　开海禁。\n")
    assert article.body == f"<p>康熙帝即位。</p><p>{line}</p><p>开海禁。</p>"


@pytest.mark.parametrize("mark", ["＊＊＊", "* * *", "------", "※※※", "＊　＊　＊", "------------"])
def test_a_line_of_stars_or_dashes_is_a_scene_break(tmp_path, mark):
    """It was a subheading: <h3>＊　＊　＊</h3>."""
    article = read(tmp_path, "a.txt", f"第一章 初到长安\n　　她在灯下坐了很久。\n{mark}\n　　天亮了。\n")
    assert article.body == "<p>她在灯下坐了很久。</p><hr/><p>天亮了。</p>"


def test_an_outlines_numbered_headings_are_subheadings_even_one_after_another(tmp_path):
    """二、主要措施 then （一）加强组织领导: both were taken for the items of a list."""
    text = "\n\n".join(["报告", "一、总体情况", "正文。", "二、主要措施", "（一）加强组织领导", "正文。",
                        "（二）强化资金保障", "正文。"]) + "\n"
    body = read(tmp_path, "a.txt", text).body
    assert body.count("<h3>") == 2 and "<h3>二、主要措施</h3><h4>（一）加强组织领导</h4>" in body


def test_an_outlines_second_rank_of_headings_is_a_level_below_its_first(tmp_path):
    """一、总体要求 and （一）明确公开主体 were subheadings of one level: the document's outline was flattened."""
    text = ("通知\n一、总体要求\n　　坚持以公开为常态。\n（一）明确公开主体\n　　各单位是责任主体。\n"
            "1.主要负责同志负总责。\n（二）规范公开程序\n　　依法依规审查。\n二、工作措施\n　　建立工作台账。\n")
    assert read(tmp_path, "a.txt", text).body == (
        "<h3>一、总体要求</h3><p>坚持以公开为常态。</p><h4>（一）明确公开主体</h4><p>各单位是责任主体。</p>"
        "<p>1.主要负责同志负总责。</p><h4>（二）规范公开程序</h4><p>依法依规审查。</p><h3>二、工作措施</h3><p>建立工作台账。</p>")


def test_an_outlines_third_and_fourth_ranks_nest_under_its_second(tmp_path):
    """1. and （1） under a （一） were set at the level of 一、, above the （一） they stand under."""
    text = ("实施意见\n一、重点任务\n（一）夯实数字基础设施\n1. 加快5G网络建设\n　　新建5G基站3,000个。\n"
            "（1）推进千兆光网\n　　家庭千兆光纤覆盖率达到90%。\n2. 推动产业数字化\n　　培育示范企业100家。\n"
            "二、保障措施\n　　加强组织领导。\n")
    assert read(tmp_path, "a.txt", text).body == (
        "<h3>一、重点任务</h3><h4>（一）夯实数字基础设施</h4><h5>1. 加快5G网络建设</h5><p>新建5G基站3,000个。</p>"
        "<h6>（1）推进千兆光网</h6><p>家庭千兆光纤覆盖率达到90%。</p>"
        "<h5>2. 推动产业数字化</h5><p>培育示范企业100家。</p><h3>二、保障措施</h3><p>加强组织领导。</p>")


def test_an_outlines_second_rank_alone_is_the_first_level_of_subheading(tmp_path):
    text = "通知\n（一）明确公开主体\n　　各单位是责任主体。\n（二）规范公开程序\n　　依法依规审查。\n"
    assert read(tmp_path, "a.txt", text).body.count("<h3>") == 2


def test_a_regulations_own_contents_list_stays_text_and_each_chapter_is_a_heading_once(tmp_path):
    """A government page's 目　　录 over 第一章　总则, 第二章　附则 were read as subheadings: the
    contents, nav and bookmarks listed every chapter twice, the first set pointing at the list."""
    text = ("某市示例办法\n目　　录\n第一章　总则\n第二章　附则\n第一章　总则\n　　第一条　为了示例，制定本办法。\n"
            "第二章　附则\n　　第二条　本办法自2025年6月1日起施行。\n")
    assert read(tmp_path, "a.txt", text).body == (
        "<p>目　　录</p><p>第一章　总则</p><p>第二章　附则</p>"
        "<h3>第一章　总则</h3><p>第一条　为了示例，制定本办法。</p>"
        "<h3>第二章　附则</h3><p>第二条　本办法自2025年6月1日起施行。</p>")


def test_a_regulations_parts_chapters_and_sections_nest(tmp_path):
    """第一编　通则, 第一章　总则 and 第一节　一般规定 were all h3: the contents and bookmarks set 编, 章
    and 节 side by side. Without 编, its 章 are the first level."""
    text = ("某市物业管理条例\n第一编　通则\n第一章　总则\n第一节　一般规定\n第一条　为了规范物业管理，制定本条例。\n"
            "第二编　业主\n第二章　业主大会\n第二条　业主大会由全体业主组成。\n")
    assert read(tmp_path, "a.txt", text).body == (
        "<h3>第一编　通则</h3><h4>第一章　总则</h4><h5>第一节　一般规定</h5>"
        "<p>第一条　为了规范物业管理，制定本条例。</p>"
        "<h3>第二编　业主</h3><h4>第二章　业主大会</h4><p>第二条　业主大会由全体业主组成。</p>")
    without_parts = "".join(line + "\n" for line in text.splitlines() if "编" not in line)
    assert read(tmp_path, "b.txt", without_parts).body.startswith("<h3>第一章　总则</h3><h4>第一节　一般规定</h4>")


def test_a_regulations_articles_and_their_items_are_never_headings(tmp_path):
    """A repealed article (第五条　删除) and items without a full stop (（一）业主自治) were subheadings,
    listed in the contents among the chapters."""
    text = ("某市物业管理条例\n第一章　总则\n第一条　物业管理应当遵循下列原则：\n（一）业主自治\n（二）政府监管\n"
            "第二条　删除\n第二章　附则\n第三条　本条例自2026年1月1日起施行。\n")
    assert read(tmp_path, "a.txt", text).body == (
        "<h3>第一章　总则</h3><p>第一条　物业管理应当遵循下列原则：</p><p>（一）业主自治</p><p>（二）政府监管</p>"
        "<p>第二条　删除</p><h3>第二章　附则</h3><p>第三条　本条例自2026年1月1日起施行。</p>")


def test_a_screenplays_numbered_scene_lines_are_all_paragraphs(tmp_path):
    """Of 1. 日　内　咖啡馆, 2. 夜　外　街道 and 3. 夜　内　陈默的公寓, only the second was a subheading: its
    neighbours ended sentences, and the others' did not. Lines numbered 1. stay paragraphs, all alike."""
    text = ("咖啡馆\n服务员\n1. 日　内　咖啡馆\n午后的阳光斜照进来。\n许诺\n美式，谢谢。\n2. 夜　外　街道\n"
            "雨后的街道。\n[远处传来火车的汽笛声。]\n3. 夜　内　陈默的公寓\n陈默独自坐在黑暗中。\n")
    body = read(tmp_path, "a.txt", text).body
    scenes = ("1. 日　内　咖啡馆", "2. 夜　外　街道", "3. 夜　内　陈默的公寓")
    assert [f"<p>{scene}</p>" in body for scene in scenes] == [True] * 3


def test_a_screenplays_cues_over_their_speeches_are_no_subheadings(tmp_path):
    """Each cue alone over its speech (苏晴, then （头也不抬）, then 今天不营业。) was a subheading, listed
    in the contents among the scenes, all but 老杨（V.O.）, whose bracket ended it as a sentence."""
    text = ("雨巷\n\n1. 内景　咖啡馆　日\n\n雨天。咖啡馆里只有一位客人。\n\n苏晴\n（头也不抬）\n今天不营业。\n\n"
            "林远\n门上的牌子写着“营业中”。\n\n苏晴\n（抬头，愣住）\n……是你？\n\n"
            "2. 外景　雨巷　夜\n\n林远撑伞独行。\n\n老杨（V.O.）\n年轻人，表修好了。\n\n"
            "林远\nSome things never change.\n")
    body = read(tmp_path, "a.txt", text).body
    assert re.findall("<h3>(.*?)</h3>", body) == ["1. 内景　咖啡馆　日", "2. 外景　雨巷　夜"]
    assert [body.count(f"<p>{cue}</p>") for cue in ("苏晴", "林远", "老杨（V.O.）")] == [2, 2, 1]


def test_a_short_line_over_its_paragraph_heads_it_where_each_heads_one_part(tmp_path):
    """Over its paragraph as a cue is over its speech, a report's subheading is one of its own, no speaker's."""
    text = "年度总结\n\n项目进展\n全年共完成项目十二个。\n\n存在问题\n人手仍然不足。\n\n明年计划\n再招三个人。\n"
    assert re.findall("<h3>(.*?)</h3>", read(tmp_path, "a.txt", text).body) == ["项目进展", "存在问题", "明年计划"]


@pytest.mark.parametrize(("text", "labels"), [
    ("练习册\n\n第一课　春\n\n盼望着，东风来了。\n\n思考\n作者为什么反复写“盼望着”？\n\n练习\n把第一段背下来。\n\n"
     "第二课　冬\n\n冬天要是不刮风，便觉得是奇迹。\n\n思考\n济南的冬天有哪些特点？\n\n练习\n写一篇短文。\n",
     ["第一课　春", "思考", "练习", "第二课　冬", "思考", "练习"]),
    ("案例汇编\n\n本汇编收录两个案例。\n\n背景\n居民意见分歧较大。\n\n做法\n社区组织多次协商会。\n\n成效\n"
     "全年加装电梯十二部。\n\n背景\n独居老人较多。\n\n做法\n每周上门探访。\n\n成效\n累计探访三千余人次。\n",
     ["背景", "做法", "成效"] * 2),
], ids=["workbook", "case-studies"])
def test_a_reports_labels_repeated_in_every_part_are_subheadings(tmp_path, text, labels):
    """Labels that come round in one order over their paragraphs (思考, 练习 under every lesson; 背景,
    做法, 成效 for every case) were taken for a screenplay's cues: paragraphs, every part lost from the contents."""
    assert re.findall("<h3>(.*?)</h3>", read(tmp_path, "a.txt", text).body) == labels


def test_three_speakers_in_turn_in_one_block_are_cues(tmp_path):
    """Three speakers taking turns in a fixed order, each name over its speech in one block, were read
    as a report's labels coming round: every name a subheading listed in the contents."""
    turns = [("老张", "今天的茶不错。"), ("老李", "是啊，新到的龙井。"), ("小王", "我还是喜欢碧螺春。")] * 3
    text = "茶馆夜话\n\n" + "\n".join(f"{name}\n{speech}" for name, speech in turns) + "\n"
    body = read(tmp_path, "a.txt", text).body
    assert "<h3>" not in body
    assert [body.count(f"<p>{name}</p>") for name in ("老张", "老李", "小王")] == [3, 3, 3]


def test_a_list_of_numbered_matches_is_no_plays_scenes(tmp_path):
    """第一场　中国队3比0胜泰国队 and the matches beside it were a play's scene lines: each a heading with
    nothing under it, and the line over the list too."""
    text = ("女排小组赛回顾\n\n中国队以三战全胜的成绩晋级八强。\n\n小组赛战况\n第一场　中国队3比0胜泰国队\n"
            "第二场　中国队3比1胜日本队\n第三场　中国队3比2胜韩国队\n\n下一轮比赛将于本周六晚进行。\n")
    assert "<h3>" not in read(tmp_path, "a.txt", text).body


def test_a_plays_first_scene_under_its_list_of_scenes_is_a_subheading(tmp_path):
    """Under the list of its scenes, a play's 第一场　客厅 over its dialogue was read as one more item of
    the list: a paragraph, left out of the contents, where 第二场　花园 was a subheading."""
    text = ("雷雨之后\n\n人物表\n周先生\n周太太\n\n第一场　客厅\n第二场　花园\n\n第一场　客厅\n\n"
            "周先生：你回来了。\n周太太：回来了。\n\n第二场　花园\n\n周太太：花开了。\n")
    body = read(tmp_path, "a.txt", text).body
    assert re.findall("<h3>(.*?)</h3>", body) == ["第一场　客厅", "第二场　花园"]
    assert body.count("<p>第一场　客厅</p>") == 1


def test_a_plays_song_lines_ending_in_a_comma_are_no_subheadings(tmp_path):
    """A song in a play, its lines between empty ones: each ending in ， (海上风来浪打浪，) was a subheading
    listed in the contents, the line after it a paragraph under it. A line ending a clause heads no part."""
    song = ["海上风来浪打浪，", "打鱼的人儿望家乡。", "雁儿飞过三千里，", "不见归人不回航。"]
    text = "归雁\n\n第一场\n\n林小雁：你唱那支老歌吧。\n\n林秋生：（唱）\n\n" + "\n".join(song) + "\n\n（幕落）\n"
    body = read(tmp_path, "a.txt", text).body
    assert re.findall("<h3>(.*?)</h3>", body) == ["第一场"]
    assert [f"<p>{line}</p>" in body for line in song] == [True] * 4


@pytest.mark.parametrize(("first", "second"), [("第一场", "第二场"), ("第一幕　渔村", "第二幕　码头"),
                                               ("第一折", "第二折")])
def test_a_plays_first_scene_under_its_cast_list_is_a_subheading_as_the_next_is(tmp_path, first, second):
    """Beside the cast list's short lines, 第一场 was read as one of them, a paragraph, and left out
    of the contents; 第二场, between speeches, was a subheading. A play's acts and scenes are
    its outline's lines, as a novel's chapters are."""
    text = (f"归雁\n\n人物表\n　　林秋生　　老渔民，六十五岁\n　　林小雁　　秋生的孙女，十七岁\n\n{first}\n\n"
            f"场景：海边渔村。清晨。\n\n林小雁：爷爷，今天有信吗？\n\n{second}\n\n林秋生：三十年了。\n")
    assert re.findall("<h3>(.*?)</h3>", read(tmp_path, "a.txt", text).body) == [first, second]


def test_a_line_opening_with_a_first_scene_phrase_is_no_scene(tmp_path):
    """第一场雪 (the first snow) opens a sentence, no play's scene: beside another short line, it is one of a list."""
    body = read(tmp_path, "a.txt", "冬天\n\n第一场雪\n落在屋顶上\n\n孩子们在院子里堆雪人，一直玩到天黑。\n").body
    assert "<h3>" not in body


@pytest.mark.parametrize("mark", [". ", "．", "、"])
def test_a_reports_numbered_sections_standing_alone_are_all_subheadings(tmp_path, mark):
    """A report's 1. 项目进展, 2. 存在的问题 and 3. 明年计划, each alone between long paragraphs, were
    subheadings until every line numbered 1. was made a paragraph: the report lost its outline. Lines of
    one numbered form are judged alike: all are subheadings where most of them stand alone."""
    paragraph = "全年共完成项目十二个，比去年多三个。其中两个项目获得了公司的表彰，团队成员的能力也有明显的提高。"
    sections = [f"1{mark}项目进展", f"2{mark}存在的问题", f"3{mark}明年计划"]
    text = "\n".join(["年度工作总结", paragraph, *(line for section in sections for line in (section, paragraph))])
    body = read(tmp_path, "a.txt", text).body
    assert re.findall("<h3>(.*?)</h3>", body) == sections


def test_a_press_releases_ordinance_lines_under_its_one_paragraph_are_headings_and_items(tmp_path):
    """Its one paragraph of prose, the first under the headline, was passed over as the headline's:
    the block under it was set as a poem, 第1條 and 附錄 verse lines."""
    text = ("公布升降機檢查結果\n\n東灣區交通及房屋事務署今日（11月28日）公布屋邨升降機檢查結果。\n\n第1條　檢查範圍\n"
            "(a) 屋邨內所有載客𨋢；\n(b) 港鐵站出口的升降機；及\n(c) 署長指明的其他設施。\n附錄\n查詢電話：2345 6789\n")
    assert read(tmp_path, "a.txt", text).body == (
        "<p>東灣區交通及房屋事務署今日（11月28日）公布屋邨升降機檢查結果。</p><h3>第1條　檢查範圍</h3>"
        "<p>(a) 屋邨內所有載客𨋢；</p><p>(b) 港鐵站出口的升降機；及</p><p>(c) 署長指明的其他設施。</p>"
        "<h3>附錄</h3><p>查詢電話：2345 6789</p>")


@pytest.mark.parametrize("joining", ["；及", "；或", "；以及", "；和"])
def test_a_list_item_the_next_goes_on_is_no_subheading(tmp_path, joining):
    """(b) 港鐵站出口的升降機；及, between items ending sentences, was a subheading."""
    text = f"通告\n第一段正文。\n(a) 屋邨內所有載客𨋢；\n(b) 港鐵站出口的升降機{joining}\n(c) 署長指明的其他設施。\n"
    assert "<h3>" not in read(tmp_path, "a.txt", text).body


@pytest.mark.parametrize("annex", ["附錄", "附录", "附录一", "附录A", "附录 B"])
def test_an_appendix_line_is_a_subheading_beside_a_short_line(tmp_path, annex):
    """附錄 over 查詢電話：2345 6789 was read as a list's item."""
    text = f"通告\n第一段正文。\n{annex}\n查詢電話：2345 6789\n地址：旺角彌敦道123號\n"
    assert f"<h3>{annex}</h3><p>查詢電話" in read(tmp_path, "a.txt", text).body


def test_a_drug_labels_bracketed_heads_are_all_subheadings_beside_their_short_values(tmp_path):
    """【药品名称】 over 通用名称：白芷素注射液, 【规格】 over 2 mL：50 mg were read as a list's items:
    half the label's heads were paragraphs, the others headings."""
    text = ("白芷素注射液说明书\n【药品名称】\n通用名称：白芷素注射液\n【性状】\n本品为无色的澄明液体。\n"
            "【规格】\n2 mL：50 mg\n【有效期】\n24个月\n【批准文号】\n国药准字H00000000\n")
    assert _headings(read(tmp_path, "a.txt", text).body) == [
        ("h3", "【药品名称】"), ("h3", "【性状】"), ("h3", "【规格】"), ("h3", "【有效期】"), ("h3", "【批准文号】")]


STANDARD = ("智能储水器　通用技术条件\n\n1　范围\n\n本文件规定了智能储水器的要求。\n\n2　规范性引用文件\n\n"
            "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。\n\nGB/T 191　包装储运图示标志\n\n"
            "GB/T 1.1—2020　标准化工作导则　第1部分：标准化文件的结构和起草规则\n\n4　要求\n\n4.1　一般要求\n\n"
            "储水器应按图样制造。\n\n4.2　性能要求\n\n4.2.1　容积偏差\n\n偏差应不超过±2%。\n\n4.2.3.1 保温\n\n"
            "应不少于8 h。\n\n4.2.3.1.1 测量\n\n应断电。\n\n附录A\n（规范性）\n容积测定方法\n\nA.1　试验设备\n\n"
            "电子秤，分度值不大于10 g。\n")


def _headings(body: str) -> list[tuple[str, str]]:
    return re.findall(r"<(h\d)>(.*?)</h\d>", body)


def test_a_standards_clause_headings_nest_by_their_depth(tmp_path):
    """4　要求 over 4.1　一般要求, and 4.2 over 4.2.1, were read as a list's items, paragraphs; a clause
    heading between paragraphs was a subheading at the level of 1　范围."""
    headings = _headings(read(tmp_path, "a.txt", STANDARD).body)
    assert headings[:7] == [("h3", "1　范围"), ("h3", "2　规范性引用文件"), ("h3", "4　要求"), ("h4", "4.1　一般要求"),
                            ("h4", "4.2　性能要求"), ("h5", "4.2.1　容积偏差"), ("h6", "4.2.3.1 保温")]
    assert headings[7:] == [("h6", "4.2.3.1.1 测量"), ("h3", "附录A<br/>（规范性）<br/>容积测定方法"),
                            ("h4", "A.1　试验设备")]


def test_a_standards_short_reference_line_is_no_subheading(tmp_path):
    """GB/T 191　包装储运图示标志, short between long lines, was a subheading, listed among the clauses."""
    assert "<p>GB/T 191　包装储运图示标志</p>" in read(tmp_path, "a.txt", STANDARD).body


@pytest.mark.parametrize("lines", [["1 苹果", "2 香蕉", "3 橘子"], ["3.5 米", "4.2 米", "5.8 米"]])
def test_lines_numbered_as_clauses_that_do_not_nest_are_short_lines(tmp_path, lines):
    text = "清单\n第一段正文。\n" + "\n".join(lines) + "\n第二段正文。\n"
    assert "<h3>" not in read(tmp_path, "a.txt", text).body


@pytest.mark.parametrize("lines", [
    ["8 集合", "8.30 出发", "10 到达公园", "10.30 自由活动", "12 午餐"],
    ["材料", "2 个鸡蛋", "1.5 个番茄", "1 小勺盐", "半勺白糖"],
    ["1 苹果 每斤五元", "1.5 元一个的橙子", "2 香蕉 每斤三元", "2.5 元一斤的梨"],
], ids=["timetable", "recipe", "price-list"])
def test_lines_numbered_under_another_but_not_as_its_first_subclause_are_short_lines(tmp_path, lines):
    """8.30 under 8, 1.5 under 1, with no 8.1 or 1.1 before them, were taken for a standard's
    subclauses: every numbered line was a heading, nested a level apart, and 材料 over them one too."""
    paragraphs = ["第一段正文。", *lines, "第二段正文。"]
    text = "清单\n" + "\n".join(paragraphs) + "\n"
    assert read(tmp_path, "a.txt", text).body == "".join(f"<p>{line}</p>" for line in paragraphs)


def test_a_list_of_appendices_with_their_titles_and_the_line_over_it_are_paragraphs(tmp_path):
    """附录一　人物表 and the others were headings even beside one another, and 本书附录如下 over them one
    too: four headings with nothing under them, each in the contents."""
    text = ("编后记\n\n本书正文共十二章，另有附录三种。\n\n本书附录如下\n附录一　人物表\n附录二　大事年表\n"
            "附录三　地图\n\n感谢各位读者的支持，欢迎来信指正。\n")
    assert "<h3>" not in read(tmp_path, "a.txt", text).body

def test_a_speech_ending_a_sentence_before_a_note_is_no_subheading(tmp_path):
    """王建国：十八年。【笑】 was a subheading: the note hid the full stop."""
    text = "访谈\n记者：您开出租车多久了？\n王建国：十八年。【笑】\n记者：最难忘的是谁？\n"
    assert "<h3>" not in read(tmp_path, "a.txt", text).body


def test_a_transcripts_short_speaker_lines_are_speech_and_a_texts_labelled_headings_stay_headings(tmp_path):
    """记者：后来呢 and 主持人：请讲, short and ending no sentence, were subheadings unless a short line
    stood beside them. Lines of one form are judged alike: where most speaker's lines end a sentence, all
    are speech; where most end none, they head the text's parts."""
    transcript = ["访谈", "记者：您开出租车多久了？", "王建国：十八年。", "记者：后来呢", "王建国：喜欢。",
                  "主持人：请讲", "王建国：好。"]
    assert "<h3>" not in read(tmp_path, "a.txt", "\n".join(transcript)).body
    travel = ["三城记", "第一站：杭州", "西湖边的柳树绿了。", "第二站：苏州", "园林里人不多。", "导游：请大家跟上。",
              "第三站：上海", "夜色很美。"]
    assert read(tmp_path, "b.txt", "\n".join(travel)).body.count("<h3>") == 3


@pytest.mark.parametrize("stamp", ["[{}] ", "{} "])
@pytest.mark.parametrize("above", ["采访时间：2023年5月12日", "采访地点：老街"])
def test_a_timestamped_transcripts_short_speaker_line_is_speech(tmp_path, stamp, above):
    """[00:01:25] 问：后来呢 was a subheading, and so was 采访时间：… over the turns: each speaker's line
    was taken for speaker [00's (or 00's), who spoke once more than the 采访时间 line's, and the text
    was read as no transcript. Without the times, both stayed paragraphs."""
    turns = [("00:00:05", "问：王阿姨，您是哪一年搬到老街来的？"), ("00:00:12", "答：一九七三年。"),
             ("00:01:25", "问：后来呢"), ("00:01:27", "答：后来就拆了一半。"), ("00:02:40", "问：您还记得拆迁那天吗？"),
             ("00:02:44", "答：记得。")]
    lines = ["老街访谈", above, *(stamp.format(time) + said for time, said in turns)]
    body = read(tmp_path, "a.txt", "\n".join(lines)).body
    assert body == "".join(f"<p>{line}</p>" for line in lines[1:])


@pytest.mark.parametrize("headline", [["茶馆访谈录音整理", ""], []])
def test_a_speech_recognition_exports_labels_each_open_their_speakers_turn(tmp_path, headline):
    """说话人1 00:00:05 over its speech was a subheading unless a short line stood beside it: the
    first and last labels were, the others paragraphs. Without a headline, the first label was the title."""
    turns = [("说话人1", "00:00:05", "赵老先生，茶馆是您祖父开的？"),
             ("说话人2", "00:00:12", "对，民国二十年开的。[笑]"),
             ("说话人1", "00:00:31", "最热闹的时候有多少客人？"), ("说话人2", "00:00:38", "一天几百号人吧。")]
    text = "\n".join(headline + [f"{label} {time}\n{said}\n" for label, time, said in turns])
    article = read(tmp_path, "01-录音整理.txt", text)
    assert (article.title, article.body) == (
        "茶馆访谈录音整理" if headline else "录音整理",
        "".join(f"<p>[{time}] {label}：{said}</p>" for label, time, said in turns))


def test_a_timetables_lines_of_a_day_and_a_time_stay_its_subheadings(tmp_path):
    """A label's time is a recording's, which goes forward: 上午 08:30 and 下午 14:00, day after day,
    head a timetable's parts, as other short lines do, and are joined to no line."""
    lines = ["日程", "上午 08:30", "出发去车站，坐早班车。", "下午 14:00", "到达上海，先去酒店放下行李。", "上午 08:30",
             "去外滩走走，拍了很多照片。", "下午 14:00", "回程。"]
    body = read(tmp_path, "a.txt", "\n\n".join(lines)).body
    assert re.findall("<h3>(.*?)</h3>", body) == ["上午 08:30", "下午 14:00"] * 2


_SRT = """1
00:00:01,000 --> 00:00:04,200
我叫赵德明，今年七十六岁。

2
00:00:04,500 --> 00:00:08,900
我们家三代都在<i>这条街上</i>
开茶馆。

3
00:00:09,100 --> 00:00:13,000
[笑] 现在说出来都没人信。
"""
_WEBVTT = """WEBVTT
Kind: captions

NOTE 整理：白木舟

1
00:01.000 --> 00:04.200 align:start
<v 赵德明>我叫赵德明，今年七十六岁。

00:04.500 --> 00:08.900
我们家三代都在<i>这条街上</i>
开茶馆。

00:09.100 --> 00:13.000
[笑] 现在说出来都没人信。
"""


@pytest.mark.parametrize(("subtitles", "line", "named"), [(_SRT, 2, "SRT"), (_WEBVTT, 7, "WebVTT")])
def test_subtitles_saved_as_text_are_a_paragraph_of_each_cues_speech_opening_with_its_start(
        tmp_path, caplog, subtitles, line, named):
    """An SRT saved as .txt was set as lines: its first cue's number the title, the others subheadings,
    its times joined to the speech as a hard-wrapped text's lines (00:00:04,200我叫赵德明), and nothing
    told. It has no headline: it is titled by its file's name."""
    article = read(tmp_path, "02-视频字幕.txt", subtitles)
    speaker = "赵德明：" if named == "WebVTT" else ""
    assert (article.title, article.body) == ("视频字幕", f"<p>[00:00:01] {speaker}我叫赵德明，今年七十六岁。</p>"
                                                        "<p>[00:00:04] 我们家三代都在这条街上开茶馆。</p>"
                                                        "<p>[00:00:09] [笑] 现在说出来都没人信。</p>")
    assert [message.split(": ", 1)[0] for message in warnings_of(caplog)] == [f"{tmp_path / '02-视频字幕.txt'}:{line}"]
    assert f"read as {named} subtitles" in caplog.text


@pytest.mark.parametrize("lines", [
    ["09:00 --> 09:30 签到", "09:30 --> 10:30 开幕式，校长致辞", "10:30 --> 12:00 分组讨论"],
    ["WEBVTT 字幕格式入门", "", "WebVTT 是网页视频使用的字幕格式。一个最简单的文件如下：", "", "WEBVTT", "",
     "00:00:01.000 --> 00:00:04.000", "大家好", "", "文件必须以 WEBVTT 开头，时间行中用 --> 分隔开始和结束时间。"]])
def test_a_text_that_only_opens_as_subtitles_do_is_read_as_text(tmp_path, caplog, lines):
    """Judged by its first line, an agenda of 09:00 --> 09:30 签到 was subtitles whose words were a
    cue's settings, and its build stopped, the article empty; a tutorial titled WEBVTT 字幕格式入门 lost
    its title and every line but its one sample cue's."""
    article = read(tmp_path, "a.txt", "\n".join(lines))
    written = [line.replace(">", "&gt;") for line in lines[1:] if line]
    assert (article.title, re.findall("<p>(.*?)</p>", article.body)) == (lines[0], written)
    assert "subtitles" not in caplog.text


@pytest.mark.parametrize(("after", "kept"), [
    ("\n以上是 SRT 格式的示例。\n", ["以上是 SRT 格式的示例。"]),
    ("\n7\n00:00:20,000 --> 00:00:21,000\n补充\n", ["7", "00:00:20,000 --&gt; 00:00:21,000", "补充"])])
def test_subtitles_lines_outside_their_cues_are_kept_as_written(tmp_path, caplog, after, kept):
    """The lines under a cue after an empty line, and a cue numbered out of its sequence (7 after 3), are
    no cue's text: they were run into the cue above, or left out. Kept, they are told in the warning."""
    article = read(tmp_path, "02-视频字幕.txt", _SRT + after)
    assert re.findall("<p>(.*?)</p>", article.body)[3:] == kept
    assert f"{len(kept)} line(s) of text outside the cues (from line 14) are kept" in caplog.text


def test_a_timetables_words_and_times_taking_turns_are_no_speakers(tmp_path):
    """上课 08:00 over 第一节课，语文。 and 下课 08:45 over 课间休息十分钟。 alternate at times that go forward,
    as speakers' labels do: read as a speech recognition's turns, they were rewritten [08:00] 上课：第一节课，语文。"""
    lines = ["学校作息时间表", "上课 08:00", "第一节课，语文。", "下课 08:45", "课间休息十分钟。", "上课 08:55",
             "第二节课，数学。", "下课 09:40", "课间操。"]
    body = read(tmp_path, "a.txt", "\n".join(lines)).body
    assert body == "".join(f"<h3>{line}</h3><p>{said}</p>" for line, said in zip(lines[1::2], lines[2::2], strict=True))


@pytest.mark.parametrize("speakers", [("Speaker 1", "Speaker 2"), ("赵德明", "李秀兰")])
def test_speech_recognitions_unnamed_and_named_speakers_open_their_turns(tmp_path, speakers):
    """A speaker it could not name is numbered (Speaker 1); a named one speaks several times from the
    recording's start, as no timetable's word does."""
    said = ["茶馆是您祖父开的？", "对，民国二十年开的。", "客人多吗", "一天几百号人吧。"]
    turns = [(speakers[number % 2], f"00:00:{5 + 10 * number:02}", words) for number, words in enumerate(said)]
    text = "访谈\n\n" + "\n".join(f"{label} {time}\n{words}\n" for label, time, words in turns)
    body = read(tmp_path, "a.txt", text).body
    assert body == "".join(f"<p>[{time}] {label}：{words}</p>" for label, time, words in turns)


@pytest.mark.parametrize(("first", "title"), [
    ("07:30 早读：今天的三条新闻", "07:30 早读：今天的三条新闻"), ("[07:30] 早读：今天的三条新闻", "早读")])
def test_a_headline_may_open_with_a_time_a_word_and_a_colon(tmp_path, first, title):
    """07:30 早读：… was taken for a transcript's turn, as [07:30] 早读：… is: no headline, and the article
    was titled by its file's name. A bare time opens a turn only in a transcript (the test above)."""
    text = f"{first}\n\n　　第一条，某市地铁新线路开通。\n\n　　第二条，某公园举办花展。\n"
    assert read(tmp_path, "01-早读.txt", text).title == title


def test_a_transcripts_first_turn_marked_with_a_bare_time_is_no_headline(tmp_path):
    """00:00:05 问：… over the turns of a transcript is its first turn, as [00:00:05] 问：… is."""
    lines = ["00:00:05 问：王阿姨，您是哪一年搬到老街来的？", "00:00:12 答：一九七三年。", "00:01:25 问：后来呢",
             "00:01:27 答：后来就拆了一半。"]
    article = read(tmp_path, "01-访谈.txt", "\n".join(lines))
    assert (article.title, article.body) == ("访谈", "".join(f"<p>{line}</p>" for line in lines))


@pytest.mark.parametrize("items", [["交通：乘坐公交7路到站下车。", "门票：免费。"],
                                   ["交通：乘坐公交7路到站下车。", "门票：免费。", "开放时间：全天开放。"]])
def test_a_guides_labelled_headings_stay_headings_over_its_info_lines(tmp_path, items):
    """A guide's 景点一：断桥 heads the 交通：…。 and 门票：…。 lines under it: those outnumbered the headings
    and ended sentences, so the text was read as a transcript, and every heading was a paragraph. Its labels
    are no speakers taking turns: each heading's is used once, and the items' come round in order."""
    lines = ["西湖一日游", "这是一份写给第一次来杭州的朋友的游览建议，一天可以走完。"]
    for heading in ("景点一：断桥", "景点二：苏堤", "景点三：雷峰塔"):
        lines += [heading, "这里的风景很好，早上人少，可以慢慢走，桥边有卖藕粉的小摊。", *items]
    body = read(tmp_path, "a.txt", "\n".join(lines)).body
    assert re.findall("<h3>(.*?)</h3>", body) == ["景点一：断桥", "景点二：苏堤", "景点三：雷峰塔"]


@pytest.mark.parametrize("number", ["某局发〔2026〕7号", "国办函[2026]12号", "某市某局文〔2026〕107号"])
def test_an_official_documents_number_is_no_subheading(tmp_path, number):
    """某局发〔2026〕7号 under a notice's headline, a short line ending no sentence, was a subheading."""
    text = f"关于开展档案检查的通知\n{number}\n各区县局：\n　　现决定开展档案检查，请按时报送结果。\n"
    assert read(tmp_path, "a.txt", text).body.startswith(f"<p>{number}</p><p>各区县局：</p>")


@pytest.mark.parametrize(("line", "printed"), [("电话:0838-2223333", "电话："), ("地址：青川市人民路1号", "地址："),
                                               ("联系人：王老师", "联系人：")])
def test_a_notices_contact_line_is_no_subheading(tmp_path, line, printed):
    """电话:0838-2223333 over 特此公告。, a short line ending no sentence, was a subheading."""
    text = f"闭馆公告\n各位读者：\n因馆舍维修，我馆将于4月1日起闭馆。\n{line}\n特此公告。\n"
    body = read(tmp_path, "a.txt", text).body
    assert "<h3" not in body and f"<p>{printed}" in body


PATENT = ("一种液冷散热装置\n申请号：CN202420123456.X　申请日：2024.02.18\nIPC分类号：H05K 7/20；G06F 1/20\n"
          "申请(专利权)人：南岭热控科技有限公司（虚构）\n发明人：赵德明；何静\n摘要\n本实用新型公开了一种液冷散热装置。\n"
          "权利要求书\n1.一种液冷散热装置，包括冷板(1)。\n说明书\n技术领域\n[0001]本实用新型涉及服务器散热技术领域。\n"
          "背景技术\n[0002]现有液冷装置易渗漏。\n")


def test_a_patents_bibliographic_lines_are_no_subheadings(tmp_path):
    """IPC分类号：H05K 7/20；G06F 1/20 over 申请(专利权)人：…（虚构）, which ends in a bracket, was a
    subheading; 发明人：赵德明；何静 would be one over 摘要."""
    body = read(tmp_path, "a.txt", PATENT).body
    assert "<p>IPC分类号：" in body and "<p>发明人：" in body and "<p>申请" in body


def test_a_patents_part_names_are_subheadings_beside_short_lines(tmp_path):
    """摘要 under 发明人：…, 说明书 over 技术领域 and 技术领域 under it were read as a list's items, set as
    paragraphs, while 权利要求书 and 背景技术 were headings."""
    assert [text for _, text in _headings(read(tmp_path, "a.txt", PATENT).body)] == [
        "摘要", "权利要求书", "说明书", "技术领域", "背景技术"]


@pytest.mark.parametrize("line", [("版权所有" + "报" * 12) * 6 + "版权所有！", ("©" + "a" * 30 + "版权所有") * 4 + "！",
                                  "记者 " + "甲乙丙丁报记者 " * 22 + "甲乙！", "未经" + "授权不得" * 40 + "！"])
def test_a_long_line_nearly_shaped_like_a_footer_or_a_credit_is_judged_at_once(tmp_path, line):
    """Each of these took the patterns seconds (a line of 200 characters, minutes): they tried
    every way of parting the line into a footer's or a credit's parts. Slow here means it is back."""
    article = read(tmp_path, "a.txt", f"标题\n\n第一段。\n\n{line}\n")
    assert article.body == f"<p>第一段。</p><p>{line}</p>"


def test_a_papers_dateline_and_an_excerpts_note_give_no_false_names(tmp_path):
    text = "标题\n\n本报讯（本报记者 张三 李四）今年以来，工作顺利。\n\n日常巡查。（节选）\n"
    article = read(tmp_path, "a.txt", text)
    assert article.author == "张三、李四"
    assert "（节选）" in article.body


@pytest.mark.parametrize("note", ["（写于南京）", "（作于 北京）", "（记于上海）", "（改于杭州）", "（全书完）",
                                  "（本章完）", "（未完 待续）", "（续完）"])
@pytest.mark.parametrize("name", ["a.txt", "a.html"])
def test_a_closing_note_of_place_or_end_is_no_byline(tmp_path, note, name):
    """（写于南京） and （全书完） closing the text were taken for the author's name and left it."""
    text = f"标题\n\n第一段。\n\n我们终于等到了黎明。{note}\n"
    if name == "a.html":
        text = "".join(f"<p>{line}</p>" for line in text.split("\n\n"))
    article = read(tmp_path, name, text)
    assert (article.author, text_of(article.body).strip().endswith(f"黎明。{note}")) == (None, True)


@pytest.mark.parametrize("direction", ["（剧终）", "（幕落）", "（落幕）", "（灯暗）", "（灯光渐暗）", "（暗转）",
                                       "（静场）", "（众下）", "（林远下）", "（林远、苏晴同下）", "（幕落，灯暗）",
                                       "（劇終）"])
@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.docx"])
def test_a_plays_closing_stage_direction_is_no_byline(tmp_path, direction, name):
    """（剧终）, （幕落） or （林远下） closing a play was taken for its author's name: the direction
    left the text and was printed under the title and in the contents (渡口　幕落)."""
    lines = ["戏", "林远：你来了。", "苏晴：我来了。", direction]
    if name == "a.docx":
        document = Document()
        document.add_heading(lines[0], level=1)
        for line in lines[1:]:
            document.add_paragraph(line)
        document.save(tmp_path / name)
        article = read_article(tmp_path / name, tmp_path)
    else:
        text = ("\n\n".join(lines) if name == "a.txt"
                else f"<h1>{lines[0]}</h1>" + "".join(f"<p>{line}</p>" for line in lines[1:]))
        article = read(tmp_path, name, text)
    assert (article.author, text_of(article.body).strip()) == (None, "".join(lines[1:]))


@pytest.mark.parametrize("note", ["（规范性）", "（资料性）", "（补充件）", "（參考件）", "（注意）", "（提示）",
                                  "（说明）", "（下略）", "（图略）"])
def test_an_annexs_kind_a_notes_label_or_what_was_left_out_closing_the_text_is_no_byline(tmp_path, note):
    """A standard's .txt ending in its annex's 附录A and （规范性） (the annex not yet typed) was by 规范性,
    printed under the title, and （注意） closing a text made 注意 its author."""
    article = read(tmp_path, "a.txt", f"标题\n\n第一段。\n\n附录A\n\n{note}\n")
    assert (article.author, text_of(article.body)) == (None, f"第一段。附录A{note}")


@pytest.mark.parametrize(("byline", "name"), [("（林下）", "林下"), ("（山下）", "山下"), ("（记者 山下）", "山下"),
                                           ("（本报记者 木下）", "木下")])
def test_a_name_ending_in_xia_is_a_byline_not_an_exit(tmp_path, byline, name):
    """（记者 山下） and （林下） closing an article were read as a stage exit (林远下), so the author was
    lost and the line stayed in the text. An exit is 众 or a name of two characters or more before 下,
    under no byline's label."""
    article = read(tmp_path, "a.txt", f"标题\n\n第一段。\n\n第二段。\n\n{byline}\n")
    assert (article.author, article.body) == (name, "<p>第一段。</p><p>第二段。</p>")


def test_a_name_that_opens_like_a_stage_direction_is_a_byline(tmp_path):
    """A direction is a whole word: （谢幕华） names the author, not a curtain call (谢幕)."""
    article = read(tmp_path, "a.txt", "标题\n\n第一段。\n\n第二段。（谢幕华）\n")
    assert (article.author, article.body) == ("谢幕华", "<p>第一段。</p><p>第二段。</p>")


def test_utf8_with_a_stray_nul_is_binary_junk_not_utf16(tmp_path):
    """It was taken for UTF-16BE, and the hint's iconv would have garbled the file."""
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.txt", "标题\n\n这是第一段文字，讲述了一件事情。\x00\n第二段。。\n".encode("utf-8"))
    assert "binary data" in error.value.message and "UTF-16" not in str(error.value)


@pytest.mark.parametrize(("title", "expected"), [
    ("河道治理见成效 - 本地新闻网", "河道治理见成效"),
    ("COVID_19 疫苗接种须知", "COVID_19 疫苗接种须知"),
    ("2024 - 2025 学年校历", "2024 - 2025 学年校历"),
    ("2024 - 2025 学年校历 - 某某大学", "2024 - 2025 学年校历"),
    ("故乡的桥_山人_新浪博客", "故乡的桥"),  # a blog's name, then the platform's: it kept 故乡的桥_山人
    ("故乡的桥 - 山居杂记的博客 - 新浪博客|故乡的桥", "故乡的桥"),  # after the |: the page's og:title
    ("_".join(["文"] * 1500), "文_文"),  # a part at a time, not a call at a time (it was a RecursionError)
])
def test_a_pages_title_loses_a_site_name_only(tmp_path, title, expected):
    """With no heading to match, the part after the last separator went, whatever it was."""
    title, _, shared = title.partition("|")
    meta = f'<meta property="og:title" content="{shared}">' if shared else ""
    page = (f"<html><head>{meta}<title>{title}</title></head>"
            "<body><p>正文的第一段，写得足够长以便抽取。</p></body></html>")
    assert read(tmp_path, "a.html", page).title == expected


def test_table_cells_that_join_into_a_word_of_the_text_do_not_discard_the_extract(tmp_path):
    """Cells 1 and 2, joined, are in 12月: the page was taken whole, comments and links in."""
    paragraphs = "".join(f"<p>第{n}段：去年12月以来，城区河道综合治理工程稳步推进，水质明显改善，居民满意。</p>"
                         for n in range(1, 6))
    page = ("<html><head><title>河道</title></head><body><header><nav><a href='/'>首页</a></nav></header>"
            f"<article><h1>河道治理见成效</h1>{paragraphs}<table><tr><td>1</td><td>2</td></tr></table></article>"
            "<div class='comments'><p>网友甲：说得好，支持支持支持。</p></div>"
            "<ul class='related'><li><a href='/a'>其他新闻标题一</a></li></ul><footer>版权所有</footer></body></html>")
    body = read(tmp_path, "a.html", page).body
    assert "去年12月以来" in body and "网友甲" not in body and "其他新闻标题" not in body


def test_an_id_given_many_times_is_one_warning_and_one_reading_of_the_file(tmp_path, caplog, monkeypatch):
    """Each repeat re-read the file to find its line: 3,000 repeats took 10 to 23 seconds."""
    import paiban.sources.body as body

    readings = []
    monkeypatch.setattr(body, "read_text", lambda path: readings.append(path) or read_text(path))
    paragraphs = "".join(f'<p id="para">第{n}段。</p>' for n in range(300))
    article = read(tmp_path, "a.html", f"<html><body><h1>题</h1>{paragraphs}</body></html>")
    assert article.body.count('id="para"') == 1
    assert caplog.text.count("the id 'para' is given 300 times") == 1 and len(readings) <= 2


@pytest.mark.parametrize("dateline", ["本报北京11月24日电（记者 张三）", "本報臺北11月24日電（記者 張三）"])
def test_a_papers_own_wire_dateline_names_no_outlet(tmp_path, dateline):
    """本报 is "this paper": the article's source line read 来源：本报."""
    article = read(tmp_path, "a.txt", f"标题\n\n{dateline}今天，工作进展顺利，各方都很满意。\n")
    assert (article.origin, article.author) == (None, "张三" if "张三" in dateline else "張三")
    assert article.body == "<p>今天，工作进展顺利，各方都很满意。</p>"


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_all_chinese_utf16_without_a_bom_is_named_as_such(tmp_path, order):
    """With no ASCII in it, it has no NUL byte: it was 'not valid UTF-8, GB18030 or Big5', with an
    iconv -f GB18030 hint that does not mend it."""
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.txt", "正文，编码测试。这是中文的文字。".encode(order))
    assert "without a byte order mark" in error.value.message and "UTF-16" in error.value.hint


@pytest.mark.parametrize(("written", "kept"), [("2024-03-15", "2024-03-15"), ("2024年3月5日", "2024-03-05"),
                                               ("'2024-03'", "2024-03"),
                                               # a year of the Republic was "not a date"
                                               ("民國113年3月15日", "2024-03-15"), ("中華民國113年3月", "2024-03"),
                                               ("民國元年1月1日", "1912-01-01")])
def test_a_front_matter_date_is_kept_in_the_form_book_toml_takes(tmp_path, written, kept):
    assert read(tmp_path, "a.md", f"---\ntitle: 题\ndate: {written}\n---\n\n正文。\n").date == kept


@pytest.mark.parametrize("written", ["notadate", "去年秋", "2024-13", "民國113年2月30日", "民國年3月"])
def test_a_front_matter_date_that_is_no_date_is_an_error_at_its_line(tmp_path, written):
    """It was printed as the article's date, though book.toml refuses the same."""
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.md", f"---\ntitle: 题\ndate: {written}\n---\n\n正文。\n")
    assert (error.value.line, error.value.message.split(":")[0]) == (3, "front matter `date` is not a date")


@pytest.mark.parametrize(("name", "content"), [
    ("a.md", "# 深\n\n正文。\n\n<p>" + "<span>" * 300 + "字" + "</span>" * 300 + "</p>\n"),
    ("a.md", "# 深\n\n正文。\n\n" + "<div>" * 2000 + "字" + "</div>" * 2000 + "\n"),
    ("a.md", "# 深\n\n正文。\n\n" + "*" * 5000 + "字" + "*" * 5000 + "\n"),
    ("a.html", "<html><body><h1>深</h1><p>正文。</p>" + "<div>" * 2000 + "字" + "</div>" * 2000 + "</body></html>"),
])
def test_markup_nested_too_deep_is_an_error_naming_the_article(tmp_path, name, content):
    """Nested 256 deep, it made the EPUB an internal error (libxml2 parses no deeper) and the PDF
    too (WeasyPrint recursing past Python's limit, at some 140 levels)."""
    with pytest.raises(PaibanError) as error:
        read(tmp_path, name, content)
    assert error.value.file.name == name and error.value.message.startswith("the markup is nested over 64 deep")
    assert "64" in error.value.hint


def _nested_list(levels: int) -> str:
    return "".join(" " * 4 * level + f"- 第{level + 1}层\n" for level in range(levels))


def _nested_quotation(levels: int) -> str:
    return "".join(">" * level + f" 引用第{level}层。\n" + ">" * level + "\n" for level in range(1, levels + 1))


@pytest.mark.parametrize(("nested", "levels"), [(_nested_list, 32), (_nested_quotation, 63)])
def test_markdown_nested_as_deep_as_paiban_takes_keeps_every_level(tmp_path, nested, levels):
    """markdown-it's CommonMark preset dropped, without a word, what lay deeper than 20 blocks: a
    list's levels from the tenth on (each level is a list and its item), a quotation's from the 20th."""
    body = read(tmp_path, "a.md", "# 深\n\n" + nested(levels) + "\n之后。\n").body
    assert re.findall(r"第(\d+)层", body) == [str(level) for level in range(1, levels + 1)]
    assert "之后。" in body


@pytest.mark.parametrize(("nested", "levels", "line"), [(_nested_list, 33, 35), (_nested_list, 1000, 35),
                                                        (_nested_quotation, 64, 129), (_nested_quotation, 1000, 129)])
def test_markdown_nested_deeper_than_paiban_takes_is_its_error_at_the_line(tmp_path, nested, levels, line):
    """Also past markdown-it's own limit (twice paiban's), which drops the rest without a word."""
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.md", "# 深\n\n" + nested(levels))
    assert (error.value.file.name, error.value.line) == ("a.md", line)
    assert error.value.message.startswith("the markup is nested over 64 deep")


def test_too_deep_nesting_is_an_error_at_the_line_of_its_text(tmp_path):
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.md", "# 深\n\n正文。\n\n<p>" + "<span>" * 70 + "最深处" + "</span>" * 70 + "</p>\n")
    assert error.value.line == 5


@pytest.mark.parametrize("nest", [">" * 70, ">" * 1000, "<span>" * 70 + "</span>" * 70])
def test_markup_nested_too_deep_with_nothing_in_it_is_no_error(tmp_path, nest):
    """A forum post's separator line of 70 > (as many quotations in quotations, empty) stopped the
    build, "nested over 64 deep" at no line: it has no words to be found by. It loses nothing."""
    body = read(tmp_path, "a.md", f"# 帖子\n\n第一楼。\n\n{nest}\n\n第二楼。\n").body
    assert text_of(body).split() == ["第一楼。", "第二楼。"]


@pytest.mark.parametrize("nest", [">" * 70 + " 深处", ">" * 200 + " 深处", "- " * 70 + "深处",
                                  ">" * 70 + " ![](图.png)"])
def test_text_or_a_picture_nested_too_deep_is_an_error_at_its_line(tmp_path, nest):
    """Also where markdown-it, past its own limit, left the line's text out without a word: the body
    then holds an empty nest, which alone would be cut. A picture has no words to find it by."""
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.md", f"# 帖子\n\n第一楼。\n\n{nest}\n\n第二楼。\n")
    assert (error.value.file.name, error.value.line) == ("a.md", 5)
    assert error.value.message == "the markup is nested over 64 deep"


def test_a_paragraph_too_long_is_an_error_at_its_line(tmp_path):
    """A paragraph of 7 million characters made the EPUB an internal error (libxml2 takes no text
    over 10 MB) and the PDF never finished (WeasyPrint took half a minute over 200,000 characters)."""
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.md", "# 长\n\n正文。\n\n" + "这是一段很长的文字，" * 10_001 + "\n")
    assert (error.value.file.name, error.value.line) == ("a.md", 5)
    assert error.value.message == "a paragraph is over 100000 characters long" and "100000" in error.value.hint


def test_a_long_paragraph_broken_up_by_markup_is_too_long_all_the_same(tmp_path):
    with pytest.raises(PaibanError, match="a paragraph is over"):
        read(tmp_path, "a.md", "# 长\n\n" + "这是一段**很长**的文字，" * 10_001 + "\n")


def test_nesting_and_paragraphs_within_the_limits_are_read(tmp_path):
    content = "# 深\n\n" + "<div>" * 60 + "字" + "</div>" * 60 + "\n\n" + "这是一段很长的文字，" * 9_000 + "\n"
    assert "字" in read(tmp_path, "a.md", content).body


@pytest.mark.parametrize(("width", "said"), [(10_000, "10000×10000 pixels"), (30_000, "over 178,956,970 pixels")])
def test_a_picture_of_too_many_pixels_is_an_error_at_its_line(tmp_path, width, said):
    """A PNG of 948 KB claiming 30000×30000 pixels: the PDF left it out saying nothing of why,
    and paiban check stopped on an internal error."""
    (tmp_path / "big.png").write_bytes(claimed_png(width, width))
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.md", "# 图\n\n正文。\n\n![大图](big.png)\n")
    assert (error.value.file.name, error.value.line) == ("a.md", 5)
    assert error.value.message == f"image 'big.png' is too large: {said}" and "89,478,485" in error.value.hint


def _picture(kind: str) -> bytes:
    """A picture file's bytes: a PNG, a JPEG, no picture."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (64, 64), bytes(range(256)) * 48).save(buffer, format="JPEG" if kind == "jpeg" else "PNG")
    data = buffer.getvalue()
    return b"notapng" if kind == "text" else data


@pytest.mark.parametrize(("kind", "said", "hint"), [
    ("text", "is not a PNG picture that can be read: damaged, or no picture at all", "save it again as .png"),
    ("jpeg", "is a JPEG picture named as a PNG picture", "Rename it p.jpg"),
])
def test_a_picture_that_is_not_what_its_name_says_is_an_error_at_its_line(tmp_path, kind, said, hint):
    """It went into the EPUB, which EPUBCheck refused (PKG-021, OPF-029) and a reading system
    showed as a broken picture; the PDF left it out with WeasyPrint's warning alone."""
    (tmp_path / "p.png").write_bytes(_picture(kind))
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.md", "# 图\n\n正文。\n\n![图](p.png)\n")
    assert (error.value.file.name, error.value.line) == ("a.md", 5)
    assert error.value.message == f"image 'p.png' {said}" and hint in error.value.hint


def _camera_jpeg(trailer: bytes = b"") -> bytes:
    """A JPEG as a camera writes one: a thumbnail (a whole JPEG, its end-of-image marker too) in
    its EXIF before the photo, and ``trailer`` after it (a phone's motion photo puts its video there)."""
    thumbnail, photo = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (16, 12), "blue").save(thumbnail, format="JPEG")
    noise = Image.effect_noise((200, 200), 50).convert("RGB")
    noise.save(photo, format="JPEG", exif=b"Exif\0\0" + thumbnail.getvalue())
    return photo.getvalue() + trailer


@pytest.mark.parametrize(("name", "content"), [
    ("p.jpg", _picture("jpeg")), ("p.png", _picture("png")), ("p.jpg", _camera_jpeg()),
])
def test_a_picture_cut_short_is_an_error_at_its_line(tmp_path, name, content):
    """A half-copied JPEG was taken without a word: its header is whole. The PDF printed the top of
    the photo above flat grey, and the EPUB carried the broken file."""
    (tmp_path / name).write_bytes(content[:len(content) // 2])
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.md", f"# 图\n\n正文。\n\n![图]({name})\n")
    assert (error.value.file.name, error.value.line) == ("a.md", 5)
    assert error.value.message == f"image '{name}' is damaged: its file stops before its picture ends, as a copy " \
                                  "cut short does"


def test_a_whole_picture_with_more_after_it_is_read(tmp_path):
    (tmp_path / "p.jpg").write_bytes(_camera_jpeg(trailer=b"\0\0\0\x18ftypmp42" + bytes(1000)))
    (tmp_path / "p.png").write_bytes(_picture("png") + b"\0" * 100)
    assert read(tmp_path, "a.md", "# 图\n\n![甲](p.jpg)\n\n![乙](p.png)\n").images == ("p.jpg", "p.png")


def test_a_pictures_size_is_kept_in_css_pixels_alone(tmp_path, caplog):
    """width="100%" went into the EPUB, which EPUBCheck refused (RSC-005: HTML takes a number of
    pixels alone), and printed nothing the PDF did; "120px" is a number of pixels."""
    (tmp_path / "p.png").write_bytes(PNG)
    body = read(tmp_path, "a.html", '<h1>图</h1><p><img src="p.png" alt="甲" width="100%" height="120px"></p>').body
    assert '<img src="p.png" alt="甲" height="120"/>' in body
    assert "a.html: a picture's width, '100%', is no number of CSS pixels, so it is left out" in caplog.text


def test_a_markdown_pictures_size_is_read_as_pandoc_writes_it_and_warned_of_at_its_line(tmp_path, caplog):
    """Pandoc's ``{width=50%}`` (a bare value the attribute parser refused) was printed after the
    picture without a word, ``{height=100}`` dropped silently, and the warning for ``{width=5cm}``
    named no line. A size that is no number of CSS pixels is left out, with its line and the pixels to write."""
    (tmp_path / "p.png").write_bytes(PNG)
    body = read(tmp_path, "a.md", "# 图\n\n![乙](p.png){width=50%}\n\n![己](p.png){height=100}\n\n"
                                  "![丙](p.png){width=5cm}\n\n![丁](p.png){width=120 #d}\n").body
    assert "{" not in body
    assert '<img src="p.png" alt="乙"/>' in body and '<img src="p.png" alt="己" height="100"/>' in body
    assert '<img src="p.png" alt="丙"/>' in body and '<img src="p.png" alt="丁" width="120" id="d"/>' in body
    warned = [record.getMessage() for record in caplog.records]
    assert warned == [f"{tmp_path / 'a.md'}:3: the picture's width, '50%', is no number of CSS pixels, so it is left "
                      "out: write it in pixels, {width=300}, or leave it out: the picture then fits the text's width "
                      "(paiban sizes no picture as a share of the page)",
                      f"{tmp_path / 'a.md'}:7: the picture's width, '5cm', is no number of CSS pixels, so it is left "
                      "out: write it in pixels, {width=189} (5cm)"]


def test_a_picture_that_is_what_its_name_says_is_read(tmp_path):
    (tmp_path / "p.png").write_bytes(_picture("png"))
    (tmp_path / "p.jpg").write_bytes(_picture("jpeg"))
    (tmp_path / "p.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', encoding="utf-8")
    assert read(tmp_path, "a.md", "# 图\n\n![甲](p.png)\n\n![乙](p.jpg)\n\n![丙](p.svg)\n").images == (
        "p.png", "p.jpg", "p.svg")


def test_a_picture_of_too_many_pixels_in_a_data_url_is_an_error_naming_the_article(tmp_path):
    """It was an internal error: Pillow's DecompressionBombError."""
    data = base64.b64encode(claimed_png(30_000, 30_000)).decode()
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.md", f'# 图\n\n正文。\n\n<img src="data:image/png;base64,{data}">\n')
    assert error.value.file.name == "a.md" and "is too large: over 178,956,970 pixels" in error.value.message


@pytest.mark.parametrize("name", ["img/photo", "img/p2.dat"])
def test_a_picture_whose_name_has_no_picture_suffix_is_an_error_at_its_line(tmp_path, name):
    """The EPUB build stopped on an internal error (its manifest's media type was None), and a
    batch reused a stale PDF when such a picture changed (the fingerprint counts pictures by suffix)."""
    (tmp_path / "img").mkdir()
    Image.new("RGB", (4, 3), "red").save(tmp_path / name, "PNG")
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.md", f"# 图\n\n正文。\n\n![红]({name})\n")
    assert (error.value.file.name, error.value.line) == ("a.md", 5)
    assert error.value.message == f"image '{name}' has no picture suffix in its name"
    assert f"{Path(name).stem}.png" in error.value.hint


def docx_with_picture(tmp_path: Path, picture: str, content_type: str | None = None) -> Path:
    """A Word document showing ``picture`` (a file in ``tmp_path``), its type declared as
    ``content_type`` if given (as a TIFF's or an EMF's would be)."""
    document = Document()
    document.add_heading("图", 1)
    document.add_paragraph().add_run().add_picture(str(tmp_path / picture))
    document.save(tmp_path / "plain.docx")
    with zipfile.ZipFile(tmp_path / "plain.docx") as plain, zipfile.ZipFile(tmp_path / "a.docx", "w") as out:
        for entry in plain.infolist():
            data = plain.read(entry)
            if content_type and entry.filename == "[Content_Types].xml":
                data = re.sub(rb'ContentType="image/[^"]+"', f'ContentType="{content_type}"'.encode(), data)
            out.writestr(entry, data)
    return tmp_path / "a.docx"


def test_a_docx_picture_is_named_for_its_type_as_the_table_of_picture_types_names_it(tmp_path):
    """A TIFF or a BMP picture of a Word document was stored as ….bin, which the EPUB's manifest
    could give no media type (an internal error)."""
    Image.new("RGB", (4, 3), "red").save(tmp_path / "p.tif")
    article = read_article(docx_with_picture(tmp_path, "p.tif"), tmp_path)
    assert [Path(image).suffix for image in article.images] == [".tif"]


def test_a_docx_picture_of_a_type_paiban_does_not_know_is_an_error_naming_the_document(tmp_path):
    Image.new("RGB", (4, 3), "red").save(tmp_path / "p.png")
    with pytest.raises(PaibanError) as error:
        read_article(docx_with_picture(tmp_path, "p.png", "image/x-unknown"), tmp_path)
    assert error.value.file.name == "a.docx"
    assert error.value.message == "a picture in it is of a format paiban does not know"


def test_a_docx_paragraph_centred_or_set_flush_right_keeps_its_alignment(tmp_path):
    """A preface's 落款 (signature and date, flush right) and a centred ＊　＊　＊ printed as
    ordinary indented paragraphs: mammoth reads Word's alignment but writes none."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    document.add_heading("后记", level=0)
    document.add_paragraph("还要感谢我的家人。")
    document.add_paragraph("＊　＊　＊").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("山人").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_heading("再记", level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER  # a heading stays one
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).paragraphs[0].text = "甲"
    table.cell(0, 0).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(tmp_path / "a.docx")
    body = read_article(tmp_path / "a.docx", tmp_path).body
    assert body.startswith('<p>还要感谢我的家人。</p><p class="align-center">＊　＊　＊</p>'
                           '<p class="align-right">山人</p><h3>再记</h3>')
    assert '<td class="align-center">甲</td>' in body


def test_a_docx_table_cells_full_width_blank_before_the_year_is_kept(tmp_path):
    """A form's date cell 　　年　　月　　日 printed 年　　月　　日, no room left for the year: the
    paragraphs' full-width indentation was stripped in cells too. A paragraph's still goes, and a
    cell's no-break spaces (pasted from a web page: \xa0\xa0120元) are no blank of a form."""
    document = Document()
    document.add_heading("申请表", level=0)
    document.add_paragraph("　　请如实填写。")
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "日期", "　　年　　月　　日", "\xa0\xa0120元"
    table.cell(0, 1).add_paragraph("　　（盖章）")
    document.save(tmp_path / "a.docx")
    assert read_article(tmp_path / "a.docx", tmp_path).body == (
        "<p>请如实填写。</p><table><tbody><tr><td>日期</td>"
        "<td><p>　　年　　月　　日</p><p>　　（盖章）</p></td><td>120元</td></tr></tbody></table>")


def test_a_docx_paragraph_aligned_by_its_style_or_its_base_style_keeps_its_alignment(tmp_path):
    """A 落款 style set flush right, and a built-in style centred in the template, aligned nothing:
    only a paragraph's own alignment was read. Its own alignment still comes first."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    document.add_heading("后记", level=0)
    document.styles["Quote"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.styles["Heading 2"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    signature = document.styles.add_style("落款", WD_STYLE_TYPE.PARAGRAPH)
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.styles.add_style("落款日期", WD_STYLE_TYPE.PARAGRAPH).base_style = signature
    document.add_paragraph("还要感谢我的家人。")
    document.add_paragraph("＊　＊　＊", style="Quote")
    names = document.add_paragraph("张三", style="落款")
    names.add_run().add_break()
    names.add_run("李四")
    document.add_paragraph("二〇二四年五月", style="落款日期")
    document.add_paragraph("不是落款。", style="落款").alignment = WD_ALIGN_PARAGRAPH.LEFT
    document.add_heading("再记", level=2)
    document.save(tmp_path / "a.docx")
    assert read_article(tmp_path / "a.docx", tmp_path).body == (
        '<p>还要感谢我的家人。</p><p class="align-center">＊　＊　＊</p><p class="align-right">张三<br/>李四</p>'
        '<p class="align-right">二〇二四年五月</p><p>不是落款。</p><h3>再记</h3>')



# Namespaces of the OOXML the tests write into a paragraph by hand: python-docx has no API for it.
OOXML = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
         'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
         'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
         'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
         'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
         'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
         'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
         'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"')


def _docx_of(tmp_path: Path, *paragraphs: tuple[str, str]) -> Path:
    """A Word document titled 题, of ``paragraphs``: each its text and the OOXML that follows it."""
    from docx.oxml import parse_xml

    document = Document()
    document.add_heading("题", level=0)
    for text, xml in paragraphs:
        paragraph = document.add_paragraph(text)
        for element in parse_xml(f"<w:wrap {OOXML}>{xml}</w:wrap>"):
            paragraph._p.append(element)
    document.save(tmp_path / "a.docx")
    return tmp_path / "a.docx"


def _warnings(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]


def test_a_docx_runs_hidden_text_is_left_out_with_a_warning_naming_its_paragraph(tmp_path, caplog):
    """An author's note to self formatted hidden (字体 → 隐藏), which Word does not print, was printed."""
    path = _docx_of(tmp_path,
                    ("回来填进巡山日志。", '<w:r><w:rPr><w:vanish/></w:rPr><w:t>【内部备注：勿外传】</w:t></w:r>'),
                    ("不隐藏的", '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>这一句。</w:t></w:r>'))
    assert read_article(path, tmp_path).body == "<p>回来填进巡山日志。</p><p>不隐藏的这一句。</p>"
    assert _warnings(caplog) == [f"{path}: hidden text (字体 → 隐藏), which Word does not print, is left out of the "
                                 "paragraph '回来填进巡山日志。'; to print it, select it in Word and clear 隐藏"]


def test_a_docx_text_hidden_by_its_character_or_paragraph_style_is_left_out_with_a_warning(tmp_path, caplog):
    """An author's notes in a character style 内部备注, and a paragraph in a style 隐藏段落, each
    formatted 隐藏, were printed: only a run's own 隐藏 was read. A run's own formatting comes first."""
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    document.add_heading("题", level=0)
    document.styles.add_style("内部备注", WD_STYLE_TYPE.CHARACTER).font.hidden = True
    document.styles.add_style("隐藏段落", WD_STYLE_TYPE.PARAGRAPH).font.hidden = True
    paragraph = document.add_paragraph("茶馆还没开门。")
    paragraph.add_run("【勿印】", style="内部备注")
    paragraph.add_run("门口蹲着一只花猫。")
    document.add_paragraph("【整段勿印】", style="隐藏段落")
    document.add_paragraph("【勿印】", style="隐藏段落").add_run("这一句印出。").font.hidden = False
    document.save(path := tmp_path / "a.docx")
    assert read_article(path, tmp_path).body == "<p>茶馆还没开门。门口蹲着一只花猫。</p><p>这一句印出。</p>"
    assert _warnings(caplog) == [f"{path}: hidden text (字体 → 隐藏), which Word does not print, is left out of the "
                                 "paragraphs '茶馆还没开门。门口蹲着一只花猫。', "
                                 "after '茶馆还没开门。门口蹲着一只花猫。', '这一句印出。'; "
                                 "to print it, select it in Word and clear 隐藏"]


def test_a_docx_footnotes_hidden_text_is_left_out_and_its_changes_and_comments_told(tmp_path, caplog):
    """A note's hidden text was printed, and its changes and comments, read accepted and left out
    as the body's are, went without the warning the body's have."""
    path = _docx_of(tmp_path, ("老渡口在镇子东头", '<w:r><w:footnoteReference w:id="1"/></w:r>'))
    document = Document(path)
    add_footnotes(document, {1: '<w:r><w:t>东头即滨江路口</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>【勿印】</w:t>'
                                '</w:r><w:del w:id="1" w:author="编辑"><w:r><w:delText>，建于清代</w:delText></w:r>'
                                '</w:del><w:ins w:id="2" w:author="编辑"><w:r><w:t>（待核实）</w:t></w:r></w:ins>'
                                '<w:r><w:commentReference w:id="0"/></w:r>'})
    document.save(path)
    assert "<p>东头即滨江路口（待核实） " in read_article(path, tmp_path).body
    assert _warnings(caplog) == [
        f"{path}: hidden text (字体 → 隐藏), which Word does not print, is left out of the paragraph "
        "'东头即滨江路口（待核实）'; to print it, select it in Word and clear 隐藏",
        f"{path}: the document has tracked changes or comments not yet resolved (1 insertion, 1 deletion, "
        "1 comment), in the paragraph '东头即滨江路口（待核实）': it is read with every change accepted and "
        "without its comments; accept or reject the changes and delete the comments in Word "
        "(审阅 → 接受/拒绝, 删除批注), then save it again"]


def test_a_docx_text_boxs_changes_are_counted_once(tmp_path, caplog):
    """Word saves a text box twice, drawn and as VML for older readers: each of its changes was
    counted twice, and its paragraph named twice."""
    text = '<w:p><w:r><w:t>边栏：本镇</w:t></w:r><w:ins w:id="1" w:author="编辑"><w:r><w:t>新</w:t></w:r></w:ins></w:p>'
    box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="1828800" '
           'cy="457200"/><wp:docPr id="50" name="文本框 1"/><a:graphic><a:graphicData '
           'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>'
           f'{text}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
           '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
           f'{text}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    path = _docx_of(tmp_path, ("正文。", box))
    assert read_article(path, tmp_path).body == "<p>正文。</p><p>边栏：本镇新</p>"
    assert _warnings(caplog) == [
        f"{path}: the document has tracked changes or comments not yet resolved (1 insertion), in the paragraph "
        "'边栏：本镇新': it is read with every change accepted and without its comments; accept or reject the changes "
        "and delete the comments in Word (审阅 → 接受/拒绝, 删除批注), then save it again"]


def test_a_docx_picture_in_hidden_text_left_out_gives_a_later_one_of_the_same_file_no_width(tmp_path):
    """Pictures were sized from the document before its hidden text was left out: a hidden one
    set 10 cm wide gave its width to the same picture shown again, set 3 cm wide."""
    from docx.shared import Cm

    Image.new("RGB", (900, 600), "red").save(tmp_path / "p.png")
    document = Document()
    document.add_paragraph("正文。")
    hidden = document.add_paragraph("图注。").add_run()
    hidden.add_picture(str(tmp_path / "p.png"), width=Cm(10))
    hidden.font.hidden = True
    document.add_paragraph().add_run().add_picture(str(tmp_path / "p.png"), width=Cm(3))
    document.save(tmp_path / "a.docx")
    body = read_article(tmp_path / "a.docx", tmp_path).body
    assert [img.get("width") for img in html.fragment_fromstring(body, create_parent="div").iter("img")] == ["113"]


def test_a_docx_with_changes_still_tracked_and_comments_is_read_accepted_with_one_warning(tmp_path, caplog):
    """A draft sent with 修订 on: the pending insertion printed and the deletion applied without a word,
    and the comments gone."""
    path = _docx_of(
        tmp_path, ("冬天特别冷，", '<w:del w:id="1" w:author="作者" w:date="2026-02-01T09:00:00Z"><w:r><w:delText>'
                                  '零下二十度</w:delText></w:r></w:del><w:ins w:id="2" w:author="编辑" '
                                  'w:date="2026-02-01T09:00:00Z"><w:r><w:t>（待核实）</w:t></w:r></w:ins>'),
        ("场长姓周，", '<w:r><w:commentReference w:id="0"/></w:r>'), ("是退伍军人。", ""))
    assert read_article(path, tmp_path).body == "<p>冬天特别冷，（待核实）</p><p>场长姓周，</p><p>是退伍军人。</p>"
    assert _warnings(caplog) == [
        f"{path}: the document has tracked changes or comments not yet resolved (1 insertion, 1 deletion, "
        "1 comment), in the paragraphs '冬天特别冷，（待核实）', '场长姓周，': it is read with every change accepted "
        "and without its comments; accept or reject the changes and delete the comments in Word "
        "(审阅 → 接受/拒绝, 删除批注), then save it again"]


def _checkbox(ticked: int) -> str:
    """Word's checkbox content control, ticked or not, showing the box Word draws for it."""
    return (f'<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{ticked}"/></w14:checkbox></w:sdtPr>'
            f'<w:sdtContent><w:r><w:t>{"☒" if ticked else "☐"}</w:t></w:r></w:sdtContent></w:sdt>')


def test_a_docx_checkbox_content_control_prints_its_box_ticked_or_not(tmp_path):
    """A checklist's boxes were left out: 已核对借阅登记簿 no longer said whether it was."""
    path = _docx_of(tmp_path, ("", f"{_checkbox(1)}<w:r><w:t>已核对登记簿</w:t></w:r>"),
                    ("", f"{_checkbox(0)}<w:r><w:t>已检查消防通道</w:t></w:r>"))
    assert read_article(path, tmp_path).body == "<p>■已核对登记簿</p><p>□已检查消防通道</p>"


_BEGIN, _SEPARATE, _END = (f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>' for kind in ("begin", "separate", "end"))


@pytest.mark.parametrize("in_block", [True, False])
def test_a_docx_table_of_contents_of_words_is_left_out_with_a_warning(tmp_path, caplog, in_block):
    """Word's table of contents, as Word inserts it (a block holding its heading and a TOC field)
    or a TOC field alone, printed its entries, stale and with Word's page numbers, as body text."""
    from docx.oxml import parse_xml

    page = f"{_BEGIN}<w:r><w:instrText> PAGEREF _Toc1 \\h </w:instrText></w:r>{_SEPARATE}<w:r><w:t>2</w:t></w:r>{_END}"
    contents = ("<w:p><w:r><w:t>目录</w:t></w:r></w:p>"
                f'<w:p>{_BEGIN}<w:r><w:instrText> TOC \\o "1-3" \\h </w:instrText></w:r>{_SEPARATE}'
                f'<w:hyperlink w:anchor="_Toc1"><w:r><w:t>一、旧的小节标题</w:t></w:r><w:r><w:tab/></w:r>{page}'
                f"</w:hyperlink></w:p><w:p><w:r><w:t>二、已删除的小节</w:t></w:r></w:p><w:p>{_END}</w:p>")
    if in_block:
        contents = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj>'
                    f'</w:sdtPr><w:sdtContent>{contents}</w:sdtContent></w:sdt>')
    document = Document()
    document.add_heading("题", level=0)
    for element in parse_xml(f"<w:wrap {OOXML}>{contents}</w:wrap>"):
        document.element.body.sectPr.addprevious(element)
    document.add_heading("一、开馆", level=1)
    document.add_paragraph("管理员打开了大门。")
    document.save(path := tmp_path / "a.docx")
    assert read_article(path, tmp_path).body == ("<p>目录</p>" * (not in_block)
                                                 + "<h3>一、开馆</h3><p>管理员打开了大门。</p>")
    assert _warnings(caplog) == [f"{path}: Word's table of contents (引用 → 目录) is left out: the book makes its own "
                                 "contents from the headings, where Word's page numbers would be wrong"]


def test_a_docx_equation_keeps_its_text_a_display_one_its_centred_paragraph_with_a_warning(tmp_path, caplog):
    """Word's equations (OMML) were left out without a warning the terminal showed: 其中是总成本。"""
    path = _docx_of(tmp_path, ("", "<m:oMathPara><m:oMath><m:r><m:t>P=C/n</m:t></m:r></m:oMath></m:oMathPara>"),
                    ("其中", "<m:oMath><m:r><m:t>C</m:t></m:r></m:oMath><w:r><w:t>是总成本。</w:t></w:r>"))
    assert read_article(path, tmp_path).body == (
        f'<p class="align-center">{_equation("P=C/n")}</p><p>其中{_equation("C")}是总成本。</p>')
    assert _warnings(caplog) == [
        f"{path}: 2 equations are set in a line, in the linear form Word writes (p=F/S, x², √(x+1)), in the "
        "paragraphs 'P=C/n', '其中C是总成本。': a fraction, a root or a power inside a power loses its layout; check "
        "them, or paste such an equation into Word as a picture"]


def _omml(*parts: str) -> str:
    """``parts`` of an equation: OMML, or text for a run of its own."""
    return "".join(part if part.startswith("<") else f"<m:r><m:t>{part}</m:t></m:r>" for part in parts)


def _equation(text: str) -> str:
    """An equation's ``text`` as the reader writes it, in a span whose punctuation is its own."""
    return f'<span class="equation">{text}</span>'


def _math(*parts: str) -> str:
    """An inline equation (``m:oMath``) of ``parts``."""
    return f"<m:oMath>{_omml(*parts)}</m:oMath>"


def _fraction(numerator: str, denominator: str) -> str:
    return f"<m:f><m:num>{_omml(numerator)}</m:num><m:den>{_omml(denominator)}</m:den></m:f>"


def _scripted(tag: str, base: str, script: str) -> str:
    """A power (``sup``) or an index (``sub``) of ``base``."""
    kind = f"m:s{tag.title()}"
    return f"<{kind}><m:e>{_omml(base)}</m:e><m:{tag}>{_omml(script)}</m:{tag}></{kind}>"


def test_a_docx_equations_fraction_power_and_root_are_written_in_their_linear_form(tmp_path, caplog):
    """Word's p=F/S, x²=4 and √(x+1) were their text run together, p=FS, x2=4 and x+1, which mean
    other things: they are written as Word's linear form writes them, a power raised."""
    system = ('<m:oMathPara><m:oMath><m:d><m:dPr><m:begChr m:val="{"/><m:endChr m:val=""/></m:dPr><m:e><m:eqArr>'
              '<m:e><m:r><m:t>x+y=2</m:t></m:r></m:e><m:e><m:r><m:t>x−y=0</m:t></m:r></m:e></m:eqArr></m:e></m:d>'
              '</m:oMath></m:oMathPara>')
    root = "<m:rad><m:radPr><m:degHide m:val='1'/></m:radPr><m:deg/><m:e><m:r><m:t>x+1</m:t></m:r></m:e></m:rad>"
    path = _docx_of(tmp_path, ("压强公式：", _math("p=", _fraction("F", "S"))),
                    ("若 ", _math(_scripted("sup", "x", "2"), "=4")),
                    ("", _math(_fraction("a+b", "2"), "=", _scripted("sub", "H", "2"), "O")),
                    ("", _math(_scripted("sup", "e", _scripted("sup", "x", "2")), "，", root)), ("", system))
    assert read_article(path, tmp_path).body == (
        f"<p>压强公式：{_equation('p=F/S')}</p><p>若 {_equation('x<sup>2</sup>=4')}</p>"
        f"<p>{_equation('(a+b)/2=H<sub>2</sub>O')}</p><p>{_equation('e<sup>x^2</sup>，√(x+1)')}</p>"
        f'<p class="align-center">{_equation("{x+y=2")}<br/>{_equation("x−y=0")}</p>')
    assert _warnings(caplog)[0].startswith(f"{path}: 5 equations are set in a line, in the linear form Word writes")


def test_a_docx_display_equation_justified_in_word_opens_with_no_empty_line(tmp_path, caplog):
    """A display equation Word justifies (its m:oMathParaPr, as Word writes when 对齐方式 is set)
    opened with a line break, and mammoth warned of an element it ignored."""
    path = _docx_of(tmp_path, ("", '<m:oMathPara><m:oMathParaPr><m:jc m:val="centerGroup"/></m:oMathParaPr>'
                                   f'{_math("a=1")}{_math("b=2")}</m:oMathPara>'))
    assert read_article(path, tmp_path).body == f'<p class="align-center">{_equation("a=1")}<br/>{_equation("b=2")}</p>'
    assert not [warning for warning in _warnings(caplog) if "mammoth" in warning]


def test_a_docx_equations_brackets_stay_ascii_after_chinese(tmp_path):
    """平均数为(a+b)/2 printed 平均数为（a+b）/2: the brackets the linear form writes were read as
    Chinese text's, a pair right after a Han character or around one."""
    path = _docx_of(tmp_path, ("平均数为", _math(_fraction("a+b", "2")) + "<w:r><w:t>，其中a、b为正数。</w:t></w:r>"),
                    ("展开", _math(_scripted("sup", "(a+b)", "2")) + "<w:r><w:t>。</w:t></w:r>"),
                    ("", _math("v=", _fraction("甲+乙", "2"))))
    assert read_article(path, tmp_path).body == (
        f"<p>平均数为{_equation('(a+b)/2')}，其中a、b为正数。</p><p>展开{_equation('(a+b)<sup>2</sup>')}。</p>"
        f"<p>{_equation('v=(甲+乙)/2')}</p>")


def test_an_imported_docx_equations_brackets_stay_ascii_when_built(tmp_path):
    """paiban import wrote the equation's text bare, (a+b)/2, so the imported Markdown, built, read
    its brackets after 平均数为 as Chinese text's: 平均数为（a+b）/2. It writes the span now."""
    from paiban.importer import plan_import, write_import

    path = _docx_of(tmp_path, ("平均数为", _math(_fraction("a+b", "2")) + "<w:r><w:t>。</w:t></w:r>"))
    book = tmp_path / "b"
    book.mkdir()
    (book / "book.toml").write_text('[book]\ntitle = "书"\n', encoding="utf-8")
    [planned] = plan_import([path], book)
    assert "平均数为[(a+b)/2]{.equation}。" in planned.markdown
    write_import([planned])
    assert f"平均数为{_equation('(a+b)/2')}。" in read_article(planned.target, book).body


def test_a_docx_chart_left_out_is_a_warning_naming_where_it_was(tmp_path, caplog):
    """A chart (drawn by Word from data: no picture) disappeared without a word."""
    chart = ('<w:r><w:drawing><wp:inline><wp:extent cx="4572000" cy="2743200"/><wp:docPr id="20" name="图表 1"/>'
             '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
             '<c:chart r:id="rId99"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
    path = _docx_of(tmp_path, ("历年价格见下图。", ""), ("", chart), ("图1　历年纸价", ""))
    assert read_article(path, tmp_path).body == "<p>历年价格见下图。</p><p>图1　历年纸价</p>"
    assert _warnings(caplog) == [f"{path}: a chart cannot be converted and is left out, at the paragraph after "
                                 "'历年价格见下图。': paste it into Word as a picture (复制, then 选择性粘贴 → 图片)"]


def test_a_docx_simple_fields_keep_their_result_a_captions_number_and_a_links_text(tmp_path, caplog):
    """Word's 插入题注 writes a caption's number as a simple field (SEQ 图), which mammoth ignored,
    result and all: 图　山路, no longer a caption. A complex field's result was kept."""
    path = _docx_of(tmp_path, ("图", '<w:fldSimple w:instr=" SEQ 图 \\* ARABIC "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
                                    '<w:r><w:t xml:space="preserve">　山路</w:t></w:r>'),
                    ("见", '<w:fldSimple w:instr=\' HYPERLINK "https://example.org/" \'><w:r><w:t>官网</w:t></w:r>'
                          '</w:fldSimple><w:r><w:t>。</w:t></w:r>'))
    assert read_article(path, tmp_path).body == '<p>图1　山路</p><p>见<a href="https://example.org/">官网</a>。</p>'
    assert not _warnings(caplog)


def test_a_docx_ruby_keeps_its_base_and_its_text_as_html_ruby(tmp_path, caplog):
    """Word's 拼音指南 (w:ruby), which mammoth ignores, was lost, its base characters with it: 注音：。"""
    ruby = ('<w:r><w:ruby><w:rubyPr><w:hps w:val="10"/><w:hpsBaseText w:val="21"/></w:rubyPr><w:rt><w:r>'
            '<w:rPr><w:sz w:val="10"/></w:rPr><w:t>hàn</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>漢</w:t></w:r>'
            '</w:rubyBase></w:ruby></w:r>'
            '<w:r><w:ruby><w:rt><w:r><w:t>zìdiǎn</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>字</w:t></w:r>'
            '<w:r><w:rPr><w:b/></w:rPr><w:t>典</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>。</w:t></w:r>')
    path = _docx_of(tmp_path, ("注音：", ruby))
    assert read_article(path, tmp_path).body == (
        "<p>注音：<ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>"
        "<ruby>字<strong>典</strong><rp>(</rp><rt>zìdiǎn</rt><rp>)</rp></ruby>。</p>")
    assert not _warnings(caplog)


def test_a_docx_titles_ruby_stays_in_its_heading_and_its_text_is_its_base_alone(tmp_path):
    """A title with 拼音指南 was the text 漢(hàn)字 everywhere: its heading, the contents, the nav, the
    NCX and the PDF's bookmarks, where a Markdown title's ruby is its base alone. Its bold, set by
    hand, is the heading's own weight (the body's headings lose theirs too)."""
    from docx.oxml import parse_xml

    document = Document()
    title = document.add_heading("", level=0)
    for run in parse_xml(f'<w:wrap {OOXML}><w:r><w:ruby><w:rt><w:r><w:t>hàn</w:t></w:r></w:rt><w:rubyBase><w:r>'
                         '<w:t>漢</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>字</w:t>'
                         '</w:r></w:wrap>'):
        title._p.append(run)
    document.add_paragraph("正文。")
    document.save(path := tmp_path / "a.docx")
    article = read_article(path, tmp_path)
    assert (article.title, article.title_markup) == ("漢字", "<ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>字")


@pytest.mark.parametrize(("written", "read_as"), [
    ("<ruby><rb>小</rb><rb>猫</rb><rt>xiǎo</rt><rt>māo</rt></ruby>", "<ruby>小<rt>xiǎo</rt>猫<rt>māo</rt></ruby>"),
    ("<ruby><rb>后</rb><rb>面</rb><rp>(</rp><rt>hòu</rt><rt>miàn</rt><rp>)</rp></ruby>",
     "<ruby>后<rp>(</rp><rt>hòu</rt><rp>)</rp>面<rp>(</rp><rt>miàn</rt><rp>)</rp></ruby>"),
    ("<ruby><rb>头</rb><rt>tóu</rt><rb>发</rb><rt>fa</rt></ruby>", "<ruby>头<rt>tóu</rt>发<rt>fa</rt></ruby>"),
    ("<ruby>头发<rtc><rt>tóu</rt><rt>fa</rt></rtc></ruby>", "<ruby>头<rt>tóu</rt>发<rt>fa</rt></ruby>"),
    ("<ruby><rb>旧</rb><rb>金</rb><rb>山</rb><rt>jiù</rt><rt>jīn</rt><rt>shān</rt><rtc>San Francisco</rtc></ruby>",
     "<ruby>旧<rt>jiù</rt>金<rt>jīn</rt>山<rt>shān</rt><rt>San Francisco</rt></ruby>"),
    ("<ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>", "<ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>"),
])
def test_ruby_written_with_rb_or_rtc_is_read_as_each_base_with_its_reading(tmp_path, caplog, written, read_as):
    """W3C's ruby, which pinyin tools write (<rb>小</rb><rb>猫</rb><rt>xiǎo</rt><rt>māo</rt>), lost its rb
    and rtc to the sanitiser, without a word: the bases ran together under readings in a row, and
    print had 小猫（xiǎo）（māo）. It is read as the reading systems' ruby, each base followed by its
    reading (a second row of readings after the last), its parentheses around each reading."""
    assert read(tmp_path, "a.md", f"# 题\n\n{written}。\n").body.strip() == f"<p>{read_as}。</p>"
    assert not _warnings(caplog)


def test_a_paragraph_without_ruby_reads_alike_whatever_ruby_the_article_has_elsewhere(tmp_path):
    """Punctuation beside ruby is read across its texts; with one ruby anywhere, every paragraph of
    the article was read so, and printed otherwise than without it (他说:*走*! as 他说：*走*！)."""
    plain = "他说:*走*!\n\n**注意** : 请排队\n\n*C*... 然后\n"
    ruby = "<ruby>我<rt>wǒ</rt></ruby><ruby>们<rt>men</rt></ruby>...<ruby>走<rt>zǒu</rt></ruby>!\n"
    alone = read(tmp_path, "a.md", f"# 题\n\n{plain}").body
    beside = read(tmp_path, "b.md", f"# 题\n\n{plain}\n{ruby}").body
    assert beside.startswith(alone.rstrip()) and "<ruby>们<rt>men</rt></ruby>……<ruby>走<rt>zǒu</rt></ruby>！" in beside


def test_a_ruby_with_more_readings_than_bases_is_warned_of(tmp_path, caplog):
    article = read(tmp_path, "a.md", "# 题\n\n<ruby>小猫狗<rt>xiǎo</rt><rt>māo</rt></ruby>。\n")
    assert article.body.strip() == "<p><ruby>小猫狗<rt>xiǎo</rt><rt>māo</rt></ruby>。</p>"
    [warning] = _warnings(caplog)
    assert "the ruby 小猫狗 has more readings (xiǎo、māo) than bases" in warning


def test_a_rubys_miscount_is_warned_of_at_its_line(tmp_path, caplog):
    """The warning named the file alone, and in a story with a reading on every character every ruby
    looks alike. It names the ruby's line, found by its text as written, not by its bases alone (a
    title that says 大象)."""
    read(tmp_path, "a.md", "# 大象\n\n<ruby>大<rt>dà</rt></ruby>象。\n\n"
                           "<ruby>大象<rt>dà</rt><rt>xiàng</rt><rt>ya</rt></ruby>走路。\n")
    [warning] = _warnings(caplog)
    assert warning.startswith(f"{tmp_path / 'a.md'}:5: the ruby 大象 has more readings (dà、xiàng、ya) than bases")


@pytest.mark.parametrize(("written", "read_as", "bare"), [
    ("<ruby><rb>小</rb><rb>猫</rb><rt>xiǎo</rt></ruby>", "<ruby>小<rt>xiǎo</rt>猫<rt></rt></ruby>",
     "小猫 has no reading for 猫"),
    ("<ruby>小<rt>xiǎo</rt>猫</ruby>", "<ruby>小<rt>xiǎo</rt>猫<rt></rt></ruby>", "小猫 has no reading for 猫"),
    ("<ruby><rb>大</rb><rb>熊</rb><rb>猫</rb><rtc><rt>dà</rt></rtc></ruby>",
     "<ruby>大<rt>dà</rt>熊<rt></rt>猫<rt></rt></ruby>", "大熊猫 has no reading for 熊、猫"),
    ("<ruby>小<rt>xiǎo</rt>狗<rt></rt></ruby>", "<ruby>小<rt>xiǎo</rt>狗<rt></rt></ruby>", None),  # empty, as written
    ("<ruby>月亮<rt>yuè liang</rt></ruby>", "<ruby>月亮<rt>yuè liang</rt></ruby>", None),  # a word's reading
])
def test_a_ruby_that_leaves_a_base_without_a_reading_is_warned_of(tmp_path, caplog, written, read_as, bare):
    """<ruby><rb>小</rb><rb>猫</rb><rt>xiǎo</rt></ruby>, a syllable dropped, printed 小（xiǎo）猫 without a
    word, where a reading too many is warned of: a child reading pinyin found 猫 without it. A base
    left without a reading is warned of at its line; one whose reading is written empty is not."""
    article = read(tmp_path, "a.md", f"# 题\n\n{written}睡了。\n")
    assert article.body.strip() == f"<p>{read_as}睡了。</p>"
    told = [warning.removeprefix(f"{tmp_path / 'a.md'}:3: the ruby ") for warning in _warnings(caplog)]
    assert told == ([f"{bare}, which prints without one: write each base with its reading, "
                     "<ruby>小<rt>xiǎo</rt>猫<rt>māo</rt></ruby> (an empty one, <rt></rt>, where a base has none)"]
                    if bare else [])


def test_mammoths_message_of_text_it_ignored_is_a_warning_and_one_of_a_style_it_maps_to_nothing_is_not(
        tmp_path, caplog):
    """mammoth's messages were all logged at info, which the terminal does not show: an element it
    ignores, its text and all (a right-to-left embedding, w:dir), was lost in silence."""
    embedded = '<w:dir w:val="rtl"><w:r><w:t>שלום</w:t></w:r></w:dir>'
    path = _docx_of(tmp_path, ("银", embedded), ("一", embedded), ("正文。", ""))
    document = Document(path)
    document.paragraphs[-1].style = "Quote"  # a style the map does not name: read as a plain paragraph
    document.save(path)
    with caplog.at_level(logging.INFO, logger="paiban"):
        read_article(path, tmp_path)
    assert _warnings(caplog) == [f"{path}: mammoth, which reads Word documents, says: An unrecognised element was "
                                 "ignored: w:dir; something there may be missing from the book: compare it "
                                 "with the document in Word"]
    assert "Unrecognised paragraph style: Quote" in caplog.text

@pytest.mark.parametrize(("paragraph", "expected"), [
    ('<p align="right">山人</p>', '<p class="align-right">山人</p>'),
    ('<p style="text-align: center; color: red">＊　＊　＊</p>', '<p class="align-center">＊　＊　＊</p>'),
    ('<p class="no-convert" style="text-align:right">山人</p>', '<p class="no-convert align-right">山人</p>'),
    ('<p style="color: red" align="left">山人</p>', "<p>山人</p>"),
])
@pytest.mark.parametrize("name", ["a.md", "a.html"])
def test_an_html_paragraphs_alignment_becomes_its_class_and_no_style_is_kept(tmp_path, name, paragraph, expected):
    heading = "# 序" if name == "a.md" else "<h1>序</h1>"
    assert read(tmp_path, name, f"{heading}\n\n{paragraph}\n").body.strip() == expected


@pytest.mark.parametrize("name", ["a.md", "a.html"])
def test_typoras_center_and_a_centred_div_are_centred_blocks_with_their_text_in_a_paragraph(tmp_path, name):
    """Typora's ``<center>`` left its text bare in the article, and ``<div align="center">`` lost its
    alignment: both printed at the margin."""
    heading = "# 序" if name == "a.md" else "<h1>序</h1>"
    body = read(tmp_path, name, f"{heading}\n\n<p>正文。</p>\n\n<center>图一　老街的牌坊</center>\n\n"
                                '<div align="center">居中的<em>署名</em></div>\n\n'
                                '<div style="text-align: right"><p>山人</p>二〇二四年春</div>\n').body
    assert '<div class="align-center"><p>图一　老街的牌坊</p></div>' in body
    assert '<div class="align-center"><p>居中的<em>署名</em></p></div>' in body
    assert '<div class="align-right"><p>山人</p><p>二〇二四年春</p></div>' in body


@pytest.mark.parametrize("name", ["a.md", "a.html"])
def test_a_collapsible_question_is_a_block_its_summary_a_paragraph_each_with_its_id(tmp_path, caplog, name):
    """A help centre's <details id><summary id>问：…</summary>答：…</details>: the sanitiser took the
    tags, the question was bare text in the article, run into its answer, and the ids were lost
    (links to them led nowhere); in Markdown it was warned of as left out."""
    heading = "# 账户" if name == "a.md" else "<h1>账户</h1>"
    body = read(tmp_path, name, f'{heading}\n\n<details id="q3" open><summary id="s3">问：忘记密码怎么办？</summary>'
                                "答：点击<strong>忘记密码</strong>。</details>\n\n"
                                "<details><summary><strong>问：如何注销？</strong></summary><p>答：进入设置。</p></details>\n").body
    assert ('<div id="q3"><p id="s3">问：忘记密码怎么办？</p><p>答：点击<strong>忘记密码</strong>。</p></div>'
            in body)
    assert "<div><p><strong>问：如何注销？</strong></p><p>答：进入设置。</p></div>" in body
    assert "details" not in body and "summary" not in body and warnings_of(caplog) == []


def test_a_collapsible_questions_summary_holding_a_heading_keeps_the_heading(tmp_path):
    body = read(tmp_path, "a.html", '<h1>账户</h1><details><summary><h3 id="q1">问：怎么办？</h3></summary>答：这样办。'
                                    "</details>").body
    assert '<div><div><h3 id="q1">问：怎么办？</h3></div><p>答：这样办。</p></div>' in body


def test_a_markdown_align_right_block_sets_its_paragraphs_flush_right(tmp_path):
    body = read(tmp_path, "a.md", "# 序\n\n正文。\n\n::: align-right\n山人\n\n二〇二四年春\n:::\n").body
    assert '<div class="align-right">\n<p>山人</p>\n<p>二〇二四年春</p>\n</div>' in body


def test_a_markdown_tables_column_alignment_is_a_class_the_stylesheet_sets_and_left_is_none(tmp_path):
    """The Markdown reader made a class of each column's alignment itself, align-left too, which no
    stylesheet sets; the sanitiser's alignment rule (HTML's align and text-align) is the one path."""
    table = "| 左 | 中 | 右 | 无 |\n| :--- | :---: | ---: | --- |\n| 甲 | 乙 | 丙 | 丁 |\n"
    body = read(tmp_path, "a.md", f"# 表\n\n{table}").body
    cells = re.findall(r"<(t[dh])( class=\"[^\"]*\")?>(.)</t[dh]>", body)
    assert cells == [("th", "", "左"), ("th", ' class="align-center"', "中"), ("th", ' class="align-right"', "右"),
                     ("th", "", "无"), ("td", "", "甲"), ("td", ' class="align-center"', "乙"),
                     ("td", ' class="align-right"', "丙"), ("td", "", "丁")]
    base = (Path(__file__).parents[1] / "styles" / "base.css").read_text(encoding="utf-8")
    assert all(f"td.{name}" in base for name in ("align-center", "align-right"))
    assert "text-align: left" in re.search(r"^th, td \{[^}]*\}", base, re.MULTILINE)[0]


def test_a_markdown_table_cells_full_width_spaces_are_kept_and_a_paragraphs_indent_goes(tmp_path):
    """A form's date cell | 　　年　　月　　日 | printed 年　　月　　日, no room left for the year:
    markdown-it trims a cell's full-width spaces as white space, as it does a paragraph's indent."""
    table = "| 日期 | 签名 |\n| --- | --- |\n| 　　年　　月　　日 | 甲 \\| 乙　　 |\n> | 引 |\n> | - |\n> | 　丙 |\n"
    body = read(tmp_path, "a.md", f"# 表\n\n　　请如实填写。\n\n{table}").body
    assert re.findall(r"<(?:t[dh]|p)>([^<]*)<", body) == [
        "请如实填写。", "日期", "签名", "　　年　　月　　日", "甲 | 乙　　", "引", "　丙"]


def test_an_older_pages_navigation_and_footer_named_by_id_or_class_are_furniture(tmp_path):
    """<div id="nav"> and <div class="footer"> made no whole page: their links and copyright line
    went into the book, the links to the site's root breaking the EPUB."""
    paragraphs = "".join(f"<p>　　第{n}段：我的故乡有一座石桥，据说是很久以前修的，桥面的石板被人踩得光溜溜的。</p>"
                         for n in range(1, 4))
    page = ('<html><head><meta charset="utf-8"><title>故乡的桥</title></head><body>'
            '<div id="nav"><a href="/">首页</a> | <a href="/about">关于我</a></div>'
            f'<div class="articalContent">{paragraphs}</div>'
            '<div class="site footer">Copyright © 1996 - 2024 Example Blogs</div></body></html>')
    article = read(tmp_path, "a.html", page)
    assert "第1段" in article.body and "第3段" in article.body
    assert "首页" not in article.body and 'href="/' not in article.body and "Copyright" not in article.body


def test_a_page_whose_only_furniture_is_a_copyright_footer_is_a_saved_page(tmp_path):
    """The footer, holding only the site's copyright line, was dropped as page junk before the page
    was asked whether it is a whole saved one: with no furniture left, the site's menu, a reader's
    comment and the sidebar were printed in the book as the article's."""
    page = """<html><head><meta charset="utf-8"><title>雨天去改一条裤子</title></head><body>
<div id="db-global-nav" class="global-nav"><a href="https://accounts.douban.com/passport/login">登录/注册</a></div>
<div id="wrapper"><div id="content"><div class="article"><div class="note-container">
<h1>雨天去改一条裤子</h1><div id="link-report" class="note">
<p>下了一整天的雨。我撑着伞去巷口的裁缝铺改一条裤子，裤腿长了三公分。</p>
<p>师傅正在吃午饭，一碗面条，一碟咸菜。他放下筷子，让我站到镜子前面。</p>
<p>我没有争。后来穿上才知道，他是对的。</p></div></div>
<div id="comments" class="comment-list"><div class="comment-item"><p>写得真好，我家楼下也有一家。</p></div></div>
</div><div class="aside"><h2>青石板的日记</h2><ul><li><a>全部</a></li><li><a>菜场观察</a></li></ul></div></div></div>
<div id="footer"><span>© 2005－2024 douban.com, all rights reserved 北京豆网科技有限公司</span></div>
</body></html>"""
    body = read(tmp_path, "a.html", page).body
    assert "下了一整天的雨" in body and "他是对的" in body
    for dropped in ("登录", "写得真好", "青石板的日记", "菜场观察", "douban"):
        assert dropped not in body, dropped


@pytest.mark.parametrize(("before", "after"), [
    ('<p class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/tz">通知公告</a> &gt; 正文</p>',
     '<p class="footer">主办单位：某区林业局　地址：某区中山路1号　联系电话：010-12345678</p>'),
    ('<span id="menu"><a href="/">首页</a> <a href="/a">散文</a> <a href="/b">小说</a></span>',
     '<span class="footer">Copyright 2024 某某文学网 保留所有权利 联系我们</span>'),
], ids=["p", "span"])
def test_a_paragraph_or_a_word_named_for_the_pages_furniture_is_furniture(tmp_path, before, after):
    """Furniture counted only on a <div>, <section>, list or table: a <p class="breadcrumb">, a
    <span id="menu"> and their footers made no whole page, and the breadcrumb, the menu's links,
    the site's address and its copyright line were printed as the article's text, with no word."""
    paragraphs = "".join(f"<p>　　第{n}段。这是通知的正文，说明了活动的时间、地点和参加人员的要求，请各单位落实。</p>"
                         for n in range(1, 5))
    page = ('<html><head><meta charset="utf-8"><title>关于开展春季植树活动的通知</title></head><body>'
            f'{before}<h1>关于开展春季植树活动的通知</h1>{paragraphs}{after}</body></html>')
    body = read(tmp_path, "a.html", page).body
    assert "第1段" in body and "第4段" in body
    assert "首页" not in body and 'href="/' not in body and "主办单位" not in body and "Copyright" not in body


# A document as pandoc -s writes it: a title block (HTML5's, HTML4's) over its own headline, and
# a table whose head row Pandoc names "header".
PANDOC_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="generator" content="pandoc">
<meta name="author" content="林某"><meta name="dcterms.date" content="2024-05-01">
<title>第一章　清晨</title></head><body>
{title_block}
<h1 id="ch1">第一章　清晨</h1>
<p>清晨的山路上雾气很重。<a href="#fn1" class="footnote-ref" id="fnref1"
role="doc-noteref"><sup>1</sup></a>远处传来鸟鸣。</p>
<h2 id="sec1">第一节</h2>
<figure><img src="a.png" alt="山景"><figcaption>山间的雾</figcaption></figure>
<ol start="3"><li>第三步</li><li>第四步</li></ol>
<table><thead><tr class="header"><th>名称</th><th>数量</th></tr></thead>
<tbody><tr class="odd"><td>苹果</td><td>3</td></tr></tbody></table>
<section class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr />
<ol><li id="fn1" role="doc-endnote"><p>这是一个脚注。<a href="#fnref1" class="footnote-back"
role="doc-backlink">↩︎</a></p></li></ol>
</section></body></html>"""


def test_a_pandoc_tables_header_row_is_no_page_furniture(tmp_path):
    """Pandoc's <tr class="header"> was taken for a page's header: the document was a saved web
    page, its article extracted, and its section heading, the figure's caption, the list's
    numbering, the table's head and the footnote were lost, with no word."""
    (tmp_path / "a.png").write_bytes(PNG)
    body = read(tmp_path, "a.html", PANDOC_PAGE.format(title_block="")).body
    assert '<h3 id="sec1">第一节</h3>' in body and "<figcaption>山间的雾</figcaption>" in body
    assert '<ol start="3">' in body and "<thead>" in body
    assert 'class="footnote-ref"' in body and "这是一个脚注。" in body


@pytest.mark.parametrize("title_block", [
    '<header id="title-block-header">\n<h1 class="title">第一章　清晨</h1>\n<p class="subtitle">一本示例文集</p>\n'
    '<p class="author">林某</p>\n<p class="date">2024-05-01</p>\n</header>',
    '<div id="header">\n<h1 class="title">第一章　清晨</h1>\n<h1 class="subtitle">一本示例文集</h1>\n'
    '<h2 class="author">林某</h2>\n<h3 class="date">2024-05-01</h3>\n</div>',
], ids=["html5", "html4"])
def test_pandocs_title_block_is_the_documents_title_not_a_sites_header(tmp_path, title_block):
    """pandoc -s writes the title, subtitle, author and date in a <header> (a <div id="header">
    in HTML4), which made the document a saved web page: its first paragraph and footnote were
    left out, and the subtitle printed as text. Its title is the article's, the author and date
    its <meta> tags', and the rest of it goes: the body is the document's without it."""
    (tmp_path / "a.png").write_bytes(PNG)
    article = read(tmp_path, "a.html", PANDOC_PAGE.format(title_block=title_block))
    assert (article.title, article.author, article.date) == ("第一章　清晨", "林某", "2024-05-01")
    assert article.body == read(tmp_path, "b.html", PANDOC_PAGE.format(title_block="")).body
    assert "一本示例文集" not in article.body


@pytest.mark.parametrize("header", ["div", "header"])
def test_a_blogs_header_named_as_pandocs_html4_title_block_is_the_sites_not_the_title(tmp_path, header):
    """A blog's <div id="header"><h1 class="title"> (its name, linked to its home) was taken for
    Pandoc's HTML4 title block: every post was titled with the blog's name, its headline printed
    as a subheading. Only a page Pandoc says it wrote (its generator meta) has that title block."""
    posts = "".join(f"<p>第{n}段。今天去山里走了一圈，秋天的树叶已经黄了，路边的溪水很清，能看见水底的小石头。</p>"
                    for n in range(1, 5))
    page = ('<html><head><meta charset="utf-8"><title>山里的秋天 - 云中漫步</title></head><body>'
            f'<{header} id="header"><h1 class="title"><a href="/">云中漫步</a></h1>'
            f'<p class="description">一个记录生活的小博客</p></{header}>'
            f'<div id="main"><div class="post"><h2 class="post-title">山里的秋天</h2>{posts}</div></div>'
            '<div id="footer">© 2024 云中漫步</div></body></html>')
    article = read(tmp_path, "a.html", page)
    assert article.title == "山里的秋天"
    assert "第1段" in article.body and "第4段" in article.body
    assert "云中漫步" not in article.body and "<h3>" not in article.body


@pytest.mark.parametrize(("page", "target"), [
    ('<h1 id="top">标题</h1><p>正文第一段。</p>', "top"),
    ('<h1><a name="calibre_toc_1"></a>标题</h1><p>正文第一段。</p>', "calibre_toc_1"),
    (PANDOC_PAGE.format(title_block='<header id="title-block-header"><h1 class="title">第一章　清晨</h1></header>'),
     "ch1"),
    (f'<nav><a href="/">首页</a></nav><h1 id="top">标题</h1>{"<p>清晨的山路上雾气很重，远处传来鸟鸣。</p>" * 4}'
     '<footer>版权所有</footer>', "top"),
], ids=["own", "anchor", "pandoc", "extracted"])
def test_an_html_headlines_id_leads_to_the_articles_start(tmp_path, page, target):
    """<h1 id="top"> went with the headline taken for the title, and a link to #top led nowhere,
    told to give the target the id it had. The id is the title's, as Markdown's # 标题 {#top} is:
    the headline's own, an anchor's in it, that of the headline under Pandoc's title block, and
    the page's heading's where the extract kept no id."""
    (tmp_path / "a.png").write_bytes(PNG)
    article = read(tmp_path, "a.html", page)
    assert article.title_id == target and target not in article.body


# A saved page's lines as saved (trafilatura's choices turn on white space: run together, the notes
# stayed, their text made a link to nothing).
NOTED_PAGE = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>河道治理见成效 - 本地新闻网</title></head>
<body>
<div id="nav"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/about">关于我们</a></div>
<div class="content">
<h1>河道治理见成效</h1>
<p>今年以来，本市持续推进河道综合治理，沿岸居民普遍反映水质明显改善，河边散步的人也多了起来。</p>
<p>据市水务局介绍，全市共完成河道清淤一百二十公里，新建污水管网八十公里，治理效果显著。<a href="#n1">[1]</a></p>
<p>专家认为，河道治理需要长期坚持，既要治标更要治本，还需要沿岸居民共同参与和监督。</p>
<p><a name="n1"></a>注释一：数据来自市水务局二〇二四年工作报告，统计截至十二月底。</p>
<p><a id="n2"></a>注释二：专家意见引自本报记者对河海大学教授的专访，原文略有删节。</p>
</div>
<div class="footer">版权所有 本地新闻网 联系电话 12345678</div>
</body></html>
"""


def test_a_saved_pages_code_is_a_pre_code_block_and_a_word_of_code_stays_in_its_sentence(tmp_path):
    """trafilatura writes every code element as a <pre>: a code block was a <pre> in a <pre>, white
    space before the code (EPUBCheck: "element pre not allowed here"), and a word of code broke its
    paragraph in two, the text after it loose in the body."""
    page = ('<html><head><meta charset="utf-8"><title>写一个函数</title></head><body>'
            '<nav><a href="/">首页</a> <a href="/code">编程</a></nav><h1>写一个函数</h1>'
            '<p>今天我们来写一个很小的函数，它把一个名字放进字典里返回，初学者也能很快看懂。</p>'
            '<pre><code>def f(name):\n    return {"name": name}</code></pre>'
            '<p>调用时写<code>f("小明")</code>即可，返回的字典里只有一个键，名字就是它的值。</p>'
            '<p>最后说一句：函数写得短一些，读起来就容易一些，改起来也方便一些。</p>'
            '<footer>版权所有 示例网</footer></body></html>')
    body = read(tmp_path, "a.html", page).body
    assert '<pre><code>def f(name):\n    return {"name": name}</code></pre>' in body
    assert '<p>调用时写<code>f("小明")</code>即可，返回的字典里只有一个键' in body and "首页" not in body


def test_a_pre_inside_a_pre_is_its_code(tmp_path):
    """HTML's parsers keep a <pre> typed inside another, and the EPUB failed EPUBCheck ("element pre
    not allowed here"): the inner one is the outer's <code>."""
    body = read(tmp_path, "a.html", "<h1>代码</h1><pre>$ <pre>ls -l</pre></pre>").body
    assert body == "<pre>$ <code>ls -l</code></pre>"


def test_a_saved_pages_paragraph_opening_with_an_empty_anchor_is_kept_with_its_id(tmp_path, caplog):
    """trafilatura dropped a paragraph holding an empty anchor (a note's link target), with no
    word: the notes of a saved page were lost. The anchor's id is now its paragraph's. A paragraph
    of links alone (other stories) it drops on purpose, and that is no warning."""
    links = '<p><a href="/a">本市新建三座污水处理厂</a> <a href="/b">河道清淤工程全面完成</a></p>\n</div>'
    body = read(tmp_path, "a.html", NOTED_PAGE.replace("</div>\n<div class", f"{links}\n<div class")).body
    assert '<p id="n1">注释一：数据来自' in body and '<p id="n2">注释二：专家意见' in body
    assert '<a href="#n1">[1]</a>' in body and "首页" not in body and "污水处理厂" not in body
    assert "leaves out" not in caplog.text


def test_a_saved_pages_paragraph_the_extraction_leaves_out_is_a_warning_naming_it(tmp_path, caplog, monkeypatch):
    """Whatever else trafilatura drops from among the article's paragraphs is named, with how to
    keep it (here the page as trafilatura was given it before, empty anchors and all); the page's
    furniture is not."""
    import paiban.sources.html

    monkeypatch.setattr(paiban.sources.html, "_for_extraction", lambda page: html.tostring(page, encoding="unicode"))
    read(tmp_path, "a.html", NOTED_PAGE)
    assert "a.html: the article taken from the page leaves out 2 paragraph(s) of its text: " \
           "'注释一：数据来自市水务局二〇二四年工作报告，统计截至十二月底…', '注释二：" in caplog.text
    assert "delete the page's navigation and footer from the file" in caplog.text
    assert "首页" not in caplog.text and "版权所有" not in caplog.text


def test_a_wordpress_posts_headline_in_its_own_header_is_the_title(tmp_path):
    """A <header> inside the <article> was taken for the site's: the title kept the site's name
    and the headline stayed in the body as a heading. The site's own header still goes."""
    page = ('<html><head><meta charset="utf-8"><title>城市绿道的夏天 | 晨风周刊 - 又一个WordPress站点</title>'
            '</head><body><header><h1>晨风周刊</h1></header><nav><a href="/">首页</a></nav>'
            '<article><header class="entry-header"><h1 class="entry-title">城市绿道的夏天</h1></header>'
            '<div class="entry-content">'
            '<p>清晨六点，绿道上已经有了跑步的人。河边的柳树垂下来，风一吹，影子在地面上晃动。</p>'
            '<h2>一条路连起三个公园</h2>'
            '<p>这条绿道全长十二公里，把城东的三个公园连在一起。骑车的人说，从头到尾大约需要四十分钟。</p>'
            '</div></article></body></html>')
    article = read(tmp_path, "a.html", page)
    assert article.title == "城市绿道的夏天"
    assert "城市绿道的夏天" not in article.body and "晨风周刊" not in article.body
    assert "<h3>一条路连起三个公园</h3>" in article.body  # the first level under the title


@pytest.mark.parametrize("headline", [
    '<center><font size="5" color="#cc0000"><b>老照片里的街道</b></font></center>',
    '<section><section><p><span style="font-size:18px"><strong>老照片里的街道</strong></span></p></section></section>',
])
def test_a_first_paragraph_repeating_the_title_in_bold_is_the_headline(tmp_path, headline):
    """An older page's or a WeChat article's headline, set in bold type under the same <title>,
    stayed as the body's first paragraph."""
    page = (f'<html><head><meta charset="utf-8"><title>老照片里的街道</title></head><body>{headline}'
            '<p>翻开相册，看到一张三十年前的街景照片。</p><p>老照片里的街道很窄。</p></body></html>')
    article = read(tmp_path, "a.html", page)
    assert article.title == "老照片里的街道"
    assert [element.text_content() for element in html.fragments_fromstring(article.body)] == [
        "翻开相册，看到一张三十年前的街景照片。", "老照片里的街道很窄。"]


@pytest.mark.parametrize(("first", "kept"), [
    ("<table><tr><td>价格表</td><td>说明</td></tr></table>", "<td>价格表</td><td>说明</td>"),
    ("<ul><li>价格表</li><li>第二项</li></ul>", "<li>价格表</li><li>第二项</li>"),
])
def test_a_table_cell_or_list_item_saying_the_title_is_kept(tmp_path, first, kept):
    """Taken for a headline set as a paragraph, it was deleted, shifting the table's row."""
    page = (f'<html><head><meta charset="utf-8"><title>价格表</title></head><body>{first}'
            '<p>这是一篇很长的文章，写了很多很多的内容，足够长了吧，足够长了。</p></body></html>')
    assert kept in read(tmp_path, "a.html", page).body


BYLINED_PAGE = """<html><head><meta charset="utf-8"><title>家用储物的原则</title></head><body>{aside}
<h1>家用储物的原则</h1><p class="byline">{byline}</p>
<p>买收纳盒之前，先把要收的东西数清楚。很多人买回来才发现尺寸不合适。</p>
<p>衣服竖着叠放，一眼就能看到全部。用旧纸盒做分隔也很好用。</p></body></html>"""


@pytest.mark.parametrize("aside", ["", '<aside><a href="#s1">先清点再购买</a></aside>'], ids=["plain", "aside"])
@pytest.mark.parametrize(("byline", "date"), [
    ("文／周一禾　2026-04-11", "2026-04-11"), ("原创 作者：周一禾 晨风周刊 2026-06-01", "2026-06-01"),
    ("（本文作者：周一禾）", None), ("作者：周一禾", None), ("作者：周一禾（北京大学教授）", None),
])
def test_a_pages_byline_line_gives_the_author_and_date(tmp_path, aside, byline, date):
    """文／周一禾 stayed in a plain page's text, and went with nothing kept from it where the page
    had an <aside> and trafilatura dropped it."""
    article = read(tmp_path, "a.html", BYLINED_PAGE.format(aside=aside, byline=byline))
    assert (article.author, article.date) == ("周一禾", date)
    assert "周一禾" not in article.body and "买收纳盒之前" in article.body


@pytest.mark.parametrize("credit", ["文/周一禾 图/何静", "文／周一禾　摄影／何静", "撰文：周一禾　摄影：何静",
                                    "文/周一禾 摄/何静"])
def test_a_pages_byline_with_a_photographers_credit_gives_the_writer_date_and_source(tmp_path, credit):
    """文/孙浩 图/何静, a feature's byline with its photographer, was no byline: its line went with the
    page's furniture, and the date, the source and the writer with it, the author the site's <meta>."""
    page = BYLINED_PAGE.format(aside="", byline=f"2026-04-11 08:12　来源：青川晚报　{credit}").replace(
        "<title>", '<meta name="author" content="行者小站"><title>')
    article = read(tmp_path, "a.html", page)
    assert (article.author, article.date, article.origin) == ("周一禾", "2026-04-11", "青川晚报")
    assert "周一禾" not in article.body


def test_a_pages_byline_names_its_author_over_its_meta_tag(tmp_path):
    """<meta name="author">, a blog's name (行者小站) there, won over the article's own byline
    作者：小站编辑, whose line went: the writer was nowhere in the book."""
    page = BYLINED_PAGE.format(aside="", byline="作者：小站编辑　2026-03-15").replace(
        "<title>", '<meta name="author" content="行者小站"><title>')
    article = read(tmp_path, "a.html", page)
    assert (article.author, article.date) == ("小站编辑", "2026-03-15")


@pytest.mark.parametrize("credit", ["（编辑 李四）", "（责任编辑 李四）", "（摄影 赵六）", "（实习生 李四）"])
def test_a_closing_credit_naming_no_writer_leaves_the_pages_author(tmp_path, credit):
    """A news page's closing （编辑 李四） gave the author 编辑、李四 (its role word read as a name),
    which won over the page's <meta name="author">; the credit goes as before, naming no author."""
    page = (f'<html><head><meta name="author" content="王小明"><title>春耕</title></head><body><h1>春耕</h1>'
            f'<p>　　村里的春耕开始了，田野上一片忙碌的景象，农机来回穿梭。</p><p>　　今年的种子已经备好。{credit}</p>'
            '</body></html>')
    article = read(tmp_path, "a.html", page)
    assert article.author == "王小明" and "李四" not in article.body and "赵六" not in article.body


BLOG_PAGE = ('<html><head><title>旧书摊_示例博客网</title></head><body><div id="header"><h1>示例博客网</h1></div>'
             '<div class="article"><h2>旧书摊</h2><div class="meta">作者：山石　2023-11-08 20:15{counts}</div>'
             '<p>　　周末去旧书市场……</p><p>　　摊主是个……</p></div><div id="footer">版权所有</div></body></html>')


@pytest.mark.parametrize("counts", ["", "　阅读(1024)", " 阅读(1024) 评论(3)", "　浏览 1,024 次", " 点击：1.2万",
                                    "　閱讀（1024）"])
def test_a_blogs_byline_gives_its_author_and_date_whatever_counts_follow_it(tmp_path, counts):
    """阅读(1024) after the date made the line no byline: the author and date were lost, the
    line left in the text."""
    article = read(tmp_path, "a.html", BLOG_PAGE.format(counts=counts))
    assert (article.author, article.date) == ("山石", "2023-11-08")
    assert "山石" not in article.body and "1024" not in article.body and "周末去旧书市场" in article.body


@pytest.mark.parametrize("counts", ["浏览次数：1208", "阅读次数：1208", "瀏覽次數：1208", "访问量：1208"])
@pytest.mark.parametrize("name", ["a.html", "a.txt"])
def test_a_cms_info_lines_count_of_views_leaves_with_it(tmp_path, name, counts):
    """A CMS's 浏览次数：1208 (阅读次数：) after the author and the date made the line no byline:
    the author and date were lost, and the line printed as the article's first paragraph."""
    line, paragraph = f"作者：林晓岚　2025-01-08 10:20　{counts}", "河边的柳树已经发芽了，渔船一条接一条地靠岸。"
    text = (f'<html><head><meta charset="utf-8"><title>河岸</title></head><body><h1>河岸</h1>'
            f'<div class="info">{line}</div><p>{paragraph}</p></body></html>' if name == "a.html"
            else f"河岸\n\n{line}\n\n{paragraph}\n")
    article = read(tmp_path, name, text)
    assert (article.author, article.date) == ("林晓岚", "2025-01-08")
    assert "1208" not in article.body and paragraph in article.body


@pytest.mark.parametrize("line", ["原创 舞剧 《永不消逝的电波》", "原创 音乐剧 好看极了。",
                                  "原创 作者：张三 好看极了。", "（2019年3月5日）", "2019年3月5日 北京",
                                  "原创 张三 晨风周刊 2024-01-02 08:30 浙江人", "2024年3月8日 发表于北京晚报",
                                  "2024-03-08 08:30 发表于人民日报"])
def test_a_line_shaped_nearly_like_a_byline_is_the_articles_text(line):
    """原创 and any two words were taken for a byline (the author 舞剧), an essay's dated
    closing line in parentheses for its date, and where it first appeared (发表于北京晚报) for the
    writer's IP location: each was dropped from the text, the outlet with it."""
    from paiban.sources.newsroom import Sifted, judge

    found = Sifted()
    assert judge([line], found) == [True] and (found.author, found.date) == (None, None)


@pytest.mark.parametrize(("line", "author", "date"), [
    ("原创 张三 晨风周刊 2024-01-02", "张三", "2024-01-02"), ("作者：张三（北京大学教授）", "张三", None),
    ("（作者：张三（北京大学教授））", "张三", None), ("（文／张三 2024年1月2日）", "张三", "2024-01-02"),
    ("原创 张三 晨风周刊 2024-01-02 08:30 浙江", "张三", "2024-01-02"),
    ("原创 张三 晨风周刊 2024-01-02 08:30浙江", "张三", "2024-01-02"),
    ("原创 张三 晨风周刊 2024年01月02日 08:30 发表于浙江", "张三", "2024-01-02"),
    ("作者：山石　2023-11-08 20:15　IP属地：美国", "山石", "2023-11-08"),
])
def test_a_byline_gives_its_author_and_date(line, author, date):
    """WeChat's byline ends in the writer's IP location (浙江, 发表于浙江) since 2022: the line gave
    neither its author nor its date, and was printed as the article's text."""
    from paiban.sources.newsroom import Sifted, judge

    found = Sifted()
    assert judge([line], found) == [False] and (found.author, found.date) == (author, date)


@pytest.mark.parametrize(("stamp", "date"), [
    ("2024-05-06 12:30 来自 iPhone客户端", "2024-05-06"), ("3分钟前 来自 微博 weibo.com", None),
    ("昨天 12:30 来自 HUAWEI Mate 60 Pro", None), ("05-06 12:30 来自iPhone客户端", None)])
def test_a_weibo_posts_date_line_with_its_client_is_left_out_giving_its_date(tmp_path, stamp, date):
    """Weibo's date line ends in the client the post was sent from (来自 iPhone客户端): it was printed
    as a subheading over each post, and its date was not the article's."""
    article = read(tmp_path, "a.txt", f"帖子一\n{stamp}\n今天去公园散步了，天气很好。\n我们还吃了冰淇淋。\n")
    assert article.date == date
    assert article.body == "<p>今天去公园散步了，天气很好。</p><p>我们还吃了冰淇淋。</p>"


def test_a_reposted_weibo_posts_date_line_in_the_text_stays_there(tmp_path):
    article = read(tmp_path, "a.txt", "转发\n2024-05-06 12:30 来自 iPhone客户端\n同意！\n"
                                      "【原微博】@甲：今天放假。\n2024-05-05 10:00 来自 微博 weibo.com\n")
    assert article.date == "2024-05-06" and "2024-05-05 10:00 来自 微博 weibo.com" in article.body


@pytest.mark.parametrize("line", ["刚刚", "12:30 来自北京的朋友们来了。", "3分钟前 浙江"])
def test_a_weibo_time_without_a_client_or_a_date_is_the_texts(line):
    from paiban.sources.newsroom import Sifted, judge

    assert judge([line], Sifted()) == [True]


WECHAT_BYLINE = """<html><head><meta charset="utf-8"><title>老街</title>
<meta property="og:site_name" content="微信公众平台"></head><body><div id="img-content">
<h1 class="rich_media_title" id="activity-name">老街</h1>
<div id="meta_content" class="rich_media_meta_list">
<span id="copyright_logo" class="rich_media_meta icon_appmsg_tag">原创</span>
<span class="rich_media_meta rich_media_meta_text">苏白</span>
<span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a id="js_name">晨风周刊</a></span>
<span class="rich_media_meta_primary"><em id="publish_time">2024-03-05 08:30</em>\
<em id="js_ip_wording_wrp"><span id="js_ip_wording">浙江</span></em></span>
</div>
<div id="js_content">{prose}</div></div>{furniture}</body></html>"""


@pytest.mark.parametrize("furniture", ["", '<div id="nav">首页</div>'], ids=["body", "saved-page"])
def test_a_wechat_bylines_author_date_and_account_are_the_articles(tmp_path, furniture):
    """WeChat's byline with its IP location (… 2024-03-05 08:30 浙江) gave no author and no date, and
    stood in the text of a page taken whole; its source was the platform's og:site_name, 微信公众平台,
    the same for every account, not the account's name its byline gives."""
    article = read(tmp_path, "a.html", WECHAT_BYLINE.format(prose=3 * WECHAT_PROSE, furniture=furniture))
    assert (article.author, article.date, article.origin) == ("苏白", "2024-03-05", "晨风周刊")
    assert "苏白" not in article.body and "浙江" not in article.body and "老街的尽头" in article.body


def test_an_essays_dated_closing_line_in_parentheses_stays_in_its_text(tmp_path):
    """（2019年3月5日） under an essay was dropped and taken for its date."""
    page = ('<html><head><meta charset="utf-8"><title>怀念</title></head><body>'
            '<p>这是一篇回忆文章，写了很多很多的内容，足够长了吧，足够长了。这是第二句。</p>'
            '<p>又一段回忆的文字，写了很多很多的内容。</p>'
            '<p style="text-align:right">（2019年3月5日）</p></body></html>')
    article = read(tmp_path, "a.html", page)
    assert "（2019年3月5日）</p>" in article.body and article.date is None


NEWSLETTER_CLOSE = ["— END —", "长按二维码关注我们", "点个“在看”，分享给更多朋友"]


@pytest.mark.parametrize(("name", "page"), [
    ("a.txt", "小城的书店\n\n小城只有一家书店，开在邮局旁边。\n\n" + "\n\n".join(NEWSLETTER_CLOSE) + "\n"),
    ("a.html", "<h1>小城的书店</h1><p>小城只有一家书店，开在邮局旁边。</p>"
               + "".join(f"<p>{line}</p>" for line in NEWSLETTER_CLOSE)),
])
def test_a_newsletters_closing_prompts_are_junk(tmp_path, name, page):
    """A WeChat account's QR-code and 在看 prompts and its END mark went into the book."""
    body = read(tmp_path, name, page).body
    assert "小城只有一家书店" in body
    assert not any(line in body for line in ("END", "二维码", "在看"))


WECHAT_OPENING = "点击上方蓝字关注我们"
WECHAT_CLOSE = ["往期推荐", "磨刀老人的一天", "修钟表的兄弟俩", "本文为晨风周刊原创，未经授权禁止转载"]


@pytest.mark.parametrize(("name", "page"), [
    ("a.txt", f"小城的书店\n\n{WECHAT_OPENING}\n\n小城只有一家书店，开在邮局旁边。\n\n"
              + "\n\n".join(WECHAT_CLOSE) + "\n"),
    ("a.html", f'<h1>小城的书店</h1><p style="text-align: center;"><span>{WECHAT_OPENING}</span></p>'
               "<p>小城只有一家书店，开在邮局旁边。</p><p><strong>往期推荐</strong></p>"
               '<p><a href="http://mp.weixin.qq.com/s?sn=1">磨刀老人的一天</a></p>'
               '<p><a href="http://mp.weixin.qq.com/s?sn=2">修钟表的兄弟俩</a></p>'
               f"<p>{WECHAT_CLOSE[-1]}</p>"),
])
def test_a_wechat_accounts_opening_prompt_other_articles_and_notice_are_junk(tmp_path, name, page):
    """点击上方蓝字关注我们, the 往期推荐 heading with its links to other articles and the notice
    本文为…原创，未经授权禁止转载 went into the book, while — END — and 点个“在看” beside them did not."""
    assert read(tmp_path, name, page).body == "<p>小城只有一家书店，开在邮局旁边。</p>"


@pytest.mark.parametrize("sentence", [
    "点击上方蓝字关注我们，这句话她在每篇文章的开头都能看到。", "他每天早上都会点击上方蓝字关注我们的公众号。",
    "点击“关注”按钮就可以了。", "往期推荐的文章里，有一篇写的就是这位老人。",
    "本文为晨风周刊原创，未经授权禁止转载的规定，很多读者并不在意。",
    "这篇是他的原创，未经授权禁止转载这句话就贴在门口。",
])
@pytest.mark.parametrize("name", ["a.txt", "a.html"])
def test_a_sentence_with_a_wechat_prompts_words_is_text(tmp_path, name, sentence):
    text = ["小城只有一家书店，开在邮局旁边。", sentence, "店主说，书店还会开下去。"]
    page = ("小城的书店\n\n" + "\n\n".join(text) if name == "a.txt"
            else "<h1>小城的书店</h1>" + "".join(f"<p>{line}</p>" for line in text))
    assert read(tmp_path, name, page).body == "".join(f"<p>{line}</p>" for line in text)


@pytest.mark.parametrize("line", ["点击上方“晨风周刊”，关注我们", "点击上方“晨风周刊”关注公众号",
                                  "点击上方“晨风周刊”关注", "点击上方“晨风周刊”，关注并星标",
                                  "点击上方“晨风周刊”，设为星标"])
def test_a_wechat_accounts_opening_prompt_by_its_name_is_junk(line):
    from paiban.sources.newsroom import JUNK

    assert JUNK.match(line)


HOW_TO = ["打开软件以后，先把窗口拉大一些，看清楚各个按钮的位置。", "第一步", "点击“设置”，关注左侧菜单的变化",
          "第二步", "点“开始”，关注进度条", "做完这两步，软件就会自己完成剩下的工作。"]


@pytest.mark.parametrize("name", ["a.txt", "a.html"])
def test_a_how_tos_step_clicking_a_quoted_button_and_watching_is_text(tmp_path, name):
    """点击“设置”，关注左侧菜单的变化 (click 设置, watch the menu) was taken for WeChat's opening
    prompt (点击上方“晨风周刊”，关注我们) and dropped unseen."""
    page = ("设置向导\n\n" + "\n\n".join(HOW_TO) if name == "a.txt"
            else "<h1>设置向导</h1>" + "".join(f"<p>{line}</p>" for line in HOW_TO))
    body = read(tmp_path, name, page).body
    assert "<p>点击“设置”，关注左侧菜单的变化</p>" in body and "<p>点“开始”，关注进度条</p>" in body


ANNIVERSARY = ["十年前，几个爱书的人在老街的茶馆里办了第一届读书节。", "往期回顾", "第一届（2015年）主题“城与书”",
               "第二届（2016年）主题“河流”", "今年的读书节在新图书馆举办，来的人比往年都多。", "精选推荐",
               "今年我们精选了十本书", "书单里有小说，也有散文和诗集。"]


@pytest.mark.parametrize("name", ["a.txt", "a.html"])
def test_an_articles_own_part_headed_like_a_wechat_list_of_other_articles_is_text(tmp_path, name, caplog):
    """往期回顾 and 精选推荐 heading a part of the article, text after it, were taken for WeChat's list
    of other articles closing it: the heading went, and the line under it ending no sentence."""
    page = ("读书节十年\n\n" + "\n\n".join(ANNIVERSARY) if name == "a.txt"
            else "<h1>读书节十年</h1>" + "".join(f"<p>{line}</p>" for line in ANNIVERSARY))
    body = read(tmp_path, name, page).body
    assert all(line in body for line in ANNIVERSARY) and "related stories" not in caplog.text


@pytest.mark.parametrize("line", ["长按二维码的人越来越多，店主只好把它撤了。", "点个“在看”，他说这是他唯一能做的事。",
                                  "— END — 是他写在每封信末尾的记号。", "点在看不见的角落"])
def test_a_sentence_opening_like_a_newsletter_prompt_is_text(line):
    from paiban.sources.newsroom import JUNK

    assert not JUNK.match(line)


@pytest.mark.parametrize("line", ["Copyright © 2024 Example Daily", "COPYRIGHT 2024 示例日报社",
                                  "copyright (C) 2024 示例网", "ALL RIGHTS RESERVED. 示例网",
                                  "分享到：qq 微信 FACEBOOK", "© Example Daily"])
def test_page_junk_in_latin_letters_is_known_in_any_case(line):
    from paiban.sources.newsroom import JUNK

    assert JUNK.match(line)


TABLE = "\n\n| 产地 | 价 |\n| --- | --- |\n| 江西 | 120 |\n"


@pytest.mark.parametrize("caption", ["表1　各地纸张价格（单位：文）", "表 2 各地纸张价格", "表一：纸价", "表1-2　纸价",
                                     "表1.2　纸价", "表3 中国各省纸价", "表4　与上年的比较", "表5．纸价"])
def test_a_caption_paragraph_right_before_a_table_becomes_its_caption(tmp_path, caption):
    """It was a body paragraph (indented, at the text's size), apart from its table."""
    body = read(tmp_path, "a.md", f"见下表。\n\n{caption}{TABLE}").body
    assert f"<table>\n<caption>{caption}</caption><thead>" in body
    assert f"<p>{caption}</p>" not in body and body.startswith("<p>见下表。</p>")


@pytest.mark.parametrize("paragraph", ["表1显示了各地的纸价", "表 1 显示，浙江的纸价最高。", "由表1可见",
                                       "表" + "格" * 60, "表 1 列出了 2020 年各省的数据：", "表1：",
                                       "表2 显示了各地的价格", "表 3 中的数据来自县志", "表4 所示为各地纸价",
                                       "表5：下面是各地的纸价；"])
def test_a_sentence_or_a_long_paragraph_before_a_table_stays_a_paragraph(tmp_path, paragraph):
    """A sentence introducing the table (表 1 列出了……：, 表2 显示了……) and 表1： alone were taken for its caption."""
    body = read(tmp_path, "a.md", f"{paragraph}{TABLE}").body
    assert f"<p>{paragraph}</p>" in body and "<caption>" not in body


def test_an_html_tables_own_caption_is_kept_and_a_caption_paragraph_before_it_stays(tmp_path):
    page = ("<h1>题</h1><p>表1　另一个</p><table><caption>表1　纸价</caption>"
            "<tr><th>产地</th></tr><tr><td>江西</td></tr></table>")
    body = read(tmp_path, "a.html", page).body
    assert "<p>表1　另一个</p>" in body and body.count("<caption>") == 1 and "<caption>表1　纸价</caption>" in body


def test_a_caption_paragraph_right_after_a_picture_is_its_figures_caption(tmp_path):
    """It printed as a body paragraph under a figure without a caption (or with its alt text as one)."""
    (tmp_path / "p.png").write_bytes(PNG)
    markdown = ("![](p.png)\n\n图1　某县申文的行款\n\n![申文](p.png)\n\n图 2：另一种\n\n"
                '![](p.png "题注")\n\n图3　留在正文\n\n![](p.png)\n\n图4显示了行款。\n')
    body = read(tmp_path, "a.md", markdown).body
    assert '<figure><img src="p.png" alt=""/><figcaption>图1　某县申文的行款</figcaption></figure>' in body
    assert '<figure><img src="p.png" alt="申文"/><figcaption>图 2：另一种</figcaption></figure>' in body
    assert "<figcaption>题注</figcaption></figure>\n<p>图3　留在正文</p>" in body  # the title is its caption
    assert '<figure><img src="p.png" alt=""/></figure>\n<p>图4显示了行款。</p>' in body
    assert body.count("<figcaption>") == 3


@pytest.mark.parametrize("caption", ["图1　与母亲在外滩，1978年", "图2　和弟弟在老屋门前", "图3　中山公园的樱花",
                                     "图4　里弄的清晨", "图5　内蒙古草原上的父亲", "图6　将军山下的小学",
                                     "图7　对岸的灯火", "图1　说明", "图 1　与母亲", "图1：与母亲", "图1．与母亲",
                                     "图1. 与母亲", "圖1　與母親"])
def test_a_caption_whose_title_opens_with_a_word_that_could_go_on_a_sentence_is_a_caption(tmp_path, caption):
    """A family album's 图1　与母亲在外滩 stayed a body paragraph under a figure captioned with its
    alt text: 与, 和, 中, 里, 内, 将, 对 or 说明 after the number were taken for a sentence going
    on, even after the full-width space that only a caption puts there."""
    (tmp_path / "p.png").write_bytes(PNG)
    body = read(tmp_path, "a.md", f"![照片](p.png)\n\n{caption}\n").body
    assert body.strip() == f'<figure><img src="p.png" alt="照片"/><figcaption>{caption}</figcaption></figure>'


@pytest.mark.parametrize("sentence", ["图1和图2说明了老屋的变化", "图1中可以看到老屋的门", "图 1 中的老屋已经拆了",
                                      "图 1 与图 2 的对比", "图2 显示了外滩的变化", "图1.2显示了各地的纸价"])
def test_a_sentence_about_the_picture_under_it_stays_a_paragraph(tmp_path, sentence):
    """Without a full-width space, a colon or a full stop after its number, 与, 和, 中 or 显示 there
    still make a line a sentence, the picture captioned with its alt text."""
    (tmp_path / "p.png").write_bytes(PNG)
    body = read(tmp_path, "a.md", f"![照片](p.png)\n\n{sentence}\n").body
    assert f"<p>{sentence}</p>" in body and '<figcaption aria-hidden="true">照片</figcaption>' in body


@pytest.mark.parametrize(("name", "content"), [
    ("a.md", "![红烧肉成品](p.png)\n图1　红烧肉成品\n"),  # the caption on the next line, no blank line
    ("a.md", "![红烧肉成品](p.png)\\\n图1　红烧肉成品\n"),  # a hard break
    ("a.html", '<h1>题</h1><p><img src="p.png" alt="红烧肉成品"><br>图1　红烧肉成品</p>'),
    ("a.docx", None),  # the picture, Shift+Enter, the caption
])
def test_a_picture_with_its_caption_on_the_next_line_of_its_paragraph_is_a_captioned_figure(tmp_path, name, content):
    """A food writer's ![…](…) with 图1　… on the line under it was <p><img/> 图1…</p>: the photo
    set in the line, its caption justified beside its foot, and no warning."""
    Image.new("RGB", (90, 60), "red").save(tmp_path / "p.png")
    if content is None:
        document = Document()
        document.add_heading("题", level=1)
        paragraph = document.add_paragraph()
        paragraph.add_run().add_picture(str(tmp_path / "p.png"))
        paragraph.add_run().add_break()
        paragraph.add_run("图1　红烧肉成品")
        document.save(tmp_path / name)
        body = read_article(tmp_path / name, tmp_path).body
    else:
        body = read(tmp_path, name, content).body
    figure = html.fragment_fromstring(body, create_parent="div").find("figure")
    assert figure is not None and figure.findtext("figcaption") == "图1　红烧肉成品", body
    assert "<p>" not in body


@pytest.mark.parametrize("line", ["图1显示了红烧肉的颜色。", "红烧肉成品"])
def test_a_line_under_a_picture_in_its_paragraph_that_is_no_caption_stays_beside_it(tmp_path, line):
    (tmp_path / "p.png").write_bytes(PNG)
    body = read(tmp_path, "a.md", f"![](p.png)\n{line}\n").body
    assert "<figcaption" not in body and line in body and body.count("<p>") == 1


@pytest.mark.parametrize("number", ["A1", "B2", "A-1", "A.1", "A1-2", "Ａ１"])
def test_an_appendixs_captions_numbered_with_its_letter_are_captions(tmp_path, number):
    """A thesis's appendix numbers its tables and figures with its letter (GB/T 7713.1's 表A1, 图B2;
    表A-1, 表A.1): 表A-1　各阶段参数 printed as a body paragraph, and 图A-1 beside its picture, in its
    line, where 表1-1 and 图1-1 were captions."""
    (tmp_path / "p.png").write_bytes(PNG)
    body = read(tmp_path, "a.md", f"表{number}　各阶段参数{TABLE}\n![示意](p.png)\n图{number}　补充示意图\n\n"
                                  f"表{number}显示了各阶段的参数\n").body
    assert f"<caption>表{number}　各阶段参数</caption>" in body
    assert f'<figure><img src="p.png" alt="示意"/><figcaption>图{number}　补充示意图</figcaption></figure>' in body
    assert f"<p>表{number}显示了各阶段的参数</p>" in body


def test_captions_written_in_traditional_characters_are_captions_and_sentences_stay_text(tmp_path):
    """圖1 was never a figure's caption (its alt text printed as one, the caption as a paragraph),
    and 表2 顯示了…… became a table's caption: only the Simplified forms were known."""
    (tmp_path / "p.png").write_bytes(PNG)
    table = "| 區域 | 損失 |\n| --- | --- |\n| 北區 | 3 |\n"
    markdown = f"![一隻貓](p.png)\n\n圖1　颱風過後的櫃檯\n\n表2 顯示了各區的損失\n\n{table}\n表3　各區損失\n\n{table}"
    body = read(tmp_path, "a.md", markdown).body
    assert '<figure><img src="p.png" alt="一隻貓"/><figcaption>圖1　颱風過後的櫃檯</figcaption></figure>' in body
    assert "<p>表2 顯示了各區的損失</p>" in body and "<caption>表3　各區損失</caption>" in body
    assert body.count("<caption>") == 1


def test_a_figures_caption_id_is_the_figures_so_a_link_to_it_shows_the_picture(tmp_path):
    """The README's 图1-1　…… {#图1-1}: the id stayed on the caption under the picture, and a link
    to it showed the caption at the top of the screen, the picture above it, out of view."""
    (tmp_path / "p.png").write_bytes(PNG)
    body = read(tmp_path, "a.md", "见[图1-1](#图1-1)。\n\n![](p.png)\n\n图1-1　示意 {#图1-1}\n\n"
                                  "![](p.png){#own}\n\n图1-2　自有 {#caption}\n").body
    assert '<figure id="图1-1"><img src="p.png" alt=""/><figcaption>图1-1　示意</figcaption></figure>' in body
    assert '<img src="p.png" id="own" alt=""/><figcaption id="caption">' in body  # the picture's own id stays


@pytest.mark.parametrize(("name", "content"), [
    ("a.md", "![](p.png)\n图1-1　示意[^1] {#图1-1}\n\n[^1]: 作者摄。\n"),  # the README's caption on the next line
    ("a.md", "![](p.png)\n图1-1　示意 {#图1-1}\n"),
    ("a.html", '<h1>题</h1><p id="图1-1"><img src="p.png" alt=""></p><p>图1-1　示意</p>'),
])
def test_a_caption_on_the_line_under_its_picture_gives_the_figure_its_id(tmp_path, name, content):
    """The {#图1-1} of a caption written on the line right under its picture was lost (so was a
    picture's paragraph's own id): every link to the figure was unlinked, with a warning that the
    article had no id 图1-1."""
    (tmp_path / "p.png").write_bytes(PNG)
    figure = html.fragment_fromstring(read(tmp_path, name, content).body, create_parent="div").find("figure")
    assert figure.get("id") == "图1-1" and figure.findtext("figcaption").startswith("图1-1　示意")


def test_a_bibliography_block_is_a_bibliography_div_in_markdown_and_html(tmp_path):
    markdown = "::: bibliography\n王某：《清代文书制度研究》，1999年。\n\nKuhn, Philip A. *Soulstealers*. 1990.\n:::\n"
    body = read(tmp_path, "a.md", markdown).body
    assert body.startswith('<div class="bibliography">\n<p>王某：') and "<em>Soulstealers</em>" in body
    page = '<h1>文献</h1><div class="bibliography"><p>Kuhn, Philip A. <i>Soulstealers</i>. 1990.</p></div>'
    assert '<div class="bibliography"><p>Kuhn' in read(tmp_path, "a.html", page).body


def test_a_box_is_a_box_div_with_its_title_line_in_markdown_and_html(tmp_path):
    """A sidebar (知识链接) printed as plain text: ``::: box`` was refused as a block paiban has
    not, an ``<aside>`` was read as plain paragraphs and, in an HTML article, as the page's sidebar
    (the article was extracted without it). Each is a ``div.box``, its bold first line (or heading,
    which would have headed a section of the contents) its title."""
    markdown = ("正文。\n\n::: box\n**知识链接**\n\n长江是中国第一长河。\n:::\n\n"
                "<aside>\n<p><b>相关链接</b></p>\n<p>黄河是第二长河。</p>\n</aside>\n\n"
                "::: box\n黄河**不是**最长的。\n:::\n")
    body = read(tmp_path, "a.md", markdown).body
    assert '<div class="box">\n<p class="box-title"><strong>知识链接</strong></p>\n<p>长江是中国第一长河。</p>' in body
    assert '<div class="box">\n<p class="box-title"><b>相关链接</b></p>\n<p>黄河是第二长河。</p>\n</div>' in body
    assert '<div class="box">\n<p>黄河<strong>不是</strong>最长的。</p>' in body  # no title: bold in a line of text
    page = ('<html><body><nav><a href="/">首页</a></nav><article><h1>河</h1><p>第一段：长江是中国第一长河，'
            '流经十一个省级行政区。</p><div class="box"><h3 id="bg">背景资料</h3><p>这是一段背景资料，讲黄河。</p>'
            '</div><aside><p>旁注框里的话：黄河是第二长河。</p></aside><p>第二段：河边的柳树已经发芽了。</p>'
            '</article><aside id="sidebar"><p>热门文章：城南旧事</p></aside></body></html>')
    body = read(tmp_path, "a.html", page).body
    assert '<div class="box"><p id="bg" class="box-title"><strong>背景资料</strong></p><p>这是' in body
    assert '<div class="box"><p>旁注框里的话：' in body and "<h3" not in body
    assert "热门文章" not in body  # the page's own sidebar is left out, as before


@pytest.mark.parametrize("navigation", ["", '<div id="nav"><a href="/">首页</a> | <a href="/news">新闻</a></div>'])
def test_an_html_articles_own_classes_are_left_out_and_the_books_kept(tmp_path, navigation):
    """A body-only page (a CMS's export) kept the site's classes, and the theme's rules matched
    them: <p class="copyright"> printed on a page of its own, class="chapter" opened a right-hand
    page, class="footnote" went to the foot of the page as note 1 (a saved page's own markup kept
    that one too). Only the classes the book reads stay, its notes' as footnotes.shape gives them."""
    page = (f'<html><head><meta charset="utf-8"><title>河岸</title></head><body>{navigation}<article><h1>河岸</h1>'
            '<p class="copyright">第一段：本文版权归城南月刊所有，转载请注明出处，谢谢各位读者的支持。</p>'
            '<p class="chapter lead">第二段：这些细小的记忆，拼在一起，就是一座城市的另一种地图。</p>'
            '<p class="footnote">第三段：本文图片由作者提供，河边的柳树已经发芽了。<a href="#fn1" id="r1">1</a></p>'
            '<div class="poem x"><p>床前明月光<br>疑是地上霜<br>举头望明月<br>低头思故乡</p></div>'
            '<div class="bibliography"><p>王某：《清代文书制度研究》，1999年。</p></div>'
            '<p class="align-right">第四段：石板路上的水洼映着天光，孩子们踩着水坑跑过去。</p>'
            '<ol class="list-heavenly-stem"><li>雨后的石板路泛着光，孩子们踩着水坑跑过去。</li></ol>'
            '<p>第五段：旧街的样子<span class="no-convert">後來</span>每年都在变，可总有一些东西留着。'
            '<img src="rule.png" class="decorative" alt=""></p>'
            '<ol class="footnotes"><li id="fn1">注：照片摄于清晨，河边的柳树刚发芽。</li></ol>'
            '</article><div class="footer">版权所有</div></body></html>')
    (tmp_path / "rule.png").write_bytes(PNG)
    body = read(tmp_path, "a.html", page).body
    assert "<p>第一段" in body and "<p>第二段" in body and "<p>第三段" in body
    assert re.findall(r'class="([^"]*)"', body) == [
        "footnote-ref", "poem", "bibliography", "align-right", "list-heavenly-stem", "no-convert", "footnotes",
        "footnotes-list", "footnote-item", "footnote-backref"]
    assert 'role="presentation"' in body  # the decorative picture read as one


def test_a_markdown_articles_own_classes_are_kept(tmp_path):
    """The author's classes (a heading's {.class}, a ::: block) are the author's: kept as written."""
    body = read(tmp_path, "a.md", "# 标题\n\n## 版权 {.copyright}\n\n::: {.poem .no-convert}\n床前明月光\n:::\n").body
    assert 'class="copyright">版权</h' in body and '<div class="poem no-convert">' in body


def test_a_front_matter_running_title_is_kept_as_the_articles(tmp_path):
    article = read(tmp_path, "a.md", "---\ntitle: 城市记忆：很长的标题\nrunning-title: ' 城市记忆 '\n---\n\n正文。\n")
    assert (article.title, article.running_title) == ("城市记忆：很长的标题", "城市记忆")


@pytest.mark.parametrize(("written", "message"), [("''", "is blank"), ('"城市\\n记忆"', "is not one line")])
def test_a_front_matter_running_title_that_is_blank_or_two_lines_is_an_error_at_its_line(tmp_path, written, message):
    with pytest.raises(PaibanError) as error:
        read(tmp_path, "a.md", f"---\ntitle: 题\nrunning-title: {written}\n---\n\n正文。\n")
    assert (error.value.line, error.value.message) == (3, f"front matter `running-title` {message}")


@pytest.mark.parametrize("closing", ["第一卷 完", "第一卷终", "第一卷（完）", "卷一 完结"])
def test_a_volumes_closing_line_in_a_text_is_a_paragraph_not_a_subheading(tmp_path, closing):
    """<h3>第一卷 完</h3>: a line numbered as an outline's heading was one, though it ends a volume."""
    article = read(tmp_path, "a.txt", f"第一卷 少年\n　　他走了很远的路。\n{closing}\n　　第二年春天，他回来了。\n")
    assert article.body == f"<p>他走了很远的路。</p><p>{closing}</p><p>第二年春天，他回来了。</p>"


def test_a_text_files_poem_is_set_as_a_poem_its_stanzas_parted_by_empty_lines(tmp_path):
    """Read line by line, its lines ending in ， were subheadings and the others indented prose."""
    body = read(tmp_path, "a.txt", "春望\n\n国破山河在，\n城春草木深。\n感时花溅泪，\n恨别鸟惊心。\n\n"
                                   "烽火连三月，\n家书抵万金。\n白头搔更短，\n浑欲不胜簪。\n").body
    assert body == ('<div class="poem"><p>国破山河在，<br/>城春草木深。<br/>感时花溅泪，<br/>恨别鸟惊心。</p>'
                    '<p>烽火连三月，<br/>家书抵万金。<br/>白头搔更短，<br/>浑欲不胜簪。</p></div>')


def test_a_text_files_poem_whose_stanzas_open_with_a_short_line_is_a_poem(tmp_path):
    """Its stanzas' short openers (那时候, 后来, 如今) were taken for a notice's labels: twelve paragraphs."""
    text = ("老屋\n\n那时候\n我们还住在河边的老屋里\n门前有一棵老槐树\n夏天的风很慢\n\n"
            "后来\n槐树被砍了\n河也改了道\n我们搬去了城里\n\n如今\n我常常梦见那条河\n梦见树下的影子\n醒来时天还没亮\n")
    assert read(tmp_path, "a.txt", text).body.count("<br/>") == 9


@pytest.mark.parametrize("foreword", ["谨以此诗献给那些在远方默默守护我们的人。",
                                      "这是我在乡下住了一年后写下的几首小诗，记录四季的样子。"],
                         ids=["dedication", "preface"])
def test_a_text_files_poem_under_a_dedication_or_a_preface_keeps_its_stanzas(tmp_path, foreword):
    """The sentence under the headline was read as a report's paragraph of prose: each line of the
    poem was a paragraph, its stanzas lost."""
    text = (f"致远方\n\n{foreword}\n\n你在山的那一边\n我在海的这一边\n风从你那里吹来\n\n"
            "夜深了\n灯还亮着\n我知道你也没睡\n")
    assert read(tmp_path, "a.txt", text).body == (
        f'<p>{foreword}</p><div class="poem"><p>你在山的那一边<br/>我在海的这一边<br/>风从你那里吹来</p>'
        "<p>夜深了<br/>灯还亮着<br/>我知道你也没睡</p></div>")


def test_a_text_files_modern_poem_keeps_its_lines_deeper_indents_and_a_closing_couplet(tmp_path):
    body = read(tmp_path, "a.txt", "雨后\n\n　　雨停了\n　　街道还湿着\n　　　　一只鸟落在电线上\n　　又飞走了\n\n"
                                   "　　我站在窗前\n　　什么也没有想\n").body
    assert body == ('<div class="poem"><p>雨停了<br/>街道还湿着<br/>\u3000\u3000一只鸟落在电线上<br/>又飞走了</p>'
                    '<p>我站在窗前<br/>什么也没有想</p></div>')


@pytest.mark.parametrize("text", [
    "雨后\n雨停了\n街道还湿着\n一只鸟落在电线上\n又飞走了\n",  # no empty lines: each line a paragraph
    "故事\n\n内容简介\n一个关于小镇的故事。\n\n第一章 归途\n\n老人坐在台阶上，慢慢地讲起了过去的事情。\n",
    "城市笔记\n\n社区菜园\n社区菜园迎来丰收\n林小河\n\n城东一处社区菜园本周迎来丰收，居民们收获了番茄、辣椒和豆角，"
    "还有许多别的东西。\n\n菜园由二十多户居民共同打理，每户认领一小块地，轮流浇水除草。\n\n"
    "负责协调的志愿者说，明年计划再开辟一片花圃。\n\n大家都很高兴。\n",
    "社区举办邻里节\n\n本报讯　上周末，城东社区举办了第三届邻里节。\n\n活动现场\n居民们带来了自家做的菜，\n"
    "摆满了三张长桌。\n孩子们在一旁做游戏。\n\n文艺表演\n社区合唱团唱了三首歌，\n老人们跳起了扇子舞。\n"
    "掌声一阵接着一阵\n\n主办方表示，明年还会继续举办。\n",
    "公布检查结果\n\n本署今日公布屋邨升降机检查结果。\n\n检查范围\n屋邨内的载客电梯\n港铁站出口的升降机\n其他设施\n",
    "提醒市民注意升降机安全\n\n屋宇署今日提醒市民，本月起将对全港升降机进行特别检查，市民如发现异常，请即通知管理处。\n\n"
    "检查范围\n屋邨内的载客电梯\n港铁站出口的升降机\n商场的自动梯\n\n查询方法\n致电屋宇署热线\n浏览署方网页\n亲临各区办事处\n",
], ids=["unparted", "label-and-text", "prose-with-furniture", "news", "prose-first-under-headline",
        "notice-over-two-lists"])
def test_a_text_files_short_lines_that_are_no_poem_stay_paragraphs(tmp_path, text):
    assert "poem" not in read(tmp_path, "a.txt", text).body


def test_verse_paragraphs_side_by_side_are_one_poems_stanzas(tmp_path):
    """Each in a poem of its own, the stanzas ran on with no line between them."""
    stanzas = "<p>国破山河在，<br>城春草木深。</p><p>感时花溅泪，<br>恨别鸟惊心。</p>"
    body = read(tmp_path, "a.html", f"<h1>春望</h1>{stanzas}").body
    assert body == '<div class="poem"><p>国破山河在，<br/>城春草木深。</p><p>感时花溅泪，<br/>恨别鸟惊心。</p></div>'


def test_a_contents_list_broken_with_br_is_no_poem(tmp_path):
    """Short lines ending no sentence: a contents page's lines, each with its page number after its leaders."""
    lines = "<br>".join(["城市书店的夜晚…… 1", "乡村图书室…… 3", "社区菜园…… 5", "老街的修鞋铺…… 7"])
    assert "poem" not in read(tmp_path, "a.html", f"<h1>目录</h1><p>{lines}</p>").body


@pytest.mark.parametrize(("name", "title"), [
    ("01-改革", "改革"), ("12.开篇", "开篇"), ("01-2024年回顾", "2024年回顾"), ("04-", "04"),
    ("10-2024年回顾", "2024年回顾"), ("1-2024年回顾", "2024年回顾"), ("1-1-开篇", "开篇"), ("2.1 小节", "小节"),
    ("10-12岁", "10-12岁"), ("2024.03 月报", "2024.03 月报"), ("02-3.5米的桥", "3.5米的桥"),
    ("1999-2024 回顾", "1999-2024 回顾"), ("3-5 岁儿童", "3-5 岁儿童"), ("12-15 岁", "12-15 岁"),
    ("01-2.0 时代", "2.0 时代"), ("1-1 开篇", "开篇"),
    ("3-5岁儿童阅读建议", "3-5岁儿童阅读建议"), ("2024-03-05 公园散步", "2024-03-05 公园散步"),
    ("3.5米的桥", "3.5米的桥"),
])
def test_a_names_number_that_orders_it_is_no_part_of_its_title_but_a_range_or_a_date_is(name, title):
    """3-5岁儿童阅读建议 was titled 5岁儿童阅读建议, 2024-03-05 公园散步 titled 03-05 公园散步."""
    assert name_as_title(name) == title


def test_a_docx_text_box_drawn_as_drawingml_alone_keeps_its_text(tmp_path, caplog):
    """Saved without Word's VML copy (WPS Office does so), its text was left out without a word."""
    box = ('<w:r><w:drawing><wp:anchor><wp:extent cx="1828800" cy="457200"/><wp:docPr id="50" name="文本框 1"/>'
           '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           '<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>边栏：读书会已经举办了三十期。</w:t></w:r></w:p>'
           '<w:p><w:r><w:t>欢迎新会员。</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
           '</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')
    path = _docx_of(tmp_path, ("文本框旁边的正文。", box), ("下一段。", ""))
    assert read_article(path, tmp_path).body == ("<p>文本框旁边的正文。</p><p>边栏：读书会已经举办了三十期。</p>"
                                                 "<p>欢迎新会员。</p><p>下一段。</p>")
    assert _warnings(caplog) == []


def test_a_bibliographys_separators_are_kept_as_typed(tmp_path):
    """GB/T 7714 parts an entry's items with . , : in Chinese entries too: they were mended into a
    mix (研究室. 青川 → 研究室。青川, 研究室. 2025年 kept), which paiban check asked to mend further."""
    entries = ("[1] 青川市统计研究室. 青川市统计年鉴2024[M]. 青川: 示例出版社, 2024: 12-35.\n\n"
               "[2] 李明, 王芳. 地区生产总值核算方法[J]. 示例统计研究, 2023, 40(5): 66-78.\n")
    body = read(tmp_path, "a.md", f"# 参考文献\n\n正文, 这里。\n\n::: bibliography\n{entries}:::\n").body
    assert "<p>正文，这里。</p>" in body  # the text's marks are mended still
    assert "青川市统计研究室. 青川市统计年鉴2024[M]. 青川: 示例出版社, 2024: 12-35." in body
    assert "李明, 王芳. 地区生产总值核算方法[J]. 示例统计研究, 2023, 40(5): 66-78." in body


# A page Word saved (另存为 → 网页): its head as Word writes it, in GBK.
WORD_HEAD = ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
             '<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">'
             '<meta name=Generator content="Microsoft Word 15"><title>稿件</title></head>')


def _word_page(tmp_path: Path, body: str, head: str = WORD_HEAD, notes: str = "") -> Path:
    """``body`` (what Word writes inside ``<div class=WordSection1>``) and its ``notes`` after it, saved
    as Word saves a page."""
    path = tmp_path / "稿件.htm"
    page = f"{head}<body lang=ZH-CN><div class=WordSection1>{body}</div>{notes}</body></html>"
    path.write_bytes(page.replace("\n", "\r\n").encode("gbk"))
    return path


def test_words_run_languages_are_no_language_tags(tmp_path):
    """Word tags each run of digits or Latin letters (and empty paragraph marks, and Chinese typed with
    an English keyboard) lang=EN-US: the digits were set in the Latin face, the Chinese left
    unconverted in a Traditional edition, the title written with a []{lang="en-US"}."""
    path = _word_page(tmp_path, '<h1>老街<span lang=EN-US><o:p></o:p></span></h1><p class=MsoNormal><span '
                                'style="font-family:宋体">数字</span><span lang=EN-US>2025</span><span lang=EN-US>'
                                '后台</span></p>')
    article = read_article(path, tmp_path)
    assert article.title == "老街" and "lang" not in (article.title_markup or "")
    assert text_of(article.body) == "数字2025后台" and "lang" not in article.body


def test_a_language_tag_of_a_page_word_did_not_save_is_kept(tmp_path):
    path = _word_page(tmp_path, '<p>数字<span lang=EN-US>Word</span></p>', head="<html><head></head>")
    assert '<span lang="en-US">Word</span>' in read_article(path, tmp_path).body


def _word_call(kind: str, number: int) -> str:
    """Word's call to its footnote (``ftn``) or endnote (``edn``) ``number``."""
    return (f'<a style="mso-{"foot" if kind == "ftn" else "end"}note-id:{kind}{number}" href="#_{kind}{number}" '
            f'name="_{kind}ref{number}" title=""><span class=MsoFootnoteReference><span lang=EN-US><![if '
            f'!supportFootnotes]>[{number}]<![endif]></span></span></a>')


def _word_notes(kind: str, *notes: str) -> str:
    """Word's list of footnotes (``ftn``) or endnotes (``edn``) saying ``notes``."""
    element = "footnote" if kind == "ftn" else "endnote"
    return (f"<div style='mso-element:{element}-list'><![if !supportFootnotes]><br clear=all><hr align=left size=1 "
            'width="33%"><![endif]>' + "".join(
                f"<div style='mso-element:{element}' id={kind}{number}><p class=Mso{element.title()}Text><a "
                f'href="#_{kind}ref{number}" name="_{kind}{number}" title=""><span class=MsoFootnoteReference>'
                f"[{number}]</span></a><span lang=EN-US> </span>{note}</p></div>"
                for number, note in enumerate(notes, 1)) + "</div>")


def test_words_footnotes_and_endnotes_are_footnotes(tmp_path):
    """Word's notes were printed as they show in a browser: [1] in the text, and after a rule a
    paragraph [1] 注。 after the article. They are footnotes, numbered in the order they are called,
    as a .docx's footnotes and endnotes are."""
    path = _word_page(tmp_path, f'<p class=MsoNormal>蒸笼{_word_call("edn", 1)}冒气{_word_call("ftn", 1)}。</p>',
                      notes=_word_notes("ftn", "脚注。") + _word_notes("edn", "尾注。"))
    body = read_article(path, tmp_path).body
    assert ('<p>蒸笼<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>冒气<sup class="footnote-ref">'
            '<a href="#fn2" id="fnref2">[2]</a></sup>。</p>') in body
    notes = html.fromstring(body).find_class("footnote-item")
    assert [note.text_content() for note in notes] == ["尾注。 ↑", "脚注。 ↑"] and "<hr" not in body


def test_a_word_tables_cell_of_one_paragraph_holds_its_text_and_alignment(tmp_path):
    """Word puts every cell's text in a <p class=MsoNormal>, which took the text's 2-em indent: each
    cell's text was pushed right, or right-aligned in a narrow cell. A .docx's cell holds its text."""
    path = _word_page(tmp_path, "<table class=MsoTableGrid border=1><tr><td width=277 valign=top>\n<p class=MsoNormal>"
                                "品名</p>\n</td><td><p class=MsoNormal align=center style='text-align:"
                                "center'>2元</p></td><td><p>甲</p><p>乙</p></td></tr></table>")
    assert ('<td>品名</td><td class="align-center">2元</td><td><p>甲</p><p>乙</p></td>'
            in re.sub(r">\s+<", "><", read_article(path, tmp_path).body))


def _word_picture(effects: str = "") -> str:
    """A picture Word shows at 200×133: its original for VML (with ``effects`` on it), its reduced copy else."""
    return ("<p class=MsoNormal><span lang=EN-US><!--[if gte vml 1]><v:shape id=\"图片_x0020_1\" "
            "o:spid=\"_x0000_i1025\" type=\"#_x0000_t75\" style='width:150pt;height:100pt;visibility:visible'>\n"
            f" <v:imagedata src=\"稿件.files/image001.png\" o:title=\"\"{effects}/>\n</v:shape><![endif]--><![if !vml]>"
            '<img width=200 height=133 src="稿件.files/image002.png" alt="老街" v:shapes="图片_x0020_1"><![endif]>'
            "</span></p>")


@pytest.mark.parametrize(("effects", "saved", "shown"), [
    ("", ("image001.png", "image002.png"), "image001.png"),
    ("", ("image002.png",), "image002.png"),
    (' croptop="7937f"', ("image001.png", "image002.png"), "image002.png"),
], ids=["original", "no-original", "cropped"])
def test_a_word_pages_picture_is_its_original_at_the_size_shown(tmp_path, effects, saved, shown):
    """Word saves a picture sized smaller than it is twice: the original for VML, in a comment, and a
    copy reduced to the size shown in the <img> (half the resolution or less in print, and a dpi
    warning the original passes). That copy was taken; it is only when Word crops or recolours it."""
    (tmp_path / "稿件.files").mkdir()
    for name, width in {"image001.png": 400, "image002.png": 200}.items():
        if name in saved:
            Image.new("RGB", (width, width * 2 // 3), (10, 150, 10)).save(tmp_path / "稿件.files" / name)
    img = html.fromstring(read_article(_word_page(tmp_path, _word_picture(effects)), tmp_path).body).find(".//img")
    assert (img.get("src").rpartition("/")[2], img.get("width"), img.get("height")) == (shown, "200", "133")


def test_a_word_pages_title_paragraph_is_its_title_not_its_title_property(tmp_path):
    """Word writes the document's Title property, often stale, as the <title>: the article was titled
    第三季度工作总结, its Title-style headline printed as an indented paragraph of the text."""
    path = _word_page(tmp_path, "<p class=MsoTitle><span style='font-family:黑体'>关于老街改造的调研报告</span></p>"
                                "<p class=MsoNormal style='text-indent:21pt'>这是正文第一段。</p>",
                      head=WORD_HEAD.replace("稿件", "第三季度工作总结"))
    article = read_article(path, tmp_path)
    assert (article.title, text_of(article.body)) == ("关于老街改造的调研报告", "这是正文第一段。")


def test_a_word_pages_empty_paragraphs_are_left_out(tmp_path):
    """Word saves each empty paragraph as <p class=MsoNormal><o:p>&nbsp;</o:p></p>, which printed as a
    blank line of the text; a .docx's reader leaves them out."""
    path = _word_page(tmp_path, "<p class=MsoNormal>第一段。</p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
                                "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
                                "<p class=MsoNormal>第二段。</p>")
    assert read_article(path, tmp_path).body.count("<p") == 2


def _word_list_item(shown: str, text: str, level: int = 1, bullet_font: str = "", tag: str = "p") -> str:
    """A paragraph of Word's list l0 at ``level``, showing ``shown`` before ``text``, as Word saves it."""
    font = f" style='font-family:{bullet_font}'" if bullet_font else ""
    return (f"<{tag} class=MsoListParagraphCxSpMiddle style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 "
            f"level{level} lfo1'><![if !supportLists]><span lang=EN-US{font}><span style='mso-list:Ignore'>{shown}"
            "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>"
            f"<span style='font-family:等线'>{text}<span lang=EN-US><o:p></o:p></span></span></{tag}>")


@pytest.mark.parametrize(("items", "expected"), [
    ([("1.", "豆浆"), ("2.", "油条"), ("a)", "甜的", 2), ("b)", "咸的", 2), ("3.", "烧饼")],
     '<ol><li>豆浆</li><li>油条<ol class="list-lower-alpha-right-paren"><li>甜的</li><li>咸的</li></ol></li>'
     '<li>烧饼</li></ol>'),
    ([("a)", "电源"), ("b)", "运行："), ("1)", "2 h", 2), ("2)", "4 h", 2)],  # GB/T 1.1's 列项, once written as shown
     '<ol class="list-lower-alpha-right-paren"><li>电源</li><li>运行：<ol class="list-decimal-right-paren"><li>2 h</li>'
     '<li>4 h</li></ol></li></ol>'),
    ([("三、", "豆浆"), ("四、", "油条")], '<ol class="list-chinese" start="3"><li>豆浆</li><li>油条</li></ol>'),
    ([("·", "豆浆", 1, "Symbol"), ("·", "油条", 1, "Symbol")], "<ul><li>豆浆</li><li>油条</li></ul>"),
    ([("1）", "豆浆"), ("2）", "油条")], "<p>1）豆浆</p><p>2）油条</p>"),
    ([("1.", "目标"), ("1.1.", "近期", 2), ("2.", "任务"), "<p>说明。</p>", ("3.", "保障")],
     "<p>1. 目标</p><p>1.1. 近期</p><p>2. 任务</p><p>说明。</p><p>3. 保障</p>"),
], ids=["nested", "a-over-1", "chinese", "bullets", "not-counted", "one-list-one-way"])
def test_a_word_pages_list_is_a_list(tmp_path, items, expected):
    """Each item of Word's lists was a paragraph opening with the number Word shows and a run of
    no-break spaces (1.     豆浆). It is a list, counted as Word shows it, as a .docx's is; a list no
    list counts as Word shows it keeps the numbers as written, as a .docx's typed numbers do, in each
    of its runs (1. / 1.1. / 2., a paragraph, then 3.: its 3. alone was a list)."""
    path = _word_page(tmp_path, "".join(item if isinstance(item, str) else _word_list_item(*item) for item in items))
    body = re.sub(r"</?span>|>\s+<", lambda match: "><" if match[0].startswith(">") else "",
                  read_article(path, tmp_path).body)
    assert body == f"<div>{expected}</div>"


def test_a_word_pages_heading_keeps_the_number_word_shows(tmp_path):
    """As a .docx's heading numbered by Word's lists does, with what Word sets after the number."""
    path = _word_page(tmp_path, "<h1>章程</h1>" + _word_list_item("第一章", "总则", tag="h2"))
    assert text_of(read_article(path, tmp_path).body) == "第一章\u3000总则"


def test_obsidian_comments_are_left_out_with_one_warning_at_the_first(tmp_path, caplog):
    """Obsidian's %%comments%% (the writer's private notes: sources, edits to make) were printed in
    the book, unwarned. They are left out, inline and across lines, with one warning naming the
    first's line; in code they are code, and a %% that none closes is printed, with a warning."""
    (tmp_path / ".obsidian").mkdir()
    body = read(tmp_path, "a.md", "# 题\n\n清晨的巷口%%私人批注：问周掌柜%%已经热闹起来。\n\n%%\n待办：删掉下面这段\n\n"
                                  "还是待办\n%%\n\n代码 `a %% b %% c` 照印。\n\n```\nx %% y %% z\n```\n\n"
                                  "最后一句。\n").body
    assert "清晨的巷口已经热闹起来。" in body and "最后一句。" in body
    assert "批注" not in body and "待办" not in body
    assert "<code>a %% b %% c</code>" in body and "x %% y %% z" in body
    assert [record.getMessage() for record in caplog.records] == [
        f"{tmp_path / 'a.md'}:3: 2 Obsidian comment(s) (%%…%%) left out of the book: Obsidian shows none, so they "
        "are the writer's own notes"]


def test_a_lone_backtick_before_an_obsidian_comment_opens_no_code_past_its_paragraph(tmp_path):
    """A lone ` (反引号是这个符号：`) was taken to open a code span running on to the next backtick,
    paragraphs later, and a private comment between them was printed."""
    (tmp_path / ".obsidian").mkdir()
    body = read(tmp_path, "a.md",
                "# 题\n\n反引号是这个符号：` ，键盘左上角。\n\n%%私人备注%%\n\n后面用 `code` 举例。\n").body
    assert "私人备注" not in body and "<code>code</code>" in body


def test_an_obsidian_comment_never_closed_is_printed_with_a_warning(tmp_path, caplog):
    (tmp_path / ".obsidian").mkdir()
    body = read(tmp_path, "a.md", "# 题\n\n第一段。\n\n增长了50%%还多。\n").body
    assert "50%%还多" in body
    assert f"{tmp_path / 'a.md'}:5: %% opens an Obsidian comment that no %% closes" in caplog.text


def test_percent_signs_and_double_brackets_outside_a_vault_are_text(tmp_path, caplog):
    """Outside an Obsidian vault (no .obsidian folder), %% and [[…]] are what the writer typed: two
    %% in prose (printf's "%d%%", SQL's LIKE '%%张%%', a typo 50%%) were a comment that took the text
    between them, paragraphs too, and a citation [[1]] or a[[0, 2]] lost its brackets, warned of as
    Obsidian's forms."""
    body = read(tmp_path, "a.md", "# 题\n\n增长了 50%%？应为 50%。\n\n"
                                  "用 printf(\"%d%%\", n) 或 printf(\"%s%%%s\", a, b)。\n\n"
                                  "WHERE name LIKE '%%张%%'，网址 https://example.com/?q=a%%20b。\n\n"
                                  "参考文献 [[1]]，a[[0, 2]]，[文字][[ref]]，!![[x]]。\n").body
    assert body == ('<p>增长了 50%%？应为 50%。</p>\n<p>用 printf("%d%%", n) 或 printf("%s%%%s", a, b)。</p>\n'
                    "<p>WHERE name LIKE ‘%%张%%’，网址 https://example.com/?q=a%%20b。</p>\n"
                    "<p>参考文献 [[1]]，a[[0, 2]]，[文字][[ref]]，！！[[x]]。</p>\n")
    assert caplog.records == []


def test_percent_signs_in_a_vaults_front_matter_are_no_comment(tmp_path, caplog):
    """Obsidian reads a property's %% as written: the front matter's two %% were a comment, which
    cut the title to 完成 80 and gave a warning at its line."""
    (tmp_path / ".obsidian").mkdir()
    article = read(tmp_path, "a.md", '---\ntitle: "完成 80%% 与 90%%"\nrunning-title: 利率 5%% 起\n---\n\n'
                                     "正文%%批注%%。\n")
    assert article.title == "完成 80%% 与 90%%" and article.running_title == "利率 5%% 起"
    assert "正文。" in article.body
    assert [record.getMessage() for record in caplog.records] == [
        f"{tmp_path / 'a.md'}:6: 1 Obsidian comment(s) (%%…%%) left out of the book: Obsidian shows none, so they "
        "are the writer's own notes"]


@pytest.mark.parametrize("subtitles", [
    "1\n" + "9" * 5000 + ":00:00,000 --> 00:00:02,000\n你好，这是一段话。\n",  # an hour no int() reads
    "9" * 5000 + "\n00:00:01,000 --> 00:00:02,000\n你好，这是一段话。\n",  # a cue's number alike
    "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v" + ".a" * 40 + ">你好，这是一段话。\n",  # a voice of dots and no space
])
def test_subtitles_of_absurd_numbers_or_tags_are_read_without_an_error_or_a_hang(tmp_path, subtitles):
    """A cue time's hour of 5,000 figures stopped the build with an internal error (Python reads no
    number that long), and a WebVTT voice tag of 40 dotted classes and no space ran for minutes."""
    assert "你好，这是一段话。" in read(tmp_path, "a.txt", subtitles).body


def test_a_gloss_in_brackets_after_an_emphasised_chinese_word_is_full_width_and_after_code_stays(tmp_path):
    """佢話*係*(hai6)! kept its half-width ( ) and ! while 佢話係(hai6)! had them full width: the
    edge of the emphasis hid the 係 before the bracket. Code is read as a Latin word still."""
    article = read(tmp_path, "a.md", "# 讀音\n\n佢話*係*(hai6)!\n\n佢話**嘅**(ge3)，好易記。\n\n佢話`f`(x)呀\n")
    assert "<em>係</em>（hai6" in article.body and "<strong>嘅</strong>（ge3" in article.body
    assert "<code>f</code>(x)呀" in article.body


def _wiki_page(article: str, title: str = "青石镇") -> str:
    """A page saved whole from a MediaWiki site: its navigation and footer around ``article``."""
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"/><title>{title} - 虚构百科</title></head>
<body><div id="mw-navigation"><ul><li><a href="/wiki/首页">首页</a></li></ul></div>
<div id="content" class="mw-body"><h1 id="firstHeading">{title}</h1><div class="mw-parser-output">
{article}
</div></div>
<footer id="footer"><ul><li>本页面最后修订于2026年3月1日。</li></ul></footer></body></html>"""


_WIKI_PARAGRAPHS = ("<p>青石镇是林溪县下辖的一个镇，以青石铺就的街道得名。镇上有一座三孔石桥，建于清代。</p>\n"
                    "<p>青石镇始建于明代中叶，最初是白鹭河上的一个渡口，后来逐渐发展为附近乡村的集市。</p>\n")
_WIKI_NOTES = ('<p>镇名见于县志<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup>，沿用至今，'
               '镇上老人仍这样称呼它。</p>\n<ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink">'
               '<a href="#cite_ref-1">↑</a></span> <span class="reference-text">林溪县地名录.</span></li></ol>')


def test_a_saved_wiki_pages_references_keep_the_ids_their_calls_and_links_back_lead_to(tmp_path):
    """The extract kept the reference list's items and the calls without their ids (cite_note-1,
    cite_ref-1): the page's calls then led to another article's notes of those ids."""
    body = read(tmp_path, "a.html", _wiki_page(_WIKI_PARAGRAPHS + _WIKI_NOTES)).body
    assert '<sup id="cite_ref-1"><a href="#cite_note-1">[1]</a></sup>' in body
    assert '<li id="cite_note-1"><a href="#cite_ref-1">↑</a>' in body


def test_a_link_to_a_part_of_a_saved_page_its_article_leaves_out_is_unlinked_with_a_warning(tmp_path, caplog):
    """A call whose note the extraction left out kept its link, which the book led to another
    article's note of that id, with no word."""
    page = _wiki_page(_WIKI_PARAGRAPHS + _WIKI_NOTES.replace('<ol class="references">', '<ol id="footer">'))
    body = read(tmp_path, "a.html", page).body
    assert "<sup><span>[1]</span></sup>" in body and "cite_note-1" not in body
    assert warnings_of(caplog) == [
        f"{tmp_path / 'a.html'}:6: the link to #cite_note-1 leads to a part of the page the article taken from it "
        "leaves out, so its text is printed unlinked. If that part is the article's, delete the page's navigation "
        "and footer from the file, so that its whole body is taken"]


_EDIT_LINK = ('<span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="/w/index.php?'
              'title=青石镇&amp;action=edit&amp;section={}">编辑</a><span class="mw-editsection-bracket">]</span>'
              '</span>')


@pytest.mark.parametrize("whole", [True, False])
def test_a_wiki_headings_edit_link_is_left_out(tmp_path, caplog, whole):
    """MediaWiki's [编辑] by each heading was printed in it (历史[编辑]), in the contents and the
    bookmarks, with a warning each of a link leading nowhere; in a page saved whole as in one of
    the article's markup alone."""
    article = f'<h2><span class="mw-headline" id="历史">历史</span>{_EDIT_LINK.format(1)}</h2>\n{_WIKI_PARAGRAPHS}'
    page = _wiki_page(article) if whole else f"<html><body><h1>青石镇</h1>{article}</body></html>"
    body = read(tmp_path, "a.html", page).body
    assert re.search(r"<h([23])[^>]*>(<span[^>]*>)?历史(</span>)?</h\1>", body), body
    assert "编辑" not in body and not warnings_of(caplog)


def test_a_saved_wiki_pages_headings_of_mediawiki_1_42_are_kept(tmp_path):
    """MediaWiki 1.42 writes each heading in a <div class="mw-heading"> beside its edit link, which
    made trafilatura take it for links and drop it: the article read as one run of text."""
    article = _WIKI_PARAGRAPHS.replace("<p>青石镇始建", f'<div class="mw-heading mw-heading2"><h2 id="历史">历史</h2>'
                                                   f'{_EDIT_LINK.format(1)}</div>\n<p>青石镇始建')
    body = read(tmp_path, "a.html", _wiki_page(article)).body
    assert re.search(r'<h([23]) id="历史">历史</h\1>', body) and "编辑" not in body


def test_a_wikis_conversion_markup_is_read_as_variants_no_convert_text_or_a_rule_that_prints_nothing(tmp_path):
    """-{…}- was printed raw, its : and ; made Chinese marks (-{zh-hans：鼠标；zh-hant：滑鼠}-)."""
    body = read(tmp_path, "a.html", "<html><body><h1>灯会</h1><p>-{zh-hans:鼠标; zh-hant:滑鼠}-形状的花灯，"
                                    "用-{C++}-编写，-{R|zh-hans:原样}-。-{H|zh-cn:软件;zh-tw:軟體;}-</p></body></html>").body
    assert ('<p><span class="variants"><span lang="zh-Hans">鼠标</span><span lang="zh-Hant">滑鼠</span></span>'
            '形状的花灯，用<span class="no-convert">C++</span>编写，'
            '<span class="no-convert">zh-hans:原样</span>。</p>') in body


def test_a_wikis_conversion_markup_in_code_is_kept_as_written(tmp_path):
    """A page showing the markup (any HTML article, as every one is looked through for it) lost it
    in its code: a variant printed in place of the <code>, a rule in the <pre> gone without a word."""
    body = read(tmp_path, "a.html", "<html><body><h1>语言转换</h1><p>写 <code>-{zh-hans:鼠标;zh-hant:滑鼠}-</code>"
                                    "即可，如-{zh-hans:鼠标;zh-hant:滑鼠}-。</p>"
                                    "<pre>-{H|zh-cn:打印机;zh-tw:印表機}-</pre></body></html>").body
    assert "-{zh-hans:鼠标;zh-hant:滑鼠}-" in body and "-{H|zh-cn:打印机;zh-tw:印表機}-" in body
    assert '即可，如<span class="variants"><span lang="zh-Hans">鼠标</span>' in body


def test_a_wikis_conversion_markup_after_an_unclosed_opening_is_read_as_variants(tmp_path):
    """A -{ never closed is text; what it runs into no longer swallows the next -{…}- as its own
    (printed as no-convert text with its -{ lost). Ending what a -{ holds at the next -{ also keeps
    a text of unclosed -{ from being searched to its end from each."""
    body = read(tmp_path, "a.html", "<html><body><h1>灯会</h1><p>写作 -{ 开头，-{zh-hans:鼠标;zh-hant:滑鼠}-形状</p>"
                                    "</body></html>").body
    assert ('写作 -{ 开头，<span class="variants"><span lang="zh-Hans">鼠标</span><span lang="zh-Hant">滑鼠</span>'
            '</span>形状') in body


@pytest.mark.parametrize("opening", ["-&#123;", "&#45;{", "-&#x7B;", "-&lbrace;"])
def test_a_wikis_conversion_markup_opened_by_a_character_reference_is_read_as_variants(tmp_path, opening):
    """The page is looked through for -{ before its tree is: one written with a reference for its - or its {
    is read as the characters, and was to be found all the same."""
    body = read(tmp_path, "a.html", f"<html><body><h1>灯会</h1><p>{opening}zh-hans:鼠标; zh-hant:滑鼠}}-形状的花灯</p>"
                                    "</body></html>").body
    assert ('<p><span class="variants"><span lang="zh-Hans">鼠标</span><span lang="zh-Hant">滑鼠</span></span>'
            '形状的花灯</p>') in body
