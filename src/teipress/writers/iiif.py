"""IIIF for a text with a facsimile: a Presentation API 3.0 manifest (``iiif/<text-id>/manifest.json``)
and the Image API 3.0 level 0 services of its local images (:mod:`teipress.tiles`).

The manifest has one canvas per page of the facsimile (:mod:`teipress.facsimile`),
painted with its image (with the image's service: the level 0 one of a local image;
a remote image is named as it is), and on each canvas an annotation page of the
zones the text points at: a ``supplementing`` annotation per zone whose body is what
the text says there, and a ``linking`` one to its place on the web page.

IIIF ids are absolute http(s) URIs: under ``[edition] url`` when it is set, else
under the address ``teipress serve`` publishes the site at (a warning says so).
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import facsimile as facsimile_module
from .. import tiles
from ..errors import Diagnostic
from ..facsimile import Facsimile, Page
from ..images import MEDIA_TYPES
from ..outputs import Output, TextJob
from . import atomic_write

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
# Where `teipress serve` publishes the site by default: the ids' base when [edition] url is not set.
LOCAL_BASE = "http://127.0.0.1:8000/"
TILE_CACHE = "iiif-tiles"


def manifest_path(text_id: str) -> str:
    """Give the path of a text's manifest in the site."""
    return f"iiif/{text_id}/manifest.json"


def services(found: Facsimile) -> dict[str, tiles.Service]:
    """Give the level 0 service of each local page image Pillow reads, by the image's ``url``."""
    made = {}
    for page in found.pages:
        if page.image is not None and page.url not in made:
            service = tiles.service(page.image.file)
            if service is not None:
                made[page.url] = service
    return made


class IiifOutput(Output):
    """``iiif/``: a IIIF manifest per text with a facsimile, and level 0 tiles of its local images."""

    name = "iiif"
    stylesheets = ()
    summary = "IIIF: a Presentation 3.0 manifest per text with a facsimile, Image API level 0 tiles of its images"

    def build_text(self, job: TextJob) -> list[Path]:
        found, warnings = facsimile_module.read(job.document, job.images, job.settings.folder)
        job.diagnostics.extend(warnings)
        if not found.pages:
            return []
        base = job.settings.url or LOCAL_BASE
        if not job.settings.url:
            job.diagnostics.append(Diagnostic(str(job.document.path), 1, 1, "warning",
                                              f"the IIIF manifest's ids are under {LOCAL_BASE} (where `teipress serve` "
                                              "publishes): set [edition] url in teipress.toml to where the site is published"))
        made = services(found)
        cache = job.staging.parent / TILE_CACHE  # the staging folder is in the build cache's folder
        written = []
        for page in found.pages:
            if page.url in made:
                written += tiles.publish(page.image.file, made[page.url], cache, job.staging, base)
        manifest = build_manifest(found, made, job, base)
        written.append(atomic_write(job.staging / manifest_path(job.text_id), json.dumps(manifest, ensure_ascii=False, indent=1)))
        return written


def build_manifest(found: Facsimile, made: dict, job: TextJob, base: str) -> dict:
    """Give the Presentation 3.0 manifest of a text's facsimile (its pages without a known size are
    left out, with a warning: a canvas must have one)."""
    manifest_id = base + manifest_path(job.text_id)
    title = " ".join("".join(job.document.root.xpath(
        "string((//*[local-name()='titleStmt']/*[local-name()='title'])[1])")).split()) or job.text_id
    canvases = []
    for number, page in enumerate(found.pages, 1):
        canvas = _canvas(page, number, found, made.get(page.url), manifest_id, base, job)
        if canvas is None:
            job.diagnostics.append(Diagnostic(str(job.document.path), 1, 1, "warning",
                                              f"the page '{page.label}' of the facsimile is left out of the IIIF manifest: "
                                              "the size of its image is not known (a remote image, or one teipress cannot "
                                              "read) and its surface gives none (@lrx, @lry)"))
        else:
            canvases.append(canvas)
    return {
        "@context": PRESENTATION_CONTEXT,
        "id": manifest_id,
        "type": "Manifest",
        "label": {"none": [title]},
        "homepage": [{"id": f"{base}{job.text_id}.html", "type": "Text", "label": {"none": [title]},
                      "format": "text/html"}],
        "items": canvases,
    }


def _canvas(page: Page, number: int, found: Facsimile, service, manifest_id: str, base: str, job: TextJob) -> dict | None:
    width, height = page.width, page.height
    if width is None and service is not None:
        width, height = service.width, service.height
    if width is None:
        return None
    canvas_id = manifest_id.rsplit("/", 1)[0] + f"/canvas/{number}"
    body = {"id": base + service.path + "/full/max/0/default.jpg", "type": "Image", "format": "image/jpeg",
            "width": service.width, "height": service.height,
            "service": [{"id": base + service.path, "type": "ImageService3", "profile": "level0"}]} if service else \
        _remote_body(page.url)
    canvas = {
        "id": canvas_id, "type": "Canvas", "label": {"none": [page.label]},
        "width": round(width), "height": round(height),
        "items": [{"id": canvas_id + "/page", "type": "AnnotationPage", "items": [
            {"id": canvas_id + "/image", "type": "Annotation", "motivation": "painting", "body": body, "target": canvas_id}]}],
    }
    annotations = _zone_annotations(page, found, canvas_id, base, job.text_id)
    if annotations:
        canvas["annotations"] = [{"id": canvas_id + "/zones", "type": "AnnotationPage", "items": annotations}]
    return canvas


def _remote_body(url: str) -> dict:
    # Its service (if it has one) is left out: its version and level are not known without asking it.
    image = remote_image(url)
    return {"id": image, "type": "Image", "format": MEDIA_TYPES.get(Path(image.split("?")[0]).suffix.lower(), "image/jpeg")}


def _zone_annotations(page: Page, found: Facsimile, canvas_id: str, base: str, text_id: str) -> list[dict]:
    zones = {zone.id: zone for zone in page.zones}
    annotations = []
    for number, link in enumerate(found.links, 1):
        zone = zones.get(link.target)
        if zone is None:
            continue
        target = f"{canvas_id}#xywh={round(zone.x)},{round(zone.y)},{round(zone.width)},{round(zone.height)}"
        if link.text:
            annotations.append({"id": f"{canvas_id}/zone/{number}/text", "type": "Annotation", "motivation": "supplementing",
                                "body": {"type": "TextualBody", "value": link.text, "format": "text/plain"},
                                "target": target})
        annotations.append({"id": f"{canvas_id}/zone/{number}/link", "type": "Annotation", "motivation": "linking",
                            "body": {"id": f"{base}{text_id}.html#facs-{link.target}", "type": "Text", "format": "text/html"},
                            "target": target})
    return annotations


def remote_image(url: str) -> str:
    """Give the image a remote ``url`` shows: the whole image of a IIIF image service when it
    names the service's ``…/info.json``, else the URL as it is."""
    if url.endswith("/info.json"):
        return url[: -len("/info.json")] + "/full/max/0/default.jpg"
    return url


def viewer_data(found: Facsimile, made: dict) -> dict:
    """Give what the viewer of the web page needs of a facsimile: each page with its image
    (``info``: a local image's level 0 info.json, its id relative to the page; else ``url``),
    its size and its zones, in the page's own coordinates."""
    pages = []
    for page in found.pages:
        service = made.get(page.url)
        item = {"id": page.id, "label": page.label}
        if service is not None:
            item["info"] = service.info("")  # its id relative: the page makes it absolute where it is read
        elif page.image is None:
            item["url"] = remote_image(page.url)
        else:
            item["url"] = page.url  # a local image Pillow cannot read (an SVG): shown whole
        item.update(width=page.width or (service.width if service else None),
                    height=page.height or (service.height if service else None),
                    zones=[{"id": z.id, "x": z.x, "y": z.y, "w": z.width, "h": z.height, "corresp": list(z.corresp)}
                           for z in page.zones])
        pages.append(item)
    return {"pages": pages}
