"""The PDF edition: one PDF per text, from the print stylesheet through WeasyPrint."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..corpus import Corpus
from ..edition import output_names
from ..errors import Diagnostic, TransformError
from ..transform import Stylesheets
from . import atomic_write

PRINT_STYLESHEET = "print/print.xsl"


def _fetcher():
    # Only local files (the print CSS, fonts) may be read; never the network.
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"file", "data"})


def render_pdf(html: str, base_url: Path) -> bytes:
    """Give the PDF bytes of a print HTML document whose relative links resolve against ``base_url``."""
    import weasyprint  # imported here: it costs ~0.4 s and only PDF builds need it

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, base_url=str(base_url) + os.sep, url_fetcher=_fetcher())
    return document.write_pdf()


def write_pdf(stylesheets: Stylesheets, edition_node, corpus: Corpus, out: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Write one PDF per text into ``out``; give the files written and the diagnostics of texts that failed."""
    written: list[Path] = []
    failures: list[Diagnostic] = []
    base = stylesheets.root / "print"
    for text in corpus.texts:
        try:
            html = stylesheets.run(PRINT_STYLESHEET, edition_node, {"text-id": text.id}, label=str(text.path))
        except TransformError as exc:
            failures.append(Diagnostic(str(text.path), 1, 1, "error", str(exc)))
            continue
        written.append(atomic_write(out / output_names(text)["pdf"], render_pdf(html, base)))
    return written, failures
