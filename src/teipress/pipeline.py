"""The facade of a build: scan → plan → build → publish, one module per stage.

1. **scan** (:mod:`teipress.scan`) every input file: its content hash, and (for
   a file that changed since the last build, else from the build cache) its
   kind, id, order, the files it points into and, for a text, its extract;
2. **plan** (:mod:`teipress.plan`) the units of output of the outputs asked
   for (:mod:`teipress.outputs`), each with the key of its inputs, and keep
   those the cache says are current;
3. **build** the stale texts (:mod:`teipress.workers`, in the process pool of
   :mod:`teipress.execute` when there are many), then the stale edition-wide
   units (:mod:`teipress.edition_build`), into a staging folder;
4. **publish** (:mod:`teipress.publish`) the staging folder into the output
   folder, save the cache, and make the archives gathered from the published
   site (the open data's zip, the search index).
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .cache import BuildCache, build_fingerprint, cache_dir
from .config import Settings
from .edition_build import EditionBuild, build_archives, build_books, build_pages, read_registers, remove_dropped
from .errors import Diagnostic, OutputError, UsageError
from .events import BUILT, FAILED, SKIPPED, BuildEvent, Progress
from .execute import Executor, executor_for, processes
from .outputs import ALL, select
from .plan import PAGES, Plan, plan, text_unit
from .publish import OutputLock, abandon, check_out, clean_leftovers, new_staging, publish
from .scan import Scan, reserved_names, scan
from .transform import Stylesheets
from . import transform
from .workers import BuilderSetup, TextTask

# Settings that say how to build, not what: changing them must not invalidate the cache
# (the stylesheets folder counts by its contents, the outputs by their names and cache keys: build_fingerprint).
_NOT_IN_OUTPUT = frozenset({"jobs", "scheduler", "out", "texts", "formats", "schema", "rules", "folder", "stylesheets"})


@dataclass
class BuildReport:
    """What a build did: the texts it read, the files it wrote, the problems it met."""

    texts: int = 0
    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Elements rendered by the generic fallback, by name (filled when the build was asked to report).
    unhandled: Counter = field(default_factory=Counter)
    # True when --fail-fast stopped the build at its first error (the previous output is kept).
    stopped: bool = False
    # Texts transformed by this build, texts kept unchanged from the build cache, texts that failed.
    built: int = 0
    skipped: int = 0
    failed_texts: int = 0
    # Wall-clock time of the build, in seconds, and until its pages were published
    # (the open data's zip and the search index follow).
    seconds: float = 0.0
    published: float = 0.0

    @property
    def failed(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def build(paths: list[str | Path], out: str | Path, formats: str = ALL, settings: Settings | None = None,
          stylesheets: Stylesheets | None = None, *, report_unhandled: bool = False, fail_fast: bool = False,
          jobs: int | None = None, force: bool = False, progress: Progress | None = None) -> BuildReport:
    """Give the report of building the edition found under ``paths`` into ``out``.

    ``formats`` names the outputs (comma-separated, or a list; ``all``: every registered
    output). Files that are not well-formed or not TEI are reported and skipped; every
    other text is built (unless ``fail_fast``: then the first error stops the build and
    nothing is published). Only what changed since the last build into ``out`` is
    rebuilt (see :mod:`teipress.cache`); ``force`` rebuilds everything, and so does
    ``report_unhandled`` (it counts the elements the generic fallback rendered, which
    needs every text transformed). ``jobs`` is the number of worker processes (default,
    and at most: the machine's cores).

    The edition is built in a staging folder and published into ``out`` only when the
    build ends (:mod:`teipress.publish`), so a build that raises or is interrupted leaves
    the previous output as it was; publishing replaces only files teipress wrote. One build
    at a time writes into ``out``: another one waits. ``progress`` receives a BuildEvent per
    text. An error of the file system (a full disk, a read-only folder) is an OutputError."""
    started = time.monotonic()
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {jobs}")
    outputs = select(formats)
    settings = settings or Settings()
    emit = progress or (lambda event: None)
    root = _stylesheet_root(settings, stylesheets)
    if transform.override_problem(root):
        raise UsageError(transform.override_problem(root))
    given = Path(out)
    try:
        out = check_out(given, edition=settings.folder, texts=[Path(p) for p in paths], stylesheets=root)
        work = cache_dir(out)
        with OutputLock(work, waiting=lambda: emit(BuildEvent("waiting", path=str(given)))):
            clean_leftovers(out, work)
            run = _Run(paths, out, outputs, settings, stylesheets, root, report_unhandled, fail_fast, jobs, emit, started)
            return run.build(force)
    except OSError as exc:
        raise OutputError.of(exc) from exc


@dataclass
class _Run:
    """One build, with the output folder checked and locked: the stages in order."""

    paths: list
    out: Path
    outputs: tuple
    settings: Settings
    stylesheets: Stylesheets | None
    root: Path
    report_unhandled: bool
    fail_fast: bool
    jobs: int | None
    emit: object
    started: float
    report: BuildReport = field(default_factory=BuildReport)

    def build(self, force: bool) -> BuildReport:
        cache = self._cache(force)
        found = scan(self.paths, cache, reserved_names(self.outputs), self.settings.folder, self.jobs)
        self.report.texts = len(found.texts)
        self.report.diagnostics += found.diagnostics
        if (self.fail_fast and self.report.failed) or not found.texts:
            return self._stop_at_first_error() if self.fail_fast and self.report.failed else self._finish()
        the_plan = plan(found, self.outputs, cache, cache.fingerprint)
        for name in the_plan.stale:
            the_plan.previous.setdefault(name, self._written_before.get(name, set()))
        done = self._announce_kept(found, the_plan)
        if not the_plan.stale:
            return self._finish()
        staging = new_staging(cache.folder)
        try:
            edition = EditionBuild(found, the_plan, self.outputs, self.settings, staging, self.out, cache)
            self._build(found, the_plan, edition, done)
            if self.report.stopped:
                return self._finish()
            published = publish(staging, self.out, set(cache.written))
        finally:
            abandon(staging)  # whatever happened, no staging folder stays; the output is published or as it was
        self._published(found, the_plan, cache, published)
        self.report.written.extend(build_archives(edition))
        self._add(edition.diagnostics[self._edition_seen:])
        return self._finish()

    def _cache(self, force: bool) -> BuildCache:
        cache = BuildCache.load(self.out)
        if cache.problem:
            self.report.diagnostics.append(Diagnostic(str(cache.folder), 1, 1, "warning", cache.problem))
        fingerprint = build_fingerprint(transform.stylesheet_layers(self.root), _settings_repr(self.settings, self.outputs))
        # What each unit wrote before this build forgets it (--force, a new fingerprint): the files a
        # rebuilt unit no longer writes are still removed (an old search index's fragments).
        self._written_before = {name: set(unit.files) for name, unit in cache.units.items()}
        if force or self.report_unhandled:
            cache.clear()
        elif cache.fingerprint != fingerprint:
            cache.units = {}  # the stylesheets, the settings, the outputs or teipress changed: every output is stale
        cache.fingerprint = fingerprint
        return cache

    def _announce_kept(self, found: Scan, the_plan: Plan) -> int:
        """Count and announce the texts this build keeps as they are; give how many."""
        stale = {s.key for s in the_plan.stale_texts}
        # Without outputs of their own (--format epub), the texts are built with the book, or kept with it.
        whole_only = not the_plan.text_outputs and bool(the_plan.stale)
        self.emit(BuildEvent("start", total=len(found.texts), seconds=self._elapsed()))
        done = 0
        for s in found.texts:
            if s.key not in stale:
                done += 1
                self.report.built += whole_only
                self.report.skipped += not whole_only
                self.emit(BuildEvent("document", total=len(found.texts), done=done, path=str(s.path),
                                     status=BUILT if whole_only else SKIPPED, seconds=self._elapsed()))
        return done

    def _build(self, found: Scan, the_plan: Plan, edition: EditionBuild, done: int) -> None:
        """Build the stale texts, then (unless --fail-fast stopped) the edition-wide units."""
        texts_only = the_plan.transforms_texts_only()
        setup = BuilderSetup(str(self.root), tuple((str(s.path), s.copy) for s in found.registers), self.settings,
                             self.outputs, self.report_unhandled, texts_only)
        count = processes(self.jobs, len(the_plan.stale_texts), len(found.texts), PAGES in the_plan.stale,
                          any(o.name == "pdf" for o in self.outputs))
        executor = executor_for(setup, self.stylesheets, count, self.settings.scheduler)
        try:
            self._build_texts(found, the_plan, edition, executor, done)
            if not self.report.stopped:
                registers = read_registers(found) if the_plan.stale - {text_unit(n, s) for n in the_plan.text_outputs
                                                                     for s in found.texts} else []
                build_pages(edition, executor, registers)
                build_books(edition, executor, registers, texts_failed=self.report.failed_texts > 0)
        except BaseException:
            executor.stop()  # interrupted or failed: what the workers are making is thrown away with the staging folder
            raise
        finally:
            executor.close()
        self.report.written.extend(edition.written)
        self._add(edition.diagnostics)
        self._edition_seen = len(edition.diagnostics)
        self.report.unhandled = Counter({name: len(where) for name, where in edition.unhandled.items()})
        if self.fail_fast and self.report.failed:
            self.report.stopped = True

    def _build_texts(self, found: Scan, the_plan: Plan, edition: EditionBuild, executor: Executor, done: int) -> None:
        cache, staging = edition.cache, edition.staging
        by_path = {str(s.path): s for s in the_plan.stale_texts}
        tasks = [TextTask(s.ref, tuple(other.ref for other in found.linked[s.key]), str(staging), the_plan.stale_outputs(s))
                 for s in the_plan.stale_texts]
        for result in executor.texts(tasks):
            source = by_path[result.path]
            done += 1
            self.report.diagnostics.extend(result.diagnostics)
            errors = any(d.is_error for d in result.diagnostics)
            for name, where in result.unhandled.items():
                edition.unhandled.setdefault(name, set()).update(where)
            if errors:
                self.report.failed_texts += 1
                for name in the_plan.text_outputs:
                    cache.units.pop(text_unit(name, source), None)  # rebuilt next time, whatever the cache says
            else:
                self.report.built += 1
                for name, files in result.written.items():
                    unit = text_unit(name, source)
                    cache.record(unit, the_plan.units[unit], [Path(p) for p in files], staging)
                    self.report.written.extend(self.out / Path(p).relative_to(staging) for p in files)
            self.emit(BuildEvent("document", total=len(found.texts), done=done, path=str(source.path),
                                 errors=sum(d.is_error for d in self.report.diagnostics),
                                 status=FAILED if errors else BUILT, seconds=self._elapsed()))
            if self.fail_fast and self.report.failed:
                self.report.stopped = True
                break

    def _published(self, found: Scan, the_plan: Plan, cache: BuildCache, published: list[str]) -> None:
        """Record what was published, remove what rebuilt units no longer write, save the cache."""
        cache.published(published)
        remove_dropped(the_plan.previous, cache, self.out)
        self.report.published = self._elapsed()
        cache.sources = {s.key: s.info for s in found.sources}
        cache.prune_extracts()
        for name in the_plan.stale:
            if name.startswith("archive:"):
                cache.units.pop(name, None)  # made next; until then the cache knows the old one is stale
        cache.save()

    def _add(self, diagnostics: list[Diagnostic]) -> None:
        """Report ``diagnostics`` not yet reported (a book's image warnings repeat its text build's)."""
        known = set(self.report.diagnostics)
        self.report.diagnostics.extend(d for d in diagnostics if d not in known)

    def _stop_at_first_error(self) -> BuildReport:
        self.report.diagnostics = [next(d for d in self.report.diagnostics if d.is_error)]
        self.report.stopped = True
        return self._finish()

    def _elapsed(self) -> float:
        return time.monotonic() - self.started

    def _finish(self) -> BuildReport:
        report = self.report
        report.seconds = self._elapsed()
        self.emit(BuildEvent("end", total=report.texts, done=report.built + report.skipped + report.failed_texts,
                             errors=sum(d.is_error for d in report.diagnostics), seconds=report.seconds))
        return report

    _edition_seen = 0


def _stylesheet_root(settings: Settings, stylesheets: Stylesheets | None) -> Path:
    if stylesheets is not None:
        return Path(stylesheets.root)
    return Path(settings.stylesheets) if settings.stylesheets else transform.xslt_dir()


def _settings_repr(settings: Settings, outputs) -> str:
    return repr([sorted((f.name, getattr(settings, f.name)) for f in dataclasses.fields(settings)
                        if f.name not in _NOT_IN_OUTPUT), [(output.name, output.cache_key()) for output in outputs]])
