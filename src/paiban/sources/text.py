"""Plain-text articles as scraped from news sites, read with newsroom heuristics.

The shape (seen in People's Daily pages and their copies): the first line is the headline,
often led by a 【column】 tag, and a line opening with a dash under it (——记……) is its subtitle
(:func:`~paiban.titles.subtitle_of`), a short line over the two its kicker (引题); paragraphs are
lines (rejoined first if the text was hard-wrapped); a wire dateline may open the first paragraph;
subheadings are short lines without sentence-final punctuation; the reporter's name closes the
last paragraph in parentheses; page furniture and metadata lines are mixed in (:mod:`.newsroom` sorts them).
A web novel's chapter is read by the same rules: its 第N章 lines are headings, a line of stars
or dashes is a scene break, and a chapter that opens with its text has no headline line.
Subtitles saved as text (SRT, WebVTT) are read as what they are, by :mod:`.subtitles`.
Every line the rules take out of the text is named in a warning, at its line.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from lxml.builder import E
from lxml import etree

from .. import patterns
from .. import punctuation
from ..chars import quoted
from ..errors import PaibanError
from ..novel import ARTICLE, contents_list, is_regulation
from ..numerals import HEADING, NUMERAL, SEPARATOR, VOLUME, VOLUME_END
from ..titles import DASHES, kicker_of, subtitle_of
from . import newsroom, pages, subtitles
from .body import FIRST_BODY_LEVEL
from .draft import Draft
from .verse import closing_lines, is_verse
from .wrapping import INDENT, clean_line, display_width, unwrap

log = logging.getLogger("paiban")

_COLUMN = patterns.compile(r"^【([^】]+)】\s*(.*)$")
# Sentence-final (or clause-closing) marks: a line ending in one is prose, not a subheading. So
# is a line trailing off (啊——, 好的～) or closing a quotation or a book's name (他低声说：‘走。’,
# 他翻开了那本《史记》): a sentence whose full stop was left out.
_CLOSES_SENTENCE = tuple("。！？；：…”」』）.!?;:)’—―～~》")
# What ends a statement, which no heading does. A numbered heading may end in ？！…） (第三章　你是谁？,
# 第一章　重逢（上）), and a headline in ？！.
_ENDS_STATEMENT = tuple("。．；;，,、：:")
# A sentence of clauses closed inside its quotation is a line of dialogue (“客官，住店吗？”), no headline; a
# headline may quote a slogan or a saying whole (“一个都不能少！”, 李明：“绿水青山就是金山银山。”).
_QUOTED_SENTENCE = patterns.compile(r"[,，].*[。！？…!?][”」』’\"]$")
# A scene break: three or more stars, dashes or other marks alone on a line (＊＊＊, * * *, ------, ※※※).
_SCENE_BREAK = patterns.compile(r"^(?:[*＊※\-－—―=＝#＃☆★◇◆~～]\s*){3,}$")
SUBHEADING_MAX = 30
# How deep a paragraph is indented, in columns: two full-width spaces (　　). A first line indented
# that far while the line after it is not is a paragraph; indented deeper, it is centred, as a headline is.
PARAGRAPH_INDENT = 4
_DATELINE = "the article's dateline (its source, date and reporters)"


class _Line(NamedTuple):
    number: int  # in the file, from 1
    text: str  # without its indentation
    indent: int  # in columns


def read(path: Path, text: str) -> Draft:
    """Read a scraped news article: headline, column, subtitle, dateline, subheadings, paragraphs and byline;
    or subtitles (:mod:`.subtitles`), a paragraph of each cue's speech and of each line outside the
    cues, titled by the file's name."""
    if (said := subtitles.paragraphs(text, path)) is not None:
        return Draft(title=None, body="".join(etree.tostring(E.p(punctuation.normalise(paragraph)), encoding="unicode")
                                              for paragraph in said))
    found = newsroom.Sifted()
    lines = [_Line(number, clean_line(line), _indent(line))
             for number, line in _unwrapped(text.splitlines(), found, path)]
    stanzas = _stanzas(lines)
    article = _sifted([line for line in lines if line.text], found, path)
    if not article:
        raise _no_article(path, found.removed)
    article = _turns_under_labels(article)
    column, title = _headline(article)
    body = article[1:] if title else article
    if title and not column and (headline := _under_kicker(title, body, found)):
        column, title, body = title, headline, body[1:]
    subtitle = subtitle_of(body[0].text, body[1].text if len(body) > 1 else "") if title and body else None
    if subtitle:
        body = body[1:]
    if body:
        body[0] = body[0]._replace(text=_without_dateline(body[0], found, path))
    body = [line._replace(text=punctuation.normalise(line.text)) for line in body if line.text]
    author = None
    if body:
        byline_taken, author = newsroom.take_byline(body[-1].text)
        body[-1] = body[-1]._replace(text=byline_taken)
        if not byline_taken:
            body.pop()
    return Draft(title=title, subtitle=subtitle, column=column, author=author or found.author,
                 body=_body(body, stanzas), date=found.date, origin=found.origin, removed=tuple(found.removed))


def _turns_under_labels(lines: list[_Line]) -> list[_Line]:
    """``lines`` with each speaker's label over its speech (:data:`_LABEL_LINE`, 说话人1 00:00:05) joined
    to the line under it as a transcript writes a turn, [00:00:05] 说话人1：…, where they are the labels
    speech recognition puts over a recording's turns (:func:`_recognised`). Read as lines, a label
    was a subheading unless a short line stood beside it: some were, some not. A label with no
    speech under it (another label, or none) is its turn alone, [00:00:40] 说话人2：."""
    labels = {index: match for index, line in enumerate(lines) if (match := _LABEL_LINE.match(line.text))}
    if len(labels) < 2 or not _recognised(list(labels.values())):
        return lines
    turns = []
    for index, line in enumerate(lines):
        if label := labels.get(index):
            said = lines[index + 1].text if index + 1 < len(lines) and index + 1 not in labels else ""
            turns.append(line._replace(text=f"[{label['time']}] {label['speaker']}：{said}"))
        elif index - 1 not in labels:
            turns.append(line)
    return turns


# How far into a recording its first turn is, at most, in seconds: a day's clock (上课 08:00, eight
# minutes or hours in) is further.
_FIRST_TURN = 60


def _recognised(labels: list[re.Match]) -> bool:
    """Whether ``labels`` (:data:`_LABEL_LINE`), in their order, are the labels speech recognition
    puts over the turns of a recording: at times that go forward, of speakers taking turns
    (:func:`_take_turns`), each a speaker it could not name (说话人1, 发言人 2, Speaker 1), or named, each
    name speaking several times from the recording's start (:data:`_FIRST_TURN`). A timetable's
    words and times (上课 08:00 over 第一节课，语文。, 下课 08:45 over 课间休息十分钟。) alternate and go
    forward too: taken for turns, its lines were rewritten [08:00] 上课：第一节课，语文。"""
    times = [_seconds(label["time"]) for label in labels]
    speakers = [label["speaker"] for label in labels]
    if times != sorted(times) or not _take_turns(speakers):
        return False
    return all(label["unnamed"] for label in labels) or (
        min(Counter(speakers).values()) > 1 and times[0] <= _FIRST_TURN)


def _seconds(time: str) -> float:
    """How far into a recording a moment of it (:data:`_TIME`: 00:01:25, 01:25.5) is, in seconds."""
    return sum(float(part.replace(",", ".")) * 60 ** power for power, part in enumerate(reversed(time.split(":"))))


def _stanzas(lines: list[_Line]) -> dict[int, int]:
    """The block each line with words is in, by its number: blocks are parted by empty lines."""
    block, blocks = 0, {}
    for line in lines:
        if line.text:
            blocks[line.number] = block
        else:
            block += 1
    return blocks


def _sifted(lines: list[_Line], found: newsroom.Sifted, path: Path) -> list[_Line]:
    """The article's lines; page furniture and metadata lines go into ``found``, each named in a
    warning at its line: a rule that took a line of a story for a news page's would otherwise lose it unseen."""
    kept = []
    for line, kind in zip(lines, newsroom.kinds([line.text for line in lines], found), strict=True):
        if kind:
            _left_out(found, path, line.number, line.text, kind)
        else:
            kept.append(line)
    return kept


def _unwrapped(lines: list[str], found: newsroom.Sifted, path: Path) -> list[tuple[int, str]]:
    """``lines`` rejoined where hard-wrapped (:func:`~.wrapping.unwrap`), without an OCR'd book's
    page numbers and running heads (:func:`~.pages.furniture`), each named in a warning: a
    paragraph runs on across the page they stood on."""
    furniture = pages.furniture(lines)
    for number, kind in furniture.items():
        _left_out(found, path, number, lines[number - 1].strip(), kind)
    return unwrap(lines, skip=furniture.keys() | pages.page_breaks(lines, furniture))


def _without_dateline(line: _Line, found: newsroom.Sifted, path: Path) -> str:
    """The text of ``line`` without a wire dateline opening it (named in a warning)."""
    rest = newsroom.take_dateline(line.text, found)
    if rest != line.text:
        _tell_left_out(path, line.number, found.removed[-1], _DATELINE)
    return rest


# What a rule may take a story's own line for, told as a warning: a caption (图为…) and a list of
# related stories are judged by their shape. Page junk is whole lines of a page's fixed phrases (扫一扫在手机打开
# 当前页面, 责任编辑：…) and metadata goes into the article's byline: those are told as information.
_MAY_BE_TEXT = frozenset({newsroom.CAPTION_LINE, newsroom.RELATED_LINE, pages.FOLIO_LINE, pages.RUNNING_HEAD})


def _left_out(found: newsroom.Sifted, path: Path, number: int, text: str, kind: str) -> None:
    """The line ``number``, saying ``text``, left out of the article as ``kind``: kept in ``found``, and told."""
    found.removed.append(text)
    _tell_left_out(path, number, text, kind)


def _tell_left_out(path: Path, number: int, text: str, kind: str) -> None:
    log.log(logging.WARNING if kind in _MAY_BE_TEXT else logging.INFO,
            "%s:%d: %s was left out of the text as %s; if it is the text's own, write the article as "
            "Markdown (.md, paragraphs parted by an empty line), which leaves out no line",
            path, number, quoted(text), kind)


def _no_article(path: Path, removed: list[str]) -> PaibanError:
    """The error for a text without an article's line: an empty file, or one of a web page's
    furniture alone (copied from around the article, not the article), named by its first lines."""
    if not removed:
        return PaibanError("the article is empty", file=path,
                           hint="Put the headline on the first line and the text below it.")
    named = ", ".join(removed[:2] + (["…"] if len(removed) > 2 else []))
    return PaibanError(f"every line is page junk ({len(removed)} line(s) dropped: {named})", file=path,
                       hint="Copy the article itself from the page: its headline, then its text.")


def _subheadings(paragraphs: list[str], blocks: list[int], regulation: bool, closes: list[range],
                 outline: set[int], standard: bool) -> set[int]:
    """The indices of the subheadings among ``paragraphs`` (:func:`is_subheading`, the ``outline``'s
    lines among them, its numbered lines judged alike: :func:`_numbered_alike`), but none of
    the lines that are the text's own however short: its own contents list (its 目录 line and the
    chapter lines under it: :func:`~paiban.novel.contents_list`), a transcript's speaker's lines
    (:func:`_spoken`), a screenplay's cues (:func:`_cues`, by the ``blocks`` the lines are in), a
    byline left in the text (作者：周一禾 under a lead of two lines: :func:`~.newsroom.is_byline`), a
    letter's ``closes`` (此致 / 敬礼！: :func:`~.verse.closing_lines`), in a ``regulation``
    (:func:`~paiban.novel.is_regulation`), its articles and their items (第五条　删除, （一）业主自治),
    and in a ``standard`` (:func:`_clauses`) the standards it refers to, a line each
    (GB/T 191　包装储运图示标志: :data:`_DESIGNATION`). Read as headings, the list listed every chapter
    twice, the first pointing at the list, a regulation's articles were listed among its chapters, a
    byline was a part of the text in the contents, a letter's 此致 over its 敬礼！ was a bold heading
    that print kept with the next page, a screenplay listed who speaks among its scenes, and a
    standard's one short reference between two long ones was listed among its clauses."""
    own = contents_list(paragraphs) | _spoken(paragraphs) | _cues(paragraphs, blocks, outline) | {
        index for close in closes for index in close} | {
        index for index, line in enumerate(paragraphs)
        if (regulation and _REGULATION_TEXT.match(line)) or (standard and _DESIGNATION.match(line))}
    found = {index for index in range(len(paragraphs)) if is_subheading(paragraphs, index, outline)}
    return {index for index in _numbered_alike(paragraphs, found) - own if not newsroom.is_byline(paragraphs[index])}


def _numbered_alike(paragraphs: list[str], subheadings: set[int]) -> set[int]:
    """``subheadings`` with the lines numbered as a list's items (:data:`_LIST_ITEM`) judged alike,
    form by form (1. and 1． one, 1、 another): those that could head a part (:func:`_may_head`, not
    the last line) all do where most of them are subheadings, standing alone between
    paragraphs (a report's 1. 项目进展, 2. 存在的问题), and none do where most stand beside short lines
    (a screenplay's 1. 日　内　咖啡馆 among its cues, a list's items). Judged one by one, only the
    second of a screenplay's three scenes was a subheading."""
    forms: dict[str, set[int]] = {}
    for index, line in enumerate(paragraphs[:-1]):
        if (match := _LIST_ITEM.match(line)) and _may_head(line):
            forms.setdefault(match["mark"].replace("．", "."), set()).add(index)
    alike = set(subheadings)
    for numbered in forms.values():
        alike = alike | numbered if 2 * len(numbered & subheadings) > len(numbered) else alike - numbered
    return alike


def _spoken(paragraphs: list[str]) -> set[int]:
    """The indices of the speaker's lines (:data:`_SPEAKER_LINE`) of a transcript or a play: a text
    whose speakers take turns (:func:`_take_turns`) and most of whose speaker's lines end a sentence.
    There a short one ending none (记者：后来呢, 主持人：请讲) is speech as the others are, where it
    was a subheading unless a short line stood beside it. Lines of one form are judged alike: a text
    whose lines of that form mostly end no sentence heads its parts with them (第一站：杭州). A
    chapter's or an outline's line (第一章：重逢) is no speaker's."""
    speakers = {index: match for index, line in enumerate(paragraphs)
                if (match := _SPEAKER_LINE.match(line)) and not _OUTLINE.match(line)}
    ended = sum(_ends_sentence(match.string) for match in speakers.values())
    turns = _take_turns([match["speaker"] for match in speakers.values()])
    return set(speakers) if turns and 2 * ended > len(speakers) else set()


def _take_turns(speakers: list[str]) -> bool:
    """Whether ``speakers``, the labels of a text's speaker's lines in their order, are people taking
    turns: each speaks more than once (记者, 王建国), or most lines answer the one before, as the one
    before that did (记者, 王建国, 记者, 王建国, 主持人, 王建国: a chair speaking once). A guide's or a
    recipe's labels are no speakers: its parts' (景点一：断桥, 景点二：苏堤), each used once, and the
    items under each (交通：…。 门票：…。) in a round of three or more. Its items, ending sentences,
    outnumbered its parts, and every part was taken for speech: the guide lost all its headings."""
    answers = sum(now == two_before != before
                  for two_before, before, now in zip(speakers, speakers[1:], speakers[2:], strict=False))
    return min(Counter(speakers).values(), default=0) > 1 or 2 * answers > len(speakers) - 2


def _cues(paragraphs: list[str], blocks: list[int], outline: set[int]) -> set[int]:
    """The indices of a screenplay's cues: a speaker's name alone on a line (:data:`_CUE`: 苏晴,
    老杨（V.O.）) right over the speech, in its block (no empty line between), where most such lines
    name a speaker who speaks again, two of them at least: a dialogue; a name speaking once there
    is a cue as the others are. A report's short line over its paragraph heads a part, each once,
    and so do the labels a report repeats in every part (:func:`_in_rounds`).
    Read as subheadings, a screenplay's cues were listed in the contents among its scenes, all but
    those ending in a bracket (老杨（V.O.）)."""
    found = {index: match["speaker"] for index, line in enumerate(paragraphs[:-1])
             if blocks[index] == blocks[index + 1] and index not in outline and (match := _CUE.match(line))}
    speakers = Counter(found.values())
    again = {index: speaker for index, speaker in found.items() if speakers[speaker] > 1}
    dialogue = len(set(again.values())) > 1 and 2 * len(again) > len(found)
    return set(found) if dialogue and not _in_rounds(again, blocks) else set()


def _in_rounds(labels: dict[int, str], blocks: list[int]) -> bool:
    """Whether ``labels`` (by the index of their line) are a report's, repeated in every part: they
    come round in one order, each once a round (思考, 练习 under every lesson; 背景, 做法, 成效 for every
    case; 材料, 做法 under every dish), and a round of two is set apart from the one before by other
    text (a lesson's title and text), where two speakers taking turns run on from one to the next
    (苏晴, 林远, 苏晴, 林远, each over its speech in the next block). A round of three or more may
    instead run on, each label opening a block of its own (背景, 做法, 成效, each over its paragraph):
    three speakers in turn in one block (老张, 老李, 小王, …) are a scene's cues, each speech right under
    the one before. Read as a screenplay's cues, the labels were paragraphs, every part of the report
    lost from the contents; read as a report's, every speaker's name was a subheading."""
    names = list(labels.values())
    order = list(dict.fromkeys(names))
    if names != order * (len(names) // len(order)):
        return False
    lines = list(labels)
    starts = lines[len(order)::len(order)]
    ends = lines[len(order) - 1:-1:len(order)]
    apart = not any(blocks[start] == blocks[end] or blocks[start - 1] == blocks[end]
                    for end, start in zip(ends, starts, strict=True))
    return apart or len(order) > 2 and all(blocks[line - 1] != blocks[line] for line in lines)


def is_subheading(paragraphs: list[str], index: int, outline: set[int]) -> bool:
    """A short line, not the last, that does not end a sentence, nor a clause (:func:`_may_head`),
    is a subheading; unless a line beside it is open too: a run of them is a list (a timetable, the
    stops of a route), and each item stays a paragraph; but a label in 【】 alone on its line
    (:data:`_LABEL_HEAD`: 【用法用量】) heads its part beside its value (一日3次) all the same, the value
    staying a paragraph beside it. A line of the ``outline`` (:func:`_outline`:
    一、 （一） 第三章 第二场 附录A, a standard's 4.1) is one even beside another (二、主要措施 then
    （一）加强组织领导, 卷二　江南 then 第一百零三章　归来, 4　要求 then 4.1　一般要求), and even ending
    in ？！…） (第三章　你是谁？), as long as it states nothing (ends in no 。，；：).
    A volume's closing line (第一卷 完), an official document's number (某局发〔2026〕7号) and a
    record's field, a notice's contact line or a patent's bibliographic line (电话：0838-2223333,
    IPC分类号：H05K 7/20, :data:`_FIELD`) are none.
    A note closing a line (王建国：十八年。【笑】) hides no sentence's end."""
    line = paragraphs[index]
    if (index == len(paragraphs) - 1 or VOLUME_END.match(line) or _DOCUMENT_NUMBER.match(line)
            or _FIELD.match(line)):
        return False
    if index in outline:
        return 0 < len(line) <= SUBHEADING_MAX and not line.endswith(_ENDS_STATEMENT)
    beside = (other for other in (index - 1, index + 1) if 0 <= other < len(paragraphs))
    return _may_head(line) and (bool(_LABEL_HEAD.match(line)) or not any(
        _short_and_open(paragraphs[other]) and other not in outline for other in beside))


def _outline(paragraphs: list[str], blocks: list[int], clauses: set[int]) -> set[int]:
    """The indices of the lines numbered as an outline's headings (:data:`_OUTLINE`) and of a
    standard's ``clauses``; but not a play's scene lines with their titles that stand beside one
    another in their block (:func:`_scene_list`, by the ``blocks`` the lines are in)."""
    outline = {index for index, line in enumerate(paragraphs) if _OUTLINE.match(line)}
    return outline - _scene_list(paragraphs, blocks) | clauses


def _scene_list(paragraphs: list[str], blocks: list[int]) -> set[int]:
    """The indices of the lines numbered as a play's scenes, each with its title (:data:`_TITLED_SCENE`),
    beside another of their kind in their block (by the ``blocks`` the lines are in): a list's items
    (a tournament's 第一场　中国队3比0胜泰国队 then 第二场　…, an opera schedule's 第三出　游园惊梦),
    where a play's scene line is over its text. Read as an outline's, each was a heading with nothing
    under it, and so was the line over the list. A play's first scene line after an empty line under
    its list of scenes opens the scene: taken for one more item, it was left out of the contents."""
    kinds = [match["kind"] if (match := _TITLED_SCENE.match(line)) else None for line in paragraphs]
    return {index for index, kind in enumerate(kinds)
            if kind and any(kinds[other] == kind and blocks[other] == blocks[index]
                            for other in (index - 1, index + 1) if 0 <= other < len(kinds))}


def _clauses(paragraphs: list[str]) -> set[int]:
    """The indices of the lines numbered as a standard's clauses (:data:`_CLAUSE`: 4　要求, 4.1　一般要求,
    A.1　试验设备), in a text whose clauses nest: a first subclause numbered under a clause before it
    (4.1 under 4, 4.2.1 under 4.2), as a standard numbers them. In another, a list numbered 1 苹果 and
    2 香蕉, or a line of a measure (3.5 米), is no outline, nor are a timetable's hours and half hours
    (8 集合, 8.30 出发) or a recipe's amounts (1 小勺盐, 1.5 个番茄), though a number of theirs is under
    another: taken for clauses, they were headings nested a level apart. Read as short lines, a
    standard's clause heading over its first subclause's heading (4　要求, 4.1　一般要求) was a list's
    item, most of its outline lost."""
    numbered = {index: match["number"] for index, line in enumerate(paragraphs) if (match := _CLAUSE.match(line))}
    before: set[str] = set()
    for number in numbered.values():
        parent, _, last = number.rpartition(".")
        if last == "1" and parent in before:
            return set(numbered)
        before.add(number)
    return set()


def _short_and_open(line: str) -> bool:
    return 0 < len(line) <= SUBHEADING_MAX and not _ends_sentence(line) and not _SCENE_BREAK.match(line)


def _may_head(line: str) -> bool:
    """Whether ``line`` could head a part: short and open (:func:`_short_and_open`), and ending no
    clause either (:data:`_ENDS_STATEMENT`: a song's 海上风来浪打浪，, an item's 苹果、), as no headline
    does. Such a line is open all the same, one of a run of lines (a poem's, a list's) beside it:
    judged closed, the line after it that ends nothing would stand alone and head a part.
    A line opening with a dash heads nothing: an epigraph's source (——题记) or a quotation's attribution
    (——摆渡人老周) closes what it stands under (set as subheadings, they were listed in the contents and
    the bookmarks). It is short and open beside that all the same: an epigraph's verse over its
    ——纳兰性德, judged alone, headed a part."""
    return _short_and_open(line) and not line.endswith(_ENDS_STATEMENT) and not line.startswith(DASHES)


def _ends_sentence(line: str) -> bool:
    """Whether ``line`` ends a sentence (:data:`_CLOSES_SENTENCE`), before the notes closing it
    (王建国：十八年。【笑】 ends one: it was a subheading) and a year in brackets closing it (康熙二十三年（1684年）
    ends none: a chronology's date line, a paragraph among its subheadings), or a list's item that the next
    one goes on (:data:`_JOINS_NEXT`: (b) 港鐵站出口的升降機；及, a subheading between its items)."""
    line = _BRACKETED_YEAR.sub("", _CLOSING_NOTES.sub("", line)) or line
    return line.endswith(_CLOSES_SENTENCE) or (line.endswith(_JOINING) and bool(_JOINS_NEXT.search(line)))


# The numbering of a Chinese outline's headings: 一、, under it （一） (一), a chapter's or a
# volume's line, numbered or not (第三章 第二节 卷二 上卷 楔子 番外一 尾声), a play's act or scene (第一幕,
# 第二场, an opera's 第一折 and 第三出), alone or before its title (第一场　海边), not a phrase's start
# (第一场雪), and an appendix's, named or numbered alone on its line (附录, 附錄, 附录一, a standard's
# 附录A or 附录 A). With its title after it (附录一　人物表) an appendix's line is as often an item of a
# list of the book's appendices, a short line as others are: read as an outline's, the list and the
# line over it (本书附录如下) were headings with nothing under them. A patent's parts and the sections of
# its description, named alone on their lines as the patent rules name them (摘要, 权利要求书, 说明书,
# 技术领域, 背景技术, 发明内容, 附图说明, 具体实施方式), are its outline too: a patent copied from a page
# stacks them (说明书 over 技术领域) or puts one under its bibliographic lines, and read as short lines
# beside short lines, they were a list's items, set as paragraphs.
_SECTION = r"[一二三四五六七八九十百]+、"
_SUBSECTION = r"[（(][一二三四五六七八九十百]+[）)]"
_PLAY = rf"第{NUMERAL}[幕场場折出](?={SEPARATOR}|$)"
_TITLED_SCENE = patterns.compile(rf"^第{NUMERAL}(?P<kind>[幕场場折出]){SEPARATOR}+\S")
_ANNEX = rf"附[录錄](?:\s?[A-Z]|{NUMERAL})?"
_PATENT_PART = (r"(?:[说說]明[书書])?摘要(?:附[图圖])?|[权權]利要求[书書]|[说說]明[书書](?:附[图圖])?|技[术術][领領]域"
                r"|背景技[术術]|(?:[发發]明|[实實]用新型)[内內]容|附[图圖][说說]明|具[体體][实實]施方式")
_OUTLINE = patterns.compile(rf"^(?:{_SECTION}|{_SUBSECTION}|{HEADING}|{_PLAY}|(?:{_ANNEX}|{_PATENT_PART})$)")
_ANNEX_LINE = patterns.compile(f"^{_ANNEX}$")
# The kind of a standard's annex, on the line under its 附录A (GB/T 1.1: （规范性）, （资料性）; older
# standards' （规范性附录）, （标准的附录）, （补充件）, （参考件）).
_ANNEX_KIND = patterns.compile(r"^[（(](?:[规規][范範]性|[资資]料性|[标標]准的|提示的|[补補]充件|[参參]考件)"
                               r"(?:附[录錄])?[）)]$")
# A label in 【】 alone on its line, as a drug label (说明书) heads its parts (【药品名称】, 【用法用量】), each
# over a value as short (通用名称：白芷素注射液, 2 mL：50 mg, 24个月): read as a list's items, half a label's
# heads stayed paragraphs. Not a time (【01:25】), a transcript's.
_LABEL_HEAD = patterns.compile(r"^【[^【】\d][^【】]*】$")
_SECTION_LINE = patterns.compile(f"^{_SECTION}")
_SUBSECTION_LINE = patterns.compile(f"^{_SUBSECTION}")


def _clause_number(depths: str) -> str:
    """A standard's clause number (GB/T 1.1) with ``depths`` numbers after its first (a quantifier):
    4, 4.1, 4.2.1, and an annex's A.1, A.2.1, whose letter has one at least."""
    return rf"(?:\d{{1,2}}|[A-Z](?=\.\d))(?:\.\d{{1,2}}){depths}"


# A clause's number opening its line, parted from its title by a space (4　要求, 4.2.1 容积偏差).
_CLAUSE_TITLE = r"[ \t\u3000]+(?=[^\s\d])"
_CLAUSE = patterns.compile(rf"^(?P<number>{_clause_number('*')}){_CLAUSE_TITLE}")
# A line numbered as a list's item or a report's part: 1. 2．3、, not 3.5米 (a number).
_LIST_ITEM = patterns.compile(r"^\d{1,3}\s*(?P<mark>[.．、])(?!\d)")
# A speaker: a name or a role of up to six characters (王建国, 记者, Q).
_SPEAKER = r"[^\s:：，,。！？、；;]{1,6}"
# A speaker speech recognition could not name, numbered: 说话人1, 发言人 2, Speaker 1.
_UNNAMED = r"(?:[说說][话話]人|[发發]言人|[讲講][话話]人|[发發]言者|[Ss]peaker|SPEAKER) ?\d{1,2}"
# A moment of a recording, as a transcript marks it, bracketed or not: [00:01:25], 00:01:25, (12:33), 【01:25】.
_TIME = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"
_TIMESTAMP = rf"[\[［(（【]?(?P<time>{_TIME})[\]］)）】]?"
# A screenplay's cue: a speaker alone on a line, then how the voice is heard, in brackets, if it is not
# seen speaking (苏晴, 老杨（V.O.）, 林远（画外音）).
_CUE = patterns.compile(r"^(?P<speaker>[^\s:：，,。！？、；;（()）]{1,6})(?:\s*[（(][^（()）]{1,12}[）)])?$")
# A speaker's line: a speaker, a colon and what is said (王建国：十八年。, 记者：后来呢, Q：…), after the
# moment it was said where a transcript marks it ([00:01:25] 问：后来呢, the speaker 问, not [00).
_SPEAKER_LINE = patterns.compile(rf"^(?:{_TIMESTAMP}\s*)?+(?P<speaker>{_UNNAMED}|{_SPEAKER})[：:]\s*\S")
# A speaker's label over what is said, as speech recognition exports a transcript (说话人1 00:00:05,
# 说话人 2 00:01:12, 赵德明 00:00:05).
_LABEL_LINE = patterns.compile(rf"^(?P<speaker>(?P<unnamed>{_UNNAMED})|{_SPEAKER}(?: \d{{1,2}})?)\s+{_TIMESTAMP}$")
# The notes closing a line of speech, a transcript's (【笑】, 【停顿】): what ends its sentence stands before them.
_CLOSING_NOTES = patterns.compile(r"(?:\s*【[^【】]*】)+$")
# A year in brackets closing a line, a chronology's date in its other count (康熙二十三年（1684年）,
# 1840年（道光二十年）, 秦王政二十六年（前221）): it closes no sentence, what stands before it may.
_BRACKETED_YEAR = patterns.compile(rf"\s*[（(][^（）()]{{0,6}}(?:(?:{NUMERAL}|元)年|前?\d{{3,4}})[）)]$")
# What a line of a standard's references opens with, the standard's designation: GB/T 191, GB 4706.1—2005,
# DB11/T 1234, T/CAS 115, ISO 9001:2015, IEC 60335-1, ISO/IEC 27001.
_DESIGNATION = patterns.compile(r"^(?:[A-Z]{1,6}\d{0,2}/)?[A-Z]{1,6}(?:/[A-Z])?\s?\d+(?:[.-]\d+)*(?:[—–:]\d{4})?"
                                r"(?=\s|$)")
# The words that join a list's item to the next, after the clause mark closing it: HK legislation's
# (b) …；及 and …；或, a mainland list's …；以及, an English one's …; and.
_JOINING = ("及", "或", "和", "以及", "或者", "and", "or")
_JOINS_NEXT = patterns.compile(rf"[；;]\s*(?:{'|'.join(_JOINING)})$")
# A regulation's article and the item under one (第五条　删除, （一）业主自治): its text, never its headings.
_REGULATION_TEXT = patterns.compile(rf"{ARTICLE.pattern}|^{_SUBSECTION}")
# The ranks of a text's numbered headings, highest first: an official document's 一、 over its （一）
# over its 1. over its （1）, as GB/T 9704 orders them, and a regulation's 编 over its 章 over its 节
# (第一编　通则, 第一章　总则, 第一节　一般规定).
_OUTLINE_RANKS = (_SECTION_LINE, _SUBSECTION_LINE, _LIST_ITEM, patterns.compile(r"^[（(]\d{1,3}[）)]"))
# A standard's clauses, by their depth (4, 4.1, 4.2.1, 4.2.3.1): the deepest rank takes the deeper ones
# too, HTML having six heading levels.
_CLAUSE_RANKS = tuple(patterns.compile(rf"^{_clause_number(depths)}{_CLAUSE_TITLE}")
                      for depths in ("{0}", "{1}", "{2}", "{3,}"))
_REGULATION_RANKS = (patterns.compile(f"^{VOLUME}"), patterns.compile(rf"^第{NUMERAL}章"),
                     patterns.compile(rf"^第{NUMERAL}[节節]"))
# An official document's number (发文字号), under its masthead: 某局发〔2026〕7号, 国办函[2026]12号.
_DOCUMENT_NUMBER = patterns.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［（(]\d{4}[〕\]］）)]\d{1,4}号$")
# A record's field, a label and its value: a notice's contact line (电话:0838-2223333, 咨询电话：12333,
# 地址：青川市人民路1号, 联系人：王老师), a patent's bibliographic line (申请号：CN…, 公开(公告)日：…,
# IPC分类号：H05K 7/20；G06F 1/20, 申请(专利权)人：…, 发明人：…, 专利代理机构：…). It heads nothing, though it
# ends no sentence: a patent's IPC line over its 申请人's, which ends in a bracket, was a subheading.
_FIELD = patterns.compile(r"^[A-Z]{0,4}[\u4e00-\u9fff]{0,4}(?:电话|電話|传真|傳真|手机|手機|地址|邮编|郵編|邮箱|郵箱"
                          r"|联系人|聯繫人|聯絡人|(?:申[请請]|公[开開告](?:[（(]公告[）)])?)[号號日]|分[类類][号號]"
                          r"|(?:申[请請](?:[（(][专專]利[权權][）)])?|[专專]利[权權]|[发發]明|[设設][计計]|代理)人"
                          r"|代理[机機][构構]|[优優]先[权權]日?)\s*[:：]\s*\S")


def _indent(line: str) -> int:
    """How far ``line`` is indented, in columns (a full-width space takes two, a tab four); a
    single space is no indentation, but a stray one."""
    if not line.startswith(INDENT):
        return 0
    return display_width(line[:len(line) - len(line.lstrip())].expandtabs(4))


def _headline(article: list[_Line]) -> tuple[str | None, str | None]:
    """The column and the title the first line gives; none when it is the text's first paragraph
    (long, ending a sentence, indented as a paragraph where the text after it is not, or a transcript's
    turn marked with its moment: :func:`_opens_transcript`), and the article is then titled by its file's name.
    Many texts indent every line, their headline too, and a centred headline is indented deeper than
    a paragraph: that indentation is no paragraph's."""
    line = article[0]
    text = punctuation.normalise(line.text)
    column, title = (match[1].strip(), match[2].strip() or match[1].strip()) if (match := _COLUMN.match(text)) \
        else (None, text)
    after = article[1].indent if len(article) > 1 else 0
    as_paragraph = 0 < line.indent <= PARAGRAPH_INDENT and after < line.indent
    if (as_paragraph or len(title) > newsroom.HEADLINE_MAX or title.endswith(_ENDS_STATEMENT)
            or _QUOTED_SENTENCE.search(title) or _opens_transcript(title, article)):
        return None, None
    return column, title


# A report's subtitle, which a feature's kicker and headline stand over: ——记青川市北坡小学教师林秋, ——…纪实.
_REPORTS = patterns.compile(r"(?:——|—|－－|――)\s*(?:记|記).*|.*(?:纪实|紀實|侧记|側記)")
# A person's name alone, which is no headline: the author's, under an essay's title.
_NAME_ALONE = patterns.compile(newsroom.NAME)


def _under_kicker(first: str, body: list[_Line], found: newsroom.Sifted) -> str | None:
    """The headline under a kicker (引题), when the ``first`` line, taken for the headline, is one
    (:func:`~paiban.titles.kicker_of`) over the lines of ``body``: the line under it is a headline too
    (:func:`_headline`, no dash opening it, no name alone) and a subtitle stands under that, the text after
    them, as a paper stacks them: 坚守三尺讲台三十年 / 山村里的“林妈妈” / ——记青川市北坡小学教师林秋. Read
    as it stood, the kicker was the title, the headline a paragraph and the subtitle a section's heading.
    A paper's it must be: the subtitle a report's (:data:`_REPORTS`), or the reporter's line or the
    dateline taken out of the lines above the text (in ``found``). A chapter's title over its epigraph
    (第一章　出发 / 人生若只如初见 / ——纳兰性德) and an essay's over its author's name and a dedication
    (我的母亲 / 林小川 / ——写在母亲节) have the same shape: read as a kicker, the title went over the
    column, the verse or the name the title. Without all that, the first line stays the headline and
    the next the text's: a kicker missed loses no line, a title mistaken is the contents' and the bookmarks'."""
    if (len(body) < 3 or not kicker_of(first) or body[0].text.startswith(DASHES)
            or _NAME_ALONE.fullmatch(body[0].text) or not subtitle_of(body[1].text, body[2].text)):
        return None
    if not (_REPORTS.fullmatch(body[1].text) or found.author or found.date or found.origin):
        return None
    column, headline = _headline(body)
    return headline if not column else None


def _opens_transcript(title: str, article: list[_Line]) -> bool:
    """Whether the first line, read as ``title``, is a transcript's turn marked with its moment: in
    brackets ([00:00:05] 问：…, (12:33) 采访者：…), which no headline opens with, or bare (00:01:25 问：…)
    where it is one of the turns of a transcript (:func:`_spoken`). A headline may open with a
    time, a word and a colon, the time of day it speaks of (07:30 早读：今天的三条新闻): taken for a
    turn, it was no title, and the article was titled by its file's name."""
    if not (turn := _SPEAKER_LINE.match(title)) or not turn["time"]:
        return False
    return turn.start("time") > 0 or 0 in _spoken([title, *(line.text for line in article[1:])])


def _body(lines: list[_Line], stanzas: dict[int, int]) -> str:
    """The body's markup: each line a paragraph, a subheading or a scene break; but the lines of
    a block (lines between empty ones) that is verse stay lines of one paragraph, set as a poem
    (:func:`~.verse.is_verse`, as a web page's lines broken with ``<br>`` are), each keeping how
    much deeper than the block's shallowest it was indented. Read line by line, a poem's lines
    ending in ，were subheadings and the others paragraphs indented as prose. Only a text that parts
    its blocks with empty lines has stanzas: in one that does not, each line is a paragraph.
    A letter's close written on two lines of a block (此致 / 敬礼！) is one paragraph broken after its
    opening words, as Markdown's hard break writes it: those indented, the wish at the margin, as a
    Chinese letter sets them. A signature pushed right (:func:`_signatures`) is set flush right, as
    HTML's ``<p align="right">`` is. A standard's annex heading on its lines (:func:`_annex_headings`)
    is one heading, broken as they are."""
    paragraphs = [line.text for line in lines]
    blocks = [[index for index, _ in grouped] for _, grouped in
              itertools.groupby(enumerate(lines), key=lambda pair: stanzas[pair[1].number])]
    verse = _verse_blocks([[lines[index] for index in block] for block in blocks], titled=False) \
        if len(blocks) > 1 else {}
    regulation = is_regulation(paragraphs)
    clauses = _clauses(paragraphs)
    line_blocks = [stanzas[line.number] for line in lines]
    outline = _outline(paragraphs, line_blocks, clauses)
    closes = closing_lines(paragraphs)
    subheadings = _subheadings(paragraphs, line_blocks, regulation, closes, outline,
                               standard=bool(clauses))
    level = _subheading_level([paragraphs[index] for index in subheadings], _REGULATION_RANKS if regulation
                              else _OUTLINE_RANKS + (_CLAUSE_RANKS if clauses else ()))
    annexes = _annex_headings(paragraphs, subheadings, outline)
    signature = _signatures(lines, closes)
    wishes = {close.start: close[-1] for close in closes if len(close) == 2 and close[-1] not in signature
              and stanzas[lines[close.start].number] == stanzas[lines[close[-1]].number]}
    joined = set(wishes.values()) | {index for heading in annexes.values() for index in heading[1:]}

    def element(index: int) -> etree._Element:
        text = paragraphs[index]
        if _SCENE_BREAK.match(text):
            return E.hr()
        if index in wishes:
            return E.p(text, E.br(), paragraphs[wishes[index]])
        if index in signature:
            return E.p(text, {"class": "align-right"})
        if index in annexes:
            return _broken(level(text), [paragraphs[line] for line in annexes[index]])
        return E(level(text), text) if index in subheadings else E.p(text)

    elements = []
    for number, block in enumerate(blocks):
        if (stanza := verse.get(number)) is not None:
            elements.append(stanza)
            continue
        elements.extend(element(index) for index in block if index not in joined)
    return "".join(etree.tostring(element, encoding="unicode") for element in elements)


# A letter's signature and date (落款: a name, a date, a place), pushed right with spaces as a
# plain-text letter sets them: at most this many lines, each at most this long, and indented at
# least this deeper than the text's shallowest line, in columns (eight full-width spaces: a
# paragraph is indented two).
_SIGNATURE_LINES, _SIGNATURE_LINE, _SIGNATURE_INDENT = 4, 30, 16
# What tells a signature closing a text under no letter's close (a notice's 某市某局 / 2026年3月5日)
# from a closing line centred as deep as it is pushed: a date, the year in figures, digit by digit
# in Chinese numerals or by the sexagenary cycle (2026年, 2024.3.5, 一九九〇年, 甲子年), or a month's
# day (3月5日夜, 五月四日, 腊月初八); or a writer's word of signing by a name (叩上, 敬上, 谨识于上海).
# A chapter's （本章完） or （未完待续）, a flourish (— 终 —), a line of verse have none of these.
_SIGNED = patterns.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4}|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])年"
                           r"|\d{4}[./-]\d|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十廿卅]{1,3})[日号號]"
                           r"|[正冬腊臘]月初?[一二三四五六七八九十廿卅]{1,3}"
                           r"|[敬谨謹拜叩][上启啓识識书書]|顿首|頓首")
# What GB/T 9704 puts under an official document's 落款: its 附注 in brackets (（此件公开发布）, （联系人：王明，
# 电话：…）) and its 版记, the copies (抄送：…, 抄报：…) and who printed it when (…办公室　2025年1月10日印发).
_DOCUMENT_FOOT = patterns.compile(r"^(?:[（(](?:此件|联系人|聯繫人|聯絡人)[^（）()]*[）)]"
                                  r"|抄[送报報][:：].*|.{0,40}印[发發])$")


def _signatures(lines: list[_Line], closes: list[range]) -> set[int]:
    """The indices of the lines of the text's signatures: runs of lines pushed right
    (:data:`_SIGNATURE_INDENT`) that stand right under a letter's ``closes``, a postscript (附：…,
    又及：…) under them, or that close the text, but for an official document's 附注 and 版记
    (:data:`_DOCUMENT_FOOT`), and are dated or signed (:data:`_SIGNED`). Their
    indentation read as a paragraph's, they were printed as paragraphs, at the paragraph indent.
    A text indented deep all through (centred) has none, and a line centred inside the text (a
    section's title) is none, nor is a line centred at its end that signs nothing: a chapter's
    （本章完）, a line of verse. Set flush right, a novel's every chapter ended in a signature's place."""
    shallowest = min((line.indent for line in lines), default=0)
    under_close = {close.stop for close in closes}
    found: set[int] = set()
    for pushed, run in itertools.groupby(range(len(lines)), key=lambda index: (
            lines[index].indent >= shallowest + _SIGNATURE_INDENT and len(lines[index].text) <= _SIGNATURE_LINE)):
        run = list(run)
        if not pushed or len(run) > _SIGNATURE_LINES:
            continue
        closes_text = all(_DOCUMENT_FOOT.match(line.text) for line in lines[run[-1] + 1:])
        if run[0] in under_close or (closes_text and any(_SIGNED.search(lines[index].text) for index in run)):
            found.update(run)
    return found


def _subheading_level(subheadings: list[str], ranks: tuple[re.Pattern, ...]) -> Callable[[str], str]:
    """The element of a subheading: ``h3``, a level lower for each of the ``ranks`` above its own
    that the text's ``subheadings`` hold, as an official document nests them (一、总体要求, under it
    （一）明确公开主体, under that 1. 加快5G网络建设, under that （1）推进千兆光网), a regulation
    does (第一编, under it 第一章, under that 第一节; a regulation without 编 heads its 章 with ``h3``)
    and a standard does (4　要求, 4.1　一般要求, 4.2.1　容积偏差), down to ``h6``, HTML's last. Read as
    one level, they flattened the outline; with the 1. and （1） unranked, those were set at the
    level of 一、, above the （一） they stand under."""
    held = [rank for rank in ranks if any(rank.match(text) for text in subheadings)]

    def level(text: str) -> str:
        depth = next((depth for depth, rank in enumerate(held) if rank.match(text)), 0)
        return f"h{min(FIRST_BODY_LEVEL + depth, 6)}"
    return level


def _annex_headings(paragraphs: list[str], subheadings: set[int], outline: set[int]) -> dict[int, range]:
    """The lines of each annex's heading as a standard sets it (GB/T 1.1), by its first: a subheading
    that is an appendix's line (附录A), the line under it naming its kind (（规范性）: :data:`_ANNEX_KIND`)
    and, where the line under that is short and opens no heading of its own, its title (容积测定方法,
    not A.1　试验设备). Read a line at a time, the kind was a paragraph and the title a heading
    beside the annex's, each in the contents."""
    found = {}
    for index in subheadings:
        if (_ANNEX_LINE.match(paragraphs[index]) and index + 1 < len(paragraphs)
                and _ANNEX_KIND.match(paragraphs[index + 1])):
            titled = index + 2 < len(paragraphs) and index + 2 not in outline and _short_and_open(paragraphs[index + 2])
            found[index] = range(index, index + 3 if titled else index + 2)
    return found


# The fewest lines of a stanza that stands alone: two short lines are as often a label and its
# text (内容简介 / 一个关于小镇的故事。) or a name and a date.
_STANZA_ALONE = 3
# The longest line of a stanza in a text file, shorter than a web page's (:data:`~.verse._VERSE_LINE`):
# a text cut into lines of 25 to 30 characters (copied out of a PDF) is prose, parted mid-sentence.
_STANZA_LINE = 24
# The fewest stanzas under a paragraph of prose opening a text that make the paragraph a poem's
# dedication or a collection's preface: one block of short lines under it is as often a press
# release's list (检查范围 / 屋邨内的载客电梯 / 港铁站出口的升降机).
_STANZAS_UNDER_FOREWORD = 2
# The most clauses of a dedication or a preface over a poem (谨以此诗献给…。, 这是我…写下的几首小诗，记录
# 四季的样子。): a notice's paragraph over its lists runs on longer (屋宇署今日提醒市民，本月起…，市民如
# 发现异常，请即通知管理处。), and its lists, read as stanzas under a dedication, were set as a poem.
_FOREWORD_CLAUSES = 2
_CLAUSE_END = patterns.compile(r"[，,；;]")


def _verse_blocks(blocks: list[list[_Line]], titled: bool) -> dict[int, etree._Element]:
    """The blocks that are stanzas, by their number, as paragraphs of lines (:func:`_stanza`): of
    at least :data:`_STANZA_ALONE` lines, or of two beside such a stanza (a poem's last couplet);
    none holding a line longer than :data:`_STANZA_LINE`, a heading's line (第一章, 一、) or a scene
    break; and only in a text mostly of verse (a poem, a collection of them, a poem and its note)
    with no paragraph of prose (:func:`_prose_paragraph`) below the title, which the first block
    holds where ``titled`` (a text file's headline is taken out before its blocks are judged), but
    the first under it before :data:`_STANZAS_UNDER_FOREWORD` stanzas or more, a sentence of
    :data:`_FOREWORD_CLAUSES` clauses at most: a poem's dedication (谨以此诗献给…。) or a collection's
    preface, read as a report's paragraph, made each of their lines a paragraph, their stanzas lost.
    A prose text's verse-shaped blocks are more often its furniture (a section's name, a title and
    a name) or its lines cut short, and a poem quoted in it stays lines of paragraphs, as before.
    Its first block passed over though it held no title, a press release's one paragraph of prose
    under its headline was not seen, and its ordinance's lines were set as a poem."""
    def stanza(block: list[_Line]) -> etree._Element | None:
        if len(block) < 2 or any(len(line.text) > _STANZA_LINE or _OUTLINE.match(line.text)
                                 or _SCENE_BREAK.match(line.text) for line in block):
            return None
        paragraph = _stanza(block)
        return paragraph if is_verse(paragraph) else None

    found = {number: paragraph for number, block in enumerate(blocks)
             if (paragraph := stanza(block)) is not None}
    found = {number: paragraph for number, paragraph in found.items()
             if len(blocks[number]) >= _STANZA_ALONE
             or any(len(blocks[beside]) >= _STANZA_ALONE for beside in (number - 1, number + 1) if beside in found)}
    verse_lines = sum(len(blocks[number]) for number in found)
    opening = 1 if titled else 0
    prose = [number for number in range(opening, len(blocks)) if _prose_paragraph(blocks[number])]
    foreword = (prose == [opening] and len(found) >= _STANZAS_UNDER_FOREWORD
                and len(_CLAUSE_END.findall(blocks[opening][0].text)) < _FOREWORD_CLAUSES)
    return found if 2 * verse_lines >= sum(map(len, blocks)) and (not prose or foreword) else {}


def stanzas_of(blocks: list[list[str]]) -> set[int]:
    """The numbers of the ``blocks`` (each its lines' texts, unindented) that are a poem's stanzas,
    by a text file's rule (:func:`_verse_blocks`): for a document typed a line to a paragraph, whose
    first block may hold its title (a Word document's is taken after its stanzas are joined)."""
    return set(_verse_blocks([[_Line(0, text, 0) for text in block] for block in blocks], titled=True))


# The shortest sentence that, a block by itself, is a paragraph of prose (主办方表示，明年还会继续举办。).
_SENTENCE = 12


def _prose_paragraph(block: list[_Line]) -> bool:
    """Whether ``block`` is a paragraph of prose: one line, a sentence of some length. A text with
    one below its title is prose, its short lines a report's, not a poem's."""
    return len(block) == 1 and len(block[0].text) >= _SENTENCE and block[0].text.endswith(tuple("。！？"))


def _stanza(lines: list[_Line]) -> etree._Element:
    """``lines`` as one paragraph, broken with ``<br>``; a line indented deeper than the shallowest
    keeps the difference, in full-width spaces."""
    shallowest = min(line.indent for line in lines)
    return _broken("p", ["\u3000" * ((line.indent - shallowest) // 2) + line.text for line in lines])


def _broken(tag: str, lines: list[str]) -> etree._Element:
    """An element of ``tag`` holding ``lines``, broken with ``<br>``."""
    element = E(tag, lines[0])
    for text in lines[1:]:
        element.append(E.br())
        element[-1].tail = text
    return element
