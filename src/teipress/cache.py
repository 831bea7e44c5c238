"""The build cache: what the last build of an output folder was made from.

For every input file the cache keeps its content hash and what a build needs
to know of it without parsing it (kind, id, order, the files it points into);
for every unit of output (a text's page, the edition's pages, the search
index, the PDF volume …) the key of its inputs and the size and modification
time of each file it wrote. A unit is rebuilt when its key changed or one of
its files is missing or was changed since; the key covers the input files'
contents, the stylesheets, the settings and the teipress version, so a cache
can make a build skip work but never keep a stale file.

The cache also lists every file teipress published into the output folder
(:attr:`BuildCache.written`): the only files a build may replace or remove
there (:mod:`teipress.publish`). ``--force`` forgets what was built, not what
was written.

The cache lives beside the output folder (``.teipress-cache/<out>/``), not
inside it: it is not published with the site. Its folder also holds the build's
lock and staging folders.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field, fields
from pathlib import Path

from . import __version__
from .extract import EXTRACT_VERSION, digest
from .writers import atomic_write

CACHE_FOLDER = ".teipress-cache"
MANIFEST = "manifest.json"
# Bump when the manifest's layout changes: an older manifest is then ignored
# (but for the files it says teipress wrote).
FORMAT = 7


def cache_dir(out: str | Path) -> Path:
    """Give the cache folder of the output folder ``out``."""
    out = Path(out).resolve()
    return out.parent / CACHE_FOLDER / out.name


def file_hash(path: Path) -> str:
    """Give the SHA-256 hex digest of a file's bytes, read in chunks."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def tree_fingerprint(root: Path) -> str:
    """Give one digest of every file under ``root`` (names and contents): the stylesheets' fingerprint."""
    parts: list[bytes | str] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        parts += [path.relative_to(root).as_posix(), file_hash(path)]
    return digest(*parts)


def build_fingerprint(stylesheet_layers: list[Path], settings_repr: str) -> str:
    """Give the digest of what every output depends on besides the inputs:
    teipress's version, the extract rule, the stylesheets (every folder of their
    layers: teipress's own and an edition's overrides) and the settings."""
    return digest(__version__, EXTRACT_VERSION, str(FORMAT), *map(tree_fingerprint, stylesheet_layers), settings_repr)


@dataclass
class SourceInfo:
    """What the cache knows of an input file that parsed as TEI."""

    hash: str
    kind: str  # "text", "introduction", "register" or "other" (corpus.kind_of)
    id: str  # TEI/@xml:id or the file's stem
    n: str  # TEI/@n (the texts' order)
    # Files it points into: name -> [line, column, attribute, count] of the first pointer.
    pointers: dict[str, list] = field(default_factory=dict)
    line: int = 1  # the line of its root element (where a warning about its id points)
    extract: str = ""  # a text's extract: the digest it is stored under (BuildCache.extract_path)
    # The files its xi:includes read or looked for (resolved paths): ``hash`` covers them too.
    includes: list[str] = field(default_factory=list)
    date: str = ""  # a letter's date of sending (corpus.sent_date): the order of letters
    neighbours: list[str] = field(default_factory=list)  # a letter's correspContext targets, as written
    # What a text's extract names and dates (teipress.kwic): which entity pages and years of the
    # chronology depend on it (teipress.entity_units).
    names: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    # The digest of its extract without the mentions' contexts, stored as the extract is: the key
    # and the source of the pages that quote none.
    shape: str = ""
    # By id it names, the digest of its mentions' contexts (teipress.kwic.context_digests): with
    # the shape, the key of that entity's page.
    contexts: dict[str, str] = field(default_factory=dict)
    # The ids a letter's correspAction elements name (corpus.correspondents): whose pages list it.
    correspondents: list[str] = field(default_factory=list)

    def check(self) -> None:
        """Raise TypeError when a field read from a manifest has the wrong type."""
        for name in ("hash", "kind", "id", "n", "extract", "date", "shape"):
            _text(getattr(self, name))
        for name in ("includes", "neighbours", "names", "years", "correspondents"):
            if not isinstance(getattr(self, name), list) or not all(isinstance(p, str) for p in getattr(self, name)):
                raise TypeError(f"{name}: expected a list of strings")
        if not isinstance(self.contexts, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                          for k, v in self.contexts.items()):
            raise TypeError("contexts: expected a mapping of strings")
        if not isinstance(self.line, int) or isinstance(self.line, bool):
            raise TypeError("line: expected a number")
        for name, pointer in _items(self.pointers):
            if not (isinstance(pointer, list) and len(pointer) == 4 and isinstance(pointer[2], str)
                    and all(isinstance(pointer[i], int) and not isinstance(pointer[i], bool) for i in (0, 1, 3))):
                raise TypeError(f"pointers of {name}: expected [line, column, attribute, count]")


@dataclass
class Unit:
    """One unit of output: the key of its inputs and the files it wrote (path -> [size, mtime_ns])."""

    key: str
    files: dict[str, list[int]] = field(default_factory=dict)

    def check(self) -> None:
        """Raise TypeError when a field read from a manifest has the wrong type."""
        _text(self.key)
        for path, stat in _items(self.files):
            if not (_safe_relative(_text(path)) and _stat_pair(stat)):
                raise TypeError(f"files: {path!r}: expected a relative path and [size, mtime]")


def _as_json(record) -> dict:
    """Give the fields of a SourceInfo or a Unit as they are written to the manifest: as they
    are (strings, numbers, lists and mappings of them), not copied as dataclasses.asdict copies
    them (a build saves the manifest up to three times, thousands of records each)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


class BuildCache:
    """The cache of one output folder: read at the start of a build, written at its end."""

    def __init__(self, out: str | Path):
        self.out = Path(out)
        self.folder = cache_dir(out)
        self.sources: dict[str, SourceInfo] = {}  # by resolved path
        self.units: dict[str, Unit] = {}  # by unit name ("text:<name>", "site", "search" …)
        self.fingerprint = ""
        # Every file teipress published into the output: path -> [size, mtime_ns] as written.
        self.written: dict[str, list[int]] = {}
        self.problem = ""  # why the manifest could not be used, when it could not

    @classmethod
    def load(cls, out: str | Path) -> "BuildCache":
        """Give the cache of ``out`` as the last build left it (empty when there is none or it is
        unreadable; then :attr:`problem` says why). Whatever the state of the manifest, the
        files it says teipress wrote are kept, as far as they can be read."""
        cache = cls(out)
        path = cache.folder / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cache
        except (OSError, ValueError) as exc:
            cache.problem = f"{path}: the build cache cannot be read ({exc}); everything is built again"
            return cache
        cache.written = _written_of(data)
        try:
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                return cache  # another version's cache: build everything
            if not isinstance(data["fingerprint"], str):
                raise TypeError("fingerprint")
            sources = {_text(path_): SourceInfo(**_fields(info, SourceInfo)) for path_, info in _items(data["sources"])}
            units = {_text(name): Unit(**_fields(unit, Unit)) for name, unit in _items(data["units"])}
            for info in sources.values():
                info.check()
            for unit in units.values():
                unit.check()
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            cache.problem = (f"{path}: the build cache is damaged ({type(exc).__name__}: {exc}); "
                             "everything is built again")
            return cache
        # Sources read under another extract rule (teipress.extract.EXTRACT_VERSION) are read again: a
        # changed stylesheet or setting keeps them (only the units go), a changed rule must not.
        if data.get("extract-version") != EXTRACT_VERSION:
            sources = {}
        cache.fingerprint, cache.sources, cache.units = data["fingerprint"], sources, units
        return cache

    def save(self) -> None:
        """Write the manifest (atomically: a build interrupted while saving leaves the old one)."""
        data = {"format": FORMAT, "extract-version": EXTRACT_VERSION, "fingerprint": self.fingerprint,
                "sources": {path: _as_json(info) for path, info in sorted(self.sources.items())},
                "units": {name: _as_json(unit) for name, unit in sorted(self.units.items())},
                "written": dict(sorted(self.written.items()))}
        atomic_write(self.folder / MANIFEST, json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    def clear(self) -> None:
        """Forget what was built (``--force``): the sources, the units and the stored extracts;
        not the files teipress wrote, nor the build's lock."""
        (self.folder / MANIFEST).unlink(missing_ok=True)
        shutil.rmtree(self.folder / "extracts", ignore_errors=True)
        self.sources, self.units, self.fingerprint = {}, {}, ""

    def prune_extracts(self) -> None:
        """Remove the stored extracts no source of the manifest uses (of texts since edited or removed)."""
        used = {digest for info in self.sources.values() for digest in (info.extract, info.shape) if digest}
        folder = self.folder / "extracts"
        if folder.is_dir():
            for path in folder.glob("*.xml"):
                if path.stem not in used:
                    path.unlink(missing_ok=True)

    def is_current(self, name: str, key: str) -> bool:
        """True when unit ``name`` was built from ``key`` and its files are in the output as it wrote them."""
        unit = self.units.get(name)
        if unit is None or unit.key != key:
            return False
        for relative, (size, mtime) in unit.files.items():
            try:
                stat = os.lstat(self.out / relative)
            except OSError:
                return False
            if stat.st_size != size or stat.st_mtime_ns != mtime:
                return False
        return True

    def record(self, name: str, key: str, files: list[Path], root: Path) -> None:
        """Remember that unit ``name`` was built from ``key`` into ``files`` (paths under ``root``)."""
        stats = {}
        for path in files:
            stat = os.stat(path)
            stats[path.relative_to(root).as_posix()] = [stat.st_size, stat.st_mtime_ns]
        self.units[name] = Unit(key, stats)

    def published(self, files: list[str]) -> None:
        """Note that ``files`` (paths relative to the output) were just published: teipress wrote
        them, as they are now (their units' records follow: a move across file systems may
        change a time stamp's precision)."""
        stats = {}
        for relative in files:
            try:
                stat = os.lstat(self.out / relative)
            except OSError:
                continue
            stats[relative] = [stat.st_size, stat.st_mtime_ns]
        self.written.update(stats)
        for unit in self.units.values():
            for relative in unit.files.keys() & stats.keys():
                unit.files[relative] = stats[relative]

    def forget_written(self, files: list[str]) -> None:
        """Note that ``files`` were removed from the output."""
        for relative in files:
            self.written.pop(relative, None)

    def extract_path(self, extract: str) -> Path:
        """Give where the extract with digest ``extract`` is stored."""
        return self.folder / "extracts" / f"{extract}.xml"

    def store_extract(self, extract: str, data: bytes) -> None:
        """Store the extract ``data`` whose digest is ``extract``, unless it is stored already."""
        if not self.has_extract(extract):
            atomic_write(self.extract_path(extract), data)

    def has_extract(self, extract: str) -> bool:
        """True when the extract ``extract`` is stored and its bytes still have that digest
        (an extract edited or damaged behind the cache is made again from its text)."""
        try:
            return bool(extract) and digest(self.extract_path(extract).read_bytes()) == extract
        except OSError:
            return False


def _items(value) -> list:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, found {type(value).__name__}")
    return list(value.items())


def _text(value) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, found {type(value).__name__}")
    return value


def _fields(value, kind) -> dict:
    if not isinstance(value, dict):
        raise TypeError(f"{kind.__name__}: expected an object, found {type(value).__name__}")
    return value


def _stat_pair(value) -> bool:
    return (isinstance(value, list) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value))


def _written_of(data) -> dict[str, list[int]]:
    """Give the files a manifest says teipress wrote, skipping what is not well formed:
    its ``written`` list, and (from a manifest of the first format) its units' files."""
    found: dict[str, list[int]] = {}
    if not isinstance(data, dict):
        return found
    pools = [data.get("written")]
    units = data.get("units")
    if isinstance(units, dict):
        pools += [unit.get("files") for unit in units.values() if isinstance(unit, dict)]
    for pool in pools:
        if isinstance(pool, dict):
            found.update({path: stat for path, stat in pool.items()
                          if isinstance(path, str) and _safe_relative(path) and _stat_pair(stat)})
    return found


def _safe_relative(path: str) -> bool:
    """True for a relative path that stays inside the folder it is relative to (the manifest's
    paths are POSIX; read as strings: a manifest names thousands of files, each read at every build)."""
    parts = [part for part in path.split("/") if part not in ("", ".")]
    return bool(parts) and not path.startswith("/") and ".." not in parts
