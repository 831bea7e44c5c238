"""The HTML edition of the seed texts: apparatus, views, entities — read back from the built pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree, html

from teipress.config import Settings
from teipress.export import export_text
from teipress.pipeline import build

from .conftest import SEED_SETTINGS_ARGS, SEED_URL, TEI
from .htmlview import view_text, words

T = "{http://www.tei-c.org/ns/1.0}"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
SETTINGS = Settings(**SEED_SETTINGS_ARGS)
TEXTS = ("agn-arrival", "sedova-assassins")


@pytest.fixture(scope="session")
def site(seed_edition) -> Path:
    """The seed edition, built once for the session (tests/conftest.py)."""
    return seed_edition


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


def test_a_witness_view_that_would_be_the_diplomatic_view_again_is_not_offered(site):
    # Sedova's text has one witness and no apparatus: its witness view would repeat the diplomatic view.
    page = _page(site, "sedova-assassins.html")
    assert page.xpath("//article/@data-views") == ["reading diplomatic"]
    assert [" ".join(b.text_content().split()) for b in page.xpath('//div[@class="view-switch"]/button')] == [
        "Reading", "Diplomatic"]


def test_reading_view_applies_emendations_and_diplomatic_keeps_the_source(site):
    page = _page(site, "sedova-assassins.html")
    p9 = page.get_element_by_id("sedova-p9")
    assert view_text(p9, "reading").startswith("⟨“⟩Trotsky must be exiled abroad⟨.⟩ In the first place because he is")
    assert view_text(p9, "diplomatic").startswith("Trotsky must he exiled abroad In the first place because he Is")
    p23 = page.get_element_by_id("sedova-p23")
    assert "presence; he must appear" in view_text(p23, "reading")
    assert "presence; she must appear" in view_text(p23, "diplomatic")
    # A spelling of the period is kept in both views, not regularised (issue 17).
    assert "committed in Coyoacan" in view_text(p23, "reading")
    assert "committed in Coyoacan" in view_text(p23, "diplomatic")


def test_editorial_note_calls_are_hidden_outside_the_reading_view(site):
    css = (site / "assets" / "teipress.css").read_text(encoding="utf-8")
    assert '.edition-text:not([data-view="reading"]) a.note-call.editorial { display: none; }' in css


@pytest.mark.parametrize("name", TEXTS)
def test_the_notes_are_numbered_as_their_calls_and_the_list_counts_them_itself(site, name):
    page = _page(site, f"{name}.html")
    calls = [a.text_content() for a in page.xpath('//*[@id="reading-text"]//a[contains(@class, "note-call")]')]
    entries = page.xpath('//ol[@class="note-list"]/li')
    assert calls and [li.xpath('string(a[@class="note-back"])') for li in entries] == calls
    assert calls == [str(n) for n in range(1, len(calls) + 1)]
    # Numbers in order need no value attribute; Chromium recounts the items after each valued one,
    # which kept a page of 13,000 notes blank for 30 s.
    assert page.xpath('//ol[@class="note-list"]/li/@value') == []


def test_every_register_entry_lists_each_paragraph_that_mentions_it(site):
    """For every mention inside a numbered paragraph of either text, its entry's page links to that paragraph.
    (Changed with the entity pages: the mentions are on each entry's own page, persons/pers-x.html, no longer
    on the register page; their links go up to the site's root.)"""
    hrefs: dict[str, set[str]] = {}
    for name in ("persons", "places", "organisations", "objects", "events"):
        for path in (site / name).glob("*.html"):
            for entry in _page(site, f"{name}/{path.name}").xpath('//article[contains(@class, "entity")]'):
                hrefs[entry.get("id")] = {h.removeprefix("../") for h in entry.xpath('.//a[contains(@class, "kwic-locus")]/@href')}
    missing = []
    for name in TEXTS:
        tei = etree.parse(str(TEI / f"{name}.xml"))
        for mention in tei.xpath("//tei:body/descendant::*[@ref]", namespaces=NS):
            paragraph = mention.xpath("ancestor::tei:p[@xml:id][not(ancestor::tei:note)][1]/@xml:id", namespaces=NS)
            if not paragraph or mention.xpath("ancestor::tei:note", namespaces=NS):
                continue
            entry = mention.get("ref").split("#")[1]
            if f"{name}.html#{paragraph[0]}" not in hrefs.get(entry, set()):
                missing.append((entry, name, paragraph[0]))
    assert missing == []


def test_chronology_lists_every_dated_mention_in_time_order(site):
    """(Changed with the chronology in pages: the overview links a page per period, whose items, in the
    overview's order, are every dated mention once; their links go up to the site's root.)"""
    overview = _page(site, "chronology.html")
    items = [li for href in overview.xpath('//nav[contains(@class, "chrono-periods")]//a/@href')
             for li in _page(site, href).xpath('//ol[contains(@class, "chronology")]/li')]
    keys = [(li.get("data-start"), li.get("data-end")) for li in items]
    assert keys == sorted(keys)
    expected = sum(len(etree.parse(str(TEI / f"{n}.xml")).xpath(
        "//tei:text//tei:date[@when or @from or @to or @notBefore or @notAfter]", namespaces=NS)) for n in TEXTS)
    assert len(items) == expected
    # A range is placed at its start; a month before the days that follow its first.
    starts = {li.get("data-start"): li for li in items}
    assert "1801-01-01" in starts and "the 19th century" in words(starts["1801-01-01"])
    first_1929 = [words(li) for li in items if li.get("data-start", "").startswith("1929")]
    assert first_1929[0].startswith("January 1929")
    link = items[0].xpath('.//a/@href')[0]
    assert re.fullmatch(r"\.\./(agn-arrival|sedova-assassins)\.html#[\w-]+", link)


def test_also_told_links_join_paragraphs_of_the_two_texts(site):
    agn, sedova = _page(site, "agn-arrival.html"), _page(site, "sedova-assassins.html")
    def links_after(page, pid):
        paragraph = page.get_element_by_id(pid)
        following = paragraph.getnext()
        assert "also-told" in following.get("class")
        return following.xpath(".//a/@href")
    # From the notes' refs, and back from the other text's notes.
    assert "sedova-assassins.html#sedova-p12" in links_after(agn, "agn-p3")
    assert "agn-arrival.html#agn-p3" in links_after(sedova, "sedova-p12")
    assert "sedova-assassins.html#sedova-p21" in links_after(agn, "agn-p11")


def test_text_page_carries_citation_metadata_and_json_ld(site):
    import json
    page = _page(site, "sedova-assassins.html")
    meta = {m.get("name"): m.get("content") for m in page.xpath("//head/meta[@name]")}
    assert meta["citation_title"] == "Stalinist Assassins Must Be Made to Stand Trial!"
    assert meta["citation_author"] == "Natalia Sedova Trotsky"
    assert meta["citation_date"] == "1947-04-18"
    assert meta["citation_public_url"] == "sedova-assassins.html"
    [ld] = page.xpath('//script[@type="application/ld+json"]/text()')
    data = json.loads(ld)
    assert data["@type"] == "CreativeWork" and data["author"][0]["name"] == "Natalia Sedova Trotsky"
    trotsky = [m for m in data["mentions"] if m["name"] == "Leon Trotsky"][0]
    assert trotsky["@type"] == "Person" and any("wikidata" in s for s in trotsky["sameAs"])
    cite = words(page.get_element_by_id("cite-text"))
    assert cite.startswith("Natalia Sedova Trotsky, “Stalinist Assassins Must Be Made to Stand Trial!”, in Trotsky in Mexico")
    assert page.xpath('//span[@data-access-date]') and page.xpath('//button[contains(@class, "cite-copy")]')


def test_sitemap_lists_every_page(seed_site_with_url):
    site = seed_site_with_url
    sitemap = etree.parse(str(site / "sitemap.xml"))
    locs = sitemap.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    # (Changed with the entity pages: the pages in folders, an entry's and a period's, are listed too.)
    pages = sorted(SEED_URL + p.relative_to(site).as_posix() for p in site.rglob("*.html") if "pagefind" not in p.parts)
    assert sorted(locs) == pages


def test_without_a_url_no_sitemap_is_written_and_the_build_says_so(site, tmp_path, stylesheets):
    assert not (site / "sitemap.xml").exists()
    report = build([TEI], tmp_path, "html", SETTINGS, stylesheets)
    warnings = [str(d) for d in report.diagnostics if "sitemap.xml" in d.message]
    assert warnings == ["teipress.toml:1:1: warning: sitemap.xml not written: absolute URLs are needed; "
                        "set [edition] url in teipress.toml"]
    assert not (tmp_path / "sitemap.xml").exists()


def test_search_index_is_built_with_the_site(site):
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert not [p for p in site.iterdir() if p.name.startswith(".pagefind")]
    page = _page(site, "search.html")
    assert page.xpath('//script[@src="pagefind/pagefind-ui.js"]')
    assert page.xpath('//*[@id="search-needs-http"][@hidden]')


def test_home_page_shows_the_introduction(tmp_path, stylesheets):
    settings = Settings(title="T", build_date="2026-11-24", introduction="First paragraph.\n\nSecond  one.")
    build([TEI], tmp_path, "html", settings, stylesheets)
    page = _page(tmp_path, "index.html")
    assert [words(p) for p in page.xpath('//section[contains(@class, "introduction")]/p')] == [
        "First paragraph.", "Second one."]


def test_pages_load_nothing_from_outside_the_site(site):
    for path in site.glob("*.html"):
        page = _page(site, path.name)
        for url in page.xpath("//script/@src | //link/@href | //img/@src"):
            assert not re.match(r"^(https?:)?//", url), (path.name, url)


def test_register_page_carries_its_entries_as_json_ld(site):
    import json
    page = _page(site, "places.html")
    [ld] = page.xpath('//script[@type="application/ld+json"]/text()')
    graph = json.loads(ld)["@graph"]
    ids = {item["@id"] for item in graph}
    # (Changed with the entity pages: an entry's @id is its own page; the register page lists rows.)
    assert "places/pl-coyoacan.html" in ids
    assert all(item["@type"] == "Place" for item in graph)
    assert len(graph) == len(page.xpath('//li[contains(@class, "register-row")]'))


def test_an_introduction_text_is_the_home_pages_introduction(tmp_path, stylesheets):
    source = tmp_path / "tei"
    source.mkdir()
    for path in TEI.glob("*.xml"):
        (source / path.name).write_bytes(path.read_bytes())
    (source / "introduction.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="introduction"><teiHeader><fileDesc><titleStmt>'
        "<title>Introduction</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p>"
        "</sourceDesc></fileDesc></teiHeader><text><body><p>Two texts tell of "
        '<persName ref="registers.xml#pers-trotsky">Trotsky</persName>; see '
        '<ref target="sedova-assassins.xml#sedova-p1">Sedova’s first paragraph</ref>.</p></body></text></TEI>',
        encoding="utf-8")
    out = tmp_path / "out"
    report = build([source], out, "html", SETTINGS, stylesheets)
    assert not report.failed and report.texts == 2
    page = _page(out, "index.html")
    [intro] = page.xpath('//section[contains(@class, "introduction")]')
    assert words(intro) == "Two texts tell of Trotsky; see Sedova’s first paragraph."
    # (Changed with the entity pages: a name links its entry's page.)
    assert intro.xpath(".//a/@href") == ["persons/pers-trotsky.html", "sedova-assassins.html#sedova-p1"]
    assert not (out / "introduction.html").exists()
    assert len(page.xpath('//li[contains(@class, "text-item")]')) == 2


def test_failed_search_indexing_leaves_the_old_index_in_place(tmp_path, monkeypatch):
    import subprocess

    from teipress.writers import search as html_writer

    site, staging = tmp_path / "site", tmp_path / "staging"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "pagefind.js").write_text("old", encoding="utf-8")
    failed = subprocess.CompletedProcess(args=[], returncode=1, stdout="", stderr="boom")
    monkeypatch.setattr(html_writer.subprocess, "run", lambda *a, **k: failed)
    with pytest.raises(html_writer.SearchIndexError, match="boom"):
        html_writer.index_search(site, staging)
    assert (site / "pagefind" / "pagefind.js").read_text(encoding="utf-8") == "old"
    assert [p.name for p in site.iterdir()] == ["pagefind"]


def test_the_search_index_is_made_in_the_staging_folder_not_in_the_site(tmp_path):
    from teipress.writers import search as html_writer

    site, staging = tmp_path / "site", tmp_path / "staging"
    site.mkdir()
    (site / "index.html").write_text('<html lang="en"><body><p>Cárdenas</p></body></html>', encoding="utf-8")
    files = html_writer.index_search(site, staging)
    assert (staging / "pagefind" / "pagefind.js") in files
    assert all(path.is_relative_to(staging / "pagefind") for path in files)
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]  # the build publishes it


@pytest.mark.parametrize("name", TEXTS)
def test_every_mention_in_the_text_is_described_by_its_entity_card(site, name):
    page = _page(site, f"{name}.html")
    cards = {card.get("id"): card for card in page.xpath('//div[contains(@class, "entity-card")]')}
    mentions = page.xpath('//section[@id="reading-text"]//a[contains(@class, "name")][@data-entry]')
    assert mentions
    for mention in mentions:
        card = cards[mention.get("aria-describedby")]
        assert card.get("id") == "card-" + mention.get("data-entry")
        # (Changed with the entity pages: the card links its entry's page, no longer a register page's anchor.)
        assert card.xpath('.//a/@href')[0].endswith("/" + mention.get("data-entry") + ".html")
    coyoacan = words(cards["card-pl-coyoacan"]) if "card-pl-coyoacan" in cards else "Coordinates"
    assert "Coordinates" in coyoacan
    trotsky = words(cards["card-pers-trotsky"])
    assert trotsky.startswith("Leon Trotsky person Born 7 November 1879; Died 21 August 1940")
    assert cards["card-pers-trotsky"].xpath('.//a[contains(@href, "wikidata.org")]')


def test_a_photograph_the_edition_does_not_reproduce_says_so_and_its_title_and_caption_are_apart(site):
    page = _page(site, "agn-arrival.html")
    [figure] = page.xpath('//figure[@id="agn-fig1"]')
    assert words(figure.xpath('.//span[@class="figure-absent"]')[0]) == "[photograph not reproduced]"
    heads = figure.xpath(".//figcaption/span")
    assert [h.get("class") for h in heads] == ["tei-head type-title", "tei-head type-caption"]
    assert words(heads[0]) == "Remembering the arrival of Leon Trotsky to Mexico as a refugee"


def test_the_apparatus_speaks_in_words_a_reader_understands(site):
    page = _page(site, "sedova-assassins.html")
    labels = {(a.text, a.get("title")) for a in page.xpath('//section[@id="apparatus"]//span[@class="app-label"]')}
    assert ("sic", 'sic, "thus": the source\'s reading, kept as the source has it') in labels
    assert ("suppl.", "supplied by the editors: not in the source") in labels
    reasons = {r.text for r in page.xpath('//span[@class="app-reason"]')}
    assert "left out in the source" in reasons and not any("-" in r for r in reasons)  # no raw attribute value
    assert {r.get("title") for r in page.xpath('//span[@class="app-resp"]')} == {"by the editors of this edition"}
    help_page = _page(site, "help.html")
    terms = [words(t) for t in help_page.xpath('//dl[@class="help-labels"]/dt')]
    assert terms[:2] == ["sic", "corr."] and "(ed.)" in terms
