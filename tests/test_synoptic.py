"""The synoptic page's data (synoptic.xsl): which paragraphs of two texts tell the same thing
(the "Also told in" pointers, notes' refs and @corresp, both ways), the views each text offers,
the texts each is aligned with; the links from a text page; what a reader without script gets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from teipress.config import Settings
from teipress.pipeline import build

from .conftest import SEED_SETTINGS_ARGS, TEI
from .test_valid_html import java, vnu_errors  # noqa: F401 - java is a fixture


def _data(site: Path) -> dict:
    page = lxml_html.parse(str(site / "synoptic.html")).getroot()
    return {text["id"]: text for text in json.loads(page.find_class("synoptic-data")[0].text)["texts"]}


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory, stylesheets) -> Path:
    """The seed edition's web pages."""
    out = tmp_path_factory.mktemp("synoptic-seed")
    report = build([TEI], out, "html", Settings(**SEED_SETTINGS_ARGS), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return out


def test_the_seed_texts_are_aligned_by_the_events_they_share_both_ways(seed_site):
    texts = _data(seed_site)
    assert texts["agn-arrival"]["align"] == {
        "agn-p3": ["sedova-assassins#sedova-p12"],
        "agn-p8": ["sedova-assassins#sedova-p14", "sedova-assassins#sedova-p15"],
        "agn-p11": ["sedova-assassins#sedova-p1", "sedova-assassins#sedova-p21"],
    }
    assert texts["sedova-assassins"]["align"] == {
        "sedova-p1": ["agn-arrival#agn-p11"], "sedova-p12": ["agn-arrival#agn-p3"],
        "sedova-p14": ["agn-arrival#agn-p8"], "sedova-p15": ["agn-arrival#agn-p8"],
        "sedova-p21": ["agn-arrival#agn-p11"],
    }
    assert texts["agn-arrival"]["partners"] == ["sedova-assassins"]
    assert texts["sedova-assassins"]["partners"] == ["agn-arrival"]


def test_every_aligned_paragraph_is_on_its_text_page_with_that_id(seed_site):
    texts = _data(seed_site)
    for text in texts.values():
        for mine, others in text["align"].items():
            assert lxml_html.parse(str(seed_site / text["href"])).getroot().get_element_by_id(mine) is not None
            for other in others:
                page, anchor = other.split("#")
                target = lxml_html.parse(str(seed_site / texts[page]["href"])).getroot().get_element_by_id(anchor)
                assert "numbered" in target.get("class").split()


def test_each_text_offers_its_views_with_their_labels(seed_site):
    agn = _data(seed_site)["agn-arrival"]
    assert agn["views"] == [{"token": "reading", "label": "Reading"}, {"token": "diplomatic", "label": "Diplomatic"}]
    assert agn["href"] == "agn-arrival.html" and agn["first"] == "reading"
    page = lxml_html.parse(str(seed_site / "synoptic.html")).getroot()
    options = [o.get("value") for o in page.get_element_by_id("synoptic-pane-1").iter("option")]
    assert options == ["agn-arrival:reading", "agn-arrival:diplomatic",
                       "sedova-assassins:reading", "sedova-assassins:diplomatic"]


def test_a_text_page_links_the_synoptic_view_with_the_text_aligned_with_it(seed_site):
    page = lxml_html.parse(str(seed_site / "sedova-assassins.html")).getroot()
    link = page.find_class("synoptic-link")[0].find("a")
    assert link.get("href") == "synoptic.html?panes=sedova-assassins%3Areading%2Cagn-arrival%3Areading"
    assert link.text_content() == "Read side by side"
    assert not page.find_class("witnesses-link")  # no apparatus: no witness columns


def test_without_script_the_page_lists_each_text_with_those_told_alongside(seed_site):
    page = lxml_html.parse(str(seed_site / "synoptic.html")).getroot()
    items = page.find_class("synoptic-fallback")[0].iter("li")
    assert [[a.get("href") for a in li.iter("a")] for li in items] == [
        ["agn-arrival.html", "sedova-assassins.html"], ["sedova-assassins.html", "agn-arrival.html"]]
    # What needs script is hidden without it.
    assert page.find_class("synoptic-chooser")[0].get("hidden") is not None
    assert page.find_class("synoptic-panes")[0].get("hidden") is not None


def test_the_synoptic_page_is_valid_html(seed_site, java):
    assert vnu_errors(java, [seed_site / "synoptic.html", seed_site / "agn-arrival.html"]) == []


A = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="a"><teiHeader><fileDesc><titleStmt><title>Text A</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc></teiHeader>
<text><body><p xml:id="a1">First.</p><p xml:id="a2">Second.</p><p xml:id="a3">Third.</p></body></text></TEI>"""
B = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="b"><teiHeader><fileDesc><titleStmt><title>Text B</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><listWit><witness xml:id="W1">One</witness>
<witness xml:id="W2">Two</witness></listWit></sourceDesc></fileDesc></teiHeader>
<text><body><p xml:id="b1" corresp="a.xml#a3">Uno <app><lem wit="#W1">primo</lem><rdg wit="#W2">prima</rdg></app>.</p>
<p xml:id="b2">Due.</p><p xml:id="b3" corresp="a.xml#a1 a.xml#a2">Tre.</p></body></text></TEI>"""
C = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="c"><teiHeader><fileDesc><titleStmt><title>Text C</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc></teiHeader>
<text><body><p xml:id="c1">Alone.</p></body></text></TEI>"""


@pytest.fixture(scope="module")
def corresp_site(tmp_path_factory, stylesheets) -> Path:
    """Three texts: B's paragraphs point at A's with @corresp (A has no pointer back); C stands alone."""
    folder = tmp_path_factory.mktemp("synoptic-corresp")
    (folder / "tei").mkdir()
    for name, tei in (("a", A), ("b", B), ("c", C)):
        (folder / "tei" / f"{name}.xml").write_text(tei, encoding="utf-8")
    report = build([folder / "tei"], folder / "out", "html", Settings(title="Corresp", build_date="2026-12-02"),
                   stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return folder / "out"


def test_corresp_aligns_paragraphs_both_ways(corresp_site):
    texts = _data(corresp_site)
    assert texts["b"]["align"] == {"b1": ["a#a3"], "b3": ["a#a1", "a#a2"]}
    assert texts["a"]["align"] == {"a1": ["b#b3"], "a2": ["b#b3"], "a3": ["b#b1"]}
    assert texts["a"]["partners"] == ["b"] and texts["c"]["partners"] == [] and texts["c"]["align"] == {}


def test_a_text_without_partner_opens_its_reading_beside_its_diplomatic_view(corresp_site):
    page = lxml_html.parse(str(corresp_site / "c.html")).getroot()
    assert page.find_class("synoptic-link")[0].find("a").get("href") == \
        "synoptic.html?panes=c%3Areading%2Cc%3Adiplomatic"


def test_a_text_with_witnesses_links_its_witness_columns(corresp_site):
    texts = _data(corresp_site)
    assert [v["token"] for v in texts["b"]["views"]] == ["reading", "diplomatic", "W1", "W2"]
    assert [v["label"] for v in texts["b"]["views"][2:]] == ["Witness W1", "Witness W2"]
    page = lxml_html.parse(str(corresp_site / "b.html")).getroot()
    assert page.find_class("witnesses-link")[0].get("href") == "synoptic.html?witnesses=b"


T = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="t"><teiHeader><fileDesc><titleStmt><title>Bilingual</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc></teiHeader>
<text><body><div xml:lang="la"><p xml:id="t1">Gallia est omnis divisa.</p><p xml:id="t2">Horum omnium fortissimi.</p></div>
<div type="translation" xml:lang="en"><p xml:id="tr1" corresp="#t1">All Gaul is divided.</p><p xml:id="tr2">Of all these the bravest.</p></div>
</body></text></TEI>"""
X = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="x" corresp="y.xml"><teiHeader><fileDesc><titleStmt><title>Translated</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc>
<profileDesc><listRelation><relation name="translation" active="#x" passive="y.xml"/></listRelation></profileDesc></teiHeader>
<text><body><p xml:id="x1">Eins.</p></body></text></TEI>"""
Y = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="y"><teiHeader><fileDesc><titleStmt><title>Original</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc></teiHeader>
<text><body><p xml:id="y1">One.</p></body></text></TEI>"""


@pytest.fixture(scope="module")
def translation_site(tmp_path_factory, stylesheets) -> Path:
    """A text with its translation in a div[@type='translation'], and a text that says it translates another."""
    folder = tmp_path_factory.mktemp("synoptic-translation")
    (folder / "tei").mkdir()
    for name, tei in (("t", T), ("x", X), ("y", Y)):
        (folder / "tei" / f"{name}.xml").write_text(tei, encoding="utf-8")
    report = build([folder / "tei"], folder / "out", "html", Settings(title="Translations", build_date="2026-12-02"),
                   stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return folder / "out"


def test_a_translation_within_a_text_is_a_view_aligned_by_corresp(translation_site):
    text = _data(translation_site)["t"]
    assert text["views"][-1] == {"token": "translation", "label": "Translation"}
    assert text["align"] == {"t1": ["t#tr1"], "tr1": ["t#t1"]}
    assert text["translations"] == [] and text["partners"] == []


def test_a_text_translating_another_is_its_first_partner_both_ways(translation_site):
    texts = _data(translation_site)
    assert texts["x"]["translations"] == ["y"] and texts["y"]["translations"] == ["x"]
    assert texts["x"]["partners"] == ["y"] and texts["y"]["partners"] == ["x"]
    assert "translation" not in [v["token"] for v in texts["x"]["views"]]
    page = lxml_html.parse(str(translation_site / "y.html")).getroot()
    assert page.find_class("synoptic-link")[0].find("a").get("href") == "synoptic.html?panes=y%3Areading%2Cx%3Areading"
