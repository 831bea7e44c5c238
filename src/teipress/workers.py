"""Building one text: the files each output of the build makes of it (its page,
its TEI copies, its PDF …: :mod:`teipress.outputs`), and the edition's pages.

A :class:`TextBuilder` holds what every text of a build shares (compiled
stylesheets, the parsed registers) and builds one text at a time from a
:class:`TextTask`. The build runs builders in a process pool, one per worker
(SaxonC gains nothing from threads), each compiling its stylesheets once; with
``--jobs 1`` or a handful of texts, one builder runs in the build's own process.
Both give the same bytes: the same code builds the same source document.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .config import Settings
from .document import file_of, load, require_tei
from .edition_document import EditionDocument
from .errors import Diagnostic, InputError, StylesheetError, TransformError
from .extract import edition_element, registers_element, text_element
from .images import confine
from .outputs import Output, TextJob, entry_stylesheets, linked, text_links
from .register_subset import RegisterSubsets
from .transform import Stylesheets
from .writers import PageJob
from .xml_ids import make_ids_unique


@dataclass(frozen=True)
class TextRef:
    """A text of the edition as a task names it: file, id, position (1-based) in the edition,
    and the path of its TEI copy in the output (Document.copy_name)."""

    path: str
    id: str
    position: int
    name: str = ""


@dataclass(frozen=True)
class TextTask:
    """Build the files of ``text`` that ``outputs`` (names) make, into ``staging``; ``linked``
    are the texts it links with, in edition order."""

    text: TextRef
    linked: tuple[TextRef, ...]
    staging: str
    outputs: tuple[str, ...]


@dataclass
class TextResult:
    """What building a text gave: files written (under the staging folder) by output name, its problems."""

    path: str
    written: dict[str, list[str]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unhandled: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class BuilderSetup:
    """What a builder needs to start: the stylesheets' folder, the register files (each with
    the path of its copy in the output), the settings, the outputs of the build."""

    stylesheet_root: str
    registers: tuple[tuple[str, str], ...]
    settings: Settings
    outputs: tuple[Output, ...]
    report_unhandled: bool = False
    # True when the build transforms texts only (no page or book is stale; archives are gathered from files).
    texts_only: bool = False

    def entries(self) -> tuple[str, ...] | None:
        """Give the entry stylesheets a builder compiles: those of the build's outputs, or of their
        texts only when the build makes nothing else (None: every one)."""
        return entry_stylesheets(self.outputs, self.texts_only)


@dataclass(frozen=True)
class PagesTask:
    """Write the edition pages ``jobs`` into ``staging`` from the edition document ``source``: its
    description (teipress.edition_document), or the file it is stored in."""

    source: EditionDocument | str
    jobs: tuple[PageJob, ...]
    staging: str


class TextBuilder:
    """Builds texts one at a time, and the edition's pages, with stylesheets compiled once."""

    def __init__(self, setup: BuilderSetup, stylesheets: Stylesheets | None = None):
        self.setup = setup
        # A worker's own stylesheets: only the entry stylesheets of the build's outputs are compiled.
        self.stylesheets = stylesheets or Stylesheets(setup.stylesheet_root, setup.entries())
        self.registers = RegisterSubsets([registers_element(_load(path, name, setup.settings.folder))
                                          for path, name in setup.registers])
        # The register files as the PDFs attach them.
        self.register_files = tuple((Path(path).name, Path(path).read_bytes()) for path, _ in setup.registers)
        self.outputs = {output.name: output for output in setup.outputs}
        self._linked = linked(setup.outputs)
        self._documents: dict[tuple, tuple] = {}  # parsed texts, see _parsed
        self._site: tuple[str, object] | None = None  # the edition document of the pages: (name, Saxon node)

    def pages(self, task: PagesTask) -> tuple[list[str], dict[str, set[str]]]:
        """Give the files written for a PagesTask and the elements the generic fallback rendered."""
        source = task.source
        name = source if isinstance(source, str) else source.name
        if self._site is None or self._site[0] != name:
            self._site = None  # the previous document is let go before the next is parsed
            node = (self.stylesheets.node_from_file(source) if isinstance(source, str)
                    else self.stylesheets.node_from_data(source.data()))
            self._site = (name, node)
        stylesheets = self.stylesheets
        stylesheets.report_unhandled, stylesheets.unhandled = self.setup.report_unhandled, {}
        try:
            # A job writes one page, or several files from one transformation (a list: the DTS API's collection).
            results = [job.run(stylesheets, self._site[1], Path(task.staging)) for job in task.jobs]
            written = [str(path) for result in results for path in (result if isinstance(result, list) else [result])]
            return written, stylesheets.unhandled
        finally:
            stylesheets.report_unhandled, stylesheets.unhandled = False, {}

    def _parsed(self, ref: TextRef):
        """Give a text parsed, its images confined (``@url`` rewritten to where the outputs hold
        each image), and the warnings of the images refused: from this builder's memory when the
        file is as it was (a text linked by many texts is parsed once per worker, not per text)."""
        try:
            stat = file_of(ref.path).stat()
        except OSError as exc:
            raise InputError([Diagnostic(ref.path, 1, 1, "error", f"cannot read the file: {exc.strerror}")]) from exc
        key = (ref.path, ref.name, stat.st_size, stat.st_mtime_ns)
        found = self._documents.pop(key, None)
        if found is None:
            document = _load(ref.path, ref.name, self.setup.settings.folder)
            found = (document, *confine(document, self.setup.settings.folder))
        self._documents[key] = found  # the most recently used last
        while len(self._documents) > _PARSED_KEPT:
            self._documents.pop(next(iter(self._documents)))
        return found

    def source(self, text: TextRef, document, linked) -> etree._Element:
        """Give the edition document of a text's page: the edition's settings, the
        register entries it needs (teipress.register_subset), and the text with the texts
        it links with (``linked``: pairs of TextRef and Document), each at its position."""
        edition = edition_element(self.setup.settings)
        edition.extend(self.registers.needed_by([document.root, *(doc.root for _, doc in linked)]))
        for ref, doc in sorted([(text, document), *linked], key=lambda pair: pair[0].position):
            links = text_links(self._linked, ref.id, doc.copy_name)
            edition.append(text_element(doc, ref.position, text_id=ref.id, links=links))
        return edition

    def build(self, task: TextTask) -> TextResult:
        """Give the result of building one text: its outputs are written into the task's staging folder.

        Whatever goes wrong with this text (a failing transformation, a layout too deep
        for the PDF, any other error but a stylesheet's own) is a diagnostic of the text:
        the other texts of the edition are built all the same."""
        result = TextResult(task.text.path)
        try:
            return self._build(task, result)
        except (StylesheetError, OSError):
            raise  # not this text's fault: the build stops and says why
        except Exception as exc:  # noqa: BLE001 - one text must not stop the build
            # What was written before the failure (its page, when its PDF failed) is kept, as for a TransformError.
            result.diagnostics.append(text_failure(task.text.path, exc))
            return result

    def _build(self, task: TextTask, result: TextResult) -> TextResult:
        try:
            document, images, warnings = self._parsed(task.text)
            require_tei(document)
        except InputError as exc:
            result.diagnostics.extend(exc.diagnostics)
            return result
        result.diagnostics.extend(warnings)
        linked = []
        for ref in task.linked:
            try:
                linked.append(self._parsed(ref)[0])  # its warnings are its own build's
            except InputError:
                linked.append(None)  # reported as that text's own failure
        source = self.source(task.text, document, [(ref, doc) for ref, doc in zip(task.linked, linked) if doc is not None])
        stylesheets = self.stylesheets
        stylesheets.report_unhandled, stylesheets.unhandled = self.setup.report_unhandled, {}
        job = TextJob(stylesheets, None, document, task.text.id, Path(task.staging), self.setup.settings,
                      tuple(images), self.register_files, result.diagnostics)
        try:
            job.node = stylesheets.node(source)
            for name in task.outputs:
                result.written[name] = [str(path) for path in self.outputs[name].build_text(job)]
        except StylesheetError:
            raise  # not this text's fault: the build stops
        except TransformError as exc:
            result.diagnostics.append(Diagnostic(task.text.path, 1, 1, "error", str(exc)))
        finally:
            result.unhandled = stylesheets.unhandled
            stylesheets.report_unhandled, stylesheets.unhandled = False, {}
        return result


def text_failure(path: str, exc: BaseException) -> Diagnostic:
    """Give the diagnostic of a text whose build failed with ``exc``: what happened, in a line."""
    if isinstance(exc, RecursionError):
        message = "the text is nested too deeply to be laid out; nothing of it was published"
    elif isinstance(exc, MemoryError):
        message = "the text needs more memory than there is to be built; nothing of it was published"
    else:
        detail = " ".join(str(exc).split()) or "no detail"
        message = f"the text could not be built ({type(exc).__name__}: {detail[:300]}); nothing of it was published"
    return Diagnostic(path, 1, 1, "error", message)


def _load(path: str, copy_name: str = "", folder: Path | None = None):
    """Give the document at ``path`` as the stylesheets see it: its xi:includes read from inside
    ``folder``, an xml:id given twice renamed in its later occurrences (the scan warned of it; the
    TEI copy keeps the file's)."""
    document = load(path, folder)
    document.assigned_copy = copy_name
    if document.duplicate_ids:
        make_ids_unique(document.root)
    return document


# How many parsed texts a builder keeps (the texts a text links with are mostly its neighbours).
_PARSED_KEPT = 32

# The builder of a pool worker process, made once by the pool's initializer.
_WORKER: TextBuilder | None = None
# How often a worker looks whether the build that started it is still there (seconds).
_PARENT_CHECK = 1.0
# prctl's option: the signal this process gets when the thread that started it ends (linux/prctl.h).
_PR_SET_PDEATHSIG = 1


def init_worker(setup: BuilderSetup) -> None:
    """Start a pool worker: compile nothing yet (on first use), parse the registers, and end
    this process when the build that started it is gone (killed with -9, it cannot say so)."""
    global _WORKER
    # The build's pid as the pool knew it: the build may already be gone when this runs.
    started_by = multiprocessing.parent_process()
    parent = started_by.pid if started_by is not None else os.getppid()
    _end_with_parent()

    def watch_parent() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch_parent, name="teipress-parent-watch", daemon=True).start()
    _WORKER = TextBuilder(setup)


def _end_with_parent() -> None:
    """On Linux, have the kernel end this process when the build's process ends.

    The thread of :func:`init_worker` that watches the parent cannot run while the worker is
    inside a transformation: saxonche holds the interpreter for the whole call (a Python thread
    ticked once in a 4.6 s transformation), and a set of entity pages of a large edition takes
    minutes. The pool's workers are started by the thread that submits the build's tasks, which
    lives as long as the pool (prctl's signal follows the thread that started the process)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # the watching thread remains


def build_in_worker(task: TextTask) -> TextResult:
    """Give the result of building ``task`` with this worker's builder."""
    assert _WORKER is not None, "init_worker was not called"
    return _WORKER.build(task)


def pages_in_worker(task: PagesTask) -> tuple[list[str], dict[str, set[str]]]:
    """Give the result of writing the pages of ``task`` with this worker's builder."""
    assert _WORKER is not None, "init_worker was not called"
    return _WORKER.pages(task)
