"""Fingerprints: content hashes of everything an output is built from.

Two builds with the same fingerprint make the same output, so a batch run skips a book whose
fingerprint it has already built (and an incremental cache can compare the per-file hashes
to see *which* inputs changed). What counts as an input:

- ``book.toml`` and every article file the book lists or holds by convention;
- the output profile of a PDF/X (``[pdf] output-profile``);
- every image file in the book directory. That is a superset of the images the articles
  reference, found without parsing a single article, so checking a catalogue of thousands of
  books stays fast: an unused image that changes costs one needless rebuild, never a stale output;
- the theme in use: the default theme's files and the book's own ``styles/``;
- the versions of paiban and of the libraries that decide what the bytes are (WeasyPrint,
  EbookLib, OpenCC: a new OpenCC dictionary changes the text of a converted edition), and a
  digest of paiban's own code, so an unreleased change of paiban rebuilds too.

Hashes are of contents, not times: touching a file changes nothing, editing it does.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from .assemble import find_articles
from .config import CONFIG_NAME, load_config
from .media import image_type
from .paths import OUTPUT_DIR, files_under, inside, utf8_named
from .retold import held
from .sources.encoding import read_bytes
from .theme import BOOK_STYLES, default_theme_dir
from .version import __version__

# The libraries whose version can change an output's bytes for the same sources (besides paiban's).
LIBRARIES = ("weasyprint", "ebooklib", "opencc")
# The entry of a fingerprint's tools that holds the digest of paiban's code.
CODE = "paiban code"

log = logging.getLogger("paiban")


@dataclass(frozen=True)
class Fingerprint:
    """What a build of one book reads: ``files`` maps a label (``book/01/a.md``,
    ``theme/base.css``) to the SHA-256 of its contents; ``tools`` maps a library to its version."""

    files: dict[str, str]
    tools: dict[str, str]

    @property
    def digest(self) -> str:
        """One SHA-256 over all of it: equal digests, equal inputs."""
        canonical = json.dumps([sorted(self.files.items()), sorted(self.tools.items())], ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def fingerprint(book_dir: str | os.PathLike) -> Fingerprint:
    """Hash every input of the book in ``book_dir``. Raises :class:`PaibanError` as a build would
    (no or broken ``book.toml``, a listed article that is missing)."""
    return Fingerprint(files={label: hash_file(path) for label, path in input_files(book_dir).items()},
                       tools={**toolchain(), CODE: code_digest()})


def input_files(book_dir: str | os.PathLike) -> dict[str, Path]:
    """Every file a build of the book reads, by label: ``book/…`` inside the book, ``theme/…`` in
    the default theme. Labels are relative, so a fingerprint does not depend on where the book is."""
    loaded = load_config(Path(book_dir))
    root = loaded.book_dir.resolve()
    with held():  # what the book leaves out (a .doc) is the build's to tell, once
        articles = find_articles(loaded).files  # the preface too
    profile = root / (loaded.config.pdf.output_profile or "")  # PDF/X's (the build refuses one outside)
    profiles = [profile] if loaded.config.pdf.output_profile and inside(profile, root) and profile.is_file() else []
    files = {f"book/{path.relative_to(root).as_posix()}": path for path in [*articles, *book_images(root), *profiles]}
    files[f"book/{CONFIG_NAME}"] = loaded.path
    files.update(theme_files(root))
    return dict(sorted(files.items()))


def theme_files(root: Path) -> dict[str, Path]:
    """The theme's files by label: the book's own ``styles/`` (``book/styles/…``) and the default
    theme (``theme/…``)."""
    theme = default_theme_dir()
    files = {f"book/{path.relative_to(root).as_posix()}": path for path in book_styles(root)}
    files.update({f"theme/{path.relative_to(theme).as_posix()}": path
                  for path in _readable(files_under(theme), theme)})
    return files


def book_styles(root: Path) -> list[Path]:
    """The files of the book's own theme (``styles/``: templates, sheets and what they use). One
    that overrides a theme file is left to the theme, which refuses it when it leads out: told
    here too, "it is left out" came before the error that stopped the build."""
    overrides = {path.name for path in default_theme_dir().iterdir()}
    files = files_under(root / BOOK_STYLES)
    readable = set(_readable([path for path in files if path.name not in overrides], root))
    return [path for path in files if path in readable or (path.name in overrides and not _unreadable(path, root))]


def hash_file(path: Path) -> str:
    """The SHA-256 of a file's contents, in hex (one that cannot be read is an error naming it)."""
    return hashlib.sha256(read_bytes(path)).hexdigest()


@cache
def toolchain() -> dict[str, str]:
    """The version of paiban and of each library in :data:`LIBRARIES` (a batch output's manifest
    shows them)."""
    from importlib.metadata import version  # not for a build: see code_digest

    return {"paiban": __version__, **{name: version(name) for name in LIBRARIES}}


@cache
def code_digest() -> str:
    """paiban's own source files, hashed, and the libraries of :data:`LIBRARIES` as installed: what
    depends on paiban's code (the build cache's keys, a batch output's fingerprint) must change when
    the code does, released or not, and when a library is upgraded.

    A library is known by its package's first file, its size and time (an upgrade or a reinstall
    writes it anew), not by its version: asking its metadata (importlib.metadata, which imports
    the email package to read it) took some 9 ms of every build."""
    package = Path(__file__).parent
    files = [(path.relative_to(package).as_posix(), hash_file(path)) for path in sorted(package.rglob("*.py"))]
    return hashlib.sha256(repr((__version__, [_installed(name) for name in LIBRARIES], files))
                          .encode("utf-8")).hexdigest()


def _installed(library: str) -> tuple[str, int, int]:
    """Where ``library``'s package is installed (its ``__init__.py`` or extension), its size and time."""
    origin = find_spec(library).origin
    stat = os.stat(origin)
    return origin, stat.st_size, stat.st_mtime_ns


def book_images(root: Path) -> list[Path]:
    """Image files anywhere in the book, except its build output and hidden folders. A symbolic
    link to nothing or out of the book is none, untold: an article that shows it is told so. One
    whose name is not UTF-8 is an error (see :func:`~paiban.paths.utf8_named`): no link finds it,
    and the build cache, which keys articles by the book's images, cannot write its name."""
    return [utf8_named(path, root) for path in files_under(root, skip=(root / OUTPUT_DIR,))
            if image_type(path) and not _unreadable(path, root)]


def _readable(paths: list[Path], root: Path) -> list[Path]:
    """``paths`` that can be read as files of ``root`` (the book, the theme); each other is left
    out with a warning naming it: reading it failed with an internal error."""
    readable = []
    for path in paths:
        if why := _unreadable(path, root):
            log.warning("%s is a symbolic link to %s: it is left out. %s", path, *why)
        else:
            readable.append(path)
    return readable


def _unreadable(path: Path, root: Path) -> tuple[str, str] | None:
    """Why ``path`` cannot be read as a file of ``root``, and what to do: a symbolic link to
    nothing, or out of ``root`` (a build reads nothing but the book and its theme)."""
    if not path.is_symlink():
        return None
    if not path.exists():
        return f"{os.readlink(path)}, which does not exist", "Remove the link, or put the file there."
    if not inside(path, root):
        return f"{path.resolve()}, outside {root}", "Copy the file there instead of linking to it."
    return None
