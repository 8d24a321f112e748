"""A catalogue: the books a batch run builds.

Either a directory whose subdirectories are book projects (each with its ``book.toml``), taken
in name order, or a ``catalog.toml`` listing book directories, each optionally with its own
formats and editions::

    [[books]]
    path = "西游记"                  # relative to catalog.toml
    formats = ["epub"]              # default: --format
    editions = ["cn", "tw"]         # default: --edition, else every edition the book declares

``catalog.toml`` is validated like ``book.toml``: an error names the file, the line and the fix.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from .chars import quoted
from .config import CONFIG_NAME, line_of, read_toml
from .errors import PaibanError
from .numerals import name_order
from .schema import Table, complaint, in_words, keys

CATALOG_NAME = "catalog.toml"
# An entry of catalog.toml, as an error about an empty one shows it.
_ENTRY = ('[[books]]\n'
          'path = "city-notes"          # the book\'s folder, beside catalog.toml\n'
          'formats = ["epub", "pdf"]   # (what the command line says, if left out)')


class BookEntry(Table):
    """One ``[[books]]`` entry of ``catalog.toml``."""

    path: Annotated[str, Meta(min_length=1)]
    formats: Annotated[list[Literal["epub", "pdf", "html"]], Meta(min_length=1)] | None = None
    editions: Annotated[list[str], Meta(min_length=1)] | None = None


class CatalogFile(Table):
    """The whole of ``catalog.toml``."""

    books: Annotated[list[BookEntry], Meta(min_length=1)]


@dataclass(frozen=True)
class CatalogBook:
    """A book to build: its directory, the name the report shows, and its own choices, if any
    (``None``: what the command line says); ``path_at`` and ``editions_at``: the catalogue file and
    the line of the entry's path, and of the editions it chose, for an error about them."""

    name: str
    path: Path
    formats: tuple[str, ...] | None = None
    editions: tuple[str, ...] | None = None
    path_at: tuple[Path, int | None] | None = None
    editions_at: tuple[Path, int | None] | None = None


def catalog_source(catalog: Path) -> Path:
    """What lists the books of ``catalog``: its ``catalog.toml``, or the directory of book projects."""
    if not catalog.is_file() and (catalog / CATALOG_NAME).is_file():
        return catalog / CATALOG_NAME
    return catalog


def catalog_identity(source: Path) -> str:
    """The name of a catalogue in the manifest of each output it builds, given what lists its books
    (:func:`catalog_source`, resolved): a ``catalog.toml`` is named by its folder, as a directory of
    books is, since ``paiban batch DIR`` reads the one it finds there. A directory of books that
    gains a catalog.toml (or loses it) is the same catalogue, which withdraws what it no longer
    lists; it was another one, which kept them for good. A file of another name (print.toml) is a
    catalogue of its own. (Also reads the name a manifest recorded before: a catalog.toml's path.)"""
    return str(source.parent if source.name == CATALOG_NAME else source)


def load_catalog(catalog: Path) -> list[CatalogBook]:
    """The books of ``catalog``: a ``catalog.toml`` file, a directory holding one, or a directory
    of book projects. Raises :class:`PaibanError` when there is nothing to build or the file is wrong."""
    catalog = catalog_source(catalog)
    if catalog.is_file():
        return _from_file(catalog)
    if not catalog.is_dir():
        raise PaibanError(f"no catalogue at {catalog}", file=catalog,
                          hint=f"Pass a directory of book projects or a {CATALOG_NAME}.")
    books = [CatalogBook(name=folder.name, path=folder.resolve())
             for folder in sorted(catalog.iterdir(), key=name_order) if _holds_a_book(folder)]
    if not books and (catalog / CONFIG_NAME).is_file():
        _not_a_book(catalog / CONFIG_NAME)
    if not books:
        raise PaibanError(f"no book projects in {catalog}", file=catalog,
                          hint=f"Each book is a subdirectory with a {CONFIG_NAME}; "
                               f"or list the books in a {CATALOG_NAME}.")
    return books


def _holds_a_book(folder: Path) -> bool:
    """Whether ``folder`` is a book project. One paiban may not look into may be: it is listed, and
    its build fails naming it, as a book's unreadable file fails that book alone (it stopped the
    whole catalogue: "internal error: PermissionError")."""
    try:
        return folder.is_dir() and (folder / CONFIG_NAME).is_file()
    except PermissionError:
        return True


def _not_a_book(config: Path, line: int | None = None) -> None:
    """Refuse a book given as the catalogue (its directory or its book.toml), saying what to do."""
    book_dir = config.parent if config.name == CONFIG_NAME else "BOOK_DIR"
    raise PaibanError(f"this is a book's {CONFIG_NAME} (a [book] table), not a catalogue", file=config, line=line,
                      hint=f"Build the book with `paiban build {book_dir}`. To batch books, give a "
                           f"directory of book projects (this book's parent, say) or a {CATALOG_NAME} listing "
                           "them ([[books]] path = \"...\"), as the README's `paiban batch` section shows.")


def _from_file(path: Path) -> list[CatalogBook]:
    text, data = read_toml(path, CatalogFile)
    if path.name == CONFIG_NAME or isinstance(data.get("book"), dict):
        _not_a_book(path, line_of(text, ("book",)))
    try:
        listed = msgspec.convert(data, CatalogFile)
    except msgspec.ValidationError as error:
        first = complaint(error, data, CatalogFile)
        loc = first.loc
        if loc in (("books",), ()) and first.kind in ("missing", "bound"):  # an empty file, or books = []
            raise PaibanError("the catalogue lists no books", file=path, hint=f"List each book in an entry:\n{_ENTRY}\n"
                              "and another [[books]] for each other book; see the README's `paiban batch` "
                              "section.") from None
        where = in_words(loc, CatalogFile)
        message = f"unknown key {where}" if first.kind == "unknown" else \
            f"{in_words(loc[:-1], CatalogFile)} has no `{loc[-1]}`" if first.kind == "missing" else \
            f"{where}: {first.message}" if where else first.message
        close = _meant(loc) if first.kind == "unknown" else None
        raise PaibanError(message, file=path, line=line_of(text, loc),
                          hint=(f"Did you mean {close}? " if close else "")
                          + "Each [[books]] entry has a `path` and may have `formats` (epub, pdf, "
                            "html) and `editions`; see the README's `paiban batch` section.") from None
    books = [CatalogBook(name=entry.path, path=(path.parent / entry.path).resolve(),
                         formats=tuple(entry.formats) if entry.formats else None,
                         path_at=(path, line_of(text, ("books", index, "path"))),
                         editions=tuple(entry.editions) if entry.editions else None,
                         editions_at=(path, line_of(text, ("books", index, "editions"))) if entry.editions else None)
             for index, entry in enumerate(listed.books)]
    first: dict[Path, CatalogBook] = {}
    for index, book in enumerate(books):
        if (earlier := first.setdefault(book.path, book)) is not book:
            raise PaibanError(f"the book {book.name} is listed twice (first as {earlier.name})", file=path,
                              line=line_of(text, ("books", index, "path")),
                              hint="List each book once, with all the formats and editions it needs.")
    return books


def _meant(loc: tuple) -> str | None:
    """The key an unknown one at ``loc`` likely stands for: at the top, the [[books]] table; in an
    entry, one of an entry's keys (``foo`` in an entry was asked "Did you mean [[books]]?")."""
    top = len(loc) == 1
    close = difflib.get_close_matches(str(loc[-1]), ["books"] if top else list(keys(BookEntry)), n=1)
    return (f"[[{close[0]}]]" if top else f"`{close[0]}`") if close else None


def check_book(book: CatalogBook) -> None:
    """A catalogue entry whose path is no book (a folder of books, ``..``, a typo) is the entry's
    mistake, named at its line: it was told "no book.toml in DIR" with paiban build's advice, or,
    holding the output directory, stopped the whole run as "a book" the outputs were inside of.
    (A folder paiban may not look into raises :class:`OSError`, the batch's to tell.)"""
    if book.path_at is None or (book.path / CONFIG_NAME).is_file():
        return
    catalog, line = book.path_at
    where = f"{book.path} is no book's folder" if book.path.is_dir() else f"there is no {book.path}"
    raise PaibanError(f"the entry's path {quoted(book.name)} has no {CONFIG_NAME}: {where}", file=catalog, line=line,
                      hint=f"Give the path of a book's folder (the one with its {CONFIG_NAME}), relative to "
                           f"{catalog.name}; for a folder of books, an entry for each book.")
