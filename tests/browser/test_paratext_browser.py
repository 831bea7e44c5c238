"""The paratext pages in Chromium: no serious accessibility violations (axe-core), nothing wider
than a phone, and the folded licence statements open."""

from __future__ import annotations

import pytest

from .conftest import serious_violations

PAGES = ["about.html", "principles.html", "help.html", "cite.html", "changes.html", "data.html"]


@pytest.mark.parametrize("name", PAGES)
def test_paratext_page_has_no_serious_accessibility_violations(page, server, axe_script, name):
    page.goto(server + name)
    assert serious_violations(page, axe_script) == []


def test_paratext_pages_fit_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for name in PAGES:
        page.goto(server + name)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (name, overflow)
    context.close()


def test_licence_statements_unfold_on_about(page, server):
    page.goto(server + "about.html")
    statements = page.locator(".licence-statements")
    assert not statements.locator("p").first.is_visible()
    statements.locator("summary").first.click()
    assert statements.locator("p").first.is_visible()
