"""Chinese punctuation and spacing: the text-level rules of Chinese typography.

Text scraped from the web is full of ``,`` ``:`` ``(`` typed on a Latin keyboard between
Chinese characters, ``...`` for ……, a lone — for ——, and lines broken inside a paragraph (read
as a space between two Chinese characters). :func:`normalise` mends them, but only
where a Chinese character stands beside the mark on the side that matters, so ``3,471.74``,
``Hello, world`` and ``https://a.b/c?d=e`` keep theirs, and not in a sentence of Latin text
(:func:`in_latin_sentence`: The characters 山, 水 and 人 are …). Per edition, :func:`set_quotes`
chooses “ ” ‘ ’ or 「 」『 』 and :func:`set_spacing` the space between Chinese and Latin.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

from lxml.builder import E

from . import patterns
from .chars import HAN, HAS_HAN
from .xhtml import add_class, split_text

# Marks that close what they follow and may not begin a line, and marks that open what follows
# and may not end one (China's line-breaking rules, as JLREQ's for Japanese).
CLOSING = "，。、；：」』）》〉】〕”’"
OPENING = "「『（《〈【〔“‘"
# Han ideographs (:data:`~paiban.chars.HAN`), radicals, CJK punctuation and full-width forms.
_CJK_ONLY = rf"\u2e80-\u2fdf\u3000-\u303f{HAN}\ufe30-\ufe4f\uff00-\uffef"
# ... and the marks Chinese shares with Latin text.
_CJK = _CJK_ONLY + "“”‘’…—"
# A paragraph's (or a title's line's) last two Chinese characters, with the marks after and
# between them (了。” 菜篮。), or its last one and the number or Latin word before it (2,345.67 元。):
# kept on one line, so that none ends on a line of one character (孤字).
_LINE_MARKS = re.escape(CLOSING + OPENING + "？！")
LAST_TWO = patterns.compile(rf"(?:[{HAN}]|[0-9A-Za-z.,%]+ ?)[{_LINE_MARKS}…—\u200b]*[{HAN}][{_LINE_MARKS}…—\u200b]*"
                            r"(?=\s*$)")
# A word in brackets or quotation marks: a title breaks before its （臺灣版）, not inside it
# (城市筆記（臺灣 / 版）), on the drawn cover and on the title page alike.
_BRACKET_PAIRS = ("（）", "《》", "〈〉", "【】", "〔〕", "「」", "『』", "“”", "‘’")
BRACKETED = "|".join(rf"{re.escape(opening)}[^\n{re.escape(opening + closing)}]+{re.escape(closing)}"
                     for opening, closing in _BRACKET_PAIRS)
BRACKETED_WORD = patterns.compile(BRACKETED)
# A URL runs to the first space or Chinese character or mark; trailing sentence marks, and a
# quote or bracket closing around it ("https://…/index.html", [https://…]), are not part of it.
# Chinese characters inside its path or query, right after / = ? # & or : and followed by more of
# it after / ? # & or = (/搜索?q=头发&page=2), are its own: read as prose, they were converted, and
# the ? after them made full width. Several such parts in a row (/景点/青石桥?id=12) are read as one
# run, which more of it must follow: read a part at a time, each wanted Latin after it, and the URL
# ended before the first. Chinese at its end is the sentence going on, as Chinese is
# written right after a URL (请访问https://example.com/了解更多); a URL that ends in Chinese
# (/wiki/台风) needs a space or <…> around it. (Nor does it run past a NUL, which parts the texts
# of a paragraph read together: :func:`pair_marks_across`.) Its scheme (https://) is its run of
# letters, digits and + . - from the first letter (a digit or mark before it, the 1. of
# 1.https://, is left out: the match's ``url`` group). The run is tried from its start only: tried
# from each letter, a long one that ends in no :// (a hash, base64 pasted in) was read again from
# each, in time growing as the square of its length.
_URL_HAN = rf"(?<=[/=?#&:])(?:[{HAN}]+[/?#&=])*[{HAN}]+(?=[/?#&=][^\s\x00{_CJK}])"
_URL_REST = rf"(?:[^\s\x00{_CJK}]|{_URL_HAN})*[^\s\x00{_CJK},.;:!?)\]\x22'>]"
URL = patterns.compile(rf"(?<![A-Za-z0-9+.-])[0-9+.-]*(?P<url>[A-Za-z][A-Za-z0-9+.-]*://{_URL_REST})"
                        rf"|(?P<address>(?:www\.|mailto:){_URL_REST})")

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}

# An emoticon (开心:) · 好的;-)我们 · 唉:( ), whose : or ; is no separator: its shape. A lone
# letter may be an answer (答案:D), so :D and :P count only with a nose (:-D); and a bracket
# may be a parenthesis's (:func:`emoticons`).
_FACE = patterns.compile(r"[:;](?:-?[()]|-[DPpO](?![A-Za-z0-9]))")
_BRACKETS = patterns.compile(r"[()]")
# A kaomoji's face in brackets, half or full width, a pair of them or one of each (累死了_(:з」∠)_,
# 好开心(^_^), (｡･ω･｡), (╯°□°）╯︵ ┻━┻): three to twelve characters on one line, no Han character
# or figure among them. Its marks are its shape, not a quotation's or an aside's: the 」 of
# _(:з」∠)_ was made a ” and the brackets after Chinese （^_^）. Whether what a pair holds is a face
# or text (a unit, (m/s), (°C), an omission, (...), a formula, (a+b=c), a gloss, (アニメ)), is
# :func:`_a_face`'s to judge.
_BRACKETED = patterns.compile(rf"[(（][^\n\x00()（）{HAN}0-9０-９]{{3,12}}[)）]")
# The marks and blanks a sentence writes, which no face is made of: a face's features are the
# other characters that are no letters (^ _ ° □ ･ ∠ 」).
_SENTENCE_MARKS = frozenset(" \t\u3000,.;:!?'\"/&%-—–…、，。；：！？·")
# An emoji shortcode, as GitHub, Slack and docs sites write an emoji (青鸟已发布。:rocket:,
# 完成:white_check_mark:, :+1:): both its colons are its own, no separators. A letter in it, and
# no letter or digit outside it, so that a time or a score (时间:10:30, 比分:3:2) and a
# key:value:pair are none. (The colon is read first, a literal ``re`` skips ahead to: a lookbehind
# first is tried at every character of every text, a hundred times slower.) Not every one it
# finds is an emoji's: see :func:`_an_emoji`.
_SHORTCODE = patterns.compile(r":(?<![A-Za-z0-9]:)(?P<name>[a-z0-9_+-]*[a-z][a-z0-9_+-]*|[+-]1):(?![A-Za-z0-9])")
# Where a shortcode opens a text, a sentence or a line's item (- :sparkles:新增): not a label's colon.
_BEFORE_SHORTCODE = " \t\n\u3000。！？"
# The emoji of one plain word that a shortcode names between Chinese words (试用:tada:欢迎): faces,
# hands, a celebration's, none a term a Chinese text explains after a label (单位:cm:厘米).
_EMOJI_WORDS = frozenset({
    "tada", "rocket", "sparkles", "fire", "zap", "star", "heart", "smile", "smiley", "grin", "joy", "laughing",
    "wink", "blush", "sob", "cry", "sweat", "rage", "thinking", "eyes", "clap", "pray", "muscle", "wave",
    "thumbsup", "thumbsdown", "confetti_ball", "trophy", "gift", "beers", "coffee", "sunglasses", "innocent",
})
# A keyboard shortcut's key that is a mark: after a modifier key's name and + (Ctrl+, Shift+?), or
# after a Mac's modifier symbol, with or without + (⌘+, ⌘,).
_MODIFIERS = "Ctrl|CTRL|Control|Alt|ALT|Shift|SHIFT|Cmd|Command|Option|Opt|Win|Meta|Fn|Super"
_SHORTCUT_KEY = patterns.compile(rf"(?:(?<![A-Za-z])(?:{_MODIFIERS})\+|[⌘⌥⇧⌃]\+?)(?P<key>[,;:?!.])")
# Separators right after Chinese text (a digit before them means 3,471 or 08:12: left alone; so
# is the , or : between two full-width digits, a number's, as scraped news types them: ８,０７９.６,
# though a full-width digit is Chinese text, whose ? or ! ends a sentence: 下一题是４？; so is one
# in a Latin sentence, after a Chinese word or a quote: “home”; it was not), taken as a run: a
# lookbehind reads the text as it was, so the second ! of 好!!! follows a !, not the ！ the first
# became, and would stay half-width.
_AFTER_CJK = patterns.compile(rf"(?<=[{_CJK}])(?!(?<=[０-９])[,:][０-９])[,;:?!]+")
# A separator right before Chinese text, whatever precedes it (6:30,河边 · OK,我们 · 用过Vim?这个):
# a number it could belong to (3,471) has a digit on both sides, never a Chinese character after,
# and Latin text sets a space after its marks. A run of ! or ? is taken whole (Wow!!!走吧); a
# name's own mark is written as text in its language ([Yahoo!]{lang=en}奇摩), which is left as
# written. The spaces before it go with it (他说 OK ,然后 → 他说 OK，然后): a full-width mark has
# its own (taken from the start of their run only, as in _STRAIGHT_QUOTES).
_BEFORE_CJK = patterns.compile(rf"(?<![ \t])[ \t]*(?P<marks>[,;:]|(?<![?!])[?!]+)(?=[{HAN}])")
# A Chinese character or mark: a Han ideograph, CJK punctuation, a full-width form (．（）　).
CJK_CHAR = patterns.compile(rf"[{_CJK_ONLY}]")
# Where a sentence ends: a Chinese full stop, question or exclamation mark, a Latin one before a
# space, or the end of a line.
_SENTENCE_END = patterns.compile(r"[。！？\n]|[.!?](?=\s)")
# Latin letters, the one definition every rule here that asks for one reads: accented ones too
# (café, Ærø, Łódź, Mikuláš, Vietnamese Huế: Latin-1's, Latin Extended-A's, -B's and
# Additional's), but not × and ÷, which sit among Latin-1's (长×宽 is no Latin word). Then with
# the combining accents a decomposed text writes after a letter (cafe + U+0301), as pinyin may.
_LETTERS = r"A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_ACCENTED_LETTERS = rf"{_LETTERS}\u0300-\u036f"
# Latin words, one with its apostrophe, hyphen or slash (don't, Jean-Luc, I/O), and a file's or
# an identifier's name one word (a_b_c.txt, not four); capitalised ones in a row are one name
# (Rolling Stones, New York Times, Google I/O), as a Chinese text writes it.
_LATIN_LETTER = patterns.compile(rf"[{_LETTERS}]")
_JOINED = rf"(?:['’/_.-][{_LETTERS}]+)*"
_CAPITALISED = rf"[A-Z\u00c0-\u00d6\u00d8-\u00de][{_LETTERS}]*{_JOINED}"
_LATIN_WORDS = patterns.compile(rf"{_CAPITALISED}(?:[ \t]+{_CAPITALISED})*|[{_LETTERS}]+{_JOINED}")
# Chinese words, as near as Han characters unparted by spaces show them: a run of them, one word
# for every two characters (the commonest length of a word: 播放量破十亿 is three).
_HAN_WORDS = patterns.compile(rf"[{HAN}]+")
# The word beside a mark (or the spaces around it) on either side: what the mark parts, not its
# sentence. A Latin one ends at a space; a Chinese one is taken as two characters, the commonest
# length (unparted by spaces, the run it ends is the clause: 我去了北京 , 上海和 Tokyo).
_WORD_BEFORE = patterns.compile(rf"(?:[{HAN}]{{1,2}}|[{_LETTERS}]+)[ \t]*\Z")
_WORD_AFTER = patterns.compile(rf"[ \t]*(?:[{HAN}]{{1,2}}|[{_LETTERS}]+)")
_CONTEXT = 200
# English words that make a sentence's grammar, never a name or a term a Chinese text borrows: with
# a Latin full stop at its end they tell a Latin sentence from a Chinese one as many words of each.
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as", "is",
    "are", "was", "were", "be", "been", "has", "have", "had", "I", "you", "he", "she", "it", "we", "they", "my",
    "our", "his", "her", "their", "this", "that"})


# “…” ‘…’ ↔ 「…」『…』: the mapping keeps the nesting (outer double, inner single).
_QUOTES = {"corner": str.maketrans("“”‘’", "「」『』"), "curly": str.maketrans("「」『』", "“”‘’")}
QUOTE_MARKS = patterns.compile(r"[“”「」『』‘’]")
# What :func:`set_spacing` spaces from Chinese: Latin letters, accented ones too (café再走), and digits.
_LATIN = rf"{_ACCENTED_LETTERS}0-9"
# What an apostrophe stands beside (don’t, ’90年代, café’s): Latin letters and digits, not Chinese.
_WORD = patterns.compile(rf"[{_LETTERS}0-9]")
# What an apostrophe that starts a word follows (’90s, ’tis): a space, the text's start, an opening mark.
_BEFORE_WORD = " \t\n\u00a0\x00“‘「『（(["
# A plural's possessive ’ (the students’ union), which a quotation may hold: after an s, before a word.
_POSSESSIVE = patterns.compile(rf"(?<=[sS])’(?=[ \t]+[{_LETTERS}])")
_SINGLE_QUOTE = patterns.compile(r"[‘’『』]")
# The ’n’ of rock ’n’ roll and fish ’n’ chips, a word of its own.
_AND = patterns.compile(r"(?<![A-Za-z0-9])’[nN]’(?![A-Za-z0-9])")
_GAP = patterns.compile(rf"(?<=[{HAN}]) +(?=[{_LATIN}])|(?<=[{_LATIN}]) +(?=[{HAN}])")
_NO_GAP = patterns.compile(rf"(?<=[{HAN}])(?=[{_LATIN}])|(?<=[{_LATIN}])(?=[{HAN}])")
# A string assigned in code written into prose (a='张三', name="李四"): an ASCII identifier, =, then
# the quote. Matched whole, so that its closing quote opens no quotation.
_ASSIGNED = r"(?<![A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_]*="
_SPACES = patterns.compile(r"[ \t]*")
# A straight quotation with the spaces on either side of it (groups 1 and 3: :func:`_curled`
# drops those beside Chinese text), its text group 2.
# (The spaces before a quote are taken from the start of their run only: tried from each space
# of a long run, the pattern read the rest of the run again each time.)
_STRAIGHT_QUOTES = patterns.compile(rf'{_ASSIGNED}"[^"\n]*"|((?<![ \t])[ \t]*)"([^"\n]*)"([ \t]*)')
# A curly quotation with a space typed beside it (他说 “OK” 了, as a Chinese input method leaves
# one), in :data:`_STRAIGHT_QUOTES`'s groups: Chinese text's, its spaces on the Chinese sides go
# as a straight one's do (:func:`_curled`). A space on neither side leaves nothing to mend.
_SPACE_BY_CURLY_QUOTE = patterns.compile(r"[ \t]“|”[ \t]")
_CURLY_QUOTES = patterns.compile(r"((?<![ \t])[ \t]*)“([^“”\n]*)”([ \t]*)")
# Straight single quotes, but not an apostrophe's (it's, Rock 'n' roll): no letter or digit
# outside; nor a prime's, doubled after a letter or digit for a second derivative or arc seconds
# (f''(x), 30''), which would pair with the next one. Quotations side by side ('甲''乙') are no
# primes.
_STRAIGHT_SINGLE_QUOTES = patterns.compile(rf"{_ASSIGNED}'[^'\n]*'|((?<![ \t])[ \t]*)(?<![A-Za-z0-9])(?<![A-Za-z0-9]')"
                                           r"'([^'\n]*)'(?![A-Za-z0-9])(?!(?<=[A-Za-z0-9]')')([ \t]*)")
# Chinese text before a mark set off by spaces: a Han character, or a closing bracket or quote
# (double or single: 他说‘好’ , 然后, but not a Latin word's apostrophe: Parents’ , 我们); and
# after one: a Han character, or an opening bracket or quote.
_SPACED_AFTER = rf"(?:(?<=[{HAN}」』）》〉】〕”])|(?<=[^{_LETTERS}0-9]’))"
_SPACED_BEFORE = rf"(?=[{HAN}「『（《〈【〔“‘])"
# An ellipsis beside Chinese text, taken whole: the … of a …… is no Chinese text to the other
# (else OK…… became OK…………, each … counting as the other's Chinese neighbour).
_BESIDE_ELLIPSIS = _CJK.replace("…", "")
# Dots typed as an ellipsis: ... 。。。 … touching Chinese text or its marks (他说“好...”); the
# spaced . . . of a word processor, or any of them set off by spaces, after Chinese text (the
# spaces before it go: 心里没底 . . . , “等等 ...”) or before it (the spaces after it go: 我想了想
# ... “好吧”, pull request ... 但); the spaces on a side that is not Chinese stay (结果是 ... 42).
# A Latin quote mark or a space alone is no Chinese beside the spaced forms: “Wait . . .” and
# Wait... 什么 are Latin text's; nor is a mark Latin text shares beside dots after a Latin letter
# (:data:`_AFTER_LATIN`: 他说“Wait...”然后, an English utterance's), but a closing quote after them
# is the quotation's (group ``quoted``): Chinese when it holds Chinese (“我们用的是Python...”, see
# :func:`_ellipsis`). A run of dots is tried from
# its start only (:data:`_RUN_START`; a spaced run's dot after a space-led dot, which was tried
# with the spaces allowed after the run, is not tried again): tried from each dot, a long run
# beside no Chinese text was read again from each, in time growing as the square of its length.
_DOTS = r"(?:\.{3,}|。{3,}|…+)"
_SPACED_DOTS = r"(?<![ \t]\.[ \t])\.(?:[ \t]\.){2,}"
_RUN_START = r"(?!(?<=\.)\.)(?!(?<=…)…)"
_ANY_DOTS = rf"(?:{_DOTS}|{_SPACED_DOTS})"
_AFTER_LATIN = rf"(?<=[{_LETTERS}])"
_OPENING_QUOTE = {"”": "“", "’": "‘"}
_ELLIPSIS = patterns.compile(
    rf"{_SPACED_AFTER}(?:[ \t]+{_ANY_DOTS}|{_SPACED_DOTS})(?:[ \t]+{_SPACED_BEFORE}|[ \t]*$)?"
    rf"|(?<=[{_BESIDE_ELLIPSIS}]){_DOTS}"
    rf"|{_RUN_START}(?:{_AFTER_LATIN}{_DOTS}(?=[{_CJK_ONLY}])|{_AFTER_LATIN}(?P<quoted>{_DOTS})(?=[”’])"
    rf"|(?!{_AFTER_LATIN}){_DOTS}(?=[{_BESIDE_ELLIPSIS}]))"
    rf"|(?:(?<![^ \t]){_ANY_DOTS}[ \t]*|{_SPACED_DOTS}){_SPACED_BEFORE}")
# A dash between Chinese characters: —, -- or －－ touching them, or set off by spaces, as Word
# writes one (its – for a typed " - ", a spaced —). A lone – or - touching them is a range (北京–上海),
# and so is the 一字线 from a date to a year before the common era (公元前221年—前206年, GB/T 15834's
# span of time, as 1877—1927 is): made ——, it read as a dash, and the range broke (typeset's _RANGE).
_DASHES = r"-{2,}|－{2,}|—+"
_A_DASH = rf"(?:{_DASHES}|[ \t]+(?:{_DASHES}|–{{1,2}})[ \t]*|[ \t]*(?:{_DASHES}|–{{1,2}})[ \t]+)"
_DASH = patterns.compile(rf"(?<=[{HAN}]){_A_DASH}(?=[{HAN}“「（《])(?!(?<=\d[年月日]—)(?:公元)?前\d)")
# A pair of dashes around a Chinese aside, one of them beside a Latin word and the other between
# Chinese characters (O’Neill – 一位剧作家 – 的作品, 他的作品 – 比如 Hamlet – 很有名): the pair is
# the Chinese sentence's, both ——. Each alone, the one beside the Latin word stayed as written.
_ASIDE = r"[^—–\n。！？]*?"
_DASH_PAIR = patterns.compile(
    rf"(?<=[{_LETTERS}]){_A_DASH}(?P<after_latin>[{HAN}](?:{_ASIDE}[{HAN}])?){_A_DASH}(?=[{HAN}“「（《])"
    rf"|(?<=[{HAN}]){_A_DASH}(?P<before_latin>[{HAN}“「（《]{_ASIDE}[{_LETTERS}]){_A_DASH}(?=[{HAN}])")
# A Latin mark set off by spaces, as on a Latin keyboard (山路很长 , 我们到了 . 天亮了 !): between
# Chinese texts (:data:`_SPACED_AFTER`, :data:`_SPACED_BEFORE`), or closing the text after one. A
# . touching both is left (约翰.史密斯 writes the name's ·). A line break before it is such a space
# (a definition list's 术语, then ": 定义" on the next line, printed 术语 : 定义).
_SPACED_MARK = patterns.compile(
    rf"{_SPACED_AFTER}(?:[ \t]*\n?[ \t]+([,.;:]|[?!]+)[ \t]*|[ \t]*\n[ \t]*([,.;:]|[?!]+)[ \t]*"
    rf"|[ \t]*([,.;:]|[?!]+)[ \t]+){_SPACED_BEFORE}"
    rf"|{_SPACED_AFTER}[ \t]+(\.|[?!]+)[ \t]*$")
_REPEATED = patterns.compile(r"([，、；：])\1+|(。)\2(?!。)")
# The full-width marks that have their own blank, half the square: a space typed after one is too much.
FULL_MARKS_WITH_BLANK = "，、；：。？！"
# A line break inside a paragraph between two Chinese characters (Markdown's soft break, a source
# wrapped by its editor): shown as a space, which Chinese text has none of, so it goes. So does
# one after a full-width mark that has its own blank, whatever follows it, as a space typed there
# does (:data:`_SPACE_AFTER_FULL`): 甲乙丙。⏎2 主说 printed 。 2, a gap of one and a half ems; also at
# a text's end, before the element that follows it (。⏎<sup>2</sup>).
# (A mark Latin text uses too, “ ” … —, counts only beside a Chinese character or mark.)
_SOFT_BREAK = patterns.compile(rf"(?<=[{_CJK_ONLY}])[ \t]*\n[ \t]*(?=[{_CJK}])"
                               rf"|(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK_ONLY}])"
                               rf"|(?<=[{FULL_MARKS_WITH_BLANK}])[ \t]*\n[ \t]*(?!\s)")
# An @mention, a user's name (@锦鲤小助手, @user_123, @青柠-Studio): as on Weibo, it runs on to a space or
# a mark, so a line break after it is the space that ends it and stays one, or the name ran into the
# next line's words (@小橘子⏎你看看 printed @小橘子你看看, naming another user).
_MENTION = patterns.compile(r"@[\w-]+")
# A character one of the rules below needs: text with none is already as they would leave it.
_SUSPECT = patterns.compile(r"[\"'．.…\-－—–,;:?!(]|([，、；：。])\1|\S[ \t]*\n"
                            r"|[，、；：。？！”][ \t]|[ \t][（《〈【〔「『“]")
# Spaces after a full-width mark, which has its own blank (出版社, 2024 → 出版社，2024: the comma made
# full width kept the space typed after the half-width one, a gap of one and a half ems).
# (One space: a run of them is a form's blank to write in, 姓名：    性别：.)
_SPACE_AFTER_FULL = patterns.compile(rf"(?<=[{FULL_MARKS_WITH_BLANK}])[ \t](?=\S)")
# Spaces between Chinese (or a figure) and a full-width bracket, which has its own blank: 2024年回顾 (上)
# became 2024年回顾 （上）, and 铰接轴（4） 穿过 kept its space, a gap of one and a half ems.
_OPENING_BRACKETS = "（《〈【〔「『"
_CLOSING_BRACKETS = "）》〉】〕」』"
_SPACE_BY_BRACKET = patterns.compile(rf"(?<=[{HAN}0-9])[ \t](?=[{_OPENING_BRACKETS}])"
                                     rf"|(?<=[{_CLOSING_BRACKETS}])[ \t](?=[{HAN}0-9])")


def normalise(text: str) -> str:
    """Mend the punctuation of Chinese text: full-width marks, ……, ——, straight quotes, doubled marks,
    and line breaks between Chinese characters. Parentheses are paired across the URLs written in
    it (官网(https://example.com)很好: the prose on either side held one of the pair)."""
    text = _parentheses(outside_urls(text, _normalise_prose))
    beside_bracket = _has(text, " \t") and _has(text, _OPENING_BRACKETS + _CLOSING_BRACKETS)
    return _SPACE_BY_BRACKET.sub("", text) if beside_bracket else text


# How much of the texts either side of a text :func:`normalise_across` reads with it: a clause's
# worth, or where that would be mended too (a mark in it), the character either side.
_CONTEXTS = (16, 1)


def normalise_across(texts: list[str], kept: Collection[int] = ()) -> list[str]:
    """:func:`normalise` of each of ``texts`` (a run of a paragraph, read through its ruby: its
    readings are runs of their own), read with the texts either side of it: a mark between two
    rubies (我们...走吧! with a reading on every character) has the Chinese beside it in their bases,
    and read alone it stayed half-width. Where mending it with them would change them too, even
    with one character of each, a text is mended alone. ``kept``: the indices of the texts to leave
    as written, which part the run."""
    mended = list(texts)
    for index, text in enumerate(texts):
        if index in kept or not text:
            continue
        before = "".join(reversed(_beside(texts, kept, range(index - 1, -1, -1))))
        after = "".join(_beside(texts, kept, range(index + 1, len(texts))))
        found = next((found for width in _CONTEXTS
                      if (found := _mended_between(before[-width:], text, after[:width])) is not None), None)
        mended[index] = found if found is not None else normalise(text)  # (alone only where no context did)
    return mended


def _mended_between(before: str, text: str, after: str) -> str | None:
    """``text`` mended as :func:`normalise` mends it between ``before`` and ``after``, or ``None``
    if that changes them."""
    read = normalise(before + text + after)
    if read.startswith(before) and read.endswith(after) and len(read) >= len(before) + len(after):
        return read[len(before):len(read) - len(after)]
    return None


def _beside(texts: list[str], kept: Collection[int], order: range) -> list[str]:
    """The texts at the indices of ``order`` up to the first kept one, as many as hold the widest
    of :data:`_CONTEXTS` (a run of a character a text, a long paragraph's, was joined whole for each)."""
    taken: list[str] = []
    size = 0
    for at in order:
        if at in kept or size >= _CONTEXTS[0]:
            break
        taken.append(texts[at])
        size += len(texts[at])
    return taken


def pair_marks_across(texts: list[str], kept: Collection[int] = ()) -> list[str]:
    """The marks that pair in one paragraph's texts, straight quotes and parentheses (and the spaces
    typed beside curly quotes), mended together as :func:`normalise` mends them, so that a pair
    opened before in-line markup and closed after it is mended (他说"用`git commit`提交",
    他说"用<strong>粗体</strong>提交", 官网(<a>https://example.com</a>)很好, 他说 “<strong>好</strong>” 了:
    each text alone held one mark, which paired with none). NUL, which XML text never holds, keeps
    the texts apart; beside a pair it is a text's edge, as :func:`normalise` of each text alone sees
    it. ``kept``: the indices of the texts to leave as written (no-convert text), and a pair one of
    whose marks is in one stays as written."""
    joined = "\x00".join(texts)
    spaced_curly = _SPACE_BY_CURLY_QUOTE.search(joined)
    if not (spaced_curly or _has(joined, "\"'(")):
        return texts
    spans = _kept_spans(texts, kept)

    def curled(marks: str) -> Callable[[re.Match[str]], str]:
        def curl(match: re.Match[str]) -> str:
            if match[2] is not None and _in_spans(spans, match.start(2) - 1, match.end(2)):
                return match[0]
            return _curled(match, marks)
        return curl

    joined = _STRAIGHT_QUOTES.sub(curled("“”"), joined)
    joined = _STRAIGHT_SINGLE_QUOTES.sub(curled("‘’"), joined)
    if spaced_curly:
        joined = _CURLY_QUOTES.sub(curled("“”"), joined)
    return _parentheses(joined, spans).split("\x00")


def drop_spaces_after_marks_across(texts: list[str], kept: Collection[int] = ()) -> list[str]:
    """The space typed after a full-width mark (:data:`_SPACE_AFTER_FULL`) dropped where the mark
    ends one text of a paragraph and the space or what follows it is in the next, which
    :func:`normalise` of each text alone cannot see: a bold label's **小贴士：** 如果
    (``<strong>小贴士：</strong> 如果``), or Word's bold run ``小贴士：␠`` before 如果, kept a gap of one
    and a half ems that 小贴士： 如果 lost. ``kept``: the indices of the texts to leave as written
    (no-convert text, another language's, code), read all the same; a mark in one is no Chinese
    prose's (code ``a：`` before ␠即可: the space is the code's)."""
    if len(texts) < 2 or not any(_has(text, " \t") for text in texts):
        return texts
    starts = list(itertools.accumulate(map(len, texts), initial=0))
    spaces = [(*space.span(), "") for space in _SPACE_AFTER_FULL.finditer("".join(texts))
              if _text_at(starts, space.start()) not in kept and _text_at(starts, space.start() - 1) not in kept]
    return _changed_across(texts, starts, spaces)


def drop_soft_breaks_across(texts: list[str], kept: Collection[int] = ()) -> list[str]:
    """A line break between two Chinese characters (:data:`_SOFT_BREAK`) dropped where one of them
    is in another text of the run than the break, which :func:`normalise` of each text alone cannot
    see: a Markdown line that starts or ends with bold (最后一个问题——⏎**答：**您问吧) kept its
    break, printed as a space, where one of plain text lost it. ``kept``: the indices of the texts
    to leave as written (code, no-convert text), read all the same: a break in one stays, and its
    characters are as Chinese as they are written."""
    if len(texts) < 2 or not any("\n" in text for text in texts):
        return texts
    starts = list(itertools.accumulate(map(len, texts), initial=0))
    joined = "".join(texts)
    mentions = _mention_ends(joined)
    breaks = [(*found.span(), _soft_break_as(found, mentions)) for found in _SOFT_BREAK.finditer(joined)
              if not any(_text_at(starts, at) in kept for at in range(*found.span()))]
    return _changed_across(texts, starts, breaks)


def _text_at(starts: Sequence[int], at: int) -> int:
    """The index of the text that holds the character at ``at`` of the texts joined, which start at ``starts``."""
    return bisect.bisect_right(starts, at) - 1


def _changed_across(texts: list[str], starts: Sequence[int], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """``texts`` with the characters of each of ``spans`` (start, end, replacement) of the texts joined,
    which start at ``starts``, replaced: a span over the edge of two texts loses its part in each, and
    its replacement is put in the first."""
    changes: dict[int, list[tuple[int, int, str]]] = {}  # by text: (start, end, replacement) in it
    for start, end, replacement in spans:
        first = _text_at(starts, start)
        for index in range(first, _text_at(starts, end - 1) + 1):
            changes.setdefault(index, []).append((max(start, starts[index]) - starts[index],
                                                  min(end, starts[index + 1]) - starts[index],
                                                  replacement if index == first else ""))
    return [_changed(text, changes.get(index, ())) for index, text in enumerate(texts)]


def _mention_ends(text: str) -> set[int]:
    """Where the @mentions (:data:`_MENTION`) of ``text`` end."""
    return {mention.end() for mention in _MENTION.finditer(text)} if "@" in text else set()


def _soft_break_as(found: re.Match[str], mentions: Collection[int]) -> str:
    """What a soft break :data:`_SOFT_BREAK` ``found`` becomes: nothing, but a space after an @mention
    (one of ``mentions`` ends where it starts)."""
    return " " if found.start() in mentions else ""


def _in_spans(spans: Collection[tuple[int, int]], *indices: int) -> bool:
    """Whether any of ``indices`` is inside one of ``spans`` (start, end)."""
    return any(start <= at < end for start, end in spans for at in indices)


def set_quotes(text: str, style: str, kept: Collection[tuple[int, int]] = ()) -> str:
    """Quote with “ ” ‘ ’ (``curly``) or 「 」『 』 (``corner``); apostrophes stay (don’t,
    Rock ’n’ roll, ’90年代): a ’ closes a quote only when it is no apostrophe. A quotation in Latin
    text keeps its curly marks in the corner style too (She sings “Do-Re-Mi” every night).

    ``kept``: the spans (start, end) of text to leave as written (no-convert text). They are read
    for the pairing all the same, and a quotation one of whose marks is in one keeps both, so that
    no pair is printed half in one style and half in the other."""
    table = _QUOTES[style]
    quotes = quote_roles(text)
    left = latin_quotations(text) if style == "corner" and quotes else set()
    if kept and quotes:
        left |= kept_marks(text, quotes, kept)

    def requote(match: re.Match[str]) -> str:
        at = match.start()
        return match.group().translate(table) if at in quotes and at not in left else match.group()

    return QUOTE_MARKS.sub(requote, text)


def kept_marks(text: str, roles: dict[int, bool], kept: Collection[tuple[int, int]]) -> set[int]:
    """The quote marks inside the ``kept`` spans, and the other mark of each quotation one of them
    opens or closes (“说[好”]{.no-convert} keeps its “ as its ” is kept)."""
    inside = {at for start, end in kept for at in roles if start <= at < end}
    partner = {}
    for start, (end, _) in quotation_pairs(roles).items():
        partner[start], partner[end] = end, start
    return inside | {partner[at] for at in inside if at in partner}


def quotation_pairs(roles: dict[int, bool]) -> dict[int, tuple[int, int | None]]:
    """Each quotation by the index of its opening mark: that of its closing mark and of the opening
    mark of the quotation it is in (None at the top). ``roles``: :func:`quote_roles`."""
    pairs: dict[int, tuple[int, int | None]] = {}
    opened: list[int] = []
    for at, opens in roles.items():
        if opens:
            opened.append(at)
        elif opened:
            start = opened.pop()
            pairs[start] = (at, opened[-1] if opened else None)
    return pairs


def innermost_open(text: str) -> str | None:
    """The opening mark of the innermost quotation still open at the end of ``text`` (“ ‘ 「 『),
    None when all are closed. A straight " counts as the curly mark it is to become, each one
    opening or closing in turn (before :func:`normalise` curls them)."""
    straight = iter("“”" * text.count('"'))
    text = re.sub('"', lambda _: next(straight), text)
    opened = []
    for at, opens in quote_roles(text).items():
        if opens:
            opened.append(text[at])
        elif opened:
            opened.pop()
    return opened[-1] if opened else None


def latin_quotations(text: str) -> set[int]:
    """Where the marks of each quotation in Latin text are: one with no Chinese inside, in a
    sentence of Latin text, and not inside a quotation in Chinese. A quotation with nothing
    around it is taken for Chinese, as the book is. The other quotations of its sentence are
    read as one word each (:func:`_quotations_as_words`)."""
    pairs = quotation_pairs(quote_roles(text))
    latin: dict[int, bool] = {}
    for start in sorted(pairs):  # an enclosing quotation first
        end, enclosing = pairs[start]
        if (enclosing is None or latin.get(enclosing, False)) and not CJK_CHAR.search(text, start + 1, end):
            around = _quotations_as_words(text, pairs, start)
            latin[start] = _in_latin_text(around, start, end, sentence_ends(around))
        else:
            latin[start] = False
    return {at for start, (end, _) in pairs.items() if latin[start] for at in (start, end)}


def _quotations_as_words(text: str, pairs: dict[int, tuple[int, int | None]], judged: int) -> str:
    """``text`` as the sentence around the quotation opening at ``judged`` reads: each other
    quotation outside it one word, in its language (x, or 中 when it holds Chinese), its marks kept
    and the text keeping its length. Counted word by word, an English utterance quoted in a Chinese
    sentence made it Latin (她问：“Are you sure?”我说‘yes’。 kept ‘yes’ curly in the corner style),
    and its ? or . ended the sentence."""
    if len(pairs) == 1:  # most paragraphs that quote: nothing else to read as a word
        return text
    end, covered, chars = pairs[judged][0], 0, list(text)
    for start in sorted(pairs):
        close = pairs[start][0]
        if start >= covered and (close < judged or start > end) and close - start > 1:
            word = "中" if HAS_HAN.search(text, start + 1, close) else "x"
            chars[start + 1:close] = word + " " * (close - start - 2)
            covered = close
    return "".join(chars)


def quote_roles(text: str) -> dict[int, bool]:
    """Each quote mark that is no apostrophe or prime, nor a kaomoji's (_(:з」∠)_: :func:`kaomoji`), by
    its index: whether it opens a quotation."""
    roles, single, double = {}, 0, 0  # the quotations open before the mark
    faces: set[int] | None = None  # where the kaomoji are: found at the first mark that may be in one
    for match in QUOTE_MARKS.finditer(text):
        mark, at = match.group(), match.start()
        if (mark in "‘’" and _is_apostrophe(text, at, single)) or (mark == "”" and _is_prime(text, at, double)):
            continue
        if faces is None:
            faces = kaomoji_places(text)
        if at in faces:
            continue
        if mark in "‘『":
            single += 1
        elif mark in "’』" and single:
            single -= 1
        elif mark in "“「":
            double += 1
        elif mark in "”」" and double:  # a ’ with no ‘ open closes no “
            double -= 1
        roles[at] = mark in "“‘「『"
    return roles


def _in_latin_text(text: str, start: int, end: int, ends: list[int], least: int = 1) -> bool:
    """Whether the text from ``start`` to ``end`` (a quotation, or a mark with the words it parts)
    stands in a sentence of Latin text: one with ``least`` Latin words besides it (spaces and the
    NULs that part a paragraph's texts aside) and more Latin words than Chinese ones. The words are
    counted as :data:`_LATIN_WORDS` and :data:`_HAN_WORDS` tell them, so that neither a Latin name
    nor a Chinese phrase weighs as several words: The Beatles 和 Rolling Stones 都是 British
    Invasion 的代表 and 乐队 Queen “Bohemian Rhapsody” MV 播放量破十亿。 are Chinese sentences, The
    word “tea” is 茶 in Chinese. and I visited 北京 , 上海 and 广州. English ones; as many of each,
    its grammar decides (:func:`_latin_grammar`). ``ends``: the
    text's :func:`sentence_ends`; a sentence is read no further than :data:`_CONTEXT` characters
    from what is judged."""
    before, after = bisect.bisect_right(ends, start), bisect.bisect_right(ends, end + 1)
    first = max(ends[before - 1] if before else 0, start - _CONTEXT)
    last = min(ends[after] if after < len(ends) else len(text), end + 1 + _CONTEXT)
    outside = (text[first:start], text[end + 1:last])
    latin = [word for part in outside for word in _LATIN_WORDS.findall(part)]  # none in most Chinese text: first
    if len(latin) < least:
        return False
    chinese = sum((len(run) + 1) // 2 for part in outside for run in _HAN_WORDS.findall(part))
    return len(latin) > chinese or (len(latin) == chinese and _latin_grammar(text[first:last], latin))


def _latin_grammar(sentence: str, words: list[str]) -> bool:
    """Whether a sentence with as many Latin words as Chinese ones is Latin by its grammar: it
    begins with a Latin word, ends with a Latin full stop and its Latin words include
    :data:`_FUNCTION_WORDS` (I visited 北京市 , 上海市 and 广州.), not only names and terms (他用
    Python 写 , 我用 Go 写.)."""
    sentence = sentence.strip(" \t\n\x00")
    return (sentence[-1:] in (".", "?", "!") and bool(_LATIN_WORDS.match(sentence))
            and not _FUNCTION_WORDS.isdisjoint(words))


def set_quotes_across(texts: list[str], style: str, kept: Collection[int] = ()) -> list[str]:
    """:func:`set_quotes` over the texts of one paragraph together, so that a quote opened in one
    closes in another (‘<strong>经典</strong> Hamlet’). NUL, which XML text never holds, keeps
    them apart. ``kept``: the indices of the texts to leave as written (no-convert text)."""
    return set_quotes("\x00".join(texts), style, _kept_spans(texts, kept)).split("\x00")


def _kept_spans(texts: list[str], kept: Collection[int]) -> list[tuple[int, int]]:
    """Where the texts of indices ``kept`` are in ``texts`` joined by NUL (start, end)."""
    spans, start = [], 0
    for index, text in enumerate(texts):
        if index in kept:
            spans.append((start, start + len(text)))
        start += len(text) + 1
    return spans


def _is_apostrophe(text: str, index: int, opened: int) -> bool:
    """Whether the ‘ or ’ at ``index`` is an apostrophe: one inside a word (don’t, 5’10), one that
    starts a word after a space (’90s, ’tis, the ’n of ’n’), the ’n’ of rock ’n’ roll, or a ’ beside
    a letter or digit when no ‘ is open (the students’ union, ’90年代, 3’). With a ‘ open, a ’
    after a word or before one that follows Chinese text closes it (‘黄金周’7天, ‘Hamlet’), unless
    it is a plural's possessive whose quotation closes later (:func:`_is_plural_possessive`)."""
    before, after = bool(_WORD.match(text[index - 1:index])), bool(_WORD.match(text[index + 1:index + 2]))
    if text[index] == "‘":
        return before and after
    starts_word = after and (index == 0 or text[index - 1] in _BEFORE_WORD)
    rock_n_roll = index >= 2 and bool(_AND.match(text, index - 2))
    return ((before and after) or starts_word or rock_n_roll or ((before or after) and not opened)
            or (bool(opened) and _is_plural_possessive(text, index)))


def _is_plural_possessive(text: str, index: int) -> bool:
    """Whether the ’ at ``index``, with a ‘ open, is a plural's possessive (‘the students’ union’):
    after an s, before a word, and followed by a ’ or 』 that can close the quotation (one that is
    no apostrophe inside a word) before any ‘ or 『 opens another (the corner style is read by
    paiban check). Taken for the closing mark, it closed
    the quotation at students and left union’s ’ behind."""
    if not _POSSESSIVE.match(text, index):
        return False
    following = (mark for mark in _SINGLE_QUOTE.finditer(text, index + 1)
                 if not (_WORD.match(text, mark.start() - 1) and _WORD.match(text, mark.end())))
    return next(following, "‘")[0] in "’』"


def _is_prime(text: str, index: int, opened: int) -> bool:
    """Whether the ” at ``index`` is a double prime (inches, seconds: 5’10”, 3”): after a digit,
    when no “ is open or it is followed by the ” that closes one (“身高5’10””)."""
    closes_after = index + 1 < len(text) and text[index + 1] in "”」"
    return text[index - 1:index].isdigit() and (not opened or closes_after)


def requotes(text: str, style: str) -> bool:
    """Whether :func:`set_quotes` with ``style`` could change ``text``: it has a mark of the other style."""
    return any(chr(mark) in text for mark in _QUOTES[style])


# The title marks one level in: a title inside 《》 writes its own as 〈〉, and those inside them as 《》.
_NESTED_TITLE_MARKS = str.maketrans("《》〈〉", "〈〉《》")


def in_title_marks(title: str) -> str:
    """``title`` between 《》, as paiban names the book itself, the title marks it holds set one level
    in (GB/T 15834): 《〈The Salt Road〉中英对照本》, not 《《The Salt Road》中英对照本》."""
    return f"《{title.translate(_NESTED_TITLE_MARKS)}》"


# Taiwan's and Hong Kong's forms of three marks in Chinese text, as Big5 keyboards type them,
# and the mainland's (GB/T 15834): the interpunct ‧ or a ． between names or a title's parts
# (喬治‧華盛頓, 威廉．莎士比亞, 《紅樓夢．第一回》, 版權所有．翻印必究) is ·, the ellipsis ⋯⋯ is
# ……, the dash ── or ―― is ——. Only beside Chinese: syl‧la‧ble, 1+2+⋯+n, a ． between full-width
# digits (３．１４) and a rule of ──── on a line of its own are no such marks.
TAIWAN_MARKS = patterns.compile(rf"(?<=[{HAN}])．(?=[{HAN}])|(?<=[{HAN}])‧|‧(?=[{HAN}])"
                                rf"|(?<=[{_CJK}])[⋯─―]+|(?<![⋯─―])[⋯─―]+(?=[{_CJK}])")  # a run from its start only
MAINLAND_MARKS = str.maketrans("‧．⋯─―", "··…——")
# A box-drawing character other than ─ (├ └ ┬ │ ┌ ┼ ═ …): a text that holds one is drawn, a chart,
# a tree or a frame, and its ─ are the drawing's lines, beside Chinese too (暐承祖──┬──暐先發,
# ├─暐澤民, and 暐承宗──────暐先貴 among them), no dash.
_DRAWING = patterns.compile("[\u2501-\u257f]")


def taiwan_marks(text: str) -> Iterator[re.Match[str]]:
    """The runs of :data:`TAIWAN_MARKS` in ``text`` that are marks: not the ─ of a drawing
    (:data:`_DRAWING`): set as — they no longer met, a 世系图's lines broken beside ┬ and └."""
    drawing = "─" in text and _DRAWING.search(text) is not None
    return (match for match in TAIWAN_MARKS.finditer(text) if not (drawing and "─" in match[0]))


def mainland_marks(text: str) -> str:
    """The marks of ``text`` (:func:`taiwan_marks`) set as the mainland sets them, for an edition
    that converts Traditional text to Simplified: OpenCC converts characters, not marks, and ． in
    a Simplified font is a full stop drawn low in its cell (威廉. 莎士比亚). Each mark stays one character."""
    return outside_urls(text, _in_mainland_form)


def _in_mainland_form(prose: str) -> str:
    pieces, at = [], 0
    for match in taiwan_marks(prose):
        pieces += [prose[at:match.start()], match[0].translate(MAINLAND_MARKS)]
        at = match.end()
    return "".join([*pieces, prose[at:]])


def has_taiwan_marks(text: str) -> bool:
    """Whether :func:`mainland_marks` could change ``text``: it has one of Taiwan's marks."""
    return any(chr(mark) in text for mark in MAINLAND_MARKS)


def mainland_marks_across(texts: list[str], kept: Collection[int] = ()) -> list[str]:
    """:func:`mainland_marks` over the texts of one paragraph together: a mark at the edge of
    markup has its Chinese neighbour in the next text (<em>紅樓夢</em>．第一回). ``kept``: the
    indices of the texts to leave as written (no-convert text)."""
    changed = mainland_marks("".join(texts))  # each mark stays one character: the texts keep their lengths
    marked, start = [], 0
    for index, text in enumerate(texts):
        marked.append(text if index in kept else changed[start:start + len(text)])
        start += len(text)
    return marked


def set_spacing(text: str, mode: str) -> str:
    """Between Chinese and Latin letters or digits: ``keep`` what is written, ``add`` or ``remove`` a
    space; but not the word spaces of a sentence of Latin text (:func:`in_latin_sentence`: The
    characters 山 and 水 are common, whose words ran together), nor in a URL."""
    return set_spacing_across([text], mode)[0]


def set_spacing_across(texts: list[str], mode: str, fixed: Collection[int] = (),
                       depths: Sequence[int] = ()) -> list[str]:
    """:func:`set_spacing` over the texts of a run of a paragraph together, so that Latin text that
    starts or ends an element is spaced as Latin text in the middle of one is (使用<strong>Python</strong>编写,
    输入<code>ls</code>命令 kept no space beside Python and ls, 运行 <code>echo</code> 命令 its two).
    ``fixed``: the indices of the texts to leave as written (code, no-convert text), read all the
    same; ``depths``: how deep in the markup each text is. A space added at an element's edge goes
    into the outermost text there (使用 <strong>Python</strong> 编写: not into the emphasis, nor
    under a link's underline), never into a fixed one, which is read as one Latin word
    (:func:`_as_word`). A space beside a URL is neither added nor removed."""
    written = "".join(texts)
    if mode not in ("add", "remove") or not written:
        return texts
    joined = "".join(_as_word(text) if index in fixed else text for index, text in enumerate(texts))
    urls = _url_spans(written)
    bounds, start = [], 0
    for text in texts:
        bounds.append((start, start + len(text)))
        start += len(text)
    changes: dict[int, list[tuple[int, int, str]]] = {}  # by text: (start, end, replacement) in it
    if mode == "add":
        for gap in _NO_GAP.finditer(joined):
            at = gap.start()
            beside = [index for index, (first, last) in enumerate(bounds) if first <= at <= last and index not in fixed]
            if beside and not any(first <= at <= last for first, last in urls):
                index = min(beside, key=lambda index: depths[index] if depths else 0)
                changes.setdefault(index, []).append((at - bounds[index][0], at - bounds[index][0], " "))
    else:
        latin = _latin_sentences(_blank_urls(written))
        for gap in _GAP.finditer(joined):
            if not latin(*gap.span()) and not any(gap.end() >= first and gap.start() <= last for first, last in urls):
                for index, (first, last) in enumerate(bounds):
                    if index not in fixed and first < gap.end() and gap.start() < last:
                        changes.setdefault(index, []).append(
                            (max(gap.start(), first) - first, min(gap.end(), last) - first, ""))
    return [_changed(text, changes.get(index, ())) for index, text in enumerate(texts)]


def _as_word(text: str) -> str:
    """A fixed text (code, a link showing its address) as spacing reads it: one Latin word, its
    own marks aside, when it holds no Chinese (运行 <code>foo(bar)</code> 即可 lost the space before
    it and kept the one after its bracket); as written when it does (no-convert Chinese)."""
    return text if HAS_HAN.search(text) else "x" * len(text)


def _blank_urls(text: str) -> str:
    """``text`` with its URLs blanked out, for :func:`in_latin_sentence` to judge its prose: a URL
    is no words of a sentence (https://example.com counted as two Latin words, and made 访问
    https://example.com 了解 a Latin sentence)."""
    for start, end in _url_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _changed(text: str, changes: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, replacement) of ``changes``, which do not overlap, made."""
    for start, end, replacement in sorted(changes, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def outside_urls(text: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to the prose of ``text`` and leave the URLs written in it as they are."""
    urls = _url_spans(text)
    if not urls:
        return change(text)
    pieces = []
    position = 0
    for start, end in urls:
        pieces.append(change(text[position:start]))
        pieces.append(text[start:end])
        position = end
    pieces.append(change(text[position:]))
    return "".join(pieces)


def _url_spans(text: str) -> list[tuple[int, int]]:
    """Where the URLs written in ``text`` are (start, end), in order. A ) at a URL's end is its own
    when it closes a ( of the URL (/wiki/Python_(programming_language)), not the sentence's."""
    if not _has(text, ("://", "www.", "mailto:")):  # what every URL :data:`URL` finds holds
        return []
    spans = []
    for match in URL.finditer(text):
        start, end = match.span(match.lastgroup)
        opened = text.count("(", start, end) - text.count(")", start, end)
        while opened > 0 and text.startswith(")", end):
            end, opened = end + 1, opened - 1
        spans.append((start, end))
    return spans


def _normalise_prose(text: str) -> str:
    """:func:`normalise` on prose. Each rule is tried only on a text that holds the characters it
    needs (:func:`_has`): a pattern that cannot match still reads the whole text, position by
    position, as its lookbehinds keep ``re`` from skipping ahead to a likely start. Tried on every
    text, they took 0.6 s of the reading of a 1.6 M-character book, for the one text in thirteen
    that has anything to mend."""
    if not _SUSPECT.search(text):
        return text
    if '"' in text:
        text = _STRAIGHT_QUOTES.sub(lambda m: _curled(m, "“”"), text)
    if "'" in text:
        text = _STRAIGHT_SINGLE_QUOTES.sub(lambda m: _curled(m, "‘’"), text)
    if _SPACE_BY_CURLY_QUOTE.search(text):
        text = _CURLY_QUOTES.sub(lambda m: _curled(m, "“”"), text)
    if _has(text, (".", "…", "。。。")):
        text = _in_chinese(_ELLIPSIS, text, _ellipsis)
    if _has(text, "-－—–"):
        text = _in_chinese(_DASH_PAIR, text, lambda match: f"——{match['after_latin'] or match['before_latin']}——")
        text = _in_chinese(_DASH, text, lambda match: "——")
    if _has(text, " \t\n") and _has(text, ",.;:?!"):
        text = _in_chinese(_SPACED_MARK, text, lambda match: _full(next(filter(None, match.groups()))))
    if _has(text, ",;:?!"):
        kept = half_width_kept(text)
        text = _in_chinese(_AFTER_CJK, text, lambda m: _full(m[0], m.start(), kept), touching=True)
        text = _in_chinese(_BEFORE_CJK, text, lambda m: _full(m["marks"], m.start("marks"), kept), touching=True)
    if _has(text, " \t"):
        text = _SPACE_AFTER_FULL.sub("", text)
    text = _REPEATED.sub(lambda m: m[1] or m[2], text)
    if "\n" not in text:
        return text
    if mentions := _mention_ends(text):
        return _SOFT_BREAK.sub(lambda found: _soft_break_as(found, mentions), text)
    return _SOFT_BREAK.sub("", text)


def _ellipsis(match: re.Match[str]) -> str:
    """:data:`_ELLIPSIS`'s dots as Chinese ……, but dots after a Latin word that close a quotation
    stay as written unless the quotation holds Chinese: 他说“Wait...”然后 is an English utterance,
    他说：“我需要A、B、C...”然后 a Chinese one. A quotation opened in another text (before an
    in-line element) is not seen, and its dots stay."""
    if match["quoted"] is None:
        return "……"
    text, start = match.string, match.start()
    opening = text.rfind(_OPENING_QUOTE[text[match.end()]], 0, start)
    return "……" if opening >= 0 and HAS_HAN.search(text, opening, start) else match[0]


def _has(text: str, needles: Iterable[str]) -> bool:
    """Whether any of ``needles`` (characters, or a string) is in ``text``."""
    return any(needle in text for needle in needles)


def _curled(match: re.Match[str], marks: str) -> str:
    """A straight quotation (:data:`_STRAIGHT_QUOTES`) in the curly ``marks`` (“” or ‘’) where it
    is Chinese text's: one around Chinese, or around Latin text with Chinese right outside it on
    one side and Chinese or nothing on the other (他说 "OK" 了, "OK" 他说). The mark is then full width,
    and Chinese sets no space beside one: the spaces between it and Chinese text go (他说 "你好"
    然后 → 他说“你好”然后), those on a Latin side stay (他说 "你好" to me). So with a curly
    quotation typed so (:data:`_CURLY_QUOTES`: 他说 “OK” 了 → 他说“OK”了)."""
    quoted = match[2]
    if not quoted:  # a string assigned in code, or "" (nothing to quote)
        return match[0]
    text, opening, closing = match.string, match.start(2) - 1, match.end(2)
    before, after = _outside(text, match.start(), match.end())
    chinese_before = bool(CJK_CHAR.match(before)) or _made_full(text, opening - 1, opening - 2)
    chinese_after = bool(CJK_CHAR.match(after)) or _made_full(text, closing + 1, closing + 2)
    if not HAS_HAN.search(quoted) and not ((chinese_before or chinese_after)
                                           and (chinese_before or not before) and (chinese_after or not after)):
        return match[0]
    return f"{'' if chinese_before else match[1]}{marks[0]}{quoted}{marks[1]}{'' if chinese_after else match[3]}"


def _made_full(text: str, at: int, beyond: int) -> bool:
    """Whether ``text[at]``, beside a quotation, is a Latin , ; : ? ! with a Han character at
    ``beyond``, on its other side: a mark made full width, Chinese text beside the quotation
    (他说:"OK"然后 → 他说：“OK”然后, "The Old Man and the Sea",很有名 → “…”，很有名)."""
    return 0 <= beyond < len(text) and 0 <= at < len(text) and text[at] in ",;:?!" and bool(HAS_HAN.match(text[beyond]))


def _outside(text: str, start: int, end: int) -> tuple[str, str]:
    """The characters just before ``start`` and from ``end`` in ``text``, past any spaces: "" at its
    edge, or at the NUL that parts it from the next text of its paragraph (:func:`pair_marks_across`)."""
    while start and text[start - 1] in " \t":
        start -= 1
    end = _SPACES.match(text, end).end()
    return text[start - 1:start].strip("\x00"), text[end:end + 1].strip("\x00")


def _full(marks: str, start: int = 0, kept: Collection[int] = ()) -> str:
    """A run of Latin marks (``!?``, ``,``) made full width (！？, ，) each, but for an emoticon's
    (开心:), 试用:tada:) and a shortcut's key (按Ctrl+,打开设置); ``kept``: where the characters of
    those are in the text, ``start``: where the run does."""
    return "".join(mark if start + at in kept else _FULL[mark] for at, mark in enumerate(marks))


def _in_chinese(pattern: re.Pattern[str], text: str, replace: Callable[[re.Match[str]], str],
                touching: bool = False) -> str:
    """``pattern``'s matches replaced, but not in a sentence of Latin text (:func:`in_latin_sentence`).
    With ``touching`` (a mark touching Chinese text), one beside a Han character that no space
    follows is replaced in any sentence: Latin text sets a space after its , ; : ? !, Chinese
    typing none (Docker and Kubernetes 哪个更好?, What is AI?人工智能, iOS and Android 用户:请注意),
    so only one followed by a space (The characters 山, 水 and 人; Is it 真的? Yes!), or beside a
    mark Latin text shares (“duty”!), is judged by its sentence."""
    latin = _latin_sentences(text)

    def chinese(match: re.Match[str]) -> bool:
        start, end = match.span()
        beside_han = (start and HAS_HAN.match(text[start - 1])) or HAS_HAN.match(text, end)
        if touching and beside_han and not (end < len(text) and text[end].isspace()):
            return True
        return not latin(start, end)

    return pattern.sub(lambda match: replace(match) if chinese(match) else match.group(), text)


def _latin_sentences(text: str) -> Callable[[int, int], bool]:
    """:func:`in_latin_sentence` for the marks of ``text``, its sentence ends found at the first
    question. A text with no Latin letter has no Latin sentence and asks nothing: the judgement
    reads up to 400 characters around each mark, and most Chinese text has marks to mend and no
    Latin (asked of every mark, it made :func:`normalise` twice as slow)."""
    if not _LATIN_LETTER.search(text):
        return lambda start, end: False
    ends: list[int] | None = None

    def latin(start: int, end: int) -> bool:
        nonlocal ends
        if ends is None:
            ends = sentence_ends(text)
        return in_latin_sentence(text, start, end, ends)

    return latin


def sentence_ends(text: str) -> list[int]:
    """Where the sentences of ``text`` end, for :func:`in_latin_sentence` and :func:`latin_quotations`."""
    return [end.end() for end in _SENTENCE_END.finditer(text)]


def in_latin_sentence(text: str, start: int, end: int, ends: list[int]) -> bool:
    """Whether the mark from ``start`` to ``end`` stands in a sentence of Latin text, where the build
    leaves it as written (He wrote 山 , 水 and 火., Is it 真的? Yes!): one with more Latin words
    than Chinese around the mark and the two words it parts, which it stands beside whatever the
    sentence is, and two of them at least: a letter or a term alone beside Chinese text is none
    (A组: 张三, OK,我们). ``ends``: the text's :func:`sentence_ends`. paiban check asks it too, so
    as not to flag what the build leaves on purpose."""
    before = _WORD_BEFORE.search(text, max(0, start - _CONTEXT), start)
    after = _WORD_AFTER.match(text, end)
    return _in_latin_text(text, before.start() if before else start, (after.end() if after else end) - 1, ends,
                          least=2)


def half_width_kept(text: str) -> set[int]:
    """Where the marks of ``text`` are that stay half width however close the Chinese is: an
    emoticon's (开心:)) and a keyboard shortcut's key (按Ctrl+,打开设置). The build leaves them as
    typed, and ``paiban check`` does not report them."""
    return emoticon_places(text) | shortcut_keys(text)


def shortcut_keys(text: str) -> set[int]:
    """Where the marks of ``text`` are that are a keyboard shortcut's key (:data:`_SHORTCUT_KEY`:
    按Ctrl+,打开设置, 按⌘,打开偏好设置), which is half width however close the Chinese is. Help
    text leaves out the spaces around a shortcut, and its key was made the full-width mark no
    keyboard has (Ctrl+，)."""
    if not _has(text, "+⌘⌥⇧⌃"):
        return set()
    return {key.start("key") for key in _SHORTCUT_KEY.finditer(text)}


def emoticon_places(text: str) -> set[int]:
    """Where each character of the emoticons and emoji shortcodes of ``text`` is (:func:`emoticons`)."""
    return {at for face in emoticons(text) for at in range(*face)}


def emoticons(text: str) -> list[tuple[int, int]]:
    """Where the emoticons of ``text`` are (start, end): its emoji shortcodes (:data:`_SHORTCODE`),
    its kaomoji (:func:`kaomoji`), and the :data:`_FACE` shapes whose bracket pairs with no other.
    A ( that some later ) closes, over lines and nested brackets, is a parenthesis (他说:(这是一个\n测试),
    他说:(笑(大笑))), as is a ) closing an earlier ( ((北京;)上海); a face's ) closes no face's ( (唉:(
    开心:) are two faces)."""
    found = [shortcode.span() for shortcode in _SHORTCODE.finditer(text) if _an_emoji(shortcode, text)]
    found += kaomoji(text)
    faces = {face.end() - 1: face.span() for face in _FACE.finditer(text)}  # by the bracket's index
    if not faces:
        return found
    paired = {at for pair in _bracket_pairs(text, faces) for at in pair}
    return found + [span for at, span in faces.items() if at not in paired]


def kaomoji_places(text: str) -> set[int]:
    """Where each character of the kaomoji of ``text`` is (:func:`kaomoji`)."""
    return {at for face in kaomoji(text) for at in range(*face)}


def kaomoji(text: str) -> list[tuple[int, int]]:
    """Where the kaomoji of ``text`` are (start, end), their brackets and the face between
    (:data:`_BRACKETED`, :func:`_a_face`), whose marks are no punctuation: the build leaves them as
    typed, and ``paiban check`` does not report them."""
    if "(" not in text and "（" not in text:  # (most texts: the pattern is not run)
        return []
    return [pair.span() for pair in _BRACKETED.finditer(text) if _a_face(pair[0][1:-1])]


def _a_face(inside: str) -> bool:
    """Whether what a pair of brackets holds (no Han, no figure: :data:`_BRACKETED`) is a kaomoji's
    face: no word in it (two letters in a row: (アニメ), (ToT), (AI)), no digit of any kind ((m²)), and
    features (characters neither letters nor :data:`_SENTENCE_MARKS`), two different ones at least
    and no fewer than its Latin letters ((^_^), (:з」∠), (o´ω`o); not (°C), (m/s), (+/-), (a+b=c)),
    or one, eyes mirrored round it ((T_T), (-_-), (^o^), ( T_T ); not (★★★)). Blanks are no eyes: a sign
    between spaces is a lab result's or an answer's (尿蛋白( + ), 判断( × ), ( √ ), ( ± )), widened as
    ( - ) beside it is."""
    if any(map(str.isdigit, inside)) or any(a.isalpha() and b.isalpha() for a, b in itertools.pairwise(inside)):
        return False
    features = {char for char in inside if not char.isalpha() and char not in _SENTENCE_MARKS}
    if len(features) >= 2:
        return len(features) >= len(_LATIN_LETTER.findall(inside))
    face = inside.strip()
    return bool(features) and face == face[::-1] and len(set(face)) > 1


def _an_emoji(shortcode: re.Match, text: str) -> bool:
    """Whether a :data:`_SHORTCODE` shape is an emoji's. Between a label and the Chinese that
    explains it, one of a plain word is that label's term (单位:cm:厘米, 步骤:init:初始化仓库,
    dict[key]:value:就行), its colons a label's; a name no word is (:white_check_mark:, :+1:)
    or a common emoji's (试用:tada:欢迎) is one there too. Anywhere else, any is one: before no
    Chinese character (。:rocket: 欢迎, 失败:x:), or where a text, a sentence or an item opens (:bug:修复)."""
    start, end = shortcode.span()
    if not HAS_HAN.match(text, end) or start == 0 or text[start - 1] in _BEFORE_SHORTCODE:
        return True
    name = shortcode["name"]
    return not name.isalpha() or name in _EMOJI_WORDS


def _bracket_pairs(text: str, faces: Collection[int]) -> list[tuple[int, int]]:
    """Where each ( and the ) that closes it are, innermost first, over lines and nested
    brackets; ``faces``: the brackets of :data:`_FACE` shapes, of which a ) closes no ( (唉:( 开心:))."""
    pairs, opened = [], []
    for bracket in _BRACKETS.finditer(text):
        at = bracket.start()
        if text[at] == "(":
            opened.append(at)
        elif opened and not (at in faces and opened[-1] in faces):
            pairs.append((opened.pop(), at))
    return pairs


# Chinese closing quotes and brackets: after a Han character, the end of a quotation or a title
# (“青石桥”, 《红楼梦》), which a pair of brackets right after it follows as it follows the Han.
_CHINESE_CLOSERS = "”」』）》〉】〕"


def _after_chinese(text: str, at: int, end: int | None = None) -> bool:
    """Whether ``text[at]`` comes right after a Han character, or after Chinese closing marks
    that do: “青石桥”(Qingshi Bridge) is typed as 青石桥(Qingshi Bridge) is. A pair closed at
    ``end`` within one text of a paragraph is read across the edge before it (the NUL that parts
    the texts, :func:`pair_marks_across`): *係*(hai6) is typed as 係(hai6) is. A ruby's brackets
    (``<rp>(</rp>``) are each a text of their own, and stay."""
    edges = _CHINESE_CLOSERS + ("\x00" if end is not None and "\x00" not in text[at:end] else "")
    at -= 1
    while at >= 0 and text[at] in edges:
        at -= 1
    return at >= 0 and bool(HAS_HAN.match(text, at))


# A word alone in brackets: a reference numeral (3a), (32), (3-1), a label (A), (ii), not a formula (a+(b*c)).
_WORD_IN_BRACKETS = patterns.compile(r"\([0-9A-Za-z][0-9A-Za-z.'′-]{0,7}\)")


def _set_off_in_chinese(text: str, start: int, end: int) -> bool:
    """Whether the pair of brackets at ``start`` and ``end``, a word alone in it (:data:`_WORD_IN_BRACKETS`),
    stands in Chinese text, parted by spaces from the Chinese before it (:func:`_after_chinese` at the
    first space) and followed by Chinese: a patent's reference numeral typed 连接件 (3a) 与, which is
    连接件(3a)与 typed with spaces. Left half width, it printed beside 连接件（3a） in one sentence.
    One closing a text (版本 (v2)) is none, nor is a formula (公式 (a+(b*c)) 不变), Latin text's."""
    if not _WORD_IN_BRACKETS.fullmatch(text, start, end + 1):
        return False
    before, after = start, end + 1
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    while after < len(text) and text[after] in " \t":
        after += 1
    return before < start and _after_chinese(text, before, end) and bool(CJK_CHAR.match(text, after))


# A label in brackets, as legislation and contracts number a subsection, a paragraph, a
# sub-paragraph: figures (and a letter: 2A), a letter or two, a roman numeral. With Chinese in it
# (第(一)项) it is Chinese text's.
BRACKETED_LABEL = r"\((?:\d{1,3}[A-Za-z]?|[A-Za-z]{1,2}|[ivxlc]{2,6})\)"
# A list of them (第(a)、(b)及(c)段) is one citation's.
_LABELS_JOINED_BY = "、及或和與与至"
_LABELS = patterns.compile(rf"(?:{BRACKETED_LABEL})+(?:[{_LABELS_JOINED_BY}](?:{BRACKETED_LABEL})+)*")
# What a citation's labels are glued to: a figure or 第 before them (第5(1)條, 第2條第(1)款), or a
# citation's word after them (第2條(a)段, 第(a)、(b)及(c)段): a section's, a subsection's, a
# paragraph's, a sub-paragraph's or an item's, in either script.
_BEFORE_CITED_LABELS = frozenset("0123456789第")
_CITATION_WORDS = frozenset("條条款段項项節节")
# A telephone number's code in brackets: a country's ((852), (+852)) or an area's ((010), (0571)),
# four figures only after an area code's 0, which a year has not ((2023)). The number kept on one
# line opens with it too (typeset).
PHONE_CODE = r"\((?:\+?\d{2,3}|0\d{3})\)"
# ... before a number's seven figures or more, in groups or not ((852) 2345 6789, (0571)88888801,
# (+86) 21 1234 5678), or six after an area code's 0 and three figures (a Taiwan mobile's
# (0912)345-678): the number's own brackets, no aside. A year's before a document's or an order's
# number (沪府发(2023)12号, 订单号(2024) 5678) is one.
_PHONE_CODE = patterns.compile(rf"(?:{PHONE_CODE}(?= ?\d(?:[ -]?\d){{6}})|\(0\d{{3}}\)(?= ?\d(?:[ -]?\d){{5}}))")


def kept_brackets(text: str) -> set[int]:
    """Where the brackets of ``text`` are that stay half width beside Chinese: a citation's labels
    (第5(1)條, 第2條第(1)款, 第2條(a)段, 第7(2)(b)(ii)條), which legislation writes half width, as an
    item's label opening a paragraph is written, (a) (made full width after 第 or before 段, they
    printed 第2條（a）段 beside 第3(a)段 in one sentence); and a telephone number's code ((852) 2345
    6789: made full width, it kept the space typed after it, a gap of one and a half ems)."""
    if "(" not in text:
        return set()
    spans = [labels.span() for labels in _LABELS.finditer(text) if _cited(labels, text)]
    spans += [code.span() for code in _PHONE_CODE.finditer(text)]
    return {at for start, end in spans for at in range(start, end) if text[at] in "()"}


def _cited(labels: re.Match[str], text: str) -> bool:
    """Whether a list of labels in ``text`` is a citation's: glued to a figure or 第 before it, or
    to a citation's word after it (:data:`_CITATION_WORDS`: 第2條(a)段, 这是(ii)项的说明). After
    Chinese, capitals in brackets are an abbreviation, a gloss, and the 项 of 项目 after them, the
    款 of 款式 or the 条 of 条款 no citation's word (人工智能(AI)项目, 加大(XL)款式, 乙方(B)条款),
    unless a citation's word comes before them too (第2條(A)段), or ends the citation they are
    joined to (第(1)款和(A)款, whose (A) alone was made full width beside (1))."""
    start, end = labels.span()
    before = text[start - 1:start]
    if before in _BEFORE_CITED_LABELS:
        return True
    if text[end:end + 1] not in _CITATION_WORDS:
        return False
    gloss = _after_chinese(text, start) and any(map(str.isupper, labels[0]))
    joined = before in _LABELS_JOINED_BY and text[start - 2:start - 1] in _CITATION_WORDS
    return not gloss or before in _CITATION_WORDS or joined


def _parentheses(text: str, kept: Collection[tuple[int, int]] = ()) -> str:
    """Parentheses around (or after) Chinese text become （…）, nested ones each (他说(笑(大笑))
    → 他说（笑（大笑））); ``(a + b)``, an emoticon's bracket and a pair set off by spaces in a Latin
    sentence (The 2008 Olympics (北京) were …: :func:`in_latin_sentence`, the pair and what it holds
    taken as the mark) stay, and so do a citation's labels and a telephone number's code
    (:func:`kept_brackets`). A pair right after a Han character, or a quotation or title ending in
    one (:func:`_after_chinese`), is Chinese typing whatever the sentence (参考 The Art of Computer
    Programming 一书(第一卷)。, 运行时(runtime)。, “青石桥”(Qingshi Bridge)建于); one after a
    Latin word needs Han inside (函数f(x)的值 stays), and one set off by spaces needs Han inside or
    a word between Chinese (:func:`_set_off_in_chinese`: 连接件 (3a) 与), outside a Latin sentence. The
    URLs written in ``text`` are read as blanks: their brackets are theirs, and they hold no words
    (官网(https://example.com)很好).
    ``kept``: the spans (start, end) of text to leave as written, and a pair with a bracket in one; a
    kaomoji's brackets stay too (:func:`kaomoji`: 好开心(^_^)今天)."""
    if "(" not in text:
        return text
    prose = _blank_urls(text)
    faces = {face.end() - 1 for face in _FACE.finditer(prose)}
    kept = [*kept, *kaomoji(prose)]
    chars = list(text)
    latin = _latin_sentences(prose)
    labels = kept_brackets(prose)
    for start, end in _bracket_pairs(prose, faces):
        chinese = (_after_chinese(prose, start, end)
                   or ((HAS_HAN.search(prose, start + 1, end) or _set_off_in_chinese(prose, start, end))
                       and not latin(start, end + 1)))
        if chinese and start not in labels and not _in_spans(kept, start, end):
            chars[start], chars[end] = "（", "）"
    return "".join(chars)


# Between two phrases of a headline (凝心聚力抓落实 砥砺奋进启新程): a word space, typed on a
# Latin keyboard, where Chinese sets a full-width one.
_HEADLINE_GAP = patterns.compile(rf"(?<=[{HAN}])[ \u00a0]+(?=[{HAN}])")


def headline(text: str) -> str:
    """A title's punctuation mended as :func:`normalise` mends text, and a space between two of
    its phrases made full width (　), as Chinese headlines set it."""
    return _HEADLINE_GAP.sub("\u3000", normalise(text))


# Chinese or Japanese text in an emphasis (ideographs, kana, full-width forms): it is set as
# Chinese emphasis, upright in the 黑体, even beside Latin words (*《论语》The Analects*).
_CJK_TEXT = patterns.compile(rf"[{HAN}\u3000-\u30ff\uff00-\uffef]")


# A letter of the alphabets whose books set a title or a foreign term in italics: Latin, Greek
# (polytonic too: Ἡ ὁμίχλη) and Cyrillic. The Latin serifs of em.latin (edition.LATIN) have an italic of each.
_ITALIC_LETTER = patterns.compile(rf"[{_LETTERS}\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f]")


# What a browser sets in italics: emphasis (em, and i, HTML's other italic, which an HTML article or
# Markdown's raw HTML writes for it) and a cited title, a defined term, a variable (cite, dfn, var).
# The stylesheets set each upright, and italic only what mark_latin_emphasis marks ``latin``: left
# to a reader's own italics, Chinese in them was slanted, and a Latin name in <i> was drawn upright
# in the CJK font's Latin, beside the italic of an <em>.
ITALIC = ("em", "i", "cite", "dfn", "var")
HAS_ITALIC = patterns.compile(rf"<(?:{'|'.join(ITALIC)})\b")


def mark_latin_emphasis(root) -> None:
    """Mark each emphasis of the parsed fragment ``root`` (each element of :data:`ITALIC`) whose text
    is Latin, Greek or Cyrillic (a letter, no Chinese) ``latin``: a book or journal title, a foreign
    term. Chinese emphasis is upright in the 黑体 (CJK fonts have no italic); a European one is
    italic in a Latin serif, as academic style has it, not upright in the 黑体 (a Russian title
    upright and sans beside Latin ones in italics, in one bibliography). A body's and a title's alike."""
    for em in root.iter(*ITALIC):
        text = "".join(em.itertext())
        if _ITALIC_LETTER.search(text) and not _CJK_TEXT.search(text):
            add_class(em, "latin")


# A Latin or pinyin word with an apostrophe inside it (O’Neill, Xī’ān, Tiān’ānmén): its letters, with
# their accents composed or combining (pinyin's tone marks), on both sides of each ’.
_APOSTROPHE_WORD = patterns.compile(rf"[{_ACCENTED_LETTERS}]+(?:’[{_ACCENTED_LETTERS}]+)+")


def shut_apostrophes(fragment: str) -> str:
    """Each Latin word of the XHTML ``fragment`` with an apostrophe inside it in a
    ``span.apostrophe``: CJK fonts draw ’ a full square, as the Chinese closing quote it also is, and
    opened the word (O’ Neill, Xī’ ān). The stylesheet draws the span in the font's proportional
    forms (``pwid``), which shut the ’ to its letters. The whole word is the span's, so that the
    PDF's justification sees the letters beside its ’ (one alone in a span counted as Chinese
    punctuation, and was spaced). A body's and a title's alike; code is left as written."""
    if "’" not in fragment:
        return fragment
    return split_text(fragment, _APOSTROPHE_WORD, lambda match: E.span(match[0], {"class": "apostrophe"}))
