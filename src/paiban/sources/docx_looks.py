"""Headings a .docx shows only by their type: a contributor sets the headline in big type (二号,
22 pt, or bold and centred) and the section heads a size or two up from the text, and gives none
of them a Heading style. mammoth reads styles, not sizes: the headline was a paragraph (the
article titled after its file name, the headline printed again under it) and the section heads
were text.

Only a document with no heading of Word's kind (a Heading, Title or Subtitle style, an outline
level) is read so: one that has them says which its headings are. The text's own size is the
size most of its characters are set in. The document's opening, its paragraphs before the first
of its text proper (a sentence, or longer than a head), is its masthead: a label (内部资料), a
公文's 发文机关标志 (……文件) and 发文字号, the headline, a subtitle (——记……), the author's line.
The headline is the first paragraph, set apart (larger, or bold and centred), when it is the
opening's largest, short, ending no sentence, and set in no colour (a 红头); a second line at its
size (a long title typed on two lines) is joined to it, unless it is the subtitle (——记……), which
the reader takes as the article's. What GB/T 9704 sets above a 公文's title
(份号, 密级, 紧急程度, its 红头 over its 发文字号 and 签发人) and an attachment's label (附件1) are
passed over to find it, the title moved above them (they stay paragraphs), as it is when Word's
Title style marks it. A section head, after the opening, is
short, ends no sentence, clause, question, quotation or trailing thought (a pull quote, an
interview's questions, whose speaker's label it may open with), opens no quotation or epigraph's
source (——题记), is no list's item, is not set flush right (a letter's signature and date), is set
larger than the text in all of it, and is followed by a paragraph of text (or a head of the level
below it: 2 研究方法 right above 2.1 数据来源): not by a table (its caption, 表1 ……), nor by nothing
(a closing signature); nor is it beside another such line of its size (a poem's, an epigraph's).
The section heads' sizes, largest first, are their levels; a document where they are more than
one paragraph in three is one set in many sizes, and has none.
"""

from __future__ import annotations

import itertools
from collections import Counter

from .. import patterns
from ..titles import subtitle_of
from .docx_structure import HEADING_STYLE, MEANINGFUL_STYLE, OFF, W, inherited, use_style, xpath
from .newsroom import HEADLINE_MAX

_HEAD_MAX = 40  # characters: a section head is shorter than a headline
_ENDS_TEXT = tuple("。，；：、,;:")  # a headline may ask (……为何？); a section head may not:
_ENDS_QUESTION = tuple("？！?!")  # an interview sets its questions apart as much
# A section head neither ends as a quotation, a trailing thought or an English sentence does (a
# pull quote, a closing line) nor opens as a quotation or an epigraph's source (——题记) does.
_ENDS_QUOTED = ("”", "」", "』", "…", ".", '"')
_OPENS_QUOTED = ("“", "「", "『", "—", '"')
# An interview's speaker (记者：请谈谈……), set apart as its questions are.
_SPEAKER = patterns.compile(r"^(?:问|答|记者|主持人|Q|A)\s*[：:]")
# A 公文's 发文机关标志 (……文件), its masthead's largest line above its title: no title of its own.
_ISSUER = "文件"
# What GB/T 9704 sets above a 公文's title besides its 发文机关标志, and an attachment's label: a line
# of 份号 (000001), 密级 and 保密期限 (秘密★1年), 紧急程度 (特急); a 发文字号 (某局发〔2026〕3号),
# the 签发人 beside it or alone; 附件1. None is any other document's line.
_RANKS = r"(?:\d{6}|(?:绝密|机密|秘密)(?:\s*★\s*[^\s★]{1,6})?|特急|加急|特提|平急)"
_SIGNER = r"签发人\s*[：:]\s*\S.{0,30}"
_GONGWEN_MARK = patterns.compile(
    rf"{_RANKS}(?:\s+{_RANKS})*|\S{{1,20}}?[〔［\[（(]\s*\d{{4}}\s*[〕］\]）)]\s*\d{{1,4}}\s*号(?:\s*{_SIGNER})?"
    rf"|{_SIGNER}|附件\s*[\d一二三四五六七八九十]{{0,3}}\s*[：:]?")
# The styles mammoth makes an ``h1`` of (Word's own and :data:`.docx_structure.STYLE_MAP`'s): the reader's title.
_TITLE_STYLE = patterns.compile(r"(?i)^(?:(?:paiban )?heading ?1|title)$")
_LARGER = 2  # half-points: a heading is set at least a point larger than the text
_WORD_SIZE = 20  # half-points (10 pt): Word's size where a document sets none
_RUNS = "./w:r[w:t] | ./w:hyperlink/w:r[w:t] | ./w:ins/w:r[w:t] | ./w:smartTag/w:r[w:t]"


def mark(document) -> None:
    """Give the paragraphs of the python-docx ``document`` that are headings by their type alone
    (see the module) the heading style of their level, which mammoth maps to ``h1`` ``h2`` ``h3``;
    the headline's ``h1``, opening the document, is the article's title."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = {style.style_id: style for style in document.styles if style.type == WD_STYLE_TYPE.PARAGRAPH}
    look = _Look(document, styles, document.styles.default(WD_STYLE_TYPE.PARAGRAPH))
    body = document.element.body
    blocks = [block for block in body.iterchildren(f"{W}p", f"{W}tbl") if block.tag != f"{W}p" or look.text(block)]
    above = _above_title(look, blocks)
    blocks = blocks[len(above):]
    if any(MEANINGFUL_STYLE.match(look.style_name(paragraph)) for paragraph in body.iter(f"{W}p")):
        if blocks and blocks[0].tag == f"{W}p" and _TITLE_STYLE.match(look.style_name(blocks[0])):
            _put_first(blocks[:1], above)
        return
    found = _headings(look, blocks)
    title = [paragraph for paragraph, level in found.items() if level == 1]
    _put_first(title, above)
    for line in title[1:]:  # a title typed on two lines (Enter in a long 公文 title): one title
        title[0].extend(xpath(line, _RUNS))
        line.getparent().remove(line)
        del found[line]
    for paragraph, level in found.items():
        paragraph.style = use_style(document, HEADING_STYLE.format(level))


def _above_title(look: _Look, blocks: list) -> list:
    """The paragraphs opening ``blocks`` that a 公文 sets above its title (:data:`_GONGWEN_MARK`),
    passed over to find it, its 红头 (a line in colour, or one ending 文件) among them only where
    one of the others comes after it, as its 发文字号 does: a red headline, or one ending 文件,
    with its subtitle under it is no 公文, and the subtitle no title."""
    above = []
    for block in blocks:
        if block.tag != f"{W}p" or not (_GONGWEN_MARK.fullmatch(look.text(block)) or look.issuer(block)):
            break
        above.append(block)
    while above and not _GONGWEN_MARK.fullmatch(look.text(above[-1])):
        above.pop()
    return above


def _put_first(title: list, above: list) -> None:
    """The ``title``'s lines moved over the 公文's lines ``above`` it, which stay paragraphs: the
    reader takes a title only where it opens the document."""
    for line in title if above else ():
        above[0].addprevious(line)


def _headings(look: _Look, blocks: list) -> dict:
    """The level of each paragraph among ``blocks`` (the body's paragraphs holding text and its
    tables, in order) that is a heading: 1 for the headline, 2 and 3 for section heads."""
    paragraphs = [block for block in blocks if block.tag == f"{W}p"]
    if not paragraphs:
        return {}
    characters: Counter[int] = Counter()
    for paragraph in paragraphs:
        for run in look.runs(paragraph):
            characters[look.size(paragraph, run)] += len(look.text(run))
    text_size = characters.most_common(1)[0][0]
    opening = list(itertools.takewhile(lambda block: not look.text_proper(block, text_size), blocks))
    found = {}
    first = opening[0] if opening else None
    largest = max(map(look.smallest, opening), default=0)
    if first is not None and look.apart(first, text_size) and look.smallest(first) == largest \
            and look.headline(first) and not look.issuer(first):
        for line in itertools.takewhile(lambda block: look.smallest(block) == largest and look.headline(block)
                                        and (block is first or not subtitle_of(look.text(block))),
                                        opening):  # a title typed on two lines, but not its subtitle (——记……)
            found[line] = 1
    rest = blocks[len(opening):]
    candidates = {block for block in rest if block.tag == f"{W}p" and look.head(block, text_size)}

    def beside(block, paragraph, larger: bool) -> bool:
        """Whether ``block``, beside a head, leaves it one: text, or a head of the level above it
        (``larger``, before it) or below it (after it: 2 研究方法 right above 2.1 数据来源)."""
        if block.tag != f"{W}p" or not look.apart(block, text_size):
            return True
        return block in candidates and (look.smallest(block) > look.smallest(paragraph)) == larger \
            and look.smallest(block) != look.smallest(paragraph)

    heads = [paragraph for before, paragraph, after in zip(rest, rest[1:], rest[2:], strict=False)
             if paragraph in candidates and after.tag == f"{W}p"
             and beside(before, paragraph, larger=True) and beside(after, paragraph, larger=False)]
    if len(heads) * 3 > len(paragraphs):
        return found
    sizes = sorted({look.smallest(head) for head in heads}, reverse=True)
    return found | {head: min(2 + sizes.index(look.smallest(head)), 3) for head in heads}


class _Look:
    """How a document's paragraphs are set: each run's size (half-points) and weight, as the run
    sets them, else its character style, else its paragraph's style, else the document's defaults."""

    def __init__(self, document, paragraph_styles: dict, default):
        self._paragraph_styles, self._default = paragraph_styles, default
        self._styles = {style.style_id: style for style in document.styles}
        self._defaults = {name: _value(xpath(document.styles.element, f"./w:docDefaults/w:rPrDefault/w:rPr/w:{name}"))
                          for name in ("sz", "b", "color")}
        # Each paragraph's and run's text, and each paragraph's runs, read once: every rule asks again.
        self._texts: dict = {}
        self._runs: dict = {}

    def style_name(self, paragraph) -> str:
        style = self._style(paragraph)
        return (style.name or "") if style is not None else ""

    def text(self, element) -> str:
        """The text of a paragraph's runs, or of a run."""
        if element not in self._texts:
            self._texts[element] = "".join(xpath(element, f"({_RUNS})/w:t/text() | ./w:t/text()")).strip()
        return self._texts[element]

    def runs(self, paragraph) -> list:
        """The runs holding more than spaces."""
        if paragraph not in self._runs:
            self._runs[paragraph] = [run for run in xpath(paragraph, _RUNS) if self.text(run)]
        return self._runs[paragraph]

    def size(self, paragraph, run) -> int:
        written = self._property(paragraph, run, "sz")
        return int(written) if written and written.isdigit() else _WORD_SIZE

    def smallest(self, paragraph) -> int:
        return min(self.size(paragraph, run) for run in self.runs(paragraph))

    def text_proper(self, block, text_size: int) -> bool:
        """A paragraph of the text, which ends the opening: not set apart, and a sentence or longer
        than a head (a table too): a 发文字号 or a label at the text's size is of the masthead."""
        if block.tag != f"{W}p":
            return True
        text = self.text(block)
        return not self.apart(block, text_size) and (
            len(text) > _HEAD_MAX or text.endswith(_ENDS_TEXT + _ENDS_QUESTION + _ENDS_QUOTED))

    def issuer(self, paragraph) -> bool:
        """A 公文's 发文机关标志 (红头), which no headline is: set in a colour, or ending 文件."""
        return self.text(paragraph).endswith(_ISSUER) or any(
            self._property(paragraph, run, "color") not in (None, "auto", "000000") for run in self.runs(paragraph))

    def apart(self, paragraph, text_size: int) -> bool:
        """Set apart from the text: all of it larger, or bold and centred."""
        bold = all(self._property(paragraph, run, "b") not in (None, *OFF) for run in self.runs(paragraph))
        return self.smallest(paragraph) >= text_size + _LARGER or (bold and self._aligned(paragraph) == "center")

    def headline(self, paragraph) -> bool:
        """Short, no sentence, no list's item (the opening's largest, set apart: see the caller)."""
        return self._short(paragraph, HEADLINE_MAX, _ENDS_TEXT)

    def head(self, paragraph, text_size: int) -> bool:
        """Short, no sentence or question, no list's item, not flush right, and larger than the text."""
        return (self._short(paragraph, _HEAD_MAX, _ENDS_TEXT + _ENDS_QUESTION + _ENDS_QUOTED)
                and not self.text(paragraph).startswith(_OPENS_QUOTED) and not _SPEAKER.match(self.text(paragraph))
                and self._aligned(paragraph) not in ("right", "end")
                and self.smallest(paragraph) >= text_size + _LARGER)

    def _short(self, paragraph, longest: int, ends: tuple[str, ...]) -> bool:
        text = self.text(paragraph)
        numbered = "./w:pPr/w:numPr/w:numId[@w:val!='0']"
        return (len(text) <= longest and not text.endswith(ends)
                and not (xpath(paragraph, numbered) or inherited(self._style(paragraph), numbered)))

    def _aligned(self, paragraph) -> str:
        aligned = "string(./w:pPr/w:jc/@w:val)"
        return xpath(paragraph, aligned) or inherited(self._style(paragraph), aligned)

    def _property(self, paragraph, run, name: str) -> str | None:
        """The value of run property ``name`` (``sz``, ``b``) where it is set first (see the class);
        an element written without a value is on (``<w:b/>``); ``None``, set nowhere."""
        path = f"./w:rPr/w:{name}"
        character_style = self._styles.get(xpath(run, "string(./w:rPr/w:rStyle/@w:val)"))
        found = xpath(run, path) or inherited(character_style, path) or inherited(self._style(paragraph), path)
        return _value(found) if found else self._defaults[name]

    def _style(self, paragraph):
        return self._paragraph_styles.get(paragraph.style) if paragraph.style else self._default


def _value(elements: list) -> str | None:
    """The ``w:val`` of the first of ``elements``: "on" for one written without it, ``None`` for none."""
    return elements[0].get(f"{W}val", "on") if elements else None
