"""Files for harvesters: the OAI-PMH static repository (Dublin Core of every text) and the BEACON
files of the registers' authority ids, made only when the edition has a url."""

from __future__ import annotations

import shutil

from lxml import etree

from teipress.config import Settings
from teipress.pipeline import build

from .conftest import SEED_SETTINGS_ARGS, SEED_URL, TEI

NS = {"sr": "http://www.openarchives.org/OAI/2.0/static-repository", "oai": "http://www.openarchives.org/OAI/2.0/",
      "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/", "dc": "http://purl.org/dc/elements/1.1/"}


def test_a_beacon_file_links_each_person_with_a_wikidata_id_to_the_register(seed_site_with_url):
    lines = (seed_site_with_url / "beacon-wikidata.txt").read_text(encoding="utf-8").splitlines()
    assert lines[:5] == ["#FORMAT: BEACON", "#PREFIX: http://www.wikidata.org/entity/",
                         f"#NAME: {SEED_SETTINGS_ARGS['title']}", f"#FEED: {SEED_URL}beacon-wikidata.txt",
                         "#TIMESTAMP: 2026-11-24"]
    # Leon Trotsky is Q33391 in the seed registers (tei/registers.xml, idno type="wikidata").
    assert f"Q33391||{SEED_URL}persons.html#pers-trotsky" in lines
    links = [line for line in lines if not line.startswith("#")]
    assert links and all(line.startswith("Q") and f"||{SEED_URL}persons.html#pers-" in line for line in links)
    # Places have Wikidata ids too (Mexico is Q96), but BEACON lists the persons.
    assert not any(line.startswith("Q96|") for line in lines)
    # No person of the seed registers has a GND or VIAF id: no empty BEACON file.
    assert not (seed_site_with_url / "beacon-gnd.txt").exists() and not (seed_site_with_url / "beacon-viaf.txt").exists()


def test_without_a_contact_email_no_static_repository_is_written_and_the_build_says_so(seed_site_with_url, tmp_path,
                                                                                       stylesheets):
    # The seed files' publicationStmt/address names no email, and adminEmail is required.
    assert not (seed_site_with_url / "oai.xml").exists()
    report = build([TEI], tmp_path, "harvest", Settings(**SEED_SETTINGS_ARGS, url=SEED_URL), stylesheets)
    assert [str(d) for d in report.diagnostics] == [
        "teipress.toml:1:1: warning: oai.xml not written: an OAI-PMH repository needs a contact address (adminEmail): "
        "give an email in a file's publicationStmt/address"]
    assert (tmp_path / "beacon-wikidata.txt").is_file() and not (tmp_path / "oai.xml").exists()


def test_the_static_repository_has_the_dublin_core_of_every_text(tmp_path, stylesheets):
    sources = tmp_path / "tei"
    shutil.copytree(TEI, sources)
    text = (sources / "agn-arrival.xml").read_text(encoding="utf-8")
    (sources / "agn-arrival.xml").write_text(text.replace(
        "<addrLine>The teipress editors</addrLine>", "<addrLine>The teipress editors</addrLine><email>editors@example.org</email>"),
        encoding="utf-8")
    settings = Settings(**SEED_SETTINGS_ARGS, url=SEED_URL)
    report = build([sources], tmp_path / "out", "harvest", settings, stylesheets)
    assert not report.diagnostics, [str(d) for d in report.diagnostics]
    repository = etree.parse(str(tmp_path / "out" / "oai.xml")).getroot()
    identify = repository.find("sr:Identify", NS)
    assert [identify.findtext(f"oai:{name}", namespaces=NS) for name in
            ("repositoryName", "baseURL", "protocolVersion", "adminEmail", "earliestDatestamp", "granularity")] == \
        [SEED_SETTINGS_ARGS["title"], f"{SEED_URL}oai.xml", "2.0", "editors@example.org", "2026-11-24", "YYYY-MM-DD"]
    records = repository.findall("sr:ListRecords[@metadataPrefix='oai_dc']/oai:record", NS)
    assert [r.findtext("oai:header/oai:identifier", namespaces=NS) for r in records] == \
        ["oai:example.org:agn-arrival", "oai:example.org:sedova-assassins"]
    sedova = records[1].find("oai:metadata/oai_dc:dc", NS)
    assert sedova.findtext("dc:title", namespaces=NS) == "Stalinist Assassins Must Be Made to Stand Trial!"
    assert sedova.findtext("dc:creator", namespaces=NS) == "Natalia Sedova Trotsky"
    assert sedova.findtext("dc:identifier", namespaces=NS) == f"{SEED_URL}sedova-assassins.html"
    assert sedova.findtext("dc:language", namespaces=NS) == "en"


def test_without_a_url_no_harvesting_file_is_written_and_the_build_says_so(tmp_path, stylesheets):
    report = build([TEI], tmp_path, "harvest", Settings(**SEED_SETTINGS_ARGS), stylesheets)
    assert [d.message for d in report.diagnostics] == [
        "oai.xml, beacon-wikidata.txt, beacon-gnd.txt, beacon-viaf.txt not written: absolute URLs are needed; "
        "set [edition] url in teipress.toml"]
    assert not [p for p in tmp_path.iterdir() if p.is_file()]
