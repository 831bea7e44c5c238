"""The facsimile viewer beside a text, in Chromium: a line and its zone light each other, a
zone's overlay brings its line into view, the viewer follows the reader's page, zooms by
keyboard, breaks no rule of the page's CSP and leaves no serious accessibility violation;
the IIIF manifest's image services open in OpenSeadragon by their ids.
The edition is teipress's facsimile example: two drawn pages whose every line's zone is known."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from teipress.config import Settings
from teipress.facsimile_example import EXAMPLE_ID, write_example
from teipress.pipeline import build
from teipress.vendor import openseadragon_files

from .conftest import _missing, _QuietHandler, serious_violations

PAGE = f"{EXAMPLE_ID}.html"


@pytest.fixture(scope="module")
def facsimile_server(tmp_path_factory, stylesheets):
    """The facsimile example built (html) and served on localhost; gives the base URL."""
    if not openseadragon_files():
        _missing("OpenSeadragon (npm install in src/teipress/js/)")
    folder = tmp_path_factory.mktemp("facsimile-site")
    write_example(folder / "tei")
    out = folder / "output"
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    # Published where it is served: the IIIF ids resolve.
    settings = Settings(title="Facsimiles", build_date="2026-12-02", folder=folder, url=base)
    report = build([folder / "tei"], out, "html", settings, stylesheets)
    assert not report.failed and report.diagnostics == [], [str(d) for d in report.diagnostics]
    yield base
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def viewer_page(browser, facsimile_server):
    """The example text's page at desktop size, its viewer open; no script error, no failed
    request, no request outside the site, no CSP violation."""
    context = browser.new_context(viewport={"width": 1280, "height": 640})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(facsimile_server)
                  else (problems.append(f"outside: {route.request.url}"), route.abort()))
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    page.goto(facsimile_server + PAGE)
    page.wait_for_selector(".facs-zone")  # OpenSeadragon opened the page and placed its zones
    yield page
    assert page.evaluate("window.__csp") == []
    context.close()
    assert problems == []


def _zone(page, facs: str) -> dict:
    return page.locator(f".facs-zone[data-facs='{facs}']").bounding_box()


def test_hovering_a_line_lights_its_zone_and_only_it(viewer_page):
    page = viewer_page
    line = page.locator("#reading-text .facs-mark[data-facs='p1-l3']")
    box = line.bounding_box()
    page.mouse.move(box["x"] + box["width"] + 60, box["y"] + box["height"] / 2)  # on the words of line 3
    page.wait_for_selector(".facs-zone.facs-lit")
    assert page.eval_on_selector_all(".facs-zone.facs-lit", "zones => zones.map(z => z.dataset.facs)") == ["p1-l3"]
    assert "facs-lit" in line.get_attribute("class")
    # The zones lie where the drawing put the lines: one under the other, the same left edge.
    two, three, four = (_zone(page, f"p1-l{n}") for n in (2, 3, 4))
    assert two["y"] < three["y"] < four["y"] and abs(two["x"] - three["x"]) < 2
    page.mouse.move(5, 5)
    page.wait_for_function("() => document.querySelectorAll('.facs-lit').length === 0")


def test_hovering_a_zone_lights_its_line(viewer_page):
    page = viewer_page
    zone = _zone(page, "p1-l4")
    page.mouse.move(zone["x"] + zone["width"] / 2, zone["y"] + zone["height"] / 2)
    page.wait_for_selector("#reading-text .facs-mark.facs-lit")
    assert page.eval_on_selector_all("#reading-text .facs-mark.facs-lit", "m => m.map(e => e.dataset.facs)") == ["p1-l4"]


def test_focusing_a_zone_scrolls_the_text_to_its_line(viewer_page):
    page = viewer_page
    height = 360  # a short window: the text starts high (the header is folded), so its lines must be out of sight
    page.set_viewport_size({"width": 1280, "height": height})
    page.evaluate("window.scrollTo(0, 0)")
    marks = page.locator("#reading-text .facs-mark[data-facs^='p1-']")
    below = [m for m in marks.all() if m.bounding_box()["y"] > height]
    assert below, "no line of the first page below the window"
    mark = below[0]
    page.locator(f".facs-zone[data-facs='{mark.get_attribute('data-facs')}']").focus()
    page.wait_for_function("() => window.scrollY > 0")
    box = mark.bounding_box()
    assert 0 < box["y"] < height - box["height"]


def test_the_viewer_follows_the_reader_to_the_next_page_and_zooms_by_keyboard(viewer_page):
    page = viewer_page
    assert page.inner_text(".facsimile-page") == "Page 1 (1 of 2)"
    page.locator("#reading-text .facs-mark[data-facs='p2-l2']").scroll_into_view_if_needed()
    page.mouse.wheel(0, 100)
    page.wait_for_function("() => document.querySelector('.facsimile-page').textContent === 'Page 2 (2 of 2)'")
    page.wait_for_selector(".facs-zone[data-facs='p2-l1']")
    before = _zone(page, "p2-l1")["width"]
    page.locator(".facsimile-image .openseadragon-canvas").focus()
    page.keyboard.down("Equal")  # "=" (and "+") zooms in while held
    page.wait_for_timeout(600)
    page.keyboard.up("Equal")
    page.wait_for_function("width => document.querySelector(\".facs-zone[data-facs='p2-l1']\").getBoundingClientRect().width > width",
                           arg=before * 1.2)


def test_no_serious_accessibility_violations_with_the_viewer_open(viewer_page, axe_script):
    page = viewer_page
    page.locator("#reading-text .facs-mark[data-facs='p1-l2']").focus()
    page.wait_for_selector(".facs-zone.facs-lit")
    assert serious_violations(page, axe_script) == []


def test_at_phone_width_the_viewer_stays_above_the_text(browser, facsimile_server):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(facsimile_server + PAGE)
    page.wait_for_selector(".facs-zone")
    page.locator("#reading-text .facs-mark[data-facs='p2-l3']").scroll_into_view_if_needed()
    page.mouse.wheel(0, 150)
    page.wait_for_function("() => document.querySelector('.facsimile-page').textContent === 'Page 2 (2 of 2)'")
    viewer = page.locator(".facsimile-viewer").bounding_box()
    assert viewer["y"] == 0 and viewer["height"] < 800 / 2 and viewer["width"] >= 390 - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_the_manifest_s_image_services_open_in_the_viewer_by_their_ids(viewer_page, facsimile_server):
    """OpenSeadragon reads each canvas's level 0 service from its info.json (by the manifest's id,
    not by the page's data) and every tile it asks for is there (the fixture fails on a 404)."""
    page = viewer_page
    opened = page.evaluate("""async manifestUrl => {
        const manifest = await (await fetch(manifestUrl)).json();
        const services = manifest.items.map(canvas => canvas.items[0].items[0].body.service[0].id);
        const results = [];
        for (const id of services) {
            const element = document.createElement('div');
            element.style.cssText = 'width: 600px; height: 500px';
            document.body.appendChild(element);
            results.push(await new Promise(resolve => {
                const viewer = OpenSeadragon({element, tileSources: id + '/info.json', drawer: 'canvas',
                                              showNavigationControl: false});
                viewer.addHandler('open-failed', event => resolve('failed: ' + event.message));
                viewer.world.addHandler('add-item', event => event.item.addOnceHandler('fully-loaded-change',
                    () => resolve([id, event.item.source.width, event.item.source.height])));
            }));
        }
        return results;
    }""", facsimile_server + f"iiif/{EXAMPLE_ID}/manifest.json")
    assert len(opened) == 2
    for result in opened:
        assert result[0].startswith(facsimile_server + "iiif/images/") and result[1:] == [900, 700], result
