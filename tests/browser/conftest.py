"""Browser tests: the built seed edition served on localhost, read by headless
Chromium (Debian's, driven by Playwright from PyPI; no browser download).

Outside CI a machine without Chromium, Playwright or axe-core skips these
tests; in CI (CI=true) a missing one fails them, so they are never skipped there."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from teipress.config import DEFAULT_TILES, Settings

from ..conftest import SEED_SETTINGS_ARGS, TEI

CHROMIUM = os.environ.get("TEIPRESS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SETTINGS = Settings(**SEED_SETTINGS_ARGS)


def _missing(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} is missing; CI must run the browser tests (.ci/run installs it)")
    pytest.skip(f"{what} is missing (run .ci/run or see README.md)")


@pytest.fixture(scope="session")
def site(seed_edition) -> Path:
    """The seed edition, built once for the session (tests/conftest.py)."""
    return seed_edition


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="session")
def server(site):
    """The site served over HTTP on localhost (search needs HTTP); gives the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright."""
    if not Path(CHROMIUM).exists():
        _missing("Chromium (Debian package 'chromium')")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


# The map tiles the seed edition is built with (the default [map] tiles, OpenStreetMap's): a reader's browser
# fetches them on a place's page; everything else a page asks for must come from the site.
TILES = DEFAULT_TILES.split("{", 1)[0]


@pytest.fixture
def page(browser, server):
    """A fresh page that refuses every request leaving localhost (the site must be self-contained)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(server) or url.startswith("file:") or url.startswith("data:"):
            route.continue_()
        elif url.startswith(TILES):
            route.abort()  # the one outside resource by design: a map's tiles ([map] tiles), refused here unrecorded
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.outside_requests = outside
    page.script_errors = errors
    yield page
    context.close()
    assert outside == [], f"requests outside the site: {outside}"
    assert errors == [], f"script errors: {errors}"


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from the npm registry (tests/browser/package.json; `npm install` there)."""
    if not AXE.exists():
        _missing("axe-core (npm install in tests/browser)")
    return AXE


def serious_violations(page, axe_script: Path) -> list:
    """Give axe-core's serious and critical violations on ``page`` (id, impact, first targets).

    axe is evaluated through the DevTools protocol, not injected as a script tag: the pages'
    Content-Security-Policy (rightly) refuses an injected inline script."""
    page.evaluate(axe_script.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]
