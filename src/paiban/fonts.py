"""Which font families are installed (fontconfig), so a missing font is an error, not a silent fallback.

WeasyPrint falls back through fontconfig to whatever font has the glyph, and a book set in
the wrong face (or a different region's glyphs) is only noticed in print. So the fonts an
edition asks for are checked before any layout.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import fontconfig
from .chars import quoted
from .edition import Fonts

log = logging.getLogger("paiban")

# Where the default families come from, for the hint.
PACKAGES = {"Noto Serif CJK": "fonts-noto-cjk", "Noto Sans CJK": "fonts-noto-cjk",
            "Noto Sans Mono CJK": "fonts-noto-cjk"}


def package_of(family: str) -> str | None:
    """The Debian package a default family comes in (``None``: one paiban does not name)."""
    return next((package for prefix, package in PACKAGES.items() if family.startswith(prefix)), None)


@functools.cache
def installed_families() -> frozenset[str]:
    """Every family name fontconfig knows (``fc-list : family``); empty without fontconfig."""
    return frozenset(name.strip() for names in fontconfig.listing(":", "family") for name in names.split(",")
                     if name.strip())


@functools.cache
def font_file(family: str, style: str = "Regular") -> tuple[str, int] | None:
    """The file (and face index in a collection) fontconfig uses for ``family``; ``None`` if absent.

    ``fc-match`` always answers with *some* font, so the answer counts only if it is the family asked for.
    """
    answer = _match(family, style, "file", "index")
    return (answer[0], int(answer[1] or 0)) if answer else None


@functools.cache
def face_name(family: str) -> str | None:
    """The name an ``@font-face``'s ``local()`` finds the installed face of ``family`` by (its
    PostScript name, else its full name); ``None`` if it is not installed."""
    answer = _match(family, "Regular", "postscriptname", "fullname")
    return next(filter(None, answer), None) if answer else None


@functools.cache
def is_emoji_font(family: str) -> bool:
    """Whether fontconfig takes ``family`` for an emoji font (Noto Color Emoji, Twitter Color Emoji:
    those its ``45-generic.conf`` counts as ``emoji``). A pattern naming one asks for a colour face
    (``60-generic.conf``), which fontconfig ranks above the order of the pattern's families: in a
    list naming it, the emoji font comes first for every character it has, and drew the digits,
    ``#``, ``*`` and the spaces beside them (it has them, for keycaps) before the fonts listed
    ahead of it."""
    return "True" in (fontconfig.substituted(fontconfig.family_pattern(family), "%{color}") or "").split(",")


def _match(family: str, style: str, *fields: str) -> list[str] | None:
    """The ``fields`` of the face fontconfig picks for ``family`` in ``style`` (``fc-match``);
    ``None`` without fontconfig, or when it would substitute another family."""
    answer = fontconfig.match(f"{fontconfig.family_pattern(family)}:style={style}",
                              "\t".join(f"%{{{field}}}" for field in ("family", *fields)))
    fields_found = answer.split("\t") if answer is not None else []
    if len(fields_found) != 1 + len(fields) or family not in fields_found[0].split(","):
        return None
    return fields_found[1:]


@dataclass(frozen=True)
class Charset:
    """A set of characters as sorted, disjoint code point ranges (``ends`` inclusive), as
    fontconfig writes a face's: a Noto CJK face maps some 45,000 characters in about 2,000 ranges,
    read and searched in a fraction of the time a set of strings takes."""

    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    def __contains__(self, char: str) -> bool:
        at = bisect.bisect_right(self.starts, ord(char)) - 1
        return at >= 0 and ord(char) <= self.ends[at]

    def __bool__(self) -> bool:
        return bool(self.starts)

    @classmethod
    def of(cls, codes: Iterable[int]) -> Charset:
        """The set of the code points ``codes``."""
        starts: list[int] = []
        ends: list[int] = []
        for code in sorted(set(codes)):
            if ends and code == ends[-1] + 1:
                ends[-1] = code
            else:
                starts.append(code)
                ends.append(code)
        return cls(tuple(starts), tuple(ends))


@dataclass(frozen=True)
class Coverage:
    """What a CSS font list draws between its installed families: a character is looked for in
    each in turn, as fontconfig falls back, so a fallback's charset is read only for what the
    families before it lack (merging every family's ranges into one set, and reading all their
    charsets, took 0.2 s of a cold build)."""

    families: tuple[str, ...]
    # The characters of the families an @font-face of the book's sheets brings, which fontconfig does
    # not know (:func:`file_characters`), by family.
    brought: tuple[tuple[str, Charset], ...] = ()

    def lacking(self, chars: Iterable[str]) -> list[str]:
        """Those of ``chars`` that no family of the list draws."""
        remaining, brought = list(chars), dict(self.brought)
        for family in self.families:
            if not remaining:
                break
            charset = brought[family] if family in brought else characters(family)
            remaining = [char for char in remaining if char not in charset]
        return remaining

    def __contains__(self, char: str) -> bool:
        return not self.lacking(char)

    def __bool__(self) -> bool:
        """Whether any of its families is installed."""
        return any(map(charset_text, self.families))


@functools.cache
def charset_text(family: str, style: str = "Regular") -> str:
    """fontconfig's charset of the face ``family`` gets in ``style``, as it writes it (hex ranges;
    empty when the family is not installed): all :func:`characters` reads, so a key that changes
    whenever its answer can (the build cache keeps the glyph check's answer by it)."""
    answer = _match(family, style, "charset")
    return answer[0] if answer else ""


@functools.cache
def characters(family: str, style: str = "Regular") -> Charset:
    """The characters the installed ``family`` maps in ``style`` (empty when it is not installed).

    This is fontconfig's own charset of the face, read from its cache (a few milliseconds), not
    the font's cmap parsed afresh (0.1 s a face for Noto CJK): they are the same set, and it is
    the one Pango consults when it decides whether to fall back to another font.
    """
    spans = [span.partition("-") for span in charset_text(family, style).split()]
    return Charset(tuple(int(first, 16) for first, _, _ in spans),
                   tuple(int(last or first, 16) for first, _, last in spans))


def file_characters(paths: Iterable[Path]) -> Charset:
    """The characters the font files ``paths`` map (their cmaps; a collection's first face): a
    family an @font-face brings, which fontconfig does not know. A file it cannot read maps none."""
    codes: set[int] = set()
    for path in paths:
        status = path.stat()
        codes |= _mapped(path, status.st_mtime_ns, status.st_size)
    return Charset.of(codes)


@functools.cache
def _mapped(path: Path, modified: int, size: int) -> frozenset[int]:
    """The code points the font file ``path`` maps, as it was at ``modified`` (ns) with ``size`` bytes."""
    from fontTools.ttLib import TTFont  # only for a book that brings a font fontconfig does not know

    try:
        with TTFont(path, fontNumber=0, lazy=True) as font:
            return frozenset(font.getBestCmap() or ())
    except Exception:  # noqa: BLE001  damaged, or a WOFF2 without brotli: it draws nothing here
        return frozenset()


# The suffixes of font files (the EPUB carries OpenType, TrueType and WOFF).
FONT_SUFFIXES = frozenset({".otf", ".ttf", ".ttc", ".woff", ".woff2"})
# How a font file begins: OpenType (CFF), TrueType (two ways), a collection, WOFF, WOFF2.
_FONT_SIGNATURES = (b"OTTO", b"\x00\x01\x00\x00", b"true", b"ttcf", b"wOFF", b"wOF2")


def is_font_file(path: Path) -> bool:
    """Whether ``path`` holds a font (by its first bytes): a text or a picture named .otf is not one."""
    with path.open("rb") as file:
        return file.read(4) in _FONT_SIGNATURES


def first_file(families: tuple[str, ...], style: str = "Regular") -> tuple[str, int] | None:
    """The file of the first installed family of ``families`` (a fallback chain)."""
    return next(filter(None, (font_file(family, style) for family in families)), None)


# Not drawn, so they need no glyph: controls, format characters, line and paragraph separators.
_NOT_DRAWN = frozenset({"Cc", "Cf", "Zl", "Zp"})


def needs_glyph(char: str) -> bool:
    """Whether a character is drawn (variation selectors pick a glyph; they have none of their own)."""
    return unicodedata.category(char) not in _NOT_DRAWN and not (
        0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF)


# Each role's key in [fonts], and what it sets.
ROLES = {"serif": "text", "sans": "headings", "mono": "code"}


@dataclass(frozen=True)
class MissingFont:
    """A role none of whose fonts is installed."""

    key: str  # its key in [fonts]: serif, sans or mono
    role: str  # text, headings or code
    names: tuple[str, ...]
    meant: str | None = None  # an installed family one of the names is close to (see meant_family)

    @property
    def message(self) -> str:
        return f"no font for {self.role} is installed (asked for: {', '.join(self.names)})"

    @property
    def hint(self) -> str:
        if self.meant:
            return f"Did you mean {quoted(self.meant)}? That family is installed (`fc-list : family` lists them)."
        package = package_of(self.names[0])
        return ((f"Install it with `apt-get install {package}`, " if package else "Install one of them, ")
                + "or name an installed family in the [fonts] table of book.toml (see `fc-list : family`).")


def meant_family(names: Iterable[str], installed: Iterable[str], region: str | None = None) -> str | None:
    """The installed family one of ``names`` most likely means: the same name in other case
    (noto serif cjk sc), the name of a family without its region (Noto Serif CJK, of which SC, TC,
    HK, JP and KR are installed: ``region``'s, the book's, when it is among them), or a close
    spelling (Noto Serif CKJ SC); ``None`` when none is close."""
    by_case = {family.casefold(): family for family in installed}
    for name in names:
        asked = name.casefold().strip()
        if asked in by_case:
            return by_case[asked]
        regional = sorted(family for folded, family in by_case.items() if folded.startswith(f"{asked} "))
        if regional:
            return next((family for family in regional if region and family.endswith(f" {region}")), regional[0])
        if close := difflib.get_close_matches(asked, by_case, n=1, cutoff=0.85):
            return by_case[close[0]]
    return None


def missing_fonts(fonts: Fonts, region: str | None = None) -> list[MissingFont]:
    """The roles none of whose fonts is installed (none when fontconfig cannot tell); a role
    whose first choice is missing is only warned about, since the next one stands in. A Latin
    fallback (:attr:`~paiban.edition.Fonts.fallback`) stands in for none: it has no Chinese.
    ``region``: the edition's (SC, TC, HK), whose family a name without one most likely means."""
    families = installed_families()
    if not families:
        log.warning("cannot list the installed fonts (fontconfig is missing; `apt-get install fontconfig`)")
        return []
    missing = []
    for key, role in ROLES.items():
        names = fonts.chosen(key)
        present = [name for name in names if name in families]
        if not present:
            missing.append(MissingFont(key, role, names, meant_family(names, families, region)))
        elif present[0] != names[0]:
            log.warning("font %s for %s is not installed; using %s", quoted(names[0]), role, quoted(present[0]))
    return missing
