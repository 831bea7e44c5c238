"""The HTML edition: a page per text, the register pages, the index, assets and TEI copies."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..corpus import Corpus
from ..edition import output_names, register_pages
from ..errors import Diagnostic, TransformError
from ..transform import Stylesheets
from . import atomic_write

TEXT_STYLESHEET = "html/html.xsl"
PAGES_STYLESHEET = "html/pages.xsl"


def write_html(stylesheets: Stylesheets, edition_node, corpus: Corpus, out: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Write the HTML edition into ``out``; give the files written and the
    diagnostics of texts that failed (the other texts are still written)."""
    written: list[Path] = []
    failures: list[Diagnostic] = []
    for text in corpus.texts:
        try:
            html = stylesheets.run(TEXT_STYLESHEET, edition_node, {"text-id": text.id}, label=str(text.path))
        except TransformError as exc:
            failures.append(Diagnostic(str(text.path), 1, 1, "error", str(exc)))
            continue
        written.append(atomic_write(out / output_names(text)["html"], html))
        written.append(atomic_write(out / output_names(text)["tei"], text.source))
    for register in corpus.registers:
        written.append(atomic_write(out / "tei" / register.name, register.source))
    for page in ["index", *register_pages(corpus)]:
        html = stylesheets.run(PAGES_STYLESHEET, edition_node, {"page": page}, label=f"the {page} page")
        written.append(atomic_write(out / f"{page}.html", html))
    written.extend(copy_assets(stylesheets.root / "html" / "assets", out / "assets"))
    return written, failures


def copy_assets(source: Path, target: Path) -> list[Path]:
    """Copy the stylesheet's static files (CSS, JavaScript) into the output; give the copies."""
    copies = []
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            if path.is_file():
                destination = target / path.relative_to(source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)
                copies.append(destination)
    return copies
