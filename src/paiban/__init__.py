"""paiban (排版): Chinese-first e-book and print publishing.

Articles in (Markdown, scraped text, HTML), an EPUB 3 and a print-ready PDF out, from one
set of templates. ``paiban.build()`` is the whole pipeline; the ``paiban`` command wraps it.
"""

from .startup import uncollected

with uncollected():  # see paiban.startup
    from .build import build
    from .errors import PaibanError
    from .version import __version__

__all__ = ["build", "PaibanError", "__version__"]
