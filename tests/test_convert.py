"""Converted editions: everything the reader sees is converted, markup and code never; phrases,
no-convert spans, quote styles and spacing as the edition says; each body converted once."""

import re
import zipfile

import pytest

import paiban
from paiban.assemble import assemble
from paiban.config import load_config
from paiban.convert import Converter, convert_body, converter, make_edition
from paiban.edition import editions_for

from conftest import PNG, SEED, epub_text, epubcheck_messages, make_book, outline, pdf_fonts
from paiban.xhtml import text_of

ARTICLE = """\
    ---
    title: 计算机软件
    author: 张三丰
    column: 信息时代
    ---

    这里的头发和软件。<https://example.org/头发> `软件 = 1`

    ![图里的软件](p.png "软件")

    他说：“她说‘好’。”[原文里的软件]{.no-convert}

    ::: no-convert
    整段的软件
    :::
    """


@pytest.fixture
def loaded(tmp_path):
    make_book(tmp_path, {"01-软件/a.md": ARTICLE, "01-软件/p.png": PNG},
              '[book]\ntitle = "软件的历史"\nauthors = ["李发"]\ndescription = "关于软件"\n')
    return load_config(tmp_path)


@pytest.fixture
def book(loaded):
    return assemble(loaded)


def edition(loaded, convert=None, **names):
    return editions_for(loaded.config, convert=convert, **names)[0]


@pytest.mark.parametrize(("config", "text", "expected"), [
    ("s2t", "头发里面的软件", "頭髮裏面的軟件"),
    ("s2tw", "头发里面的软件", "頭髮裡面的軟件"),
    ("s2twp", "头发里面的软件和内存", "頭髮裡面的軟體和記憶體"),
    ("s2hk", "头发里面的软件", "頭髮裏面的軟件"),
    ("t2s", "頭髮裏面的軟件", "头发里面的软件"),
    ("tw2s", "頭髮裡面", "头发里面"),
    ("hk2s", "頭髮裏面", "头发里面"),
])
def test_known_pairs_for_each_config(config, text, expected):
    assert Converter((config,))(text) == expected


def test_a_url_written_in_the_text_is_kept_with_the_chinese_inside_it():
    """A bare URL was kept to its first Chinese character: the rest was converted (頭髮), and its
    ? made full width, so the printed address led nowhere. Chinese at its end is the sentence going
    on, as Chinese is written right after a URL: converted."""
    text = "见https://example.cn/搜索?q=头发&page=2，请访问https://example.com/了解更多，点击https://a.cn/b后面"
    assert Converter(("s2tw",))(text) == ("見https://example.cn/搜索?q=头发&page=2，請訪問https://example.com/瞭解更多，"
                                           "點擊https://a.cn/b後面")


def test_a_url_with_chinese_parts_in_a_row_is_kept_whole():
    """http://qingshi-example.cn/景点/青石桥?id=12 ended at cn/: a Taiwan edition printed 景點/青石橋？id=12."""
    text = "网址 http://qingshi-example.cn/景点/青石桥?id=12 详见。"
    assert Converter(("s2tw",))(text) == "網址 http://qingshi-example.cn/景点/青石桥?id=12 詳見。"


def test_everything_the_reader_sees_is_converted(loaded, book):
    tw = make_edition(book, edition(loaded, "s2twp"))
    article = tw.articles[0]
    assert tw.meta.title == "軟體的歷史" and tw.meta.language == "zh-Hant-TW"
    assert tw.meta.authors == ("李發",) and tw.meta.description == "關於軟體"
    assert tw.chapters[0].title == "軟體"
    assert (article.title, article.author, article.column) == ("計算機軟體", "張三丰", "資訊時代")
    assert "這裡的頭髮和軟體" in article.body
    assert 'alt="圖裡的軟體"' in article.body and 'title="軟體"' in article.body
    assert tw.labels["contents"] == "目錄"


def test_markup_urls_code_and_file_names_are_never_converted(loaded, book):
    article = make_edition(book, edition(loaded, "s2twp")).articles[0]
    assert 'href="https://example.org/%E5%A4%B4%E5%8F%91"' in article.body
    assert ">https://example.org/头发</a>" in article.body
    assert "<code>软件 = 1</code>" in article.body
    assert 'src="01-软件/p.png"' in article.body
    assert article.source == book.articles[0].source and article.id == book.articles[0].id


def test_no_convert_spans_and_blocks_stay_in_the_source_script_and_say_so(loaded, book):
    body = make_edition(book, edition(loaded, "s2tw")).articles[0].body
    assert '<span class="no-convert" lang="zh-Hans">原文里的软件</span>' in body
    assert '<div class="no-convert" lang="zh-Hans">' in body and "整段的软件" in body


def test_a_block_with_an_attribute_list_is_a_block_in_its_own_language(tmp_path):
    """``::: {.no-convert lang=zh-HK}`` (Pandoc's fenced division) was printed as a paragraph of
    text, colons and braces and all, and its Traditional converted; only a bare ``::: no-convert``
    was a block. The list gives the block its classes, language and id."""
    make_book(tmp_path, {"a.md": "# 甲\n\n::: {.no-convert lang=zh-HK #q}\n戶口的軟件\n:::\n\n"
                                 "::: poem {lang=zh-Hans}\n软件一行\n二行\n:::\n"})
    loaded = load_config(tmp_path)
    body = make_edition(assemble(loaded), edition(loaded, "s2tw")).articles[0].body
    assert '<div lang="zh-HK" id="a1-q" class="no-convert">\n<p>戶口的軟件</p>' in body
    assert '<div class="poem">\n<p>軟件一行<br/>\n二行</p>' in body and ":::" not in body  # converted: untagged


@pytest.mark.parametrize(("convert", "kept"), [
    ("s2twp", "學校，"),  # the book's own text is converted, and quoted as the edition quotes
    (None, "学校，"),
])
def test_text_tagged_with_another_language_is_kept_as_written(tmp_path, convert, kept):
    """OpenCC converted a span tagged ja (学校の国語 printed 學校の國語, Japanese no longer) and the
    edition's quotes replaced its 「」: a lang says what the text is in. Another language, or Chinese
    of another region (zh-Hant in a zh-Hans book), stays as written, as no-convert text does; a tag
    of the book's own region (zh-CN) is the book's text, converted with it. The title's span lost its
    lang and was converted with the title."""
    make_book(tmp_path, {"a.md": "# 国语[国語]{lang=ja}\n\n学校，[学校の「国語」と発表]{lang=ja}"
                                 "[「學校」后]{lang=zh-Hant}[学校]{lang=zh-CN}[学校]{lang=en}\n"})
    loaded = load_config(tmp_path)
    article = make_edition(assemble(loaded), edition(loaded, convert)).articles[0]
    body = article.body
    assert article.title_markup == f'{"國語" if convert else "国语"}<span lang="ja">国語</span>'  # the title too
    assert f"<p>{kept}" in body
    assert '<span lang="ja">学校の「国語」と発表</span><span lang="zh-Hant">「學校」后</span>' in body
    own = "<span>" if convert else '<span lang="zh-CN">'  # converted, its tag goes with it
    assert f'{own}{kept[:2]}</span><span lang="en">学校</span>' in body


@pytest.mark.parametrize(("convert", "around"), [("s2tw", ("譯叢", "專號")), (None, ("译丛", "专号"))])
def test_a_phrase_of_the_books_title_or_names_tagged_with_another_language_is_kept_as_written(tmp_path, convert,
                                                                                              around):
    """The title, subtitle and names were converted whole: 『国境の南』 tagged ja was 國境の南 in the
    Taiwan edition, and its 『』 ‘’ in the source one, and no longer found in the title it lost its tag
    (the title page, the OPF, the PDF's Title; the contents and the heading of the chapter of the
    loose articles, named after the book). The text around it is converted and quoted as ever."""
    make_book(tmp_path, {"a.md": "# 一\n\n正文。\n"}, '[book]\ntitle = "译丛[『国境の南』]{lang=ja}“专号”"\n'
                                                     'subtitle = "[学校の国語]{lang=ja}"\n'
                                                     'authors = ["[国枝学]{lang=ja}", "[林学]{lang=zh-CN}"]\n')
    loaded = load_config(tmp_path)
    book = make_edition(assemble(loaded), edition(loaded, convert))
    meta = book.meta
    first, last = around
    quoted = "「" + last + "」" if convert else "“" + last + "”"
    assert meta.title == f"{first}『国境の南』{quoted}"
    assert book.chapters[0].title_markup == f'{first}<span lang="ja">『国境の南』</span>{quoted}'
    assert meta.runs(meta.title) == [(first, None), ("『国境の南』", "ja"), (quoted, None)]
    assert (meta.subtitle, meta.language_of(meta.subtitle)) == ("学校の国語", "ja")
    assert meta.authors == ("国枝学", "林學" if convert else "林学")  # the book's own region: converted


@pytest.mark.parametrize("convert", ["s2tw", "s2twp"])
def test_a_title_or_a_name_opening_or_ending_with_a_tagged_phrase_keeps_it_in_a_converting_edition(tmp_path,
                                                                                                   convert):
    """[ノルウェイの森]{lang=ja}导读 was printed 導讀导读 in a Taiwan edition (the title page, the OPF,
    the nav), [村上]{lang=ja}研究会 研究會研究会: a phrase kept as written that opened the value, or
    ended it, or stood next to another, put every converted run after it one place out."""
    make_book(tmp_path, {"a.md": "# 一\n\n正文。\n"}, '[book]\ntitle = "[ノルウェイの森]{lang=ja}导读"\n'
                                                     'subtitle = "读[森]{lang=ja}"\n'
                                                     'authors = ["[村上]{lang=ja}[春树]{lang=ja}研究会"]\n')
    loaded = load_config(tmp_path)
    meta = make_edition(assemble(loaded), edition(loaded, convert)).meta
    assert (meta.title, meta.subtitle, meta.authors) == ("ノルウェイの森導讀", "讀森", ("村上春树研究會",))


@pytest.mark.parametrize("fixed", [{0}, {2}, {0, 1}, {1, 2}, {0, 2}, {0, 1, 2}])
def test_texts_converted_across_are_as_many_wherever_the_fixed_ones_are(fixed):
    """Each text converted but the fixed ones, which stay as written, wherever they stand."""
    texts = ["头发", "国境", "软件"]
    expected = [text if index in fixed else converter("s2tw")(text) for index, text in enumerate(texts)]
    assert converter("s2tw").across(texts, fixed) == expected


def test_text_tagged_with_the_books_own_script_loses_its_tag_with_its_script(tmp_path):
    """關雎 tagged zh-Hant or zh-TW in a zh-Hant-TW book was converted by t2s but kept its tag, so
    the Simplified 关雎 was drawn with Taiwan's glyph forms. Hong Kong's text stays as written, tagged."""
    book = make_book(tmp_path / "b", {"01.md": "# 詩\n\n甲[關雎]{lang=zh-Hant}乙，丙[關雎]{lang=zh-TW}丁，"
                                               "戊[關雎]{lang=zh-HK}己。\n"},
                     '[book]\ntitle = "詩"\nauthors = ["編者"]\nlanguage = "zh-Hant-TW"\n'
                     '[[editions]]\nname = "cn"\nconvert = "t2s"\n')
    [output] = paiban.build(book, formats=["epub"], output=tmp_path / "out")
    text = epub_text(output.path)
    assert 'lang="zh-Hans" xml:lang="zh-Hans">' in text  # the document's language
    assert '<p>甲<span>关雎</span>乙，丙<span>关雎</span>丁，戊<span lang="zh-HK">關雎</span>己。</p>' in text


def test_no_convert_article_stays_whole(tmp_path):
    make_book(tmp_path, {"a.md": "---\ntitle: 软件\nno-convert: true\n---\n头发\n", "b.md": "# 软件\n头发\n"})
    loaded = load_config(tmp_path)
    first, second = make_edition(assemble(loaded), edition(loaded, "s2tw")).articles
    assert (first.title, text_of(first.body).strip(), first.lang) == ("软件", "头发", "zh-Hans")
    assert (second.title, text_of(second.body).strip(), second.lang) == ("軟件", "頭髮", None)


def test_an_articles_subtitle_is_converted_as_its_title_is(tmp_path):
    """A no-convert article's subtitle stays as written, as its title does."""
    make_book(tmp_path, {"a.txt": "软件的历史\n——记一位头发花白的写软件的人\n\n正文。\n",
                         "b.md": "---\ntitle: 软件\nsubtitle: ——记头发\nno-convert: true\n---\n正文\n"})
    loaded = load_config(tmp_path)
    first, second = make_edition(assemble(loaded), edition(loaded, "s2twp")).articles
    assert (first.title, first.subtitle) == ("軟體的歷史", "——記一位頭髮花白的寫軟體的人")
    assert (second.title, second.subtitle) == ("软件", "——记头发")


def test_a_chapter_book_toml_marks_no_convert_keeps_its_articles_of_any_format_whole(tmp_path):
    """A .docx (or a .txt) had no way at all to stay unconverted: no front matter, no spans."""
    from docx import Document

    make_book(tmp_path, {"kept/b.txt": "软件\n\n头发\n", "conv/c.md": "# 软件\n头发\n"}, toml="""
        [book]
        title = "书"
        [[parts]]
        title = "上编"
        [[parts.chapters]]
        title = "旧稿"
        articles = ["kept/*"]
        no-convert = true
        [[parts.chapters]]
        title = "新稿"
        articles = ["conv/*"]
        """)
    document = Document()
    document.add_heading("软件", level=0)
    document.add_paragraph("头发")
    document.save(tmp_path / "kept" / "a.docx")
    loaded = load_config(tmp_path)
    articles = make_edition(assemble(loaded), edition(loaded, "s2tw")).articles
    assert [(a.title, text_of(a.body).strip(), a.lang) for a in articles] == [
        ("软件", "头发", "zh-Hans"), ("软件", "头发", "zh-Hans"), ("軟件", "頭髮", None)]


MEMOIR = "他說骨頭很直，這裡的里長姓余。\n"  # Traditional, written in Taiwan


@pytest.mark.parametrize(("language", "convert", "written", "expected"), [
    ("zh-Hans", "s2tw", MEMOIR, "zh-Hant-TW"),
    ("zh-Hans", "s2hk", MEMOIR, "zh-Hant-HK"),
    ("zh-Hans", "s2tw", "他说骨头很直。\n", "zh-Hans"),
    ("zh-Hant-TW", "t2s", MEMOIR, "zh-Hant-TW"),
    ("zh-Hant-TW", "t2hk", "他说骨头很直。\n", "zh-Hans"),
    ("zh-Hans", "s2tw", "一二三\n", "zh-Hans"),  # no character of one script alone: the book's
])
def test_an_article_kept_as_written_is_in_the_language_of_its_script(tmp_path, language, convert, written, expected):
    """A Traditional memoir kept in a Simplified book's Taiwan edition was tagged zh-Hans, the
    book's language, whatever it is written in: drawn with mainland glyphs and marks."""
    make_book(tmp_path, {"kept/01.txt": written},
              f'[book]\ntitle = "书"\nlanguage = "{language}"\n'
              '[[chapters]]\ntitle = "旧稿"\narticles = ["kept/*"]\nno-convert = true\n')
    loaded = load_config(tmp_path)
    [article] = make_edition(assemble(loaded), edition(loaded, convert)).articles
    assert article.lang == expected


def test_a_traditional_article_kept_as_written_prints_in_the_taiwan_editions_glyphs(tmp_path):
    """In a Simplified book's Taiwan edition a kept Traditional article, a chapter's .txt or a
    Markdown article's front matter, was set zh-Hans: in Noto CJK SC, its marks halved (.halt)."""
    book = make_book(tmp_path / "b", {"kept/01.txt": f"回憶錄\n\n{MEMOIR}",
                                      "mine/02.md": f"---\nno-convert: true\n---\n# 舊文\n\n{MEMOIR}"}, """
        [book]
        title = "文集"
        [[chapters]]
        title = "回忆录"
        articles = ["kept/*"]
        no-convert = true
        [[chapters]]
        title = "旧文"
        articles = ["mine/*"]
        [[editions]]
        name = "tw"
        convert = "s2tw"
        """)
    outputs = {output.format: output.path for output in paiban.build(book, formats=["epub", "pdf"],
                                                                         output=tmp_path / "out")}
    xhtml = epub_text(outputs["epub"])
    assert re.findall(r'<article class="article" id="a\d" lang="([^"]+)">', xhtml) == ["zh-Hant-TW"] * 2
    assert not [font["name"] for font in pdf_fonts(outputs["pdf"]) if "CJK-SC" in font["name"]]
    assert epubcheck_messages(outputs["epub"]) == []


@pytest.mark.parametrize("convert", ["s2tw", None])
def test_a_chapter_in_another_language_is_tagged_so_and_kept_as_written(tmp_path, convert):
    """A Japanese .txt could be kept as written (no-convert = true) but only tagged Chinese, set in the
    Chinese fonts: book.toml had no way to say it was Japanese. Its chapter's language tags it (in
    BCP 47's case, as fonts.css matches it), and keeps it as written, as text tagged ja is."""
    make_book(tmp_path, {"jp/01.txt": "雪の朝\n\n国境の長いトンネルを抜けると雪国であった。\n"},
              '[book]\ntitle = "书"\n[[chapters]]\ntitle = "原文"\narticles = ["jp/*"]\nlanguage = "JA"\n')
    loaded = load_config(tmp_path)
    [article] = make_edition(assemble(loaded), edition(loaded, convert)).articles
    assert (article.lang, article.title, text_of(article.body).strip()) == (
        "ja", "雪の朝", "国境の長いトンネルを抜けると雪国であった。")


@pytest.mark.parametrize(("kept", "printed"), [('language = "ja"', '第一章　<span lang="ja">国境の雪</span>'),
                                               ("no-convert = true", None)])
def test_a_chapter_printing_its_kept_articles_title_keeps_it_as_written(tmp_path, kept, printed):
    """A chapter of one article of its own title prints that title in the article's place, and the
    Taiwan edition converted it (國境の雪) while the article was kept as written; in Japanese it is
    tagged so, as its article is (its number is the book's)."""
    make_book(tmp_path, {"jp/国境の雪.txt": "国境の雪\n\n国境の長いトンネルを抜けると雪国であった。\n"},
              f'[book]\ntitle = "书"\n[[chapters]]\ntitle = "第一章 国境の雪"\narticles = ["jp/*"]\n{kept}\n')
    loaded = load_config(tmp_path)
    [chapter] = make_edition(assemble(loaded), edition(loaded, "s2tw")).chapters
    assert (chapter.title, chapter.title_markup) == ("第一章　国境の雪", printed)


# A title whose no-convert part must come through the Hong Kong edition as written (and the
# same span in a section heading and the text, which always did).
KEPT_IN_TITLE = "# 标题里的[后台]{.no-convert}\n\n## 小节[后台]{.no-convert}\n\n正文[后台]{.no-convert}。\n"
KEPT_HEADING = '標題裏的<span class="no-convert" lang="zh-Hans">后台</span>'


def test_a_no_convert_span_in_a_title_stays_as_written_wherever_the_title_is_printed(tmp_path):
    """Article heading (with the source's language), contents, nav, NCX, PDF bookmarks and the
    HTML preview; a chapter holding one article of its own title prints the article's; a title
    with nothing marked is converted whole."""
    book = make_book(tmp_path / "b", {
        "01-原文/a.md": KEPT_IN_TITLE, "01-原文/b.md": "# 软件\n\n正文。\n",
        "02-标题里的后台/c.md": "# 标题里的[后台]{.no-convert}\n\n正文。\n",
    }, '[book]\ntitle = "原文"\nauthors = ["测试"]\n[[editions]]\nname = "hk"\nconvert = "s2hk"\n')
    outputs = {output.format: output.path for output in
               paiban.build(book, formats=["epub", "pdf", "html"], output=tmp_path / "out")}
    xhtml = re.sub(r'<span epub:type="pagebreak"[^>]*/>', "", epub_text(outputs["epub"]))  # page-list anchors
    assert f'<h2 class="article-title">{KEPT_HEADING}</h2>' in xhtml
    assert f'<span class="chapter-name">{KEPT_HEADING}</span>' in xhtml
    assert f'<a href="c1.xhtml#a1">{KEPT_HEADING}</a>' in xhtml  # the contents page
    assert '<h2 class="article-title">軟件</h2>' in xhtml
    assert '小節<span class="no-convert" lang="zh-Hans">后台</span>' in xhtml
    with zipfile.ZipFile(outputs["epub"]) as epub:
        for name in ("EPUB/nav.xhtml", "EPUB/toc.ncx"):
            listed = re.sub(r"<span[^>]*>|</span>", "", epub.read(name).decode("utf-8"))  # the nav keeps its markup
            assert listed.count("標題裏的后台") == 2 and "後台" not in listed and "軟件" in listed, name
    bookmarks = [title for _, title, _ in outline(outputs["pdf"])]
    assert bookmarks.count("標題裏的后台") == 2 and "軟件" in bookmarks and "標題裏的後台" not in bookmarks
    assert f'<h2 class="article-title">{KEPT_HEADING}</h2>' in outputs["html"].read_text(encoding="utf-8")
    assert epubcheck_messages(outputs["epub"]) == []


def test_emphasis_in_a_title_is_printed_in_its_heading_and_listed_plain(tmp_path):
    """``# 重读*呐喊*`` printed 重读呐喊: the heading's emphasis was dropped with the rest of its
    markup. The heading (a chapter's that prints its one article's too) now keeps it, converted,
    a Latin one italic (em.latin) as in the text; the contents, nav, NCX and bookmarks list the
    title's text; a link in a title keeps its text only."""
    book = make_book(tmp_path / "b", {
        "01-读/a.md": "# 重读*呐喊*与**彷徨**\n\n正文。\n",
        "01-读/b.md": "# 论<em>Hamlet</em>的[译本](https://example.com/)\n\n正文。\n",
        "02-呐喊/c.md": "# *呐喊*\n\n正文。\n",
    }, '[book]\ntitle = "书"\n[[editions]]\nname = "hk"\nconvert = "s2hk"\n')
    outputs = {output.format: output.path for output in
               paiban.build(book, formats=["epub", "pdf"], output=tmp_path / "out", editions=["hk"])}
    xhtml = re.sub(r'<span epub:type="pagebreak"[^>]*/>', "", epub_text(outputs["epub"]))
    assert '<h2 class="article-title">重讀<em>吶喊</em>與<strong>彷徨</strong></h2>' in xhtml
    assert '<h2 class="article-title">論<em class="latin">Hamlet</em>的譯本</h2>' in xhtml
    assert '<span class="chapter-name"><em>吶喊</em></span>' in xhtml
    assert '<a href="c1.xhtml#a1">重讀吶喊與彷徨</a>' in xhtml and "example.com" not in xhtml  # the contents
    with zipfile.ZipFile(outputs["epub"]) as epub:
        for name in ("EPUB/nav.xhtml", "EPUB/toc.ncx"):
            listed = epub.read(name).decode("utf-8")
            assert "重讀吶喊與彷徨" in listed and "論Hamlet的譯本" in listed and "<em" not in listed, name
    bookmarks = [title for _, title, _ in outline(outputs["pdf"])]
    assert {"重讀吶喊與彷徨", "論Hamlet的譯本", "吶喊"} <= set(bookmarks)
    assert any("Italic" in font["name"] for font in pdf_fonts(outputs["pdf"]))  # Hamlet, in the heading
    assert epubcheck_messages(outputs["epub"]) == []


def test_code_in_a_title_is_set_as_code_and_never_converted_wherever_the_title_is_printed(tmp_path):
    """``# 配置`软件包`目录`` printed 配置軟體包目錄 in a Taiwan edition, its code converted in the
    heading, contents, nav, NCX and bookmarks, and set as text in every edition's heading; the
    same code in a section heading was kept. The heading sets it as code, and every listing keeps
    its text as written."""
    book = make_book(tmp_path / "b", {"a.md": "# 配置`软件包`目录\n\n正文。\n"},
                     '[book]\ntitle = "书"\n[[editions]]\nname = "tw"\nconvert = "s2twp"\n')
    outputs = {output.format: output.path for output in
               paiban.build(book, formats=["epub", "pdf"], output=tmp_path / "out")}
    xhtml = re.sub(r'<span epub:type="pagebreak"[^>]*/>', "", epub_text(outputs["epub"]))
    assert '<h2 class="article-title">配置<code>软件包</code>目錄</h2>' in xhtml
    assert '<a href="c1.xhtml#a1">配置软件包目錄</a>' in xhtml  # the contents
    with zipfile.ZipFile(outputs["epub"]) as epub:
        for name in ("EPUB/nav.xhtml", "EPUB/toc.ncx"):
            listed = epub.read(name).decode("utf-8")
            assert "配置软件包目錄" in listed and "軟體" not in listed and "<code" not in listed, name
    assert "配置软件包目錄" in [title for _, title, _ in outline(outputs["pdf"])]
    assert any("Mono" in font["name"] for font in pdf_fonts(outputs["pdf"]))  # the heading's code
    assert epubcheck_messages(outputs["epub"]) == []


@pytest.mark.parametrize(("convert", "expected"), [
    (None, ["他说“用 git commit 提交”。", "他说“用粗体提交”。"]),
    ("s2twp", ["他說「用 git commit 提交」。", "他說「用粗體提交」。"]),
])
def test_straight_quotes_around_inline_markup_take_the_editions_style(tmp_path, convert, expected):
    """他说"用 `git commit` 提交"。 and 他说"用**粗体**提交"。 kept the straight quotes as typed in
    every edition, and a corner one printed no 「」: each text between the markup was mended alone.
    The code stays as written; a title's quotation is curled too."""
    make_book(tmp_path, {"a.md": '# 他说"用**粗体**提交"\n\n他说"用 `git commit` 提交"。\n\n他说"用**粗体**提交"。\n'},
              '[book]\ntitle = "书"\n')
    loaded = load_config(tmp_path)
    article = make_edition(assemble(loaded), edition(loaded, convert)).articles[0]
    assert [text_of(p) for p in re.findall(r"<p>.*?</p>", article.body, re.S)] == expected
    assert "<code>git commit</code>" in article.body
    assert article.title == expected[1][:-1]


def test_subjects_one_in_the_editions_script_are_listed_once(tmp_path):
    """subjects = ["历史", "歷史"] listed 歷史 twice in the Taiwan edition's OPF."""
    make_book(tmp_path, {"a.md": "# 甲\n\n文。\n"}, '[book]\ntitle = "书"\nsubjects = ["历史", "歷史", "文学"]\n')
    loaded = load_config(tmp_path)
    assert make_edition(assemble(loaded), edition(loaded, "s2tw")).meta.subjects == ("歷史", "文學")


def test_an_html_headline_keeps_its_no_convert_span(tmp_path):
    make_book(tmp_path, {"a.html": '<h1>标题里的<span class="no-convert">后台</span></h1><p>正文。</p>'})
    loaded = load_config(tmp_path)
    [article] = make_edition(assemble(loaded), edition(loaded, "s2hk")).articles
    assert (article.title, article.title_markup) == ("標題裏的后台", KEPT_HEADING)


def test_a_numbered_chapter_of_one_article_keeps_its_titles_no_convert_part(tmp_path):
    """The number the chapter's title writes is its label; the rest is the article's title."""
    make_book(tmp_path, {"a.md": "# 标题里的[后台]{.no-convert}\n\n正文。\n"},
              '[book]\ntitle = "书"\nchapter-numbers = true\n'
              '[[chapters]]\ntitle = "第三章　标题里的后台"\narticles = ["a.md"]\n')
    loaded = load_config(tmp_path)
    [chapter] = make_edition(assemble(loaded), edition(loaded, "s2hk")).chapters
    assert (chapter.label, chapter.title, chapter.title_markup) == ("第三章", "標題裏的后台", KEPT_HEADING)
    assert not chapter.articles[0].titled


def test_a_poem_is_converted_and_keeps_its_lines_and_indents(tmp_path):
    make_book(tmp_path, {"a.md": "# 诗\n\n::: poem\n头发白了,\n\u3000\u3000他说“回来”。\n\n\u3000\u3000软件\n:::\n"})
    loaded = load_config(tmp_path)
    body = make_edition(assemble(loaded), edition(loaded, "s2tw")).articles[0].body
    assert '<div class="poem">' in body
    assert "<p>頭髮白了，<br/>\n\u3000\u3000他說「回來」。</p>" in body and "<p>\u3000\u3000軟件</p>" in body


def test_taiwan_edition_quotes_with_corner_brackets_nesting_kept(loaded, book):
    body = make_edition(book, edition(loaded, "s2tw")).articles[0].body
    assert "他說：「她說『好』。」" in body


def test_source_edition_keeps_curly_quotes_and_text(loaded, book):
    same = make_edition(book, edition(loaded))
    assert [text_of(a.body) for a in same.articles] == [text_of(a.body) for a in book.articles]
    assert "他说：“她说‘好’。”" in same.articles[0].body


def test_phrase_override_fixes_opencc_for_this_book(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    plain = make_book(tmp_path / "plain", {"seed.txt": seed}, '[book]\ntitle = "书"\n')
    fixed = make_book(tmp_path / "fixed", {"seed.txt": seed},
                      '[book]\ntitle = "书"\n[phrases]\n"社区" = "社區"\n')
    results = {}
    for root in (plain, fixed):
        loaded = load_config(root)
        results[root.name] = text_of(make_edition(assemble(loaded), edition(loaded, "s2twp")).articles[0].body)
    assert "淮海社群" in results["plain"] and "淮海社區" not in results["plain"]
    assert "淮海社區" in results["fixed"] and "社群" not in results["fixed"]
    assert results["fixed"].count("社區") == SEED.read_text(encoding="utf-8").count("社区")


def test_longest_phrase_wins_and_edition_phrases_override_the_books():
    convert = Converter(("s2twp",), (("社区", "社區"), ("淮海社区", "淮海里")))
    assert convert("淮海社区和别的社区") == "淮海里和別的社區"


def test_edition_phrases_add_to_and_override_the_book_table(tmp_path):
    make_book(tmp_path, {"a.md": "# 题\n社区软件\n"}, """\
        [book]
        title = "书"
        [phrases]
        "社区" = "社區"
        "软件" = "軟件"
        [[editions]]
        name = "tw"
        convert = "s2twp"
        phrases = { "软件" = "軟體程式" }
        """)
    loaded = load_config(tmp_path)
    tw = edition(loaded, names=("tw",))
    assert dict(tw.phrases) == {"社区": "社區", "软件": "軟體程式"}
    assert "社區軟體程式" in make_edition(assemble(loaded), tw).articles[0].body


def _read(text: str, readings: str = "") -> str:
    """``text`` with a reading over each of its characters (``readings``: one word each), as a
    children's pinyin edition gives them: a ruby each."""
    return "".join(f"<ruby>{char}<rt>{reading}</rt></ruby>" for char, reading in zip(text, readings.split(),
                                                                                     strict=True))


def _base(body: str) -> str:
    """The text a body reads, its ruby's readings left out."""
    return text_of(re.sub(r"<(rt|rp)>.*?</\1>", "", body))


@pytest.mark.parametrize(("config", "ruby", "expected"), [
    ("s2tw", _read("白发", "bái fà") + "三千丈", "白髮三千丈"),
    ("s2tw", "白" + _read("发", "fà") + "三千丈，头" + _read("发", "fa"), "白髮三千丈，頭髮"),
    ("s2tw", "皇" + _read("后", "hòu") + "，" + _read("干戈", "gān gē"), "皇后，干戈"),
    ("s2t", "白<ruby>发<rp>（</rp><rt>fà</rt><rp>）</rp></ruby>", "白髮"),
    ("s2hk", "皇" + _read("后", "hòu") + "与头" + _read("发", "fà"), "皇后與頭髮"),
    ("s2twp", "头<em>发</em>和" + _read("软", "ruǎn") + "件", "頭髮和軟體"),
    ("t2s", _read("乾", "qián") + "隆皇帝", "乾隆皇帝"),
])
def test_a_word_is_converted_whole_across_ruby_and_in_line_markup(config, ruby, expected):
    """Each text between two tags was converted alone: a character with a reading lost the word
    it is part of, and the Traditional edition of a pinyin text printed 白發, 頭發, 皇後, 幹戈 (the
    plain 白发, 头发 give 白髮, 頭髮) with no warning, and a t2s edition 干隆. The base text reads
    through the ruby now, each character in its base under its own reading."""
    body = f"<p>{ruby}</p>"
    converted = convert_body(converter(config), body, "zh-Hant" if config == "t2s" else "zh-Hans")
    assert _base(converted) == expected == converter(config)(_base(body))
    assert re.findall(r"<rt>.*?</rt>", converted) == re.findall(r"<rt>.*?</rt>", body)
    assert converted.count("<ruby>") == body.count("<ruby>")


def test_a_phrase_is_matched_across_ruby_and_a_phrase_of_another_length_keeps_each_base_its_reading():
    """A book's ``[phrases]`` entry did not match across ruby either. Where the conversion of a
    word changes its length (s2twp's 内存 → 記憶體, a phrase of the book's), a reading parting it
    has no character of its own to stand over: that word's texts are converted apart, each base
    under its reading, and the rest of the paragraph whole."""
    same = converter("s2tw", (("白发", "白髮"), ("皇后", "皇后")))
    assert convert_body(same, f"<p>白{_read('发', 'fà')}，皇{_read('后', 'hòu')}</p>", "zh-Hans") == (
        f"<p>白{_read('髮', 'fà')}，皇{_read('后', 'hòu')}</p>")
    longer = converter("s2twp", (("白发", "满头白髮"),))
    body = f"<p>{_read('内存', 'nèi cún')}不足，内存很大，白{_read('发', 'fà')}，头{_read('发', 'fà')}</p>"
    assert convert_body(longer, body, "zh-Hans") == (
        f"<p>{_read('內存', 'nèi cún')}不足，記憶體很大，白{_read('發', 'fà')}，頭{_read('髮', 'fà')}</p>")


@pytest.mark.parametrize(("config", "body", "expected"), [
    ("s2twp", "<p>英伟达的<strong>内存</strong>价格涨了。</p>", "<p>輝達的<strong>記憶體</strong>價格漲了。</p>"),
    ("s2twp", '<p>她写<a href="https://example.com">博客</a>很多年，也爱吃方便面。</p>',
     '<p>她寫<a href="https://example.com">部落格</a>很多年，也愛吃泡麵。</p>'),
    ("s2twp", "<p>内存和<em>方便面</em>的价格</p>", "<p>記憶體和<em>泡麵</em>的價格</p>"),
    ("s2twp", f"<p>英伟达{_read('的', 'de')}内存</p>", f"<p>輝達{_read('的', 'de')}記憶體</p>"),
    ("tw2sp", "<p>他的<em>部落格</em>和<strong>記憶體</strong>，還有泡麵。</p>",
     "<p>他的<em>博客</em>和<strong>内存</strong>，还有方便面。</p>"),
])
def test_words_made_longer_and_shorter_across_markup_keep_the_markups_edges(config, body, expected):
    """A run converted to as many characters in all was cut character for character, though one
    word in it was made longer and another shorter (s2twp's 英伟达 → 輝達, 内存 → 記憶體): every
    edge after the first moved, 輝達的記<strong>憶體</strong>, a link lost a character, a reading
    stood over another word's character. Where the vocabulary changes length, markup is cut at
    the edges of its words."""
    assert convert_body(converter(config), body, "zh-Hant-TW" if config == "tw2sp" else "zh-Hans") == expected


def test_a_paragraph_with_a_reading_on_every_character_converts_its_words_whole_in_a_vocabulary_edition():
    """Cutting a run at its words recursed once per text: a pinyin paragraph of 360 characters
    with one word s2twp makes longer (内存) was an internal RecursionError; then, past 64 texts,
    each was converted alone, and a pinyin paragraph of s2twp printed 白發, 皇後, 晾幹, 頭發 (found
    by the regression looks). Each cut is judged within its clause, which no word crosses."""
    def pinyin(text: str) -> str:
        return "".join(_read(char, "x") if "\u4e00" <= char <= "\u9fff" else char for char in text)

    words = "白发三千丈，皇后晾干了头发，内存不足，面条很好吃。"
    converted = convert_body(converter("s2twp"), f"<p>{pinyin(words)}</p>", "zh-Hans")
    assert _base(converted) == "白髮三千丈，皇后晾乾了頭髮，內存不足，麵條很好吃。"
    assert converted.count("<ruby>") == sum("\u4e00" <= char <= "\u9fff" for char in words)
    long = convert_body(converter("s2twp"), "<p>" + _read("内", "nèi") + "存" + _read("头", "tóu") * 360 + "发</p>",
                        "zh-Hans")
    assert _base(long) == "內存" + "頭" * 359 + "頭髮"
    assert long.count("<ruby>") == 361


def test_readings_part_no_latin_word_from_the_text_beside_it(tmp_path):
    """A reading parted the base text for the Chinese–Latin spacing as it did for conversion:
    用<ruby>汉</ruby>Python had no space before Python, which 用汉Python has."""
    make_book(tmp_path, {"a.md": f"# 题\n\n用{_read('汉', 'hàn')}Python写\n"},
              '[book]\ntitle = "书"\n[text]\nspacing = "add"\n')
    loaded = load_config(tmp_path)
    body = make_edition(assemble(loaded), edition(loaded), loaded.config.text.spacing).articles[0].body
    assert _base(body).strip() == "用汉 Python 写"


def test_each_body_is_converted_once_however_often_it_is_asked_for(book):
    convert = Converter(("s2tw",))
    body = book.articles[0].body
    first = convert_body(convert, body, "zh-Hans")
    calls = convert.calls
    assert calls > 0
    assert convert_body(convert, body, "zh-Hans") == first
    assert convert.calls == calls


@pytest.mark.parametrize(("convert", "expected"), [
    ("t2hk", "這裏的裏長站在山峯的屋檐下看着我"),  # t2hk left Taiwan's 這裡的裡長, 峰, 簷 and 著
    ("t2s", "这里的里长站在山峰的屋檐下看着我"),  # t2s left 屋簷 and 看著: Traditional in a Simplified edition
])
def test_a_taiwan_book_is_taken_to_openccs_standard_before_a_t2_config(tmp_path, convert, expected):
    make_book(tmp_path, {"a.md": "# 題\n\n這裡的裡長站在山峰的屋簷下看著我。\n"},
              f'[book]\ntitle = "這裡"\nlanguage = "zh-Hant-TW"\n[[editions]]\nname = "x"\nconvert = "{convert}"\n')
    loaded = load_config(tmp_path)
    chosen = edition(loaded, names=("x",))
    made = make_edition(assemble(loaded), chosen)
    assert expected in text_of(made.articles[0].body) and made.meta.title == expected[:2]
    assert chosen.opencc == ("tw2t", convert) and edition(loaded, convert).opencc == ("tw2t", convert)


@pytest.mark.parametrize(("language", "convert", "text", "expected", "chain"), [
    ("zh-Hant-TW", "hk2s", "屋簷下，他看著山峰。", "屋檐下，他看着山峰。", ("tw2t", "hk2s")),  # hk2s left 簷 and 著
    ("zh-Hant-HK", "tw2sp", "衞星與軟件，這裏的山峯。", "卫星与软件，这里的山峰。", ("hk2t", "tw2sp")),  # tw2sp left 衞
    ("zh-Hant-HK", "tw2s", "衞星", "卫星", ("hk2t", "tw2s")),
    ("zh-Hant-TW", "tw2sp", "屋簷下的軟體", "屋檐下的软件", ("tw2sp",)),  # it reads Taiwan's standard itself
])
def test_a_book_is_taken_to_openccs_standard_before_a_config_that_reads_another_regions(
        tmp_path, language, convert, text, expected, chain):
    """An edition whose config reads another region's standard than the book's (an HK author's
    mainland edition with mainland phrasing: there is no hk2sp) left the book's own variants, Traditional
    characters in a Simplified edition."""
    make_book(tmp_path, {"a.md": f"# 題\n\n{text}\n"},
              f'[book]\ntitle = "題"\nlanguage = "{language}"\n[[editions]]\nname = "x"\nconvert = "{convert}"\n')
    loaded = load_config(tmp_path)
    chosen = edition(loaded, names=("x",))
    assert text_of(make_edition(assemble(loaded), chosen).articles[0].body).strip() == expected
    assert chosen.opencc == chain


@pytest.mark.parametrize(("convert", "expected"), [
    ("s2t", "葬\ufa10下村\uf929山，手植\uf9c9樹，存於內存。"),
    ("s2twp", "葬\ufa10下村\uf929山，手植\uf9c9樹，存於記憶體。"),  # a word of another length before them
])
def test_a_compatibility_ideograph_is_printed_as_written_in_a_converted_edition(tmp_path, convert, expected):
    """塚 U+FA10, 朗 U+F929 and 柳 U+F9C9, a 家谱 editor's glyphs (Noto CJK TC draws them otherwise than
    塚 U+585A, 朗 U+6717, 柳 U+67F3), were printed as the unified forms in every converted edition,
    with no word: OpenCC writes a compatibility ideograph as its unified form."""
    make_book(tmp_path, {"a.md": "# 题\n\n葬\ufa10下村\uf929山，手植\uf9c9树，存于内存。\n"},
              f'[book]\ntitle = "题"\n[[editions]]\nname = "x"\nconvert = "{convert}"\n')
    [output] = paiban.build(tmp_path, formats=["epub"])
    assert expected in epub_text(output.path)


def test_a_compatibility_ideograph_a_conversion_changes_is_converted():
    """漢 U+FA47 is Traditional: a Simplified edition prints 汉, as it does for 漢 U+6F22."""
    assert converter("t2s")("娶\ufa47阳陈氏，葬\ufa10下村\uf929山") == "娶汉阳陈氏，葬冢下村\uf929山"


def test_a_compatibility_ideograph_keeps_its_place_where_a_conversion_changes_the_texts_length():
    """Each clause of another length is lined up around its compatibility ideographs: lining the whole
    paragraph up with difflib took seconds for a long one of a 家谱's entries, which repeat one
    another, and could match a character the conversion dropped (出租车's 租, 計程車) with a later one,
    losing the glyph. Each entry of a long paragraph keeps its own 塚, U+FA10 or U+585A."""
    entries = ("族人皆至祖\ufa10祭扫，内存旧谱一册，软件无存。", "族人皆至祖塚祭扫，内存旧谱一册，软件无存。")
    printed = ("族人皆至祖\ufa10祭掃，記憶體舊譜一冊，軟體無存。", "族人皆至祖\u585a祭掃，記憶體舊譜一冊，軟體無存。")
    order = [0, 1, 1] * 40
    assert converter("s2twp")("".join(entries[index] for index in order)) == "".join(printed[index] for index in order)
    assert converter("s2twp")("坐出租车扫祖\ufa10内存出租") == "坐計程車掃祖\ufa10記憶體出租"


def test_converters_are_shared_per_config_and_phrases():
    assert converter("s2tw") is converter("s2tw") is converter(("s2tw",))
    assert converter("s2tw", (("a", "b"),)) is not converter("s2tw")


@pytest.mark.parametrize(("spacing", "expected"), [
    ("keep", "用paiban排 3 本书"), ("add", "用 paiban 排 3 本书"), ("remove", "用paiban排3本书")])
def test_spacing_between_chinese_and_latin_is_a_book_setting(tmp_path, spacing, expected):
    make_book(tmp_path, {"a.md": "# 题\n用paiban排 3 本书\n"},
              f'[book]\ntitle = "书"\n[text]\nspacing = "{spacing}"\n')
    loaded = load_config(tmp_path)
    book = make_edition(assemble(loaded), edition(loaded), loaded.config.text.spacing)
    assert expected in book.articles[0].body


def test_a_scraped_number_in_full_width_digits_keeps_its_thousands_separator(tmp_path):
    """A scraped text's ８,０７９.６亿港元 was printed ８，０７９.６, two numbers, in every format."""
    scraped = "港股通资金净流入创新高\n\n　　南向资金累计净流入８,０７９.６亿港元，恒生指数收报２０,０５９.９５点。\n"
    make_book(tmp_path, {"01-快讯.txt": scraped})
    loaded = load_config(tmp_path)
    body = make_edition(assemble(loaded), edition(loaded)).articles[0].body
    assert "累计净流入８,０７９.６亿港元，恒生指数收报２０,０５９.９５点。" in body


@pytest.mark.parametrize(("spacing", "written", "expected"), [
    ("add", "使用**Python**编写，输入`ls`命令，运行[Flask](https://x.org/)程序，用*Django*框架。",
     '<p>使用 <strong>Python</strong> 编写，输入 <code>ls</code> 命令，运行 <a href="https://x.org/">Flask</a> 程序，'
     '用 <em>Django</em> 框架。</p>'),
    ("remove", "运行 `echo` 命令，用 **ls** 列出，见 [Flask](https://x.org/) 文档。",
     '<p>运行<code>echo</code>命令，用<strong>ls</strong>列出，见<a href="https://x.org/">Flask</a>文档。</p>'),
    ("add", "注释[^1]在此，`用ls`命令。\n\n[^1]: 注。", "<p>注释<sup"),  # a note's call takes none
    ("add", "注释[^1]在此，`用ls`命令。\n\n[^1]: 注。", "，<code>用ls</code> 命令"),  # code none inside
])
def test_spacing_is_set_where_latin_text_starts_or_ends_an_inline_element(tmp_path, spacing, written, expected):
    """``spacing = "add"`` spaced 使用Python编写 but not 使用**Python**编写 beside it, nor code, a link
    or emphasis, and ``remove`` left 运行 `echo` 命令: one paragraph had two spacing styles. A space
    now goes outside the element; nothing goes inside code."""
    make_book(tmp_path, {"a.md": f"# 题\n\n{written}\n"}, f'[book]\ntitle = "书"\n[text]\nspacing = "{spacing}"\n')
    loaded = load_config(tmp_path)
    body = make_edition(assemble(loaded), edition(loaded), spacing).articles[0].body
    assert expected in body


# Text about quote styles, marked to print as written in every edition (the sample book's sentence).
AS_WRITTEN = """\
    # 引号与[「后台」]{.no-convert}

    台湾版用[「 」]{.no-convert}和『 』，大陆版用[“ ”]{.no-convert}。

    ::: no-convert
    他说：「你好。」
    :::

    他说：“[原话在此。”]{.no-convert}然后‘走’。

    [![「图」](p.png "‘题’")]{.no-convert}
    """


@pytest.mark.parametrize(("convert", "expected"), [
    (None, ["台湾版用「 」和‘ ’，大陆版用“ ”。", "他说：「你好。」", "他说：“原话在此。”然后‘走’。"]),
    ("s2tw", ["臺灣版用「 」和『 』，大陸版用“ ”。", "他说：「你好。」", "他說：“原话在此。”然後『走』。"]),
])
def test_no_convert_text_keeps_its_quotes_in_every_edition(tmp_path, convert, expected):
    """The edition's quote style passed over no-convert text, which stays as written; a quotation
    one of whose marks is in it keeps both (else one pair printed “…」)."""
    make_book(tmp_path, {"a.md": AS_WRITTEN, "p.png": PNG},
              '[book]\ntitle = "书"\n[[editions]]\nname = "cn"\n[[editions]]\nname = "tw"\nconvert = "s2tw"\n')
    loaded = load_config(tmp_path)
    made = make_edition(assemble(loaded), edition(loaded, convert))
    article = made.articles[0]
    paragraphs = [text_of(p) for p in re.findall(r"<p>.*?</p>", article.body, re.S)]
    assert paragraphs[:3] == expected
    assert article.title.endswith("「后台」") and article.title_markup.endswith("「后台」</span>")
    assert 'alt="「图」"' in article.body and 'title="‘题’"' in article.body


def test_no_convert_text_keeps_its_spacing_and_a_no_convert_article_its_quotes(tmp_path):
    make_book(tmp_path, {"a.md": "# 题\n用paiban排[用paiban排]{.no-convert}\n",
                         "b.md": "---\ntitle: 乙\nno-convert: true\n---\n他说：「好」用paiban\n"},
              '[book]\ntitle = "书"\n[text]\nspacing = "add"\n')
    loaded = load_config(tmp_path)
    first, second = make_edition(assemble(loaded), edition(loaded, "s2tw"), "add").articles
    assert "用 paiban 排" in first.body and '用paiban排</span>' in first.body
    assert "他说：「好」用paiban" in text_of(second.body)


TAIWAN_MARKS = """\
    # 喬治‧華盛頓傳

    喬治‧華盛頓與威廉．莎士比亞都是名人⋯⋯他停了一下──然後說：「是嗎？」

    他讀過《*紅樓夢*．第一回》，說到一半――[威廉．莎士比亞]{.no-convert}。`a‧b ⋯⋯` 1+2+⋯+n
    """


@pytest.mark.parametrize(("convert", "expected"), [
    ("tw2sp", ["乔治·华盛顿与威廉·莎士比亚都是名人……他停了一下——然后说：“是吗？”",
               "他读过《红楼梦·第一回》，说到一半——威廉．莎士比亞。a‧b ⋯⋯ 1+2+⋯+n"]),
    ("t2s", ["乔治·华盛顿与威廉·莎士比亚都是名人……他停了一下——然后说：“是吗？”",
             "他读过《红楼梦·第一回》，说到一半——威廉．莎士比亞。a‧b ⋯⋯ 1+2+⋯+n"]),
    (None, ["喬治‧華盛頓與威廉．莎士比亞都是名人⋯⋯他停了一下──然後說：「是嗎？」",
            "他讀過《紅樓夢．第一回》，說到一半――威廉．莎士比亞。a‧b ⋯⋯ 1+2+⋯+n"]),
])
def test_a_simplified_edition_of_a_taiwan_book_sets_the_mainlands_marks(tmp_path, convert, expected):
    """OpenCC converts characters, not marks: the mainland edition printed Taiwan's ‧ ． ⋯ ── (its ．
    drawn low, a full stop: 威廉. 莎士比亚). Now · …… —— in its body, titles and rights; no-convert
    text and code as written, and the Taiwan edition as written."""
    make_book(tmp_path, {"a.md": TAIWAN_MARKS},
              '[book]\ntitle = "名人．傳記"\nlanguage = "zh-Hant-TW"\nrights = "版權所有．翻印必究"\n')
    loaded = load_config(tmp_path)
    made = make_edition(assemble(loaded), edition(loaded, convert))
    article = made.articles[0]
    assert [text_of(p) for p in re.findall(r"<p>.*?</p>", article.body, re.S)] == expected
    if convert:
        assert (made.meta.title, made.meta.rights, article.title) == ("名人·传记", "版权所有·翻印必究", "乔治·华盛顿传")
    else:
        assert (made.meta.rights, article.title) == ("版權所有．翻印必究", "喬治‧華盛頓傳")


@pytest.mark.parametrize("convert", ["t2s", "tw2s", "tw2sp"])
def test_a_simplified_edition_keeps_a_charts_box_drawing_lines(tmp_path, convert):
    """A 世系图 of box-drawing lines lost them in a Simplified edition: every ─ beside a name was set
    as Taiwan's dash, —, and the lines no longer met. The chart's are kept; the text's dash is set."""
    make_book(tmp_path, {"a.md": "# 世系圖\n\n以下爲長房──見圖。\n\n::: poem\n暐承祖──┬──暐先發\n"
                                 "　　　　　　└──暐先榮\n暐承宗──────暐先貴\n├─暐澤民\n:::\n"},
              '[book]\ntitle = "譜"\nlanguage = "zh-Hant-TW"\n')
    loaded = load_config(tmp_path)
    prose, chart = re.findall(r"<p>.*?</p>", make_edition(assemble(loaded), edition(loaded, convert)).articles[0].body,
                              re.S)
    assert text_of(prose) == "以下为长房——见图。"
    assert text_of(chart).split() == ["𬀩承祖──┬──𬀩先发", "└──𬀩先荣", "𬀩承宗──────𬀩先贵", "├─𬀩泽民"]


QUOTATIONS = "他说：<q>这是<q>内层</q>引用。</q>完。<q lang=\"en\" id=\"q1\">Fine</q>"


@pytest.mark.parametrize(("toml", "expected"), [
    ('[[editions]]\nname = "cn"\n', "他说：“这是‘内层’引用。”完。“Fine”"),
    ('[[editions]]\nname = "cn"\nquotes = "corner"\n', "他说：「这是『内层』引用。」完。“Fine”"),
    ('[[editions]]\nname = "tw"\nconvert = "s2tw"\n', "他說：「這是『內層』引用。」完。“Fine”"),
])
def test_an_html_quotation_takes_the_editions_quote_style(tmp_path, toml, expected):
    """A <q> printed curly marks in a corner edition, and the EPUB's reader's own default ones:
    it is now its text between typed marks, set as every quotation is; one with attributes stays a
    span that keeps them (and the English one its curly marks, as typed English quotations do)."""
    make_book(tmp_path, {"a.md": f"# 题\n\n{QUOTATIONS}\n", "b.html": f"<h1>乙</h1><p>{QUOTATIONS}</p>"},
              f'[book]\ntitle = "书"\n{toml}')
    loaded = load_config(tmp_path)
    for article in make_edition(assemble(loaded), edition(loaded, names=(loaded.config.editions[0].name,))).articles:
        assert text_of(article.body).strip() == expected
        assert "<q" not in article.body and re.search(r'<span lang="en" id="a\d+-q1">“Fine”</span>', article.body)


TWO_QUOTE_STYLES = '[[editions]]\nname = "cn"\n[[editions]]\nname = "corner"\nquotes = "corner"\n'


@pytest.mark.parametrize(("written", "curly", "corner"), [
    ("“她说<q>嵌套</q>了”。", "“她说‘嵌套’了”。", "「她说『嵌套』了」。"),
    ('"她说<q>嵌套</q>了"。', "“她说‘嵌套’了”。", "「她说『嵌套』了」。"),  # curled after the <q> is read
    ("“甲‘乙<q>丙</q>’”", "“甲‘乙“丙”’”", "「甲『乙「丙」』」"),
    ("“甲”<q>乙<q>丙</q></q>", "“甲”“乙‘丙’”", "「甲」「乙『丙』」"),  # a closed quotation opens none
    ("“<em>她</em>说<q>嵌套</q>了”", "“她说‘嵌套’了”", "「她说『嵌套』了」"),
])
def test_an_html_quotation_inside_a_typed_one_takes_the_other_marks(tmp_path, written, curly, corner):
    """A <q> inside a typed quotation printed the same marks as the quotation around it (“她说“嵌套”了”):
    only the <q> around it were counted. The quotations open before it in its paragraph count too
    (GB/T 15834: the inner quotation takes the other marks)."""
    make_book(tmp_path, {"a.md": f"# 题\n\n{written}\n", "b.html": f"<h1>乙</h1><p>{written}</p>"},
              f'[book]\ntitle = "书"\n{TWO_QUOTE_STYLES}')
    loaded = load_config(tmp_path)
    for name, expected in (("cn", curly), ("corner", corner)):
        for article in make_edition(assemble(loaded), edition(loaded, names=(name,))).articles:
            assert text_of(article.body).strip() == expected


def test_an_html_quotation_in_a_title_keeps_its_marks_wherever_the_title_is_printed(tmp_path):
    """``# 论<q>自由</q>`` and ``<h1>网页<q>题</q></h1>`` were titled 论自由 and 网页题 in their heading,
    the contents and the nav, while a <q> in the text had its marks. A title's <q> is now its text
    between the same marks, which take the edition's quote style."""
    book = make_book(tmp_path / "b", {"01-论/a.md": "# 论<q>自由</q>\n\n正文。\n",
                                      "01-论/b.html": "<h1>网页<q>题</q></h1><p>正文。</p>"},
                     f'[book]\ntitle = "书"\n{TWO_QUOTE_STYLES}')
    outputs = {output.edition: output.path for output in paiban.build(book, formats=["epub"], output=tmp_path / "out")}
    for name, opening, closing in (("cn", "“", "”"), ("corner", "「", "」")):
        titles = (f"论{opening}自由{closing}", f"网页{opening}题{closing}")
        xhtml = epub_text(outputs[name])
        assert all(f'<h2 class="article-title">{title}</h2>' in xhtml for title in titles), name
        assert all(re.search(rf'<a href="c1.xhtml#a\d">{title}</a>', xhtml) for title in titles), name  # contents
        with zipfile.ZipFile(outputs[name]) as epub:
            for listing in ("EPUB/nav.xhtml", "EPUB/toc.ncx"):
                assert all(title in epub.read(listing).decode("utf-8") for title in titles), (name, listing)
        assert epubcheck_messages(outputs[name]) == []


_VARIANTS_PAGE = ("<html><body><h1>石桥灯会</h1><p>-{zh-hans:鼠标;zh-hant:滑鼠}-形状的花灯，"
                  "镇上的-{zh-hans:软件;zh-tw:軟體;zh-hk:軟件}-园区。</p></body></html>")


@pytest.mark.parametrize(("convert", "expected"), [
    (None, '<span class="no-convert" lang="zh-Hans">鼠标</span>形状的花灯，镇上的'
           '<span class="no-convert" lang="zh-Hans">软件</span>园区。'),
    ("s2twp", '<span class="no-convert" lang="zh-Hant-TW">滑鼠</span>形狀的花燈，鎮上的'
              '<span class="no-convert" lang="zh-Hant-TW">軟體</span>園區。'),
    ("s2hk", '<span class="no-convert" lang="zh-Hant-HK">滑鼠</span>形狀的花燈，鎮上的'
             '<span class="no-convert" lang="zh-Hant-HK">軟件</span>園區。'),
])
def test_an_edition_prints_its_own_variant_of_a_wikis_conversion_markup(tmp_path, convert, expected):
    """MediaWiki's -{zh-hans:鼠标;zh-hant:滑鼠}- was printed raw in every edition, its : and ; made
    Chinese marks, and a Traditional edition converted the variants inside it (zh-hans：滑鼠)."""
    loaded = load_config(make_book(tmp_path, {"石桥灯会.html": _VARIANTS_PAGE}))
    body = make_edition(assemble(loaded), edition(loaded, convert)).articles[0].body
    assert expected in body and "zh-" not in text_of(body)
