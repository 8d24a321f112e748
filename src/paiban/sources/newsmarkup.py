"""The newsroom's rules (:mod:`.newsroom`) for an article in markup: the paragraphs of a saved web
page or of a Word document are the lines of a scraped text. Those that are page furniture go, a
date and source line gives the article's date and outlet, and a byline closing the last
paragraph gives its author.
"""

from __future__ import annotations

from lxml import etree

from . import newsroom


def sift(paragraphs: list[etree._Element], found: newsroom.Sifted, opening: bool = False) -> None:
    """Drop the paragraphs that are a news site's furniture, as a scraped text's lines are
    (QR-code prompts, editor credits, share links); a date and source line gives the article's
    date and outlet (the source an article was copied from comes before the site's name), only
    where such lines open the text if ``opening`` (see :func:`.newsroom.judge`). A photo caption
    stays: in markup it stands under its photo."""
    texts = [" ".join(paragraph.text_content().split()) for paragraph in paragraphs]
    judged = newsroom.judge(texts, found, captions=True, opening=opening)
    for paragraph, text, kept in zip(paragraphs, texts, judged, strict=True):
        if not kept:
            paragraph.drop_tree()
            found.removed.append(text)


def take_byline(paragraphs: list[etree._Element]) -> str | None:
    """The names of the byline closing the last of ``paragraphs`` (（记者 张三）), taken out of its
    text, or ``None``; a paragraph that held nothing else goes."""
    if not paragraphs:
        return None
    last = paragraphs[-1]
    end = last[-1] if len(last) else None  # the byline is the paragraph's last text
    rest, names = newsroom.take_byline((end.tail if end is not None else last.text) or "")
    if names is None:
        return None
    if end is not None:
        end.tail = rest
    else:
        last.text = rest
    if not last.text_content().strip() and last.find(".//img") is None:
        last.drop_tree()
    return names
