"""The batch manifest: what each output in a batch's output directory was built from.

``DIR/manifest.json`` maps each output (by its path inside ``DIR``) to the book (and its
directory: another book with the same slug may not overwrite it), edition and format it came
from and the fingerprint of its inputs; each fingerprint is kept with its per-file hashes and
tool versions, so one can see what an output was made of. An output whose fingerprint is
unchanged and whose file still exists is up to date. The manifest is rewritten
atomically after every finished task, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from pathlib import Path

from .atomic import atomic_output
from .fingerprint import Fingerprint

MANIFEST_NAME = "manifest.json"

log = logging.getLogger("paiban")


class Manifest:
    """The manifest of one output directory, loaded once and saved after each record."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / MANIFEST_NAME
        self.outputs: dict[str, dict] = {}
        self.inputs: dict[str, dict] = {}
        self.unsaved = False  # the last save failed
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

    def book_of(self, output: Path) -> str | None:
        """The directory of the book ``output`` was built from, where the manifest says."""
        return self.outputs.get(self._key(output), {}).get("book_dir")

    def record(self, output: Path, fingerprint: Fingerprint, **entry: object) -> None:
        """Note that ``output`` was built from ``fingerprint`` (plus ``entry``: book, pages, ...); save."""
        self.outputs[self._key(output)] = {**entry, "fingerprint": fingerprint.digest}
        self.inputs[fingerprint.digest] = asdict(fingerprint)
        used = {entry["fingerprint"] for entry in self.outputs.values()}
        self.inputs = {digest: inputs for digest, inputs in self.inputs.items() if digest in used}
        self.save()

    def save(self) -> None:
        """Write the manifest. One that cannot be written (a full disk) is an error told once, not
        the end of the run: the outputs are written, and the next run only builds again those it
        does not list."""
        text = json.dumps({"outputs": dict(sorted(self.outputs.items())), "inputs": self.inputs},
                          ensure_ascii=False, indent=1)
        try:
            with atomic_output(self.path) as temporary:
                temporary.write_text(text + "\n", encoding="utf-8")
        except OSError as error:
            if not self.unsaved:
                log.error("cannot save %s: %s. The outputs are written, but the next run will build "
                          "them again.", self.path, error.strerror or error)
            self.unsaved = True
        else:
            self.unsaved = False

    def _key(self, output: Path) -> str:
        return output.relative_to(self.directory).as_posix()
