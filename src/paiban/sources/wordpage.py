"""Web pages Word saved (文件 → 另存为 → 网页, "Save as Web Page"): read as the .docx they were.

Word writes what a .docx says in markup of its own, which a web page's rules misread:

- every run's language (``<span lang=EN-US>`` round each number and Latin word, the keyboard's,
  not the author's);
- its footnotes and endnotes, as linked ``[1]`` and a division after the text, which
  :mod:`.footnotes` is given as a list of notes;
- a paragraph in every table cell, which took the text's indent;
- its Title paragraph (``<p class=MsoTitle>``), where a .docx's reader sees the title;
- its lists, as paragraphs each opening with the number Word shows and the spaces after it;
- a picture sized smaller than it is twice: the original for Word's VML in a comment, and a copy
  reduced to the size shown for other browsers in the ``<img>``, which alone a web page's reader
  sees.

:func:`tidy` puts each right before the page is read as any other. A page is Word's by its
``<meta name=Generator content="Microsoft Word 15">`` (:func:`saved_by_word`); no other page is
touched.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from .. import patterns
from ..paths import file_beside
from ..xhtml import HEADINGS, drop, drop_empty_paragraphs
from . import wordhtml
from .docx_structure import number_separator

# What Word names itself in a page's <meta name=Generator> (Outlook's mail is Word's HTML too:
# "Microsoft Word 15 (filtered medium)"), or its ProgId when the generator is left out.
_WORD = "Microsoft Word"
_GENERATOR = "//meta[translate(@name, 'GENRATO', 'genrato')='generator']/@content"
_PROG_ID = "//meta[translate(@name, 'PROGID', 'progid')='progid']/@content"


def saved_by_word(document: etree._Element) -> bool:
    """Whether ``document`` (a parsed page) is one Word saved."""
    return (any(content.strip().startswith(_WORD) for content in document.xpath(_GENERATOR))
            or any(content.strip().startswith("Word.") for content in document.xpath(_PROG_ID)))


def tidy(body: etree._Element, source: Path) -> None:
    """Word's markup in ``body`` (the page of ``source``) made what a .docx's reader makes of it."""
    _drop_run_languages(body)
    drop_empty_paragraphs(body)
    _titles_as_headings(body)
    _notes_as_list(body)
    _make_lists(body)
    wordhtml.unwrap_cells(body, "align")
    _show_originals(body, source)


def _drop_run_languages(body: etree._Element) -> None:
    """Word tags every run with the language it was typed in (the input method's: ``lang=EN-US``
    round 2025, Word 2016 and an empty paragraph mark, sometimes round Chinese), which is no tag an
    author chose: taken as one, digits were set in the Latin face, Chinese left unconverted in a
    Traditional edition, and an import full of ``[2025]{lang="en-US"}``. A .docx's reader reads
    no run's language either."""
    for tagged in body.xpath("descendant-or-self::*[@lang]"):
        del tagged.attrib["lang"]


def _titles_as_headings(body: etree._Element) -> None:
    """Each paragraph of Word's Title style (``MsoTitle``, or ``MsoTitleCxSpFirst`` … where Word
    sets two apart as one) an ``<h1>``, as a .docx's reader maps that style: the first then is the
    title. Read as a web page's, the title was the ``<title>``, which is the document's Title
    property (文件 → 属性), often another document's (第三季度工作总结 over a 调研报告), and the
    headline an indented paragraph of the text."""
    for paragraph in body.iter("p"):
        if any(name.startswith("MsoTitle") for name in (paragraph.get("class") or "").split()):
            paragraph.tag = "h1"


# A paragraph of Word's lists: its style names its list and level (mso-list:l0 level1 lfo1), and
# it opens with the number Word shows, kept for browsers without lists in a span Word itself
# ignores (<![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp;</span></span>).
_LIST_STYLE = patterns.compile(r"mso-list:\s*(l\d+)\s+level(\d+)", re.IGNORECASE)
_SHOWN_NUMBER = ".//span[contains(translate(@style, 'IGNORE', 'ignore'), 'mso-list:ignore')]"
# A number Word shows that a list counts (see "How a list is numbered"), of any kind. A number no
# list counts so (1）, 第一条) is left as shown, as the .docx reader leaves a number typed so.
_COUNTED = patterns.compile(wordhtml.number_pattern())


class _Item(NamedTuple):
    """A paragraph of Word's lists: its list, its level in it and the number (or bullet) it shows."""

    paragraph: etree._Element
    list_id: str
    level: int
    shown: str


def _make_lists(body: etree._Element) -> None:
    """Word's lists as lists, as a .docx's are: each run of paragraphs of one of its lists (their
    deeper levels lists inside their items), numbered as Word shows the first (一、 makes a
    list-chinese) or bulleted. Read as a web page's, each was a paragraph opening with its number
    and a run of no-break spaces (1.     豆浆). A heading keeps its number in its text, as a .docx's
    does, and so does a list whose numbers no list counts (1）, 第一条)."""
    runs: list[list[_Item]] = []
    for element in list(body.iter("p", *HEADINGS)):
        if (item := _list_item(element)) is None:
            continue
        if element.tag == "p" and runs and runs[-1][-1].paragraph.getnext() is element \
                and runs[-1][-1].list_id == item.list_id:
            runs[-1].append(item)
        elif element.tag == "p":
            runs.append([item])
        else:
            _keep_shown(item)
    # A list of Word's is read one way throughout: kept as written wherever one of its runs must be
    # (1. / 1.1. / 2., then a paragraph, then 3.: its 3. was a list, the rest paragraphs).
    written = {item.list_id for run in runs for item in run if not (_bullet(item.shown) or _counting(item.shown))}
    for run in runs:
        if run[0].list_id in written:
            for item in run:
                _keep_shown(item)
        else:
            _as_list(run)


def _list_item(element: etree._Element) -> _Item | None:
    """``element`` as an item of Word's lists, the number it shows taken out; ``None`` if it is none."""
    if not (style := _LIST_STYLE.search(element.get("style") or "")):
        return None
    shown = next(iter(element.xpath(_SHOWN_NUMBER)), None)
    if shown is None:
        return None
    number = (shown.text or "").strip()
    while (holder := shown.getparent()) is not element and len(holder) == 1 and not (holder.text or "").strip():
        shown = holder  # the spans Word wraps the number in go with it
    drop(shown)
    return _Item(element, style[1], int(style[2]), number)


def _keep_shown(item: _Item) -> None:
    """The number ``item`` shows written in its text, with what Word sets after it."""
    paragraph = item.paragraph
    paragraph.text = item.shown + number_separator(item.shown) + (paragraph.text or "").lstrip()


def _bullet(shown: str) -> bool:
    """Whether Word shows a bullet: a character of its own (·, §, Ø in Symbol or Wingdings), not a circled number."""
    return len(shown) == 1 and not _counting(shown)


def _counting(shown: str) -> wordhtml.Number | None:
    """The number Word shows, ``shown``, as a list counts it; ``None`` if no list counts so."""
    return wordhtml.number_in(match) if (match := _COUNTED.fullmatch(shown)) else None


def _as_list(run: list[_Item]) -> None:
    """``run``'s paragraphs as the items of a list, in place of the first; an item of a deeper
    level begins a list inside the item before it, as a .docx's does."""
    opened: list[tuple[int, etree._Element]] = []  # the lists the run is in, by level, innermost last
    for item in run:
        while opened and opened[-1][0] > item.level:
            opened.pop()
        if not opened or opened[-1][0] < item.level:
            listing = _new_list(item.shown)
            if opened:
                opened[-1][1][-1].append(listing)
            else:
                item.paragraph.addprevious(listing)
            opened.append((item.level, listing))
        paragraph = item.paragraph
        paragraph.tag = "li"
        paragraph.attrib.clear()
        paragraph.text = (paragraph.text or "").lstrip()
        opened[-1][1].append(paragraph)


def _new_list(shown: str) -> etree._Element:
    """An empty list counted as its first number, ``shown``, is (a bulleted one for a bullet)."""
    if _bullet(shown) or (counted := _counting(shown)) is None:
        return etree.Element("ul")
    return wordhtml.new_list(counted)


# Word's notes: a division styled mso-element:footnote-list (endnote-list) after the text, holding
# one styled mso-element:footnote (endnote) for each note.
_NOTE_ELEMENT = patterns.compile(r"mso-element:\s*(?:foot|end)note(-list)?", re.IGNORECASE)


def _notes_as_list(body: etree._Element) -> None:
    """Word's footnotes and endnotes as a list of notes that :func:`.footnotes.shape` reads, as it
    reads a .docx's: each call, ``<a href="#_ftn1" name="_ftnref1">[1]</a>``, links to its note's
    number, ``<a href="#_ftnref1" name="_ftn1">[1]</a>``, which links back to it. Read as a web
    page's, the call was printed [1] and the notes were a paragraph after a rule, after the text."""
    for listing in [division for division in body.iter("div") if _notes_division(division) == "list"]:
        notes = etree.Element("ol", {"class": "footnotes"})
        notes.extend(_note_item(note) for note in listing.iter("div") if _notes_division(note) == "note")
        notes.tail = listing.tail
        listing.getparent().replace(listing, notes)


def _notes_division(division: etree._Element) -> str | None:
    """Whether ``division`` is Word's ``list`` of notes, a ``note`` of it, or neither (``None``)."""
    if match := _NOTE_ELEMENT.search(division.get("style") or ""):
        return "list" if match[1] else "note"
    return None


def _note_item(note: etree._Element) -> etree._Element:
    """Word's ``note`` as a list item whose id its calls link to (its number's ``name``), the
    number itself left out: the note is numbered as the book numbers notes."""
    item = etree.Element("li")
    if (number := next(iter(note.xpath(".//a[@name and starts-with(@href, '#')]")), None)) is not None:
        item.set("id", number.get("name"))
        drop(number)
    item.text = note.text
    item.extend(note)
    return item


# Word's VML copy of a picture, in a comment (<!--[if gte vml 1]>…<![endif]-->) before the <img>
# that names its shape: <v:shape id="图片_x0020_1" …><v:imagedata src="稿件.files/image001.png"/>.
_VML_SHAPE = patterns.compile(r"<v:shape\b([^>]*)>(.*?)</v:shape>", re.DOTALL | re.IGNORECASE)
_VML_PICTURE = patterns.compile(r"<v:imagedata\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = patterns.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
# What Word does to the original as it shows it, and the reduced copy has done: cropped, a colour
# made transparent, recoloured (brightness, contrast, grey, black and white), turned or flipped.
# The original would be printed without it.
_EFFECTS = frozenset({"croptop", "cropbottom", "cropleft", "cropright", "chromakey", "gain", "blacklevel",
                      "gamma", "grayscale", "bilevel"})
_TURNED = patterns.compile(r"\b(?:rotation|flip)\s*:", re.IGNORECASE)


def _show_originals(body: etree._Element, source: Path) -> None:
    """Each picture Word shows smaller than it is at its original, where that is a file beside the
    page (Word saves it as image001.png, the copy shown as image002.png), at the size shown: the
    copy, reduced to the screen's 96 dpi, printed at half the resolution or less, and failed the
    dpi check the original passes. A picture Word crops or recolours keeps its copy, which shows
    it so."""
    originals = {shape: src for comment in body.iter(etree.Comment) for shape, src in _vml_pictures(comment.text or "")}
    for img in body.iter("img"):
        if (original := originals.get(img.get("v:shapes"))) and file_beside(source, original):
            img.set("src", original)


def _vml_pictures(comment: str) -> list[tuple[str, str]]:
    """The id and original's address of each VML shape in ``comment`` whose picture Word shows as it is."""
    pictures = []
    for shape in _VML_SHAPE.finditer(comment):
        outline = _attributes(shape[1])
        picture = _VML_PICTURE.search(shape[2])
        drawn = _attributes(picture[1]) if picture else {}
        if "id" in outline and drawn.get("src") and not _EFFECTS & drawn.keys() \
                and not _TURNED.search(outline.get("style", "")):
            pictures.append((outline["id"], drawn["src"]))
    return pictures


def _attributes(written: str) -> dict[str, str]:
    """The attributes of a tag as ``written`` in a comment, by lower-case name, their values unescaped."""
    return {match[1].lower(): unescape(next(value for value in match.groups()[1:] if value is not None))
            for match in _ATTRIBUTE.finditer(written)}
