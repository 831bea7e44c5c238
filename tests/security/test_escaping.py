"""Hostile names and shapes made harmless in every output: markup in register names reaching
the search index, file names that are not URL-safe in links, the sitemap and the EPUB, and
texts nested as deep as the safe parser allows."""

from __future__ import annotations

import re
import subprocess
from urllib.parse import unquote, urlsplit

from click.testing import CliRunner
from lxml import etree, html

from teipress.cli import main
from teipress.config import Settings
from teipress.pipeline import build

from ..conftest import tei, write

# Below the safe parser's bound of 256 levels (TEI, text, body and p come on top).
DEEP = 251


def test_text_nested_251_deep_builds_its_pdf_with_the_innermost_words(tmp_path):
    body = "<p>outer words " + "<hi>" * DEEP + "innermost words here" + "</hi>" * DEEP + " closing words</p>"
    write(tmp_path / "tei" / "deep.xml", tei(body, xml_id="deep"))
    result = CliRunner().invoke(main, ["build", str(tmp_path / "tei"), "--out", str(tmp_path / "out"),
                                       "--format", "pdf", "--build-date", "2000-01-01"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    words = subprocess.run(["pdftotext", str(tmp_path / "out" / "deep.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "outer words innermost words here closing words" in " ".join(words.split())


# Texts named by their files (no xml:id): a space, "#" and "%" in the name; and an xml:id with non-ASCII letters.
NAMED = {"letter one.xml": None, "letter #2 50%.xml": None, "carta.xml": "carta-ñandú"}


def _named_edition(folder):
    """Write texts named as in NAMED, each mentioning a person of a register; give the TEI folder."""
    write(folder / "tei" / "registers.xml", tei("<p/>", xml_id="registers").replace(
        "<text><body>\n<p/>\n</body></text>",
        '<standOff><listPerson><person xml:id="pers-a"><persName>Ana</persName></person></listPerson></standOff>'))
    for name, xml_id in NAMED.items():
        source = tei('<p>A letter to <persName ref="registers.xml#pers-a">Ana</persName>.</p>', xml_id=xml_id or "x")
        write(folder / "tei" / name, source if xml_id else source.replace(' xml:id="x"', ""))
    return folder / "tei"


def _build_site(folder, stylesheets):
    """Build the HTML edition of NAMED, published at a URL with a non-ASCII letter; give the output folder."""
    out = folder / "out"
    settings = Settings(title="Named", build_date="2000-01-01", url="https://example.org/éd/")
    report = build([_named_edition(folder)], out, "html", settings, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return out


def test_sitemap_locations_are_valid_absolute_urls(tmp_path, stylesheets):
    out = _build_site(tmp_path, stylesheets)
    tree = etree.parse(str(out / "sitemap.xml"))
    locs = tree.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    texts = {loc for loc in locs if "letter" in loc or "carta" in loc}
    assert texts == {"https://example.org/%C3%A9d/letter%20one.html",
                     "https://example.org/%C3%A9d/letter%20%232%2050%25.html",
                     "https://example.org/%C3%A9d/carta-%C3%B1and%C3%BA.html"}
    for loc in locs:
        assert URI.fullmatch(loc), loc
        assert urlsplit(loc).scheme == "https" and urlsplit(loc).fragment == ""


# What a URI may hold (RFC 3986): no space, no non-ASCII letter, "%" only as an escape.
URI = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-F]{2})+")


def test_every_link_to_a_text_named_by_its_file_is_encoded_and_finds_its_page(tmp_path, stylesheets):
    out = _build_site(tmp_path, stylesheets)
    checked = 0
    for page in out.rglob("*.html"):
        for element in html.parse(str(page)).iter("a", "link"):
            href = element.get("href")
            if not href or re.match(r"[a-z]+:", href) or href.startswith("#"):
                continue
            assert URI.fullmatch(href), (page.name, href)
            if urlsplit(href).path.endswith((".pdf", ".epub")):
                continue  # an HTML-only build: its pages link the PDFs all the same
            target = (page.parent / unquote(urlsplit(href).path)).resolve()
            assert target.is_file(), (page.name, href)
            checked += "letter" in href
    assert checked >= 6  # index, registers, data page, the texts' own format links
    # The text pages keep their names; their ids have no space (HTML ids cannot hold one).
    page = html.parse(str(out / "letter #2 50%.html"))
    assert all(" " not in (e.get("id") or "") for e in page.iter())
