"""What a stylesheet may reach: checked before it is compiled, for teipress's own
stylesheets and for an edition's (``[build] stylesheets``) alike.

A stylesheet of teipress reads nothing but its localisation strings and writes
nothing but its one result: the build writes every file. So before a stylesheet
is compiled, every module it imports is read and refused when it calls a
function that reads a resource by URI (``doc()``, ``unparsed-text()``,
``collection()`` …, also as a function item ``doc#1`` or through
``function-lookup``), evaluates XPath built at run time (``xsl:evaluate``),
writes a secondary result (``xsl:result-document``) or imports a module from
outside its folders. The localisation modules' own ``doc()`` of their strings
file is the one access allowed.

(Saxon's ``allowedProtocols`` would enforce this inside the processor, but once
set it cannot be relaxed for the rest of the process, and it also refuses the
compiling of stylesheets, which a build and its tests do all along.)
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .document import safe_parser
from .errors import StylesheetError

XSL_NS = "http://www.w3.org/1999/XSL/Transform"

# XPath functions that read resources by URI, called or named as function items.
_READERS = (r"doc|document|doc-available|unparsed-text|unparsed-text-lines|unparsed-text-available"
            r"|collection|uri-collection|json-doc|load-xquery-module|transform|function-lookup")
RESOURCE_ACCESS = re.compile(rf"(?<![\w.:-])(?:fn:)?({_READERS})\s*(?:\(|#\d)")
# Instructions that write a resource or run XPath made at run time.
FORBIDDEN_INSTRUCTIONS = ("result-document", "evaluate", "source-document")

# The one access allowed: each localisation module reads its strings file, named by a parameter.
ALLOWED = {("common/l10n.xsl", "doc($l10n-file)"), ("print/l10n.xsl", "doc($print-l10n-file)")}


def check_stylesheet(entry: Path, roots: list[Path]) -> None:
    """Raise StylesheetError, naming the module and line, when the stylesheet ``entry``
    or a module it imports or includes could read or write a resource; ``roots`` are
    the folders its modules may come from (the first one is the stylesheet folder, which
    :data:`ALLOWED` is relative to)."""
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
        relative = _relative(module, roots[0])
        for element in tree.iter():
            if isinstance(element, etree._Comment) or not isinstance(element.tag, str):
                continue
            where = f"{module}:{element.sourceline or 1}"
            qname = etree.QName(element)
            if qname.namespace == XSL_NS and qname.localname in FORBIDDEN_INSTRUCTIONS:
                raise StylesheetError(f"{where}: xsl:{qname.localname} is not allowed: teipress stylesheets "
                                      "write only their result and evaluate no XPath made at run time")
            if qname.namespace == XSL_NS and qname.localname in ("import", "include"):
                target = _module_target(module, element.get("href", ""), roots)
                if target is None:
                    raise StylesheetError(f"{where}: xsl:{qname.localname} of '{element.get('href')}' is not allowed: "
                                          f"modules must come from {' or '.join(str(r) for r in roots)}")
                pending.append(target)
            # Attributes hold XPath (select, test …) and value templates; text and tails are value templates under expand-text.
            for text in [*element.attrib.values(), element.text or "", element.tail or ""]:
                for match in RESOURCE_ACCESS.finditer(text):
                    call = text[match.start():text.find(")", match.start()) + 1]
                    if (relative, call) not in ALLOWED:
                        raise StylesheetError(f"{where}: {match.group(1)}() is not allowed: teipress stylesheets "
                                              "read no file but their localisation strings")


def _relative(module: Path, root: Path) -> str:
    try:
        return module.relative_to(root).as_posix()
    except ValueError:
        return module.as_posix()


def _module_target(module: Path, href: str, roots: list[Path]) -> Path | None:
    """Give the module an import names, when it is a local file inside one of ``roots``."""
    if not href or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) and not href.startswith("file:"):
        return None
    path = Path(href[len("file://"):] if href.startswith("file://") else href[len("file:"):] if href.startswith("file:") else href)
    target = (module.parent / path).resolve()
    if any(target.is_relative_to(root) for root in roots) and target.is_file():
        return target
    return None
