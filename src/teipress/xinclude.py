"""XInclude (``xi:include``), resolved by teipress itself rather than by libxml2, so that what
a file may include is decided here: a file inside the edition folder (symbolic links followed),
read with the same safe parser as every input, never from the network.

- ``parse="xml"`` (the default): the included file's root element, or the element its
  ``xpointer`` names (a bare id, ``xpointer(id('…'))`` or ``element(…)`` with an id), takes the
  place of the ``xi:include``; includes inside it are resolved in turn, against its own file.
- ``parse="text"``: the file's text (``encoding``, UTF-8 by default) takes its place.
- A target outside the edition folder, a URL, a loop or an xpointer that cannot be read is an
  error at the ``xi:include``; a missing file or a missing id is a warning, and the element's
  ``xi:fallback`` takes its place (nothing when it has none).

Growth is bounded: includes nest at most :data:`MAX_DEPTH` deep and a document takes in at
most :data:`MAX_INCLUDED_BYTES` from the files it includes.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from .errors import Diagnostic

XI_NS = "http://www.w3.org/2001/XInclude"
INCLUDE = f"{{{XI_NS}}}include"
FALLBACK = f"{{{XI_NS}}}fallback"
MAX_DEPTH = 16
MAX_INCLUDED_BYTES = 64 * 1024 * 1024
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ID_POINTERS = (re.compile(r"([\w.-]+)"), re.compile(r"""xpointer\(\s*id\(\s*['"]([\w.-]+)['"]\s*\)\s*\)"""),
                re.compile(r"element\(([\w.-]+)\)"))


class IncludeError(Exception):
    """An ``xi:include`` that cannot be resolved: the message says why."""


@dataclass
class Inclusion:
    """What resolving the includes of one document found: the files it took in or looked for
    (their resolved paths, each once, in the order met) and what it has to say (warnings and errors)."""

    files: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    size: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def has_includes(root: etree._Element) -> bool:
    """Give whether the tree holds any ``xi:include``."""
    return next(root.iter(INCLUDE), None) is not None


def resolve_includes(root: etree._Element, path: Path, folder: Path, column_of, parse) -> Inclusion:
    """Replace every ``xi:include`` under ``root`` (the tree of the file at ``path``) in place by
    what it includes, files inside ``folder`` only. ``column_of(element)`` gives a column of the
    file at ``path``; ``parse(file)`` gives the root of a file parsed safely (or raises
    ``etree.XMLSyntaxError``)."""
    inclusion = Inclusion()
    _resolve(root, path, folder.resolve(), column_of, parse, inclusion, chain=(str(path.resolve()),))
    return inclusion


def _resolve(root, path: Path, folder: Path, column_of, parse, inclusion: Inclusion, chain: tuple) -> None:
    # One include at a time, each replaced (or removed) before the next is looked for: what a
    # fallback brings in is then resolved too, and nothing inside a replaced include is met.
    while (element := next((e for e in root.iter(INCLUDE) if e is not root), None)) is not None:
        where = (str(path), element.sourceline or 1, column_of(element) if len(chain) == 1 else 1)
        try:
            _include(element, path, folder, parse, inclusion, chain)
        except IncludeError as exc:
            inclusion.diagnostics.append(Diagnostic(*where, "error", f"xi:include: {exc}"))
            _replace(element, [])
        except _Missing as exc:
            fallback = element.find(FALLBACK)
            used = " its xi:fallback is shown instead" if fallback is not None else " nothing is shown in its place"
            inclusion.diagnostics.append(Diagnostic(*where, "warning", f"xi:include: {exc};{used}"))
            _replace(element, _fallback(fallback))


class _Missing(Exception):
    """What an include names is not there (a warning: its fallback stands in)."""


def _include(element, path: Path, folder: Path, parse, inclusion: Inclusion, chain: tuple) -> None:
    href = (element.get("href") or "").strip()
    how = (element.get("parse") or "xml").strip()
    pointer = (element.get("xpointer") or "").strip()
    if how not in ("xml", "text"):
        raise IncludeError(f"parse='{how}' is not XInclude's (xml or text)")
    if not href:
        raise IncludeError("an include without an href (within the same file) is not read by teipress")
    if _SCHEME.match(href) or href.startswith(("/", "\\")) or "\\" in href:
        raise IncludeError(f"'{href}' is not a relative path to a file inside the edition folder: not read")
    target = (path.resolve().parent / unquote(href.split("#", 1)[0])).resolve()  # symbolic links followed
    if not target.is_relative_to(folder):
        raise IncludeError(f"'{href}' lies outside the edition folder ({folder}): not read")
    if target not in inclusion.files:
        inclusion.files.append(target)  # looked for, found or not: a file that appears changes the text
    if not target.is_file():
        raise _Missing(f"'{href}' names no file")
    size = target.stat().st_size
    if inclusion.size + size > MAX_INCLUDED_BYTES:
        raise IncludeError(f"the included files pass {MAX_INCLUDED_BYTES:,} bytes (the bound of what a file may include)")
    inclusion.size += size
    if how == "text":
        encoding = (element.get("encoding") or "utf-8").strip()
        try:
            text = target.read_bytes().decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise IncludeError(f"'{href}' cannot be read as text in {encoding}: {exc}") from exc
        _replace(element, [text])
        return
    key = f"{target}#{pointer}"
    if key in chain:
        raise IncludeError(f"'{href}' includes itself (through {' → '.join(Path(c.split('#')[0]).name for c in chain)})")
    if len(chain) > MAX_DEPTH:
        raise IncludeError(f"includes nest more than {MAX_DEPTH} deep")
    try:
        included = parse(target)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (exc.lineno or 1, 1)
        raise IncludeError(f"'{href}' is not well-formed at line {line}, column {col}: {exc.msg}") from exc
    if pointer:
        included = _pointed(included, pointer, href)
    included = copy.deepcopy(included)
    included.tail = None
    _resolve(included, target, folder, lambda _element: 1, parse, inclusion, (*chain, key))
    _replace(element, [included])


def _pointed(root, pointer: str, href: str):
    for form in _ID_POINTERS:
        match = form.fullmatch(pointer)
        if match:
            found = root.xpath("//*[@xml:id = $id]", id=match[1])
            if not found:
                raise _Missing(f"'{href}' has no element with the xml:id '{match[1]}'")
            return found[0]
    raise IncludeError(f"the xpointer '{pointer}' is not read by teipress (an xml:id, xpointer(id('…')) "
                       "or element(…) with an id is)")


def _fallback(fallback) -> list:
    """Give what an ``xi:fallback`` holds: its text, then copies of its children (tails kept)."""
    if fallback is None:
        return []
    parts: list = [fallback.text] if fallback.text else []
    parts.extend(copy.deepcopy(child) for child in fallback)
    return parts


def _replace(element, parts: list) -> None:
    """Put ``parts`` (strings and elements) where ``element`` stands, keeping its tail."""
    parent = element.getparent()
    if parent is None:
        return  # the root itself: a document that is one include is left as it is
    tail = element.tail or ""
    previous = element.getprevious()
    index = parent.index(element)
    parent.remove(element)

    def add_text(text: str) -> None:
        if previous is None:
            parent.text = (parent.text or "") + text
        else:
            previous.tail = (previous.tail or "") + text

    for part in parts:
        if isinstance(part, str):
            add_text(part)
        else:
            parent.insert(index, part)
            index += 1
            previous = part
    add_text(tail)
