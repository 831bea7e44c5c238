"""Property-based: random TEI trees made of the schema's elements build without a crash,
lose no character of their text, and give HTML that a browser parses as written."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree, html

from teipress.config import Settings
from teipress.pipeline import build

from ..conftest import ROOT, tei

RNG = etree.parse(str(ROOT / "tei" / "schema" / "teipress.rng"))
RNG_NS = {"r": "http://relaxng.org/ns/structure/1.0"}

# Elements of the frame a body cannot hold, or that only the header and registers use.
FRAME = {"TEI", "teiHeader", "fileDesc", "titleStmt", "publicationStmt", "sourceDesc", "profileDesc", "encodingDesc",
         "revisionDesc", "text", "body", "front", "back", "standOff"}
# Elements with a fixed content model (an app holds lem and rdg, a choice its pair …): generated as such below.
STRUCTURED = {"app", "lem", "rdg", "rdgGrp", "choice", "sic", "corr", "orig", "reg", "abbr", "expan", "subst",
              "listWit", "witness", "listApp", "table", "row", "cell", "list", "item", "label"}
ALL_NAMES = sorted(set(RNG.xpath("//r:element/@name", namespaces=RNG_NS)) - FRAME - STRUCTURED)
# TEI's empty elements (points and pointers: the Guidelines give them no content), as the schema names them.
EMPTY = {"pb", "lb", "cb", "gb", "milestone", "ptr", "anchor", "graphic", "space", "handShift", "link", "caesura"}
# Text with the characters markup must escape, accents and a non-Latin script.
WORDS = st.text(alphabet="abcé&<>\"' Ωж", min_size=1, max_size=8).filter(lambda s: s.strip())


def _element(children):
    free = st.tuples(st.sampled_from(ALL_NAMES), st.sampled_from(["", "italic", "bold"]), st.lists(children, max_size=4))
    pair = st.sampled_from([("choice", "sic", "corr"), ("choice", "orig", "reg"), ("choice", "abbr", "expan"),
                            ("subst", "del", "add")])
    structured = st.builds(lambda names, a, b: (names[0], "", [(names[1], "", a), (names[2], "", b)]),
                           pair, st.lists(WORDS, min_size=1, max_size=2), st.lists(WORDS, min_size=1, max_size=2))
    # Alternatives hold words only here; an alternative nested in another (a choice in a rdg,
    # an app in a sic) is tested on its own below.
    app = st.builds(lambda a, b: ("app", "", [("lem", "", [a]), ("rdg", "", [b])]), WORDS, WORDS)
    lists = st.builds(lambda items: ("list", "", [("item", "", [i]) for i in items]), st.lists(children, min_size=1, max_size=3))
    return st.one_of(free, free, structured, app, lists)


TREES = st.recursive(WORDS, _element, max_leaves=15)


def _to_xml(node) -> str:
    """Give the TEI markup of a generated node (text is escaped; empty elements get no content)."""
    if isinstance(node, str):
        return node.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    name, rend, children = node
    attributes = f' rend="{rend}"' if rend else ""
    if name in EMPTY or not children:
        return f"<{name}{attributes}/>"
    return f"<{name}{attributes}>{''.join(_to_xml(c) for c in children)}</{name}>"


def _characters(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("random")


# derandomize: the same 50 trees every run, so the suite is not flaky; vary with --hypothesis-seed when exploring.
@settings(max_examples=50, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(TREES, min_size=1, max_size=4))
def test_random_tei_builds_keeps_its_text_and_gives_well_formed_html(folder, stylesheets, trees):
    body = "<div>" + "".join(_to_xml(t) for t in trees) + "</div>"
    source = folder / "t.xml"
    source.write_text(tei(body), encoding="utf-8")
    out = folder / "out"
    report = build([source], out, "html", Settings(title="E", build_date="2000-01-01"), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    text = etree.parse(str(source)).find("{http://www.tei-c.org/ns/1.0}text")
    page_source = (out / "t.html").read_text(encoding="utf-8")
    parser = etree.HTMLParser()
    page = html.fromstring(page_source, parser=parser)
    lost = _characters("".join(text.itertext())) - _characters(page.xpath("string(//main)"))
    assert lost == Counter(), body
    # libxml2's HTML parser knows HTML 4 only ("Tag section invalid"); any other complaint is
    # markup a browser would rebuild (a block inside a p, a stray end tag).
    complaints = [e.message for e in parser.error_log if "invalid" not in e.message]
    assert complaints == [], body


def test_choice_inside_a_variant_reading_keeps_both_of_its_readings(folder, stylesheets):
    source = folder / "choice.xml"
    source.write_text(tei('<p><app><lem>a</lem><rdg wit="#W"><choice><sic>SIC</sic><corr>CORR</corr></choice></rdg></app></p>'),
                      encoding="utf-8")
    build([source], folder / "out2", "html", Settings(title="E", build_date="2000-01-01"), stylesheets)
    main = html.parse(str(folder / "out2" / "t.html")).getroot().xpath("string(//main)")
    assert "SIC" in main and "CORR" in main


def test_apparatus_inside_a_sic_keeps_every_reading(folder, stylesheets):
    source = folder / "nested.xml"
    source.write_text(tei("<p><choice><sic><app><lem>LEM</lem><rdg>RDG</rdg></app></sic><corr>CORR</corr></choice></p>"),
                      encoding="utf-8")
    build([source], folder / "out3", "html", Settings(title="E", build_date="2000-01-01"), stylesheets)
    main = html.parse(str(folder / "out3" / "t.html")).getroot().xpath("string(//main)")
    assert "LEM" in main and "RDG" in main and "CORR" in main
