"""Stage 2: readers turn source files into :class:`~paiban.model.Article` objects (one reader per format).

Each reader returns the article's fields and a raw HTML body; :func:`read_article` then
finishes every body the same way: sanitised, punctuation normalised, headings placed under
the article title, images resolved inside the book.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import PaibanError
from ..model import Article
from . import html, markdown, text
from .body import finish_body

READERS = {".md": markdown.read, ".markdown": markdown.read, ".txt": text.read,
           ".html": html.read, ".htm": html.read}
ARTICLE_SUFFIXES = frozenset(READERS)


def read_article(path: Path, root: Path) -> Article:
    """Read one article file of the book at ``root``."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise PaibanError(
            f"unsupported article format {path.suffix!r}",
            file=path,
            hint=f"Use one of: {', '.join(sorted(READERS))}.",
        )
    draft = reader(path, decode(path))
    body, images = finish_body(draft.body, path, root)
    return Article(
        source=path,
        title=draft.title or path.stem,
        body=body,
        author=draft.author,
        column=draft.column,
        date=draft.date,
        origin=draft.origin,
        images=images,
        convert=draft.convert,
    )


def decode(path: Path) -> str:
    """The file's text. Articles are UTF-8 (a BOM is allowed); anything else is named, with its place."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PaibanError(f"cannot read the file: {error.strerror}", file=path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise PaibanError(
            f"not UTF-8 text: byte {error.start} (0x{data[error.start]:02x}) cannot be decoded",
            file=path,
            line=line,
            hint="Save the file as UTF-8 (e.g. `iconv -f GB18030 -t UTF-8 in.txt > out.txt`).",
        ) from None
