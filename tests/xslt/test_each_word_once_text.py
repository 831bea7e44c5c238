"""Each word once, none lost, in the plain-text export (fast; the browser test reads the
web page): alternatives without a choice (<w><orig/><reg/></w> …) show one side per view."""

from __future__ import annotations

import pytest
from lxml import etree

from teipress.corpus import read_corpus
from teipress.export import export_text

from ..conftest import SHARED
from ..corpus.word_bounds import describe, generated_cases, tei_document, text_bounds

CASES = generated_cases()
CORPUS = SHARED / "corpus"


@pytest.mark.parametrize("name, body, reading, diplomatic", CASES, ids=[c[0] for c in CASES])
def test_a_pair_without_choice_shows_one_side_in_each_view(tmp_path, stylesheets, name, body, reading, diplomatic):
    path = tmp_path / f"{name}.xml"
    path.write_text(tei_document(body, "g-" + name), encoding="utf-8")
    bounds = text_bounds(etree.parse(str(path)).getroot())
    assert bounds.alternatives >= 1
    for view, expected in (("reading", reading), ("diplomatic", diplomatic)):
        shown = " ".join(export_text(path, view, stylesheets).split())
        assert shown == expected, view
        assert bounds.check(shown) == ({}, {}), view


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is not here (it comes with ../shared)")
def test_no_corpus_text_exports_a_word_twice_or_loses_one(stylesheets):
    """Every text of the corpus, both views: each character within the bounds of its alternatives."""
    folders = sorted(p for p in CORPUS.iterdir() if p.is_dir())
    failures, documents = {}, 0
    for folder in folders:
        for text in read_corpus([folder]).texts:
            bounds = text_bounds(text.root)
            documents += 1
            for view in ("reading", "diplomatic"):
                doubled, lost = bounds.check(export_text(text.path, view, stylesheets))
                if doubled or lost:
                    failures[f"{text.path.name} {view}"] = describe(doubled, lost)
    assert failures == {}
    assert documents >= 25
