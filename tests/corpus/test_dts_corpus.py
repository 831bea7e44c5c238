"""The DTS API of the real TEI of other projects (../shared/corpus): every response of every
text is valid against the DTS validator's schemas, and every text is a resource of its edition."""

from __future__ import annotations

import json

import pytest

from teipress.config import Settings
from teipress.corpus import read_corpus
from teipress.pipeline import build

from ..dts_schemas import invalid_responses
from .test_real_tei import FOLDERS

pytestmark = pytest.mark.skipif(not FOLDERS, reason="../shared/corpus is not here (it comes with ../shared)")


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_every_response_of_every_corpus_text_is_valid(folder, tmp_path, stylesheets):
    report = build([folder], tmp_path, "dts", Settings(title=folder.name, build_date="2000-01-01"), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    api = tmp_path / "api" / "dts"
    count, errors = invalid_responses(api)
    assert errors == []
    texts = read_corpus([folder]).texts
    assert count >= 6 + 4 * len(texts)  # entry, collections; each text's resource, parents and whole tree
    collection = json.loads((api / "collection.json").read_text(encoding="utf-8"))
    assert collection["totalChildren"] == len(texts) == len(collection["member"])
    for member in collection["member"]:
        navigation = json.loads((api / "navigation" / f"{member['@id']};down=-1.json").read_text(encoding="utf-8"))
        # Each unit listed has its document: its TEI in a dts:wrapper.
        for unit in navigation["member"]:
            assert (api / "document" / member["@id"] / f"{unit['identifier']}.xml").is_file(), unit
        assert (api / "document" / f"{member['@id']}.xml").is_file()
