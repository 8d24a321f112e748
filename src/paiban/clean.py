"""``paiban clean``: remove what builds wrote into a book's output directory, and the build cache.

Only files paiban names (every edition's outputs, in every format, and what a killed build
left half-written) are removed, so other files an author keeps in the directory stay; the
book's own ``build/`` goes when that leaves it empty, a directory given with ``--output`` never.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from .assemble import book_slug
from .cache import CACHE_DIR
from .config import load_config
from .edition import FORMATS, TARGET_LANGUAGE, editions_for, output_path
from .errors import PaibanError
from .paths import OUTPUT_DIR


def clean(book_dir: str | os.PathLike = ".", output: str | os.PathLike | None = None) -> list[Path]:
    """Remove the build outputs and the cache of the book in ``book_dir``; return what was removed."""
    loaded = load_config(Path(book_dir))
    out_dir = Path(output) if output is not None else loaded.book_dir / OUTPUT_DIR
    slug = book_slug(loaded)
    declared = editions_for(loaded.config)
    # A one-off --convert edition is named after its language: any of them may be there.
    editions = [*declared, *(replace(declared[0], suffix=language) for language in set(TARGET_LANGUAGE.values()))]
    names = {output_path(out_dir, slug, edition, fmt).name for edition in editions for fmt in FORMATS}
    removed = []
    if (out_dir / CACHE_DIR).is_dir():
        _remove(out_dir / CACHE_DIR, shutil.rmtree)
        removed.append(out_dir / CACHE_DIR)
    for path in sorted(out_dir.iterdir()) if out_dir.is_dir() else []:
        if path.is_file() and (path.name in names or _half_written(path.name, names)):
            _remove(path, Path.unlink)
            removed.append(path)
    if output is None and out_dir.is_dir() and not any(out_dir.iterdir()):
        _remove(out_dir, Path.rmdir)  # the book's build/, which a build made; a directory given with -o is the user's
    return removed


def _remove(path: Path, remove: Callable[[Path], object]) -> None:
    """``remove(path)``; a directory that does not let it (read-only, not the user's) is the user's
    to fix, named."""
    try:
        remove(path)
    except OSError as error:
        raise PaibanError(f"cannot remove it: {error.strerror or error}", file=path,
                          hint="Check that the output directory is writable (and yours).") from None


def _half_written(name: str, outputs: set[str]) -> bool:
    """A temporary file of :func:`~paiban.atomic.atomic_output` (``.<output>.<random>.part``)."""
    return name.endswith(".part") and any(name.startswith(f".{output}.") for output in outputs)
