"""The EPUB's zip: the bytes zipfile itself writes, each entry deflated only when its content is new."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from paiban.cache import BuildCache
from paiban.render.epub_zip import LEVEL, repack

WHEN = dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.timezone.utc)
ENTRIES = {"mimetype": b"application/epub+zip", "EPUB/c1.xhtml": "<p>第一章的正文。</p>".encode() * 200,
           "EPUB/c2.xhtml": "<p>第二章。</p>".encode() * 300, "EPUB/styles/epub.css": b"p { margin: 0; }\n",
           "EPUB/styles/empty.css": b""}


def archive(entries: dict[str, bytes]) -> bytes:
    """An uncompressed zip of ``entries``, stamped now, as EbookLib writes it."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as out:
        for name, data in entries.items():
            out.writestr(name, data)
    return packed.getvalue()


def zipfiles_own(entries: dict[str, bytes]) -> bytes:
    """What zipfile writes for ``entries`` itself, deflating each at paiban's level."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as out:
        for name, data in entries.items():
            entry = zipfile.ZipInfo(name, date_time=WHEN.timetuple()[:6])
            entry.external_attr = 0o644 << 16
            stored = name == "mimetype"
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            out.writestr(entry, data, compresslevel=None if stored else LEVEL)
    return packed.getvalue()


def test_deflated_bytes_given_back_make_the_zip_zipfile_writes_itself(tmp_path):
    """The deflated bytes are handed to zipfile through its writer's compressor, which is no public
    interface: a Python whose zipfile stopped taking them would fail here."""
    cache = BuildCache.in_output(tmp_path / "out")
    for _ in range(2):  # deflated, then taken from the cache
        repack(archive(ENTRIES), tmp_path / "book.epub", WHEN, cache.shelf("deflated"))
        assert (tmp_path / "book.epub").read_bytes() == zipfiles_own(ENTRIES)
    assert (cache.made["deflated"], cache.reused["deflated"]) == (4, 4)  # all but the mimetype, one empty
    repack(archive(ENTRIES), tmp_path / "alone.epub", WHEN)  # no cache
    assert (tmp_path / "alone.epub").read_bytes() == zipfiles_own(ENTRIES)


def test_only_an_entry_whose_content_changed_is_deflated_again_and_it_carries_the_new_content(tmp_path):
    cache = BuildCache.in_output(tmp_path / "out")
    repack(archive(ENTRIES), tmp_path / "book.epub", WHEN, cache.shelf("deflated"))
    edited = {**ENTRIES, "EPUB/c2.xhtml": ENTRIES["EPUB/c2.xhtml"].replace("二".encode(), "三".encode())}
    again = BuildCache.in_output(tmp_path / "out")
    repack(archive(edited), tmp_path / "book.epub", WHEN, again.shelf("deflated"))
    assert (again.made["deflated"], again.reused["deflated"]) == (1, 3)
    with zipfile.ZipFile(tmp_path / "book.epub") as written:
        assert written.testzip() is None
        assert {name: written.read(name) for name in written.namelist()} == edited
    assert (tmp_path / "book.epub").read_bytes() == zipfiles_own(edited)
