"""The files a scan parses, parsed by several processes at once when there are many.

Parsing a text, making its extract and the words around its mentions is the scan's whole
cost (7 s for 1,000 letters in one process). Each worker stores the extracts it makes in the
build cache's folder itself and sends back only the sources' descriptions, in the order of
the files; a cold build of a large edition thus scans on every core.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .cache import BuildCache
from .errors import Diagnostic

# Fewer files than this are parsed in the build's own process: a worker's start (a Python
# process, lxml, teipress's modules) costs about as much as parsing a hundred letters.
POOL_FROM = 200
# Files sent to a worker at a time.
CHUNK = 16


def parse_files(items: list[tuple], cache: BuildCache, folder: Path | None, jobs: int | None = None) -> list[tuple]:
    """Give ``scan.read_file(*item, cache, folder)`` for each of ``items`` (path, resolved path, copy,
    hash), in their order, in ``jobs`` processes at once when there are many (default: one per core)."""
    from .scan import read_file  # noqa: PLC0415 - scan imports this module

    processes = min(jobs or os.cpu_count() or 1, os.cpu_count() or 1)
    if processes <= 1 or len(items) < POOL_FROM:
        return [read_file(*item, cache, folder) for item in items]
    # spawn, not fork: the build's process may hold SaxonC's runtime, which does not survive a fork.
    with ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start, initargs=(cache.out, folder)) as pool:
        return list(pool.map(_read, items, chunksize=CHUNK))


_CACHE: BuildCache | None = None
_FOLDER: Path | None = None


def _start(out: Path, folder: Path | None) -> None:
    """Give a worker the build cache of ``out`` (to store extracts in) and the edition folder."""
    global _CACHE, _FOLDER
    _CACHE, _FOLDER = BuildCache(out), folder


def _read(item: tuple) -> tuple[list, list[Diagnostic]]:
    from .scan import read_file  # noqa: PLC0415

    return read_file(*item, _CACHE, _FOLDER)
