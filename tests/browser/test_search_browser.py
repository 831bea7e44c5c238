"""The search page over the index in parts, in Chromium: the merged parts find what one
index finds, a result lands on the paragraph (or variant) that matched, the witness
filter, and texts stemmed in their own language under another interface language."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from teipress.config import Settings

from ..conftest import FIXTURES, SEED_SETTINGS_ARGS, TEI
from .conftest import serious_violations

# Through the search page's own module (what Pagefind's interface calls), and through one
# Pagefind index of the whole site made the way teipress made it before it had parts.
SEARCH_BOTH = """async ([query]) => {
    const parts = await import('/assets/search/pagefind.js');
    const single = await import('/single/pagefind.js');
    const urls = async (engine) => {
        const found = await engine.search(query);
        return Promise.all(found.results.map(async r => (await r.data()).url));
    };
    return {parts: await urls(parts), single: await urls(single)};
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def serve():
    """Serve folders over HTTP on localhost; give a function folder → base URL."""
    servers = []

    def start(folder: Path) -> str:
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}/"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def seed_with_single_index(seed_edition, tmp_path_factory):
    """A copy of the seed edition with, beside its index in parts, one index of the whole site (single/)."""
    site = tmp_path_factory.mktemp("seed-single") / "site"
    shutil.copytree(seed_edition, site)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(site / "single"),
                    "--silent"], check=True, capture_output=True)
    return site


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory, stylesheets):
    """The mini edition (two texts, witnesses W1 and W2) built with its search."""
    from teipress.pipeline import build

    out = tmp_path_factory.mktemp("mini-search") / "out"
    report = build([FIXTURES / "mini"], out, "html", Settings(title="Mini", build_date="2026-11-24"), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return out


@pytest.fixture(scope="module")
def german_seed(tmp_path_factory, stylesheets):
    """The seed edition (English texts) with a German interface."""
    from teipress.pipeline import build

    out = tmp_path_factory.mktemp("seed-de") / "out"
    report = build([TEI], out, "html", Settings(**SEED_SETTINGS_ARGS, language="de"), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    # For comparison, one index of the whole site as Pagefind makes it from the pages' language (German).
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out), "--output-path", str(out / "single"),
                    "--silent"], check=True, capture_output=True)
    return out


def _page(browser, width=1280, height=900):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.script_errors = errors
    return context, page


# "conspic": a word no page has whole, found by its beginning, not by the prefix a part without it falls back to.
@pytest.mark.parametrize("query", ["Cardenas", "Coyoacán", "conspicuous", "conspic", "Mercader", "asylum refugee"])
def test_the_merged_parts_find_what_one_index_finds(browser, serve, seed_with_single_index, query):
    base = serve(seed_with_single_index)
    context, page = _page(browser)
    page.goto(base + "search.html")
    found = page.evaluate(SEARCH_BOTH, [query])
    pages = [url.split("#")[0] for url in found["parts"]]
    assert pages and len(pages) == len(set(pages)), found  # no page twice
    assert sorted(pages) == sorted(found["single"]), found
    assert page.script_errors == []
    context.close()


@pytest.mark.parametrize("query, expected", [
    ("conspicuous", "agn-arrival.html"),
    # A register word finds its entry's page, and the text that names it.
    ("Coyoacán", "places/pl-coyoacan.html"),
])
def test_a_text_word_and_a_register_word_are_found_in_the_interface(browser, serve, seed_with_single_index,
                                                                      query, expected):
    base = serve(seed_with_single_index)
    context, page = _page(browser)
    page.goto(base + "search.html")
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_selector(f".pagefind-ui__result-link[href*='{expected}']", timeout=15000)
    page.wait_for_timeout(300)
    # The interface shows five results at a time: ask for the others.
    while page.locator("button.pagefind-ui__button").count():
        page.click("button.pagefind-ui__button")
        page.wait_for_timeout(300)
    results = page.locator("li.pagefind-ui__result").count()  # one per page (its links to blocks inside)
    assert results == len(page.evaluate(SEARCH_BOTH, [query])["single"]), query
    assert page.script_errors == []
    context.close()


def test_a_result_lands_on_the_paragraph_that_matched(browser, server):
    context, page = _page(browser)
    page.goto(server + "search.html")
    page.fill(".pagefind-ui__search-input", "conspicuous")  # only in § 5 of the AGN article
    link = page.locator(".pagefind-ui__result-link").first
    link.wait_for(timeout=15000)
    assert link.get_attribute("href") == "/agn-arrival.html#agn-p5"
    link.click()
    page.wait_for_url("**/agn-arrival.html#agn-p5")
    top = page.evaluate("document.getElementById('agn-p5').getBoundingClientRect().top")
    assert 0 <= top < 300, top
    assert page.script_errors == []
    context.close()


def _filter(page, label: str, value: str):
    panel = page.locator(".pagefind-ui__filter-panel")
    group = panel.locator("fieldset.pagefind-ui__filter-group", has_text=label)
    # The interface draws the filters once the index's filter data has come (later than the
    # results on a loaded machine), without the reader searching again: open their folded
    # blocks only when they are there.
    group.wait_for(state="attached", timeout=15000)
    panel.locator("details").evaluate_all("blocks => blocks.forEach(block => { block.open = true; })")
    return group.locator(".pagefind-ui__filter-value", has_text=value).locator("input")


def test_the_witness_filter_finds_a_reading_of_that_witness_only(browser, serve, mini_site, axe_script):
    from playwright.sync_api import expect

    base = serve(mini_site)
    context, page = _page(browser)
    page.goto(base + "search.html")
    page.fill(".pagefind-ui__search-input", "quay")  # § 3 reads "the pier" (W1); only W2 reads "the quay"
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    expect(page.locator("li.pagefind-ui__result")).to_have_count(1)  # without the filter: the text, once
    assert serious_violations(page, axe_script) == []
    _filter(page, "Witness", "W1").check()
    expect(page.locator(".pagefind-ui__message")).to_contain_text("No results")
    expect(page.locator("li.pagefind-ui__result")).to_have_count(0)
    _filter(page, "Witness", "W1").uncheck()
    _filter(page, "Witness", "W2").check()
    expect(page.locator("li.pagefind-ui__result")).to_have_count(1)
    link = page.locator(".pagefind-ui__result-link").first
    assert link.text_content() == "Arrival at Veracruz (Witness W2)"
    assert link.get_attribute("href") == "/text-one.html?view=W2#app-4-call"
    link.click()
    page.wait_for_url("**/text-one.html?view=W2#app-4-call")
    # The text opens in W2's view, at the variant: W2's reading is what the reader sees there.
    expect(page.locator('.view-button[data-view="W2"]')).to_have_attribute("aria-pressed", "true")
    assert page.locator('[data-app="app-4"]').inner_text().strip() == "the quay"
    top = page.evaluate("document.getElementById('app-4-call').getBoundingClientRect().top")
    assert 0 <= top < 900, top
    assert page.script_errors == []
    context.close()


def test_an_english_text_in_a_german_interface_is_searched_as_english(browser, serve, german_seed):
    """ "executed" finds the AGN article's "executing" only when both are stemmed as English (execut);
    a German stemmer leaves both words whole."""
    base = serve(german_seed)
    context, page = _page(browser)
    page.goto(base + "search.html")
    assert page.evaluate("document.documentElement.lang") == "de"
    page.fill(".pagefind-ui__search-input", "executed")
    link = page.locator(".pagefind-ui__result-link").first
    link.wait_for(timeout=15000)
    assert link.get_attribute("href").startswith("/agn-arrival.html#agn-p5")
    # The same page indexed in the interface's language: "executed" is not found.
    assert page.evaluate(SEARCH_BOTH, ["executed"])["single"] == []
    assert page.evaluate(SEARCH_BOTH, ["executing"])["single"] == ["/agn-arrival.html"]
    assert page.script_errors == []
    context.close()


def test_a_word_of_a_touched_text_is_found_right_after_the_rebuild(browser, serve, tmp_path, stylesheets):
    """The bucket of the touched text and its witness records are indexed again (the others kept):
    the merged search finds the new word, in the text and as each witness reads it."""
    from teipress.pipeline import build

    sources, out = tmp_path / "tei", tmp_path / "out"
    shutil.copytree(FIXTURES / "mini", sources)
    settings = Settings(title="Mini", build_date="2026-11-24")
    assert not build([sources], out, "html", settings, stylesheets).failed
    base = serve(out)

    def search(query: str, witness: str = "") -> list[tuple[str, str]]:
        context, page = _page(browser)  # a new context: nothing of the old index cached
        page.goto(base + "search.html")
        page.fill(".pagefind-ui__search-input", query)
        page.wait_for_selector(".pagefind-ui__message", timeout=15000)
        if witness:
            _filter(page, "Witness", witness).check()
        page.wait_for_timeout(500)
        found = [(link.text_content(), link.get_attribute("href"))
                 for link in page.locator(".pagefind-ui__result-link").all()]
        assert page.script_errors == []
        context.close()
        return found

    assert search("brimful") == []
    text = sources / "text-one.xml"
    text.write_text(text.read_text(encoding="utf-8").replace("was full.", "was brimful."), encoding="utf-8")
    report = build([sources], out, "html", settings, stylesheets)
    assert not report.failed and report.built == 2  # and text-two, which links to it
    assert [href.split("#")[0] for _, href in search("brimful")] == ["/text-one.html"]
    # As W2 reads the text: its record, made again from the new page (the kept one was of the old page).
    [(title, href)] = search("brimful", "W2")
    assert title == "Arrival at Veracruz (Witness W2)" and href.startswith("/text-one.html?view=W2#")
