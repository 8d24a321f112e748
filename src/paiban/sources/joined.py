"""Lines typed each on its own with a single line break between them, which Markdown joins into
one paragraph, printed so unseen: a question's options (A．氢气 B．氧气), a play's speeches
(苏晴：你来了？林远：来了。), a regulation's items (…下列类别：（一）综合公园；（二）专类公园；), a
question's parts (…方差。（1）求平均数；（2）求方差。), scripture's verses (…寂静。2 主说…), a letter's
close and its signature (此致敬礼！, 秋白一九八五年十二月十日夜), a table's rows without their
delimiter row (| 甲 | 乙 | | 丙 | 丁 |), a spreadsheet's rows pasted with their cells parted by tabs
(产品⇥2023年⏎粮食⇥1,234.5, printed 产品　　2023年粮食　　1,234.5).
Where such lines can be told from prose, whose lines a writer's editor breaks anywhere, a
warning at the paragraph or at the first of them says how to keep them apart."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from markdown_it.token import Token

from .. import patterns
from ..numerals import VERSE, verse_count
from .verse import closes_letter, closing_lines, lists_options
from .wordhtml import Number, number_in, number_pattern
from .wrapping import ENDS_SENTENCE

log = logging.getLogger("paiban")

# Why the lines are run together, which each warning says.
_SOFT_BREAK = "a single line break is no break in Markdown"
# How to keep lines that must stay lines (options, a letter's close, a signature), which their warning says.
_KEEP_LINES = "end each line but the last with a backslash (\\) to keep it"
# A line that opens with a choice question's option after the first (B．, C.), whose line break
# before it is a soft one: the line is joined to the one before (A．氢气 B．氧气).
_NEXT_OPTION = patterns.compile(r"^[ \t]*(?:[（(][B-H][）)]|[B-H][.．、])")
# A line of dialogue (苏晴：你来了？, **问：**您好): a speaker's short Chinese name (a foreign one's
# parts joined by ·: 约翰·史密斯) and a colon, then the speech. A name that ends in 说 or 道 is
# narration's (他说：, 笑道：), which prose writes in its paragraph.
_SPEAKER = patterns.compile(r"^[ \t]*(?P<name>[\u4e00-\u9fff]{1,4}(?:·[\u4e00-\u9fff]{1,4})?)(?<![说說道])"
                            r"[：:][ \t]*\S")
# How many lines of dialogue in a row, two speakers among them, tell a script or an interview
# typed a speech a line, not a paragraph whose lines happen to open with a word and a colon.
_SPEECHES_IN_A_ROW = 3
# The numbers an item opens with, as a regulation's 条 lists its 项 (（一）, （二）), a notice its points
# (一、, 1．, 2、) and a question its parts ((1), （1）, ①, a)): the kinds a list is counted in (README,
# "How a list is numbered"), but capital letters, a choice question's options (:func:`_options`).
_ITEM_KINDS = ("chinese_paren", "chinese", "paren", "right_paren", "circled", "stop", "comma", "lower_alpha",
               "lower_alpha_right_paren")
# A line that opens with an item's number (``1. `` in figures opens a Markdown list, unless a
# paragraph's line it continues is not its first item's: 2. is text there).
_ITEM = patterns.compile(rf"^[ \t]*(?:{number_pattern(*_ITEM_KINDS)})")
# An item's number of each kind anywhere in a line: two sub-questions a line, （1）… （2）….
_NUMBERS = {kind: patterns.compile(number_pattern(kind)) for kind in _ITEM_KINDS}
# A line that opens with a verse's number (1 起初…, ¹起初…, [1]起初…; <sup>1</sup>起初… reads 1起初…).
_VERSE = patterns.compile(rf"^[ \t]*{VERSE}")
# A line of a chronology (大事年表) that opens with its event's year (前221年　秦统一六国, 公元8年　…,
# 1949年10月1日　…, 1840—1842年：…), set apart from the event by a space or a colon: prose opening a line
# with a year writes on after it (2024年，第二年…), which is not warned of.
_EVENT = patterns.compile(r"^[ \t]*(?P<date>约?(?:公元)?(?P<bc>前)?(?P<year>\d{1,4})"
                          r"(?:[—–~～至]约?(?:公元)?前?\d{1,4})?年(?:\d{1,2}月(?:\d{1,2}日)?)?)[ \t\u3000：:]+\S")
# How many events in a row, each in the year of the one before or later, tell a chronology typed an
# event a line, not prose whose lines happen to open with a year.
_EVENTS_IN_A_ROW = 3
# A spreadsheet's cell of a figure (1,234.5, -4.3, −3.2, 62.2%), which a line of verse or of a
# question's options parted by tabs has none of.
_FIGURE = patterns.compile(r"[-−+]?\d[\d,]*(?:\.\d+)?%?")
# How much of a row a warning shows.
_ROW_SHOWN = 40


class _Paragraph(NamedTuple):
    """A paragraph (a run of in-line text) of more than one line: its first line's number in the
    file, its lines (:func:`lines_of`), whether a block set flush right holds it (``::: align-right``),
    the in-line tokens of the paragraphs right before it, the last two, and its lines as typed
    (their tabs kept, which ``lines`` has as gaps: sources.tabs)."""

    first: int
    lines: list[tuple[str, bool]]
    flush_right: bool
    before: list[Token]
    written: list[str]


def warn_of_joined_lines(tokens: list[Token], path: Path, opens_flush_right: Callable[[str], bool]) -> None:
    """Warn of the options, the speeches, the items, the verses, a chronology's events, a table's rows
    and a letter's close and signature of the article's ``tokens`` typed on lines of their own and
    joined by Markdown (:func:`_options`, :func:`_speeches`, :func:`_items`, :func:`_verses`,
    :func:`_events`, :func:`_close`, :func:`_rows`, :func:`_tab_rows`, :func:`_signature`).
    ``opens_flush_right`` tells, from a ``:::`` line's words, whether it opens a block set flush
    right: the Markdown reader's reading of its classes (``::: align-right``, ``::: {.no-convert .align-right}``)."""
    for paragraph in _joined_paragraphs(tokens, opens_flush_right):
        closes = closing_lines([text.strip() for text, _ in paragraph.lines])
        said = [warning(paragraph.lines) for warning in (_options, _speeches, _items, _verses, _events)]
        for offset, message in filter(None, [*said, _close(paragraph.lines, closes), _rows(paragraph.lines),
                                             _tab_rows(paragraph), _signature(paragraph, closes)]):
            log.warning("%s:%d: %s", path, paragraph.first + offset, message)


def _joined_paragraphs(tokens: list[Token], opens_flush_right: Callable[[str], bool]) -> Iterator[_Paragraph]:
    """Each paragraph of more than one line (:class:`_Paragraph`)."""
    flush_right: list[bool] = []  # of each block the token is in, whether it is set flush right
    before: list[Token] = []
    for index, token in enumerate(tokens):
        if token.type.startswith("container_"):
            if token.nesting == 1:
                flush_right.append(opens_flush_right(token.info))
            else:
                flush_right.pop()
        if token.type == "inline" and token.map and "\n" in token.content:
            yield _Paragraph(token.map[0] + 1, lines_of(token.children or ()), any(flush_right), before,
                             token.content.split("\n"))
        if token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            before = [*before[-1:], token]
        elif token.type not in ("paragraph_open", "paragraph_close"):
            before = []


# The in-line tokens that end a line of the source.
LINE_BREAKS = frozenset({"softbreak", "hardbreak"})


def numbered_children(token: Token) -> Iterator[tuple[int, Token]]:
    """Each child of the in-line ``token`` and the line of the source it is on."""
    line = token.map[0] + 1
    for child in token.children or ():
        line += child.type in LINE_BREAKS
        yield line, child


def raw_html(tokens: list[Token]) -> Iterator[tuple[int, Token]]:
    """Each token of raw HTML, a block or inside a line, and the line of the source it opens on."""
    for token in tokens:
        if token.type == "html_block" and token.map:
            yield token.map[0] + 1, token
        elif token.type == "inline" and token.map:
            yield from ((line, child) for line, child in numbered_children(token) if child.type == "html_inline")


def lines_of(children: list[Token]) -> list[tuple[str, bool]]:
    """The text of each line of an in-line token's ``children`` (its emphasis' too, without the
    ``**``: **问：** reads 问：), and whether a soft break begins it: a hard one keeps the lines."""
    lines = [("", False)]
    for child in children:
        if child.type in LINE_BREAKS:
            lines.append(("", child.type == "softbreak"))
        elif child.type == "text":
            lines[-1] = (lines[-1][0] + child.content, lines[-1][1])
    return lines


def _first_run(lines: list[tuple[str, bool]], opens: Callable[[str], re.Match | None],
               follows: Callable[[re.Match, re.Match], bool], enough: Callable[[list[re.Match]], bool]) -> int | None:
    """Where the first run of ``lines`` joined by soft breaks that is ``enough`` starts (the index of its
    first line): lines each opening as ``opens`` matches, each but the first after a soft break and
    ``follows`` the match of the line before it (a line that does not starts a run)."""
    run: list[re.Match] = []
    for index, (text, soft) in enumerate(lines):
        if not (match := opens(text)):
            run = []
            continue
        run = [*run, match] if soft and run and follows(run[-1], match) else [match]
        if enough(run):
            return index - len(run) + 1
    return None


def _options(lines: list[tuple[str, bool]]) -> tuple[int, str] | None:
    """A question's options typed a line each (A．氢气⏎B．氧气): an option after the first opens a
    line a soft break begins, among lines that list options (:func:`~.verse.lists_options`).
    Warned of at the paragraph, the question's stem being its first line."""
    joined = any(soft and _NEXT_OPTION.match(text) for text, soft in lines)
    if joined and lists_options([text for text, _ in lines]):
        return 0, f"the options on lines of their own are joined into one line ({_SOFT_BREAK}): {_KEEP_LINES}"
    return None


def _speeches(lines: list[tuple[str, bool]]) -> tuple[int, str] | None:
    """Dialogue typed a speech a line (苏晴：你来了？⏎林远：来了。): :data:`_SPEECHES_IN_A_ROW` lines in
    a row each opening with a speaker's name (:data:`_SPEAKER`), two speakers among them, which
    a paragraph of prose has not. Warned of at the first of them."""
    start = _first_run(lines, _SPEAKER.match, lambda *_: True,
                       lambda run: len(run) >= _SPEECHES_IN_A_ROW and len({each["name"] for each in run}) > 1)
    if start is None:
        return None
    name = _SPEAKER.match(lines[start][0])["name"]
    return start, (f"the lines each opening with a name and a colon ({name}：…) are joined into one paragraph and "
                   f"run together ({_SOFT_BREAK}): put a blank line between them to make each a paragraph of its own")


def _items(lines: list[tuple[str, bool]]) -> tuple[int, str] | None:
    """A regulation's items typed an item a line (…下列类别：⏎（一）综合公园；⏎（二）专类公园；), a
    question's parts (…方差。⏎（1）求平均数；⏎（2）求方差。): two lines in a row or more each opening
    with an item's number (:data:`_ITEM`), each the one after the last, numbered alike. A line of
    prose broken before a （一） may be chance; two in order are not. Warned of at the first of them."""
    start = _first_run(lines, _ITEM.match, _next_item, lambda run: len(run) >= 2)
    if start is None:
        return None
    number = _ITEM.match(lines[start][0])[0].strip()
    return start, (f"the items on lines of their own ({number}…) are joined into one paragraph and run together "
                   f"({_SOFT_BREAK}): put a blank line between them to make each a paragraph of its own")


def _verses(lines: list[tuple[str, bool]]) -> tuple[int, str] | None:
    """Scripture typed a verse a line (1 起初…⏎2 主说…), run into one paragraph (…寂静。2 主说…): two
    lines in a row or more each opening with a verse's number (:data:`_VERSE`), each the one after
    the last, which no item's numbering (:func:`_items`) is. Warned of at the first of them."""
    start = _first_run(lines, _VERSE.match, lambda before, verse: verse_count(verse) == verse_count(before) + 1,
                       lambda run: len(run) >= 2)
    if start is None:
        return None
    number = _VERSE.match(lines[start][0])[0].strip()
    return start, (f"the verses on lines of their own ({number}…) are joined into one paragraph and run together "
                   f"({_SOFT_BREAK}): put a blank line between them to make each a paragraph of its own")


def _events(lines: list[tuple[str, bool]]) -> tuple[int, str] | None:
    """A chronology typed an event a line (前221年　秦统一六国。⏎前209年　陈胜、吴广起义。), run into one
    paragraph: :data:`_EVENTS_IN_A_ROW` lines in a row or more each opening with its year (:data:`_EVENT`),
    none earlier than the one before. Warned of at the first of them."""
    start = _first_run(lines, _EVENT.match, lambda before, event: _year(event) >= _year(before),
                       lambda run: len(run) >= _EVENTS_IN_A_ROW)
    if start is None:
        return None
    date = _EVENT.match(lines[start][0])["date"]
    return start, (f"the events on lines of their own ({date}…) are joined into one paragraph and run together "
                   f"({_SOFT_BREAK}): put a blank line between them to make each a paragraph of its own")


def _year(event: re.Match) -> int:
    """The year an event of a chronology (:data:`_EVENT`) opens with, counted before the common era below 0."""
    return -int(event["year"]) if event["bc"] else int(event["year"])


def _next_item(before: re.Match, item: re.Match) -> bool:
    """Whether ``item`` is numbered as the item after the last of the line ``before`` opens is:
    （二） after （一）, 2． after 1．, （3） after a line of （1） and （2） (:func:`_last_item`)."""
    last = _last_item(before)
    return number_in(item) == Number(last.kind, last.count + 1)


def _last_item(opening: re.Match) -> Number:
    """The last item's number of the line that ``opening`` opens: the item its number opens, or
    the last of those after it on the line numbered in turn (（1）…　　（2）…, two parts a line)."""
    last = number_in(opening)
    for match in _NUMBERS[last.kind].finditer(opening.string, opening.end()):
        if number_in(match) == Number(last.kind, last.count + 1):
            last = number_in(match)
    return last


def _close(lines: list[tuple[str, bool]], closes: list[range]) -> tuple[int, str] | None:
    """A letter's close typed a line each (此致⏎敬礼！), or the signature under it in its paragraph
    (此致敬礼！⏎秋白): a soft break before a line of the close or after it, which runs them into
    one line (此致敬礼！, 敬礼！秋白), as a letter never sets them. ``closes``: the closes among the
    ``lines`` (:func:`~.verse.closing_lines`). Warned of at the close."""
    start = next((close.start for close in closes), None)
    if start is None or not any(soft for _, soft in lines[start:]):
        return None
    return start, (f"the lines of the letter's close ({lines[start][0].strip()}…) are joined into one line "
                   f"({_SOFT_BREAK}): {_KEEP_LINES}")


def _rows(lines: list[tuple[str, bool]]) -> tuple[int, str] | None:
    """A table's rows typed without the delimiter row under the first (| 甲 | 乙 |⏎| 丙 | 丁 |), which
    no Markdown tool takes for a table: lines each opening with a bar and with a bar inside, which
    a line block of verse has not (sources.markdown reads a block with lines of both as verse).
    A line of 简谱 with its bar lines is such a line: a tune of them alone is warned of too.
    Warned of at the first of them."""
    texts = [text.strip() for text, _ in lines]
    if not any(soft for _, soft in lines) or not all(text.startswith("|") and "|" in text[1:] for text in texts):
        return None
    return 0, (f"the lines opening with a bar ({texts[0][:12]}…) are joined into one paragraph, their bars printed "
               f"({_SOFT_BREAK}; a bar inside a line makes them a table's rows, whose delimiter row is missing): "
               "write the delimiter row (| --- | --- |) under the first for a table, or each bar inside a line as "
               "\\| for verse, a line each")


def _tab_rows(paragraph: _Paragraph) -> tuple[int, str] | None:
    """A spreadsheet's rows pasted into the article, each a line of cells parted by tabs
    (产品⇥2023年⏎粮食⇥1,234.5), which Markdown joins into one paragraph, each tab a gap and the row
    ends lost (增长（%）粮食): lines each of as many cells, two or more, a figure among them
    (:data:`_FIGURE`), which a poem's or a question's options parted by tabs have not. Markdown
    has no table of tabs, and paiban makes none: no other tool would read the article so. Warned
    of at the first of them, with the first row written as a pipe table's."""
    if not any(soft for _, soft in paragraph.lines) or not all("\t" in line.strip(" \t") for line in paragraph.written):
        return None
    rows = [line.strip(" \t").split("\t") for line in paragraph.written]
    if len({len(row) for row in rows}) > 1 or not any(_FIGURE.fullmatch(cell.strip()) for row in rows for cell in row):
        return None
    first = f"| {' | '.join(cell.strip() for cell in rows[0])} |"
    shown = first if len(first) <= _ROW_SHOWN else f"{first[:_ROW_SHOWN]}…"
    return 0, ("the lines of cells parted by tabs, a spreadsheet's rows pasted in, are "
               f"joined into one paragraph and run together ({_SOFT_BREAK}, and a tab is a gap, no column): write "
               f"them as a Markdown table, its cells parted by bars ({shown}) and a delimiter row under the "
               "first (| --- | ---: | …, ---: for a column of figures set right)")


def _signature(paragraph: _Paragraph, closes: list[range]) -> tuple[int, str] | None:
    """A signature typed a line each and joined by soft breaks (秋白⏎一九八五年十二月十日夜, printed
    秋白一九八五年十二月十日夜): lines none of which ends a sentence (a name, a date, a place), in a
    block set flush right (``::: align-right``) or right under a letter's close (此致⏎敬礼！, in one
    paragraph or two: :func:`_closes`). A postscript under the close (又及：……。) ends its sentence;
    a close with its signature in one paragraph (its ``closes`` found) is :func:`_close`'s. Warned of
    at its first line."""
    texts = [text.strip() for text, _ in paragraph.lines]
    if (not any(soft for _, soft in paragraph.lines) or any(text.endswith(ENDS_SENTENCE) for text in texts)
            or closes or not (paragraph.flush_right or _closes(paragraph.before))):
        return None
    return 0, f"the lines of the signature ({texts[0]}…) are joined into one line ({_SOFT_BREAK}): {_KEEP_LINES}"


def _closes(paragraphs: list[Token]) -> bool:
    """Whether the last two lines of ``paragraphs`` (their in-line tokens) hold a letter's close."""
    texts = [text.strip() for paragraph in paragraphs for text, _ in lines_of(paragraph.children or ())]
    return closes_letter(texts[-2:])
