"""What a reader returns before the body is finished: plain fields and raw HTML."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Draft:
    title: str | None
    body: str
    author: str | None = None
    column: str | None = None
    date: str | None = None
    origin: str | None = None
    convert: bool = True
