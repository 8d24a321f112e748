"""Note-taking apps' Markdown (sources/notetaking.py): Obsidian's callouts, ``==高亮==``, Typora's
``[TOC]`` and picture zoom, read as the app shows them, in an article's body and the EPUB."""

from __future__ import annotations

import base64
import io
import logging
import re
import zipfile
from pathlib import Path

from PIL import Image

import paiban

from conftest import epubcheck_messages, make_book, read_written, warnings_of


def read(tmp_path: Path, text: str):
    return read_written(tmp_path, "a.md", text)


warnings = warnings_of


def test_a_callout_is_a_box_of_its_type_titled_by_its_first_line(tmp_path):
    """``> [!note] 小贴士`` printed its marker, and its title ran into its text (小贴士早点摊只收现金)."""
    body = read(tmp_path, "# 早晨\n\n> [!note] 小贴士\n> 早点摊只收现金。\n\n"
                          "> [!warning]- 折叠的**警告**\n> 雨天路滑。\n").body
    assert ('<div class="box callout-note">\n<p class="box-title"><strong>小贴士</strong></p>\n'
            "<p>早点摊只收现金。</p>\n</div>") in body
    assert ('<div class="box callout-warning">\n<p class="box-title"><strong>折叠的<strong>警告</strong>'
            "</strong></p>\n<p>雨天路滑。</p>\n</div>") in body
    assert "[!" not in body


def test_a_callout_without_a_title_or_of_a_type_obsidian_has_not_is_still_a_box(tmp_path):
    body = read(tmp_path, "# 早晨\n\n> [!TIP]\n> 周末人多。\n\n> [!茶馆] 掌柜说\n\n> [不是] 引用。\n").body
    assert '<div class="box callout-tip">\n<p>周末人多。</p>\n</div>' in body
    assert '<div class="box callout-茶馆">\n<p class="box-title"><strong>掌柜说</strong></p>\n</div>' in body
    assert "<blockquote>\n<p>[不是] 引用。</p>\n</blockquote>" in body  # a quotation as before


def test_a_highlight_between_double_equals_is_a_mark_but_not_in_code(tmp_path):
    body = read(tmp_path, "# 早晨\n\n这是==最要紧的一句话==，要记住。==“引号”==也是。\n\n"
                          "`a==b==c`，x === y，a==b。\n").body
    assert "<p>这是<mark>最要紧的一句话</mark>，要记住。<mark>“引号”</mark>也是。</p>" in body
    assert "<code>a==b==c</code>，x === y，a==b。" in body


def test_typoras_toc_is_left_out_with_a_warning_at_its_line(tmp_path, caplog):
    path = tmp_path / "a.md"
    with caplog.at_level(logging.WARNING, logger="paiban"):
        article = read(tmp_path, "[TOC]\n\n# 早晨\n\n文字。\n\n[toc]\n\n见[TOC]。\n")
    assert article.title == "早晨"  # the heading under it is still the title
    assert "<p>[toc]</p>" not in article.body and "<p>见[TOC]。</p>" in article.body
    assert warnings(caplog) == [
        f"{path}:{line}: {marker} is left out: paiban makes the book's contents itself, a page of them before the "
        "first chapter (and [contents] sections in book.toml lists an article's own sections)"
        for line, marker in ((1, "[TOC]"), (7, "[toc]"))]


def test_typoras_zoom_is_a_width_in_its_share_of_the_pictures_pixels(tmp_path, caplog):
    """``<img style="zoom:50%">`` printed at its full size: its style is dropped with every other."""
    Image.new("RGB", (600, 300)).save(tmp_path / "p.png")
    with caplog.at_level(logging.WARNING, logger="paiban"):
        body = read(tmp_path, '# 图\n\n<img src="p.png" alt="牌坊" style="zoom:50%;" />\n\n'
                              '文字<img src="p.png" alt="小" style="zoom: 10%">。\n').body
    assert '<img width="300" src="p.png" alt="牌坊"/>' in body
    assert '<img width="60" src="p.png" alt="小"/>' in body
    assert warnings(caplog) == []


def test_typoras_zoom_on_a_picture_written_in_as_a_data_url_is_a_width_as_on_a_file(tmp_path, caplog):
    """The zoom of a picture pasted in as a data: URL was dropped without a word, the picture
    printed at its full size: it was measured only as a file beside the article."""
    written = io.BytesIO()
    Image.new("RGB", (600, 300)).save(written, "PNG")
    address = f"data:image/png;base64,{base64.b64encode(written.getvalue()).decode()}"
    with caplog.at_level(logging.WARNING, logger="paiban"):
        body = read(tmp_path, f'# 图\n\n<img src="{address}" alt="内嵌" style="zoom:50%;" />\n').body
    assert re.search(r'<img width="300" src="[^"]+\.png" alt="内嵌"/>', body)
    assert warnings(caplog) == []


def test_a_zoom_that_cannot_be_read_as_a_width_is_warned_of_at_its_line(tmp_path, caplog):
    Image.new("RGB", (600, 300)).save(tmp_path / "p.png")
    path = tmp_path / "a.md"
    with caplog.at_level(logging.WARNING, logger="paiban"):
        body = read(tmp_path, '# 图\n\n文字。\n\n<img src="p.png" alt="甲" width="200" style="zoom:50%">\n').body
    assert '<img src="p.png" alt="甲" width="200"/>' in body
    assert warnings(caplog) == [f"{path}:5: the zoom of the picture 'p.png', 50%, is left out, as it has a width "
                                'or height already: write its width in pixels, width="300"']


def test_a_callout_and_a_highlight_make_a_valid_epub_styled_by_the_theme(tmp_path):
    root = make_book(tmp_path / "book", {"01.md": "# 早晨\n\n这是==要紧的话==。\n\n> [!note] 小贴士\n> 只收现金。\n"})
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as epub:
        text = epub.read("EPUB/c1.xhtml").decode()
        sheets = "".join(epub.read(name).decode() for name in epub.namelist() if name.endswith(".css"))
    assert "<mark>要紧的话</mark>" in text and '<div class="box callout-note">' in text
    assert "mark { background-color: #fff1a8; color: #000; }" in sheets
    assert epubcheck_messages(output.path) == []
