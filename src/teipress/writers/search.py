"""The search index of the HTML edition, made by Pagefind (installed from PyPI with
teipress; it runs offline) from the published pages, after they are published.

The index is made in parts (:mod:`teipress.writers.search_parts`): a touched text
re-indexes its bucket only; the search page merges the parts in the browser. The
pages' facts and the parts' indexes are cached in the build cache's folder
(``search/``), beside the output, never inside it.
"""

from __future__ import annotations

import subprocess  # noqa: F401 - Pagefind runs as a subprocess (search_parts); tests replace subprocess.run here
from pathlib import Path

from ..cache import cache_dir
from ..outputs import ArchiveJob, Output
from .search_pages import read_pages
from .search_parts import PARTS_MANIFEST, SearchIndexError, build_parts, plan_parts, stage_parts

__all__ = ["SearchOutput", "SearchIndexError", "index_search"]

SEARCH_FOLDER = "pagefind"
# The file Pagefind writes at the root of every index it makes (the index of earlier
# versions of teipress, in one part, had it at the root of the folder).
ENTRY_FILE = "pagefind-entry.json"
# The folder of the search cache, in the build cache's folder.
WORK_FOLDER = "search"
PAGES_CACHE = "pages.json"


class SearchOutput(Output):
    """The search index (``pagefind/``) of the published pages."""

    name = "search"
    stylesheets = ()
    summary = "the search index of the web edition (Pagefind)"

    def build_archive(self, job: ArchiveJob) -> list[Path]:
        return index_search(job.out, job.staging)

    def adoptable(self, out: Path) -> set[str]:
        """Give the files of a search index in ``out`` that teipress has no record of writing
        (its cache was lost) but are Pagefind's, never an editor's: its entry file or the
        list of its parts is there."""
        index = out / SEARCH_FOLDER
        if index.is_symlink() or not ((index / ENTRY_FILE).is_file() or (index / PARTS_MANIFEST).is_file()):
            return set()
        return {path.relative_to(out).as_posix() for path in index.rglob("*")}


def index_search(site: Path, staging: Path, work: Path | None = None) -> list[Path]:
    """Index the written ``site`` with Pagefind (offline, from PyPI) into ``staging/pagefind``
    and give the files of the index; the build publishes them as it does pages. The files of
    the parts not indexed again that the site already has as they are are given where they
    are in the site, and kept.

    ``work`` holds the cache of the pages' facts and of the parts' indexes (by default the
    ``search`` folder of the site's build cache). Raise SearchIndexError when Pagefind fails
    (as it does when there is no page to index)."""
    work = work or cache_dir(site) / WORK_FOLDER
    work.mkdir(parents=True, exist_ok=True)
    try:
        pages = read_pages(site, work / PAGES_CACHE)
    except OSError as exc:
        raise SearchIndexError(f"the search index was not built: a page could not be read: {exc}") from exc
    parts = plan_parts(pages)
    build_parts(site, parts, work)
    return stage_parts(parts, work, staging / SEARCH_FOLDER, published=site / SEARCH_FOLDER)
