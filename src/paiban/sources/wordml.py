"""What a .docx holds that mammoth does not read as Word shows it, put right in the document's
XML (WordprocessingML) before mammoth reads it, and told to the editor, naming the paragraphs.

mammoth prints hidden text, reads changes still tracked as if they were accepted, drops comments
and charts without a word, and ignores equations, simple fields (the number of a caption
Word's 插入题注 writes, 图1, is one) and ruby (拼音指南), text and all. Hidden text is left out,
as Word prints it; an equation is kept in its linear form (:mod:`.omml`) and a field's displayed
result as it is, and ruby becomes HTML ruby, by character styles :data:`STYLE_MAP` maps.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsmap, qn
from docx.text.paragraph import Paragraph
from lxml import etree

from ..xhtml import EQUATION
from . import docx_structure, omml
from .pandoc import TASK_BOXES

log = logging.getLogger("paiban")

# A run formatted hidden (字体 → 隐藏): ``w:vanish`` on, as it is without a value.
_HIDDEN = ".//w:r[w:rPr/w:vanish[not(@w:val='0' or @w:val='false' or @w:val='off')]]"
# Tracked changes and comments, in the order they come: what each is counted as.
_REVISIONS = {"w:ins": "insertion", "w:moveTo": "insertion", "w:del": "deletion", "w:moveFrom": "deletion",
              "w:commentReference": "comment"}
# A tracked change or a comment, but in a text box's drawn copy (in an mc:Choice, beside the VML
# copy in its mc:Fallback that mammoth reads).
_REVISION = "|".join(f".//{tag}[not(ancestor::*[local-name()='Choice'])]" for tag in _REVISIONS)
# Drawings that hold no picture mammoth can take, by what they are drawn as.
_NOT_PICTURES = {"http://schemas.openxmlformats.org/drawingml/2006/chart": "chart",
                 "http://schemas.openxmlformats.org/drawingml/2006/diagram": "SmartArt graphic"}
# Ruby (拼音指南: ``w:ruby``, its base and its text ``w:rt``) as HTML ruby, its text in parentheses
# (``rp``) for a reader that cannot set it above its base: the runs of each part are given a
# character style mapped to their place in a ``ruby`` element. The first base run opens a ruby;
# the others' elements, not fresh, join the one before them.
_RUBY_STYLES = {"open": ("paiban ruby", "ruby:fresh"), "base": ("paiban ruby base", "ruby"),
                "rp": ("paiban ruby parenthesis", "ruby > rp:fresh"), "rt": ("paiban ruby text", "ruby > rt")}
# An equation's runs, in a span whose punctuation is its own (:func:`~paiban.edition.punctuation_kept`):
# read as Chinese text's, the brackets of (a+b)/2 after 平均数为 became （a+b）.
_EQUATION_STYLE = ("paiban equation", f"span.{EQUATION}")
STYLE_MAP = "\n".join(f"r[style-name='{name}'] => {path}" for name, path in [*_RUBY_STYLES.values(), _EQUATION_STYLE])
_NAMED = 3  # paragraphs a message names; the rest are counted
_EXCERPT = 20  # characters of a paragraph that name it


def prepare(path: Path, document) -> None:
    """Put the python-docx ``document`` at ``path`` right for mammoth: its body, and its footnotes
    and endnotes (:class:`_Notes`) where hidden text and tracked changes are as they are in the body."""
    body = document.element.body
    notes = _Notes(document)
    _leave_out_hidden_text(path, [body, *notes.roots], _styles_hiding(document))
    _report_revisions(path, [body, *notes.roots])
    _write_checkboxes([body, *notes.roots])
    notes.save()
    _report_drawings(path, body)
    _text_boxes_as_paragraphs(body)
    _write_equations_as_text(path, body)
    _unfold_simple_fields(body)
    _leave_out_tables_of_contents(path, body)
    _mark_ruby(document)
    if _xpath(body, f".//w:rStyle[@w:val='{_style_id(_EQUATION_STYLE[0])}']"):
        document.styles.add_style(_EQUATION_STYLE[0], WD_STYLE_TYPE.CHARACTER).style_id = _style_id(_EQUATION_STYLE[0])


class _Notes:
    """The document's footnotes and endnotes, which python-docx keeps as the bytes of their parts,
    parsed (:attr:`roots`) to be put right as the body is, and written back (:meth:`save`): hidden
    text in a note was printed, and its tracked changes and comments went untold."""

    def __init__(self, document):
        self._parts = [relationship.target_part for relationship in document.part.rels.values()
                       if relationship.reltype in (RT.FOOTNOTES, RT.ENDNOTES) and not relationship.is_external]
        self.roots = [parse_xml(part.blob) for part in self._parts]

    def save(self) -> None:
        for part, root in zip(self._parts, self.roots, strict=True):
            # python-docx reads a part it has no class for from its bytes, and gives them no setter.
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _styles_hiding(document) -> dict[str, bool]:
    """The styles that say whether their text is hidden (``w:vanish``, theirs or a base style's), by
    id: hidden (``True``) or shown. Word hides a run by its character style or its paragraph's
    style as by its own formatting; only the run's own was read, and a style 内部备注 hiding an
    author's notes printed them."""
    saying = {}
    for style in document.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            continue
        if vanish := docx_structure.inherited(style, "./w:rPr/w:vanish"):
            saying[style.style_id] = _on(vanish[0])
    return saying


def _hidden_runs(story, styles_hiding: dict[str, bool]) -> list:
    """The runs of ``story`` (the body, a notes part) Word hides: by their own formatting, else by
    their character style, else by their paragraph's style (``styles_hiding``). A document no style
    of which hides text (most) is looked through for runs hidden by their own formatting alone."""
    if not any(styles_hiding.values()):
        return _xpath(story, _HIDDEN)
    return [run for run in story.iter(qn("w:r")) if _hidden(run, styles_hiding)]


def _hidden(run, styles_hiding: dict[str, bool]) -> bool:
    if (own := run.find(f"{qn('w:rPr')}/{qn('w:vanish')}")) is not None:
        return _on(own)
    # In document order its paragraph's style, then its own: reversed, the nearer first.
    styles = _xpath(run, "./w:rPr/w:rStyle/@w:val | ancestor::w:p[1]/w:pPr/w:pStyle/@w:val")
    return next((styles_hiding[style] for style in reversed(styles) if style in styles_hiding), False)


def _on(toggle) -> bool:
    """Whether a property that is on or off (``w:vanish``) is on: it is without a value."""
    return toggle.get(qn("w:val")) not in docx_structure.OFF


def _leave_out_hidden_text(path: Path, stories: list, styles_hiding: dict[str, bool]) -> None:
    """Word neither shows nor prints hidden text (an author's note to self: 【内部备注：勿外传】);
    mammoth printed it."""
    hidden = [run for story in stories for run in _hidden_runs(story, styles_hiding)]
    paragraphs = _paragraphs_of(hidden)
    for run in hidden:
        run.getparent().remove(run)
    if hidden:
        log.warning("%s: hidden text (字体 → 隐藏), which Word does not print, is left out of %s; to print it, "
                    "select it in Word and clear 隐藏", path, _named(paragraphs))


def _report_revisions(path: Path, stories: list) -> None:
    """Changes still tracked are read as if accepted (mammoth's reading, the text Word shows with
    its markup off), and comments are left out: the editor is to settle them, not the reader.
    A text box's are counted once: Word saves its text twice, drawn (DrawingML) and as VML."""
    found = [element for story in stories for element in _xpath(story, _REVISION)]
    if not found:
        return
    kinds = [_REVISIONS[_prefixed(element.tag)] for element in found]
    counts = ", ".join(_counted(kinds.count(kind), kind) for kind in dict.fromkeys(_REVISIONS.values())
                       if kind in kinds)
    log.warning("%s: the document has tracked changes or comments not yet resolved (%s), in %s: it is read "
                "with every change accepted and without its comments; accept or reject the changes and delete the "
                "comments in Word (审阅 → 接受/拒绝, 删除批注), then save it again",
                path, counts, _named(_paragraphs_of(found)))


def _report_drawings(path: Path, body) -> None:
    """A chart or a SmartArt graphic is drawn by Word from data; there is no picture to take."""
    for uri, kind in _NOT_PICTURES.items():
        if drawings := _xpath(body, f".//w:drawing[.//a:graphicData[@uri='{uri}']]"):
            log.warning("%s: %s cannot be converted and is left out, at %s: paste it into Word as a picture "
                        "(复制, then 选择性粘贴 → 图片)", path, _counted(len(drawings), kind, one="a"),
                        _named(_paragraphs_of(drawings)))


# A text box drawn as DrawingML alone (WPS Office and some editors save one without Word's VML
# copy in an mc:Fallback, which mammoth reads): its paragraphs.
_DRAWN_TEXT_BOX = ".//w:drawing[not(ancestor::*[local-name()='Choice'])][.//w:txbxContent]"


def _text_boxes_as_paragraphs(body) -> None:
    """A text box drawn as DrawingML alone (:data:`_DRAWN_TEXT_BOX`), which mammoth does not read,
    becomes its paragraphs after the paragraph that anchors it, as mammoth sets a VML one: its text
    was lost without a word (边栏：读书会已经举办了三十期。)."""
    for drawing in _xpath(body, _DRAWN_TEXT_BOX):
        anchor = next(drawing.iterancestors(qn("w:p")))
        after = anchor
        for content in _xpath(drawing, ".//w:txbxContent"):
            for paragraph in content.findall(qn("w:p")):
                after.addnext(paragraph)
                after = paragraph
        drawing.getparent().remove(drawing)


def _write_equations_as_text(path: Path, body) -> None:
    """An equation (OMML, which mammoth ignores and the book has no way to set) becomes runs of
    its linear form (:func:`.omml.linear`: ``p=F/S``, ``x`` and a superscript ``2``); a display
    equation stays the paragraph it is, centred as Word sets it. A fraction, a root or a power
    inside a power loses its layout, so the editor is told where the equations are."""
    equations = _xpath(body, ".//m:oMath")
    if not equations:
        return
    display_equations = _xpath(body, ".//m:oMathPara")
    paragraphs, displays = _paragraphs_of(equations), _paragraphs_of(display_equations)
    for display in display_equations:
        _unwrap(display)
    for equation in equations:
        for piece in omml.linear(equation):
            equation.addprevious(_piece_run(piece))
        equation.getparent().remove(equation)
    for paragraph in map(Paragraph, displays, [None] * len(displays)):
        if paragraph.alignment is None:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    log.warning("%s: %s set in a line, in the linear form Word writes (p=F/S, x², √(x+1)), in %s: a fraction, a "
                "root or a power inside a power loses its layout; check them, or paste such an equation into Word as "
                "a picture", path,
                _counted(len(equations), "equation is", many="equations are", one="an"), _named(paragraphs))


def _paragraphs_of(elements: list) -> list:
    """The paragraphs ``elements`` are in, each once, in order."""
    return list(dict.fromkeys(paragraph for element in elements for paragraph in _xpath(element, "ancestor::w:p[1]")))


def _unfold_simple_fields(body) -> None:
    """A simple field (``w:fldSimple``) written as the complex field it is short for: mammoth
    reads a complex field's displayed result (and a HYPERLINK's link) but ignores a simple one,
    result and all, and a caption 图1 printed 图 and was not taken for a caption."""
    for field in _xpath(body, ".//w:fldSimple"):
        instruction = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
        instruction.text = field.get(qn("w:instr"))
        for part in (_field_char("begin"), _run(instruction), _field_char("separate"), *field,
                     _field_char("end")):
            field.addprevious(part)
        field.getparent().remove(field)


# A checkbox content control (开发工具 → 复选框内容控件) and whether it is ticked.
_CHECKBOX = ".//w:sdt[w:sdtPr/w14:checkbox]"
_TICKED = "./w:sdtPr/w14:checkbox/w14:checked[not(@w14:val='0' or @w14:val='false' or @w14:val='off')]"


def _write_checkboxes(stories: list) -> None:
    """A checkbox content control becomes its box as text, ■ ticked or □ not, as a task list's
    (:data:`.pandoc.TASK_BOXES`: Word's ☒ and ☐ are in no CJK font): mammoth read it as a form's
    checkbox, which a book keeps none of, and a checklist's 已核对借阅登记簿 no longer said whether
    it was."""
    for checkbox in (found for story in stories for found in _xpath(story, _CHECKBOX)):
        checkbox.addprevious(_run(TASK_BOXES[bool(_xpath(checkbox, _TICKED))]))
        checkbox.getparent().remove(checkbox)


# Word's table of contents (引用 → 目录): the building block it is inserted as, its heading
# (目录) and all, and the TOC field it holds, or one typed with no block round it (a table of
# figures, TOC \c "图", too).
_CONTENTS_BLOCK = ".//w:sdt[w:sdtPr/w:docPartObj/w:docPartGallery/@w:val='Table of Contents']"
_CONTENTS_FIELD = ".//w:instrText[starts-with(normalize-space(.), 'TOC')]"


def _leave_out_tables_of_contents(path: Path, body) -> None:
    """Word's table of contents is its headings as they were when it was last updated, with Word's
    page numbers: printed, its entries, stale or not, opened the article as body text, page numbers
    and all, and the book makes its own contents."""
    blocks = _xpath(body, _CONTENTS_BLOCK)
    for block in blocks:
        block.getparent().remove(block)
    # Looked up once the blocks are gone: the field in a block went with it, and the body's runs
    # are walked only for a field typed with no block round it.
    if fields := _xpath(body, _CONTENTS_FIELD):
        _leave_out_fields(body, lambda instruction: instruction.split()[:1] == ["TOC"])
    if blocks or fields:
        log.warning("%s: Word's table of contents (引用 → 目录) is left out: the book makes its own contents from "
                    "the headings, where Word's page numbers would be wrong", path)


def _leave_out_fields(body, chosen) -> None:
    """Take the complex fields whose instruction ``chosen`` is true of out of ``body``: their runs
    from the one that begins each to the one that ends it (the fields inside it, a TOC's PAGEREFs,
    too), and the paragraphs they were all of."""
    runs = _xpath(body, ".//w:r")
    fields: list[tuple[int, list[str]]] = []  # each open field's first run and instruction, innermost last
    gone: set = set()
    for index, run in enumerate(runs):
        kind = char.get(qn("w:fldCharType")) if (char := run.find(qn("w:fldChar"))) is not None else None
        if kind == "begin":
            fields.append((index, []))
        elif fields and (instruction := _xpath(run, "./w:instrText/text()")):
            fields[-1][1].extend(instruction)
        elif fields and kind == "end":
            start, instruction = fields.pop()
            if chosen("".join(instruction)):
                gone.update(runs[start:index + 1])
    paragraphs = _paragraphs_of(list(gone))
    for run in gone:
        holder = run.getparent()
        holder.remove(run)
        if holder.tag == qn("w:hyperlink") and not len(holder):
            holder.getparent().remove(holder)
    for paragraph in paragraphs:
        if not _xpath(paragraph, ".//w:r"):
            paragraph.getparent().remove(paragraph)


def _mark_ruby(document) -> None:
    """Each ruby's runs put in place of the run Word writes it in, base first, styled as
    :data:`_RUBY_STYLES` says: 漢(hàn), read as ``<ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>``."""
    rubies = _xpath(document.element.body, ".//w:ruby")
    for ruby in rubies:
        bases, texts = _xpath(ruby, "./w:rubyBase/w:r"), _xpath(ruby, "./w:rt/w:r")
        runs = [*_styled(bases[:1], "open"), *_styled(bases[1:], "base"), *_styled([_run("(")], "rp"),
                *_styled(texts, "rt"), *_styled([_run(")")], "rp")]
        holder = ruby.getparent()
        place = holder if holder.tag == qn("w:r") else ruby
        for run in reversed(runs):
            place.addnext(run)
        holder.remove(ruby)
        if place is holder and not _xpath(holder, "./*[not(self::w:rPr)]"):
            holder.getparent().remove(holder)
    if rubies:
        for name, _ in _RUBY_STYLES.values():
            document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER).style_id = _style_id(name)


def _styled(runs: list, part: str) -> list:
    """``runs`` given the character style of ``part`` of a ruby (:data:`_RUBY_STYLES`)."""
    for run in runs:
        run.get_or_add_rPr().style = _style_id(_RUBY_STYLES[part][0])
    return runs


def _style_id(name: str) -> str:
    return name.replace(" ", "-")


def _field_char(kind: str):
    return _run(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))


def _piece_run(piece: omml.Piece):
    """A run of an equation's ``piece``, raised or lowered as it is; a line break for a row's end."""
    if piece.text == omml.LINE_BREAK:
        return _run(OxmlElement("w:br"))
    run = _run(piece.text)
    run.get_or_add_rPr().style = _style_id(_EQUATION_STYLE[0])
    if piece.script:  # Word's vertAlign value, which python-docx sets by its name
        setattr(run.get_or_add_rPr(), piece.script, True)
    return run


def _run(content):
    """A run of ``content``: an element, or text."""
    run = OxmlElement("w:r")
    if isinstance(content, str):
        run.add_t(content)
    else:
        run.append(content)
    return run


def _unwrap(display) -> None:
    """Put a display's equations in its place, a line break between any two. Its properties
    (``m:oMathParaPr``, how Word justifies it) go with it: put in the paragraph with the rest, they
    were the first of its lines, and an empty one opened the display."""
    for index, equation in enumerate(_xpath(display, "./m:oMath")):
        if index:
            display.addprevious(_run(OxmlElement("w:br")))
        display.addprevious(equation)
    display.getparent().remove(display)


def _xpath(element, path: str) -> list:
    """``path`` from ``element`` with python-docx's prefixes, which the xpath of an element python-docx
    has no class for (``w:ins``, ``m:oMath``) does not know."""
    return _compiled(path)(element)


@cache
def _compiled(path: str) -> etree.XPath:
    return etree.XPath(path, namespaces=nsmap)


def _named(paragraphs: list) -> str:
    """The paragraphs, by their first words (an empty one, a chart's, by the text before it), for
    an editor to find them in Word; past the first few, their number."""
    names = ", ".join(_name(paragraph) for paragraph in paragraphs[:_NAMED])
    more = f" and {len(paragraphs) - _NAMED} more" if len(paragraphs) > _NAMED else ""
    return f"the paragraph{'s' if len(paragraphs) > 1 else ''} {names}{more}"


def _name(paragraph) -> str:
    if text := _text(paragraph):
        return _excerpt(text)
    before = next((text for earlier in reversed(_xpath(paragraph, "preceding::w:p")) if (text := _text(earlier))), "")
    return f"after {_excerpt(before)}" if before else "at the start"


def _text(paragraph) -> str:
    return "".join(_xpath(paragraph, ".//w:t/text()")).strip()


def _excerpt(text: str) -> str:
    return f"'{text[:_EXCERPT]}…'" if len(text) > _EXCERPT else f"'{text}'"


def _counted(number: int, kind: str, many: str = "", one: str = "") -> str:
    """``1 comment``, ``2 comments``; ``a chart`` where ``one`` says so."""
    if number == 1:
        return f"{one or 1} {kind}"
    return f"{number} {many or kind + 's'}"


def _prefixed(tag: str) -> str:
    """``w:ins`` for lxml's ``{namespace}ins``, a tag as :data:`_REVISIONS` names it."""
    return "w:" + tag.rpartition("}")[2]
