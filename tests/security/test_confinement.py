"""The stylesheets read nothing outside the edition: no module can be steered by TEI content
to open a file, and pointers to local files in the TEI are never followed."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from teipress.cli import main
from teipress.confinement import check_stylesheet
from teipress.resources import xslt_dir

from ..conftest import tei, write

def test_no_stylesheet_of_teipress_reads_or_writes_a_resource():
    """Not even the localisation strings: teipress hands them over as a document parameter."""
    for module in sorted(xslt_dir().rglob("*.xsl")):
        check_stylesheet(module, [xslt_dir()])
        text = module.read_text(encoding="utf-8")
        assert "doc(" not in text and "<xsl:result-document" not in text and "<xsl:evaluate" not in text, module


CUSTOM_LAYER = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" expand-text="yes">
  <xsl:import href="html.xsl"/>
  {extra}
</xsl:stylesheet>
"""


@pytest.mark.parametrize("extra, what", [
    ('<xsl:template match="tei:p"><p>{unparsed-text(\'/etc/passwd\')}</p></xsl:template>', "unparsed-text() is not allowed"),
    ('<xsl:template match="tei:p"><xsl:copy-of select="doc(\'file:///etc/hosts\')"/></xsl:template>', "doc() is not allowed"),
    ('<xsl:variable name="f" select="function-lookup(QName(\'http://www.w3.org/2005/xpath-functions\', \'doc\'), 1)"/>',
     "function-lookup() is not allowed"),
    ('<xsl:variable name="f" select="unparsed-text#1"/>', "unparsed-text() is not allowed"),
    ('<xsl:template match="tei:p"><xsl:result-document href="/tmp/x.html"><p/></xsl:result-document></xsl:template>',
     "xsl:result-document is not allowed"),
    ('<xsl:template match="tei:p"><xsl:evaluate xpath="string(.)"/></xsl:template>', "xsl:evaluate is not allowed"),
])
def test_a_stylesheet_that_could_reach_a_resource_is_refused_before_it_runs(tmp_path, extra, what):
    """An override module (an edition's [build] stylesheets folder) is checked like teipress's own."""
    from teipress.errors import StylesheetError
    from teipress.transform import Stylesheets

    xslt = tmp_path / "xslt"
    layer = write(xslt / "html" / "custom.xsl", CUSTOM_LAYER.replace('<xsl:import href="html.xsl"/>', "")
                  .replace("{extra}", extra))
    with pytest.raises(StylesheetError) as caught:
        Stylesheets(xslt).executable("html/html.xsl")
    assert str(caught.value).startswith(f"{layer.resolve()}:4: ") and what in str(caught.value)


def test_an_import_from_outside_the_stylesheet_folders_is_refused(tmp_path):
    from teipress.errors import StylesheetError
    from teipress.transform import Stylesheets

    outside = write(tmp_path / "elsewhere" / "evil.xsl", CUSTOM_LAYER.replace('<xsl:import href="html.xsl"/>', "").replace("{extra}", ""))
    xslt = tmp_path / "xslt"
    write(xslt / "html" / "entry.xsl", CUSTOM_LAYER.replace("html.xsl", str(outside)).replace("{extra}", ""))
    with pytest.raises(StylesheetError, match=r"entry\.xsl:3: xsl:import of '.*evil\.xsl' is not allowed"):
        Stylesheets(xslt).executable("html/entry.xsl")


def test_the_build_reports_a_refused_stylesheet_and_publishes_nothing(tmp_path):
    xslt = tmp_path / "xslt"
    write(xslt / "html" / "verse.xsl", CUSTOM_LAYER.replace('<xsl:import href="html.xsl"/>', "").replace(
        "{extra}", '<xsl:template match="tei:lg" priority="99">{unparsed-text(\'/etc/passwd\')}</xsl:template>'))
    write(tmp_path / "ed" / "teipress.toml", f'[build]\nstylesheets = "{xslt}"\n')
    write(tmp_path / "ed" / "tei" / "t.xml", tei("<p>x</p>"))
    result = CliRunner().invoke(main, ["build", "--edition", str(tmp_path / "ed"), "--format", "html"])
    assert result.exit_code == 1
    assert "verse.xsl:" in result.stderr and "unparsed-text() is not allowed" in result.stderr
    assert not (tmp_path / "ed" / "output").exists()


def test_pointers_to_local_files_are_not_followed(tmp_path):
    secret = write(tmp_path / "secret" / "secret.xml", "<secret>TOP-SECRET-VALUE</secret>")
    body = (f'<p><ref target="file:///etc/passwd">a</ref> <ref target="{secret}#x">b</ref>'
            f' <ref target="../secret/secret.xml">c</ref> <ptr target="/etc/passwd"/>'
            f' <figure><graphic url="file:///etc/passwd"/></figure></p>')
    path = write(tmp_path / "tei" / "t.xml", tei(body))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(path), "--out", str(out), "--format", "html",
                                       "--build-date", "2000-01-01"])
    assert result.exit_code == 0, result.output
    published = "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file()
                        and p.suffix in (".html", ".xml", ".json", ".js"))
    assert "TOP-SECRET-VALUE" not in published and "root:x:0:0" not in published
    assert 'href="file:' not in published and 'src="file:' not in published


# --- Hostile stylesheets of an edition: the source check names them, and the locked processor holds without it.

MARKER = "TEIPRESS-SECRET-7f3a9c"
FN = "http://www.w3.org/2005/xpath-functions"
# Two ways past a reading of the source for a call to unparsed-text (issue 11): a prefix bound to the
# functions' namespace, and a shadow attribute that names the function from a static parameter.
TRICKS = {
    "prefix": f'<xsl:template match="Q{{http://www.tei-c.org/ns/1.0}}p" priority="99"><xsl:comment xmlns:f="{FN}" select="f:unparsed-text(\'URI\')"/>'
              f'<p><xsl:value-of xmlns:f="{FN}" select="f:unparsed-text(\'URI\')"/></p></xsl:template>',
    "shadow": '<xsl:param name="fname" static="yes" select="\'unparsed\' || \'-text\'"/>'
              '<xsl:template match="Q{http://www.tei-c.org/ns/1.0}p" priority="99"><p><xsl:value-of _select="{$fname}(\'URI\')"/></p></xsl:template>',
}


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends


# An override module of every output (common/): the templates of a test are added before its end.
HOSTILE = '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n</xsl:stylesheet>\n'


def _hostile_edition(tmp_path, code: str):
    """Give an edition folder and its override folder, whose module common/hostile.xsl (imported over
    every entry stylesheet) holds ``code``."""
    xslt = tmp_path / "ed" / "xslt"
    write(xslt / "common" / "hostile.xsl", HOSTILE.replace("</xsl:stylesheet>", code + "</xsl:stylesheet>"))
    write(tmp_path / "ed" / "teipress.toml", '[build]\nstylesheets = "xslt"\njobs = 1\n')
    write(tmp_path / "ed" / "tei" / "t.xml", tei("<p>an ordinary paragraph</p>"))
    return tmp_path / "ed", xslt


def _published_text(out) -> str:
    """Give everything a build wrote, as text: files as bytes, PDFs also through pdftotext, EPUBs unzipped."""
    import subprocess
    import zipfile

    parts = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()) if out.exists() else []:
        parts.append(path.read_bytes().decode("latin-1"))
        if path.suffix == ".pdf":
            parts.append(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                parts.extend(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    return "\n".join(parts)


@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_a_hidden_reader_call_is_refused_before_the_build_naming_the_module(tmp_path, trick):
    secret = write(tmp_path / "secret.txt", MARKER)
    edition, xslt = _hostile_edition(tmp_path, TRICKS[trick].replace("URI", secret.as_uri()))
    result = CliRunner().invoke(main, ["build", "--edition", str(edition), "--build-date", "2000-01-01"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    message = {"prefix": "unparsed-text() is not allowed", "shadow": "the shadow attribute _select computes XPath"}[trick]
    assert result.stderr.startswith(f"teipress: {(xslt / 'common' / 'hostile.xsl').resolve()}:2: ") and message in result.stderr
    assert MARKER not in _published_text(edition / "output")


@pytest.mark.parametrize("trick", sorted(TRICKS))
@pytest.mark.parametrize("target", ["file", "http"])
def test_the_locked_processor_refuses_what_the_source_check_would_miss(tmp_path, monkeypatch, trick, target):
    """With the source check switched off, every output still holds no byte of the secret, and the
    build stops with a one-line error naming the module and the URI it tried (no connection is made)."""
    from teipress import transform

    monkeypatch.setattr(transform, "check_stylesheet", lambda entry, roots: None)
    secret = write(tmp_path / "secret.txt", MARKER)
    uri = secret.as_uri() if target == "file" else f"http://127.0.0.1:{_closed_port()}/secret.txt"
    edition, xslt = _hostile_edition(tmp_path, TRICKS[trick].replace("URI", uri))
    for output in ("html", "pdf", "epub"):
        result = CliRunner().invoke(main, ["build", "--edition", str(edition), "--format", output,
                                           "--out", str(tmp_path / output), "--build-date", "2000-01-01"])
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        errors = [line for line in result.stderr.splitlines() if "tried to read" in line]
        assert errors, result.stderr
        entry = xslt_dir() / {"html": "html/html.xsl", "pdf": "print/print.xsl", "epub": "epub/epub.xsl"}[output]
        assert (f"{entry} (with the overrides of {xslt}): the stylesheet (or a module it imports) tried to read {uri}, "
                "which is not allowed") in errors[0]
        assert MARKER not in _published_text(tmp_path / output)


def test_a_secondary_result_is_captured_not_written(tmp_path, monkeypatch):
    from teipress import transform

    monkeypatch.setattr(transform, "check_stylesheet", lambda entry, roots: None)
    target = tmp_path / "written.txt"
    edition, xslt = _hostile_edition(tmp_path, f'<xsl:template match="/" priority="99"><xsl:result-document '
                                     f'href="{target.as_uri()}" method="text">{MARKER}</xsl:result-document>'
                                     '<xsl:next-match/></xsl:template>')
    result = CliRunner().invoke(main, ["build", "--edition", str(edition), "--format", "html", "--build-date", "2000-01-01"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (f"{xslt_dir() / 'html' / 'html.xsl'} (with the overrides of {xslt}): xsl:result-document of "
            f"'{target.as_uri()}' is not allowed") in result.stderr
    assert not target.exists() and MARKER not in _published_text(edition / "output")


@pytest.mark.parametrize("call", [
    f'<xsl:value-of xmlns:f="{FN}" select="f:doc(\'x.xml\')"/>',
    f'<xsl:value-of select="Q{{{FN}}}unparsed-text(\'x\')"/>',
    '<xsl:value-of select="unparsed-text (: a comment :) (\'x\')"/>',
    '<xsl:value-of select="environment-variable(\'HOME\')"/>',
    '<xsl:variable name="v" static="yes" select="json-doc(\'x.json\')"/>',
])
def test_every_spelling_of_a_reader_call_is_refused(tmp_path, call):
    layer = write(tmp_path / "xslt" / "entry.xsl", CUSTOM_LAYER.replace('<xsl:import href="html.xsl"/>', "")
                  .replace("{extra}", call))
    from teipress.errors import StylesheetError

    with pytest.raises(StylesheetError, match=r"entry\.xsl:4: [\w-]+\(\) is not allowed"):
        check_stylesheet(layer, [tmp_path / "xslt"])


def test_a_function_of_another_namespace_with_a_readers_name_is_allowed(tmp_path):
    layer = write(tmp_path / "xslt" / "entry.xsl", CUSTOM_LAYER.replace('<xsl:import href="html.xsl"/>', "").replace(
        "{extra}", '<xsl:function xmlns:my="urn:my" name="my:doc"><xsl:sequence select="1"/></xsl:function>'
                   '<xsl:variable xmlns:my="urn:my" name="v" select="my:doc()"/>'))
    check_stylesheet(layer, [tmp_path / "xslt"])


def test_watch_compiles_a_changed_stylesheet_folder_after_a_locked_build(tmp_path, monkeypatch):
    """The first build locks its processor; the changed folder gets stylesheets (and a processor) of its
    own, which compile, run, and are locked in turn: a hostile edit then reads nothing."""
    import time

    from teipress import transform
    from teipress.watch import watch

    monkeypatch.setattr(transform, "check_stylesheet", lambda entry, roots: None)
    secret = write(tmp_path / "secret.txt", MARKER)
    edition, xslt = _hostile_edition(tmp_path, "")
    module, page = xslt / "common" / "hostile.xsl", edition / "output" / "t.html"
    rebuilds = []

    def edit(code: str):
        time.sleep(0.01)  # a new modification time, whatever the file system's resolution
        module.write_text(module.read_text(encoding="utf-8").replace("</xsl:stylesheet>", code + "</xsl:stylesheet>"),
                          encoding="utf-8")

    def hostile_edit():
        assert "EDITED" in page.read_text(encoding="utf-8")  # the recompiled stylesheet ran
        page.unlink()
        edit(TRICKS["prefix"].replace('priority="99"', 'priority="100"').replace("URI", secret.as_uri()))

    saves = [lambda: edit('<xsl:template match="Q{http://www.tei-c.org/ns/1.0}p" priority="99"><p>EDITED</p></xsl:template>'),
             hostile_edit]

    def notify(rebuild):
        rebuilds.append(rebuild)
        if len(rebuilds) <= len(saves):
            saves[len(rebuilds) - 1]()

    watch(edition, notify, overrides={"formats": "html"}, interval=0.01, max_rebuilds=3)
    assert [r.error for r in rebuilds[:2]] == [None, None] and not rebuilds[1].report.failed
    assert len(rebuilds) == 3 and "tried to read" in str(rebuilds[2].error or rebuilds[2].report.diagnostics)
    assert MARKER not in _published_text(edition / "output")
