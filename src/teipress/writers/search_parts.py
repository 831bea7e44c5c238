"""The search index in parts: one Pagefind index per bucket of pages, merged in the browser.

Pages are grouped by kind (a text's page, another page of the edition) and by the language
their words are in, then each group is spread over buckets by a hash of the page's path
(a text's page is named after its id), so a page stays in its bucket from build to build.
A group of n pages has the smallest power of two of buckets whose square is at least n
(5 texts per bucket for 40 texts, ~31 for 1,000, ~78 for 10,000): a touched text costs the
indexing of its bucket, and a search in the browser loads a few dozen small indexes at most.

Each part is indexed by Pagefind with the language of its pages forced (an English text in
a German interface is stemmed as English), into the search cache, keyed by the hashes of
its pages: a part whose pages did not change is not indexed again, and its files are
published again as the very same files (hard links), untouched. Texts with witnesses get a
``witness`` part beside their bucket (:mod:`teipress.writers.search_witnesses`), whose records are
kept in the search cache by their page's hash: a touched text makes its own records only.

``parts.json`` lists the parts with their kind and language for the search page's script
(``xslt/html/assets/search/pagefind.js``), which merges them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..errors import TeipressError
from ..thread_guard import collected_here
from . import atomic_write
from .search_pages import Page
from .search_witnesses import witness_pages

PARTS_FOLDER = "parts"
PARTS_MANIFEST = "parts.json"
KEY_FILE = ".key"
# The folder of the search cache keeping the witnesses' records of each text page (by its hash).
WITNESS_RECORDS = "witness-records"
# Bump when the parts' files change shape for the same pages: every part is then indexed again.
FORMAT = 1
# Folders of a Pagefind bundle that hold the index's data.
DATA_FOLDERS = ("index", "fragment", "filter")
# Files of a bundle a merged part needs besides its data: the engine, loaded from it when the
# part is the first of its language (each language is searched by an engine of its own).
ENGINE_FILES = ("pagefind.js", "pagefind-worker.js")


class SearchIndexError(TeipressError):
    """Pagefind could not index the site."""


@dataclass(frozen=True)
class Part:
    """One index of the search: its name (its folder under ``pagefind/parts/``), kind, language, pages."""

    name: str
    kind: str  # "text", "page" or "witness"
    language: str
    pages: tuple[Page, ...]

    @property
    def key(self) -> str:
        """Give the key of what the part's index is made from: its pages' hashes, Pagefind's version."""
        return _digest(str(FORMAT), _pagefind_version(), self.name, self.kind, self.language,
                       *[f"{p.path}\0{p.digest}" for p in self.pages])


def bucket_count(pages: int) -> int:
    """Give the number of buckets of a group of ``pages`` pages: the smallest power of two whose square reaches it."""
    count = 1
    while count * count < pages:
        count *= 2
    return count


def bucket_of(path: str, buckets: int) -> int:
    """Give the bucket of the page at ``path`` (stable: a hash of the path, not Python's hash)."""
    return int(hashlib.sha256(path.encode("utf-8")).hexdigest()[:12], 16) % buckets


def plan_parts(pages: list[Page]) -> list[Part]:
    """Give the parts of the index of ``pages``, by name. As Pagefind does, only the pages that
    mark their body (data-pagefind-body) are indexed when any page does."""
    indexed = [p for p in pages if p.body] or pages
    groups: dict[tuple[str, str], list[Page]] = {}
    for page in indexed:
        groups.setdefault(("text" if page.text else "page", page.language), []).append(page)
    parts = []
    for (kind, language), members in groups.items():
        buckets: dict[int, list[Page]] = {}
        count = bucket_count(len(members))
        for page in members:
            buckets.setdefault(bucket_of(page.path, count), []).append(page)
        for number, bucket in buckets.items():
            parts.append(Part(f"{kind}-{language}-{number}", kind, language, tuple(bucket)))
            with_witnesses = tuple(p for p in bucket if p.witnesses)
            if with_witnesses:
                parts.append(Part(f"witness-{language}-{number}", "witness", language, with_witnesses))
    # No page at all: one empty part, which Pagefind refuses with its own message.
    return sorted(parts, key=lambda part: part.name) or [Part("page-unknown-0", "page", "unknown", ())]


def build_parts(site: Path, parts: list[Part], work: Path) -> list[str]:
    """Index the parts whose cached index (in ``work``) is not of their key; give their names."""
    for leftover in [*work.glob("scratch-*"), *work.glob("old-*")]:  # of a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    stale = [part for part in parts if _cached_key(work, part) != part.key]
    if stale:
        command = pagefind_command()
        with collected_here(), ThreadPoolExecutor(max_workers=max(1, min(len(stale), os.cpu_count() or 1, 4))) as pool:
            for future in [pool.submit(_build_part, command, site, part, work) for part in stale]:
                future.result()
    keep = {part.name for part in parts}
    for folder in (work / PARTS_FOLDER).glob("*") if (work / PARTS_FOLDER).is_dir() else ():
        if folder.name not in keep:
            shutil.rmtree(folder, ignore_errors=True)
    _forget_records(work, parts)
    return [part.name for part in stale]


def stage_parts(parts: list[Part], work: Path, target: Path, published: Path | None = None) -> list[Path]:
    """Put the parts' indexes, the engine and the interface of Pagefind and ``parts.json`` into
    the folder ``target`` (hard links to the cached files where possible); give the files. A file
    the index already published in the folder ``published`` is the very cached file (a hard
    link to it) is not staged but given where it is there: only the parts indexed again move."""
    files = []

    # Strings and os calls, not pathlib: an index of 1,000 texts has some 4,500 files, looked at by every build.
    def stage(path: str, relative: str) -> None:
        there = os.path.join(published, relative) if published is not None else None
        files.append(Path(there) if there is not None and _same_file(path, there) else _link(Path(path), target / relative))

    for part in parts:
        source = os.path.join(work, PARTS_FOLDER, part.name)
        engines = _engines(Path(source))
        for relative in _files_below(source):
            if _is_part_file(relative, engines):
                stage(os.path.join(source, relative), f"{PARTS_FOLDER}/{part.name}/{relative}")
    if parts:  # Pagefind's interface and engine (the same in every bundle), for the search page
        first = os.path.join(work, PARTS_FOLDER, parts[0].name)
        for name in sorted(os.listdir(first)):
            if name.endswith((".js", ".css")) and os.path.isfile(os.path.join(first, name)):
                stage(os.path.join(first, name), name)
    manifest = {"format": FORMAT, "parts": [
        {"path": f"{PARTS_FOLDER}/{part.name}/", "kind": part.kind, "language": part.language} for part in parts]}
    # Kept in the cache and published as the same file while the list does not change.
    text, kept = json.dumps(manifest, indent=1) + "\n", work / PARTS_MANIFEST
    if not kept.is_file() or kept.read_text(encoding="utf-8") != text:
        atomic_write(kept, text)
    stage(str(kept), PARTS_MANIFEST)
    return files


def _same_file(path: str, other: str) -> bool:
    """True when ``other`` is ``path`` itself (a hard link to it), not a copy or a file since replaced."""
    try:
        there = os.lstat(other)
        return not stat.S_ISLNK(there.st_mode) and os.path.samestat(os.stat(path), there)
    except OSError:
        return False


def _files_below(folder: str) -> list[str]:
    """Give the files under ``folder`` as ``/``-separated paths relative to it, sorted."""
    found = []
    for here, dirs, names in os.walk(folder):
        dirs.sort()
        prefix = os.path.relpath(here, folder).replace(os.sep, "/")
        found += [name if prefix == "." else f"{prefix}/{name}" for name in sorted(names)]
    return found


def pagefind_command() -> list[str]:
    """Give the command that runs Pagefind: its binary (from PyPI's pagefind-bin), else ``python -m pagefind``."""
    try:
        from pagefind.service import get_executable
        executable = get_executable()
    except ImportError:
        executable = None
    return [str(executable)] if executable else [sys.executable, "-m", "pagefind"]


def _build_part(command: list[str], site: Path, part: Part, work: Path) -> None:
    scratch = work / f"scratch-{part.name}"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        pages = scratch / "site"
        _gather(site, part, pages, work)
        bundle = scratch / "bundle"
        arguments = ["--site", str(pages), "--output-path", str(bundle), "--silent"]
        if part.language != "unknown":
            arguments += ["--force-language", part.language]
        _run(command + arguments, part)
        atomic_write(bundle / KEY_FILE, part.key)
        final = work / PARTS_FOLDER / part.name
        final.parent.mkdir(parents=True, exist_ok=True)
        old = work / f"old-{part.name}"
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            final.rename(old)
        bundle.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _gather(site: Path, part: Part, pages: Path, work: Path) -> None:
    """Put the part's pages (the witnesses' pages made from them, for a witness part) into ``pages``."""
    for page in part.pages:
        source = site / page.path
        if part.kind == "witness":
            for name, data in _witness_records(site, page, work):
                atomic_write(pages / name, data)
        else:
            _link(source, pages / page.path)


def _witness_records(site: Path, page: Page, work: Path) -> list[tuple[str, bytes]]:
    """Give the records of ``page``'s witnesses (teipress.writers.search_witnesses): kept in the
    search cache by the page's path and hash, so that a bucket indexed again for one touched text
    makes the records of that text only; made from the page and kept when they are not there."""
    kept = work / WITNESS_RECORDS / _record_file(page)
    try:
        return [(name, text.encode("utf-8")) for name, text in json.loads(gzip.decompress(kept.read_bytes()))]
    except (OSError, ValueError, TypeError, EOFError, zlib.error):
        pass  # not made yet, or damaged: made again
    records = witness_pages(page.path, (site / page.path).read_bytes())
    data = json.dumps([(name, html.decode("utf-8")) for name, html in records], ensure_ascii=False)
    # The fastest compression: a quarter of the size (17 of 74 KB for a letter's two), in half a millisecond.
    atomic_write(kept, gzip.compress(data.encode("utf-8"), compresslevel=1, mtime=0))
    return records


def _record_file(page: Page) -> str:
    return f"{_digest(str(FORMAT), page.path, page.digest)}.json.gz"


def _forget_records(work: Path, parts: list[Part]) -> None:
    """Remove the kept witness records of pages no longer in the site as they were."""
    folder = work / WITNESS_RECORDS
    if not folder.is_dir():
        return
    wanted = {_record_file(page) for part in parts if part.kind == "witness" for page in part.pages}
    for name in os.listdir(folder):
        if name not in wanted:
            (folder / name).unlink(missing_ok=True)


def _run(command: list[str], part: Part) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SearchIndexError(f"the search index was not built: {exc}") from exc
    if result.returncode != 0:
        message = (result.stderr or result.stdout or "").strip()
        raise SearchIndexError(f"pagefind failed ({result.returncode}) on the part {part.name} of the search "
                               f"index: {message}")


def _is_part_file(relative: str, engines: set[str]) -> bool:
    """True for the files of a bundle a merged part needs (its data, its entry, its language's
    engine); ``relative`` is ``/``-separated, relative to the bundle."""
    first, _, rest = relative.partition("/")
    if rest:
        return first in DATA_FOLDERS
    return relative == "pagefind-entry.json" or relative.endswith(".pf_meta") or relative in ENGINE_FILES or relative in engines


def _engines(bundle: Path) -> set[str]:
    """Give the WebAssembly files of the languages a bundle's entry names (not the other languages')."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return {f"wasm.{language.get('wasm') or 'unknown'}.pagefind" for language in entry["languages"].values()}
    except (OSError, ValueError, KeyError, AttributeError):
        return {path.name for path in bundle.glob("wasm.*.pagefind")}


def _link(source: Path, target: Path) -> Path:
    """Make ``target`` the file ``source`` (a hard link, else a copy keeping its times); give it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target


def _cached_key(work: Path, part: Part) -> str:
    try:
        return (work / PARTS_FOLDER / part.name / KEY_FILE).read_text(encoding="utf-8")
    except OSError:
        return ""


def _pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return ""


def _digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8"))
        hasher.update(b"\n")
    return hasher.hexdigest()
