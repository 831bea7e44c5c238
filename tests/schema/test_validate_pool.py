"""Validation in sets of files on several processes (teipress.validate_pool) finds what one
process finds: the same findings at the same places, the pointers between files of different
sets resolved, the register entries no set references warned of once."""

from __future__ import annotations

import time

from teipress import validate_pool
from teipress.models import Checker, Choices, combine, validate_with_models
from teipress.resources import default_schematron
from teipress.corpus import discover

from ..conftest import MINIMAL_HEADER, tei, write
from .test_validate import REGISTER

# Files chosen so that every kind of finding depends on another file than its own: a text
# points into a text of another set, a pointer does not resolve, an entry is referenced only by
# the last text, another by none; one file names teipress's rules in an xml-model (its own
# group of rules), one is not well-formed, one is a part another includes (no failure of its own).
_TEXTS = {
    "a-first.xml": tei('<p xml:id="p1">Seen by <persName ref="registers.xml#pers-a">Anna</persName>.</p>', xml_id="a"),
    "b-second.xml": tei('<p>See <ref target="a-first.xml#p1">the first</ref> and <ref target="#nowhere">this</ref>.</p>',
                        xml_id="b"),
    "c-third.xml": tei('<p><date from="1940" to="1930">later</date> <ptr target="zz.xml#x"/></p>', xml_id="c"),
    "d-broken.xml": '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>\n',
    "e-fifth.xml": tei('<p xml:id="p9">Words <persName ref="registers.xml#pers-c">Clara</persName>.</p>'
                       '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="g-part.xml"/>', xml_id="e"),
    "g-part.xml": '<?xml version="1.0"?>\n<div xmlns="http://www.tei-c.org/ns/1.0"><p>A part.</p></div>\n',
}


def _edition(tmp_path):
    register = REGISTER.replace('<person xml:id="pers-b">',
                                '<person xml:id="pers-c"><persName type="main">Clara</persName></person>\n'
                                '<person xml:id="pers-b">')
    write(tmp_path / "registers.xml", register)
    for name, text in _TEXTS.items():
        write(tmp_path / name, text)
    model = f'<?xml-model href="{default_schematron().as_uri()}" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
    write(tmp_path / "f-model.xml", tei('<p><persName ref="registers.xml#pers-x">X</persName> <sic>teh</sic></p>',
                                        xml_id="f").replace("<TEI ", model + "<TEI ", 1))
    return discover([tmp_path])


def _serial(files):
    return combine([Checker(Choices(folder=files[0].parent)).check(files)])


def test_checking_in_sets_finds_what_one_set_finds(tmp_path):
    files = _edition(tmp_path)
    whole = _serial(files)
    said = {(d.file.rsplit("/", 1)[-1], d.severity, d.message) for d in whole}
    # The findings that need another set's files: a pointer into a text of another set resolves,
    # "#nowhere" does not, the entry pers-b is referenced by no text, pers-c by the text of another set.
    assert ("registers.xml", "warning", "register entry 'pers-b' is referenced by no text of the edition") in said
    assert not any("pers-c" in message or "a-first.xml#p1" in message for _, _, message in said)
    assert ("b-second.xml", "error", "pointer '#nowhere' on <ref> does not resolve: no element has that xml:id") in said
    assert any(f == "f-model.xml" and "pers-x" in m for f, _, m in said)
    assert any(f == "d-broken.xml" and s == "error" for f, s, _ in said)
    assert not any(f == "g-part.xml" for f, _, _ in said)
    for size in (1, 2, 3):
        sets = [files[start:start + size] for start in range(0, len(files), size)]
        validate_pool._start(Choices(folder=files[0].parent))  # what a worker does: one checker for every set it is given
        assert combine([validate_pool._check(chosen) for chosen in sets]) == whole, size


def test_worker_processes_check_sets_and_the_result_is_the_same(tmp_path, monkeypatch):
    files = _edition(tmp_path)
    whole = _serial(files)
    monkeypatch.setattr(validate_pool, "POOL_FROM", 1)
    monkeypatch.setattr(validate_pool, "SET_SIZE", 1)
    monkeypatch.setattr(validate_pool.os, "cpu_count", lambda: 2)
    here = []
    check = Checker.check

    def slow_check(self, chosen):
        # This process is slowed down so that the worker, once started, takes some sets.
        here.append(chosen)
        time.sleep(1.5)
        return check(self, chosen)

    monkeypatch.setattr(Checker, "check", slow_check)
    assert validate_with_models([tmp_path], folder=tmp_path, jobs=2) == whole
    assert 0 < len(here) < len(files)


def test_one_job_checks_in_this_process(tmp_path, monkeypatch):
    files = _edition(tmp_path)
    monkeypatch.setattr(validate_pool, "POOL_FROM", 1)
    monkeypatch.setattr(validate_pool, "ProcessPoolExecutor", None)  # a pool would fail
    assert validate_with_models([tmp_path], folder=tmp_path, jobs=1) == _serial(files)


def test_validate_command_says_the_same_with_one_job_and_with_two(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from teipress.cli import main

    _edition(tmp_path)
    monkeypatch.setattr(validate_pool, "POOL_FROM", 1)
    monkeypatch.setattr(validate_pool, "SET_SIZE", 2)
    monkeypatch.setattr(validate_pool.os, "cpu_count", lambda: 2)
    one = CliRunner().invoke(main, ["validate", str(tmp_path), "--edition", str(tmp_path), "--jobs", "1"])
    two = CliRunner().invoke(main, ["validate", str(tmp_path), "--edition", str(tmp_path), "--jobs", "2"])
    assert (one.exit_code, two.exit_code) == (1, 1)
    assert one.output == two.output
    assert "b-second.xml:6:57: error: pointer '#nowhere' on <ref> does not resolve" in two.output
    assert "registers.xml:9:1: warning: register entry 'pers-b' is referenced by no text of the edition" in two.output
