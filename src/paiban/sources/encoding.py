"""What encoding an article file is in: detected, never guessed silently.

Editors get files in UTF-8 (with or without a BOM), UTF-16 (with a BOM), GB18030 and its
subsets GBK and GB2312, and Big5. UTF-8 and BOMs are certain; otherwise charset-normalizer
chooses among the Chinese encodings only, because a short Chinese text also "decodes" as
Korean or Japanese. When it judges none (a line of rare characters), a strict decode that
gives Chinese text is taken, GB18030 first. When two encodings fit equally well, the reading
names the rival (the article reader warns about it, once: a second reading, to find a line,
stays quiet); bytes that fit none are an error naming the byte and line where the encoding
that reads furthest fails (a line pasted in from another file, a file cut short), binary
data (NUL bytes outside UTF-16) an error saying what it looks like (a PNG image, a zip
archive) or naming the byte, and UTF-16 without a BOM is an error saying so.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from .. import patterns
from ..chars import HANGUL, HAS_HAN
from ..errors import PaibanError, unreadable

log = logging.getLogger("paiban")

# GB18030 is a superset of GBK and GB2312, so it reads all three.
CANDIDATES = ("gb18030", "big5")
_NAMES = {"utf_8": "UTF-8", "utf_8_sig": "UTF-8", "utf_16": "UTF-16", "gb18030": "GB18030", "big5": "Big5",
          "shift_jis": "Shift-JIS", "euc_kr": "EUC-KR", "utf_32": "UTF-32"}
# A rival encoding whose reading is this close in mess ratio makes the choice uncertain.
_CLOSE = 0.05
# Control characters never found in text. With a NUL among them the file is binary (or not
# text in this encoding); without one they are junk in real text, removed later (paiban.chars).
_BINARY = patterns.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CHINESE_MARKS = "。，、；：？！“”‘’（）《》「」"
# Characters no text has: unassigned code points (an ideograph newer than Python's database,
# Extension H in 3.11's, is text: HAS_HAN), controls other than tabs and line ends.
_NOT_TEXT = frozenset({"Cn", "Cc"})
# How the files most often given an article's name by mistake begin, to say what a binary file is.
_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"%PDF-": "a PDF document", b"PK\x03\x04": "a zip archive",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Word .doc or Excel .xls file",
    b"\x7fELF": "a program", b"MZ": "a Windows program", b"\x1f\x8b": "a gzip archive", b"Rar!": "a RAR archive",
}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a readable name: UTF-8, UTF-16, GB18030, Big5
    rival: str | None = None  # another encoding that reads the bytes as well (the choice is uncertain)

    def warn_if_uncertain(self, path: Path) -> None:
        """Tell the user when the encoding was a choice between equals: the text may be garbled."""
        if self.rival:
            log.warning("%s: the encoding is uncertain: read as %s, but %s fits as well; check the text "
                        "(or save the file as UTF-8)", path, self.encoding, self.rival)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an error naming the file."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise unreadable(error, path) from None


def read_text(path: Path) -> Decoded:
    """The text of the file at ``path`` and the encoding it was read in."""
    return decode_bytes(read_bytes(path), path)


def decode_bytes(data: bytes, path: Path) -> Decoded:
    """Decode ``data`` (the content of ``path``), detecting its encoding."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # (UTF-32LE's begins as UTF-16LE's does)
        return _checked(data, "utf_32", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data, "utf_16", path)
    try:  # UTF-8 first: valid UTF-8 with a stray NUL is text with junk in it, not UTF-16
        return _checked(data, "utf_8_sig", path)
    except UnicodeDecodeError as not_utf8:
        if data.startswith(codecs.BOM_UTF8):  # the decoder counts from after the BOM
            raise _undecodable(data, {"utf_8": not_utf8.start + len(codecs.BOM_UTF8)}, path,
                               " (it starts with a UTF-8 BOM)") from None
        failed_at = not_utf8.start
    if order := _utf16_without_bom(data):
        raise _no_bom(order, path)
    if (nul := data.find(b"\x00")) >= 0:  # no Chinese encoding has NULs in its text
        raise _binary(data, nul, data.count(b"\n", 0, nul) + 1, path)
    import charset_normalizer  # only for the rare file that is not UTF-8: a start-up cost otherwise

    matches = [match for match in charset_normalizer.from_bytes(data, cp_isolation=list(CANDIDATES))
               if match.encoding in CANDIDATES]
    if not matches:
        return _strict_reading(data, failed_at, path)
    lowest = min(match.chaos for match in matches)
    # Readings charset-normalizer cannot tell apart (a short text reads as well in either): the
    # one with more of the marks every Chinese text is full of, then GB18030, the more common.
    marks = {match.encoding: _marks(str(match)) for match in matches if match.chaos - lowest <= _CLOSE}
    best, *others = sorted(marks, key=lambda encoding: (-marks[encoding], CANDIDATES.index(encoding)))
    rivals = [encoding for encoding in others if marks[encoding] == marks[best]]
    decoded = _checked(data, best, path)
    return _in_its_script(replace(decoded, rival=_NAMES[rivals[0]]) if rivals else decoded, data, path)


def _strict_reading(data: bytes, failed_at: int, path: Path) -> Decoded:
    """The first candidate that decodes ``data`` strictly into Chinese text, for what
    charset-normalizer judges too little to go on; another that does too is its rival."""
    readings, failures = [], {"utf_8": failed_at}
    for encoding in CANDIDATES:
        try:
            decoded = _checked(data, encoding, path)
        except UnicodeDecodeError as error:
            failures[encoding] = error.start
            continue
        if HAS_HAN.search(decoded.text):
            readings.append(decoded)
    if not readings:
        # Western text first: read as UTF-16, pairs of ASCII letters are Han characters (ma is 浡).
        if (western := _western(data)) is not None:
            return _read_as(western[0], "Windows-1252", f"Western text ({western[1]})", path,
                            "it is neither UTF-8 nor a Chinese encoding")
        if order := _chinese_in_utf16(data):  # no NUL, so _utf16_without_bom could not tell
            raise _no_bom(order, path)
        raise _undecodable(data, failures, path)
    first, *others = readings
    return _in_its_script(replace(first, rival=others[0].encoding) if others else first, data, path)


# What a Chinese encoding's commonest characters are: GB2312's first level, and Big5's frequent
# ones (Traditional text saved as GBK has those). Chinese read right has nearly all its Han
# characters among them, in either script; Shift-JIS read as GB18030 (擔杮岅偺婰帠) none of its own.
_COMMON = (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6))
_FEWEST_COMMON = 0.3


def _in_its_script(decoded: Decoded, data: bytes, path: Path) -> Decoded:
    """``decoded``, or the bytes read in the encoding they are plainly in, when a Chinese one
    misread them without an error and said nothing: Japanese in Shift-JIS, Korean in EUC-KR,
    Western text in Windows-1252, or the other Chinese encoding. Each only on its own clear marks:
    a list of names, a poem or a menu spaced and without marks is Chinese too."""
    if decoded.encoding not in ("GB18030", "Big5"):
        return decoded
    text, han = decoded.text, HAS_HAN.findall(decoded.text)
    not_chinese = f"it does not read as Chinese in {decoded.encoding}"
    inside_words = _IN_A_LATIN_WORD.findall(text)
    if len(inside_words) >= 2 and 2 * len("".join(inside_words)) >= len(han) \
            and (western := _western(data)) is not None:
        return _read_as(western[0], "Windows-1252", f"Western text ({western[1]})", path, not_chinese)
    if len(han) < 6:
        return decoded
    share = _common_share(han)
    if not _marks(text):  # Japanese and Korean read as Chinese have none of Chinese prose's marks
        # Japanese by its kana, or kanji alone (東京都千代田区, names) by their being common ones
        # where the Chinese reading's are rare (搶嫗搒愮戙揷嬫).
        if (reading := _strictly(data, "shift_jis")) is not None and (_japanese(reading) or (
                share < _FEWEST_COMMON and _common_share(HAS_HAN.findall(reading)) >= 0.8)):
            return _read_as(reading, "Shift-JIS", "Japanese text", path, not_chinese)
        if (reading := _strictly(data, "euc_kr")) is not None and _korean(reading):
            return _read_as(reading, "EUC-KR", "Korean text", path, not_chinese)
    if len(han) < 10:
        return decoded
    other, codec = ("Big5", "big5") if decoded.encoding == "GB18030" else ("GB18030", "gb18030")
    # The other Chinese encoding's reading, when its characters are the common ones and these are
    # not (Big5's element names 氫 氦 鋰 read as GB18030 came out 睟 綴 筫, half of them common).
    if share <= 0.6 and (reading := _strictly(data, codec)) is not None \
            and _common_share(HAS_HAN.findall(reading)) >= 0.9 and _marks(reading) >= _marks(text):
        return _read_as(reading, other, "Chinese text", path, not_chinese)
    if share < _FEWEST_COMMON and not _marks(text):  # rare characters all, and no Chinese mark: misread
        log.warning("%s: the text does not read as Chinese in %s, the encoding it fits best (its characters are "
                    "mostly rare ones): check it, or save the file as UTF-8", path, decoded.encoding)
    return decoded


def _read_as(text: str, encoding: str, what: str, path: Path, why: str) -> Decoded:
    """``text``, read in ``encoding``, with the warning that says so and ``why``."""
    log.warning("%s: read as %s, %s: %s (save the file as UTF-8 to be sure)", path, encoding, what, why)
    return Decoded(text, encoding)


def _strictly(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _common_share(han: list[str]) -> float:
    return sum(1 for character in han if any(_leads(character, *common) for common in _COMMON)) / max(len(han), 1)


def common_han_share(text: str) -> float:
    """The share of ``text``'s characters beyond ASCII that are common Han characters: how well a
    reading too short for the tests above (a file's name) reads as Chinese. GBK reads some Big5
    names without an error, as rare characters and kana (測試文件 as 代刚ゅン)."""
    beyond_ascii = [character for character in text if not character.isascii()]
    return _common_share(beyond_ascii) if beyond_ascii else 0.0


def _japanese(text: str) -> bool:
    """Whether ``text`` reads as Japanese: a tenth of it kana at least."""
    return len(_KANA.findall(text)) >= 0.1 * len("".join(text.split()))


def _korean(text: str) -> bool:
    """Whether ``text`` reads as Korean: a third of it Hangul at least, few Han characters (Chinese
    read as EUC-KR is Hangul and Han mixed, a third of it Han), and a quarter of its syllables
    among Korean's commonest (Chinese read so, a list of names spaced as Korean's words are, is
    syllables of every kind: 냈베 뼝빽)."""
    size = len("".join(text.split()))
    hangul = _HANGUL.findall(text)
    return (len(hangul) >= 0.3 * size and len(HAS_HAN.findall(text)) <= 0.05 * size
            and sum(syllable in _COMMON_HANGUL for syllable in hangul) >= 0.25 * len(hangul))


# Korean's commonest syllables, some two in five of any Korean text's.
_COMMON_HANGUL = frozenset("이다는의에을를하고가한지서기로사리도자수대어나니인정들시있으해일적국전게것부과요라주보만거"
                           "상장우마내무아소성원유동제년세면문히생간까경발여된학었습입그위또더저였했할합")


_KANA = patterns.compile(r"[\u3040-\u30ff]")
_HANGUL = patterns.compile(f"[{HANGUL}]")
# One or two Han characters inside a Latin word: a Western letter and the byte after it read as one
# Chinese character (Bär as B鋜, äußerst as 鋟遝rst), where Chinese text's come in longer runs.
_IN_A_LATIN_WORD = patterns.compile(r"(?<=[A-Za-z])[\u4e00-\u9fff]{1,2}(?![\u4e00-\u9fff])"
                                    r"|(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{1,2}(?=[A-Za-z])")


def _leads(character: str, codec: str, low: int, high: int) -> bool:
    """Whether ``character`` is among ``codec``'s commonest, by its first byte there."""
    try:
        return low <= character.encode(codec)[0] <= high
    except UnicodeEncodeError:
        return False


def _western(data: bytes) -> tuple[str, str] | None:
    """``data`` read as Windows-1252, and a word of it, when it reads as Western text there: ASCII
    but for a few letters (café, Zürich), which neither UTF-8 nor a Chinese encoding reads. (The
    hint was ``iconv -c -f UTF-8``, which would have left those letters out.)"""
    high = sum(byte >= 0x80 for byte in data)
    if not high or high > len(data) // 4:
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if not all(character.isalpha() or character in "‘’“”–—…€£°·«»" for character in text if ord(character) >= 0x80):
        return None
    # Western letters are lowercase but at a word's start (ção, Größe, École); a Chinese character's
    # two bytes read so are mostly capitals (A型 is AÐÍ, T恤 TÐô).
    letters = [character for character in text if ord(character) >= 0x80 and character.isalpha()]
    if letters and sum(character.islower() for character in letters) < 0.6 * len(letters):
        return None
    word = next(word for word in text.split() if any(ord(character) >= 0x80 for character in word))
    return text, word.strip(",.;:!?()\"'")


def _utf16_without_bom(data: bytes) -> str | None:
    """``UTF-16LE`` or ``UTF-16BE`` when ``data`` is UTF-16 without a BOM: it has NULs (the high
    bytes of line ends, spaces, digits) and reads as text in that byte order. Counting where
    the NULs fall cannot tell: 一 (U+4E00) has one in its low byte. The wrong order can: its
    line end is U+0A00, which is no character."""
    if b"\x00" not in data:
        return None
    return _utf16_order(data, lambda text: not any(
        unicodedata.category(char) in _NOT_TEXT and char not in "\t\n\r" and not HAS_HAN.match(char)
        for char in text))


def _marks(text: str) -> int:
    """How many of the full-width marks of Chinese prose ``text`` holds (a wrong reading has
    others in their place: GBK's 。 read as Big5 is ﹝)."""
    return sum(text.count(mark) for mark in _CHINESE_MARKS)


def _checked(data: bytes, encoding: str, path: Path) -> Decoded:
    """Decode strictly (``UnicodeDecodeError`` propagates); binary data (it has NULs) is refused."""
    text = data.decode(encoding)
    if "\x00" in text and (binary := _BINARY.search(text)):
        offset = len(data) - len(text[binary.start():].encode(_without_bom(encoding, data)))
        raise _binary(data, offset, text.count("\n", 0, binary.start()) + 1, path)
    return Decoded(text, _NAMES[encoding])


def _binary(data: bytes, offset: int, line: int, path: Path) -> PaibanError:
    """The error for binary data: what it is when its first bytes tell (a picture or an archive
    saved under an article's name), else its first control character, at ``offset`` on ``line``."""
    kind = next((name for signature, name in _SIGNATURES.items() if data.startswith(signature)), None)
    hint = "Articles are text files (.txt, .md, .html) or Word documents (.docx)."
    if kind:
        return PaibanError(f"binary data, not text (it looks like {kind})", file=path, hint=hint)
    return PaibanError(f"binary data, not text: byte {offset} (0x{data[offset]:02x}) is a control character",
                       file=path, line=line, hint=hint)


def _without_bom(encoding: str, data: bytes) -> str:
    """The codec that encodes text back to ``data``'s bytes after its BOM."""
    if encoding == "utf_32":
        return "utf_32_le" if data.startswith(codecs.BOM_UTF32_LE) else "utf_32_be"
    if encoding == "utf_16":
        return "utf_16_le" if data.startswith(codecs.BOM_UTF16_LE) else "utf_16_be"
    return "utf_8" if encoding == "utf_8_sig" else encoding


def _undecodable(data: bytes, failures: dict[str, int], path: Path, why: str = "") -> PaibanError:
    """The error for bytes no encoding reads, ``failures``: where each tried (UTF-8 first) fails.
    It points where the one that reads furthest fails, the likeliest to be the file's: a GBK
    novel with a line pasted in as UTF-8 is not UTF-8 from its first byte, but that says
    nothing of where to look. A plain ``iconv`` fails on such a file too: the hint is one that works."""
    encoding = max(failures, key=failures.__getitem__)  # of equals, the first: UTF-8, then GB18030
    offset, name = failures[encoding], _NAMES[encoding]
    line = data.count(b"\n", 0, offset) + 1
    others = " or ".join(_NAMES[other] for other in failures if other != encoding)
    convert = f"`iconv -c -f {name} -t UTF-8 in.txt > out.txt`"
    if _cut_short(data, encoding):
        hint = (f"The file ends partway through a character, as one cut short does (an interrupted download): "
                f"get it again, or convert it with {convert}, which leaves the broken end out (and says so).")
    else:
        hint = (f"Convert the file with {convert}, which leaves out what it cannot read, then retype line "
                f"{line} (text pasted in another encoding, or broken bytes).")
    return PaibanError(
        f"cannot decode the text: byte {offset} (0x{data[offset]:02x}) is not valid {name}{why}"
        + (f", the encoding that reads furthest into it (nor is it {others})" if others else ""),
        file=path, line=line, hint=hint)


def _cut_short(data: bytes, encoding: str) -> bool:
    """Whether ``data`` is valid ``encoding`` but for its end, which stops partway through a character."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _no_bom(order: str, path: Path) -> PaibanError:
    return PaibanError(f"the text looks like {order} without a byte order mark (BOM)", file=path,
                       hint=f"Save the file as UTF-8 (e.g. `iconv -f {order} -t UTF-8 in.txt > out.txt`).")


def _chinese_in_utf16(data: bytes) -> str | None:
    """``UTF-16LE`` or ``UTF-16BE`` when ``data``, which no Chinese encoding reads, reads in that
    byte order as Chinese text (nine in ten of its characters Han or Chinese marks): all-Chinese
    UTF-16 has no NUL byte to give it away."""
    def chinese(text: str) -> bool:
        text = text.strip()
        han_or_marks = sum(bool(HAS_HAN.match(char)) or char in _CHINESE_MARKS for char in text)
        return bool(text) and han_or_marks >= 0.9 * len(text)

    return _utf16_order(data, chinese)


def _utf16_order(data: bytes, fits: Callable[[str], bool]) -> str | None:
    """The byte order (``UTF-16LE``, ``UTF-16BE``) in which ``data`` decodes to a text that ``fits``."""
    for order in ("UTF-16LE", "UTF-16BE"):
        try:
            text = data.decode(order)
        except UnicodeDecodeError:
            continue
        if fits(text):
            return order
    return None
