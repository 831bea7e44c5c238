"""Plain-text export of a TEI text in the reading or the diplomatic view."""

from __future__ import annotations

from pathlib import Path

from .document import load, require_tei
from .errors import UsageError
from .transform import Stylesheets

VIEWS = ("reading", "diplomatic")
TEXT_STYLESHEET = "text/text.xsl"


def export_text(path: str | Path, view: str = "reading", stylesheets: Stylesheets | None = None) -> str:
    """Give the plain text of the ``text`` element (front, body, back) of the TEI file at ``path``.

    ``reading`` follows the edited text; ``diplomatic`` the source as received
    (``sic``, ``orig``, the copy-text witness's readings, without editorial notes
    or supplied text). Blocks are separated by newlines."""
    if view not in VIEWS:
        raise UsageError(f"unknown view '{view}': use one of {', '.join(VIEWS)}")
    document = load(path)
    require_tei(document)
    stylesheets = stylesheets or Stylesheets()
    node = stylesheets.node(document.root)
    return stylesheets.run(TEXT_STYLESHEET, node, {"view": view}, label=str(path))
