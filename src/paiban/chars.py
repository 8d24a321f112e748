"""Characters no book can carry: removed with a warning naming where they were, never a crash.

XML 1.0 (and so EPUB's XHTML and the OPF) cannot hold the C0 control characters other than
tab, line feed and carriage return, nor surrogates, U+FFFE or U+FFFF; lxml refuses to build a
tree with them. Text copied from the web brings them along, as does a ``\\u0001`` escape in
TOML or YAML and a ``&#1;`` reference in HTML. DEL and the C1 controls are legal XML but never
text a reader should see (HTML calls them parse errors), so they go too.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

log = logging.getLogger("paiban")

ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str, where: str | Path) -> str:
    """``text`` without the characters XML cannot carry; a warning names ``where`` if any were there."""
    found = ILLEGAL.findall(text)
    if not found:
        return text
    log.warning("%s: removed %d control or non-text character(s) (first: U+%04X) that an e-book "
                "cannot carry", where, len(found), ord(found[0]))
    return ILLEGAL.sub("", text)
