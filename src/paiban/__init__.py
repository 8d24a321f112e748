"""paiban (排版): Chinese-first e-book and print publishing.

Articles in (Markdown, scraped text, HTML), an EPUB 3 and a print-ready PDF out, from one
set of templates. ``paiban.build()`` is the whole pipeline; the ``paiban`` command wraps it.
"""

from importlib.metadata import PackageNotFoundError, version

from .build import build
from .errors import PaibanError

try:
    __version__ = version("paiban")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"

__all__ = ["build", "PaibanError", "__version__"]
