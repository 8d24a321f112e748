"""The ``paiban`` command: a thin shell over the Python API, one module per subcommand (each
imported only when it runs, see :class:`~paiban.cli.app._LazyGroup`)."""

from ..startup import uncollected

with uncollected():  # see paiban.startup
    from .app import main

__all__ = ["main"]
