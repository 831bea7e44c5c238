"""The edition-wide half of the build stage: the units made from the whole edition.

- the **pages** (index, registers, chronology, paratext, datasets, sitemap) from
  the edition document of the texts' extracts, in the build's workers, and the
  outputs' static files;
- the **books** (the PDF volume, the EPUB) from the whole texts;
- the **archives** (the open data's zip, the search index) from the published
  site, after it is published: an editor who saved one text sees its page at
  once, and these (which grow with the edition) follow.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .cache import BuildCache
from .corpus import Corpus
from .document import Document, load
from .edition import edition_tree
from .edition_document import EditionDocuments
from .errors import Diagnostic, StylesheetError, TeipressError, UsageError
from .entity_units import is_page_unit, unit_of
from .execute import Executor
from .outputs import ArchiveJob, BookJob, linked
from .plan import ARCHIVE, PAGES, Plan
from .publish import abandon, new_staging, publish, remove_written
from .scan import Scan, Source
from .thread_guard import collected_here
from .workers import text_failure


@dataclass
class EditionBuild:
    """What the edition-wide units of one build share: the scan, the plan, the outputs, where
    they are written, the cache, and what they report (files written, problems, unhandled elements)."""

    found: Scan
    the_plan: Plan
    outputs: tuple
    settings: object
    staging: Path
    out: Path
    cache: BuildCache
    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unhandled: dict[str, set[str]] = field(default_factory=dict)

    def record(self, name: str, files: list[Path]) -> None:
        """Note that the stale unit ``name`` wrote ``files`` (in the staging folder)."""
        self.cache.record(name, self.the_plan.units[name], files, self.staging)
        self.written.extend(self.out / p.relative_to(self.staging) for p in files)

    def failed(self, name: str, problems: list[Diagnostic]) -> None:
        """Note that unit ``name`` failed: it is made again next time."""
        self.cache.units.pop(name, None)
        self.diagnostics.extend(problems)


def build_pages(edition: EditionBuild, executor: Executor, register_docs: list[Document]) -> None:
    """Make the stale pages unit (every output's pages from the edition document of the texts'
    shapes, which each worker assembles and parses once: teipress.edition_document, and its static files) and the
    stale entities' and periods' pages (each a unit of its own: teipress.entity_units), all
    in one round of the workers, the sets of pages (the longest) first.
    A failure here is the stylesheets' (no text is at fault): it stops the build."""
    sets = sorted(name for name in edition.the_plan.stale if is_page_unit(name))
    _forget_gone(edition)
    if PAGES not in edition.the_plan.stale and not sets:
        return
    documents = EditionDocuments(edition.found, register_docs, edition.settings, edition.cache, linked(edition.outputs),
                                 {name: file for output in edition.outputs for name, file in output.book_links().items()})
    set_jobs = [job for output in edition.outputs if getattr(output, "entity_pages", False)
                for job in output.page_set_jobs(sets, executor.workers)] if sets else []
    page_jobs = _edition_page_jobs(edition, register_docs) if PAGES in edition.the_plan.stale else []
    files, seen = executor.pages([documents.paired(job) for job in [*set_jobs, *page_jobs]],
                                 edition.staging)
    _merge(edition.unhandled, seen)
    if sets:
        _record_sets(edition, sets, [path for written in files[:len(set_jobs)] for path in written])
    if PAGES in edition.the_plan.stale:
        _record_edition_pages(edition, executor, register_docs, page_jobs, files[len(set_jobs):])


def _edition_page_jobs(edition: EditionBuild, register_docs: list[Document]) -> list:
    """Give the jobs of the pages unit (the sets of entities and periods aside); without an
    edition URL, those that need one are left out with a warning."""
    collections = list(edition.found.collection_ids.values())
    jobs = [job for output in edition.outputs
            for job in [*output.page_jobs(register_docs), *output.collection_jobs(collections)]]
    if not edition.settings.url:
        edition.diagnostics.extend(_unwritten_without_url([job for job in jobs if job.needs_url], edition.settings))
        jobs = [job for job in jobs if not job.needs_url]
    return jobs


def _record_edition_pages(edition: EditionBuild, executor: Executor, register_docs: list[Document], jobs: list,
                          files: list[list[Path]]) -> None:
    """Record the pages unit: the files its ``jobs`` wrote (``files``, job by job) and the outputs' static files."""
    pages = sorted(path for written in files for path in written)
    written = set(pages)
    edition.diagnostics.extend(
        Diagnostic(str(edition.settings.file), 1, 1, "warning", f"{job.target} not written: {job.unwritten}")
        for job in jobs if job.unwritten and edition.staging / job.target not in written)
    edition.diagnostics.extend(Diagnostic(str(edition.settings.file), 1, 1, "warning", f"{job.target}: {job.warning}")
                               for job in jobs if job.warning and edition.staging / job.target in written)
    stylesheets = executor.builder.stylesheets
    static = [path for output in edition.outputs for path in output.site_files(stylesheets, register_docs, edition.staging)]
    edition.record(PAGES, [*pages, *static])


def _record_sets(edition: EditionBuild, sets: list[str], pages: list[Path]) -> None:
    """Record each stale entity's and period's unit (``sets``: their names) with its page among ``pages``."""
    stale, files = set(sets), {}
    for path in sorted(pages):
        unit = unit_of(path, stale)
        if not unit:
            raise StylesheetError(f"{path.relative_to(edition.staging)}: a page of an entity or a period whose "
                                  "name is not its entry's id or its period (tp:entity-file, tp:period-file)")
        files.setdefault(unit, []).append(path)
    for name in sets:  # an id the texts point to that is no published entry has no page
        edition.record(name, files.get(name, []))


def _forget_gone(edition: EditionBuild) -> None:
    """Forget the entities' and periods' units that are no longer in the edition; their pages
    are removed once the build is published (remove_dropped)."""
    for name in [n for n in edition.cache.units if is_page_unit(n) and n not in edition.the_plan.units]:
        edition.the_plan.previous[name] = set(edition.cache.units.pop(name).files)


def _unwritten_without_url(jobs, settings) -> list[Diagnostic]:
    """Give the warning that the pages ``jobs``, which need absolute URLs, are not written."""
    if not jobs:
        return []
    targets = ", ".join(job.target for job in jobs)
    return [Diagnostic(str(settings.file), 1, 1, "warning",
                       f"{targets} not written: absolute URLs are needed; set [edition] url in teipress.toml")]


def build_books(edition: EditionBuild, executor: Executor, register_docs: list[Document], texts_failed: bool) -> None:
    """Make the stale books from the whole texts (read here, once for every book). A book is
    not made while a text of the edition fails: it would be the edition without that text."""
    books = [o for o in edition.outputs if o.has_book and f"book:{o.name}" in edition.the_plan.stale]
    if not books or texts_failed:
        return
    stylesheets = executor.builder.stylesheets
    stylesheets.report_unhandled, stylesheets.unhandled = executor.setup.report_unhandled, {}
    try:
        found = edition.found
        corpus = Corpus(texts=_read(found.texts), registers=register_docs, introductions=_read(found.introductions))
        images, warnings = _book_images(corpus.texts, edition.settings)
        edition.diagnostics.extend(warnings)
        node = stylesheets.node(edition_tree(corpus, edition.settings, linked(edition.outputs)))
        for output in books:
            name = f"book:{output.name}"
            job = BookJob(stylesheets, node, corpus, edition.staging, edition.settings, tuple(images))
            try:
                files = output.build_book(job)
            except (StylesheetError, OSError):
                raise
            except TeipressError as exc:
                job.diagnostics.append(Diagnostic(str(edition.out), 1, 1, "error", str(exc)))
            except Exception as exc:  # noqa: BLE001 - one book failing must not stop the rest
                job.diagnostics.append(text_failure(str(edition.out / output.name), exc))
            if any(d.is_error for d in job.diagnostics):
                edition.failed(name, job.diagnostics)
            else:
                edition.diagnostics.extend(job.diagnostics)
                edition.record(name, files)
        _merge(edition.unhandled, stylesheets.unhandled)
    finally:
        stylesheets.report_unhandled, stylesheets.unhandled = False, {}


def build_archives(edition: EditionBuild) -> list[Path]:
    """Make the stale archives from the published site and publish each as the pages were
    (staged, then moved in); give the files written. A build interrupted here leaves them as
    they were, and the cache knows them stale.

    The archives are made side by side, each in a thread of its own: the search index waits for
    Pagefind's processes while the zip copies and compresses (both mostly outside the interpreter's
    lock). The threads run with the garbage collected first and what was alive then frozen until they
    end (teipress.thread_guard: no thread but this one may free a saxonche object). Each archive is
    published as soon as it is made, in this thread, and the cache is saved once, at the end."""
    cache, out = edition.cache, edition.out
    # A teiCorpus file holds several texts: its copy is listed once.
    copies = tuple(dict.fromkeys(s.copy for s in [*edition.found.texts, *edition.found.registers]))
    stale = [output for output in edition.outputs
             if output.has_archive and f"{ARCHIVE}{output.name}" in edition.the_plan.stale]
    if not stale:
        return []
    stagings = [new_staging(cache.folder) for _ in stale]
    written: list[Path] = []
    try:
        with collected_here(), ThreadPoolExecutor(max_workers=len(stale)) as threads:
            futures = {threads.submit(output.build_archive, ArchiveJob(out, staging, edition.settings, copies)):
                       (output, staging) for output, staging in zip(stale, stagings)}
            for future in as_completed(futures):
                output, staging = futures[future]
                written += _publish_archive(edition, output, staging, future)
    finally:
        for staging in stagings:  # once every thread has ended: what was not published (an error, an interruption)
            abandon(staging)
        cache.save()
    return written


def _publish_archive(edition: EditionBuild, output, staging: Path, future) -> list[Path]:
    """Publish one archive made into ``staging`` (``future`` gives its files) and record it; give
    the files published. A TeipressError of the archive is the build's diagnostic (nothing is
    published of it); a UsageError stops the build."""
    cache, out, name = edition.cache, edition.out, f"{ARCHIVE}{output.name}"
    try:
        files = future.result()
    except UsageError:
        raise
    except TeipressError as exc:
        edition.diagnostics.append(Diagnostic(str(out), 1, 1, "error", str(exc)))
        return []
    if files is None:
        return []
    kept = [path for path in files if not path.is_relative_to(staging)]  # already published as they are
    published = publish(staging, out, set(cache.written), lambda: output.adoptable(out))
    cache.record(name, edition.the_plan.units[name], [*(out / f for f in published), *kept], out)
    cache.published(published)
    remove_dropped({name: edition.the_plan.previous.get(name, set())}, cache, out)
    return [out / f for f in published]


def remove_dropped(previous: dict[str, set[str]], cache: BuildCache, out: Path) -> None:
    """Remove the files that rebuilt units wrote last time and no longer write (a register page
    whose register is gone, an old search index's fragments), if they are as teipress wrote them."""
    dropped = set()
    for name, files in previous.items():
        unit = cache.units.get(name)
        if unit is not None:
            dropped |= files - set(unit.files)
        elif is_page_unit(name):
            dropped |= files  # an entity or a period no longer in the edition (_forget_gone)
    still_written = {path for unit in cache.units.values() for path in unit.files}
    cache.forget_written(remove_written(out, sorted(dropped - still_written), cache.written))


def read_registers(found: Scan) -> list[Document]:
    """Give the register files parsed, each knowing the path of its copy."""
    return _read(found.registers)


def _read(sources: list[Source]) -> list[Document]:
    documents = []
    for source in sources:
        document = load(source.path)
        document.assigned_id = source.text_id if source.info.kind == "text" else ""
        document.assigned_copy = source.copy
        documents.append(document)
    return documents


def _merge(into: dict[str, set[str]], seen: dict[str, set[str]]) -> None:
    for name, where in seen.items():
        into.setdefault(name, set()).update(where)


def _book_images(documents: list[Document], settings):
    """Give the confined images of the texts of the books (their @url rewritten in place,
    remote ones left out) and the warnings of the images they leave out."""
    from .images import confine, remote_warnings

    images, warnings = {}, []
    for document in documents:
        remote = remote_warnings(document, "the PDF volume and the EPUB")  # before confine() removes their @url
        found, refused = confine(document, settings.folder, remote=False)
        images.update((image.target, image) for image in found)
        warnings.extend([*refused, *remote])
    return list(images.values()), warnings



