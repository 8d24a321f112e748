"""Fine typesetting of article bodies for rendering: what the engines do not do by themselves."""

from __future__ import annotations

import itertools
import logging
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from lxml import etree
from lxml.builder import E

from .. import patterns
from ..chars import HAN, HAS_HAN, quoted
from ..model import Article, Book, Chapter
from ..numerals import VERSE, verse_count
from ..page import CAPTION_EM, CSS_PX_MM, PageGeometry
from ..pixels import css_width, file_size_and_dpi
from ..punctuation import (BRACKETED_LABEL, CLOSING, HAS_ITALIC, LAST_TWO, OPENING, PHONE_CODE, URL,
                           mark_latin_emphasis, shut_apostrophes)
from ..ruby import one_per_base, refill
from ..sources.body import TABLE_UNIT, at_picture
from ..sources.verse import POEM
from ..titles import heading_text
from ..units import CHINESE_UNITS
from ..xhtml import (BOX, HEADINGS, TAG, VERBATIM, add_class, direction_given, drop, edit, item_numbers, map_text,
                     map_text_in, split_text, split_text_in, written_in)

log = logging.getLogger("paiban")

_MARKS = re.escape(CLOSING + OPENING + "？！")
_FULL_WIDTH_MARKS = frozenset(CLOSING + OPENING + "？！")
# Of two full-width marks side by side, one blank half goes (JLREQ's rule): a closing mark's
# right half when another mark follows it, an opening mark's left half after another opening
# mark (“「). Between a closing and an opening mark only the closing one is narrowed. Simplified
# fonts set ？ and ！ to the left of their square too (Noto CJK SC's halt takes their right
# half), so they give it up before a quote or a bracket (！” ？」 ！《); two of them (？！ ！！)
# keep their squares.
_ADJACENT = patterns.compile(  # (a mark and the next may have a line break point between them)
    rf"[{re.escape(CLOSING)}](?=\u200b?[{_MARKS}])|[？！](?=\u200b?[{re.escape(CLOSING + OPENING)}])"
    rf"|(?<=[{re.escape(OPENING)}])[{re.escape(OPENING)}]"
)
# In-line elements two marks touch across the edges of (not code, a call's sup, a picture, a line break, ruby).
_SEEN_THROUGH = frozenset({"a", "abbr", "b", "cite", "del", "dfn", "em", "i", "ins", "mark", "s", "small", "span",
                           "strong", "u"})
# Two marks either side of their edges (【安灶】</strong>（): a cheap look at the markup for those
# :func:`_marks_narrowed_across` narrows.
_ADJACENT_ACROSS = patterns.compile(
    rf"[{_MARKS}](?:</?(?:{'|'.join(sorted(_SEEN_THROUGH))})\b[^<>]*>)+\u200b?[{_MARKS}]")


# Where a line may end before an opening quote or after a closing one. Unicode gives “ ” ‘ ’ no
# side (they open in some languages and close in others) and Pango, as UAX #14 had it before
# Unicode 15.1, breaks on neither side of them: 了。”“好。”“嗯！” welds into one unbreakable
# block, and the line before it is spaced out. A zero-width space marks each place Chinese allows
# (a dash or an ellipsis may begin a line: only its two halves may not part).
_QUOTE_BREAK = patterns.compile(
    rf"(?<=[{HAN}{re.escape(CLOSING)}？！…—])(?=[“‘])|(?<=[”’])(?=[{HAN}{re.escape(OPENING)}…—])")
_ZWSP = "\u200b"
# A character between two that keeps them on one line, where Unicode would let a line end between them.
_WORD_JOINER = "\u2060"


@dataclass(frozen=True)
class TreeStep:
    """A change made in place to an article's parsed body, and the cheap look at its markup that
    says whether it has anything to change there: steps done together (:func:`edited`) share one
    parse and one serialisation of the body."""

    applies: Callable[[str], bool]
    change: Callable[[etree._Element], None]


def edited(article: Article, *steps: TreeStep) -> Article:
    """``article`` with those of ``steps`` that apply to its body made, in order, on one parse of it.

    Each step's ``applies`` looks at the body as it came: none of these steps makes the markup
    another looks for (code, a table cell, an emphasis, a link showing its address). A parse and
    a serialisation per step made 1,382 of them for a 1,105-article book (1.6 M characters) where
    829 do: its tables are in articles that hold code."""
    due = [step.change for step in steps if step.applies(article.body)]
    if not due:
        return article

    def change(root) -> None:
        for each in due:
            each(root)

    body = edit(article.body, change)
    return article if body == article.body else replace(article, body=body)


def quotes_breakable(article: Article) -> Article:
    """Let a line end before “ ‘ and after ” ’ where they stand beside Chinese text (a zero-width
    space there); an apostrophe in a Latin word (China’s) has no Chinese beside it."""
    if not _QUOTE_BREAK.search(article.body):
        return article
    return replace(article, body=map_text(article.body, lambda text: _QUOTE_BREAK.sub(_ZWSP, text)))


# What may end a paragraph after its last inline element, and begins no line: closing marks, and space.
_NO_LINE_BEGINS = CLOSING + "？！ \t\n"
# Inline elements a paragraph can end in (a link, an emphasis): its last characters are theirs.
_PHRASING = frozenset({"a", "abbr", "b", "cite", "del", "em", "i", "ins", "mark", "q", "s", "small", "span", "strong",
                       "sub", "sup", "u"})


def keep_last_characters(article: Article) -> Article:
    """End no paragraph, list item or definition on a line of one character (孤字): its last two
    Chinese characters, and the marks with them, are kept together (``span.keep``, not broken).
    The line before gives up one character, and justification spreads its slack between the others."""
    if "<p" not in article.body and "<li" not in article.body and "<dd" not in article.body:
        return article
    return replace(article, body=edit(article.body, _keep_paragraph_ends))


def _keep_paragraph_ends(root) -> None:
    # A tight list's items, and a definition list's definitions, hold their text themselves; a note
    # (footnotes_in_place) its last paragraph.
    notes = [note[-1] for note in root.iter("span") if _is_note(note) and len(note)]
    for paragraph in [*root.iter("p", "li", "dd"), *notes]:
        _keep_end(paragraph)


def _keep_end(element) -> None:
    """Keep the last two characters of ``element`` together. Where it ends in an inline element,
    or in one and the closing marks after it, which begin no line (参见→[缓冲区接口](#id)。 left 口。
    alone), they are that one's; where it ends in a note's call (and the character or marks bound
    to it: 月¹ 。¹), the call is kept with them; where a number kept with its unit (units_kept) has
    one character after it (200毫升水。), that one is kept with the number and its unit."""
    children = list(element)
    last = children[-1] if children else None
    if last is not None and not (last.tail or "").strip(_NO_LINE_BEGINS) and last.tag in _PHRASING and not (
            _is_call(last) or "keep" in _classes(last)):
        _keep_end(last)
        return
    for first in range(len(children), -1, -1):  # children[first:], calls or kept, are kept with the text before them
        bound = children[first:]
        if bound and not (_is_call(bound[0]) or _is_kept(bound[0])):
            return
        before = children[first - 1] if first else None
        text = (before.tail if before is not None else element.text) or ""
        ending = "".join(_shown(child) + (child.tail or "") for child in bound)
        if (match := LAST_TWO.search(text + ending)) and match.start() < len(text):
            start, end = match.span()
            break
        if bound and _is_kept(bound[0]):
            if len(HAS_HAN.findall(ending[len(_shown(bound[0])):])) != 1:
                return  # marks alone follow it (they begin no line), or a sentence that ends in none (6.2%。)
            start = end = len(text)
            break
    else:
        return
    keep = E.span(text[start:] if bound else text[start:end], *bound, {"class": "keep"})
    keep.tail = None if bound else text[end:]
    if before is not None:
        before.tail = text[:start]
    else:
        element.text = text[:start]
    element.append(keep)


def _is_note(element) -> bool:
    return "footnote" in _classes(element)


def _is_call(element) -> bool:
    """A note (footnotes_in_place sets it where it is called), a later call to one, or a call
    bound to the character before it."""
    return _prints_a_call(element) or ("keep" in _classes(element) and any(map(_is_call, element)))


def _prints_a_call(element) -> bool:
    """A note in place (print prints its call there), or a later call to one: its number stands in the line."""
    classes = _classes(element)
    return _is_note(element) or "footnote-again" in classes or "endnote-call" in classes


def _is_kept(element) -> bool:
    """Text kept on one line (units_kept's number and unit, a range), which is no call."""
    return "keep" in _classes(element) and not _is_call(element)


def _shown(element) -> str:
    """The text an element shows in its line: a note's goes to the foot of the page."""
    if _is_note(element):
        return ""
    return (element.text or "") + "".join(_shown(child) + (child.tail or "") for child in element)


def _classes(element) -> list[str]:
    return (element.get("class") or "").split()


# The letters of a unit's symbol (km, mL, kΩ, μm, Å): Latin, the ohm (Ω, and its own sign Ω), the
# micro prefix (μ, and the micro sign µ) and the ångström (Å, and its own sign Å).
_UNIT_LETTERS = "A-Za-zΩ\u2126μµÅ\u212b"
# A unit's symbol: up to three letters (km, mL, kPa, MPa, hPa, mol, Hg), or one of the longer ones a
# prefix makes (mmol, μmol, nmol, pmol, kcal, mmHg, mOsm: a clinical text's commonest units, parted
# from their number and broken at their slash, 3.5 mmol/ / L; mbar, Mbps). Those alone: any four
# letters are more often a word than a unit, and a prefix before any three took words and paths for
# units (3 more, 2 cats, 7 main, src/main, mean/max).
_UNIT_SYMBOL = rf"(?:[mμµnpfk]mol|k?cal|mmHg|mOsm|[mk]bar|[kMG]bps|[{_UNIT_LETTERS}]{{1,3}})"
# The Chinese units and measure words a number is kept with (500克, 200毫升, ½小勺, 3个). Only the
# unit is kept with its number, not the word after it (3个 / 鸡蛋). 年 月 日 are a date's: see _DATE.
_CHINESE_UNIT = "(?:{})".format("|".join(sorted(CHINESE_UNITS, key=len, reverse=True)))  # 分钟 before 分
_UNIT = rf"(?:(?:{_UNIT_SYMBOL}\d?|°[CF]?|[℃℉%‰])(?![{_UNIT_LETTERS}])|{_CHINESE_UNIT})"
# The space between a number (or a power of ten written with superscript digits, 10⁻³) and its unit
# (4.5 km, 52 °C, 25 ℃, 10 Ω, 10⁻³ m, 30 %, 200 毫升): never a line break.
_NUMBER_UNIT = patterns.compile(rf"(?<=[\d⁰¹²³⁴⁵⁶⁷⁸⁹]) (?={_UNIT})")
# The space after an exponent written as markup (3×10<sup>5</sup> km), when its unit follows: the
# text after the superscript, which alone does not show the number before the space.
_SPACE_BEFORE_UNIT = patterns.compile(rf" (?={_UNIT})")
# The spaces either side of a × between numbers, or a number's unit and a number: an object's
# dimensions (23.5 × 12.8 cm, 7.2 × 16.4 × 5.1 cm, 23.5 cm × 12.8 cm) are one quantity. A line ended
# 23.5 × and the next began × 12.8 cm, where 23.5×12.8 written without them is one word.
_FACTOR_END = rf"[\d{_UNIT_LETTERS}]"  # (a factor's last character: its number's, or its unit's)
_SPACED_TIMES = patterns.compile(rf"(?<={_FACTOR_END}) (?=× ?\d)|(?:(?<={_FACTOR_END} ×)|(?<={_FACTOR_END}×)) (?=\d)")
_EXPONENT = patterns.compile(r"[-−+]?\d+")


# A number (200, 2.5, 1,000, a fraction: 1/2, ½, 1½; in full-width digits too, and their marks:
# １２．５, １，２３４), a year before the common era with its sign, 前 (公元前, 前221: _BC_YEAR), or a range
# of two, and the Chinese unit written right after it (200毫升, ½小勺, 3～5分钟, 3天～5天), or its magnitude
# and the unit after that, if any (230亿, 230亿元, 1.2万亿元, 12.5万人, 50亿千瓦时, 3亿～5亿元): a line may end
# between a digit and a Chinese character, and 200 / 毫升 reads as two things, 230 / 亿元 as 230 and 230亿 / 元
# as a number without its unit.
_JOINED_BY = r"(?:[.,/．／]|，(?=\d{3}(?!\d)))"  # (what joins a number's figures: a point, a separator, a slash)
_NUMBER = rf"(?:前?(?:\d+(?:{_JOINED_BY}\d+)*|\d*[¼-¾⅐-⅞]))"
_MAGNITUDE = "(?:[百千]?[万萬][亿億]?|[百千]?[亿億])"
# A Chinese unit, or one per another (0.8米/秒, 120公里/小时, 2.5元/千克, 5万元/亩), kept whole as km/h is
# (_COMPOUND_UNIT): a line ended 120公里/ or 120公里/小 and the next began 小时 or 时.
_CHINESE_UNITS_PER = rf"(?:{_CHINESE_UNIT}(?:[/／]{_CHINESE_UNIT})?)"
_COUNTED_IN = rf"(?:{_MAGNITUDE}{_CHINESE_UNITS_PER}?|{_CHINESE_UNITS_PER})"
_AMOUNT = rf"{_NUMBER}(?:{_COUNTED_IN}?[～〜~–—]{_NUMBER})?{_COUNTED_IN}"
# A date's number with its 年 月 日, a decade's with its 年代 and a century's with its 世纪 (1644年, 前202年,
# 5月3日, 19世纪60年代): 1644 / 年 reads as a bare number, 19 / 世纪60年代 as "the sixties of a century",
# 60年 / 代 as sixty years.
_DATE_WORD = "(?:年代|世[纪紀]|[年月日])"
_DATE = rf"前?\d+{_DATE_WORD}"
# A range between two numbers (3～5, 1998–2008, GB/T 15834's 一字线 of a span of time: 1877—1927,
# 2009年—2012年, 第1—20页; before the common era, 前475—前221, 前206—220), or two amounts (0.7%～10%,
# 5 mg～10 mg): the mark may neither end nor start a line, nor the number before it part from it, nor a
# 年 月 日 either side of it, nor a 前 from its year (2009 / 年—2012年, 2009年—2012 / 年, 0.7% / ～10%,
# 0. / 7%～10%, 前475— / 前221, 前 / 206—220: a line may end at a span's edge). (The space before a unit
# is a no-break one by then: _numbers_joined_to_units.) A 破折号 (——) is no range.
# (The mark and the next number whole, with its 年 月 日, 年代 or 世纪: a mark between a span's edge and a figure
# is a place to break, 0.5MPa～1. / 2MPa, 1/1000～1/ / 100; a number the span's edge cut in two broke between
# full-width digits (１９９８～２ / ００８), and a vertical column set neither half of 10—20 upright, each digit
# of 20 alone in its text.)
_RANGE_MARK = rf"[～〜~–—]{_NUMBER}(?:{_DATE_WORD})?"
_RANGE = rf"(?:{_DATE}|{_NUMBER}(?:\u00a0?{_UNIT})?){_RANGE_MARK}"
# A year before the common era alone, without its 年 (秦（前221）): 前 / 221 reads as the year 221. Its
# number whole, as a range's: a vertical column set 前1 / 0名's 10 on its side.
_BC_YEAR = r"前\d+"
# A time written in units, as a race's record is (9秒83, 12秒91, 1分52秒36, 2小时03分45秒, 2小时03分钟), and
# a score written with 比 (以3比1获胜): each one value, as 2:03:45 and 3∶1 are, which no line breaks inside.
# A line began 83 or 52秒36, which read as numbers of their own, or ended 3 or 3比 and the next began 比1.
# (比 between figures only: 比较 and 对比 are words.)
_RECORD = r"\d++(?:小[时時]\d++分(?:[钟鐘]|\d++秒\d{0,3})?|分\d++秒\d{0,3}|秒\d{1,3})(?!\d)"
_SCORE = r"\d++比\d++"
# A compound unit (km/h, N/kg, kg/m³, m/s², J/(kg·℃)), which a line may end in after its slash:
# km/ / h, and a range's mark after it (2L/min～6L/min, 3kg/m³～5kg/m³): a line ended 2L/min～ or
# the next began ～5kg/m³. A part of a path or an address (example.com/zh, src/paiban) is none.
_UNIT_PART = rf"(?:{_UNIT_SYMBOL}|℃)[²³]?"
_COMPOUND_UNIT = (rf"(?<![{_UNIT_LETTERS}./]){_UNIT_PART}(?:/(?:{_UNIT_PART}|\({_UNIT_PART}(?:·{_UNIT_PART})*\)))+"
                  rf"(?![{_UNIT_LETTERS}/])(?:{_RANGE_MARK})?")
# The unit a power of ten counts per (a blood count's 100×10⁹/L, 100×10<sup>9</sup>/L, 4.0×10⁹/L～10.0×10⁹/L):
# its slash, after a superscript digit or where an exponent written as markup ends (the start of a text, in a
# sup's tail), with its unit, and a range's mark after it: a line ended 10⁹/ and the next began with L, or
# one ended 10⁹/L～ or the next began ～10.0. (The slash first: a cheap look at every character.)
_PER_UNIT = rf"/(?<![^⁰¹²³⁴⁵⁶⁷⁸⁹]/){_UNIT_PART}(?![{_UNIT_LETTERS}/])(?:{_RANGE_MARK})?"
# A blank to write in, a run of full-width low lines (＿＿＿＿): a line may end between any two of
# them (a run of ASCII _ is one word), and a pupil sees two blanks. One up to this long is kept whole
# (no line of the narrowest page, less a list's indent, holds a longer one).
BLANK_KEPT = 10
_BLANK = rf"＿(?<!＿＿)＿{{1,{BLANK_KEPT - 1}}}(?!＿)"
# A longer one, of either kind (答：＿＿＿＿…, 答：____…), runs on to the margin: kept in parts of ten, or
# whole as a word, it went to the next line, the line it left spread out (答 and ： a line apart).
_LONG_BLANK = patterns.compile(rf"＿{{{BLANK_KEPT + 1},}}|_{{{BLANK_KEPT + 1},}}")
# How many characters of a long blank a line neither ends with nor begins with: a bit of one a
# line's end or start alone reads as a blank of its own.
_BLANK_END = 2
# Where a number opens: at a character it may open with (the lookahead spares trying an amount, a range
# and a year at every other character: units_kept took a third longer), at its first figure, not inside
# its run of them, and not at a part of it its point, separator or slash joins to the part before and
# the next (1.1.1.1…): each try from inside reads to the number's end, 4,000 figures in a run took four
# seconds and a chain of 2,000 characters one, as the square of their number. From its first figure it
# is read once. The last part may still open a date (1.5月3日, a list's item 1. before the date).
_NUMBER_OPENS = rf"(?<!\d)(?=[前\d¼-¾⅐-⅞])(?!(?<=\d{_JOINED_BY})\d++{_JOINED_BY}\d)"
# What is kept on one line whole (span.keep).
_KEPT = patterns.compile(rf"{_NUMBER_OPENS}(?:{_RECORD}|{_SCORE}|{_AMOUNT}|{_RANGE}|{_DATE}|{_BC_YEAR})"
                         rf"|{_COMPOUND_UNIT}|{_PER_UNIT}|{_BLANK}")


def _kept_span(match: re.Match[str]) -> etree._Element:
    """What ``match`` found, in a ``span.keep``: kept on one line whole."""
    return E.span(match[0], {"class": "keep"})


def units_kept(article: Article) -> Article:
    """Join a number to the unit after it with a no-break space, so no line ends at 4.5 and
    the next begins with km, and a dimension's numbers to the × between them (23.5 × 12.8 cm);
    keep a number with its Chinese unit or magnitude (200毫升, 230亿元) and a date's with its 年 or
    世纪 (1644年, 19世纪), a range's mark between its numbers, a year's 前 with it, a compound unit
    and a blank to write in whole (``span.keep``); let a longer blank break where a line ends
    (:func:`_blank_breaking`). Code is left as written."""
    body = article.body
    if _NUMBER_UNIT.search(body) or "</sup> " in body or ("×" in body and _SPACED_TIMES.search(body)):
        body = edit(body, _numbers_joined_to_units)
    if _KEPT.search(body):
        body = split_text(body, _KEPT, _kept_span)
    if _LONG_BLANK.search(body):
        body = map_text(body, lambda text: _LONG_BLANK.sub(_blank_breaking, text))
    return article if body == article.body else replace(article, body=body)


# What a reading system and the preview keep of it: a range with its mark and a year with its 前
# (1877— / 1927 and 前 / 221 read as other dates, the year 221). Found where a number opens, as _KEPT is.
_DATES_KEPT = patterns.compile(rf"{_NUMBER_OPENS}(?:{_RANGE}|{_BC_YEAR})")


def dates_kept(article: Article) -> Article:
    """Keep each range's mark between its numbers and each year's 前 with it on one line
    (``span.keep``), as :func:`units_kept` does in print: the EPUB's and the preview's lines broke
    there (前 / 221, 1877 / —1927, 前475— / 前221), as a reading system breaks between a Chinese
    character and a digit and either side of a dash."""
    if not _DATES_KEPT.search(article.body):
        return article
    kept = split_text(article.body, _DATES_KEPT, _kept_span)
    return replace(article, body=kept)


def _blank_breaking(blank: re.Match[str]) -> str:
    """A long blank free to break at any of its characters but its first and last :data:`_BLANK_END`,
    so that it starts where it stands and fills its line: ASCII ``_``, one word to Unicode, get a
    zero-width space between each two of the middle; ``＿``, which Unicode parts anywhere, a word
    joiner between each end's characters."""
    text = blank[0]
    head, middle, tail = text[:_BLANK_END], text[_BLANK_END:-_BLANK_END], text[-_BLANK_END:]
    if text[0] == "_":
        return _ZWSP.join([head, *middle, tail])
    return _WORD_JOINER.join(head) + middle + _WORD_JOINER.join(tail)



# A telephone number written in its groups (0571-8888 8801, +86 138 0000 0000, 400-123-4567, 2345
# 6789): a line may end at each of its spaces and after each hyphen, and 8801 beginning a line reads
# as a number of its own. Only the shapes numbers are written in, each group of its length: an
# international one's + or a code in brackets (PHONE_CODE), an area code's 0, a mobile's 3-4-4, a service
# number's 400 or 800, a local number's two groups of four (_LOCAL_NUMBER). Other digits spaced out
# (1 000 000, a card's 6222 0000 1111 2222, 第 1 2 3 名) are no number to call, and break.
# The words a local number follows (電話：2345 6789, 請致電本署熱綫 2345 6789, Tel: 2345 6789, 手機
# 9123 4567, 聯繫人：陳先生 9123 4567), and its code before it ((852) 2345 6789 is also an
# international number's shape).
_TELEPHONE_WORDS = ("电话", "電話", "热线", "熱線", "熱綫", "致电", "致電", "拨打", "撥打", "查询", "查詢",
                    "传真", "傳真", "手机", "手機", "联系", "聯繫", "聯系", "联络", "聯絡",
                    "Tel", "tel", "TEL", "Fax", "fax", "FAX", "WhatsApp",
                    "(852)", "（852）", "+852", "(853)", "（853）", "+853")
# How far after its word a local number may stand, in the same sentence and no figure between them:
# a clause's length (電話號碼為 2345 6789, 4 characters after 電話; 請於辦公時間內致電本署熱綫 2345 6789).
_TELEPHONE_REACH = 20


def _after_one_of(words: tuple[str, ...], between: str, reach: int) -> str:
    """A pattern for the place after one of ``words`` and up to ``reach`` characters of ``between``:
    a lookbehind for each length of word and of what lies between, as Python's looks behind by a
    pattern of one width only."""
    lengths = sorted({len(word) for word in words})
    return "|".join(rf"(?<=(?:{'|'.join(re.escape(word) for word in words if len(word) == length)}){between}{{{gap}}})"
                    for length in lengths for gap in range(reach + 1))


# A local number's two groups of four (Hong Kong's, Macau's, a city's: never opening with 0 or 1), a
# space between them, after a telephone's word or code (_TELEPHONE_WORDS). Two groups of four alone
# are as often two years (2008 2012) or two scores (3000 4000), which kept whole ran a narrow table
# off the page and spread out a line listing them; written with a hyphen (2345-6789, 2020-2024),
# they break at no line's end anyway (none ends between a hyphen and a figure).
_AFTER_A_TELEPHONE_WORD = _after_one_of(_TELEPHONE_WORDS, r"[^\d。！？；]", _TELEPHONE_REACH)
# ... and a second number joined to the one before it by 或 及 和 、 / ， (電話：2345 6789 或 2345 6790):
# that first number stands between it and its word, so the figures it holds are let in and the reach
# is longer by a number and its joiner.
_AFTER_A_NUMBER_AND = "|".join(rf"(?<=[2-9]\d{{3}} \d{{4}}{space}[或及和、/，,]{space_after})"
                               for space in ("", " ") for space_after in ("", " "))
_AFTER_A_WORD_AND_A_NUMBER = _after_one_of(_TELEPHONE_WORDS, r"[^。！？；]", _TELEPHONE_REACH + len("2345 6789 或 "))
_AFTER_A_FIRST_NUMBER = rf"(?:{_AFTER_A_NUMBER_AND})(?:{_AFTER_A_WORD_AND_A_NUMBER})"
_LOCAL_NUMBER = (rf"(?=[2-9]\d{{3}} \d{{4}})(?:{_AFTER_A_TELEPHONE_WORD}|{_AFTER_A_FIRST_NUMBER})"
                 rf"[2-9]\d{{3}} \d{{4}}")
_PHONE_SHAPES = (
    # +86 138 0000 0000, +86 (0)571 8888 8801, (852) 2345 6789, (0571) 8888 8801
    rf"(?:\+\d{{1,3}}[ -]|{PHONE_CODE} ?)\(?\d{{1,4}}\)?\d{{0,4}}(?:[ -]\d{{2,4}}){{1,4}}",
    r"0\d{1,3}[ -]\d{3,4}[ -]\d{3,4}",  # 0571-8888 8801, 02-2345-6789
    r"0\d{2,3}-\d{7,8}",  # 010-12345678
    r"1[3-9]\d[ -]\d{4}[ -]\d{4}",  # 138 0000 0000
    r"[48]00[ -]\d{3}[ -]\d{4}|[48]00\d-\d{3}-\d{3}",  # 400-123-4567, 4008-517-517
    _LOCAL_NUMBER,  # 電話 2345 6789
)
# ... standing alone: not the middle of a longer run of digits, a word or a path.
_PHONE = rf"(?<![0-9A-Za-z+./-])(?<!\d[ -])(?:{'|'.join(_PHONE_SHAPES)})(?!\d)(?![ -]\d)"
# A box to tick (□ ☐ ☑ ☒ ■) and the first character of its label (□文艺演出, ☑ 同意): a printed form
# with a box at a line's end and its label on the next is no form. The last of a row of boxes
# (□□□□, squares to write in) is kept with what follows them.
_BOXES = "□☐☑☒■"
_CHECKBOX = rf"[{_BOXES}] ?[^\s{_BOXES}]"
# A number that counts a sense or an item (〈名〉①腌制的咸菜。②争吵, 主要有：①…；②…, ① 第一条), as ❶ ⑴ ⒈
# ㈠ and their kin do wherever they stand, and ① to ㊿ where a sentence's or a clause's mark, a space,
# a label's 〉】 or an opening bracket comes before them, or nothing in their text does (after any
# other character or mark, 成岁①, 《论语》①, 他说……①, they are a note's call: _TYPED_CALL), with the
# first character of what it numbers (a space or opening marks between): it opens that, as an opening
# bracket does, and a line ended 。②. One a closing mark follows (（①）) refers to a sense, and is left as it is.
_CIRCLED = "\u2460-\u2473\u3251-\u325f\u32b1-\u32bf"
_COUNTING = "\u2474-\u249b\u24ea-\u24ff\u2776-\u2793\u3220-\u3229\u3280-\u3289"
# (What an item's number follows; and > ends the tag its text starts after, in the markup.)
_BEFORE_AN_ITEM = rf"\s。；：，、〉】{re.escape(OPENING)}(\[>"
_AN_ITEMS_NUMBER = rf"(?:(?<![^{_BEFORE_AN_ITEM}])[{_CIRCLED}]|[{_COUNTING}])"
_ITEM_NUMBER = rf"{_AN_ITEMS_NUMBER}[ \u3000]?[{re.escape(OPENING)}]*[^\s\u2060{re.escape(CLOSING)}？！]"
# A number written in full-width digits (１２.３%, １，２３４.５６, ２０２４-０３-１５, －３.５%), as scraped
# Chinese news has them. Unicode gives a full-width digit an ideograph's line-breaking class, not a
# digit's: a line ended between any two of them (１ / ２.３%, １，２３４. / ５６亿元), where an ASCII
# number is never broken. Its digits join as an ASCII number's do, by . , : / - and their full-width
# forms, and by a ， before a group of three (a thousands separator; before other digits it is a
# clause's comma); a sign may open it and a percent sign end it. One of 16 characters or more is
# left to break, as a Latin word that long may (_LONG_WORD): kept whole, it could run past the margin.
_FULL_WIDTH_DIGIT = "０-９"
_DIGITS_JOINED_BY = r".,:/\-．：／－"
_FULL_WIDTH_PART = (rf"(?:[{_FULL_WIDTH_DIGIT}]|[{_DIGITS_JOINED_BY}](?=[{_FULL_WIDTH_DIGIT}])"
                    rf"|，(?=[{_FULL_WIDTH_DIGIT}]{{3}}(?![{_FULL_WIDTH_DIGIT}])))")
# (Not from inside a longer one: after a digit, a digit and a joining mark, or a digit's thousands separator.)
_FULL_WIDTH_NUMBER = (rf"(?<![{_FULL_WIDTH_DIGIT}])(?<![{_FULL_WIDTH_DIGIT}][{_DIGITS_JOINED_BY}])"
                      rf"(?!(?<=[{_FULL_WIDTH_DIGIT}]，)[{_FULL_WIDTH_DIGIT}]{{3}}(?![{_FULL_WIDTH_DIGIT}]))"
                      rf"(?:[＋－](?=[{_FULL_WIDTH_DIGIT}])|[{_FULL_WIDTH_DIGIT}](?={_FULL_WIDTH_PART}))"
                      rf"{_FULL_WIDTH_PART}{{1,14}}+(?!{_FULL_WIDTH_PART})[%％‰]?")
# A citation's labels in a row (第7(2)(b)(ii)條): a line may end between two of them, and 第7(2) /
# (b)(ii)條 reads as two citations.
_LABELS_IN_A_ROW = rf"(?:{BRACKETED_LABEL}){{2,}}"
# A bracketed citation of several references, as GB/T 7714 and reference managers write it in the
# line (见[10, 11], [2–4], [1，3，5]): a line ended after its comma or its dash, and 11] began the
# next, a stray number. Its numbers are few (a longer list may break, or it could overrun the line).
_REFERENCES_CITED = r"\[\d{1,4}(?:\s?[,，、–—~～-]\s?\d{1,4}){1,9}\]"
# (The lookahead, a character each must open with, spares the lookbehinds at every other one; a
# figure that opens no other shape goes on only where a local number's follows: tried at every
# figure, the look took twice as long over a report's text.)
_KEPT_EVERYWHERE = patterns.compile(f"(?=[+(\\[0-9{_BOXES}{_CIRCLED}{_COUNTING}{_FULL_WIDTH_DIGIT}＋－])"
                                    r"(?![235679](?!\d{3} \d))"
                                    f"(?:{_PHONE}|{_LABELS_IN_A_ROW}|{_REFERENCES_CITED}|{_CHECKBOX}|{_ITEM_NUMBER}"
                                    f"|{_FULL_WIDTH_NUMBER})")
# The 间隔号 between the parts of a transliterated name or of a title (安娜·卡列尼娜, 《史记·项羽本纪》),
# Taiwan's ‧ and Japan's ・ too, and the bullet • that mainland web pages type for it (卡洛斯•门德斯,
# C•罗纳尔多), with the character either side of it: it neither begins nor ends a line. Pango breaks
# on both sides of · and • beside Chinese (Unicode gives them the class of a letter) and after ‧ and
# ・: a line ended 安娜· and the next began ·卡列尼娜. A dot with a space beside it, a list's bullet
# or a menu's separator (• 要点, 首页 • 新闻), joins nothing. Dots between parts of one character
# are kept with them all (J·K·罗琳, J·R·R·托尔金), up to three: a longer chain is no name but an
# ornament (—·—·—·—…) or a list (王·李·张·刘·陈…), which kept whole ran past the margin, off the page;
# it is left to break, as a full-width number too long is. Looked for only in a body that has one
# (_KEPT_WITH_NAMES): a pattern that may start at any character made the look at every body near three times as long.
_INTERPUNCTS = "·・‧•"
_NAME_LINK = rf"[{_INTERPUNCTS}][^\s{_INTERPUNCTS}]"
# (Not from inside a chain: after a character and its dot.)
_NAME_PARTS = (rf"[^\s{_INTERPUNCTS}](?={_NAME_LINK})(?<![^\s{_INTERPUNCTS}][{_INTERPUNCTS}].)"
               rf"(?:{_NAME_LINK}){{1,3}}+(?!{_NAME_LINK})")
_KEPT_WITH_NAMES = patterns.compile(f"{_KEPT_EVERYWHERE.pattern}|{_NAME_PARTS}")
# ... and one whose text ends before the bold or the link it numbers (：①**学习**, 。③[生活](#id)), in the
# markup: a word joiner after it keeps it with that element's first character, which no span can
# hold without splitting the element.
_NUMBER_BEFORE_ELEMENT = patterns.compile(
    rf"(?=[{_CIRCLED}{_COUNTING}]){_AN_ITEMS_NUMBER}"
    rf"(?=<(?:a|b|em|i|strong)\b[^<>]*>[{re.escape(OPENING)}]*[^\s<{re.escape(CLOSING)}？！])")


def kept_on_one_line(article: Article) -> Article:
    """Keep each telephone number (:data:`_PHONE`), a citation's labels in a row
    (:data:`_LABELS_IN_A_ROW`), a bracketed citation of references (:data:`_REFERENCES_CITED`),
    each box to tick with its label's first character (:data:`_CHECKBOX`), each number of a sense
    or an item with the first character it numbers (:data:`_ITEM_NUMBER`), each verse's number with
    its verse's (:func:`_verse_numbers_kept`), each number in full-width digits
    (:data:`_FULL_WIDTH_NUMBER`) and each 间隔号 with the characters either side of it
    (:data:`_NAME_PARTS`) on one line (``span.keep``), in every format. Print does it before it
    keeps a paragraph's last characters together (keep_last_characters), which then keep what it
    kept with the one character after it (0571-8888 8801 转。, □其他。, ②争吵。); a reading system
    and the preview before their own markup (:func:`for_screen_formats`). Code is left as written.
    (Done on the markup, unparsed: see :func:`~paiban.xhtml.split_text`.)"""
    body = _NUMBER_BEFORE_ELEMENT.sub(rf"\g<0>{_WORD_JOINER}", article.body)
    if _OPENS_WITH_VERSE.search(body) and _VERSE_AFTER_SENTENCE.search(body):
        body = edit(body, _verse_numbers_kept)
    kept = _KEPT_WITH_NAMES if any(dot in body for dot in _INTERPUNCTS) else _KEPT_EVERYWHERE
    if not kept.search(body):
        return replace(article, body=body)
    return replace(article, body=split_text(body, kept, _kept_span))


def _numbers_joined_to_units(root) -> None:
    """The space between each number and its unit a no-break space, a number's exponent written
    as a superscript (10<sup>-3</sup> m) counted as its end; and the spaces round a × between
    numbers (:data:`_SPACED_TIMES`)."""
    map_text_in(root, lambda text: _SPACED_TIMES.sub("\u00a0", _NUMBER_UNIT.sub("\u00a0", text)))
    for exponent in root.iter("sup"):
        number = _text_before(exponent)
        if (number[-1:].isdigit() and _EXPONENT.fullmatch(exponent.text or "") and not len(exponent)
                and _SPACE_BEFORE_UNIT.match(exponent.tail or "")):
            exponent.tail = "\u00a0" + exponent.tail[1:]


# Inline code no longer than this is never broken: a break after its hyphen (zh- / Hans, -- /
# output) reads as hyphenation. Longer code (a path, a URL) may break, or it would overrun the line.
SHORT_CODE = 24
# Inline code no longer than this is a label (book.toml, --output, zh-Hans) and stays whole even
# where it could break (book / .toml). Longer code breaks only where it reads on (see _CODE_BREAK):
# pushed whole to the next line, a 19-character `[原文]{.no-convert}` left about half an em between
# the characters of the line before it.
CODE_LABEL = 12
# Where a line may end inside code, as The Chicago Manual of Style breaks a URL, and never beside a
# hyphen: before a run of . / \ ~ _ ? # % and opening brackets, after a run of , ; : = & closing
# brackets and spaces. [原文]{.no-convert} breaks only after its ]; src/paiban/x.py before each / and
# the dot; C:\Users\zhang before each \ (a Windows path broke nowhere but after its C:, the line
# before it spread out); a command line after its spaces (left to the engine, --output broke after its --).
# Never inside a number, beside a mark between two figures (Python 3 / .12.1 began a line .12.1。, and
# its space was no break, its part too short; a date's /01 began one, a fraction's /60, a year after
# its colon, ISO/IEC 27001:2022's), nor between a URL's scheme and its // (http: / //… reads as a URL cut short).
_CODE_LEADING = "./\\~_?#%([{<"
_CODE_TRAILING = ",;:=&)]}> "
_CODE_BREAK = patterns.compile(r"(?!(?<=\d)[^\s\d]\d|(?<=\d[^\s\d])\d|(?<=:)//)"
                               rf"(?:(?<![{re.escape(_CODE_LEADING)}])(?=[{re.escape(_CODE_LEADING)}])"
                               rf"|(?<=[{re.escape(_CODE_TRAILING)}])(?![{re.escape(_CODE_TRAILING)}]))")
_CODE_PART = 3  # no part of code broken at those points is shorter: no line ends in `f(` or starts with `()`
# What inline code may open with that the line-breaking rules allow no break before (UAX #14's
# infix separators and closing punctuation): after Chinese text (a character past U+2E7F, a space
# between them or not), a line may end before such code as before any other (文件夹里的 / `.md`):
# kept with the character before it, 的 went to the next line with it, and the line it left was
# spread out to fill it. After a Latin word (file.md) the rule stands, and after an opening mark,
# which no line ends with (（`.gitignore`）).
_NO_BREAK_BEFORE = tuple(".,:;!?/%)]}")


def _keep_code(root) -> None:
    """Keep inline code on one line where a line may not end inside it: a short label whole
    (``code.keep``); longer code cut at the places :data:`_CODE_BREAK` allows into sibling
    ``code`` elements, each kept whole when short, with a ``<wbr>`` between them. (Parts nested
    in one ``code`` would not do: WeasyPrint, finding no room for the mark after the code (，),
    goes back to the break before the code, not to one inside it.) Code past :data:`SHORT_CODE`
    with no such place breaks where the engine breaks it (it would overrun the line)."""
    for code in list(root.iter("code")):
        if code.getparent().tag == "pre":
            continue
        text = "".join(code.itertext())
        parts = [text] if _short(text, CODE_LABEL) or len(code) else _code_parts(text)
        if len(parts) > 1:
            _in_parts(code, parts)
        _keep_short(code)
        before = _text_before(code).rstrip(" ")[-1:]
        if text.startswith(_NO_BREAK_BEFORE) and before > "\u2e7f" and before not in OPENING:
            code.addprevious(etree.Element("wbr"))


def _in_parts(element, parts: list[str]) -> None:
    """``element`` (inline code, a URL) holding its first part, and after it each other part in an
    element of its own, of its tag and attributes but its id (kept whole when short), a ``<wbr>``
    before each."""
    tail, element.tail, element.text = element.tail, None, parts[0]
    kept = {name: value for name, value in element.attrib.items() if name != "id"}
    last = element
    for part in parts[1:]:
        wbr = etree.Element("wbr")
        last.addnext(wbr)
        last = etree.Element(element.tag, kept)
        last.text = part
        wbr.addnext(last)
        _keep_short(last)
    last.tail = tail


def _keep_short(element) -> None:
    """Keep ``element`` whole when short; the spaces a part of a command line ends in (``--output ``)
    are its own, in its font, and the line may end after them (at the ``<wbr>``, where they hang)."""
    if _short("".join(element.itertext()).rstrip(" "), SHORT_CODE):
        add_class(element, "keep")


_CODE_KEPT = TreeStep(lambda body: "<code" in body, _keep_code)


# The deepest indentation a wrapped code line's continuation follows (base.css's hang-1 to hang-20):
# a line indented further would be left a narrow column.
_DEEPEST_HANG = 20


def _code_lines(root) -> None:
    """Each line of a code block in a ``span.code-line`` of its own, which base.css makes a block with
    a hanging indent: a line too long for the measure goes on four columns in from where the line
    begins (its own indentation, its class ``hang-N``: a style a theme overrides, not one
    written on the line, which a store's check flags), so that ``keyword_argument="…"``
    wrapped to the margin no longer reads as a new, unindented line. The text is unchanged (each
    line's newline stays at its end): what a reader copies is the code as written. A block whose
    markup spans lines (a highlighted string of two lines) is left as it is."""
    for pre in root.iter("pre"):
        if len(pre) != 1 or pre[0].tag != "code" or (pre.text or "").strip() or (pre[0].tail or "").strip():
            continue
        code = pre[0]
        if any("\n" in "".join(child.itertext()) for child in code if isinstance(child.tag, str)):  # no comment
            continue
        _split_into_lines(code)


def _split_into_lines(code) -> None:
    """``code``'s text and inline children regrouped into one ``span.code-line`` per line."""
    pieces: list = []  # each line's text and elements, in order
    line: list = []
    for item in [code.text or "", *[part for child in code for part in (child, child.tail or "")]]:
        if not isinstance(item, str):
            line.append(item)
            continue
        *ended, rest = item.split("\n")
        for text in ended:
            pieces.append([*line, text + "\n"])
            line = []
        line.append(rest)
    if any(part != "" for part in line):
        pieces.append(line)
    code.text = None
    for child in list(code):
        code.remove(child)
    for parts in pieces:
        code.append(_code_line(parts))


def _code_line(parts: list):
    """A ``span.code-line`` holding ``parts`` (text and elements), classed ``hang-N`` by its indentation
    (base.css hangs it N more columns in)."""
    span = _span_of(parts, "code-line")
    text = "".join(span.itertext())
    indent = min(len(text.expandtabs(8)) - len(text.lstrip(" \t").expandtabs(8)), _DEEPEST_HANG)
    if indent and text.strip():
        span.set("class", f"code-line hang-{indent}")
    return span


def _span_of(parts: list, name: str):
    """A ``span`` of class ``name`` holding ``parts`` (text and elements, in order)."""
    span = etree.Element("span", {"class": name})
    refill(span, parts)
    return span


_CODE_LINES = TreeStep(lambda body: "<pre" in body, _code_lines)

# Box-drawing characters (├ ─ │ └: a tree's lines, a table drawn with them), a regex class's contents.
BOX_DRAWING = "\u2500-\u257f"
_BOX_DRAWING = patterns.compile(f"[{BOX_DRAWING}]+")
_OUTERMOST_CODE = etree.XPath("//*[self::pre or self::code or self::kbd or self::samp]"
                              "[not(ancestor::pre or ancestor::code or ancestor::kbd or ancestor::samp)]")


# What the CJK mono draws one em wide, as it draws ┼: a Chinese character or kana, a full-width space
# or form (　 １ ｜), a shape or a stone (● ○ ◎ ■ ★), a circled number (①). A drawing made in full-width
# columns has its lines touch them (├┼●┼○┤), but so has a terminal's table (│姓名│) or a comment (這是──註解).
_WIDE = rf"{HAN}\u3000-\u30ff\uff01-\uff60\uffe0-\uffe6\u25a0-\u26ff\u2460-\u24ff"
_WIDE_CHARACTER = patterns.compile(f"[{_WIDE}]")
_TOUCHING_WIDE = patterns.compile(rf"[{BOX_DRAWING}][{_WIDE}]|[{_WIDE}][{BOX_DRAWING}]")
# The box-drawing characters that carry a line up or down, a drawing's verticals and corners (│ ┼ ├ ┤ ┬
# ┴ ┌ ┐ └ ┘, heavy, double or rounded): in a drawing, each meets its like in the row above or below.
_VERTICALS = frozenset(char for char in map(chr, range(0x2500, 0x2580))
                       if {"VERTICAL", "UP", "DOWN"} & set(unicodedata.name(char).split()))


def _drawn_full_width(code: str) -> bool:
    """Whether ``code`` is a drawing made in full-width columns (a Go board's ``├┼●┼○┤`` under
    ``┌┬┬┬┬┐``, a 世系图 indented with ``　``), not in a terminal's half-width ones (a table's
    ``│姓名│`` under ``┌────┬``, a tree's ``└──源码``): both touch Chinese or stones, but only the
    first lines its verticals up better with its box-drawing characters read two columns wide than
    one. Where neither reading lines them up better (a comment's ``──``), the half-width one stands."""
    if not _TOUCHING_WIDE.search(code):  # no wide character beside a line: both readings are one
        return False
    lines = code.split("\n")
    return _lined_up(lines, box_columns=2) > _lined_up(lines, box_columns=1)


def _lined_up(lines: list[str], box_columns: int) -> int:
    """How many verticals of ``lines`` meet one in the line above or below, less those that cut
    through a wide character there, with a box-drawing character ``box_columns`` columns wide."""
    rows = [_columns(line, box_columns) for line in lines]
    met = cut = 0
    for row, neighbour in [*itertools.pairwise(rows), *itertools.pairwise(rows[::-1])]:
        for char, other in zip(row, neighbour, strict=False):  # past the neighbour's end, nothing to meet
            if char in _VERTICALS:
                met += other in _VERTICALS
                cut += other is None
    return met - cut


def _columns(line: str, box_columns: int) -> list[str | None]:
    """``line``'s characters column by column, as the mono sets it, the second column of a wide one
    ``None``: a box-drawing character ``box_columns`` wide, one the CJK mono draws one em two, any other one."""
    columns: list[str | None] = []
    for char in line:
        if _BOX_DRAWING.match(char):
            wide = box_columns == 2
        else:
            wide = unicodedata.east_asian_width(char) in "WF" or bool(_WIDE_CHARACTER.match(char))
        columns += [char, None] if wide else [char]
    return columns


def _mark_box_drawing(root) -> None:
    """Each run of box-drawing characters in code in a ``span.box-drawing``, which fonts.css draws
    from the mono's Latin face, one column wide: the CJK mono's, two columns wide, pushed the names
    of a tree (``│   └── main.py``) columns right of where its lines lead. A board or a chart drawn
    in full-width columns (:func:`_drawn_full_width`: a Go board, a xiangqi board, a 世系图) keeps its
    lines the CJK mono's, one em a cell as the stones and names are, and a code block of it is
    classed ``full-width-drawing``, which base.css sets solid, each row's │ meeting the next's."""
    for code in _OUTERMOST_CODE(root):
        if _drawn_full_width("".join(code.itertext())):
            if code.tag == "pre":
                add_class(code, "full-width-drawing")
            continue
        for element in list(code.iter()):
            if isinstance(element.tag, str):  # not a comment
                split_text_in(element, _BOX_DRAWING, lambda match: E.span(match[0], {"class": "box-drawing"}))


_BOX_DRAWING_MARKED = TreeStep(lambda body: bool(_BOX_DRAWING.search(body)), _mark_box_drawing)

# The deepest a verse line's full-width spaces indent it that its hang follows (base.css's verse-hang-N):
# a concrete poem steps its lines in past 8; past 20 a 大32开 measure has a few ems left.
_DEEPEST_VERSE_HANG = 20


def _verse_lines(root) -> None:
    """Each line of a poem's stanza (``.poem p``, lines broken with ``<br>``) in a ``span.verse-line``
    of its own, which base.css makes a block with a hanging indent: a line too long for the
    measure goes on two ems in from where the line begins (after the full-width spaces indenting
    it, by its class ``verse-hang-N``), so that its turnover no longer reads as a new line, at the
    margin. Each ``<br>`` stays at its line's end, for a reader without the stylesheet."""
    for stanza in root.xpath(f".//p[{POEM}]"):
        lines: list[list] = [[stanza.text or ""]]
        for child in list(stanza):
            tail, child.tail = child.tail or "", None
            lines[-1].append(child)
            if child.tag == "br":
                lines.append([])
            lines[-1].append(tail)
        stanza.text = None
        stanza[:] = [_verse_line(parts) for parts in lines if any(not isinstance(part, str) or part.strip()
                                                                  for part in parts)]


def _verse_line(parts: list):
    """A ``span.verse-line`` holding ``parts``, classed ``verse-hang-N`` when N full-width spaces indent it."""
    span = _span_of(parts, "verse-line")
    text = "".join(span.itertext()).lstrip(" \t\r\n")  # (the markup's new line after a <br>)
    if indent := min(len(text) - len(text.lstrip("\u3000")), _DEEPEST_VERSE_HANG):
        span.set("class", f"verse-line verse-hang-{indent}")
    return span


_VERSE_LINES = TreeStep(lambda body: "poem" in body, _verse_lines)


def _code_parts(text: str, breaks: re.Pattern[str] = _CODE_BREAK) -> list[str]:
    """Inline code (or a URL) cut where ``breaks`` lets a line end in it, no part under
    :data:`_CODE_PART` characters."""
    parts = [""]
    for piece in breaks.split(text):
        if len(parts[-1]) < _CODE_PART or len(piece) < _CODE_PART:
            parts[-1] += piece
        else:
            parts.append(piece)
    return parts


# A table cell this short (a label: 大32开, 第10项, 问题) is never broken: a column of them beside a
# long one was squeezed until each broke before its last character. Short enough for any screen.
SHORT_CELL = 6
# A table's caption no longer than this is kept on one line on screens (it fits the narrowest
# phone's), its table made as wide; print sets a caption as a block of its own (_caption_above).
SHORT_CAPTION = 16


def _keep_short_cells(root) -> None:
    """Mark each :func:`_short` cell and header ``.keep``: the stylesheet never breaks it, in every
    format (a reading system's screen can be narrower than a long header, which must then break;
    print keeps every header whole while its table fits the measure: print.css). A short caption
    too: a caption is as wide as its table, and a narrow table's broke 表1-1　一 / 张表格."""
    for cell in root.iter("th", "td"):
        if _short("".join(cell.itertext()), SHORT_CELL):
            add_class(cell, "keep")
    for caption in root.iter("caption"):
        if len("".join(caption.itertext()).strip()) <= SHORT_CAPTION:
            add_class(caption, "keep")


_CELLS_KEPT = TreeStep(lambda body: "<th" in body or "<td" in body, _keep_short_cells)


# Where a number may break as a last resort: after a thousands separator (107,|919.00, １０７，|９１９);
# an amount (118,642元, 1,234,567万元: units_kept's) before its unit or its magnitude instead, not inside its
# number (118, / 642元 reads as two); a date before its 年 月 日, 年代 or 世纪 (2023|年), which units_kept
# keeps whole in the text: a squeezed table's columns are measured with its headers breaking there (2010年
# is a short header), and kept whole they ran past the text block.
_SEPARATOR = r"(?<=\d[,，])(?=\d{3}(?!\d))"
_BEFORE_UNIT = rf"(?<=\d)(?={_COUNTED_IN}|{_DATE_WORD})"
_NUMBER_BREAK = patterns.compile(rf"{_SEPARATOR}(?![\d,./，．／]*{_COUNTED_IN})|{_BEFORE_UNIT}")
# Where it breaks when that is not enough: after an amount's separators too (1,|234,|567|万元). A yearbook's
# ten years of amounts or counts (1,234,567万元, 1,234,567人次), each kept whole but for its unit, ran 78 mm
# off the page; 1,234, / 567万元 reads worse than a number whole, but every figure stays on the page.
_SEPARATOR_BREAK = patterns.compile(rf"{_SEPARATOR}|{_BEFORE_UNIT}")


@dataclass(frozen=True)
class _TableSetting:
    """One way to set a table, as base.css and print.css set it: its classes, its type size in the
    text's ems, a cell's side padding and border in the table's ems, what stays whole (headers,
    short cells), and where a number may break (:data:`_NUMBER_BREAK`, :data:`_SEPARATOR_BREAK`), if anywhere."""

    classes: tuple[str, ...]
    size: float
    padding: float
    whole: tuple[str, ...] = ("th", "td")
    numbers_break: re.Pattern[str] | None = None
    long_headers_break: bool = False  # (a header past a short cell's length; short ones stay whole)


# How a table is set: the first of these that lets its narrowest columns fit the measure. At each
# size its long headers break before its unit (工业增加值 / （亿元）) ere the type shrinks further;
# then numbers break at their separators (an amount before its unit), then an amount's too; last, short
# cells and headers break. (Without the long headers' settings a statistics table went to the last, its
# 月份 and 10月 a character a line.)
_LONG = ("long-headers-break",)
_TABLE_SETTINGS = (
    _TableSetting((), 0.9, 1.25),
    _TableSetting(_LONG, 0.9, 1.25, long_headers_break=True),
    _TableSetting(("wide",), 0.8, 0.65),
    _TableSetting(("wide", *_LONG), 0.8, 0.65, long_headers_break=True),
    _TableSetting(("wide", "narrow"), 0.7, 0.5),
    _TableSetting(("wide", "narrow", *_LONG), 0.7, 0.5, long_headers_break=True),
    _TableSetting(("wide", "narrow", *_LONG), 0.7, 0.5, numbers_break=_NUMBER_BREAK, long_headers_break=True),
    _TableSetting(("wide", "narrow", *_LONG), 0.7, 0.5, numbers_break=_SEPARATOR_BREAK, long_headers_break=True),
    _TableSetting(("wide", "narrow", "cells-break"), 0.7, 0.5, ("th",), _SEPARATOR_BREAK),
    _TableSetting(("wide", "narrow", "cells-break", "headers-break"), 0.7, 0.5, (), _SEPARATOR_BREAK),
)
# For a table that fits in no setting: how far over the narrowest setting's width an earlier one may
# be and still be chosen (a twentieth), so that a later one, breaking more, must narrow it by more.
_NEGLIGIBLE = 0.05
# What a line may not break inside: a run of Latin letters, digits and marks (15.50, 210×297).
# What is no Latin letter: white space, Chinese (radicals to ideographs, Han beyond them) and full-width forms.
_NOT_LATIN = rf"\s\u2e80-\u9fff{HAN}\uff00-\uffef"
# What no line break falls in, a run of Latin or a number in full-width digits (kept whole:
# kept_on_one_line), and what none falls beside either, or beside a character: the opening marks
# before it and the closing marks after it, which no line may end or begin with. 生于（1832）正月:
# （1832） is one piece, over four ems, where 1832 alone is two and a half.
_UNBROKEN_RUN = rf"{_FULL_WIDTH_NUMBER}|[^{_NOT_LATIN}]+"
_OPENS, _CLOSES = re.escape(OPENING), re.escape(CLOSING + "？！")
_UNBROKEN = patterns.compile(rf"[{_OPENS}]+(?P<opened>{_UNBROKEN_RUN}|\S)[{_CLOSES}]*"
                             rf"|(?P<closed>{_UNBROKEN_RUN}|\S)[{_CLOSES}]+|(?P<run>{_UNBROKEN_RUN})")
_LATIN_EM = 0.6  # a Latin letter or digit, generously: CJK fonts' proportional Latin is narrower
# Why a table cannot fit, as the build's warning and ``paiban check`` advise.
TABLE_TOO_WIDE = {
    "columns": "its columns do not fit side by side even in the smallest type: split it into two tables "
               "(repeat its first column in each), or turn it so that its columns become rows",
    "piece": "shorten its longest unbreakable piece, or split it",
}


def tables_fitted(measure: int):
    """A step that sets each table of an article to fit a text block ``measure`` ems wide.

    A table whose columns cannot shrink enough at the text's size is set smaller with tighter
    cells (``table.wide``, then ``table.narrow``); if that is still too wide, its numbers may break
    after their thousands separators (an amount before its unit), then an amount's too, then its
    short cells, last its headers. A table that fits in none of these is set in the narrowest,
    breaking nothing that frees little room (a setting within :data:`_NEGLIGIBLE` of it that breaks
    less is taken instead), and marked with why (``data-too-wide``: a key of :data:`TABLE_TOO_WIDE`)
    for the warning that it overruns.
    """
    def fitted(article: Article) -> Article:
        if "<table" not in article.body:
            return article
        return replace(article, body=edit(article.body, lambda root: _fit_tables(root, measure)))
    return fitted


def any_table_too_wide(root, measure: int) -> bool:
    """Whether a table under ``root`` may fit no setting in ``measure`` ems, by an estimate of its
    columns' least widths: for ``paiban check``, which lays out only the articles that have one
    (:func:`~paiban.render.pdf.tables_outside_text_block`)."""
    return any(_table_setting(table, measure)[1] is not None for table in root.iter("table"))


def first_row_text(table) -> str:
    """The longest text of ``table``'s first row: what a table without a caption is found by in its
    source, by the build's warning that it overruns and by ``paiban check``'s alike."""
    row = next(table.iter("tr"), None)
    return max(("".join(cell.itertext()).strip() for cell in (row if row is not None else ())), key=len, default="")


def pictures_at_their_size(book: Book, page: PageGeometry):
    """A step that gives each picture of an article the width it prints at
    (:meth:`~paiban.page.PageGeometry.picture_width`), in CSS pixels, and no height: the size
    its author gave it, or else the size its dpi tag gives it (:func:`~paiban.pixels.css_width`;
    art supplied at 300 dpi for its final size prints at that size and 300 dpi, not a pixel to a
    CSS pixel, three times as large and too coarse: WeasyPrint ignores the tag), no wider than the
    text block and no taller than its page allows (:func:`_tallest`). The stylesheet's ``max-height``
    alone squashed a tall picture given a width: a circle printed as an ellipse. The pictures' paths
    are relative to ``book``'s directory. For print: a screen ignores the tag."""
    firsts = {chapter.articles[0].id: chapter for chapter in book.chapters if chapter.articles}
    if book.preface:
        firsts[book.preface.id] = None  # first on its page, under no chapter's title

    def sized(article: Article) -> Article:
        if not article.images:
            return article
        opening = _opening(article, page, article.id in firsts, firsts.get(article.id))
        return replace(article, body=edit(article.body, lambda body: _size_pictures(body, book.root, page, opening,
                                                                                     article.source)))
    return sized


def _size_pictures(body, root: Path, page: PageGeometry, opening: list[_Block], source: Path) -> None:
    for img in body.iter("img"):
        if not img.get("src") or (found := file_size_and_dpi(root / img.get("src"))) is None:
            continue
        size, dpi = found
        if any(ancestor.tag in ("td", "th") for ancestor in img.iterancestors()):
            # A cell's own width narrows it: given the text block's, it widened its table. Its dpi
            # tag's size alone, as before.
            if dpi and img.get("width") is None and img.get("height") is None:
                img.set("width", _css_pixels(css_width(size, dpi)))
            continue
        tallest = _tallest(img, body, page, opening, source)
        width_mm = page.picture_width(size, css_width(size, dpi, img.get("width"), img.get("height")), tallest)
        img.set("width", _css_pixels(width_mm / CSS_PX_MM))
        img.attrib.pop("height", None)


@dataclass(frozen=True)
class _Block:
    """A block above a picture, as the default theme sets it (base.css, print.css), in the text's
    ems: its margin above, its height, its margin below."""

    above: float
    height: float
    below: float


# The blocks a picture's page may hold above it, kept with it (break-after: avoid), in the text's ems,
# as base.css and print.css set them: a heading of the text (an h3: 1.1 em type on a line of 1.4, 1.4
# and 0.6 of its ems above and below; the largest an article's text has); an article's header (1.2 em
# below it) of its column and byline (0.85 em on the text's leading, the column 0.3 of its ems above
# the title), its title (1.35 em on a line of 1.4, 0.4 of its ems above a subtitle or a byline) and its
# subtitle (1.1 em on a line of 1.4, 0.5 of its ems above a byline); the gap before an
# article that follows another (2.5 em); a chapter's title (1.7 em on a line of 1.4, letter-spaced a
# tenth, 2.2 of its ems below it), dropped 28 mm, its number (0.6 of its size) on a line of its own,
# 0.6 of its ems above the title. WeasyPrint keeps a block's margin above at the top of a page that a
# break put it on: a second article's gap, a heading's margin.
_HEADING_EM, _HEADING_LINE, _HEADING_ABOVE, _HEADING_BELOW = 1.1, 1.4, 1.54, 0.66
_ARTICLE_TITLE_EM, _BYLINE_EM, _HEADER_BELOW = 1.35, 0.85, 1.2
_SUBTITLE_EM = 1.1
_ARTICLE_GAP = 2.5
_CHAPTER_TITLE_EM, _CHAPTER_DROP_MM, _CHAPTER_BELOW = 1.7, 28.0, 3.74
_CHAPTER_NUMBER_EM = 0.6 * _CHAPTER_TITLE_EM
_FIGURE_ABOVE = 1.0  # a figure's margin above: picture_height counts it
# A picture is never made smaller than this share of the text block to keep a long caption and the
# headings above it on its page: shrunk further it is hardly there, and they are better parted from it.
_LEAST_PICTURE = 1 / 3


def _lines(text: str, size: float, page: PageGeometry) -> int:
    """How many lines ``text`` takes in ``size`` ems of the text across the text block: a line is
    taken to hold a character fewer than fit, as one that may not begin a line (a closing mark)
    takes the character before it to the next."""
    return max(1, math.ceil(_text_width(text) / (page.characters / size - 1)))


def _opening(article: Article, page: PageGeometry, first: bool, chapter: Chapter | None) -> list[_Block]:
    """What stands on the page above ``article``'s text when a picture is first in it: its
    ``chapter``'s title when it opens the chapter, the gap before it unless it is ``first`` in what
    holds it (its chapter, the preface), and its header (column, title, subtitle, byline) when it has one."""
    blocks = []
    if chapter is not None:
        title = _lines(heading_text(chapter), _CHAPTER_TITLE_EM * 1.1, page) * _CHAPTER_TITLE_EM * _HEADING_LINE
        number = _CHAPTER_NUMBER_EM * (_HEADING_LINE + 0.6) if chapter.label else 0
        blocks.append(_Block(0, _CHAPTER_DROP_MM / page.em + number + title, _CHAPTER_BELOW))
    gap = 0 if first else _ARTICLE_GAP
    if not article.has_header:
        return [*blocks, _Block(0, 0, gap)] if gap else blocks  # (the article's margin: its first block's too)
    height = 0.0
    above = 0.0  # the margin of the header's last line so far, above the next
    if article.column:
        height += _BYLINE_EM * (page.leading + 0.3)
    if article.titled:
        height += _lines(heading_text(article), _ARTICLE_TITLE_EM, page) * _ARTICLE_TITLE_EM * _HEADING_LINE
        above = 0.4 * _ARTICLE_TITLE_EM
    if article.subtitle:
        height += above + _lines(article.subtitle, _SUBTITLE_EM, page) * _SUBTITLE_EM * _HEADING_LINE
        above = 0.5 * _SUBTITLE_EM
    if article.byline:
        height += above + _BYLINE_EM * page.leading
    return [*blocks, _Block(gap, height, _HEADER_BELOW)]


def _kept_above(block, body, opening: list[_Block], page: PageGeometry) -> list[_Block]:
    """The blocks kept on a page with a picture's ``block`` (its figure, or its paragraph) above
    it: the headings right before it, and the article's ``opening`` when they (or it) start ``body``."""
    headings = []
    previous = block.getprevious()
    while previous is not None and previous.tag in HEADINGS:
        text = "".join(previous.itertext())
        headings.insert(0, _Block(_HEADING_ABOVE, _lines(text, _HEADING_EM, page) * _HEADING_EM * _HEADING_LINE,
                                  _HEADING_BELOW))
        previous = previous.getprevious()
    return [*(opening if previous is None and block.getparent() is body else []), *headings]


def _stacked(blocks: list[_Block]) -> float:
    """The ems ``blocks`` take one under another above a figure: of two margins that meet, the
    larger (they collapse), and of the last block's, what passes the figure's own."""
    if not blocks:
        return 0.0
    gaps = [max(block.below, after.above) for block, after in itertools.pairwise(blocks)]
    last = max(blocks[-1].below - _FIGURE_ABOVE, 0)
    return blocks[0].above + sum(block.height for block in blocks) + sum(gaps) + last


def _tallest(img, body, page: PageGeometry, opening: list[_Block], source: Path) -> float:
    """The tallest in mm a picture prints so that what is kept with it fits on its page: the headings
    above it (with the article's title and its chapter's when it opens them), and its caption, of as
    many lines as it has (two at least: page.css caps every picture so). A heading was left alone at a
    page's foot, its picture on the next, and a caption of three lines went over to the next page.
    A picture in the text's lines (not alone in its figure or paragraph) is capped as any is."""
    parent = img.getparent()
    alone = parent.tag == "p" and len(parent) == 1 and not (parent.text or "").strip() and not (img.tail or "").strip()
    if parent.tag != "figure" and not alone:
        return page.image_height
    captions = [caption for caption in parent if caption.tag == "figcaption"]
    lines = sum(_lines("".join(caption.itertext()), CAPTION_EM, page) + len(caption.findall(".//br"))
                for caption in captions)
    above = _stacked(_kept_above(parent, body, opening, page)) * page.em
    tallest = page.picture_height(above, max(lines, 2))
    least = page.text_height * _LEAST_PICTURE
    if tallest >= least:
        return tallest
    # Shrunk to a third, it would keep neither the headings above it (the figure, kept whole, goes to the
    # next page, and leaves them) nor a caption too long for it alone (which goes on to the page after):
    # it is as large as its caption leaves room for, a third at least, and the warning says which part.
    headless = page.picture_height(0, max(lines, 2))
    parted = [*(["the headings will be left on the page before it"] if above else []),
              *(["its caption will go on to the next page"] if headless < least else [])]
    log.warning("%s: image %s, with its caption of %d lines%s, is too tall for one page: %s; shorten the caption, "
                "or say the rest in a paragraph after the picture", at_picture(source, img.get("src")),
                quoted(img.get("src")), lines, " and the headings above it" if above else "", ", and ".join(parted))
    return max(headless, least)


# A signature set flush right (落款: a name, a date, a place) is this short at most; a longer block
# set so (a statement signed by twenty bodies) may break, as any text does.
_SIGNATURE_LINES, _SIGNATURE_CHARACTERS = 4, 80


def signatures_kept(article: Article) -> Article:
    """For print: mark each short block set flush right ``.signature`` (a ``::: align-right`` block,
    or a run of right-aligned paragraphs, of a few short lines), which print.css keeps whole and with
    the lines before it: a preface's date went alone to the next page. A long one is left to break:
    kept whole, it left most of a page empty."""
    return edited(article, _SIGNATURES) if "align-right" in article.body else article


def _mark_signatures(root) -> None:
    runs: list[list] = []
    for element in root.iter("div", "p"):
        if "align-right" not in _classes(element):
            continue
        if element.tag == "div":
            runs.append([element])
        elif element.getparent() is None or "align-right" not in _classes(element.getparent()):
            previous = element.getprevious()
            if runs and previous is not None and previous is runs[-1][-1] and previous.tag == "p":
                runs[-1].append(element)
            else:
                runs.append([element])
    for run in runs:
        lines = sum(max(1, len(element.findall(".//p"))) + len(element.findall(".//br")) for element in run)
        if lines <= _SIGNATURE_LINES and sum(len("".join(e.itertext()).strip()) for e in run) <= _SIGNATURE_CHARACTERS:
            for element in run:
                add_class(element, "signature")


_SIGNATURES = TreeStep(lambda body: True, _mark_signatures)


# A character's cue in a play (老杨, 过客（低声）), a paragraph centred on a line of its own above the
# speech, is this short at most.
_CUE_CHARACTERS = 12
_ALIGNED = ("align-center", "align-right")
# A screenplay's parenthetical, centred under its cue: how the line is said, in brackets ((抬头，愣住)).
_PARENTHETICAL = patterns.compile(r"^[（(][^（()）]+[）)]$")


def cues_kept(article: Article) -> Article:
    """For print: mark each cue ``.cue``, a short paragraph centred right above a paragraph of text
    (a play's 老杨 above its line, a ＊　＊　＊ above the next scene), which print.css keeps with the
    paragraph after it, as a heading is: the cue was left alone at a page's foot, its speech on the next.
    So is a screenplay's parenthetical centred under its cue (苏晴, then （抬头，愣住）, then the
    speech), and the cue with it: read as a run of centred lines, both were left at a page's foot.
    One in a run of centred or right-aligned lines (a 落款's name and date) is left as it is: its
    place is with the text it closes."""
    return edited(article, _CUES) if "align-center" in article.body else article


def _mark_cues(root) -> None:
    for block in root.iter("p", "div"):
        for cue in _cue(block):
            add_class(cue, "cue")


def _cue(block) -> list:
    """``block`` and the parentheticals under it (:data:`_PARENTHETICAL`), each a centred paragraph
    of one line, where ``block`` is a cue: a centred paragraph (or a ``::: align-center`` block of
    one) of one short line, between a block that is not set so and a paragraph of text; else none."""
    before = block.getprevious()
    if (not _centred_line(block) or len(_text(block)) > _CUE_CHARACTERS
            or (before is not None and _is_aligned(before))):
        return []
    run = [block]
    while (after := run[-1].getnext()) is not None and _centred_line(after) and _PARENTHETICAL.match(_text(after)):
        run.append(after)
    return run if after is not None and after.tag == "p" and not _is_aligned(after) else []


def _centred_line(block) -> bool:
    """Whether ``block`` is a centred paragraph, or a ``::: align-center`` block of one, of one line."""
    one_line = block.tag == "p" or [child.tag for child in block] == ["p"]
    return "align-center" in _classes(block) and one_line and block.find(".//br") is None


def _text(block) -> str:
    return "".join(block.itertext()).strip()


def _is_aligned(element) -> bool:
    return any(name in _classes(element) for name in _ALIGNED)


_CUES = TreeStep(lambda body: True, _mark_cues)

# A box (知识链接) or a table kept on one page is this short at most: some ten lines, which the page
# before it may be left short of. A longer one breaks where the page ends, as text does: kept whole,
# it left most of a page empty.
_SHORT_CHARACTERS = 300
# A table kept on one page has this many rows at most, its header's among them: a row is a line at
# least, and a short box's 300 characters fill some ten.
_SHORT_TABLE_ROWS = 10
_SHORT_BOX = "box-short"
_SHORT_TABLE = "table-short"


def short_blocks_kept(article: Article) -> Article:
    """For print: mark each short box (``::: box``) ``.box-short`` and each short table
    ``.table-short``, which print.css keeps on one page. (A table of a caption, a header and two
    rows was split one row a page.)"""
    return edited(article, _SHORT_BLOCKS) if BOX in article.body or "<table" in article.body else article


def _mark_short_blocks(root) -> None:
    for box in root.iter("div"):
        if BOX in _classes(box) and _is_short(box):
            add_class(box, _SHORT_BOX)
    for table in root.iter("table"):
        if _is_short(table) and sum(1 for _ in table.iter("tr")) <= _SHORT_TABLE_ROWS:
            add_class(table, _SHORT_TABLE)


def _is_short(block) -> bool:
    return len("".join(block.itertext()).strip()) <= _SHORT_CHARACTERS


_SHORT_BLOCKS = TreeStep(lambda body: True, _mark_short_blocks)


def _css_pixels(width: float) -> str:
    """A width in CSS pixels as an attribute writes it: 120, 118.11."""
    return f"{width:.2f}".rstrip("0").rstrip(".")


def _fit_tables(root, measure: int) -> None:
    for table in root.iter("table"):
        setting, cause = _table_setting(table, measure)
        if setting.classes:
            add_class(table, *setting.classes)
        if setting.long_headers_break:
            for header in table.iter("th"):
                _unit_apart(header)
        if setting.numbers_break:
            for cell in table.iter("th", "td"):
                _break_at(cell, setting.numbers_break)
        if cause is not None:
            table.set("data-too-wide", cause)
        if (caption := table.find("caption")) is not None:
            _caption_above(table, caption, measure / 2 / setting.size)


# The class of a table's caption set above its table in print: the page map counts it as the block the
# EPUB's <caption> is (pagemap), a table's warning names the table by it (pdf).
TABLE_CAPTION = "table-caption"
_UNIT_SIZE = 0.9  # a unit line's type, in its table's (base.css: .table-unit)


def _caption_above(table, caption, widest_unit: float) -> None:
    """The table's caption as a block of its own right above it (``div.table-caption``, print.css
    keeping it with the table), with its id. WeasyPrint sizes a table by its columns alone, the
    caption as wide as they are: a narrow table's broke 表1-1　一 / 张表格, or a character a line;
    kept on one line, it ran off to the right of its table. Its unit line (``div.table-unit``:
    单位：万元) stays the table's caption, kept whole, so that it is set flush right over the table's
    last column, as a yearbook sets it, not at the text block's edge: if it is no wider than
    ``widest_unit`` of the table's ems, half the text block, which a centred table starts within (a
    wider one, set from a narrow table's left edge, ran past the text block). A longer one goes
    above with the title, where it breaks inside the text block."""
    unit = caption[-1] if len(caption) and TABLE_UNIT in (caption[-1].get("class") or "").split() else None
    if unit is not None and _text_width("".join(unit.itertext())) * _UNIT_SIZE > widest_unit:
        unit = None
    block = caption.makeelement("div", {**caption.attrib, "class": TABLE_CAPTION})
    block.text = caption.text
    block.extend(child for child in list(caption) if child is not unit)
    table.addprevious(block)
    if unit is None:
        table.remove(caption)
    else:
        caption.attrib.clear()
        caption.text = None
        add_class(caption, "keep")


def _table_setting(table, measure: int) -> tuple[_TableSetting, str | None]:
    """The first setting in which ``table`` fits ``measure``, and ``None``; else the first that is
    within :data:`_NEGLIGIBLE` of the narrowest (a table that overruns anyway keeps its headers and
    short cells whole unless breaking them narrows it materially: breaking 项目 a character a line
    to save one em of fourteen columns of numbers, still 13 em off the page, only spoils them), and
    why it does not fit: a column wider than half the measure by itself (``piece``), or too many
    columns side by side (``columns``)."""
    longest_run = cache(_longest_run)  # a cell's text measured once for every setting
    widths = [[setting.size * (column + setting.padding) for column in _least_widths(table, setting, longest_run)]
              for setting in _TABLE_SETTINGS]
    for setting, columns in zip(_TABLE_SETTINGS, widths, strict=True):
        if sum(columns) <= measure:
            return setting, None
    least = min(sum(columns) for columns in widths)
    chosen = next(index for index, columns in enumerate(widths) if sum(columns) <= least * (1 + _NEGLIGIBLE))
    widest = max(widths[chosen], default=0.0)
    return _TABLE_SETTINGS[chosen], "piece" if widest > measure / 2 else "columns"


def _least_widths(table, setting: _TableSetting, longest_run: Callable[[str], float]) -> list[float]:
    """The narrowest each of a table's columns can be, in its own ems: as wide as its widest
    unbreakable content (a header, or a short cell marked ``keep``, whole when in ``whole``), a
    text's as ``longest_run`` (:func:`_longest_run`, kept for the table's other settings) finds it."""
    columns: dict[int, float] = {}
    for row in table.iter("tr"):
        column = 0
        for cell in row.iterchildren("th", "td"):
            span = int(cell.get("colspan")) if (cell.get("colspan") or "").isdigit() else 1
            if span == 1:
                text = "".join(cell.itertext())
                short = _short(text, SHORT_CELL)
                kept = cell.tag in setting.whole and (short or (cell.tag == "th" and not setting.long_headers_break))
                if kept:
                    width = _text_width(text)
                elif cell.tag == "th" and setting.long_headers_break and (parts := _header_parts(cell)):
                    width = max(_text_width(part) if _short(part, SHORT_CELL) else longest_run(part)
                                for part in parts)
                else:
                    width = longest_run(setting.numbers_break.sub(" ", text) if setting.numbers_break else text)
                columns[column] = max(columns.get(column, 0.0), width)
            column += span
    return list(columns.values())


# Where a long header reads on to its second line: before its unit or note in brackets (工业增加值 /
# （亿元）, 同比增长 / （%））, as statistical tables set them.
_HEADER_UNIT = patterns.compile(r"(?<=\S)(?=[（(])")


def _header_parts(header) -> list[str] | None:
    """A long header of text alone cut before its unit in brackets, or ``None``."""
    if len(header) or not (text := (header.text or "").strip()):
        return None
    parts = [part for part in _HEADER_UNIT.split(text) if part]
    return parts if len(parts) > 1 else None


def _unit_apart(header) -> None:
    """A long header (not ``keep``) whose name and unit are each short kept whole each (``span.keep``),
    so that it breaks before its unit, not 同比增 / 长 / （%）."""
    if "keep" in _classes(header) or not (parts := _header_parts(header)):
        return
    header.text = None
    for index, part in enumerate(parts):
        if index:  # (WeasyPrint breaks no line between two spans kept whole without it)
            header.append(E.wbr())
        header.append(E.span(part, {"class": "keep"}) if _short(part, SHORT_CELL) else E.span(part))


def _break_at(element, pattern: re.Pattern[str]) -> None:
    """A ``<wbr>`` wherever ``pattern`` matches in the text of ``element`` and of its descendants:
    a line may break there, and the text copied from the page is as written."""
    for node in list(element.iter()):
        if isinstance(node.tag, str):  # a comment's text is no text of the page
            split_text_in(node, pattern, lambda match: etree.Element("wbr"))


def _text_width(text: str, wide: str = "WF") -> float:
    """``text``'s width in ems: a character of an East Asian width in ``wide`` takes one, any
    other a Latin letter's (``_LATIN_EM``)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in wide else _LATIN_EM for c in text.strip())


# Where a running head too long for its line is cut: where a phrase of its title ends, at a
# full-width space, a colon, a dash, a comma (or a space between Latin words). The mark goes.
_PHRASE_END = patterns.compile(r"[\s：:，,、；;]|—")
# What a cut head does not end with before its ellipsis: a mark that leads on, an opening bracket.
_LEADING_ON = "　 ：:，,、；;—-" + OPENING
# Marks of ambiguous width (“ … —) count as full width: the text face, a CJK one, sets them so.
_HEAD_WIDE = "WFA"


def running_head(title: str, room: int) -> str:
    """``title`` as a running head ``room`` characters long at most (see PageGeometry.head_characters):
    whole if it fits; else cut where its last phrase that fits ends, if that keeps half the room,
    or else where the room ends, and an ellipsis put after it (:func:`_ellipsis_after`). Never
    wider than ``room``: WeasyPrint wraps a page-margin box's text, and the head grew down into
    the text block."""
    if _text_width(title, _HEAD_WIDE) <= room:
        return title
    widest = "……" if any(unicodedata.east_asian_width(c) in "WF" for c in title) else "…"  # the room it may need
    room_left = room - _text_width(widest, _HEAD_WIDE)
    end = 0
    while end < len(title) and _text_width(title[:end + 1], _HEAD_WIDE) <= room_left:
        end += 1
    phrases = [found.start() for found in _PHRASE_END.finditer(title, 1, end + 1)
               if _text_width(title[:found.start()], _HEAD_WIDE) >= room_left / 2]
    kept = title[:phrases[-1] if phrases else end].rstrip(_LEADING_ON)
    return kept + _ellipsis_after(kept)


def _ellipsis_after(text: str) -> str:
    """The ellipsis a cut head ends with, as the text it cuts off reads: the Chinese 省略号 ……,
    two characters wide, after Chinese; … after Latin (a bilingual title cut in its English part,
    On the Difficulty of Translating…), as the text's last letter or digit is, or its last
    character when it has none (a title of marks alone: ★★★, ——, ！！！)."""
    last = next((char for char in reversed(text) if char.isalnum()), text.rstrip()[-1:] or " ")
    return "……" if unicodedata.east_asian_width(last) in "WF" else "…"


def running_heads(book: Book, room: int) -> dict[str, str]:
    """The running head of each chapter and of the preface (by id) that is not the title its page
    prints: its ``running_title`` (the publisher's short title), or its title, made to fit ``room``
    characters (:func:`running_head`). The title printed on its opener, in the contents and in
    the bookmarks stays whole."""
    items = [*book.chapters, *([book.preface] if book.preface else [])]
    return {item.id: head for item in items
            if (head := running_head(item.running_title or item.title, room)) != heading_text(item)}


def _longest_run(text: str) -> float:
    """The widest piece of ``text`` no line break can fall in (:data:`_UNBROKEN`), or a Chinese
    character. A word long enough to break (:data:`_LONG_WORD`) is none."""
    runs = [_text_width(piece[0]) for piece in _UNBROKEN.finditer(text)
            if not _LONG_WORD.fullmatch(piece["opened"] or piece["closed"] or piece["run"])]
    return max([*runs, 1.0 if any(unicodedata.east_asian_width(c) in "WF" for c in text) else 0.0])


def _short(text: str, limit: int) -> bool:
    """Whether ``text`` is a label to keep whole: at most ``limit`` characters, and no space (the
    zero-width ones :func:`quotes_breakable` puts beside quotes are not characters of it)."""
    return len(text.replace("\u200b", "")) <= limit and not any(c.isspace() for c in text)


def compress_punctuation(article: Article) -> Article:
    """Halve the blank between adjacent full-width marks (``。」`` ``）、`` ``，“``): ``span.halt``.

    The stylesheet turns on the fonts' OpenType ``halt`` feature for these marks only, which
    is what ``chws`` does in fonts that have it (Noto CJK 2.001 on Debian does not). Done on the
    markup, unparsed, in each text (see :func:`~paiban.xhtml.split_text`); two marks either side of
    an in-line element's edge are narrowed on the parse :func:`for_every_format` makes
    (:func:`_marks_narrowed_across`).
    """
    if not _ADJACENT.search(article.body):
        return article
    return replace(article, body=split_text(article.body, _ADJACENT, lambda match: _halted(match[0])))


def _halted(mark: str):
    """``mark`` in a ``span.halt``."""
    return E.span(mark, {"class": "halt"})


def _marks_narrowed_across(root) -> None:
    """Narrow each two marks that touch across the edges of in-line elements as :data:`_ADJACENT`
    narrows them in one text: a bold headword's 】 before its variant's （ (``**【安灶】**（安仔）``),
    a linked title's ” before 。 (``见[“阿锅”](#id)。``) stood a full square apart. A mark narrowed
    in its text already (``span.halt``) is left. The marks that end a text are narrowed before
    those that begin one, which moves the rest of the text after the mark."""
    ends, starts = [], []
    for before in _texts_at_edges(root):
        if after := _next_text(*before):
            left, right = getattr(*before), getattr(*after)
            if _ADJACENT.match(left[-1] + right[:2]):  # (a zero-width space may part them)
                ends.append(before)
            elif _ADJACENT.match(left[-1] + right[0], 1):
                starts.append(after)
    for element, slot in ends:
        _halt_at(element, slot, last=True)
    for element, slot in starts:
        _halt_at(element, slot, last=False)


def _texts_at_edges(root) -> list[tuple]:
    """The element and slot (``text`` or ``tail``) of each text of prose that ends in a full-width
    mark where an element :data:`_SEEN_THROUGH` opens or closes (code's own left out). A mark
    narrowed in its text (``span.halt``) has its text's marks either side: its edges are no element's."""
    found = {}
    for element in root.iter(*_SEEN_THROUGH):
        if "halt" in _classes(element) or next(element.iterancestors(*VERBATIM), None) is not None:
            continue
        previous = element.getprevious()
        opening = (previous, "tail") if previous is not None else (element.getparent(), "text")
        closing = (element[-1], "tail") if len(element) else (element, "text")
        for edge in (opening, closing):
            if (text := getattr(*edge)) and text[-1] in _FULL_WIDTH_MARKS:
                found[edge] = True
    return list(found)


def _next_text(element, slot: str) -> tuple | None:
    """The element and slot of the text printed next after ``element``'s ``slot`` (``text`` or
    ``tail``), through the edges of the elements :data:`_SEEN_THROUGH`; ``None`` where something
    else comes first: a block's end, a note's call, a picture, code."""
    following, leaving = ((element[0] if len(element) else None), element) if slot == "text" else (
        element.getnext(), element.getparent())
    while True:
        if following is not None:
            if following.tag not in _SEEN_THROUGH or _prints_a_call(following):
                return None
            if following.text:
                return following, "text"
            following, leaving = (following[0] if len(following) else None), following
        else:
            if leaving.tag not in _SEEN_THROUGH or _prints_a_call(leaving):
                return None
            if leaving.tail:
                return leaving, "tail"
            following, leaving = leaving.getnext(), leaving.getparent()


def _halt_at(element, slot: str, *, last: bool) -> None:
    """The last or the first character of ``element``'s text or tail as a ``span.halt`` of its own."""
    if slot == "text" and "halt" in _classes(element):
        return
    text = getattr(element, slot)
    mark = _halted(text[-1] if last else text[0])
    setattr(element, slot, text[:-1] if last else "")
    mark.tail = "" if last else text[1:]
    if slot == "text":
        element.insert(0, mark)
    else:
        element.addnext(mark)


def apostrophes_shut(article: Article) -> Article:
    """Each Latin word of the body with an apostrophe inside it shut to its letters (O’Neill, not
    O’ Neill: :func:`~paiban.punctuation.shut_apostrophes`)."""
    if "’" not in article.body:
        return article
    return replace(article, body=shut_apostrophes(article.body))


# What a Latin word, number, time, date, URL or path (a Windows one too) is made of (a regex class's contents).
TOKEN_CHARACTERS = r"0-9A-Za-z_/\\:.~%?#=+@!$*,-"
# A Latin word, a URL or a path this long: no line holds it whole beside much else. A URL written
# in the text runs as punctuation's rule has it, to the first space or Chinese mark, its query's &
# and the Chinese of its path where more of it follows (/搜索?q=头发&page=2) with it: it was cut
# short at its & and at its first Chinese character. (At least 16 characters before any Chinese.)
_LONG_WORD = patterns.compile(rf"(?=[^{_NOT_LATIN}]{{16}})(?:{URL.pattern})"
                              rf"|[{TOKEN_CHARACTERS}]{{16,}}")
# A URL, a path or an address (it has / \ or @ in it, or a dot between letters), which print breaks
# only where it reads on (urls_in_parts), and a reading system leaves as written (its digits on their
# side in vertical text); each breaks only when it cannot fit on a line of its own, as a word does.
_URL_LIKE = patterns.compile(r"[/\\@]|[A-Za-z]\.[A-Za-z]")
_VERBATIM_ELEMENT = patterns.compile(rf"<({'|'.join(sorted(VERBATIM))})\b.*?</\1>", re.DOTALL)
# The text of a link that shows a long URL (an autolink), its query's & too (&amp; in the markup,
# where the cheap look before parsing the body for one finds it).
_LONG_URL_SHOWN = patterns.compile(rf"[&;{TOKEN_CHARACTERS}]{{16,}}")
_SHOWS_LONG_URL = patterns.compile(rf">{_LONG_URL_SHOWN.pattern}</a>")


def _long_words_split(article: Article) -> Article:
    """Each long word of the prose in a ``span.breakable`` (``.url`` too when it is a URL or a
    path), free to break anywhere when it cannot fit: whole, it ran past the margin, or widened a
    table off the page, or left the line before it spaced out. Shorter words, numbers (5,678.90)
    and code are left whole. (Done on the markup, unparsed: see :func:`~paiban.xhtml.split_text`.)"""
    body = article.body
    if not _LONG_WORD.search(TAG.sub(" ", _VERBATIM_ELEMENT.sub(" ", body))):  # in prose, not code or a tag
        return article
    return replace(article, body=split_text(body, _LONG_WORD, lambda match: E.span(
        match[0], {"class": "breakable url" if _URL_LIKE.search(match[0]) else "breakable"})))


# What is drawn with the character before it, one grapheme: combining accents (café written cafe +
# U+0301; Greek's, Cyrillic's, Hebrew's and Arabic's points; kana's voiced marks, か + U+3099; the
# ideographic tone marks), variation selectors (葛 + U+E0100, an ideographic one, picks its variant
# form), an emoji's skin tone and a flag's tags. Kept apart from its character (span.keep), WeasyPrint
# shaped it alone: the PDF drew it on a dotted circle, and the character without it.
_COMBINING = ("\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff"
          "\u20d0-\u20ff\u302a-\u302f\u3099\u309a\ufe00-\ufe0f\ufe20-\ufe2f\U0001f3fb-\U0001f3ff"
          "\U000e0020-\U000e007f\U000e0100-\U000e01ef")
# A character with its marks, and those a zero-width joiner joins to it (👩‍💻: one emoji).
_GRAPHEME = rf"[^{_COMBINING}\u200d][{_COMBINING}]*(?:\u200d[^{_COMBINING}\u200d][{_COMBINING}]*)*"
_LAST_GRAPHEME = patterns.compile(rf"{_GRAPHEME}\Z")
# How far from a text's end its last grapheme is looked for (the longest emoji, a family's of
# skin tones, is ten characters): not the whole text before each call.
_GRAPHEME_REACH = 32
# A note's call typed by hand: a circled number (① to ㊿) right after a word's character, a quotation
# or title it closes, or any mark but those an item's number follows (成岁①律吕, 成岁①，, 参见某书①,
# 《论语》①, 他说……①, 30°①, 何以至此？①), with the closing marks after it, or one that ends its text
# after a mark (是这样的。①), which opens nothing; the character before it is kept with its marks
# (:data:`_GRAPHEME`). Classical texts and many manuscripts mark their notes so. Anywhere else it
# numbers an item (:data:`_ITEM_NUMBER`).
# (The first lookahead, a number or a mark next, spares trying a grapheme at every character.)
_TYPED_CALL = patterns.compile(
    rf"(?=.[{_CIRCLED}{_COMBINING}\u200d])(?:(?=[^{_BEFORE_AN_ITEM}<&;]){_GRAPHEME}[{_CIRCLED}][{re.escape(CLOSING)}？！]*"
    rf"|(?=[^\s{re.escape(OPENING)}]){_GRAPHEME}[{_CIRCLED}][{re.escape(CLOSING)}？！]*\Z)")
_CIRCLED_NUMBER = patterns.compile(f"[{_CIRCLED}]")


def _typed_calls_bound(article: Article) -> Article:
    """Each note call typed by hand (:data:`_TYPED_CALL`) kept on the line of the character before
    it, with the marks after it (``span.keep``), as a Markdown note's call is: a line began ①律吕,
    even ①，. (Done on the markup, unparsed: see :func:`~paiban.xhtml.split_text`.)"""
    if not _CIRCLED_NUMBER.search(article.body):
        return article
    return replace(article, body=split_text(article.body, _TYPED_CALL, _kept_span))


def _ruby_before_marks(root) -> None:
    """Mark each ruby a full-width mark follows (``ruby.before-mark``): print.css prints its
    reading in parentheses it adds (髫（tiáo）), whose ）, not in the text, took no part in the
    narrowing of adjacent marks (:func:`compress_punctuation`), and stood a full square from the ，
    after it."""
    for ruby in root.iter("ruby"):
        if next((text[0] for text in _printed_after(ruby) if text), "") in _FULL_WIDTH_MARKS:
            add_class(ruby, "before-mark")


def _printed_after(element):
    """The texts printed after ``element`` in its block, in order: its tail, the elements after it (a
    ruby's base, the ``span.keep`` print makes of a paragraph's last characters) with theirs, then what
    follows the inline element it ends (an emphasis). They end at a note's call, which prints its
    number. Its tail alone was read: a ruby that another followed, or that ended its paragraph, had
    an empty one, and counted as before a mark."""
    while True:
        yield element.tail or ""
        for sibling in element.itersiblings():
            if not (shown := _shown(sibling)) and _is_call(sibling):
                return
            yield shown + (sibling.tail or "")
        element = element.getparent()
        if element is None or element.tag not in _PHRASING:
            return


_RUBY_BEFORE_MARK = TreeStep(lambda body: "<ruby" in body, _ruby_before_marks)


# A reading's size in print (print.css's rt), and the width of the parentheses it adds around one, in ems.
_READING_SIZE = 0.75
_PARENTHESES_EM = 2
_BASE_TEXT = etree.XPath("descendant::text()[not(ancestor::rt or ancestor::rp)]")


def rubies_in_pairs(measure: int):
    """A step for print that sets each base of a ruby with its readings as a ruby of its own
    (:func:`~paiban.ruby.one_per_base`), which print.css keeps whole: a ruby over a sentence was one
    unbreakable piece, and ran off the page. One still wider than a line of ``measure`` ems (a long
    word's reading, a translation over the sentence after its last base) is a ``ruby.long``, which
    breaks where its text may."""
    def mark_long(root) -> None:
        for ruby in one_per_base(root):
            if _ruby_width(ruby) > measure:
                add_class(ruby, "long")
    step = TreeStep(lambda body: "<ruby" in body, mark_long)
    return lambda article: edited(article, step)


def _ruby_width(ruby) -> float:
    """How many ems ``ruby`` takes in print: its base, and each reading a size smaller in parentheses."""
    readings = ["".join(reading.itertext()) for reading in ruby.iter("rt")]
    return (_text_width("".join(_BASE_TEXT(ruby)))
            + sum(_READING_SIZE * _text_width(reading) + _PARENTHESES_EM for reading in readings if reading))


def _linked_urls_breakable(root) -> None:
    """A link that shows its URL (``<https://…>``) is left as written by :func:`split_text` (its
    text is the address, never prose): the link itself gets the classes."""
    for link in root.iter("a"):
        text = link.text or ""
        if not len(link) and _LONG_URL_SHOWN.fullmatch(text) and _URL_LIKE.search(text):
            add_class(link, "breakable", "url")


# Where a URL's run too long to keep whole (over SHORT_CODE characters between the places of
# _CODE_BREAK: /quantitative-and-textual-analysis-of-…) may end a line besides: before a hyphen, as
# The Chicago Manual of Style breaks a URL, the hyphen beginning the next line, where no reader takes
# it for one added (after it, salt-history- / review read as hyphenation). Never in a run of hyphens
# nor between digits (2024-05-01, 101-118: a date or a range reads as one number).
_URL_HYPHEN_BREAK = patterns.compile(r"(?<!-)(?=-)(?!(?<=\d)-\d)")


def _url_parts(url: str) -> list[str]:
    """A URL or path cut as long code is (:func:`_code_parts`), a part too long to keep whole also
    before its hyphens (:data:`_URL_HYPHEN_BREAK`)."""
    return [piece for part in _code_parts(url)
            for piece in ([part] if _short(part, SHORT_CODE) else _code_parts(part, _URL_HYPHEN_BREAK))]


def urls_in_parts(measure: int):
    """A step for print that cuts each URL or path of the prose (``.breakable.url``) where a line
    may end in it (:func:`_url_parts`: The Chicago Manual of Style's places, its scheme kept with
    what follows it), each part kept whole up to :data:`SHORT_CODE` characters, a ``<wbr>`` between
    them. Left to the engine, a URL broke after its / and . and at its own hyphens (``annual-`` /
    ``reports`` reads as hyphenation) and left ``https://`` alone at a line's end, the line spaced
    out to twice its width. The parts are siblings, each part of a link a link to the whole address
    (see :func:`_keep_code`)."""
    step = TreeStep(lambda body: True, lambda root: _urls_in_parts(root, measure))

    def cut(article: Article) -> Article:
        return edited(article, step) if "breakable url" in article.body else article
    return cut


def _urls_in_parts(root, measure: int) -> None:
    for element in list(root.iter("span", "a")):
        if "url" not in _classes(element) or len(element) or not _cut_where_it_reads_on(element, measure):
            continue
        if len(parts := _url_parts(element.text or "")) < 2:
            continue
        # Each part a sibling of its own, a link's each a link to the whole address: parts nested in
        # one element, WeasyPrint went back to the break before it, and spread the line out.
        _in_parts(element, parts)
        _keep_short(element)


# A run with a / or \ in it that is a URL or a path: it has a scheme, or a letter beside its / or \
# (https://doi.org/10.1234/abcd, www.example.com/a, C:\Users, src/paiban). Figures and marks alone
# (2024/05/01-2024/06/30, 1/2+1/3=5/6, 12.5%/13.0%) are a date, a sum or a row of figures.
_URL_OR_PATH = patterns.compile(r"[A-Za-z][\w+.-]*://|[^\W\d_][/\\]|[/\\][^\W\d_]")


def _cut_where_it_reads_on(url, measure: int) -> bool:
    """Whether print cuts ``url`` (an element showing a URL, a path or an address): when it is too
    long for a line of ``measure`` ems, and a URL or path (:data:`_URL_OR_PATH`) that fits one too
    (the engine broke ``https://doi.org/`` / ``10.1234/…``; kept whole, it spread out the line
    before it), but in a table's cell, whose column its parts kept whole widened, squeezing the
    others. Anything else that fits is left to the engine, as a word is: an e-mail address or a domain
    goes to the next line whole, and figures with a / between them (a date, a sum, percentages) break
    where UAX #14 lets them, never inside a number (cut, a line began /01, /60 or %/13.0%)."""
    text = url.text or ""
    return _text_width(text) > measure or (_URL_OR_PATH.search(text) is not None
                                           and next(url.iterancestors("td", "th"), None) is None)


_LINKED_URLS_BREAKABLE = TreeStep(lambda body: bool(_SHOWS_LONG_URL.search(body)), _linked_urls_breakable)
# An emphasis (a cite, dfn, var too) whose text is Latin marked ``latin``
# (:func:`~paiban.punctuation.mark_latin_emphasis`).
_LATIN_EMPHASIS = TreeStep(lambda body: HAS_ITALIC.search(body) is not None, mark_latin_emphasis)


def _bind_calls(root) -> None:
    """Bind each note call still Markdown's (``sup.footnote-ref``: the EPUB's and the HTML's; the
    PDF's are bound as :func:`footnotes_in_place` moves their notes), and each other superscript of
    the prose a line may end before, to the character before it. A reference's number typed as a
    superscript (胆固醇<sup>[2-5]</sup>, as GB/T 7714 numbers references) is a note's call as much,
    and a line began with it, apart from the word it cites."""
    for sup in list(root.iter("sup")):
        if "footnote-ref" in _classes(sup) or _line_may_end_before(sup):
            _bind_call(sup)


def _line_may_end_before(sup) -> bool:
    """Whether a line may end right before ``sup``, a superscript of the prose: after anything but a
    Latin letter or a digit, which it never parts from (x<sup>2</sup>, 10<sup>23</sup>). Bound, those
    parted the digits a vertical edition sets upright together (1 / 0³)."""
    last = _text_before(sup)[-1:]
    return not (last.isascii() and last.isalnum()) and next(sup.iterancestors(*VERBATIM), None) is None


_CALLS_BOUND = TreeStep(lambda body: "<sup" in body, _bind_calls)


# A paragraph of scripture, run in from verse to verse, opens with its first verse's number
# (:data:`~paiban.numerals.VERSE`: 1 起初…, ¹起初…, [1]起初…, or a superscript, <sup>1</sup>起初…), and the
# next follows the end of a sentence (its 。！？…, and the closing marks after it): a quick look at the
# markup for both before a parse (a news report's paragraphs open with 5月1日 as often).
_SENTENCE_END, _CLOSED = "。！？…", "”’」』）》"
_SUPERSCRIPT_VERSE = "<sup>[1-9][0-9]{0,2}</sup>"
_OPENS_WITH_VERSE = patterns.compile(rf"<p\b[^>]*>\s*(?:{_SUPERSCRIPT_VERSE}|{VERSE})")
_VERSE_AFTER_SENTENCE = patterns.compile(rf"[{_SENTENCE_END}][{_CLOSED}]?(?:{_SUPERSCRIPT_VERSE}|{VERSE})")
# A verse's number, with the opening marks and the character its verse begins with (group 1): at
# its paragraph's start, or right after the end of a sentence.
_VERSE_AND_FIRST = rf"({VERSE}[{re.escape(OPENING)}]*{_GRAPHEME})"
_OPENING_VERSE = patterns.compile(rf"^\s*{_VERSE_AND_FIRST}")
_NEXT_VERSE = patterns.compile(rf"(?:(?<=[{_SENTENCE_END}])|(?<=[{_SENTENCE_END}][{_CLOSED}])){_VERSE_AND_FIRST}")
# ... and a superscript's: a sentence's end before it, its verse's first character after it.
_SENTENCE_ENDED = patterns.compile(rf"[{_SENTENCE_END}][{_CLOSED}]?\s*\Z")
_VERSE_OPENS = patterns.compile(rf"[{re.escape(OPENING)}]*(?=[^\W\d_]){_GRAPHEME}")
_WRITTEN_VERSE = ("figures", "bracketed", "raised")  # the forms of a verse's number in the text
# How far a verse's number may be from the last one's: the next, or the one after it (a verse a
# translation leaves out, or one whose number was kept with its unit already, 3个: units_kept).
_VERSE_STEP = 2


def _verse_numbers_kept(root) -> None:
    """Keep each verse's number of a paragraph of scripture with the character its verse begins
    with (``span.keep``): a line ended 。8 or 。¹², the verse going on on the next, and the number
    read as the last verse's; a superscript one was bound to the 。 before it as a note's call is
    (:func:`_bind_calls`), never to its verse. A paragraph's numbers are its verses' when it opens
    with one, each of the others in the same form right after a sentence's end, before its verse's
    words, and the next number (or the one after it): a superscript after 。 elsewhere is a call."""
    for paragraph in root.iter("p"):
        if (opening := _OPENING_VERSE.match(paragraph.text or "")) is not None:
            _written_verses_kept(paragraph, opening)
        elif not (paragraph.text or "").strip() and len(paragraph) and _superscript_verse(paragraph[0]) is not None:
            _superscript_verses_kept(paragraph)


def _written_verses_kept(paragraph, opening: re.Match[str]) -> None:
    """The verses' numbers written in ``paragraph``'s text (1 …, ¹…, […]) after the first, which
    ``opening`` found, each kept with its verse's first character. (The first opens the paragraph's
    first line: no line ends before its verse. A paragraph that opens with a number and has no next,
    3月5日…, is left as it is.)"""
    form, last = next(name for name in _WRITTEN_VERSE if opening[name]), verse_count(opening)
    for holder, attribute in [(paragraph, "text"), *((child, "tail") for child in paragraph)]:
        text = getattr(holder, attribute) or ""
        kept = []
        for verse in _NEXT_VERSE.finditer(text, opening.end() if holder is paragraph else 0):
            if verse[form] and last < verse_count(verse) <= last + _VERSE_STEP:
                kept.append(verse.span(1))
                last = verse_count(verse)
        if kept:
            _kept_in(holder, attribute, kept)


def _kept_in(holder, attribute: str, spans: list[tuple[int, int]]) -> None:
    """Each of ``spans`` (start, end) of ``holder``'s ``attribute`` (its text, or its tail) in a ``span.keep``."""
    text = getattr(holder, attribute)
    keeps = []
    for (start, end), until in zip(spans, [start for start, _ in spans[1:]] + [len(text)], strict=True):
        keeps.append(E.span(text[start:end], {"class": "keep"}))
        keeps[-1].tail = text[end:until]
    setattr(holder, attribute, text[:spans[0][0]])
    if attribute == "text":
        holder[0:0] = keeps
    else:
        for keep in reversed(keeps):
            holder.addnext(keep)


def _superscript_verses_kept(paragraph) -> None:
    """The verses' numbers of ``paragraph`` written as superscripts after the first, which opens
    it, each kept with its verse's first character: the superscript and that in a ``span.keep``."""
    last = _superscript_verse(paragraph[0])
    for sup in [child for child in paragraph[1:] if child.tag == "sup"]:
        count = _superscript_verse(sup)
        if count is None or not last < count <= last + _VERSE_STEP or not _SENTENCE_ENDED.search(_text_before(sup)):
            continue
        last = count
        tail = sup.tail or ""
        first = _VERSE_OPENS.match(tail)
        keep = E.span({"class": "keep"})
        sup.addprevious(keep)
        keep.tail, sup.tail = tail[first.end():], first[0]
        keep.append(sup)


def _superscript_verse(sup) -> int | None:
    """The count of the verse whose number the superscript ``sup`` is, if it may be one: figures alone,
    no note's call (``sup.footnote-ref``), before its verse's words."""
    text = sup.text or ""
    if not (0 < len(text) <= 3 and text.isascii() and text.isdigit()) or len(sup) or sup.get("class"):
        return None
    return int(text) if _VERSE_OPENS.match(sup.tail or "") else None


def for_every_format(article: Article) -> Article:
    """What an article's markup gets in every rendering: adjacent marks narrowed, apostrophes shut to
    their letters, long words free to break, calls typed by hand kept with the character before
    them (all on the markup, unparsed), then on one parse: adjacent marks either side of an in-line
    element's edge narrowed, links showing a long address free to break, inline code and short
    table cells kept whole (or code in parts), a code block's lines and a poem's hung, box-drawing
    characters in code marked, Latin emphasis marked, note calls kept with the character before
    them, a ruby before a mark marked."""
    # (Marks across an edge are looked for before compress_punctuation's halts, whose spans part marks too.)
    across = _ADJACENT_ACROSS.search(article.body) is not None
    return edited(_typed_calls_bound(_long_words_split(apostrophes_shut(compress_punctuation(article)))),
                  TreeStep(lambda _: across, _marks_narrowed_across), _LINKED_URLS_BREAKABLE, _CODE_KEPT, _CODE_LINES,
                  _BOX_DRAWING_MARKED, _VERSE_LINES, _CELLS_KEPT, _LATIN_EMPHASIS, _CALLS_BOUND, _RUBY_BEFORE_MARK)


def for_screen_formats(article: Article) -> Article:
    """What an article's markup gets in a reading system and the preview: its dates kept whole
    (:func:`dates_kept`), what print keeps on one line in every format (:func:`kept_on_one_line`),
    then every format's own (:func:`for_every_format`)."""
    return for_every_format(kept_on_one_line(dates_kept(article)))


# The characters that override the direction of the text between them and the pop after them: a
# ``<bdo>``'s, as print draws it.
_OVERRIDE_CHARACTERS = {"rtl": "\u202e", "ltr": "\u202d"}
_POP = "\u202c"


def overrides_drawn(article: Article) -> Article:
    """Each text inside a ``<bdo>`` between the characters that override its direction as the
    ``<bdo>``'s ``dir`` does (``<bdo dir="rtl">abc</bdo>`` prints cba): WeasyPrint has no
    ``unicode-bidi`` and printed abc, but Pango obeys the characters. Each text, as WeasyPrint lays
    out each apart. A reading system overrides by the element (the EPUB's markup is left as written)."""
    if "<bdo" not in article.body:
        return article
    return replace(article, body=edit(article.body, _draw_overrides))


def _draw_overrides(root) -> None:
    for element in root.iter(etree.Element):
        if element.text and (override := _override_of(element)):
            element.text = f"{override}{element.text}{_POP}"
        if element.tail and element is not root and (override := _override_of(element.getparent())):
            element.tail = f"{override}{element.tail}{_POP}"


def _override_of(element) -> str | None:
    """The override character of the ``<bdo>`` that ``element`` is or is nearest inside, if any."""
    override = element if element.tag == "bdo" else next(element.iterancestors("bdo"), None)
    return _OVERRIDE_CHARACTERS.get(override.get("dir")) if override is not None else None


def footnotes_in_place(article: Article) -> Article:
    """Move each Markdown footnote to where it is first called, as ``span.footnote`` (print.css
    floats it to the foot of the page and numbers it per chapter); a later call to the same note
    is ``a.footnote-again``, which prints that note's number (a note is printed once, on the page
    of its first call). A list at the article's end goes once every note in it has moved."""
    if "footnote-ref" not in article.body:
        return article
    return replace(article, body=edit(article.body, _move_footnotes))


def _move_footnotes(root) -> None:
    notes = {item.get("id"): item for item in root.iter("li") if "footnote-item" in _classes(item)}
    for call in list(root.iter("sup")):
        link = call.find("a") if "footnote-ref" in _classes(call) else None
        name = (link.get("href") or "").lstrip("#") if link is not None else ""
        if name not in notes:
            continue
        item = notes[name]
        if item.getparent() is None:  # moved to an earlier call
            note = E.a({"class": "footnote-again", "href": f"#{name}"})
        else:
            note = _note(item, direction_given(call) or "ltr")
            item.getparent().remove(item)
        note.tail = call.tail
        call.getparent().replace(call, note)
        _bind_call(note)
    for section in [section for section in root.iter("section") if "footnotes" in _classes(section)]:
        if section.find(".//li") is None:
            drop(section)
    if not any("footnotes" in _classes(section) for section in root.iter("section")):
        for rule in [rule for rule in root.iter("hr") if "footnotes-sep" in _classes(rule)]:
            drop(rule)


# What a note may hold that is no inline text (see _run_in).
_NOTE_BLOCKS = ("p", "div", "ul", "ol", "li", "blockquote", "pre", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
                "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "hr", "section", "aside")


def _note(item, around: str):
    """The note ``item`` (``li.footnote-item``) as ``span.footnote``, a span a paragraph, without
    its links back; it keeps the item's id, for a later call to print its number, and its language.
    Its blocks are spans (:func:`_run_in`); each but a first paragraph, which runs on after the
    note's number, starts a line of its own (``span.note-block``; a quotation ``.note-quote``, set
    in). (A list left a span, its items blocks inside it, ran a line past the foot of the page.)
    It keeps the direction of its first paragraph (left to right where nothing gives one) where
    that is not ``around``, the direction of the paragraph calling it: it took that paragraph's,
    and a Chinese note on a quotation in Arabic was printed from the right, its pieces in reverse order."""
    direction = direction_given(item[0] if len(item) else item) or "ltr"
    note = E.span({"class": "footnote", "id": item.get("id"), **written_in(item),
                   **({"dir": direction} if direction != around else {})})
    for backref in [link for link in item.iter("a") if "footnote-backref" in _classes(link)]:
        drop(backref)  # (in a note ending in a quotation, its last paragraph is the quotation's)
    for block in list(item):
        kind = block.tag
        paragraph = _run_in(block)
        if not len(paragraph) and not (paragraph.text or "").strip():
            continue  # (the paragraph of the links back, printed apart in Markdown's notes)
        if len(paragraph):
            paragraph[-1].tail = (paragraph[-1].tail or "").rstrip()
        else:
            paragraph.text = (paragraph.text or "").rstrip()
        if len(note):
            note[-1].tail = (note[-1].tail or "") + " "
        span = E.span(*([paragraph.text or ""] + list(paragraph)))
        if kind != "p" or len(note):
            span.set("class", "note-block note-quote" if kind == "blockquote" else "note-block")
        note.append(span)
    return note


# What starts a line of its own in a note printed as spans (print.css: .note-block).
_NOTE_LINES = frozenset({"p", "li", "blockquote", "pre", "div", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6"})


def _run_in(block):
    """A block of a note as spans, a list's items numbered or bulleted in their text (1. 甲; • 乙),
    each a line of its own as a paragraph in it is (``span.note-block``). The note is laid out
    inside its call's paragraph, where a block would not stay: parsing the page, WeasyPrint's
    HTML parser closes the paragraph at a ``<p>`` or an ``<li>``, and the rest printed in the body
    after the call. A table's cells read on, a space apart."""
    markers = {}  # each list's items' markers, by the list: worked out once a list
    for item in block.iter("li"):  # numbered while their lists are lists (an item's value too: claims 1. 3. 7.)
        parent = item.getparent()
        if parent not in markers:
            markers[parent] = _item_markers(parent)
        item.text = f"{markers[parent][item]} {item.text or ''}"
    for element in list(block.iter(*_NOTE_BLOCKS)):
        if element is not block or block.tag != "p":
            kind = element.tag
            element.tag = "span"
            element.attrib.clear()
            if not (element.text or "").strip():
                element.text = None  # (WeasyPrint gave the space before a quotation's first line a line)
            if element is not block:
                element.tail = " " + (element.tail or "").lstrip()
                if kind in _NOTE_LINES:
                    element.set("class", "note-block" if kind != "blockquote" else "note-block note-quote")
    return block


def _item_markers(listed) -> dict:
    """Each item of ``listed`` → what a note run into its paragraph prints before it: its number
    as the list's ``start`` and the items' ``value`` give it (1.) in an ``<ol>``, else a bullet (•)."""
    items = listed.findall("li")
    if listed.tag != "ol":
        return dict.fromkeys(items, "•")
    numbers = item_numbers(listed.get("start"), [item.get("value") for item in items])
    return {item: f"{number}." for item, number in zip(items, numbers, strict=True)}


def _bind_call(note) -> None:
    """Keep a note's call on the line of the character before it, with the closing marks after it
    (``span.keep``): WeasyPrint and browsers break a line at the call's edge, before its number,
    so a line began ³。 at times. The character is kept with its marks (:data:`_GRAPHEME`: 葛 and
    its variation selector); marks whose character is not in the same text are left as they are."""
    parent, previous = note.getparent(), note.getprevious()
    before = _text_before(note)
    character = _LAST_GRAPHEME.search(before, max(0, len(before) - _GRAPHEME_REACH))
    if character is None or character[0].isspace():
        return
    if previous is not None:
        previous.tail = before[:character.start()]
    else:
        parent.text = before[:character.start()]
    after = note.tail or ""
    marks = len(after) - len(after.lstrip(CLOSING + "？！"))
    keep = E.span(character[0], {"class": "keep"})
    parent.insert(parent.index(note), keep)
    keep.tail, note.tail = after[marks:], after[:marks]
    keep.append(note)


def _text_before(element) -> str:
    """The text right before ``element``: the tail of the element before it, or its parent's text."""
    previous = element.getprevious()
    return (previous.tail if previous is not None else element.getparent().text) or ""


# A footnote as print.css sets it: 8.5 pt type on a 1.5 leading, hanging 1.8 of its ems after its number.
_NOTE_PT, _NOTE_LEADING, _NOTE_HANG = 8.5, 1.5, 1.8
# The most of the text block a footnote may fill. WeasyPrint never splits a note: one taller than
# the page was dropped from the PDF without a word, or printed pages later over the running head.
NOTE_SHARE = 0.5
_PT_PER_MM = 72 / 25.4


def long_notes_at_end(page):
    """A step that prints each footnote too long for the foot of a ``page``
    (:class:`~paiban.page.PageGeometry`) as an endnote at the end of its article instead, its call
    (``a.endnote-call``) linking there, with a warning naming the article and the note (told once
    a build: see :func:`~paiban.retold.told_once`).

    The note keeps its number among the chapter's notes, which print.css counts (the call prints
    it with a star, 2*): numbered apart (*1), it renumbered the notes after it in the PDF alone,
    and the EPUB's 3 became the PDF's 2.

    Decided from the note's length before layout: its width in its own ems over the note's
    measure gives its lines, which may fill at most ``NOTE_SHARE`` of the text block. Runs after
    :func:`footnotes_in_place`, whose ``span.footnote`` it reads."""
    measure = page.characters * page.font_size / _NOTE_PT - _NOTE_HANG
    most = int(NOTE_SHARE * page.text_height * _PT_PER_MM / (_NOTE_PT * _NOTE_LEADING))

    def moved(article: Article) -> Article:
        if "footnote" not in article.body:
            return article
        long = []
        body = edit(article.body, lambda root: long.extend(_notes_to_end(root, measure, most)))
        for number, characters in long:
            log.warning("%s: footnote %d (%d characters) is longer than half a page's foot can hold: printed as "
                        "an endnote at the end of the article, its number starred; shorten or split it to keep "
                        "it a footnote", article.source, number, characters)
        return replace(article, body=body) if long else article
    return moved


# The classes of print's endnotes, and of the section at an article's end that holds them: the page
# map finds a page beginning in one in the EPUB's note of its id, where the EPUB has its notes (pagemap).
ENDNOTE, ENDNOTES = "endnote", "endnotes"


def _notes_to_end(root, measure: float, most: int) -> list[tuple[int, int]]:
    """Move the notes of ``root`` of more than ``most`` lines ``measure`` ems wide to a list at its
    end; (its number among the article's notes, its characters) for each."""
    notes = [note for note in root.iter("span") if _is_note(note)]
    long = [note for note in notes if math.ceil(_text_width(_note_text(note)) / measure) > most]
    if not long:
        return []
    found = [(notes.index(note) + 1, len(_note_text(note))) for note in long]
    moved = {note.get("id") for note in long}
    end = E.section({"class": ENDNOTES})
    for note in long:
        _as_endnote(note, end)
    for again in [link for link in root.iter("a") if "footnote-again" in _classes(link)]:
        if (key := (again.get("href") or "").lstrip("#")) in moved:  # numbered from the call (print.css)
            again.set("class", "endnote-again")
            again.set("data-call", f"#{key}-call")
    root.append(end)
    return found


def _note_text(note) -> str:
    return "".join(note.itertext()).replace(_ZWSP, "").strip()


def _as_endnote(note, end) -> None:
    """Put a ``p.endnote`` holding ``note``'s text in ``end``, and a call linking to it where
    ``note`` was; the endnote's number links back to the call. Both numbers are print.css's. The
    endnote is in the note's language and direction, that of the paragraph calling it where the
    note gives none (read before the note leaves it)."""
    key = note.get("id")
    entry = E.p({"class": ENDNOTE, "id": key, **written_in(note)}, E.a({"href": f"#{key}-call"}), " ")
    call = E.a({"class": "endnote-call", "href": f"#{key}", "id": f"{key}-call"})
    call.tail = note.tail
    note.getparent().replace(note, call)
    for child in note:
        entry.append(child)
    end.append(entry)
