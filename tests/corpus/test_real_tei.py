"""Real TEI from other projects (../shared/corpus): every document builds, and no character is lost."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import html

from teipress.corpus import read_corpus

from ..conftest import CORPUS
from ..conftest import CORPUS_FOLDERS as FOLDERS

pytestmark = [pytest.mark.skipif(not FOLDERS, reason=f"{CORPUS} is not here (it comes with ../shared)"),
              pytest.mark.xdist_group("corpus")]  # one worker builds the corpus for all its tests


@pytest.fixture(scope="module")
def built(corpus_sites) -> dict[Path, Path]:
    """Each corpus folder's output folder."""
    return {folder: out for folder, (out, _) in corpus_sites.items()}


def test_every_element_of_the_corpus_has_a_specific_rendering(corpus_sites):
    """No element of any corpus text falls to the generic fallback (build --report lists none)."""
    unhandled = {folder.name: dict(report.unhandled) for folder, (_, report) in corpus_sites.items() if report.unhandled}
    assert unhandled == {}


def _characters(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def _pages(out: Path) -> dict[str, Path]:
    """Give each text page of an output by the file name of its TEI source (its "TEI source" link):
    texts that share an xml:id get pages of their own, named after their files."""
    pages = {}
    for page in out.glob("*.html"):
        text_formats = '//article[contains(@class, "edition-text")]//a[@class="format-tei"]/@href'
        for href in html.parse(str(page)).getroot().xpath(text_formats):
            pages[href.rsplit("/", 1)[-1]] = page
    return pages


def test_every_corpus_text_gets_a_page(built):
    for folder, out in built.items():
        pages = _pages(out)
        for text in read_corpus([folder]).texts:
            assert text.name in pages, text.path
    # Two ELTeC files share the id ENG18872 (level 1 and level 2 of one novel): both have a page.
    eltec = next((out for folder, out in built.items() if folder.name == "eltec-eng"), None)
    if eltec is not None:
        assert _pages(eltec)["ENG18872_Lyall.level2.xml"] != _pages(eltec)["ENG18872_Lyall.xml"]


def test_no_character_of_any_corpus_text_is_lost(built):
    """The characters of each TEI <text> (header excluded) all reach its HTML page."""
    documents = characters = 0
    losses = {}
    for folder, out in built.items():
        pages = _pages(out)
        for text in read_corpus([folder]).texts:
            source = Counter()
            for body in text.root.iterfind("{http://www.tei-c.org/ns/1.0}text"):
                source += _characters("".join(body.itertext()))
            page = html.parse(str(pages[text.name])).getroot()
            shown = _characters(page.xpath("string(//main)"))
            lost = source - shown
            documents += 1
            characters += sum(source.values())
            if lost:
                losses[text.path.name] = dict(lost.most_common(5))
    assert losses == {}
    assert documents >= 25 and characters > 1_000_000
