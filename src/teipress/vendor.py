"""The JavaScript libraries the web edition ships, installed from npm at setup time.

They are never copied into the repository: ``make`` runs ``npm install`` in
``src/teipress/js/`` (its ``package.json`` names them), and a build copies the files a
page needs, with the library's licence, into ``assets/``. Where npm was missing
the library is absent and the feature that needs it degrades (the caller warns).
``TEIPRESS_NODE_MODULES`` names another ``node_modules`` folder to take them from.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


# OpenSeadragon (BSD-3-Clause, npm "openseadragon"): the facsimile viewer. Its folder in assets/.
OPENSEADRAGON = "openseadragon"
_OSD_BUILD = Path("openseadragon/build/openseadragon")


def node_modules() -> Path:
    """Give the node_modules folder the site's libraries are taken from."""
    named = os.environ.get("TEIPRESS_NODE_MODULES")
    return Path(named) if named else Path(__file__).resolve().parent / "js" / "node_modules"


def openseadragon_files() -> dict[str, Path]:
    """Give OpenSeadragon's files a page needs, by their path under ``assets/openseadragon/``
    (the script and its licence; not its button images: the viewer has buttons of its own),
    or {} when it is not installed."""
    build = node_modules() / _OSD_BUILD
    script = build / "openseadragon.min.js"
    licence = node_modules() / "openseadragon" / "LICENSE.txt"
    if not script.is_file() or not licence.is_file():
        return {}
    return {"openseadragon.min.js": script, "LICENSE.txt": licence}


def openseadragon_version() -> str:
    """Give the version of the OpenSeadragon a build ships, or "" when it is not installed."""
    return _installed_version("openseadragon", openseadragon_files())


# Cytoscape.js (MIT, npm "cytoscape"): draws the correspondents' network. Its folder in assets/.
CYTOSCAPE = "cytoscape"


def cytoscape_files() -> dict[str, Path]:
    """Give Cytoscape.js's files the network page needs, by their path under ``assets/cytoscape/``
    (the script and its licence), or {} when it is not installed."""
    script = node_modules() / "cytoscape" / "dist" / "cytoscape.min.js"
    licence = node_modules() / "cytoscape" / "LICENSE"
    if not script.is_file() or not licence.is_file():
        return {}
    return {"cytoscape.min.js": script, "LICENSE": licence}


def cytoscape_version() -> str:
    """Give the version of the Cytoscape.js a build ships, or "" when it is not installed."""
    return _installed_version("cytoscape", cytoscape_files())


def _installed_version(package: str, files: dict[str, Path]) -> str:
    """Give the version in the npm ``package``'s package.json: "" when its ``files`` are not
    installed, "unknown" when its package.json cannot be read."""
    if not files:
        return ""
    try:
        return str(json.loads((node_modules() / package / "package.json").read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "unknown"
