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
