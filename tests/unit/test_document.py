"""Safe parsing: located errors for bad files, no entity expansion beyond the limits, no network."""

from __future__ import annotations

import pytest

from teipress.document import load, require_tei
from teipress.errors import InputError

from ..conftest import tei, write


def _error(path):
    with pytest.raises(InputError) as info:
        document = load(path)
        require_tei(document)
    [diagnostic] = info.value.diagnostics
    return diagnostic


def test_well_formed_tei_loads_with_line_numbers(tmp_path):
    source = tei("<p>one</p>\n<p>two</p>")
    document = load(write(tmp_path / "a.xml", source))
    assert document.is_text and document.id == "t"
    second = document.root.findall(".//{http://www.tei-c.org/ns/1.0}p")[-1]
    assert second.sourceline == source.splitlines().index("<p>two</p>") + 1


def test_mismatched_tag_reported_at_its_line_and_column(tmp_path):
    path = write(tmp_path / "bad.xml", "<TEI>\n  <p>\n</TEI>\n")
    diagnostic = _error(path)
    assert (diagnostic.file, diagnostic.line, diagnostic.col) == (str(path), 3, 7)
    assert "Opening and ending tag mismatch" in diagnostic.message
    assert ", line" not in diagnostic.message


def test_empty_file_is_reported_as_empty(tmp_path):
    diagnostic = _error(write(tmp_path / "empty.xml", ""))
    assert diagnostic.message == "the file is empty"


def test_binary_file_is_reported_as_binary(tmp_path):
    path = tmp_path / "image.xml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary data" in _error(path).message


def test_latin1_file_without_declaration_is_reported_as_not_utf8(tmp_path):
    path = tmp_path / "latin.xml"
    path.write_bytes("<TEI>caf\xe9</TEI>".encode("latin-1"))
    diagnostic = _error(path)
    assert diagnostic.line == 1 and "not UTF-8" in diagnostic.message


def test_non_tei_root_is_refused_with_its_location(tmp_path):
    path = write(tmp_path / "html.xml", '<?xml version="1.0"?>\n<html><body/></html>')
    diagnostic = _error(path)
    assert (diagnostic.line, diagnostic.col) == (2, 1)
    assert "not a TEI document" in diagnostic.message and "<html>" in diagnostic.message


def test_entity_bomb_is_refused(tmp_path):
    levels = ['<!ENTITY a0 "lol">'] + [
        f'<!ENTITY a{i} "{"".join(f"&a{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    ]
    path = write(tmp_path / "bomb.xml", f"<!DOCTYPE TEI [{''.join(levels)}]>\n<TEI>&a9;</TEI>")
    assert "entity bomb" in _error(path).message


def test_external_entity_is_not_read(tmp_path):
    secret = write(tmp_path / "secret.txt", "TOP SECRET")
    path = write(tmp_path / "xxe.xml", f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>\n<TEI>&x;</TEI>')
    try:
        document = load(path)
    except InputError:
        return  # refused outright: also safe
    assert "TOP SECRET" not in document.root.xpath("string()")


def test_missing_dtd_is_not_needed(tmp_path):
    path = write(tmp_path / "dtd.xml", '<!DOCTYPE TEI SYSTEM "http://example.org/tei_all.dtd">\n'
                 + tei("<p>x</p>").split("\n", 1)[1])
    assert load(path).is_tei


def test_internal_entities_are_expanded_so_no_text_is_lost(tmp_path):
    path = write(tmp_path / "ent.xml", '<!DOCTYPE TEI [<!ENTITY ed "editor">]>\n<TEI>the &ed;</TEI>')
    assert load(path).root.text == "the editor"


def test_column_of_counts_earlier_elements_on_the_same_line(tmp_path):
    path = write(tmp_path / "c.xml", tei("<p>a <hi>b</hi> <hi>c</hi></p>"))
    document = load(path)
    second = document.root.findall(".//{http://www.tei-c.org/ns/1.0}hi")[1]
    assert document.column_of(second) == len("<p>a <hi>b</hi> ") + 1


# A DOCTYPE that names an external parameter entity, as editions made with a DTD of entities do.
_PE_DOCTYPE = '<!DOCTYPE TEI [<!ENTITY % ents SYSTEM "ents.dtd"> <!ENTITY ed "EDITOR"> %ents; ]>'


def _with_doctype(body: str, doctype: str = _PE_DOCTYPE) -> str:
    declaration, rest = tei(body).split("\n", 1)
    return f"{declaration}\n{doctype}\n{rest}"


def test_external_parameter_entity_is_passed_over_with_a_warning_at_the_doctype(tmp_path):
    # The entity file exists and would declare &lost;: it must not be read.
    write(tmp_path / "ents.dtd", '<!ENTITY lost "READ">')
    document = load(write(tmp_path / "a.xml", _with_doctype("<p>plain &ed; words</p>")))
    assert "plain EDITOR words" in "".join(document.root.itertext())
    [note] = document.notes
    assert (note.line, note.col, note.severity) == (2, 1, "warning")
    assert note.message.startswith("the DOCTYPE's external declarations are not read (%ents;)")


def test_entity_only_the_external_declarations_could_give_is_a_located_error(tmp_path):
    write(tmp_path / "ents.dtd", '<!ENTITY lost "READ">')
    source = _with_doctype("<p>x</p>\n<p>a &lost; b</p>")
    diagnostic = _error(write(tmp_path / "a.xml", source))
    lines = source.splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if "&lost;" in text)
    assert (diagnostic.line, diagnostic.col) == (line, lines[line - 1].index("&lost;") + len("&lost;") + 1)
    assert "the entity '&lost;' is used but not declared" in diagnostic.message
    assert "(%ents;) are not read" in diagnostic.message


def test_entity_bomb_behind_an_external_parameter_entity_is_still_refused(tmp_path):
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE TEI [<!ENTITY % ents SYSTEM "ents.dtd"> {entities} %ents; ]>'
    diagnostic = _error(write(tmp_path / "a.xml", _with_doctype("<p>&a9;</p>", doctype)))
    assert diagnostic.message.startswith("refused: its entities expand beyond")


def test_doctype_without_parameter_entities_has_no_note(tmp_path):
    doctype = '<!DOCTYPE TEI [<!ENTITY ed "E"> <!-- %ents; is only a comment --> ]>'
    document = load(write(tmp_path / "a.xml", _with_doctype("<p>&ed;</p>", doctype)))
    assert document.notes == [] and "E" in "".join(document.root.itertext())


def test_duplicate_xml_id_parses_and_names_both_places(tmp_path):
    from teipress.xml_ids import duplicate_id_errors, duplicate_id_warnings

    path = write(tmp_path / "d.xml", tei('<p xml:id="x">one</p>\n  <p xml:id="x">two</p>'))
    document = load(path)
    first_line = document.source.decode().splitlines().index('<p xml:id="x">one</p>') + 1
    assert document.duplicate_ids == [("x", (first_line, 1), (first_line + 1, 3), "x-2")]
    [warning] = duplicate_id_warnings(document)
    assert (warning.line, warning.col, warning.severity) == (first_line + 1, 3, "warning")
    assert f"{path}:{first_line + 1}:3" in warning.message and f"{path}:{first_line}:1" in warning.message
    [error] = duplicate_id_errors(document)
    assert (error.line, error.col, error.severity) == (first_line + 1, 3, "error")
    # The tree keeps the file's ids: a validation sees them as written.
    assert [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in document.root.find("{*}text").iter("{*}p")] == ["x", "x"]


def test_make_ids_unique_renames_later_occurrences_to_free_names(tmp_path):
    from teipress.xml_ids import make_ids_unique

    body = '<p xml:id="x">1</p><p xml:id="x">2</p><p xml:id="x-2">3</p><p xml:id="x">4</p>'
    document = load(write(tmp_path / "d.xml", tei(body)))
    assert [new for *_, new in document.duplicate_ids] == ["x-3", "x-4"]
    assert make_ids_unique(document.root) == 2
    ids = [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in document.root.find("{*}text").iter("{*}p")]
    assert ids == ["x", "x-3", "x-2", "x-4"]


def test_duplicate_xml_id_does_not_hide_a_later_syntax_error(tmp_path):
    source = tei('<p xml:id="x">one</p>\n<p xml:id="x">two</p>\n<p>three</q>')
    diagnostic = _error(write(tmp_path / "d.xml", source))
    assert diagnostic.message.startswith("not well-formed: Opening and ending tag mismatch")
    assert diagnostic.line == source.splitlines().index("<p>three</q>") + 1


def test_doctype_words_inside_the_text_are_left_as_they_are(tmp_path):
    # A text about DTDs: the same characters in a CDATA section are words, not a DOCTYPE to patch.
    words = '<!DOCTYPE TEI [<!ENTITY % ents SYSTEM "ents.dtd"> %ents; ]>'
    document = load(write(tmp_path / "a.xml", tei(f"<p><![CDATA[{words}]]></p>")))
    assert document.notes == [] and words in "".join(document.root.itertext())


def test_doctype_after_a_comment_and_a_byte_order_mark_is_still_the_doctype(tmp_path):
    declaration, rest = tei("<p>w</p>").split("\n", 1)
    source = f"\ufeff{declaration}\n<!-- made by hand -->\n{_PE_DOCTYPE}\n{rest}"
    [note] = load(write(tmp_path / "a.xml", source)).notes
    assert (note.line, note.col) == (3, 1)
