"""Building on a Dask cluster: the bytes of a local build, with workers that read no file of
the build's machine; stylesheets compiled once per worker; a text's failure is its diagnostic;
a scheduler that cannot be reached is one line.

Outside CI a machine without Dask's ``distributed`` skips these tests; in CI (CI=true) the
test extra installs it, and its absence fails them."""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from teipress.cli import main
from teipress.config import Settings, load_settings
from teipress.errors import UsageError
from teipress.pipeline import build

from .conftest import BRACKETED_CORRECTIONS, FIXTURES, write
from .security.test_images import _png
from .test_incremental import _letters

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
try:
    import distributed
except ImportError:  # never in CI: the test extra installs it, and then this fails instead
    if IN_CI:
        raise
    pytest.skip("Dask's distributed is not installed (pip install 'teipress[dask]')", allow_module_level=True)

from teipress import cluster, cluster_worker  # noqa: E402 - after the check above


@pytest.fixture(scope="module")
def scheduler():
    """The address of a cluster of two worker processes on this machine, for the module's tests."""
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as local:
        yield local.scheduler_address


def _edition(tmp_path: Path, images: bool, overrides: bool) -> tuple[Path, Settings]:
    """Make an edition folder: the mini texts and three generated letters, each pointing into
    the one before. With ``images``, letter 2 shows an image, a symbolic link to an image
    elsewhere in the edition, a file that is no image, an image outside the edition and a
    missing one. With ``overrides``, an override folder brackets corrections in the pages
    and the PDFs and replaces the EPUB's CSS. Give the folder and its settings."""
    folder = tmp_path / "ed"
    sources = folder / "tei"
    shutil.copytree(FIXTURES / "mini", sources)
    _letters(sources, 3)
    if images:
        _png(sources / "images" / "fig.png", 4, 4, "the image")
        _png(sources / "elsewhere" / "real.png", 3, 5, "the linked image")
        os.symlink(sources / "elsewhere" / "real.png", sources / "images" / "link.png")
        write(sources / "images" / "notes.txt", "not an image")
        _png(tmp_path / "outside.png", 2, 2, "outside the edition")
        figures = "".join(f'<figure><graphic url="{url}"/></figure>' for url in
                          ["images/fig.png", "images/link.png", "images/notes.txt", "../../outside.png", "images/none.png"])
        letter = sources / "letter-2.xml"
        letter.write_text(letter.read_text(encoding="utf-8").replace("<closer>", figures + "<closer>"), encoding="utf-8")
    settings = Settings(title="Letters", build_date="2026-11-24", folder=folder)
    if overrides:
        write(folder / "overrides" / "html" / "brackets.xsl", BRACKETED_CORRECTIONS)
        write(folder / "overrides" / "print" / "brackets.xsl", BRACKETED_CORRECTIONS)
        write(folder / "overrides" / "epub" / "epub.css", "body { margin: 1em; }\n")
        settings = settings.with_overrides(stylesheets=folder / "overrides")
    return folder, settings


def _files(out: Path) -> dict[str, bytes]:
    # Pagefind's index is not byte-reproducible from run to run (its filter files' names vary), so it is left out.
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and "pagefind" not in p.relative_to(out).parts}


def _both(folder: Path, settings: Settings, scheduler: str, tmp_path: Path):
    """Build the edition with ``--jobs 1`` and on the cluster; give both reports and both outputs' files."""
    local = build([folder / "tei"], tmp_path / "local", "all", settings, jobs=1)
    remote = build([folder / "tei"], tmp_path / "remote", "all", settings.with_overrides(scheduler=scheduler))
    assert not local.failed and not remote.failed, [str(d) for d in remote.diagnostics]
    assert local.built == remote.built == 5
    assert sorted(map(str, local.diagnostics)) == sorted(map(str, remote.diagnostics))
    ours, theirs = _files(tmp_path / "local"), _files(tmp_path / "remote")
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert theirs["letter-2.pdf"].startswith(b"%PDF") and "edition.epub" in theirs
    assert "Letter 1" in theirs["letter-2.html"].decode("utf-8")  # the link into the letter before
    return remote, theirs


def test_a_cluster_build_with_images_gives_the_bytes_of_a_local_build(scheduler, tmp_path):
    folder, settings = _edition(tmp_path, images=True, overrides=False)
    report, files = _both(folder, settings, scheduler, tmp_path)
    # The images shown travelled to the worker; the refused ones are warned of as a local build warns.
    assert files["images/tei/images/fig.png"] == (folder / "tei" / "images" / "fig.png").read_bytes()
    assert files["images/tei/elsewhere/real.png"] == (folder / "tei" / "elsewhere" / "real.png").read_bytes()
    warned = "\n".join(map(str, report.diagnostics))
    assert "notes.txt' is left out: not an image" in warned and "none.png' is left out: no such file" in warned
    assert f"outside.png' is left out: it lies outside the edition folder {folder.resolve()}" in warned


def test_a_cluster_build_with_an_override_folder_gives_the_bytes_of_a_local_build(scheduler, tmp_path):
    folder, settings = _edition(tmp_path, images=False, overrides=True)
    _, files = _both(folder, settings, scheduler, tmp_path)
    assert "[the]" in files["text-one.html"].decode("utf-8")  # the override travelled to the workers


def test_workers_read_no_file_of_the_build_and_compile_their_stylesheets_once(scheduler, tmp_path):
    folder, settings = _edition(tmp_path, images=True, overrides=True)
    settings = settings.with_overrides(scheduler=scheduler)
    client = distributed.Client(scheduler, set_as_default=False)
    try:
        forbidden = str(tmp_path)

        def refuse_the_build_folder():
            # Every file a worker opens through pathlib (the texts, registers, images) must be its own copy.
            real = Path.open

            def guarded(self, *args, **kwargs):
                if str(self).startswith(forbidden):
                    raise PermissionError(f"a worker opened a file of the build: {self}")
                return real(self, *args, **kwargs)

            guarded.real = real
            Path.open = guarded

        def compiled():
            return {layers: (id(stylesheets), str(stylesheets.root)) for layers, stylesheets in cluster_worker._STYLESHEETS.items()}

        client.run(refuse_the_build_folder)
        try:
            first = build([folder / "tei"], tmp_path / "out", "html", settings)
            before = client.run(compiled)
            write(folder / "tei" / "text-two.xml", (folder / "tei" / "text-two.xml").read_text(encoding="utf-8")
                  .replace("</body>", "<p>A new paragraph.</p></body>"))
            second = build([folder / "tei"], tmp_path / "out", "html", settings, force=True)
            after = client.run(compiled)
        finally:
            client.run(lambda: setattr(Path, "open", Path.open.real) if hasattr(Path.open, "real") else None)
        assert not first.failed and not second.failed, [str(d) for d in second.diagnostics]
        assert second.built == 5
        assert "A new paragraph." in (tmp_path / "out" / "text-two.html").read_text(encoding="utf-8")
        assert before == after  # the same compiled stylesheets served the second build
        overrides = str((folder / "overrides").resolve())
        for worker in after.values():
            # One compiled set for this edition's layers per worker, from the worker's copy of the override folder.
            ours = [root for _, root in worker.values() if root.endswith(overrides)]
            assert len(ours) == 1 and ours[0] != overrides
    finally:
        client.close()


def test_a_text_failing_on_a_worker_is_its_diagnostic_and_the_rest_is_built(scheduler, tmp_path):
    sources = tmp_path / "tei"
    shutil.copytree(FIXTURES / "mini", sources)
    client = distributed.Client(scheduler, set_as_default=False)

    def fail_text_two():
        from teipress import workers

        real = workers.TextBuilder._build

        def deep(self, task, result):
            if task.text.id == "text-two":
                raise RecursionError("maximum recursion depth exceeded")
            return real(self, task, result)

        deep.real = real
        workers.TextBuilder._build = deep

    def restore():
        from teipress import workers

        workers.TextBuilder._build = workers.TextBuilder._build.real

    client.run(fail_text_two)
    try:
        report = build([sources], tmp_path / "out", "html", Settings(scheduler=scheduler, build_date="2026-11-24"))
    finally:
        client.run(restore)
        client.close()
    errors = [d for d in report.diagnostics if d.is_error]
    assert [(d.file, d.message) for d in errors] == [
        (str(sources / "text-two.xml"), "the text is nested too deeply to be laid out; nothing of it was published")]
    assert report.failed_texts == 1 and report.built == 1
    assert (tmp_path / "out" / "text-one.html").is_file() and not (tmp_path / "out" / "text-two.html").exists()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_scheduler_that_cannot_be_reached_is_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    edition = tmp_path / "ed"
    shutil.copytree(FIXTURES / "mini", edition / "tei")
    address = f"tcp://127.0.0.1:{_closed_port()}"
    result = CliRunner().invoke(main, ["build", "--edition", str(edition), "--scheduler", address, "--quiet"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"teipress: cannot reach the Dask scheduler at {address}: "), lines
    assert not (edition / "output").exists()


def test_the_scheduler_is_read_from_teipress_toml_and_the_option_wins(tmp_path):
    write(tmp_path / "teipress.toml", '[build]\nscheduler = "tcp://cluster.example.org:8786"\n')
    assert load_settings(tmp_path).scheduler == "tcp://cluster.example.org:8786"
    assert load_settings(tmp_path).with_overrides(scheduler="tcp://other:1").scheduler == "tcp://other:1"
    write(tmp_path / "teipress.toml", "[build]\nscheduler = 8786\n")
    with pytest.raises(UsageError, match=r"\[build\] scheduler must be a string \(in quotes\), not 8786"):
        load_settings(tmp_path)


def test_without_dask_the_scheduler_option_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now raises ImportError
    with pytest.raises(UsageError, match=r"pip install 'teipress\[dask\]'"):
        cluster.connect("tcp://127.0.0.1:8786")
