"""Preflight (`paiban check`): each kind of problem is found at its source line; a clean book is clean."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from docx import Document
from docx.shared import Cm
from PIL import Image
from rich.console import Console

import paiban
from paiban.check.metadata import isbn_check_digit
from paiban.check.preflight import preflight
from paiban.check.render import render_text
from paiban.check.report import Finding, Report
from paiban.cli import main
from paiban.errors import PaibanError
from paiban.sources import read_article
from paiban.theme import default_theme_dir

from conftest import (FIXTURES, PRESS_PROFILE, REPO, SAMPLE_BOOK, claimed_png, epub_text, made_font, make_book,
                      with_fonts_installed)

SCHEMA = json.loads((Path(paiban.__file__).parent / "check" / "report.schema.json").read_text(encoding="utf-8"))
ARTICLE = "01-样稿/01-问题稿.md"


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """The fixture book with its two images drawn: 315 px at its natural size (83 mm) is 96 dpi;
    the other (1400 px across the text block's 111 mm) is sharp, but has no alt text."""
    book = tmp_path / "preflight"
    shutil.copytree(FIXTURES / "preflight", book)
    (book / "01-样稿" / "images").mkdir()
    Image.new("RGB", (315, 236), "white").save(book / "01-样稿" / "images" / "low.png")
    Image.new("RGB", (1400, 1000), "white").save(book / "01-样稿" / "images" / "figure.png")
    return book


@pytest.mark.parametrize(("check", "severity", "file", "line", "words"), [
    ("glyphs", "error", ARTICLE, 5, "U+E000"),
    ("script", "warning", ARTICLE, 7, "體"),
    ("punctuation", "warning", ARTICLE, 9, "never closed"),
    ("metadata", "error", "book.toml", 7, "wrong check digit: 0, not 2"),
    ("images", "error", ARTICLE, 11, "96 dpi"),
    ("images", "warning", ARTICLE, 13, "figure.png has no alt text"),
    ("book", "warning", ARTICLE, 15, "#nowhere"),
])
def test_each_seeded_problem_is_reported_at_its_line(seeded, check, severity, file, line, words):
    findings = preflight(seeded, epubcheck=False).findings
    assert [(f.severity, f.file, f.line) for f in findings if f.check == check and words in f.message] == \
        [(severity, file, line)]


def test_seeded_book_reports_nothing_else(seeded):
    assert len([f for f in preflight(seeded, epubcheck=False).findings if f.severity != "info"]) == 7


def test_clean_sample_book_reports_no_errors_or_warnings_with_epubcheck():
    report = preflight(SAMPLE_BOOK)
    assert report.editions == ("cn", "tw", "hk")
    assert [f for f in report.findings if f.severity != "info"] == []
    assert report.exit_code(strict=True) == 0


def test_json_report_follows_the_schema_and_exits_2_on_errors(seeded):
    result = CliRunner().invoke(main, ["check", str(seeded), "--json"])
    assert result.exit_code == 2, result.output
    report = json.loads(result.output)
    jsonschema.validate(report, SCHEMA)
    glyph = next(f for f in report["findings"] if f["check"] == "glyphs")
    assert glyph["character"] == {"char": "\ue000", "code": "U+E000"}
    # The dangling link is unlinked (a warning): the EPUB built from the sources passes EPUBCheck.
    assert not any(f["check"] == "epubcheck" for f in report["findings"])


@pytest.mark.parametrize(("files", "where"), [
    ({"book.toml": '[book]\ntitle = "x\n'}, ("book.toml", 2)),
    ({"book.toml": '[book]\ntitle = "x"\n', "a.md": "---\ntitle: [\n---\n正文。\n"}, ("a.md", 2)),
    ({"book.toml": '[book]\ntitle = "x"\n', "a.md": "正文。\n",  # no JSON at all: an internal error
      "styles/_titlepage.html": "<section>\n<h1>{{ book.meta.title }}</h1>\n<p>{{ 1 // 0 }}</p>\n</section>\n"},
     ("styles/_titlepage.html", 3)),
])
def test_json_report_of_a_book_that_cannot_be_read_is_one_error_at_its_place(tmp_path, files, where):
    """stdout was empty (a plain error on stderr), so a CI step parsing it failed on the JSON."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    [finding] = report["findings"]
    assert (finding["severity"], finding["check"], finding["file"], finding["line"]) == ("error", "book", *where)


@pytest.mark.parametrize("missing", ["directory", "book.toml"])
def test_json_report_of_a_missing_book_names_the_path_given(tmp_path, missing):
    """It named the file "." (the book's directory relative to itself)."""
    book = tmp_path / "nonexist" if missing == "directory" else tmp_path
    result = CliRunner().invoke(main, ["check", str(book), "--json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    [finding] = report["findings"]
    assert finding["file"] == book.as_posix() and str(book) in finding["message"]


def test_terminal_report_groups_by_severity_with_counts(seeded):
    result = CliRunner().invoke(main, ["check", str(seeded)])
    assert result.output.index("Errors (3)") < result.output.index("Warnings (4)")
    assert f"{ARTICLE}:5" in result.output
    assert result.output.rstrip().endswith("3 errors, 4 warnings in 1 edition.")


def test_warnings_fail_only_under_strict():
    report = Report.of("b", ["cn"], None, [Finding("warning", "images", "image x.png has no alt text")])
    assert (report.exit_code(), report.exit_code(strict=True)) == (0, 1)
    assert Report.of("b", ["cn"], None, [Finding("info", "metadata", "no identifier")]).exit_code(strict=True) == 0


def test_findings_of_several_editions_are_merged():
    same = [Finding("error", "glyphs", "U+E000", "a.md", 3, editions=(name,)) for name in ("cn", "tw")]
    assert Report.of("b", ["cn", "tw"], None, same).findings == (
        Finding("error", "glyphs", "U+E000", "a.md", 3, editions=("cn", "tw")),)


@pytest.mark.parametrize("isbn", ["0306406152", "080442957X", "9780306406157", "9787544212342"])
def test_valid_isbns_have_the_check_digit_they_end_with(isbn):
    assert isbn_check_digit(isbn[:-1]) == isbn[-1]


def test_build_stops_on_a_missing_glyph_unless_allowed(tmp_path):
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文\ue000。\n"})
    with pytest.raises(paiban.PaibanError) as error:
        paiban.build(book, formats=["epub"], output=tmp_path / "out")
    assert (error.value.file.name, error.value.line) == ("a.md", 3)
    assert "--allow-missing-glyphs" in error.value.hint
    outputs = paiban.build(book, formats=["epub"], output=tmp_path / "out", allow_missing_glyphs=True)
    assert outputs[0].path.is_file()


@pytest.mark.parametrize("formats", [["epub"], ["pdf"]])
def test_a_missing_glyph_allowed_is_warned_of_at_its_file_and_line(tmp_path, caplog, formats):
    """With --allow-missing-glyphs an EPUB was built without a word of it, and the PDF's only word
    was WeasyPrint's, naming no place: `.notdef glyph rendered for Unicode string unsupported by fonts`."""
    book = make_book(tmp_path / "b", {"卷一/說.md": "# 說\n\n𪚥者、四龍也。\n"})
    [output] = paiban.build(book, formats=formats, allow_missing_glyphs=True)
    assert output.path.is_file()
    [told] = [record.getMessage() for record in caplog.records if "U+2A6A5" in record.getMessage()]
    assert told.startswith(f"{book}/卷一/說.md:3: U+2A6A5 𪚥 has no glyph in Noto Serif CJK SC, DejaVu Serif (text) (")


def test_weasyprints_box_for_a_character_the_build_warned_of_is_not_told_again_but_for_another_is():
    """Of a character the glyph check does not read (the content of a book's own sheet), WeasyPrint's
    warning is all there is."""
    import logging

    from paiban.render.pdf import _weasyprint_warnings

    told: list[str] = []
    with _weasyprint_warnings(told.append, missing=frozenset("𪚥")):
        for char in "𪚥𠀋":
            logging.getLogger("weasyprint").warning(
                '.notdef glyph rendered for Unicode string unsupported by fonts: "%s" (U+%04X)', char, ord(char))
    assert told == ['WeasyPrint: .notdef glyph rendered for Unicode string unsupported by fonts: "𠀋" (U+2000B)']


def test_a_missing_glyph_the_conversion_wrote_names_the_sources_character_and_the_phrase_that_keeps_it(tmp_path):
    """hk2s writes Cantonese 嗰 as 𠮶 (U+20BB6), which the edition's fonts lack: the error named 𠮶
    at a line that has 嗰, and said only to install a font."""
    toml = ('[book]\ntitle = "茶記"\nlanguage = "zh-Hant-HK"\nauthors = ["某人"]\n'
            '[[editions]]\nname = "hk"\n[[editions]]\nname = "cn"\nconvert = "hk2s"\n')
    book = make_book(tmp_path / "b", {"a.md": "# 茶記\n\n嗰個仔成日喺樓下打機。\n"}, toml=toml)
    with pytest.raises(paiban.PaibanError) as error:
        paiban.build(book, formats=["epub"], editions=("cn",), output=tmp_path / "out")
    assert (error.value.file.name, error.value.line) == ("a.md", 3)
    assert error.value.message.endswith("(text); hk2s writes 嗰 as \U00020BB6")
    assert error.value.hint.startswith(
        'To print the source\'s character instead, keep it in [phrases] of book.toml ("嗰" = "嗰"), or in the '
        '`phrases` of its [[editions]] entry (name = "cn") for this edition alone. Else: No installed font has it.')
    (book / "book.toml").write_text(f'[phrases]\n"嗰" = "嗰"\n{toml}', encoding="utf-8")
    [output] = paiban.build(book, formats=["epub"], editions=("cn",), output=tmp_path / "out")
    assert "嗰个仔成日" in epub_text(output.path)


def test_a_missing_glyph_on_many_lines_of_a_converted_edition_is_looked_up_in_the_source_once(tmp_path, monkeypatch):
    """Of a character the conversion leaves as it is (𪚥), the source's was looked for again at each
    of its lines: only a character written otherwise was remembered."""
    from paiban.check.passages import Locator

    asked = []
    written = Locator.written
    monkeypatch.setattr(Locator, "written", lambda self, passage, offset: asked.append(offset)
                        or written(self, passage, offset))
    toml = ('[book]\ntitle = "說"\nlanguage = "zh-Hant"\nauthors = ["某人"]\n'
            '[[editions]]\nname = "cn"\nconvert = "t2s"\n')
    book = make_book(tmp_path / "b", {"a.md": "# 說\n\n𪚥者一。\n\n𪚥者二。\n\n𪚥者三。\n"}, toml=toml)
    with pytest.raises(paiban.PaibanError) as error:
        paiban.build(book, formats=["epub"], output=tmp_path / "out")
    assert "U+2A6A5" in error.value.message and "writes" not in error.value.message
    assert len(asked) == 1


def test_a_reading_in_a_title_is_checked_for_glyphs_as_its_heading_prints_it(tmp_path):
    """A title's plain text is its ruby's base alone (静夜思), but its heading prints the readings:
    a character of a reading no font has was left out of the glyph check's quick answer."""
    book = make_book(tmp_path / "b", {"a.md": "# <ruby>静<rt>jìng\ue000</rt></ruby>夜思\n\n正文。\n"})
    with pytest.raises(paiban.PaibanError) as error:
        paiban.build(book, formats=["epub"], output=tmp_path / "out")
    assert (error.value.file.name, error.value.line) == ("a.md", 1) and "U+E000" in error.value.message


_CHAPTER = """<section class="chapter" id="{{ chapter.id }}">
<p class="ornament">第\ue000章</p>
<h1 class="chapter-title"><span class="chapter-name">{{ chapter.title }}</span></h1>
{% for article in chapter.articles %}{% include "_article.html" %}{% endfor %}
</section>
"""


def test_a_character_of_a_books_template_its_fonts_lack_stops_the_build_at_its_line(tmp_path):
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文。\n", "styles/_chapter.html": _CHAPTER})
    with pytest.raises(paiban.PaibanError) as error:
        paiban.build(book, formats=["epub"], output=tmp_path / "out")
    assert (error.value.file.name, error.value.line) == ("_chapter.html", 2)
    assert "U+E000" in error.value.message


def test_the_text_of_a_books_templates_is_checked_in_every_edition_at_its_line(tmp_path):
    """Written in the templates, 編 is Traditional in the Simplified edition and converted in the
    Traditional one; the private-use character is missing in both. The tag's class is no text."""
    book = make_book(tmp_path / "b", {
        "a.md": "# 题\n\n正文。\n",
        "styles/_chapter.html": _CHAPTER,
        "styles/_titlepage.html": '<section class="titlepage" id="titlepage">\n'
                                  '<p class="編">{{ book.meta.authors | join("、") }} 編著</p>\n</section>\n',
    }, toml="""
        [book]
        title = "书"
        authors = ["某人"]
        [[editions]]
        name = "cn"
        [[editions]]
        name = "tw"
        convert = "s2twp"
        """)
    found = sorted((f.check, f.file, f.line, f.char, f.editions) for f in preflight(book, epubcheck=False).findings
                   if f.check in ("glyphs", "script"))
    assert found == [("glyphs", "styles/_chapter.html", 2, "\ue000", ("cn",)),
                     ("glyphs", "styles/_chapter.html", 2, "\ue000", ("tw",)),  # in other fonts: two findings
                     ("script", "styles/_titlepage.html", 2, "編", ("cn",))]


def test_text_tagged_with_a_language_whose_regions_fonts_are_missing_is_a_warning(tmp_path, monkeypatch):
    """The check skipped the glyphs of text whose region's fonts were missing and said nothing of
    them, while the PDF drew it in a stray face: it warns, naming the lang, the file, the package."""
    from paiban.check import glyphs

    installed = glyphs.installed_families()
    monkeypatch.setattr(glyphs, "installed_families", lambda: {name for name in installed if "CJK JP" not in name})
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文，[骨と直]{lang=ja}，[骨直]{lang=zh-HK}。\n"})
    [found] = [f for f in preflight(book, epubcheck=False).findings if f.check == "glyphs"]
    assert (found.severity, found.file, found.line) == ("warning", "a.md", 3)
    assert found.message.startswith("the text tagged lang=ja is drawn in the edition's fonts (Noto Serif CJK SC)")
    assert "apt-get install fonts-noto-cjk" in found.hint


def test_a_colour_picture_in_a_book_in_black_ink_is_a_warning(tmp_path):
    """Only the build said that a colour picture prints in grey in a book in black ink; the check,
    which a book is checked with before it goes to the printer, said nothing."""
    pictures = {}
    for name, colour in (("red.png", "red"), ("grey.png", "grey")):
        data = io.BytesIO()
        Image.new("RGB", (900, 600), colour).save(data, "PNG")
        pictures[name] = data.getvalue()
    book = make_book(tmp_path / "b", {**pictures, "a.md": "# 题\n\n![红](red.png)\n\n![灰](grey.png)\n"},
                     '[book]\ntitle = "书"\n[pdf]\ncolour = "black"\n')
    found = [f for f in preflight(book, epubcheck=False).findings if f.check == "images" and "dpi" not in f.message]
    assert [(f.severity, f.file, f.line, f.message) for f in found] == [
        ("warning", "a.md", 3, "image red.png: a colour picture in a book printed in black ink: it is printed in grey")]
    assert found[0].hint.startswith("Check that what its colours told apart still shows")


def test_a_picture_in_rgb_in_a_pdf_x_is_a_warning_as_the_build_gives(tmp_path, caplog):
    """The build named a picture in RGB in a PDF/X (written as device RGB, left to the printer's RIP);
    the check, the preflight a book goes to the printer after, said nothing."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n![红](rgb.png)\n\n![印](press.jpg)\n\n![灰](grey.png)\n",
                                      "press.icc": PRESS_PROFILE.read_bytes()},
                     '[book]\ntitle = "书"\n[pdf]\nvariant = "pdf/x-4"\noutput-profile = "press.icc"\n')
    pictures = (("rgb.png", "RGB", "red"), ("press.jpg", "CMYK", (0, 255, 255, 0)), ("grey.png", "L", 128))
    for name, mode, colour in pictures:
        Image.new(mode, (3000, 2000), colour).save(book / name)
    found = [(f.severity, f.file, f.line, f.message) for f in preflight(book, epubcheck=False).findings
             if f.check == "images"]
    told = ("a picture in RGB in a PDF/X: it is written as device RGB, which the printer's RIP converts as it likes; "
            "convert it to CMYK with the printer's profile")
    assert found == [("warning", "a.md", 3, f"image rgb.png: {told}")]
    paiban.build(book, formats=["pdf"])
    assert [record.getMessage() for record in caplog.records if "PDF/X" in record.getMessage()] == [
        f"{book / 'rgb.png'}: {told}"]


def test_an_article_file_no_chapter_lists_is_a_finding_at_the_file(tmp_path):
    """A serial's new chapter, in its volume's folder but not yet in book.toml, was missing from the
    book, and the check, as the build, said nothing of it."""
    book = make_book(tmp_path / "b", {"卷一/1.txt": "第一章\n\n正文。\n", "卷一/3.txt": "第三章\n\n今天的一章。\n"},
                     '[book]\ntitle = "书"\n[[parts]]\ntitle = "卷一"\n[[parts.chapters]]\ntitle = "第一章"\n'
                     'articles = ["卷一/1.txt"]\n')
    found = [(f.severity, f.file, f.message.split(". Add")[0]) for f in preflight(book, epubcheck=False).findings
             if f.check == "book"]
    assert found == [("warning", "卷一/3.txt", "left out of the book: no chapter of book.toml lists it")]


def test_words_that_rightly_use_a_character_of_the_other_script_pass(tmp_path):
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n乾坤未定。我们去台湾，用软件。迈上新征程。\n"}, toml="""
        [book]
        title = "书"
        authors = ["某人"]
        [phrases]
        "征程" = "征程"  # s2twp would write 徵程
        [[editions]]
        name = "cn"
        [[editions]]
        name = "tw"
        convert = "s2twp"
        """)
    assert [f for f in preflight(book, epubcheck=False).findings if f.check == "script"] == []


def test_a_phrase_that_keeps_a_word_passes_in_an_edition_that_converts_to_it(tmp_path):
    """s2hk writes Cantonese 晒 (all) as 曬 (sun-dry), so the book keeps 唔该晒 as 唔該晒: the build
    printed it so, but the check converted the printed 唔該晒 again, where the Simplified key no
    longer matched, and blamed the entry."""
    book = make_book(tmp_path / "b", {"a.md": "# 茶记\n\n唔该晒你帮我手。\n"}, toml="""
        [book]
        title = "茶记"
        authors = ["某人"]
        [phrases]
        "唔该晒" = "唔該晒"
        [[editions]]
        name = "hk"
        convert = "s2hk"
        """)
    assert [f for f in preflight(book, epubcheck=False).findings if f.check == "script"] == []


@pytest.mark.parametrize("editions", ["", '[[editions]]\nname = "hk"\n[[editions]]\nname = "cn"\nconvert = "hk2s"\n'])
def test_a_word_opencc_does_not_know_is_kept_by_a_phrase_in_an_edition_printed_as_written(tmp_path, editions):
    """Cantonese 晒 (all) and 吓 (a bit) are Simplified to OpenCC, whose tables know them only as
    曬 (sun-dry) and 嚇 (frighten): the check warns, and a Hong Kong book's [phrases] that keep them
    were not read for an edition that converts nothing. The hint names such an entry."""
    files = {"a.md": "# 茶記\n\n唔該晒你幫我手。\n\n阿明：吓？咁即係幾多錢呀？\n"}
    toml = f'[book]\ntitle = "茶記"\nlanguage = "zh-Hant-HK"\nauthors = ["某人"]\n{editions}'
    book = make_book(tmp_path / "b", files, toml=toml)
    found = [f for f in preflight(book, epubcheck=False).findings if f.check == "script" and f.editions != ("cn",)]
    assert [(f.line, f.char) for f in found] == [(3, "晒"), (5, "吓")]
    assert found[0].hint.startswith('Write 曬 in the source; if 晒 is the word meant here, keep it in [phrases], '
                                    '"晒" = "晒" (or the word it is part of)')
    book = make_book(tmp_path / "kept", files, toml=f'[phrases]\n"唔該晒" = "唔該晒"\n"吓" = "吓"\n{toml}')
    assert [f for f in preflight(book, epubcheck=False).findings if f.check == "script"] == []


def test_text_in_another_language_is_not_taken_for_the_other_script(tmp_path):
    """語 and 漢 of a span tagged ja were flagged as Traditional in a Simplified edition: text in
    another language is kept as written, as no-convert text is, and not checked for the book's script."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文[日本語の漢字]{lang=ja}。\n\n正文體。\n"})
    found = [(f.file, f.line, f.char) for f in preflight(book, epubcheck=False).findings if f.check == "script"]
    assert found == [("a.md", 5, "體")]


def test_a_phrase_of_book_toml_tagged_with_another_language_is_not_taken_for_the_other_script(tmp_path):
    """Every edition prints book.toml's [学校の国語]{lang=ja} as written: its 語 was flagged in the
    Simplified edition and its 国, 学 in the Taiwan one. Its untagged text is still checked."""
    book = make_book(tmp_path / "b", {"a.md": "# 一\n\n正文。\n"}, toml="""
        [book]
        title = "译丛體[学校の国語]{lang=ja}"
        authors = ["[国枝学]{lang=ja}"]
        [[editions]]
        name = "cn"
        [[editions]]
        name = "tw"
        convert = "s2tw"
        """)
    found = [(f.line, f.char, f.editions) for f in preflight(book, epubcheck=False).findings if f.check == "script"]
    assert found == [(3, "體", ("cn",))]


def test_a_traditional_compatibility_ideograph_is_flagged_in_a_simplified_edition_as_its_unified_form_is(tmp_path):
    """漢 U+FA47 and 塚 U+FA10 (compatibility ideographs, as OCR and JIS-sourced text has them)
    passed, though t2s writes them 汉 and 冢: only the unified 漢 U+6F22 and 塚 U+585A were flagged.
    朗 U+F929 is no Traditional form: t2s keeps it."""
    text = "# 题\n\n娶\ufa47阳陈氏。\n\n娶\u6f22阳陈氏。\n\n葬\ufa10下村\uf929山。\n"
    book = make_book(tmp_path / "b", {"a.md": text})
    found = [(f.line, f.char, f.message) for f in preflight(book, epubcheck=False).findings if f.check == "script"]
    assert found == [(3, "\ufa47", "Traditional \ufa47 (U+FA47) in a Simplified edition; OpenCC writes 汉"),
                     (5, "\u6f22", "Traditional \u6f22 (U+6F22) in a Simplified edition; OpenCC writes 汉"),
                     (7, "\ufa10", "Traditional \ufa10 (U+FA10) in a Simplified edition; OpenCC writes 冢")]


def test_a_no_convert_part_of_a_title_is_checked_as_the_source_script_in_its_fonts(tmp_path):
    """后台 stays Simplified in the Hong Kong edition's title as marked: no script warning, and its
    glyphs are looked for in the Simplified fonts, as the heading's lang says they are drawn."""
    from paiban.assemble import assemble
    from paiban.check.passages import passages
    from paiban.config import load_config
    from paiban.convert import edition_theme, make_edition
    from paiban.edition import editions_for
    from paiban.theme import Theme

    book = make_book(tmp_path / "b", {"01-文.md": "# 标题里的[后台]{.no-convert}\n\n正文[后台]{.no-convert}。\n"},
                     toml='[book]\ntitle = "原文"\nauthors = ["测试"]\n'
                          '[[editions]]\nname = "hk"\nconvert = "s2hk"\n')
    assert [f for f in preflight(book, epubcheck=False).findings if f.check in ("script", "glyphs")] == []
    loaded = load_config(book)
    [edition] = editions_for(loaded.config)
    printed = list(passages(make_edition(assemble(loaded), edition), loaded, edition_theme(Theme(book), edition)))
    title = [(p.text, p.role, p.lang, p.converted) for p in printed if "標題" in p.text or p.text == "后台"]
    assert title[:2] == [("標題裏的", "sans", None, True), ("后台", "sans", "zh-Hans", False)]


def test_a_book_written_traditional_is_flagged_only_for_its_strays(tmp_path):
    """Taiwan's 台 passes, the generated labels are written Traditional (目錄), and a loose
    article's chapter, named after the book, is found in book.toml: only the Simplified 记 and 与
    are left."""
    book = make_book(tmp_path / "b", {"01.md": "# 台北\n\n我住在台灣的台北，颱風來了。\n\n我与你。\n"}, toml="""
        [book]
        title = "台灣小记"
        language = "zh-Hant-TW"
        authors = ["林一"]
        editors = ["陳二"]
        """)
    found = [(f.file, f.line, f.char) for f in preflight(book, epubcheck=False).findings if f.check == "script"]
    assert found == [("01.md", 5, "与"), ("book.toml", 3, "记")]


def test_a_regions_variants_left_in_a_simplified_edition_are_flagged_and_its_converted_text_is_clean(tmp_path):
    """A Hong Kong book's mainland edition by tw2sp printed 衞 and the check, comparing with t2s
    (which keeps it too), said nothing. The text is now converted clean; the edition's own title,
    printed as written, is flagged for its 衞, a variant of 衛."""
    book = make_book(tmp_path / "b", {"01.md": "# 衞星\n\n衞星與軟件，著作。\n"}, toml="""
        [book]
        title = "衞星"
        language = "zh-Hant-HK"
        authors = ["林一"]

        [[editions]]
        name = "cn"
        convert = "tw2sp"
        title = "衞星与软件"
        """)
    found = [(f.file, f.line, f.char) for f in preflight(book, epubcheck=False).findings if f.check == "script"]
    assert found == [("book.toml", 10, "衞")]


def test_characters_both_scripts_write_pass_in_a_traditional_book_and_its_strays_do_not(tmp_path):
    """云 (詩云), 于 (單于), 咸, 余, 几, 里, 后 were flagged as Simplified in a Traditional book, as
    s2t writes 雲, 於, 鹹 …: OpenCC's own tables list them as Traditional forms too. The 们 is a stray."""
    book = make_book(tmp_path / "b", {"01.md": "# 古文\n\n《詩》云：「有女同車。」匈奴單于。《周易‧咸卦》。\n\n"
                                               "余嘗登泰山。憑几而坐。鄉里稱之。后妃之德也。\n\n我们。\n"},
                     toml='[book]\ntitle = "古文"\nlanguage = "zh-Hant-TW"\nauthors = ["編者"]\n')
    found = [(f.file, f.line, f.char) for f in preflight(book, epubcheck=False).findings if f.check == "script"]
    assert found == [("01.md", 7, "们")]


@pytest.mark.parametrize(("language", "text", "strays"), [
    ("zh-Hant-TW", "你說什么？這是為什么呢，怎么辦。山峰上的床，一群人。", [("么", "麼")]),
    ("zh-Hant-HK", "住户的温度與税，什么？", [("么", "麼")]),
])
def test_a_simplified_character_a_regions_table_takes_to_a_form_both_scripts_write_is_still_a_stray(
        tmp_path, language, text, strays):
    """Taiwan's tw2t, the step that takes a Taiwan book to OpenCC's standard, writes 么 as 幺, a form
    of both scripts: a Taiwan book's 什么 was taken for that and passed. The region's own forms
    (Taiwan's 峰, 床, 群 of 峯, 牀, 羣; Hong Kong's 户, 温, 税 of 戶, 溫, 稅) still pass."""
    book = make_book(tmp_path / "b", {"01.md": f"# 第一篇\n\n{text}\n"},
                     toml=f'[book]\ntitle = "書"\nlanguage = "{language}"\nauthors = ["某"]\n')
    found = [f for f in preflight(book, epubcheck=False).findings if f.check == "script"]
    assert [(f.file, f.line, f.char) for f in found] == [("01.md", 3, char) for char, _ in strays]
    assert [f.message for f in found] == [
        f"Simplified {char} (U+{ord(char):04X}) in a Traditional edition; OpenCC writes {suggested}"
        for char, suggested in strays]


@pytest.mark.parametrize("failure", [subprocess.CalledProcessError(1, "opencc_dict"),
                                     subprocess.TimeoutExpired("opencc_dict", 60), PermissionError(13, "denied")])
def test_opencc_tables_that_cannot_be_read_leave_the_script_check_as_the_conversion_says(monkeypatch, caplog, failure):
    """A failing ``opencc_dict`` (an error, a timeout, no permission) stopped paiban check with an
    internal error: the characters both scripts write are then taken as the conversion says, with a warning."""
    from paiban import convert

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(convert.subprocess, "run", fail)
    convert.both_scripts.cache_clear()
    try:
        assert convert.both_scripts() == frozenset()
    finally:
        convert.both_scripts.cache_clear()
    assert "could not read OpenCC's character tables" in caplog.text


@pytest.mark.parametrize(("toml", "line", "says"), [
    ('[book]\ntitle = "臺北舊夢"\nauthors = ["林一"]\n', 1, 'language = "zh-Hant"'),
    ('[book]\ntitle = "臺北舊夢"\nlanguage = "zh-Hans"\nauthors = ["林一"]\n', 3, 'language = "zh-Hant"'),
    ('[book]\ntitle = "臺北舊夢"\nauthors = ["林一"]\n\n[[editions]]\nname = "x"\nlanguage = "zh-Hans"\n', 7,
     'language = "zh-Hant"'),
], ids=["default", "book", "edition"])
def test_sources_in_the_other_script_than_the_language_are_one_finding_at_the_language(tmp_path, toml, line, says):
    """A Traditional book left to the default zh-Hans: one warning where the language is (or is to
    be) written, saying what to set, not one per line telling the author to rewrite the book."""
    text = ("# 第一章 初到臺北\n\n" + "他拖著行李走出車站，雨還在下。\n\n她在騎樓下等他，說了許多話。\n\n" * 3
            + "我与你。\n")
    book = make_book(tmp_path / "b", {"01.md": text, "02.md": text.replace("第一章", "第二章")}, toml=toml)
    found = [f for f in preflight(book, epubcheck=False).findings if f.check == "script"]
    assert [(f.file, f.line, f.char) for f in found] == [("book.toml", line, None)]
    assert "the sources are Traditional" in found[0].message and says in found[0].hint


@pytest.mark.parametrize(("text", "expected"), [
    ("# 引文\n\n古书里写着“體用”二字，我们今天这样读它。\n", "體"),
    # (A single Traditional phrase, or a book half of quotations, was told to change its language.)
    ("# Notes\n\nThis book is in English, with one Chinese phrase: 這人很好。\n", "這"),
    ("# 引文\n\n" + "引文：“學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？人不知而不慍，不亦君子乎？”我们读。\n\n" * 4,
     "學"),
])
def test_a_simplified_book_is_not_told_to_change_its_language_for_its_traditional_quotations(tmp_path, text,
                                                                                              expected):
    book = make_book(tmp_path / "b", {"01.md": text}, toml='[book]\ntitle = "Reading Notes"\nauthors = ["Lin"]\n')
    found = [(f.file, f.line, f.char) for f in preflight(book, epubcheck=False).findings if f.check == "script"]
    assert ("01.md", 3, expected) in found and all(file == "01.md" for file, _, _ in found)


@pytest.mark.parametrize(("convert", "language", "contradicts"), [
    ("s2hk", "zh-Hant-TW", True), ("s2twp", "zh-Hant-HK", True), ("s2tw", "zh-Hans", True),
    ("s2t", "zh-Hant-TW", False), ("s2hk", "zh-Hant", False), ("s2hk", "zh-Hant-HK", False),
])
def test_an_editions_language_of_another_region_than_its_conversion_is_an_error_at_its_line(
        tmp_path, convert, language, contradicts):
    """Hong Kong's text (户) tagged Taiwan's is one error at the `language` line, as `paiban build`
    refuses it, not warnings that blame the source for what the edition's own conversion wrote."""
    book = make_book(tmp_path / "b", {"a.md": "# 户口\n\n户口说明。\n"}, toml=f"""
        [book]
        title = "户口"
        authors = ["某人"]

        [[editions]]
        name = "x"
        convert = "{convert}"
        language = "{language}"
        """)
    if contradicts:
        with pytest.raises(PaibanError) as caught:
            preflight(book, epubcheck=False)
        assert (caught.value.file.name, caught.value.line) == ("book.toml", 9)
        assert caught.value.message.startswith(f"language {language} does not match conversion {convert}, which writes")
    else:
        assert [f for f in preflight(book, epubcheck=False).findings
                if f.check in ("metadata", "script") and f.severity != "info"] == []


def test_findings_about_book_toml_name_their_line_and_a_fix_toml_allows(tmp_path):
    """A font of another region at its [fonts] line; a Simplified character in an edition's own
    title (printed as written) at that title's line, with a hint to write it so, not to mark it
    no-convert, which TOML cannot."""
    book = make_book(tmp_path / "b", {"01.md": "# 文章\n\n正文。\n"}, toml="""
        [book]
        title = "说明"
        authors = ["测试"]

        [fonts]
        serif = ["Noto Serif CJK SC"]

        [[editions]]
        name = "tw"
        convert = "s2twp"
        title = "说明（台湾版）"
        """)
    found = [(f.check, f.line, f.char, f.hint) for f in preflight(book, epubcheck=False).findings
             if f.file == "book.toml" and f.severity == "warning"]
    assert found == [
        ("metadata", 7, None, 'Use the TC family of that font in [fonts]: serif = ["Noto Serif CJK TC"].'),
        ("script", 12, "湾", "Write 灣 in book.toml: this value is printed as written, never converted."),
        ("script", 12, "说", "Write 說 in book.toml: this value is printed as written, never converted."),
    ]


INTERVIEW = ("---\nauthor: 范志明\n---\n# 三人谈\n\n**于小梅：**我先说两句。\n\n**余秋：**请。\n\n"
             "**于小梅：**那就这样。\n\n**余秋：**好。\n\n**范例：**一句。\n\n"
             "后来：一句。\n\n后来：又一句。\n\n干部：一句。\n\n干部：又一句。\n")
INTERVIEW_TOML = ('[book]\ntitle = "书"\nauthors = ["余华"]\n[[editions]]\nname = "cn"\n'
                  '[[editions]]\nname = "tw"\nconvert = "s2tw"\n')


def test_a_name_whose_surname_the_conversion_changes_is_named(tmp_path):
    """OpenCC writes 于 as 於 and 余 as 餘, surnames too: the tw edition printed 於小梅 on every
    speaker's line and 餘華 as the author, which the script check passes (it is good Traditional),
    and nothing said so. A name of book.toml or an article's author is a warning, a speaker's label
    (the name opening two paragraphs or more) a note; a label said once (范例：) is none, nor is a
    common word said twice (后来：, 干部：, whose [phrases] entry would misprint it), nor the cn
    edition's text."""
    book = make_book(tmp_path / "b", {"a.md": INTERVIEW}, toml=INTERVIEW_TOML)
    found = [(f.severity, f.file, f.line, f.message, f.hint, f.editions)
             for f in preflight(book, epubcheck=False).findings if f.check == "script"]
    assert found == [
        ("warning", "a.md", 2, "范志明 (the article's author) is printed 範志明: as a surname, 范 is 范 in "
         "Traditional too, where OpenCC writes 範",
         'Keep its surname with [phrases] in book.toml: "范志明" = "范志明".', ("tw",)),
        ("warning", "book.toml", 3, "余华 (a name of book.toml) is printed 餘華: as a surname, 余 is 余 in Traditional "
         "too, where OpenCC writes 餘", 'Keep its surname with [phrases] in book.toml: "余华" = "余華".', ("tw",)),
        ("info", "a.md", 6, "于小梅 (a speaker's label, 2 times) is printed 於小梅: as a surname, 于 is 于 in "
         "Traditional too, where OpenCC writes 於",
         'If it is a name, keep its surname with [phrases] in book.toml: "于小梅" = "于小梅".', ("tw",)),
        ("info", "a.md", 8, "余秋 (a speaker's label, 2 times) is printed 餘秋: as a surname, 余 is 余 in "
         "Traditional too, where OpenCC writes 餘",
         'If it is a name, keep its surname with [phrases] in book.toml: "余秋" = "余秋".', ("tw",)),
    ]


def test_every_name_of_an_articles_author_is_looked_at(tmp_path):
    """A co-author (author: [玛丽·霍尔, 范一舟]), a translator in a credit and a name after its writer's
    country were printed 範一舟, 餘曉帆 and 於麗莎 in the tw edition, unwarned: the surname looked at was
    the first character of the whole line."""
    articles = {"a.md": "---\nauthor: [玛丽·霍尔, 范一舟]\n---\n# 潮汐\n\n潮水退了。\n",
                "b.md": "---\nauthor: ［英］艾德温·柯林斯 著　余晓帆 译\n---\n# 灯塔\n\n灯亮了。\n",
                "c.md": "---\nauthor: ［美］于丽莎\n---\n# 风\n\n风停了。\n"}
    toml = INTERVIEW_TOML.replace('authors = ["余华"]', 'editors = ["沈秋禾"]')
    book = make_book(tmp_path / "b", articles, toml=toml)
    found = [(f.file, f.line, f.message.split(":")[0], f.hint)
             for f in preflight(book, epubcheck=False).findings if f.check == "script"]
    assert found == [
        ("a.md", 2, "范一舟 (a name of the article's author) is printed 範一舟",
         'Keep its surname with [phrases] in book.toml: "范一舟" = "范一舟".'),
        ("b.md", 2, "余晓帆 (a name of the article's author) is printed 餘曉帆",
         'Keep its surname with [phrases] in book.toml: "余晓帆" = "余曉帆".'),
        ("c.md", 2, "于丽莎 (a name of the article's author) is printed 於麗莎",
         'Keep its surname with [phrases] in book.toml: "于丽莎" = "于麗莎".'),
    ]


def test_a_name_whose_surname_a_phrase_of_the_conversion_changes_is_named(tmp_path):
    """OpenCC's phrase 周一 (Monday, 週一) printed the author 周一禾 as 週一禾 in the tw edition, unwarned:
    only the surnames its character table changes were looked at. 张 printed 張, as alone, is none."""
    articles = {"a.md": "---\nauthor: 周一禾\n---\n# 时评\n\n老字号要守正创新。\n",
                "b.md": "---\nauthor: 张三\n---\n# 风\n\n风停了。\n"}
    book = make_book(tmp_path / "b", articles, toml=INTERVIEW_TOML.replace('authors = ["余华"]', 'authors = ["某人"]'))
    found = [(f.severity, f.file, f.line, f.message, f.hint)
             for f in preflight(book, epubcheck=False).findings if f.check == "script"]
    assert found == [("warning", "a.md", 2, "周一禾 (the article's author) is printed 週一禾: as a surname, 周 is 周 "
                      "in Traditional too, where OpenCC writes 週",
                      'Keep its surname with [phrases] in book.toml: "周一禾" = "周一禾".')]


def test_a_name_kept_with_phrases_is_not_named(tmp_path):
    book = make_book(tmp_path / "b", {"a.md": INTERVIEW},
                     toml=INTERVIEW_TOML + '[phrases]\n"余华" = "余華"\n"范志明" = "范志明"\n"于小梅" = "于小梅"\n'
                          '"余秋" = "余秋"\n')
    assert [f.message for f in preflight(book, epubcheck=False).findings if f.check == "script"] == []


def test_a_quotation_over_several_paragraphs_opens_each_and_closes_once(tmp_path):
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n“第一段。\n\n“第二段。”\n\n（没有收尾\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == [("（ is never closed", 7)]


def test_one_quotation_left_open_is_one_finding_in_editions_of_both_quote_styles(tmp_path):
    """A 「 never closed was reported twice: as “ (cn) and as 「 (tw)."""
    book = make_book(tmp_path / "b", {"a.md": "# 題\n\n「未關閉的引號，他說。\n\n（沒有收尾\n"},
                     toml='[book]\ntitle = "書"\nauthors = ["某人"]\nlanguage = "zh-Hant-TW"\n'
                          '[[editions]]\nname = "tw"\n[[editions]]\nname = "cn"\nconvert = "tw2sp"\n')
    report = Report.of("b", ["tw", "cn"], None, preflight(book, epubcheck=False).findings)
    found = [(f.message, f.line, f.char, f.editions) for f in report.findings if f.check == "punctuation"]
    assert found == [("「 or “ is never closed", 3, "「", ("tw", "cn")), ("（ is never closed", 5, "（", ("tw", "cn"))]


@pytest.mark.parametrize("quotes", ["corner", "curly"])
def test_apostrophes_and_primes_are_no_unbalanced_quotes(tmp_path, quotes):
    """The check pairs quotes as the build does: rock ’n’ roll's and 5’10”'s marks are no quotes,
    and a quotation closed in another text of its paragraph is closed; a real stray is still found.
    The students’ ’ inside a quotation is an apostrophe, in the edition's corner marks too."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n歌名是 ‘Rock ’n’ Roll’ 的那一首。\n\n"
                                              "他身高 5’10”，比我高。\n\n剧本‘**经典** Hamlet’。\n\n多了”。\n\n"
                                              "她写道‘the students’ union’很重要。\n"},
                     toml=f'[book]\ntitle = "书"\nauthors = ["某人"]\n[[editions]]\nname = "x"\n'
                          f'convert = "s2twp"\nquotes = "{quotes}"\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    closer = "」" if quotes == "corner" else "”"
    assert found == [(f"{closer} closes a {'「' if quotes == 'corner' else '“'} that was never opened", 9)]


def test_a_quotation_in_latin_text_keeps_its_curly_marks_in_a_corner_edition_unflagged(tmp_path):
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\nShe sings “Do-Re-Mi” every night.\n\n他唱了“Do”。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\nlanguage = "zh-Hant"\n')
    found = [f.message for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == []


def test_quotes_no_convert_text_keeps_as_written_are_unflagged(tmp_path):
    """The build leaves no-convert text's quotes (and their quotations' other marks) as written:
    the check does not ask for them to be retyped."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n台湾版用[「 」]{.no-convert}。\n\n::: no-convert\n"
                                              "他说：「你好。」\n:::\n\n他说：「[原话。」]{.no-convert}后来‘走’。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == []


def test_what_reading_the_book_warned_of_is_listed_at_its_file_and_line(tmp_path):
    """(A warning was only logged, so `paiban check --json` in a CI step never showed it.)"""
    book = make_book(tmp_path / "b", {"a.md": "# 标题[^1]\n\n正文。\n\n[^1]: 注。\n", "b.md": "# 乙\n\n正\x01文二。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.severity, f.file, f.line, f.message.split(":")[0][:24])
             for f in preflight(book, epubcheck=False).findings if f.check == "book"]
    assert found == [("warning", "a.md", 1, "the footnote call [^1] i"),
                     ("warning", "a.md", 5, "the footnote [^1] is nev"),
                     ("warning", "b.md", 3, "removed 1 control or non")]


def test_an_html_articles_picture_from_the_sites_root_is_a_warning_at_its_line(tmp_path):
    """(<img src="/ads/banner.gif"> in a CMS's page was an error, "outside the book directory".)"""
    page = '<h1>河岸</h1>\n<p>正文。</p>\n<p><img src="/ads/banner.gif" alt="广告"></p>\n'
    book = make_book(tmp_path / "b", {"a.html": page}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.severity, f.file, f.line, f.message) for f in preflight(book, epubcheck=False).findings
             if f.check == "book"]
    assert found == [("warning", "a.html", 3, "image '/ads/banner.gif' is an address on the page's web site (from its "
                      "root), not a file of the book; it was left out (save the picture beside the page and refer "
                      "to it by a relative path)")]


def test_an_article_without_a_title_in_a_file_named_by_a_number_alone_is_a_warning_at_its_file(tmp_path):
    """(03.md and 04-.md of one paragraph each were headed 03 and 04- and `paiban check` found no problems.)"""
    book = make_book(tmp_path / "b", {"01-开篇/01-甲.md": "# 甲\n\n正文。\n", "01-开篇/03.md": "没有标题的一段正文。\n",
                                      "01-开篇/04-.md": "另一段没有标题的正文。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.severity, f.file, f.message)
             for f in preflight(book, epubcheck=False).findings if f.check == "book"]
    assert found == [("warning", f"01-开篇/{name}.md", f"the article has no title, so it is titled by its file's "
                                                      f"number, '{number}': add `title:` front matter or a `# heading` "
                                                      "at its top")
                     for name, number in (("03", "03"), ("04-", "04"))]


def test_two_articles_of_the_same_text_are_a_warning_naming_both_files(tmp_path):
    """(A browser's "(1)" copy beside the file was printed twice, and `paiban check` found no problems.)"""
    letter = "秋天的信\n\n亲爱的朋友：秋天到了。\n"
    book = make_book(tmp_path / "b", {"02-秋天的信.txt": letter, "02-秋天的信 (1).txt": letter},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.severity, f.file, f.message)
             for f in preflight(book, epubcheck=False).findings if f.check == "book"]
    assert found == [("warning", "02-秋天的信.txt", "its text is the same as that of 02-秋天的信 (1).txt, so the "
                                                 "book prints it twice: remove one of them")]


def test_a_heading_level_the_source_leaves_out_is_a_warning_once_per_article_at_its_line(tmp_path):
    """(## then #### printed as h3 then h5: a screen reader listed a heading as missing, and no
    check said so.) Once per article: the first skip, at its line, with the level it should be."""
    book = make_book(tmp_path / "b", {"a.md": "# 甲\n\n## 二级\n\n正文。\n\n#### 跳级\n\n## 又一\n\n#### 再跳\n",
                                      "b.md": "# 乙\n\n## 二级\n\n### 三级\n\n## 又一\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.severity, f.file, f.line, f.message)
             for f in preflight(book, epubcheck=False).findings if f.check == "book"]
    assert found == [("warning", "a.md", 7, "the heading '跳级' is at level 4 right after one at level 2, leaving "
                                            "out level 3: screen readers then list a heading as missing. Make it "
                                            "level 3 (### in Markdown, <h3> in HTML)")]



def test_a_first_heading_deeper_than_a_later_one_is_a_warning_of_a_level_left_out_after_the_title(tmp_path):
    """(``# 标题`` then ``#### 引言`` then ``## 一节`` printed as the h2 title, then h5, then h3: a screen
    reader listed two headings as missing, and no check said so, as the skip came before any other
    heading.) Markdown's at its line, an HTML article's alike."""
    book = make_book(tmp_path / "b", {"a.md": "# 甲\n\n#### 引言\n\n正文。\n\n## 一节\n",
                                      "b.html": "<html><body><h1>乙</h1>\n<h4>深一层</h4>\n<p>正文。</p>\n"
                                                "<h2>浅一层</h2></body></html>\n",
                                      "c.md": "# 丙\n\n### 一节\n\n#### 小节\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.file, f.line, f.message)
             for f in preflight(book, epubcheck=False).findings if f.check == "book"]
    assert found == [(name, 3 if name == "a.md" else 2,
                      f"the heading '{text}' is at level 4 right after the article's title, leaving out level 2: "
                      "screen readers then list a heading as missing. Make it level 2 (## in Markdown, <h2> in HTML)")
                     for name, text in (("a.md", "引言"), ("b.html", "深一层"))]

def test_a_skipped_heading_with_markup_is_found_at_its_own_line(tmp_path):
    """``#### **重点**`` was looked for as ``#### 重点``, then as 重点 anywhere: the warning named a body
    line that mentioned the word (line 3) instead of the heading's (line 7)."""
    book = make_book(tmp_path / "b", {"a.md": "# 甲\n\n一段说到重点。\n\n## 二级\n\n#### **重点**\n\n正文。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.file, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "book"]
    assert found == [("a.md", 7)]


def test_a_file_or_folder_the_book_leaves_out_is_a_warning_at_its_place(tmp_path):
    """(A .doc in a chapter folder was left out of the book, and `paiban check` found no problems.)"""
    book = make_book(tmp_path / "b", {"01-文/01-甲.md": "# 甲\n", "01-文/02-丁.doc": b"\xd0\xcf\x11\xe0",
                                      "01-文/子目录/b.md": "# 乙\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.severity, f.file, f.message.split(".")[0])
             for f in preflight(book, epubcheck=False).findings if f.check == "book"]
    assert found == [("warning", "01-文/02-丁.doc", "left out of the book: paiban cannot read "),
                     ("warning", "01-文/子目录", "left out of the book: a folder inside a chapter folder is not read")]


def test_a_line_a_text_leaves_out_as_a_caption_is_a_warning_at_its_line(tmp_path):
    """(A line taken for a photo caption went without a word in `paiban check`.) A line of a page's
    fixed junk (分享到：) is told as information only: it is never a story's sentence."""
    book = make_book(tmp_path / "b", {"a.txt": "第九章 画\n　　她在灯下坐了很久。\n　　分享到：\n"
                                               "　　图为山中的一座小庙\n　　天亮了。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.severity, f.file, f.line, f.message.split(";")[0])
             for f in preflight(book, epubcheck=False).findings if f.check == "book"]
    assert found == [("warning", "a.txt", 4, "'图为山中的一座小庙' was left out of the text as a photo caption or "
                                             "credit (the photo is not in a text)")]


def test_half_width_punctuation_in_chinese_text_is_reported(tmp_path):
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n第一句.第二句见 paiban.build 和 3.14。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == [("half-width '.' in Chinese text", 3)]


def test_a_shortcuts_key_is_not_reported(tmp_path):
    """按Ctrl+,打开设置: the build keeps the key half width, as a keyboard has it; the check asks nothing of it."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n按Ctrl+,打开设置，按⌘?打开帮助。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    assert [f for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"] == []


def test_brackets_after_a_chinese_quotation_are_mended_and_not_reported(tmp_path):
    """“青石桥”(Qingshi Bridge)建于: the build left both brackets half width, and the check reported
    the ) alone. The build now mends them as a pair, and the check has nothing left to report."""
    book = make_book(tmp_path / "b", {"a.md": '# 题\n\n"青石桥"(Qingshi Bridge)建于1723年。\n'},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == []


def test_punctuation_beside_ruby_is_mended_as_in_plain_text_and_the_check_agrees(tmp_path):
    """我们...走吧! became 我们……走吧！, but with a reading on every character its marks stayed
    half-width in every format (a mark between two rubies was mended alone, no Chinese beside it),
    and the check found nothing. The bases beside a mark are its text now, not their readings."""
    ruby = ("<ruby>我<rt>wǒ</rt></ruby><ruby>们<rt>men</rt></ruby>...<ruby>走<rt>zǒu</rt></ruby>"
            "<ruby>吧<rt>ba</rt></ruby>!<ruby>好<rt>hǎo</rt></ruby>,<ruby>走<rt>zǒu</rt></ruby>?")
    book = make_book(tmp_path / "b", {"a.md": f"# 题\n\n{ruby}\n"}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    [output] = paiban.build(book, formats=["epub"])
    text = re.sub(r"<rt>[^<]*</rt>|<[^>]+>", "", epub_text(output.path))
    assert "我们……走吧！好，走？" in text
    assert not [f for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]


def test_a_bibliographys_separators_are_not_reported(tmp_path):
    """GB/T 7714's . , : between an entry's parts: the check asked for 。 and ，, against the standard."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n第一句.\n\n::: bibliography\n"
                                            "[1] 青川市统计研究室. 2025年公报[EB/OL]. 青川: 示例出版社, 2025.\n:::\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == [("half-width '.' in Chinese text", 3)]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_a_finding_in_an_article_not_in_utf8_is_found_at_its_line(tmp_path, encoding):
    """The line is looked up in the file as the build read it, in the encoding it detected."""
    book = make_book(tmp_path / "b", {}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    text = "标题\n\n这是一段关于推进.居民生活的文字，写得很长，好让编码一望可知。\n"
    (book / "01-文.txt").write_bytes(text.encode(encoding))
    found = [(f.file, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == [("01-文.txt", 3)]


def test_links_between_articles_are_fine_and_one_to_no_article_is_a_warning_as_written_at_its_line(tmp_path):
    """It is unlinked by the build (its text kept), which says so; the check lists that warning."""
    book = make_book(tmp_path / "b", {
        "01-开篇/01-甲.md": "# 甲\n\n见[乙](../02-续篇/01-乙.md#细节)。\n\n另见[丙](../02-续篇/丙.md)。\n",
        "02-续篇/01-乙.md": "# 乙\n\n见[细节](#细节)。\n\n## 细节 {#细节}\n\n内容。\n",
    }, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.severity, f.check, f.file, f.line, f.message.split(",")[0])
             for f in preflight(book, epubcheck=False).findings if f.check in ("links", "book")]
    assert found == [("warning", "book", "01-开篇/01-甲.md", 5,
                      "the link to ../02-续篇/丙.md leads nowhere in the book")]


def test_a_font_that_is_not_installed_is_reported_at_its_line(tmp_path):
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n\n[fonts]\nserif = ["No Such Font"]\n')
    found = [(f.severity, f.file, f.line, f.message.split(":")[0])
             for f in preflight(book, epubcheck=False).findings if f.check == "glyphs"]
    assert found == [("error", "book.toml", 6, "no font for text is installed (asked for")]


def test_an_editions_own_font_that_is_not_installed_is_reported_at_its_own_line(tmp_path):
    """It was reported at [book], where the book.toml has no [fonts] to point at."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n\n[[editions]]\nname = "cn"\n'
                          'fonts = { serif = ["No Such Font"] }\n')
    found = [(f.line, f.message.split(":")[0]) for f in preflight(book, epubcheck=False).findings
             if f.check == "glyphs"]
    assert found == [(7, "no font for text is installed (asked for")]


def test_a_glyph_lacking_from_an_editions_own_fonts_is_to_be_added_there(tmp_path):
    """The hint said to add a font to [fonts], which an edition with fonts of its own never reads:
    done, the glyph was still lacking, with the same hint."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n一杯☕。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n\n[fonts]\nserif = ["Noto Serif CJK SC", '
                          '"DejaVu Sans"]\n\n[[editions]]\nname = "cn"\n\n[[editions]]\nname = "tw"\n'
                          'convert = "s2tw"\nfonts = { serif = ["Noto Serif CJK TC"] }\n')
    [found] = [f for f in preflight(book, epubcheck=False).findings if f.check == "glyphs"]
    assert found.editions == ("tw",)
    assert ('Add one after the others in `serif` of the fonts of its [[editions]] entry (name = "tw") in '
            'book.toml, e.g. fonts = { serif = [..., "DejaVu Sans"] }.') in found.hint


def _glyph_findings(book: Path) -> list[Finding]:
    return [f for f in preflight(book, epubcheck=False).findings if f.check == "glyphs"]


@pytest.mark.parametrize(("char", "package"), [
    ("\U00031350", "Install one that does (`apt-get install fonts-babelstone-han`, which has about half of "
                   "Extensions G and H)"),  # CJK Extension H
    ("\U0002EBF0", "No Debian package has one (it is among Unicode's newest ideographs): install a font that does"),
])
def test_the_hint_for_an_ideograph_of_the_newest_extensions_names_no_package_without_ideographs(tmp_path, char,
                                                                                                 package):
    """Extension H (U+31350–U+323AF) was no Han character to the hint, which named fonts-noto-core,
    a package without ideographs; nor has fonts-hanazono, named for all of planes 2 and 3, any of
    Extensions G to I."""
    book = make_book(tmp_path / "b", {"a.md": f"# 题\n\n此字读若{char}。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    [found] = _glyph_findings(book)
    assert found.hint == f"No installed font has it. {package} and add its family to `serif` of [fonts] in book.toml."


def test_a_private_use_character_an_installed_font_draws_is_to_be_drawn_by_it_or_replaced(tmp_path):
    """The hint said only to replace it, though an installed font drew it (a house font of 造字 is
    the usual way a digitised classic prints a character Unicode lacks). DejaVu Sans has U+F000."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n道藏本作\uf000字。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    [found] = _glyph_findings(book)
    assert found.hint == (
        "U+F000 is a private-use code point: no standard font has it, and each font that does means something "
        "else by it. Installed fonts that have it: DejaVu Sans. If one is the font it was made for, add it after "
        'the others in `serif` of [fonts] in book.toml, e.g. serif = [..., "DejaVu Sans"]; else replace it with '
        "the character intended.")


def test_a_listed_font_that_is_not_installed_is_named_where_a_glyph_is_missing(tmp_path):
    """It was left out of the fonts the glyph was looked for in without a word, and the hint asked
    to add a family to the list the editor had added it to (the font file copied into the book,
    not installed)."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n旧谱作\U00020000字。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n\n[fonts]\n'
                          'serif = ["Noto Serif CJK SC", "DejaVu Serif", "QA Zaozi"]\n')
    [found] = _glyph_findings(book)
    assert found.message == ("U+20000 \U00020000 has no glyph in Noto Serif CJK SC, DejaVu Serif (text); 'QA Zaozi', "
                             "also listed, is not installed")
    assert found.hint == (
        "No installed font has it. Install fonts-hanazono (`apt-get install fonts-hanazono`) and add 'HanaMinB' after "
        'the others in `serif` of [fonts] in book.toml, e.g. serif = [..., "HanaMinB"]. '
        "'QA Zaozi' (`serif` of [fonts], book.toml line 6) is not installed: if it has it, install its font file "
        "(copy it into ~/.local/share/fonts/ and run `fc-cache`: `fc-list : family` then lists it), or put the file "
        "in the book's styles/ and bring it with @font-face { font-family: \"QA Zaozi\"; src: url(the-file.ttf) } in "
        "the book's styles/fonts.css (a fonts.css of the book's replaces the default theme's whole, so begin it as a "
        f"copy of {default_theme_dir() / 'fonts.css'}).")


@pytest.mark.parametrize("listed", ["Georgia", "DejaVu Serff"])
def test_a_listed_font_that_is_not_installed_leaves_the_package_that_has_the_glyph_in_the_hint(tmp_path, listed):
    """A Latin face listed for the English words and not installed (Georgia), or misspelt (an
    installed DejaVu Serif, which lacks 𠀀), took the place of fonts-hanazono in the hint, which
    then told the editor to install Georgia or to mean DejaVu Serif: neither has a Chinese
    character. The package stays; an unknown family is named as one that may have it, and a
    misspelt one whose installed family lacks it not at all."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n旧谱作\U00020000字。\n"},
                     toml=f'[book]\ntitle = "书"\nauthors = ["某人"]\n\n[fonts]\n'
                          f'serif = ["Noto Serif CJK SC", "{listed}"]\n')
    [found] = _glyph_findings(book)
    package = ("No installed font has it. Install fonts-hanazono (`apt-get install fonts-hanazono`) and add 'HanaMinB' "
               'after the others in `serif` of [fonts] in book.toml, e.g. serif = [..., "HanaMinB"].')
    if listed == "Georgia":
        assert found.hint.startswith(f"{package} 'Georgia' (`serif` of [fonts], book.toml line 6) is not installed: "
                                     "if it has it, install its font file")
    else:
        assert found.hint == package


def test_the_characters_of_a_script_no_font_has_are_one_finding_naming_the_family_to_add(tmp_path):
    """Each character was a finding of its own on each line (84 for three short lines in two
    editions), each hint naming fonts-noto-core alone, a package of some 270 families. A finding
    holds a script's characters with all their lines, and names the family for them. (Installed or
    not: without fonts-noto-core, DejaVu draws none of them.)"""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n[བཀྲ་ཤིས་བདེ་ལེགས།]{lang=bo}，[ᠮᠣᠩᠭᠣᠯ]{lang=mn-Mong}，"
                                              "[ꆈꌠ]{lang=ii}。\n\n又[བཀྲ་ཤིས།]{lang=bo}。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = {f.message.partition(" have no glyph")[0]: f for f in _glyph_findings(book)}
    tibetan, mongolian, yi = (found.pop(lacking) for lacking in (
        "12 characters (U+0F56 བ, U+0F40 ཀ, U+0FB2 ྲ, U+0F0B ་, U+0F64 ཤ, U+0F72 ི, U+0F66 ས, U+0F51 ད, U+0F7A ེ, "
        "U+0F63 ལ, U+0F42 ག, U+0F0D །)",
        "5 characters (U+182E ᠮ, U+1823 ᠣ, U+1829 ᠩ, U+182D ᠭ, U+182F ᠯ)", "2 characters (U+A188 ꆈ, U+A320 ꌠ)"))
    assert found == {}
    assert tibetan.message.endswith("(text), at lines 3 and 5") and tibetan.line == 3
    assert 'e.g. serif = [..., "Noto Serif Tibetan"]' in tibetan.hint
    assert 'e.g. serif = [..., "Noto Sans Mongolian"]' in mongolian.hint
    assert 'e.g. serif = [..., "Noto Sans Yi"]' in yi.hint


@pytest.mark.parametrize(("text", "package", "family"), [
    ("悉昙字作𑖢𑖿𑖨𑖕𑖿𑖬𑖯。", "fonts-noto-core", "Noto Sans Siddham"),
    ("婆罗谜字作𑀩𑀼𑀤𑁆𑀥。", "fonts-noto-core", "Noto Sans Brahmi"),
    ("舍罗达字作𑆯𑆳𑆫𑆢𑆳。", "fonts-noto-core", "Noto Sans Sharada"),
    ("古兰塔字作𑌗𑍍𑌰𑌨𑍍𑌥。", "fonts-noto-core", "Noto Serif Grantha"),
    ("咒字作\U00020C18。", "fonts-hanazono", "HanaMinB"),  # Extension B, which Noto CJK lacks
])
def test_the_hint_names_the_family_to_add_for_siddham_brahmi_and_extension_b(tmp_path, text, package, family):
    """For Siddham, Brahmi, Sharada, Grantha (scripts of no hand-kept row) and for an Extension B
    ideograph, the hint named the package alone (`add its family`), while it named Noto Serif
    Devanagari for Devanagari: the editor was left to find Noto Sans Siddham among the package's
    families, or to learn that HanaMinB, not HanaMinA, has Extension B."""
    book = make_book(tmp_path / "b", {"a.md": f"# 咒\n\n{text}\n"}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    [found] = _glyph_findings(book)
    assert found.hint.startswith("No installed font has")
    assert found.hint.endswith(f". Install {package} (`apt-get install {package}`) and add '{family}' after the others "
                               f'in `serif` of [fonts] in book.toml, e.g. serif = [..., "{family}"].')


def test_kana_of_one_script_named_differently_are_one_finding(tmp_path):
    """U+1B001 HIRAGANA LETTER ARCHAIC YE and U+1B002 HENTAIGANA LETTER A-1 are both of the Hiragana
    script, in no row of the hand-kept table: grouped by the first word of their names, they were two
    findings on one line."""
    book = make_book(tmp_path / "b", {"a.md": "# 假名\n\n古写本作[\U0001B001\U0001B002]{lang=ja}。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    [found] = _glyph_findings(book)
    assert found.message.startswith("2 characters (U+1B001 \U0001B001, U+1B002 \U0001B002) have no glyph")


def test_the_hint_for_arabic_mathematical_letters_names_the_maths_face_not_the_arabic_one(tmp_path):
    """They are of the Arabic script, whose family is Noto Naskh Arabic, which has none of them:
    fonts-noto-core's Noto Sans Math has them."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n式中\U0001EE00\U0001EE01为变量。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    [found] = _glyph_findings(book)
    assert found.hint.endswith("Or install fonts-noto-core (`apt-get install fonts-noto-core`) and add "
                               "'Noto Sans Math' instead.")


def test_a_finding_of_several_characters_names_and_gives_each_with_its_code_point(tmp_path):
    """Grouped, a finding named its characters bare: Tibetan vowel signs, which a terminal shows as
    blanks, and ideographs it has no glyph for, with nothing to search by. And --json gave the first
    of each finding alone: a CI script that gathers the missing characters missed the others."""
    text = "扩展B：\U00020001\U00020002，元音符号：\u0f72 \u0f74 \u0f7a。"
    book = make_book(tmp_path / "b", {"a.md": f"# 字形\n\n{text}\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    result = CliRunner().invoke(main, ["check", str(book), "--json"])
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    found = {f["message"].partition(" have no glyph")[0]: [c["code"] for c in f["characters"]]
             for f in report["findings"] if f["check"] == "glyphs"}
    assert found == {"2 characters (U+20001 \U00020001, U+20002 \U00020002)": ["U+20001", "U+20002"],
                     "3 characters (U+0F72 \u0f72, U+0F74 \u0f74, U+0F7A \u0f7a)": ["U+0F72", "U+0F74", "U+0F7A"]}


def test_the_hint_for_arabic_script_names_its_text_face_not_one_of_another_script(tmp_path):
    """For Uyghur, the hint named DejaVu Sans (a sans, for the text) first, Noto Naskh Arabic
    third; for the Arabic comma and question mark alone, Noto Serif Yezidi, a font for another
    script that has them. Made fonts of those names stand in for fonts-noto-core's."""
    fonts = tmp_path / "fonts"
    uyghur = "بۇ كىتاب نەشر قىلىنغان، سىز ئوقۇدىڭىزمۇ؟"
    for family, chars in (("Noto Naskh Arabic", uyghur), ("Noto Kufi Arabic", uyghur), ("Noto Serif Yezidi", "،؟")):
        made_font(fonts / f"{family}.ttf", family, chars.replace(" ", ""))
    book = make_book(tmp_path / "b", {"a.md": f"# 题\n\n::: {{lang=ug}}\n{uyghur}\n:::\n",
                                      "b.md": "# 题\n\n标点：،؟\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    checked = subprocess.run([sys.executable, "-m", "paiban", "check", "--json", str(book)], capture_output=True,
                             text=True, env=with_fonts_installed(fonts), check=False)
    hints = {f["file"]: f["hint"] for f in json.loads(checked.stdout)["findings"] if f["check"] == "glyphs"}
    assert hints["a.md"].startswith("Installed fonts that have them: Noto Naskh Arabic, Noto Kufi Arabic, DejaVu Sans")
    assert hints["b.md"].startswith("Installed fonts that have them: Noto Naskh Arabic, Noto Kufi Arabic, DejaVu Sans")
    assert 'e.g. serif = [..., "Noto Naskh Arabic"]' in hints["b.md"]


@pytest.mark.parametrize("sheet", ["base.css", "fonts.css"])
def test_a_listed_font_an_at_font_face_of_the_books_sheets_brings_draws_its_characters(tmp_path, sheet):
    """Not installed but brought by an @font-face in styles/ (fonts.css, a template, as rendered),
    it drew 𠀀 in the PDF, yet the check and the build said no font of the list had it."""
    face = '@font-face { font-family: "QA Zaozi"; src: url(QAZaozi.ttf); }\n'
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n旧谱作\U00020000字，又作\U00020001字。\n",
                                      f"styles/{sheet}": face + (REPO / "styles" / sheet).read_text(encoding="utf-8")},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n\n[fonts]\n'
                          'serif = ["Noto Serif CJK SC", "DejaVu Serif", "QA Zaozi"]\n')
    made_font(book / "styles" / "QAZaozi.ttf", "QA Zaozi", "\U00020000")
    [found] = _glyph_findings(book)
    assert found.message == "U+20001 \U00020001 has no glyph in Noto Serif CJK SC, DejaVu Serif, QA Zaozi (text)"
    made_font(book / "styles" / "QAZaozi.ttf", "QA Zaozi", "\U00020000\U00020001")
    assert _glyph_findings(book) == []
    paiban.build(book, formats=["epub"], output=tmp_path / "out")  # it stopped at 𠀀


# A fontconfig that has no Noto CJK SC: as on a machine without it (fontconfig reads its config once,
# as a process first asks it for fonts, so paiban runs in a process of its own).
_NO_CJK_SC = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include>/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont>{}</rejectfont></selectfont>
</fontconfig>
""".format("".join(f'<pattern><patelt name="family"><string>Noto {face} CJK SC</string></patelt></pattern>'
                   for face in ("Serif", "Sans", "Sans Mono")))


def test_with_the_cjk_font_missing_its_latin_fallback_is_no_font_for_chinese(tmp_path):
    """With Noto CJK SC missing, the default fonts' Latin fallback (DejaVu) was taken for the text
    font: an EPUB that only names its fonts stopped at '测 has no glyph in DejaVu Sans', and the
    check listed each Chinese character as missing from DejaVu besides the missing font. The EPUB
    builds with a warning; the check says only that the fonts are missing."""
    (tmp_path / "fonts.conf").write_text(_NO_CJK_SC, encoding="utf-8")
    book = make_book(tmp_path / "b", {"a.md": "# 测试\n\n正文，Dvořák。\n\n```\n代码\n```\n"},
                     toml='[book]\ntitle = "测试"\nauthors = ["某人"]\ncover = "c.png"\n')
    Image.new("RGB", (160, 256), "white").save(book / "c.png")
    env = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "fonts.conf"), "COLUMNS": "400"}

    def paiban_(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "paiban", *args], capture_output=True, text=True, env=env,
                              cwd=book, check=False)

    built = paiban_("build", "-f", "epub", "-o", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    assert "no font for text is installed (asked for: Noto Serif CJK SC)" in built.stderr
    assert "has no glyph" not in built.stderr
    checked = json.loads(paiban_("check", "--json").stdout)
    assert sorted(f["message"].partition(": the PDF")[0] for f in checked["findings"] if f["check"] == "glyphs") == [
        f"no font for {role} is installed (asked for: {family})"
        for role, family in (("code", "Noto Sans Mono CJK SC"), ("headings", "Noto Sans CJK SC"),
                             ("text", "Noto Serif CJK SC"))]


def test_an_svg_image_has_no_resolution_to_check(tmp_path):
    """A vector image passes the image check (it stopped with an internal error: a size of 0×0)."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n![一个方块](a.svg)\n", "a.svg": svg},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    assert [f for f in preflight(book, epubcheck=False).findings if f.check == "images"] == []


def test_an_svg_naming_a_font_that_is_not_installed_is_a_warning(tmp_path):
    """The PDF sets such text in the edition's fonts (render.svg): its labels may no longer fit."""
    text = '<text font-family="{}">字</text>'
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{}</svg>'
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n![有字](a.svg)\n\n![也有字](b.svg)\n",
                                      "a.svg": svg.format(text.format("Microsoft YaHei, sans-serif")),
                                      "b.svg": svg.format(text.format("DejaVu Sans"))},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.severity, f.location, f.message.split(":")[0])
             for f in preflight(book, epubcheck=False).findings if f.check == "images"]
    assert found == [("warning", "a.md:3", "image a.svg names fonts that are not installed (Microsoft YaHei)")]


def test_an_image_is_judged_at_the_size_it_prints_and_pdf_x_is_for_the_press(tmp_path):
    """tiny.png was said to print at 9 dpi across 111 mm (supply 1312 px) while the PDF printed it
    at its natural size, 10.6 mm at 96 ppi; a width attribute sizes an image in print too. PDF/X
    alone is a press PDF: under 150 dpi is an error, as with bleed or marks."""
    images = {"tiny.png": (40, 40), "wide.png": (2000, 1000)}
    files = {"a.md": '# 题\n\n![小图](tiny.png)\n\n<img src="wide.png" width="100" alt="宽图">\n',
             "press.icc": PRESS_PROFILE.read_bytes()}
    book = make_book(tmp_path / "b", files, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n[pdf]\n'
                                                 'variant = "pdf/x-4"\noutput-profile = "press.icc"\n')
    for name, size in images.items():
        Image.new("RGB", size, "red").save(book / name)
    found = [(f.severity, f.message) for f in preflight(book, epubcheck=False).findings
             if f.check == "images" and "PDF/X" not in f.message]  # (RGB in a PDF/X: the test below)
    assert found == [("error", "image tiny.png prints at 96 dpi (40×40 px across 10.6 mm); print wants 300")]
    [output] = paiban.build(book, formats=["pdf"])
    listed = subprocess.run(["pdfimages", "-list", str(output.path)], check=True, capture_output=True,
                            text=True).stdout.splitlines()[2:]
    assert sorted((int(row.split()[3]), int(row.split()[12])) for row in listed) == [(40, 96), (2000, 1920)]


def test_a_picture_sized_by_its_height_is_judged_at_the_width_it_prints(tmp_path):
    """A 600×400 px picture tagged 300 dpi, set 270 CSS px tall, prints 405 px wide, at 142 ppi:
    it was judged at its natural size, 300 dpi, and passed; the PDF printed it as the check now
    says. A width="100%" (no number of pixels: left out, with a warning) was judged so too."""
    files = {"a.md": '# 题\n\n<img src="a.png" height="270" alt="甲">\n\n<img src="b.png" width="100%" alt="乙">\n'}
    book = make_book(tmp_path / "b", files, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n[pdf]\nbleed = "3mm"\n')
    for name in ("a.png", "b.png"):
        Image.new("RGB", (600, 400), "red").save(book / name, dpi=(300, 300))
    found = [(f.severity, f.message) for f in preflight(book, epubcheck=False).findings if f.check == "images"]
    assert found == [("error", "image a.png prints at 142 dpi (600×400 px across 107.2 mm); print wants 300")]
    [output] = paiban.build(book, formats=["pdf"], output=tmp_path / "out")
    listed = subprocess.run(["pdfimages", "-list", str(output.path)], check=True, capture_output=True,
                            text=True).stdout.splitlines()[2:]
    assert sorted(int(row.split()[12]) for row in listed) == [142, 300]


def test_a_picture_of_exactly_300_or_150_dpi_is_judged_at_that_resolution(tmp_path, caplog):
    """900 px saved at 300 dpi printed at 299.99999999999994 dpi by the sum, and was told it
    "prints at 300 dpi … print wants 300"; one at 150 dpi was a press PDF's error, in the check
    and in the build's warning."""
    files = {"a.md": "# 题\n\n![甲](a.png)\n\n![乙](b.jpg)\n", "press.icc": PRESS_PROFILE.read_bytes()}
    book = make_book(tmp_path / "b", files, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n[pdf]\n'
                                                 'variant = "pdf/x-4"\noutput-profile = "press.icc"\n')
    Image.new("L", (900, 600), 80).save(book / "a.png", dpi=(300, 300))  # grey: no RGB in a PDF/X
    Image.new("L", (450, 300), 80).save(book / "b.jpg", dpi=(150, 150))
    found = [(f.severity, f.message) for f in preflight(book, epubcheck=False).findings if f.check == "images"]
    assert found == [("warning", "image b.jpg prints at 150 dpi (450×300 px across 76.2 mm); print wants 300")]
    paiban.build(book, formats=["pdf"])
    assert not [record for record in caplog.records if "dpi" in record.getMessage()]  # neither rejected


def test_a_phones_portrait_photo_is_judged_at_its_upright_shape(tmp_path):
    """A phone stores a portrait photo sideways, with an EXIF orientation (6, 8) that turns it: the
    900×1200 px photo was judged as 1200×900 px, given the text block's width at 274 dpi, while the
    PDF printed its 900 px across that width, at 206 dpi, and the hint's size was a landscape's."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n![竖拍](p.jpg)\n"}, toml='[book]\ntitle = "书"\n')
    exif = Image.Exif()
    exif[0x0112] = 6  # shown a quarter turn clockwise
    Image.new("RGB", (1200, 900), "red").save(book / "p.jpg", exif=exif)
    found = [f.message for f in preflight(book, epubcheck=False).findings if f.check == "images"]
    assert found == ["image p.jpg prints at 206 dpi (900×1200 px across 111.1 mm); print wants 300"]


def test_a_picture_tagged_for_print_prints_at_its_own_resolution_and_is_judged_so(tmp_path):
    """A 600×400 px picture saved at 300 dpi (50.8 mm) was placed a pixel to a CSS pixel, 158 mm
    narrowed to the text block at 137 ppi, and called too coarse. Its dpi tag (PNG pHYs, JPEG JFIF)
    now sizes it in the PDF, as the check judges it; a screen's 72 dpi tag is no print size."""
    files = {"a.md": "# 题\n\n![甲](a.png)\n\n![乙](b.jpg)\n\n![丙](c.png)\n"}
    book = make_book(tmp_path / "b", files, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    for name, size, dpi in (("a.png", (600, 400), 300), ("b.jpg", (600, 400), 300), ("c.png", (300, 200), 72)):
        Image.new("RGB", size, "red").save(book / name, dpi=(dpi, dpi))
    found = [f.message for f in preflight(book, epubcheck=False).findings if f.check == "images"]
    assert found == ["image c.png prints at 96 dpi (300×200 px across 79.4 mm); print wants 300"]
    [output] = paiban.build(book, formats=["pdf"])
    listed = subprocess.run(["pdfimages", "-list", str(output.path)], check=True, capture_output=True,
                            text=True).stdout.splitlines()[2:]
    assert [(int(row.split()[3]), int(row.split()[12])) for row in listed] == [(600, 300), (600, 300), (300, 96)]


def test_an_image_too_small_to_print_sharp_at_any_width_is_told_so(tmp_path):
    """A 1×1 picture was told to print smaller, at width="0"."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n![点](dot.png)\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    Image.new("RGB", (1, 1), "red").save(book / "dot.png")
    [hint] = [f.hint for f in preflight(book, epubcheck=False).findings if f.check == "images"]
    assert 'width="0"' not in hint and "smaller" not in hint
    assert hint.startswith("At 1 px wide it is too small to print sharp at any width. Supply it at least")


def test_kindle_profile_wants_the_writing_mode_meta_of_a_vertical_book(tmp_path):
    from paiban.check.stores import store_problems

    epub = tmp_path / "v.epub"
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("EPUB/content.opf", OPF)
        archive.writestr("EPUB/v.css", "html { writing-mode: vertical-rl; }")
    messages = {(f.severity, f.message) for f in store_problems(epub, "kindle", "cn")}
    assert ("error", "kindle: a vertical book without the primary-writing-mode meta") in messages
    assert ("error", "apple: a vertical book whose spine does not turn pages right to left") in {
        (f.severity, f.message) for f in store_problems(epub, "apple", "cn")}


@pytest.mark.parametrize("css", [
    ".shuti { writing-mode: vertical-rl; }",  # a 题字 set vertically inside a horizontal book
    "/* vertical editions get writing-mode: vertical-rl from vertical.css */",
], ids=["an inscription", "a comment"])
@pytest.mark.parametrize("profile", ["kindle", "apple", "kobo"])
def test_a_horizontal_book_whose_sheet_names_the_vertical_writing_mode_is_not_called_vertical(tmp_path, css, profile):
    """Any mention of ``writing-mode: vertical-rl`` in a sheet made the book vertical: an error
    whose hint would have turned a horizontal book's pages right to left."""
    from paiban.check.stores import store_problems

    epub = tmp_path / "h.epub"
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("EPUB/content.opf", OPF)
        archive.writestr("EPUB/v.css", f"h1 {{ color: red; }}\n{css}\n")
    assert not [f.message for f in store_problems(epub, profile, "cn") if "vertical" in f.message]


def test_a_vertical_book_is_told_to_set_vertical_in_book_toml(tmp_path):
    """The hint said to edit the OPF, which paiban writes: `vertical = true` writes what the store needs."""
    from paiban.check.stores import store_problems

    epub = tmp_path / "v.epub"
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("EPUB/content.opf", OPF)
        archive.writestr("EPUB/v.css", "@media all { :root, body { -epub-writing-mode: vertical-rl; } }")
    [hint] = [f.hint for f in store_problems(epub, "kobo", "cn") if "vertical" in f.message]
    assert hint.startswith("Set `vertical = true` in [epub] of book.toml")


def test_kindle_profile_warns_of_a_webp_picture(tmp_path):
    """KDP's image guidelines list GIF, BMP, JPEG, PNG and SVG: a WebP cover or picture went to
    Kindle without a word. The other profiles say nothing of it: WebP is an EPUB core media type."""
    from paiban.check.stores import store_problems

    epub = tmp_path / "w.epub"
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("EPUB/content.opf", OPF.replace("</manifest>", (
            '<item id="c" href="images/cover.webp" media-type="image/webp" properties="cover-image"/>'
            '<item id="p" href="images/tea.png" media-type="image/png"/></manifest>')))
        archive.writestr("EPUB/v.css", "")
    assert [(f.severity, f.file, f.message) for f in store_problems(epub, "kindle", "cn") if "WebP" in f.message] == [
        ("warning", "w.epub/EPUB/images/cover.webp",
         "kindle: a WebP picture, a format KDP's image guidelines do not list")]
    assert not [f for f in store_problems(epub, "apple", "cn") if "WebP" in f.message]


def test_kindle_profile_finds_no_inline_style_in_a_book_with_indented_code(tmp_path):
    """An indented code line's hang was a style on the line, which the Kindle check warned of and the
    author could not act on: it is a class of base.css."""
    from paiban.check.stores import store_problems

    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n```python\ndef f():\n    return 1\n```\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    [epub] = [output.path for output in paiban.build(book, formats=["epub"], output=tmp_path / "out")]
    assert 'class="code-line hang-4">    return 1' in epub_text(epub)
    assert not [f.message for f in store_problems(epub, "kindle", "cn") if "inline style" in f.message]


def test_apple_profile_finds_a_footnote_call_marked_on_the_link_itself(tmp_path):
    """Pandoc's call, <a class="footnote-ref"><sup>1</sup></a>, passed: only a class on the link's parent counted."""
    from paiban.check.stores import store_problems

    epub = tmp_path / "n.epub"
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("EPUB/content.opf", OPF.replace(
            "</manifest>", '<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>'))
        archive.writestr("EPUB/v.css", "")
        archive.writestr("EPUB/c1.xhtml", '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>正文'
                         '<a href="#fn1" class="footnote-ref" id="fnref1"><sup>1</sup></a>。</p>'
                         '<section class="footnotes"><ol><li id="fn1"><p>注。'
                         '<a href="#fnref1" class="footnote-back">↑</a></p>'
                         '</li></ol></section>'
                         '</body></html>')
    assert [(f.message, f.line) for f in store_problems(epub, "apple", "cn") if "footnote" in f.message] == [
        ('apple: a footnote that is not a noteref / aside epub:type="footnote" pair, so no popup', 1)]


CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""
OPF = """<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/>
<manifest><item id="css" href="v.css" media-type="text/css"/></manifest><spine/></package>"""


def test_a_press_pdf_needs_a_complete_copyright_page(tmp_path):
    from paiban.check.metadata import metadata_problems
    from paiban.config import load_config
    from paiban.edition import editions_for

    (tmp_path / "book.toml").write_text('[book]\ntitle = "书"\n[pdf]\nbleed = "3mm"\n', encoding="utf-8")
    loaded = load_config(tmp_path)
    messages = [f.message for f in metadata_problems(loaded, editions_for(loaded.config))]
    assert any("lacks the publisher" in m for m in messages)
    assert any("lacks the edition or date" in m for m in messages)
    assert any("lacks the identifier (ISBN)" in m for m in messages)


@pytest.mark.parametrize(("book_isbn", "tw_isbn", "lacking"), [
    (None, "978-0-306-40615-7", ["cn"]),  # tw prints its own: it was said to lack one, as cn does
    ("978-0-306-40615-7", None, ["tw"]),  # [book]'s is cn's alone: tw prints none, which passed
    ("978-0-306-40615-7", "978-7-108-01234-5", []),
], ids=["the edition's own", "the book's", "both"])
def test_a_press_pdfs_copyright_page_needs_the_isbn_it_prints(tmp_path, book_isbn, tw_isbn, lacking):
    from paiban.check.metadata import metadata_problems
    from paiban.config import load_config
    from paiban.edition import editions_for

    (tmp_path / "book.toml").write_text(
        '[book]\ntitle = "书"\nauthors = ["某人"]\npublisher = "某社"\ndate = "2024-01-02"\n'
        + (f'identifier = "{book_isbn}"\n' if book_isbn else "") + '[pdf]\nbleed = "3mm"\n'
        '[[editions]]\nname = "cn"\n[[editions]]\nname = "tw"\nconvert = "s2tw"\n'
        + (f'identifier = "{tw_isbn}"\n' if tw_isbn else ""), encoding="utf-8")
    loaded = load_config(tmp_path)
    assert [edition for f in metadata_problems(loaded, editions_for(loaded.config))
            if f.message == "the copyright page of a press PDF lacks the identifier (ISBN)"
            for edition in f.editions] == lacking


def test_each_edition_left_without_an_identifier_is_noted_at_its_entry(tmp_path):
    """The note looked at [book] alone: an edition without an ISBN of its own went out under a UUID unnoted."""
    from paiban.check.metadata import metadata_problems
    from paiban.config import load_config
    from paiban.edition import editions_for

    (tmp_path / "book.toml").write_text(
        '[book]\ntitle = "书"\nauthors = ["某人"]\nidentifier = "978-7-5086-0001-7"\n[[editions]]\nname = "cn"\n'
        '[[editions]]\nname = "tw"\nconvert = "s2tw"\nidentifier = "978-0-306-40615-7"\n[[editions]]\nname = "hk"\n'
        'convert = "s2hk"\n', encoding="utf-8")
    loaded = load_config(tmp_path)
    notes = [f for f in metadata_problems(loaded, editions_for(loaded.config)) if f.severity == "info"]
    assert [(f.line, f.editions, f.message.split(":")[0]) for f in notes] == [
        (11, ("hk",), "no identifier for the 'hk' edition")]


def test_the_build_of_a_press_pdf_warns_of_its_copyright_pages_gaps_as_the_check_calls_them_errors(tmp_path, caplog):
    """The check called them errors, and the build made the press PDF without a word."""
    book = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\npublisher = "某社"\n[pdf]\nbleed = "3mm"\n')
    paiban.build(book, formats=["pdf"], output=tmp_path / "out")
    warned = [record.getMessage() for record in caplog.records if "copyright page" in record.getMessage()]
    assert [message.split(": ", 1)[1].split(" rejects")[0] for message in warned] == [
        "the copyright page of a press PDF lacks the edition or date, which a printer",
        "the copyright page of a press PDF lacks the identifier (ISBN), which a printer"]


def test_the_build_tells_a_gap_of_several_editions_copyright_pages_once_naming_them(tmp_path, caplog):
    """Three editions lacking the ISBN were told three times, word for word, naming no edition."""
    book = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\npublisher = "某社"\ndate = "2024-01-02"\n'
                          '[pdf]\nbleed = "3mm"\n[[editions]]\nname = "cn"\n[[editions]]\nname = "tw"\n'
                          'convert = "s2tw"\nidentifier = "978-0-306-40615-7"\n[[editions]]\nname = "hk"\n'
                          'convert = "s2hk"\n')
    paiban.build(book, formats=["pdf"], output=tmp_path / "out")
    warned = [record.getMessage() for record in caplog.records if "copyright page" in record.getMessage()]
    assert len(warned) == 1 and warned[0].split(": ", 1)[1].startswith(
        "the copyright page of a press PDF lacks the identifier (ISBN), which a printer rejects (editions cn, hk)")


@pytest.mark.parametrize(("given", "found"), [
    ("123-4-56-789012-8", "identifier '123-4-56-789012-8' is no ISBN-13: one starts with 978 or 979"),
    ("978-7-5442-1234-2", None), ("979-10-90636-07-1", None),
])
def test_an_isbn_13_starts_with_978_or_979(tmp_path, given, found):
    """123-4-56-789012-8 has a right check digit, and was printed as ISBN 123456789012-8."""
    from paiban.check.metadata import wrong_identifiers
    from paiban.config import load_config

    (tmp_path / "book.toml").write_text(f'[book]\ntitle = "书"\nidentifier = "{given}"\n', encoding="utf-8")
    assert [(f.line, f.message) for f in wrong_identifiers(load_config(tmp_path))] == ([(3, found)] if found else [])


@pytest.mark.parametrize(("given", "found"), [
    ("978-7-…", "identifier '978-7-…' is neither an ISBN-10 nor an ISBN-13"),
    ("hello world", "identifier 'hello world' is neither an ISBN nor a URN"),
    ("urn:doi:10.1000/182", None), ("URN:UUID:12345678-1234-5678-1234-567812345678", None),
    ("urn:uuid:1234",  # went into the EPUB without a word, and EPUBCheck warned of its OPF (OPF-085)
     "identifier 'urn:uuid:1234' is no UUID: one has 32 hexadecimal digits in groups of 8-4-4-4-12"),
    ("3f2504e0-4f89-11d3-9a0c-0305e82c3301",  # begun with a digit, it was told to be a wrong ISBN
     "identifier '3f2504e0-4f89-11d3-9a0c-0305e82c3301' is a UUID written without its URN prefix"),
])
def test_an_identifier_is_an_isbn_or_a_urn(tmp_path, given, found):
    """The README's placeholder 978-7-… and "hello world" went into the EPUB's dc:identifier without a word."""
    from paiban.check.metadata import wrong_identifiers
    from paiban.config import load_config

    (tmp_path / "book.toml").write_text(f'[book]\ntitle = "书"\nidentifier = "{given}"\n', encoding="utf-8")
    assert [(f.line, f.message) for f in wrong_identifiers(load_config(tmp_path))] == ([(3, found)] if found else [])


def test_a_font_of_another_region_in_fonts_is_told_to_go_in_the_editions_own_entry(tmp_path):
    """With [fonts] in SC and a tw edition, the hint said to use the TC family in [fonts]; followed,
    the check said the opposite of the cn edition, and round it went."""
    from paiban.check.metadata import metadata_problems
    from paiban.config import load_config
    from paiban.edition import editions_for

    def regions(toml):
        (tmp_path / "book.toml").write_text(toml, encoding="utf-8")
        loaded = load_config(tmp_path)
        return [f for f in metadata_problems(loaded, editions_for(loaded.config)) if "glyph forms" in f.message]

    toml = ('[book]\ntitle = "书"\nauthors = ["甲"]\n[fonts]\nsans = ["Noto Sans CJK SC"]\n[[editions]]\nname = "cn"\n'
            '[[editions]]\nname = "tw"\nconvert = "s2tw"\nlanguage = "zh-Hant-TW"\n')
    [found] = regions(toml)
    assert found.hint.startswith('Give the edition fonts of its own in its [[editions]] entry (name = "tw"): '
                                 'fonts = { sans = ["Noto Sans CJK TC"] }.')
    assert regions(toml + 'fonts = { sans = ["Noto Sans CJK TC"] }\n') == []  # the hint followed


def test_the_fonts_an_edition_is_told_to_name_keep_the_latin_fallback_of_its_list(tmp_path):
    """The edition was told to name its region's family alone: followed, it lost the fonts after it
    in [fonts] (DejaVu Sans, for ☕), and the glyph check stopped its build."""
    from paiban.check.metadata import metadata_problems
    from paiban.config import load_config
    from paiban.edition import editions_for

    (tmp_path / "book.toml").write_text(
        '[book]\ntitle = "书"\nauthors = ["甲"]\n[fonts]\nserif = ["Noto Serif CJK SC", "DejaVu Serif", '
        '"DejaVu Sans"]\n[[editions]]\nname = "cn"\n[[editions]]\nname = "tw"\nconvert = "s2tw"\n', encoding="utf-8")
    loaded = load_config(tmp_path)
    [found] = [f for f in metadata_problems(loaded, editions_for(loaded.config)) if "glyph forms" in f.message]
    assert 'fonts = { serif = ["Noto Serif CJK TC", "DejaVu Serif", "DejaVu Sans"] }.' in found.hint


def test_an_editions_own_isbn_is_checked_at_its_line(tmp_path):
    from paiban.check.metadata import metadata_problems
    from paiban.config import load_config
    from paiban.edition import editions_for

    (tmp_path / "book.toml").write_text('[book]\ntitle = "书"\nauthors = ["某人"]\n[[editions]]\nname = "cn"\n'
                                        '[[editions]]\nname = "tw"\nconvert = "s2tw"\n'
                                        'identifier = "978-0-306-40615-0"\n', encoding="utf-8")
    loaded = load_config(tmp_path)
    assert [(f.severity, f.line, f.message) for f in metadata_problems(loaded, editions_for(loaded.config))
            if f.severity != "info"] == [
        ("error", 9, "ISBN '978-0-306-40615-0' has a wrong check digit: 0, not 7")]


def test_an_uncertain_encoding_is_warned_about_once_though_the_check_reads_the_file_again(tmp_path, caplog):
    """Finding a line reads the file again, for each edition: the first reading alone warns."""
    book = make_book(tmp_path / "b", {}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n'
                     '[[editions]]\nname = "cn"\n[[editions]]\nname = "tw"\nconvert = "s2tw"\n')
    (book / "01-短.txt").write_bytes("标题\n正文.\n".encode("gb18030"))
    findings = preflight(book, epubcheck=False).findings
    assert [(f.file, f.line) for f in findings if f.check == "punctuation"] == [("01-短.txt", 2)]
    warned = "the encoding is uncertain: read as GB18030, but Big5 fits as well"
    assert [(f.file, f.message.startswith(warned)) for f in findings if f.check == "book"] == [("01-短.txt", True)]
    assert warned not in caplog.text  # the reading's warning is a finding; reading again for lines says nothing


@pytest.mark.parametrize("formats", [["pdf"], ["epub"], ["pdf", "epub"]])
def test_a_picture_of_a_format_paiban_cannot_read_is_an_error_at_its_line_in_every_format(tmp_path, formats):
    """A TIFF or a BMP goes into the EPUB as a PNG of it; a HEIC (an iPhone's photo) can be neither,
    nor can the PDF print it. The PDF was built without it, WeasyPrint's warning alone naming it
    (by its URL); the EPUB's error named the picture but not the article or line showing it, and
    the PDF written before it stayed in build/."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文。\n\n![照片](p.heic)\n", "p.heic": b"\0\0\0\x18ftypheic"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    with pytest.raises(PaibanError) as caught:
        paiban.build(book, formats=formats)
    assert (caught.value.file.name, caught.value.line) == ("a.md", 5)
    assert caught.value.message == "image 'p.heic' is in a format paiban cannot read"
    assert "Convert it to JPEG, PNG, GIF, WebP or SVG" in caught.value.hint
    assert not (book / "build").exists() or not [path for path in (book / "build").iterdir() if path.is_file()]
    result = CliRunner().invoke(main, ["check", str(book), "--json"])
    [finding] = json.loads(result.output)["findings"]
    assert result.exit_code == 2 and (finding["file"], finding["line"]) == ("a.md", 5)


@pytest.mark.parametrize(("name", "found"), [
    ("c.jpg", []),
    ("c.svg", []),
    ("c.bmp", []),  # the EPUB carries a PNG of it
])
def test_the_cover_is_checked_at_its_line_of_book_toml(tmp_path, name, found, monkeypatch):
    """A book with a cover stopped the check with an internal error (a call left behind by a signature change).
    A store profile renders the EPUB it reads; with ``epubcheck=False`` it is not validated."""
    monkeypatch.setattr("paiban.check.preflight.epubcheck_findings", lambda *_: pytest.fail("EPUBCheck ran"))
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文。\n"},
                     toml=f'[book]\ntitle = "书"\nauthors = ["某人"]\ncover = "images/{name}"\n')
    (book / "images").mkdir()
    if name.endswith(".svg"):
        (book / "images" / name).write_text('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="24"/>',
                                            encoding="utf-8")
    else:
        Image.new("RGB", (1600, 2400), "white").save(book / "images" / name)
    findings = preflight(book, profile="apple", epubcheck=False).findings  # the profile renders the EPUB
    assert [(f.severity, f.check, f.file, f.line, f.message)
            for f in findings if f.check in ("images", "stores")] == found


def test_the_check_judges_the_epub_the_build_makes_with_its_embedded_fonts(tmp_path, monkeypatch):
    """The preflight rendered its EPUB without the fonts `embed-fonts` puts in: EPUBCheck and the
    store profiles judged a book the build never ships, and Apple's missing font meta went unseen."""
    from paiban.check.stores import Epub, store_problems

    judged = []

    def recorded(path, profile, edition):
        judged.append(Epub.read(path))
        return store_problems(path, profile, edition)

    monkeypatch.setattr("paiban.check.preflight.store_problems", recorded)
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文。\n"},
                     toml='[book]\ntitle = "书"\n[epub]\nembed-fonts = true\n')
    findings = preflight(book, profile="apple", epubcheck=False).findings
    [epub] = judged
    assert epub.embeds_fonts and epub.meta("property", "ibooks:specified-fonts") is not None
    assert not [f for f in findings if f.check == "stores" and "fonts" in f.message]


def test_a_picture_of_too_many_pixels_stops_the_check_with_an_error_naming_it(tmp_path):
    """It was an internal error: Pillow's DecompressionBombError, in the images check."""
    book = make_book(tmp_path, {"01-章/a.md": "# 题\n\n正文。\n\n![大图](big.png)\n",
                                "01-章/big.png": claimed_png(30_000, 30_000)})
    result = CliRunner().invoke(main, ["check", str(book), "--json"])
    [finding] = json.loads(result.output)["findings"]
    assert result.exit_code == 2 and (finding["file"], finding["line"]) == ("01-章/a.md", 5)
    assert finding["message"] == "image 'big.png' is too large: over 178,956,970 pixels"


def test_a_finding_in_a_word_document_names_its_paragraph_and_the_text_around_it(tmp_path):
    """A .docx has no lines: `paiban check` printed `长文.docx  punctuation: “ is never closed` and
    no more, in a document of 30 paragraphs."""
    from docx import Document

    book = make_book(tmp_path / "b", {}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    document = Document()
    document.add_heading("长文", level=0)
    for number in range(1, 31):
        text = "他说：“走吧，我没有回答。" if number == 17 else "山里的夜很黑。"
        document.add_paragraph(f"这是第{number}段，{text}")
    document.save(book / "长文.docx")
    report = Report.of("b", ["zh-Hans"], None, preflight(book, epubcheck=False).findings)
    [finding] = [f for f in report.findings if f.check == "punctuation"]
    assert (finding.line, finding.paragraph, finding.location) == (None, 18, "长文.docx, paragraph 18")
    assert "他说：“走吧" in finding.excerpt and len(finding.excerpt) < 30
    jsonschema.validate(report.as_dict(), SCHEMA)
    assert report.as_dict()["findings"][0]["excerpt"] == finding.excerpt
    console = Console(record=True, width=200)
    render_text(report, console)
    shown = console.export_text()
    assert "长文.docx, paragraph 18  punctuation: “ is never closed" in shown and f"near: {finding.excerpt}" in shown


def test_a_finding_in_a_word_document_is_one_for_all_editions_with_the_text_as_written(tmp_path):
    """`...` printed as `……` made the excerpt the edition's text: the Simplified and Traditional
    editions' differed, so the same finding was reported twice, and neither excerpt was in the file."""
    from docx import Document

    book = make_book(tmp_path / "b", {}, toml="""
        [book]
        title = "书"
        authors = ["某人"]
        [[editions]]
        name = "cn"
        [[editions]]
        name = "tw"
        convert = "s2twp"
        """)
    document = Document()
    document.add_heading("长文", level=0)
    document.add_paragraph("山里的夜很黑。")
    document.add_paragraph("他想了想...说 OK , 然后走了。")
    document.save(book / "长文.docx")
    report = Report.of("b", ["cn", "tw"], None, preflight(book, epubcheck=False).findings)
    [finding] = [f for f in report.findings if f.check == "punctuation"]
    assert (finding.paragraph, finding.editions) == (3, ("cn", "tw"))
    assert finding.excerpt == "他想了想...说 OK , 然后走了。"


def test_a_long_word_paragraph_is_lined_up_with_its_edition_text_once_for_all_its_findings(tmp_path, monkeypatch):
    """Each finding ran difflib over the whole paragraph again: half a second a finding in a
    paragraph of 10,000 characters. The excerpts are still the text as the document has it."""
    from difflib import SequenceMatcher

    from docx import Document

    import paiban.check.passages

    alignments = []

    def counted(*args, **kwargs):
        alignments.append(args)
        return SequenceMatcher(*args, **kwargs)

    monkeypatch.setattr(paiban.check.passages, "SequenceMatcher", counted)
    book = make_book(tmp_path / "b", {}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    document = Document()
    document.add_heading("长文", level=0)
    written = "".join(f"第{number}次他想了想...说 OK , 然后走了。" for number in range(40)) + "他说 OK ; 好的"
    document.add_paragraph(written)
    document.save(book / "长文.docx")
    findings = [f for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert sorted(f.message for f in findings) == ["half-width ',' in Chinese text", "half-width ';' in Chinese text"]
    assert all(f.paragraph == 2 and f.excerpt.strip("…") in written for f in findings)
    assert "OK ; 好的" in next(f.excerpt for f in findings if "';'" in f.message)
    assert len(alignments) == 1


def test_findings_of_several_editions_differing_only_in_their_excerpt_are_merged_keeping_the_first():
    same = [Finding("warning", "punctuation", "half-width ','", "a.docx", paragraph=3, excerpt=text, editions=(name,))
            for name, text in (("cn", "然后走了"), ("tw", "然後走了"))]
    assert Report.of("b", ["cn", "tw"], None, same).findings == (
        Finding("warning", "punctuation", "half-width ','", "a.docx", paragraph=3, excerpt="然后走了",
                editions=("cn", "tw")),)


def test_a_finding_in_html_whose_line_is_not_found_shows_the_text_around_it(tmp_path):
    """The quote written as an entity is in no line of the file as written."""
    book = make_book(tmp_path / "b", {"a.html": "<h1>题</h1>\n<p>第一段。</p>\n<p>他说&ldquo;走吧，我没有回答。</p>\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    [finding] = [f for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert (finding.file, finding.line, finding.paragraph) == ("a.html", None, None)
    assert "他说“走吧" in finding.excerpt


def test_spaced_half_width_marks_and_straight_single_quotes_left_in_chinese_text_are_reported(tmp_path):
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n他说 OK , 然后走了。\n\n这是'单引号，没有关上。\n\n好了 . \n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == [("half-width ',' in Chinese text", 3), ("half-width \"'\" in Chinese text", 5)]


def test_half_width_marks_left_in_a_run_after_a_full_width_one_are_reported(tmp_path):
    """(她不敢相信！!! passed the check: its ! follow a ！, no Han character.) The book's
    description is printed as written, so a run half mended there is the editor's to finish."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n她不敢相信!!!\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\ndescription = "她不敢相信！!!"\n')
    found = [(f.message, f.file, f.line) for f in preflight(book, epubcheck=False).findings
             if f.check == "punctuation"]
    assert found == [("half-width '!' in Chinese text", "book.toml", 4)]


def test_a_mark_after_a_latin_word_before_chinese_is_mended_by_the_build_and_not_reported(tmp_path):
    """The build left Go!你 and Vim?这个 as written (while making ; : , there full width), and the
    check then reported them. A name's own mark, tagged with its language, is left by both."""
    text = "# 题\n\n语言是Go!你用过Vim?对吧。\n\n台湾的[Yahoo!]{lang=en}奇摩拍卖。\n"
    book = make_book(tmp_path / "b", {"a.md": text}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == []
    built = paiban.build(book, formats=["epub"], output=tmp_path / "out")[0].path
    assert "语言是Go！你用过Vim？对吧。" in epub_text(built) and "Yahoo!</span>奇摩" in epub_text(built)


def test_parentheses_around_a_url_are_mended_by_the_build_and_not_reported(tmp_path):
    """官网(https://example.com)很好 kept its ( ) in the build, and the check reported both; so did
    one around an autolink (<…>) or a link's text."""
    text = "# 题\n\n官网(https://example.com)很好。官网(<https://example.com>)很好。见([文档](https://x.org/))。\n"
    book = make_book(tmp_path / "b", {"a.md": text}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == []
    built = re.sub(r"<[^>]+>", "", epub_text(paiban.build(book, formats=["epub"], output=tmp_path / "out")[0].path))
    assert "官网（https://example.com）很好。官网（https://example.com）很好。见（文档）。" in built


def test_a_citations_labels_and_a_telephone_numbers_code_are_left_half_width_and_not_reported(tmp_path):
    """HK legislation writes 第5(1)條, 第2條第(1)款 and 第2條(a)段 half width, and (852) 2345 6789 is a
    telephone number's: the build made the brackets after 第 or 條 full width and the check reported
    the ) before 條 it left."""
    text = "# 題\n\n根據第5(1)條及第2條第(1)款，以及第2條(a)段，請致電(852) 2345 6789。\n"
    book = make_book(tmp_path / "b", {"a.md": text}, toml='[book]\ntitle = "書"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == []
    built = re.sub(r"<[^>]+>", "", epub_text(paiban.build(book, formats=["epub"], output=tmp_path / "out")[0].path))
    assert "根據第5(1)條及第2條第(1)款，以及第2條(a)段，請致電(852) 2345 6789。" in built


def test_an_emoticon_in_chinese_text_is_not_reported_as_half_width_punctuation(tmp_path):
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n今天很开心:)\n\n好的:-)我们走吧。\n\n他说:好。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == []


def test_a_kaomoji_is_kept_by_the_build_and_not_reported_by_the_check(tmp_path):
    """The check told the user to type a full-width （ into the table-flip the build keeps, whose ）
    it called a stray, and the build made (^_^) after Chinese （^_^） and the 」 of _(:з」∠)_ a ”."""
    faces = ["好开心(^_^)今天放假", "哈哈(｡･ω･｡)好萌", "累死了_(:з」∠)_躺平", "今天又迟到了(╯°□°）╯︵ ┻━┻ 谁懂啊"]
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n" + "\n\n".join(faces) + "\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == []
    built = re.sub(r"<[^>]+>", "", epub_text(paiban.build(book, formats=["epub"], output=tmp_path / "out")[0].path))
    assert all(face in built for face in faces)


def test_an_emoji_shortcode_in_chinese_text_is_not_reported_as_half_width_punctuation(tmp_path):
    """The build keeps a shortcode's colons as typed (青鸟已发布:rocket:), so the check, which reports
    what the build leaves, must not call them half-width punctuation in Chinese text."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n青鸟已发布:rocket:\n\n完成:white_check_mark:，失败:x:\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == []


def test_a_term_between_colons_is_reported_as_half_width_punctuation_where_the_build_leaves_it(tmp_path):
    """The book's description is printed as written: a label's half-width colons there (单位:cm:厘米)
    are the editor's to mend, which the check did not report, taking cm for an emoji's name."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n试用:tada:欢迎\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\ndescription = "单位:cm:厘米"\n')
    found = [(f.message, f.file, f.line) for f in preflight(book, epubcheck=False).findings
             if f.check == "punctuation"]
    assert found == [("half-width ':' in Chinese text", "book.toml", 4)]


def test_a_spaced_mark_the_build_leaves_in_a_latin_sentence_is_not_reported(tmp_path):
    """The build keeps 山 , 水 in a Latin sentence as written; the check called it half-width
    punctuation in Chinese text. Beside Latin words in a Chinese sentence it is still reported."""
    text = ("# 题\n\nIn Chinese the words 山 , 水 and fire are written with one character each.\n\n"
            "I love Tokyo , 北京 and Shanghai very much.\n\n他说 OK , 然后走了。\n\n我去了北京 , 上海和 Tokyo\n")
    book = make_book(tmp_path / "b", {"a.md": text}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == [("half-width ',' in Chinese text", 7)]


def test_a_mark_touching_chinese_the_build_leaves_in_a_latin_sentence_is_not_reported(tmp_path):
    """The build keeps 山, 水 and 真的? in an English sentence as written; the check called them
    half-width punctuation in Chinese text. In a Chinese sentence they are still reported."""
    text = ("# 题\n\nThe characters 山, 水 and 人 are among the first a child learns.\n\n"
            "Is it 真的? Yes!\n\nI visited 北京. It was cold.\n\n我们到了北京.然后走了。\n")
    book = make_book(tmp_path / "b", {"a.md": text}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "punctuation"]
    assert found == [("half-width '.' in Chinese text", 9)]


def test_half_width_marks_the_build_keeps_as_written_are_not_reported_but_those_it_mends_are(tmp_path):
    """The build keeps the marks of no-convert text and of another language's as written
    ([他说:好,我们走]{.no-convert}, an English division's 出口:exit), and the check reported them,
    with no line or at a ::: line, as half-width marks the editor could not fix. Text the build mends
    as it reads it is still checked: a zh-Hant span in a zh-Hans book, a no-convert article."""
    chapter = ("# 题\n\n引用原文:[他说:好,我们走]{.no-convert}。\n\n"
               "::: {lang=en}\nThe sign said 出口:exit, and 入口,entry.\n:::\n\n[他说 OK , 然后走了]{lang=zh-Hant}。\n")
    whole = "---\nno-convert: true\n---\n# 全篇\n\n他说:好,我们走。\n\n他说 OK ; 然后走了。\n"
    book = make_book(tmp_path / "b", {"a.md": chapter, "b.md": whole},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.message, f.file, f.line) for f in preflight(book, epubcheck=False).findings
             if f.check == "punctuation"]
    assert found == [("half-width ',' in Chinese text", "a.md", 9), ("half-width ';' in Chinese text", "b.md", 8)]
    assert "他说:好,我们走" in read_article(book / "a.md", book).body
    assert "他说：好，我们走" in read_article(book / "b.md", book).body


def test_urls_the_build_keeps_as_written_are_not_checked(tmp_path):
    """The build keeps /搜索?q=头发 in a Taiwan edition, in the text and in a <…> link showing its
    address, and the check asked for its ? to be full width and its 头, 发 to be 頭, 髮 (the link's
    at the line of the URL before it, or at none): advice that breaks the link. What is around a
    URL is still checked, at its line."""
    text = ("# 网址\n\n搜索请用 https://example.com/搜索?q=头发&page=2 这个地址。\n\n"
            "或者 <https://example.com/搜索?q=头发> 也行。\n\n他说 OK , 然后走了。\n")
    book = make_book(tmp_path / "b", {"a.md": text},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n[[editions]]\nname = "tw"\nconvert = "s2tw"\n')
    found = [(f.check, f.message, f.line) for f in preflight(book, epubcheck=False).findings
             if f.check in ("punctuation", "script")]
    assert found == [("punctuation", "half-width ',' in Chinese text", 7)]


def test_a_word_pictures_size_is_the_size_it_prints_at_and_is_judged_at(tmp_path):
    """A 900 px picture set 3 cm wide in Word printed across the text block (111 mm) at 206 dpi:
    mammoth reads no size. Word's size (wp:extent) is now its width, in the PDF as in the check;
    one set wider than the text block is narrowed to it."""
    book = make_book(tmp_path / "b", {}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    for name, size in (("small.png", (900, 600)), ("wide.png", (1200, 600))):
        Image.new("RGB", size, "red").save(tmp_path / name)
    document = Document()
    document.add_paragraph("一张设为 3 厘米宽的小图，一张设为 20 厘米宽的大图。")
    document.add_picture(str(tmp_path / "small.png"), width=Cm(3))
    document.add_picture(str(tmp_path / "wide.png"), width=Cm(20))
    document.save(book / "01-图.docx")
    found = [f.message for f in preflight(book, epubcheck=False).findings if "prints at" in f.message]
    assert len(found) == 1 and found[0].endswith("prints at 274 dpi (1200×600 px across 111.1 mm); print wants 300")
    [output] = paiban.build(book, formats=["pdf"])
    listed = subprocess.run(["pdfimages", "-list", str(output.path)], check=True, capture_output=True,
                            text=True).stdout.splitlines()[2:]
    assert [(int(row.split()[3]), int(row.split()[12])) for row in listed] == [(900, 765), (1200, 274)]


def test_taiwan_marks_a_simplified_edition_prints_are_reported_and_those_its_conversion_sets_are_not(tmp_path):
    """(A mainland edition printed ‧ ． ⋯ ── from its Taiwan source, and `paiban check` said nothing.)
    A Simplified source's are reported at their line; a tw2sp edition sets them itself; no-convert
    text, 1+2+⋯+n and the Traditional edition are left."""
    article = "# 题\n\n乔治‧华盛顿[喬治‧華盛頓]{.no-convert}\n\n名人⋯⋯他停了一下──然后 1+2+⋯+n\n"
    book = make_book(tmp_path / "cn", {"a.md": article},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\nrights = "版权所有．翻印必究"\n')
    found = [(f.file, f.line, f.message, f.hint.split(",")[0]) for f in preflight(book, epubcheck=False).findings
             if f.check == "punctuation"]
    assert found == [  # a run is one finding, with the run the mainland writes for it
        ("a.md", 3, "‧ (U+2027) in a Simplified edition", "Write · between names and a title's parts"),
        ("a.md", 5, "⋯⋯ (U+22EF) in a Simplified edition", "Write …… (two …) for an ellipsis"),
        ("a.md", 5, "── (U+2500) in a Simplified edition", "Write —— (two em dashes"),
        ("book.toml", 4, "． (U+FF0E) in a Simplified edition", "Write · between names and a title's parts")]
    taiwan = make_book(tmp_path / "tw", {"a.md": article.replace("然后", "然後")},
                       toml='[book]\ntitle = "書"\nauthors = ["某人"]\nlanguage = "zh-Hant-TW"\n'
                            'rights = "版權所有．翻印必究"\n[[editions]]\nname = "tw"\n'
                            '[[editions]]\nname = "cn"\nconvert = "tw2sp"\n')
    assert [f.message for f in preflight(taiwan, epubcheck=False).findings if f.check == "punctuation"] == []


def test_a_charts_box_drawing_lines_are_no_taiwan_dash_to_the_check(tmp_path):
    """A 世系图 of box-drawing lines (a poem's, a .txt's) was a warning a line, advising —— that would
    break it; its ─ are lines, known by the chart's ├ └ ┬ on other lines too. A dash beside it is reported."""
    chart = "甲──┬──乙\n　　　└──丙\n丁──────戊\n├─己\n"
    book = make_book(tmp_path, {"a.md": f"# 图\n\n::: poem\n{chart}:::\n\n他停了一下──然后说\n",
                                "b.txt": f"图二\n\n二房世系。\n\n{chart}"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    assert [(f.file, f.line, f.message) for f in preflight(book, epubcheck=False).findings
            if f.check == "punctuation"] == [("a.md", 10, "── (U+2500) in a Simplified edition")]


@pytest.mark.parametrize(("article", "lines"), [
    ("# 图\n\n```\n乔治‧华盛顿\n```\n\n::: poem\n甲\n乔治‧华盛顿\n:::\n", [9]),  # the same text in code before it
    ("# 图\n\n甲乙‧丙。\n\n::: poem\n丁\n戊乙‧丙\n:::\n", [3, 7]),  # a poem's line, part of which is an earlier line's
])
def test_a_finding_in_a_poem_is_at_its_own_line(tmp_path, article, lines):
    """A finding in a poem's line was put at the first line of the file holding its character and one
    neighbour, a code block's (which no check reads) or another paragraph's: the text around it
    was looked for across the poem's line break, which no line holds."""
    book = make_book(tmp_path, {"a.md": article}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    assert [f.line for f in preflight(book, epubcheck=False).findings
            if f.check == "punctuation"] == lines


def _word_book_of_pictures(tmp_path: Path) -> Path:
    """A book of a .docx with two pictures without alt text, one of them shown twice: the first
    900 px set 10 cm wide (229 dpi), the other sharp."""
    book = make_book(tmp_path / "b", {}, toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    for name, size in (("coarse.png", (900, 600)), ("sharp.png", (1200, 600))):
        Image.new("RGB", size, "red").save(tmp_path / name)
    document = Document()
    document.add_heading("图", level=0)
    document.add_paragraph("作坊的情形如下图所示。")
    document.add_picture(str(tmp_path / "sharp.png"), width=Cm(4))
    document.add_paragraph("作坊后的山路。")
    document.add_picture(str(tmp_path / "coarse.png"), width=Cm(10))
    document.add_picture(str(tmp_path / "sharp.png"), width=Cm(4))
    document.save(book / "01-图.docx")
    return book


def test_a_word_pictures_findings_name_its_paragraph_and_say_what_to_do_in_word(tmp_path):
    """They had no paragraph (`paragraph: null`) and told an editor of a .docx to write
    ![description](…) or width="420"."""
    found = [(f.location, f.message.split(" ", 2)[2], f.hint)
             for f in preflight(_word_book_of_pictures(tmp_path), epubcheck=False).findings if f.check == "images"]
    alt = ("In Word, right-click the picture → 编辑替换文字 (Edit Alt Text) and describe it for readers who "
           "cannot see it.")
    assert found == [
        ("01-图.docx, paragraph 3", "has no alt text", alt),
        ("01-图.docx, paragraph 5", "has no alt text", alt),
        ("01-图.docx, paragraph 5", "prints at 229 dpi (900×600 px across 100.0 mm); print wants 300",
         "In Word, replace it with a picture at least 1182 px wide (right-click → 更改图片, Change Picture, keeps "
         "its size, 10.0 cm), or set it at most 7.6 cm wide (布局 → 大小, Size)."),
        ("01-图.docx, paragraph 6", "has no alt text", alt)]


def test_a_pdf_build_warns_of_a_picture_without_alt_text_once_in_paibans_words(tmp_path, caplog):
    """A PDF-only build gave only WeasyPrint's `Image ".paiban/images/….png" has no required alt
    description`, naming no paragraph and no fix; paiban's own warning came with an EPUB alone."""
    book = _word_book_of_pictures(tmp_path)
    paiban.build(book, formats=["pdf"])
    warned = [record.getMessage() for record in caplog.records if "alt" in record.getMessage()]
    assert [message.split(": image ")[0] for message in warned] == [
        f"{book / '01-图.docx'}, paragraph {number}" for number in (3, 5, 6)]
    assert all("has no alt text (In Word, right-click the picture → 编辑替换文字" in message for message in warned)


def test_a_traditional_word_document_is_told_how_to_stay_as_written_and_then_is_not_flagged(tmp_path):
    """Each of its characters was said to be one that "can be marked no-convert", which a .docx
    cannot be; `no-convert = true` on its chapter in book.toml now keeps it, and the hint says so."""
    toml = '[book]\ntitle = "书"\nauthors = ["某人"]\n[[chapters]]\ntitle = "旧稿"\narticles = ["*.docx", "*.md"]\n'
    book = make_book(tmp_path / "b", {"b.md": "# 题\n\n舊書。\n"}, toml=toml)
    document = Document()
    document.add_heading("黃昏", level=0)
    document.save(book / "a.docx")
    hints = {(f.file, f.hint) for f in preflight(book, epubcheck=False).findings if f.check == "script"}
    def hint(simplified: str, char: str, keeping: str) -> str:
        return (f"Write {simplified} in the source; if {char} is the word meant here, keep it in [phrases], "
                f'"{char}" = "{char}" (or the word it is part of), which every edition follows; for text that must '
                f"stay as written, {keeping}.")
    markdown = "mark it [原文]{.no-convert}, or the whole file with no-convert: true in its front matter"
    docx = "keep the whole file so with no-convert = true on its [[chapters]] entry in book.toml"
    assert hints == {
        ("a.docx", hint("黄", "黃", docx)),
        ("b.md", hint("旧", "舊", markdown)), ("b.md", hint("书", "書", markdown))}
    (book / "book.toml").write_text(toml + "no-convert = true\n", encoding="utf-8")
    assert [f for f in preflight(book, epubcheck=False).findings if f.check == "script"] == []


def test_a_table_too_wide_for_the_page_is_a_layout_finding_at_its_line(tmp_path):
    """Only the build's layout found a table of too many columns; the check reported nothing."""
    row = "| " + " | ".join(["12345.678"] * 14) + " |\n"
    header = "|" + "".join(f" 列{n} |" for n in range(14)) + "\n"
    book = make_book(tmp_path, {"01-章/宽表.md": f"# 表\n\n正文。\n\n{header}{'| --- ' * 14}|\n{row}"})
    [found] = [f for f in preflight(book, epubcheck=False).findings if f.check == "layout"]
    assert (found.severity, found.file, found.line) == ("warning", "01-章/宽表.md", 5)
    assert "split it into two tables" in found.hint


def test_a_table_of_years_in_brackets_too_wide_for_the_page_is_a_layout_finding(tmp_path, caplog):
    """Ten columns of 生（1832） ran past the text block and the check said nothing: its estimate of the
    columns' widths took the year for a cell's widest unbreakable piece, where no line breaks after （
    nor before ）, and never laid the table out."""
    cells = " | ".join(f"生（18{30 + n}）" for n in range(9))
    book = make_book(tmp_path, {"a.md": f"# 表\n\n| 世次 |{' 房 |' * 9}\n{'| --- ' * 10}|\n| 十七世 | {cells} |\n"})
    assert [(f.file, f.line) for f in preflight(book, epubcheck=False).findings if f.check == "layout"] == [("a.md", 3)]
    paiban.build(book, formats=["pdf"])
    assert "a.md:3: a table runs" in caplog.text


# Twelve columns, a two-row header: an estimate of its columns' least widths (Latin a generous 0.6 em)
# found it too wide even in the smallest type, yet the build sets it inside the text block.
BANKS = ("<table>\n<caption>表2　2020—2024年样本银行主要经营指标</caption>\n<thead>\n"
         '<tr><th rowspan="2">银行</th><th rowspan="2">代码</th>'
         + "".join(f'<th colspan="2">{name}</th>' for name in ("营业收入（亿元）", "净利润（亿元）",
                                                              "不良率（%）", "资本充足率（%）"))
         + '<th rowspan="2">股息率</th><th rowspan="2">市净率</th></tr>\n'
         + "<tr>" + "<th>2023年</th><th>2024年</th>" * 4 + "</tr>\n</thead>\n<tbody>\n"
         + "<tr><td>澄江银行</td><td>601988.SH</td>"
         + "".join(f"<td>{figure}</td>" for figure in "6,310.12 6,234.56 2,312.45 2,298.76 1.27 1.25".split())
         + "".join(f"<td>{figure}</td>" for figure in "17.82 18.05 5.21% 0.58".split())
         + "</tr>\n</tbody>\n</table>\n")
# Fourteen columns of figures: no setting fits them.
TOO_WIDE = ("<p>表3　2024年样本银行分季度净利润</p>\n<table><tr>" + "<th>净利润</th>" * 14 + "</tr>\n<tr>"
            + "<td>12345.678</td>" * 14 + "</tr></table>\n")


def test_the_check_reports_the_tables_the_build_warns_of_and_no_other(tmp_path, caplog):
    """`paiban check` told to split a 12-column table that the build sets inside the text block,
    warning of nothing: its estimate of the columns' widths was no measure of the layout."""
    article = f"<h1>银行业</h1>\n<p>正文。</p>\n{BANKS}<p>正文。</p>\n{TOO_WIDE}"
    book = make_book(tmp_path, {"01-银行/银行业.html": article})
    found = [(f.line, f.message.split(" is wider")[0]) for f in preflight(book, epubcheck=False).findings
             if f.check == "layout"]
    assert found == [(14, "table 2 of 2")]  # the line of 表3, its caption
    paiban.build(book, formats=["pdf"])
    told = re.findall(r"银行业\.html:14: (.+?) runs \d+ mm past the text block", caplog.text.replace("\n", " "))
    assert told == ["the table captioned 表3　2024年样本银行分季度净利润"]


def test_the_check_counts_an_articles_tables_and_finds_each_as_the_build_does(tmp_path, caplog):
    """A small table in a footnote made the check call the article's one wide table table 1 of 2, where
    the build, whose print runs a note's table into the note's text, calls it a table; and two tables
    that begin alike were both found at the first one's line. The build's warnings name the lines the
    check finds (they named none)."""
    rows = "|" + "净利润|" * 14 + "\n|" + "---|" * 14 + "\n|" + "12345.678|" * 14 + "\n"
    noted = f"# 注\n\n正文，有一个注[^1]。\n\n{rows}\n[^1]: 注里的小表：\n\n    |甲|乙|\n    |---|---|\n    |一|二|\n"
    alike = ("# 同\n\n" + "".join(f"> {row}\n" for row in rows.splitlines()) + "\n列表里：\n\n- 项\n\n"
             + "".join(f"  {row}\n" for row in rows.splitlines()))
    table = "<table><tr>" + "<th>净利润</th>" * 14 + "</tr><tr>" + "<td>12345.678</td>" * 14 + "</tr></table>"
    one_line = f"<h1>行</h1><p>甲：</p>{table}<p>乙：</p>{table}\n"  # (a page saved on one line)
    book = make_book(tmp_path, {"01-章/01-注.md": noted, "01-章/02-同.md": alike, "01-章/03-行.html": one_line})
    found = [(f.file, f.line, f.message.split(" is wider")[0]) for f in preflight(book, epubcheck=False).findings
             if f.check == "layout"]
    assert found == [("01-章/01-注.md", 5, "a table"), ("01-章/02-同.md", 3, "table 1 of 2"),
                     ("01-章/02-同.md", 11, "table 2 of 2"), ("01-章/03-行.html", 1, "table 1 of 2"),
                     ("01-章/03-行.html", 1, "table 2 of 2")]
    paiban.build(book, formats=["pdf"])
    told = re.findall(r"(\S+\.(?:md|html)):(\d+): (.+?) runs \d+ mm past the text block", caplog.text)
    assert [(Path(file).name, int(line), name) for file, line, name in told] == [
        ("01-注.md", 5, "a table"), ("02-同.md", 3, "table 1 of 2"), ("02-同.md", 11, "table 2 of 2"),
        ("03-行.html", 1, "table 1 of 2"), ("03-行.html", 1, "table 2 of 2")]


def test_a_table_too_wide_in_a_converted_edition_is_found_at_its_line(tmp_path):
    """The hk edition's finding named no line (its converted text was looked for in the source as
    written), so it was a finding apart from the cn edition's, and did not say which table it meant."""
    toml = '[book]\ntitle = "书"\n[[editions]]\nname = "cn"\n[[editions]]\nname = "hk"\nconvert = "s2hk"\n'
    book = make_book(tmp_path, {"01-银行/银行业.html": f"<h1>银行业</h1>\n<p>正文。</p>\n{TOO_WIDE}"}, toml=toml)
    found = [(f.file, f.line, f.editions) for f in preflight(book, epubcheck=False).findings if f.check == "layout"]
    assert found == [("01-银行/银行业.html", 3, ("cn", "hk"))]


def test_a_file_of_a_book_given_by_a_relative_path_is_shown_relative_to_the_book(tmp_path, monkeypatch):
    """A book checked as `paiban check f1` showed a missing font's book.toml as f1/book.toml,
    the other findings' files relative to the book."""
    from paiban.check.passages import shown

    (tmp_path / "f1").mkdir()
    monkeypatch.chdir(tmp_path)
    assert shown(Path("f1") / "book.toml", Path("f1")) == "book.toml"
    assert shown(tmp_path / "elsewhere.css", Path("f1")) == str(tmp_path / "elsewhere.css")


def test_a_reference_to_no_note_is_one_finding_and_a_note_never_referred_to_another(tmp_path):
    """The reference was listed twice at its line: the reader's warning (which the build tells)
    and the links check's error."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文[^missing]。\n\n[^c]: 没有引用的注。\n"},
                     toml='[book]\ntitle = "书"\nauthors = ["某人"]\n')
    found = [(f.severity, f.check, f.line, f.message.split(" (")[0]) for f in preflight(book, epubcheck=False).findings
             if f.file == "a.md"]
    assert found == [("error", "links", 3, "footnote reference [^missing] has no note"),
                     ("warning", "book", 5, "the footnote [^c] is never referred to, so it is left out")]


def test_a_font_a_books_sheet_names_that_the_book_cannot_be_set_in_is_reported_at_its_line(tmp_path):
    """`paiban check` said "No problems found" of a family misspelt in a book's sheet and of an
    @font-face whose file was missing: the PDF set that text in fontconfig's Noto Sans CJK JP."""
    book = make_book(tmp_path / "b", {
        "a.md": "# 题\n\n> 引文。\n",
        "styles/base.css": '@font-face { font-family: "House Kai"; src: url("HouseKai.otf"); }\n'
                           'blockquote { font-family: "House Kai", serif; }\n'
                           'h1 { font-family: "Noto Sans CJK SX", "Noto Sans CJK SC", sans-serif; }\n'})
    found = [(f.severity, f.file, f.line, f.message.split(":")[0]) for f in preflight(book, epubcheck=False).findings
             if f.check == "glyphs"]
    assert found == [("warning", "styles/base.css", 1, "the font HouseKai.otf of @font-face 'House Kai' is not there"),
                     ("warning", "styles/base.css", 2, "font-family 'House Kai' is not brought by its @font-face, "
                                                       "which has no font file it can use, nor is any later family "
                                                       "of its list")]
