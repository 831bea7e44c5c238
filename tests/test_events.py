"""Events (issue 16, point 2; issue 17): the event register of the seed edition, the events tagged in the
texts (rs type="event"), their register page, cards and sections, the timeline page's list (the page
without JavaScript) and the open data — each checked against the TEI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from lxml import etree, html

from .conftest import TEI

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TEXTS = ("agn-arrival", "sedova-assassins")


def _events() -> dict[str, etree._Element]:
    """The event entries of the seed registers, by id."""
    registers = etree.parse(str(TEI / "registers.xml"))
    return {e.get(XML_ID): e for e in registers.iterfind(".//tei:listEvent/tei:event", NS)}


def _event_mentions() -> dict[str, list[tuple[str, str, str]]]:
    """Each event's mentions in the texts: (text, paragraph id, the words tagged), in text order."""
    found: dict[str, list] = {}
    for text in TEXTS:
        root = etree.parse(str(TEI / f"{text}.xml"))
        for rs in root.iterfind(".//tei:text//tei:rs[@type='event']", NS):
            paragraph = next(a for a in rs.iterancestors() if a.get(XML_ID))
            words = " ".join("".join(rs.itertext()).split())
            found.setdefault(rs.get("ref").split("#")[1], []).append((text, paragraph.get(XML_ID), words))
    return found


def _page(site: Path, name: str):
    return html.parse(str(site / name)).getroot()


def _words(element) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture(scope="module")
def site(seed_edition) -> Path:
    return seed_edition


def _entry(site: Path, event: str):
    """The article of an event on its own page (events/<id>.html), its links from the site's root."""
    return _page(site, f"events/{event}.html").xpath(f'//article[@id="{event}"]')[0]


def _from_root(hrefs):
    return [h.removeprefix("../") for h in hrefs]


def test_the_seed_registers_hold_the_events_both_texts_tell_with_their_dates():
    events = _events()
    dates = {i: {a: e.get(a) for a in ("when", "from", "to") if e.get(a)} for i, e in events.items()}
    assert dates["ev-deportation-1929"] == {"from": "1929-01", "to": "1929-02"}
    assert dates["ev-exile-turkey"] == {"from": "1929-02", "to": "1933-07"}
    assert dates["ev-exile-france"] == {"from": "1933-07", "to": "1935-06"}
    assert dates["ev-exile-norway"] == {"from": "1935-06", "to": "1936-12"}
    assert dates["ev-moscow-trials"] == {"from": "1936-08", "to": "1938-03"}
    assert dates["ev-asylum-mexico"] == {"when": "1936-12"}
    assert dates["ev-arrival-mexico"] == {"when": "1937-01-09"}
    assert dates["ev-assault-1940"] == {"when": "1940-05-24"}
    assert dates["ev-murder-1940"] == {"from": "1940-08-20", "to": "1940-08-21"}
    assert dates["ev-appeal-1947"] == {"when": "1947-04-18"}
    assert {"ev-october-revolution", "ev-civil-war"} <= set(events)


def test_every_event_is_told_where_the_texts_tell_it():
    mentions = _event_mentions()
    assert set(mentions) == set(_events())  # every event is mentioned; nothing points elsewhere
    told_by = {event: {text for text, _, _ in found} for event, found in mentions.items()}
    for event in ("ev-october-revolution", "ev-deportation-1929", "ev-exile-france", "ev-exile-norway",
                  "ev-moscow-trials", "ev-asylum-mexico", "ev-murder-1940"):
        assert told_by[event] == set(TEXTS), event
    # The AGN article does not tell the assault of May 1940 or the appeal; Sedova does not describe the arrival.
    assert told_by["ev-assault-1940"] == told_by["ev-appeal-1947"] == told_by["ev-civil-war"] == {"sedova-assassins"}
    assert told_by["ev-arrival-mexico"] == told_by["ev-exile-turkey"] == {"agn-arrival"}
    assert ("sedova-assassins", "sedova-p16", "the armed assault upon our house") in mentions["ev-assault-1940"]
    assert ("agn-arrival", "agn-p11", "a wound inflicted on him with an ice ax") in mentions["ev-murder-1940"]


def test_the_events_register_lists_every_event_in_date_order_with_its_dates(site):
    # The register page is the index of the events, in date order; each event's facts are on its own page.
    page = _page(site, "events.html")
    rows = page.xpath('//li[contains(@class, "register-row")]')
    assert [e.get("id") for e in rows] == [
        "ev-civil-war", "ev-october-revolution", "ev-deportation-1929", "ev-exile-turkey", "ev-exile-france",
        "ev-exile-norway", "ev-moscow-trials", "ev-asylum-mexico", "ev-arrival-mexico", "ev-assault-1940",
        "ev-murder-1940", "ev-appeal-1947"]
    arrival = _entry(site, "ev-arrival-mexico")
    assert _words(arrival.xpath(".//h1")[0]) == "Arrival in Mexico"
    assert arrival.xpath('.//dd[@class="event-when"]/time/@datetime') == ["1937-01-09"]
    assert _words(arrival.xpath('.//dd[@class="event-when"]')[0]) == "9 January 1937"
    assert _words(_entry(site, "ev-murder-1940").xpath('.//dd[@class="event-when"]')[0]) == "20 August 1940 to 21 August 1940"
    assert _words(_entry(site, "ev-exile-turkey").xpath('.//dd[@class="event-when"]')[0]) == "February 1929 to July 1933"


def test_an_event_section_names_its_places_and_participants_and_links_them(site):
    assault = _entry(site, "ev-assault-1940")
    section = assault.xpath('.//section[@class="event-section"]')[0]
    who = {a.text_content(): a.get("href").removeprefix("../") for a in section.xpath('.//dd[@class="event-who"]/a')}
    assert who == {"David Alfaro Siqueiros": "persons/pers-siqueiros.html", "Leon Trotsky": "persons/pers-trotsky.html",
                   "Natalia Sedova": "persons/pers-sedova.html", "Robert Sheldon Harte": "persons/pers-harte.html"}
    assert _from_root(section.xpath('.//dd[@class="event-where"]/a/@href')) == ["places/pl-coyoacan.html"]
    assert "fired into the bedroom" in _words(section.xpath('.//p[@class="event-description"]')[0])
    told = _from_root(section.xpath('.//dd[@class="event-told-in"]//a/@href'))
    assert {"sedova-assassins.html#sedova-p16", "sedova-assassins.html#sedova-p21"} <= set(told)


def test_a_mention_of_an_event_links_its_entry_and_describes_it_with_its_card(site):
    for text, paragraph, words in _event_mentions()["ev-murder-1940"] + _event_mentions()["ev-assault-1940"]:
        page = _page(site, f"{text}.html")
        links = page.xpath(f'//*[@id="{paragraph}"]//a[contains(@class, "event")]')
        link = next(a for a in links if _words(a) == words)
        event = link.get("data-entry")
        assert link.get("href") == f"events/{event}.html"
        card = page.xpath(f'//div[@id="{link.get("aria-describedby")}"]')[0]
        assert card.xpath('.//p[@class="card-name"]/a/@href') == [f"events/{event}.html"]
    sedova = _page(site, "sedova-assassins.html")
    assert _words(sedova.xpath('//div[@id="card-ev-assault-1940"]//p[@class="card-dates"]')[0]) == "24 May 1940"


def test_the_timeline_list_holds_every_event_and_every_dated_mention_in_date_order(site):
    page = _page(site, "timeline.html")
    items = page.xpath('//ol[@class="timeline-list"]/li')
    keys = [(li.get("data-start"), li.get("data-end")) for li in items]
    assert keys == sorted(keys)
    events = [li for li in items if li.get("data-kind") == "event"]
    assert sorted(li.get("data-id") for li in events) == sorted(_events())
    for li in events:
        assert li.xpath('.//a[@class="tl-link"]/@href') == [f"events/{li.get('data-id')}.html"]
    by_id = {li.get("data-id"): li for li in events}
    # Real calendar days: a month ends on its last day.
    assert (by_id["ev-deportation-1929"].get("data-start"), by_id["ev-deportation-1929"].get("data-end")) == \
        ("1929-01-01", "1929-02-28")
    assert by_id["ev-arrival-mexico"].get("data-span") == "point"
    # Every dated mention of each text, with a link to its paragraph.
    for text in TEXTS:
        root = etree.parse(str(TEI / f"{text}.xml"))
        dated = [d for d in root.iterfind(".//tei:text//tei:date", NS)
                 if any(d.get(a) for a in ("when", "from", "to", "notBefore", "notAfter"))]
        listed = [li for li in items if li.get("data-text") == text]
        assert len(listed) == len(dated), text
        assert all(li.xpath('.//a[@class="tl-locus"]/@href')[0].startswith(f"{text}.html#") for li in listed)
    written = [li for li in items if li.get("data-text") == "sedova-assassins" and li.get("data-start") == "1947-04-18"]
    assert written and "18 April 1947" in _words(written[0])


def test_the_open_data_carries_the_events_with_their_dates(site):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((site / "data" / "registers.csv").read_text(encoding="utf-8")))}
    events = {i: r for i, r in rows.items() if r["type"] == "event"}
    assert set(events) == set(_events())
    assert (events["ev-murder-1940"]["start"], events["ev-murder-1940"]["end"]) == ("1940-08-20", "1940-08-21")
    assert events["ev-assault-1940"]["name"] == "Assault of 24 May 1940"
    assert events["ev-assault-1940"]["url"] == "events/ev-assault-1940.html"
    assert int(events["ev-october-revolution"]["mentions"]) == len(_event_mentions()["ev-october-revolution"])
    objects = {o["id"]: o for o in json.loads((site / "data" / "registers.json").read_text(encoding="utf-8"))}
    assert objects["ev-arrival-mexico"]["start"] == objects["ev-arrival-mexico"]["end"] == "1937-01-09"
    assert rows["pers-trotsky"]["start"] == ""  # a person has life dates, not event dates


def test_the_events_page_describes_its_entries_as_schema_org_events(site):
    script = _page(site, "events.html").xpath('//script[@type="application/ld+json"]')[0]
    graph = {e["name"]: e for e in json.loads(script.text)["@graph"]}
    assert graph["Assault of 24 May 1940"]["@type"] == "Event"
    assert graph["Assassination of Trotsky"]["startDate"] == "1940-08-20"
    assert graph["Assassination of Trotsky"]["endDate"] == "1940-08-21"


def test_the_events_and_the_timeline_are_linked_from_the_home_page(site):
    hrefs = _page(site, "index.html").xpath('//section[@class="registers"]//a/@href')
    assert "events.html" in hrefs and "timeline.html" in hrefs


# A per-entity page applies mode tp:entity-sections to an entry after its card; here an override
# layer's register entry stands in for that page, to see the section as such a page shows it.
ENTITY_PAGE = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:tp="https://teipress.org/ns" exclude-result-prefixes="#all">
  <xsl:template match="tei:event" mode="tp:register" priority="5">
    <article id="{@xml:id}"><xsl:apply-templates select="." mode="tp:entity-sections"/></article>
  </xsl:template>
</xsl:stylesheet>"""


def test_an_event_section_on_its_own_page_lists_the_texts_that_tell_it(tmp_path):
    from teipress.config import Settings
    from teipress.pipeline import build
    from teipress.transform import Stylesheets

    from .conftest import SEED_SETTINGS_ARGS, write

    write(tmp_path / "overrides" / "html" / "entity-page.xsl", ENTITY_PAGE)
    report = build([TEI], tmp_path / "out", "html", Settings(**SEED_SETTINGS_ARGS), Stylesheets(tmp_path / "overrides"))
    assert not report.failed, [str(d) for d in report.diagnostics]
    murder = _entry(tmp_path / "out", "ev-murder-1940")
    told = murder.xpath('.//dd[@class="event-told-in"]//li[@class="mention-group"]')
    assert [li.get("data-text") for li in told] == list(TEXTS)
    # Each paragraph that tells it; the mention in a caption (no numbered paragraph) is linked at its own place.
    found = _event_mentions()["ev-murder-1940"]
    hrefs = _from_root(murder.xpath('.//dd[@class="event-told-in"]//a[@class="mention"]/@href'))
    assert len(hrefs) == len({(text, paragraph) for text, paragraph, _ in found})
    assert {f"{text}.html#{paragraph}" for text, paragraph, _ in found if "-p" in paragraph} <= set(hrefs)
    assert murder.xpath('.//dd[@class="event-when"]//text()') == ["20 August 1940 to 21 August 1940"]


MINI_REGISTERS = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="registers">
<teiHeader><fileDesc><titleStmt><title>R</title></titleStmt><publicationStmt><p>P</p></publicationStmt>
<sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>
<standOff><listPlace><place xml:id="pl-x"><placeName>Xanadu</placeName></place></listPlace>
<listEvent><event xml:id="ev-fair" from="1850-05" to="1850-09" where="#pl-x"><label type="main">The Great Fair</label>
<desc>A fair at <placeName ref="#pl-x">Xanadu</placeName>.</desc></event></listEvent></standOff></TEI>
"""


def test_a_name_of_type_event_mentions_an_event_like_rs_does(tmp_path, stylesheets):
    from teipress.config import Settings
    from teipress.pipeline import build

    from .conftest import tei, write

    write(tmp_path / "in" / "registers.xml", MINI_REGISTERS)
    write(tmp_path / "in" / "t.xml", tei('<p xml:id="p1">We went to <name type="event" ref="registers.xml#ev-fair">the fair</name>'
                                        ' at <placeName ref="registers.xml#pl-x">Xanadu</placeName> in <date when="1850">1850</date>.</p>'))
    report = build([tmp_path / "in"], tmp_path / "out", "html", Settings(title="E", build_date="2000-01-01"), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    text = _page(tmp_path / "out", "t.html")
    [link] = text.xpath('//a[contains(@class, "event")]')
    assert (link.get("href"), _words(link)) == ("events/ev-fair.html", "the fair")
    entry = _entry(tmp_path / "out", "ev-fair")
    assert _words(entry.xpath('.//dd[@class="event-when"]')[0]) == "May 1850 to September 1850"
    assert _from_root(entry.xpath('.//dd[@class="event-where"]/a/@href')) == ["places/pl-x.html"]
    items = _page(tmp_path / "out", "timeline.html").xpath('//ol[@class="timeline-list"]/li')
    assert [(li.get("data-kind"), li.get("data-start"), li.get("data-end")) for li in items] == [
        ("date", "1850-01-01", "1850-12-31"), ("event", "1850-05-01", "1850-09-30")]


def test_an_event_page_links_its_authority_record(site):
    page = _page(site, "events/ev-civil-war.html")
    assert page.xpath('//a[contains(@class, "authority")]/@href') == ["https://www.wikidata.org/wiki/Q79911"]
