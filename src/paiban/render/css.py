"""Stylesheets confined to the book: every ``url()`` and ``@import`` a format cannot keep is left out.

A book's own CSS (``styles/*.css``) comes from whoever sent the book. The PDF's URL fetcher
already refuses to load anything outside the book and the theme, but the EPUB and the HTML
preview carry their CSS to a reader, whose engine would fetch what the sheet names. So
each sheet is parsed (tinycss2, the parser WeasyPrint itself uses), and a declaration or
``@import`` naming a URL the format does not allow is dropped, with a warning naming the
sheet and the URL. The same walk can write declarations anew: a PDF/X's colours in the press's
CMYK (:func:`press_colours`), a one-colour book's in black ink (:func:`black_ink`), an SVG's
font families (:mod:`.svg`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import tinycss2
from tinycss2 import ast
from tinycss2.color4 import Color
from tinycss2.color5 import parse_color  # (device-cmyk() too, whose Color is color4's subclass)
from tinycss2.serializer import serialize_string_value, serialize_url
from .. import patterns
from ..css_syntax import RULE_BLOCKS
from ..fonts import FONT_SUFFIXES, is_font_file
from ..page import HEAD_PT
from ..paths import relative_path

log = logging.getLogger("paiban")

# The functions whose strings are text, never a URL: a list's counters(item, "."), a font's
# local("宋体") and format("woff2"), a running head's string(title), a shape's path("M0 0 …").
# A string any other function takes is looked at as a URL: a reading system may fetch it
# (image-set("http://…" 1x)), and so may it from a function yet to come. But var()'s fallback,
# as a custom property's value, is mostly text (var(--x, "章")): see _reaches_out.
_TEXT_FUNCTIONS = frozenset({"attr", "content", "counter", "counters", "format", "leader", "local", "path",
                             "string", "symbols", "target-counter", "target-counters", "target-text", "tech",
                             "type"})

Allowed = Callable[[str], bool]
Rewrite = Callable[[ast.Declaration], str | None]  # a declaration → its value written anew (None: as written)
Recolour = Callable[[Color], str | None]  # a colour → written anew (None: as written)
Relink = Callable[[str], str]  # an allowed URL → the URL written
Strings = Callable[[str], bool]  # whether a string (not a url()) is a URL
# The properties whose colours are recoloured (not font-family: Black, nor content's idents).
_COLOURED = patterns.compile(r"^(color|background|border|outline|text-decoration|column-rule|box-shadow|text-shadow"
                             r"|caret-color|fill|stroke)", re.IGNORECASE)


def allowed_urls(fmt: str, packaged: Iterable[str] = ()) -> Allowed:
    """Which URLs a sheet of ``fmt`` may keep.

    PDF: relative URLs (the fetcher confines them to the book and the theme) and ``data:``.
    EPUB: only what the EPUB itself carries (``packaged``: the embedded fonts), so EPUBCheck
    finds no missing or remote resource. HTML preview: only ``data:`` pictures and fonts, as it
    travels alone: a ``data:`` sheet or SVG could load what it names from anywhere, and the
    browser would fetch it. Both also keep the files beside a sheet that it names, which they
    carry (see :mod:`.assets`).
    """
    packaged = frozenset(packaged)
    if fmt == "epub":
        return packaged.__contains__
    if fmt == "pdf":
        return lambda url: _is_data(url) or _is_relative(url)
    return _is_inert_data


def contain_css(css: str, sheet: str, allowed: Allowed, rewrite: Rewrite | None = None,
                declarations: bool = False, relink: Relink | None = None, tidy: bool = True) -> str:
    """``css`` without the declarations and ``@import`` rules that name a URL not ``allowed``;
    with ``rewrite``, each declaration's value as it gives it (see :func:`press_colours`). A
    ``@font-face`` rule is not rewritten: its descriptors are not properties. ``relink`` gives
    the URL to write for an allowed one (a file the output carries under another name).

    ``declarations``: ``css`` is a list of them (a ``style`` attribute), not a sheet. A sheet
    with nothing to leave out or rewrite is returned as written, unless it has an empty declaration
    (see :func:`_has_empty_declaration`) and ``tidy`` is set. (The PDF's sheets are not tidied:
    WeasyPrint passes over an empty declaration, and a sheet it reads as written has its warnings
    told at the file's own lines.)
    """
    changed: list[str] = []

    def allow(url: str) -> bool:
        if allowed(url):
            return True
        changed.append(url)
        return False

    def relinked(url: str) -> str:
        written = relink(url) if relink else url
        if written != url:
            changed.append(url)
        return written

    if declarations:
        contained = _block(css, False, sheet, allow, rewrite, relinked)
    else:
        rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        contained = "\n".join(filter(None, (_rule(rule, sheet, allow, rewrite, relinked) for rule in rules)))
    tidied = tidy and (_has_empty_declaration(css, declarations) or (not declarations and syntax_errors(css)))
    return contained if changed or rewrite or tidied else css


# Where a sheet may hold an empty declaration: a semicolon after another or after a block's {,
# with only blanks and comments between (or a style attribute's first). A string may hold them
# too: the tokens tell.
_MAYBE_EMPTY = patterns.compile(r"(?:^|[;{])(?:\s|/\*.*?\*/)*;", re.DOTALL)


def _has_empty_declaration(css: str, declarations: bool) -> bool:
    """Whether a block of ``css`` (a sheet, or with ``declarations`` a style attribute) has an empty
    declaration: ``text-indent: 2em;; line-height: 1.9`` or ``{ ; }``. A CSS engine passes over it,
    but EPUBCheck takes it for an error (CSS-008, Token ";" not allowed here); written anew by
    :func:`contain_css`, the sheet has none."""
    if not _MAYBE_EMPTY.search(css):
        return False
    return _empty_in(tinycss2.parse_component_value_list(css, skip_comments=True), declarations)


def _empty_in(tokens: list, declarations: bool) -> bool:
    """Whether ``tokens``, or a ``{}`` block in them, hold an empty declaration; ``declarations``:
    whether ``tokens`` are a block's declarations themselves."""
    empty = True  # nothing since the block's start or its last semicolon
    for token in tokens:
        if isinstance(token, ast.CurlyBracketsBlock) and _empty_in(token.content, True):
            return True
        if token == ";":
            if declarations and empty:
                return True
            empty = True
        elif not isinstance(token, ast.WhitespaceToken):
            empty = False
    return False


def press_colours(profile: str) -> Rewrite:
    """PDF/X's colours: each colour of a sheet in ``device-cmyk()`` for the press of the output
    ``profile`` (an ICC file). A grey, black included, is black ink alone (``0 0 0 k``): through the
    profile it would come out in all four inks, a rich black that shows every misregister on
    small type. Another colour is converted from sRGB through the profile (relative colorimetric,
    black point compensation), as prepress would. One already in ``device-cmyk()`` is as written."""
    from PIL import Image, ImageCms  # only for PDF/X books

    transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(profile), "RGB",
                                        "CMYK", ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)

    def cmyk(color: Color) -> str | None:
        if color.space == "device-cmyk":
            return None
        red, green, blue = _srgb(color)
        if red == green == blue:
            inks = (0.0, 0.0, 0.0, 1 - red / 255)
        else:
            pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), (red, green, blue)), transform).getpixel((0, 0))
            inks = tuple(value / 255 for value in pixel)
        return f"device-cmyk({' '.join(f'{ink:.3g}' for ink in inks)}{_alpha(color)})"

    return _recolouring(cmyk, lambda color: None)


def black_ink() -> Rewrite:
    """A one-colour book's colours (``colour = "black"``): each colour of a sheet in black ink alone,
    ``device-cmyk(0 0 0 k)``, k the ink of its grey. Written in RGB, even black text is printed in
    all four inks by the RIP, which a one-colour press cannot print. The grey is Pillow's ("L",
    ITU-R 601 luma), which makes the book's colour pictures grey too (see :func:`.fetcher.in_grey`),
    so a red and a red picture print alike. A gradient's colours are made grey in sRGB: WeasyPrint
    draws a gradient in RGB and fails on a ``device-cmyk()`` in one."""
    def ink(color: Color) -> str:
        return f"device-cmyk(0 0 0 {1 - _grey(color) / 255:.3g}{_alpha(color)})"

    def shade(color: Color) -> str:
        level = _grey(color)
        return f"rgb({level} {level} {level}{_alpha(color)})"

    return _recolouring(ink, shade)


def either(*rewrites: Rewrite | None) -> Rewrite | None:
    """One rewrite of what each of ``rewrites`` rewrites (``None`` among them: none), the first
    that writes a declaration anew winning; ``None`` when there is none."""
    given = [rewrite for rewrite in rewrites if rewrite is not None]
    if len(given) < 2:
        return next(iter(given), None)
    return lambda declaration: next((value for rewrite in given if (value := rewrite(declaration)) is not None), None)


def _recolouring(recolour: Recolour, shade: Recolour) -> Rewrite:
    """A rewrite of each colour of a colour property with ``recolour``, and of each colour of a
    gradient with ``shade``: WeasyPrint 70 draws a gradient in sRGB, and a ``device-cmyk()`` in one
    stops the build (tinycss2 cannot take it to sRGB)."""
    def recoloured(declaration: ast.Declaration) -> str | None:
        return _recoloured(declaration.value, recolour, shade).strip() if _COLOURED.match(declaration.name) else None

    return recoloured


def _srgb(color: Color) -> tuple[int, int, int]:
    """A colour's red, green and blue (0 to 255) in sRGB; a ``device-cmyk()`` one's naively, as CSS does
    without a profile."""
    if color.space == "device-cmyk":
        cyan, magenta, yellow, black = color.coordinates
        values = tuple((1 - ink) * (1 - black) for ink in (cyan, magenta, yellow))
    else:
        values = color.to("srgb").coordinates
    red, green, blue = (round(min(max(value, 0.0), 1.0) * 255) for value in values)
    return red, green, blue


def _grey(color: Color) -> int:
    """A colour's grey (0 black to 255 white), as Pillow makes a picture grey."""
    from PIL import Image  # only for books in black ink

    return Image.new("RGB", (1, 1), _srgb(color)).convert("L").getpixel((0, 0))


def _alpha(color: Color) -> str:
    return f" / {color.alpha:g}" if color.alpha < 1 else ""


def for_style_element(css: str) -> str:
    """CSS that can sit inside an HTML ``<style>`` element without ending it early."""
    return css.replace("</", "<\\/")


def _rule(node, sheet: str, allowed: Allowed, rewrite: Rewrite | None, relink: Relink) -> str:
    if isinstance(node, ast.Declaration):
        # A custom property's strings may be put into image-set() by var().
        strings = _reaches_out if node.name.startswith("--") else _no_string
        if _refused(node.value, sheet, allowed, f"the declaration `{node.name}`", strings):
            return ""
        _relinked(node.value, relink, strings)
        value = rewrite(node) if rewrite else None
        if value is None:
            value = tinycss2.serialize(node.value).strip()
        return f"{node.name}: {value}{' !important' if node.important else ''};"
    if isinstance(node, ast.QualifiedRule):
        if any(token.type == "error" for token in node.prelude):
            return ""  # a } that closed nothing, and the rule it spoiled: what a CSS engine skips (EPUBCheck's CSS-008)
        block = _block(node.content, False, sheet, allowed, rewrite, relink)
        return f"{tinycss2.serialize(node.prelude).strip()} {{ {block} }}"
    if isinstance(node, ast.AtRule):
        keyword = node.lower_at_keyword
        # A namespace URI is a name, never fetched.
        if keyword != "namespace":
            strings = _every_string if keyword == "import" else _no_string
            if _refused(node.prelude, sheet, allowed, f"@{keyword}", strings):
                return ""
            _relinked(node.prelude, relink, strings)
        head = f"@{node.at_keyword}{tinycss2.serialize(node.prelude).rstrip()}"
        if node.content is None:
            return f"{head};"
        rewrite = None if keyword == "font-face" else rewrite
        return f"{head} {{ {_block(node.content, keyword in RULE_BLOCKS, sheet, allowed, rewrite, relink)} }}"
    return ""  # parse errors: what a CSS engine would skip anyway


def _block(content: list, holds_rules: bool, sheet: str, allowed: Allowed, rewrite: Rewrite | None,
           relink: Relink) -> str:
    # A rule among declarations is what a rule left open ran into (font-size: 3em .b { … }), or
    # CSS nesting, which neither WeasyPrint nor EPUB's CSS reads (EPUBCheck's CSS-008): left out.
    rules = (_rule(node, sheet, allowed, rewrite, relink) for node in _nodes(content, holds_rules)
             if holds_rules or not isinstance(node, ast.QualifiedRule))
    return " ".join(filter(None, rules))


def _nodes(content: list, holds_rules: bool) -> list:
    """The rules of a block that ``holds_rules`` (``@media``'s), else its declarations and nested at-rules."""
    parse = tinycss2.parse_rule_list if holds_rules else tinycss2.parse_blocks_contents
    return parse(content, skip_comments=True, skip_whitespace=True)


def _recoloured(tokens: list, recolour: Recolour, shade: Recolour) -> str:
    """A declaration's value with each colour in it recoloured, one in a gradient's arguments shaded
    (``None``: as written)."""
    written = []
    for token in tokens:
        color = parse_color(token)
        if isinstance(color, Color) and (value := recolour(color)) is not None:
            written.append(value)
        elif isinstance(token, ast.FunctionBlock) and not isinstance(color, Color):
            inner = shade if token.lower_name.endswith("gradient") else recolour
            written.append(f"{token.name}({_recoloured(token.arguments, inner, shade)})")
        else:
            written.append(tinycss2.serialize([token]))
    return "".join(written)


def _refused(tokens: list, sheet: str, allowed: Allowed, what: str, strings: Strings) -> bool:
    """Whether ``tokens`` name a URL that is not allowed (``strings``: which bare strings count as one)."""
    for token in _urls(tokens, strings):
        if allowed(token.value):
            continue
        if _is_data(token.value):
            log.warning("%s: left out %s, which holds a data: URL (%s,…): the EPUB keeps none, the HTML preview "
                        "only a PNG, JPEG, GIF, WebP or AVIF picture or a font, which load nothing more (an SVG "
                        "or a sheet may). Put the picture, an SVG above all, in the styles/ folder as a file "
                        "beside the sheet: both carry it (an SVG sanitised)", sheet, what,
                        token.value.strip().split(",", 1)[0])
        elif _missing_beside(token.value, sheet):
            log.warning("%s: left out %s, which refers to %s, a file that is not there: put it beside the sheet "
                        "in styles/, or correct its name", sheet, what, token.value)
        elif _no_font_beside(token.value, sheet):
            log.warning("%s: left out %s, which refers to %s, a file that is not a font (no OpenType, TrueType or "
                        "WOFF file): put the font itself beside the sheet in styles/", sheet, what, token.value)
        else:
            log.warning("%s: left out %s, which refers to %s: a book's stylesheet may only use files of its "
                        "styles/ folder, named by a relative path from the sheet without `..` (copy the file "
                        "there)", sheet, what, token.value)
        return True
    return False


def _missing_beside(url: str, sheet: str) -> bool:
    """Whether ``url`` is a relative path from the sheet ``sheet`` (a file) that leads nowhere out
    of its folder, to a file that is not there: refused for that, not for where it leads (it was
    told to be "a file of its styles/ folder", which it was)."""
    if (path := relative_path(url)) is None:
        return False
    folder = Path(sheet).parent
    return folder.is_dir() and not (folder / path).exists()


def _no_font_beside(url: str, sheet: str) -> bool:
    """Whether ``url`` is a relative path from the sheet ``sheet`` to a file named as a font that holds none."""
    if (path := relative_path(url)) is None:
        return False
    found = Path(sheet).parent / path
    return found.suffix.lower() in FONT_SUFFIXES and found.is_file() and not is_font_file(found)


def _relinked(tokens: list, relink: Relink, strings: Strings) -> None:
    """Each URL in ``tokens`` written as ``relink`` gives it (the tokens are changed in place)."""
    for token in _urls(tokens, strings):
        written = relink(token.value)
        if written != token.value:
            token.value = written
            token.representation = (f"url({serialize_url(written)})" if isinstance(token, ast.URLToken)
                                    else f'"{serialize_string_value(written)}"')


def _urls(tokens: list, strings: Strings) -> Iterable[ast.URLToken | ast.StringToken]:
    """The tokens that hold a URL in a list of component values, at any depth: each ``url(…)``, and
    each string a function takes (``image-set("a.png" 1x)``, ``src("a.png")``) unless its strings
    are only text, or are var()'s fallback (then only one that reaches out). ``strings``: which
    bare strings are URLs too (every one of ``@import "a.css"``)."""
    for token in tokens:
        if isinstance(token, ast.URLToken) or (isinstance(token, ast.StringToken) and strings(token.value)):
            yield token
        elif isinstance(token, ast.FunctionBlock):
            yield from _urls(token.arguments, _function_strings(token.lower_name))
        elif isinstance(token, (ast.ParenthesesBlock, ast.SquareBracketsBlock, ast.CurlyBracketsBlock)):
            yield from _urls(token.content, strings)


def _function_strings(name: str) -> Strings:
    """Which of the strings function ``name`` takes are URLs."""
    if name in _TEXT_FUNCTIONS:
        return _no_string
    return _reaches_out if name == "var" else _every_string


def _no_string(string: str) -> bool:
    return False


def _every_string(string: str) -> bool:
    return True


# The scheme of a URL a browser fetches (http:, data:, file: …), or a network path (//host, \\host:
# a browser takes \ for /), after what a browser strips from a URL's start (spaces, controls). A
# label's colon (--note: "Note: ") names no scheme a browser fetches.
_REACHING = patterns.compile(
    r"[\x00-\x20]*(?:(?:https?|ftps?|file|data|blob|wss?|filesystem|jar|javascript):|[/\\]{2})", re.IGNORECASE)
# A path: one with a folder in it (../x.png, /etc/x), or a file name with its suffix (orn.png).
_PATH = patterns.compile(r"[^\s]*[/\\][^\s]*|[^\s/\\]+\.[A-Za-z0-9]{1,5}", re.IGNORECASE)


def _reaches_out(string: str) -> bool:
    """Whether ``string`` is a URL if var() puts it where a URL goes (image-set(var(--picture) 1x)):
    a custom property's string, or a var() fallback's, is mostly text (--label: "第"), kept as it
    is. One that names a file or a place (orn.png, ../x.png, http://…) is a URL, checked (and
    carried) as one. A browser drops the tabs and line breaks in a URL."""
    url = re.sub(r"[\t\n\r]", "", string)
    return bool(_REACHING.match(url) or _PATH.fullmatch(url.strip()))


# What each kind of tinycss2 parse error means, in a designer's words.
_SYNTAX = {
    "invalid": "this cannot be read as a rule or a declaration (a :, ; or { missing, or one too many?)",
    "bad-string": "a quoted string is not closed on its line",
    "eof-in-string": "a quoted string is never closed",
    "bad-url": "a url() is not closed, or has a space or quote in it",
    "eof-in-url": "a url() is never closed",
}


def syntax_errors(css: str) -> list[tuple[int, str]]:
    """(line, message) of each syntax error in the sheet ``css``, in order. A CSS engine passes over
    them without a word, skipping what they spoil: a rule left open swallows the rest of the sheet."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    found = [(error.source_line, _meaning(error)) for error in _parse_errors(rules)]
    # The tokenizer closes at the end what the sheet left open, and says nothing: a } put after it
    # closes nothing only if everything was closed.
    last = tinycss2.parse_component_value_list(css + "}")[-1]
    if last.type == "comment":
        found.append((last.source_line, "the comment begun here is never closed (no */): the rest of the "
                                        "sheet is part of it"))
    elif last.type != "error":
        found.append((last.source_line, "the rule here is never closed (a { without its }): the rest of "
                                        "the sheet is read as part of it, and lost"))
    for comment in _tokens_of(ast.Comment, tinycss2.parse_component_value_list(css)):
        before, opened, _ = comment.value.partition("/*")
        if opened and _CSS_IN_COMMENT.search(before):  # (/* chapters/*.md */ is a comment, closed)
            found.append((comment.source_line, f"the comment begun here holds a /* (line "
                                               f"{comment.source_line + before.count(chr(10))}): comments do not "
                                               "nest, so a /* left unclosed runs to the next comment's */ and the "
                                               "rules between are part of it, and lost"))
    return sorted(found)


# What of CSS a comment that holds a /* swallowed before it: a rule's braces, a declaration's ;.
_CSS_IN_COMMENT = patterns.compile(r"[{};]")


# What page.css (made from [pdf] in book.toml, after the theme's other sheets) sets again over an
# @page rule of theirs, by its selector: what page.css sets there, or for a more specific selector
# (its :left and :right pages' side margins, the left page's running head).
_SIDES = {"margin", "margin-left", "margin-right"}
_PAGE_SET = {
    "": _SIDES | {"size", "margin-top", "margin-bottom", "bleed", "marks", "@top-left content",
                  *(f"@top-{side} {name}" for side in ("left", "right") for name in ("font-size", "white-space"))},
    ":left": _SIDES | {"@top-left content"},
    ":right": _SIDES,
}


def set_by_page_css(css: str) -> list[tuple[int, str]]:
    """(line, what) of each declaration of the sheet ``css`` that page.css, which comes after it,
    sets again for the same pages: ``size`` in ``@page``, ``@top-left content`` in ``@page :left``.
    Written in print.css, it was silently overridden."""
    return sorted((declaration.source_line, name) for name, declaration, set_there in _page_declarations(css)
                  if name in set_there)


def heads_resized(css: str) -> list[tuple[int, str]]:
    """(line, what) of each declaration of the sheet ``css`` that sets the running heads' size over
    page.css's (``@page :right { @top-right { font-size: 11pt } }``: a more specific page wins).
    paiban shortens a head to its line counted at page.css's size (page.HEAD_PT), not at one a
    sheet sets, so a head set larger ran past the text block into the gutter. A size in absolute
    units no larger than that is no harm."""
    return sorted((declaration.source_line, name) for name, declaration, set_there in _page_declarations(css)
                  if name in _HEAD_SIZES and name not in set_there and not _small_head(declaration.value))


# The declarations that size a running head: in a top margin box, where print.css sets them.
_HEAD_SIZES = {f"@top-{box} {name}" for box in ("left", "center", "right") for name in ("font-size", "font")}
# CSS's absolute units, in points: a head's size written in one is read.
_PT_PER = {"pt": 1.0, "px": 0.75, "pc": 12.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "q": 72 / 101.6}


def _small_head(value: list) -> bool:
    """Whether ``value`` (a ``font-size``'s tokens) is an absolute size no larger than the heads' own."""
    tokens = [token for token in value if token.type not in ("whitespace", "comment")]
    return (len(tokens) == 1 and tokens[0].type == "dimension" and tokens[0].lower_unit in _PT_PER
            and tokens[0].value * _PT_PER[tokens[0].lower_unit] <= HEAD_PT)


def _page_declarations(css: str) -> Iterator[tuple[str, ast.Declaration, set[str]]]:
    """(what, declaration, what page.css sets there) of each declaration of the @page rules of the
    sheet ``css``: ``size``, and one in a margin box by the box's name too, ``@top-left content``."""
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "at-rule" or rule.lower_at_keyword != "page" or rule.content is None:
            continue
        set_there = set().union(*(_PAGE_SET.get(selector.strip().lower(), set())
                                  for selector in tinycss2.serialize(rule.prelude).split(",")))
        for item in _nodes(rule.content, False):
            if item.type == "declaration":
                yield item.lower_name, item, set_there
            elif item.type == "at-rule" and item.content is not None:
                yield from ((f"@{item.lower_at_keyword} {inner.lower_name}", inner, set_there)
                            for inner in _nodes(item.content, False) if inner.type == "declaration")


def _meaning(error: ast.ParseError) -> str:
    if error.kind in ("}", "]", ")"):  # (the kind of an unmatched one is the character)
        return f"a {error.kind} that closes nothing"
    return _SYNTAX.get(error.kind, error.message)


def _parse_errors(nodes: list) -> Iterable[ast.ParseError]:
    """The parse errors among ``nodes`` (rules and declarations) and in every block and value inside them."""
    for node in nodes:
        if isinstance(node, ast.ParseError):
            yield node
        elif isinstance(node, ast.Declaration):
            yield from _tokens_of(ast.ParseError, node.value)
        elif isinstance(node, (ast.QualifiedRule, ast.AtRule)):
            yield from _tokens_of(ast.ParseError, node.prelude)
            if node.content is not None:
                holds_rules = isinstance(node, ast.AtRule) and node.lower_at_keyword in RULE_BLOCKS
                yield from _parse_errors(_nodes(node.content, holds_rules))


def _tokens_of(kind: type, tokens: list) -> Iterator:
    """The tokens of ``kind`` among ``tokens`` and in every block and function inside them."""
    for token in tokens:
        if isinstance(token, kind):
            yield token
        elif isinstance(token, ast.FunctionBlock):
            yield from _tokens_of(kind, token.arguments)
        elif isinstance(token, (ast.ParenthesesBlock, ast.SquareBracketsBlock, ast.CurlyBracketsBlock)):
            yield from _tokens_of(kind, token.content)


def _is_data(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() == "data"


# What a ``data:`` URL may hold where nothing it names is checked: what names nothing.
_INERT = patterns.compile(r"data:\s*(?:image/(?:png|jpeg|gif|webp|avif)|font/[\w.+-]+|application/(?:x-)?font-[\w.+-]+)"
                          r"\s*[;,]", re.IGNORECASE)


def _is_inert_data(url: str) -> bool:
    """A ``data:`` picture or font: it loads nothing else, unlike a sheet's ``@import`` or an SVG's ``href``."""
    return bool(_INERT.match(url.strip()))


def _is_relative(url: str) -> bool:
    parts = urlsplit(url.strip())
    return not parts.scheme and not parts.netloc and not parts.path.startswith(("/", "\\"))
