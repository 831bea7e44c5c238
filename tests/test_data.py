"""The open data of the edition (data/): TEI files, registers and chronology as CSV and JSON,
citations, README, licence and the zip of it all — checked against the TEI."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

from teipress.config import Settings
from teipress.pipeline import build

from .conftest import SEED_SETTINGS_ARGS, TEI

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SETTINGS = Settings(**SEED_SETTINGS_ARGS)
ENTRY_TAGS = ("person", "place", "org", "object", "event")


def _published_entries() -> dict[str, int]:
    """Give each register entry some text mentions, with its number of mentions (the test's own count)."""
    refs: dict[str, int] = {}
    for path in TEI.glob("*.xml"):
        root = etree.parse(str(path)).getroot()
        for text in root.iterfind("tei:text", NS):
            for el in text.iter():
                for uri in (el.get("ref") or "").split():
                    if "#" in uri and el.tag != f"{{{NS['tei']}}}ref":
                        refs[uri.split("#", 1)[1]] = refs.get(uri.split("#", 1)[1], 0) + 1
    registers = etree.parse(str(TEI / "registers.xml")).getroot()
    ids = [e.get(XML_ID) for tag in ENTRY_TAGS for e in registers.iterfind(f".//tei:standOff//tei:{tag}", NS)]
    return {i: refs[i] for i in ids if i in refs}


def _dates() -> int:
    count = 0
    for path in TEI.glob("*.xml"):
        for text in etree.parse(str(path)).getroot().iterfind("tei:text", NS):
            count += sum(1 for d in text.iter(f"{{{NS['tei']}}}date") if any(d.get(a) for a in ("when", "from", "to", "notBefore", "notAfter")))
    return count


@pytest.fixture(scope="session")
def site(seed_edition) -> Path:
    """The seed edition, built once for the session (tests/conftest.py)."""
    return seed_edition


@pytest.fixture(scope="module")
def archive(site) -> zipfile.ZipFile:
    return zipfile.ZipFile(site / "data" / "edition-data.zip")


def test_zip_holds_every_tei_file_byte_for_byte(archive):
    for path in TEI.glob("*.xml"):
        assert archive.read(f"tei/{path.name}") == path.read_bytes()


def test_zip_holds_registers_chronology_citations_readme_and_licence(archive):
    names = set(archive.namelist())
    assert {"registers.csv", "registers.json", "chronology.csv", "chronology.json", "citation.bib",
            "citation.json", "citation.txt", "README.txt", "LICENCE.txt"} <= names
    assert "creativecommons.org/licenses/by/4.0" in archive.read("LICENCE.txt").decode()
    assert "registers.csv" in archive.read("README.txt").decode()


def test_registers_have_one_row_per_published_entity_with_its_mention_count(archive):
    expected = _published_entries()
    rows = list(csv.DictReader(io.StringIO(archive.read("registers.csv").decode("utf-8"))))
    assert len(rows) == len(expected)
    assert {r["id"]: int(r["mentions"]) for r in rows} == expected
    objects = json.loads(archive.read("registers.json"))
    assert [o["id"] for o in objects] == [r["id"] for r in rows]


def test_register_rows_carry_names_authorities_dates_and_coordinates(archive):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(archive.read("registers.csv").decode("utf-8")))}
    registers = etree.parse(str(TEI / "registers.xml")).getroot()
    for entry in registers.xpath(".//tei:standOff//*[@xml:id]", namespaces=NS):
        row = rows.get(entry.get(XML_ID))
        if row is None:
            continue
        wikidata = entry.findtext("tei:idno[@type='wikidata']", namespaces=NS)
        assert row["wikidata"] == (wikidata or "")
        geo = entry.findtext("tei:location/tei:geo", namespaces=NS)
        if geo:
            assert [row["latitude"], row["longitude"]] == geo.split()
        birth = entry.find("tei:birth", NS)
        if birth is not None and birth.get("when"):
            assert row["birth"] == birth.get("when")
    assert rows["pers-trotsky"]["name"] == "Leon Trotsky" and "Trotski" in rows["pers-trotsky"]["variants"].split(" | ")


def test_chronology_has_one_row_per_dated_mention_in_time_order(archive):
    rows = list(csv.DictReader(io.StringIO(archive.read("chronology.csv").decode("utf-8"))))
    assert len(rows) == _dates() == len(json.loads(archive.read("chronology.json")))
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    assert all(r["url"].startswith(r["text"] + ".html#") for r in rows)


def test_citation_files_parse_and_carry_the_version(archive):
    items = json.loads(archive.read("citation.json"))
    assert [i["id"] for i in items] == ["edition", "agn-arrival", "sedova-assassins"]
    assert all(i["version"] == "0.3" for i in items)
    bib = archive.read("citation.bib").decode()
    assert bib.count("@incollection{") == 2 and "version = {0.3}" in bib


def test_data_files_are_written_beside_the_zip_and_the_zip_is_reproducible(site, tmp_path, stylesheets):
    for name in ("registers.csv", "registers.json", "chronology.csv", "chronology.json", "citation.bib"):
        assert (site / "data" / name).is_file()
    again = tmp_path / "again"
    build([TEI], again, "html", SETTINGS, stylesheets)
    assert (again / "data" / "edition-data.zip").read_bytes() == (site / "data" / "edition-data.zip").read_bytes()


def test_every_page_footer_links_the_data_and_registers_link_their_json(site):
    for page in sorted(site.glob("*.html")):
        footer = html.parse(str(page)).getroot().find(".//footer")
        assert "data.html" in {a.get("href") for a in footer.iter("a")}, page.name
    data_page = html.parse(str(site / "data.html")).getroot()
    assert "data/edition-data.zip" in {a.get("href") for a in data_page.iter("a")}
    persons = html.parse(str(site / "persons.html")).getroot()
    assert "data/registers.json" in {a.get("href") for a in persons.iter("a")}
    text_page = html.parse(str(site / "sedova-assassins.html")).getroot()
    assert "tei/sedova-assassins.xml" in {a.get("href") for a in text_page.iter("a")}


def test_citations_carry_urls_only_when_the_edition_has_one(archive, tmp_path, stylesheets):
    assert "url =" not in archive.read("citation.bib").decode()
    assert all("URL" not in item for item in json.loads(archive.read("citation.json")))
    out = tmp_path / "with-url"
    settings = Settings(title=SETTINGS.title, build_date=SETTINGS.build_date, url="https://example.org/trotsky/")
    assert not build([TEI], out, "html", settings, stylesheets).failed
    items = json.loads((out / "data" / "citation.json").read_text(encoding="utf-8"))
    assert [i["URL"] for i in items] == ["https://example.org/trotsky/index.html", "https://example.org/trotsky/agn-arrival.html",
                                         "https://example.org/trotsky/sedova-assassins.html"]
    assert "url = {https://example.org/trotsky/sedova-assassins.html}" in (out / "data" / "citation.bib").read_text(encoding="utf-8")
    cite = html.parse(str(out / "cite.html")).getroot()
    assert cite.get_element_by_id("cite-paragraph").text_content().rstrip(".").endswith(
        "https://example.org/trotsky/agn-arrival.html#agn-p1")
    assert not cite.find_class("cite-relative")
