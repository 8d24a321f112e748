"""Chapter numbers both ways (12 ↔ 十二), and the order of a book's files by the numbers in their names.

Authors name their files 第1章 … 第10章 or 第一章 … 第十一章, not 01-…: taken by the raw name,
第10章 came before 第1章 and 第十一章 before 第二章, silently. Every place that orders a book's
files (its chapter folders, a folder's articles, the files a glob matches, a folder ``paiban
import`` reads) orders them with :func:`name_order`, so the book, its check and its import agree.
"""

from __future__ import annotations

import re
from pathlib import PurePath

_DIGITS = "零一二三四五六七八九"
_VALUES = {**{digit: value for value, digit in enumerate(_DIGITS)}, "〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}
# A chapter (section, volume …) numbered in Chinese: 第十一章, 第一百零三回, 第二卷.
_CHINESE_LABEL = re.compile(rf"第([{_DIGITS}〇两{''.join(_UNITS)}万]+)(?=[章节節回卷部篇集])")
_NUMBER = re.compile(r"(\d+)")


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


def chinese_value(numeral: str) -> int:
    """十一 → 11, 一百零三 → 103, 两千 → 2000, 一万二千 → 12000, and written digit by digit, 一〇三 → 103:
    the number a Chinese numeral (of :data:`_CHINESE_LABEL`'s characters) writes."""
    if not any(char in _UNITS or char == "万" for char in numeral):
        return int("".join(str(_VALUES[char]) for char in numeral))
    total = section = digit = 0  # the ten thousands, what is below them, the digit not yet given a unit
    for char in numeral:
        if char in _VALUES:
            digit = _VALUES[char]
        elif char == "万":
            total, section, digit = (section + digit or 1) * 10_000, 0, 0
        else:
            section, digit = section + (digit or 1) * _UNITS[char], 0  # 十一: a unit alone is one of it
    return total + section + digit


def name_order(path: PurePath) -> tuple:
    """The key that orders a book's files and folders: by each part of ``path`` in turn, its
    digits compared as numbers (第2章 before 第10章) and a chapter number in Chinese by its
    value (第二章 before 第十章, and beside 第3章 as 3), the rest of it as written. Zero-padded
    names (``01-…``, ``02-…``) keep the order they have as text."""
    return tuple(_part_order(part) for part in path.parts)


def _part_order(name: str) -> tuple:
    """One name's key: text and numbers in turn (the text first, so a number is only ever
    compared with a number); the name as written last, to part 1-甲 from 01-甲."""
    arabic = _CHINESE_LABEL.sub(lambda match: f"第{chinese_value(match[1])}", name)
    pieces = _NUMBER.split(arabic)
    return tuple(int(piece) if index % 2 else piece for index, piece in enumerate(pieces)), name
