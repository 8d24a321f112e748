"""Stage 4: make an edition: the book in another script (OpenCC), with the edition's conventions.

Everything the reader sees is converted (article text, titles, running heads, metadata,
generated labels such as 目录); markup, URLs, code, ``no-convert`` spans, text tagged with
another language (:func:`~paiban.edition.kept_as_written`), identifiers and file names never are. The book's
``[phrases]`` override OpenCC where it is wrong for this book.
Then the edition's quote style and Chinese–Latin spacing are applied to the same text, and an
edition that converts Traditional text to Simplified sets the mainland's forms of the
interpunct, ellipsis and dash (:func:`~paiban.punctuation.mainland_marks`).
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import replace
from functools import cache, lru_cache
from itertools import accumulate, pairwise
from pathlib import Path

from .cache import NO_SHELF, Shelf
from .chars import COMPATIBILITY, HAS_HAN
from .config import EDITION_METADATA, language_region, script_of
from .edition import Edition, into_standard, kept_as_written, language_kept, region_of
from .model import Article, Book, Chapter, Metadata, Part
from .punctuation import (has_taiwan_marks, mainland_marks, mainland_marks_across, outside_urls, requotes,
                          set_quotes, set_quotes_across, set_spacing, set_spacing_across)
from .theme import Theme
from .titles import plain, tagged_phrases, untagged
from .xhtml import NO_CONVERT, VARIANTS, edit, map_paragraphs_in, map_runs_in, prose_elements

log = logging.getLogger("paiban")


# OpenCC's configs that change words, not only characters' forms (TWPhrases, HKPhrases: s2twp's
# 内存 → 記憶體, its reverse tw2sp's): the only ones whose conversion may change a text's length.
# (Every other table maps a phrase to one as long: STPhrases, TSPhrases, the variants' phrases.)
_VOCABULARY = re.compile(r"p(?:\.json)?$")
# The most texts of one run whose words are found across markup by converting it all again for
# each (:meth:`Converter._edges`, where its clauses cannot be converted apart); past it each is
# converted alone.
_MOST_CUTS = 64
# A clause and the marks after it (or marks alone): what no word of OpenCC's tables crosses.
_CLAUSE_MARKS = "，。、；：？！,;?!\n"
_CLAUSE = re.compile(f"[^{_CLAUSE_MARKS}]+[{_CLAUSE_MARKS}]*|[{_CLAUSE_MARKS}]+")


class Converter:
    """OpenCC with phrase overrides: the longest listed phrase wins, before OpenCC sees that span.

    ``configs`` run one after another (tw2t, then t2hk: see :func:`~paiban.edition.opencc_chain`).
    ``calls`` counts the texts handed to OpenCC (tests use it to prove the cache works).
    """

    def __init__(self, configs: tuple[str, ...], phrases: tuple[tuple[str, str], ...] = ()) -> None:
        import opencc  # only an edition that converts needs it

        self.opencc = [opencc.OpenCC(config) for config in configs]
        self.table = dict(phrases)
        # Whether every conversion keeps a text's length, character for character (头发 → 頭髮).
        self.keeps_length = not any(map(_VOCABULARY.search, configs)) and all(
            len(written) == len(printed) for written, printed in phrases)
        longest_first = sorted(self.table, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, longest_first))) if longest_first else None
        self.calls = 0

    def __call__(self, text: str) -> str:
        return outside_urls(text, self._prose)

    def across(self, texts: list[str], fixed: Collection[int] = ()) -> list[str]:
        """``texts`` that read as one (a run of a paragraph, parted by the in-line markup in it:
        :func:`~paiban.xhtml.map_runs_in`) converted as one text, each text given its share: a word
        is converted whole whatever markup parts it (白<ruby>发</ruby>: 白髮, as 白发 is, not 白發), a
        phrase too. Those of ``fixed`` (no-convert text, code) are returned as they are, and part
        the words either side of them. A fixed text may come first, last or next to another (a
        title opening with a phrase tagged ja): no texts lie before it, and none are converted,
        since converting none gave one empty piece, which put every text after it one place out."""
        converted = list(texts)
        start = 0
        for end in [*sorted(fixed), len(texts)]:
            if start < end:
                converted[start:end] = self._shared(texts[start:end])
            start = end + 1
        return converted

    def _shared(self, texts: list[str]) -> list[str]:
        """The conversion of ``texts`` read as one, cut where they are."""
        text = "".join(texts)
        cuts = list(accumulate(len(each) for each in texts[:-1]))
        return self._cut(text, cuts, self(text))

    def _cut(self, text: str, cuts: list[int], whole: str) -> list[str]:
        """``whole``, the conversion of ``text``, cut where ``text`` is cut (offsets ``cuts``, in
        order). A conversion that keeps every text's length (:attr:`keeps_length`: OpenCC's
        character and phrase tables map each character to a form of it, 头发 → 頭髮) is cut
        character for character. One that changes words (s2twp's vocabulary, 内存 → 記憶體; a
        ``[phrases]`` entry of another length) is cut at the edges of its words (:meth:`_cut_at_words`)."""
        spans = list(pairwise([0, *cuts, len(text)]))
        if self.keeps_length:
            return [whole[start:end] for start, end in spans]
        return self._cut_at_words(text, spans, whole)

    def _cut_at_words(self, text: str, spans: list[tuple[int, int]], whole: str) -> list[str]:
        """``whole`` cut into the conversions of ``text``'s ``spans``, where words may change length.
        A cut where converting either side alone gives the same is a word's edge (:meth:`_edges`),
        which both share; between two such edges, a stretch converted to as many characters is cut
        character for character (白<ruby>发</ruby>: 白髮), and one of another length (内<ruby>存</ruby>:
        記憶體) has each of its texts converted alone, so no reading stands over another word's
        character. Cutting the total length character for character moved every edge after one word
        made longer and another shorter (英伟达的**内存** → 輝達的記<strong>憶體</strong>)."""
        edge_at = self._edges(text, whole, len(spans))
        if edge_at is None:
            return [self(text[start:end]) for start, end in spans]
        pieces: list[str] = []
        edge, converted_edge, stretch = 0, 0, []
        for start, end in spans:
            stretch.append((start - edge, end - edge))
            converted_end = len(whole) if end == len(text) else edge_at(end)
            if converted_end is None:
                continue  # a word runs on across this cut
            source, converted = text[edge:end], whole[converted_edge:converted_end]
            pieces += ([converted[first:last] for first, last in stretch] if len(converted) == len(source)
                       else [self(source[first:last]) for first, last in stretch])
            edge, converted_edge, stretch = end, converted_end, []
        return pieces

    def _edges(self, text: str, whole: str, texts: int) -> Callable[[int], int | None] | None:
        """For an offset of ``text`` (``whole`` its conversion), where it falls in ``whole`` when it is
        a word's edge: converting the text either side of it alone gives ``whole`` too; ``None`` for
        one inside a word. Each is judged within its clause (:data:`_CLAUSE`), which no word crosses,
        when the clauses converted one by one give ``whole``: a pinyin paragraph, a reading on every
        character, is judged clause by clause at little cost. Otherwise each offset is judged
        converting the whole text twice, for a run of at most :data:`_MOST_CUTS` ``texts``; past
        them the function is ``None``, and each text is converted alone."""
        clauses = [match.span() for match in _CLAUSE.finditer(text)]
        converted = [self(text[start:end]) for start, end in clauses]
        if "".join(converted) == whole:
            starts = [start for start, _ in clauses]
            offsets = list(accumulate(map(len, converted), initial=0))

            def in_clause(cut: int) -> int | None:
                index = bisect_right(starts, cut) - 1
                start, end = clauses[index]
                before = self(text[start:cut])
                return offsets[index] + len(before) if before + self(text[cut:end]) == converted[index] else None
            return in_clause
        if texts > _MOST_CUTS:
            return None

        def in_text(cut: int) -> int | None:
            before = self(text[:cut])
            return len(before) if before + self(text[cut:]) == whole else None
        return in_text

    def _prose(self, text: str) -> str:
        pieces, position = [], 0
        for match in self.pattern.finditer(text) if self.pattern else ():
            pieces += [self._opencc(text[position:match.start()]), self.table[match[0]]]
            position = match.end()
        pieces.append(self._opencc(text[position:]))
        return "".join(pieces)

    def _opencc(self, text: str) -> str:
        if not text:
            return text
        self.calls += 1
        if not _COMPATIBILITY.search(text):
            return self._chain(text)
        unified = _COMPATIBILITY.sub(lambda match: unicodedata.normalize("NFC", match[0]), text)
        return _compatibility_kept(text, unified, self._chain(unified), self._chain)

    def _chain(self, text: str) -> str:
        for step in self.opencc:
            text = step.convert(text)
        return text


# A compatibility ideograph: each is its unified form to OpenCC (塚 U+585A), which writes that form in its place.
_COMPATIBILITY = re.compile(f"[{COMPATIBILITY}]")


def _compatibility_kept(written: str, unified: str, converted: str, convert: Callable[[str], str]) -> str:
    """``converted``, ``convert``'s conversion of ``unified`` (``written`` with each compatibility
    ideograph in its unified form), with each compatibility ideograph of ``written`` that the
    conversion left as it is put back: a 家谱's 塚 U+FA10 is its editor's glyph (Noto CJK TC draws
    it otherwise than 塚 U+585A), which OpenCC wrote as the unified form, with no word, in every
    edition it made. One it converts stays converted (漢 U+FA47 is 汉 in t2s). A conversion that
    changed the text's length (s2twp's 内存 → 記憶體) is lined up clause by clause (:data:`_CLAUSE`,
    which no word crosses), and a clause of another length around each of its compatibility
    ideographs (:func:`_place`): lining the whole text up with difflib took seconds for a long
    paragraph of a 家谱's entries, which repeat one another."""
    if len(converted) == len(unified):
        return _put_back(written, unified, converted)
    spans = [match.span() for match in _CLAUSE.finditer(unified)]
    clauses = [convert(unified[start:end]) for start, end in spans]
    if "".join(clauses) != converted:  # a word across a clause's marks: the text is one clause
        spans, clauses = [(0, len(unified))], [converted]
    kept = []
    for (start, end), clause in zip(spans, clauses, strict=True):
        mine, theirs = written[start:end], unified[start:end]
        if mine == theirs:
            kept.append(clause)
        elif len(clause) == end - start:
            kept.append(_put_back(mine, theirs, clause))
        else:
            kept.append(_put_back_around(mine, theirs, clause, convert))
    return "".join(kept)


def _put_back(written: str, unified: str, converted: str) -> str:
    """``converted``, as long as ``unified``, with each character of ``written`` put back where the
    conversion left the unified form it is read as."""
    return "".join(mine if printed == theirs else printed
                   for mine, theirs, printed in zip(written, unified, converted, strict=True))


def _put_back_around(written: str, unified: str, converted: str, convert: Callable[[str], str]) -> str:
    """``converted``, of another length than ``unified``, with each compatibility ideograph of
    ``written`` put back where :func:`_place` finds its unified form left as it is."""
    kept = list(converted)
    for ideograph in _COMPATIBILITY.finditer(written):
        at = _place(unified, converted, ideograph.start(), convert)
        if at is not None and converted[at] == unified[ideograph.start()]:
            kept[at] = ideograph[0]
    return "".join(kept)


def _place(text: str, converted: str, index: int, convert: Callable[[str], str]) -> int | None:
    """Where ``converted``, ``convert``'s conversion of ``text``, has the character at ``index``:
    between the conversions of the text before and after the narrowest stretch around it whose
    either side converts alone as it does in the whole (a word, or a few), at its own place in the
    stretch. ``None`` where that stretch is converted to one of another length (the character is
    part of a word that changed length). Each step out converts the text once: a few for a word."""
    start, head = next((start, head) for start in range(index, -1, -1)
                       if converted.startswith(head := convert(text[:start])))
    end, tail = next((end, tail) for end in range(index + 1, len(text) + 1)
                     if converted.endswith(tail := convert(text[end:])))
    return len(head) + index - start if len(converted) - len(head) - len(tail) == end - start else None


def converter(config: str | tuple[str, ...], phrases: tuple[tuple[str, str], ...] = ()) -> Converter:
    """The converter of an OpenCC config, or of configs run in turn, and a phrase table."""
    return _converter((config,) if isinstance(config, str) else config, phrases)


@lru_cache(maxsize=None)
def _converter(configs: tuple[str, ...], phrases: tuple[tuple[str, str], ...]) -> Converter:
    """One converter per chain and phrase table (loading OpenCC's dictionaries is the costly part)."""
    return Converter(configs, phrases)


@lru_cache(maxsize=4096)
def convert_body(convert: Converter, body: str, source_language: str) -> str:
    """An article body in the edition's script, cached by content: each body is converted once.
    Text tagged with the book's own script (``zh-Hant``, ``zh-TW`` in a zh-Hant-TW book) is
    converted with the book, and its tag goes with it: the text is the edition's language now,
    the document's, and kept it would be drawn with the source script's glyphs."""
    def kept(element) -> bool:
        return kept_as_written(element, source_language)

    def converted(root) -> None:
        map_runs_in(root, lambda texts, fixed, _: convert.across(texts, fixed), attributes=("alt", "title"), keep=kept)
        for element in prose_elements(root, skip=kept):
            if region_of(element.get("lang") or ""):
                del element.attrib["lang"]
        for element in root.iter():
            # Text left in the source script must say so, or it is drawn with the edition's glyphs.
            if (element is not root and isinstance(element.tag, str) and not element.get("lang")
                    and NO_CONVERT in (element.get("class") or "").split()):
                element.set("lang", source_language)

    return edit(body, converted)


# How text written Simplified is put in each Traditional standard: character forms only, no
# change of vocabulary.
_INTO_TRADITIONAL = {"zh-Hant": "s2t", "zh-Hant-TW": "s2tw", "zh-Hant-HK": "s2hk"}


def labels_in(language: str, labels: dict[str, str]) -> dict[str, str]:
    """The generated text (目录, 编 …) in the script of ``language``: paiban writes it Simplified,
    and a Traditional edition prints 目錄, whether it converts the book or the book was written
    Traditional."""
    into = _INTO_TRADITIONAL.get(language)
    return {key: converter(into)(label) for key, label in labels.items()} if into else labels


# OpenCC's character tables, Simplified to Traditional and back: a character listed among its own
# conversions is a form of the other script too (STCharacters: 云 → 雲 云).
_CHARACTER_TABLES = ("STCharacters", "TSCharacters")


@cache
def both_scripts() -> frozenset[str]:
    """The characters OpenCC's own tables give as a form of both scripts, though its conversion
    writes another: 云 (詩云), 于 (單于), 咸, 余, 几, 里, 后, Taiwan's everyday 台 are Traditional
    forms as well as the Simplified ones of 雲, 於, 鹹 …, and 於, 乾 (乾坤) Simplified ones too.
    The conversion keeps only a table's first form; the others are read with the ``opencc_dict``
    tool the opencc package ships beside its tables. Without it the set is empty, and such
    characters count as of one script, as the conversion alone says."""
    import opencc

    clib = Path(opencc.__file__).parent / "clib"
    tool = shutil.which("opencc_dict", path=str(clib / "bin"))
    tables = [clib / "share" / "opencc" / f"{name}.ocd2" for name in _CHARACTER_TABLES]
    if tool is None or not all(table.is_file() for table in tables):
        return frozenset()
    both = set()
    try:
        with tempfile.TemporaryDirectory() as folder:
            for table in tables:
                text = Path(folder) / f"{table.stem}.txt"
                subprocess.run([tool, "-i", str(table), "-o", str(text), "-f", "ocd2", "-t", "text"],
                               check=True, capture_output=True, timeout=60)
                for line in text.read_text(encoding="utf-8").splitlines():
                    key, _, forms = line.partition("\t")
                    if len(key) == 1 and key in forms.split()[1:]:
                        both.add(key)
    except (OSError, subprocess.SubprocessError) as error:  # it failed, timed out or wrote nothing
        log.warning("could not read OpenCC's character tables with %s (%s): characters both scripts write "
                    "(云, 于, 后) are taken for one script's by the script check", tool, error)
        return frozenset()
    return frozenset(both)


@cache
def one_script(char: str, book_language: str = "zh-Hant") -> str | None:
    """The script of which ``char`` alone is a form, ``"Hans"`` or ``"Hant"``; ``None`` for one
    both write (人, and those of :func:`both_scripts`: 云, 台) or no Han character. OpenCC decides: a
    form of one script only is converted towards the other and left alone in the opposite
    direction (體: t2s gives 体, s2t keeps 體; 们: s2t gives 們). In a book written in Taiwan's or
    Hong Kong's standard (``book_language``) a variant of that standard whose form in OpenCC's
    standard is Traditional only is Traditional too (Hong Kong's 衞, 衛; Taiwan's 峰, 峯), as the
    build converts it (:func:`~paiban.edition.opencc_chain`); any other keeps its own verdict: tw2t
    takes 么 alone to 幺, which both scripts write, yet a Taiwan book's 什么 is Simplified.
    OpenCC's tables cannot tell Taiwan's 簷 (檐) from its 著 (着), which is Simplified too (著作):
    both count as of both scripts. A compatibility ideograph (漢 U+FA47, 塚 U+FA10) is of its
    unified form's script (漢 U+6F22), which OpenCC converts it as: s2t writes it as that form too,
    and it was taken for no form of either script."""
    if (unified := unicodedata.normalize("NFC", char)) != char:
        return one_script(unified, book_language)
    if not HAS_HAN.match(char) or char in both_scripts():
        return None
    into = into_standard(book_language)
    if into and len(standard := converter(into)(char)) == 1 and standard != char and one_script(standard) == "Hant":
        return "Hant"
    if converter("t2s")(char) != char and converter("s2t")(char) == char:
        return "Hant"
    if converter("s2t")(char) != char and converter("t2s")(char) == char:
        return "Hans"
    return None


def written_in(text: str) -> tuple[str | None, Counter[str]]:
    """The script most of ``text`` is written in (``"Hans"``, ``"Hant"``, or ``None`` when neither
    has more of its own characters), and how many characters of each script's own it has: what
    a source is written in, when its book does not say."""
    tally: Counter[str] = Counter()
    for char, count in Counter(text).items():
        if script := one_script(char):
            tally[script] += count
    if tally["Hant"] == tally["Hans"]:
        return None, tally
    return ("Hant" if tally["Hant"] > tally["Hans"] else "Hans"), tally


def kept_language(article: Article, book_language: str, edition_language: str) -> str:
    """The language of an article an edition keeps as written: what it is written in, for its
    glyphs and its marks' placement are that script's, and its ``lang`` must say so (a Traditional
    memoir in a Simplified anthology is no zh-Hans text in the Taiwan edition). The book's language
    when it is written in the book's script, or when neither script has more of its own characters;
    else the edition's, when the edition prints that script (Taiwan's, Hong Kong's forms of it);
    else the script alone."""
    script, _ = written_in(f"{article.title}{article.body}")
    if script is None or script == script_of(book_language):
        return book_language
    if script == script_of(edition_language):
        return edition_language
    return "zh-Hans" if script == "Hans" else "zh-Hant"


def edition_theme(theme: Theme, edition: Edition) -> Theme:
    """``theme`` as ``edition`` prints it: the text its templates write themselves converted as the
    book's text is, with the edition's phrases (a designer's 设计丛书 is 設計叢書 in Taiwan's)."""
    return theme.converting(converter(*edition.conversion)) if edition.conversion else theme


def typeset_text(text: str, edition: Edition) -> str:
    """Plain text with ``edition``'s quote style and, when it converts Traditional text to
    Simplified, the mainland's marks (:attr:`~paiban.edition.Edition.mainland_marks`)."""
    text = set_quotes(text, edition.quotes)
    return mainland_marks(text) if edition.mainland_marks else text


def _marks_across(texts: list[str], quotes: str, kept: Collection[int], mainland: bool) -> list[str]:
    """:func:`typeset_text`'s quote style and mainland's marks over ``texts`` read as one (a
    paragraph parted by its markup, a title of book.toml parted by its tagged phrases), those of
    ``kept`` left as written."""
    texts = set_quotes_across(texts, quotes, kept)
    return mainland_marks_across(texts, kept) if mainland else texts


def _typeset_in(root, quotes: str, spacing: str, source_language: str, mainland: bool = False) -> None:
    """An edition's quote style, spacing and (``mainland``) the mainland's marks on a parsed body:
    quotes paired paragraph by paragraph, across the markup inside one, and marks set with their
    neighbours in the texts beside them. Text kept as written (:func:`kept_as_written`) stays so,
    as conversion leaves it (its marks still pair with those outside it, and keep theirs as written)."""
    def kept(element) -> bool:
        return kept_as_written(element, source_language)

    map_paragraphs_in(root, lambda texts, held: _marks_across(texts, quotes, held, mainland),
                      attributes=("alt", "title"), keep=kept)
    if spacing != "keep":
        map_runs_in(root, lambda texts, fixed, depths: set_spacing_across(texts, spacing, fixed, depths),
                    attributes=("alt", "title"), keep=kept)


def make_edition(book: Book, edition: Edition, spacing: str = "keep", shelf: Shelf = NO_SHELF) -> Book:
    """Return ``book`` as ``edition``: its script, language tag, title, identifier, quote style and spacing.

    ``shelf`` keeps each article's conversion (a build passes its cache's); its key is the
    article and every setting the conversion reads. The articles not found there are
    converted on every core when there are many.
    """
    meta = book.meta
    settings = (edition.opencc, edition.phrases, edition.quotes, spacing, meta.language, edition.language)
    convert = converter(*edition.conversion) if edition.conversion else None

    def typeset(value: str) -> str:
        return set_spacing(typeset_text(value, edition), spacing)

    def text(value: str | None, convertible: bool = True) -> str | None:
        """Plain text as the edition prints it; that of a no-convert article stays as written."""
        if not value or not convertible:
            return value
        return typeset(convert(value) if convert else value)

    def named(value: str | None) -> str | None:
        """Book.toml's title, subtitle or a name as the edition prints it: a phrase tagged with a
        language the edition keeps as written (``[『国境の南』]{lang=ja}``: :meth:`Metadata.runs`) is
        left so, as the body's is, its script and marks; the text around it is converted and typeset
        as the rest of the book. Converted whole, 国境の南 was printed 國境の南, its 『』 made ‘’, and
        the phrase, no longer found in the title, lost its tag."""
        runs = meta.runs(value) if value else []
        kept = {index for index, (_, lang) in enumerate(runs) if language_kept(lang, meta.language)}
        if not kept:
            return text(value)
        texts = [run for run, _ in runs]
        if convert:
            texts = convert.across(texts, kept)
        texts = _marks_across(texts, edition.quotes, kept, edition.mainland_marks)
        return "".join(set_spacing_across(texts, spacing, kept, [index in kept for index in range(len(texts))]))

    def markup(value: str, convertible: bool = True) -> str:
        """A body or a title's markup as the edition prints it: its own of each text written in
        variants (:func:`_own_variants`), no-convert spans (and no-convert articles) kept as
        written, quotes and spacing too, and said so."""
        if f'class="{VARIANTS}"' in value:  # else a parse for nothing
            value = edit(value, lambda root: _own_variants(root, edition.language))
        if not convertible:
            return value
        if convert:
            value = convert_body(convert, value, book.meta.language)
        if (spacing != "keep" or requotes(value, edition.quotes)
                or (edition.mainland_marks and has_taiwan_marks(value))):  # else a parse for nothing
            value = edit(value, lambda root: _typeset_in(root, edition.quotes, spacing, book.meta.language,
                                                         edition.mainland_marks))
        return value

    def titled(item: Article | Chapter, convertible: bool = True) -> dict[str, str | None]:
        """The title, from its markup when part of it is no-convert: the plain title is its text."""
        if not item.title_markup:
            return {"title": text(item.title, convertible)}
        printed = markup(item.title_markup, convertible)
        return {"title": plain(printed), "title_markup": printed}

    def converted(item: Article) -> Article:
        kept = bool(convert) and not item.convert  # it must say so, or the edition's glyphs draw it
        return replace(
            item,
            **titled(item, item.convert),
            body=markup(item.body, item.convert),
            author=text(item.author, item.convert),
            column=text(item.column, item.convert),
            subtitle=text(item.subtitle, item.convert),
            origin=text(item.origin, item.convert),
            running_title=text(item.running_title, item.convert),
            lang=item.lang or (kept_language(item, meta.language, edition.language) if kept else None),
        )

    sources = [*([book.preface] if book.preface else []), *book.articles]
    found = shelf.each([(settings, item) for item in sources], lambda index: converted(sources[index]))
    as_converted = {id(item): value for item, value in zip(sources, found, strict=True)}

    def article(item: Article) -> Article:
        return as_converted[id(item)]

    def chapter(item: Chapter) -> Chapter:
        # A chapter that prints its one article's title as its own keeps it as the article does.
        own = item.articles[0] if len(item.articles) == 1 and not item.articles[0].titled else None
        return replace(item, **titled(item, own is None or own.convert), label=text(item.label),
                       running_title=text(item.running_title), articles=tuple(map(article, item.articles)))

    def part(item: Part) -> Part:
        return replace(item, title=text(item.title), chapters=tuple(map(chapter, item.chapters)))

    return replace(
        book,
        meta=replace(
            meta,
            title=untagged(edition.title) if edition.title else named(meta.title),
            subtitle=untagged(edition.subtitle) if edition.subtitle else named(meta.subtitle),
            phrases=meta.phrases + tagged_phrases(edition.title or "") + tagged_phrases(edition.subtitle or ""),
            language=edition.language,
            identifier=edition.identifier or meta.identifier,
            authors=tuple(map(named, meta.authors)),
            editors=tuple(map(named, meta.editors)),
            description=text(meta.description),
            translators=tuple(map(named, meta.translators)),
            subjects=tuple(dict.fromkeys(map(text, meta.subjects))),  # 历史 and 歷史 are one 歷史 in Taiwan's
            series=text(meta.series),
            accessibility=replace(meta.accessibility, summary=text(meta.accessibility.summary),
                                  certified_by=text(meta.accessibility.certified_by)),
            **_copyright(meta, edition, text),
        ),
        parts=tuple(map(part, book.parts)),
        preface=article(book.preface) if book.preface else None,
        labels={key: typeset(value) for key, value in labels_in(edition.language, book.labels).items()},
    )


# The variants of a script (MediaWiki's codes as language tags), the script's own first, then its
# regions' as MediaWiki falls back to them.
_SCRIPT_VARIANTS = {"Hans": ("zh-Hans", "zh-CN", "zh-SG", "zh-MY"), "Hant": ("zh-Hant", "zh-TW", "zh-HK", "zh-MO")}


def _own_variants(root, language: str) -> None:
    """Each text written in variants (``span.variants``: :mod:`~paiban.sources.mediawiki`) as the
    one of them an edition in ``language`` prints: its region's (zh-TW in zh-Hant-TW), else its
    script's, else another of its script, else the first written, which the edition converts. One
    of the edition's script is kept as written (OpenCC would take 軟體 for words to convert again),
    in the edition's language (kept text is otherwise the source's, drawn with its glyphs)."""
    script = script_of(language)
    region = language_region(language)
    ranked = [*([f"zh-{region}"] if region else []), *_SCRIPT_VARIANTS[script]]
    for variants in root.xpath(f".//span[@class='{VARIANTS}']"):
        written = [(child.get("lang"), child) for child in variants.iterchildren("span")]
        lang, chosen = min(written, key=lambda each: ranked.index(each[0]) if each[0] in ranked else len(ranked),
                           default=(None, None))
        own = lang in ranked
        printed = variants.makeelement("span", {"class": NO_CONVERT, "lang": language} if own else {})
        printed.text = "".join(chosen.itertext()) if chosen is not None else ""
        printed.tail = variants.tail
        variants.getparent().replace(variants, printed)


def _copyright(meta: Metadata, edition: Edition, text: Callable[[str | None], str | None]) -> dict[str, str | None]:
    """The copyright page's publisher, rights, 版次, CIP and date of ``edition``: [book]'s, converted
    (``text``), unless the edition gives its own, printed as written (a licensee's 简体中文版授权, the
    mainland 版次, a CIP block only that edition has), or removes it (``cip = ""``)."""
    own = dict(edition.metadata)
    # (A date, 2024-03, is digits: its conversion leaves it as it is.)
    return {key: own[key] or None if key in own else text(getattr(meta, key)) for key in EDITION_METADATA}
