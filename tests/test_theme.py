"""Theme lookup: a book's own styles/ shadows the default theme file by file; templates autoescape."""

import base64
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
import tinycss2
from click.testing import CliRunner
from PIL import Image

import paiban
from paiban import cores
from paiban.cli import main
from paiban.css_syntax import require_shallow
from paiban.errors import PaibanError
from paiban.dates import chinese as chinese_date
from paiban.edition import fonts_for
from paiban.render.css import allowed_urls, contain_css, syntax_errors
from paiban.theme import Theme, default_theme_dir
from paiban.theme_fonts import SheetFonts, StandIns

from conftest import epubcheck_messages, make_book, pdf_fonts, pdf_page_texts


def test_default_theme_has_the_shared_templates_and_sheets():
    names = {path.name for path in default_theme_dir().iterdir()}
    assert {"layout.html", "book.html", "page.html", "_article.html", "_toc.html", "_chapter.html",
            "base.css", "print.css", "epub.css", "html.css", "fonts.css"} <= names


def test_book_template_override_is_used_by_every_format(tmp_path):
    root = make_book(tmp_path / "b", {
        "a.md": "# 甲\n\n正文。\n",
        "styles/_article.html": '<article id="{{ article.id }}"><h2>{{ article.title }}</h2>'
                                '<p class="mine">自定义模板</p>{{ article.body | safe }}</article>\n',
    })
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "html"])}
    assert "自定义模板" in outputs["html"].read_text(encoding="utf-8")
    with zipfile.ZipFile(outputs["epub"]) as archive:
        assert "自定义模板" in archive.read("EPUB/c1.xhtml").decode()


def test_book_css_override_replaces_only_that_sheet(tmp_path):
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n", "styles/epub.css": ".mine { color: red }\n"})
    [epub] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(epub.path) as archive:
        assert archive.read("EPUB/styles/epub.css").decode() == ".mine { color: red }\n"
        assert "text-indent: 2em" in archive.read("EPUB/styles/base.css").decode()


def test_article_text_cannot_inject_markup(tmp_path):
    root = make_book(tmp_path / "b", {"a.md": "---\ntitle: '<script>alert(1)</script>'\n---\n正文\n"})
    [html] = paiban.build(root, formats=["html"])
    text = html.path.read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_a_latin_words_apostrophe_in_a_title_is_shut_in_its_heading_and_the_contents(tmp_path):
    """A body's Latin word with an apostrophe in it was shut to its letters, a title's not: 从 Xī’ān
    出发 printed Xī’ ān in its heading and in the contents (’ a full square of the CJK font)."""
    root = make_book(tmp_path / "b", {"a.md": "---\ntitle: '从 Xī’ān 出发 <到> 长安'\n---\n正文\n"})
    [epub] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(epub.path) as archive:
        shown = [archive.read(f"EPUB/{name}.xhtml").decode() for name in ("c1", "contents")]
    for document in shown:
        assert '从 <span class="apostrophe">Xī’ān</span> 出发 &lt;到&gt; 长安' in document


def test_broken_override_template_is_a_named_error(tmp_path):
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n", "styles/_toc.html": "{% for x in %}\n"})
    with pytest.raises(PaibanError) as caught:
        paiban.build(root, formats=["html"])
    assert "template syntax error" in caught.value.message
    assert caught.value.file.name == "_toc.html" and caught.value.line == 1


def test_a_template_syntax_error_has_a_hint(tmp_path):
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n", "styles/_chapter.html": "<h1>\n{{ chapter.title }</h1>\n"})
    with pytest.raises(PaibanError) as caught:
        paiban.build(root, formats=["html"])
    assert (caught.value.file.name, caught.value.line) == ("_chapter.html", 2)
    assert "unexpected '}'" in caught.value.message and "styles/" in caught.value.hint


@pytest.mark.parametrize(("line", "words"), [
    ("<p>{{ 1 // 0 }}</p>", "division"), ("<p>{{ book.meta.title + 3 }}</p>", "concatenate"),
    ("<p>{{ 3 | chinese_date }}</p>", "strip")])
def test_a_runtime_error_in_a_books_template_is_named_at_its_line(tmp_path, line, words):
    """It was an internal error (a bug in paiban) naming no file: a ZeroDivisionError, a TypeError."""
    page = "<section>\n<h1>{{ book.meta.title }}</h1>\n" + line + "\n</section>\n"
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n", "styles/_titlepage.html": page})
    with pytest.raises(PaibanError) as caught:
        paiban.build(root, formats=["html"])
    assert (caught.value.file, caught.value.line) == (root / "styles" / "_titlepage.html", 3)
    assert words in caught.value.message and "styles/" in caught.value.hint


def test_a_runtime_error_in_the_default_theme_stays_a_bug(tmp_path, monkeypatch):
    """Only a line of the book's own template makes the error the book's; paiban's own is reported as a bug."""
    make_book(tmp_path / "default", {"x.html": "{{ 1 // 0 }}\n"}, "")
    monkeypatch.setattr("paiban.theme.default_theme_dir", lambda: tmp_path / "default")
    with pytest.raises(ZeroDivisionError):
        Theme(make_book(tmp_path / "b", {"styles/y.html": "\n"})).render("x.html")


BROKEN_SHEET_END = ".chapter-title { color: red;; font-size: 3em\n.article-title { color: blue }\n"


def test_a_syntax_error_in_a_books_sheet_is_warned_of_once_at_its_line(tmp_path, caplog):
    """A rule left open swallowed the rest of the sheet: the EPUB and HTML said nothing, the PDF only
    WeasyPrint's "Invalid or unsupported selector", naming neither the sheet nor the line."""
    base = (default_theme_dir() / "base.css").read_text(encoding="utf-8")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n", "styles/base.css": base + "\n" + BROKEN_SHEET_END})
    paiban.build(root, formats=["epub", "html"])
    line = base.count("\n") + 2
    told = [record.getMessage() for record in caplog.records if "base.css" in record.getMessage()]
    assert len(told) == 1 and "never closed" in told[0]
    assert told[0].startswith(f"{root / 'styles' / 'base.css'}:{line}: CSS syntax error: ")


@pytest.mark.parametrize(("css", "line", "words"), [
    ("p { color: red }\n\n.a { color: red;; font-size: 3em\n.b { color: blue }\n", 3, "never closed"),
    ("@media print {\n  p { color: red }\n", 1, "never closed"),
    ("p { color: red }\n}\nq { color: blue }\n", 2, "closes nothing"),
    ('p {\n  font-family: "Noto Serif;\n}\n', 2, "string"),
    ("p { color: red }\n/* a note\nq { color: blue }\n", 2, "comment"),
    ("p {\n  color red;\n}\n", 2, "cannot be read"),
    # an unclosed comment before another: it ran to that one's */, the rules between lost without a word
    ("/* a note\np { text-indent: 2em }\n/* the next note */\nq { color: blue }\n", 1, "holds a /* (line 3)"),
    ("p {\n  /* a note\n  color: red; /* why */\n}\n", 2, "holds a /* (line 3)"),
])
def test_a_sheets_syntax_error_is_found_at_its_line(css, line, words):
    [(found, message)] = syntax_errors(css)
    assert found == line and words in message


def _nested(depth: int, opening: str = "@media screen {", closing: str = "}") -> str:
    """A sheet whose blocks nest ``depth`` deep on its third line: a rule in blocks of ``opening`` (``@media``)."""
    return "p { color: red }\n\n" + opening * (depth - 1) + "q { color: blue }" + closing * (depth - 1) + "\n"


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_books_sheet_nested_too_deep_is_an_error_at_its_line(tmp_path, command):
    """@media nested 1000 deep in a book's epub.css was "internal error: RecursionError" in build and check."""
    from paiban.check.preflight import preflight

    root = make_book(tmp_path / "b", {"a.md": "# 甲\n", "styles/epub.css": _nested(1000)})
    with pytest.raises(PaibanError) as caught:
        paiban.build(root, formats=["epub"]) if command == "build" else preflight(root, epubcheck=False)
    assert (caught.value.file, caught.value.line) == (root / "styles" / "epub.css", 3)
    assert "nests its blocks more than 100 deep" in caught.value.message and "close each block" in caught.value.hint


def test_a_sheet_a_books_sheet_imports_nested_too_deep_is_an_error_naming_it(tmp_path):
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n", "styles/epub.css": '@import "deep.css";\n',
                                      "styles/deep.css": _nested(1000)})
    with pytest.raises(PaibanError) as caught:
        paiban.build(root, formats=["epub"])
    assert (caught.value.file, caught.value.line) == (root / "styles" / "deep.css", 3)


@pytest.mark.parametrize(("opening", "closing"), [("@media screen {", "}"), ("x(", ")"), ("[", "]")])
def test_a_sheet_is_read_nested_100_deep_and_refused_at_101(tmp_path, opening, closing):
    sheet = tmp_path / "epub.css"
    assert require_shallow(_nested(100, opening, closing), sheet)
    with pytest.raises(PaibanError):
        require_shallow(_nested(101, opening, closing), sheet)


@pytest.mark.parametrize("name", ["base.css", "print.css", "epub.css", "html.css", "vertical.css"])
def test_the_default_themes_sheets_have_no_syntax_errors(name):
    assert syntax_errors((default_theme_dir() / name).read_text(encoding="utf-8")) == []


def test_every_list_counted_by_a_counter_style_of_paiban_names_a_fallback_first():
    """``ol.list-circled`` (①) and ``ol.list-decimal-paren`` (（1）), the reading passages' paragraphs
    and sub-questions of a Word exercise book, named only paiban's @counter-style: ``list-chinese``
    alone named one a reader without @counter-style counts in (its own Chinese counting)."""
    rules = tinycss2.parse_stylesheet((default_theme_dir() / "base.css").read_text(encoding="utf-8"),
                                      skip_comments=True, skip_whitespace=True)
    counted = {}
    for rule in rules:
        if rule.type == "qualified-rule":
            styles = [tinycss2.serialize(declaration.value).strip()
                      for declaration in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True)
                      if declaration.type == "declaration" and declaration.lower_name == "list-style-type"]
            if any(style.startswith("paiban-") for style in styles):
                counted[tinycss2.serialize(rule.prelude).strip()] = styles
    assert {"ol.list-circled", "ol.list-decimal-paren"} <= counted.keys()
    for selector, styles in counted.items():
        assert len(styles) == 2 and not styles[0].startswith("paiban-"), selector
    assert counted["ol.list-circled"][0] == counted["ol.list-decimal-paren"][0] == "decimal"


def test_theme_directories_book_first(tmp_path):
    (tmp_path / "styles").mkdir()
    assert Theme(tmp_path).dirs == [tmp_path / "styles", default_theme_dir()]
    assert Theme(tmp_path / "none").dirs == [default_theme_dir()]


def test_the_html_preview_carries_no_script_or_outside_resource_from_a_books_template(tmp_path):
    root = make_book(tmp_path / "b", {
        "a.md": "# 甲\n\n正文。\n",
        "styles/_article.html": '<article id="{{ article.id }}"><h2 onclick="x()">{{ article.title }}</h2>'
                                '<script>alert(1)</script><img src="http://127.0.0.1:9/t.png" alt=""/>'
                                '<div style="background: url(http://127.0.0.1:9/s.png)">{{ article.body | safe }}</div>'
                                '</article>\n',
    })
    [preview] = paiban.build(root, formats=["html"])
    page = preview.path.read_text(encoding="utf-8")
    assert "<script" not in page and "onclick" not in page and "127.0.0.1" not in page
    assert "正文。" in page and "<style>" in page


@pytest.mark.parametrize(("value", "shown"), [
    ("2026-11-26", "2026年11月26日"), ("2024-03", "2024年3月"), ("2024", "2024年"), ("去年秋", "去年秋")])
def test_a_date_is_shown_as_a_chinese_reader_writes_it(value, shown):
    assert chinese_date(value) == shown


def test_the_copyright_page_and_a_byline_show_the_date_in_chinese(tmp_path):
    root = make_book(tmp_path / "b", {"a.md": "---\ntitle: 题\ndate: 2024-03-15\n---\n\n正文。\n"},
                     '[book]\ntitle = "书"\ndate = 2026-11-26\n')
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as epub:
        text = "".join(epub.read(name).decode("utf-8") for name in epub.namelist() if name.endswith(".xhtml"))
    assert "2026年11月26日" in text and "2024年3月15日" in text
    assert "2026-11-26</p>" not in text and ">2024-03-15<" not in text


def front_pages(tmp_path, book_table: str) -> str:
    """The title and copyright pages of a one-article book's EPUB, as markup."""
    root = make_book(tmp_path / "b", {"a.md": "# 题\n\n正文。\n"}, "[book]\n" + book_table)
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as epub:
        return epub.read("EPUB/titlepage.xhtml").decode("utf-8")


def test_every_credit_is_on_the_title_and_copyright_pages(tmp_path):
    """Translators were on neither page, editors not on the copyright page (a lost credit)."""
    page = front_pages(tmp_path, 'title = "书"\nauthors = ["王五"]\neditors = ["赵六"]\ntranslators = ["钱七"]\n')
    title, copyright = page.split('class="copyright"')
    for credit in ("王五　著", "赵六　编", "钱七　译"):
        assert credit in title and credit in copyright


@pytest.mark.parametrize(("edition", "shown"), [
    ("第一版", ["2025年3月", "第一版"]),  # the date was dropped whenever an edition was given
    ("2025年3月第1版", ["2025年3月第1版"]),  # an edition line that gives the date is not doubled
    ("中華民國114年3月初版一刷", ["中華民國114年3月初版一刷"]),  # nor one that gives it as a year of the Republic
    ("中华民国114年3月初版", ["中华民国114年3月初版"]),  # as a Simplified edition of a Taiwan book prints it
    ("民國113年初版", ["2025年3月", "民國113年初版"]),  # (2024: another year)
])
def test_the_copyright_page_dates_its_edition_once(tmp_path, edition, shown):
    page = front_pages(tmp_path, f'title = "书"\ndate = "2025-03"\nedition = "{edition}"\n')
    assert re.findall(r"<p>([^<]*(?:版|年)[^<]*)</p>", page.split('class="copyright"')[1]) == shown


def test_each_line_of_the_rights_is_a_line_of_its_own(tmp_path):
    """A 版本记录 (责任编辑, 开本, 定价 …) was run together into one paragraph."""
    page = front_pages(tmp_path, 'title = "书"\nrights = """责任编辑：某某\n定价：39.00元\n\n版权所有　侵权必究"""\n')
    assert re.findall(r"<p>([^<]*)</p>", page.split("copyright-rights")[1]) == [
        "责任编辑：某某", "定价：39.00元", "版权所有　侵权必究"]


@pytest.mark.parametrize(("given", "printed"), [
    ("9787020000005", "978-7-02-000000-5"), ("978-7-02-000000-5", "978-7-02-000000-5"),
    ("080442957X", "0-8044-2957-X"), ("010-6512 3456", None)])  # a telephone number is no ISBN
def test_the_copyright_page_prints_the_isbn_parted_by_its_ranges(tmp_path, given, printed):
    """It printed ISBN 9787020000005 under a CIP block that says 978-7-02-000000-5."""
    page = front_pages(tmp_path, f'title = "书"\nidentifier = "{given}"\n')
    assert re.findall(r"<p>ISBN ([^<]*)</p>", page) == ([printed] if printed else [])


@pytest.mark.parametrize("expression", [
    'book.root.parent.joinpath("secret.txt").read_text()',
    'book.root.parent.joinpath("written.txt").write_text("owned")',
    'article.source.unlink()',
    'article.source.open("a").write("owned")',
    '(book.root | attr("rmdir"))()',
    'book.root.parent.iterdir() | list',
    'book.labels.update({"contents": "owned"})',  # nor may it change the book it is shown
])
def test_a_books_template_can_neither_touch_files_nor_change_the_book(tmp_path, expression):
    """A template could read /etc/passwd into the book and write files: Book.root and
    Article.source are paths, and Jinja's sandbox let a template call their methods."""
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n",
                                      "styles/_article.html": f"{{{{ article.title }}}}\n{{{{ {expression} }}}}\n"})
    with pytest.raises(PaibanError) as caught:
        paiban.build(root, formats=["html"])
    assert caught.value.file.name == "_article.html" and caught.value.line == 2
    assert "may not" in caught.value.message
    assert not (tmp_path / "written.txt").exists() and (root / "a.md").read_text(encoding="utf-8") == "# 甲\n\n正文。\n"


def test_no_object_a_template_reaches_lends_it_a_method_but_plain_values(tmp_path):
    """Whatever a template is given, it calls no method of a path, a directory entry or a file;
    those of a string or a dict (the default theme's splitlines and items) it may."""
    env = Theme(tmp_path).env
    (tmp_path / "f").write_text("x")
    with open(tmp_path / "f") as file, os.scandir(tmp_path) as entries:
        for thing in (tmp_path, *entries, file):
            for name in (name for name in dir(thing) if not name.startswith("_")):
                value = getattr(thing, name)
                assert not callable(value) or not env.is_safe_attribute(thing, name, value), name
                assert not callable(value) or not env.is_safe_callable(value), name
    assert env.is_safe_attribute("a\nb", "splitlines", "a\nb".splitlines)
    assert env.from_string("{{ text.splitlines() | join('|') }}{% for k, v in pairs.items() %} {{ k }}={{ v }}"
                           "{% endfor %}").render(text="a\nb", pairs={"k": 1}) == "a|b k=1"


def test_a_books_template_may_use_jinjas_own_macros_blocks_and_helpers(tmp_path):
    """{% import "_m.html" as m %}{{ m.badge("x") }} was refused by the sandbox ("access to attribute
    'badge' of 'TemplateModule' object is unsafe"): a macro runs template code, sandboxed as well."""
    (tmp_path / "styles").mkdir()
    for name, text in {
        "_m.html": '{% macro badge(t) %}<b>{{ t }}</b>{% endmacro %}'
                   '{% macro box() %}<i>{{ caller() }}</i>{% endmacro %}',
        "_base.html": "{% block t %}B{% endblock %}{% block u %}U{% endblock %}",
        "page.html": '{% extends "_base.html" %}{% block t %}{% import "_m.html" as m %}{{ m.badge("x") }}'
                     '{% from "_m.html" import box %}{% call box() %}y{% endcall %}[{{ super() }}]{{ self.u() }}'
                     '{% for i in range(3) %}{{ loop.cycle("a", "b") }}{% endfor %}'
                     '{% for k, v in {"k": 1}.items() %}{{ k }}={{ v }}{% endfor %}'
                     '{% set j = joiner("/") %}{% for i in [1, 2] %}{{ j() }}{{ i }}{% endfor %}'
                     '{% set ns = namespace(n=0) %}{% for i in [1, 2] %}{% set ns.n = ns.n + i %}{% endfor %}'
                     '{{ ns.n }}{% set xs = [] %}{% set xs = xs + [4] %}{{ xs }}{% endblock %}',
    }.items():
        (tmp_path / "styles" / name).write_text(text, encoding="utf-8")
    assert Theme(tmp_path).render("page.html") == "<b>x</b><i>y</i>[B]Uabak=11/23[4]U"


@pytest.mark.parametrize("declaration", [
    'background-image: image-set("http://127.0.0.1:9/a.png" 1x)',
    "background-image: -webkit-image-set('http://127.0.0.1:9/a.png' 1x, url(b.png) 2x)",
    'background: \\75 rl(http://127.0.0.1:9/a.png)',  # url( written with an escape
    'background: \\69mage-set("http://127.0.0.1:9/a.png" 1x)',
    'background: cross-fade(50% image("http://127.0.0.1:9/a.png"), red)',
    'list-style-image: src("http://127.0.0.1:9/a.png")',
    '--picture: "http://127.0.0.1:9/a.png"',  # for image-set(var(--picture) 1x) elsewhere
    '--picture: "//127.0.0.1:9/a.png"',
    'background-image: image-set(var(--none, "http://127.0.0.1:9/a.png") 1x)',
])
def test_a_sheet_names_no_url_in_a_string_a_function_takes_that_the_format_cannot_keep(declaration, caplog):
    """image-set("http://…" 1x) in a book's base.css was kept in the EPUB and the HTML preview,
    whose reading system would fetch it: only url() and @import were looked into."""
    for fmt in ("epub", "html"):
        contained = contain_css(f"body {{ color: red; {declaration}; }}", "base.css", allowed_urls(fmt))
        assert "127.0.0.1" not in contained and "color: red" in contained
    assert "base.css: left out the declaration" in caplog.text and "127.0.0.1:9/a.png" in caplog.text


def test_the_html_preview_keeps_data_pictures_and_fonts_but_no_data_sheet_or_svg_that_loads_more(caplog):
    """A data: sheet's own @import, or a data: SVG's <image href>, would be fetched by the browser
    that opens the preview (the EPUB keeps no data: URL at all)."""
    sheet = ('@import url("data:text/css,@import url(http://127.0.0.1:9/x.css);");\n'
             "body { background: url(\"data:image/svg+xml,<svg><image href='http://127.0.0.1:9/y.png'/></svg>\"); }\n"
             'p { background: url("data:image/png;base64,iVBORw0KGgo="); }\n'
             '@font-face { font-family: A; src: url("data:font/woff2;base64,d09GMg=="); }\n')
    contained = contain_css(sheet, "base.css", allowed_urls("html"))
    assert "127.0.0.1" not in contained
    assert "data:image/png;base64" in contained and "data:font/woff2;base64" in contained


def test_a_data_url_the_preview_cannot_keep_is_told_of_as_one(caplog):
    """A data: SVG left out of the preview was said to be a file to copy into styles/."""
    svg = "data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22%3E%3C/svg%3E"
    contain_css(f'hr {{ background: url("{svg}"); }}', "html.css", allowed_urls("html"))
    assert "html.css: left out the declaration `background`, which holds a data: URL (data:image/svg+xml,…)" \
        in caplog.text
    assert "a PNG, JPEG, GIF, WebP or AVIF picture or a font" in caplog.text and "copy the file" not in caplog.text


def test_strings_that_are_text_are_no_urls(caplog):
    sheet = ('ol li::before { content: counters(item, ".") "、"; quotes: "「" "」"; }\n'
             '.toc a::after { content: leader(".") target-counter(attr(href), page); }\n'
             '@font-face { font-family: Song; src: local("Noto Serif CJK SC"); }\n'
             '.halt { font-feature-settings: "halt"; }\n'
             '.round { clip-path: path("M0 0 L10 10 Z"); }\n')
    assert contain_css(sheet, "base.css", allowed_urls("epub")) == sheet and "left out" not in caplog.text


@pytest.mark.parametrize("fmt", ["epub", "html"])
def test_text_in_a_custom_property_or_a_var_fallback_is_kept(fmt, caplog):
    """:root { --label: "第" } and var(--x, "章") were left out of the EPUB and the preview, their
    text taken for a URL: a custom property's string counts as one only if it could reach out."""
    sheet = (':root { --label: "第"; --sep: "·"; --note: "注：见下"; --tip: "Note: see below"; }\n'
             'h2::before { content: var(--label) var(--x, "章"); }\n')
    assert contain_css(sheet, "epub.css", allowed_urls(fmt)) == sheet and "left out" not in caplog.text


@pytest.mark.parametrize("fmt", ["epub", "html"])
def test_a_file_named_in_a_custom_property_is_carried_and_one_outside_is_refused(tmp_path, fmt, caplog):
    """--orn: "orn.png" for image-set(var(--orn) 1x) was neither carried nor relinked, and a
    "../../etc/x.png" or "/etc/x.png" there passed as written, once strings were taken for text."""
    from paiban.render.assets import StyleFiles

    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "orn.png").write_bytes(_png())
    sheet = (':root { --orn: "orn.png"; --up: "../../etc/x.png"; --abs: "/etc/x.png"; --label: "第"; }\n'
             "h1 { background-image: image-set(var(--orn) 1x); }\n")
    files = StyleFiles(fmt)
    contained = files.contain(sheet, tmp_path / "styles" / "book.css", allowed_urls(fmt))
    assert "etc/x.png" not in contained and '--label: "第"' in contained
    assert ("orn.png" in files.carried) if fmt == "epub" else ('--orn: "data:image/png;base64,' in contained)


_EDITIONS = """
    [book]
    title = "测试书"
    authors = ["某人"]
    [[editions]]
    name = "cn"
    [[editions]]
    name = "tw"
    convert = "s2twp"
    """
_TITLEPAGE = ('<section class="titlepage" id="titlepage">\n'
              '<p class="my-series" title="设计丛书">设计丛书·第一辑</p>\n'
              '<p class="book-authors">{{ book.meta.authors | join("、") }} 编著</p>\n'
              '<p><a href="https://example.com/设计">网站</a></p>\n'
              '</section>\n')


def test_a_converted_edition_prints_the_text_of_the_books_own_templates_converted(tmp_path):
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n", "styles/_titlepage.html": _TITLEPAGE},
                     toml=_EDITIONS)
    pages = {o.edition: o.path.read_text(encoding="utf-8") for o in paiban.build(root, formats=["html"])}
    assert "设计丛书·第一辑" in pages["cn"] and "某人 编著" in pages["cn"]
    tw = pages["tw"]
    assert "設計叢書·第一輯" in tw and 'title="設計叢書"' in tw and "某人 編著" in tw and "網站" in tw
    assert "设计" not in tw.replace("https://example.com/设计", "")  # the link's address is kept as written
    assert 'class="my-series"' in tw


@pytest.mark.parametrize("order", [("tw", "cn"), ("cn", "tw")])
def test_a_template_compiled_for_one_edition_is_never_reused_by_another(tmp_path, order):
    """Each build compiles the theme afresh in a new Theme, from the bytecode kept in the build cache."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n", "styles/_titlepage.html": _TITLEPAGE},
                     toml=_EDITIONS)
    for name in order:
        [page] = paiban.build(root, formats=["html"], editions=[name])
    text = page.path.read_text(encoding="utf-8")
    assert ("设计丛书" in text) == (order[-1] == "cn")
    assert ("設計叢書" in text) == (order[-1] == "tw")



def test_only_the_text_a_reader_sees_of_a_template_is_converted(tmp_path):
    """Text between tags, an alt and a title; never a tag, a class, a URL, a comment, a style, or Jinja's own."""
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "x.html").write_text(
        '<p class="设" title="设">设{# 设 #}{{ "设" }}<!-- 设 --><style>.设 {}</style>'
        '<a href="设.html"{% if true %} title="设{{ 1 }}设"{% endif %}>设</a><img src="设.png" alt="设" /></p>\n',
        encoding="utf-8")
    theme = Theme(tmp_path).converting(lambda text: text.replace("设", "設"))
    assert theme.render("x.html") == (
        '<p class="设" title="設">設设<!-- 设 --><style>.设 {}</style>'
        '<a href="设.html" title="設1設">設</a><img src="设.png" alt="設" /></p>')
    assert Theme(tmp_path).render("x.html").count("設") == 0


def _png() -> bytes:
    return _png_of("red")


def _png_of(colour: str) -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(picture, "PNG")
    return picture.getvalue()


def test_the_files_a_books_stylesheet_uses_travel_with_the_epub_and_the_preview(tmp_path, caplog):
    """The PDF read them; the EPUB and the preview left them out, saying to copy them into the book."""
    root = make_book(tmp_path / "b", {
        "a.md": "# 甲\n\n正文。\n",
        "styles/epub.css": '@import "extra.css";\n.article-title { background-image: url("orn.png"); }\n'
                           '.chapter-title { background-image: url("../a.md"); }\n',
        "styles/html.css": '@import "extra.css";\n@import url(narrow.css) screen and (max-width: 30em);\n'
                           '.article-title { background-image: url("orn.png"); }\n',
        "styles/narrow.css": ".toc-title { font-size: 1em; }\n",
        "styles/extra.css": '.chapter-title { color: #f60; }\n.toc-title { background: url("img/dot%20x.png"); }\n',
        "styles/orn.png": _png(),
        "styles/img/dot x.png": _png(),
    })
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "html"])}
    with zipfile.ZipFile(outputs["epub"]) as epub:
        opf = epub.read("EPUB/content.opf").decode()
        assert epub.read("EPUB/styles/epub.css").decode().startswith('@import "extra.css";')
        assert "color: #f60" in epub.read("EPUB/styles/extra.css").decode()
        assert 'url("img/dot_x.png")' in epub.read("EPUB/styles/extra.css").decode()
        assert epub.read("EPUB/styles/orn.png") == _png() and epub.read("EPUB/styles/img/dot_x.png") == _png()
    assert re.search(r'href="styles/extra.css"[^>]* media-type="text/css"', opf)
    assert re.search(r'href="styles/orn.png"[^>]* media-type="image/png"', opf)
    assert epubcheck_messages(outputs["epub"]) == []
    preview = outputs["html"].read_text(encoding="utf-8")
    encoded = base64.b64encode(_png()).decode()
    # The imported sheets in place of their @import (after the first rule of the one <style>, it is ignored).
    assert f"data:image/png;base64,{encoded}" in preview and not re.search(r"@import\b|extra\.css|narrow\.css", preview)
    assert ".chapter-title { color: #f60; }" in preview
    assert re.search(r"@media screen and \(max-width: 30em\) \{ \.toc-title \{ font-size: 1em; \}\s*\}", preview)
    # Only files of styles/ (a ../ path is refused, even to a file of the book), and said so truly.
    assert any("../a.md" in message and "styles/" in message for message in caplog.messages)
    assert not any("orn.png" in message or "extra.css" in message for message in caplog.messages)


def test_a_picture_of_styles_that_an_article_shows_too_is_carried_once(tmp_path):
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n![图](styles/orn.png)\n",
                                      "styles/epub.css": '.article-title { background-image: url("orn.png"); }\n',
                                      "styles/orn.png": _png()})
    [epub] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(epub.path) as archive:
        assert archive.namelist().count("EPUB/styles/orn.png") == 1


def test_two_pictures_of_styles_whose_names_differ_only_in_unsafe_marks_or_case_keep_their_own(tmp_path):
    """"a b.png" and "a_b.png" (or "Orn.png" and "orn.png") were carried under one name, and the
    second sheet's rule showed the first picture."""
    red, blue = _png(), _png_of("blue")
    root = make_book(tmp_path / "b", {
        "a.md": "# 甲\n\n正文。\n",
        "styles/epub.css": '.article-title { background-image: url("a%20b.png"); }\n'
                           '.chapter-title { background-image: url("a_b.png"); }\n'
                           '.toc-title { background-image: url("Orn.png"); }\n'
                           '.part-title { background-image: url("orn.png"); }\n',
        "styles/a b.png": red, "styles/a_b.png": blue, "styles/Orn.png": red, "styles/orn.png": blue,
    })
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as epub:
        sheet = epub.read("EPUB/styles/epub.css").decode()
        shown = dict(re.findall(r"\.([a-z-]+) \{ background-image: url\(\"?([^\")]+)\"?\)", sheet))
        assert len(set(shown.values())) == 4
        pictures = {rule: epub.read(f"EPUB/styles/{name}") for rule, name in shown.items()}
    assert pictures == {"article-title": red, "chapter-title": blue, "toc-title": red, "part-title": blue}
    assert epubcheck_messages(output.path) == []


def test_a_picture_of_styles_whose_name_an_articles_picture_takes_in_the_epub_keeps_its_own(tmp_path):
    """"a b.png" of a sheet and an article's "styles/a_b.png" both became styles/a_b.png: the
    sheet's was dropped for the article's, taken to be the same file."""
    red, blue = _png(), _png_of("blue")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n![蓝](styles/a_b.png)\n",
                                      "styles/epub.css": '.article-title { background-image: url("a%20b.png"); }\n',
                                      "styles/a b.png": red, "styles/a_b.png": blue})
    [output] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(output.path) as epub:
        [shown] = re.findall(r'url\("?([^")]+)"?\)', epub.read("EPUB/styles/epub.css").decode())
        assert epub.read(f"EPUB/styles/{shown}") == red and epub.read("EPUB/styles/a_b.png") == blue
    assert epubcheck_messages(output.path) == []


def _font_named(family: str) -> bytes:
    """DejaVu Serif Bold, renamed ``family``: a font no system has installed."""
    from fontTools.ttLib import TTFont

    font = TTFont("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = family
        elif record.nameID == 6:
            record.string = family.replace(" ", "")
    written = io.BytesIO()
    font.save(written)
    return written.getvalue()


@pytest.mark.parametrize("piece_characters", [10**9, 1], ids=["whole", "pieces"])
def test_a_books_own_font_is_in_the_pdf_and_one_outside_styles_is_not(tmp_path, monkeypatch, caplog,
                                                                        piece_characters):
    """The EPUB and the preview carried a book's @font-face font; the PDF was set in Noto without a
    word: WeasyPrint skips every @font-face of a sheet made without a font configuration."""
    from paiban.assemble import assemble
    from paiban.config import load_config
    from paiban.convert import make_edition
    from paiban.edition import editions_for
    from paiban.page import page_geometry
    from paiban.render.pdf import render_pdf

    monkeypatch.setattr(cores, "workers", lambda tasks=None: 2)
    (tmp_path / "outside.ttf").write_bytes(_font_named("Outside Face"))
    base = (default_theme_dir() / "base.css").read_text(encoding="utf-8")
    root = make_book(tmp_path / "b", {
        "01-一/a.md": "# 甲\n\nThe quick brown fox jumps over the lazy dog.\n",
        "02-二/b.md": "# 乙\n\nPack my box with five dozen liquor jugs.\n",
        "styles/fonts/QingdengDisplay.ttf": _font_named("Qingdeng Display"),
        "styles/base.css": base + '@font-face { font-family: "Qingdeng Display"; '
                                  'src: url("fonts/QingdengDisplay.ttf"); }\n'
                                  '@font-face { font-family: "Outside Face"; src: url("../../outside.ttf"); }\n'
                                  'p { font-family: "Qingdeng Display", "Noto Serif CJK SC", serif; }\n'
                                  'h2 { font-family: "Outside Face", "Noto Sans CJK SC", sans-serif; }\n',
    })
    loaded = load_config(root)
    edition = editions_for(loaded.config)[0]
    book = make_edition(assemble(loaded), edition)
    output = render_pdf(book, edition, Theme(root), tmp_path / "b.pdf", page_geometry(loaded),
                        piece_characters=piece_characters)
    names = [font["name"].partition("+")[2] for font in pdf_fonts(output.path)]
    assert "Qingdeng-Display-Bold" in names and not any("Outside" in name for name in names)
    assert any(message.startswith("refused to load") and "outside.ttf" in message for message in caplog.messages)
    assert not any("paiban does not load" in message for message in caplog.messages)  # WeasyPrint's, told twice


def test_htmls_named_entities_in_a_books_template_are_their_characters_in_the_epub(tmp_path):
    """&copy; in a book's _copyright.html stopped the EPUB as an internal error (Entity 'copy' not
    defined): XML knows five entities, and an EPUB's content document is XML."""
    copyright_page = (default_theme_dir() / "_copyright.html").read_text(encoding="utf-8").replace(
        "</section>", '<p class="colophon">&copy; 2025 某出版社&nbsp;版权所有 &lt;&amp;&gt; &LT;注&GT;</p>\n</section>')
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n", "styles/_copyright.html": copyright_page})
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "html"])}
    with zipfile.ZipFile(outputs["epub"]) as archive:
        page = archive.read("EPUB/titlepage.xhtml").decode()
    assert '<p class="colophon">© 2025 某出版社\u00a0版权所有 &lt;&amp;&gt; &lt;注&gt;</p>' in page
    assert "© 2025 某出版社" in outputs["html"].read_text(encoding="utf-8")
    assert epubcheck_messages(outputs["epub"]) == []


def _build_error_at(root, form: str, name: str, template: str, written: str) -> PaibanError:
    """The error building ``root`` in ``form`` raises, which must name the book's template ``name``
    (whose text is ``template``) at the line of ``written``."""
    with pytest.raises(PaibanError) as caught:
        paiban.build(root, formats=[form])
    line = template.splitlines().index(written) + 1
    assert (caught.value.file, caught.value.line) == (root / "styles" / name, line)
    return caught.value


@pytest.mark.parametrize(("name", "line", "problem"), [
    ("_chapter.html", '<p class="ornament">※<br></p>', "<br> is never closed"),
    ("_chapter.html", '<p class="ornament"><img src="orn.png" alt=""></p>', "<img> is never closed"),
    ("_copyright.html", "<p>&copyleft; 2025</p>", "Entity 'copyleft' not defined"),
    # after a line a lone </p> (which the faulty line holds too), a line that writes a value: its own line
    ("_copyright.html", "<p>\n第一行\n</p>\n<p>{{ book.meta.title }}<br></p>", "<br> is never closed"),
])
@pytest.mark.parametrize("form", ["epub", "pdf", "html"])
def test_a_template_that_is_no_xhtml_is_an_error_at_its_line(tmp_path, name, line, problem, form):
    """An unclosed <br> or <img>, or an entity HTML does not define, stopped the EPUB and `paiban
    check` as an internal error (a bug in paiban: exit 1) naming no template; the PDF printed
    &bogus; as text and the preview showed it, without a word."""
    template = (default_theme_dir() / name).read_text(encoding="utf-8").replace("</section>", f"{line}\n</section>")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n", f"styles/{name}": template,
                                      "styles/orn.png": _png()})
    faulty = line.splitlines()[-1]
    error = _build_error_at(root, form, name, template, faulty)
    assert problem in error.message and "XHTML" in error.message
    assert faulty.replace("{{ book.meta.title }}", "测试书") in error.message
    assert "<br />" in error.hint and "<img … />" in error.hint
    result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exit_code == 2 and problem in result.output and "internal error" not in result.output


def test_a_value_a_book_leaves_unset_shows_as_nothing(tmp_path):
    """`{{ book.meta.series }}` in a book's template printed None in the EPUB and the PDF."""
    title_page = (default_theme_dir() / "_titlepage.html").read_text(encoding="utf-8").replace(
        "</section>", '<p class="series">丛书：{{ book.meta.series }}。</p>\n</section>')
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n", "styles/_titlepage.html": title_page})
    [epub] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(epub.path) as archive:
        assert '<p class="series">丛书：。</p>' in archive.read("EPUB/titlepage.xhtml").decode()


def test_an_empty_declaration_in_a_books_sheet_is_left_out_of_the_epub(tmp_path):
    """`text-indent: 2em;;` passes in every CSS engine but failed EPUBCheck (CSS-008, Token ";" not
    allowed here): the sheet went into the EPUB as written."""
    base = (default_theme_dir() / "base.css").read_text(encoding="utf-8")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n", "styles/base.css": base + (
        'p { text-indent: 2em;; line-height: 1.9 }\nh6 { ; }\n.mark::before { content: ";;" }\n')})
    for _ in range(2):  # the second from the build's cache, which keeps a sheet's URLs by its text
        [epub] = paiban.build(root, formats=["epub"])
        with zipfile.ZipFile(epub.path) as archive:
            sheet = archive.read("EPUB/styles/base.css").decode()
        assert "p { text-indent: 2em; line-height: 1.9; }" in sheet and 'content: ";;"' in sheet
    assert epubcheck_messages(epub.path) == []


def test_weasyprints_warning_of_a_books_sheet_names_the_sheet_and_its_line(tmp_path, caplog):
    """`WeasyPrint: Ignored `font-weigth: bold` at 185:18, unknown property.` named neither the
    sheet nor, but by its text, where it was."""
    base = (default_theme_dir() / "base.css").read_text(encoding="utf-8")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n",
                                      # (and an empty declaration: the EPUB leaves it out, the PDF reads it as written)
                                      "styles/base.css": base + "p { font-weigth: bold;; }\n",
                                      "styles/print.css": '@import "more.css";\n',
                                      "styles/more.css": "h1 { colr: red; }\n"})
    paiban.build(root, formats=["pdf"])
    line = len(base.splitlines()) + 1
    assert (f"{root / 'styles' / 'base.css'}:{line}: WeasyPrint: Ignored `font-weigth: bold`, unknown property."
            in caplog.messages)
    # An imported sheet's lines are its own: the importing sheet is named, with WeasyPrint's place.
    assert (f"{root / 'styles' / 'print.css'} (or a sheet it imports): WeasyPrint: Ignored `colr: red` at 1:6, "
            "unknown property." in caplog.messages)


@pytest.mark.parametrize(("written", "words"), [
    ('{{ "x" * 300000000 }}', "may not make a text or list of more than 1,000,000"),
    ("{{ [0] * 10 ** 8 }}", "may not make a text or list"),
    ("{{ 9 ** 99999999 }}", "may not raise 9 to the power 99999999"),
    ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
     "may not loop more than 1,000,000 times in all"),
    ('{{ "{:>300000000}".format(1) }}', "may not make a text of more than 1,000,000 characters"),
    ('{{ "x".ljust(300000000) }}', "may not make a text of more than 1,000,000 characters"),
    ('{{ "x" | center(300000000) }}', "may not make a text of more than 1,000,000 characters"),
    ('{{ "%300000000s" | format(1) }}', "may not make a text of more than 1,000,000 characters"),
    ('{{ "{:{}}".format("a", 5000000) }}', "may not make a text of more than 1,000,000 characters"),
    ('{{ "%*s" | format(5000000, "a") }}', "may not make a text of more than 1,000,000 characters"),
    ('{{ "a" | indent(5000000) }}', "may not make a text of more than 1,000,000 characters"),
    ("{{ [1] | batch(5000000, 0) | list }}", "may not make a list of more than 1,000,000 items"),
])
def test_a_template_may_not_take_the_machines_memory_or_time(tmp_path, written, words):
    """A template is a stranger's on a build server: "x" * 300000000 was a MemoryError told as a bug
    in paiban (exit 1), and loops inside loops never ended."""
    theme = Theme(make_book(tmp_path / "b", {"styles/x.html": f"<p>\n{written}\n</p>\n"}))
    with pytest.raises(PaibanError) as caught:
        theme.render("x.html")
    assert words in caught.value.message and caught.value.line == 2


def test_a_template_still_multiplies_raises_and_loops_within_bounds(tmp_path):
    theme = Theme(make_book(tmp_path / "b", {"styles/x.html": '{{ 2 ** 10 }}{{ "ab" * 3 }}{{ [1] * 2 }}'
                                                              "{% for i in range(3) %}{{ i }}{% endfor %}"
                                                              '{{ "约{:,}字".format(1600000) }}'}))
    assert theme.render("x.html") == "1024ababab[1, 1]012约1,600,000字"  # a large number shown is no width


def test_a_templates_link_that_would_run_code_is_left_out_of_the_pdf_too(tmp_path, caplog):
    """The EPUB left href="javascript:…" out with a warning; the PDF made it a link action."""
    from pypdf import PdfReader

    article = (default_theme_dir() / "_article.html").read_text(encoding="utf-8").replace(
        "</article>", '<p><a href="javascript:alert(1)">链接</a> <a href="https://example.com/">网</a></p>\n</article>')
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n", "styles/_article.html": article})
    [pdf] = paiban.build(root, formats=["pdf"])
    targets = [annotation.get_object()["/A"].get("/URI") for page in PdfReader(pdf.path).pages
               for annotation in page.get("/Annots", []) if "/A" in annotation.get_object()]
    assert targets == ["https://example.com/"]
    assert "left href='javascript:alert(1)' of <a> out" in caplog.text


def test_what_is_taken_out_of_a_books_template_is_told_naming_the_document_and_template(tmp_path, caplog):
    """"left <script> out: a book's templates may not run code" named neither (a book has some twenty)."""
    title_page = (default_theme_dir() / "_titlepage.html").read_text(encoding="utf-8").replace(
        "</section>", "<script>alert(1)</script>\n</section>")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n", "styles/_titlepage.html": title_page})
    paiban.build(root, formats=["epub"])
    assert f"titlepage.xhtml (made from {root / 'styles' / '_titlepage.html'}): left <script> out" in caplog.text


def test_a_sheets_picture_that_is_not_there_is_told_so(tmp_path, caplog):
    """It was told to be outside the styles/ folder, which it was not, and the PDF added urllib's
    "URLError: <urlopen error [Errno 2] No such file or directory …>"."""
    base = (default_theme_dir() / "base.css").read_text(encoding="utf-8")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n",
                                      "styles/base.css": base + 'body { background: url("nosuch.png"); }\n'})
    paiban.build(root, formats=["epub", "pdf"])
    assert "which refers to nosuch.png, a file that is not there: put it beside the sheet" in caplog.text
    assert f"{root / 'styles' / 'nosuch.png'} is not there: the PDF leaves out what shows it" in caplog.text
    assert "URLError" not in caplog.text and "may only use files" not in caplog.text


def test_jinja_syntax_in_a_sheet_made_from_a_template_is_told_with_the_raw_fix(tmp_path):
    """A literal {{ in a book's fonts.css was told as a template's syntax error, and the fix the README
    gives, {% raw %}, was not said."""
    fonts = (default_theme_dir() / "fonts.css").read_text(encoding="utf-8") + '\n.x::before { content: "{{"; }\n'
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n", "styles/fonts.css": fonts})
    with pytest.raises(PaibanError) as caught:
        paiban.build(root, formats=["epub"])
    assert caught.value.file == root / "styles" / "fonts.css" and "{% raw %}" in caught.value.hint


@pytest.mark.parametrize("broken", [
    ".x { color: red; }\n}\n.colophon { color: blue }\n",  # a } that closes nothing
    ".a { color: red;; font-size: 3em\n.b { color: blue }\n",  # a rule never closed
    "/* a note never closed\n.b { color: blue }\n",
])
def test_a_books_sheet_with_a_syntax_error_goes_into_the_epub_as_a_css_engine_reads_it(tmp_path, broken):
    """It was warned of, then carried as written: the EPUB failed EPUBCheck (CSS-008)."""
    base = (default_theme_dir() / "base.css").read_text(encoding="utf-8")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n", "styles/base.css": base + broken})
    [epub] = paiban.build(root, formats=["epub"])
    assert epubcheck_messages(epub.path) == []
    with zipfile.ZipFile(epub.path) as archive:
        assert "text-indent: 2em" in archive.read("EPUB/styles/base.css").decode()  # the rest of the sheet kept


def test_loops_in_an_imported_templates_macro_are_counted_too(tmp_path):
    """Only the page's own range was counted: a macro of an {% import %}ed template looped for ever."""
    theme = Theme(make_book(tmp_path / "b", {
        "styles/_m.html": "{% macro spin() %}{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}"
                          "{% endfor %}{% endmacro %}",
        "styles/x.html": '{% import "_m.html" as m %}<p>\n{{ m.spin() }}\n</p>\n'}))
    with pytest.raises(PaibanError) as caught:
        theme.render("x.html")
    assert "may not loop more than 1,000,000 times in all" in caught.value.message


def test_a_template_that_renders_too_long_is_stopped_at_its_line(tmp_path, monkeypatch):
    """Two loops over a long text inside each other, which no count of range sees, ran for ever."""
    import paiban.theme

    monkeypatch.setattr(paiban.theme, "_LONGEST_RENDER", 1)
    loops = "{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
    theme = Theme(make_book(tmp_path / "b", {"styles/x.html": f'{{% set s = "x" * 900000 %}}<p>\n{loops}\n</p>\n'}))
    with pytest.raises(PaibanError) as caught:
        theme.render("x.html")
    assert caught.value.message.startswith("template 'x.html' took over 1 s to render") and caught.value.line == 2


def test_a_closed_comment_that_mentions_a_glob_is_no_syntax_error():
    """/* 与 chapters/*.md 对应 */ was told as a comment holding a /*, its rules lost."""
    assert syntax_errors("/* 与 chapters/*.md 对应 */\np { text-indent: 2em; }\n") == []


def test_the_title_pages_title_ends_on_no_line_of_one_character(tmp_path):
    """《The Salt Road》中英对照本 was printed 《The Salt Road》中英对照 / 本, its last character alone,
    as no paragraph ends and the drawn cover does not: its last two are kept together."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"}, '[book]\ntitle = "《The Salt Road》中英对照本"\n')
    [output] = paiban.build(root, formats=["pdf"])
    _, title_page = [text for text in pdf_page_texts(output.path) if "Salt" in text][:2]  # the half-title's fits
    assert [line.strip() for line in title_page.splitlines()][:2] == ["《The Salt Road》中英对", "照本"]



def test_the_title_pages_title_breaks_before_a_bracketed_word_not_inside_it(tmp_path):
    """A Taiwan edition's title was printed 青柳 2026年三月號（臺 / 灣版）, only its last two kept
    together; the drawn cover breaks before the bracket, and so does the title page."""
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"}, '[book]\ntitle = "青柳 2026年三月號（臺灣版）"\n')
    [output] = paiban.build(root, formats=["pdf"])
    _, title_page = [text for text in pdf_page_texts(output.path) if "灣版" in text][:2]  # after the half-title
    assert [line.strip() for line in title_page.splitlines()][:2] == ["青柳 2026年三月號", "（臺灣版）"]


def test_a_bracketed_word_wider_than_a_title_line_flows_with_the_title(tmp_path):
    """Kept whole, a bracketed word wider than a line was a block of its own: 论 / 《…》 / 研究, the
    character before it alone on a line. Only a short one is kept whole."""
    title = "论《中华人民共和国国家通用语言文字法实施条例释义与适用指南》研究"
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n"}, f'[book]\ntitle = "{title}"\n')
    [output] = paiban.build(root, formats=["pdf"])
    _, title_page = [text for text in pdf_page_texts(output.path) if "研究" in text][:2]
    lines = [line.strip() for line in title_page.splitlines() if line.strip()]
    assert "".join(lines[:3]) == title and lines[0].startswith("论《")


def _override(name: str, old: str, new: str) -> str:
    """The default theme's template ``name`` with ``old`` written as ``new``."""
    text = (default_theme_dir() / name).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


@pytest.mark.parametrize("form", ["epub", "pdf", "html"])
def test_a_layout_that_declares_no_block_its_pages_fill_is_an_error_at_it(tmp_path, form):
    """A layout.html whose {% block body %} was renamed made every EPUB and HTML document an empty
    <body>, without a word, and the PDF stopped with an internal error (StopIteration)."""
    layout = _override("layout.html", "{% block body %}", "{% block content %}")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n江边的正文。\n", "styles/layout.html": layout})
    with pytest.raises(PaibanError) as caught:
        paiban.build(root, formats=[form])
    assert caught.value.file == root / "styles" / "layout.html"
    assert "declares no {% block body %}" in caught.value.message and "empty" in caught.value.message


@pytest.mark.parametrize("form", ["pdf", "html"])
def test_a_book_template_that_fills_a_block_its_layout_lacks_is_an_error_at_its_line(tmp_path, form):
    """A book.html whose block was named bodyy gave an empty preview, exit 0, and an internal error in the PDF."""
    book_page = _override("book.html", "{% block body %}", "{% block bodyy %}")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n江边的正文。\n", "styles/book.html": book_page})
    error = _build_error_at(root, form, "book.html", book_page, "{% block bodyy %}")
    assert "{% block bodyy %} is filled here" in error.message and "{% block body %}" in error.hint


_IN_A_PART = """
    [book]
    title = "测试书"
    [[parts]]
    title = "上编"
    [[parts.chapters]]
    title = "第一章"
    articles = ["a.md"]
    """


@pytest.mark.parametrize(("name", "kind"), [("_chapter.html", "chapter"), ("_article.html", "article"),
                                            ("_part.html", "part")])
@pytest.mark.parametrize("form", ["epub", "pdf", "html"])
def test_a_partial_that_drops_its_items_id_is_an_error_at_it(tmp_path, name, kind, form):
    """A _chapter.html without id="{{ chapter.id }}" stopped the PDF with an internal error
    (StopIteration), after WeasyPrint's warnings of undefined anchors naming no file; the contents'
    links and the bookmarks lead to the id."""
    template = _override(name, f' id="{{{{ {kind}.id }}}}"', "")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n正文。\n", f"styles/{name}": template}, _IN_A_PART)
    with pytest.raises(PaibanError) as caught:
        paiban.build(root, formats=[form])
    assert caught.value.file == root / "styles" / name
    assert f"the {kind} " in caught.value.message and "has no element with its id" in caught.value.message
    assert f'id="{{{{ {kind}.id }}}}"' in caught.value.hint


@pytest.mark.parametrize("form", ["epub", "pdf", "html"])
def test_an_articles_body_printed_without_safe_is_an_error_at_its_line(tmp_path, form):
    """{{ article.body }} without | safe printed the body's markup in the book (<p>…</p> in the PDF's
    text, justified), without a word."""
    article = _override("_article.html", "{{ article.body | safe }}", "{{ article.body }}")
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n江边的正文。\n", "styles/_article.html": article})
    error = _build_error_at(root, form, "_article.html", article, "{{ article.body }}")
    assert "printed as its markup" in error.message and "| safe" in error.hint


def test_a_books_template_that_keeps_the_ids_and_prints_a_body_escaped_on_purpose_builds(tmp_path):
    """The checks ask for the ids and an unescaped body, not for the default theme's markup: an
    article that shows its markup as text (a code sample), and a template of its own, still build."""
    chapter = '<div class="chapter" id="{{ chapter.id }}">{% for article in chapter.articles %}' \
              '<div id="{{ article.id }}">{{ article.body | safe }}</div>{% endfor %}</div>\n'
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n`<p>正文</p>` 是段落。\n", "styles/_chapter.html": chapter})
    outputs = {o.format: o.path for o in paiban.build(root, formats=["epub", "html"])}
    assert "&lt;p&gt;正文&lt;/p&gt;</code> 是段落" in outputs["html"].read_text(encoding="utf-8")


_QUOTED = "# 甲\n\n> 山城的雾，江边的灯。\n\n正文。\n"


@pytest.mark.parametrize(("source", "used", "above", "told"), [
    ("HouseFangSong.otf", "House Fangsong Std", 0, "Did you mean 'House FangSong'?"),
    ("HouseFangSong-Regular.otf", "House FangSong", 1, "the font HouseFangSong-Regular.otf of @font-face "
                                                       "'House FangSong' is not there"),
    ("Fake.otf", "House FangSong", 1, "the font Fake.otf of @font-face 'House FangSong' is not a font"),
], ids=["misspelt", "missing", "no-font"])
def test_a_font_a_books_sheet_cannot_be_set_in_is_told_at_its_line_and_the_editions_fonts_stand_in(
        tmp_path, caplog, source, used, above, told):
    """A family misspelt in font-family, or brought by an @font-face whose file was missing or no
    font, set the quotation in fontconfig's default, Noto Sans CJK JP (a sans, Japanese glyph
    forms, in a Simplified book), without a word naming the sheet or its line."""
    print_css = (default_theme_dir() / "print.css").read_text(encoding="utf-8") + (
        f'@font-face {{ font-family: "House FangSong"; src: url("{source}"); }}\n'
        f'blockquote {{ font-family: "{used}", serif; }}\n')
    root = make_book(tmp_path / "b", {"a.md": _QUOTED, "styles/print.css": print_css,
                                      "styles/HouseFangSong.otf": _font_named("House FangSong"),
                                      "styles/Fake.otf": "not a font\n"})
    [pdf] = paiban.build(root, formats=["pdf"])
    sheet, lines = root / "styles" / "print.css", len(print_css.splitlines())
    assert any(message.startswith(f"{sheet}:{lines}: font-family '{used}'") and "edition's fonts" in message
               for message in caplog.messages)
    assert any(message.startswith(f"{sheet}:{lines - above}:") and told in message
               for message in caplog.messages)
    names = [font["name"].partition("+")[2] for font in pdf_fonts(pdf.path)]
    assert "Noto-Serif-CJK-SC" in names and not any("JP" in name for name in names)


def test_a_family_not_found_before_ui_monospace_is_set_in_the_editions_mono(tmp_path):
    """The PDF's stand-in for a family not found took the edition's sans for `sans-serif` and its
    mono for `monospace` alone: `"Misspelt", ui-monospace` set a quotation in the serif (and an
    SVG's, in render.svg, the mono: a parser of its own)."""
    print_css = (default_theme_dir() / "print.css").read_text(encoding="utf-8") + (
        'blockquote { font-family: "Misspelt", ui-monospace; }\n')
    root = make_book(tmp_path / "b", {"a.md": _QUOTED, "styles/print.css": print_css})
    [pdf] = paiban.build(root, formats=["pdf"])
    assert "Noto-Sans-Mono-CJK-SC" in [font["name"].partition("+")[2] for font in pdf_fonts(pdf.path)]


@pytest.mark.parametrize(("generic", "role"), [
    ("system-ui", "sans"), ("ui-sans-serif", "sans"), ("ui-serif", "serif"), ("fangsong", "serif"),
    ("cursive", "serif"), ("monospace, sans-serif", "mono")])
def test_the_editions_fonts_that_stand_in_for_a_family_not_found_are_its_generic_familys(tmp_path, generic, role):
    """system-ui and ui-sans-serif took the serif (only sans-serif and monospace had a role), and of
    a list's generic families the last was read, not the first, which sets the text."""
    css = f'p {{ font-family: "Misspelt", {generic}; }}\n'
    fonts = fonts_for("zh-Hans")
    written = contain_css(css, "print.css", allowed_urls("pdf"),
                          StandIns(fonts, SheetFonts([(tmp_path / "print.css", css)])).rewrite(css), tidy=False)
    edition = ", ".join(f'"{name}"' for name in getattr(fonts, role))
    assert written == f'p {{ font-family: "Misspelt", {edition}, {generic.split(",")[0]}; }}'


def test_a_books_own_sheet_is_read_once_for_its_fonts(tmp_path, monkeypatch, caplog):
    """render.stylesheets read and parsed the book's own sheets twice per edition and format: once
    for the warnings of their fonts, once for the PDF's stand-ins."""
    from paiban.config import load_config
    from paiban.edition import editions_for
    from paiban.page import page_geometry
    from paiban.render import stylesheets

    print_css = (default_theme_dir() / "print.css").read_text(encoding="utf-8") + (
        'blockquote { font-family: "Misspelt", serif; }\n')
    root = make_book(tmp_path / "b", {"a.md": _QUOTED, "styles/print.css": print_css})
    loaded, read_text, reads = load_config(root), Path.read_text, []

    def reading(path, *args, **kwargs):
        reads.append(path.resolve())
        return read_text(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", reading)
    sheets = dict(stylesheets(Theme(root), editions_for(loaded.config)[0], "pdf", page_geometry(loaded)))
    assert reads.count((root / "styles" / "print.css").resolve()) == 2  # its text, and its fonts
    assert 'blockquote { font-family: "Misspelt", "Noto Serif CJK SC"' in sheets["print.css"]
    assert caplog.text.count("font-family 'Misspelt'") == 1


def test_a_books_own_font_that_is_no_font_is_not_carried_in_the_epub(tmp_path, caplog):
    """An 11-byte text named Fake.otf went into the EPUB as a font (EPUBCheck does not look inside)."""
    base = (default_theme_dir() / "base.css").read_text(encoding="utf-8") + (
        '@font-face { font-family: "House Kai"; src: url("Fake.otf"); }\nblockquote { font-family: "House Kai"; }\n')
    root = make_book(tmp_path / "b", {"a.md": _QUOTED, "styles/base.css": base, "styles/Fake.otf": "not a font\n"})
    [epub] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(epub.path) as archive:
        assert not any("Fake" in name for name in archive.namelist())
    assert "which refers to Fake.otf, a file that is not a font" in caplog.text
    assert epubcheck_messages(epub.path) == []


def test_a_books_own_font_brought_and_used_as_written_is_told_of_nowhere(tmp_path, caplog):
    """A family installed, or brought by a face of another of the book's sheets, in any case, is no problem."""
    base = (default_theme_dir() / "base.css").read_text(encoding="utf-8") + (
        '@font-face { font-family: "House FangSong"; src: url("fonts/House.otf"); }\n')
    print_css = (default_theme_dir() / "print.css").read_text(encoding="utf-8") + (
        'blockquote { font-family: "house fangsong", "Noto Serif CJK SC", serif; }\n'
        'h1 { font-family: "Noto Sans CJK SC", sans-serif; }\n')
    root = make_book(tmp_path / "b", {"a.md": "# 甲\n\n> The fog rose from the river.\n", "styles/base.css": base,
                                      "styles/print.css": print_css,
                                      "styles/fonts/House.otf": _font_named("House FangSong")})
    [pdf] = paiban.build(root, formats=["pdf"])
    assert not any("font" in message for message in caplog.messages)
    assert "House-FangSong-Bold" in [font["name"].partition("+")[2] for font in pdf_fonts(pdf.path)]


def test_a_font_family_that_names_the_readers_fonts_before_an_installed_one_is_no_problem(tmp_path):
    """An EPUB sheet's `"Songti SC", "STSong", "Noto Serif CJK SC", serif` (a reading device's fonts
    named first, as EPUB sheets do) warned on every build that Songti SC was not installed, and
    failed `paiban check --strict`, though the installed family after it sets the text."""
    sheet = tmp_path / "epub.css"
    css = ('body { font-family: "Songti SC", "STSong", "Noto Serif CJK SC", serif; }\n'
           'h1 { font-family: "Songti SC", "STSong", serif; }\n')
    assert [(problem.line, problem.message.split(",")[0]) for problem in SheetFonts([(sheet, css)]).problems()] == [
        (2, "font-family 'Songti SC' is neither installed nor brought by an @font-face of the book's sheets")]
