"""Raw HTML of a Markdown article that no book keeps: a docs site's components (``<Badge text="已废弃" />``,
``<TabItem label="使用 npm">``), a video, a frame, a form's box; and a drawing written in an HTML
article's text (an inline ``<svg>``). The sanitiser leaves each out (:mod:`paiban.xhtml`), and with
it the words its attributes held; a warning at its line names it and those words, and says what to
write instead, so that nothing goes unseen.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import nh3

from ..chars import quoted
from ..xhtml import LEFT_OUT_WHOLE

log = logging.getLogger("paiban")

# The attributes whose value is words a reader of the page sees: a badge's text, a tab's label, a
# frame's title, an icon's alt text, a field's placeholder.
_WORDS = ("text", "label", "title", "alt", "aria-label", "placeholder")
_FRAME = ("a book shows no page inside its own", "link to the page instead")
_FORM = ("a book has no form to fill in",
         "write what it shows as text (a box ticked or not as a task list's item, - [x] …, - [ ] …)")
# Why an element is left out, and what to write instead, for those a writer most often reaches for.
_WHY = {
    "video": ("a book plays no video, and the text in it is a browser's, to show where it cannot",
              "show a picture of it (a still) and the address where it can be watched"),
    "audio": ("a book plays no sound, and the text in it is a browser's, to show where it cannot",
              "give the address where it can be heard"),
    "iframe": _FRAME, "frame": _FRAME, "embed": _FRAME, "object": _FRAME,
    "form": _FORM, "input": _FORM, "button": _FORM, "select": _FORM, "textarea": _FORM,
    "script": ("a book runs no script", "leave it out"),
    "style": ("a book's look is its theme's", "put its rules in a sheet of the book's styles/"),
    "svg": ("a drawing is shown as a picture", "save it as an .svg file and show that, ![…](图.svg)"),
    "math": ("paiban sets no math", "show the formula as a picture"),
}
# What to write instead of a drawing in an HTML article, whose picture is an <img>.
_DRAWING_IN_HTML = 'save it as an .svg file and show that, <img src="图.svg" alt="…">'
_INSTEAD = "write what it shows in the text itself, or in Markdown"
_ELEMENT = ("it is no HTML element a book keeps", _INSTEAD)
_COMPONENT = ("it is a web page's component (no HTML element a book keeps)", _INSTEAD)


def warn_of_left_out(elements: list[tuple[int, str, dict[str, str]]], path: Path, html: bool = False) -> None:
    """Warn at its line of each element of raw HTML the sanitiser leaves out (``elements``: its line,
    its name as written and its attributes, as :class:`~paiban.xhtml.RawHtmlChecker` notes them).
    One whose text is kept and nothing else said (a Typora ``<font color>``, a ``<big>``), which a
    document may hold by the hundred, is told once for all its lines. ``html``: the elements are
    an HTML article's, where a picture is shown with an ``<img>``, not Markdown's ``![…](…)``."""
    plain: dict[str, list[int]] = {}
    for line, name, attributes in elements:
        known = _WHY.get(name.lower())
        address = f" src={quoted(attributes['src'])}" if attributes.get("src") else ""
        lost = [*(["all it holds"] if name.lower() in LEFT_OUT_WHOLE or not _keeps_its_text(name.lower()) else []),
                *(f"its {key} {quoted(value.strip())}" for key in _WORDS if (value := attributes.get(key, "")).strip())]
        if not (known or lost or address or _component(name)):
            plain.setdefault(name, []).append(line)
            continue
        why, instead = known or (_COMPONENT if _component(name) else _ELEMENT)
        if html and name.lower() == "svg":
            instead = _DRAWING_IN_HTML
        with_it = f", and {' and '.join(lost)} with it" if lost else ""
        log.warning("%s:%d: <%s%s> is left out%s: %s; %s", path, line, name, address, with_it, why, instead)
    for name, lines in plain.items():
        first, *others = dict.fromkeys(lines)  # each line once: two <font> on one line
        more = f" (and at line{'s' if len(others) > 1 else ''} {', '.join(map(str, others))})" if others else ""
        log.warning("%s:%d: <%s> is left out%s, its text kept: %s; %s", path, first, name, more, *_ELEMENT)


@functools.cache
def _keeps_its_text(name: str) -> bool:
    """Whether the sanitiser keeps the text of an element ``name`` it leaves out. It drops some with
    all they hold, as their own or as the names of SVG's and MathML's elements (``<template>``,
    ``<card>``, ``<set>``, ``<text>``), where the warning told of their text kept: a name is tried once."""
    return "甲" in nh3.clean(f"<p><{name}>甲</{name}></p>", tags={"p"})


def _component(name: str) -> bool:
    """Whether ``name`` is a web page's component's: a Vue or React one's, written as a class is
    (``Badge``, ``TabItem``), or a custom element's, a hyphen in it (``my-component``)."""
    return "-" in name or name[:1].isupper() and not name.isupper()
