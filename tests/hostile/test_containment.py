"""Hostile books: each tries to read a file outside the book or to fetch from the network.

Every case is built in all three formats. It must be refused with an error naming what is
wrong, or built with a warning; either way the trap server on 127.0.0.1 gets no request and
no output holds the secret planted beside the book.
"""

from __future__ import annotations

import logging
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import paiban
from paiban.errors import PaibanError

from conftest import Recorder, epubcheck_messages
from hostile_books import Trap, leaks, plant_secrets

FORMATS = ["epub", "pdf", "html"]
ARTICLE = "# 文章\n\n正文。\n"


def listed(path: str) -> str:
    """A book.toml that lists one article file."""
    return f'[book]\ntitle = "书"\n[[chapters]]\ntitle = "一"\narticles = ["{path}"]\n'


@dataclass(frozen=True)
class Link:
    """A symbolic link to write into the book; ``to`` may name a secret (``{md}``) or any path."""

    to: str


@dataclass(frozen=True)
class Case:
    files: dict
    expect: str  # "error" or "warning"
    says: str  # what the error or a warning says
    toml: str = '[book]\ntitle = "恶意书"\n'
    epubcheck: bool = False  # validate the EPUB (3 s each): where containment rewrote what it carries


EVIL_CSS = """\
@import url("{trap}/import.css");
@import "{css_uri}";
@import url("/etc/passwd");
body { background: url("{trap}/bg.png"); color: black }
p { background-image: url("{png_uri}") }
h2 { background-image: url("../../outside/secret.png") }
h3 { background-image: image-set("{trap}/set.png" 1x); --picture: "{trap}/var.png" }
@font-face { font-family: Evil; src: url("{trap}/evil.woff") format("woff"), url("file:///usr/share/fonts/x.otf") }
@media print { p { list-style-image: url({trap}/media.png) } }
@page { @top-center { content: url("{trap}/page.png") } }
"""
EVIL_SVG = """\
<?xml version="1.0"?>
<?xml-stylesheet href="{trap}/pi.css"?>
<!DOCTYPE svg [<!ENTITY secret SYSTEM "file://{txt}">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40"
     onload="alert(1)">
<style>@import url("{trap}/import.css"); rect { fill: url({trap}/fill.png) }</style>
<script>alert(2)</script>
<script xlink:href="{trap}/evil.js"/>
<rect width="40" height="40" onclick="alert(3)" style="stroke: url({trap}/stroke.svg#s)"/>
<image href="{trap}/remote.png" width="10" height="10"/>
<image xlink:href="../outside/secret.png" width="10" height="10"/>
<use href="{trap}/sprite.svg#icon"/>
<a xlink:href="javascript:alert(4)"><text>&secret;</text></a>
<a href="https://example.com/"><set attributeName="href" to="javascript:alert(5)"/></a>
<foreignObject width="40" height="40"><div xmlns="http://www.w3.org/1999/xhtml">
<script>alert(6)</script><iframe src="{trap}/frame"/></div></foreignObject>
</svg>
"""

CASES = {
    # Articles.
    "img file:///etc/passwd": Case({"a.md": '# 甲\n\n<img src="file:///etc/passwd" alt="x"/>\n\n正文。\n'},
                                   "warning", "is not a file in the book"),
    "img file: URL of the secret": Case({"a.html": '<h1>甲</h1><p>正文<img src="{png_uri}"/></p>'},
                                        "warning", "is not a file in the book"),
    "img over http": Case({"a.html": '<h1>甲</h1><p>正文<img src="{trap}/i.png"/></p>'
                                     '<p><img srcset="{trap}/s.png 2x"/></p>'},
                          "warning", "is not a file in the book", epubcheck=True),
    "img ../ out of the book": Case({"a.md": "# 甲\n\n![x](../outside/secret.png)\n"},
                                    "error", "outside the book directory"),
    "img symlink out of the book": Case({"a.md": "# 甲\n\n![x](p.png)\n", "p.png": Link("{png}")},
                                        "error", "outside the book directory"),
    "article symlink": Case({"01-一/a.md": Link("{md}")}, "error", "leads out of the book directory"),
    "chapter folder symlink": Case({"a.md": ARTICLE, "02-二": Link("{outside}")},
                                   "error", "leads out of the book directory"),
    # book.toml paths.
    "articles ../": Case({"a.md": ARTICLE}, "error", "points outside the book directory",
                         listed("../outside/secret.md")),
    "articles glob ../": Case({"a.md": ARTICLE}, "error", "points outside the book directory",
                              listed("*/../../outside/*.md")),
    "articles absolute": Case({"a.md": ARTICLE}, "error", "points outside the book directory",
                              listed("{md}")),
    "articles listed symlink": Case({"a.md": Link("{md}")}, "error", "resolves outside the book directory",
                                    listed("a.md")),
    "cover ../": Case({"a.md": ARTICLE}, "error", "cover image",
                      '[book]\ntitle = "书"\ncover = "../outside/secret.png"\n'),
    "cover symlink": Case({"a.md": ARTICLE, "cover.png": Link("{png}")}, "error", "cover image",
                          '[book]\ntitle = "书"\ncover = "cover.png"\n'),
    "preface ../": Case({"a.md": ARTICLE}, "error", "preface",
                        '[book]\ntitle = "书"\npreface = "../outside/secret.md"\n'),
    "preface symlink": Case({"a.md": ARTICLE, "pre.md": Link("{md}")}, "error", "preface",
                            '[book]\ntitle = "书"\npreface = "pre.md"\n'),
    # The book's stylesheets.
    "print.css with outside URLs": Case({"a.md": ARTICLE, "styles/print.css": EVIL_CSS}, "warning", "left out"),
    "epub.css with outside URLs": Case({"a.md": ARTICLE, "styles/epub.css": EVIL_CSS}, "warning", "left out",
                                       epubcheck=True),
    "html.css with outside URLs": Case({"a.md": ARTICLE, "styles/html.css": EVIL_CSS}, "warning", "left out"),
    "base.css @import ../": Case({"a.md": ARTICLE, "styles/base.css": '@import "../../outside/secret.css";\n'},
                                 "warning", "left out"),
    "a sheet's files linked out of styles/": Case(
        {"a.md": ARTICLE, "styles/base.css": '@import "leak.css";\np { background: url("leak.png") }\n',
         "styles/leak.css": Link("{css}"), "styles/leak.png": Link("{png}")}, "warning", "left out", epubcheck=True),
    "html.css closes its <style>": Case(
        {"a.md": ARTICLE, "styles/html.css": 'p { color: red }\n/* </style><script>alert(1)</script> */\n'
                                             'q::after { content: "</style><script>alert(2)</script>" }\n'},
        "warning", ""),
    "stylesheet symlink": Case({"a.md": ARTICLE, "styles/epub.css": Link("{css}"),
                                "styles/print.css": Link("{css}"), "styles/html.css": Link("{css}")},
                               "error", "leads out of its directory"),
    "styles/ symlink": Case({"a.md": ARTICLE, "styles": Link("{outside}")}, "warning", "leads out of the book"),
    # The book's templates.
    "template symlink to /etc/passwd": Case({"a.md": ARTICLE, "styles/_article.html": Link("/etc/passwd")},
                                            "error", "leads out of its directory"),
    "template symlink to the secret": Case({"a.md": ARTICLE, "styles/_article.html": Link("{html}")},
                                           "error", "leads out of its directory"),
    "template include ../": Case({"a.md": ARTICLE,
                                  "styles/_article.html": '{% include "../../outside/secret.html" %}'},
                                 "error", "not found"),
    "template include absolute": Case({"a.md": ARTICLE, "styles/_article.html": '{% include "{html}" %}'},
                                      "error", "not found"),
    "template reaches Python": Case(
        {"a.md": ARTICLE,
         "styles/_article.html": "{{ cycler.__init__.__globals__.os.popen('cat {txt}').read() }}"},
        "error", "may not"),
    "template reaches builtins": Case(
        {"a.md": ARTICLE, "styles/_article.html": "{{ ''.__class__.__mro__[1].__subclasses__() }}"},
        "error", "may not"),
    "template with scripts and remote resources": Case(
        {"a.md": ARTICLE, "styles/_article.html":
            '<article id="{{ article.id }}"><h2 onclick="alert(1)">{{ article.title }}</h2>'
            '<script>alert(1)</script><img src="{trap}/t.png" alt=""/><iframe src="{trap}/f"></iframe>'
            '<div style="background: url({trap}/s.png)">{{ article.body | safe }}</div></article>'},
        "warning", "templates may not run code", epubcheck=True),
    "template with remote URLs in a srcset and in a style's CSS": Case(
        {"a.md": ARTICLE, "styles/_article.html":
            '<article id="{{ article.id }}"><h2>{{ article.title }}</h2>'
            '<p style="color: red; background-image: \\75 rl({trap}/escaped.png)">甲</p>'
            "<p style=\"background-image: image-set('{trap}/set.png' 1x)\">乙</p>"
            '<p><img src="i.png" alt="" srcset="i.png 1x, {trap}/srcset.png 2x"/></p>'
            '{{ article.body | safe }}</article>'},
        "warning", "left out", epubcheck=True),
    # An SVG image: a document of its own, which the EPUB carries.
    "SVG with scripts, handlers and outside references": Case(
        {"a.md": "# 甲\n\n![图](evil.svg)\n", "evil.svg": EVIL_SVG}, "warning", "left out of the EPUB's copy",
        epubcheck=True),
    # book.toml text that lands in CSS.
    "font name breaks out of its CSS string": Case(
        {"a.md": ARTICLE}, "error", "no font for text is installed",
        '[book]\ntitle = "书"\n[fonts]\nserif = ["x\\"; } @import url({trap}/font.css); a { b: \\"", '
        '"</style><script>alert(1)</script>"]\n'),
}


def write_case(root: Path, case: Case, values: dict[str, str]) -> None:
    root.mkdir(parents=True)
    (root / "book.toml").write_text(textwrap.dedent(fill(case.toml, values)), encoding="utf-8")
    for name, content in case.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            path.symlink_to(fill(content.to, values))
        else:
            path.write_text(fill(content, values), encoding="utf-8")


def fill(text: str, values: dict[str, str]) -> str:
    """Put the trap's URL and the secrets' paths into a case's text (other braces stay)."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


@pytest.fixture(scope="module")
def trap():
    server = Trap()
    yield server
    server.close()


@pytest.mark.parametrize("name", CASES)
def test_hostile_book_is_refused_or_contained(name, trap, tmp_path):
    case = CASES[name]
    secrets = plant_secrets(tmp_path / "outside")
    values = {"trap": trap.url, "outside": str(secrets["md"].parent), "png_uri": secrets["png"].as_uri(),
              "css_uri": secrets["css"].as_uri(), **{kind: str(path) for kind, path in secrets.items()}}
    root = tmp_path / "book"
    write_case(root, case, values)
    recorder = Recorder()
    logging.getLogger("paiban").addHandler(recorder)
    before = len(trap.requests)
    try:
        outputs = [o.path for o in paiban.build(root, formats=FORMATS, allow_missing_glyphs=True)]
        error = None
    except PaibanError as refused:
        outputs, error = [path for path in root.glob("build/**/*") if path.is_file()], refused
    finally:
        logging.getLogger("paiban").removeHandler(recorder)
    assert trap.requests[before:] == []
    assert leaks(outputs) == []
    if case.expect == "error":
        assert error is not None, f"{name}: built, but should have been refused"
        assert case.says in str(error)
        assert error.file is not None or "book.toml" in str(error)
    else:
        assert error is None, f"{name}: {error}"
        assert not case.says or any(case.says in message for message in recorder.messages), recorder.messages
        assert_contained(outputs, trap.url, case.epubcheck)


def assert_contained(outputs: list[Path], trap_url: str, epubcheck: bool) -> None:
    """What a reader would open holds no script and no reference to the trap; the EPUB is valid."""
    for path in outputs:
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    data = archive.read(member)
                    assert b"127.0.0.1" not in data and b"<script" not in data, member
                    assert b"scripted" not in data, member
            assert not epubcheck or epubcheck_messages(path) == []
        elif path.suffix == ".html":
            head = path.read_text(encoding="utf-8").split("<body", 1)[0]
            assert head.count("</style>") == 1 and "<script" not in head.split("</style>")[1]
            assert trap_url not in head


def test_every_case_ran_against_the_trap(trap):
    """The counts for the record: the trap saw nothing across all cases."""
    assert len(CASES) >= 25
    assert trap.requests == []


def test_epub_package_declares_no_script(tmp_path):
    root = tmp_path / "b"
    write_case(root, Case({"a.md": "# 甲\n\n<script>alert(1)</script>\n\n正文。\n"}, "warning", ""),
               {"trap": "", "md": ""})
    [epub] = paiban.build(root, formats=["epub"])
    with zipfile.ZipFile(epub.path) as archive:
        opf = archive.read("EPUB/content.opf").decode()
        members = b"".join(archive.read(name) for name in archive.namelist())
    assert "scripted" not in opf
    assert b"<script" not in members and b"alert(1)" not in members
