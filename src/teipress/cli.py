"""The teipress command line: a thin layer over the Python API."""

from __future__ import annotations

import functools
import json
import os
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import click

from . import __version__
from .config import Settings, load_settings
from .errors import Diagnostic, ExitCode, OutputError, TeipressError, UsageError
from .export import VIEWS, export_text
from .models import UnusableSchema
from .progress import Display, choose_mode, rebuild_summary, report_summary
from .scaffold import EXAMPLES, create_edition
from .serve import serve as serve_edition
from .tasks import build_edition, validate_edition
from .validate import has_errors
from .watch import Rebuild, watch as watch_edition


def _fail(exc: TeipressError) -> None:
    click.echo(f"teipress: {exc}", err=True)
    sys.exit(int(exc.exit_code))


def _err(text: str) -> None:
    click.echo(text, err=True, nl=False)


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


# Options shared by several commands, defined once.

_paths_argument = click.argument("paths", nargs=-1, type=click.Path())

_edition_option = click.option(
    "--edition", type=click.Path(file_okay=False), default=".", show_default=True,
    help="The edition folder: its teipress.toml is read, and the paths in it are relative to it.")


@dataclass(frozen=True)
class BuildOptions:
    """The options of every command that builds (build, watch, serve)."""

    out: str | None
    formats: str | None
    jobs: int | None
    force: bool
    title: str | None
    build_date: str | None
    verbose: bool
    quiet: bool
    scheduler: str | None = None

    def settings(self, edition: str) -> Settings:
        """Give the edition's settings with these options applied over its teipress.toml."""
        if self.verbose and self.quiet:
            raise UsageError("--verbose and --quiet cannot be used together")
        return load_settings(edition).with_overrides(**self.overrides())

    def overrides(self) -> dict:
        """Give the settings these options change (None: as teipress.toml says)."""
        return {"out": Path(self.out) if self.out else None, "formats": self.formats, "jobs": self.jobs,
                "scheduler": self.scheduler, "title": self.title, "build_date": self.build_date}

    def display(self) -> Display:
        """Give the progress display these options and the terminal ask for."""
        return Display(choose_mode(self.verbose, self.quiet, _stderr_is_terminal()), _err)


_BUILD_OPTIONS = [
    click.option("--out", type=click.Path(file_okay=False), default=None,
                 help="Folder to write the edition into (default: [build] out of teipress.toml, else output)."),
    click.option("--format", "formats", default=None, metavar="NAME[,NAME…]",
                 help="Which outputs to build, comma-separated: html, tei, iiif, data, search, dts, harvest, cmif, pdf, epub, or any "
                      "registered one; all: every one (default: [build] formats of teipress.toml, else all). "
                      "html brings the TEI copies, the open data and the search index its pages link."),
    click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                 help="Worker processes (default: [build] jobs of teipress.toml, else one per core; at most one per core)."),
    click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
                 help="Build the texts and pages on the Dask cluster of this scheduler (needs teipress[dask]; "
                      "default: [build] scheduler of teipress.toml, else on this machine)."),
    click.option("--force", is_flag=True, help="Rebuild every text, ignoring the build cache."),
    click.option("--title", default=None, help="Edition title (default: from teipress.toml)."),
    click.option("--build-date", default=None,
                 help="Date printed on the pages, YYYY-MM-DD (default: from teipress.toml, SOURCE_DATE_EPOCH or today)."),
    click.option("--verbose", "-v", is_flag=True, help="One line per document: its status and path."),
    click.option("--quiet", "-q", is_flag=True, help="Nothing but errors."),
]


def _build_options(command):
    """Give ``command`` with the build options, passed to it as one ``options`` argument."""
    @functools.wraps(command)
    def wrapper(*args, out, formats, jobs, scheduler, force, title, build_date, verbose, quiet, **kwargs):
        options = BuildOptions(out, formats, jobs, force, title, build_date, verbose, quiet, scheduler)
        return command(*args, options=options, **kwargs)

    for option in reversed(_BUILD_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


def _echo_diagnostics(diagnostics: list[Diagnostic], quiet: bool) -> None:
    for diagnostic in diagnostics:
        if diagnostic.is_error or not quiet:
            click.echo(str(diagnostic), err=True)


class _Commands(click.Group):
    """The command group: an error no command foresaw is still one line, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, KeyboardInterrupt, SystemExit):
            raise
        except OSError as exc:
            _fail(OutputError.of(exc))
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if os.environ.get("TEIPRESS_DEBUG"):
                raise
            detail = " ".join(str(exc).split())[:300]
            click.echo(f"teipress: internal error ({type(exc).__name__}: {detail}); this is a bug of teipress: "
                       "please report it, with TEIPRESS_DEBUG=1 set to see where it happened", err=True)
            sys.exit(int(ExitCode.INTERNAL))


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="teipress")
def main() -> None:
    """Validate TEI P5 texts and publish them as an HTML, PDF and EPUB edition."""
    # A build stopped by SIGTERM (a CI time-out, `kill`) cleans up as after Ctrl-C:
    # its staging folder goes and the previous output stays as it was.
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@main.command(short_help="Make a new edition folder that builds as it is.")
@click.argument("folder", type=click.Path())
@click.option("--title", default="A teipress edition", show_default=True, help="The edition's title.")
@click.option("--example", type=click.Choice(EXAMPLES), default="letter", show_default=True,
              help="The example texts: a letter; 'facsimile' adds a text with its page images, shown beside it.")
def new(folder: str, title: str, example: str) -> None:
    """Make a new edition in FOLDER (new or empty): settings, an example text, its register, a README."""
    try:
        written = create_edition(folder, title, example)
    except TeipressError as exc:
        _fail(exc)
    for path in written:
        click.echo(str(path))
    click.echo(f"made a new edition in {folder}: cd {folder} && teipress build", err=True)


@main.command(short_help="Check TEI files against the schema and the editorial rules.")
@_paths_argument
@_edition_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="Report as 'file:line:col: severity: message' lines, or as JSON.")
@click.option("--schema", type=click.Path(), default=None,
              help="RELAX NG grammar for every file, over the files' xml-model grammars "
                   "(default: each file's xml-model, else [build] schema, else the built-in one).")
@click.option("--rules", type=click.Path(), default=None,
              help="Schematron rules for every file (XSLT 1, 2 or 3 binding), over the files' xml-model rules "
                   "(default: each file's xml-model, else [build] rules, else the built-in ones).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes checking files at once, when there are many (default: [build] jobs of "
                   "teipress.toml, else one per core; at most one per core).")
def validate(paths: tuple[str, ...], edition: str, output_format: str, schema: str | None, rules: str | None,
             jobs: int | None) -> None:
    """Check TEI files (default: the edition's texts) for well-formedness, the schema and the editorial rules.

    \b
    Each file's grammar and rules are chosen as editors' tools do it, the
    first that applies winning (the grammar and the rules separately):
      1. --schema / --rules;
      2. the file's <?xml-model?> instructions naming a local RELAX NG grammar
         (its embedded Schematron counts as the file's rules) or Schematron file,
         resolved against the file;
      3. [build] schema / rules of teipress.toml;
      4. the built-in grammar and rules.
    Remote xml-model schemas (http...) are not fetched: a warning says so and
    3 or 4 apply.

    Exit status: 0 valid (warnings allowed), 1 errors found, 2 usage error
    (including a schema or rules file, given or named by an xml-model, that
    cannot be used: missing, not well-formed, not compiling)."""
    status = None
    try:
        diagnostics = validate_edition(load_settings(edition), paths, schema=schema, rules=rules, jobs=jobs)
    except UnusableSchema as exc:
        # Reported like findings (they are located), then the usage status.
        diagnostics, status = exc.diagnostics, ExitCode.USAGE
    except TeipressError as exc:
        _fail(exc)
    except Exception as exc:  # noqa: BLE001 - the library puts failures on their files; this is the last guard
        where = paths[0] if paths else edition
        diagnostics = [Diagnostic(str(where), 1, 1, "error",
                                  f"could not be validated: {type(exc).__name__}: {exc} (an error in teipress; please report it)")]
    if output_format == "json":
        click.echo(json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2))
    else:
        for diagnostic in diagnostics:
            click.echo(str(diagnostic))
        errors = sum(d.is_error for d in diagnostics)
        click.echo(f"{errors} error(s), {len(diagnostics) - errors} warning(s)", err=True)
    if status is None:
        status = ExitCode.INVALID if has_errors(diagnostics) else ExitCode.OK
    sys.exit(int(status))


@main.command(short_help="Build the edition (HTML, PDF, EPUB) into --out.")
@_paths_argument
@_edition_option
@click.option("--keep-going/--fail-fast", "keep_going", default=True, show_default=True,
              help="Build every text that can be built, or stop at the first error (publishing nothing).")
@click.option("--report", "report_unhandled", is_flag=True,
              help="List the elements rendered generically (no specific rule), by name and count.")
@_build_options
def build(paths: tuple[str, ...], edition: str, keep_going: bool, report_unhandled: bool, options: BuildOptions) -> None:
    """Build the edition from TEI files (default: the edition's texts) into --out.

    Exit status: 0 built, 1 some input had errors (the rest is built, or
    nothing with --fail-fast), 2 usage error."""
    try:
        settings = options.settings(edition)
        display = options.display()
        try:
            report = build_edition(settings, paths, force=options.force, fail_fast=not keep_going,
                                   report_unhandled=report_unhandled, progress=display)
        finally:
            display.close()
    except TeipressError as exc:
        _fail(exc)
    _echo_diagnostics(report.diagnostics, options.quiet)
    if report_unhandled:
        # stdout, one "count name" line per element, most frequent first: easy to sort, grep or diff.
        for name, count in sorted(report.unhandled.items(), key=lambda item: (-item[1], item[0])):
            click.echo(f"{count:7d} {name}")
        if not options.quiet:
            click.echo(f"{len(report.unhandled)} element name(s) rendered generically", err=True)
    if report.stopped:
        if not options.quiet:
            click.echo(f"stopped at the first error (--fail-fast): {settings.out} is unchanged", err=True)
        sys.exit(int(ExitCode.INVALID))
    if not options.quiet:
        click.echo(report_summary(report, settings.out), err=True)
    sys.exit(int(ExitCode.INVALID if report.failed else ExitCode.OK))


def _rebuild_echo(options: BuildOptions):
    """Give the watcher's callback that reports each rebuild on stderr, one summary line each."""
    def notify(rebuild: Rebuild) -> None:
        if rebuild.error is not None:
            click.echo(f"teipress: {rebuild.error}", err=True)
            return
        _echo_diagnostics(rebuild.report.diagnostics, options.quiet)
        if not options.quiet:
            click.echo(rebuild_summary(rebuild.changed, rebuild.report, rebuild.out), err=True)
    return notify


_interval_option = click.option(
    "--interval", type=click.FloatRange(min=0.05), default=0.5, show_default=True,
    help="Seconds without a change before building (saves within it are built together); "
         "with --poll, seconds between two looks at the files.")

_poll_option = click.option(
    "--poll", is_flag=True,
    help="Look at the files every --interval instead of being told of changes by the system "
         "(for a network file system that other machines write to).")


@main.command(short_help="Build the edition again whenever a file is saved.")
@_paths_argument
@_edition_option
@_interval_option
@_poll_option
@_build_options
def watch(paths: tuple[str, ...], edition: str, interval: float, poll: bool, options: BuildOptions) -> None:
    """Build the edition, then build it again whenever one of its files is saved (Ctrl-C stops).

    Watched: the texts (PATHs, default: the edition's texts), teipress.toml and
    the [build] stylesheets folder if there is one."""
    try:
        settings = options.settings(edition)
        click.echo(f"watching {', '.join(map(str, paths or settings.texts))} (Ctrl-C stops)", err=True)
        watch_edition(edition, _rebuild_echo(options), paths=paths,
                      overrides=options.overrides(), interval=interval, polling=poll, force=options.force,
                      progress=options.display())
    except TeipressError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)


@main.command(short_help="Serve the edition over HTTP, rebuilt on every save.")
@_paths_argument
@_edition_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every network interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@_interval_option
@_poll_option
@_build_options
def serve(paths: tuple[str, ...], edition: str, host: str, port: int, interval: float, poll: bool,
          options: BuildOptions) -> None:
    """Serve the built edition over HTTP and rebuild it whenever one of its files is saved (Ctrl-C stops)."""
    try:
        settings = options.settings(edition)
        serve_edition(edition, _rebuild_echo(options),
                      lambda url: click.echo(f"serving {settings.out} at {url} (Ctrl-C stops)"),
                      host=host, port=port, paths=paths, overrides=options.overrides(), interval=interval,
                      polling=poll, force=options.force, progress=options.display())
    except TeipressError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        click.echo("stopped serving", err=True)


@main.command(short_help="Print the text of a TEI file in a view.")
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
