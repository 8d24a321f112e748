"""A Word document's structure as Word shows it: endnotes, note calls, headings by outline level,
the numbers Word gives headings and lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Pt, RGBColor

import paiban
from conftest import epub_text, epubcheck_messages, make_book, pdf_page_texts
from paiban.importer import plan_import
from paiban.sources import read_article

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{}s+xml"


def _note_call(paragraph, kind: str, number: int) -> None:
    """A call to footnote or endnote ``number``, superscript as Word writes it."""
    paragraph._p.append(parse_xml(f'<w:r {W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  f'<w:{kind}Reference w:id="{number}"/></w:r>'))


def _notes_part(document, kind: str, notes: list[str]) -> None:
    """Word's footnotes or endnotes part, holding ``notes`` (numbered from 1)."""
    body = "".join(f'<w:{kind} w:id="{number}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> '
                   f'{text}</w:t></w:r></w:p></w:{kind}>' for number, text in enumerate(notes, 1))
    xml = (f'<w:{kind}s {W}><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           f'</w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
           f'</w:r></w:p></w:{kind}>{body}</w:{kind}s>')
    part = Part(PackURI(f"/word/{kind}s.xml"), NOTES_TYPE.format(kind), xml.encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)


def _numbering(document, abstract: int, levels: list[tuple[str, str]], heading_styles: bool = False) -> int:
    """A numbering (its id, ``abstract``) whose levels are counted in ``levels``' (numFmt, lvlText);
    with ``heading_styles``, linked to Heading 1, 2 … as Word links a multilevel list to them."""
    numbering = document.part.numbering_part.element
    defined = "".join(f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{kind}"/>'
                      + (f'<w:pStyle w:val="Heading{level + 1}"/>' if heading_styles else "")
                      + f'<w:lvlText w:val="{text}"/></w:lvl>' for level, (kind, text) in enumerate(levels))
    numbering.insert(0, parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract}">{defined}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="{abstract}"><w:abstractNumId w:val="{abstract}"/></w:num>'))
    return abstract


def _numbered(paragraph, num_id: int, level: int = 0):
    paragraph._p.get_or_add_pPr().insert(0, parse_xml(
        f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def _read(document, tmp_path: Path, name: str = "文.docx"):
    document.save(tmp_path / name)
    return read_article(tmp_path / name, tmp_path)


def test_a_docx_endnote_is_a_note_numbered_with_the_footnotes_and_each_call_is_superscript_once(tmp_path):
    """An endnote was a stray list at the article's end, its call a bare [2]; and every call,
    superscript in its run and by mammoth, sat twice as high."""
    document = Document()
    document.add_paragraph("尾注", style="Title")
    _note_call(document.add_paragraph("第一句有尾注。"), "endnote", 1)
    _note_call(document.add_paragraph("第二句有脚注。"), "footnote", 1)
    _notes_part(document, "footnote", ["这是脚注。"])
    _notes_part(document, "endnote", ["这是尾注。"])
    assert _read(document, tmp_path).body == (
        '<p>第一句有尾注。<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup></p>'
        '<p>第二句有脚注。<sup class="footnote-ref"><a href="#fn2" id="fnref2">[2]</a></sup></p>'
        '<section class="footnotes"><ol class="footnotes-list">'
        '<li id="fn1" class="footnote-item"><p>这是尾注。 <a href="#fnref1" class="footnote-backref">↑</a></p></li>'
        '<li id="fn2" class="footnote-item"><p>这是脚注。 <a href="#fnref2" class="footnote-backref">↑</a></p></li>'
        '</ol></section>')


PROSE = ["山里的夜并不安静，风过松林是一种声音。", "有时半夜听见什么东西从屋后走过，", "第二天去看，雪地上一串梅花印。"]


def test_a_note_call_ending_a_docx_line_of_prose_does_not_make_it_a_poem(tmp_path):
    document = Document()
    document.add_paragraph("夜里的声音", style="Title")
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(24)
    for number, line in enumerate(PROSE):
        if number:
            paragraph.add_run().add_break()
        paragraph.add_run(line)
    _note_call(paragraph, "footnote", 1)
    _notes_part(document, "footnote", ["应是豹猫的足迹。"])
    body = _read(document, tmp_path).body
    assert "poem" not in body and body.startswith(f"<p>{PROSE[0]}<br/>")


def test_a_note_call_ending_a_markdown_line_of_prose_does_not_make_it_a_poem(tmp_path):
    (tmp_path / "a.md").write_text("# 夜里的声音\n\n" + "\\\n".join(PROSE) + "[^1]\n\n[^1]: 应是豹猫的足迹。\n",
                                   encoding="utf-8")
    body = read_article(tmp_path / "a.md", tmp_path).body
    assert "poem" not in body and "梅花印。<sup" in body


def test_docx_headings_by_a_styles_or_their_own_outline_level_are_headings(tmp_path):
    """A school's or WPS's 一级标题/二级标题 styles, and Word's 段落 › 大纲级别 set on a paragraph."""
    document = Document()
    styles = document.styles.element
    for style_id, name, level in (("a1", "一级标题", 0), ("a2", "二级标题", 1), ("a3", "小标题", None)):
        outline = f'<w:pPr><w:outlineLvl w:val="{level}"/></w:pPr>' if level is not None else ""
        based = '<w:basedOn w:val="a2"/>' if level is None else '<w:basedOn w:val="Normal"/>'
        styles.append(parse_xml(f'<w:style {W} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
                                f'<w:name w:val="{name}"/>{based}{outline}</w:style>'))
    document.add_paragraph("乡村教师手记", style=document.styles["一级标题"])
    document.add_paragraph("第一节　开学", style=document.styles["二级标题"])
    document.add_paragraph("九月一号，来了二十三个新生。")
    direct = document.add_paragraph("第二节　冬天")
    direct._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="1"/>'))
    document.add_paragraph("冬天教室里生炉子。")
    document.add_paragraph("第三节　春天", style=document.styles["小标题"])  # its base style's level
    document.add_paragraph("开春了。")
    article = _read(document, tmp_path)
    assert article.title == "乡村教师手记"
    assert article.body == ("<h3>第一节　开学</h3><p>九月一号，来了二十三个新生。</p><h3>第二节　冬天</h3>"
                            "<p>冬天教室里生炉子。</p><h3>第三节　春天</h3><p>开春了。</p>")


def test_a_docx_heading_whose_style_has_no_name_is_a_heading(tmp_path, caplog):
    """A style's name (w:name) is optional: a heading style without one, its level its outline
    level, was a TypeError traceback from the document's reading."""
    document = Document()
    document.styles.element.append(parse_xml(f'<w:style {W} w:type="paragraph" w:styleId="a1">'
                                             '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'))
    document.add_paragraph("乡村教师手记", style="Title")
    heading = document.add_paragraph("第一节　开学")
    heading._p.get_or_add_pPr().get_or_add_pStyle().val = "a1"
    document.add_paragraph("九月一号，来了二十三个新生。")
    assert _read(document, tmp_path).body == "<h3>第一节　开学</h3><p>九月一号，来了二十三个新生。</p>"
    assert not [record for record in caplog.records if record.levelname == "WARNING"]


def test_the_numbers_word_gives_docx_headings_are_kept_in_their_text(tmp_path):
    """A multilevel list linked to Heading 1 and 2 (一、 then （1）, counted again under each 一、)."""
    document = Document()
    document.add_paragraph("编号标题", style="Title")
    headings = _numbering(document, 80, [("chineseCounting", "%1、"), ("decimal", "（%2）")], heading_styles=True)
    for text, level in (("进山", 0), ("第一年", 1), ("第二年", 1), ("巡山", 0), ("那一年", 1)):
        _numbered(document.add_heading(text, level=level + 1), headings, level)
        document.add_paragraph("正文。")
    body = _read(document, tmp_path).body
    assert [line.partition("</h")[0] for line in body.split("<h")[1:]] == [
        "3>一、进山", "4>（1）第一年", "4>（2）第二年", "3>二、巡山", "4>（1）那一年"]


def test_docx_lists_counted_in_chinese_keep_their_numbers_in_the_epub_and_the_pdf(tmp_path):
    document = Document()
    document.add_paragraph("自动编号", style="Title")
    chinese = _numbering(document, 90, [("chineseCounting", "%1、")])
    stems = _numbering(document, 91, [("ideographTraditional", "%1.")])
    parenthesised = _numbering(document, 92, [("chineseCounting", "（%1）")])
    for num_id, items in ((chinese, ["还清书钱；", "带走杂志；", "拍一张合照。"]), (stems, ["子日", "丑日"]),
                          (parenthesised, ["先说原因", "再说办法"])):
        for item in items:
            _numbered(document.add_paragraph(item), num_id)
        document.add_paragraph("列表之后的正文。")
    root = make_book(tmp_path / "book", {})
    document.save(root / "编号.docx")
    outputs = {output.format: output.path for output in paiban.build(root, formats=["epub", "pdf"])}
    assert '<ol class="list-chinese"><li>还清书钱；</li>' in epub_text(outputs["epub"])
    assert '<ol class="list-heavenly-stem"><li>子日</li>' in epub_text(outputs["epub"])
    lines = [line.strip() for page in pdf_page_texts(outputs["pdf"]) for line in page.splitlines()]
    shown = {"一、还清书钱；", "三、拍一张合照。", "甲、子日", "乙、丑日", "（一）先说原因", "（二）再说办法"}
    assert shown <= set(lines)
    assert epubcheck_messages(outputs["epub"]) == []


def test_docx_lists_numbered_by_hand_keep_their_numbers_in_the_epub_and_the_pdf(tmp_path):
    """（1） 1、 ① typed by hand (a 公文's numbers, as WPS drafts have them) made a list printed
    1. 2.: the numbers as written were lost, and the 公文's levels could no longer be read."""
    document = Document()
    document.add_paragraph("手写编号", style="Title")
    for items in (["（3）纸质文件原件归档；", "（4）电子文件同时归档。"], ["1、先登记；", "2、再归档。"],
                  ["①清点", "②装盒"], ["1）不成列表", "2）照原样"], ["（1）另一种", "2、不相接"]):
        for item in items:
            document.add_paragraph(item)
        document.add_paragraph("列表之后的正文。")
    root = make_book(tmp_path / "book", {})
    document.save(root / "编号.docx")
    outputs = {output.format: output.path for output in paiban.build(root, formats=["epub", "pdf"])}
    text = epub_text(outputs["epub"])
    assert '<ol class="list-decimal-paren" start="3"><li>纸质文件原件归档；</li>' in text
    assert '<ol class="list-decimal-comma"><li>先登记；</li>' in text
    assert '<ol class="list-circled"><li>清点</li>' in text
    assert "<p>1）不成列表</p>" in text and "<p>2、不相接</p>" in text
    lines = [line.strip() for page in pdf_page_texts(outputs["pdf"]) for line in page.splitlines()]
    assert {"（3）纸质文件原件归档；", "（4）电子文件同时归档。", "1、先登记；", "2、再归档。", "① 清点", "② 装盒",
            "1）不成列表", "（1）另一种", "2、不相接"} <= set(lines)
    assert epubcheck_messages(outputs["epub"]) == []


def test_docx_sections_numbered_1_1_are_no_list_numbered_by_hand(tmp_path):
    """1.1 名称 then 2. 附则 were taken for 1. and 2. typed by hand: a list printed 1 名称 (its 1.
    taken off) and 附则, the section's number lost; so too with Word's 1. / 1.1 numbers written out."""
    document = Document()
    document.add_paragraph("章程", style="Title")
    for text in ("1. 总则", "1.1 名称", "2. 附则", "2.1 施行"):
        document.add_paragraph(text)
    outline = _numbering(document, 90, [("decimal", "%1."), ("decimal", "%1.%2")])
    for text, level in (("总则", 0), ("名称", 1), ("附则", 0)):
        _numbered(document.add_paragraph(text), outline, level)
    assert _read(document, tmp_path).body == ("<p>1. 总则</p><p>1.1 名称</p><p>2. 附则</p><p>2.1 施行</p>"
                                              "<p>1. 总则</p><p>1.1 名称</p><p>2. 附则</p>")


def test_word_numbered_questions_with_options_between_them_count_on_in_the_epub_and_the_pdf(tmp_path):
    """Word counts a list on past the paragraphs between its items (a question's options), 1. 2.
    3.; mammoth starts a list again after each, and every question was printed 1."""
    document = Document()
    document.add_paragraph("选择题", style="Title")
    for question, options in (("下列单位中，属于压强单位的是", "A．N　　B．Pa"),
                              ("下列现象中，属于升华的是", "A．霜　　B．雾"), ("水的沸点是多少摄氏度", "")):
        document.add_paragraph(question, style="List Number")
        document.add_paragraph(options)
    root = make_book(tmp_path / "book", {})
    document.save(root / "练习.docx")
    outputs = {output.format: output.path for output in paiban.build(root, formats=["epub", "pdf"])}
    text = epub_text(outputs["epub"])
    assert '<ol start="2"><li>下列现象中，属于升华的是</li></ol>' in text
    assert '<ol start="3"><li>水的沸点是多少摄氏度</li></ol>' in text and "paiban-count" not in text
    lines = [line.strip() for page in pdf_page_texts(outputs["pdf"]) for line in page.splitlines()]
    assert {"1. 下列单位中，属于压强单位的是", "2. 下列现象中，属于升华的是", "3. 水的沸点是多少摄氏度"} <= set(lines)
    assert epubcheck_messages(outputs["epub"]) == []


def test_a_word_list_counts_on_past_lists_of_options_and_starts_again_where_word_does(tmp_path):
    """Questions numbered %1．, each question's options a lettered list of its own between them,
    were 1. 1.; a list of another numbering right after them, or one Word starts over
    (lvlOverride/startOverride), starts again, and one under an item counts from 1 under each."""
    document = Document()
    document.add_paragraph("选择题", style="Title")
    questions = _numbering(document, 90, [("decimal", "%1．"), ("lowerLetter", "%2)")])
    first, second = (_numbering(document, num_id, [("upperLetter", "%1．")]) for num_id in (91, 92))
    another = _numbering(document, 93, [("decimal", "%1．")])
    document.part.numbering_part.element.append(parse_xml(
        f'<w:num {W} w:numId="94"><w:abstractNumId w:val="90"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    for text, num_id, level in (("压强的单位是", questions, 0), ("N", first, 0), ("Pa", first, 0),
                                ("减小压强的是", questions, 0), ("宽书包带", second, 0), ("尖图钉", second, 0),
                                ("第三题", questions, 0), ("小问甲", questions, 1), ("小问乙", questions, 1),
                                ("第四题", questions, 0), ("小问丙", questions, 1), ("另一列表", another, 0)):
        _numbered(document.add_paragraph(text), num_id, level)
    document.add_paragraph("第二组")
    _numbered(document.add_paragraph("重新编号"), 94)
    assert _read(document, tmp_path).body == (
        '<ol><li>压强的单位是</li></ol><ol class="list-upper-alpha"><li>N</li><li>Pa</li></ol>'
        '<ol start="2"><li>减小压强的是</li></ol><ol class="list-upper-alpha"><li>宽书包带</li><li>尖图钉</li></ol>'
        '<ol start="3"><li>第三题<ol class="list-lower-alpha-right-paren"><li>小问甲</li><li>小问乙</li></ol></li>'
        '<li>第四题<ol class="list-lower-alpha-right-paren"><li>小问丙</li></ol></li></ol>'
        '<ol><li>另一列表</li></ol><p>第二组</p><ol><li>重新编号</li></ol>')


def test_a_word_list_numbered_with_words_round_its_number_keeps_the_numbers_word_shows(tmp_path):
    """A 章程's articles numbered 第%1条 (chineseCounting) were a list printed 四、 五、 and imported
    as one: the articles' numbers, which cross references point at, were lost. Numbers no list
    counts so are written as Word shows them, every level of their list (its （%2）项 too), and the
    import writes them so; 1） is 1）, and a list whose second level shows 1.1 is written throughout."""
    document = Document()
    document.add_paragraph("示例章程", style="Title")
    articles = _numbering(document, 90, [("chineseCounting", "第%1条"), ("chineseCounting", "（%2）")])
    document.part.numbering_part.element.append(parse_xml(
        f'<w:num {W} w:numId="95"><w:abstractNumId w:val="{articles}"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>'))  # 第四条 on
    steps = _numbering(document, 91, [("decimal", "%1）")])
    outline = _numbering(document, 92, [("decimal", "%1."), ("decimal", "%1.%2")])
    for text, num_id, level in (("会员应当具备下列条件：", 95, 0), ("拥护本会的章程；", 95, 1),
                                ("有加入本会的意愿。", 95, 1), ("会员享有选举权。", 95, 0), ("提交申请", steps, 0),
                                ("领取证书", steps, 0), ("总则", outline, 0), ("名称", outline, 1)):
        _numbered(document.add_paragraph(text), num_id, level)
    document.save(source := tmp_path / "章程.docx")
    assert read_article(source, tmp_path).body == (
        "<p>第四条　会员应当具备下列条件：</p><p>（一）拥护本会的章程；</p><p>（二）有加入本会的意愿。</p>"
        "<p>第五条　会员享有选举权。</p><p>1）提交申请</p><p>2）领取证书</p><p>1. 总则</p><p>1.1 名称</p>")
    markdown = plan_import([source], make_book(tmp_path / "book", {}))[0].markdown
    assert "\n\n第四条　会员应当具备下列条件：\n\n（一）拥护本会的章程；\n\n" in markdown and "<ol" not in markdown


def test_a_word_list_item_deleted_as_a_tracked_change_is_not_counted(tmp_path):
    """A 章程's article deleted with 修订 on (its text and its paragraph mark deleted) was counted:
    its 第二条 ran into the next article's (第二条　第三条　…), and the items after it, of a list
    counted by a list too, were a number out (1. 2. 4.)."""
    document = Document()
    document.add_paragraph("读书会章程", style="Title")
    articles = _numbering(document, 90, [("chineseCounting", "第%1条")])
    steps = _numbering(document, 91, [("decimal", "%1.")])
    change = 'w:author="审稿人" w:date="2024-05-01T10:00:00Z"'
    for text, num_id, gone in (("本会定名为青石读书会。", articles, False),
                               ("本会每年收取会费一百元。", articles, True),
                               ("本会每月举办一次读书活动。", articles, False),
                               ("签到。", steps, False), ("缴费。", steps, True), ("自由讨论。", steps, False)):
        paragraph = _numbered(document.add_paragraph(), num_id)
        if gone:
            paragraph._p.pPr.append(parse_xml(f'<w:rPr {W}><w:del w:id="1" {change}/></w:rPr>'))
            paragraph._p.append(parse_xml(f'<w:del {W} w:id="2" {change}><w:r><w:delText>{text}</w:delText></w:r>'
                                          '</w:del>'))
        else:
            paragraph.add_run(text)
    assert _read(document, tmp_path).body == (
        "<p>第一条　本会定名为青石读书会。</p><p>第二条　本会每月举办一次读书活动。</p>"
        "<ol><li>签到。</li><li>自由讨论。</li></ol>")


def test_words_1_and_1_1_list_written_out_is_not_read_again_as_numbers_typed_by_hand(tmp_path):
    """Word's built-in 1. / 1.1. list, its numbers written out, had its 1. 2. 3. read again as numbers
    typed by hand: a list of 1. to 3., then 3.1. and 3.2. as paragraphs, then a list from 4., one
    list printed two ways. A number typed by hand beside it is still one."""
    document = Document()
    document.add_paragraph("工作安排", style="Title")
    outline = _numbering(document, 90, [("decimal", "%1."), ("decimal", "%1.%2.")])
    for text, level in (("制定方案", 0), ("组织培训", 0), ("开展检查", 0), ("检查范围", 1), ("检查方式", 1),
                        ("总结评估", 0), ("形成报告", 0)):
        _numbered(document.add_paragraph(text), outline, level)
    for text in ("1. 手写一", "2. 手写二"):
        document.add_paragraph(text)
    assert _read(document, tmp_path).body == (
        "<p>1. 制定方案</p><p>2. 组织培训</p><p>3. 开展检查</p><p>3.1. 检查范围</p><p>3.2. 检查方式</p>"
        "<p>4. 总结评估</p><p>5. 形成报告</p><ol><li>手写一</li><li>手写二</li></ol>")


def test_a_paragraph_of_a_word_list_that_shows_no_number_leaves_its_list_a_list(tmp_path):
    """A list level Word shows no number at (numFmt none, or no lvlText: an unnumbered paragraph
    under an item) had its list written out, 1. a paragraph, the items after it a list again from
    2.; and as a list's item it was printed 1. It is a paragraph, which the list counts on past, as
    a question's options are; in a list written out (第%1条) too, with no number written."""
    document = Document()
    document.add_paragraph("工作安排", style="Title")
    none = _numbering(document, 90, [("decimal", "%1."), ("none", "")])
    empty = _numbering(document, 91, [("decimal", "%1、"), ("decimal", "")])
    articles = _numbering(document, 92, [("chineseCounting", "第%1条"), ("none", "")])
    for text, num_id, level in (("第一项在三月。", none, 0), ("这一项的补充说明。", none, 1),
                                ("第二项在四月。", none, 0), ("第三项在五月。", none, 0), ("先登记", empty, 0),
                                ("登记的说明", empty, 1), ("再归档", empty, 0), ("本会名称。", articles, 0),
                                ("名称的说明。", articles, 1), ("本会宗旨。", articles, 0)):
        _numbered(document.add_paragraph(text), num_id, level)
    root = make_book(tmp_path / "book", {})
    document.save(root / "安排.docx")
    assert read_article(root / "安排.docx", tmp_path).body == (
        '<ol><li>第一项在三月。</li></ol><p>这一项的补充说明。</p><ol start="2"><li>第二项在四月。</li>'
        '<li>第三项在五月。</li></ol><ol class="list-decimal-comma"><li>先登记</li></ol><p>登记的说明</p>'
        '<ol class="list-decimal-comma" start="2"><li>再归档</li></ol>'
        '<p>第一条　本会名称。</p><p>名称的说明。</p><p>第二条　本会宗旨。</p>')
    outputs = {output.format: output.path for output in paiban.build(root, formats=["epub", "pdf"])}
    lines = [line.strip() for page in pdf_page_texts(outputs["pdf"]) for line in page.splitlines()]
    assert {"1. 第一项在三月。", "这一项的补充说明。", "2. 第二项在四月。", "3. 第三项在五月。", "1、先登记",
            "登记的说明", "2、再归档", "名称的说明。"} <= set(lines)
    assert epubcheck_messages(outputs["epub"]) == []


def test_a_word_list_of_a_over_1_is_a_list_in_a_list_printed_as_word_shows_it(tmp_path):
    """GB/T 1.1's 列项, Word's a) over 1) (%1) lowerLetter, %2) decimal): no list counted 1), so every
    number was written into a paragraph of its own, all at one indent, the 1) items read as the main
    list's. They are a list of a) items, c) holding the list of its 1) items, indented under it."""
    document = Document()
    document.add_paragraph("列项", style="Title")
    items = _numbering(document, 90, [("lowerLetter", "%1)"), ("decimal", "%2)")])
    for text, level in (("电源电压为额定电压；", 0), ("环境温度为23 ℃；", 0), ("储水器已连续运行不少于：", 0),
                        ("2 h，对小容积储水器；", 1), ("4 h，对其他储水器。", 1)):
        _numbered(document.add_paragraph(text), items, level)
    root = make_book(tmp_path / "book", {})
    document.save(root / "列项.docx")
    outputs = {output.format: output.path for output in paiban.build(root, formats=["epub", "pdf"])}
    assert ('<ol class="list-lower-alpha-right-paren"><li>电源电压为额定电压；</li><li>环境温度为23 ℃；</li>'
            '<li>储水器已连续运行不少于：<ol class="list-decimal-right-paren"><li>2 h，对小容积储水器；</li>'
            '<li>4 h，对其他储水器。</li></ol></li></ol>') in epub_text(outputs["epub"])
    lines = [line for page in pdf_page_texts(outputs["pdf"]) for line in page.splitlines()]
    indent = {line.strip()[:2]: len(line) - len(line.lstrip()) for line in lines if line.strip()[1:2] == ")"}
    assert indent.keys() == {"a)", "b)", "c)", "1)", "2)"}, lines
    assert indent["a)"] == indent["b)"] == indent["c)"] < indent["1)"] == indent["2)"]
    assert epubcheck_messages(outputs["epub"]) == []


def test_a_word_lists_deeper_level_is_a_list_in_the_item_above_it_when_both_are_counted_otherwise(tmp_path):
    """一、 over （一）, each level counted by a class: the （一） items were a list of their own, in
    an item of no text printed 1., and the 一、 list began again after them."""
    document = Document()
    document.add_paragraph("要求", style="Title")
    items = _numbering(document, 90, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    for text, level in (("总则", 0), ("范围", 1), ("用语", 1), ("附则", 0)):
        _numbered(document.add_paragraph(text), items, level)
    assert _read(document, tmp_path).body == (
        '<ol class="list-chinese"><li>总则<ol class="list-chinese-paren"><li>范围</li><li>用语</li></ol></li>'
        '<li>附则</li></ol>')


def test_a_word_list_its_paragraph_style_numbers_is_a_list(tmp_path):
    """A style that numbers its paragraphs (its own w:numPr, as a template's 列表 style has): mammoth
    reads no numbering a style sets, and the items were paragraphs, their numbers lost."""
    document = Document()
    document.add_paragraph("步骤", style="Title")
    steps = _numbering(document, 90, [("decimal", "%1.")])
    style = document.styles.add_style("步骤列表", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:numId w:val="{steps}"/></w:numPr>'))
    for text in ("打开", "关闭"):
        document.add_paragraph(text, style="步骤列表")
    assert _read(document, tmp_path).body == "<ol><li>打开</li><li>关闭</li></ol>"


def test_two_lists_of_different_numbers_side_by_side_stay_two_lists():
    """mammoth joins Word's 1. 2. and the 一、二、 list right after it into one list, which was then
    counted 一 to 四, in the second list's numbers."""
    from lxml import html

    from paiban.sources.docx_structure import classify_lists, drop_marks

    chinese = '<a id="paiban-kind-chinese"></a>'  # each item's kind of number, as mammoth writes its mark
    root = html.fragment_fromstring(f'<ol><li>甲</li><li>乙</li><li>{chinese}丙</li><li>{chinese}丁</li><li>戊</li>'
                                    '</ol>后文', create_parent="div")
    classify_lists(root)
    drop_marks(root)
    assert html.tostring(root, encoding="unicode") == (
        '<div><ol><li>甲</li><li>乙</li></ol><ol class="list-chinese"><li>丙</li><li>丁</li></ol>'
        '<ol><li>戊</li></ol>后文</div>')


def _typed(document, text: str, size: int | None = None, bold: bool = False, centred: bool = False):
    """A paragraph whose type is set by hand, as a contributor sets a headline: its run ``size`` points, bold."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(size) if size else None
    run.bold = bold or None
    if centred:
        paragraph.alignment = 1  # WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _typed_by_hand(heads: int = 16, body: int = 12):
    """A contributor's story: a 22 pt bold centred headline, section heads of ``heads`` and a
    smaller one, no Heading style anywhere."""
    document = Document()
    _typed(document, "城南旧巷的一个秋天", 22, bold=True, centred=True)
    _typed(document, "这是为测试写的一段文字，说的是一条巷子。", body)
    _typed(document, "一、巷口", heads, bold=True)
    _typed(document, "巷口有一棵老槐树，夏天的时候树荫很大。", body)
    _typed(document, "孩子们放学以后也在这里玩。", body)
    _typed(document, "二、巷尾", heads, bold=True)
    _typed(document, "巷尾是一家小面馆，开了二十多年。", body)
    _typed(document, "面馆的店主", 14)
    _typed(document, "店主每天早上五点起来和面。", body)
    return document


def test_a_docx_headline_and_heads_set_only_in_larger_type_are_its_title_and_headings(tmp_path):
    """No Heading style: the headline was a bold paragraph under a title made of the file's name,
    the section heads bold text. Their sizes are their levels; a heading's whole bold goes (the
    theme sets headings' weight)."""
    article = _read(_typed_by_hand(), tmp_path)
    assert article.title == "城南旧巷的一个秋天"
    assert article.body == ("<p>这是为测试写的一段文字，说的是一条巷子。</p><h3>一、巷口</h3>"
                            "<p>巷口有一棵老槐树，夏天的时候树荫很大。</p><p>孩子们放学以后也在这里玩。</p>"
                            "<h3>二、巷尾</h3><p>巷尾是一家小面馆，开了二十多年。</p><h4>面馆的店主</h4>"
                            "<p>店主每天早上五点起来和面。</p>")


def test_a_docx_headline_at_the_texts_size_is_one_when_bold_and_centred(tmp_path):
    document = Document()
    _typed(document, "巷子里的秋天", bold=True, centred=True)
    _typed(document, "本文是为测试写的一段文字。")
    _typed(document, "短短的一句", bold=True)  # bold at the text's size, not centred: text
    _typed(document, "又是一段文字。")
    article = _read(document, tmp_path)
    assert article.title == "巷子里的秋天"
    assert article.body == "<p>本文是为测试写的一段文字。</p><p><strong>短短的一句</strong></p><p>又是一段文字。</p>"


def test_larger_docx_paragraphs_that_are_sentences_or_list_items_or_in_a_styled_document_stay_text(tmp_path):
    document = Document()
    _typed(document, "这是一句放大的话。", 22, bold=True)  # a sentence
    _typed(document, "正文一段。")
    _numbered(_typed(document, "放大的列表项", 16), _numbering(document, 70, [("decimal", "%1.")]))
    _typed(document, "正文二段。")
    _typed(document, "正文三段。")
    assert "<h" not in (article := _read(document, tmp_path)).body and article.title == "文"
    styled = _typed_by_hand()
    styled.add_heading("附记", level=2)  # one Heading style: the author's styles say what the headings are
    styled.add_paragraph("写于秋天。")
    article = _read(styled, tmp_path, "有样式.docx")
    assert article.title == "有样式" and article.body.count("<h") == 1 and "<h3>附记</h3>" in article.body


def test_larger_docx_lines_that_are_no_heads_stay_as_they_were(tmp_path):
    """Read by size alone, an essay's author line (14 pt under the title), a letter's signature and
    date set flush right, a table's caption, an epigraph's lines, an interview's questions and a
    label above the headline (内部资料, the headline then a section head) became headings."""
    document = Document()
    _typed(document, "内部资料", bold=True, centred=True)
    _typed(document, "关于年度工作安排的报告", 22, bold=True, centred=True)
    _typed(document, "高二（3）班　王小明", 14, centred=True)
    _typed(document, "这是正文的第一段，说明报告的来由。", 12)
    for line in ("春风又绿江南岸", "明月何时照我还"):  # an epigraph, a line after a line
        _typed(document, line, 14)
    _typed(document, "这是正文的第二段。", 12)
    _typed(document, "您是怎么开始种花的？", 14, bold=True)
    _typed(document, "小时候跟着外婆种。", 12)
    _typed(document, "表1　各组借书数量", 14, bold=True, centred=True)
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "一组"
    _typed(document, "一、今后的安排", 16, bold=True)  # a head after all this
    _typed(document, "这是正文的第三段。", 12)
    _typed(document, "这是正文的第四段。", 12)
    _typed(document, "这是正文的第五段。", 12)
    _typed(document, "这是正文的第六段。", 12)
    signature = _typed(document, "育才中学高二年级组", 14)
    signature.alignment = 2  # WD_ALIGN_PARAGRAPH.RIGHT
    _typed(document, "这是正文的最后一段。", 12)
    _typed(document, "2024年6月1日", 14)  # nothing after it
    article = _read(document, tmp_path)
    assert article.title == "文" and article.body.count("<h") == 1 and "<h3>一、今后的安排</h3>" in article.body
    assert "<caption" in article.body


def test_a_docx_mastheads_title_on_two_lines_is_one_and_a_gongwens_issuer_is_none(tmp_path):
    """A long title typed on two lines (Enter) kept its first half; a 公文's 发文机关标志 (……文件, its
    largest line) or a red one was taken for the title, and the real title became a section head."""
    document = Document()
    for line in ("关于进一步做好社区读书月", "活动组织保障工作的通知"):
        _typed(document, line, 22, bold=True, centred=True)
    _typed(document, "各居民小组：为做好本年度读书月活动，现将有关事项通知如下。", 16)
    assert _read(document, tmp_path).title == "关于进一步做好社区读书月活动组织保障工作的通知"
    for issuer, colour in (("青禾市社区服务中心文件", None), ("青禾市社区服务中心", "FF0000")):
        document = Document()
        _typed(document, issuer, 36, centred=True).runs[0].font.color.rgb = colour and RGBColor.from_string(colour)
        _typed(document, "青社服〔2024〕7号", 16, centred=True)
        _typed(document, "关于开展社区读书月活动的通知", 22, centred=True)
        _typed(document, "各居民小组：为做好本年度读书月活动，现将有关事项通知如下。", 16)
        article = _read(document, tmp_path, "公文.docx")
        assert (article.title, article.body.count("<h")) == ("关于开展社区读书月活动的通知", 0), issuer
        centred = '<p class="align-center">'
        assert article.body.startswith(f"{centred}{issuer}</p>{centred}青社服〔2024〕7号</p>")


@pytest.mark.parametrize("above", [["附件1"], ["附件2："], ["青禾市社区服务中心文件", "机密 加急", "签发人：李四"],
                                   ["000123", "秘密★1年", "特急", "青社服〔2024〕7号　签发人：张三"]])
def test_a_gongwens_title_under_what_gb_9704_sets_above_it_is_its_title(tmp_path, above):
    """An attachment's 附件1, or a 公文's 份号, 密级, 紧急程度, 发文字号 or 签发人 above its title left
    it a paragraph in the text's size, the article titled after its file name. They stay paragraphs."""
    document = Document()
    for line in above:
        _typed(document, line, 16)
    _typed(document, "社区读书月活动安排表", 22, centred=True)
    _typed(document, "各居民小组：为做好本年度读书月活动，现将有关事项通知如下。", 16)
    article = _read(document, tmp_path, "公文.docx")
    assert article.title == "社区读书月活动安排表"
    assert [paragraph.partition("</p>")[0] for paragraph in article.body.split("<p>")[1:len(above) + 1]] == above


def test_a_gongwens_title_in_words_title_style_under_its_issuer_is_its_title(tmp_path):
    """A 公文 whose title has Word's Title style under its 红头 and 发文字号: it was no title (the
    document did not open with it), and printed as a heading of the text."""
    document = Document()
    _typed(document, "青禾市社区服务中心文件", 36).runs[0].font.color.rgb = RGBColor.from_string("FF0000")
    _typed(document, "青社服〔2024〕7号", 16)
    document.add_paragraph("关于开展社区读书月活动的通知", style="Title")
    _typed(document, "各居民小组：为做好本年度读书月活动，现将有关事项通知如下。", 16)
    article = _read(document, tmp_path, "公文.docx")
    assert (article.title, article.body.count("<h")) == ("关于开展社区读书月活动的通知", 0)
    assert article.body.startswith("<p>青禾市社区服务中心文件</p><p>青社服〔2024〕7号</p>")


@pytest.mark.parametrize(("headline", "colour"), [("如何整理电子文件", None), ("红色的题目", "C00000")])
def test_a_headline_in_colour_or_ending_in_wenjian_leaves_its_subtitle_no_title(tmp_path, headline, colour):
    """Passed over as a 公文's 红头 without a 发文字号 under it, a red headline (or one ending 文件)
    would leave its subtitle to be taken for the title."""
    document = Document()
    _typed(document, headline, 22, centred=True).runs[0].font.color.rgb = colour and RGBColor.from_string(colour)
    _typed(document, "——一位档案员的经验", 16, centred=True)
    _typed(document, "这是正文的第一段，说明事情的来由。", 12)
    assert _read(document, tmp_path).title == "文"


@pytest.mark.parametrize("size", [22, 16])
def test_a_docx_subtitle_under_a_headline_set_by_hand_is_its_subtitle_not_its_titles_second_line(tmp_path, size):
    """A subtitle set at the headline's size was joined to the title as its second line, and one set
    smaller was the text's first paragraph."""
    document = Document()
    _typed(document, "扎根山村三十年的乡村教师", 22, bold=True, centred=True)
    _typed(document, "——记青川市北坡小学教师林秋", size, centred=True)
    _typed(document, "清晨六点，林秋已经站在学校门口，等着孩子们走进校园。", 12)
    article = _read(document, tmp_path)
    assert (article.title, article.subtitle) == ("扎根山村三十年的乡村教师", "——记青川市北坡小学教师林秋")
    assert article.body == "<p>清晨六点，林秋已经站在学校门口，等着孩子们走进校园。</p>"


def test_larger_docx_lines_quoted_trailing_off_or_spoken_are_no_heads(tmp_path):
    """A pull quote, a closing line trailing off (……), an English sentence, an epigraph's source
    (——题记) and an interviewer's question without its ？ (记者：……), set larger, became headings."""
    document = Document()
    _typed(document, "这是正文的第一段，说明事情的来由。", 12)
    for line in ("“读书使人充实”", "书页之间……", "We did it together.", "——写在毕业之际", "记者：说说今后的打算吧"):
        _typed(document, line, 14, bold=True)
        _typed(document, "这是一段正文，接着往下写。", 12)
        _typed(document, "这又是一段正文，也接着往下写。", 12)  # (heads fewer than one paragraph in three)
    _typed(document, "一、真正的小标题", 14, bold=True)
    _typed(document, "这是最后一段正文。", 12)
    body = _read(document, tmp_path).body
    assert body.count("<h") == 1 and "<h3>一、真正的小标题</h3>" in body


def test_a_docx_head_right_above_its_first_sub_head_is_a_head_and_so_is_the_sub_head(tmp_path):
    """A paper's 2 研究方法 right above 2.1 数据来源 was neither (each beside another larger line), and
    2.2 stood under 1 引言 as its sub-head."""
    document = Document()
    _typed(document, "社区阅读行为研究", 22, bold=True, centred=True)
    _typed(document, "本文讨论社区图书的流转，以及读者借阅的习惯。", 12)
    for heads in (["1 引言"], ["2 研究方法", "2.1 数据来源"], ["2.2 分析框架"], ["3 结论"]):
        for head in heads:
            _typed(document, head, 14 if "." in head else 16, bold=True)
        for number in range(3):
            _typed(document, f"正文第{number}段，写得完整一些。", 12)
    body = _read(document, tmp_path).body
    assert [line.partition("</h")[0] for line in body.split("<h")[1:]] == [
        "3>1 引言", "3>2 研究方法", "4>2.1 数据来源", "4>2.2 分析框架", "3>3 结论"]


def test_a_docx_set_in_many_sizes_has_no_headings_by_size(tmp_path):
    """More larger paragraphs than one in three: a document set in sizes freely, not one with heads."""
    document = Document()
    for size, text in ((12, "第一段话"), (16, "大一点的话"), (12, "第二段话"), (18, "再大一点"), (12, "第三段话")):
        _typed(document, text, size)
    assert "<h" not in _read(document, tmp_path).body


@pytest.mark.parametrize(("text_size", "title"), [(21, "巷子里的秋天"), (44, "文")])
def test_docx_sizes_come_from_styles_and_the_documents_defaults(tmp_path, text_size, title):
    """A headline style of the school's own (大标题, 22 pt, no outline level) is larger than text
    set at the size the document's defaults give (五号, 10.5 pt), not than text as large as it."""
    document = Document()
    document.styles.element.append(parse_xml(
        f'<w:style {W} w:type="paragraph" w:customStyle="1" w:styleId="big"><w:name w:val="大标题"/>'
        '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="44"/></w:rPr></w:style>'))
    document.styles.element.find("{*}docDefaults/{*}rPrDefault/{*}rPr/{*}sz").set(f"{{{W[9:-1]}}}val", str(text_size))
    document.add_paragraph("巷子里的秋天", style=document.styles["大标题"])
    document.add_paragraph("本文是为测试写的一段文字。")
    assert _read(document, tmp_path).title == title
