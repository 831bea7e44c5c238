"""The static DTS 1.0 API (api/dts/): responses valid against the DTS validator's schemas, the
citation tree of the pages' paragraph numbers, one paragraph's TEI, citeStructure, rebuilds."""

from __future__ import annotations

import json
import shutil

import pytest
from lxml import etree, html

from teipress.config import Settings
from teipress.pipeline import build

from .conftest import FIXTURES, SEED_SETTINGS_ARGS, TEI, write
from .dts_schemas import invalid_responses

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI_NS, "dts": "https://w3id.org/api/dts#"}


@pytest.fixture(scope="module")
def api(seed_edition):
    return seed_edition / "api" / "dts"


def _json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_response_of_the_seed_edition_is_valid_against_the_dts_schemas(api):
    count, errors = invalid_responses(api)
    assert errors == []
    assert count > 100  # entry, collections, and the navigation of every unit of both texts


def test_the_check_reports_a_broken_unit_whichever_response_lists_it(api, tmp_path):
    # The check validates a unit listed by many responses once: a broken unit must still be reported,
    # both when the first response to list it breaks it and when only a later one does.
    copy = tmp_path / "dts"
    shutil.copytree(api, copy)
    whole = copy / "navigation" / "agn-arrival;down=-1.json"
    response = _json(whole)
    response["member"][0]["level"] = "one"  # an integer in the schema
    whole.write_text(json.dumps(response), encoding="utf-8")
    errors = invalid_responses(copy)[1]
    assert errors and all("agn-arrival;down=-1.json: $.member[0].level" in error for error in errors), errors
    # Broken in a response listed after the others (sorted paths: "~" comes last).
    late = copy / "navigation" / "~late.json"
    response = _json(copy / "navigation" / "agn-arrival;down=1.json")
    response["member"][-1]["citeType"] = 7
    late.write_text(json.dumps(response), encoding="utf-8")
    assert any(error.startswith("navigation/~late.json: $.member[") and "citeType" in error
               for error in invalid_responses(copy)[1])


def test_the_entry_point_gives_the_path_style_templates(api):
    entry = _json(api / "index.json")
    assert entry["@context"] == "https://dtsapi.org/context/v1.0.json" and entry["dtsVersion"] == "1.0"
    assert entry["@type"] == "EntryPoint"
    assert entry["collection"] == "/api/dts/collection{/id}{;nav}.json"
    assert entry["navigation"] == "/api/dts/navigation/{resource}{;tree}{;down}{/ref,start,end}.json"
    assert entry["document"] == "/api/dts/document/{resource}{;tree}{/ref,start,end}.xml"


def test_the_edition_is_a_collection_of_its_texts(api):
    root = _json(api / "collection.json")
    assert root == _json(api / "collection" / "edition.json")
    assert (root["@type"], root["title"], root["totalChildren"]) == ("Collection", SEED_SETTINGS_ARGS["title"], 2)
    assert [m["@id"] for m in root["member"]] == ["agn-arrival", "sedova-assassins"]
    sedova = root["member"][1]
    assert sedova["dublinCore"]["creator"] == ["Natalia Sedova Trotsky"]
    assert sedova["download"] == "/tei/sedova-assassins.xml"
    parents = _json(api / "collection" / "sedova-assassins;nav=parents.json")
    assert [p["@id"] for p in parents["member"]] == ["edition"] and parents["member"][0]["totalChildren"] == 2
    assert _json(api / "collection;nav=parents.json")["member"] == []


def _paragraph_numbers(page):
    """The § numbers a text's page shows, in order."""
    return [a.text_content().removeprefix("§ ") for a in html.parse(str(page)).getroot().find_class("para-num")]


def test_the_navigation_of_a_text_lists_the_paragraph_numbers_of_its_page(api, seed_edition):
    whole = _json(api / "navigation" / "sedova-assassins;down=-1.json")
    paragraphs = [m["identifier"] for m in whole["member"] if m["citeType"] == "paragraph"]
    assert paragraphs == _paragraph_numbers(seed_edition / "sedova-assassins.html")
    assert paragraphs[:3] == ["1", "2", "3"]
    third = next(m for m in whole["member"] if m["identifier"] == "3")
    assert third == {"identifier": "3", "@type": "CitableUnit", "level": 2, "parent": "sedova-d1",
                     "citeType": "paragraph", "@id": "/sedova-assassins.html#sedova-p3",
                     "dublinCore": {"title": ["§ 3"]}}
    sections = [m for m in whole["member"] if m["citeType"] == "section"]
    assert [s["dublinCore"]["title"][0]["value"] for s in sections] == \
        ["Much Is Unsaid", "The Exile of Trotsky", "The Armed Assault"]
    top = _json(api / "navigation" / "sedova-assassins;down=1.json")["member"]
    assert {m["level"] for m in top} == {1} and [m["identifier"] for m in top if m["citeType"] == "section"] == \
        ["sedova-d1", "sedova-d2", "sedova-d3"]


def test_a_reference_alone_its_siblings_and_its_subtree(api):
    folder = api / "navigation"
    alone = _json(folder / "sedova-assassins" / "3.json")
    assert alone["ref"]["identifier"] == "3" and "member" not in alone
    assert alone["@id"] == "/api/dts/navigation/sedova-assassins/3.json"
    siblings = _json(folder / "sedova-assassins;down=0" / "3.json")["member"]
    assert {m["parent"] for m in siblings} == {"sedova-d1"} and "3" in [m["identifier"] for m in siblings]
    section = _json(folder / "sedova-assassins;down=-1" / "sedova-d1.json")
    assert section["member"][0]["identifier"] == "sedova-d1"
    assert [m["identifier"] for m in section["member"][1:]] == [m["identifier"] for m in siblings]
    assert _json(folder / "sedova-assassins;down=1" / "sedova-d1.json")["member"] == section["member"]


def test_the_document_of_one_paragraph_is_exactly_its_tei(api):
    response = etree.parse(str(api / "document" / "sedova-assassins" / "3.xml")).getroot()
    assert response.tag == f"{{{TEI_NS}}}TEI"
    [paragraph] = response.xpath("dts:wrapper/*", namespaces=NS)
    source = etree.parse(str(TEI / "sedova-assassins.xml")).getroot().xpath("//tei:p[@xml:id='sedova-p3']", namespaces=NS)[0]
    c14n = {"method": "c14n", "exclusive": True, "with_tail": False}
    assert etree.tostring(paragraph, **c14n) == etree.tostring(source, **c14n)
    assert "Louis Budenz" in paragraph.xpath("string()")


def test_the_document_of_a_whole_text_is_its_tei_file(api):
    assert (api / "document" / "sedova-assassins.xml").read_bytes() == (TEI / "sedova-assassins.xml").read_bytes()


def test_absolute_urls_when_the_edition_has_a_url(tmp_path, stylesheets):
    settings = Settings(**SEED_SETTINGS_ARGS, url="https://example.org/trotsky/")
    build([TEI / "agn-arrival.xml", TEI / "registers.xml"], tmp_path, "dts", settings, stylesheets)
    api = tmp_path / "api" / "dts"
    assert _json(api / "index.json")["collection"] == "https://example.org/trotsky/api/dts/collection{/id}{;nav}.json"
    assert _json(api / "collection" / "agn-arrival.json")["download"] == "https://example.org/trotsky/tei/agn-arrival.xml"
    assert invalid_responses(api)[1] == []


CITED = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="poems"><teiHeader><fileDesc>
<titleStmt><title>Poems</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
</fileDesc><encodingDesc><refsDecl>
<citeStructure unit="poem" match="/TEI/text/body/div" use="@n">
  <citeData property="http://purl.org/dc/terms/title" use="head"/>
  <citeStructure unit="line" match="lg/l" use="position()" delim="."/>
</citeStructure></refsDecl></encodingDesc></teiHeader>
<text><body>
<div n="I"><head>First</head><lg><l>One</l><l>Two</l></lg></div>
<div n="II"><head>Second</head><lg><l>Three</l></lg></div>
</body></text></TEI>"""


def test_a_cite_structure_gives_the_citation_tree(tmp_path, stylesheets):
    write(tmp_path / "tei" / "poems.xml", CITED)
    report = build([tmp_path / "tei"], tmp_path / "out", "dts", Settings(title="P", build_date="2000-01-01"), stylesheets)
    assert not report.failed and not report.diagnostics, [str(d) for d in report.diagnostics]
    api = tmp_path / "out" / "api" / "dts"
    whole = _json(api / "navigation" / "poems;down=-1.json")
    assert [(m["identifier"], m["level"], m["parent"], m["citeType"]) for m in whole["member"]] == [
        ("I", 1, None, "poem"), ("I.1", 2, "I", "line"), ("I.2", 2, "I", "line"),
        ("II", 1, None, "poem"), ("II.1", 2, "II", "line")]
    assert whole["member"][0]["dublinCore"] == {"title": ["First"]}
    assert whole["resource"]["citationTrees"][0]["citeStructure"] == [
        {"@type": "CiteStructure", "citeType": "poem", "citeStructure": [{"@type": "CiteStructure", "citeType": "line"}]}]
    line = etree.parse(str(api / "document" / "poems" / "I.2.xml")).getroot()
    assert etree.tostring(line.xpath("dts:wrapper/*", namespaces=NS)[0], method="c14n", exclusive=True) == \
        f'<l xmlns="{TEI_NS}">Two</l>'.encode()
    assert invalid_responses(api)[1] == []


def test_a_cite_structure_that_fails_is_a_warning_and_the_divisions_are_used(tmp_path, stylesheets):
    write(tmp_path / "tei" / "poems.xml", CITED.replace('use="@n"', 'use="@n]"'))
    report = build([tmp_path / "tei"], tmp_path / "out", "dts", Settings(title="P", build_date="2000-01-01"), stylesheets)
    [warning] = [d for d in report.diagnostics if "citeStructure" in d.message]
    assert warning.severity == "warning" and warning.line == 4 and warning.file.endswith("poems.xml")
    whole = _json(tmp_path / "out" / "api" / "dts" / "navigation" / "poems;down=-1.json")
    assert [m["identifier"] for m in whole["member"]] == ["div-1", "div-2"]


def test_a_prose_edit_rebuilds_only_that_texts_api_files(tmp_path, stylesheets):
    sources = tmp_path / "tei"
    shutil.copytree(FIXTURES / "mini", sources)
    write(sources / "lone.xml", (sources / "text-two.xml").read_text(encoding="utf-8")
          .replace('xml:id="text-two" n="2"', 'xml:id="lone" n="3"').replace("text-one.xml#", "#"))
    out, settings = tmp_path / "out", Settings(title="Mini", build_date="2026-11-24")
    build([sources], out, "dts", settings, stylesheets)
    before = {p: p.stat().st_mtime_ns for p in (out / "api").rglob("*") if p.is_file()}
    text = (sources / "lone.xml").read_text(encoding="utf-8")
    (sources / "lone.xml").write_text(text.replace("your letter reached", "your letter came to"), encoding="utf-8")
    build([sources], out, "dts", settings, stylesheets)
    rewritten = {p.relative_to(out / "api" / "dts").as_posix() for p, t in before.items() if p.stat().st_mtime_ns != t}
    assert rewritten and all(name.split("/")[1].startswith("lone") for name in rewritten), sorted(rewritten)
    assert {"document/lone.xml", "document/lone/1.xml", "collection/lone.json"} <= rewritten


def test_the_server_sends_the_api_as_json_ld_and_tei(tmp_path):
    import urllib.request

    from teipress.serve import make_server, server_url, start

    files = {"api/dts/index.json": "{}", "api/dts/navigation/t;down=1.json": "{}",
             "api/dts/document/t/3.xml": "<TEI/>", "data/registers.json": "{}", "sitemap.xml": "<urlset/>"}
    for name, content in files.items():
        write(tmp_path / name, content)
    server = make_server(tmp_path, "127.0.0.1", 0)
    thread = start(server)
    try:
        kinds = {}
        for name in files:
            with urllib.request.urlopen(server_url(server) + name, timeout=10) as answer:
                kinds[name] = answer.headers["Content-Type"]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert kinds == {"api/dts/index.json": "application/ld+json", "api/dts/navigation/t;down=1.json": "application/ld+json",
                     "api/dts/document/t/3.xml": "application/tei+xml", "data/registers.json": "application/json",
                     "sitemap.xml": "application/xml"}


def test_the_open_data_page_links_the_api_when_it_is_built(seed_edition, tmp_path, stylesheets):
    page = html.parse(str(seed_edition / "data.html")).getroot()
    [link] = page.xpath('//section[@aria-labelledby="h-data-interfaces"]//a')
    assert (link.get("href"), link.get("type")) == ("api/dts/index.json", "application/ld+json")
    assert (seed_edition / link.get("href")).is_file()
    assert "Distributed Text Services" in page.xpath('string(//section[@aria-labelledby="h-data-interfaces"])')
    build([FIXTURES / "mini"], tmp_path, "html", Settings(title="Mini", build_date="2026-11-24"), stylesheets)
    assert "api/dts" not in (tmp_path / "data.html").read_text(encoding="utf-8")


def test_a_text_named_by_a_file_with_a_space_has_encoded_urls_and_plain_file_names(tmp_path, stylesheets):
    write(tmp_path / "tei" / "letter one.xml", """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>Letter</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
</fileDesc></teiHeader><text><body><div><head>One</head><p>Dear friend.</p></div></body></text></TEI>""")
    report = build([tmp_path / "tei"], tmp_path / "out", "dts", Settings(title="L", build_date="2000-01-01"), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    api = tmp_path / "out" / "api" / "dts"
    resource = _json(api / "collection" / "letter one.json")
    assert resource["navigation"] == "/api/dts/navigation/letter%20one{;tree}{;down}{/ref,start,end}.json"
    assert resource["download"] == "/tei/letter%20one.xml"
    assert _json(api / "navigation" / "letter one;down=1.json")["@id"] == "/api/dts/navigation/letter%20one;down=1.json"
    assert (api / "document" / "letter one" / "div-1.xml").is_file()
