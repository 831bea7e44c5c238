"""An interrupted or failed build leaves the previous output as it was, with no staging debris."""

from __future__ import annotations

import pytest

from teipress.config import Settings
from teipress.errors import TransformError
from teipress import workers
from teipress.cache import CACHE_FOLDER, BuildCache
from teipress.pipeline import build
from teipress.writers import html as html_writer

from ..conftest import MINIMAL_HEADER, tei, write


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _beside(out):
    """The names in the output's parent folder but the build cache (which lives beside the output)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name != CACHE_FOLDER)


@pytest.fixture
def edition(tmp_path, stylesheets):
    """A built edition (two texts) and an unrelated file in its output; gives (sources, out)."""
    sources = tmp_path / "tei"
    write(sources / "one.xml", tei("<p>first version</p>", xml_id="one"))
    write(sources / "two.xml", tei("<p>second text</p>", xml_id="two"))
    out = tmp_path / "output"
    write(out / "README.md", "not ours: keep me")
    report = build([sources], out, "html", Settings(title="E", build_date="2000-01-01"), stylesheets)
    assert not report.failed
    return sources, out


def test_interrupted_build_keeps_the_previous_output(edition, stylesheets, monkeypatch):
    sources, out = edition
    before = _snapshot(out)
    write(sources / "one.xml", tei("<p>second version</p>", xml_id="one"))
    calls = []
    real_write = html_writer.atomic_write

    def interrupting_write(path, data):
        # Let a few files reach the staging folder, then interrupt as Ctrl-C would.
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_write(path, data)

    # Every output's files are written by its writer module.
    from teipress.writers import data as data_writer, tei as tei_writer

    for module in (html_writer, tei_writer, data_writer):
        monkeypatch.setattr(module, "atomic_write", interrupting_write)
    with pytest.raises(KeyboardInterrupt):
        build([sources], out, "html", Settings(title="E", build_date="2000-01-01"), stylesheets)
    assert len(calls) == 3
    assert _snapshot(out) == before
    assert _beside(out) == ["output", "tei"]  # no staging folder left


def test_failed_stylesheet_keeps_the_previous_output(edition, stylesheets, monkeypatch):
    sources, out = edition
    before = _snapshot(out)

    real_run = stylesheets.run

    def failing_run(name, *args, **kwargs):
        if name == "html/pages.xsl":
            raise TransformError("html/pages.xsl: the transformation failed")
        return real_run(name, *args, **kwargs)

    monkeypatch.setattr(stylesheets, "run", failing_run)
    # A new title: the edition's pages (which list it) must be made again, and their stylesheet fails.
    write(sources / "one.xml", tei("<p>second version</p>", xml_id="one", header=MINIMAL_HEADER.replace("<title>T</title>", "<title>New</title>")))
    with pytest.raises(TransformError):
        build([sources], out, "html", Settings(title="E", build_date="2000-01-01"), stylesheets)
    assert _snapshot(out) == before
    assert _beside(out) == ["output", "tei"]


def test_finished_build_replaces_the_output_and_keeps_unrelated_files(edition, stylesheets):
    sources, out = edition
    write(sources / "one.xml", tei("<p>second version</p>", xml_id="one"))
    report = build([sources], out, "html", Settings(title="E", build_date="2000-01-01"), stylesheets)
    assert not report.failed
    assert "second version" in (out / "one.html").read_text(encoding="utf-8")
    assert (out / "README.md").read_text() == "not ours: keep me"
    assert all(path.is_file() and path.parent.resolve().is_relative_to(out.resolve()) for path in report.written)
    assert _beside(out) == ["output", "tei"]


def test_the_output_folder_stays_the_same_folder_and_mirrors_the_build(edition, stylesheets):
    """A server started inside the output keeps serving it (same folder); files teipress wrote
    that the build dropped go, files it did not write stay."""
    sources, out = edition
    inode = out.stat().st_ino
    old_index = {p.relative_to(out).as_posix() for p in (out / "pagefind").rglob("*") if p.is_file()}
    write(out / "pagefind" / "not-ours.pf", "an editor's file")  # not written by teipress: kept
    write(sources / "one.xml", tei("<p>first version, revised</p>", xml_id="one"))  # a new fragment for it
    (sources / "two.xml").unlink()
    report = build([sources], out, "html", Settings(title="E", build_date="2000-01-01"), stylesheets)
    assert not report.failed
    assert out.stat().st_ino == inode
    new_index = _search_index(out)
    written = {p.relative_to(out).as_posix() for p in report.written if p.relative_to(out).parts[0] == "pagefind"}
    assert written and written <= new_index
    assert old_index - new_index, "the test needs an index fragment that the new index no longer has"
    now = {p.relative_to(out).as_posix() for p in (out / "pagefind").rglob("*") if p.is_file()}
    assert now == new_index | {"pagefind/not-ours.pf"}
    assert (out / "README.md").is_file()
    # A text no longer in the corpus keeps its old page (teipress never deletes what it did not replace).
    assert (out / "two.html").is_file()


def test_a_build_stopped_by_sigterm_leaves_the_previous_output_and_no_staging_folder(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from ..test_incremental import _letters

    sources = tmp_path / "tei"
    sources.mkdir()
    _letters(sources, 30)
    out = tmp_path / "output"
    write(out / "index.html", "previous")
    from pathlib import Path

    command = [str(Path(sys.executable).parent / "teipress"), "build", str(sources), "--out", str(out), "--format", "html",
               "--jobs", "1", "--build-date", "2000-01-01"]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    work = tmp_path / CACHE_FOLDER / "output"
    while not (work.is_dir() and any(p.name.startswith("staging-") for p in work.iterdir())):
        assert process.poll() is None and time.monotonic() < deadline, "the build ended before it staged anything"
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) != 0
    assert (out / "index.html").read_text() == "previous"
    assert _beside(out) == ["output", "tei"]


@pytest.mark.parametrize("change", ["force", "settings"])
def test_a_full_rebuild_removes_the_files_its_units_no_longer_write(edition, stylesheets, change):
    """--force and a changed setting forget what was built: the old search index's fragments
    (teipress's own files, no longer part of the index) must still go."""
    sources, out = edition
    old_index = {p.relative_to(out).as_posix() for p in (out / "pagefind").rglob("*") if p.is_file()}
    settings = Settings(title="E", build_date="2000-01-01" if change == "force" else "2001-02-03")
    write(sources / "one.xml", tei("<p>first version, revised</p>", xml_id="one"))  # a new fragment for it
    report = build([sources], out, "html", settings, stylesheets, force=change == "force")
    assert not report.failed
    new_index = _search_index(out)
    assert old_index - new_index, "the test needs an index fragment that the new index no longer has"
    now = {p.relative_to(out).as_posix() for p in (out / "pagefind").rglob("*") if p.is_file()}
    assert now == new_index


def _search_index(out) -> set[str]:
    """The files of the search index as the build recorded them: those it published this time
    and the unchanged parts' files it kept where they were."""
    files = set(BuildCache.load(out).units["archive:search"].files)
    assert files and all((out / name).is_file() for name in files)
    return files
