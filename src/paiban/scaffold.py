"""``paiban new``: a book project that builds at once, to start from."""

from __future__ import annotations

import errno
import json
from pathlib import Path

from .chars import quoted
from .config import CONFIG_NAME, meant_language
from .convert import converter, written_in
from .edition import LANGUAGES
from .errors import PaibanError

BOOK_TOML = """\
# The book's metadata. See the README for every key.
[book]
title = {title}
authors = ["作者姓名"]
language = {language}
# slug = "my-book"          # output file names (default: the directory's name)
# identifier = "978-7-..."  # an ISBN; without one paiban derives a stable UUID
# publisher = "出版社"
# date = 2026-01-01

# Without [[chapters]] or [[parts]], each folder is a chapter (01-开篇/ → 开篇)
# and its .md, .txt, .html and .docx files are its articles, in name order.
"""

FIRST_ARTICLE = """\
---
title: 第一篇文章
author: 作者姓名
---

这是新书的第一篇文章。把文章写成 Markdown、纯文本或 HTML 文件，放进章节文件夹即可。

## 小标题

正文段落会两端对齐，首行缩进两字。运行 `paiban build` 生成 EPUB 与 PDF。
"""


def new_book(directory: Path, title: str | None = None, language: str | None = None) -> list[Path]:
    """Create a book project in ``directory`` (new or empty), written in ``language`` (default: the
    title's script); return the files written."""
    title = _title(title, directory)
    try:
        return _write_book(directory, title, _language(language, title))
    except OSError as error:
        raise PaibanError(f"cannot create {directory}: {error.strerror}", file=directory,
                          hint=_NAME_TOO_LONG if error.errno == errno.ENAMETOOLONG else
                          "Choose a directory you can write to.") from None


def _title(given: str | None, directory: Path) -> str:
    """The book's title: ``given``, or the directory's name; refused before anything is written if
    the book could not be built with it."""
    if given is not None and not given.strip():
        raise PaibanError("the title is blank",
                          hint="Give the book's title with --title, or leave --title out to take the directory's name.")
    title = given or directory.resolve().name
    try:
        title.encode("utf-8")
    except UnicodeEncodeError:  # bytes of another encoding, in the argument or the directory's name
        raise PaibanError(f"the title {quoted(title)} is not UTF-8 text",
                          hint="Give the title with --title, in UTF-8 (without --title, the title is the "
                               "directory's name).") from None
    return title


def _language(given: str | None, title: str) -> str:
    """The book's language: ``given`` (in any case, spelt as book.toml needs it), else zh-Hant for a
    title written in Traditional characters (a book so named is written so, and the default zh-Hans
    would set it in Simplified fonts and check every line of it as strays), else zh-Hans."""
    if given is None:
        return "zh-Hant" if written_in(title)[0] == "Hant" else "zh-Hans"
    spelt = {language.lower(): language for language in LANGUAGES}.get(given.lower())
    if spelt is None:  # zh-TW, as most software tags Chinese: the language it means, as book.toml's error says
        meant = meant_language(given)
        raise PaibanError(f"unknown language {quoted(given)}",
                          hint=(f"Did you mean {meant}? " if meant else "")
                          + f"Give --language one of {', '.join(LANGUAGES)}, the tags book.toml takes.")
    return spelt


_NAME_TOO_LONG = ("A file or directory name may have at most 255 bytes (85 Chinese characters): choose a "
                  "shorter name, and give the whole title with --title.")


# How the sample, written Simplified here, is put in each Traditional language: in Taiwan's
# words too (檔案, 執行), as a Taiwanese author would write it.
SAMPLE_CONVERSION = {"zh-Hant": "s2t", "zh-Hant-TW": "s2twp", "zh-Hant-HK": "s2hk"}


def _in_script(language: str, text: str) -> str:
    """``text`` of the sample project as a book in ``language`` is written."""
    config = SAMPLE_CONVERSION.get(language)
    return converter(config)(text) if config else text


def _write_book(directory: Path, title: str, language: str) -> list[Path]:
    """The project's files, their text (and the names of the sample's folder and article) in the
    script of ``language``; the title as given."""
    if directory.exists() and not directory.is_dir():
        raise PaibanError(f"{directory} is a file, not a directory", file=directory,
                          hint="Choose a new directory name; paiban new never overwrites files.")
    if directory.is_dir() and any(directory.iterdir()):
        raise PaibanError(f"{directory} already exists and is not empty", file=directory,
                          hint="Choose a new directory name; paiban new never overwrites files.")
    chapter = directory / _in_script(language, "01-开篇")
    chapter.mkdir(parents=True, exist_ok=True)
    files = {
        directory / CONFIG_NAME: _in_script(language, BOOK_TOML).format(
            title=json.dumps(title, ensure_ascii=False), language=json.dumps(language)),
        chapter / _in_script(language, "01-第一篇文章.md"): _in_script(language, FIRST_ARTICLE),
    }
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return list(files)
