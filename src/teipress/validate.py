"""Validation of TEI documents: well-formedness, the RELAX NG grammar and the
Schematron rules, reported as located diagnostics."""

from __future__ import annotations

import copy
import datetime
import difflib
import itertools
import re
from pathlib import Path

from lxml import etree, isoschematron

from .corpus import kind_of, pointed_files, read_corpus
from .document import TEI_NS, ColumnIndex, Document, duplicate_id_errors, load, safe_parser
from .edition import TP_NS
from .errors import Diagnostic, InputError, UsageError
from .resources import default_rng, default_schematron

SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
_XSL_NS = "http://www.w3.org/1999/XSL/Transform"
_RNG_NS = "http://relaxng.org/ns/structure/1.0"
_DATE_ATTRIBUTES = {"when", "from", "to", "notBefore", "notAfter"}
_ISO_DATE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")
# Rounds of repair-and-revalidate per element: libxml2 stops at the first error
# inside a content model, so each round removes what it reported. Errors inside
# children are found by checking the children on their own, so an element's
# rounds only meet its own attributes and the order of its children.
_MAX_ROUNDS = 100


class Validator:
    """A compiled RELAX NG grammar and Schematron rule set, reusable for any number of documents."""

    def __init__(self, rng: str | Path | None = None, schematron: str | Path | None = None):
        self.rng_path = Path(rng) if rng else default_rng()
        self.schematron_path = Path(schematron) if schematron else default_schematron()
        grammar = _parse_schema(self.rng_path)
        self.relaxng = _compile(self.rng_path, grammar, etree.RelaxNG)
        rules = _parse_schema(self.schematron_path)
        # Rules with an XSLT 2/3 binding run on Saxon, one document at a time (see schematron.py).
        self.saxon_rules = _saxon_rules(self.schematron_path, rules)
        if self.saxon_rules is None:
            self.schematron = _compile(
                self.schematron_path, rules,
                lambda tree: isoschematron.Schematron(tree, store_report=True, store_xslt=True))
            self.rules = _NumberedRules.of(self.schematron)
        else:
            self.schematron = self.rules = None
        # The element names the grammar declares, to tell a misspelt element from a misplaced one.
        self.known_elements = sorted({e.get("name") for e in grammar.iter(f"{{{_RNG_NS}}}element") if e.get("name")})
        # The same grammar with any of its elements as the root: a subtree is checked
        # on its own, in time proportional to its size (None when it cannot be made).
        self.any_element = _any_element_grammar(grammar)

    def validate_paths(self, paths: list[str | Path]) -> list[Diagnostic]:
        """Give the diagnostics of every XML file under ``paths``, sorted by file and line."""
        corpus = read_corpus(paths)
        documents = corpus.documents
        diagnostics = list(corpus.failures)
        diagnostics.extend(self.validate_documents(documents, _referenced_documents(documents)))
        return sorted(diagnostics)

    def validate_documents(self, documents: list[Document], context: list[Document] = ()) -> list[Diagnostic]:
        """Give the diagnostics of ``documents``; ``context`` documents are only
        read to resolve pointers (their own problems are not reported)."""
        diagnostics: list[Diagnostic] = []
        for document in documents:
            # What the parser passed over: the DOCTYPE's unread declarations, an xml:id given twice (invalid TEI).
            diagnostics.extend([*document.notes, *duplicate_id_errors(document)])
            diagnostics.extend(_guarded(document, self.grammar_diagnostics, document))
        diagnostics.extend(self.guarded_rule_diagnostics(documents, context))
        return diagnostics

    def guarded_rule_diagnostics(self, documents: list[Document], context: list[Document] = ()) -> list[Diagnostic]:
        """Give :meth:`rule_diagnostics`; when the rules fail on the set, check the documents one
        by one (with all the others as context), so that the failure is put on its file and one
        file's surprise does not hide the others' findings."""
        try:
            return self.rule_diagnostics(documents, context)
        except Exception:  # noqa: BLE001 - see above
            diagnostics = []
            for document in documents:
                others = [d for d in [*documents, *context] if d is not document]
                diagnostics.extend(_guarded(document, self.rule_diagnostics, [document], others))
            return diagnostics

    def grammar_diagnostics(self, document: Document) -> list[Diagnostic]:
        """Give the RELAX NG errors of one document, each at the line and column of its element."""
        if self.relaxng.validate(document.tree):
            return []
        return _GrammarCheck(self, document).run()

    def _is_order_error(self, entry, element) -> bool:
        """True for an error saying a known TEI element stands in the wrong place."""
        return (entry.type_name in ("RELAXNG_ERR_ELEMWRONG", "RELAXNG_ERR_ELEMNAME", "RELAXNG_ERR_EXTRACONTENT")
                and etree.QName(element).namespace == TEI_NS
                and etree.QName(element).localname in self.known_elements)

    def _grammar_diagnostic(self, document: Document, columns: ColumnIndex, entry, element) -> Diagnostic:
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

    def rule_diagnostics(self, documents: list[Document], context: list[Document] = ()) -> list[Diagnostic]:
        """Give the Schematron findings for ``documents``, checked together with
        ``context`` so that pointers between files resolve."""
        if not documents:
            return []
        if self.saxon_rules is not None:
            return [d for document in documents for d in self.saxon_rules.diagnostics(document)]
        corpus = etree.Element(f"{{{TP_NS}}}corpus", nsmap={"tp": TP_NS})
        wrapped: list[tuple[etree._Element, Document, bool]] = []
        for document, reported in [*[(d, True) for d in documents], *[(d, False) for d in context]]:
            holder = etree.SubElement(corpus, f"{{{TP_NS}}}doc", src=document.name, kind=kind_of(document))
            holder.append(copy.deepcopy(document.root))
            wrapped.append((holder, document, reported))
        if self.rules is not None:
            report, numbered = self.rules.run(corpus)
        else:
            self.schematron.validate(etree.ElementTree(corpus))
            report, numbered = self.schematron.validation_report, None
        tree = corpus.getroottree()
        owners = {id(holder): (document, reported) for holder, document, reported in wrapped}
        diagnostics = []
        locate = _Locations(corpus)
        columns: dict[int, ColumnIndex] = {}
        for failed in report.iter(f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"):
            location = failed.get("location") or ""
            element = numbered.element(location) if numbered is not None else None
            if element is None:
                element = locate.element(location, tree)
            if element is None:
                continue
            holder = next(a for a in element.iterancestors() if a.tag == f"{{{TP_NS}}}doc")
            document, reported = owners[id(holder)]
            if not reported:
                continue
            if id(holder) not in columns:
                columns[id(holder)] = ColumnIndex(document, holder[0])
            # The rules see a bare "#id" as "file.xml#id"; say it as the editor wrote it.
            text = " ".join("".join(failed.itertext()).split()).replace(f"'{document.name}#", "'#")
            severity = "warning" if failed.get("role") in ("warning", "warn", "info") else "error"
            diagnostics.append(
                Diagnostic(
                    str(document.path),
                    element.sourceline or 1,
                    columns[id(holder)].column(element),
                    severity,
                    text,
                )
            )
        return diagnostics


class _GrammarCheck:
    """The grammar check of one invalid document, on a working copy that is repaired as errors are found.

    libxml2 reports about one error per validation and a document-wide repair
    round costs the whole document, so a round per error was quadratic. Here
    an invalid element's children are first checked on their own against the
    grammar's any-element form: only the children that fail are entered, so
    every error is found by validating little more than the subtree that holds
    it. What remains wrong in an element once its children have been checked
    is its own: its attributes and the order of its children."""

    def __init__(self, validator: Validator, document: Document):
        self.validator = validator
        self.document = document
        self.work = copy.deepcopy(document.root)
        self.columns = ColumnIndex(document, self.work)  # made before any repair moves an element
        self.reported: dict[tuple, Diagnostic] = {}
        self.damaged: dict[int, etree._Element] = {}  # parents something was removed from (kept alive for id())

    def run(self) -> list[Diagnostic]:
        """Give the document's grammar errors, one diagnostic each."""
        self._check(self.work, self.validator.relaxng)
        return list(self.reported.values())

    def _check(self, element: etree._Element, schema: etree.RelaxNG) -> None:
        """Report the errors of ``element``, which ``schema`` rejects: first those
        inside its children (depth first), then its own."""
        any_element = self.validator.any_element
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
                diagnostic = self.validator._grammar_diagnostic(self.document, self.columns, entry, element)
                self.reported.setdefault((diagnostic.line, diagnostic.col, diagnostic.message), diagnostic)
                if self.validator._is_order_error(entry, element):
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
        is_order_error = self.validator._is_order_error
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


def _any_element_grammar(grammar: etree._ElementTree) -> etree.RelaxNG | None:
    """Give ``grammar`` rewritten so that any of its element patterns may be the
    root, or None when it cannot be (not a <grammar>, or it does not compile).

    Each element pattern of the outermost grammar moves into a define of its
    own, referred to from where it stood and from the new start. Patterns in
    nested grammars stay (their references are scoped to those grammars)."""
    tree = copy.deepcopy(grammar)
    root = tree.getroot()
    grammar_tag, element_tag = f"{{{_RNG_NS}}}grammar", f"{{{_RNG_NS}}}element"
    if root.tag != grammar_tag:
        return None
    lifted = [e for e in root.iter(element_tag)
              if not any(a.tag == grammar_tag for a in e.iterancestors() if a is not root)]
    if not lifted:
        return None
    start = etree.Element(f"{{{_RNG_NS}}}start")
    choice = etree.SubElement(start, f"{{{_RNG_NS}}}choice")
    for number, element in enumerate(lifted):
        name = f"teipress.any-element.{number}"
        ref = etree.Element(f"{{{_RNG_NS}}}ref", name=name)
        ref.tail, element.tail = element.tail, None
        element.getparent().replace(element, ref)
        etree.SubElement(root, f"{{{_RNG_NS}}}define", name=name).append(element)
        etree.SubElement(choice, f"{{{_RNG_NS}}}ref", name=name)
    for old in root.findall(f"{{{_RNG_NS}}}start"):
        root.remove(old)
    root.append(start)
    try:
        return etree.RelaxNG(tree)
    except etree.LxmlError:
        return None


_LOCATION_NS = "https://teipress.org/ns/location"


class _NumberedRules:
    """The compiled Schematron rules, their locations made constant-time.

    The ISO skeleton writes each finding's location as a path whose every step
    counts the preceding siblings of the same name: on a document with thousands
    of findings among thousands of siblings that is quadratic (8,000 dangling
    pointers took 26 s). Here the location templates of the compiled rules are
    replaced by a call to a function that gives the element's number in document
    order, and the number leads back to the element."""

    def __init__(self, transform: etree.XSLT, numbering: "_Numbering"):
        self.transform, self.numbering = transform, numbering

    @classmethod
    def of(cls, schematron) -> "_NumberedRules | None":
        """Give the numbered form of a compiled Schematron (None when its stylesheet is not the skeleton's)."""
        validator = getattr(schematron, "validator_xslt", None)
        if validator is None:
            return None
        xslt = copy.deepcopy(validator)
        templates = [t for t in xslt.getroot().iter(f"{{{_XSL_NS}}}template")
                     if t.get("mode") == "schematron-get-full-path"]
        if not templates:
            return None
        for template in templates:
            for child in list(template):
                template.remove(child)
            template.text = None
            # An attribute's finding is located at its element.
            value = etree.SubElement(template, f"{{{_XSL_NS}}}value-of", nsmap={"loc": _LOCATION_NS})
            value.set("select", "loc:number(.)" if template.get("match") != "@*" else "loc:number(..)")
        numbering = _Numbering()
        try:
            transform = etree.XSLT(xslt, extensions={(_LOCATION_NS, "number"): numbering.number})
        except etree.LxmlError:
            return None
        return cls(transform, numbering)

    def run(self, corpus: etree._Element) -> tuple[etree._ElementTree, "_Numbering"]:
        """Give the SVRL report of ``corpus`` and the numbering its locations refer to."""
        self.numbering.start(corpus)
        return self.transform(etree.ElementTree(corpus)), self.numbering


class _Numbering:
    """Each element of a tree by its number in document order (the proxies are kept alive, so
    lxml gives the same object for the same node and a dict finds it)."""

    PREFIX = "#teipress-element-"

    def __init__(self):
        self.elements: list = []
        self.numbers: dict = {}

    def start(self, root: etree._Element) -> None:
        self.elements = list(root.iter())
        self.numbers = {element: n for n, element in enumerate(self.elements)}

    def number(self, context, nodes) -> str:
        node = nodes[0] if isinstance(nodes, list) and nodes else nodes
        return f"{self.PREFIX}{self.numbers.get(node, -1)}"

    def element(self, location: str):
        if not location.startswith(self.PREFIX):
            return None
        n = int(location[len(self.PREFIX):])
        return self.elements[n] if 0 <= n < len(self.elements) else None


# One step of the Schematron skeleton's locations: *[local-name()='p' and namespace-uri()='…'][3]
_SVRL_STEP = re.compile(r"\*\[local-name\(\)='([^']*)' and namespace-uri\(\)='([^']*)'\](?:\[(\d+)\])?")


class _Locations:
    """Finds the elements named by SVRL locations, with each parent's children
    grouped by name once: evaluating every location as XPath counted the
    siblings again for each finding (quadratic in the findings)."""

    def __init__(self, root: etree._Element):
        self.root = root
        self.children: dict[etree._Element, dict[str, list]] = {}

    def element(self, location: str, tree: etree._ElementTree) -> etree._Element | None:
        """Give the element at ``location``, or None when it names no element."""
        steps = location.split("/")[1:] if location.startswith("/") else None
        node = None
        for step in steps or ():
            match = _SVRL_STEP.fullmatch(step)
            if match is None:
                node = None
                break
            tag = f"{{{match.group(2)}}}{match.group(1)}" if match.group(2) else match.group(1)
            index = int(match.group(3) or 1) - 1
            if node is None:
                node = self.root if self.root.tag == tag and index == 0 else None
            else:
                group = self._grouped(node).get(tag, [])
                node = group[index] if index < len(group) else None
            if node is None:
                break
        if node is not None:
            return node
        try:  # a location in another form: XPath, as the skeleton meant it
            found = tree.xpath(location)
        except etree.XPathError:
            return None
        return found[0] if found and isinstance(found[0], etree._Element) else None

    def _grouped(self, parent: etree._Element) -> dict[str, list]:
        grouped = self.children.get(parent)
        if grouped is None:
            grouped = {}
            for child in parent:
                if isinstance(child.tag, str):
                    grouped.setdefault(child.tag, []).append(child)
            self.children[parent] = grouped
        return grouped


def _guarded(document: Document, check, *args) -> list[Diagnostic]:
    """Give ``check(*args)``, or, if it fails unexpectedly, one diagnostic that
    says so at the start of ``document``: validation never ends in a traceback."""
    try:
        return check(*args)
    except Exception as exc:  # noqa: BLE001 - any failure becomes a located finding
        return [Diagnostic(str(document.path), 1, 1, "error",
                           f"could not be validated: {type(exc).__name__}: {exc} (an error in teipress; please report it)")]


def _parse_schema(path: Path) -> etree._ElementTree:
    if not path.is_file():
        raise UsageError(f"{path}: cannot use this schema: no such file")
    try:
        return etree.parse(str(path), safe_parser())
    except OSError as exc:
        raise UsageError(f"{path}: cannot use this schema: cannot read it: {exc.strerror or exc}") from exc
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (exc.lineno or 1, 1)
        raise UsageError(f"{path}: cannot use this schema: not well-formed at line {line}, column {col}: {exc.msg}") from exc


def _compile(path: Path, tree: etree._ElementTree, compiler):
    try:
        return compiler(tree)
    except (etree.RelaxNGParseError, etree.XSLTParseError, etree.SchematronParseError) as exc:
        entry = exc.error_log[0] if len(exc.error_log) else None
        where = f"at line {entry.line}: " if entry is not None and entry.line > 0 else ""
        raise UsageError(f"{path}: cannot use this schema: {where}{exc}") from exc


def _saxon_rules(path: Path, tree: etree._ElementTree):
    """Give the rules at ``path`` compiled for Saxon when their query binding is XSLT 2/3 (None for
    the XSLT 1 binding lxml runs); an unknown binding or rules that do not compile are a UsageError."""
    from .schematron import SAXON_BINDINGS, XSLT1_BINDINGS, RulesError, SaxonRules, query_binding  # noqa: PLC0415

    root = tree.getroot()
    binding = query_binding(root)
    if binding in XSLT1_BINDINGS and binding != "xpath":
        return None
    if binding not in SAXON_BINDINGS and binding != "xpath":
        raise UsageError(f"{path}: cannot use this schema: at line {root.sourceline or 1}: unsupported query "
                         f"binding '{root.get('queryBinding')}' (teipress runs xslt, xslt2 and xslt3)")
    try:
        return SaxonRules(path, root)
    except RulesError as exc:
        raise UsageError(f"{path}: cannot use this schema: at line {exc.line or 1}: {exc}") from exc


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


def _referenced_documents(documents: list[Document]) -> list[Document]:
    """Give the documents that ``documents`` point into (``registers.xml#…``) and
    that were not given themselves, read from beside the pointing file."""
    given = {d.path.resolve() for d in documents}
    # Each distinct (folder, file) is resolved once: a corpus points into the same few files thousands of times.
    pointed: dict[tuple[str, str], None] = {}
    for document in documents:
        folder = str(document.path.parent)
        for file in pointed_files(document):
            pointed[(folder, file)] = None
    wanted: dict[Path, None] = {}
    for folder, file in pointed:
        try:
            candidate = (Path(folder) / file).resolve()
            if candidate not in given and candidate.is_file():
                wanted[candidate] = None
        except (OSError, ValueError):
            continue  # a name no file can have (too long, say): the rules report the pointer as unresolved
    context = []
    for path in wanted:
        try:
            context.append(load(path))
        except InputError:
            continue
    return context


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    """Give True when any diagnostic is an error (warnings do not count)."""
    return any(d.is_error for d in diagnostics)
