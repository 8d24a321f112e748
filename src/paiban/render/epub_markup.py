"""What only an e-book's markup needs, applied to each rendered EPUB content document.

- Print page numbers: ``<span epub:type="pagebreak">`` where each printed page begins.
- Popup footnotes: Markdown's footnote list becomes ``<aside epub:type="footnote">`` notes and
  its calls ``epub:type="noteref"`` links, so reading systems show the note in place.
- Vertical books: one or two digits standing alone set upright across the line (``text-combine-upright``),
  a note's number too.
- Containment: a template in a book's ``styles/`` is the book's own markup, so what would make
  a reading system run code or fetch from elsewhere is taken out of every document (article
  bodies are already sanitised; this covers the templates around them).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from lxml import etree

from .. import patterns
from ..xhtml import HEADINGS, LINK_SCHEMES, add_class, drop, written_in
from .css import contain_css
from .pagemap import PICTURES, PageStart, blocks, counted, is_note_markup, local, own_text
from .typeset import TOKEN_CHARACTERS

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
EPUB_TYPE = f"{{{OPS}}}type"
# One or two digits standing alone (第3章, 12月, 第 12 名, 第3　A区): not part of a longer token, such
# as a time, a date, an ISBN, a phone number, a URL or a Latin word (08:30, 2024-03-15, iPhone 12),
# whose digits stay on their side with the rest of it. Nothing or a word space joins a token; a
# full-width space parts Chinese text. A full-width mark is Chinese text's too: between the digit
# pairs of 08：30 stands the font's vertical colon, upright as they are.
_TOKEN = rf"[{TOKEN_CHARACTERS}]"
_WORD_SPACE = r"[^\S\u3000]"
_SHORT_DIGITS = patterns.compile(rf"(?<!{_TOKEN})(?<!{_TOKEN}{_WORD_SPACE})[0-9]{{1,2}}"
                                 rf"(?!{_TOKEN})(?!{_WORD_SPACE}{_TOKEN})")
# A note's number before the note (12. ), which :func:`popup_notes` gives each note.
_NOTE_NUMBERS = etree.XPath("//x:span[@class='footnote-number']", namespaces={"x": XHTML})
# Elements whose text reads on from the text around them, so that a token runs across them
# (<em>iPhone</em> 12), with a subscript or a superscript after a Latin letter (H<sub>2</sub>O,
# m<sup>2</sup>: its digit lies on its side with the letters, not upright between them, :func:`_reads_on`);
# any other (a paragraph, a line break, a note call's <sup>, the power of a number: 10<sup>3</sup>倍,
# whose digits each stand upright) parts texts.
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
                     "mark", "q", "s", "samp", "small", "span", "strong", "time", "u", "var"})
_VERBATIM = frozenset({"code", "pre", "kbd", "samp", "var"})
# Text whose digits are left as they are: a URL (typeset marks it), and digits set upright already.
_AS_WRITTEN = frozenset({"url", "tcy"})
# Elements that run code, embed other documents or submit data: never in a book.
# Elements that are nothing but the resource they load: without it they go too (a refresh's
# <meta>). Any other element only loses the attribute (a paragraph keeps its text).
_RESOURCES = frozenset({"img", "source", "track", "audio", "video", "picture", "link", "input", "meta"})
ACTIVE = frozenset({"script", "iframe", "frame", "object", "embed", "applet", "form", "base", "style"})
# SVG's animations: they can set any attribute of another, an event handler or a link too.
ANIMATIONS = frozenset({"set", "animate", "animateTransform", "animateMotion"})
# (Links to elsewhere, of LINK_SCHEMES, are fine; resources must be files of the EPUB.)

log = logging.getLogger("paiban")


def finish(document: bytes, starts: list[PageStart], vertical: bool, back_to_text: str,
           elsewhere: Callable[[str], str | None] = lambda id: None, where: str = "") -> bytes:
    """The content document with links across documents, page breaks, popup notes, their links
    back named ``back_to_text`` (:func:`name_links_back`) and (vertical) upright digits.
    ``elsewhere``: see :func:`link_across`; ``where``: what the document is, for warnings."""
    root = etree.fromstring(document)
    contain(root, where)
    link_across(root, elsewhere)
    page_breaks(root, starts)
    popup_notes(root)
    name_links_back(root, back_to_text)
    tables_scroll(root)
    if vertical:
        upright_digits(root)
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")


def link_across(root, elsewhere: Callable[[str], str | None]) -> None:
    """A link to an id in another content document names that document (``#a5`` becomes
    ``c3.xhtml#a5``): articles link to each other across chapters, which are files of their own.
    ``elsewhere(id)`` is the other document that holds ``id``, ``None`` for this one."""
    for link in root.iter(f"{{{XHTML}}}a"):
        href = link.get("href") or ""
        if href.startswith("#") and (document := elsewhere(href[1:])):
            link.set("href", f"{document}{href}")


# The attributes whose value is a URL, or a list of them (see _urls_in): each a reader's engine
# may load. The base is xml:base's, which every other URL of its element is resolved against.
_URL_VALUED = frozenset({"src", "href", "data", "poster", "srcset", "imagesrcset", "action", "formaction",
                         "background", "ping", "manifest", "icon", "lowsrc", "dynsrc", "codebase", "archive",
                         "base"})
# The attributes that may refer to a resource (see _outside): those, and the CSS of a style.
REFERRING = _URL_VALUED | {"style"}
# SVG's presentation attributes that take a url(): fill="url(#gradient)" is a CSS value, judged as one.
_PAINTS = frozenset({"fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid", "marker-end",
                     "cursor"})
# Those whose values are lists: image candidates (a.png 2x, b.png 480w), space-parted URLs (ping).
_URL_LISTS = frozenset({"srcset", "imagesrcset", "ping", "archive"})
_DESCRIPTOR = patterns.compile(r"[0-9.eE+-]+[wxh]")  # a candidate's 2x or 480w
# What a browser strips from either end of a URL before it reads it.
_SPACES_AND_CONTROLS = "".join(map(chr, range(0x21)))


def _one_of(names: frozenset[str]) -> str:
    """An XPath test: the node's local name is one of ``names``."""
    return f"contains('|{'|'.join(sorted(names))}|', concat('|', local-name(), '|'))"


# The elements contain() must look at, found in one pass of libxml2's: every other element has
# nothing it would take out (most of a document is article text, sanitised already).
_SUSPECT = etree.XPath(f"//*[{_one_of(ACTIVE | _RESOURCES | ANIMATIONS)} or "
                       f"@*[starts-with(local-name(), 'on') or {_one_of(REFERRING | _PAINTS | {'http-equiv'})}]]")


def contain(root, where: str = "") -> None:
    """Take out scripts, frames, forms, event handlers and references to resources outside the book
    (the EPUB's documents, and the HTML preview, whose one style element paiban adds afterwards),
    each told naming ``where`` it was: the document and the template it was made from (the
    warning named neither, and a book has some twenty templates)."""
    said = f"{where}: " if where else ""
    for element in _SUSPECT(root):
        tag = local(element.tag)
        outside = [f" {attribute}={value!r}" for name, value in element.attrib.items()
                   if _outside(tag, attribute := attribute_name(name), value)] if tag in _RESOURCES else []
        if tag in ACTIVE or animates_reference(element) or outside:
            log.warning("%sleft <%s%s> out: a book's templates may not run code, embed other "
                        "documents or load from outside the book", said, tag, "".join(outside))
            drop(element)
            continue
        for name, value in list(element.attrib.items()):
            attribute = attribute_name(name)
            if attribute == "style" or attribute in _PAINTS:
                _contain_css_attribute(element, name, attribute, tag)
            elif attribute.startswith("on") or _outside(tag, attribute, value):
                log.warning("%sleft %s=%r of <%s> out: it would run code or load from outside "
                            "the book", said, attribute, value, tag)
                del element.attrib[name]


def attribute_name(name: str) -> str:
    """An attribute's name without namespace or prefix (``{…}type`` and ``epub:type`` alike)."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def animates_reference(element) -> bool:
    """Whether ``element`` is an SVG animation that sets an event handler, a URL or a CSS value
    (``<set attributeName="href" to="http://…"/>``): what it writes is never looked at."""
    target = attribute_name(element.get("attributeName") or "")
    return local(element.tag) in ANIMATIONS and (target.startswith("on") or target in REFERRING | _PAINTS)


def _outside(tag: str, attribute: str, value: str) -> bool:
    """Whether an attribute refers to something outside the EPUB (a link to a web page is fine;
    a refresh is a link followed unasked)."""
    if attribute == "http-equiv":
        return value.strip().lower() == "refresh"
    if attribute not in _URL_VALUED:
        return False
    for url in _urls_in(attribute, value):
        scheme = urlsplit(url).scheme.lower()
        if tag == "a" and attribute == "href":
            if scheme and scheme not in LINK_SCHEMES:
                return True
        elif scheme or url.startswith(("/", "\\")):
            return True
    return False


def _urls_in(attribute: str, value: str) -> list[str]:
    """The URLs an attribute names, as a browser reads them: the value, or each URL of a list
    without its descriptors (``a.png 1x, http://… 2x``). A comma inside a URL of a list parts
    it here too: each piece is looked at as a URL, which can only refuse more."""
    pieces = re.split(r"[\s,]+", value) if attribute in _URL_LISTS else [value]
    return [url for piece in pieces if (url := piece.strip(_SPACES_AND_CONTROLS)) and not _DESCRIPTOR.fullmatch(url)]


def _contain_css_attribute(element, name: str, attribute: str, tag: str) -> None:
    """A style without its declarations that load a resource, a paint without a url() of one:
    contained as a book's sheet is (:func:`.css.contain_css`), but for the document's own
    elements (``fill="url(#gradient)"``) no URL is kept."""
    value = element.get(name)
    where = f"<{tag} {attribute}=…> in a book's template"
    if attribute == "style":
        kept = contain_css(value, where, _in_document, declarations=True)
    else:
        kept = value if contain_css(f"{attribute}: {value}", where, _in_document, declarations=True) else ""
    if not kept.strip():
        del element.attrib[name]
    elif kept != value:
        element.set(name, kept)


def _in_document(url: str) -> bool:
    """An element of the document itself (an inline SVG's gradient): nothing to load."""
    return url.strip().startswith("#")


def page_breaks(root, starts: list[PageStart]) -> None:
    """Put a page-break marker where each printed page of this document begins: in its container's
    block, or in the note of the endnote it begins in (print sets a note too long for the page's
    foot at its article's end; read as a block of the chapter, which the EPUB has not, the marker
    went to the chapter's top, before the page before's). Done before :func:`popup_notes`, which
    moves each note to an aside headed by its number."""
    for start in starts:
        found = root.xpath("//*[@id=$id]", id=start.note or start.container)
        if not found:
            continue
        if start.note:
            _insert_in_note(found[0], start.offset, _marker(start))
            continue
        in_order = blocks(found[0], is_note_markup)
        block = in_order[start.block] if start.block < len(in_order) else found[0]
        _insert_at(block, start.offset, _marker(start))


def _insert_in_note(note, offset: int, marker) -> None:
    """Insert ``marker`` after ``offset`` non-blank characters of ``note``'s text, across its
    paragraphs: print sets a note as one block."""
    in_order = blocks(note, is_note_markup) or [note]
    for block in in_order[:-1]:
        if offset < (count := sum(counted(getattr(owner, slot)) for owner, slot in own_text(block, is_note_markup))):
            break
        offset -= count
    else:
        block = in_order[-1]
    _insert_at(block, offset, marker)


def _marker(start: PageStart):
    marker = etree.Element(f"{{{XHTML}}}span", {EPUB_TYPE: "pagebreak", "role": "doc-pagebreak",
                                                 "id": start.id, "aria-label": start.label})
    return marker


def _insert_at(block, offset: int, marker) -> None:
    """Insert ``marker`` after ``offset`` non-blank characters of ``block``'s own text; before a
    picture. Before a heading too, or after one a page begins inside of (a heading set on two
    pages): in it, the marker's label would be read as part of its name (``1 开篇``), in a screen
    reader's list of headings as well."""
    if local(block.tag) in PICTURES | HEADINGS:
        (block.addnext if offset else block.addprevious)(marker)
        return
    for owner, slot in own_text(block, is_note_markup):
        value = getattr(owner, slot)
        count = counted(value)
        if offset <= count:
            cut = _position(value, offset)
            setattr(owner, slot, value[:cut])
            marker.tail = value[cut:]
            if slot == "text":
                owner.insert(0, marker)
            else:
                owner.addnext(marker)
            _out_of_ruby(marker)
            return
        offset -= count
    block.append(marker)


# The text of a ruby (``$ruby``) after a node: what a page marker inside it stands before.
_LATER_IN_RUBY = etree.XPath("following::text()[ancestor::*[count(. | $ruby) = 1]]")


def _out_of_ruby(marker) -> None:
    """``marker`` moved out of the ruby it fell in: after it where nothing of the ruby follows the
    marker, else before it. Print never breaks a ruby, so a page begins with a ruby whole; but
    counted by characters, its start was the end of the reading before (女孩（hái<marker/>）,
    the page beginning at 儿) or it stood between a base and its reading."""
    rubies = list(marker.iterancestors(f"{{{XHTML}}}ruby"))
    if not rubies:
        return
    ruby = rubies[-1]
    ends = not "".join(_LATER_IN_RUBY(marker, ruby=ruby)).strip()
    drop(marker)
    marker.tail = None
    if ends:
        marker.tail, ruby.tail = ruby.tail, None
        ruby.addnext(marker)
    else:
        ruby.addprevious(marker)


def _position(value: str, offset: int) -> int:
    """The index in ``value`` just before its (offset+1)-th non-blank character."""
    seen = 0
    for index, character in enumerate(value):
        if not character.isspace():
            if seen == offset:
                return index
            seen += 1
    return len(value)


def note_calls(root) -> Iterator:
    """The calls to Markdown-it's footnotes under ``root`` (``sup.footnote-ref > a``), in order."""
    for call in root.iter():
        if local(call.tag) == "a" and "footnote-ref" in (call.getparent().get("class") or ""):
            yield call


def number_notes(chapter, shown: str = "{}") -> dict[str, str]:
    """Number the notes of ``chapter`` through it, in the order of their first calls, as the PDF
    numbers them (markdown-it numbers each article's from 1): every call to a note shows its
    number (in ``shown``). The numbers, by the notes' ids."""
    numbers: dict[str, str] = {}
    for call in note_calls(chapter):
        number = numbers.setdefault((call.get("href") or "").lstrip("#"), str(len(numbers) + 1))
        call.text = shown.format(number)
    return numbers


def popup_notes(root) -> None:
    """Markdown-it's footnotes as EPUB 3 popup notes: noteref calls and footnote asides, each
    aside led by its call's number (a reader that shows notes in place, not in a popup, lists
    them at the article's end, where the list's numbers are gone). A document is a chapter, and
    its notes are numbered through it (:func:`number_notes`)."""
    numbers = number_notes(root)
    for call in note_calls(root):
        call.set(EPUB_TYPE, "noteref")
        call.set("role", "doc-noteref")
    for item in list(root.iter(f"{{{XHTML}}}li")):
        if "footnote-item" not in (item.get("class") or ""):
            continue
        note = etree.Element(f"{{{XHTML}}}aside", {"id": item.get("id"), EPUB_TYPE: "footnote",
                                                    "role": "doc-footnote", "class": "footnote", **written_in(item)})
        note.extend(item)
        if number := numbers.get(item.get("id")):
            first = note[0] if len(note) and local(note[0].tag) == "p" else note
            label = etree.Element(f"{{{XHTML}}}span", {"class": "footnote-number"})
            label.text, label.tail, first.text = f"{number}. ", first.text, None
            first.insert(0, label)
        for backref in note.iter(f"{{{XHTML}}}a"):
            if "footnote-backref" in (backref.get("class") or ""):
                backref.set("role", "doc-backlink")
        listing = item.getparent()
        listing.addprevious(note)
        listing.remove(item)
    for listing in list(root.iter(f"{{{XHTML}}}ol")):
        if "footnotes-list" in (listing.get("class") or "") and not len(listing):
            listing.getparent().remove(listing)
    for rule in list(root.iter(f"{{{XHTML}}}hr")):
        if "footnotes-sep" in (rule.get("class") or ""):
            rule.getparent().remove(rule)


def name_links_back(root, name: str) -> None:
    """Give each note's link back to its call (``a.footnote-backref``, an arrow ↑) the accessible
    ``name``: the book's label (返回正文), in its edition's script. A screen reader read the arrow
    as "up arrow", or nothing. The link's text stays the arrow sighted readers see. Namespaced
    tags (the EPUB's XHTML) or not (the HTML preview's). A note called twice has a link back to
    each call: the second is named ``返回正文 2``, and so on (two links of one name going to two
    places, WCAG 2.4.4). The name is in the book's language, the document's (``<html lang>``): a
    link in a note or an article of another (``<aside lang="en">``, a chapter in Japanese) is
    tagged with it, as a part in another language is (WCAG 3.1.2), or a screen reader spoke
    返回正文 in the note's voice, spelt out in English or read as Japanese."""
    language = root.get("lang")
    counted: dict[str | None, int] = {}
    for link in root.iter():
        if local(link.tag) == "a" and "footnote-backref" in (link.get("class") or "").split():
            note = next((up.get("id") for up in link.iterancestors() if up.get("id")), None)
            counted[note] = number = counted.get(note, 0) + 1
            link.set("aria-label", name if number == 1 else f"{name} {number}")
            around = next((up.get("lang") for up in link.iterancestors() if up.get("lang")), language)
            if language and around != language:
                link.set("lang", language)


def tables_scroll(root) -> None:
    """Put each table in a ``div.table-wrap`` that scrolls sideways (base.css): a table of figures
    wider than a phone's screen ran off it, and a paginated reader cut its last columns off. The
    wrapper takes the keyboard's focus, so that one who cannot swipe can scroll it. Namespaced tags
    (the EPUB's XHTML) or not (the HTML preview's)."""
    for table in [element for element in root.iter() if local(element.tag) == "table"]:
        parent = table.getparent()
        if local(parent.tag) == "div" and "table-wrap" in (parent.get("class") or "").split():
            continue
        namespace = etree.QName(table).namespace
        wrapper = parent.makeelement(f"{{{namespace}}}div" if namespace else "div",
                                     {"class": "table-wrap", "tabindex": "0"})
        table.addprevious(wrapper)
        wrapper.tail, table.tail = table.tail, None
        wrapper.append(table)


def upright_digits(root) -> None:
    """Wrap one- and two-digit numbers standing alone in ``span.tcy`` so vertical text sets them
    upright (:data:`_SHORT_DIGITS`); those of a longer token, code or a URL lie on their side with it.
    A token is read across inline elements (:func:`_runs`): the 12 of <em>iPhone</em> 12 is the model's.
    A note's number of one or two digits is ``tcy`` itself, set upright whole as its call is; a
    longer one (100. ) lies on its side as its call does: upright, it was squeezed into one em."""
    for label in _NOTE_NUMBERS(root):
        if len(label.text.partition(".")[0]) <= 2:
            add_class(label, "tcy")
    for run in _runs(root.find(f"{{{XHTML}}}body")):
        numbers = [match.span() for match in _SHORT_DIGITS.finditer("".join(value for _, _, value in run))]
        offset = 0
        for owner, is_text, value in run:
            own = [(start - offset, end - offset) for start, end in numbers
                   if offset <= start and end <= offset + len(value)]
            # Text after an element is its parent's: after </code> (or a comment) it is prose again.
            if own and not _in_verbatim(owner if is_text else owner.getparent()):
                wrapped = _wrap(owner, value, own, is_text)
                if is_text:
                    owner.text = wrapped
                else:
                    owner.tail = wrapped
            offset += len(value)


def _runs(body) -> list[list[tuple[object, bool, str]]]:
    """The texts under ``body`` in reading order, each as (its owner, whether it is the owner's text
    rather than its tail, the text), in runs that read on from one another: an inline element's
    (:data:`_INLINE`) text continues its parent's; any other element ends a run and begins one."""
    runs: list[list[tuple[object, bool, str]]] = [[]]

    def visit(element) -> None:
        if element.text:
            runs[-1].append((element, True, element.text))
        for child in element:
            if _reads_on(child):
                visit(child)
            elif isinstance(child.tag, str):  # a comment's text is no one's to read
                runs.append([])
                visit(child)
                runs.append([])
            if child.tail:
                runs[-1].append((child, False, child.tail))

    visit(body)
    return [run for run in runs if run]


def _reads_on(element) -> bool:
    """Whether ``element``'s text reads on from its parent's: one of :data:`_INLINE`, or a subscript
    or a superscript right after a Latin letter (a formula's, a unit's), which no note's call is."""
    if not isinstance(element.tag, str):
        return False
    name = local(element.tag)
    if name in _INLINE:
        return True
    if name not in ("sub", "sup") or "footnote-ref" in (element.get("class") or "").split():
        return False
    before = element.getprevious()
    text = (element.getparent().text if before is None else before.tail or "".join(before.itertext())) or ""
    return text[-1:].isascii() and text[-1:].isalpha()


def _wrap(element, value: str, numbers: list[tuple[int, int]], first: bool) -> str:
    """Put each of ``numbers`` (spans of ``value``, ``element``'s text or, not ``first``, its tail)
    in a ``span.tcy``; return the text before the first one."""
    spans = []
    for index, (start, end) in enumerate(numbers):
        span = etree.Element(f"{{{XHTML}}}span", {"class": "tcy"})
        span.text = value[start:end]
        span.tail = value[end:numbers[index + 1][0] if index + 1 < len(numbers) else len(value)]
        spans.append(span)
    if first:
        for position, span in enumerate(spans):
            element.insert(position, span)
    else:
        anchor = element
        for span in spans:
            anchor.addnext(span)
            anchor = span
    return value[:numbers[0][0]]


def _in_verbatim(element) -> bool:
    """Whether ``element`` is or is inside code, a URL or an upright run: its digits stay as written."""
    while element is not None:
        if local(element.tag) in _VERBATIM or _AS_WRITTEN.intersection((element.get("class") or "").split()):
            return True
        element = element.getparent()
    return False
