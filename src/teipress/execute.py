"""Where texts and pages are built: the build's own process, or a pool of worker
processes (spawned, each compiling its stylesheets once), or the workers of a Dask
cluster (:mod:`teipress.cluster`)."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from .edition_document import EditionDocument
from .errors import StylesheetError
from .transform import Stylesheets
from .writers import PageJob
from .workers import (BuilderSetup, PagesTask, TextBuilder, TextResult, TextTask, build_in_worker, init_worker,
                      pages_in_worker, text_failure)

# Fewer stale texts than this are built in the build's own process: starting
# a worker (a Python process, saxonche, compiling the stylesheets) costs more
# than a few HTML pages. A PDF costs more than a worker's start.
_POOL_THRESHOLD_HTML = 8
_POOL_THRESHOLD_PDF = 2
# The edition's pages of this many texts or more are worth a pool even when few texts changed.
_POOL_THRESHOLD_PAGES = 200


_MAIN_STYLESHEETS: dict[str, Stylesheets] = {}


def main_stylesheets(root: Path, entries: tuple[str, ...] | None = None) -> Stylesheets:
    """Give this process's stylesheets of the folder ``root``, with the entry stylesheets ``entries``
    (None: every one) compiled: one set per folder and entries (watch rebuilds reuse it)."""
    key = f"{root}|{entries}"
    if key not in _MAIN_STYLESHEETS:
        _MAIN_STYLESHEETS[key] = Stylesheets(root, entries)
    return _MAIN_STYLESHEETS[key]


class Executor:
    """Where texts and pages are built: this process, or a pool of worker processes.

    One pool serves the whole build (texts, then the edition's pages), so each
    worker starts and compiles its stylesheets once."""

    def __init__(self, setup: BuilderSetup, stylesheets: Stylesheets | None, processes: int):
        self.setup = setup
        self._stylesheets = stylesheets
        self._builder: TextBuilder | None = None
        self.pool = None
        self.workers = max(processes, 1)  # how many builds run at once
        if processes > 1:
            # spawn, not fork: SaxonC's runtime does not survive a fork.
            self.pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=init_worker, initargs=(setup,))

    @property
    def builder(self) -> TextBuilder:
        """The builder of this process (made on first use)."""
        if self._builder is None:
            self._builder = TextBuilder(self.setup, self._stylesheets or main_stylesheets(
                Path(self.setup.stylesheet_root), self.setup.entries()))
        return self._builder

    def texts(self, tasks: list[TextTask]):
        """Yield the result of each task, in the order they finish."""
        if self.pool is None:
            for task in tasks:
                yield self.builder.build(task)
            return
        futures = {self.pool.submit(build_in_worker, task): task for task in tasks}
        for future, result in self._gather(list(futures), settle=True):
            if isinstance(result, BaseException):
                # The worker could not give a result (it crashed, was killed, or its result
                # could not be sent back): that text failed; the others go on.
                result = TextResult(futures[future].text.path, diagnostics=[text_failure(futures[future].text.path, result)])
            yield result

    def pages(self, jobs: list[tuple[EditionDocument, PageJob]], staging: Path) -> tuple[list[list[Path]], dict[str, set[str]]]:
        """Give the files written for each of the page ``jobs`` (in their order; each with the edition
        document it is made from, which the worker assembles), and the elements the generic fallback
        rendered. The jobs are started in their order: the longest first keeps every worker busy to the end."""
        tasks = [PagesTask(document, (job,), str(staging)) for document, job in jobs]
        if self.pool is None:
            results = [self.builder.pages(task) for task in tasks]
        else:
            futures = [self.pool.submit(pages_in_worker, task) for task in tasks]
            list(self._gather(futures))  # raises the first failure, cancelling the rest
            results = [future.result() for future in futures]
        unhandled: dict[str, set[str]] = {}
        for _, seen in results:
            for name, where in seen.items():
                unhandled.setdefault(name, set()).update(where)
        return [sorted(Path(p) for p in files) for files, _ in results], unhandled

    @staticmethod
    def _gather(futures, settle: bool = False):
        """Yield the results of ``futures`` as they finish; with ``settle``, (future, result or
        exception) pairs, the errors of the builds' own (a stylesheet's, the file system's) raised."""
        try:
            for future in as_completed(futures):
                if not settle:
                    yield future.result()
                    continue
                try:
                    yield future, future.result()
                except (StylesheetError, OSError):
                    raise
                except Exception as exc:  # noqa: BLE001 - one text must not stop the build
                    yield future, exc
        except BaseException:
            for future in futures:
                future.cancel()
            raise

    def close(self) -> None:
        """Stop the pool's workers (their work is done or cancelled)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def stop(self) -> None:
        """End the pool's workers at once, in the middle of what they make: a build interrupted (Ctrl-C,
        SIGTERM) or failing does not wait for pages it throws away (a set of entity pages of a large
        edition takes minutes, and a worker inside a transformation sees no signal until it ends)."""
        if self.pool is not None:
            # Python 3.11's pool has no public way to end its workers (terminate_workers came in 3.14).
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.terminate()
            self.pool.shutdown(wait=True, cancel_futures=True)


def executor_for(setup: BuilderSetup, stylesheets: Stylesheets | None, processes: int,
                 scheduler: str | None = None) -> Executor:
    """Give the executor of a build: the Dask cluster whose scheduler is at ``scheduler`` when one
    is given (:mod:`teipress.cluster`), else this process or a pool of ``processes`` workers."""
    if scheduler:
        from .cluster import DaskExecutor  # only a build on a cluster needs Dask installed

        return DaskExecutor(setup, stylesheets, scheduler)
    return Executor(setup, stylesheets, processes)


def processes(jobs: int | None, stale_texts: int, texts: int, pages: bool, pdf: bool) -> int:
    """Give how many worker processes pay for this build (1: build in this process): never more
    than the machine's cores (the work is all computation), nor than the texts to build."""
    cores = os.cpu_count() or 1
    jobs = min(jobs or cores, cores)
    threshold = _POOL_THRESHOLD_PDF if pdf else _POOL_THRESHOLD_HTML
    if jobs > 1 and (stale_texts >= threshold or (pages and texts >= _POOL_THRESHOLD_PAGES)):
        return min(jobs, max(stale_texts, _POOL_THRESHOLD_PAGES if pages else 1))
    return 1
