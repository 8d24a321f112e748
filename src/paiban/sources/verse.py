"""Verse written as lines of one paragraph, broken with ``<br>`` (in a web page, a Word document's
Shift+Enter, Markdown's hard breaks): told from a paragraph whose lines are paragraphs, and set
as a poem, every line at the margin, as ``::: poem`` sets it."""

from __future__ import annotations

import itertools
from copy import deepcopy

from lxml import etree
from lxml.html import defs

from .. import patterns
from ..chars import HAS_HAN
from ..units import CHINESE_UNITS
from ..xhtml import drop
from .wrapping import ENDS_SENTENCE

# A note's call (``<sup class="footnote-ref">``, the shape every format's notes are given), no words of a line.
_NOTE_CALL = ".//sup[contains(concat(' ', normalize-space(@class), ' '), ' footnote-ref ')]"
# Inline elements, which a line broken with <br> carries; any other ends the line.
INLINE = defs.phrase_tags | defs.font_style_tags | defs.special_inline_tags | {"mark", "ruby", "time"}
# A poem (``<div class="poem">``) and what is in it: its lines stay lines, and keep their indents.
POEM = "ancestor-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' poem ')]"
# A paragraph set flush right or centred (a 落款, ＊　＊　＊), or in such a block: its lines keep
# their alignment, which a poem's would override.
ALIGNED = " or ".join(f"ancestor-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
                      for name in ("align-right", "align-center"))
# An ingredient's amount, after a gap that parts it from the name (中筋面粉　500克, 土豆⇥2个, Word's
# tab being two full-width spaces, 盐　1/2小勺, 胡萝卜　半根, 葱花　适量, 盐、胡椒粉　各少许), in either
# script: a number, a fraction or 半, with its unit (:data:`units.CHINESE_UNITS`, or g, ml, ℃)
# and what it comes to in brackets (1杯（240毫升）), or a word that is an amount. Only a
# unit: a poem's 风吹过　半山腰, 等你　半生 or 初见　1998年 is no amount. Nor is a figure written in
# Chinese numerals: a poem's 三棵树 or 一只 after a gap.
_NUMBER = r"(?:[0-9０-９]+(?:[./．／][0-9０-９]+)?[½¼¾⅓⅔⅛]?|[½¼¾⅓⅔⅛]|半)"
_UNIT = "(?:{}|[A-Za-z]{{1,3}}|[℃%])".format("|".join(CHINESE_UNITS))
_AMOUNT = (rf"(?<=\S)\s+[约約各]?(?:{_NUMBER}(?:[-~～－—–至到]{_NUMBER})?{_UNIT}"
           r"(?:[（(][^（()）]*[）)])?|[适適]量|少[许許量]|若干|酌量)$")
# A line of a form, a list or an address, which poems have seldom and never many of: a form's
# label and value (姓名：张三; a poem's 妈妈说：天黑了 too, so one such line proves nothing), a
# numbered step or item (第一步, 1., （一）, ①), an address's figures (1号, 大街12, a postcode), a
# contents line's page number after its leaders (城市书店的夜晚…… 12), an ingredient list's name and
# amount (:data:`_AMOUNT`). Other figures are a poem's as much as prose's (那是1976年的春天, 24小时).
_NOT_VERSE = patterns.compile(r"^\S{1,6}[:：]\s*\S|^(?:第[一二三四五六七八九十百千]+[步条项点]"
                              r"|[一二三四五六七八九十]+、"
                              r"|[（(][一二三四五六七八九十]+[）)]|[\u2460-\u2473]|[0-9０-９]+[.、．)）])"
                              r"|[0-9０-９]+号|[路街道巷][0-9０-９]"
                              r"|(?<![0-9０-９])[0-9０-９]{6}(?![0-9０-９])"
                              r"|(?:…|\.{3}|·{3}|．{3})\s*[0-9０-９ivxIVX]+$"
                              rf"|{_AMOUNT}")
# A choice question's options, lettered in order (A．氢气, B.…, C、…, （D）…), each at the start of a
# line or after a gap on it (A．体积　　B．密度): an exercise's, never a poem's, however short its lines.
_OPTION = patterns.compile(r"(?:^|\s)(?:[（(]([A-H])[）)]|([A-H])[.．、])")
# A letter's closing formula (此致 / 敬礼！, 顺颂 / 商祺, 祝 / 身体健康！), in Simplified or
# Traditional characters: its opening words alone on a line, the wish on the next (any wish:
# 身体健康，万事如意！), or the opening words and a wish only letters send on one line (此致敬礼！,
# 即颂近安, 祝好). A poem's lines are not these (a bare 敬礼 may be), and the lines under them are
# the letter's signature.
_OPENING = (r"(?:此致|[特专專谨謹肃肅草]此|[此顺順即敬并並谨謹祗祇][颂頌]|[顺順即敬谨謹恭并並再遥遙]?祝[你您]?"
            r"|[顺順即][问問]|[顺順即]候|[敬恭][请請])[，,：:]?")
_WISH = (r"(?:(?<=祝)好|敬[礼禮]|[商时時春夏秋冬台臺钧鈞]祺|[近大教研文撰编編台臺钧鈞春夏秋冬暑日刻]安|年禧|冬[绥綏])"
         r"[!！。]?")
_OPENS_CLOSING, _CLOSING = patterns.compile(f"^{_OPENING}$"), patterns.compile(f"^{_OPENING}{_WISH}$")
# The longest line of verse (a line of prose ends a sentence: ENDS_SENTENCE).
_VERSE_LINE = 30
# A long sentence of prose (二、存在问题<br>一些地方工作落实不到位，需要进一步加强督促检查。): longer
# than a couplet written on one line (朝辞白帝彩云间，千里江陵一日还。), with a clause longer than
# verse runs unbroken (a modern poem's 卑鄙是卑鄙者的通行证，… has ten characters).
_PROSE_SENTENCE, _VERSE_CLAUSE = 20, 10
# A block one of whose lines in three or more is a long sentence of prose is prose: a run-in heading
# and its sentence (one of two), or one between a heading and a note (小结, the sentence, 附表).
# Free verse has its long line among more (one of four in a stanza, of six in a poem).
_PROSE_ONE_IN = 3
# What parts a line's clauses.
_CLAUSE_MARKS = patterns.compile(r"[，、；：。！？…—,;:!?\s]+")
# The longest line of a poem whose every line is a stanza of its own.
_STANZA_LINE = 12
# The white space of the markup around a line's words (a new line after <br>), and a line's indent.
_WRITTEN_SPACE = " \t\r\n"
_INDENT = patterns.compile(f"^([{_WRITTEN_SPACE}]*)(\u3000*)")


def empty_lines(block: etree._Element) -> int:
    """How many empty lines (``<br><br>``) ``block`` has."""
    return sum(not (br.tail or "").strip() and (after := br.getnext()) is not None and after.tag == "br"
               for br in block.iterchildren("br"))


def is_verse(block: etree._Element) -> bool:
    """Whether ``block``'s lines are a poem's, which Chinese pages indent line by line and part
    into stanzas as they do paragraphs: all short, at most half of them ending a sentence
    (床前明月光，/疑是地上霜。) and less than a third of them long sentences of prose
    (:func:`_is_prose`, :data:`_PROSE_ONE_IN`). Paragraphs of
    prose end theirs. A page's furniture and metadata lines (来源：…, 责任编辑：…, 分享到：…) are
    short too, and are no verse: the news rules must see them one by one. Nor are lines each
    parted from the next by an empty line, stanzas of one line being rare, unless all are very
    short and end no sentence; prose written without full stops is parted so. A poem is at least
    two lines, mostly of Chinese words, and no picture, nor mostly lines of a form, a list of
    steps or of ingredients or an address, nor a letter's close, nor a choice question's options
    (:func:`_poems_lines`), nor the signature under a paragraph that ends in one (此致<br>敬礼！,
    then 张三<br>五月一日)."""
    lines = element_lines(block)
    if len(lines) < 2 or block.find(".//img") is not None or not _poems_lines(lines):
        return False
    if closes_letter(_lines_before(block)):
        return False
    if empty_lines(block) >= len(lines) - 1 and not all(
            len(line) <= _STANZA_LINE and not line.endswith(ENDS_SENTENCE) for line in lines):
        return False
    if not (all(len(line) <= _VERSE_LINE for line in lines)
            and _PROSE_ONE_IN * sum(map(_is_prose, lines)) < len(lines)
            and 2 * sum(line.endswith(ENDS_SENTENCE) for line in lines) <= len(lines)):
        return False
    # The news rules last: their patterns take some 40 ms to compile, loaded for a verse-shaped block only.
    from . import newsroom

    return all(newsroom.judge(lines, newsroom.Sifted()))


def _is_prose(line: str) -> bool:
    """Whether ``line`` is a long sentence of prose (:data:`_PROSE_SENTENCE`), which a poem's
    lines seldom are, even where at most half of them end a sentence: a run-in heading and the
    sentence after it (二、存在问题<br>一些地方…检查。) were set as a poem of two lines."""
    return (len(line) > _PROSE_SENTENCE and line.endswith(ENDS_SENTENCE)
            and any(len(clause) > _VERSE_CLAUSE for clause in _CLAUSE_MARKS.split(line)))


def element_lines(block: etree._Element) -> list[str]:
    """The text of each line of ``block`` (:func:`split`), without a block inside it, nor a
    note's call: 梅花印。[1] ends its sentence as 梅花印。 does."""
    copy = deepcopy(block)
    for call in copy.xpath(_NOTE_CALL):
        drop(call)
    return ["".join(line.itertext()).strip() for line in split(copy) if line.tag == "p"]


def _lines_before(block: etree._Element) -> list[str]:
    """The last two lines of the paragraphs right before ``block``, written in one paragraph
    (此致<br>敬礼！) or two."""
    lines: list[str] = []
    previous = block.getprevious()
    while len(lines) < 2 and previous is not None and previous.tag == "p":
        lines[:0] = element_lines(previous)
        previous = previous.getprevious()
    return lines[-2:]


def _poems_lines(lines: list[str]) -> bool:
    """Whether ``lines`` could be a poem's: most of them Chinese words (a poem may have a line of
    English or of ……), at most half of them lines of a form, a list (of steps, of ingredients) or
    an address (:data:`_NOT_VERSE`), none a letter's closing formula (:func:`closes_letter`) nor
    the ``:::`` line of a Markdown block paiban does not read (printed as written, a line of its
    own, with its text: ``::: tip 提示``), and no choice question's options (:func:`lists_options`).
    One line of a form or a list is no proof: a poem has its 1976年, its 妈妈说：, its I love you."""
    chinese = sum(bool(HAS_HAN.search(line)) for line in lines)
    listed = sum(bool(_NOT_VERSE.search(line)) for line in lines)
    return (2 * chinese > len(lines) and 2 * listed <= len(lines) and not closes_letter(lines)
            and not any(line.startswith(":::") for line in lines) and not lists_options(lines))


def lists_options(lines: list[str]) -> bool:
    """Whether ``lines`` hold a choice question's options (:data:`_OPTION`): letters from A on,
    each the one after the last or a new question's A, B among them. A stem and its options on
    lines of their own (Markdown's hard breaks, Word's Shift+Enter) are short lines that end no
    sentence, and were set as a poem, apart from the questions around them."""
    letters = [match[1] or match[2] for line in lines for match in _OPTION.finditer(line)]
    return (letters[:1] == ["A"] and "B" in letters
            and all(letter in ("A", chr(ord(last) + 1)) for last, letter in itertools.pairwise(letters)))


def closes_letter(lines: list[str]) -> bool:
    """Whether ``lines`` hold a letter's close (:func:`closing_lines`): a letter's close is written
    line by line as a poem is, and is prose, its signature under it."""
    return bool(closing_lines(lines))


# Longer than any line a letter's closing formula's patterns match (顺祝您：商祺！ has seven
# characters): a longer line is tried by none.
_CLOSE_LINE = 12


def closing_lines(lines: list[str]) -> list[range]:
    """The lines of each letter's close among ``lines``, by their indices: a closing formula on a
    line (:data:`_CLOSING`: 此致敬礼！, 即颂近安, or 此致⏎敬礼！ that Markdown prints on one line),
    or its opening words (此致, 祝) on a line and the wish on the next (敬礼！, 身体健康，万事如意！)."""
    found: list[range] = []
    for index, line in enumerate(lines):
        if len(line) > _CLOSE_LINE or (found and index in found[-1]):
            continue
        line = "".join(line.split())
        if _CLOSING.match(line):
            found.append(range(index, index + 1))
        elif _OPENS_CLOSING.match(line) and index < len(lines) - 1:
            found.append(range(index, index + 2))
    return found


def split(block: etree._Element) -> list[etree._Element]:
    """``block``'s content cut at its ``<br>`` into paragraphs of its text and inline markup; a
    block inside it (a heading, a table) stays as it is, and an empty line goes."""
    parts = [block.makeelement("p")]
    parts[-1].text = block.text
    for child in list(block):
        if child.tag != "br" and (child.tag in INLINE or not isinstance(child.tag, str)):
            parts[-1].append(child)
            continue
        tail, child.tail = child.tail, None
        if child.tag != "br":
            parts.append(child)
        parts.append(block.makeelement("p"))
        parts[-1].text = tail
    return [part for part in parts
            if part.tag != "p" or "".join(part.itertext()).strip() or part.find(".//img") is not None]


def set_as_poems(root: etree._Element) -> None:
    """Each paragraph of verse outside a poem put in one (``<div class="poem">``), so every line
    starts at the margin; set as prose, its first line alone was indented, like a staircase.
    A paragraph of verse right after one is the same poem's next stanza, set a line below it
    (in a poem of its own, it ran on with no gap). An aligned paragraph (:data:`ALIGNED`) stays
    as it is, a signature's lines being no poem's. The readers leave a paragraph broken with
    ``<br>`` its first line's full-width indent, for the indent its lines share to be told
    (:func:`_drop_shared_indent`); a paragraph that is no poem loses it here, as prose's (the
    stylesheet indents prose), but in a table's cell, whose text keeps what the reader kept of it."""
    for paragraph in [p for p in root.iter("p") if p.find("br") is not None and not p.xpath(POEM)]:
        if not paragraph.xpath(ALIGNED) and is_verse(paragraph):
            _drop_shared_indent(paragraph)
            poem = paragraph.getprevious()
            if poem is None or poem.get("class") != "poem" or (poem.tail or "").strip():
                poem = paragraph.makeelement("div", {"class": "poem"})
                paragraph.addprevious(poem)
            poem.tail, paragraph.tail = paragraph.tail, None
            poem.append(paragraph)
        elif next(paragraph.iterancestors("td", "th"), None) is None:
            _drop_first_indent(paragraph)


def _drop_first_indent(paragraph: etree._Element) -> None:
    """Take off the full-width spaces that indent ``paragraph``'s first line, a paragraph of prose's."""
    holder, attribute = _line_start(paragraph, "text", paragraph[0])
    setattr(holder, attribute, (getattr(holder, attribute) or "").lstrip(_WRITTEN_SPACE).lstrip("\u3000"))


def _drop_shared_indent(paragraph: etree._Element) -> None:
    """Take off the full-width spaces that indent every line of ``paragraph``: a page indents a
    poem line by line (every line 　　, or lines in turn deeper and shallower). The lines' indents
    beyond the shared one are the poem's own, and stay: a couplet's second line, 　　主必嗤笑他们。,
    under a first at the margin. A line's indent may be inside the inline element it opens with (a
    poem in a <b>, each line a copy of it: <br><b>　　处处闻啼鸟。</b>)."""
    first = [_line_start(paragraph, "text", paragraph[0])] if _opens_paragraph(paragraph) else []
    starts = first + [_line_start(br, "tail", br.getnext()) for br in paragraph.iterchildren("br") if _opens_line(br)]
    indents = [len(_INDENT.match(getattr(holder, attribute) or "")[2]) for holder, attribute in starts]
    shared = min(indents, default=0)
    for holder, attribute in starts:
        text = getattr(holder, attribute) or ""
        written = _INDENT.match(text)[1]
        setattr(holder, attribute, written + text[len(written) + shared:])


def _line_start(holder: etree._Element, attribute: str, after: etree._Element | None) -> tuple[etree._Element, str]:
    """Where a line's words start: ``holder``'s ``attribute`` (a paragraph's text, a ``<br>``'s
    tail), or, where that is white space alone, the text of the inline element ``after`` it."""
    if not (getattr(holder, attribute) or "").strip() and after is not None and after.tag in INLINE - {"br"}:
        return after, "text"
    return holder, attribute


def _opens_paragraph(paragraph: etree._Element) -> bool:
    """Whether ``paragraph``'s first line has words: not an empty one, a ``<br>`` first in it."""
    return bool((paragraph.text or "").strip()) or paragraph[0].tag != "br"


def _opens_line(br: etree._Element) -> bool:
    """Whether a line with words follows ``br``: not an empty line (``<br><br>``), nor the paragraph's end."""
    after = br.getnext()
    return bool((br.tail or "").strip()) or (after is not None and after.tag != "br")

