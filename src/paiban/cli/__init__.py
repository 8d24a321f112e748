"""The ``paiban`` command: a thin shell over the Python API, one module per subcommand."""

from . import batch_command, build_command, new_command  # noqa: F401  (each registers its subcommand)
from . import import_command  # noqa: F401
from . import check_command  # noqa: F401
from . import clean_command, serve_command  # noqa: F401
from .app import main

__all__ = ["main"]
