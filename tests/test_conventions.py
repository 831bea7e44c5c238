"""Rendering conventions per edition (``[render] conventions``): an EpiDoc inscription reads in
the Leiden conventions by default, on its page, on How to read and in its PDF; ``"default"``
keeps teipress's own signs; ``"diplomatic"`` opens the page in its diplomatic view and prints
the source's side.

Expected texts are written as an epigraphist writes the inscription (Leiden, as the EpiDoc
Guidelines give it: [ ] lost, ⟨ ⟩ omitted, ( ) expansion, [- - -] a lacuna of unknown extent,
a dot per lost letter, a dot below an unclear letter, ⟦ ⟧ erased, { } superfluous)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from lxml import etree, html

from teipress.config import Settings, load_settings
from teipress.conventions import is_epidoc
from teipress.document import load
from teipress.errors import UsageError
from teipress.pipeline import build

from .conftest import write
from .corpus.word_bounds import text_bounds

HEADER = """<teiHeader><fileDesc><titleStmt><title>Funerary inscription of Lucius Valerius</title></titleStmt>
<publicationStmt><p>Test edition.</p></publicationStmt><sourceDesc><p>A limestone stele.</p></sourceDesc></fileDesc></teiHeader>"""

# Six lines of an inscription, each sign of the Leiden conventions at least once.
LINES = """
<lb n="1"/><gap reason="lost" extent="unknown" unit="character"/> <expan><abbr>L</abbr><ex>ucius</ex></expan> Valeri<supplied reason="lost">us</supplied>
<lb n="2"/><gap reason="lost" quantity="3" unit="character"/>ae <unclear>ab</unclear> <del rend="erasure">Getae</del>
<lb n="3"/>fili<supplied reason="omitted">o</supplied> <abbr>pos</abbr> <surplus>s</surplus>
<lb n="4"/><gap reason="illegible" quantity="2" unit="character"/> vixit <supplied reason="lost" cert="low">annis</supplied>
<lb n="5"/>XX h<expan><abbr>s</abbr><ex>itus</ex></expan> <expan><abbr>e</abbr><ex>st</ex></expan>
<lb n="6"/>val<supplied reason="undefined" evidence="previouseditor">e</supplied>
"""

UNDERDOT, UNDERLINE = "\u0323", "\u0332"
# The reading text as an epigraphist writes it: line numbers at the first and the fifth line.
LEIDEN = ("1 [- - -] L(ucius) Valeri[us] [. . .]ae a\u0323b\u0323 ⟦Getae⟧ fili⟨o⟩ pos(- - -) {s} "
          ". . vixit [annis?] 5 XX hs(itus) e(st) vale\u0332")

# The same lines in teipress's own signs: supplied text in ⟨ ⟩ with its apparatus letter, […] for a gap.
DEFAULT = "[…] Lucius Valeri⟨us⟩a […]ae ab Getae fili⟨o⟩b pos s […] vixit ⟨annis⟩c XX hsitus est val⟨e⟩d"


def inscription(body_div: str = '<div type="edition" xml:lang="la"><ab>' + LINES + "</ab></div>",
                model: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + model +
            f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="insc">{HEADER}<text><body>{body_div}</body></text></TEI>\n')


def built(tmp_path: Path, stylesheets, conventions: str = "", source: str | None = None, formats: str = "html") -> Path:
    """Build the inscription (or ``source``) with the setting ``conventions`` ("" = not given); give the output folder."""
    path = write(tmp_path / "tei" / "insc.xml", source or inscription())
    out = tmp_path / "out"
    report = build([path.parent], out, formats, Settings(title="Inscriptions", build_date="2026-12-01",
                                                          conventions=conventions), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return out


def block_text(out: Path, hide: str = "") -> str:
    """The text content of the inscription's block on its page (the § permalink left out), white
    space normalised; elements matching the XPath ``hide`` are taken out first."""
    page = html.parse(str(out / "insc.html")).getroot()
    block = page.get_element_by_id("p-1")
    for element in block.xpath(".//a[contains(concat(' ', @class, ' '), ' para-num ')]" + (f" | {hide}" if hide else "")):
        element.drop_tree()
    return " ".join(block.text_content().split())


def test_an_epidoc_inscription_reads_in_the_leiden_conventions_by_default(tmp_path, stylesheets):
    assert block_text(built(tmp_path, stylesheets)) == LEIDEN


def test_the_leiden_page_shows_each_word_once(tmp_path, stylesheets):
    """The words of the TEI, once each: the signs (brackets, gap marks, line numbers, the dot
    below) are the interface's, taken out as a reader's count of the words takes them out."""
    out = built(tmp_path, stylesheets)
    signs = ("//*[contains(concat(' ', @class, ' '), ' bracket ') or contains(concat(' ', @class, ' '), ' tei-gap ')"
             " or contains(concat(' ', @class, ' '), ' line-num ')]")
    shown = block_text(out, signs).replace(UNDERDOT, "").replace(UNDERLINE, "")
    root = etree.fromstring(inscription().encode("utf-8"))
    assert text_bounds(root).check(shown) == ({}, {})


GAPS = """<lb n="1"/>a<gap reason="lost" quantity="5" unit="character" precision="low"/>b
<lb n="2"/><gap reason="lost" extent="unknown" unit="line"/>
<lb n="3"/><gap reason="lost" quantity="2" unit="line"/>
<lb n="4"/>c<gap reason="illegible" extent="unknown" unit="character"/>d
<lb n="5"/><gap reason="omitted"/>e"""


def test_a_gap_shows_its_reason_extent_quantity_and_unit(tmp_path, stylesheets):
    """c. n for an approximate count, dashes for lines (bracketed when their number is known),
    no brackets for illegible letters; an editor's omission keeps teipress's mark."""
    source = inscription('<div type="edition"><ab>' + GAPS + "</ab></div>")
    assert block_text(built(tmp_path, stylesheets, source=source)) == (
        "1 a[c. 5]b - - - - - - [- - - - - -] [- - - - - -] c- - -d 5 […]e")


def test_the_diplomatic_view_of_a_leiden_page_shows_the_stone_as_it_is(tmp_path, stylesheets):
    """What the reading view alone shows (class alt without in-diplomatic) is hidden by CSS in
    the diplomatic view: the expansions and the restorations."""
    out = built(tmp_path, stylesheets)
    hidden = ("//*[contains(concat(' ', @class, ' '), ' alt ')"
              " and not(contains(concat(' ', @class, ' '), ' in-diplomatic '))]")
    assert block_text(out, hidden) == ("1 [- - -] L Valeri [. . .]ae a\u0323b\u0323 ⟦Getae⟧ fili pos {s} "
                                       ". . vixit 5 XX hs e val")


def test_an_xml_model_naming_the_epidoc_schema_makes_a_text_epidoc(tmp_path):
    model = '<?xml-model href="https://epidoc.stoa.org/schema/9.6/tei-epidoc.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    plain = "<div><ab>" + LINES + "</ab></div>"
    assert is_epidoc(load(write(tmp_path / "a.xml", inscription(plain, model))))
    assert is_epidoc(load(write(tmp_path / "b.xml", inscription())))
    assert not is_epidoc(load(write(tmp_path / "c.xml", inscription(plain))))


def test_default_conventions_give_teipress_own_signs_and_the_same_bytes(tmp_path, stylesheets):
    """"default" on an EpiDoc text gives teipress's signs; on any other text the page is the
    byte-for-byte page built without the setting (what teipress did before it)."""
    assert block_text(built(tmp_path / "epidoc", stylesheets, "default")) == DEFAULT
    plain = inscription("<div><ab>" + LINES + "</ab></div>")
    without = built(tmp_path / "unset", stylesheets, "", plain) / "insc.html"
    default = built(tmp_path / "default", stylesheets, "default", plain) / "insc.html"
    leiden = built(tmp_path / "leiden", stylesheets, "leiden", plain) / "insc.html"
    assert default.read_bytes() == without.read_bytes()
    assert leiden.read_bytes() != without.read_bytes()


def test_diplomatic_conventions_open_the_diplomatic_view(tmp_path, stylesheets):
    page = html.parse(str(built(tmp_path, stylesheets, "diplomatic") / "insc.html")).getroot()
    assert page.xpath("//article/@data-view") == ["diplomatic"]
    pressed = page.xpath("//button[contains(@class, 'view-button')][@aria-pressed='true']/@data-view")
    assert pressed == ["diplomatic"]


def test_how_to_read_lists_the_leiden_signs_with_their_meanings(tmp_path, stylesheets):
    page = html.parse(str(built(tmp_path, stylesheets) / "help.html")).getroot()
    signs = {dt.text_content(): dd.text_content() for dt, dd in
             zip(page.xpath("//dl[@class='help-signs']//dt"), page.xpath("//dl[@class='help-signs']//dd"))}
    assert signs["[abc]"] == "letters lost on the support and restored by the editors"
    assert signs["⟨abc⟩"] == "letters the scribe left out, added by the editors"
    assert signs["[abc?]"] == "a restoration the editors are not sure of"
    assert signs["a(bc)"] == "an abbreviation, its expansion in parentheses"
    assert signs["abc(- - -)"] == "an abbreviation the editors do not expand"
    assert signs["[- - -]"] == "a lacuna of unknown extent"
    assert signs["[. . .]"] == "a lacuna of as many letters as there are dots"
    assert signs[". . ."].startswith("traces of as many letters")
    assert signs["a\u0323b\u0323c\u0323"].startswith("letters damaged or read with doubt")
    assert signs["⟦abc⟧"] == "letters erased in antiquity"
    assert signs["a\u0332b\u0332c\u0332"].startswith("letters restored from another copy")
    assert signs["{abc}"] == "letters written in error, to be left out"


def test_how_to_read_lists_no_signs_when_every_text_keeps_the_default(tmp_path, stylesheets):
    out = built(tmp_path, stylesheets, "default")
    page = html.parse(str(out / "help.html")).getroot()
    assert page.xpath("//*[@id='h-signs']") == []


@pytest.mark.parametrize("value", ['"epidoc"', "1"])
def test_a_bad_conventions_value_is_refused_naming_the_file_and_key(tmp_path, value):
    write(tmp_path / "teipress.toml", f"[render]\nconventions = {value}\n")
    with pytest.raises(UsageError) as caught:
        load_settings(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'teipress.toml'}: [render] conventions must be")


def test_the_setting_is_read_from_the_render_table(tmp_path):
    write(tmp_path / "teipress.toml", '[render]\nconventions = "diplomatic"\n')
    assert load_settings(tmp_path).conventions == "diplomatic"
    assert load_settings(tmp_path / "nowhere").conventions == ""


PDFTOTEXT = shutil.which("pdftotext")


def pdf_text(out: Path) -> str:
    text = subprocess.run([PDFTOTEXT, str(out / "insc.pdf"), "-"], capture_output=True, check=True, text=True).stdout
    return unicodedata.normalize("NFD", " ".join(text.split()))


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_shows_the_leiden_signs(tmp_path, stylesheets):
    text = pdf_text(built(tmp_path, stylesheets, formats="pdf"))
    for line in ("[- - -] L(ucius) Valeri[us]", "[. . .]ae a\u0323b\u0323 ⟦Getae⟧", "fili⟨o⟩ pos(- - -) {s}",
                 ". . vixit [annis?]", "XX hs(itus) e(st)"):
        assert line in text


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_diplomatic_pdf_prints_the_source_side(tmp_path, stylesheets):
    text = pdf_text(built(tmp_path, stylesheets, "diplomatic", formats="pdf"))
    assert "[- - -] L Valeri [. . .]ae" in text
    assert "fili pos s" in text and "vixit XX hs e val" in text
    assert "(ucius)" not in text and "annis" not in text and "⟨o⟩" not in text


def test_a_changed_setting_rebuilds_the_pages_the_cache_kept(tmp_path, stylesheets):
    """The setting is part of the build's fingerprint: the same output folder built again with
    another convention gets the new signs, not the cached page."""
    out = built(tmp_path, stylesheets, "default")
    assert "[- - -]" not in block_text(out)
    assert block_text(built(tmp_path, stylesheets)) == LEIDEN
