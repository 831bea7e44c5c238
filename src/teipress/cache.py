"""The build cache: what the last build of an output folder was made from.

For every input file the cache keeps its content hash and what a build needs
to know of it without parsing it (kind, id, order, the files it points into);
for every unit of output (a text's page, the edition's pages, the search
index, the PDF volume …) the key of its inputs and the size and modification
time of each file it wrote. A unit is rebuilt when its key changed or one of
its files is missing or was changed since; the key covers the input files'
contents, the stylesheets, the settings and the teipress version, so a cache
can make a build skip work but never keep a stale file.

The cache lives beside the output folder (``.teipress-cache/<out>/``), not
inside it: it is not published with the site.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import __version__
from .extract import EXTRACT_VERSION, digest
from .writers import atomic_write

CACHE_FOLDER = ".teipress-cache"
MANIFEST = "manifest.json"
# Bump when the manifest's layout changes: an older manifest is then ignored.
FORMAT = 1


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


def build_fingerprint(stylesheet_root: Path, settings_repr: str) -> str:
    """Give the digest of what every output depends on besides the inputs:
    teipress's version, the extract rule, the stylesheets and the settings."""
    return digest(__version__, EXTRACT_VERSION, str(FORMAT), tree_fingerprint(stylesheet_root), settings_repr)


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


@dataclass
class Unit:
    """One unit of output: the key of its inputs and the files it wrote (path -> [size, mtime_ns])."""

    key: str
    files: dict[str, list[int]] = field(default_factory=dict)


class BuildCache:
    """The cache of one output folder: read at the start of a build, written at its end."""

    def __init__(self, out: str | Path):
        self.out = Path(out)
        self.folder = cache_dir(out)
        self.sources: dict[str, SourceInfo] = {}  # by resolved path
        self.units: dict[str, Unit] = {}  # by unit name ("text:<name>", "site", "search" …)
        self.fingerprint = ""

    @classmethod
    def load(cls, out: str | Path) -> "BuildCache":
        """Give the cache of ``out`` as the last build left it (empty when there is none or it is unreadable)."""
        cache = cls(out)
        try:
            data = json.loads((cache.folder / MANIFEST).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return cache
            cache.fingerprint = data["fingerprint"]
            cache.sources = {path: SourceInfo(**info) for path, info in data["sources"].items()}
            cache.units = {name: Unit(**unit) for name, unit in data["units"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            return cls(out)  # no cache, or one this version cannot read: build everything
        return cache

    def save(self) -> None:
        """Write the manifest (atomically: a build interrupted while saving leaves the old one)."""
        data = {"format": FORMAT, "fingerprint": self.fingerprint,
                "sources": {path: asdict(info) for path, info in sorted(self.sources.items())},
                "units": {name: asdict(unit) for name, unit in sorted(self.units.items())}}
        atomic_write(self.folder / MANIFEST, json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    def clear(self) -> None:
        """Forget everything (``--force``): the manifest and the stored extracts."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.sources, self.units, self.fingerprint = {}, {}, ""

    def prune_extracts(self) -> None:
        """Remove the stored extracts no source of the manifest uses (of texts since edited or removed)."""
        used = {info.extract for info in self.sources.values() if info.extract}
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
                stat = os.stat(self.out / relative)
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

    def extract_path(self, extract: str) -> Path:
        """Give where the extract with digest ``extract`` is stored."""
        return self.folder / "extracts" / f"{extract}.xml"
