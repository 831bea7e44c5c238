"""XInclude: what a file includes from inside the edition folder is read as part of it (by
validation and by every output), what lies outside is refused at the ``xi:include``, a missing
file is a warning and its fallback stands in, and a change to an included file rebuilds the text."""

from __future__ import annotations

import os
import re

from click.testing import CliRunner
from lxml import html

from teipress.cli import main

from .conftest import tei, write

XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
PART = ('<?xml version="1.0" encoding="UTF-8"?>\n<div xmlns="http://www.tei-c.org/ns/1.0">'
        '<p>Words from the included chapter.</p></div>\n')
TWO_PARTS = ('<?xml version="1.0" encoding="UTF-8"?>\n<body xmlns="http://www.tei-c.org/ns/1.0">'
             '<div xml:id="one"><p>First part only.</p></div><div xml:id="two"><p>Second part never.</p></div></body>\n')


def _run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def _build(folder, out, *more):
    return _run("build", folder, "--out", out, "--format", "html", "--build-date", "2000-01-01", *more)


def _words(page) -> str:
    """The words of a page, its paragraph numbers (§ 1) left out."""
    return re.sub(r"§ \d+ ?", "", " ".join(html.parse(str(page)).getroot().text_content().split()))


def _text(body: str) -> str:
    return tei(body).replace('<TEI xmlns="http://www.tei-c.org/ns/1.0"', f'<TEI xmlns="http://www.tei-c.org/ns/1.0" {XI}')


def _line_of(path, fragment: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if fragment in line:
            return number, line.index(fragment) + 1
    raise AssertionError(fragment)


def test_an_included_chapter_is_read_in_the_page_and_validates(tmp_path):
    write(tmp_path / "ed" / "parts" / "chapter.xml", PART)
    write(tmp_path / "ed" / "a.xml", _text('<div><p>Before.</p></div>\n<xi:include href="parts/chapter.xml"/>\n<div><p>After.</p></div>'))
    result = _build(tmp_path / "ed", tmp_path / "out")
    assert result.exit_code == 0, result.output
    words = _words(tmp_path / "out" / "t.html")
    assert "Before. " in words and "Words from the included chapter." in words and "After." in words
    assert words.index("Before.") < words.index("Words from the included") < words.index("After.")
    assert words.count("Words from the included chapter.") == 1
    validation = _run("validate", tmp_path / "ed" / "a.xml")
    assert validation.exit_code == 0, validation.output


def test_parse_text_and_an_xpointer_take_in_only_what_they_name(tmp_path):
    write(tmp_path / "ed" / "note.txt", "a plain text & its ampersand")
    write(tmp_path / "ed" / "parts.xml", TWO_PARTS)
    body = ('<p>Text: <xi:include href="note.txt" parse="text"/>.</p>\n'
            '<xi:include href="parts.xml" xpointer="one"/>')
    write(tmp_path / "ed" / "a.xml", _text(body))
    result = _build(tmp_path / "ed" / "a.xml", tmp_path / "out")
    assert result.exit_code == 0, result.output
    words = _words(tmp_path / "out" / "t.html")
    assert "Text: a plain text & its ampersand." in words
    assert "First part only." in words and "Second part never." not in words


def test_a_nested_include_is_resolved_against_its_own_file(tmp_path):
    write(tmp_path / "ed" / "parts" / "outer.xml",
          f'<div xmlns="http://www.tei-c.org/ns/1.0" {XI}><p>Outer.</p><xi:include href="inner/p.xml"/></div>')
    write(tmp_path / "ed" / "parts" / "inner" / "p.xml", '<p xmlns="http://www.tei-c.org/ns/1.0">Inner words.</p>')
    write(tmp_path / "ed" / "a.xml", _text('<xi:include href="parts/outer.xml"/>'))
    result = _build(tmp_path / "ed", tmp_path / "out")
    assert result.exit_code == 0, result.output
    words = _words(tmp_path / "out" / "t.html")
    assert words.index("Outer.") < words.index("Inner words.")


def test_an_include_outside_the_edition_folder_is_a_located_error_and_nothing_of_it_is_read(tmp_path):
    write(tmp_path / "secret.xml", '<p xmlns="http://www.tei-c.org/ns/1.0">SECRET-WORDS</p>')
    path = write(tmp_path / "ed" / "a.xml", _text('<p>Kept.</p>\n<xi:include href="../secret.xml"/>'))
    line, col = _line_of(path, "<xi:include")
    validation = _run("validate", path)
    assert validation.exit_code == 1
    assert (f"{path}:{line}:{col}: error: xi:include: '../secret.xml' lies outside the edition folder"
            in validation.output)
    result = _build(tmp_path / "ed", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{path}:{line}:{col}: error: xi:include: '../secret.xml' lies outside" in result.output
    for page in (tmp_path / "out").rglob("*"):
        if page.is_file():
            assert b"SECRET-WORDS" not in page.read_bytes(), page


def test_a_symbolic_link_out_of_the_folder_and_a_url_are_refused(tmp_path):
    write(tmp_path / "secret.xml", '<p xmlns="http://www.tei-c.org/ns/1.0">SECRET-WORDS</p>')
    (tmp_path / "ed").mkdir()
    os.symlink(tmp_path / "secret.xml", tmp_path / "ed" / "link.xml")
    path = write(tmp_path / "ed" / "a.xml", _text(
        '<xi:include href="link.xml"/>\n<xi:include href="http://example.org/part.xml"/>\n<p>Kept.</p>'))
    result = _run("validate", path)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: xi:include:" in line]
    assert len(errors) == 2, result.output
    assert "'link.xml' lies outside the edition folder" in errors[0]
    assert "'http://example.org/part.xml' is not a relative path to a file inside the edition folder" in errors[1]


def test_a_missing_file_is_a_warning_and_its_fallback_is_shown(tmp_path):
    body = ('<p>Kept.</p>\n<xi:include href="gone.xml"><xi:fallback><p>The chapter is lost.</p></xi:fallback>'
            '</xi:include>\n<xi:include href="also-gone.xml"/>')
    path = write(tmp_path / "ed" / "a.xml", _text(body))
    line, col = _line_of(path, '<xi:include href="gone.xml"')
    result = _build(tmp_path / "ed", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (f"{path}:{line}:{col}: warning: xi:include: 'gone.xml' names no file; its xi:fallback is shown instead"
            in result.output)
    assert "'also-gone.xml' names no file; nothing is shown in its place" in result.output
    assert "Kept. The chapter is lost." in _words(tmp_path / "out" / "t.html")


def test_an_include_loop_is_an_error_not_a_hang(tmp_path):
    write(tmp_path / "ed" / "parts" / "b.xml", f'<div xmlns="http://www.tei-c.org/ns/1.0" {XI}><p>B.</p>'
          '<xi:include href="c.xml"/></div>')
    write(tmp_path / "ed" / "parts" / "c.xml", f'<div xmlns="http://www.tei-c.org/ns/1.0" {XI}><p>C.</p>'
          '<xi:include href="b.xml"/></div>')
    path = write(tmp_path / "ed" / "a.xml", _text('<xi:include href="parts/b.xml"/>'))
    result = _run("validate", path)
    assert result.exit_code == 1
    assert "xi:include: 'b.xml' includes itself (through a.xml → b.xml → c.xml)" in result.output


def test_changing_an_included_file_rebuilds_the_text_that_includes_it(tmp_path):
    part = write(tmp_path / "ed" / "parts" / "chapter.xml", PART)
    write(tmp_path / "ed" / "a.xml", _text('<xi:include href="parts/chapter.xml"/>'))
    write(tmp_path / "ed" / "b.xml", tei("<p>Another text.</p>", xml_id="b"))
    assert _build(tmp_path / "ed", tmp_path / "out").exit_code == 0
    part.write_text(PART.replace("included chapter", "revised chapter"))
    result = _build(tmp_path / "ed", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "built 1, unchanged 1" in result.output
    assert "Words from the revised chapter." in _words(tmp_path / "out" / "t.html")
