"""Glyph coverage: every character an edition prints must be in the fonts that edition names.

WeasyPrint silently draws a character its fonts lack from whatever font fontconfig finds, or
as an empty box when none has it; either way it is only seen in print. So the fonts are
looked up the way fontconfig does (``fc-match``), their character sets read from
fontconfig's cache, and every character of the edition checked against the font list of the role
that draws it (text, headings, code, or a no-convert span's region).
"""

from __future__ import annotations

import functools
from dataclasses import asdict
import logging
import unicodedata

from ..config import LoadedConfig
from ..edition import REGIONS, Edition, Fonts, region_fonts, tagged_fonts
from ..errors import PaibanError
from .. import fontconfig
from ..fonts import ROLES, Charset, characters, missing_fonts, needs_glyph
from ..model import Book
from ..theme import Theme
from .passages import THEME_TEXT, Locator, Passage, edition_name, once_per_line, passages, shown
from .report import Finding, code_point

log = logging.getLogger("paiban")

# Where to get a font for a character that no installed font has (Debian packages).
_PACKAGES = (
    ((0x3400, 0x4DBF), "fonts-hanazono"),
    ((0x20000, 0x3134F), "fonts-hanazono"),
    ((0x2600, 0x27BF), "fonts-noto-color-emoji"),
    ((0x1F000, 0x1FAFF), "fonts-noto-color-emoji"),
)


@functools.cache
def coverage(families: tuple[str, ...]) -> Charset:
    """The characters a CSS font list can draw: the union of its installed families' maps."""
    sets = [characters(family) for family in families]
    return sets[0] if len(sets) == 1 else Charset.of(span for charset in sets for span in charset.spans)


def missing_glyphs(book: Book, edition: Edition, loaded: LoadedConfig, locator: Locator,
                   theme: Theme) -> list[Finding]:
    """A finding for each character the edition's fonts lack, once per source line."""
    def places():
        for passage in passages(book, loaded, theme):
            families = _families(passage, edition)
            if not coverage(families):
                continue  # none of them is installed: uninstalled_fonts says so, naming the package
            lacking = {char for char in set(passage.text) if char not in coverage(families) and needs_glyph(char)}
            yield from ((passage, offset, families) for offset, char in enumerate(passage.text) if char in lacking)

    findings = []
    for passage, char, place, families in once_per_line(places(), locator):
        findings.append(Finding(
            severity="error", check="glyphs",
            message=f"{code_point(char)} {char} has no glyph in {', '.join(families)} "
                    f"({ROLES.get(passage.role, 'text')})",
            file=shown(passage.source, book.root), char=char, **asdict(place),
            hint=_hint(char, passage.role), editions=(edition_name(edition),)))
    return findings


def uninstalled_fonts(edition: Edition, loaded: LoadedConfig) -> list[Finding]:
    """An error for each role (text, headings, code) none of whose fonts is installed."""
    return [Finding(severity="error", check="glyphs", message=f"{font.message}: the PDF cannot be made, "
                                                              "nor the characters checked",
                    file=shown(loaded.path, loaded.book_dir), line=loaded.line_of("fonts", font.key),
                    hint=font.hint, editions=(edition_name(edition),))
            for font in missing_fonts(edition.fonts)]


def require_fonts(edition: Edition, loaded: LoadedConfig, laid_out: bool) -> None:
    """Stop a build that needs a font it cannot find: to lay out the PDF or embed it in the EPUB
    (``laid_out``). An EPUB that only names it may be read where it is installed: a warning,
    since its characters cannot be checked here."""
    for font in missing_fonts(edition.fonts):
        if laid_out:
            raise PaibanError(font.message, file=loaded.path, line=loaded.line_of("fonts", font.key), hint=font.hint)
        log.warning("%s: the EPUB names it for reading devices that have it, but the book's characters "
                    "cannot be checked against it (%s)", font.message, font.hint)


def require_glyphs(book: Book, edition: Edition, loaded: LoadedConfig, theme: Theme) -> None:
    """Stop a build whose edition would print characters its fonts lack (``--allow-missing-glyphs`` skips this).

    ``theme``: the edition's (:func:`~paiban.convert.edition_theme`), whose templates print text too."""
    if _all_covered(book, edition, theme):
        return
    findings = missing_glyphs(book, edition, loaded, Locator(edition), theme)
    if findings:
        first = findings[0]
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        raise PaibanError(
            f"{first.message}{more}", file=book.root / first.file if first.file else None, line=first.line,
            hint=f"{first.hint} `paiban check` lists every one; `--allow-missing-glyphs` builds anyway.")


def _all_covered(book: Book, edition: Edition, theme: Theme) -> bool:
    """The quick answer for the usual book: every character in it is in every font it may use,
    so no passage needs looking at (and no line finding)."""
    # Spans in another language draw with that region's font: its coverage counts only then.
    other_regions = any(' lang="' in article.body + (article.title_markup or "") for article in book.articles)
    coverages = _coverages(edition.fonts, other_regions)
    if not all(coverages):
        return False
    meta = book.meta
    texts = [THEME_TEXT, *(text.text for text in theme.texts()), meta.title, meta.subtitle or "", *meta.authors,
             *meta.editors, meta.publisher or "", meta.date or "", meta.rights or "", *book.labels.values()]
    for part in book.parts:
        texts += [part.title or "", *(chapter.title + (chapter.label or "") for chapter in part.chapters)]
    for article in book.articles:
        texts += [article.title, article.column or "", article.author or "", article.origin or ""]
    # An article's markup as it is, not just its text (a third of the time): the tags add ASCII, which
    # every font has, and lxml wrote every other character as itself, never as a reference. A
    # character found only in an attribute can at worst send the book down the exact path.
    used = set().union(*texts, *(article.body for article in book.articles))
    return all(char in covered for char in used if needs_glyph(char) for covered in coverages)


@functools.cache
def _coverages(fonts: Fonts, other_regions: bool) -> tuple[Charset, ...]:
    """What each font list an edition may draw with covers (an empty set: none of it is installed)."""
    families = [fonts.serif, fonts.sans, fonts.mono]
    if other_regions:
        families += [getattr(region_fonts(region), role) for region in dict.fromkeys(region for _, region in REGIONS)
                     for role in ("serif", "sans", "mono")]
    return tuple(coverage(names) for names in families)


def _families(passage: Passage, edition: Edition) -> tuple[str, ...]:
    """The font list that draws a passage: text in another region's language uses that region's fonts."""
    return getattr(tagged_fonts(edition, passage.lang or "") or edition.fonts, passage.role)


def _hint(char: str, role: str) -> str:
    if unicodedata.category(char) == "Co":
        return (f"{code_point(char)} is a private-use code point: no standard font has it, and each "
                "font that does means something else by it. Replace it with the character intended.")
    families = _installed_with(char)
    if families:
        return (f"Installed fonts that have it: {', '.join(families[:3])}. Add one after the others in "
                f"`{role}` of [fonts] in book.toml, e.g. {role} = [..., \"{families[0]}\"].")
    package = next((name for (low, high), name in _PACKAGES if low <= ord(char) <= high), "fonts-noto-core")
    return (f"No installed font has it. Install one that does (`apt-get install {package}`) and add "
            f"its family to `{role}` of [fonts] in book.toml.")


@functools.cache
def _installed_with(char: str) -> list[str]:
    """Installed families whose character map has ``char`` (fontconfig's ``:charset=`` query)."""
    return sorted({names.split(",")[0].strip() for names in fontconfig.listing(f":charset={ord(char):x}", "family")
                   if names.strip()})
