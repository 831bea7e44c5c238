"""The HTML edition's pages that are not texts (index, registers, chronology,
search, paratext), its assets and its search index; the text pages are made
per text (:mod:`teipress.workers`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..edition import register_pages
from ..transform import Stylesheets
from . import PageJob, atomic_write

PAGES_STYLESHEET = "html/pages.xsl"


def page_jobs(registers) -> list[PageJob]:
    """Give the pages of the edition that are not texts (index, registers, chronology,
    search, paratext) and the sitemap, as jobs on the edition document of the extracts;
    ``registers`` are the register Documents (which register pages there are)."""
    jobs = [PageJob(PAGES_STYLESHEET, (("page", page),), f"{page}.html", f"the {page} page")
            for page in ["index", *register_pages(registers), *EXTRA_PAGES]]
    jobs.append(PageJob(SITEMAP_STYLESHEET, (), "sitemap.xml", "the sitemap"))
    return jobs


def write_site_files(stylesheets: Stylesheets, registers, out: Path) -> list[Path]:
    """Write the assets and the registers' TEI copies into ``out``; give the files written."""
    written = [atomic_write(out / "tei" / register.copy_name, register.source) for register in registers]
    # teipress's assets, then the override folder's, whose file of the same name replaces teipress's.
    assets: dict[Path, Path] = {}
    for layer in stylesheets.layers:
        for copy in copy_assets(layer / "html" / "assets", out / "assets"):
            assets[copy] = copy
    return [*written, *assets]


# Pages of the edition besides the index and the registers (pages.xsl renders each);
# the paratext pages (about … data) come from the TEI headers (paratext.xsl).
EXTRA_PAGES = ("chronology", "search", "about", "principles", "help", "cite", "changes", "data")
SITEMAP_STYLESHEET = "html/sitemap.xsl"
SEARCH_FOLDER = "pagefind"


class SearchIndexError(Exception):
    """Pagefind could not index the site."""


def index_search(site: Path, staging: Path) -> list[Path]:
    """Index the written ``site`` with Pagefind (offline, from PyPI) into ``staging/pagefind``
    and give the files of the index; the build publishes them as it does pages."""
    target = staging / SEARCH_FOLDER
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(target), "--silent"],
            capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            raise SearchIndexError(f"pagefind failed ({result.returncode}): {(result.stderr or result.stdout).strip()}")
    except (OSError, subprocess.SubprocessError) as exc:
        raise SearchIndexError(f"the search index was not built: {exc}") from exc
    return sorted(p for p in target.rglob("*") if p.is_file())


def copy_assets(source: Path, target: Path) -> list[Path]:
    """Copy the stylesheet's static files (CSS, JavaScript) into the output; give the copies."""
    copies = []
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            if path.is_file():
                copies.append(atomic_write(target / path.relative_to(source), path.read_bytes()))
    return copies
