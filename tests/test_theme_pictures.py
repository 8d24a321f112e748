"""A picture a book's template shows itself (a publisher's logo): found in the theme, shown in every format."""

from __future__ import annotations

import base64
import io
import subprocess
import zipfile
from pathlib import Path

from PIL import Image

import paiban
from paiban.cache import BuildCache
from paiban.theme import default_theme_dir

from conftest import epubcheck_messages, make_book

TITLEPAGE = (default_theme_dir() / "_titlepage.html").read_text(encoding="utf-8")


def logo() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (120, 40), (200, 30, 30)).save(data, "PNG")
    return data.getvalue()


def book_showing(tmp_path: Path, src: str) -> Path:
    """A book whose title page shows the picture ``src``, with styles/logo.png beside its templates."""
    shown = f'<p class="logo"><img src="{src}" alt="出版社标志" /></p>\n'
    titlepage = TITLEPAGE.replace("{% if book.meta.publisher %}", shown + "{% if book.meta.publisher %}")
    assert titlepage != TITLEPAGE
    return make_book(tmp_path / "b", {"01/a.md": "# 甲\n\n正文。\n", "styles/_titlepage.html": titlepage,
                                      "styles/logo.png": logo()})


def test_a_templates_picture_is_shown_in_the_epub_the_pdf_and_the_preview(tmp_path, caplog):
    """Its reference alone went into the EPUB (EPUBCheck RSC-007); the PDF looked for it beside
    book.toml, the preview beside the preview: neither showed it."""
    book, out = book_showing(tmp_path, "logo.png"), tmp_path / "out"
    for _ in range(2):  # the second time, the title page comes from the cache
        paiban.build(book, formats=["epub", "pdf", "html"], output=out, cache=BuildCache.in_output(out))
        with zipfile.ZipFile(out / "b.epub") as epub:
            assert epub.read("EPUB/styles/logo.png") == logo()
            assert '<img src="styles/logo.png" alt="出版社标志"/>' in epub.read("EPUB/titlepage.xhtml").decode()
        assert epubcheck_messages(out / "b.epub") == []
    images = subprocess.run(["pdfimages", "-list", str(out / "b.pdf")], capture_output=True, text=True, check=True)
    assert [line.split()[3:5] for line in images.stdout.splitlines()[2:]] == [["120", "40"]]
    assert f'src="data:image/png;base64,{base64.b64encode(logo()).decode()}"' in (out / "b.html").read_text()
    assert "Failed to load" not in caplog.text and "left <img" not in caplog.text


def test_a_picture_neither_the_book_nor_its_theme_has_is_left_out_with_a_warning(tmp_path, caplog):
    """In every format. The PDF printed one beside book.toml (``missing.png`` here) which the EPUB
    left out, and told of a missing one as missing from the book's folder."""
    book, out = book_showing(tmp_path, "missing.png"), tmp_path / "out"
    (book / "missing.png").write_bytes(logo())
    paiban.build(book, formats=["epub", "html", "pdf"], output=out)
    images = subprocess.run(["pdfimages", "-list", str(out / "b.pdf")], capture_output=True, text=True, check=True)
    assert images.stdout.splitlines()[2:] == []
    assert "left <img src='missing.png'> out of the PDF" in caplog.text
    assert epubcheck_messages(out / "b.epub") == []
    with zipfile.ZipFile(out / "b.epub") as epub:
        assert "<img" not in epub.read("EPUB/titlepage.xhtml").decode()
    assert "<img" not in (out / "b.html").read_text()
    assert "left <img src='missing.png'> out of titlepage.xhtml" in caplog.text
    assert "left <img src='missing.png'> out of the preview" in caplog.text


def test_an_articles_picture_is_the_books_not_the_themes(tmp_path):
    """A theme picture of the same name does not stand in for an article's own."""
    book = make_book(tmp_path / "b", {"01/a.md": "# 甲\n\n![图](logo.png)\n", "01/logo.png": logo(),
                                      "styles/logo.png": b"not this one"})
    paiban.build(book, formats=["epub"], output=tmp_path / "out")
    with zipfile.ZipFile(tmp_path / "out" / "b.epub") as epub:
        assert [name for name in epub.namelist() if name.endswith(".png") and "cover" not in name] == \
            ["EPUB/01/logo.png"]
        assert epub.read("EPUB/01/logo.png") == logo()


def test_a_templates_picture_in_the_pdf_is_the_themes_not_one_of_its_name_in_the_book(tmp_path):
    """The PDF read it from the book, the page's base: it printed book/logo.png, an unrelated picture,
    where the EPUB and the preview showed styles/logo.png."""
    book = book_showing(tmp_path, "logo.png")
    unrelated = io.BytesIO()
    Image.new("RGB", (33, 11), (0, 200, 0)).save(unrelated, "PNG")
    (book / "logo.png").write_bytes(unrelated.getvalue())
    [pdf] = paiban.build(book, formats=["pdf"], output=tmp_path / "out")
    images = subprocess.run(["pdfimages", "-list", str(pdf.path)], capture_output=True, text=True, check=True)
    assert [line.split()[3:5] for line in images.stdout.splitlines()[2:]] == [["120", "40"]]


def test_a_template_may_show_the_books_cover_in_the_pdf(tmp_path, caplog):
    """The cover is the book's picture, as the articles' are: not left out as the theme's."""
    book = book_showing(tmp_path, "cover.png")
    (book / "cover.png").write_bytes(logo())
    (book / "book.toml").write_text((book / "book.toml").read_text(encoding="utf-8").replace(
        "[book]\n", '[book]\ncover = "cover.png"\n'), encoding="utf-8")
    [pdf] = paiban.build(book, formats=["pdf"], output=tmp_path / "out")
    images = subprocess.run(["pdfimages", "-list", str(pdf.path)], capture_output=True, text=True, check=True)
    assert [line.split()[3:5] for line in images.stdout.splitlines()[2:]] == [["120", "40"]]
    assert "left <img" not in caplog.text
