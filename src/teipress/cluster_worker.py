"""What runs on the workers of a Dask cluster (see :mod:`teipress.cluster`): each worker process
keeps the files shipped to it below a folder of its own (its mirror), compiles its stylesheets
once per set of layers, builds a text or writes pages there and sends back what it wrote."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Diagnostic, StylesheetError
from .transform import Stylesheets
from .workers import PagesTask, TextBuilder, TextResult, TextTask

if TYPE_CHECKING:
    from .cluster import Shipment, ShippedText

# One build at a time in a worker process: a worker may run several threads, and a
# builder's stylesheets (one Saxon processor) are not shared between threads.
_LOCK = threading.Lock()
_STYLESHEETS: dict[str, Stylesheets] = {}  # by the digest of the stylesheet layers
_BUILDER: dict[str, TextBuilder] = {}  # the builder of the last Shipment, by its digest
_HOME: list[Path] = []


def _home() -> Path:
    """Give this worker process's folder (made on first use, removed when the process ends)."""
    if not _HOME:
        _HOME.append(Path(tempfile.mkdtemp(prefix="teipress-worker-")).resolve())
        atexit.register(shutil.rmtree, _HOME[0], True)
    return _HOME[0]


def mirrored(root: Path, path: str | Path) -> Path:
    """Give where a worker keeps, below ``root``, the file at the absolute ``path`` of the build's machine."""
    return root.joinpath(*Path(path).parts[1:])


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _fresh(name: str) -> Path:
    """Give the empty folder ``name`` of this worker."""
    folder = _home() / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _stylesheets(shipped: Shipment) -> Stylesheets:
    """Give this worker's stylesheets of ``shipped``, compiled once per worker process (the
    override folder written below the worker's folder first)."""
    if shipped.layers not in _STYLESHEETS:
        mirror = _stylesheet_mirror(shipped)
        root = None
        if shipped.override_root:
            root = mirrored(mirror, shipped.override_root)
            for relative, data in shipped.overrides:
                _write(root / relative, data)
        _STYLESHEETS[shipped.layers] = Stylesheets(root)
    return _STYLESHEETS[shipped.layers]


def _builder(shipped: Shipment) -> TextBuilder:
    """Give this worker's builder of ``shipped``: the registers written into the worker's folder,
    the edition folder where the worker keeps the texts, the stylesheets compiled once."""
    if shipped.digest not in _BUILDER:
        _BUILDER.clear()  # an earlier build's (a watched edition's registers changed)
        stylesheets = _stylesheets(shipped)
        mirror = _home() / "registers" / shipped.digest[:16]
        registers = []
        for (path, data), (_, copy) in zip(shipped.registers, shipped.setup.registers):
            _write(mirrored(mirror, path), data)
            registers.append((str(mirrored(mirror, path)), copy))
        settings = replace(shipped.setup.settings, folder=mirrored(_home() / "texts", shipped.folder))
        setup = replace(shipped.setup, stylesheet_root=str(stylesheets.root), registers=tuple(registers),
                        settings=settings)
        _BUILDER[shipped.digest] = TextBuilder(setup, stylesheets)
    return _BUILDER[shipped.digest]


def _collect(staging: Path) -> dict[str, bytes]:
    """Give every file below ``staging`` by its relative path, with its bytes."""
    return {p.relative_to(staging).as_posix(): p.read_bytes() for p in sorted(staging.rglob("*")) if p.is_file()}


def _unmirrored(text: str, *mirrors: Path) -> str:
    """Give ``text`` with the worker's mirror folders taken out of its paths: the build's own paths."""
    for mirror in mirrors:
        text = text.replace(str(mirror), "")
    return text


def _stylesheet_mirror(shipped: Shipment) -> Path:
    """Give the folder below which this worker keeps the override folder of ``shipped``."""
    return _home() / "stylesheets" / shipped.layers[:16]


@contextmanager
def _as_built(shipped: Shipment):
    """Raise a stylesheet's error naming the override folder as the build knows it, not the worker's copy."""
    try:
        yield
    except StylesheetError as exc:
        raise StylesheetError(_unmirrored(str(exc), _stylesheet_mirror(shipped))) from None


def build_text(shipped: Shipment, text: ShippedText) -> tuple[TextResult, dict[str, bytes]]:
    """Give the result of building a shipped text on this worker and the files it wrote, by
    their path relative to the staging folder (run by a Dask worker)."""
    with _LOCK, _as_built(shipped):
        builder = _builder(shipped)
        sandbox = _fresh("texts")
        for path, data in text.files:
            _write(mirrored(sandbox, path), data)
        for named, target in text.links:
            link = mirrored(sandbox, named)
            if not link.exists() and not link.is_symlink():
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(mirrored(sandbox, target))
        staging = _fresh("staging")
        task = text.task
        here = TextTask(replace(task.text, path=str(mirrored(sandbox, text.paths[0]))),
                        tuple(replace(ref, path=str(mirrored(sandbox, p))) for ref, p in zip(task.linked, text.paths[1:])),
                        str(staging), task.outputs)
        result = builder.build(here)
        files = _collect(staging)
        shutil.rmtree(sandbox, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)

    def back(diagnostic: Diagnostic) -> Diagnostic:
        file = task.text.path if diagnostic.file == here.text.path else _unmirrored(diagnostic.file, sandbox)
        return replace(diagnostic, file=file, message=_unmirrored(diagnostic.message, sandbox))

    written = {name: [Path(p).relative_to(staging).as_posix() for p in paths] for name, paths in result.written.items()}
    return TextResult(task.text.path, written, [back(d) for d in result.diagnostics], result.unhandled), files


def write_pages(shipped: Shipment, document: bytes, name: str, jobs: tuple) -> tuple[dict[str, bytes], dict[str, set[str]]]:
    """Give the files of the page ``jobs`` written on this worker from the edition ``document``
    (named by its digest ``name``: parsed once per worker), and the elements rendered generically."""
    with _LOCK, _as_built(shipped):
        builder = _builder(shipped)
        source = _home() / "pages" / f"{name}.xml"
        if not source.is_file():
            shutil.rmtree(source.parent, ignore_errors=True)  # an earlier build's
            _write(source, document)
        staging = _fresh("staging")
        _, seen = builder.pages(PagesTask(str(source), jobs, str(staging)))
        files = _collect(staging)
        shutil.rmtree(staging, ignore_errors=True)
    return files, seen
