"""`teipress build` on bad input: one located message per file, the documented
exit status, the other texts still built (--keep-going) or nothing published
(--fail-fast); and `--report` of the elements rendered generically."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from teipress.cli import main

from ..conftest import SITEMAP_WARNING, tei, without_maker_warning, write


def _build(*args):
    return CliRunner().invoke(main, ["build", "--format", "html", "--build-date", "2000-01-01", *args])


@pytest.fixture
def bad(tmp_path):
    """A folder with one good text and one file of each kind of bad input."""
    folder = tmp_path / "tei"
    write(folder / "good.xml", tei('<p>fine <persName ref="people.xml#x">X</persName></p>', xml_id="good"))
    write(folder / "broken.xml", '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body><p>a</body></text></TEI>')
    write(folder / "page.xml", "<html><body/></html>")
    write(folder / "empty.xml", "")
    (folder / "binary.xml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    # Latin-1 bytes without an encoding declaration: the parser reads UTF-8 and meets an invalid byte.
    (folder / "latin1.xml").write_bytes(tei("<p>caf\u00e9</p>", xml_id="latin").encode("latin-1"))
    return folder


def test_every_bad_file_gets_one_located_message_and_the_good_text_builds(bad, tmp_path):
    out = tmp_path / "out"
    result = _build(str(bad), "--out", str(out))
    assert result.exit_code == 1
    latin_line = 6  # the body line of conftest.tei(): the é is its first non-ASCII byte
    latin_col = len("<p>caf") + 1  # the column of the é
    *messages, summary = without_maker_warning(result.stderr)
    assert messages == [
        f"{bad}/binary.xml:1:1: error: not a text file: it contains binary data (NUL bytes)",
        f"{bad}/broken.xml:2:24: error: not well-formed: Opening and ending tag mismatch: p line 2 and body",
        f"{bad}/empty.xml:1:1: error: the file is empty",
        f"{bad}/latin1.xml:{latin_line}:{latin_col}: error: not well-formed: Invalid bytes in character encoding "
        "(the file is not UTF-8; declare its encoding in the XML declaration)",
        f"{bad}/page.xml:1:1: error: not a TEI document: the root element is <html> in namespace '', "
        "expected <TEI> in http://www.tei-c.org/ns/1.0",
        f"{bad}/good.xml:6:9: warning: @ref points into 'people.xml', which is not part of the edition; "
        "these names and links are shown without a link",
        SITEMAP_WARNING,
    ]
    # The five files that are not TEI count as failed documents.
    files = len([p for p in out.rglob('*') if p.is_file()])
    assert re.fullmatch(rf"built 1, unchanged 0, failed 5 in \d+\.\d s: {files} file\(s\) in {re.escape(str(out))}",
                        summary), summary
    assert (out / "good.html").is_file()
    assert "fine" in (out / "good.html").read_text(encoding="utf-8")


def test_fail_fast_stops_at_the_first_error_and_publishes_nothing(bad, tmp_path):
    out = tmp_path / "out"
    write(out / "README.md", "kept")
    result = _build(str(bad), "--out", str(out), "--fail-fast")
    assert result.exit_code == 1
    assert without_maker_warning(result.stderr) == [
        f"{bad}/binary.xml:1:1: error: not a text file: it contains binary data (NUL bytes)",
        f"stopped at the first error (--fail-fast): {out} is unchanged",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["README.md"]
    # Beside the output, only the build's lock (in the cache folder) and the extracts the scan
    # stored of the good texts (whole files, reused by the next build): no staging folder, no manifest.
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [".teipress-cache"]
    assert sorted(p.name for p in (tmp_path / ".teipress-cache" / "out").iterdir()) == ["extracts", "lock"]


def test_declared_other_encodings_are_read(tmp_path):
    """A Latin-1 file that says so, and a UTF-16 file with its byte-order mark, build like UTF-8."""
    folder = tmp_path / "tei"
    latin = tei("<p>caf\u00e9 latin</p>", xml_id="latin").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    (folder).mkdir()
    (folder / "latin.xml").write_bytes(latin.encode("latin-1"))
    utf16 = tei("<p>caf\u00e9 sixteen</p>", xml_id="sixteen").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    (folder / "sixteen.xml").write_bytes(utf16.encode("utf-16"))
    out = tmp_path / "out"
    result = _build(str(folder), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "café latin" in (out / "latin.html").read_text(encoding="utf-8")
    assert "café sixteen" in (out / "sixteen.html").read_text(encoding="utf-8")


def test_missing_register_is_one_warning_per_file_and_the_text_builds(tmp_path):
    body = '<p><persName ref="registers.xml#a">A</persName> and <placeName ref="registers.xml#b">B</placeName></p>'
    path = write(tmp_path / "tei" / "t.xml", tei(body))
    out = tmp_path / "out"
    result = _build(str(path), "--out", str(out))
    assert result.exit_code == 0
    assert without_maker_warning(result.stderr)[0] == (
        f"{path}:6:4: warning: @ref points into 'registers.xml', which is not part of the edition "
        "(1 more pointer(s) into it); these names and links are shown without a link")
    page = (out / "t.html").read_text(encoding="utf-8")
    assert "A" in page and 'href="registers.html' not in page


def test_pointer_to_a_missing_text_is_reported_and_not_linked(tmp_path):
    path = write(tmp_path / "t.xml", tei('<p>See <ref target="other.xml#p2">the other letter</ref>.</p>'))
    out = tmp_path / "out"
    result = _build(str(path), "--out", str(out))
    assert result.exit_code == 0
    assert without_maker_warning(result.stderr)[0] == (
        f"{path}:6:8: warning: @target points into 'other.xml', which is not part of the edition; "
        "these names and links are shown without a link")
    page = (out / "t.html").read_text(encoding="utf-8")
    assert "the other letter" in page and "other.html" not in page and "other.xml" not in page


def test_report_lists_generically_rendered_elements_by_count(tmp_path):
    body = ("<p><unknownThing>a</unknownThing> <unknownThing>b</unknownThing> <otherThing>c</otherThing>"
            '<x:foo xmlns:x="urn:x">d</x:foo></p>')
    path = write(tmp_path / "t.xml", tei(body))
    result = _build(str(path), "--out", str(tmp_path / "out"), "--report")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["      2 unknownThing", "      1 Q{urn:x}foo", "      1 otherThing"]
    assert "3 element name(s) rendered generically" in result.stderr
    page = (tmp_path / "out" / "t.html").read_text(encoding="utf-8")
    assert all(word in page for word in ">a<  >b<  >c<  >d<".split())


def test_stylesheet_error_names_the_module_line_and_column_and_keeps_the_output(tmp_path):
    """A broken override module (a customisation's mistake) stops the build with its location; the output is untouched."""
    from teipress.resources import xslt_dir

    xslt = tmp_path / "xslt"
    module = write(xslt / "html" / "verse.xsl", '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"\n'
                   '  xmlns:tei="http://www.tei-c.org/ns/1.0">\n'
                   '  <xsl:template match="tei:l" mode="">\n'  # an empty mode name: a static error
                   '    <xsl:next-match/>\n  </xsl:template>\n</xsl:stylesheet>\n')
    write(tmp_path / "teipress.toml", '[build]\nstylesheets = "xslt"\n')
    out = tmp_path / "out"
    write(out / "index.html", "previous")
    path = write(tmp_path / "t.xml", tei("<p>x</p>"))
    result = _build("--edition", str(tmp_path), str(path), "--out", str(out))
    assert result.exit_code == 1
    message = result.stderr.strip()
    # The entry stylesheet compiled first (a page or the text page) with the override over it, then Saxon's located error.
    assert message.startswith(f"teipress: {xslt_dir()}/html/") and f".xsl with the overrides {module}: " in message
    assert "the stylesheet does not compile: " in message and "on line 3 column 39 of verse.xsl" in message
    assert (out / "index.html").read_text() == "previous"
    # Nothing beside the output but the build cache (its extracts: no output file).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".teipress-cache", "out", "t.xml", "teipress.toml", "xslt"]
