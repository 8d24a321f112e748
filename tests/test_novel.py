"""A web novel delivered as one .txt: `paiban import NOVEL -o DIR` makes a book of its chapters,
and a build that reads such a file as one article says so."""

import os
import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path, PurePath

import pytest
from lxml import etree, html

import paiban
from paiban import numerals, punctuation
from paiban.convert import converter
from paiban.importer import plan_novel
from paiban.novel import Chapter, Novel, Numbering, Volume, heading, is_regulation, numbering, parse
from paiban.numerals import name_order

from conftest import make_book
from test_cli import PAIBAN, run

PARAGRAPHS = ["　　长安城的春天来得迟，城门外的柳树才刚冒出一点新绿。",
              "　　“客官，住店吗？”店小二迎上来,“小店干净，价钱公道。”",
              "　　三年后",  # short, with no full stop: a paragraph of the story, not a subheading
              "　　她点点头,把缰绳递过去:“要一间临街的房。”"]
# (line, paragraphs under it): 楔子 before the first volume, an end-of-volume line, 番外 at the end.
OUTLINE = [("楔子", 2), ("卷一 长安", 0), ("第一章 初到长安", 4), ("第2章　风起", 3), ("第十二章 夜雨", 2),
           ("第一卷 完", 0), ("第二卷 江南", 0), ("第一百零三章 归来", 4), ("番外一 陆掌柜的往事", 2)]
FRONT = ["《长安旧梦》", "作者：青山", "", "内容简介：", "　　一个女子独自来到长安，寻找失散多年的亲人。", ""]
NAMESPACES = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
HAN = re.compile(r"[\u4e00-\u9fff]")


def novel_text() -> str:
    lines, count = list(FRONT), 0
    for title, paragraphs in OUTLINE:
        lines += [title, ""]
        for _ in range(paragraphs):
            lines += [PARAGRAPHS[count % len(PARAGRAPHS)], ""]
            count += 1
    return "\r\n".join(lines + ["（全书完）"]) + "\r\n"


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, Path, object]:
    folder = tmp_path_factory.mktemp("novel")
    source = folder / "长安旧梦.txt"
    source.write_bytes(novel_text().encode("gb18030"))
    result = run("import", str(source), "-o", str(folder / "书"))
    return source, folder / "书", result


def test_a_novel_is_imported_as_a_book_of_its_volumes_and_chapters(imported):
    _, book, result = imported
    assert result.returncode == 0, result.stderr
    report = " ".join(result.stdout.split())
    assert "(GB18030): 6 chapter(s) in 2 part(s); author 青山" in report
    files = sorted(p.relative_to(book).as_posix() for p in book.rglob("*") if p.is_file())
    assert files == ["01-卷一-长安/01-楔子.md", "01-卷一-长安/02-第一章-初到长安.md", "01-卷一-长安/03-第2章-风起.md",
                     "01-卷一-长安/04-第十二章-夜雨.md", "02-第二卷-江南/01-第一百零三章-归来.md",
                     "02-第二卷-江南/02-番外一-陆掌柜的往事.md", "book.toml"]
    toml = (book / "book.toml").read_text(encoding="utf-8")
    assert 'title = "长安旧梦"' in toml and 'authors = ["青山"]' in toml
    assert 'description = "一个女子独自来到长安，寻找失散多年的亲人。"' in toml
    chapter = (book / "01-卷一-长安/04-第十二章-夜雨.md").read_text(encoding="utf-8")
    assert chapter.startswith("---\ntitle: 第十二章 夜雨\n---\n") and chapter.endswith("\n\n第一卷 完\n")


def test_the_imported_novel_builds_a_chapter_per_chapter_line_in_parts_with_all_its_text(imported, tmp_path):
    source, book, _ = imported
    epub = paiban.build(book, formats=["epub"], output=tmp_path)[0].path
    with zipfile.ZipFile(epub) as archive:
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
        toc = nav.xpath("//x:nav[@epub:type='toc']/x:ol", namespaces=NAMESPACES)[0]
        parts = {" ".join(part.xpath("string(x:a)", namespaces=NAMESPACES).split()):
                 [" ".join("".join(a.itertext()).split()) for a in part.xpath("x:ol/x:li/x:a", namespaces=NAMESPACES)]
                 for part in toc.xpath("x:li", namespaces=NAMESPACES)}
        bodies = [html.fromstring(archive.read(name)).body for name in archive.namelist()
                  if re.fullmatch(r"EPUB/[cp]\d+\.xhtml", name)]
    assert parts == {"卷一 长安": ["楔子", "第一章 初到长安", "第2章 风起", "第十二章 夜雨"],
                     "第二卷 江南": ["第一百零三章 归来", "番外一 陆掌柜的往事"]}
    # Every character of the story: the source's lines after the title, author and blurb; its
    # paragraphs in order (the 楔子 opens the first volume, so the titles' order differs).
    lines = source.read_text(encoding="gb18030").splitlines()[len(FRONT):]
    assert Counter(HAN.findall("".join(body.text_content() for body in bodies))) == Counter(HAN.findall("".join(lines)))
    paragraphs = [line.strip("\u3000") for line in lines if line and line not in dict(OUTLINE) or line == "第一卷 完"]
    assert [p.text_content() for body in bodies for p in body.iter("p")] == [
        punctuation.normalise(line) for line in paragraphs]


def test_a_build_warns_once_of_a_text_article_holding_a_novels_chapters(tmp_path, caplog):
    book = make_book(tmp_path / "b", {"长安旧梦.txt": novel_text()})
    paiban.build(book, formats=["epub"], output=tmp_path / "out")
    warnings = [r.getMessage() for r in caplog.records if "chapter lines" in r.getMessage()]
    assert len(warnings) == 1 and "长安旧梦.txt" in warnings[0] and "read as one article" in warnings[0]
    assert "paiban import 长安旧梦.txt -o" in warnings[0]


def test_an_article_naming_a_chapter_or_two_is_no_novel(tmp_path, caplog):
    book = make_book(tmp_path / "b", {"a.txt": "标题\n第一章 总则\n正文。\n第二章 附则\n正文。\n"})
    paiban.build(book, formats=["epub"], output=tmp_path / "out")
    assert not [r for r in caplog.records if "chapter lines" in r.getMessage()]


# A regulation (办法, 条例, 规定) as a government site gives it: chapter lines over numbered articles.
REGULATION = ("某市档案管理办法\r\n第一章　总则\r\n　　第一条　为了加强档案管理，制定本办法。\r\n第二章　收集与整理\r\n"
              "　　第二条　归档文件应当齐全完整。\r\n第三章　附则\r\n　　第三条　本办法自2026年3月1日起施行。\r\n")


def test_a_regulation_is_imported_into_a_chapter_as_one_article_its_chapter_lines_its_subheadings(tmp_path):
    """A 办法 with 第一章…第三章 was "a novel (3 chapter lines)": refused by --chapter, told to be a book."""
    source = tmp_path / "办法.txt"
    source.write_bytes(REGULATION.encode("gbk"))
    book = make_book(tmp_path / "汇编", {})
    result = run("import", str(source), "--into", str(book), "--chapter", "02-法规")
    assert result.returncode == 0, result.stderr
    article = (book / "02-法规" / "01-某市档案管理办法.md").read_text(encoding="utf-8")
    assert "## 第一章　总则\n\n第一条　为了加强档案管理，制定本办法。\n\n## 第二章　收集与整理\n" in article


@pytest.mark.parametrize("name", ["办法.txt", "办法.md"])
def test_a_build_does_not_take_a_regulation_for_a_novel(tmp_path, caplog, name):
    """Every build and check told the editor of a 汇编 to import its 办法 as a book of its own."""
    text = REGULATION if name.endswith(".txt") else (
        "# 某市档案管理办法\n\n## 第一章　总则\n\n**第一条**　为了加强档案管理，制定本办法。\n\n"
        "## 第二章　收集与整理\n\n**第二条**　归档文件应当齐全完整。\n\n"
        "## 第三章　附则\n\n**第三条**　本办法自2026年3月1日起施行。\n")
    paiban.build(make_book(tmp_path / "b", {name: text}), formats=["epub"], output=tmp_path / "out")
    assert not [r for r in caplog.records if "chapter lines" in r.getMessage()]


def test_a_regulations_parts_and_sections_between_its_chapters_and_articles_keep_it_a_regulation():
    """A code's 编, its chapters' 节: the articles open the text under them."""
    lines = ["民法典", "第一编　总则", "第一章　基本规定", "第一条　为了保护民事主体的合法权益，制定本法。",
             "第二条　民法调整民事关系。", "第二章　自然人", "第一节　民事权利能力和民事行为能力",
             "第十三条　自然人从出生时起到死亡时止，具有民事权利能力。", "第三章　法人", "第五十七条　法人是组织。"]
    assert is_regulation(lines)


def test_a_novel_quoting_an_article_under_one_chapter_is_a_novel_still():
    lines = ["第一章 初到", "　　第一条规矩是不许哭。", "第二章 风起", "　　正文。", "第三章 归来", "　　正文。"]
    assert not is_regulation(lines) and parse("\n".join(lines))


def test_a_regulation_is_made_a_book_of_its_chapters_when_one_is_asked_for(tmp_path):
    source = tmp_path / "办法.txt"
    source.write_text(REGULATION, encoding="utf-8")
    book = plan_novel([source], tmp_path / "书", None)
    assert [chapter.title for chapter in book.novel.chapters] == ["第一章　总则", "第二章　收集与整理", "第三章　附则"]


def test_a_regulations_own_contents_list_makes_no_empty_chapters_of_a_book(tmp_path):
    """Its 目　　录 over 第一章…第三章 made three chapters without a paragraph, each opening a page, and
    book.toml listed every chapter twice; nothing said so. The list is left out, and the report says so."""
    title, rest = REGULATION.split("\r\n", 1)
    source = tmp_path / "办法.txt"
    source.write_text(f"{title}\r\n目　　录\r\n第一章　总则\r\n第二章　收集与整理\r\n第三章　附则\r\n{rest}",
                      encoding="utf-8")
    result = run("import", str(source), "-o", str(tmp_path / "书"))
    assert result.returncode == 0, result.stderr
    assert "its own contents list (4 lines) left out" in " ".join(result.stdout.split())
    toml = (tmp_path / "书" / "book.toml").read_text(encoding="utf-8")
    assert toml.count("[[chapters]]") == 3 and "目" not in toml
    assert all(path.read_text(encoding="utf-8").split("---")[-1].strip() for path in (tmp_path / "书").rglob("*.md"))


@pytest.mark.parametrize("unit", ["编", "部分"])
def test_a_novels_parts_numbered_in_any_volume_unit_are_its_parts(tmp_path, unit):
    """第一编 and 第一部分 were read as text: the novel came out as one part, its part lines paragraphs."""
    source = tmp_path / "n.txt"
    source.write_text(f"长安旧梦\n第一{unit} 长安\n第一章 初到\n　　正文。\n第二章 风起\n　　正文。\n"
                      f"第二{unit} 江南\n第三章 归来\n　　正文。\n", encoding="utf-8")
    result = run("import", str(source), "-o", str(tmp_path / "书"))
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(tmp_path / "书").as_posix() for p in (tmp_path / "书").rglob("*.md"))
    assert files == [f"01-第一{unit}-长安/01-第一章-初到.md", f"01-第一{unit}-长安/02-第二章-风起.md",
                     f"02-第二{unit}-江南/01-第三章-归来.md"]


@pytest.mark.parametrize(("front", "description"), [
    ("简介：一个女子来到长安。", "一个女子来到长安。"), ("内容简介 一个女子来到长安。", "一个女子来到长安。"),
    ("简介\n一个女子来到长安。", "一个女子来到长安。"), ("简介绍不了这个故事。", "简介绍不了这个故事。")])
def test_only_a_blurbs_label_is_taken_off_its_line(tmp_path, front, description):
    """简介绍不了这个故事。 lost its 简介 as though it were the blurb's label."""
    source = tmp_path / "n.txt"
    source.write_text(f"长安旧梦\n{front}\n" + "".join(f"第{n}章 题\n　　正文。\n" for n in "一二三"), encoding="utf-8")
    toml = plan_novel([source], tmp_path / "书", None).files[tmp_path / "书" / "book.toml"]
    assert f'description = "{description}"' in toml


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    ("标题\n第一章 总则\n正文。\n".encode(), "no novel here: 1 chapter line(s), and a novel needs 3 or more"),
])
def test_a_file_that_is_no_novel_is_refused_by_name_and_nothing_is_written(tmp_path, content, message):
    source = tmp_path / "稿.txt"
    source.write_bytes(content)
    result = run("import", str(source), "-o", str(tmp_path / "书"))
    assert result.returncode == 2 and "稿.txt" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "书").exists()


def test_a_novel_is_never_imported_over_an_existing_directory(tmp_path):
    source = tmp_path / "n.txt"
    source.write_text(novel_text(), encoding="utf-8")
    book = make_book(tmp_path / "书", {})
    result = run("import", str(source), "-o", str(book))
    assert result.returncode == 2 and "already exists and is not empty" in result.stderr
    assert [p.name for p in book.iterdir()] == ["book.toml"]


@pytest.mark.parametrize("end", ["第二卷 完", "第二卷终", "第二卷（完）", "卷二 完结"])
def test_a_volumes_closing_line_opens_no_part_even_with_a_chapter_after_it(tmp_path, end):
    """第二卷 完 before the 后记 was a third part, holding only the 后记, and book.toml listed it."""
    source = tmp_path / "t.txt"
    source.write_text(f"测试书\n作者：某\n\n第一卷 起\n第一章 甲\n　　正文甲。\n第二章 乙\n　　正文乙。\n第一卷 完\n"
                      f"第二卷 承\n第三章 丙\n　　正文丙。\n第四章 丁\n　　正文丁。\n{end}\n后记\n　　谢谢读者。\n",
                      encoding="utf-8")
    result = run("import", str(source), "-o", str(tmp_path / "t"), "--dry-run")
    assert result.returncode == 0, result.stderr
    report = " ".join(result.stdout.split())
    assert "5 chapter(s) in 2 part(s)" in report and "02-第二卷-承/03-后记.md" in report
    book = plan_novel([source], tmp_path / "t", None)
    toml = book.files[tmp_path / "t" / "book.toml"]
    assert toml.count("[[parts]]") == 2 and end not in toml
    ending = book.files[tmp_path / "t" / "02-第二卷-承" / "02-第四章-丁.md"]
    assert ending.endswith(f"正文丁。\n\n{end}\n")


@pytest.mark.parametrize("options", [["--into", "书"], ["--chapter", "03-小说"],
                                     ["--into", "书", "--chapter", "03-小说"]])
def test_a_novel_given_into_a_book_or_a_chapter_is_refused_saying_it_becomes_a_book_of_its_own(tmp_path, options):
    """--into was dropped without a word: the novel was made a new book in the current directory."""
    source = tmp_path / "小说.txt"
    source.write_text(novel_text(), encoding="utf-8")
    make_book(tmp_path / "书", {})
    result = run("import", str(source), *options, "--dry-run", cwd=tmp_path)
    assert result.returncode == 2 and "小说.txt" in result.stderr and "Traceback" not in result.stderr
    assert "the file is a novel (6 chapter lines): it becomes a book of its own" in result.stderr
    assert "Leave out --chapter (and --into); give the new book's directory with -o." in result.stderr
    assert not result.stdout and sorted(p.name for p in tmp_path.iterdir()) == ["书", "小说.txt"]


@pytest.mark.parametrize("numbered", [range(1, 9), "一二三四五六七八", ["两百", "两百零一", "两百零二"]])
@pytest.mark.parametrize("config", [None, "s2t"])
def test_a_markdown_articles_sections_are_no_chapters_to_split(tmp_path, caplog, numbered, config):
    """## 第1节 headings, a textbook's sections, drew "split it into a file per chapter", citing 第一章;
    so did a Traditional textbook's ## 第1節, and ## 第兩百節."""
    sections = "".join(f"## 第{n}节　节名\n\n正文。\n\n" for n in numbered)
    text = f"# 第一章\n\n{sections}"
    paiban.build(make_book(tmp_path / "b", {"a.md": converter(config)(text) if config else text}), formats=["epub"],
                 output=tmp_path / "out")
    assert not [r for r in caplog.records if "chapter lines" in r.getMessage()]


@pytest.mark.parametrize(("name", "heading"), [("01-参考答案.md", "# 参考答案\n\n"), ("01-答.md", "# 参考答案\n\n"),
                                               ("02-附录.md", ""), ("03-习题答案.txt", "")])
def test_an_answer_key_going_chapter_by_chapter_is_no_book_to_split(tmp_path, caplog, name, heading):
    """A textbook's 参考答案, its answers under ## 第一章 … ## 第三章, was told "split it into a file
    per chapter", which is wrong for an answer key and failed check --strict: back matter by its
    file's name or its first line is not warned of."""
    chapters = "".join(f"## 第{n}章　章名\n\n1．B　2．C\n\n" for n in "一二三四五六七八")
    paiban.build(make_book(tmp_path / "b", {name: heading + chapters}), formats=["epub"], output=tmp_path / "out")
    assert not [r for r in caplog.records if "chapter lines" in r.getMessage()]


def test_the_chapter_lines_warning_cites_the_files_own_first(tmp_path, caplog):
    chapters = "".join(f"# 第{n}回　回名\n\n正文。\n\n" for n in range(1, 9))
    paiban.build(make_book(tmp_path / "b", {"a.md": chapters}), formats=["epub"], output=tmp_path / "out")
    [warning] = [r.getMessage() for r in caplog.records if "chapter lines" in r.getMessage()]
    assert "it holds 8 chapter lines (第1回　回名 …)" in warning


def test_a_markdown_novel_whose_chapters_are_second_level_headings_is_warned_of(tmp_path, caplog):
    """# 书名 then ## 第一章 …: no longer warned of once ## headings were all taken for sections."""
    chapters = "".join(f"## 第{n}章　章名\n\n正文。\n\n" for n in "一二三四五六七八")
    paiban.build(make_book(tmp_path / "b", {"a.md": f"# 长安旧梦\n\n{chapters}"}), formats=["epub"],
                 output=tmp_path / "out")
    [warning] = [r.getMessage() for r in caplog.records if "chapter lines" in r.getMessage()]
    assert "it holds 8 chapter lines (第一章　章名 …)" in warning


# Every word the splitter reads, written in Simplified characters: each chapter's and volume's unit,
# each numeral's character, the chapters and volumes a novel does not number, a volume's closing
# words (its line is no volume), and lines that only look like them.
SIMPLIFIED_LINES = ["第一章 甲", "第一回 甲", "第一节 甲", "第一篇 甲", "第一集 甲", "第两百章 甲", "第一万零一章 甲",
                    "第〇七章", "第12章", "楔子", "序章", "序幕", "引子", "番外一 甲", "尾声", "终章", "后记",
                    "完本感言",
                    "第一卷 甲", "第一部 甲", "第一编 甲", "第一部分 甲", "卷一 甲", "上卷", "中卷", "下卷",
                    "卷之一 甲", "卷之下",
                    "第一卷 完", "第一卷 完结", "第二卷终", "第二卷 结束", "卷起帘子", "后记得很清楚"]


@pytest.mark.parametrize(("line", "kind"), [("卷之二 江南", "volume"), ("卷之十二", "volume"), ("卷上", "volume"),
                                           ("卷之下", "volume"), ("卷上帘子", None), ("卷之以为书", None)])
def test_a_classical_books_volume_lines_are_volumes(line, kind):
    """A 古籍's volumes, 卷之二 and 卷上 (卷之上), as 卷二 and 上卷 are; not a line that only opens so."""
    assert heading(line) == kind


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw"])
def test_every_line_the_splitter_reads_is_read_alike_in_traditional_characters(config):
    """A Traditional novel's 尾聲, 終章 and 第一編 were text: 尾聲 glued to the chapter before it,
    and the book lost its parts. OpenCC writes each Simplified line as a Traditional novel would."""
    convert = converter(config)
    for line in SIMPLIFIED_LINES:
        assert heading(convert(line)) == heading(line), (line, convert(line))
        numbers = [[piece for piece in key[0][1] if isinstance(piece, int)]
                   for key in (name_order(PurePath(line)), name_order(PurePath(convert(line))))]
        assert numbers[0] == numbers[1], (line, convert(line))


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw"])
@pytest.mark.parametrize("label", ["内容简介：", "内容简介", "简介：", "简介"])
def test_a_traditional_blurbs_label_is_taken_off_its_line(config, label):
    """內容簡介： stayed the first line of a Traditional novel's description."""
    text = converter(config)(f"旧事\n{label}\n一个虚构的故事。\n" + "".join(f"第{n}章 题\n正文。\n" for n in "一二三"))
    assert parse(text).blurb == [converter(config)("一个虚构的故事。")]


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw"])
def test_the_back_and_front_parts_words_are_ordered_in_either_script(config):
    """name_order places a 後記 or a 題記 as it does a 后记 or a 题记."""
    convert = converter(config)
    for words in (*numerals._FRONT, *numerals._BACK):
        assert {convert(word) for word in words.split("|")} <= set(words.split("|")), words


def chapter_titles(text: str) -> list[str]:
    return [chapter.title for chapter in parse(text).chapters]


def test_indented_lines_are_the_storys_where_the_chapter_lines_are_flush_left():
    """Indented as paragraphs, 第二篇稿子也退回来了 and 第二集的结尾让人意外 were chapters of their own."""
    text = ("书\n作者：某人\n\n第一章 退稿\n\n　　他又写了一篇。\n\n　　第二篇稿子也退回来了\n\n　　第三集开播了\n\n"
            "第二章 下台\n\n　　众人散去。\n\n第三章 回家\n\n　　回到家里。\n")
    assert chapter_titles(text) == ["第一章 退稿", "第二章 下台", "第三章 回家"]
    assert parse(text).chapters[0].paragraphs == ["他又写了一篇。", "第二篇稿子也退回来了", "第三集开播了"]


@pytest.mark.parametrize("indent", ["　", "　　"])
def test_a_chapter_line_indented_by_mistake_where_the_others_are_flush_left_is_a_chapter_still(indent):
    """Its label apart from its title (第三章　归途), it is no paragraph: taken for one, its chapter ran
    into the one before, and the report said 第三章 was missing."""
    text = (f"第一章　出发\n　　他出发了。\n第二章　雨夜\n　　下雨了。\n{indent}第三章　归途\n　　他回来了。\n"
            "第四章　小镇\n　　小镇很安静。\n")
    assert chapter_titles(text) == ["第一章　出发", "第二章　雨夜", "第三章　归途", "第四章　小镇"]


def test_an_indented_line_shaped_as_a_chapter_that_does_not_continue_the_numbering_is_the_storys():
    """Where the chapter lines are flush left, a quoted 　　第一章　总则 in chapter two was a chapter of
    its own (the report then called 第二章 missing), and so were 　　第一集 开拍！ and 　　尾声 还早着呢！."""
    text = ("第一章　出发\n　　他出发了。\n第二章　规矩\n　　他念道：\n　　第一章　总则\n　　第一集 开拍！\n"
            "　　尾声 还早着呢！\n第三章　小镇\n　　小镇很安静。\n第四章　雨\n　　下雨了。\n第五章　晴\n　　天晴了。\n")
    assert chapter_titles(text) == ["第一章　出发", "第二章　规矩", "第三章　小镇", "第四章　雨", "第五章　晴"]


@pytest.mark.parametrize("indent", ["", "　　"])
def test_a_fights_rounds_and_a_phrase_about_an_episode_are_no_chapter_lines(indent):
    """第一回合！ and 第二回合，开始！ (a fight's rounds) cut a chapter into bogus ones, flush left or not."""
    body = [f"{indent}{line}" for line in ("比武开始了。", "第一回合！", "第二回合，开始！", "第二集的结尾让人意外",
                                             "第一节课，你坐在窗边")]
    text = "\n".join(["擂台", "第一章 上台", *body, "第二章 下台", f"{indent}众人散去。", "第三章 回家"]) + "\n"
    assert chapter_titles(text) == ["第一章 上台", "第二章 下台", "第三章 回家"]


def test_an_authors_note_line_opening_with_a_chapters_label_stays_in_the_note():
    """作者有话要说： then, flush left, 第二章有读者说看不懂，这里解释一下: a chapter was made of the
    note's rest, chapter one ended in the bare label, and the report said only "numbered twice"."""
    text = ("北境雪\n作者：墨川\n第一章 出城\n　　林舟出了城门。\n作者有话要说：\n第二章有读者说看不懂，这里解释一下\n"
            "　　谢谢大家的支持！\n第二章 雪夜\n　　雪下了一夜。\n第三章 归途，雪停\n　　天亮了。\n")
    assert chapter_titles(text) == ["第一章 出城", "第二章 雪夜", "第三章 归途，雪停"]
    note = ["作者有话要说：", "第二章有读者说看不懂，这里解释一下", "谢谢大家的支持！"]
    assert parse(text).chapters[0].paragraphs == ["林舟出了城门。", *note]


@pytest.mark.parametrize("indent", ["", "　　", "　　　　　　"])
def test_chapter_lines_of_every_shape_still_split_a_novel_however_its_lines_are_indented(indent):
    """Chapter lines indented as the paragraphs are, or centred deeper, are chapter lines still."""
    lines = ["第一回 风雪山神庙", "第3章", "第十章：归来", "第一百零三章风起", "第2集", "尾声"]
    text = "".join(f"{indent}{line}\n　　正文。\n" for line in lines)
    assert chapter_titles(text) == lines


def test_a_novels_chapter_lines_are_found_beside_an_indented_one():
    """One chapter line indented by mistake, among flush-left ones, is a chapter line still
    when the paragraphs are not indented."""
    text = "第一章 甲\n正文。\n　第二章 乙\n正文。\n第三章 丙\n正文。\n"
    assert chapter_titles(text) == ["第一章 甲", "第二章 乙", "第三章 丙"]


@pytest.mark.parametrize("block", [
    "::: poem\n第一回 见你，在雨里\n第二回 见你，在雪里\n第三回 见你，在梦里\n:::\n",
    ":::: no-convert\n::: poem\n第一回 見你\n\n第二回 見你\n\n第三回 見你\n:::\n::::\n",
    "```text\n第一章 初到长安\n　　正文。\n第二章 风起\n第三章 归来\n```\n",
    "    第一章 初到长安\n    第二章 风起\n    第三章 归来\n"], ids=["poem", "nested", "fence", "indented code"])
def test_a_markdown_blocks_lines_are_no_chapter_lines(tmp_path, caplog, block):
    """A poem's verse 第一回 见你 … drew "it holds 3 chapter lines … split it into a file per chapter";
    so did a code block showing how a novel's file is laid out."""
    paiban.build(make_book(tmp_path / "b", {"a.md": f"# 三回\n\n{block}\n正文。\n"}), formats=["epub"],
                 output=tmp_path / "out")
    assert not [r for r in caplog.records if "chapter lines" in r.getMessage()]


@pytest.mark.parametrize(("titles", "skipped", "repeated"), [
    (["第一章 甲", "第二章 乙", "第二章 乙", "第四章 丁", "第七章 戊"], ["第三章", "第五章", "第六章"], ["第二章"]),
    (["第1章", "第2章", "第4章"], ["第3章"], []),
    (["楔子", "第一章", "第二章", "番外一", "第三章"], [], []),  # unnumbered chapters between are no gap
    (["第一章", "第二章", "第一章", "第二章"], [], []),  # each volume counting from one
    (["第一章", "第二章", "第一百一十章"], [], []),  # a typo's jump, no chapters missing
    (["第二章 雨", "第三章 归途（上）", "第三章 归途（下）", "第四章 家"], [], []),  # a chapter posted in halves
])
def test_a_novels_chapter_numbers_skipped_or_repeated_are_found(titles, skipped, repeated):
    """A chapter lost in a serial's download, or posted twice, went unseen at import."""
    novel = Novel(title=None, author=None, blurb=[], volumes=[Volume(None, [Chapter(title) for title in titles])])
    assert numbering(novel) == Numbering(skipped=skipped, repeated=repeated)


def test_a_hard_wrapped_novel_is_imported_with_its_paragraphs_rejoined(tmp_path):
    """Each printed line was a paragraph of its own; a chapter line under a full line stays a chapter's."""
    text = ("山居雜記\n作者：沈默齋\n\n"
            + "".join(f"第{n}章　入山\n　　余自民國二十六年移居西山，迄今已逾十載。山中\n"
                      "歲月，無甚可記，惟四時景物之變遷，與夫鄰里往來之\n"
                      "瑣事，積久成帙，爰名之曰山居雜記，聊以自娛而已。\n" for n in "一二三"))
    (tmp_path / "書.txt").write_text(text, encoding="utf-8")
    assert run("import", str(tmp_path / "書.txt"), "-o", str(tmp_path / "book")).returncode == 0
    chapters = sorted((tmp_path / "book" / "正文").glob("*.md"))
    assert len(chapters) == 3
    assert chapters[0].read_text(encoding="utf-8").endswith(
        "\n\n余自民國二十六年移居西山，迄今已逾十載。山中歲月，無甚可記，惟四時景物之變遷，"
        "與夫鄰里往來之瑣事，積久成帙，爰名之曰山居雜記，聊以自娛而已。\n")


def test_a_novels_sections_under_its_chapters_are_their_subheadings_and_its_chapters_numbers_are_checked(tmp_path):
    """Each 章 over 節 lines was an empty chapter, each 節 one of its own, and the 章's numbers, compared
    with the 節's before them, were never found skipped or repeated."""
    text = ("山居雜記\n\n第一章　緒論\n第一節　山居之始\n余自民國二十六年移居西山。\n第二節　讀書\n山中無事。\n"
            "第一章　四時\n第一節　春\n春日山花爛熳。\n第四章　鄰里\n第一節　老者\n余嘗隨村中老者入山。\n")
    (tmp_path / "書.txt").write_text(text, encoding="utf-8")
    result = run("import", str(tmp_path / "書.txt"), "-o", str(tmp_path / "book"))
    assert "numbers skipped: 第二章、第三章; numbered twice: 第一章" in " ".join(result.stdout.split())
    assert [line.split("\t")[1:3] for line in result.stdout.splitlines()[2:]] == [
        ["第一章　緒論", "2"], ["第一章　四時", "1"], ["第四章　鄰里", "1"]]
    assert (tmp_path / "book" / "正文" / "01-第一章-緒論.md").read_text(encoding="utf-8").endswith(
        "## 第一節　山居之始\n\n余自民國二十六年移居西山。\n\n## 第二節　讀書\n\n山中無事。\n")


@pytest.mark.parametrize("dry_run", [False, True])
def test_the_import_report_in_a_log_has_each_chapters_title_and_counts_on_a_line(tmp_path, dry_run):
    """Written to a file or a pipe, the report was a table 80 columns wide: the long file names
    took it all, and the titles, paragraphs and characters to check were cut to nothing."""
    titles = ["第一章 少年在山城的最后一个清晨醒来", "第二章 渡口边那位不肯说出姓名的白衣剑客",
              "第三章 落雨的客栈里掌柜讲起了三十年前的旧案"]
    text = "长夜\n\n" + "".join(f"{title}\n　　他醒了。\n　　雨停了。\n" for title in titles)
    (tmp_path / "长夜.txt").write_text(text, encoding="utf-8")
    dry = ["--dry-run"] if dry_run else []
    result = run("import", str(tmp_path / "长夜.txt"), "-o", str(tmp_path / "book"), *dry, columns=80)
    assert result.returncode == 0, result.stderr
    rows = [f"正文/0{n}-{title.replace(' ', '-')}.md\t{title}\t2\t8" for n, title in enumerate(titles, 1)]
    assert result.stdout.splitlines()[1:] == ["article\ttitle\tparagraphs\tcharacters", *rows]


def test_the_import_report_on_a_narrow_terminal_folds_the_file_names_and_keeps_every_column(tmp_path):
    """A file name kept on one line took all of an 80-column terminal: the titles and counts were empty."""
    text = "长夜\n\n第一卷 山城旧事\n" + "".join(f"第{n}章 落雨的客栈里掌柜讲起了三十年前的旧案\n　　他醒了。\n"
                                               for n in "一二三")
    (tmp_path / "长夜.txt").write_text(text, encoding="utf-8")
    result = subprocess.run([*PAIBAN, "import", str(tmp_path / "长夜.txt"), "-o", str(tmp_path / "b"), "--dry-run"],
                            capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "80", "TTY_COMPATIBLE": "1", "NO_COLOR": "1"})
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in result.stdout.splitlines()
            if line.startswith("│")]
    assert [row[2:] for row in rows if row[2]] == [["1", "4"]] * 3
    assert "01-第一卷-山城旧事/01-第一章-落雨的客栈里掌柜讲起了三十年前的旧案.md" in "".join(row[0] for row in rows)


def test_the_import_report_names_the_chapter_numbers_skipped_and_repeated(tmp_path):
    titles = ["第一章 甲", "第二章 乙", "第二章 乙", "第四章 丁"]
    text = "书\n作者：某乙\n\n" + "".join(f"{title}\n\n　　正文。\n\n" for title in titles)
    (tmp_path / "书.txt").write_text(text, encoding="utf-8")
    report = run("import", str(tmp_path / "书.txt"), "-o", str(tmp_path / "book"), "--dry-run").stdout
    assert "numbers skipped: 第三章; numbered twice: 第二章" in report
