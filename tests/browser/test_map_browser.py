"""The maps in Chromium: a Leaflet marker's popup and its link to the place's entry, markers
reached by keyboard, the map drawn at build time (no tiles) with its markers as links, the
places of a text unfolded, and axe-core's serious and critical violations (none).
The tiles are the site's own address (nothing answers there): no request leaves the site."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from teipress.config import Settings
from teipress.pipeline import build
from teipress.vendor_leaflet import leaflet_files

from ..conftest import SEED_SETTINGS_ARGS, TEI
from .conftest import _missing, _QuietHandler, serious_violations


def _serve(folder):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


@pytest.fixture(scope="module")
def map_sites(tmp_path_factory, stylesheets):
    """The seed edition built twice (html), served on localhost: with tiles at the site's own
    address (the interactive map) and without tiles (the map drawn at build time); gives the base URLs."""
    if not leaflet_files():
        _missing("Leaflet (pip install xstatic-leaflet)")
    live_out, still_out = (tmp_path_factory.mktemp(name) for name in ("map-live", "map-still"))
    live, live_url = _serve(live_out)
    still, still_url = _serve(still_out)
    for out, tiles in ((live_out, f"{live_url}tiles/{{z}}/{{x}}/{{y}}.png"), (still_out, "")):
        report = build([TEI], out, "html", Settings(**SEED_SETTINGS_ARGS, map_tiles=tiles), stylesheets)
        assert not report.failed, [str(d) for d in report.diagnostics]
    yield {"live": live_url, "still": still_url}
    for httpd in (live, still):
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def map_page(browser, map_sites):
    """A page that refuses (and records) any request leaving the two sites; no script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside, errors = [], []

    def guard(route):
        if route.request.url.startswith(tuple(map_sites.values())):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert outside == [] and errors == [], (outside, errors)


def test_marker_popup_links_the_place_entry(map_page, map_sites):
    page = map_page
    page.goto(map_sites["live"] + "map.html")
    marker = page.locator('.leaflet-marker-icon[data-entry="pl-oslo"]')
    assert page.locator(".leaflet-marker-icon").count() == 10
    assert marker.get_attribute("title") == "Oslo"
    assert page.locator("svg.map-svg").is_hidden()  # the interactive map replaces the drawn one
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator(".map-place-name").inner_text() == "Oslo"
    # The passages that name it, as the list under the map gives them (Oslo: Sedova's text only).
    links = "links => links.map(a => a.getAttribute('href'))"
    listed = page.locator('.map-places .map-place[data-entry="pl-oslo"] a.mention').evaluate_all(links)
    assert listed and all(href.startswith("sedova-assassins.html#") for href in listed)
    assert popup.locator("a.mention").evaluate_all(links) == listed
    popup.locator(".map-place-name").click()
    page.wait_for_url("**/places/pl-oslo.html")  # the place's own page
    assert page.locator("h1").inner_text() == "Oslo"


def test_keyboard_reaches_the_markers_and_opens_a_popup(map_page, map_sites):
    page = map_page
    page.goto(map_sites["live"] + "map.html")
    page.locator(".leaflet-marker-icon").first.wait_for()
    reached = None
    for _ in range(60):
        page.keyboard.press("Tab")
        reached = page.evaluate("document.activeElement.classList.contains('leaflet-marker-icon') "
                                "? document.activeElement.getAttribute('data-entry') : null")
        if reached:
            break
    assert reached in {"pl-coyoacan", "pl-istanbul", "pl-kislovodsk", "pl-mexico-city", "pl-moscow", "pl-new-york",
                       "pl-odesa", "pl-oslo", "pl-paris", "pl-saint-petersburg"}
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content .map-place-name").wait_for()
    name = page.locator(f'.map-place[data-entry="{reached}"] .map-place-name').inner_text()
    assert page.locator(".leaflet-popup-content .map-place-name").inner_text() == name


def test_drawn_map_markers_are_links_reached_by_keyboard(map_page, map_sites):
    page = map_page
    page.goto(map_sites["still"] + "map.html")
    assert page.locator(".leaflet-container").count() == 0
    markers = page.locator("svg.map-svg a.map-marker")
    assert markers.count() == 10
    reached = None
    for _ in range(40):
        page.keyboard.press("Tab")
        reached = page.evaluate("document.activeElement.closest('svg') ? document.activeElement.dataset.entry : null")
        if reached:
            break
    assert reached is not None
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/places/{reached}.html")  # the place's own page


def test_text_places_unfold_into_a_map(map_page, map_sites):
    page = map_page
    page.goto(map_sites["live"] + "agn-arrival.html")
    assert page.locator(".text-places .leaflet-container").count() == 0  # drawn when first opened
    page.locator("details.text-places > summary").click()
    page.locator(".text-places .leaflet-marker-icon").first.wait_for()
    assert page.locator(".text-places .leaflet-marker-icon").count() == 4
    page.locator('.text-places .leaflet-marker-icon[data-entry="pl-istanbul"]').click()
    hrefs = page.locator(".leaflet-popup-content a.mention").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["#agn-p3", "#agn-p5", "#agn-p6"]


@pytest.mark.parametrize("site", ["live", "still"])
def test_map_page_has_no_serious_accessibility_violation(map_page, map_sites, axe_script, site):
    page = map_page
    page.goto(map_sites[site] + "map.html")
    if site == "live":
        page.locator(".leaflet-marker-icon").first.wait_for()
    assert serious_violations(page, axe_script) == []


def test_text_places_have_no_serious_accessibility_violation(map_page, map_sites, axe_script):
    page = map_page
    page.goto(map_sites["live"] + "sedova-assassins.html")
    page.locator("details.text-places > summary").click()
    page.locator(".text-places .leaflet-marker-icon").first.wait_for()
    assert serious_violations(page, axe_script) == []
