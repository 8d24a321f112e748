"""A Word document made for the tests with python-docx: what authors send in, footnotes included.

python-docx has no footnote API, so the footnotes part is added as OOXML, the way Word writes it.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Cm

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTE = '<w:footnote w:id="{id}"><w:p><w:r><w:footnoteRef/></w:r>{runs}</w:p></w:footnote>'
NOTES = {1: "这里的数字是作者自己记录的。", 2: "数据来自社区的公告栏。"}


def write_sample_docx(path: Path, image: Path) -> Path:
    """A .docx with a title, headings, emphasis, a real and a typed list, a table, an image and two footnotes."""
    document = Document()
    document.add_heading("社区书屋的一年", level=0)
    first = document.add_paragraph("\u3000\u3000去年春天，社区在活动中心的二楼开了一间小书屋。")
    _add_footnote_reference(first, 1)
    document.add_paragraph("")
    document.add_paragraph("\u3000\u3000")
    document.add_heading("书从哪里来", level=1)
    paragraph = document.add_paragraph("书架上的书大多是居民捐的，")
    paragraph.add_run("每一本").bold = True
    paragraph.add_run("都贴着捐书人写的小纸条，")
    paragraph.add_run("读起来很有意思").italic = True
    paragraph.add_run("。")
    document.add_paragraph("第一批图书一共有三类：")
    for item in ("儿童绘本", "历史读物", "菜谱和园艺书"):
        document.add_paragraph(item, style="List Bullet")
    document.add_heading("怎么借书", level=1)
    for item in ("1. 在前台登记姓名；", "2. 每次最多借两本；", "3. 两周内归还。"):
        document.add_paragraph(item)
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, (("月份", "借出册数"), ("一月", "120"), ("二月", "95")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_picture(str(image), width=Cm(4))
    document.inline_shapes[0]._inline.docPr.set("descr", "书屋的书架")
    last = document.add_paragraph("到了年底，书屋已经有了一千多本书。")
    _add_footnote_reference(last, 2)
    add_footnotes(document, {number: f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r>'
                             for number, text in NOTES.items()})
    document.save(path)
    return path


def _add_footnote_reference(paragraph, number: int) -> None:
    paragraph._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:footnoteReference w:id="{number}"/></w:r>'))


def add_footnotes(document, runs: dict[int, str]) -> None:
    """Word's footnotes part, holding a note of each number of ``runs``, its text the OOXML given it."""
    notes = "".join(FOOTNOTE.format(id=number, runs=xml) for number, xml in runs.items())
    xml = (f'<w:footnotes xmlns:w="{W}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
           f'</w:r></w:p></w:footnote>{notes}</w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
