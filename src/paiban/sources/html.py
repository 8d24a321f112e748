"""HTML articles: a clean fragment is taken as it is; a whole saved web page has its article extracted.

A page saved from a news site carries navigation, ads, comments, footers and scripts around
the article. When the page has such furniture, trafilatura finds the article in it, keeping
headings, paragraphs, lists, images, tables and links; when it finds none, or runs the page's
paragraphs together, the page's own body is taken without its furniture. The title is the
first ``<h1>``, else ``<title>`` without the site's name, and a block right under the ``<h1>`` marked a
subtitle or opening with a dash (——记……) its subtitle, one right over it marked a kicker its
kicker (引题, printed as a column); ``<meta>`` tags give the author, the
date and the site. Lines broken with ``<br>`` become paragraphs when they are paragraphs. The
paragraphs go by the rules of scraped text (:mod:`.newsmarkup`): a news site's furniture goes,
a date and source line and a closing byline give the article's metadata. A page Word saved is
first given the markup a .docx's reader gives the document (:mod:`.wordpage`). Sanitising
happens later, for every format alike.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Iterable
from copy import deepcopy
from html import escape
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree, html

from .. import patterns, pixels
from ..chars import HAN, HANGUL, quoted
from ..config import LANGUAGE_TAG, is_chinese
from ..errors import PaibanError
from ..media import image_type
from ..paths import file_beside
from ..titles import in_language, kicker_of, subtitle_of
from ..xhtml import (BLOCK_CLASSES, BOX, DECORATIVE, HEADINGS, VARIANTS, VERBATIM, drop, holds_blocks,
                     loose_text_in_paragraphs)
from . import footnotes, formulas, mediawiki, newsmarkup, newsroom, wordpage
from .body import at_picture, leave_out, write_quotations
from .docx_structure import LIST_CLASSES
from .draft import EMPTY_HINT, Draft
from .embedded import blank, data_url, showable, take_data_images
from .left_out import warn_of_left_out
from .verse import INLINE, POEM, empty_lines, is_verse, split

log = logging.getLogger("paiban")


# A page's header, navigation, footer or sidebar: an element of HTML5's, or an older page's element
# named for one by its id or a class (<div id="nav">, <p class="breadcrumb">, <span class="footer">):
# never an article's. A <header>, <footer> or <aside> inside an <article> or the page's <main> is the
# article's own: a WordPress post's <header class="entry-header"> holds its headline, an article's
# aside is a box of it (知识链接: sources.body), where the page's is its sidebar. A table's row or
# cell named so is a document's own: Pandoc writes <tr class="header"> on every table's head, which
# made a page of furniture of every Pandoc document with a table.
_PAGE_PARTS = ("nav", "navbar", "menu", "header", "footer", "sidebar", "breadcrumb", "breadcrumbs")
_TABLE_ROW_OR_CELL = "self::tr or self::td or self::th"
# Pandoc's title block: the document's own title, subtitle, author and date, where pandoc -s writes
# them (<header id="title-block-header">; <div id="header"> in its HTML4), never a site's header.
# HTML4's is named as any older site's header is (a blog's <div id="header"><h1 class="title">
# holds the blog's name), so it is Pandoc's only in a page that names Pandoc its generator.
_BY_PANDOC = "//meta[@name='generator' and normalize-space(@content)='pandoc']"
_TITLE_BLOCK = f"(@id='title-block-header' or @id='header' and {_BY_PANDOC}) and h1[@class='title']"
_PAGE_REGION = " or ".join([
    "(self::header or self::footer or self::aside) and not(ancestor::article or ancestor::main)",
    "self::nav",
    *(f"not({_TABLE_ROW_OR_CELL}) and (@id='{name}' or contains(concat(' ', normalize-space(@class), ' '), ' {name} '))"
      for name in _PAGE_PARTS)])
_PAGE_PART = f"({_PAGE_REGION}) and not({_TITLE_BLOCK})"
# What only a whole web page has around its article (scripts alone do not count: the sanitiser drops them).
_FURNITURE = f".//*[{_PAGE_PART}]|.//iframe|.//form"
_OUTSIDE_FURNITURE = f"not(ancestor::*[{_PAGE_PART}])"
# The article's headline: the first <h1> that is not the site's own, in its header or navigation.
_HEADLINE = f".//h1[{_OUTSIDE_FURNITURE}]"
# Headings a <title> may repeat before the site's name ("河道治理见成效 - 本地新闻网").
_HEADINGS = f".//h1[{_OUTSIDE_FURNITURE}]|.//h2[{_OUTSIDE_FURNITURE}]"
_TITLE_SEPARATOR = patterns.compile(r"\s[-|｜]\s|_")
# Elements that hold a paragraph's worth of text, to compare the page's paragraphs with the extract's.
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "td",
                     "th", "caption", "figcaption", "div", "center"})
_DATE = ("article:published_time", "pubdate", "publishdate", "date", "dcterms.date")  # the last Pandoc's
# A WeChat article's account (晨风周刊), named in its byline: the article's source, where the page's
# og:site_name is the platform's, 微信公众平台, the same for every account.
_WECHAT_ACCOUNT = "normalize-space(//*[@id='js_name'])"
# How web pages indent a paragraph: full-width spaces, or no-break ones (&nbsp;&nbsp;).
_INDENT = ("\u3000", "\xa0\xa0")
# The fewest characters of a block taken for a paragraph when judging whether an extract ran two together.
_PARAGRAPH = 6
# Where a lazy-loading page keeps an image's real address, its src a placeholder till scripts swap them.
_LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src")
# A srcset candidate's address: what follows the white space and commas before it, up to white
# space (a Cloudinary address holds commas: w_300,h_200); commas ending it end the candidate.
_ADDRESS = patterns.compile(r"[\s,]*([^\s,]\S*)")
# A candidate's descriptor: a width (640w) or a density (2x, 1.5x); none is 1x.
_DESCRIPTOR = patterns.compile(r"\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)[wx])?\s*")


# The classes an HTML article keeps (README): paiban's own blocks (a poem, a bibliography, text
# kept in its script, a signature set flush right or centred), a list's numbering, a decorative
# picture, and its notes' (as footnotes.shape gives them). Any other is the site's: it means
# nothing in the book, and matched the theme's own (a <p class="copyright"> printed on a page of
# its own, class="chapter" opened a right-hand page, class="footnote" went to the foot of the page).
_BOOK_CLASSES = frozenset({*BLOCK_CLASSES, *(f"list-{name}" for name in LIST_CLASSES), DECORATIVE, VARIANTS,
                           *footnotes.CLASSES})


# An XHTML page's XML declaration (<?xml version="1.0" encoding="UTF-8"?>): the text is decoded
# already, and lxml refuses a decoded text that names an encoding.
_XML_DECLARATION = patterns.compile(r"\A\s*<\?xml\b[^>]*\?>")


def read(path: Path, text: str) -> Draft:
    """Read an HTML article or a saved web page (an XHTML one too, its XML declaration set aside)."""
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        document = html.document_fromstring(text) if text.strip() else None
    except (etree.ParserError, ValueError) as error:
        raise PaibanError(f"cannot parse HTML: {error}", file=path) from None
    if document is None:
        raise PaibanError("the article is empty", file=path, hint=EMPTY_HINT)
    body = document.find("body")
    if body is None:
        raise PaibanError("the HTML has no <body>", file=path,
                          hint="Save the whole web page again, or put the article's text in a <body> after the <head>.")
    if wordpage.saved_by_word(document):
        wordpage.tidy(body, path)
    mediawiki.tidy(body, text)
    formulas.write_tex(body, path)  # the headline's too, before its text is the title
    # Each <q> as its text between marks, as a body's are: the headline's so, for its text and markup
    # to be the title's; the page's before trafilatura extracts its article, which made one a
    # <blockquote>, breaking its paragraph in two and, nested, putting the words out of order
    # (甲说：</p><blockquote>明天见。</blockquote>乙点了点头。).
    write_quotations(body)
    language = _page_language(document, body)
    heading = next(iter(body.xpath(_HEADLINE)), None)
    title = heading.text_content().strip() or None if heading is not None else None
    title_markup = in_language(_inner(heading), _language_around(heading) or language) if title else None
    if title is None and (head_title := document.findtext(".//title")):
        title = _without_site_name(head_title.strip(), body, _meta(document, "og:title")) or None
        title_markup = in_language(escape(title), language) if title and language else None
    account = str(document.xpath(_WECHAT_ACCOUNT)) or None  # read before its byline goes as a metadata line
    over, under = _headline_neighbours(body, heading) if title and heading is not None else (None, None)
    subtitle = _take_subtitle(body, heading, under) if under is not None else None
    kicker = _take_kicker(body, heading, over) if over is not None else None
    _drop_title_block(body)
    _load_lazy_images(body, path)
    _open_noscripts(body)
    embedded = take_data_images(body, path)
    footnotes.shape(body, path)
    # Whether the page is a whole saved one is told before the sifting, which drops a footer
    # holding only the site's copyright line (<div id="footer">© 2005－2024 …</div>) as junk: a page
    # whose only furniture it was was then taken whole, its menus, comments and sidebar printed.
    whole_page = bool(body.xpath(_FURNITURE))
    # The page is sifted before its article is extracted: trafilatura drops a date and source
    # line with the navigation and footer, and the article's date and outlet with it.
    found = newsroom.Sifted()
    _split_lines(body)
    newsmarkup.sift(_paragraphs(body), found)
    removed: tuple[str, ...] = ()
    page = body
    if whole_page:
        article = _article(_for_extraction(document), body)
        _warn_of_left_out(body, article, path, title)
        _warn_of_pictures_left_out(body, article, path, embedded)
        _warn_of_drawings(body, article, path)
        removed = _dropped(body, article.text_content())
        body = article
        _leave_out_pictures_without_suffix(body, path)
        newsmarkup.sift(_paragraphs(body), found)  # paragraphs the extraction made of other markup
    else:
        _warn_of_drawings(body, None, path)
    _leave_out_site_pictures(body, path)
    # The headline's id, or the title heading's on the page (an extract keeps no heading's id).
    title_id = _drop_headline(body, title) or (_target(heading) if heading is not None else None)
    if body is not page:
        _unlink_lost_targets(page, body, title_id, path)
    _unindent(body)
    byline = newsmarkup.take_byline(_paragraphs(body))
    _keep_book_classes(body)
    # The article's own byline names its writer where a page's <meta name="author"> is often its
    # site's name (行者小站): taken over the byline's 小站编辑, whose line went, the writer was lost.
    return Draft(title=title, title_markup=title_markup, title_id=title_id, subtitle=subtitle, column=kicker,
                 body=_in_its_language(body, language),
                 author=byline or found.author or _meta(document, "author"),
                 date=_date(document) or found.date,
                 origin=found.origin or account or _meta(document, "og:site_name"),
                 removed=removed + tuple(found.removed), embedded=embedded)


def _page_language(document: etree._Element, body: etree._Element) -> str | None:
    """The language the page says its text is in (``<body lang>``, else ``<html lang>``), when that
    is a tag of a language other than Chinese and the page's prose reads as that language
    (:func:`_reads_as`). A Chinese page made from a template of another language's (Hexo's, Hugo's
    and Jekyll's themes say ``lang="en"``) is Chinese all the same, whatever code or English phrases
    it holds. A Chinese tag says nothing the book does not: the book's language is its articles'."""
    given = _language_of(body) or _language_of(document)
    if not given or is_chinese(given) or not _reads_as(given, "".join(body.xpath(_PROSE_TEXT))):
        return None
    return given


def _language_of(element: etree._Element) -> str | None:
    """The language ``element`` gives its text (``lang``, an XHTML page's ``xml:lang``), if it is a tag."""
    lang = (element.get("lang") or element.get("xml:lang") or "").strip()
    return lang if LANGUAGE_TAG.fullmatch(lang) else None


# What of a page is not its prose: its code (a Chinese blog's commands are English) and what is never shown.
_NOT_PROSE = VERBATIM | {"script", "style", "template"}
_PROSE_TEXT = f"descendant::text()[not({' or '.join(f'ancestor::{tag}' for tag in sorted(_NOT_PROSE))})]"
# The letters Japanese and Korean text has that Chinese text has not: kana (but the interpunct ・,
# which Chinese writes between a foreign name's parts) and Hangul.
_KANA = "\u3041-\u30fa\u30fc-\u30ff"
_OWN_LETTERS = {"ja": patterns.compile(f"[{_KANA}]"), "ko": patterns.compile(f"[{HANGUL}]")}
_CJK_LETTER = patterns.compile(f"[{HAN}{_KANA}{HANGUL}]")
# A word of a script of letters, Latin, Cyrillic, Greek …: letters that are not CJK's.
_WORD = patterns.compile(f"[^\\W\\d_{HAN}{_KANA}{HANGUL}]+")


def _reads_as(language: str, prose: str) -> bool:
    """Whether a page's ``prose`` reads as the ``language`` its page tags it with, not as Chinese
    under a template's tag. Japanese or Korean when a tenth of its CJK letters are kana or Hangul
    (Japanese has kana among its kanji, a headline or a short notice a third or more; a Chinese
    page quoting a Japanese word has a few). Another language (en, fr) when its CJK letters are
    fewer than a fourth of its words: an English page quotes a name or a line of Chinese, where a
    Chinese one's English terms and sentences (wheat starch paste; She said: …) are far fewer than
    its characters."""
    cjk = len(_CJK_LETTER.findall(prose))
    if own := _OWN_LETTERS.get(language.split("-")[0].lower()):
        theirs = len(own.findall(prose))
        return theirs > 0 and 10 * theirs >= cjk
    return 4 * cjk < len(_WORD.findall(prose))


def _language_around(element: etree._Element) -> str | None:
    """The language an element of the page or one around it below ``<body>`` gives ``element``'s
    text (``<h1 lang="ja">``, ``<article lang="ja">``), as a ``<div lang>`` gives its paragraphs':
    the nearest tag."""
    return next((lang for each in (element, *element.iterancestors())
                 if each.tag not in ("body", "html") and (lang := _language_of(each))), None)


# The elements that hold a page's article (:func:`_own_article`), which the sanitiser unwraps.
_HOLDERS = ("article", "main")


def _in_its_language(body: etree._Element, page: str | None) -> str:
    """What ``body``, the article, holds, as HTML, in the language its page gives it (``page``: see
    :func:`_page_language`), or the element of the page it was taken whole from (its ``<article
    lang="ja">``); an ``<article>`` or ``<main>`` in it that gives one is a division of that
    language. The sanitiser keeps neither element, and their ``lang`` went with them: a converting
    edition converted the Japanese text (国語 printed 國語) and set it in the Chinese fonts."""
    for holder in body.iter(*_HOLDERS):
        if holder is not body and _language_of(holder):
            holder.tag = "div"
    language = (_language_of(body) if body.tag != "body" else None) or page
    return f'<div lang="{escape(language)}">{_inner(body)}</div>' if language else _inner(body)


def _drop_title_block(body: etree._Element) -> None:
    """Pandoc's title block (:data:`_TITLE_BLOCK`) out of the body, its title read: its subtitle,
    author and date were printed as the text's first paragraphs (the author and the date are its
    ``<meta>`` tags' too)."""
    for block in body.xpath(f".//*[{_TITLE_BLOCK}]"):
        block.drop_tree()


def _keep_book_classes(body: etree._Element) -> None:
    """Each element's classes but the book's (:data:`_BOOK_CLASSES`) taken off, the page's
    furniture told by them already."""
    for tagged in body.xpath(".//*[@class]"):
        if kept := [name for name in tagged.get("class").split() if name in _BOOK_CLASSES]:
            tagged.set("class", " ".join(kept))
        else:
            del tagged.attrib["class"]


def _load_lazy_images(body: etree._Element, source: Path) -> None:
    """Each image at the address a browser's scripts would load: a lazy-loading page's ``src`` is
    a placeholder (a blank 1×1 GIF, often a data: URL) with the real address in ``data-src`` or
    the like, and a responsive one may give only a ``srcset``, of which the largest is taken.
    A ``src`` that is a picture of its own (:func:`_own_picture`) is replaced only by a file
    beside the page: a page saved "complete" points it at the copy it saved, leaving ``data-src``
    at the remote address, and a page may carry the picture itself as a data: URL. A real address
    that is neither a file beside the page nor a remote one (the site's /wp-content/…, a file:
    URL) cannot be used: the image is left out with a warning, as the placeholder would have
    been put in the book."""
    for img in list(body.iter("img")):
        if not (real := _real_address(img)):
            continue
        if file_beside(source, real):
            img.set("src", real)
        elif _own_picture(img.get("src", ""), source):
            continue
        elif urlsplit(real).netloc:
            img.set("src", real)  # left out later with the other remote images, with a warning naming it
        else:
            log.warning("%s: image %s is not a file beside the source; it was left out (save the picture beside "
                        "the page and refer to it by a relative path)", at_picture(source, real), quoted(real))
            drop(img)


def _leave_out_site_pictures(body: etree._Element, source: Path) -> None:
    """Each picture at an address from the web site's root (``/ads/banner.gif``, as a CMS writes
    its pictures and ads) left out, with a warning at its line: it is a site's address, as a
    remote one is, not a file of the book (a build stopped at it, as at a file outside the book).
    Only the article's are: a saved page's logo and sidebar ads, left out with its furniture,
    gave a warning each when the whole page was looked at."""
    for img in list(body.iter("img")):
        src = img.get("src") or ""
        if src.startswith("/") and not src.startswith("//"):
            log.warning("%s: image %s is an address on the page's web site (from its root), not a file of the "
                        "book; it was left out (save the picture beside the page and refer to it by a relative "
                        "path)", at_picture(source, src), quoted(src))
            leave_out(img)


def _leave_out_pictures_without_suffix(body: etree._Element, source: Path) -> None:
    """Each picture of a saved page's article whose file beside the page has no picture suffix in
    its name (one saved as its address's last part, ``640``) left out, with a warning at its line
    naming the suffix its content says. The EPUB names a picture's format by its suffix, so such a
    picture stops an article showing it: trafilatura kept only pictures whose address has a
    picture's suffix, and the page built without it, till it was handed every picture
    (:func:`_name_pictures`). A page taken whole stops at it, as any article does."""
    for img in list(body.iter("img")):
        src = img.get("src") or ""
        if (saved := file_beside(source, src)) is None or image_type(saved) is not None:
            continue
        suffix = pixels.content_suffix(saved)
        name = f"{saved.stem}{suffix}, the format it holds" if suffix else f"as its format is ({saved.stem}.png, …)"
        log.warning("%s: image %s has no picture suffix in its name; it was left out (name the file %s, and refer "
                    "to it by that name: the EPUB tells an e-reader what each picture is by its name)",
                    at_picture(source, src), quoted(src), name)
        leave_out(img)


def _own_picture(src: str, source: Path) -> bool:
    """Whether a lazy image's ``src`` is a picture the book can take (a file beside the page, or a
    whole picture in a data: URL) and not a placeholder, which shows nothing
    (:func:`~.embedded.blank`): taken for the picture, a saved spacer (placeholder.gif) was
    printed in its place."""
    if src.startswith("data:"):
        content, kind = data_url(src)
        return showable(content, kind) and not blank(content)
    saved = file_beside(source, src)
    return saved is not None and not blank(saved.read_bytes())


def _real_address(img: etree._Element) -> str | None:
    """The address a lazy-loading script would give ``img``: its ``data-src`` or the like, else
    the largest of its ``srcset``."""
    lazy = next((value for name in _LAZY_SOURCES if (value := (img.get(name) or "").strip())), None)
    return lazy or _largest_candidate(img.get("srcset") or "")


def _largest_candidate(srcset: str) -> str | None:
    """The address of the widest (or densest) image a ``srcset`` offers; a candidate whose
    descriptor does not parse (``a.jpg 1.2.3x``) is passed over, as a browser does."""
    candidates = [(float(size[1] or 1), address) for address, descriptor in _candidates(srcset)
                  if (size := _DESCRIPTOR.fullmatch(descriptor))]
    return max(candidates)[1] if candidates else None


def _candidates(srcset: str) -> list[tuple[str, str]]:
    """Each candidate of a ``srcset`` as its address and descriptor, by HTML's grammar: candidates
    are parted by a comma after white space or ending an address, not by any comma."""
    found, position = [], 0
    while match := _ADDRESS.match(srcset, position):
        address, position = match[1], match.end()
        if address.endswith(","):
            found.append((address.rstrip(","), ""))
            continue
        end = srcset.find(",", position)
        end = len(srcset) if end < 0 else end
        found.append((address, srcset[position:end]))
        position = end + 1
    return found


def _open_noscripts(body: etree._Element) -> None:
    """A ``<noscript>`` holds what a page shows without scripts: most often a lazy image again,
    at its real address. Its images the page shows nowhere else are kept in its place; the rest
    goes (the sanitiser would print its markup as text)."""
    shown = {img.get("src") for img in body.xpath(".//img[not(ancestor::noscript)]")}
    for noscript in body.xpath(".//noscript[not(ancestor::noscript)]"):
        for img in [img for img in noscript.iter("img") if img.get("src") not in shown]:
            img.tail = None
            noscript.addprevious(img)
        noscript.drop_tree()


def _inner(element: etree._Element) -> str:
    """What ``element`` holds, as HTML."""
    return escape(element.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in element)


def _paragraphs(body: etree._Element) -> list[etree._Element]:
    """The paragraphs of ``body`` the news rules judge. Those of a page's header, navigation,
    footer and sidebars are left for the extraction to drop: a date there is the day's or
    another story's."""
    return [element for element in _innermost_blocks(body)
            if element.tag in ("p", "div") and element.xpath(_OUTSIDE_FURNITURE)]


# trafilatura counts characters, and falls back to the page's whole text (one paragraph, navigation
# and all, images lost) when the article it found is shorter than its Latin-tuned 250. A Chinese
# character carries several Latin ones' worth: a short news item is well under that, and whole.
MIN_ARTICLE_CHARACTERS = 40
_HEADLINE_BLOCKS = frozenset({"p", "div", "center", "h1", "h2", "h3", "h4", "h5", "h6"})


def _drop_headline(body: etree._Element, title: str | None) -> str | None:
    """The headline is the title, not part of the body (extraction may have kept it or not): an
    ``<h1>`` or ``<h2>`` saying it, else a first paragraph saying only it, as an older page or a
    WeChat article sets its headline in bold type (<center><font size="5"><b>…</b></font></center>).
    The wrappers it leaves empty go with it. A table's cell or a list's item saying the title
    (<td>价格表</td> under <title>价格表</title>) is the table's or the list's: taking it out
    would shift the row. Gives the headline's id (:func:`_target`), which links lead to the
    article's start by, as a Markdown title heading's ``{#id}``: dropped with it, a link to
    ``#top`` (a Calibre export's ``#calibre_toc_1``) led nowhere."""
    if not title:
        return None
    title = " ".join(title.split())
    repeated = next((heading for heading in body.iter("h1", "h2") if _words(heading) == title), None)
    if repeated is None:
        first = next((block for block in _innermost_blocks(body) if _words(block)), None)
        repeated = first if first is not None and _words(first) == title and _is_headline_block(first) else None
    if repeated is None:
        return None
    _drop_with_wrappers(repeated, body)
    return _target(repeated)


def _drop_with_wrappers(block: etree._Element, body: etree._Element) -> None:
    """``block`` out of ``body``, and the wrappers it leaves empty with it."""
    wrapper = block.getparent()
    block.drop_tree()
    while wrapper is not body and not len(wrapper) and not wrapper.text_content().strip():
        wrapper, empty = wrapper.getparent(), wrapper
        empty.drop_tree()


def _headline_neighbours(body: etree._Element, heading: etree._Element,
                         ) -> tuple[etree._Element | None, etree._Element | None]:
    """The blocks with words right over and right under the headline ``heading``, each ``None``
    unless it may be a kicker or a subtitle: a block a headline may be set as (:func:`_is_headline_block`),
    not an ``<h1>``. Found before either is taken: taking the one under leaves those over as they were."""
    blocks = _innermost_blocks(body)
    index = next((number for number, block in enumerate(blocks) if block is heading), None)
    if index is None:
        return None, None
    over = next((block for block in reversed(blocks[:index]) if _words(block)), None)
    under = next((block for block in blocks[index + 1:] if _words(block)), None)
    return (over if _may_be_title_line(over) else None), (under if _may_be_title_line(under) else None)


def _may_be_title_line(block: etree._Element | None) -> bool:
    return block is not None and _is_headline_block(block) and block.tag != "h1"


def _marked(block: etree._Element, heading: etree._Element, classes: re.Pattern[str], groups: tuple[str, ...]) -> bool:
    """Whether the page marks ``block``, beside the headline ``heading``, as what ``classes`` names:
    by one of its classes, or by standing with the headline in one of the elements ``groups`` names."""
    return (any(classes.search(name) for name in (block.get("class") or "").split())
            or (block.getparent() is heading.getparent() and block.getparent().tag in groups))


# A page's subtitle marked as one: its class (<p class="subtitle">, a theme's entry-subtitle, Word's MsoSubtitle).
_SUBTITLE_CLASS = patterns.compile(r"(?i)(?:^|[-_]|mso)sub-?title$")


def _take_subtitle(body: etree._Element, heading: etree._Element, under: etree._Element) -> str | None:
    """The subtitle right under the headline ``heading``, taken out of the page: the block ``under``
    it (:func:`_headline_neighbours`: a heading, a paragraph, a division) when the page marks it one,
    by its class (:data:`_SUBTITLE_CLASS`: Pandoc's title block writes ``<p class="subtitle">``) or in an
    ``<hgroup>`` with the headline, or when it opens with a dash (:func:`~paiban.titles.subtitle_of`:
    ``<h2>——记……</h2>``); else ``None``. Taken before the article is extracted, which keeps no class;
    left in, it was a section's heading or the text's first paragraph, and Pandoc's went with its title block."""
    text = _words(under)
    if _marked(under, heading, _SUBTITLE_CLASS, ("hgroup",)):
        subtitle = text
    else:  # the block after it, which a subtitle's text (a list's first item, a line of dialogue) is told by
        blocks = _innermost_blocks(body)
        after = next((block for block in blocks[blocks.index(under) + 1:] if _words(block)), None)
        subtitle = subtitle_of(text, _words(after) if after is not None else "")
    if subtitle:
        _drop_with_wrappers(under, body)
    return subtitle or None


# A page's kicker (引题) marked as one: its class (<p class="kicker">, a Chinese site's yinti, a theme's
# pretitle, overline or supertitle).
_KICKER_CLASS = patterns.compile(r"(?i)^(?:.*[-_])?(?:kicker|yinti|pre-?title|overline|super-?title)$")


def _take_kicker(body: etree._Element, heading: etree._Element, over: etree._Element) -> str | None:
    """The kicker right over the headline ``heading``, taken out of the page: the block ``over`` it
    (:func:`_headline_neighbours`) when the page marks it one, by its class (:data:`_KICKER_CLASS`:
    ``<p class="yinti">``), or when it stands with the headline in its ``<hgroup>`` or ``<header>``, and
    is a kicker's shape (:func:`~paiban.titles.kicker_of`); else ``None``. Taken before the article is
    extracted, which dropped it as the page's, with no word; printed where a column is, over the title."""
    kicker = kicker_of(_words(over)) if _marked(over, heading, _KICKER_CLASS, ("hgroup", "header")) else None
    if kicker:
        _drop_with_wrappers(over, body)
    return kicker


def _target(headline: etree._Element) -> str | None:
    """The id a link to ``headline`` names: its own, else an anchor's in it (<h1><a name="top"></a>…)."""
    return next(iter(headline.xpath("descendant-or-self::*/@id|.//a/@name")), None)


def _is_headline_block(block: etree._Element) -> bool:
    """Whether ``block`` may be a headline set as a paragraph: a paragraph, a division, a centred
    line or a heading, with no picture, in no table and no list."""
    return (block.tag in _HEADLINE_BLOCKS and block.find(".//img") is None
            and not block.xpath("ancestor::td or ancestor::th or ancestor::li or ancestor::dd or ancestor::dt"))


def _words(element: etree._Element) -> str:
    """The text of ``element`` with its white space made single spaces."""
    return " ".join(element.text_content().split())


def _without_site_name(title: str, body: etree._Element, shared: str | None = None) -> str:
    """A page's ``<title>`` without the site's name after `` - ``, `` | `` or ``_``: cut where what
    comes before is one of the page's headings or the title the page gives for sharing
    (``og:title``), else before the last part as long as that is the shorter: a site's name is
    short, and may follow a blog's or a section's (故乡的桥_山人_新浪博客), while 2024 - 2025 学年校历
    and COVID_19 疫苗须知 are whole titles."""
    headings = {heading.text_content().strip() for heading in body.xpath(_HEADINGS)} | {shared}
    separators = list(_TITLE_SEPARATOR.finditer(title))
    if heading := next((rest for match in separators if (rest := title[:match.start()].strip()) in headings), None):
        return heading
    end = len(title)  # the title kept so far is title[:end]: its last part goes while it is the shorter
    for match in reversed(separators):
        rest = title[:match.start()].strip()
        if not rest or len(title[match.end():end].strip()) >= len(rest):
            break
        end = match.start()
    return title[:end].strip()


def _article(page: str, body: etree._Element) -> etree._Element:
    """The article of a whole page (its ``<body>``): what trafilatura extracts, unless it finds
    nothing or runs the page's paragraphs together (below its threshold, on a page too bare for
    its other heuristics, it falls back to the page's whole text in one paragraph); then the
    page's own markup without its furniture."""
    extracted = _extract(page)
    if extracted is not None and not _merges_paragraphs(body, extracted):
        _give_addresses_back(body, extracted)
        if (own := _own_article(body, extracted)) is not None:
            return own
        _keep_alignment(body, extracted)
        _keep_heading_ids(body, extracted)
        _keep_lists(body, extracted)
        _keep_link_targets(body, extracted)
        _keep_tables(body, extracted)
        _put_back_lists(body, extracted)
        _keep_picture_attributes(body, extracted)
        _keep_figures(body, extracted)
        return extracted
    return _without_furniture(body)


def _without_furniture(element: etree._Element) -> etree._Element:
    """A copy of ``element`` without the page's furniture, scripts and styles."""
    own = deepcopy(element)
    for furniture in own.xpath(f"{_FURNITURE}|.//script|.//style"):
        furniture.drop_tree()
    return own


# What trafilatura's extract leaves out of an article that is the article's all the same: captions,
# ruby readings, notes' calls, drawings (the text of those elements: a drawing's is warned of with
# it, :func:`_warn_of_drawings`), and the notes (footnotes.shape's list) and boxes (an aside, a
# div.box: 知识链接).
_READINGS = ("rt", "rp")  # a ruby's reading, which it drops always
_EXTRACT_DROPS = ("figcaption", "caption", *_READINGS, "sup", "svg")
_NOTES = ("ancestor-or-self::*[self::aside or contains(concat(' ', @class, ' '), ' footnotes ')"
          f" or contains(concat(' ', @class, ' '), ' {BOX} ')]")


def _own_article(body: etree._Element, extracted: etree._Element) -> etree._Element | None:
    """The page's own markup of the article trafilatura extracted, when the page has an element of
    it (``<article>``, ``<main>``, schema.org's articleBody) holding every paragraph of the extract
    and nothing else but what trafilatura drops from an article that is the article's (captions,
    ruby readings, notes): its extract dropped those, and a table's merged cells, a list's
    numbering and the notes' links (a call became [1], the note a bullet). ``None`` when there is
    none: a date line or a list of other stories inside it, which trafilatura rightly drops."""
    kept = _bare_text(extracted)
    wanted = _paragraph_texts(extracted)
    candidates = body.xpath(f".//*[(self::article or self::main or @itemprop='articleBody') and {_OUTSIDE_FURNITURE}]")
    for candidate in reversed(candidates):  # the innermost first: document order puts each after its ancestors
        own = _without_furniture(candidate)
        blocks = [(block, _text_extracts_keep(block)) for block in _innermost_blocks(own) if not block.xpath(_NOTES)]
        beside = {block.getparent() for block, text in blocks if text and text in kept}
        others = [block for block, text in blocks if text and text not in kept
                  and not (block.tag == "p" and block.getparent() in beside and _prose(block))]
        readings = [_bare_text(own), _text_extracts_keep(own, _READINGS), _text_extracts_keep(own)]
        if not others and all(any(text in read for read in readings) for text in wanted):
            return own
    return None


def _prose(paragraph: etree._Element) -> bool:
    """Whether ``paragraph`` is text more than links (a list of other stories is links)."""
    return 2 * sum(len(_bare_text(link)) for link in paragraph.iter("a")) < len(_bare_text(paragraph))


def _text_extracts_keep(block: etree._Element, drops: tuple[str, ...] = _EXTRACT_DROPS) -> str:
    """The bare text of ``block`` without the elements trafilatura may drop (``drops``: a ruby's
    reading, it drops always; a note's call, sometimes)."""
    if block.tag in drops:
        return ""
    if next(block.iter(*drops), None) is None:  # most blocks hold none of them, and need no copy
        return _bare_text(block)
    copy = deepcopy(block)
    for dropped in list(copy.iter(*drops)):
        if dropped is not copy:
            dropped.drop_tree()
    return _bare_text(copy)


def _for_extraction(document: etree._Element) -> str:
    """The page as trafilatura is given it: its pictures by the names :func:`_name_pictures` gives
    them, and without its empty anchors, which make it drop the paragraph holding one (``<p><a
    name="注1"></a>注释…</p>``, a note's link target, went with no word). An anchor's id (or name)
    goes to its paragraph, which trafilatura keeps an id of, for a link to it to land there; one
    the paragraph has already is kept, that anchor's lost."""
    page = deepcopy(document)
    _name_pictures(page.find("body"))
    for anchor in page.xpath(".//body//a[not(*) and not(normalize-space())]"):
        target = anchor.get("id") or anchor.get("name") or ""
        block = next(anchor.iterancestors(*_BLOCKS), None)
        if len(target.split()) == 1 and block is not None and block.get("id") is None:
            block.set("id", target)
        anchor.drop_tag()
    return html.tostring(page, encoding="unicode")


# The name trafilatura is given a page's n-th picture by (:func:`_name_pictures`).
_PICTURE_NAME = "paiban-picture-{}.png"
# What the names of the attributes trafilatura takes a picture's address from before its src begin with.
_LAZY_FOR_TRAFILATURA = "data-src"


def _name_pictures(body: etree._Element) -> None:
    """Each picture of the page (one with a ``src``) named for trafilatura by its place
    (:data:`_PICTURE_NAME`), with no other address. trafilatura keeps only a picture whose address
    has a picture's suffix: a WeChat photo's (``…/640?wx_fmt=jpeg``) was dropped with no word,
    where paiban warns of a remote picture it leaves out. And it takes ``data-src`` over ``src``,
    which :func:`_load_lazy_images` has chosen already: a page saved "complete" lost the picture
    saved beside it for its remote address. :func:`_give_addresses_back` gives the extract's
    pictures theirs."""
    for number, img in enumerate(body.xpath(".//img[@src]")):
        for name in [name for name in img.attrib if name.startswith(_LAZY_FOR_TRAFILATURA)]:
            del img.attrib[name]
        img.set("src", _PICTURE_NAME.format(number))


def _give_addresses_back(page_body: etree._Element, extracted: etree._Element) -> None:
    """Each picture of the extract at its address on the page (:func:`_name_pictures`)."""
    addresses = {_PICTURE_NAME.format(number): img.get("src")
                 for number, img in enumerate(page_body.xpath(".//img[@src]"))}
    for img in extracted.iter("img"):
        if (address := addresses.get(img.get("src"))) is not None:
            img.set("src", address)


def _warn_of_pictures_left_out(page_body: etree._Element, extracted: etree._Element, source: Path,
                               embedded: dict[str, bytes]) -> None:
    """A warning at each picture of the page's article (:func:`_article_holder`) the extraction
    left out: trafilatura drops a picture standing alone in a ``<section>`` or a ``<div>`` (as
    WeChat sets its photos), which went with no word. A page's logo, outside the article, goes
    unnamed."""
    shown = {img.get("src") for img in extracted.iter("img")}
    left_out = [img for img in page_body.xpath(f".//img[@src and {_OUTSIDE_FURNITURE}]") if img.get("src") not in shown]
    holder = _article_holder(page_body, extracted) if left_out else None
    for img in left_out:
        if (src := img.get("src")) in shown or holder not in img.iterancestors():
            continue
        shown.add(src)  # one warning for a picture shown twice
        where, what = (source, "embedded as a data: URL") if src in embedded else (at_picture(source, src), quoted(src))
        log.warning("%s: the article taken from the page leaves out the picture %s. If it is the article's, delete "
                    "the page's navigation and footer from the file, so that its whole body is taken", where, what)


# A drawing written in the text (an inline <svg>; one inside another is part of it). A formula's,
# drawn by MathJax in an element of its class (MathJax_SVG, MathJax 3's mjx-container), is the
# formula's, which :mod:`.formulas` prints as its TeX or warns of. An icon marked as decoration
# (aria-hidden="true", role="presentation") with no words of its own loses a reader nothing, and
# a page may have one by every heading or link.
_DECORATION = "(@aria-hidden='true' or @role='presentation' or @role='none') and not(.//text)"
_DRAWINGS = f".//svg[not(ancestor::svg) and not(ancestor::*[contains(@class, 'MathJax')]) and not({_DECORATION})]"


def _warn_of_drawings(page_body: etree._Element, extracted: etree._Element | None, source: Path) -> None:
    """A warning at each drawing of the article (:data:`_DRAWINGS`), as one in a Markdown article's
    raw HTML has (:mod:`.left_out`): the sanitiser, or the extraction, leaves it out with all it
    holds, its words and its name for a screen reader (``aria-label``) too, which went with no
    word. ``extracted``: the article taken from a whole page, whose drawings are those of the
    element it was taken from (:func:`_article_holder`), a site's icons around it unnamed; ``None``
    where the page's body is the article."""
    drawings = page_body.xpath(_DRAWINGS)
    holder = _article_holder(page_body, extracted) if drawings and extracted is not None else page_body
    warn_of_left_out([(svg.sourceline, "svg", dict(svg.attrib)) for svg in drawings
                      if holder is page_body or holder in svg.iterancestors()], source, html=True)


def _article_holder(page_body: etree._Element, extracted: etree._Element) -> etree._Element | None:
    """The innermost element of the page holding every paragraph the extract kept: where the
    article was taken from. A block of a few characters (``01``, ``图1``) may be any line of the
    page, and is not counted."""
    kept = _bare_text(extracted)
    holder: list[etree._Element] | None = None  # its ancestors, itself first
    for block in _innermost_blocks(page_body):
        if len(text := _text_extracts_keep(block)) >= _PARAGRAPH and text in kept:
            around = [block, *block.iterancestors()]
            holder = around if holder is None else [element for element in holder if element in around]
    return holder[0] if holder else None


# A mark ending a sentence or a clause: what a line of the article's text has, and its date line has not.
_CLAUSE = patterns.compile(r"[，。！？；]|[,.!?;](?:\s|$)")


def _warn_of_left_out(page_body: etree._Element, extracted: etree._Element, source: Path, title: str | None) -> None:
    """A warning naming the page's text of prose the extraction left out from among what it kept
    (a line of a block it kept a line of, or of a block beside one it kept in the same element):
    the article's text, lost with no word when trafilatura misjudged it, in a paragraph or any
    other block (the first of a <div>'s lines broken with <br>). Not named is what it drops on
    purpose: a block mostly of links (相关阅读: a list of stories), a line that is no sentence (a
    date and source line, 2024年3月2日 · 示例晚报, or a byline over the article), the headline."""
    kept, headline = _bare_text(extracted), " ".join((title or "").split())
    lines = [(block, line, "".join(line.split())) for block in _innermost_blocks(page_body)
             if block.xpath(_OUTSIDE_FURNITURE) and _words(block) != headline and _prose(block)
             for line in _line_texts(block) if _CLAUSE.search(line)]
    holders = {holder for block, _, bare in lines if bare in kept for holder in (block, block.getparent())}
    left_out = [line for block, line, bare in lines if len(bare) >= _PARAGRAPH and bare not in kept
                and (block in holders or block.getparent() in holders)]
    if left_out:
        log.warning("%s: the article taken from the page leaves out %d paragraph(s) of its text: %s. If they "
                    "are the article's, delete the page's navigation and footer from the file, so that its "
                    "whole body is taken", source, len(left_out),
                    ", ".join(quoted(text[:30] + ("…" if len(text) > 30 else "")) for text in left_out[:3])
                    + (", …" if len(left_out) > 3 else ""))


def _line_texts(block: etree._Element) -> list[str]:
    """The text of each line of ``block`` (``<br>`` parts them) that has any, its white space
    made single spaces; a drawing's is none of it (:func:`_warn_of_drawings` names that)."""
    lines = [""]
    for node in block.xpath(".//text()[not(ancestor::svg)]|.//br"):
        if isinstance(node, str):
            lines[-1] += node
        else:
            lines.append("")
    return [" ".join(line.split()) for line in lines if line.strip()]


def _keep_alignment(page_body: etree._Element, extracted: etree._Element) -> None:
    """trafilatura keeps no attribute: a paragraph the page sets flush right or centred (a
    signature, its name and date broken with ``<br>``; a scene break) lost its alignment, and
    its short lines were taken for a poem. Each paragraph of the extract saying what an aligned
    one of the page says gets its ``align`` and ``style`` back, for the sanitiser to read."""
    aligned = {_bare_text(block): block for block in _innermost_blocks(page_body)
               if block.get("align") or "text-align" in (block.get("style") or "")}
    for paragraph in extracted.iter("p"):
        if (block := aligned.get(_bare_text(paragraph))) is not None:
            paragraph.attrib.update({name: value for name in ("align", "style") if (value := block.get(name))})


_HEADING_OR_SUMMARY = " or ".join(f"self::{tag}" for tag in ("summary", *sorted(HEADINGS)))


def _keep_heading_ids(page_body: etree._Element, extracted: etree._Element) -> None:
    """trafilatura keeps no heading's id, and makes a heading of a collapsible question's summary
    (``<details id="q3"><summary>问：…</summary>``), whose id or its block's a help centre's links
    lead to: those links led nowhere. Each heading of the extract saying what a heading or a summary
    of the page says gets its id back (a summary's own, else its block's), the page's taken in order."""
    targets: dict[str, list[str]] = {}
    for element in page_body.xpath(f".//*[({_HEADING_OR_SUMMARY}) and {_OUTSIDE_FURNITURE}]"):
        target = _target(element) or (element.getparent().get("id") if element.tag == "summary" else None)
        if target:
            targets.setdefault(_bare_text(element), []).append(target)
    for heading in extracted.iter(*HEADINGS):
        if heading.get("id") is None and (same := targets.get(_bare_text(heading))):
            heading.set("id", same.pop(0))


# What a list says of its numbering: where it starts, which way it counts, in what figures
# (type="a", a class list-chinese), and its id, lang and class (the book's classes are kept later).
_LIST_ATTRIBUTES = ("start", "reversed", "type", "class", "id", "lang")


def _keep_lists(page_body: etree._Element, extracted: etree._Element) -> None:
    """trafilatura writes every list as a bulleted ``<ul>`` (its own XML knows an ``<ol>``, its
    HTML does not) and keeps no attribute: a recipe's numbered steps were bullets in the book and
    ``- `` items in ``paiban import``, their ``start`` and numbering lost. Each list of the extract
    whose items say what a list's of the page say is that list again, ordered or not, with its
    numbering, and each of its items has its id again: a wiki's reference list (<li
    id="cite_note-1">) lost the ids its calls lead to. Lists of the same items are matched in
    order, each page list used once (steps 1. 2. and a recap 一、二、 of them: the last list's
    numbering was given to both). The notes' list is not (:data:`_NOTES`): the extract unmade the
    notes, whose links lead nowhere now, and with its class the theme would set it as notes."""
    own: dict[tuple[str, ...], list[etree._Element]] = {}  # the page's lists by their items, in order
    for listed in page_body.xpath(f".//*[(self::ol or self::ul) and {_OUTSIDE_FURNITURE} and not({_NOTES})]"):
        own.setdefault(_item_texts(listed), []).append(listed)
    for listed in list(extracted.iter("ul")):
        if same := own.get(_item_texts(listed)):
            kept = same.pop(0)
            listed.tag = kept.tag
            listed.attrib.update({name: value for name in _LIST_ATTRIBUTES if (value := kept.get(name)) is not None})
            for item, own_item in zip(listed.iterchildren("li"), kept.iterchildren("li"), strict=True):
                if item.get("id") is None and own_item.get("id") is not None:
                    item.set("id", own_item.get("id"))


def _item_texts(listed: etree._Element) -> tuple[str, ...]:
    """The text of each item of ``listed`` (its inner lists' with it), as the extract keeps it."""
    return tuple(_text_extracts_keep(item, _READINGS) for item in listed.iterchildren("li"))


def _keep_link_targets(page_body: etree._Element, extracted: etree._Element) -> None:
    """trafilatura keeps no id of an element holding a link: a wiki's call to its note (<sup
    id="cite_ref-1"><a href="#cite_note-1">), which the note's link back (↑) leads to. Each element
    of the page a link of the extract leads to and the extract has not gets its id back, where the
    extract kept the first link it holds: the n-th link of the page to an address is the extract's
    n-th, and the id goes on the element around it that stands where the page's does (the link
    itself, where the extract dropped the element)."""
    held = set(extracted.xpath(".//@id"))
    wanted = {link.get("href")[1:] for link in extracted.iter("a") if (link.get("href") or "").startswith("#")} - held
    if not wanted:
        return
    theirs, ours = _links_by_address(extracted), _links_by_address(page_body)
    for target in page_body.xpath(f".//*[@id and {_OUTSIDE_FURNITURE}]"):
        if target.get("id") not in wanted or (link := next(target.iter("a"), None)) is None:
            continue
        address = link.get("href")
        place = ours[address].index(link) if address in ours else -1
        if not 0 <= place < len(theirs.get(address, [])):
            continue
        kept = theirs[address][place]
        for around in link.iterancestors():  # up to the target, while the extract has what the page has
            if around is target.getparent() or (parent := kept.getparent()) is None or parent.tag != around.tag:
                break
            kept = parent
        if kept.get("id") is None:
            kept.set("id", target.get("id"))
            wanted.discard(target.get("id"))


def _links_by_address(root: etree._Element) -> dict[str, list[etree._Element]]:
    """The links under ``root`` (none of the page's furniture) by their address, each address's in order."""
    found: dict[str, list[etree._Element]] = {}
    for link in root.xpath(f".//a[@href and {_OUTSIDE_FURNITURE}]"):
        found.setdefault(link.get("href"), []).append(link)
    return found


def _unlink_lost_targets(page_body: etree._Element, article: etree._Element, title_id: str | None,
                         source: Path) -> None:
    """Each link of the ``article`` taken from the page to an id the page has and the article has
    not (a part of the page the extraction left out, or an id it lost) made its text alone, with
    a warning at its line. Left a link, it led to another article having that id, with no word:
    every wiki page numbers its notes from cite_note-1, and a page's calls led to another page's
    notes. A link to an id the page never had is the book's to lead (to another article's, as
    Pandoc's cross-references are); the headline's id is the article's start."""
    own = {*article.xpath(".//@id|.//a/@name"), title_id}
    page = set(page_body.xpath(".//@id|.//a/@name"))
    for link in list(article.iter("a")):
        address = link.get("href") or ""
        if not address.startswith("#") or address[1:] in own or address[1:] not in page:
            continue
        line = next((each.sourceline for each in page_body.iter("a") if each.get("href") == address), None)
        log.warning("%s%s: the link to %s leads to a part of the page the article taken from it leaves out, so "
                    "its text is printed unlinked. If that part is the article's, delete the page's navigation "
                    "and footer from the file, so that its whole body is taken", source,
                    f":{line}" if line else "", address)
        link.tag = "span"
        del link.attrib["href"]


# The page's lists of the article that its extract may lack, each with the lists inside it: none of
# the page's furniture (<ul class="menu">) or in it, nor of its notes (:data:`_NOTES`, unmade by the
# extract as :func:`_keep_lists` says).
_ARTICLE_LISTS = (f".//*[(self::ol or self::ul) and not(ancestor::ol or ancestor::ul) and not({_PAGE_PART})"
                  f" and {_OUTSIDE_FURNITURE} and not({_NOTES})]")
# The parts of a page around its article that hold lists of their own, by the words sites name them
# with: its tags, keywords and categories, share buttons, links to the previous and next story or
# page, related, ranked and popular stories, comments, the post's meta line. Few of them are links:
# a share bar's items, a tag list's, are words.
_CHROME = frozenset({"tag", "tags", "keyword", "keywords", "category", "categories", "share", "sharing", "social",
                     "nav", "navigation", "pager", "pagination", "prev", "next", "related", "rank", "ranking",
                     "hot", "popular", "trending", "recommend", "comment", "comments", "meta"})
# A word of an id or a class (post-nav, share_bar, tagList, hotNews).
_NAME_WORD = patterns.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _put_back_lists(page_body: etree._Element, extracted: etree._Element) -> None:
    """Each list of the article that the extract has not as a list put back as the page has it.
    On a page where trafilatura finds no element for the article (WeChat's ``<div id="js_content">``)
    it gathers the article's paragraphs one by one, and no list: one whose items hold paragraphs
    (WeChat's ``<ol><li><p>``) came out as those paragraphs, its numbering lost, and one of short
    items (a list of shops, of ingredients) not at all, with no word. Items the extract has as a
    run of paragraphs are the list again, with those it dropped (short ones, 勾股定理 before a
    formula's item): put beside those paragraphs, it said their text twice. A list none of whose
    items it has goes where the page has it: right beside a block the extract kept
    (:func:`_place_in_extract`), or into the table's cell it is all of, which the extract left
    empty (:func:`_cell_in_extract`); never out of its table, which left the cell empty and the
    lists after the table. Only the article's lists are put back (:func:`_of_the_article`), and
    none mostly of links (other stories, which the extract drops on purpose)."""
    candidates = page_body.xpath(_ARTICLE_LISTS)
    holder = _article_holder(page_body, extracted) if candidates else None
    if holder is None:
        return
    lists = {_item_texts(listed) for listed in extracted.iter("ol", "ul")}
    kept = set(_paragraph_texts(extracted))
    blocks = [block for block in _innermost_blocks(holder) if _bare_text(block)]
    placed = _kept_blocks(blocks, extracted)  # and the put-back lists' items, beside which the next may go
    for listed in candidates:
        items, text = _item_texts(listed), _bare_text(listed)
        if items in lists or not any(items) or not _of_the_article(listed, holder):
            continue
        own = _without_furniture(listed)
        own.tail = None
        said = tuple(item for item in items if item in kept)  # the items the extract has, short ones dropped
        if said and (run := _paragraphs_saying(extracted, said)):
            _put_back(own, run[0])
            for paragraph in run[1:]:
                paragraph.drop_tree()
        elif not _prose(listed) or said:
            continue
        elif (cell := next(listed.iterancestors("td", "th"), None)) is not None and _bare_text(cell) == text:
            if (emptied := _cell_in_extract(cell, extracted)) is None:
                continue
            emptied.append(own)
        elif place := _place_in_extract(listed, holder, blocks, placed, extracted):
            beside, after = place
            if after:
                beside.addnext(own)
            else:
                beside.addprevious(own)
        else:
            continue
        placed.update(dict.fromkeys(_innermost_blocks(listed), own))


def _of_the_article(listed: etree._Element, holder: etree._Element) -> bool:
    """Whether the page's ``listed`` is a list of its article: inside ``holder``, the element holding
    every paragraph the extract kept (:func:`_article_holder`), and neither it nor an element
    between them named for a part of the page around an article (:data:`_CHROME`). A site's
    ranking list after the article's ``<div class="post">``, its tags, share bar and links to the
    previous and next story in the ``<article>`` were put in the book, for few of them are links."""
    for element in (listed, *listed.iterancestors()):
        if element is holder:
            return True
        named = f"{element.get('id', '')} {element.get('class', '')}"
        if any(word.lower() in _CHROME for word in _NAME_WORD.findall(named)):
            return False
    return False


def _kept_blocks(blocks: list[etree._Element], extracted: etree._Element,
                 ) -> dict[etree._Element, etree._Element | None]:
    """Each of the page's ``blocks`` (its article's, with text, in order) whose text the extract
    has, with the extract's block saying it: the n-th of the page's blocks saying a text is the
    extract's n-th saying it, and ``None`` past those, a repeat trafilatura dropped (it keeps a
    repeated lead-in, 需要准备： before each dish's list, once: the second dish's list went under
    the first's)."""
    said: dict[str, list[etree._Element]] = {}
    for block in _innermost_blocks(extracted):
        if text := _bare_text(block):
            said.setdefault(text, []).append(block)
    seen: Counter[str] = Counter()
    kept: dict[etree._Element, etree._Element | None] = {}
    for block in blocks:
        if (same := said.get(text := _bare_text(block))) is not None:
            kept[block] = same[seen[text]] if seen[text] < len(same) else None
            seen[text] += 1
    return kept


def _paragraphs_saying(extracted: etree._Element, items: tuple[str, ...]) -> list[etree._Element]:
    """The paragraphs of ``extracted``, one right after another, that say ``items`` in order, or none."""
    paragraphs = [block for block in _innermost_blocks(extracted) if block.tag == "p"]
    texts = [_bare_text(paragraph) for paragraph in paragraphs]
    for start in range(len(paragraphs) - len(items) + 1):
        run = paragraphs[start:start + len(items)]
        if tuple(texts[start:start + len(items)]) == items and all(
                paragraph.getprevious() is previous for previous, paragraph in pairwise(run)):
            return run
    return []


def _cell_in_extract(cell: etree._Element, extracted: etree._Element) -> etree._Element | None:
    """The cell of ``extracted`` where the page's ``cell`` is, if it is empty (trafilatura keeps a
    table's cells and drops a list in one): the cell at its place in the first table of the
    extract that has as many cells, each saying what the page's says or a part of it (nothing,
    or the text before a list it dropped)."""
    cells = _cells(next(cell.iterancestors("table")))
    texts, place = [_text_extracts_keep(each) for each in cells], cells.index(cell)
    for table in extracted.iter("table"):
        theirs = _cells(table)
        if len(theirs) != len(cells) or len(theirs[place]) or _bare_text(theirs[place]):
            continue
        if all(said in text for said, text in zip(map(_bare_text, theirs), texts, strict=True)):
            return theirs[place]
    return None


def _cells(table: etree._Element) -> list[etree._Element]:
    """The cells of ``table``, not of a table inside it, in order."""
    return [cell for cell in table.iter("td", "th") if next(cell.iterancestors("table")) is table]


def _place_in_extract(listed: etree._Element, article: etree._Element, blocks: list[etree._Element],
                      placed: dict[etree._Element, etree._Element | None], extracted: etree._Element,
                      ) -> tuple[etree._Element, bool] | None:
    """Where the page's ``listed`` goes in ``extracted``: beside the block with text right before
    it in the element holding it, else the one right after it, if the extract kept that block; as
    the element of ``extracted``'s top holding that block (of the table's cell holding it, for a
    list in a cell), and whether after it (``True``) or before. ``None`` if the extract kept
    neither. A repeat the extract dropped is passed over, to the block beyond it. The element
    holding the list is above the wrappers holding it alone that have no name (WeChat's <section
    style="…">): a named one (<div id="comments">) is a part of the page of its own, and a reader's
    list there, after the article's last paragraph, is no list of the article. ``article`` is the
    element of the page holding the article, ``blocks`` its blocks with text, in order, ``placed``
    those the extract kept (:func:`_kept_blocks`), with the lists put back."""
    wrapper, text = listed, _bare_text(listed)
    while ((holder := wrapper.getparent()) is not article and not holder.get("id") and not holder.get("class")
           and _bare_text(holder) == text):
        wrapper = holder
    own = [block for block in _innermost_blocks(listed) if _bare_text(block)]
    for index, step in ((blocks.index(own[0]) - 1, -1), (blocks.index(own[-1]) + 1, 1)):
        if 0 <= index < len(blocks) and holder in blocks[index].iterancestors() and (
                beside := _kept_past_repeats(blocks, index, step, placed)) is not None:
            after_it = step < 0
            break
    else:
        return None
    in_cell = next(listed.iterancestors("td", "th"), None) is not None
    top = next(beside.iterancestors("td", "th"), None) if in_cell else extracted
    if top is None:
        return None  # a list in a cell goes nowhere out of its table
    while beside.getparent() is not top:
        beside = beside.getparent()
    return beside, after_it


def _kept_past_repeats(blocks: list[etree._Element], index: int, step: int,
                       placed: dict[etree._Element, etree._Element | None]) -> etree._Element | None:
    """The extract's block for the page's ``blocks[index]`` (``placed``), or, that one a repeat the
    extract dropped, for the first block beyond it (``step`` by ``step``) that is none; ``None``
    when the extract kept none."""
    while blocks[index] in placed and placed[blocks[index]] is None and 0 <= index + step < len(blocks):
        index += step
    return placed.get(blocks[index])


# A picture's attributes that trafilatura drops, taken back from the page whatever their value:
# its size, and a role="presentation" (or "none") saying it only decorates.
_PICTURE_ATTRIBUTES = ("width", "height", "role")


def _keep_picture_attributes(page_body: etree._Element, extracted: etree._Element) -> None:
    """trafilatura keeps no attribute of a picture but its ``src`` and an alt or title with text:
    a picture the page sizes (<img width="200">) was printed at another size, and judged at it by
    ``paiban check``; a decorative one (``alt=""``) was warned of as having no alt text, and
    ``paiban import`` wrote it without ``{.decorative}``. Each picture of the extract gets back
    what the page gives it of those (:func:`_dropped_attributes`): a file's n-th picture in the
    extract those of its n-th in the article (a file shown at its size and again as a thumbnail is
    two sizes); where the extract has fewer or more of them, those the page gives them all, if it
    gives them all the same."""
    shown = _by_source(page_body.xpath(f".//img[{_OUTSIDE_FURNITURE}]"))
    for source, pictures in _by_source(extracted.iter("img")).items():
        given = [_dropped_attributes(img) for img in shown.get(source, [])]
        if len(given) != len(pictures):
            if len(set(given)) != 1:
                continue
            given = len(pictures) * given[:1]
        for picture, attributes in zip(pictures, given, strict=True):
            picture.attrib.update(attributes)


def _by_source(pictures: Iterable[etree._Element]) -> dict[str | None, list[etree._Element]]:
    """``pictures`` by their ``src``, each file's in order."""
    found: dict[str | None, list[etree._Element]] = {}
    for img in pictures:
        found.setdefault(img.get("src"), []).append(img)
    return found


def _dropped_attributes(img: etree._Element) -> tuple[tuple[str, str], ...]:
    """What ``img`` has that trafilatura drops and the book reads, as attributes: its ``width`` and
    ``height``, and what says it only decorates (:func:`paiban.xhtml.decorative`): an empty
    ``alt`` (one with text is kept), a ``role`` and the class ``decorative``."""
    given = [(name, value) for name in _PICTURE_ATTRIBUTES if (value := img.get(name))]
    if img.get("alt") == "":
        given.append(("alt", ""))
    if DECORATIVE in (img.get("class") or "").split():
        given.append(("class", DECORATIVE))
    return tuple(given)


def _keep_figures(page_body: etree._Element, extracted: etree._Element) -> None:
    """trafilatura keeps a figure's picture and drops its ``<figcaption>``: a photo's caption and
    its credit (摄影：…) went with no word. Each picture of the extract that is a captioned
    figure's on the page is that figure again, caption and all (without its furniture, as the
    page's own markup is taken), and what the extract kept of its caption goes
    (:func:`_drop_caption_left`); a caption the extract kept as text (a figure in a paragraph)
    stays as it is."""
    pictures = {img.get("src"): img for img in extracted.iter("img")}
    kept = _bare_text(extracted)
    for figure in page_body.xpath(f".//figure[figcaption and {_OUTSIDE_FURNITURE}]"):
        shown = [pictures[src] for img in figure.iter("img") if (src := img.get("src")) in pictures]
        if not shown or (caption := _bare_text(figure.find("figcaption"))) in kept:
            continue
        first, *others = [_picture_block(img) for img in shown]
        own = _put_back(_without_furniture(figure), first)
        for other in others:
            other.drop_tree()
        _drop_caption_left(own, caption)


def _drop_caption_left(figure: etree._Element, caption: str) -> None:
    """Each paragraph right after the put-back ``figure`` that says a part of its ``caption``:
    what trafilatura kept of the caption it dropped, its links (a wiki thumbnail's
    <figcaption>1930年代的<a>石桥灯会</a>, 石桥灯会 alone under the picture), which said it twice."""
    while (not (figure.tail or "").strip() and (after := figure.getnext()) is not None and after.tag == "p"
           and (text := _bare_text(after)) and text in caption):
        drop(after)


def _keep_tables(page_body: etree._Element, extracted: etree._Element) -> None:
    """trafilatura rewrites a table as rows of cells alone: its ``<caption>`` became a header row
    with an empty cell beside it, its header cells after the first row plain ones (an infobox's
    labels, bold in its first row only), a merged cell (``rowspan``, ``colspan``) one cell and an
    empty one. Each table of the extract saying what a table of the page says (as the extract
    keeps text, :func:`_own_article`) is that table again (without its furniture, as the page's
    own markup is taken); tables saying the same are the page's in order."""
    tables = extracted.xpath(".//table[not(ancestor::table)]")
    if not tables:
        return
    own: dict[str, list[etree._Element]] = {}  # the page's tables by what each says, in order
    for table in page_body.xpath(f".//table[not(ancestor::table) and {_OUTSIDE_FURNITURE}]"):
        for said in {_bare_text(table), _text_extracts_keep(table, _READINGS), _text_extracts_keep(table)}:
            own.setdefault(said, []).append(table)
    used: set[etree._Element] = set()
    for table in tables:
        same = next((kept for kept in own.get(_bare_text(table), []) if kept not in used), None)
        if same is None:
            continue
        used.add(same)
        _put_back(_without_furniture(same), table)


def _put_back(own: etree._Element, in_place_of: etree._Element) -> etree._Element:
    """The page's ``own`` element (a copy, :func:`_without_furniture`) put in place of the extract's
    ``in_place_of``, whose tail it takes."""
    own.tail = in_place_of.tail
    in_place_of.getparent().replace(in_place_of, own)
    return own


def _picture_block(img: etree._Element) -> etree._Element:
    """The paragraph holding ``img`` alone, where the extract put it in one, else ``img``."""
    parent = img.getparent()
    alone = parent.tag == "p" and not _bare_text(parent) and len(parent.findall(".//img")) == 1
    return parent if alone else img


def _merges_paragraphs(page_body: etree._Element, extracted: etree._Element) -> bool:
    """Whether one paragraph of ``extracted`` holds two successive paragraphs of the page."""
    page = _paragraph_texts(page_body)
    # Paragraphs, not table cells or labels: "1" and "2" joined are in any text saying 12月.
    joined = {first + second for first, second in pairwise(page) if min(len(first), len(second)) >= _PARAGRAPH}
    return any(pair in text for text in _paragraph_texts(extracted) for pair in joined)


def _paragraph_texts(root: etree._Element) -> list[str]:
    """The text of each innermost block element under ``root`` that has any, in order, without
    white space (a flattened paragraph joins the page's with line breaks)."""
    texts = (_bare_text(element) for element in _innermost_blocks(root))
    return [text for text in texts if text]


def _bare_text(element: etree._Element) -> str:
    """The text of ``element`` without white space."""
    return "".join(element.text_content().split())


def _innermost_blocks(root: etree._Element) -> list[etree._Element]:
    """The block elements under ``root`` that hold no other block: its paragraphs, in order."""
    return [element for element in root.iter(*_BLOCKS)
            if not any(inner.tag in _BLOCKS for inner in element.iterdescendants())]


def _split_lines(body: etree._Element) -> None:
    """A block whose lines, broken with ``<br>``, are paragraphs (indented with full-width spaces,
    or parted by an empty line, and not verse) becomes a paragraph per line, as a text file's
    lines do; a poem's or an address's lines stay lines of one paragraph. Done before the
    extraction, which runs empty lines together and drops the indentation, and dropped the
    first of such lines a ``<font>`` held (:func:`_lift_parting_breaks`)."""
    blocks = [block for block in body.iter("p", "div") if not block.xpath(POEM)]
    for block in blocks:
        _lift_parting_breaks(block)
    for block in [block for block in blocks if _lines_are_paragraphs(block)]:
        lines = split(block)
        if block.tag == "p":
            for line in lines:
                block.addprevious(line)
            block.drop_tree()
        else:
            block.text = None
            block[:] = lines


def _lift_parting_breaks(block: etree._Element) -> None:
    """The ``<br>`` of ``block``'s inline elements lifted out of them (:func:`_lift_breaks`) where
    ``block``'s lines then are paragraphs, or verse: a poem held in a <span> (as CMS editors and
    Word write it) is found as a poem only with its lines the block's own. Elsewhere they stay
    where written: a run-in heading broken off inside its bold (<p><b>二、存在问题<br></b>一些地方…</p>)
    is no more verse than paragraphs, and stays the paragraph as written."""
    if not any(child.tag in INLINE and child.find(".//br") is not None for child in block):
        return
    lifted = deepcopy(block)
    _lift_breaks(lifted)
    if _lines_are_paragraphs(lifted) or is_verse(lifted):
        _lift_breaks(block)


def _lift_breaks(element: etree._Element) -> None:
    """Each ``<br>`` in an inline element of ``element`` made ``element``'s own, the inline element
    cut around it: a site's editor holds a block's text in a wrapper (<div><font face="宋体">…<br><br>
    …</font></div>, a <span>, a <b>), whose lines were left one block of empty lines, not told
    from the block's, and the first of them dropped by the extraction. Cut, each line keeps the
    wrapper's look."""
    for child in list(element):
        if child.tag in INLINE:
            _lift_breaks(child)
            if child.find("br") is not None:
                _cut_at_breaks(child)


def _cut_at_breaks(wrapper: etree._Element) -> None:
    """``wrapper`` replaced by its lines, each in a copy of it (its id the first's alone), with
    its ``<br>`` between them; a line of white space alone is no copy."""
    lines = [_copy_holding(wrapper, wrapper.text)]
    for child in list(wrapper):
        if child.tag == "br":
            lines += [child, _copy_holding(wrapper, child.tail)]
            child.tail = None
        else:
            lines[-1].append(child)
    if (target := wrapper.get("id")) is not None:
        lines[0].set("id", target)
    kept = [line for line in lines if line.tag == "br" or len(line) or (line.text or "").strip() or line.get("id")]
    kept[-1].tail = wrapper.tail
    for line in kept:
        wrapper.addprevious(line)
    wrapper.getparent().remove(wrapper)


def _copy_holding(wrapper: etree._Element, text: str | None) -> etree._Element:
    """An element of ``wrapper``'s tag and attributes but its id, holding ``text``."""
    copy = wrapper.makeelement(wrapper.tag, {name: value for name, value in wrapper.attrib.items() if name != "id"})
    copy.text = text
    return copy


def _lines_are_paragraphs(block: etree._Element) -> bool:
    breaks = [child for child in block if child.tag == "br"]
    starts = [(text or "").lstrip(" \t\r\n") for text in (block.text, *(br.tail for br in breaks))]
    return (bool(breaks) and (empty_lines(block) > 0 or any(start.startswith(_INDENT) for start in starts))
            and not is_verse(block))


# The paragraphs of prose.
_PROSE = f".//p[not({POEM})]"
# The white space before a paragraph's full-width indent: the markup's, and no-break spaces (&nbsp;&nbsp;).
_WHITE_SPACE = " \t\r\n\xa0"


def _unindent(body: etree._Element) -> None:
    """Web pages indent paragraphs with full-width spaces (　　); the stylesheet indents instead.
    The spaces may open the inline element a paragraph opens with (<p><font>　　…). A paragraph
    broken with ``<br>`` keeps its full-width ones, which the verse step reads with its other
    lines' (:func:`~.verse.set_as_poems`: it takes them off prose), but in a table's cell, whose
    text keeps what this leaves it, unless it is verse (a poem in a page laid out in a table:
    its first line taken to the margin, the others were indented under it)."""
    for paragraph in body.xpath(_PROSE):
        opening = paragraph
        while not (opening.text or "").strip() and len(opening) and opening[0].tag in INLINE:
            opening.text, opening = None, opening[0]
        if opening.text:
            broken = paragraph.find("br") is not None and (
                next(paragraph.iterancestors("td", "th"), None) is None or is_verse(paragraph))
            opening.text = opening.text.lstrip(_WHITE_SPACE) if broken else opening.text.lstrip()


# What a full-width space is while trafilatura reads the page: a character pages hardly write, and no
# white space to Python (IDEOGRAPHIC HALF FILL SPACE).
_FULL_WIDTH_SPACE, _STAND_IN = "\u3000", "\u303f"


def _extract(page: str) -> etree._Element | None:
    """The article of a whole page as a ``<body>``, or ``None`` when trafilatura finds none. Its
    full-width spaces are the page's: trafilatura makes all white space of a line single spaces,
    and Python takes U+3000 for white space (撰文／苏白　摄影／林木 came out 撰文／苏白 摄影／林木), so
    it reads them as a stand-in that is none, unless the page has that character itself. A
    paragraph of white space alone that no link leads to (a spacer, <p>　　</p>) is left out: it was
    an empty paragraph in the book."""
    import trafilatura  # loaded only for saved web pages: it takes a fifth of a second

    standing_in = _STAND_IN not in page
    extracted = trafilatura.extract(page.replace(_FULL_WIDTH_SPACE, _STAND_IN) if standing_in else page,
                                    output_format="html", include_images=True, include_tables=True,
                                    include_links=True, include_formatting=True, include_comments=False,
                                    config=_settings())
    if not extracted:
        return None
    if standing_in:
        extracted = extracted.replace(_STAND_IN, _FULL_WIDTH_SPACE)
    # Read as the XML it is written as: HTML's parser ends a paragraph at a <pre> (below) in it.
    body = etree.fromstring(extracted, html.XHTMLParser()).find("body")
    for spacer in [paragraph for paragraph in body.iter("p") if _spacer(paragraph)]:
        drop(spacer)
    _code_as_written(body)
    _unnest_paragraphs(body)
    return body


def _unnest_paragraphs(extracted: etree._Element) -> None:
    """trafilatura writes a block holding text loose beside its paragraphs (MediaWiki's coordinates
    line, 坐标：…, before the article's <p>s in its <div>) as a paragraph holding them, which is no
    HTML: the book read it as a paragraph of that text, those paragraphs, and an empty paragraph
    where it ended. Its loose text is a paragraph of its own among them, which keeps its id."""
    for paragraph in [paragraph for paragraph in extracted.iter("p") if holds_blocks(paragraph)]:
        loose_text_in_paragraphs(paragraph)
        if (target := paragraph.get("id")) is not None and paragraph[0].get("id") is None:
            paragraph[0].set("id", target)
        paragraph.drop_tag()


def _spacer(paragraph: etree._Element) -> bool:
    """Whether ``paragraph`` of an extract holds white space alone and has no id for a link to lead to."""
    return not len(paragraph) and not (paragraph.text or "").strip() and paragraph.get("id") is None


# Where a <pre> trafilatura writes is a word of code (<code>), not a block: in running text.
_RUNNING_TEXT = frozenset({"p", *HEADINGS, *INLINE})


def _code_as_written(extracted: etree._Element) -> None:
    """trafilatura writes each code element of its own as a ``<pre>``: a code block (``<pre><code>``)
    as a ``<pre>`` in a ``<pre>``, its pretty-printing's white space round the inner one, which the
    EPUB kept (EPUBCheck: "element pre not allowed here"); a word of code in a sentence
    (``<code>``) as a ``<pre>`` there, which HTML's parser ended the paragraph at, the text after
    it left loose. They are ``<pre><code>`` and ``<code>`` again. One it writes loose among the
    paragraphs with text beside it (a list's item holding a formula's TeX, ``<li><code>a^2</code>，
    直角三角形</li>``, which it takes out of its list) goes in a paragraph with that text: it is one,
    and a list put back for it (:func:`_put_back_lists`) takes its place."""
    loose = False
    for pre in list(extracted.iter("pre")):
        holder, beside = pre.getparent(), _text_beside(pre)
        if holder.tag == "pre" and len(holder) == 1 and not beside:
            holder.text = pre.tail = None  # the pretty-printing's
        if holder.tag == "pre" or holder.tag in _RUNNING_TEXT or beside:
            pre.tag = "code"
            loose = loose or holder is extracted
    if loose:
        loose_text_in_paragraphs(extracted)


def _text_beside(element: etree._Element) -> bool:
    """Whether text runs right before or after ``element``."""
    previous = element.getprevious()
    before = element.getparent().text if previous is None else previous.tail
    return bool((before or "").strip() or (element.tail or "").strip())


@functools.cache
def _settings():
    """trafilatura's settings (read from its settings file) with paiban's threshold: made once."""
    from trafilatura.settings import use_config

    settings = use_config()
    settings.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_ARTICLE_CHARACTERS))
    return settings


def _dropped(page_body: etree._Element, kept: str) -> tuple[str, ...]:
    """The page's lines of text that are not in the article: navigation, ads, comments, footers."""
    for code in page_body.xpath(".//script|.//style"):
        code.drop_tree()
    lines = (line.strip() for line in page_body.itertext())
    return tuple(line for line in lines if line and line not in kept)


def _meta(document: etree._Element, name: str) -> str | None:
    value = document.xpath(f"string(//meta[@name='{name}' or @property='{name}']/@content)").strip()
    return value or None


def _date(document: etree._Element) -> str | None:
    """The publication date from ``<meta>``: its day (YYYY-MM-DD) when it is an ISO timestamp."""
    value = next((found for name in _DATE if (found := _meta(document, name))), None)
    return value[:10] if value and value[:4].isdigit() and value[4:5] == "-" else value
