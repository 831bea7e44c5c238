"""The search index in parts (teipress.writers.search*): buckets of texts indexed apart,
cached by their pages' hashes, in their texts' language; one record per witness."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from teipress.cache import cache_dir
from teipress.config import Settings
from teipress.pipeline import build
from teipress.writers import search, search_pages, search_parts
from teipress.writers.search_pages import read_pages
from teipress.writers.search_parts import bucket_count, bucket_of, plan_parts
from teipress.writers.search_witnesses import witness_pages

from .conftest import FIXTURES, write
from .test_incremental import _letters

SETTINGS = Settings(title="Letters", build_date="2026-11-24")


def _index_files(out: Path) -> dict[str, tuple[int, int, bytes]]:
    """Give the files of the search index: (inode, modification time, bytes) by path."""
    files = {}
    for path in sorted((out / "pagefind").rglob("*")):
        if path.is_file():
            stat = path.stat()
            files[path.relative_to(out).as_posix()] = (stat.st_ino, stat.st_mtime_ns, path.read_bytes())
    return files


def _records(bundle: Path) -> dict[str, dict]:
    """Give the records of a Pagefind bundle (its fragments, decompressed) by URL."""
    records = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        records[record["url"]] = record
    return records


@pytest.fixture(scope="module")
def letters(tmp_path_factory, stylesheets):
    """An edition of 40 letters, built once (web edition and search index)."""
    root = tmp_path_factory.mktemp("letters")
    sources = root / "tei"
    sources.mkdir()
    _letters(sources, 40)
    out = root / "out"
    report = build([sources], out, "html", SETTINGS, stylesheets, jobs=2)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return sources, out


def test_touching_one_text_reindexes_its_bucket_only(letters, stylesheets):
    sources, out = letters
    manifest = json.loads((out / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    texts = [p["path"] for p in manifest["parts"] if p["kind"] == "text"]
    assert len(texts) == bucket_count(40) == 8  # 40 texts: 8 buckets of about 5
    before = _index_files(out)
    letter = sources / "letter-17.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("remembered", "rememberedly"), encoding="utf-8")
    report = build([sources], out, "html", SETTINGS, stylesheets, jobs=2)
    assert not report.failed
    after = _index_files(out)
    bucket = f"pagefind/parts/text-en-{bucket_of('letter-17.html', 8)}/"
    witnesses = bucket.replace("/text-", "/witness-")
    # The pages of the entries the letter names quote its sentences: their parts (page-…) may change too.
    pages = "pagefind/parts/page-"
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert changed and all(path.startswith((bucket, witnesses, pages)) for path in changed), sorted(changed)
    assert any(path.startswith(bucket) for path in changed)
    # The word is in the new index of that bucket, in the letter's record.
    records = _records(out / bucket)
    assert "rememberedly" in records["/letter-17.html"]["content"]
    # The other parts' files are the very same files (not rewritten with the same bytes).
    untouched = [path for path in before if not path.startswith((bucket, witnesses, pages))]
    assert len(untouched) > 100 and all(before[p][:2] == after[p][:2] for p in untouched)
    # Only the parts indexed again were published again: the others stayed where they are.
    published = {p.relative_to(out).as_posix() for p in report.written if p.relative_to(out).parts[0] == "pagefind"}
    assert published and published <= changed, sorted(published - changed)[:5]
    again = build([sources], out, "html", SETTINGS, stylesheets, jobs=2)
    assert again.written == [] and _index_files(out) == after


def test_a_touched_text_makes_the_witness_records_of_its_own_page_only(tmp_path, stylesheets, monkeypatch):
    sources = tmp_path / "tei"
    sources.mkdir()
    _letters(sources, 12)
    out = tmp_path / "out"
    assert not build([sources], out, "html", SETTINGS, stylesheets).failed
    kept = cache_dir(out) / "search" / search_parts.WITNESS_RECORDS
    assert len(list(kept.iterdir())) == 12  # one file of records per text page
    made = []
    real = search_parts.witness_pages
    monkeypatch.setattr(search_parts, "witness_pages", lambda path, data: made.append(path) or real(path, data))
    letter = sources / "letter-5.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("remembered", "rememberedly"), encoding="utf-8")
    assert not build([sources], out, "html", SETTINGS, stylesheets).failed
    assert made == ["letter-5.html"]
    # The witness part of the letter's bucket was indexed again, with the kept records of the others.
    bucket = bucket_of("letter-5.html", bucket_count(12))
    records = _records(out / "pagefind" / "parts" / f"witness-en-{bucket}")
    assert any("rememberedly" in r["content"] for url, r in records.items() if url.startswith("/letter-5.witness-"))
    assert {url.split(".witness-")[0] for url in records} == {
        f"/letter-{n}" for n in range(1, 13) if bucket_of(f"letter-{n}.html", bucket_count(12)) == bucket}
    assert len(list(kept.iterdir())) == 12  # the letter's old records are gone


def test_each_page_is_in_one_part_only(letters):
    _, out = letters
    manifest = json.loads((out / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    urls: list[str] = []
    for part in manifest["parts"]:
        if part["kind"] != "witness":
            urls += list(_records(out / "pagefind" / part["path"]))
    pages = {"/" + p.relative_to(out).as_posix() for p in out.rglob("*.html")
             if "data-pagefind-body" in p.read_text(encoding="utf-8")}
    assert sorted(urls) == sorted(pages)
    # The texts and the entries' own pages (the register indexes only list them).
    assert "/letter-1.html" in urls and any(url.startswith("/persons/") for url in urls)


def test_an_unchanged_site_is_not_indexed_again(tmp_path):
    site = tmp_path / "site"
    for n in range(6):
        write(site / f"t{n}.html", _text_page(f"t{n}", "en", f"word{n} harbour"))
    search.index_search(site, tmp_path / "one", tmp_path / "work")
    built = {p.name: p.stat().st_ino for p in (tmp_path / "work" / "parts").iterdir()}
    search.index_search(site, tmp_path / "two", tmp_path / "work")
    assert {p.name: p.stat().st_ino for p in (tmp_path / "work" / "parts").iterdir()} == built


def test_buckets_are_stable_and_grow_with_the_edition():
    assert [bucket_count(n) for n in (1, 2, 4, 5, 16, 17, 40, 1000, 10000)] == [1, 2, 2, 4, 4, 8, 8, 32, 128]
    # A page's bucket depends on its path only, not on Python's hash seed or the other pages.
    script = "from teipress.writers.search_parts import bucket_of; print(bucket_of('letter-17.html', 8))"
    runs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={"PYTHONPATH": str(Path(search.__file__).parents[2]), "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")}
    assert runs == {f"{bucket_of('letter-17.html', 8)}\n"}


def _text_page(name: str, lang: str, words: str, interface: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{interface}"><head><title>{name}</title></head><body>'
            f'<article class="edition-text" id="text-{name}" data-views="reading diplomatic" data-pagefind-body="">'
            f'<h1>{name}</h1><section class="reading-text" id="reading-text" lang="{lang}">'
            f'<p id="{name}-p1">{words}</p></section></article></body></html>')


def test_an_english_text_in_a_german_interface_is_indexed_as_english(tmp_path):
    site = tmp_path / "site"
    write(site / "letter.html", _text_page("letter", "en", "The houses by the harbour", interface="de"))
    write(site / "brief.html", _text_page("brief", "de", "Die Häuser am Hafen", interface="de"))
    write(site / "persons.html", '<html lang="de"><body><main data-pagefind-body=""><p>Personen</p></main></body></html>')
    search.index_search(site, tmp_path / "staging", tmp_path / "work")
    index = tmp_path / "staging" / "pagefind"
    parts = {p["path"]: p["language"] for p in json.loads((index / "parts.json").read_text())["parts"]}
    assert parts == {"parts/page-de-0/": "de", "parts/text-de-0/": "de", "parts/text-en-0/": "en"}
    english = json.loads((index / "parts" / "text-en-0" / "pagefind-entry.json").read_text())
    assert list(english["languages"]) == ["en"]
    # Its engine is the English one (the English stemmer), which the browser loads for it.
    assert (index / "parts" / "text-en-0" / "wasm.en.pagefind").is_file()
    assert not (index / "parts" / "text-en-0" / "wasm.de.pagefind").exists()
    assert list(_records(index / "parts" / "text-en-0")) == ["/letter.html"]


def test_a_witness_record_holds_the_text_as_that_witness_reads_it():
    mini = (FIXTURES / "mini").resolve()
    page = _mini_page(mini)
    pages = dict(witness_pages("text-one.html", page))
    assert sorted(pages) == ["text-one.witness-W1.html", "text-one.witness-W2.html"]
    w1, w2 = (_words(pages[f"text-one.witness-{w}.html"]) for w in ("W1", "W2"))
    # § 3: W1 reads "teh pier", W2 "the quay"; § 2: W1 "Quinto", W2 "Quint".
    assert "met us at teh pier;" in w1 and "quay" not in w1 and "Quinto said" in w1
    assert "met us at the quay;" in w2 and "pier;" not in w2 and "Quint said" in w2
    # The branch carries the id of its variant's call (where a result lands), the record links the witness's view.
    assert re.search(r'<span class="alt in-W2" id="app-4-call">the quay</span>', pages["text-one.witness-W2.html"].decode())
    assert '<span data-pagefind-meta="url">text-one.html?view=W2</span>' in pages["text-one.witness-W2.html"].decode()
    assert '<span data-pagefind-filter="witness">W2</span>' in pages["text-one.witness-W2.html"].decode()
    # No apparatus: it names every witness's readings.
    assert "app-entry" not in pages["text-one.witness-W2.html"].decode()


_MINI: dict[str, bytes] = {}


def _mini_page(mini: Path) -> bytes:
    if "page" not in _MINI:
        from teipress.transform import Stylesheets

        out = Path(__import__("tempfile").mkdtemp(prefix="mini-search-"))
        try:
            assert not build([mini], out / "site", "html", SETTINGS, Stylesheets()).failed
            _MINI["page"] = (out / "site" / "text-one.html").read_bytes()
        finally:
            shutil.rmtree(out, ignore_errors=True)
    return _MINI["page"]


def _words(html: bytes) -> str:
    import lxml.html

    root = lxml.html.document_fromstring(html)
    for hidden in root.xpath("//*[@hidden]"):
        hidden.getparent().remove(hidden)
    return " ".join(root.xpath("string(//*[@id='reading-text'])").split())


def test_a_failing_pagefind_is_one_clear_error_and_nothing_is_staged(tmp_path, monkeypatch):
    site = tmp_path / "site"
    write(site / "t.html", _text_page("t", "en", "harbour"))
    failed = subprocess.CompletedProcess(args=[], returncode=2, stdout="", stderr="Error: disk full")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: failed)
    with pytest.raises(search.SearchIndexError) as caught:
        search.index_search(site, tmp_path / "staging", tmp_path / "work")
    assert str(caught.value) == "pagefind failed (2) on the part text-en-0 of the search index: Error: disk full"
    assert not (tmp_path / "staging").exists()
    assert not [p for p in (tmp_path / "work").iterdir() if p.name != "pages.json"]


def test_the_build_reports_a_missing_pagefind_without_a_traceback(tmp_path, monkeypatch, stylesheets):
    from teipress.writers import search_parts

    monkeypatch.setattr(search_parts, "pagefind_command", lambda: [str(tmp_path / "no-such-pagefind")])
    sources = tmp_path / "tei"
    sources.mkdir()
    _letters(sources, 2)
    report = build([sources], tmp_path / "out", "html", SETTINGS, stylesheets)
    errors = [str(d) for d in report.diagnostics if d.is_error]
    assert len(errors) == 1 and "the search index was not built:" in errors[0] and "no-such-pagefind" in errors[0]
    assert "Traceback" not in errors[0]
    assert (tmp_path / "out" / "letter-1.html").is_file() and not (tmp_path / "out" / "pagefind").exists()


def test_the_page_facts_are_read_once_per_change(tmp_path, monkeypatch):
    from teipress.writers import search_pages

    site = tmp_path / "site"
    write(site / "a.html", _text_page("a", "en", "one"))
    write(site / "b.html", _text_page("b", "fr", "deux"))
    cache = tmp_path / "pages.json"
    first = read_pages(site, cache)
    assert [(p.path, p.text, p.language) for p in first] == [("a.html", True, "en"), ("b.html", True, "fr")]
    parsed = []
    monkeypatch.setattr(search_pages, "describe", lambda *a: parsed.append(a[0]) or first[0])
    assert read_pages(site, cache) == first and parsed == []
    write(site / "b.html", _text_page("b", "fr", "trois"))
    read_pages(site, cache)
    assert parsed == ["b.html"]


def _parsed_whole(path: str, data: bytes):
    """The facts of a page as describe reads them from the whole page parsed."""
    root = lxml.html.document_fromstring(data) if data.strip() else lxml.html.Element("html")
    article = root.xpath("//article[contains(concat(' ', normalize-space(@class), ' '), ' edition-text ')]")
    language = search_pages._language(root.get("lang"))
    body = bool(root.xpath("//*[@data-pagefind-body]"))
    if not article:
        return search_pages.Page(path, "d", False, language, body)
    reading = article[0].xpath(".//*[@id='reading-text'][@lang]")
    return search_pages.Page(path, "d", True, search_pages._language(reading[0].get("lang")) if reading else language,
                             body, search_pages.witness_views(article[0]))


_LATE = "<p>" + "Words of a long text. " * 2000 + "</p>"
_TRICKY = {
    # A reading text without @lang, then (far on) another with one: the page's words are in its language.
    "late-lang.html": _text_page("a", "en", "x").replace('id="reading-text" lang="en"', 'id="reading-text"').replace(
        "</article>", f'{_LATE}<div id="reading-text" lang="fr">y</div></article>'),
    # A view button far after the reading text.
    "late-button.html": _text_page("b", "de", "x").replace('data-views="reading diplomatic"', 'data-views="reading A"').replace(
        "</article>", f'{_LATE}<button data-view="A">Witness <b>A</b></button></article>'),
    # The words "data-pagefind-body" in the text, no such attribute; then one far on.
    "said.html": f'<html lang="fr"><body><p>data-pagefind-body edition-text</p>{_LATE}</body></html>',
    "late-body.html": f'<html lang="it"><body>{_LATE}<main data-pagefind-body=""><p>x</p></main></body></html>',
    "no-lang.html": f"<html><body><main data-pagefind-body=''>{_LATE}</main></body></html>",
    "empty.html": "",
}


def test_the_facts_read_from_a_page_start_are_those_of_the_whole_page(letters):
    _, out = letters
    pages = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")}
    pages.update({name: text.encode("utf-8") for name, text in _TRICKY.items()})
    for path, data in pages.items():
        assert search_pages.describe(path, data, "d") == _parsed_whole(path, data), path
    assert search_pages.describe("late-lang.html", pages["late-lang.html"], "d").language == "fr"
    assert search_pages.describe("late-button.html", pages["late-button.html"], "d").witnesses == (("A", "Witness A"),)
    # Most pages are read from their start only (the whole parse is the fallback).
    quick = [path for path, data in pages.items() if search_pages._facts_from_start(data) is not None]
    assert len(quick) > len(pages) * 0.9
