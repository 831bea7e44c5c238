"""What a print document may load and link: its CSS, fonts and confined images through a
fetcher that serves nothing else, and links that work in a PDF read anywhere."""

from __future__ import annotations

import os
import re
from pathlib import Path

# The base URL print documents are laid out against, wherever teipress and the edition lie:
# WeasyPrint names an embedded image after its URL, so a real path would make the PDF's bytes
# depend on the machine that built it (and leak its paths). The fetcher maps it to the folders.
VIRTUAL_BASE = "file:///teipress/print/"


def confined_fetcher(base: Path, images=()):
    """Give WeasyPrint's URL fetcher for a print document laid out against :data:`VIRTUAL_BASE`,
    standing for ``base`` (a print folder): it serves data: URLs, the print assets (CSS, fonts) of
    ``base`` or, when it has no such file (an edition's override folder), teipress's own, and the
    confined ``images`` (:mod:`teipress.images`, named ``images/…``); everything else is refused."""
    from urllib.parse import unquote

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    from ..resources import xslt_dir

    folders = [Path(os.path.abspath(base)), xslt_dir() / "print"]  # the edition's override first
    assets = [folder.resolve() for folder in folders]
    served = {image.target: image for image in images}

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(VIRTUAL_BASE):
                relative = unquote(url[len(VIRTUAL_BASE):].split("?")[0].split("#")[0])
                if relative in served:
                    image = served[relative]
                    return URLFetcherResponse(url, image.file.read_bytes(), {"Content-Type": image.media_type})
                for folder in folders:
                    resolved = (folder / relative).resolve()
                    if resolved.is_file() and any(resolved.is_relative_to(a) for a in assets):
                        return URLFetcherResponse(url, resolved.read_bytes(), {"Content-Type": _media_type(resolved)})
            raise ValueError(f"teipress: not a print asset or a confined image: {url}")

    return ConfinedFetcher(allowed_protocols={"file", "data"})


def _media_type(path: Path) -> str:
    import mimetypes

    return {".css": "text/css", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
            ".otf": "font/otf"}.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def published_links(html: str, site_url: str) -> str:
    """Give print HTML whose links work in a PDF read anywhere (see :func:`link_to_site`)."""
    from .. import linenumbers

    tree = linenumbers.parse(html)
    link_to_site(tree, site_url)
    return linenumbers.serialize(tree)


def link_to_site(tree, site_url: str) -> None:
    """Make the links of a print HTML tree work in a PDF read anywhere (in place): a relative link
    made absolute against ``site_url`` (the published web edition), or its href removed when no site
    URL is known; in-document (#…) and http(s)/mailto links kept; any other scheme (file: …) removed."""
    from urllib.parse import urljoin

    for link in tree.getroot().iter("a", "area"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith("#") or re.match(r"^(https?|mailto):", href, re.I):
            continue
        if site_url and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href):
            link.set("href", urljoin(site_url, href))
        else:
            del link.attrib["href"]
