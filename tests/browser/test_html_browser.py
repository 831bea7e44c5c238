"""What only a browser shows: switching views, the apparatus and name cards at
work, search over HTTP, accessibility (axe-core), phone width, no request
leaving the site."""

from __future__ import annotations

import datetime
import re

import pytest

from teipress.export import export_text

from ..conftest import TEI
from .conftest import serious_violations

# Interface text inside the reading text, hidden to read a view's words.
HIDE_UI = ".app-call, .note-call, .para-num, .block-label, .also-told, .figure-absent { display: none !important; }"


def _view_words(page) -> str:
    page.add_style_tag(content=HIDE_UI)
    return " ".join(page.inner_text("#reading-text .tei-text").split())


def test_view_switch_shows_the_diplomatic_text_and_keeps_the_place(page, server, stylesheets):
    page.goto(server + "sedova-assassins.html")
    page.locator("#sedova-p15").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, document.getElementById('sedova-p15').getBoundingClientRect().top - 200)")
    before = page.evaluate("document.getElementById('sedova-p15').getBoundingClientRect().top")
    page.get_by_role("button", name="Diplomatic").click()
    assert page.get_attribute("article", "data-view") == "diplomatic"
    assert page.get_by_role("button", name="Diplomatic").get_attribute("aria-pressed") == "true"
    assert page.url.endswith("?view=diplomatic")
    after = page.evaluate("document.getElementById('sedova-p15').getBoundingClientRect().top")
    assert abs(after - before) <= 2, (before, after)
    assert "Lazaro Cardenas" in page.inner_text("#sedova-p15")
    exported = " ".join(export_text(TEI / "sedova-assassins.xml", "diplomatic", stylesheets).split())
    assert _view_words(page) == exported


def test_a_linked_view_opens_in_that_view(page, server, stylesheets):
    page.goto(server + "sedova-assassins.html?view=MIA")  # a view the text does not offer: the reading view
    assert page.get_attribute("article", "data-view") == "reading"
    page.goto(server + "sedova-assassins.html?view=diplomatic")
    assert page.get_attribute("article", "data-view") == "diplomatic"
    assert page.get_by_role("button", name="Diplomatic").get_attribute("aria-pressed") == "true"
    exported = " ".join(export_text(TEI / "sedova-assassins.xml", "diplomatic", stylesheets).split())
    assert _view_words(page) == exported
    page.get_by_role("button", name="Reading").click()
    assert "presence; he must appear" in page.inner_text("#sedova-p23")
    assert "?view" not in page.url
    page.goto(server + "sedova-assassins.html#view=diplomatic")
    assert page.get_attribute("article", "data-view") == "diplomatic"


def test_clicking_an_apparatus_entry_highlights_its_place_and_back(page, server):
    page.goto(server + "sedova-assassins.html")
    entry = page.locator("li.app-entry#app-3")
    entry.locator(".app-lemma").click()
    place = page.locator('[data-app="app-3"]')
    assert "is-current" in place.get_attribute("class")
    assert "is-current" in entry.get_attribute("class")
    # And back: the call in the text highlights its entry.
    page.locator("#app-5-call").click()
    assert "is-current" in page.locator("li#app-5").get_attribute("class")
    assert "is-current" not in entry.get_attribute("class")
    # Hovering a marked place shows its entry.
    page.locator('[data-app="app-7"]').hover()
    popup = page.locator(".popup-entry")
    assert popup.is_visible()
    assert page.locator("li#app-7 .app-lemma").inner_text().strip() in popup.inner_text()
    assert "] " in popup.inner_text() and "sic" in popup.inner_text()


def test_name_card_opens_on_focus_and_closes_on_escape(page, server):
    page.goto(server + "agn-arrival.html")
    mention = page.locator('#agn-p11 a.name[data-entry="pers-cardenas"]')
    mention.focus()
    card = page.locator(".popup-card")
    assert card.is_visible()
    text = card.inner_text()
    assert "Lázaro Cárdenas" in text and "1895" in text
    page.keyboard.press("Escape")
    assert page.locator(".popup-card").count() == 0
    page.locator('#agn-p11 a.name[data-entry="pers-trotsky"]').first.hover()
    assert "Leon Trotsky" in page.locator(".popup-card").inner_text()
    assert page.locator(".popup-card a.authority").count() >= 1
    # The pointer can move from the mention into the card to reach its links.
    page.locator(".popup-card a.authority").first.hover()
    page.wait_for_timeout(400)
    assert page.locator(".popup-card").is_visible()
    page.mouse.move(5, 5)
    page.wait_for_timeout(400)
    assert page.locator(".popup-card").count() == 0
    # Keyboard users reach it with Tab too, and screen readers read the card.
    assert mention.get_attribute("aria-describedby") == "card-pers-cardenas"


def test_highlight_toggle_marks_the_mentions_of_a_type(page, server):
    page.goto(server + "agn-arrival.html")
    button = page.get_by_role("button", name="Places")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    colour = page.eval_on_selector("#agn-p1 .name.place", "el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    person = page.eval_on_selector("#agn-p1 .name.person", "el => getComputedStyle(el).backgroundColor")
    assert person == "rgba(0, 0, 0, 0)"


def test_search_for_cardenas_finds_both_texts(page, server):
    page.goto(server + "search.html")
    page.fill(".pagefind-ui__search-input", "Cardenas")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.wait_for_timeout(500)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")
    found = {link.split("/")[-1].split("#")[0].removesuffix(".html") for link in links}
    assert {"agn-arrival", "sedova-assassins"} <= found, links
    assert page.locator("#search-needs-http").is_hidden()


def test_search_filters_by_text_and_by_entity_and_finds_variant_readings(page, server):
    page.goto(server + "search.html")
    result = page.evaluate("""async () => {
        const pagefind = await import('/assets/search/pagefind.js');  // the index in parts, merged
        const pages = async (query, filters) => {
            const search = await pagefind.search(query, {filters});
            return Promise.all(search.results.map(async r => (await r.data()).url.split('#')[0]));  // the page (results land on a block)
        };
        return {
            filters: await pagefind.filters(),
            agnOnly: await pages('Cardenas', {Text: 'Remembering the arrival of Leon Trotsky to Mexico as a refugee'}),
            withKahlo: await pages('Trotsky', {Persons: 'Frida Kahlo'}),
            variant: await pages('mare', {}),
        };
    }""")
    assert {"Text", "Persons", "Places", "Organisations"} <= set(result["filters"])
    assert [u.rsplit("/", 1)[-1] for u in result["agnOnly"]] == ["agn-arrival.html"]
    assert [u.rsplit("/", 1)[-1] for u in result["withKahlo"]] == ["agn-arrival.html"]
    # "mare" is only the copy-text's reading (the edited text reads "more"): found through the apparatus.
    assert "sedova-assassins.html" in [u.rsplit("/", 1)[-1] for u in result["variant"]]


def test_search_page_says_it_needs_http_when_opened_from_a_file(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "search.html").as_uri())
    notice = page.locator("#search-needs-http")
    assert notice.is_visible()
    assert "http.server" in notice.inner_text()
    context.close()


def test_phone_width_has_no_horizontal_scrolling(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    for name in ("sedova-assassins.html", "persons.html", "chronology.html", "index.html"):
        page.goto(server + name)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (name, overflow)
    context.close()


@pytest.mark.parametrize("name", ["sedova-assassins.html", "agn-arrival.html"])
def test_on_a_phone_the_text_begins_on_the_first_screen_and_the_rest_of_the_header_is_folded(browser, server, name):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + name)
    first = page.locator("#reading-text .tei-text p").first
    top = first.evaluate("p => p.getBoundingClientRect().top")
    assert top < 844 - 40, top  # its first line is on the first screen
    assert page.locator(".text-title").is_visible()
    # The facts and the citation are one tap away, without script.
    about = page.locator("details.about-text")
    assert not page.locator(".text-meta").is_visible() and not page.locator("#cite-text").is_visible()
    about.locator(":scope > summary").click()
    assert page.locator(".text-meta").is_visible() and page.locator("#cite-text").is_visible()
    assert "Source" in page.locator(".text-meta").inner_text()
    context.close()


@pytest.mark.parametrize("name", ["sedova-assassins.html", "agn-arrival.html", "persons.html", "chronology.html",
                                  "index.html", "search.html"])
def test_no_serious_accessibility_violations(page, server, axe_script, name):
    page.goto(server + name)
    if name == "search.html":
        page.fill(".pagefind-ui__search-input", "Trotsky")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert serious_violations(page, axe_script) == []


def test_focus_is_visible(page, server):
    page.goto(server + "sedova-assassins.html")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


def test_no_serious_accessibility_violations_with_the_tools_in_use(page, server, axe_script):
    page.goto(server + "sedova-assassins.html?view=diplomatic")
    for name in ("Persons", "Places", "Organisations", "Dates"):
        page.get_by_role("button", name=name).click()
    page.locator("#app-7-call").click()
    page.locator('#sedova-p11 a.name[data-entry="pers-trotsky"]').first.focus()
    assert page.locator(".popup-card").is_visible()
    # Evaluated through the DevTools protocol: the pages' CSP (rightly) refuses an injected inline script tag.
    page.evaluate(axe_script.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_printed_page_leaves_out_the_tools(page, server):
    page.goto(server + "sedova-assassins.html")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.text-tools', '.site-header', '.cite-copy']
        .map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert hidden == ["none", "none", "none"]
    assert page.locator("#apparatus").is_visible() and page.locator("#sedova-p1").is_visible()


def test_without_javascript_the_reading_view_shows_and_the_tools_stay_hidden(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "sedova-assassins.html?view=diplomatic")
    text = page.inner_text("#sedova-p23")
    # The reading is "he" (a letter calls its apparatus entry); the source's "she" is not shown.
    assert re.search(r"presence; he[a-z]? must appear", text) and "presence; she" not in text, text
    assert page.locator(".text-tools").is_hidden()
    assert page.locator("#apparatus").is_visible()
    assert "he] she" in " ".join(page.inner_text("#apparatus").split())
    context.close()


def test_the_content_security_policy_blocks_nothing_the_site_does(page, server):
    """Using a text page, the registers and the search violates none of the pages' CSP rules,
    while an injected inline script is refused (the policy is in force, and the check sees violations)."""
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    page.goto(server + "sedova-assassins.html?view=diplomatic")
    page.get_by_role("button", name="Persons").click()
    page.locator("#app-7-call").click()
    assert page.evaluate("window.__csp") == []
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
                  " document.head.appendChild(s); }")
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.injected") is None
    assert page.evaluate("window.__csp")[0].startswith("script-src")
    for name in ("persons.html", "chronology.html", "index.html"):
        page.goto(server + name)
        assert page.evaluate("window.__csp") == [], name
    page.goto(server + "search.html")
    page.fill(".pagefind-ui__search-input", "Trotsky")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert page.evaluate("window.__csp") == []
    assert page.script_errors == []


def test_the_keyboard_reaches_the_apparatus_without_passing_the_text(page, server):
    page.goto(server + "agn-arrival.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the apparatus"
    assert page.locator(".skip-link:focus").is_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert page.url.endswith("#apparatus")
    top = page.evaluate("document.getElementById('apparatus').getBoundingClientRect().top")
    assert 0 <= top < 200, top


def test_the_citation_gives_the_version_and_dates_as_how_to_cite_does(page, server):
    page.goto(server + "sedova-assassins.html")
    page.locator("details.about-text > summary").click()
    cite = " ".join(page.inner_text("#cite-text").split())
    how_to_cite = page.context.new_page()
    how_to_cite.goto(server + "cite.html")
    version = re.search(r"version [0-9.]+, \d{1,2} [A-Z][a-z]+ \d{4}", " ".join(how_to_cite.inner_text("main").split()))
    assert version and version.group(0) in cite  # the same version, said the same way
    today = datetime.date.today()
    assert f"(accessed {today.day} {today.strftime('%B')} {today.year})" in cite  # day month year here too


def test_on_a_touch_screen_a_tap_on_a_name_opens_its_card_and_a_tap_on_a_reading_its_entry(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(server + "sedova-assassins.html")
    assert page.evaluate("matchMedia('(hover: none)').matches")
    # The first name a reader can tap (the source page's folded header holds names too).
    name = page.locator("#reading-text a.name[data-entry]:visible").first
    name.scroll_into_view_if_needed()
    name.tap()
    card = page.locator(".popup-card")
    card.wait_for()
    assert page.url.endswith("sedova-assassins.html")  # the page stayed: the card opened
    # (Changed with the entity pages: a card links its entry's own page, no longer a register page's anchor.)
    assert card.locator(".card-name a").get_attribute("href").startswith("persons/pers-")
    page.locator("h1").tap()  # a tap elsewhere closes it
    assert page.locator(".popup").count() == 0
    reading = page.locator("#reading-text .intervention[data-app]").first
    reading.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    reading.tap()
    page.locator(".popup-entry").wait_for()
    assert abs(page.evaluate("window.scrollY") - before) < 5  # the entry opened in place, no jump
    assert "]" in page.locator(".popup-entry").inner_text()  # lemma] reading
    name.tap()
    name.tap()  # a second tap follows the name's link
    page.wait_for_url("**/persons/pers-*.html")
    context.close()
