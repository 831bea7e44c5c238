"""The output folder under attack (issue 11): a build replaces only what teipress wrote,
refuses folders that are not its own, waits for another build, survives a full or
read-only disk and a cross-device output, and cleans up after a kill -9."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from teipress import pipeline, publish
from teipress.cache import CACHE_FOLDER, cache_dir
from teipress.cli import main
from teipress.config import Settings
from teipress.errors import OutputError, UsageError
from teipress.pipeline import build
from teipress.publish import OutputLock, PublishConflict
from teipress.scaffold import create_edition

from ..conftest import tei, write

SETTINGS = Settings(title="E", build_date="2000-01-01")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _cli(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def edition(tmp_path, stylesheets):
    """Two small texts built into ``out`` (HTML); gives (sources, out)."""
    sources = tmp_path / "tei"
    write(sources / "one.xml", tei("<p>first text</p>", xml_id="one"))
    write(sources / "two.xml", tei("<p>second text</p>", xml_id="two"))
    out = tmp_path / "out"
    assert not build([sources], out, "html", SETTINGS, stylesheets).failed
    return sources, out


def _no_staging(out: Path) -> bool:
    work = cache_dir(out)
    return not [p for p in work.iterdir() if p.name.startswith(publish.STAGING_PREFIX)] if work.is_dir() else True


# 1. An `out` that names a file.

def test_an_out_in_the_settings_that_is_a_file_is_refused_and_the_file_kept(tmp_path):
    ed = tmp_path / "ed"
    create_edition(ed)
    registers = ed / "tei" / "registers.xml"
    before = registers.read_bytes()
    settings = (ed / "teipress.toml").read_text(encoding="utf-8")
    (ed / "teipress.toml").write_text(settings.replace('# out = "output"', 'out = "tei/registers.xml"'), encoding="utf-8")
    result = _cli("build", "--edition", str(ed), "--format", "html")
    assert result.exit_code == 2
    assert "the output folder is a file, not a folder" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert registers.is_file() and registers.read_bytes() == before


# 13. Folders that may not be the output.

@pytest.mark.parametrize("out, why", [
    ("tei/published", "cannot be inside the texts"),
    ("tei", "cannot hold the texts"),
    (".", "cannot hold the edition folder"),
    ("..", "cannot hold the edition folder"),
    ("/", "cannot be the root of the file system"),
])
def test_outputs_that_would_overwrite_or_read_the_edition_are_refused(tmp_path, out, why):
    ed = tmp_path / "ed"
    create_edition(ed)
    before = _snapshot(ed)
    result = _cli("build", "--edition", str(ed), "--format", "html", "--out", str(ed / out) if out != "/" else "/")
    assert result.exit_code == 2, result.output
    assert why in result.stderr
    assert _snapshot(ed) == before  # nothing written, nothing lost


def test_an_output_folder_that_is_a_symlink_is_written_through_and_stays_a_link(tmp_path, stylesheets):
    sources = tmp_path / "tei"
    write(sources / "one.xml", tei("<p>through the link</p>", xml_id="one"))
    web_root = tmp_path / "www"
    web_root.mkdir()
    link = tmp_path / "out"
    link.symlink_to(web_root, target_is_directory=True)
    assert not build([sources], link, "html", SETTINGS, stylesheets).failed
    assert link.is_symlink()
    assert "through the link" in (web_root / "one.html").read_text(encoding="utf-8")
    write(sources / "one.xml", tei("<p>second version</p>", xml_id="one"))
    assert not build([sources], link, "html", SETTINGS, stylesheets).failed
    assert link.is_symlink() and "second version" in (web_root / "one.html").read_text(encoding="utf-8")


def test_a_symlink_inside_the_output_is_never_written_through(edition, tmp_path, stylesheets):
    sources, out = edition
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere / "keep.txt", "outside the output")
    for path in (out / "tei").iterdir():
        path.unlink()
    (out / "tei").rmdir()
    (out / "tei").symlink_to(elsewhere, target_is_directory=True)
    write(sources / "one.xml", tei("<p>changed</p>", xml_id="one"))
    before = _snapshot(out)
    with pytest.raises(PublishConflict, match="a symbolic link is in the way"):
        build([sources], out, "html", SETTINGS, stylesheets)
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert _snapshot(out) == before and _no_staging(out)


# 2. Publishing replaces only what teipress wrote; one build at a time.

def test_files_made_in_the_output_during_the_build_are_kept(edition, stylesheets, monkeypatch):
    sources, out = edition
    write(out / "notes.md", "version 1")
    real_publish = pipeline.publish

    def publish_after_an_editor_saved(staging, target, written):
        # While the build runs, an editor creates one file and saves another (atomically, by rename).
        write(out / "created-during-the-build.txt", "new")
        write(out / ".notes.md.tmp", "version 2")
        os.replace(out / ".notes.md.tmp", out / "notes.md")
        return real_publish(staging, target, written)

    monkeypatch.setattr(pipeline, "publish", publish_after_an_editor_saved)
    write(sources / "one.xml", tei("<p>changed</p>", xml_id="one"))
    assert not build([sources], out, "html", SETTINGS, stylesheets).failed
    assert (out / "created-during-the-build.txt").read_text() == "new"
    assert (out / "notes.md").read_text() == "version 2"
    assert "changed" in (out / "one.html").read_text(encoding="utf-8")


def test_a_file_teipress_did_not_write_is_not_replaced(edition, stylesheets):
    sources, out = edition
    (out / "about.html").unlink()
    write(out / "about.html", "an editor's own page")
    cache = json.loads((cache_dir(out) / "manifest.json").read_text())
    del cache["written"]["about.html"]
    for unit in cache["units"].values():
        unit["files"].pop("about.html", None)
    (cache_dir(out) / "manifest.json").write_text(json.dumps(cache))
    before = _snapshot(out)
    result = _cli("build", str(sources), "--out", str(out), "--format", "html", "--build-date", "2000-01-01",
                  "--title", "E")
    assert result.exit_code == 2
    assert f"{out / 'about.html'}: a file teipress did not write" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(out) == before and _no_staging(out)


def test_a_second_build_waits_for_the_first(edition, tmp_path):
    sources, out = edition
    write(sources / "one.xml", tei("<p>built by the second build</p>", xml_id="one"))
    command = [str(Path(sys.executable).parent / "teipress"), "build", str(sources), "--out", str(out),
               "--format", "html", "--jobs", "1", "--build-date", "2000-01-01", "--title", "E"]
    with OutputLock(cache_dir(out)):
        process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        # The other build says it waits, and writes nothing while the lock is held.
        line = process.stderr.readline()
        assert "waiting for another build into" in line, line
        time.sleep(1.0)
        assert process.poll() is None
        assert "built by the second build" not in (out / "one.html").read_text(encoding="utf-8")
        assert time.monotonic() < deadline
    assert process.wait(timeout=120) == 0, process.stderr.read()
    assert "built by the second build" in (out / "one.html").read_text(encoding="utf-8")


def test_builds_of_different_formats_keep_each_others_files(edition, stylesheets):
    sources, out = edition
    html = _snapshot(out)
    assert not build([sources], out, "epub", SETTINGS, stylesheets).failed
    after = _snapshot(out)
    assert "edition.epub" in after
    assert {name: after[name] for name in html} == html  # the HTML build's files are all there, unchanged


# 3. and 10. Other file systems, and file systems that refuse.

def test_an_output_on_another_file_system_is_published_by_copying(edition, stylesheets, monkeypatch):
    sources, out = edition
    real_replace = os.replace
    crossed = []

    def replace(source, target, *args, **kwargs):
        # As across a mount point: a rename out of the staging folder fails with EXDEV.
        if CACHE_FOLDER in str(source) and CACHE_FOLDER not in str(target):
            crossed.append(target)
            raise OSError(errno.EXDEV, "Invalid cross-device link", str(source), None, str(target))
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(publish.os, "replace", replace)
    write(sources / "one.xml", tei("<p>across devices</p>", xml_id="one"))
    assert not build([sources], out, "html", SETTINGS, stylesheets).failed
    assert crossed and "across devices" in (out / "one.html").read_text(encoding="utf-8")
    assert _no_staging(out)
    assert not [p for p in out.rglob("*") if p.name.endswith(publish.BACKUP_SUFFIX)]


def _mount_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


@pytest.fixture
def tmpfs(tmp_path):
    """A tmpfs mount point (a file system of its own), when this machine lets the tests mount one."""
    mounted = []

    def mount(folder: Path, size: str = "16m") -> Path:
        if not _mount_tmpfs(folder, size):
            pytest.skip("mounting a tmpfs is not permitted here")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_an_output_that_is_a_mount_point_builds(tmp_path, tmpfs, stylesheets):
    sources = tmp_path / "tei"
    write(sources / "one.xml", tei("<p>on a volume</p>", xml_id="one"))
    out = tmpfs(tmp_path / "volume")
    assert not build([sources], out, "html", SETTINGS, stylesheets).failed
    assert "on a volume" in (out / "one.html").read_text(encoding="utf-8")
    assert _no_staging(out)


def test_a_full_disk_is_one_line_with_the_path_and_the_output_as_it_was(tmp_path, tmpfs, stylesheets):
    sources = tmp_path / "tei"
    write(sources / "one.xml", tei("<p>small</p>", xml_id="one"))
    out = tmpfs(tmp_path / "small", "2m")
    assert not build([sources], out, "html", SETTINGS, stylesheets).failed
    before = _snapshot(out)
    write(out / "filler", "")
    (out / "filler").write_bytes(os.urandom(1) * (2 * 1024 * 1024 - sum(len(v) for v in before.values()) - 300_000))
    before = _snapshot(out)
    # A much larger text: its page cannot fit in what is left.
    write(sources / "one.xml", tei("".join(f"<p>paragraph {n} {'word ' * 120}</p>" for n in range(600)), xml_id="one"))
    result = _cli("build", str(sources), "--out", str(out), "--format", "html", "--build-date", "2000-01-01",
                  "--title", "E")
    assert result.exit_code == 3, result.output
    assert "No space left on device" in result.stderr and str(out) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert _snapshot(out) == before and _no_staging(out)


def _immutable(path: Path, on: bool) -> bool:
    return subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True).returncode == 0


def test_a_folder_that_refuses_writes_stops_the_publication_and_puts_everything_back(edition):
    sources, out = edition
    write(sources / "one.xml", tei("<p>new words</p>", xml_id="one"))
    write(sources / "three.xml", tei("<p>third</p>", xml_id="three"))
    before = _snapshot(out)
    if not _immutable(out / "tei", True):
        pytest.skip("chattr +i is not permitted here")
    try:
        result = _cli("build", str(sources), "--out", str(out), "--format", "html", "--build-date", "2000-01-01",
                      "--title", "E")
    finally:
        _immutable(out / "tei", False)
    assert result.exit_code == 3, result.output
    assert "Operation not permitted" in result.stderr and str(out / "tei") in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(out) == before  # no new page beside old TEI copies: nothing half-published
    assert _no_staging(out)


def test_a_move_that_fails_half_way_puts_back_what_it_replaced(edition, stylesheets, monkeypatch):
    sources, out = edition
    write(sources / "one.xml", tei("<p>new words</p>", xml_id="one"))
    before = _snapshot(out)
    real_move, moved = publish.move, []

    def failing_move(source, target):
        if len(moved) == 2:  # of the three files of the text: its page, its TEI copy and the open data copy
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        moved.append(target)
        real_move(source, target)

    monkeypatch.setattr(publish, "move", failing_move)
    with pytest.raises(OutputError, match="No space left on device"):
        build([sources], out, "html", SETTINGS, stylesheets)
    assert len(moved) == 2
    assert _snapshot(out) == before and _no_staging(out)


# 11. A damaged cache.

def test_a_manifest_with_wrong_types_is_a_warning_and_a_full_build(edition, stylesheets):
    sources, out = edition
    manifest = cache_dir(out) / "manifest.json"
    data = json.loads(manifest.read_text())
    data["sources"] = {"x": {"hash": 3, "kind": [], "id": None, "n": {}}}
    data["units"] = {"site": {"key": 1, "files": {"index.html": "big"}}}
    manifest.write_text(json.dumps(data))
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert not report.failed and report.built == 2
    assert any("the build cache is damaged" in d.message and d.severity == "warning" for d in report.diagnostics)
    assert build([sources], out, "html", SETTINGS, stylesheets).skipped == 2  # and the next build is quick again


def test_an_extract_edited_behind_the_cache_is_made_again(edition, stylesheets):
    sources, out = edition
    extract = next((cache_dir(out) / "extracts").glob("*.xml"))
    extract.write_bytes(extract.read_bytes().replace(b"<title>T</title>", b"<title>Forged</title>"))
    report = build([sources], out, "html", Settings(title="Another title", build_date="2000-01-01"), stylesheets)
    assert not report.failed
    assert "Forged" not in (out / "index.html").read_text(encoding="utf-8")


# 12. Names that would collide.

@pytest.mark.parametrize("text_id", ["index", "search", "edition", "persons"])
def test_a_text_named_like_an_edition_page_gets_its_own_name(tmp_path, stylesheets, text_id):
    sources = tmp_path / "tei"
    write(sources / f"{text_id}.xml", tei("<p>the text's own words</p>", xml_id=text_id))
    write(sources / "other.xml", tei("<p>another text</p>", xml_id="other"))
    out = tmp_path / "out"
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert not report.failed
    warning = next(d for d in report.diagnostics if f"the text id '{text_id}'" in d.message)
    new_id = f"{text_id}-text"
    assert f"this text's pages are named '{new_id}' instead" in warning.message
    assert "the text's own words" in (out / f"{new_id}.html").read_text(encoding="utf-8")
    if text_id in ("index", "search"):
        page = (out / f"{text_id}.html").read_text(encoding="utf-8")
        assert "the text's own words" not in page and f'href="{new_id}.html"' in (out / "index.html").read_text()
    # A rebuild with nothing changed keeps every page as it is.
    before = _snapshot(out)
    assert build([sources], out, "html", SETTINGS, stylesheets).skipped == 2
    assert _snapshot(out) == before


def test_texts_with_the_same_file_name_in_two_folders_keep_their_folders(tmp_path, stylesheets):
    sources = tmp_path / "tei"
    write(sources / "a" / "letter.xml", tei("<p>letter from a</p>", xml_id="letter-a"))
    write(sources / "b" / "letter.xml", tei("<p>letter from b</p>", xml_id="letter-b"))
    out = tmp_path / "out"
    assert not build([sources], out, "html", SETTINGS, stylesheets).failed
    for folder in ("a", "b"):
        assert f"letter from {folder}" in (out / "tei" / folder / "letter.xml").read_text(encoding="utf-8")
        assert f"letter from {folder}" in (out / "data" / "tei" / folder / "letter.xml").read_text(encoding="utf-8")
        assert f'href="tei/{folder}/letter.xml"' in (out / f"letter-{folder}.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(out / "data" / "edition-data.zip") as archive:
        names = archive.namelist()
    assert len(names) == len(set(names))
    assert {"tei/a/letter.xml", "tei/b/letter.xml"} <= set(names)


# 15. After a kill -9.

def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_after_a_kill_the_workers_end_and_the_next_build_cleans_up(tmp_path):
    from ..test_incremental import _letters

    sources = tmp_path / "tei"
    sources.mkdir()
    _letters(sources, 40)
    out = tmp_path / "output"
    command = [str(Path(sys.executable).parent / "teipress"), "build", str(sources), "--out", str(out),
               "--format", "html", "--jobs", "2", "--build-date", "2000-01-01"]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    work = tmp_path / CACHE_FOLDER / "output"
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while not (workers and work.is_dir() and any(p.name.startswith("staging-") for p in work.iterdir())):
        assert process.poll() is None and time.monotonic() < deadline, "the build ended before it staged anything"
        workers = [c for c in _children(process.pid) if "python" in Path(f"/proc/{c}/cmdline").read_text()]
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    deadline = time.monotonic() + 15
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers), [Path(f"/proc/{w}/cmdline").read_bytes() for w in workers if _alive(w)]
    assert any(p.name.startswith("staging-") for p in work.iterdir())  # what the kill left
    result = _cli("build", str(sources), "--out", str(out), "--format", "html", "--jobs", "1",
                  "--build-date", "2000-01-01")
    assert result.exit_code == 0, result.output
    assert not [p for p in work.iterdir() if p.name.startswith("staging-")]
    assert not [p for p in out.rglob("*") if p.name.startswith((".pagefind", ".teipress"))]


def test_leftovers_of_older_versions_are_cleaned(edition, stylesheets):
    sources, out = edition
    (out.parent / f".teipress-{out.name}.staging.abc123").mkdir()
    write(out / ".pagefind.xyz" / "pagefind-entry.json", "{}")
    write(out / "tei" / f".one.xml{publish.BACKUP_SUFFIX}", "a copy a publication kept")
    build([sources], out, "html", SETTINGS, stylesheets)
    assert not (out.parent / f".teipress-{out.name}.staging.abc123").exists()
    assert not (out / ".pagefind.xyz").exists()
    assert not (out / "tei" / f".one.xml{publish.BACKUP_SUFFIX}").exists()


# 17. Sanity limits.

def test_jobs_are_at_most_the_cores_and_the_texts(monkeypatch):
    from teipress import execute

    monkeypatch.setattr(execute.os, "cpu_count", lambda: 2)
    assert execute.processes(100_000, 30, 30, pages=True, pdf=False) == 2
    assert execute.processes(100_000, 1, 30, pages=False, pdf=True) == 1


def test_a_stylesheet_folder_without_teipress_stylesheets_is_refused_before_reading_it(tmp_path, monkeypatch):
    sources = tmp_path / "tei"
    write(sources / "one.xml", tei("<p>x</p>", xml_id="one"))
    folder = tmp_path / "big"
    write(folder / "unrelated.txt", "many files")
    read = []
    monkeypatch.setattr(pipeline, "build_fingerprint", lambda *a: read.append(a) or "x")
    with pytest.raises(UsageError, match="not a folder of teipress stylesheets"):
        build([sources], tmp_path / "out", "html", Settings(stylesheets=folder))
    assert read == []


# 8. One text's failure of any kind.

def test_any_failure_of_one_text_is_its_diagnostic_and_the_rest_is_built(edition, stylesheets, monkeypatch):
    sources, out = edition
    from teipress import workers

    real = workers.TextBuilder._build

    def deep(self, task, result):
        if task.text.id == "two":
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, task, result)

    monkeypatch.setattr(workers.TextBuilder, "_build", deep)
    write(sources / "one.xml", tei("<p>one, rebuilt</p>", xml_id="one"))
    write(sources / "two.xml", tei("<p>two, rebuilt</p>", xml_id="two"))
    report = build([sources], out, "html", SETTINGS, stylesheets, jobs=1)
    errors = [d for d in report.diagnostics if d.is_error]
    assert [(Path(d.file).name, d.message) for d in errors] == [
        ("two.xml", "the text is nested too deeply to be laid out; nothing of it was published")]
    assert "one, rebuilt" in (out / "one.html").read_text(encoding="utf-8")
    assert report.failed_texts == 1 and report.built == 1
