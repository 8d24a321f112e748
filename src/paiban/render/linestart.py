"""A long word is broken anywhere only at a line's start, as CSS ``overflow-wrap`` has it.

``overflow-wrap: anywhere`` (``span.breakable``, base.css) lets a word break at any character
only when it cannot fit on a line of its own: a word that fits on the next line goes there
whole, or breaks at its own hyphen (Eighteenth-|Century). WeasyPrint 70 takes a text box to
start its line when it is the first *box* of its inline parent (``split_inline_level``), not
when nothing stands before it on the line (WeasyPrint issue #1614): a word in an emphasis, in a
footnote (its text is one span) or in its own ``span.breakable`` was cut mid-syllable at the end
of a line (Eight|eenth-Century). Here a text box starts its line only where the line starts.
Importing this module installs it.
"""

from __future__ import annotations

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline

_SPLIT_INLINE_BOX = inline.split_inline_box
_SPLIT_TEXT_BOX = inline.split_text_box
_LEEWAY = 1e-3  # px: the rounding of positions added up along the line
_STARTS = "paiban_line_starts"  # on the layout context: where each line being laid out starts


def split_inline_box(context, box, position_x, *args, **kwargs):
    """WeasyPrint's ``split_inline_box``; a line's start remembered while its content is laid out
    (an inline block's lines nest in it)."""
    if not isinstance(box, boxes.LineBox):
        return _SPLIT_INLINE_BOX(context, box, position_x, *args, **kwargs)
    starts = context.__dict__.setdefault(_STARTS, [])
    starts.append(position_x)
    try:
        return _SPLIT_INLINE_BOX(context, box, position_x, *args, **kwargs)
    finally:
        starts.pop()


def split_text_box(context, box, available_width, skip, is_line_start=True):
    """WeasyPrint's ``split_text_box``, told the box starts its line only if nothing is before it."""
    starts = context.__dict__.get(_STARTS)
    if starts and box.position_x > starts[-1] + _LEEWAY:
        is_line_start = False
    return _SPLIT_TEXT_BOX(context, box, available_width, skip, is_line_start=is_line_start)


inline.split_inline_box = split_inline_box
inline.split_text_box = split_text_box
