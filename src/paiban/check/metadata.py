"""Metadata a store or a library reads: the identifier (an ISBN's check digit), title and
author, and each edition's fonts, which must draw its language's region's glyph forms.
"""

from __future__ import annotations

import json
import re

from stdnum import ean, isbn

from .. import patterns
from ..chars import quoted
from ..config import EDITION_METADATA, ISBN_LABEL, LoadedConfig, source_edition
from ..edition import Edition, editions_for, identifier
from ..page import is_press
from .passages import edition_name
from .report import Finding

CONFIG = "book.toml"
_ISBN_PREFIX = patterns.compile(rf"^\s*{ISBN_LABEL}", re.IGNORECASE)
_ISBN_SHAPE = patterns.compile(r"^(?:\d{9}[\dX]|\d{13})$")
# A URN (RFC 8141): urn:, a namespace (uuid, doi, issn …), a colon, and the name in it.
_URN = patterns.compile(r"^\s*urn:[a-z0-9][a-z0-9-]{0,31}:\S+\s*$", re.IGNORECASE)
_UUID = patterns.compile(r"^\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*$", re.IGNORECASE)
# The name a urn:uuid: gives, which EPUBCheck refuses unless it is a UUID (OPF-085).
_UUID_URN = patterns.compile(r"^\s*urn:uuid:(.*)$", re.IGNORECASE | re.DOTALL)
# The glyph region a font family's name promises (Noto and Source Han name them so).
_REGION = patterns.compile(r"\b(SC|TC|HK|JP|KR)\b")
EXPECTED_REGION = {"zh-Hans": "SC", "zh-Hant": "TC", "zh-Hant-TW": "TC", "zh-Hant-HK": "HK"}


def metadata_problems(loaded: LoadedConfig, editions: list[Edition]) -> list[Finding]:
    """Findings about ``[book]`` and about each edition's copyright page and fonts."""
    return [*_identifier(loaded, editions), *_credits(loaded),
            *(f for e in editions for f in copyright_page(loaded, e)),
            *(f for e in editions for f in _language(loaded, e))]


def copyright_page(loaded: LoadedConfig, edition: Edition) -> list[Finding]:
    """A press PDF (bleed, crop marks or PDF/X) goes to a printer: the copyright page of each edition
    needs the publisher, the edition (版次) or date, and the ISBN it prints: the edition's own, or
    [book]'s for the source edition alone (another edition never carries it: a converted one with
    none of its own prints none, which this passed, and one with its own was said to lack it)."""
    pdf, book = loaded.config.pdf, loaded.config.book
    if not is_press(pdf):
        return []
    given = {key: getattr(book, key) for key in EDITION_METADATA} | dict(edition.metadata)
    printed = edition.identifier or identifier(book.identifier, book.title, book.authors)
    missing = [name for name, present in (("publisher", given["publisher"]),
                                          ("edition or date", given["edition"] or given["date"]),
                                          ("identifier (ISBN)", printed.startswith("urn:isbn:")))
               if not present]
    return [Finding(severity="error", check="metadata", file=CONFIG, line=loaded.line_of("book"),
                    message=f"the copyright page of a press PDF lacks the {name}",
                    hint="Set it in [book], or in the edition's [[editions]] entry: publisher, edition (版次) or "
                         "date, identifier (the ISBN).", editions=(edition_name(edition),))
            for name in missing]


def isbn_check_digit(digits: str) -> str:
    """The check digit an ISBN's first 9 (ISBN-10) or 12 (ISBN-13) digits call for: python-stdnum's
    EAN digit for an ISBN-13; of an ISBN-10 (which has no public function there), the one it validates."""
    if len(digits) == 9:
        return next(digit for digit in "0123456789X" if isbn.is_valid(digits + digit))
    return ean.calc_check_digit(digits)


def _identifier(loaded: LoadedConfig, editions: list[Edition]) -> list[Finding]:
    """The book's identifier, and each edition's own: an ISBN must have its length and check digit."""
    return [*_without_identifier(loaded, editions), *wrong_identifiers(loaded)]


def _without_identifier(loaded: LoadedConfig, editions: list[Edition]) -> list[Finding]:
    """A note for each edition that goes out under a UUID: the source edition when [book] gives no
    identifier, and each other edition of ``editions`` that gives none of its own (it was noted only
    when [book] gave none: an edition left without one went out under a UUID unnoted)."""
    config = loaded.config
    source = source_edition(config)
    notes = []
    if not config.book.identifier and (not config.editions or source and not source.identifier):
        notes.append(Finding(
            severity="info", check="metadata", file=CONFIG,
            message="no identifier: a UUID derived from the title and authors stands in, and changes when they do",
            hint="Set `identifier` in [book] (the ISBN, or a URN) before the book is published."))
    index_of = {spec.name: index for index, spec in enumerate(config.editions)}
    for edition in editions:
        index = index_of.get(edition.name)
        if index is None or config.editions[index] is source or config.editions[index].identifier:
            continue
        notes.append(Finding(
            severity="info", check="metadata", file=CONFIG, line=loaded.line_of("editions", index),
            message=f"no identifier for the {quoted(edition.name)} edition: a UUID derived from the title, the authors "
                    "and its name stands in",
            hint="Set `identifier` in its [[editions]] entry (its own ISBN, or a URN) before it is published: "
                 "[book]'s is the source edition's alone.", editions=(edition.name,)))
    return notes


def wrong_identifiers(loaded: LoadedConfig) -> list[Finding]:
    """An error for each identifier, the book's and each edition's own, that is written as an ISBN and
    is none (its length, its check digit), or is neither an ISBN nor a URN. ``paiban build`` warns of
    them too: it prints them on the copyright page and in the EPUB's metadata."""
    given_at = [(loaded.config.book.identifier, loaded.line_of("book", "identifier"))] + [
        (spec.identifier, loaded.line_of("editions", index, "identifier"))
        for index, spec in enumerate(loaded.config.editions)]
    return [finding for value, line in given_at if value for finding in _wrong_identifier(value, line)]


def _wrong_identifier(given: str, line: int | None) -> list[Finding]:
    """An identifier that begins as an ISBN does must be one: 10 or 13 digits (13 starting with 978
    or 979, the prefixes of books), and the right check digit; any other must be a URN, as the README
    says (the placeholder 978-7-… and "hello world" went into the EPUB without a word)."""
    compact = re.sub(r"[-\s]", "", _ISBN_PREFIX.sub("", given)).upper()
    if _UUID.match(given):  # one beginning with a digit was told to be a wrong ISBN
        return [Finding(severity="error", check="metadata", file=CONFIG, line=line,
                        message=f"identifier {quoted(given)} is a UUID written without its URN prefix",
                        hint=f'Write it as a URN: identifier = "urn:uuid:{given.strip()}".')]
    if (named := _UUID_URN.match(given)) and not _UUID.match(named[1]):  # EPUBCheck's OPF-085, on the EPUB's OPF
        return [Finding(severity="error", check="metadata", file=CONFIG, line=line,
                        message=f"identifier {quoted(given)} is no UUID: one has 32 hexadecimal digits in groups "
                                "of 8-4-4-4-12",
                        hint="Copy the whole UUID (urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301), or leave "
                             "`identifier` out until the ISBN is known, and a UUID derived from the title and authors "
                             "stands in.")]
    looks_like_isbn = bool(_ISBN_PREFIX.match(given)) or compact[:1].isdigit()
    if not looks_like_isbn:
        return [] if _URN.match(given) else [Finding(
            severity="error", check="metadata", file=CONFIG, line=line,
            message=f"identifier {quoted(given)} is neither an ISBN nor a URN",
            hint="Give the ISBN (978-7-…, all its digits), or a URN (urn:doi:…, urn:uuid:…); leave `identifier` "
                 "out until the ISBN is known, and a UUID derived from the title and authors stands in.")]
    if not _ISBN_SHAPE.match(compact):
        return [Finding(severity="error", check="metadata", file=CONFIG, line=line,
                        message=f"identifier {quoted(given)} is neither an ISBN-10 nor an ISBN-13",
                        hint="An ISBN has 10 or 13 digits (ISBN-10 may end in X); check it against the "
                             "publisher's record.")]
    if len(compact) == 13 and not compact.startswith(("978", "979")):
        return [Finding(severity="error", check="metadata", file=CONFIG, line=line,
                        message=f"identifier {quoted(given)} is no ISBN-13: one starts with 978 or 979",
                        hint="Check it against the publisher's record (a Chinese book's reads 978-7-…).")]
    expected = isbn_check_digit(compact[:-1])
    if compact[-1] != expected:
        return [Finding(severity="error", check="metadata", file=CONFIG, line=line,
                        message=f"ISBN {quoted(given)} has a wrong check digit: {compact[-1]}, not {expected}",
                        hint="A digit was mistyped somewhere: check the ISBN against the publisher's record.")]
    return []


def _credits(loaded: LoadedConfig) -> list[Finding]:
    book = loaded.config.book
    if not book.title.strip():
        return [Finding(severity="error", check="metadata", file=CONFIG, line=loaded.line_of("book", "title"),
                        message="the title is blank", hint="Give the book's title in `title` of [book].")]
    if not (book.authors or book.editors):
        return [Finding(severity="warning", check="metadata", file=CONFIG, line=loaded.line_of("book"),
                        message="no author or editor: stores list the book without a creator",
                        hint="Add `authors = [\"…\"]` (or `editors`) to [book].")]
    return []


def _language(loaded: LoadedConfig, edition: Edition) -> list[Finding]:
    """An edition's fonts must be its language's region's (book.toml refuses a language that
    contradicts its conversion: :func:`~paiban.config.wrong_language`)."""
    index = _index(loaded, edition)
    findings = []
    for role in ("serif", "sans", "mono"):
        family = getattr(edition.fonts, role)[0]
        region = _REGION.search(family)
        if region and region[1] != EXPECTED_REGION[edition.language]:
            findings.append(Finding(
                severity="warning", check="metadata", file=CONFIG, line=fonts_line(loaded, edition, role),
                editions=(edition_name(edition),),
                message=f"font {quoted(family)} draws {region[1]} glyph forms in a {edition.language} edition",
                hint=_region_hint(loaded, edition, index, role, family)))
    return findings


def _region_hint(loaded: LoadedConfig, edition: Edition, index: int | None, role: str, family: str) -> str:
    """Where to name the family of the edition's region: where it names its fonts, unless that is
    [fonts], which serves every edition, and another edition wants the family it has there. Then
    the edition's own ``fonts``: following "use the TC family in [fonts]", the check said the
    opposite of the Simplified edition. The list suggested is the edition's with that family
    swapped, its Latin fallback kept: the TC family alone drew none of what the book's list had
    it draw (☕ in DejaVu Sans), and the glyph check stopped the build again."""
    expected = EXPECTED_REGION[edition.language]
    families = [_REGION.sub(expected, family, count=1), *getattr(edition.fonts, role)[1:]]
    fonts = f"{role} = {json.dumps(families, ensure_ascii=False)}"  # a TOML array as JSON writes it
    if _own_fonts(loaded, index, role):
        return f"Use the {expected} family of that font in the edition's fonts: fonts = {{ {fonts} }}."
    served = [sibling.language for sibling in editions_for(loaded.config) if sibling.name != edition.name
              and not _own_fonts(loaded, _index(loaded, sibling), role)]
    if other := next((language for language in served if EXPECTED_REGION[language] != expected), None):
        entry = edition_entry(edition) if index is not None else "an [[editions]] entry of its own"
        return (f"Give the edition fonts of its own in {entry}: fonts = {{ {fonts} }}. [fonts] serves every "
                f"edition, the {other} one too.")
    return f"Use the {expected} family of that font in [fonts]: {fonts}."


def edition_entry(edition: Edition) -> str:
    """The edition's [[editions]] entry, as a hint names it."""
    return f'its [[editions]] entry (name = "{edition.name}")'


def fonts_entry(loaded: LoadedConfig, edition: Edition, role: str) -> str | None:
    """The [[editions]] entry that names the edition's ``role`` fonts, as a hint names it, or
    ``None`` when [fonts] (or the default) gives them: a hint to edit [fonts] changes nothing of an
    edition with fonts of its own."""
    return edition_entry(edition) if _own_fonts(loaded, _index(loaded, edition), role) else None


def language_line(loaded: LoadedConfig, edition: Edition) -> int | None:
    """The line of book.toml that gives the edition its language: its own, else [book]'s (the
    [book] line when the language is left to its default: there it is to be written)."""
    index = _index(loaded, edition)
    if index is not None and loaded.config.editions[index].language:
        return loaded.line_of("editions", index, "language")
    return loaded.line_of("book", "language")


def _index(loaded: LoadedConfig, edition: Edition) -> int | None:
    """Where ``edition`` is among the declared [[editions]], if it is one of them."""
    return next((i for i, spec in enumerate(loaded.config.editions) if spec.name == edition.name), None)


def fonts_line(loaded: LoadedConfig, edition: Edition, role: str) -> int | None:
    """The line that names the edition's ``role`` fonts: its own ``fonts``, else ``[fonts]``."""
    if _own_fonts(loaded, index := _index(loaded, edition), role):
        return loaded.line_of("editions", index, "fonts", role)
    return loaded.line_of("fonts", role)


def _own_fonts(loaded: LoadedConfig, index: int | None, role: str) -> bool:
    """Whether the edition declared ``index``-th names its ``role`` fonts itself (not in ``[fonts]``)."""
    spec = loaded.config.editions[index] if index is not None else None
    return bool(spec and spec.fonts and getattr(spec.fonts, role))
