"""Themes: Jinja templates and CSS found by file name, the book's own ``styles/`` first.

A book overrides any file of the default theme by putting one of the same name in its
``styles/`` directory (MkDocs-style shadowing). Templates are rendered with autoescaping on,
so article text can never inject markup.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

from .errors import PaibanError
from .paths import inside

BOOK_STYLES = "styles"


def default_theme_dir() -> Path:
    """The default theme: packaged inside paiban when installed, the repository's ``styles/`` when editable."""
    packaged = Path(__file__).parent / "styles"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "styles"


class Theme:
    """The templates and stylesheets one book is rendered with."""

    def __init__(self, book_root: Path) -> None:
        override = book_root / BOOK_STYLES
        self.dirs = ([override] if override.is_dir() and inside(override, book_root) else []) + [
            default_theme_dir()
        ]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.dirs),
            autoescape=jinja2.select_autoescape(["html", "xhtml"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        # CSS strings (font names) must be quoted CSS-safely: JSON string syntax is valid CSS.
        self.env.filters["css_string"] = lambda value: json.dumps(str(value), ensure_ascii=False)

    def render(self, name: str, **context: object) -> str:
        """Render template ``name``; a broken template in a book's ``styles/`` is a named error."""
        try:
            return self.env.get_template(name).render(**context)
        except jinja2.TemplateSyntaxError as error:
            raise PaibanError(f"template syntax error: {error.message}", file=error.filename,
                              line=error.lineno) from None
        except jinja2.TemplateNotFound as error:
            raise PaibanError(f"template {error.name!r} not found in {', '.join(map(str, self.dirs))}",
                              hint="Restore it, or remove the override that includes it.") from None
        except jinja2.UndefinedError as error:
            raise PaibanError(f"template {name!r}: {error.message}",
                              hint="A template in the book's styles/ uses a value paiban does not "
                                   "provide; compare it with the default theme's.") from None

    def stylesheet(self, name: str) -> Path:
        """The path of stylesheet ``name`` (the book's own if it has one)."""
        for directory in self.dirs:
            if (directory / name).is_file():
                return directory / name
        raise PaibanError(f"stylesheet {name!r} not found in the theme")

    def css(self, name: str) -> str:
        return self.stylesheet(name).read_text(encoding="utf-8")
