"""An xml:id given twice in one file: where each later occurrence is, what a build calls it,
and how validation and builds report it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from .columns import ColumnIndex
from .errors import Diagnostic
from .namespaces import XML_NS

if TYPE_CHECKING:
    from .document import Document


def duplicate_ids(document: Document) -> list[tuple[str, tuple[int, int], tuple[int, int], str]]:
    """Give each later occurrence of an xml:id already given: the id, where its first
    occurrence is, where this one is, and the name ``make_ids_unique`` gives it."""
    columns = ColumnIndex(document)
    first: dict[str, tuple[int, int]] = {}
    found = []
    for element, value, new in _unique_names(document.root):
        place = (element.sourceline or 1, columns.column(element))
        if new is None:
            first[value] = place
        else:
            found.append((value, first[value], place, new))
    return found


def _unique_names(root: etree._Element):
    """Give (element, xml:id, new name or None) for every element under ``root`` with an
    xml:id, in document order: a later occurrence of an id gets the first free ``<id>-<n>``."""
    key = f"{{{XML_NS}}}id"
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e.get(key) is not None]
    taken = {e.get(key) for e in elements}
    seen: set[str] = set()
    for element in elements:
        value = element.get(key)
        if value not in seen:
            seen.add(value)
            yield element, value, None
            continue
        n = 2
        while f"{value}-{n}" in taken:
            n += 1
        taken.add(f"{value}-{n}")
        yield element, value, f"{value}-{n}"


def duplicate_id_warnings(document: Document) -> list[Diagnostic]:
    """Give one warning per later occurrence of a duplicate xml:id of ``document``, naming both
    places, for a build (which renames it in what the stylesheets see: see ``make_ids_unique``)."""
    return [Diagnostic(str(document.path), line, col, "warning",
                       f"the xml:id '{value}' is given twice: at {document.path}:{line}:{col} and before at "
                       f"{document.path}:{first[0]}:{first[1]}; the pages call this one '{new}' "
                       "(the TEI copy keeps the file as it is)")
            for value, first, (line, col), new in document.duplicate_ids]


def duplicate_id_errors(document: Document) -> list[Diagnostic]:
    """Give one error per later occurrence of a duplicate xml:id (invalid TEI), naming the first."""
    return [Diagnostic(str(document.path), line, col, "error",
                       f"the xml:id '{value}' is already given at {document.path}:{first[0]}:{first[1]} "
                       "(an xml:id must be unique in its file)")
            for value, first, (line, col), _new in document.duplicate_ids]


def make_ids_unique(root: etree._Element) -> int:
    """Rename every later occurrence of an xml:id under ``root`` to the first free ``<id>-<n>``
    (n from 2), in place, and give how many were renamed. Pointers to the id keep pointing
    at its first occurrence, as a reader of the file would take them."""
    renamed = [(element, new) for element, _value, new in _unique_names(root) if new is not None]
    for element, new in renamed:  # set after the walk: the walk reads the ids as the file gives them
        element.set(f"{{{XML_NS}}}id", new)
    return len(renamed)
