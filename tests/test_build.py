"""Building the first edition: the content of the HTML pages and of the PDFs, read back."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from lxml import etree, html
from pypdf import PdfReader

from teipress.cli import main
from teipress.config import Settings
from teipress.pipeline import build

from .conftest import SEED_SETTINGS_ARGS, TEI, write
from .htmlview import view_text

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
SETTINGS = Settings(**SEED_SETTINGS_ARGS)


@pytest.fixture(scope="session")
def edition(seed_edition) -> Path:
    """The seed edition, built once for the session (tests/conftest.py)."""
    return seed_edition


def _page(edition: Path, name: str):
    return html.parse(str(edition / name)).getroot()


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _reading(element) -> str:
    """The words of a passage as a reader reads them (reading view): without calls and paragraph numbers."""
    return view_text(element, "reading")


def test_outputs_are_written(edition):
    names = {p.relative_to(edition).as_posix() for p in edition.rglob("*") if p.is_file()}
    assert {"index.html", "agn-arrival.html", "sedova-assassins.html", "persons.html", "places.html",
            "organisations.html", "objects.html", "agn-arrival.pdf", "sedova-assassins.pdf",
            "tei/agn-arrival.xml", "tei/sedova-assassins.xml", "tei/registers.xml",
            "assets/teipress.css"} <= names


def test_apparatus_entry_gives_lemma_and_the_reading_of_the_source(edition):
    # The seed text has one witness: its slips are sic/corr, so the entry names the kind ("sic"),
    # not a siglum (issue 17); the sigla of app/rdg are tested on the mini edition (tests/xslt).
    page = _page(edition, "sedova-assassins.html")
    entries = [_text(li) for li in page.xpath('//section[@id="apparatus"]//li[contains(@class, "app-entry")]')]
    assert any(re.search(r"§ 11 came\s*\] camp sic", entry) for entry in entries), entries


def test_emendation_is_applied_and_marked_in_the_reading_text(edition):
    page = _page(edition, "sedova-assassins.html")
    paragraph = page.get_element_by_id("sedova-p11")
    assert _reading(paragraph).startswith("On January 18, 1929, came the GPU order")
    [lemma] = [el for el in paragraph.xpath('.//*[contains(@class, "intervention")]') if _reading(el) == "came"]
    call = lemma.getnext()
    entry = page.get_element_by_id(call.get("href")[1:])
    assert "camp sic" in _text(entry) and "came" in _text(entry)


def test_register_lists_a_person_mentioned_in_both_texts(edition):
    """(Changed with the entity pages: the mentions are on the entry's own page, grouped per text.)"""
    assert _page(edition, "persons.html").get_element_by_id("pers-trotsky").xpath("a/@href") == ["persons/pers-trotsky.html"]
    entry = _page(edition, "persons/pers-trotsky.html").get_element_by_id("pers-trotsky")
    groups = {g.get("data-text"): g for g in entry.xpath('.//section[@class="entity-text"]')}
    assert set(groups) == {"agn-arrival", "sedova-assassins"}
    links = groups["sedova-assassins"].xpath('.//a[contains(@class, "kwic-locus")]/@href')
    assert "../sedova-assassins.html#sedova-p11" in links


def test_every_mention_in_the_texts_is_listed_in_its_register(edition):
    tei = etree.parse(str(TEI / "sedova-assassins.xml"))
    expected = {r.split("#")[1] for r in tei.xpath("//tei:text//@ref", namespaces=NS)}
    listed = set()  # (changed with the entity pages: each entry's own page lists its mentions per text)
    for name in ("persons", "places", "organisations", "objects", "events"):
        for path in (edition / name).glob("*.html"):
            for entry in _page(edition, f"{name}/{path.name}").xpath('//*[@id][.//section[@data-text="sedova-assassins"]]'):
                listed.add(entry.get("id"))
    assert expected <= listed, sorted(expected - listed)


def test_every_internal_link_resolves(edition):
    # Every page, in folders too (an entry's page, a period's page: their links go up to the root).
    ids: dict[str, set[str]] = {}
    for path in edition.rglob("*.html"):
        if "pagefind" not in path.parts:
            ids[path.relative_to(edition).as_posix()] = set(_page(edition, path.relative_to(edition).as_posix()).xpath("//@id"))
    broken = []
    for name in ids:
        for href in _page(edition, name).xpath("//a/@href"):
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), parts.path)) if parts.path else name
            if not (edition / target).exists():
                broken.append(f"{name}: {href}")
            elif parts.fragment and target.endswith(".html") and parts.fragment not in ids[target]:
                broken.append(f"{name}: {href}")
    assert broken == []


def test_no_character_of_the_text_is_lost(edition):
    """Every text node of the TEI text reaches the page: reading text, apparatus or notes."""
    for name in ("agn-arrival", "sedova-assassins"):
        tei = etree.parse(str(TEI / f"{name}.xml"))
        main_text = " ".join(_page(edition, f"{name}.html").xpath("//main")[0].text_content().split())
        missing = []
        for node in tei.xpath("//tei:text//text()", namespaces=NS):
            piece = " ".join(node.split())
            if piece and piece not in main_text:
                missing.append((node.getparent().sourceline, piece))
        assert missing == [], f"{name}: {missing[:5]}"


def test_index_lists_both_texts_with_their_outputs(edition):
    page = _page(edition, "index.html")
    hrefs = set(page.xpath("//main//a/@href"))
    for name in ("agn-arrival", "sedova-assassins"):
        assert {f"{name}.html", f"{name}.pdf", f"tei/{name}.xml"} <= hrefs
    assert "Stalinist Assassins Must Be Made to Stand Trial!" in _text(page)


def _lines_with_y(page):
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def test_pdf_note_stands_at_the_foot_of_the_page_of_its_call(edition):
    reader = PdfReader(str(edition / "sedova-assassins.pdf"))
    assert reader.metadata.title.startswith("Stalinist Assassins Must Be Made to Stand Trial!")
    note = "Konstantin Umansky (Oumansky)"
    pages = [p for p in reader.pages if note in " ".join(p.extract_text().split())]
    assert len(pages) == 1
    lines = _lines_with_y(pages[0])
    note_y = min(y for text, y in lines if "Umansky" in text)
    call_y = max(y for text, y in lines if "fell victim of an accident" in text)
    assert note_y < call_y  # PDF y grows upwards: the note is below its call


def test_pdf_has_page_numbers_and_apparatus_footnotes(edition):
    reader = PdfReader(str(edition / "sedova-assassins.pdf"))
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert len(reader.pages) >= 2
    assert texts[1].endswith("2") or " 2" in texts[1]
    assert any(re.search(r"came\s*\]\s*camp sic", t) for t in texts)


def test_build_is_reproducible(edition, tmp_path, stylesheets):
    # The same outputs as the session's build (every one): the pages link what the build makes.
    build([TEI], tmp_path / "again", "all", SETTINGS, stylesheets)
    for name in ("sedova-assassins.html", "persons.html", "index.html", "api/dts/navigation/sedova-assassins;down=-1.json",
                 "data/registers.json"):
        assert (tmp_path / "again" / name).read_bytes() == (edition / name).read_bytes(), name


def test_pages_link_only_what_the_build_makes(tmp_path, stylesheets):
    build([TEI], tmp_path, "html", SETTINGS, stylesheets)
    for name in ("sedova-assassins.html", "index.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert ".pdf" not in page and 'class="format-tei"' in page, name


def test_broken_file_is_reported_and_the_rest_still_builds(tmp_path):
    source = tmp_path / "tei"
    source.mkdir()
    for path in TEI.glob("*.xml"):
        (source / path.name).write_bytes(path.read_bytes())
    write(source / "broken.xml", '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader>\n</TEI>\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(out), "--format", "html"])
    assert result.exit_code == 1
    assert f"{source / 'broken.xml'}:3:7: error: not well-formed" in result.stderr
    assert (out / "sedova-assassins.html").exists() and (out / "agn-arrival.html").exists()


def test_persons_are_sorted_by_surname(edition):
    page = _page(edition, "persons.html")
    ids = page.xpath('//li[contains(@class, "register-row")]/@id')
    assert ids[:4] == ["pers-siqueiros", "pers-browder", "pers-budenz", "pers-cardenas"]
    assert ids.index("pers-sarraut") < ids.index("pers-sedova") < ids.index("pers-trotsky")
