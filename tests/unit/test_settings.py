"""The keys of teipress.toml: each read, resolved against the edition folder, and refused
with a message naming the file and the key when it is wrong."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from teipress.config import Settings, load_settings
from teipress.errors import UsageError

from ..conftest import write


def _settings(folder: Path, toml: str) -> Settings:
    write(folder / "teipress.toml", toml)
    return load_settings(folder)


def _refused(folder: Path, toml: str) -> str:
    write(folder / "teipress.toml", toml)
    with pytest.raises(UsageError) as caught:
        load_settings(folder)
    return str(caught.value)


def test_without_a_file_every_key_has_its_default(tmp_path):
    settings = load_settings(tmp_path)
    assert settings.editors == () and settings.licence == ""
    assert settings.texts == (tmp_path / "tei",)
    assert (settings.formats, settings.out, settings.jobs) == ("all", tmp_path / "output", None)
    assert (settings.stylesheets, settings.schema, settings.rules) == (None, None, None)
    assert settings.folder == tmp_path and settings.file == tmp_path / "teipress.toml"


def test_settings_made_in_code_keep_their_old_defaults():
    settings = Settings(title="E", build_date="2000-01-01")
    assert (settings.texts, settings.out, settings.formats) == ((Path("tei"),), Path("output"), "all")


def test_settings_are_frozen_and_hashable(tmp_path):
    settings = _settings(tmp_path, '[edition]\neditors = ["A", "B"]\n')
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.title = "other"
    assert hash(settings) == hash(load_settings(tmp_path))


# [edition]

def test_editors_are_a_list_of_names(tmp_path):
    settings = _settings(tmp_path, '[edition]\neditors = ["Ann Editor", "Ben Editor"]\n')
    assert settings.editors == ("Ann Editor", "Ben Editor")


@pytest.mark.parametrize("value, shown", [('"Ann Editor"', '"Ann Editor"'), ('["Ann", 2]', '["Ann", 2]'), ("{ name = 1 }", "a table")])
def test_editors_that_are_not_a_list_of_strings_are_refused(tmp_path, value, shown):
    message = _refused(tmp_path, f"[edition]\neditors = {value}\n")
    assert message == (f"{tmp_path / 'teipress.toml'}: [edition] editors must be a list of strings "
                       f'(["…", "…"]), not {shown}')


def test_licence_is_a_name_or_a_url(tmp_path):
    settings = _settings(tmp_path, '[edition]\nlicence = "https://creativecommons.org/licenses/by/4.0/"\n')
    assert settings.licence == "https://creativecommons.org/licenses/by/4.0/"


def test_licence_that_is_not_a_string_is_refused(tmp_path):
    message = _refused(tmp_path, "[edition]\nlicence = 4\n")
    assert message == f"{tmp_path / 'teipress.toml'}: [edition] licence must be a string (in quotes), not 4"


def test_title_that_is_not_a_string_is_refused(tmp_path):
    message = _refused(tmp_path, "[edition]\ntitle = true\n")
    assert message == f"{tmp_path / 'teipress.toml'}: [edition] title must be a string (in quotes), not true"


def test_build_date_may_be_a_toml_date(tmp_path):
    assert _settings(tmp_path, "[edition]\nbuild-date = 2020-02-29\n").build_date == "2020-02-29"


# [build]

def test_texts_are_resolved_against_the_edition_folder(tmp_path, monkeypatch):
    edition = tmp_path / "edition"
    write(edition / "letters" / "a.xml", "<TEI/>")
    write(edition / "extra" / "b.xml", "<TEI/>")
    monkeypatch.chdir(tmp_path)  # elsewhere: the paths are the edition's, not the working folder's
    settings = _settings(edition, '[build]\ntexts = ["letters", "extra/b.xml"]\n')
    assert settings.texts == (edition / "letters", edition / "extra" / "b.xml")


def test_a_missing_text_folder_is_refused(tmp_path):
    (tmp_path / "tei").mkdir()
    message = _refused(tmp_path, '[build]\ntexts = ["tei", "letters"]\n')
    assert message == f"{tmp_path / 'teipress.toml'}: [build] texts '{tmp_path / 'letters'}': no such file or folder"


@pytest.mark.parametrize("value, message", [
    ('"tei"', '[build] texts must be a list of strings (["…", "…"]), not "tei"'),
    ("[]", '[build] texts must name at least one file or folder, e.g. ["tei"]'),
    ('[""]', '[build] texts must name at least one file or folder, e.g. ["tei"]'),
])
def test_texts_that_are_not_a_list_of_paths_are_refused(tmp_path, value, message):
    assert _refused(tmp_path, f"[build]\ntexts = {value}\n") == f"{tmp_path / 'teipress.toml'}: {message}"


@pytest.mark.parametrize("value", ["html", "pdf", "epub", "all", "html,pdf"])
def test_formats_are_outputs(tmp_path, value):
    assert _settings(tmp_path, f'[build]\nformats = "{value}"\n').formats == value


def test_formats_may_be_a_list(tmp_path):
    assert _settings(tmp_path, '[build]\nformats = ["html", "epub"]\n').formats == "html,epub"


def test_an_unknown_format_is_refused(tmp_path):
    message = _refused(tmp_path, '[build]\nformats = "html,docx"\n')
    from teipress.outputs import registered

    assert message.startswith(f"{tmp_path / 'teipress.toml'}: [build] formats names an output teipress does not "
                              f"have: unknown format 'docx': use one or more of {', '.join(registered())}")
    assert "html, tei, iiif, data" in message


def test_out_is_resolved_against_the_edition_folder(tmp_path):
    assert _settings(tmp_path, '[build]\nout = "site"\n').out == tmp_path / "site"
    elsewhere = tmp_path / "elsewhere"
    assert _settings(tmp_path, f'[build]\nout = "{elsewhere}"\n').out == elsewhere


@pytest.mark.parametrize("value, message", [
    ('""', '[build] out must name a folder, e.g. "output"'),
    ("3", "[build] out must be a string (in quotes), not 3"),
])
def test_an_empty_or_non_string_out_is_refused(tmp_path, value, message):
    assert _refused(tmp_path, f"[build]\nout = {value}\n") == f"{tmp_path / 'teipress.toml'}: {message}"


def test_jobs_is_a_number_of_workers(tmp_path):
    assert _settings(tmp_path, "[build]\njobs = 4\n").jobs == 4


@pytest.mark.parametrize("value", ["0", "-1", "true", '"2"', "1.5"])
def test_jobs_that_are_not_a_whole_number_of_at_least_1_are_refused(tmp_path, value):
    message = _refused(tmp_path, f"[build]\njobs = {value}\n")
    assert message.startswith(f"{tmp_path / 'teipress.toml'}: [build] jobs must be a whole number of at least 1, not ")


def test_stylesheets_is_a_folder_of_the_edition(tmp_path):
    (tmp_path / "custom").mkdir()
    assert _settings(tmp_path, '[build]\nstylesheets = "custom"\n').stylesheets == tmp_path / "custom"
    assert _settings(tmp_path, '[build]\nstylesheets = ""\n').stylesheets is None


def test_stylesheets_that_are_not_a_folder_are_refused(tmp_path):
    write(tmp_path / "custom.xsl", "<x/>")
    for value in ("custom.xsl", "nowhere"):
        message = _refused(tmp_path, f'[build]\nstylesheets = "{value}"\n')
        assert message == f"{tmp_path / 'teipress.toml'}: [build] stylesheets '{tmp_path / value}': no such folder"


@pytest.mark.parametrize("key", ["schema", "rules"])
def test_schema_and_rules_are_files_of_the_edition(tmp_path, key):
    write(tmp_path / "schema" / "mine.x", "<x/>")
    assert getattr(_settings(tmp_path, f'[build]\n{key} = "schema/mine.x"\n'), key) == tmp_path / "schema" / "mine.x"


@pytest.mark.parametrize("key", ["schema", "rules"])
def test_missing_schema_and_rules_are_refused(tmp_path, key):
    (tmp_path / "schema").mkdir()
    message = _refused(tmp_path, f'[build]\n{key} = "schema"\n')  # a folder is not a schema
    assert message == f"{tmp_path / 'teipress.toml'}: [build] {key} '{tmp_path / 'schema'}': no such file"


# Mistakes in the file's shape

def test_an_unknown_key_is_refused_with_a_suggestion(tmp_path):
    message = _refused(tmp_path, "[build]\njob = 2\n")
    assert message == (f"{tmp_path / 'teipress.toml'}: unknown key 'job' in [build] (did you mean 'jobs'?); "
                       "the keys of [build] are texts, formats, out, jobs, scheduler, stylesheets, schema, rules")


def test_an_unknown_table_is_refused_with_a_suggestion(tmp_path):
    message = _refused(tmp_path, "[biuld]\njobs = 2\n")
    assert message == (f"{tmp_path / 'teipress.toml'}: unknown table [biuld] (did you mean 'build'?); "
                       "the tables are [edition], [build], [pdf], [render], [map]")


def test_a_table_given_as_a_value_is_refused(tmp_path):
    message = _refused(tmp_path, 'build = "fast"\n')
    assert message == f"{tmp_path / 'teipress.toml'}: 'build' must be a table ([build]), not a single value"
