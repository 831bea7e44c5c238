"""The schema and the editorial rules: what they accept, and each problem at its line and column."""

from __future__ import annotations

from ..conftest import MINIMAL_HEADER, tei, write

REGISTER = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="registers">
{MINIMAL_HEADER}
<standOff>
<listPerson>
<person xml:id="pers-a"><persName type="main">Anna</persName></person>
<person xml:id="pers-b"><persName type="main">Boris</persName></person>
</listPerson>
</standOff>
</TEI>
"""


def _line_of(source: str, needle: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), start=1) if needle in line)


def _col_of(source: str, needle: str) -> int:
    line = source.splitlines()[_line_of(source, needle) - 1]
    return line.index(needle) + 1


def test_valid_text_and_register_give_no_diagnostics(validator, tmp_path):
    write(tmp_path / "registers.xml", REGISTER)
    write(tmp_path / "a.xml", tei('<p>Met <persName ref="registers.xml#pers-a">Anna</persName> and '
                                   '<persName ref="registers.xml#pers-b">Boris</persName> '
                                   'on <date when="1937-01-09">9 January 1937</date>.</p>'))
    assert validator.validate_paths([tmp_path]) == []


def test_misspelt_element_reported_at_its_line_with_a_suggestion(validator, tmp_path):
    source = tei("<p>x</p>\n<p>a <persNam>Anna</persNam></p>")
    path = write(tmp_path / "a.xml", source)
    [d] = validator.validate_paths([path])
    assert (d.line, d.col, d.severity) == (_line_of(source, "persNam"), _col_of(source, "<persNam"), "error")
    assert d.message == "unknown element <persNam>: the schema has no element of that name; did you mean <persName>?"


def test_invalid_dates_reported_at_their_attribute(validator, tmp_path):
    source = tei('<p><date when="1937-02-30">x</date></p>\n<p><date when="19370">y</date></p>')
    path = write(tmp_path / "a.xml", source)
    found = [(d.line, d.col) for d in validator.validate_paths([path])]
    assert found == [
        (_line_of(source, "1937-02-30"), _col_of(source, 'when="1937-02-30"')),
        (_line_of(source, "19370"), _col_of(source, 'when="19370"')),
    ]


def test_backwards_date_range_is_an_error(validator, tmp_path):
    source = tei('<p><date from="1940" to="1939-05">x</date> <date notBefore="1936-12" notAfter="1936-12-19">ok</date></p>')
    [d] = validator.validate_paths([write(tmp_path / "a.xml", source)])
    assert d.message == "date range runs backwards: @from '1940' is after @to '1939-05'"


def test_broken_pointer_reported_at_its_line(validator, tmp_path):
    write(tmp_path / "registers.xml", REGISTER)
    source = tei('<p><persName ref="registers.xml#pers-a">A</persName></p>\n'
                 '<p><persName ref="registers.xml#pers-zz">Z</persName></p>')
    path = write(tmp_path / "a.xml", source)
    errors = [d for d in validator.validate_paths([tmp_path]) if d.is_error]
    assert [(d.file, d.line, d.col) for d in errors] == [(str(path), _line_of(source, "pers-zz"), 4)]
    assert "'registers.xml#pers-zz'" in errors[0].message and "does not resolve" in errors[0].message


def test_register_file_is_found_beside_a_single_validated_text(validator, tmp_path):
    write(tmp_path / "registers.xml", REGISTER)
    path = write(tmp_path / "a.xml", tei('<p><persName ref="registers.xml#pers-a">A</persName></p>'))
    assert validator.validate_paths([path]) == []


def test_pointer_into_a_missing_file_is_an_error(validator, tmp_path):
    path = write(tmp_path / "a.xml", tei('<p><persName ref="persons.xml#pers-a">A</persName></p>'))
    [d] = validator.validate_paths([path])
    assert d.message == "pointer 'persons.xml#pers-a' on <persName> does not resolve: persons.xml is not a file of the edition"


def test_external_pointers_are_not_checked(validator, tmp_path):
    path = write(tmp_path / "a.xml", tei('<p><ref target="https://example.org/#x">web</ref></p>'))
    assert validator.validate_paths([path]) == []


def test_witness_must_be_declared(validator, tmp_path):
    header = MINIMAL_HEADER.replace(
        "<sourceDesc><p>S</p></sourceDesc>",
        '<sourceDesc><listWit><witness xml:id="A">A</witness></listWit></sourceDesc>')
    source = tei('<p><app><lem wit="#A">x</lem><rdg wit="#B">y</rdg><rdg>z</rdg></app></p>', header=header)
    messages = sorted(d.message for d in validator.validate_paths([write(tmp_path / "a.xml", source)]))
    assert messages == [
        "@wit '#B' names something that is not a witness declared in a listWit",
        "a reading (rdg) without @wit: say which witness has it",
        "pointer '#B' on <rdg> does not resolve: no element has that xml:id",
    ]


def test_sic_without_corr_is_an_error(validator, tmp_path):
    source = tei("<p><choice><sic>teh</sic><orig>teh</orig></choice></p>")
    messages = [d.message for d in validator.validate_paths([write(tmp_path / "a.xml", source)])]
    assert "a choice with sic needs a corr (the emended reading)" in messages


def test_unreferenced_register_entry_is_a_warning(validator, tmp_path):
    write(tmp_path / "registers.xml", REGISTER)
    write(tmp_path / "a.xml", tei('<p><persName ref="registers.xml#pers-a">A</persName></p>'))
    [d] = validator.validate_paths([tmp_path])
    assert d.severity == "warning" and d.file.endswith("registers.xml")
    assert d.line == _line_of(REGISTER, "pers-b")
    assert d.message == "register entry 'pers-b' is referenced by no text of the edition"


def test_several_errors_in_one_paragraph_are_all_reported(validator, tmp_path):
    source = tei('<p><date when="1937-13">a</date> <persNam>b</persNam> <hii>c</hii> <date when="1937-01-32">d</date></p>')
    messages = [d.message for d in validator.validate_paths([write(tmp_path / "a.xml", source)])]
    assert len(messages) == 4, messages


def test_missing_title_statement_is_reported(validator, tmp_path):
    source = tei("<p>x</p>", header="<teiHeader><fileDesc><publicationStmt><p>P</p></publicationStmt>"
                                    "<sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>")
    [d] = validator.validate_paths([write(tmp_path / "a.xml", source)])
    assert d.severity == "error" and "publicationStmt" in d.message


def test_a_note_names_its_source_in_bibl_and_the_source_description_lists_other_editions(validator, tmp_path):
    """Issue 17: a note's source is a bibl inside it; a translation the editors did not transcribe is in listBibl."""
    header = MINIMAL_HEADER.replace(
        "<sourceDesc><p>S</p></sourceDesc>",
        '<sourceDesc><bibl>The copy-text</bibl><listBibl><bibl type="translation">'
        '<title level="a">Another translation</title>, <title level="j">A journal</title></bibl></listBibl></sourceDesc>')
    source = tei('<p>x<note type="editorial">So says <bibl><title level="j">A paper</title>, 18 April 1934</bibl>.</note></p>',
                 header=header)
    assert validator.validate_paths([write(tmp_path / "a.xml", source)]) == []
    in_running_text = tei('<p>x <listBibl><bibl>misplaced</bibl></listBibl></p>')
    assert [d.severity for d in validator.validate_paths([write(tmp_path / "b.xml", in_running_text)])] == ["error"]
