"""Characters no book can carry: removed with a warning naming where they were, never a crash;
and the characters paiban takes for Chinese (:data:`HAN`).

XML 1.0 (and so EPUB's XHTML and the OPF) cannot hold the C0 control characters other than
tab, line feed and carriage return, nor surrogates, U+FFFE or U+FFFF; lxml refuses to build a
tree with them. Text copied from the web brings them along, as does a ``\\u0001`` escape in
TOML or YAML and a ``&#1;`` reference in HTML. DEL and the C1 controls are legal XML but never
text a reader should see (HTML calls them parse errors), so they go too.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from . import patterns

log = logging.getLogger("paiban")

# Han ideographs, as a regular expression class's contents: the one definition every rule that asks
# whether a character is Chinese reads. Extension A, the unified and the compatibility ideographs,
# and planes 2 and 3 whole, which Unicode keeps for ideographs: Extensions B to I and those still
# to come. Ranges that stopped at Extension G (U+3134F) left Extension H (U+31350–U+323AF, 2022)
# out: a ! after such a character stayed half-width. Python's own database may not know the newest
# (3.11's, Unicode 14, calls Extension H unassigned): a rule that asks it about a character asks this first.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003fffd"
HAS_HAN = patterns.compile(rf"[{HAN}]")
# Hangul syllables, a regular expression class's contents: the letters Korean text has and Chinese has not.
HANGUL = "\uac00-\ud7af"
# CJK compatibility ideographs (塚 U+FA10, 漢 U+FA47, 兔 U+2F80F), a regular expression class's
# contents: each has a unified form (塚 U+585A) that OpenCC reads it as, and fonts draw it with that form's glyph.
COMPATIBILITY = "\uf900-\ufaff\U0002f800-\U0002fa1f"

ILLEGAL = patterns.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str, where: str | Path) -> str:
    """``text`` without the characters XML cannot carry; a warning names ``where`` if any were there."""
    found = ILLEGAL.findall(text)
    if not found:
        return text
    log.warning("%s: removed %d control or non-text character(s) (first: U+%04X) that an e-book "
                "cannot carry", where, len(found), ord(found[0]))
    return ILLEGAL.sub("", text)


# Characters a source holds unseen that change what prints: a bidirectional override reverses the
# text after it (反转 printed 转反, in every format: a trick to make text read otherwise than it
# is searched), and a byte order mark inside the text is a file's start pasted in, a character
# that breaks a word apart for search. (Embeddings and isolates stay: they order Arabic or Hebrew
# quoted in the text, and leave Chinese as it is.)
_UNSEEN = patterns.compile("[\u202d\u202e]|(?<=.)\ufeff", re.DOTALL)
_UNSEEN_NAMES = {"\u202d": "LEFT-TO-RIGHT OVERRIDE, which turns the text after it around",
                 "\u202e": "RIGHT-TO-LEFT OVERRIDE, which prints the text after it backwards (反转 as 转反)",
                 "\ufeff": "BYTE ORDER MARK, a file's start pasted into the text, which breaks a word apart"}


_UNSEEN_ANYWHERE = patterns.compile("[\u202d\u202e\ufeff]")


def without_unseen(text: str, where: str | Path) -> str:
    """``text`` (markup, its character references read) without the characters of :data:`_UNSEEN`,
    with a warning naming ``where``: written as references (``&#x202E;``), they passed
    :func:`source_text`, which reads the file as written."""
    return _unseen_removed(_UNSEEN_ANYWHERE, text, lambda at: str(where))


def _unseen_removed(unseen, text: str, where: Callable[[int], str]) -> str:
    """``text`` without what ``unseen`` finds, told at ``where`` the first one is (its offset)."""
    if not (found := unseen.search(text)):
        return text
    cleaned, count = unseen.subn("", text)
    log.warning("%s: removed %d invisible character(s) that change what prints; the first: U+%04X %s",
                where(found.start()), count, ord(found[0]), _UNSEEN_NAMES[found[0]])
    return cleaned


def source_text(text: str, source: Path) -> str:
    """An article's decoded ``text`` without what :func:`xml_safe` removes, nor the characters that
    change unseen what prints (:data:`_UNSEEN`); each kind told at the line of its first."""
    text = _unseen_removed(_UNSEEN, text, lambda at: f"{source}:{text.count(chr(10), 0, at) + 1}")
    if found := ILLEGAL.search(text):
        return xml_safe(text, f"{source}:{text.count(chr(10), 0, found.start()) + 1}")
    return text


# What the characters a name may hold unseen are called, where Unicode's name is not what an editor says.
_CALLED = {"\u3000": "full-width space", "\u00a0": "no-break space", "\t": "tab", "\ufeff": "byte order mark"}


def quoted(text: str) -> str:
    """``text`` (a file name, a path, a value) in quotes for a message, as its writer wrote it.

    Not ``repr``: that doubles a Windows path's backslashes and writes a full-width space as
    ``\\u3000``, which is not what the editor typed or sees in the folder. A character other than
    the plain space that shows as nothing or as a blank (U+3000, a zero-width space, a tab) is
    named after the quotes, since that is likely why the name does not match; one that shows as
    nothing (or would upset the terminal) is written ``<U+200B>`` in its place.
    """
    odd = dict.fromkeys(char for char in text if char != " " and unicodedata.category(char)[0] in "CZ"
                        and not HAS_HAN.match(char))  # (an ideograph newer than Python's database is no odd one)
    shown = "".join(f"<U+{ord(char):04X}>" if char in odd and unicodedata.category(char) != "Zs" else char
                    for char in text)
    mark = '"' if "'" in text and '"' not in text else "'"  # (a straight quote mark in its own quotes is unreadable)
    if not odd:
        return f"{mark}{shown}{mark}"
    return f"{mark}{shown}{mark} (it contains {' and '.join(f'the {_called(char)} U+{ord(char):04X}' for char in odd)})"


# Unicode's categories of characters that have no name of their own.
_UNNAMED = {"Cc": "control character", "Cs": "lone surrogate", "Co": "private-use character"}


def _called(char: str) -> str:
    """What an editor calls ``char``: 'full-width space', else its Unicode name in lower case."""
    return (_CALLED.get(char) or unicodedata.name(char, "").lower()
            or _UNNAMED.get(unicodedata.category(char), "unassigned character"))
