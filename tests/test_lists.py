"""The lists of the edition (pages, register kinds, datasets, EPUB parts) are stated once, in
xslt/common/lists.xml: what Python builds from them is what the stylesheets render and link,
and no stylesheet or module names an entry anywhere but through that file."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

from teipress.errors import TransformError
from teipress.lists import (datasets, epub_content_files, extra_pages, home_page, lists_root, optional_pages,
                            register_pages)
from teipress.resources import xslt_dir
from teipress.writers.data import DATASETS
from teipress.writers.epub import CONTENT
from teipress.writers.html import EXTRA_PAGES

from .conftest import SEED_URL

ROOT = Path(__file__).resolve().parent.parent
TP = {"tp": "https://teipress.org/ns"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
TEXTS = ("agn-arrival", "sedova-assassins")


def _names(xpath: str) -> list[str]:
    return [str(value) for value in lists_root().xpath(xpath, namespaces=TP)]


def _strings() -> dict[str, str]:
    strings = etree.parse(str(xslt_dir() / "common" / "l10n.xml"))
    return {s.get("key"): s.text for s in strings.xpath("//tp:lang[@xml:lang = 'en']/tp:s", namespaces=TP)}


# A stylesheet may name a page, dataset or EPUB file in the match pattern of the rule that renders it
# or as the argument of a look-up of common/lists.xsl, which fails on a name lists.xml lacks.
_LOOKUPS = re.compile(r"match=\"[^\"]*$|tp:(page|page-href|dataset|data-link|epub-part-file|epub-resource)\('[^']*$")
# Quoted words that are not the lists' names: common/core.xsl's 'index' is the TEI element <index>.
_NOT_A_NAME = {("common/core.xsl", "'index'")}


def test_no_stylesheet_names_a_page_dataset_or_epub_file_but_through_the_lists():
    names = _names("//tp:page/@name | //tp:dataset/@file | //tp:dataset/@id | //tp:epub/*/@file")
    found = []
    for path in sorted(xslt_dir().rglob("*.xsl")):
        text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group().count("\n"), path.read_text(encoding="utf-8"), flags=re.S)
        relative = path.relative_to(xslt_dir()).as_posix()
        for name in names:
            for hit in re.finditer(rf"['/]{re.escape(name)}(\.html)?'|(?<![\w.-]){re.escape(name)}\.html", text):
                line_start = text.rfind("\n", 0, hit.start()) + 1
                if (relative, hit.group()) in _NOT_A_NAME or _LOOKUPS.search(text[line_start:hit.start() + 1]):
                    continue
                found.append(f"{relative}:{text.count(chr(10), 0, hit.start()) + 1}: {hit.group()}")
    assert found == []


def test_no_python_module_names_a_data_file_a_page_file_or_an_epub_file():
    files = _names("//tp:dataset/@file | //tp:epub/*/@file") + [f"{page}.html" for page in _names("//tp:page/@name")]
    found = [f"{path.relative_to(ROOT)}: {name}" for path in sorted((ROOT / "src").rglob("*.py"))
             for name in files if re.search(rf"[\"'/]{re.escape(name)}[\"']", path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_python_lists_are_read_from_the_file():
    assert register_pages() == {"persons": "person", "places": "place", "organisations": "org", "objects": "object",
                                "events": "event"}
    assert EXTRA_PAGES == extra_pages()
    assert list(EXTRA_PAGES) == [p for p in _names("//tp:page/@name")
                                 if p not in (home_page(), *register_pages(), *optional_pages())]
    assert optional_pages() == tuple(_names("//tp:page[@optional = 'yes']/@name"))
    assert DATASETS == datasets() and list(DATASETS) == _names("//tp:dataset/@file")


def test_the_sitemap_lists_the_pages_python_builds_in_the_order_of_the_lists(seed_edition, seed_site_with_url):
    locs = etree.parse(str(seed_site_with_url / "sitemap.xml")).xpath("//s:loc/text()", namespaces=SITEMAP)
    locs = [loc.removeprefix(SEED_URL) for loc in locs]
    # The edition's pages (an entry's or a period's own page, in a folder, follows its register's).
    pages = [loc[:-len(".html")] for loc in locs if loc[:-len(".html")] not in TEXTS and "/" not in loc]
    registers = [page for page in register_pages() if (seed_edition / f"{page}.html").is_file()]
    assert registers == list(register_pages())  # the seed registers have entries of every kind
    assert pages == [home_page(), *registers, *EXTRA_PAGES]
    assert locs[1:3] == [f"{text}.html" for text in TEXTS]  # the texts follow the home page


def test_every_page_of_the_lists_is_rendered_with_its_title_and_in_the_navigation(seed_edition):
    strings = _strings()
    home = html.parse(str(seed_edition / f"{home_page()}.html")).getroot()
    nav = home.xpath('//nav[contains(@class, "site-nav")]//a/@href')
    assert nav == [f"{page}.html" for page in _names("//tp:page[@nav = 'yes']/@name") if (seed_edition / f"{page}.html").is_file()]
    for page in [*register_pages(), *EXTRA_PAGES]:
        document = html.parse(str(seed_edition / f"{page}.html")).getroot()
        assert strings[f"page-{page}"] in document.findtext(".//title"), page
    footer = home.xpath('//nav[contains(@class, "footer-nav")]//a/@href')
    assert footer == [f"{page}.html" for page in _names("//tp:page[@group = 'paratext']/@name")]


def test_the_data_readme_describes_every_data_file_but_itself(seed_edition):
    readme = (seed_edition / "data" / "README.txt").read_text(encoding="utf-8")
    described = [line.split()[0] for line in readme.splitlines() if line.startswith("  ") and not line.startswith("  tei/")]
    assert described[:len(DATASETS) - 1] == [name for name in DATASETS if name != "README.txt"]
    for name in DATASETS:
        assert (seed_edition / "data" / name).is_file()


def test_the_epub_packs_the_content_files_of_the_lists_in_order(seed_edition):
    with zipfile.ZipFile(seed_edition / "edition.epub") as book:
        members = book.namelist()
        container = etree.fromstring(book.read("META-INF/container.xml"))
        package = etree.fromstring(book.read(f"{CONTENT}/content.opf"))
    fixed = [f"{CONTENT}/{entry.file}" for entry in epub_content_files() if not entry.each]
    assert [m for m in members if m in fixed] == fixed
    assert members.index(fixed[-1]) < members.index(f"{CONTENT}/agn-arrival.xhtml") < members.index(f"{CONTENT}/persons.xhtml")
    assert container.xpath("//*[local-name() = 'rootfile']/@full-path") == [f"{CONTENT}/content.opf"]
    hrefs = package.xpath("//*[local-name() = 'item']/@href")
    assert {entry.file for entry in epub_content_files() if not entry.each and not entry.manifest} <= set(hrefs)


def test_a_page_the_lists_lack_is_refused(stylesheets):
    # Saxon keeps the words of the terminating xsl:message out of its exception: the test checks the refusal.
    edition = etree.fromstring('<tp:edition xmlns:tp="https://teipress.org/ns" title="T" build-date="2026-11-24"/>')
    with pytest.raises(TransformError, match=r"pages\.xsl: the transformation failed: .*xsl:message"):
        stylesheets.run("html/pages.xsl", stylesheets.node(edition), {"page": "nowhere"})
