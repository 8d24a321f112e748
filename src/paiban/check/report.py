"""The preflight report: findings, each with where it is, what is wrong and what to do.

A finding found the same way in several editions (a missing glyph in cn, tw and hk) is one
finding that names the editions, so a three-edition book does not triple the report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from ..errors import PaibanError

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

CLEAN, WARNINGS, ERRORS = 0, 1, 2  # exit codes


@dataclass(frozen=True)
class Finding:
    """One problem. ``file`` is relative to the book directory when it lies inside it;
    ``char`` is the character concerned, when there is one, or the characters, each once (a glyph
    finding's, of one script). A Word document has no lines:
    ``paragraph`` is its place there; ``excerpt``, the text around a place without a line, lets
    an editor search for it."""

    severity: Severity
    check: str
    message: str
    file: str | None = None
    line: int | None = None
    char: str | None = None
    hint: str | None = None
    editions: tuple[str, ...] = ()
    paragraph: int | None = None
    excerpt: str | None = None

    @property
    def location(self) -> str:
        """``file:line`` as editors and terminals understand it, ``file, paragraph N``, or ``""``."""
        if self.file is None:
            return ""
        if self.paragraph:
            return f"{self.file}, paragraph {self.paragraph}"
        return f"{self.file}:{self.line}" if self.line else self.file

    def told(self, root: Path) -> str:
        """The finding as ``paiban build`` warns of it: ``path:line: message (hint)`` (``path,
        paragraph N:`` in a Word document), as the sources' warnings are told (the path is the
        file's inside ``root``, the book's directory)."""
        where = root / self.file if self.file else root
        place = (f"{where}, paragraph {self.paragraph}" if self.paragraph else
                 f"{where}:{self.line}" if self.line else str(where))
        return f"{place}: {self.message} ({self.hint})"


def code_point(char: str) -> str:
    """``U+E000`` for a character: the form a font tool or a Unicode chart is searched by."""
    return f"U+{ord(char):04X}"


@dataclass(frozen=True)
class Report:
    """Every finding of one preflight, errors first, then by place."""

    book: str
    editions: tuple[str, ...]
    profile: str | None
    findings: tuple[Finding, ...]

    @classmethod
    def of(cls, book: str, editions: Iterable[str], profile: str | None,
           findings: Iterable[Finding]) -> Report:
        """Merge findings that differ only by edition, and sort them.

        The excerpt is no part of what makes a finding the same: it is text, and an edition's text
        may differ around the same place (Traditional characters); the first edition's is kept.
        """
        merged: dict[Finding, Finding] = {}
        for finding in findings:
            key = replace(finding, editions=(), excerpt=None)
            first = merged.setdefault(key, replace(finding, editions=()))
            merged[key] = replace(first, editions=(*first.editions,
                                                   *(name for name in finding.editions if name not in first.editions)))
        ordered = sorted(
            merged.values(),
            key=lambda f: (SEVERITIES.index(f.severity), f.file or "", f.line or f.paragraph or 0, f.check, f.message),
        )
        return cls(book=book, editions=tuple(editions), profile=profile, findings=tuple(ordered))

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def exit_code(self, strict: bool = False) -> int:
        """2 when there are errors; 1 for warnings with ``strict``; 0 otherwise (notes never fail)."""
        if self.count("error"):
            return ERRORS
        return WARNINGS if strict and self.count("warning") else CLEAN

    def as_dict(self) -> dict:
        """The report as JSON data, in the shape ``report.schema.json`` declares."""
        return {
            "version": 1,
            "book": self.book,
            "editions": list(self.editions),
            "profile": self.profile,
            "counts": {severity: self.count(severity) for severity in SEVERITIES},
            "findings": [
                {
                    "severity": f.severity,
                    "check": f.check,
                    "message": f.message,
                    "file": f.file,
                    "line": f.line,
                    "paragraph": f.paragraph,
                    "excerpt": f.excerpt,
                    "character": _character(f.char[0]) if f.char else None,
                    "characters": [_character(char) for char in f.char or ""],
                    "hint": f.hint,
                    "editions": list(f.editions),
                }
                for f in self.findings
            ],
        }


def _character(char: str) -> dict[str, str]:
    """A character as the JSON report gives it, with its code point."""
    return {"char": char, "code": code_point(char)}


def unreadable(book_dir: Path, editions: Iterable[str], profile: str | None, error: PaibanError) -> Report:
    """The report of a book that cannot be read at all (a broken book.toml, an article that stops
    the build): one error, at its file and line, so ``--json`` always prints a report. A file in
    the book is named from the book, as every finding's is; the book's directory itself (missing,
    or without a book.toml) as it was given, not as "."."""
    file, root = error.file, book_dir.resolve()
    if file is not None and file.resolve() != root and file.resolve().is_relative_to(root):
        file = file.resolve().relative_to(root)
    return Report.of(str(book_dir), editions, profile, [Finding(
        "error", "book", error.message, file=file.as_posix() if file else None, line=error.line, hint=error.hint)])
