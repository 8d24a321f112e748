"""Shared fixtures: small book projects made on the fly, the sample book built once, PDF readers."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

import paiban

REPO = Path(__file__).resolve().parents[1]
SAMPLE_BOOK = REPO / "book"
FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed.txt"
# A CMYK output (printer) profile for PDF/X: Ghostscript's, from Debian's libgs-common (install-system-packages).
PRESS_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


def read_written(tmp_path: Path, name: str, content: str | bytes):
    """The article ``name`` of a book in ``tmp_path``, written with ``content`` (text, or bytes as
    they are), as paiban reads it."""
    from paiban.sources import read_article

    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return read_article(path, tmp_path)


def warnings_of(caplog) -> list[str]:
    """The messages of the warnings (and worse) ``caplog`` took."""
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]


def make_book(root: Path, files: dict[str, str | bytes], toml: str = '[book]\ntitle = "测试书"\n') -> Path:
    """Write a book project: ``book.toml`` plus the given files (relative path → text or bytes)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "book.toml").write_text(textwrap.dedent(toml), encoding="utf-8")
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def _stop_handlers_restored():
    """A command run in the test's own process (click's CliRunner) sets its handlers of Ctrl-C and
    SIGTERM, and a stopped one ignores both as it exits. Left so, a later test's `paiban serve`
    child inherited an ignored Ctrl-C and never stopped."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.fixture
def book_dir(tmp_path: Path) -> Path:
    """A one-article book made of the seed."""
    return make_book(tmp_path / "seedbook", {"seed.txt": SEED.read_text(encoding="utf-8")})


class Recorder(logging.Handler):
    """Keeps every warning paiban logged (WeasyPrint's are forwarded to paiban's logger)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> dict:
    """The sample book's editions: cn in every format, tw (s2twp) and hk as EPUB and PDF.

    Keys: ``epub``, ``pdf``, ``html`` (cn), ``tw-epub``, ``tw-pdf``, ``hk-epub``, ``hk-pdf``;
    ``warnings`` holds what the builds logged at warning level or above.
    """
    out = tmp_path_factory.mktemp("sample")
    recorder = Recorder()
    logging.getLogger("paiban").addHandler(recorder)
    try:
        built = paiban.build(SAMPLE_BOOK, formats=["epub", "pdf", "html"], editions=["cn"], output=out)
        converted = paiban.build(SAMPLE_BOOK, formats=["epub", "pdf"], editions=["tw", "hk"], output=out)
    finally:
        logging.getLogger("paiban").removeHandler(recorder)
    paths: dict = {o.format: o.path for o in built}
    paths.update({f"{o.edition}-{o.format}": o.path for o in converted})
    paths["pages"] = {o.format: o.pages for o in built}
    paths["warnings"] = recorder.messages
    return paths


def epub_text(path: Path) -> str:
    """The XHTML of every content document of an EPUB, run together."""
    with zipfile.ZipFile(path) as epub:
        return "".join(epub.read(name).decode("utf-8") for name in epub.namelist() if name.endswith(".xhtml"))


def pdf_page_texts(path: Path) -> list[str]:
    """The text of each page, as poppler's pdftotext reads it (layout kept, so leaders stay on the line)."""
    pages = PdfReader(path).get_num_pages()
    return [
        subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
                       check=True, capture_output=True, text=True).stdout
        for n in range(1, pages + 1)
    ]


def outline(path: Path) -> list[tuple[int, str, int]]:
    """The PDF bookmarks as (depth, title, 1-based page number), in order."""
    reader = PdfReader(path)
    result: list[tuple[int, str, int]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                result.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return result


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts' table: name, type, emb (yes/no) for each font in the PDF."""
    lines = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    fonts = []
    for line in lines:
        match = re.match(r"^(\S+)\s+(.+?)\s+(Identity-H|Custom|Builtin|WinAnsi|Standard)\s+(yes|no)", line)
        if match:
            fonts.append({"name": match[1], "type": match[2], "emb": match[4]})
    return fonts


def epubcheck_messages(path: Path) -> list[str]:
    """EPUBCheck's messages (errors, warnings and worse) for ``path``; [] when it is clean.

    Checked as ``paiban check`` checks: by the EPUBCheck loop of this test process, one JVM
    for all its EPUBs, whose first check alone pays EPUBCheck's seconds of start-up."""
    from paiban.check.epubcheck import LEVELS, epubcheck_messages as messages

    return [f"{m.level} {m.id} {m.location}: {m.message}" for m in messages(path) if m.level in LEVELS]


def keep_paiban_log(monkeypatch) -> None:
    """Put paiban's logger back as it is after the test: a command run in the test's process (with
    click's CliRunner) gives it handlers of its own, which later tests' caplog would not see past."""
    logger = logging.getLogger("paiban")
    for name in ("handlers", "propagate", "level"):
        monkeypatch.setattr(logger, name, list(logger.handlers) if name == "handlers" else getattr(logger, name))


# A picture for articles to show: one transparent pixel, a PNG (a build refuses a file named .png
# that is no PNG: a few bytes named so are no stand-in for one).
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")

# WeChat's lazy-loading stand-in for a photo not yet scrolled to, in the photo's src (its address
# in data-src): a 1×1 SVG with a title and one rect, made transparent by the group holding it.
WECHAT_PLACEHOLDER = ("data:image/svg+xml,%3C%3Fxml version='1.0' encoding='UTF-8'%3F%3E%3Csvg width='1px' "
                      "height='1px' viewBox='0 0 1 1' version='1.1' xmlns='http://www.w3.org/2000/svg'%3E"
                      "%3Ctitle%3E%3C/title%3E%3Cg stroke='none' stroke-width='1' fill='none' fill-opacity='0'%3E"
                      "%3Cg transform='translate(-249.000000, -126.000000)' fill='%23FFFFFF'%3E"
                      "%3Crect x='249' y='126' width='1' height='1'%3E%3C/rect%3E%3C/g%3E%3C/g%3E%3C/svg%3E")


def claimed_png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width``×``height`` pixels over a few bytes of picture: a
    decompression bomb as a reader of headers sees it, made in no time."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1024))
            + chunk(b"IEND", b""))


def made_font(path: Path, family: str, chars: str, colour: bool = False, tall: bool = False) -> Path:
    """A TrueType font of ``family`` that draws each of ``chars`` as a square, written to ``path``:
    a house font of 造字, as a book brings or an editor installs it. ``colour``: each square in
    orange, as an emoji font's glyphs are coloured (COLR): fontconfig counts it a colour face.
    ``tall``: its ascent and descent 2.8 em, a tall script's font's (Noto Serif Tibetan's)."""
    from fontTools.colorLib.builder import buildCOLR, buildCPAL
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = {ord(char): f"u{ord(char):04X}" for char in chars}
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", *names.values()])
    builder.setupCharacterMap(names)
    pen = TTGlyphPen(None)
    pen.moveTo((100, -80))
    for corner in ((100, 800), (900, 800), (900, -80)):
        pen.lineTo(corner)
    pen.closePath()
    square = pen.glyph()
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), **dict.fromkeys(names.values(), square)})
    builder.setupHorizontalMetrics({name: (1000, 0) for name in [".notdef", *names.values()]})
    ascent, descent = (1466, 1349) if tall else (880, 120)
    builder.setupHorizontalHeader(ascent=ascent, descent=-descent)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=ascent, sTypoDescender=-descent, usWinAscent=ascent, usWinDescent=descent)
    builder.setupPost()
    if colour:
        builder.font["COLR"] = buildCOLR({name: [(name, 0)] for name in names.values()}, version=0)
        builder.font["CPAL"] = buildCPAL([[(1.0, 0.5, 0.0, 1.0)]])
    path.parent.mkdir(parents=True, exist_ok=True)
    builder.save(str(path))
    return path


def with_fonts_installed(folder: Path) -> dict[str, str]:
    """The environment of a process whose fontconfig has the fonts in ``folder`` (:func:`made_font`)
    installed besides the system's, as if in ~/.local/share/fonts: fontconfig reads its
    configuration once, as a process first asks it for fonts, so paiban runs in a process of its own."""
    config = folder.parent / f"{folder.name}.conf"
    config.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                      f"  <include>/etc/fonts/fonts.conf</include>\n  <dir>{folder}</dir>\n"
                      f"  <cachedir>{folder.parent / f'{folder.name}.cache'}</cachedir>\n</fontconfig>\n",
                      encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def alive_in_group(group: int) -> list[int]:
    """The processes of the process group ``group`` still running (a zombie, exited but not yet
    reaped, as in a container whose first process reaps nothing, has stopped)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            state, _, pgrp = stat.read_text().rsplit(")", 1)[1].split()[:3]
            if int(pgrp) == group and state != "Z":
                alive.append(int(stat.parent.name))
    return alive


def pieces_of_a_killed_build(directory: Path) -> Path:
    """The scratch directory of a PDF's pieces that a build killed with SIGKILL (the OOM killer's
    signal) left in ``directory``, a piece in it: a process makes one as a build does, and is killed."""
    killed = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import os, signal, sys
        from pathlib import Path
        from paiban.atomic import pieces_directory
        with pieces_directory(Path(sys.argv[1])) as pieces:
            (pieces / "tmpx8jfgidc.pdf").write_bytes(b"%PDF-1.7 half a book")
            os.kill(os.getpid(), signal.SIGKILL)
        """), str(directory)])
    assert killed.returncode == -signal.SIGKILL
    [left] = [path for path in directory.glob(".paiban-pieces-*") if (path / "tmpx8jfgidc.pdf").exists()]
    return left


def wait_for(condition, seconds: float = 60) -> None:
    """Poll ``condition`` until it holds, for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)


def deny_reading(monkeypatch, denied: Path) -> None:
    """Make reading ``denied`` fail as a ``chmod 000`` file fails for any user but root (who
    reads every file, as these tests run)."""
    import errno

    def guarded(read):
        def reading(path, *args, **kwargs):
            if path == denied:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return read(path, *args, **kwargs)
        return reading

    for name in ("read_bytes", "read_text"):
        monkeypatch.setattr(Path, name, guarded(getattr(Path, name)))
