"""The HTML edition of the seed texts: apparatus, views, entities — read back from the built pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree, html

from teipress.config import Settings
from teipress.export import export_text
from teipress.pipeline import build

from .conftest import TEI
from .htmlview import view_text, words

T = "{http://www.tei-c.org/ns/1.0}"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
SETTINGS = Settings(title="Trotsky in Mexico: Exile and Asylum", build_date="2026-11-24")
TEXTS = ("agn-arrival", "sedova-assassins")


@pytest.fixture(scope="module")
def site(tmp_path_factory, stylesheets) -> Path:
    out = tmp_path_factory.mktemp("html")
    report = build([TEI], out, "html", SETTINGS, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return out


def _page(site: Path, name: str):
    return html.parse(str(site / name)).getroot()


def _plain(el, view: str) -> str:
    """The text of a TEI element in a view, computed from the TEI alone (the test's own oracle)."""
    parts = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == f"{T}app":
            lem = child.find(f"{T}lem")
            rdgs = child.findall(f"{T}rdg")
            branch = lem if view == "reading" else next((r for r in [lem, *rdgs] if r is not None and "#MIA" in (r.get("wit") or "").split() or r is not None and "#W1" in (r.get("wit") or "").split()), lem)
            parts.append(_plain(branch, view))
        elif tag == f"{T}choice":
            wanted = ("corr", "reg", "expan") if view == "reading" else ("sic", "orig", "abbr")
            branch = next(c for c in child if etree.QName(c).localname in wanted)
            parts.append(_plain(branch, view))
        elif tag == f"{T}supplied":
            parts.append("⟨" + _plain(child, view) + "⟩" if view == "reading" else "")
        elif tag == f"{T}note":
            pass
        else:
            parts.append(_plain(child, view))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _entry_words(li) -> str:
    copy = html.fromstring(html.tostring(li))
    for extra in copy.xpath('./a[contains(@class, "app-back") or contains(@class, "app-locus")]'):
        extra.drop_tree()
    return words(copy)


@pytest.mark.parametrize("name", TEXTS)
def test_every_app_and_choice_has_one_entry_with_lemma_reading_and_siglum(site, name):
    tei = etree.parse(str(TEI / f"{name}.xml"))
    page = _page(site, f"{name}.html")
    items = tei.xpath("//tei:text//*[self::tei:app or self::tei:choice or self::tei:supplied]", namespaces=NS)
    entries = page.xpath('//section[@id="apparatus"]//li[contains(@class, "app-entry")]')
    assert len(entries) == len(items)
    for n, item in enumerate(items, start=1):
        entry_id = item.get("{http://www.w3.org/XML/1998/namespace}id") or f"app-{n}"
        [li] = [e for e in entries if e.get("id") == entry_id]
        text = _entry_words(li)
        kind = etree.QName(item).localname
        if kind == "app":
            lem, rdg = item.find(f"{T}lem"), item.find(f"{T}rdg")
            siglum = rdg.get("wit").lstrip("#")
            expected = f"{_plain(lem, 'reading')}] {_plain(rdg, 'diplomatic')} {siglum}"
            assert "band-criticus" in li.getparent().getparent().get("class")
        elif kind == "choice":
            reading = next(c for c in item if etree.QName(c).localname in ("corr", "reg", "expan"))
            source = next(c for c in item if etree.QName(c).localname in ("sic", "orig", "abbr"))
            label = {"sic": "sic", "orig": "orig.", "abbr": "abbr."}[etree.QName(source).localname]
            expected = f"{_plain(reading, 'reading')}] {_plain(source, 'diplomatic')} {label}"
            assert "band-interventions" in li.getparent().getparent().get("class")
        else:
            expected = f"⟨{_plain(item, 'reading')}⟩] suppl."
        assert text.startswith(expected), (entry_id, text, expected)
        # The marked place in the text points at the entry, and the entry's locus at the place's paragraph.
        [place] = page.xpath(f'//section[@id="reading-text"]//*[@data-app="{entry_id}"]')
        paragraph = place.xpath('ancestor::*[contains(@class, "numbered")][1]')
        locus = li.xpath('./a[contains(@class, "app-locus")]/@href')[0]
        if paragraph:
            assert locus == "#" + paragraph[0].get("id")


@pytest.mark.parametrize("name", TEXTS)
def test_diplomatic_view_equals_the_diplomatic_export(site, name, stylesheets):
    page = _page(site, f"{name}.html")
    [text] = page.xpath('//section[@id="reading-text"]/div[contains(@class, "tei-text")]')
    exported = " ".join(export_text(TEI / f"{name}.xml", "diplomatic", stylesheets).split())
    assert view_text(text, "diplomatic") == exported


def test_witness_view_of_the_copy_text_equals_the_diplomatic_export(site, stylesheets):
    page = _page(site, "sedova-assassins.html")
    assert page.xpath("//article/@data-views") == ["reading diplomatic MIA"]
    [text] = page.xpath('//section[@id="reading-text"]/div[contains(@class, "tei-text")]')
    exported = " ".join(export_text(TEI / "sedova-assassins.xml", "diplomatic", stylesheets).split())
    assert view_text(text, "MIA") == exported


def test_reading_view_applies_emendations_and_diplomatic_keeps_the_source(site):
    page = _page(site, "sedova-assassins.html")
    p9 = page.get_element_by_id("sedova-p9")
    assert view_text(p9, "reading").startswith("⟨“⟩Trotsky must be exiled abroad⟨.⟩ In the first place because he is")
    assert view_text(p9, "diplomatic").startswith("Trotsky must he exiled abroad In the first place because he Is")
    p23 = page.get_element_by_id("sedova-p23")
    assert "committed in Coyoacán" in view_text(p23, "reading")
    assert "committed in Coyoacan" in view_text(p23, "diplomatic")


def test_editorial_note_calls_are_hidden_outside_the_reading_view(site):
    css = (site / "assets" / "teipress.css").read_text(encoding="utf-8")
    assert '.edition-text:not([data-view="reading"]) a.note-call.editorial { display: none; }' in css
