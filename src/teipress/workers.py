"""Building one text: its HTML page, its TEI copy, its PDF and its extract.

A :class:`TextBuilder` holds what every text of a build shares (compiled
stylesheets, the parsed registers) and builds one text at a time from a
:class:`TextTask`. The build runs builders in a process pool, one per worker
(SaxonC gains nothing from threads), each compiling its stylesheets once; with
``--jobs 1`` or a handful of texts, one builder runs in the build's own process.
Both give the same bytes: the same code builds the same source document.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .config import Settings
from .document import load, require_tei
from .errors import Diagnostic, InputError, StylesheetError, TransformError
from .images import confine, remote_warnings
from .extract import edition_element, output_names, registers_element, serialize, text_element, text_extract
from .transform import Stylesheets
from .writers import PageJob, atomic_write

TEXT_STYLESHEET = "html/html.xsl"
PRINT_STYLESHEET = "print/print.xsl"


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
    """Build ``text`` (with ``linked``, the texts it links with, in edition order) into ``staging``."""

    text: TextRef
    linked: tuple[TextRef, ...]
    staging: str
    html: bool
    pdf: bool


@dataclass
class TextResult:
    """What building a text gave: files written (under the staging folder), its extract, its problems."""

    path: str
    written: list[str] = field(default_factory=list)
    extract: bytes = b""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unhandled: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class BuilderSetup:
    """What a builder needs to start: the stylesheets' folder, the register files (each with
    the path of its copy in the output), the settings."""

    stylesheet_root: str
    registers: tuple[tuple[str, str], ...]
    settings: Settings
    report_unhandled: bool = False


@dataclass(frozen=True)
class PagesTask:
    """Write the edition pages ``jobs`` into ``staging`` from the edition document stored at ``source``."""

    source: str
    jobs: tuple[PageJob, ...]
    staging: str


class TextBuilder:
    """Builds texts one at a time, and the edition's pages, with stylesheets compiled once."""

    def __init__(self, setup: BuilderSetup, stylesheets: Stylesheets | None = None):
        self.setup = setup
        self.stylesheets = stylesheets or Stylesheets(setup.stylesheet_root)
        self.registers = [registers_element(_load(path, name)) for path, name in setup.registers]
        self._site: tuple[str, object] | None = None  # the edition document of the pages: (path, Saxon node)

    def pages(self, task: PagesTask) -> tuple[list[str], dict[str, set[str]]]:
        """Give the files written for a PagesTask and the elements the generic fallback rendered."""
        if self._site is None or self._site[0] != task.source:
            self._site = (task.source, self.stylesheets.node_from_file(task.source))
        stylesheets = self.stylesheets
        stylesheets.report_unhandled, stylesheets.unhandled = self.setup.report_unhandled, {}
        try:
            written = [str(job.run(stylesheets, self._site[1], Path(task.staging))) for job in task.jobs]
            return written, stylesheets.unhandled
        finally:
            stylesheets.report_unhandled, stylesheets.unhandled = False, {}

    def source(self, text: TextRef, document, linked) -> etree._Element:
        """Give the edition document of a text's page: the edition's settings, the
        registers, and the text with the texts it links with (``linked``: pairs of
        TextRef and Document), each at its position."""
        edition = edition_element(self.setup.settings)
        edition.extend(self.registers)
        for ref, doc in sorted([(text, document), *linked], key=lambda pair: pair[0].position):
            edition.append(text_element(doc, ref.position, text_id=ref.id))
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
            document = _load(task.text.path, task.text.name)
            require_tei(document)
        except InputError as exc:
            result.diagnostics.extend(exc.diagnostics)
            return result
        folder = self.setup.settings.folder
        images, warnings = confine(document, folder)  # @url rewritten to where the outputs hold each image
        result.diagnostics.extend(warnings)
        linked = []
        for ref in task.linked:
            try:
                linked.append(_load(ref.path, ref.name))
                confine(linked[-1], folder)  # its warnings are its own build's
            except InputError:
                linked.append(None)  # reported as that text's own failure
        source = self.source(task.text, document, [(ref, doc) for ref, doc in zip(task.linked, linked) if doc is not None])
        staging = Path(task.staging)
        names = output_names(task.text.id, document.copy_name)
        stylesheets = self.stylesheets
        stylesheets.report_unhandled, stylesheets.unhandled = self.setup.report_unhandled, {}
        try:
            node = stylesheets.node(source)
            if task.html:
                html = stylesheets.run(TEXT_STYLESHEET, node, {"text-id": task.text.id}, label=task.text.path)
                result.written.append(str(atomic_write(staging / names["html"], html)))
                result.written.append(str(atomic_write(staging / names["tei"], document.source)))
                # The open data's copy (data/tei), which the edition's zip gathers.
                result.written.append(str(atomic_write(staging / "data" / names["tei"], document.source)))
                result.written.extend(str(atomic_write(staging / image.target, image.file.read_bytes())) for image in images)
            if task.pdf:
                result.diagnostics.extend(remote_warnings(document, "the PDF"))
                result.written.append(str(self._pdf(node, task, document, staging / names["pdf"], images)))
        except StylesheetError:
            raise  # not this text's fault: the build stops
        except TransformError as exc:
            result.diagnostics.append(Diagnostic(task.text.path, 1, 1, "error", str(exc)))
        finally:
            result.unhandled = stylesheets.unhandled
            stylesheets.report_unhandled, stylesheets.unhandled = False, {}
        result.extract = serialize(text_extract(document))
        return result

    def _pdf(self, node, task: TextTask, document, target: Path, images) -> Path:
        from .writers.pdf import PrintOptions, render_pdf  # WeasyPrint is imported only when a PDF is made

        settings = self.setup.settings
        options = PrintOptions(per=settings.pdf_line_numbers, every=settings.pdf_line_number_every, notes=settings.pdf_notes)
        html = self.stylesheets.run(PRINT_STYLESHEET, node, {"print-notes": options.notes, "text-id": task.text.id},
                                    label=task.text.path)
        registers = [(Path(path).name, Path(path).read_bytes()) for path, _ in self.setup.registers]
        pdf = render_pdf(html, self.stylesheets.root / "print", options, [(document.name, document.source), *registers],
                         settings.build_date, images=images, site_url=settings.url)
        return atomic_write(target, pdf)


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


def _load(path: str, copy_name: str = ""):
    document = load(path)
    document.assigned_copy = copy_name
    return document


# The builder of a pool worker process, made once by the pool's initializer.
_WORKER: TextBuilder | None = None
# How often a worker looks whether the build that started it is still there (seconds).
_PARENT_CHECK = 1.0


def init_worker(setup: BuilderSetup) -> None:
    """Start a pool worker: compile nothing yet (on first use), parse the registers, and end
    this process when the build that started it is gone (killed with -9, it cannot say so)."""
    global _WORKER
    # The build's pid as the pool knew it: the build may already be gone when this runs.
    started_by = multiprocessing.parent_process()
    parent = started_by.pid if started_by is not None else os.getppid()

    def watch_parent() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch_parent, name="teipress-parent-watch", daemon=True).start()
    _WORKER = TextBuilder(setup)


def build_in_worker(task: TextTask) -> TextResult:
    """Give the result of building ``task`` with this worker's builder."""
    assert _WORKER is not None, "init_worker was not called"
    return _WORKER.build(task)


def pages_in_worker(task: PagesTask) -> tuple[list[str], dict[str, set[str]]]:
    """Give the result of writing the pages of ``task`` with this worker's builder."""
    assert _WORKER is not None, "init_worker was not called"
    return _WORKER.pages(task)
