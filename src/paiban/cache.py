"""The build cache: what earlier builds made, kept in the output directory and found by content.

Each entry is the result of one costly step (an article read, an article made into an
edition, an EPUB content document rendered), stored under the SHA-256 of everything that step
depends on, salted with a digest of paiban's own code and of the libraries installed (so even an
unreleased change of paiban, or an upgraded WeasyPrint, invalidates it). A changed input
changes the key, so a stale result is never found; entries nothing asks for any more stay
until the cache outgrows its limit (:meth:`BuildCache.prune`), and ``paiban clean`` removes
the whole cache.

Entries are pickles, written and read only by paiban in the user's own output directory.
The steps record what they made and what they reused (``made``, ``reused``): ``paiban serve``
and the tests read those counts.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import jinja2
import msgspec

from .atomic import temporary_file
from .forked import in_parallel
from .fingerprint import book_images, code_digest, hash_file, theme_files
from .model import Article
from .retold import kept, retell
from .sources import read_article
from .sources.obsidian import in_vault, look_afresh
from .timings import stage

CACHE_DIR = ".paiban-cache"
# In the cache directory: the names of the outputs builds wrote beside it, one a line (see BuildCache.wrote).
OUTPUTS = "outputs"
# The most a cache keeps (bytes); the entries least recently used go first (see BuildCache.prune).
CACHE_LIMIT = 1 << 30
# In the cache directory: the bytes its entries held at the last prune, and what builds stored since.
SIZE = "size"

T = TypeVar("T")
# What a lookup finds where nothing is stored.
MISSING = object()


def digest(*parts: object) -> str:
    """The SHA-256 (hex) of ``parts``, in a canonical form: the model is plain frozen dataclasses,
    tuples, strings and paths, which msgpack (msgspec) writes field by field, in order, and a
    path by its ``repr``. Their ``repr`` was as canonical, at three times the cost: 12 ms of a
    220-article book's rebuild, whose ~500 keys hold every article's text."""
    return hashlib.sha256(_CANONICAL.encode(parts)).hexdigest()


_CANONICAL = msgspec.msgpack.Encoder(enc_hook=repr)


def template_digest(root: Path) -> str:
    """The theme's templates (the book's ``styles/`` and the default theme's), hashed by content.

    Stylesheets are left out: content documents only link them by name, and every build
    packages them afresh, so a change to the print sheet renders no EPUB document again.
    """
    return digest(sorted((label, hash_file(path)) for label, path in theme_files(root).items()
                         if path.suffix != ".css"))


def picture_stamps(root: Path, names: tuple[str, ...]) -> tuple:
    """The size and modification time of each picture ``names`` (book-relative) as it is now,
    ``None`` for one that is gone: what an article's read depends on besides its own file."""
    stamps = []
    for name in names:
        try:
            stat = os.stat(root / name)
        except OSError:
            stamps.append(None)
        else:
            stamps.append((stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


class BuildCache:
    """Results of build steps, on disk in ``directory`` (``None``: nothing is kept; every step runs)."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.made: Counter[str] = Counter()
        self.reused: Counter[str] = Counter()
        self.stored = 0  # bytes, by this build

    @classmethod
    def in_output(cls, output: Path) -> BuildCache:
        """The cache of builds that write into ``output``."""
        return cls(output / CACHE_DIR)

    def load(self, kind: str, parts: tuple, fresh: Callable[[object], bool] | None = None) -> object:
        """The entry an earlier build stored for ``parts``, or :data:`MISSING` (also when ``fresh``
        says it is stale: what it was made from besides ``parts`` has changed)."""
        if self.directory is None:
            return MISSING
        path = self._path(kind, parts)
        try:
            with path.open("rb") as stored:
                value = pickle.load(stored)
        except Exception:  # noqa: BLE001  missing, or damaged by a killed build: made again
            return MISSING
        if fresh is not None and not fresh(value):
            return MISSING
        with contextlib.suppress(OSError):  # marked as just used, so pruning keeps it
            os.utime(path)
        self.reused[kind] += 1
        return value

    def store(self, kind: str, parts: tuple, value: object) -> None:
        """Keep ``value``, which was just made, as the entry for ``parts``."""
        self.made[kind] += 1
        if self.directory is not None:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            self.stored += len(data)
            self._write(self._path(kind, parts), data)

    def wrote(self, output: Path) -> None:
        """Record that a build wrote ``output``, an output of the directory this cache is in:
        ``paiban clean`` removes an output of an edition the book no longer declares only if a
        build wrote it, never a copy the user made of one (``<slug>.bak.epub`` is named as an
        edition's output, and carries paiban's mark)."""
        if self.directory is None or output.name in written_outputs(self.directory):
            return
        with contextlib.suppress(OSError):  # as an entry: a record that cannot be written is no error
            self.directory.mkdir(parents=True, exist_ok=True)
            with open(self.directory / OUTPUTS, "a", encoding="utf-8") as record:
                record.write(f"{output.name}\n")

    def shelf(self, kind: str, *salt: object) -> Shelf:
        """One kind of entry (one step's results); ``salt`` goes into every key (e.g. the
        theme's digest)."""
        return Shelf(self, kind, salt)

    def reader(self, root: Path) -> Callable[[Path, Path], Article]:
        """``read_article``, reused while the file's bytes are the same (with the warnings its
        reading gave, told again) and the pictures it shows are as they were when it was read.

        The names of the book's images, and the files they lead to, are in the key too: which
        files are beside a saved web page decides which of its pictures is read (a lazy one's),
        and a picture that is a symbolic link is read where it leads (pointed elsewhere, the
        article showed the old picture). Whether the file is in an Obsidian vault is too: a
        vault's note is read with Obsidian's forms, and opening a book in Obsidian makes it one.
        And reading checks each picture the article shows (that it is there, its pixel count) and
        writes those a .docx or a ``data:`` URL carries into ``.paiban/``, where no name is looked for: a picture gone
        or changed since (``.paiban/`` deleted, a photo swapped under the same name) has the
        article read again, as a build system re-runs a step whose inputs changed. Which
        pictures it shows is known once it is read, so they are checked as it is reused (a stat each).
        The reader's ``prefetch(paths)`` reads what the cache lacks on every core at once.
        """
        images = sorted((path.relative_to(root).as_posix(), str(path.resolve())) for path in book_images(root))
        reads, found, fetched = self.shelf("read"), {}, {}
        look_afresh()  # for a vault made since the last build

        @functools.cache  # prefetch and read both ask: each file is hashed once a build
        def parts_of(path: Path) -> tuple:
            return (str(path), str(root), hash_file(path), images, in_vault(path))

        def read_now(path: Path) -> tuple:
            article, told = kept(lambda: read_article(path, root))
            return article, told, picture_stamps(root, article.images)

        def unchanged(entry: tuple) -> bool:
            article, _, stamps = entry
            return picture_stamps(root, article.images) == stamps

        def read(path: Path, book_root: Path) -> Article:
            with stage("read"):
                article, told, _ = found.pop(path) if path in found else reads.memo(
                    parts_of(path), lambda: fetched.pop(path) if path in fetched else read_now(path), fresh=unchanged)
            retell(told)  # a reused article's warnings are told again, as when it was read
            return article

        def prefetch(paths: list[Path]) -> None:
            with stage("read"):
                for path in paths:
                    if (entry := reads.get(parts_of(path), fresh=unchanged)) is not MISSING:
                        found[path] = entry
                missing = [path for path in paths if path not in found]
                articles = in_parallel(lambda index: read_now(missing[index]), len(missing))
                if articles is not None:  # else each is read when assembled, in order
                    fetched.update(zip(missing, articles, strict=True))

        read.prefetch = prefetch
        return read

    def prune(self, limit: int = CACHE_LIMIT) -> int:
        """Remove the entries least recently made or used until the cache holds at most ``limit``
        bytes; return how many were removed. (Every edit leaves the entries of the old text behind:
        without this, a long editing session with PDF pieces would fill the disk.)

        The entries are looked at only when the size noted at the last prune, with what builds
        have stored since, passes ``limit``: listing them took 7 to 20 ms of every build (2,000
        entries). Entries a build replaced count twice and builds at once may each miss the
        other's, so the noted size errs both ways, by a build's entries; the next prune notes the
        real one."""
        if self.directory is None or not self.directory.is_dir():
            return 0
        try:
            noted = int((self.directory / SIZE).read_text(encoding="ascii"))
        except (OSError, ValueError):  # never noted (a new cache), or unreadable: look
            noted = limit + 1
        if noted + self.stored <= limit:
            if self.stored:
                self._note_size(noted + self.stored)
            return 0
        entries = []  # os.scandir, not Path.rglob, at a third of the cost
        for kind in os.scandir(self.directory):
            for entry in os.scandir(kind.path) if kind.is_dir() else ():
                with contextlib.suppress(OSError):
                    if entry.name.endswith(".pickle"):
                        stat = entry.stat()
                        entries.append((stat.st_mtime_ns, stat.st_size, entry.path))
        total, removed = sum(size for _, size, _ in entries), 0
        for _, size, path in sorted(entries, key=lambda entry: entry[0]):
            if total <= limit:
                break
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            total -= size
            removed += 1
        self._note_size(total)
        return removed

    def _note_size(self, size: int) -> None:
        self._write(self.directory / SIZE, str(size).encode("ascii"))

    def templates(self) -> jinja2.BytecodeCache | None:
        """Where Jinja keeps the templates it compiled (compiling the theme costs every process
        ~60 ms); ``None`` when nothing is kept."""
        return None if self.directory is None else _CompiledTemplates(self)

    def _path(self, kind: str, parts: tuple) -> Path:
        return self.directory / kind / f"{digest(code_digest(), *parts)}.pickle"

    def _write(self, path: Path, data: bytes) -> None:
        """Write an entry under a temporary name, then rename: readers never see half an entry.

        No fsync: an entry lost in a crash is only made again. Nor is a cache that cannot be
        written an error: it costs time, and writing the output itself says what is wrong.
        """
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with temporary_file(path.parent, ".") as (handle, name):
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(name, path)
        except OSError:  # it could not be made, or the disk filled up as it was written
            pass


@dataclass(frozen=True)
class Shelf:
    """Entries of one kind in a :class:`BuildCache` (none: nothing is found or kept)."""

    cache: BuildCache | None = None
    kind: str = ""
    salt: tuple = ()

    def get(self, parts: tuple, fresh: Callable[[object], bool] | None = None) -> object:
        """The entry for ``parts``, or :data:`MISSING` (see :meth:`BuildCache.load`)."""
        return MISSING if self.cache is None else self.cache.load(self.kind, (*self.salt, *parts), fresh)

    def put(self, parts: tuple, value: object) -> None:
        if self.cache is not None:
            self.cache.store(self.kind, (*self.salt, *parts), value)

    def memo(self, parts: tuple, make: Callable[[], T], fresh: Callable[[T], bool] | None = None) -> T:
        """What ``make()`` returns for ``parts``, from the cache when an earlier build made it
        (and ``fresh`` finds it still good)."""
        value = self.get(parts, fresh)
        if value is MISSING:
            value = make()
            self.put(parts, value)
        return value

    def each(self, keys: list[tuple], make: Callable[[int], T]) -> list[T]:
        """The entry for each of ``keys``; those not stored are ``make(index)``, made on every
        core when there are many (see :mod:`paiban.forked`), and kept."""
        found = [self.get(key) for key in keys]
        missing = [index for index, value in enumerate(found) if value is MISSING]
        made = in_parallel(lambda number: make(missing[number]), len(missing))
        for index, value in zip(missing, map(make, missing) if made is None else made, strict=True):
            found[index] = value
            self.put(keys[index], value)
        return found


NO_SHELF = Shelf()


def written_outputs(directory: Path) -> set[str]:
    """The names of the outputs builds recorded in the cache ``directory`` (:meth:`BuildCache.wrote`)."""
    try:
        return set((directory / OUTPUTS).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return set()


class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode cache, kept in the build cache: found by the template's name and the
    checksum of its source (Jinja's own key), under paiban's code digest as every entry; Jinja
    refuses bytecode of another format (its version of it, and Python's) itself."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.cache.load("templates", (bucket.key, bucket.checksum))
        if code is not MISSING:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.cache.store("templates", (bucket.key, bucket.checksum), bucket.bytecode_to_string())
