"""Entity pages and register indexes in Chromium: an old link to an entry still leads to it (with
script to the entry's page, without script to its row), the pages are accessible and read at
desktop and phone width."""

from __future__ import annotations

import pytest

from .conftest import serious_violations


def test_an_old_register_link_leads_to_the_entrys_own_page(page, server):
    page.goto(server + "persons.html#pers-trotsky")
    page.wait_for_url("**/persons/pers-trotsky.html")
    assert page.locator("h1").inner_text() == "Leon Trotsky"
    # The mentions quote the words around each name and link their paragraph in the text.
    first = page.locator(".kwic-line").first
    assert "Trotsky" in first.locator(".kwic-mention").inner_text()
    first.locator("a.kwic-locus").click()
    page.wait_for_url("**/agn-arrival.html#*")


def test_without_script_an_old_register_link_shows_the_entrys_row(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "persons.html#pers-trotsky")
    assert page.url.endswith("persons.html#pers-trotsky")
    row = page.locator("#pers-trotsky")
    assert row.is_visible()
    assert row.evaluate("el => el.matches(':target')")
    assert row.locator("a.register-name").get_attribute("href") == "persons/pers-trotsky.html"
    assert row.locator("a.register-name").inner_text() == "Trotsky, Leon"
    context.close()


def test_a_link_to_an_entry_not_on_the_first_page_of_the_index_still_leads_to_it(page, server):
    # An entry's row may be on a later page of a long register: the script names its page as every entity page is named.
    page.goto(server + "places.html")
    page.evaluate("document.getElementById('pl-coyoacan').remove()")
    page.evaluate("location.hash = 'pl-coyoacan'")
    page.wait_for_url("**/places/pl-coyoacan.html")
    assert page.locator("h1").inner_text() == "Coyoacán"


@pytest.mark.parametrize("name", ["persons/pers-trotsky.html", "places/pl-coyoacan.html", "persons.html",
                                  "chronology.html", "chronology/1940-1949.html"])
def test_entity_and_index_pages_have_no_serious_accessibility_violations(page, server, axe_script, name):
    page.goto(server + name)
    assert serious_violations(page, axe_script) == []


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_entity_page_and_register_index_fit_the_screen(browser, server, width, height, tmp_path):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    for name in ("persons/pers-trotsky.html", "persons.html"):
        page.goto(server + name)
        # Nothing wider than the screen: the reader never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(tmp_path / f"{name.replace('/', '-')}-{width}.png"), full_page=False)
    # On a phone a mention's locus stands above its words, on a desktop beside them.
    page.goto(server + "persons/pers-trotsky.html")
    line = page.locator(".kwic-line").first
    locus, words = line.locator(".kwic-locus").bounding_box(), line.locator(".kwic-context").bounding_box()
    assert (words["y"] >= locus["y"] + locus["height"] - 1) == (width < 600)
    context.close()
