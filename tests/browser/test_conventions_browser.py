"""Rendering conventions as a reader sees them in Chromium: an EpiDoc inscription in the
Leiden conventions (each view's words once), and the diplomatic convention opening the
page in its diplomatic view, the reading view a click away."""

from __future__ import annotations

from lxml import etree

from ..corpus.word_bounds import HIDE_UI, text_bounds
from ..test_conventions import LEIDEN, UNDERDOT, UNDERLINE, built, inscription


def _words(page) -> str:
    return " ".join(page.inner_text("#p-1").split())


def test_a_leiden_inscription_reads_as_an_epigraphist_writes_it_and_each_word_once(page, tmp_path, stylesheets):
    url = (built(tmp_path, stylesheets) / "insc.html").as_uri()
    page.goto(url)
    assert _words(page) == "§ 1 " + LEIDEN
    bounds = text_bounds(etree.fromstring(inscription().encode("utf-8")))
    for view in ("reading", "diplomatic"):
        page.goto(url + ("" if view == "reading" else f"?view={view}"))
        page.wait_for_function(f"document.querySelector('article.edition-text').dataset.view === '{view}'")
        page.add_style_tag(content=HIDE_UI)
        shown = page.inner_text("#reading-text .tei-text").replace(UNDERDOT, "").replace(UNDERLINE, "")  # signs
        assert bounds.check(shown) == ({}, {}), view


def test_the_diplomatic_convention_opens_the_diplomatic_view(page, tmp_path, stylesheets):
    page.goto((built(tmp_path, stylesheets, "diplomatic") / "insc.html").as_uri())
    page.wait_for_function("document.querySelector('.text-tools').hidden === false")
    assert page.get_attribute("article.edition-text", "data-view") == "diplomatic"
    assert _words(page) == ("§ 1 1 [- - -] L Valeri [. . .]ae a\u0323b\u0323 ⟦Getae⟧ fili pos s . . vixit "
                            "5 XX hs e val")
    page.click("button.view-button[data-view='reading']")
    assert page.get_attribute("article.edition-text", "data-view") == "reading"
    assert "view=reading" in page.url
    assert "Lucius Valeri⟨us⟩" in _words(page)
