"""Pages saved from a MediaWiki site (Wikipedia and its kin), whole or as the article's markup alone
(Kiwix, an offline dump): what the wiki writes for its own use, not the reader's, is taken out
before the page is read as any other (:mod:`.html`).
"""

from __future__ import annotations

from lxml import etree

# A section's edit link, [编辑], which MediaWiki writes in every heading (beside it, in a <div
# class="mw-heading"> since 1.42): the site's tool, printed in each heading, the contents and the
# bookmarks as 历史[编辑], a warning each of a link leading nowhere. Its link made trafilatura take
# 1.42's heading for links, and drop it.
_EDIT_LINKS = ".//*[contains(concat(' ', normalize-space(@class), ' '), ' mw-editsection ')]"


def drop_edit_links(body: etree._Element) -> None:
    """Each section's edit link (:data:`_EDIT_LINKS`) out of ``body``, what follows it kept."""
    for link in body.xpath(_EDIT_LINKS):
        link.drop_tree()
