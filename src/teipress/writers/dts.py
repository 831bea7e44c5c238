"""A static Distributed Text Services 1.0 API in ``api/dts/`` (see :mod:`teipress.dtsapi` for its
files and URI templates): each text's resource, citation tree and passages are built with the
text (a saved text rebuilds only its own files); the entry point and the edition's collection,
which name every text, with the edition's pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .. import citetree, dtsapi
from ..outputs import Output, TextJob
from . import PageJob, atomic_write

STYLESHEET = "dts/dts.xsl"
_TP = "{https://teipress.org/ns}"


class DtsOutput(Output):
    """``api/dts/``: the entry point, the edition as a collection, each text as a resource with
    its navigation (the citation tree) and its document (whole, and each citable unit)."""

    name = "dts"
    stylesheets = (STYLESHEET,)
    summary = "a static DTS 1.0 API (api/dts/): collection, navigation and document endpoints"
    requires = ("tei",)  # a resource's download link is the text's TEI copy

    def text_links(self, text_id: str, copy: str) -> dict[str, str]:
        # The text's resource (its collection file); pages know by it that the API is built.
        return {"dts": f"{dtsapi.FOLDER}/collection/{text_id}.json"}

    def build_text(self, job: TextJob) -> list[Path]:
        result = _parse(job.stylesheets.run(STYLESHEET, job.node, {"part": "text", "text-id": job.text_id},
                                            label=str(job.document.path)))
        units = _units(job, result)
        files = text_files(job.settings.url, job.text_id, result, units)
        folder = job.staging / dtsapi.FOLDER
        written = [atomic_write(folder / name, data) for name, data in files.items()]
        whole = job.document.source if not job.document.member else \
            etree.tostring(job.document.root, xml_declaration=True, encoding="UTF-8")
        written.append(atomic_write(folder / "document" / f"{job.text_id}.xml", whole))
        return written

    def page_jobs(self, registers) -> list[PageJob]:
        return [CollectionJob(STYLESHEET, (("part", "edition"),), f"{dtsapi.FOLDER}/{dtsapi.ENTRY}",
                              "the DTS API's entry point and collection")]


@dataclass(frozen=True)
class CollectionJob(PageJob):
    """The entry point and the collection files of the API, from one run of the stylesheet."""

    def run(self, stylesheets, node, out: Path) -> list[Path]:
        result = _parse(stylesheets.run(self.stylesheet, node, dict(self.parameters), label=self.label))
        folder = out / dtsapi.FOLDER
        return [atomic_write(folder / name, data) for name, data in edition_files(result).items()]


def _parse(xml: str) -> etree._Element:
    """Parse the stylesheet's result: a unit's copy repeats the xml:ids of the units it holds."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, collect_ids=False, huge_tree=True)
    return etree.fromstring(xml.encode("utf-8"), parser)


def _units(job: TextJob, result: etree._Element) -> list[citetree.Unit]:
    """Give a text's citable units: from its citeStructure when it has one that works (else a
    warning), from its divisions and numbered paragraphs otherwise."""
    structures = citetree.cite_structures(job.document)
    if structures:
        try:
            return citetree.units_from_cite_structure(job.document, structures)
        except citetree.CiteStructureError as exc:
            job.diagnostics.append(citetree.fallback_warning(job.document, structures[0], str(exc)))
    return citetree.units_from_stylesheet(result)


def _resource(base: str, url: str, text: etree._Element, tree) -> dict:
    """Give the Resource of a ``tp:dts-text`` of the stylesheet's result."""
    dc = [(dc.get("name"), dc.get("lang") or "", dc.text or "") for dc in text.iterfind(f"{_TP}dc")]
    download = dtsapi.site_url(url, text.get("tei")) if text.get("tei") else ""
    return dtsapi.resource(base, text.get("id"), text.get("title"), dc, download, tree)


def text_files(url: str, text_id: str, result: etree._Element, units: list[citetree.Unit]) -> dict[str, bytes | str]:
    """Give a text's files of the API but the whole document (path below ``api/dts`` -> content):
    its collection (the resource itself), navigation and document files."""
    base = dtsapi.api_base(url)
    tree = dtsapi.cite_structure(units)
    value = _resource(base, url, result, tree)
    rid = text_id
    own = dtsapi.dumps(dtsapi.response(value))
    files: dict[str, bytes | str] = {f"collection/{rid}.json": own, f"collection/{rid};nav=children.json": own}
    summary = {key: value[key] for key in ("@id", "@type", "collection", "navigation", "document", "citationTrees")}
    page = dtsapi.site_url(url, result.get("html")) if result.get("html") else ""
    files.update(dtsapi.navigation_files(base, text_id, units, summary, page))
    for unit in units:
        if unit.fragment is not None:
            files[f"document/{rid}/{unit.identifier}.xml"] = dtsapi.wrapped(unit.fragment)
    return files


def edition_files(result: etree._Element) -> dict[str, str]:
    """Give the entry point and the collection files (path below ``api/dts`` -> JSON) from the
    stylesheet's ``tp:dts-edition``: the edition with its texts as members, each text's parents."""
    url = result.get("url") or ""
    base = dtsapi.api_base(url)
    members = [_resource(base, url, text, None) for text in result.iterfind(f"{_TP}dts-text")]
    edition = dtsapi.collection(base, result.get("title") or "", members)
    whole = dtsapi.dumps(dtsapi.response(edition, member=members))
    files = {dtsapi.ENTRY: dtsapi.dumps(dtsapi.entry(base)),
             "collection.json": whole, "collection;nav=children.json": whole,
             "collection;nav=parents.json": dtsapi.dumps(dtsapi.response(edition, member=[]))}
    files.update({f"collection/{dtsapi.EDITION_ID}{name[len('collection'):]}": data for name, data in list(files.items())
                  if name.startswith("collection")})
    for member in members:
        files[f"collection/{member['@id']};nav=parents.json"] = dtsapi.dumps(dtsapi.response(member, member=[edition]))
    return files
