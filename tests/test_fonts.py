"""fontconfig asked in the build's own process: the same answers as fc-match and fc-list give."""

from __future__ import annotations

import subprocess
import zipfile

import pytest

import paiban
from paiban import fontconfig
from paiban.check.glyphs import _unfitting
from paiban.fonts import characters, font_file, installed_families

from conftest import make_book


@pytest.mark.parametrize("pattern", ["Noto Serif CJK SC:style=Regular", "Noto Sans CJK TC:style=Bold",
                                     "No Such Family:style=Regular"])  # the last: fontconfig's stand-in
def test_a_match_is_what_fc_match_prints(pattern):
    form = "%{family}\t%{file}\t%{index}\t%{charset}"
    printed = subprocess.run(["fc-match", "-f", form, pattern], capture_output=True, text=True, check=True).stdout
    assert fontconfig.match(pattern, form) == printed


@pytest.mark.parametrize("pattern", [":", ":charset=10d0"])
def test_a_listing_is_what_fc_list_prints(pattern):
    printed = subprocess.run(["fc-list", pattern, "family"], capture_output=True, text=True, check=True).stdout
    assert sorted(fontconfig.listing(pattern, "family")) == sorted(printed.splitlines())
    assert fontconfig.listing(pattern, "family")


def test_a_family_is_found_only_under_its_own_name():
    assert font_file("Noto Serif CJK SC")[0].endswith((".ttc", ".otf", ".otc"))
    assert font_file("No Such Family") is None
    assert "一" in characters("Noto Serif CJK SC") and "一" not in characters("No Such Family")
    assert "Noto Serif CJK SC" in installed_families()


def test_a_character_the_book_fonts_lack_names_an_installed_font_that_has_it(tmp_path):
    """♔ is in no Noto CJK face, nor in DejaVu Serif, the text's Latin fallback; DejaVu Sans has it."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文♔。\n"})
    with pytest.raises(paiban.PaibanError) as error:
        paiban.build(book, formats=["epub"], output=tmp_path / "out")
    assert "U+2654 ♔ has no glyph in Noto Serif CJK SC, DejaVu Serif (text)" in str(error.value)
    assert "Installed fonts that have it: DejaVu Sans" in error.value.hint


def test_without_fontconfig_nothing_is_installed_and_no_font_is_matched(monkeypatch):
    monkeypatch.setattr(fontconfig, "_library", lambda: None)
    assert fontconfig.match("Noto Serif CJK SC", "%{file}") is None
    assert fontconfig.listing(":", "family") == []


@pytest.mark.parametrize("family", ["Noto Serif CJK SC:size=12pt", "Foo:weight=bold;", "Some-Family, Other"])
def test_a_family_name_fontconfig_would_read_as_a_pattern_is_no_installed_family(family):
    """Read as a pattern, 'Foo:weight=bold;' made FcNameParse return nothing, and the build crashed."""
    assert font_file(family) is None
    assert fontconfig.match("Foo:weight=bold;", "%{file}") is None


def test_a_book_naming_such_a_family_first_falls_back_to_the_next(tmp_path, caplog):
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文。\n"},
                     '[book]\ntitle = "书"\n[fonts]\nserif = ["Noto Serif CJK SC:size=12pt", "Noto Serif CJK SC"]\n')
    [output] = paiban.build(book, formats=["epub"], output=tmp_path / "out")
    assert output.path.is_file() and "is not installed; using 'Noto Serif CJK SC'" in caplog.text


@pytest.mark.parametrize(("role", "first"), [("serif", "DejaVu Serif"), ("sans", "DejaVu Sans"),
                                             ("mono", "DejaVu Sans Mono")])
def test_the_hint_for_a_lacking_character_suggests_a_face_fitting_its_role(role, first):
    """The hint suggested DejaVu Math TeX Gyre, the first of an alphabetical list, for the text and
    the headings alike: it names a serif for the text, a sans for headings, a mono for code, text
    faces before maths ones."""
    families = ["DejaVu Math TeX Gyre", "DejaVu Sans", "DejaVu Sans Mono", "DejaVu Serif", "Liberation Mono"]
    ranked = sorted(families, key=lambda family: _unfitting(family, role))
    assert ranked[0] == first and ranked[-1] == "DejaVu Math TeX Gyre"


LATIN_NAMES = """\
    [book]
    title = "Łódź 与 Dvořák"
    subtitle = "Łódź, Kraków and Hà Nội"
    authors = ["Nguyễn Thị Lan", "Antonín Dvořák"]
    """


def test_latin_letters_noto_cjk_lacks_are_drawn_in_the_default_latin_fallback(tmp_path):
    """ř (Dvořák), Ł (Łódź), ễ (Nguyễn) are in no Noto CJK face: with the default fonts (no [fonts],
    as `paiban new` makes a book) the build stopped. Each default list now ends in a Latin face
    (DejaVu here; Noto Serif where installed) that draws what Noto CJK lacks; ASCII stays Noto CJK's."""
    text = "# 第一章 Dvořák\n\n德沃夏克（Antonín Dvořák）生于波希米亚。Nguyễn 去了 Łódź。\n"
    book = make_book(tmp_path / "b", {"a.md": text}, LATIN_NAMES)
    built = {output.format: output.path for output in paiban.build(book, formats=["epub", "pdf"],
                                                                   output=tmp_path / "out")}
    epub, pdf = built["epub"], built["pdf"]
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Nguyễn 去了" in printed and "Łódź" in printed and "Antonín Dvořák" in printed
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "DejaVu-Serif" in fonts and "DejaVu-Sans-Bold" in fonts and "Noto-Serif-CJK-SC" in fonts
    with zipfile.ZipFile(epub) as package:
        css = package.read("EPUB/styles/fonts.css").decode()
    assert 'html { font-family: "Noto Serif CJK SC", "Noto Serif", "DejaVu Serif", serif; }' in css


def test_the_latin_fallback_stands_in_for_no_cjk_font_that_is_missing(monkeypatch):
    """Noto CJK missing and DejaVu installed is still no font for the text, told with the package
    to install, not a glyph error for every Chinese character; a fallback missing is no warning."""
    from paiban import fonts
    from paiban.edition import fonts_for

    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"DejaVu Serif", "DejaVu Sans",
                                                                        "DejaVu Sans Mono"}))
    missing = fonts.missing_fonts(fonts_for("zh-Hans"))
    assert [font.message for font in missing] == [
        "no font for text is installed (asked for: Noto Serif CJK SC)",
        "no font for headings is installed (asked for: Noto Sans CJK SC)",
        "no font for code is installed (asked for: Noto Sans Mono CJK SC)"]
    assert "apt-get install fonts-noto-cjk" in missing[0].hint


def test_a_missing_latin_fallback_is_no_warning(monkeypatch, caplog):
    from paiban import fonts
    from paiban.edition import fonts_for

    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC",
                                                                        "Noto Sans Mono CJK SC"}))
    assert fonts.missing_fonts(fonts_for("zh-Hans")) == [] and "not installed" not in caplog.text


def test_a_letter_only_the_latin_face_has_is_no_error_in_english_text(tmp_path):
    """Text tagged lang=en is set in a Latin face (fonts.css :lang(en)), the book's fonts after it:
    with a [fonts] list of Noto CJK alone, ř in English text was an error though the PDF drew it;
    outside English text it still is one."""
    toml = '[book]\ntitle = "书"\n[fonts]\nserif = ["Noto Serif CJK SC"]\nsans = ["Noto Sans CJK SC"]\n'
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文。\n\n[Dvořák in Łódź]{lang=en}\n\n"
                                              '<div lang="en-GB"><h2>On Dvořák</h2><p>Łódź</p></div>\n'}, toml)
    [pdf] = paiban.build(book, formats=["pdf"], output=tmp_path / "out")
    printed = subprocess.run(["pdftotext", str(pdf.path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Dvořák in Łódź" in printed and "On Dvořák" in printed
    (book / "a.md").write_text("# 题\n\n正文 Dvořák。\n\n[Dvořák]{lang=en}\n")
    with pytest.raises(paiban.PaibanError) as error:
        paiban.build(book, formats=["pdf"], output=tmp_path / "out")
    assert error.value.message == "U+0159 ř has no glyph in Noto Serif CJK SC (text)"
    assert error.value.line == 3


@pytest.mark.parametrize(("written", "language", "meant"), [
    ("Noto Serif CJK", "zh-Hans", "Noto Serif CJK SC"),  # the family without its region: the book's
    ("Noto Serif CJK", "zh-Hant-HK", "Noto Serif CJK HK"),
    ("noto serif cjk tc", "zh-Hans", "Noto Serif CJK TC"),  # another case
    ("Noto Serif CKJ SC", "zh-Hans", "Noto Serif CJK SC"),  # misspelt
])
def test_a_font_name_close_to_an_installed_family_is_told_that_family(tmp_path, written, language, meant):
    """It said "Install it with `apt-get install fonts-noto-cjk`", of a package already installed."""
    book = make_book(tmp_path / "b", {"01/a.md": "# 甲\n\n正文。\n"},
                     toml=f'[book]\ntitle = "书"\nlanguage = "{language}"\n\n[fonts]\nserif = ["{written}"]\n')
    with pytest.raises(paiban.PaibanError) as error:
        paiban.build(book, formats=["pdf"], output=tmp_path / "out")
    assert (error.value.message, error.value.line) == (f"no font for text is installed (asked for: {written})", 6)
    assert error.value.hint.startswith(f"Did you mean '{meant}'? That family is installed")


def test_a_font_name_close_to_no_installed_family_is_told_to_install_or_choose():
    from paiban.fonts import meant_family

    assert meant_family(["Source Han Serif SC"], installed_families(), "SC") is None
