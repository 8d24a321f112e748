"""Assembly: chapters by convention or from book.toml, ids unique in the book, nothing outside it."""

import os
from dataclasses import replace
from pathlib import Path

import pytest

from paiban.assemble import assemble, find_articles
from paiban.chars import quoted
from paiban.edition import identifier
from paiban.config import load_config
from paiban.errors import PaibanError

from conftest import PNG, claimed_png, make_book, warnings_of


def assembled(root):
    return assemble(load_config(root))


def test_folders_are_chapters_in_name_order_titled_without_numeric_prefix(tmp_path):
    make_book(tmp_path, {"02-乙/b.md": "# 乙文\n", "01-甲/2.md": "# 二\n", "01-甲/1.md": "# 一\n",
                         "styles/x.md": "不是文章\n", "images/y.md": "也不是\n"})
    book = assembled(tmp_path)
    assert [c.title for c in book.chapters] == ["甲", "乙"]
    assert [a.title for a in book.chapters[0].articles] == ["一", "二"]
    assert book.has_parts is False and len(book.parts) == 1 and book.parts[0].title is None


def test_top_level_articles_make_a_single_chapter_book(tmp_path):
    make_book(tmp_path, {"a.md": "# 甲\n", "b.txt": "乙\n正文。\n", "README.md": "说明\n"})
    book = assembled(tmp_path)
    assert [c.title for c in book.chapters] == ["测试书"]
    assert [a.title for a in book.articles] == ["甲", "乙"]


def test_hidden_files_and_word_lock_files_are_not_articles(tmp_path):
    make_book(tmp_path, {"01-c/a.md": "# 甲\n", "01-c/.notes.md": "# 笔记\n", "01-c/~$稿件.docx": b"\x05lock",
                         "01-c/._a.docx": b"\x00\x05\x16\x07"})
    assert [a.title for a in assembled(tmp_path).articles] == ["甲"]


def test_what_the_folder_convention_leaves_out_is_named_in_a_warning_saying_what_to_do(tmp_path, caplog):
    make_book(tmp_path, {"01-文/01-甲.MD": "# 甲\n", "01-文/02-丁.doc": b"\xd0\xcf\x11\xe0",
                         "01-文/03-戊.rtf": "{\\rtf1 x}", "01-文/子目录/b.md": "# 乙\n",
                         "02-空/说明.rtf": "{\\rtf1 x}", "序.doc": b"\xd0\xcf"})
    assert [a.title for a in assembled(tmp_path).articles] == ["甲"]
    told = [record.getMessage() for record in caplog.records]
    assert len(told) == 6
    for name, words in [("01-文/02-丁.doc", "cannot read .doc files. Open it in Word"),
                        ("01-文/03-戊.rtf", "cannot read .rtf files. Open it in Word"),
                        ("02-空/说明.rtf", "cannot read .rtf files"),
                        ("01-文/子目录/", "a folder inside a chapter folder is not read. Move its files up "
                                          "into 01-文/"),
                        ("02-空/", "this folder makes no chapter")]:
        assert any(f"{tmp_path}/{name}: " in text and words in text for text in told), name
    assert not any("序.doc" in text for text in told[:-1]) and "序.doc" in told[-1]


def test_an_articles_folder_of_pictures_and_attachments_is_no_folder_left_out(tmp_path, caplog):
    """A Notion export's 活动记录 1a2b/ beside its article, holding the photo it shows and the .csv it links
    to, was "left out of the book … Move its files up": its photo is in the book, and moved up, the
    article's links led nowhere."""
    make_book(tmp_path, {"01-库/活动记录 1a2b.md": "# 活动记录\n\n名单见[报名表](活动记录%201a2b/报名表.csv)。\n\n"
                                                 "![现场](活动记录%201a2b/photo%201.png)\n",
                         "01-库/活动记录 1a2b/photo 1.png": PNG, "01-库/活动记录 1a2b/报名表.csv": "姓名\n张三\n"})
    assert [a.title for a in assembled(tmp_path).articles] == ["活动记录"]
    assert not [text for text in warnings_of(caplog) if "left out of the book" in text]


def test_a_pdf_or_a_page_saved_as_one_file_is_named_in_a_warning_and_other_pages_are_read(tmp_path, caplog):
    """A PDF, a page saved as one file (.mht, .mhtml) and a .shtml page were left out of the book
    without a word, while a .docm beside them was warned of."""
    page = "<html><body><h1>{}</h1><p>正文。</p></body></html>"
    make_book(tmp_path, {"01-文/01-甲.md": "# 甲\n", "01-文/02-扫描件.pdf": b"%PDF-1.4\n%%EOF\n",
                         "01-文/03-网页.shtml": page.format("乙"), "01-文/04-网页.xhtml": page.format("丙"),
                         "01-文/05-单个文件.mht": "MIME-Version: 1.0\n",
                         "01-文/06-单个文件.mhtml": "MIME-Version: 1.0\n"})
    assert [a.title for a in assembled(tmp_path).articles] == ["甲", "乙", "丙"]
    told = [record.getMessage() for record in caplog.records]
    assert len(told) == 3
    for name, words in [("02-扫描件.pdf", "cannot read .pdf files. Give its text as .docx, .txt or .md instead"),
                        ("05-单个文件.mht", "cannot read .mht files. Open it in the browser and save the page "
                                          "again as a web page (.html), not as a single file"),
                        ("06-单个文件.mhtml", "cannot read .mhtml files. Open it in the browser")]:
        assert any(f"{tmp_path}/01-文/{name}: left out of the book: " in text and words in text for text in told), name


def test_a_spreadsheet_or_a_presentation_is_named_in_a_warning_saying_how_to_make_it_an_article(tmp_path, caplog):
    """A yearbook's tables filed as spreadsheets beside its articles (02-常住人口.csv, 03-户籍人口.xlsx)
    were left out of the book without a word, while a .doc beside them was warned of."""
    sheets = ["02-常住人口.csv", "03-户籍人口.xlsx", "04-迁移人口.xls", "05-流动人口.ods", "06-出生人口.et",
              "07-价格.numbers"]
    slides = ["08-发布会.pptx", "09-旧版.ppt", "10-讲稿.key", "11-讲稿.odp"]
    make_book(tmp_path, {"01-人口/01-说明.md": "# 说明\n",
                         **{f"01-人口/{name}": b"PK\x03\x04" for name in sheets + slides}})
    assert [a.title for a in assembled(tmp_path).articles] == ["说明"]
    told = [record.getMessage() for record in caplog.records]
    assert len(told) == len(sheets) + len(slides)
    for names, words in [(sheets, "Copy its table into a Word (or WPS) document, which keeps it a table, and save "
                                  "that as .docx, or write it into an article as a Markdown table"),
                         (slides, "Copy its text into an article")]:
        for name in names:
            suffix = Path(name).suffix
            assert any(text.startswith(f"{tmp_path}/01-人口/{name}: left out of the book: paiban cannot read "
                                       f"{suffix} files. {words}") for text in told), name


def test_the_convention_warns_about_no_picture_hidden_file_lock_file_or_file_of_the_book(tmp_path, caplog):
    picture = b"\x89PNG\r\n\x1a\n"
    make_book(tmp_path, {"01-文/a.md": "# 甲\n", "01-文/~$a.docx": b"\x05lock", "01-文/.a.doc": b"x",
                         "01-文/images/x.md": "x\n", "01-文/插图/2.png": picture, "封面/cover.jpg": picture,
                         "cover.jpg": picture, "styles/x.doc": b"x", "build/x.doc": b"x", "_草稿/x.doc": b"x",
                         "README.rtf": "x", "01-文/readme.doc": b"x"})
    assert [a.title for a in assembled(tmp_path).articles] == ["甲"]
    assert caplog.records == []


UNLISTED_TOML = '[book]\ntitle = "书"\n[[parts]]\ntitle = "卷一"\n[[parts.chapters]]\ntitle = "第一章"\n' \
                'articles = ["卷一/1.txt"]\n[[parts.chapters]]\ntitle = "第二章"\narticles = ["卷二/*.md"]\n'


def test_an_article_file_beside_the_listed_ones_that_no_chapter_lists_is_named_with_the_path_to_add(tmp_path, caplog):
    """A serial's new chapter, written into its volume's folder before book.toml listed it, was
    left out of the book without a word."""
    make_book(tmp_path, {"卷一/1.txt": "第一章\n\n正文。\n", "卷一/3.txt": "第三章\n\n今天的一章。\n",
                         "卷二/a.md": "# 甲\n", "卷二/b.txt": "乙\n\n正文。\n"}, UNLISTED_TOML)
    assert [a.title for a in assembled(tmp_path).articles] == ["第一章", "甲"]
    assert [record.getMessage() for record in caplog.records] == [
        f"{tmp_path}/卷一/3.txt: left out of the book: no chapter of book.toml lists it. Add \"卷一/3.txt\" to a "
        "chapter's `articles` (paths are relative to the book directory), or move it into a folder whose name starts "
        "with _ to keep it out of the book",
        f"{tmp_path}/卷二/b.txt: left out of the book: no chapter of book.toml lists it. Add \"卷二/b.txt\" to a "
        "chapter's `articles` (paths are relative to the book directory), or move it into a folder whose name starts "
        "with _ to keep it out of the book"]


def test_a_book_that_lists_its_chapters_warns_of_no_picture_readme_lock_file_or_file_outside_their_folders(
        tmp_path, caplog):
    make_book(tmp_path, {"卷一/1.txt": "第一章\n\n正文。\n", "卷一/插图.png": PNG, "卷一/README.md": "说明\n",
                         "卷一/~$1.docx": b"\x05lock", "卷一/.1.md": "x\n", "卷一/_草稿/4.txt": "x\n",
                         "卷二/a.md": "# 甲\n", "大纲.md": "# 大纲\n", "笔记/人物.md": "# 人物\n",
                         "styles/x.css": "p {}\n"}, UNLISTED_TOML)
    assembled(tmp_path)
    assert caplog.records == []


def test_globs_in_book_toml_leave_word_lock_files_out(tmp_path):
    make_book(tmp_path, {"x/a.md": "# A\n", "x/~$b.docx": b"\x05lock"},
              '[book]\ntitle = "书"\n[[chapters]]\ntitle = "正文"\narticles = ["x/*"]\n')
    assert [a.title for a in assembled(tmp_path).articles] == ["A"]


def test_explicit_chapters_with_globs_keep_listed_order(tmp_path):
    make_book(tmp_path, {"x/b.md": "# B\n", "x/a.md": "# A\n", "intro.md": "# 引言\n"}, """\
        [book]
        title = "书"
        [[chapters]]
        title = "正文"
        articles = ["x/*.md", "intro.md"]
        """)
    book = assembled(tmp_path)
    assert [a.title for a in book.articles] == ["A", "B", "引言"]


def test_a_glob_matches_a_file_extension_in_any_case(tmp_path):
    """`*.md` left 02-二.MD and 03-三.Md (files from Windows) out of the book without a word, while
    the folder convention reads them."""
    make_book(tmp_path, {"正文/01-一.md": "# 一\n", "正文/02-二.MD": "# 二\n", "正文/03-三.Md": "# 三\n",
                         "正文/附-四.md": "# 四\n"},
              '[book]\ntitle = "书"\n[[chapters]]\ntitle = "正文"\narticles = ["正文/0*.md"]\n')
    assert [a.title for a in assembled(tmp_path).articles] == ["一", "二", "三"]


def test_a_glob_written_with_backslashes_is_told_to_be_written_with_slashes(tmp_path):
    r"""'正文\*.md', as Windows writes a path, matched nothing and the hint only said to check the pattern."""
    make_book(tmp_path, {"正文/01-一.md": "# 一\n"},
              "[book]\ntitle = \"书\"\n[[chapters]]\ntitle = \"正文\"\narticles = ['正文\\*.md']\n")
    with pytest.raises(PaibanError) as error:
        assembled(tmp_path)
    assert (error.value.message, error.value.line) == ("no article matches '正文\\*.md'", 5)
    assert error.value.hint == "Write / between folders, not \\ as on Windows: '正文/*.md'."


def test_a_glob_with_a_dot_that_is_no_extension_matches_as_written(tmp_path):
    """`正文/1.*` matched nothing and stopped the build: the pattern and the name were split at their
    last dots, `1` and `*` against `1.1 引言` and `md`."""
    make_book(tmp_path, {"正文/1.1 引言.md": "# 引言\n", "正文/1.2 方法.md": "# 方法\n",
                         "正文/2.1 结果.md": "# 结果\n"},
              '[book]\ntitle = "书"\n[[chapters]]\ntitle = "正文"\narticles = ["正文/1.*"]\n')
    assert [a.title for a in assembled(tmp_path).articles] == ["引言", "方法"]


def test_articles_and_chapter_folders_are_ordered_by_the_numbers_in_their_names(tmp_path):
    """(第10章 came before 第1章, and 第十一章 before 第二章: names were compared as text.)"""
    chapters = ["第1章 初到长安", "第2章 风起", "第10章 夜雨", "第11章 归来"]
    make_book(tmp_path, {**{f"正文/{title}.txt": f"{title}\n\n正文。\n" for title in chapters},
                         **{f"{folder}/a.md": f"# {folder}\n" for folder in ("卷2", "卷10", "卷1")}})
    book = assembled(tmp_path)
    assert [c.title for c in book.chapters] == ["卷1", "卷2", "卷10", "正文"]
    assert [a.source.stem for a in book.chapters[3].articles] == chapters


def test_a_glob_orders_chapters_numbered_in_chinese_by_their_value(tmp_path):
    names = ["第一章", "第二章", "第三章", "第9章", "第十章", "第十一章", "第一百零三章"]
    make_book(tmp_path, {f"正文/{name}.txt": f"{name} 题\n\n正文。\n" for name in names},
              '[book]\ntitle = "书"\n[[chapters]]\ntitle = "正文"\narticles = ["正文/*.txt"]\n')
    assert [a.source.stem for a in assembled(tmp_path).articles] == names


@pytest.mark.parametrize("names", [["卷一", "卷二", "卷三", "卷十"], ["第一编", "第二编", "第三编", "第十编"],
                                   ["番外一", "番外二", "番外三", "番外十"], ["上卷", "中卷", "下卷"],
                                   ["卷之一", "卷之二", "卷之三", "卷之四", "卷之十", "卷之十一", "卷之十二"],
                                   ["卷上", "卷中", "卷下"], ["卷之上", "卷之中", "卷之下"]])
def test_volumes_and_extras_numbered_in_chinese_are_ordered_by_their_value(tmp_path, names):
    """卷十 came before 卷二, 第三编 before 第二编, 番外十 before 番外二 and 下卷 before 中卷: compared as text.
    So did a 古籍's 卷之三 before 卷之二 (三 is U+4E09, 二 U+4E8C) and 卷下 before 卷中."""
    make_book(tmp_path, {f"正文/{name}.txt": f"{name}\n\n正文。\n" for name in reversed(names)})
    assert [a.source.stem for a in assembled(tmp_path).articles] == names


def test_front_and_back_parts_come_before_and_after_the_numbered_chapters(tmp_path):
    """Taken as text, 后记 came first (后 is U+540E), then 尾声, 序章 and 番外一, and 第1章 only after them."""
    names = ["序", "前言", "楔子：风起", "第1章", "第2章", "第10章", "尾声", "番外一", "番外二", "附录", "后记"]
    make_book(tmp_path, {f"正文/{name}.txt": f"{name}\n\n正文。\n" for name in sorted(names)})
    assert [a.source.stem for a in assembled(tmp_path).articles] == names


def test_a_classical_books_front_and_closing_volumes_come_first_and_last(tmp_path):
    """卷首 came after 卷末, both after 卷十: compared as text."""
    names = ["序", "卷首", "卷一", "卷二", "卷十", "卷末", "跋"]
    make_book(tmp_path, {f"{name}/a.md": f"# {name}篇\n" for name in names})
    assert [c.title for c in assembled(tmp_path).chapters] == names


def test_a_back_part_with_a_letter_or_a_bracket_after_its_word_is_one(tmp_path):
    names = ["第1章", "第2章", "附录A", "附录B", "后记（修订版）"]
    make_book(tmp_path, {f"正文/{name}.txt": f"{name}\n\n正文。\n" for name in sorted(names)})
    assert [a.source.stem for a in assembled(tmp_path).articles] == names


def test_a_word_that_only_starts_like_a_front_part_is_ordered_as_written(tmp_path):
    names = ["第1章", "序号说明", "跋涉"]  # 序号, 跋涉: words of their own, not 序 or 跋
    make_book(tmp_path, {f"正文/{name}.txt": f"{name}\n\n正文。\n" for name in names})
    assert [a.source.stem for a in assembled(tmp_path).articles] == sorted(names)


def test_zero_padded_names_keep_their_order(tmp_path):
    names = ["01-序", "02-第10章", "03-第2章", "10-后记"]
    make_book(tmp_path, {f"{name}/a.md": f"# {name}\n" for name in names})
    assert [c.title for c in assembled(tmp_path).chapters] == ["序", "第10章", "第2章", "后记"]


def test_this_one_first_then_the_rest_takes_each_article_once_without_a_warning(tmp_path, caplog):
    """The README's way to order a chapter: a warning for each chapter so ordered (600 lines for a
    300-chapter novel) buried any other."""
    make_book(tmp_path, {"01-章/01-a.md": "# A\n", "01-章/02-b.md": "# B\n", "01-章/00-c.md": "# C\n"}, """\
        [book]
        title = "书"
        [[chapters]]
        title = "正文"
        articles = ["01-章/02-b.md", "01-章/01-a.md", "01-章/*.md"]
        """)
    assert [a.title for a in assembled(tmp_path).articles] == ["B", "A", "C"]
    assert "more than once" not in caplog.text


@pytest.mark.parametrize(("chapters", "titles", "line"), [
    ('articles = ["01-章/01-a.md", "01-章/01-a.md"]', ["A"], 5),
    ('articles = ["01-章/01-a.md"]\n[[chapters]]\ntitle = "二"\narticles = ["01-章/*.md"]', ["A", "B"], 8)])
def test_an_article_listed_twice_is_taken_once_where_first_listed_with_a_warning(tmp_path, caplog, chapters, titles,
                                                                                   line):
    """By name twice in a chapter, or again in another chapter: a mistake the warning shows."""
    make_book(tmp_path, {"01-章/01-a.md": "# A\n", "01-章/02-b.md": "# B\n"},
              f'[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\n{chapters}\n')
    assert [a.title for a in assembled(tmp_path).articles] == titles
    assert f"book.toml:{line}: 01-章/01-a.md is listed more than once" in caplog.text


def test_two_articles_of_the_same_text_are_a_warning_naming_both(tmp_path, caplog):
    """(A browser's "(1)" copy of a download beside the file was printed twice without a word.)
    Articles without text (a title alone) may be alike, and short ones of other titles (a letter
    lost: （此信已遗失）); a copy in another chapter is found too."""
    letter = "秋天的信\n\n亲爱的朋友：秋天到了。\n"
    essay = "一篇文章写到这里，说了许多话，从秋天说到冬天，又从冬天说回秋天，一直没有停下来的意思。" * 2 + "\n"
    make_book(tmp_path, {"02-信/02-秋天的信.txt": letter, "02-信/02-秋天的信 (1).txt": letter,
                         "01-开篇/01-甲.md": "# 甲\n", "01-开篇/02-乙.md": "# 乙\n",
                         "01-开篇/03-丙.md": f"# 丙\n\n{essay}", "03-补/01-丁.md": f"# 丁\n\n{essay}",
                         "03-补/02-戊.md": "# 戊\n\n（此信已遗失）\n", "03-补/03-己.md": "# 己\n\n（此信已遗失）\n"})
    assert len(assembled(tmp_path).articles) == 8
    assert [record.getMessage() for record in caplog.records] == [
        f"{tmp_path}/02-信/02-秋天的信.txt: its text is the same as that of 02-信/02-秋天的信 (1).txt, so the book "
        "prints it twice: remove one of them",
        f"{tmp_path}/03-补/01-丁.md: its text is the same as that of 01-开篇/03-丙.md, so the book prints it "
        "twice: remove one of them"]


def test_parts_hold_chapters(tmp_path):
    make_book(tmp_path, {"a.md": "# A\n", "b.md": "# B\n"}, """\
        [book]
        title = "书"
        [[parts]]
        title = "上编"
        [[parts.chapters]]
        title = "第一章"
        articles = ["a.md"]
        [[parts]]
        title = "下编"
        [[parts.chapters]]
        title = "第二章"
        articles = ["b.md"]
        """)
    book = assembled(tmp_path)
    assert book.has_parts
    assert [(p.title, [c.title for c in p.chapters]) for p in book.parts] == [
        ("上编", ["第一章"]), ("下编", ["第二章"])]


def test_missing_article_names_book_toml_and_its_line(tmp_path):
    make_book(tmp_path, {}, '[book]\ntitle = "书"\n\n[[chapters]]\ntitle = "一"\narticles = ["nope.md"]\n')
    with pytest.raises(PaibanError) as caught:
        assembled(tmp_path)
    assert "'nope.md' not found" in caught.value.message
    assert caught.value.file.name == "book.toml" and caught.value.line == 6


class _SplitsCounted(str):
    """A book.toml's text that counts how often it is split into lines."""

    def splitlines(self, *args, **kwargs):
        self.splits = getattr(self, "splits", 0) + 1
        return super().splitlines(*args, **kwargs)


def test_book_toml_is_split_into_lines_once_however_many_chapters_it_lists(tmp_path):
    """Each chapter's line (for its messages) was found by splitting book.toml and walking it from
    its top again: a web novel of 4,000 chapters took 25 s before reading one article."""
    toml = '[book]\ntitle = "长篇"\n' + "".join(f'\n[[chapters]]\ntitle = "第{i}章"\narticles = ["{i}.md"]\n'
                                               for i in range(300))
    make_book(tmp_path, {f"{i}.md": f"# 第{i}章\n" for i in range(299)}, toml)
    loaded = load_config(tmp_path)
    loaded = replace(loaded, text=_SplitsCounted(loaded.text))
    with pytest.raises(PaibanError) as caught:
        find_articles(loaded)
    assert (caught.value.message, caught.value.line) == ("article file '299.md' not found", len(toml.splitlines()))
    assert loaded.text.splits == 1


def test_a_listed_article_not_found_is_named_as_written_with_a_close_name_that_exists(tmp_path):
    """(It was shown as '02-随笔/01\\u3000山中一夜.md', Python's escape of a full-width space, and no way out.)"""
    make_book(tmp_path, {"02-随笔/01-山中一夜.md": "# 山中一夜\n", "02-随笔/05-雨夜.md": "# 雨夜\n"},
              '[book]\ntitle = "书"\n[[chapters]]\ntitle = "山中"\narticles = ["02-随笔/01\\u3000山中一夜.md"]\n')
    with pytest.raises(PaibanError) as caught:
        assembled(tmp_path)
    assert caught.value.message == \
        "article file '02-随笔/01\u3000山中一夜.md' (it contains the full-width space U+3000) not found"
    assert caught.value.hint.startswith("Did you mean '02-随笔/01-山中一夜.md'? ")


def test_a_renamed_chapter_file_is_suggested_not_a_neighbour_another_chapter_lists(tmp_path):
    """In a serial each neighbour's file is a digit away (第46章.md, 第48章.md for 第47章.md): the
    hint named one another chapter lists, which taken printed it twice and left the renamed one out."""
    toml = '[book]\ntitle = "书"\n' + "".join(f'[[chapters]]\ntitle = "第{n}章"\narticles = ["卷三/第{n}章.md"]\n'
                                             for n in (46, 47, 48))
    make_book(tmp_path, {"卷三/第46章.md": "# 第46章\n", "卷三/第47章-归途.md": "# 第47章\n",
                         "卷三/第48章.md": "# 第48章\n"}, toml)
    with pytest.raises(PaibanError) as caught:
        assembled(tmp_path)
    assert caught.value.hint.startswith("Did you mean '卷三/第47章-归途.md'? ")


def test_a_cover_not_found_is_named_as_written_and_the_image_of_that_name_suggested(tmp_path):
    """(A Windows path was shown with its backslashes doubled.)"""
    make_book(tmp_path, {"a.md": "# A\n", "images/封面.jpg": b"\xff\xd8"},
              "[book]\ntitle = '书'\ncover = 'C:\\Users\\山人\\Desktop\\封面.jpg'\n")
    with pytest.raises(PaibanError) as caught:
        assembled(tmp_path)
    assert caught.value.message == r"cover image 'C:\Users\山人\Desktop\封面.jpg' not found in the book directory"
    assert caught.value.hint.startswith("Did you mean 'images/封面.jpg'? ")


@pytest.mark.parametrize(("name", "shown"), [
    ("01-甲.md", "'01-甲.md'"),
    ("碑\U00031350.md", "'碑\U00031350.md'"),  # CJK Extension H, which Python 3.11 does not know: no odd character
    ("a\tb\u200bc.md", "'a<U+0009>b<U+200B>c.md' (it contains the tab U+0009 and the zero width space U+200B)"),
    ("x\x1b[2J\ud800", "'x<U+001B>[2J<U+D800>' (it contains the control character U+001B and the lone "
                       "surrogate U+D800)"),
])
def test_a_name_in_a_message_is_shown_as_written_with_what_cannot_be_seen_named(name, shown):
    assert quoted(name) == shown


def test_an_article_listed_in_a_format_no_reader_takes_is_an_error_saying_how_to_convert_it(tmp_path):
    make_book(tmp_path, {"01-文/04-丁.doc": b"\xd0\xcf\x11\xe0"},
              '[book]\ntitle = "书"\n[[chapters]]\ntitle = "文"\narticles = ["01-文/04-丁.doc"]\n')
    with pytest.raises(PaibanError, match="article file '01-文/04-丁.doc' is no article") as error:
        assembled(tmp_path)
    assert error.value.line == 5  # of book.toml, which lists it
    assert error.value.hint.startswith("Open it in Word (or WPS, LibreOffice) and save it as .docx: paiban reads .docx")


def test_glob_matching_nothing_is_an_error(tmp_path):
    make_book(tmp_path, {}, '[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["*.md"]\n')
    with pytest.raises(PaibanError, match="no article matches"):
        assembled(tmp_path)


@pytest.mark.parametrize("path", ["../outside.md", "/etc/hostname"])
def test_article_paths_outside_the_book_are_refused(tmp_path, path):
    (tmp_path / "outside.md").write_text("# 外\n", encoding="utf-8")
    root = make_book(tmp_path / "book", {},
                     f'[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["{path}"]\n')
    with pytest.raises(PaibanError, match="outside the book"):
        assembled(root)


def test_symlink_out_of_the_book_is_refused(tmp_path):
    (tmp_path / "secret.md").write_text("# 秘\n", encoding="utf-8")
    root = make_book(tmp_path / "book", {},
                     '[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["link.md"]\n')
    os.symlink(tmp_path / "secret.md", root / "link.md")
    with pytest.raises(PaibanError, match="outside the book"):
        assembled(root)


def test_a_chapter_folder_that_is_a_symbolic_link_out_of_the_book_is_refused_naming_the_link(tmp_path, caplog):
    """It was walked: the build's warnings named folders outside the book (02-etc/X11/), never the link."""
    (tmp_path / "outside" / "sub").mkdir(parents=True)
    (tmp_path / "outside" / "sub" / "a.md").write_text("# 秘\n", encoding="utf-8")
    root = make_book(tmp_path / "book", {"01-章/a.md": "# 甲\n"})
    os.symlink(tmp_path / "outside", root / "02-外")
    with pytest.raises(PaibanError) as caught:
        assembled(root)
    assert caught.value.file == root / "02-外" and "symbolic link to" in caught.value.message
    assert "sub" not in caplog.text


# 正文 and 书稿 as a zip made on Chinese Windows names them (GBK), unzipped here: bytes that are not UTF-8.
GBK_TEXT = os.fsdecode("正文".encode("gbk"))
GBK_DRAFTS = os.fsdecode("书稿".encode("gbk"))


@pytest.mark.parametrize("name, what", [(f"01-{GBK_TEXT}.md", "file '01-正文.md'"),
                                        (f"01-{GBK_TEXT}/a.md", "folder '01-正文'")], ids=["file", "folder"])
def test_a_name_that_is_not_utf8_is_an_error_naming_it_as_gbk_reads_it(tmp_path, name, what):
    """Such a name crashed a build in its cache (UnicodeEncodeError), and a title taken from it
    was mojibake (Ķ), told only as control characters removed."""
    book = make_book(tmp_path / "b", {name: "正文没有标题。\n"})
    with pytest.raises(PaibanError) as error:
        assembled(book)
    assert error.value.message == (f"the name of the {what}, as GBK reads it, is not UTF-8: a zip made on "
                                   "Chinese Windows names its files in GBK")
    assert error.value.file == book
    assert error.value.hint == ("Unzip the zip again reading its names as GBK, `unzip -O GBK FILE.zip`, or rename "
                                f"them to UTF-8: `convmv -f gbk -t utf-8 -r --notest {book}`.")


def test_a_name_in_big5_that_gbk_decodes_too_is_named_as_big5_reads_it(tmp_path):
    """GBK decodes some Big5 names without an error (測試文件 as 代刚ゅン), and was tried first: a zip
    made on Windows in Taiwan got the GBK reading and the GBK advice, which would rename its files so."""
    book = make_book(tmp_path / "b", {f"01-{os.fsdecode('測試文件'.encode('big5'))}.md": "正文没有标题。\n"})
    with pytest.raises(PaibanError) as error:
        assembled(book)
    assert error.value.message == ("the name of the file '01-測試文件.md', as Big5 reads it, is not UTF-8: a zip "
                                   "made on Chinese Windows names its files in Big5")
    assert "`unzip -O Big5 FILE.zip`" in error.value.hint and "convmv -f big5 " in error.value.hint


def test_a_file_a_glob_of_book_toml_matches_whose_name_is_not_utf8_is_an_error_naming_it(tmp_path):
    book = make_book(tmp_path, {f"正文/01-{GBK_TEXT}.md": "正文没有标题。\n"},
                     '[book]\ntitle = "书"\n[[chapters]]\ntitle = "正文"\narticles = ["正文/*.md"]\n')
    with pytest.raises(PaibanError) as error:
        assembled(book)
    assert error.value.file == book / "正文"
    assert error.value.message.startswith("the name of the file '01-正文.md', as GBK reads it, is not UTF-8")


def test_a_book_folder_whose_name_is_not_utf8_is_an_error_naming_it(tmp_path):
    """A zip holding 书稿/book.toml and 书稿/01-正文.md, made on Windows, unzipped into a folder of GBK name."""
    book = make_book(tmp_path / GBK_DRAFTS, {"01-正文.md": "# 标题\n"})
    with pytest.raises(PaibanError) as error:
        assembled(book)
    assert error.value.message.startswith("the name of the folder '书稿', as GBK reads it, is not UTF-8")
    assert error.value.file == tmp_path and str(tmp_path) in error.value.hint


def test_an_article_that_is_a_symbolic_link_to_nothing_is_an_error_naming_where_it_leads(tmp_path):
    """It was left out of the book without a word: the build exited 0, its chapter an article short."""
    root = make_book(tmp_path, {"01-第一章/01-甲.md": "# 甲\n"})
    os.symlink("/nonexistent/x.md", root / "01-第一章" / "04-丁.md")
    with pytest.raises(PaibanError) as error:
        assembled(root)
    assert error.value.file == root / "01-第一章" / "04-丁.md"
    assert error.value.message == "the article is a symbolic link to /nonexistent/x.md, which does not exist"
    assert error.value.hint == "Restore the file the link leads to, or remove the link."


@pytest.mark.parametrize("listed", ["01-第一章/04-丁.md", "01-第一章/*.md"])
def test_a_listed_article_that_is_a_symbolic_link_to_nothing_is_an_error_at_its_line(tmp_path, listed):
    """Listed by name it was "not found" (naming no link); matched by a pattern, left out without a word."""
    root = make_book(tmp_path, {"01-第一章/01-甲.md": "# 甲\n"},
                     f'[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["{listed}"]\n')
    os.symlink("/nonexistent/x.md", root / "01-第一章" / "04-丁.md")
    with pytest.raises(PaibanError) as error:
        assembled(root)
    assert (error.value.file.name, error.value.line) == ("book.toml", 5)
    assert error.value.message == ("article '01-第一章/04-丁.md' is a symbolic link to /nonexistent/x.md, "
                                   "which does not exist")


def test_a_double_star_glob_does_not_walk_into_a_folder_that_links_back_to_its_parent(tmp_path, caplog):
    root = make_book(tmp_path, {"01-章/a.md": "# A\n"},
                     '[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["01-章/**/*.md"]\n')
    os.symlink(".", root / "01-章" / "x")  # followed, 01-章/x/x/x/... is endless with two such links
    assert [a.title for a in assembled(root).articles] == ["A"]
    assert "more than once" not in caplog.text


def test_a_double_star_glob_does_not_walk_into_a_folder_that_links_out_of_the_book(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.md").write_text("# 秘\n", encoding="utf-8")
    root = make_book(tmp_path / "book", {"01-章/a.md": "# A\n"},
                     '[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["**/*.md"]\n')
    os.symlink(tmp_path / "elsewhere", root / "01-章" / "e")
    assert [a.title for a in assembled(root).articles] == ["A"]


def test_a_folder_named_in_a_glob_that_links_out_of_the_book_is_refused(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.md").write_text("# 秘\n", encoding="utf-8")
    root = make_book(tmp_path / "book", {"a.md": "# A\n"},
                     '[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["lnk/*.md"]\n')
    os.symlink(tmp_path / "elsewhere", root / "lnk")
    with pytest.raises(PaibanError, match="outside the book"):
        assembled(root)


def test_globs_match_hidden_folders_only_when_they_name_them_and_a_final_double_star_matches_files(tmp_path):
    make_book(tmp_path, {"x/a.md": "# A\n", "x/y/b.md": "# B\n", "x/.trash/old.md": "# 旧\n",
                         ".drafts/c.md": "# C\n"},
              '[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["x/**", ".drafts/*.md"]\n')
    assert [a.title for a in assembled(tmp_path).articles] == ["A", "B", "C"]


def test_a_double_star_glob_walks_into_no_hidden_folder(tmp_path, monkeypatch):
    """**/*.md walked all of .git before leaving its files out: 25,600 files there cost 34 ms a pattern."""
    make_book(tmp_path, {"01-章/a.md": "# A\n", "01-章/.cache/b.md": "# B\n", ".git/objects/ab/c.md": "# C\n"},
              '[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["**/*.md"]\n')
    walked = []
    scandir = os.scandir

    def listing(path="."):
        walked.append(os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", listing)
    assert [a.title for a in assembled(tmp_path).articles] == ["A"]
    assert walked and not [path for path in walked if "/." in path]


def test_a_double_star_within_a_name_is_an_error_naming_the_line(tmp_path):
    make_book(tmp_path, {"x/a.md": "# A\n"},
              '[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["x/a**.md"]\n')
    with pytest.raises(PaibanError, match="is not a pattern") as caught:
        assembled(tmp_path)
    assert caught.value.line == 5 and "**" in caught.value.hint


def test_empty_book_is_an_error(tmp_path):
    make_book(tmp_path, {"notes/readme.txt.bak": "x"})
    with pytest.raises(PaibanError, match="no articles"):
        assembled(tmp_path)


def test_ids_are_unique_and_footnote_ids_are_namespaced(tmp_path):
    note = "正文[^1]。\n\n[^1]: 注。\n"
    make_book(tmp_path, {"01-甲/a.md": note, "01-甲/b.md": note})
    book = assembled(tmp_path)
    first, second = book.articles
    assert (first.id, second.id) == ("a1", "a2")
    assert 'id="a1-fn1"' in first.body and 'href="#a1-fn1"' in first.body
    assert 'id="a2-fn1"' in second.body
    assert book.chapters[0].id == "c1" and book.parts[0].id == "p1"


def test_only_ids_and_links_to_them_are_namespaced_not_text_that_looks_like_them(tmp_path):
    make_book(tmp_path, {"01-甲/a.md": (
        '<p id="lead" title=\'写成 id="title"\'>正文写着 id="text" 和 href="#text"。'
        '<a href="#lead">回到开头</a><a href="#">顶</a><a href="https://example.org/#part">外链</a></p>\n')})
    [article] = assembled(tmp_path).articles
    assert 'id="a1-lead"' in article.body and 'href="#a1-lead"' in article.body
    assert 'title="写成 id=&quot;title&quot;"' in article.body
    assert '正文写着 id="text" 和 href="#text"。' in article.body
    assert "<span>顶</span>" in article.body and 'href="https://example.org/#part"' in article.body  # "#": unlinked


def test_a_link_to_another_articles_file_becomes_a_link_to_that_article(tmp_path):
    make_book(tmp_path, {
        "01-开篇/01-甲.md": "# 甲\n\n见[乙](../02-续篇/01-乙.md)、[一节](../02-续篇/01-乙.md#细节)"
                          "和[别处](../02-续篇/无.md)。\n",
        "02-续篇/01-乙.md": "# 乙\n\n回到[甲](../01-开篇/01-甲.md)。\n\n## 细节 {#细节}\n\n内容。\n",
    })
    first, second = assembled(tmp_path).articles
    assert 'href="#a2"' in first.body and 'href="#a2-细节"' in first.body
    assert "和<span>别处</span>。" in first.body  # no such article: unlinked, with a warning
    assert 'href="#a1"' in second.body and '<h3 id="a2-细节">细节</h3>' in second.body


def test_a_bare_id_one_other_article_has_links_to_it_there(tmp_path, caplog):
    """Pandoc joins a book's chapters into one document, so each of its cross-references is a bare
    #id: [乙](#ch2) for another file's # 乙 {#ch2} was unlinked as "leading nowhere in the book",
    though the book has the id. An id of the article's own is still its own."""
    make_book(tmp_path, {
        "01-开篇/01-甲.md": "# 甲 {#ch1}\n\n见[乙](#ch2)、[一节](#s2)与[本节](#s)。\n\n## 本节 {#s}\n",
        "02-续篇/01-乙.md": "# 乙 {#ch2}\n\n回到[甲](#ch1)。\n\n## 一节 {#s2}\n\n## 同名 {#s}\n",
    })
    first, second = assembled(tmp_path).articles
    assert '见<a href="#a2">乙</a>、<a href="#a2-s2">一节</a>与<a href="#a1-s">本节</a>。' in first.body
    assert '回到<a href="#a1">甲</a>。' in second.body
    assert "link" not in caplog.text


def test_a_bare_id_several_other_articles_have_is_unlinked_naming_them(tmp_path, caplog):
    """Which of two articles' #s was meant cannot be told: the warning said the book had no such
    id ("leads nowhere in the book … Give the target that id"), though two articles have it."""
    make_book(tmp_path, {"01-甲.md": "# 甲\n\n见[一节](#s)。\n", "02-乙.md": "# 乙\n\n## 一节 {#s}\n",
                         "03-丙.md": "# 丙\n\n## 一节 {#s}\n"})
    first = assembled(tmp_path).articles[0]
    assert "见<span>一节</span>。" in first.body
    assert [record.getMessage() for record in caplog.records] == [
        f"{tmp_path / '01-甲.md'}:3: the link to #s could lead to 2 articles, so its text is printed unlinked. "
        "Each of 02-乙.md, 03-丙.md has the id s: link to the one meant by its file's path (02-乙.md#s)."]


def test_slug_defaults_to_the_directory_name(tmp_path):
    root = make_book(tmp_path / "我的书", {"a.md": "# A\n"})
    assert assembled(root).slug == "我的书"


def test_identifier_isbn_given_or_stable_uuid():
    assert identifier("978-7-02-000220-7", "书", []) == "urn:isbn:9787020002207"
    assert identifier("urn:x:1", "书", []) == "urn:x:1"
    for number in ("010-6512 3456", "2024-00017"):  # a telephone number, a file number: no ISBN's length
        assert identifier(number, "书", []) == number
    generated = identifier(None, "书", ["甲"])
    assert generated.startswith("urn:uuid:") and generated == identifier(None, "书", ["甲"])
    assert generated != identifier(None, "另一本", ["甲"])


def test_a_cover_of_too_many_pixels_is_an_error_at_its_line(tmp_path):
    make_book(tmp_path, {"a.md": "# A\n", "c.png": claimed_png(30_000, 30_000)},
              '[book]\ntitle = "书"\ncover = "c.png"\n')
    with pytest.raises(PaibanError, match="cover image 'c.png' is too large") as error:
        assembled(tmp_path)
    assert error.value.line == 3 and "89,478,485" in error.value.hint


def test_a_cover_that_is_no_picture_of_its_name_is_an_error_at_its_line(tmp_path):
    """A cover named .jpg holding no JPEG went into the EPUB, which EPUBCheck refused."""
    make_book(tmp_path, {"a.md": "# A\n", "c.jpg": PNG}, '[book]\ntitle = "书"\ncover = "c.jpg"\n')
    with pytest.raises(PaibanError) as error:
        assembled(tmp_path)
    assert error.value.message == "cover image 'c.jpg' is a PNG picture named as a JPEG picture"
    assert error.value.line == 3 and error.value.hint.startswith("Rename it c.png")


def test_a_cover_whose_name_has_no_picture_suffix_is_an_error_at_its_line(tmp_path):
    """The EPUB tells an e-reader what its cover is by its name: one without a picture suffix was
    an internal error (no media type for it)."""
    make_book(tmp_path, {"a.md": "# A\n", "images/cover": claimed_png(60, 90)},
              '[book]\ntitle = "书"\ncover = "images/cover"\n')
    with pytest.raises(PaibanError, match="cover image 'images/cover' has no picture suffix") as error:
        assembled(tmp_path)
    assert error.value.line == 3 and "cover.png" in error.value.hint


@pytest.mark.parametrize(("key", "name", "what"), [("cover", "c.png", "cover image"), ("preface", "p.md", "preface")])
def test_a_cover_or_preface_linked_from_outside_the_book_is_an_error_saying_so(tmp_path, key, name, what):
    """It was "not found in the book directory", though the file was there."""
    (tmp_path / name).write_bytes(b"\x89PNG" if key == "cover" else "# 序\n".encode())
    root = make_book(tmp_path / "book", {"a.md": "# A\n"}, f'[book]\ntitle = "书"\n{key} = "{name}"\n')
    os.symlink(tmp_path / name, root / name)
    with pytest.raises(PaibanError) as error:
        assembled(root)
    assert error.value.message.startswith(f"{what} '{name}' leads out of the book directory")
    assert error.value.line == 3
    assert "instead of linking" in error.value.hint


@pytest.mark.parametrize(("toml", "message", "hint"), [
    ('[[chapters]]\ntitle = "章"\narticles = ["01-章"]\n', "article file '01-章' is a folder",
     'articles = ["01-章/*.md", "01-章/*.txt"]'),
    ('preface = "01-章"\n', "preface '01-章' is a folder", "preface = '01-章/01-甲.md'"),
    ('cover = "images"\n', "cover 'images' is a folder", "cover = 'images/c.png'"),
])
def test_a_folder_named_where_a_file_is_wanted_is_called_a_folder(tmp_path, toml, message, hint):
    """Each was "not found" ("Create it"), though the folder was there to see."""
    toml = '[book]\ntitle = "书"\n' + toml.replace("[[", "\n[[", 1)
    make_book(tmp_path, {"01-章/01-甲.md": "# 甲\n", "01-章/02-乙.txt": "乙\n", "images/c.png": PNG}, toml)
    with pytest.raises(PaibanError) as error:
        assembled(tmp_path)
    assert (error.value.message, error.value.line) == (message, len(toml.splitlines()))
    assert hint in error.value.hint


def test_a_cover_that_names_an_article_says_a_cover_is_a_picture(tmp_path):
    """It said to name the file as its format is (序言.png): to rename the preface."""
    make_book(tmp_path, {"a.md": "# A\n", "序言.md": "# 序言\n"}, '[book]\ntitle = "书"\ncover = "序言.md"\n')
    with pytest.raises(PaibanError) as error:
        assembled(tmp_path)
    assert (error.value.message, error.value.line) == ("cover image '序言.md' is an article, not a picture", 3)
    assert "preface = '序言.md'" in error.value.hint and "序言.png" not in error.value.hint


@pytest.mark.parametrize(("name", "hint"), [("p.jpg", "cover = 'p.jpg'"), ("p.doc", "save it as .docx")])
def test_a_preface_that_is_no_article_is_an_error_at_its_line(tmp_path, name, hint):
    """It was an "unsupported article format" of the file, naming neither book.toml nor `preface`."""
    make_book(tmp_path, {"a.md": "# A\n", name: PNG}, f'[book]\ntitle = "书"\npreface = "{name}"\n')
    with pytest.raises(PaibanError) as error:
        assembled(tmp_path)
    assert (error.value.message, error.value.file.name, error.value.line) == (
        f"preface '{name}' is not an article", "book.toml", 3)
    assert hint in error.value.hint


def test_missing_cover_is_an_error(tmp_path):
    make_book(tmp_path, {"a.md": "# A\n"}, '[book]\ntitle = "书"\ncover = "cover.jpg"\n')
    with pytest.raises(PaibanError, match="cover image"):
        assembled(tmp_path)


@pytest.mark.parametrize(("toml", "files"), [
    ('[[chapters]]\ntitle = "初雪"\narticles = ["text/01.md"]\n', {"text/01.md": "# 初雪\n\n正文。\n"}),
    ('[[chapters]]\ntitle = "第一章　初雪"\narticles = ["text/01.md"]\n', {"text/01.md": "# 初雪\n\n正文。\n"}),
    ('[[chapters]]\ntitle = "初雪"\narticles = ["text/01.md"]\n', {"text/01.md": "# 第1章 初雪\n\n正文。\n"}),
    ("", {"01-初雪/01-初雪.md": "正文。\n"}),
    ('[[chapters]]\ntitle = "第一章"\narticles = ["text/01.md"]\n', {"text/01.md": "# 第一章\n\n正文。\n"}),
    # typed with a Latin keyboard's marks, which the article's title mends (it was printed twice)
    ('[[chapters]]\ntitle = "第七章 江上(上)"\narticles = ["text/01.md"]\n',
     {"text/01.md": "# 第七章 江上(上)\n\n正文。\n"}),
    ('[[chapters]]\ntitle = "第六章 你是谁?"\narticles = ["text/01.md"]\n', {"text/01.md": "# 你是谁?\n\n正文。\n"}),
    ("", {"01-第一节 速度/01.md": "# 第一节　速度\n\n正文。\n"}),  # the section's number is the chapter's too
])
def test_a_chapter_of_one_article_of_its_own_title_leaves_the_title_to_the_chapter(tmp_path, toml, files):
    make_book(tmp_path, files, f'[book]\ntitle = "书"\n{toml}')
    [article] = assembled(tmp_path).articles
    assert article.titled is False


def test_a_chapter_of_one_article_of_its_title_has_its_sixth_heading_level_an_h6_of_its_own(tmp_path):
    """Raised a level under the chapter's h1, ##### and ###### stayed one level (both h6 as read,
    so both h5), though h6 was free for the deeper."""
    make_book(tmp_path, {"01-初雪/初雪.md": "# 初雪\n\n## 二\n\n### 三\n\n#### 四\n\n##### 五\n\n###### 六\n"})
    [article] = assembled(tmp_path).articles
    assert article.body.split() == ["<h2>二</h2>", "<h3>三</h3>", "<h4>四</h4>", "<h5>五</h5>", "<h6>六</h6>"]


def test_a_chapters_and_a_parts_title_is_punctuated_as_an_articles_is(tmp_path):
    """Typed in book.toml with a Latin keyboard's marks, they printed so (江上(上), 你是谁?)."""
    make_book(tmp_path, {"01.md": "# 甲\n", "02.md": "# 乙\n"}, '''[book]
        title = "书"
        [[parts]]
        title = "上编 江南(1)"
        [[parts.chapters]]
        title = "第七章 江上(上)"
        articles = ["01.md", "02.md"]
        ''')
    [part] = assembled(tmp_path).parts
    assert (part.title, part.chapters[0].title) == ("上编　江南（1）", "第七章　江上（上）")


@pytest.mark.parametrize(("toml", "files"), [
    ('[[chapters]]\ntitle = "初雪"\narticles = ["01.md"]\n', {"01.md": "# 旧信\n"}),
    ('[[chapters]]\ntitle = "初雪"\narticles = ["01.md", "02.md"]\n', {"01.md": "# 初雪\n", "02.md": "# 初雪\n"}),
    ('[[chapters]]\ntitle = "第一章"\narticles = ["01.md"]\n', {"01.md": "# 初雪\n"}),
    ('[[chapters]]\ntitle = "第一章"\narticles = ["01.md"]\n', {"01.md": "# 第一回\n"}),  # numbers alone
    ("", {"01-速度/01.md": "# 一、速度\n"}), ("", {"01-速度/01.md": "# 1. 速度\n"}),
])
def test_an_article_titled_otherwise_or_beside_others_keeps_its_heading(tmp_path, toml, files):
    make_book(tmp_path, files, f'[book]\ntitle = "书"\n{toml}')
    assert all(article.titled for article in assembled(tmp_path).articles)


@pytest.mark.parametrize(("toml", "files"), [
    ("", {"01-速度/01-速度.md": "# 第一节　速度\n\n正文。\n"}),
    ('[[chapters]]\ntitle = "第一章　速度"\narticles = ["01.md"]\n', {"01.md": "# 第一节 速度\n\n正文。\n"}),
])
def test_an_article_whose_title_writes_a_section_number_of_its_own_keeps_its_heading(tmp_path, toml, files):
    """第一节　速度 in the chapter 速度 was taken for the chapter's own title: its heading was
    left out, and 第一节 printed nowhere (body, contents, navigation, bookmarks)."""
    make_book(tmp_path, files, f'[book]\ntitle = "书"\nchapter-numbers = true\n{toml}')
    [chapter] = assembled(tmp_path).chapters
    [article] = chapter.articles
    assert (chapter.title, article.titled, article.title) == ("速度", True, "第一节　速度")


NUMBERED = """\
    [book]
    title = "书"
    chapter-numbers = true
    [[parts]]
    title = "上编"
    [[parts.chapters]]
    title = "形制"
    articles = ["a.md"]
    [[parts.chapters]]
    title = "书吏"
    articles = ["b.md"]
    [[parts]]
    title = "下编"
    [[parts.chapters]]
    title = "附录一　统计表"
    articles = ["c.md"]
    [[parts.chapters]]
    title = "读者"
    articles = ["d.md"]
    [[parts.chapters]]
    title = "参考文献"
    articles = ["e.md"]
    [[parts.chapters]]
    title = "大事年表"
    articles = ["f.md"]
    numbered = false
    [[parts.chapters]]
    title = "后记"
    articles = ["g.md"]
    numbered = true
    """


def test_back_matter_and_chapters_marked_numbered_false_are_not_numbered_nor_counted(tmp_path):
    """With chapter-numbers every chapter was numbered: 第七章　参考文献. An appendix, the
    bibliography and the like are left unnumbered by their titles, any chapter by `numbered = false`
    (and `numbered = true` numbers one all the same); the numbers count the numbered ones only."""
    make_book(tmp_path, {f"{name}.md": f"# 文{name}\n\n正文。\n" for name in "abcdefg"}, NUMBERED)
    chapters = assembled(tmp_path).chapters
    assert [(c.label, c.title) for c in chapters] == [
        ("第一章", "形制"), ("第二章", "书吏"), (None, "附录一　统计表"), ("第三章", "读者"), (None, "参考文献"),
        (None, "大事年表"), ("第四章", "后记")]
    assert [c.id for c in chapters] == [f"c{n}" for n in range(1, 8)]


def test_a_written_number_parted_from_the_title_by_a_dash_is_the_chapters_label(tmp_path):
    """第三章—归途 was labelled 第一章 and kept its number in its title: a dash did not part a label
    where a novel's chapter lines are read with one."""
    make_book(tmp_path, {"01-第三章—归途/a.md": "# 甲\n", "02-卷二-江南/b.md": "# 乙\n"},
              '[book]\ntitle = "书"\nchapter-numbers = true\n')
    assert [(c.label, c.title) for c in assembled(tmp_path).chapters] == [("第三章", "归途"), ("卷二", "江南")]


def test_a_title_opening_with_a_number_and_a_word_is_no_label_unless_parted_from_it(tmp_path):
    """第十四集团军 (the 14th Group Army) printed as chapter 第十四集, title 团军, and 第二部电影 as 第二部,
    电影: 集 and 部 begin words. 章 回 节 篇 begin none: 第三章归途 is labelled still."""
    make_book(tmp_path, {"01-第十四集团军/a.md": "# 甲\n", "02-第二部电影/b.md": "# 乙\n",
                         "03-第三章归途/c.md": "# 丙\n", "04-第一部 风起/d.md": "# 丁\n"},
              '[book]\ntitle = "书"\nchapter-numbers = true\n')
    assert [(c.label, c.title) for c in assembled(tmp_path).chapters] == [
        ("第一章", "第十四集团军"), ("第二章", "第二部电影"), ("第三章", "归途"), ("第一部", "风起")]


def test_a_chapter_folder_of_back_matter_is_not_numbered(tmp_path):
    make_book(tmp_path, {"00-序言/a.md": "# 甲\n", "01-绪论/b.md": "# 乙\n", "02-制度/c.md": "# 丙\n",
                         "98-附录/d.md": "# 丁\n", "99-参考文献/e.md": "# 戊\n"},
              '[book]\ntitle = "书"\nchapter-numbers = true\n')
    assert [(c.label, c.title) for c in assembled(tmp_path).chapters] == [
        (None, "序言"), ("第一章", "绪论"), ("第二章", "制度"), (None, "附录"), (None, "参考文献")]


def test_a_classical_books_volumes_keep_their_numbers_and_its_front_and_closing_ones_none(tmp_path):
    """卷之十二 was labelled 第十三章 among 卷一 … 卷十一, and 卷首 第一章, 卷末 第十四章."""
    make_book(tmp_path, {"00-卷首/a.md": "# 甲\n", "01-卷一/b.md": "# 乙\n", "02-卷之二　山經/c.md": "# 丙\n",
                         "03-卷末/d.md": "# 丁\n"},
              '[book]\ntitle = "书"\nchapter-numbers = true\n')
    assert [(c.label, c.title) for c in assembled(tmp_path).chapters] == [
        (None, "卷首"), (None, "卷一"), ("卷之二", "山經"), (None, "卷末")]


def test_a_textbooks_answer_key_is_not_numbered(tmp_path):
    """An exercise book's answer key, folder 04-参考答案, was numbered 第四章, and the folder convention has no
    `numbered = false`. 答案 alone is numbered still: a novel's chapter may be titled so."""
    make_book(tmp_path, {"01-力与运动/a.md": "# 甲\n", "02-水与溶液/b.md": "# 乙\n", "03-答案/c.md": "# 丙\n",
                         "04-参考答案/d.md": "# 丁\n", "05-习题答案/e.md": "# 戊\n", "06-參考答案/f.md": "# 己\n"},
              '[book]\ntitle = "书"\nchapter-numbers = true\n')
    assert [(c.label, c.title) for c in assembled(tmp_path).chapters] == [
        ("第一章", "力与运动"), ("第二章", "水与溶液"), ("第三章", "答案"), (None, "参考答案"), (None, "习题答案"),
        (None, "參考答案")]


THESIS = """\
    [book]
    title = "学位论文"
    chapter-numbers = true
    [[chapters]]
    title = "摘　要"
    articles = ["a.md"]
    [[chapters]]
    title = "ABSTRACT"
    articles = ["b.md"]
    [[chapters]]
    title = "第1章　绪论"
    articles = ["c.md"]
    [[chapters]]
    title = "第2章　方法"
    articles = ["d.md"]
    [[chapters]]
    title = "参考文献"
    articles = ["e.md"]
    """


def test_a_thesiss_abstracts_are_front_matter_and_its_chapters_keep_their_own_numbers(tmp_path):
    """摘要 and ABSTRACT were numbered 第1章 and 第2章, and the thesis's own 第1章　绪论 and 第2章　方法 came
    after them: every number printed twice. A book's summary (内容提要) is front matter too."""
    make_book(tmp_path, {f"{name}.md": f"# {name}\n\n正文。\n" for name in "abcde"}, THESIS)
    assert [(c.label, c.title) for c in assembled(tmp_path).chapters] == [
        (None, "摘　要"), (None, "ABSTRACT"), ("第1章", "绪论"), ("第2章", "方法"), (None, "参考文献")]
    folders = tmp_path / "folders"
    make_book(folders, {"01-中文摘要/a.md": "# 甲\n", "02-英文摘要/b.md": "# 乙\n", "03-Abstract/c.md": "# 丙\n",
                        "04-内容提要/d.md": "# 丁\n", "05-摘要的写法/e.md": "# 戊\n"},
              '[book]\ntitle = "书"\nchapter-numbers = true\n')
    assert [(c.label, c.title) for c in assembled(folders).chapters] == [
        (None, "中文摘要"), (None, "英文摘要"), (None, "Abstract"), (None, "内容提要"), ("第一章", "摘要的写法")]



def test_a_translations_front_and_back_matter_is_not_numbered_but_a_chapter_named_with_their_words_is(tmp_path):
    """献词 was numbered 第一章, and the story's own 第一章 came second; 译者序, 术语表 and 译后记 were
    numbered too: only the exact words (序, 后记 …) were front and back matter. A chapter whose title
    only holds such a word (论序言, 索引的历史) is numbered still."""
    names = ["00-献词", "01-译者序", "02-出版说明", "03-第一章 雾中的莫斯科", "04-论序言", "05-索引的历史", "06-术语表",
             "07-译名对照表", "08-人名索引", "09-译后记", "10-再版后记"]
    make_book(tmp_path, {f"{name}/a.md": "# 甲\n\n正文。\n" for name in names},
              '[book]\ntitle = "书"\nchapter-numbers = true\n')
    assert [(c.label, c.title) for c in assembled(tmp_path).chapters] == [
        (None, "献词"), (None, "译者序"), (None, "出版说明"), ("第一章", "雾中的莫斯科"), ("第二章", "论序言"),
        ("第三章", "索引的历史"), (None, "术语表"), (None, "译名对照表"), (None, "人名索引"), (None, "译后记"),
        (None, "再版后记")]

ENGLISH_BACK_MATTER = """\
    [book]
    title = "Book"
    chapter-numbers = true
    [[chapters]]
    title = "Preface"
    articles = ["a.md"]
    [[chapters]]
    title = "Introduction"
    articles = ["b.md"]
    [[chapters]]
    title = "Appendix A  Tables"
    articles = ["c.md"]
    [[chapters]]
    title = "APPENDICES"
    articles = ["d.md"]
    [[chapters]]
    title = "Acknowledgments"
    articles = ["e.md"]
    [[chapters]]
    title = "Notes"
    articles = ["f.md"]
    numbered = true
    [[chapters]]
    title = "Appendixes of the Empire"
    articles = ["g.md"]
    """


def test_english_back_matter_is_not_numbered_as_chapters_are_unless_told(tmp_path):
    """Chapter 3 Bibliography: English back matter was numbered where 参考文献 was not. It is
    left unnumbered by its title in any case (Appendix A too); `numbered` still decides over it."""
    make_book(tmp_path, {"01-Methods/a.md": "# A\n", "02-Bibliography/b.md": "# B\n", "03-index/c.md": "# C\n",
                         "04-Appendix 2 Sources/d.md": "# D\n", "05-Afterword/e.md": "# E\n"},
              '[book]\ntitle = "Book"\nchapter-numbers = true\n')
    assert [(c.label, c.title) for c in assembled(tmp_path).chapters] == [
        ("第一章", "Methods"), (None, "Bibliography"), (None, "index"), (None, "Appendix 2 Sources"),
        (None, "Afterword")]
    listed = tmp_path / "listed"
    make_book(listed, {f"{name}.md": f"# {name}\n\nText.\n" for name in "abcdefg"}, ENGLISH_BACK_MATTER)
    assert [c.label for c in assembled(listed).chapters] == [None, "第一章", None, None, None, "第二章", "第三章"]


def test_numbered_true_in_a_book_that_numbers_no_chapter_is_named_in_a_warning(tmp_path, caplog):
    make_book(tmp_path, {"a.md": "# 甲\n"},
              '[book]\ntitle = "书"\n[[chapters]]\ntitle = "后记"\narticles = ["a.md"]\nnumbered = true\n')
    assert [c.label for c in assembled(tmp_path).chapters] == [None]
    [told] = [record.getMessage() for record in caplog.records]
    assert told.startswith(f"{tmp_path / 'book.toml'}:6: `numbered = true`") and "chapter-numbers = true" in told


def test_chapters_are_numbered_in_arabic_where_the_books_own_label_is(tmp_path):
    """01-第1章　变量 kept 第1章 and the next folder was labelled 第二章: numbers follow the book's own."""
    make_book(tmp_path, {"01-第1章　变量/a.md": "# 甲\n", "02-函数/b.md": "# 乙\n", "03-附录/c.md": "# 丙\n",
                         "04-类/d.md": "# 丁\n"}, '[book]\ntitle = "书"\nchapter-numbers = true\n')
    assert [(c.label, c.title) for c in assembled(tmp_path).chapters] == [
        ("第1章", "变量"), ("第2章", "函数"), (None, "附录"), ("第3章", "类")]


def test_a_label_in_full_width_digits_is_arabic_too(tmp_path):
    make_book(tmp_path, {"01-第１章　变量/a.md": "# 甲\n", "02-函数/b.md": "# 乙\n"},
              '[book]\ntitle = "书"\nchapter-numbers = true\n')
    assert [c.label for c in assembled(tmp_path).chapters][1] == "第2章"


def test_the_sections_remembered_keep_no_body_alive(tmp_path):
    """The sections found in a body are remembered by its digest: a long ``paiban serve`` or batch
    once kept up to 4,096 whole bodies alive by them."""
    import gc
    import tracemalloc

    from paiban.model import Article
    from paiban.sections import sections_of

    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(20):
            body = f'<h2 class="listed-section" id="a1-s1">节{number}</h2><p>{"文" * 300_000}</p>'
            assert sections_of(Article(tmp_path / "a.md", "甲", body))[0].title == f"节{number}"
            del body
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 2_000_000  # 20 bodies of 600 kB were 12 MB


def test_a_picture_listed_as_an_article_is_refused_at_its_line(tmp_path):
    """It was refused at the picture's file, as an unsupported article format, naming no line of book.toml."""
    make_book(tmp_path, {"01-章/a.png": PNG, "01-章/01.md": "# 甲\n"},
              '[book]\ntitle = "书"\n\n[[chapters]]\ntitle = "章"\narticles = ["01-章/a.png"]\n')
    with pytest.raises(PaibanError) as error:
        assembled(tmp_path)
    assert (error.value.message, error.value.line) == ("article file '01-章/a.png' is no article", 6)
    assert "cover = '01-章/a.png'" in error.value.hint


def test_a_glob_of_articles_takes_no_picture_beside_them(tmp_path):
    """01-章/* took the chapter's pictures too, and the build was refused at the first of them."""
    make_book(tmp_path, {"01-章/a.png": PNG, "01-章/01.md": "# 甲\n"},
              '[book]\ntitle = "书"\n\n[[chapters]]\ntitle = "章"\narticles = ["01-章/*"]\n')
    assert [article.title for article in assembled(tmp_path).articles] == ["甲"]


def test_obsidian_picture_embeds_are_pictures_found_as_obsidian_finds_them(tmp_path, caplog):
    """![[图一.png]] (by its name alone), ![[assets/图一.png|300]] and ![[子目录/图.png]] printed as
    typed, the picture left out, unwarned. Each is the picture, found beside the note or by its name
    anywhere in the book, |300 its width; one not found is warned of at its line."""
    make_book(tmp_path, {".obsidian/app.json": "{}", "assets/图一.png": PNG, "01-文章/子目录/图二.png": PNG,
                         "01-文章/01-早晨.md":
                         "# 早晨\n\n![[图一.png]]\n\n![[assets/图一.png|300]]\n\n![[子目录/图二.png|豆浆铺]]\n\n"
                         "![[无此图.png]]\n\n![[其他笔记]]\n"})
    [article] = assembled(tmp_path).articles
    assert article.images == ("assets/图一.png", "01-文章/子目录/图二.png")
    assert '<img src="assets/图一.png" alt=""/>' in article.body
    assert '<img src="assets/图一.png" width="300" alt=""/>' in article.body
    assert '<img src="01-文章/子目录/图二.png" alt="豆浆铺"/>' in article.body
    assert "[[" not in article.body and "<p>其他笔记</p>" in article.body
    note = tmp_path / "01-文章" / "01-早晨.md"
    warned = [record.getMessage() for record in caplog.records]
    assert warned[0].startswith(f"{note}:9: the picture '![[无此图.png]]' is not a file in the book; it was left out")
    assert warned[1].startswith(f"{note}:11: '![[其他笔记]]' embeds a note (or a file) in Obsidian; the book prints "
                                "its name")


def test_an_obsidian_embed_finds_no_picture_outside_the_book(tmp_path, caplog):
    (tmp_path / "图一.png").write_bytes(PNG)
    book = make_book(tmp_path / "书", {".obsidian/app.json": "{}",
                                       "01-早晨.md": "# 早晨\n\n![[图一.png]]\n\n![[../图一.png]]\n"})
    [article] = assembled(book).articles
    assert "<img" not in article.body
    assert [record.getMessage().split(";")[0] for record in caplog.records] == [
        f"{book / '01-早晨.md'}:3: the picture '![[图一.png]]' is not a file in the book",
        f"{book / '01-早晨.md'}:5: the picture '![[../图一.png]]' is not a file in the book"]


def test_obsidian_wikilinks_link_to_the_article_named(tmp_path, caplog):
    """[[02-茶馆]], [[02-茶馆|茶馆那篇]] and [[02-茶馆#掌柜]] printed as typed, unlinked, unwarned. Each
    links to the article of that file's name (or the title it gives: [[茶馆]]), wherever it is in the
    book, shown as its alias or the name; one that names no article is its text, warned of at its line."""
    make_book(tmp_path, {".obsidian/app.json": "{}",
                         "01-甲/01-早晨.md": "# 早晨\n\n参见[[02-茶馆]]，[[02-茶馆|茶馆那篇]]，\n"
                                             "还有[[02-茶馆#掌柜]]一节、[[茶馆]]、[[#缘起]]与[[无此篇|别处]]。\n\n"
                                             "## 缘起 {#缘起}\n",
                         "02-乙/02-茶馆.md": "# 茶馆\n\n## 掌柜 {#掌柜}\n\n掌柜姓周。\n"})
    first, _ = assembled(tmp_path).articles
    assert ('参见<a href="#a2">02-茶馆</a>，<a href="#a2">茶馆那篇</a>，还有<a href="#a2-掌柜">02-茶馆</a>一节、'
            '<a href="#a2">茶馆</a>、<a href="#a1-缘起">缘起</a>与别处。') in first.body
    assert [record.getMessage() for record in caplog.records] == [
        f"{tmp_path / '01-甲' / '01-早晨.md'}:4: the wikilink '[[无此篇|别处]]' leads to no article of the book, so "
        "its text is printed unlinked: name an article by its file's name ([[02-茶馆]], [[02-茶馆|别名]]), or write "
        "the text without brackets"]


def test_an_obsidian_embed_of_no_size_and_a_wikilink_of_nothing_are_printed_as_typed(tmp_path):
    """![[图一.png|0]] made a picture of width 0, which vanished from both formats; [[#]] and [[|]]
    an empty link, which printed nothing of what the writer typed."""
    make_book(tmp_path, {".obsidian/app.json": "{}", "图一.png": PNG,
                         "01-a.md": "# 甲\n\n![[图一.png|0]]\n\n看[[#]]与[[|]]。\n"})
    [article] = assembled(tmp_path).articles
    assert 'width="0"' not in article.body and "<img" in article.body
    assert "看[[#]]与[[|]]。" in article.body


def test_a_wikilink_in_a_links_text_is_that_links_text(tmp_path, caplog):
    """[文献 [[02-b]] 第三页](url) in a vault was two links, the outer one's text cut to 文献 and the
    wikilink's link made inside it."""
    make_book(tmp_path, {".obsidian/app.json": "{}", "01-a.md": "# 甲\n\n参见[文献 [[02-b]] 第三页](https://example.com)。\n",
                         "02-b.md": "# 乙\n\n正文。\n"})
    first, _ = assembled(tmp_path).articles
    assert '参见<a href="https://example.com">文献 [[02-b]] 第三页</a>。' in first.body
    assert caplog.records == []


def test_obsidian_forms_are_read_only_in_a_vault_at_the_book_or_below(tmp_path, caplog):
    """A .obsidian folder above the book's root makes no vault of it; one in a folder of the book
    does of that folder's notes."""
    (tmp_path / ".obsidian").mkdir()
    book = make_book(tmp_path / "书", {"01-甲/01-a.md": "# 甲\n\n见[[02-b]]，50%%与60%%。\n",
                                       "02-乙/.obsidian/app.json": "{}",
                                       "02-乙/02-b.md": "# 乙\n\n见[[02-b]]，50%%与60%%。\n"})
    first, second = assembled(book).articles
    assert "见[[02-b]]，50%%与60%%。" in first.body
    assert '见<a href="#a2">02-b</a>，50。' in second.body


def test_a_saved_wiki_pages_calls_lead_to_its_own_notes_not_another_articles(tmp_path, caplog):
    """Every wiki page numbers its notes from cite_note-1: a page saved whole lost its notes' ids
    to the extraction, and its calls were led, with no word, to another page's notes."""
    notes = ('<p>{text}<sup id="cite_ref-1"><a href="#cite_note-1">[1]</a></sup>。</p>\n<ol class="references">'
             '<li id="cite_note-1"><a href="#cite_ref-1">↑</a> {source}</li></ol>')
    whole = notes.format(text="青石镇是林溪县下辖的一个镇，以青石铺就的街道得名，镇上有一座建于清代的三孔石桥",
                         source="林溪县地名录")
    make_book(tmp_path, {
        "01-青石镇.html": f'<html><head><title>青石镇</title></head><body><div id="nav"><a href="/">首页</a></div>'
                         f'<div id="content"><h1>青石镇</h1>{whole}</div><div id="footer">本页面最后修订于2026年</div>'
                         "</body></html>",
        "02-石桥灯会.html": "<html><body><h1>石桥灯会</h1>"
                          + notes.format(text="石桥灯会是青石镇的民间节庆", source="灯与桥") + "</body></html>",
    })
    first, second = assembled(tmp_path).articles
    assert 'href="#a1-cite_note-1"' in first.body and '<li id="a1-cite_note-1">' in first.body
    assert "a2-" not in first.body and "林溪县地名录" in first.body
    assert not warnings_of(caplog)
