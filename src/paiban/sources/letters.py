"""A letter's salutation (亲爱的云：, 王老师：), which a Chinese letter sets flush left, above
paragraphs indented as any text's: told by its shape and by the letter's close below it, in
every format."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from .. import patterns
from ..xhtml import HEADINGS, add_class
from .verse import closes_letter, element_lines

# The class of a letter's salutation (base.css sets it with no first-line indent).
SALUTATION = "salutation"
# A form of address and a colon, one short line that states nothing: 亲爱的云：, 爸、妈：, 尊敬的各位
# 领导、各位同事：. A sentence's lead-in has a clause (事情是这样的，我们：), ends in a verb of
# saying (:data:`_LEAD_IN`), or is the text's own, whose close below tells no letter.
_SALUTATION = patterns.compile(r"^[^。！？；：，,.!?;:]{1,16}[：:]$")
# A verb of saying or writing and what may follow it (说, 写道, 问, 表示, 指出, 写着, 说了), ending a
# narrative's lead-in to what it quotes (他说：, 父亲在信里写道：), never a form of address: a story
# quoting a letter (its lead-in, the letter's paragraphs, its 此致敬礼！) had its lead-in set as one.
_LEAD_IN = patterns.compile(r"(?:[说說道问問答讲講写寫称稱曰]|表示|指出|强调|強調|认为|認為|回忆|回憶|宣布|提到|如下)"
                            r"[着著了下过過出起]?[：:]$")
# Where a letter may open: the text's start, or under a heading or a rule (a book's letters one
# after another in an article, a letter quoted in a blockquote).
_OPENS = {*HEADINGS, "hr"}


def set_salutations(root: etree._Element) -> None:
    """Each salutation opening a letter (:data:`_SALUTATION`) given its class: a short paragraph
    ending in a colon, but no lead-in's (:data:`_LEAD_IN`), first in its block or under a heading
    or a rule, with a letter's close (此致 / 敬礼！: :func:`~.verse.closes_letter`) in the paragraphs
    after it before the next heading. Indented as the paragraphs under it, it read as the first
    line of the text."""
    for paragraph in _openings(root):
        text = "".join(paragraph.itertext()).strip()
        if _SALUTATION.match(text) and not _LEAD_IN.search(text) and _closed(paragraph):
            add_class(paragraph, SALUTATION)


def _openings(root: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs of ``root`` where a letter may open (:data:`_OPENS`), each a line (no ``br``).
    Each paragraph looks at the one element before it: libxml2 reads XPath's
    ``preceding-sibling::*[1]`` as every sibling before: a chapter of 8,000 paragraphs took minutes,
    in one C call that not even SIGTERM could stop."""
    for paragraph in root.iterdescendants("p"):
        before = next(paragraph.itersiblings(etree.Element, preceding=True), None)
        if (before is None or before.tag in _OPENS) and paragraph.find("br") is None:
            yield paragraph


def _closed(salutation: etree._Element) -> bool:
    """Whether a letter's close follows ``salutation``, in the paragraphs after it up to a heading or a rule."""
    lines: list[str] = []
    for sibling in salutation.itersiblings():
        if sibling.tag in _OPENS:
            break
        if sibling.tag == "p":
            lines.extend(element_lines(sibling))
    return closes_letter(lines)
