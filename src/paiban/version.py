"""paiban's version, in a module of its own so any stage can import it without importing the pipeline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("paiban")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
