"""What a build shows while it runs: the bar, the document lines, the summary (from
synthetic BuildEvents), and the flags of `teipress build` that choose them."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

import teipress.cli
from teipress.cli import main
from teipress.errors import Diagnostic
from teipress.events import BUILT, FAILED, SKIPPED, BuildEvent
from teipress.pipeline import BuildReport
from teipress.progress import (BAR, LINES, QUIET, SUMMARY, Display, bar_line, choose_mode, document_line,
                               format_duration, rebuild_summary, remaining_seconds, report_summary, summary_line)

from ..conftest import MAKER_WARNING, SITEMAP_WARNING, tei, write


def _document(done, total=10, seconds=0.0, errors=0, status=BUILT, path="tei/a.xml"):
    return BuildEvent("document", total=total, done=done, errors=errors, path=path, status=status, seconds=seconds)


# The lines, as pure functions

def test_bar_shows_documents_done_errors_and_the_time_left_at_the_pace_so_far():
    assert bar_line(_document(4, seconds=8.0, errors=1), width=10) == (
        "[####------]  4/10 documents, 1 error(s), ETA 0:12")


def test_bar_before_the_first_document_has_no_estimate():
    assert bar_line(BuildEvent("start", total=10), width=10) == "[----------]  0/10 documents, 0 error(s), ETA -:--"


def test_full_bar_has_nothing_left():
    assert bar_line(_document(10, seconds=30.0), width=10) == "[##########] 10/10 documents, 0 error(s), ETA 0:00"


def test_bar_of_an_empty_build_is_empty():
    assert bar_line(BuildEvent("start", total=0), width=4) == "[----] 0/0 documents, 0 error(s), ETA -:--"


def test_remaining_seconds_follow_the_pace():
    assert remaining_seconds(_document(250, total=1000, seconds=10.0)) == 30.0
    assert remaining_seconds(BuildEvent("start", total=1000)) is None


@pytest.mark.parametrize("seconds, shown", [(None, "-:--"), (0, "0:00"), (59.6, "1:00"), (754, "12:34"),
                                            (3725, "1:02:05")])
def test_durations_are_minutes_and_seconds_or_hours(seconds, shown):
    assert format_duration(seconds) == shown


@pytest.mark.parametrize("status, word", [(BUILT, "built"), (SKIPPED, "unchanged"), (FAILED, "failed")])
def test_document_line_gives_the_place_the_status_and_the_path(status, word):
    line = document_line(_document(3, total=120, status=status, path="tei/letter-3.xml"))
    assert line == f"  3/120 {word:<9} tei/letter-3.xml"


def test_summary_counts_documents_time_and_files_with_thousands_separated():
    assert summary_line(998, 0, 2, 12.34, 1234, "output") == (
        "built 998, unchanged 0, failed 2 in 12.3 s: 1,234 file(s) in output")


def test_summary_says_when_the_pages_were_published_if_the_search_index_took_long():
    assert summary_line(1, 999, 0, 12.04, 5, "output", published=0.72) == (
        "built 1, unchanged 999, failed 0 in 12.0 s (pages published after 0.7 s): 5 file(s) in output")
    # A short wait for the archives is not worth a word.
    assert summary_line(1, 1, 0, 1.2, 5, "output", published=0.9) == "built 1, unchanged 1, failed 0 in 1.2 s: 5 file(s) in output"


def test_summary_of_a_report_counts_each_file_with_errors_once():
    diagnostics = [Diagnostic("a.xml", 1, 1, "error", "x"), Diagnostic("a.xml", 2, 1, "error", "y"),
                   Diagnostic("b.xml", 1, 1, "error", "z"), Diagnostic("c.xml", 1, 1, "warning", "w")]
    report = BuildReport(texts=5, written=["x"] * 7, diagnostics=diagnostics, built=2, skipped=1, failed_texts=1,
                         seconds=0.44)
    assert report_summary(report, "site") == "built 2, unchanged 1, failed 2 in 0.4 s: 7 file(s) in site"


def test_rebuild_summary_names_what_changed():
    report = BuildReport(texts=2, written=[], built=1, skipped=1, seconds=0.5)
    summary = "built 1, unchanged 1, failed 0 in 0.5 s: 0 file(s) in output"
    assert rebuild_summary((), report, "output") == summary
    assert rebuild_summary(("tei/a.xml",), report, "output") == f"tei/a.xml changed: {summary}"
    assert rebuild_summary(("tei/a.xml", "tei/b.xml", "x"), report, "output") == f"tei/a.xml and 2 more changed: {summary}"


@pytest.mark.parametrize("verbose, quiet, terminal, mode", [
    (False, False, True, BAR), (False, False, False, SUMMARY), (True, False, True, LINES),
    (True, False, False, LINES), (False, True, True, QUIET), (False, True, False, QUIET),
])
def test_mode_follows_the_flags_then_the_terminal(verbose, quiet, terminal, mode):
    assert choose_mode(verbose, quiet, terminal) == mode


# The display, fed with events

def _shown(mode, events, width=4):
    written = []
    display = Display(mode, written.append, width=width)
    for event in events:
        display(event)
    display.close()
    return written


def test_bar_is_redrawn_in_place_at_most_every_tenth_of_a_second_and_cleared_at_the_end():
    events = [BuildEvent("start", total=3), _document(1, 3, seconds=0.05), _document(2, 3, seconds=0.2),
              _document(3, 3, seconds=0.25), BuildEvent("end", total=3, done=3, seconds=0.3)]
    written = _shown(BAR, events)
    start = "[----] 0/3 documents, 0 error(s), ETA -:--"
    second = "[##--] 2/3 documents, 0 error(s), ETA 0:00"
    last = "[####] 3/3 documents, 0 error(s), ETA 0:00"
    # The first document came too soon after the start to be drawn; the last one is always drawn.
    assert written == ["\r" + start, "\r" + second, "\r" + last, "\r" + " " * len(last) + "\r"]


def test_a_shorter_bar_covers_what_the_longer_one_left():
    long = _document(1, 3, seconds=5000.0)  # ETA 2:46:40
    short = _document(2, 3, seconds=5000.2)  # ETA 41:40, two characters shorter
    written = _shown(BAR, [long, short])
    assert written[:2] == ["\r" + bar_line(long, 4), "\r" + bar_line(short, 4) + "  "]
    assert bar_line(short, 4).endswith("ETA 41:40")


def test_lines_mode_writes_one_line_per_document_and_nothing_else():
    events = [BuildEvent("start", total=2), _document(1, 2, status=SKIPPED, path="a.xml"),
              _document(2, 2, status=FAILED, path="b.xml"), BuildEvent("end", total=2, done=2)]
    assert _shown(LINES, events) == ["1/2 unchanged a.xml\n", "2/2 failed    b.xml\n"]


@pytest.mark.parametrize("mode", [QUIET, SUMMARY])
def test_quiet_and_summary_modes_show_no_progress(mode):
    assert _shown(mode, [BuildEvent("start", total=1), _document(1, 1), BuildEvent("end", total=1, done=1)]) == []


@pytest.mark.parametrize("mode", [BAR, LINES, SUMMARY])
def test_waiting_for_another_build_is_said_on_a_line_of_its_own_unless_quiet(mode):
    waiting = BuildEvent("waiting", path="site")
    written = _shown(mode, [BuildEvent("start", total=3), waiting])
    said = "waiting for another build into site to finish\n"
    start = "[----] 0/3 documents, 0 error(s), ETA -:--"
    assert written == (["\r" + start, "\r" + " " * len(start) + "\r", said] if mode == BAR else [said])
    assert _shown(QUIET, [waiting]) == []


# The flags of `teipress build`

def _build(*args):
    return CliRunner().invoke(main, ["build", "--format", "html", "--build-date", "2000-01-01", *args])


def _progress(stderr: str) -> str:
    """Give what a build printed but the warnings that the edition, having no url, has no sitemap and
    that its headers name no editor (conftest.MAKER_WARNING)."""
    kept, bar = [], ""
    # Lines end in "\n" only: a progress bar drawn before a warning ("…\r" then the warning) is kept.
    for line in stderr.replace(SITEMAP_WARNING + "\n", "").split("\n"):
        if MAKER_WARNING in line:
            bar += line[:line.rfind("\r", 0, line.find(MAKER_WARNING)) + 1]
            continue
        kept.append(bar + line)
        bar = ""
    return "\n".join(kept)


@pytest.fixture
def two_texts(tmp_path):
    folder = tmp_path / "tei"
    write(folder / "a.xml", tei("<p>first</p>", xml_id="a"))
    write(folder / "b.xml", tei("<p>second</p>", xml_id="b"))
    return folder


# The part in brackets appears when the zip and the search index took a second or more (a loaded machine).
SUMMARY_LINE = (r"built {built}, unchanged {skipped}, failed {failed} in \d+\.\d s"
                r"(?: \(pages published after \d+\.\d s\))?: \d+ file\(s\) in {out}")


def test_verbose_shows_each_document_then_the_summary(two_texts, tmp_path):
    out = tmp_path / "out"
    first = _build(str(two_texts), "--out", str(out), "--verbose")
    assert first.exit_code == 0, first.output
    *lines, summary = _progress(first.stderr).splitlines()
    assert sorted(lines) == [f"1/2 built     {two_texts / 'a.xml'}", f"2/2 built     {two_texts / 'b.xml'}"]
    assert re.fullmatch(SUMMARY_LINE.format(built=2, skipped=0, failed=0, out=re.escape(str(out))), summary)
    # Nothing changed: the second build keeps both pages from the cache.
    again = _build(str(two_texts), "--out", str(out), "-v")
    *lines, summary = _progress(again.stderr).splitlines()
    assert sorted(lines) == [f"1/2 unchanged {two_texts / 'a.xml'}", f"2/2 unchanged {two_texts / 'b.xml'}"]
    assert re.fullmatch(SUMMARY_LINE.format(built=0, skipped=2, failed=0, out=re.escape(str(out))), summary)


def test_force_builds_unchanged_documents_again(two_texts, tmp_path):
    out = tmp_path / "out"
    assert _build(str(two_texts), "--out", str(out)).exit_code == 0
    forced = _build(str(two_texts), "--out", str(out), "--force")
    assert re.fullmatch(SUMMARY_LINE.format(built=2, skipped=0, failed=0, out=re.escape(str(out))),
                        forced.stderr.splitlines()[-1]), forced.stderr


def test_without_a_terminal_or_flags_only_the_summary_is_shown(two_texts, tmp_path):
    out = tmp_path / "out"
    result = _build(str(two_texts), "--out", str(out))
    assert result.exit_code == 0
    assert re.fullmatch(SUMMARY_LINE.format(built=2, skipped=0, failed=0, out=re.escape(str(out))) + "\n",
                        _progress(result.stderr))


def test_on_a_terminal_a_bar_is_drawn_and_cleared_before_the_summary(two_texts, tmp_path, monkeypatch):
    monkeypatch.setattr(teipress.cli, "_stderr_is_terminal", lambda: True)
    out = tmp_path / "out"
    result = _build(str(two_texts), "--out", str(out))
    assert result.exit_code == 0
    drawn, summary = _progress(result.stderr).rsplit("\r", 1)
    assert drawn.startswith("\r[------------------------] 0/2 documents, 0 error(s), ETA -:--")
    assert "\r[########################] 2/2 documents, 0 error(s), ETA 0:00" in drawn
    assert re.fullmatch(SUMMARY_LINE.format(built=2, skipped=0, failed=0, out=re.escape(str(out))) + "\n", summary)


def test_quiet_shows_nothing_but_errors(two_texts, tmp_path):
    out = tmp_path / "out"
    write(two_texts / "c.xml", tei('<p><persName ref="people.xml#x">X</persName></p>', xml_id="c"))  # a warning
    clean = _build(str(two_texts), "--out", str(out), "--quiet")
    assert (clean.exit_code, clean.stderr, clean.stdout) == (0, "", "")
    write(two_texts / "broken.xml", "<TEI>")
    broken = _build(str(two_texts), "--out", str(out), "-q")
    assert broken.exit_code == 1
    assert broken.stderr == f"{two_texts / 'broken.xml'}:1:6: error: not well-formed: Premature end of data in tag TEI line 1\n"


def test_verbose_and_quiet_together_are_a_usage_error(two_texts):
    result = _build(str(two_texts), "-v", "-q")
    assert result.exit_code == 2
    assert result.stderr == "teipress: --verbose and --quiet cannot be used together\n"


def test_jobs_must_be_at_least_one(two_texts):
    result = _build(str(two_texts), "--jobs", "0")
    assert result.exit_code == 2
    assert "Invalid value for '--jobs' / '-j': 0 is not in the range x>=1." in result.stderr


def test_jobs_and_force_reach_the_build(tmp_path, monkeypatch):
    """--jobs, else [build] jobs, else None (one per core); --force as given."""
    import teipress.tasks

    calls = []
    monkeypatch.setattr(teipress.tasks, "build", lambda *args, **kwargs: calls.append(kwargs) or BuildReport())
    runner = CliRunner()
    runner.invoke(main, ["build", "--edition", str(tmp_path)])
    write(tmp_path / "teipress.toml", "[build]\njobs = 3\n")
    runner.invoke(main, ["build", "--edition", str(tmp_path)])
    runner.invoke(main, ["build", "--edition", str(tmp_path), "--jobs", "1", "--force"])
    assert [(c["jobs"], c["force"]) for c in calls] == [(None, False), (3, False), (1, True)]
