"""The stylesheets on a small invented edition with the nested cases (tests/fixtures/mini)."""

from __future__ import annotations

import pytest
from lxml import html

from teipress.config import Settings
from teipress.pipeline import build

from ..conftest import FIXTURES

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


def test_apparatus_entries_in_document_order(mini):
    page = _page(mini, "text-one.html")
    entries = []
    for li in page.xpath('//section[@id="apparatus"]//li[contains(@class, "app-entry")]'):
        for extra in li.xpath('./a[contains(@class, "app-back") or contains(@class, "app-locus")]'):
            extra.drop_tree()
        entries.append(_words(li))
    assert entries == [
        "came] camp W1 (ed.)",
        "Quint W2] Quinto W1",
        "be] he sic (ed.)",
        "the pier W1] the quay W2",
        "the] teh sic (ed.)",
        "harbour] harbor orig.",
        "⟨new⟩] suppl., omitted in the source (ed.)",
    ]


def test_app_inside_a_name_keeps_the_name_link_and_its_entry(mini):
    page = _page(mini, "text-one.html")
    [name] = page.xpath('//p[@id="p-2"]//a[contains(@class, "person")]')
    assert name.get("href") == "persons.html#pers-quint"
    assert "Quint" in _words(name)
    call = name.getnext()
    assert "app-call" in call.get("class")


def test_entries_are_keyed_to_their_paragraph(mini):
    page = _page(mini, "text-one.html")
    loci = page.xpath('//section[@id="apparatus"]//a[contains(@class, "app-locus")]')
    assert [(a.text, a.get("href")) for a in loci][:3] == [
        ("§ 1", "#one-p1"), ("§ 2", "#p-2"), ("§ 2", "#p-2")]


def test_note_links_to_the_other_texts_paragraph(mini):
    page = _page(mini, "text-one.html")
    hrefs = page.xpath('//section[@id="notes"]//a/@href')
    assert "text-two.html#two-p2" in hrefs


def test_register_publishes_only_mentioned_entries(mini):
    page = _page(mini, "persons.html")
    ids = page.xpath('//article[contains(@class, "entry")]/@id')
    assert "pers-quint" in ids and "pers-nobody" not in ids
    groups = page.xpath('//article[@id="pers-quint"]//li[contains(@class, "mention-group")]/@data-text')
    assert groups == ["text-one", "text-two"]
