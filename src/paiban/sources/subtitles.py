"""Subtitles saved as plain text: SRT (each cue its number, its times, its lines) and WebVTT (a
``WEBVTT`` line, then cues of times and lines), as transcription tools export an interview.

Read by the rules of a text's lines, each cue's number was a subheading (the first the title) and
its times ran into its speech. A cue's speech is a paragraph, opening with the time the cue starts
as a transcript writes it (``[00:00:01]``), so a reader can find the words in the recording; its
number, the time it ends and how a player shows it (its settings, its lines' markup, WebVTT's
notes and styles) are a player's, left out.
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

_TIME = r"(?:(?P<{}>\d+):)?(?P<{}>\d{{1,2}}):(?P<{}>\d{{2}})(?:[,.]\d{{1,3}})?"
# A cue's times (00:00:01,000 --> 00:00:04,200, WebVTT's 00:01.000 --> 00:04.200 align:start).
_TIMING = patterns.compile(rf"^{_TIME.format('h', 'm', 's')}\s*-->\s*{_TIME.format('h2', 'm2', 's2')}(?:\s.*)?$")
# A WebVTT file's blocks that hold no cue: a comment, a style sheet, a region's settings.
_NO_CUE = patterns.compile(r"^(?:NOTE|STYLE|REGION)(?:\s|$)")
# A cue's markup: a tag (<i>, <font color="…">, <c.yellow>, WebVTT's <00:00:02.500>) or an ASS override ({\an8}).
_MARKUP = patterns.compile(r"</?(?:[a-zA-Z][^<>]*|\d[\d:.]*)>|\{\\[^{}]*\}")
# WebVTT's voice, the speaker of a cue: <v 赵德明>, <v.loud 赵德明>.
_VOICE = patterns.compile(r"^<v(?:\.[^\s>]+)*\s+(?P<speaker>[^>]+)>")


class _Cue(NamedTuple):
    number: int  # of the line of its times, from 1
    start: str  # [hh:mm:ss]
    lines: list[tuple[int, str]]  # its text's, each with its index


def paragraphs(text: str, path: Path) -> list[str] | None:
    """The speech of each cue of ``text`` that has some, opening with the time it starts, when the
    text is subtitles: its first line with words is ``WEBVTT``, a cue's times, or a cue's number
    over its times. ``None`` for any other text. Told in a warning at the first cue's line."""
    if "-->" not in text:  # most texts stop here
        return None
    lines = [line.strip() for line in text.splitlines()]
    webvtt = _format(lines)
    if webvtt is None:
        return None
    cues = _cues(lines, webvtt)
    if cues:
        log.warning("%s:%d: read as %s subtitles: each of its %d cues is a paragraph opening with the time it "
                    "starts (%s); the cues' %s and the times they end are left out", path, cues[0].number,
                    "WebVTT" if webvtt else "SRT", len(cues), cues[0].start,
                    "identifiers, settings and notes" if webvtt else "numbers")
    return [f"{cue.start} {speech}" for cue in cues if (speech := _speech(cue.lines, webvtt))]


def _format(lines: list[str]) -> bool | None:
    """Whether ``lines`` are WebVTT's (True) or SRT's (False), by their first lines with words;
    ``None`` when they open as no subtitles do."""
    first = [line for line in lines[:50] if line][:2]
    if not first:
        return None
    if first[0].startswith("WEBVTT"):
        return True
    if _TIMING.match(first[0]) or first[0].isdigit() and len(first) > 1 and _TIMING.match(first[1]):
        return False
    return None


def _cues(lines: list[str], webvtt: bool) -> list[_Cue]:
    """The cues of subtitles' ``lines``. The line of words right over a cue's times is its identifier
    (SRT's number) where it is a number or an empty line is over it; any other line is the text of
    the cue above it, so a cue whose text an empty line parts keeps it all. WebVTT's header (to
    the first empty line) and its blocks that hold no cue (:data:`_NO_CUE`) are skipped."""
    cues: list[_Cue] = []
    skipping = webvtt
    for index, line in enumerate(lines):
        if not line:
            skipping = False
        elif timing := _TIMING.match(line):
            identifier = cues and cues[-1].lines and cues[-1].lines[-1] == (index - 1, lines[index - 1])
            if identifier and (lines[index - 1].isdigit() or not lines[index - 2]):
                cues[-1].lines.pop()
            cues.append(_Cue(index + 1, _start(timing), []))
            skipping = False
        elif skipping or webvtt and not lines[index - 1] and _NO_CUE.match(line):
            skipping = True
        elif cues:
            cues[-1].lines.append((index, line))
    return cues


def _start(timing: re.Match) -> str:
    return f"[{int(timing['h'] or 0):02}:{int(timing['m']):02}:{timing['s']}]"


def _speech(lines: list[tuple[int, str]], webvtt: bool) -> str:
    """A cue's lines (each with its index) as one line, without their markup; WebVTT's speaker
    (``<v 赵德明>``) named as a transcript names one, ``赵德明：``."""
    speech = ""
    for _, line in lines:
        voice = _VOICE.match(line) if webvtt else None
        said = _MARKUP.sub("", line[voice.end():] if voice else line)
        said = (f"{voice['speaker'].strip()}：" if voice else "") + (html.unescape(said) if webvtt else said).strip()
        speech = join_lines(speech, said) if speech and said else speech or said
    return speech
