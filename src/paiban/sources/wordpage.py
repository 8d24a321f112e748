"""Web pages Word saved (文件 → 另存为 → 网页, "Save as Web Page"): read as the .docx they were.

Word writes what a .docx says in markup of its own, which a web page's rules misread: every run's
language (``<span lang=EN-US>`` round each number and Latin word, the keyboard's, not the
author's). :func:`tidy` puts that right before the page is read as any other; a page is Word's
by its ``<meta name=Generator content="Microsoft Word 15">`` (:func:`saved_by_word`), and no
other page is touched.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

# What Word names itself in a page's <meta name=Generator> (Outlook's mail is Word's HTML too:
# "Microsoft Word 15 (filtered medium)"), or its ProgId when the generator is left out.
_WORD = "Microsoft Word"
_GENERATOR = "//meta[translate(@name, 'GENRATO', 'genrato')='generator']/@content"
_PROG_ID = "//meta[translate(@name, 'PROGID', 'progid')='progid']/@content"


def saved_by_word(document: etree._Element) -> bool:
    """Whether ``document`` (a parsed page) is one Word saved."""
    return (any(content.strip().startswith(_WORD) for content in document.xpath(_GENERATOR))
            or any(content.strip().startswith("Word.") for content in document.xpath(_PROG_ID)))


def tidy(body: etree._Element, source: Path) -> None:
    """Word's markup in ``body`` (the page of ``source``) made what a .docx's reader makes of it."""
    _drop_run_languages(body)


def _drop_run_languages(body: etree._Element) -> None:
    """Word tags every run with the language it was typed in (the input method's: ``lang=EN-US``
    round 2025, Word 2016 and an empty paragraph mark, sometimes round Chinese), which is no tag an
    author chose: taken as one, digits were set in the Latin face, Chinese left unconverted in a
    Traditional edition, and an import full of ``[2025]{lang="en-US"}``. A .docx's reader reads
    no run's language either."""
    for tagged in body.xpath("descendant-or-self::*[@lang]"):
        del tagged.attrib["lang"]
