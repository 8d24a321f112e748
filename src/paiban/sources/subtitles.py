"""Subtitles saved as plain text: SRT (each cue its number, its times, its lines) and WebVTT (a
``WEBVTT`` line, then cues of times and lines), as transcription tools export an interview.

Read by the rules of a text's lines, each cue's number was a subheading (the first the title) and
its times ran into its speech. A cue's speech is a paragraph, opening with the time the cue starts
as a transcript writes it (``[00:00:01]``), so a reader can find the words in the recording; its
number, the time it ends and how a player shows it (its settings, its lines' markup, WebVTT's
notes and styles) are a player's, left out. A text is subtitles by its shape through, not by
how it opens: most of its blocks are cues, each its times to the millisecond over its text, and
a line of text outside them is kept as written.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import NamedTuple

from .. import patterns
from .wrapping import join_lines

log = logging.getLogger("paiban")

# A moment of a recording to the millisecond, as a player needs it (00:00:01,000, WebVTT's 00:01.000):
# a clock's 09:00 is none.
_TIME = r"(?:(?P<{}>\d{{1,3}}):)?(?P<{}>\d{{1,2}}):(?P<{}>\d{{2}})[,.]\d{{1,3}}"
# A cue's times (00:00:01,000 --> 00:00:04,200), then WebVTT's settings, each a name and its value
# (align:start line:0): an agenda's 09:00 --> 09:30 签到 is no cue's.
_TIMING = patterns.compile(
    rf"^{_TIME.format('h', 'm', 's')}\s*-->\s*{_TIME.format('h2', 'm2', 's2')}(?:\s+[^\s:]+:\S+)*$")
# The first line of a WebVTT file, as its standard writes it: WEBVTT, alone or followed by a space and a header.
_SIGNATURE = patterns.compile(r"^WEBVTT(?:\s.*)?$")
# A WebVTT file's blocks that hold no cue: a comment, a style sheet, a region's settings.
_NO_CUE = patterns.compile(r"^(?:NOTE|STYLE|REGION)(?:\s|$)")
# A cue's markup: a tag (<i>, <font color="…">, <c.yellow>, WebVTT's <00:00:02.500>) or an ASS override ({\an8}).
_MARKUP = patterns.compile(r"</?(?:[a-zA-Z][^<>]*|\d[\d:.]*)>|\{\\[^{}]*\}")
# An SRT cue's number: figures, no more than a file could count to (a line of 5,000 figures is no
# number Python reads).
_CUE_NUMBER = patterns.compile(r"[0-9]{1,9}")
# WebVTT's voice, the speaker of a cue: <v 赵德明>, <v.loud 赵德明>. A class holds no dot: a tag of
# dots and no space (<v.a.a.a…>) was read every way its dots could part the classes, twice as long
# for each dot.
_VOICE = patterns.compile(r"^<v(?:\.[^\s.>]+)*\s+(?P<speaker>[^>]+)>")


class _Part(NamedTuple):
    number: int  # of its first line (a cue's: of its times), from 1
    start: str | None  # a cue's, [hh:mm:ss]; None for lines of text outside the cues
    lines: list[str]  # its text's


def paragraphs(text: str, path: Path) -> list[str] | None:
    """The speech of each cue of ``text`` that has some, opening with the time it starts, and each
    line of text outside the cues as written, when the text is subtitles: more than half of its
    blocks (:func:`_parts`) are cues. ``None`` for any other text. Judged by its first line, a text
    that only opened as subtitles do lost its words: an agenda's 09:00 --> 09:30 签到 was taken for a
    cue's times and settings (and the build stopped, the article empty), a tutorial titled WEBVTT
    字幕格式入门 for WebVTT, every line outside its one sample cue dropped. Told in a warning at the
    first cue's line."""
    if "-->" not in text:  # most texts stop here
        return None
    lines = [line.strip() for line in text.splitlines()]
    webvtt = bool(_SIGNATURE.match(lines[0]))
    parts = _parts(lines, webvtt)
    if 2 * sum(1 for part in parts if part.start) <= len(parts):
        return None
    _tell(path, parts, webvtt)
    found = []
    for part in parts:
        if not part.start:
            found.extend(part.lines)
        elif speech := _speech(part.lines, webvtt):
            found.append(f"{part.start} {speech}")
    return found


def _tell(path: Path, parts: list[_Part], webvtt: bool) -> None:
    """One warning, at the first cue's line: what of the subtitles is left out, and what is kept as written."""
    cues = [part for part in parts if part.start]
    outside = [part for part in parts if not part.start]
    kept = (f"; its {sum(len(part.lines) for part in outside)} line(s) of text outside the cues (from line "
            f"{outside[0].number}) are kept as paragraphs" if outside else "")
    log.warning("%s:%d: read as %s subtitles: each of its %d cues is a paragraph opening with the time it "
                "starts (%s); the cues' %s and the times they end are left out%s", path, cues[0].number,
                "WebVTT" if webvtt else "SRT", len(cues), cues[0].start,
                "identifiers and settings, the header and notes" if webvtt else "numbers", kept)


def _parts(lines: list[str], webvtt: bool) -> list[_Part]:
    """The cues of subtitles' ``lines`` and the runs of lines of text outside them, in their order.
    A cue is its identifier (:func:`_starts`), its times and the lines of its text, to an empty line
    or the next cue; a cue with no text is no cue, and its lines are text outside the cues. WebVTT's
    header and its blocks that hold no cue (:func:`_players`) are neither."""
    starts = _starts(lines, webvtt)
    players = _players(lines, starts) if webvtt else set()
    parts: list[_Part] = []
    index = 0
    while index < len(lines):
        if (times := starts.get(index)) is not None:
            end = times + 1
            while end < len(lines) and lines[end] and end not in starts:
                end += 1
            if end > times + 1:
                parts.append(_Part(times + 1, _start(_TIMING.match(lines[times])), lines[times + 1:end]))
                index = end
                continue
        if lines[index] and index not in players:
            if parts and not parts[-1].start and parts[-1].number + len(parts[-1].lines) == index + 1:
                parts[-1].lines.append(lines[index])
            else:
                parts.append(_Part(index + 1, None, [lines[index]]))
        index += 1
    return parts


def _starts(lines: list[str], webvtt: bool) -> dict[int, int]:
    """The first line of each cue, with the line of its times (:data:`_TIMING`): the times' own
    where they open a block, else the line over them where that is the cue's identifier: in
    WebVTT, a line that opens a block; in SRT, the cue's number, one more than the cue's before."""
    starts = {}
    number = None
    for index, line in enumerate(lines):
        if not _TIMING.match(line):
            continue
        above = lines[index - 1] if index else ""
        if not above:
            starts[index] = index
        elif webvtt and (index < 2 or not lines[index - 2]) and "-->" not in above:
            starts[index - 1] = index
        elif not webvtt and _CUE_NUMBER.fullmatch(above):
            if number is None or int(above) == number + 1:
                starts[index - 1] = index
            number = int(above)
    return starts


def _players(lines: list[str], starts: dict[int, int]) -> set[int]:
    """The indices of the lines of a WebVTT file that are a player's, not a cue's: its header (its
    first line to the first empty one) and its blocks that hold no cue (:data:`_NO_CUE`)."""
    found = set()
    player = True
    for index, line in enumerate(lines):
        if not line or index in starts:
            player = False
        elif not lines[index - 1] and _NO_CUE.match(line):
            player = True
        if player:
            found.add(index)
    return found


def _start(timing: re.Match) -> str:
    return f"[{int(timing['h'] or 0):02}:{int(timing['m']):02}:{timing['s']}]"


def _speech(lines: list[str], webvtt: bool) -> str:
    """A cue's lines as one line, without their markup; WebVTT's speaker
    (``<v 赵德明>``) named as a transcript names one, ``赵德明：``."""
    speech = ""
    for line in lines:
        voice = _VOICE.match(line) if webvtt else None
        said = _MARKUP.sub("", line[voice.end():] if voice else line)
        said = (f"{voice['speaker'].strip()}：" if voice else "") + (html.unescape(said) if webvtt else said).strip()
        speech = join_lines(speech, said) if speech and said else speech or said
    return speech
