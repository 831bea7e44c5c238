"""The RELAX NG check of one document: every error of the grammar, each at the
line and column of its element, in words an editor can act on."""

from __future__ import annotations

import copy
import datetime
import difflib
import itertools
import re

from lxml import etree

from .columns import ColumnIndex
from .document import Document
from .errors import Diagnostic
from .namespaces import RNG_NS, TEI_NS

_DATE_ATTRIBUTES = {"when", "from", "to", "notBefore", "notAfter"}
_ISO_DATE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")
# Rounds of repair-and-revalidate per element: libxml2 stops at the first error
# inside a content model, so each round removes what it reported. Errors inside
# children are found by checking the children on their own, so an element's
# rounds only meet its own attributes and the order of its children.
_MAX_ROUNDS = 100


class Grammar:
    """A compiled RELAX NG grammar that reports every error of a document, not only libxml2's first."""

    def __init__(self, tree: etree._ElementTree, relaxng: etree.RelaxNG):
        self.relaxng = relaxng
        # The element names the grammar declares, to tell a misspelt element from a misplaced one.
        self.known_elements = sorted({e.get("name") for e in tree.iter(f"{{{RNG_NS}}}element") if e.get("name")})
        # The same grammar with any of its elements as the root: a subtree is checked
        # on its own, in time proportional to its size (None when it cannot be made).
        self.any_element = any_element_grammar(tree)

    def diagnostics(self, document: Document) -> list[Diagnostic]:
        """Give the RELAX NG errors of one document, each at the line and column of its element."""
        if self.relaxng.validate(document.tree):
            return []
        return _GrammarCheck(self, document).run()

    def is_order_error(self, entry, element) -> bool:
        """True for an error saying a known TEI element stands in the wrong place."""
        return (entry.type_name in ("RELAXNG_ERR_ELEMWRONG", "RELAXNG_ERR_ELEMNAME", "RELAXNG_ERR_EXTRACONTENT")
                and etree.QName(element).namespace == TEI_NS
                and etree.QName(element).localname in self.known_elements)

    def diagnostic(self, document: Document, columns: ColumnIndex, entry, element) -> Diagnostic:
        """Give the diagnostic of one libxml2 error ``entry`` about ``element``, in words an editor can act on."""
        line = element.sourceline or entry.line or 1
        col = columns.column(element)
        name = etree.QName(element).localname
        parent = element.getparent()
        attribute = _attribute_in(entry.message)
        if attribute is not None:
            value = element.get(attribute)
            col = _attribute_column(columns, line, col, attribute)
            if attribute in _DATE_ATTRIBUTES and value is not None and not _valid_date(value):
                message = (
                    f"invalid date in @{attribute}='{value}': use an ISO 8601 date "
                    "(YYYY, YYYY-MM or YYYY-MM-DD) that exists"
                )
            elif value is not None:
                message = f"attribute @{attribute}='{value}' is not allowed on <{name}> or its value is invalid"
            else:
                message = f"attribute @{attribute} is not allowed on <{name}>"
        elif entry.type_name == "RELAXNG_ERR_NOELEM":
            missing = re.search(r"Expecting an element ([\w:.-]+)", entry.message)
            what = f"<{missing.group(1)}>" if missing else "a required element"
            message = f"<{name}> is incomplete: {what} is missing"
        elif etree.QName(element).namespace != TEI_NS:
            message = f"<{name}> is not in the TEI namespace ({TEI_NS})"
        elif name not in self.known_elements:
            guess = difflib.get_close_matches(name, self.known_elements, n=1)
            hint = f"; did you mean <{guess[0]}>?" if guess else ""
            message = f"unknown element <{name}>: the schema has no element of that name{hint}"
        elif entry.type_name in ("RELAXNG_ERR_ELEMWRONG", "RELAXNG_ERR_ELEMNAME", "RELAXNG_ERR_EXTRACONTENT"):
            where = f"inside <{etree.QName(parent).localname}>" if parent is not None else "as the root"
            message = (f"<{name}> is not allowed {where} at this position "
                       "(an element before it is missing, or it is out of order)")
        else:
            message = f"<{name}>: {entry.message}"
        return Diagnostic(str(document.path), line, col, "error", message)


class _GrammarCheck:
    """The grammar check of one invalid document, on a working copy that is repaired as errors are found.

    libxml2 reports about one error per validation and a document-wide repair
    round costs the whole document, so a round per error was quadratic. Here
    an invalid element's children are first checked on their own against the
    grammar's any-element form: only the children that fail are entered, so
    every error is found by validating little more than the subtree that holds
    it. What remains wrong in an element once its children have been checked
    is its own: its attributes and the order of its children."""

    def __init__(self, grammar: "Grammar", document: Document):
        self.grammar = grammar
        self.document = document
        self.work = copy.deepcopy(document.root)
        self.columns = ColumnIndex(document, self.work)  # made before any repair moves an element
        self.reported: dict[tuple, Diagnostic] = {}
        self.damaged: dict[int, etree._Element] = {}  # parents something was removed from (kept alive for id())

    def run(self) -> list[Diagnostic]:
        """Give the document's grammar errors, one diagnostic each."""
        self._check(self.work, self.grammar.relaxng)
        return list(self.reported.values())

    def _check(self, element: etree._Element, schema: etree.RelaxNG) -> None:
        """Report the errors of ``element``, which ``schema`` rejects: first those
        inside its children (depth first), then its own."""
        any_element = self.grammar.any_element
        if any_element is not None:
            for child in list(element):
                if isinstance(child.tag, str) and not any_element.validate(child):
                    self._check(child, any_element)
        self._rounds(element, schema)

    def _rounds(self, top: etree._Element, schema: etree.RelaxNG) -> None:
        """Report what ``schema`` rejects in ``top``, a round of repair-and-revalidate per error."""
        for _ in range(_MAX_ROUNDS):
            if schema.validate(top):
                return
            log = list(schema.error_log)
            # Keep the element proxies alive: lxml reuses the id() of a freed proxy.
            located_elements = [_path_element(entry, top) for entry in log]
            located = {id(element) for element in located_elements}
            entries = [(entry, _named_element(entry, top, located)) for entry in log]
            chosen = self._choose(entries)
            repaired = False
            for entry, element in chosen.values():
                diagnostic = self.grammar.diagnostic(self.document, self.columns, entry, element)
                self.reported.setdefault((diagnostic.line, diagnostic.col, diagnostic.message), diagnostic)
                if self.grammar.is_order_error(entry, element):
                    continue  # removing a misplaced element would only make its parent incomplete
                parent = element.getparent()
                if _repair(entry, element):
                    repaired = True
                    if parent is not None:
                        self.damaged[id(parent)] = parent
                    if element is top and element.getparent() is None and parent is not None:
                        return  # ``top`` itself was the error and is now out of the working copy
            if not repaired:
                return
        if not schema.validate(top):
            self._report_stop(top)

    def _choose(self, entries: list) -> dict[int, tuple]:
        """Give the entries to report, by element: decide first, then repair, as
        removing an element changes what the remaining entries would see."""
        is_order_error = self.grammar.is_order_error
        # A failure inside an element makes libxml2 also reject its ancestors:
        # report only the deepest elements, where the mistake is.
        failing = {id(element) for _, element in entries}
        specific = {id(element) for entry, element in entries if not is_order_error(entry, element)}
        chosen: dict[int, tuple] = {}
        for entry, element in entries:
            if id(element) in chosen or any(id(d) in failing for d in element.iterdescendants()):
                continue
            # "not allowed here" about a known element is libxml2's echo of a
            # more specific error beside it; report it only when it stands alone.
            parent = element.getparent()
            if (is_order_error(entry, element) and parent is not None
                    and any(id(d) in specific for d in parent.iter())):
                continue
            if entry.type_name == "RELAXNG_ERR_NOELEM" and id(element) in self.damaged:
                continue
            chosen[id(element)] = (entry, element)
        return chosen

    def _report_stop(self, top: etree._Element) -> None:
        """Say plainly that the check of ``top`` stopped at the bound of rounds and what it did not check."""
        children = sum(1 for child in top if isinstance(child.tag, str))
        message = (f"<{etree.QName(top).localname}>: checking stopped after {_MAX_ROUNDS} errors in its own "
                   f"attributes and content; its {len(top.attrib)} remaining attribute(s) and the order of its "
                   f"{children} child element(s) were not checked")
        line = top.sourceline or 1
        self.reported.setdefault((line, 0, message),
                                 Diagnostic(str(self.document.path), line, self.columns.column(top), "error", message))


def any_element_grammar(grammar: etree._ElementTree) -> etree.RelaxNG | None:
    """Give ``grammar`` rewritten so that any of its element patterns may be the
    root, or None when it cannot be (not a <grammar>, or it does not compile).

    Each element pattern of the outermost grammar moves into a define of its
    own, referred to from where it stood and from the new start. Patterns in
    nested grammars stay (their references are scoped to those grammars)."""
    tree = copy.deepcopy(grammar)
    root = tree.getroot()
    grammar_tag, element_tag = f"{{{RNG_NS}}}grammar", f"{{{RNG_NS}}}element"
    if root.tag != grammar_tag:
        return None
    lifted = [e for e in root.iter(element_tag)
              if not any(a.tag == grammar_tag for a in e.iterancestors() if a is not root)]
    if not lifted:
        return None
    start = etree.Element(f"{{{RNG_NS}}}start")
    choice = etree.SubElement(start, f"{{{RNG_NS}}}choice")
    for number, element in enumerate(lifted):
        name = f"teipress.any-element.{number}"
        ref = etree.Element(f"{{{RNG_NS}}}ref", name=name)
        ref.tail, element.tail = element.tail, None
        element.getparent().replace(element, ref)
        etree.SubElement(root, f"{{{RNG_NS}}}define", name=name).append(element)
        etree.SubElement(choice, f"{{{RNG_NS}}}ref", name=name)
    for old in root.findall(f"{{{RNG_NS}}}start"):
        root.remove(old)
    root.append(start)
    try:
        return etree.RelaxNG(tree)
    except etree.LxmlError:
        return None


def _attribute_in(message: str) -> str | None:
    match = re.search(r"(?:Invalid attribute|Unknown attribute|attribute) ([\w:.-]+) for element", message)
    return match.group(1) if match else None


def _valid_date(value: str) -> bool:
    if not _ISO_DATE.match(value):
        return False
    parts = value.lstrip("-").split("-")
    try:
        if len(parts) == 3:
            datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
        elif len(parts) == 2:
            datetime.date(int(parts[0]), int(parts[1]), 1)
    except ValueError:
        return False
    return True


def _attribute_column(columns: ColumnIndex, line: int, element_col: int, attribute: str) -> int:
    text = columns.line(line)
    if text is not None:
        match = re.compile(rf"\s{re.escape(attribute)}\s*=").search(text, element_col)
        if match:
            return match.start() + 2
    return element_col


_NAMED = re.compile(
    r"(?:Did not expect element ([\w:.-]+) there|Expecting element [\w:.-]+, got ([\w:.-]+)"
    r"|has extra content: ([\w:.-]+)|for element ([\w:.-]+))"
)


# One step of libxml2's node path: "*" (an element in a default namespace),
# "prefix:name" or "name", with an optional 1-based index among the siblings it matches.
_STEP = re.compile(r"(\*|[^/\[\]]+)(?:\[(\d+)\])?")


def _path_element(entry, top: etree._Element) -> etree._Element:
    """Give the element that libxml2's error path names, walked from ``top``
    (the root of what was validated), or the deepest element it reaches.

    The path is walked step by step instead of evaluated as XPath: it names
    elements by the prefixes of the document (``/TEI/text/foo:bar``), which
    an XPath evaluation without those prefixes bound rejects."""
    steps = (entry.path or "").split("/")[2:]  # "", the root's own step, then its descendants
    node = top
    for step in steps:
        match = _STEP.fullmatch(step)
        if match is None:
            break  # a text node or an attribute: its element is as far as it goes
        name, index = match.group(1), int(match.group(2) or 1)
        found = next(itertools.islice((c for c in node if _step_matches(name, c)), index - 1, None), None)
        if found is None:
            break
        node = found
    return node


def _step_matches(name: str, element) -> bool:
    """True when ``element`` is one that libxml2 would name ``name`` in a path (and count for its index)."""
    if not isinstance(element.tag, str):
        return False
    if name == "*":
        return True
    prefix, _, local = name.rpartition(":")
    qname = etree.QName(element)
    if prefix:
        return element.prefix == prefix and qname.localname == local
    return qname.namespace is None and qname.localname == local


def _named_element(entry, work: etree._Element, located: set[int]) -> etree._Element:
    """Give the element an error is about. libxml2's path sometimes names the
    parent of the element its message is about; the message names the element,
    and of several children of that name the one holding another error is meant."""
    node = _path_element(entry, work)
    match = _NAMED.search(entry.message)
    name = next((g for g in match.groups() if g), None) if match else None
    if name is None or etree.QName(node).localname == name:
        return node
    children = [c for c in node if isinstance(c.tag, str) and etree.QName(c).localname == name]
    for child in children:
        if any(id(d) in located for d in child.iter()):
            return child
    return children[0] if children else node


def _repair(entry, element) -> bool:
    """Remove from the working copy what the error names, so the next round finds the next error."""
    attribute = _attribute_in(entry.message)
    if attribute is not None and attribute in element.attrib:
        del element.attrib[attribute]
        return True
    parent = element.getparent()
    if parent is None or entry.type_name == "RELAXNG_ERR_NOELEM":
        return False
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
    return True
