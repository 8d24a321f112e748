"""Stage 1: load ``book.toml`` and validate it against a declared schema before any work starts.

The schema is declared once (:mod:`paiban.schema` tables, MkDocs-style): each option knows its
type, default and validation, so an error can name the key, the line and the fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterator
from typing import Annotated, Any, Literal, get_args

import msgspec
from msgspec import Meta, field

from . import patterns
from . import dates
from .chars import quoted, xml_safe
from .errors import PaibanError, unreadable
from .retold import held
from .schema import (Complaint, Invalid, Read, Table, as_written, breaks_line, complaint, entries_of, field_at,
                     in_words, keys, ordinal, table_of, value_at)

CONFIG_NAME = "book.toml"

Language = Literal["zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK"]


def _a_day_month_or_year(value: Any) -> str:
    """The forms an EPUB's ``dc:date`` takes (W3C dates): a day, a month or a year, in the ISO
    form the OPF and the copyright page want. TOML has a native date type, and a bare year
    (date = 2024) is a TOML integer. A blank one is kept blank: an edition's ``date = ""``
    removes [book]'s."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    elif not isinstance(value, str):
        raise Invalid(f"expected a date, got {as_written(value)}", kind="text")
    if not value:
        return ""
    if (checked := dates.w3c(value)) is None:
        raise Invalid(f"{quoted(value)} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY "
                         "(e.g. date = 2024-03-15), or 2024年3月15日 (民國113年3月15日)")
    return checked


Date = Annotated[Any, Read(then=_a_day_month_or_year)]
# A value of [book] stripped: an edition's own (its publisher, rights, 版次, CIP) "" removes [book]'s.
Text = Annotated[str, Read()]
# One that metadata carries as it is (dc:publisher, dc:identifier, the collection): a line break in
# it (TOML's \n, a form's text pasted) is a mistake, written raw into the OPF and the PDF.
Line = Annotated[str, Read(one_line="it is one line of text")]


def _names(value: list[str] | str) -> list[str]:
    """Names stripped, a name given alone as a list of one, a blank one dropped (an empty
    ``dc:creator`` makes an invalid EPUB). A name is one line: 张\\n三 was written raw into
    ``dc:creator`` and the PDF's Author, and a store that makes the break a space lists 张 三."""
    names = [stripped for name in ([value] if isinstance(value, str) else value) if (stripped := name.strip())]
    if any(breaks_line(name) for name in names):
        raise Invalid("each entry is one line of text")
    if repeated := _repeated(names):
        raise Invalid(f"{quoted(repeated)} is listed twice")
    return names


def _repeated(values: list[str]) -> str | None:
    """The first value given twice in ``values``: a name or a subject written twice was written
    twice into the OPF, the PDF and the title page (甲　甲　著)."""
    return next((value for index, value in enumerate(values) if value in values[:index]), None)


Names = Annotated[list[str] | str, Read(then=_names)]
# A title shown to readers: stripped, and never blank (a contents entry of nothing).
Title = Annotated[str, Read(blank=False)]
# A running head's title: a title on one line (a margin box that wraps grows down into the text).
RunningTitle = Annotated[str, Read(blank=False, one_line="a running head is one line")]


class BookMeta(Table):
    """The ``[book]`` table: what the reader sees on the title page and in the e-reader's library.

    Values are stripped: a blank title is an error, a blank name is dropped.
    """

    title: Title  # a line break in it breaks the title page's line (see model.one_line)
    subtitle: Text | None = None
    # Letters of any script, as the default, the directory's name, may have them (城市笔记).
    slug: Annotated[str, Meta(pattern=r"^[^\W_][\w.-]*$")] | None = None
    authors: Names = field(default_factory=list)
    editors: Names = field(default_factory=list)
    language: Language = "zh-Hans"
    identifier: Line | None = None
    publisher: Line | None = None
    date: Date = None
    description: Text | None = None
    rights: Text | None = None
    cover: Line | None = None
    edition: Text | None = None  # 版次 on the copyright page, e.g. "2026年11月第1版"
    cip: Text | None = None  # the CIP data block, printed as given on the copyright page
    preface: Text | None = None  # an article file printed in the front matter, before the contents
    chapter_numbers: bool = field(default=False, name="chapter-numbers")  # 第一章, 第二章 …
    translators: Names = field(default_factory=list)
    subjects: Names = field(default_factory=list)
    series: Line | None = None
    series_index: Annotated[float, Meta(ge=0, le=9999)] | None = field(default=None, name="series-index")

    def check(self) -> None:
        if self.series == "":
            raise Invalid("blank", kind="blank", key="series")
        if self.series_index is not None and not self.series:
            raise Invalid("it is the book's place in a series: give `series` too", key="series-index")


# A language tag as BCP 47 writes one (zh-Hant-TW, en-GB, x-private).
LANGUAGE_TAG = patterns.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


def is_chinese(tag: str) -> bool:
    """Whether the language tag ``tag`` is Chinese's, of any script or region (zh, zh-Hant-TW, ZH-cn)."""
    return tag.split("-")[0].lower() == "zh"


def _chapter_language(tag: str) -> str:
    """A chapter's ``language``: the tag of the language other than Chinese its articles are written
    in (ja, en-GB). Chinese is no chapter's to give: the book's language is its articles', and an
    article kept in its script (``no-convert``) is tagged with the script it is written in."""
    if not LANGUAGE_TAG.fullmatch(tag) or not 2 <= len(tag.split("-")[0]) <= 3:  # (a language's own subtag: ja, yue)
        raise Invalid(f"{quoted(tag)} is not a language tag: write it as HTML's lang does, ja for Japanese, "
                      "en for English, ko for Korean")
    if is_chinese(tag):
        raise Invalid(f"{quoted(tag)} is Chinese, which a chapter is written in unless it says otherwise: remove "
                      "`language`; to keep the chapter in its script, write no-convert = true (it is then tagged "
                      "with the script most of it is written in)")
    return tag


class ChapterSpec(Table):
    """A chapter listed explicitly: its title and its article files or glob patterns, and the
    publisher's short title for its running heads (书眉) when the title is long."""

    title: Title
    articles: Annotated[list[str], Meta(min_length=1)]
    running_title: RunningTitle | None = field(default=None, name="running-title")
    # With chapter-numbers: false leaves it unnumbered (a bibliography, an appendix), true numbers
    # one whose title is left unnumbered by default (titles.numbered_by_default); none: by its title.
    numbered: bool | None = None
    # Its articles stay in their script in every edition: what no-convert: true in front matter
    # does for a Markdown article, for any format (a .docx or a .txt has no way to say it).
    no_convert: bool = field(default=False, name="no-convert")
    # The language other than Chinese its articles are written in (language = "ja"): they are tagged
    # so, and kept as written in every edition, as text tagged with another language is.
    language: Annotated[str, Read(blank=False, then=_chapter_language)] | None = None


class PartSpec(Table):
    """A part: a title over several chapters."""

    title: Title
    chapters: Annotated[list[ChapterSpec], Meta(min_length=1)]


OpenCCConfig = Literal["s2t", "s2tw", "s2twp", "s2hk", "t2s", "tw2s", "tw2sp", "hk2s",
                       "t2tw", "t2hk", "tw2t", "hk2t"]


# The language tag of each config's output.
TARGET_LANGUAGE = {
    "s2t": "zh-Hant",
    "s2tw": "zh-Hant-TW",
    "s2twp": "zh-Hant-TW",
    "s2hk": "zh-Hant-HK",
    "t2s": "zh-Hans",
    "tw2s": "zh-Hans",
    "tw2sp": "zh-Hans",
    "hk2s": "zh-Hans",
    "t2tw": "zh-Hant-TW",
    "t2hk": "zh-Hant-HK",
    "tw2t": "zh-Hant",
    "hk2t": "zh-Hant",
}


def script_of(language: str) -> str:
    """The script a language tag names: zh-Hans is Simplified, every zh-Hant* Traditional."""
    return "Hans" if language == "zh-Hans" else "Hant"


def language_region(language: str) -> str | None:
    """The region subtag of a language tag (TW of zh-Hant-TW), if it has one."""
    return language.split("-")[2] if language.count("-") == 2 else None


def source_script(convert: str) -> str:
    """The script an OpenCC config reads, as its name says: s2… Simplified, t2…, tw2…, hk2… Traditional."""
    return "Hans" if convert.startswith("s2") else "Hant"


def wrong_direction(convert: str, language: str) -> tuple[str, str] | None:
    """What is wrong, and the fix, when ``convert`` reads the other script than a book in ``language``
    is written in (converting it would do nothing useful); ``None`` when it fits."""
    script = script_of(language)
    if source_script(convert) == script:
        return None
    fitting = [name for name in get_args(OpenCCConfig) if source_script(name) == script]
    return (f"{quoted(convert)} converts from {source_script(convert)} script, but the book is written in {language}",
            f"Pick a config that starts from the book's script ({', '.join(fitting)}), or fix `language` in [book].")


def wrong_language(convert: str, language: str) -> tuple[str, str] | None:
    """What is wrong, and the fix, when an edition's ``language`` cannot tag the text ``convert``
    writes: another script, or another region (Hong Kong's 户, 着 tagged Taiwan's, and drawn with
    Taiwan's fonts); ``None`` when it can. A tag without a region (zh-Hant) fits any region's text,
    and s2t's region-less text fits any region's tag."""
    written = TARGET_LANGUAGE[convert]
    if _tags(written, language):
        return None
    return (f"language {language} does not match conversion {convert}, which writes {written}",
            "Remove the edition's `language`, or set it to the script and region its `convert` makes "
            f"(it reads {source_script(convert)}), or pick the conversion for that region.")


def wrong_unconverted(language: str, book_language: str) -> tuple[str, str] | None:
    """What is wrong, and the fix, when an edition that converts nothing, and so prints the text
    in the book's ``book_language``, is given a ``language`` of another script or region: its
    Simplified text was tagged zh-Hant-TW, set in Taiwan's fonts under a 目錄, and built without a
    word. ``None`` when the tag fits the text (zh-Hant-TW of a zh-Hant book names its region)."""
    if _tags(book_language, language):
        return None
    region = (language_region(book_language) or "").lower()
    fitting = [name for name, target in TARGET_LANGUAGE.items()  # tw2s reads Taiwan's text, hk2s Hong Kong's
               if target == language and source_script(name) == script_of(book_language)
               and name.split("2")[0] in ("s", "t", region)]
    add = f"Add the `convert` that writes it ({', '.join(fitting)})" if fitting else "Add a `convert`"
    return (f"language {language} is not the book's {book_language}, and the edition converts nothing: its "
            f"{book_language} text would be tagged {language}",
            f"{add}, or remove the edition's `language`.")


def _tags(written: str, language: str) -> bool:
    """Whether ``language`` can tag text written in ``written``: the same script, and the same
    region if both name one (a tag without one fits any region's text)."""
    region, tagged_region = language_region(written), language_region(language)
    return script_of(written) == script_of(language) and not (region and tagged_region and region != tagged_region)


QuoteStyle = Literal["curly", "corner"]


# A phrase's key may not be empty: it would match between every two characters of the text.
Phrases = dict[Annotated[str, Meta(min_length=1)], str]
# A list of one or more values.
Some = Annotated[list[str], Meta(min_length=1)]


class FontsSpec(Table):
    """Font families, most wanted first (fontconfig names, as ``fc-list`` prints them)."""

    serif: Some | None = None
    sans: Some | None = None
    mono: Some | None = None


class TextSpec(Table):
    """The ``[text]`` table: how the text itself is normalised.

    ``spacing`` between Chinese and Latin letters or digits: ``keep`` as written, ``add`` a
    space where there is none, ``remove`` the spaces.
    """

    spacing: Literal["keep", "add", "remove"] = "keep"


LENGTH_PATTERN = r"^\s*\d+(\.\d+)?\s*(mm|cm|pt|in)\s*$"
Length = Annotated[str, Meta(pattern=LENGTH_PATTERN)]


class MarginsSpec(Table):
    """Page margins of the text block; ``inner`` is the gutter (binding side)."""

    top: Length | None = None
    bottom: Length | None = None
    inner: Length | None = None
    outer: Length | None = None


class PdfSpec(Table):
    """The ``[pdf]`` table: trim size, margins, type size, and what a printing house needs."""

    size: str = "A5"
    margins: MarginsSpec = field(default_factory=MarginsSpec)
    font_size: Length = field(default="10.5pt", name="font-size")
    leading: Annotated[float, Meta(ge=1.0, le=3.0)] = 1.75
    bleed: Length | None = None
    marks: bool = False
    variant: Literal["pdf/a-2b", "pdf/a-3b", "pdf/ua-1", "pdf/x-4"] | None = None
    output_profile: str | None = field(default=None, name="output-profile")  # the press's CMYK ICC (PDF/X)
    colour: Literal["full", "black"] = "full"  # black: every colour in black ink alone (a one-colour book)


class ContentsSpec(Table):
    """The ``[contents]`` table: how deep the contents page, the EPUB nav and the PDF bookmarks go.

    ``sections``: how many levels of each article's own headings they list below its title:
    0 none (chapters and articles alone), 1 its ``##`` sections, 2 its ``###`` ones too (a
    textbook's 1.1.1 and 1.1.1.1). Strict: ``true`` is no number of levels.
    ``authors``: whether an article's entry names its author where that is not the book's own (an
    anthology's, a magazine's contents do).
    """

    sections: Annotated[int, Meta(ge=0, le=2)] = 0
    authors: bool = True


class EpubSpec(Table):
    """The ``[epub]`` table: how the e-book reads."""

    vertical: bool = False  # 竖排: vertical-rl, pages turn right to left
    embed_fonts: bool = field(default=False, name="embed-fonts")  # subsets of the edition's fonts


# schema.org's accessibilityHazard values (the Schema.org Accessibility Properties for
# Discoverability Vocabulary): each hazard, its absence, or that it is not known.
Hazard = Literal["flashing", "noFlashingHazard", "unknownFlashingHazard", "motionSimulation",
                 "noMotionSimulationHazard", "unknownMotionSimulationHazard", "sound", "noSoundHazard",
                 "unknownSoundHazard", "none", "unknown"]
OneLine = Annotated[str, Read(blank=False, one_line="it is one line of text")]
# Each hazard and its forms: it is there, it is not, it is not known (one of them is true).
_HAZARD_FORMS = {kind: (kind, f"no{kind[0].upper()}{kind[1:]}Hazard", f"unknown{kind[0].upper()}{kind[1:]}Hazard")
                 for kind in ("flashing", "motionSimulation", "sound")}


class AccessibilitySpec(Table):
    """The ``[accessibility]`` table: what the publisher declares of the EPUB's accessibility,
    which paiban cannot know (a conformance claim, who certified it, the hazards its content
    holds) or says in its own words (the summary). Each replaces paiban's own."""

    # "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
    conforms_to: OneLine | None = field(default=None, name="conforms-to")
    certified_by: OneLine | None = field(default=None, name="certified-by")
    summary: OneLine | None = None
    hazards: Annotated[list[Hazard], Meta(min_length=1)] | None = None

    def check(self) -> None:
        if self.hazards and len(self.hazards) > 1 and {"none", "unknown"} & set(self.hazards):
            raise Invalid('"none" and "unknown" stand alone: list either, or the hazards themselves', key="hazards")
        for kind, forms in _HAZARD_FORMS.items():
            if len(given := [hazard for hazard in self.hazards or () if hazard in forms]) > 1:
                raise Invalid(f"{quoted(given[0])} is listed twice" if len(set(given)) == 1 else
                              f"{' and '.join(map(quoted, given))} contradict each other: list one form of {kind}",
                              key="hazards")
        if self.certified_by and not self.conforms_to:
            raise Invalid("certified-by names who certified a conformance claim: give conforms-to too",
                          key="certified-by")


# An edition's name, which output file names carry (<slug>.<name>.epub): no dot in it.
EDITION_NAME = r"[A-Za-z0-9][A-Za-z0-9_-]*"


class EditionSpec(Table):
    """One ``[[editions]]`` entry: a script, a quote style, and whatever else differs."""

    name: Annotated[str, Meta(pattern=rf"^{EDITION_NAME}$")]
    convert: OpenCCConfig | None = None
    quotes: QuoteStyle | None = None
    title: Title | None = None
    subtitle: str | None = None
    language: Language | None = None
    phrases: Phrases = field(default_factory=dict)
    fonts: FontsSpec | None = None
    vertical: bool | None = None  # overrides [epub] vertical for this edition
    identifier: Line | None = None  # this edition's ISBN
    # Its own copyright page (a licensee's edition): each overrides [book]'s, "" removes it.
    publisher: Line | None = None
    rights: Text | None = None
    edition: Text | None = None
    cip: Text | None = None
    date: Date = None


# The keys of [book] an edition may give its own value (EditionSpec), printed as it gives them.
EDITION_METADATA = ("publisher", "rights", "edition", "cip", "date")
# The label before an ISBN as people write it: ISBN 978…, isbn:978…, urn:isbn:978… (any case), and
# as CIP data and publishers' records have it, ISBN-13: 978… and ISBN：978… (the full-width colon
# Chinese editors type): read as 978… alone, they were taken for an ISBN of the wrong length.
ISBN_LABEL = r"(?:urn:)?isbn(?:-?1[03])?[:：\s]*"
# An ISBN as people write it: 978-7-…, or after its label.
_ISBN = patterns.compile(rf"(?i)^(?:{ISBN_LABEL})?([0-9][0-9\- ]{{8,16}}[0-9X])$")


def written_identifier(given: str) -> str:
    """An identifier as the OPF writes it: ``urn:isbn:…`` for an ISBN (10 or 13 digits), else as given."""
    match = _ISBN.match(given.strip())
    compact = re.sub(r"[- ]", "", match[1]).upper() if match else ""
    return f"urn:isbn:{compact}" if len(compact) in (10, 13) else given


def source_edition(config: BookConfig) -> EditionSpec | None:
    """The declared edition that carries [book]'s identifier: the first that neither converts nor
    changes the language (``None``: every edition does, or the book declares none)."""
    book = config.book
    return next((spec for spec in config.editions if not spec.convert and spec.language in (None, book.language)),
                None)


class BookConfig(Table):
    """The whole of ``book.toml``. Without ``parts`` or ``chapters`` the structure is by convention."""

    book: BookMeta
    parts: list[PartSpec] = field(default_factory=list)
    chapters: list[ChapterSpec] = field(default_factory=list)
    editions: list[EditionSpec] = field(default_factory=list)
    phrases: Phrases = field(default_factory=dict)
    fonts: FontsSpec = field(default_factory=FontsSpec)
    text: TextSpec = field(default_factory=TextSpec)
    pdf: PdfSpec = field(default_factory=PdfSpec)
    epub: EpubSpec = field(default_factory=EpubSpec)
    contents: ContentsSpec = field(default_factory=ContentsSpec)
    accessibility: AccessibilitySpec = field(default_factory=AccessibilitySpec)

    def check(self) -> None:
        if self.parts and self.chapters:
            raise Invalid("use either [[parts]] or [[chapters]], not both")


@dataclass(frozen=True)
class LoadedConfig:
    """A validated config and where it came from (the book directory and the file's text)."""

    config: BookConfig
    book_dir: Path
    path: Path
    text: str

    def line_of(self, *loc: str | int) -> int | None:
        """The line of ``book.toml`` where the value at ``loc`` is written, if it can be found."""
        return line_of(self.text, loc)

    def written(self, *loc: str) -> bool:
        """Whether ``book.toml`` gives the value at ``loc`` itself (else it is the default)."""
        return value_at(tomllib.loads(self.text), loc) is not None


def load_config(book_dir: Path) -> LoadedConfig:
    """Read and validate ``BOOK_DIR/book.toml``; raise :class:`PaibanError` naming key and line."""
    path = book_dir / CONFIG_NAME
    if not book_dir.is_dir():
        raise PaibanError(f"there is no directory {book_dir}", file=book_dir,
                          hint="Check the path, or create a book there with `paiban new DIR`.")
    if not path.is_file():
        above = book_above(book_dir)
        raise PaibanError(
            f"no {CONFIG_NAME} in {book_dir}",
            file=book_dir,
            hint=f"It is a folder of the book in {above}: give that folder ({os.path.relpath(above)}), or run "
                 "paiban there." if above else
            "Run paiban inside a book directory, pass its path, or create one with `paiban new DIR`.",
        )
    text, data = read_toml(path, BookConfig)
    data = _xml_safe_values(data, path)
    try:
        config = msgspec.convert(data, BookConfig)
    except msgspec.ValidationError as error:
        raise _config_error(complaint(error, data, BookConfig), path, text) from None
    loaded = LoadedConfig(config=config, book_dir=book_dir, path=path, text=text)
    _check_edition_names(loaded)
    _check_directions(loaded)
    _check_books_identifier_used(loaded)
    _check_identifiers(loaded)
    return loaded


def book_above(folder: Path) -> Path | None:
    """The nearest folder above ``folder`` that holds a book.toml: the book whose chapter folder (or
    other folder) an editor ran paiban in, or named."""
    return next((parent for parent in folder.resolve().parents if (parent / CONFIG_NAME).is_file()), None)


def _check_edition_names(loaded: LoadedConfig) -> None:
    """Each edition's name is its own, in any case, said at the line of the second: it names the
    edition's outputs (<slug>.<name>.epub), and cn and CN are one file on macOS and Windows, where one
    edition's overwrote the other's."""
    first_of: dict[str, tuple[int, str]] = {}
    for index, spec in enumerate(loaded.config.editions):
        first, name = first_of.setdefault(spec.name.casefold(), (index, spec.name))
        if first == index:
            continue
        same = (f"the name of the {ordinal(first)}, {quoted(name)}" if name == spec.name else
                f"the name {quoted(spec.name)}, which is the {ordinal(first)}'s {quoted(name)} in another case "
                "(one file name where case is not told apart: macOS, Windows)")
        raise PaibanError(f"the {ordinal(index)} [[editions]] has {same}", file=loaded.path,
                          line=loaded.line_of("editions", index, "name"),
                          hint="Give each edition a name of its own: it names the edition's output files "
                               "(<slug>.<name>.epub).")


def _check_identifiers(loaded: LoadedConfig) -> None:
    """No two editions carry one identifier, said at the line of the second: a store takes an ISBN
    for one edition (it refuses the second upload, or puts it in the first's place), and a reading
    app takes EPUBs with one identifier for one book, their notes merged."""
    first_of: dict[str, str] = {}
    for value, loc, whose in _identifiers_carried(loaded.config):
        first = first_of.setdefault(_compared(value), whose)
        if first != whose:
            raise PaibanError(f"{whose} has the identifier {quoted(value)}, which {first} has too", file=loaded.path,
                              line=loaded.line_of(*loc),
                              hint="Give each edition its own ISBN (or URN): stores and reading apps take one "
                                   "identifier for one edition.")


def _check_books_identifier_used(loaded: LoadedConfig) -> None:
    """[book]'s identifier is the source edition's: refused at its line when no edition carries it, as
    every edition converts (or changes the language), or the source edition gives its own. The one
    edition of a house that publishes only the Traditional text of Simplified sources went out under
    a UUID, its ISBN printed nowhere, without a word."""
    config = loaded.config
    if not config.book.identifier or not config.editions:
        return
    source = source_edition(config)
    if source is None:
        why = "it is the source edition's (the first that neither converts nor changes the language), and every " \
              "edition converts the text or changes the language"
        hint = "Move it to the [[editions]] entry of the edition whose ISBN it is."
    elif source.identifier and _compared(source.identifier) == _compared(config.book.identifier):
        return  # said twice, the same (978-7-… and 9787…): it is used
    elif source.identifier:
        why = f"it is the source edition's, {quoted(source.name)}, which gives its own"
        hint = f"Remove one of the two: the {quoted(source.name)} edition carries [book]'s unless it gives its own."
    else:
        return
    raise PaibanError(f"`identifier` in [book] is never used: {why}", file=loaded.path,
                      line=loaded.line_of("book", "identifier"), hint=hint)


def _compared(identifier: str) -> str:
    """An identifier as two are told the same by: an ISBN-10 as the ISBN-13 it is (7-5086-0001-2 is
    978-7-5086-0001-7), whatever its hyphens, prefix and case."""
    from stdnum import isbn  # only for a book with an identifier

    written = written_identifier(identifier)
    number = written.removeprefix("urn:isbn:")
    if number != written and isbn.is_valid(number):
        return f"urn:isbn:{isbn.to_isbn13(number).replace('-', '')}"
    return written.casefold()


def _identifiers_carried(config: BookConfig) -> list[tuple[str, tuple[str | int, ...], str]]:
    """The identifier each edition carries (the value, where it is written, the edition in words):
    the source edition [book]'s unless it gives its own, every other edition its own if it gives one."""
    source = source_edition(config)
    carried = [(spec.identifier, ("editions", index, "identifier"),
                f"the {ordinal(index)} [[editions]] ({quoted(spec.name)})")
               for index, spec in enumerate(config.editions) if spec.identifier]
    if config.book.identifier and source is not None and not source.identifier:
        carried.insert(0, (config.book.identifier, ("book", "identifier"),
                           f"the {quoted(source.name)} edition (from [book])"))
    return carried


def _check_directions(loaded: LoadedConfig) -> None:
    """Each edition's ``convert`` must read the script the book is written in, and its ``language``
    must fit the text ``convert`` writes: said at its line, as any other mistake in book.toml is (the
    schema alone cannot tell, as they depend on [book] and on each other)."""
    for index, spec in enumerate(loaded.config.editions):
        if spec.convert and (wrong := wrong_direction(spec.convert, loaded.config.book.language)):
            raise PaibanError(f"`convert` in the {ordinal(index)} [[editions]]: {wrong[0]}", file=loaded.path,
                              line=loaded.line_of("editions", index, "convert"), hint=wrong[1])
        if spec.convert and spec.language and (wrong := wrong_language(spec.convert, spec.language)):
            raise PaibanError(wrong[0], file=loaded.path, line=loaded.line_of("editions", index, "language"),
                              hint=wrong[1])
        if not spec.convert and spec.language and (
                wrong := wrong_unconverted(spec.language, loaded.config.book.language)):
            raise PaibanError(wrong[0], file=loaded.path, line=loaded.line_of("editions", index, "language"),
                              hint=wrong[1])
        if not spec.convert and spec.phrases:
            raise PaibanError(f"`phrases` in the {ordinal(index)} [[editions]] are never used: the edition converts "
                              "nothing, and phrases are what a conversion writes", file=loaded.path,
                              line=loaded.line_of("editions", index, "phrases"),
                              hint="Add the edition's `convert`, or remove its `phrases`.")


def read_toml(path: Path, schema: type[Table] | None = None) -> tuple[str, dict]:
    """A TOML file's text and data; a decoding or syntax error names the file and line.

    ``schema``, the file's table, lets a syntax error that a misspelt table header causes
    further down be reported at the header itself.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise unreadable(error, path) from None
    except UnicodeDecodeError as error:
        raise _not_utf8(error, path) from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(str(error), path, text, schema) from None


# What Notepad, where a colleague on Windows writes book.toml, calls the encodings it saves in
# (另存为 → 编码): the system's code page is its ANSI.
_NOTEPAD_NAMES = {"UTF-16": "Unicode", "GB18030": "ANSI", "Big5": "ANSI"}


def _not_utf8(error: UnicodeDecodeError, path: Path) -> PaibanError:
    """The error for a TOML file that is not UTF-8, naming the encoding it is in, as an article's
    is read (Notepad saves UTF-16 as "Unicode", GBK or Big5 as "ANSI"), and how to save it as UTF-8.
    Articles in those encodings are read, so an editor does not expect book.toml to be refused."""
    from .sources.encoding import decode_bytes  # the readers' package: for a file that is not UTF-8 alone

    where = f"not UTF-8 text (byte {error.start} cannot be decoded)"
    try:
        with held():  # what reading it as an article would warn of is not this file's news
            encoding = decode_bytes(error.object, path).encoding
    except PaibanError:
        return PaibanError(where, file=path, hint=f"Save {path.name} as UTF-8.")
    notepad = f", which Notepad saves as {_NOTEPAD_NAMES[encoding]}" if encoding in _NOTEPAD_NAMES else ""
    return PaibanError(f"{where}: it reads as {encoding}{notepad}", file=path,
                       hint=f"Save {path.name} as UTF-8: in Notepad, 文件 → 另存为 (File → Save As), 编码 (Encoding) "
                            f"UTF-8; or here, `iconv -f {encoding} -t UTF-8 {path.name} > utf8.toml`, then rename "
                            f"utf8.toml to {path.name}.")


def _syntax_error(error: str, path: Path, text: str, schema: type[Table] | None) -> PaibanError:
    """tomllib's complaint, at its line, with the likeliest cause a person can act on."""
    lines = text.splitlines()
    line, column = _error_place(error, lines)
    written = lines[line - 1] if 0 < line <= len(lines) else ""
    if typed := _full_width(written, column):
        marks = " and ".join(_SPACES.get(mark, mark) for mark in typed)
        wanted = {mark: _ASCII[mark] for mark in typed}
        example = _as_ascii(written).strip()
        if "：" in typed and (keyed := _KEY_COLON.match(example)):  # title："书名": a key takes =, not :
            wanted["："], example = "=", f"{keyed[1]} = {example[keyed.end():]}"
        ascii_marks = " ".join(dict.fromkeys(_SPACES.get(mark, mark) for mark in wanted.values()))
        return PaibanError(f"TOML syntax error: {error}: {marks} typed with a Chinese input method", file=path,
                           line=line, hint=f"TOML needs the ASCII {ascii_marks} there: switch the input method to "
                                           f"English (half-width) to type them, e.g. {example}")
    if schema is not None and error.startswith("Cannot ") and (misnamed := _misnamed_table(lines, line, schema)):
        number, header, right = misnamed
        return PaibanError(f"unknown table `{header}`", file=path, line=number,
                           hint=f"Did you mean `{right}`? Under a misnamed table, the tables below it clash: "
                                f"that is TOML's \"{error}\".")
    opening, closing = ("[", "]") if error.startswith("Unclosed array") else ("{", "}")
    if error.startswith(("Unclosed array", "Unclosed inline table")) and (
            opened := _opened_at(lines, line, opening, closing)):
        return PaibanError(f"TOML syntax error: {error}: the {'list' if closing == ']' else 'table'} begun on this "
                           f"line is never closed", file=path, line=opened,
                           hint=f"End it with {closing}"
                                + (f" (TOML found line {line} still inside it)." if opened != line else "."))
    hint = "Check quotes, brackets and `key = value` pairs on that line (https://toml.io)."
    if error.startswith("Unescaped '\\'") and (backslash := _backslash_hint(written)):
        hint = backslash
    if error.startswith("Cannot "):
        hint = ("A table or key is written twice, or both as [name] and [[name]]: keep one, "
                "and check the table headers above that line.")
    if re.match(r"^\s*[^\x00-\x7f\"'][^=]*=", written):
        hint = "A key that is not plain ASCII must be quoted, e.g. `\"社区\" = \"社區\"`."
    return PaibanError(f"TOML syntax error: {error}", file=path, line=line, hint=hint)


def _error_place(error: str, lines: list[str]) -> tuple[int, int]:
    """The line and column (from 1) tomllib's ``error`` names; "(at end of document)": past the last line's end."""
    if match := re.search(r"\(at line (\d+), column (\d+)\)", error):
        return int(match[1]), int(match[2])
    return len(lines), len(lines[-1]) + 1 if lines else 1


# Marks a Chinese input method types where TOML needs ASCII ones, and the ASCII mark.
_ASCII = {"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"', "，": ",",
          "：": ":", "；": ";", "［": "[", "］": "]", "｛": "{", "｝": "}", "＝": "=", "。": ".", "＃": "#",
          "\u3000": " "}
_SPACES = {"\u3000": "a full-width space (全角空格)", " ": "space"}
# A key and the colon typed for its = (title："书名" made ASCII: title:"书名", no TOML either).
_KEY_COLON = patterns.compile(r"([A-Za-z0-9_.-]+)\s*:\s*")
# An opening quote a Chinese input method types, and the closing one it types after the text.
_CLOSING = {"“": "”", "‘": "’", "「": "」", "『": "』"}
# A string TOML reads as one: what is inside it may be any character.
_STRING = patterns.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')


def _full_width(line: str, column: int) -> list[str]:
    """The full-width marks of ``line`` that make TOML fail at ``column``: the one there, with its closing
    quote if it opens one; if TOML failed at the line's end (a string left open), the last one.

    Marks elsewhere are not blamed: inside a string they are text, in a ``#`` comment the writer's own,
    and further along the line they are not what TOML stumbled on (``title = 书名，好`` lacks quotes).
    """
    code = _STRING.sub(lambda string: "_" * len(string[0]), _code(line))  # (columns kept)
    at = column - 1
    if at >= len(code.rstrip()):
        at = max((index for index, char in enumerate(code) if char in _ASCII), default=len(code))
    mark = code[at] if at < len(code) else ""
    if mark not in _ASCII:
        return []
    closing = _CLOSING.get(mark, "")
    return [mark, closing] if closing and closing in code[at:] else [mark]


def _opened_at(lines: list[str], line: int, opening: str, closing: str) -> int | None:
    """The line up to ``line`` whose ``opening`` (``[`` or ``{``) is never closed: tomllib names
    the line after a list left open (authors = ["甲" then slug = …), which is right."""
    depth = 0
    for number in range(min(line, len(lines)), 0, -1):
        code = _STRING.sub("", _code(lines[number - 1]))
        depth += code.count(opening) - code.count(closing)
        if depth > 0:
            return number
    return None


def _code(line: str) -> str:
    """``line`` up to its comment, which a ``#`` outside strings begins."""
    pieces = re.split(f"({_STRING.pattern})", line)
    for index in range(0, len(pieces), 2):
        if "#" in pieces[index]:
            return "".join(pieces[:index]) + pieces[index].split("#", 1)[0]
    return line


def _as_ascii(line: str) -> str:
    """``line`` with the full-width marks outside its strings and its comment typed in ASCII."""
    code = _code(line)
    pieces = re.split(f"({_STRING.pattern})", code)
    return "".join(piece if index % 2 else "".join(_ASCII.get(char, char) for char in piece)
                   for index, piece in enumerate(pieces)) + line[len(code):]


_HEADER = patterns.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*(\]\]?)\s*(#.*)?$")
# The dot between a header's names, with the spaces TOML allows round it ([ parts . chapters ]).
_HEADER_DOT = patterns.compile(r"\s*\.\s*")


def _misnamed_table(lines: list[str], line: int, schema: type[Table]) -> tuple[int, str, str] | None:
    """The misnamed table header that makes TOML's clash at ``line``: its line, the header as written,
    and the header ``schema`` has that it was meant to be.

    Only a header whose right name, put in its place, lets TOML read past ``line`` is blamed: [bok]
    between two [book] tables is misnamed too, but it is not why the second [book] clashes.
    """
    for number, match, right in _unknown_tables(lines[:line], schema):
        fixed = [*lines]
        fixed[number - 1] = f"{match.string[:match.start(2)]}{right}{match.string[match.end(2):]}"
        try:
            tomllib.loads("\n".join(fixed))
        except tomllib.TOMLDecodeError as error:
            if _error_place(str(error), fixed)[0] <= line:
                continue
        return number, f"{match[1]}{match[2]}{match[3]}", f"{match[1]}{right}{match[3]}"
    return None


def _unknown_tables(lines: list[str], schema: type[Table]) -> Iterator[tuple[int, re.Match, str]]:
    """Each table header in ``lines`` naming a table ``schema`` does not have, but has one close to:
    its line, its match of :data:`_HEADER` and the close name (dotted, as the header's)."""
    for number, written in enumerate(lines, 1):
        if not (match := _HEADER.match(written)):
            continue
        names, table = _HEADER_DOT.split(match[2]), schema
        for index, name in enumerate(names):
            known = keys(table)
            if name not in known:
                if close := difflib.get_close_matches(name, known, n=1):
                    yield number, match, ".".join([*names[:index], close[0], *names[index + 1:]])
                break
            if (table := table_of(known[name].type)[0]) is None:
                break  # a table of free keys ([phrases]): any name goes below it


def _xml_safe_values(value: Any, path: Path) -> Any:
    """The TOML data with characters XML cannot carry (``"\\u0001"`` escapes) removed from its strings."""
    if isinstance(value, str):
        return xml_safe(value, path)
    if isinstance(value, dict):
        return {key: _xml_safe_values(item, path) for key, item in value.items()}
    if isinstance(value, list):
        return [_xml_safe_values(item, path) for item in value]
    return value


def _config_error(first: Complaint, path: Path, text: str) -> PaibanError:
    """Turn the schema's complaint into one sentence a book editor understands."""
    loc, kind = first.loc, first.kind
    if loc[-1:] == ("[key]",):  # a free table's key: a phrase's, whose one limit is not to be empty
        return PaibanError(f"invalid value for a key of {_table_words(loc[:-1])}: a phrase needs a non-empty text "
                           "to replace", file=path, line=line_of(text, (*loc[:-1], "")),
                           hint='Write the text to replace between the quotes of the key: "软件" = "軟體".')
    where = in_words(loc, BookConfig)
    key = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    if kind == "unknown":
        known = _known_keys(loc[:-1])
        close = _close_key(key, known)
        hint = f"Did you mean `{_as_meant(loc[:-1], close, first.value)}`? " if close else ""
        hint += f"Known keys here: {', '.join(sorted(known))}."
        if len(loc) == 1 and key in _known_keys(("book",)) and not _is_table(first.value):  # above any header
            hint = f"`{key}` belongs in the [book] table: put a line `[book]` above it."
        elif len(loc) > 1 and (table := _table_advice((key,))):  # chapters = […] under [book]
            hint = f"`{key}` is not a key of {_table_words(loc[:-1])}: {table[0]}. {table[1]}"
        return PaibanError(f"unknown key {where}", file=path, line=line_of(text, loc), hint=hint)
    if kind == "missing" and loc == ("book",):
        return PaibanError("the file is empty" if not text.strip() else "there is no [book] table", file=path,
                           hint='Begin it with the [book] table and the book\'s title:\n[book]\ntitle = "书名"')
    if kind == "missing":
        return PaibanError(
            f"missing required key {where}",
            file=path,
            line=line_of(text, loc[:-1]),
            hint=f"Add `{key} = ...` to {_table_words(loc[:-1])}.",
        )
    if kind == "pattern" and first.pattern == LENGTH_PATTERN:
        written = first.value
        problem = "needs a unit" if re.fullmatch(r"\s*\d+(\.\d+)?\s*", written) else "is not a length"
        return PaibanError(f"invalid value for {where}: {quoted(written)} {problem}", file=path,
                           line=line_of(text, loc),
                           hint=f'Write a number and its unit (mm, cm, pt or in), e.g. {key} = '
                                f'"{_LENGTH_EXAMPLES.get(key, "18mm")}".')
    if kind == "blank":
        return PaibanError(f"{where} is blank", file=path, line=line_of(text, loc),
                           hint=f'Write the {key} between the quotes: {key} = "…".')
    if kind == "choice" and key == "language":
        meant = meant_language(str(first.value))
        return PaibanError(f"invalid value for {where}: {quoted(str(first.value))} is not a language paiban "
                           "sets", file=path, line=line_of(text, loc),
                           hint=(f'Did you mean "{meant}"? ' if meant else "")
                           + f"A book is written in one of {', '.join(get_args(Language))}: the script "
                             "(Hans, Hant) says which OpenCC conversions read it, the region its quotes and fonts.")
    if kind in ("list", "table") and (table := _table_advice(loc)):
        return PaibanError(f"invalid value for {where}: {table[0]}", file=path, line=line_of(text, loc),
                           hint=table[1])
    line = line_of(text, loc)
    hint = _KEY_HINTS.get(key) or _TYPE_HINTS.get(kind, "See the book.toml reference in the README.").format(key=key)
    if line and key in _PATH_KEYS and isinstance(first.value, str) and _ESCAPED.search(first.value):
        hint = _backslash_hint(text.splitlines()[line - 1]) or hint
    return PaibanError(f"invalid value for {where}: {first.message}" if where else first.message, file=path,
                       line=line, hint=hint)


# The keys whose value is a path in the book, which a colleague on Windows writes with \.
_PATH_KEYS = frozenset({"cover", "preface", "output-profile", "articles"})
# What an escape in a "…" string makes of a Windows path's \: \n a line break, \t a tab, \b a backspace.
_ESCAPED = patterns.compile(r"[\x00-\x1f]")
# The key a line of TOML gives a value (none for a line inside a list).
_KEY = patterns.compile(r"\s*([A-Za-z0-9_-]+)\s*=")


def _backslash_hint(written: str) -> str | None:
    """How to write the line ``written`` whose "…" string holds a \\ (``cover = "images\\new.jpg"``),
    which TOML reads as an escape: ``\\n`` broke the line, and ``\\书`` is no escape at all. A path
    (or a line inside a list, of articles most likely) with /, as on every system: kept in single
    quotes, a \\ would name no file here. Other text in single quotes, which keep it. ``None`` for
    a line without such a string."""
    string = next((match[0] for match in _STRING.finditer(written) if match[0][0] == '"' and "\\" in match[0]), None)
    if string is None:
        return None
    escape = 'In a "…" string, \\ begins an escape (\\n is a line break): '
    if (key := _KEY.match(written)) and key[1] not in _PATH_KEYS:
        if "'" in string:
            return escape + "write \\\\ for \\."
        single = written.replace(string, f"'{string[1:-1]}'").strip()
        return escape + f"write it in single quotes, which keep \\: {single}."
    slashed = written.replace(string, re.sub(r"\\+", "/", string)).strip()
    return escape + f"write a path with / between its folders, as on every system: {slashed}."


# The language paiban sets for a tag of a region alone (BCP 47 without the script, as most software
# writes Chinese): Taiwan and Hong Kong (and Macao) write Traditional, the mainland and Singapore Simplified.
_REGION_LANGUAGES = {"zh-tw": "zh-Hant-TW", "zh-hk": "zh-Hant-HK", "zh-mo": "zh-Hant-HK", "zh-hant-mo": "zh-Hant-HK",
                     "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-my": "zh-Hans", "zh-hans-cn": "zh-Hans",
                     "zh-hans-sg": "zh-Hans"}


def meant_language(written: str) -> str | None:
    """The language of :data:`Language` that ``written`` most likely means (zh-TW: zh-Hant-TW, zh_hant_tw:
    zh-Hant-TW), if any."""
    tag = written.strip().replace("_", "-").lower()
    known = {language.lower(): language for language in get_args(Language)}
    return known.get(tag) or _REGION_LANGUAGES.get(tag)


# What to write instead, for the type errors an editor makes most.
_TYPE_HINTS = {
    "text": 'Put the value in double quotes: {key} = "…".',
    "list": 'Write a list in brackets: {key} = ["…", "…"].',
    "bool": "Write true or false, without quotes: {key} = true.",
    "int": "Write a whole number, without quotes.",
    "float": "Write a number, without quotes.",
}


# What a key's value may be, where that says more than its type does.
_KEY_HINTS = {
    "running-title": 'Write it without a line break: running-title = "…".',
    "slug": "Use letters, digits, '.', '_' and '-', beginning with a letter or digit: it names the output files, "
            'e.g. slug = "城市笔记" or slug = "city-notes".',
    "name": "Use ASCII letters, digits, '_' and '-', beginning with a letter or digit: it names the edition's "
            'output files (<slug>.<name>.epub), e.g. name = "tw".',
    "sections": "Write how many levels of each article's headings the contents list, without quotes: 0 (none), "
                "1 (its ## sections) or 2 (its ## and ### sections), e.g. sections = 1.",
}


# A printer's word for a margin, and the key of [pdf] margins that means it: spelling alone sent the
# gutter (the inner margin) to `outer`.
_PRINT_TERMS = {"gutter": "inner", "inside": "inner", "binding": "inner", "outside": "outer", "fore-edge": "outer",
                "head": "top", "foot": "bottom", "tail": "bottom"}

# A length as it is written for a key (margins: "18mm").
_LENGTH_EXAMPLES = {"font-size": "10.5pt", "bleed": "3mm"}

# One entry of each list of tables, as the README writes it.
_TABLE_EXAMPLES: dict[type[Table], str] = {
    ChapterSpec: 'title = "第一章"\narticles = ["01.md", "02.md"]',
    PartSpec: 'title = "上编"\n[[parts.chapters]]\ntitle = "第一章"\narticles = ["01.md", "02.md"]',
    EditionSpec: 'name = "tw"\nconvert = "s2tw"',
}


def _table_advice(loc: tuple[str | int, ...]) -> tuple[str, str] | None:
    """What is wrong and how to write it, if a table (or a list of tables) belongs at ``loc``:
    TOML's [[name]] is easily mistaken for [name] or name = [...]."""
    field = field_at(BookConfig, loc)
    table, listed = table_of(field.type) if field else (None, False)
    if table is None:
        return None
    header = ".".join(part for part in loc if isinstance(part, str))
    if not listed:
        return (f"it is a table, written [{header}]",
                f"Write a line [{header}], then its keys below it, one `key = value` a line.")
    example = _TABLE_EXAMPLES.get(table)
    return (f"it is a list of tables, each written [[{header}]] (double brackets)",
            f"Begin each entry with a line [[{header}]] and write its keys below it"
            + (f", e.g.\n[[{header}]]\n{example}\n[[{header}]]\n…" if example else "."))


def _close_key(key: str, known: list[str]) -> str | None:
    """The known key ``key`` was meant for: the one a printer's word names (:data:`_PRINT_TERMS`),
    else the closest in spelling."""
    if (meant := _PRINT_TERMS.get(key.lower())) in known:
        return meant
    return next(iter(difflib.get_close_matches(key, known, n=1)), None)


def _as_meant(loc: tuple[str | int, ...], close: str, written: Any) -> str:
    """The key ``close`` of the table at ``loc`` as it is written where a misspelt key gave ``written``:
    as a table's header ([[editions]], [pdf]) when that was a table, for [edition] is no key `edition`."""
    field = field_at(BookConfig, (*loc, close))
    table, listed = table_of(field.type) if field else (None, False)
    if table is None or not _is_table(written):
        return close
    header = ".".join([*(part for part in loc if isinstance(part, str)), close])
    return f"[[{header}]]" if listed else f"[{header}]"


def _is_table(value: Any) -> bool:
    """Whether ``value`` was written as a table, or as a list of tables ([[…]])."""
    return isinstance(value, dict) or (isinstance(value, list) and bool(value)
                                       and all(isinstance(item, dict) for item in value))


def _table_words(loc: tuple[str | int, ...]) -> str:
    """The table at ``loc`` as a sentence names it: the [book] table, the first [[parts]]."""
    key, tables = entries_of(loc, BookConfig)
    return in_words(loc, BookConfig) if tables else f"the [{key or 'book'}] table"


def _known_keys(loc: tuple[str | int, ...]) -> list[str]:
    """The keys the schema allows at ``loc`` (for "did you mean" hints)."""
    field = field_at(BookConfig, loc) if loc else None
    table = table_of(field.type)[0] if field else BookConfig
    return list(keys(table or BookConfig))


def line_of(text: str, loc: tuple[str | int, ...]) -> int | None:
    """Best-effort line number of the key path ``loc`` in TOML ``text`` (see :class:`TomlLayout`)."""
    return _layout(text).line_of(loc)


@functools.lru_cache(maxsize=8)
def _layout(text: str) -> TomlLayout:
    """``text``'s layout, made once for all the lines asked of it: a book's chapters each ask for
    the line of their ``articles``, a catalogue's books for their ``path``'s, and a walk from the
    top for each took a novel of 4,000 chapters 25 s. (A layout is never changed once made.)"""
    return TomlLayout(text)


class TomlLayout:
    """The lines of a TOML text and where each table header is, read once.

    tomllib keeps no positions, so a key's line is found by walking the table headers:
    ``("parts", 1, "chapters", 0, "title")`` is the ``title =`` line after the second
    ``[[parts]]`` and its first ``[[parts.chapters]]``. Each header's lines are listed in order,
    so a walk is a few look-ups, not a scan of the text from its top.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {}
        for number, line in enumerate(self.lines):
            if match := _HEADER.match(line):
                self.headers.setdefault(".".join(_HEADER_DOT.split(match[2])), []).append(number)

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        """The line of the key path ``loc``; ``None`` when the layout is one this walk does not follow."""
        start, table = 0, []
        parts = list(loc)
        while parts:
            key = parts.pop(0)
            if isinstance(key, int):
                continue
            index = parts[0] if parts and isinstance(parts[0], int) else None
            header = ".".join([*table, key])
            found = self._header(start, header, index)
            if found is not None:
                start, table = found + 1, [*table, key]
                continue
            if parts and _has_subtable(self.lines, start, header):  # [pdf.margins] without a [pdf] before it
                table = [*table, key]
                continue
            found = _find_key(self.lines, start, key)
            return found + 1 if found is not None else (start if start else None)
        return start or None

    def _header(self, start: int, header: str, index: int | None) -> int | None:
        """The line of the ``index``-th ``header`` (the first, for ``None``) from line ``start`` on."""
        numbers = self.headers.get(header, [])
        at = bisect_left(numbers, start) + (index or 0)
        return numbers[at] if at < len(numbers) else None


def _has_subtable(lines: list[str], start: int, header: str) -> bool:
    pattern = re.compile(rf"^\s*\[\[?\s*{re.escape(header)}\.")
    return any(pattern.match(line) for line in lines[start:])


def _find_key(lines: list[str], start: int, key: str) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number in range(start, len(lines)):
        if number > start and lines[number].lstrip().startswith("["):
            break
        if pattern.match(lines[number]):
            return number
    return None
