"""teipress and jing agree on which files of the reference corpus are valid against tei_all.rng.

The MANIFEST's ``tei_all_valid`` column is jing's verdict. Two files make jing stop at a
DOCTYPE naming a DTD that is not there; teipress never loads DTDs, so for those the
column's count "with DOCTYPE removed" is the grammar's verdict compared."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from teipress.document import load
from teipress.validate import Validator

from ..conftest import SHARED

# A worktree's checkout is one folder deeper than the main one; the shared data is then at /work/shared.
CORPUS = SHARED / "corpus" if (SHARED / "corpus").is_dir() else Path("/work/shared/corpus")
TEI_ALL = CORPUS.parent / "schemas" / "tei_all.rng"

pytestmark = pytest.mark.skipif(not TEI_ALL.is_file(), reason="the shared corpus and schemas are not here")


def _jing_verdicts() -> dict[str, bool]:
    verdicts = {}
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            column = row["tei_all_valid"]
            removed = re.search(r"(\d+) errors? with DOCTYPE removed", column)
            verdicts[row["path"]] = (removed.group(1) == "0") if removed else column.startswith("yes")
    return verdicts


@pytest.fixture(scope="session")
def tei_all():
    """tei_all.rng compiled once per session (libxml2 takes 8-15 s over it)."""
    return Validator(TEI_ALL)


def test_teipress_and_jing_agree_on_every_corpus_file(tei_all):
    verdicts = _jing_verdicts()
    assert len(verdicts) == 30
    teipress = {name: tei_all.grammar_diagnostics(load(CORPUS / name)) == [] for name in verdicts}
    disagree = {name: (verdicts[name], teipress[name]) for name in verdicts if verdicts[name] != teipress[name]}
    assert disagree == {}
    assert sum(verdicts.values()) == 10  # both valid and invalid files are compared


def test_tei_all_errors_are_located_in_their_file(tei_all):
    path = CORPUS / "schnitzler-briefe" / "L03353.xml"
    diagnostics = tei_all.grammar_diagnostics(load(path))
    assert diagnostics and all(d.file == str(path) and d.line > 1 and d.severity == "error" for d in diagnostics)
