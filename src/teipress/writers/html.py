"""The HTML edition: a page per text (``html/html.xsl``), the pages that are not
texts (index, registers, chronology, search, paratext: ``html/pages.xsl``), the
sitemap and the assets. Its pages link the TEI copies, the open data and the
search index, which are outputs of their own (``writers/tei``, ``writers/data``,
``writers/search``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from .. import facsimile
from ..edition import register_pages
from ..entity_units import set_parameters
from ..errors import Diagnostic, StylesheetError
from ..lists import extra_pages, home_page, optional_pages, page_libraries
from ..outputs import Output, TextJob
from ..transform import Stylesheets
from ..vendor import CYTOSCAPE, OPENSEADRAGON, cytoscape_files, cytoscape_version, openseadragon_files, openseadragon_version
from ..vendor_leaflet import LEAFLET, leaflet_files, leaflet_licence, leaflet_version
from . import PageJob, atomic_write
from .harvest import OptionalJob
from .iiif import manifest_path, services, viewer_data

TEXT_STYLESHEET = "html/html.xsl"
PAGES_STYLESHEET = "html/pages.xsl"
# Sets of pages from one transformation: the entities', the periods', the paged lists (html/entities.xsl).
SETS_STYLESHEET = "html/entities.xsl"
_TP = "{https://teipress.org/ns}"

if TYPE_CHECKING:
    from ..edition_document import Contexts


def page_jobs(registers) -> list[PageJob]:
    """Give the pages of the edition that are not texts (the list of texts and the register
    indexes, each in pages; chronology, search, paratext) and the sitemap, as jobs on the
    edition document of the extracts; ``registers`` are the register Documents (which
    register pages there are). The entities' and periods' pages are units of their own
    (:func:`page_set_jobs`)."""
    home = home_page()
    jobs = [PageSetJob(SETS_STYLESHEET, (("set", "index"), ("page", home)), f"{home}.html", "the list of texts")]
    jobs += [PageSetJob(SETS_STYLESHEET, (("set", "register"), ("page", page)), f"{page}.html", f"the {page} page")
             for page in register_pages(registers)]
    jobs += [PageJob(PAGES_STYLESHEET, (("page", page),), f"{page}.html", f"the {page} page") for page in EXTRA_PAGES]
    jobs += [optional_page_job(page) for page in OPTIONAL_PAGES]
    jobs.append(PageJob(SITEMAP_STYLESHEET, (), "sitemap.xml", "the sitemap", needs_url=True))
    return jobs


def page_set_jobs(stale: list[str], workers: int = 1) -> list[PageJob]:
    """Give the jobs of the stale entities' and periods' pages (unit names, teipress.entity_units),
    in sets that keep ``workers`` busy."""
    return [PageSetJob(SETS_STYLESHEET, parameters, "", f"the pages of {dict(parameters)['set']} {dict(parameters)['ids'][:60]}")
            for parameters in set_parameters(stale, workers)]


@dataclass(frozen=True)
class PageSetJob(PageJob):
    """Pages of the edition from one run of html/entities.xsl, whose result names each file
    (``<tp:files><tp:file name="persons/pers-x.html">page</tp:file>…``). A set of entity pages made
    from the document of the texts' shapes carries the contexts of its mentions (``contexts``: the
    stylesheet's ``kwic`` parameter, read when the job runs)."""

    contexts: Contexts | None = None

    @property
    def quotes_contexts(self) -> bool:
        """A set of entity pages quotes each mention of its entries in its sentence (xslt/html/entity.xsl)."""
        return dict(self.parameters).get("set") == "entities"

    @property
    def entries(self) -> tuple[str, ...]:
        return tuple(dict(self.parameters)["ids"].split()) if self.quotes_contexts else ()

    def resolved(self) -> PageSetJob:
        """Give this job with its contexts read into its ``kwic`` parameter (for a worker that cannot read the stored extracts)."""
        if self.contexts is None:
            return self
        return replace(self, contexts=None, parameters=(*self.parameters, ("kwic", self.contexts.json())))

    def run(self, stylesheets, node, out: Path) -> list[Path]:
        parameters = dict(self.resolved().parameters)
        result = stylesheets.run(self.stylesheet, node, parameters, label=self.label)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
        written = []
        for file in etree.fromstring(result.encode("utf-8"), parser).iterchildren(f"{_TP}file"):
            name = file.get("name", "")
            if not name or name.startswith("/") or ".." in name.split("/") or "\\" in name:
                raise StylesheetError(f"{stylesheets.resource(self.stylesheet)}: a page named {name!r} is outside the site")
            written.append(atomic_write(out / name, file.text or ""))
        return written


class HtmlOutput(Output):
    """The HTML edition: every text's page (with its images) and the edition's pages."""

    name = "html"
    summary = "the web edition: a page per text, index, registers, chronology, paratext, sitemap"
    requires = ("tei", "data", "search", "iiif")

    stylesheets = (TEXT_STYLESHEET, "html/pages.xsl", "html/entities.xsl", "html/sitemap.xsl")
    text_stylesheets = (TEXT_STYLESHEET,)
    # A page per register entry and per period of the chronology, each a unit (teipress.entity_units).
    entity_pages = True

    def text_links(self, text_id: str, copy: str) -> dict[str, str]:
        return {"html": f"{text_id}.html"}

    def cache_key(self) -> str:
        # Installing (or updating) the viewer's library makes the pages with a facsimile again.
        return f"openseadragon {openseadragon_version()} cytoscape {cytoscape_version()} leaflet {leaflet_version()}"

    def build_text(self, job: TextJob) -> list[Path]:
        parameters = {"text-id": job.text_id, "facsimile-data": facsimile_parameter(job)}
        html = job.stylesheets.run(TEXT_STYLESHEET, job.node, parameters, label=str(job.document.path))
        written = [atomic_write(job.staging / f"{job.text_id}.html", html)]
        job.diagnostics.extend(map_warnings(job, html))
        written += [atomic_write(job.staging / image.target, image.file.read_bytes()) for image in job.images]
        return written

    def page_jobs(self, registers) -> list[PageJob]:
        return page_jobs(registers)

    def page_set_jobs(self, stale: list[str], workers: int = 1) -> list[PageJob]:
        """Give the jobs of the stale entities' and periods' pages, in sets that keep ``workers`` busy."""
        return page_set_jobs(stale, workers)

    def collection_jobs(self, collections: list[str]) -> list[PageJob]:
        return [PageJob(COLLECTION_STYLESHEET, (("collection-id", name),), f"{name}.html", f"the collection page {name}")
                for name in collections]

    def site_files(self, stylesheets: Stylesheets, registers, staging: Path) -> list[Path]:
        # teipress's assets, then the override folder's, whose file of the same name replaces teipress's.
        assets: dict[Path, Path] = {}
        for layer in stylesheets.layers:
            for copy in copy_assets(layer / "html" / "assets", staging / "assets"):
                assets[copy] = copy
        for name, file in openseadragon_files().items():  # the facsimile viewer, with its licence
            copy = atomic_write(staging / "assets" / OPENSEADRAGON / name, file.read_bytes())
            assets[copy] = copy
        for library, files in SITE_LIBRARIES.items():  # the libraries of pages (lists.xml library="…"), with their licences
            for name, file in files().items():
                copy = atomic_write(staging / "assets" / library / name, file.read_bytes())
                assets[copy] = copy
        for name, file in leaflet_files().items():  # the interactive maps' library, with its licence
            copy = atomic_write(staging / "assets" / LEAFLET / name, file.read_bytes())
            assets[copy] = copy
        if leaflet_files():
            copy = atomic_write(staging / "assets" / LEAFLET / "LICENSE.txt", leaflet_licence())
            assets[copy] = copy
        return list(assets)


def optional_page_job(page: str) -> PageJob:
    """Give the job of an optional page (written only when the stylesheet gives it content: the
    edition has it); the stylesheet is told whether the library the page draws with is installed
    (parameter page-library: its script under assets/, else ""), and the build warns when it is not."""
    library = page_libraries().get(page, "")
    files = SITE_LIBRARIES[library]() if library else {}
    script = next((f"{library}/{name}" for name in files if name.endswith(".js")), "")
    warning = (f"{library} is not installed (`npm install` in src/teipress/js/, as make does): the page is made "
               "without its drawing, readable as it is without JavaScript") if library and not script else ""
    return OptionalJob(PAGES_STYLESHEET, (("page", page), ("page-library", script)), f"{page}.html",
                       f"the {page} page", warning=warning)


# Pages of the edition besides the index and the registers (pages.xsl renders each), from
# xslt/common/lists.xml; the paratext pages among them come from the TEI headers (paratext.xsl).
EXTRA_PAGES = extra_pages()
OPTIONAL_PAGES = optional_pages()
# The JavaScript libraries a page of lists.xml may draw with (library="…"): their files under assets/NAME/.
SITE_LIBRARIES = {CYTOSCAPE: cytoscape_files}
SITEMAP_STYLESHEET = "html/sitemap.xsl"
COLLECTION_STYLESHEET = PAGES_STYLESHEET  # with the parameter collection-id (html/collection.xsl)


def facsimile_parameter(job: TextJob) -> str:
    """Give what the text's facsimile viewer shows (JSON, see writers.iiif.viewer_data), or "" when the
    text has no facsimile or the viewer is not installed (a warning says so; each page break links its image)."""
    found = facsimile.read(job.document, job.images, job.settings.folder)[0]  # its warnings are the iiif output's
    if not found.pages:
        return ""
    if not openseadragon_files():
        job.diagnostics.append(Diagnostic(str(job.document.path), 1, 1, "warning",
                                          "the facsimile viewer is left out: OpenSeadragon is not installed "
                                          "(`npm install` in src/teipress/js/, as make does); each page break links its image"))
        return ""
    data = {**viewer_data(found, services(found)), "manifest": manifest_path(job.text_id)}
    # "<" escaped: the JSON goes into a <script> data block, which "</script>" would end.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def map_warnings(job: TextJob, html: str) -> list[Diagnostic]:
    """Give the warning that the text's map of places is drawn at build time, not on the tiles of
    [map] tiles, because Leaflet is not installed (none when the page has no map or no tiles are set)."""
    if not job.settings.map_tiles or leaflet_files() or 'class="place-map"' not in html:
        return []
    return [Diagnostic(str(job.document.path), 1, 1, "warning",
                       "the interactive map of the text's places is left out: Leaflet is not installed "
                       "(pip install xstatic-leaflet); the map is the one drawn at build time")]


def copy_assets(source: Path, target: Path) -> list[Path]:
    """Copy the stylesheet's static files (CSS, JavaScript) into the output; give the copies."""
    copies = []
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            if path.is_file():
                copies.append(atomic_write(target / path.relative_to(source), path.read_bytes()))
    return copies
