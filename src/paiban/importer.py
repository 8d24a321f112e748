"""``paiban import``: source files as editors have them → clean Markdown articles of a book.

Each source is read by the same reader the build uses (so its encoding is detected, its page
junk dropped, its metadata found), its body finished the same way, then written as Markdown
with front matter. Every source is read and every target checked before anything is written:
a bad input or an existing article (without ``force``) leaves the book exactly as it was.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from functools import partial
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import yaml
from lxml import etree
from lxml.builder import E

from . import patterns
from .assemble import NOT_CHAPTERS, find_articles
from .atomic import atomic_output
from .chars import quoted, xml_safe
from .config import CONFIG_NAME, book_above, load_config
from .convert import written_in
from .errors import PaibanError
from .novel import CHAPTERS_MIN, Novel, Volume, chapter_lines, is_regulation, parse
from .numerals import name_order
from .paths import file_beside, utf8_named
from .retold import kept as held_back
from .sources import (ARTICLE_SUFFIXES, HTML_SUFFIXES, UNREADABLE, format_hint, left_by_tools, name_as_title,
                      read_draft, warn_unreadable)
from .sources.body import at_picture, line_of, tidy_body
from .sources.draft import Draft
from .sources.encoding import read_text
from .titles import kept_markup, plain
from .tomarkdown import to_markdown
from .xhtml import rewrite

log = logging.getLogger("paiban")

# In Markdown the article title is front matter, so the body's own headings start at ##.
FIRST_HEADING_LEVEL = 2
IMAGE_FOLDER = "images"
_NUMBERED = patterns.compile(r"^(\d+)-(.*)$")
_UNSAFE_IN_NAME = patterns.compile(r"[\\/:*?\"<>|\s\x00-\x1f]+")
NAME_MAX = 40
# How a browser names the folder of a saved page's pictures: 河道治理_files beside 河道治理.html.
SAVED_PAGE_FOLDER = "_files"


@dataclass(frozen=True)
class Imported:
    """One source as it will be (or was) written: where, what was detected, and the content."""

    source: Path
    target: Path
    title: str
    markdown: str
    column: str | None = None
    author: str | None = None
    date: str | None = None
    origin: str | None = None
    encoding: str | None = None
    subheadings: int = 0
    removed: int = 0
    images: dict[Path, bytes | Path] = field(default_factory=dict)  # target → bytes, or a file to copy
    replaces: bool = False  # an existing article is overwritten (only with ``force``)


def plan_import(sources: list[Path], book_dir: Path, chapter: str | None = None,
                force: bool = False) -> list[Imported]:
    """Read every source and decide its article file; nothing is written."""
    if not (book_dir / CONFIG_NAME).is_file():
        raise PaibanError(f"no {CONFIG_NAME} in {book_dir}", file=book_dir, hint=_into_hint(book_dir))
    folder = book_dir / _chapter_folder(chapter) if chapter else book_dir
    files, unread = _source_files(sources)
    existing = _existing_articles(folder)
    number = max((n for n, _ in existing.values()), default=0)
    width = max(2, len(str(number + len(files))))
    placed = []
    sources_of: dict[str, Path] = {}  # the file name (without its number) of each article planned → its source
    for source in files:
        draft = read_draft(source)
        kept = kept_markup(draft.title_markup, source) if draft.title_markup else None
        # As the build titles it: a title that keeps markup is its markup's text, whose ruby is its base
        # alone (read as text, its readings ran into the title and the file's name: 01-小xiǎo鸟niǎo.md).
        title = plain(kept) if kept else draft.title or name_as_title(source.stem)
        stem = _file_stem(title, source)
        if stem in sources_of:  # even with force: the second would replace the first, or sit beside it
            raise PaibanError(f"this article is imported twice: {sources_of[stem]} gives it too", file=source,
                              hint="Give each file once. Two files with one headline make the same article: "
                                   "change one's headline, or import it into another --chapter.")
        sources_of[stem] = source
        if stem in existing and not force:
            raise PaibanError(f"the book already has this article: {existing[stem][1]}", file=source,
                              hint="Pass --force to replace it, or rename the existing file.")
        replaces = stem in existing
        if replaces:
            target = existing[stem][1]
        else:
            number += 1
            target = folder / f"{number:0{width}d}-{stem}.md"
        placed.append((source, draft, title, kept, target, replaces))
    moves = {source.resolve(): target for source, _, _, _, target, _ in placed}
    planned = [_imported(*article, moves) for article in placed]
    _check_images(planned, force)
    _warn_of_unread(unread, planned)
    return planned


def _imported(source: Path, draft: Draft, title: str, kept: str | None, target: Path, replaces: bool,
              moves: dict[Path, Path]) -> Imported:
    """``source`` (read as ``draft``, its title's kept markup ``kept``) as the article it is
    written as at ``target``; ``moves``: where each file imported with it (resolved) is written,
    which its links follow."""
    images: dict[Path, bytes | Path] = {}
    body = tidy_body(draft.body, FIRST_HEADING_LEVEL,
                     partial(_place_image, source=source, target=target, embedded=draft.embedded, images=images),
                     source)
    body = _followed_links(body, source, target, moves)
    meta = {"title": title, "subtitle": draft.subtitle, "column": draft.column, "author": draft.author,
            "date": draft.date, "source": draft.origin}
    return Imported(
        source=source, target=target, title=title,
        markdown=_article_text(meta, body, kept, draft.title_id, page_frames=source.suffix.lower() in HTML_SUFFIXES),
        column=draft.column, author=draft.author, date=draft.date, origin=draft.origin,
        encoding=draft.encoding, subheadings=len(re.findall(r"<h[2-6][\s>]", body)),
        removed=len(draft.removed), images=images, replaces=replaces)


def unread_in_book(planned: list[Imported], book_dir: Path) -> list[Imported]:
    """The imported articles the book does not read: one whose ``book.toml`` lists its chapters
    (``[[chapters]]``, ``[[parts]]``) reads the files they name, not all a folder holds. The
    import said it had imported them, and the book built without them, without a word. Nothing
    for a book.toml the build would refuse: the build says what is wrong with it, as it says of
    the rest it finds (an article listed twice, or one beside the imported ones no chapter lists:
    told here too, each imported article was named twice)."""
    try:
        loaded = load_config(book_dir)
        if not (loaded.config.chapters or loaded.config.parts):
            return []
        outline, _ = held_back(lambda: find_articles(loaded))
        read = {path.resolve() for path in outline.files}
    except PaibanError:
        return []
    return [article for article in planned if article.target.resolve() not in read]


def write_import(planned: list[Imported]) -> None:
    """Write the planned articles and their images, each file atomically."""
    for article in planned:
        for target, content in article.images.items():
            with atomic_output(target) as temporary:
                if isinstance(content, Path):
                    shutil.copyfile(content, temporary)
                else:
                    temporary.write_bytes(content)
        with atomic_output(article.target) as temporary:
            temporary.write_text(article.markdown, encoding="utf-8")


def _chapter_folder(name: str) -> str:
    if Path(name).name != name or name.startswith((".", "_")) or name in NOT_CHAPTERS:
        raise PaibanError(f"{quoted(name)} cannot be a chapter folder",
                          hint="Give a plain folder name such as `03-新闻`; it is made inside the book.")
    return name


def _into_hint(folder: Path) -> str:
    """What to give instead of ``folder``, which holds no book.toml: the book and the chapter, when it
    is a chapter's folder (--into 我的书/01-开篇 is --into 我的书 --chapter 01-开篇)."""
    above = book_above(folder)
    if above is None:
        return "Import into a book directory (make one with `paiban new DIR`)."
    if above == folder.resolve().parent:
        return (f"It is a folder of the book in {above}: import into the book, naming the chapter, "
                f"--into {os.path.relpath(above)} --chapter {folder.resolve().name}.")
    return f"It is a folder of the book in {above}: import into the book, --into {os.path.relpath(above)}."


def _source_files(sources: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files to import: each file given, and the article files of each directory, by name;
    and the subfolders of those directories, which are not read. A directory's files of a format
    no reader takes (a contribution sent as .doc or .wps) are named in a warning each: left out
    without a word, they were missing from the book unseen. A file whose name is not UTF-8 is an
    error, as in a build (see :func:`~paiban.paths.utf8_named`): its title, taken from the name,
    was written to the article as escapes (``\\uDCD5``)."""
    files, unread, unreadable = [], [], []
    for source in sources:
        if source.is_dir():
            entries = [path for path in sorted(source.iterdir(), key=name_order) if not left_by_tools(path)]
            files.extend(utf8_named(path) for path in entries
                         if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES)
            unreadable.extend(path for path in entries if path.is_file() and path.suffix.lower() in UNREADABLE)
            unread.extend(path for path in entries if path.is_dir())
        elif source.is_file():
            files.append(utf8_named(source))
        else:
            raise PaibanError("no such file or directory", file=source)
    for path in unreadable:
        warn_unreadable(path, "not imported")
    if not files:
        _warn_of_unread(unread, [])  # a folder of chapter folders: the warnings say why nothing is read
        if unreadable:
            raise PaibanError(f"nothing to import: paiban cannot read the {len(unreadable)} file(s) named above",
                              hint=f"{format_hint(unreadable[0].suffix)} Then import them again.")
        raise PaibanError("nothing to import", hint=f"Give files or folders of {', '.join(sorted(ARTICLE_SUFFIXES))}.")
    return files, unread


def _warn_of_unread(folders: list[Path], planned: list[Imported]) -> None:
    """Name each subfolder of a source folder in a warning, lest its articles be missed unnoticed
    (only a folder's own files are read). A saved page's own folder of pictures is the page's, and
    goes without saying: ``page_files`` beside ``page.html``, or a ``…_files`` folder whose
    pictures an article imported takes (the page renamed, 01-saved.html); so does a folder holding
    no article file (``img/`` of a Markdown folder's pictures: told to give it as a source, the
    editor was then told there was nothing to import)."""
    used = {folder for article in planned for content in article.images.values() if isinstance(content, Path)
            for folder in content.resolve().parents}
    for folder in folders:
        if (_saved_pages_folder(folder) or (folder.name.endswith(SAVED_PAGE_FOLDER) and folder.resolve() in used)
                or not _holds_articles(folder)):
            continue
        log.warning("%s: its folder %s is not imported (only a folder's own files are); "
                    "give it as a source to import it", folder.parent, folder.name)


def _holds_articles(folder: Path) -> bool:
    """Whether ``folder``, or a folder in it, holds a file of a format paiban reads."""
    return any(path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file() and not left_by_tools(path)
               for path in folder.rglob("*"))


def _saved_pages_folder(folder: Path) -> bool:
    """Whether ``folder`` is where a browser put a saved page's pictures: ``NAME_files`` beside ``NAME.html``."""
    page = folder.name.removesuffix(SAVED_PAGE_FOLDER)
    return page != folder.name and any((folder.parent / f"{page}{suffix}").is_file() for suffix in HTML_SUFFIXES)


def _existing_articles(folder: Path) -> dict[str, tuple[int, Path]]:
    """The folder's numbered articles: name without the number → (number, path)."""
    found = {}
    if folder.is_dir():
        for path in folder.iterdir():
            if path.suffix.lower() in ARTICLE_SUFFIXES and (match := _NUMBERED.match(path.stem)):
                found[match[2]] = (int(match[1]), path)
    return found


def _file_stem(title: str, source: Path) -> str:
    """A file name from the title: characters file systems refuse become ``-``, long titles are cut."""
    stem = _UNSAFE_IN_NAME.sub("-", title).strip("-.")[:NAME_MAX]
    return stem or source.stem


def _followed_links(body: str, source: Path, target: Path, moves: dict[Path, Path]) -> str:
    """``body`` with each link to a file imported with it led to that file's article, as
    ``moves`` writes it (``ch02.md#sec2`` → ``02-午后.md#sec2``): the import renames every file,
    and the links between them led nowhere in the book. A link to any other file (``ch03.md``
    left out of the import) is warned of where it cannot lead to an article of the book from
    ``target``: the build prints its text unlinked. Web addresses, a site's root (``/about``)
    and the article's own ids are no files beside it, and are left to the build."""
    def follow(link: etree._Element) -> None:
        address = urlsplit(link.get("href") or "") if link.tag == "a" else None
        if not address or address.scheme or address.netloc or not address.path or address.path.startswith("/"):
            return
        written = unquote(address.path)
        if moved := moves.get((source.parent / written).resolve()):
            link.set("href", urlunsplit(address._replace(path=Path(os.path.relpath(moved, target.parent)).as_posix())))
        elif not _article_at((target.parent / written).resolve(), moves):
            href = unquote(link.get("href"))
            log.warning("%s%s: the link to %s leads to no file imported with it, nor to an article of the book "
                        "from %s: the build prints its text unlinked. Import the file it links to with it, or "
                        "link to that article's file in the book (文.md, 文.md#id)", source,
                        f":{line}" if (line := line_of(source, href)) else "", href, target.name)

    return rewrite(body, follow) if "href=" in body else body


def _article_at(path: Path, moves: dict[Path, Path]) -> bool:
    """Whether ``path`` is an article of the book once the import is written: one imported, or one there already."""
    return path in moves.values() or (path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file())


def _place_image(img: etree._Element, source: Path, target: Path, embedded: dict[str, bytes],
                 images: dict[Path, bytes | Path]) -> None:
    """Give the image a file beside the article (``images/NN-k.ext``); remote images, and files
    outside the source's folder (a saved page's ``../../`` would copy any file of the disk into
    the book), are left out. A path is read as Windows reads it (``images\\图1.png``, ``Pic.JPG``
    for ``pic.jpg``), as it worked where it was written: the link is written anew anyway."""
    src = img.get("src", "")
    if src in embedded:
        content: bytes | Path = embedded[src]
        suffix = Path(src).suffix
    elif file := file_beside(source, src, as_windows_reads=True):
        content = file
        suffix = content.suffix
    else:
        log.warning("%s: image %s is not a file beside the source; it was left out (save the picture in the "
                    "source's folder and refer to it by a relative path)",
                    at_picture(source, src), quoted(unquote(src)))
        img.drop_tree()
        return
    if (placed := _placed_already(content, images)) is None:
        number = target.stem.split("-", 1)[0]
        placed = target.parent / IMAGE_FOLDER / f"{number}-{len(images) + 1}{suffix.lower()}"
        images[placed] = content
    img.set("src", placed.relative_to(target.parent).as_posix())


def _placed_already(content: bytes | Path, images: dict[Path, bytes | Path]) -> Path | None:
    """Where the article's images already put ``content``: a picture shown several times (one
    Word keeps once, or a page's file) is written once and linked each time, not copied anew."""
    return next((placed for placed, held in images.items() if held == content), None)


def _check_images(planned: list[Imported], force: bool) -> None:
    for article in planned:
        for target in article.images:
            if target.exists() and not force:
                raise PaibanError(f"the book already has an image at {target}", file=article.source,
                                  hint="Pass --force to replace it, or move the existing image.")


def _article_text(meta: dict[str, str | None], body: str, title_markup: str | None = None,
                  title_id: str | None = None, page_frames: bool = False) -> str:
    """The article's Markdown: its fields as front matter and its body. A title part of which is
    kept as written (``title_markup``) is the body's leading ``# heading`` instead, the one place
    Markdown can mark that part (``# 关于[後臺]{.no-convert}``): in front matter it is plain text,
    and an edition converted the part. So is a title whose heading has an id (``title_id``), which
    links lead to the article's start by (``# 清晨 {#ch1}``): in front matter the id was lost, and
    with it every link to it. ``page_frames``: the body is a web page's, whose table of
    one cell is its layout's frame (see :func:`~paiban.tomarkdown.to_markdown`)."""
    if title_markup or title_id:
        named = f' id="{escape(title_id)}"' if title_id else ""
        meta, body = {**meta, "title": None}, _title_heading(title_markup or escape(meta["title"] or ""), named) + body
    markdown = to_markdown(body, page_frames)
    if not (fields := {k: v for k, v in meta.items() if v}):
        return markdown
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{markdown}"


# A title's markup that one language's span holds whole (an HTML page's <h1 lang="ja">: sources.html).
_ONE_LANGUAGE = patterns.compile(r'<span lang="([^"<>]+)">((?:(?!</?span\b).)*)</span>', re.DOTALL)


def _title_heading(markup: str, named: str) -> str:
    """The article's leading heading, of the title ``markup`` and the id attribute ``named``: a title
    that one language's span holds whole is that language's heading, which Markdown writes as
    ``# 国語の時間 {lang="ja"}``, a heading's language after it, as the text's headings are."""
    if whole := _ONE_LANGUAGE.fullmatch(markup):
        return f'<h1{named} lang="{whole[1]}">{whole[2]}</h1>'
    return f"<h1{named}>{markup}</h1>"


# Where a novel without volumes keeps its chapters' files.
NOVEL_TEXT_FOLDER = "正文"


@dataclass(frozen=True)
class NovelBook:
    """A novel as the book project it will be (or was) written as: every file and its content."""

    source: Path
    book_dir: Path
    novel: Novel
    encoding: str
    files: dict[Path, str]  # book.toml first, then each chapter's article, in the book's order
    chapters: list[tuple[Path, str, int, int]]  # each chapter's file, title, paragraphs, characters
    language: str | None = None  # book.toml's language when not the default (zh-Hans)


def plan_novel(sources: list[Path], output: Path | None, chapter: str | None,
               into: Path | None = None) -> NovelBook | None:
    """The book project of a novel when the one source given is a .txt holding many chapter
    lines (:data:`~paiban.novel.CHAPTERS_MIN`), in ``output`` (default: a folder named as the
    file, in the current directory); None when the sources are articles to import into a book,
    as a regulation is (:func:`~paiban.novel.is_regulation`) unless ``output`` asks for a book of it.
    A novel asked for as a ``chapter`` of a book, or as articles ``into`` one, is an error: it
    makes a book of its own, and silently made elsewhere, it was not where it was asked for.
    Nothing is written."""
    source = sources[0] if len(sources) == 1 else None
    novel = decoded = None
    if source and source.suffix.lower() == ".txt" and source.is_file():
        decoded = read_text(source)
        text = xml_safe(decoded.text, source)
        # A regulation names its chapters as a novel does; it is split into a book only when one is asked for.
        if (output is not None or not is_regulation(text.splitlines())) and (novel := parse(text)):
            decoded.warn_if_uncertain(source)
    if novel is None or decoded is None:
        if output is not None:
            raise PaibanError(_not_a_novel(source, decoded.text if decoded else None), file=source or output,
                              hint="-o makes a book of a novel's chapters: give the novel's .txt alone, its "
                                   "chapters on lines of their own (第一章 …, 楔子, 番外一 …); to import "
                                   "articles into a book, leave -o out and give --into.")
        return None
    if chapter or into:
        raise PaibanError(f"the file is a novel ({len(novel.chapters)} chapter lines): it becomes a book of its own, "
                          f"not {'a chapter' if chapter else 'articles'} of {into or 'a book'}", file=source,
                          hint="Leave out --chapter (and --into); give the new book's directory with -o.")
    return _novel_book(source, novel, decoded.encoding, output or Path(source.stem))


def _not_a_novel(source: Path | None, text: str | None) -> str:
    """What keeps ``source`` from being a novel, said to one who asked for a book of it."""
    if source is None:
        return "-o takes one novel's .txt file"
    if text is None:
        return "a novel is read from a .txt file"
    if not text.strip():
        return "the file is empty"
    found = len(chapter_lines(text.splitlines()))
    return f"no novel here: {found} chapter line(s), and a novel needs {CHAPTERS_MIN} or more"


def _novel_book(source: Path, novel: Novel, encoding: str, book_dir: Path) -> NovelBook:
    """A book project of the novel's chapters in ``book_dir`` (new, or empty).

    Each chapter is an article of its own (titled by its chapter line, every paragraph kept, in
    order, its sections' 節 lines its subheadings) and a chapter of the book; each volume a part,
    its chapters in a folder of its own. book.toml lists them, so the order is the novel's whatever the file names.
    """
    if book_dir.exists() and (not book_dir.is_dir() or any(book_dir.iterdir())):
        raise PaibanError(f"{book_dir} already exists and is not empty", file=book_dir,
                          hint="A novel is imported as a new book: give a new directory with -o.")
    volumes = _with_parts(novel.volumes)
    files: dict[Path, str] = {}
    chapters = []
    listed: list[tuple[str | None, list[tuple[str, str]]]] = []
    for number, volume in enumerate(volumes, 1):
        folder = f"{number:02d}-{_name(volume.title, source)}" if volume.title else NOVEL_TEXT_FOLDER
        width = max(2, len(str(len(volume.chapters))))
        entries = []
        for index, chapter in enumerate(volume.chapters, 1):
            relative = f"{folder}/{index:0{width}d}-{_name(chapter.title, source)}.md"
            body = "".join(etree.tostring(E.h2(text) if place in chapter.sections else E.p(text), encoding="unicode")
                           for place, text in enumerate(chapter.paragraphs))
            files[book_dir / relative] = _article_text({"title": chapter.title}, body)
            entries.append((chapter.title, relative))
            chapters.append((book_dir / relative, chapter.title, len(chapter.paragraphs) - len(chapter.sections),
                             sum(map(len, chapter.paragraphs))))
        listed.append((volume.title, entries))
    title = novel.title or source.stem
    language = _language(title, novel)
    files = {book_dir / CONFIG_NAME: _novel_config(source, encoding, title, novel, listed, language), **files}
    return NovelBook(source=source, book_dir=book_dir, novel=novel, encoding=encoding, files=files,
                     chapters=chapters, language=language)


def _language(title: str, novel: Novel) -> str | None:
    """``zh-Hant`` for a novel written in Traditional characters, which the default language,
    zh-Hans, would set in Simplified fonts and labels (目录) and check as strays, line by line.
    Only the script can be told from the text, not the region: zh-Hant fits Taiwan's and Hong
    Kong's alike."""
    text = [title, *(chapter.title for chapter in novel.chapters),
            *(paragraph for chapter in novel.chapters for paragraph in chapter.paragraphs)]
    return "zh-Hant" if written_in("".join(text))[0] == "Hant" else None


def write_novel(book: NovelBook) -> None:
    """Write the novel's book project, each file atomically."""
    for target, content in book.files.items():
        with atomic_output(target) as temporary:
            temporary.write_text(content, encoding="utf-8")


def _with_parts(volumes: list[Volume]) -> list[Volume]:
    """The volumes as the book's parts: the chapters before the first volume line (a 楔子) open
    the first volume, as every chapter of a book in parts belongs to one."""
    if len(volumes) > 1 and volumes[0].title is None:
        return [Volume(volumes[1].title, volumes[0].chapters + volumes[1].chapters), *volumes[2:]]
    return volumes


def _name(title: str, source: Path) -> str:
    """A file or folder name from a title; without glob brackets, as book.toml lists the files."""
    return re.sub(r"[\[\]]", "-", _file_stem(title, source))


def _novel_config(source: Path, encoding: str, title: str, novel: Novel,
                  parts: list[tuple[str | None, list[tuple[str, str]]]], language: str | None) -> str:
    """book.toml: the novel's metadata, and its parts and chapters (a chapter per article).
    TOML's basic strings take JSON's escapes, so each value is written as JSON writes it."""
    def string(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = [f"# Imported by paiban import from {source.name} ({encoding}). See the README for every key.",
             "[book]", f"title = {string(title)}"]
    if language:
        lines.append(f"language = {string(language)}  "
                     "# written in Traditional; zh-Hant-TW or zh-Hant-HK for that region's fonts")
    if novel.author:
        lines.append(f"authors = [{string(novel.author)}]")
    if novel.blurb:
        lines.append(f"description = {string(chr(10).join(novel.blurb))}")
    for part, chapters in parts:
        if part is not None:
            lines += ["", "[[parts]]", f"title = {string(part)}"]
        for chapter, article in chapters:
            lines += ["", "[[parts.chapters]]" if part is not None else "[[chapters]]",
                      f"title = {string(chapter)}", f"articles = [{string(article)}]"]
    return "\n".join(lines) + "\n"
