"""The seed edition read as a reviewer would (issue 17): a quotation with its source, the source web
page's header folded where it stands, and a warning when nobody is named as having made an edition."""

from __future__ import annotations

import json

from lxml import html

from teipress.export import export_text
from teipress.maker import maker_warnings

from .conftest import TEI, tei
from .htmlview import view_text, words


def _page(site, name):
    return html.parse(str(site / name)).getroot()


def test_trotskys_words_of_8_june_1940_read_as_before_with_their_source_after_them(seed_edition, stylesheets):
    p1 = _page(seed_edition, "sedova-assassins.html").get_element_by_id("sedova-p1")
    [cit] = p1.find_class("tei-cit")
    quotation = words(cit.find(".//q"))
    assert quotation == ("“I can therefore say that I live on this earth not in accordance with the rule"
                         " but as an exception to the rule.”")
    [source] = cit.find_class("cit-source")
    # The reference follows the quotation, is the editors' (reading view only, out of the search index) and names it.
    assert source.getprevious().tag == "q"
    assert {"alt", "in-reading"} <= set(source.get("class").split()) and source.get("data-pagefind-ignore") == ""
    assert "Stalin Seeks My Death" in words(source) and "Fourth International" in words(source)
    assert source.find_class("cit-source-label")[0].get("title")
    reading = view_text(p1, "reading")
    assert "exception to the rule.” [Source: Leon Trotsky, “Stalin Seeks My Death”" in reading
    # Not a word of the text: neither the diplomatic view nor the exports show it.
    assert "Stalin Seeks" not in view_text(p1, "diplomatic")
    for view in ("reading", "diplomatic"):
        assert "Stalin Seeks" not in export_text(TEI / "sedova-assassins.xml", view, stylesheets)
    # The reply of 16 December 1928 names the letter it comes from.
    p10 = _page(seed_edition, "sedova-assassins.html").get_element_by_id("sedova-p10")
    [source] = p10.find_class("cit-source")
    assert "letter of 16 December 1928" in words(source) and "Trotsky’s Reply to Stalin" in words(source)
    assert view_text(p10, "diplomatic").endswith("Only contemptible renegades could be capable of binding themselves"
                                                 " to do so.”")


def test_the_headers_abstract_and_keywords_are_shown_with_the_texts_facts(seed_edition):
    page = _page(seed_edition, "agn-arrival.html")
    [keywords] = page.find_class("meta-keywords")
    assert words(keywords).startswith("Leon Trotsky, political asylum, political exile, Mexico")
    assert "arrival in Mexico as a refugee on 9 January 1937" in words(page.find_class("meta-abstract")[0])


def test_the_source_page_header_is_folded_where_it_stands_with_its_words_once_in_order(seed_edition, stylesheets):
    text = _page(seed_edition, "sedova-assassins.html").xpath('//section[@id="reading-text"]/div')[0]
    [folded] = text.xpath('.//details[contains(@class, "source-page")]')
    assert folded.find("summary").get("class") == "block-label"
    assert words(folded.find("summary")) == "Header of the source web page"
    # Its lines: the header image's words and the heading, nothing of the article.
    inside = view_text(folded, "diplomatic")
    assert inside == "natalia in red Natalia Sedova Trotsky"
    # Folded, not moved: the first block of the text, before the article's own title lines.
    assert text.xpath('.//*[contains(@class, "tei-front")]/*[1]')[0] is folded
    # Every word once, in the order of the source: the diplomatic view equals the export.
    exported = " ".join(export_text(TEI / "sedova-assassins.xml", "diplomatic", stylesheets).split())
    shown = view_text(text, "diplomatic")
    assert shown == exported
    assert shown.startswith("natalia in red Natalia Sedova Trotsky Natalia Sedov Trotsky Stalinist Assassins")
    assert shown.count("natalia in red") == 1
    # The information and navigation blocks of the page are folded too.
    assert len(text.xpath('.//details[contains(@class, "source-navigation")]')) == 2


def _edition(folder, title_stmt: str, publication_stmt: str):
    header = (f"<teiHeader><fileDesc><titleStmt><title>T</title>{title_stmt}</titleStmt>\n"
              f"<publicationStmt>{publication_stmt}</publicationStmt>"
              "<sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.xml").write_text(tei("<p>A text.</p>", header, "a"), encoding="utf-8")
    return folder


PROJECT = "<respStmt><resp>Encoding</resp><orgName>The teipress editors</orgName></respStmt>"
PERSON = "<respStmt><resp>Encoding</resp><persName>Ada Example</persName></respStmt>"


def test_an_edition_that_names_no_editor_and_no_contact_is_warned_at_its_header(tmp_path):
    folder = _edition(tmp_path / "e", PROJECT, "<publisher>teipress</publisher><address><addrLine>The editors</addrLine></address>")
    [warning] = maker_warnings([folder])
    assert (warning.file, warning.line, warning.severity) == (str(folder / "a.xml"), 3, "warning")
    assert warning.col == (folder / "a.xml").read_text().split("\n")[2].index("<titleStmt>") + 1
    assert "name no person as editor" in warning.message and "give no contact" in warning.message
    assert "add a person to <titleStmt> (line 3) and a contact to <publicationStmt> (line 4)" in warning.message


def test_a_named_editor_and_an_email_satisfy_the_reviewer(tmp_path):
    folder = _edition(tmp_path / "e", PERSON, "<publisher>teipress</publisher><address><addrLine>"
                      "<email>editors@example.org</email></addrLine></address>")
    assert maker_warnings([folder]) == []
    only_person = _edition(tmp_path / "p", PERSON, "<publisher>teipress</publisher>")
    [warning] = maker_warnings([only_person])
    assert "give no contact" in warning.message and "name no person" not in warning.message
    assert warning.line == 4 and warning.col == 1


def test_the_seed_gets_one_warning_at_the_first_texts_title_statement():
    # The seed names the project ("The teipress editors") and no person, and no contact: none is invented.
    [warning] = maker_warnings([TEI])
    lines = (TEI / "agn-arrival.xml").read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines, 1) if "<titleStmt>" in text)
    assert str(warning).startswith(f"{TEI / 'agn-arrival.xml'}:{line}:{lines[line - 1].index('<titleStmt>') + 1}:"
                                   " warning: who made this edition?")
    assert warning.severity == "warning"  # not an error: a build goes on and exits 0


def test_the_headers_are_read_again_only_where_a_file_changed(tmp_path, monkeypatch):
    from teipress import maker

    folder = _edition(tmp_path / "e", PROJECT, "<publisher>teipress</publisher>")
    memory = tmp_path / "cache" / "makers.json"
    [first] = maker_warnings([folder], memory=memory)
    read = []
    real = maker._read_header
    monkeypatch.setattr(maker, "_read_header", lambda path: read.append(path.name) or real(path))
    assert maker_warnings([folder], memory=memory) == [first] and read == []  # nothing changed: nothing read
    text = (folder / "a.xml").read_text(encoding="utf-8").replace(PROJECT, PERSON)
    (folder / "a.xml").write_text(text + "\n", encoding="utf-8")
    [warning] = maker_warnings([folder], memory=memory)
    assert read == ["a.xml"] and "name no person" not in warning.message and "give no contact" in warning.message


def test_a_broken_or_stale_memory_of_the_headers_is_read_past(tmp_path):
    folder = _edition(tmp_path / "e", PROJECT, "<publisher>teipress</publisher>")
    memory = tmp_path / "cache" / "makers.json"
    [first] = maker_warnings([folder], memory=memory)
    key = str((folder / "a.xml").resolve())
    remembered = json.loads(memory.read_text(encoding="utf-8"))
    for broken in ([True, "x", 3, 4, 5, 6], [True, False, "3", 4], "anything"):
        memory.write_text(json.dumps({key: [remembered[key][0], broken]}), encoding="utf-8")
        assert maker_warnings([folder], memory=memory) == [first]  # the header read again, no error
    memory.write_text("{not json", encoding="utf-8")
    assert maker_warnings([folder], memory=memory) == [first]
    memory.write_text(json.dumps({**remembered, "/gone/old.xml": [[1, 2], None]}), encoding="utf-8")
    maker_warnings([folder], memory=memory)
    assert list(json.loads(memory.read_text(encoding="utf-8"))) == [key]  # a file no longer there is forgotten
