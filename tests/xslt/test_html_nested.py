"""Nested and overlapping cases on the HTML page, in every view: a note inside an
app, a choice inside a rdg, an app inside a name, supplied text inside a lem."""

from __future__ import annotations

import pytest
from lxml import html

from teipress.config import Settings
from teipress.pipeline import build

from ..conftest import tei, write
from ..htmlview import view_text, words

HEADER = """<teiHeader><fileDesc><titleStmt><title>Nested</title><respStmt xml:id="ed"><resp>ed</resp>
<name>Ed</name></respStmt></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc>
<listWit><witness xml:id="A">A</witness><witness xml:id="B">B</witness></listWit></sourceDesc></fileDesc></teiHeader>"""

BODY = """<p xml:id="p1">The <app><lem wit="#A">ship<note type="editorial" resp="#ed">A note on the lemma.</note></lem>
<rdg wit="#B">boat<note type="editorial" resp="#ed">A note on B's reading.</note></rdg></app> sailed.</p>
<p xml:id="p2">It <app><lem resp="#ed">came <supplied reason="lost" resp="#ed">in</supplied></lem><rdg wit="#A">came</rdg>
<rdg wit="#B"><choice><sic>cam</sic><corr resp="#ed">came</corr></choice> into</rdg></app> port.</p>
<p xml:id="p3">Captain <persName ref="#q"><app><lem wit="#A">Quint</lem><rdg wit="#B">Quinto</rdg></app></persName> waved.</p>"""


@pytest.fixture(scope="module")
def page(tmp_path_factory, stylesheets):
    folder = tmp_path_factory.mktemp("nested")
    write(folder / "tei" / "nested.xml", tei(BODY, HEADER, "nested"))
    out = folder / "out"
    report = build([folder / "tei"], out, "html", Settings(title="N", build_date="2000-01-01"), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return html.parse(str(out / "nested.html")).getroot()


def test_note_inside_an_app_belongs_to_its_reading(page):
    p1 = page.get_element_by_id("p1")
    assert view_text(p1, "reading") == "The ship sailed."
    assert view_text(p1, "B") == "The boat sailed."
    # The lemma's note is a numbered note called from the lemma; B's note is not text of witness B.
    assert "A note on B" not in words(p1)
    calls = p1.xpath('.//a[contains(@class, "note-call")]')
    assert len(calls) == 1 and "in-reading" in calls[0].getparent().get("class")
    notes = [words(li) for li in page.xpath('//section[@id="notes"]//li')]
    assert len(notes) == 1 and "A note on the lemma." in notes[0]
    entry = words(page.xpath('//section[contains(@class, "band-criticus")]//li')[0])
    assert "boat" in entry and "A note on B's reading." in entry


def test_choice_and_supplied_inside_readings_follow_each_view(page):
    p2 = page.get_element_by_id("p2")
    assert view_text(p2, "reading") == "It came ⟨in⟩ port."
    assert view_text(p2, "diplomatic") == "It came port."
    assert view_text(p2, "A") == "It came port."
    assert view_text(p2, "B") == "It cam into port."


def test_app_inside_a_name_keeps_one_link_in_every_view(page):
    p3 = page.get_element_by_id("p3")
    assert view_text(p3, "A") == "Captain Quint waved."
    assert view_text(p3, "B") == "Captain Quinto waved."
    assert len(p3.xpath('.//a[contains(@class, "name")] | .//span[contains(@class, "name")]')) == 1
