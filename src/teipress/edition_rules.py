"""teipress's editorial rules that are checked in Python rather than as Schematron: those
across files against an index of the edition's ids gathered once, and date ranges.

- every local pointer resolves (``registers.xml#pers-x``, ``#p3``): a pointer is local when it
  has a ``#`` and no scheme (``:``); a bare ``#id`` points into its own file; the file part is a
  file name of the edition as written (``registers.xml``);
- every ``@wit`` names a declared witness;
- every register entry (person, place, org, object, event in a standOff) is referenced by a text;
- a date range (``@from``/``@to``, ``@notBefore``/``@notAfter``) runs forwards.

As Schematron over the whole edition wrapped in one tree these cost a pass of string
functions per element of the corpus (most of a validation's time). Here each file's
attributes are gathered by libxml2 in one XPath, and every check is a look-up."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .columns import ColumnIndex
from .corpus import kind_of
from .document import Document
from .errors import Diagnostic
from .namespaces import TEI_NS, XML_NS

# The attributes whose local pointers must resolve, and those a register entry is referenced by.
CHECKED = ("ref", "target", "corresp", "resp", "wit", "who", "source")
REFERENCING = ("ref", "target", "corresp")
_RANGE_END = {"from": "to", "notBefore": "notAfter"}
_TEI = f"{{{TEI_NS}}}"
_ID = f"{{{XML_NS}}}id"
_WITNESS = f"{{{TEI_NS}}}witness"
_ENTRIES = {f"{{{TEI_NS}}}{name}" for name in ("person", "place", "org", "object", "event")}
_STANDOFF = f"{{{TEI_NS}}}standOff"
_ATTRIBUTES = etree.XPath("|".join(f".//@{a}" for a in (*CHECKED, "xml:id", "from", "notBefore")))


@dataclass
class PointerIndex:
    """What the edition's files declare and point to: ``ids`` maps "file#id" to the tag of its
    element, ``referenced`` holds every "file#id" some @ref, @target or @corresp names."""

    files: set[str] = field(default_factory=set)
    ids: dict[str, str] = field(default_factory=dict)
    referenced: set[str] = field(default_factory=set)
    has_texts: bool = False

    def add(self, document: Document) -> None:
        """Take in the ids and pointers of ``document``."""
        name = document.name
        self.files.add(name)
        self.has_texts = self.has_texts or kind_of(document) == "text"
        for attribute in _ATTRIBUTES(document.root):
            if attribute.attrname == _ID:
                self.ids.setdefault(f"{name}#{attribute}", attribute.getparent().tag)
            elif attribute.attrname in REFERENCING:
                self.referenced.update(t for t in _tokens(str(attribute), name) if "#" in t and ":" not in t)


def pointer_index(documents: list[Document]) -> PointerIndex:
    """Give the index of ``documents`` (the checked files and those they point into)."""
    index = PointerIndex()
    for document in documents:
        index.add(document)
    return index


def pointer_diagnostics(document: Document, index: PointerIndex) -> list[Diagnostic]:
    """Give the findings of the rules on the pointers, witnesses and date ranges of ``document``
    (which ``index`` includes), each at the line and column of its element."""
    name, found = document.name, []
    columns: list[ColumnIndex] = []  # made on the first finding: most files have none

    def report(element, severity: str, message: str) -> None:
        columns or columns.append(ColumnIndex(document))
        found.append(Diagnostic(str(document.path), element.sourceline or 1, columns[0].column(element), severity, message))

    unresolved: set = set()  # elements already reported for a pointer: one finding each
    for attribute in _ATTRIBUTES(document.root):
        kind, element = attribute.attrname, attribute.getparent()
        if kind == _ID or not element.tag.startswith(_TEI):
            continue
        if kind in _RANGE_END:
            problem = _range_problem(element, kind, _RANGE_END[kind])
        elif element in unresolved:
            problem = None
        else:
            problem = _pointer_problem(element, str(attribute), name, index)
            if problem is not None:
                unresolved.add(element)
        if problem is not None:
            report(element, "error", problem)
        if kind == "wit" and any(index.ids.get(w) != _WITNESS for w in _tokens(str(attribute), name)):
            report(element, "error", f"@wit '{attribute}' names something that is not a witness declared in a listWit")
    return found


def entry_candidates(document: Document) -> list[tuple[str, Diagnostic]]:
    """Give each register entry of ``document`` (a person, place … with an xml:id in a standOff)
    as its "file#id" and the warning it gets when no text of the edition references it. The
    warning is given where the references of every file are known (Validator.rule_diagnostics,
    or the merge of a validation in several processes: models.combine)."""
    name, found = document.name, []
    columns: list[ColumnIndex] = []
    for standoff in document.root.iter(_STANDOFF):
        for entry in standoff.iter(*_ENTRIES):
            if entry.get(_ID) is not None:
                columns or columns.append(ColumnIndex(document))
                found.append((f"{name}#{entry.get(_ID)}", Diagnostic(
                    str(document.path), entry.sourceline or 1, columns[0].column(entry), "warning",
                    f"register entry '{entry.get(_ID)}' is referenced by no text of the edition")))
    return found


def _pointer_problem(element, value: str, name: str, index: PointerIndex) -> str | None:
    """Give why the first local pointer of ``value`` does not resolve, or None."""
    for token in value.split():
        pointer = name + token if token.startswith("#") else token
        if "#" in pointer and ":" not in pointer and pointer not in index.ids:
            file = pointer.split("#", 1)[0]
            why = "no element has that xml:id" if file in index.files else f"{file} is not a file of the edition"
            # Said as the editor wrote it (a bare "#id", not "file.xml#id").
            return f"pointer '{token}' on <{etree.QName(element).localname}> does not resolve: {why}"
    return None


def _range_problem(element, start: str, end: str) -> str | None:
    first, last = element.get(start), element.get(end)
    if last is not None and _padded(first, "-01-01") > _padded(last, "-12-31"):
        return f"date range runs backwards: @{start} '{first}' is after @{end} '{last}'"
    return None


def _padded(value: str, tail: str) -> float:
    """Give an ISO date as a number YYYYMMDD, a year or month filled from ``tail`` (NaN if it is no date)."""
    value = value.strip()
    filled = value + tail[len(value) - 4:] if 4 <= len(value) < 10 else value
    try:
        return float(filled.replace("-", ""))
    except ValueError:
        return float("nan")  # compares false, as the grammar reports a malformed date


def _tokens(value: str | None, name: str) -> list[str]:
    """Give the pointers of an attribute value, a bare "#id" made "file#id"."""
    return [f"{name}{t}" if t.startswith("#") else t for t in (value or "").split()]
