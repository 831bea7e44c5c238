"""Benchmark of the PDF edition: pages per second for the volume, every layout pass included.

Run from the repository root: ``.venv/bin/python bench/pdf.py [TEI-FOLDER] [--repeat N]``.
Prints one line per run and a summary line; the figure to record in
bench/RESULTS.md is the median pages per second. Stylesheets are compiled
and WeasyPrint imported before the clock starts: what is measured is what a
build pays per volume (transformation, every layout pass, PDF writing).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from teipress.config import Settings
from teipress.corpus import read_corpus
from teipress.edition import edition_tree
from teipress.transform import Stylesheets
from teipress.writers.pdf import PRINT_STYLESHEET, pdf_bytes
from teipress.writers.pdf_layout import PrintOptions, lay_out


def run_once(stylesheets: Stylesheets, node, base: Path, sources, options: PrintOptions) -> tuple[int, int, float]:
    """Give (pages, layout passes, seconds) of one build of the volume, PDF bytes included."""
    start = time.perf_counter()
    html = stylesheets.run(PRINT_STYLESHEET, node, {"text-id": "", "print-volume": True, "print-notes": options.notes})
    laid_out = lay_out(html, base, options)
    data = pdf_bytes(laid_out, sources, "2026-11-24")
    elapsed = time.perf_counter() - start
    assert data.startswith(b"%PDF")
    return len(laid_out.document.pages), laid_out.passes, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default="tei", help="folder of the edition's TEI files (default: tei)")
    parser.add_argument("--repeat", type=int, default=3, help="number of timed runs (default: 3)")
    args = parser.parse_args(argv)

    import weasyprint  # noqa: F401  (the import, ~0.4 s, is not part of a volume's cost)

    corpus = read_corpus([args.source])
    stylesheets = Stylesheets()
    node = stylesheets.node(edition_tree(corpus, Settings(title="Benchmark", build_date="2026-11-24")))
    stylesheets.executable(PRINT_STYLESHEET)
    sources = [(d.name, d.source) for d in [*corpus.texts, *corpus.registers]]
    base = stylesheets.root / "print"
    rates = []
    for run in range(1, args.repeat + 1):
        pages, passes, seconds = run_once(stylesheets, node, base, sources, PrintOptions())
        rates.append(pages / seconds)
        print(f"run {run}: {pages} pages, {passes} layout passes, {seconds:.2f} s, {pages / seconds:.2f} pages/s")
    print(f"volume of {len(corpus.texts)} texts: median {statistics.median(rates):.2f} pages/s "
          f"(all passes included; Python {sys.version.split()[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
