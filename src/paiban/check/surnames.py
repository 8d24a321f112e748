"""Surnames a Traditional edition's conversion writes as another character.

OpenCC writes a Simplified character that stands for two Traditional ones as the commoner of
them, with no knowledge of names: 于 is 於, 余 餘, 范 範, though as surnames they are 于, 余, 范 in
Traditional too. Its phrase tables know a few famous names (于谦, 余光中, 范仲淹), but not 余华,
nor the 于小梅 of an interview, whose every label then reads 於小梅, a text the script check passes
(it is good Traditional). A name is known for one where the book says it is a name: its authors,
editors and translators, an article's author, and a speaker's label, the name before the colon
that opens two paragraphs or more of an article (**于小梅：**我先说两句。). A label may be a word
that rightly converts (a textbook's 范例：): that is a note to look at, a name the book gives a
warning.

A name of the book may lose its surname to a phrase of OpenCC's too (周一 is Monday, 週一, so 周一禾 is
printed 週一禾): a name's surname is looked at whatever it is, and is to be printed as the edition
prints it alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from lxml import html

from .. import patterns
from ..config import LoadedConfig
from ..convert import Converter, converter
from ..edition import Edition
from ..model import Article, Book
from .passages import Locator, Passage, Place, edition_name, shown
from .report import Finding

# The surnames written alike in both scripts that OpenCC's conversion, by its character table,
# writes as another character (the one it stands for in most words): 于 → 於, 余 → 餘, 范 → 範,
# 后 → 後 (后羿), 岳 → 嶽, 游 → 遊, 郁 → 鬱 (郁达夫), 干 → 幹 (干宝), 朴 → 樸, 种 → 種 (种师道).
# (涂, 党 and 云 are left out: 塗, 黨 and 雲 are surnames of Taiwan and Hong Kong too.)
SURNAMES = "于余范后岳游郁干朴种"
# A speaker's label: a name of such a surname and one to three characters more, and a colon,
# opening a paragraph (the build has made every colon after Chinese full width).
_LABEL = patterns.compile(rf"^\s*(?P<name>[{SURNAMES}][\u4e00-\u9fff]{{1,3}})：")
# How many paragraphs a label must open to be a speaker's, not a word's said once (范例：).
_SPEECHES = 2
# Common words that open with one of :data:`SURNAMES`, which a paragraph may open with before a
# colon (于是：, 后来：, an interview's 干部：, 游客甲：): no name, whose [phrases] entry would print the
# word wrong in Traditional (后來 as 后來).
_WORDS = frozenset("于是 于今 后来 后面 后者 后记 干部 干事 干活 范围 范例 游戏 游客 余下 余额 岳父 岳母 郁闷 "
                   "朴素 种子 种类 种植".split())
# What a name of an author's line may hold besides names: a note or a writer's country in brackets
# (［英］艾德温·柯林斯, 范一舟（北京大学教授）), what parts the names (、, spaces, the 文／ of a byline) and the
# credit's words after them (［英］艾德温·柯林斯　著　余晓帆　译, 余晓帆译).
_NOTE = patterns.compile(r"[［\[〔【（(][^］\]〕】）)]*[］\]〕】）)]")
_NAME = patterns.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff·]+")
_CREDITED = "著译譯"


def changed_surnames(source: Book, book: Book, edition: Edition, loaded: LoadedConfig,
                     locator: Locator) -> list[Finding]:
    """A warning for each name of the book (``source``) whose surname the edition's conversion
    (``book``) writes as another character, a note for each speaker's label so written; none for
    an edition that does not convert, or keeps the surname (a ``[phrases]`` entry for the name)."""
    if not edition.convert:
        return []
    root, name, convert = source.root, edition_name(edition), converter(*edition.conversion)
    findings = [_finding("warning", written, printed, _surname(written, convert), shown(loaded.path, root),
                         loaded.line_of("book", key), name, "a name of book.toml")
                for key, written, printed in _declared(source, book, convert)]
    for article, converted in zip(source.articles, book.articles, strict=True):
        file = shown(article.source, root)
        for written, printed in _changed_names(article.author, converted.author, convert):
            place = _place(locator, article, printed)
            what = "the article's author" if written == article.author else "a name of the article's author"
            findings.append(_finding("warning", written, printed, _surname(written, convert), file, place.line, name,
                                     what, paragraph=place.paragraph))
        for label, printed, speech, times in _speakers(article.body, converted.body):
            place = _place(locator, article, speech)
            findings.append(_finding("info", label, printed, label[0], file, place.line, name,
                                     f"a speaker's label, {times} times", paragraph=place.paragraph))
    return findings


def _declared(source: Book, book: Book, convert: Converter) -> Iterator[tuple[str, str, str]]:
    """(key, as written, as printed) for each name of book.toml whose surname the edition changed."""
    for key in ("authors", "editors", "translators"):
        for declared, converted in zip(getattr(source.meta, key), getattr(book.meta, key), strict=True):
            for written, printed in _changed_names(declared, converted, convert):
                yield key, written, printed


def _speakers(body: str, converted: str) -> Iterator[tuple[str, str, str, int]]:
    """(label, as printed, the paragraph printed, how many paragraphs it opens) for each speaker's
    label of ``body`` whose surname its conversion (``converted``) changed, at its first paragraph
    so printed. The conversion keeps the paragraphs; a label it made longer (a phrase of another
    length) is passed over."""
    pairs = zip(_paragraphs(body), _paragraphs(converted), strict=True)
    labelled = [(label["name"], printed) for written, printed in pairs
                if (label := _LABEL.match(written)) and label["name"][:2] not in _WORDS]
    times = Counter(label for label, _ in labelled)
    reported = set()
    for label, printed in labelled:
        if (times[label] >= _SPEECHES and label not in reported and printed[len(label):len(label) + 1] == "："
                and printed[0] != label[0]):
            reported.add(label)
            yield label, printed[:len(label)], printed, times[label]


def _paragraphs(body: str) -> list[str]:
    """The text of each paragraph of an article's ``body``."""
    root = html.fragment_fromstring(body or "", create_parent="div")
    return [paragraph.text_content().strip() for paragraph in root.iter("p")]


def _changed_names(written: str | None, printed: str | None, convert: Converter) -> Iterator[tuple[str, str]]:
    """(as written, as printed) for each name of an author's line (``written``, an edition's
    ``printed``) whose surname is printed otherwise: every name of a list (玛丽·霍尔、范一舟), a
    translator's in a credit (［英］艾德温·柯林斯　著　余晓帆　译), a name after its writer's country. Its
    first character alone was looked at, so only the line's first name was ever warned of. The line
    as a whole when the conversion parted it otherwise (a [phrases] entry writing a name in two). A
    surname printed as written is no change, in a name the edition keeps as written ([国枝学]{lang=ja})."""
    names, converted = _names(written or ""), _names(printed or "")
    pairs = zip(names, converted, strict=True) if len(names) == len(converted) else [(written, printed)]
    yield from ((name, as_printed) for name, as_printed in pairs
                if name and as_printed and as_printed[0] not in (name[0], _surname(name, convert)))


def _names(line: str) -> list[str]:
    """The names of an author's line (:data:`_NAME`), without their notes and the credit's words."""
    return [name[:-1] if len(name) > 2 and name[-1] in _CREDITED else name
            for name in _NAME.findall(_NOTE.sub(" ", line))]


def _surname(name: str, convert: Converter) -> str:
    """The surname (first character) of ``name`` as the edition should print it: as written, for one
    of :data:`SURNAMES`; else as the edition's conversion (``convert``) writes it alone (张 as 張)."""
    return name[0] if name[0] in SURNAMES else convert(name[0])


def _place(locator: Locator, article: Article, printed: str) -> Place:
    """Where the article's source has the text ``printed`` (its author, a speaker's paragraph)."""
    return locator.place(Passage(printed, "serif", article.source, 0), 0)


def _finding(severity: str, written: str, printed: str, surname: str, file: str | None, line: int | None,
             edition: str, what: str, paragraph: int | None = None) -> Finding:
    """The finding for the name ``written`` (``what`` it is), ``printed`` so, with the [phrases]
    entry that prints its surname as ``surname`` and converts the rest as before."""
    kept = surname + printed[1:]
    return Finding(
        severity=severity, check="script", file=file, line=line, paragraph=paragraph, char=written[0],
        message=f"{written} ({what}) is printed {printed}: as a surname, {written[0]} is {surname} in Traditional"
                f"{' too' if surname == written[0] else ''}, where OpenCC writes {printed[0]}",
        hint=f'{"Keep" if severity == "warning" else "If it is a name, keep"} its surname with [phrases] in '
             f'book.toml: "{written}" = "{kept}".',
        editions=(edition,))
