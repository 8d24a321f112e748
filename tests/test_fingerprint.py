"""Fingerprints: the content hashes of what a build reads."""

import os
from types import SimpleNamespace

import pytest

from paiban.errors import PaibanError
from paiban.fingerprint import fingerprint, input_files

from conftest import PNG, make_book



@pytest.fixture
def book(tmp_path):
    return make_book(tmp_path / "book", {"01/a.md": "# 甲\n\n![图](../images/p.png)\n", "images/p.png": PNG,
                                         "notes.txt.bak": "not an input", "build/old.png": PNG})


def test_inputs_are_the_config_articles_images_and_theme(book):
    labels = set(input_files(book))
    assert {"book/book.toml", "book/01/a.md", "book/images/p.png", "theme/base.css", "theme/page.html"} <= labels
    assert not any("bak" in label or "build/" in label for label in labels)


def test_contents_count_not_times_or_places(book, tmp_path):
    before = fingerprint(book)
    os.utime(book / "01" / "a.md", (1, 1))
    assert fingerprint(book).digest == before.digest
    moved = book.rename(tmp_path / "elsewhere")
    assert fingerprint(moved).digest == before.digest


@pytest.mark.parametrize(("change", "added"), [("01/a.md", "又一段。"), ("images/p.png", "\0"),
                                               ("book.toml", "# 改"), ("styles/base.css", "/* 改 */")])
def test_editing_any_input_changes_the_digest_and_names_the_file(book, change, added):
    before = fingerprint(book)
    path = book / change
    path.parent.mkdir(exist_ok=True)
    path.write_bytes((path.read_bytes() if path.exists() else b"") + f"\n{added}\n".encode())
    after = fingerprint(book)
    assert after.digest != before.digest
    assert [label for label in after.files if after.files[label] != before.files.get(label)] == [f"book/{change}"]


def test_the_preface_is_an_input(tmp_path):
    """Outline's iteration gives the parts only: an edited preface never rebuilt a batch's book."""
    book = make_book(tmp_path / "b", {"序言.md": "# 序\n\n序文。\n", "01/a.md": "# 甲\n\n正文。\n"},
                     toml='[book]\ntitle = "书"\npreface = "序言.md"\n')
    before = fingerprint(book)
    assert "book/序言.md" in before.files
    (book / "序言.md").write_text("# 序\n\n改过的序文。\n", encoding="utf-8")
    assert fingerprint(book).digest != before.digest


def test_the_output_profile_of_a_pdf_x_is_an_input(tmp_path):
    book = make_book(tmp_path / "b", {"01/a.md": "# 甲\n", "profiles/press.icc": b"icc"},
                     toml='[book]\ntitle = "书"\n[pdf]\nvariant = "pdf/x-4"\noutput-profile = "profiles/press.icc"\n')
    before = fingerprint(book)
    (book / "profiles" / "press.icc").write_bytes(b"another printer's")
    assert fingerprint(book).digest != before.digest


def test_the_toolchain_and_paibans_code_are_part_of_it(book, monkeypatch):
    """Only paiban's version was: code changed without a new version left every batch output
    "up to date", though `paiban build`'s cache keys already held the code's digest."""
    import paiban.fingerprint

    before = fingerprint(book)
    assert set(before.tools) == {"paiban", "weasyprint", "ebooklib", "opencc", "paiban code"}
    monkeypatch.setattr(paiban.fingerprint, "code_digest", lambda: "other code")
    assert fingerprint(book).digest != before.digest


def test_a_missing_article_is_the_build_error(tmp_path):
    book = make_book(tmp_path / "b", {}, toml='[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["x.md"]\n')
    with pytest.raises(PaibanError, match="x.md"):
        fingerprint(book)


def test_a_link_in_styles_to_nothing_or_out_of_the_book_is_left_out_of_a_build_with_a_warning(book, tmp_path,
                                                                                                 caplog):
    """A dangling styles/logo.png stopped `paiban build` with an internal error (FileNotFoundError)."""
    import paiban

    (tmp_path / "outside.css").write_text("p { color: red }", encoding="utf-8")
    (book / "styles").mkdir()
    (book / "styles" / "logo.png").symlink_to("/nonexistent/x.png")
    (book / "styles" / "extra.css").symlink_to(tmp_path / "outside.css")
    (book / "images" / "gone.png").symlink_to("/nonexistent/y.png")
    [epub] = paiban.build(book, formats=["epub"], output=tmp_path / "out")
    assert epub.path.is_file()
    told = [record.getMessage() for record in caplog.records]
    assert told == [f"{book}/styles/extra.css is a symbolic link to {tmp_path / 'outside.css'}, outside {book}: "
                    "it is left out. Copy the file there instead of linking to it.",
                    f"{book}/styles/logo.png is a symbolic link to /nonexistent/x.png, which does not exist: "
                    "it is left out. Remove the link, or put the file there."]
    assert not {"book/styles/logo.png", "book/styles/extra.css", "book/images/gone.png"} & set(input_files(book))


def test_a_library_upgraded_changes_the_digest_of_the_code(tmp_path, monkeypatch):
    """The build cache's keys hold it: a new WeasyPrint, EbookLib or OpenCC must make the outputs again."""
    import paiban.fingerprint

    installed = tmp_path / "__init__.py"
    installed.write_text("__version__ = '1.0'\n", encoding="utf-8")
    monkeypatch.setattr(paiban.fingerprint, "find_spec", lambda name: SimpleNamespace(origin=str(installed)))
    before = paiban.fingerprint.code_digest.__wrapped__()
    assert paiban.fingerprint.code_digest.__wrapped__() == before
    installed.write_text("__version__ = '1.0.1'\n", encoding="utf-8")
    assert paiban.fingerprint.code_digest.__wrapped__() != before


def test_a_sheet_of_the_themes_names_linked_out_of_the_book_is_the_themes_error_alone(book, tmp_path, caplog):
    """The build said it was "left out", then stopped with the theme's error on the same file."""
    import paiban

    (tmp_path / "outside.css").write_text("p { color: red }", encoding="utf-8")
    (book / "styles").mkdir()
    (book / "styles" / "base.css").symlink_to(tmp_path / "outside.css")
    with pytest.raises(PaibanError) as caught:
        paiban.build(book, formats=["epub"], output=tmp_path / "out")
    assert "leads out of its directory" in caught.value.message and "left out" not in caplog.text
