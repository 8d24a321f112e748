"""Pages saved from a MediaWiki site (Wikipedia and its kin), whole or as the article's markup alone
(Kiwix, an offline dump): what the wiki writes for its own use, not the reader's, is taken out
before the page is read as any other (:mod:`.html`).
"""

from __future__ import annotations

import re

from lxml import etree

from .. import patterns
from ..xhtml import NO_CONVERT, VARIANTS, VERBATIM


def tidy(body: etree._Element, page: str) -> None:
    """What MediaWiki writes for its own use taken out of ``body``, the parsed ``page``: each pass only
    when the page's text may hold what it looks for, as most pages are no wiki's and each scans the whole tree."""
    if "mw-editsection" in page:
        _drop_edit_links(body)
    if "geo" in page:
        _show_coordinates(body)
    if _MAY_CONVERT.search(page):
        _write_variants(body)


def _of_class(*names: str) -> str:
    """An XPath test of whether an element is of one of the classes ``names``."""
    return " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in names)


# A section's edit link, [编辑], which MediaWiki writes in every heading (beside it, in a <div
# class="mw-heading"> since 1.42): the site's tool, printed in each heading, the contents and the
# bookmarks as 历史[编辑], a warning each of a link leading nowhere. Its link made trafilatura take
# 1.42's heading for links, and drop it.
_EDIT_LINKS = f".//*[{_of_class('mw-editsection')}]"


def _drop_edit_links(body: etree._Element) -> None:
    """Each section's edit link (:data:`_EDIT_LINKS`) out of ``body``, what follows it kept."""
    for link in body.xpath(_EDIT_LINKS):
        link.drop_tree()


# A place's coordinates as MediaWiki writes them (坐标：31°12′N 120°30′E, by the title or in an
# infobox): the form the page shows (span.geo-default), then the others its style sheet hides
# (span.geo-nondefault, the " / " before them: geo-multi-punct), which were printed after it; all in
# a link to a map service (GeoHack) in a span of class nourlexpand (print no address after it), which
# trafilatura takes for a widget that expands and drops, the coordinates with it: 坐标： was left
# alone. Kept, the link parted the line in two paragraphs, 坐标： and the coordinates.
_COORDINATES = _of_class("geo-default", "geo-dms", "geo-dec", "geo")
_HIDDEN_COORDINATES = f".//*[{_of_class('geo-nondefault', 'geo-multi-punct')}]"
_COORDINATES_LINKS = f".//*[(self::a or {_of_class('nourlexpand')}) and .//*[{_COORDINATES}]]"


def _show_coordinates(body: etree._Element) -> None:
    """Each place's coordinates in ``body`` (:data:`_COORDINATES`) as the text the page shows: the
    forms it hides left out, its link to a map service and the span around that unwrapped."""
    for hidden in body.xpath(_HIDDEN_COORDINATES):
        hidden.drop_tree()
    for link in body.xpath(_COORDINATES_LINKS):
        link.drop_tag()


# MediaWiki's language conversion, -{…}-, as a page keeps it where the wiki did not apply it (an
# offline dump, a page's source): a variant for each script and region, -{zh-hans:鼠标;zh-hant:滑鼠}-,
# or text no conversion may touch, -{C++}-. Its flags before a | say what it is: H and T a rule for
# the page or its title, which prints nothing, - one undone; R and A text, as none does. Printed as
# written, the markup garbled the sentence, its : and ; made Chinese marks, and OpenCC converted
# the variants inside it. Group 1 the flags, 2 what they apply to, which opens no -{ of its own: each
# -{ never closed would otherwise be looked for its }- to the text's end, a paragraph of them read
# in a time that grew as its length squared.
_CONVERSION = patterns.compile(r"-\{(?:([A-Za-z;\s-]*)\|)?((?:[^-]|-(?!\{))*?)\}-")
# Where a page's text may open a -{…}-, written as it is or with a character reference for its - or
# its { (-&#123;, &#45;{, -&lbrace;: the parser reads them as the characters).
_MAY_CONVERT = patterns.compile(r"-\{|&#0*(?:45|123)(?!\d)|&#[xX]0*(?:2[dD]|7[bB])(?![0-9A-Fa-f])|&l(?:brace|cub);")
_PRINTS_NOTHING = frozenset("HT-")
# A variant's rule: its code (zh-hans, zh-tw …: group 1) and its text (group 2).
_RULE = patterns.compile(r"\s*(zh(?:-(?:hans|hant|cn|tw|hk|mo|sg|my))?)\s*:(.*)", re.IGNORECASE | re.DOTALL)
# A variant's code as the language tag it is (BCP 47's case).
_TAGS = {"hans": "zh-Hans", "hant": "zh-Hant"}
# The texts that may hold a -{…}-, but not in code (:data:`~paiban.xhtml.VERBATIM`): a page that
# shows the markup (a wiki's help page, any HTML article on the syntax) writes it there as it is,
# as MediaWiki leaves it in <code> and <pre>. Rewritten, the code showed a variant and a rule vanished.
_IN_CODE = " or ".join(f"ancestor::{tag}" for tag in sorted(VERBATIM))
_PROSE_MAY_CONVERT = etree.XPath(f".//text()[contains(., '-{{')][not({_IN_CODE})]")


def _write_variants(body: etree._Element) -> None:
    """Each -{…}- in ``body``'s text (:data:`_CONVERSION`) as what an edition picks from: its
    variants a ``span.variants`` of a ``<span lang>`` each (``convert`` prints the one of the
    edition's script), its plain text a ``no-convert`` span; a rule alone goes. Code is left as written."""
    for text in _PROSE_MAY_CONVERT(body):
        holder, pieces = text.getparent(), _pieces(str(text))
        written, *elements = pieces
        if text.is_text:
            holder.text = written
            for index, element in enumerate(elements):
                holder.insert(index, element)
        else:
            holder.tail = written
            for element in reversed(elements):
                holder.addnext(element)


def _pieces(text: str) -> list:
    """``text`` as the text before its first -{…}-, then an element for each, its tail the text after it
    (``text`` alone, as it is, when it has none)."""
    pieces: list = [""]
    end = 0
    for match in _CONVERSION.finditer(text):
        _add_text(pieces, text[end:match.start()])
        end = match.end()
        if (element := _conversion(match[1] or "", match[2])) is not None:
            pieces.append(element)
    _add_text(pieces, text[end:])
    return pieces


def _add_text(pieces: list, text: str) -> None:
    """``text`` after the last of ``pieces``: the text before any element, else the last element's tail."""
    if len(pieces) == 1:
        pieces[0] += text
    else:
        pieces[-1].tail = (pieces[-1].tail or "") + text


def _conversion(flags: str, written: str) -> etree._Element | None:
    """The element a -{flags|written}- prints as, or ``None`` for a rule that prints nothing."""
    if _PRINTS_NOTHING & set(flags.upper()):
        return None
    rules = [_RULE.fullmatch(rule) for rule in written.split(";") if rule.strip()]
    if "R" in flags.upper() or not rules or not all(rules):
        span = etree.Element("span", {"class": NO_CONVERT})
        span.text = written
        return span
    variants = etree.Element("span", {"class": VARIANTS})
    for rule in rules:
        code = rule[1].lower().partition("-")[2]
        etree.SubElement(variants, "span", {"lang": _TAGS.get(code, f"zh-{code.upper()}" if code else "zh")}).text = \
            rule[2].strip()
    return variants
