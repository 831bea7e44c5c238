"""What a stylesheet may reach, checked in its source before it is compiled: an early,
located message for teipress's own stylesheets and an edition's (``[build] stylesheets``).

A stylesheet of teipress reads nothing and writes nothing but its one result:
teipress hands it the strings it needs and writes every file itself. Every module
a stylesheet imports is read and refused when it calls a function that reads a
resource or the environment (``doc()``, ``unparsed-text()``, ``collection()``,
``environment-variable()`` …), under any prefix bound to the functions' namespace,
with or without whitespace or XPath comments before the parenthesis, or as a
function item (``doc#1``, ``function-lookup``); when it evaluates XPath built at run
time (``xsl:evaluate``), writes a secondary result, computes an XPath at compile
time in a shadow attribute (``_select="{$name}(…)"`` could name any function), or
imports a module from outside its folders.

This check reads source text, so it is not the barrier: the processor itself
refuses every resource access at run time (:mod:`teipress.transform`). It exists
to name the module and line before anything runs; it also covers what runs at
compile time (static variables, ``use-when``), before the processor is locked.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .document import safe_parser
from .errors import StylesheetError
from .namespaces import XSL_NS

FN_NS = "http://www.w3.org/2005/xpath-functions"
SAXON_NS = "http://saxon.sf.net/"

# Functions that read resources by URI or the process's environment, or reach any function by name.
READERS = frozenset({
    "doc", "document", "doc-available", "unparsed-text", "unparsed-text-lines", "unparsed-text-available",
    "collection", "uri-collection", "json-doc", "load-xquery-module", "transform", "function-lookup",
    "environment-variable", "available-environment-variables", "parse-xml", "parse-xml-fragment",
    "read-binary-resource", "discard-document"})
# Namespaces whose every function touches files (EXPath File and Binary).
READER_NAMESPACES = frozenset({"http://expath.org/ns/file", "http://expath.org/ns/binary"})
# Instructions that read or write a resource, or run XPath made at run time.
FORBIDDEN_INSTRUCTIONS = ("result-document", "evaluate", "source-document", "merge-source", "import-schema")

# A function call or a named function reference: EQName, then "(" or "#arity".
# The URI-qualified form Q{uri}local and the prefixed form prefix:local are both read.
_CALL = re.compile(r"(?<![\w.$-])(?:Q\{(?P<uri>[^}]*)\}|(?P<prefix>[A-Za-z_][\w.-]*):)?"
                   r"(?P<local>[A-Za-z_][\w.-]*)\s*(?:\(|#\s*\d)")
_XPATH_COMMENT = re.compile(r"\(:(?:(?!\(:|:\)).)*:\)", re.S)
# The expressions of a value template: {…}, where {{ and }} are literal braces.
_TEMPLATE_EXPRESSION = re.compile(r"(?<!\{)\{(?!\{)")


def check_stylesheet(entry: Path, roots: list[Path]) -> None:
    """Raise StylesheetError, naming the module and line, when the stylesheet ``entry``
    or a module it imports or includes could read or write a resource; ``roots`` are
    the folders its modules may come from."""
    roots = [root.resolve() for root in roots]
    seen: set[Path] = set()
    pending = [entry.resolve()]
    while pending:
        module = pending.pop()
        if module in seen:
            continue
        seen.add(module)
        try:
            tree = etree.parse(str(module), safe_parser())
        except (OSError, etree.XMLSyntaxError) as exc:
            raise StylesheetError(f"{module}: the stylesheet cannot be read: {exc}") from exc
        for element in tree.iter():
            if isinstance(element.tag, str):
                pending.extend(_check_element(module, element, roots))


def _check_element(module: Path, element: etree._Element, roots: list[Path]) -> list[Path]:
    """Raise StylesheetError for what ``element`` may not do; give the modules it imports."""
    where = f"{module}:{element.sourceline or 1}"
    qname = etree.QName(element)
    imports = []
    if qname.namespace == XSL_NS and qname.localname in FORBIDDEN_INSTRUCTIONS:
        raise StylesheetError(f"{where}: xsl:{qname.localname} is not allowed: teipress stylesheets "
                              "read no resource, write only their result and evaluate no XPath made at run time")
    if qname.namespace == XSL_NS and qname.localname in ("import", "include"):
        target = _module_target(module, element.get("href", ""), roots)
        if target is None:
            raise StylesheetError(f"{where}: xsl:{qname.localname} of '{element.get('href')}' is not allowed: "
                                  f"modules must come from {' or '.join(str(r) for r in roots)}")
        imports.append(target)
    for name, value in element.attrib.items():
        local = etree.QName(name).localname
        if qname.namespace == XSL_NS and etree.QName(name).namespace is None and local.startswith("_") \
                and _TEMPLATE_EXPRESSION.search(value):
            raise StylesheetError(f"{where}: the shadow attribute {local} computes XPath when the stylesheet is "
                                  "compiled, which could name a function that reads a resource: teipress does not "
                                  "allow it; write the expression out")
        _check_text(where, value, element)
    # Text is a value template under expand-text; reading all text also covers xsl:text.
    _check_text(where, element.text or "", element)
    parent = element.getparent()
    if element.tail and parent is not None:
        _check_text(where, element.tail, parent)
    return imports


def _check_text(where: str, text: str, element: etree._Element) -> None:
    """Raise StylesheetError when ``text`` (XPath, or a value template) calls or names a reader
    function; prefixes are resolved with the namespaces in scope on ``element``."""
    if "(" not in text and "#" not in text:
        return
    previous = None
    while previous != text:  # comments nest: strip the innermost until none is left
        previous, text = text, _XPATH_COMMENT.sub(" ", text)
    for call in _CALL.finditer(text):
        namespace = _namespace(call, element)
        if namespace in READER_NAMESPACES or (namespace in (FN_NS, SAXON_NS) and call["local"] in READERS):
            raise StylesheetError(f"{where}: {call['local']}() is not allowed: teipress stylesheets "
                                  "read no file, no network resource and no environment variable")


def _namespace(call: re.Match, element: etree._Element) -> str | None:
    """Give the namespace of the function a call names (None for a prefix not in scope)."""
    if call["uri"] is not None:
        return call["uri"].strip()
    prefix = call["prefix"]
    if prefix is None:
        return FN_NS  # the default function namespace of XSLT 3.0
    bound = element.nsmap.get(prefix)
    if bound is None and prefix == "fn":
        return FN_NS  # Saxon knows fn: without a declaration
    return bound


def _module_target(module: Path, href: str, roots: list[Path]) -> Path | None:
    """Give the module an import names, when it is a local file inside one of ``roots``."""
    if not href or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) and not href.startswith("file:"):
        return None
    path = Path(href[len("file://"):] if href.startswith("file://") else href[len("file:"):] if href.startswith("file:") else href)
    target = (module.parent / path).resolve()
    if any(target.is_relative_to(root) for root in roots) and target.is_file():
        return target
    return None
