"""fontconfig, asked in this process: which face a family name gets, and which families are installed.

A build asks fontconfig about each of the edition's families (its file, its character map),
the way Pango will when it lays the book out. Each ``fc-match`` or ``fc-list`` process loads
fontconfig's caches afresh, 8–30 ms apiece and about ten of them a build: a sixth of an EPUB
rebuild. The library, loaded once, answers the same questions in well under a millisecond
each after a 10 ms start. The answers are fontconfig's own: the same calls, in the same order,
as ``fc-match -f FORMAT PATTERN`` and ``fc-list -f FORMAT PATTERN OBJECT`` make.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import re
from collections.abc import Iterator

_POINTER = ctypes.c_void_p
_MATCH_PATTERN = 0  # FcMatchPattern: substitute as for a pattern being matched


class _FontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(_POINTER))]


def _library_names() -> Iterator[str]:
    """The library's usual names (Linux, macOS, Windows), then, only if none loads, what
    ``find_library`` finds (it may run ``ldconfig`` or a compiler to look)."""
    yield from ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll")
    if found := ctypes.util.find_library("fontconfig"):
        yield found


@functools.cache
def _library() -> ctypes.CDLL | None:
    """libfontconfig, initialised; ``None`` where it is not installed."""
    for name in _library_names():
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        if library.FcInit():
            break
    else:
        return None
    signatures = {
        "FcNameParse": (_POINTER, [ctypes.c_char_p]),
        "FcConfigSubstitute": (ctypes.c_int, [_POINTER, _POINTER, ctypes.c_int]),
        "FcDefaultSubstitute": (None, [_POINTER]),
        "FcFontMatch": (_POINTER, [_POINTER, _POINTER, ctypes.POINTER(ctypes.c_int)]),
        "FcPatternFormat": (_POINTER, [_POINTER, ctypes.c_char_p]),
        "FcStrFree": (None, [_POINTER]),
        "FcPatternDestroy": (None, [_POINTER]),
        "FcObjectSetCreate": (_POINTER, []),
        "FcObjectSetAdd": (ctypes.c_int, [_POINTER, ctypes.c_char_p]),
        "FcObjectSetDestroy": (None, [_POINTER]),
        "FcFontList": (ctypes.POINTER(_FontSet), [_POINTER, _POINTER, _POINTER]),
        "FcFontSetDestroy": (None, [ctypes.POINTER(_FontSet)]),
    }
    for function, (result, arguments) in signatures.items():
        getattr(library, function).restype = result
        getattr(library, function).argtypes = arguments
    return library


def match(pattern: str, form: str) -> str | None:
    """``fc-match -f FORM PATTERN``: the face fontconfig picks for ``pattern`` (e.g.
    ``Noto Serif CJK SC:style=Bold``; see :func:`family_pattern`), formatted (``%{file}``,
    ``%{charset}``...); ``None`` without fontconfig, or for a pattern it cannot read. Like
    fc-match, it always picks *some* face."""
    library = _library()
    if library is None:
        return None
    wanted = library.FcNameParse(pattern.encode("utf-8"))
    if not wanted:  # a pattern fontconfig cannot read: no face answers it
        return None
    library.FcConfigSubstitute(None, wanted, _MATCH_PATTERN)
    library.FcDefaultSubstitute(wanted)
    found = library.FcFontMatch(None, wanted, ctypes.byref(ctypes.c_int()))
    library.FcPatternDestroy(wanted)
    if not found:
        return None
    try:
        return _formatted(library, found, form)
    finally:
        library.FcPatternDestroy(found)


def substituted(pattern: str, form: str) -> str | None:
    """``pattern`` as fontconfig's configuration rewrites it before it matches a face (``fc-match -v``
    prints it so: what its aliases and rules add, as the colour its emoji rules ask for),
    formatted; ``None`` without fontconfig, or for a pattern it cannot read."""
    library = _library()
    if library is None:
        return None
    wanted = library.FcNameParse(pattern.encode("utf-8"))
    if not wanted:
        return None
    try:
        library.FcConfigSubstitute(None, wanted, _MATCH_PATTERN)
        return _formatted(library, wanted, form)
    finally:
        library.FcPatternDestroy(wanted)


def listing(pattern: str, element: str) -> list[str]:
    """``fc-list PATTERN ELEMENT``: each installed face matching ``pattern`` (``:`` for all,
    ``:charset=4e00`` for those with 一), as its ``element`` (``family``: the names joined by
    commas, as fc-list prints them); empty without fontconfig."""
    library = _library()
    if library is None:
        return []
    wanted = library.FcNameParse(pattern.encode("utf-8"))
    if not wanted:
        return []
    elements = library.FcObjectSetCreate()
    library.FcObjectSetAdd(elements, element.encode("ascii"))
    faces = library.FcFontList(None, wanted, elements)
    library.FcObjectSetDestroy(elements)
    library.FcPatternDestroy(wanted)
    if not faces:
        return []
    try:
        return [_formatted(library, faces.contents.fonts[index], f"%{{{element}}}")
                for index in range(faces.contents.nfont)]
    finally:
        library.FcFontSetDestroy(faces)


def _formatted(library: ctypes.CDLL, face: int, form: str) -> str:
    text = library.FcPatternFormat(face, form.encode("utf-8"))
    if not text:  # a format fontconfig cannot read
        raise ValueError(f"fontconfig cannot format {form!r}")
    try:
        return ctypes.string_at(text).decode("utf-8")
    finally:
        library.FcStrFree(text)


def family_pattern(family: str) -> str:
    """``family`` as the family of a fontconfig pattern: its ``-`` ``:`` ``,`` and ``\\``
    escaped, or fontconfig reads them as a size, properties, another family."""
    return re.sub(r"([-:,\\])", r"\\\1", family)
