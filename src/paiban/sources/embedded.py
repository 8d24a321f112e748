"""Images carried inside a source (a .docx, a data: URL in HTML) become files of the book when it is built directly.

Renderers take every image from the book directory, so a build that reads a .docx writes its
images once into ``.paiban/images/`` in the book, each named by its content: rebuilding
rewrites nothing, and two documents with the same picture share one file. ``paiban import``
instead puts them beside the imported article, where an editor sees them.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path, PurePosixPath

from ..atomic import atomic_output
from ..xhtml import rewrite
from .draft import Draft

IMAGE_CACHE = Path(".paiban") / "images"
# The pictures a book can show, by media type, and the suffix of the file each is stored in.
IMAGE_SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/svg+xml": ".svg",
                  "image/webp": ".webp"}


def store_embedded(draft: Draft, source: Path, root: Path) -> Draft:
    """``draft`` with its embedded images saved in the book and its ``<img src>`` pointing at them."""
    if not draft.embedded:
        return draft
    saved = {name: _save(content, PurePosixPath(name).suffix, root) for name, content in draft.embedded.items()}

    def visit(element) -> None:
        if element.tag == "img" and element.get("src") in saved:
            element.set("src", Path(os.path.relpath(saved[element.get("src")], source.parent)).as_posix())

    return replace(draft, body=rewrite(draft.body, visit), embedded={})


def _save(content: bytes, suffix: str, root: Path) -> Path:
    target = root / IMAGE_CACHE / f"{hashlib.sha256(content).hexdigest()[:16]}{suffix}"
    if not target.is_file():
        with atomic_output(target) as temporary:
            temporary.write_bytes(content)
    return target
