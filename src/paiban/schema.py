"""Declared schemas of the TOML files paiban reads (``book.toml``, ``catalog.toml``), and their
complaints in a form the error messages can be written from.

A schema is a tree of :class:`Table` structs (msgspec, MkDocs-style: each key knows its type,
default and limits): msgspec reads a file's data into it in one C pass and is quick to import,
where pydantic's import and model building took some 55 ms of every command's start (a tenth of
a rebuild; measured alternating the two on a 350,000-character book: 0.43 s → 0.37 s).
What msgspec does not do itself (strip a value, refuse a blank one, read a date or a name given
alone) a field says with a :class:`Read` in its ``Annotated`` metadata; a rule that involves
several keys is the table's :meth:`Table.check`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, get_args, get_origin

import msgspec

from .chars import quoted


class Invalid(ValueError):
    """A value a :class:`Read` or a table's rule refuses: what is wrong with it, the key it is at
    (``""``: the table as a whole) and the kind of mistake (``"blank"``, ``"rule"``, or a type's
    kind of :data:`_KINDS` when it is of the wrong type)."""

    def __init__(self, message: str, *, key: str = "", kind: str = "rule"):
        super().__init__(message)
        self.key, self.kind = key, kind


# What breaks a line (str.splitlines's): \n and \r, and U+2028, U+2029, NEL and the rest, which a
# pasted text may carry as well, and the OPF and the PDF would carry raw.
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def breaks_line(text: str) -> bool:
    """Whether ``text`` holds a line break of any kind."""
    return not _LINE_BREAKS.isdisjoint(text)


@dataclass(frozen=True)
class Read:
    """How a value is read after msgspec has checked its type: a text stripped (a space typed
    inside the quotes is no part of a title), refused when blank unless ``blank`` or when it
    breaks a line (``one_line``: what to say then); then passed to ``then``, which returns the
    value kept or raises :class:`Invalid`."""

    blank: bool = True
    one_line: str = ""
    then: Callable[[Any], Any] | None = None

    def __call__(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            if not self.blank and not value:
                raise Invalid("blank", kind="blank")
            if self.one_line and breaks_line(value):
                raise Invalid(self.one_line)
        return self.then(value) if self.then else value


class Table(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """A TOML table: unknown keys are errors (a typo must never be silently ignored), values are
    read as their fields' :class:`Read` says, and :meth:`check` holds the rules across keys."""

    def __post_init__(self) -> None:
        for name, key, read in _readers(type(self)):
            if (value := getattr(self, name)) is not None:
                try:
                    msgspec.structs.force_setattr(self, name, read(value))
                except Invalid as error:
                    error.key = key
                    raise
        self.check()

    def check(self) -> None:
        """Raise :class:`Invalid` if the table's keys contradict each other."""


@cache
def _readers(table: type[Table]) -> list[tuple[str, str, Read]]:
    """The fields of ``table`` read by a :class:`Read`: attribute name, key as written, reader."""
    return [(field.name, field.encode_name, read) for field in msgspec.structs.fields(table)
            if (read := _read_of(field.type)) is not None]


def _read_of(annotation: Any) -> Read | None:
    for item in getattr(annotation, "__metadata__", ()):
        if isinstance(item, Read):
            return item
    return next((read for argument in get_args(annotation) if (read := _read_of(argument))), None)


def keys(table: type[Table]) -> dict[str, msgspec.structs.FieldInfo]:
    """A table's fields by the names the file spells them."""
    return {field.encode_name: field for field in msgspec.structs.fields(table)}


def table_of(annotation: Any) -> tuple[type[Table] | None, bool]:
    """The table a field's values are (``None``: not tables), and whether it is a list of them."""
    if isinstance(annotation, type) and issubclass(annotation, Table):
        return annotation, False
    if get_origin(annotation) is dict:
        return None, False
    for argument in get_args(annotation):
        table, listed = table_of(argument)
        if table is not None:
            return table, listed or get_origin(annotation) is list
    return None, False


def field_at(root: type[Table], loc: tuple[str | int, ...]) -> msgspec.structs.FieldInfo | None:
    """The field of ``root``'s tree that the last key of ``loc`` names (``None``: no such field)."""
    table: type[Table] | None = root
    field = None
    for part in loc:
        if isinstance(part, str):
            field = keys(table).get(part) if table else None
            table = table_of(field.type)[0] if field else None
    return field


def choices(annotation: Any) -> list[str]:
    """The values a field's ``Literal`` allows, in the order declared."""
    if get_origin(annotation) is Literal:
        return list(get_args(annotation))
    return [value for argument in get_args(annotation) for value in choices(argument)]


@dataclass(frozen=True)
class Complaint:
    """msgspec's refusal, taken apart: where (keys and list indexes; ``"[key]"`` last when a key of
    a free table is wrong), what kind of mistake (``unknown``, ``missing``, ``pattern``, ``bound``,
    ``choice``, ``blank``, ``rule``, or the kind the value should have been: :data:`_KINDS`), the
    value written there, a sentence saying what is wrong, and the pattern a value missed."""

    loc: tuple[str | int, ...]
    kind: str
    value: Any
    message: str
    pattern: str = ""


# msgspec's names of types, as the kinds of :class:`Complaint` and the words a message uses.
_KINDS = {"str": ("text", "text in quotes"), "bool": ("bool", "true or false"), "int": ("int", "a whole number"),
          "float": ("float", "a number"), "array": ("list", "a list [...]"), "object": ("table", "a table")}
_PLACE = re.compile(r" - at `(key` in `)?\$([^`]*)`$")
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+|\.\.\.)\]")


def complaint(error: msgspec.ValidationError, data: Any, root: type[Table]) -> Complaint:
    """What ``error``, raised reading ``data`` into ``root``, says, as a :class:`Complaint`."""
    text = str(error)
    place = _PLACE.search(text)
    said = text[:place.start()] if place else text
    loc = _loc(place[2], data) if place else ()
    if place and place[1]:
        loc += ("[key]",)
    if isinstance(cause := error.__cause__, Invalid):
        loc += (cause.key,) if cause.key else ()
        return Complaint(loc, cause.kind, value_at(data, loc), str(cause))
    if match := re.fullmatch(r"Object (contains unknown|missing required) field `(.*)`", said):
        loc += (match[2],)
        return Complaint(loc, "unknown" if match[1] == "contains unknown" else "missing", value_at(data, loc), said)
    value = value_at(data, loc)
    if match := re.fullmatch(r"Expected `[^`]*` matching regex '(.*)'", said, re.S):
        return Complaint(loc, "pattern", value, f"{as_written(value)} is not of the form this key takes",
                         match[1].replace("\\\\", "\\"))  # (msgspec doubles its backslashes)
    if match := re.fullmatch(r"Expected `([^`]*)`( of length)? ([<>]=?) (.*)", said):
        return Complaint(loc, "bound", value, _bound(match[1], bool(match[2]), match[3], match[4]))
    if said.startswith("Invalid enum value"):
        allowed = choices(field.type) if (field := field_at(root, loc)) else []
        return Complaint(loc, "choice", value, f"{as_written(value)} is not one of {', '.join(map(quoted, allowed))}")
    if match := re.fullmatch(r"Expected `([^`]*)`, got `[^`]*`", said):
        wanted = [_KINDS.get(name, (name, name)) for name in match[1].split(" | ") if name != "null"]
        kind = next((kind for kind, _ in wanted if kind in ("list", "table")), wanted[0][0] if wanted else "")
        return Complaint(loc, kind, value, f"expected {' or '.join(words for _, words in wanted)}, "
                                           f"got {as_written(value)}")
    return Complaint(loc, "rule", value, said)


def _loc(path: str, data: Any) -> tuple[str | int, ...]:
    """The keys and indexes of msgspec's ``$.parts[1].title``; its ``[...]`` (a value of a free
    table) is the first key whose value is not text, as the values of paiban's free tables are."""
    loc: list[str | int] = []
    for name, index in _STEP.findall(path):
        if name:
            loc.append(name)
        elif index != "...":
            loc.append(int(index))
        else:
            table = value_at(data, tuple(loc))
            loc.append(next((key for key, value in table.items() if not isinstance(value, str)), "")
                       if isinstance(table, dict) else "")
    return tuple(loc)


def value_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    """The value of ``data`` (a file's tables) at the keys and indexes ``loc``; ``None`` where there
    is none (TOML has no null: a key given is never ``None``)."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def as_written(value: Any) -> str:
    """``value`` as TOML writes it (true, 3, '书'), or what it is when it is a table or a list."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return quoted(value) if isinstance(value, str) else str(value)


def _bound(name: str, length: bool, comparison: str, limit: str) -> str:
    """msgspec's "Expected `int` <= 2" as a sentence: "is more than 2: the most is 2"."""
    if length:
        things = "entry" if name == "array" else "character"
        return f"needs at least {limit} {things}" if comparison.startswith(">") else \
            f"has more than {limit} {things}s"
    limit = limit.removesuffix(".0")
    return {">=": f"the least it may be is {limit}", ">": f"it must be more than {limit}",
            "<=": f"the most it may be is {limit}", "<": f"it must be less than {limit}"}[comparison]


def in_words(loc: tuple[str | int, ...], root: type[Table]) -> str:
    """``loc`` in a file of ``root``'s words: `book.title`, or `title` in the first
    [[parts.chapters]] of the second [[parts]] (not parts[1].chapters[0].title)."""
    key, tables = entries_of(loc, root)
    within = " of ".join(tables)
    if not key:
        return within
    return f"`{key}` in {within}" if within else f"`{key}`"


def entries_of(loc: tuple[str | int, ...], root: type[Table]) -> tuple[str, list[str]]:
    """The dotted keys of ``loc`` after its last [[…]] entry, and the entries it is in, innermost first."""
    table: type[Table] | None = root
    listed, header, names, tables = False, [], [], []
    for part in loc:
        if isinstance(part, int) and listed:
            header += names
            tables.insert(0, f"the {ordinal(part)} [[{'.'.join(header)}]]")
            names, listed = [], False
            continue
        names.append(part)  # (an int here is an item of a list of values: authors[1])
        if isinstance(part, str):
            field = keys(table).get(part) if table else None
            table, listed = table_of(field.type) if field else (None, False)
    return _dotted(tuple(names)), tables


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def ordinal(index: int) -> str:
    """``0`` → "first": how an editor counts the [[…]] entries of a file."""
    number = index + 1
    if number <= len(_ORDINALS):
        return _ORDINALS[index]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _dotted(loc: tuple[str | int, ...]) -> str:
    return ".".join(f"[{part}]" if isinstance(part, int) else str(part) for part in loc).replace(".[", "[")
