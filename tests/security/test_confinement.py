"""The stylesheets read nothing outside the edition: no module can be steered by TEI content
to open a file, and pointers to local files in the TEI are never followed."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from teipress.cli import main
from teipress.confinement import ALLOWED, RESOURCE_ACCESS
from teipress.resources import xslt_dir

from ..conftest import tei, write

def test_no_stylesheet_reads_or_writes_a_resource_except_the_localisation_file():
    found = set()
    for module in sorted(xslt_dir().rglob("*.xsl")):
        text = re.sub(r"<!--.*?-->", "", module.read_text(encoding="utf-8"), flags=re.S)  # comments are not code
        for match in RESOURCE_ACCESS.finditer(text):
            found.add((module.relative_to(xslt_dir()).as_posix(), text[match.start():text.find(")", match.start()) + 1]))
        assert "<xsl:result-document" not in text and "<xsl:evaluate" not in text, module
    assert found == ALLOWED


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
    """A customised stylesheet (an edition's [build] stylesheets folder) is checked like teipress's own."""
    import shutil

    from teipress.errors import StylesheetError
    from teipress.transform import Stylesheets

    xslt = tmp_path / "xslt"
    shutil.copytree(xslt_dir(), xslt)
    layer = write(xslt / "html" / "custom.xsl", CUSTOM_LAYER.replace("{extra}", extra))
    with pytest.raises(StylesheetError) as caught:
        Stylesheets(xslt).executable("html/custom.xsl")
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
    import shutil

    xslt = tmp_path / "xslt"
    shutil.copytree(xslt_dir(), xslt)
    module = xslt / "html" / "verse.xsl"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "</xsl:stylesheet>", '<xsl:template match="tei:lg" priority="99">{unparsed-text(\'/etc/passwd\')}</xsl:template></xsl:stylesheet>'),
        encoding="utf-8")
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
