"""Fine typesetting for the engines: compressed adjacent punctuation, lines that keep what belongs together."""

import pytest
from weasyprint import HTML

from paiban import xhtml
from paiban.model import Article
from paiban.render.typeset import compress_punctuation, keep_last_characters, short_code_kept, units_kept


def body_of(change, body: str) -> str:
    return change(Article(source=None, title="", body=body)).body


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>他说：“好。”</p>", '<p>他说<span class="halt">：</span>“好<span class="halt">。</span>”</p>'),
    ("<p>（注）、其他</p>", '<p>（注<span class="halt">）</span>、其他</p>'),
    ("<p>“「引」”</p>", '<p>“<span class="halt">「</span>引<span class="halt">」</span>”</p>'),
    ("<p>一句。下一句</p>", "<p>一句。下一句</p>"),
])
def test_one_blank_half_goes_between_adjacent_marks(body, expected):
    assert body_of(compress_punctuation, body) == expected


def test_code_is_never_touched():
    body = "<p><code>a：“b”</code></p>"
    assert body_of(compress_punctuation, body) == body


def test_halt_narrows_the_mark_by_half_an_em_in_weasyprint():
    def width(markup: str) -> float:
        document = HTML(string=f'<p style="font: 20px \'Noto Serif CJK SC\'">{markup}</p>').render()
        html = document.pages[0]._page_box.children[0]
        return html.children[0].children[0].children[0].width

    plain = width("好。”")
    halted = width('好<span style="font-feature-settings: \'halt\'">。</span>”')
    assert plain - halted == pytest.approx(10, abs=0.5)


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
    ('<p>正文<span class="footnote"><span>注释的最后一句。</span></span>。</p>',
     '<p>正文<span class="footnote"><span>注释的最后<span class="keep">一句。</span></span></span>。</p>'),
    ("<p>version 2.0</p>", "<p>version 2.0</p>"),
    ("<p>合计 2,345.67 元。</p>", '<p>合计 <span class="keep">2,345.67 元。</span></p>'),
])
def test_a_paragraphs_last_two_characters_are_kept_together(body, expected):
    assert body_of(keep_last_characters, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>走了4.5 km，气温52 °C，增长30 %。</p>", "<p>走了4.5\u00a0km，气温52\u00a0°C，增长30\u00a0%。</p>"),
    ("<p>共3 apples</p>", "<p>共3 apples</p>"),  # a word, not a unit
    ("<p>气温3～5 °C</p>", '<p>气温<span class="keep">3～5</span>\u00a0°C</p>'),
    ("<p>运行 <code>sleep 5 s</code></p>", "<p>运行 <code>sleep 5 s</code></p>"),  # code as written
])
def test_a_number_and_its_unit_are_never_parted(body, expected):
    assert body_of(units_kept, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>写 <code>zh-Hans</code></p>", '<p>写 <code class="keep">zh-Hans</code></p>'),
    ('<p>用 <code class="x">--output</code></p>', '<p>用 <code class="x keep">--output</code></p>'),
    ("<p><code>paiban build book</code></p>", "<p><code>paiban build book</code></p>"),  # breaks at its spaces
    ("<p><code>" + "a" * 30 + "</code></p>", "<p><code>" + "a" * 30 + "</code></p>"),  # too long to keep
    ("<pre><code>x-y</code></pre>", "<pre><code>x-y</code></pre>"),  # a block keeps its own lines
])
def test_short_inline_code_is_kept_on_one_line(body, expected):
    assert body_of(short_code_kept, body) == expected
