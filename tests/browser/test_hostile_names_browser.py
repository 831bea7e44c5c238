"""Hostile names in a browser: a register name written as markup stays text in the search
page's filter list (Pagefind's interface inserts filter values as HTML)."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from teipress.config import Settings
from teipress.pipeline import build

from ..conftest import tei, write

EVIL = "Evil </script><img src=x onerror=alert(1)>"
# A title that is markup, an entity reference and an escaped entity reference, as text.
TITLE = "Title <b>bold</b> & <i>x</i> &amp; &lt;u&gt;"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


REGISTER = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="registers"><teiHeader><fileDesc>
<titleStmt><title>Registers</title></titleStmt><publicationStmt><p>P</p></publicationStmt>
<sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>
<standOff><listPerson><person xml:id="pers-evil"><persName type="main">{_escape(EVIL)}</persName></person>
<person xml:id="pers-plain"><persName type="main">Plain Person</persName></person></listPerson></standOff>
</TEI>
"""

HEADER = f"""<teiHeader><fileDesc><titleStmt><title>{_escape(TITLE)}</title></titleStmt>
<publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, stylesheets):
    """An edition whose register names a person with markup, built (Pagefind included) and served on localhost."""
    folder = tmp_path_factory.mktemp("hostile")
    write(folder / "tei" / "registers.xml", REGISTER)
    write(folder / "tei" / "letter.xml", tei(
        '<p>The proofs went to <persName ref="registers.xml#pers-evil">the printer</persName>.</p>',
        header=HEADER, xml_id="letter"))
    write(folder / "tei" / "other.xml", tei(
        '<p>Other proofs went to <persName ref="registers.xml#pers-plain">the binder</persName>.</p>',
        header=HEADER.replace(_escape(TITLE), "Other"), xml_id="other"))
    out = folder / "out"
    report = build([folder / "tei"], out, "html", Settings(title="Hostile", build_date="2000-01-01"), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    handler = functools.partial(_QuietHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_register_name_with_markup_is_literal_text_in_the_search_filters(browser, hostile_server):
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_server + "search.html")
    page.fill(".pagefind-ui__search-input", "proofs")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    panel = page.locator(".pagefind-ui__filter-panel")
    panel.locator("details").evaluate_all("blocks => blocks.forEach(block => { block.open = true; })")
    labels = {
        group: panel.locator("fieldset.pagefind-ui__filter-group", has_text=group)
        .locator(".pagefind-ui__filter-label").all_text_contents()
        for group in ("Persons", "Text")
    }
    assert {group: sorted(texts) for group, texts in labels.items()} == {
        "Persons": sorted([f"{EVIL} (1)", "Plain Person (1)"]), "Text": sorted([f"{TITLE} (1)", "Other (1)"])}
    # No element came from a name or a title: the labels hold text only.
    assert panel.locator(".pagefind-ui__filter-label *").count() == 0
    assert page.locator("#search img, #search b, #search i, #search u").count() == 0
    # The result's title is the text too, and the name's filter finds the text that mentions it.
    panel.locator(".pagefind-ui__filter-value", has_text="Evil").locator("input").check()
    expect(page.locator("li.pagefind-ui__result")).to_have_count(1)
    assert page.locator("li.pagefind-ui__result .pagefind-ui__result-link").first.text_content() == TITLE
    assert dialogs == []
    context.close()
