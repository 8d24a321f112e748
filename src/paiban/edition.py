"""Editions: the script a book is rendered in, and every decision that follows from it.

One function per decision, called by every renderer: which editions a build makes
(:func:`editions_for`), the language tag and quote style of each, its fonts
(:func:`fonts_for`), its identifier (:func:`identifier`) and its output file name
(:func:`output_path`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .chars import quoted
from .config import (EDITION_METADATA, TARGET_LANGUAGE, BookConfig, EditionSpec, FontsSpec, is_chinese, source_edition,
                     written_identifier, wrong_direction)
from .errors import PaibanError
from .xhtml import EQUATION, NO_CONVERT

# OpenCC's configs read one standard of Traditional each: t2… its own, tw2… Taiwan's, hk2… Hong
# Kong's; each leaves the variant forms of the others (Taiwan's 這裡, 峰, 簷, 著: Hong Kong's 這裏,
# 峯, 衞). A book written in Taiwan's or Hong Kong's standard is first taken to OpenCC's own (tw2t,
# hk2t), as OpenCC's tw2s does before t2s, unless the config reads that standard itself.
_INTO_STANDARD = {"zh-Hant-TW": "tw2t", "zh-Hant-HK": "hk2t"}


FORMATS = ("epub", "pdf", "html")
LANGUAGES = ("zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK")


_ROLES = ("serif", "sans", "mono")  # the fields of Fonts, each a role's list


@dataclass(frozen=True)
class Fonts:
    """CSS font-family names for body text, headings and code, most wanted first.

    ``fallback``: of each list, the families that only draw what the ones before them lack (a
    default list's Latin face, :data:`LATIN_FALLBACK`), last in it. They stand in for no chosen
    family: a list of which only they are installed has no font for its role (:meth:`chosen`).
    """

    serif: tuple[str, ...]
    sans: tuple[str, ...]
    mono: tuple[str, ...]
    fallback: Fonts | None = None

    def chosen(self, role: str) -> tuple[str, ...]:
        """The ``role`` list's families less its fallback: those the book (or its region) asks for."""
        fallback = getattr(self.fallback, role, ())
        return tuple(family for family in getattr(self, role) if family not in fallback)

    def followed_by(self, then: Fonts) -> Fonts:
        """These fonts, then ``then``'s for what they lack, each family once: the families each
        chose first, every fallback after them (a region's Latin fallback must not draw the ASCII
        of text the next region's CJK font would). A family one of them chose is no fallback: the
        Latin face English text asks for (:data:`LATIN`) is chosen though the edition's fonts end in it."""
        chosen = {role: _once(self.chosen(role), then.chosen(role)) for role in _ROLES}
        every = {role: _once(chosen[role], getattr(self, role), getattr(then, role)) for role in _ROLES}
        return Fonts(**every, fallback=Fonts(**{role: every[role][len(chosen[role]):] for role in _ROLES})
                     if self.fallback or then.fallback else None)

    def families(self) -> tuple[str, ...]:
        """Every family of the lists, each once, in their order: serif's, sans', mono's."""
        return _once(self.serif, self.sans, self.mono)

    def renamed(self, names: Mapping[str, str]) -> Fonts:
        """These fonts with each family of ``names`` called by its name there, in every list."""
        def lists(fonts: Fonts) -> dict[str, tuple[str, ...]]:
            return {role: tuple(names.get(family, family) for family in getattr(fonts, role)) for role in _ROLES}
        return Fonts(**lists(self), fallback=Fonts(**lists(self.fallback)) if self.fallback else None)


def _once(*lists: tuple[str, ...]) -> tuple[str, ...]:
    """The families of ``lists``, in order, each once."""
    return tuple(dict.fromkeys(family for families in lists for family in families))


@dataclass(frozen=True)
class Edition:
    """One edition of a book: its script, conventions and the name its files carry.

    ``convert`` is the OpenCC config that makes it (``None``: the source script); ``suffix``
    goes between the slug and the format in file names (``None``: plain ``<slug>.<fmt>``).
    ``identifier`` is its own ``dc:identifier`` (``None``: the book's, for the source edition):
    readers take EPUBs that share one for the same publication, and stores want an ISBN per edition.
    """

    language: str
    fonts: Fonts
    convert: str | None = None
    name: str | None = None
    suffix: str | None = None
    quotes: str = "curly"
    title: str | None = None
    subtitle: str | None = None
    phrases: tuple[tuple[str, str], ...] = ()
    vertical: bool = False  # EPUB only: WeasyPrint lays out horizontal text only
    identifier: str | None = None
    opencc: tuple[str, ...] = ()  # the OpenCC configs that make it, in order (see opencc_chain)
    # The [book] values it gives its own (publisher, rights, edition, cip, date), as written; "": none.
    metadata: tuple[tuple[str, str], ...] = ()

    @property
    def conversion(self) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]] | tuple[()]:
        """What converts the book's text to it: its OpenCC configs and its phrases (the arguments
        of :func:`~paiban.convert.converter`); ``()`` when it prints the book's own script."""
        return (self.opencc, self.phrases) if self.convert else ()

    @property
    def mainland_marks(self) -> bool:
        """Whether it sets Taiwan's and Hong Kong's forms of the interpunct, ellipsis and dash
        (‧ ． ⋯ ─) as the mainland's (· … —, GB/T 15834): it converts Traditional text to
        Simplified. Not the other way: Taiwan's 重訂標點符號手冊 writes the mainland's marks (its ……
        and —— the same, its interpunct a centred dot) and differs in where a font draws them, not
        in which characters they are."""
        return TARGET_LANGUAGE.get(self.convert or "") == "zh-Hans"


def editions_for(config: BookConfig, names: tuple[str, ...] = (), convert: str | None = None) -> list[Edition]:
    """The editions a build makes: a one-off ``convert``, the ``names`` picked, or all declared.

    A book without ``[[editions]]`` has one edition in its source script, named (in the build's
    summary and the check's findings) by its language tag, which ``names`` may give. A name given
    twice (``-e cn -e cn``) is one edition, built once.
    """
    names = tuple(dict.fromkeys(names))
    source = config.book.language
    if convert is not None and names:
        raise PaibanError(f"--convert {convert} makes a one-off edition; it cannot be combined with "
                          f"--edition {names[0]}",
                          hint="Use --edition NAME for the editions book.toml declares, or --convert "
                               "CONFIG alone.")
    if convert is not None:
        return [_edition(config, language=_target(source, convert), convert=convert,
                         suffix=_target(source, convert), phrases=config.phrases,
                         vertical=config.epub.vertical,
                         identifier=_identifier_of(config, None, _target(source, convert)))]
    if not config.editions:
        if unknown := [name for name in names if name != source]:
            raise PaibanError(f"the book declares no editions, so there is no {quoted(unknown[0])}",
                              hint=f"Its one edition is {source}. Declare [[editions]] in book.toml (`paiban build` "
                                   "can also make a converted edition with --convert CONFIG).")
        return [_edition(config, language=source, vertical=config.epub.vertical)]
    declared = {spec.name: spec for spec in config.editions}
    unknown = [name for name in names if name not in declared]
    if unknown:
        raise PaibanError(f"no edition named {quoted(unknown[0])}",
                          hint=f"The book declares: {', '.join(declared)}.")
    return [
        _edition(
            config,
            language=spec.language or (_target(source, spec.convert) if spec.convert else source),
            convert=spec.convert,
            name=spec.name,
            suffix=spec.name,
            quotes=spec.quotes,
            title=spec.title,
            subtitle=spec.subtitle,
            phrases={**config.phrases, **spec.phrases},
            fonts=spec.fonts,
            vertical=config.epub.vertical if spec.vertical is None else spec.vertical,
            identifier=_identifier_of(config, spec, spec.name),
            metadata=tuple((key, value) for key in EDITION_METADATA if (value := getattr(spec, key)) is not None),
        )
        for spec in (declared[name] for name in (names or declared))
    ]


def _edition(config: BookConfig, *, language: str, convert: str | None = None, phrases: dict[str, str] | None = None,
             quotes: str | None = None, fonts: FontsSpec | None = None, vertical: bool = False, **fields) -> Edition:
    return Edition(
        language=language,
        convert=convert,
        opencc=opencc_chain(convert, config.book.language) if convert else (),
        quotes=quotes or default_quotes(language, vertical),
        vertical=vertical,
        phrases=tuple(sorted((phrases or {}).items())),
        fonts=_fonts(language, fonts or FontsSpec(), config.fonts),
        **fields,
    )


def identifier(given: str | None, title: str, authors: list[str] | tuple[str, ...],
               edition: str | None = None) -> str:
    """``urn:isbn:…`` for an ISBN (10 or 13 digits), the given identifier otherwise, or a UUID stable
    across rebuilds, derived from the title and authors, and from ``edition`` (its name) for all but
    the source edition."""
    if given:
        return written_identifier(given)
    name = "paiban:" + "\x1f".join([title, *authors]) + (f"\x1e{edition}" if edition else "")
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _identifier_of(config: BookConfig, spec: EditionSpec | None, name: str) -> str | None:
    """An edition's own identifier: the one it gives, else one derived for it; ``None`` for the source
    edition (the first declared one that neither converts nor changes the language), whose is the book's.

    The book's ``identifier`` (its ISBN) belongs to the source edition: another edition never carries it.
    """
    book = config.book
    if spec and spec.identifier:
        return identifier(spec.identifier, book.title, book.authors)
    if spec is not None and spec is source_edition(config):
        return None
    return identifier(None, book.title, book.authors, name)


def _target(source_language: str, convert: str) -> str:
    """The language ``convert`` produces; refuse a config that reads the other script."""
    if convert not in TARGET_LANGUAGE:
        raise PaibanError(
            f"unknown conversion {quoted(convert)}",
            hint=f"Use one of the OpenCC configs: {', '.join(TARGET_LANGUAGE)}.",
        )
    if wrong := wrong_direction(convert, source_language):
        raise PaibanError(wrong[0], hint=wrong[1])
    return TARGET_LANGUAGE[convert]


def opencc_chain(convert: str, source_language: str) -> tuple[str, ...]:
    """The OpenCC configs that carry out ``convert`` on a book written in ``source_language``: a
    config that reads another standard than the book's (:data:`_INTO_STANDARD`) after the one that
    takes the book's variants to OpenCC's standard (t2hk on a zh-Hant-TW book: tw2t, t2hk; t2s:
    tw2t, t2s, which is what tw2s does; tw2sp on a zh-Hant-HK book: hk2t, tw2sp)."""
    first = into_standard(source_language)
    return (first, convert) if first and _standard_read(first) != _standard_read(convert) else (convert,)


def into_standard(language: str) -> str | None:
    """The OpenCC config that takes text written in ``language`` to OpenCC's standard Traditional
    (tw2t, hk2t); ``None`` for a language written in it, or Simplified."""
    return _INTO_STANDARD.get(language)


def _standard_read(config: str) -> str:
    """The standard an OpenCC config reads, as its name says: s, t (OpenCC's Traditional), tw or hk."""
    return config.split("2")[0]


def default_quotes(language: str, vertical: bool = False) -> str:
    """Mainland books quote with “ ” ‘ ’; Traditional ones (Taiwan, Hong Kong) with 「 」『 』, and
    so does vertical text in any script (GB/T 15834-2011 prescribes ﹁﹂﹃﹄ for it, which fonts
    draw 「」『』 as in a vertical line; curly marks lie on their side)."""
    return "corner" if vertical or language.startswith("zh-Hant") else "curly"


# The Noto CJK region whose glyph forms text in a language is drawn with (户/戶, 骨, 直 differ
# between SC, TC, HK and JP): each language range and its region, every range after the ranges
# it narrows. fonts.css writes a rule per range in this order (``[lang|="zh-Hant"]`` matches
# zh-Hant-HK too, and the later rule, zh-Hant-HK's, wins), and :func:`region_of` reads it so.
REGIONS = (
    ("zh-Hans", "SC"), ("zh-CN", "SC"), ("zh-SG", "SC"), ("zh-MY", "SC"),
    ("zh-Hant", "TC"), ("zh-TW", "TC"),
    ("zh-HK", "HK"), ("zh-MO", "HK"), ("zh-Hant-HK", "HK"), ("zh-Hant-MO", "HK"),
    ("ja", "JP"), ("ko", "KR"),
)


def region_of(language: str) -> str | None:
    """The region of the last range of :data:`REGIONS` that ``language`` falls in (as CSS's
    ``|=`` matches: the range itself, or it and more subtags), the one whose rule wins; ``None``
    for a language no CJK region draws (``en``, a bare ``zh``)."""
    regions = [region for tag, region in REGIONS if language == tag or language.startswith(f"{tag}-")]
    return regions[-1] if regions else None


def kept_as_written(element, source_language: str | None) -> bool:
    """Whether an edition leaves ``element``'s text as written (its script, punctuation, quotes and
    spacing): it is no-convert, or tagged with a language other than the book's. A ``lang`` says
    what the text is in: Japanese (``ja``, whose 国語 OpenCC would make 國語), English, or Chinese
    of another region (``zh-Hant`` in a zh-Hans book: its script); a tag of the book's own region
    (``zh-CN`` in a zh-Hans book) or a bare ``zh`` is the book's text, and is converted with it.
    With no ``source_language`` (an article's punctuation is mended as it is read, before its
    book's language is known; the reading is kept by the file's bytes alone) Chinese of any
    region is the book's: its punctuation is Chinese all the same."""
    return NO_CONVERT in (element.get("class") or "").split() or language_kept(element.get("lang"), source_language)


def language_kept(lang: str | None, source_language: str | None) -> bool:
    """Whether an edition leaves text tagged ``lang`` as written (see :func:`kept_as_written`): a
    language other than Chinese, or Chinese of another region than the book's ``source_language``
    (any Chinese, with none). Book.toml's tagged phrases are judged so too (``[国境の南]{lang=ja}``)."""
    if not lang:
        return False
    if not is_chinese(lang):
        return True
    return source_language is not None and region_of(lang) not in (None, region_of(source_language))


# A block whose separators follow a standard of their own: a bibliography in GB/T 7714 style writes
# ". , :" between an entry's parts, in Chinese entries too (李明, 王芳. 书名[M]. 北京: 出版社, 2020.).
# An equation Word wrote (:mod:`.sources.omml`) keeps its ASCII brackets and signs: (a+b)/2.
_OWN_PUNCTUATION = frozenset({"bibliography", EQUATION})


def punctuation_kept(element) -> bool:
    """Whether ``element``'s punctuation is left as written when an article is read: text kept as
    written (:func:`kept_as_written`, any Chinese counting as the book's), and a bibliography's,
    whose separators were mended into a mix (研究室. 青川 → 研究室。青川, but 研究室. 2025年 kept)
    that ``paiban check`` then asked to be mended further. Its script is converted still."""
    return kept_as_written(element, None) or not _OWN_PUNCTUATION.isdisjoint((element.get("class") or "").split())


def fonts_for(language: str) -> Fonts:
    """Noto Serif CJK for text, Noto Sans CJK for headings (and its Mono for code), in the regional
    family of ``language`` (an edition's: each is in a region).

    Region matters: the same code point has different glyph forms in SC, TC and HK fonts.
    """
    return region_fonts(region_of(language) or "TC")


def region_fonts(region: str) -> Fonts:
    """Noto CJK's serif, sans and mono of ``region`` (SC, TC, HK, JP, KR), each followed by its
    Latin fallback (:data:`LATIN_FALLBACK`)."""
    return Fonts(serif=(f"Noto Serif CJK {region}", *LATIN_FALLBACK.serif),
                 sans=(f"Noto Sans CJK {region}", *LATIN_FALLBACK.sans),
                 mono=(f"Noto Sans Mono CJK {region}", *LATIN_FALLBACK.mono), fallback=LATIN_FALLBACK)


def tagged_fonts(edition: Edition, language: str) -> Fonts | None:
    """The fonts of text tagged ``language`` in ``edition`` (fonts.css): its region's Noto CJK, then
    the edition's own fonts (the edition's alone for the edition's region); ``None`` for a language
    of no region (the text is drawn in the fonts around it).

    The edition's fonts stand in when the region's are not installed: else fontconfig's generic
    serif draws the text, whatever face that is (a Korean sans for a Japanese serif), and the glyph
    check cannot know which. The build warns that they are missing (check.glyphs.missing_regions).
    """
    region = region_of(language)
    if region is None:
        return None
    if region == region_of(edition.language):
        return edition.fonts
    return region_fonts(region).followed_by(edition.fonts)


def is_english(language: str) -> bool:
    """Whether text tagged ``language`` is English (``en``, ``en-GB``: what fonts.css's ``:lang(en)`` matches)."""
    return language.split("-")[0].lower() == "en"


def english_fonts(fonts: Fonts) -> Fonts:
    """The fonts of English text set among ``fonts`` (fonts.css's ``:lang(en)`` rules): the Latin
    face of its role (:data:`LATIN`), then ``fonts`` for what it lacks (a Chinese word in it)."""
    return LATIN.followed_by(fonts)


def box_drawing_fonts(fonts: Fonts) -> tuple[str, ...]:
    """The fonts of box-drawing characters in code (``├── src/``, fonts.css's ``.box-drawing``): the
    mono list's Latin fallback, then the list. A CJK mono draws them two columns wide, a Latin one
    one column, as a terminal does: a tree's names stood columns right of where its lines lead.
    None for a list without a Latin fallback (a book's own is drawn as given)."""
    latin = getattr(fonts.fallback, "mono", ())
    return _once(latin, fonts.mono) if latin else ()


def other_fonts(edition: Edition) -> dict[str, Fonts]:
    """The fonts of each language range of :data:`REGIONS`, in its order: text an edition leaves in
    another script or language (a no-convert span, tagged with its ``lang``) is drawn with that
    region's glyphs (fonts.css)."""
    return {tag: tagged_fonts(edition, tag) for tag, _ in REGIONS}


# The Latin faces of English text (tagged lang="en": fonts.css) and of a Latin emphasis's italic
# (em.latin), the first installed of each list, the book's fonts after them: a CJK font has no
# italic (a slant made from its upright Latin is a distortion), few accented letters (no ř, ł, ễ)
# and Latin made to sit beside Chinese, not to set a paragraph. Noto Serif and Sans
# (fonts-noto-core) are drawn to match Noto CJK; DejaVu (fonts-dejavu-core, which the setup
# installs) and Liberation are on most systems.
LATIN = Fonts(serif=("Noto Serif", "DejaVu Serif", "Liberation Serif"),
              sans=("Noto Sans", "DejaVu Sans", "Liberation Sans"), mono=())
# The Latin face after a default list's CJK family: it draws only the letters the CJK font lacks
# (the ř of Dvořák, Łódź's Ł, Nguyễn's ễ), as CSS and WeasyPrint fall back character by character,
# so the CJK font's own Latin, made to sit beside Chinese, still sets ASCII in Chinese text. Noto
# (fonts-noto-core) where installed, else DejaVu (fonts-dejavu-core, which the setup installs).
LATIN_FALLBACK = Fonts(serif=("Noto Serif", "DejaVu Serif"), sans=("Noto Sans", "DejaVu Sans"),
                       mono=("DejaVu Sans Mono",))


def _fonts(language: str, edition: FontsSpec, book: FontsSpec) -> Fonts:
    """The edition's own fonts, else the book's ``[fonts]``, else the defaults for its language
    (with their Latin fallback: a list the book gives is drawn as given)."""
    default = fonts_for(language)
    given = {role: tuple(getattr(edition, role) or getattr(book, role) or ()) for role in _ROLES}
    return Fonts(**{role: given[role] or getattr(default, role) for role in _ROLES},
                 fallback=Fonts(**{role: () if given[role] else getattr(LATIN_FALLBACK, role) for role in _ROLES}))


def output_path(directory: Path, slug: str, edition: Edition, fmt: str) -> Path:
    """``<slug>.<fmt>``, or ``<slug>.<suffix>.<fmt>`` for a named or converted edition."""
    stem = slug if edition.suffix is None else f"{slug}.{edition.suffix}"
    return directory / f"{stem}.{fmt}"
