"""``preflight``: every check on every edition of a book, and on the EPUB each edition makes.

The EPUBs are rendered afresh into a temporary directory rather than taken from ``build/``:
a preflight must judge what the sources make now, and a ``build/`` EPUB may be older than
the last edit, from other options, or missing. Rendering an EPUB costs well under a second;
EPUBCheck's few seconds of start-up, paid once for all editions, are the price of the store's
first test: its JVM starts with the preflight, and checks each EPUB while the next edition's
text is checked. A preflight stopped (Ctrl-C) or failing stops EPUBCheck with it.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from collections.abc import Iterable
from pathlib import Path

from .. import patterns
from ..assemble import assemble
from ..build import edition_epub
from ..config import LoadedConfig, load_config
from ..convert import edition_theme, make_edition
from ..edition import Edition, editions_for, output_path
from ..fonts import missing_fonts
from ..model import Book
from ..page import PageGeometry, page_geometry
from ..retold import Told, kept
from ..sources.markdown import UNDEFINED_NOTE
from ..theme import Theme
from .epubcheck import epubcheck_findings, start_epubcheck, stop_epubcheck
from .glyphs import missing_glyphs, theme_font_problems, uninstalled_fonts
from .images import image_problems
from .links import link_problems
from .metadata import metadata_problems
from .passages import Locator, edition_name, shown
from .punctuation import punctuation_problems
from .report import Finding, Report
from .script import wrong_script
from .stores import PROFILES, store_problems
from .surnames import changed_surnames
from .tables import table_problems


def preflight(book_dir: str | os.PathLike = ".", editions: Iterable[str] = (), profile: str | None = None,
              epubcheck: bool = True) -> Report:
    """Check the book in ``book_dir`` (every declared edition, or those named) and return the report.

    ``profile`` (kindle, apple, kobo) adds that store's rules on the EPUB. ``epubcheck=False``
    skips validating the EPUBs, and rendering them unless a profile reads them (the text checks
    alone take about a second).
    Raises :class:`~paiban.PaibanError` when the book cannot be read at all.
    """
    if profile is not None and profile not in PROFILES:
        raise ValueError(f"unknown store profile {profile!r}; one of {', '.join(PROFILES)}")
    root = Path(book_dir)
    loaded = load_config(root)
    chosen = editions_for(loaded.config, tuple(editions))
    page = page_geometry(loaded)
    source, told = kept(lambda: assemble(loaded))
    theme = Theme(source.root)
    findings = (metadata_problems(loaded, chosen) + told_as_findings(told, source.root)
                + theme_font_problems(theme, chosen, source.root))
    epubs: dict[Path, str] = {}  # rendered EPUB → its edition's name
    checked: list[Future[list[Finding]]] = []  # EPUBCheck's findings on each, checked as the next edition is
    since = start_epubcheck() if epubcheck else 0  # its JVM starts while the text is checked
    with (tempfile.TemporaryDirectory(prefix="paiban-check-") as scratch,
          ThreadPoolExecutor(max_workers=os.cpu_count()) as pool):
        try:
            for edition in chosen:
                book = make_edition(source, edition, loaded.config.text.spacing)
                printed = edition_theme(theme, edition)
                findings += _edition_findings(source, book, edition, loaded, printed, page)
                # An EPUB that embeds fonts cannot be made without them (the glyphs check reports it).
                unmade = loaded.config.epub.embed_fonts and missing_fonts(edition.fonts)
                if (epubcheck or profile) and not unmade:
                    target = output_path(Path(scratch), book.slug, edition, "epub")
                    epub = edition_epub(book, edition, printed, target, loaded).path
                    epubs[epub] = edition_name(edition)
                    if epubcheck:  # in turn in the EPUBCheck loop; side by side where each needs a JVM of its own
                        checked.append(pool.submit(epubcheck_findings, epub, epubs[epub], since))
            for future in checked:
                findings += future.result()
        except BaseException:  # stopped (Ctrl-C) or failed: what EPUBCheck has yet to say is not waited for
            pool.shutdown(wait=False, cancel_futures=True)
            stop_epubcheck()
            raise
        for epub, name in epubs.items():
            findings += store_problems(epub, profile, name) if profile else []
    return Report.of(str(root), map(edition_name, chosen), profile, _told_once(findings))


def _told_once(findings: list[Finding]) -> list[Finding]:
    """``findings`` without a reading's warning of a footnote reference to no note that the links
    check calls an error at the same place: the report listed both, the reader's warning (which the
    build tells) and the error."""
    errors = {(found.file, found.line, label) for found in findings if found.check == "links"
              for label in UNDEFINED_NOTE.findall(found.message)}
    return [found for found in findings if found.check != "book"
            or not any((found.file, found.line, label) in errors for label in UNDEFINED_NOTE.findall(found.message))]


def _edition_findings(source: Book, book: Book, edition: Edition, loaded: LoadedConfig, printed: Theme,
                      page: PageGeometry) -> list[Finding]:
    """What every check but EPUBCheck finds in an edition (``book``, ``source`` converted into it,
    ``printed`` its theme): its fonts and glyphs, script (and names it converted), punctuation,
    pictures, links and tables."""
    locator = Locator(edition)
    return [*uninstalled_fonts(edition, loaded, book, locator),
            *missing_glyphs(book, edition, loaded, locator, printed),
            *wrong_script(book, edition, loaded, locator, printed),
            *changed_surnames(source, book, edition, loaded, locator),
            *punctuation_problems(book, edition, loaded, locator, printed),
            *image_problems(book, edition, page, locator),
            *link_problems(book, edition, locator),
            *table_problems(book, edition, page, locator, printed)]


# What reading a source logs: ``path:line: what`` or ``path: what`` (see the sources' warnings).
_TOLD = patterns.compile(r"(?P<file>[^\n]+?)(?::(?P<line>\d+))?: (?P<message>.+)", re.DOTALL)


def told_as_findings(told: Told, root: Path) -> list[Finding]:
    """The warnings reading the book gave (an uncertain encoding, a footnote left out, characters
    removed, a .doc or a folder the book leaves out), as findings at the file (or folder) and line
    they name: a build tells them in the terminal, and a preflight, which a CI step reads as JSON,
    must list them with the rest."""
    findings = []
    for level, text in told:
        if level < logging.WARNING:
            continue
        place = _TOLD.fullmatch(text)
        named = place is not None and Path(place["file"]).exists()  # a file, or a folder left out
        findings.append(Finding(
            severity="error" if level >= logging.ERROR else "warning", check="book",
            message=place["message"] if named else text, file=shown(Path(place["file"]), root) if named else None,
            line=int(place["line"]) if named and place["line"] else None))
    return findings
