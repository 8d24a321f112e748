"""HTML articles: the body of a page; its title is the first ``<h1>``, else ``<title>``."""

from __future__ import annotations

from html import escape
from pathlib import Path

from lxml import etree, html

from ..errors import PaibanError
from .draft import Draft


def read(path: Path, text: str) -> Draft:
    """Read an HTML article. Sanitising happens later, for every format alike."""
    try:
        document = html.document_fromstring(text) if text.strip() else None
    except (etree.ParserError, ValueError) as error:
        raise PaibanError(f"cannot parse HTML: {error}", file=path) from None
    if document is None:
        raise PaibanError("the article is empty", file=path)
    body = document.find("body")
    if body is None:
        raise PaibanError("the HTML has no <body>", file=path)
    title = None
    heading = body.find(".//h1")
    if heading is not None:
        title = heading.text_content().strip() or None
        heading.drop_tree()
    if title is None and (head_title := document.findtext(".//title")):
        title = head_title.strip() or None
    author = document.xpath("string(//meta[@name='author']/@content)") or None
    inner = escape(body.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in body
    )
    return Draft(title=title, body=inner, author=author)
