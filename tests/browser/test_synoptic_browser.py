"""The synoptic page in Chromium: the AGN article and Sedova's text side by side stay aligned
while either is scrolled (aligned paragraphs at one height), the choice of panes is kept in the
URL, a phone gets tabs, axe-core finds nothing serious; a text's witnesses in columns light a
variant in every column when it is pointed at or focused."""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import parse_qs, urlparse

import pytest

from teipress.config import Settings
from teipress.facsimile_example import EXAMPLE_ID, write_example
from teipress.pipeline import build
from teipress.vendor import openseadragon_files

from ..test_synoptic import T as BILINGUAL
from .conftest import _missing, _QuietHandler, serious_violations

PAIR = "synoptic.html?panes=agn-arrival:reading,sedova-assassins:reading"


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#synoptic[data-ready]")


def _scroll_to(page, pane: int, block: str) -> None:
    """Scroll pane ``pane`` (0-based) so that paragraph ``block`` is at its top, as a reader would."""
    page.evaluate("""([i, id]) => {
        const body = document.querySelectorAll('.synoptic-pane-body')[i];
        const p = body.querySelector(`[data-id="${id}"]`);
        body.scrollTop += p.getBoundingClientRect().top - body.getBoundingClientRect().top;
    }""", [pane, block])
    page.wait_for_timeout(250)  # a frame for the scroll event and the other pane's answer


def _top(page, pane: int, block: str) -> float:
    return page.evaluate("""([i, id]) => document.querySelectorAll('.synoptic-pane-body')[i]
        .querySelector(`[data-id="${id}"]`).getBoundingClientRect().top""", [pane, block])


@pytest.mark.parametrize("mine, theirs", [("agn-p3", "sedova-p12"), ("agn-p8", "sedova-p14")])
def test_scrolling_the_agn_article_brings_sedova_s_paragraph_to_the_same_height(page, server, mine, theirs):
    _open(page, server + PAIR)
    _scroll_to(page, 0, mine)
    assert abs(_top(page, 0, mine) - _top(page, 1, theirs)) <= 3


def test_scrolling_sedova_s_text_brings_the_agn_paragraph_to_the_same_height(page, server):
    _open(page, server + PAIR)
    _scroll_to(page, 1, "sedova-p21")
    assert abs(_top(page, 1, "sedova-p21") - _top(page, 0, "agn-p11")) <= 3
    before = page.evaluate("document.querySelectorAll('.synoptic-pane-body')[0].scrollTop")
    assert before > 0


def test_an_also_told_link_in_a_pane_brings_the_other_pane_to_its_paragraph(page, server):
    _open(page, server + PAIR)
    _scroll_to(page, 0, "agn-p7")  # past agn-p3: the other pane follows it, not agn-p8 yet
    page.click("#synoptic-pane-box-1 .also-told a[href$='#sedova-p14']")
    page.wait_for_timeout(250)
    assert page.url.endswith(PAIR)  # still on the synoptic page
    assert abs(_top(page, 0, "agn-p8") - _top(page, 1, "sedova-p14")) <= 3


def test_two_views_of_one_text_scroll_paragraph_by_paragraph(page, server):
    _open(page, server + "synoptic.html?panes=agn-arrival:reading,agn-arrival:diplomatic")
    for block in ("agn-p5", "agn-p10"):
        _scroll_to(page, 1, block)
        assert abs(_top(page, 0, block) - _top(page, 1, block)) <= 3
    # The diplomatic pane shows the source's spelling, the reading pane the regularised one.
    assert "Trotski" in page.inner_text("#synoptic-pane-box-2 [data-id='agn-p9']")
    assert "Trotski" not in page.inner_text("#synoptic-pane-box-1 [data-id='agn-p9']")


def test_the_choice_of_panes_is_kept_in_the_url(page, server):
    _open(page, server + PAIR)
    page.select_option("#synoptic-pane-3", "agn-arrival:diplomatic")
    page.wait_for_function("document.querySelectorAll('.synoptic-pane').length === 3")
    query = parse_qs(urlparse(page.url).query)
    assert query["panes"] == ["agn-arrival:reading,sedova-assassins:reading,agn-arrival:diplomatic"]
    page.reload()
    page.wait_for_selector("#synoptic[data-ready]")
    views = page.eval_on_selector_all(".synoptic-text", "els => els.map(e => e.dataset.view)")
    titles = page.eval_on_selector_all(".synoptic-pane-title a", "els => els.map(e => e.textContent)")
    assert views == ["reading", "reading", "diplomatic"]
    assert titles[1] == "Stalinist Assassins Must Be Made to Stand Trial!"
    assert page.input_value("#synoptic-pane-3") == "agn-arrival:diplomatic"


@pytest.mark.parametrize("view", ["reading", "diplomatic"])
def test_a_pane_shows_the_words_of_its_view_as_the_text_page_does(page, server, view):
    """Every word of the view once: the pane's words are the text page's, in order, none more, none less."""
    page.goto(server + "agn-arrival.html" + ("" if view == "reading" else f"?view={view}"))
    page.wait_for_function(f"document.querySelector('article.edition-text').dataset.view === '{view}'")
    on_its_page = page.inner_text("#reading-text .tei-text").split()
    _open(page, server + f"synoptic.html?panes=sedova-assassins:reading,agn-arrival:{view}")
    in_the_pane = page.inner_text("#synoptic-pane-box-2 .tei-text").split()
    assert in_the_pane == on_its_page
    assert ("Trotski" in " ".join(in_the_pane)) == (view == "diplomatic")  # the source's spelling


def test_a_phone_gets_a_tab_per_pane(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    _open(page, server + PAIR)
    tabs = page.locator(".synoptic-tab")
    assert tabs.count() == 2
    assert page.is_visible("#synoptic-pane-box-1") and not page.is_visible("#synoptic-pane-box-2")
    assert tabs.nth(0).get_attribute("aria-selected") == "true"
    _scroll_to(page, 0, "agn-p3")
    tabs.nth(1).click()
    assert page.is_visible("#synoptic-pane-box-2") and not page.is_visible("#synoptic-pane-box-1")
    assert tabs.nth(1).get_attribute("aria-selected") == "true"
    # The second tab opens where the first was: Sedova's paragraph on the same events at the top.
    assert page.evaluate("""() => { const b = document.querySelector('#synoptic-pane-box-2 .synoptic-pane-body');
        return b.querySelector('[data-id="sedova-p12"]').getBoundingClientRect().top - b.getBoundingClientRect().top; }""") < 8
    context.close()


def test_without_script_the_page_lists_the_texts_told_alongside(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + PAIR)
    assert not page.is_visible(".synoptic-panes")
    item = page.locator(".synoptic-fallback li").first
    assert item.locator("a").nth(1).get_attribute("href") == "sedova-assassins.html"
    context.close()


def test_a_text_page_links_the_synoptic_view_of_its_pair(page, server):
    page.goto(server + "agn-arrival.html")
    page.click(".synoptic-link a")
    page.wait_for_selector("#synoptic[data-ready]")
    assert page.eval_on_selector_all(".synoptic-pane-title a", "els => els.map(e => e.getAttribute('href'))") == [
        "agn-arrival.html", "sedova-assassins.html"]


def test_no_serious_accessibility_violations_with_the_synoptic_view_open(page, server, axe_script):
    _open(page, server + PAIR)
    assert serious_violations(page, axe_script) == []


WITNESSES = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>Three witnesses</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><listWit><witness xml:id="A">Manuscript A</witness><witness xml:id="B">Manuscript B</witness>
<witness xml:id="C">Print C</witness></listWit></sourceDesc></fileDesc></teiHeader>
<text><body>
<p>The <app><lem wit="#A">quick</lem><rdg wit="#B">swift</rdg><rdg wit="#C">fast</rdg></app> fox
jumps over the <app><lem wit="#A #B">lazy</lem><rdg wit="#C">sleepy</rdg></app> dog.</p>
<p>It ran <app><lem wit="#A #C">away</lem><rdg wit="#B">home</rdg></app> at dusk.</p>
</body></text></TEI>"""


def _built_and_served(folder, files: dict[str, str], stylesheets):
    """Build the TEI ``files`` (name -> text) into a site under ``folder`` and serve it; yields the base URL."""
    (folder / "tei").mkdir()
    for name, tei in files.items():
        (folder / "tei" / name).write_text(tei, encoding="utf-8")
    out = folder / "output"
    report = build([folder / "tei"], out, "html", Settings(title="Synoptic", build_date="2026-12-02"), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def witness_server(tmp_path_factory, stylesheets):
    """A text with three witnesses and an apparatus, built (html) and served; gives the base URL."""
    yield from _built_and_served(tmp_path_factory.mktemp("witness-site"), {"fox.xml": WITNESSES}, stylesheets)


@pytest.fixture(scope="module")
def translation_server(tmp_path_factory, stylesheets):
    """A Latin text with its English translation in a div[@type='translation'], built and served."""
    yield from _built_and_served(tmp_path_factory.mktemp("translation-site"), {"t.xml": BILINGUAL}, stylesheets)


@pytest.fixture
def own_page(browser):
    """A desktop page for the sites built here (the ``page`` fixture allows only the seed edition's server)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == []


def test_a_text_beside_its_translation_each_once_aligned_by_paragraph(own_page, translation_server):
    page = own_page
    _open(page, translation_server + "synoptic.html?panes=t:reading,t:translation")
    original, translation = (page.inner_text(f"#synoptic-pane-box-{n} .synoptic-text") for n in (1, 2))
    assert "Gallia est omnis divisa." in original and "All Gaul" not in original
    assert "All Gaul is divided." in translation and "Gallia" not in translation
    _scroll_to(page, 1, "tr2")  # no @corresp: the second paragraph of each
    assert abs(_top(page, 1, "tr2") - _top(page, 0, "t2")) <= 3
    _scroll_to(page, 0, "t1")  # @corresp="#t1"
    assert abs(_top(page, 0, "t1") - _top(page, 1, "tr1")) <= 3


@pytest.fixture
def columns(browser, witness_server):
    """The witnesses of the test text in columns, reached from the text page's link."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(witness_server + "fox.html")
    page.click(".witnesses-link")
    page.wait_for_selector("#synoptic[data-ready]")
    yield page
    context.close()
    assert errors == []


def test_each_witness_reads_its_own_text_in_its_column(columns):
    texts = columns.eval_on_selector_all(".synoptic-text", "els => els.map(e => e.innerText)")
    assert len(texts) == 3
    assert "quick fox" in texts[0] and "lazy dog" in texts[0] and "ran away" in texts[0]
    assert "swift fox" in texts[1] and "lazy dog" in texts[1] and "ran home" in texts[1]
    assert "fast fox" in texts[2] and "sleepy dog" in texts[2] and "ran away" in texts[2]


def test_pointing_at_a_variant_lights_it_in_every_column(columns):
    variant = columns.locator("#synoptic-pane-box-2 [data-app]").nth(1)
    app = variant.get_attribute("data-app")
    variant.hover()
    columns.wait_for_function("document.querySelectorAll('.variant-lit').length > 0", timeout=5000)
    lit = columns.eval_on_selector_all(".variant-lit", "els => els.map(e => [e.dataset.app, e.innerText.trim()])")
    assert lit == [[app, "lazy"], [app, "lazy"], [app, "sleepy"]]
    columns.mouse.move(5, 5)
    assert columns.locator(".variant-lit").count() == 0


def test_focusing_a_variant_lights_it_in_every_column(columns):
    columns.locator("#synoptic-pane-box-3 [data-app]").nth(2).focus()
    # The page lights the variant on the focus event; a loaded machine may run it a moment later.
    columns.wait_for_function("document.querySelectorAll('.variant-lit').length > 0", timeout=5000)
    lit = columns.eval_on_selector_all(".variant-lit", "els => els.map(e => e.innerText.trim())")
    assert lit == ["away", "home", "away"]


def test_no_serious_accessibility_violations_in_the_witness_columns(columns, axe_script):
    assert serious_violations(columns, axe_script) == []


@pytest.fixture(scope="module")
def facsimile_server(tmp_path_factory, stylesheets):
    """teipress's facsimile example (two drawn pages), built and served."""
    if not openseadragon_files():
        _missing("OpenSeadragon (npm install in src/teipress/js/)")
    folder = tmp_path_factory.mktemp("synoptic-facsimile")
    write_example(folder / "tei")
    out = folder / "output"
    settings = Settings(title="Facsimiles", build_date="2026-12-02", folder=folder)
    report = build([folder / "tei"], out, "html", settings, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_the_facsimile_pane_shows_the_page_of_the_paragraph_at_the_top(own_page, facsimile_server):
    page = own_page
    _open(page, facsimile_server + f"synoptic.html?panes={EXAMPLE_ID}:reading,{EXAMPLE_ID}:facsimile")
    assert page.eval_on_selector_all("#synoptic-pane-box-2 img", "els => els.map(i => [i.alt, i.naturalWidth])") == [
        ["Page 1", 900], ["Page 2", 900]]
    paragraphs = page.eval_on_selector_all("#synoptic-pane-box-1 p.numbered", "els => els.map(p => p.dataset.id)")
    _scroll_to(page, 0, paragraphs[1])  # the paragraph after the second page break
    assert abs(_top(page, 0, paragraphs[1]) - _top(page, 1, "page-2")) <= 3
    _scroll_to(page, 1, "page-1")
    assert abs(_top(page, 0, paragraphs[0]) - _top(page, 1, "page-1")) <= 3
