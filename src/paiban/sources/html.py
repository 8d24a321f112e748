"""HTML articles: a clean fragment is taken as it is; a whole saved web page has its article extracted.

A page saved from a news site carries navigation, ads, comments, footers and scripts around
the article. When the page has such furniture, trafilatura finds the article in it, keeping
headings, paragraphs, lists, images, tables and links. The title is the first ``<h1>``, else
``<title>``; ``<meta>`` tags give the author, the date and the site. Sanitising happens later,
for every format alike.
"""

from __future__ import annotations

import functools
from html import escape
from pathlib import Path

from lxml import etree, html

from ..errors import PaibanError
from .draft import Draft

# What only a whole web page has around its article (scripts alone do not count: the sanitiser drops them).
_FURNITURE = "//nav|//header|//footer|//aside|//iframe|//form"
# The article's headline: the first <h1> that is not the site's own, in its header or navigation.
_HEADLINE = ".//h1[not(ancestor::header or ancestor::nav or ancestor::footer or ancestor::aside)]"
_DATE = ("article:published_time", "pubdate", "publishdate", "date")


def read(path: Path, text: str) -> Draft:
    """Read an HTML article or a saved web page."""
    try:
        document = html.document_fromstring(text) if text.strip() else None
    except (etree.ParserError, ValueError) as error:
        raise PaibanError(f"cannot parse HTML: {error}", file=path) from None
    if document is None:
        raise PaibanError("the article is empty", file=path)
    body = document.find("body")
    if body is None:
        raise PaibanError("the HTML has no <body>", file=path)
    heading = next(iter(body.xpath(_HEADLINE)), None)
    title = heading.text_content().strip() or None if heading is not None else None
    if title is None and (head_title := document.findtext(".//title")):
        title = head_title.strip() or None
    removed: tuple[str, ...] = ()
    if document.xpath(_FURNITURE) and (article := _extract(text)) is not None:
        removed = _dropped(body, article.text_content())
        body = article
    # The headline is the title, not part of the body (extraction may have kept it or not).
    for repeated in body.iter("h1"):
        if repeated.text_content().strip() == title:
            repeated.drop_tree()
            break
    inner = escape(body.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in body
    )
    return Draft(title=title, body=inner, author=_meta(document, "author"), date=_date(document),
                 origin=_meta(document, "og:site_name"), removed=removed)


# trafilatura counts characters, and falls back to the page's whole text (one paragraph, navigation
# and all, images lost) when the article it found is shorter than its Latin-tuned 250. A Chinese
# character carries several Latin ones' worth: a short news item is well under that, and whole.
MIN_ARTICLE_CHARACTERS = 40


def _extract(page: str) -> etree._Element | None:
    """The article of a whole page as a ``<body>``, or ``None`` when trafilatura finds none."""
    import trafilatura  # loaded only for saved web pages: it takes a fifth of a second

    extracted = trafilatura.extract(page, output_format="html", include_images=True, include_tables=True,
                                    include_links=True, include_formatting=True, include_comments=False,
                                    config=_settings())
    return html.document_fromstring(extracted).find("body") if extracted else None


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
