"""Validation under hostile or pathological input: never a traceback, every error counted, time linear in the errors."""

from __future__ import annotations

from click.testing import CliRunner

from teipress.cli import main
from teipress.corpus import order_number, read_corpus

from ..conftest import MINIMAL_HEADER, write


def _run(*args):
    return CliRunner().invoke(main, list(args))


def _numbered(xml_id: str, n: str) -> str:
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{xml_id}" n="{n}">{MINIMAL_HEADER}'
            "<text><body><p>x</p></body></text></TEI>")


def test_order_number_accepts_ascii_digits_only():
    assert [order_number(n) for n in ("7", "007", "²", "١٢", "①", " 3", "3a", "", None)] == [
        7, 7, None, None, None, None, None, None, None]


def test_superscript_order_number_sorts_the_text_after_the_numbered_ones(tmp_path):
    for xml_id, n in (("a", "²"), ("b", "10"), ("c", "2")):
        write(tmp_path / f"{xml_id}.xml", _numbered(xml_id, n))
    assert [d.id for d in read_corpus([tmp_path]).texts] == ["c", "b", "a"]


def test_superscript_order_number_validates_and_builds(tmp_path):
    for xml_id, n in (("a", "²"), ("b", "2")):
        write(tmp_path / "tei" / f"{xml_id}.xml", _numbered(xml_id, n))
    validated = _run("validate", str(tmp_path / "tei"))
    assert validated.exit_code == 0 and validated.stdout == "", validated.output
    built = _run("build", str(tmp_path / "tei"), "--out", str(tmp_path / "out"), "--format", "html",
                 "--build-date", "2000-01-01")
    assert built.exit_code == 0, built.output
    assert (tmp_path / "out" / "a.html").is_file() and (tmp_path / "out" / "b.html").is_file()
