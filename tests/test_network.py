"""The correspondents' network page of a letter edition: a table of sender → addressee pairs with
their counts and letters (readable without JavaScript), the graph's data for Cytoscape.js, the page
only for an edition with letters; and a person's letters (mode tp:entity-sections)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree, html

from teipress.config import Settings
from teipress.pipeline import build
from teipress.transform import Stylesheets

from .conftest import tei, write
from .letters_edition import URL, write_edition
from .test_valid_html import java, vnu_errors  # noqa: F401 - java is a fixture

SETTINGS = Settings(title="Weber letters", build_date="2000-01-01", url=URL)
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def letters_site(tmp_path_factory, stylesheets) -> tuple[Path, object]:
    """The generated letter edition's web pages: (output folder, build report)."""
    folder = write_edition(tmp_path_factory.mktemp("network-src"))
    out = tmp_path_factory.mktemp("network-out")
    report = build([folder], out, "html", SETTINGS, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return out, report


def _page(out: Path) -> html.HtmlElement:
    return html.parse(str(out / "network.html")).getroot()


def _rows(page: html.HtmlElement) -> list[tuple]:
    """Each row of the pairs table: sender, addressee, count, the letters' (href, title)."""
    return [(row.xpath("string(th)").strip(), row.xpath("string(td[1])").strip(), int(row.xpath("string(td[2])")),
             [(a.get("href"), a.text) for a in row.xpath("td[3]//a")])
            for row in page.xpath('//table[@class="network-table"]/tbody/tr')]


def test_the_table_gives_each_pair_its_count_and_letters_most_letters_first(letters_site):
    assert _rows(_page(letters_site[0])) == [
        ("Carl Maria von Weber", "Moritz von Dietrichstein", 2,
         [("b1825.html", "Carl Maria von Weber to Moritz von Dietrichstein"),
          ("c1826.html", "Carl Maria von Weber to Moritz von Dietrichstein")]),
        ("Carl Maria von Weber", "Pastenaci, E.", 1, [("d1819.html", "Carl Maria von Weber to Pastenaci, E.")]),
        ("Johann Gänsbacher", "Carl Maria von Weber", 1, [("a1810.html", "Johann Gänsbacher to Carl Maria von Weber")]),
    ]


def test_correspondents_link_their_register_entries_and_letters_show_when_they_were_sent(letters_site):
    page = _page(letters_site[0])
    first = page.xpath('//table[@class="network-table"]/tbody/tr')[0]
    assert first.xpath("th/a/@href") == ["persons/weber.html"] and first.xpath("td[1]/a/@href") == ["persons/dietrichstein.html"]
    unknown = page.xpath('//table[@class="network-table"]/tbody/tr')[1]
    assert unknown.xpath("td[1]/a") == []  # a name the registers do not know is not linked
    assert first.xpath(".//time/@datetime") == ["1825-05-07", "1826-01-10"]
    assert first.xpath("string(.//li[1])") == "Carl Maria von Weber to Moritz von Dietrichstein (7 May 1825)"
    for href in page.xpath('//table[@class="network-table"]//td[3]//a/@href'):
        assert (letters_site[0] / href).is_file(), href


def test_the_graph_data_has_a_node_per_correspondent_and_an_edge_per_row(letters_site):
    page = _page(letters_site[0])
    data = json.loads(page.xpath('string(//script[@class="network-data"])'))
    labels = {node["id"]: node["label"] for node in data["nodes"]}
    assert sorted(labels.values()) == ["Carl Maria von Weber", "Johann Gänsbacher", "Moritz von Dietrichstein", "Pastenaci, E."]
    edges = [(labels[e["source"]], labels[e["target"]], e["count"], e["row"]) for e in data["edges"]]
    rows = page.xpath('//table[@class="network-table"]/tbody/tr/@id')
    assert edges == [("Carl Maria von Weber", "Moritz von Dietrichstein", 2, rows[0]),
                     ("Carl Maria von Weber", "Pastenaci, E.", 1, rows[1]),
                     ("Johann Gänsbacher", "Carl Maria von Weber", 1, rows[2])]
    assert page.xpath('//section[@class="network"]//script/@src') == ["assets/cytoscape/cytoscape.min.js", "assets/network.js"]
    assert (letters_site[0] / "assets" / "cytoscape" / "LICENSE").is_file()


def test_the_network_page_is_valid_html(java, letters_site):  # noqa: F811 - the fixture
    assert vnu_errors(java, [letters_site[0] / "network.html"]) == []


def test_the_page_is_in_the_navigation_and_the_sitemap_of_a_letter_edition(letters_site):
    out, report = letters_site
    home = html.parse(str(out / "index.html")).getroot()
    assert "network.html" in home.xpath('//nav[contains(@class, "site-nav")]//a/@href')
    locs = etree.parse(str(out / "sitemap.xml")).xpath("//s:loc/text()", namespaces=SITEMAP)
    assert f"{URL}network.html" in locs
    assert [str(d) for d in report.diagnostics if "network" in str(d)] == []


def test_an_edition_without_letters_has_no_network_page_nor_link(tmp_path, stylesheets):
    write(tmp_path / "src" / "a.xml", tei("<p>No letter here.</p>", xml_id="a"))
    report = build([tmp_path / "src"], tmp_path / "out", "html", SETTINGS, stylesheets)
    assert not report.failed
    assert not (tmp_path / "out" / "network.html").exists()
    home = html.parse(str(tmp_path / "out" / "index.html")).getroot()
    assert "network.html" not in home.xpath("//a/@href")
    assert f"{URL}network.html" not in (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8")


def test_without_cytoscape_the_page_is_its_table_with_a_warning(tmp_path, stylesheets, monkeypatch):
    monkeypatch.setenv("TEIPRESS_NODE_MODULES", str(tmp_path / "no-node-modules"))
    folder = write_edition(tmp_path / "src")
    report = build([folder], tmp_path / "out", "html", SETTINGS, stylesheets)
    assert not report.failed
    assert [d.message for d in report.diagnostics if "network" in d.message] == [
        "network.html: cytoscape is not installed (`npm install` in src/teipress/js/, as make does): the page is made "
        "without its drawing, readable as it is without JavaScript"]
    page = _page(tmp_path / "out")
    assert page.xpath('//section[@class="network"]') == [] and page.xpath("//script[contains(@src, 'cytoscape')]") == []
    assert [row[2] for row in _rows(page)] == [2, 1, 1]
    assert not (tmp_path / "out" / "assets" / "cytoscape").exists()


def test_a_person_lists_the_letters_sent_and_received_by_date(tmp_path):
    # On each person's own page (persons/<id>.html), after the card.
    folder = write_edition(tmp_path / "src")
    report = build([folder], tmp_path / "out", "html", SETTINGS, Stylesheets(None))
    assert not report.failed, [str(d) for d in report.diagnostics]

    def lists(entry: str) -> dict[str, list[tuple[str, str]]]:
        page = html.parse(str(tmp_path / "out" / "persons" / f"{entry}.html")).getroot()
        section = page.xpath('//section[@class="entity-letters"]')
        if not section:
            return {}
        return {" ".join(ol.xpath("string(preceding-sibling::h3[1])").split()):
                [(a.get("href").removeprefix("../"), li.xpath("string(time/@datetime)"))
                 for li in ol.xpath("li") for a in li.xpath("a")]
                for ol in section[0].xpath("ol")}

    assert lists("weber") == {"Sent (3)": [("d1819.html", "1819-08-05"), ("b1825.html", "1825-05-07"),
                                           ("c1826.html", "1826-01-10")],
                              "Received (1)": [("a1810.html", "1810-07-11")]}
    assert lists("dietrichstein") == {"Received (2)": [("b1825.html", "1825-05-07"), ("c1826.html", "1826-01-10")]}
    assert lists("gaensbacher") == {"Sent (1)": [("a1810.html", "1810-07-11")]}
    weber = html.parse(str(tmp_path / "out" / "persons" / "weber.html")).getroot()
    assert weber.xpath('string(//section[@class="entity-letters"]/h2)') == "Letters"
