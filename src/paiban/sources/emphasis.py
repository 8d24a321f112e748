"""CJK-friendly emphasis: ``**问：**您在老街住了多少年？`` is bold, as its writer means it.

CommonMark lets a run of ``*`` or ``_`` close emphasis only when it is *right-flanking*: not
after punctuation, unless a space or punctuation follows (and open it, the other way round,
only when *left-flanking*). The rule counts on spaces between words, which Chinese has not, so
a bold label that ends in punctuation (``**问：**您``, ``**“引号”**中文``) printed its asterisks.
That is the commonest form of an interview, and what ``paiban import`` writes for HTML's
``<strong>问：</strong>您``.

The CommonMark CJK-friendly amendment (the proposal of commonmark-spec issue 650, which the
``markdown-it-cjk-friendly`` and ``remark-cjk-friendly`` plugins implement) fixes it in the
flanking rules alone: a CJK character beside a run counts as a space or punctuation would, and
CJK punctuation (：，。「」, full-width forms) is not the punctuation that refuses a run. A run
with no CJK character beside it is judged exactly as CommonMark judges it (``2*3*4``,
``snake_case_name``, ``**a**b``), and so is a lone ``*`` or ``_`` (:data:`_STRONG`), unlike the
amendment: beside Chinese punctuation it was an asterisk more often than emphasis, and was taken
for one (张三*，李四* set 李四 in italics and lost both asterisks). A run of three ``_`` or more is
a blank to write in (:data:`_BLANK`), never emphasis, whatever stands beside it. The Python plugin
``mdit-py-cjk-friendly`` is not used: it needs markdown-it-py 3, patches every parser of the
process and also joins soft line breaks.

markdown-it-py judges runs in ``StateInline.scanDelims``, for emphasis and strikethrough alike;
:func:`cjk_friendly_emphasis` gives one parser an inline state that judges them as the amendment
says, every other rule as it was.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType

from .. import patterns

# The amendment's CJK characters: East Asian Width W, F or H but emoji, and Hangul (its table
# for Unicode 16, ranges.md of the proposal). Han, kana, bopomofo, CJK and full-width punctuation.
_CJK = patterns.compile(
    "[\u1100-\u11ff\u20a9\u2329-\u232a\u2630-\u2637\u268a-\u268f\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5"
    "\u2ff0-\u303e\u3041-\u3096\u3099-\u30ff\u3105-\u312f\u3131-\u318e\u3190-\u31e5\u31ef-\u321e"
    "\u3220-\u3247\u3250-\ua48c\ua490-\ua4c6\ua960-\ua97c\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb"
    "\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe52\ufe54-\ufe66\ufe68-\ufe6b\uff01-\uffbe\uffc2-\uffc7"
    "\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc\uffe0-\uffe6\uffe8-\uffee\U00016fe0-\U00016fe4"
    "\U00016ff0-\U00016ff6\U00017000-\U00018cd5\U00018cff-\U00018d1e\U00018d80-\U00018df2"
    "\U0001aff0-\U0001aff3\U0001aff5-\U0001affb\U0001affd-\U0001affe\U0001b000-\U0001b122\U0001b132"
    "\U0001b150-\U0001b152\U0001b155\U0001b164-\U0001b167\U0001b170-\U0001b2fb\U0001d300-\U0001d356"
    "\U0001d360-\U0001d376\U0001f200\U0001f202\U0001f210-\U0001f219\U0001f21b-\U0001f22e"
    "\U0001f230-\U0001f231\U0001f237\U0001f23b\U0001f240-\U0001f248\U0001f260-\U0001f265"
    "\U00020000-\U0003fffd]")
# A variation selector after a character (U+FE00–U+FE0E; U+FE0F asks for an emoji): the run is
# judged by the character it varies, 「︀ as 「, but for a quotation mark of ambiguous width
# (“ ” ‘ ’) made full-width by U+FE01, which is a CJK punctuation mark.
_VARIATION_SELECTOR = patterns.compile("[\ufe00-\ufe0e]")
_FULL_WIDTH_FORM = "\ufe01"
_AMBIGUOUS_QUOTES = "\u2018\u2019\u201c\u201d"
# An ideographic variation selector (U+E0100–U+E01EF) follows a Han character alone: a CJK one.
_IDEOGRAPHIC_VARIATION_SELECTOR = patterns.compile("[\U000e0100-\U000e01ef]")
# What the start and the end of a paragraph count as beside a run.
_LINE_EDGE = " "
# The shortest run judged CJK-friendly: ``**`` (strong, strikethrough's ``~~``). A lone ``*`` keeps
# CommonMark's rules: in Chinese text it is more often an asterisk than emphasis (a note's mark,
# 张三*，李四*; a product, （3+4）*5; a wildcard, 匹配*.txt和*.md), and Chinese sets no italics.
_STRONG = 2
# The shortest run of ``_`` that is a blank to write in (填空：______，______。), never emphasis, wherever
# it stands: between two marks, CommonMark's rules and the amendment's alike read two blanks as a
# pair of ``__`` (nested ones), and the blanks were lost, the text between them set in bold. Bold
# italics are written ``***…***``.
_BLANK = 3


class _Side:
    """What stands on one side of a delimiter run, as the flanking rules ask it."""

    def __init__(self, char: str, cjk: bool = False):
        self.space = isWhiteSpace(ord(char))
        self.punctuation = isMdAsciiPunct(ord(char)) or isPunctChar(char)
        self.cjk = cjk or bool(_CJK.match(char))
        # Punctuation that refuses a run beside a letter: a CJK mark does not.
        self.strict_punctuation = self.punctuation and not self.cjk


def _before(src: str, start: int) -> _Side:
    """What precedes the run at ``start``: a character, or one and its variation selector."""
    char = src[start - 1] if start > 0 else _LINE_EDGE
    if _IDEOGRAPHIC_VARIATION_SELECTOR.match(char):
        return _Side(char, cjk=True)
    if start > 1 and _VARIATION_SELECTOR.match(char):
        varied = src[start - 2]
        return _Side(varied, cjk=char == _FULL_WIDTH_FORM and varied in _AMBIGUOUS_QUOTES)
    return _Side(char)


class _CjkFriendlyState(StateInline):
    """markdown-it's inline state, judging delimiter runs by the CJK-friendly flanking rules."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:
        """The run of markers at ``start``: whether it can open, whether it can close, its length.
        ``canSplitWord``: whether it may stand inside a word (``*``, not ``_``)."""
        end = start
        while end < self.posMax and self.src[end] == self.src[start]:
            end += 1
        if end - start < _STRONG:
            return super().scanDelims(start, canSplitWord)
        if end - start >= _BLANK and self.src[start] == "_":
            return Scanned(False, False, end - start)
        before = _before(self.src, start)
        after = _Side(self.src[end] if end < self.posMax else _LINE_EDGE)
        left_flanking = not after.space and (
            not after.strict_punctuation or before.space or before.strict_punctuation or before.cjk)
        right_flanking = not before.space and (
            not before.strict_punctuation or after.space or after.strict_punctuation or after.cjk)
        can_open = left_flanking and (canSplitWord or not right_flanking or before.punctuation)
        can_close = right_flanking and (canSplitWord or not left_flanking or after.punctuation)
        return Scanned(can_open, can_close, end - start)


class _CjkFriendlyInline(ParserInline):
    """markdown-it's inline parser, parsing with :class:`_CjkFriendlyState`."""

    def parse(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> list[Token]:
        """As markdown-it parses a block's inline content: its rules, then its post-processing rules."""
        state = _CjkFriendlyState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


def cjk_friendly_emphasis(md: MarkdownIt) -> None:
    """A markdown-it plugin: ``md`` judges emphasis and strikethrough runs CJK-friendly, its inline
    rules (those its preset and other plugins chose, before or after this one) as they are."""
    inline = _CjkFriendlyInline()
    inline.ruler, inline.ruler2 = md.inline.ruler, md.inline.ruler2
    md.inline = inline
