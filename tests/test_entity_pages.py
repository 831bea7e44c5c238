"""One page per register entry: its card, every mention in its sentence, the texts naming it; the
register pages as paged indexes; the chronology in pages per period; a touched text rebuilding
only the pages of the entries and periods it names; the hook other modules add sections through."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from lxml import etree, html

from teipress.config import Settings
from teipress.pipeline import build

from .conftest import FIXTURES, TEI
from .test_valid_html import java  # noqa: F401 - the fixture: Java and the Nu Html Checker

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
SETTINGS = Settings(title="Mini", build_date="2026-11-24")
MENTION_NAMES = ("persName", "placeName", "orgName", "objectName", "geogName", "name", "rs")


def _page(site, name):
    return html.parse(str(site / name)).getroot()


def _words(element) -> str:
    return " ".join(element.text_content().split())


def _mentions(entry: str) -> list:
    """The mentions of ``entry`` in the seed texts' text elements, read from the TEI (the test's own oracle)."""
    found = []
    for name in ("agn-arrival", "sedova-assassins"):
        tei = etree.parse(str(TEI / f"{name}.xml"))
        for element in tei.xpath("//tei:text//*[@ref]", namespaces=NS):
            if etree.QName(element).localname in MENTION_NAMES and \
                    any(uri.rsplit("#", 1)[-1] == entry for uri in element.get("ref").split()):
                found.append((name, element))
    return found


def _reading(element) -> str:
    """The words of a mention as the reading text gives them: of a choice the corrected, regularised, expanded reading."""
    def words(el):
        yield el.text or ""
        for child in el:
            name = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if name and not (name in ("sic", "orig", "abbr") and etree.QName(el).localname == "choice") and name != "note":
                yield from words(child)
            yield child.tail or ""
    return " ".join("".join(words(element)).split())


def test_an_entity_page_quotes_every_mention_in_its_sentence(seed_edition):
    page = _page(seed_edition, "persons/pers-trotsky.html")
    assert _words(page.xpath("//h1")[0]) == "Leon Trotsky"
    lines = page.xpath('//li[@class="kwic-line"]')
    assert len(lines) == len(_mentions("pers-trotsky"))
    # Each line: the mention's own words, between the words of its sentence, and a link to its place in its text.
    for (text, mention), line in zip(_mentions("pers-trotsky"), lines):
        assert line.xpath('.//a[@class="kwic-locus"]/@href')[0].startswith(f"../{text}.html#")
        assert _words(line.xpath('.//mark[@class="kwic-mention"]')[0]) == _reading(mention)
    # The texts that name it, each with its number of mentions, link their pages.
    texts = page.xpath('//section[@class="entity-texts"]//a/@href')
    assert texts == ["../agn-arrival.html", "../sedova-assassins.html"]
    # The card: dates, authority file; the entries named with it link their own pages.
    assert "7 November 1879" in _words(page.xpath('//dd[@class="entry-birth"]')[0])
    assert page.xpath('//a[contains(@class, "authority")]/@href') == ["https://www.wikidata.org/wiki/Q33391"]
    related = page.xpath('//section[@class="entity-related"]//a/@href')
    assert related and all(href.startswith("../") and (seed_edition / href[3:]).is_file() for href in related)
    # The page's frame links up to the site's root.
    assert page.xpath('//link[@rel="stylesheet"]/@href') == ["../assets/teipress.css"]
    assert "../persons.html" in page.xpath('//nav[@class="site-nav"]//a/@href')


def test_a_mention_in_a_sentence_is_quoted_with_its_sentence_only(seed_edition):
    """The words around a mention stop at its sentence: the quote of a paragraph's first name ends at a full stop."""
    page = _page(seed_edition, "places/pl-coyoacan.html")
    for line in page.xpath('//li[@class="kwic-line"]'):
        after = _words(line.xpath('.//span[@class="kwic-after"]')[0])
        assert after.count(". ") == 0, after


def test_every_link_to_an_entry_goes_to_its_page(seed_edition):
    text = _page(seed_edition, "sedova-assassins.html")
    links = text.xpath('//section[@id="reading-text"]//a[contains(@class, "name")][@data-entry]')
    assert links
    for link in links:
        folder, _, file = link.get("href").partition("/")
        assert folder in ("persons", "places", "organisations", "objects", "events") and file == f"{link.get('data-entry')}.html"
        assert (seed_edition / link.get("href")).is_file()
    cards = text.xpath('//div[contains(@class, "entity-card")]//p[@class="card-name"]/a/@href')
    assert cards and all((seed_edition / href).is_file() for href in cards)


def test_a_register_page_is_an_index_whose_rows_keep_the_old_anchors(seed_edition):
    page = _page(seed_edition, "persons.html")
    row = page.get_element_by_id("pers-trotsky")
    assert row.tag == "li"
    assert row.xpath('a/@href') == ["persons/pers-trotsky.html"]
    assert _words(row) == f"Trotsky, Leon (1879–1940) {len(_mentions('pers-trotsky'))}×"
    assert page.xpath('//article[contains(@class, "entry")]') == []  # no entry is printed whole any more
    initials = page.xpath('//nav[@class="register-initials"]//a/@href')
    assert initials and all(href.startswith("#initial-") and page.get_element_by_id(href[1:]) is not None for href in initials)


def test_the_chronology_is_an_overview_of_pages_per_period(seed_edition):
    overview = _page(seed_edition, "chronology.html")
    periods = overview.xpath('//nav[contains(@class, "chrono-periods")]//a/@href')
    assert "chronology/1940-1949.html" in periods  # the seed spans centuries: a page per decade
    counts = [int(_words(li.xpath('.//span[@class="chrono-count"]')[0]).strip("()").split()[0])
              for li in overview.xpath('//nav[contains(@class, "chrono-periods")]//li')]
    pages = [_page(seed_edition, href).xpath('//li[contains(@class, "chrono-item")]') for href in periods]
    assert counts == [len(items) for items in pages]
    assert all(item.get("data-start")[:3] == href.split("/")[1][:3] for href, items in zip(periods, pages) for item in items)


def _register(count: int) -> str:
    """A register of ``count`` invented persons, their surnames spread over the alphabet."""
    syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "ze", "bi", "do"]
    people = []
    for n in range(count):
        surname = (chr(ord("A") + n % 26) + syllables[n % 10] + syllables[(n // 10) % 10]).capitalize()
        people.append(f'<person xml:id="p{n:04d}"><persName type="main"><forename>Ana{n}</forename> '
                      f'<surname>{surname}</surname></persName></person>')
    return ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="registers"><teiHeader><fileDesc><titleStmt><title>Registers'
            '</title></titleStmt><publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Invented.</p></sourceDesc>'
            '</fileDesc></teiHeader><standOff><listPerson>'
            + "".join(people) + "</listPerson></standOff></TEI>")


def _text(count: int) -> str:
    names = "".join(f'<p>Here <persName ref="registers.xml#p{n:04d}">Ana{n}</persName> came. Then left.</p>'
                    for n in range(count))
    return ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="many"><teiHeader><fileDesc><titleStmt><title>Many'
            '</title></titleStmt><publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Invented.</p>'
            f'</sourceDesc></fileDesc></teiHeader><text><body>{names}</body></text></TEI>')


def test_a_register_of_1200_persons_is_an_index_in_pages_of_at_most_500(tmp_path, stylesheets):
    sources = tmp_path / "tei"
    sources.mkdir()
    (sources / "registers.xml").write_text(_register(1200), encoding="utf-8")
    (sources / "many.xml").write_text(_text(1200), encoding="utf-8")
    out = tmp_path / "out"
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    files = ["persons.html", "persons-2.html", "persons-3.html"]
    assert not (out / "persons-4.html").exists()
    rows = {name: _page(out, name).xpath('//li[contains(@class, "register-row")]') for name in files}
    assert [len(r) for r in rows.values()] == [500, 500, 200]
    ids = [row.get("id") for r in rows.values() for row in r]
    assert sorted(ids) == [f"p{n:04d}" for n in range(1200)]
    # Sorted by surname across the pages; each initial links the page it starts on.
    surnames = [_words(row.xpath("a")[0]) for r in rows.values() for row in r]
    assert surnames == sorted(surnames, key=str.casefold)
    first = _page(out, "persons.html")
    for href in first.xpath('//nav[@class="register-initials"]//a/@href'):
        target, _, anchor = href.partition("#")
        assert _page(out, target or "persons.html").get_element_by_id(anchor) is not None
    assert first.xpath('//nav[@class="pager"]//a[@aria-current="page"]/@href')[0] == "persons.html"
    # Every person has a page quoting its mention in its sentence.
    page = _page(out, "persons/p0777.html")
    assert _words(page.xpath('//span[@class="kwic-context"]')[0]) == "Here Ana777 came."
    assert len(list((out / "persons").glob("*.html"))) == 1200


@pytest.fixture
def mini(tmp_path, stylesheets):
    sources = tmp_path / "tei"
    shutil.copytree(FIXTURES / "mini", sources)
    out = tmp_path / "out"
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return sources, out


def _stamps(out):
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*.html")}


def test_a_touched_text_rebuilds_only_the_pages_of_the_entries_it_names(mini, stylesheets):
    sources, out = mini
    before = _stamps(out)
    text = sources / "text-two.xml"
    content = text.read_text(encoding="utf-8")
    assert "Captain Quint" in content
    text.write_text(content.replace("Captain Quint", "Skipper Quint", 1), encoding="utf-8")
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert not report.failed
    after = _stamps(out)
    rewritten = {name for name in after if before.get(name) != after[name]}
    # The page of the entry whose mention changed, which says so; the build's summary lists it.
    assert "persons/pers-quint.html" in rewritten
    assert "Skipper Quint" in (out / "persons/pers-quint.html").read_text(encoding="utf-8")
    assert out / "persons/pers-quint.html" in report.written
    # Veracruz is named by text-one only: its page is not made again.
    assert "places/pl-veracruz.html" not in rewritten
    named = {ref.rsplit("#", 1)[-1] for ref in etree.parse(str(text)).xpath("//tei:text//@ref", namespaces=NS)}
    assert "pl-veracruz" not in named
    entity_pages = {name for name in rewritten if name.split("/")[0] in ("persons", "places", "organisations", "objects", "events")}
    assert {name.split("/")[1].removesuffix(".html") for name in entity_pages} <= named


def test_an_edit_of_the_prose_around_names_rebuilds_only_their_pages(mini, stylesheets):
    """An entity's page quotes the sentence of each mention: an edit of a sentence rebuilds the
    pages of the names in it, not those of the text's other names, and no period's page."""
    sources, out = mini
    before = _stamps(out)
    text = sources / "text-two.xml"
    content = text.read_text(encoding="utf-8")
    assert content.count("your letter reached") == 1
    text.write_text(content.replace("your letter reached", "your letter came to"), encoding="utf-8")
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert not report.failed
    after = _stamps(out)
    rewritten = {name for name in after if before.get(name) != after[name]}
    assert {name for name in rewritten if "/" in name} == {"persons/pers-mora.html", "places/pl-lisbon.html"}
    assert "your letter came to" in (out / "places/pl-lisbon.html").read_text(encoding="utf-8")
    # The text's other names (Quint, the Aurora, the Board) and its dates' periods are as they were.
    assert "text-two.html" in rewritten and "persons/pers-quint.html" in before


def test_an_entry_no_text_names_any_more_loses_its_page(mini, stylesheets):
    sources, out = mini
    assert (out / "places/pl-veracruz.html").is_file()
    text = sources / "text-one.xml"
    content = text.read_text(encoding="utf-8")
    text.write_text(content.replace('ref="registers.xml#pl-veracruz"', 'ref="registers.xml#pl-lisbon"'), encoding="utf-8")
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert not report.failed
    assert not (out / "places/pl-veracruz.html").exists()
    assert (out / "places/pl-lisbon.html").is_file()
    assert 'id="pl-veracruz"' not in (out / "places.html").read_text(encoding="utf-8")


HOOK = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:tp="https://teipress.org/ns" exclude-result-prefixes="#all">
  <xsl:template match="tei:place" mode="tp:entity-sections">
    <xsl:param name="mentions" as="element()*" tunnel="yes"/>
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <section class="test-section"><p>{count($mentions)} mentions in {count($edition/tp:text)} texts</p>
      <a href="index.html">home</a></section>
    <xsl:next-match/>
  </xsl:template>
</xsl:stylesheet>
"""


def test_a_module_adds_a_section_to_entity_pages_through_the_hook(tmp_path):
    from teipress.transform import Stylesheets

    overrides = tmp_path / "xslt" / "html"
    overrides.mkdir(parents=True)
    (overrides / "extra.xsl").write_text(HOOK.replace('<section', '<section xmlns=""').replace(
        "<xsl:stylesheet", '<xsl:stylesheet expand-text="yes"'), encoding="utf-8")
    sources = tmp_path / "tei"
    shutil.copytree(FIXTURES / "mini", sources)
    out = tmp_path / "out"
    report = build([sources], out, "html", SETTINGS, Stylesheets(tmp_path / "xslt"))
    assert not report.failed, [str(d) for d in report.diagnostics]
    page = _page(out, "places/pl-lisbon.html")
    section = page.xpath('//section[@class="test-section"]')
    assert len(section) == 1
    lines = len(page.xpath('//li[@class="kwic-line"]'))
    assert _words(section[0].xpath("p")[0]) == f"{lines} mentions in 2 texts"
    assert section[0].xpath("a/@href") == ["../index.html"]  # links from the root, moved with the page
    # After the card, before the mentions; and only on places' pages.
    order = [el.get("class") for el in page.xpath('//article/section')]
    assert order.index("entity-card") < order.index("test-section") < order.index("entity-mentions")
    assert not _page(out, "persons/pers-quint.html").xpath('//section[@class="test-section"]')


def test_entity_and_period_pages_are_valid_html(seed_edition, java):
    from .test_valid_html import vnu_errors

    pages = sorted([*seed_edition.glob("persons/*.html"), *seed_edition.glob("places/*.html"),
                    *seed_edition.glob("chronology/*.html")])
    assert len(pages) > 20
    assert vnu_errors(java, pages) == []


def _files(stylesheets, parameters):
    """Run html/entities.xsl on the seed edition (whole texts) and give its pages by file name."""
    from teipress.corpus import read_corpus
    from teipress.edition import edition_tree
    from teipress.outputs import select

    node = stylesheets.node(edition_tree(read_corpus([TEI]), Settings(title="Seed", build_date="2026-11-24"), select("html")))
    result = etree.fromstring(stylesheets.run("html/entities.xsl", node, parameters).encode("utf-8"))
    return {file.get("name"): html.fromstring(file.text) for file in result}


def test_a_long_list_of_texts_is_in_pages(stylesheets):
    pages = _files(stylesheets, {"set": "index", "page": "index", "index-page-size": 1})
    assert list(pages) == ["index.html", "index-2.html"]
    first, second = pages["index.html"], pages["index-2.html"]
    assert [_words(li.xpath(".//h3")[0]) for li in first.xpath('//li[contains(@class, "text-item")]')] == [
        "Remembering the arrival of Leon Trotsky to Mexico as a refugee"]
    assert len(second.xpath('//li[contains(@class, "text-item")]')) == 1
    assert second.xpath('//ol[@class="text-list"]/@start') == ["2"]
    # The registers and the introduction are on the first page only; each page links the other.
    assert first.xpath('//section[@class="registers"]') and not second.xpath('//section[@class="registers"]')
    assert second.xpath('//nav[@class="pager"]//a[@rel="prev"]/@href')[0] == "index.html"
    assert first.xpath('//nav[@class="pager"]//a[@aria-current="page"]/@href')[0] == "index.html"


def test_register_pages_split_where_the_size_says(stylesheets):
    pages = _files(stylesheets, {"set": "register", "page": "persons", "register-page-size": 10})
    assert list(pages) == ["persons.html", "persons-2.html", "persons-3.html"]
    rows = [row.get("id") for page in pages.values() for row in page.xpath('//li[contains(@class, "register-row")]')]
    assert len(rows) == len(set(rows)) == 22 and "pers-trotsky" in rows
    # An initial's link names the page it starts on.
    for href in pages["persons.html"].xpath('//nav[@class="register-initials"]//a/@href'):
        target, _, anchor = href.partition("#")
        assert pages[target or "persons.html"].get_element_by_id(anchor) is not None


def test_the_stale_pages_are_shared_out_in_sets_that_keep_every_worker_busy():
    from teipress.entity_units import ENTITY, PERIOD, SET_SIZE, set_parameters

    stale = [f"{ENTITY}pers-{n:03}" for n in range(35)] + [f"{PERIOD}{year}" for year in range(1930, 1935)]
    for workers, entity_sets, period_sets in ((1, 1, 1), (2, 2, 2), (8, 8, 5)):
        sets = [dict(parameters) for parameters in set_parameters(stale, workers)]
        assert [s["set"] for s in sets].count("entities") == entity_sets
        assert [s["set"] for s in sets].count("periods") == period_sets
        named = [name for s in sets for name in s["ids"].split()]
        assert sorted(named) == sorted(name.split(":", 1)[1] for name in stale)  # each page in one set only
    many = [f"{ENTITY}pers-{n:04}" for n in range(SET_SIZE * 3 + 1)]
    assert max(len(dict(p)["ids"].split()) for p in set_parameters(many, 2)) <= SET_SIZE
    assert len(set_parameters(many, 2)) == 4  # 301 pages: four sets, two for each worker
    assert len(set_parameters(many[:250], 2)) == 4  # not three: one worker would make two while the other waits


def test_every_page_is_made_from_the_shapes_and_a_set_of_entity_pages_is_given_its_contexts(tmp_path, stylesheets, monkeypatch):
    """The words around each mention (two thirds of an extract) are in no edition document: every page
    is made from one document of the texts' shapes, which holds every text, and a set of entity pages
    is given the contexts of its own entries' mentions beside it, keyed by text and number. The pages
    quote every mention in its sentence as before (the tests above)."""
    from teipress.execute import Executor
    from teipress.kwic import AFTER, BEFORE, NUMBER

    seen = []
    pages = Executor.pages
    parser = etree.XMLParser(collect_ids=False)  # every text's header has its own xml:ids

    def spy(self, jobs, staging):
        seen.extend((document.name, etree.fromstring(document.data(), parser), job) for document, job in jobs)
        return pages(self, jobs, staging)

    monkeypatch.setattr(Executor, "pages", spy)
    sources = tmp_path / "tei"
    shutil.copytree(FIXTURES / "mini", sources)
    report = build([sources], tmp_path / "out", "html", SETTINGS, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]

    texts = {p.stem for p in sources.glob("text-*.xml")}
    kinds = {dict(job.parameters).get("set", job.target) for _, _, job in seen}
    assert {"entities", "periods", "about.html"} <= kinds
    assert len({name for name, _, _ in seen}) == 1, "more than one edition document"
    for _, doc, job in seen:
        assert {t.get("id") for t in doc.iterfind("{https://teipress.org/ns}text")} == texts
        mentions = doc.xpath("//tp:text//tei:text//*[@ref]", namespaces={**NS, "tp": "https://teipress.org/ns"})
        assert mentions and all(m.get(BEFORE) is None and m.get(AFTER) is None and m.get(NUMBER) for m in mentions)
        if dict(job.parameters).get("set") != "entities":
            assert getattr(job, "contexts", None) is None, job.label
            continue
        given = json.loads(job.contexts.json())
        # Each mention of the set's entries, and none of another entry's.
        numbered = {f"{m.xpath('ancestor::tp:text/@id', namespaces={'tp': 'https://teipress.org/ns'})[0]} {m.get(NUMBER)}"
                    for m in mentions if {r.rsplit("#", 1)[-1] for r in m.get("ref").split()} & job.contexts.entries}
        assert numbered and given.keys() == numbered, job.label


def test_a_new_letter_to_a_correspondent_its_text_does_not_name_is_on_the_correspondents_page(tmp_path, stylesheets):
    """A person's page lists the letters they sent and received (their correspDesc), also those whose
    text does not name them: such a letter rebuilds the page of each of its correspondents."""


    from .letters_edition import letter, write_edition

    folder, out = write_edition(tmp_path / "tei"), tmp_path / "out"
    settings = Settings(title="Weber letters", build_date="2000-01-01")
    assert not build([folder], out, "html", settings, stylesheets).failed

    def letters(person, kind="received"):
        return [href.rsplit("/", 1)[-1] for href in
                _page(out, f"persons/{person}.html").xpath(f'//ol[contains(@class, "letters-{kind}")]//a/@href')]

    assert (letters("gaensbacher", "sent"), letters("gaensbacher")) == (["a1810.html"], [])
    new = letter("e1827.xml", "weber", "dresden", 'when="1827-03-01"', "gaensbacher", "")
    body = '<p><persName ref="registers.xml#weber">Carl Maria von Weber</persName> writes again.</p>'
    (folder / "e1827.xml").write_text(re.sub("<body>.*</body>", f"<body>{body}</body>", new), encoding="utf-8")
    report = build([folder], out, "html", settings, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    assert letters("gaensbacher") == ["e1827.html"]


def _mixed_letters(folder):
    """The letters edition with an essay that is no letter, naming a place only it names (its page's
    navigation still links the letters' network) and two the letters name, and a register note naming
    a person the essay does not name."""
    from .letters_edition import write_edition

    write_edition(folder)
    registers = (folder / "registers.xml").read_text(encoding="utf-8")
    (folder / "registers.xml").write_text(registers.replace(
        "<placeName>Mannheim</placeName>",
        '<placeName>Mannheim</placeName><note>Where <persName ref="#weber">Weber</persName> once wrote.</note>').replace(
        "</listPlace>", '<place xml:id="heidelberg"><placeName>Heidelberg</placeName></place></listPlace>'),
        encoding="utf-8")
    (folder / "essay.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="essay"><teiHeader><fileDesc><titleStmt><title>On Mannheim'
        "</title></titleStmt><publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Test</p></sourceDesc>"
        '</fileDesc></teiHeader><text><body><p>A word on <placeName ref="registers.xml#mannheim">Mannheim</placeName>'
        ', <placeName ref="registers.xml#wien">Vienna</placeName> and <placeName ref="registers.xml#heidelberg">Heidelberg</placeName>.</p></body></text></TEI>', encoding="utf-8")
    return folder


@pytest.mark.parametrize("edition", ["seed", "mini", "mixed-letters"])
@pytest.mark.parametrize("own", [0, 1], ids=["shapes", "own-documents"])
def test_entity_pages_from_the_shapes_and_their_contexts_equal_those_from_every_whole_extract(edition, own, tmp_path,
                                                                                            stylesheets, monkeypatch):
    """A set of entity pages is made from the document of the texts' shapes (no contexts), or from a
    document of its own texts' shapes (and every other text's header, the entries with a page declared)
    when they are few, the contexts of its own entries' mentions given beside it (the kwic parameter):
    its pages are those the document of every whole extract gives, byte for byte."""
    from teipress import edition_document, entity_units

    monkeypatch.setattr(entity_units, "SET_SIZE", 1)  # a set per entry: each is given some of the contexts only
    monkeypatch.setattr(edition_document, "OWN_DOCUMENT_SHARE", own)  # 0: never its own document; 1: always
    sources = {"seed": lambda: TEI, "mini": lambda: FIXTURES / "mini",
               "mixed-letters": lambda: _mixed_letters(tmp_path / "letters")}[edition]()
    settings = Settings(title="Entities", build_date="2026-11-24", url="https://example.org/e/")
    given = []
    paired = edition_document.EditionDocuments.paired

    def shapes(self, job):
        document, job = paired(self, job)
        if job.entries:
            assert (document == self.document(False)) == (not own) and document != self.document(True)
            assert (b"published-entries=" in document.head) == bool(own)
            given.append((job.entries, len(job.contexts.texts), len(self.found.texts), job.contexts.json(),
                          sum(header for *_, header in document.texts)))
        return document, job

    def whole(self, job):
        return (self.document(True), job) if job.entries else paired(self, job)

    pages = {}
    for name, pairing in (("whole", whole), ("shapes", shapes)):
        monkeypatch.setattr(edition_document.EditionDocuments, "paired", pairing)
        out = tmp_path / f"out-{name}"
        report = build([sources], out, "html", settings, stylesheets, jobs=1)
        assert not report.failed, [str(d) for d in report.diagnostics]
        pages[name] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.glob("*/*.html")
                       if p.parent.name not in ("assets", "chronology")}
        assert pages[name], "no entity page"
    assert any(texts < every for _, texts, every, _, _ in given), "no set was given the contexts of some texts only"
    assert all('":["' in kwic for _, texts, _, kwic, _ in given if texts), "a set's texts gave no contexts"
    # An own document holds only the headers of the texts that do not name the set's entries.
    assert all(headers == (every - texts if own else 0) for _, texts, every, _, headers in given)
    assert pages["whole"].keys() == pages["shapes"].keys()
    different = [name for name in pages["whole"] if pages["whole"][name] != pages["shapes"][name]]
    assert different == []


def test_a_set_gets_its_own_document_when_its_texts_are_few(tmp_path, stylesheets, monkeypatch):
    """A saved text rebuilds the pages of the entries it names: their texts are a few of the edition's,
    and their set is made from a document of those (the others' headers only), not from every shape."""
    from teipress import edition_document
    from teipress.edition_document import header_only

    extract = b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><x/></teiHeader><text><p>words</p></text></TEI>'
    assert header_only(extract) == b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><x/></teiHeader></TEI>'
    assert header_only(b"<TEI><text/></TEI>") == b"<TEI><text/></TEI>"

    chosen = []
    paired = edition_document.EditionDocuments.paired

    def spy(self, job):
        document, job = paired(self, job)
        if job.entries:
            chosen.append((len(job.contexts.texts) / len(self.found.texts), document == self.document(False)))
        return document, job

    monkeypatch.setattr(edition_document.EditionDocuments, "paired", spy)
    from teipress import entity_units

    monkeypatch.setattr(entity_units, "SET_SIZE", 1)
    report = build([_mixed_letters(tmp_path / "letters")], tmp_path / "out", "html", SETTINGS, stylesheets, jobs=1)
    assert not report.failed, [str(d) for d in report.diagnostics]
    assert chosen and all(shared == (share > edition_document.OWN_DOCUMENT_SHARE) for share, shared in chosen)
    assert {shared for _, shared in chosen} == {True, False}, chosen


def test_an_extract_gives_the_contexts_of_the_mentions_of_a_set_only():
    from teipress.edition_document import contexts_in

    extract = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:tp="https://teipress.org/ns"><text><p>'
               '<persName ref="registers.xml#a" tp:n="1" tp:before="one " tp:after=" two">A</persName>'
               '<placeName type="x" ref="#b #c" tp:n="2" tp:before="three &quot;&amp; " tp:after=" four &lt;">B</placeName>'
               '<persName ref="#d" tp:n="3" tp:before="" tp:after="">D</persName></p></text></TEI>').encode()
    assert contexts_in(extract, frozenset({"c"})) == [("2", 'three "& ', " four <")]
    assert contexts_in(extract, frozenset({"a", "d"})) == [("1", "one ", " two"), ("3", "", "")]
    # A text that binds tp elsewhere is parsed (its contexts are under another prefix).
    other = extract.replace(b' xmlns:tp="https://teipress.org/ns"', b"").replace(
        b"<text>", b'<text xmlns:tp="https://teipress.org/ns">')
    assert contexts_in(other, frozenset({"c", "d"})) == [("2", 'three "& ', " four <"), ("3", "", "")]


def test_the_contexts_of_a_set_are_read_by_text_id_and_number(tmp_path):
    from teipress.edition_document import Contexts

    (tmp_path / "x.xml").write_bytes(
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:tp="https://teipress.org/ns"><text><p>'
        b'<persName ref="#a" tp:n="7" tp:before="\xc3\xa0 la " tp:after=".">A</persName></p></text></TEI>')
    assert json.loads(Contexts(frozenset({"a"}), (("letter-1", str(tmp_path / "x.xml")),)).json()) == {
        "letter-1 7": ["\u00e0 la ", "."]}


def test_a_mention_is_numbered_in_its_text_and_keeps_its_number_in_the_shape():
    from teipress.kwic import NUMBER, mark_contexts, without_contexts

    text = etree.fromstring('<text xmlns="http://www.tei-c.org/ns/1.0"><body><p>To <name ref="#a">A</name>.</p>'
                            '<p>From <name ref="#b">B</name> and <name ref="#a">A</name>.</p></body></text>')
    mark_contexts(text)
    numbers = [e.get(NUMBER) for e in text.iter() if e.get("ref")]
    assert sorted(numbers) == ["1", "2", "3"]
    assert [e.get(NUMBER) for e in without_contexts(text).iter() if e.get("ref")] == numbers


def test_a_sources_own_number_and_contexts_do_not_hide_a_mentions_contexts():
    """A source that gives a mention attributes of teipress's names (tp:n, tp:before) before its @ref:
    the extract's own end its start tag, and its contexts are read from the extract."""
    from teipress.edition_document import contexts_in
    from teipress.extract import serialize
    from teipress.kwic import mark_contexts

    root = etree.fromstring('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:tp="https://teipress.org/ns"><text><body>'
                            '<p>We wrote to <name tp:n="99" tp:before="forged" ref="#q">Quint</name> in Lisbon.</p>'
                            '</body></text></TEI>')
    mark_contexts(root[0])
    assert contexts_in(serialize(root), frozenset({"q"})) == [("1", "We wrote to ", " in Lisbon.")]
