"""Punctuation an editor would mark in proof: half-width marks in Chinese text, quotes and
brackets that never close (or close what was never opened), a second quote style, and Taiwan's
interpunct, ellipsis and dash in a Simplified edition.

Quotes and brackets balance within a paragraph, with the one convention that spans several:
a quotation running over paragraphs opens each of them and closes only at its end.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict

from .. import patterns
from ..chars import HAN, quoted
from ..config import LoadedConfig
from ..edition import Edition, editions_for, region_of
from ..model import Book
from ..theme import Theme
from ..punctuation import (QUOTE_MARKS, half_width_kept, in_latin_sentence, kaomoji_places, kept_brackets, kept_marks,
                           latin_quotations, quote_roles, sentence_ends, taiwan_marks)
from .passages import Locator, Passage, edition_name, in_urls, passages, shown
from .report import Finding

PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "《": "》", "〈": "〉", "【": "】", "〔": "〕"}
CLOSERS = {closer: opener for opener, closer in PAIRS.items()}
QUOTES = {"curly": "“”‘’", "corner": "「」『』"}
# Quote marks of neither style paiban sets: full-width straight, vertical-form, European.
FOREIGN_QUOTES = "＂〝〞﹁﹂﹃﹄«»‹›„‟"
FULL_WIDTH = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", '"': "“ or ”", "'": "‘ or ’",
              "(": "（", ")": "）"}
# A Latin mark touching a Han character (a full stop before a letter or digit is a file name or
# number), or set off by spaces beside one (他说 OK , 然后: paiban leaves it, as it cannot tell
# whether the sentence is Chinese), unless its sentence is Latin (He wrote 山 , 水 and 火., The
# characters 山, 水 and 人 are …); and a ! or ? after a full-width one, the rest of a run half
# converted (她不敢相信！!!).
_HALF_WIDTH = patterns.compile(rf"(?<=[{HAN}])(?:(?P<touching>[,;:?!\"'()]|\.(?![A-Za-z0-9]))"
                               rf"|[ \t]+(?P<spaced_after>[,.;:?!])(?:[ \t]|$))"
                               rf"|(?<=[！？])(?P<in_run>[?!])"
                               rf"|(?P<before>[,;:?!\"'()])(?=[{HAN}])"
                               rf"|(?<=[^\s])[ \t]+(?P<spaced_before>[,;:?!])[ \t]+(?=[{HAN}])")

Mark = tuple[Passage, int]  # a mark: its passage and offset
Spans = list[tuple[int, int]]  # stretches of a text, (start, end)


def punctuation_problems(book: Book, edition: Edition, loaded: LoadedConfig, locator: Locator,
                         theme: Theme) -> list[Finding]:
    """Warnings for half-width marks, unbalanced quotes and brackets, and foreign quote styles."""
    findings: dict[tuple, Finding] = {}

    def report(mark: Mark, message: str, hint: str, char: str | None = None) -> None:
        passage, offset = mark
        finding = Finding(severity="warning", check="punctuation", message=message,
                          file=shown(passage.source, book.root), char=char or passage.text[offset], hint=hint,
                          editions=(edition_name(edition),), **asdict(locator.place(passage, offset)))
        findings.setdefault((message, finding.file, finding.line, finding.paragraph), finding)

    prose = [passage for passage in passages(book, loaded, theme) if passage.prose]
    no_quotes = _apostrophes_and_primes(prose)
    left = no_quotes | _kept_as_written(prose)  # marks the build does not requote
    for passage in prose:
        for match in _half_width(passage.text) if passage.mended else ():
            name = match.lastgroup
            mark = match.group(name)
            report((passage, match.start(name)), f"half-width {quoted(mark)} in Chinese text",
                   f"Use the full-width {FULL_WIDTH[mark]} in Chinese text.")
        latin = latin_quotations(passage.text) if edition.quotes == "corner" else set()
        for offset, char in enumerate(passage.text):
            if char in FOREIGN_QUOTES or (char in QUOTES["curly"] + QUOTES["corner"]
                                          and char not in QUOTES[edition.quotes]
                                          and (id(passage), offset) not in left and offset not in latin):
                report((passage, offset), f"{char} in an edition that quotes with {QUOTES[edition.quotes]}",
                       f"Quote with {QUOTES[edition.quotes]} throughout (`quotes` of the edition in book.toml "
                       "sets the style paiban converts “ ” and 「 」 to; other marks must be retyped).")
    if region_of(edition.language) == "SC":
        for mark, run in _taiwan_marks(prose):
            report(mark, f"{run} (U+{ord(run[0]):04X}) in a Simplified edition",
                   f"{_MAINLAND_FORM[run[0]]} An edition that converts Traditional text to Simplified "
                   "(convert = \"tw2sp\") sets it itself.")
    named = _in_each_style(edition, loaded)
    for passage, offset in _unbalanced(prose, no_quotes | _in_kaomoji(prose)):
        char = passage.text[offset]
        message = (f"{named(char)} closes a {named(CLOSERS[char])} that was never opened" if char in CLOSERS
                   else f"{named(char)} is never closed")
        report((passage, offset), message, "Add the missing mark, or remove the stray one.", named(char)[0])
    return list(findings.values())


# What the mainland writes (GB/T 15834) for each of Taiwan's and Big5 texts' marks (TAIWAN_MARKS),
# a run of which is one finding: ． between Chinese characters parts names, or ends a sentence as
# scientific texts may end one; a box-drawing ─ is no dash at all.
_MAINLAND_FORM = {
    "‧": "Write · between names and a title's parts, as the mainland does (GB/T 15834).",
    "．": "Write · between names and a title's parts, as the mainland does (GB/T 15834), or 。 for a full stop.",
    "⋯": "Write …… (two …) for an ellipsis, as the mainland does (GB/T 15834).",
    "─": "Write —— (two em dashes, U+2014) for a dash, as the mainland does (GB/T 15834): ─ is a box-drawing line.",
    "―": "Write —— (two em dashes, U+2014) for a dash, as the mainland does (GB/T 15834).",
}


def _taiwan_marks(prose: list[Passage]) -> Iterator[tuple[Mark, str]]:
    """Taiwan's forms of the interpunct, ellipsis and dash (:func:`~paiban.punctuation.taiwan_marks`)
    that a Simplified edition still prints: its source's, which no conversion set as the mainland's;
    each with its run. Read a paragraph at a time, as a conversion sets them (a chart's ─ is known
    by the ├ or └ of its other lines, other texts of its paragraph). Not in no-convert text, which
    is printed as written on purpose."""
    for block in _paragraphs(prose):
        joined, starts = _joined(block, "")  # (as the build reads them: 张<em>．</em>三 is between names)
        for match in taiwan_marks(joined):
            if (mark := _mark_at(block, starts, match.start()))[0].converted:
                yield mark, match[0]


def _in_each_style(edition: Edition, loaded: LoadedConfig) -> Callable[[str], str]:
    """How an unbalanced mark is named: a quote mark in each quote style the book's editions set
    (「 or “), in their order, so that one quotation left open is one finding naming every edition,
    whichever mark each shows; any other mark (（, 《) as it is."""
    styles = list(dict.fromkeys([*(each.quotes for each in editions_for(loaded.config)), edition.quotes]))

    def named(char: str) -> str:
        style = next((style for style, marks in QUOTES.items() if char in marks), None)
        if style is None or len(styles) == 1:
            return char
        return " or ".join(QUOTES[each][QUOTES[style].index(char)] for each in styles)

    return named


def _half_width(text: str) -> Iterator[re.Match[str]]:
    """The half-width marks in Chinese text the build leaves and an editor would change: not an
    emoticon's (开心:)), nor a URL's (/搜索?q=), nor a citation's label's or a telephone number's
    code's bracket (第5(1)條, (852) 2345 6789: :func:`~paiban.punctuation.kept_brackets`), nor a
    mark in a Latin sentence, which the build keeps as written (a straight quote beside Chinese is
    shown there too: the build curls a quotation by its own rule)."""
    matches = list(_HALF_WIDTH.finditer(text))
    if not matches:  # most passages: then no emoticon or sentence is worth finding
        return
    left = in_urls(text) | half_width_kept(text) | kept_brackets(text)
    ends = sentence_ends(text)
    for match in matches:
        name = match.lastgroup
        judged = name != "in_run" and match[name] not in "\"'"
        if match.start(name) not in left and not (judged and in_latin_sentence(text, *match.span(name), ends)):
            yield match


def _unbalanced(prose: list[Passage], unpaired: set[tuple[int, int]]) -> Iterator[Mark]:
    """Unclosed openers and unopened closers, paragraph by paragraph; ``unpaired`` are the marks
    that pair with none (by passage id and offset): apostrophes, primes, a kaomoji's brackets."""
    carried: list[Mark] = []  # openers left at the end of the previous paragraph
    for block in _paragraphs(prose):
        first = next((p.text.lstrip()[:1] for p in block if p.text.strip()), "")
        for mark in carried:
            if not (first == mark[0].text[mark[1]] and first in "“‘「『"):
                yield mark
        carried = []
        for passage in block:
            for offset, char in enumerate(passage.text):
                if (id(passage), offset) in unpaired:
                    continue
                if char in PAIRS:
                    carried.append((passage, offset))
                elif char in CLOSERS:
                    opener = next((i for i in range(len(carried) - 1, -1, -1)
                                   if carried[i][0].text[carried[i][1]] == CLOSERS[char]), None)
                    if opener is None:
                        yield passage, offset
                        continue
                    yield from carried[opener + 1:]
                    del carried[opener:]
    yield from carried


def _paragraphs(prose: list[Passage]) -> Iterator[list[Passage]]:
    block: list[Passage] = []
    for passage in prose:
        if block and passage.block != block[0].block:
            yield block
            block = []
        block.append(passage)
    if block:
        yield block


def _apostrophes_and_primes(prose: list[Passage]) -> set[tuple[int, int]]:
    """The quote marks that are no quotes (don’t, rock ’n’ roll, 5’10”), by passage id and offset,
    told as the build tells them (:func:`~paiban.punctuation.quote_roles`)."""
    return _in_paragraphs(prose, lambda joined, kept: {
        match.start() for match in QUOTE_MARKS.finditer(joined)} - set(quote_roles(joined)))


def _in_kaomoji(prose: list[Passage]) -> set[tuple[int, int]]:
    """The characters of kaomoji (:func:`~paiban.punctuation.kaomoji_places`), by passage id and offset: the
    build keeps their brackets as typed, a pair of two widths too ((╯°□°）╯︵ ┻━┻), which close nothing."""
    return {(id(passage), at) for passage in prose for at in kaomoji_places(passage.text)}


def _kept_as_written(prose: list[Passage]) -> set[tuple[int, int]]:
    """The quote marks the build leaves in their style, by passage id and offset: those of text it
    does not convert (no-convert) and their quotations' other marks
    (:func:`~paiban.punctuation.kept_marks`)."""
    return _in_paragraphs(prose, lambda joined, kept: kept_marks(joined, quote_roles(joined), kept) if kept else set())


def _in_paragraphs(prose: list[Passage], marks: Callable[[str, Spans], set[int]]) -> set[tuple[int, int]]:
    """``marks`` over each paragraph's texts together, as the build sets quotes (a quote opened in
    one passage may be closed in another), by passage id and offset. ``marks`` is given the
    paragraph's texts joined by NUL and the spans of those not converted, and returns offsets in them."""
    found = set()
    for block in _paragraphs(prose):
        joined, starts = _joined(block, "\x00")
        kept = [(at, at + len(passage.text))
                for passage, at in zip(block, starts, strict=True) if not passage.converted]
        for at in marks(joined, kept):  # (the NULs between texts are no marks)
            passage, offset = _mark_at(block, starts, at)
            found.add((id(passage), offset))
    return found


def _joined(block: list[Passage], separator: str) -> tuple[str, list[int]]:
    """The texts of a paragraph's passages joined by ``separator``, and where each starts in that."""
    lengths = (len(passage.text) + len(separator) for passage in block[:-1])
    return separator.join(passage.text for passage in block), list(itertools.accumulate(lengths, initial=0))


def _mark_at(block: list[Passage], starts: list[int], at: int) -> Mark:
    """The passage of ``block`` that offset ``at`` of its joined texts (:func:`_joined`) is in, and the offset in it."""
    index = bisect.bisect_right(starts, at) - 1
    return block[index], at - starts[index]
