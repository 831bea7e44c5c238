"""The facade: read the corpus, transform it, write the outputs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .corpus import missing_files, read_corpus
from .edition import edition_tree
from .errors import Diagnostic, UsageError
from .transform import Stylesheets
from .writers import abandon_staging, begin_staging, commit_staging
from .writers.data import write_data
from .writers.epub import write_epub
from .writers.html import write_html
from .writers.pdf import PrintOptions, write_pdf

FORMATS = ("html", "pdf", "epub", "all")


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

    @property
    def failed(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def build(paths: list[str | Path], out: str | Path, formats: str = "all", settings: Settings | None = None,
          stylesheets: Stylesheets | None = None, *, report_unhandled: bool = False, fail_fast: bool = False) -> BuildReport:
    """Give the report of building the edition found under ``paths`` into ``out``.

    Files that are not well-formed or not TEI are reported and skipped; every
    other text is built (unless ``fail_fast``: then the first error stops the
    build and nothing is published). The edition is built in a staging folder
    beside ``out`` and moved into it only when the build ends, so a build
    that raises or is interrupted leaves the previous output as it was.
    ``report_unhandled`` counts the elements rendered by the generic fallback
    (``BuildReport.unhandled``)."""
    if formats not in FORMATS:
        raise UsageError(f"unknown format '{formats}': use one of {', '.join(FORMATS)}")
    settings = settings or Settings()
    out = Path(out)
    corpus = read_corpus(paths)
    report = BuildReport(texts=len(corpus.texts), diagnostics=[*corpus.failures, *missing_files(corpus)])
    if fail_fast and report.failed:
        report.diagnostics = [next(d for d in report.diagnostics if d.is_error)]
        report.stopped = True
        return report
    if not corpus.texts:
        if report.diagnostics:
            return report
        raise UsageError(f"no TEI texts found in {', '.join(str(p) for p in paths)}")
    stylesheets = stylesheets or Stylesheets()
    edition_node = stylesheets.node(edition_tree(corpus, settings))
    options = PrintOptions(per=settings.pdf_line_numbers, every=settings.pdf_line_number_every, notes=settings.pdf_notes)

    def pdf_writer(stylesheets, edition_node, corpus, out):
        return write_pdf(stylesheets, edition_node, corpus, out, options, settings.build_date)

    # The open data (data/) goes with the HTML edition: its pages link the files.
    writers = {"html": [write_html, write_data], "pdf": [pdf_writer], "epub": [write_epub],
               "all": [write_html, write_data, pdf_writer, write_epub]}[formats]
    staging = begin_staging(out)
    stylesheets.report_unhandled, stylesheets.unhandled = report_unhandled, {}
    try:
        for writer in writers:
            written, failures = writer(stylesheets, edition_node, corpus, staging)
            report.written.extend(out / path.relative_to(staging) for path in written)
            report.diagnostics.extend(failures)
            if fail_fast and report.failed:
                report.stopped = True
                break
        report.unhandled = stylesheets.unhandled_counts()
    except BaseException:
        abandon_staging(staging)  # whatever went wrong, the previous output stays as it was
        raise
    finally:
        stylesheets.report_unhandled = False
    if report.stopped:
        abandon_staging(staging)
    else:
        commit_staging(staging, out)
    return report
