"""The stylesheets on a small invented edition with the nested cases (tests/fixtures/mini)."""

from __future__ import annotations

import pytest
from lxml import html

from teipress.config import Settings
from teipress.pipeline import build

from ..conftest import FIXTURES
from ..htmlview import view_text

MINI = FIXTURES / "mini"


@pytest.fixture(scope="module")
def mini(tmp_path_factory, stylesheets):
    out = tmp_path_factory.mktemp("mini")
    report = build([MINI], out, "html", Settings(title="Mini", build_date="2000-01-01"), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return out


def _page(out, name):
    return html.parse(str(out / name)).getroot()


def _words(element) -> str:
    return " ".join(element.text_content().split())


def test_the_fixtures_are_valid(validator):
    diagnostics = validator.validate_paths([MINI])
    assert [d for d in diagnostics if d.is_error] == []
    assert [d.message for d in diagnostics] == ["register entry 'pers-nobody' is referenced by no text of the edition"]


def _band(page, band):
    entries = []
    for li in page.xpath(f'//section[@id="apparatus"]//section[contains(@class, "band-{band}")]//li[contains(@class, "app-entry")]'):
        for extra in li.xpath('./a[contains(@class, "app-back") or contains(@class, "app-locus")]'):
            extra.drop_tree()
        entries.append(_words(li))
    return entries


def test_apparatus_bands_list_their_entries_in_document_order(mini):
    page = _page(mini, "text-one.html")
    assert _band(page, "criticus") == [
        "came] camp W1 (ed.)",
        "Quint W2] Quinto W1",
        "the pier W1] the quay W2",
    ]
    assert _band(page, "interventions") == [
        "be] he sic (ed.)",
        "the] teh sic (ed.)",
        "harbour] harbor orig.",
        "⟨new⟩] suppl., omitted in the source (ed.)",
    ]


def test_each_view_shows_its_own_readings(mini):
    """The nested cases: an app inside a name, a choice inside a lem, supplied text."""
    page = _page(mini, "text-one.html")
    body = page.xpath('//section[@id="reading-text"]')[0]
    p2, p3, p4 = (page.get_element_by_id(i) for i in ("p-2", "p-3", "p-4"))
    assert view_text(p2, "reading") == "Captain Quint said the crossing would be remembered."
    assert view_text(p2, "diplomatic") == "Captain Quinto said the crossing would he remembered."
    assert view_text(p2, "W2") == "Captain Quint said the crossing would he remembered."
    assert view_text(p3, "W1").startswith("The Harbour Board met us at teh pier; the harbor was full.")
    assert view_text(p3, "W2").startswith("The Harbour Board met us at the quay; the harbor was full.")
    assert view_text(p3, "reading").startswith("The Harbour Board met us at the pier; the harbour was full.")
    assert "⟨new⟩ contract" in view_text(p4, "reading") and "about the contract" in view_text(p4, "W1")
    assert page.xpath('//article/@data-views') == ["reading diplomatic W1 W2"]
    assert "W1 camp" not in view_text(body, "W1")


def test_view_switch_offers_one_button_per_view(mini):
    page = _page(mini, "text-one.html")
    buttons = page.xpath('//div[contains(@class, "view-switch")]//button')
    assert [(b.get("data-view"), _words(b)) for b in buttons] == [
        ("reading", "Reading"), ("diplomatic", "Diplomatic"), ("W1", "Witness W1"), ("W2", "Witness W2")]
    assert [b.get("aria-pressed") for b in buttons] == ["true", "false", "false", "false"]
    css = " ".join(page.xpath("//head/style/text()"))
    assert '.edition-text[data-view="W2"] .alt:not(.in-W2)' in css


def test_app_inside_a_name_keeps_the_name_link_and_its_entry(mini):
    page = _page(mini, "text-one.html")
    [name] = page.xpath('//p[@id="p-2"]//a[contains(@class, "person")]')
    assert name.get("href") == "persons/pers-quint.html"  # (changed with the entity pages: the entry's own page)
    assert "Quint" in _words(name)
    call = name.getnext()
    assert "app-call" in call.get("class")


def test_entries_are_keyed_to_their_paragraph(mini):
    page = _page(mini, "text-one.html")
    loci = page.xpath('//section[@id="apparatus"]//a[contains(@class, "app-locus")]')
    assert [(a.text, a.get("href")) for a in loci][:3] == [
        ("§ 1", "#one-p1"), ("§ 2", "#p-2"), ("§ 3", "#p-3")]


def test_note_links_to_the_other_texts_paragraph(mini):
    page = _page(mini, "text-one.html")
    hrefs = page.xpath('//section[@id="notes"]//a/@href')
    assert "text-two.html#two-p2" in hrefs


def test_register_publishes_only_mentioned_entries(mini):
    # (Changed with the entity pages: the register lists rows; an entry's own page its mentions per text.)
    page = _page(mini, "persons.html")
    ids = page.xpath('//li[contains(@class, "register-row")]/@id')
    assert "pers-quint" in ids and "pers-nobody" not in ids
    assert not (mini / "persons" / "pers-nobody.html").exists()
    groups = _page(mini, "persons/pers-quint.html").xpath('//section[@class="entity-text"]/@data-text')
    assert groups == ["text-one", "text-two"]
