"""The edition's schema documented as an ODD (tei/schema/teipress.odd): the RELAX NG grammar admits
exactly the elements the ODD selects, and the Schematron rules are the ODD's constraints.

The grammar and the rules are written by hand (the TEI Stylesheets' odd2rng needs the TEI sources
from the network, which a build does not have); these checks keep the three files in step."""

from __future__ import annotations

import pytest
from lxml import etree

from .conftest import TEI, TEI_ALL

SCHEMA = TEI / "schema"
ODD = SCHEMA / "teipress.odd"
NS = {"tei": "http://www.tei-c.org/ns/1.0", "r": "http://relaxng.org/ns/structure/1.0",
      "sch": "http://purl.oclc.org/dsdl/schematron"}


def odd_elements(odd) -> set[str]:
    """Give the elements the ODD's schemaSpec selects: its elementRefs, the @include of its moduleRefs,
    and the elements it adds."""
    spec = odd.find(".//tei:schemaSpec", NS)
    names = {ref.get("key") for ref in spec.iterfind("tei:elementRef", NS)}
    names |= {name for ref in spec.iterfind("tei:moduleRef", NS) for name in (ref.get("include") or "").split()}
    names |= {el.get("ident") for el in spec.iterfind("tei:elementSpec[@mode='add']", NS)}
    return names


def grammar_elements(rng) -> set[str]:
    """Give the names of the elements the RELAX NG grammar declares."""
    return set(rng.xpath("//r:element/@name", namespaces=NS))


def _rules(pattern) -> list[tuple]:
    return [(rule.get("context"), [(" ".join(a.get("test").split()), a.get("role"),
                                    " ".join(etree.tostring(a, method="text", encoding="unicode").split()))
                                   for a in rule.xpath("sch:assert | sch:report", namespaces=NS)])
            for rule in pattern.iterfind("sch:rule", NS)]


def odd_constraints(odd) -> dict[str, list]:
    """Give each Schematron constraintSpec of the ODD by its ident -> its rules (context, asserts)."""
    return {spec.get("ident"): _rules(spec.find("tei:constraint/sch:pattern", NS))
            for spec in odd.iterfind(".//tei:constraintSpec[@scheme='schematron']", NS)}


def schematron_patterns(sch) -> dict[str, list]:
    """Give each pattern of the Schematron rules by its id -> its rules (context, asserts)."""
    return {pattern.get("id"): _rules(pattern) for pattern in sch.iterfind("sch:pattern", NS)}


def test_the_grammar_admits_exactly_the_elements_the_odd_selects():
    odd, rng = etree.parse(str(ODD)), etree.parse(str(SCHEMA / "teipress.rng"))
    admitted, selected = grammar_elements(rng), odd_elements(odd)
    assert admitted - selected == set(), "admitted by teipress.rng but not in the ODD"
    assert selected - admitted == set(), "in the ODD but not admitted by teipress.rng"
    assert {"cit", "abstract", "textClass", "keywords", "term", "app", "choice", "standOff"} <= selected


def test_an_element_the_grammar_admits_and_the_odd_does_not_select_is_found():
    rng = etree.parse(str(SCHEMA / "teipress.rng"))
    grammar = rng.getroot()
    extra = etree.SubElement(grammar, "{%s}define" % NS["r"], name="fw")
    etree.SubElement(extra, "{%s}element" % NS["r"], name="fw").append(etree.Element("{%s}text" % NS["r"]))
    assert grammar_elements(rng) - odd_elements(etree.parse(str(ODD))) == {"fw"}


def test_an_element_the_odd_selects_and_the_grammar_does_not_admit_is_found():
    odd = etree.parse(str(ODD))
    spec = odd.find(".//tei:schemaSpec", NS)
    spec.insert(0, etree.Element("{%s}moduleRef" % NS["tei"], key="transcr", include="fw"))
    assert odd_elements(odd) - grammar_elements(etree.parse(str(SCHEMA / "teipress.rng"))) == {"fw"}


def test_the_schematron_rules_are_the_odds_constraints():
    odd, sch = etree.parse(str(ODD)), etree.parse(str(SCHEMA / "teipress.sch"))
    patterns = schematron_patterns(sch)
    assert set(patterns) == {"readings", "choices", "mentions"}
    assert odd_constraints(odd) == patterns


def test_a_rule_changed_in_the_schematron_alone_no_longer_matches_the_odd():
    odd, sch = etree.parse(str(ODD)), etree.parse(str(SCHEMA / "teipress.sch"))
    sch.find(".//sch:pattern[@id='readings']/sch:rule/sch:assert", NS).set("test", "@wit or @source")
    constraints, patterns = odd_constraints(odd), schematron_patterns(sch)
    assert constraints["readings"] != patterns["readings"]
    assert constraints["choices"] == patterns["choices"]


@pytest.mark.skipif(not TEI_ALL.exists(), reason=f"{TEI_ALL} is not here (it comes with ../shared)")
def test_the_odd_is_tei_and_selects_only_tei_elements():
    tei_all = etree.parse(str(TEI_ALL))
    odd = etree.parse(str(ODD))
    assert etree.RelaxNG(tei_all).validate(odd)
    assert odd_elements(odd) - grammar_elements(tei_all) == set()


def test_the_odd_is_published_with_the_edition_and_the_data_page_links_it(seed_edition):
    from lxml import html

    for name in ("teipress.odd", "teipress.rng", "teipress.sch"):
        assert (seed_edition / "data" / "tei" / "schema" / name).read_bytes() == (SCHEMA / name).read_bytes()
    page = html.parse(str(seed_edition / "data.html")).getroot()
    [schema] = page.find_class("data-schema")
    assert [a.get("href") for a in schema.iter("a")][0] == "data/tei/schema/teipress.odd"
    assert "(ODD)" in schema.text_content()
