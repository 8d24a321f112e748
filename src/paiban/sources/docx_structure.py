"""What Word's outline levels and numbering say of a .docx's structure, which mammoth does not read:
a heading made with a style of its own (a school's or WPS's 一级标题) or with an outline level set
on the paragraph, the number Word shows before a heading (一、, （1）), and the kind of number a
list is counted in (一、 甲、 ①).

The document is marked for mammoth before it reads it (:func:`mark`): such a heading is given a
style :data:`STYLE_MAP` maps to its level, its number is written into its text, and a list's
paragraphs are marked with their kind of number (:func:`classify_lists` gives it to the list as
the class the stylesheets count it by) and their counts, which mammoth does not keep (it counts
every list it writes from 1), so that each list starts where Word's count is.
A list whose numbers no list counts so (第一条, 1）) has them written into its text, as a heading's.
"""

from __future__ import annotations

import re

from lxml import etree

from .. import patterns
from ..numerals import chinese_numeral, roman
from ..chars import HAS_HAN

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The values that turn off a property that is on or off (w:b, w:vanish …), which is on without one.
OFF = frozenset({"0", "false", "off"})
# The headings mammoth knows by their style: Word's own, which it maps to h1 …, and a Title.
_MAPPED_HEADING = patterns.compile(r"(?i)^heading ?(\d)$")
# The styles that say what a paragraph is, Word's and those :func:`mark` gives (STYLE_MAP): a
# heading, a title or a subtitle. A paragraph of one is kept what it is, aligned or not.
MEANINGFUL_STYLE = patterns.compile(r"(?i)^(?:(?:paiban )?heading ?\d|title|subtitle)$")
_NOT_NUMBERED = patterns.compile(r"(?i)^(?:title|subtitle)$")
_OUTLINE_LEVEL = "string(./w:pPr/w:outlineLvl/@w:val)"
HEADING_STYLE = "paiban heading {}"
# A list's kind of number (numFmt) as the class the stylesheets count it by, its parentheses
# (（%1）) apart: Chinese numbers take 、 after them, as the CSS counter styles for them do.
_LIST_CLASSES = {"chineseCounting": "chinese", "chineseCountingThousand": "chinese", "taiwaneseCounting": "chinese",
                 "japaneseCounting": "chinese", "ideographDigital": "cjk-decimal", "taiwaneseDigital": "cjk-decimal",
                 "ideographTraditional": "heavenly-stem", "ideographZodiac": "earthly-branch",
                 "decimalEnclosedCircle": "circled", "decimalEnclosedCircleChinese": "circled",
                 "lowerLetter": "lower-alpha", "upperLetter": "upper-alpha",
                 "lowerRoman": "lower-roman", "upperRoman": "upper-roman"}
# The classes a list's number written in parentheses (（一）, (1)) or followed by 、 (1、) has.
_PARENTHESISED = {"chinese": "chinese-paren", "decimal": "decimal-paren"}
_WITH_COMMA = {"decimal": "decimal-comma"}
# The class a list's number followed by a closing parenthesis alone has (%1), GB/T 1.1's a) over 1)),
# by its numFmt: figures and letters.
_RIGHT_PAREN = {"decimal": "decimal-right-paren", "lowerLetter": "lower-alpha-right-paren",
                "upperLetter": "upper-alpha-right-paren"}
LIST_CLASSES = frozenset({*_LIST_CLASSES.values(), *_PARENTHESISED.values(), *_WITH_COMMA.values(),
                          *_RIGHT_PAREN.values()})
# The shapes of a level's number (w:lvlText, its own count %N) a list's class prints as Word shows
# it: the count alone, followed by . ． or 、, or in parentheses; in figures or a letter, followed by
# ) too (1), a): :data:`_RIGHT_PAREN`), and a letter by ） (a）, printed a.). Any other, words round it
# (第%1条, 第%1章, 附件%1), 1）, or another level's count in it (%1.%2), no list counts so, as a page
# Word saved is read (:mod:`.wordpage`).
_COUNTED_SHAPES = ("%{n}", "%{n}.", "%{n}．", "%{n}、", "（%{n}）", "(%{n})")
_RIGHT_PAREN_SHAPE = "%{n})"
_COUNTED_LETTER_SHAPE = "%{n}）"
_LETTERS = frozenset({"lowerLetter", "upperLetter"})
# A list item's count, carried through mammoth as a bookmark it writes as an anchor opening the
# item (<li><a id="paiban-count-2"></a>…), which :func:`classify_lists` reads.
_COUNT_MARK = "paiban-count-"
# A list item's kind of number, one of :data:`LIST_CLASSES`, carried the same way
# (<li><a id="paiban-kind-chinese"></a>…), not as a class of the item (a style mapped to
# li.list-chinese): mammoth puts the list of the level below only in an item of no class, and a
# list of 一、 had its （一） items in a list of their own, in an item printed 1.
_KIND_MARK = "paiban-kind-"
# A paragraph whose number Word shows is written into its text, marked so, the same way, before
# its number (<p><a id="paiban-written"></a>1. 总则</p>): no number opens its text for :mod:`.docx`
# to read as one typed by hand (the 1. 2. 3. of Word's 1. / 1.1 list were made a list again, its
# 3.1 paragraphs not). :func:`drop_marks` removes both marks.
_WRITTEN_MARK = "paiban-written"
# A paragraph accepting Word's tracked changes takes away, which Word neither numbers nor counts: its
# mark deleted (its text, if any is left, joins the next paragraph's, as mammoth reads it) or moved
# away, or in a deleted row of a table. Counted, the list item deleted as a change had its 第二条
# run into the next one's (第二条　第三条　…), and the items after it were a number out.
_TAKEN_AWAY = "./w:pPr/w:rPr/w:del or ./w:pPr/w:rPr/w:moveFrom or ancestor::w:tr[1]/w:trPr/w:del"
STYLE_MAP = "\n".join(f"p[style-name='{HEADING_STYLE.format(level)}'] => h{level}:fresh" for level in range(1, 7))

_STEMS, _BRANCHES = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥"
_FORMAL = str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")


def mark(document) -> None:
    """Give the python-docx ``document`` (changed in place, for mammoth to read) its headings by
    outline level the styles :data:`STYLE_MAP` maps, its headings' numbers written into their text
    and its lists' items marked with their kinds of number (or their numbers written:
    :func:`_mark_list_items`), as Word shows them with its tracked changes accepted (:data:`_TAKEN_AWAY`)."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = {style.style_id: style for style in document.styles if style.type == WD_STYLE_TYPE.PARAGRAPH}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    numbering = _Numbering(_numbering_element(document))
    items: list[tuple[object, _Number]] = []
    for paragraph in document.element.body.iter(f"{W}p"):
        if xpath(paragraph, _TAKEN_AWAY):
            continue
        style = styles.get(paragraph.style) if paragraph.style else default
        level = heading_level(paragraph, style)
        number = numbering.count(paragraph, style)
        if level and not _MAPPED_HEADING.match(_name(style)):
            paragraph.style = use_style(document, HEADING_STYLE.format(min(level, 6)))
        if number is not None and level and number.shown:
            _write_number(paragraph, number.text)
        elif number is not None and not level:
            items.append((paragraph, number))
    _mark_list_items(items)


def _mark_list_items(items: list[tuple[object, _Number]]) -> None:
    """Mark each numbered paragraph of ``items`` a list's item, or, in a list of Word's whose
    numbers no list counts so at any of its levels, write its number into its text as Word shows
    it (第四条　…): counted by a list, 第%1条 was printed 四、, the articles' numbers lost. Such a
    list is read one way throughout, as a page Word saved is (its 第%1条 and their （%2）项 alike
    written, none a list inside a paragraph); its bullets stay a list's. A paragraph Word shows no
    number before (the unnumbered paragraph under an item) is a paragraph between its list's items,
    which count on past it, as a question's options are; it neither makes its list written out nor
    is printed 1. as a list's item."""
    written = {number.list_id for _, number in items if number.written and number.shown}
    for paragraph, number in items:
        if not number.shown:
            number.unpin(paragraph)
        elif number.list_id in written and number.count is not None:
            _write_number(paragraph, number.text)
            _open_with(paragraph, _bookmark(_WRITTEN_MARK))
            number.unpin(paragraph)
        else:
            _mark_list_item(paragraph, number)


def _mark_list_item(paragraph, number: _Number) -> None:
    """Set a numbered paragraph's numbering on it, for mammoth to make it a list's item (mammoth
    reads no numbering a paragraph's style sets: a list of 我的列表 style was paragraphs), and mark it
    with its kind of number, if it is not counted in figures, and its count."""
    number.pin(paragraph)
    if number.css_class:
        _open_with(paragraph, _bookmark(f"{_KIND_MARK}{number.css_class}"))
    if number.count is not None:
        _open_with(paragraph, _bookmark(f"{_COUNT_MARK}{number.count}"))


def _bookmark(name: str):
    """A bookmark ``name``, which mammoth writes as an empty anchor of that id where it stands."""
    from docx.oxml import OxmlElement

    return OxmlElement("w:bookmarkStart", {f"{W}id": "0", f"{W}name": name})


def use_style(document, name: str) -> str:
    """The id of paragraph style ``name``, added to ``document`` unless it has it: one of the
    styles :data:`STYLE_MAP` maps, which mammoth knows by name."""
    from docx.enum.style import WD_STYLE_TYPE

    style_id = _style_id(name)
    if document.styles.element.get_by_id(style_id) is None:
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).style_id = style_id
    return style_id


def xpath(element, path: str, **variables):
    """``path`` (in Word's ``w:`` namespace, its ``$variables`` given) under ``element``:
    python-docx's own elements name the namespace, but the numbering definitions it has no class
    for are lxml's. An id is a variable, never written into the path: it may hold a quote."""
    return etree._Element.xpath(element, path, namespaces={"w": W[1:-1]}, **variables)


def _style_id(name: str) -> str:
    return name.replace(" ", "-")


def classify_lists(root) -> None:
    """Each list whose items :func:`mark` marked with a kind of number given its class
    (``ol.list-chinese``), which the stylesheets count the list by, and started at the count
    :func:`mark` gave its first item (``<ol start="2">``): mammoth starts a list again after each paragraph between
    its items, and Word's questions, their options in plain paragraphs between them, were all 1.
    Items of another kind of number than those before them, or not counted on from them, begin a
    list of their own: mammoth joins two lists side by side into one (Word's 1. 2. then 一、二、
    was one list, counted 一 to 四; a list Word starts again right after another, 1. 2. 1. 2.,
    was counted on, 1. to 4.)."""
    for listing in list(root.iter("ol")):
        runs: list[list] = []
        for item in listing.iterchildren("li"):
            if not runs or not _counts_on(runs[-1][-1], item):
                runs.append([])
            runs[-1].append(item)
        parts = [listing]
        for run in runs[1:]:  # each a list of its own, after the one before it
            split = listing.makeelement("ol", {})
            split.extend(run)
            split.tail, parts[-1].tail = parts[-1].tail, None
            parts[-1].addnext(split)
            parts.append(split)
        for part, run in zip(parts, runs, strict=True):
            if kind := _marked(run[0], _KIND_MARK):
                part.set("class", f"list-{kind}")
            if (start := _count(run[0])) not in (None, 1):
                part.set("start", str(start))


def drop_marks(root) -> None:
    """Remove the marks :func:`mark` left for mammoth to carry (a list item's count and kind of
    number, a number written), once read: each an empty anchor, its id repeated, in the book."""
    for found in xpath(root, ".//a[starts-with(@id, $count) or starts-with(@id, $kind) or @id = $written]",
                       count=_COUNT_MARK, kind=_KIND_MARK, written=_WRITTEN_MARK):
        found.drop_tree()


def _counts_on(before, item) -> bool:
    """Whether list item ``item`` goes on from ``before``: numbered in its kind, and counted
    next after it (an item whose count is not known, as in a list numbered by hand, is)."""
    counts = _count(before), _count(item)
    return _marked(item, _KIND_MARK) == _marked(before, _KIND_MARK) and (
        None in counts or counts[1] == counts[0] + 1)


def _count(item) -> int | None:
    """The count :func:`mark` gave list item ``item``, or ``None``."""
    return _whole(marked) if (marked := _marked(item, _COUNT_MARK)) else None


def _marked(item, mark: str) -> str:
    """What list item ``item``'s ``mark`` (:data:`_COUNT_MARK`, :data:`_KIND_MARK`) says, or ""."""
    return xpath(item, "string(./a[starts-with(@id, $mark)]/@id)", mark=mark).removeprefix(mark)


def heading_level(paragraph, style) -> int | None:
    """The heading level (1 …) of ``paragraph``: Word's for its Heading styles, else the outline
    level set on it or on its style or a style that is based on (0 is level 1; 9, body text)."""
    if _NOT_NUMBERED.match(_name(style)):
        return None
    if heading := _MAPPED_HEADING.match(_name(style)):
        return int(heading[1])
    written = xpath(paragraph, _OUTLINE_LEVEL) or inherited(style, _OUTLINE_LEVEL)
    return level + 1 if (level := _whole(written, 9)) < 9 else None


def _name(style) -> str:
    """``style``'s name, or "" for no style or one without a name (``w:name`` is optional: python-docx
    gives ``None`` for it)."""
    return (style.name or "") if style is not None else ""


def inherited(style, path: str):
    """What ``path`` finds in ``style`` or its nearest base style that has it, or "" (a loop of base styles ends)."""
    seen = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        if found := xpath(style.element, path):
            return found
        style = style.base_style
    return ""


def _numbering_element(document):
    """The document's numbering definitions, or ``None`` if it has none (python-docx would make them)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        return None


def _write_number(paragraph, text: str) -> None:
    """``text`` (一、) as a run of its own opening ``paragraph``'s text."""
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    written = OxmlElement("w:t")
    written.text = text
    written.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(written)
    _open_with(paragraph, run)


def _open_with(paragraph, element) -> None:
    """Put ``element`` first in ``paragraph``'s content, after its properties."""
    properties = paragraph.pPr
    if properties is not None:
        properties.addnext(element)
    else:
        paragraph.insert(0, element)


class _Number:
    """A numbered paragraph's number: the text Word shows, the class its list is counted by, its
    count in its list (``None`` for a bullet's), the list (abstract numbering) it is of and whether
    no list counts it as Word shows it (:data:`_COUNTED_SHAPES`)."""

    def __init__(self, text: str, css_class: str | None, count: int | None, num_id: str, level: int,
                 list_id: str, written: bool):
        self.text, self.css_class, self.count, self._num_id, self._level = text, css_class, count, num_id, level
        self.list_id, self.written = list_id, written

    @property
    def shown(self) -> bool:
        """Whether Word shows a number (or a bullet) before the paragraph: none at a level whose
        numFmt is none or whose lvlText is empty (an unnumbered paragraph under a list's item)."""
        return bool(self.text.strip())

    def pin(self, paragraph) -> None:
        """Set the paragraph's numbering on it, where mammoth reads it (not on its style)."""
        self._set(paragraph, self._num_id)

    def unpin(self, paragraph) -> None:
        """Set the paragraph unnumbered (Word's numbering 0), as mammoth reads it a paragraph, its number written."""
        self._set(paragraph, "0")

    def _set(self, paragraph, num_id: str) -> None:
        numbering = paragraph.get_or_add_pPr().get_or_add_numPr()
        numbering.get_or_add_numId().set(f"{W}val", num_id)
        numbering.get_or_add_ilvl().set(f"{W}val", str(self._level))


class _Numbering:
    """Word's numbering definitions, counting the numbered paragraphs as Word does: each list
    (abstract numbering) counts on through the numberings that use it, a level starting again
    after a higher one, unless a numbering starts it over."""

    def __init__(self, element):
        self._element = element
        self._counts: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()

    def count(self, paragraph, style) -> _Number | None:
        """The number ``paragraph`` (of ``style``) shows, counted; ``None`` if it has none."""
        if self._element is None:
            return None
        num_id, level = self._numbering_of(paragraph, style)
        definition = self._level(num_id, level) if num_id and num_id != "0" else None
        if definition is None:
            return None
        abstract = self._abstract_id(num_id)
        counts = self._counts.setdefault(abstract, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for overridden in xpath(self._element, "./w:num[@w:numId=$num]/w:lvlOverride[w:startOverride]/@w:ilvl",
                                     num=num_id):
                counts.pop(_whole(overridden), None)
        counts[level] = counts[level] + 1 if level in counts else self._start(num_id, level)
        for deeper in [deeper for deeper in counts if deeper > level]:
            del counts[deeper]
        text = re.sub(r"%([1-9])", lambda match: self._shown(num_id, int(match[1]) - 1, counts, definition),
                      xpath(definition, "string(./w:lvlText/@w:val)"))
        bullet = xpath(definition, "string(./w:numFmt/@w:val)") == "bullet"
        return _Number(text + _separator(text, definition), _list_class(definition),
                       None if bullet else counts[level], num_id, level, abstract,
                       not bullet and not _counted_shape(definition, level))

    def _numbering_of(self, paragraph, style) -> tuple[str | None, int]:
        """The numbering and level a paragraph has: set on it, on its style (or a base style), or
        by its style's being a level's (``w:lvl/w:pStyle``, Word's headings linked to a list)."""
        num_id = xpath(paragraph, "string(./w:pPr/w:numPr/w:numId/@w:val)") or inherited(
            style, "string(./w:pPr/w:numPr/w:numId/@w:val)")
        level = xpath(paragraph, "string(./w:pPr/w:numPr/w:ilvl/@w:val)") or inherited(
            style, "string(./w:pPr/w:numPr/w:ilvl/@w:val)")
        if not num_id and style is not None:
            for linked in xpath(self._element, "./w:abstractNum/w:lvl[w:pStyle/@w:val=$style]",
                                 style=style.style_id):
                abstract = linked.getparent().get(f"{W}abstractNumId")
                if nums := xpath(self._element, "./w:num[w:abstractNumId/@w:val=$abstract]/@w:numId",
                              abstract=abstract):
                    return nums[0], _whole(linked.get(f"{W}ilvl", "0"))
        return num_id or None, _whole(level)

    def _abstract_id(self, num_id: str) -> str:
        return xpath(self._element, "string(./w:num[@w:numId=$num]/w:abstractNumId/@w:val)", num=num_id)

    def _level(self, num_id: str, level: int):
        """The definition of ``level`` of numbering ``num_id``: overridden in it, else its list's."""
        overridden = xpath(self._element, "./w:num[@w:numId=$num]/w:lvlOverride[@w:ilvl=$level]/w:lvl",
                            num=num_id, level=str(level))
        if overridden:
            return overridden[0]
        found = xpath(self._element, "./w:abstractNum[@w:abstractNumId=$abstract]/w:lvl[@w:ilvl=$level]",
                       abstract=self._abstract_id(num_id), level=str(level))
        return found[0] if found else None

    def _start(self, num_id: str, level: int) -> int:
        written = xpath(self._element, "string(./w:num[@w:numId=$num]/w:lvlOverride[@w:ilvl=$level]"
                         "/w:startOverride/@w:val)", num=num_id, level=str(level))
        if not written and (definition := self._level(num_id, level)) is not None:
            written = xpath(definition, "string(./w:start/@w:val)")
        return _whole(written, 1)

    def _shown(self, num_id: str, level: int, counts: dict[int, int], within) -> str:
        """Level ``level``'s count as ``within`` (the level being numbered) shows it: in its own
        kind of number, or in figures where ``within`` is a legal numbering (1.1)."""
        definition = self._level(num_id, level)
        kind = xpath(definition, "string(./w:numFmt/@w:val)") if definition is not None else "decimal"
        if xpath(within, "./w:isLgl[not(@w:val) or @w:val!='0' and @w:val!='false']"):
            kind = "decimal"
        return formatted(counts.get(level, self._start(num_id, level)), kind)


def _whole(written: str, otherwise: int = 0) -> int:
    """A number as Word writes it in an attribute, ``otherwise`` where it is none (a damaged file)."""
    return int(written) if written.isascii() and written.isdigit() else otherwise


def _separator(text: str, definition) -> str:
    """What Word sets between a heading's number (``text``) and its words, by ``definition``'s
    ``w:suff`` (a tab unless it says a space or nothing; see :func:`number_separator`)."""
    if xpath(definition, "string(./w:suff/@w:val)") == "nothing":
        return ""
    return number_separator(text)


def number_separator(text: str) -> str:
    """What is set for the tab Word puts between a number it shows (``text``) and the words:
    nothing after 、 or （1）, a full-width space after 第一章, a space after 1.2."""
    if re.search(r"[、）．：]$", text):
        return ""
    return "\u3000" if HAS_HAN.search(text) else " "


def _counted_shape(definition, level: int) -> bool:
    """Whether a list's class prints the number of ``level`` counted by ``definition`` (a ``w:lvl``)
    as Word shows it: its shape is one of :data:`_COUNTED_SHAPES`."""
    number_format = xpath(definition, "string(./w:numFmt/@w:val)")
    shapes = _COUNTED_SHAPES
    if number_format in _RIGHT_PAREN:
        shapes += (_RIGHT_PAREN_SHAPE,)
    if number_format in _LETTERS:
        shapes += (_COUNTED_LETTER_SHAPE,)
    return xpath(definition, "string(./w:lvlText/@w:val)") in {shape.format(n=level + 1) for shape in shapes}


def _list_class(definition) -> str | None:
    """The class a list counted by ``definition`` (a ``w:lvl``) is given, if not plain figures (1.)."""
    number_format = xpath(definition, "string(./w:numFmt/@w:val)")
    kind = _LIST_CLASSES.get(number_format, "decimal")
    shape = xpath(definition, "string(./w:lvlText/@w:val)")
    if number_format in _RIGHT_PAREN and re.fullmatch(r"%\d\)", shape):
        return _RIGHT_PAREN[number_format]
    if re.fullmatch(r"[（(]%\d[）)]", shape):
        return _PARENTHESISED.get(kind, kind)
    if re.fullmatch(r"%\d、", shape):
        return _WITH_COMMA.get(kind, kind)
    return None if kind == "decimal" else kind


def formatted(number: int, kind: str) -> str:
    """``number`` written as Word's number format ``kind`` (numFmt) writes it; unknown kinds in figures."""
    if kind in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "japaneseCounting"):
        return chinese_numeral(number)
    if kind == "chineseLegalSimplified":
        return chinese_numeral(number).translate(_FORMAL)
    if kind in ("ideographDigital", "taiwaneseDigital"):
        return "".join("〇一二三四五六七八九"[int(digit)] for digit in str(number))
    if kind == "ideographTraditional":
        return _STEMS[(number - 1) % len(_STEMS)]
    if kind == "ideographZodiac":
        return _BRANCHES[(number - 1) % len(_BRANCHES)]
    if kind.startswith("decimalEnclosedCircle") and 1 <= number <= 20:
        return chr(0x2460 + number - 1)
    if kind in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(number - 1) % 26] * ((number - 1) // 26 + 1)
        return letter.upper() if kind == "upperLetter" else letter
    if kind in ("lowerRoman", "upperRoman"):
        return roman(number).lower() if kind == "lowerRoman" else roman(number)
    if kind == "decimalZero":
        return f"{number:02d}"
    if kind == "decimalFullWidth":
        return "".join(chr(ord(digit) + 0xFEE0) for digit in str(number))
    if kind in ("none", "bullet"):
        return ""
    return str(number)
