"""The facade: read the corpus, transform it, write the outputs.

A build goes in four steps:

1. **scan** every input file: its content hash, and (for a file that changed
   since the last build, else from the build cache) its kind, id, order, the
   files it points into and, for a text, its extract;
2. **plan** the units of output (a text's page, a text's PDF, the edition's
   pages, the open data's zip, the search index, the PDF volume, the EPUB),
   each with the key of its inputs, and keep those the cache says are current;
3. **build** the stale texts, in a process pool when there are many, and then
   the stale edition-wide units from the texts' extracts (or, for the volume
   and the EPUB, from the whole texts) into a staging folder;
4. **publish** the staging folder into the output folder and save the cache;
5. **archive**: make the units gathered from the whole published site (the open
   data's zip, the search index) in place, after the pages are readable.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .cache import BuildCache, SourceInfo, build_fingerprint, cache_dir, file_hash
from .config import Settings
from .corpus import Corpus, discover, file_pointers, kind_of
from .document import Document, load, require_tei
from .edition import REGISTER_PAGES, add_introduction, edition_tree
from .errors import Diagnostic, InputError, OutputError, StylesheetError, TransformError, UsageError
from .events import BUILT, FAILED, SKIPPED, BuildEvent, Progress
from .extract import TP_NS, digest, edition_element, output_names, registers_element, serialize, text_extract
from . import transform
from .transform import Stylesheets
from .workers import (TEXT_STYLESHEET, BuilderSetup, PagesTask, TextBuilder, TextRef, TextResult, TextTask,
                      build_in_worker, init_worker, pages_in_worker, text_failure)
from .publish import OutputLock, abandon, check_out, clean_leftovers, new_staging, publish, remove_written
from .writers import atomic_write

FORMATS = ("html", "pdf", "epub", "all")

# Settings that say how to build, not what: changing them must not invalidate the cache
# (the stylesheets folder counts by its contents: build_fingerprint).
_NOT_IN_OUTPUT = frozenset({"jobs", "out", "texts", "formats", "schema", "rules", "folder", "stylesheets"})

# Fewer stale texts than this are built in the build's own process: starting
# a worker (a Python process, saxonche, compiling the stylesheets) costs more
# than a few HTML pages. A PDF costs more than a worker's start.
_POOL_THRESHOLD_HTML = 8
_POOL_THRESHOLD_PDF = 2
# The edition's pages of this many texts or more are worth a pool even when few texts changed.
_POOL_THRESHOLD_PAGES = 200


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
    # (the open data's zip and the search index follow: _build_archives).
    seconds: float = 0.0
    published: float = 0.0

    @property
    def failed(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


@dataclass
class _Source:
    """An input file as the scan found it."""

    path: Path
    key: str  # the resolved path: what the cache knows the file by
    info: SourceInfo
    text_id: str = ""  # the id its pages use (its own, unless another text has it)
    position: int = 0  # 1-based position among the texts
    copy: str = ""  # the path of its TEI copy in the output: its path below the folder it was found in

    @property
    def name(self) -> str:
        return self.path.name


def build(paths: list[str | Path], out: str | Path, formats: str = "all", settings: Settings | None = None,
          stylesheets: Stylesheets | None = None, *, report_unhandled: bool = False, fail_fast: bool = False,
          jobs: int | None = None, force: bool = False, progress: Progress | None = None) -> BuildReport:
    """Give the report of building the edition found under ``paths`` into ``out``.

    Files that are not well-formed or not TEI are reported and skipped; every
    other text is built (unless ``fail_fast``: then the first error stops the
    build and nothing is published). Only what changed since the last build
    into ``out`` is rebuilt (see :mod:`teipress.cache`); ``force`` rebuilds
    everything, and so does ``report_unhandled`` (it counts the elements the
    generic fallback rendered, which needs every text transformed). ``jobs``
    is the number of worker processes (default, and at most: the machine's cores).

    The edition is built in a staging folder and published into ``out`` only
    when the build ends (:mod:`teipress.publish`), so a build that raises or is
    interrupted leaves the previous output as it was; publishing replaces only
    files teipress wrote. One build at a time writes into ``out``: another one
    waits. ``progress`` receives a BuildEvent per text. An error of the file
    system (a full disk, a read-only folder) is an OutputError naming the path."""
    started = time.monotonic()
    if formats not in FORMATS:
        raise UsageError(f"unknown format '{formats}': use one of {', '.join(FORMATS)}")
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {jobs}")
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
            return _build(paths, out, formats, settings, stylesheets, root, report_unhandled=report_unhandled,
                          fail_fast=fail_fast, jobs=jobs, force=force, emit=emit, started=started)
    except OSError as exc:
        raise OutputError.of(exc) from exc


def _build(paths, out: Path, formats: str, settings: Settings, stylesheets: Stylesheets | None, root: Path, *,
           report_unhandled: bool, fail_fast: bool, jobs: int | None, force: bool, emit, started: float) -> BuildReport:
    """Build as :func:`build` says, with the output folder checked and locked."""
    wants = {"html": formats in ("html", "all"), "pdf": formats in ("pdf", "all"), "epub": formats in ("epub", "all")}

    cache = BuildCache.load(out)
    report = BuildReport()
    if cache.problem:
        report.diagnostics.append(Diagnostic(str(cache.folder), 1, 1, "warning", cache.problem))
    fingerprint = build_fingerprint(transform.stylesheet_layers(root), _settings_repr(settings))
    if force or report_unhandled:
        cache.clear()
    elif cache.fingerprint != fingerprint:
        cache.units = {}  # the stylesheets, the settings or teipress changed: every output is stale
    cache.fingerprint = fingerprint

    sources, failures, pending = _scan(paths, cache)
    texts = [s for s in sources if s.info.kind == "text"]
    texts.sort(key=lambda s: Corpus.text_order(s.info.n, s.name))
    registers = [s for s in sources if s.info.kind == "register"]
    introductions = [s for s in sources if s.info.kind == "introduction"]
    report.texts = len(texts)
    report.diagnostics += [*failures, *_assign_ids(texts, _reserved_names(registers)), *_missing_files(sources)]
    if fail_fast and report.failed:
        report.diagnostics = [next(d for d in report.diagnostics if d.is_error)]
        report.stopped = True
        return _finish(report, started, emit)
    if not texts:
        if any(d.is_error for d in failures):
            return _finish(report, started, emit)
        raise UsageError(f"no TEI texts found in {', '.join(str(p) for p in paths)}")

    # The plan: every unit of output with the key of its inputs.
    by_name = {s.name: s for s in texts}
    linked = _links(texts, by_name)
    shared = digest(fingerprint, *[part for s in [*registers, *introductions] for part in (s.copy, s.info.hash)])
    text_keys = {kind: {s.key: digest(shared, kind, s.info.hash, s.text_id, str(s.position), s.copy,
                                       *[p for l in linked[s.key] for p in (l.copy, l.info.hash, l.text_id, str(l.position))])
                        for s in texts} for kind in ("html", "pdf") if wants[kind]}
    site_key = digest(shared, "site", *[p for s in texts for p in (s.copy, s.text_id, str(s.position), s.info.extract)])
    whole_key = digest(shared, "whole", *[p for s in texts for p in (s.copy, s.text_id, str(s.position), s.info.hash)])
    units: dict[str, str] = {}
    for kind, keys in text_keys.items():
        units.update({f"{kind}:{path}": key for path, key in keys.items()})
    if wants["html"]:
        units["site"] = site_key
        units["zip"] = whole_key
        units["search"] = digest(site_key, *sorted(text_keys["html"].values()))
    if wants["pdf"]:
        units["volume"] = whole_key
    if wants["epub"]:
        units["epub"] = whole_key
    # A text no longer in the edition keeps its old files (teipress never deletes
    # what it did not replace: building one file into the output must not remove the others).
    stale = {name for name, key in units.items() if not cache.is_current(name, key)}
    # What the stale units wrote last time: files they no longer write are removed once the build is published.
    previous = {name: set(cache.units[name].files) for name in stale if name in cache.units}

    stale_texts = [s for s in texts if any(f"{kind}:{s.key}" in stale for kind in text_keys)]
    by_path = {str(s.path): s for s in stale_texts}
    emit(BuildEvent("start", total=len(texts), seconds=time.monotonic() - started))
    done = 0
    # Without outputs of their own (--format epub), the texts are built with the book, or kept with it.
    whole_only = not text_keys and bool(stale)
    for s in texts:
        if str(s.path) not in by_path:
            done += 1
            if whole_only:
                report.built += 1
            else:
                report.skipped += 1
            emit(BuildEvent("document", total=len(texts), done=done, path=str(s.path),
                            status=BUILT if whole_only else SKIPPED, seconds=time.monotonic() - started))
    if not stale:
        return _finish(report, started, emit)

    for extract, data in pending.items():
        target = cache.extract_path(extract)
        if not cache.has_extract(extract):
            atomic_write(target, data)
    pending.clear()  # stored: the build reads them back from the cache when it makes the edition's pages
    staging = new_staging(cache.folder)
    try:
        setup = BuilderSetup(str(root), tuple((str(s.path), s.copy) for s in registers), settings, report_unhandled)
        tasks = [TextTask(_ref(s), tuple(_ref(l) for l in linked[s.key]), str(staging),
                          html=f"html:{s.key}" in stale, pdf=f"pdf:{s.key}" in stale) for s in stale_texts]
        unhandled: dict[str, set[str]] = {}
        workers = _Workers(setup, stylesheets, _processes(jobs, stale_texts, texts, stale, wants["pdf"]))
        for result in workers.texts(tasks):
            source = by_path[result.path]
            done += 1
            report.diagnostics.extend(result.diagnostics)
            errors = any(d.is_error for d in result.diagnostics)
            for name_, where in result.unhandled.items():
                unhandled.setdefault(name_, set()).update(where)
            if errors:
                report.failed_texts += 1
                for kind in text_keys:
                    cache.units.pop(f"{kind}:{source.key}", None)  # rebuilt next time, whatever the cache says
            else:
                report.built += 1
                written = [Path(p) for p in result.written]
                report.written.extend(out / p.relative_to(staging) for p in written)
                for kind in text_keys:
                    if f"{kind}:{source.key}" in stale:
                        files = [p for p in written if _output_kind(p) == kind]
                        cache.record(f"{kind}:{source.key}", units[f"{kind}:{source.key}"], files, staging)
            emit(BuildEvent("document", total=len(texts), done=done, errors=sum(d.is_error for d in report.diagnostics),
                            path=str(source.path), status=FAILED if errors else BUILT,
                            seconds=time.monotonic() - started))
            if fail_fast and report.failed:
                report.stopped = True
                break
        try:
            if not report.stopped:
                _build_edition_units(stale, units, texts, registers, introductions, settings, workers,
                                     staging, out, cache, report, unhandled)
        finally:
            workers.close()
        report.unhandled = Counter({name_: len(where) for name_, where in unhandled.items()})
        if fail_fast and report.failed:
            report.stopped = True
        if report.stopped:
            return _finish(report, started, emit)
        published = publish(staging, out, set(cache.written))
    finally:
        abandon(staging)  # whatever happened, no staging folder stays; the output is published or as it was
    cache.published(published)
    _remove_dropped(previous, cache, out)
    report.published = time.monotonic() - started
    cache.sources = {s.key: s.info for s in sources}
    cache.prune_extracts()
    for name in ("zip", "search"):
        if name in stale:
            cache.units.pop(name, None)  # made below; until then the cache knows the old one is stale
    cache.save()
    _build_archives(stale, units, texts, registers, settings, out, cache, report, previous)
    return _finish(report, started, emit)


def _remove_dropped(previous: dict[str, set[str]], cache: BuildCache, out: Path) -> None:
    """Remove the files that rebuilt units wrote last time and no longer write (a register page
    whose register is gone, an old search index's fragments), if they are as teipress wrote them."""
    dropped = set()
    for name, files in previous.items():
        unit = cache.units.get(name)
        if unit is not None:
            dropped |= files - set(unit.files)
    still_written = {path for unit in cache.units.values() for path in unit.files}
    cache.forget_written(remove_written(out, sorted(dropped - still_written), cache.written))


def _build_archives(stale, units, texts, registers, settings, out: Path, cache: BuildCache, report: BuildReport,
                    previous: dict[str, set[str]]) -> None:
    """Make the stale units gathered from the whole published site, the open data's zip
    and the search index, and publish each as the pages were (staged, then moved in).

    They come after the pages are published: an editor who saved one text sees
    its page at once, and these (which grow with the edition: Pagefind reads
    every page) follow. A build interrupted here leaves them as they were and
    the cache knows them stale."""
    from .writers.data import write_zip
    from .writers.html import SEARCH_FOLDER, SearchIndexError, index_search

    def publish_unit(name: str, staging: Path, adopted: set[str] = frozenset()) -> None:
        files = publish(staging, out, set(cache.written) | adopted)
        cache.record(name, units[name], [out / f for f in files], out)
        cache.published(files)
        _remove_dropped({name: previous.get(name, set())}, cache, out)
        report.written.extend(out / f for f in files)
        cache.save()

    if "zip" in stale:
        # The texts' TEI copies in data/tei are written per text; the zip gathers them.
        tei_names = [s.copy for s in texts] + [s.copy for s in registers]
        if all((out / "data" / "tei" / name).is_file() for name in tei_names) and "site" in cache.units:
            staging = new_staging(cache.folder)
            write_zip(out, tei_names, settings.build_date, target=staging)
            publish_unit("zip", staging)
    if "search" in stale:
        staging = new_staging(cache.folder)
        try:
            index_search(out, staging)
        except SearchIndexError as exc:
            abandon(staging)
            report.diagnostics.append(Diagnostic(str(out), 1, 1, "error", str(exc)))
            return
        # A search index whose files teipress has no record of (its cache was lost) is still
        # Pagefind's, never an editor's, when Pagefind's entry file is there: it is replaced.
        index = out / SEARCH_FOLDER
        adopted = ({p.relative_to(out).as_posix() for p in index.rglob("*")}
                   if (index / "pagefind-entry.json").is_file() and not index.is_symlink() else set())
        publish_unit("search", staging, adopted)


def _finish(report: BuildReport, started: float, emit) -> BuildReport:
    report.seconds = time.monotonic() - started
    emit(BuildEvent("end", total=report.texts, done=report.built + report.skipped + report.failed_texts,
                    errors=sum(d.is_error for d in report.diagnostics), seconds=report.seconds))
    return report


def _stylesheet_root(settings: Settings, stylesheets: Stylesheets | None) -> Path:
    if stylesheets is not None:
        return Path(stylesheets.root)
    return Path(settings.stylesheets) if settings.stylesheets else transform.xslt_dir()


_MAIN_STYLESHEETS: dict[str, Stylesheets] = {}


def _main_stylesheets(root: Path) -> Stylesheets:
    # One compiled set per stylesheet folder for this process (watch rebuilds reuse it).
    if str(root) not in _MAIN_STYLESHEETS:
        _MAIN_STYLESHEETS[str(root)] = Stylesheets(root)
    return _MAIN_STYLESHEETS[str(root)]


def _settings_repr(settings: Settings) -> str:
    return repr(sorted((f.name, getattr(settings, f.name)) for f in dataclasses.fields(settings)
                       if f.name not in _NOT_IN_OUTPUT))


def _scan(paths, cache: BuildCache) -> tuple[list[_Source], list[Diagnostic], dict[str, bytes]]:
    """Give the sources under ``paths``, the diagnostics of the files that are not TEI and
    the extracts of the texts parsed (by digest; stored once the build goes ahead).

    A file whose hash the cache knows is not parsed again, unless its stored extract
    is gone or no longer has its digest."""
    sources, failures, pending = [], [], {}
    for path, copy in _found(paths):
        resolved = str(path.resolve())
        try:
            hashed = file_hash(path)
        except OSError as exc:
            failures.append(Diagnostic(str(path), 1, 1, "error", f"cannot be read: {exc.strerror or exc}"))
            continue
        info = cache.sources.get(resolved)
        if info is None or info.hash != hashed or (info.kind == "text" and not cache.has_extract(info.extract)):
            try:
                document = load(path)
                require_tei(document)
            except InputError as exc:
                failures.extend(exc.diagnostics)
                continue
            info = _describe(document, hashed, pending)
        sources.append(_Source(path, resolved, info, copy=copy))
    return sources, failures, pending


def _found(paths) -> list[tuple[Path, str]]:
    """Give the XML files under ``paths`` (see corpus.discover), each with the path of its copy
    in the output: its path below the folder it was found in (a file named alone: its name)."""
    folders = [Path(p).resolve() for p in paths if Path(p).is_dir()]
    found = []
    for path in discover(paths):
        real = path.resolve()
        below = [real.relative_to(folder).as_posix() for folder in folders if real.is_relative_to(folder)]
        found.append((path, min(below, key=len) if below else path.name))
    return found


def _describe(document: Document, hashed: str, pending: dict[str, bytes]) -> SourceInfo:
    """Give what a build needs to know of a parsed file; add a text's extract to ``pending``."""
    pointers: dict[str, list] = {}
    for element, attribute, file in file_pointers(document):
        name = file.replace("\\", "/").rsplit("/", 1)[-1]
        if name in pointers:
            pointers[name][3] += 1
        else:
            pointers[name] = [element.sourceline or 1, document.column_of(element), attribute, 1]
    kind = kind_of(document)
    extract = ""
    if kind == "text":
        data = serialize(text_extract(document))
        extract = digest(data)
        pending[extract] = data
    return SourceInfo(hashed, kind, document.id, document.root.get("n", ""), pointers,
                      line=document.root.sourceline or 1, extract=extract)


def _reserved_names(registers: list[_Source]) -> dict[str, str]:
    """Give the names of the edition's own pages and folders, which no text's pages may take,
    each with what it is (for the warning)."""
    from .writers.html import EXTRA_PAGES, SEARCH_FOLDER

    reserved = {"index": "the edition's home page", "edition": "the edition's PDF volume and EPUB",
                "sitemap": "the sitemap", "assets": "the site's assets", "data": "the open data",
                "tei": "the TEI copies", SEARCH_FOLDER: "the search index"}
    reserved.update({page: f"the edition's {page} page" for page in EXTRA_PAGES})
    # Register pages are named by kind (persons, places …): every kind a register may give.
    reserved.update({page: f"the register page {page}" for page in REGISTER_PAGES})
    return reserved


def _assign_ids(texts: list[_Source], reserved: dict[str, str] | None = None) -> list[Diagnostic]:
    """Number the texts and give each a distinct id that is not the name of one of the
    edition's own pages (``reserved``); warn of a text whose id is taken."""
    reserved = reserved or {}
    warnings, taken = [], {}
    ids = {t.info.id for t in texts}

    def free(candidate: str) -> bool:
        return candidate not in taken and candidate.lower() not in reserved and candidate not in ids

    for position, source in enumerate(texts, start=1):
        source.position = position
        text_id = source.info.id
        if text_id in taken or text_id.lower() in reserved:
            candidate, n = source.path.stem, 2
            if not free(candidate):
                candidate = f"{text_id}-text"
            while not free(candidate):
                candidate, n = f"{text_id}-text-{n}", n + 1
            why = (f"is also the id of {taken[text_id].name}" if text_id in taken
                   else f"is the name of {reserved[text_id.lower()]}")
            warnings.append(Diagnostic(str(source.path), source.info.line, 1, "warning",
                                       f"the text id '{text_id}' {why}; this text's pages are named '{candidate}' instead"))
            text_id = candidate
        source.text_id = text_id
        taken[text_id] = source
    return warnings


def _missing_files(sources: list[_Source]) -> list[Diagnostic]:
    """Give one warning per file and per XML file it points into that is not part of the edition."""
    names = {s.name for s in sources}
    warnings = []
    for source in sources:
        for name, (line, col, attribute, count) in source.info.pointers.items():
            if name in names:
                continue
            more = count - 1
            warnings.append(Diagnostic(
                str(source.path), line, col, "warning",
                f"@{attribute} points into '{name}', which is not part of the edition"
                + (f" ({more} more pointer(s) into it)" if more else "")
                + "; these names and links are shown without a link"))
    return warnings


def _links(texts: list[_Source], by_name: dict[str, _Source]) -> dict[str, list[_Source]]:
    """Give, for each text, the other texts it points into or that point into it, in edition order."""
    links: dict[str, set[str]] = {s.key: set() for s in texts}
    for source in texts:
        for name in source.info.pointers:
            other = by_name.get(name)
            if other is not None and other is not source:
                links[source.key].add(other.key)
                links[other.key].add(source.key)
    order = {s.key: s for s in texts}
    return {key: sorted((order[k] for k in keys), key=lambda s: s.position) for key, keys in links.items()}


def _ref(source: _Source) -> TextRef:
    return TextRef(str(source.path), source.text_id, source.position, source.copy)


def _output_kind(path: Path) -> str:
    return "pdf" if path.suffix == ".pdf" else "html"


class _Workers:
    """Where texts and pages are built: this process, or a pool of worker processes.

    One pool serves the whole build (texts, then the edition's pages), so each
    worker starts and compiles its stylesheets once."""

    def __init__(self, setup: BuilderSetup, stylesheets: Stylesheets | None, processes: int):
        self.setup = setup
        self._stylesheets = stylesheets
        self._builder: TextBuilder | None = None
        self.pool = None
        if processes > 1:
            # spawn, not fork: SaxonC's runtime does not survive a fork.
            self.pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=init_worker, initargs=(setup,))

    @property
    def builder(self) -> TextBuilder:
        """The builder of this process (made on first use)."""
        if self._builder is None:
            self._builder = TextBuilder(self.setup, self._stylesheets or _main_stylesheets(Path(self.setup.stylesheet_root)))
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

    def pages(self, source: Path, jobs: list, staging: Path) -> tuple[list[Path], dict[str, set[str]]]:
        """Give the files written for the page ``jobs`` from the edition document stored at ``source``."""
        tasks = [PagesTask(str(source), (job,), str(staging)) for job in jobs]
        results = (self.builder.pages(task) for task in tasks) if self.pool is None else \
            self._gather([self.pool.submit(pages_in_worker, task) for task in tasks])
        written: list[Path] = []
        unhandled: dict[str, set[str]] = {}
        for files, seen in results:
            written.extend(Path(p) for p in files)
            for name, where in seen.items():
                unhandled.setdefault(name, set()).update(where)
        return sorted(written), unhandled

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
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _processes(jobs: int | None, stale_texts: list[_Source], texts: list[_Source], stale: set[str], pdf: bool) -> int:
    """Give how many worker processes pay for this build (1: build in this process): never more
    than the machine's cores (the work is all computation), nor than the texts to build."""
    cores = os.cpu_count() or 1
    jobs = min(jobs or cores, cores)
    threshold = _POOL_THRESHOLD_PDF if pdf else _POOL_THRESHOLD_HTML
    if jobs > 1 and (len(stale_texts) >= threshold or ("site" in stale and len(texts) >= _POOL_THRESHOLD_PAGES)):
        return min(jobs, max(len(stale_texts), _POOL_THRESHOLD_PAGES if "site" in stale else 1))
    return 1


def _read(sources: list[_Source]) -> list[Document]:
    documents = []
    for source in sources:
        document = load(source.path)
        document.assigned_id = source.text_id if source.info.kind == "text" else ""
        document.assigned_copy = source.copy
        documents.append(document)
    return documents


def _build_edition_units(stale, units, texts, registers, introductions, settings, workers: _Workers, staging, out,
                         cache, report, unhandled) -> None:
    """Build the stale edition-wide units: the edition's pages and datasets from the
    texts' extracts (in the workers), the zip, the search index, the volume and the EPUB."""
    from .writers.data import dataset_jobs, write_register_copies
    from .writers.html import page_jobs, write_site_files

    register_docs = _read(registers) if stale & {"site", "zip", "volume", "epub"} else []

    def record(name: str, files: list[Path]) -> None:
        cache.record(name, units[name], files, staging)
        report.written.extend(out / p.relative_to(staging) for p in files)

    def failed(name: str, where: Path, exc: Exception) -> None:
        cache.units.pop(name, None)
        report.diagnostics.append(Diagnostic(str(where), 1, 1, "error", str(exc)))

    if "site" in stale:
        # A failure here is the stylesheets' (no text is at fault): it stops the build, nothing is published.
        # The workers read the edition document from a file (a few MB for thousands of texts), once each.
        source = _write_extract_edition(cache.folder / "site-source.xml", texts, register_docs, introductions,
                                        settings, cache)
        pages, seen = workers.pages(source, [*page_jobs(register_docs), *dataset_jobs()], staging)
        for name_, where in seen.items():
            unhandled.setdefault(name_, set()).update(where)
        source.unlink(missing_ok=True)
        record("site", [*pages, *write_site_files(workers.builder.stylesheets, register_docs, staging),
                        *write_register_copies(register_docs, staging)])
    stylesheets = workers.builder.stylesheets
    stylesheets.report_unhandled, stylesheets.unhandled = workers.setup.report_unhandled, {}
    if stale & {"volume", "epub"}:
        corpus = Corpus(texts=_read(texts), registers=register_docs, introductions=_read(introductions))
        images, warnings = _book_images(corpus.texts, settings)
        report.diagnostics.extend(d for d in warnings if d not in report.diagnostics)  # the text build may have said so
        node = stylesheets.node(edition_tree(corpus, settings))
        if "volume" in stale and not report.failed:
            from .writers.pdf import PrintOptions, write_volume

            options = PrintOptions(per=settings.pdf_line_numbers, every=settings.pdf_line_number_every,
                                   notes=settings.pdf_notes)
            try:
                record("volume", [write_volume(stylesheets, node, corpus, staging, options, settings.build_date,
                                               images=images, site_url=settings.url)])
            except (StylesheetError, OSError):
                raise
            except TransformError as exc:
                failed("volume", out / "edition.pdf", exc)
            except Exception as exc:  # noqa: BLE001 - the volume failing must not stop the rest
                failed("volume", out / "edition.pdf", text_failure(str(out / "edition.pdf"), exc).message)
        if "epub" in stale:
            from .writers.epub import write_epub

            try:
                written, problems = write_epub(stylesheets, node, corpus, staging, images)
            except (StylesheetError, OSError):
                raise
            except Exception as exc:  # noqa: BLE001 - the book failing must not stop the rest
                written, problems = [], [text_failure(str(out / "edition.epub"), exc)]
            if problems:
                cache.units.pop("epub", None)
                report.diagnostics.extend(problems)
            else:
                record("epub", written)
    for name_, where in stylesheets.unhandled.items():
        unhandled.setdefault(name_, set()).update(where)
    stylesheets.report_unhandled, stylesheets.unhandled = False, {}


def _book_images(documents: list[Document], settings: Settings):
    """Give the confined images of the texts of the volume and the EPUB (their @url rewritten in place,
    remote ones left out) and the warnings of the images they leave out."""
    from .images import confine, remote_warnings

    images, warnings = {}, []
    for document in documents:
        remote = remote_warnings(document, "the PDF volume and the EPUB")  # before confine() removes their @url
        found, refused = confine(document, settings.folder, remote=False)
        images.update((image.target, image) for image in found)
        warnings.extend([*refused, *remote])
    return list(images.values()), warnings


def _write_extract_edition(target: Path, texts, register_docs, introductions, settings, cache: BuildCache) -> Path:
    """Write the edition document of the edition's pages to ``target`` and give its path:
    registers and introduction whole, the texts as their stored extracts.

    The file is written piece by piece, each text's extract copied from the cache as it is
    (lxml wrote it, from a file that parsed safely), so the build's memory does not grow
    with the edition; only the pieces around the extracts are made here, by lxml too."""
    edition = edition_element(settings)
    add_introduction(edition, [load(source.path) for source in introductions[:1]], settings)
    for document in register_docs:
        edition.append(registers_element(document))
    # The edition element with its first children, split where the texts go.
    head, _, tail = serialize(_edition_marker(edition)).decode("utf-8").rpartition("<tp:texts-here/>")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.tmp")
    with open(partial, "wb") as out:
        out.write(head.encode("utf-8"))
        for source in texts:
            holder = etree.Element(f"{{{TP_NS}}}text", nsmap={"tp": TP_NS}, id=source.text_id, n=str(source.position),
                                   src=source.copy, **output_names(source.text_id, source.copy))
            holder.text = _EXTRACT_HERE
            before, _, after = serialize(holder).decode("utf-8").partition(_EXTRACT_HERE)
            out.write(before.encode("utf-8"))
            out.write(cache.extract_path(source.info.extract).read_bytes())
            out.write(after.encode("utf-8"))
        out.write(tail.encode("utf-8"))
    partial.replace(target)
    return target


_EXTRACT_HERE = "teipress: the extract goes here"


def _edition_marker(edition: etree._Element) -> etree._Element:
    """Give ``edition`` with a marker element as its last child, where the texts are written."""
    etree.SubElement(edition, f"{{{TP_NS}}}texts-here")
    return edition
