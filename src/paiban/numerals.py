"""Chapter numbers both ways (12 ↔ 十二), what a chapter's or a volume's line is, what a verse's
number is, and the order of a book's files by the numbers in their names.

Authors name their files 第1章 … 第10章 or 第一章 … 第十一章, not 01-…: taken by the raw name,
第10章 came before 第1章 and 第十一章 before 第二章, silently. Every place that orders a book's
files (its chapter folders, a folder's articles, the files a glob matches, a folder ``paiban
import`` reads) orders them with :func:`name_order`, so the book, its check and its import agree.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from . import patterns
from .punctuation import OPENING
from .units import CHINESE_UNITS

_DIGITS = "零一二三四五六七八九"
_VALUES = {**{digit: value for value, digit in enumerate(_DIGITS)}, "〇": 0, "两": 2, "兩": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_TEN_THOUSAND = "万萬"
_CHINESE = f"{''.join(_VALUES)}{''.join(_UNITS)}{_TEN_THOUSAND}"

# What a chapter's or a volume's line is, defined once here: a novel's file is split into chapters
# by it (:mod:`.novel`), a plain text's headings are found by it (:mod:`.sources.text`), a chapter's
# written number is its label by it (:mod:`.assemble`) and files are ordered by it (:func:`name_order`).
# Each place that had a list of its own read some lines the others did not (卷二, 第二编, 番外一).
# Every word is written in both scripts (第二節, 第一編, 尾聲, 終章, 後記): a Traditional novel's
# were text, and its epilogue went on the chapter before it.
# A number in either script: 12, １２, 十二, 一百零三, 〇七, 两百 (兩百), 一万 (一萬).
NUMERAL = rf"[\d{_CHINESE}]+"
# What parts a label from the title after it, or ends the line: 卷二 江南, 卷一·长安, 楔子：风起, 尾声—重逢.
SEPARATOR = r"[\s:：.．、·—-]"
_LABEL_END = rf"(?={SEPARATOR}|$)"
# A chapter's number (第三章, 第12回, 第二节, 第五篇, 第三集) and a volume's (第二卷, 第一部, 第二编, 第一部分;
# 卷二, and 卷之二 as 古籍 write it, only before a separator or the line's end: 卷起 is a word). A chapter's
# unit is no word's first character, nor a phrase's noun: 第一回合 is a fight's round, 第一节课 a class,
# 第二集的结尾 a sentence.
NUMBERED_CHAPTER = rf"第{NUMERAL}[章回节節篇集](?![合课課的])"
NUMBERED_VOLUME = rf"(?:第{NUMERAL}(?:部分|[卷部编編])|卷之?{NUMERAL}{_LABEL_END})"
# A chapter's or a volume's number written at the start of a title, the chapter's label (第三章　归途).
NUMBERED = rf"(?:{NUMBERED_CHAPTER}|{NUMBERED_VOLUME})"
# The volumes and chapters a novel does not number (上卷, and 卷上 or 卷之上 as 古籍 write it; 楔子,
# 番外一 …, 尾声), a word on its own.
VOLUME = rf"(?:{NUMBERED_VOLUME}|(?:[上中下]卷|卷之?[上中下]){_LABEL_END})"
CHAPTER = (rf"(?:{NUMBERED_CHAPTER}|(?:番外{NUMERAL}?|楔子|序章|序幕|引子|尾声|尾聲|终章|終章|后记|後記|完本感言)"
           rf"{_LABEL_END})")
# A chapter's or a volume's line, numbered or not.
HEADING = rf"(?:{VOLUME}|{CHAPTER})"
_HEADING = patterns.compile(HEADING)
# A volume's closing line (第一卷 完, 第二卷终, 第二卷（完）, 卷二 完结): text of the volume it ends, never
# a volume of its own nor a heading (the novel reader and the plain-text reader both ask).
VOLUME_END = patterns.compile(rf"^{VOLUME}{SEPARATOR}*[（(]?(?:完[结結]?|[终終]|[结結]束)[）)]?$")
# The number within a heading's label that orders it: a Chinese numeral, or 上 中 下 of a volume
# (上卷, 卷上, 卷之上).
_ORDINAL = patterns.compile(rf"[{_CHINESE}]+|[上中下](?=卷)|(?<=[卷之])[上中下]")
_SEQUENCE = {"上": 1, "中": 2, "下": 3}
_NUMBER = patterns.compile(r"(\d+)")
# A verse's number, as scripture writes one before each verse, up to three figures (a psalm has 176
# verses): in figures (1 起初, 1起初), raised (¹起初; a <sup>1</sup>'s text reads 1) or in brackets
# ([1]起初), the space after it, and the verse's first word after it, opening marks before it; not a
# number with its unit or what it counts (12 元的套餐, 1 号楼, 6月, 3个人: prose wrapped at its clauses
# opens lines so, and was told it had verses joined). Read with :func:`verse_count`.
# (Longest first, and in one order in every process: the pattern's text keys its stored program.)
_COUNTED = "|".join(sorted({*CHINESE_UNITS, *"号號年月日届屆名位层層楼樓所"},
                           key=lambda word: (-len(word), word)))
VERSE = (r"(?:(?P<figures>[1-9][0-9]{0,2})|\[(?P<bracketed>[1-9][0-9]{0,2})\]|(?P<raised>[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]{0,2}))"
         rf"[ \u00a0]?(?=[{re.escape(OPENING)}]*[^\W\d_])(?!{_COUNTED})")
_RAISED = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """``number`` in upper-case roman numerals (4 → IV): a Word list's or heading's number, and,
    lowered, the front matter's folios as CSS's ``lower-roman`` prints them."""
    written = ""
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        written += letters * count
    return written


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五: how chapters are numbered in Chinese."""
    if number < 10:
        return _DIGITS[number]
    if number < 20:
        return "十" + (_DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        return _DIGITS[number // 10] + "十" + (_DIGITS[number % 10] if number % 10 else "")
    hundreds, rest = divmod(number, 100)
    if not rest:
        return _DIGITS[hundreds] + "百"
    return _DIGITS[hundreds] + "百" + ("零" + _DIGITS[rest] if rest < 10 else
                                      ("一" if rest < 20 else "") + chinese_numeral(rest))


def verse_count(verse: re.Match[str]) -> int:
    """The count of the verse whose number a match of :data:`VERSE` found (¹² → 12)."""
    return int((verse["figures"] or verse["bracketed"] or verse["raised"]).translate(_RAISED))


def numeral_value(written: str) -> int:
    """The number ``written`` in figures (12, full-width １２ too) or as a Chinese numeral (十二, 一〇三:
    :func:`chinese_value`), as a chapter's, a date's or a page's number may be."""
    return int(written) if written.isdigit() else chinese_value(written)


def chinese_value(numeral: str) -> int:
    """十一 → 11, 一百零三 → 103, 两千 (兩千) → 2000, 一万二千 → 12000, and written digit by digit, 一〇三 → 103:
    the number a Chinese numeral (of :data:`NUMERAL`'s Chinese characters) writes."""
    if not any(char in _UNITS or char in _TEN_THOUSAND for char in numeral):
        return int("".join(str(_VALUES[char]) for char in numeral))
    total = section = digit = 0  # the ten thousands, what is below them, the digit not yet given a unit
    for char in numeral:
        if char in _VALUES:
            digit = _VALUES[char]
        elif char in _TEN_THOUSAND:
            total, section, digit = (section + digit or 1) * 10_000, 0, 0
        else:
            section, digit = section + (digit or 1) * _UNITS[char], 0  # 十一: a unit alone is one of it
    return total + section + digit


# The parts of a book that come before its numbered chapters and after them, in the order a book
# has them, each a name's first word (before a separator, a number or the file's suffix). Taken as
# text, 后记 came first of all (后 is U+540E), then 尾声, 序章, 番外 and only then 第1章. A 古籍's
# 卷首 (its front volume) and 卷末 (its closing one) came after 卷一 … 卷十.
_FRONT = ("题记|題記|献词|獻詞", "自序|代序|序言|序", "前言|导言|導言|引言|导论|導論|卷首语|卷首語|卷首",
          "楔子|引子|序章|序幕")
_BACK = ("尾声|尾聲|终章|終章|卷末", "番外", "附录|附錄", "后记|後記|跋|结语|結語|结束语|結束語|致谢|致謝|完本感言",
         "参考文献|參考文獻")
_PLACES = [(patterns.compile(rf"(?:{words})(?:{NUMERAL})?(?={SEPARATOR}|[.（(【\[A-Za-z]|$)"), place)
           for place, words in [*enumerate(_FRONT, -len(_FRONT)), *enumerate(_BACK, 1)]]


def name_order(path: PurePath) -> tuple:
    """The key that orders a book's files and folders: by each part of ``path`` in turn, its
    digits compared as numbers (第2章 before 第10章) and a chapter's or a volume's number in
    Chinese by its value (第二章 before 第十章, and beside 第3章 as 3; 卷二 before 卷十, 卷之二
    before 卷之十, 番外二 before 番外十, 上卷 中卷 下卷, 卷上 卷中 卷下), the rest of it as written.
    A name that is a front part (序, 前言, 卷首, 楔子 …) comes before the rest, a back part (尾声,
    卷末, 番外, 附录, 后记 …) after it. Zero-padded
    names (``01-…``, ``02-…``) keep the order they have as text."""
    return tuple(_part_order(part) for part in path.parts)


def _part_order(name: str) -> tuple:
    """One name's key: its place (a front or a back part, or the rest), then text and numbers in
    turn (the text first, so a number is only ever compared with a number); the name as written
    last, to part 1-甲 from 01-甲."""
    place = next((place for pattern, place in _PLACES if pattern.match(name)), 0)
    arabic = _HEADING.sub(lambda label: _ORDINAL.sub(_value, label[0]), name)
    pieces = _NUMBER.split(arabic)
    return place, tuple(int(piece) if index % 2 else piece for index, piece in enumerate(pieces)), name


def _value(ordinal: re.Match) -> str:
    return str(_SEQUENCE.get(ordinal[0]) or chinese_value(ordinal[0]))
