"""The search index of the HTML edition, made by Pagefind (installed from PyPI with
teipress; it runs offline) from the published pages, after they are published."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..errors import TeipressError
from ..outputs import ArchiveJob, Output

SEARCH_FOLDER = "pagefind"
# The file Pagefind writes at the root of every index it makes.
ENTRY_FILE = "pagefind-entry.json"


class SearchOutput(Output):
    """The search index (``pagefind/``) of the published pages."""

    name = "search"
    stylesheets = ()
    summary = "the search index of the web edition (Pagefind)"

    def build_archive(self, job: ArchiveJob) -> list[Path]:
        return index_search(job.out, job.staging)

    def adoptable(self, out: Path) -> set[str]:
        """Give the files of a search index in ``out`` that teipress has no record of writing
        (its cache was lost) but are Pagefind's, never an editor's: its entry file is there."""
        index = out / SEARCH_FOLDER
        if index.is_symlink() or not (index / ENTRY_FILE).is_file():
            return set()
        return {path.relative_to(out).as_posix() for path in index.rglob("*")}


class SearchIndexError(TeipressError):
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


