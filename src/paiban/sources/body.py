"""The finishing steps every article body goes through, whatever format it came from."""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from .. import patterns
from .. import pixels, punctuation
from ..chars import quoted
from ..edition import punctuation_kept
from ..errors import PaibanError
from ..media import image_type
from ..paths import file_as_windows_reads, inside
from ..pixels import picture_fault
from ..xhtml import (APART, BOX, DECORATIVE, IN_LINE, TAG, add_class, bold_alone, clean_fragment, decorative, drop,
                     map_paragraphs_in, map_runs_in, map_text_in, remove_class, rewrite, safe_id)
from .direction import set_directions
from .embedded import IMAGE_CACHE
from .encoding import read_text
from .letters import set_salutations
from .verse import set_as_poems

log = logging.getLogger("paiban")

_HEADING = patterns.compile(r"^h([1-6])$")
_HEADINGS = ".//h1|.//h2|.//h3|.//h4|.//h5|.//h6"  # in the order they are read
# What an article body may hold, whatever its format, refused as it is read. Nested deeper, it
# breaks the EPUB (libxml2 parses 256 levels, the pages around a body taking some) and the PDF
# (WeasyPrint recurses past Python's limit at some 140); a longer paragraph, the PDF (WeasyPrint
# lays one out in a time growing as its square: 200,000 characters took half a minute, a million
# hours) and, at 10 MB of text, the EPUB. A list in a table in a quotation is ten deep.
DEEPEST = 64
LONGEST_PARAGRAPH = 100_000
# The outermost elements nested deeper than that under the body's wrapper (one XPath in C, no walk).
_DEEPER = f".//*[count(ancestor::*) = {DEEPEST + 1}]"
# Whether such an element holds a picture, or reaches the depth past which lxml's HTML parser
# leaves out what it reads, unsaid (254 under the wrapper: libxml2's 256 levels), so may have held text.
_MAY_HOLD_SOMETHING = "boolean(descendant-or-self::img or .//*[count(ancestor::*) >= 250])"
# The article title is h2 under the chapter's h1; the body's own headings start below it.
FIRST_BODY_LEVEL = 3
# A caption written as a paragraph of its own (表1　各地纸张价格, 图 2：示意): the word, a number
# (1, 一, 1-2, 1.2; in an appendix, its letter first: GB/T 7713.1's 图A1, 表B2, and the schools'
# 表A-1, 表A.1), a space, a colon or a full stop, and a title. A sentence about the table is no
# caption: 表1显示……, or with a space, 表 1 列出了……, 表2 显示了……, 表 1 中的…… (a verb or a word
# that goes on the sentence, not a title); nor is 表1： alone. An ordinary space is put around a
# number in a sentence too, so the title after it must not open with such a word; a full-width
# space, a colon or a full stop (:data:`_MARKED`) parts a number from its title only in a caption,
# and the title after one is taken whatever it opens with (图1　与母亲在外滩, 图3　中山公园的樱花,
# 图1　说明). A full stop followed by a digit is the number's own (图1.2显示了……). It is one short line
# (:data:`_LONGEST_CAPTION`) and ends in no full stop and no colon or semicolon, which introduce
# what follows. When unsure, a paragraph stays a paragraph. Each word in its Simplified and its
# Traditional forms (圖1　……, 表2 顯示了……): a book may be written in either.
_NUMBER = r"(?:(?:[A-ZＡ-Ｚ][-.－．]?)?[0-9０-９]+(?:[-.－．][0-9０-９]+)*|[一二三四五六七八九十百〇零]+)"
_GOES_ON = (r"(?:列出|列[举舉]|[显顯]示|[给給]出|是|[为為]|的|中(?![国國华華央外文])|[里裡裏]|[内內]|[说說]明"
            r"|表明|可[见見]|可知|所示|所列|反映|展示|呈[现現]|描述|概括|[总總][结結]|比[较較]|[对對]比|包括"
            r"|[记記][录錄]|提供|告[诉訴]|和|[与與]|及|[则則]|也|就|[将將]|把|[对對])")
_MARKED = r"\s*(?:　|[:：]|[.．](?![0-9０-９]))\s*"


def _caption_pattern(word: str) -> re.Pattern[str]:
    """A caption opening with ``word`` (表, 图) and its number, then a title."""
    return patterns.compile(rf"{word}\s*{_NUMBER}(?:{_MARKED}|\s+(?!{_GOES_ON}))\S")


_TABLE_CAPTION = _caption_pattern("表")
_FIGURE_CAPTION = _caption_pattern("[图圖]")
_LONGEST_CAPTION = 60
# A statistical table's unit line, which a yearbook sets between the table's caption and the table:
# 单位：万元, 单位：%, 计量单位：吨, 金额单位：亿元, （单位：人）. It goes with the caption.
_UNIT_LINE = patterns.compile(r"[（(]?[\u4e00-\u9fff]{0,2}[单單]位\s*[：:]\s*[^\s。！？；][^。！？；]{0,30}")
# The class of a unit line in its table's caption, set under the caption's title, flush right.
TABLE_UNIT = "table-unit"
_NO_CAPTION_END = ("。", "！", "？", ".", "!", "?", "：", ":", "；", ";")


def finish_body(raw: str, source: Path, root: Path) -> tuple[str, tuple[str, ...]]:
    """Sanitise, normalise punctuation, re-level headings, resolve images. Returns (body, images)."""
    images: list[str] = []
    body = tidy_body(raw, FIRST_BODY_LEVEL, lambda img: _resolve_image(img, source, root, images), source)
    return body, tuple(dict.fromkeys(images))


def raised(body: str) -> str:
    """``body``'s headings one level up (h3 → h2, h4 → h3 …), for an article printed without a
    title of its own (its chapter's ``<h1>`` says it, see ``assemble``): under the h1 its
    sections would otherwise start at h3, and a screen reader's list of headings would show an
    h2 left out. What looked like a section keeps that look (``.untitled`` in base.css). A
    heading deeper than h6 (:func:`_set_level`) comes up to its own level."""
    def raise_heading(element: etree._Element) -> None:
        if match := _HEADING.match(element.tag):
            _set_level(element, max(FIRST_BODY_LEVEL - 1, int(element.get("aria-level") or match[1]) - 1))
    return rewrite(body, raise_heading)


def _set_level(heading: etree._Element, level: int) -> None:
    """``heading`` made one of ``level``. Past h6, HTML's last heading element, it is an h6 that
    gives its level in ``aria-level``, which screen readers and reading systems take: an article's
    ``#####`` and ``######`` (h6 and h7 under its title's h2) were both plain h6, one level of its
    outline where the author wrote two."""
    heading.tag = f"h{min(6, level)}"
    if level > 6:
        heading.set("aria-level", str(level))
    else:
        heading.attrib.pop("aria-level", None)


def _figures(root: etree._Element) -> None:
    """A paragraph holding nothing but an image is a figure, captioned with the image's title
    (``![alt](file "title")``), else a caption paragraph right after it (``图1　……``, which
    would print as body text apart from its picture), else its alt text — as Pandoc does.
    The pictures are walked, not the paragraphs: most bodies have none."""
    for image in list(root.iter("img")):
        paragraph = image.getparent()
        if (paragraph.tag != "p" or len(paragraph) != 1 or (paragraph.text or "").strip()
                or (image.tail or "").strip()):
            continue
        figure = etree.Element("figure")
        # The paragraph's id is the figure's: an HTML <p id> round a picture, and a Markdown caption's
        # {#图1-1} on the line under its picture, which _part_captions_from_pictures leaves on the
        # picture's paragraph (a link to it was unlinked, "no id 图1-1").
        if own := paragraph.get("id"):
            figure.set("id", own)
        image.tail = None
        figure.append(image)
        written = None if image.get("title") else _caption_beside(paragraph, _FIGURE_CAPTION, after=True)
        if written is not None:
            figure.append(caption := _as_caption(written, "figcaption"))
            if caption.get("id") and not image.get("id") and not own:  # a link shows the picture, not what is below
                figure.set("id", caption.attrib.pop("id"))
        elif caption := image.get("title") or image.get("alt"):
            shown = etree.SubElement(figure, "figcaption")
            shown.text = caption
            if not image.get("title"):  # the alt text again: a screen reader has read it (as Pandoc 3 marks it)
                shown.set("aria-hidden", "true")
        elif decorative(image):  # a figure of nothing to a screen reader, which announced it empty
            figure.set("role", "presentation")
        figure.tail = paragraph.tail
        paragraph.getparent().replace(paragraph, figure)


def _table_captions(root: etree._Element) -> None:
    """A caption paragraph right before a table (``表1　各地纸张价格``) becomes its ``<caption>``,
    so every format sets it as a caption and keeps it with its table (as a paragraph it printed as
    body text, indented, and could be parted from the table by a page break). A table that has a
    caption (HTML's own) keeps it. A unit line between the caption and the table (单位：万元), as
    a yearbook sets it, goes into the caption, on a line of its own under its title
    (``div.table-unit``): it kept the caption from being one, and was a paragraph of the text."""
    for table in list(root.iter("table")):
        if table.find("caption") is not None:
            continue
        unit = _paragraph_beside(table)
        unit = unit if unit is not None and _UNIT_LINE.fullmatch("".join(unit.itertext()).strip()) else None
        if (written := _caption_beside(table if unit is None else unit, _TABLE_CAPTION)) is None:
            continue
        caption = _as_caption(written, "caption")
        if unit is not None:
            _under_title(caption, _as_caption(unit, "div"))
        table.insert(0, caption)


def _under_title(caption: etree._Element, unit: etree._Element) -> None:
    """The ``unit`` line put in ``caption``, under its title, after a line break: the caption's text,
    which names the table in warnings and is found by in its source, reads as its two lines."""
    add_class(unit, TABLE_UNIT)
    if len(caption):
        caption[-1].tail = (caption[-1].tail or "") + "\n"
    else:
        caption.text = (caption.text or "") + "\n"
    caption.append(unit)


def _paragraph_beside(element: etree._Element, after: bool = False) -> etree._Element | None:
    """The paragraph right before ``element`` (after it if ``after``), nothing but text between them."""
    paragraph = element.getnext() if after else element.getprevious()
    if paragraph is None or paragraph.tag != "p" or ((element if after else paragraph).tail or "").strip():
        return None
    return paragraph


def _caption_beside(element: etree._Element, pattern: re.Pattern[str], after: bool = False) -> etree._Element | None:
    """The paragraph right before ``element`` (after it if ``after``), nothing but text between
    them, if it is a caption: one short line of text that ``pattern`` matches, ending in no full
    stop, colon or semicolon."""
    paragraph = _paragraph_beside(element, after)
    return paragraph if paragraph is not None and _is_caption(paragraph, pattern) else None


def _is_caption(paragraph: etree._Element, pattern: re.Pattern[str]) -> bool:
    """Whether ``paragraph`` is a caption: one short line of text that ``pattern`` matches,
    ending in no full stop, colon or semicolon."""
    text = "".join(paragraph.itertext()).strip()
    inline = all(child.tag in IN_LINE and child.tag not in ("br", "img") for child in paragraph.iterdescendants())
    short = len(text) <= _LONGEST_CAPTION and not text.endswith(_NO_CAPTION_END)
    return inline and short and bool(pattern.match(text))


def _part_captions_from_pictures(root: etree._Element) -> None:
    """A picture and its caption on the next line of one paragraph (``![红烧肉成品](dish.png)``, then
    ``图1　红烧肉成品`` under it with no blank line between; a Word picture and its caption after
    Shift+Enter; ``<img><br>图1 …``) parted into two paragraphs, the picture alone and its caption,
    which :func:`_figures` makes a figure as it does a caption paragraph under a picture. As one
    paragraph the picture was set in the line, the caption justified beside it. A line that is no
    caption (图1显示了……) stays where it is."""
    for paragraph in list(root.iter("p")):
        if (second := _line_after_picture(paragraph)) is None:
            continue
        index, text = second
        caption = paragraph.makeelement("p", {name: value for name, value in paragraph.items() if name != "id"})
        caption.text = text.lstrip()
        caption.extend(deepcopy(child) for child in paragraph[index:])
        if _is_caption(caption, _FIGURE_CAPTION):
            del paragraph[1:]
            paragraph[0].tail = None
            caption.tail, paragraph.tail = paragraph.tail, None
            paragraph.addnext(caption)


def _line_after_picture(paragraph: etree._Element) -> tuple[int, str] | None:
    """Where the second line of ``paragraph`` starts, when its first is a picture alone: the index
    of its first element after the line break and the text before that element. The break is a
    ``<br>`` or a new line (Markdown's soft break)."""
    if (paragraph.text or "").strip() or not len(paragraph) or paragraph[0].tag != "img":
        return None
    tail = paragraph[0].tail or ""
    if not tail.strip() and len(paragraph) > 1 and paragraph[1].tag == "br":
        return 2, paragraph[1].tail or ""
    return (1, tail) if tail.lstrip(" \t").startswith("\n") else None


def _as_caption(paragraph: etree._Element, tag: str) -> etree._Element:
    """A ``tag`` element holding ``paragraph``'s text, markup and attributes (its id, for links);
    the paragraph is taken out of the body."""
    caption = paragraph.makeelement(tag, dict(paragraph.attrib))
    caption.text = (paragraph.text or "").lstrip()
    caption.extend(paragraph)
    drop(paragraph)
    return caption


def tidy_body(raw: str, first_level: int, on_image: Callable[[etree._Element], None],
              source: str | Path = "an article") -> str:
    """Sanitise, drop empty headings, move the headings so the highest is ``first_level``, hand each
    ``<img>`` to ``on_image`` (it may change or drop it), keep each id once, write each ``<q>`` with
    its marks, part a picture from its caption on the line under it, set verse as poems, mark a
    letter's salutation (:mod:`.letters`), normalise
    punctuation (not of text kept as written: no-convert, or in another language, whose marks are
    its own: an English ``they were known; it was`` is no Chinese to mend; a straight quotation,
    a space after a full-width mark and a line break between Chinese characters, across the
    markup of its paragraph), make a caption paragraph before a table its caption, and each
    picture standing alone in its paragraph a figure with its caption (:func:`_figures`): the
    build's and ``paiban import``'s alike, which writes each figure as its image with its caption,
    so that a Word picture's 图1　…, a paragraph of its own there, stays its caption in the book the
    import makes; and set each paragraph written in a right-to-left script (Uyghur) right to left
    (:mod:`.direction`).
    ``source`` names the article in warnings."""
    def tidy(root: etree._Element) -> None:
        _refuse_oversized(root, source, may_be_long=len(raw) > LONGEST_PARAGRAPH)
        _boxes(root)
        _drop_empty_headings(root)
        headings = root.xpath(_HEADINGS)
        levels = [int(heading.tag[1]) for heading in headings]
        _warn_skipped_level(headings, levels, source)
        shift = first_level - min(levels) if levels else 0
        for element in list(root.iter()):
            if element is root or not isinstance(element.tag, str):
                continue
            if shift and (match := _HEADING.match(element.tag)):
                _set_level(element, int(match[1]) + shift)
            elif element.tag == "img":
                _mark_decorative(element)
                on_image(element)
        _valid_ids(root, source)
        write_quotations(root)
        _part_captions_from_pictures(root)
        set_as_poems(root)
        set_salutations(root)
        map_paragraphs_in(root, punctuation.pair_marks_across, attributes=("alt", "title"), keep=punctuation_kept,
                          code_kept=True)
        _normalise_punctuation(root)
        _drop_spaces_after_marks(root)
        _drop_soft_breaks_at_markup(root)
        _table_captions(root)
        _figures(root)
        set_directions(root)

    return clean_fragment(raw, source, tidy)


def _normalise_punctuation(root: etree._Element) -> None:
    """Each text's punctuation normalised (not of text kept as written). In a block with ruby, where
    each character with a reading is a text of its own, each is read with the texts beside it in its
    run: a mark between two rubies finds its Chinese in their bases, not in their readings. So is a
    block where a Latin mark follows an in-line element that ends in Chinese (:func:`_mark_after_chinese`):
    a linked @mention's colon, ``<a>@路人甲</a>: 我也是``, stayed half width beside the unlinked
    ``@路人甲：我也是`` of the same 转发 chain, its Chinese in the link's text. Every other text is read
    alone, as in a body without ruby (a walk of the runs costs more, and read with its neighbours
    across emphasis, 他说:*走*!, a paragraph printed otherwise with a ruby elsewhere in the article)."""
    def across(block: etree._Element) -> None:
        map_runs_in(block, lambda texts, kept, _: punctuation.normalise_across(texts, kept),
                    attributes=("alt", "title"), keep=punctuation_kept)

    read_across = {_paragraph_of(ruby, root) for ruby in root.iter("ruby")}
    read_across |= {_paragraph_of(element, root) for element in root.iter(*IN_LINE) if _mark_after_chinese(element)}
    if root in read_across:  # in the body's own text, in no block
        across(root)
        return
    outermost = {block for block in read_across if not any(above in read_across for above in block.iterancestors())}
    map_text_in(root, punctuation.normalise, attributes=("alt", "title"),
                skip=lambda element: element in outermost or punctuation_kept(element))
    for block in outermost:
        across(block)


def _mark_after_chinese(element: etree._Element) -> bool:
    """Whether the in-line ``element`` ends in Chinese and a Latin , ; : ? ! begins the text after it,
    which read alone has no Chinese before the mark (``<a>@路人甲</a>: 我也是``, 他说[老王](…): 好的).
    (Whether the element is kept as written, code or another language's, the reading across judges.)"""
    tail = element.tail
    return bool(tail and tail[0] in ",;:?!" and punctuation.CJK_CHAR.fullmatch("".join(element.itertext())[-1:]))


def _drop_spaces_after_marks(root: etree._Element) -> None:
    """The space typed after a full-width mark that ends an in-line element (**小贴士：** 如果, a
    Word bold run 小贴士：␠ before 如果) dropped, as :func:`punctuation.normalise` drops one in a
    text (:func:`punctuation.drop_spaces_after_marks_across`). Only a body that has such an element,
    its paragraph's text going on after it, has its paragraphs read again: a walk of every paragraph
    took a sixth of the reading of a body. Code is read too (as kept), for the space after
    ``安装方法：`pip install` 即可`` to be after the code, not after the mark."""
    marks = tuple(punctuation.FULL_MARKS_WITH_BLANK)
    if any((element.tail or "").strip() and "".join(element.itertext()).rstrip().endswith(marks)
           for element in root.iter(*IN_LINE)):
        map_paragraphs_in(root, punctuation.drop_spaces_after_marks_across, keep=punctuation_kept, code_kept=True)


def _drop_soft_breaks_at_markup(root: etree._Element) -> None:
    """A line break between two Chinese characters at the edge of an in-line element (a Markdown
    line that starts with bold, 最后一个问题——⏎**答：**您问吧) dropped, as
    :func:`punctuation.normalise` drops one in a text (:func:`punctuation.drop_soft_breaks_across`):
    printed, it was a space. Only a body with a line break at such an edge has its runs read
    again, as in :func:`_drop_spaces_after_marks`."""
    if any(_at_line_break(element) for element in root.iter(*IN_LINE - APART)):
        map_runs_in(root, lambda texts, kept, _: punctuation.drop_soft_breaks_across(texts, kept),
                    keep=punctuation_kept)


def _at_line_break(element: etree._Element) -> bool:
    """Whether a line break of the source touches an edge of the in-line ``element``, outside it or
    inside (not inside code, whose line breaks are its own: a code block's last line ends in one)."""
    previous = element.getprevious()
    before = (element.getparent().text if previous is None else previous.tail) or ""
    if before.rstrip(" \t").endswith("\n") or (element.tail or "").lstrip(" \t").startswith("\n"):
        return True
    if element.tag == "code":
        return False
    inside = "".join(element.itertext()).strip(" \t")
    return inside.startswith("\n") or inside.endswith("\n")


# The marks of an HTML quotation (``<q>``), and of one inside another quotation.
_QUOTATION_MARKS = (("“", "”"), ("‘", "’"))


def write_quotations(root: etree._Element) -> None:
    """Each ``<q>`` as its text between literal marks, “ ” (‘ ’ inside another), as Pandoc reads
    HTML quotations: they then take the edition's quote style as typed quotations do (「」『』 in a
    corner edition, where a ``<q>`` printed curly marks, and an EPUB reader's own default ones).
    A body's and its title's alike: the readers write a title heading's before taking its text.
    It is inside another when a quotation opened before it in its paragraph is still open: a
    ``<q>`` around it (its marks are written first) or a typed one (“她说<q>嵌套</q>了”).
    One with attributes (its lang, id, class) stays a span, which keeps them, its marks inside it."""
    for quotation in list(root.iter("q")):
        before = _text_before(quotation, _paragraph_of(quotation, root))
        opening, closing = _QUOTATION_MARKS[punctuation.innermost_open(before) in ("“", "「")]
        quotation.text = opening + (quotation.text or "")
        if len(quotation):
            quotation[-1].tail = (quotation[-1].tail or "") + closing
        else:
            quotation.text += closing
        if quotation.attrib:
            quotation.tag = "span"
    etree.strip_tags(root, "q")


def _paragraph_of(element: etree._Element, root: etree._Element) -> etree._Element:
    """The paragraph ``element`` is in: its nearest ancestor that is no in-line element, or ``root``."""
    return next((ancestor for ancestor in element.iterancestors() if ancestor.tag not in IN_LINE), root)


def _text_before(element: etree._Element, paragraph: etree._Element) -> str:
    """The text of ``paragraph`` before ``element``, in reading order."""
    texts = []
    for event, node in etree.iterwalk(paragraph, events=("start", "end")):
        if node is element:
            break
        if event == "start":
            if isinstance(node.tag, str):  # a comment's text is none of the paragraph's
                texts.append(node.text or "")
        elif node is not paragraph:
            texts.append(node.tail or "")
    return "".join(texts)


def _warn_skipped_level(headings: list[etree._Element], levels: list[int], source: str | Path) -> None:
    """A heading two or more levels below the one before it (``##`` then ``####``) stays so once
    moved (h3 then h5): a screen reader's list of headings then has a gap, which reads as a
    heading left out. The article's title comes before its first heading, a level above the
    highest (the levels are moved so that one is under the title): a first heading deeper than a
    later one (``####`` then ``##``: h5 then h3 under the h2 title) skips too. The source says
    which level it meant, so it is told, at the first skip of the article (once: one mistake is
    often copied down the whole file), not guessed."""
    if not levels:
        return
    before = [min(levels) - 1, *levels]
    skip = next((index for index, level in enumerate(levels) if level > before[index] + 1), None)
    if skip is None:
        return
    text = " ".join("".join(headings[skip].itertext()).split())
    wanted, written = before[skip] + 1, levels[skip]
    line = _heading_line(source, written, text) if isinstance(source, Path) else None
    log.warning("%s%s: the heading %s is at level %d right after %s, leaving out level %d: screen readers then "
                "list a heading as missing. Make it level %d (%s in Markdown, <h%d> in HTML)",
                source, f":{line}" if line else "", quoted(text), written,
                f"one at level {before[skip]}" if skip else "the article's title", wanted,
                wanted, "#" * wanted, wanted)


# What a heading's line may hold around its text: tags, and Markdown's emphasis and code marks.
_AROUND_TEXT = patterns.compile(r"<[^>]*>|[*_`]")


def _heading_line(source: Path, level: int, text: str) -> int | None:
    """The line of ``source`` where the heading of ``level`` with ``text`` is: one that opens a
    heading of that level (``####``, ``<h4``) and holds the text's start once its markup is taken
    out (``#### **重点**``). A body line that only mentions the words is not it, nor is any line
    for a heading without text (a picture alone)."""
    try:
        lines = read_text(source).text.splitlines()
    except PaibanError:  # unreadable now, or a Word document (it has no lines to point at)
        return None
    start = text[:20]
    opens = ("#" * level + " ", f"<h{level}")
    return next((number for number, line in enumerate(lines, 1)
                 if start and line.lstrip().lower().startswith(opens) and start in _AROUND_TEXT.sub("", line)), None)


def _mark_decorative(img: etree._Element) -> None:
    """Mark a decorative picture as one (``alt=""``, ``role="presentation"``): HTML's explicit
    ``alt=""``, a ``role="presentation"`` (or ``none``), Markdown's ``{.decorative}``. Markdown's
    ``![](…)`` says nothing (its reader leaves it without alt), so it stays a picture without
    alt text. A picture with alt text is described, whatever its role says: it keeps its text."""
    if DECORATIVE in (img.get("class") or "").split():
        remove_class(img, DECORATIVE)
        img.set("role", "presentation")
    alt = img.get("alt")
    if alt is not None and alt.strip():
        img.attrib.pop("role", None)
    elif alt is not None or decorative(img):
        img.set("alt", "")
        img.set("role", "presentation")


# A box's title line (知识链接), set flush and kept with the box's text (base.css, print.css).
BOX_TITLE = "box-title"


def _boxes(root: etree._Element) -> None:
    """Each ``<aside>`` a box (``<div class="box">``), as ``::: box`` and an HTML article's
    ``<div class="box">`` are: a sidebar the theme sets apart, where an aside printed as plain
    paragraphs. (No aside here is a note: every format's notes are ``section.footnotes`` by now, and
    only the EPUB makes asides of them.) A box's title is its first line, when that is bold alone
    (``**知识链接**``) or a heading: the heading becomes such a line, lest it number, head a section
    of the contents or move the article's other headings a level."""
    for aside in list(root.iter("aside")):
        aside.tag = "div"
        add_class(aside, BOX)
    for box in root.xpath(f".//div[contains(concat(' ', normalize-space(@class), ' '), ' {BOX} ')]"):
        first = next(iter(box), None)
        if first is None or (box.text or "").strip() or not isinstance(first.tag, str):
            continue
        if _HEADING.match(first.tag):
            title = etree.Element("strong")
            title.text, title[:] = first.text, list(first)
            first.tag, first.text, first.attrib["class"] = "p", None, BOX_TITLE
            first.append(title)
        elif first.tag == "p" and bold_alone(first):
            add_class(first, BOX_TITLE)


def _drop_empty_headings(root: etree._Element) -> None:
    """A heading with nothing in it (a page's ``<h1>  </h1>``) would print as a blank heading, and
    be written by ``paiban import`` as a bare ``##``. Its spaces may be full-width or no-break.
    But an empty heading may be a link's target (``## {#细节}``, ``<h3><a id="x"></a></h3>``):
    its ids (and an old ``<a name>``) stay where it was, on empty spans, so the links still lead there."""
    for heading in root.xpath(_HEADINGS):
        if "".join(heading.itertext()).strip() or heading.find(".//img") is not None:
            continue
        targets = dict.fromkeys(filter(None, (element.get("id") or element.get("name")
                                              for element in heading.iter() if isinstance(element.tag, str))))
        for target in targets:
            heading.addprevious(heading.makeelement("span", {"id": target}))
        drop(heading)


def _refuse_oversized(root: etree._Element, source: str | Path, may_be_long: bool) -> None:
    """An error for text or a picture nested over :data:`DEEPEST` levels, or a paragraph over
    :data:`LONGEST_PARAGRAPH` characters (the text of the markup inside a line counted in its
    paragraph's). Paragraphs are measured only in a body that ``may_be_long``: a shorter one's
    markup cannot hold such a paragraph (and most bodies are, so the walk is spared).

    Markup nested deeper with nothing in it is cut at that depth, which loses nothing: a forum
    post's separator line of 70 ``>`` is as many quotations in quotations, empty, and stopped the
    build with an error that could name no line (it has no words to find)."""
    for deep in root.xpath(_DEEPER):
        if "".join(deep.itertext()).strip() or deep.xpath(_MAY_HOLD_SOMETHING):
            raise nested_too_deep(source, _line_in_source(deep, source))
        drop(deep)
    if not may_be_long:
        return
    blocks: list[list] = []  # the open paragraphs (any block), innermost last, and their length so far
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "start":
            if element is root or element.tag not in IN_LINE:
                blocks.append([element, 0])
            blocks[-1][1] += len(element.text or "")
        else:
            if element is blocks[-1][0]:
                blocks.pop()
            if blocks:
                blocks[-1][1] += len(element.tail or "")
        if blocks and blocks[-1][1] > LONGEST_PARAGRAPH:
            raise PaibanError(f"a paragraph is over {LONGEST_PARAGRAPH} characters long", file=source,
                              line=_line_in_source(blocks[-1][0], source),
                              hint=f"paiban takes paragraphs of at most {LONGEST_PARAGRAPH} characters (some 200 "
                                   "printed pages): the PDF's layout would take hours over a longer one. Break it "
                                   "into paragraphs (an empty line between them).")


def nested_too_deep(source: str | Path, line: int | None) -> PaibanError:
    """The error for text nested over :data:`DEEPEST` levels, at ``line`` of ``source``."""
    return PaibanError(f"the markup is nested over {DEEPEST} deep", file=source, line=line,
                       hint=f"paiban takes markup nested at most {DEEPEST} elements deep (a list in a table in a "
                            "quotation is ten): the EPUB's and the PDF's makers stop short of far deeper markup. "
                            "Take out the nesting (HTML pasted from elsewhere? In Markdown, each > and each list "
                            "item in a list opens a level).")


def _line_in_source(element: etree._Element, source: str | Path) -> int | None:
    """The line of the source where the first words of ``element`` are, else the file of its first
    picture, if found."""
    words = next((text.strip()[:20] for text in element.itertext() if text.strip()), None)
    if words is None:  # (a Markdown picture's file name is percent-encoded by now)
        words = next((unquote(picture.get("src", "")) for picture in element.iter("img")), "")
    return line_of(source, words) if words and isinstance(source, Path) else None


def _resolve_image(img: etree._Element, source: Path, root: Path, images: list[str]) -> None:
    """Point ``img`` at a book-relative path; remote and outside images are refused, never fetched,
    and so is a file whose name says no picture format (``img/photo``, ``p2.dat``): the EPUB names
    each picture's media type by its suffix, and the build's fingerprint counts only pictures'."""
    src = img.get("src", "")
    parts = urlsplit(src)
    written = unquote(src)  # as the article has it: Markdown percent-encodes a Chinese file name
    if parts.scheme or parts.netloc or not parts.path:
        # The sanitiser empties a data: URL (only HTML's reader keeps those, as embedded images).
        what = f"image {quoted(written)}" if written else "an image embedded as a data: URL (or with no src)"
        log.warning("%s: %s is not a file in the book; it was left out "
                    "(copy the image into the book and refer to it by a relative path)",
                    at_picture(source, src) if src and isinstance(source, Path) else source, what)
        leave_out(img)
        return
    target = (source.parent / unquote(parts.path)).resolve()
    if not inside(target, root):
        meant = _from_the_book(unquote(parts.path), source, root)
        raise PaibanError(f"image {quoted(written)} is outside the book directory", file=source,
                          line=line_of(source, written),
                          hint=f"Did you mean {quoted(meant)}? A path that begins with / is read from the disk's "
                               "root, not from a site's; a picture's path goes from the article's folder." if meant
                          else "Copy the image into the book directory and use a relative path.")
    if not target.is_file():
        meant = _from_the_book(unquote(parts.path), source, root)
        raise PaibanError(f"image {quoted(written)} not found", file=source, line=line_of(source, written),
                          hint=_where_it_is(written, unquote(parts.path), source, root, meant)
                          + f"Expected it at {target}.")
    if image_type(target) is None:
        raise _no_picture_suffix(written, target, source, root)
    if fault := picture_fault(target):
        what, hint = fault
        from_document = inside(target, root / IMAGE_CACHE) and hint != pixels.HINT  # its size is the picture's
        raise PaibanError(f"image {quoted(written)} {what}", file=source, line=line_of(source, written),
                          hint="Replace it in the document with a PNG or JPEG picture." if from_document else hint)
    relative = target.relative_to(root.resolve()).as_posix()
    img.set("src", relative)
    if img.get("alt") is None:
        img.set("alt", "")
    images.append(relative)


def _where_it_is(written: str, path: str, source: Path, root: Path, meant: str | None) -> str:
    """``Did you mean …?`` for a picture not found at ``path`` (``written`` in the article), with why
    it was not: a file name with a # or a ?, which a link reads as the start of a fragment or a query
    (``images/图#1.png`` looked for ``images/图``); a path written on Windows, which reads ``\\`` as
    ``/`` and a name in any case (``images\\图1.png``, ``images/Pic.JPG`` for ``images/pic.jpg``); or
    one from the book's folder (``meant``). Only a file inside the book is looked for: the hint told
    whether a file outside it was there (``x#/../../../etc/hostname``)."""
    if written != path and inside(literal := source.parent / written, root) and literal.is_file():
        escaped = written.replace("#", "%23").replace("?", "%3F")
        return (f"The file {quoted(written)} is there, but in a link a # begins a fragment and a ? a query, which "
                f"end the file's path: write them as %23 and %3F, {quoted(escaped)}. ")
    windows = file_as_windows_reads(source.parent, path)
    if windows is not None and inside(windows, root):
        relative = Path(os.path.relpath(windows.resolve(), source.parent.resolve())).as_posix()
        return (f"Did you mean {quoted(relative)}? The link finds it on Windows, an e-book's does not: write / "
                "between folders, and each name in the case of the file's. ")
    if meant:
        return f"Did you mean {quoted(meant)}? A picture's path goes from the article's folder, not from the book's. "
    return ""


def leave_out(img: etree._Element) -> None:
    """Take ``img`` out of the text, keeping the text that follows it, and the paragraph it was in
    when it held only the picture."""
    paragraph = img.getparent()
    drop(img)
    if paragraph.tag == "p" and not len(paragraph) and not (paragraph.text or "").strip():
        drop(paragraph)


# The folders a docs site serves its root's files from: Docusaurus's and Hugo's static/, VitePress's
# public/ (in its docs folder), VuePress's .vuepress/public/; and the folder itself (Jekyll, MkDocs).
_SITE_ROOTS = ("", "static", "public", ".vuepress/public")


def _from_the_book(path: str, source: Path, root: Path) -> str | None:
    """The path from ``source``'s folder to the file of the book at ``path`` read from the book's folder,
    if there is one: what an editor meant by ``/images/a.png`` (a web site's root) or, in
    ``01-章/01-甲.md``, by ``images/a.png``, which is ``../images/a.png`` from there. A path from the
    site's root is looked for in the folders a docs site serves it from too (:data:`_SITE_ROOTS`), in
    the book's folder or one above the article: ``/img/arch.png`` is Docusaurus's
    ``static/img/arch.png``, VitePress's ``docs/public/img/arch.png``."""
    within = path.lstrip("/\\")
    folders = [root]
    if path.startswith("/"):
        above = [folder for folder in (source.parent, *source.parent.parents) if inside(folder, root)]
        folders = [folder / served for folder in reversed(above) for served in _SITE_ROOTS]
    for folder in folders:
        meant = (folder / within).resolve()
        if meant.is_file() and inside(meant, root):
            return Path(os.path.relpath(meant, source.parent.resolve())).as_posix()
    return None


def _no_picture_suffix(written: str, target: Path, source: Path, root: Path) -> PaibanError:
    """The error for a picture whose name says no picture format: the file's to rename, or, for
    one the source carries (a .docx's, named by its media type), the source's to replace."""
    if inside(target, root / IMAGE_CACHE):
        return PaibanError("a picture in it is of a format paiban does not know", file=source,
                           hint="Replace it in the document with a PNG or JPEG picture.")
    return PaibanError(f"image {quoted(written)} has no picture suffix in its name", file=source,
                       line=line_of(source, written),
                       hint=f"Name the file as its format is ({target.stem}.png, {target.stem}.jpg …) and refer "
                            "to it by that name: the EPUB tells an e-reader what each picture is by its name.")


def line_of(source: Path, written: str, occurrence: int = 1) -> int | None:
    """The line of ``source`` where ``written`` appears the ``occurrence``-th time (for a message),
    if it does; read in the encoding the article was read in (GB18030, Big5 …)."""
    return line_in(source_lines(source), written, occurrence)


def text_lines(source: Path) -> list[str]:
    """The lines of ``source`` (:func:`source_lines`) without their tags, and their white space,
    which markup may put anywhere: an element's text, without its white space, is found in them
    where the element is written (a ruby's, 大象dàxiàng, at ``<ruby>大象<rt>dà</rt><rt>xiàng</rt></ruby>``,
    not in a title that says 大象)."""
    return ["".join(TAG.sub("", line).split()) for line in source_lines(source)]


def source_lines(source: Path) -> list[str]:
    """The lines of ``source``, read as :func:`line_of` reads them; none where it has none to point at."""
    try:
        return read_text(source).text.splitlines()
    except PaibanError:  # unreadable now, or a Word document (it has no lines to point at)
        return []


def line_in(lines: list[str], written: str, occurrence: int = 1) -> int | None:
    """The number of the line of ``lines`` where ``written`` appears the ``occurrence``-th time."""
    found = [number for number, line in enumerate(lines, 1) for _ in range(line.count(written))]
    return found[occurrence - 1] if len(found) >= occurrence else None


def at_picture(source: Path, address: str) -> str:
    """``source`` with the line naming the picture at ``address``, where it is found, for a
    warning: a page writes an address's ``&`` as ``&amp;`` (WeChat's ``…?wx_fmt=jpeg&amp;wx_lazy=1``),
    which was never found. The page is read once for both."""
    lines = source_lines(source)
    line = line_in(lines, address)
    if line is None and "&" in address:
        line = line_in(lines, address.replace("&", "&amp;"))
    return f"{source}:{line}" if line else str(source)


def _valid_ids(root: etree._Element, source: str | Path) -> None:
    """Each id written as an id may be (:func:`~paiban.xhtml.safe_id`: ``id="x y"`` made the EPUB
    invalid), as the links to it are when the book is assembled, and given once. An id given twice
    (a heading's ``{#id}`` copied, a saved web page's markup; ``x y`` beside ``x-y``) makes the EPUB
    invalid and a link to it ambiguous: the first element keeps it, later ones lose it, with one
    warning per id at the line of its second use (links then go to the first)."""
    seen: Counter[str] = Counter()
    for element in root.iter():
        if isinstance(element.tag, str) and (name := element.get("id")) is not None:
            if (safe := safe_id(name)) != name:
                element.set("id", safe)
                name = safe
            seen[name] += 1
            if seen[name] > 1:
                del element.attrib["id"]
    for name, count in seen.items():
        if count > 1:
            line = (line_of(source, f"{{#{name}}}", 2) or line_of(source, f'id="{name}"', 2)
                    if isinstance(source, Path) else None)
            log.warning("%s%s: the id %s is given %d times; only the first keeps it (links to it go there)",
                        source, f":{line}" if line else "", quoted(name), count)
