"""An article body (a sanitised XHTML fragment) written back as Markdown, for ``paiban import``.

markdownify does the writing. paiban's Markdown reader must read the result back into the
same body, so footnotes, which HTML has no syntax for, are written as Markdown footnotes
(``[^1]`` and ``[^1]: …``), superscripts, subscripts, struck-out text (paiban's Markdown
has no ``~~``) and ruby as the HTML they are, and the first row of a table without a header becomes its
header, because a Markdown table needs one (a table holding a table, or a web page's single cell, is
a page's frame: its cells become blocks; one that says more than pipes can, a cell's span or its
paragraphs, is written as HTML; a line break in a cell as the ``<br>`` the reader keeps). A figure's
caption becomes its image's title, which the reader makes the caption. A code block keeps its language
and attributes after its fence (```` ```python {id="c1"} ````).
"""

from __future__ import annotations

import re
from itertools import takewhile

from bs4 import Comment, NavigableString
from markdownify import MarkdownConverter, abstract_inline_conversion, chomp

from .sources.markdown import CONTAINERS, PLAIN_BLOCK
from . import patterns
from .xhtml import DECORATIVE_ROLES, EQUATION, NO_CONVERT, item_numbers

_BLANK_LINES = patterns.compile(r"\n{3,}")
_BLANK_LINE = patterns.compile(r"\n\s*\n")  # would end an HTML block in Markdown
# HTML's white space, which a caption's title collapses: not the full-width space of 图1　步骤1.
_HTML_SPACES = patterns.compile(r"[ \t\n\f\r]+")
# The white space round a table cell's text but the full-width spaces of its own (a form's 　　年).
_AROUND_CELL = patterns.compile(r"^[^\S\u3000]+|[^\S\u3000]+$")
# A line of a footnote after its first, which Markdown reads as the note's only when indented:
# written at the margin, a note's second paragraph was the article's last.
_NOTE_CONTINUES = patterns.compile(r"\n(?!\n)")
# The number markdownify writes before a numbered list's item.
_ITEM_NUMBER = patterns.compile(r"\d+\. ")
# An attribute's value that can be written in an attribute list (id="注1", lang="en") or after a
# heading ({#注1}).
_ATTRIBUTE_VALUE = patterns.compile(r'[^\s"\\]+')
_HEADING_ID = patterns.compile(r"[^\s{}]+")
# Text Markdown would read as markup (markdownify escapes * and _ itself): what opens a heading,
# list, quote, thematic break or line block (a poem) at the start of a line ("2024. 年", "# 号",
# "| 甲"; a number opens a list only with a space or the line's end after its "." or ")", so
# 1.5 元 stays as written), and anywhere a backslash, a code span, a link or footnote, an
# attribute list ({.no-convert}), an HTML tag or a character reference (&copy;). markdownify's
# escape_misc escapes far more (every + = | ~ &), which an editor would have to read through.
_MARKUP = patterns.compile(r"(?m:^[ \t]*(?:[#>+=|-]|\d{1,9}(?=[.)](?:[ \t]|$))))|[\\`\[{]|<(?=[A-Za-z/!?])|&(?=#?\w+;)")


class _ArticleConverter(MarkdownConverter):
    """markdownify, plus footnotes in the shape paiban's readers give them (``sup.footnote-ref``)."""

    class Options(MarkdownConverter.DefaultOptions):
        page_frames = False  # a table of one cell is a web page's layout frame (see convert_table)

    def escape(self, text, parent_tags):
        """``text`` as Markdown that reads back as the same text."""
        return super().escape(_MARKUP.sub(_escaped, text), parent_tags)

    def process_text(self, el, parent_tags=None):
        """Text as Markdown; in a span written with its attributes, a ``]`` escaped too, lest it end
        the span's text there."""
        text = super().process_text(el, parent_tags)
        marked = any(_span_attributes(span) for span in el.parents if span.name in ("span", "a"))
        return text.replace("]", "\\]") if marked and "_noformat" not in (parent_tags or ()) else text

    def convert_span(self, el, text, parent_tags):
        """A span kept in its script, or of another language (drawn with its region's fonts), as
        paiban's Markdown marks it: ``[後臺]{.no-convert lang="zh-Hant"}``; markdownify wrote its
        bare text, which a Traditional edition converted."""
        return _as_span(el, text, parent_tags)

    def convert_a(self, el, text, parent_tags):
        """A link, and an anchor, with its id, where links to it go (``[]{id="注1"}``): markdownify
        wrote an anchor as nothing, and a link without its id."""
        return _as_span(el, super().convert_a(el, text, parent_tags), parent_tags)

    def convert_hN(self, n, el, text, parent_tags):
        """A heading with its id after it (``## 细节 {#细节}``), where links to it go, and its
        language (``## 後記 {lang="zh-Hant"}``), which draws it."""
        written = super().convert_hN(n, el, text, parent_tags)
        if "_inline" in parent_tags or not (attributes := _id_and_lang(el)):
            return written
        name = el.get("id", "")
        listed = f"#{name}" if attributes == f'id="{name}"' and _HEADING_ID.fullmatch(name) else attributes
        return f"{written.rstrip()} {{{listed}}}\n\n"

    def convert_sup(self, el, text, parent_tags):
        if "footnote-ref" in el.get("class", []):
            return f"[^{_footnote_number(el.find('a').get('href', ''))}]"
        return super().convert_sup(el, text, parent_tags)

    # paiban's Markdown (CommonMark and tables) would print markdownify's ~~ as it is.
    convert_s = abstract_inline_conversion(lambda self: "<s>")
    convert_del = abstract_inline_conversion(lambda self: "<del>")

    def convert_ruby(self, el, text, parent_tags):
        """Ruby, its readings and their parentheses as the HTML they are
        (``<ruby>小<rt>xiǎo</rt></ruby>``), which paiban's Markdown reads as ruby: Markdown has no
        syntax for it, and markdownify wrote the readings into the text (小xiǎo). An empty reading,
        the punctuation of a text read character by character (``<ruby>，<rt></rt></ruby>``), is
        kept too."""
        if "_noformat" in parent_tags:
            return text
        attributes = _id_and_lang(el)
        return f"<{el.name}{' ' if attributes else ''}{attributes}>{text}</{el.name}>"

    convert_rt = convert_rp = convert_ruby

    def convert_img(self, el, text, parent_tags):
        """A figure's image with its caption as its title, which paiban's Markdown reader makes the
        figure's caption (``![石桥](a.png "修缮后的石桥")``); written apart, the caption was a paragraph
        and the alt text the caption. Its width (a Word picture's size) after it: ``{width=113}``; a
        decorative picture marked so, ``{.decorative}``."""
        if not el.get("title") and (caption := _caption_of(el)):
            el["title"] = caption
        written = super().convert_img(el, text, parent_tags)
        listed = " ".join(filter(None, (".decorative" if el.get("role") in DECORATIVE_ROLES else "",
                                        f"width={width}" if (width := el.get("width", "")).isdigit() else "")))
        return f"{written}{{{listed}}}" if listed else written

    def convert_figure(self, el, text, parent_tags):
        """A figure is a block of its own: run in with the next, two figures became one paragraph
        of two images, which the reader does not take for figures (their captions lost)."""
        return "\n\n" + text.strip() + "\n\n"

    def convert_figcaption(self, el, text, parent_tags):
        return "" if _sole_image(el.parent) else super().convert_figcaption(el, text, parent_tags)

    def convert_section(self, el, text, parent_tags):
        """The footnotes' section as Markdown footnotes; any other a block of its own, as the build
        shows it (a mobile page's <section><span>…</span></section> each hold a paragraph)."""
        if "footnotes" not in el.get("class", []):
            return super().convert_section(el, text, parent_tags)
        notes = []
        listing = el.find(["ol", "ul"])  # the notes' list: a list inside a note is the note's
        for item in listing.find_all("li", recursive=False) if listing else []:
            for backref in item.find_all("a", class_="footnote-backref"):
                backref.decompose()
            note = _NOTE_CONTINUES.sub("\n    ", self.convert(item.decode_contents()).strip())
            notes.append(f"[^{_footnote_number('#' + item.get('id', ''))}]: {note}")
        return "\n\n" + "\n".join(notes) + "\n\n"

    def convert_list(self, el, text, parent_tags):
        """A list; one counted otherwise than in figures (``ol.list-chinese``: 一、二、) as HTML
        with its items' Markdown inside, there being no Markdown for it (written as Markdown, it
        was counted 1. 2.); one after a list of its kind parted from it by an empty comment,
        which Markdown would have made one list of the two (the second counted on from the first)."""
        if "li" in parent_tags:
            return super().convert_list(el, text, parent_tags)
        if el.name == "ol" and (counted := _counted_otherwise(el)):
            items = "".join(f"{_item_tag(item)}\n\n{self.convert(item.decode_contents()).strip()}\n\n</li>\n"
                            for item in el.find_all("li", recursive=False))
            return f"\n\n<ol {counted}>\n{items}</ol>\n\n"
        written = super().convert_list(el, text, parent_tags)
        return f"\n\n<!-- -->{written}" if _follows_its_kind(el) else written

    convert_ol = convert_ul = convert_list

    def convert_li(self, el, text, parent_tags):
        """An item; one of a list numbered out of order (claims 1. 3. 7., ``<li value="7">``) written
        with its own number, which the Markdown reader keeps: markdownify counts on from the list's
        start, and the claims were imported as 1. 2. 3. Its lines after the first are indented to
        the number's width, as Markdown reads them as the item's."""
        written = super().convert_li(el, text, parent_tags)
        if (number := _own_number(el)) is None or not (counted := _ITEM_NUMBER.match(written)):
            return written
        typed = f"{number}. "
        return typed + written[counted.end():].replace("\n" + " " * counted.end(), "\n" + " " * len(typed))

    def convert_table(self, el, text, parent_tags):
        """A table holding a table, or a web page's single cell, is a page's frame (a forum post's),
        not data: each of its own cells in order, written in full as blocks (a table of data in one
        stays a table, a frame in one is written the same way). Written as a Markdown table, its rows
        ran into one paragraph of pipes and dashes. A Word file's single cell frames a tip, and stays
        the table the build sets."""
        if _is_frame(el, self.options["page_frames"]):
            cells = (self.convert(cell.decode_contents()).strip() for cell in _own_cells(el))
            return "\n\n" + "\n\n".join(filter(None, cells)) + "\n\n"
        if _beyond_pipes(el):
            return "\n\n" + _BLANK_LINE.sub("\n", str(el)).strip() + "\n\n"
        return super().convert_table(el, text, parent_tags)

    def convert_td(self, el, text, parent_tags):
        """A cell as markdownify writes it (`` 甲 |``, a bar for each column it spans), but for the
        full-width spaces at its text's ends, which its strip() took: in a form's 　　年　　月　　日
        they are the blank the year is written in, which the Markdown reader keeps."""
        bars = super().convert_td(el, "", parent_tags)[1:]
        return " " + _AROUND_CELL.sub("", text).replace("\n", " ") + bars

    convert_th = convert_td

    def convert_br(self, el, text, parent_tags):
        """A line break in a table's cell as the ``<br>`` paiban's Markdown reader keeps there (语雀's and
        飞书's every cell of two lines): markdownify wrote a space, which joined the lines and put a
        Latin space between Chinese characters (香 浓). In code it stays a space, printed as written."""
        if {"td", "th"} & parent_tags and "_noformat" not in parent_tags:
            return "<br>"
        return super().convert_br(el, text, parent_tags)

    def convert_hr(self, el, text, parent_tags):
        return "" if "footnotes-sep" in el.get("class", []) else super().convert_hr(el, text, parent_tags)

    def convert_div(self, el, text, parent_tags):
        """A division as its blocks; markdownify's took the full-width spaces (　　) indenting a
        poem's first line with the white space around them."""
        if "_inline" in parent_tags:
            return super().convert_div(el, text, parent_tags)
        text = text.strip(" \t\r\n")
        return _fenced(el, f"\n\n{text}\n\n" if text else "", parent_tags)

    def convert_p(self, el, text, parent_tags):
        return _fenced(el, super().convert_p(el, text, parent_tags), parent_tags)


# A code block's language as an info string may write it: a word, with no brace (it would open the
# attribute list) and no backtick (which ends a backtick fence's info string).
_LANGUAGE = patterns.compile(r"[^\s{}`]+")


def _info_string(pre) -> str:
    """What follows the fence of ``pre`` (a code block) in paiban's Markdown: its code's language, from
    the class ``language-python`` the reader gives it, and its other classes, id and language after it
    (```` python {.numbered id="c1"} ````). markdownify wrote a bare fence, and the build lost the class.
    Without a language, its id and language alone: the reader takes an attribute list's first class
    for the language."""
    code = pre.find("code", recursive=False)
    if code is None:
        return ""
    classes = code.get("class", [])
    language = next((name.removeprefix("language-") for name in classes if name.startswith("language-")), "")
    if not _LANGUAGE.fullmatch(language):
        language, classes = "", []
    others = [f".{name}" for name in classes if not name.startswith("language-") and _LANGUAGE.fullmatch(name)]
    attributes = " ".join(filter(None, (*others, _id_and_lang(code))))
    return " ".join(filter(None, (language, f"{{{attributes}}}" if attributes else "")))


# One converter for a web page's body, one for any other's.
_CONVERTERS = {page_frames: _ArticleConverter(heading_style="atx", bullets="-", strong_em_symbol="*",
                                              escape_misc=False, sub_symbol="<sub>", sup_symbol="<sup>",
                                              table_infer_header=True, code_language_callback=_info_string,
                                              page_frames=page_frames)
               for page_frames in (False, True)}


def to_markdown(body: str, page_frames: bool = False) -> str:
    """Markdown for ``body``, ending with one newline. ``page_frames``: ``body`` is a web page's,
    whose table of a single cell is the frame of its layout, not a table."""
    return _BLANK_LINES.sub("\n\n", _CONVERTERS[page_frames].convert(body)).strip() + "\n"


def _fenced(el, block: str, parent_tags) -> str:
    """``block`` (``el`` written as Markdown) between ``::: name`` and ``:::`` lines for each class
    of ``el`` that is such a block of paiban's Markdown (a poem, a bibliography, a paragraph set
    flush right): written bare, it was read back as plain paragraphs. A block holding such blocks
    is fenced with more colons, lest their closing ``:::`` close it. A poem's lines are written
    without the two spaces that break a line elsewhere: in a poem each line is a line. The
    element's id and language go on the outermost line (``::: {.no-convert lang="zh-Hant"}``):
    written bare, a block of Traditional in a Simplified page lost the tag that draws it."""
    names = _containers(el)
    if not names or not block.strip() or "_inline" in parent_tags:
        return block
    if "poem" in names:
        block = block.replace("  \n", "\n")
    inner = _inner_fences(el)
    attributes = _id_and_lang(el)
    for depth, name in enumerate(reversed(names), inner):
        fence, content = ":" * (3 + depth), block.strip("\n")
        opening = name
        if attributes and depth == inner + len(names) - 1:
            opening = f"{{{attributes}}}" if name == PLAIN_BLOCK else f"{{.{name} {attributes}}}"
        block = f"\n\n{fence} {opening}\n\n{content}\n\n{fence}\n\n"
    return block


def _containers(el) -> list[str]:
    """The blocks of paiban's Markdown that ``el`` (a division or a paragraph) is: each of its
    classes that is one; else, when it has a language, a block of attributes alone
    (:data:`PLAIN_BLOCK`, ``::: {lang="en"}``): written bare, an English passage of a Chinese page
    lost the tag that sets it as English."""
    if el.name not in ("div", "p"):
        return []
    names = [name for name in el.get("class", []) if name in CONTAINERS]
    return names or ([PLAIN_BLOCK] if _ATTRIBUTE_VALUE.fullmatch(el.get("lang", "")) else [])


def _inner_fences(el) -> int:
    """How many fenced blocks deep the blocks inside ``el`` go."""
    return max((sum(len(_containers(outer)) for outer in (inner, *takewhile(lambda up: up is not el, inner.parents)))
                for inner in el.find_all(["div", "p"]) if _containers(inner)), default=0)


def _as_span(el, written: str, parent_tags) -> str:
    """``written`` (``el`` as Markdown) as a span with ``el``'s attributes, if it has any to write."""
    attributes = _span_attributes(el)
    if not attributes or "_noformat" in parent_tags:
        return written
    prefix, suffix, written = chomp(written)
    return f"{prefix}[{written}]{{{attributes}}}{suffix}"


# The classes of a span paiban's Markdown writes: text kept in its script, and an equation, whose
# brackets stay its own (imported without it, (a+b)/2 after 平均数为 was built （a+b）/2).
_SPAN_CLASSES = (NO_CONVERT, EQUATION)


def _span_attributes(element) -> str:
    """What of ``element``'s attributes paiban's Markdown writes after it as a span's
    (``.no-convert id="注1" lang="en"``): its no-convert or equation class, its id and its language."""
    written = [f".{name}" for name in _SPAN_CLASSES if name in element.get("class", [])]
    return " ".join(filter(None, (*written, _id_and_lang(element))))


def _id_and_lang(element) -> str:
    """``element``'s id and language as an attribute list writes them (``id="注1" lang="en"``)."""
    return " ".join(f'{name}="{value}"' for name in ("id", "lang")
                    if _ATTRIBUTE_VALUE.fullmatch(value := element.get(name, "")))


# What a table's element says that a Markdown table cannot: a cell spanning rows or columns, an
# alignment, a caption, an id, a language. Written as pipes, a row after a cell spanning two was
# shifted a column (4小时 under 内容), an aligned column and a caption (not 表N) lost.
_BEYOND_PIPES = ("rowspan", "colspan", "class", "id", "lang")
# What a cell may hold that a Markdown table's cell, one line, cannot.
_CELL_BLOCKS = ("p", "div", "ul", "ol", "dl", "blockquote", "pre", "figure", "h1", "h2", "h3", "h4", "h5", "h6")


def _beyond_pipes(table) -> bool:
    """Whether ``table`` (a table of data) says more than a Markdown table can: then it is written
    as the HTML it is, which paiban's Markdown reader reads as it reads an HTML article's."""
    elements = [table, *table.find_all(True)]
    return table.find("caption") is not None or any(map(_holds_blocks, _own_cells(table))) or any(
        element.get(name) not in (None, "", "1") for element in elements for name in _BEYOND_PIPES)


def _holds_blocks(cell) -> bool:
    """Whether ``cell`` holds more than a paragraph, which pipes write as one line: 小贴士 and its
    text ran into one paragraph."""
    blocks = cell.find_all(_CELL_BLOCKS, recursive=False)
    return len(blocks) > 1 or any(block.name != "p" for block in blocks)


def _counted_otherwise(ol) -> str:
    """The attributes of ``ol`` (``class="list-chinese" start="3"``) that count it otherwise than a
    Markdown list can (base.css's list classes, which Word's lists and HTML's ``type`` are given),
    or nothing."""
    classes = [name for name in ol.get("class", []) if name.startswith("list-")]
    if not classes:
        return ""
    start = ol.get("start", "")
    return " ".join(filter(None, (f'class="{" ".join(classes)}"', f'start="{start}"' if start.isdigit() else "")))


def _own_number(item) -> int | None:
    """The number of ``item`` (an ``<li>``) in a numbered list where an item of it has a number of
    its own (``value``), or ``None``: a list counted on from its start, as markdownify writes it, or
    a number Markdown cannot write (below 0)."""
    listing = item.parent
    if listing is None or listing.name != "ol":
        return None
    items = listing.find_all("li", recursive=False)
    if not any(each.get("value") for each in items):
        return None
    numbers = item_numbers(listing.get("start"), [each.get("value") for each in items])
    number = next(number for each, number in zip(items, numbers, strict=True) if each is item)
    return number if number >= 0 else None


def _item_tag(item) -> str:
    """The opening tag of ``item`` (an ``<li>``) written as HTML, with its own number if it has one."""
    value = item.get("value", "").strip()
    return f'<li value="{value}">' if value.isdigit() else "<li>"


def _follows_its_kind(element) -> bool:
    """Whether the block before ``element`` (a list) is a list of its kind, written as Markdown."""
    before = element.find_previous_sibling(True)
    between = element.previous_sibling
    while between is not None and between is not before:
        if isinstance(between, NavigableString) and not isinstance(between, Comment) and between.strip():
            return False
        between = between.previous_sibling
    return before is not None and before.name == element.name and not (
        before.name == "ol" and _counted_otherwise(before))


def _is_frame(table, page_frames: bool) -> bool:
    """Whether ``table`` lays out a page (holds a table, or is a web page's one box, when
    ``page_frames``) rather than holding data."""
    return table.find("table") is not None or (page_frames and len(_own_cells(table)) == 1)


def _own_cells(table) -> list:
    """The cells of ``table`` itself, in order, not those of the tables inside them."""
    return [cell for cell in table.find_all(["td", "th"]) if cell.find_parent("table") is table]


def _caption_of(img) -> str | None:
    """The text of the caption of the figure holding ``img`` alone, if any."""
    figure = img.find_parent("figure")
    caption = figure.find("figcaption") if figure and _sole_image(figure) else None
    if caption and caption.get("aria-hidden") == "true":  # the alt text again (sources.body): the reader's own
        return None
    return _HTML_SPACES.sub(" ", _text_of(caption)).strip(" ") or None if caption else None


# A ruby's readings and their parentheses, which text alone leaves out.
_READINGS = ("rt", "rp")


def _text_of(element) -> str:
    """The text of ``element`` with a space for each line break: 图1 石桥<br>摄影：张三 ran its
    lines together, while a space around every tag would part 修缮后的<b>石桥</b>. Ruby is its base
    alone, as a title in text alone is: its readings ran into it (图1　小xiǎo鸟niǎo)."""
    return "".join(" " if node.name == "br" else node for node in element.descendants
                   if node.name == "br" or isinstance(node, NavigableString) and not isinstance(node, Comment)
                   and node.find_parent(_READINGS) is None)


def _sole_image(figure) -> bool:
    """Whether ``figure`` is a figure of one image, whose caption can be that image's title."""
    return figure.name == "figure" and len(figure.find_all("img")) == 1


def _escaped(match: re.Match[str]) -> str:
    """A backslash before the character that would be markup: after the digits of "2024.", before
    the others (after the spaces that may lead a line)."""
    found = match.group()
    if found[-1].isdigit():
        return f"{found}\\"
    return f"{found[:-1]}\\{found[-1]}"


def _footnote_number(href: str) -> str:
    """``#fn2`` (or ``#a3-fn2`` once namespaced) → ``2``."""
    return href.rsplit("fn", 1)[-1]
