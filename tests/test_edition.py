"""Editions declared in book.toml: which are built, their names, languages, quotes, fonts, titles."""

from pathlib import Path

import pytest

from paiban.config import load_config
from paiban.edition import editions_for, english_fonts, fonts_for, identifier, output_path
from paiban.errors import PaibanError

from conftest import make_book

EDITIONS = """\
    [book]
    title = "书"
    [fonts]
    serif = ["Noto Serif CJK SC", "Noto Serif"]
    [[editions]]
    name = "cn"
    [[editions]]
    name = "tw"
    convert = "s2tw"
    title = "書（臺灣版）"
    [[editions]]
    name = "hk"
    convert = "s2hk"
    quotes = "curly"
    fonts = { sans = ["Noto Sans CJK HK"] }
    [[editions]]
    name = "tw-phrases"
    convert = "s2twp"
    """


@pytest.fixture
def config(tmp_path):
    make_book(tmp_path, {}, EDITIONS)
    return load_config(tmp_path).config


def test_every_declared_edition_is_built_by_default(config):
    assert [e.name for e in editions_for(config)] == ["cn", "tw", "hk", "tw-phrases"]


def test_edition_option_picks_one(config):
    [tw] = editions_for(config, ("tw",))
    assert (tw.name, tw.convert, tw.language, tw.title) == ("tw", "s2tw", "zh-Hant-TW", "書（臺灣版）")


def test_an_edition_named_twice_is_one_edition(config):
    """``-e cn -e cn`` built the edition twice and listed its outputs twice; ``-f`` given twice was once."""
    assert [e.name for e in editions_for(config, ("tw", "cn", "tw"))] == ["tw", "cn"]


def test_unknown_edition_name_lists_the_declared_ones(config):
    with pytest.raises(PaibanError) as caught:
        editions_for(config, ("jp",))
    assert "no edition named 'jp'" in caught.value.message and "cn, tw, hk, tw-phrases" in caught.value.hint


def test_an_edition_and_a_one_off_conversion_are_not_combined(config):
    with pytest.raises(PaibanError) as caught:
        editions_for(config, ("tw",), convert="s2hk")
    assert "cannot be combined with --edition tw" in caught.value.message


def test_quotes_follow_the_region_unless_set(config):
    quotes = {e.name: e.quotes for e in editions_for(config)}
    assert quotes == {"cn": "curly", "tw": "corner", "hk": "curly", "tw-phrases": "corner"}


def test_fonts_edition_then_book_then_region_default(config):
    """A list the book gives is drawn as given; a default one ends in its Latin fallback, which
    stands in for no family the book asks for (Fonts.chosen)."""
    fonts = {e.name: e.fonts for e in editions_for(config)}
    assert fonts["cn"].serif == ("Noto Serif CJK SC", "Noto Serif")
    assert fonts["hk"].sans == ("Noto Sans CJK HK",) and fonts["hk"].serif == ("Noto Serif CJK SC", "Noto Serif")
    assert fonts["tw"].sans == ("Noto Sans CJK TC", "Noto Sans", "DejaVu Sans")
    assert fonts["tw"].mono == ("Noto Sans Mono CJK TC", "DejaVu Sans Mono")
    assert fonts["tw"].chosen("sans") == ("Noto Sans CJK TC",) and fonts["cn"].chosen("serif") == fonts["cn"].serif


def test_output_names_keep_editions_side_by_side(config):
    out = Path("build")
    names = [output_path(out, "book", e, "epub").name for e in editions_for(config)]
    assert names == ["book.cn.epub", "book.tw.epub", "book.hk.epub", "book.tw-phrases.epub"]


def test_book_without_editions_has_one_in_its_source_script(tmp_path):
    make_book(tmp_path, {}, '[book]\ntitle = "书"\n')
    [only] = editions_for(load_config(tmp_path).config)
    assert (only.language, only.convert, only.suffix, only.quotes) == ("zh-Hans", None, None, "curly")
    assert output_path(Path("b"), "book", only, "pdf") == Path("b/book.pdf")


def test_a_book_without_editions_picks_its_one_by_its_language(tmp_path):
    """The build's summary and the check's findings name that edition by its language tag;
    ``-e zh-Hans`` was refused ("the book declares no editions")."""
    make_book(tmp_path, {}, '[book]\ntitle = "书"\n')
    config = load_config(tmp_path).config
    assert editions_for(config, ("zh-Hans",)) == editions_for(config)
    with pytest.raises(PaibanError) as caught:
        editions_for(config, ("zh-Hans", "tw"))
    assert caught.value.message == "the book declares no editions, so there is no 'tw'"
    assert caught.value.hint.startswith("Its one edition is zh-Hans.")


def test_convert_option_makes_a_one_off_edition_named_by_language(config):
    [one] = editions_for(config, convert="s2hk")
    assert (one.language, one.suffix, one.quotes) == ("zh-Hant-HK", "zh-Hant-HK", "corner")


@pytest.mark.parametrize(("config_name", "language"), [
    ("s2t", "zh-Hant"), ("s2tw", "zh-Hant-TW"), ("s2twp", "zh-Hant-TW"), ("s2hk", "zh-Hant-HK")])
def test_language_tag_follows_the_conversion(config, config_name, language):
    assert editions_for(config, convert=config_name)[0].language == language


def test_unknown_config_is_an_error_listing_the_known_ones(config):
    with pytest.raises(PaibanError) as caught:
        editions_for(config, convert="s2x")
    assert "unknown conversion 's2x'" in caught.value.message and "s2twp" in caught.value.hint


def test_converting_from_the_wrong_script_is_an_error(config, tmp_path):
    with pytest.raises(PaibanError, match="converts from Hant"):
        editions_for(config, convert="t2s")
    make_book(tmp_path / "tw", {}, '[book]\ntitle = "書"\nlanguage = "zh-Hant-TW"\n')
    traditional = load_config(tmp_path / "tw").config
    assert editions_for(traditional, convert="tw2s")[0].language == "zh-Hans"
    with pytest.raises(PaibanError) as caught:  # the hint named three of the eight that fit
        editions_for(traditional, convert="s2hk")
    assert "t2hk" in caught.value.hint and "tw2sp" in caught.value.hint and "s2t," not in caught.value.hint


@pytest.mark.parametrize(("second", "message"), [
    ("cn", "the second [[editions]] has the name of the first, 'cn'"),
    ("CN", "the second [[editions]] has the name 'CN', which is the first's 'cn' in another case")])
def test_an_editions_name_taken_in_any_case_is_refused_at_its_line(tmp_path, second, message):
    """A name given twice was refused with no line; cn beside CN was built into c.cn.epub and
    c.CN.epub, one file on macOS and Windows."""
    make_book(tmp_path, {}, f'[book]\ntitle = "书"\n[[editions]]\nname = "cn"\n[[editions]]\nname = "{second}"\n')
    with pytest.raises(PaibanError) as caught:
        load_config(tmp_path)
    assert caught.value.message.startswith(message) and caught.value.line == 6


def test_unknown_opencc_config_in_an_edition_is_a_config_error(tmp_path):
    make_book(tmp_path, {}, '[book]\ntitle = "书"\n[[editions]]\nname = "a"\nconvert = "s2jp"\n')
    with pytest.raises(PaibanError) as caught:
        load_config(tmp_path)
    assert "`convert` in the first [[editions]]" in caught.value.message and caught.value.line == 5


def test_each_edition_has_its_own_identifier_and_the_source_edition_keeps_the_books(config, tmp_path):
    """Readers take EPUBs with one identifier for one publication: an edition's is derived with its
    name, or given in [[editions]]; the source edition (cn) keeps the one derived from title and authors."""
    ids = {e.name: e.identifier for e in editions_for(config)}
    assert ids["cn"] is None  # the book's own, as before
    derived = [ids["tw"], ids["hk"], ids["tw-phrases"], editions_for(config, convert="s2tw")[0].identifier]
    assert all(value.startswith("urn:uuid:") for value in derived)
    assert len({identifier(None, "书", []), *derived}) == 5
    assert ids == {e.name: e.identifier for e in editions_for(config)}  # stable across builds
    make_book(tmp_path / "isbn", {}, '[book]\ntitle = "书"\nidentifier = "978-7-02-000220-7"\n'
              '[[editions]]\nname = "cn"\n[[editions]]\nname = "tw"\nconvert = "s2tw"\n'
              'identifier = " 978-0-306-40615-7 "\n[[editions]]\nname = "hk"\nconvert = "s2hk"\n')
    ids = {e.name: e.identifier for e in editions_for(load_config(tmp_path / "isbn").config)}
    assert ids["cn"] is None and ids["tw"] == "urn:isbn:9780306406157"
    assert ids["hk"].startswith("urn:uuid:")  # never the cn edition's ISBN


@pytest.mark.parametrize(("toml", "line", "message"), [
    ('identifier = "978-7-5086-0001-7"\n[[editions]]\nname = "cn"\n[[editions]]\nname = "tw"\nconvert = "s2tw"\n'
     'identifier = "9787508600017"\n', 9,
     "the second [[editions]] ('tw') has the identifier '9787508600017', which the 'cn' edition (from [book]) has too"),
    ('[[editions]]\nname = "tw"\nconvert = "s2tw"\nidentifier = "978-0-306-40615-7"\n[[editions]]\nname = "hk"\n'
     'convert = "s2hk"\nidentifier = "ISBN 9780306406157"\n', 10,
     "the second [[editions]] ('hk') has the identifier 'ISBN 9780306406157', which the first [[editions]] ('tw') "
     "has too"),
    # its ISBN-10, and another spelling of its ISBN-13 (they slipped past, written raw into the OPF)
    ('[[editions]]\nname = "tw"\nconvert = "s2tw"\nidentifier = "978-7-5086-0001-7"\n[[editions]]\nname = "hk"\n'
     'convert = "s2hk"\nidentifier = "7-5086-0001-0"\n', 10,
     "the second [[editions]] ('hk') has the identifier '7-5086-0001-0', which the first [[editions]] ('tw') "
     "has too"),
    ('[[editions]]\nname = "tw"\nconvert = "s2tw"\nidentifier = "978-7-5086-0001-7"\n[[editions]]\nname = "hk"\n'
     'convert = "s2hk"\nidentifier = "URN:ISBN:9787508600017"\n', 10,
     "the second [[editions]] ('hk') has the identifier 'URN:ISBN:9787508600017', which the first [[editions]] "
     "('tw') has too"),
], ids=["the book's", "another edition's", "an ISBN-10", "urn:isbn: in capitals"])
def test_an_identifier_two_editions_carry_is_refused_at_the_seconds_line(tmp_path, toml, line, message):
    """Both EPUBs went out with one ISBN, without a word from build or check: a store refuses the second
    upload (or puts it in the first's place), and reading apps merge the two editions."""
    make_book(tmp_path, {}, f'[book]\ntitle = "书"\n{toml}')
    with pytest.raises(PaibanError) as caught:
        load_config(tmp_path)
    assert (caught.value.message, caught.value.line) == (message, line)


@pytest.mark.parametrize(("editions", "message"), [
    ('[[editions]]\nname = "tw"\nconvert = "s2tw"\n', "every edition converts the text or changes the language"),
    ('[[editions]]\nname = "cn"\nidentifier = "978-0-306-40615-7"\n', "it is the source edition's, 'cn', which "
     "gives its own"),
], ids=["every edition converts", "the source edition gives its own"])
def test_a_books_identifier_no_edition_carries_is_refused_at_its_line(tmp_path, editions, message):
    """A book whose one edition converts went out under a UUID, its ISBN on no copyright page, without a word."""
    make_book(tmp_path, {}, f'[book]\ntitle = "书"\nidentifier = "978-7-5086-0001-7"\n{editions}')
    with pytest.raises(PaibanError) as caught:
        load_config(tmp_path)
    assert caught.value.message.startswith("`identifier` in [book] is never used: ") and caught.value.line == 3
    assert caught.value.message.endswith(message)


@pytest.mark.parametrize("given", ["978-7-5086-0001-7", "ISBN 9787508600017", "isbn 978-7-5086-0001-7",
                                   "URN:ISBN:9787508600017"])
def test_a_books_identifier_its_source_edition_says_again_is_used(tmp_path, given):
    """Said in [book] and again, the same ISBN however written, in the source edition's entry: it was
    refused as never used."""
    make_book(tmp_path, {}, f'[book]\ntitle = "书"\nidentifier = "978-7-5086-0001-7"\n'
                            f'[[editions]]\nname = "cn"\nidentifier = "{given}"\n')
    assert load_config(tmp_path).config.editions[0].name == "cn"


@pytest.mark.parametrize(("language", "region"), [
    ("zh-Hans", "SC"), ("zh-Hant", "TC"), ("zh-Hant-TW", "TC"), ("zh-Hant-HK", "HK")])
def test_default_fonts_follow_the_language(language, region):
    fonts = fonts_for(language)
    assert fonts.chosen("serif") == (f"Noto Serif CJK {region}",)
    assert fonts.chosen("sans") == (f"Noto Sans CJK {region}",)
    assert fonts.chosen("mono") == (f"Noto Sans Mono CJK {region}",)
    assert fonts.serif[0] == f"Noto Serif CJK {region}" and fonts.serif[-1] == "DejaVu Serif"


LICENSED = """\
    [book]
    title = "版本測試"
    authors = ["林雨青"]
    language = "zh-Hant-TW"
    publisher = "範例出版社"
    date = "民國113年3月"
    edition = "中華民國113年3月初版一刷"
    rights = "版權所有．翻印必究"
    cip = "國家圖書館出版品預行編目資料"

    [[editions]]
    name = "tw"

    [[editions]]
    name = "cn"
    convert = "tw2sp"
    publisher = "北京示例出版社"
    rights = \"\"\"本书简体中文版由范例出版社授权北京示例出版社独家出版发行
    版权所有　侵权必究\"\"\"
    edition = "2025年1月第1版"
    date = "2025-01"
    cip = ""
    """


def test_each_edition_prints_its_own_publisher_rights_edition_cip_and_date(tmp_path):
    """`publisher` in [[editions]] was an unknown key: a licensed Simplified edition printed the
    Taiwan house's copyright page, CIP block and all."""
    import zipfile

    import paiban
    from conftest import epubcheck_messages

    root = make_book(tmp_path / "b", {"a.md": "# 文\n\n內容。\n"}, LICENSED)
    pages, opfs = {}, {}
    for output in paiban.build(root, formats=["epub"]):
        with zipfile.ZipFile(output.path) as epub:
            name = output.path.suffixes[0][1:]
            pages[name] = epub.read("EPUB/titlepage.xhtml").decode("utf-8").split('class="copyright"')[1]
            opfs[name] = epub.read("EPUB/content.opf").decode("utf-8")
    assert "<p>範例出版社</p>" in pages["tw"] and "<p>中華民國113年3月初版一刷</p>" in pages["tw"]
    assert "國家圖書館出版品預行編目資料" in pages["tw"] and "<p>版權所有．翻印必究</p>" in pages["tw"]
    assert "<dc:publisher>範例出版社</dc:publisher>" in opfs["tw"] and "<dc:date>2024-03</dc:date>" in opfs["tw"]
    assert "<p>北京示例出版社</p>" in pages["cn"] and "<p>2025年1月第1版</p>" in pages["cn"]
    assert "<p>本书简体中文版由范例出版社授权北京示例出版社独家出版发行</p>" in pages["cn"]
    assert "copyright-cip" not in pages["cn"] and "范例出版社</p>" not in pages["cn"].split("rights")[0]
    assert "<dc:publisher>北京示例出版社</dc:publisher>" in opfs["cn"] and "<dc:date>2025-01</dc:date>" in opfs["cn"]
    assert "授权北京示例出版社" in opfs["cn"].split("<dc:rights>")[1]
    assert epubcheck_messages(root / "build" / "b.cn.epub") == []


def test_an_editions_own_date_is_checked_at_its_line(tmp_path):
    make_book(tmp_path, {}, '[book]\ntitle = "書"\n\n[[editions]]\nname = "cn"\ndate = "明年"\n')
    with pytest.raises(PaibanError) as caught:
        load_config(tmp_path)
    assert caught.value.line == 6 and "'明年' is not a date" in caught.value.message


def test_a_press_pdf_asks_each_edition_for_its_copyright_pages_publisher(tmp_path):
    from paiban.check.metadata import metadata_problems

    make_book(tmp_path, {}, '[book]\ntitle = "書"\npublisher = "社"\ndate = 2024\nidentifier = "9787020000005"\n'
                            '[pdf]\nbleed = "3mm"\n[[editions]]\nname = "a"\n'
                            '[[editions]]\nname = "b"\npublisher = ""\n')
    loaded = load_config(tmp_path)
    found = [(f.message, f.editions) for f in metadata_problems(loaded, editions_for(loaded.config))
             if f.severity == "error"]
    assert found == [("the copyright page of a press PDF lacks the publisher", ("b",)),
                     # [book]'s ISBN is the source edition's (a) alone: b prints none
                     ("the copyright page of a press PDF lacks the identifier (ISBN)", ("b",))]


def test_the_latin_face_english_text_asks_for_is_chosen_though_the_default_fonts_end_in_it():
    """English text's fonts are the Latin face, then the edition's, whose default lists end in the
    same DejaVu and Noto as a fallback: they were taken for a fallback there too."""
    fonts = english_fonts(fonts_for("zh-Hans"))
    assert fonts.chosen("serif") == ("Noto Serif", "DejaVu Serif", "Liberation Serif", "Noto Serif CJK SC")
    assert fonts.chosen("mono") == ("Noto Sans Mono CJK SC",) and fonts.fallback.mono == ("DejaVu Sans Mono",)


def test_a_vertical_edition_quotes_with_corner_marks_unless_set(tmp_path):
    """A vertical (竖排) Simplified edition kept the horizontal “ ” ‘ ’: GB/T 15834-2011 prescribes
    ﹁﹂﹃﹄ for vertical text, 「」『』 as fonts draw them there. A quote style given still wins."""
    make_book(tmp_path, {}, '[book]\ntitle = "书"\n[epub]\nvertical = true\n'
                            '[[editions]]\nname = "cn"\n[[editions]]\nname = "cn-curly"\nquotes = "curly"\n'
                            '[[editions]]\nname = "cn-across"\nvertical = false\n')
    config = load_config(tmp_path).config
    quotes = {e.name: e.quotes for e in editions_for(config)}
    assert quotes == {"cn": "corner", "cn-curly": "curly", "cn-across": "curly"}
    assert editions_for(config, convert="s2t")[0].quotes == "corner"
    make_book(tmp_path, {}, '[book]\ntitle = "书"\n[epub]\nvertical = true\n')
    assert editions_for(load_config(tmp_path).config)[0].quotes == "corner"
