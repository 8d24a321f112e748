"""Themes: Jinja templates and CSS found by file name, the book's own ``styles/`` first.

A book overrides any file of the default theme by putting one of the same name in its
``styles/`` directory (MkDocs-style shadowing). Templates are rendered with autoescaping on,
so article text can never inject markup, and in a sandbox that lets a template call the methods
of plain values only, so a book's template cannot reach Python (and through it the file system).
Neither a template nor a stylesheet is read through a symbolic link that leads out of its directory.
"""

from __future__ import annotations

import contextlib
import copy
import re
import logging
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import jinja2
import jinja2.filters
import jinja2.sandbox
import markupsafe
import tinycss2.serializer
from lxml import etree

from . import dates, patterns
from .chars import quoted
from .css_syntax import require_shallow
from .errors import PaibanError, unreadable
from .model import Metadata
from .page import HEAD_PT
from .paths import inside
from .punctuation import BRACKETED_WORD, LAST_TWO, shut_apostrophes
from .sections import sections_of
from .titles import heading_text, listed, outline_title
from .xhtml import TAG, xml_entities
from .theme_fonts import FontProblem
from .theme_text import ConvertedBytecode, ConvertedText, TemplateText, made_of, template_texts

BOOK_STYLES = "styles"
# What parts the names in an article's author: 、 as front matter's list is joined (author: [张三, 李四]), or a comma.
_NAMES = re.compile(r"\s*[、，,;；]\s*")

log = logging.getLogger("paiban")


def default_theme_dir() -> Path:
    """The default theme: packaged inside paiban when installed, the repository's ``styles/`` when editable."""
    packaged = Path(__file__).parent / "styles"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "styles"


class Theme:
    """The templates and stylesheets one book is rendered with."""

    def __init__(self, book_root: Path, compiled: jinja2.BytecodeCache | None = None, *,
                 book_styles: bool = True) -> None:
        """``compiled``: where to keep compiled templates between processes (see paiban.cache);
        ``book_styles`` False: the default theme alone, the book's overrides left aside."""
        override = book_root / BOOK_STYLES
        own = book_styles and override.is_dir()
        contained = own and inside(override, book_root)
        if own and not contained:
            log.warning("%s leads out of the book directory (a symbolic link?); the default theme "
                        "is used instead", override)
        self.dirs = ([override] if contained else []) + [default_theme_dir()]
        self._checked: set[Path] = set()  # the book's sheets whose syntax errors were told
        self._shallow: set[Path] = set()  # the book's sheets found nested no deeper than paiban reads
        self._fonts_told: set[FontProblem] = set()  # (see tell_font_problems)
        # Whether the book has templates of its own, which a page may be made from (see render_xhtml).
        self._own_templates = any(next(directory.glob("*.html"), None) for directory in self.dirs[:-1])
        self._own_on_path: dict[tuple[str, ...], list[Path]] = {}  # (see own_templates: a page is made often)
        self.env = _Sandbox(
            loader=_ContainedLoader(self.dirs),
            autoescape=jinja2.select_autoescape(["html", "xhtml"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=compiled,
            finalize=_shown,
        )
        self.env.filters["center"] = _bounded_center
        self.env.filters["format"] = _bounded_format
        self.env.filters["indent"] = _bounded_indent
        self.env.filters["batch"] = _bounded_batch
        self.env.filters["css_string"] = css_string
        self.env.filters["chinese_date"] = dates.chinese
        self.env.filters["years"] = dates.years_in
        self.env.filters["printed_isbn"] = printed_isbn
        self.env.filters["line_breaks"] = line_breaks
        self.env.filters["tagged"] = tagged
        self.env.filters["printed_title"] = printed_title
        self.env.filters["listed_title"] = listed_title
        self.env.filters["listed_author"] = listed_author
        self.env.filters["sections"] = sections_of  # an article's sections the contents list
        self.env.filters["own_bookmark"] = own_bookmark
        self.env.convert_text = None  # the conversion of a converted edition's theme (see converting)

    def render(self, name: str, **context: object) -> str:
        """Render template ``name``; a broken template in a book's ``styles/`` is a named error."""
        try:
            self.env.globals["range"] = self.env.loops()  # (a global: an imported template's macros count too)
            with _time_limit(_LONGEST_RENDER):
                return self.env.get_template(name).render(**context)
        except _TookTooLong as error:
            raise PaibanError(f"template {quoted(name)} took over {_LONGEST_RENDER} s to render: a loop inside a "
                              "loop that does not end, or one over too much", **self._culprit(error, name),
                              hint="A template in the book's styles/ may only show the values paiban passes it, "
                                   "as the default theme's do; compare it with theirs.") from None
        except MemoryError as error:
            raise PaibanError(f"template {quoted(name)} asked for more memory than the machine has: a text or list "
                              "made too long", **self._culprit(error, name),
                              hint="Compare the template with the default theme's.") from None
        except jinja2.TemplateSyntaxError as error:
            raise _syntax_error(error) from None
        except jinja2.TemplateNotFound as error:
            raise PaibanError(f"template {quoted(error.name)} not found in {', '.join(map(str, self.dirs))}",
                              **self._culprit(error, name),
                              hint="Restore it, or remove the override that includes it.") from None
        except jinja2.sandbox.SecurityError as error:
            raise PaibanError(f"the template does something templates may not: {error}",
                              **self._culprit(error, name),
                              hint="A template in the book's styles/ may only show the values paiban "
                                   "passes it; compare it with the default theme's.") from None
        except jinja2.UndefinedError as error:
            raise PaibanError(f"template {quoted(name)}: {error.message}", **self._culprit(error, name),
                              hint="A template in the book's styles/ uses a value paiban does not "
                                   "provide; compare it with the default theme's.") from None
        except PaibanError:
            raise  # a template that leads out of its directory: already named
        except Exception as error:
            culprit = self._culprit(error, name)
            if "line" not in culprit or not self._books(culprit["file"]):
                raise  # arose in paiban's own theme or code: a bug in paiban
            raise PaibanError(f"template error: {error} ({type(error).__name__})", **culprit,
                              hint="A template in the book's styles/ does something its values do not "
                                   "allow; compare it with the default theme's.") from None

    def render_xhtml(self, name: str, **context: object) -> str:
        """Render template ``name`` for a format that does not read it as XML (the PDF, the preview),
        checked as the EPUB checks its pages (:meth:`not_xhtml`) when the book's own templates may be
        in it: a ``<br>`` or an ``&bogus;`` the EPUB refused was printed in the PDF as text, and the
        preview showed it without a word, so an editor learned of it at the last build."""
        page = self.render(name, **context)
        if self._own_templates:  # (the default theme's pages are XHTML: the EPUB's prove it)
            try:
                etree.fromstring(xml_entities(page).encode("utf-8"), _XML)
            except etree.XMLSyntaxError as error:
                raise self.not_xhtml(error, page, name) from None
        return page

    def own_templates(self, *names: str) -> list[Path]:
        """The book's own templates among ``names`` and those they include, import or extend."""
        if not self._own_templates:
            return []
        if names not in self._own_on_path:
            self._own_on_path[names] = [file for file, _ in made_of(self.env, names) if self._books(str(file))]
        return self._own_on_path[names]

    def _culprit(self, error: Exception, name: str) -> dict:
        """The template file (and line) where ``error`` arose: Jinja puts templates in the traceback."""
        found = {"file": self.describe(name)}
        tb = error.__traceback__
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if any(Path(filename).is_relative_to(directory) for directory in self.dirs):
                found = {"file": filename, "line": tb.tb_lineno}
            tb = tb.tb_next
        return found

    def _books(self, filename: str) -> bool:
        """Whether ``filename`` is one of the book's own templates (every directory but the default theme)."""
        return any(Path(filename).is_relative_to(directory) for directory in self.dirs[:-1])

    def not_xhtml(self, error: Exception, page: str, *names: str) -> Exception:
        """The error for ``page``, rendered from templates ``names``, that XML cannot read (an EPUB's
        content document must be XHTML): one naming the book's own templates it was made from, and the
        page's line at fault, found at its template's line where one of them writes it as it is.
        ``error`` (lxml's) itself when the default theme alone made the page: a bug in paiban."""
        own = self.own_templates(*names)
        if not own:
            return error
        lines = page.splitlines()
        # An element left open (<br>) is found where its parent closes: the line that opened it is at fault.
        if opened := _LEFT_OPEN.match(error.msg):
            problem, number = f"<{opened[1]}> is never closed", int(opened[2])
        else:  # (libxml2's place is the page's, not a template's)
            problem, number = _PLACE.sub("", error.msg), error.lineno
        faulty = lines[number - 1].strip() if 0 < number <= len(lines) else ""
        file, line = _written_at(faulty, own)
        return PaibanError(
            f"the page made from {', '.join(map(str, own))} is not well-formed XHTML: {problem}"
            + (f", in `{faulty[:120]}`" if faulty else ""), file=file, line=line,
            hint="Templates are XHTML: close every element, the empty ones too (<br />, <img … />, "
                 "<hr />), quote every attribute, write & as &amp;, and use only the named entities "
                 "HTML defines (&nbsp;, &copy;) or the character itself.")

    def stylesheet(self, name: str) -> Path:
        """The path of stylesheet ``name`` (the book's own if it has one)."""
        for directory in self.dirs:
            if (directory / name).is_file():
                return _contained(directory / name, directory)
        raise PaibanError(f"stylesheet {quoted(name)} not found in the theme")

    def describe(self, name: str) -> str:
        """The file a template or stylesheet ``name`` comes from, for messages."""
        return next((str(directory / name) for directory in self.dirs if (directory / name).is_file()), name)

    def css(self, name: str) -> str:
        """The text of stylesheet ``name``. A syntax error in the book's own is warned of at its line,
        once per theme: a CSS engine skips what the error spoils, naming neither the sheet nor the line."""
        from .render.css import heads_resized, set_by_page_css, syntax_errors  # (paiban.render imports this module)

        path = self.stylesheet(name)
        if not self._books(str(path)):
            return path.read_text(encoding="utf-8")
        text = self._own_sheet(path)
        if path not in self._checked:
            self._checked.add(path)
            for line, problem in syntax_errors(text):
                log.warning("%s:%d: CSS syntax error: %s", path, line, problem)
            for line, what in set_by_page_css(text) if name == "print.css" else ():
                log.warning("%s:%d: `%s` of @page is set by [pdf] in book.toml: page.css, made from it, "
                            "comes after print.css and sets it again. Set the page in [pdf] (size, margins, "
                            "bleed, marks), or override page.css itself", path, line, what)
            for line, what in heads_resized(text) if name == "print.css" else ():
                log.warning("%s:%d: `%s` sets the running heads' size, which paiban does not read: it shortens a "
                            "head to the line counted at page.css's %gpt, so a head set larger can run past the "
                            "text block. Keep the heads at %gpt or smaller, or give a long title a short "
                            "`running-title` in book.toml", path, line, what, HEAD_PT, HEAD_PT)
        return text

    def own_sheets(self, names: Iterable[str]) -> list[tuple[Path, str]]:
        """(file, text) of the book's own stylesheets among ``names``. The glyph check reads them
        before any format is rendered, where a sheet it may not read is told as any file of the
        book is (it was an internal error)."""
        return [(path, self._own_sheet(path)) for path in map(self.stylesheet, names) if self._books(str(path))]

    def _own_sheet(self, path: Path) -> str:
        """The text of the book's own sheet at ``path``, nested no deeper than paiban reads (see
        :func:`~paiban.css_syntax.require_shallow`; looked at once per theme)."""
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise unreadable(error, path) from None
        if path not in self._shallow:
            require_shallow(text, path)
            self._shallow.add(path)
        return text

    def tell_font_problems(self, problems: Iterable[FontProblem]) -> None:
        """Warn of the fonts the book's own sheets cannot be set in (``problems``: a family not
        found, a font file missing or no font: :class:`~paiban.theme_fonts.SheetFonts`), each once
        per theme."""
        for problem in problems:
            if problem not in self._fonts_told:
                self._fonts_told.add(problem)
                log.warning("%s:%d: %s (%s)", problem.file, problem.line, problem.message, problem.hint)

    def converting(self, convert: Callable[[str], str]) -> Theme:
        """This theme with the text its templates write themselves (设计丛书, 编著) put through
        ``convert``, an edition's OpenCC: its templates are compiled again, and kept apart."""
        theme = copy.copy(self)
        compiled = self.env.bytecode_cache
        # A cache of its own: an overlay would start with a copy of this one, unconverted.
        theme.env = self.env.overlay(extensions=[ConvertedText], cache_size=_TEMPLATES_KEPT,
                                     bytecode_cache=ConvertedBytecode(compiled) if compiled else None)
        theme.env.convert_text = convert
        return theme

    def texts(self) -> Iterator[TemplateText]:
        """The text of the templates a book is made of, as this theme prints it (for the checks)."""
        try:
            yield from template_texts(self.env, self.env.convert_text or (lambda text: text))
        except jinja2.TemplateSyntaxError as error:
            raise _syntax_error(error) from None


# What a template may call the methods of (the default theme's splitlines, startswith, items,
# loop.cycle): each computes from its value and touches nothing else. An imported template's
# macros (m.badge()) run template code, in this sandbox too.
_PLAIN = (str, int, float, tuple, list, dict, set, frozenset, jinja2.runtime.LoopContext, jinja2.utils.Cycler,
          jinja2.environment.TemplateModule)


def _shown(value: object) -> object:
    """What ``{{ value }}`` writes: nothing for a value a book leaves unset (``book.meta.series``),
    which printed None in the book."""
    return "" if value is None else value


# A page parsed only to find whether it is well-formed: nothing loaded, a big book's page taken whole.
_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


class _Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Jinja's sandbox, in which a template calls no method but those of plain values and the macros
    of a template it imports, and changes no list or dict (the immutable sandbox: the book model
    stays as paiban made it). Not even one it made itself: ``xs.append(1)`` and ``d.update(…)`` are
    refused, ``{% set xs = xs + [1] %}`` and a ``namespace()`` are not.

    Jinja's own sandbox lets a template call any public method, and the book model holds paths
    (``Book.root``, ``Article.source``), whose methods read, write and delete files. Refusing
    every method but a plain value's keeps out whatever a template may reach, now or when the
    model gains a field: a path, a directory entry, a file, a module.
    """

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        return super().is_safe_attribute(obj, attr, value) and (not callable(value) or isinstance(obj, _PLAIN))

    def is_safe_callable(self, obj: object) -> bool:
        """A function paiban passes (``href``) or Jinja's own (a macro); a method only of a plain value."""
        owner = getattr(obj, "__self__", None)
        return super().is_safe_callable(obj) and (owner is None or isinstance(owner, _PLAIN))

    # A template from a stranger may not take a build server's memory or time: ``"x" * 300000000``
    # ended in a MemoryError told as a bug in paiban, ``9 ** 9 ** 9`` and two nested loops over
    # range(99999) never ended.
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator: str, left: object, right: object) -> object:
        """``*`` and ``**`` as Python's, within :data:`_LARGEST` (a text's characters, a list's items,
        a number's digits)."""
        if operator == "*":
            sequence, times = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(sequence, (str, list, tuple)) and isinstance(times, int) \
                    and len(sequence) * times > _LARGEST:
                raise jinja2.sandbox.SecurityError(f"a template may not make a text or list of more than "
                                                   f"{_LARGEST:,} (it asked for {len(sequence) * times:,})")
        elif isinstance(left, int) and isinstance(right, int) \
                and abs(right) * max(abs(left), 2).bit_length() > 4 * _LARGEST:  # its bits
            raise jinja2.sandbox.SecurityError(f"a template may not raise {left} to the power {right}")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805  (Jinja's own names)
        """Call as Jinja's sandbox does, refusing a text padded past :data:`_LARGEST` (``ljust``,
        ``center``, a format's width: 300 MB strings were made without a word)."""
        method = getattr(__obj, "__wrapped__", __obj)  # (the sandbox wraps a text's format)
        name, text = getattr(method, "__name__", ""), getattr(method, "__self__", None)
        if isinstance(text, str) and (
                (name in _PADDING and args and isinstance(args[0], int) and args[0] > _LARGEST)
                or (name in ("format", "format_map")
                    and (_WIDE_FIELD.search(text) or (_WIDTH_GIVEN.search(text) and _huge(args, kwargs))))):
            raise _too_much()
        return super().call(__context, __obj, *args, **kwargs)

    def loops(self) -> Callable[..., range]:
        """Jinja's ``range``, with every range a render asks for counted: each is at most Jinja's
        100,000 long, and all of them together at most :data:`_LARGEST`, so loops inside loops end."""
        counted = [0]

        def counted_range(*args: int) -> range:
            made = jinja2.sandbox.safe_range(*args)
            counted[0] += len(made)
            if counted[0] > _LARGEST:
                raise jinja2.sandbox.SecurityError(f"a template may not loop more than {_LARGEST:,} times in all")
            return made
        return counted_range


_LARGEST = 1_000_000
_PADDING = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})
_WIDE_FIELD = patterns.compile(r"\{[^{}]*:[^{}]*?\d{7,}")  # a replacement field a million wide
_WIDTH_GIVEN = patterns.compile(r"\{[^{}]*:[^{}]*\{")  # one whose width is an argument: {:{}}
# The longest a page may take to render: a big book's whole PDF markup takes a second or two.
_LONGEST_RENDER = 60


def _too_much(kind: str = "text", units: str = "characters") -> jinja2.sandbox.SecurityError:
    """The error of a template that asks for a ``kind`` longer than :data:`_LARGEST` ``units``."""
    return jinja2.sandbox.SecurityError(f"a template may not make a {kind} of more than {_LARGEST:,} {units}")


def _bounded_center(value: str, width: int = 80) -> str:
    """Jinja's ``center`` filter, to a width of :data:`_LARGEST` at most."""
    if width > _LARGEST:
        raise _too_much()
    return jinja2.filters.do_center(value, width)


def _huge(args: tuple, kwargs: dict) -> bool:
    """Whether a number among ``args`` and ``kwargs`` is past :data:`_LARGEST`, where a format takes
    a width as an argument (``"{:{}}".format("a", 5000000)``, ``"%*s" | format(5000000, "a")``): a
    number shown (全书约{:,}字) may well be larger."""
    return any(isinstance(value, int) and abs(value) > _LARGEST for value in (*args, *kwargs.values()))


def _bounded_indent(value: str, width: int | str = 4, *args: object, **kwargs: object) -> str:
    """Jinja's ``indent`` filter, no wider than :data:`_LARGEST`."""
    if isinstance(width, int) and width > _LARGEST or isinstance(width, str) and len(width) > _LARGEST:
        raise _too_much()
    return jinja2.filters.do_indent(value, width, *args, **kwargs)


def _bounded_batch(value, linecount: int, fill_with: object = None):
    """Jinja's ``batch`` filter, its batches no longer than :data:`_LARGEST`."""
    if linecount > _LARGEST:
        raise _too_much("list", "items")
    return jinja2.filters.do_batch(value, linecount, fill_with)


def _bounded_format(value: str, *args: object, **kwargs: object) -> str:
    """Jinja's ``format`` filter (``%`` formatting), no field wider than :data:`_LARGEST`."""
    if _WIDE_PERCENT.search(str(value)) or ("*" in str(value) and _huge(args, kwargs)):
        raise _too_much()
    return jinja2.filters.do_format(value, *args, **kwargs)


_WIDE_PERCENT = patterns.compile(r"%[-+ #0]*\d{7,}")


class _TookTooLong(Exception):
    """A template's render stopped by :func:`_time_limit`."""


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Stop the block with :class:`_TookTooLong` after ``seconds`` (a loop over strings inside a
    loop over them, which no count of ``range`` sees, ran for ever). Only in the main thread, where
    a signal is delivered; elsewhere the block runs unbounded."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: object) -> None:
        raise _TookTooLong

    before = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def _written_at(text: str, files: list[Path]) -> tuple[Path | None, int | None]:
    """The file and line of the template that writes ``text``, a line of a rendered page: the line
    of ``files`` that writes most of it, its ``{{ }}`` and ``{% %}`` standing for whatever they
    wrote (a page's line may begin with the end of the template before). A line that writes less
    than half of it (a lone ``</p>``) is no answer; then the file alone, when there is only one."""
    text = text.strip()
    found = []
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            literal = _TEMPLATE_TAG.split(line.strip())
            size = sum(map(len, literal))
            if size and 2 * size >= len(text) and re.search(".*?".join(map(re.escape, literal)), text):
                found.append((size, file, number))
    longest = max((size for size, _, _ in found), default=0)
    best = [(file, number) for size, file, number in found if size == longest]
    return best[0] if len(best) == 1 else (files[0] if len(files) == 1 else None, None)


# What a template line writes that the page does not show as written: its tags and comments.
_TEMPLATE_TAG = patterns.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")


# libxml2's message for an element whose parent closes before it does, and the line that opened it.
_LEFT_OPEN = patterns.compile(r"Opening and ending tag mismatch: (\S+) line (\d+)")
_PLACE = patterns.compile(r", line \d+, column \d+$")

# Jinja's default: the few templates of a theme are all kept compiled.
_TEMPLATES_KEPT = 400


def _syntax_error(error: jinja2.TemplateSyntaxError) -> PaibanError:
    """The error for a template Jinja cannot read; in a sheet made from a template (fonts.css,
    page.css), most likely text of the sheet's own that reads as Jinja: the README's fix, said."""
    if (error.filename or "").endswith(".css"):
        hint = ("fonts.css and page.css are Jinja templates: a {{, {% or {# of the sheet's own text starts Jinja "
                "syntax. Put such text between {% raw %} and {% endraw %}.")
    else:
        hint = ("A template in the book's styles/ must be valid Jinja: each {{ }} and {% %} closed, each {% for %} "
                "and {% if %} ended, only filters that exist; compare it with the default theme's.")
    return PaibanError(f"template syntax error: {error.message}", file=error.filename, line=error.lineno, hint=hint)


class _ContainedLoader(jinja2.FileSystemLoader):
    """Jinja's file loader (which already refuses ``..``), refusing symbolic links out of its directory too."""

    def get_source(self, environment: jinja2.Environment, template: str):
        source, filename, uptodate = super().get_source(environment, template)
        directory = next(Path(root) for root in self.searchpath if Path(filename).is_relative_to(root))
        _contained(Path(filename), directory)
        return source, filename, uptodate


def _contained(path: Path, directory: Path) -> Path:
    """``path``, unless it leads out of ``directory``: then an error naming it."""
    if not inside(path, directory):
        raise PaibanError(f"{path.name} in {directory} leads out of its directory (a symbolic link to "
                          f"{path.resolve()})", file=path,
                          hint="Copy the file into the book's styles/ instead of linking to it.")
    return path


def css_string(value: object) -> str:
    """``value`` as a quoted CSS string (font names, the running head's title). JSON's quoting is not
    CSS's: a line break, \\n in JSON, is an n in CSS."""
    return f'"{tinycss2.serializer.serialize_string_value(str(value))}"'


def line_breaks(text: str) -> markupsafe.Markup:
    """``text`` escaped, a ``<br />`` where it breaks its line itself: a title may (``title = "上卷\\n下卷"``),
    and the title page breaks it there as the cover does. Nor does it break where the cover does not:
    inside a bracketed word, or before a line's last character (:func:`_kept_together`)."""
    return markupsafe.Markup("<br />").join(map(_kept_together, text.splitlines()))


def _kept_together(line: str) -> markupsafe.Markup:
    """``line`` escaped, each short bracketed word (:func:`_fits`) in a ``span.whole``, which a line
    breaks before rather than inside (the title page set 青柳 2026年三月號（臺 / 灣版）), and
    its last two Chinese characters kept together (:func:`_last_two_kept`). When the last two begin
    inside a word (（甲）乙), its span runs to the line's end, holding them; a word inside them
    (于（上）) is kept with them."""
    last = LAST_TWO.search(line)
    tail = last.start() if last else len(line)  # where the last two begin
    pieces, at = [], 0
    for word in BRACKETED_WORD.finditer(line):
        end = word.end() if word.end() <= tail else len(line)
        if word.start() < tail and _spans_closed(line[word.start():end]) and _fits(word[0]):
            whole = markupsafe.Markup('<span class="whole">{}</span>').format(_last_two_kept(line[word.start():end]))
            pieces += [markupsafe.escape(line[at:word.start()]), whole]
            at = end
    return markupsafe.Markup("").join([*pieces, _last_two_kept(line[at:])])


# The most characters of a bracketed word a title line keeps whole (with its brackets): it fits a
# line of the title on any page or screen (2 ems on a phone: ten characters and more). One wider than
# a line, made a block of its own, left the character before it alone on a line (论 / 《…》 / 研究).
_WHOLE_MOST = 8


def _fits(word: str) -> bool:
    """Whether the bracketed ``word`` (markup) is short enough to keep whole (:data:`_WHOLE_MOST`)."""
    return len(TAG.sub("", word)) <= _WHOLE_MOST


def _spans_closed(markup: str) -> bool:
    """Whether ``markup``, a piece of a title (its language spans one after another: :func:`tagged`),
    closes each span it opens and opens each it closes: only then may it be put in a span."""
    return markup.count("<span") == markup.count("</span>") and markup.find("</span>") >= markup.find("<span")


def _last_two_kept(line: str) -> markupsafe.Markup:
    """``line`` escaped, its last two Chinese characters (and their marks) in a ``span.keep``, which
    no line breaks inside: the title page set 《The Salt Road》中英对照 / 本, its last character alone
    (:data:`~paiban.punctuation.LAST_TWO`). A line of those two alone needs none."""
    match = LAST_TWO.search(line)
    if not match or not match.start():
        return markupsafe.escape(line)
    kept = markupsafe.Markup('<span class="keep">{}</span>').format(match[0])
    return markupsafe.escape(line[:match.start()]) + kept + markupsafe.escape(line[match.end():])


def tagged(text: str, meta: Metadata) -> markupsafe.Markup:
    """``text`` (the book's title, subtitle or a name) escaped, each phrase book.toml tags with a
    language (``[Zoë’s Garden]{lang=en}``) a ``<span lang>`` of it, set in its language's face
    (fonts.css) and read in its voice."""
    return markupsafe.Markup("").join(markupsafe.Markup('<span lang="{}">{}</span>').format(lang, run) if lang
                                      else markupsafe.escape(run) for run, lang in meta.runs(text))


def printed_title(item: object) -> markupsafe.Markup:
    """An article's or a chapter's title as its heading prints it: its markup when it keeps any
    (an emphasis, code; a no-convert span, whose language draws it in its region's glyphs), else its text;
    a Latin word's apostrophe shut to its letters (从 Xī’ān 出发) as the body's is."""
    markup = getattr(item, "title_markup", None)
    return markupsafe.Markup(shut_apostrophes(markup or str(markupsafe.escape(item.title))))


def listed_title(item: object) -> markupsafe.Markup:
    """An article's or a chapter's title as the contents lists it: its no-convert spans kept, for
    their glyphs, but not the emphasis or code its heading prints (a list of titles is set plain); a
    Latin word's apostrophe shut to its letters, as the heading's is."""
    markup = getattr(item, "title_markup", None)
    return markupsafe.Markup(shut_apostrophes(listed(markup) if markup else str(markupsafe.escape(item.title))))


def listed_author(article: object, book: object) -> str:
    """The author an article's contents entry names after its title, as an anthology's or a magazine's
    contents do: ``""`` for an article without one or by the book's own author(s) (or all of them,
    张三、李四), whose name every entry would only repeat, and where ``[contents] authors`` is false."""
    author = getattr(article, "author", None)
    if not (author and book.contents_authors):
        return ""
    names = {name for name in _NAMES.split(author.strip()) if name}
    return "" if names <= set(book.meta.authors) else author


def own_bookmark(item: object) -> str:
    """An article's or a chapter's title as the PDF's bookmarks list it, when that is not its
    heading's text (which they list otherwise): a superscript or subscript written as Unicode's,
    which the PDF viewer's fonts draw (H₂O, not the heading's H2O: :func:`~paiban.titles.outlined`);
    else ``""``."""
    own = outline_title(item)
    return own if own != heading_text(item) else ""


def printed_isbn(identifier: str) -> str:
    """An ``urn:isbn:`` identifier as a copyright page prints it: parted by hyphens where the ISBN's
    ranges part it (GB/T 5795: 978-7-02-000000-5, as the CIP block has it)."""
    from stdnum import isbn  # only for a book with an ISBN

    return isbn.format(identifier.removeprefix("urn:isbn:"))
