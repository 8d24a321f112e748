"""How paiban's modules are imported: with Python's cyclic garbage collector off.

Importing the pipeline makes a few hundred thousand objects (modules, classes, functions, the
patterns' programs) and no cyclic garbage. The collector, run every 700 new objects, walked the
young ones about a hundred times as they were made: 20 to 30 ms of every command's start, a
twentieth of an EPUB rebuild after a one-character edit. Turned back on, it walked them all
once more at the next allocation (another 20 ms): so what the imports made is frozen first
(``gc.freeze``: kept out of every collection, as it lives as long as the process anyway).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def uncollected() -> Iterator[None]:
    """The block runs with the collector off; what it made is frozen, and the collector is on
    again after, if it was on before."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
