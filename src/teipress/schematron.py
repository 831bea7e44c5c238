"""Schematron rules with an XSLT 2 or 3 query binding, run on Saxon-HE (saxonche).

lxml's ISO Schematron runs only the XSLT 1 binding, so rules written for
``queryBinding="xslt2"`` or ``"xslt3"`` (most real-world rules, and the rules
ODD-generated RELAX NG grammars embed) are compiled here to an XSLT 3
stylesheet and run with Saxon. The supported subset is what such rules use:
``ns``, ``let`` (schema, pattern and rule level), ``pattern``, ``rule``
(``abstract`` rules and ``extends``), ``assert``, ``report``, ``name`` and
``value-of`` in messages, and XSLT functions and keys beside the patterns.
Phases are ignored (every pattern runs); abstract patterns (``is-a``),
``include`` and ``diagnostics`` are refused with a located error rather than
run wrongly.

Confinement: the rules are compiled on a Saxon processor of their own, and
that processor's ``allowedProtocols`` is then set to nothing, so the rules
cannot read files or the network. The document is handed over as text, never
as a URI. Each finding carries ``path()`` of its context node, which leads
back to the lxml element and so to its line and column."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor

from .columns import ColumnIndex
from .document import Document
from .errors import Diagnostic
from .namespaces import SCH_NS, XSL_NS

_OUT_NS = "https://teipress.org/ns/schematron-findings"
_ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
_MAX_DEPTH = ("http://saxon.sf.net/feature/parserProperty?uri="
              "http%3A//www.oracle.com/xml/jaxp/properties/maxElementDepth")
# The query bindings this module runs; lxml's isoschematron runs the others it knows.
SAXON_BINDINGS = {"xslt2", "xslt3"}
XSLT1_BINDINGS = {"", "xslt", "xslt1", "exslt", "xpath"}
# Roles that make a finding a warning rather than an error (TEI ODDs say "nonfatal").
_WARNING_ROLES = {"warning", "warn", "info", "information", "nonfatal"}


class RulesError(Exception):
    """The rules cannot be used; ``line`` (1-based, or 0 when unknown) is where in the rules file."""

    def __init__(self, message: str, line: int = 0, col: int = 0):
        super().__init__(message)
        self.line, self.col = line, col


def query_binding(schema: etree._Element) -> str:
    """Give the lower-cased query binding of a ``sch:schema`` element ('' when it names none)."""
    return (schema.get("queryBinding") or "").strip().lower()


def embedded_rules(grammar: etree._ElementTree) -> etree._Element | None:
    """Give the Schematron embedded in a RELAX NG grammar (``sch:ns``, ``sch:let`` and
    ``sch:pattern`` among its annotations, as ODD-generated grammars have them) as one
    ``sch:schema`` with the XSLT 2 binding the TEI uses, or None when there is none."""
    patterns = list(grammar.iter(f"{{{SCH_NS}}}pattern"))
    if not patterns:
        return None
    schema = etree.Element(f"{{{SCH_NS}}}schema", queryBinding="xslt2", nsmap={"sch": SCH_NS})
    # A namespace declared twice (once per ODD module) is kept once.
    seen: set[tuple[str | None, str | None]] = set()
    for ns in grammar.iter(f"{{{SCH_NS}}}ns"):
        key = (ns.get("prefix"), ns.get("uri"))
        if key not in seen:
            seen.add(key)
            schema.append(_copy(ns))
    for let in grammar.iter(f"{{{SCH_NS}}}let"):
        if etree.QName(let.getparent()).namespace != SCH_NS:  # a schema-level let, not one inside a rule
            schema.append(_copy(let))
    for pattern in patterns:
        schema.append(_copy(pattern))
    return schema


def _copy(element: etree._Element) -> etree._Element:
    """Give a copy of ``element`` keeping its source line (used to locate compile errors)."""
    copied = etree.fromstring(etree.tostring(element))
    copied.sourceline = element.sourceline
    return copied


class SaxonRules:
    """Schematron rules (XSLT 2/3 binding) compiled once to an XSLT 3 stylesheet, run per document."""

    def __init__(self, path: Path, schema: etree._Element):
        self.path = path
        binding = query_binding(schema)
        if binding not in SAXON_BINDINGS and binding not in XSLT1_BINDINGS:
            raise RulesError(f"unsupported query binding '{schema.get('queryBinding')}' "
                             "(teipress runs xslt, xslt2 and xslt3)", schema.sourceline or 0)
        self.stylesheet = compile_to_xslt(schema)
        self._processor = PySaxonProcessor(license=False)
        self._processor.set_configuration_property(_MAX_DEPTH, "1000")
        compiler = self._processor.new_xslt30_processor()
        text = etree.tostring(self.stylesheet, encoding="unicode")
        try:
            self._executable = compiler.compile_stylesheet(stylesheet_text=text)
        except PySaxonApiError as exc:
            raise RulesError(f"the rules do not compile: {_first_line(str(exc))}") from exc
        if self._executable is None:
            raise RulesError("the rules do not compile")
        # Locked only once compiled: the setting also refuses compiling from files.
        self._processor.set_configuration_property(_ALLOWED_PROTOCOLS, "")

    def diagnostics(self, document: Document) -> list[Diagnostic]:
        """Give the findings of the rules on ``document``, each at its element's line and column."""
        text = etree.tostring(document.root, encoding="unicode")
        try:
            node = self._processor.parse_xml(xml_text=text)
            result = self._executable.transform_to_string(xdm_node=node)
        except PySaxonApiError as exc:
            return [Diagnostic(str(document.path), 1, 1, "error",
                               f"the rules {self.path.name} failed on this file: {_first_line(str(exc))}")]
        if result is None:
            message = _first_line(self._executable.error_message or "no result")
            return [Diagnostic(str(document.path), 1, 1, "error",
                               f"the rules {self.path.name} failed on this file: {message}")]
        findings = etree.fromstring(result.encode("utf-8"))
        columns = ColumnIndex(document)
        diagnostics = []
        for finding in findings:
            element = element_at(document.root, finding.get("location") or "/")
            severity = "warning" if (finding.get("role") or "").strip().lower() in _WARNING_ROLES else "error"
            message = " ".join((finding.text or "").split())
            if not message:
                message = f"{'report' if finding.get('kind') == 'report' else 'assertion failed'}: {finding.get('test')}"
            diagnostics.append(Diagnostic(str(document.path), element.sourceline or 1, columns.column(element),
                                          severity, message))
        return diagnostics


def _first_line(text: str) -> str:
    """Give Saxon's message on one line: where ("Error in {…} at char 20 …:") and why (the line after)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines[:2]) if lines else text


def compile_to_xslt(schema: etree._Element) -> etree._Element:
    """Give the XSLT 3 stylesheet that runs the Schematron ``schema`` and writes one
    ``finding`` element per failed assert or successful report.

    Each pattern is a mode that visits every node in document order; within a pattern
    a node fires only its first matching rule (ISO Schematron), hence the priorities in
    reverse order of the rules."""
    _refuse_unsupported(schema)
    # xs is bound for the rules, as the ISO skeleton binds it for the XSLT 2 binding.
    namespaces = {"xsl": XSL_NS, "out": _OUT_NS, "xs": "http://www.w3.org/2001/XMLSchema"}
    for ns in schema.iter(f"{{{SCH_NS}}}ns"):
        prefix, uri = ns.get("prefix"), ns.get("uri")
        if not prefix or uri is None:
            raise RulesError("<sch:ns> needs a prefix and a uri", ns.sourceline or 0)
        namespaces[prefix] = uri
    xsl = etree.Element(f"{{{XSL_NS}}}stylesheet", nsmap=namespaces, version="3.0",
                        **{"exclude-result-prefixes": " ".join(p for p in namespaces if p not in ("xsl", "out"))})
    etree.SubElement(xsl, f"{{{XSL_NS}}}output", method="xml", indent="no")
    # XSLT functions and keys written beside the patterns (allowed with the XSLT bindings).
    for child in schema:
        if isinstance(child.tag, str) and etree.QName(child).namespace == XSL_NS:
            xsl.append(etree.fromstring(etree.tostring(child)))
    for let in schema.findall(f"{{{SCH_NS}}}let"):
        _variable(xsl, let, global_=True)
    patterns = [p for p in schema.iter(f"{{{SCH_NS}}}pattern")]
    abstract_rules = {r.get("id"): r for r in schema.iter(f"{{{SCH_NS}}}rule") if r.get("abstract") == "true"}
    root = etree.SubElement(xsl, f"{{{XSL_NS}}}template", match="/")
    findings = etree.SubElement(root, f"{{{_OUT_NS}}}findings")
    for number, pattern in enumerate(patterns):
        mode = f"pattern-{number}"
        etree.SubElement(xsl, f"{{{XSL_NS}}}mode", name=mode, **{"on-no-match": "shallow-skip"})
        etree.SubElement(findings, f"{{{XSL_NS}}}apply-templates", select=".", mode=mode)
        rules = [r for r in pattern.findall(f"{{{SCH_NS}}}rule") if r.get("abstract") != "true"]
        for index, rule in enumerate(rules):
            context = rule.get("context")
            if not context:
                raise RulesError("<sch:rule> has no @context", rule.sourceline or 0)
            template = etree.SubElement(xsl, f"{{{XSL_NS}}}template", match=context, mode=mode,
                                        priority=str(len(rules) - index))
            template.sourceline = rule.sourceline
            # Pattern-level variables are evaluated from the document, as the skeleton does.
            for let in pattern.findall(f"{{{SCH_NS}}}let"):
                _variable(template, let, from_root=True)
            for part in _rule_parts(rule, abstract_rules):
                if part.tag == f"{{{SCH_NS}}}let":
                    _variable(template, part)
                else:
                    _check(template, part)
            etree.SubElement(template, f"{{{XSL_NS}}}apply-templates", select="@*|node()", mode=mode)
    return xsl


def _refuse_unsupported(schema: etree._Element) -> None:
    """Raise RulesError at the first construct this subset does not run."""
    for name, why in (("include", "<sch:include> (include the rules into one file)"),
                      ("diagnostics", "<sch:diagnostics>"),
                      ("param", "abstract patterns (<sch:param>)")):
        found = schema.find(f".//{{{SCH_NS}}}{name}")
        if found is not None:
            raise RulesError(f"unsupported Schematron construct: {why}", found.sourceline or 0)
    for pattern in schema.iter(f"{{{SCH_NS}}}pattern"):
        if pattern.get("is-a") or pattern.get("abstract") == "true":
            raise RulesError("unsupported Schematron construct: abstract patterns", pattern.sourceline or 0)


def _rule_parts(rule: etree._Element, abstract_rules: dict, seen: frozenset = frozenset()) -> list:
    """Give the lets, asserts and reports of ``rule``, with those of the abstract rules it extends in place."""
    parts = []
    for child in rule:
        if not isinstance(child.tag, str):
            continue
        if child.tag == f"{{{SCH_NS}}}extends":
            name = child.get("rule")
            if name not in abstract_rules or name in seen:
                raise RulesError(f"<sch:extends rule='{name}'> names no abstract rule", child.sourceline or 0)
            parts.extend(_rule_parts(abstract_rules[name], abstract_rules, seen | {name}))
        elif child.tag in (f"{{{SCH_NS}}}let", f"{{{SCH_NS}}}assert", f"{{{SCH_NS}}}report"):
            parts.append(child)
    return parts


def _variable(parent: etree._Element, let: etree._Element, global_: bool = False, from_root: bool = False) -> None:
    name, value = let.get("name"), let.get("value")
    if not name or value is None:
        raise RulesError("<sch:let> needs a name and a value", let.sourceline or 0)
    select = f"root(.) ! ({value})" if from_root else value
    tag = "param" if global_ else "variable"
    etree.SubElement(parent, f"{{{XSL_NS}}}{tag}", name=name, select=select)


def _check(template: etree._Element, check: etree._Element) -> None:
    """Add the test of one assert or report to a rule's template, writing a finding when it fires."""
    test = check.get("test")
    if test is None:
        raise RulesError(f"<sch:{etree.QName(check).localname}> has no @test", check.sourceline or 0)
    is_report = check.tag == f"{{{SCH_NS}}}report"
    condition = etree.SubElement(template, f"{{{XSL_NS}}}if", test=test if is_report else f"not({test})")
    finding = etree.SubElement(condition, f"{{{_OUT_NS}}}finding",
                               kind="report" if is_report else "assert", test=test)
    role = check.get("role") or check.getparent().get("role")
    if role:
        finding.set("role", role)
    # The element a finding is about: its own subject, else the rule's, else the context node.
    subject = check.get("subject") or check.getparent().get("subject")
    location = etree.SubElement(finding, f"{{{XSL_NS}}}attribute", name="location")
    location.set("select", f"path(({subject})[1])" if subject else "path(.)")
    _message(finding, check)


def _message(target: etree._Element, source: etree._Element) -> None:
    """Copy the text of an assert or report into ``target``, evaluating its name and value-of."""
    if source.text:
        _text(target, source.text)
    for child in source:
        if isinstance(child.tag, str):
            if child.tag == f"{{{SCH_NS}}}name":
                path = child.get("path") or "."
                etree.SubElement(target, f"{{{XSL_NS}}}value-of", select=f"name(({path})[1])")
            elif child.tag == f"{{{SCH_NS}}}value-of":
                select = child.get("select")
                if select is None:
                    raise RulesError("<sch:value-of> has no @select", child.sourceline or 0)
                etree.SubElement(target, f"{{{XSL_NS}}}value-of", select=select, separator=" ")
            else:  # emph, dir, span and the like: their text
                _message(target, child)
        if child.tail:
            _text(target, child.tail)


def _text(target: etree._Element, text: str) -> None:
    etree.SubElement(target, f"{{{XSL_NS}}}text").text = text


# One step of fn:path(): Q{uri}local[n], @name, @Q{uri}local, text()[n], comment()[n], ...
_PATH_STEP = re.compile(r"Q\{([^}]*)\}([^\[/]+)\[(\d+)\]")


def element_at(root: etree._Element, path: str) -> etree._Element:
    """Give the element of ``root``'s tree that an XPath 3 ``path()`` names (the element of an
    attribute or text node; the root element for the document node or a path it cannot follow)."""
    steps = [s for s in _split_path(path) if s]
    if not steps:
        return root
    first = _PATH_STEP.fullmatch(steps[0])
    if first is None:
        return root
    node = root
    for step in steps[1:]:
        match = _PATH_STEP.fullmatch(step)
        if match is None:
            break  # an attribute, text or comment step: its element is as far as it goes
        tag = f"{{{match.group(1)}}}{match.group(2)}" if match.group(1) else match.group(2)
        same = [c for c in node if c.tag == tag]
        index = int(match.group(3)) - 1
        if index >= len(same):
            break
        node = same[index]
    return node


def _split_path(path: str) -> list[str]:
    """Split a ``path()`` result at the slashes that are not inside a Q{…} namespace URI."""
    steps, current, depth = [], [], 0
    for char in path:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        if char == "/" and depth == 0:
            steps.append("".join(current))
            current = []
        else:
            current.append(char)
    steps.append("".join(current))
    return steps
