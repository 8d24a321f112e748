"""Glyph coverage: every character an edition prints must be in the fonts that edition names.

WeasyPrint silently draws a character its fonts lack from whatever font fontconfig finds, or
as an empty box when none has it; either way it is only seen in print. So the fonts are
looked up the way fontconfig does (``fc-match``), their character sets read from
fontconfig's cache, and every character of the edition checked against the font list of the role
that draws it (text, headings, code, or a no-convert span's region).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import asdict, dataclass, field
import logging
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .. import patterns
from ..chars import quoted
from ..config import LoadedConfig
from ..edition import Edition, Fonts, english_fonts, is_english, region_fonts, region_of, tagged_fonts
from ..errors import PaibanError
from .. import fontconfig
from ..cache import MISSING, NO_SHELF, Shelf
from ..fonts import (ROLES, Charset, Coverage, characters, charset_text, file_characters, installed_families,
                     meant_family, missing_fonts, needs_glyph, package_of)
from ..model import Book
from ..sources import BINARY_SUFFIXES
from ..render import FORMAT_SHEET, fonts_sheet, written_sheets
from ..theme import Theme, default_theme_dir
from ..theme_fonts import SheetFonts
from ..titles import heading_text
from .metadata import edition_entry, fonts_entry, fonts_line
from .font_sources import SCRIPTS, Source, named_for, package_for, source_of
from .passages import THEME_TEXT, Locator, Passage, Place, edition_name, once_per_line, passages, shown
from .report import Finding, code_point

log = logging.getLogger("paiban")

# The characters of the families an @font-face of the book's own sheets brings (:func:`_brought`), by family.
Brought = tuple[tuple[str, Charset], ...]


def _drawable(fonts: Fonts, role: str, brought: Brought = ()) -> Coverage:
    """What the ``role`` list of ``fonts`` draws; nothing when none of the families it chose is
    installed (:meth:`~paiban.edition.Fonts.chosen`). Its Latin fallback alone is no font for the
    role: with Noto CJK missing, the check counted DejaVu as the text font and reported each
    Chinese character missing from it, and stopped an EPUB build that only names the font."""
    return Coverage(getattr(fonts, role), brought) if Coverage(fonts.chosen(role)) else Coverage(())


def _brought(theme: Theme, edition: Edition) -> Brought:
    """The characters of each family the edition's fonts name that is not installed but that an
    ``@font-face`` of the book's own sheets brings (its files'; ``fonts.css`` as rendered): the PDF
    draws with it, and every format carries its files. The sheets are read only for a book whose
    lists name a family that is not installed."""
    installed = installed_families()
    absent = [family for family in edition.fonts.families() if family not in installed]
    if not absent or not installed:
        return ()
    names = dict.fromkeys(name for fmt in FORMAT_SHEET for name in written_sheets(edition, fmt))
    sheets = SheetFonts([*theme.own_sheets(names), *((file, fonts_sheet(theme, edition))
                                                      for file, _ in theme.own_sheets(["fonts.css"]))])
    return tuple((family, file_characters(files)) for family in absent if (files := sheets.files_of(family)))


def _absent(edition: Edition, role: str, brought: Brought) -> list[str]:
    """The families the edition's ``role`` list names that are neither installed nor brought by an
    ``@font-face`` of the book's sheets: they draw nothing, and fontconfig leaves them out unsaid."""
    installed, faced = installed_families(), dict(brought)
    return [family for family in edition.fonts.chosen(role) if family not in installed and family not in faced]


@dataclass
class _Gap:
    """Characters of one script (:func:`_script`) that a file's text of one role lacks, each once,
    and the places they are at, in order: one finding (a Tibetan quotation of three lines was 30
    findings, one per character and line)."""

    source: Path | None
    role: str
    families: tuple[str, ...]
    chars: dict[str, None] = field(default_factory=dict)
    places: dict[Place, None] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # a character the conversion wrote: the source's
    asked: set[str] = field(default_factory=set)  # the characters looked up in the source, found there or not


def missing_glyphs(book: Book, edition: Edition, loaded: LoadedConfig, locator: Locator,
                   theme: Theme) -> list[Finding]:
    """A finding for the characters of each script that a file's text of a role (text, headings,
    code) lacks glyphs for, at each of their lines."""
    brought = _brought(theme, edition)

    def places():
        for passage in passages(book, loaded, theme):
            fonts = _fonts(passage, edition)
            covered, families = _drawable(fonts, passage.role, brought), getattr(fonts, passage.role)
            if not covered:
                continue  # none of its fonts is installed: uninstalled_fonts says so, naming the package
            lacking = {char for char in set(passage.text) if char not in covered and needs_glyph(char)}
            yield from ((passage, offset, families) for offset, char in enumerate(passage.text) if char in lacking)

    gaps: dict[tuple, _Gap] = {}
    for passage, char, place, families in once_per_line(places(), locator):
        gap = gaps.setdefault((passage.source, passage.role, families, _script(char)),
                              _Gap(passage.source, passage.role, families))
        gap.chars[char] = None
        gap.places[place] = None
        if edition.convert and passage.converted and char not in gap.asked:
            gap.asked.add(char)
            if (source_char := locator.written(passage, passage.text.index(char))) not in (None, char):
                gap.written[char] = source_char
    return [_finding(gap, book, edition, loaded, brought) for gap in gaps.values()]


def _script(char: str) -> object:
    """What groups ``char`` with others in a finding: where :mod:`.font_sources` gets a font for it
    (its script's row or family), else its Unicode script (a hentaigana is Hiragana, as the kana before
    it, though its name begins HENTAIGANA), else, for a character of none, the first word of its name
    (a symbol's), else, for a private-use character, its kind, and for one Unicode has not named, itself."""
    if (source := source_of(char)) is not None:
        return source
    if unicodedata.category(char) == "Co":
        return "private use"
    from fontTools.unicodedata import script  # loaded by source_of already: only for a character no font has

    if (written_in := script(char)) not in ("Zyyy", "Zinh", "Zzzz"):  # Common, Inherited, Unknown
        return written_in
    return unicodedata.name(char, char).split(" ")[0]


def _finding(gap: _Gap, book: Book, edition: Edition, loaded: LoadedConfig, brought: Brought) -> Finding:
    """The error for ``gap``, at its first place, naming each character by its code point too: a
    combining mark or an ideograph the terminal has no glyph for shows as a blank or a box, and its
    code point is what a font tool or a Unicode chart is searched by."""
    chars = "".join(gap.chars)
    places = sorted(gap.places, key=lambda place: (place.line or place.paragraph or 0))
    absent = _absent(edition, gap.role, brought)
    named = ", ".join(f"{code_point(char)} {char}" for char in chars)
    lacking = f"{named} has" if len(chars) == 1 else f"{len(chars)} characters ({named}) have"
    return Finding(
        severity="error", check="glyphs",
        message=f"{lacking} no glyph in {', '.join(_looked_in(gap.families, brought))} "
                f"({ROLES.get(gap.role, 'text')}){_also_at(places)}"
                + (f"; {_listed(absent)}, also listed, {'is' if len(absent) == 1 else 'are'} not installed"
                   if absent else "") + _converted(gap, edition),
        file=shown(gap.source, book.root), char=chars, **asdict(places[0]),
        hint=_kept_by_phrases(gap, edition) + _hint(chars, gap.role, loaded, edition, absent),
        editions=(edition_name(edition),))


def _converted(gap: _Gap, edition: Edition) -> str:
    """What says that the conversion wrote characters of ``gap`` the source does not have: ``; hk2s
    writes 嗰 as 𠮶``, which an editor finds in the file, where 𠮶 is not."""
    if not gap.written:
        return ""
    return f"; {edition.convert} writes " + ", ".join(f"{source} as {char}" for char, source in gap.written.items())


def _kept_by_phrases(gap: _Gap, edition: Edition) -> str:
    """The remedy for characters the conversion wrote: [phrases] entries keeping the source's, in this
    edition alone with its own ``phrases``; then what the fonts need, for the editor who wants the form."""
    if not gap.written:
        return ""
    entries = ", ".join(f'"{source}" = "{source}"' for source in dict.fromkeys(gap.written.values()))
    alone = f", or in the `phrases` of {edition_entry(edition)} for this edition alone" if edition.name else ""
    return f"To print the source's character instead, keep it in [phrases] of book.toml ({entries}){alone}. Else: "



def _also_at(places: list[Place]) -> str:
    """Where a finding's characters are, when at more than its first place: ``, at lines 3, 6 and 9``."""
    numbers = [place.line or place.paragraph for place in places]
    if len(places) < 2 or None in numbers:
        return ""
    kind = "lines" if places[0].line else "paragraphs"
    return f", at {kind} {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def uninstalled_fonts(edition: Edition, loaded: LoadedConfig, book: Book, locator: Locator) -> list[Finding]:
    """An error for each role (text, headings, code) none of whose fonts is installed; a warning for
    each language the book tags text with whose region's fonts are not (:func:`missing_regions`)."""
    missing = missing_fonts(edition.fonts, region_of(edition.language))
    return [Finding(severity="error", check="glyphs", message=f"{font.message}: the PDF cannot be made, "
                                                              "nor the characters checked",
                    file=shown(loaded.path, loaded.book_dir), line=fonts_line(loaded, edition, font.key),
                    hint=font.hint, editions=(edition_name(edition),))
            for font in missing] + missing_regions(book, edition, locator)


def theme_font_problems(theme: Theme, editions: Iterable[Edition], root: Path) -> list[Finding]:
    """A warning for each font the book's own sheets name that its text cannot be set in, at the
    sheet's line: a family not found, a font file missing or no font (:mod:`paiban.theme_fonts`).
    The build warns of them too."""
    sheets = {tuple(written_sheets(edition, fmt)) for edition in editions for fmt in FORMAT_SHEET}
    problems = dict.fromkeys(problem for names in sheets for problem in SheetFonts(theme.own_sheets(names)).problems())
    return [Finding(severity="warning", check="glyphs", message=problem.message, file=shown(problem.file, root),
                    line=problem.line, hint=problem.hint) for problem in problems]


def require_fonts(edition: Edition, loaded: LoadedConfig, book: Book, laid_out: bool) -> None:
    """Stop a build that needs a font it cannot find: to lay out the PDF or embed it in the EPUB
    (``laid_out``). An EPUB that only names it may be read where it is installed: a warning,
    since its characters cannot be checked here. Text tagged with a language whose region's fonts
    are missing is drawn in the edition's: a warning (:func:`missing_regions`)."""
    for font in missing_fonts(edition.fonts, region_of(edition.language)):
        line = fonts_line(loaded, edition, font.key)
        if laid_out:
            raise PaibanError(font.message, file=loaded.path, line=line, hint=font.hint)
        log.warning("%s: %s: the EPUB names it for reading devices that have it, but the book's characters "
                    "cannot be checked against it (%s)", f"{loaded.path}:{line}" if line else loaded.path,
                    font.message, font.hint)
    for finding in missing_regions(book, edition, Locator(edition)):
        log.warning("%s", finding.told(book.root))


# A lang attribute as lxml writes a body's (every lang is in BCP 47 case by then).
_LANG = patterns.compile(r' lang="([^"]+)"')


def missing_regions(book: Book, edition: Edition, locator: Locator) -> list[Finding]:
    """A warning for each language the book tags text with (a quotation in ``ja``, no-convert text
    in the source's ``zh-Hans``) whose region's Noto CJK is not installed, at the first text so
    tagged: the edition's fonts draw it (:func:`~paiban.edition.tagged_fonts`), in their region's
    glyph forms (骨, 直 differ), which no glyph check notices."""
    installed, own = installed_families(), region_of(edition.language)
    if not installed:
        return []  # no fontconfig: missing_fonts says so
    findings, seen = [], set()
    for article in book.articles:
        for lang in [*filter(None, [article.lang]), *_LANG.findall(article.body + (article.title_markup or ""))]:
            region = region_of(lang)
            if region in (None, own) or lang in seen:
                continue
            seen.add(lang)
            fonts = region_fonts(region)
            absent = [name for role in ROLES for name in fonts.chosen(role) if name not in installed]
            if absent:
                findings.append(_missing_region(lang, absent, article.source, book, edition, locator))
    return findings


def _missing_region(lang: str, absent: list[str], source: Path, book: Book, edition: Edition,
                    locator: Locator) -> Finding:
    package = package_of(absent[0])
    written = source.suffix.lower() not in BINARY_SUFFIXES  # a Word document's paragraphs are no lines
    line = next(filter(None, (locator.find(source, f"lang{tag}") for tag in (f"={lang}", f'="{lang}"'))), None)
    return Finding(
        severity="warning", check="glyphs",
        message=f"the text tagged lang={lang} is drawn in the edition's fonts ({edition.fonts.serif[0]}), in "
                f"their glyph forms: its region's are not installed ({', '.join(absent)})",
        file=shown(source, book.root), line=line if written else None,
        hint=(f"Install {package} (`apt-get install {package}`; `fc-list : family` lists the installed fonts)"
              if package else "Install it") + ", or take the lang off text that is not in that language.",
        editions=(edition_name(edition),))


def require_glyphs(book: Book, edition: Edition, loaded: LoadedConfig, theme: Theme,
                   answers: Shelf = NO_SHELF, bodies: Shelf = NO_SHELF, allowed: bool = False) -> frozenset[str]:
    """Stop a build whose edition would print characters its fonts lack; ``allowed``
    (``--allow-missing-glyphs``), warn of each at its file and line instead, as the error tells it,
    and return them: the editor still has to find the box each prints (WeasyPrint's own warning
    names no place, and an EPUB has none).

    ``theme``: the edition's (:func:`~paiban.convert.edition_theme`), whose templates print text too.
    ``answers`` keeps whether the fonts cover the book (:func:`_all_covered`); salt it with the
    theme's templates (:func:`~paiban.cache.template_digest`), whose text it keeps too.
    ``bodies`` keeps the characters of each article body (:func:`_bodies`)."""
    if _all_covered(book, edition, theme, answers, bodies):
        return frozenset()
    findings = missing_glyphs(book, edition, loaded, Locator(edition), theme)
    if allowed:
        for finding in findings:
            log.warning("%s", finding.told(book.root))
        return frozenset(char for finding in findings for char in finding.char or "")
    if findings:
        first = findings[0]
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        raise PaibanError(
            f"{first.message}{more}", file=book.root / first.file if first.file else None, line=first.line,
            hint=f"{first.hint} `paiban check` lists every one; `paiban build --allow-missing-glyphs` builds anyway.")
    return frozenset()


def _all_covered(book: Book, edition: Edition, theme: Theme, answers: Shelf = NO_SHELF,
                 bodies: Shelf = NO_SHELF) -> bool:
    """The quick answer for the usual book: every character in it is in every font it may use,
    so no passage needs looking at (and no line finding).

    The edition's fonts are every font it may use here: text tagged with another language is
    drawn in that language's fonts *followed by the edition's* (:func:`~paiban.edition.tagged_fonts`,
    :func:`~paiban.edition.english_fonts`), which draw all the edition's fonts draw. Counting
    each region's fonts as well changed no answer, and read the charsets of a dozen families more
    in every build of a book with a ``lang`` span.

    ``answers`` keeps it by the characters the book uses and fontconfig's charset of each family
    (all it depends on): reading and merging those charsets took 65 ms of an EPUB rebuild after a
    one-character edit (a 220-article book; 0.1 s under cProfile), and an edit rarely brings a
    character the book lacked. It keeps the characters of the edition's templates too: reading
    them out of the templates (Jinja's lexer) took 8 ms of every build. ``bodies`` keeps those of
    each article body (:func:`_bodies`)."""
    # (By what edition_theme converts them with.)
    printed = answers.memo(("templates", edition.conversion), lambda: _glyphs_of(text.text for text in theme.texts()))
    used = _used(book, printed, _bodies(book, bodies, edition))
    fonts, brought = edition.fonts, _brought(theme, edition)
    charsets = [(family, charset_text(family)) for family in fonts.families()]
    return answers.memo((used, fonts, charsets, brought), lambda: _covered(used, _coverages(fonts, brought)))


def _bodies(book: Book, tables: Shelf, edition: Edition) -> list[str]:
    """The characters of each article body, each once, in no order.

    Finding them is the one part of the glyph check that reads the whole book: 21 ms for a
    220-article book of 530,000 characters (Python makes each Chinese character a string of its
    own), paid again after a one-article edit. So each edition keeps a table of them in
    ``tables``, by the SHA-256 of the body: a body is looked at when it is new, and the table,
    written again when the bodies changed, holds only the edition's current ones. Which of them
    need a glyph is asked once, of them all (:func:`_used`): asked of each body, it doubled the
    time of a build with no table (0.12 → 0.24 s, 1,105 articles).

    A body's markup as it is, not just its text (a third of the time): the tags add ASCII, which
    every font has, and lxml wrote every other character as itself, never as a reference. A
    character found only in an attribute can at worst send the book down the exact path."""
    key = (book.slug, edition_name(edition))
    known = tables.get(key)
    known = {} if known is MISSING else known
    table = {}
    for body in (article.body for article in book.articles):
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        table[digest] = known[digest] if digest in known else _characters(body)
    if table.keys() != known.keys():
        tables.put(key, table)
    return list(table.values())


def _characters(text: str) -> str:
    """Each character of ``text`` once, in no order."""
    return "".join(set(text))


def _used(book: Book, templates: str, bodies: list[str]) -> str:
    """Every character the book prints that needs a glyph (:func:`~paiban.fonts.needs_glyph`), in
    order; ``templates``: those its templates print; ``bodies``: those of its articles' bodies."""
    meta = book.meta
    texts = [THEME_TEXT, templates, meta.title, meta.subtitle or "", *meta.authors,
             *meta.editors, meta.publisher or "", meta.date or "", meta.rights or "", *book.labels.values()]
    for part in book.parts:
        texts += [part.title or "", *(chapter.title + heading_text(chapter) + (chapter.label or "")
                                      for chapter in part.chapters)]
    for article in book.articles:  # (a title's heading prints its ruby's readings, which its plain text leaves out)
        texts += [article.title, heading_text(article), *article.header_texts()]
    return _glyphs_of([*texts, *bodies])


def _glyphs_of(texts: Iterable[str]) -> str:
    """The characters of ``texts`` that need a glyph, each once, in order."""
    return "".join(sorted(filter(needs_glyph, set().union(*texts))))


def _covered(used: str, coverages: tuple[Coverage, ...]) -> bool:
    """Whether each of ``coverages`` has every character of ``used`` (none empty: a role none of whose
    fonts is installed)."""
    return all(coverages) and not any(covered.lacking(used) for covered in coverages)


def _coverages(fonts: Fonts, brought: Brought) -> tuple[Coverage, ...]:
    """What each role's list of ``fonts`` covers (nothing: none it chose is installed), each list once."""
    return tuple(dict.fromkeys(_drawable(fonts, role, brought) for role in ROLES))


def _fonts(passage: Passage, edition: Edition) -> Fonts:
    """The fonts that draw a passage, as fonts.css has them: text in another region's language
    uses that region's fonts, English text the Latin face before the edition's (ř in English
    text was an error, though the PDF draws it)."""
    lang = passage.lang or ""
    return english_fonts(edition.fonts) if is_english(lang) else tagged_fonts(edition, lang) or edition.fonts


def _looked_in(families: tuple[str, ...], brought: Brought) -> list[str]:
    """The families of a list that are installed or brought, which a missing glyph was looked for
    in: a Latin face not installed here (Noto Serif) is no font the character was missing from."""
    installed, faced = installed_families(), dict(brought)
    return [family for family in families if family in installed or family in faced]


def _listed(families: list[str]) -> str:
    """``families`` quoted, for a message."""
    return ", ".join(map(quoted, families))


def _hint(chars: str, role: str, loaded: LoadedConfig, edition: Edition, absent: list[str]) -> str:
    """What to do about ``chars`` (of one script: :func:`_script`) lacking from the ``role`` fonts,
    named where the edition names them (its [[editions]] entry, :func:`~.metadata.fonts_entry`, else
    [fonts]): add the installed font that fits them best (:func:`_suggested`), or install the Debian
    package that has one and add the family it holds for them (:mod:`.font_sources`), whatever else
    the list names; and install or bring those of its families that are not (``absent``) and may
    have them (:func:`_not_installed`). A private-use character is a font's own (a 造字 font's):
    that font, if it is installed, else the character it stands for."""
    entry = fonts_entry(loaded, edition, role)
    where = f"`{role}` of the fonts of {entry}" if entry else f"`{role}` of [fonts]"
    one = len(chars) == 1
    it, was, intended = ("it", "was", "the character intended") if one else ("them", "were", "the characters intended")
    private = unicodedata.category(chars[0]) == "Co"
    said = [f"{code_point(chars)} is a private-use code point: no standard font has it, and each font that does "
            "means something else by it." if one else
            f"{', '.join(map(code_point, chars))} are private-use code points: no standard font has them, and each "
            "font that does means something else by them."] if private else []
    not_installed = _not_installed(chars, absent, where, fonts_line(loaded, edition, role))
    if private:  # a family the list names is most likely the font the character was made for
        said += not_installed
    source = package_for(chars[0])
    suggested = _suggested(chars, role, source)
    if suggested:
        add = _added(suggested[0][0], role, where, entry)
        said.append(f"Installed fonts that have {it}: {_counted(suggested[:3], len(chars))}. " + (
            f"If one is the font {it} {was} made for, add it {add}; else replace {it} with {intended}."
            if private else f"Add one {add}."))
        family = source.family(role)
        if not private and family and family != suggested[0][0] and family not in installed_families():
            said.append(f"Or install {source.package} (`apt-get install {source.package}`) and add {quoted(family)} "
                        "instead.")
    elif private:
        said.append(f"Else replace {it} with {intended}." if not_installed else f"Replace {it} with {intended}, "
                    f"or install the font made for {it} and add its family to {where} in book.toml.")
    else:
        said.append(f"No installed font has {it}. {_installed(source, role, where, entry)}")
    if not private:
        said += not_installed
    return " ".join(said)


def _installed(source: Source, role: str, where: str, entry: str | None) -> str:
    """What to install for characters no installed font has (from ``source``) and what to add to
    the list ``where``: the package's family for the role when :mod:`.font_sources` knows it."""
    if source.package is None:
        return ("No Debian package has one (it is among Unicode's newest ideographs): install a font that does "
                f"and add its family to {where} in book.toml.")
    install = f"`apt-get install {source.package}`{f', which has {source.part}' if source.part else ''}"
    if family := source.family(role):
        return f"Install {source.package} ({install}) and add {quoted(family)} {_added(family, role, where, entry)}."
    return f"Install one that does ({install}) and add its family to {where} in book.toml."


def _added(family: str, role: str, where: str, entry: str | None) -> str:
    """Where to add ``family``, with the line to write: ``after the others in … e.g. serif = [..., "…"]``."""
    listed = f'{role} = [..., "{family}"]'
    return f"after the others in {where} in book.toml, e.g. {f'fonts = {{ {listed} }}' if entry else listed}"


def _counted(families: list[tuple[str, int]], count: int) -> str:
    """``families`` (each with how many of ``count`` characters it has) for a hint: ``A, B (3 of 5)``."""
    return ", ".join(family if has == count else f"{family} ({has} of {count})" for family, has in families)


def _suggested(chars: str, role: str, source: Source) -> list[tuple[str, int]]:
    """The installed families that have any of ``chars``, each with how many, the fittest first:
    those that have the most of them; of those, the family ``source`` holds for the role (Noto
    Naskh Arabic for Arabic text), one named for their script (Noto Kufi Arabic) before one named
    for none (DejaVu Sans) and one named for another (Noto Serif Yezidi, which has the Arabic comma
    and question mark alone: it was suggested for Uyghur), then as :func:`_unfitting` ranks them."""
    counts: dict[str, int] = {}
    for char in chars:
        for family in _installed_with(char):
            counts[family] = counts.get(family, 0) + 1

    def fitting(family: str) -> tuple:
        own = source.script and named_for(family, source.script)
        other = any(named_for(family, script) for script in SCRIPTS if script != source.script)
        made_for = 0 if own else 2 if other else 1
        return -counts[family], family != source.family(role), made_for, *_unfitting(family, role)
    return [(family, counts[family]) for family in sorted(counts, key=fitting)]


def _not_installed(chars: str, absent: list[str], where: str, line: int | None) -> list[str]:
    """What to do about the families ``absent`` of the list ``where`` (at ``line`` of book.toml)
    that are not installed, for ``chars``: the installed family one is close to, if that has them
    (one that lacks them is no fix); else, as it may have them (Georgia, listed for the Latin
    letters, has no Chinese, but paiban cannot tell), its package, or how to install its font file
    or bring it in the book's ``fonts.css``, which replaces the theme's whole (README, Themes)."""
    at = f"{where}{f', book.toml line {line}' if line else ''}"
    it = "it" if len(chars) == 1 else "them"
    installed = installed_families()
    said, unknown = [], []
    for family in absent:
        if (meant := meant_family([family], installed)) is None:
            unknown.append(family)
        elif all(char in characters(meant) for char in chars):
            said.append(f"{quoted(family)} ({at}) is not installed: did you mean {quoted(meant)}? That family "
                        f"is installed and has {it}.")
    by_package: dict[str | None, list[str]] = {}
    for family in unknown:
        by_package.setdefault(package_of(family), []).append(family)
    for package, families in by_package.items():
        names = f"{_listed(families)} ({at}) {'is' if len(families) == 1 else 'are'} not installed"
        one = "it has" if len(families) == 1 else "one has"
        if package:
            said.append(f"{names}: if {one} {it}, install {'it' if len(families) == 1 else 'them'} with "
                        f"`apt-get install {package}`.")
        else:
            said.append(f"{names}: if {one} {it}, install its font file (copy it into ~/.local/share/fonts/ and run "
                        "`fc-cache`: `fc-list : family` then lists it), or put the file in the book's styles/ and "
                        f'bring it with @font-face {{ font-family: "{families[0]}"; src: url(the-file.ttf) }} in '
                        "the book's styles/fonts.css (a fonts.css of the book's replaces the default theme's whole, "
                        f"so begin it as a copy of {default_theme_dir() / 'fonts.css'}).")
    return said


# Words of a family's name that say it is no text face: a maths, symbol or emoji font.
_NOT_TEXT = {"Math", "Symbol", "Symbols", "Emoji", "Music", "Dingbats"}
# The word of a family's name that says it fits a role (a sans is also not named Mono).
_ROLE_WORDS = {"serif": {"Serif"}, "sans": {"Sans"}, "mono": {"Mono"}}


def _unfitting(family: str, role: str) -> tuple[bool, bool, bool, str]:
    """How ill ``family`` fits the ``role`` it is suggested for (sorts first when it fits best):
    a face named for the role (Serif for text, Sans for headings, Mono for code) before another,
    a text face before a maths or symbol one (DejaVu Math TeX Gyre was suggested for every role,
    first of an alphabetical list), a proportional face before a mono one for text, then by name."""
    words = set(family.split())
    fits = bool(words & _ROLE_WORDS[role]) and (role == "mono" or "Mono" not in words)
    return not fits, bool(words & _NOT_TEXT), role != "mono" and "Mono" in words, family


@functools.cache
def _installed_with(char: str) -> list[str]:
    """Installed families whose character map has ``char`` (fontconfig's ``:charset=`` query)."""
    return sorted({names.split(",")[0].strip() for names in fontconfig.listing(f":charset={ord(char):x}", "family")
                   if names.strip()})
