"""Validation under hostile or pathological input: never a traceback, every error counted, time linear in the errors."""

from __future__ import annotations

import re

import json

from click.testing import CliRunner

from teipress.cli import main
from teipress.corpus import order_number, read_corpus

from ..conftest import MINIMAL_HEADER, tei, write


def _run(*args):
    return CliRunner().invoke(main, list(args))


def _numbered(xml_id: str, n: str) -> str:
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{xml_id}" n="{n}">{MINIMAL_HEADER}'
            "<text><body><p>x</p></body></text></TEI>")


def test_order_number_accepts_ascii_digits_only():
    assert [order_number(n) for n in ("7", "007", "²", "١٢", "①", " 3", "3a", "", None)] == [
        7, 7, None, None, None, None, None, None, None]


def test_superscript_order_number_sorts_the_text_after_the_numbered_ones(tmp_path):
    for xml_id, n in (("a", "²"), ("b", "10"), ("c", "2")):
        write(tmp_path / f"{xml_id}.xml", _numbered(xml_id, n))
    assert [d.id for d in read_corpus([tmp_path]).texts] == ["c", "b", "a"]


def test_superscript_order_number_validates_and_builds(tmp_path):
    for xml_id, n in (("a", "²"), ("b", "2")):
        write(tmp_path / "tei" / f"{xml_id}.xml", _numbered(xml_id, n))
    validated = _run("validate", str(tmp_path / "tei"))
    assert validated.exit_code == 0 and validated.stdout == "", validated.output
    built = _run("build", str(tmp_path / "tei"), "--out", str(tmp_path / "out"), "--format", "html",
                 "--build-date", "2000-01-01")
    assert built.exit_code == 0, built.output
    assert (tmp_path / "out" / "a.html").is_file() and (tmp_path / "out" / "b.html").is_file()


def _lines_of(source: str, needle: str) -> list[int]:
    return [number for number, text in enumerate(source.splitlines(), start=1) if needle in text]


def test_foreign_prefixed_element_is_a_located_error_in_json(tmp_path):
    source = tei('<p>a <foo:bar xmlns:foo="urn:x"/></p>\n'
                 '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="x.xml"/>')
    path = write(tmp_path / "a.xml", source)
    result = _run("validate", "--format", "json", str(path))
    assert result.exit_code == 1, result.output
    found = [(d["line"], d["col"], d["severity"], d["message"]) for d in json.loads(result.stdout)]
    bar_line, include_line = _lines_of(source, "foo:bar")[0], _lines_of(source, "xi:include")[0]
    # The xi:include is XInclude, read as such (teipress.xinclude): its file is missing, a warning.
    assert found == [
        (bar_line, source.splitlines()[bar_line - 1].index("<foo:bar") + 1, "error",
         "<bar> is not in the TEI namespace (http://www.tei-c.org/ns/1.0)"),
        (include_line, 1, "warning", "xi:include: 'x.xml' names no file; nothing is shown in its place"),
    ]


def test_unexpected_failure_on_one_file_is_its_diagnostic_and_the_others_are_validated(tmp_path, monkeypatch):
    from teipress.validate import Validator

    bad = write(tmp_path / "bad.xml", tei("<p>x</p>", xml_id="bad"))
    other = write(tmp_path / "other.xml", tei("<p><hii>x</hii></p>", xml_id="other"))
    real = Validator.grammar_diagnostics

    def failing(self, document):
        if document.path == bad:
            raise RuntimeError("boom")
        return real(self, document)

    monkeypatch.setattr(Validator, "grammar_diagnostics", failing)
    result = _run("validate", "--format", "json", str(tmp_path))
    assert result.exit_code == 1
    found = [(d["file"], d["line"], d["col"], d["message"].split(":")[0]) for d in json.loads(result.stdout)]
    assert found == [(str(bad), 1, 1, "could not be validated"),
                     (str(other), 6, 4, "unknown element <hii>")]


def test_three_thousand_bad_dates_are_three_thousand_errors(validator, tmp_path):
    source = tei("\n".join('<p><date when="2020-13-45">x</date></p>' for _ in range(3000)))
    found = validator.validate_paths([write(tmp_path / "a.xml", source)])
    assert len(found) == 3000
    assert {d.message for d in found} == {
        "invalid date in @when='2020-13-45': use an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD) that exists"}
    assert [d.line for d in found] == _lines_of(source, "2020-13-45")


def test_three_thousand_unknown_elements_are_three_thousand_errors_each_at_its_line(validator, tmp_path):
    source = tei("\n".join("<p>a <foo/> b</p>" for _ in range(3000)))
    found = validator.validate_paths([write(tmp_path / "a.xml", source)])
    assert [(d.line, d.col) for d in found] == [(line, 6) for line in _lines_of(source, "<foo/>")]
    assert {d.message for d in found} == {"unknown element <foo>: the schema has no element of that name"}


def test_three_thousand_unknown_elements_in_one_paragraph_are_all_reported(validator, tmp_path):
    source = tei("<p>" + "\n".join("a <foo/> b" for _ in range(3000)) + "</p>")
    found = validator.validate_paths([write(tmp_path / "a.xml", source)])
    assert [d.line for d in found] == _lines_of(source, "<foo/>")


def test_three_thousand_dangling_pointers_are_each_reported_at_their_element(validator, tmp_path):
    source = tei("\n".join(f'<p>x <persName ref="#nobody-{i}">N</persName></p>' for i in range(3000)))
    found = validator.validate_paths([write(tmp_path / "a.xml", source)])
    assert [(d.line, d.col) for d in found] == [(line, 6) for line in _lines_of(source, "#nobody-")]
    assert found[-1].message == "pointer '#nobody-2999' on <persName> does not resolve: no element has that xml:id"


def test_no_rule_or_key_of_the_built_in_rules_puts_a_predicate_on_a_wildcard():
    """libxslt matches "tei:*[@wit]" in time proportional to the element's siblings: such a
    pattern made the rules quadratic in a text of thousands of paragraphs (8,000 dangling
    pointers: 26 s, now 0.5 s). The rules match every element and say when they apply."""
    from lxml import etree

    from teipress.resources import default_schematron

    tree = etree.parse(str(default_schematron()))
    patterns = [e.get("context") for e in tree.iter("{http://purl.oclc.org/dsdl/schematron}rule")]
    patterns += [e.get("match") for e in tree.iter("{http://www.w3.org/1999/XSL/Transform}key")]
    wildcard_predicates = [p for p in patterns if re.search(r"(^|[/|:\s])\*\[", p)]
    assert patterns and wildcard_predicates == []
