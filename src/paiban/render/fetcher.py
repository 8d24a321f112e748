"""The only way WeasyPrint may load a resource: files inside the book or the theme, and data: URLs.

Anything else (http, file:///etc/passwd, ../ out of the book) is refused, never fetched,
and reported as a warning naming the URL.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher

from ..paths import inside

log = logging.getLogger("paiban")


class ContainedFetcher(URLFetcher):
    """A WeasyPrint URL fetcher confined to ``roots``."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme == "file" and not parts.netloc:
            path = Path(url2pathname(parts.path))
            if any(inside(path, root) for root in self.roots):
                return super().fetch(url, headers)
        self.refused.append(url)
        log.warning("refused to load %s: only files inside the book and its theme are read", url)
        raise ValueError(f"paiban does not load {url}")
