"""Building on a Dask cluster (``teipress build --scheduler tcp://HOST:PORT``): the texts and
the edition's pages run on the cluster's workers, which share no file system with the build.

What travels, as bytes:

- once per worker (scattered to every worker): the build's setup, the register files and the
  files of the edition's override folder (``[build] stylesheets``); a worker process writes
  them into a folder of its own and compiles its stylesheets once (kept by the digest of the
  stylesheet layers, so a changed register does not compile them again);
- with each text: its bytes, those of the texts it links with, of the files they include
  (xi:include) and of the images it shows;
- once per build: the edition document of the pages (scattered); each page job is a task.

A worker builds into a temporary folder of its own and sends back every file it wrote; the
build writes them into its staging folder, which is published as a local build's is.

A worker keeps each file at the absolute path the file has on the build's machine below a
folder of its own (its *mirror*), so the code that resolves a text's images against the
edition folder (:mod:`teipress.images`) runs there unchanged and decides as it would here;
the paths in the worker's diagnostics are mapped back. The worker's own teipress (the same
version) brings teipress's stylesheets and the outputs, entry-point outputs included.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .document import TEI_NS, load
from .cluster_worker import build_text, write_pages
from .edition_document import EditionDocument
from .errors import InputError, StylesheetError, UsageError
from .execute import Executor
from .extract import digest
from .images import Image, resolve
from .transform import Stylesheets, stylesheet_layers
from .workers import BuilderSetup, TextResult, TextTask, text_failure
from .writers import PageJob, atomic_write
from .xinclude import XI_NS

# Seconds to wait for the scheduler before saying it cannot be reached (a refused
# connection is retried until then: a scheduler may be starting).
CONNECT_TIMEOUT = 10.0
# Texts in flight per worker thread: enough to keep every worker busy while the build writes
# what came back, few enough that the build does not hold every text's bytes at once.
_IN_FLIGHT_PER_THREAD = 4


def _distributed():
    """Give Dask's ``distributed`` module, or say how to install it."""
    try:
        import distributed
    except ImportError as exc:
        raise UsageError("--scheduler needs Dask's distributed package, which is not installed: "
                         "pip install 'teipress[dask]'") from exc
    return distributed


def connect(address: str):
    """Give a Dask client connected to the scheduler at ``address``, or raise UsageError saying why not."""
    distributed = _distributed()
    # distributed logs every failed attempt to connect; the one line below says it all.
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        return distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {detail}") from exc
    finally:
        quiet.setLevel(level)


@dataclass(frozen=True)
class Shipment:
    """What every worker of a build needs, sent once: the setup as the build has it, the edition
    folder and the register files (absolute paths on the build's machine, with their bytes), the
    override folder (its absolute path; its files by relative path) and the digests that name them."""

    setup: BuilderSetup
    folder: str
    registers: tuple[tuple[str, bytes], ...]
    override_root: str
    overrides: tuple[tuple[str, bytes], ...]
    layers: str  # digest of the stylesheets: teipress's version, the override folder's path and files
    digest: str  # digest of everything above


@dataclass(frozen=True)
class ShippedText:
    """A text task with the files it reads: ``paths`` are the absolute paths of the text and of
    each text it links with (in the task's order); ``files`` every file by absolute path with its
    bytes (an image the build does not read is sent empty: only its existence counts); ``links``
    the paths by which a text names a file that is a symbolic link elsewhere, with where they lead."""

    task: TextTask
    paths: tuple[str, ...]
    files: tuple[tuple[str, bytes], ...]
    links: tuple[tuple[str, str], ...]


def shipment(setup: BuilderSetup) -> Shipment:
    """Give the Shipment of ``setup``: read the register files and the override folder."""
    from . import __version__

    folder = str(Path(setup.settings.folder).resolve())
    registers = tuple((str(Path(path).resolve()), Path(path).read_bytes()) for path, _ in setup.registers)
    layers = stylesheet_layers(setup.stylesheet_root)
    override_root, overrides = "", ()
    if len(layers) > 1:
        root = layers[-1].resolve()
        override_root = str(root)
        overrides = tuple((p.relative_to(root).as_posix(), p.read_bytes()) for p in sorted(root.rglob("*")) if p.is_file())
    # The folder's path counts too: a stylesheet's error names it, and the PDFs' assets are found there.
    layer_digest = digest(__version__, override_root, *[part for name, data in overrides for part in (name, data)])
    whole = digest(layer_digest, repr(setup), folder, override_root, *[p for path, data in registers for p in (path, data)])
    return Shipment(setup, folder, registers, override_root, overrides, layer_digest, whole)


def ship(task: TextTask, folder: Path, images: dict[str, list[tuple[str, str, bool]]]) -> ShippedText:
    """Give ``task`` with the files it reads: the text and the texts it links with, and the image
    files they name (``images``: a cache of :func:`named_images` by path, filled here)."""
    files: dict[str, bytes] = {}
    links: dict[str, str] = {}
    paths = []
    for number, ref in enumerate((task.text, *task.linked)):
        real = Path(ref.path).resolve()
        paths.append(str(real))
        try:
            files[str(real)] = real.read_bytes()
        except OSError:
            pass  # gone since the scan: the worker reports it missing, as a local build would
        if ref.path not in images:
            images[ref.path] = named_images(ref.path, folder)
        files.update(included_files(ref.path, folder, files.get(str(real), b"")))
        for named, target, needed in images[ref.path]:
            if needed and number == 0:
                files[target] = Path(target).read_bytes()
            else:
                files.setdefault(target, b"")  # a linked text's images are only resolved, never read
            if named != target:
                links[named] = target
    return ShippedText(task, tuple(paths), tuple(files.items()), tuple(links.items()))


def included_files(path: str, folder: Path, data: bytes) -> dict[str, bytes]:
    """Give the files the xi:includes of the text at ``path`` (whose bytes are ``data``) read, by
    resolved path with their bytes; a missing one is left out (the worker warns of it)."""
    if XI_NS.encode() not in data:
        return {}  # most texts include nothing: not parsed again
    try:
        return {str(p): p.read_bytes() for p in load(path, folder).included if p.is_file()}
    except (InputError, OSError):
        return {}  # the worker reports it, as a local build would


def named_images(path: str, folder: Path) -> list[tuple[str, str, bool]]:
    """Give the files the ``graphic/@url`` of the text at ``path`` name: for each, the path it is
    named by, the file it is (symbolic links followed) and whether the build reads it (an image
    of the edition); a file refused for its type is listed too, as the worker must see it exist."""
    try:
        document = load(path, folder)
    except InputError:
        return []  # the worker reports it, as a local build would
    found = []
    base = Path(path).resolve().parent
    for graphic in document.root.iter(f"{{{TEI_NS}}}graphic"):
        url = graphic.get("url")
        if url is None:
            continue
        # Where images.resolve looks for the file the url names (the same steps).
        named = Path(os.path.normpath(base / unquote(url.strip().split("#", 1)[0].split("?", 1)[0])))
        target = named.resolve()
        if target.is_file():
            found.append((str(named), str(target), isinstance(resolve(url, Path(path), folder), Image)))
    return found


class DaskExecutor(Executor):
    """Builds the texts and the edition's pages on a Dask cluster; the rest (books, static files)
    in this process, as :class:`Executor` does."""

    def __init__(self, setup: BuilderSetup, stylesheets: Stylesheets | None, address: str):
        super().__init__(setup, stylesheets, processes=1)
        self.address = address
        self.client = connect(address)
        self.workers = sum(self.client.nthreads().values()) or 1
        self._shipment = None
        self._images: dict[str, list[tuple[str, str, bool]]] = {}

    def _scattered(self):
        """Give the future of the build's Shipment, sent to every worker once."""
        if self._shipment is None:
            self._shipment = self.client.scatter(shipment(self.setup), broadcast=True, hash=False)
        return self._shipment

    def texts(self, tasks: list[TextTask]):
        """Yield the result of each task, in the order they finish, its files written into its staging folder."""
        distributed = _distributed()
        setup = self._scattered()
        folder = Path(self.setup.settings.folder).resolve()
        waiting = iter(tasks)
        running: dict = {}
        finished = distributed.as_completed(loop=self.client.loop)
        threads = sum(self.client.nthreads().values()) or 1

        def submit() -> None:
            task = next(waiting, None)
            if task is not None:
                future = self.client.submit(build_text, setup, ship(task, folder, self._images), pure=False)
                running[future] = task
                finished.add(future)

        try:
            for _ in range(max(threads * _IN_FLIGHT_PER_THREAD, 1)):
                submit()
            for future in finished:
                task = running.pop(future)
                try:
                    result, files = future.result()
                except (StylesheetError, OSError):
                    raise
                except Exception as exc:  # noqa: BLE001 - a worker lost, a result that did not come back: this text failed
                    result, files = TextResult(task.text.path, diagnostics=[text_failure(task.text.path, exc)]), {}
                staging = Path(task.staging)
                for relative, data in files.items():
                    atomic_write(staging / relative, data)
                result.written = {name: [str(staging / p) for p in paths] for name, paths in result.written.items()}
                submit()
                yield result
        finally:
            if running:
                self.client.cancel(list(running))

    def pages(self, jobs: list[tuple[EditionDocument, PageJob]], staging: Path) -> tuple[list[list[Path]], dict[str, set[str]]]:
        """Give the files written for each of the page ``jobs`` (in their order; each with the edition
        document it is made from), and the elements the generic fallback rendered. The cluster's
        workers share no file system with the build: each document is assembled here and sent once."""
        setup = self._scattered()
        sent: dict[str, tuple] = {}
        for document in {document.name: document for document, _ in jobs}.values():
            data = document.data()
            sent[document.name] = (self.client.scatter(data, hash=False), digest(data))
        futures = [self.client.submit(write_pages, setup, *sent[document.name], (job.resolved(),), pure=False)
                   for document, job in jobs]
        written: list[list[Path]] = []
        unhandled: dict[str, set[str]] = {}
        try:
            for files, seen in self.client.gather(futures):
                written.append(sorted(atomic_write(staging / relative, content) for relative, content in files.items()))
                for name, where in seen.items():
                    unhandled.setdefault(name, set()).update(where)
        finally:
            self.client.cancel(futures)
        return written, unhandled

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster itself goes on)."""
        super().close()
        self.client.close()
