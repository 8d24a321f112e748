"""Where to get a font for characters no installed font has: the Debian package, and the family
in it to add to a list of [fonts], by the script the characters are written in.

The glyph check's hint named only the package (fonts-noto-core), which holds some 270 families:
the editor could not tell that Tibetan wants Noto Serif Tibetan. And of the installed families, it
named the first by name, a font for another script (Noto Serif Yezidi for the Arabic comma) or a
sans for the text (DejaVu Sans before Noto Naskh Arabic). A script's row names its family for the
text (serif) and for headings (sans; code takes the sans), and its name, which a family made for
it carries (Noto Naskh *Arabic*).

The rows, kept by hand, held a few dozen scripts: for Siddham, Brahmi or Sharada the hint named
the package alone, and the editor had to find Noto Sans Siddham among its families. A character of
no row is looked up by its script (Unicode's Script property, as fontTools has it) among the
families the package has for a script, most of them named with the script's Unicode name.
"""

from __future__ import annotations

import functools
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


# The families fonts-noto-core has for a script, by the words after "Noto Serif" and "Noto Sans":
# the package's 20201225 release (Debian 12), its fonts read with fc-scan. Each is the script's
# Unicode name (Siddham, Old Italic) but NKo, PhagsPa, Hmong Nyiakeng, Meroitic and Tamil
# Supplement, which rows of _SOURCES name. (No Noto Serif of Arabic: Noto Naskh Arabic is the text face.)
_NOTO_SERIF = frozenset((
    "Ahom", "Armenian", "Balinese", "Bengali", "Devanagari", "Dogra", "Ethiopic", "Georgian", "Grantha", "Gujarati",
    "Gurmukhi", "Hebrew", "Hmong Nyiakeng", "Kannada", "Khmer", "Khojki", "Lao", "Malayalam", "Myanmar", "Sinhala",
    "Tamil", "Tangut", "Telugu", "Thai", "Tibetan", "Yezidi"))
_NOTO_SANS = frozenset((
    "Adlam", "Anatolian Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum", "Bassa Vah", "Batak",
    "Bengali", "Bhaiksuki", "Brahmi", "Buginese", "Buhid", "Canadian Aboriginal", "Carian", "Caucasian Albanian",
    "Chakma", "Cham", "Cherokee", "Coptic", "Cuneiform", "Cypriot", "Deseret", "Devanagari", "Duployan",
    "Egyptian Hieroglyphs", "Elbasan", "Elymaic", "Ethiopic", "Georgian", "Glagolitic", "Gothic", "Grantha",
    "Gujarati", "Gunjala Gondi", "Gurmukhi", "Hanifi Rohingya", "Hanunoo", "Hatran", "Hebrew", "Imperial Aramaic",
    "Inscriptional Pahlavi", "Inscriptional Parthian", "Javanese", "Kaithi", "Kannada", "Kayah Li", "Kharoshthi",
    "Khmer", "Khojki", "Khudawadi", "Lao", "Lepcha", "Limbu", "Linear A", "Linear B", "Lisu", "Lycian", "Lydian",
    "Mahajani", "Malayalam", "Mandaic", "Manichaean", "Marchen", "Masaram Gondi", "Medefaidrin", "Meetei Mayek",
    "Mende Kikakui", "Meroitic", "Miao", "Modi", "Mongolian", "Mro", "Multani", "Myanmar", "Nabataean", "New Tai Lue",
    "Newa", "NKo", "Nushu", "Ogham", "Ol Chiki", "Old Hungarian", "Old Italic", "Old North Arabian", "Old Permic",
    "Old Persian", "Old Sogdian", "Old South Arabian", "Old Turkic", "Oriya", "Osage", "Osmanya", "Pahawh Hmong",
    "Palmyrene", "Pau Cin Hau", "PhagsPa", "Phoenician", "Psalter Pahlavi", "Rejang", "Runic", "Samaritan",
    "Saurashtra", "Sharada", "Shavian", "Siddham", "SignWriting", "Sinhala", "Sogdian", "Sora Sompeng", "Soyombo",
    "Sundanese", "Syloti Nagri", "Syriac", "Tagalog", "Tagbanwa", "Tai Le", "Tai Tham", "Tai Viet", "Takri", "Tamil",
    "Tamil Supplement", "Telugu", "Thaana", "Thai", "Tifinagh", "Tirhuta", "Ugaritic", "Vai", "Wancho", "Warang Citi",
    "Yi", "Zanabazar Square"))


def _noto(script: str) -> Source:
    """The row of a script that fonts-noto-core has a Noto Serif or a Noto Sans of, or both."""
    return Source("fonts-noto-core", script, f"Noto Serif {script}" if script in _NOTO_SERIF else None,
                  f"Noto Sans {script}" if script in _NOTO_SANS else None)


# HanaMinA has Extension A and the compatibility ideographs, HanaMinB Extensions B to F (fonts-hanazono
# 20170904, read with fc-scan). Mincho faces alone: the family for headings too.
_HANAZONO_A = Source("fonts-hanazono", serif="HanaMinA")
_HANAZONO_B = Source("fonts-hanazono", serif="HanaMinB")
_ARABIC = Source("fonts-noto-core", "Arabic", "Noto Naskh Arabic", "Noto Sans Arabic")
_MONGOLIAN = _noto("Mongolian")
_TANGUT = _noto("Tangut")
_MEROITIC = _noto("Meroitic")
_EMOJI = Source("fonts-noto-color-emoji", "Emoji", "Noto Color Emoji", "Noto Color Emoji")
# The first row that holds a character is its source. A Han character past them all (Extension I,
# 2023, and those after it) is in no package; a character of another script, in the family of its
# script (_by_script), else in fonts-noto-core, of a family that is not named here.
_SOURCES = (
    ((0x3400, 0x4DBF), _HANAZONO_A),  # CJK Extension A
    ((0xF900, 0xFAFF), _HANAZONO_A),  # compatibility ideographs
    ((0x20000, 0x2EBEF), _HANAZONO_B),  # Extensions B to F
    ((0x2F800, 0x2FA1F), _HANAZONO_A),  # compatibility ideographs supplement
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
    ((0x0F00, 0x0FFF), _noto("Tibetan")),
    ((0x1800, 0x18AF), _MONGOLIAN),  # Mongolian, Todo, Manchu, Sibe
    ((0x11660, 0x1167F), _MONGOLIAN),  # Mongolian Supplement
    ((0xA000, 0xA4CF), _noto("Yi")),
    ((0xA4D0, 0xA4FF), _noto("Lisu")),
    ((0x1950, 0x197F), _noto("Tai Le")),
    ((0x1980, 0x19DF), _noto("New Tai Lue")),
    ((0x1A20, 0x1AAF), _noto("Tai Tham")),
    ((0xA840, 0xA87F), _noto("PhagsPa")),
    ((0x16F00, 0x16F9F), _noto("Miao")),
    ((0x17000, 0x187FF), _TANGUT),
    ((0x18800, 0x18AFF), _TANGUT),  # Tangut Components
    ((0x1B170, 0x1B2FF), _noto("Nushu")),
    ((0x0530, 0x058F), _noto("Armenian")),
    ((0x0590, 0x05FF), _noto("Hebrew")),
    ((0x0700, 0x074F), _noto("Syriac")),
    ((0x0780, 0x07BF), _noto("Thaana")),
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
    ((0x07C0, 0x07FF), _noto("NKo")),
    ((0x10D00, 0x10D3F), _noto("Hanifi Rohingya")),
    ((0x10E80, 0x10EBF), _noto("Yezidi")),
    # Scripts whose families are not named with their Unicode name.
    ((0x11FC0, 0x11FFF), _noto("Tamil Supplement")),
    ((0x1E100, 0x1E14F), _noto("Hmong Nyiakeng")),  # Nyiakeng Puachue Hmong
    ((0x10980, 0x1099F), _MEROITIC),  # Meroitic Hieroglyphs
    ((0x109A0, 0x109FF), _MEROITIC),  # Meroitic Cursive
    # Symbols of the Arabic script that no Arabic face has (not Noto Naskh Arabic, as their script's).
    ((0x10E60, 0x10E7F), Source("fonts-noto-core", sans="Noto Sans Symbols2")),  # Rumi numerals
    ((0x1EE00, 0x1EEFF), Source("fonts-noto-core", sans="Noto Sans Math")),  # Arabic mathematical letters
)
# The rows' scripts, by name: a family named with one is made for that script (Noto Serif Yezidi, Noto Sans Tai Le).
_ROWS_OF_SCRIPTS = {source.script: source for _, source in _SOURCES if source.script}
SCRIPTS = frozenset(_ROWS_OF_SCRIPTS)


def named_for(family: str, script: str) -> bool:
    """Whether ``family`` is named with the name of ``script`` (as whole words)."""
    return f" {script} " in f" {family} "


@functools.cache
def source_of(char: str) -> Source | None:
    """Where ``char`` comes from: the row of :data:`_SOURCES` that holds it, else the family of its
    script (:func:`_by_script`); ``None`` for a character of neither."""
    return next((source for (low, high), source in _SOURCES if low <= ord(char) <= high), None) or _by_script(char)


def _by_script(char: str) -> Source | None:
    """The source of ``char``'s script: its rows' (Noto Naskh Arabic for the Arabic of no row), else
    the family fonts-noto-core has for it, named with its Unicode name (Noto Sans Siddham for 𑖢);
    ``None`` for a character of a script the package has no family for, or of none (punctuation, symbols)."""
    from fontTools.unicodedata import script, script_name  # some 40 ms to load: only for a character no font has

    name = script_name(script(char))
    return _ROWS_OF_SCRIPTS.get(name) or (_noto(name) if name in _NOTO_SERIF or name in _NOTO_SANS else None)


def package_for(char: str) -> Source:
    """Where to get a font for ``char``: its source (:func:`source_of`), else fonts-noto-core (a
    family not named) for any character but a Han one, which no package has."""
    return source_of(char) or (Source(None) if HAS_HAN.match(char) else Source("fonts-noto-core"))
