"""Every page passes the Nu Html Checker (the W3C validator) with no error: the seed edition's
pages and those of the real TEI corpus (../shared/corpus).

The checker is vnu.jar from the npm package vnu-jar (tests/browser/package.json; `make test`
installs it) run with Java. Outside CI a machine without either skips these tests; in CI (CI=true)
a missing one fails them, as the browser tests do."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest


from .conftest import CORPUS
from .conftest import CORPUS_FOLDERS as FOLDERS

VNU = Path(__file__).resolve().parent / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="module")
def java() -> str:
    """The java command, once vnu.jar is known to be there too."""
    found = shutil.which("java")
    for what, missing in (("java", found is None), (str(VNU), not VNU.is_file())):
        if missing:
            if IN_CI:
                pytest.fail(f"{what} is missing; CI must check the pages (make test installs vnu-jar, .ci/run a JRE)")
            pytest.skip(f"{what} is missing (run `make test` or `cd tests/browser && npm install`)")
    return found


def vnu_errors(java: str, pages: list[Path]) -> list[str]:
    """Give the checker's errors on ``pages``, each as "file:line: message"."""
    assert pages, "no page to check"
    # One JVM for every page: starting Java is most of the cost. The report is JSON on stderr.
    run = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr)["messages"]
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if m["type"] in ("error", "non-document-error")]
    # A checker that failed without a report must not pass as "no error".
    assert errors or run.returncode == 0, run.stderr[-2000:]
    return errors


def test_every_seed_page_is_valid_html(java, seed_edition):
    pages = sorted(seed_edition.glob("*.html"))
    assert vnu_errors(java, pages) == []


@pytest.mark.skipif(not FOLDERS, reason=f"{CORPUS} is not here (it comes with ../shared)")
@pytest.mark.xdist_group("corpus")  # the corpus builds are shared with tests/corpus
def test_corpus_pages_are_valid_html(java, corpus_sites):
    """Each corpus folder built as an edition of its own, as tests/corpus does: all its pages are valid."""
    pages = [page for out, _ in corpus_sites.values() for page in sorted(out.glob("*.html"))]
    assert vnu_errors(java, pages) == []


def test_the_checker_reports_an_invalid_page(java, tmp_path):
    """The check can fail: a p inside a span, the fault this test guards against, is an error."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
                    '<body><span><p>x</p></span></body></html>', encoding="utf-8")
    errors = vnu_errors(java, [page])
    assert len(errors) == 1 and errors[0].startswith("bad.html:1: Element “p” not allowed as child of element “span”")
