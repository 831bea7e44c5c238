"""Plates in the PDFs: ``[pdf] facsimile = "plates"`` puts a page per page image of a text's
facsimile after the text, in its own PDF and in the volume, the image on the page with its caption;
"none" (the default) puts none. The edition is teipress's facsimile example (two drawn pages)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from teipress.config import Settings, load_settings
from teipress.errors import UsageError
from teipress.facsimile_example import EXAMPLE_ID, write_example
from teipress.pipeline import build

PAGES = 2  # the example's page images
CAPTION = "A letter with its facsimile: facsimile, page {}"

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is missing")


def _pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def _images_on(pdf: Path, page: int) -> int:
    listing = subprocess.run(["pdfimages", "-list", "-f", str(page), "-l", str(page), str(pdf)],
                             capture_output=True, text=True, check=True).stdout
    return len(listing.splitlines()) - 2  # two header lines


@pytest.fixture(scope="module")
def builds(tmp_path_factory, stylesheets) -> dict[str, Path]:
    """The facsimile example's PDFs built without plates and with them: facsimile setting -> output folder."""
    folder = tmp_path_factory.mktemp("plates")
    write_example(folder / "tei")
    outs = {}
    for choice in ("none", "plates"):
        settings = Settings(title="Plates", build_date="2026-12-02", folder=folder, pdf_facsimile=choice)
        out = folder / f"out-{choice}"
        report = build([folder / "tei"], out, "pdf", settings, stylesheets)
        assert not report.failed, [str(d) for d in report.diagnostics]
        outs[choice] = out
    return outs


@pytest.mark.parametrize("name", [f"{EXAMPLE_ID}.pdf", "edition.pdf"])
def test_plates_add_a_page_per_image_captioned_with_its_page(builds, name):
    without, with_plates = builds["none"] / name, builds["plates"] / name
    added = _pdf_pages(with_plates) - _pdf_pages(without)
    assert added == PAGES
    texts = {page: " ".join(_page_text(with_plates, page).split()) for page in range(1, _pdf_pages(with_plates) + 1)}
    plates = [[page for page, text in texts.items() if CAPTION.format(number) in text] for number in range(1, PAGES + 1)]
    # Each caption on one page of its own, in page order, that page showing one image: its plate.
    assert [len(found) for found in plates] == [1] * PAGES
    pages = [found[0] for found in plates]
    assert pages == list(range(pages[0], pages[0] + PAGES))
    assert all(_images_on(with_plates, page) == 1 for page in pages)


def test_without_plates_no_image_and_no_caption_is_in_the_pdf(builds):
    pdf = builds["none"] / f"{EXAMPLE_ID}.pdf"
    assert all(_images_on(pdf, page) == 0 for page in range(1, _pdf_pages(pdf) + 1))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "facsimile, page" not in text


def test_the_text_comes_before_its_plates(builds):
    pdf = builds["plates"] / f"{EXAMPLE_ID}.pdf"
    before = " ".join(_page_text(pdf, _pdf_pages(pdf) - PAGES).split())
    assert "facsimile, page" not in before
    assert any(word in before for word in ("the", "The"))


def test_the_setting_is_read_from_teipress_toml(tmp_path):
    (tmp_path / "teipress.toml").write_text('[pdf]\nfacsimile = "plates"\n', encoding="utf-8")
    assert load_settings(tmp_path).pdf_facsimile == "plates"
    (tmp_path / "teipress.toml").write_text("[pdf]\n", encoding="utf-8")
    assert load_settings(tmp_path).pdf_facsimile == "none"


def test_an_unknown_facsimile_choice_is_a_usage_error_naming_the_key(tmp_path):
    (tmp_path / "teipress.toml").write_text('[pdf]\nfacsimile = "pictures"\n', encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load_settings(tmp_path)
    assert "facsimile" in str(caught.value) and "plates" in str(caught.value)


def test_a_text_without_facsimile_gets_no_plates(tmp_path, stylesheets):
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "plain.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Plain</title></titleStmt>'
        '<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc></teiHeader>'
        '<text><body><p>Only words here.</p></body></text></TEI>', encoding="utf-8")
    settings = Settings(title="No plates", build_date="2026-12-02", folder=tmp_path, pdf_facsimile="plates")
    report = build([tmp_path / "tei"], tmp_path / "out", "pdf", settings, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    pdf = tmp_path / "out" / "plain.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Only words here." in text and "facsimile, page" not in text
    assert _pdf_pages(pdf) == 1
