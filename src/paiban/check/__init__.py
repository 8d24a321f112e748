"""Preflight: what would print or read wrong, found before a printer or a store sees the book.

Each module checks one kind of problem in an edition of the book (``glyphs``, ``script``,
``punctuation``, ``metadata``, ``images``, ``links``) or in its EPUB (``epubcheck``, ``stores``)
and returns :class:`~paiban.check.report.Finding` objects; ``preflight`` runs them all and
``render`` shows the :class:`~paiban.check.report.Report` in a terminal or as JSON.

This package imports nothing at import time, because ``paiban.build`` uses ``check.glyphs``
and ``check.preflight`` uses the build's renderers.
"""
