"""Headings a .docx shows only by their type: a contributor sets the headline in big type (二号,
22 pt, or bold and centred) and the section heads a size or two up from the text, and gives none
of them a Heading style. mammoth reads styles, not sizes: the headline was a paragraph (the
article titled after its file name, the headline printed again under it) and the section heads
were text.

Only a document with no heading of Word's kind (a Heading, Title or Subtitle style, an outline
level) is read so: one that has them says which its headings are. The text's own size is the
size most of its characters are set in. A heading is short, ends no sentence or clause, is no
list's item, and every character of it is set larger than the text; the first paragraph is the
headline if it is so, or bold and centred. The section heads' sizes, largest first, are their
levels; a document where they are more than one paragraph in three is one set in many sizes.
"""

from __future__ import annotations

from collections import Counter

from .. import patterns
from .docx_structure import HEADING_STYLE, inherited, use_style, xpath
from .newsroom import HEADLINE_MAX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Styles that say what a paragraph is, after docx_structure.mark gave outline levels theirs.
_HEADING = patterns.compile(r"(?i)^(?:(?:paiban )?heading ?\d|title|subtitle)$")
_HEAD_MAX = 40  # characters: a section head is shorter than a headline
_ENDS_TEXT = tuple("。，；：、,;:")
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
    for paragraph, level in _headings(look, [p for p in body.iterchildren(f"{_W}p") if look.text(p)]).items():
        paragraph.style = use_style(document, HEADING_STYLE.format(level))


def _headings(look: _Look, paragraphs: list) -> dict:
    """The level of each of ``paragraphs`` (those of the body holding text) that is a heading:
    1 for the headline, 2 and 3 for section heads."""
    if not paragraphs:
        return {}
    characters: Counter[int] = Counter()
    for paragraph in paragraphs:
        for run in look.runs(paragraph):
            characters[look.size(paragraph, run)] += len(look.text(run))
    text_size = characters.most_common(1)[0][0]
    found = {paragraphs[0]: 1} if look.headline(paragraphs[0], text_size) else {}
    heads = [paragraph for paragraph in paragraphs[1:] if look.head(paragraph, text_size)]
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

    def headline(self, paragraph, text_size: int) -> bool:
        """Short, no sentence, no list's item, and larger than the text or bold and centred."""
        if not self._short(paragraph, HEADLINE_MAX):
            return False
        bold = all(self._property(paragraph, run, "b") not in (None, *_OFF) for run in self.runs(paragraph))
        return self.smallest(paragraph) >= text_size + _LARGER or (bold and self._centred(paragraph))

    def head(self, paragraph, text_size: int) -> bool:
        """Short, no sentence, no list's item, and larger than the text."""
        return self._short(paragraph, _HEAD_MAX) and self.smallest(paragraph) >= text_size + _LARGER

    def _short(self, paragraph, longest: int) -> bool:
        text = self.text(paragraph)
        numbered = "./w:pPr/w:numPr/w:numId[@w:val!='0']"
        return (len(text) <= longest and not text.endswith(_ENDS_TEXT)
                and not (xpath(paragraph, numbered) or inherited(self._style(paragraph), numbered)))

    def _centred(self, paragraph) -> bool:
        aligned = "string(./w:pPr/w:jc/@w:val)"
        return (xpath(paragraph, aligned) or inherited(self._style(paragraph), aligned)) == "center"

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
