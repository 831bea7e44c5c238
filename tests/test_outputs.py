"""Outputs are a registry (issue 12): a build makes the outputs asked for and those they
link; pages link only files the build makes; an output registered outside teipress (by
code or by an entry point) writes its files for every text, in the pool too."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html as lxml_html
from lxml import html

from teipress import outputs
from teipress.config import Settings
from teipress.errors import UsageError
from teipress.outputs import Output, TextJob, register, select
from teipress.pipeline import build
from teipress.writers import atomic_write

from .conftest import FIXTURES

SETTINGS = Settings(title="E", build_date="2000-01-01")


class WordsOutput(Output):
    """A plain-text file of every text's words: an output teipress does not have."""

    name = "words"
    summary = "each text's words, one file per text"

    def text_links(self, text_id: str, copy: str) -> dict[str, str]:
        return {"words": f"words/{text_id}.txt"}

    def build_text(self, job: TextJob) -> list[Path]:
        body = job.document.root.find("{http://www.tei-c.org/ns/1.0}text")
        words = " ".join("".join(body.itertext()).split())
        return [atomic_write(job.staging / "words" / f"{job.text_id}.txt", words + "\n")]


@pytest.fixture
def registry():
    """The registry as teipress makes it, restored after the test."""
    saved, loaded = dict(outputs._REGISTRY), outputs._LOADED
    yield outputs
    outputs._REGISTRY.clear()
    outputs._REGISTRY.update(saved)
    outputs._LOADED = loaded


def _links(page: Path) -> list[str]:
    tree = html.parse(str(page))
    return [value for attribute in ("href", "src") for value in tree.getroot().xpath(f"//@{attribute}")]


def _dead_links(out: Path) -> list[str]:
    """Give every relative link of every page of ``out`` that leads to no file."""
    dead = []
    for page in sorted(out.rglob("*.html")):
        if "pagefind" in page.relative_to(out).parts:
            continue
        for link in _links(page):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, or a place in this page
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.exists():
                dead.append(f"{page.relative_to(out)}: {link}")
    return dead


def test_select_adds_what_an_output_links_and_refuses_unknown_names():
    assert [o.name for o in select("html")] == ["html", "tei", "iiif", "data", "search"]
    assert [o.name for o in select("pdf,epub")] == ["pdf", "epub"]
    assert [o.name for o in select(["epub", "pdf"])] == ["pdf", "epub"]
    assert [o.name for o in select("all")] == ["html", "tei", "iiif", "data", "search", "dts", "harvest", "cmif", "pdf", "epub"]
    with pytest.raises(UsageError, match="unknown format 'docx': use one or more of html, tei, iiif, data, search, dts, harvest, cmif, pdf, epub"):
        select("html,docx")


@pytest.mark.parametrize("formats", ["html", "html,pdf"])
def test_no_page_links_a_file_the_build_did_not_make(tmp_path, stylesheets, formats):
    out = tmp_path / "out"
    report = build([FIXTURES / "mini"], out, formats, SETTINGS, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    assert _dead_links(out) == []
    index = (out / "index.html").read_text(encoding="utf-8")
    assert ('class="format-pdf"' in index) == ("pdf" in formats)
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert pdfs == ([] if formats == "html" else ["edition.pdf", "text-one.pdf", "text-two.pdf"])
    # The home page offers the volume only when it was made.
    books = lxml_html.parse(str(out / "index.html")).getroot().xpath('//ul[@class="book-list"]//a/@href')
    assert books == ([] if formats == "html" else ["edition.pdf"])


def test_no_page_of_the_whole_seed_edition_links_a_missing_file(seed_edition):
    assert _dead_links(seed_edition) == []


def test_the_home_page_offers_the_whole_edition_as_pdf_volume_and_epub(seed_edition):
    index = lxml_html.parse(str(seed_edition / "index.html")).getroot()
    books = [(a.get("href"), a.get("type"), " ".join(a.text_content().split())) for a in index.xpath('//ul[@class="book-list"]//a')]
    assert books == [("edition.pdf", "application/pdf", "PDF volume (with line numbers, apparatus and index)"),
                     ("edition.epub", "application/epub+zip", "EPUB (for e-readers)")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_output_registered_outside_teipress_writes_a_file_for_every_text(tmp_path, stylesheets, registry, jobs,
                                                                           monkeypatch):
    from teipress import execute

    register(WordsOutput())
    monkeypatch.setattr(execute, "_POOL_THRESHOLD_HTML", 1)  # two texts: a pool of two workers when jobs=2
    sources = tmp_path / "tei"
    shutil.copytree(FIXTURES / "mini", sources)
    out = tmp_path / "out"
    report = build([sources], out, "html,words", SETTINGS, stylesheets, jobs=jobs)
    assert not report.failed, [str(d) for d in report.diagnostics]
    assert "Reply from Lisbon" in (out / "words" / "text-two.txt").read_text(encoding="utf-8")
    assert (out / "words" / "text-one.txt").is_file()
    # Its files are units of the cache like any other: an unchanged rebuild keeps them.
    again = build([sources], out, "html,words", SETTINGS, stylesheets, jobs=jobs)
    assert (again.built, again.skipped) == (0, 2)


def test_an_output_registered_by_an_entry_point_is_found(tmp_path, registry, monkeypatch):
    # A distribution on sys.path that declares an output in the group teipress.outputs.
    site = tmp_path / "site"
    (site / "teipress_words").mkdir(parents=True)
    (site / "teipress_words" / "__init__.py").write_text(
        "from teipress.outputs import Output\n\n"
        "class Words(Output):\n    name = 'words'\n    summary = 'words'\n", encoding="utf-8")
    info = site / "teipress_words-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: teipress-words\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[teipress.outputs]\nwords = teipress_words:Words\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    outputs._REGISTRY.clear()
    outputs._LOADED = False
    assert [o.name for o in select("all")][-1] == "words"
    assert type(outputs.registered()["words"]).__module__ == "teipress_words"


def test_a_worker_compiles_only_the_stylesheets_of_the_builds_outputs():
    from teipress.errors import StylesheetError
    from teipress.outputs import entry_stylesheets
    from teipress.transform import Stylesheets

    assert entry_stylesheets(select("html")) == ("html/html.xsl", "html/pages.xsl", "html/entities.xsl", "html/sitemap.xsl",
                                                  "data/data.xsl")
    assert entry_stylesheets(select("pdf")) == ("print/print.xsl",)

    class Undeclared(Output):
        name = "undeclared"

    assert entry_stylesheets([*select("pdf"), Undeclared()]) is None  # one output does not say: every one
    stylesheets = Stylesheets(entries=entry_stylesheets(select("pdf")))
    stylesheets.lock()
    assert stylesheets.compiled() == ("print/print.xsl",)
    with pytest.raises(StylesheetError, match=r"only the entry stylesheets \(print/print.xsl\) are compiled"):
        stylesheets.executable("epub/epub.xsl")
