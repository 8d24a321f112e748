"""A title that keeps part of its markup: ``# 标题里的[后台]{.no-convert}``, ``# 论*Hamlet*的译本``.

A title is plain text wherever it is listed (the nav, the contents, bookmarks, running heads:
``Article.title``), but its own heading prints it as written: a part marked no-convert must
come through an edition's conversion as written, and be drawn with its own region's fonts, and
an emphasis (em, strong, i, b) is set as the body sets one (a Latin em or i italic: ``em.latin``),
and code (``# 配置`软件包`目录``) as code, never converted, as the body's is not.
So a reader that can mark such parts hands over the title's markup; :func:`kept_markup` reduces
it to its text, its emphasis, its code and its no-convert spans (``title_markup``), which an
edition converts as it converts a body, and the plain title is that fragment's text (:func:`plain`).
A link in a title keeps its text: a heading is no place for one. A superscript or a subscript
(``10<sup>3</sup>``, ``H<sub>2</sub>O``) is kept too: its text alone would read 103 and H2O. So is
a 古籍's commentary set smaller after its title (``山經第一<small>郭氏傳</small>``): run in at the
title's size, the attribution read as the title's; a list of titles has its text alone.
In plain text it is written out (:func:`plain`, :func:`outlined`). So is ruby (a children's
edition's ``<ruby>静<rt>jìng</rt></ruby>夜思``): its heading and the contents print it as the body
does, and a title in text alone is its base, 静夜思, its readings left out (its text alone read
静jìng夜思).

The book's own title, subtitle and names, written in book.toml, are text: a phrase of them is
tagged with its language as a heading's is, ``[Zoë’s Garden]{lang=en}`` (:func:`untagged`,
:func:`tagged_phrases`), and printed in its face, its language told (``Metadata.runs``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from lxml import etree

from . import patterns
from .numerals import HEADING, SEPARATOR
from .punctuation import pair_marks_across, headline, mark_latin_emphasis
from .xhtml import NO_CONVERT, clean_fragment, drop, edit, map_paragraphs_in, map_text_in, text_of

# What a kept span is called while every other element of the title is unwrapped.
_KEPT = "paiban-kept"
# The emphasis a title's heading prints as the body does.
_EMPHASIS = ("em", "strong", "i", "b")
# Code and its kin in a line of text (the inline ones of VERBATIM): set as code, and left as
# written by an edition's conversion, in the heading and wherever the title's text is shown.
_CODE = ("code", "kbd", "samp", "var")
# Superscript and subscript, kept wherever the title's markup is (its heading, the contents, the nav),
# and in its plain text written with the mark TeX and AsciiMath read them by (10^3, H_2O).
_SCRIPTS = {"sup": "^", "sub": "_"}
# Ruby, its readings and their parentheses: kept where the title's markup is, but the EPUB's
# navigation, whose entries a reading system shows as text; a title in text alone reads its base.
_RUBY = ("ruby", "rt", "rp")
_READINGS = ("rt", "rp")
# Smaller type: a title's commentary or attribution (山經第一<small>郭氏傳</small>), its heading's only.
_SMALL = ("small",)
_KEPT_TAGS = (*_EMPHASIS, *_CODE, *_SCRIPTS, *_RUBY, *_SMALL)
# A phrase of book.toml's title, subtitle or a name tagged with its language: [Zoë’s Garden]{lang=en}.
_TAGGED = re.compile(r"\[([^\[\]\n]+)\]\{lang=([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\}")
# The characters Unicode has as superscripts and subscripts (the few letters aside).
_UNICODE_SCRIPTS = {"sup": str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ"),
                    "sub": str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")}


def kept_markup(markup: str, source: Path) -> str | None:
    """The title ``markup`` as its text, its emphasis, its code, its superscripts and subscripts, its
    ruby, its no-convert spans and those tagged with a language (each with its ``lang``: an edition may
    keep it as written), sanitised and mended as :func:`~paiban.punctuation.headline` mends a
    plain title; ``None`` when it keeps no element:
    the plain title says all there is to say.

    Markup of text alone (no ``<``: a reader's escapes hold none) keeps no element and is not
    sanitised again: that took 0.09 ms a title, 0.1 s of a 1,105-article book's cold EPUB, whose
    titles are all plain. (A Markdown title is sanitised as it is read.)"""
    if "<" not in markup:
        return None

    def keep(root: etree._Element) -> None:
        marked = [element for element in root.iter() if element is not root
                  and (NO_CONVERT in (element.get("class") or "").split()
                       or (element.get("lang") and element.tag not in _KEPT_TAGS))]
        for span in marked:  # an outer one first: what it holds but emphasis, a span inside it too, is text
            etree.strip_tags(span, *{element.tag for element in span.iter() if element is not span} - set(_KEPT_TAGS))
            lang, kept = span.get("lang"), NO_CONVERT in (span.get("class") or "").split()
            span.attrib.clear()
            if kept:
                span.set("class", NO_CONVERT)
            if lang:
                span.set("lang", lang)
            span.tag = _KEPT
        for kept in list(root.iter(*_KEPT_TAGS)):  # a web page's icon (<i class="fa">) says nothing
            if "".join(kept.itertext()).strip():
                kept.attrib.clear()
            else:
                drop(kept)
        etree.strip_tags(root, *{element.tag for element in root.iter() if element is not root}
                         - {_KEPT, *_KEPT_TAGS})
        for span in root.iter(_KEPT):
            span.tag = "span"
        mark_latin_emphasis(root)
        map_paragraphs_in(root, pair_marks_across)
        map_text_in(root, headline)

    fragment = clean_fragment(markup, source, keep)
    return fragment if "<" in fragment and plain(fragment) else None


def listed(markup: str) -> str:
    """A title's markup as the contents lists it: its no-convert spans (their ``lang`` draws them
    in their region's glyphs) and its ruby, not the emphasis, code and smaller type its heading
    prints (their text, as the edition has it: code's as written)."""
    return edit(markup, lambda root: etree.strip_tags(root, *_EMPHASIS, *_CODE, *_SMALL))


def navigated(markup: str) -> str:
    """A title's markup as the EPUB's navigation lists it: as the contents do (:func:`listed`), its
    ruby aside: a reading system shows the entries as text, the readings run into the base
    (静jìng夜yè思sī), and the nav lists the base alone."""
    return edit(listed(markup), _without_readings) if "<ruby" in markup else listed(markup)


def _without_readings(root: etree._Element) -> None:
    """A title's ruby as its base alone: its readings and their parentheses left out."""
    etree.strip_elements(root, *_READINGS, with_tail=False)
    etree.strip_tags(root, "ruby")


def plain(markup: str) -> str:
    """A title's plain text from its markup: what the book's own fonts draw of it (a running head,
    a document's title), and what is checked for glyphs. Ruby is its base alone. A superscript is written ``^3`` and a
    subscript ``_2`` (10^3, H_2O), not run into the digits before them (103, H2O); not as
    Unicode's ³ or ₂, which a font must have: Noto CJK has no ₂ (U+2082)."""
    return _text(markup, lambda tag, text: _SCRIPTS[tag] + text)


def outlined(markup: str) -> str:
    """A title's plain text where the reader's own fonts draw it, not the book's: the NCX of older
    reading systems, the PDF's bookmarks. A superscript or subscript all of whose characters
    Unicode has as one is written so (10³, H₂O), as a reader sees it in the heading; else as
    :func:`plain` writes it (x^k: Unicode has no superscript k). The reader's fonts, a system's
    (a PDF viewer's, a reading system's), have these; the book's may not."""
    def written(tag: str, text: str) -> str:
        scripted = text.translate(_UNICODE_SCRIPTS[tag])
        unicode_has_all = all(a != b for a, b in zip(scripted, text, strict=True))
        return scripted if unicode_has_all else _SCRIPTS[tag] + text
    return _text(markup, written)


def _text(markup: str, write) -> str:
    """``markup``'s text, each superscript and subscript as ``write(tag, its text)`` puts it, its
    ruby's base without the readings."""
    if "<su" not in markup and "<ruby" not in markup:
        return text_of(markup).strip()

    def written(root: etree._Element) -> None:
        _without_readings(root)
        for script in list(root.iter(*_SCRIPTS)):
            text = "".join(script.itertext())
            script[:] = []
            script.text = write(script.tag, text)
        etree.strip_tags(root, *_SCRIPTS)

    return text_of(edit(markup, written)).strip()


def heading_text(item) -> str:
    """The text ``item``'s heading reads (a chapter's, an article's): its title's, unless its
    markup writes it otherwise (10<sup>3</sup> reads 103, where the plain title writes 10^3). Its
    running head shows it unless told otherwise, and its bookmark unless the outline writes it otherwise."""
    return text_of(item.title_markup).strip() if item.title_markup else item.title


def outline_title(item) -> str:
    """The title of ``item`` (a chapter, an article, a listed section: anything with ``title`` and
    ``title_markup``) as outlines list it in text alone, drawn by the reader's own fonts: the PDF's
    bookmarks and the EPUB's NCX (H₂O, :func:`outlined`)."""
    return outlined(item.title_markup) if item.title_markup else item.title


# A subtitle (副题) as a Chinese paper prints one under its headline: a line opening with a dash,
# ——记青川市北坡小学教师林秋 (typed —, －－, or ―― as a Traditional text's Big5 has it), short, and
# ending no sentence: a text that opens with a line of dialogue (——你来了？他问。) has no subtitle.
# Only the line right under the headline is one: elsewhere a line opening so is an epigraph's
# source (——题记) or a quotation's attribution, the text's own.
# The dashes that open such a line, as typed.
DASHES = ("—", "－－", "――")
_SUBTITLE = patterns.compile(r"(?:——|—|－－|――)\s*(?P<text>[^\s—－―].*)")
_SUBTITLE_MAX = 40  # characters after the dash
_SUBTITLE_ENDS = tuple("。！？；：，、…”」』’.!?;:,—～~")


def subtitle_of(line: str, after: str = "") -> str | None:
    """The subtitle ``line``, standing right under a headline, is (see :data:`_SUBTITLE`), its dash
    written as Chinese sets one, ——; ``None`` when it is the text's own line. So it is when the line
    or block ``after`` it opens with a dash too: the first of a list's items (— 苹果两斤 over — 香蕉一把)
    or of a dialogue's lines (——你也在这里 over ——是啊), which went into the header, rewritten ——苹果两斤."""
    line = line.strip()
    found = _SUBTITLE.fullmatch(line) if line.startswith(DASHES) and not after.lstrip().startswith(DASHES) else None
    if found is None or len(found["text"]) > _SUBTITLE_MAX or found["text"].endswith(_SUBTITLE_ENDS):
        return None
    return f"——{found['text']}"


# A kicker (引题) as a Chinese paper prints one over its headline, a phrase leading into it: 坚守三尺讲台三十年
# over 山村里的“林妈妈”. Short, and no sentence or clause: it may exclaim or ask, as a headline may.
_KICKER_MAX = 30
_KICKER_ENDS = tuple("。；：，、….;:,")
# A chapter's label (第一章　出发, 楔子): it heads a chapter, and what stands under it is the chapter's own,
# an epigraph's verse and its ——纳兰性德, never a headline.
_CHAPTER_LABEL = patterns.compile(rf"{HEADING}(?:{SEPARATOR}|$)")


def kicker_of(line: str) -> str | None:
    """The kicker ``line``, standing right over a headline, is: ``line`` itself, stripped, or ``None``
    when it is no kicker's shape (long, ending a sentence or a clause, opening with a dash) or is a
    chapter's label (:data:`_CHAPTER_LABEL`)."""
    line = line.strip()
    if (not line or len(line) > _KICKER_MAX or line.endswith(_KICKER_ENDS) or line.startswith(DASHES)
            or _CHAPTER_LABEL.match(line)):
        return None
    return line


def untagged(text: str) -> str:
    """book.toml's ``text`` (a title, a subtitle, a name) as it reads: each tagged phrase's text alone."""
    return _TAGGED.sub(r"\1", text)


def in_language(markup: str, lang: str | None) -> str:
    """A title's ``markup`` in a span of its ``lang`` (a Markdown heading's ``{lang=ja}``, an HTML
    page's ``<h1 lang="ja">``, a chapter's ``language = "ja"``), the one element a title keeps of
    what tags it (:func:`kept_markup`): its heading, the contents and the nav set it as that
    language's text, and an edition keeps it as written. With no ``lang``, the markup as it is."""
    return f'<span lang="{html.escape(lang)}">{markup}</span>' if lang else markup


def tagged_markup(text: str, source: Path) -> str | None:
    """Book.toml's ``text`` (``source``'s: the book's title) as a title's markup (:func:`kept_markup`),
    each phrase it tags with a language a ``<span lang>`` of it, for a heading that prints it (the
    chapter of the articles loose in the book's folder is named after the book): an edition keeps
    the phrase as written, as it does the title page's. ``None`` when it tags none."""
    if not _TAGGED.search(text):
        return None
    return kept_markup(_TAGGED.sub(lambda tagged: in_language(tagged[1], tagged[2]), html.escape(text, quote=False)),
                       source)


def tagged_phrases(text: str) -> tuple[tuple[str, str], ...]:
    """The phrases of book.toml's ``text`` tagged with a language, each with its tag:
    ``《[Zoë’s Garden]{lang=en}》译本`` has ``("Zoë’s Garden", "en")``."""
    return tuple((match[1], match[2]) for match in _TAGGED.finditer(text))


# Whose, or which edition's, a preface or an afterword is: 译者序, 译序, 中译本序, 中文版前言, 再版序,
# 第二版序言, 原序, 总序, 译后记, 修订版后记 (in either script).
_WHOSE = (r"(?:译者|譯者|译本|譯本|中译本|中譯本|中文版|原版|原|作者|编者|編者|总|總|再版|新版|初版|修订版|修訂版"
          r"|第[一二三四五六七八九十]+版|译|譯)")
# The titles of front and back matter, which a book that numbers its chapters leaves unnumbered:
# a dedication and an epigraph (献词, 题记), a thesis's abstracts (摘要, 中文摘要, 英文摘要, 摘　要
# spaced out) and a book's summary (内容提要), a preface (序一, 序二 by several hands; a translator's,
# an edition's: _WHOSE), a publisher's or an editor's note, a guide to the book's use (凡例) or to
# its reading (导读), an afterword, appendices (附录一　…), notes, a glossary or a table of names
# (术语表, 译名对照表: a translation's), the bibliography, an index, acknowledgements, a textbook's
# answer key (参考答案, 习题答案), a 古籍's front and closing volumes (卷首, 卷末: its 卷一 … 卷十 number
# themselves). Not 绪论, 导论, 引言, 导言, 结语, 结论: monographs and theses often number them
# (第一章　绪论); nor 答案 alone, a novel's chapter as often; ``numbered = false`` leaves one unnumbered. The
# whole title is one of them (论序言 and 索引的历史 are chapters), matched without spaces, as a title
# may be spaced out (参 考 文 献).
_UNNUMBERED_TITLE = patterns.compile(
    rf"{_WHOSE}?(?:前言|序言?|后记|後記)|自序|代序|序[一二三四五六七八九十]|跋|(?:中文|英文)?摘要|(?:内容|內容)提要"
    r"|献词|獻詞|献辞|獻辭|题记|題記|题词|題詞|出版说明|出版說明|编者的话|編者的話|凡例|导读|導讀"
    r"|注释|注釋|註釋|(?:术语|術語|词汇|詞彙)表|(?:译名|譯名|人名|地名|名词|名詞|术语|術語)(?:对照|對照)表"
    r"|参考文献|參考文獻|参考书目|參考書目|(?:人名|地名|名词|名詞|主题|主題|术语|術語)?索引|致谢|致謝|鸣谢|鳴謝"
    r"|(?:参考|參考|习题|習題)答案|(?:附录|附錄).*|卷首|卷末")
# The same in English, matched case-insensitively with its spaces, which set its words apart
# (ABSTRACT, Appendix A, Appendix 2: Tables). Not Introduction, Conclusion, Prologue, Epilogue, as above.
_UNNUMBERED_ENGLISH_TITLE = patterns.compile(
    r"abstract|preface|foreword|afterword|postscript|acknowledge?ments|notes|glossary|bibliography|references|index"
    r"|appendices|appendix\b.*", re.IGNORECASE)


def numbered_by_default(title: str) -> bool:
    """Whether a chapter of ``title`` is numbered when the book numbers its chapters: all but
    front and back matter (:data:`_UNNUMBERED_TITLE`, :data:`_UNNUMBERED_ENGLISH_TITLE`), which a
    reader would not count as 第四章 or Chapter 4."""
    return not (_UNNUMBERED_TITLE.fullmatch(re.sub(r"\s+", "", title))
                or _UNNUMBERED_ENGLISH_TITLE.fullmatch(" ".join(title.split())))
