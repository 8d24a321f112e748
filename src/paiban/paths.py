"""Containment: which files a build may read. Only the book directory and the theme."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

# Where a build writes, beside book.toml unless told otherwise; never read as part of the book.
OUTPUT_DIR = "build"


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


def file_beside(source: Path, address: str) -> Path | None:
    """The file a relative ``address`` (a page's picture, say) names in the folder of ``source``
    or below it; ``None`` for an address, an absolute path or a ``..`` out of that folder."""
    parts = urlsplit(address.strip())
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    file = source.parent / unquote(parts.path)
    return file if file.is_file() and inside(file, source.parent) else None
