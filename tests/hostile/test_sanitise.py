"""Raw HTML in articles: whatever runs code, embeds documents, submits data or loads from elsewhere goes."""

import pytest

from paiban.xhtml import clean_fragment

HOSTILE = {
    "svg with script": '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">x</a></svg>',
    "math with action": '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    "javascript link": '<a href="javascript:alert(1)">x</a>',
    "javascript link, obfuscated": '<a href="jav&#x09;ascript:alert(1)">x</a><a href=" JaVaScRiPt:alert(1)">y</a>',
    "form": '<form action="http://127.0.0.1/steal"><input name="q"/><button>go</button></form>',
    "object": '<object data="file:///etc/passwd" type="text/plain"></object>',
    "embed": '<embed src="http://127.0.0.1/x.swf"/>',
    "iframe": '<iframe src="http://127.0.0.1/"></iframe>',
    "style attribute with url()": '<p style="background: url(http://127.0.0.1/x.png)">x</p>',
    "style element": "<style>@import url(http://127.0.0.1/x.css);</style><p>x</p>",
    "link element": '<link rel="stylesheet" href="http://127.0.0.1/x.css"/>',
    "event handler": '<p onclick="alert(1)" onmouseover="alert(1)">x</p><img src="a.png" onerror="alert(1)"/>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=http://127.0.0.1/"/>',
    "base": '<base href="http://127.0.0.1/"/>',
    "data URL link": '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
    "video and audio": '<video src="http://127.0.0.1/v.mp4" poster="http://127.0.0.1/p.png"></video>'
                       '<audio><source src="http://127.0.0.1/a.mp3"/></audio>',
}
FORBIDDEN = ("<script", "javascript", "onclick", "onerror", "onmouseover", "<form", "<input", "<object",
             "<embed", "<iframe", "style=", "<style", "<link", "<meta", "<base", "data:", "<video", "<audio",
             "<source", "xlink:href", "127.0.0.1/x.css")


@pytest.mark.parametrize("name", HOSTILE)
def test_raw_html_is_sanitised(name):
    cleaned = clean_fragment(HOSTILE[name]).lower()
    assert not [word for word in FORBIDDEN if word in cleaned]


def test_sanitised_text_survives():
    assert clean_fragment('<p onclick="x()" style="color: red">正文<script>bad()</script>。</p>') == "<p>正文。</p>"


def test_characters_xml_cannot_carry_are_removed_with_a_warning(caplog):
    assert clean_fragment("<p>a&#1;b\x0bc&#xFFFE;d</p>", "a.html") == "<p>abcd</p>"
    assert "a.html: removed 3" in caplog.text


@pytest.mark.parametrize("written", ['<ol start="{}"><li>一</li></ol>', '<ol><li value="{}">一</li></ol>',
                                     '<ol><li value=" -{}x">一</li></ol>'], ids=["start", "value", "signed"])
def test_a_list_number_of_thousands_of_digits_is_left_out_with_a_warning(caplog, written):
    """Kept, a number past the 4,300 digits Python reads stopped a PDF build and paiban import with an
    internal error."""
    assert clean_fragment(written.format("1" * 5000), "a.html") == "<ol><li>一</li></ol>"
    assert "a.html: <" in caplog.text and "of 50" in caplog.text and "numbers no list" in caplog.text


def test_a_list_number_of_nine_digits_is_kept(caplog):
    assert clean_fragment('<ol start="999999999"><li value="0000000001">一</li></ol>', "a.html") == \
        '<ol start="999999999"><li value="0000000001">一</li></ol>'
    assert "numbers no list" not in caplog.text
