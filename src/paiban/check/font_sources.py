"""Where to get a font for characters no installed font has: the Debian package, and the family
in it to add to a list of [fonts], by the script the characters are written in.

The glyph check's hint named only the package (fonts-noto-core), which holds some 270 families:
the editor could not tell that Tibetan wants Noto Serif Tibetan. And of the installed families, it
named the first by name, a font for another script (Noto Serif Yezidi for the Arabic comma) or a
sans for the text (DejaVu Sans before Noto Naskh Arabic). A script's row names its family for the
text (serif) and for headings (sans; code takes the sans), and its name, which a family made for
it carries (Noto Naskh *Arabic*).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..chars import HAS_HAN


@dataclass(frozen=True)
class Source:
    """Where the characters of a script (or of a range of ideographs) come from."""

    package: str | None  # the Debian package that has a font for them; None: none has
    script: str = ""  # the word a family made for them is named with (Noto Sans *Mongolian*); "": none
    serif: str | None = None  # the family in the package for the text
    sans: str | None = None  # and for headings and code
    part: str | None = None  # what the package has of them, when not all

    def family(self, role: str) -> str | None:
        """The family to add to the ``role`` list (serif, sans, mono): the role's, else the other."""
        return (self.serif or self.sans) if role == "serif" else (self.sans or self.serif)


def _noto(script: str, serif: bool = True, sans: bool = True, package: str = "fonts-noto-core") -> Source:
    """The row of a script that fonts-noto-core has a Noto Serif and a Noto Sans of (or one)."""
    return Source(package, script, f"Noto Serif {script}" if serif else None, f"Noto Sans {script}" if sans else None)


_HANAZONO = Source("fonts-hanazono")
_ARABIC = Source("fonts-noto-core", "Arabic", "Noto Naskh Arabic", "Noto Sans Arabic")
_MONGOLIAN = _noto("Mongolian", serif=False)
_TANGUT = _noto("Tangut", sans=False)
_EMOJI = Source("fonts-noto-color-emoji", "Emoji", "Noto Color Emoji", "Noto Color Emoji")
# The first row that holds a character is its source. A Han character past them all (Extension I,
# 2023, and those after it) is in no package; a character of another script, in fonts-noto-core,
# of a family that is not named here.
_SOURCES = (
    ((0x3400, 0x4DBF), _HANAZONO),  # CJK Extension A
    ((0xF900, 0xFAFF), _HANAZONO),  # compatibility ideographs
    ((0x20000, 0x2EBEF), _HANAZONO),  # Extensions B to F
    ((0x2F800, 0x2FA1F), _HANAZONO),  # compatibility ideographs supplement
    ((0x30000, 0x323AF), Source("fonts-babelstone-han", part="about half of Extensions G and H")),
    ((0x2600, 0x27BF), _EMOJI),
    ((0x1F000, 0x1FAFF), _EMOJI),
    # The scripts of China's peoples and its neighbours' (fonts-noto-core 2020 has no Noto Sans
    # Tibetan, nor a Noto Serif of Mongolian, Yi, Arabic …; Noto Naskh Arabic is the text face).
    ((0x0600, 0x06FF), _ARABIC),
    ((0x0750, 0x077F), _ARABIC),  # Arabic Supplement
    ((0x08A0, 0x08FF), _ARABIC),  # Arabic Extended-A
    ((0xFB50, 0xFDFF), _ARABIC),  # presentation forms
    ((0xFE70, 0xFEFF), _ARABIC),
    ((0x0F00, 0x0FFF), _noto("Tibetan", sans=False)),
    ((0x1800, 0x18AF), _MONGOLIAN),  # Mongolian, Todo, Manchu, Sibe
    ((0x11660, 0x1167F), _MONGOLIAN),  # Mongolian Supplement
    ((0xA000, 0xA4CF), _noto("Yi", serif=False)),
    ((0xA4D0, 0xA4FF), _noto("Lisu", serif=False)),
    ((0x1950, 0x197F), _noto("Tai Le", serif=False)),
    ((0x1980, 0x19DF), _noto("New Tai Lue", serif=False)),
    ((0x1A20, 0x1AAF), _noto("Tai Tham", serif=False)),
    ((0xA840, 0xA87F), _noto("PhagsPa", serif=False)),
    ((0x16F00, 0x16F9F), _noto("Miao", serif=False)),
    ((0x17000, 0x187FF), _TANGUT),
    ((0x18800, 0x18AFF), _TANGUT),  # Tangut Components
    ((0x1B170, 0x1B2FF), _noto("Nushu", serif=False)),
    ((0x0530, 0x058F), _noto("Armenian")),
    ((0x0590, 0x05FF), _noto("Hebrew")),
    ((0x0700, 0x074F), _noto("Syriac", serif=False)),
    ((0x0780, 0x07BF), _noto("Thaana", serif=False)),
    ((0x0900, 0x097F), _noto("Devanagari")),
    ((0x0980, 0x09FF), _noto("Bengali")),
    ((0x0B80, 0x0BFF), _noto("Tamil")),
    ((0x0D80, 0x0DFF), _noto("Sinhala")),
    ((0x0E00, 0x0E7F), _noto("Thai")),
    ((0x0E80, 0x0EFF), _noto("Lao")),
    ((0x1000, 0x109F), _noto("Myanmar")),
    ((0x10A0, 0x10FF), _noto("Georgian")),
    ((0x1200, 0x139F), _noto("Ethiopic")),
    ((0x1780, 0x17FF), _noto("Khmer")),
    # Scripts that write the Arabic comma and question mark too (their fonts have them).
    ((0x07C0, 0x07FF), _noto("NKo", serif=False)),
    ((0x10D00, 0x10D3F), _noto("Hanifi Rohingya", serif=False)),
    ((0x10E80, 0x10EBF), _noto("Yezidi", sans=False)),
)
# The scripts' names: a family named with one is made for that script (Noto Serif Yezidi, Noto Sans Tai Le).
SCRIPTS = frozenset(source.script for _, source in _SOURCES if source.script)


def named_for(family: str, script: str) -> bool:
    """Whether ``family`` is named with the name of ``script`` (as whole words)."""
    return f" {script} " in f" {family} "


def source_of(char: str) -> Source | None:
    """The row of :data:`_SOURCES` that holds ``char``; ``None`` for a character of no row."""
    return next((source for (low, high), source in _SOURCES if low <= ord(char) <= high), None)


def package_for(char: str) -> Source:
    """Where to get a font for ``char``: its row, else fonts-noto-core (a family not named) for
    any character but a Han one, which no package has."""
    return source_of(char) or (Source(None) if HAS_HAN.match(char) else Source("fonts-noto-core"))
