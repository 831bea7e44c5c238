"""The EPUB 3 edition: container layout, contents, texts with apparatus and endnotes, registers,
and epubcheck's verdict (0 errors, 0 warnings)."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teipress.cli import main
from teipress.config import Settings
from teipress.pipeline import build

from .conftest import SEED_SETTINGS_ARGS, TEI

NS = {"tei": "http://www.tei-c.org/ns/1.0", "x": "http://www.w3.org/1999/xhtml",
      "epub": "http://www.idpf.org/2007/ops", "opf": "http://www.idpf.org/2007/opf"}
SETTINGS = Settings(**SEED_SETTINGS_ARGS)
TEXTS = ("agn-arrival", "sedova-assassins")


def _epubcheck() -> list[str] | None:
    """Give the command that runs epubcheck, or None. Debian's /usr/bin/epubcheck is the jar
    itself (run through binfmt, often absent in containers), so a jar is run with java -jar."""
    found = shutil.which("epubcheck")
    if found is None:
        return None
    target = Path(found).resolve()
    if target.suffix == ".jar":
        java = shutil.which("java")
        return [java, "-jar", str(target)] if java else None
    return [found]


@pytest.fixture(scope="session")
def book(seed_edition) -> Path:
    """The seed edition's EPUB, built once for the session."""
    return seed_edition / "edition.epub"


def _doc(book: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(book) as archive:
        return etree.fromstring(archive.read(f"OEBPS/{name}"))


def test_mimetype_is_the_first_entry_and_stored(book):
    with zipfile.ZipFile(book) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
        assert b'full-path="OEBPS/content.opf"' in archive.read("META-INF/container.xml")
    assert book.read_bytes()[30:38] == b"mimetype"


def test_contents_list_title_page_every_text_and_register(book):
    nav = _doc(book, "nav.xhtml")
    hrefs = nav.xpath("//x:nav[@epub:type='toc']//x:a/@href", namespaces=NS)
    assert hrefs == ["title.xhtml", "principles.xhtml", *(f"{t}.xhtml" for t in TEXTS), "persons.xhtml", "places.xhtml",
                     "organisations.xhtml", "objects.xhtml", "events.xhtml"]
    spine = _doc(book, "content.opf").xpath("//opf:itemref/@idref", namespaces=NS)
    assert spine[:2] == ["doc-title", "nav"]


def test_title_page_names_the_editors_and_the_licence(book):
    title = etree.tostring(_doc(book, "title.xhtml"), method="text", encoding="unicode")
    assert "The teipress editors" in title and "CC BY 4.0" in title and "0.3" in title
    # Its link to the principles leads into the book; links to pages only on the web are plain text.
    assert _doc(book, "title.xhtml").xpath("//x:a/@href[. = 'principles.xhtml']", namespaces=NS)
    assert not _doc(book, "title.xhtml").xpath("//x:a/@href[contains(., '.html')]", namespaces=NS)


def test_the_principles_travel_with_the_book(book):
    doc = _doc(book, "principles.xhtml")
    sigla = doc.xpath("//x:table[contains(@class, 'sigla-table')]//x:tbody//x:th/text()", namespaces=NS)
    assert sigla == ["MIA"]
    assert doc.xpath("//x:section[@id='principles-sampling']", namespaces=NS)


@pytest.mark.parametrize("text_id", TEXTS)
def test_each_text_has_its_notes_as_endnotes_after_text_and_apparatus(book, text_id):
    doc = _doc(book, f"{text_id}.xhtml")
    sections = doc.xpath("//x:section[@id='reading-text' or @id='apparatus' or @id='notes']/@id", namespaces=NS)
    tei = etree.parse(str(TEI / f"{text_id}.xml"))
    has_app = bool(tei.xpath("//tei:text//tei:app | //tei:text//tei:choice | //tei:text//tei:supplied", namespaces=NS))
    assert sections == ["reading-text", *(["apparatus"] if has_app else []), "notes"]
    notes = tei.xpath("//tei:text//tei:note", namespaces=NS)
    endnotes = doc.xpath("//x:section[@epub:type='endnotes']//x:li[@epub:type='endnote']", namespaces=NS)
    calls = doc.xpath("//x:a[@epub:type='noteref']", namespaces=NS)
    assert len(endnotes) == len(calls) == len(notes)


def test_the_book_shows_the_reading_view_only(book):
    doc = _doc(book, "sedova-assassins.xhtml")
    assert doc.xpath("//x:span[contains(@class, 'in-reading')]", namespaces=NS)
    assert not doc.xpath("//x:span[contains(concat(' ', @class, ' '), ' alt ') and not(contains(@class, 'in-reading'))]", namespaces=NS)
    assert not doc.xpath("//x:button | //x:script", namespaces=NS)


def test_cli_builds_the_epub(tmp_path):
    result = CliRunner().invoke(main, ["build", str(TEI), "--out", str(tmp_path), "--format", "epub", "--build-date", "2026-11-24"])
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(tmp_path / "edition.epub")


def test_epubcheck_reports_no_error_and_no_warning(book):
    command = _epubcheck()
    if command is None:
        if os.environ.get("CI") == "true":
            pytest.fail("epubcheck is not installed (apt-get install epubcheck); CI must run it")
        pytest.skip("epubcheck is not installed")
    result = subprocess.run([*command, str(book)], capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in output, output


def test_texts_named_by_files_with_spaces_hash_and_percent_make_a_valid_book(tmp_path, stylesheets):
    from .conftest import tei, write

    command = _epubcheck()
    if command is None:
        if os.environ.get("CI") == "true":
            pytest.fail("epubcheck is not installed (apt-get install epubcheck); CI must run it")
        pytest.skip("epubcheck is not installed")
    write(tmp_path / "tei" / "registers.xml", tei("<p/>", xml_id="registers").replace(
        "<text><body>\n<p/>\n</body></text>",
        '<standOff><listPerson><person xml:id="pers-a"><persName>Ana</persName></person></listPerson></standOff>'))
    mention = '<p xml:id="p1">A letter to <persName ref="registers.xml#pers-a">Ana</persName>.</p>'
    for name in ("letter one.xml", "letter #2 50%.xml"):  # no xml:id: the text's id is its file's name
        write(tmp_path / "tei" / name, tei(mention).replace(' xml:id="t"', ""))
    write(tmp_path / "tei" / "carta.xml", tei(mention, xml_id="carta-ñandú"))
    report = build([tmp_path / "tei"], tmp_path / "out", "epub", SETTINGS, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    book = tmp_path / "out" / "edition.epub"
    result = subprocess.run([*command, str(book)], capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in output, output
    with zipfile.ZipFile(book) as archive:
        texts = sorted(n for n in archive.namelist() if n.startswith(("OEBPS/letter", "OEBPS/carta")))
    assert texts == ["OEBPS/carta-ñandú.xhtml", "OEBPS/letter_32__35_2_32_50_37_.xhtml", "OEBPS/letter_32_one.xhtml"]
    # The register links to each text's place in its file.
    links = _doc(book, "persons.xhtml").xpath("//x:a/@href", namespaces=NS)
    assert {"letter_32_one.xhtml#p1", "letter_32__35_2_32_50_37_.xhtml#p1", "carta-%C3%B1and%C3%BA.xhtml#p1"} <= set(links)
