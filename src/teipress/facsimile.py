"""The facsimile of a text: its page images and the regions of them the text points at.

Read from the TEI once, for every output that shows it (the IIIF manifest, the
viewer of the web page): each ``surface`` of a ``facsimile`` or a ``sourceDoc``
(or a ``graphic`` standing alone in it) is a *page* with one image, its size in its own
coordinates (``@ulx``…``@lry``, else the image's pixels) and its ``zone``s
(``@ulx``…``@lry``, or the box around ``@points``) in those coordinates. The text
points at them with ``@facs`` (``#id`` of a surface, zone or graphic) on ``pb``,
``lb``, ``line``, ``ab``, ``p`` and ``zone``, or a zone points at the text with
``@corresp`` (``#id`` of any element of it): each such pair is a *link*.

Images are taken as :func:`teipress.images.confine` left the ``@url``: a local one
rewritten to its ``images/…`` place (its file is among the text's confined
images), a remote http(s) one as it is, a refused one without ``@url`` (already
reported) and so left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .document import TEI_NS, XML_NS, Document
from .errors import Diagnostic
from .images import Image, resolve

# The elements whose @facs links the text to the facsimile (issue 15: pb, lb, line, zone, ab, p).
LINKING = ("pb", "lb", "line", "zone", "ab", "p")
_T = f"{{{TEI_NS}}}"
_ID = f"{{{XML_NS}}}id"


@dataclass(frozen=True)
class Zone:
    """A region of a page, in the page's coordinates."""

    id: str
    x: float
    y: float
    width: float
    height: float
    corresp: tuple[str, ...] = ()  # ids of the text's elements the zone names (@corresp="#id"): linking from the image's side


@dataclass
class Page:
    """One page image of the facsimile: ``url`` as the outputs name it, ``image`` the
    local file (teipress.images.Image) or None for a remote one; ``width``/``height``
    the page's own coordinates when the TEI gives them (else the image's pixels)."""

    id: str
    label: str
    url: str
    image: object | None
    width: float | None
    height: float | None
    origin: tuple[float, float] = (0.0, 0.0)
    zones: list[Zone] = field(default_factory=list)

    def ids(self) -> set[str]:
        """Give the ids a pointer may use to name this page or one of its zones."""
        return {self.id, *(zone.id for zone in self.zones)}


@dataclass
class Link:
    """An element of the text that points at a page or a zone (by their ids)."""

    element: str  # its local name
    target: str  # the id of the page or zone
    page: str  # the id of the page
    text: str  # what the text says there (the line after an lb, a paragraph's text)
    element_id: str = ""  # the element's xml:id, if it has one


@dataclass
class Facsimile:
    """The pages of a text and its links to them."""

    pages: list[Page]
    links: list[Link]

    def page_of(self, target: str) -> Page | None:
        """Give the page with ``target`` as its id or one of its zones'."""
        return next((page for page in self.pages if target in page.ids()), None)


def read(document: Document, images, folder: Path | None = None) -> tuple[Facsimile, list[Diagnostic]]:
    """Give the facsimile of ``document`` and warnings for the pages it leaves out;
    ``images`` are its confined images (teipress.images.Image), by their ``target``;
    ``folder``, the edition folder, lets a ``pb`` name its image by ``@facs`` (see _break_pages)."""
    local = {image.target: image for image in images}
    pages, warnings = [], []
    for container in document.root.iter(f"{_T}facsimile", f"{_T}sourceDoc"):
        # Its surfaces (in a sourceDoc also those of a surfaceGrp) and the graphics standing alone in it.
        items = [item for item in container.iter(f"{_T}surface", f"{_T}graphic")
                 if item.getparent() is container or (item.tag == f"{_T}surface" and
                                                       item.getparent().tag == f"{_T}surfaceGrp")]
        for item in items:
            page = _page(item, len(pages) + 1, local)
            if page is None:
                warnings.append(Diagnostic(str(document.path), item.sourceline or 1, document.column_of(item), "warning",
                                           f"the {item.tag[len(_T):]} has no image teipress can show: left out "
                                           "of the facsimile"))
            else:
                pages.append(page)
    pages += _break_pages(document, folder, {page.id for page in pages})
    found = Facsimile(pages, [])
    found.links, unresolved = _links(document, found)
    if pages:
        warnings += [Diagnostic(str(document.path), element.sourceline or 1, document.column_of(element), "warning",
                                f"the @facs '{element.get('facs')}' of <{element.tag[len(_T):]}> points at no surface, "
                                "zone or graphic of the facsimile: the text is not linked to the image there")
                     for element in unresolved]
    return found, warnings


def _page(item, number: int, local: dict) -> Page | None:
    graphic = item if item.tag == f"{_T}graphic" else item.find(f"{_T}graphic")
    url = (graphic.get("url") or "").strip() if graphic is not None else ""
    image = local.get(url)
    if image is None and not re.match(r"^https?://", url, re.I):
        return None
    box = [_number(item.get(name)) for name in ("ulx", "uly", "lrx", "lry")]
    sized = None not in box and box[2] > box[0] and box[3] > box[1]
    page = Page(item.get(_ID) or f"page-{number}", (item.get("n") or str(number)).strip(), url, image,
                box[2] - box[0] if sized else None, box[3] - box[1] if sized else None,
                (box[0], box[1]) if sized else (0.0, 0.0))
    if graphic is not item and graphic.get(_ID):
        page.zones.append(Zone(graphic.get(_ID), 0, 0, page.width or 0, page.height or 0))
    for zone in item.iter(f"{_T}zone"):
        found = _zone(zone, page.origin)
        if found is not None:
            page.zones.append(found)
    return page


def _break_pages(document: Document, folder: Path | None, known: set[str]) -> list[Page]:
    """Give a page for each ``pb`` whose ``@facs`` is an image's URL rather than a pointer: an
    http(s) one as it is, a relative one if images.resolve admits it (its tiles are cut from
    the file; ``images/`` has no copy of it). The page's id is the URL, as @facs says it."""
    pages = []
    for pb in document.root.iter(f"{_T}pb"):
        url = (pb.get("facs") or "").strip()
        if not url or url.startswith("#") or " " in url or url in known:
            continue
        image = resolve(url, document.path, folder) if folder is not None else "no edition folder"
        if isinstance(image, Image) or image == "remote":
            known.add(url)
            pages.append(Page(url, (pb.get("n") or str(len(known))).strip(), url,
                              image if isinstance(image, Image) else None, None, None))
    return pages


def _zone(zone, origin: tuple[float, float]) -> Zone | None:
    if not zone.get(_ID):
        return None
    box = [_number(zone.get(name)) for name in ("ulx", "uly", "lrx", "lry")]
    if None in box and zone.get("points"):
        pairs = [point.split(",") for point in zone.get("points").split()]
        xs = [_number(pair[0]) for pair in pairs if len(pair) == 2]
        ys = [_number(pair[1]) for pair in pairs if len(pair) == 2]
        if xs and None not in xs + ys:
            box = [min(xs), min(ys), max(xs), max(ys)]
    if None in box or box[2] <= box[0] or box[3] <= box[1]:
        return None
    corresp = tuple(p[1:] for p in (zone.get("corresp") or "").split() if p.startswith("#") and len(p) > 1)
    return Zone(zone.get(_ID), box[0] - origin[0], box[1] - origin[1], box[2] - box[0], box[3] - box[1], corresp)


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _links(document: Document, facsimile: Facsimile) -> tuple[list[Link], list]:
    """Give the links of the text to the facsimile, and its elements whose ``#`` pointers all miss it."""
    links, unresolved = [], []
    wanted = {f"{_T}{name}" for name in LINKING}
    for element in document.root.iter(*wanted):
        if element.tag == f"{_T}zone" and any(a.tag == f"{_T}facsimile" for a in element.iterancestors()):
            continue  # a zone of the facsimile itself, not of the text
        for pointer in (element.get("facs") or "").split():
            target = pointer[1:] if pointer.startswith("#") else pointer  # a pb's image URL is its page's id
            page = facsimile.page_of(target)
            if page is not None:
                links.append(Link(element.tag[len(_T):], target, page.id, _said(element), element.get(_ID) or ""))
                break
        else:
            if (element.get("facs") or "").strip().startswith("#"):
                unresolved.append(element)
    return links + _corresp_links(document, facsimile, links) + _transcribed_zones(document, facsimile, links), unresolved


def _transcribed_zones(document: Document, facsimile: Facsimile, links: list[Link]) -> list[Link]:
    """Give a link for each zone of a sourceDoc page that transcribes its region (it has text),
    unless @facs linked it already: the zone is its own text's place."""
    linked = {link.target for link in links}
    found = []
    for source in document.root.iter(f"{_T}sourceDoc"):
        for zone in source.iter(f"{_T}zone"):
            name = zone.get(_ID)
            page = facsimile.page_of(name) if name and name not in linked else None
            lines = list(zone.iter(f"{_T}line")) or [zone]  # lines of a transcription are read one after another
            said = " ".join(" ".join("".join(line.itertext()).split()) for line in lines).strip()
            if page is not None and said:
                found.append(Link("zone", name, page.id, said, name))
    return found


def _corresp_links(document: Document, facsimile: Facsimile, links: list[Link]) -> list[Link]:
    """Give the links the zones make with @corresp (those @facs did not make already)."""
    named = [(page, zone) for page in facsimile.pages for zone in page.zones if zone.corresp]
    if not named:
        return []
    by_id = {element.get(_ID): element for element in document.root.iter() if element.get(_ID)}
    made = {(link.element_id, link.target) for link in links}
    found = []
    for page, zone in named:
        for name in zone.corresp:
            element = by_id.get(name)
            if element is not None and (name, zone.id) not in made:
                found.append(Link(element.tag[len(_T):], zone.id, page.id, _said(element), name))
    return found


def _said(element) -> str:
    """Give what the text says at ``element``: after a milestone (pb, lb), up to the next
    milestone with @facs in the same block; inside a block, all of it."""
    if element.tag not in (f"{_T}lb", f"{_T}pb"):
        return " ".join("".join(element.itertext()).split())
    parts = [element.tail or ""]
    for following in element.itersiblings():
        if following.tag in (f"{_T}lb", f"{_T}pb") and following.get("facs"):
            break
        if following.tag not in (f"{_T}note",):
            parts.append("".join(following.itertext()))
        parts.append(following.tail or "")
    return " ".join("".join(parts).split())
