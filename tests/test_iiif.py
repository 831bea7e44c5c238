"""IIIF of a text with a facsimile: the manifest (valid against the IIIF community's JSON
Schema of Presentation 3.0), the level 0 tiles of its local images, the viewer's data on
the page — built from an edition whose page images the test draws (teipress.facsimile_example),
so every line's zone is known."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from teipress.config import Settings
from teipress.facsimile_example import LETTER, write_example
from teipress.pipeline import build
from teipress.vendor import openseadragon_files

from .conftest import SHARED, tei, write
from .test_valid_html import java, vnu_errors  # noqa: F401 - java is a fixture

IIIF_SCHEMA = SHARED / "schemas" / "iiif" / "iiif_3_0.json"
TEXT_ID = "example-facsimile"


def _build(folder: Path, stylesheets, url: str = "", formats: str = "html"):
    out = folder / "output"
    settings = Settings(title="Facsimiles", build_date="2026-12-02", url=url, folder=folder)
    return out, build([folder / "tei"], out, formats, settings, stylesheets)


@pytest.fixture(scope="module")
def edition(tmp_path_factory, stylesheets):
    """A facsimile edition (two drawn pages, five lines each), built once: (folder, out, report)."""
    folder = tmp_path_factory.mktemp("facsimile-edition")
    write_example(folder / "tei")
    out, report = _build(folder, stylesheets, url="https://edition.example.org/letters/")
    assert not report.failed, [str(d) for d in report.diagnostics]
    return folder, out, report


def _validate(manifest: dict) -> list[str]:
    import jsonschema

    schema = json.loads(IIIF_SCHEMA.read_text(encoding="utf-8"))
    checker = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in checker.iter_errors(manifest)]


def test_manifest_is_valid_iiif_presentation_3_with_a_canvas_per_page(edition):
    _, out, _ = edition
    manifest = json.loads((out / "iiif" / TEXT_ID / "manifest.json").read_text(encoding="utf-8"))
    assert _validate(manifest) == []
    assert manifest["id"] == f"https://edition.example.org/letters/iiif/{TEXT_ID}/manifest.json"
    assert manifest["label"] == {"none": ["A letter with its facsimile"]}
    assert [canvas["label"]["none"][0] for canvas in manifest["items"]] == ["1", "2"]
    assert {(canvas["width"], canvas["height"]) for canvas in manifest["items"]} == {(900, 700)}


def test_a_line_is_annotated_on_its_zone_with_what_the_text_says(edition):
    folder, out, _ = edition
    manifest = json.loads((out / "iiif" / TEXT_ID / "manifest.json").read_text(encoding="utf-8"))
    source = (folder / "tei" / f"{TEXT_ID}.xml").read_text(encoding="utf-8")
    zone = re.search(r'<zone xml:id="p2-l3" ulx="(\d+)" uly="(\d+)" lrx="(\d+)" lry="(\d+)"', source).groups()
    x, y, right, bottom = map(int, zone)
    canvas = manifest["items"][1]
    said = [a for a in canvas["annotations"][0]["items"] if a["motivation"] == "supplementing"]
    assert len(said) == 5
    third = said[2]
    assert third["body"]["value"] == LETTER[1][2] == "Send me your corrections soon."
    assert third["target"] == f"{canvas['id']}#xywh={x},{y},{right - x},{bottom - y}"
    linking = [a for a in canvas["annotations"][0]["items"] if a["motivation"] == "linking"]
    assert linking[2]["body"]["id"] == f"https://edition.example.org/letters/{TEXT_ID}.html#facs-p2-l3"
    page = lxml_html.parse(str(out / f"{TEXT_ID}.html"))
    assert page.xpath("//*[@id='facs-p2-l3']/@data-facs") == ["p2-l3"]  # the link lands on the line's mark


def test_local_images_are_level_0_services_with_every_tile_a_viewer_asks_for(edition):
    from PIL import Image

    _, out, _ = edition
    manifest = json.loads((out / "iiif" / TEXT_ID / "manifest.json").read_text(encoding="utf-8"))
    body = manifest["items"][0]["items"][0]["items"][0]["body"]
    service_id = body["service"][0]["id"]
    assert body["service"][0] == {"id": service_id, "type": "ImageService3", "profile": "level0"}
    folder = out / service_id.removeprefix("https://edition.example.org/letters/")
    info = json.loads((folder / "info.json").read_text(encoding="utf-8"))
    assert info["id"] == service_id and info["profile"] == "level0" and info["type"] == "ImageService3"
    assert (info["width"], info["height"]) == (900, 700)
    assert info["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2]}]
    with Image.open(folder / "full" / "max" / "0" / "default.jpg") as whole:
        assert whole.size == (900, 700)
    # Scale factor 1: four tiles of the 900 x 700 image, cut at 512; factor 2: the image whole at 450,350.
    for name, size in [("0,0,512,512/512,512", (512, 512)), ("512,0,388,512/388,512", (388, 512)),
                       ("0,512,512,188/512,188", (512, 188)), ("512,512,388,188/388,188", (388, 188)),
                       ("full/450,350", (450, 350))]:
        with Image.open(folder / name / "0" / "default.jpg") as tile:
            assert (tile.format, tile.size) == ("JPEG", size), name
    assert info["sizes"] == [{"width": 450, "height": 350}]


def test_an_unchanged_image_is_not_tiled_again(tmp_path, stylesheets):
    from teipress.cache import cache_dir

    write_example(tmp_path / "tei", lines=LETTER[:1])
    out, report = _build(tmp_path, stylesheets, formats="iiif")
    assert not report.failed
    cache = cache_dir(out) / "iiif-tiles"

    def made() -> dict[str, int]:
        return {str(f.relative_to(cache)): f.stat().st_mtime_ns for f in cache.rglob("*.jpg")}

    before = made()
    assert len({name.split("/")[0] for name in before}) == 1 and len(before) == 6
    text = tmp_path / "tei" / f"{TEXT_ID}.xml"
    text.write_text(text.read_text(encoding="utf-8").replace("Dear Marta,", "Dear Marta!"), encoding="utf-8")
    out, report = _build(tmp_path, stylesheets, formats="iiif")
    assert not report.failed and made() == before  # the text changed, its image did not: no tile was made again
    manifest = json.loads((out / "iiif" / TEXT_ID / "manifest.json").read_text(encoding="utf-8"))
    said = [a["body"]["value"] for a in manifest["items"][0]["annotations"][0]["items"] if a["motivation"] == "supplementing"]
    assert said[1] == "Dear Marta!"
    # A changed image has another content hash: it is tiled (into a folder of its own).
    write_example(tmp_path / "tei", lines=(("Another first line",),))
    _build(tmp_path, stylesheets, formats="iiif")
    assert len({name.split("/")[0] for name in made()}) == 2


def test_the_page_holds_the_viewer_and_a_mark_per_line(edition):
    if not openseadragon_files() and os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        pytest.skip("OpenSeadragon is not installed (make runs npm install in src/teipress/js/; CI must have it)")
    _, out, _ = edition
    page = lxml_html.parse(str(out / f"{TEXT_ID}.html"))
    marks = page.xpath("//section[@id='reading-text']//button[contains(@class, 'facs-mark')]")
    assert [m.get("data-facs") for m in marks[:3]] == ["p1-l1", "p1-l2", "p1-l3"] and len(marks) == 10
    assert marks[2].get("title") == "Show line 3 on the page image"
    data = json.loads(page.xpath("string(//script[@class='facsimile-data'])"))
    assert data["manifest"] == f"iiif/{TEXT_ID}/manifest.json"
    first = data["pages"][0]
    assert first["info"]["id"].startswith("iiif/images/") and (out / first["info"]["id"] / "info.json").is_file()
    assert [z["id"] for z in first["zones"]][:2] == ["p1-l1", "p1-l2"]
    assert page.xpath("//span[@data-facs-page='page-2']//a/@href") == ["images/tei/images/example-facsimile-2.png"]
    # The viewer's licence ships with it (the BSD-3-Clause text of the npm package).
    assert "Redistribution and use" in (out / "assets" / "openseadragon" / "LICENSE.txt").read_text(encoding="utf-8")


def test_without_openseadragon_the_build_warns_and_page_breaks_link_their_images(tmp_path, stylesheets, monkeypatch):
    monkeypatch.setenv("TEIPRESS_NODE_MODULES", str(tmp_path / "no-node-modules"))
    write_example(tmp_path / "tei")
    out, report = _build(tmp_path, stylesheets)
    assert not report.failed
    assert any("the facsimile viewer is left out: OpenSeadragon is not installed" in d.message for d in report.diagnostics)
    page = lxml_html.parse(str(out / f"{TEXT_ID}.html"))
    assert page.xpath("//aside[contains(@class, 'facsimile-viewer')]") == []
    assert page.xpath("//a[@class='facsimile-link']/@href") == [
        "images/tei/images/example-facsimile-1.png", "images/tei/images/example-facsimile-2.png"]
    assert (out / "iiif" / TEXT_ID / "manifest.json").is_file()  # the manifest needs no viewer


def test_a_remote_page_is_a_canvas_when_its_surface_gives_its_size(tmp_path, stylesheets):
    facsimile = """<facsimile>
      <surface xml:id="s1" n="1r" ulx="0" uly="0" lrx="2000" lry="3000">
        <graphic url="https://images.example.org/iiif/ms1-1r/info.json"/><zone xml:id="z1" ulx="100" uly="200" lrx="900" lry="260"/>
      </surface>
      <surface xml:id="s2" n="1v"><graphic url="https://images.example.org/ms1-1v.jpg"/></surface>
    </facsimile>"""
    source = tei('<pb n="1r" facs="#s1"/><p><lb facs="#z1"/>A remote line.</p><pb n="1v" facs="#s2"/><p>More.</p>', xml_id="ms")
    write(tmp_path / "tei" / "ms.xml", source.replace("<text>", facsimile + "<text>"))
    out, report = _build(tmp_path, stylesheets, formats="iiif")
    manifest = json.loads((out / "iiif" / "ms" / "manifest.json").read_text(encoding="utf-8"))
    assert _validate(manifest) == []
    assert [c["label"]["none"] for c in manifest["items"]] == [["1r"]]
    body = manifest["items"][0]["items"][0]["items"][0]["body"]
    assert body["id"] == "https://images.example.org/iiif/ms1-1r/full/max/0/default.jpg"
    assert manifest["items"][0]["annotations"][0]["items"][0]["target"].endswith("#xywh=100,200,800,60")
    assert any("the page '1v' of the facsimile is left out of the IIIF manifest" in d.message for d in report.diagnostics)
    assert any("ids are under http://127.0.0.1:8000/" in d.message for d in report.diagnostics)
    assert not (out / "iiif" / "images").exists()  # remote images are used as they are


def test_new_example_facsimile_validates_and_builds_the_viewer(tmp_path):
    from click.testing import CliRunner

    from teipress.cli import main

    edition = tmp_path / "e"
    made = CliRunner().invoke(main, ["new", str(edition), "--example", "facsimile"])
    assert made.exit_code == 0, made.output
    assert str(edition / "tei" / "images" / f"{TEXT_ID}-1.png") in made.stdout.splitlines()
    validated = CliRunner().invoke(main, ["validate", "--edition", str(edition)])
    assert (validated.exit_code, validated.stderr) == (0, "0 error(s), 0 warning(s)\n")
    built = CliRunner().invoke(main, ["build", "--edition", str(edition), "--format", "html"])
    assert built.exit_code == 0, built.output
    page = lxml_html.parse(str(edition / "output" / f"{TEXT_ID}.html"))
    assert page.xpath("string((//section[@id='reading-text']//p[contains(@class, 'tei-p')])[1])").count("the proofs arrived this morning,") == 1
    assert json.loads((edition / "output" / "iiif" / TEXT_ID / "manifest.json").read_text(encoding="utf-8"))["type"] == "Manifest"
    refused = CliRunner().invoke(main, ["new", str(tmp_path / "f"), "--example", "atlas"])
    assert refused.exit_code == 2 and "'atlas' is not one of 'letter', 'facsimile'" in refused.stderr


def test_the_page_with_its_viewer_is_valid_html(edition, java):
    _, out, _ = edition
    assert vnu_errors(java, [out / f"{TEXT_ID}.html"]) == []


def test_a_facs_pointing_nowhere_is_reported_at_its_line(tmp_path, stylesheets):
    write_example(tmp_path / "tei", lines=LETTER[:1])
    text = tmp_path / "tei" / f"{TEXT_ID}.xml"
    source = text.read_text(encoding="utf-8").replace('<lb facs="#p1-l2"/>', '<lb facs="#p1-l9"/>')
    text.write_text(source, encoding="utf-8")
    line = next(n for n, row in enumerate(source.splitlines(), 1) if "#p1-l9" in row)
    _, report = _build(tmp_path, stylesheets, formats="iiif")
    assert [(d.line, d.message) for d in report.diagnostics if "p1-l9" in d.message] == [
        (line, "the @facs '#p1-l9' of <lb> points at no surface, zone or graphic of the facsimile: "
               "the text is not linked to the image there")]


def test_a_page_break_may_name_its_image_by_url(tmp_path, stylesheets):
    from teipress.facsimile_example import draw_page

    draw_page(["A page without a surface"], tmp_path / "tei" / "scans" / "f1.png")
    body = ('<pb n="1" facs="scans/f1.png"/><p>First page.</p>'
            '<pb n="2" facs="https://images.example.org/f2.jpg"/><p>Second page.</p>')
    write(tmp_path / "tei" / "scans.xml", tei(body, xml_id="scans"))
    out, report = _build(tmp_path, stylesheets)
    assert not report.failed
    manifest = json.loads((out / "iiif" / "scans" / "manifest.json").read_text(encoding="utf-8"))
    assert _validate(manifest) == []
    assert [(c["label"]["none"][0], c["width"], c["height"]) for c in manifest["items"]] == [("1", 900, 700)]
    assert any("the page '2' of the facsimile is left out of the IIIF manifest: the size of its image is not known" in d.message
               for d in report.diagnostics)
    page = lxml_html.parse(str(out / "scans.html"))
    assert page.xpath("//span[@data-facs-page]/@data-facs-page") == ["scans/f1.png", "https://images.example.org/f2.jpg"]
    if openseadragon_files():
        data = json.loads(page.xpath("string(//script[@class='facsimile-data'])"))
        assert [p["id"] for p in data["pages"]] == ["scans/f1.png", "https://images.example.org/f2.jpg"]
        assert data["pages"][1]["url"] == "https://images.example.org/f2.jpg"


def test_installing_the_viewer_later_makes_the_page_again(tmp_path, stylesheets, monkeypatch):
    if not openseadragon_files():
        pytest.skip("OpenSeadragon is not installed")
    write_example(tmp_path / "tei", lines=LETTER[:1])
    monkeypatch.setenv("TEIPRESS_NODE_MODULES", str(tmp_path / "none"))
    out, report = _build(tmp_path, stylesheets)
    page = out / f"{TEXT_ID}.html"
    assert "facsimile-viewer" not in page.read_text(encoding="utf-8")
    monkeypatch.delenv("TEIPRESS_NODE_MODULES")
    out, report = _build(tmp_path, stylesheets)
    assert report.built == 1 and "facsimile-viewer" in page.read_text(encoding="utf-8")


def test_a_zone_may_name_its_text_with_corresp(tmp_path, stylesheets):
    from teipress.facsimile_example import draw_page

    boxes = draw_page(["Arma virumque cano", "Troiae qui primus ab oris"], tmp_path / "tei" / "scans" / "v1.png")
    zones = "".join(f'<zone xml:id="z{n}" corresp="#v{n}" ulx="{x}" uly="{y}" lrx="{x + w}" lry="{y + h}"/>'
                    for n, (x, y, w, h) in enumerate(boxes, 1))
    facsimile = f'<facsimile><surface xml:id="s1"><graphic url="scans/v1.png"/>{zones}</surface></facsimile>'
    body = '<lg><l xml:id="v1">Arma virumque cano,</l><l xml:id="v2">Troiae qui primus ab oris</l></lg>'
    write(tmp_path / "tei" / "aen.xml", tei(body, xml_id="aen").replace("<text>", facsimile + "<text>"))
    out, report = _build(tmp_path, stylesheets)
    assert not report.failed
    manifest = json.loads((out / "iiif" / "aen" / "manifest.json").read_text(encoding="utf-8"))
    said = [(a["body"]["value"], a["target"].split("#")[1]) for a in manifest["items"][0]["annotations"][0]["items"]
            if a["motivation"] == "supplementing"]
    x, y, w, h = boxes[1]
    assert said[1] == ("Troiae qui primus ab oris", f"xywh={x},{y},{w},{h}")
    if openseadragon_files():
        page = lxml_html.parse(str(out / "aen.html"))
        assert page.xpath("//*[@id='facs-z2']/@data-facs") == ["z2"]
        assert page.xpath("normalize-space(//*[@id='facs-z2']/..)").endswith("Troiae qui primus ab oris")


def test_an_image_pillow_refuses_gets_no_tiles(tmp_path, monkeypatch):
    from PIL import Image

    from teipress import tiles
    from teipress.facsimile_example import draw_page

    draw_page(["A line"], tmp_path / "page.png")
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not an image")
    assert tiles.service(tmp_path / "broken.png") is None
    assert (tiles.service(tmp_path / "page.png").width, tiles.service(tmp_path / "page.png").height) == (900, 700)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 900 x 700 is now a decompression bomb
    assert tiles.service(tmp_path / "page.png") is None


def test_a_source_document_s_zones_annotate_its_canvas_with_their_text(tmp_path, stylesheets):
    from teipress.facsimile_example import draw_page

    (x, y, w, h), = draw_page(["Wie geht es dir?"], tmp_path / "tei" / "scans" / "d1.png")
    source_doc = (f'<sourceDoc><surfaceGrp><surface xml:id="d1" n="1r"><graphic url="scans/d1.png"/>'
                  f'<zone xml:id="d1-z1" ulx="{x}" uly="{y}" lrx="{x + w}" lry="{y + h}"><line>Wie geht</line>'
                  f'<line>es dir?</line></zone></surface></surfaceGrp></sourceDoc>')
    write(tmp_path / "tei" / "brief.xml", tei("<p>Wie geht es dir?</p>", xml_id="brief").replace("<text>", source_doc + "<text>"))
    out, report = _build(tmp_path, stylesheets, formats="iiif")
    assert not report.failed
    manifest = json.loads((out / "iiif" / "brief" / "manifest.json").read_text(encoding="utf-8"))
    assert _validate(manifest) == []
    canvas = manifest["items"][0]
    assert canvas["label"] == {"none": ["1r"]}
    said = [(a["body"]["value"], a["target"]) for a in canvas["annotations"][0]["items"] if a["motivation"] == "supplementing"]
    assert said == [("Wie geht es dir?", f"{canvas['id']}#xywh={x},{y},{w},{h}")]
