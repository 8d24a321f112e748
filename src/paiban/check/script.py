"""Script consistency: Traditional characters left in a Simplified edition, and the reverse.

They come from ``[phrases]``, from text typed in the other script, or from a conversion that
missed. A character is flagged when two things hold:

- on its own it belongs to the other script only: OpenCC converts it towards the edition's
  script and leaves it alone in the opposite direction (體: t2s gives 体, s2t keeps 體; 干 is
  not flagged in a Simplified edition, because s2t would change it: it is a Simplified form),
  and OpenCC's own tables do not list it as a form of both (:func:`~paiban.convert.both_scripts`):
  云 (詩云), 于 (單于), 后, 里, Taiwan's and Hong Kong's everyday 台 (台灣) are Traditional forms
  too, though s2t writes 雲, 於, 後, 裏, 臺, and are never flagged in a Traditional edition;
- in its context, every conversion into the edition's script and region would change it,
  with the edition's own ``[phrases]``. Phrase-aware OpenCC keeps what its phrase tables keep,
  and a book's ``"征程" = "征程"`` what it lists, so words that rightly use such characters pass.

No-convert text, text tagged with another language (:func:`~paiban.edition.kept_as_written`) and
code are skipped: they are meant to stay as written.

A book whose sources are mostly in the other script than its ``language`` says (a Traditional
book left to the default zh-Hans) gets one finding at that ``language``, not one for each line:
the language is wrong, not the text.
"""

from __future__ import annotations

from dataclasses import asdict

from ..config import LoadedConfig, script_of
from ..convert import converter, one_script, written_in
from ..edition import Edition, opencc_chain
from ..model import Book
from ..sources import READERS
from ..theme import Theme
from ..titles import untagged
from .metadata import language_line
from .passages import Locator, Passage, edition_name, once_per_line, passages, shown
from .report import Finding, code_point

# The conversions into each language's script and region; a character must fail all of them.
TOWARDS = {"zh-Hans": ("t2s",), "zh-Hant": ("s2t",), "zh-Hant-TW": ("s2tw", "s2twp"), "zh-Hant-HK": ("s2hk",)}
SCRIPT_NAMES = {"Hans": "Simplified", "Hant": "Traditional"}


def wrong_script(book: Book, edition: Edition, loaded: LoadedConfig, locator: Locator,
                 theme: Theme) -> list[Finding]:
    """A warning for each character of the other script, once per source line; one at the
    ``language`` instead when an edition that prints the sources as written finds most of them
    in the other script."""
    simplified = edition.language == "zh-Hans"
    printed = [passage for passage in passages(book, loaded, theme) if passage.prose and passage.converted]
    if not edition.convert and (wrong := _wrong_language(printed, book, edition, loaded)):
        return [wrong]
    source = loaded.config.book.language
    kept = _phrased(edition, loaded)
    places = ((passage, offset, suggested) for passage in printed
              for offset, suggested in _strays(passage.text, edition.language, source, _conversions(edition, source),
                                               kept))
    findings = []
    for passage, char, place, suggested in once_per_line(places, locator):
        findings.append(Finding(
            severity="warning", check="script",
            message=f"{'Traditional' if simplified else 'Simplified'} {char} ({code_point(char)}) in a "
                    f"{'Simplified' if simplified else 'Traditional'} edition; OpenCC writes {suggested}",
            file=shown(passage.source, book.root), char=char, **asdict(place),
            hint=_hint(passage, edition, loaded, char, suggested),
            editions=(edition_name(edition),)))
    return findings


# How many characters of the other script's own, and what share of them all, make the sources
# that script's rather than a book quoting it.
_CLEARLY_WRITTEN_IN = (50, 0.8)


def _wrong_language(printed: list[Passage], book: Book, edition: Edition, loaded: LoadedConfig) -> Finding | None:
    """The finding for sources written mostly in the other script than the edition's language:
    each of their characters would otherwise be a warning telling the author to rewrite the book.
    The theme's text (目录) is left out of the count: it is written in the language's script. Only
    a clear verdict (:data:`_CLEARLY_WRITTEN_IN`) speaks for the book: a Simplified anthology half of
    Traditional quotations, or one Traditional phrase in an English book, keeps its findings at
    their lines."""
    written, tally = written_in("".join(passage.text for passage in printed if passage.source is not None))
    tagged = script_of(edition.language)
    least, share = _CLEARLY_WRITTEN_IN
    if written in (None, tagged) or tally[written] < least or tally[written] < share * tally.total():
        return None
    language = "zh-Hans" if written == "Hans" else "zh-Hant"
    return Finding(
        severity="warning", check="script", file=shown(loaded.path, book.root), line=language_line(loaded, edition),
        message=f"the sources are {SCRIPT_NAMES[written]} ({tally[written]} {SCRIPT_NAMES[written]} forms, "
                f"{tally[tagged]} {SCRIPT_NAMES[tagged]}), but the edition's language is {edition.language}",
        hint=f'Set language = "{language}" in book.toml'
             + (" (or zh-Hant-TW, zh-Hant-HK for a region's fonts and usage)" if written == "Hant" else "")
             + f": it names the script the sources are written in; an edition in {SCRIPT_NAMES[tagged]} is "
               "made with `convert`.",
        editions=(edition_name(edition),))


# How text that must stay as written is marked, by the reader of its file; a .docx or a .txt
# has no way to mark it: its chapter in book.toml keeps the whole file.
_KEEPING = {"markdown": "mark it [原文]{.no-convert}, or the whole file with no-convert: true in its front matter",
            "html": 'mark it <span class="no-convert">'}
_KEEPING_FILE = "keep the whole file so with no-convert = true on its [[chapters]] entry in book.toml"


def _hint(passage: Passage, edition: Edition, loaded: LoadedConfig, char: str, suggested: str) -> str:
    """What fixes the character where it is written. book.toml has no no-convert; an edition's own
    title and subtitle print as written, while [book]'s values are converted like the text."""
    if passage.source != loaded.path:
        keeping = _KEEPING.get(READERS.get(passage.source.suffix.lower()) if passage.source else None, _KEEPING_FILE)
        if not edition.convert:  # a word OpenCC does not know (Cantonese 晒, all; 吓, a bit) is the book's to declare
            return (f"Write {suggested} in the source; if {char} is the word meant here, keep it in [phrases], "
                    f'"{char}" = "{char}" (or the word it is part of), which every edition follows; '
                    f"for text that must stay as written, {keeping}.")
        return (f"Write {suggested} in the source, or fix the [phrases] entry that puts {char} there; "
                f"for text that must stay as written, {keeping}.")
    own = (untagged(edition.title or ""), untagged(edition.subtitle or ""), *dict(edition.metadata).values())
    if not edition.convert or passage.text in own:
        return f"Write {suggested} in book.toml: this value is printed as written, never converted."
    return f"Fix the [phrases] entry that puts {char} there: [book]'s values are converted like the text."


def _conversions(edition: Edition, source_language: str) -> tuple[tuple[str, ...], ...]:
    """The conversions that write the edition's text, each as the build runs it on a book written in
    ``source_language`` (:func:`~paiban.edition.opencc_chain`: a Taiwan book's 簷, 著 are taken to
    OpenCC's standard before t2s, which keeps them): its language's, and its own. A character its own
    conversion writes (s2hk's 户) is not the source's fault even when ``language`` names no region
    (zh-Hant, whose s2t writes 戶); a region it contradicts is refused in book.toml."""
    own = (edition.opencc,) if edition.convert and edition.convert not in TOWARDS[edition.language] else ()
    return (*(opencc_chain(config, source_language) for config in TOWARDS[edition.language]), *own)


def _phrased(edition: Edition, loaded: LoadedConfig) -> tuple[tuple[str, str], ...]:
    """The words ``[phrases]`` write in the edition's text, each as a phrase of itself: the check
    converts the printed text again, where a converting edition's phrases have done their work
    (``"唔该晒" = "唔該晒"`` printed 唔該晒, which its Simplified key no longer matches), and an
    edition printing the sources as written has the words a phrase keeps as they are
    (``"唔該晒" = "唔該晒"``: Cantonese 晒, all, which OpenCC writes as 曬, sun-dry), even a book
    with no ``[[editions]]``, whose one edition converts nothing and so is given no phrases."""
    if edition.convert:
        return tuple((word, word) for word in sorted({value for _, value in edition.phrases}))
    return tuple((word, word) for word, value in sorted(loaded.config.phrases.items()) if word == value)


def _strays(text: str, language: str, source_language: str, configs: tuple[tuple[str, ...], ...],
            phrases: tuple[tuple[str, str], ...] = ()) -> list[tuple[int, str]]:
    """(offset, what the first of ``configs`` writes instead) for each stray character of ``text``:
    one of the other script that every conversion of ``configs`` into ``language`` would change."""
    if not any(_other_script(char, language, source_language) for char in set(text)):
        return []
    changed = [_convert(text, config, phrases) for config in configs]
    return [(offset, changed[0][offset]) for offset, char in enumerate(text)
            if _other_script(char, language, source_language) and all(version[offset] != char for version in changed)]


def _convert(text: str, configs: tuple[str, ...], phrases: tuple[tuple[str, str], ...]) -> str:
    """``text`` converted in context; character by character if a phrase changed the length."""
    convert = converter(configs, phrases)
    converted = convert(text)
    return converted if len(converted) == len(text) else "".join(convert(char)[:1] or char for char in text)


def _other_script(char: str, language: str, source_language: str) -> bool:
    """Whether ``char`` alone is a form of the other script only in a book written in
    ``source_language`` (see the module's docstring)."""
    return one_script(char, source_language) not in (None, script_of(language))
