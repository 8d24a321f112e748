"""What a reader of an edition sees, as passages of text that know their font role and their source.

The checks read an edition (the book after conversion), because that is what prints; but a
finding must point at the line an editor can fix. :class:`Locator` finds that line by
searching the source file after passing each line through the same steps the text went
through (punctuation fixes, OpenCC with the edition's phrases, its quote style).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from lxml import html

from ..cache import NO_SHELF, Shelf
from ..config import LoadedConfig
from ..convert import converter, typeset_text
from ..edition import Edition, is_english, kept_as_written, language_kept, punctuation_kept, region_of
from ..fingerprint import hash_file
from ..model import Book, Metadata
from ..punctuation import normalise, outside_urls
from ..sources import BINARY_SUFFIXES, READERS
from ..sources.embedded import content_name
from ..sources.encoding import read_text
from ..sources.markdown import code_lines
from ..theme import Theme
from ..xhtml import HEADINGS, VERBATIM, shows_address

# Drawn in the headings' face (fonts.css): headings, and emphasis (黑体 in Chinese text).
SANS = HEADINGS | {"em", "i"}
# Elements that end a paragraph: quotes and brackets must balance inside one.
BLOCKS = frozenset({"p", "li", "blockquote", "pre", "td", "th", "dt", "dd", "figcaption",
                    "caption", "div", "section", "aside", "figure", *HEADINGS})
# Text the theme's stylesheets print: folio digits (its templates' text is read from them).
THEME_TEXT = "0123456789"


@dataclass(frozen=True)
class Passage:
    """A run of text as one font draws it.

    ``role``: the font list that draws it (``serif`` body, ``sans`` headings, ``mono`` code);
    ``lang``: the nearest ``lang`` attribute it sits in that has a region or is English, which
    decides its fonts as fonts.css does (no-convert text keeps its region's; English is set in a
    Latin face; text in another language, ``fr``, in the fonts around it);
    ``prose``: not code, so punctuation and script rules apply; ``converted``: it went through
    the edition's conversion (no-convert text did not); ``mended``: the build mended its
    punctuation as it read it (:func:`~paiban.sources.body.tidy_body`), as it does all text but the
    body's text kept as written (no-convert, or in another language: its marks are its own, even in
    an edition of another script, and even in an article that is no-convert as a whole, whose
    punctuation is mended); ``block``: the paragraph it is part of.
    ``source`` is the file it comes from (``None``: the theme) and ``line`` its line when known.
    """

    text: str
    role: str
    source: Path | None
    block: int
    line: int | None = None
    lang: str | None = None
    prose: bool = True
    converted: bool = True
    mended: bool = True


def edition_name(edition: Edition) -> str:
    """What the report calls an edition: its declared name, else its language tag."""
    return edition.name or edition.language


def shown(source: Path | None, root: Path) -> str | None:
    """A file as the report shows it: relative to the book when inside it (a book given by a
    relative path too, where book.toml was shown as f1/book.toml); the theme's text has none."""
    if source is None:
        return None
    try:
        return source.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(source)


def passages(book: Book, loaded: LoadedConfig, theme: Theme) -> Iterator[Passage]:
    """Every passage of ``book``: metadata, generated labels, the text of ``theme`` (the edition's:
    its templates' text converted as it prints), titles, then each article's body."""
    config_path, language = loaded.path, loaded.config.book.language
    blocks = iter(range(1, 1 << 62))
    meta = book.meta
    for key, value, role in (("title", meta.title, "sans"), ("subtitle", meta.subtitle, "sans"),
                             ("publisher", meta.publisher, "serif"), ("description", meta.description, "serif"),
                             ("rights", meta.rights, "serif"),
                             *(("authors", name, "serif") for name in meta.authors),
                             *(("editors", name, "serif") for name in meta.editors)):
        if value:
            yield from _metadata(value, role, meta, next(blocks), config_path, _metadata_line(loaded, key, value),
                                 language)
    for key, label in book.labels.items():
        yield Passage(label, "sans" if key == "contents" else "serif", None, next(blocks))
    yield Passage(THEME_TEXT, "serif", None, next(blocks), prose=False)
    yield from _theme(theme, blocks)
    # Chapter titles are written in book.toml, or else they are folder names.
    explicit = bool(loaded.config.parts or loaded.config.chapters)
    for part in book.parts:
        if part.title:
            yield Passage(part.title, "sans", config_path, next(blocks))
        for chapter in part.chapters:
            folder = chapter.articles[0].source.parent if chapter.articles else None
            # The chapter of articles loose in the book's folder is named after the book, in book.toml.
            named_in_config = explicit or folder is None or folder.resolve() == book.root
            if chapter.title_markup and not chapter.articles[0].titled:  # its article's, printed in its place
                only = chapter.articles[0]
                yield from _title(chapter.title_markup, only.source, only.convert, blocks, language)
            elif chapter.title_markup:  # the book's, tagged in part with a language
                yield from _title(chapter.title_markup, config_path, True, blocks, language)
            else:
                yield Passage(chapter.title, "sans", config_path if named_in_config else folder, next(blocks))
            for article in chapter.articles:
                if article.title_markup:
                    yield from _title(article.title_markup, article.source, article.convert, blocks, language)
                plain_title = [] if article.title_markup else [article.title]
                for value in filter(None, plain_title + article.header_texts()):
                    yield Passage(value, "sans", article.source, next(blocks), converted=article.convert)
                yield from _body(article.body, article.source, article.convert, blocks, language)


def _title(markup: str, source: Path, converted: bool, blocks: Iterator[int], language: str) -> Iterator[Passage]:
    """A title with no-convert parts (or parts in another language), as its heading prints it: those
    parts unconverted, in their language, but with their punctuation mended (:func:`~paiban.titles.kept_markup`).
    ``source`` writes it; ``converted``: an edition converts the rest (not an article kept as written)."""
    yield from _body(f"<h2>{markup}</h2>", source, converted, blocks, language, mends_kept=True)


def _metadata(value: str, role: str, meta: Metadata, block: int, source: Path, line: int | None,
              language: str) -> Iterator[Passage]:
    """A title, a subtitle or a name of book.toml as its runs: a phrase tagged with a language
    (``[学校の国語]{lang=ja}``) is drawn in that language's fonts, and one of a language other than
    the book's ``language`` is printed as written (:func:`~paiban.edition.language_kept`), its
    script and marks its own."""
    for run, lang in meta.runs(value):
        kept = language_kept(lang, language)
        yield Passage(run, role, source, block, line=line, lang=lang if _sets_fonts(lang) else None,
                      converted=not kept, mended=not kept)


def _sets_fonts(lang: str | None) -> bool:
    """Whether text tagged ``lang`` is set in fonts of its own (fonts.css): its region's Noto CJK,
    or English's Latin face."""
    return bool(lang) and bool(region_of(lang) or is_english(lang))


def _metadata_line(loaded: LoadedConfig, key: str, value: str) -> int | None:
    """The line of book.toml that writes ``value``: an edition's own ``title`` or ``subtitle``
    (printed as written), else ``key`` of [book]. The line is known here, where a search of the
    converted file would miss an edition's value, which is never converted."""
    own = next((index for index, spec in enumerate(loaded.config.editions)
                if getattr(spec, key, None) == value), None)
    return loaded.line_of("editions", own, key) if own is not None else loaded.line_of("book", key)


def _theme(theme: Theme, blocks: Iterator[int]) -> Iterator[Passage]:
    """The text of the theme's templates, at its lines; a template is one paragraph (its quotes and
    brackets may open and close around the values it shows: 〔{{ loop.index }}〕)."""
    block_of: dict[Path, int] = {}
    for text in theme.texts():
        block = block_of.setdefault(text.file, next(blocks))
        role = "mono" if VERBATIM & set(text.elements) else "sans" if SANS & set(text.elements) else "serif"
        yield Passage(text.text, role, text.file, block, line=text.line, prose=text.written and role != "mono",
                      converted=text.written)


def _body(body: str, source: Path, converted: bool, blocks: Iterator[int], language: str,
          mends_kept: bool = False) -> Iterator[Passage]:
    """The passages of an article's ``body``; ``language``: the book's, which decides what text an
    edition keeps as written (:func:`~paiban.edition.kept_as_written`); ``mends_kept``: the build
    mended the punctuation of text kept as written too (a title's)."""
    root = html.fragment_fromstring(body or "", create_parent="div")
    block_of: dict = {root: next(blocks)}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element is not root:
            parent = element.getparent()
            block_of[element] = next(blocks) if element.tag in BLOCKS else block_of[parent]
        if element.text:
            yield _passage(element.text, element, source, converted, block_of[element], language, mends_kept)
        for child in element:
            if child.tail:
                yield _passage(child.tail, element, source, converted, block_of[element], language, mends_kept)


def _passage(text: str, element, source: Path, converted: bool, block: int, language: str,
             mends_kept: bool) -> Passage:
    """Text inside ``element``: its font role, language, conversion and mending come from its
    ancestors (no-convert text, and text in another language than the book's ``language``, is not
    converted; unless ``mends_kept``, its punctuation, as the build read it, is as written too: a
    language tag of any Chinese keeps it mended, as :func:`~paiban.sources.body.tidy_body` has it).
    A link showing its address is no prose, as code is not: the build keeps it as written."""
    role, lang, prose, mended = "serif", None, True, True
    for node in (element, *element.iterancestors()):
        if node.tag in VERBATIM:
            role, prose = "mono", False
        elif shows_address(node):
            prose, converted = False, False
        elif node.tag in SANS and role == "serif":
            role = "sans"
        if lang is None and _sets_fonts(tag := node.get("lang")):
            lang = tag
        if kept_as_written(node, language):
            converted = False
        if not mends_kept and punctuation_kept(node):
            mended = False
    return Passage(text, role, source, block, lang=lang, prose=prose, converted=converted, mended=mended)


def in_urls(text: str) -> set[int]:
    """The offsets of the URLs written in ``text``, which the build keeps as written, neither
    converted nor mended (:func:`~paiban.punctuation.outside_urls`: /搜索?q=头发&page=2 holds a
    Simplified 头 and a half-width ? in every edition). A URL holds no space: the prose around
    them, as spaces, leaves them apart."""
    spaced = outside_urls(text, lambda prose: " " * len(prose))
    return {offset for offset, char in enumerate(spaced) if char != " "}


@dataclass(frozen=True)
class Place:
    """Where a finding is in its source: a line; in a Word document, which has none, a paragraph
    (counted as Word holds them, the title first); and, with no line to go to, an excerpt of the
    text around it, to search for."""

    line: int | None = None
    paragraph: int | None = None
    excerpt: str | None = None


def once_per_line(places, locator: Locator):
    """``(passage, offset, extra)`` places as ``(passage, char, place, extra)``, each character
    reported once per source line or paragraph (a line repeating a problem is one finding)."""
    seen = set()
    for passage, offset, extra in places:
        char, place = passage.text[offset], locator.place(passage, offset)
        if (char, passage.source, place.line, place.paragraph) not in seen:
            seen.add((char, passage.source, place.line, place.paragraph))
            yield passage, char, place, extra


class Locator:
    """Finds the source line of a place in an edition's text; each file is read and transformed once."""

    def __init__(self, edition: Edition, pictures: Shelf = NO_SHELF) -> None:
        self.edition = edition
        self.pictures = pictures  # where each Word document's pictures were found, by its content
        self._lines: dict[tuple[Path, bool | None], list[str]] = {}  # None: as written
        self._alignments: dict[tuple[Path, bool, int], list[tuple[int, int, int, int]] | None] = {}
        self._pictures: dict[Path, dict[str, list[int | None]]] = {}
        self._code_lines: dict[Path, frozenset[int]] = {}

    def place(self, passage: Passage, offset: int, past: int = 0) -> Place:
        """Where the character at ``offset`` of ``passage`` is in ``passage.source``, on a line
        (paragraph) past line ``past``."""
        if passage.line or passage.source is None or not passage.source.is_file():
            return Place(line=passage.line)
        found = self._search(passage, offset, past)
        if found and passage.source.suffix.lower() not in BINARY_SUFFIXES:
            return Place(line=found[0])
        return Place(paragraph=found[0] if found else None, excerpt=self._excerpt(passage, offset, found))

    def written(self, passage: Passage, offset: int) -> str | None:
        """The character of the source that the character at ``offset`` of ``passage`` is printed
        for (the conversion's 𠮶 is the source's 嗰), when a line of the source has it."""
        if passage.source is None or not passage.source.is_file() or not (found := self._search(passage, offset)):
            return None
        line, at = self._source_at(passage, found)
        return line[at] if at < len(line) else None

    def places_in_order(self, passages: Iterable[Passage]) -> list[Place]:
        """Where the first character of each of ``passages`` is: passages of one source, in the order
        it holds them (an article's tables), each looked for on the lines after the line of the one
        before it, else on that line (a page saved on one line holds them all), so that two that
        begin alike are each found at its own line."""
        places, past = [], 0
        for passage in passages:
            place = self.place(passage, 0, past)
            if past and not (place.line or place.paragraph):
                place = self.place(passage, 0, past - 1)
            places.append(place)
            past = place.line or place.paragraph or past
        return places

    def _search(self, passage: Passage, offset: int, past: int = 0) -> tuple[int, int] | None:
        """The line (paragraph) of the source past line ``past`` holding the character, and its index
        there: the longest stretch of text around it, on its own line, that the transformed source
        has; prose on no line of a code block, which the build prints as written and no check reads.
        (A stretch across a line break of a poem, which no line holds, was never found: the
        character's line was the first line of the file with its one neighbour, a code block's.)"""
        lines = self._transformed(passage.source, passage.converted)
        code = self._code(passage.source) if passage.prose else frozenset()
        text, char = passage.text, passage.text[offset]
        start, end = text.rfind("\n", 0, offset) + 1, text.find("\n", offset + 1)
        end = len(text) if end < 0 else end
        for width in (12, 6, 3, 1, 0):
            before, after = text[max(start, offset - width):offset], text[offset + 1:min(end, offset + 1 + width)]
            for needle, at in ((before + char + after, len(before)), (before + char, len(before)), (char + after, 0)):
                if found := _search(lines, needle, past, code):
                    return found[0], found[1] + at
        return None

    def _code(self, source: Path) -> frozenset[int]:
        """The lines of ``source`` (counted from 1) in its code blocks, when it is Markdown."""
        if source not in self._code_lines:
            self._code_lines[source] = (frozenset(number + 1 for number in code_lines("\n".join(self._written(source))))
                                        if READERS.get(source.suffix.lower()) == "markdown" else frozenset())
        return self._code_lines[source]

    def _excerpt(self, passage: Passage, offset: int, found: tuple[int, int] | None) -> str:
        """The text around the character as the source has it, which is what an editor searches
        for and the same in every edition; as the edition prints it only when no line has it."""
        if found:
            return _around(*self._source_at(passage, found))
        return _around(passage.text, offset)

    def _source_at(self, passage: Passage, found: tuple[int, int]) -> tuple[str, int]:
        """The line of ``passage``'s source that :meth:`_search` ``found`` a character on, as written,
        and where in it that character came from: the search is of the transformed line."""
        number, index = found
        line = self._written(passage.source)[number - 1]
        return line, _index_in(self._alignment(passage.source, passage.converted, number), index, len(line))

    def _alignment(self, source: Path, converted: bool, number: int) -> list[tuple[int, int, int, int]] | None:
        """How line ``number`` of ``source``, transformed, lines up with it as written (:func:`_align`),
        worked out once a line: a paragraph of a Word document may hold many findings, and aligning
        one of thousands of characters takes difflib a good part of a second."""
        key = (source, converted, number)
        if key not in self._alignments:
            self._alignments[key] = _align(self._written(source)[number - 1],
                                           self._transformed(source, converted)[number - 1])
        return self._alignments[key]

    def picture(self, source: Path, src: str, seen: int) -> Place:
        """Where the picture ``src`` is in ``source``, ``seen`` pictures of that file having come
        before it in the article: the first line naming it; in a Word document, which names none,
        the paragraph holding it, by its content, which its name in the book is made of
        (:func:`~paiban.sources.embedded.content_name`). A document is parsed for that once per
        content (half a second, at every build that warns of its pictures): then ``pictures`` keeps it."""
        if source.suffix.lower() not in BINARY_SUFFIXES:
            return Place(line=self.find(source, Path(src).name))
        if source not in self._pictures:
            self._pictures[source] = (self.pictures.memo((hash_file(source),), lambda: _picture_paragraphs(source))
                                      if source.is_file() else {})
        paragraphs = self._pictures[source].get(Path(src).stem, [])
        return Place(paragraph=paragraphs[seen] if seen < len(paragraphs) else None)

    def find(self, source: Path, needle: str) -> int | None:
        """The first line of ``source`` (as written) that contains ``needle``."""
        found = _search(self._written(source), needle) if source.is_file() else None
        return found[0] if found else None

    def _written(self, source: Path) -> list[str]:
        """The lines of ``source`` as the build read them, in the encoding it detected (GB18030,
        Big5, UTF-16 …); a Word document's paragraphs."""
        key = (source, None)
        if key not in self._lines:
            self._lines[key] = (_paragraphs(source) if source.suffix.lower() in BINARY_SUFFIXES
                                else read_text(source).text.splitlines())
        return self._lines[key]

    def _transformed(self, source: Path, converted: bool) -> list[str]:
        key = (source, converted)
        if key not in self._lines:
            lines = self._written(source)
            edition = self.edition
            convert = converter(*edition.conversion) if edition.conversion and converted else None
            # No-convert text keeps its script, its quotes and its marks as written.
            self._lines[key] = [typeset_text(convert(normalise(line)) if convert else normalise(line), edition)
                                if converted else normalise(line) for line in lines]
        return self._lines[key]


def _search(lines: list[str], needle: str, past: int = 0, skipped: Collection[int] = ()) -> tuple[int, int] | None:
    """The first line past line ``past`` that contains ``needle`` (counted from 1), and where in it;
    none of the lines ``skipped``."""
    return next(((number, line.index(needle)) for number, line in itertools.islice(enumerate(lines, 1), past, None)
                 if needle in line and number not in skipped), None)


EXCERPT = 12  # characters each side of the place


def _align(written: str, transformed: str) -> list[tuple[int, int, int, int]] | None:
    """The stretches of ``transformed`` and of ``written``, the line it was made from, that match
    or replace each other (start, end in each), in order; ``None`` when both are as long, as when
    only marks changed: normalising may have changed the line's length (``...`` is ``……``)."""
    if len(written) == len(transformed):
        return None
    return [opcode[1:] for opcode in SequenceMatcher(None, transformed, written, autojunk=False).get_opcodes()]


def _index_in(alignment: list[tuple[int, int, int, int]] | None, index: int, length: int) -> int:
    """Where the character at ``index`` of a transformed line came from in the line as written,
    ``length`` characters long, by their :func:`_align`."""
    if alignment is None:
        return index
    at = bisect.bisect_right(alignment, index, key=lambda stretch: stretch[0]) - 1  # the last starting at or before it
    if at >= 0 and index < alignment[at][1]:
        start, _end, written_start, written_end = alignment[at]
        return written_start + min(index - start, max(written_end - written_start - 1, 0))
    return min(index, length)


def _around(text: str, index: int) -> str:
    """A short excerpt of ``text`` around ``index``, on one line, … where it was cut."""
    start, end = max(0, index - EXCERPT), index + EXCERPT + 1
    excerpt = " ".join(text[start:end].split())
    return f"{'…' if start else ''}{excerpt}{'…' if end < len(text) else ''}"


def _paragraphs(source: Path) -> list[str]:
    """The text of each paragraph of a Word document (mammoth ends each with a blank line)."""
    import mammoth  # loaded only for Word files

    with source.open("rb") as stream:
        return mammoth.extract_raw_text(stream).value.split("\n\n")


def _picture_paragraphs(source: Path) -> dict[str, list[int | None]]:
    """The paragraphs of a Word document (numbered as :func:`_paragraphs` has them: each as it
    ends, a text box's before the one holding it) that hold each picture, by the name of its
    content (:func:`~paiban.sources.embedded.content_name`), in the order the pictures come."""
    import mammoth.docx  # loaded only for Word files
    from mammoth import documents

    numbers: dict[int, int] = {}  # a paragraph's id: its number
    pictures: list[tuple[str, object]] = []  # each picture's content name, and its paragraph

    def visit(element, paragraph) -> None:
        if isinstance(element, documents.Image):
            with element.open() as stream:
                pictures.append((content_name(stream.read()), paragraph))
        holder = element if isinstance(element, documents.Paragraph) else paragraph
        for child in getattr(element, "children", []):
            visit(child, holder)
        if holder is element:
            numbers[id(element)] = len(numbers) + 1

    with source.open("rb") as stream:
        visit(mammoth.docx.read(stream).value, None)
    found: dict[str, list[int | None]] = {}
    for name, paragraph in pictures:
        found.setdefault(name, []).append(numbers.get(id(paragraph)))
    return found
