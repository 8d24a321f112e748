"""Article bodies as safe, well-formed XHTML fragments, and the tree walks every stage shares.

Everything that enters a body passes :func:`clean_fragment`: nh3 (the Ammonia sanitiser)
removes scripts, event handlers, forms, frames and dangerous URLs, then lxml re-serialises
the result as XML, so the same fragment is valid in EPUB XHTML and in WeasyPrint's HTML.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterator
from html import entities as html_entities
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import nh3
from lxml import etree, html

from . import patterns, ruby
from .chars import quoted, without_unseen, xml_safe

log = logging.getLogger("paiban")

_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rb", "rp",
    "rt", "rtc", "ruby", "s", "samp", "section", "small", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var", "aside",
    "center",  # only to read a centred block from (_alignment_as_class): never kept
    "details", "summary",  # only to read a collapsible block from (_details_opened): never kept
}
_ATTRIBUTES = {
    "*": {"id", "class", "lang", "title", "dir"},
    "a": {"href", "name"},  # name only to read an anchor's id from (_anchor_name_as_id): never kept
    "img": {"src", "alt", "width", "height"},
    # align and style only to read an alignment from (_ALIGNMENTS), type a numbering (_LIST_TYPES): never kept
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "scope", "align", "style"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},  # an item's own number (Markdown's claims 1. 3. 7.: item_numbers)
    "col": {"span"},
    "colgroup": {"span"},
    "p": {"align", "style"},
    "div": {"align", "style"},
}
# Elements left out with all they hold: a script and a style sheet; the text in a video or a sound,
# which a browser shows only where it cannot play it (你的浏览器不支持 video 标签。), no word for
# a reader of a book; what a frame holds, which no browser shows (and an HTML parser reads as
# text: markup in it was printed as typed); and a drawing or a formula written in the text (SVG,
# MathML), no HTML: the sanitiser takes each of its parts (<text>, <mi>) with the words in it.
LEFT_OUT_WHOLE = frozenset({"script", "style", "video", "audio", "iframe", "svg", "math"})
# ... of which these are left out after the sanitiser has read them (:func:`_media_left_out`), with a
# paragraph they leave empty: what they hold is HTML (a frame's is text, a script's code, which the
# sanitiser alone may take).
_MEDIA = frozenset({"video", "audio"})
# What the sanitiser lets through, and what it takes with all it holds.
_SANITISED_TAGS = _TAGS | _MEDIA
_CLEANED_WHOLE = LEFT_OUT_WHOLE - _MEDIA
# Elements left out of raw HTML that a reader misses nothing of: a picture's sources (its <img> is
# kept), the parts of a video, a sound or an object (which are warned of themselves), a place a
# line may break.
_UNSEEN = frozenset({"picture", "source", "track", "param", "wbr"})
# Attributes kept only with one of these values: a picture's role says it is decorative
# (:func:`decorative`), and nothing else.
DECORATIVE_ROLES = frozenset({"presentation", "none"})
_ATTRIBUTE_VALUES = {"img": {"role": set(DECORATIVE_ROLES)}}
# Markdown's ``![](rule.png){.decorative}``: a picture that only decorates (:func:`decorative`).
DECORATIVE = "decorative"
# A paragraph's, a table cell's or a block's alignment, written in HTML (align="right", style="text-align:
# center", as markdown-it writes a Markdown table's ``| ---: |`` column; Typora's <center> and
# <div align="center">) and kept as the class a Word document's aligned paragraph and a
# ``::: align-right`` block have. Left is how the stylesheet sets text and cells already: it has no class.
_ALIGNMENTS = {"right": "align-right", "center": "align-center", "end": "align-right"}
_ALIGNED = ("p", "td", "th", "div", "center")
_TEXT_ALIGN = patterns.compile(r"text-align\s*:\s*([a-z]+)", re.IGNORECASE)
# A list's numbering, written in HTML (<ol type="a">), as the class a Word document's list of
# that numbering has (base.css's ol.list-lower-alpha …). Case tells a from A, i from I.
_LIST_TYPES = {"a": "list-lower-alpha", "A": "list-upper-alpha", "i": "list-lower-roman", "I": "list-upper-roman"}
# The directions an element's ``dir`` may give (HTML's; EPUBCheck refuses any other), and those a
# ``<bdo>`` must (it sets its text in that direction's order, whatever its letters' own), which are
# those text is set in.
_DIRECTIONS = ("ltr", "rtl", "auto")
_OVERRIDES = ("ltr", "rtl")
# Markdown's ``[…]{.no-convert}`` and ``::: no-convert`` blocks: text kept in its original script.
NO_CONVERT = "no-convert"
# Text written in each script's or region's variant (MediaWiki's -{zh-hans:鼠标;zh-hant:滑鼠}-):
# a span of this class holding a ``<span lang>`` for each, of which an edition prints its own.
VARIANTS = "variants"
# An equation Word wrote, in its linear form (:mod:`.sources.omml`): its brackets and signs are its
# own, never Chinese punctuation (:func:`~paiban.edition.punctuation_kept`). Markdown's ``[(a+b)/2]{.equation}``.
EQUATION = "equation"
# A box: a sidebar (知识链接, 背景资料) set apart from the text by a rule (base.css); an article's
# ``<aside>`` is one (sources.body).
BOX = "box"
# paiban's own blocks, each a ``<div>`` of its class, which Markdown writes between ``::: name``
# and ``:::`` lines and an HTML article may hold: text kept in its script, a poem, a signature set
# flush right or centred, a bibliography (entries set with a hanging indent), a box.
BLOCK_CLASSES = (NO_CONVERT, "poem", "align-right", "align-center", "bibliography", BOX)
# Elements whose text is code or markup, never prose: no punctuation fixes, no conversion.
VERBATIM = frozenset({"code", "pre", "kbd", "samp", "var"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_ADDRESS = r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)"
_SHOWS_URL = patterns.compile(rf"^\s*{_ADDRESS}", re.IGNORECASE)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


def clean_fragment(markup: str, source: str | Path = "an article",
                   change: Callable[[etree._Element], None] | None = None) -> str:
    """Sanitise HTML and return it as an XHTML fragment (a sequence of XML elements and text).

    Characters XML cannot carry (which nh3 makes of references like ``&#1;``) are removed
    with a warning naming ``source``. ``change`` may edit the parsed tree (its root is a
    wrapper) before it is serialised, as :func:`edit` would: one parse for both.
    """
    _warn_of_unsafe_links(markup, source)
    safe = nh3.clean(
        markup,
        tags=_SANITISED_TAGS,
        clean_content_tags=_CLEANED_WHOLE,
        attributes=_ATTRIBUTES,
        url_schemes=LINK_SCHEMES | {"file"},  # (a file: picture is left out with a warning later)
        attribute_filter=_no_file_link,
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
        tag_attribute_values=_ATTRIBUTE_VALUES,
    )
    root = _parse(without_unseen(xml_safe(safe, source), source))
    if "<video" in safe or "<audio" in safe:
        _media_left_out(root)
    if safe.count("<pre") > 1:
        _inner_preformatted_as_code(root)
    if "<details" in safe or "<summary" in safe:
        _details_opened(root)
    _alignment_as_class(root)
    _list_type_as_class(root)
    if "start=" in safe or "value=" in safe:
        _huge_list_numbers_left_out(root, source)
    _anchor_name_as_id(root)
    _lang_in_case(root)
    if "dir=" in safe or "<bdo" in safe:
        _directions_written(root, source)
    _sizes_in_pixels(root, source)
    if "<r" in safe:  # (ruby or its parts)
        ruby.paired(root, source)
    if change:
        change(root)
    return _serialise(root)


def bold_alone(element: etree._Element) -> bool:
    """Whether ``element`` (a paragraph, a heading) holds one bold run and nothing else (``**知识链接**``)."""
    return (len(element) == 1 and element[0].tag in ("strong", "b") and not (element.text or "").strip()
            and not (element[0].tail or "").strip())


def decorative(img: etree._Element) -> bool:
    """Whether a picture is decorative (``alt=""`` and ``role="presentation"``, as the reader of
    each format marks one): it needs no alt text, and a screen reader passes it over."""
    return img.get("role") in DECORATIVE_ROLES


def _inner_preformatted_as_code(root: etree._Element) -> None:
    """A ``<pre>`` inside another is code in it (``<pre><code>``): a ``<pre>`` holds no block, and
    EPUBCheck refuses the EPUB ("element pre not allowed here"), but HTML's parsers (nh3's too)
    keep one typed so."""
    for inner in root.xpath(".//pre[ancestor::pre]"):
        inner.tag = "code"


def _alignment_as_class(root: etree._Element) -> None:
    """A paragraph's, a table cell's or a block's ``align`` or ``style`` attribute (nh3 leaves only its
    ``text-align``) as a class the stylesheet sets: no inline style reaches a body. A ``<center>``
    (Typora's centred caption) is a block centred so; an aligned block's loose text goes in paragraphs,
    which the class sets (``.align-center p``), as a ``::: align-center`` block's are: ``<center>``'s
    text was left bare in the article, and printed at the margin."""
    for element in list(root.iter(*_ALIGNED)):  # (a block of them is changed on the way)
        style, align = _TEXT_ALIGN.search(element.attrib.pop("style", "")), element.attrib.pop("align", "")
        written = "center" if element.tag == "center" else (style[1] if style else align).lower()
        if not (name := _ALIGNMENTS.get(written)):
            continue
        add_class(element, name)
        if element.tag in ("div", "center"):  # a block as ::: align-center writes it: its text in paragraphs
            element.tag = "div"
            loose_text_in_paragraphs(element)


def _details_opened(root: etree._Element) -> None:
    """A collapsible block (``<details>``, a help centre's question and its answer) as a page has no
    way to fold it: a block of its own, its summary (the question) a paragraph before what it holds,
    each with its id, which a help centre's links lead to. The sanitiser took the tags and kept their
    text: the question was bare text in the article, run into its answer, and a link to either's id
    led nowhere."""
    for summary in list(root.iter("summary")):
        if holds_blocks(summary):  # <summary><h3>
            summary.tag = "div"
            loose_text_in_paragraphs(summary)
        else:
            summary.tag = "p"
    for details in list(root.iter("details")):
        details.tag = "div"
        loose_text_in_paragraphs(details)


def _list_type_as_class(root: etree._Element) -> None:
    """A numbered list's ``type`` (``a``, ``A``, ``i``, ``I``) as the class the stylesheet numbers
    such a list by, as it numbers a Word document's: the sanitiser dropped it, and the list was
    numbered 1, 2, 3. (A class, not the attribute: a theme's or a reading system's list style
    outranks an attribute, and the book's own lists are all styled by class.)"""
    for numbered in root.iter("ol"):
        if name := _LIST_TYPES.get(numbered.attrib.pop("type", "").strip()):
            add_class(numbered, name)


# A list's start or an item's value of ten digits or more, read as HTML reads one (its digits after
# white space and a sign, whatever follows them): CommonMark takes nine at most for a list's number.
_HUGE_LIST_NUMBER = patterns.compile(r"\s*[+-]?0*[1-9]\d{9}")


def _huge_list_numbers_left_out(root: etree._Element, source: str | Path) -> None:
    """Each ``<ol start>`` and ``<li value>`` too long for a list's number (:data:`_HUGE_LIST_NUMBER`)
    left out, with a warning naming ``source``: the list is numbered as if it had none. Kept, one of
    over 4,300 digits stopped the PDF (WeasyPrint) and ``paiban import`` with an internal error, past
    the digits Python turns into a number."""
    for element in root.xpath(".//ol[@start] | .//li[@value]"):
        name = "start" if element.tag == "ol" else "value"
        if _HUGE_LIST_NUMBER.match(written := element.get(name)):
            del element.attrib[name]
            log.warning("%s: <%s %s> of %d characters (%s…) numbers no list, so it is left out: a list's number "
                        "has nine digits at most", source, element.tag, name, len(written), written.strip()[:12])


_INTEGER = patterns.compile(r"\s*[+-]?\d+\s*")


def item_numbers(start: str | None, values: list[str | None]) -> list[int]:
    """The number HTML gives each item of an ``<ol>`` whose ``start`` is ``start`` and whose items'
    ``value`` attributes are ``values``: an item's value, or else one more than the item's before
    it, the first's the list's start (1 without one). A renderer that writes the numbers itself (a
    note's list run into its paragraph, ``paiban import``'s Markdown) writes those the EPUB and the
    PDF print."""
    number = int(start) - 1 if start and _INTEGER.fullmatch(start) else 0
    numbers = []
    for value in values:
        number = int(value) if value and _INTEGER.fullmatch(value) else number + 1
        numbers.append(number)
    return numbers


def add_class(element: etree._Element, *names: str) -> None:
    """Add ``names`` to ``element``'s classes."""
    element.set("class", " ".join([*(element.get("class") or "").split(), *names]))


def remove_class(element: etree._Element, name: str) -> None:
    """Take ``name`` off ``element``'s classes (the attribute too, when it was the only one)."""
    classes = [each for each in (element.get("class") or "").split() if each != name]
    if classes:
        element.set("class", " ".join(classes))
    else:
        element.attrib.pop("class", None)


# A picture's width or height as HTML allows one: a whole number of CSS pixels (113px and 113.5
# are read as 113).
_PIXELS = patterns.compile(r"\s*(\d+)(?:\.\d*)?\s*(?:px)?\s*", re.IGNORECASE)


def css_pixels(written: str) -> str | None:
    """A picture's ``width`` or ``height`` as the whole CSS pixels HTML takes (``113``), or ``None``
    for a value that is none (``100%``, ``5cm``, ``auto``)."""
    return match[1] if (match := _PIXELS.fullmatch(written)) else None


def _sizes_in_pixels(root: etree._Element, source: str | Path) -> None:
    """Each picture's ``width`` and ``height`` as whole CSS pixels; any other value (``100%``,
    ``auto``) is left out, with a warning naming ``source``: kept, it made the EPUB invalid
    (EPUBCheck's RSC-005: HTML takes a number of pixels alone)."""
    for img in root.iter("img"):
        for name in ("width", "height"):
            if (written := img.get(name)) is None:
                continue
            if (pixels := css_pixels(written)) is not None:
                img.set(name, pixels)
            else:
                del img.attrib[name]
                log.warning("%s: a picture's %s, %s, is no number of CSS pixels, so it is left out (write it "
                            "in pixels, %s=\"300\", or leave it out: the picture then fits the text's width)",
                            source, name, quoted(written), name)


def _anchor_name_as_id(root: etree._Element) -> None:
    """An anchor's ``name`` (``<a name="注1"></a>``, older HTML's link target) as its ``id``, what
    a link to ``#注1`` finds in XHTML: dropped, the link led nowhere and was unlinked. An anchor
    that has an id keeps it; a name with white space in it can be no id. The name is taken as the
    text it encodes, as a link's address is (lxml's HTML writer percent-encodes both)."""
    for anchor in root.xpath(".//a[@name]"):
        name = id_of_name(anchor.attrib.pop("name"))
        if anchor.get("id") is None and name is not None:
            anchor.set("id", name)


# What an id may not hold: white space, which no id has (EPUBCheck's RSC-005), a control character,
# and what a link's #fragment may not (EPUBCheck's RSC-020, " # % < > [ \ ] ^ ` { | }); a " or a \
# in an id also broke WeasyPrint's anchor for it, where the PDF's links lead.
_NOT_IN_ID = patterns.compile(r'[\x00-\x20\x7f"#%<>\[\\\]^`{|}]')


def safe_id(written: str) -> str:
    """The id ``written`` (an element's, or the one a link names) as paiban writes it: each character
    no id or link to it may hold (:data:`_NOT_IN_ID`) made a ``-``, alike in both, so the link still
    leads to it (``x y`` → ``x-y``)."""
    return _NOT_IN_ID.sub("-", written)


def id_of_name(name: str) -> str | None:
    """The id an anchor's ``name`` makes (:func:`_anchor_name_as_id`): the text it encodes, if it is
    one word; ``None`` for a name with white space in it, which can be no id."""
    words = unquote(name).split()
    return words[0] if len(words) == 1 else None


def _lang_in_case(root: etree._Element) -> None:
    """Each ``lang`` in BCP 47's case (zh-hk → zh-HK, ZH-HANT-TW → zh-Hant-TW): a stylesheet matches
    the tag as written, case and all (fonts.css's ``[lang|="zh-HK"]``), and a web page often writes
    it in lower case."""
    for element in root.xpath(".//*[@lang]"):
        element.set("lang", language_case(element.get("lang")))


def _directions_written(root: etree._Element, source: str | Path) -> None:
    """Each ``dir`` one of :data:`_DIRECTIONS`, in lower case; another (``dir="right"``) is left out,
    with a warning naming ``source``: kept, it made the EPUB invalid (RSC-005). A ``<bdo>`` that
    names no direction to set its text in (none, or ``auto``) is a span, as HTML gives it no meaning,
    with a warning too."""
    for element in root.xpath(".//*[@dir]"):
        if (written := element.get("dir").strip().lower()) in _DIRECTIONS:
            element.set("dir", written)
        else:
            log.warning("%s: dir=%s is left out: a direction is ltr, rtl or auto", source, quoted(element.get("dir")))
            del element.attrib["dir"]
    for override in root.iter("bdo"):
        if override.get("dir") not in _OVERRIDES:
            log.warning('%s: a <bdo> sets its text in the order its dir names, "rtl" or "ltr", and this one '
                        "names none: it is kept as a span", source)
            override.tag = "span"


def written_in(element: etree._Element) -> dict[str, str]:
    """``element``'s ``lang``, and the direction it is set in where an element gives one, as
    attributes for what is made of it elsewhere (a note set apart from the text it was written in:
    sources.markdown gives a note its block's language, sources.direction a list of notes written
    in a right-to-left script its direction), or none."""
    attributes = {"lang": element.get("lang")} if element.get("lang") else {}
    if direction := direction_given(element):
        attributes["dir"] = direction
    return attributes


def direction_given(element: etree._Element) -> str | None:
    """The direction ``element`` is set in, ``"ltr"`` or ``"rtl"``, as its own ``dir`` gives it or
    else the nearest element's around it; ``None`` where none does."""
    return next((each.get("dir") for each in (element, *element.iterancestors()) if each.get("dir") in _OVERRIDES),
                None)


def language_case(tag: str) -> str:
    """``tag`` in BCP 47's case: the language lower, a script (four letters) title, a region (two)
    upper, and everything after a one-letter extension or private-use mark (x-) lower."""
    first, *rest = tag.strip().split("-")
    written, extension = [first.lower()], len(first) == 1
    for subtag in rest:
        extension = extension or len(subtag) == 1
        if extension or not subtag.isalpha() or len(subtag) not in (2, 4):
            written.append(subtag.lower())
        else:
            written.append(subtag.upper() if len(subtag) == 2 else subtag.title())
    return "-".join(written)


# What a book links to: web pages, e-mail addresses, telephone numbers (every format keeps these,
# and no other address: the sanitiser, the EPUB's documents, the PDF's template links).
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# The start of a link's address of another scheme, in markup (the scheme its group).
FOREIGN_ADDRESS = rf"""(?!(?:{'|'.join(sorted(LINK_SCHEMES))}):)([a-z][a-z0-9+.-]*):"""
# A link to what a book may not link to: a script, a page or a file held in the URL, a file of the
# disk, any address but a web page's, an e-mail's or a telephone's (the sanitiser takes the address
# away: its text is printed unlinked).
_UNSAFE_LINK = patterns.compile(rf"""<a\s[^>]*?\bhref\s*=\s*["']?\s*{FOREIGN_ADDRESS}""", re.IGNORECASE)


def _warn_of_unsafe_links(markup: str, source: str | Path) -> None:
    """A warning for each kind of link the sanitiser unlinks without a word: ``[点我](javascript:…)``
    printed unlinked is no surprise to its writer, but a ``file:`` link to a document is."""
    if ":" not in markup:
        return
    for scheme in dict.fromkeys(match[1].lower() for match in _UNSAFE_LINK.finditer(markup)):
        why = ("would run code" if scheme.endswith("script") else
               "names a file of a disk, not of the book" if scheme == "file" else
               "holds a page of its own" if scheme == "data" else
               "is of no kind a book links to (a web page, an e-mail address or a telephone number)")
        log.warning("%s: a link to a %s: URL %s, so its text is printed unlinked: link to a web address "
                    "(https://…), or to another article by its file's path", source, scheme, why)


def _no_file_link(element: str, attribute: str, value: str) -> str | None:
    """nh3's filter: a ``file:`` URL is kept for an image alone, to be left out with a warning
    naming it (as a remote one is, when the body's images are resolved); a link loses it."""
    return None if element != "img" and value.strip().lower().startswith("file:") else value


# Which elements' text to leave alone, all of it (no-convert text, text in another language).
Skip = Callable[[etree._Element], bool] | None


def map_text(fragment: str, change: Callable[[str], str], *, attributes: tuple[str, ...] = (),
             skip: Skip = None) -> str:
    """Apply ``change`` to every prose text node of ``fragment`` (and to the named attributes).

    Markup, URLs and code (:data:`VERBATIM`) are never passed to ``change``, nor anything inside
    an element ``skip`` is true of.
    """
    root = _parse(fragment)
    map_text_in(root, change, attributes=attributes, skip=skip)
    return _serialise(root)


def map_text_in(root: etree._Element, change: Callable[[str], str], *, attributes: tuple[str, ...] = (),
                skip: Skip = None) -> None:
    """:func:`map_text` on a parsed fragment (``root`` is its wrapper), in place: for an
    :func:`edit` that does more to the same tree.

    Each element is judged verbatim once and passes that down, instead of every text asking
    its ancestors; a stack, not recursion, so a hostile nesting depth cannot exhaust Python's.
    """
    if root.text:
        root.text = change(root.text)
    pending = [(element, False) for element in root]
    while pending:
        element, outer = pending.pop()
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction (and the text after it) is left as it is
        if element.tail and not outer:
            element.tail = change(element.tail)
        inner = outer or _verbatim_itself(element, skip)
        if not inner:
            if element.text:
                element.text = change(element.text)
            for name in attributes:
                if value := element.get(name):
                    element.set(name, change(value))
        pending.extend((child, inner) for child in element)


def prose_elements(root: etree._Element, skip: Skip = None) -> Iterator[etree._Element]:
    """The elements of a parsed fragment whose own text :func:`map_text_in` changes with the same
    ``skip``: those neither verbatim nor inside a verbatim one."""
    pending = list(root)
    while pending:
        element = pending.pop()
        if isinstance(element.tag, str) and not _verbatim_itself(element, skip):
            yield element
            pending.extend(element)


# Elements that sit inside a line of text; any other element begins a paragraph of its own.
IN_LINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "del", "dfn", "em", "i", "img", "ins", "kbd",
                      "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup",
                      "u", "var"})


def loose_text_in_paragraphs(element: etree._Element) -> None:
    """Each run of text and inline markup loose in ``element`` (``<li>注。</li>``, ``<li>注<ul>…``,
    ``<center>图一</center>``) in a paragraph, as markdown-it writes every note and a ``:::`` block's
    text; its blocks (paragraphs, lists, quotations) stay as they are: a block inside a ``<p>`` is no HTML."""
    runs: list[list] = [[element.text]]  # each run: its text, then its inline elements
    element.text = None
    for child in list(element):
        if _is_block(child):
            tail, child.tail = child.tail, None
            runs.append([child])  # a block ends the run before it
            runs.append([tail])
        else:
            runs[-1].append(child)
    for run in runs:
        if isinstance(run[0], etree._Element):
            element.append(run[0])
        elif (run[0] or "").strip() or len(run) > 1:
            paragraph = etree.SubElement(element, "p")
            paragraph.text = (run[0] or "").lstrip()
            paragraph.extend(run[1:])


def holds_blocks(element: etree._Element) -> bool:
    """Whether ``element`` holds a block (a paragraph, a list, a heading: no inline element)."""
    return any(_is_block(child) for child in element)


def _is_block(node: etree._Element) -> bool:
    """Whether ``node`` is an element and not an inline one (a comment is neither)."""
    return isinstance(node.tag, str) and node.tag not in IN_LINE


def map_paragraphs_in(root: etree._Element, change: Callable[[list[str], set[int]], list[str]], *,
                      attributes: tuple[str, ...] = (), keep: Skip = None, code_kept: bool = False) -> None:
    """Apply ``change`` to the prose texts of each paragraph of a parsed fragment (``root`` is its
    wrapper) at once, in reading order: for what pairs across the markup inside a paragraph (a
    quote opened before ``<em>`` and closed after it). Each of the named ``attributes`` is a
    paragraph of its own. Code (:data:`VERBATIM`) and links that show their address are left out.

    The texts inside an element ``keep`` is true of are passed too, for what pairs across them,
    with their indices in the set ``change`` is given second: it must return them as they are.
    Their elements' attributes are not passed. ``code_kept``: code's texts passed so too, not left
    out, for a change that must see what stands between two texts (a space after code is not one
    after the mark before the code).

    A walk of start and end events, not recursion, as :func:`map_text_in`.
    """
    paragraphs: list[list[tuple[etree._Element, str, bool]]] = [[]]  # open ones, innermost last
    finished = []
    verbatim = 0  # how deep inside code the walk is
    kept = 0  # how deep inside elements to keep
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        opens = element is not root and element.tag not in IN_LINE
        keeps = bool(keep and keep(element)) or (code_kept and _verbatim_itself(element))
        if event == "start":
            if verbatim or (_verbatim_itself(element) and not code_kept):
                verbatim += 1
                continue
            kept += keeps
            if opens:
                paragraphs.append([])
            if not kept:
                finished += [[(element, name, False)] for name in attributes if element.get(name)]
            if element.text:
                paragraphs[-1].append((element, "text", bool(kept)))
            continue
        if verbatim:
            verbatim -= 1
        else:
            kept -= keeps
            if opens:
                finished.append(paragraphs.pop())
        if element is not root and element.tail and not verbatim:
            paragraphs[-1].append((element, "tail", bool(kept)))
    for slots in [*finished, *paragraphs]:
        texts = [element.get(slot) if slot in attributes else getattr(element, slot) for element, slot, _ in slots]
        unchanged = {index for index, (_, _, keep) in enumerate(slots) if keep}
        for (element, slot, _), text in zip(slots, change(texts, unchanged) if texts else (), strict=True):
            if slot in attributes:
                element.set(slot, text)
            else:
                setattr(element, slot, text)


# In-line elements that part the text around them into two runs (:func:`map_runs_in`): a line
# break, a picture, and what is set off the line (a superscript or subscript, a note's call), each
# of whose texts is a run of its own.
APART = frozenset({"br", "img", "sup", "sub"})
# Ruby's reading and its parentheses: a run of its own set beside the line, which the base text
# reads through (白<ruby>发<rt>fà</rt></ruby>三千丈 is the run 白发三千丈, and the run fà).
ASIDE = frozenset({"rt", "rp"})
# A text of a run: its element, and the slot that holds it (``text``, ``tail`` or an attribute's
# name; ``None`` for the whole text of an element passed as it is), and how deep in the markup it is.
_Slot = tuple[etree._Element, str | None, int]


def map_runs_in(root: etree._Element,
                change: Callable[[list[str], set[int], list[int]], list[str]], *,
                attributes: tuple[str, ...] = (), keep: Skip = None) -> None:
    """Apply ``change`` to each run of text of a parsed fragment (``root`` is its wrapper) at once,
    in reading order: for what depends on the characters either side of an element's edge (the
    space between Chinese and a Latin word in ``<strong>`` or ``<code>``). A run is a paragraph's
    text from one of the elements :data:`APART` or a block to the next, read through ruby: its
    readings (:data:`ASIDE`) are runs of their own. Each of the named ``attributes`` is a run of
    its own.

    ``change`` is given the run's texts, empty ones too (a tail is where a space after an element
    goes); the indices of those it must return as they are, which are there to be read: the whole
    text of each in-line element that is code (:data:`VERBATIM`), a link showing its address, or
    that ``keep`` is true of; and how deep in the markup each text is, to tell the one outside an
    element from the one inside it. Code and kept blocks are left out, as their runs' ends.
    """
    runs: list[list[_Slot]] = [[]]  # the current run of each open block, innermost last
    finished: list[list[_Slot]] = []
    passed = 0  # how deep inside an element passed whole the walk is
    depth = 0

    def part() -> None:
        finished.append(runs[-1])
        runs[-1] = []

    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        block = element is not root and element.tag not in IN_LINE
        aside = element.tag in ASIDE
        if event == "start":
            if passed or (element is not root and _verbatim_itself(element, keep)):
                passed += 1
                continue
            depth += 1
            if block or aside:
                runs.append([])
            elif element.tag in APART:
                part()
            finished += [[(element, name, depth)] for name in attributes if element.get(name)]
            runs[-1].append((element, "text", depth))
            continue
        if passed:
            passed -= 1
            if passed:
                continue
            if block:
                part()
            elif not aside:
                runs[-1].append((element, None, depth + 1))
        else:
            depth -= 1
            if block or aside:
                finished.append(runs.pop())
            elif element.tag in APART:
                part()
        if element is not root:
            runs[-1].append((element, "tail", depth))
    for run in [*finished, *runs]:
        _change_run(run, change)


def _change_run(run: list[_Slot], change: Callable[[list[str], set[int], list[int]], list[str]]) -> None:
    """``change`` applied to the texts of one run of :func:`map_runs_in`, and its texts set."""
    texts = [("".join(element.itertext()) if slot is None
              else (getattr(element, slot) if slot in ("text", "tail") else element.get(slot))) or ""
             for element, slot, _ in run]
    fixed = {index for index, (_, slot, _) in enumerate(run) if slot is None}
    for (element, slot, _), old, new in zip(run, texts, change(texts, fixed, [depth for *_, depth in run]),
                                            strict=True):
        if new == old or slot is None:
            continue
        if slot in ("text", "tail"):
            setattr(element, slot, new)
        else:
            element.set(slot, new)


def rewrite(fragment: str, visit: Callable[[etree._Element], None]) -> str:
    """Call ``visit`` on every element of ``fragment`` (it may change it in place); return the result."""
    root = _parse(fragment)
    for element in list(root.iter()):
        if element is not root and isinstance(element.tag, str):
            visit(element)
    return _serialise(root)


def split_text(fragment: str, pattern: re.Pattern[str],
               make: Callable[[re.Match[str]], etree._Element]) -> str:
    """Replace each match of ``pattern`` in prose text with the element ``make`` returns (made
    from the matched text alone: equal matches may share one element's markup).

    ``pattern`` sees the text as it reads (``&``, not ``&amp;``). paiban's own fragments
    (serialised XML) are done on their text between tags without parsing them, for the same
    result several times faster. Anything else is parsed.
    """
    try:
        return _split_serialised(fragment, pattern, make)
    except _NotSerialised:
        pass
    root = _parse(fragment)
    for element in list(root.iter()):
        if isinstance(element.tag, str) and not _is_verbatim(element):
            split_text_in(element, pattern, make)
    return _serialise(root)


def split_text_in(element: etree._Element, pattern: re.Pattern[str],
                  make: Callable[[re.Match[str]], etree._Element]) -> None:
    """:func:`split_text` on one parsed element, in place: in its own text and its children's
    tails (not in its children's text), each match of ``pattern`` replaced with ``make``'s element."""
    if element.text:
        element.text, made = _split(element.text, pattern, make)
        for index, new in enumerate(made):
            element.insert(index, new)
    for child in list(element):
        if child.tail:
            child.tail, made = _split(child.tail, pattern, make)
            at = element.index(child)
            for offset, new in enumerate(made, 1):
                element.insert(at + offset, new)


# Where an element that is not prose opens, in a fragment paiban serialised: code and its kin,
# or a link whose text, right after its tag, is an address (see :func:`_verbatim_itself`).
_VERBATIM_OPENS = patterns.compile(
    rf"<({'|'.join(sorted(VERBATIM))})(?:\s[^<>]*)?(?<!/)>"
    rf"|<(a)(?:\s[^<>]*)?(?<!/)>(?=\s*(?i:{_ADDRESS}))")


# A tag, in a fragment paiban serialised (its text and values hold no < or > unescaped).
TAG = patterns.compile(r"<[^>]*>")
_TAG_APART = patterns.compile(f"({TAG.pattern})")  # splits a serialised stretch into text, tag, text …


class _NotSerialised(Exception):
    """The fragment is not in the form :func:`_serialise` writes: it must be parsed."""


def _split_serialised(fragment: str, pattern: re.Pattern[str],
                      make: Callable[[re.Match[str]], etree._Element]) -> str:
    """:func:`split_text` over a serialised fragment, without parsing it: the texts between its tags
    substituted, and the elements that are not prose (code, a link showing its address, and all
    they hold) copied as they are. Each distinct match is made into markup once (``make`` sees
    only the matched text). Linear in the fragment's length, however many matches a paragraph has."""
    if "<!" in fragment or "<?" in fragment:
        raise _NotSerialised
    made: dict[str, str] = {}

    def markup(found: re.Match[str]) -> str:
        if found[0] not in made:
            made[found[0]] = _markup(make(found))
        return made[found[0]]

    def prose(stretch: str) -> str:
        """The stretch's texts changed, its tags (split out, at odd places) kept."""
        parts = _TAG_APART.split(stretch)
        parts[::2] = [_substituted(text, pattern, markup) if text else text for text in parts[::2]]
        return "".join(parts)

    pieces, position = [], 0
    while opening := _VERBATIM_OPENS.search(fragment, position):
        end = _end_of(fragment, opening[1] or opening[2], opening.end())
        pieces += [prose(fragment[position:opening.start()]), fragment[opening.start():end]]
        position = end
    pieces.append(prose(fragment[position:]))
    return "".join(pieces)


# The escapes :func:`_serialise` writes in a text (lxml's), each with the character it stands for.
_ESCAPES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&#13;": "\r"}
_ESCAPE = patterns.compile("|".join(_ESCAPES))
_UNESCAPED = patterns.compile(f"[{''.join(_ESCAPES.values())}]")
_ESCAPED = {character: escape for escape, character in _ESCAPES.items()}


def _substituted(text: str, pattern: re.Pattern[str], markup: Callable[[re.Match[str]], str]) -> str:
    """A serialised ``text`` with each match of ``pattern`` in what it reads replaced by its
    ``markup``: a URL's query (``?x=1&y=2``, ``&amp;`` in the markup) is matched whole, and no
    ``&amp;`` is cut into."""
    if "&" not in text:
        return pattern.sub(markup, text)
    if "&" in _ESCAPE.sub("", text):
        raise _NotSerialised  # an entity lxml never writes
    reads = _ESCAPE.sub(lambda found: _ESCAPES[found[0]], text)
    pieces, position = [], 0
    for found in pattern.finditer(reads):
        pieces += [_escaped(reads[position:found.start()]), markup(found)]
        position = found.end()
    return "".join([*pieces, _escaped(reads[position:])])


def _escaped(text: str) -> str:
    """``text`` as :func:`_serialise` writes it."""
    return _UNESCAPED.sub(lambda found: _ESCAPED[found[0]], text)


@functools.cache
def _tags_named(name: str) -> re.Pattern[str]:
    """An opening, closing or self-closing tag of elements called ``name``."""
    return patterns.compile(rf"<(/?){name}(?:\s[^<>]*)?(/?)>")


def _end_of(fragment: str, name: str, start: int) -> int:
    """Where the ``name`` element whose opening tag ends at ``start`` ends (after its closing
    tag), counting the elements of the same name inside it."""
    depth = 1
    for tag in _tags_named(name).finditer(fragment, start):
        depth += -1 if tag[1] else 0 if tag[2] else 1
        if not depth:
            return tag.end()
    raise _NotSerialised


def _markup(element: etree._Element) -> str:
    """One made element as :func:`_serialise` would write it."""
    return etree.tostring(_closed(element), encoding="unicode", method="xml")


def _split(value: str, pattern: re.Pattern[str], make) -> tuple[str, list[etree._Element]]:
    """The text before the first match, and one made element per match carrying what follows it."""
    matches = list(pattern.finditer(value))
    made = []
    for number, match in enumerate(matches):
        end = matches[number + 1].start() if number + 1 < len(matches) else len(value)
        new = make(match)
        new.tail = value[match.end():end]
        made.append(new)
    return (value[:matches[0].start()] if matches else value), made


def edit(fragment: str, change: Callable[[etree._Element], None]) -> str:
    """Parse ``fragment``, let ``change`` edit the whole tree (its root is a wrapper), serialise it."""
    root = _parse(fragment)
    change(root)
    return _serialise(root)


def text_of(fragment: str) -> str:
    """The plain text of a fragment (for tests, summaries and search)."""
    return "".join(_parse(fragment).itertext())


# In a fragment paiban serialised, an id, and a link to one, inside a tag (``<`` in text and ``"``
# in values are escaped, so neither text nor a value can hold what looks like one).
_LOCAL_NAME = patterns.compile(r'(?<=\s)(id="|href="#)(?=[^"])')
# A tag with an id or a link to one in it: the few tags :func:`prefix_ids` edits, found by the
# engine alone (a Python call for every tag of every article took 12 ms of every build).
_NAMING_TAG = patterns.compile(r'<[^<>]*\s(?:id="|href="#)[^<>]*>')


def prefix_ids(fragment: str, prefix: str) -> str:
    """Prefix the ids inside a fragment, and the links to them, with ``prefix-`` (an article's
    footnote ``fn1`` becomes ``a7-fn1``), so articles never collide in one file.

    Done on the serialised tags, without parsing: it is applied to every article of every
    build, cached or not.
    """
    if ' id="' not in fragment and ' href="#' not in fragment:
        return fragment
    return _NAMING_TAG.sub(lambda tag: _LOCAL_NAME.sub(lambda name: f"{name[1]}{prefix}-", tag[0]), fragment)


def _is_verbatim(element: etree._Element | None) -> bool:
    """Whether ``element`` or one of its ancestors is verbatim (see :func:`_verbatim_itself`)."""
    while element is not None:
        if _verbatim_itself(element):
            return True
        element = element.getparent()
    return False


def _verbatim_itself(element: etree._Element, skip: Skip = None) -> bool:
    """Code, links that show their own address, and elements ``skip`` is true of are not prose."""
    return element.tag in VERBATIM or shows_address(element) or bool(skip and skip(element))


def shows_address(element: etree._Element) -> bool:
    """Whether ``element`` is a link whose text is its address (``<https://…>``): kept as written,
    as code is, for the address to stay the one it links to."""
    return element.tag == "a" and bool(_SHOWS_URL.match(element.text or ""))


_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def _parse(fragment: str) -> etree._Element:
    """Parse a fragment into a ``<div>`` wrapper.

    Bodies paiban made are well-formed XML, and the XML parser reads them several times faster
    than the HTML parser; anything else (raw input, the sanitiser's HTML) takes the lenient
    HTML parser.
    """
    try:
        return etree.fromstring(f"<div>{fragment or ''}</div>", _XML)
    except etree.XMLSyntaxError:
        return html.fragment_fromstring(fragment or "", create_parent="div")


def drop(element: etree._Element) -> None:
    """Remove ``element`` and what it holds, keeping the text that follows it."""
    parent, previous = element.getparent(), element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def drop_empty_paragraphs(root: etree._Element) -> int:
    """Leave out each paragraph of nothing but spaces (full-width, no-break or any other), without
    a picture: an Enter pressed for space, which printed as a blank line of the text. Word saves
    one on a page as ``<p class=MsoNormal><o:p>&nbsp;</o:p></p>``. Gives how many were left out."""
    empty = [paragraph for paragraph in root.iter("p")
             if not "".join(paragraph.itertext()).strip() and paragraph.find(".//img") is None]
    for paragraph in empty:
        drop(paragraph)
    return len(empty)


def _media_left_out(root: etree._Element) -> None:
    """Each video and sound left out with all it holds (:data:`LEFT_OUT_WHOLE`), and the paragraph
    it was alone in with it: a Markdown line of a ``<video>`` is a paragraph, which was left in the
    book empty (``<p/>``)."""
    for media in list(root.iter(*_MEDIA)):
        paragraph = next(media.iterancestors("p"), None)
        drop(media)
        if paragraph is not None:
            drop_empty_paragraphs(paragraph)


def _serialise(root: etree._Element) -> str:
    """XML text that an HTML parser reads the same way: only void elements are self-closed."""
    text = etree.tostring(_closed(root), encoding="unicode", method="xml")
    return text[len("<div>"):-len("</div>")]


def _closed(root: etree._Element) -> etree._Element:
    """``root`` with every empty non-void element given empty text, so it is written
    ``<span></span>``, not ``<span/>``, which an HTML parser leaves open."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag not in VOID and element.text is None and not len(element):
            element.text = ""
    return root


class RawHtmlChecker(HTMLParser):
    """Checks that raw HTML written in an article opens and closes its elements in order, and
    notes the elements the sanitiser will leave out.

    An HTML parser would silently repair ``<div><p>text</div>``; an editor should hear about it,
    because the repair changes the article's structure. ``problems`` lists (line, message).
    ``left_out`` lists (line, name as written, attributes) of each element the sanitiser leaves out,
    the words of its attributes with it (a docs site's ``<Badge text="已废弃" />``, a ``<video>``),
    to be warned of: it went unseen. Those whose loss shows nowhere (:data:`_UNSEEN`) are not listed,
    nor those inside one left out whole (an ``<svg>``'s ``<text>``, a ``<math>``'s ``<mi>``): its
    warning says they go with it.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int]] = []
        self.open_left_out_whole = 0  # how many of ``open`` are left out whole (:data:`LEFT_OUT_WHOLE`)
        self.problems: list[tuple[int, str]] = []
        self.left_out: list[tuple[int, str, dict[str, str]]] = []
        self.line_offset = 0

    def feed_at(self, markup: str, first_line: int) -> None:
        """Feed a piece of raw HTML that starts on ``first_line`` of the source file."""
        self.line_offset = first_line - 1
        self.reset_position()
        self.feed(markup)

    def reset_position(self) -> None:
        self.lineno, self.offset = 1, 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        line = self.getpos()[0] + self.line_offset
        if tag not in _TAGS and tag not in _UNSEEN and not self.open_left_out_whole:
            written = self.get_starttag_text()[1:1 + len(tag)]  # (the parser gives the name in lower case)
            self.left_out.append((line, written, {name: value or "" for name, value in attrs}))
        if tag not in VOID:
            self.open.append((tag, line))
            self.open_left_out_whole += tag in LEFT_OUT_WHOLE

    def handle_endtag(self, tag: str) -> None:
        line = self.getpos()[0] + self.line_offset
        if tag in VOID:
            return
        if not self.open:
            self.problems.append((line, f"</{tag}> closes an element that was never opened"))
            return
        expected, opened_at = self.open.pop()
        self.open_left_out_whole -= expected in LEFT_OUT_WHOLE
        if expected != tag:
            self.problems.append((line, f"</{tag}> found where </{expected}> (opened on line "
                                        f"{opened_at}) was expected"))

    def finish(self) -> list[tuple[int, str]]:
        """Close the check: whatever is still open is a problem too."""
        for tag, line in self.open:
            self.problems.append((line, f"<{tag}> is never closed"))
        self.open.clear()
        self.open_left_out_whole = 0
        return self.problems


# A named character reference (&copy;), and the five XML defines itself.
_NAMED_REFERENCE = patterns.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_NAMED = frozenset({"amp", "lt", "gt", "quot", "apos"})


def xml_entities(markup: str) -> str:
    """``markup`` with HTML's named character references (``&copy;``, ``&nbsp;``) written as numeric
    ones (``&#169;``), which XML reads without a DTD: a template writes them as HTML allows, and an
    EPUB's content document is XML. XML's own five stay; a name HTML does not define is left to the
    parser to report."""
    def numeric(reference: re.Match[str]) -> str:
        name = reference[1]
        characters = None if name in _XML_NAMED else html_entities.html5.get(f"{name};")
        return "".join(f"&#{ord(character)};" for character in characters) if characters else reference[0]

    return _NAMED_REFERENCE.sub(numeric, markup)
