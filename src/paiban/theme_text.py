"""The text a theme's templates write themselves (设计丛书, 编著, the ``：`` after 来源), as a reader sees it.

An edition converts it as it converts the book (:class:`ConvertedText`), and the glyph and
script checks read it (:func:`template_texts`), so a book's own templates print no
Simplified text in a Traditional edition and no character its fonts lack.

A template's text is its literal markup between Jinja's tags, never an expression or a tag of
Jinja's. Of that markup, what a reader sees is the text between tags and an ``alt`` or
``title``: tag and attribute names, other attributes (a class, an id, a URL), comments,
scripts and styles are left as written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.ext
from jinja2.lexer import TOKEN_DATA, Token

from . import patterns
from .xhtml import VOID

# The templates a book is made of: the whole book (PDF, HTML preview) and the EPUB's documents,
# with the one partial no other template includes (the others are found by their includes).
DOCUMENTS = ("book.html", "page.html", "_cover.html")
_MARKUP = patterns.compile(r"<!--.*?(?:-->|$)|<(?P<raw>script|style)\b.*?(?:</(?P=raw)\s*>|$)"
                           r"|<(?P<end>/?)(?P<name>[A-Za-z][\w:.-]*)[^>]*>|<[!?][^>]*>", re.DOTALL | re.IGNORECASE)
# The tags that name another template.
_REFERRING = ("include", "extends", "import", "from")
_SHOWN_ATTRIBUTE = patterns.compile(r"""\s(?:alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)

Span = tuple[int, int, tuple[str, ...]]  # start, end, the elements it sits in (outermost first)


@dataclass(frozen=True)
class TemplateText:
    """A line's worth of a template's text: ``elements`` it sits in (``h1`` …), ``written`` as the
    template's text (else a string of an expression, ``join("、")``, which is printed but never
    converted)."""

    file: Path
    line: int
    text: str
    elements: tuple[str, ...] = ()
    written: bool = True


class ConvertedText(jinja2.ext.Extension):
    """Puts the text of each template through ``environment.convert_text`` as it is compiled: once
    per template, and kept compiled (by :class:`ConvertedBytecode`)."""

    def filter_stream(self, stream):
        tokens = list(stream)
        data = [index for index, token in enumerate(tokens) if token.type == TOKEN_DATA]
        printed = _printed([tokens[index].value for index in data], self.environment.convert_text)
        for index, value in zip(data, printed, strict=True):
            tokens[index] = Token(tokens[index].lineno, TOKEN_DATA, value)
        return tokens


class ConvertedBytecode(jinja2.BytecodeCache):
    """``cache``, for templates compiled with :class:`ConvertedText`: a template is found by its text
    as converted too, so one edition's is never another's, nor the source edition's. A template
    whose text the conversion leaves as it is (the default theme's) shares the unconverted one's code."""

    def __init__(self, cache: jinja2.BytecodeCache) -> None:
        self.cache = cache

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        written = self.cache.get_source_checksum(source)
        pieces = [value for _, kind, value in environment.lex(source, name, filename) if kind == TOKEN_DATA]
        printed = _printed(pieces, environment.convert_text)
        checksum = written if printed == pieces else hashlib.sha1(
            "\x1f".join([written, *printed]).encode("utf-8")).hexdigest()
        bucket = jinja2.bccache.Bucket(environment, self.cache.get_cache_key(name, filename), checksum)
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.cache.load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.cache.dump_bytecode(bucket)


def shown_spans(pieces: list[str]) -> list[list[Span]]:
    """For each of a template's literal pieces (its text between Jinja's tags, in order), where it
    holds text a reader sees. The pieces are judged in the markup they make together, since a tag
    may open in one and close in the next: ``<h1{% if n %} title="第{{ n }}章"{% endif %}>``."""
    joined = "".join(pieces)
    spans: list[Span] = []
    open_elements: list[str] = []
    position = 0
    for tag in _MARKUP.finditer(joined):
        spans.append((position, tag.start(), tuple(open_elements)))
        position = tag.end()
        name = (tag["name"] or "").lower()
        if not name:
            continue
        if tag["end"]:
            if name in open_elements:
                del open_elements[len(open_elements) - 1 - open_elements[::-1].index(name):]
            continue
        for value in _SHOWN_ATTRIBUTE.finditer(tag[0]):
            group = 1 if value[1] is not None else 2
            spans.append((tag.start() + value.start(group), tag.start() + value.end(group), (*open_elements, name)))
        if name not in VOID and not tag[0].endswith("/>"):
            open_elements.append(name)
    spans.append((position, len(joined), tuple(open_elements)))
    cut, start = [], 0
    for piece in pieces:
        end = start + len(piece)
        cut.append([(max(low, start) - start, min(high, end) - start, elements)
                    for low, high, elements in spans if max(low, start) < min(high, end)])
        start = end
    return cut


def _printed(pieces: list[str], convert: Callable[[str], str]) -> list[str]:
    """A template's literal pieces with the text a reader sees in them converted."""
    return [_replaced(piece, spans, convert) for piece, spans in zip(pieces, shown_spans(pieces), strict=True)]


def _replaced(piece: str, spans: list[Span], change: Callable[[str], str]) -> str:
    """``piece`` with each of its ``spans`` changed."""
    written, position = [], 0
    for start, end, _ in spans:
        written += [piece[position:start], change(piece[start:end])]
        position = end
    return "".join(written) + piece[position:]


def template_texts(env: jinja2.Environment, convert: Callable[[str], str]) -> Iterator[TemplateText]:
    """The text of every template a book is made of (:data:`DOCUMENTS` and what they include, import
    or extend), through ``convert`` as the edition prints it, line by line.

    Raises Jinja's ``TemplateSyntaxError`` for a template that cannot be read; a template named
    but missing is left to rendering to report.
    """
    for file, tokens in made_of(env, DOCUMENTS):
        yield from _texts(tokens, file, convert)


def made_of(env: jinja2.Environment, names: Iterable[str]) -> Iterator[tuple[Path, list[tuple[int, str, str]]]]:
    """(file, tokens) of templates ``names`` and of each they include, import or extend, once each;
    one named but missing is left out. Raises Jinja's ``TemplateSyntaxError`` for one that cannot be read."""
    seen: set[str] = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source, filename, _ = env.loader.get_source(env, name)
        except jinja2.TemplateNotFound:
            continue
        tokens = list(env.lex(source, name, filename))
        pending += _referenced(tokens)
        yield Path(filename), tokens


def _referenced(tokens: list[tuple[int, str, str]]) -> Iterator[str]:
    """The templates a template's tags name: ``{% include "x.html" %}``, ``extends``, ``import``, ``from``.
    (Read from its tokens: parsing the theme would cost as much again as lexing it.)"""
    statement: list[tuple[str, str]] = []
    for _, kind, value in tokens:
        if kind == "block_begin":
            statement = []
        elif kind == "block_end":
            if statement and statement[0][0] == "name" and statement[0][1] in _REFERRING:
                yield from (literal[1:-1] for found, literal in statement if found == "string")
        elif kind != "whitespace":
            statement.append((kind, value))


def _texts(tokens: list[tuple[int, str, str]], file: Path, convert: Callable[[str], str]) -> Iterator[TemplateText]:
    """A template's text, line by line: its literal pieces' (converted), and its expressions' strings."""
    pieces = [value for _, kind, value in tokens if kind == TOKEN_DATA]
    spans = iter(shown_spans(pieces))
    for line, kind, value in tokens:
        if kind == "string":
            yield TemplateText(file, line, value[1:-1], written=False)
        elif kind == TOKEN_DATA:
            for start, end, elements in next(spans):
                first = line + value.count("\n", 0, start)
                for number, text in enumerate(convert(value[start:end]).split("\n"), first):
                    if text.strip():
                        yield TemplateText(file, number, text, elements)
