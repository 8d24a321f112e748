"""Chinese lines justified as Chinese typesetting does it: a line's slack shared between its characters.

WeasyPrint 70 justifies a line only by widening its spaces (``layout.inline.justify_line``).
Chinese text has none. A line of ideographs ends flush only because the measure is a whole
number of ems; a line with compressed punctuation or a Latin word in it ends short; and a line
with a Latin phrase puts all its slack into the phrase's one space, a hole several characters
wide. Browsers justify CJK text between its characters (CSS Text 3, ``text-justify: auto``),
and so does this: every CJK character is an expansion opportunity, like a space.

WeasyPrint widens a space with a Pango letter-spacing attribute on it, which Pango gives half
before and half after the character. A CJK character is given the same: between two characters
the gap is one spacing, half from each. At the ends of a text box Pango drops the outer half
(WeasyPrint doubles a space's spacing there, which for a character only widened the gap inside).
A box still takes one spacing for each of its characters, so what its ends lost becomes the gap
after it, before the next box (a mark in its own span, an emphasis): a line of Chinese has
every gap the same. The line's last box does not take it: nothing comes before the line's first
character or after its last, and the line ends flush. An ellipsis or a dash (…… ——) is one mark
of two characters, and a blank to write in (＿＿＿＿) one rule: neither is spaced inside, so the
characters beside it give it half a gap each.
A ruby, a base with its reading in parentheses (print.css: 天（tiān）), is one unit, as a mark
of two characters is: nothing inside it is spaced, so that no gap opens between a base and its
（ or inside the parentheses (天 （ tiān）), and it takes one spacing, the gap after it. A mark
beside a ruby is of its unit: the ruby gives up its gap before a closing mark (了（le），, not
了（le） ，), and the text before a ruby the gap after its opening mark (“月（yuè）, not “ 月（yuè）);
the mark's own gap is on its other side. So are marks in a row (好（hǎo）！”, not 好（hǎo）！ ”).
The marks Chinese shares with English (’ ‘ “ ” — …) are spaced only as Chinese punctuation,
beside a Chinese character: not in a Latin word (spaced, didn’t read "didn ’t", and the PDF's
text too), nor anywhere in English text (tagged ``lang="en"``), whose word spaces alone widen.
Importing this module installs it, for layout and drawing alike (WeasyPrint sets a text's
attributes again when it draws it).
"""

from __future__ import annotations

from itertools import pairwise

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, pango
from .. import patterns
from ..chars import HAN
from ..edition import is_english
from ..punctuation import CLOSING, OPENING
from .pango_spans import byte_spans, set_on_spans

# Ideographs (and the Yijing's hexagrams, set among them), kana, CJK and full-width punctuation.
CJK = patterns.compile(rf"[\u3000-\u30ff{HAN}\u4dc0-\u4dff\ufe30-\ufe4f\uff00-\uffef]")
# The marks Chinese text shares with English, — ‘ ’ “ ” …: full width beside Chinese characters.
_SHARED = "\u2014\u2018\u2019\u201c\u201d\u2026"
# What justification spaces: a CJK character (the first group) or a shared mark (the second, if
# it is Chinese punctuation: :func:`_chinese_mark`); not a run of ellipses or dashes, nor a blank
# to write in (＿＿＿＿, the word joiners typeset keeps a long one's ends with among them), which
# spaced out read as several blanks.
_SPACED = patterns.compile(rf"(?:\u2026{{2,}}|\u2014{{2,}}|\uff3f(?:\u2060?\uff3f)+)|({CJK.pattern})|([{_SHARED}])")
# The zero-width spaces a line may break at beside a quote (typeset.quotes_breakable), which a
# shared mark's neighbour is looked for past.
_BREAK = "\u200b"
# The marks that close what they follow (了（le），) and those that open what follows (“月（yuè）), full
# width and half: no gap parts them from a ruby.
_CLOSING_MARKS, _OPENS = tuple(CLOSING + "？！?!,.;:"), tuple(OPENING)  # (as str.startswith and endswith take them)

_set_text = line_break.Layout.set_text
_ADD_WORD_SPACING = inline.add_word_spacing


def _neighbour(text: str, index: int, step: int) -> str:
    """The character nearest ``index`` in ``text`` going ``step`` (1 or -1), past a break: ``""``
    at the text's end."""
    while 0 <= index < len(text) and text[index] == _BREAK:
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _chinese_mark(text: str, index: int) -> bool:
    """Whether the shared mark at ``index`` of Chinese text is Chinese punctuation: a Chinese
    character is beside it (他说：“好”, 他——我), or nothing is but the text's ends and shared marks
    (a compressed ” alone in its own span, of the text's language); not when only Latin text
    is, a letter, a digit or a word space (didn’t, “dim”, dusk — nor, O’Neill 的, “Novel” 的)."""
    beside = [_neighbour(text, index - 1, -1), _neighbour(text, index + 1, 1)]
    return any(CJK.match(character) for character in beside) or all(character in ("", *_SHARED) for character in beside)


def _spaced(text: str, style) -> list[tuple[int, int]]:
    """Where in ``text`` (set in ``style``) the characters justification spaces are, as Pango
    counts: UTF-8 bytes. In English text only its CJK characters are."""
    chinese = not is_english(style["lang"] or "")
    return [(start, end) for match, start, end in byte_spans(text, _SPACED.finditer(text))
            if match[1] or match[2] and chinese and _chinese_mark(text, match.start())]


def _set_text_justified(self, text: str, justify: bool = False) -> None:
    """WeasyPrint's ``Layout.set_text``, then the justification spacing on each spaced character."""
    _set_text(self, text, justify)
    if not (justify and self.justification_spacing and (spaced := _spaced(self.text, self.style))):
        return
    spacing = int(self.justification_spacing * TO_UNITS)
    letter_spacing = self.style["letter_spacing"]  # the theme's own, which WeasyPrint set on all the text
    letter_spacing = 0 if letter_spacing == "normal" else int(letter_spacing * TO_UNITS)
    set_on_spans(self.layout, ((pango.pango_attr_letter_spacing_new(letter_spacing + spacing), start, end)
                               for start, end in spaced))


def _is_ruby(box) -> bool:
    return isinstance(box, boxes.InlineBox) and box.element_tag == "ruby"


def _count_expandable(box) -> int:
    """WeasyPrint's ``count_expandable_spaces``, with each spaced CJK character counted as one,
    and each ruby as one."""
    if _is_ruby(box):
        return 1
    if isinstance(box, boxes.TextBox):
        return box.text.count(" ") + box.text.count("\u00a0") + len(_spaced(box.text, box.style))
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return sum(_count_expandable(child) for child in box.children)
    return 0


def _add_word_spacing(context, box, justification_spacing, x_advance):
    """WeasyPrint's ``add_word_spacing``, but a ruby's content is not spaced: its one spacing is
    the gap after it; and a box gives no gap that :func:`_shut_gaps` shut."""
    spaced_inside = 0 if _is_ruby(box) else justification_spacing
    x_advance = _ADD_WORD_SPACING(context, box, spaced_inside, x_advance)
    gap = (justification_spacing - spaced_inside) - getattr(box, "shut_gap", 0) * justification_spacing
    box.width += gap
    return x_advance + gap


def _ends_lost(box) -> float:
    """How many spacings Pango drops at a text box's ends: half of one for each end that is a
    spaced character."""
    spaced = _spaced(box.text, box.style)
    length = len(box.text.encode("utf-8"))
    return ((spaced[0][0] == 0) + (spaced[-1][1] == length)) / 2 if spaced else 0


def _gap_after(box) -> float:
    """How many spacings a line's ``box`` leaves after it: a ruby its one, a text box what its ends
    lost."""
    if _is_ruby(box):
        return 1
    return _ends_lost(box) if isinstance(box, boxes.TextBox) else 0


def _leaves(box):
    """The boxes of ``box`` that print side by side, in order: its texts, rubies (each whole) and
    pictures."""
    if _is_ruby(box) or not isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        yield box
        return
    for child in box.children:
        if child.is_in_normal_flow():
            yield from _leaves(child)


def _printed(box) -> str:
    """The text ``box`` prints, without the zero-width breaks."""
    if isinstance(box, boxes.TextBox):
        return box.text.replace(_BREAK, "")
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return "".join(_printed(child) for child in box.children)
    return ""


def _of_rubies(leaves: list, marks: tuple[str, ...]) -> list[bool]:
    """For each of ``leaves``, in order, whether it is a ruby, or prints ``marks`` alone and follows
    a box that is: the closing marks in a row after a ruby (好（hǎo）！”, where ！ and ” are boxes of
    their own) are all of its unit; given the leaves backwards, so are the opening marks before one."""
    held, of_one = [], False
    for box in leaves:
        of_one = _is_ruby(box) or of_one and _marks_alone(box, marks)
        held.append(of_one)
    return held


def _marks_alone(box, marks: tuple[str, ...]) -> bool:
    """Whether ``box`` prints ``marks`` and nothing else."""
    printed = _printed(box)
    return bool(printed) and all(character in marks for character in printed)


def _bound_by_marks(leaves: list) -> list[bool]:
    """For each of ``leaves`` but the last, whether a mark binds it to the box after it: it is of a
    ruby's unit (:func:`_of_rubies`) and that box opens with a closing mark (了（le），, 好（hǎo）！”),
    or that box is of one and it ends with an opening mark (“月（yuè）, （“月（yuè）)."""
    closed = _of_rubies(leaves, _CLOSING_MARKS)
    opened = _of_rubies(leaves[::-1], _OPENS)[::-1]
    return [closed[index] and _printed(after).startswith(_CLOSING_MARKS)
            or opened[index + 1] and _printed(box).endswith(_OPENS)
            for index, (box, after) in enumerate(pairwise(leaves))]


def _shut_gaps(line) -> float:
    """Mark each box of ``line`` with how many spacings of the gap after it are not given
    (``shut_gap``), and say how many in all: the line's last box's (nothing comes after the line's
    last character, and it ends flush), and a box's before the box a mark binds it to
    (:func:`_bound_by_marks`)."""
    leaves = list(_leaves(line))
    shut = 0
    for box, bound in zip(leaves, [*_bound_by_marks(leaves), True], strict=True):
        box.shut_gap = _gap_after(box) if bound else 0
        shut += box.shut_gap
    return shut


def _justify_line(context, line, extra_width) -> None:
    """WeasyPrint's ``justify_line``, the line's slack shared among the gaps it gives
    (:func:`_shut_gaps`)."""
    if count := _count_expandable(line) - _shut_gaps(line):
        inline.add_word_spacing(context, line, extra_width / count, 0)


line_break.Layout.set_text = _set_text_justified
inline.count_expandable_spaces = _count_expandable
inline.add_word_spacing = _add_word_spacing
inline.justify_line = _justify_line
