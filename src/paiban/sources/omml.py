"""Word's equations (OMML) in a line: the linear form Word itself writes an equation in (its
公式 → 线性格式), which the book can set where it has no way to set the equation's layout.

A fraction is written with a slash, a numerator or denominator of more than one term in
parentheses (``p=F/S``, ``(a+b)/2``), as are the base of a power and a root's radicand (``√(x+1)``);
a power, an index and a limit's or a sum's bounds are raised or lowered (``x²``, ``H₂O``), and
one inside another is written with ``^`` or ``_`` in it (the ``x^2`` raised after the e of
``e`` to the ``x²``); the rows of an equation array (a system of equations) go on lines of their
own. The text joined without the layout (``p=FS``, ``x2=4``) read as another equation.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree

M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
SUPERSCRIPT, SUBSCRIPT = "superscript", "subscript"
LINE_BREAK = "\n"
# Signs between terms: a part holding one outside brackets is more than one term.
_BETWEEN_TERMS = re.compile(r"[-+−±∓=≠<>≤≥≈×·÷/¦,，;；]")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}|（[^（）]*）")
# A root of index 2, 3 or 4 as its sign; another index is raised before √.
_ROOT_SIGNS = {"": "√", "2": "√", "3": "∛", "4": "∜"}
_SCRIPT_SIGNS = {SUPERSCRIPT: "^", SUBSCRIPT: "_"}


class Piece(NamedTuple):
    """Text of an equation in a line, set raised (``superscript``), lowered (``subscript``) or in
    the line (``""``); :data:`LINE_BREAK` is a line's end."""

    text: str
    script: str = ""


def linear(equation: etree._Element) -> list[Piece]:
    """An equation (``m:oMath``) in its linear form, text raised or lowered alike run together."""
    merged: list[Piece] = []
    for piece in _pieces(equation, ""):
        if merged and piece.script == merged[-1].script and LINE_BREAK not in (piece.text, merged[-1].text):
            merged[-1] = Piece(merged[-1].text + piece.text, piece.script)
        elif piece.text:
            merged.append(piece)
    return merged


def _pieces(element: etree._Element, script: str) -> list[Piece]:
    """``element`` in a line, its text set as ``script`` says (what any of it is raised or lowered
    to is under that)."""
    if element.tag == f"{M}t":
        return [Piece(element.text or "", script)]
    if etree.QName(element).localname.endswith("Pr"):  # properties: how Word draws it, no text
        return []
    if written := _WRITTEN.get(element.tag):
        return written(element, script)
    if parts := _SCRIPTED.get(element.tag):
        return [piece for child, how in parts for piece in _scripted_part(element, child, how, script)]
    return _children(element, script)


def _children(element: etree._Element | None, script: str) -> list[Piece]:
    children = element.iterchildren(etree.Element) if element is not None else ()
    return [piece for child in children for piece in _pieces(child, script)]


def _joined(parts: list[list[Piece]], between: Piece) -> list[Piece]:
    return [piece for number, part in enumerate(parts) for piece in [*[between] * bool(number), *part]]


def _operand(element: etree._Element | None, script: str) -> list[Piece]:
    """``element``'s pieces, in parentheses when it is more than one term (``a+b``, ``F/S``):
    ``(a+b)/2``, not ``a+b/2``."""
    pieces = _children(element, script)
    text = "".join(piece.text for piece in pieces if piece.script == script)
    while (unbracketed := _BRACKETED.sub("", text)) != text:
        text = unbracketed
    if not _BETWEEN_TERMS.search(text):
        return pieces
    return [Piece("(", script), *pieces, Piece(")", script)]


def _fraction(fraction: etree._Element, script: str) -> list[Piece]:
    """``F/S``; a fraction without a bar (a binomial coefficient's stack) as Word writes it, ``n¦k``."""
    bar = "¦" if _property(fraction, "fPr", "type", "bar") == "noBar" else "/"
    return [*_operand(fraction.find(f"{M}num"), script), Piece(bar, script),
            *_operand(fraction.find(f"{M}den"), script)]


def _root(root: etree._Element, script: str) -> list[Piece]:
    """``√x``, ``∛(x+1)``; another index raised before the sign."""
    index = "".join(piece.text for piece in _children(root.find(f"{M}deg"), script)).strip()
    if index in _ROOT_SIGNS:
        sign = [Piece(_ROOT_SIGNS[index], script)]
    else:
        sign = [*_script(root.find(f"{M}deg"), SUPERSCRIPT, script), Piece("√", script)]
    return [*sign, *_operand(root.find(f"{M}e"), script)]


def _delimited(delimited: etree._Element, script: str) -> list[Piece]:
    """Brackets round their parts, Word's ``(`` ``)`` and ``|`` between the parts unless it names others."""
    opening, closing = _property(delimited, "dPr", "begChr", "("), _property(delimited, "dPr", "endChr", ")")
    separator = _property(delimited, "dPr", "sepChr", "|")
    inside = _joined([_children(part, script) for part in delimited.iterchildren(f"{M}e")], Piece(separator, script))
    return [Piece(opening, script), *inside, Piece(closing, script)]


def _rows(array: etree._Element, script: str) -> list[Piece]:
    """An equation array's rows (a system of equations, in a brace), each on a line of its own."""
    return _joined([_children(row, script) for row in array.iterchildren(f"{M}e")], Piece(LINE_BREAK))


_WRITTEN = {f"{M}f": _fraction, f"{M}rad": _root, f"{M}d": _delimited, f"{M}eqArr": _rows}


# Scripted elements' parts in the order they are written, each as a "base" (in parentheses when
# more than one term), "plain", or raised or lowered: a power, an index, both, a prescript (¹⁴C),
# a limit's bound under or over it, a sum or an integral (its sign, its bounds, what it sums).
_SCRIPTED = {f"{M}{tag}": parts for tag, parts in {
    "sSup": (("e", "base"), ("sup", SUPERSCRIPT)),
    "sSub": (("e", "base"), ("sub", SUBSCRIPT)),
    "sSubSup": (("e", "base"), ("sub", SUBSCRIPT), ("sup", SUPERSCRIPT)),
    "sPre": (("sub", SUBSCRIPT), ("sup", SUPERSCRIPT), ("e", "base")),
    "limLow": (("e", "plain"), ("lim", SUBSCRIPT)),
    "limUpp": (("e", "plain"), ("lim", SUPERSCRIPT)),
    "nary": (("naryPr", "sign"), ("sub", SUBSCRIPT), ("sup", SUPERSCRIPT), ("e", "plain")),
}.items()}


def _scripted_part(element: etree._Element, child: str, how: str, script: str) -> list[Piece]:
    part = element.find(f"{M}{child}")
    if how == "sign":  # a sum's or an integral's, ∫ unless it names another
        return [Piece(_property(element, "naryPr", "chr", "∫"), script)]
    if how == "base":
        return _operand(part, script)
    if how == "plain":
        return _children(part, script)
    return _script(part, how, script)


def _script(part: etree._Element | None, raised: str, script: str) -> list[Piece]:
    """``part`` raised or lowered (``raised``); inside what already is, after ``^`` or ``_``,
    in parentheses when more than one term: a line has one height above it and one below."""
    if not script:
        return _children(part, raised)
    written = _operand(part, script)
    return [Piece(_SCRIPT_SIGNS[raised], script), *written] if written else []


def _property(element: etree._Element, properties: str, name: str, otherwise: str) -> str:
    """The ``m:val`` of property ``name`` in ``element``'s ``properties`` (``m:dPr/m:begChr``), or ``otherwise``."""
    found = element.find(f"{M}{properties}/{M}{name}")
    return otherwise if found is None else found.get(f"{M}val", otherwise)
