"""Fine typesetting for the engines: compressed adjacent punctuation, lines that keep what belongs together."""

import re
from itertools import pairwise
from types import SimpleNamespace

import pytest
from weasyprint import CSS, HTML
from lxml import html

from paiban import xhtml
from paiban.model import Article
from paiban.theme import default_theme_dir
import paiban.render.justify  # noqa: F401  (the PDF's justification, installed by importing it)
from paiban.render.typeset import (apostrophes_shut, compress_punctuation, cues_kept, dates_kept, footnotes_in_place,
                                   for_every_format, keep_last_characters, kept_on_one_line, long_notes_at_end,
                                   quotes_breakable, rubies_in_pairs, running_head, short_blocks_kept, tables_fitted,
                                   units_kept)

from conftest import claimed_png, warnings_of


def body_of(change, body: str) -> str:
    return change(Article(source=None, title="", body=body)).body


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>他说：“好。”</p>", '<p>他说<span class="halt">：</span>“好<span class="halt">。</span>”</p>'),
    ("<p>（注）、其他</p>", '<p>（注<span class="halt">）</span>、其他</p>'),
    ("<p>“「引」”</p>", '<p>“<span class="halt">「</span>引<span class="halt">」</span>”</p>'),
    ("<p>一句。下一句</p>", "<p>一句。下一句</p>"),
    ("<p>“下雪了！”“谁？”</p>",
     '<p>“下雪了<span class="halt">！</span><span class="halt">”</span>“谁<span class="halt">？</span>”</p>'),
    ("<p>好！\u200b《书》</p>", '<p>好<span class="halt">！</span>\u200b《书》</p>'),  # (a line may end between them)
    ("<p>真的？！是吗？？</p>", "<p>真的？！是吗？？</p>"),  # two of them: each keeps its square
])
def test_one_blank_half_goes_between_adjacent_marks(body, expected):
    assert body_of(compress_punctuation, body) == expected


H = '<span class="halt">{}</span>'.format


@pytest.mark.parametrize(("body", "expected"), [
    ('<p><strong>【安灶】</strong>（安仔）见<a href="#d">“阿锅”</a>。</p>',
     f'<p><strong>【安灶{H("】")}</strong>（安仔）见<a href="#d">“阿锅{H("”")}</a>。</p>'),
    ("<p>（<strong>“好”</strong>。<em>“甲</em>”<strong>」</strong>。</p>",
     f"<p>（<strong>{H('“')}好{H('”')}</strong>{H('。')}<em>“甲</em>{H('”')}<strong>{H('」')}</strong>。</p>"),
    ("<p>他说<strong>“好。”</strong>“走”</p>", f"<p>他说<strong>“好{H('。')}{H('”')}</strong>“走”</p>"),
    # A note's call, code, a line break or a block stands between them.
    ('<p>甲。<sup class="footnote-ref"><a href="#fn1">1</a></sup>“乙<code>】</code>（丙。<br/>“丁。</p><p>“戊</p>',
     '<p>甲<span class="keep">。<sup class="footnote-ref"><a href="#fn1">1</a></sup></span>“乙<code class="keep">】'
     '</code>（丙。<br/>“丁。</p><p>“戊</p>'),
    ('<p>甲】<span class="footnote">“注。”</span>（乙<a class="footnote-again" href="#fn1"></a>（</p>',
     f'<p>甲】<span class="footnote">“注{H("。")}”</span>（乙<a class="footnote-again" href="#fn1"></a>（</p>'),
])
def test_adjacent_marks_are_narrowed_across_the_edge_of_an_in_line_element(body, expected):
    """A bold headword's 】 before its variant's （, a linked “阿锅” before 。: one text each side
    of the edge, neither was narrowed, and a full square of blank stood between them."""
    assert body_of(for_every_format, body) == expected


def test_marks_either_side_of_bold_print_as_close_as_in_plain_text():
    from pathlib import Path

    base = (Path(__file__).parents[1] / "styles" / "base.css").read_text(encoding="utf-8")

    def width(markup: str) -> float:
        body = body_of(for_every_format, f"<p>{markup}</p>")
        document = HTML(string=f'<html lang="zh-Hans"><style>{base}</style>'
                               f'<body style="font: 20px \'Noto Serif CJK SC\'">{body}</body></html>').render()
        return document.pages[0]._page_box.children[0].children[0].children[0].children[0].width

    assert width("<strong>【安灶】</strong>（安仔）") == pytest.approx(width("【安灶】（安仔）"), abs=0.5)


def test_a_superscript_or_a_subscript_leaves_its_line_as_tall_as_the_others():
    """x<sup>2</sup> and H<sub>2</sub>O each made their line taller (19.5 and 20.8 pt apart from the
    line before where the others were 18.4): a page of formulas lost its even line spacing."""
    from pathlib import Path

    base = (Path(__file__).parents[1] / "styles" / "base.css").read_text(encoding="utf-8")
    text = "甲乙丙丁戊己庚辛壬癸" * 2
    document = HTML(string=f'<html lang="zh-Hans"><style>{base}</style><body style="font-size: 20px; width: 200px; '
                           f'font-family: \'Noto Serif CJK SC\'"><p>{text}x<sup>2</sup>{text}H<sub>2</sub>O{text}</p>'
                           '</body></html>').render()
    lines = document.pages[0]._page_box.children[0].children[0].children[0].children
    assert len(lines) > 6
    assert {round(after.position_y - before.position_y, 2) for before, after in pairwise(lines)} == {35.0}  # 1.75 em


def test_code_is_never_touched():
    body = "<p><code>a：“b”</code></p>"
    assert body_of(compress_punctuation, body) == body


@pytest.mark.parametrize("face", ["Noto Serif CJK SC", "Noto Sans CJK SC"])
@pytest.mark.parametrize("mark", ["。", "！", "？"])
def test_halt_narrows_the_mark_by_half_an_em_in_weasyprint(mark, face):
    """(Simplified Chinese fonts set ！ and ？ to the left of their square, as they do 。: halt
    takes their right half.)"""
    def width(markup: str) -> float:
        document = HTML(string=f'<p style="font: 20px \'{face}\'">{markup}</p>').render()
        html = document.pages[0]._page_box.children[0]
        return html.children[0].children[0].children[0].width

    plain = width(f"好{mark}”")
    halted = width(f'好<span style="font-feature-settings: \'halt\'">{mark}</span>”')
    assert plain - halted == pytest.approx(10, abs=0.5)


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>剧作家 O’Neill 的作品</p>", '<p>剧作家 <span class="apostrophe">O’Neill</span> 的作品</p>'),
    ("<h3>古城Xī’ān</h3>", '<h3>古城<span class="apostrophe">Xī’ān</span></h3>'),
    ("<p>Tiān’ānmén 与 rock’n’roll</p>",
     '<p><span class="apostrophe">Tiān’ānmén</span> 与 <span class="apostrophe">rock’n’roll</span></p>'),
    ("<p>他说：‘好’。<code>O’Neill</code></p>", "<p>他说：‘好’。<code>O’Neill</code></p>"),  # quotes, and code, stay
])
def test_a_latin_words_apostrophe_is_marked(body, expected):
    assert body_of(apostrophes_shut, body) == expected


@pytest.mark.parametrize("face", ["Noto Serif CJK SC", "Noto Sans CJK TC"])
@pytest.mark.parametrize("word", ["O’Neill", "Xī’ān", "Cháng’ān"])
def test_an_apostrophe_inside_a_latin_word_is_shut_to_its_letters(word, face):
    """CJK fonts draw ’ a full square, as the Chinese closing quote it also is: O’Neill printed as
    O’ Neill and Xī’ān as Xī’ ān, in the PDF and the EPUB. The theme draws the word marked for it
    in the font's proportional forms: as wide as with a straight apostrophe, give or take its shape."""
    def width(markup: str) -> float:
        document = HTML(string=f'<p style="font: 20px \'{face}\'">{markup}</p>').render(
            stylesheets=[CSS(filename=default_theme_dir() / "base.css")])
        html = document.pages[0]._page_box.children[0]
        return sum(line.width for line in html.children[0].children[0].children)

    shut = width(body_of(for_every_format, f"<p>{word}</p>")[3:-4])
    assert shut == pytest.approx(width(word.replace("’", "'")), abs=3)
    assert shut < width(word) - 10  # half an em narrower than the full square


@pytest.mark.parametrize("body", [
    "<p>他说：“好。”然后走了。</p><p>（注）、「引」』</p>",
    "<h3>标题 Title 中文</h3><p>中文 Latin 中文 <em>强调 x</em> 中</p>",
    "<p>A &amp; B 中 &lt;C&gt;。」 D</p>",
    '<p><img src="a.png" alt="“图”。」 x 中"/>中。」<span lang="zh-Hant">（甲）、乙 z</span></p>',
    '<figure><img src="b.png" alt=""/><figcaption>图一：“说明”。</figcaption></figure>',
    "<p>用 <code>paiban build</code> 中：“<code>a：“b” 中</code>”。</p><pre><code>中 x：“”。</code></pre>",
    '<p>见 <a href="http://x.cn">http://x.cn 中：“”</a> 中：“”。<a href="#n">注：“一” 中</a>」</p>',
    '<p><a href="#m"><em>http://y 中</em>：“z”</a>。」<abbr title="t">缩 写</abbr>、「</p>',
    '<ol><li id="fn1"><p>注文：“甲”。 <a href="#r" class="footnote-backref">↑</a></p></li></ol>',
    "<p><code>甲<code>：“乙”</code>：“丙” 5 km</code>：“丁” 5 km<code></code>：“戊”</p>",
    '<p><a href="https://z.cn"> www.z.cn：“己”<a href="#x">：“庚”</a>：“辛”</a>：“壬”<kbd>Ctrl</kbd>。」</p>',
    '<p><var class="v">x：“”</var><samp>：“”</samp>：“”<span class="code">：“”</span></p>',
])
@pytest.mark.parametrize("change", [compress_punctuation, units_kept])
def test_text_between_tags_is_changed_as_the_parsed_tree_would_be(body, change, monkeypatch):
    quick = body_of(change, body)
    def parse_instead(*_):
        raise xhtml._NotSerialised

    monkeypatch.setattr(xhtml, "_split_serialised", parse_instead)  # every body takes the parsed path
    assert quick == body_of(change, body)


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>孩子们的摇篮。</p>", '<p>孩子们的<span class="keep">摇篮。</span></p>'),
    ("<p>他<em>说</em>：“走了。”</p>\n", '<p>他<em>说</em>：“<span class="keep">走了。”</span></p>\n'),
    ("<ul><li>由它排出；</li></ul>", '<ul><li>由它<span class="keep">排出；</span></li></ul>'),
    ("<p>见注<span>1</span>。</p>", "<p>见注<span>1</span>。</p>"),  # one character after the note: nothing to keep
    ('<p>正文<span class="footnote"><span>注释的最后一句。</span></span>。</p>',  # (the call is kept with 正文)
     '<p><span class="keep">正文<span class="footnote"><span>注释的最后<span class="keep">一句。</span></span></span>'
     '。</span></p>'),
    ("<p>version 2.0</p>", "<p>version 2.0</p>"),
    ("<p>合计 2,345.67 元。</p>", '<p>合计 <span class="keep">2,345.67 元。</span></p>'),
    ("<dl><dt>堆</dt><dd>参见缓冲区接口。</dd></dl>",
     '<dl><dt>堆</dt><dd>参见缓冲区<span class="keep">接口。</span></dd></dl>'),
    ('<p>参见<a href="#t">缓冲区接口</a>。</p>', '<p>参见<a href="#t">缓冲区<span class="keep">接口</span></a>。</p>'),
])
def test_a_paragraphs_last_two_characters_are_kept_together(body, expected):
    assert body_of(keep_last_characters, body) == expected


def note(text: str) -> str:
    """Markdown's list of notes for one note, ``fn1``."""
    return ('<section class="footnotes"><ol class="footnotes-list"><li id="fn1" class="footnote-item">'
            f'<p>{text} <a href="#fnref1" class="footnote-backref">↑</a></p></li></ol></section>')


CALL = '<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>'
NOTE = '<span class="footnote" id="fn1"><span>注。</span></span>'


@pytest.mark.parametrize(("body", "expected"), [
    (f"<p>写于去年三月。{CALL}</p>{note('注。')}",
     f'<p>写于去年<span class="keep">三月<span class="keep">。{NOTE}</span></span></p>'),
    (f"<p>写于去年三月{CALL}。</p>{note('注。')}",
     f'<p>写于去年<span class="keep">三<span class="keep">月{NOTE}。</span></span></p>'),
    (f"<p>写于去年三月。{CALL}然后</p>{note('注。')}",
     f'<p>写于去年三月<span class="keep">。{NOTE}</span><span class="keep">然后</span></p>'),
])
def test_a_paragraph_ending_in_a_note_call_keeps_its_last_two_characters_with_it(body, expected):
    """…三月。¹ ended on a line of its own: 月。¹ (the call ends the paragraph, not its text)."""
    assert body_of(lambda article: keep_last_characters(footnotes_in_place(article)), body) == expected


def test_a_note_called_twice_is_printed_once_and_the_second_call_repeats_its_number():
    """The PDF copied the note at every call: 2. 第一个注释。 3. 第一个注释。"""
    again = CALL.replace('id="fnref1"', 'id="fnref1:1"')
    body = body_of(footnotes_in_place, f"<p>甲句{CALL}。乙句{again}。</p>{note('注。')}")
    assert body == (f'<p>甲<span class="keep">句{NOTE}。</span>乙<span class="keep">句'
                    '<a class="footnote-again" href="#fn1"></a>。</span></p>')


def test_a_list_of_notes_is_kept_while_it_holds_a_note_no_call_moved():
    """Every section.footnotes went, notes no call had moved out of it included."""
    body = body_of(footnotes_in_place, f'<p>正文{CALL.replace("#fn1", "#fn2")}。</p>{note("留下的注。")}')
    assert "留下的注。" in body and '<section class="footnotes">' in body


def test_a_note_keeps_the_language_it_is_written_in_at_its_call_and_as_an_endnote():
    """A note of an English passage (its list item's lang, sources.markdown) lost it in the PDF's
    markup: set at its call it took that text's, and as an endnote, at the article's end, the book's."""
    english = note("A note in English.").replace('class="footnote-item"', 'class="footnote-item" lang="en"')
    body = f"<p>正文{CALL}。</p>{english}"
    assert '<span class="footnote" id="fn1" lang="en">' in body_of(footnotes_in_place, body)
    a_line_of_notes = SimpleNamespace(characters=10, font_size=10, text_height=10)  # any note is long there
    ended = body_of(lambda article: long_notes_at_end(a_line_of_notes)(footnotes_in_place(article)), body)
    assert '<p class="endnote" id="fn1" lang="en">' in ended


def test_a_note_keeps_the_direction_it_is_written_in_at_its_call_and_as_an_endnote():
    """Set inside the paragraph calling it, a note took that paragraph's direction: a Chinese note
    on a Uyghur quotation was printed from the right, its pieces in reverse order. As an endnote, a
    Uyghur note called from Uyghur text (its list's other notes Chinese) was set left to right."""
    chinese = body_of(footnotes_in_place, f'<p dir="rtl">مەن كىتاب{CALL}.</p>{note("中文注。")}')
    assert '<span class="footnote" id="fn1" dir="ltr">' in chinese
    uyghur_note = note("بۇ كىتاب ناھايىتى ياخشى. " * 3).replace("<p>", '<p dir="rtl">')
    body = f'<p dir="rtl">مەن كىتاب{CALL}.</p>{uyghur_note}'
    assert '<span class="footnote" id="fn1">' in body_of(footnotes_in_place, body)  # (its paragraph's direction)
    a_line_of_notes = SimpleNamespace(characters=10, font_size=10, text_height=10)
    ended = body_of(lambda article: long_notes_at_end(a_line_of_notes)(footnotes_in_place(article)), body)
    assert '<p class="endnote" id="fn1" dir="rtl">' in ended


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>他说：<strong>好了。</strong></p>", '<p>他说：<strong><span class="keep">好了。</span></strong></p>'),
    ('<p>见<a href="#x">某本书</a></p>', '<p>见<a href="#x">某<span class="keep">本书</span></a></p>'),
    ("<ul><li><p>甲乙丙。</p></li></ul>", '<ul><li><p>甲<span class="keep">乙丙。</span></p></li></ul>'),
])
def test_a_paragraph_ending_in_an_inline_element_keeps_its_last_two_characters(body, expected):
    assert body_of(keep_last_characters, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>走了4.5 km，气温52 °C，增长30 %。</p>", "<p>走了4.5\u00a0km，气温52\u00a0°C，增长30\u00a0%。</p>"),
    ("<p>共3 apples</p>", "<p>共3 apples</p>"),  # a word, not a unit
    ("<p>气温3～5 °C</p>", '<p>气温<span class="keep">3～5</span>\u00a0°C</p>'),
    ("<p>运行 <code>sleep 5 s</code></p>", "<p>运行 <code>sleep 5 s</code></p>"),  # code as written
    # GB/T 15834's 一字线 of a span of time: 王某（1877— / 1927） and 第1 / —20页 were broken in print,
    # and 2009年—2012 / 年 parted a year from its 年
    ("<p>王某（1877—1927）</p>", '<p>王某（<span class="keep">1877—1927</span>）</p>'),
    ("<p>2009年—2012年，第1—20页</p>",
     '<p><span class="keep">2009年—2012年</span>，第<span class="keep">1—20</span>页</p>'),
    ("<p>1927——那一年</p>", "<p>1927——那一年</p>"),  # a 破折号, no range
    # A range of amounts: 0.7%～ / 10%, 5 mg / ～10 mg, 3天 / ～5天; and 0. / 7%～10% at the span's edge.
    ("<p>约为0.7%～10%，5 mg～10 mg，3天～5天</p>",
     '<p>约为<span class="keep">0.7%～10</span>%，<span class="keep">5\u00a0mg～10</span>\u00a0mg，'
     '<span class="keep">3天～5天</span></p>'),
    # A range whose second number has a point or a separator: 0.5MPa～1. / 2MPa read as 1 and 2 MPa.
    ("<p>压力为0.5MPa～1.2MPa，0.5～1.5 mm，1～1,000</p>",
     '<p>压力为<span class="keep">0.5MPa～1.2</span>MPa，<span class="keep">0.5～1.5</span>\u00a0mm，'
     '<span class="keep">1～1,000</span></p>'),
    # A range of amounts in a compound unit: 2L/min～ / 6L/min, 3kg/m³ / ～5kg/m³.
    ("<p>流量为2L/min～6L/min，密度3 kg/m³～5.5 kg/m³</p>",
     '<p>流量为2<span class="keep">L/min～6</span><span class="keep">L/min</span>，'
     '密度3\u00a0<span class="keep">kg/m³～5.5</span>\u00a0<span class="keep">kg/m³</span></p>'),
])
def test_a_number_and_its_unit_are_never_parted(body, expected):
    assert body_of(units_kept, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>气温25 ℃，电阻10 Ω、2 kΩ，长5 μm</p>", "<p>气温25\u00a0℃，电阻10\u00a0Ω、2\u00a0kΩ，长5\u00a0μm</p>"),
    ("<p>1 mm = 10⁻³ m</p>", "<p>1\u00a0mm = 10⁻³\u00a0m</p>"),
    ("<p>约3×10<sup>5</sup> km</p>", "<p>约3×10<sup>5</sup>\u00a0km</p>"),
    ("<p>m<sup>2</sup> 是单位</p>", "<p>m<sup>2</sup> 是单位</p>"),  # no number before the superscript
    ("<p>合3.6 km/h，g取9.8 N/kg</p>",
     '<p>合3.6\u00a0<span class="keep">km/h</span>，g取9.8\u00a0<span class="keep">N/kg</span></p>'),
    ("<p>为＿＿＿＿kg/m³、m/s²、J/(kg·℃)</p>",
     '<p>为<span class="keep">＿＿＿＿</span><span class="keep">kg/m³</span>、<span class="keep">m/s²</span>、'
     '<span class="keep">J/(kg·℃)</span></p>'),
    ("<p>见example.com/zh与src/paiban</p>", "<p>见example.com/zh与src/paiban</p>"),  # a path, no unit
    # A clinical text's units of four letters (a prefix before three) and the ångström (Å, and its sign Å).
    ("<p>血糖3.5 mmol/L，肌酐88 μmol/L，血压120 mmHg，0.529 Å，0.1 \u212b，10 \u2126</p>",
     '<p>血糖3.5\u00a0<span class="keep">mmol/L</span>，肌酐88\u00a0<span class="keep">μmol/L</span>，'
     "血压120\u00a0mmHg，0.529\u00a0Å，0.1\u00a0\u212b，10\u00a0\u2126</p>"),
    # The unit a power of ten counts per, after a superscript digit or an exponent written as markup,
    # and a range's mark after it; a fraction's slash after a range's mark.
    ("<p>血小板100×10⁹/L，白细胞100×10<sup>9</sup>/L，正常值4.0×10⁹/L～10.0×10⁹/L，1/1000～1/100</p>",
     '<p>血小板100×10⁹<span class="keep">/L</span>，白细胞100×10<sup>9</sup><span class="keep">/L</span>，'
     '正常值4.0×10⁹<span class="keep">/L～10.0</span>×10⁹<span class="keep">/L</span>，'
     '<span class="keep">1/1000～1/100</span></p>'),
    ("<p>共3 from 5 with</p>", "<p>共3 from 5 with</p>"),  # words, not units
    # Units a prefix makes longer than three letters are those texts write, not a prefix before any three:
    # words and paths that begin as a prefix does are none.
    ("<p>3 more, 2 cats, 10 kids, 7 main, 1990 many; src/main, mean/max</p>",
     "<p>3 more, 2 cats, 10 kids, 7 main, 1990 many; src/main, mean/max</p>"),
    ("<p>2000 kcal，渗透压290 mOsm/kg，气压1013 mbar，带宽100 Mbps，5 nmol</p>",
     '<p>2000 kcal，渗透压290 <span class="keep">mOsm/kg</span>，气压1013 mbar，带宽100 Mbps，'
     "5 nmol</p>"),
    ("<p>" + "＿" * 10 + "</p>", '<p><span class="keep">' + "＿" * 10 + "</span></p>"),
])
def test_a_unit_symbol_a_compound_unit_and_a_blank_are_kept_on_one_line(body, expected):
    """A textbook's units broke in print: 25 / ℃, 10 / Ω and 10⁻³ / m (only a Latin unit after a
    digit was joined to its number), km/ / h and N/ / kg at their slash; and a blank to write in,
    a run of ＿, at any of its characters, so a pupil saw two blanks. A medical text's broke 3.5 / mmol/L,
    3.5 mmol/ / L, 120 / mmHg and 0.529 / Å: a symbol of four letters, and the ångström, were no unit."""
    assert body_of(units_kept, body) == expected


@pytest.mark.parametrize(("blank", "breaking"), [
    ("＿" * 12, "＿\u2060＿" + "＿" * 8 + "＿\u2060＿"),
    ("_" * 12, "__" + "\u200b_" * 8 + "\u200b__"),
])
def test_a_blank_longer_than_blank_kept_may_break_anywhere_but_beside_its_ends(blank, breaking):
    """A blank kept in parts of ten (＿), or whole as one word (_), went to the next line when the
    rest of the line could not hold a part, and the line it left was spread out (答 and ： apart
    across the page). A line may end inside it now, where it fills the line, but for a bit of two."""
    assert body_of(units_kept, f"<p>答：{blank}</p>") == f"<p>答：{breaking}</p>"


KEPT = '<span class="keep">{}</span>'.format


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>战国（前475—前221），汉代（前206—220），商（约前1600—前1046）</p>",
     f"<p>战国（{KEPT('前475—前221')}），汉代（{KEPT('前206—220')}），商（约{KEPT('前1600—前1046')}）</p>"),
    ("<p>秦（公元前221年—前206年），秦（前221）</p>",
     f"<p>秦（公元{KEPT('前221年—前206年')}），秦（{KEPT('前221')}）</p>"),
    ("<p>提前3—5天</p>", f"<p>提{KEPT('前3—5天')}</p>"),  # the amount's unit kept still
])
def test_a_year_before_the_common_era_keeps_its_qian_and_its_range_mark(body, expected):
    """A museum catalogue's dates broke in print: 战国（前475 / —前221）, 前475— / 前221, and
    汉代（前 / 206—220）, which reads as AD 206–220. Only a range of digits, 618—907, was kept."""
    assert body_of(units_kept, body) == expected


def test_a_reading_system_keeps_a_range_and_a_year_before_the_common_era_whole():
    """The EPUB and the preview kept neither (print alone did): a reading system broke 前 / 221,
    which reads as the year 221, 1877 / —1927 and 前475— / 前221."""
    body = "<p>前221年秦统一六国，1877—1927年间，前475—前221为战国</p>"
    assert body_of(dates_kept, body) == (f"<p>{KEPT('前221')}年秦统一六国，{KEPT('1877—1927年')}间，"
                                         f"{KEPT('前475—前221')}为战国</p>")


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>尺寸为 23.5 × 12.8 cm，第三件为 7.2 × 16.4 × 5.1 cm</p>",
     "<p>尺寸为 23.5\u00a0×\u00a012.8\u00a0cm，第三件为 7.2\u00a0×\u00a016.4\u00a0×\u00a05.1\u00a0cm</p>"),
    ("<p>长宽 23.5 cm × 12.8 cm，约3 × 10<sup>5</sup> km</p>",
     "<p>长宽 23.5\u00a0cm\u00a0×\u00a012.8\u00a0cm，约3\u00a0×\u00a010<sup>5</sup>\u00a0km</p>"),
    ("<p>乘号 × 读作乘</p>", "<p>乘号 × 读作乘</p>"),  # no number after it
])
def test_a_dimension_is_not_broken_at_the_spaces_round_its_times_sign(body, expected):
    """A catalogue's dimensions broke in print: a line ended 尺寸为 23.5 × and the next began
    × 12.8 cm, where 23.5×12.8厘米, written without spaces, was never broken."""
    assert body_of(units_kept, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>放入2大勺面粉、½小勺盐、1/2小勺糖</p>",
     f"<p>放入{KEPT('2大勺')}面粉、{KEPT('½小勺')}盐、{KEPT('1/2小勺')}糖</p>"),
    ("<p>加1,000克面粉、1½杯水，炒3～5分钟，约200 毫升</p>",
     f"<p>加{KEPT('1,000克')}面粉、{KEPT('1½杯')}水，炒{KEPT('3～5分钟')}，约200\u00a0毫升</p>"),
    ("<p>共3个人</p>", f"<p>共{KEPT('3个')}人</p>"),  # the unit, not the word after it
    ("<p>雞蛋3個，炒5分鐘</p>", f"<p>雞蛋{KEPT('3個')}，炒{KEPT('5分鐘')}</p>"),  # a Traditional edition's
    # A drug label's doses, how often and from what age: 一日2～3 / 次, ≥18 / 岁 read as two things.
    ("<p>一日2～3次，每次1喷或2支，≥18岁，滿12歲</p>",
     f"<p>一日{KEPT('2～3次')}，每次{KEPT('1喷')}或{KEPT('2支')}，≥{KEPT('18岁')}，滿{KEPT('12歲')}</p>"),
    ("<p>2009年—2012年，第3章</p>", f"<p>{KEPT('2009年—2012年')}，第3章</p>"),  # a date, a chapter: no unit
    # (in full-width digits)
    ("<p>加１２．５克、１，２３４元</p>", f"<p>加{KEPT('１２．５克')}、{KEPT('１，２３４元')}</p>"),
])
def test_a_number_and_its_chinese_unit_are_kept_on_one_line(body, expected):
    """A cookbook's amounts broke in print: 放入2大勺面粉、½ / 小勺盐, 1/2 / 小勺, 3 / 小勺,
    搅拌至200 / 毫升。 Only a unit written in Latin letters or a symbol was kept with its number;
    and the Traditional forms (3 / 個, 5 / 分鐘) not at all, only the verse rule knowing them."""
    assert body_of(units_kept, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>超过230亿元，发放消费券5万元，共1.2万亿元</p>",
     f"<p>超过{KEPT('230亿元')}，发放消费券{KEPT('5万元')}，共{KEPT('1.2万亿元')}</p>"),
    ("<p>就业12.5万人，产量100万吨，发电50亿千瓦时，投资3亿～5亿元，超过230亿，5千万元</p>",
     f"<p>就业{KEPT('12.5万人')}，产量{KEPT('100万吨')}，发电{KEPT('50亿千瓦时')}，投资{KEPT('3亿～5亿元')}，"
     f"超过{KEPT('230亿')}，{KEPT('5千万元')}</p>"),
    # (a Traditional edition's)
    ("<p>超過230億元，共1.2萬億元</p>", f"<p>超過{KEPT('230億元')}，共{KEPT('1.2萬億元')}</p>"),
])
def test_a_number_keeps_its_magnitude_and_the_unit_after_it(body, expected):
    """A work report's amounts broke in print: 超过230亿 / 元, 230 / 亿元, 5 / 万元, as 万 and 亿 were
    neither a unit nor part of a number: a number with its magnitude is one, and it keeps its unit."""
    assert body_of(units_kept, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>风速+0.8米/秒，时速120公里/小时，2.5元/千克，5万元/亩，每人3个/5个</p>",
     f"<p>风速+{KEPT('0.8米/秒')}，时速{KEPT('120公里/小时')}，{KEPT('2.5元/千克')}，{KEPT('5万元/亩')}，"
     f"每人{KEPT('3个')}/{KEPT('5个')}</p>"),  # (two amounts, no unit per unit)
    ("<p>時速120公里／小時</p>", f"<p>時速{KEPT('120公里／小時')}</p>"),  # (Traditional; a full-width slash)
])
def test_a_number_keeps_its_chinese_unit_per_chinese_unit(body, expected):
    """An athletics report broke its wind readings and speeds in print, 0.8米/ / 秒, 120公里/ / 小时 and
    120公里/小 / 时, and a market report its prices, 2.5元/ / 千克: only a Latin compound unit (km/h) was kept."""
    assert body_of(units_kept, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>以9秒83夺冠，12秒91，1分52秒36，2小时03分45秒，用时2小时03分钟，成绩1分52秒</p>",
     f"<p>以{KEPT('9秒83')}夺冠，{KEPT('12秒91')}，{KEPT('1分52秒36')}，{KEPT('2小时03分45秒')}，"
     f"用时{KEPT('2小时03分钟')}，成绩{KEPT('1分52秒')}</p>"),
    ("<p>以3比1获胜，最终98比95，2比0</p>", f"<p>以{KEPT('3比1')}获胜，最终{KEPT('98比95')}，{KEPT('2比0')}</p>"),
    # 比 with a figure on one side alone is a word's: 比较, 对比, a match day.
    ("<p>两队对比，第3比赛日，比较2年前</p>", f"<p>两队对比，第3比赛日，比较{KEPT('2年')}前</p>"),
    ("<p>用時2小時03分45秒</p>", f"<p>用時{KEPT('2小時03分45秒')}</p>"),  # (a Traditional edition's)
])
def test_a_time_written_in_units_and_a_score_are_kept_on_one_line(body, expected):
    """A sports yearbook's records and scores broke in print: 9秒 / 83, 1分 / 52秒36, 2小时 / 03分45秒,
    2 / 比0 and 3比 / 1, where 2:03:45 and 3∶1 never do: a line beginning 83 reads as a number of its own."""
    assert body_of(units_kept, body) == expected


def test_a_long_chain_of_numbers_joined_by_points_is_read_once():
    """Tried again from each figure after a point, the pattern of what is kept read the chain to its end
    each time: a chain 1.1.1.1… of 20,000 characters took about a minute. Its last part still opens a date."""
    chain = "1." * 10_000
    body = body_of(units_kept, f"<p>版本{chain}5月发布，{chain}0</p>")
    assert body == f"<p>版本{chain}{KEPT('5月')}发布，{chain}0</p>"
    assert body_of(dates_kept, f"<p>{chain}0</p>") == f"<p>{chain}0</p>"  # (a reading system's look, too)


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>史前202年，清1644年入关，19世纪60年代，20世纪初，公元前221年</p>",
     f"<p>史{KEPT('前202年')}，清{KEPT('1644年')}入关，{KEPT('19世纪')}{KEPT('60年代')}，{KEPT('20世纪')}初，"
     f"公元{KEPT('前221年')}</p>"),
    ("<p>2024年5月3日，19世紀</p>", f"<p>{KEPT('2024年')}{KEPT('5月')}{KEPT('3日')}，{KEPT('19世紀')}</p>"),
])
def test_a_dates_number_keeps_its_year_month_day_decade_or_century(body, expected):
    """A chronology's dates broke in print: 史前202 / 年, 1644 / 年, 19 / 世纪60年代, 20 / 世纪初, 19世纪60 /
    年代: only a range kept a 年 with its number, and a year before the common era only its 前."""
    assert body_of(units_kept, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>继续搅拌至200毫升。</p>", f"<p>继续搅拌至{KEPT('200毫升')}。</p>"),
    ("<p>再加200毫升水。</p>", f"<p>再加{KEPT(KEPT('200毫升') + '水。')}</p>"),
    ("<p>放入200毫升清水。</p>", f"<p>放入{KEPT('200毫升')}{KEPT('清水。')}</p>"),
])
def test_a_paragraph_ending_after_a_number_and_its_unit_keeps_them_with_its_last_character(body, expected):
    """The last two characters of 搅拌至200毫升。 were kept (200 / 毫升。); once a number is kept
    with its unit, 200毫升 / 水。 would end the paragraph on a line of one character."""
    assert body_of(lambda article: keep_last_characters(units_kept(article)), body) == expected


def test_a_paragraph_ending_in_no_chinese_character_after_an_amount_is_not_kept_whole_from_it():
    """居民人均可支配收入达到45,678元，同比增长6.2%。 was kept on one line from 45,678元 to its end,
    since its last two characters are no Chinese ones: the line before it was letter-spaced."""
    body = body_of(lambda article: keep_last_characters(units_kept(article)), "<p>收入达到45,678元，同比增长6.2%。</p>")
    assert body == f"<p>收入达到{KEPT('45,678元')}，同比增长6.2%。</p>"



@pytest.mark.parametrize(("body", "expected"), [
    ("<p>电话 0571-8888 8801，手机 +86 138 0000 0000。</p>",
     f"<p>电话 {KEPT('0571-8888 8801')}，手机 {KEPT('+86 138 0000 0000')}。</p>"),
    ("<p>热线400-123-4567或138 0000 0000，香港 +852 2345 6789</p>",
     f"<p>热线{KEPT('400-123-4567')}或{KEPT('138 0000 0000')}，香港 {KEPT('+852 2345 6789')}</p>"),
    ("<p>总机（0571）外 (0571) 8888 8801、010-12345678</p>",
     f"<p>总机（0571）外 {KEPT('(0571) 8888 8801')}、{KEPT('010-12345678')}</p>"),
    # Hong Kong's and Macau's eight figures in two groups, with or without the code in brackets.
    ("<p>請致電2345 6789、(852) 2345 6789或(+853) 2888 8888</p>",
     f"<p>請致電{KEPT('2345 6789')}、{KEPT('(852) 2345 6789')}或{KEPT('(+853) 2888 8888')}</p>"),
    # ... after a telephone's word, in its sentence (a local number alone is two years or two scores).
    ("<p>電話：2345 6789；Tel 3456 7890，傳真號碼為 2345 6790</p>",
     f"<p>電話：{KEPT('2345 6789')}；Tel {KEPT('3456 7890')}，傳真號碼為 {KEPT('2345 6790')}</p>"),
    # ... a mobile's, a contact's, and a second number joined to the first (7acd867 kept none of them).
    ("<p>手機 9123 4567 或 9876 5432。聯繫人：陳先生 9123 4567。電話：2345 6789 或 2345 6790、2345 6791</p>",
     f"<p>手機 {KEPT('9123 4567')} 或 {KEPT('9876 5432')}。聯繫人：陳先生 {KEPT('9123 4567')}。"
     f"電話：{KEPT('2345 6789')} 或 {KEPT('2345 6790')}、{KEPT('2345 6791')}</p>"),
    # Digits spaced out that are no number to call: a count, a card's number, a date, an ISBN, a list,
    # two years, two scores, a sentence after a telephone's.
    ("<p>1 000 000 人，卡号 6222 0000 1111 2222，2024-03-15，978-7-5327-1234-5，第 1 2 3 名，1234 5678</p>",
     "<p>1 000 000 人，卡号 6222 0000 1111 2222，2024-03-15，978-7-5327-1234-5，第 1 2 3 名，1234 5678</p>"),
    ("<p>2008 2012 年两届，比分 3000 4000。电话已停用。2345 6789 是旧号</p>",
     "<p>2008 2012 年两届，比分 3000 4000。电话已停用。2345 6789 是旧号</p>"),
    ("<p>比分 3000 4000 或 5000 6000。电话已停用。2345 6789 或 2345 6790</p>",
     "<p>比分 3000 4000 或 5000 6000。电话已停用。2345 6789 或 2345 6790</p>"),
    ("<p>运行 <code>call 0571-8888 8801</code></p>", "<p>运行 <code>call 0571-8888 8801</code></p>"),
])
def test_a_telephone_number_is_kept_on_one_line(body, expected):
    """A guide's numbers broke at their spaces and after their hyphens: 电话 0571-8888 / 8801，
    手机 +86 / 138 0000 0000, and 8801 beginning a line reads as a number of its own."""
    assert body_of(kept_on_one_line, body) == expected


def test_a_citations_labels_in_a_row_are_kept_on_one_line():
    """第7(2)(b)(ii)條 broke between its labels, 第7(2) / (b)(ii)條, which reads as two citations."""
    body = body_of(kept_on_one_line, "<p>根據第7(2)(b)(ii)條及第5(1)條</p>")
    assert body == f"<p>根據第7{KEPT('(2)(b)(ii)')}條及第5(1)條</p>"


@pytest.mark.parametrize("cited", ["[10, 11]", "[6,7]", "[2–4]", "[1，3，5]", "[2, 5-7]"])
def test_a_bracketed_citation_of_several_references_is_kept_on_one_line(cited):
    """取得了显著进展[6, 7]。 broke after its comma, [6, / 7]。, and a line began with a stray 7]."""
    body = body_of(kept_on_one_line, f"<p>又见{cited}。文献[3]与 [a, b] 不变</p>")
    assert body == f"<p>又见{KEPT(cited)}。文献[3]与 [a, b] 不变</p>"


def test_a_paragraph_ending_one_character_after_a_telephone_number_keeps_them_together():
    """Kept before the paragraph's last characters are (as print does), 8801 转。 stays whole:
    kept after, the last two characters took the number's last group (0571-8888 / 8801 转。)."""
    body = body_of(lambda article: keep_last_characters(kept_on_one_line(article)), "<p>请拨 0571-8888 8801 转。</p>")
    assert body == f"<p>请拨 {KEPT(KEPT('0571-8888 8801') + ' 转。')}</p>"



@pytest.mark.parametrize(("body", "expected"), [
    ("<p>类型：□文艺演出　☐体育活动　☑ 商业宣传　■其他</p>",
     f"<p>类型：{KEPT('□文')}艺演出　{KEPT('☐体')}育活动　{KEPT('☑ 商')}业宣传　{KEPT('■其')}他</p>"),
    ("<p>号码□□□□</p><p>☒同意</p>", f"<p>号码□□□□</p><p>{KEPT('☒同')}意</p>"),  # squares to write in, then a box
    ("<table><tr><td>□是　□否</td></tr></table>",
     f"<table><tr><td>{KEPT('□是')}　{KEPT('□否')}</td></tr></table>"),
])
def test_a_box_to_tick_is_kept_with_its_label(body, expected):
    """A form's line ended between a box and its label (…□体育活动　□ / 商业宣传), in a paragraph
    and in a table's cell: the box is kept with its label's first character."""
    assert body_of(kept_on_one_line, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>〈名〉①腌制的咸菜。②争吵；③引申</p>", f"<p>〈名〉{KEPT('①腌')}制的咸菜。{KEPT('②争')}吵；{KEPT('③引')}申</p>"),
    ("<p>主要有：① 甲，②“乙”、❶丙⑴丁</p>",
     f"<p>主要有：{KEPT('① 甲')}，{KEPT('②“乙')}”、{KEPT('❶丙')}{KEPT('⑴丁')}</p>"),
    ("<p>①　第一条</p>", f"<p>{KEPT('①　第')}一条</p>"),
    ("<p>主要有：㉑甲；㊿乙</p>", f"<p>主要有：{KEPT('㉑甲')}；{KEPT('㊿乙')}</p>"),  # (㉑ to ㊿ as ① to ⑳)
    # Before the bold or the link it numbers, a word joiner keeps it with that one's first character.
    ('<p>主要有：①<strong>学习</strong>；②<a href="#x">工作</a></p>',
     '<p>主要有：①\u2060<strong>学习</strong>；②\u2060<a href="#x">工作</a></p>'),
    # A note's call after a word or a title (kept with the character before it: for_every_format), a sense referred to.
    ("<p>参见某书①，《论语》①又见（①）</p>", "<p>参见某书①，《论语》①又见（①）</p>"),
    ("<p>他说……①然后——②30°③何以至此？④」⑤成岁㉑律吕</p>", "<p>他说……①然后——②30°③何以至此？④」⑤成岁㉑律吕</p>"),
])
def test_the_number_of_a_sense_or_an_item_is_kept_with_what_it_numbers(body, expected):
    """A dictionary's senses ①②③ after 。 and ； were taken for notes' calls typed by hand and kept
    with the mark before them: a line ended 。② and its sense began the next."""
    assert body_of(kept_on_one_line, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>上涨１２.３%，计１，２３４.５６亿元，下跌－３.５％于２０２４-０３-１５ ０９：３０</p>",
     f"<p>上涨{KEPT('１２.３%')}，计{KEPT('１，２３４.５６')}亿元，下跌{KEPT('－３.５％')}"
     f"于{KEPT('２０２４-０３-１５')} {KEPT('０９：３０')}</p>"),
    ("<p>指数８,０７９.６点，比例１：２．５，第３章</p>",  # an ASCII comma too; a digit alone needs nothing
     f"<p>指数{KEPT('８,０７９.６')}点，比例{KEPT('１：２．５')}，第３章</p>"),
    # A clause's comma (before other than three digits); a number as long as a Latin word that may break.
    ("<p>依次为１，２，３，或１２，３４５６；证号１１０１０５１９９００３０７１２３４</p>",
     f"<p>依次为１，２，３，或{KEPT('１２')}，{KEPT('３４５６')}；证号１１０１０５１９９００３０７１２３４</p>"),
])
def test_a_number_in_full_width_digits_is_kept_on_one_line(body, expected):
    """Scraped financial news writes its figures in full-width digits, which Unicode lets a line end
    between as between ideographs: the PDF printed 澄江市场１ / ２.３% and 表１，２３４. / ５６亿元,
    where the same figures in ASCII digits never broke."""
    assert body_of(kept_on_one_line, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>列夫·托尔斯泰与J·K·罗琳读《史记·项羽本纪》</p>",
     f"<p>列{KEPT('夫·托')}尔斯泰与{KEPT('J·K·罗')}琳读《史{KEPT('记·项')}羽本纪》</p>"),
    ("<p>喬治‧華盛頓、ジョン・スミス</p>", f"<p>喬{KEPT('治‧華')}盛頓、ジョ{KEPT('ン・ス')}ミス</p>"),
    ("<p>要点 · 其一</p>", "<p>要点 · 其一</p>"),  # a dot set apart by spaces joins nothing
    # The bullet a mainland web page types for it; a list's bullet or a menu's separator joins nothing.
    ("<p>卡洛斯•门德斯与C•罗纳尔多</p>", f"<p>卡洛{KEPT('斯•门')}德斯与{KEPT('C•罗')}纳尔多</p>"),
    ("<p>• 要点</p><p>•要点</p><p>首页 • 新闻 • 体育</p>", "<p>• 要点</p><p>•要点</p><p>首页 • 新闻 • 体育</p>"),
    ("<p>J·R·R·托尔金与W·E·B·杜波依斯</p>", f"<p>{KEPT('J·R·R·托')}尔金与{KEPT('W·E·B·杜')}波依斯</p>"),
    # A chain of more parts of one character is no name: an ornament, a list.
    ("<p>—·—·—·—·—</p><p>编委：王·李·张·刘·陈。</p>", "<p>—·—·—·—·—</p><p>编委：王·李·张·刘·陈。</p>"),
])
def test_an_interpunct_is_kept_with_the_characters_either_side_of_it(body, expected):
    """A translation's 间隔号 began and ended lines in the PDF (安娜· / ·卡列尼娜): Pango breaks on
    either side of · and • beside Chinese, and after ‧ and ・."""
    assert body_of(kept_on_one_line, body) == expected


@pytest.mark.parametrize("width", [14, 20])
def test_a_long_chain_of_interpuncts_breaks_within_the_line(width):
    """A —·—·— ornament and a list of one-character names (王·李·张·刘…) were kept on one line as if
    each were a name, and ran off the page."""
    ornament, names = "—·" * 30 + "—", "·".join("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗")
    lines = _lines_at(width, f"{ornament}。编委：{names}。" * 4)
    assert [line for line in lines if ornament in line or names in line] == []


@pytest.mark.parametrize("width", range(14, 26))
def test_no_line_breaks_inside_a_number_in_full_width_digits(width):
    figures = ["１２.３%", "１，２３４.５６", "－３.５％", "２０２４-０３-１５"]
    lines = _lines_at(width, "".join(f"澄江市场{'回顾' * (count % 3)}{figure}，" for count in range(8)
                                     for figure in figures) + "完。")
    assert sum(line.count(figure) for line in lines for figure in figures) == 32, lines


@pytest.mark.parametrize("width", range(14, 26))
def test_no_line_begins_or_ends_with_an_interpunct(width):
    names = "米哈伊尔·谢尔盖耶维奇·别洛乌索夫与列夫·托尔斯泰、安娜·卡列尼娜、喬治‧華盛頓、卡洛斯•门德斯同行。"
    dots = ("·", "‧", "•")
    assert [line for line in _lines_at(width, names * 8) if line.startswith(dots) or line.rstrip().endswith(dots)] == []


@pytest.mark.parametrize("width", range(14, 26))
def test_no_line_ends_with_the_number_of_a_sense(width):
    entry = "【安嘴】ān zuǐ〈副〉①腌制的咸菜。例：今朝～来过了。②争吵，多用于口语。例：侬莫～了，快点去。③引申指东西。"
    assert [line for line in _lines_at(width, entry * 6) if line.rstrip()[-1] in "①②③"] == []


@pytest.mark.parametrize("width", range(14, 26))
def test_no_line_ends_with_the_number_of_a_sense_before_bold_or_a_link(width):
    """Its text ended before the tag, where it was taken for a note's call ending its text (：① / 学习)."""
    entry = '主要有：①<strong>学习</strong>；②<a href="#x">工作与生活</a>。③<em>休息</em>。'
    assert [line for line in _lines_at(width, entry * 14) if line.rstrip()[-1] in "①②③"] == []


# Verses of scripture run into a paragraph, numbered in each form a verse's number is written in.
_VERSES = [("主的言语临到众人他们在山上行走歌唱" * 2)[number % 7:number % 7 + 4 + number * 5 % 13] + "。"
           for number in range(1, 41)]
_VERSE_FORMS = {"figures": "{} ", "raised": "{}", "superscript": "<sup>{}</sup>", "bracketed": "[{}]"}
_RAISED = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@pytest.mark.parametrize("form", _VERSE_FORMS)
@pytest.mark.parametrize("width", range(14, 26, 3))
def test_no_line_ends_with_a_verses_number(form, width):
    """A line of a paragraph of verses ended 。8 or 。¹², the verse going on on the next, the number
    read as the last verse's: the number is kept with its verse's first character."""
    numbered = [_VERSE_FORMS[form].format(str(number).translate(_RAISED) if form == "raised" else number) + verse
                for number, verse in enumerate(_VERSES, 1)]
    lines = _lines_at(width, "".join(numbered))
    assert [line for line in lines if re.search(r"(\d|[⁰¹²³⁴⁵⁶⁷⁸⁹]|\[\d+\])\s*$", line)] == []


def _lines_at(width: int, text: str) -> list[str]:
    """The lines of a paragraph of ``text``, ``width`` em wide, as print's steps make it."""
    from weasyprint.formatting_structure import boxes

    body = body_of(lambda article: for_every_format(keep_last_characters(kept_on_one_line(article))), f"<p>{text}</p>")
    css = (f"p {{ margin: 0; text-indent: 2em; text-align: justify; width: {width}em; "
           "font: 10pt 'Noto Serif CJK SC' } .keep { white-space: nowrap }")
    document = HTML(string=f'<html lang="zh-Hans"><style>{css}</style><body>{body}</body></html>').render()
    lines = ["".join(box.text for box in _descendants(line) if isinstance(box, boxes.TextBox))
             for line in _descendants(document.pages[0]._page_box) if isinstance(line, boxes.LineBox)]
    assert len(lines) > 10
    return lines


def _descendants(box):
    """A WeasyPrint box and every box in it."""
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


@pytest.mark.parametrize("text", [
    "步骤二：小葱洗净切成葱花；取一个小碗，放入2大勺面粉、½小勺盐，浇入烧热的油，调成油酥。",
    "再慢慢倒入玉米油继续搅拌至200毫升。再慢慢倒入玉米油继续搅拌至200毫升水。",
])
def test_no_line_of_the_pdf_ends_between_a_number_and_its_unit(text):
    from weasyprint.formatting_structure import boxes

    body = body_of(lambda article: keep_last_characters(units_kept(article)), f"<p>{text}</p>")

    def lines(width: int) -> list[str]:
        css = (f"p {{ margin: 0; text-indent: 2em; text-align: justify; width: {width}em; "
               "font: 10pt 'Noto Serif CJK SC' } .keep { white-space: nowrap }")
        page = HTML(string=f'<html lang="zh-Hans"><style>{css}</style><body>{body}</body></html>').render().pages[0]
        return ["".join(box.text for box in _descendants(line) if isinstance(box, boxes.TextBox))
                for line in _descendants(page._page_box) if isinstance(line, boxes.LineBox)]

    for width in range(6, len(text)):
        broken = lines(width)
        for line, after in pairwise(broken):
            assert not (line[-1] in "0123456789½" and after[0] in "大小毫"), (width, broken)
        assert len(broken[-1]) > 2, (width, broken)


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>写 <code>zh-Hans</code></p>", '<p>写 <code class="keep">zh-Hans</code></p>'),
    ('<p>用 <code class="x">--output</code></p>', '<p>用 <code class="x keep">--output</code></p>'),
    ("<p><code>paiban build book</code></p>",  # breaks at its spaces, each word kept
     '<p><code class="keep">paiban </code><wbr/><code class="keep">build </code><wbr/>'
     '<code class="keep">book</code></p>'),
    ("<p><code>csv --output data</code></p>",  # never -- / output: a line ended in --, read as a dash
     '<p><code class="keep">csv </code><wbr/><code class="keep">--output </code><wbr/>'
     '<code class="keep">data</code></p>'),
    ("<p><code>" + "a" * 30 + "</code></p>", "<p><code>" + "a" * 30 + "</code></p>"),  # too long to keep
    ("<pre><code>x-y</code></pre>",  # a block is not kept whole: its lines are its own (each hung)
     '<pre><code><span class="code-line">x-y</span></code></pre>'),
    ("<p><code>book.toml</code></p>", '<p><code class="keep">book.toml</code></p>'),  # a label: never book / .toml
    ("<p><code>[原文]{.no-convert}</code></p>",  # never {.no- / convert}, nor pushed whole (a loose line before)
     '<p><code class="keep">[原文]</code><wbr/><code class="keep">{.no-convert}</code></p>'),
    ('<p><code id="c" class="x">cd src/paiban</code>。</p>',  # its parts as it was, but one id
     '<p><code id="c" class="x keep">cd </code><wbr/><code class="x keep">src</code><wbr/>'
     '<code class="x keep">/paiban</code>。</p>'),
    ("<p><code>a.b()+x-y</code></p>", '<p><code class="keep">a.b()+x-y</code></p>'),  # no part under 3
    # Code opening with a mark no line may end before (UAX #14): after Chinese it may, as before any
    # character (里的 / .md, 的 no longer taken to the next line with it); after a Latin word not.
    ("<p>里的<code>.md</code>、<code>.txt</code></p>",
     '<p>里的<wbr/><code class="keep">.md</code>、<wbr/><code class="keep">.txt</code></p>'),
    ("<p>见 <code>/etc</code></p>", '<p>见 <wbr/><code class="keep">/etc</code></p>'),
    ("<p>见（<code>.gitignore</code>）</p>", '<p>见（<code class="keep">.gitignore</code>）</p>'),
    ("<p>file <code>.md</code>, <code>x</code></p>",
     '<p>file <code class="keep">.md</code>, <code class="keep">x</code></p>'),
])
def test_short_inline_code_is_kept_on_one_line(body, expected):
    assert body_of(for_every_format, body) == expected


def test_a_windows_path_breaks_before_its_backslashes_in_code_and_in_the_text():
    r"""A backslash was no place to break: `C:\Users\zhang\AppData\…` in code broke only after its C:
    (the line before it spread to an em between characters), and in the text nowhere (past the
    edge of a reading system's screen). It breaks before each backslash, as a path before its /."""
    code = r'<p>打开 <code>C:\Users\zhang\AppData\Local</code>，</p>'
    assert body_of(for_every_format, code) == (
        r'<p>打开 <code class="keep">C:\Users</code><wbr/><code class="keep">\zhang</code><wbr/>'
        r'<code class="keep">\AppData</code><wbr/><code class="keep">\Local</code>，</p>')
    text = r"<p>打开 C:\Users\zhang\AppData\Local 目录</p>"
    assert body_of(for_every_format, text) == (
        r'<p>打开 <span class="breakable url">C:\Users\zhang\AppData\Local</span> 目录</p>')


@pytest.mark.parametrize(("code", "parts"), [
    ("Python 3.12.1", ["Python ", "3.12.1"]),
    ("timeout=(3.05, 27)", ["timeout=", "(3.05, ", "27)"]),
    ("http://127.0.0.1:8080/status", ["http://127.0.0.1:8080", "/status"]),
    ("--since=2024/05/01-2024/06/30", ["--since=", "2024/05/01-2024/06/30"]),
    ("x = 1/2+1/3+1/4+1/5 # 77/60", ["x = ", "1/2+1/3+1/4+1/5 # ", "77/60"]),
])
def test_inline_code_never_breaks_inside_a_number_nor_after_a_urls_scheme(code, parts):
    """`Python 3.12.1` was cut into Python 3 / .12.1 (a line began .12.1。), its space no break: the
    part before it too short. `(3.05, 27)` broke between (3 and .05; `http://127.0.0.1:8080` after
    http: and inside 127.0.0; a date before each of its / (2024/05 / /01), a fraction before its
    (77 / /60). A number stays whole, a scheme with its //, and code breaks at its spaces."""
    markup = body_of(for_every_format, f"<p>看到 <code>{code}</code>。</p>")
    assert [code.text for code in html.fragment_fromstring(markup).iter("code")] == parts


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>他说：“好。”她笑了。</p>", "<p>他说：\u200b“好。”\u200b她笑了。</p>"),
    ("<p>“甲。”“乙！”——完</p>", "<p>“甲。”\u200b“乙！”\u200b——完</p>"),
    ("<p>China’s 和 ‘引’字</p>", "<p>China’s 和 ‘引’\u200b字</p>"),
    ("<p><code>说：“好”的</code></p>", "<p><code>说：“好”的</code></p>"),
])
def test_a_line_may_end_before_an_opening_quote_and_after_a_closing_one(body, expected):
    assert body_of(quotes_breakable, body) == expected


@pytest.mark.parametrize("width", [18, 22])
def test_dialogue_in_curly_quotes_sets_lines_as_tight_as_any(width):
    """Pango breaks on neither side of “ ”: 。”第2位 and 。”——会 welded into blocks too long to
    end a line on, and the line before opened up by a third of a character between every two."""
    from weasyprint.formatting_structure import boxes

    text = "".join(f"第{n}位说：“这件事我同意。”第{n + 1}位接着说：“我也同意，没问题。”——会场安静了一会儿。"
                   for n in range(1, 12, 2))
    body = body_of(lambda article: compress_punctuation(keep_last_characters(quotes_breakable(article))),
                   f"<p>{text}</p>")
    css = (f"p {{ margin: 0; text-indent: 2em; text-align: justify; width: {width}em; "
           "font: 10pt 'Noto Serif CJK SC' } .keep { white-space: nowrap } .halt { font-feature-settings: 'halt' }")
    document = HTML(string=f'<html lang="zh-Hans"><style>{css}</style><body>{body}</body></html>').render()

    lines = [box for box in _descendants(document.pages[0]._page_box) if isinstance(box, boxes.LineBox)]
    assert len(lines) > 8
    em = 10 / 0.75  # 10 pt in CSS px
    spacing = [max(box.justification_spacing for box in _descendants(line) if isinstance(box, boxes.TextBox))
               for line in lines[:-1]]
    assert max(spacing) < 0.15 * em


@pytest.mark.parametrize("mark", ["。", "！"])
@pytest.mark.parametrize(("language", "halved"), [("zh-Hans", True), ("zh-Hant-TW", False), ("zh-Hant-HK", False)])
def test_adjacent_marks_are_narrowed_in_simplified_text_only(language, halved, mark):
    """Taiwan and Hong Kong centre ，。、；：！？ in their square: halved, they read as Latin marks."""
    from pathlib import Path

    base = (Path(__file__).parents[1] / "styles" / "base.css").read_text(encoding="utf-8")

    def width(markup: str) -> float:
        style = "font: 20px 'Noto Serif CJK TC'; text-indent: 0"
        document = HTML(string=f'<html lang="{language}"><style>{base}</style>'
                               f'<p style="{style}">{markup}</p></html>').render()
        html = document.pages[0]._page_box.children[0]
        return html.children[0].children[0].children[0].width

    narrowed = width("好" + body_of(compress_punctuation, f"<p>{mark}」</p>")[3:-4]) < width(f"好{mark}」") - 5
    assert narrowed == halved


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>比如 internationalization、5,678.90 和 v2.15.3</p>",
     '<p>比如 <span class="breakable">internationalization</span>、5,678.90 和 v2.15.3</p>'),
    ("<p>见 https://example.com/a/b/c。</p>", '<p>见 <span class="breakable url">https://example.com/a/b/c</span>。</p>'),
    ("<p><code>internationalization</code></p>", '<p><code class="keep">internationalization</code></p>'),
    ('<p>见 <a href="https://example.com/a/b/c">https://example.com/a/b/c</a>，<a href="#n">注释</a></p>',
     '<p>见 <a href="https://example.com/a/b/c" class="breakable url">https://example.com/a/b/c</a>，'
     '<a href="#n">注释</a></p>'),  # a link that shows its URL
])
def test_a_long_word_or_url_may_break_and_numbers_and_code_stay_whole(body, expected):
    assert body_of(for_every_format, body) == expected


@pytest.mark.parametrize("comment", ["", "<!-- 注 -->"], ids=["serialised", "parsed"])
@pytest.mark.parametrize(("body", "expected"), [
    ("<p>地址https://example.com/a?x=1&amp;y=2 也可以。</p>",
     '<p>地址<span class="breakable url">https://example.com/a?x=1&amp;y=2</span> 也可以。</p>'),
    ("<p>搜索https://example.com/搜索?q=头发&amp;page=2，好。</p>",
     '<p>搜索<span class="breakable url">https://example.com/搜索?q=头发&amp;page=2</span>，好。</p>'),
    ("<p>请访问https://example.com/了解更多</p>",  # Chinese at its end: the sentence going on
     '<p>请访问<span class="breakable url">https://example.com/</span>了解更多</p>'),
    ("<p>see www.example.com/path/x. Or &lt;b&gt;</p>",  # the sentence's full stop is not the URL's
     '<p>see <span class="breakable url">www.example.com/path/x</span>. Or &lt;b&gt;</p>'),
    # nor the quote or bracket closing around it, which a line could then begin with
    ('<p>Open "https://example.com/index.html" or [https://example.com/install].</p>',
     '<p>Open "<span class="breakable url">https://example.com/index.html</span>" or '
     '[<span class="breakable url">https://example.com/install</span>].</p>'),
])
def test_a_url_written_in_the_text_is_marked_to_the_first_space_or_chinese_mark(body, expected, comment):
    """A URL's span ended at its first & (``?x=1`` / ``&y=2``, the rest not broken as a URL's) and at
    its first Chinese character: it runs as the README has it, its query and the Chinese of its path
    where more of it follows, whether the markup is read as paiban wrote it or parsed."""
    assert body_of(for_every_format, comment + body) == comment + expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>见 <em>Harvard Journal of Asiatic Studies</em> 一文</p>",
     '<p>见 <em class="latin">Harvard Journal of Asiatic Studies</em> 一文</p>'),
    ("<p><em>Café <a href='#x'>Society</a></em></p>", '<p><em class="latin">Café <a href="#x">Society</a></em></p>'),
    ("<p>这是<em>重点</em>。</p>", "<p>这是<em>重点</em>。</p>"),  # Chinese emphasis: upright, in the 黑体
    ("<p><em>《论语》The Analects</em></p>", "<p><em>《论语》The Analects</em></p>"),  # mixed: as Chinese
    ("<p>共<em>1,234</em>人</p>", "<p>共<em>1,234</em>人</p>"),  # no letter: nothing to slant
    # Russian and Greek (polytonic too) titles, as Latin ones: a bibliography of Western books.
    ("<p>读<em>Война и мир</em>与<em>Ἡ ὁμίχλη τῆς βιβλιοθήκης</em></p>",
     '<p>读<em class="latin">Война и мир</em>与<em class="latin">Ἡ ὁμίχλη τῆς βιβλιοθήκης</em></p>'),
    ("<p><em>《战争与和平》Война и мир</em></p>", "<p><em>《战争与和平》Война и мир</em></p>"),  # mixed: as Chinese
    # HTML's other italics (an HTML article's, Markdown's raw HTML): <i>, a cited title, a defined term, a variable.
    ("<p><i>Jade bi disc</i>，<i>青铜器</i>，<cite>Ars Orientalis</cite>，<cite>馆刊</cite>，"
     "<dfn>patina</dfn>，<var>x</var></p>",
     '<p><i class="latin">Jade bi disc</i>，<i>青铜器</i>，<cite class="latin">Ars Orientalis</cite>，'
     '<cite>馆刊</cite>，<dfn class="latin">patina</dfn>，<var class="latin">x</var></p>'),
])
def test_latin_emphasis_is_marked_for_its_italic_in_every_format(body, expected):
    """Every emphasis was set upright in the 黑体: a Latin book or journal title lost its italics.
    A Russian or a Greek one kept them lost beside italic Latin ones: CJK fonts' lack of italic
    is no reason to set them upright."""
    assert body_of(for_every_format, body) == expected


def test_a_short_table_cell_or_header_or_caption_is_kept_on_one_line():
    """A caption is as wide as its table: a narrow table's broke 表1-1　一 / 张表格."""
    body = ("<table><caption>表1-1　一张表格</caption><tr><th>问题</th><th>一段较长的表头文字</th></tr>"
            "<tr><td>大32开</td><td>第10项</td><td>一段较长的说明文字</td><td>A B</td></tr></table>"
            "<table><caption>表1-2　一个要在窄屏上折行的很长的表格标题</caption><tr><td>甲</td></tr></table>")
    assert body_of(for_every_format, body) == (
        '<table><caption class="keep">表1-1　一张表格</caption>'
        '<tr><th class="keep">问题</th><th>一段较长的表头文字</th></tr>'
        '<tr><td class="keep">大32开</td><td class="keep">第10项</td><td>一段较长的说明文字</td>'
        "<td>A B</td></tr></table>"
        '<table><caption>表1-2　一个要在窄屏上折行的很长的表格标题</caption><tr><td class="keep">甲</td></tr></table>')


def test_a_note_holding_paragraphs_a_list_or_a_quotation_sets_them_as_spans_each_a_line_of_its_own():
    """A note with a list printed the list in the body after its call: the note is laid out in the
    call's paragraph, and the HTML parser closed the paragraph at the <li>. Made spans, its
    paragraphs then ran together (第一段。 第二段。): each after the first starts a line of its own."""
    item = ('<section class="footnotes"><ol class="footnotes-list"><li id="fn1" class="footnote-item">'
            '<p>说明：</p><ol start="3"><li>甲</li><li>乙</li><li value="7">丁</li></ol><ul><li>丙</li></ul>'
            '<blockquote>\n<p>引文。</p></blockquote><p>又一段。</p>'
            '<p><a href="#fnref1" class="footnote-backref">↑</a></p></li></ol></section>')
    body = body_of(footnotes_in_place, f"<p>正文{CALL}。</p>{item}")
    note = body[body.index('<span class="footnote"'):]
    assert not any(f"<{tag}" in note for tag in ("li", "ol", "ul", "blockquote", "p>", "p "))
    root = html.fragment_fromstring(body, create_parent="div")
    words = "".join(root.find(".//span[@class='footnote']").itertext()).split()
    assert words == ["说明：", "3.", "甲", "4.", "乙", "7.", "丁", "•", "丙", "引文。", "又一段。"]
    lines = [(span.get("class"), "".join(span.itertext()).strip()) for span in root.iter("span")
             if "note-" in span.get("class", "")]
    assert lines == [("note-block", "3. 甲 4. 乙 7. 丁"), ("note-block", "3. 甲"), ("note-block", "4. 乙"),
                     ("note-block", "7. 丁"), ("note-block", "• 丙"), ("note-block", "• 丙"),
                     ("note-block note-quote", "引文。"),
                     ("note-block", "引文。"), ("note-block", "又一段。")]
    assert root.find(".//span[@class='note-block note-quote']").text is None  # no blank line before the quotation


def test_a_notes_long_list_is_numbered_once_not_once_an_item(monkeypatch):
    """Each item of a note's list worked out the numbers of the whole list again: a list of a hundred
    items was numbered a hundred times."""
    from paiban.render import typeset

    lists = []
    monkeypatch.setattr(typeset, "item_numbers", lambda start, values: lists.append(values) or
                        xhtml.item_numbers(start, values))
    items = "".join(f"<li>第{number}项</li>" for number in range(1, 101))
    item = ('<section class="footnotes"><ol class="footnotes-list"><li id="fn1" class="footnote-item">'
            f'<ol>{items}</ol></li></ol></section>')
    body = body_of(footnotes_in_place, f"<p>正文{CALL}。</p>{item}")
    assert "100. 第100项" in body and len(lists) == 1


@pytest.mark.parametrize(("title", "head"), [
    ("短标题", "短标题"),
    ("关于一座城市的变迁以及生活在其中的普通人们的种种经历", "关于一座城市的变迁以及生活在其中的普通人们的种种经历"),
    # At the room's end, the 省略号 (two characters) in the room.
    ("关于一座城市的变迁以及生活在其中的普通人们在过去几十年里的种种经历与回忆",
     "关于一座城市的变迁以及生活在其中的普通人们在过去几十年里的种种经……"),
    # Where the last phrase that fits ends (a comma, a full-width space, a colon, a dash), the mark gone.
    *((f"城市的变迁以及生活在其中的普通人们{mark}在过去几十年里的种种经历与回忆和故事",
       "城市的变迁以及生活在其中的普通人们……") for mark in ("，", "　", "——")),
    # Not where a phrase ends too early to say much: 城市记忆 would keep less than half the room.
    ("城市记忆：关于一座城市的变迁以及生活在其中的普通人们在过去几十年里的种种经历",
     "城市记忆：关于一座城市的变迁以及生活在其中的普通人们在过去几十年……"),
    ("The Changes of a City and of the Ordinary People Who Lived There",
     "The Changes of a City and of the Ordinary People Who…"),
    # A bilingual title cut in its English part: … after Latin (it took ……, the title having Chinese).
    ("On the Difficulty of Translating Classical Chinese Poetry into Modern English Verse 论译诗之难",
     "On the Difficulty of Translating Classical Chinese…"),
    ("论译诗之难 On the Difficulty of Translating Classical Chinese Poetry into English Verse",
     "论译诗之难 On the Difficulty of Translating Classical…"),
    # A title of marks alone, no letter or digit to judge by (it raised TypeError): by its last mark.
    ("★" * 40, "★" * 33 + "…"),
    ("！" * 40, "！" * 32 + "……"),
])
def test_a_running_head_too_long_for_its_line_is_cut_where_a_phrase_ends_or_at_the_line_end(title, head):
    assert running_head(title, 34) == head


def test_each_line_of_a_code_block_is_a_span_hung_from_its_own_indentation():
    """A wrapped code line went on at the margin, as a new unindented line would: each line is now a
    span.code-line (base.css hangs its wrapped part), an indented one hung from its indentation (a
    class, not a style on the line: a store's check flagged it, a theme could not override it); the
    text, newlines and highlighting included, is unchanged."""
    code = 'f(a, key="值")\n\n\tif x:\n        <span class="kw">print</span>(i)\n'
    body = body_of(for_every_format, f'<pre><code class="language-python">{code}</code></pre>')
    assert xhtml.text_of(body) == xhtml.text_of(f"<pre>{code}</pre>")
    assert body == (
        '<pre><code class="language-python"><span class="code-line">f(a, key="值")\n</span>'
        '<span class="code-line">\n</span>'
        '<span class="code-line hang-8">\tif x:\n</span>'
        '<span class="code-line hang-8">        '
        '<span class="kw">print</span>(i)\n</span></code></pre>')


def test_a_comment_in_a_code_block_is_kept_and_its_lines_hung():
    """A comment inside <code> (HTML written by hand) stopped the build with lxml's ValueError."""
    body = body_of(for_every_format, "<pre><code>a<!-- c -->\n  b</code></pre>")
    assert body == ('<pre><code><span class="code-line">a<!-- c -->\n</span>'
                    '<span class="code-line hang-2">  b</span></code></pre>')


def test_box_drawing_characters_in_code_are_marked_for_the_latin_mono():
    """A tree's lines (├── │ └──) were drawn by the CJK mono two columns wide: the names after
    them stood columns right of where a terminal puts them. Each run of them in code is a
    ``span.box-drawing``, which fonts.css draws from the mono's Latin face; in the text they are left."""
    body = "<pre><code>a/\n│   └── b.py\n</code></pre><p>图├─表 <code>└─x</code></p>"
    assert body_of(for_every_format, body) == (
        '<pre><code><span class="code-line">a/\n</span><span class="code-line"><span class="box-drawing">│</span>'
        '   <span class="box-drawing">└──</span> b.py\n</span></code></pre>'
        '<p>图├─表 <code class="keep"><span class="box-drawing">└─</span>x</code></p>')


def test_a_board_drawn_in_full_width_columns_keeps_its_lines_in_the_cjk_mono():
    """A Go board (├┼●┼○┤), a xiangqi board (车──马) or a 世系图 (│　├─李四) is drawn in full-width
    columns: its lines drawn half-width, from the Latin mono, parted them from the stones, pieces and
    names. Code whose verticals line up better with its lines one em wide keeps its lines unmarked, and
    a code block of it is classed full-width-drawing (set solid); a tree beside it is marked as before."""
    body = ("<pre><code>┌┬┬┬┬┐\n├┼●┼○┤\n</code></pre><pre><code>车──马──象\n│　　│　　│\n├──┼──┤\n</code></pre>"
            "<pre><code>张三\n│　└─李四\n</code></pre><pre><code>a/\n└── 文档/\n</code></pre>")
    assert body_of(for_every_format, body) == (
        '<pre class="full-width-drawing"><code><span class="code-line">┌┬┬┬┬┐\n</span>'
        '<span class="code-line">├┼●┼○┤\n</span></code></pre>'
        '<pre class="full-width-drawing"><code><span class="code-line">车──马──象\n</span>'
        '<span class="code-line">│　　│　　│\n</span><span class="code-line">├──┼──┤\n</span></code></pre>'
        '<pre class="full-width-drawing"><code><span class="code-line">张三\n</span>'
        '<span class="code-line">│　└─李四\n</span></code></pre>'
        '<pre><code><span class="code-line">a/\n</span><span class="code-line"><span class="box-drawing">└──</span>'
        ' 文档/\n</span></code></pre>')


def test_a_drawing_in_half_width_columns_keeps_its_lines_in_the_latin_mono_where_they_touch_chinese():
    """A terminal's table (│姓名│, four ─ over two characters), a tree one of whose names touches its
    line (└──源码) and a comment's dash (這是──註解) touch Chinese, but are no full-width drawings: set
    so, a table's rules reached twice as far as its cells, a tree's lines fell out of step and the code
    was set solid. Their verticals line up with the lines one column wide (or have none to line up)."""
    table = "┌────┬────┐\n│姓名│年龄│\n├────┼────┤\n│张三│ 25 │\n└────┴────┘\n"
    tree = "项目/\n├── 文档/\n│   └── 说明.md\n└──源码/main.py\n"
    comment = "// 這是──註解\nint main();\n"
    body = "".join(f"<pre><code>{code}</code></pre>" for code in (table, tree, comment))
    marked = body_of(for_every_format, body)
    assert "full-width-drawing" not in marked
    assert marked.count('<span class="box-drawing">') == 9 + 4 + 1  # every run of lines in each block
    assert '<span class="box-drawing">├────┼────┤</span>' in marked
    assert '<span class="box-drawing">└──</span>源码/main.py' in marked
    assert '這是<span class="box-drawing">──</span>註解' in marked


def test_a_code_block_whose_markup_spans_lines_is_left_as_it_is():
    """A highlighted string of two lines cannot be cut into lines without cutting its span."""
    body = '<pre><code>s = <span class="st">"""a\nb"""</span>\nx\n</code></pre>'
    assert body_of(for_every_format, body) == body


def test_a_picture_in_a_table_cell_is_not_given_the_text_blocks_width(tmp_path):
    """A wide picture in a cell was given the width it prints at alone, the text block's, and its table
    ran further into the margin: a cell's own width narrows it. Outside a table it gets its width."""
    from io import BytesIO

    from PIL import Image

    from paiban.page import PageGeometry
    from paiban.render.typeset import pictures_at_their_size

    picture = BytesIO()
    Image.new("RGB", (2000, 500), "red").save(picture, "PNG")
    (tmp_path / "w.png").write_bytes(picture.getvalue())
    page = PageGeometry(width=148, height=210, top=18, bottom=20, inner=20, outer=17, font_size=10.5, leading=1.75,
                        characters=30, bleed=None, marks=False, variant=None, output_profile=None, colour="full")
    body = '<table><tr><td><img src="w.png" alt=""/></td></tr></table><p><img src="w.png" alt=""/></p>'
    sized = pictures_at_their_size(_book(tmp_path), page)(Article(source=None, title="", body=body,
                                                                  images=("w.png",))).body
    assert sized.count("width=") == 1 and '<td><img src="w.png" alt=""/></td>' in sized


def _book(root):
    """A book of no chapters at ``root``, whose articles a step is tried on alone."""
    from paiban.model import Book, Metadata

    return Book(meta=Metadata(title="书", language="zh-Hans", identifier="x"), parts=(), root=root, slug="book")


@pytest.mark.parametrize(("above", "repeats", "lines", "parted"), [
    ("", 600, 38, "its caption will go on to the next page"),
    ("<h2>小节</h2>", 280, 18, "the headings will be left on the page before it"),
    ("<h2>小节</h2>", 600, 38, "the headings will be left on the page before it, and its caption will go on to "
                               "the next page"),
])
def test_a_picture_whose_caption_would_leave_it_under_a_third_of_the_page_is_warned_of_with_what_is_parted(
        tmp_path, caplog, above, repeats, lines, parted):
    """A picture is made as short as its caption's lines and the headings above it need to share its page;
    a caption of half a page would leave it a sliver. It keeps a third of the text block, or the room its
    caption leaves it where the caption alone fits (the headings are parted from it either way: shrunk to a
    third for their sake, it kept none, and was small for nothing), and the build says, at the picture's
    line, what is parted from it: the warning spoke of its caption alone, where the headings were left."""
    from paiban.page import CSS_PX_MM, PageGeometry
    from paiban.render.typeset import pictures_at_their_size

    (tmp_path / "tall.png").write_bytes(claimed_png(1000, 3000))
    source = tmp_path / "a.md"
    source.write_text("# 甲\n\n正文。\n\n![高](tall.png)\n", encoding="utf-8")
    page = PageGeometry(width=148, height=210, top=18, bottom=20, inner=20, outer=17, font_size=10.5, leading=1.75,
                        characters=30)
    caption = "图注" * repeats
    body = f'<p>正文。</p>{above}<figure><img src="tall.png" alt="高"/><figcaption>{caption}</figcaption></figure>'
    sized = pictures_at_their_size(_book(tmp_path), page)(
        Article(source=source, title="甲", body=body, images=("tall.png",))).body
    height = float(re.search(r'width="([\d.]+)"', sized)[1]) * CSS_PX_MM * 3
    assert height == pytest.approx(max(page.text_height / 3, page.picture_height(0, lines)), abs=0.1)
    headings = " and the headings above it" if above else ""
    assert warnings_of(caplog) == [f"{source}:5: image 'tall.png', with its caption of {lines} lines{headings}, is too "
                                   f"tall for one page: {parted}; shorten the caption, or say the rest in a paragraph "
                                   "after the picture"]


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>闰余成岁①律吕调阳。</p>", '<p>闰余成<span class="keep">岁①</span>律吕调阳。</p>'),
    ("<p>闰余成岁①，律吕调阳。</p>", '<p>闰余成<span class="keep">岁①，</span>律吕调阳。</p>'),
    ("<p>参见某书①，又见《论语》①</p>",
     '<p>参见某<span class="keep">书①，</span>又见《论语<span class="keep">》①</span></p>'),
    ("<p>这是定论。①</p>", '<p>这是定论<span class="keep">。①</span></p>'),  # ending its paragraph, it opens nothing
    # After a mark an item's number does not follow (…… —— ° ？ ！ 」), as after a word; ㉑ to ㊿ as ① to ⑳.
    ("<p>他说……①然后——②温度30°③何以至此！④「好」⑤成岁㉑律吕</p>",
     '<p>他说…<span class="keep">…①</span>然后—<span class="keep">—②</span>温度30<span class="keep">°③</span>'
     '何以至此<span class="keep">！④</span>「好<span class="keep">」⑤</span>成<span class="keep">岁㉑</span>律吕</p>'),
    # An item's or a sense's number, not a call (kept with what it numbers: kept_on_one_line), a sense referred to.
    ("<p>① 第一条</p><p>（①）甲</p>", "<p>① 第一条</p><p>（①）甲</p>"),
    ("<p>〈名〉①腌制。②争吵；③引申</p>", "<p>〈名〉①腌制。②争吵；③引申</p>"),
    ("<p>有：①\u2060<strong>学</strong></p>", "<p>有：①\u2060<strong>学</strong></p>"),  # (kept_on_one_line's joiner)
    ("<p>见<code>a①</code></p>", '<p>见<code class="keep">a①</code></p>'),  # code is left as written
])
def test_a_note_call_typed_by_hand_is_kept_with_the_character_before_it(body, expected):
    """Classical texts mark notes ①②③ typed in the text: a line began ①律吕, even ①，."""
    assert body_of(for_every_format, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>降低胆固醇<sup>[2-5]</sup>，后文</p>", '<p>降低胆固<span class="keep">醇<sup>[2-5]</sup>，</span>后文</p>'),
    ("<p>见上文。<sup>3</sup>又</p>", '<p>见上文<span class="keep">。<sup>3</sup></span>又</p>'),
    # After a Latin letter or a digit no line ends (and 10³'s digits stay one run, upright in a vertical
    # edition); after a space, nothing to keep it with; code is left as written.
    ("<p>面积x<sup>2</sup>，放大10<sup>3</sup>倍，见 <sup>1</sup>与<code>a<sup>2</sup></code></p>",
     '<p>面积x<sup>2</sup>，放大10<sup>3</sup>倍，见 <sup>1</sup>与<code class="keep">a<sup>2</sup></code></p>'),
])
def test_a_superscript_is_kept_with_the_character_before_it(body, expected):
    """GB/T 7714 numbers references as superscripts, 胆固醇<sup>[2-5]</sup>: a line began [2-5]，,
    apart from the word it cites, where a Markdown note's call is kept with its character."""
    assert body_of(for_every_format, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p><sup>1</sup>起初。<sup>2</sup>“主说。”<sup>3</sup>主看。</p>",
     f"<p><sup>1</sup>起初。{KEPT('<sup>2</sup>“主')}说<span class=\"halt\">。</span>”"
     f"{KEPT('<sup>3</sup>主')}看。</p>"),
    ("<p>16 起初。17 主说？19 主看！」20 又</p>",  # a verse a translation leaves out (18)
     f"<p>16 起初。{KEPT('17 主')}说？{KEPT('19 主')}看<span class=\"halt\">！</span>」{KEPT('20 又')}</p>"),
    ("<p>¹起初。²主说。</p><p>[1] 起初。[2] 主说。</p>",
     f"<p>¹起初。{KEPT('²主')}说。</p><p>[1] 起初。{KEPT('[2] 主')}说。</p>"),
    # A superscript out of order, or in a paragraph that opens with no verse's number, is a note's call.
    ("<p><sup>1</sup>起初。<sup>9</sup>注。</p>", f"<p><sup>1</sup>起初{KEPT('。<sup>9</sup>')}注。</p>"),
    ("<p>见上文。<sup>1</sup>又。<sup>2</sup>再。</p>",
     f"<p>见上文{KEPT('。<sup>1</sup>')}又{KEPT('。<sup>2</sup>')}再。</p>"),
    # A number with its unit or what it counts opens no verse: 5月1日…。6月…, 3个人…。4个….
    ("<p>5月1日开幕。6月闭幕。</p><p>3个人来了。4个人走了。</p>",
     "<p>5月1日开幕。6月闭幕。</p><p>3个人来了。4个人走了。</p>"),
])
def test_a_verses_number_is_kept_with_its_verse_and_a_call_with_the_character_before_it(body, expected):
    """A superscript verse number was bound to the 。 before it as a note's call is (。<sup>2</sup> /
    到第七日), and one in figures could end a line (。8 / 唱…): a paragraph that opens with a verse's
    number keeps each of its verses' numbers, in order after a sentence's end, with its verse."""
    assert body_of(lambda article: for_every_format(kept_on_one_line(article)), body) == expected


IVS = "\U000e0100"  # an ideographic variation selector: 葛 in its variant form


@pytest.mark.parametrize(("change", "body", "expected"), [
    (for_every_format, f"<p>葛{IVS}<sup>[1]</sup>城，cafe\u0301<sup>2</sup>，👩\u200d💻<sup>3</sup>。</p>",
     f'<p><span class="keep">葛{IVS}<sup>[1]</sup></span>城，caf<span class="keep">e\u0301<sup>2</sup>，</span>'
     '<span class="keep">👩\u200d💻<sup>3</sup>。</span></p>'),
    # A Markdown note's call, in the EPUB and in print.
    (for_every_format, f"<p>葛{IVS}{CALL}城</p>", f'<p><span class="keep">葛{IVS}{CALL}</span>城</p>'),
    (footnotes_in_place, f"<p>葛{IVS}{CALL}城</p>{note('注。')}", f'<p><span class="keep">葛{IVS}{NOTE}</span>城</p>'),
    (for_every_format, f"<p>成岁{IVS}①，律吕</p>", f'<p>成<span class="keep">岁{IVS}①，</span>律吕</p>'),
    # A mark whose character is in the emphasis before it has none to be kept with here.
    (for_every_format, "<p>见<em>e</em>\u0301<sup>1</sup></p>", '<p>见<em class="latin">e</em>\u0301<sup>1</sup></p>'),
])
def test_a_call_is_kept_with_the_marks_of_the_character_before_it(change, body, expected):
    """A call kept with 葛's variation selector alone (葛<span class="keep">U+E0100¹</span>), or with
    café's combining accent, was shaped apart from its character: the PDF drew the selector or the
    accent on a dotted circle, 葛 in its common form, and copied text read cafe 2́."""
    assert body_of(change, body) == expected


def test_print_sets_each_base_of_a_ruby_with_its_readings_as_a_ruby_and_marks_one_wider_than_a_line():
    """A ruby of several bases was one piece print kept whole, and one over a sentence ran off the
    page. Each base with its readings is a ruby of its own now, with the ruby's attributes, and one
    still wider than the line breaks (ruby.long)."""
    body = ('<p>甲<ruby lang="zh">小<rp>(</rp><rt>xiǎo</rt><rp>)</rp>猫<rp>(</rp><rt>māo</rt><rp>)</rp>'
            '<rt>a cat sleeping behind the house</rt></ruby>乙</p>')
    assert body_of(rubies_in_pairs(12), body) == (
        '<p>甲<ruby lang="zh">小<rp>(</rp><rt>xiǎo</rt><rp>)</rp></ruby><ruby lang="zh" class="long">猫<rp>(</rp>'
        '<rt>māo</rt><rp>)</rp><rt>a cat sleeping behind the house</rt></ruby>乙</p>')
    assert 'class="long"' not in body_of(rubies_in_pairs(40), body)


def test_print_sets_a_base_whose_readings_are_empty_as_its_text_keeping_its_attributes():
    """A mark in the ruby grid (<ruby>：<rt></rt></ruby>) was a ruby print kept whole: no line could
    end beside it. It is the text it is; one with an id a link points at keeps it, in a span."""
    body = ('<p><ruby>说<rt>shuō</rt></ruby><ruby>：<rt></rt></ruby><ruby id="q">“<rp>(</rp><rt> </rt><rp>)</rp>'
            '</ruby><ruby>好<rt>hǎo</rt>！<rt></rt></ruby></p>')
    assert body_of(rubies_in_pairs(20), body) == (
        '<p><ruby>说<rt>shuō</rt></ruby>：<span id="q">“</span><ruby>好<rt>hǎo</rt></ruby>！</p>')


def test_a_ruby_before_a_mark_is_marked_for_print_to_narrow_its_closing_parenthesis():
    body = "<p>垂<ruby>髫<rt>tiáo</rt></ruby>，并<ruby>乐<rt>lè</rt></ruby>也</p>"
    assert body_of(for_every_format, body) == ('<p>垂<ruby class="before-mark">髫<rt>tiáo</rt></ruby>，'
                                               '并<ruby>乐<rt>lè</rt></ruby>也</p>')


def _marked(body: str) -> list[str]:
    """The bases of the rubies of ``body`` marked before a mark."""
    return [ruby.text for ruby in html.fromstring(body_of(for_every_format, body)).iter("ruby")
            if "before-mark" in (ruby.get("class") or "")]


@pytest.mark.parametrize(("body", "marked"), [
    ("<p><ruby>床<rt>chuáng</rt></ruby><ruby>前<rt>qián</rt></ruby><ruby>明<rt>míng</rt></ruby>。</p>", ["明"]),
    ("<p>甲<ruby>床<rt>chuáng</rt></ruby></p>", []),
    ('<p>甲<ruby>床<rt>chuáng</rt></ruby><span class="keep">前乙。</span></p>', []),
    ('<p>甲<ruby>床<rt>chuáng</rt></ruby><span class="keep">，乙。</span></p>', ["床"]),
    ("<p><em>甲<ruby>床<rt>chuáng</rt></ruby></em>，乙</p>", ["床"]),
    ("<p><em>甲<ruby>床<rt>chuáng</rt></ruby></em>乙，</p>", []),
    ('<p>甲<ruby>床<rt>chuáng</rt></ruby><span class="footnote">《注》</span>，乙</p>', []),
])
def test_a_ruby_is_before_a_mark_only_where_the_next_character_printed_is_one(body, marked):
    """A ruby's tail alone was read, and an empty one counted as a mark: in a line with a reading on
    every character, and before the span.keep print makes of a paragraph's end, every ） was halved
    and touched the next character (床（chuáng)前（qián)明). A note's call prints its number."""
    assert _marked(body) == marked


@pytest.mark.parametrize(("rows", "cell", "short"), [(9, "甲", True), (10, "甲", False), (2, "甲" * 150, False)])
def test_a_table_of_ten_rows_and_300_characters_at_most_is_marked_short(rows, cell, short):
    """print.css keeps a short table on one page (one of a header and two rows was split a row a
    page); a longer one, kept whole, would leave most of a page empty before it."""
    body = f"<table><thead><tr><th>表头</th></tr></thead><tbody>{f'<tr><td>{cell}</td></tr>' * rows}</tbody></table>"
    assert ('class="table-short"' in body_of(short_blocks_kept, body)) is short


CENTRED = '<p class="align-center">{}</p>'.format


@pytest.mark.parametrize(("body", "cues"), [
    (f"<p>甲。</p>{CENTRED('老杨')}<p>上来吧。</p>{CENTRED('＊　＊　＊')}<p>次日。</p>", 2),
    ('<p>甲。</p><div class="align-center"><p>老杨</p></div><p>上来吧。</p>', 1),  # ::: align-center
    (f"<p>甲。</p>{CENTRED('苏晴')}{CENTRED('（抬头，愣住）')}<p>……是你？</p>", 2),  # and its parenthetical
    (f"<p>甲。</p>{CENTRED('苏晴')}{CENTRED('（抬头，愣住）')}", 0),  # closing the text
    (f"<p>信。</p>{CENTRED('测试剧社')}{CENTRED('2026年3月')}<p>又一封。</p>", 0),  # a 落款's name and date
    (f"<p>信。</p>{CENTRED('测试剧社')}", 0),  # closing the text
    (f"<p>甲。</p>{CENTRED('一句居中而较长的题记，不是角色的名字')}<p>正文。</p>", 0),
    ('<p>甲。</p><div class="align-center"><p>测试剧社</p><p>2026年3月</p></div><p>乙。</p>', 0),
])
def test_a_short_centred_line_above_text_is_a_cue_kept_with_it(body, cues):
    """A play's cue centred above its speech went alone to a page's foot. A short centred line
    between text and a paragraph is marked .cue (print.css keeps it with that paragraph), and so is
    a parenthetical centred under it (a screenplay's （抬头，愣住）); a signature's centred lines, one
    closing the text and a long centred line are not."""
    assert body_of(cues_kept, body).count('class="align-center cue"') == cues


def test_a_table_of_figures_in_full_width_digits_is_fitted_to_them_kept_whole():
    """Set as if a full-width figure broke anywhere (each digit its own piece), a table of them
    would overrun the text block once they are kept whole: its figures are measured whole, and
    break only after a thousands separator when the table must shrink that far."""
    def table(columns: int) -> str:
        row = "<td>１２３，４５６.７８</td>" * columns
        return body_of(lambda article: kept_on_one_line(tables_fitted(30)(article)), f"<table><tr>{row}</tr></table>")
    assert table(4).startswith('<table class="wide') and f"<td>{KEPT('１２３，４５６.７８')}</td>" in table(4)
    assert f"<td>{KEPT('１２３')}，<wbr/>{KEPT('４５６.７８')}</td>" in table(6)


def test_an_amount_in_a_table_whose_numbers_break_breaks_before_its_unit_never_inside_its_number():
    """A table squeezed until its numbers break after their separators printed 118, / 642元: the
    break went in first, and the amount kept after it was 642元 alone, too wide to leave 元 behind.
    An amount with its magnitude (1,234,567万元) breaks before it; a number alone, after its separators."""
    row = "<td>3,482,615</td>" * 7 + "<td>118,642元</td><td>1,234,567万元</td>"
    body = body_of(lambda article: units_kept(tables_fitted(30)(article)), f"<table><tr>{row}</tr></table>")
    assert "<td>118,642<wbr/>元</td>" in body and "<td>1,234,567<wbr/>万元</td>" in body  # (before its magnitude)
    assert "<td>3,<wbr/>482,<wbr/>615</td>" in body


def test_an_amount_in_a_table_too_wide_to_break_it_before_its_unit_breaks_it_after_its_separators_too():
    """Ten columns of 1,234,567万元, broken before 万元 alone, ran past the text block; broken after their
    separators too, as a number alone is, they fit it."""
    row = "<td>1,234,567万元</td>" * 10
    body = body_of(lambda article: units_kept(tables_fitted(30)(article)), f"<table><tr>{row}</tr></table>")
    assert "data-too-wide" not in body and "<td>1,<wbr/>234,<wbr/>567<wbr/>万元</td>" in body


def test_a_long_run_of_figures_is_kept_as_a_number_is_at_its_first_figure():
    """Tried from each figure of a long run in turn (a paragraph of π's decimals), the pattern of what
    is kept read to the run's end each time: 8,000 figures took half a minute. The run is read once."""
    body = "<p>π＝3." + "1415926535" * 1000 + "……</p>"
    assert body_of(units_kept, body) == body
