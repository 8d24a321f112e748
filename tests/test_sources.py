"""Readers: news heuristics on the seed, Markdown with front matter, HTML, encodings, sanitising."""

from pathlib import Path

import pytest

from paiban.errors import PaibanError
from paiban.sources import read_article
from paiban.xhtml import text_of

from conftest import SEED


def read(tmp_path: Path, name: str, content: str | bytes) -> object:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return read_article(path, tmp_path)


@pytest.fixture(scope="module")
def seed():
    return read_article(SEED, SEED.parent)


def test_seed_headline_without_its_column_tag_is_the_title(seed):
    assert seed.title == "凝心聚力抓落实 砥砺奋进启新程"


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


def test_text_full_width_indentation_is_removed(tmp_path):
    article = read(tmp_path, "a.txt", "标题\n\u3000\u3000第一段。\n")
    assert article.body == "<p>第一段。</p>"


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


def test_markdown_without_title_uses_the_file_name(tmp_path):
    assert read(tmp_path, "无题.md", "正文。\n").title == "无题"


def test_markdown_footnotes_and_tables(tmp_path):
    article = read(tmp_path, "a.md", "正文[^1]。\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n[^1]: 注释。\n")
    assert 'class="footnote-ref"' in article.body and "注释。" in article.body
    assert "<table>" in article.body and "<th>甲</th>" in article.body


def test_markdown_punctuation_is_normalised_but_code_is_not(tmp_path):
    article = read(tmp_path, "a.md", "中文,逗号 `f(a,b)`\n\n```\n代码,不变\n```\n")
    assert "中文，逗号" in article.body
    assert "f(a,b)" in article.body and "代码,不变" in article.body


def test_unknown_front_matter_key_is_an_error_with_line(tmp_path):
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", "---\ntitle: 甲\nauthr: 乙\n---\n正文\n")
    assert "authr" in caught.value.message and caught.value.line == 2


def test_invalid_yaml_front_matter_names_the_line(tmp_path):
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "a.md", "---\ntitle: 甲\nauthor: [乙\n---\n正文\n")
    assert "not valid YAML" in caught.value.message and caught.value.line >= 3


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


def test_html_without_h1_uses_the_page_title(tmp_path):
    assert read(tmp_path, "a.html", "<title>页面</title><p>正文</p>").title == "页面"


def test_non_utf8_article_is_an_error_naming_byte_and_line(tmp_path):
    with pytest.raises(PaibanError) as caught:
        read(tmp_path, "gbk.txt", "标题\n正文\n".encode("gb18030"))
    error = caught.value
    assert "not UTF-8" in error.message and "byte 0" in error.message
    assert error.line == 1 and "iconv" in error.hint


def test_utf8_bom_is_accepted(tmp_path):
    assert read(tmp_path, "a.txt", "\ufeff标题\n正文。\n").title == "标题"


def test_image_outside_the_book_is_refused(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "secret.png").write_bytes(b"x")
    path = tmp_path / "book" / "a.md"
    path.write_text("![图](../secret.png)\n", encoding="utf-8")
    with pytest.raises(PaibanError, match="outside the book"):
        read_article(path, tmp_path / "book")


def test_remote_image_is_left_out_with_a_warning(tmp_path, caplog):
    article = read(tmp_path, "a.md", "前![图](http://127.0.0.1:9/x.png)后\n")
    assert "<img" not in article.body and "前后" in text_of(article.body)
    assert "not a file in the book" in caplog.text


def test_local_image_becomes_book_relative(tmp_path):
    (tmp_path / "ch" / "img").mkdir(parents=True)
    (tmp_path / "ch" / "img" / "p.png").write_bytes(b"\x89PNG")
    path = tmp_path / "ch" / "a.md"
    path.write_text("![图](img/p.png)\n", encoding="utf-8")
    article = read_article(path, tmp_path)
    assert article.images == ("ch/img/p.png",)
    assert 'src="ch/img/p.png"' in article.body
