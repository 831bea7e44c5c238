"""Hostile names and shapes made harmless in every output: markup in register names reaching
the search index, file names that are not URL-safe in links, the sitemap and the EPUB, and
texts nested as deep as the safe parser allows."""

from __future__ import annotations

import subprocess

from click.testing import CliRunner

from teipress.cli import main

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
