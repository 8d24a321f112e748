"""Ruby as every format reads it: each base followed by its reading, ``<ruby>小<rt>xiǎo</rt>猫<rt>māo</rt></ruby>``.

HTML writes ruby two ways. WHATWG's (the one EPUB reading systems know) puts each reading right
after its base. W3C's, which some pinyin tools write, puts the bases in ``<rb>``s and the readings
after them, paired in order (``<rb>小</rb><rb>猫</rb><rt>xiǎo</rt><rt>māo</rt>``), or in an ``<rtc>``
(a second one is a second row of readings, a translation over the whole). Each is read here as
the first: the sanitiser, not knowing ``rb``, had run the bases together (小猫（xiǎo）（māo）). So
is ruby no schema allows (EPUBCheck refused the book): a reading with no base, a base with no
reading after it, parentheses (``rp``) around two readings, a ruby with no reading at all, ruby's
parts outside a ruby. Parentheses are put around each reading where the source wrote any.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

log = logging.getLogger("paiban")

# Ruby's parts, which mean nothing outside a ruby: there they are text (rt, rb, rtc) or go (rp).
_PARTS = ("rb", "rt", "rtc", "rp")


@dataclass
class _Segment:
    """Bases (each a list of text and elements) and the rows of readings over them (each an ``rt``)."""

    bases: list[list] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)


def paired(root, source: object) -> None:
    """Every ruby under ``root`` written as bases each followed by its reading (see the module),
    ruby's parts outside a ruby made text; ``source`` names the file in a warning."""
    place = _placer(source)
    for ruby in reversed(list(root.iter("ruby"))):  # (the innermost first)
        _pair(ruby, place)
    for part in list(root.iter(*_PARTS)):
        if not any(ancestor.tag == "ruby" for ancestor in part.iterancestors()):
            _strip(part)


def one_per_base(root) -> list:
    """Each ruby under ``root``, paired, split into a ruby for each base and the readings after it
    (``小<rt>xiǎo</rt>猫<rt>māo</rt>`` into ``<ruby>小<rt>xiǎo</rt></ruby><ruby>猫<rt>māo</rt></ruby>``),
    each with the ruby's attributes; the rubies, in order. Print keeps a ruby whole, and a line
    may end between them. A base whose readings are all empty (a mark in the ruby grid,
    ``<ruby>：<rt></rt></ruby>``, as pinyin tools write every mark) prints itself alone, and is set
    as the text it is, not a ruby: kept whole apart from the text beside it, such a mark was one no
    line could end beside where the same mark written in the text allowed it (：“ one block with
    the rubies either side, the line before it spread out)."""
    rubies = []
    for ruby in list(root.iter("ruby")):
        pairs = _pairs_written(ruby)
        refill(ruby, pairs[0])
        rubies.append(ruby)
        for nodes in pairs[1:]:
            pair = etree.Element("ruby", dict(ruby.attrib))
            refill(pair, nodes)
            pair.tail, rubies[-1].tail = rubies[-1].tail, None
            rubies[-1].addnext(pair)
            rubies.append(pair)
    unread = [ruby for ruby in rubies if not any(_text(reading).strip() for reading in ruby.iter("rt"))]
    for ruby in unread:
        _unread(ruby)
    if unread:
        etree.strip_tags(root, _STRIPPED)  # (once for them all: a paragraph may hold hundreds)
    return [ruby for ruby in rubies if ruby.tag == "ruby"]


def _unread(ruby) -> None:
    """``ruby``, whose readings print nothing, made its base alone: marked to be stripped, its
    content then text among the text around it, or a ``span`` where it has attributes to keep (an
    id a link points at, a language)."""
    refill(ruby, [node for node in _children(ruby) if not _is_reading(node)])
    ruby.tag = "span" if ruby.attrib else _STRIPPED


def _pairs_written(ruby) -> list[list]:
    """The content of a paired ``ruby`` (text and elements, detached from their tails) as its bases,
    each with the readings (and parentheses) after it."""
    pairs: list[list] = [[]]
    for node in _children(ruby):
        if pairs[-1] and _is_reading(pairs[-1][-1]) and not _is_reading(node):
            pairs.append([])
        pairs[-1].append(node)
    return pairs


def _is_reading(node) -> bool:
    """Whether ``node`` is a reading or its parenthesis."""
    return getattr(node, "tag", None) in ("rt", "rp")


def _pair(ruby, place: Callable[[str], str]) -> None:
    """``ruby``'s content as pairs of a base and its reading, or its bases alone when it has no
    reading; its bases and readings miscounted are warned of (:func:`_warn_of_miscounts`)."""
    written = _text(ruby)  # (taken before the pairing takes it apart: its line is found by it)
    parentheses = _parentheses(ruby)
    segments = _segments(ruby)
    if not any(segment.rows for segment in segments):
        refill(ruby, [node for segment in segments for base in segment.bases for node in base])
        _strip(ruby)
        return
    _warn_of_miscounts(segments, place, written)
    nodes: list = []
    for segment in segments:
        for base, readings in _pairs(segment):
            nodes.extend(base)
            for reading in readings:
                nodes.extend(_parenthesised(reading, parentheses))
    refill(ruby, nodes)


def _warn_of_miscounts(segments: list[_Segment], place: Callable[[str], str], written: str) -> None:
    """Warn, at the ``place`` of the ruby of ``segments`` (:func:`_placer`, given ``written``, its
    text), of readings past its bases, which follow the last, and of bases it gives no reading (小
    and 猫 under xiǎo alone), which print without one: a child reading pinyin finds a character
    without it."""
    surplus = [segment for segment in segments if len(_first_row(segment)) > len(segment.bases)]
    bare = [_text_of(base) for segment in segments for base in segment.bases[len(_first_row(segment)):]
            if _text_of(base)]
    if not (surplus or bare):
        return
    where = place(written)
    for segment in surplus:
        log.warning("%s: the ruby %s has more readings (%s) than bases: those past its bases follow the last; "
                    "write each base with its reading, <ruby>小<rt>xiǎo</rt>猫<rt>māo</rt></ruby>", where,
                    "".join(map(_text_of, segment.bases)), "、".join(map(_text, _first_row(segment))))
    if bare:
        log.warning("%s: the ruby %s has no reading for %s, which prints without one: write each base with its "
                    "reading, <ruby>小<rt>xiǎo</rt>猫<rt>māo</rt></ruby> (an empty one, <rt></rt>, where a base "
                    "has none)", where, "".join(_text_of(base) for segment in segments for base in segment.bases),
                    "、".join(bare))


def _placer(source: object) -> Callable[[str], str]:
    """A function naming, for a warning, where in ``source`` the ruby with the text it is given is:
    ``source``, and the line holding that text once the line's tags are out (``body.text_lines``)
    where the file has lines to point at (not a Word document): in a story with a reading on every
    character, every ruby looks alike. The file is read at the first warning, once for them all (a
    tool may have miscounted every ruby)."""
    from .sources.body import line_in, text_lines  # (it imports this module, through xhtml)
    lines = functools.cache(lambda: text_lines(source) if isinstance(source, Path) else [])

    def place(written: str) -> str:
        line = line_in(lines(), wanted) if (wanted := "".join(written.split())) else None
        return f"{source}:{line}" if line else str(source)
    return place


def _parentheses(ruby) -> tuple[str, str] | None:
    """The texts of the ``rp``s ``ruby`` writes (its first and last), or ``None`` if it writes none."""
    written = [rp.text or "" for rp in ruby.iterchildren("rp")]
    return (written[0], written[-1]) if written else None


def _segments(ruby) -> list[_Segment]:
    """``ruby``'s bases and readings, a new segment where a base follows a reading: text and inline
    elements between readings are one base, each ``rb`` one, each ``rt`` a reading of the first row,
    each ``rtc`` a row (its ``rt``s, or its text as one reading)."""
    segments = [_Segment()]
    loose: list = []  # a base of text and elements not in an rb, being gathered

    def add_base(nodes: list) -> None:
        if segments[-1].rows:
            segments.append(_Segment())
        segments[-1].bases.append(nodes)

    def end_loose() -> None:
        if any(not isinstance(node, str) or node.strip() for node in loose):
            add_base(list(loose))
        loose.clear()

    for node in _children(ruby):
        tag = getattr(node, "tag", None)
        if tag not in _PARTS:
            loose.append(node)
            continue
        end_loose()
        rows = segments[-1].rows
        if tag == "rb":
            add_base(_children(node))
        elif tag == "rt" and rows:
            rows[0].append(node)
        elif tag == "rt":
            rows.append([node])
        elif tag == "rtc":
            rows.append(_row(node))
    end_loose()
    for segment in segments:
        segment.bases = _characters_apart(segment.bases or [[]], _first_row(segment))
    return segments


def _characters_apart(bases: list[list], readings: list) -> list[list]:
    """``bases``, one base of text alone under as many ``readings`` as it has characters (头发 under
    tóu and fa) a base to each character."""
    if len(bases) == 1 and len(readings) > 1 and _characters(bases[0]) == len(readings):
        return [[character] for character in bases[0][0].strip()]
    return bases


def _first_row(segment: _Segment) -> list:
    """The readings of ``segment``'s first row, which pair with its bases in order."""
    return segment.rows[0] if segment.rows else []


def _row(rtc) -> list:
    """The readings of an ``rtc``: its ``rt``s, or else its text as one."""
    readings = list(rtc.iterchildren("rt"))
    if readings:
        return readings
    reading = etree.Element("rt")
    refill(reading, _children(rtc))
    return [reading]


def _pairs(segment: _Segment) -> list[tuple[list, list]]:
    """Each base of ``segment`` and the readings that follow it: its reading of the first row, in
    order (an empty one when the row has none left for it); after the last base the first row's
    readings past the bases and each other row as one reading over the whole."""
    bases, first, others = segment.bases, _first_row(segment), segment.rows[1:]
    readings = [[reading] for reading in first[:len(bases)]] + [[] for _ in bases[len(first):]]
    readings[-1] += [*first[len(bases):], *map(_whole, others)]
    return [(base, [_trimmed(each) for each in found] or [etree.Element("rt")])
            for base, found in zip(bases, readings, strict=True)]


def _characters(base: list) -> int:
    """How many characters a base of text alone has (0 when it holds an element)."""
    return len(base[0].strip()) if len(base) == 1 and isinstance(base[0], str) else 0


def _text(node) -> str:
    return node if isinstance(node, str) else "".join(node.itertext())


def _text_of(base: list) -> str:
    """The text of a base (its text and elements), without the white space around it."""
    return "".join(map(_text, base)).strip()


def _whole(row: list):
    """A row of readings as one reading over the whole (a translation over several bases)."""
    reading = etree.Element("rt")
    reading.text = " ".join(map(_text, row))
    return reading


def _trimmed(reading):
    """``reading`` empty when it is white space alone: it prints nothing, as an empty one."""
    if not len(reading) and not (reading.text or "").strip():
        reading.text = None
    return reading


def _parenthesised(reading, parentheses: tuple[str, str] | None) -> list:
    """``reading``, between ``rp``s of ``parentheses`` when there are any."""
    if parentheses is None:
        return [reading]
    opening, closing = etree.Element("rp"), etree.Element("rp")
    opening.text, closing.text = parentheses
    return [opening, reading, closing]


def _children(element) -> list:
    """``element``'s content in order: its text, each child and each child's tail (children detached
    from their tails, to be placed again)."""
    nodes: list = [element.text] if element.text else []
    for child in element:
        tail, child.tail = child.tail, None
        nodes.append(child)
        if tail:
            nodes.append(tail)
    return nodes


def refill(element, nodes: list) -> None:
    """``element`` (any element, a ruby's or another) holding ``nodes`` (text and elements, in
    order) in place of what it held."""
    for child in list(element):
        element.remove(child)
    element.text, last = None, None
    for node in nodes:
        if not isinstance(node, str):
            node.tail = None
            element.append(node)
            last = node
        elif last is None:
            element.text = (element.text or "") + node
        else:
            last.tail = (last.tail or "") + node


_STRIPPED = "paiban-stripped"


def _strip(element) -> None:
    """``element`` replaced by what it holds."""
    element.tag = _STRIPPED
    etree.strip_tags(element.getparent(), _STRIPPED)
