"""Editions: the script a book is rendered in, and every decision that follows from it.

One function per decision, called by every renderer: the language tag
(:func:`edition_for`), the fonts (:func:`fonts_for`) and the output file name
(:func:`output_path`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import PaibanError

# OpenCC configs paiban supports, and the language tag of their output.
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
# The script each config reads: converting text that is not in it does nothing useful.
SOURCE_SCRIPT = {name: ("Hans" if name.startswith("s2") else "Hant") for name in TARGET_LANGUAGE}

FORMATS = ("epub", "pdf", "html")


@dataclass(frozen=True)
class Edition:
    """An edition: the OpenCC config that makes it (``None``: the source script) and its language."""

    language: str
    convert: str | None = None


@dataclass(frozen=True)
class Fonts:
    """CSS font-family names for body text, headings and code, most wanted first."""

    serif: tuple[str, ...]
    sans: tuple[str, ...]
    mono: tuple[str, ...]


def edition_for(source_language: str, convert: str | None) -> Edition:
    """The edition that ``convert`` makes of a book written in ``source_language``."""
    if convert is None:
        return Edition(language=source_language)
    if convert not in TARGET_LANGUAGE:
        raise PaibanError(
            f"unknown conversion {convert!r}",
            hint=f"Use one of the OpenCC configs: {', '.join(TARGET_LANGUAGE)}.",
        )
    script = "Hans" if source_language == "zh-Hans" else "Hant"
    if SOURCE_SCRIPT[convert] != script:
        raise PaibanError(
            f"{convert!r} converts from {SOURCE_SCRIPT[convert]} script, "
            f"but the book is written in {source_language}",
            hint="Pick a config that starts from the book's script "
                 f"({'s2t, s2tw, s2twp, s2hk' if script == 'Hans' else 't2s, tw2s, hk2s'}), "
                 "or fix `language` in [book].",
        )
    return Edition(language=TARGET_LANGUAGE[convert], convert=convert)


def fonts_for(language: str) -> Fonts:
    """Noto Serif CJK for text, Noto Sans CJK for headings (and its Mono for code), in the regional
    family of ``language``.

    Region matters: the same code point has different glyph forms in SC, TC and HK fonts.
    """
    region = {"zh-Hans": "SC", "zh-Hant-HK": "HK"}.get(language, "TC")
    return Fonts(serif=(f"Noto Serif CJK {region}",), sans=(f"Noto Sans CJK {region}",),
                 mono=(f"Noto Sans Mono CJK {region}",))


def output_path(directory: Path, slug: str, edition: Edition, fmt: str) -> Path:
    """``<slug>.<fmt>`` for the source edition, ``<slug>.<language>.<fmt>`` for a converted one."""
    stem = slug if edition.convert is None else f"{slug}.{edition.language}"
    return directory / f"{stem}.{fmt}"
