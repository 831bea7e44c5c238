"""The paratext pages (About, Editorial principles, How to read, How to cite, Changes, Open data):
generated from the TEI headers, read back from the built pages and checked against the TEI."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree, html

from teipress.config import Settings
from teipress.pipeline import build

from .conftest import SEED_SETTINGS_ARGS, TEI

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
SETTINGS = Settings(**SEED_SETTINGS_ARGS)
PARATEXT = ("about", "principles", "help", "cite", "changes", "data")


def _headers() -> list[etree._Element]:
    return [etree.parse(str(p)).getroot() for p in sorted(TEI.glob("*.xml"))]


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _main(site: Path, page: str):
    return html.parse(str(site / f"{page}.html")).getroot().get_element_by_id("main")


@pytest.fixture(scope="session")
def site(seed_edition) -> Path:
    """The seed edition, built once for the session (tests/conftest.py)."""
    return seed_edition


def test_every_paratext_page_is_built_and_linked_from_every_footer(site):
    for page in PARATEXT:
        assert (site / f"{page}.html").is_file(), page
    for page in sorted(site.glob("*.html")):
        footer = html.parse(str(page)).getroot().find(".//footer")
        links = {a.get("href") for a in footer.iter("a")}
        assert {f"{p}.html" for p in PARATEXT} <= links, page.name


def test_about_names_every_editor_and_role_of_the_headers(site):
    about = _words(_main(site, "about").text_content())
    for root in _headers():
        for stmt in root.iterfind(".//tei:titleStmt/tei:respStmt", NS):
            assert _words(stmt.findtext("tei:resp", namespaces=NS)) in about
            for name in stmt.iterfind("tei:orgName", NS):
                assert _words(name.text) in about


def test_about_gives_contact_licence_and_the_newest_version(site):
    main = _main(site, "about")
    lines = {_words("".join(line.itertext())) for root in _headers()
             for line in root.iterfind(".//tei:publicationStmt/tei:address/tei:addrLine", NS)}
    assert lines and all(line in _words(main.text_content()) for line in lines)
    emails = {e.text.strip() for root in _headers() for e in root.iterfind(".//tei:publicationStmt//tei:email", NS)}
    assert {f"mailto:{e}" for e in emails} <= {a.get("href") for a in main.iter("a")}
    licences = {lic.get("target") for root in _headers() for lic in root.iterfind(".//tei:licence", NS)}
    assert licences <= {a.get("href") for a in main.iter("a")}
    changes = [c for root in _headers() for c in root.iterfind(".//tei:revisionDesc/tei:change", NS)]
    newest = max(changes, key=lambda c: (c.get("when"), c.get("n") or ""))
    assert main.find_class("version-number")[0].text_content() == newest.get("n")


def test_principles_carry_project_selection_and_every_editorial_part(site):
    principles = _words(_main(site, "principles").text_content())
    for root in _headers():
        for part in root.iterfind(".//tei:encodingDesc/*", NS):
            if etree.QName(part).localname == "variantEncoding":
                continue
            # Every paragraph of every part is on the page (the first 60 characters, as rendered words).
            for p in part.iterfind(".//tei:p", NS):
                assert _words("".join(p.itertext()))[:60] in principles, etree.QName(part).localname


def test_sigla_table_lists_every_witness_of_every_listwit(site):
    table = _main(site, "principles").find_class("sigla-table")[0]
    sigla = [th.text_content().strip() for th in table.iterfind(".//tbody/tr/th")]
    witnesses = [w.get("{http://www.w3.org/XML/1998/namespace}id") for root in _headers()
                 for w in root.iterfind(".//tei:listWit/tei:witness", NS)]
    assert witnesses and sigla == witnesses


def test_help_explains_the_apparatus_with_a_real_entry_or_none(site):
    """The help page's example is an apparatus entry of the edition; an edition without one shows none.

    The seed texts have one witness each and record their slips with choice/sic/corr (issue 17),
    so today the second branch runs; the first is kept for an edition that has an apparatus."""
    examples = _main(site, "help").find_class("app-example")
    apps = [a for root in _headers() for a in root.iterfind(".//tei:text//tei:app", NS)
            if a.find("tei:rdg[@wit]", NS) is not None]
    if not apps:
        assert examples == []
        return
    siglum = examples[0].find_class("siglum")[0].text_content()
    witnesses = {w.get("{http://www.w3.org/XML/1998/namespace}id") for root in _headers()
                 for w in root.iterfind(".//tei:listWit/tei:witness", NS)}
    assert siglum in witnesses and "]" in examples[0].text_content()


def test_cite_gives_edition_text_and_paragraph_with_version(site):
    main = _main(site, "cite")
    edition = main.get_element_by_id("cite-edition").text_content()
    assert SETTINGS.title in edition and "version 0.3" in edition
    paragraph = main.get_element_by_id("cite-paragraph").text_content()
    assert "§ 1" in paragraph and paragraph.rstrip(".").endswith("agn-arrival.html#agn-p1")
    assert {"data/citation.bib", "data/citation.json", "data/citation.txt"} <= {a.get("href") for a in main.iter("a")}


def test_changes_lists_every_change_newest_first(tmp_path, stylesheets):
    copy = tmp_path / "tei"
    shutil.copytree(TEI, copy)
    text = copy / "agn-arrival.xml"
    source = text.read_text(encoding="utf-8")
    text.write_text(source.replace('<revisionDesc status="published">', '<revisionDesc status="published">\n'
                                   '<change when="2027-02-01" n="0.3" who="#ed">Corrected a date in a note.</change>', 1),
                    encoding="utf-8")
    out = tmp_path / "out"
    assert not build([copy], out, "html", SETTINGS, stylesheets).failed
    changes = _main(out, "changes").find_class("change")
    texts = [_words(c.find_class("change-text")[0].text_content()) for c in changes]
    assert texts[0] == "Corrected a date in a note."
    recorded = {_words("".join(c.itertext())) for p in copy.glob("*.xml")
                for c in etree.parse(str(p)).iterfind(".//tei:revisionDesc/tei:change", NS)}
    assert recorded == set(texts)
    dates = [c.find(".//time").get("datetime") for c in changes]
    assert dates == sorted(dates, reverse=True)
    # The newest numbered change is the edition's version, on About and in citations.
    assert _main(out, "about").find_class("version-number")[0].text_content() == "0.3"
    assert "version 0.3" in _main(out, "cite").get_element_by_id("cite-edition").text_content()


def test_a_funder_in_the_header_appears_on_about_and_the_file_stays_valid(tmp_path, stylesheets, validator):
    copy = tmp_path / "tei"
    shutil.copytree(TEI, copy)
    text = copy / "sedova-assassins.xml"
    text.write_text(text.read_text(encoding="utf-8").replace(
        '<respStmt xml:id="ed">', '<funder><orgName>The Example Foundation</orgName></funder>\n<respStmt xml:id="ed">', 1),
        encoding="utf-8")
    assert [str(d) for d in validator.validate_paths([text])] == []
    out = tmp_path / "out"
    assert not build([copy], out, "html", SETTINGS, stylesheets).failed
    funders = _main(out, "about").find_class("about-funder")
    assert [_words(f.text_content()) for f in funders] == ["The Example Foundation"]


def test_editors_and_licence_of_the_settings_head_the_about_page_and_the_citations(tmp_path, stylesheets):
    from .conftest import FIXTURES

    settings = Settings(title="Mini", build_date="2026-11-24", editors=("Zoe Settings",),
                        licence="https://example.org/licence/1.0")
    report = build([FIXTURES / "mini"], tmp_path, "html", settings, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    about = (tmp_path / "about.html").read_text(encoding="utf-8")
    editors = re.findall(r'<dd class="about-editor"[^>]*>(.*?)</dd>', about, re.S)
    assert "Zoe Settings" in editors[0] and any("Ann Editor" in e for e in editors[1:])
    assert '<a href="https://example.org/licence/1.0" rel="license">' in about
    assert (tmp_path / "data" / "citation.txt").read_text(encoding="utf-8").startswith("Zoe Settings; Ann Editor (eds.)")
    assert "https://example.org/licence/1.0" in (tmp_path / "data" / "LICENCE.txt").read_text(encoding="utf-8")
