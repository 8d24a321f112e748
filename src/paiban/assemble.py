"""Stage 3: collect and order the articles into Book → Parts → Chapters → Articles.

The structure is either listed in ``book.toml`` (parts and chapters with files or globs) or
found by convention: each subdirectory, in name order, is a chapter named after the
directory minus its numeric prefix (``01-改革/`` → 改革), holding its articles in name order
(:func:`~paiban.numerals.name_order`: 第2章 before 第10章).
When the book numbers its chapters, front and back matter (an appendix, the bibliography) is
left unnumbered: by its title, or as ``numbered`` in book.toml says.
"""

from __future__ import annotations

import difflib
import functools
import glob
import logging
import os
import re
from fnmatch import fnmatchcase
from html import escape, unescape
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from . import patterns
from .chars import quoted, xml_safe
from .config import AccessibilitySpec, BookConfig, ChapterSpec, LoadedConfig
from .edition import identifier
from .errors import PaibanError
from .media import image_type
from .model import Accessibility, Article, Book, Chapter, Metadata, Part, map_articles
from .numerals import NUMBERED, SEPARATOR, chinese_numeral, name_order
from .paths import OUTPUT_DIR, inside, utf8_named
from .pixels import picture_fault
from .punctuation import headline
from .sections import mark_sections
from .sources import (ARTICLE_SUFFIXES, UNREADABLE, format_hint, left_by_tools, name_as_title, read_article,
                      warn_unreadable)
from .sources.body import line_of, raised
from .titles import in_language, numbered_by_default, plain, tagged_markup, tagged_phrases, untagged
from .xhtml import edit, language_case, prefix_ids, rewrite, safe_id, text_of

log = logging.getLogger("paiban")

# Directories of a book project that never hold chapters.
NOT_CHAPTERS = frozenset({"styles", "build", "images", "assets", "static"})
# What to do about an article that is a symbolic link to nothing.
_RESTORE_LINK = "Restore the file the link leads to, or remove the link."

# Generated text the reader sees. Part of the book, so a converted edition converts it too.
LABELS = {
    "contents": "目录", "author": "著", "editor": "编", "translator": "译", "source": "来源", "cover": "封面",
    "pages": "页码", "landmarks": "导览",
    "back-to-text": "返回正文",  # a note's link back (↑), named for a screen reader
    # The EPUB's accessibility summary, in pieces: what it says depends on the book.
    "a11y-text": "文字内容完整，", "a11y": "目录、阅读顺序与章节结构均可导航",
    "a11y-pages": "，附印刷版页码",
    "a11y-images": "；图片均有替代文字。", "a11y-images-missing": "；部分图片没有替代文字。",
    "print-edition": "印刷版（PDF）",
}

ReadHook = Callable[[Path], None]
Reader = Callable[[Path, Path], Article]  # (article file, book root) → Article: read_article or a cached one


class Found(NamedTuple):
    """A chapter of the outline: its title, its article files, whether it is numbered when the
    book numbers its chapters, the title of its running heads book.toml gives, if any, and its
    title's markup when part of it is tagged with a language (:func:`~paiban.titles.tagged_markup`)."""

    title: str
    files: list[Path]
    numbered: bool
    running_title: str | None = None
    title_markup: str | None = None


@dataclass(frozen=True)
class Outline:
    """Parts → chapters → article files, found but not read yet; and the preface, if any.

    Iterating it gives the parts as ``(part title or None, [Found chapter])``.
    ``kept``: the files of chapters book.toml keeps as written, each with its chapter's language:
    ``None`` for one kept in its script (``no-convert = true``), a tag for one written in another
    language (``language = "ja"``).
    """

    parts: list[tuple[str | None, list[Found]]]
    preface: Path | None = None
    kept: Mapping[Path, str | None] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.parts)

    @property
    def files(self) -> list[Path]:
        """Every article file, the preface first."""
        body = [path for _, chapters in self.parts for chapter in chapters for path in chapter.files]
        return [self.preface, *body] if self.preface else body


def assemble(loaded: LoadedConfig, on_article: ReadHook | None = None,
             outline: Outline | None = None, reader: Reader = read_article) -> Book:
    """Read every article of the book and return the :class:`Book`. ``on_article`` is called per file.

    ``outline`` is what :func:`find_articles` returned, when the caller already has it;
    ``reader`` reads one file (the build passes one that reuses its cache).
    """
    root = loaded.book_dir.resolve()
    outline = find_articles(loaded) if outline is None else outline
    if not any(chapter.files for _, chapters in outline for chapter in chapters):
        raise PaibanError(
            "the book has no articles",
            file=loaded.path,
            hint="Add .md, .txt or .html files to the book directory (or to chapter folders in it).",
        )

    def read(path: Path) -> Article:
        if on_article:
            on_article(path)
        article = reader(path, root)
        return replace(article, convert=False, lang=outline.kept[path]) if path in outline.kept else article

    read_files = {path: read(path) for path in outline.files}
    _warn_of_copies(read_files.values(), root)
    preface = read_files[outline.preface] if outline.preface else None
    parts = [
        Part(title=part_title and headline(part_title), chapters=tuple(
            _chapter(found.title, tuple(read_files[path] for path in found.files), found.numbered,
                     found.running_title, found.title_markup)
            for found in chapters))
        for part_title, chapters in outline
    ]
    config = loaded.config
    parts = _number(parts, config.book.chapter_numbers)
    preface = replace(preface, id="a0", body=prefix_ids(preface.body, "a0")) if preface else None
    parts, preface = _link_articles(parts, preface)
    book = Book(
        meta=_metadata(loaded, root),
        parts=parts,
        preface=preface,
        root=root,
        slug=book_slug(loaded),
        has_parts=bool(config.parts),
        labels=dict(LABELS),
        contents_authors=config.contents.authors,
    )
    depth = config.contents.sections  # 0 too: takes off an author's own listed-section class
    return map_articles(book, lambda article: mark_sections(article, depth))


# Below this many characters (white space aside), two articles of the same text are copies only
# under the same title: a placeholder or a one-line note may stand in several places.
_SHORT_TEXT = 50


def _warn_of_copies(articles: Iterable[Article], root: Path) -> None:
    """An article whose text is another's is printed twice, without a word: a browser's copy of a
    download (``秋天的信 (1).txt``) left beside the file, a draft saved under a second name. A
    warning at the later file names the first (``paiban check`` lists it). Articles without text
    (a title alone, a picture) may well be alike, and so may short ones of different titles (a
    collection's letters that each say only （此信已遗失）): those are told only under one title."""
    first: dict[str, Article] = {}
    for article in articles:
        if (original := first.setdefault(article.body, article)) is article:
            continue  # (the text is read only of a copy: parsing every body cost a rebuild 30 ms)
        text = "".join(text_of(article.body).split())
        if text and (len(text) >= _SHORT_TEXT or article.title == original.title):
            log.warning("%s: its text is the same as that of %s, so the book prints it twice: remove one of them",
                        article.source, original.source.relative_to(root).as_posix())


def book_slug(loaded: LoadedConfig) -> str:
    """The stem of the book's file names: ``slug`` in ``[book]``, else the directory's name."""
    return loaded.config.book.slug or loaded.book_dir.resolve().name


def count_articles(outline: Outline) -> int:
    """How many article files an outline lists (for a progress bar)."""
    return len(outline.files)


def find_articles(loaded: LoadedConfig) -> Outline:
    """Parts → chapters → article files, from ``book.toml`` or by convention; nothing read yet.
    Every command lists them here, so here a name that is not UTF-8 is refused (see
    :func:`~paiban.paths.utf8_named`): the book's own folder's first, then each article's."""
    config, root = loaded.config, utf8_named(loaded.book_dir.resolve())
    preface = _preface(loaded, root)
    listed = {preface} if preface else set()
    if config.parts:
        parts = [(part.title, [_listed(c, ("parts", p, "chapters", i), loaded, root, listed)
                               for i, c in enumerate(part.chapters)])
                 for p, part in enumerate(config.parts)]
    elif config.chapters:
        parts = [(None, [_listed(c, ("chapters", i), loaded, root, listed) for i, c in enumerate(config.chapters)])]
    else:
        parts = [(None, _conventional_chapters(root, config.book.title, loaded.path, exclude=preface))]
    outline = Outline(parts=parts, preface=preface, kept=_kept(config, parts))
    if config.parts or config.chapters:
        _warn_of_unlisted(outline, root, listed)
    for path in outline.files:
        utf8_named(path, root)
    return outline


def _kept(config: BookConfig, parts: list) -> dict[Path, str | None]:
    """The files of the chapters book.toml lists with ``no-convert = true`` or a ``language``, each
    with that language (in BCP 47's case, as the sanitiser writes an article's: fonts.css matches
    it so): ``parts`` lists them in book.toml's order (none, when it lists no chapter)."""
    specs = _chapter_specs(config)
    chapters = [chapter for _, listed in parts for chapter in listed] if specs else []
    return {path: spec.language and language_case(spec.language)
            for spec, chapter in zip(specs, chapters, strict=True) if spec.no_convert or spec.language
            for path in chapter.files}


def _chapter_specs(config: BookConfig) -> list[ChapterSpec]:
    """The chapters book.toml lists (``[[parts.chapters]]`` or ``[[chapters]]``), in its order."""
    return [chapter for part in config.parts for chapter in part.chapters] or config.chapters


def _warn_of_unlisted(outline: Outline, root: Path, listed: set[Path]) -> None:
    """Warn of each article file beside the articles book.toml lists that no chapter lists, with
    the path to add: a serial's new chapter, written into its volume's folder before book.toml
    had its entry, was left out of the book without a word. Only the listed articles' folders are
    looked in (a scan each, however many chapters): a folder of the author's own notes elsewhere
    in the book, or one whose name starts with _, is not the book's. ``listed`` holds every file
    the book lists, resolved; a file is resolved only when its path is not one listed as written."""
    written = set(outline.files)
    for folder in dict.fromkeys(path.parent for path in outline.files):  # in the book's order
        files = sorted((Path(entry.path) for entry in _entries(folder) if entry.is_file()), key=name_order)
        for path in files:
            if (path not in written and _is_article(path) and not _goes_without_saying(path)
                    and path.resolve() not in listed):
                log.warning("%s: left out of the book: no chapter of book.toml lists it. Add \"%s\" to a chapter's "
                            "`articles` (paths are relative to the book directory), or move it into a folder whose "
                            "name starts with _ to keep it out of the book", path, path.relative_to(root).as_posix())


def _listed(spec: ChapterSpec, loc: tuple, loaded: LoadedConfig, root: Path, listed: set[Path]) -> Found:
    """A chapter book.toml lists, as the outline holds it: its title, files (see :func:`_expand`),
    whether it is numbered (as its ``numbered`` says, else by its title) and its running title."""
    if spec.numbered and not loaded.config.book.chapter_numbers:
        line = loaded.line_of(*loc, "numbered")
        log.warning("%s: `numbered = true` numbers chapter %s only in a book that numbers its chapters: "
                    "add `chapter-numbers = true` to [book]", f"{loaded.path}:{line}" if line else loaded.path,
                    quoted(spec.title))
    numbered = numbered_by_default(spec.title) if spec.numbered is None else spec.numbered
    return Found(spec.title, _expand(spec, loc, loaded, root, listed), numbered, spec.running_title)


def _preface(loaded: LoadedConfig, root: Path) -> Path | None:
    """The preface file named in [book], checked like any article path."""
    name = loaded.config.book.preface
    if not name:
        return None
    path = (root / name).resolve()
    line = loaded.line_of("book", "preface")
    if not inside(path, root):
        raise PaibanError(f"preface {quoted(name)} leads out of the book directory (to {path})", file=loaded.path,
                          line=line, hint="Copy the file into the book directory instead of linking to it.")
    if path.is_dir():
        raise _folder_named("preface", name, path, root, _is_article, loaded, line)
    if not path.is_file():
        raise PaibanError(f"preface {quoted(name)} not found in the book directory", file=loaded.path, line=line,
                          hint=_did_you_mean(name, root, _is_article)
                          + "Give the path of an article file, relative to the book directory.")
    if not _is_article(path):
        raise PaibanError(f"preface {quoted(name)} is not an article", file=loaded.path, line=line,
                          hint=f"A picture is printed as the cover: cover = {quoted(name)}. The preface is an article "
                               f"file (paiban reads {', '.join(sorted(ARTICLE_SUFFIXES))})." if _is_image(path)
                          else format_hint(path.suffix))
    return path


def _folder_named(what: str, written: str, folder: Path, root: Path, wanted: Callable[[Path], bool],
                  loaded: LoadedConfig, line: int | None) -> PaibanError:
    """The error for a ``folder`` named where one file is ``wanted`` (a preface, a cover): it is there,
    and "not found" sent the editor looking for what they could see."""
    files = sorted((path for path in folder.iterdir() if path.is_file() and wanted(path)), key=name_order)
    return PaibanError(f"{what} {quoted(written)} is a folder", file=loaded.path, line=line,
                       hint=f"Give the path of one file in it, e.g. {what} = "
                            f"{quoted(files[0].relative_to(root).as_posix())}." if files else
                       "Give the path of a file, not of a folder, relative to the book directory.")


def _globs_of(written: str, folder: Path) -> str:
    """How to list the articles of ``folder``, which a chapter's ``articles`` names as it would a file: a
    glob of each of their formats (``01-章/*`` would take its pictures too)."""
    suffixes = sorted({path.suffix.lower() for path in folder.iterdir() if path.is_file() and _is_article(path)})
    globs = ", ".join(f'"{written.rstrip("/")}/*{suffix}"' for suffix in suffixes or [".md"])
    return f"To take the articles in it, in name order, write a pattern: articles = [{globs}]."


def _conventional_chapters(root: Path, book_title: str, config_path: Path, exclude: Path | None = None) -> list[Found]:
    """The chapter folders' articles, then the loose articles, in a chapter named after the book
    (``book_title`` as book.toml at ``config_path`` writes it, its phrases tagged with a language
    kept so). What the convention leaves out that looks like an article (a .doc, a folder inside a
    chapter's, a folder holding no article) is named in a warning: an essay missing from the book
    without a word is found too late."""
    chapters = []
    for folder in sorted(root.iterdir(), key=name_order):
        if folder.is_dir() and folder.name not in NOT_CHAPTERS and folder.name[0] not in "._":
            if not inside(folder, root):  # walked, it named folders outside the book in its warnings
                raise PaibanError("the chapter folder leads out of the book directory (a symbolic link to "
                                  f"{folder.resolve()})", file=folder,
                                  hint="Copy the folder into the book instead of linking to it, or start the "
                                       "link's name with _ to keep it out of the book.")
            files = _article_files(folder, nested=True)
            if not files and _holds_documents(folder):
                log.warning("%s%s: this folder makes no chapter: it holds no article file (%s). Put its articles "
                            "in it, or start its name with _ to keep it out of the book", folder, os.sep,
                            ", ".join(sorted(ARTICLE_SUFFIXES)))
            chapters.append((folder, files))
    def kept(files: list[Path]) -> list[Path]:  # a path resolved only when there is a preface to leave out
        return [file for file in files if file.resolve() != exclude] if exclude else files

    chapters = [(folder, kept(files)) for folder, files in chapters]
    chapters = [(_folder_title(folder, root), files) for folder, files in chapters if files]
    found = [Found(title, files, numbered_by_default(title)) for title, files in chapters]
    if top := kept(_article_files(root, nested=False)):
        # Loose articles beside chapter folders come first, in a chapter named after the book.
        title = untagged(book_title)
        found.insert(0, Found(title, top, numbered_by_default(title),
                              title_markup=tagged_markup(book_title, config_path)))
    return found


def _folder_title(folder: Path, root: Path) -> str:
    """A chapter folder's title: its name less its number. A name that is not UTF-8 is refused
    here, before it is made a title of mojibake, with a warning of the characters removed."""
    return xml_safe(name_as_title(utf8_named(folder, root).name), folder)


def _article_files(folder: Path, nested: bool) -> list[Path]:
    """The articles in ``folder``, by name; a warning for each file of a format no reader takes
    (and, in a chapter's folder, ``nested``, each folder of articles within), saying what to do."""
    articles = []
    for path in sorted(folder.iterdir(), key=name_order):
        if _goes_without_saying(path):
            continue
        if path.suffix.lower() in ARTICLE_SUFFIXES and (target := _leads_nowhere(path)):
            raise PaibanError(f"the article is a symbolic link to {target}, which does not exist", file=path,
                              hint=_RESTORE_LINK)
        if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES:
            articles.append(path)
        elif path.is_file() and path.suffix.lower() in UNREADABLE:
            warn_unreadable(path)
        elif (nested and path.is_dir() and path.name not in NOT_CHAPTERS and _holds_documents(path)
              and not _holds_attachments(path)):
            log.warning("%s%s: left out of the book: a folder inside a chapter folder is not read. Move its "
                        "files up into %s%s, or list the chapters and their articles in book.toml",
                        path, os.sep, folder.name, os.sep)
    return articles


def _goes_without_saying(path: Path) -> bool:
    """Whether ``path`` is no article whatever its format: a file an editor's tools left, or a README."""
    return left_by_tools(path) or path.name.lower().startswith("readme")


def _leads_nowhere(path: Path) -> str | None:
    """Where ``path`` leads if it is a symbolic link to nothing. Such an article is an error, not
    left out: a chapter printed without it, without a word, is found too late."""
    return os.readlink(path) if path.is_symlink() and not path.exists() else None


def _holds_documents(folder: Path) -> bool:
    """Whether ``folder`` or a folder in it (none hidden) holds a file that looks like an article,
    readable or not: a folder of pictures goes without saying."""
    return any(not left_by_tools(path) and path.suffix.lower() in ARTICLE_SUFFIXES | UNREADABLE.keys()
               for folder_path in _folders(folder) for path in folder_path.iterdir() if path.is_file())


def _holds_attachments(folder: Path) -> bool:
    """Whether ``folder``, in a chapter's folder, is an article's pictures and attachments: it holds
    pictures and no article of a format paiban reads, and a spreadsheet or a document beside them is a
    file an article links to (a Notion export's 活动记录 1a2b/ beside 活动记录 1a2b.md, its photo and
    报名表.csv), no article left out. Told to move its files up, an editor would break the links."""
    files = [path for folder_path in _folders(folder) for path in folder_path.iterdir() if path.is_file()]
    return any(image_type(path) for path in files) and not any(
        path.suffix.lower() in ARTICLE_SUFFIXES for path in files)


def _expand(spec: ChapterSpec, loc: tuple, loaded: LoadedConfig, root: Path, listed: set[Path]) -> list[Path]:
    """The files a chapter lists, in order; globs in name order. Nothing outside the book.

    ``listed`` holds the files the book has listed so far (resolved), and takes this chapter's.
    A file listed again is taken once, where it is first listed: printing an article twice is
    never what an editor wants. A glob takes the rest of what it matches without a word of the
    files its chapter took before it: "this one first, then the rest" (``["01-章/01-a.md",
    "01-章/*.md"]``) is a common way to order a chapter, and warned of, a 300-chapter novel so
    ordered printed 300 warnings that buried any other. A file listed again otherwise (by name,
    or in another chapter) is a warning, for it is one listed twice by mistake.
    """
    files: list[Path] = []
    taken: set[Path] = set()  # this chapter's files, resolved
    line = loaded.line_of(*loc, "articles")
    for pattern in spec.articles:
        if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            raise PaibanError(f"article path {quoted(pattern)} points outside the book directory",
                              file=loaded.path, line=line,
                              hint="List articles by paths relative to the book directory.")
        globbed = glob.has_magic(pattern)
        if globbed:  # its articles: 01-章/* would take the chapter's pictures too
            matches = [p for p in _glob(root, pattern, loaded, line)
                       if not left_by_tools(p) and (_is_article(p) or not p.is_file())]
            if not matches:
                raise PaibanError(f"no article matches {quoted(pattern)}", file=loaded.path, line=line,
                                  hint=_pattern_hint(pattern, root))
        else:
            matches = [root / pattern]
            if matches[0].is_dir():
                raise PaibanError(f"article file {quoted(pattern)} is a folder", file=loaded.path, line=line,
                                  hint=_globs_of(pattern, matches[0]))
            if not matches[0].is_file() and not _leads_nowhere(matches[0]):
                raise PaibanError(f"article file {quoted(pattern)} not found", file=loaded.path, line=line,
                                  hint=_did_you_mean(pattern, root, _unlisted_article(loaded, root, listed))
                                  + f"Create it, or fix the path (relative to {root}).")
            if matches[0].is_file() and not _is_article(matches[0]):  # it was refused at the file, not here
                raise PaibanError(f"article file {quoted(pattern)} is no article", file=loaded.path, line=line,
                                  hint="A picture is shown from an article (![说明](…)), or is the book's cover: "
                                       f"cover = {quoted(pattern)}." if _is_image(matches[0])
                                  else format_hint(matches[0].suffix))
        for path in matches:
            if target := _leads_nowhere(path):
                raise PaibanError(f"article {quoted(path.relative_to(root).as_posix())} is a symbolic link to "
                                  f"{target}, which does not exist", file=loaded.path, line=line, hint=_RESTORE_LINK)
            if not inside(path, root):
                raise PaibanError(f"article {quoted(pattern)} resolves outside the book directory "
                                  "(a symbolic link?)", file=loaded.path, line=line,
                                  hint="Copy the files into the book directory instead of linking to them.")
            resolved = path.resolve()
            if resolved in listed:
                if not (globbed and resolved in taken):
                    log.warning("%s: %s is listed more than once; it is taken once, where it is first listed",
                                f"{loaded.path}:{line}" if line else loaded.path, path.relative_to(root).as_posix())
                continue
            listed.add(resolved)
            taken.add(resolved)
            files.append(path)
    return files


def _pattern_hint(pattern: str, root: Path) -> str:
    """What to do about a ``pattern`` that matches no article: one written with Windows's \\
    (``正文\\*.md``) is to be written with / between its folders."""
    if "\\" in pattern:
        slashed = pattern.replace("\\", "/")
        return f"Write / between folders, not \\ as on Windows: {quoted(slashed)}."
    return f"Check the pattern against the files in {root}."


def _did_you_mean(written: str, root: Path, wanted: Callable[[Path], bool]) -> str:
    """``Did you mean '01-山中一夜.md'? `` when a file of the book that is ``wanted`` has a path
    close to ``written``, a path not found, or to its last part: a name typed with a full-width
    space or a 一 for a -, or a path on the editor's own disk (C:\\Users\\…\\封面.jpg), looks right
    to the eye and is hard to find unaided."""
    paths = [path.relative_to(root).as_posix() for folder in _folders(root)
             if not folder.is_relative_to(root / OUTPUT_DIR)
             for path in folder.iterdir() if path.is_file() and not left_by_tools(path) and wanted(path)]
    slashed = written.replace("\\", "/")
    close = (difflib.get_close_matches(slashed, paths, n=1)
             or difflib.get_close_matches(slashed.rsplit("/")[-1], paths, n=1))
    return f"Did you mean {quoted(close[0])}? " if close else ""


def _unlisted_article(loaded: LoadedConfig, root: Path, listed: set[Path]) -> Callable[[Path], bool]:
    """Whether a file is an article that no chapter of book.toml lists: what a listed path not
    found was likely renamed to. A serial's chapters differ by a digit (第46章.md, 第47章.md), so
    the closest name of all was a neighbour's file, listed already: taking the hint printed it
    twice and left the renamed chapter out. ``listed``: the files listed so far, resolved; the
    chapters after them are told by the paths they write (their globs are not walked)."""
    named = listed | {(root / pattern).resolve() for spec in _chapter_specs(loaded.config)
                      for pattern in spec.articles if not glob.has_magic(pattern)}
    return lambda path: _is_article(path) and path.resolve() not in named


def _is_article(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES


def _is_image(path: Path) -> bool:
    return image_type(path) is not None


# A chapter's number written into a title (第一章, 第12回, 第三卷 …) and what parts it from the name:
# a separator, unless it ends in 章 回 节 篇, which begin no word (第三章归途). 第十四集团军 and
# 第二部电影 are names: 第十四集 / 团军 was printed as the chapter's number and title.
_WRITTEN_LABEL = patterns.compile(rf"^\s*({NUMBERED})(?:{SEPARATOR}+|$|(?<=[章回节節篇]))")
# The unit of a section's number (第一节, 第二節): a chapter holds sections, so one written into an
# article's title is the article's own, not its chapter's (a textbook's chapter 速度 of one section,
# 第一节　速度), as a chapter's (第1章 初雪 in the chapter 初雪) or a volume's is the chapter's.
_SECTION_UNITS = ("节", "節")


def _chapter(title: str, articles: tuple[Article, ...], numbered: bool = True,
             running_title: str | None = None, title_markup: str | None = None) -> Chapter:
    """A chapter of ``articles``. When it holds one article of its own title (a novel's chapter
    初雪 or 第一章　初雪 holding the story 初雪, or a folder ``01-初雪/`` holding ``初雪.md``),
    the title is printed and listed once, as the chapter's: the article is not ``titled``. What
    of the article's title is no-convert stays so in the chapter's, which prints in its place,
    and its ``running-title`` is the chapter's unless book.toml gives the chapter one
    (``running_title``); its sections move up a level, to stand right under the chapter's title.
    Any other article's running title has no head to show it: a warning.

    The title's punctuation is mended as an article's is (第一章 江上(上) → 第一章　江上（上）):
    written as typed, it printed so, and, told from the article's mended one, twice. A title
    that keeps markup (``title_markup``: the book's, tagged in part with a language) is its text."""
    title = plain(title_markup) if title_markup else headline(title)
    if len(articles) == 1 and _titled_as(articles[0], title):
        only = articles[0]
        own = only.title_markup or (escape(only.title) if only.lang else None)
        markup = own and _numbered_as(title, own, only.lang)
        return Chapter(title=plain(markup) if markup else title, title_markup=markup, numbered=numbered,
                       running_title=running_title or only.running_title,
                       articles=(replace(only, titled=False, body=raised(only.body)),))
    for article in articles:
        if article.running_title:
            log.warning("%s: its running-title %s is not printed: the running heads of its chapter show the "
                        "chapter's title, %s. Give the chapter a running-title in book.toml ([[chapters]]) "
                        "instead", article.source, quoted(article.running_title), quoted(title))
    return Chapter(title=title, title_markup=title_markup, articles=articles, numbered=numbered,
                   running_title=running_title)


def _numbered_as(title: str, markup: str, lang: str | None = None) -> str:
    """An article's title ``markup`` with the number the chapter's ``title`` writes (第一章　) in
    place of any the article's writes: the chapter's title as printed. The article's part is in a
    span of its ``lang`` when it has one (its chapter's, ``language = "ja"``): its heading stands
    outside the article, and an edition would convert it and draw it in the book's fonts."""
    written = _WRITTEN_LABEL.match(title)
    own = _unlabelled(markup)
    return escape(written.group() if written else "") + in_language(own, lang)


def _unlabelled(markup: str) -> str:
    """A title's markup without the chapter number written at its start (第三章　)."""
    def unlabelled(root) -> None:
        root.text = _WRITTEN_LABEL.sub("", root.text or "", count=1).lstrip()

    return edit(markup, unlabelled)


def _titled_as(article: Article, title: str) -> bool:
    """Whether ``article``'s title is ``title``, as its plain title writes it (H_2O) or as its
    heading reads (H2O: a folder's name cannot write a subscript, see :func:`~paiban.titles.plain`),
    and says no more than it: a section's number of its own (:func:`_own_section`) was printed
    nowhere, the chapter's title printed in its place."""
    if _own_section(article.title, title):
        return False
    return _same_title(article.title, title) or (
        article.title_markup is not None and _same_title(text_of(article.title_markup), title))


def _own_section(article_title: str, title: str) -> bool:
    """Whether ``article_title`` writes a section's number (:data:`_SECTION_UNITS`) that the
    chapter's ``title`` does not: 第一节　速度 in the chapter 速度 or 第一章　速度."""
    written = _WRITTEN_LABEL.match(article_title)
    if written is None or not written[1].endswith(_SECTION_UNITS):
        return False
    chapters = _WRITTEN_LABEL.match(title)
    return chapters is None or _spaceless(chapters[1]) != _spaceless(written[1])


def _same_title(one: str, other: str) -> bool:
    """Whether two titles are one, a chapter number written into either aside; titles that are a
    number alone (第一章, 第一回) are compared as written."""
    bare = _bare_title(one)
    return bare == _bare_title(other) if bare else _spaceless(one) == _spaceless(other)


def _spaceless(title: str) -> str:
    return re.sub(r"\s+", "", title)


def _bare_title(title: str) -> str:
    """A title without a chapter number written into it, and without spaces, to compare by."""
    return _spaceless(_WRITTEN_LABEL.sub("", title))


def _glob(root: Path, pattern: str, loaded: LoadedConfig, line: int | None) -> list[Path]:
    """The files ``pattern`` matches under ``root``, in name order, as ``glob.glob`` would match them (a
    wildcard matches no hidden name, ``.trash``, unless that part of the pattern starts with a dot;
    a final ``**`` matches files), but ``**`` walks into no folder that is a symbolic link: one
    linking back to its parent (``x -> .``) would keep the build walking forever, one linking out
    of the book would have it read the disk. Nor into a hidden one: ``.git`` may hold many files.
    """
    parts = Path(pattern).parts
    if any("**" in part and part != "**" for part in parts):
        raise PaibanError(f"article pattern {quoted(pattern)} is not a pattern: ** can only be a whole part of it",
                          file=loaded.path, line=line,
                          hint="Write ** alone between slashes (01-章/**/*.md), or * within a name.")
    if parts[-1] == "**":
        parts += ("*",)
    found = [root]
    for part in parts:
        found = [path for folder in found for path in _matching(folder, part)]
    return sorted({path for path in found if path.is_file() or _leads_nowhere(path)}, key=name_order)


def _matching(folder: Path, part: str) -> list[Path]:
    """The paths in ``folder`` that one part of a glob pattern matches (``**``: the folders it walks)."""
    if part == "**":
        return list(_folders(folder))
    if not glob.has_magic(part):
        return [folder / part]
    return [folder / entry.name for entry in _entries(folder)
            if _name_matches(entry.name, part) and (part.startswith(".") or not entry.name.startswith("."))]


def _name_matches(name: str, part: str) -> bool:
    """Whether ``name`` matches one part of a glob pattern: as written, or else with its extension
    in any case (``*.md`` takes ``02-二.MD``), as the folder convention reads one. Files from
    Windows, whose globs match in any case, often have theirs in capitals, and ``*.md`` left them
    out unseen. Tried as written first: a dot in the pattern may be no extension's (``1.*`` takes
    ``1.1 引言.md``, which split at each last dot is ``1`` against ``1.1 引言``)."""
    if fnmatchcase(name, part):
        return True
    stem, dot, suffix = name.rpartition(".")
    part_stem, part_dot, part_suffix = part.rpartition(".")
    return (bool(dot and part_dot) and fnmatchcase(stem, part_stem)
            and fnmatchcase(suffix.lower(), part_suffix.lower()))


def _folders(folder: Path) -> Iterator[Path]:
    """``folder`` and the folders under it, none hidden and none a symbolic link entered."""
    yield folder
    for entry in _entries(folder):
        if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
            yield from _folders(Path(entry.path))


def _entries(folder: Path) -> list[os.DirEntry]:
    """What ``folder`` holds; nothing if it is no folder (a pattern's part matched a file) or cannot be read."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _number(parts: list[Part], chapter_numbers: bool = False) -> tuple[Part, ...]:
    """Give parts, chapters and articles ids unique in the book (``p1``, ``c1``, ``a1``), and
    chapters their 第N章 label when the book numbers them (see :func:`_labelled`): the numbered
    ones, counted among themselves (第三章, then 参考文献, unnumbered). The numbers are written
    as the book's own labels write theirs: Arabic (第2章) where a title has one so (第1章　变量),
    as textbooks number chapters; a book whose titles wrote 第1章 got 第二章 after it."""
    counter = {"c": 0, "a": 0, "label": 0}
    arabic = chapter_numbers and _written_in_arabic(parts)

    def article(item: Article) -> Article:
        counter["a"] += 1
        aid = f"a{counter['a']}"
        return replace(item, id=aid, body=prefix_ids(item.body, aid))

    def chapter(item: Chapter) -> Chapter:
        counter["c"] += 1
        with_ids = replace(item, id=f"c{counter['c']}", articles=tuple(article(a) for a in item.articles))
        if not (chapter_numbers and item.numbered):
            return with_ids
        counter["label"] += 1
        number = counter["label"]
        return _labelled(with_ids, f"第{number if arabic else chinese_numeral(number)}章")

    return tuple(
        replace(part, id=f"p{number}", chapters=tuple(chapter(c) for c in part.chapters))
        for number, part in enumerate(parts, 1)
    )


def _written_in_arabic(parts: list[Part]) -> bool:
    """Whether a numbered chapter's title has its number written in Arabic digits (第1章, 第１章)."""
    return any((written := _WRITTEN_LABEL.match(item.title)) and any(c.isdecimal() for c in written[1])
               for part in parts for item in part.chapters if item.numbered)


def _labelled(chapter: Chapter, label: str) -> Chapter:
    """``chapter`` with its number ``label``; but a title that has its number written in already
    (第三章　归途) keeps that number as its label, which it is no longer printed twice with
    (第一章 第三章　归途), and a title that is a number alone (第三章) is left as it is."""
    written = _WRITTEN_LABEL.match(chapter.title)
    if not written:
        return replace(chapter, label=label)
    rest = chapter.title[written.end():].strip()
    if not rest:
        return chapter
    return replace(chapter, label=written[1], title=rest,
                   title_markup=chapter.title_markup and _unlabelled(chapter.title_markup))

# A link whose address is a file's (no scheme, not only a #fragment): perhaps another article's.
_FILE_LINK = patterns.compile(r'<a [^>]*href="(?![#"]|[A-Za-z][A-Za-z0-9+.-]*:)')
# A link to an id of the article (``#细节``), or to none (``#``, or an empty address: the name found is "").
_LOCAL_LINK = patterns.compile(r'<a [^>]*href="(?:#([^"]*))?"')
_ID = patterns.compile(r' id="([^"]+)"')
# What a link keeps when it is unlinked: what says which text it is, not where it went.
_KEPT_BY_UNLINKED = frozenset({"id", "class", "lang", "dir", "{http://www.w3.org/XML/1998/namespace}lang"})


def _link_articles(parts: tuple[Part, ...], preface: Article | None) -> tuple[tuple[Part, ...], Article | None]:
    """Links to another article's file, as editors link their Markdown files to each other
    (``[上一篇](../01-开篇/01-文.md)``), become links to that article in the book, and
    ``文.md#section`` a link to that id in it. Each format then finds the article wherever it
    ends up (another EPUB document, another page).

    Any other address without a scheme leads nowhere in a book: a file that is no article, a
    site's root (``/``, ``/about``, which make an EPUB invalid: EPUBCheck RSC-026), a web address
    without its ``https:`` (``//host/x``), a Windows path, an id that no article has (``#x``, or
    ``文.md#x``: EPUBCheck RSC-012). Such a link is unlinked, its text kept, with a warning at its
    line: in every format alike, rather than a link that fails in each its own way.
    """
    articles = [*([preface] if preface else []),
                *(article for part in parts for chapter in part.chapters for article in chapter.articles)]

    @functools.cache
    def ids() -> dict[Path, str]:  # each article's file, resolved when a link to a file is first met
        return {article.source.resolve(): article.id for article in articles}

    # Every id a link may name: the book's parts, chapters and articles, and the ids in articles
    # (all made unique by their article's prefix, as the links to them are), unescaped (a&amp;b is a&b).
    known = {*(part.id for part in parts), *(chapter.id for part in parts for chapter in part.chapters),
             *(article.id for article in articles),
             *(unescape(found) for a in articles for found in _ID.findall(a.body))}
    starts = _title_ids(parts, preface)

    def leads_to(name: str) -> str | None:
        """The id a link to ``name`` (an article's prefix and the id written) leads to in the book, if any:
        written as the article's own ids are (:func:`~paiban.xhtml.safe_id`, ``#x y`` to ``id="x-y"``)."""
        return found if (found := safe_id(name)) in known else starts.get(name)

    def holding(written: str, linking: Article) -> list[tuple[Article, str]]:
        """The articles other than ``linking`` that have the id ``written``, each with where it leads."""
        return [(other, found) for other in articles
                if other is not linking and (found := leads_to(f"{other.id}-{written}"))]

    def to_id(link, article: Article, fragment: str) -> None:
        """Lead ``link``, to ``#fragment`` (the id written, after ``article``'s prefix), to that id
        of ``article``; else to the one other article that has it: Pandoc joins a book's chapters
        into one document, so its cross-references are all bare ids (``#ch2`` for 02-乙.md's
        ``# 乙 {#ch2}``), and they were unlinked as leading nowhere. An id that several others
        have is unlinked with a warning naming them; so is one none has, or no id (``#``, "")."""
        if not fragment:  # (# and "" were kept: the PDF linked them to the book's folder, file:///…/book/)
            _unlink(link, article.source)
            return
        written = fragment[len(article.id) + 1:]
        holders = [(article, found)] if (found := leads_to(fragment)) else holding(written, article)
        if len(holders) == 1:
            link.set("href", f"#{holders[0][1]}")
        elif holders:
            paths = [Path(os.path.relpath(other.source, article.source.parent)).as_posix() for other, _ in holders]
            _unlink(link, article.source, written=f"#{written}", why=f"could lead to {len(paths)} articles",
                    hint=f"Each of {', '.join(paths)} has the id {written}: link to the one meant by its file's "
                         f"path ({paths[0]}#{written}).")
        else:
            _unlink(link, article.source, written=f"#{written}")

    def linked(article: Article) -> Article:
        if not _FILE_LINK.search(article.body) and known.issuperset(
                unquote(unescape(name)) for name in _LOCAL_LINK.findall(article.body)):
            return article

        def visit(element) -> None:
            address = urlsplit(element.get("href")) if element.tag == "a" and element.get("href") is not None else None
            if not address or address.scheme:
                return  # a web (or mailto:) address, or no link (an <a id> a link leads to)
            fragment = unquote(address.fragment)  # ids are written as they are: 细节
            if not (address.path or address.netloc):  # a #fragment of this article, or none: # or ""
                to_id(element, article, fragment)
                return
            target = None if address.netloc else ids().get((article.source.parent / unquote(address.path)).resolve())
            found = leads_to(f"{target}-{fragment}") if target and fragment else target
            if found:
                element.set("href", f"#{found}")
            elif target:
                _unlink(element, article.source, hint=_no_such_id_hint(unquote(address.path), fragment))
            else:
                _unlink(element, article.source)

        return replace(article, body=rewrite(article.body, visit))

    return (tuple(replace(part, chapters=tuple(replace(chapter, articles=tuple(map(linked, chapter.articles)))
                                                for chapter in part.chapters)) for part in parts),
            linked(preface) if preface else None)


def _title_ids(parts: tuple[Part, ...], preface: Article | None) -> dict[str, str]:
    """The ids written on articles' title headings (``# 第一节 {#sec1}``, as links to it are
    prefixed: ``a1-sec1``), each to where its article starts: its title, or its chapter's when
    that is the article's title too. The heading is the template's, so its id is not in the body."""
    placed = [*([(preface, preface.id)] if preface else []),
              *((article, article.id if article.titled else chapter.id)
                for part in parts for chapter in part.chapters for article in chapter.articles)]
    return {f"{article.id}-{article.title_id}": start for article, start in placed if article.title_id}


def _unlink(link, source: Path, written: str | None = None, hint: str | None = None,
            why: str = "leads nowhere in the book") -> None:
    """Make ``link`` (an ``<a>`` whose address leads nowhere in the book) plain text, with a warning.
    ``written``: its address as the source has it, if not its ``href`` (an id's, before its article's prefix);
    ``hint``: what to do instead, if more is known than the address (see :func:`_unlinked_hint`);
    ``why``: what is wrong with the address, if it leads somewhere, but not to one place."""
    href = link.get("href")
    written = written or unquote(href)  # as the source has it: Markdown percent-encodes a Chinese name
    # Where the address is written as a Markdown or HTML link's first ("/" alone is found in many lines;
    # the empty address, in every line as text, only as a whole link's: []() or href="").
    written_as = (f"]({written}", f'"{written}"', written, href) if written else ("]()", 'href=""')
    line = next(filter(None, (line_of(source, text) for text in written_as)), None)
    log.warning("%s%s: the link to %s %s, so its text is printed unlinked. %s",
                source, f":{line}" if line else "", written or '""', why, hint or _unlinked_hint(written))
    link.tag = "span"
    for name in set(link.attrib) - _KEPT_BY_UNLINKED:
        del link.attrib[name]


def _no_such_id_hint(path: str, fragment: str) -> str:
    """What to do about a link to an article of the book (``path``) that has no id ``fragment``."""
    return (f"The article {path} is in the book, but it has no id {fragment}: give its target that id "
            f"(a heading's {{#{fragment}}} in Markdown, id=\"{fragment}\" in HTML), or link to the article "
            f"alone ({path}).")


def _unlinked_hint(written: str) -> str:
    """What to write instead of ``written``, a link's address that leads nowhere in the book."""
    if written in ("", "#"):
        return ("It names no place to go: link to an id in the book (#…), to another article by its file's "
                "path, or to a full web address (https://…), or write the text without a link.")
    if written.startswith("//"):
        return f"For a web page, write its full address (https:{written})."
    if written.startswith("#"):
        return ("Give the target that id (a heading's {#id} in Markdown, id=\"…\" in HTML), or link to one "
                "the book has.")
    if written.startswith(("/", "\\")):
        return ("A book has no site root or disk to go to: link to another article by its file's path from "
                "this one (../02-章/文.md), or to a full web address (https://…).")
    return ("Link to another article by its file's path from this one (../02-章/文.md, 文.md#id), to an id "
            "inside the book (#…), or to a full web address (https://…).")


def _metadata(loaded: LoadedConfig, root: Path) -> Metadata:
    meta = loaded.config.book
    cover = None
    if meta.cover:
        path, line = (root / meta.cover).resolve(), loaded.line_of("book", "cover")
        if not inside(path, root):
            raise PaibanError(f"cover image {quoted(meta.cover)} leads out of the book directory (to {path})",
                              file=loaded.path, line=line,
                              hint="Copy the image into the book directory instead of linking to it.")
        if path.is_dir():
            raise _folder_named("cover", meta.cover, path, root, _is_image, loaded, line)
        if not path.is_file():
            raise PaibanError(f"cover image {quoted(meta.cover)} not found in the book directory", file=loaded.path,
                              line=line, hint=_did_you_mean(meta.cover, root, _is_image)
                              + "Put the image in the book directory and give its path relative to it.")
        if _is_article(path):  # the hint below had the editor rename their preface 序言.md to 序言.png
            raise PaibanError(f"cover image {quoted(meta.cover)} is an article, not a picture", file=loaded.path,
                              line=line, hint="The cover is a picture (JPEG, PNG …): give its path here. An article "
                                              "printed before the contents is the preface: "
                                              f"preface = {quoted(meta.cover)}.")
        if not _is_image(path):  # the EPUB would have no media type to give it
            raise PaibanError(f"cover image {quoted(meta.cover)} has no picture suffix in its name", file=loaded.path,
                              line=line, hint=f"Name the file as its format is ({path.stem}.png, {path.stem}.jpg …) "
                                              "and give that name here.")
        if fault := picture_fault(path):
            raise PaibanError(f"cover image {quoted(meta.cover)} {fault[0]}", file=loaded.path, line=line,
                              hint=fault[1])
        cover = path.relative_to(root).as_posix()
    return Metadata(
        title=untagged(meta.title),
        subtitle=meta.subtitle and untagged(meta.subtitle),
        language=meta.language,
        identifier=identifier(meta.identifier, meta.title, meta.authors),  # (as each edition's: edition.py)
        authors=tuple(map(untagged, meta.authors)),
        editors=tuple(map(untagged, meta.editors)),
        publisher=meta.publisher,
        date=meta.date or None,
        description=meta.description,
        rights=meta.rights,
        cover=cover,
        edition=meta.edition,
        cip=meta.cip,
        translators=tuple(map(untagged, meta.translators)),
        subjects=tuple(meta.subjects),
        series=meta.series,
        series_index=meta.series_index,
        accessibility=_accessibility(loaded.config.accessibility),
        phrases=tuple(dict.fromkeys(phrase for text in (meta.title, meta.subtitle or "", *meta.authors, *meta.editors,
                                                        *meta.translators) for phrase in tagged_phrases(text))),
    )


def _accessibility(declared: AccessibilitySpec) -> Accessibility:
    """The book's ``[accessibility]`` declarations, for the EPUB's package metadata."""
    return Accessibility(conforms_to=declared.conforms_to, certified_by=declared.certified_by,
                         summary=declared.summary, hazards=tuple(declared.hazards or ()))

