"""The responses of a static Distributed Text Services 1.0 API (https://dtsapi.org/specifications/versions/v1.0/).

DTS 1.0 allows a Level 0 implementation made of static files, with path-style URI
templates (its section "URI Templates examples for static website"). Every valid
request of the entry, collection, navigation and document endpoints but ranges
(``start``/``end``, which Level 0 need not support) is a file under ``api/dts/``:

- entry      ``index.json``
- collection ``collection{/id}{;nav}.json``: ``collection.json`` (the edition),
  ``collection/edition.json``, ``collection/<text>.json``, each also ``;nav=children``
  and ``;nav=parents``;
- navigation ``navigation/{resource}{;tree}{;down}{/ref,start,end}.json``:
  ``navigation/<text>;down=1.json`` … ``;down=-1.json`` (the whole tree),
  ``navigation/<text>/<ref>.json``, ``navigation/<text>;down=0/<ref>.json`` (its siblings) …;
- document   ``document/{resource}{;tree}{/ref,start,end}.xml``: ``document/<text>.xml``
  (the whole TEI), ``document/<text>/<ref>.xml`` (the unit's TEI in a ``dts:wrapper``).

A request the files cannot answer (``start``/``end``, a ``tree``, a ``down`` deeper than the
tree) is a 404 of the web server, as the specification asks for an unknown tree or reference.
The URLs are absolute when the edition has a url (``[edition] url``), else relative to the
site's root (``/api/dts/…``).
"""

from __future__ import annotations

import json
from urllib.parse import quote, unquote

from lxml import etree

from .citetree import TEI_NS, Unit
from .lists import interfaces

CONTEXT = "https://dtsapi.org/context/v1.0.json"
VERSION = "1.0"
# The entry point's file, as xslt/common/lists.xml states it (the open data page links it): api/dts/index.json.
FOLDER, ENTRY = interfaces()["dts"].rsplit("/", 1)
EDITION_ID = "edition"  # the collection of the edition's texts (no text takes this id: scan.reserved_names)
# The namespace of dts:wrapper as DTS 1.0 writes it ("Document Endpoint": "XML/TEI encoding and sub-tree representation").
WRAPPER_NS = "https://w3id.org/api/dts#"
TEI_MEDIA_TYPE = "application/tei+xml"
# The Content-Type of the API's files, by extension: what DTS 1.0 asks a server to send.
MEDIA_TYPES = {".json": "application/ld+json", ".xml": TEI_MEDIA_TYPE}

COLLECTION_TEMPLATE = "collection{/id}{;nav}.json"
NAVIGATION_TEMPLATE = "navigation/{resource}{;tree}{;down}{/ref,start,end}.json"
DOCUMENT_TEMPLATE = "document/{resource}{;tree}{/ref,start,end}.xml"


def api_base(url: str) -> str:
    """Give the URL of the API's folder: under the edition's url, else from the site's root."""
    return f"{url}{FOLDER}/" if url else f"/{FOLDER}/"


def site_url(url: str, href: str) -> str:
    """Give the URL of a file of the site (``href``, its path relative to the site's root: file
    names may hold spaces or "#", which are percent-encoded)."""
    href = quote(href, safe="/-._~")
    return f"{url}{href}" if url else f"/{href}"


def segment(name: str) -> str:
    """Give ``name`` percent-encoded as one path segment (what a URI template's expansion gives)."""
    return quote(name, safe="-._~")


def dumps(value) -> str:
    """Give a response as compact JSON (the API's files are many; nobody reads them raw)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def entry(base: str) -> dict:
    """Give the entry endpoint's response."""
    return {"@context": CONTEXT, "dtsVersion": VERSION, "@id": base + ENTRY, "@type": "EntryPoint",
            "collection": base + COLLECTION_TEMPLATE, "navigation": base + NAVIGATION_TEMPLATE,
            "document": base + DOCUMENT_TEMPLATE}


def dublin_core(values) -> dict:
    """Give a MetadataObject of Dublin Core terms from (term, language, value) triples: a value
    with a language as {lang, value}, without as a plain string, each term an array."""
    result: dict[str, list] = {}
    for term, lang, value in values:
        result.setdefault(term, []).append({"lang": lang, "value": value} if lang else value)
    return result


def resource(base: str, text_id: str, title: str, dc, download: str, tree: list[dict] | None) -> dict:
    """Give a text as a DTS Resource (in the edition, its one parent); ``tree``: its citeStructure
    (None: left out, as in the edition's member list)."""
    rid = segment(text_id)
    value = {"@id": text_id, "@type": "Resource", "title": title, "totalParents": 1, "totalChildren": 0,
             "collection": f"{base}collection/{rid}{{;nav}}.json",
             "navigation": f"{base}navigation/{rid}{{;tree}}{{;down}}{{/ref,start,end}}.json",
             "document": f"{base}document/{rid}{{;tree}}{{/ref,start,end}}.xml",
             "mediaTypes": [TEI_MEDIA_TYPE]}
    if dc:
        value["dublinCore"] = dublin_core(dc)
    if download:
        value["download"] = download
    if tree is not None:
        value["citationTrees"] = [{"@type": "CitationTree", "citeStructure": tree}] if tree else []
    return value


def collection(base: str, title: str, members: list[dict], dc=()) -> dict:
    """Give the edition as the DTS Collection of its texts ``members`` (Resources)."""
    value = {"@id": EDITION_ID, "@type": "Collection", "title": title, "totalParents": 0,
             "totalChildren": len(members), "collection": base + COLLECTION_TEMPLATE}
    if dc:
        value["dublinCore"] = dublin_core(dc)
    return value


def response(value: dict, **more) -> dict:
    """Give ``value`` as a top-level response: with the context and the version first."""
    return {"@context": CONTEXT, "dtsVersion": VERSION, **value, **more}


def cite_structure(units: list[Unit]) -> list[dict]:
    """Give the citeStructure of a citation tree from its units: the kinds of unit each level
    holds below each kind, in the order they first appear."""
    paths: dict[str, list[str]] = {}
    for unit in units:  # a parent comes before its units
        paths[unit.identifier] = [*paths.get(unit.parent, []), unit.cite_type] if unit.parent is not None \
            else [unit.cite_type]
    root: dict = {}
    for path in paths.values():
        node = root
        for kind in path:
            node = node.setdefault(kind, {})
    return _structure(root)


def _structure(node: dict) -> list[dict]:
    return [{"@type": "CiteStructure", "citeType": kind, **({"citeStructure": _structure(below)} if below else {})}
            for kind, below in node.items()]


def citable_unit(unit: Unit, page: str) -> dict:
    """Give a unit as a CitableUnit; ``page``: the URL of its text's page ('' without one)."""
    value = {"identifier": unit.identifier, "@type": "CitableUnit", "level": unit.level, "parent": unit.parent,
             "citeType": unit.cite_type}
    if page and unit.anchor:
        value["@id"] = f"{page}#{quote(unit.anchor, safe='-._~')}"
    if unit.dublin_core:
        value["dublinCore"] = dublin_core(unit.dublin_core)
    return value


def wrapped(fragment: etree._Element) -> bytes:
    """Give the Document endpoint's response for one unit: its TEI in a dts:wrapper in a TEI element."""
    tei = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS, "dts": WRAPPER_NS})
    wrapper = etree.SubElement(tei, f"{{{WRAPPER_NS}}}wrapper")
    copy = etree.fromstring(etree.tostring(fragment))
    copy.tail = None
    wrapper.append(copy)
    etree.cleanup_namespaces(tei)  # the copy came with the declarations of the stylesheet's result
    return etree.tostring(tei, xml_declaration=True, encoding="UTF-8") + b"\n"


def navigation_files(base: str, text_id: str, units: list[Unit], resource_value: dict, page: str) -> dict[str, str]:
    """Give the Navigation endpoint's files of a text (file below ``api/dts`` -> JSON): every
    ``down`` from the root and, for each unit, the unit alone, its siblings (``down=0``) and
    its subtree to every depth (``down`` 1 … and -1)."""
    rid = segment(text_id)
    cited = [citable_unit(unit, page) for unit in units]
    depth = max((unit.level for unit in units), default=0)
    files: dict[str, str] = {}

    def add(path: str, members: list[dict] | None, ref: dict | None = None) -> None:
        value = {"@id": base + path, "@type": "Navigation", "resource": resource_value}
        if ref is not None:
            value["ref"] = ref
        files[unquote(path)] = dumps(response(value, **({"member": members} if members is not None else {})))

    for down in [*range(1, depth + 1), -1] if depth else [1, -1]:
        add(f"navigation/{rid};down={down}.json", [c for c, u in zip(cited, units) if down == -1 or u.level <= down])
    siblings: dict[str | None, list[dict]] = {}
    for c, unit in zip(cited, units):
        siblings.setdefault(unit.parent, []).append(c)
    for index, (c, unit) in enumerate(zip(cited, units)):
        ref = segment(unit.identifier)
        add(f"navigation/{rid}/{ref}.json", None, c)
        add(f"navigation/{rid};down=0/{ref}.json", siblings[unit.parent], c)
        subtree = [index]
        while subtree[-1] + 1 < len(units) and units[subtree[-1] + 1].level > unit.level:
            subtree.append(subtree[-1] + 1)
        for down in [*range(1, depth - unit.level + 1), -1]:
            limit = unit.level + down if down > 0 else depth
            add(f"navigation/{rid};down={down}/{ref}.json", [cited[i] for i in subtree if units[i].level <= limit], c)
    return files
