"""``python -m paiban``: the same as the ``paiban`` command."""

from .cli import main

main()
