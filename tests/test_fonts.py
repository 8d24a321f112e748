"""fontconfig asked in the build's own process: the same answers as fc-match and fc-list give."""

from __future__ import annotations

import subprocess

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
    """Georgian ა is in no Noto CJK face; DejaVu has it (a serif suggested for the text)."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文ა。\n"})
    with pytest.raises(paiban.PaibanError) as error:
        paiban.build(book, formats=["epub"], output=tmp_path / "out")
    assert "U+10D0" in str(error.value)
    assert "Installed fonts that have it: DejaVu Serif" in error.value.hint


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


def test_a_latin_letter_noto_cjk_lacks_gets_a_serif_suggested_for_the_text(tmp_path):
    """ř (Dvořák) is in no Noto CJK face; DejaVu Serif (fonts-dejavu-core, which the setup installs) has it."""
    book = make_book(tmp_path / "b", {"a.md": "# 题\n\nDvořák。\n"})
    with pytest.raises(paiban.PaibanError) as error:
        paiban.build(book, formats=["epub"], output=tmp_path / "out")
    assert error.value.hint.startswith("Installed fonts that have it: DejaVu Serif, ")
    assert 'e.g. serif = [..., "DejaVu Serif"]' in error.value.hint
