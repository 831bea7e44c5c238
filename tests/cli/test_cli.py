"""The command line through click's CliRunner: messages and exit statuses."""

from __future__ import annotations

import json

from click.testing import CliRunner

from teipress.cli import main

from ..conftest import tei, write


def _run(*args):
    return CliRunner().invoke(main, list(args))


def test_validate_valid_file_exits_0(tmp_path):
    path = write(tmp_path / "a.xml", tei("<p>fine</p>"))
    result = _run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_validate_reports_file_line_col_and_exits_1(tmp_path):
    source = tei("<p>a</p>\n<p><hii>b</hii></p>")
    path = write(tmp_path / "a.xml", source)
    result = _run("validate", str(path))
    assert result.exit_code == 1
    line = source.splitlines().index("<p><hii>b</hii></p>") + 1
    assert result.stdout == (f"{path}:{line}:4: error: unknown element <hii>: the schema has no element "
                             "of that name; did you mean <hi>?\n")


def test_validate_json_gives_the_same_diagnostics(tmp_path):
    source = tei('<p><date when="1937-1-9">x</date></p>')
    path = write(tmp_path / "a.xml", source)
    result = _run("validate", "--format", "json", str(path))
    assert result.exit_code == 1
    [entry] = json.loads(result.stdout)
    assert entry["file"] == str(path) and entry["severity"] == "error"
    assert entry["message"].startswith("invalid date in @when='1937-1-9'")
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "1937-1-9" in text)
    assert entry["line"] == line and entry["col"] == source.splitlines()[line - 1].index("when=") + 1


def test_validate_not_well_formed_file_exits_1_with_location(tmp_path):
    path = write(tmp_path / "broken.xml", "<TEI>\n<p>\n</TEI>")
    result = _run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}:3:")
    assert "not well-formed" in result.stdout


def test_validate_missing_path_is_a_usage_error(tmp_path):
    result = _run("validate", str(tmp_path / "nope.xml"))
    assert result.exit_code == 2
    assert result.stderr == f"teipress: {tmp_path / 'nope.xml'}: no such file or folder\n"


def test_validate_unreadable_schema_is_a_usage_error(tmp_path):
    path = write(tmp_path / "a.xml", tei("<p>x</p>"))
    bad = write(tmp_path / "bad.rng", "<grammar>")
    result = _run("validate", "--schema", str(bad), str(path))
    assert result.exit_code == 2
    assert "cannot use this schema" in result.stderr


def test_warnings_alone_exit_0(tmp_path):
    path = write(tmp_path / "a.xml", tei("<p><persName>Nobody</persName></p>"))
    result = _run("validate", str(path))
    assert result.exit_code == 0
    assert ": warning: <persName> 'Nobody' has no @ref" in result.stdout


def test_export_unknown_file_is_a_usage_error(tmp_path):
    result = _run("export", str(tmp_path / "none.xml"))
    assert result.exit_code == 2


def test_export_views_differ_on_a_correction(tmp_path):
    path = write(tmp_path / "a.xml", tei("<p>must <choice><sic>he</sic><corr>be</corr></choice> exiled"
                                         '<note type="editorial">a note</note></p>'))
    reading = _run("export", str(path), "--view", "reading")
    diplomatic = _run("export", str(path), "--view", "diplomatic")
    assert reading.exit_code == diplomatic.exit_code == 0
    assert reading.stdout.strip() == "must be exiled"
    assert diplomatic.stdout.strip() == "must he exiled"
