"""The letters' metadata for correspSearch: cmif.xml, valid against the CMIF schema and its Schematron
rules (../shared/schemas/cmif), one correspDesc per letter with its sender, addressee, places and dates
and their authority URIs; written only for an edition with letters and a url, with warnings for what
correspSearch would miss."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teipress.cli import main
from teipress.config import Settings
from teipress.document import Document, load, safe_parser
from teipress.pipeline import build
from teipress.schematron import SaxonRules
from teipress.writers.cmif import source_id

from .conftest import MINIMAL_HEADER, SHARED, tei, write
from .letters_edition import GEONAMES, GND, LICENCE, URL, write_edition

CMIF_SCHEMAS = SHARED / "schemas" / "cmif"
CORPUS = SHARED / "corpus"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}

pytestmark = pytest.mark.skipif(not CMIF_SCHEMAS.is_dir(), reason=f"{CMIF_SCHEMAS} is not here (it comes with ../shared)")


@pytest.fixture(scope="module")
def cmif_validator():
    """A function giving the RELAX NG errors and the Schematron errors of a CMIF file (empty lists: valid)."""
    grammar = etree.RelaxNG(etree.parse(str(CMIF_SCHEMAS / "cmi-customization.rng"), safe_parser()))
    rules = SaxonRules(CMIF_SCHEMAS / "cmif.sch", etree.parse(str(CMIF_SCHEMAS / "cmif.sch"), safe_parser()).getroot())

    def errors(document: Document) -> tuple[list[str], list[str]]:
        grammar.validate(document.tree)
        return ([f"{e.line}: {e.message}" for e in grammar.error_log],
                [str(d) for d in rules.diagnostics(document) if d.severity == "error"])

    return errors


def _build(folder: Path, out: Path, stylesheets, url: str = URL):
    report = build([folder], out, "html,cmif", Settings(title="Weber letters", build_date="2000-01-01", url=url), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return report


@pytest.fixture(scope="module")
def letters_site(tmp_path_factory, stylesheets) -> tuple[Path, object]:
    """The generated letter edition built with its url: (output folder, build report)."""
    folder = write_edition(tmp_path_factory.mktemp("letters-src"))
    out = tmp_path_factory.mktemp("letters-out")
    return out, _build(folder, out, stylesheets)


def test_the_cmif_of_the_generated_letters_is_valid_against_the_cmif_schema_and_rules(letters_site, cmif_validator):
    out, report = letters_site
    assert cmif_validator(load(out / "cmif.xml")) == ([], [])
    assert [str(d) for d in report.diagnostics if "cmif" in str(d)] == []


def test_the_validator_refuses_a_correspdesc_without_addressee_and_a_date_without_dating(letters_site, cmif_validator, tmp_path):
    """The check above can fail: the Schematron rules of CMIF run (E0002, E0004) and so does the schema."""
    root = etree.parse(str(letters_site[0] / "cmif.xml")).getroot()
    first = root.find(".//t:correspDesc", TEI)
    first.remove(first.find("t:correspAction[@type='received']", TEI))
    for date in first.iterfind(".//t:date", TEI):
        date.attrib.clear()
    broken = tmp_path / "broken.xml"
    broken.write_bytes(etree.tostring(root))
    grammar_errors, rule_errors = cmif_validator(load(broken))
    assert [error.split(": ", 2)[-1] for error in rule_errors] == [
        '[E0002] Element "<correspAction type="received"/>" must be present.',
        "[E0004] At least one dating attribute (@when, @from etc.) must be present."]
    root.find(".//t:idno", TEI).text = "not a URL"
    broken.write_bytes(etree.tostring(root))
    assert cmif_validator(load(broken))[0] != []


def _letters(path: Path) -> dict[str, dict]:
    """Each correspDesc of a CMIF file by its @ref: its @source and each action's names, places and dates."""
    root = etree.parse(str(path)).getroot()
    letters = {}
    for desc in root.iterfind(".//t:profileDesc/t:correspDesc", TEI):
        actions = {}
        for action in desc.iterfind("t:correspAction", TEI):
            actions[action.get("type")] = {
                "persons": [(p.text, p.get("ref")) for p in action.iterfind("t:persName", TEI)],
                "places": [(p.text, p.get("ref")) for p in action.iterfind("t:placeName", TEI)],
                "dates": [dict(d.attrib) for d in action.iterfind("t:date", TEI)]}
        letters[desc.get("ref")] = {"source": desc.get("source"), **actions}
    return letters


def test_each_letter_has_its_sender_addressee_places_and_dates_with_their_authority_uris(letters_site):
    letters = _letters(letters_site[0] / "cmif.xml")
    source = f"#{source_id(URL)}"
    weber, dietrichstein = ("Carl Maria von Weber", f"{GND}118629662"), ("Moritz von Dietrichstein", f"{GND}116113669")
    dresden = ("Dresden", f"{GEONAMES}2935022")
    assert letters == {
        f"{URL}a1810.html": {
            "source": source,
            "sent": {"persons": [("Johann Gänsbacher", f"{GND}118814044")], "places": [],
                     "dates": [{"notBefore": "1810-07-11", "notAfter": "1810-07-18"}]},
            "received": {"persons": [weber], "places": [("Mannheim", f"{GEONAMES}2873891")], "dates": []}},
        f"{URL}d1819.html": {
            "source": source,
            "sent": {"persons": [weber], "places": [], "dates": [{"when": "1819-08-05"}]},
            # A correspondent the registers do not know: named, without a ref.
            "received": {"persons": [("Pastenaci, E.", None)], "places": [], "dates": []}},
        f"{URL}b1825.html": {
            "source": source,
            "sent": {"persons": [weber], "places": [dresden], "dates": [{"when": "1825-05-07"}]},
            "received": {"persons": [dietrichstein], "places": [("Wien", f"{GEONAMES}2761369")], "dates": []}},
        f"{URL}c1826.html": {
            "source": source,
            "sent": {"persons": [weber], "places": [dresden], "dates": [{"when": "1826-01-10"}]},
            "received": {"persons": [dietrichstein], "places": [], "dates": []}},
    }


def test_the_header_names_the_file_by_its_url_the_editor_with_email_the_licence_and_the_edition(letters_site):
    root = etree.parse(str(letters_site[0] / "cmif.xml")).getroot()
    header = root.find("t:teiHeader/t:fileDesc", TEI)
    assert header.findtext("t:titleStmt/t:title", namespaces=TEI) == "Weber letters"
    editor = header.find("t:titleStmt/t:editor", TEI)
    assert (editor.text.strip(), editor.findtext("t:email", namespaces=TEI)) == ("Ada Editor", "letters@example.org")
    statement = header.find("t:publicationStmt", TEI)
    assert statement.findtext("t:idno[@type='url']", namespaces=TEI) == f"{URL}cmif.xml"
    assert statement.find("t:date", TEI).get("when") == "2000-01-01"
    assert statement.find("t:availability/t:licence", TEI).get("target") == LICENCE
    assert header.find("t:sourceDesc/t:bibl", TEI).get("{http://www.w3.org/XML/1998/namespace}id") == source_id(URL)


@pytest.mark.parametrize("name, letters", [("schnitzler-briefe", 5), ("evt-bellini", 2)])
def test_the_cmif_of_a_real_letter_edition_is_valid(name, letters, tmp_path, stylesheets, cmif_validator):
    folder = CORPUS / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here (it comes with ../shared)")
    url = f"https://example.org/{name}/"
    _build(folder, tmp_path / "out", stylesheets, url)
    cmif = tmp_path / "out" / "cmif.xml"
    assert cmif_validator(load(cmif)) == ([], [])
    found = _letters(cmif)
    assert len(found) == letters and all(ref.startswith(url) and ref.endswith(".html") for ref in found)
    assert all(found[ref]["sent"]["persons"] and found[ref]["received"]["persons"] for ref in found)
    if name == "schnitzler-briefe":
        # Arthur Schnitzler's GND id stands in the idno of the person each letter describes.
        letter = found[f"{url}L00121.html"]
        assert letter["received"]["persons"] == [("Schnitzler, Arthur", f"{GND}118609807")]
        assert letter["sent"]["places"] == [("Lélex", None)]
        assert letter["received"]["dates"] == [{"notBefore": "1892-09-08", "notAfter": "1892-09-12"}]


def test_an_edition_without_letters_gets_no_cmif_file_and_no_warning(tmp_path, stylesheets):
    write(tmp_path / "src" / "a.xml", tei("<p>No letter here.</p>", xml_id="a"))
    report = _build(tmp_path / "src", tmp_path / "out", stylesheets)
    assert not (tmp_path / "out" / "cmif.xml").exists()
    assert [str(d) for d in report.diagnostics if "cmif" in str(d).lower()] == []


def test_without_a_url_the_cmif_file_is_not_written_and_the_build_says_why(tmp_path):
    folder = write_edition(tmp_path / "letters")
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(tmp_path / "out"), "--format", "cmif",
                                       "--build-date", "2000-01-01"])
    assert result.exit_code == 0, result.output
    assert ("teipress.toml:1:1: warning: cmif.xml not written: CMIF names the file and each letter by its absolute "
            "URL; set [edition] url in teipress.toml") in result.output
    assert not (tmp_path / "out" / "cmif.xml").exists()


def _letter_header(licence: str, email: str) -> str:
    address = f"<address><email>{email}</email></address>" if email else ""
    availability = f'<availability><licence target="{licence}">{licence}</licence></availability>' if licence else ""
    return MINIMAL_HEADER.replace("<title>T</title>", "<title>T</title><editor>Ada Editor</editor>").replace(
        "<publicationStmt><p>P</p></publicationStmt>",
        f"<publicationStmt><publisher>P</publisher>{address}{availability}</publicationStmt>").replace(
        "</fileDesc>", '</fileDesc><profileDesc><correspDesc><correspAction type="sent"><persName>A</persName>'
        '</correspAction><correspAction type="received"><persName>B</persName></correspAction></correspDesc></profileDesc>')


def test_a_licence_other_than_cc_by_or_cc0_and_a_missing_email_are_warnings_and_the_file_is_written(
        tmp_path, stylesheets, cmif_validator):
    licence = "https://creativecommons.org/licenses/by-nc/4.0/"
    write(tmp_path / "src" / "a.xml", tei("<p>A letter.</p>", _letter_header(licence, ""), xml_id="a"))
    report = _build(tmp_path / "src", tmp_path / "out", stylesheets)
    warnings = [d.message for d in report.diagnostics if "cmif.xml" in d.message]
    assert warnings == [
        "cmif.xml: the editors are given without an email (correspSearch asks for one to contact them); give one "
        "in a file's publicationStmt/address or in an editor's statement",
        f"cmif.xml: the licence {licence} is neither CC BY nor CC0, the licences correspSearch harvests"]
    cmif = load(tmp_path / "out" / "cmif.xml")
    assert cmif_validator(cmif) == ([], [])
    assert cmif.root.find(".//t:editor", TEI).text == "Ada Editor" and cmif.root.find(".//t:email", TEI) is None


def test_without_a_licence_url_the_file_is_not_written_and_a_one_sided_letter_is_named(tmp_path, stylesheets):
    write(tmp_path / "src" / "a.xml", tei("<p>A letter.</p>", _letter_header("", "a@example.org"), xml_id="a"))
    one_sided = _letter_header("", "a@example.org").replace(
        '<correspAction type="received"><persName>B</persName></correspAction>', "")
    write(tmp_path / "src" / "b.xml", tei("<p>Another.</p>", one_sided, xml_id="b"))
    report = _build(tmp_path / "src", tmp_path / "out", stylesheets)
    assert [d.message for d in report.diagnostics if "cmif.xml" in d.message] == [
        "cmif.xml: the letter b.xml is left out: CMIF needs both its sender's and its addressee's side "
        '(correspAction type="sent" and "received" with a name, a place or a date)',
        "cmif.xml not written: CMIF needs a licence with a URL (CC BY or CC0); give one in [edition] licence of "
        "teipress.toml or in a file's availability/licence/@target"]
    assert not (tmp_path / "out" / "cmif.xml").exists()
