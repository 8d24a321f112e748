"""Any Unicode text in, a valid book out: property-based tests with hypothesis.

Articles and metadata are generated from any characters, weighted towards the troublesome
ones: XML specials, control characters, lone combining marks, astral CJK (Extension B),
emoji, right-to-left text, very long lines and empty strings. A build either succeeds or
stops with a PaibanError (never another exception); a built EPUB is well-formed and passes
EPUBCheck, the PDF renders, and the letters of the text come back out.

The CI profile is small (EPUBCheck takes seconds per book). For a long run by hand::

    PAIBAN_HYPOTHESIS=hand .venv/bin/pytest tests/hostile/test_properties.py
"""

from __future__ import annotations

import html
import os
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import paiban
from paiban.chars import ILLEGAL
from paiban.errors import PaibanError
from paiban.sources import read_article
from paiban.xhtml import text_of

from conftest import epubcheck_messages

settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("hand", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile(os.environ.get("PAIBAN_HYPOTHESIS", "ci"))
# A whole build with EPUBCheck: a few seconds an example.
BOOKS = 4 if os.environ.get("PAIBAN_HYPOTHESIS", "ci") == "ci" else 150

TROUBLE = [
    "<", ">", "&", '"', "'", "]]>", "&amp;", "&#1;", "\x00", "\x01", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\x9f",
    "\u0301", "\u0308\u0301", "\u200d", "\ufeff", "\ufffe", "\uffff", "\u2028", "\u202e", "\U00020000",
    "\U0002a6b6", "𠮷野家", "😀", "👩‍👩‍👧", "🇨🇳", "שלום", "مرحبا", "\t", "\r", "\n", " ", "\u3000", "中文", "。",
]
chars = st.one_of(st.characters(codec="utf-8"), st.sampled_from(TROUBLE))
text = st.one_of(st.just(""), st.lists(chars, max_size=40).map("".join),
                 st.lists(chars, min_size=1, max_size=5).map(lambda c: "".join(c) * 400))  # a very long line


def toml_string(value: str) -> str:
    """A TOML basic string: the characters TOML will not take literally are escaped."""
    escaped = "".join(f"\\u{ord(c):04x}" if c in '"\\' or ord(c) < 0x20 or ord(c) == 0x7f else c for c in value)
    return f'"{escaped}"'


def letters(value: str) -> str:
    """The letters and digits of a text: what survives whatever the rules do to marks and spaces."""
    return "".join(c for c in ILLEGAL.sub("", value) if c.isalnum())


def write(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    return path


@given(body=text, title=text, suffix=st.sampled_from([".md", ".txt", ".html"]))
def test_any_article_reads_as_well_formed_xhtml_or_a_clear_error(tmp_path_factory, body, title, suffix):
    root = tmp_path_factory.mktemp("article")
    content = {".md": f"# {title}\n\n{body}\n", ".txt": f"{title}\n{body}\n",
               ".html": f"<h1>{html.escape(title)}</h1><p>{html.escape(body)}</p>"}[suffix]
    try:
        article = read_article(write(root / f"a{suffix}", content), root)
    except PaibanError as error:
        assert error.file is not None
        return
    etree.fromstring(f"<div>{article.body}</div>")  # well-formed
    assert not ILLEGAL.search(article.title + article.body)
    if suffix == ".html" and "\x00" not in content:
        assert letters(text_of(article.body)) == letters(body)


@settings(max_examples=BOOKS)
@given(title=text, author=text, paragraphs=st.lists(text, min_size=1, max_size=4))
def test_any_book_builds_a_valid_epub_and_a_pdf(tmp_path_factory, title, author, paragraphs):
    root = tmp_path_factory.mktemp("book")
    write(root / "book.toml", f"[book]\ntitle = {toml_string(title or '书')}\nauthors = [{toml_string(author)}]\n")
    body = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs if "\x00" not in paragraph)
    write(root / "a.html", f"<h1>标题</h1>{body or '<p>正文</p>'}")
    try:
        outputs = {o.format: o for o in paiban.build(root, formats=["epub", "pdf"], allow_missing_glyphs=True)}
    except PaibanError as error:  # e.g. a title made only of what XML cannot carry
        assert "book.toml" in str(error)
        return
    with zipfile.ZipFile(outputs["epub"].path) as archive:
        for name in archive.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx")):
                etree.fromstring(archive.read(name))
        chapter = text_of(etree.tostring(etree.fromstring(archive.read("EPUB/c1.xhtml")), encoding="unicode"))
    assert letters("".join(p for p in paragraphs if "\x00" not in p)) in letters(chapter)
    assert epubcheck_messages(outputs["epub"].path) == []
    assert outputs["pdf"].pages >= 1
