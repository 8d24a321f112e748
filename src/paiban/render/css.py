"""Stylesheets confined to the book: every ``url()`` and ``@import`` a format cannot keep is left out.

A book's own CSS (``styles/*.css``) comes from whoever sent the book. The PDF's URL fetcher
already refuses to load anything outside the book and the theme, but the EPUB and the HTML
preview carry their CSS to a reader, whose engine would fetch what the sheet names. So
each sheet is parsed (tinycss2, the parser WeasyPrint itself uses), and a declaration or
``@import`` naming a URL the format does not allow is dropped, with a warning naming the
sheet and the URL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import tinycss2
from tinycss2 import ast

log = logging.getLogger("paiban")

# At-rules whose block holds rules (the others hold declarations, and maybe nested at-rules).
_RULE_BLOCKS = frozenset({"media", "supports", "layer", "container", "document", "scope"})

Allowed = Callable[[str], bool]


def allowed_urls(fmt: str, packaged: Iterable[str] = ()) -> Allowed:
    """Which URLs a sheet of ``fmt`` may keep.

    PDF: relative URLs (the fetcher confines them to the book and the theme) and ``data:``.
    EPUB: only what the EPUB itself carries (``packaged``: the embedded fonts), so EPUBCheck
    finds no missing or remote resource. HTML preview: only ``data:``, as it travels alone.
    """
    packaged = frozenset(packaged)
    if fmt == "epub":
        return packaged.__contains__
    if fmt == "pdf":
        return lambda url: _is_data(url) or _is_relative(url)
    return _is_data


def contain_css(css: str, sheet: str, allowed: Allowed, declarations: bool = False) -> str:
    """``css`` without the declarations and ``@import`` rules that name a URL not ``allowed``.

    ``declarations``: ``css`` is a list of them (a ``style`` attribute), not a sheet. A sheet
    with nothing to leave out is returned as written.
    """
    refused: list[str] = []

    def allow(url: str) -> bool:
        if allowed(url):
            return True
        refused.append(url)
        return False

    if declarations:
        contained = _block(css, False, sheet, allow)
    else:
        rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        contained = "\n".join(filter(None, (_rule(rule, sheet, allow) for rule in rules)))
    return contained if refused else css


def for_style_element(css: str) -> str:
    """CSS that can sit inside an HTML ``<style>`` element without ending it early."""
    return css.replace("</", "<\\/")


def _rule(node, sheet: str, allowed: Allowed) -> str:
    if isinstance(node, ast.Declaration):
        if _refused(node.value, sheet, allowed, f"the declaration `{node.name}`"):
            return ""
        return f"{node.name}: {tinycss2.serialize(node.value).strip()}{' !important' if node.important else ''};"
    if isinstance(node, ast.QualifiedRule):
        return f"{tinycss2.serialize(node.prelude).strip()} {{ {_block(node.content, False, sheet, allowed)} }}"
    if isinstance(node, ast.AtRule):
        keyword = node.lower_at_keyword
        # A namespace URI is a name, never fetched.
        if keyword != "namespace" and _refused(node.prelude, sheet, allowed, f"@{keyword}", every=keyword == "import"):
            return ""
        head = f"@{node.at_keyword}{tinycss2.serialize(node.prelude).rstrip()}"
        if node.content is None:
            return f"{head};"
        return f"{head} {{ {_block(node.content, keyword in _RULE_BLOCKS, sheet, allowed)} }}"
    return ""  # parse errors: what a CSS engine would skip anyway


def _block(content: list, holds_rules: bool, sheet: str, allowed: Allowed) -> str:
    parse = tinycss2.parse_rule_list if holds_rules else tinycss2.parse_blocks_contents
    nodes = parse(content, skip_comments=True, skip_whitespace=True)
    return " ".join(filter(None, (_rule(node, sheet, allowed) for node in nodes)))


def _refused(tokens: list, sheet: str, allowed: Allowed, what: str, every: bool = False) -> bool:
    """Whether ``tokens`` name a URL that is not allowed (``every``: an ``@import`` string counts too)."""
    for url in _urls(tokens, strings=every):
        if not allowed(url):
            log.warning("%s: left out %s, which refers to %s: a book's stylesheet may only use "
                        "files of the book (copy the file into it and use a relative path)", sheet, what, url)
            return True
    return False


def _urls(tokens: list, strings: bool = False) -> Iterable[str]:
    """The URLs in a list of component values: ``url(…)``, ``src(…)``, and (``strings``) bare strings."""
    for token in tokens:
        if isinstance(token, ast.URLToken):
            yield token.value
        elif isinstance(token, ast.StringToken) and strings:
            yield token.value
        elif isinstance(token, ast.FunctionBlock):
            if token.lower_name in ("url", "src"):
                yield from (arg.value for arg in token.arguments if isinstance(arg, ast.StringToken))
            yield from _urls(token.arguments)
        elif isinstance(token, (ast.ParenthesesBlock, ast.SquareBracketsBlock, ast.CurlyBracketsBlock)):
            yield from _urls(token.content)


def _is_data(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() == "data"


def _is_relative(url: str) -> bool:
    parts = urlsplit(url.strip())
    return not parts.scheme and not parts.netloc and not parts.path.startswith(("/", "\\"))
