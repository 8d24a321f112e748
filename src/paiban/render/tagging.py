"""What the PDF's tags lack from WeasyPrint 70, for a screen reader: the language of each element
in another language than the document's, and a description of each link that says where it goes.

WeasyPrint writes the document's language in the catalogue alone, so English text (a
``::: {lang=en}`` block, an English article) was read in the Chinese voice (PDF/UA-1 7.2); and
it describes a link (its annotation's ``/Contents``, PDF/UA-1 7.18.5) by its target's id: a
contents entry read "c1". Importing this module makes WeasyPrint's tagging note the language of
each structure element it makes; :func:`finish_tags` then writes it where it changes.
"""

from __future__ import annotations

import pydyf
from weasyprint.pdf import tags

from .. import patterns

_BUILD_BOX_TREE = tags._build_box_tree
_LANGUAGE = "paiban_language"  # on a structure element: the language of the box it was made for
_SPACES = patterns.compile(r"[ \t\r\n]+")  # the markup's white space; a full-width space (第一章　) is text


def _build_box_tree(box, *args):
    """WeasyPrint's ``_build_box_tree``; each element it makes for ``box`` notes the box's language
    (CSS ``lang``, from its ``lang`` attribute or its parent's). An element made for a box inside
    (the page's, ``<body>``'s children) has noted its own already."""
    for element in _BUILD_BOX_TREE(box, *args):
        if not hasattr(element, _LANGUAGE):
            setattr(element, _LANGUAGE, box.style["lang"])
        yield element


tags._build_box_tree = _build_box_tree


def finish_tags(document, pdf: pydyf.PDF) -> None:
    """The tagged ``pdf`` of ``document`` with each element's language where it is not its
    parent's (the catalogue's at the top), and each link described by its text."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    _mark_languages(pdf)
    _describe_links(document)


def _mark_languages(pdf: pydyf.PDF) -> None:
    """``/Lang`` on each structure element whose language differs from its parent's: a reader
    takes an element's language from its nearest ancestor that has one."""
    language = pdf.catalog["Lang"].string if "Lang" in pdf.catalog else None
    root = _resolved(pdf, pdf.catalog["StructTreeRoot"])
    stack = [(kid, language) for kid in _kids(pdf, root)]
    while stack:
        element, inherited = stack.pop()
        own = getattr(element, _LANGUAGE, None) or inherited
        if own != inherited:
            element["Lang"] = pydyf.String(own)
        stack += [(kid, own) for kid in _kids(pdf, element)]


def _kids(pdf: pydyf.PDF, element: pydyf.Dictionary) -> list[pydyf.Dictionary]:
    """The structure elements under ``element`` (not its marked content, nor a link's annotation)."""
    kids = element.get("K", ())
    objects = (_resolved(pdf, kid) for kid in (kids if isinstance(kids, list) else [kids]) if isinstance(kid, bytes))
    return [kid for kid in objects if kid.get("Type") == "/StructElem"]


def _resolved(pdf: pydyf.PDF, reference: bytes) -> pydyf.Dictionary:
    """The object ``reference`` (``b"12 0 R"``) points to."""
    return pdf.objects[int(reference.split()[0])]


def _describe_links(document) -> None:
    """Each link annotation's ``/Contents`` the text of its link (``第一章　晨走``), or the alt text
    of its pictures, instead of the target's id; a link of neither keeps the id. Every box inside
    a link has an annotation of its own (a contents entry's page number and dot leader have
    theirs), each described by the link it is in: the box that has the link (its ``<a>``'s)."""
    stack = [(page._page_box, "") for page in document.pages]
    while stack:
        box, text = stack.pop()
        if box.link is not None:
            text = _link_text(box.element)
        annotation = getattr(box, "link_annotation", None)
        if text and annotation is not None and "Contents" in annotation:
            annotation["Contents"] = pydyf.String(text)
        stack += [(child, text) for child in box.all_children()]


def _link_text(element) -> str:
    """What a link's ``element`` says: its text, else its pictures' alt text."""
    text = _SPACES.sub(" ", "".join(element.itertext())).strip()
    return text or " ".join(filter(None, (picture.get("alt", "").strip() for picture in element.iter("img"))))
