"""What a build shows on the terminal while it runs: a progress bar or one line per
document, and the summary at its end.

The lines are made by pure functions of :class:`~teipress.events.BuildEvent`s and
of the build report; :class:`Display` draws them through a ``write`` callable the
command line gives it, so nothing here prints.

Not rich.progress (tried, rich 15): off a terminal it wrote a stray empty line where
nothing at all must be written (the summary is the whole of stderr), on a terminal it
redraws from a thread of its own with colour and cursor escapes, and importing it costs
~50 ms on every build; what it would add (columns, colours) the build does not need."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .events import BUILT, FAILED, SKIPPED, BuildEvent

# How the progress of a build is shown.
BAR = "bar"  # a bar redrawn in place (stderr is a terminal)
LINES = "lines"  # one line per document (--verbose)
QUIET = "quiet"  # nothing but errors (--quiet)
SUMMARY = "summary"  # no progress, the summary at the end (stderr is a file or a pipe)

# What the summary and the document lines call each status.
STATUS_WORDS = {BUILT: "built", SKIPPED: "unchanged", FAILED: "failed"}

# Redraw the bar at most this often (seconds of build time): a terminal drawing
# ten thousand lines a second slows the build it reports on.
_REDRAW_EVERY = 0.1


def choose_mode(verbose: bool, quiet: bool, is_terminal: bool) -> str:
    """Give the display mode for the flags ``--verbose``/``--quiet`` and whether stderr is a terminal."""
    if quiet:
        return QUIET
    if verbose:
        return LINES
    return BAR if is_terminal else SUMMARY


def remaining_seconds(event: BuildEvent) -> float | None:
    """Give the estimated seconds until the build ends, at the pace so far (None before the first document)."""
    if not event.done or not event.total:
        return None
    return event.seconds / event.done * max(event.total - event.done, 0)


def format_duration(seconds: float | None) -> str:
    """Give ``seconds`` as ``m:ss`` or ``h:mm:ss`` (``-:--`` when unknown)."""
    if seconds is None:
        return "-:--"
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def bar_line(event: BuildEvent, width: int = 24) -> str:
    """Give the progress bar of a build at ``event``: documents done of the total, errors so far, ETA."""
    filled = width * event.done // event.total if event.total else 0
    digits = len(str(event.total))
    return (f"[{'#' * filled}{'-' * (width - filled)}] {event.done:>{digits}}/{event.total} documents, "
            f"{event.errors} error(s), ETA {format_duration(remaining_seconds(event))}")


def document_line(event: BuildEvent) -> str:
    """Give the line of one finished document: its place in the build, its status and its path."""
    digits = len(str(event.total))
    word = STATUS_WORDS.get(event.status, event.status)
    return f"{event.done:>{digits}}/{event.total} {word:<9} {event.path}"


def summary_line(built: int, skipped: int, failed: int, seconds: float, files: int, out: str | Path,
                 published: float = 0.0) -> str:
    """Give the last line of a build: documents built, kept as unchanged and failed, the time and the output.

    When the zip and the search index, made after the pages were published, took a
    second or more, the line also says when the pages were there."""
    pages = f" (pages published after {published:.1f} s)" if published and seconds - published >= 1.0 else ""
    return (f"built {built:,}, unchanged {skipped:,}, failed {failed:,} in {seconds:.1f} s{pages}: "
            f"{files:,} file(s) in {out}")


def report_summary(report, out: str | Path) -> str:
    """Give the :func:`summary_line` of a :class:`~teipress.pipeline.BuildReport`.

    The failed documents are the files with an error: texts that did not build and
    files that could not be read as TEI at all."""
    failed = len({d.file for d in report.diagnostics if d.is_error})
    return summary_line(report.built, report.skipped, failed, report.seconds, len(report.written), out,
                        getattr(report, "published", 0.0))


def rebuild_summary(changed, report, out: str | Path) -> str:
    """Give the line of one rebuild of ``teipress watch``: the files whose change caused it, then the summary."""
    if not changed:
        return report_summary(report, out)
    more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
    return f"{changed[0]}{more} changed: {report_summary(report, out)}"


class Display:
    """A build's progress callback that draws it in one of the modes BAR, LINES, QUIET, SUMMARY."""

    def __init__(self, mode: str, write: Callable[[str], None], width: int = 24):
        self.mode, self.write, self.width = mode, write, width
        self._drawn = ""  # the bar now on the screen, to overwrite it
        self._last_draw: float | None = None

    def __call__(self, event: BuildEvent) -> None:
        if event.kind == "waiting":
            if self.mode != QUIET:
                self.close()  # on a line of its own, not after a bar a failed build left
                self.write(f"waiting for another build into {event.path} to finish\n")
        elif self.mode == LINES and event.kind == "document":
            self.write(document_line(event) + "\n")
        elif self.mode == BAR:
            if event.kind == "end":
                self.close()
            elif event.kind == "start" or self._due(event):
                self._draw(bar_line(event, self.width))
                self._last_draw = event.seconds

    def _due(self, event: BuildEvent) -> bool:
        return (event.kind == "document"
                and (self._last_draw is None or event.done >= event.total
                     or event.seconds - self._last_draw >= _REDRAW_EVERY))

    def _draw(self, line: str) -> None:
        # Back to the start of the line; spaces cover what a longer previous bar left.
        self.write("\r" + line + " " * max(len(self._drawn) - len(line), 0))
        self._drawn = line

    def close(self) -> None:
        """Take the bar off the screen (if one is drawn), so what follows starts on a clean line."""
        if self._drawn:
            self.write("\r" + " " * len(self._drawn) + "\r")
            self._drawn = ""
