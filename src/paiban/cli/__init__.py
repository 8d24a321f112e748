"""The ``paiban`` command: a thin shell over the Python API, one module per subcommand."""

from . import build_command, new_command  # noqa: F401  (each registers its subcommand)
from .app import main

__all__ = ["main"]
