"""The teipress command line: a thin layer over the Python API."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .config import load_settings
from .errors import ExitCode, TeipressError, UsageError
from .export import VIEWS, export_text
from .pipeline import FORMATS, build as build_edition
from .validate import Validator, has_errors

DEFAULT_SOURCE = "tei"


def _paths(paths: tuple[str, ...]) -> list[str]:
    return list(paths) or [DEFAULT_SOURCE]


def _fail(exc: TeipressError) -> None:
    click.echo(f"teipress: {exc}", err=True)
    sys.exit(int(exc.exit_code))


@click.group()
@click.version_option(__version__, prog_name="teipress")
def main() -> None:
    """Validate TEI P5 texts and publish them as an HTML and PDF edition."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="Report as 'file:line:col: severity: message' lines, or as JSON.")
@click.option("--schema", type=click.Path(), default=None, help="RELAX NG grammar to use instead of the edition's.")
@click.option("--rules", type=click.Path(), default=None, help="Schematron rules to use instead of the edition's.")
def validate(paths: tuple[str, ...], output_format: str, schema: str | None, rules: str | None) -> None:
    """Check TEI files (default: tei/) for well-formedness, the schema and the editorial rules.

    Exit status: 0 valid (warnings allowed), 1 errors found, 2 usage error."""
    try:
        diagnostics = Validator(schema, rules).validate_paths(_paths(paths))
    except TeipressError as exc:
        _fail(exc)
    if output_format == "json":
        click.echo(json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2))
    else:
        for diagnostic in diagnostics:
            click.echo(str(diagnostic))
        errors = sum(d.is_error for d in diagnostics)
        click.echo(f"{errors} error(s), {len(diagnostics) - errors} warning(s)", err=True)
    sys.exit(int(ExitCode.INVALID if has_errors(diagnostics) else ExitCode.OK))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--out", type=click.Path(file_okay=False), default="output", show_default=True,
              help="Folder to write the edition into.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="all", show_default=True,
              help="Which outputs to build.")
@click.option("--title", default=None, help="Edition title (default: from teipress.toml).")
@click.option("--build-date", default=None, help="Date printed on the pages, YYYY-MM-DD (default: from teipress.toml, SOURCE_DATE_EPOCH or today).")
@click.option("--keep-going/--fail-fast", "keep_going", default=True, show_default=True,
              help="Build every text that can be built, or stop at the first error (publishing nothing).")
@click.option("--report", "report_unhandled", is_flag=True,
              help="List the elements rendered generically (no specific rule), by name and count.")
def build(paths: tuple[str, ...], out: str, output_format: str, title: str | None, build_date: str | None,
          keep_going: bool, report_unhandled: bool) -> None:
    """Build the HTML and PDF edition from TEI files (default: tei/) into --out.

    Exit status: 0 built, 1 some input had errors (the rest is built, or
    nothing with --fail-fast), 2 usage error."""
    try:
        settings = load_settings(".").with_overrides(title=title, build_date=build_date)
        report = build_edition(_paths(paths), out, output_format, settings,
                               report_unhandled=report_unhandled, fail_fast=not keep_going)
    except TeipressError as exc:
        _fail(exc)
    for diagnostic in report.diagnostics:
        click.echo(str(diagnostic), err=True)
    if report_unhandled:
        # stdout, one "count name" line per element, most frequent first: easy to sort, grep or diff.
        for name, count in sorted(report.unhandled.items(), key=lambda item: (-item[1], item[0])):
            click.echo(f"{count:7d} {name}")
        click.echo(f"{len(report.unhandled)} element name(s) rendered generically", err=True)
    if report.stopped:
        click.echo(f"stopped at the first error (--fail-fast): {out} is unchanged", err=True)
        sys.exit(int(ExitCode.INVALID))
    click.echo(f"built {report.texts} text(s): {len(report.written)} file(s) in {out}", err=True)
    sys.exit(int(ExitCode.INVALID if report.failed else ExitCode.OK))


@main.command()
@click.argument("file", type=click.Path())
@click.option("--to", "target", type=click.Choice(["text"]), default="text", show_default=True,
              help="Export format.")
@click.option("--view", type=click.Choice(VIEWS), default="reading", show_default=True,
              help="'reading': the edited text; 'diplomatic': the source as received.")
def export(file: str, target: str, view: str) -> None:
    """Print the text of a TEI FILE (front, body, back) in the chosen view."""
    try:
        if not Path(file).exists():
            raise UsageError(f"{file}: no such file")
        click.echo(export_text(file, view), nl=False)
    except TeipressError as exc:
        _fail(exc)
