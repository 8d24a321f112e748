"""Footnotes written in HTML (or made by mammoth from Word's), given the shape markdown-it gives
Markdown's, so the EPUB's popups, the PDF's notes at the foot of the page and the checks read
every article's notes alike.

Each tool writes its own: Pandoc's ``<a class="footnote-ref"><sup>1</sup></a>`` calls and
``<section class="footnotes" role="doc-endnotes">`` list, Python-Markdown's and kramdown's
``<sup><a class="footnote-ref">1</a></sup>`` and ``<div class="footnote">``, mammoth's
``<a id="footnote-ref-1">`` and ``<li id="footnote-1">`` (and, for Word's endnotes, ``endnote-1``:
a book has no end of a document but its articles', so they are footnotes too). What they share is a list of notes,
each an item with an id, and calls that link to those ids: a note is matched to its calls by
the links, the markup around them only telling notes from other lists. A note is numbered by
its first call, as markdown-it numbers them, and every call to it refers to it. A note nothing
in the text calls stays where it was, as a list, with a warning: it is never lost.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from lxml import etree

from .. import patterns
from ..chars import quoted
from ..xhtml import drop, loose_text_in_paragraphs

log = logging.getLogger("paiban")

# Where a list of notes is: an element whose class or role says so (footnotes, footnote,
# footnotes-end-of-document, doc-endnotes …), or an item whose id does (fn1, fn:1, footnote-1, endnote-1).
_NOTE_WORDS = patterns.compile(r"footnote|endnote", re.IGNORECASE)
_NOTE_ID = patterns.compile(r"^(?:fn|footnote|endnote)[-:_]?\w", re.IGNORECASE)
_WRAPPERS = ("section", "div", "aside", "ol", "ul")
# The links back from a note to its call, by class or role, or by showing an arrow, where they
# point elsewhere than a call (to a call written without an id, or to what holds it).
_BACKLINK = patterns.compile(r"footnote-?back|reversefootnote|doc-backlink", re.IGNORECASE)
_ARROWS = frozenset({"↩", "↩\ufe0e", "↩\ufe0f", "↑", "^", "⤴"})
_BACK = "↑"  # the link back Markdown's notes have (markdown-it's ↩︎ is not in CJK fonts)
# The classes of markdown-it's notes (:func:`shape`'s, and the rule it writes above them): the
# only classes of notes the renderers read.
CLASSES = frozenset({"footnotes-sep", "footnotes", "footnotes-list", "footnote-item", "footnote-ref",
                     "footnote-backref"})


def shape(root: etree._Element, source: str | Path) -> None:
    """Give the footnotes under ``root`` markdown-it's shape: ``sup.footnote-ref`` calls linking
    to ``#fn1`` …, notes as ``li.footnote-item`` of ``section.footnotes > ol.footnotes-list``
    with ``a.footnote-backref`` links back. ``source`` names the article in warnings."""
    items = [item for item in root.iter("li") if item.get("id") and _is_note(item, root)]
    if not items:
        return
    by_id = {item.get("id"): item for item in items}
    notes = set(items)
    calls: dict[str, list[etree._Element]] = {}
    for link in root.iter("a"):
        target = (link.get("href") or "").partition("#")[2] if (link.get("href") or "").startswith("#") else ""
        if target in by_id and notes.isdisjoint(link.iterancestors("li")):
            calls.setdefault(target, []).append(link)
    if not calls:
        return
    lists = list({id(item.getparent()): item.getparent() for item in items}.values())
    section = etree.Element("section", {"class": "footnotes"})
    listing = etree.SubElement(section, "ol", {"class": "footnotes-list"})
    _container(by_id[next(iter(calls))].getparent(), root).addprevious(section)
    for number, (target, links) in enumerate(calls.items(), 1):
        item = by_id[target]
        written = {name for link in links for name in _ids_around(link)}
        references = [_reshape_call(link, number, count) for count, link in enumerate(links)]
        listing.append(_reshape_note(item, number, references, written, _language_of(item, root)))
        item.getparent().remove(item)
    for held in lists:
        if held.find("li") is None:
            drop(_container(held, root))
        else:
            _unmark(_container(held, root))
    for name in sorted(by_id.keys() - calls.keys()):
        log.warning("%s: the note with id %s is called from nowhere in the text (no link to #%s), so it is "
                    "kept as a list where it was, not as a footnote (link a call to it, or remove it)",
                    source, quoted(name), name)


def _is_note(item: etree._Element, root: etree._Element) -> bool:
    """Whether a list item is a note: its id, or its list or what holds the list, says so."""
    if _NOTE_ID.match(item.get("id")) or _says_note(item):
        return True
    return any(_says_note(holder) for holder in item.iterancestors(*_WRAPPERS)
               if holder is not root and _within(holder, root))


def _says_note(element: etree._Element) -> bool:
    return bool(_NOTE_WORDS.search(f"{element.get('class') or ''} {element.get('role') or ''}"))


def _within(element: etree._Element, root: etree._Element) -> bool:
    return any(ancestor is root for ancestor in element.iterancestors())


def _reshape_call(link: etree._Element, number: int, count: int) -> str:
    """Make ``link`` (with the ``<sup>`` around it or in it) markdown-it's call to note
    ``number``, its ``count``-th; its id, for the note to link back to. Every ``<sup>`` holding
    nothing but the call goes: Word's call is superscript twice over (its run's and mammoth's),
    and a call in two would sit too high."""
    unit = link
    while (parent := unit.getparent()).tag == "sup" and len(parent) == 1 and not (parent.text or "").strip() \
            and not (unit.tail or "").strip():
        unit = parent
    reference = f"fnref{number}" + (f":{count}" if count else "")
    call = etree.Element("sup", {"class": "footnote-ref"})
    etree.SubElement(call, "a", {"href": f"#fn{number}", "id": reference}).text = f"[{number}]"
    call.tail = unit.tail
    unit.getparent().replace(unit, call)
    return reference


def _language_of(item: etree._Element, root: etree._Element) -> str | None:
    """The language the note ``item`` is written in when it, or what holds it below ``root``, gives
    one (``<li lang="en">``, ``<ol lang="en">``): the note leaves them for a list of its own."""
    for element in (item, *item.iterancestors()):
        if element is root:
            return None
        if element.get("lang"):
            return element.get("lang")
    return None


def _reshape_note(item: etree._Element, number: int, references: list[str], written: set[str],
                  language: str | None) -> etree._Element:
    """The note ``item`` as markdown-it's ``li.footnote-item``, in its ``language`` if it has one
    (see :func:`_language_of`), its own links back (to the ids its calls were ``written`` with)
    replaced by one to each of its calls (``references``)."""
    for back in list(item.iter("a")):
        target = (back.get("href") or "").partition("#")[2]
        if target in written or "".join(back.itertext()).strip() in _ARROWS \
                or _BACKLINK.search(f"{back.get('class') or ''} {back.get('role') or ''}"):
            _remove_keeping_tail(back)
    note = etree.Element("li", {"id": f"fn{number}", "class": "footnote-item"})
    if language:
        note.set("lang", language)
    note.text = item.text
    note.extend(item)
    loose_text_in_paragraphs(note)
    if not len(note) or note[-1].tag != "p":
        etree.SubElement(note, "p")  # ending in a list or a quotation: the links back on a line below
    last = note[-1]
    _strip_end(last)
    for reference in references:
        back = etree.SubElement(last, "a", {"href": f"#{reference}", "class": "footnote-backref"})
        back.text = _BACK
        _space_before(back)
    return note


def _ids_around(link: etree._Element) -> list[str]:
    """The ids a call is known by: its own, and those of the ``<sup>`` it is in (Python-Markdown's)."""
    return [element.get("id") for element in (link, link.getparent()) if element.get("id")]


def _remove_keeping_tail(element: etree._Element) -> None:
    """Remove ``element``, its tail kept in its place; the spaces before it (``&nbsp;↩``) go too."""
    previous, parent = element.getprevious(), element.getparent()
    if previous is not None:
        previous.tail = (previous.tail or "").rstrip() + (element.tail or "")
    else:
        parent.text = (parent.text or "").rstrip() + (element.tail or "")
    parent.remove(element)


def _strip_end(element: etree._Element) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "").rstrip()
    else:
        element.text = (element.text or "").rstrip()


def _space_before(element: etree._Element) -> None:
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + " "
    else:
        element.getparent().text = (element.getparent().text or "") + " "


def _container(listing: etree._Element, root: etree._Element) -> etree._Element:
    """The outermost element that holds nothing but the notes' list (and a rule): Pandoc's section."""
    holder = listing
    while (parent := holder.getparent()) is not None and parent is not root and parent.tag in _WRAPPERS \
            and all(child is holder or child.tag == "hr" for child in parent) and not (parent.text or "").strip():
        holder = parent
    return holder



def _unmark(container: etree._Element) -> None:
    """A list of notes nothing calls is a list: its classes no longer say notes (the PDF would
    take it for the notes it moves to the foot of the page, the EPUB leave it out of the page count)."""
    for element in container.iter():
        if _NOTE_WORDS.search(element.get("class") or ""):
            del element.attrib["class"]
