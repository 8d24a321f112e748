"""Stage 5: renderers turn a :class:`~paiban.model.Book` into an output file, one per format.

All of them render the same Jinja templates of the theme; a format only adds its own sheet
(``epub.css``, ``print.css``, ``html.css``) to the shared ``base.css`` and the edition's
``fonts.css``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..edition import LATIN, Edition, Fonts, box_drawing_fonts, english_fonts, other_fonts
from ..fonts import face_name, font_file, is_emoji_font
from ..model import Book, one_line
from ..page import PageGeometry
from ..theme import Theme
from ..theme_fonts import SheetFonts, StandIns
from ..theme_kept import Shown, check_kept
from .assets import StyleFiles
from .css import allowed_urls, black_ink, contain_css, either, press_colours


@dataclass(frozen=True)
class Output:
    """A file a renderer wrote, and what the build summary says of it."""

    path: Path
    format: str
    pages: int | None = None
    edition: str | None = None  # the edition's name, or its language tag
    page_starts: tuple = ()  # PDF: where each printed page begins (pagemap.PageStart), for the EPUB


def template_context(book: Book, edition: Edition, fmt: str, href: Callable[[str], str],
                     **extra: object) -> dict:
    """What every template gets: the book, its edition (and fonts), the format and how to link an id."""
    return {
        "book": book,
        "edition": edition,
        "fonts": edition.fonts,
        "format": fmt,
        "href": href,
        "title": one_line(book.meta.title),  # a document's <title>: the PDF's Title
        "stylesheets": (),
        "first_body": first_section(book),
        # All of the book, unless a PDF is laid out in pieces (render.pieces).
        "front": True,
        "sections": None,
        "page_of": None,
        # The PDF's running heads that are not their chapter's (or the preface's) title: id → head.
        "running_heads": {},
        **extra,
    }


def book_page(theme: Theme, context: dict) -> str:
    """``book.html`` rendered with ``context`` (:func:`template_context`), with the ids and the text
    of the book it shows (:func:`~paiban.theme_kept.check_kept`)."""
    page = theme.render_xhtml("book.html", **context)
    check_kept(theme, page, shown_in_book(context), "book.html")
    return page


def shown_in_book(context: dict) -> list[Shown]:
    """The parts, chapters and articles ``book.html`` shows with ``context``: the preface with the
    front matter, and the parts and chapters of its ``sections`` (all of them when it is ``None``)."""
    book, sections = context["book"], context["sections"]
    shown: list[Shown] = [book.preface] if context["front"] and book.preface else []
    for part in book.parts:
        if part.title and (sections is None or part.id in sections):
            shown.append(part)
        for chapter in part.chapters:
            if sections is None or chapter.id in sections:
                shown += [chapter, *chapter.articles]
    return shown


def first_section(book: Book) -> str:
    """The id of the first part or chapter: where the body's page numbering starts (print.css)."""
    return book.parts[0].id if book.parts[0].title else book.chapters[0].id


# The sheet each format adds to the shared ones.
FORMAT_SHEET = {"epub": "epub.css", "pdf": "print.css", "html": "html.css"}


def sheet_names(edition: Edition, fmt: str, paged: bool = False) -> list[str]:
    """The file names of :func:`stylesheets`, in cascade order: what documents link, known before
    the sheets are written (the EPUB writes its sheets last: they name the font subsets, which are
    cut from the rendered documents)."""
    return ["fonts.css", "base.css", FORMAT_SHEET[fmt], *(["page.css"] if paged else []),
            *(["vertical.css"] if fmt == "epub" and edition.vertical else [])]


# The sheets rendered from the theme's templates: the others are the book's as written, or the default theme's.
RENDERED_SHEETS = frozenset({"fonts.css", "page.css"})


def written_sheets(edition: Edition, fmt: str) -> list[str]:
    """The names of the sheets of ``fmt`` that are read as written (a book's own may be among them)."""
    return [name for name in sheet_names(edition, fmt) if name not in RENDERED_SHEETS]


def stylesheets(theme: Theme, edition: Edition, fmt: str, page: PageGeometry | None = None,
                fonts: Fonts | None = None, others: dict[str, Fonts] | None = None, embedded: tuple = (),
                box_drawing: tuple[str, ...] = (), running_title: str = "",
                files: StyleFiles | None = None,
                installed_faces: tuple[InstalledFace, ...] = ()) -> list[tuple[str, str]]:
    """(file name, CSS text) of the sheets for ``fmt``, in cascade order.

    Print adds the ``page`` (with the ``running_title`` of left pages); a vertical EPUB adds
    ``vertical.css``; ``fonts`` (the edition's), ``others`` (each other language's), ``box_drawing``
    (:func:`~paiban.edition.box_drawing_fonts`) and ``embedded`` replace the fonts named when the
    EPUB carries its own subsets; ``installed_faces`` are brought under names of their own (the
    PDF's emoji fonts: :func:`emoji_apart`). Every sheet is confined (:mod:`.css`): a URL the
    format cannot keep is left out with a warning. The EPUB and the preview carry the files beside
    a sheet that it uses (:mod:`.assets`): the EPUB's are in ``files``, which it gives.
    """
    rendered = {
        "fonts.css": lambda: fonts_sheet(theme, edition, fonts, others, embedded, box_drawing, installed_faces),
        "page.css": lambda: theme.render("page.css", page=page, running_title=running_title),
    }
    names = sheet_names(edition, fmt, paged=page is not None)
    sheets = [(name, rendered[name]() if name in rendered else theme.css(name)) for name in names]
    own_fonts = SheetFonts(theme.own_sheets(written_sheets(edition, fmt)))
    theme.tell_font_problems(own_fonts.problems())
    allowed = allowed_urls(fmt, (face["href"] for face in embedded))
    recolour = _recolouring(page)
    if fmt == "pdf":  # its fetcher reads what the sheets use, where it is
        stand_ins = StandIns(edition.fonts, own_fonts)
        return [(name, contain_css(text, theme.describe(name), allowed, either(recolour, stand_ins.rewrite(text)),
                                   tidy=False)) for name, text in sheets]
    files = files or StyleFiles(fmt)
    return [(name, files.contain(text, Path(theme.describe(name)), allowed)) for name, text in sheets]


def fonts_sheet(theme: Theme, edition: Edition, fonts: Fonts | None = None, others: dict[str, Fonts] | None = None,
                embedded: tuple = (), box_drawing: tuple[str, ...] = (),
                installed_faces: tuple[InstalledFace, ...] = ()) -> str:
    """``fonts.css`` as :func:`stylesheets` renders it (its arguments; by default, the PDF's: the
    edition's fonts by name, none embedded), with the ``@font-face`` rules a book's own may add."""
    return theme.render("fonts.css", fonts=fonts or edition.fonts, embedded=embedded, latin=LATIN,
                        english=english_fonts(fonts or edition.fonts), others=others or other_fonts(edition),
                        box_drawing=box_drawing or box_drawing_fonts(edition.fonts), installed_faces=installed_faces)


@dataclass(frozen=True)
class InstalledFace:
    """An installed face that fonts.css brings under a family name of its own (``@font-face`` with
    ``src: local(name)``)."""

    family: str  # the family fonts.css names it by
    name: str  # the face's own name, which local() finds it by (fonts.face_name)
    file: str  # its file, which the PDF's fetcher reads for it


def emoji_apart(edition: Edition) -> tuple[Edition, tuple[InstalledFace, ...]]:
    """``edition`` with each installed emoji font of its lists named ``paiban <family>``, and the
    faces fonts.css brings under those names: the PDF's fonts.

    Named as itself, an emoji font makes fontconfig ask for a colour face for every character of
    the list (:func:`~paiban.fonts.is_emoji_font`): the emoji font drew every digit of the book
    and the spaces beside them, grey and wide (2 0 2 4), and a Uyghur line ran off the page.
    Under a name of paiban's, it is one face of the list like the others: it draws what the
    families before it lack, the emoji, as README's [fonts] says of every family. (The EPUB names
    it as the book does: a reading system picks its fonts its own way.)"""
    families = edition.fonts.families()
    faces = {family: InstalledFace(f"paiban {family}", name, file[0]) for family in families
             if is_emoji_font(family) and (name := face_name(family)) and (file := font_file(family))}
    if not faces:
        return edition, ()
    fonts = edition.fonts.renamed({family: face.family for family, face in faces.items()})
    return replace(edition, fonts=fonts), tuple(faces.values())


def _recolouring(page: PageGeometry | None):
    """How the print sheets' colours are written: in black ink alone for a one-colour book (a PDF/X
    too), in the press's CMYK for a PDF/X, else as the sheets give them."""
    if page is not None and page.black:
        return black_ink()
    return press_colours(page.output_profile) if page is not None and page.output_profile else None
