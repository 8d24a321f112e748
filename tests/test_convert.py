"""Converted editions: everything the reader sees is converted, markup and code never; names and tags follow."""

from pathlib import Path

import pytest

from paiban.assemble import assemble
from paiban.config import load_config
from paiban.convert import convert_book
from paiban.edition import Edition, edition_for, fonts_for, output_path
from paiban.errors import PaibanError

from conftest import make_book


@pytest.fixture
def book(tmp_path):
    make_book(tmp_path, {
        "01-软件/a.md": """\
            ---
            title: 计算机软件
            author: 张三丰
            column: 信息时代
            ---

            这里的头发和软件。<https://example.org/头发> `软件 = 1`

            ![图里的软件](p.png "软件")
            """,
        "01-软件/p.png": b"\x89PNG",
    }, '[book]\ntitle = "软件的历史"\nauthors = ["李发"]\ndescription = "关于软件"\n')
    return assemble(load_config(tmp_path))


@pytest.mark.parametrize(("config", "language"), [
    ("s2t", "zh-Hant"), ("s2tw", "zh-Hant-TW"), ("s2twp", "zh-Hant-TW"), ("s2hk", "zh-Hant-HK")])
def test_language_tag_follows_the_conversion(config, language):
    assert edition_for("zh-Hans", config) == Edition(language=language, convert=config)


@pytest.mark.parametrize(("config", "text", "expected"), [
    ("s2t", "头发里面", "頭髮裏面"),
    ("s2tw", "头发里面", "頭髮裡面"),
    ("s2twp", "软件和内存", "軟體和記憶體"),
    ("s2hk", "头发里面", "頭髮裏面"),
])
def test_known_pairs(book, config, text, expected):
    from paiban.convert import converter
    assert converter(config).convert(text) == expected


def test_everything_the_reader_sees_is_converted(book):
    tw = convert_book(book, edition_for("zh-Hans", "s2twp"))
    article = tw.articles[0]
    assert tw.meta.title == "軟體的歷史" and tw.meta.language == "zh-Hant-TW"
    assert tw.meta.authors == ("李發",) and tw.meta.description == "關於軟體"
    assert tw.chapters[0].title == "軟體"
    assert (article.title, article.author, article.column) == ("計算機軟體", "張三丰", "資訊時代")
    assert "這裡的頭髮和軟體" in article.body
    assert 'alt="圖裡的軟體"' in article.body and 'title="軟體"' in article.body
    assert tw.labels["contents"] == "目錄"


def test_markup_urls_code_and_file_names_are_never_converted(book):
    article = convert_book(book, edition_for("zh-Hans", "s2twp")).articles[0]
    assert 'href="https://example.org/%E5%A4%B4%E5%8F%91"' in article.body
    assert ">https://example.org/头发</a>" in article.body
    assert "<code>软件 = 1</code>" in article.body
    assert 'src="01-软件/p.png"' in article.body
    assert article.source == book.articles[0].source and article.id == book.articles[0].id


def test_source_edition_is_the_book_itself(book):
    assert convert_book(book, edition_for("zh-Hans", None)) is book


def test_unknown_config_is_an_error_listing_the_known_ones():
    with pytest.raises(PaibanError) as caught:
        edition_for("zh-Hans", "s2x")
    assert "unknown conversion 's2x'" in caught.value.message and "s2twp" in caught.value.hint


def test_converting_from_the_wrong_script_is_an_error():
    with pytest.raises(PaibanError, match="converts from Hant"):
        edition_for("zh-Hans", "t2s")
    assert edition_for("zh-Hant-TW", "tw2s").language == "zh-Hans"


def test_output_names_keep_editions_side_by_side():
    out = Path("build")
    assert output_path(out, "book", Edition("zh-Hans"), "epub") == out / "book.epub"
    assert output_path(out, "book", Edition("zh-Hant-TW", "s2tw"), "pdf") == out / "book.zh-Hant-TW.pdf"


@pytest.mark.parametrize(("language", "region"), [
    ("zh-Hans", "SC"), ("zh-Hant", "TC"), ("zh-Hant-TW", "TC"), ("zh-Hant-HK", "HK")])
def test_fonts_follow_the_language(language, region):
    fonts = fonts_for(language)
    assert fonts.serif == (f"Noto Serif CJK {region}",) and fonts.sans == (f"Noto Sans CJK {region}",)
    assert fonts.mono == (f"Noto Sans Mono CJK {region}",)
