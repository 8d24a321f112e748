"""A web page's rendered formulas, as the TeX they were written in (README, Formulas).

paiban sets no math: TeX is printed as written, with a warning at its line. A site's formula is
shown by its scripts in markup the book cannot set (MathJax's SVG, KaTeX's spans of glyphs,
MathML) or as a picture made on its server: the sanitiser dropped the first, the remote picture
was left out, and the sentence was printed with a gap where its formula stood, with no word of
it (知乎's 产出大约是  件). Each formula is its TeX, which the page keeps beside its rendering,
as code in its place, and a warning at its line says so.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from ..chars import quoted
from .draft import NO_MATH

log = logging.getLogger("paiban")

# Where a page keeps a formula's TeX: 知乎's formula (<span class="ztext-math" data-tex="…">, its
# MathJax SVG and MathML inside) and its equation picture (<img eeimg="1" data-formula="…" src=
# "https://www.zhihu.com/equation?tex=…" alt="[公式]">, a TeX in its alt elsewhere); MathJax 2's
# source after its rendering (<script type="math/tex">, "math/tex; mode=display" for a displayed
# one); KaTeX's annotation in the MathML it renders beside its glyphs (Wikipedia's too). An
# element's data-tex is a formula's where the element is one: a class of math (ztext-math), or its
# rendering inside (an SVG, MathML, MathJax's markup); another's (<span class="tooltip"
# data-tex="…">提示</span>) keeps its words.
_MATH_CLASS = "contains(translate(@class, 'MATH', 'math'), 'math')"
_TEX_ELEMENT = f"@data-tex and ({_MATH_CLASS} or .//svg or .//math or .//*[contains(@class, 'MathJax')])"
_EQUATION_PICTURE = "self::img and (@eeimg or contains(@src, '/equation?tex='))"
# An equation picture's alt that names what it is instead of giving its TeX: 知乎 writes
# alt="[公式]" on each, its TeX in data-formula and its address. A label in brackets ([公式],
# 【formula】) or the word alone.
_PLACEHOLDER = re.compile(r"\s*(?:[\[【［]\s*[^\W\d_]+(?:\s+[^\W\d_]+)*\s*[\]】］]"
                          r"|(?:数学)?公式|formula|equation|math)\s*", re.IGNORECASE)
_MATHJAX_SOURCE = "self::script and starts-with(normalize-space(@type), 'math/tex')"
_TEX_ANNOTATION = "self::annotation and @encoding='application/x-tex'"
# MathML with no TeX beside it (MathJax 3's, a page's own) the sanitiser drops: a warning names it.
_MATHML_ALONE = "self::math and not(.//annotation[@encoding='application/x-tex'])"
_FORMULAS = f".//*[{_TEX_ELEMENT} or {_EQUATION_PICTURE} or {_MATHJAX_SOURCE} or {_TEX_ANNOTATION} or {_MATHML_ALONE}]"
# The element of a KaTeX or Wikipedia formula holding its TeX and its rendering, which go together.
_RENDERED = ("ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' katex ')"
             " or contains(concat(' ', normalize-space(@class), ' '), ' mwe-math-element ')][1]")
# MathJax 2's rendering of the formula its script holds: the elements right before the script
# (its preview, its frame, a displayed formula's box), each of a class MathJax_….
_MATHJAX_CLASS = "MathJax"


def write_tex(body: etree._Element, source: Path) -> None:
    """Each formula of ``body`` as its TeX in a ``<code>``, its rendering gone, with a warning
    naming each line's formulas; a formula with no TeX to give is left as the page has it, and
    one in MathML alone, which the sanitiser drops, is warned of."""
    by_line: dict[int | None, list[str]] = {}
    mathml = []  # MathML with no TeX (:data:`_MATHML_ALONE`), maybe a MathJax rendering that goes later
    for found in body.xpath(_FORMULAS):
        if body not in found.iterancestors():  # inside a formula written already
            continue
        if found.tag == "math":
            mathml.append(found)
            continue
        rendered, tex = _formula(found)
        if not tex:
            continue
        if rendered.tag == "script":
            _drop_mathjax_rendering(rendered)
        code = rendered.makeelement("code", {})
        code.text, code.tail = tex, rendered.tail
        rendered.getparent().replace(rendered, code)
        by_line.setdefault(found.sourceline, []).append(tex)
    left_out = Counter(math.sourceline for math in mathml if body in math.iterancestors())
    for line, written in by_line.items():
        named = ", ".join(quoted(tex) for tex in written[:3]) + (", …" if len(written) > 3 else "")
        what = (f"the formula {named} is printed as its TeX" if len(written) == 1
                else f"{len(written)} formulas ({named}) are printed as their TeX")
        log.warning("%s%s: %s, in code type: %s", source, f":{line}" if line else "", what, NO_MATH)
    for line, count in left_out.items():
        what = "a formula written in MathML, with no TeX beside it, is" if count == 1 else \
            f"{count} formulas written in MathML, with no TeX beside them, are"
        log.warning("%s%s: %s left out: %s", source, f":{line}" if line else "", what, NO_MATH)


def _formula(found: etree._Element) -> tuple[etree._Element, str]:
    """The element that shows the formula ``found`` holds the TeX of (that goes, the TeX taking
    its place), and its TeX without the white space around it."""
    if (tex := found.get("data-tex")) is not None:
        return found, tex.strip()
    if found.tag == "img":
        alt = found.get("alt") or ""
        return found, (found.get("data-formula") or _tex_parameter(found.get("src") or "")
                       or ("" if _PLACEHOLDER.fullmatch(alt) else alt)).strip()
    if found.tag == "script":
        return found, (found.text or "").strip()
    shown = next(iter(found.xpath(_RENDERED)), None)
    return (shown if shown is not None else _math_of(found)), (found.text or "").strip()


def _tex_parameter(address: str) -> str:
    """The ``tex`` of an equation picture's address (…/equation?tex=a%5E2), decoded."""
    return next(iter(parse_qs(urlsplit(address).query).get("tex", [])), "")


def _math_of(annotation: etree._Element) -> etree._Element:
    """The ``<math>`` element an annotation is of (itself where it stands alone)."""
    return next(annotation.iterancestors("math"), annotation)


def _drop_mathjax_rendering(script: etree._Element) -> None:
    """The elements MathJax 2 wrote right before its ``script`` to show its formula removed: those
    of its classes with nothing but white space between them, as MathJax writes them."""
    while (shown := script.getprevious()) is not None and not (shown.tail or "").strip() and any(
            name.startswith(_MATHJAX_CLASS) for name in (shown.get("class") or "").split()):
        shown.getparent().remove(shown)
