"""Edition settings and atomic output files."""

from __future__ import annotations

import os

import pytest

from teipress.config import load_settings
from teipress.errors import UsageError
from teipress.writers import atomic_write

from ..conftest import write


def test_settings_come_from_teipress_toml(tmp_path):
    write(tmp_path / "teipress.toml", '[edition]\ntitle = "Letters"\nbuild-date = "2020-02-29"\n')
    settings = load_settings(tmp_path)
    assert (settings.title, settings.build_date) == ("Letters", "2020-02-29")


def test_flags_override_the_file_but_none_does_not(tmp_path):
    write(tmp_path / "teipress.toml", '[edition]\ntitle = "Letters"\nbuild-date = "2020-02-29"\n')
    settings = load_settings(tmp_path).with_overrides(title=None, build_date="2021-01-01")
    assert (settings.title, settings.build_date) == ("Letters", "2021-01-01")


def test_source_date_epoch_fixes_the_build_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert load_settings(tmp_path).build_date == "1970-01-01"


def test_invalid_build_date_is_a_usage_error(tmp_path):
    write(tmp_path / "teipress.toml", '[edition]\nbuild-date = "24/11/2026"\n')
    with pytest.raises(UsageError, match="build-date '24/11/2026' is not an ISO date"):
        load_settings(tmp_path)


def test_broken_toml_is_a_usage_error(tmp_path):
    write(tmp_path / "teipress.toml", "[edition\n")
    with pytest.raises(UsageError, match="not valid TOML"):
        load_settings(tmp_path)


def test_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = write(tmp_path / "page.html", "old")
    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["page.html"]
    assert (target.stat().st_mode & 0o777) == 0o644


def test_failed_write_keeps_the_previous_file(tmp_path, monkeypatch):
    target = write(tmp_path / "page.html", "old")

    def interrupted(*args):
        raise KeyboardInterrupt  # an interruption between writing and renaming

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["page.html"]


def test_pdf_settings_come_from_the_pdf_table(tmp_path):
    write(tmp_path / "teipress.toml", '[pdf]\nline-numbers = "page"\nline-number-every = 10\nnotes = "endnotes"\n')
    settings = load_settings(tmp_path)
    assert (settings.pdf_line_numbers, settings.pdf_line_number_every, settings.pdf_notes) == ("page", 10, "endnotes")
    assert load_settings(tmp_path / "nowhere").pdf_notes == "footnotes"


@pytest.mark.parametrize("line, message", [
    ('line-numbers = "chapter"', '[pdf] line-numbers must be "text" or "page", not "chapter"'),
    ('notes = "sidenotes"', '[pdf] notes must be "footnotes" or "endnotes", not "sidenotes"'),
    ("line-number-every = 0", "[pdf] line-number-every must be a whole number of at least 1"),
])
def test_invalid_pdf_setting_is_a_usage_error(tmp_path, line, message):
    write(tmp_path / "teipress.toml", f"[pdf]\n{line}\n")
    with pytest.raises(UsageError) as caught:
        load_settings(tmp_path)
    assert message in str(caught.value)


def test_a_manifest_path_is_kept_only_when_it_stays_inside_the_output():
    from teipress.cache import _safe_relative

    for inside in ("a.html", "persons/pers-x.html", "./a", "x/./y", "a//b", "a\\b", "tei/x y#%.xml", "a..b"):
        assert _safe_relative(inside), inside
    for outside in ("", ".", "./", "/", "/etc/passwd", "//a", "..", "../a", "a/../b", "a/.."):
        assert not _safe_relative(outside), outside
