"""``paiban clean``: remove what builds wrote into a book's output directory, and the build cache.

Only files paiban names (every edition's outputs, in every format, and what a killed build
left half-written: its ``.part`` files, and the scratch directory of a PDF's pieces once the build
that made it is gone) are removed, so other files an author keeps in the directory stay; the
book's own ``build/`` goes when that leaves it empty, a directory given with ``--output`` never.

That includes the outputs of editions the book no longer declares (``<slug>.<edition>.<format>``,
or the ``<slug>.<format>`` of the time it declared none): left behind, they would be published
with the rest of the directory, as though still current. Since their names alone could be a
user's own file's (``<slug>.final.epub``), such a file goes only when a build recorded writing it
(in the cache, :meth:`~paiban.cache.BuildCache.wrote`) and paiban's generator mark is in it (the
``generator`` meta of its documents, which the PDF carries as its Creator): a copy the user made of
an output (``<slug>.bak.epub``) carries the mark too, and stays.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from .assemble import book_slug
from .atomic import stale_pieces, temporary_prefix
from .cache import CACHE_DIR, written_outputs
from .config import EDITION_NAME, load_config
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
    removed, written = [], written_outputs(out_dir / CACHE_DIR)
    if (out_dir / CACHE_DIR).is_dir():
        _remove(out_dir / CACHE_DIR, shutil.rmtree)
        removed.append(out_dir / CACHE_DIR)
    for path in sorted(out_dir.iterdir()) if out_dir.is_dir() else []:
        if path.is_file() and (path.name in names or _half_written(path.name, names)
                               or (path.name in written and _no_longer_declared(path, slug))):
            _remove(path, Path.unlink)
            removed.append(path)
    for path in sorted(stale_pieces(out_dir)):
        _remove(path, shutil.rmtree)
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
    """A temporary file of :func:`~paiban.atomic.atomic_output` (``.<output>.<pid>.<random>.part``)."""
    return name.endswith(".part") and any(name.startswith(temporary_prefix(output)) for output in outputs)


GENERATOR = b'<meta name="generator" content="paiban"'  # in styles/layout.html, so in every document


def _no_longer_declared(path: Path, slug: str) -> bool:
    """An output of an edition the book no longer declares: named as one, and made by paiban."""
    match = re.fullmatch(rf"{re.escape(slug)}(?:\.{EDITION_NAME})?\.({'|'.join(FORMATS)})", path.name)
    return match is not None and _made_by_paiban(path, match[1])


def _made_by_paiban(path: Path, fmt: str) -> bool:
    """Whether the ``fmt`` file at ``path`` carries paiban's generator mark (a file that cannot be
    read as one is not paiban's)."""
    try:
        if fmt == "pdf":
            from pypdf import PdfReader
            from pypdf.errors import PyPdfError

            try:
                return (PdfReader(path).metadata or {}).get("/Creator") == "paiban"
            except PyPdfError:
                return False
        if fmt == "epub":
            with zipfile.ZipFile(path) as epub:
                return any(GENERATOR in epub.read(name) for name in epub.namelist() if name.endswith(".xhtml"))
        return GENERATOR in path.read_bytes()
    except (OSError, zipfile.BadZipFile):
        return False
