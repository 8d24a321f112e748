"""Headings a .docx shows only by their type: a contributor sets the headline in big type (二号,
22 pt, or bold and centred) and the section heads a size or two up from the text, and gives none
of them a Heading style. mammoth reads styles, not sizes: the headline was a paragraph (the
article titled after its file name, the headline printed again under it) and the section heads
were text.

Only a document with no heading of Word's kind (a Heading, Title or Subtitle style, an outline
level) is read so: one that has them says which its headings are. The text's own size is the
size most of its characters are set in. The document's opening, the paragraphs set apart (larger,
or bold and centred) before its first of text, is its masthead: a label (内部资料), the headline,
a subtitle (——记……), the author's line. The headline is the first paragraph, when it is the
opening's largest: short, ending no sentence. A section head, after the opening, is short, ends
no sentence, clause or question (an interview's questions are set apart too), is no list's item,
is not set flush right (a letter's signature and date), is set larger than the text in all of
it, and is followed by a paragraph of text: not by a table (its caption, 表1 ……), nor by nothing
(a closing signature); nor is it beside another such line (a poem's, an epigraph's). The section heads'
sizes, largest first, are their levels; a document where they are more than one paragraph in
three is one set in many sizes, and has none.
"""

from __future__ import annotations

import itertools
from collections import Counter

from .. import patterns
from .docx_structure import HEADING_STYLE, inherited, use_style, xpath
from .newsroom import HEADLINE_MAX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Styles that say what a paragraph is, after docx_structure.mark gave outline levels theirs.
_HEADING = patterns.compile(r"(?i)^(?:(?:paiban )?heading ?\d|title|subtitle)$")
_HEAD_MAX = 40  # characters: a section head is shorter than a headline
_ENDS_TEXT = tuple("。，；：、,;:")  # a headline may ask (……为何？); a section head may not:
_ENDS_QUESTION = tuple("？！?!")  # an interview sets its questions apart as much
_LARGER = 2  # half-points: a heading is set at least a point larger than the text
_WORD_SIZE = 20  # half-points (10 pt): Word's size where a document sets none
_RUNS = "./w:r[w:t] | ./w:hyperlink/w:r[w:t] | ./w:ins/w:r[w:t] | ./w:smartTag/w:r[w:t]"
_OFF = {"0", "false", "off"}


def mark(document) -> None:
    """Give the paragraphs of the python-docx ``document`` that are headings by their type alone
    (see the module) the heading style of their level, which mammoth maps to ``h1`` ``h2`` ``h3``;
    the headline's ``h1``, opening the document, is the article's title."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = {style.style_id: style for style in document.styles if style.type == WD_STYLE_TYPE.PARAGRAPH}
    look = _Look(document, styles, document.styles.default(WD_STYLE_TYPE.PARAGRAPH))
    body = document.element.body
    if any(_HEADING.match(look.style_name(paragraph)) for paragraph in body.iter(f"{_W}p")):
        return
    blocks = [block for block in body.iterchildren(f"{_W}p", f"{_W}tbl") if block.tag != f"{_W}p" or look.text(block)]
    for paragraph, level in _headings(look, blocks).items():
        paragraph.style = use_style(document, HEADING_STYLE.format(level))


def _headings(look: _Look, blocks: list) -> dict:
    """The level of each paragraph among ``blocks`` (the body's paragraphs holding text and its
    tables, in order) that is a heading: 1 for the headline, 2 and 3 for section heads."""
    paragraphs = [block for block in blocks if block.tag == f"{_W}p"]
    if not paragraphs:
        return {}
    characters: Counter[int] = Counter()
    for paragraph in paragraphs:
        for run in look.runs(paragraph):
            characters[look.size(paragraph, run)] += len(look.text(run))
    text_size = characters.most_common(1)[0][0]
    opening = list(itertools.takewhile(lambda block: block.tag == f"{_W}p" and look.apart(block, text_size), blocks))
    found = {}
    if opening and look.smallest(opening[0]) == max(map(look.smallest, opening)) and look.headline(opening[0]):
        found[opening[0]] = 1
    rest = blocks[len(opening):]
    heads = [paragraph for before, paragraph, after in zip(rest, rest[1:], rest[2:], strict=False)
             if paragraph.tag == f"{_W}p" and look.head(paragraph, text_size)
             and not (before.tag == f"{_W}p" and look.apart(before, text_size))
             and after.tag == f"{_W}p" and not look.apart(after, text_size)]
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
                          for name in ("sz", "b")}

    def style_name(self, paragraph) -> str:
        style = self._style(paragraph)
        return (style.name or "") if style is not None else ""

    @staticmethod
    def text(element) -> str:
        """The text of a paragraph's runs, or of a run."""
        return "".join(xpath(element, f"({_RUNS})/w:t/text() | ./w:t/text()")).strip()

    def runs(self, paragraph) -> list:
        """The runs holding more than spaces."""
        return [run for run in xpath(paragraph, _RUNS) if self.text(run)]

    def size(self, paragraph, run) -> int:
        written = self._property(paragraph, run, "sz")
        return int(written) if written and written.isdigit() else _WORD_SIZE

    def smallest(self, paragraph) -> int:
        return min(self.size(paragraph, run) for run in self.runs(paragraph))

    def apart(self, paragraph, text_size: int) -> bool:
        """Set apart from the text: all of it larger, or bold and centred."""
        bold = all(self._property(paragraph, run, "b") not in (None, *_OFF) for run in self.runs(paragraph))
        return self.smallest(paragraph) >= text_size + _LARGER or (bold and self._aligned(paragraph) == "center")

    def headline(self, paragraph) -> bool:
        """Short, no sentence, no list's item (the opening's largest, set apart: see the caller)."""
        return self._short(paragraph, HEADLINE_MAX, _ENDS_TEXT)

    def head(self, paragraph, text_size: int) -> bool:
        """Short, no sentence or question, no list's item, not flush right, and larger than the text."""
        return (self._short(paragraph, _HEAD_MAX, _ENDS_TEXT + _ENDS_QUESTION)
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
    return elements[0].get(f"{_W}val", "on") if elements else None
