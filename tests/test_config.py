"""book.toml is validated before anything is rendered; each error names the key, the line and the fix."""

import pytest

from paiban.config import load_config
from paiban.errors import PaibanError

from conftest import make_book


def error_for(tmp_path, toml: str) -> PaibanError:
    make_book(tmp_path, {}, toml)
    with pytest.raises(PaibanError) as caught:
        load_config(tmp_path)
    return caught.value


def test_minimal_config_has_defaults(tmp_path):
    make_book(tmp_path, {}, '[book]\ntitle = "书"\n')
    config = load_config(tmp_path).config
    assert config.book.title == "书"
    assert config.book.language == "zh-Hans"
    assert config.parts == [] and config.chapters == []


def test_missing_book_toml_names_the_directory(tmp_path):
    with pytest.raises(PaibanError) as caught:
        load_config(tmp_path)
    assert "no book.toml" in caught.value.message
    assert "paiban new" in caught.value.hint


def test_toml_syntax_error_names_the_line(tmp_path):
    error = error_for(tmp_path, '[book]\ntitle = "书"\nauthors = ["甲",\n')
    assert error.file.name == "book.toml"
    assert error.line is not None and error.line >= 3
    assert "TOML syntax error" in error.message


@pytest.mark.parametrize(("written", "message", "hint"), [
    ('cover = "images\\new.jpg"', "invalid value for `book.cover`: it is one line of text",
     'write a path with / between its folders, as on every system: cover = "images/new.jpg".'),
    ('cover = "D:\\书稿\\images\\new.jpg"', "TOML syntax error: Unescaped '\\' in a string (at line 3, column 14)",
     'write a path with / between its folders, as on every system: cover = "D:/书稿/images/new.jpg".'),
    ('subtitle = "上卷\\下卷"', "TOML syntax error: Unescaped '\\' in a string (at line 3, column 17)",
     "write it in single quotes, which keep \\: subtitle = '上卷\\下卷'."),
], ids=["line-break", "no-escape", "not-a-path"])
def test_a_backslash_in_a_double_quoted_string_is_told_as_the_escape_it_begins(tmp_path, written, message, hint):
    r"""A Windows path in "…": its \n became a line break ("it is one line of text"), its \书 TOML's
    bare "Unescaped '\'" with "Check quotes, brackets and `key = value` pairs"; neither said why."""
    error = error_for(tmp_path, f'[book]\r\ntitle = "书"\r\n{written}\r\n')
    assert (error.message, error.line) == (message, 3)
    assert error.hint == 'In a "…" string, \\ begins an escape (\\n is a line break): ' + hint


@pytest.mark.parametrize(("encoding", "message"), [
    ("utf-16", "not UTF-8 text (byte 0 cannot be decoded): it reads as UTF-16, which Notepad saves as Unicode"),
    ("gbk", "not UTF-8 text (byte 17 cannot be decoded): it reads as GB18030, which Notepad saves as ANSI"),
])
def test_a_book_toml_saved_by_notepad_in_another_encoding_is_told_which_and_how_to_save_it(tmp_path, encoding,
                                                                                           message):
    """It said only "not UTF-8 text (byte 0 cannot be decoded)", though articles in these encodings are read."""
    (tmp_path / "book.toml").write_bytes('[book]\r\ntitle = "书"\r\n'.encode(encoding))
    with pytest.raises(PaibanError) as caught:
        load_config(tmp_path)
    assert caught.value.message == message
    assert caught.value.hint.startswith("Save book.toml as UTF-8: in Notepad, 文件 → 另存为 (File → Save As), "
                                        "编码 (Encoding) UTF-8; or here, `iconv -f ")


def test_unknown_key_names_line_and_suggests_the_right_one(tmp_path):
    error = error_for(tmp_path, '[book]\ntitle = "书"\n\nautors = ["甲"]\n')
    assert error.message == "unknown key `book.autors`"
    assert error.line == 4
    assert "Did you mean `authors`?" in error.hint


@pytest.mark.parametrize(("written", "meant"), [("gutter", "inner"), ("inside", "inner"), ("outside", "outer"),
                                               ("head", "top"), ("foot", "bottom")])
def test_a_margin_named_in_a_printers_word_is_told_the_key_that_means_it(tmp_path, written, meant):
    """`gutter` was answered "Did you mean `outer`?", the closest in spelling: the gutter is the inner margin."""
    error = error_for(tmp_path, f'[book]\ntitle = "书"\n\n[pdf]\nmargins = {{ {written} = "18mm" }}\n')
    assert error.message == f"unknown key `pdf.margins.{written}`"
    assert error.hint.startswith(f"Did you mean `{meant}`?")


def test_unknown_top_level_table(tmp_path):
    error = error_for(tmp_path, '[book]\ntitle = "书"\n[pdff]\nsize = "A5"\n')
    assert "unknown key `pdff`" in error.message
    assert error.line == 3


@pytest.mark.parametrize(("pdf", "message", "example"), [
    ('bleed = "3"', "`pdf.bleed`: '3' needs a unit", 'bleed = "3mm"'),
    ('margins = { top = "18 px" }', "`pdf.margins.top`: '18 px' is not a length", 'top = "18mm"'),
    ('font-size = "10,5pt"', "'10,5pt' is not a length", 'font-size = "10.5pt"'),
])
def test_a_length_without_its_unit_says_what_to_write(tmp_path, pdf, message, example):
    """Was pydantic's "String should match pattern '^\\s*\\d+…'"."""
    error = error_for(tmp_path, f'[book]\ntitle = "书"\n[pdf]\n{pdf}\n')
    assert message in error.message and "pattern" not in error.message
    assert error.line == 4 and example in error.hint and "mm, cm, pt or in" in error.hint


@pytest.mark.parametrize(("toml", "line"), [
    ('[pdf.margins]\ntop = "abc"\n', 5),
    ('[pdf.margins]\ntopp = "3mm"\n', 5),
    ('[pdf]\nsize = "A5"\n\n[pdf.margins]\ntop = "3mm"\nbottom = "x"\n', 9),
])
def test_a_mistake_in_a_subtable_without_its_parent_table_is_named_at_its_line(tmp_path, toml, line):
    """[pdf.margins] with no [pdf] before it, the form paiban's own hint writes: the error had no line."""
    error = error_for(tmp_path, f'[book]\ntitle = "书"\n\n{toml}')
    assert error.line == line


@pytest.mark.parametrize("written", ["3", "-1", "true", '"2"'])
def test_contents_sections_out_of_range_is_named_with_its_line(tmp_path, written):
    """[contents] sections: 0, 1 or 2 levels of an article's headings; anything else said at its line."""
    error = error_for(tmp_path, f'[book]\ntitle = "书"\n\n[contents]\nsections = {written}\n')
    assert "contents.sections" in error.message and error.line == 5
    assert "0 (none), 1 (its ## sections) or 2" in error.hint


def test_missing_title(tmp_path):
    error = error_for(tmp_path, '[book]\nauthors = ["甲"]\n')
    assert error.message == "missing required key `book.title`"
    assert error.line == 1


def test_bad_language_is_named_with_its_line(tmp_path):
    error = error_for(tmp_path, '[book]\ntitle = "书"\nlanguage = "en"\n')
    assert "book.language" in error.message and error.line == 3


PARTS = """\
    [book]
    title = "书"

    [[parts]]
    title = "上编"
    [[parts.chapters]]
    title = "一"
    articles = ["a.md"]

    [[parts]]
    title = "下编"
    [[parts.chapters]]
    title = "二"
    articles = ["b.md"]
    """


def test_key_inside_nested_chapter_is_located(tmp_path):
    error = error_for(tmp_path, PARTS.replace('articles = ["b.md"]', 'article = ["b.md"]'))
    assert error.message == "unknown key `article` in the first [[parts.chapters]] of the second [[parts]]"
    assert error.line == 14


@pytest.mark.parametrize(("toml", "line", "where", "header"), [
    ('[book]\ntitle = "书"\n\n[chapters]\ntitle = "一"\narticles = ["a.md"]\n', 4, "`chapters`", "chapters"),
    ('[book]\ntitle = "书"\n[[parts]]\ntitle = "上编"\n[parts.chapters]\ntitle = "一"\narticles = ["a.md"]\n', 5,
     "`chapters` in the first [[parts]]", "parts.chapters"),
    ('[book]\ntitle = "书"\n[editions]\nname = "tw"\n', 3, "`editions`", "editions"),
])
def test_a_list_of_tables_written_with_single_brackets_says_to_double_them(tmp_path, toml, line, where, header):
    """Was "Input should be a valid list", hinting `chapters = ["…", "…"]`, which fails in turn."""
    error = error_for(tmp_path, toml)
    assert error.message.startswith(f"invalid value for {where}: ")
    assert f"[[{header}]] (double brackets)" in error.message
    assert error.line == line and f"line [[{header}]]" in error.hint and "valid list" not in str(error)


def test_chapters_written_as_a_list_under_book_are_pointed_to_their_own_tables(tmp_path):
    error = error_for(tmp_path, '[book]\ntitle = "书"\nchapters = ["a.md"]\n')
    assert error.line == 3 and "[[chapters]]" in error.hint and "chapter-numbers" not in error.hint


def test_a_misnamed_table_header_is_reported_at_its_line_not_where_toml_fails(tmp_path):
    """[[part]] then [[parts.chapters]] makes `parts` a table: TOML fails at the next, correct, [[parts]]."""
    error = error_for(tmp_path, PARTS.replace("[[parts]]", "[[part]]", 1))
    assert error.message == "unknown table `[[part]]`" and error.line == 4
    assert "Did you mean `[[parts]]`?" in error.hint

@pytest.mark.parametrize(("header", "meant"), [("[edition]", "[[editions]]"), ("[[edition]]", "[[editions]]"),
                                              ("[font]", "[fonts]"), ("[[part]]", "[[parts]]")])
def test_a_misspelt_table_header_is_told_as_the_header_meant(tmp_path, header, meant):
    """[edition] (for [[editions]]) was told to belong in [book], which has an `edition` key (版次):
    following that, TOML refused a second [book]."""
    error = error_for(tmp_path, f'[book]\ntitle = "书"\n\n{header}\nname = "tw"\n')
    assert (error.message, error.line) == (f"unknown key `{header.strip('[]')}`", 4)
    assert error.hint.startswith(f"Did you mean `{meant}`?") and "[book]" not in error.hint


def test_a_key_of_book_above_any_header_is_told_to_go_under_book(tmp_path):
    error = error_for(tmp_path, 'edition = "2024年第1版"\n[book]\ntitle = "书"\n')
    assert error.hint == "`edition` belongs in the [book] table: put a line `[book]` above it."


@pytest.mark.parametrize(("toml", "message"), [("", "the file is empty"), ("# 书\n", "there is no [book] table"),
                                                ('[pdf]\nsize = "A5"\n', "there is no [book] table")])
def test_a_book_toml_without_book_says_how_to_begin_it(tmp_path, toml, message):
    """An empty book.toml was told to "Add `book = ...` to the [book] table"."""
    error = error_for(tmp_path, toml)
    assert error.message == message and error.hint.endswith('[book]\ntitle = "书名"')
    make_book(tmp_path, {}, error.hint.split("\n", 1)[1] + "\n" + toml)  # the hint followed
    assert load_config(tmp_path).config.book.title == "书名"


def test_a_misnamed_table_unrelated_to_the_clash_is_not_blamed_for_it(tmp_path):
    """[bok] between two [book] tables was reported as "did you mean [book]?": following that makes
    three [book] tables. The clash is the second [book], and that is where it is reported."""
    error = error_for(tmp_path, '[book]\ntitle = "书"\n[bok]\nx = 1\n[book]\ny = 2\n')
    assert error.line == 5 and error.message.startswith("TOML syntax error: Cannot declare ('book',) twice")
    assert "bok" not in str(error) and "written twice" in error.hint



@pytest.mark.parametrize(("written", "marks", "fixed"), [
    ("title = “山居杂记”", "“ and ”", 'title = "山居杂记"'),
    ('articles = ["a.md"，"b.md"]', "，", 'articles = ["a.md","b.md"]'),
    ('title ＝ "书"', "＝", 'title = "书"'),
    ('title\u3000= "书"', "full-width space (全角空格)", 'title = "书"'),
    ('title："书"', "：", 'needs the ASCII = there: switch the input method to English (half-width) to type them, '
                        'e.g. title = "书"'),  # it said title:"书", no TOML either
])
def test_punctuation_typed_with_a_chinese_input_method_is_named(tmp_path, written, marks, fixed):
    """Was only "Invalid value" or "Unclosed array"; a full-width mark inside a string is text, not named."""
    error = error_for(tmp_path, f'[book]\nsubtitle = "上编，“山中”"\n{written}\n')
    assert error.line == 3 and "(at line 3, column" in error.message
    assert f"{marks} typed with a Chinese input method" in error.message and fixed in error.hint


def test_full_width_marks_in_a_comment_are_not_blamed_for_an_error_before_them(tmp_path):
    """The comment's ： and ， were named as the cause and the hint rewrote the comment, leaving the value
    unquoted; now the error is tomllib's, at the value."""
    error = error_for(tmp_path, '[book]\ntitle = 书名 # 注释：这是书名，很好\n')
    assert error.line == 2 and error.message == "TOML syntax error: Invalid value (at line 2, column 9)"
    assert "input method" not in str(error)


def test_only_the_full_width_mark_where_toml_fails_is_named_and_the_comment_is_kept(tmp_path):
    error = error_for(tmp_path, '[book]\ntitle ＝ "书"  # 书名：上编，下编\n')
    assert error.message.endswith(": ＝ typed with a Chinese input method")
    assert 'e.g. title = "书"  # 书名：上编，下编' in error.hint


def test_parts_and_chapters_together_are_refused(tmp_path):
    toml = """\
        [book]
        title = "书"
        [[parts]]
        title = "上编"
        [[parts.chapters]]
        title = "一"
        articles = ["a.md"]
        [[chapters]]
        title = "二"
        articles = ["b.md"]
        """
    assert "either [[parts]] or [[chapters]]" in error_for(tmp_path, toml).message


def test_date_and_single_author_are_accepted(tmp_path):
    make_book(tmp_path, {}, '[book]\ntitle = "书"\nauthors = "甲"\ndate = 2026-11-26\n')
    book = load_config(tmp_path).config.book
    assert book.authors == ["甲"] and book.date == "2026-11-26"


@pytest.mark.parametrize("date", ["2024-03-15", '"2024-03"', "2024", '"2024"'])
def test_a_day_month_or_year_is_a_date(tmp_path, date):
    make_book(tmp_path, {}, f'[book]\ntitle = "书"\ndate = {date}\n')
    assert load_config(tmp_path).config.book.date == date.strip('"')


@pytest.mark.parametrize("date", ['"下个月"', '"2024-02-30"', '"2024/03/15"'])
def test_what_is_no_date_is_an_error_at_its_line(tmp_path, date):
    error = error_for(tmp_path, f'[book]\ntitle = "书"\ndate = {date}\n')
    assert "is not a date" in error.message and error.line == 3 and "YYYY-MM-DD" in error.message


@pytest.mark.parametrize(("toml", "hint"), [
    ('[book]\ntitle = 5\n', 'title = "…"'),
    ('[book]\ntitle = "书"\nauthors = 3\n', 'authors = ["…", "…"]'),
    ('title = "书"\n', "put a line `[book]` above it"),
])
def test_a_value_of_the_wrong_kind_says_how_to_write_it(tmp_path, toml, hint):
    assert hint in error_for(tmp_path, toml).hint


def test_unquoted_chinese_key_gets_a_hint_to_quote_it(tmp_path):
    error = error_for(tmp_path, '[book]\ntitle = "书"\n[phrases]\n社区 = "社區"\n')
    assert error.line == 4 and '"社区" = "社區"' in error.hint


def test_a_book_directory_that_does_not_exist_is_named_as_such(tmp_path):
    """It said 'no book.toml in DIR', as though the directory were there."""
    with pytest.raises(PaibanError) as caught:
        load_config(tmp_path / "nonexist")
    assert caught.value.message == f"there is no directory {tmp_path / 'nonexist'}"


@pytest.mark.parametrize(("table", "where", "line"), [
    ('[[chapters]]\ntitle = "  "\narticles = ["a.md"]\n', "the first [[chapters]]", 5),
    ('[[parts]]\ntitle = "　"\n[[parts.chapters]]\ntitle = "章"\narticles = ["a.md"]\n', "the first [[parts]]", 5),
    ('[[editions]]\nname = "tw"\ntitle = " "\n', "the first [[editions]]", 6),
])
def test_a_blank_chapter_part_or_edition_title_is_called_blank(tmp_path, table, where, line):
    """(A chapter of "  " was built, with a contents entry of nothing.)"""
    error = error_for(tmp_path, f'[book]\ntitle = "书"\n\n{table}')
    assert (error.message, error.line) == (f"`title` in {where} is blank", line)


@pytest.mark.parametrize("date", ["2024年3月5日", "民國113年3月5日", "中華民國 113 年 3 月 5 日"])
def test_a_date_written_in_chinese_is_kept_in_the_w3c_form(tmp_path, date):
    """A year of the Republic (Taiwan's count) is kept in the common era, as the OPF wants it."""
    make_book(tmp_path, {}, f'[book]\ntitle = "书"\ndate = "{date}"\n')
    assert load_config(tmp_path).config.book.date == "2024-03-05"


@pytest.mark.parametrize("title", ['"   "', '""'])
def test_a_blank_title_is_called_blank(tmp_path, title):
    """It said "String should have at least 1 character" of a title of three spaces."""
    error = error_for(tmp_path, f'[book]\ntitle = {title}\n')
    assert error.message == "`book.title` is blank" and error.line == 2
    assert 'title = "…"' in error.hint


def test_numbered_of_a_chapter_is_true_or_false(tmp_path):
    error = error_for(tmp_path, '[book]\ntitle = "书"\n[[chapters]]\ntitle = "后记"\narticles = ["a.md"]\n'
                                'numbered = "否"\n')
    assert error.message.startswith("invalid value for `numbered`") and error.line == 6


@pytest.mark.parametrize(("value", "message"), [
    ('"  "', "`running-title` in the first [[chapters]] is blank"),
    ('"城市\\n记忆"', "invalid value for `running-title` in the first [[chapters]]: a running head is one line"),
    ("3", "invalid value for `running-title` in the first [[chapters]]: expected text in quotes, got 3"),
])
def test_a_chapters_running_title_is_one_line_of_text_at_its_line(tmp_path, value, message):
    error = error_for(tmp_path, f'[book]\ntitle = "书"\n[[chapters]]\ntitle = "城市记忆：很长的标题"\n'
                                f'running-title = {value}\narticles = ["a.md"]\n')
    assert (error.message, error.line) == (message, 5)


@pytest.mark.parametrize(("value", "says"), [
    ('"japanese"', "'japanese' is not a language tag: write it as HTML's lang does, ja for Japanese"),
    ('"zh-Hant"', "'zh-Hant' is Chinese, which a chapter is written in unless it says otherwise: remove `language`; "
                  "to keep the chapter in its script, write no-convert = true"),
])
def test_a_chapters_language_is_the_tag_of_a_language_other_than_chinese(tmp_path, value, says):
    """A chapter's language (a Japanese .txt's) is tagged on its articles: a tag that is none, or
    Chinese, which the book's language and no-convert say, is refused at its line."""
    error = error_for(tmp_path, f'[book]\ntitle = "书"\n[[chapters]]\ntitle = "原文"\narticles = ["jp/*"]\n'
                                f'language = {value}\n')
    assert error.message.startswith(f"invalid value for `language` in the first [[chapters]]: {says}")
    assert error.line == 6


def test_a_chapters_running_title_is_read_stripped(tmp_path):
    make_book(tmp_path, {}, '[book]\ntitle = "书"\n[[parts]]\ntitle = "上编"\n[[parts.chapters]]\n'
                            'title = "城市记忆：很长的标题"\nrunning-title = " 城市记忆 "\narticles = ["a.md"]\n')
    assert load_config(tmp_path).config.parts[0].chapters[0].running_title == "城市记忆"


@pytest.mark.parametrize(("written", "meant"), [("zh-TW", "zh-Hant-TW"), ("zh-HK", "zh-Hant-HK"), ("zh-CN", "zh-Hans"),
                                                ("zh_hant_tw", "zh-Hant-TW")])
def test_a_language_written_by_its_region_alone_is_told_the_tag_it_means(tmp_path, written, meant):
    """language = "zh-TW" got pydantic's "Input should be 'zh-Hans', …", with no word of zh-Hant-TW."""
    error = error_for(tmp_path, f'[book]\ntitle = "書"\nlanguage = "{written}"\n')
    assert error.line == 3 and f"'{written}' is not a language" in error.message
    assert error.hint.startswith(f'Did you mean "{meant}"?')


def test_an_editions_conversion_from_the_other_script_is_an_error_at_its_line(tmp_path):
    """It stopped with a clear message but no book.toml:line, unlike every other mistake in book.toml."""
    error = error_for(tmp_path, '[book]\ntitle = "書"\nlanguage = "zh-Hant-TW"\n\n[[editions]]\nname = "tw"\n\n'
                                '[[editions]]\nname = "cn"\nconvert = "s2twp"\n')
    assert (error.file.name, error.line) == ("book.toml", 10)
    assert "'s2twp' converts from Hans script, but the book is written in zh-Hant-TW" in error.message
    assert "second [[editions]]" in error.message and "tw2sp" in error.hint


@pytest.mark.parametrize(("written", "message", "line"), [
    ('hazards = ["none", "flashing"]', '"none" and "unknown" stand alone', 4),
    ('hazards = ["flash"]', "'flash' is not one of 'flashing', 'noFlashingHazard'", 4),
    ('certified-by = "某机构"', "give conforms-to too", 4),
    # Both were written into the OPF: a flashing book declared free of flashing.
    ('hazards = ["noFlashingHazard", "flashing"]', "'noFlashingHazard' and 'flashing' contradict each other", 4),
    ('hazards = ["sound", "unknownSoundHazard"]', "list one form of sound", 4),
    ('hazards = ["noSoundHazard", "noSoundHazard"]', "'noSoundHazard' is listed twice", 4),
])
def test_an_accessibility_declaration_that_cannot_be_is_an_error_at_its_line(tmp_path, written, message, line):
    error = error_for(tmp_path, f'[book]\ntitle = "书"\n[accessibility]\n{written}\n')
    assert message in error.message and "accessibility" in error.message and error.line == line


@pytest.mark.parametrize(("toml", "where", "line"), [
    ('[phrases]\n"软件" = "軟體"\n"" = "x"\n', "a key of the [phrases] table", 6),
    ('[[editions]]\nname = "tw"\nconvert = "s2tw"\nphrases = { "" = "x" }\n',
     "a key of `phrases` in the first [[editions]]", 7),
])
def test_an_empty_phrase_is_an_error_at_its_line(tmp_path, toml, where, line):
    """An empty text to replace stopped build and check with an internal XMLSyntaxError: it matched
    between every two characters, markup included."""
    error = error_for(tmp_path, f'[book]\ntitle = "书"\n\n{toml}')
    assert error.message == f"invalid value for {where}: a phrase needs a non-empty text to replace"
    assert (error.file.name, error.line) == ("book.toml", line)


def test_an_editions_language_its_conversion_contradicts_is_an_error_at_its_line(tmp_path):
    """Hong Kong's text tagged zh-Hant-TW (and set in Taiwan's fonts) was built silently, while
    `paiban check` called it an error."""
    error = error_for(tmp_path, '[book]\ntitle = "户口"\n\n[[editions]]\nname = "hk"\nconvert = "s2hk"\n'
                                'language = "zh-Hant-TW"\n')
    assert (error.file.name, error.line) == ("book.toml", 7)
    assert error.message == "language zh-Hant-TW does not match conversion s2hk, which writes zh-Hant-HK"
    assert error.hint.startswith("Remove the edition's `language`")


@pytest.mark.parametrize(("book", "language", "message", "hint"), [
    ("zh-Hans", "zh-Hant-TW", "language zh-Hant-TW is not the book's zh-Hans, and the edition converts nothing: "
     "its zh-Hans text would be tagged zh-Hant-TW", "Add the `convert` that writes it (s2tw, s2twp)"),
    ("zh-Hant-TW", "zh-Hans", "language zh-Hans is not the book's zh-Hant-TW, and the edition converts nothing: "
     "its zh-Hant-TW text would be tagged zh-Hans", "Add the `convert` that writes it (t2s, tw2s, tw2sp)"),
    ("zh-Hant-TW", "zh-Hant-HK", "language zh-Hant-HK is not the book's zh-Hant-TW, and the edition converts "
     "nothing: its zh-Hant-TW text would be tagged zh-Hant-HK", "Add the `convert` that writes it (t2hk)"),
])
def test_an_edition_that_converts_nothing_in_another_script_or_region_is_an_error_at_its_language(
        tmp_path, book, language, message, hint):
    """A forgotten `convert`: the "Taiwan edition" was the Simplified text tagged zh-Hant-TW, set in
    Taiwan's fonts under a 目錄, built without a word."""
    error = error_for(tmp_path, f'[book]\ntitle = "书"\nlanguage = "{book}"\n\n[[editions]]\nname = "e"\n'
                                f'language = "{language}"\n')
    assert (error.file.name, error.line, error.message) == ("book.toml", 7, message)
    assert error.hint == f"{hint}, or remove the edition's `language`."


def test_an_edition_that_converts_nothing_may_name_its_region(tmp_path):
    make_book(tmp_path, {}, '[book]\ntitle = "書"\nlanguage = "zh-Hant"\n\n[[editions]]\nname = "tw"\n'
                            'language = "zh-Hant-TW"\n')
    assert load_config(tmp_path).config.editions[0].language == "zh-Hant-TW"


def test_phrases_of_an_edition_that_converts_nothing_are_an_error_at_their_line(tmp_path):
    """They were ignored without a word."""
    error = error_for(tmp_path, '[book]\ntitle = "书"\n\n[[editions]]\nname = "cn"\nphrases = { "后面" = "后头" }\n')
    assert (error.file.name, error.line) == ("book.toml", 6)
    assert error.message.startswith("`phrases` in the first [[editions]] are never used")


@pytest.mark.parametrize(("toml", "message", "line", "hint"), [
    ("[book]\ntitle = \"书\"\nauthors = 3\n", "`book.authors`: expected text in quotes or a list [...], got 3", 3,
     'authors = ["…", "…"]'),
    ("[book]\ntitle = \"书\"\ndate = true\n", "`book.date`: expected a date, got true", 3, 'date = "…"'),
    ("[book]\ntitle = \"书\"\n[pdf]\nleading = \"1.5\"\n", "`pdf.leading`: expected a number, got '1.5'", 4,
     "without quotes"),
    ("[book]\ntitle = \"书\"\n[pdf]\nleading = 5\n", "`pdf.leading`: the most it may be is 3", 4, "README"),
    ("[book]\ntitle = \"书\"\nslug = \"城市 笔记\"\n", "`book.slug`: '城市 笔记' is not of the form this key takes", 3,
     'slug = "城市笔记" or slug = "city-notes"'),
    ("[book]\ntitle = \"书\"\n[text]\nspacing = \"none\"\n", "`text.spacing`: 'none' is not one of 'keep', 'add', "
     "'remove'", 4, "README"),
    ("[book]\ntitle = \"书\"\n[[chapters]]\ntitle = \"一\"\narticles = []\n",
     "`articles` in the first [[chapters]]: needs at least 1 entry", 5, "README"),
])
def test_a_value_of_the_wrong_type_or_out_of_bounds_says_what_was_written_and_what_it_takes(tmp_path, toml, message,
                                                                                          line, hint):
    """Each kind of msgspec refusal (type, bound, pattern, choice, length) in book.toml's words, at its line."""
    error = error_for(tmp_path, toml)
    assert (error.message, error.line) == (f"invalid value for {message}", line) and hint in error.hint


def test_a_slug_in_chinese_is_taken_as_the_directorys_name_is(tmp_path):
    """A book in 城市笔记/ was built as 城市笔记.epub, but slug = "城市笔记" was refused as not ASCII."""
    make_book(tmp_path, {}, '[book]\ntitle = "书"\nslug = "城市笔记"\n')
    assert load_config(tmp_path).config.book.slug == "城市笔记"


def test_names_and_texts_of_book_are_read_stripped_and_a_name_alone_is_a_list_of_one(tmp_path):
    make_book(tmp_path, {}, '[book]\ntitle = " 书 "\nauthors = " 甲 "\neditors = ["", " 乙 ", "丙"]\n'
                            'publisher = " 某出版社 "\ndate = 2024\n')
    book = load_config(tmp_path).config.book
    assert (book.title, book.authors, book.editors, book.publisher, book.date) == ("书", ["甲"], ["乙", "丙"],
                                                                                   "某出版社", "2024")


@pytest.mark.parametrize(("written", "message"), [("inf", "the most it may be is 9999"),
                                                  ("1e400", "the most it may be is 9999")])
def test_a_series_index_past_any_series_is_an_error_at_its_line(tmp_path, written, message):
    """`series-index = inf` was written into the OPF's group-position as "inf"."""
    error = error_for(tmp_path, f'[book]\ntitle = "书"\nseries = "丛书"\nseries-index = {written}\n')
    assert error.line == 4 and error.message.endswith(message)


@pytest.mark.parametrize(("toml", "line"), [
    ('authors = ["甲"\nslug = "x"\n', 3),
    ('authors = ["甲",\n  "乙"\nslug = "x"\n', 3),
    ('slug = "x"\nauthors = ["甲", "乙"\n', 4),
])
def test_a_list_never_closed_is_named_at_the_line_that_opens_it(tmp_path, toml, line):
    """It was blamed on the line after it ("Check … on that line"), which is right."""
    error = error_for(tmp_path, f'[book]\ntitle = "书"\n{toml}')
    assert error.line == line and error.message.endswith("the list begun on this line is never closed")
    assert error.hint.startswith("End it with ]")


@pytest.mark.parametrize(("written", "where", "message"), [
    ('authors = "张\\n三"', "book.authors", "each entry is one line of text"),
    ('editors = ["甲", "乙\\n丙"]', "book.editors", "each entry is one line of text"),
    ('subjects = ["散文\\n随笔"]', "book.subjects", "each entry is one line of text"),
    ('publisher = """某某\n出版社"""', "book.publisher", "it is one line of text"),
    ('series = "丛\\r\\n书"', "book.series", "it is one line of text"),
    ('editors = ["甲\\u2028乙"]', "book.editors", "each entry is one line of text"),  # Unicode's line separator
    ('publisher = "某某\\u2029出版社"', "book.publisher", "it is one line of text"),
])
def test_a_line_break_in_a_name_or_another_line_of_metadata_is_an_error_at_its_line(tmp_path, written, where,
                                                                                  message):
    """张\\n三 was written raw into dc:creator and the PDF's Author (a store that makes it a space lists
    张 三), as the same mistake in [accessibility]'s summary is not."""
    error = error_for(tmp_path, f'[book]\ntitle = "书"\n{written}\n')
    assert (error.message, error.line) == (f"invalid value for `{where}`: {message}", 3)


def test_a_series_index_without_a_series_is_an_error_at_its_line(tmp_path):
    """It was dropped from the OPF without a word; with a blank series, the series was not blamed."""
    error = error_for(tmp_path, '[book]\ntitle = "书"\nseries-index = 3\n')
    assert (error.message, error.line) == ("invalid value for `book.series-index`: it is the book's place in a series: "
                                           "give `series` too", 3)
    error = error_for(tmp_path, '[book]\ntitle = "书"\nseries = " "\nseries-index = 3\n')
    assert (error.message, error.line) == ("`book.series` is blank", 3)


@pytest.mark.parametrize(("written", "where"), [('authors = ["甲", "乙", "甲"]', "book.authors"),
                                               ('subjects = ["散文", "散文"]', "book.subjects")])
def test_a_name_or_subject_listed_twice_is_an_error_at_its_line(tmp_path, written, where):
    """Each was written twice into the OPF and the PDF, and an author twice on the title page (甲　甲　著)."""
    error = error_for(tmp_path, f'[book]\ntitle = "书"\n{written}\n')
    assert error.line == 3 and error.message.startswith(f"invalid value for `{where}`: '")
    assert error.message.endswith("' is listed twice")
