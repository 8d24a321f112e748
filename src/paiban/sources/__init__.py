"""Stage 2: readers turn source files into :class:`~paiban.model.Article` objects (one reader per format).

Each reader returns the article's fields and a raw HTML body; :func:`read_article` then
finishes every body the same way: sanitised, punctuation normalised, headings placed under
the article title, images resolved inside the book. Characters XML cannot carry are removed
from the text before a reader sees it, and from what the reader made of escapes.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path

from .. import patterns
from ..chars import quoted, source_text, xml_safe
from ..errors import PaibanError
from ..model import Article
from ..novel import CHAPTERS_MIN, chapter_lines, is_regulation
from ..numerals import NUMERAL
from ..paths import inside
from ..punctuation import headline
from ..titles import kept_markup, numbered_by_default, plain
from ..xhtml import text_of
from .body import finish_body
from .draft import EMPTY_HINT, Draft
from .embedded import store_embedded
from .encoding import read_bytes, read_text

log = logging.getLogger("paiban")

# The module of this package that reads each format: imported when a file of it is read, so a
# book of Markdown never loads the plain-text heuristics or the .docx reader.
# A web page's names: an XHTML page, and a page a server filled in (.shtml), whose server-side
# includes (<!--#include virtual="…" -->) are comments to a reader, dropped as every comment is.
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
READERS = {".md": "markdown", ".markdown": "markdown", ".txt": "text", **dict.fromkeys(HTML_SUFFIXES, "html"),
           ".docx": "docx"}
ARTICLE_SUFFIXES = frozenset(READERS)
# Formats that hold a document no reader takes (a word processor's, a PDF, a page saved as one
# file, a spreadsheet, a presentation), and how an editor turns such a file into one that is read.
# A yearbook's editor files a table as a spreadsheet beside the articles (02-常住人口.xlsx): a
# table pasted into Word stays a table, which the .docx reader keeps.
_SAVE_AS_DOCX = "open it in Word (or WPS, LibreOffice) and save it as .docx"
_SAVE_AS_HTML = "open it in the browser and save the page again as a web page (.html), not as a single file"
_PASTE_TABLE = ("copy its table into a Word (or WPS) document, which keeps it a table, and save that as .docx, or "
                "write it into an article as a Markdown table")
_COPY_SLIDES = "copy its text into an article, and save its charts and pictures as image files to put in it"
UNREADABLE = {".doc": _SAVE_AS_DOCX, ".docm": _SAVE_AS_DOCX, ".dot": _SAVE_AS_DOCX, ".dotx": _SAVE_AS_DOCX,
              ".rtf": _SAVE_AS_DOCX, ".odt": _SAVE_AS_DOCX, ".wps": _SAVE_AS_DOCX,
              ".pages": "export it from Pages as Word (.docx)",
              ".pdf": "give its text as .docx, .txt or .md instead (the document it was made from, or its text "
                      "copied out of it)",
              ".mht": _SAVE_AS_HTML, ".mhtml": _SAVE_AS_HTML,
              **dict.fromkeys((".xlsx", ".xlsm", ".xls", ".csv", ".tsv", ".ods", ".et", ".numbers"), _PASTE_TABLE),
              **dict.fromkeys((".pptx", ".ppt", ".pps", ".ppsx", ".dps", ".key", ".odp"), _COPY_SLIDES)}
# What editors' tools leave beside the articles, never articles themselves: hidden files
# (.notes.md, macOS's ._稿件.docx) and Word's owner files (~$稿件.docx), which hold a lock.
_LEFT_BY_TOOLS = (".", "~$")
# Formats whose readers take the file's bytes; the others get its text, encoding detected.
BINARY_SUFFIXES = frozenset({".docx"})
# The number that puts a chapter folder or an article file in order: 01-改革/, 02-表格.md.
# The number that orders a name: zero-padded (01-, its separator after it), or a level's numbers
# (1-1-, 2.1 , 10-), each part of three digits at most followed by a separator.
_ZERO_PADDED = patterns.compile(r"^0\d+[-_. ]*")
_ORDERING_PREFIX = patterns.compile(r"^\d+(?:[.-]\d{1,3}(?=[-_. ]))*[-_. ]*")
# A number that starts a title itself: a date (2024-03-05 公园散步, 2024.03 月报), a decimal (3.5米的桥),
# a range (3-5岁, 1999-2024 回顾, 12-15 岁: its second number the larger, of as many digits or one more).
_DATE = patterns.compile(r"^\d{4}[-.]\d{1,2}(?!\d)")
_DECIMAL = patterns.compile(r"^\d+\.\d+(?![\d_. -])")
_RANGE = patterns.compile(r"^(\d+)-(\d+)(?![\d_.-])")


def _ordering_prefix(name: str) -> int:
    """How many characters of ``name`` are the number that orders it, and its separator: none of a
    date, a decimal or a range that starts its title (it lost 3- of 3-5岁, 3. of 3.5米的桥)."""
    if padded := _ZERO_PADDED.match(name):
        return padded.end()
    if _DATE.match(name) or _DECIMAL.match(name):
        return 0
    if (found := _RANGE.match(name)) and int(found[2]) > int(found[1]) and len(found[2]) <= len(found[1]) + 1:
        return 0
    return prefix.end() if (prefix := _ORDERING_PREFIX.match(name)) else 0


def name_as_title(name: str) -> str:
    """A folder's or file's name as the title of what it holds, without the number that orders it
    (``01-改革`` → 改革); the number when nothing else is left (``2024``, ``04-`` → 04), without
    the dash that was to part it from a title not written yet."""
    return name[_ordering_prefix(name):] or name.rstrip("-_. ") or name


def format_hint(suffix: str) -> str:
    """How to make a file of format ``suffix``, which no reader takes, into an article."""
    readable = f"paiban reads {', '.join(sorted(READERS))}"
    fix = UNREADABLE.get(suffix.lower())
    return f"{fix[0].upper()}{fix[1:]}: {readable}." if fix else f"Convert it: {readable}."


def warn_unreadable(path: Path, left_out: str = "left out of the book") -> None:
    """Say that ``path``, a file of a format no reader takes (:data:`UNREADABLE`), is ``left_out``
    and how to make it an article: a contribution sent as .doc is otherwise missing without a word."""
    log.warning("%s: %s: paiban cannot read %s files. %s", path, left_out, path.suffix, format_hint(path.suffix))


def left_by_tools(path: Path) -> bool:
    """Whether ``path`` is a file an editor's tools left there (hidden, a Word lock), not an article."""
    return path.name.startswith(_LEFT_BY_TOOLS)


def read_article(path: Path, root: Path) -> Article:
    """Read one article file of the book at ``root``; a file that leads out of it is refused."""
    if not inside(path, root):
        raise PaibanError(f"the article leads out of the book directory (a symbolic link to {path.resolve()})",
                          file=path, hint="Copy the file into the book directory instead of linking to it.")
    draft = _xml_safe_fields(store_embedded(read_draft(path), path, root), path)
    if not draft.title and not text_of(draft.body).strip() and "<img" not in draft.body:
        raise PaibanError("the article is empty", file=path, hint=EMPTY_HINT)
    body, images = finish_body(draft.body, path, root)
    title, title_markup = _title(draft, path)
    return Article(
        source=path,
        title=title,
        title_markup=title_markup,
        title_id=draft.title_id,
        subtitle=headline(draft.subtitle.strip()) if draft.subtitle and draft.subtitle.strip() else None,
        body=body,
        author=draft.author,
        column=draft.column,
        date=draft.date,
        origin=draft.origin,
        images=images,
        convert=draft.convert,
        running_title=headline(draft.running_title.strip()) if draft.running_title else None,
    )


def _title(draft: Draft, path: Path) -> tuple[str, str | None]:
    """The article's plain title, and its markup when part of it is no-convert (then the plain
    title is that markup's text); a file without a title is titled by its name."""
    if not draft.title:
        _warn_if_only_numbered(path)
        return xml_safe(name_as_title(path.stem), path), None
    if draft.title_markup and (markup := kept_markup(draft.title_markup, path)):
        return plain(markup), markup
    return headline(draft.title), None


# Where each format's reader finds an article's title, for a file that gives none.
_TITLE_HINTS = {"markdown": "add `title:` front matter or a `# heading` at its top",
                "text": "write the title alone on its first line",
                "html": "give it an <h1> heading (or a <title>)",
                "docx": "give its first paragraph Word's Title or Heading 1 style"}


def _warn_if_only_numbered(path: Path) -> None:
    """An article without a title is titled by its file's name (02-表格.md → 表格), as the README
    says; but a name that is only the number ordering it (03.md, 04-.md) leaves the heading and
    the contents a bare 03, which no editor means: a warning, for ``paiban check`` to list too."""
    if not path.stem[_ordering_prefix(path.stem):]:
        log.warning("%s: the article has no title, so it is titled by its file's number, %s: %s", path,
                    quoted(name_as_title(path.stem)), _TITLE_HINTS[READERS[path.suffix.lower()]])


def read_draft(path: Path) -> Draft:
    """What the reader for ``path``'s format makes of it, before the body is finished."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise PaibanError(f"unsupported article format {quoted(path.suffix)}", file=path, hint=format_hint(path.suffix))
    reader: Callable[..., Draft] = importlib.import_module(f"{__package__}.{READERS[suffix]}").read
    if suffix in BINARY_SUFFIXES:
        return reader(path, read_bytes(path))
    decoded = read_text(path)
    decoded.warn_if_uncertain(path)
    _warn_if_novel(path, decoded.text)
    return replace(reader(path, source_text(decoded.text, path)), encoding=decoded.encoding)


def _warn_if_novel(path: Path, text: str) -> None:
    """Tell the user when a text file holds a whole book of chapters: read as one article, its
    chapter lines are only subheadings, with no openers, no bookmarks and no page breaks. A
    regulation's chapter lines (its 第一章　总则 over 第一条　…) are rightly its subheadings."""
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".md"):
        return
    lines = text.splitlines()
    found = chapter_lines(lines)
    if suffix == ".md" and len(found) >= CHAPTERS_MIN:  # parsed only then: most articles stop here
        lines = _markdown_lines(text)
        found = chapter_lines(lines)
    if len(found) < CHAPTERS_MIN or is_regulation(lines) or _back_matter(path, lines):
        return
    split = (f"`paiban import {path.name} -o NEW_BOOK_DIR` makes a book of its chapters"
             if suffix == ".txt" else "split it into a file per chapter")
    log.warning("%s: it holds %d chapter lines (%s …) but is read as one article, a single chapter of the "
                "book: %s", path, len(found), found[0], split)


def _back_matter(path: Path, lines: list[str]) -> bool:
    """Whether the article is back matter by its title (its file's name, or its first line):
    a textbook's answer key (参考答案) or an appendix goes chapter by chapter, 第一章 …, which is
    its own order, not a book of chapters to split (the warning's advice was wrong for it)."""
    first = next((line.strip().lstrip("#").strip() for line in lines if line.strip()), "")
    return not (numbered_by_default(name_as_title(path.stem)) and numbered_by_default(first))


def _markdown_lines(text: str) -> list[str]:
    """A Markdown article's lines that may be chapter lines: none of a block (a poem's verse, code),
    nor a textbook's ``## 第1节`` sections."""
    from .markdown import lines_outside_blocks  # the reader of the article, imported when it is read

    return [line for line in lines_outside_blocks(text) if not _SECTION_HEADING.match(line)]


# A Markdown heading under the article's own that numbers a section (## 第1节): a chapter's part.
# (A novel in one file heads its chapters ## 第一章 under its # title: those are chapter lines.)
_SECTION_HEADING = patterns.compile(rf" {{0,3}}##+\s*第\s*{NUMERAL}\s*[节節]")


def _xml_safe_fields(draft: Draft, path: Path) -> Draft:
    """The draft's text fields (title, author, ...) without characters XML cannot carry.

    (The body is cleaned when it is sanitised.)
    """
    changed = {field.name: xml_safe(value, path) for field in fields(draft)
               if field.name != "body" and isinstance(value := getattr(draft, field.name), str)}
    return replace(draft, **changed)
