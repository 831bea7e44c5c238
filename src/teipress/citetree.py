"""A text's citation tree for the DTS API: its citable units in document order.

Two sources, the first that applies:

- the text's own ``refsDecl/citeStructure`` (TEI P5 4.9.0+): each ``match`` is an XPath
  selecting the units below the parent's node, ``use`` gives each unit's part of its
  identifier, ``delim`` joins it to the parent's, ``unit`` names its kind and
  ``citeData`` (Dublin Core properties) its metadata. The expressions are evaluated here,
  on a Saxon processor that may read no file and no network resource, with TEI as the
  default element namespace;
- else the divisions and numbered paragraphs of its body that ``xslt/dts/dts.xsl`` lists,
  numbered as the text's page numbers them (``§ n``, ``xslt/common/numbering.xsl``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor

from .document import Document, safe_parser
from .errors import Diagnostic

TEI_NS = "http://www.tei-c.org/ns/1.0"
TP_NS = "https://teipress.org/ns"
_T = f"{{{TEI_NS}}}"
_DCTERMS = "http://purl.org/dc/terms/"
_ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"


@dataclass(frozen=True)
class Unit:
    """A citable unit: its identifier, depth (1 at the top), parent's identifier (None at the
    top), kind (citeType), Dublin Core (term -> values), HTML id on the text's page, and TEI."""

    identifier: str
    level: int
    parent: str | None
    cite_type: str
    dublin_core: tuple[tuple[str, str, str], ...] = ()  # (term, language or '', value)
    anchor: str = ""
    fragment: etree._Element | None = field(default=None, compare=False, repr=False)


class CiteStructureError(ValueError):
    """A citeStructure that cannot give a citation tree (its XPath fails, identifiers clash)."""


def units_from_stylesheet(result: etree._Element) -> list[Unit]:
    """Give the units of a text as ``dts.xsl`` lists them (``tp:unit`` children of ``result``)."""
    units = []
    for unit in result.iterfind(f"{{{TP_NS}}}unit"):
        title, lang = unit.get("title") or unit.get("label") or "", unit.get("lang") or ""
        fragment = next((child for child in unit if isinstance(child.tag, str)), None)
        units.append(Unit(unit.get("identifier"), int(unit.get("level")),
                          unit.get("parent") if unit.get("has-parent") == "true" else None,
                          unit.get("cite-type"), (("title", lang, title),) if title else (),
                          unit.get("anchor") or "", fragment))
    return units


def cite_structures(document: Document) -> list[etree._Element]:
    """Give the top citeStructure elements of the first refsDecl of the text that has any."""
    for refs in document.root.iterfind(f"{_T}teiHeader/{_T}encodingDesc/{_T}refsDecl"):
        found = refs.findall(f"{_T}citeStructure")
        if found:
            return found
    return []


def units_from_cite_structure(document: Document, structures: list[etree._Element]) -> list[Unit]:
    """Give the units the citeStructure elements ``structures`` of ``document`` select, in
    document order; raise CiteStructureError (its message locates the element) when an XPath
    fails or two units would share an identifier."""
    processor = _processor()
    root = processor.parse_xml(xml_text=etree.tostring(document.root, encoding="unicode"))
    xpath = processor.new_xpath_processor()
    xpath.declare_namespace("", TEI_NS)
    units = [unit for _, unit in _select(document, xpath, root, structures, None, 1)]
    seen: set[str] = set()
    for unit in units:
        if unit.identifier in seen or unit.identifier == "" or "/" in unit.identifier or unit.identifier in (".", ".."):
            what = "is empty" if unit.identifier == "" else ("is given twice" if unit.identifier in seen else
                                                             "cannot be part of a URL path")
            raise CiteStructureError(f"the citable unit identifier '{unit.identifier}' {what}")
        seen.add(unit.identifier)
    return units


def _select(document, xpath, context, structures, parent: Unit | None, level: int) -> list[tuple[int, Unit]]:
    """Give (document position, unit) of the units below ``context`` and their descendants'."""
    found: list[tuple[int, list[tuple[int, Unit]]]] = []
    for structure in structures:
        match, use = structure.get("match", ""), structure.get("use", "")
        delim = structure.get("delim", "") if parent is not None else ""
        data = [c for c in structure.iterfind(f"{_T}citeData") if c.get("property", "").startswith(_DCTERMS)]
        rows = _evaluate(document, structure, xpath, context,
                         f"({match}) ! array{{serialize(., map{{'indent': false()}}), "
                         f"count(preceding::node()) + count(ancestor::node()), string(({use})[1])"
                         + "".join(f", string-join(({c.get('use', '')}) ! string(), ' ')" for c in data) + "}")
        nodes = _evaluate(document, structure, xpath, context, f"{match}") if rows else []
        for row, node in zip(rows, nodes):
            xml, position, value, *values = row
            dc = tuple((c.get("property")[len(_DCTERMS):], "", v) for c, v in zip(data, values) if v.strip())
            unit = Unit(parent.identifier + delim + value if parent else value, level,
                        parent.identifier if parent else None, structure.get("unit") or "unit", dc,
                        fragment=etree.fromstring(xml.encode("utf-8"), safe_parser()))
            below = _select(document, xpath, node, structure.findall(f"{_T}citeStructure"), unit, level + 1)
            found.append((int(position), [(int(position), unit), *below]))
    found.sort(key=lambda item: item[0])  # sibling structures interleave in document order
    return [pair for _, group in found for pair in group]


def _evaluate(document, structure, xpath, context, expression: str) -> list:
    """Give the items of ``expression`` evaluated on ``context`` (arrays as lists of strings)."""
    xpath.set_context(xdm_item=context)
    try:
        result = xpath.evaluate(expression)
    except PySaxonApiError as exc:
        line = structure.sourceline or 1
        raise CiteStructureError(f"line {line}: the citeStructure's match or use cannot be evaluated: "
                                 f"{' '.join(str(exc).split())}") from exc
    items = [result.item_at(i) for i in range(result.size)] if result is not None else []
    return [[member.head.string_value if member.size else "" for member in item.as_list()] if item.is_array else item for item in items]


_PROCESSOR: PySaxonProcessor | None = None


def _processor() -> PySaxonProcessor:
    """Give this process's Saxon processor for citeStructure XPath: it reads no URI (``doc()``,
    ``unparsed-text()`` … are refused), since the expressions come from the texts."""
    global _PROCESSOR
    if _PROCESSOR is None:
        _PROCESSOR = PySaxonProcessor(license=False)
        _PROCESSOR.set_configuration_property(_ALLOWED_PROTOCOLS, "")
    return _PROCESSOR


def fallback_warning(document: Document, structure: etree._Element, problem: str) -> Diagnostic:
    """Give the warning that a text's citeStructure is not used (its divisions and paragraphs are)."""
    return Diagnostic(str(document.path), structure.sourceline or 1, document.column_of(structure), "warning",
                      f"the refsDecl/citeStructure gives no citation tree for the DTS API ({problem}); "
                      "its divisions and numbered paragraphs are used instead")
