"""Images carried inside a source (a .docx, a data: URL) become files of the book when it is built directly.

Renderers take every image from the book directory, so a build that reads a .docx writes its
images once into ``.paiban/images/`` in the book, each named by its content: rebuilding
rewrites nothing, and two documents with the same picture share one file. ``paiban import``
instead puts them beside the imported article, where an editor sees them.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
from dataclasses import replace
from pathlib import Path, PurePosixPath

from lxml import etree

from .. import pixels
from ..atomic import atomic_output
from ..chars import quoted
from ..errors import PaibanError
from ..media import image_suffix
from ..pixels import too_many_pixels
from ..xhtml import rewrite
from .draft import Draft

log = logging.getLogger("paiban")

IMAGE_CACHE = Path(".paiban") / "images"
# The pictures a book can show, by media type, and the suffix of the file each is stored in
# (as paiban.media names a picture of that type).
IMAGE_SUFFIXES = {kind: image_suffix(kind) for kind in ("image/png", "image/jpeg", "image/gif", "image/svg+xml",
                                                        "image/webp")}


def store_embedded(draft: Draft, source: Path, root: Path) -> Draft:
    """``draft`` with its embedded images saved in the book and its ``<img src>`` pointing at them."""
    if not draft.embedded:
        return draft
    saved = {name: _save(content, PurePosixPath(name).suffix, source, root) for name, content in draft.embedded.items()}

    def visit(element) -> None:
        if element.tag == "img" and element.get("src") in saved:
            element.set("src", Path(os.path.relpath(saved[element.get("src")], source.parent)).as_posix())

    return replace(draft, body=rewrite(draft.body, visit), embedded={})


def _save(content: bytes, suffix: str, source: Path, root: Path) -> Path:
    """The picture's file in the book, written unless it is there. The book directory is the only
    place the renderers take images from (see :mod:`paiban.paths`), so a book on a read-only disk
    cannot show such a picture: that is an error naming the folder, not a picture left out."""
    target = root / IMAGE_CACHE / f"{content_name(content)}{suffix}"
    if not target.is_file():
        try:
            with atomic_output(target) as temporary:
                temporary.write_bytes(content)
        except OSError as error:
            raise PaibanError(
                f"cannot save the pictures embedded in this file into {target.parent}: {error.strerror or error}",
                file=source, hint=f"A build keeps the pictures a .docx or a data: URL carries as files in "
                                  f"{IMAGE_CACHE.as_posix()}/ in the book, the only place images are taken from: "
                                  "make the book directory writable, or `paiban import` the document into a "
                                  "writable book (its pictures go beside the article).") from None
    return target


def content_name(content: bytes) -> str:
    """The name a picture is stored under in :data:`IMAGE_CACHE`, less its suffix: its content's,
    which also tells where in its .docx a stored picture came from (``paiban check`` names the paragraph)."""
    return hashlib.sha256(content).hexdigest()[:16]


def take_data_images(body, path: Path) -> dict[str, bytes]:
    """Pictures written into the source as ``data:`` URLs (a saved web page, Markdown pasted from
    one), kept as a .docx's are: each ``<img>`` under ``body`` (a parsed tree) then refers to its
    picture by a name, and the build or the import gives it a file. One that is not a picture the
    book can show is left out, with the paragraph it stood alone in, and a warning at its line
    naming it by its alt text: an exported article may carry many."""
    embedded: dict[str, bytes] = {}
    for image in body.xpath(".//img[starts-with(@src, 'data:')]"):
        content, kind = data_url(image.get("src"))
        if size := too_many_pixels(content):
            raise PaibanError(f"an image embedded as a data: URL is too large: {size}", file=path, hint=pixels.HINT)
        if not showable(content, kind):
            from .body import at_picture, leave_out  # (paiban.sources.body imports this module)

            alt = (image.get("alt") or "").strip()
            log.warning("%s: %s embedded as a data: URL (%s) is not a picture the book can show; it was left out "
                        "(save the picture as a PNG or JPEG file beside the article, and show it by its name)",
                        at_picture(path, image.get("src")), f"the picture {quoted(alt)}" if alt else "a picture",
                        kind)
            leave_out(image)
            continue
        name = f"data-image-{len(embedded) + 1}{IMAGE_SUFFIXES[kind]}"
        embedded[name] = content
        image.set("src", name)
    return embedded


def data_url(address: str) -> tuple[bytes, str]:
    """What a ``data:`` URL holds, and its media type (``broken data`` when it holds nothing
    whole: its base64 cut short, no comma)."""
    import urllib.error
    import urllib.request  # 10 ms to import: only for a source with such a picture

    try:
        with urllib.request.urlopen(address) as data:  # a data: URL is decoded, never fetched
            return data.read(), data.headers.get_content_type()
    except (ValueError, urllib.error.URLError):
        return b"", "broken data"


def blank(content: bytes) -> bool:
    """Whether the picture ``content`` shows nothing: one colour throughout (a 1×1 spacer, a grey
    box), or an SVG that paints nothing visible (:func:`_shows`), as a lazy-loading page's
    stand-ins for its pictures are. An SVG with a style sheet of its own (``.bar{fill:#c33}``),
    whose paint its attributes do not tell, is blank only when it holds no shape (:func:`_draws`).
    No picture, or one Pillow refuses, is not blank: what it is is told where it is used."""
    if content.lstrip().startswith(b"<"):
        try:
            drawing = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            return False
        if drawing.xpath("boolean(//*[local-name() = 'style'])"):
            return not _draws(drawing)
        return not _shows(drawing, {})
    from PIL import Image, UnidentifiedImageError  # only for a source that carries a picture

    try:
        with Image.open(io.BytesIO(content)) as picture:
            return picture.getcolors(1) is not None
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return False


def showable(content: bytes, kind: str) -> bool:
    """Whether ``content`` is a whole picture of its type (a PNG's first bytes alone are not),
    one the book can show (``kind``: its media type)."""
    if kind not in IMAGE_SUFFIXES:
        return False
    if kind == "image/svg+xml":
        return bool(content.strip())
    from PIL import Image, UnidentifiedImageError  # only for a source that carries a picture

    try:
        with Image.open(io.BytesIO(content)) as picture:
            picture.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    return True


# SVG's elements painted with their fill and stroke; those that show as they are (a picture, a
# <use> of a drawing, foreign markup); and those never drawn where they stand (what a drawing
# keeps for use elsewhere, and what only describes it).
_SHAPES = frozenset({"rect", "circle", "ellipse", "line", "polyline", "polygon", "path", "text"})
_SHOWN = frozenset({"image", "use", "foreignObject"})
_UNDRAWN = frozenset({"defs", "symbol", "clipPath", "mask", "pattern", "marker", "linearGradient", "radialGradient",
                      "filter", "title", "desc", "metadata", "style", "script"})
# The properties that decide whether an SVG element shows, as attributes or in its style.
_LOOKS = ("display", "opacity", "visibility", "fill", "fill-opacity", "stroke", "stroke-opacity", "stroke-width")


def _shows(element: etree._Element, inherited: dict[str, str]) -> bool:
    """Whether the SVG ``element`` paints anything visible, by its properties and those it
    inherits: an empty SVG at its picture's proportions does not, nor WeChat's stand-in, whose
    one ``<rect>`` a ``<g fill-opacity="0">`` holds (taken for the photo, it printed an invisible
    figure). An element shown at no opacity, or not displayed, hides all it holds."""
    own = _looks(element)
    if own.get("display") == "none" or _nil(own.get("opacity")):
        return False
    looks = inherited | own
    name = etree.QName(element).localname
    if name in _UNDRAWN:
        return False
    if looks.get("visibility", "visible") == "visible" and (name in _SHOWN or name in _SHAPES and _painted(looks)):
        return True
    return any(_shows(child, looks) for child in element if isinstance(child.tag, str))


def _draws(element: etree._Element) -> bool:
    """Whether the SVG ``element`` holds a shape or a picture where it stands, whatever it is
    painted with: a chart whose bars its style sheet fills, in a ``<g fill="none">``, is a picture."""
    name = etree.QName(element).localname
    if name in _UNDRAWN:
        return False
    return name in _SHAPES or name in _SHOWN or any(_draws(child) for child in element if isinstance(child.tag, str))


def _looks(element: etree._Element) -> dict[str, str]:
    """The properties of :data:`_LOOKS` ``element`` is given, its style's over its attributes'."""
    given = {name: value.strip() for name in _LOOKS if (value := element.get(name)) is not None}
    for declaration in (element.get("style") or "").split(";"):
        name, _, value = (part.strip() for part in declaration.partition(":"))
        if name in _LOOKS:
            given[name] = value
    return given


def _painted(looks: dict[str, str]) -> bool:
    """Whether a shape of ``looks`` is filled or stroked with a paint that shows (SVG fills in
    black and strokes with none unless told)."""
    filled = looks.get("fill", "black") not in ("none", "transparent") and not _nil(looks.get("fill-opacity"))
    stroked = (looks.get("stroke", "none") not in ("none", "transparent") and not _nil(looks.get("stroke-opacity"))
               and not _nil(looks.get("stroke-width")))
    return filled or stroked


def _nil(value: str | None) -> bool:
    """Whether an opacity or a width is given as nothing (0, 0.0, 0%, 0px)."""
    try:
        return value is not None and float(value.removesuffix("%").removesuffix("px")) == 0
    except ValueError:
        return False
