"""The look-ups the text page makes once per transformation (a map of the interface strings, a map of
element kinds, placeholders filled without regular expressions) give what the plain definitions give,
computed here independently: from l10n.xml read with lxml, from the name lists, with str.replace."""

from __future__ import annotations

import json
import re

import pytest
from lxml import etree
from saxonche import PySaxonProcessor

from teipress.config import Settings
from teipress.corpus import read_corpus
from teipress.extract import edition_element, registers_element, text_element
from teipress.resources import xslt_dir

from ..conftest import FIXTURES, TEI

TP = "https://teipress.org/ns"
XSLT = xslt_dir()


def _evaluate(processor, compiler, expression: str, source: str = "<x/>", entry: str = "html/html.xsl") -> object:
    """Give the JSON value of the XPath ``expression`` evaluated by a stylesheet importing ``entry``."""
    wrapper = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:tp="{TP}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xsl:import href="{(XSLT / entry).as_uri()}"/>
      <xsl:output method="text"/>
      <xsl:template match="/" priority="100">
        <xsl:value-of select="serialize({expression}, map {{'method': 'json'}})"/>
      </xsl:template>
    </xsl:stylesheet>"""
    executable = compiler.compile_stylesheet(stylesheet_text=wrapper)
    for parameter, relative in (("l10n-strings", "common/l10n.xml"), ("print-l10n-strings", "print/l10n.xml"),
                                ("lists", "common/lists.xml")):
        executable.set_parameter(parameter, processor.parse_xml(xml_text=(XSLT / relative).read_text(encoding="utf-8")))
    return json.loads(executable.transform_to_string(xdm_node=processor.parse_xml(xml_text=source)))


@pytest.fixture(scope="module")
def evaluate():
    processor = PySaxonProcessor(license=False)
    compiler = processor.new_xslt30_processor()
    return lambda expression, **kw: _evaluate(processor, compiler, expression, **kw)


def _strings(relative: str) -> dict[str, str]:
    """Each key of a strings file with its first English string, as the file says it."""
    strings: dict[str, str] = {}
    for s in etree.parse(str(XSLT / relative)).iterfind(f"{{{TP}}}lang[@{{http://www.w3.org/XML/1998/namespace}}lang='en']/{{{TP}}}s"):
        strings.setdefault(s.get("key"), "".join(s.itertext()))
    return strings


def test_every_interface_string_is_the_first_of_its_key(evaluate):
    strings = _strings("common/l10n.xml")
    keys = sorted(strings)
    got = evaluate("array {(" + ", ".join(f"'{k}'" for k in keys) + ") ! tp:l10n(.)}")
    assert dict(zip(keys, got)) == strings
    assert evaluate("tp:l10n('no-such-key')") == "[no-such-key]"


def test_print_strings_come_before_the_shared_ones(evaluate):
    shared, printed = _strings("common/l10n.xml"), _strings("print/l10n.xml")
    expected = {**shared, **printed}
    keys = sorted(expected)
    got = evaluate("array {(" + ", ".join(f"'{k}'" for k in keys) + ") ! tp:l10n(.)}", entry="print/print.xsl")
    assert dict(zip(keys, got)) == expected


@pytest.mark.parametrize("template, args", [
    ("{1} and {2}", ["a", "b"]),
    ("{1}, again {1}; {2}", ["x$1\\", "y"]),        # replacement text is literal: no $ groups, no escapes
    ("{2} before {1}", ["{2}", "z"]),                # filled in order: {1}'s value may hold {2}
    ("no placeholder", ["unused"]),
    ("{1}{1}{1}", [""]),
    ("{3} {10} {1}", ["one", "two", "three"]),
])
def test_placeholders_are_filled_as_plain_text_in_order(evaluate, template, args):
    expected = template
    for i, arg in enumerate(args, 1):
        expected = expected.replace("{" + str(i) + "}", arg)
    quoted = ", ".join("'" + a.replace("'", "''") + "'" for a in args)
    assert evaluate(f"tp:fill('{template}', ({quoted}), 1)") == expected


def test_element_kinds_follow_the_name_lists_in_their_order(evaluate):
    """Each listed name gets the kind of the first list naming it (milestone, block, inline); the rest
    is decided by parent and children."""
    lists = evaluate("map {'milestone': array {$tp:milestone-names}, 'block': array {$tp:block-names}, "
                     "'inline': array {$tp:inline-names}, 'container': array {$tp:container-names}}")
    expected: dict[str, str] = {"note": "note", "head": "heading"}
    for kind in ("milestone", "block", "inline"):
        for name in lists[kind]:
            expected.setdefault(name, kind)
    names = sorted(expected)
    # Each name as a child of a phrase (seg is no container) holding a block: only unknown names look at those.
    source = ('<seg xmlns="http://www.tei-c.org/ns/1.0">'
              + "".join(f"<{n}><p/></{n}>" for n in names)
              + "<unknown/><unknownWithBlock><p/></unknownWithBlock></seg>")
    got = evaluate("array {/*/* ! tp:display(.)}", source=source)
    assert dict(zip(names, got)) == expected
    assert got[-2:] == ["inline", "block"]
    inside_container = evaluate("array {/*/* ! tp:display(.)}", source='<div xmlns="http://www.tei-c.org/ns/1.0"><unknown/></div>')
    assert "div" in lists["container"] and inside_container == ["block"]


def _edition_document(folder) -> str:
    """The edition document of every text of ``folder`` with its registers, as the pages see it."""
    corpus = read_corpus([folder])
    edition = edition_element(Settings(title="t", build_date="2000-01-01"))
    edition.extend(registers_element(register) for register in corpus.registers)
    edition.extend(text_element(text, position) for position, text in enumerate(corpus.texts, 1))
    return etree.tostring(edition, encoding="unicode")


# An edition whose header names an entry no text mentions (unpublished), next to one its text mentions.
HEADER_ONLY = f"""<tp:edition xmlns:tp="{TP}" title="t" url="" build-date="2000-01-01">
  <tp:registers src="registers.xml"><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><standOff><listPerson>
    <person xml:id="pers-a"><persName>A</persName></person><person xml:id="pers-b"><persName>B</persName></person>
  </listPerson></standOff></TEI></tp:registers>
  <tp:text id="t" n="1" src="t.xml" html="t.html"><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
    <titleStmt><title>T</title><author><persName ref="registers.xml#pers-b">B</persName></author></titleStmt>
  </fileDesc></teiHeader><text><body><p><persName ref="registers.xml#pers-a">A</persName>
    <persName ref="#nowhere registers.xml#pers-a">A again</persName></p></body></text></TEI></tp:text>
</tp:edition>"""


@pytest.mark.parametrize("source", [TEI, FIXTURES / "mini", HEADER_ONLY], ids=["seed", "mini", "header-only"])
def test_a_mention_in_a_text_publishes_its_entry_as_the_key_of_mentions_says(evaluate, source):
    """tp:is-published-entry-of (which skips the key for a mention in a text) agrees with tp:is-published
    (the key of every mention) for every mention of the edition, in its texts and in their headers."""
    if not isinstance(source, str):
        source = _edition_document(source)
    got = evaluate("array {for $m in //tp:text//*[@ref][tp:is-mention(.)], $e in tp:mention-entry($m) "
                   "return [exists($m/ancestor::tei:text), tp:is-published-entry-of($m, $e), tp:is-published($e)]}",
                   source=source)
    assert any(in_text for in_text, _, _ in got)
    assert [(shortcut, keyed) for _, shortcut, keyed in got if shortcut != keyed] == []
    if source is HEADER_ONLY:
        assert got == [[False, False, False], [True, True, True], [True, True, True]]


POINTERS = f"""<tp:edition xmlns:tp="{TP}"><tp:text src="letters/one.xml" id="one"><TEI xmlns="http://www.tei-c.org/ns/1.0">
<text><body><p><persName ref="registers.xml#a">A</persName> <persName ref="#b">B</persName>
<rs ref="../x/registers.xml#c  d.xml#e">C</rs> <placeName ref="http://example.org/x#y">Y</placeName>
<name ref="foo.xml">F</name> <orgName ref="dir\\sub\\file.xml?q=1#f">F</orgName> <term ref="  spaced.xml#g ">G</term>
<persName ref="#">none</persName> <persName ref="urn:x:y#z">urn</persName> <persName ref="">empty</persName>
</p></body></text></TEI></tp:text></tp:edition>"""


def test_the_key_of_pointers_is_tp_ref_keys_written_out(evaluate):
    """The key tp:ref-targets (xslt/common/namesdates.xsl) repeats tp:ref-keys inline, so that Saxon keeps
    its index across transformations: every element is found under each of its pointers, and under
    no other spelling of them."""
    found = evaluate("""array { for $el in //tp:text//tei:text//*[@ref] return array {
        string($el/@ref),
        array { tp:ref-keys($el) },
        array { for $u in (tp:ref-keys($el), tokenize(normalize-space($el/@ref)), 'one.xml#b', 'letters/one.xml#b',
                           'registers.xml#c', 'file.xml#f', 'file.xml?q=1#f', 'x#y')
                return $u[exists(key('tp:ref-targets', $u, root($el)) intersect $el)] } } }""", source=POINTERS)
    expected = {"registers.xml#a": ["registers.xml#a"], "#b": ["one.xml#b"],
                "../x/registers.xml#c  d.xml#e": ["registers.xml#c", "d.xml#e"],
                "http://example.org/x#y": [], "foo.xml": [], "dir\\sub\\file.xml?q=1#f": ["file.xml#f"],
                "  spaced.xml#g ": ["spaced.xml#g"], "#": [], "urn:x:y#z": [], "": []}
    assert {ref: keys for ref, keys, _ in found} == expected
    for ref, keys, under in found:
        assert sorted(set(under)) == sorted(keys), ref


def test_the_mentions_of_an_entry_are_its_name_elements_only(evaluate):
    source = POINTERS.replace("</p>", '<term ref="registers.xml#a">a term</term> <rs ref="registers.xml#a">a</rs></p>').replace(
        '<tp:text src', '<tp:registers src="registers.xml"><TEI xmlns="http://www.tei-c.org/ns/1.0"><standOff><listPerson>'
        '<person xml:id="a"><persName>A</persName></person></listPerson></standOff></TEI></tp:registers><tp:text src', 1)
    assert evaluate("array { tp:mentions(key('tp:id', 'a')) ! string() }", source=source) == ["A", "a"]


def test_the_key_of_pointers_calls_no_stylesheet_function():
    """What keeps its index across the edition pages' transformations (see the key's comment)."""
    key = etree.parse(str(XSLT / "common" / "namesdates.xsl")).find(
        "{http://www.w3.org/1999/XSL/Transform}key[@name='tp:ref-targets']")
    use = key.get("use")
    assert "tp:" not in use.replace("tp:text", "").replace("tp:registers", "") and "$tp:" not in use
    assert set(re.findall(r"\$(\w[\w-]*)", use)) == {"u"}  # its own range variable, no global one
