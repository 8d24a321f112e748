"""Containment: which files a build may read. Only the book directory and the theme."""

from __future__ import annotations

from pathlib import Path

# Where a build writes, beside book.toml unless told otherwise; never read as part of the book.
OUTPUT_DIR = "build"


def inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (after resolving symlinks and ``..``) lies within ``root``."""
    return path.resolve().is_relative_to(root.resolve())
