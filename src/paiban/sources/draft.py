"""What a reader returns before the body is finished: plain fields and raw HTML."""

from __future__ import annotations

from dataclasses import dataclass, field

# What to do about an article with nothing in it, whatever its format.
EMPTY_HINT = "Write its title and text, or keep it out of the book's folders until it has some."
# What to do about a formula, which paiban prints as the TeX it is written in (README, Formulas).
NO_MATH = ("paiban sets no math. Write the formula as text (a/b, x<sup>2</sup>, H<sub>2</sub>O, →), or put it in "
           "as a picture")


@dataclass(frozen=True)
class Draft:
    title: str | None
    body: str
    title_markup: str | None = None  # the title as HTML, where the source can mark part of it no-convert
    title_id: str | None = None  # the id written on the title heading (Markdown's ``# 标题 {#id}``)
    subtitle: str | None = None  # the line under the headline that is its subtitle (titles.subtitle_of), or one given
    author: str | None = None
    column: str | None = None
    date: str | None = None
    origin: str | None = None
    convert: bool = True
    running_title: str | None = None  # a short title for the running heads (Markdown front matter)
    # What the reader dropped as page furniture (junk lines, empty paragraphs): for the import report.
    removed: tuple[str, ...] = ()
    # Images carried inside the source (a .docx): the name the body's <img src> uses → the bytes.
    embedded: dict[str, bytes] = field(default_factory=dict)
    encoding: str | None = None  # the text encoding detected; None for binary formats
