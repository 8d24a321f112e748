"""paiban's version, in a module of its own so any stage can import it without importing the pipeline.

The one place it is written: pyproject.toml reads it from here (``[tool.hatch.version]``), and
paiban reads it without asking the installed package's metadata, which cost every command's
start 2 to 5 ms.
"""

__version__ = "0.1.0"
