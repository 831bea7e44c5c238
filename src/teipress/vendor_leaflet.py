"""Leaflet, the interactive maps' library, installed from PyPI (``xstatic-leaflet``, a
dependency of teipress) and copied into the site's ``assets/leaflet/`` by a build.

It is never copied into the repository. Where it is missing the maps stay the SVG drawn
at build time (html/map.xsl) and the build warns. ``TEIPRESS_LEAFLET`` names another
folder to take its files from (Leaflet's ``leaflet.js``, ``leaflet.css`` and ``images/``);
an empty or missing folder means "not installed".
"""

from __future__ import annotations

import os
import re
from pathlib import Path

# Its folder in assets/.
LEAFLET = "leaflet"
# The files a page needs, by their path under assets/leaflet/ (the marker images are
# referenced by map.js; the layer-control images by leaflet.css).
_FILES = ("leaflet.js", "leaflet.css", "images/marker-icon.png", "images/marker-icon-2x.png",
          "images/marker-shadow.png", "images/layers.png", "images/layers-2x.png")

# Leaflet's licence (BSD-2-Clause, its repository's LICENSE), which xstatic-leaflet does not
# ship as a file: its copyright lines are taken from the header of the leaflet.js shipped.
_LICENCE = """BSD 2-Clause License

{copyright}
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""


def leaflet_folder() -> Path | None:
    """Give the folder Leaflet's files are taken from, or None when Leaflet is not installed."""
    named = os.environ.get("TEIPRESS_LEAFLET")
    if named is not None:
        return Path(named)
    try:
        from xstatic.pkg import leaflet
    except ImportError:
        return None
    return Path(leaflet.BASE_DIR)


def leaflet_files() -> dict[str, Path]:
    """Give Leaflet's files a page needs, by their path under ``assets/leaflet/``, or {} when
    it is not installed (or a file is missing)."""
    folder = leaflet_folder()
    if folder is None:
        return {}
    files = {name: folder / name for name in _FILES}
    return files if all(path.is_file() for path in files.values()) else {}


def leaflet_version() -> str:
    """Give the version of the Leaflet a build ships (from its script's header), or "" when it is not installed."""
    files = leaflet_files()
    if not files:
        return ""
    found = re.search(r"Leaflet (\d[\w.-]*)", _header(files["leaflet.js"]))
    return found.group(1) if found else "unknown"


def leaflet_licence() -> str:
    """Give the text of Leaflet's licence for the Leaflet installed ("" when it is not)."""
    files = leaflet_files()
    if not files:
        return ""
    holders = re.findall(r"\(c\) ([^,\n*]+?)(?=,|\n|$)", _header(files["leaflet.js"]))
    lines = "\n".join(f"Copyright (c) {holder.strip()}" for holder in holders) or "Copyright (c) Volodymyr Agafonkin"
    return _LICENCE.format(copyright=lines)


def _header(script: Path) -> str:
    """Give the opening comment of a script (where Leaflet states its version and copyright)."""
    with open(script, encoding="utf-8", errors="replace") as handle:
        head = handle.read(600)
    return head.split("*/", 1)[0]
