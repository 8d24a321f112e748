"""Containment: which files a build may read. Only the book directory and the theme. And the
names it reads them by: UTF-8, or an error that says how to make them so."""

from __future__ import annotations

import os
import shlex
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .chars import quoted
from .errors import PaibanError

# Where a build writes, beside book.toml unless told otherwise; never read as part of the book.
OUTPUT_DIR = "build"
# What a file name that is not UTF-8 is most likely in: a zip made on Windows stores its names in
# the system's code page (GBK in mainland China, Big5 in Taiwan and Hong Kong) unmarked, and
# unzip here keeps their bytes, which Python reads as lone surrogates (PEP 383).
WINDOWS_CODE_PAGES = ("GBK", "Big5")


def inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (after resolving symlinks and ``..``) lies within ``root``."""
    return path.resolve().is_relative_to(root.resolve())


def relative_path(address: str) -> str | None:
    """The path a relative ``address`` names (``img/logo.png``, percent-encoding read), down from
    the folder it is read from; ``None`` for an address with a scheme or a host, an absolute path,
    a backslash, or a ``..``: what a theme's sheet or template may name of its own folder."""
    parts = urlsplit(address.strip())
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or not path or path.startswith(("/", "\\")) or "\\" in path \
            or ".." in PurePosixPath(path).parts:
        return None
    return path


def file_beside(source: Path, address: str, as_windows_reads: bool = False) -> Path | None:
    """The file a relative ``address`` (a page's picture, say) names in the folder of ``source``
    or below it; ``None`` for an address, an absolute path or a ``..`` out of that folder.
    ``as_windows_reads``: else the file it names on Windows (see :func:`file_as_windows_reads`)."""
    parts = urlsplit(address.strip())
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    file = source.parent / unquote(parts.path)
    if as_windows_reads and not file.is_file():
        file = file_as_windows_reads(source.parent, unquote(parts.path)) or file
    return file if file.is_file() and inside(file, source.parent) else None


def file_as_windows_reads(folder: Path, path: str) -> Path | None:
    """The file a relative ``path`` names from ``folder`` as Windows reads it: ``\\`` parts it as
    ``/`` does, and a name matches in any case (``images\\Pic.JPG`` is ``images/pic.jpg``). What a
    picture's link written on Windows, where it worked, means; ``None`` when no one file fits (two
    names that differ in case alone fit alike), or for an absolute path. It may lead out of
    ``folder`` (``..\\images``): the caller decides where a file may be."""
    if path.startswith(("/", "\\")):
        return None
    found = folder
    for name in path.replace("\\", "/").split("/"):
        if name in ("", "."):
            continue
        if name == ".." or (found / name).exists():
            found = found / name
            continue
        try:
            fitting = [entry for entry in os.listdir(found) if entry.casefold() == name.casefold()]
        except OSError:  # not a folder, or one that cannot be read
            return None
        if len(fitting) != 1:
            return None
        found = found / fitting[0]
    return found if found.is_file() else None


def utf8_named(path: Path, book: Path | None = None) -> Path:
    """``path``, when every name along it is UTF-8; else the error naming the first that is not.
    Such a name (a Windows zip's GBK) crashed the build cache, which cannot write it, and made
    mojibake of a title taken from it. ``book``: the book directory, whose names the hint's
    ``convmv`` renames all at once."""
    if not _is_utf8(str(path)):
        raise _not_utf8(path, book)
    return path


def _not_utf8(path: Path, book: Path | None) -> PaibanError:
    """The error for ``path``, a name along which is not UTF-8: the first such is named, as the
    code page it reads in shows it, from the folder that holds it (whose name is UTF-8)."""
    named = next(place for place in (*reversed(path.parents), path) if not _is_utf8(place.name))
    raw = os.fsencode(named.name)
    what = "folder" if named.is_dir() else "file"
    scope = book if book is not None and book in named.parents else named.parent
    if reading := _windows_reading(raw):
        encoding, shown = reading
        return PaibanError(
            f"the name of the {what} {quoted(shown)}, as {encoding} reads it, is not UTF-8: a zip made on Chinese "
            f"Windows names its files in {encoding}", file=named.parent,
            hint=f"Unzip the zip again reading its names as {encoding}, `unzip -O {encoding} FILE.zip`, or rename "
                 f"them to UTF-8: `convmv -f {encoding.lower()} -t utf-8 -r --notest {shlex.quote(str(scope))}`.")
    return PaibanError(f"the name of the {what} {quoted(raw.decode('utf-8', 'replace'))} is not UTF-8 "
                       "(\ufffd marks each byte that is not)", file=named.parent,
                       hint=f"Rename it, or rename the names to UTF-8 with `convmv -f ENCODING -t utf-8 -r --notest "
                            f"{shlex.quote(str(scope))}` (ENCODING: the one of the system that wrote them).")


def _windows_reading(raw: bytes) -> tuple[str, str] | None:
    """The code page of :data:`WINDOWS_CODE_PAGES` ``raw`` reads most as Chinese in (GBK on a tie:
    GBK decodes some Big5 names too, as rare characters), and its reading; ``None`` if none decodes it."""
    from .sources.encoding import common_han_share  # (paths is imported by the sources package)

    readings = []
    for encoding in WINDOWS_CODE_PAGES:
        try:
            readings.append((encoding, raw.decode(encoding)))
        except UnicodeDecodeError:
            continue
    return max(readings, key=lambda reading: common_han_share(reading[1]), default=None)


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def files_under(directory: Path, skip: tuple[Path, ...] = ()) -> list[Path]:
    """The regular files under ``directory`` (hidden ones and those under ``skip`` left out), and
    its symbolic links to nothing (which the fingerprint tells). A FIFO or a socket is no picture,
    sheet or note: reading one waited forever for a writer, or failed with "No such device or address"."""
    if not directory.is_dir():
        return []
    found = []
    for folder, subfolders, names in os.walk(directory):
        subfolders[:] = sorted(name for name in subfolders
                               if not name.startswith(".") and Path(folder, name) not in skip)
        found += [path for path in (Path(folder, name) for name in sorted(names) if not name.startswith("."))
                  if path.is_file() or not path.exists()]
    return found
