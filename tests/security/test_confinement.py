"""The stylesheets read nothing outside the edition: no module can be steered by TEI content
to open a file, and pointers to local files in the TEI are never followed."""

from __future__ import annotations

import re

from click.testing import CliRunner

from teipress.cli import main
from teipress.resources import xslt_dir

from ..conftest import tei, write

# XPath functions and instructions that read or write resources by URI.
RESOURCE_ACCESS = re.compile(r"\b(doc|document|doc-available|unparsed-text|unparsed-text-lines|unparsed-text-available"
                             r"|collection|uri-collection|json-doc|load-xquery-module|transform)\s*\(|<xsl:result-document\b")

# The only access allowed: the localisation files (the shared one and the print one), next to
# their modules, chosen by a stylesheet parameter.
ALLOWED = {("common/l10n.xsl", "doc($l10n-file)"), ("print/l10n.xsl", "doc($print-l10n-file)")}


def test_no_stylesheet_reads_or_writes_a_resource_except_the_localisation_file():
    found = set()
    for module in sorted(xslt_dir().rglob("*.xsl")):
        text = re.sub(r"<!--.*?-->", "", module.read_text(encoding="utf-8"), flags=re.S)  # comments are not code
        for match in RESOURCE_ACCESS.finditer(text):
            call = text[match.start():text.find(")", match.start()) + 1] if match.group(0).endswith("(") else match.group(0)
            found.add((module.relative_to(xslt_dir()).as_posix(), call))
    assert found == ALLOWED


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
