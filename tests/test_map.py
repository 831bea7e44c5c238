"""Places on a map: the map page, the places of a text, a place's map section, the map drawn
at build time (its projection, its land), [map] settings, Leaflet or its absence, the PDF volume."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree, html

from teipress.config import DEFAULT_ATTRIBUTION, DEFAULT_TILES, Settings, load_settings
from teipress.errors import UsageError
from teipress.geo import land_module, land_rings, parse_geo, project
from teipress.pipeline import build
from teipress.resources import xslt_dir
from teipress.transform import Stylesheets
from teipress.vendor_leaflet import leaflet_files

from .conftest import SEED_SETTINGS_ARGS, TEI

T = "{http://www.tei-c.org/ns/1.0}"

# The seed registers' places with coordinates (tei/registers.xml) and those without, every one mentioned.
MAPPED = {"pl-coyoacan", "pl-istanbul", "pl-kislovodsk", "pl-mexico-city", "pl-moscow", "pl-new-york",
          "pl-odesa", "pl-oslo", "pl-paris", "pl-saint-petersburg"}


def _registers_places() -> dict[str, tuple[float, float] | None]:
    """The places of the seed registers by id, with their coordinates read from the TEI (the test's oracle)."""
    tree = etree.parse(str(TEI / "registers.xml"))
    return {place.get("{http://www.w3.org/XML/1998/namespace}id"):
            parse_geo(place.findtext(f"{T}location/{T}geo") or "")
            for place in tree.iter(f"{T}place")}


def _page(site: Path, name: str):
    return html.parse(str(site / name)).getroot()


@pytest.fixture(scope="module")
def web(tmp_path_factory, stylesheets) -> Path:
    """The seed edition's web pages with the default settings (OpenStreetMap's tiles), built once here:
    the PDF test alone needs the whole seed edition."""
    return _build(tmp_path_factory.mktemp("map-web"), stylesheets)[0]


def _build(tmp_path: Path, stylesheets, formats: str = "html", **settings) -> tuple[Path, list[str]]:
    out = tmp_path / "out"
    report = build([TEI], out, formats, Settings(**SEED_SETTINGS_ARGS, **settings), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return out, [str(d) for d in report.diagnostics]


def test_the_seed_registers_have_the_places_the_tests_expect():
    places = _registers_places()
    assert {pid for pid, point in places.items() if point} == MAPPED
    assert places["pl-mexico"] is None and places["pl-golden-chapel"] is None


def test_map_page_marks_each_place_with_coordinates_linking_its_entry(web):
    page = _page(web, "map.html")
    markers = {a.get("data-entry"): a for a in page.iter("a") if "map-marker" in (a.get("class") or "")}
    assert set(markers) == MAPPED
    for place_id, marker in markers.items():
        assert marker.get("href") == f"places/{place_id}.html"  # the place's own page
    # The page the marker links exists.
    assert all((web / "places" / f"{pid}.html").is_file() for pid in MAPPED)
    # The list under the map: every place, its entry, the texts that mention it with links to the mentions.
    items = {li.get("data-entry"): li for li in page.find_class("map-place")}
    assert set(items) == MAPPED
    istanbul = items["pl-istanbul"]
    assert istanbul.find_class("map-place-name")[0].text_content() == "Istanbul"
    mentions = [a.get("href") for a in istanbul.find_class("mention")]
    assert "agn-arrival.html#agn-p3" in mentions and "sedova-assassins.html#sedova-p12" in mentions
    assert istanbul.get("data-lat") == "41.0082" and istanbul.get("data-lon") == "28.9784"


def test_places_without_coordinates_are_listed_as_such_not_on_the_map(web):
    page = _page(web, "map.html")
    section = page.get_element_by_id("map-unplaced-heading").getparent()
    listed = {li.get("data-entry"): li.text_content() for li in section.iter("li")}
    expected = {pid for pid, point in _registers_places().items() if point is None}
    # Every place without coordinates that a text mentions (the published ones): the Golden Chapel, Mexico …
    assert "pl-mexico" in listed and listed["pl-mexico"] == "Mexico"
    assert set(listed) <= expected and not set(listed) & MAPPED
    assert section.find(".//h2").text == "Places without coordinates"
    assert [a.get("href") for a in section.iter("a") if a.text == "Mexico"] == ["places/pl-mexico.html"]


def test_map_page_is_in_the_navigation(web):
    nav = _page(web, "index.html").find_class("site-nav")[0]
    assert [a.get("href") for a in nav.iter("a") if a.text == "Map"] == ["map.html"]


def _marker_points(page) -> dict[str, tuple[float, float]]:
    # lxml's HTML parser gives the SVG's elements without their namespace.
    return {a.get("data-entry"): (float(a.find("circle").get("cx")), float(a.find("circle").get("cy")))
            for a in page.iter("a") if "map-marker" in (a.get("class") or "")}


def test_svg_markers_stand_at_the_projected_coordinates(web):
    page = _page(web, "map.html")
    points = _marker_points(page)
    places = _registers_places()
    for place_id in ("pl-mexico-city", "pl-oslo"):
        x, y = project(*places[place_id])
        assert points[place_id] == (pytest.approx(x, abs=0.0005), pytest.approx(y, abs=0.0005))
    assert project(19.4326, -99.1332) == (-99.1332, -19.4326)
    # Both inside the view, Oslo north-east of Mexico City (y grows southwards).
    svg = next(page.iter("svg"))
    west, top, width, height = (float(v) for v in svg.get("viewbox").split())  # lower-cased by the HTML parser
    for x, y in points.values():
        assert west < x < west + width and top < y < top + height
    assert points["pl-oslo"][0] > points["pl-mexico-city"][0] and points["pl-oslo"][1] < points["pl-mexico-city"][1]


def test_svg_draws_the_land_around_the_places(web):
    svg = next(_page(web, "map.html").iter("svg"))
    paths = [p.get("d") for p in svg.iter("path")]
    # Some rings, not the whole world: those crossing the view (Australia's does not).
    assert 10 < len(paths) < 127
    assert all(d.startswith("M") and d.endswith("z") for d in paths)


def test_the_land_module_is_natural_earth_and_small():
    module = xslt_dir() / "common" / "land.xsl"
    text = module.read_text(encoding="utf-8")
    assert module.stat().st_size < 100_000
    assert "Natural Earth" in text and "public domain" in text
    assert text.count("<tp:ring ") > 100


def test_land_rings_decode_topojson_arcs():
    # Two arcs, quantized and delta-encoded; the second ring walks the first arc backwards (~0).
    topology = {"transform": {"scale": [0.5, 0.25], "translate": [-10, -20]},
                "arcs": [[[0, 0], [4, 0], [0, 8]], [[4, 8], [-4, -8]]],
                "objects": {"land": {"type": "GeometryCollection", "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]]}, {"type": "Polygon", "arcs": [[~0]]}]}}}
    first, second = land_rings(topology)
    assert first == [(-10, -20), (-8, -20), (-8, -18), (-10, -20)]
    assert second == [(-8, -18), (-8, -20), (-10, -20)]
    module = land_module(topology)
    assert 'west="-10" south="-20" east="-8" north="-18" d="M-10 20l2 0 0 -2 -2 2z"' in module


def test_text_page_folds_its_places_on_a_map(web):
    page = _page(web, "agn-arrival.html")
    folded = page.find_class("text-places")[0]
    assert folded.tag == "details" and folded.get("open") is None  # folded: the text stays at the top
    # After the reading text and its notes (on a phone the text begins on the first screen), out of the search index.
    article = page.find_class("edition-text")[0]
    order = [el for el in article.iter() if el is folded or el.get("id") in ("reading-text", "notes")]
    assert order[-1] is folded and len(order) == 3 and folded.get("data-pagefind-ignore") == "all"
    items = {li.get("data-entry"): li for li in folded.find_class("map-place")}
    # The places with coordinates that the TEI of the text points to (read from the TEI: the oracle).
    named = {ref.split("#")[1] for ref in etree.parse(str(TEI / "agn-arrival.xml")).xpath(
        "//tei:text//@ref[contains(., 'registers.xml#pl-')]", namespaces={"tei": T[1:-1]})}
    assert set(items) == named & MAPPED == {"pl-istanbul", "pl-mexico-city", "pl-moscow", "pl-odesa"}
    # The mentions link the paragraphs of this page.
    assert [a.get("href") for a in items["pl-istanbul"].find_class("mention")] == ["#agn-p3", "#agn-p5", "#agn-p6"]
    assert folded.find("summary").text_content() == f"Places in this text ({len(items)})"


def test_tiles_setting_reaches_the_page_data(web, tmp_path, stylesheets):
    figure = _page(web, "map.html").get_element_by_id("edition-map")
    assert figure.get("data-tiles") == DEFAULT_TILES
    assert figure.get("data-attribution") == DEFAULT_ATTRIBUTION
    tiles = "https://tiles.example.org/{z}/{x}/{y}.png"
    out, _ = _build(tmp_path, stylesheets, map_tiles=tiles, map_attribution="Example tiles")
    figure = _page(out, "map.html").get_element_by_id("edition-map")
    assert (figure.get("data-tiles"), figure.get("data-attribution")) == (tiles, "Example tiles")


def test_without_tiles_the_map_is_the_svg_alone(tmp_path, stylesheets):
    out, _ = _build(tmp_path, stylesheets, map_tiles="")
    page = _page(out, "map.html")
    figure = page.get_element_by_id("edition-map")
    assert figure.get("data-tiles") is None
    assert not [s for s in page.iter("script") if "leaflet" in (s.get("src") or "")]
    assert set(_marker_points(page)) == MAPPED


def test_without_leaflet_a_warning_and_the_svg(tmp_path, stylesheets, monkeypatch):
    empty = tmp_path / "no-leaflet"
    empty.mkdir()
    monkeypatch.setenv("TEIPRESS_LEAFLET", str(empty))
    out, diagnostics = _build(tmp_path, stylesheets)
    warnings = [d for d in diagnostics if "Leaflet is not installed" in d]
    assert len(warnings) == 2 and any(w.startswith(str(TEI / "agn-arrival.xml")) for w in warnings)
    page = _page(out, "map.html")
    assert page.get_element_by_id("edition-map").get("data-tiles") is None
    assert set(_marker_points(page)) == MAPPED
    assert not (out / "assets" / "leaflet").exists()


@pytest.mark.skipif(not leaflet_files(), reason="xstatic-leaflet is not installed")
def test_leaflet_is_shipped_with_its_licence(web):
    folder = web / "assets" / "leaflet"
    assert (folder / "leaflet.js").read_bytes() == leaflet_files()["leaflet.js"].read_bytes()
    licence = (folder / "LICENSE.txt").read_text(encoding="utf-8")
    assert licence.startswith("BSD 2-Clause License") and "Vladimir Agafonkin" in licence
    page = _page(web, "map.html")
    assert [s.get("src") for s in page.iter("script") if "leaflet" in (s.get("src") or "")] == ["assets/leaflet/leaflet.js"]


def test_map_settings_are_checked(tmp_path):
    (tmp_path / "teipress.toml").write_text('[map]\ntiles = "tiles/{z}.png"\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"\[map\] tiles must be .* \{z\}, \{x\} and \{y\}"):
        load_settings(tmp_path)
    (tmp_path / "teipress.toml").write_text('[map]\ntiles = ""\n', encoding="utf-8")
    assert load_settings(tmp_path).map_tiles == ""
    (tmp_path / "teipress.toml").write_text("[edition]\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    assert (settings.map_tiles, settings.map_attribution) == (DEFAULT_TILES, DEFAULT_ATTRIBUTION)


def test_place_entity_section_draws_the_place_map(tmp_path):
    """The template the per-entity pages apply after a place's card (mode tp:entity-sections, the
    edition tunnelled), tried through an override layer that shows it for Mexico City on the map page."""
    html_layer = tmp_path / "layer" / "html"
    html_layer.mkdir(parents=True)
    (html_layer / "entity.xsl").write_text("""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:tp="https://teipress.org/ns" exclude-result-prefixes="#all">
      <xsl:template match="tp:page[@name = 'map']" mode="tp:page-content">
        <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
        <xsl:apply-templates select="tp:entries($edition, 'place')[@xml:id = ('pl-mexico-city', 'pl-mexico')],
                                     tp:entries($edition, 'person')[1]" mode="tp:entity-sections"/>
      </xsl:template>
    </xsl:stylesheet>""", encoding="utf-8")
    out, _ = _build(tmp_path, Stylesheets(tmp_path / "layer"))
    page = _page(out, "map.html")
    sections = page.find_class("entity-map")
    assert len(sections) == 1  # Mexico has no coordinates, a person no map: no section
    assert [child.tag for child in page.get_element_by_id("main")] == ["section"]
    assert sections[0].find(".//h2").text == "On the map"
    assert set(_marker_points(page)) == {"pl-mexico-city"}
    assert _marker_points(page)["pl-mexico-city"] == (-99.133, -19.433)
    assert [li.get("data-entry") for li in page.find_class("map-place")] == ["pl-mexico-city"]


def test_pdf_volume_has_the_map_page(seed_edition):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(seed_edition / "edition.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    map_pages = [i for i, p in enumerate(pages) if p.strip().startswith("Map") and "Natural Earth" in p]
    assert len(map_pages) == 1
    found = pages[map_pages[0]]
    for name in ("Mexico City", "Coyoacán", "Istanbul", "Saint Petersburg", "New York City"):
        assert name in found
    index = [i for i, p in enumerate(pages) if p.strip().startswith("Index")]
    assert index and map_pages[0] < index[0]
    # The contents name it.
    assert any(line.startswith("Map .") for line in pages[1].splitlines() + pages[2].splitlines())
