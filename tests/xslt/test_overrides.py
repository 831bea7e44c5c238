"""An edition's override folder ([build] stylesheets) is a layer over teipress's stylesheets:
it holds only the templates and files it changes, each output takes the modules of its folders,
and its modules are confined as teipress's own are."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from teipress.cli import main
from teipress.config import Settings
from teipress.pipeline import build
from teipress.resources import xslt_dir
from teipress.scaffold import EXAMPLE_ID, create_edition
from teipress.transform import Stylesheets

from ..conftest import BRACKETED_CORRECTIONS, FIXTURES, write

MINI = FIXTURES / "mini"
SETTINGS = Settings(title="Mini", build_date="2000-01-01", jobs=1)


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _files(out: Path, suffix: str) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob(f"*{suffix}"))}


def _epub_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as book:
        return {name: book.read(name) for name in book.namelist()}


@pytest.fixture(scope="module")
def plain(tmp_path_factory, stylesheets):
    """The mini edition built with teipress's stylesheets only."""
    out = tmp_path_factory.mktemp("plain")
    assert not build([MINI], out, "all", SETTINGS, stylesheets).failed
    return out


def test_a_one_template_print_override_changes_the_pdf_and_nothing_else(tmp_path, plain):
    overrides = tmp_path / "overrides"
    write(overrides / "print" / "corrections.xsl", BRACKETED_CORRECTIONS)
    out = tmp_path / "out"
    report = build([MINI], out, "all", SETTINGS, Stylesheets(overrides))
    assert not report.failed, [str(d) for d in report.diagnostics]

    # text-one has <choice><sic>teh</sic><corr>the</corr></choice>: in the PDF the correction is bracketed,
    # its apparatus entry (another mode) is not.
    before, after = _pdf_text(plain / "text-one.pdf"), _pdf_text(out / "text-one.pdf")
    assert "[the]" not in before and "[the]" in after
    assert "the] teh sic" in " ".join(after.split())
    # The web pages and the EPUB do not take print overrides: byte for byte what teipress alone makes.
    assert _files(out, ".html") == _files(plain, ".html") and len(_files(out, ".html")) > 5
    assert _epub_members(out / "edition.epub") == _epub_members(plain / "edition.epub")


def test_an_html_override_reaches_the_web_pages_and_the_epub_but_not_the_pdf(tmp_path, plain):
    overrides = tmp_path / "overrides"
    write(overrides / "html" / "corrections.xsl", BRACKETED_CORRECTIONS)
    out = tmp_path / "out"
    assert not build([MINI], out, "all", SETTINGS, Stylesheets(overrides)).failed
    assert ">[the]<" in (out / "text-one.html").read_text(encoding="utf-8")
    book = _epub_members(out / "edition.epub")
    assert any(b">[the]<" in content for name, content in book.items() if name.endswith(".xhtml"))
    assert _pdf_text(out / "text-one.pdf") == _pdf_text(plain / "text-one.pdf")


def test_a_hostile_override_module_is_refused_naming_its_file_and_line(tmp_path):
    module = write(tmp_path / "ed" / "overrides" / "print" / "notes.xsl", BRACKETED_CORRECTIONS.replace(
        "<xsl:text>[</xsl:text>", "<xsl:value-of select=\"unparsed-text('/etc/passwd')\"/>"))
    write(tmp_path / "ed" / "teipress.toml", '[build]\nstylesheets = "overrides"\n')
    write(tmp_path / "ed" / "tei" / "t.xml", (MINI / "text-one.xml").read_text(encoding="utf-8"))
    result = CliRunner().invoke(main, ["build", "--edition", str(tmp_path / "ed"), "--format", "pdf"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == (f"teipress: {module.resolve()}:5: unparsed-text() is not allowed: teipress stylesheets "
                             "read no file, no network resource and no environment variable\n")
    assert not (tmp_path / "ed" / "output").exists()


def test_an_override_adds_and_replaces_css(tmp_path, plain):
    overrides = tmp_path / "overrides"
    write(overrides / "html" / "assets" / "teipress.css", "body { color: #123456; }\n")
    write(overrides / "html" / "assets" / "edition.css", ".tei-corr { font-style: italic; }\n")
    write(overrides / "epub" / "epub.css", "p { margin: 0; }\n")
    # print.css replaced by teipress's own plus one rule: its fonts (fonts/…) still come from teipress.
    write(overrides / "print" / "print.css", (xslt_dir() / "print" / "print.css").read_text(encoding="utf-8")
          + '\n.reading-text p::after { content: " OVERRIDDEN-CSS"; }\n')
    out = tmp_path / "out"
    assert not build([MINI], out, "all", SETTINGS, Stylesheets(overrides)).failed
    assert (out / "assets" / "teipress.css").read_text() == "body { color: #123456; }\n"
    assert (out / "assets" / "edition.css").read_text() == ".tei-corr { font-style: italic; }\n"
    assert (out / "assets" / "teipress.js").read_bytes() == (plain / "assets" / "teipress.js").read_bytes()
    assert _epub_members(out / "edition.epub")["OEBPS/epub.css"] == b"p { margin: 0; }\n"
    pdf = out / "text-one.pdf"
    assert "OVERRIDDEN-CSS" in _pdf_text(pdf)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Gentium-Book-Plus" in fonts  # not installed on the system: read from teipress's print/fonts


def test_a_copy_of_the_whole_stylesheet_folder_is_refused_with_what_to_do(tmp_path):
    write(tmp_path / "ed" / "overrides" / "html" / "html.xsl", (xslt_dir() / "html" / "html.xsl").read_text())
    write(tmp_path / "ed" / "teipress.toml", '[build]\nstylesheets = "overrides"\n')
    write(tmp_path / "ed" / "tei" / "t.xml", (MINI / "text-one.xml").read_text(encoding="utf-8"))
    result = CliRunner().invoke(main, ["build", "--edition", str(tmp_path / "ed"), "--format", "html"])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert result.stderr.startswith(f"teipress: {tmp_path / 'ed' / 'overrides' / 'html' / 'html.xsl'}: an override "
                                    "folder holds only the modules it changes")


def test_the_example_override_of_a_new_edition_builds_as_it_is_and_once_uncommented(tmp_path):
    edition = tmp_path / "e"
    create_edition(edition, "Letters")
    settings = edition / "teipress.toml"
    settings.write_text(settings.read_text().replace('# stylesheets = "overrides"', 'stylesheets = "overrides"'))
    built = CliRunner().invoke(main, ["build", "--edition", str(edition), "--format", "pdf", "--build-date", "2000-01-01"])
    assert built.exit_code == 0, built.output
    assert "safely" in _pdf_text(edition / "output" / f"{EXAMPLE_ID}.pdf")
    assert "[safely]" not in _pdf_text(edition / "output" / f"{EXAMPLE_ID}.pdf")

    module = edition / "overrides" / "print" / "corrections.xsl"
    text = module.read_text()
    module.write_text(text.replace("  <!--\n  <xsl:template", "  <xsl:template").replace("</xsl:template>\n  -->", "</xsl:template>"))
    built = CliRunner().invoke(main, ["build", "--edition", str(edition), "--format", "pdf", "--build-date", "2000-01-01"])
    assert built.exit_code == 0, built.output
    assert "[safely]" in _pdf_text(edition / "output" / f"{EXAMPLE_ID}.pdf")
