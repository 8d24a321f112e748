"""A web novel as delivered: one text file holding the whole book, to be split into chapters.

The shape (as novel sites and their readers' downloads have it): the book's title on the first
line (often in 《》), a ``作者：`` line and a blurb (``内容简介：``) before the story; then volume
lines (``卷一 长安``, ``第一卷 …``), chapter lines (``第一章 初到长安``, ``第12章　风起``,
``楔子``, ``番外一 …``, ``尾声``) and paragraphs, one a line, indented with full-width spaces.
Read as one article, such a file is one endless chapter; :func:`parse` finds its chapters.
This module only reads lines, so the build can count a file's chapter lines cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import patterns
from .numerals import CHAPTER, HEADING, NUMERAL, SEPARATOR, VOLUME, VOLUME_END, chinese_numeral, numeral_value
from .sources.wrapping import INDENT, clean_line, unwrap

# How many chapter lines make a file a novel rather than an article that names a chapter or two.
CHAPTERS_MIN = 3
# A chapter or volume line is a title: longer lines (a paragraph opening 第三章写到……) are prose.
HEADING_MAX = 40
# What a volume's line (第一卷 …, 第二编 …, 卷一 …, 上卷) and a chapter's (第一章 …, 第12回, 楔子, 番外一 …,
# 尾声) open with: :mod:`.numerals` defines them for every place that reads one.
_VOLUME = patterns.compile(f"^{VOLUME}")
_CHAPTER = patterns.compile(f"^{CHAPTER}")
# A line that ends a sentence this way is prose, whatever it starts with.
_PROSE_END = tuple("。，、；：")
# Marks that part a sentence's clauses: a line holding one whose label runs on into its words is
# a sentence that opens with the label (an author's note, 第二章有读者说看不懂，这里解释一下).
_CLAUSE_MARKS = "，。；"
_AUTHOR = patterns.compile(r"^作\s*者\s*[：:]\s*(.+)$")
# The blurb's label in either script: 内容简介 (內容簡介), 简介： or 简介 alone; not the word opening a
# line (简介绍了这本书的来历).
_BLURB_LABEL = patterns.compile(r"^(?:[内內]容\s*[简簡]\s*介\s*[：:]?|[简簡]\s*介\s*(?:[：:]|$))\s*")
_BOOK_TITLE_MARKS = "《》"
# A chapter's number and unit (第五章, 第12回): what the import checks the numbering by.
_NUMBERED = patterns.compile(rf"^第(?P<number>{NUMERAL})(?P<unit>[章回节節篇集])")
# A chapter's or a volume's label that stands apart from its title (第三章　归途, 楔子, 第二卷：江南).
_LABEL_APART = patterns.compile(rf"^{HEADING}(?:{SEPARATOR}|$)")
# A regulation's article (第一条　…, 第12条; in Markdown perhaps in bold, **第一条**): what the text
# under a 条例's, 办法's or 规定's chapter lines opens with, as no novel's paragraphs do.
ARTICLE = patterns.compile(rf"^[*_]*第{NUMERAL}条")
# The title of a text's own contents list, above its text on a government page or in a novel's download:
# 目录, 目　　录, 目錄.
_CONTENTS_TITLE = patterns.compile(r"^目\s*[录錄]$")
# The kind of a line of that list (its title, and the chapter lines under it), neither a volume's nor a chapter's.
CONTENTS = "contents"
# A chapter posted in parts under one number: 第三章 归途（上）, （下）, （二）, 之二.
_HALF = patterns.compile(r"[（(][上中下一二三四五六七八九十续續][）)]\s*$|之[一二三四五六七八九十]\s*$")
# The unit of a chapter's sections: a 第一節 line under a 第一章 line titles a section of that chapter.
_SECTION = "节節"
# A jump in the numbers longer than this is a typo in one of them (第110章 for 第11章), not chapters missing.
_LONGEST_GAP = 20


@dataclass
class Chapter:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    # The indices of the paragraphs that title its sections (第一節　山居之始 under 第一章　緒論).
    sections: set[int] = field(default_factory=set)


@dataclass
class Volume:
    title: str | None  # None: the chapters before the first volume line
    chapters: list[Chapter] = field(default_factory=list)


@dataclass
class Novel:
    title: str | None
    author: str | None
    blurb: list[str]  # the lines before the story that are neither its title nor its author
    volumes: list[Volume]
    # The lines of the text's own contents list (目录 and its chapter lines), left out: the book makes its own.
    contents: list[str] = field(default_factory=list)

    @property
    def chapters(self) -> list[Chapter]:
        return [chapter for volume in self.volumes for chapter in volume.chapters]


def heading(line: str) -> str | None:
    """``"volume"`` or ``"chapter"`` when ``line`` (stripped) is a volume's or a chapter's title
    line; a volume's closing line (:data:`~paiban.numerals.VOLUME_END`) is neither: taken for a
    volume, it opened a part that held what came after it (a 后记). Nor is a line whose label runs
    on into a sentence (:func:`_a_sentence`)."""
    if not line or len(line) > HEADING_MAX or line.endswith(_PROSE_END):
        return None
    if _VOLUME.match(line):
        kind = None if VOLUME_END.match(line) else "volume"
    else:
        kind = "chapter" if _CHAPTER.match(line) else None
    return None if kind and _a_sentence(line) else kind


def _a_sentence(line: str) -> bool:
    """Whether the volume- or chapter-shaped ``line`` is a sentence that opens with its label: the
    label runs on into its words, which a comma or a stop parts (an author's note under a chapter,
    flush left, 第二章有读者说看不懂，这里解释一下). Taken for a chapter line, it split the note
    from its label and made a chapter of the rest. A title may hold a comma after a label that
    stands apart (第一章　风起，云涌)."""
    return any(mark in line for mark in _CLAUSE_MARKS) and not _LABEL_APART.match(line)


def contents_list(lines: list[str]) -> set[int]:
    """The indices of the lines of ``lines``' own contents list (:func:`_listed`)."""
    return {index for index, kind in enumerate(_headings(lines, _titles(lines))) if kind == CONTENTS}


def chapter_lines(lines: list[str]) -> list[str]:
    """The chapter lines among ``lines``, Markdown's ``#`` marks and indentation taken off."""
    titles = _titles(lines)
    return [title for title, kind in zip(titles, _headings(lines, titles), strict=True) if kind == "chapter"]


def is_regulation(lines: list[str]) -> bool:
    """Whether ``lines`` are a regulation's (条例, 办法, 规定): the text under most of its chapter
    lines (``第一章　总则``, its ``第一节`` lines between) opens with an article (``第一条　…``). Such a
    file is one article, its chapter lines its subheadings: it names its chapters as a novel does,
    but is no book to split."""
    titles = _titles(lines)
    opened: list[bool] = []  # whether the text under each run of chapter lines opens with an article
    under_chapter = False
    for title, kind in zip(titles, _headings(lines, titles), strict=True):
        if kind == "chapter":
            under_chapter = True
        elif title and not kind and under_chapter:
            opened.append(bool(ARTICLE.match(title)))
            under_chapter = False
    return _most(opened)


def _titles(lines: list[str]) -> list[str]:
    """``lines`` without their indentation and Markdown's ``#`` marks."""
    return [line.strip().lstrip("#").strip() for line in lines]


def _headings(lines: list[str], titles: list[str]) -> list[str | None]:
    """The :func:`heading` of each of ``titles`` (``lines`` with their indentation taken off), but
    none of an indented line whose label runs on into its words, where the file sets its volume
    and chapter lines flush left and its paragraphs indented: there an indented ``第二篇稿子也退回来了``
    is the story's, not a chapter. One indented by mistake is a chapter still (taken for a paragraph,
    its chapter ran into the one before): its label stands apart (``　第三章　归途``), and it takes
    the next number of the chapters before it, or, unnumbered (``尾声``), ends no sentence; a
    quoted ``　　第一章　总则`` in chapter two, or ``　　尾声 还早着呢！``, is the story's.
    The lines of the text's own contents list are :data:`CONTENTS` (:func:`_listed`)."""
    kinds = [heading(title) for title in titles]
    if _flush_left(lines, kinds):
        kinds = _placed(lines, titles, kinds)
    listed = _listed(titles, kinds)
    return [CONTENTS if index in listed else kind for index, kind in enumerate(kinds)]


def _listed(titles: list[str], kinds: list[str | None]) -> set[int]:
    """The indices of a text's own contents list: a 目录 line and the volume and chapter lines
    under it, up to its text's first (one the list already holds), each of which comes again
    below the list. A regulation's page lists its chapters so (目　　录, 第一章　总则 … 第五章　附则,
    then 第一章　总则 over 第一条); read as chapter lines, every chapter was there twice, the list's
    empty and pointing at the list."""
    listed: set[int] = set()
    for index in (index for index, title in enumerate(titles) if _CONTENTS_TITLE.match(title)):
        entries = _entries(titles, kinds, index)
        below = set(titles[entries[-1] + 1:]) if entries else set()
        if entries and all(titles[entry] in below for entry in entries):
            listed.update([index, *entries])
    return listed


def _entries(titles: list[str], kinds: list[str | None], start: int) -> list[int]:
    """The indices of the volume and chapter lines under the 目录 line at ``start``: up to a line
    of another kind, or one the list already holds (the text's first chapter, right under it)."""
    entries: list[int] = []
    held: set[str] = set()
    for index in range(start + 1, len(titles)):
        if not titles[index]:
            continue
        if not kinds[index] or titles[index] in held:
            break
        entries.append(index)
        held.add(titles[index])
    return entries


def _placed(lines: list[str], titles: list[str], kinds: list[str | None]) -> list[str | None]:
    """``kinds`` in a file that sets its volume and chapter lines flush left and its paragraphs
    indented: none for an indented line but one indented by mistake (see :func:`_headings`)."""
    found: list[str | None] = []
    last = None  # the number and unit of the last numbered chapter line
    for line, title, kind in zip(lines, titles, kinds, strict=True):
        if kind and line.startswith(INDENT) and not _indented_by_mistake(title, last):
            kind = None
        if kind == "chapter" and (numbered := _number_of(title)):
            last = numbered
        found.append(kind)
    return found


def _indented_by_mistake(title: str, last: tuple[int, str] | None) -> bool:
    """Whether the indented chapter-shaped ``title`` is a chapter line (see :func:`_headings`)."""
    if not _LABEL_APART.match(title):
        return False
    if numbered := _number_of(title):
        return last is not None and numbered == (last[0] + 1, last[1])
    return not title.endswith(tuple("。！？!?…"))


def _number_of(title: str) -> tuple[int, str] | None:
    """A chapter line's number and unit (第五章 → 5, 章), or ``None``."""
    if not (match := _NUMBERED.match(title)):
        return None
    written = match["number"]
    return numeral_value(written), match["unit"]


def _flush_left(lines: list[str], kinds: list[str | None]) -> bool:
    """Whether most of the volume and chapter lines are flush left and most of the other lines (the
    paragraphs) indented: a stray line, either way, says nothing of the file's layout."""
    headings = [line.startswith(INDENT) for line, kind in zip(lines, kinds, strict=True) if kind]
    paragraphs = [line.startswith(INDENT) for line, kind in zip(lines, kinds, strict=True)
                  if not kind and line.strip()]
    return _most(paragraphs) and _most([not indented for indented in headings])


def _most(truths: list[bool]) -> bool:
    return 2 * sum(truths) > len(truths)


def parse(text: str) -> Novel | None:
    """The novel ``text`` holds, or None when it has fewer than :data:`CHAPTERS_MIN` chapter lines.

    Hard-wrapped text is rejoined first (:func:`~paiban.sources.wrapping.unwrap`), as a ``.txt``
    article's is, its volume and chapter lines standing apart: each printed line was a paragraph.
    Every line but a blank one is kept: in the book's metadata (title, author, blurb), as a
    volume's or chapter's title, or as a paragraph. A volume's closing line (``第一卷 完``), and
    a volume line under which no chapter comes, stay text, a paragraph of the chapter before
    them; text between a volume line and its first chapter opens the volume as a chapter of its
    own, titled as the volume. A 節 line under a numbered chapter of another unit (第一章 over
    第一節, 第二節) titles a section of it (:attr:`Chapter.sections`): as chapters, the 章 was an
    empty one over its 節, and its number was compared with theirs. The text's own contents list
    (:func:`_listed`) is no chapter's and no part of the blurb: it is the novel's ``contents``,
    which the book's own replace.
    """
    rejoined = unwrap(text.splitlines(), apart=lambda line: heading(_titles([line])[0]) is not None)
    written = [line for _, line in rejoined if clean_line(line)]
    lines = [clean_line(line) for line in written]
    kinds = _headings(written, lines)
    if kinds.count("chapter") < CHAPTERS_MIN:
        return None
    front: list[str] = []
    contents: list[str] = []
    volumes = [Volume(None)]
    for line, kind in zip(lines, kinds, strict=True):
        if kind == CONTENTS:
            contents.append(line)
        elif kind == "volume":
            volumes.append(Volume(line))
        elif kind == "chapter" and _a_section(line, volumes[-1]):
            chapter = volumes[-1].chapters[-1]
            chapter.sections.add(len(chapter.paragraphs))
            chapter.paragraphs.append(line)
        elif kind == "chapter":
            volumes[-1].chapters.append(Chapter(line))
        elif volumes[-1].chapters:
            volumes[-1].chapters[-1].paragraphs.append(line)
        elif volumes[-1].title is not None:  # the volume's own text, before its first chapter
            volumes[-1].chapters.append(Chapter(volumes[-1].title, [line]))
        else:
            front.append(line)
    volumes = _folded(volumes, front)
    title, author, blurb = _front(front)
    return Novel(title=title, author=author, blurb=blurb, volumes=volumes, contents=contents)


def _a_section(line: str, volume: Volume) -> bool:
    """Whether the chapter line ``line`` titles a section of ``volume``'s last chapter: it is
    numbered in 節, that chapter in another unit (第一章)."""
    numbered = _number_of(line)
    above = _number_of(volume.chapters[-1].title) if volume.chapters else None
    return bool(numbered and above and numbered[1] in _SECTION and above[1] not in _SECTION)


def _front(lines: list[str]) -> tuple[str | None, str | None, list[str]]:
    """The title (its 《》 taken off), the author and the rest of the lines before the story."""
    title = None
    if lines and not _AUTHOR.match(lines[0]) and not _BLURB_LABEL.match(lines[0]) and len(lines[0]) <= HEADING_MAX:
        title = lines.pop(0).strip(_BOOK_TITLE_MARKS).strip() or None
    author = None
    rest = []
    for line in lines:
        if author is None and (match := _AUTHOR.match(line)):
            author = match[1].strip()
        elif blurb := _BLURB_LABEL.sub("", line, count=1):
            rest.append(blurb)
    return title, author, rest


def _folded(volumes: list[Volume], front: list[str]) -> list[Volume]:
    """The volumes that hold chapters. A volume line without any (``第三卷`` closing the file, a
    part's line straight before its first volume's) becomes a paragraph of the chapter before
    it, or before the story begins, a line of the ``front`` matter."""
    kept: list[Volume] = []
    for volume in volumes:
        if volume.chapters:
            kept.append(volume)
        elif volume.title is not None and kept:
            kept[-1].chapters[-1].paragraphs.append(volume.title)
        elif volume.title is not None:
            front.append(volume.title)
    return kept


@dataclass(frozen=True)
class Numbering:
    """What the chapters' numbers say of a serial as it was saved: the numbers it skips (第五章
    between 第四章 and 第六章: a chapter lost in the download) and the chapters numbered again
    (第三章 twice: one posted twice, or misnumbered). A count that starts again at 1 (each volume
    numbering its own) is neither."""

    skipped: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)


def numbering(novel: Novel) -> Numbering:
    """The :class:`Numbering` of ``novel``'s chapters, each named as its neighbours write theirs (第5章, 第五章)."""
    found = Numbering()
    last: tuple[int, str] | None = None  # the number and unit of the numbered chapter before
    for chapter in novel.chapters:
        if not (numbered := _number_of(chapter.title)):
            continue
        number, unit = numbered
        if last and last[1] == unit:
            if number == last[0] and not _HALF.search(chapter.title):
                found.repeated.append(_label(number, unit, chapter.title))
            elif last[0] + 1 < number <= last[0] + _LONGEST_GAP:
                found.skipped.extend(_label(n, unit, chapter.title) for n in range(last[0] + 1, number))
        last = numbered
    return found


def _label(number: int, unit: str, beside: str) -> str:
    """Chapter ``number``'s label, in figures or in Chinese as the chapter line ``beside`` (第5章,
    第五章) writes its own."""
    return f"第{number if beside[1:2].isdigit() else chinese_numeral(number)}{unit}"
