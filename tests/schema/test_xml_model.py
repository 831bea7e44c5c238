"""Validation as editors' tools do it: each file's <?xml-model?> chooses its grammar and rules,
Schematron with the XSLT 2/3 binding runs on Saxon, and unusable schemas are located errors (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from teipress.cli import main

from ..conftest import MINIMAL_HEADER, write

RNG = "http://relaxng.org/ns/structure/1.0"
SCH = "http://purl.oclc.org/dsdl/schematron"

# A tiny grammar: <doc> holding <item>s, with one Schematron rule embedded as ODD-generated grammars do.
GRAMMAR = f"""<?xml version="1.0"?>
<grammar xmlns="{RNG}" xmlns:sch="{SCH}" ns="http://www.tei-c.org/ns/1.0">
  <start>
    <element name="TEI">
      <zeroOrMore>
        <element name="item">
          <optional><attribute name="n"/></optional>
          <text/>
        </element>
      </zeroOrMore>
      <sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
      <sch:pattern>
        <sch:rule context="tei:item[@n]">
          <sch:assert test="@n castable as xs:integer">item n='<sch:value-of select="@n"/>' is not a number</sch:assert>
        </sch:rule>
      </sch:pattern>
    </element>
  </start>
</grammar>
"""

RULES_XSLT2 = f"""<?xml version="1.0"?>
<schema xmlns="{SCH}" queryBinding="xslt2">
  <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <let name="max" value="3"/>
  <pattern>
    <rule context="tei:p">
      <let name="words" value="tokenize(normalize-space(.), ' ')"/>
      <assert test="count($words) le $max"><name/> has <value-of select="count($words)"/> words, more than <value-of select="$max"/></assert>
      <report test="matches(., '\\d{{4}}')" role="warning">a year in <name/></report>
    </rule>
  </pattern>
</schema>
"""


def _run(*args):
    return CliRunner().invoke(main, list(args))


def _doc(model: str, body: str) -> str:
    return f'<?xml version="1.0"?>\n{model}\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n{body}\n</TEI>\n'


def _tei(model: str, body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{model}\n'
            f'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n{MINIMAL_HEADER}\n<text><body>\n{body}\n</body></text></TEI>\n')


def test_grammar_of_the_xml_model_is_used_with_its_embedded_rules(tmp_path):
    write(tmp_path / "schema" / "doc.rng", GRAMMAR)
    write(tmp_path / "a.xml", _doc(f'<?xml-model href="schema/doc.rng" schematypens="{RNG}"?>',
                                   '<item n="1">x</item>\n<item n="two">y</item>\n<wrong/>'))
    result = _run("validate", "--format", "json", str(tmp_path / "a.xml"))
    found = [(d["line"], d["severity"], d["message"]) for d in json.loads(result.stdout)]
    assert found == [
        (5, "error", "item n='two' is not a number"),
        (6, "error", "unknown element <wrong>: the schema has no element of that name"),
    ]
    assert result.exit_code == 1


def test_valid_against_its_own_grammar_exits_0_though_not_tei(tmp_path):
    write(tmp_path / "doc.rng", GRAMMAR)
    path = write(tmp_path / "a.xml", _doc(f'<?xml-model href="doc.rng" schematypens="{RNG}"?>', '<item n="3">x</item>'))
    result = _run("validate", str(path))
    assert (result.exit_code, result.stdout) == (0, "")


def test_command_line_schema_wins_over_the_xml_model(tmp_path):
    write(tmp_path / "doc.rng", GRAMMAR)
    path = write(tmp_path / "a.xml", _doc(f'<?xml-model href="doc.rng" schematypens="{RNG}"?>', '<item>x</item>'))
    # The built-in TEI grammar, given on the command line, rejects <item> directly in <TEI>.
    from teipress.resources import default_rng
    result = _run("validate", "--schema", str(default_rng()), "--format", "json", str(path))
    messages = [d["message"] for d in json.loads(result.stdout)]
    assert result.exit_code == 1
    assert any("<item>" in m for m in messages)


def test_standalone_xslt2_rules_of_the_xml_model_replace_the_built_in_rules(tmp_path):
    write(tmp_path / "rules.sch", RULES_XSLT2)
    source = _tei(f'<?xml-model href="rules.sch" type="application/xml" schematypens="{SCH}"?>',
                  "<p>one two</p>\n<p>one two three four</p>\n<p>in 1937</p>")
    path = write(tmp_path / "a.xml", source)
    result = _run("validate", str(path))
    assert result.stdout.splitlines() == [
        f"{path}:8:1: error: p has 4 words, more than 3",
        f"{path}:9:1: warning: a year in p",
    ]
    assert result.exit_code == 1


def test_xslt2_rules_on_the_command_line_give_located_findings_not_a_traceback(tmp_path):
    rules = write(tmp_path / "rules.sch", RULES_XSLT2)
    path = write(tmp_path / "a.xml", _tei("", "<p>a b c d e</p>"))
    result = _run("validate", "--rules", str(rules), "--format", "json", str(path))
    assert json.loads(result.stdout) == [
        {"file": str(path), "line": 7, "col": 1, "severity": "error", "message": "p has 5 words, more than 3"}]
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_remote_xml_model_is_not_fetched_and_the_built_in_schema_applies(tmp_path):
    source = _tei('<?xml-model href="http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" '
                  f'schematypens="{RNG}"?>', "<p>x <persNam>y</persNam></p>")
    path = write(tmp_path / "a.xml", source)
    result = _run("validate", str(path))
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}:2:1: warning: the remote schema http://www.tei-c.org/")
    assert "is not read" in lines[0] and "built-in grammar applies" in lines[0]
    assert lines[1].startswith(f"{path}:7:6: error: unknown element <persNam>")
    assert result.exit_code == 1


def test_missing_xml_model_schema_is_located_at_the_instruction_and_exits_2(tmp_path):
    path = write(tmp_path / "a.xml", _tei(f'<?xml-model href="nowhere/missing.rng" schematypens="{RNG}"?>', "<p>x</p>"))
    result = _run("validate", str(path))
    assert result.stdout.splitlines() == [
        f"{path}:2:1: error: cannot use the schema of this xml-model ({tmp_path / 'nowhere' / 'missing.rng'}): no such file"]
    assert result.exit_code == 2


def test_xml_model_schema_not_well_formed_or_not_compiling_exits_2(tmp_path):
    write(tmp_path / "broken.sch", f'<schema xmlns="{SCH}" queryBinding="xslt2">\n<pattern>\n</schema>')
    write(tmp_path / "bad.rng", f'<grammar xmlns="{RNG}"><start><ref name="nothing"/></start></grammar>')
    write(tmp_path / "badxpath.sch", f'<schema xmlns="{SCH}" queryBinding="xslt3"><pattern>'
                                     '<rule context="p"><assert test="((">x</assert></rule></pattern></schema>')
    for name, expected in (("broken.sch", "broken.sch:3): not well-formed"),
                           ("bad.rng", "): the grammar does not compile"),
                           ("badxpath.sch", "): the rules do not compile")):
        kind = SCH if name.endswith(".sch") else RNG
        path = write(tmp_path / f"{name}.xml", _tei(f'<?xml-model href="{name}" schematypens="{kind}"?>', "<p>x</p>"))
        result = _run("validate", "--format", "json", str(path))
        [error] = [d for d in json.loads(result.stdout) if d["message"].startswith("cannot use")]
        assert (error["line"], error["col"], error["severity"]) == (2, 1, "error")
        assert expected in error["message"], error["message"]
        assert result.exit_code == 2


def test_unsupported_query_binding_on_the_command_line_exits_2(tmp_path):
    rules = write(tmp_path / "q.sch", f'<schema xmlns="{SCH}" queryBinding="xquery"><pattern/></schema>')
    path = write(tmp_path / "a.xml", _tei("", "<p>x</p>"))
    result = _run("validate", "--rules", str(rules), str(path))
    assert result.exit_code == 2
    assert result.stderr == (f"teipress: {rules}: cannot use this schema: at line 1: unsupported query binding "
                             "'xquery' (teipress runs xslt, xslt2 and xslt3)\n")
    assert "Traceback" not in result.output


def test_each_distinct_schema_is_compiled_once_per_run(tmp_path, monkeypatch):
    from teipress import models
    write(tmp_path / "doc.rng", GRAMMAR)
    for n in range(3):
        write(tmp_path / f"{n}.xml", _doc(f'<?xml-model href="doc.rng" schematypens="{RNG}"?>', "<item>x</item>"))
    compiled = []
    original = models._grammar

    def counting(tree):
        compiled.append(tree.docinfo.URL)
        return original(tree)

    monkeypatch.setattr(models, "_grammar", counting)
    assert models.validate_with_models([tmp_path]) == []
    assert [Path(url).resolve() for url in compiled] == [(tmp_path / "doc.rng").resolve()]


def test_help_states_the_precedence():
    text = _run("validate", "--help").output
    assert "1. --schema / --rules;" in text
    assert "<?xml-model?>" in text and "3. [build] schema / rules" in text
    assert "Remote xml-model schemas (http...) are not fetched" in text
