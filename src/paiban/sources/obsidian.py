"""Obsidian's own forms in a Markdown article of a vault, read as Obsidian shows them: a vault's
notes are full of them, and CommonMark printed each as typed, unseen. A ``%%comment%%`` (the
writer's private note) is left out; a picture's embed ``![[图.png|300]]`` is the picture; a wikilink
``[[笔记|别名]]`` is a link to that article's file, which the build leads to the article (as
``[别名](笔记.md)``) and ``paiban import`` follows and writes as standard Markdown. Only in a vault
(:func:`in_vault`): elsewhere ``%%`` and ``[[1]]`` are text (50%%, printf's "%d%%", a citation)."""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path, PurePosixPath

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .. import patterns
from ..chars import quoted
from ..config import CONFIG_NAME
from ..media import image_type
from ..paths import OUTPUT_DIR, files_under, inside
from .joined import numbered_children

log = logging.getLogger("paiban")

# A comment, from %% to the next %% (across lines and blank lines, as Obsidian reads it), or a code
# span, whose %% is code (group 1: its backticks), within its paragraph (a lone ` earlier in the
# note opened none, and a comment after it was printed), or a %% that no other closes (group 2).
_COMMENT_OR_CODE = patterns.compile(r"(`+)(?:(?!\n[ \t]*\n)[\s\S])*?(?<!`)\1(?!`)|%%[\s\S]*?%%|(%%)")
_LINE_END = patterns.compile(r"\r\n?|\n")
# An embed ``![[…]]`` (group 1: its !) or a wikilink ``[[…]]``: its target (a file's path or a note's
# name, then perhaps ``#小节``), and after a bar what it shows (an alias; of a picture, its width).
_WIKILINK = patterns.compile(r"(!?)\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]*))?\]\]")
# A picture's size in an embed: ``|300`` its width, ``|300x200`` its width and height.
_EMBED_SIZE = patterns.compile(r"\s*([1-9]\d*)(?:\s*x\s*([1-9]\d*))?\s*")  # (|0 is no size: it hid the picture)
# Where a rule finds the article being read in the parser's env.
NOTE = "obsidian-note"
# The project folder of a note: the book's (book.toml) or the vault's (Obsidian keeps its settings in it).
_VAULT_MARK = ".obsidian"
_PROJECT_MARKS = (CONFIG_NAME, _VAULT_MARK)


def in_vault(note: Path) -> bool:
    """Whether ``note`` is in an Obsidian vault, whose forms it is read with: a folder of Obsidian's
    settings (.obsidian) is in its project's folder (see :func:`_project`), the book's root or below."""
    return (_project(note) / _VAULT_MARK).is_dir()


def without_comments(text: str, code_lines: set[int], path: Path) -> str:
    """``text`` without its Obsidian comments (``%%…%%``), but in code and front matter (the lines
    ``code_lines``, counted from 0) and code spans, each comment's line ends kept so that every
    line keeps its number; one warning names how many were left out and the first's line. A ``%%`` no other
    closes is printed as written, with a warning (Obsidian hides the rest of the note)."""
    lines = _LINE_END.split(text)
    ends = _LINE_END.findall(text) + [""]
    kept: list[str] = []
    left_out: list[int] = []
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and (end in code_lines) == (start in code_lines):
            end += 1
        stretch = "".join(line + line_end for line, line_end in zip(lines[start:end], ends[start:end], strict=True))
        kept.append(stretch if start in code_lines else _stretch_without_comments(stretch, start, left_out, path))
        start = end
    if left_out:
        log.warning("%s:%d: %d Obsidian comment(s) (%%%%…%%%%) left out of the book: Obsidian shows none, so they "
                    "are the writer's own notes", path, left_out[0], len(left_out))
    return "".join(kept)


def _stretch_without_comments(stretch: str, first: int, left_out: list[int], path: Path) -> str:
    """A stretch of lines outside code blocks (the first at index ``first``) without its comments,
    the line of each noted in ``left_out``."""
    def replace(found) -> str:
        line = first + 1 + len(_LINE_END.findall(stretch, 0, found.start()))
        if found[1]:
            return found[0]
        if found[2]:
            log.warning("%s:%d: %%%% opens an Obsidian comment that no %%%% closes, so it is printed with the rest "
                        "of the text: close the comment with %%%%, or write %% for a percent sign", path, line)
            return found[0]
        left_out.append(line)
        return "".join(_LINE_END.findall(found[0]))

    return _COMMENT_OR_CODE.sub(replace, stretch)


def wikilinks(state: StateCore) -> None:
    """Each embed and wikilink of the article's text as what Obsidian shows (see the module's
    docstring); what leads nowhere is its text, with a warning at its line. One in a link's text,
    ``[文献 [[02-b]] 第三页](url)``, is that link's text (a link in a link would split it). (After
    text_join: a wikilink is then within one text token.)"""
    note = state.env.get(NOTE)  # only a vault's note is read with one
    if note is None or "[[" not in state.src:  # most articles: none
        return
    for token in state.tokens:
        if token.type != "inline" or "[[" not in token.content or not token.map:
            continue
        children: list[Token] = []
        in_link = 0
        for line, child in numbered_children(token):
            in_link += (child.type == "link_open") - (child.type == "link_close")
            if child.type == "text" and "[[" in child.content and not in_link:
                children.extend(_read(child.content, line, note, state))
            else:
                children.append(child)
        token.children = children


def _read(text: str, line: int, note: Path, state: StateCore) -> list[Token]:
    """The tokens of ``text`` (on ``line`` of ``note``), its embeds and wikilinks read."""
    tokens: list[Token] = []
    start = 0
    for found in _WIKILINK.finditer(text):
        tokens.append(Token("text", "", 0, content=text[start:found.start()]))
        embed, target, shown = bool(found[1]), found[2].strip(), found[3]
        if embed and image_type(target.partition("#")[0]):
            tokens.extend(_picture(found[0], target, shown, line, note, state))
        elif embed:
            log.warning("%s:%d: %s embeds a note (or a file) in Obsidian; the book prints its name: copy in the text "
                        "to print, or link to it, [[%s]]", note, line, quoted(found[0]), target)
            tokens.append(Token("text", "", 0, content=shown or target.partition("#")[0] or target))
        else:
            tokens.extend(_link(found[0], target, shown, line, note, state))
        start = found.end()
    tokens.append(Token("text", "", 0, content=text[start:]))
    return [token for token in tokens if token.type != "text" or token.content]


def _picture(written: str, target: str, shown: str | None, line: int, note: Path, state: StateCore) -> list[Token]:
    """The picture an embed shows, ``|300`` its width (``|300x200`` and height), any other text after
    the bar its alt text (``|豆浆铺|300``: both); nothing, with a warning, when its file is not in the project."""
    file = _found(target.partition("#")[0], note, state, lambda path: True)
    if file is None:
        log.warning("%s:%d: the picture %s is not a file in the book; it was left out (Obsidian finds a picture "
                    "beside the note, or by its name anywhere in the vault: copy it into the book)",
                    note, line, quoted(written))
        return []
    described, _, last = (shown or "").rpartition("|")
    size = _EMBED_SIZE.fullmatch(last)
    alt = (described if size else shown or "").strip()
    picture = Token("image", "img", 0, content=alt, children=[Token("text", "", 0, content=alt)] if alt else [])
    picture.attrs = {"src": state.md.normalizeLink(_relative(file, note)), "alt": ""}
    if size:
        picture.attrSet("width", size[1])
        if size[2]:
            picture.attrSet("height", size[2])
    return [picture]


def _link(written: str, target: str, shown: str | None, line: int, note: Path, state: StateCore) -> list[Token]:
    """A link to the article a wikilink names (``#小节``: to that id of it), shown as its alias,
    else the note's name; its text alone, with a warning, when no article of the project is named so."""
    name, _, section = target.partition("#")
    text = (shown or "").strip() or name.strip() or section.strip()
    if not text:  # [[#]], [[|]]: nothing to show or lead to, printed as typed
        return [Token("text", "", 0, content=written)]
    if name.strip():
        file = _found(name.strip(), note, state, _is_article)
        if file is None:
            log.warning("%s:%d: the wikilink %s leads to no article of the book, so its text is printed unlinked: "
                        "name an article by its file's name ([[02-茶馆]], [[02-茶馆|别名]]), or write the text "
                        "without brackets", note, line, quoted(written))
            return [Token("text", "", 0, content=text)]
        address = _relative(file, note)
    else:  # [[#小节]]: a section of this note
        address = ""
    opening = Token("link_open", "a", 1)
    opening.attrs = {"href": state.md.normalizeLink(address + (f"#{section.strip()}" if section.strip() else ""))}
    return [opening, Token("text", "", 0, content=text), Token("link_close", "a", -1)]


def _is_article(path: PurePosixPath) -> bool:
    """Whether ``path`` is an article's file (a note: ``.md``, and any other paiban reads)."""
    from . import ARTICLE_SUFFIXES  # the package that imports this reader

    return path.suffix.lower() in ARTICLE_SUFFIXES


def _found(target: str, note: Path, state: StateCore, wanted) -> Path | None:
    """The file of the project ``target`` names, as Obsidian finds it: beside the note, else from
    the project's folder, else by its name (and the folders written before it) anywhere in the
    project, the shallowest first. A note is named without its suffix (``[[笔记]]`` is 笔记.md),
    or by the title its file's name gives it (``[[茶馆]]`` is 02-茶馆.md). Never a file outside the project."""
    written = PurePosixPath(target.replace("\\", "/"))
    if written.is_absolute() or ".." in written.parts:
        return None
    project = _project(note)
    for folder in (note.parent, project):
        if (file := folder / written).is_file() and wanted(written) and inside(file, project):
            return file
    return next((project / path for path in _files(project) if wanted(path) and _names(path, written)), None)


def _names(path: PurePosixPath, written: PurePosixPath) -> bool:
    """Whether the project's file at ``path`` is the one ``written`` names: its path ends in it, with
    or without an article's suffix, or (a note's name alone) the title its name gives it."""
    from . import name_as_title

    count = len(written.parts)
    if path.parts[-count:] == written.parts:
        return True
    without = path.with_suffix("")
    return without.parts[-count:] == written.parts or count == 1 and name_as_title(without.name) == written.name


def _project(note: Path) -> Path:
    """The folder of the project ``note`` is in: the nearest above it with book.toml or Obsidian's
    settings (.obsidian), else the note's own."""
    return _project_of(note.resolve().parent)


@functools.cache  # every note of a folder asks, and the folders above are looked at once for them all
def _project_of(folder: Path) -> Path:
    """The project folder of the notes in ``folder`` (see :func:`_project`)."""
    return next((above for above in (folder, *folder.parents)
                 if any((above / mark).exists() for mark in _PROJECT_MARKS)), folder)


def look_afresh() -> None:
    """Forget the project folders found and their files, for a build to find a vault made, or a
    file added, since the last (``paiban serve`` builds again in one process, and opening a book in
    Obsidian makes it a vault)."""
    _project_of.cache_clear()
    _files.cache_clear()


@functools.cache  # every note of a project with a wikilink asks (look_afresh forgets them for the next build)
def _files(project: Path) -> list[PurePosixPath]:
    """The project's files (relative to it), the shallowest first, but hidden ones and the build's."""
    found = files_under(project, skip=(project / OUTPUT_DIR,))
    return sorted((PurePosixPath(path.relative_to(project).as_posix()) for path in found),
                  key=lambda path: len(path.parts))


def _relative(file: Path, note: Path) -> str:
    """``file``'s path from ``note``'s folder, as a link writes it."""
    return Path(os.path.relpath(file.resolve(), note.resolve().parent)).as_posix()
