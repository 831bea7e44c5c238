"""The edition of a folder, built and validated as its settings say: what the commands
``build``, ``validate``, ``watch`` and ``serve`` run."""

from __future__ import annotations

from pathlib import Path

from .cache import cache_dir
from .config import Settings
from .errors import Diagnostic
from .events import Progress
from .maker import maker_warnings
from .models import validate_with_models
from .pipeline import BuildReport, build
from .transform import Stylesheets


def text_paths(settings: Settings, paths: tuple[str | Path, ...] | list[str | Path] = ()) -> list[Path]:
    """Give the files and folders to read: ``paths`` when any are given, else the settings' texts."""
    return [Path(p) for p in paths] or list(settings.texts)


def stylesheets_for(settings: Settings) -> Stylesheets:
    """Give the stylesheets the settings ask for: teipress's own, with the modules and files of the
    ``[build] stylesheets`` override folder over them when there is one."""
    return Stylesheets(settings.stylesheets)


def build_edition(settings: Settings, paths: tuple[str | Path, ...] | list[str | Path] = (), *,
                  stylesheets: Stylesheets | None = None, force: bool = False, fail_fast: bool = False,
                  report_unhandled: bool = False, progress: Progress | None = None) -> BuildReport:
    """Give the report of building the edition of ``settings`` (from ``paths`` if given, else
    its texts) into its ``out`` folder, in its formats, with its number of jobs.

    ``stylesheets`` are reused when given (compiling them is the slow part of a small
    build); otherwise the engine compiles those of the settings."""
    if stylesheets is None and settings.stylesheets is not None:
        stylesheets = stylesheets_for(settings)
    texts = text_paths(settings, paths)
    report = build(texts, settings.out, settings.formats, settings, stylesheets,
                   report_unhandled=report_unhandled, fail_fast=fail_fast, jobs=settings.jobs, force=force,
                   progress=progress)
    # The edition's own question, not a text's: asked of the editor's builds (build, watch, serve), not of
    # library builds of a folder (pipeline.build), never an error, and not while the texts have errors to fix.
    if not report.failed:
        report.diagnostics[:0] = maker_warnings(texts, settings, cache_dir(settings.out) / "makers.json")
    return report


def validate_edition(settings: Settings, paths: tuple[str | Path, ...] | list[str | Path] = (), *,
                     schema: str | Path | None = None, rules: str | Path | None = None,
                     jobs: int | None = None) -> list[Diagnostic]:
    """Give the diagnostics of the edition's texts (``paths`` if given), each file checked against
    ``schema`` and ``rules`` if given, else those its ``<?xml-model?>`` instructions name, else those
    of the settings, else the built-in ones (see :mod:`teipress.models`), by ``jobs`` processes at
    once when there are many files (default: the settings' jobs, else one per core).

    Raises UnusableSchema (a UsageError carrying every diagnostic) when a file's xml-model names
    a local schema that cannot be used."""
    return validate_with_models(text_paths(settings, paths), schema=schema, rules=rules,
                                configured_schema=settings.schema, configured_rules=settings.rules, folder=settings.folder,
                                jobs=jobs or settings.jobs)
