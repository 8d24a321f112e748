"""The print PDF, laid out by WeasyPrint from the same templates, with the print sheet."""

from __future__ import annotations

import contextlib
import ctypes.util
import functools
import itertools
import logging
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pydyf
from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration

from .. import patterns
from .. import cores
from .. import retold
from ..atomic import atomic_output
from ..cache import NO_SHELF, Shelf
from ..edition import Edition
from ..media import image_type
from ..model import Article, Book, Metadata, map_articles
from ..sections import bookmarked
from ..sources.body import line_in, source_lines
from ..page import PageGeometry
from ..theme import Theme
from ..timings import stage
from ..xhtml import FOREIGN_ADDRESS, edit
from . import Output, book_page, emoji_apart, first_section, shown_in_book, stylesheets, template_context
from . import margins, pieces
from . import combining, justify, linestart, picture_names, twins  # noqa: F401  (installed by importing them)
from .fetcher import ContainedFetcher
from .tagging import finish_tags
from .theme_pictures import carried_into_print
from .pagemap import copyright_run_on, folio, page_labels, page_places, starts_of, viewer_numbers
from .typeset import (TABLE_CAPTION, TABLE_TOO_WIDE, cues_kept, first_row_text, footnotes_in_place, for_every_format,
                      keep_last_characters, kept_on_one_line, long_notes_at_end, overrides_drawn,
                      pictures_at_their_size, quotes_breakable, rubies_in_pairs, running_head, running_heads,
                      short_blocks_kept, signatures_kept, tables_fitted, units_kept, urls_in_parts)

log = logging.getLogger("paiban")
PX_MM = 25.4 / 96


def render_pdf(book: Book, edition: Edition, theme: Theme, target: Path, page: PageGeometry,
               piece_characters: int = pieces.PIECE_CHARACTERS, progress=None, shelf: Shelf = NO_SHELF,
               missing: frozenset[str] = frozenset()) -> Output:
    """Lay the book out and write ``target``. WeasyPrint's warnings are passed on as paiban's, but
    for its box drawn for a character of ``missing``, which the build has warned of at its place.

    A book of several pieces' worth of text is laid out in pieces on every core (see pieces);
    press and archival variants, bleed and marks, and cross-chapter links take the single pass.
    ``shelf`` keeps laid-out pieces for the next build: one that changed one article lays out
    only the piece holding it (its chapters, when cores would idle), and makes only the margins
    of those whose first page moved.
    """
    check_harfbuzz_subset()
    if edition.vertical:
        log.warning("the PDF of %s is set horizontally: WeasyPrint has no vertical writing mode "
                    "(the EPUB is vertical)", edition.name or edition.language)
    book, job = _in_print(book, edition, theme, page, missing)
    runs = pieces.plan(book, piece_characters, shelf)
    links = _links_across(book)
    if len(runs) > 1 and _pieces_allowed(page, runs, links):
        arranged = pieces.arranged(
            runs, lambda sections: job(front=False, sections=set(sections), first_body=sections[0]), shelf,
            cores.workers(len(runs)), split=not links)
        if progress is not None:  # a step for each piece laid out
            progress.plan(len(arranged))
        with atomic_output(target) as temporary:
            count, starts = pieces.render(
                arranged, lambda page_of: job(sections=set(), page_of=page_of), lay_out, temporary,
                info=own_info(book.meta), language=book.meta.language,
                on_piece=(lambda number: progress.step(f"laid out PDF {number}/{len(arranged)}")) if progress else None,
                shelf=shelf)
        return Output(target, "pdf", pages=count, page_starts=tuple(starts))
    whole = job()
    with margins.marking_folios():
        html, document = lay_out(whole, log.warning)
    first_body = next(number for number, laid in enumerate(document.pages) if first_section(book) in laid.anchors)
    with stage("write pdf"), atomic_output(target) as temporary, _weasyprint_warnings(log.warning,
                                                                                      missing=missing):
        document.write_pdf(temporary, pdf_variant=page.variant, pdf_tags=True,  # drawing the pages, mostly
                           finisher=lambda document, pdf: _finish(document, pdf, page, first_body, book.meta))
    places = page_places(html.etree_element, document.pages, whole.containers)
    for warning in copyright_run_on(places):
        log.warning("%s", warning)
    starts = starts_of(places, [folio(page) for page in document.pages],
                       viewer_numbers(first_body, len(document.pages)))
    return Output(target, "pdf", pages=pieces.padded(len(document.pages)), page_starts=tuple(starts))


def _in_print(book: Book, edition: Edition, theme: Theme, page: PageGeometry,
              missing: frozenset[str] = frozenset()) -> tuple[Book, Callable[..., pieces.Job]]:
    """``book`` as print sets it (each article through the print steps), and what makes the job laying
    out a document of it: the whole book, or what ``front`` and ``sections`` show (template_context)."""
    # (Pictures are sized before the notes are put in place: a note in a caption is none of its lines.)
    steps = (bookmarked, pictures_at_their_size(book, page), footnotes_in_place, long_notes_at_end(page),
             tables_fitted(page.characters), rubies_in_pairs(page.characters),
             quotes_breakable, units_kept, kept_on_one_line, keep_last_characters, signatures_kept, cues_kept,
             short_blocks_kept, for_every_format, urls_in_parts(page.characters), overrides_drawn)
    book = map_articles(book, lambda article: functools.reduce(lambda done, step: step(done), steps, article))
    heads = running_heads(book, page.head_characters)  # in the markup: a piece's cache key holds them
    edition, emoji_faces = emoji_apart(edition)  # (the text of its SVG pictures too: the job's fonts)
    sheets = tuple(_sheet(theme, name, text) for name, text in stylesheets(
        theme, edition, "pdf", page, running_title=running_head(book.meta.title, page.head_characters),
        installed_faces=emoji_faces))

    held = frozenset([*(src for article in book.articles for src in article.images), *filter(None, [book.meta.cover])])

    def job(**extra) -> pieces.Job:
        context = template_context(book, edition, "pdf", lambda id: f"#{id}", running_heads=heads, **extra)
        markup = carried_into_print(_links_kept_to_the_web(book_page(theme, context)), held, theme.dirs)
        # Only the articles this document shows: a piece's cache key holds them, and another
        # chapter's new article or SVG would otherwise lay every piece out again.
        shown = [each for each in shown_in_book(context) if isinstance(each, Article)]
        return pieces.Job(markup=markup, sheets=sheets, base_url=book.root.as_uri() + "/",
                          roots=tuple(str(root) for root in [book.root, *theme.dirs]),
                          containers=frozenset(containers(book)),
                          articles=tuple((article.id, str(article.source)) for article in shown),
                          srgb=(page.variant or "").startswith("pdf/a-"), cmyk=page.output_profile is not None,
                          fonts=edition.fonts, grey=page.black, font_files=tuple(face.file for face in emoji_faces),
                          missing=missing,
                          svgs_shown=tuple((str(book.root / src), str(article.source)) for article in shown
                                           for src in article.images if image_type(src) == "image/svg+xml"))
    return book, job


# A link of a book's template to an address that runs code or holds a document (javascript:,
# data:, file:): the EPUB leaves it out, and the PDF made it a link action. Articles' links are
# sanitised as they are read.
_FOREIGN_LINK = patterns.compile(rf"""(<a\b[^>]*?)\s+href\s*=\s*(["'])\s*({FOREIGN_ADDRESS}[^"']*)\2""",
                                 re.IGNORECASE)


def _links_kept_to_the_web(markup: str) -> str:
    """``markup`` without the links of :data:`_FOREIGN_LINK`, each told as the EPUB tells it."""
    def unlinked(match: re.Match) -> str:
        log.warning("left href=%r of <a> out: it would run code or load from outside the book", match[3])
        return match[1]
    return _FOREIGN_LINK.sub(unlinked, markup)


def lay_out(job: pieces.Job, sink) -> tuple[HTML, object]:
    """Lay out one document; WeasyPrint's warnings, and what it put past the text block, go to
    ``sink``. (Module-level: workers call it.)"""
    html, document = _laid(job, sink)
    for warning in outside_text_block(document, html.etree_element, dict(job.articles)):
        sink(warning)
    return html, document


def _laid(job: pieces.Job, sink) -> tuple[HTML, object]:
    """One document laid out by WeasyPrint, its warnings told to ``sink``."""
    fetcher = ContainedFetcher([Path(root) for root in job.roots], srgb=job.srgb, cmyk=job.cmyk, fonts=job.fonts,
                               grey=job.grey, warn=sink, svgs_shown=job.svgs_shown, font_files=job.font_files)
    profiles: dict = {}  # the sheets' @color-profile rules (PDF/X's output profile), for the document
    counters = CounterStyle()  # and their @counter-style rules (base.css's 一、 for Word's lists), for every sheet
    # And their @font-face rules (a book's own font): a sheet made without one skips them all,
    # without a word. Its fonts are read by the fetcher, so only from the book and the theme.
    fonts = FontConfiguration()

    def sheet(text: str, base: str, label: str, lines: bool) -> CSS:
        with _weasyprint_warnings(sink, _in_sheet(label, lines), job.missing):  # (a sheet is read, and checked, here)
            return CSS(string=text, base_url=base, url_fetcher=fetcher, color_profiles=profiles,
                       counter_style=counters, font_config=fonts)

    sheets = [sheet(*each) for each in job.sheets]
    with _weasyprint_warnings(sink, missing=job.missing):
        html = HTML(string=job.markup, base_url=job.base_url, url_fetcher=fetcher)
        # Presentational hints: an image's width attribute sizes it, as in the EPUB (and the
        # preflight's dpi figure), and a list's start attribute numbers it.
        document = html.render(stylesheets=sheets, presentational_hints=True,
                               color_profiles=profiles, counter_style=counters, font_config=fonts)
    return html, document


# What an element is called in a warning: by its tag, or the tag of its nearest container so named.
_NAMED = {"table": "a table", "img": "an image", "figure": "a figure", "pre": "a code block",
          "p": "a line", "li": "a line", "blockquote": "a line"}
_LEEWAY_PX = 1.0  # rounding, and a table's outer border drawn on the text block's edge


def outside_text_block(document, root, articles: dict[str, str]) -> list[str]:
    """A warning for each element of an article (``articles``: id → source file) that the layout
    put past the text block: a table whose columns could not shrink enough, a word that cannot
    break, an image taller than the page. What lies outside runs into the margins or off the page."""
    named = _article_elements(root, articles)
    read = functools.cache(lambda source: source_lines(Path(source)))  # a source once, for all its lines
    tables = functools.cache(lambda: _table_lines(root, articles, read))  # once a table runs past, which is rare
    told: dict[tuple[str, int | None, str, str], float] = {}
    for (element, text), excess in _past_text_block(document, named).items():
        source, what, advice = named[element]
        if text:
            line = _line_of(read(source), text)
        else:  # a table or an image, past the text block as a whole
            line = tables().get(element)
        place = (source, line, what, advice)
        told[place] = max(told.get(place, 0.0), excess)
    return [f"{source}{f':{line}' if line else ''}: {what} runs {excess * PX_MM:.0f} mm past the text block "
            f"(into the margin, or off the page): {advice}"
            for (source, line, what, advice), excess in told.items()]


def tables_outside_text_block(book: Book, edition: Edition, theme: Theme, page: PageGeometry,
                              ids: set[str]) -> list[tuple[str, int, str, str]]:
    """Each table of the articles ``ids`` names that the PDF puts past the text block, laid out and
    measured as the build lays it out and warns of it (:func:`outside_text_block`): its article's id,
    its place among the article's tables as written (from 0), its place as the build's warning
    counts it (table 2 of 3), and what to do. For ``paiban check``, which must report the tables the
    build warns of, and no other: an estimate of their columns' widths (typeset.any_table_too_wide)
    told of tables that print inside the text block. Those articles alone are laid out, in their
    chapters, without the front matter unless the preface is one. (The two places differ: print
    runs a footnote's table into the note's text, where it is no table.)"""
    book, job = _in_print(map_articles(_only(book, ids), _tables_numbered), edition, theme, page)
    theirs = job(front=book.preface is not None, sections={chapter.id for chapter in book.chapters if chapter.articles})
    with retold.held():  # what else the layout warns of is the build's to tell
        html, document = _laid(theirs, lambda warning: None)
    named = _article_elements(html.etree_element, dict(theirs.articles))
    in_table = {}  # each element inside a table → the innermost table holding it: its article's id and places
    for article in (each for each in html.etree_element.iter("article") if each.get("id") in ids):
        tables = list(article.iter("table"))
        for number, table in enumerate(tables, 1):
            in_table.update(dict.fromkeys(table.iter(), (article.get("id"), int(table.get(_WRITTEN_PLACE)),
                                                         table_place(number, len(tables)), named[table][2])))
    return list(dict.fromkeys(in_table[element] for element, _ in _past_text_block(document, named)
                              if element in in_table))


# A table's place among its article's tables as written (from 0), carried through print's steps.
_WRITTEN_PLACE = "data-written-place"


def _tables_numbered(article: Article) -> Article:
    """``article`` with each table's place among its tables as written on it (:data:`_WRITTEN_PLACE`)."""
    def numbered(root) -> None:
        for number, table in enumerate(root.iter("table")):
            table.set(_WRITTEN_PLACE, str(number))
    return replace(article, body=edit(article.body, numbered)) if "<table" in article.body else article


def _only(book: Book, ids: set[str]) -> Book:
    """``book`` with only the articles ``ids`` names; its parts and chapters all stay, some empty."""
    return replace(book, preface=book.preface if book.preface and book.preface.id in ids else None,
                   parts=tuple(replace(part, chapters=tuple(
                       replace(chapter, articles=tuple(article for article in chapter.articles if article.id in ids))
                       for chapter in part.chapters)) for part in book.parts))


def _past_text_block(document, inside: dict) -> dict:
    """The outermost elements of ``inside`` that the layout put past the text block, each with the
    text of the line or run that did (see :func:`_past`), and how far (CSS px)."""
    found: dict = {}
    for page in document.pages:
        area = page._page_box  # the text block is the page box's content box
        left, top = area.content_box_x(), area.content_box_y()
        edges = (left, top, left + area.width, top + area.height)
        for child in area.children:
            if not isinstance(child, boxes.MarginBox):
                _past(child, edges, inside, found)
    return found


def _article_elements(root, articles: dict[str, str]) -> dict:
    """Each element inside an article: (the article's source file, what to call it, what to do
    about it: a table :func:`~paiban.render.typeset.tables_fitted` found too wide says why)."""
    named = {}
    for article in root.iter("article"):
        if (source := articles.get(article.get("id"))) is None:
            continue
        tables = list(article.iter("table"))
        captions = _captions_above(article)
        table_names = {table: _table_name(captions.get(table), number, len(tables))
                       for number, table in enumerate(tables, 1)}
        stack = [(article, "an element", TABLE_TOO_WIDE["piece"])]
        while stack:
            element, what, advice = stack.pop()
            what = table_names.get(element) or _NAMED.get(element.tag, what)
            advice = TABLE_TOO_WIDE.get(element.get("data-too-wide") or "", advice)
            named[element] = (source, what, advice)
            stack += [(child, what, advice) for child in element]
    return named


_CAPTION_SHOWN = 30  # characters of a table's caption that name it in a warning
_LINE_BREAKS = patterns.compile(r"\s*\n\s*")  # a caption's lines, one line in a warning (its 　 kept)


def _captions_above(article) -> dict:
    """Each table's caption, which print sets right above it (typeset._caption_above), by table."""
    return {table: before for parent in article.iter() for before, table in itertools.pairwise(parent)
            if table.tag == "table" and before.get("class") == TABLE_CAPTION}


def table_place(number: int, count: int) -> str:
    """The ``number``-th of an article's ``count`` tables, by its place: table 2 of 3; the only one is "a table"."""
    return f"table {number} of {count}" if count > 1 else "a table"


def _table_name(caption, number: int, count: int) -> str:
    """What a warning calls the ``number``-th of an article's ``count`` tables (``caption``: its
    caption, or ``None``), so that each table that overruns is a warning of its own, one the editor
    can find: by its caption (the table captioned 表1　宽表), else by its place (table 2 of 3); the
    only table is "a table". A caption cut short is followed by the place too: two captions may
    begin alike."""
    text = _LINE_BREAKS.sub(" ", "".join(caption.itertext()).strip()) if caption is not None else ""
    place = table_place(number, count)
    if not text:
        return place
    if len(text) <= _CAPTION_SHOWN:
        return f"the table captioned {text}"
    return f"the table captioned {text[:_CAPTION_SHOWN]}…" + (f" ({place})" if count > 1 else "")


def _past(box, edges: tuple[float, float, float, float], inside: dict, found: dict) -> None:
    """Record in ``found`` the elements of ``inside`` whose outermost boxes under ``box`` reach past
    ``edges``, with those boxes' text. Of a run of text (an inline box), only the width counts: its
    height is not its line's but its font's, the ascent and descent of the face drawing it, and a
    face made for a tall script (Noto Serif Tibetan's is 2.8 em) reached past the foot of the text
    block from a footnote's last line, a tagged tsheg (་) alone in it."""
    left, top, right, bottom = edges
    x, y = box.position_x + box.margin_left, box.position_y + box.margin_top
    past_right = x + box.border_width() - right
    if past_right > _LEEWAY_PX:  # (rare: measured only then)
        past_right -= _hanging(box)
    excess = max(left - x, past_right)
    if not isinstance(box, (boxes.TextBox, boxes.InlineBox)):
        excess = max(excess, top - y, y + box.border_height() - bottom)
    if excess > _LEEWAY_PX and box.element in inside:
        place = (box.element, _text_of(box))
        found[place] = max(found.get(place, 0.0), excess)
        return
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.Box):
            _past(child, edges, inside, found)


# Spaces as wide as a character that end a line unseen: the gaps tabs are set as (sources.tabs),
# a full-width space's in Chinese text, an em space's in Latin. WeasyPrint keeps them at a line's end.
_WIDE_SPACES = "\u3000\u2003"


def _hanging(box) -> float:
    """How wide the spaces are (:data:`_WIDE_SPACES`, an em each) that end ``box``, a line or a run of
    text in it: nothing shows of them, past the text block or not. A spreadsheet's rows pasted into a
    Markdown article, run together, were told to run past it by their gaps, which hang in the margin."""
    last = box
    while isinstance(last, (boxes.LineBox, boxes.InlineBox)) and last.children:
        last = last.children[-1]
    if not isinstance(last, boxes.TextBox):
        return 0.0
    return (len(last.text) - len(last.text.rstrip(_WIDE_SPACES))) * last.style["font_size"]


def _text_of(box) -> str:
    """The text of a line or a run of text in it; "" for any other box (a table, an image)."""
    if isinstance(box, boxes.TextBox):
        return box.text
    return "".join(map(_text_of, box.children)) if isinstance(box, (boxes.LineBox, boxes.InlineBox)) else ""


def _line_of(lines: list[str], text: str) -> int | None:
    """The line of a source (``lines``) that holds the longest piece of ``text`` (a word that cannot break), or
    its beginning (the piece may run on over the source's next line), once the characters typeset
    put in it (zero-width spaces where a number or an address may break) are taken out; ``None``
    when neither is there (a Traditional edition's text, markup inside the piece)."""
    piece = max(text.split(), key=len, default="")
    piece = "".join(char for char in piece if unicodedata.category(char) != "Cf")
    return next(filter(None, (line_in(lines, written) for written in dict.fromkeys([piece, piece[:10]]) if written)),
                None)


def _table_lines(root, articles: dict[str, str], read: Callable[[str], list[str]]) -> dict:
    """Each table of an article (``articles``: id → source file, whose lines ``read`` gives) → the
    line of its source where it is written, when found: a table past the text block as a whole has
    no line of text to be found by. That is the line of its caption (print sets it right above the
    table), as ``paiban check`` reports it, else of its first row, found by the row's longest text.
    Each is looked for after the first row of the table before it (or on that row's line: a page
    may be written on one line), so that two tables that begin alike are each found at its own
    line. A yearbook's chapter of thirty tables, some without a caption, named a table too wide
    for the page at no line."""
    found = {}
    for article in root.iter("article"):
        if (source := articles.get(article.get("id"))) is None:
            continue
        lines, captions, past = read(source), _captions_above(article), 0
        for table in article.iter("table"):
            row = _line_past(lines, first_row_text(table), past)
            caption = captions.get(table)
            found[table] = _line_past(lines, "".join(caption.itertext()), past) if caption is not None else row
            past = row or found[table] or past
    return found


def _line_past(lines: list[str], text: str, past: int) -> int | None:
    """The line of ``lines`` after line ``past`` that holds ``text`` (:func:`_line_of`), else line ``past`` itself."""
    for start in dict.fromkeys((past, max(past - 1, 0))):
        if line := _line_of(lines[start:], text):
            return start + line
    return None


def _finish(document, pdf: pydyf.PDF, page: PageGeometry, first_body: int, meta: Metadata) -> None:
    """What WeasyPrint's PDF of ``document`` lacks: a blank last page to make the count even, page
    labels, each page's true bleed box, the metadata it has no key for, its tags' languages and
    link descriptions, and in a press or archival variant, pictures it may hold."""
    finish_tags(document, pdf)
    for key, value in own_info(meta).items():
        pdf.info[key] = pydyf.String(value)
    _blank_back(pdf)
    _label_pages(pdf, first_body, pdf.pages["Count"])
    _bleed_boxes(pdf, page.bleed or 0)
    if page.variant:
        _no_smoothing(pdf)


def own_info(meta: Metadata) -> dict[str, str]:
    """The PDF's document information that WeasyPrint does not write from the document's head (the
    title, the creators, the description as Subject, the subjects as Keywords, the date): the
    publisher and the rights, in keys of their own, as the Info dictionary has none for them."""
    return {key: value for key, value in (("Publisher", meta.publisher), ("Rights", meta.rights)) if value}


def _no_smoothing(pdf: pydyf.PDF) -> None:
    """Every picture's ``/Interpolate`` false: WeasyPrint sets it true (CSS ``image-rendering:
    auto``), which PDF/A forbids (ISO 19005-2 6.2.8: a validator refuses the file) and PDF/X
    preflights flag. A theme's CSS cannot be trusted to set it for every picture."""
    for stream in pdf.objects:
        if isinstance(stream, pydyf.Stream) and stream.extra.get("Subtype") == "/Image":
            stream.extra["Interpolate"] = "false"


def _blank_back(pdf: pydyf.PDF) -> None:
    """A blank page after a last page that is a right-hand one: a book ends on a verso (printers
    count leaves, and flag an odd page count). It has no folio or running head: nothing at all."""
    if pdf.pages["Count"] % 2 == 0:
        return
    last = pdf.objects[pdf.pages["Kids"][-3]]
    contents = pydyf.Stream()
    pdf.add_object(contents)
    pdf.add_page(pydyf.Dictionary({
        "Type": "/Page", "Parent": pdf.pages.reference, "Contents": contents.reference, "Resources": pydyf.Dictionary(),
        **{box: last[box] for box in ("MediaBox", "TrimBox", "BleedBox", "ArtBox", "CropBox") if box in last}}))


def _bleed_boxes(pdf: pydyf.PDF, bleed: float) -> None:
    """Each page's BleedBox: the TrimBox and ``bleed`` mm around it.

    WeasyPrint writes the CSS bleed (the MediaBox, which takes the crop marks' slug too: see
    PageGeometry.media_margin) capped at 10 pt, which is neither the bleed asked for nor, with
    marks, a box the marks stay out of."""
    points = bleed * 72 / 25.4
    for number in pdf.pages["Kids"][::3]:
        left, bottom, right, top = pdf.objects[number]["TrimBox"]
        pdf.objects[number]["BleedBox"] = pydyf.Array([left - points, bottom - points, right + points, top + points])


def _label_pages(pdf: pydyf.PDF, first_body: int, pages: int) -> None:
    """The viewer's page numbers, as the folios run (pagemap.page_labels), in the catalogue."""
    numbers = [(start, pydyf.Dictionary({"S": style})) for start, _, style in page_labels(first_body, pages)]
    pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array([item for pair in numbers for item in pair])})


def _pieces_allowed(page: PageGeometry, runs: list[list[list[str]]], links: set[tuple[str, str]]) -> bool:
    """Pieces join as plain PDF: no variant or tagging to keep, no press geometry, no links across."""
    if page.variant or page.bleed or page.marks:
        return False
    run_of = {section: number for number, run in enumerate(runs) for unit in run for section in unit}
    return all(run_of[source] == run_of[target] for source, target in links)


def _links_across(book: Book) -> set[tuple[str, str]]:
    """(chapter, chapter) for each link from an article into another chapter."""
    chapter_of = {owner: chapter.id for chapter in book.chapters
                  for owner in [chapter.id, *(article.id for article in chapter.articles)]}
    pairs = {(chapter.id, chapter_of.get(target.split("-")[0], chapter.id))
             for chapter in book.chapters for article in chapter.articles
             for target in re.findall(r'href="#([^"]+)"', article.body)}
    return {(source, target) for source, target in pairs if source != target}


def containers(book: Book) -> set[str]:
    """The ids of the sections both formats render from the same partial (see pagemap)."""
    ids = {"titlepage", "copyright", "toc"} | ({"preface"} if book.preface else set())
    return ids | {part.id for part in book.parts if part.title} | {chapter.id for chapter in book.chapters}


def _sheet(theme: Theme, name: str, text: str) -> tuple[str, str, str, bool]:
    """Sheet ``name`` (its contained ``text``) as a job holds it: (the text; its base URL, the directory
    it came from, which its relative URLs resolve against; its file, as its warnings name it; whether
    the text's lines are the file's, which they are unless paiban rendered it (fonts.css) or wrote
    it anew (a colour recoloured, a URL left out)). WeasyPrint's lines are then of an imported
    sheet too (see :func:`_in_sheet`)."""
    path = theme.stylesheet(name)
    imports = "@import" in text
    label = f"{path} (or a sheet it imports)" if imports else str(path)
    return text, path.parent.resolve().as_uri() + "/", label, not imports and text == path.read_text(encoding="utf-8")


# Where WeasyPrint's warning about a sheet's rule puts it: at line:column of the text it was given.
_AT_LINE = patterns.compile(r" at (\d+):\d+")


def _in_sheet(label: str, lines: bool) -> Callable[[str], str]:
    """How a warning of WeasyPrint's about the sheet ``label`` is told: at the sheet's line when its
    ``lines`` are the file's (``styles/base.css:185: Ignored `font-weigth: bold`, unknown property.``),
    else naming the sheet, WeasyPrint's place as it gave it."""
    def told(message: str) -> str:
        found = _AT_LINE.search(message)
        if found is None or not lines:
            return f"{label}: WeasyPrint: {message}"
        return f"{label}:{found[1]}: WeasyPrint: {message[:found.start()]}{message[found.end():]}"

    return told


# WeasyPrint's warning of a picture without alt text, which its PDF tags lack: the build has
# warned of each (build.warn_of_undescribed_pictures), naming where it is and what to do; and of
# a file the fetcher refused, which it has told ("refused to load …": each was told twice).
_TOLD_BY_PAIBAN = patterns.compile(r'^Image ".*" has no required alt description$|: ValueError: paiban does not load ')
# WeasyPrint's warning of a box drawn for a character no font has, naming no place: of one the
# build has warned of at its file and line (--allow-missing-glyphs), it adds nothing; of any other
# (the content of a book's own style sheet, which the glyph check does not read), it is all there is.
_BOX_DRAWN = patterns.compile(r'^\.notdef glyph rendered for Unicode string unsupported by fonts: "(.*)" \(U\+')


@contextlib.contextmanager
def _weasyprint_warnings(sink, told: Callable[[str], str] = "WeasyPrint: {}".format,
                         missing: frozenset[str] = frozenset()) -> Iterator[None]:
    """Route WeasyPrint's log warnings to ``sink`` (paiban's logger, or a worker's list) as ``told``
    words them, but for those the build gives in its own words (:data:`_TOLD_BY_PAIBAN`, and a box
    drawn for a character of ``missing``: :data:`_BOX_DRAWN`)."""
    source = logging.getLogger("weasyprint")

    class Forward(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if _TOLD_BY_PAIBAN.search(message):
                return
            if missing and (box := _BOX_DRAWN.match(message)) and set(box[1]) <= missing:
                return
            sink(told(message))

    handler = Forward(level=logging.WARNING)
    propagate = source.propagate
    source.addHandler(handler)
    source.propagate = False
    try:
        yield
    finally:
        source.removeHandler(handler)
        source.propagate = propagate


@functools.cache
def check_harfbuzz_subset() -> bool:
    """Warn (once) when HarfBuzz's subsetter is missing: fontTools makes CJK PDFs ~100× slower to write."""
    if ctypes.util.find_library("harfbuzz-subset"):
        return True
    log.warning("libharfbuzz-subset is not installed: writing a PDF with CJK fonts will be very slow. "
                "Install it with `apt-get install libharfbuzz-subset0` (Debian/Ubuntu).")
    return False
