"""The batch manifest: what each output in a batch's output directory was built from.

``DIR/manifest.json`` maps each output (by its path inside ``DIR``) to the book (and its
directory: another book with the same slug may not overwrite it), edition and format it came
from and the fingerprint of its inputs; each fingerprint is kept with its per-file hashes and
tool versions, so one can see what an output was made of. An output whose fingerprint is
unchanged and whose file still exists is up to date. The manifest is rewritten
atomically after every finished task, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import posixpath
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from .atomic import atomic_output
from .errors import PaibanError
from .fingerprint import Fingerprint

MANIFEST_NAME = "manifest.json"
LOCK_NAME = ".manifest.lock"  # held by the batch that writes into the directory

log = logging.getLogger("paiban")


@contextlib.contextmanager
def locked(directory: Path) -> Iterator[Manifest]:
    """The manifest of ``directory``, held for one batch run: a second batch writing into the
    same directory at the same time would save its own view of it over the first's, and lose
    the first's entries. So it fails at once, while this one holds the lock."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        lock = (directory / LOCK_NAME).open("a")
    except OSError as error:
        raise PaibanError(f"cannot write to the output directory: {error.strerror or error}", file=directory,
                          hint="Give a writable --output directory.") from None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released when the file is closed
        except BlockingIOError:
            raise PaibanError(f"another paiban batch is writing to {directory}",
                              hint="Wait until it has finished, or give this run another --output.") from None
        yield Manifest(directory)


class Manifest:
    """The manifest of one output directory, loaded once and saved after each record."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / MANIFEST_NAME
        self.outputs: dict[str, dict] = {}
        self.inputs: dict[str, dict] = {}
        self.unsaved: str | None = None  # why the last save failed
        self._folders: dict[str, list[str]] | None = None  # the outputs' keys by their folder's (books_in)
        if self.path.exists() and not self.path.is_file():
            # A folder in its place (an earlier paiban let a book's slug be manifest.json): no run
            # could save the manifest, so none would know whose each output is.
            raise PaibanError("the batch's manifest is not a file", file=self.path,
                              hint=f"Move {self.path} out of the output directory (it is not paiban's), "
                                   "or give another --output.")
        if self.path.is_file():
            try:
                saved = json.loads(self.path.read_text(encoding="utf-8"))
                self.outputs, self.inputs = saved["outputs"], saved["inputs"]
            except (ValueError, KeyError, TypeError):
                log.warning("%s is not a paiban manifest; every output will be rebuilt", self.path)

    def up_to_date(self, output: Path, digest: str) -> dict | None:
        """The entry of ``output`` when it was built from inputs with this digest and still exists."""
        entry = self.outputs.get(self._key(output))
        return entry if entry and entry["fingerprint"] == digest and output.is_file() else None

    def books_in(self, folder: Path) -> set[str]:
        """The directories of the books whose outputs in ``folder`` (a slug's) the manifest lists, of
        those still there (one deleted may be made by another book)."""
        if self._folders is None:  # asked for every task of a run: indexed once, not searched each time
            self._folders = {}
            for key in self.outputs:
                self._folders.setdefault(posixpath.dirname(key), []).append(key)
        keys = self._folders.get(self._key(folder), []) if folder.is_relative_to(self.directory) else []
        return {self.outputs[key]["book_dir"] for key in keys
                if "book_dir" in self.outputs[key] and (self.directory / key).is_file()}

    def entries(self) -> list[tuple[Path, dict]]:
        """Every output the manifest lists, with its entry."""
        return [(self.directory / key, entry) for key, entry in self.outputs.items()]

    def record(self, output: Path, fingerprint: Fingerprint, **entry: object) -> None:
        """Note that ``output`` was built from ``fingerprint`` (plus ``entry``: book, pages, ...); save."""
        self.outputs[self._key(output)] = {**entry, "fingerprint": fingerprint.digest}
        self._folders = None
        self.inputs[fingerprint.digest] = asdict(fingerprint)
        self._forget_unused_inputs()
        self.save()

    def update(self, output: Path, **changes: object) -> None:
        """Change what the entry of ``output`` says of it (its book moved, say), not its fingerprint.
        Not saved: a catalogue that moved changes every entry, and the caller saves once (:meth:`save`)."""
        self.outputs[self._key(output)].update(changes)

    def forget(self, outputs: list[Path]) -> None:
        """No longer list ``outputs`` as current (their files are left where they are); save."""
        for output in outputs:
            del self.outputs[self._key(output)]
        self._folders = None
        self._forget_unused_inputs()
        self.save()

    def _forget_unused_inputs(self) -> None:
        used = {entry["fingerprint"] for entry in self.outputs.values()}
        self.inputs = {digest: inputs for digest, inputs in self.inputs.items() if digest in used}

    def save(self) -> None:
        """Write the manifest. One that cannot be written (a full disk) is an error told once, not
        the end of the run: the outputs are written, and the next run only builds again those it
        does not list. The run fails at its end (:meth:`check_saved`)."""
        text = json.dumps({"outputs": dict(sorted(self.outputs.items())), "inputs": self.inputs},
                          ensure_ascii=False, indent=1)
        try:
            with atomic_output(self.path) as temporary:
                temporary.write_text(text + "\n", encoding="utf-8")
        except OSError as error:
            if not self.unsaved:
                log.error("cannot save %s: %s. The outputs are written, but the next run will build "
                          "them again.", self.path, error.strerror or error)
            self.unsaved = str(error.strerror or error)
        else:
            self.unsaved = None

    def check_saved(self) -> None:
        """Raise :class:`PaibanError` if the last save failed: a run that leaves outputs the
        manifest does not list has not done its job, since the next run cannot tell which book
        each came from (another book with the same slug would overwrite it)."""
        if self.unsaved:
            raise PaibanError(f"cannot save the manifest: {self.unsaved}. The outputs are written, but "
                              "it does not list them", file=self.path,
                              hint="Free some space or make the output directory writable, and run the batch "
                                   "again: it builds again only what the manifest does not list.")

    def _key(self, output: Path) -> str:
        return output.relative_to(self.directory).as_posix()
