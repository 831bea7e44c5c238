"""An edition folder: `teipress new` makes one that validates and builds; `build` and
`validate` follow its teipress.toml (--edition); `watch` rebuilds on a save; `serve`
serves the output over HTTP."""

from __future__ import annotations

import os
import re
import signal
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import teipress.watch
from teipress.cli import main
from teipress.scaffold import EXAMPLE_ID, create_edition
from teipress.serve import CONTENT_TYPES, make_server, serve, server_url, start
from teipress.config import load_settings
from teipress.pipeline import BuildReport
from teipress.watch import WatchedPaths, watch, watched_inputs

from ..conftest import BRACKETED_CORRECTIONS, MAKER_WARNING, SITEMAP_WARNING, tei, without_maker_warning, write


def _run(*args):
    return CliRunner().invoke(main, list(args))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# teipress new

def test_new_edition_validates_and_builds_its_text_and_register(tmp_path):
    edition = tmp_path / "letters"
    made = _run("new", str(edition), "--title", 'Letters of "Clara"')
    assert made.exit_code == 0, made.output
    assert made.stdout.splitlines() == [str(edition / name) for name in
                                        ("teipress.toml", f"tei/{EXAMPLE_ID}.xml", "tei/registers.xml", "README.md",
                                         "overrides/print/corrections.xsl", ".gitignore")]
    assert made.stderr == f"made a new edition in {edition}: cd {edition} && teipress build\n"

    validated = _run("validate", "--edition", str(edition))
    assert (validated.exit_code, validated.stdout, validated.stderr) == (0, "", "0 error(s), 0 warning(s)\n")

    built = _run("build", "--edition", str(edition), "--format", "html")
    assert built.exit_code == 0, built.output
    maker, warning, summary = built.stderr.splitlines()
    # The new edition names no editor and no contact yet (nothing is invented): the build asks, at its header.
    assert maker.startswith(f"{edition}/tei/") and MAKER_WARNING in maker
    assert warning == f"{edition}/{SITEMAP_WARNING}"  # the new edition has no url yet: no sitemap
    assert summary.startswith("built 1, unchanged 0, failed 0 in ")
    out = edition / "output"
    page = _read(out / f"{EXAMPLE_ID}.html")
    assert "the proofs had arrived" in page and "safely" in page
    assert '<title>Letters of "Clara"</title>' in _read(out / "index.html")
    assert "Vidal" in _read(out / "persons.html")  # the index of persons; each has a page of its mentions
    assert any("Vidal" in page and f"{EXAMPLE_ID}.html#p-1" in page
               for page in map(_read, (out / "persons").glob("*.html")))
    assert "Lisbon" in _read(out / "places.html")


def test_new_edition_readme_says_how_to_build_watch_and_serve(tmp_path):
    create_edition(tmp_path / "e", "Letters")
    readme = _read(tmp_path / "e" / "README.md")
    assert readme.startswith("# Letters\n")
    for command in ("teipress validate", "teipress build", "teipress watch", "teipress serve"):
        assert f"\n{command} " in readme


def test_new_accepts_an_empty_folder(tmp_path):
    (tmp_path / "e").mkdir()
    assert _run("new", str(tmp_path / "e")).exit_code == 0
    assert load_settings(tmp_path / "e").title == "A teipress edition"


def test_new_refuses_a_folder_with_something_in_it(tmp_path):
    write(tmp_path / "e" / "notes.txt", "mine")
    result = _run("new", str(tmp_path / "e"))
    assert result.exit_code == 2
    assert result.stderr == f"teipress: {tmp_path / 'e'}: the folder is not empty; give a new or an empty folder\n"
    assert [p.name for p in (tmp_path / "e").iterdir()] == ["notes.txt"]


def test_new_refuses_a_file(tmp_path):
    write(tmp_path / "e", "a file")
    result = _run("new", str(tmp_path / "e"))
    assert (result.exit_code, result.stderr) == (2, f"teipress: {tmp_path / 'e'}: exists and is not a folder\n")


# build and validate follow the edition's settings

@pytest.fixture
def configured(tmp_path, monkeypatch):
    """An edition whose teipress.toml names its texts, output and format; run from another folder."""
    edition = tmp_path / "edition"
    write(edition / "letters" / "a.xml", tei("<p>configured words</p>", xml_id="a"))
    write(edition / "teipress.toml", '[edition]\ntitle = "Configured"\nbuild-date = "2000-01-01"\n'
                                     '[build]\ntexts = ["letters"]\nout = "site"\nformats = "html"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return edition


def test_build_without_paths_builds_the_settings_texts_into_their_out_in_their_format(configured):
    result = _run("build", "--edition", str(configured))
    assert result.exit_code == 0, result.output
    site = configured / "site"
    assert result.stderr.endswith(f" file(s) in {site}\n")
    assert "configured words" in _read(site / "a.html")
    assert "<title>Configured" in _read(site / "index.html")
    assert not list(site.glob("*.pdf"))
    assert not (Path.cwd() / "output").exists()


def test_out_and_format_flags_override_the_settings(configured, tmp_path):
    result = _run("build", "--edition", str(configured), "--out", "elsewhere-out", "--format", "epub")
    assert result.exit_code == 0, result.output
    assert (Path.cwd() / "elsewhere-out" / "edition.epub").is_file()  # the flag's path is the shell's
    assert not (configured / "site").exists()


def test_edition_that_is_not_a_folder_is_a_usage_error(tmp_path):
    result = _run("build", "--edition", str(tmp_path / "nowhere"), "--format", "html")
    assert result.exit_code == 2
    assert result.stderr == f"teipress: {tmp_path / 'nowhere' / 'tei'}: no such file or folder\n"


def test_a_mistake_in_the_settings_is_a_usage_error_naming_file_and_key(configured):
    write(configured / "teipress.toml", "[build]\njobs = 0\n")
    for command in ("build", "validate", "watch", "serve"):
        result = _run(command, "--edition", str(configured))
        assert result.exit_code == 2, command
        assert result.stderr == (f"teipress: {configured / 'teipress.toml'}: [build] jobs must be a whole number "
                                 "of at least 1, not 0\n"), command


def test_validate_without_paths_checks_the_settings_texts(configured):
    write(configured / "letters" / "b.xml", tei("<p><hii>x</hii></p>", xml_id="b"))
    result = _run("validate", "--edition", str(configured))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{configured / 'letters' / 'b.xml'}:6:4: error: unknown element <hii>")


def test_validate_uses_the_settings_schema_and_rules_unless_flags_say_otherwise(configured):
    from teipress.resources import default_rng

    write(configured / "schema" / "broken.rng", "<grammar>")
    settings = _read(configured / "teipress.toml") + 'schema = "schema/broken.rng"\n'
    write(configured / "teipress.toml", settings)
    result = _run("validate", "--edition", str(configured))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"teipress: {configured / 'schema' / 'broken.rng'}: cannot use this schema")
    assert _run("validate", "--edition", str(configured), "--schema", str(default_rng())).exit_code == 0


# watch

def _edition(tmp_path) -> Path:
    folder = tmp_path / "edition"
    create_edition(folder, "Watched")
    write(folder / "teipress.toml", _read(folder / "teipress.toml").replace(
        "# build-date = \"2026-01-01\"", 'build-date = "2000-01-01"'))
    return folder


def _watch(folder, saves, **options):
    """Watch ``folder`` until the rebuild after the last save; after the n-th rebuild, ``saves[n]`` is run."""
    rebuilds = []

    def notify(rebuild):
        rebuilds.append(rebuild)
        if len(rebuilds) <= len(saves):
            saves[len(rebuilds) - 1]()

    options = {"overrides": {"formats": "html"}, "interval": 0.05, **options}
    count = watch(folder, notify, max_rebuilds=len(saves) + 1, **options)
    assert count == len(rebuilds)
    return rebuilds


def _save_by_rename(path: Path, text: str, temporary: str) -> None:
    """Save as editors do to never leave half a file: write a temporary file beside it, rename it over."""
    write(path.parent / temporary, text)
    os.replace(path.parent / temporary, path)


@pytest.fixture
def fake_builds(monkeypatch):
    """The watcher's builds, recorded instead of run: for what concerns the watching alone."""
    calls = []

    def build(settings, paths, **kwargs):
        calls.append(settings)
        return BuildReport()

    monkeypatch.setattr(teipress.watch, "build_edition", build)
    return calls


def test_watch_rebuilds_the_page_of_a_saved_text(tmp_path):
    folder = _edition(tmp_path)
    text = folder / "tei" / f"{EXAMPLE_ID}.xml"
    page = folder / "output" / f"{EXAMPLE_ID}.html"

    def save():
        write(text, _read(text).replace("the proofs had arrived", "the corrected proofs had come back"))

    rebuilds = _watch(folder, [save])
    assert [r.changed for r in rebuilds] == [(), (text,)]  # the first build, then one for the save
    assert all(r.error is None and not r.report.failed for r in rebuilds)
    assert (rebuilds[1].report.built, rebuilds[1].report.skipped) == (1, 0)
    assert "the corrected proofs had come back" in _read(page)


@pytest.mark.parametrize("temporary", [".goutputstream-4TQ2K1", f"{EXAMPLE_ID}.xml~", "tmp-save-8d1f.xml"])
def test_a_save_by_rename_is_one_rebuild_of_that_text(tmp_path, temporary):
    """Whatever the temporary file is called, even a name like a text's, the rebuild names the
    text alone, and no second rebuild follows: the next one is that of the next save."""
    folder = _edition(tmp_path)
    text, settings = folder / "tei" / f"{EXAMPLE_ID}.xml", folder / "teipress.toml"

    def save():
        _save_by_rename(text, _read(text).replace("the proofs had arrived", "the renamed proofs had arrived"),
                        temporary)

    def next_save():
        write(settings, _read(settings).replace('title = "Watched"', 'title = "Next"'))

    rebuilds = _watch(folder, [save, next_save])
    assert [r.changed for r in rebuilds] == [(), (text,), (settings,)]
    assert (rebuilds[1].report.built, rebuilds[1].report.skipped) == (1, 0)
    assert "the renamed proofs had arrived" in _read(folder / "output" / f"{EXAMPLE_ID}.html")
    assert not (folder / "tei" / temporary).exists()


def test_a_new_text_is_built_and_so_is_a_new_folder_of_texts_and_its_next_save(tmp_path):
    folder = _edition(tmp_path)
    example = _read(folder / "tei" / f"{EXAMPLE_ID}.xml")
    added = folder / "tei" / "letter-2.xml"
    volume, later = folder / "tei" / "volume-2", folder / "tei" / "volume-2" / "letter-3.xml"

    def letter(n: int, words: str) -> str:
        return example.replace(f'xml:id="{EXAMPLE_ID}"', f'xml:id="letter-{n}"').replace(
            "the proofs had arrived", words)

    def add_a_text():
        write(added, letter(2, "a second letter"))

    def add_a_folder():
        write(later, letter(3, "a third letter"))  # the folder and its file at once

    def save_in_it():
        write(later, letter(3, "a third letter, corrected"))

    rebuilds = _watch(folder, [add_a_text, add_a_folder, save_in_it])
    assert [r.changed for r in rebuilds] == [(), (added,), (volume,), (later,)]
    assert [r.report.built for r in rebuilds] == [1, 1, 1, 1]
    out = folder / "output"
    assert "a second letter" in _read(out / "letter-2.html")
    assert "a third letter, corrected" in _read(out / "letter-3.html")


def test_the_builds_own_output_and_cache_and_hidden_files_never_trigger_a_rebuild(tmp_path):
    """The first build writes its output and cache while the edition is watched; then files
    change in the output, in the cache, beside the texts (hidden, not XML) and in the
    edition folder: the next rebuild is the one of the next real save, and names it alone."""
    folder = _edition(tmp_path)
    settings = folder / "teipress.toml"
    cache = folder / ".teipress-cache"
    assert cache.is_dir() is False

    def outside_the_inputs():
        assert (cache / "output").is_dir() and (folder / "output" / "index.html").is_file()
        write(folder / "output" / "index.html", "changed by hand")
        write(folder / "output" / "new" / "page.html", "new")
        write(cache / "output" / "stray.json", "{}")
        write(folder / "tei" / f".{EXAMPLE_ID}.xml.swp", "an editor's swap file")
        write(folder / "tei" / "notes.txt", "not a text")
        write(folder / "tei" / ".git" / "index.xml", "hidden folder")
        write(folder / "README.md", "not an input")
        write(settings, _read(settings).replace('title = "Watched"', 'title = "Renamed"'))

    rebuilds = _watch(folder, [outside_the_inputs])
    assert [r.changed for r in rebuilds] == [(), (settings,)]
    assert "<title>Renamed" in _read(folder / "output" / "index.html")


def test_an_output_folder_inside_the_texts_is_not_watched(tmp_path):
    tei_folder = tmp_path / "tei"
    write(tei_folder / "a.xml", "<a/>")
    write(tei_folder / "site" / "copy.xml", "<out/>")
    write(tmp_path / ".teipress-cache" / "site" / "x.xml", "<cache/>")
    write(tei_folder / "vol" / "b.xml", "<b/>")
    write(tei_folder / ".git" / "c.xml", "<c/>")
    watched = WatchedPaths([(tei_folder, "*.xml"), (tmp_path / "teipress.toml", "")],
                           [tei_folder / "site", tmp_path / ".teipress-cache"])
    assert watched.folders == [tmp_path, tei_folder, tei_folder / "vol"]
    assert [watched.counts(p) for p in (tei_folder / "a.xml", tei_folder / "vol" / "b.xml", tei_folder / "new.xml",
                                        tmp_path / "teipress.toml", tei_folder / "vol")] == [True] * 5
    assert [watched.counts(p) for p in (tei_folder / "site" / "copy.xml", tei_folder / "site", tei_folder / "x.txt",
                                        tei_folder / ".a.xml.swp", tei_folder / ".git" / "c.xml",
                                        tmp_path / ".teipress-cache" / "site" / "x.xml", tmp_path / "README.md",
                                        tmp_path / "teipress.toml.tmp")] == [False] * 8


def test_a_missing_input_is_watched_through_the_folder_it_will_appear_in(tmp_path):
    watched = WatchedPaths([(tmp_path / "edition" / "tei", "*.xml"), (tmp_path / "edition" / "teipress.toml", "")])
    assert watched.folders == [tmp_path]
    assert watched.counts(tmp_path / "edition") and not watched.counts(tmp_path / "other")


def test_a_burst_of_saves_is_one_rebuild(tmp_path, fake_builds):
    texts = [write(tmp_path / "tei" / f"letter-{n:02d}.xml", "<TEI/>") for n in range(50)]

    def save_them_all():
        for text in texts:
            _save_by_rename(text, "<TEI>saved</TEI>", f".{text.name}.tmp")

    def one_more():
        write(texts[0], "<TEI>once more</TEI>")

    rebuilds = _watch(tmp_path, [save_them_all, one_more], interval=0.3)
    assert [r.changed for r in rebuilds] == [(), tuple(texts), (texts[0],)]
    assert len(fake_builds) == 3


def test_teipress_toml_saved_by_rename_is_seen_every_time(tmp_path, fake_builds):
    """A watch on the file itself would follow the replaced file and miss the second save."""
    settings = write(tmp_path / "teipress.toml", '[edition]\ntitle = "One"\n')
    titles = ["Two", "Three", "Four"]
    saves = [lambda title=title: _save_by_rename(settings, f'[edition]\ntitle = "{title}"\n', "teipress.toml.new")
             for title in titles]
    rebuilds = _watch(tmp_path, saves)
    assert [r.changed for r in rebuilds] == [(), (settings,), (settings,), (settings,)]
    assert [s.title for s in fake_builds] == ["One", *titles]


def test_watch_survives_a_bad_save_and_builds_the_next_good_one(tmp_path):
    folder = _edition(tmp_path)
    text = folder / "tei" / f"{EXAMPLE_ID}.xml"
    good = _read(text)

    bad = good.replace("<closer>", "<closer><oops>", 1)

    def bad_save():
        write(text, bad)

    def good_save():
        write(text, good.replace("safely", "quite safely"))

    rebuilds = _watch(folder, [bad_save, good_save])
    assert len(rebuilds) == 3
    [error] = [d for d in rebuilds[1].report.diagnostics if d.is_error]
    lines = bad.splitlines()
    opened = next(n for n, content in enumerate(lines, 1) if "<closer><oops>" in content)
    closed = next(n for n, content in enumerate(lines, 1) if "</closer>" in content)
    assert re.fullmatch(rf"{re.escape(str(text))}:{closed}:\d+: error: not well-formed: Opening and ending tag "
                        rf"mismatch: oops line {opened} and closer", str(error)), str(error)
    assert not rebuilds[2].report.failed
    assert "quite safely" in _read(folder / "output" / f"{EXAMPLE_ID}.html")


def test_watch_reports_a_broken_teipress_toml_and_goes_on(tmp_path):
    folder = _edition(tmp_path)
    settings = folder / "teipress.toml"
    good = _read(settings)

    rebuilds = _watch(folder, [lambda: write(settings, good + "\n[build\n"),
                               lambda: write(settings, good.replace('title = "Watched"', 'title = "Renamed"'))])
    assert [r.changed for r in rebuilds] == [(), (settings,), (settings,)]
    assert str(rebuilds[1].error).startswith(f"{settings}: not valid TOML")
    assert rebuilds[1].report is None
    assert "<title>Renamed" in _read(folder / "output" / "index.html")


def test_watch_rebuilds_when_an_override_module_changes(tmp_path):
    folder = _edition(tmp_path)
    write(folder / "teipress.toml", _read(folder / "teipress.toml").replace('# stylesheets = "overrides"', 'stylesheets = "overrides"'))
    module = write(folder / "overrides" / "html" / "corrections.xsl", BRACKETED_CORRECTIONS.replace("[", "").replace("]", ""))
    page = folder / "output" / f"{EXAMPLE_ID}.html"

    def bracket_the_corrections():
        assert ">safely<" in _read(page)
        write(module, BRACKETED_CORRECTIONS)

    rebuilds = _watch(folder, [bracket_the_corrections])
    assert [r.changed for r in rebuilds] == [(), (module,)]
    assert ">[safely]<" in _read(page)


@pytest.mark.parametrize("polling", [False, True])
def test_watch_ends_soon_after_stop_is_set(tmp_path, fake_builds, polling):
    write(tmp_path / "tei" / "a.xml", "<TEI/>")
    stop = threading.Event()
    counts = []
    thread = threading.Thread(target=lambda: counts.append(
        watch(tmp_path, lambda rebuild: None, interval=0.1, stop=stop, build_first=False, polling=polling)))
    thread.start()
    stop.set()
    thread.join(timeout=30)  # seen within an interval; generous for a loaded machine
    assert not thread.is_alive() and counts == [0] and fake_builds == []


def test_watch_ends_when_its_stop_predicate_says_so(tmp_path, fake_builds):
    text = write(tmp_path / "tei" / "a.xml", "<TEI/>")
    rebuilds = []

    def notify(rebuild):
        rebuilds.append(rebuild)
        if len(rebuilds) == 1:
            write(text, "<TEI>saved</TEI>")

    assert watch(tmp_path, notify, interval=0.05, stop=lambda: len(rebuilds) >= 2) == 2
    assert [r.changed for r in rebuilds] == [(), (text,)]


def test_polling_sees_saves_within_the_same_second_and_new_folders(tmp_path, fake_builds):
    """A poll comparing whole seconds (as notify 8.0's) would miss the two saves of the text."""
    text = write(tmp_path / "tei" / "a.xml", "<TEI/>")
    added = tmp_path / "tei" / "vol" / "b.xml"
    second = time.time_ns() // 10**9 * 10**9
    os.utime(text, ns=(second, second))

    def save(content: str, by_rename: bool, milliseconds: int):
        def run():
            if by_rename:
                _save_by_rename(text, content, ".a.xml.tmp")
            else:
                write(text, content)
            os.utime(text, ns=(second + milliseconds * 10**6,) * 2)  # within the same second
        return run

    saves = [save("<TEI>saved</TEI>", True, 100), save("<TEI>SAVED</TEI>", False, 200),  # same size
             lambda: write(added, "<TEI/>"), lambda: write(added, "<TEI>b</TEI>")]
    rebuilds = _watch(tmp_path, saves, polling=True)
    assert [r.changed for r in rebuilds] == [(), (text,), (text,), (added.parent,), (added,)]


def test_ctrl_c_ends_the_wait_for_a_change(tmp_path, fake_builds):
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals reach the main thread only")
    write(tmp_path / "tei" / "a.xml", "<TEI/>")

    def press_ctrl_c():
        time.sleep(0.3)  # most likely while the watcher waits in its Rust loop, which must pass it on
        os.kill(os.getpid(), signal.SIGINT)

    presser = threading.Thread(target=press_ctrl_c)
    started = time.monotonic()
    # A process started in the background by a shell without job control ignores SIGINT, and Python then
    # installs no handler: the press would be lost and the watch wait for ever. Ctrl-C as a terminal gives it.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            watch(tmp_path, lambda rebuild: presser.start(), interval=0.1)
    finally:
        signal.signal(signal.SIGINT, previous)
    presser.join()
    assert time.monotonic() - started < 30


def test_watched_inputs_are_the_texts_the_settings_and_the_overriding_stylesheets(tmp_path):
    (tmp_path / "xslt").mkdir()
    (tmp_path / "letters").mkdir()
    write(tmp_path / "teipress.toml", '[build]\ntexts = ["letters"]\nstylesheets = "xslt"\n')
    settings = load_settings(tmp_path)
    assert watched_inputs(settings) == [(tmp_path / "letters", "*.xml"), (tmp_path / "teipress.toml", ""),
                                        (tmp_path / "xslt", "*")]
    assert watched_inputs(settings, ["other"]) == [(Path("other"), "*.xml"), (tmp_path / "teipress.toml", ""),
                                                   (tmp_path / "xslt", "*")]
    assert watched_inputs(load_settings(tmp_path / "letters")) == [(tmp_path / "letters" / "tei", "*.xml"),
                                                                   (tmp_path / "letters" / "teipress.toml", "")]


def test_watch_command_builds_reports_and_stops_cleanly_on_ctrl_c(tmp_path, monkeypatch):
    folder = _edition(tmp_path)

    def interrupted(self, stop):
        raise KeyboardInterrupt  # Ctrl-C during the first wait

    monkeypatch.setattr(teipress.watch.Notifier, "wait", interrupted)
    result = _run("watch", "--edition", str(folder), "--format", "html")
    assert result.exit_code == 0, result.output
    first, warning, summary, last = without_maker_warning(result.stderr)
    assert first == f"watching {folder / 'tei'} (Ctrl-C stops)"
    assert warning == f"{folder}/{SITEMAP_WARNING}"
    assert re.fullmatch(rf"built 1, unchanged 0, failed 0 in \d+\.\d s: \d+ file\(s\) in {re.escape(str(folder / 'output'))}",
                        summary)
    assert last == "stopped watching"
    assert (folder / "output" / f"{EXAMPLE_ID}.html").is_file()
    assert [p.name for p in tmp_path.iterdir() if ".staging." in p.name] == []


# serve

def _get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers["Content-Type"], response.read().decode("utf-8")


def test_server_serves_the_output_with_the_right_content_types(tmp_path):
    root = tmp_path / "output"
    files = {"index.html": "<p>home</p>", "assets/teipress.css": "p{}", "assets/teipress.js": "1;",
             "data/registers.json": "{}", "pagefind/wasm.en.pagefind": "\x00", "pagefind/p.pf_meta": "m",
             "pagefind/x.wasm": "w", "edition.pdf": "%PDF"}
    for name, content in files.items():
        write(root / name, content)
    write(tmp_path / "secret.txt", "outside the output")
    server = make_server(root, "127.0.0.1", 0)
    thread = start(server)
    try:
        url = server_url(server)
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url) and not url.endswith(":0/")
        assert _get(url) == (200, "text/html; charset=utf-8", "<p>home</p>")
        for name, content in files.items():
            status, kind, body = _get(url + name)
            assert (status, kind, body) == (200, CONTENT_TYPES["." + name.rsplit(".", 1)[1]], content), name
        assert CONTENT_TYPES[".wasm"] == "application/wasm"
        assert CONTENT_TYPES[".pf_meta"] == CONTENT_TYPES[".pagefind"] == "application/octet-stream"
        with pytest.raises(urllib.error.HTTPError) as missing:
            _get(url + "nothing.html")
        assert missing.value.code == 404
        with socket.create_connection(server.server_address[:2], timeout=10) as raw:
            raw.sendall(b"GET /../secret.txt HTTP/1.0\r\n\r\n")
            answer = raw.makefile("rb").read().decode("latin-1")
        assert answer.startswith("HTTP/1.0 404") and "outside the output" not in answer
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert not thread.is_alive()


def test_serve_builds_serves_and_rebuilds_until_stopped(tmp_path):
    folder = _edition(tmp_path)
    stop, built, urls, rebuilds = threading.Event(), threading.Event(), [], []

    def notify(rebuild):
        rebuilds.append(rebuild)
        built.set()

    thread = threading.Thread(target=lambda: serve(folder, notify, urls.append, port=0, interval=0.05, stop=stop,
                                                   overrides={"formats": "html"}))
    thread.start()
    try:
        assert built.wait(timeout=120), "the first build did not finish"
        [url] = urls
        status, kind, page = _get(url + "index.html")
        assert (status, kind) == (200, "text/html; charset=utf-8") and "<title>Watched" in page
        assert "the proofs had arrived" in _get(url + f"{EXAMPLE_ID}.html")[2]
        built.clear()
        text = folder / "tei" / f"{EXAMPLE_ID}.xml"
        write(text, _read(text).replace("the proofs had arrived", "the second proofs had arrived"))
        assert built.wait(timeout=120), "the save was not rebuilt"
        assert "the second proofs had arrived" in _get(url + f"{EXAMPLE_ID}.html")[2]
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    assert [r.changed for r in rebuilds] == [(), (text,)]
    with pytest.raises(urllib.error.URLError):
        _get(url)  # the server stopped with the watch loop


def test_serve_on_a_port_in_use_is_a_usage_error(tmp_path):
    folder = _edition(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _run("serve", "--edition", str(folder), "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr == f"teipress: cannot serve on 127.0.0.1:{port}: Address already in use\n"
