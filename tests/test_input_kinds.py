"""Inputs libxml2 refuses as they are, read all the same: a DOCTYPE naming an external
parameter entity, an xml:id given twice, and texts inside a teiCorpus."""

from __future__ import annotations

from click.testing import CliRunner
from lxml import html

from teipress.cli import main

from .conftest import MAKER_WARNING, SITEMAP_WARNING, tei, write


def _run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def _build(folder, out):
    return _run("build", folder, "--out", out, "--format", "html", "--build-date", "2000-01-01")


def _words(page) -> str:
    return " ".join(html.parse(str(page)).getroot().text_content().split())


def _lines(output: str, marker: str) -> list[str]:
    """Give the lines of ``output`` with ``marker``, but the warnings that (having no url) the edition has no sitemap
    and that its headers name no editor (conftest.MAKER_WARNING)."""
    return [line for line in output.splitlines() if marker in line and line != SITEMAP_WARNING and MAKER_WARNING not in line]


def test_doctype_with_external_parameter_entity_builds_with_one_warning_at_the_doctype(tmp_path):
    declaration, rest = tei("<p>Sehr geehrter &ed; Herr</p>", xml_id="brief").split("\n", 1)
    doctype = '<!DOCTYPE TEI [<!ENTITY % ents SYSTEM "../schema/ents.dtd"> <!ENTITY ed "lieber"> %ents; ]>'
    write(tmp_path / "ed" / "brief.xml", f"{declaration}\n{doctype}\n{rest}")
    result = _build(tmp_path / "ed", tmp_path / "out")
    assert result.exit_code == 0, result.output
    [warning] = _lines(result.output, "warning")
    assert f"{tmp_path / 'ed' / 'brief.xml'}:2:1: warning: the DOCTYPE's external declarations are not read" in warning
    assert "Sehr geehrter lieber Herr" in _words(tmp_path / "out" / "brief.html")


def test_entity_used_but_declared_nowhere_is_a_located_error(tmp_path):
    declaration, rest = tei("<p>x</p>\n<p>ein &fehlt; hier</p>").split("\n", 1)
    doctype = '<!DOCTYPE TEI [<!ENTITY % ents SYSTEM "ents.dtd"> %ents; ]>'
    source = f"{declaration}\n{doctype}\n{rest}"
    path = write(tmp_path / "ed" / "a.xml", source)
    line = source.splitlines().index("<p>ein &fehlt; hier</p>") + 1
    result = _build(tmp_path / "ed", tmp_path / "out")
    assert result.exit_code == 1
    [error] = _lines(result.output, ": error:")
    assert error.startswith(f"{path}:{line}:{len('<p>ein &fehlt;') + 1}: error: the entity '&fehlt;' is used but not declared")


def test_duplicate_xml_id_builds_with_a_warning_and_unique_ids_in_the_page(tmp_path):
    body = '<p xml:id="x">erste Zeile</p>\n<p xml:id="x">zweite Zeile</p>'
    path = write(tmp_path / "ed" / "a.xml", tei(body))
    lines = path.read_text().splitlines()
    first, second = lines.index('<p xml:id="x">erste Zeile</p>') + 1, lines.index('<p xml:id="x">zweite Zeile</p>') + 1
    result = _build(tmp_path / "ed", tmp_path / "out")
    assert result.exit_code == 0, result.output
    [warning] = _lines(result.output, "warning")
    assert warning.startswith(f"{path}:{second}:1: warning: the xml:id 'x' is given twice")
    assert f"{path}:{first}:1" in warning and "'x-2'" in warning
    page = html.parse(str(tmp_path / "out" / "t.html")).getroot()
    assert len(page.xpath("//*[@id='x']")) == 1 and len(page.xpath("//*[@id='x-2']")) == 1
    assert "erste Zeile" in _words(tmp_path / "out" / "t.html") and "zweite Zeile" in _words(tmp_path / "out" / "t.html")
    # The TEI copy is the file as given.
    assert (tmp_path / "out" / "tei" / "a.xml").read_bytes() == path.read_bytes()


def test_duplicate_xml_id_is_a_validation_error_at_the_second_occurrence(tmp_path):
    path = write(tmp_path / "ed" / "a.xml", tei('<p xml:id="x">eins</p>\n<p xml:id="x">zwei</p>'))
    second = path.read_text().splitlines().index('<p xml:id="x">zwei</p>') + 1
    result = _run("validate", tmp_path / "ed")
    assert result.exit_code == 1
    [error] = _lines(result.output, ": error:")
    assert error.startswith(f"{path}:{second}:1: error: the xml:id 'x' is already given at {path}:{second - 1}:1")


def _header(title: str) -> str:
    return (f"<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt><publicationStmt><p>P</p>"
            "</publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>")


def _corpus() -> str:
    """A teiCorpus with a text of its own id and, in a nested teiCorpus, one without an id."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xml:id="briefe">\n{_header("Die Briefe")}\n'
        f'<TEI xml:id="b1">{_header("Eins")}\n<text><body><p>erster Brief</p></body></text></TEI>\n'
        f'<teiCorpus>{_header("Innen")}\n'
        f'<TEI>{_header("Zwei")}\n<text><body><p>zweiter Brief</p></body></text></TEI>\n'
        "</teiCorpus>\n</teiCorpus>\n")


def test_every_tei_of_a_nested_teicorpus_is_a_text_with_its_own_page(tmp_path):
    path = write(tmp_path / "ed" / "corp.xml", _corpus())
    result = _build(tmp_path / "ed", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "erster Brief" in _words(tmp_path / "out" / "b1.html")  # its own xml:id
    assert "zweiter Brief" in _words(tmp_path / "out" / "corp-2.html")  # <file stem>-<n>
    assert "erster Brief" not in _words(tmp_path / "out" / "corp-2.html")
    assert (tmp_path / "out" / "tei" / "corp.xml").read_bytes() == path.read_bytes()
    import zipfile

    with zipfile.ZipFile(tmp_path / "out" / "data" / "edition-data.zip") as archive:
        names = archive.namelist()
    assert names.count("tei/corp.xml") == 1  # the file of both texts, packed once
    # The cache knows the file once; nothing is rebuilt when it did not change.
    again = _build(tmp_path / "ed", tmp_path / "out")
    assert again.exit_code == 0 and "built 0, unchanged 2" in again.output


def test_a_teicorpus_header_is_a_collection_page_that_lists_its_texts(tmp_path):
    write(tmp_path / "ed" / "corp.xml", _corpus())
    write(tmp_path / "ed" / "alone.xml", tei("<p>ein Text allein</p>", xml_id="alone"))
    result = _build(tmp_path / "ed", tmp_path / "out")
    assert result.exit_code == 0, result.output
    page = html.parse(str(tmp_path / "out" / "briefe.html")).getroot()  # the teiCorpus's xml:id
    assert " ".join(page.xpath("string(//h1)").split()) == "Die Briefe"
    assert "Collection" in page.xpath("string(//p[@class='collection-kind'])")
    listed = [(a.get("href"), a.text) for a in page.xpath("//ol[@class='text-list']//h3/a")]
    assert listed == [("b1.html", "Eins"), ("corp-2.html", "Zwei")]  # both texts, the nested one too
    assert page.xpath("//p[@class='text-collection']") == []  # not said again on its own page
    index = html.parse(str(tmp_path / "out" / "index.html")).getroot()
    assert index.xpath("//ul[@class='collection-list']//a/@href") == ["briefe.html"]
    assert "(2 texts)" in " ".join(index.xpath("string(//ul[@class='collection-list'])").split())
    # The lone text is in no collection; each text of the corpus says which it is in.
    assert [" ".join(p.text_content().split()) for p in index.xpath("//p[@class='text-collection']")] == [
        "In the collection: Die Briefe", "In the collection: Die Briefe"]
    # The corpus header changed alone: the collection page is made again.
    write(tmp_path / "ed" / "corp.xml", _corpus().replace("Die Briefe", "Alle Briefe"))
    assert _build(tmp_path / "ed", tmp_path / "out").exit_code == 0
    assert "Alle Briefe" in html.parse(str(tmp_path / "out" / "briefe.html")).getroot().xpath("string(//h1)")


def test_a_change_to_a_teicorpus_rebuilds_its_texts(tmp_path):
    path = write(tmp_path / "ed" / "corp.xml", _corpus())
    assert _build(tmp_path / "ed", tmp_path / "out").exit_code == 0
    write(path, _corpus().replace("zweiter Brief", "anderer Brief"))
    result = _build(tmp_path / "ed", tmp_path / "out")
    assert result.exit_code == 0 and "built 2, unchanged 0" in result.output
    assert "anderer Brief" in _words(tmp_path / "out" / "corp-2.html")


def test_teicorpus_text_whose_id_is_taken_is_named_after_the_file_and_its_number(tmp_path):
    write(tmp_path / "ed" / "b1.xml", tei("<p>eigene Datei</p>", xml_id="b1"))
    path = write(tmp_path / "ed" / "corp.xml", _corpus())
    result = _build(tmp_path / "ed", tmp_path / "out")
    assert result.exit_code == 0, result.output
    [warning] = _lines(result.output, "warning")
    assert warning.startswith(f"{path}:4:1: warning: the text id 'b1' is also the id of b1.xml")
    assert "erster Brief" in _words(tmp_path / "out" / "corp-1.html")
    assert "eigene Datei" in _words(tmp_path / "out" / "b1.html")
