"""The build cache and the process pool: a rebuild redoes what changed and what depends
on it, nothing else; a stale cache never gives stale output; the pool gives the bytes
of a build in one process."""

from __future__ import annotations

import shutil

import pytest

from teipress.cache import CACHE_FOLDER, cache_dir
from teipress.config import Settings
from teipress.pipeline import build

from .conftest import FIXTURES, SEED_SETTINGS_ARGS, TEI, write

SETTINGS = Settings(title="Mini", build_date="2026-11-24")


def _stamps(out):
    """Every output file with its modification time (ns): which files a build wrote."""
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def _rewritten(before, after):
    return sorted(name for name in after if before.get(name) != after[name])


@pytest.fixture
def mini(tmp_path, stylesheets):
    """A copy of the mini edition (two linked texts, registers), built once; gives (sources, out)."""
    sources = tmp_path / "tei"
    shutil.copytree(FIXTURES / "mini", sources)
    out = tmp_path / "out"
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    assert (report.built, report.skipped) == (2, 0)
    return sources, out


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_nothing_changed_rebuilds_nothing_and_writes_nothing(mini, stylesheets):
    sources, out = mini
    before = _stamps(out)
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert (report.built, report.skipped, report.written) == (0, 2, [])
    assert _stamps(out) == before


def test_an_edit_of_the_prose_rebuilds_that_text_and_its_linked_text_and_the_search_index(mini, stylesheets):
    sources, out = mini
    before = _stamps(out)
    # Prose only: no name, date, title or pointer changes, so the edition's pages stay as they are.
    _edit(sources / "text-one.xml", "said the crossing would", "swore the crossing would")
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert "swore the crossing" in (out / "text-one.html").read_text(encoding="utf-8")
    rewritten = _rewritten(before, _stamps(out))
    # text-two links with text-one (a note points into it), so its page is made again too.
    assert report.built == 2
    assert {"text-one.html", "tei/text-one.xml", "data/tei/text-one.xml", "text-two.html"} <= set(rewritten)
    assert not {"index.html", "persons.html", "chronology.html", "data/registers.csv"} & set(rewritten)
    assert any(name.startswith("pagefind/") for name in rewritten)
    assert "data/edition-data.zip" in rewritten  # it holds the edited TEI file


def test_an_unlinked_text_is_not_rebuilt_when_another_changes(tmp_path, stylesheets):
    sources = tmp_path / "tei"
    shutil.copytree(FIXTURES / "mini", sources)
    write(sources / "lone.xml", (sources / "text-two.xml").read_text(encoding="utf-8")
          .replace('xml:id="text-two" n="2"', 'xml:id="lone" n="3"').replace("text-one.xml#", "#"))
    out = tmp_path / "out"
    build([sources], out, "html", SETTINGS, stylesheets)
    before = _stamps(out)
    _edit(sources / "text-one.xml", "said the crossing would", "swore the crossing would")
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert (report.built, report.skipped) == (2, 1)
    assert "lone.html" not in _rewritten(before, _stamps(out))


def test_a_new_title_rebuilds_the_edition_pages(mini, stylesheets):
    sources, out = mini
    _edit(sources / "text-two.xml", "<title type=\"main\">Reply from Lisbon</title>",
          "<title type=\"main\">Answer from Lisbon</title>")
    build([sources], out, "html", SETTINGS, stylesheets)
    assert "Answer from Lisbon" in (out / "index.html").read_text(encoding="utf-8")


def test_a_changed_register_entry_reaches_every_page_that_shows_it(mini, stylesheets):
    sources, out = mini
    _edit(sources / "registers.xml", "Invented ship's captain", "Fictitious ship's captain")
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert report.built == 2  # every text page carries the cards of the entries it names
    # (Changed with the entity pages: the entry's note is on its own page, no longer on the register index.)
    assert "Fictitious ship" in (out / "persons" / "pers-quint.html").read_text(encoding="utf-8")
    assert "Fictitious ship" in (out / "text-one.html").read_text(encoding="utf-8")


def test_a_changed_stylesheet_rebuilds_everything(mini, tmp_path):
    """An override folder's strings file holds only the strings it changes; the others stay teipress's.
    The build cache counts the override folder: editing it rebuilds every text."""
    from teipress.transform import Stylesheets

    sources, out = mini
    overrides = tmp_path / "overrides"
    write(overrides / "common" / "l10n.xml", '<strings xmlns="https://teipress.org/ns"><lang xml:lang="en">'
          '<s key="apparatus">Critical apparatus</s></lang></strings>')
    report = build([sources], out, "html", SETTINGS, Stylesheets(overrides))
    assert report.built == 2
    page = (out / "text-one.html").read_text(encoding="utf-8")
    assert "Critical apparatus" in page and "Published with teipress." in page
    _edit(overrides / "common" / "l10n.xml", "Critical apparatus", "Variants")
    assert build([sources], out, "html", SETTINGS, Stylesheets(overrides)).built == 2
    assert "Variants" in (out / "text-one.html").read_text(encoding="utf-8")


def test_a_changed_setting_rebuilds_everything(mini, stylesheets):
    sources, out = mini
    report = build([sources], out, "html", Settings(title="Renamed", build_date="2026-11-24"), stylesheets)
    assert report.built == 2
    assert "Renamed" in (out / "text-two.html").read_text(encoding="utf-8")
    assert "Renamed" in (out / "index.html").read_text(encoding="utf-8")


def test_an_output_file_changed_or_removed_behind_the_cache_is_made_again(mini, stylesheets):
    sources, out = mini
    original = (out / "text-two.html").read_bytes()
    (out / "text-two.html").write_text("tampered", encoding="utf-8")
    (out / "persons.html").unlink()
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert report.built == 1
    assert (out / "text-two.html").read_bytes() == original
    assert (out / "persons.html").is_file()


def test_a_lost_or_unreadable_cache_rebuilds_everything(mini, stylesheets):
    sources, out = mini
    (cache_dir(out) / "manifest.json").write_text("{not json", encoding="utf-8")
    assert build([sources], out, "html", SETTINGS, stylesheets).built == 2
    shutil.rmtree(cache_dir(out))
    report = build([sources], out, "html", SETTINGS, stylesheets)
    assert report.built == 2
    # Nothing says teipress wrote the search index's files: they are Pagefind's (adoptable), replaced.
    assert not report.failed, [str(d) for d in report.diagnostics]
    assert out / "pagefind" / "parts.json" in report.written


def test_texts_read_under_another_extract_rule_are_read_again(mini, stylesheets, monkeypatch):
    """A new extract rule (teipress.extract.EXTRACT_VERSION) changes the build's fingerprint, which
    rebuilds every unit; the texts' extracts must be made again too, not taken from the cache."""
    import json

    from teipress import cache as cache_module
    from teipress.scan import read_file

    sources, out = mini
    manifest = json.loads((cache_dir(out) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["extract-version"] == cache_module.EXTRACT_VERSION
    read = []
    monkeypatch.setattr("teipress.scan.read_file", lambda path, *rest: (read.append(path.name), read_file(path, *rest))[1])
    monkeypatch.setattr(cache_module, "EXTRACT_VERSION", "a newer rule")
    report = build([sources], out, "html", SETTINGS, stylesheets, jobs=1)
    assert report.built == 2
    assert {"text-one.xml", "text-two.xml"} <= set(read)
    read.clear()
    assert build([sources], out, "html", SETTINGS, stylesheets, jobs=1).built == 0
    assert read == []


def test_force_rebuilds_everything(mini, stylesheets):
    sources, out = mini
    assert build([sources], out, "html", SETTINGS, stylesheets, force=True).built == 2


def test_the_cache_lives_beside_the_output_not_in_it(mini):
    sources, out = mini
    assert cache_dir(out) == out.parent / CACHE_FOLDER / out.name
    assert (cache_dir(out) / "manifest.json").is_file()
    assert not [p for p in out.rglob("*") if CACHE_FOLDER in p.parts]


def test_texts_with_the_same_id_get_pages_of_their_own(tmp_path, stylesheets):
    sources = tmp_path / "tei"
    shutil.copytree(FIXTURES / "mini", sources)
    copy = (sources / "text-two.xml").read_text(encoding="utf-8").replace("Reply from Lisbon", "Second reply")
    copy = copy.replace('xml:id="text-two" n="2"', 'xml:id="text-two" n="3"')
    write(sources / "text-two-copy.xml", copy)
    report = build([sources], tmp_path / "out", "html", SETTINGS, stylesheets)
    warning = next(d for d in report.diagnostics if "also the id of" in d.message)
    assert str(warning) == (f"{sources / 'text-two-copy.xml'}:2:1: warning: the text id 'text-two' is also the id of "
                            "text-two.xml; this text's pages are named 'text-two-copy' instead")
    assert "Second reply" in (tmp_path / "out" / "text-two-copy.html").read_text(encoding="utf-8")
    assert "Reply from Lisbon" in (tmp_path / "out" / "text-two.html").read_text(encoding="utf-8")


def _letters(folder, count):
    """Write ``count`` small texts, each pointing into the one before it, and the mini registers."""
    shutil.copy(FIXTURES / "mini" / "registers.xml", folder / "registers.xml")
    template = (FIXTURES / "mini" / "text-one.xml").read_text(encoding="utf-8")
    for n in range(1, count + 1):
        text = template.replace('xml:id="text-one" n="1"', f'xml:id="letter-{n}" n="{n}"')
        text = text.replace("Arrival at Veracruz", f"Letter {n}").replace('xml:id="one-p1"', f'xml:id="l{n}-p1"')
        text = text.replace("text-two.xml#two-p2", f"letter-{max(n - 1, 1)}.xml#l{max(n - 1, 1)}-p1")
        write(folder / f"letter-{n}.xml", text)


def test_the_pool_gives_the_bytes_of_a_build_in_one_process(tmp_path, stylesheets):
    sources = tmp_path / "tei"
    sources.mkdir()
    _letters(sources, 10)
    one, pool = tmp_path / "one", tmp_path / "pool"
    first = build([sources], one, "html", SETTINGS, stylesheets, jobs=1)
    second = build([sources], pool, "html", SETTINGS, jobs=2)  # 10 texts: enough for the pool
    assert not first.failed and not second.failed
    assert first.built == second.built == 10

    def files(out):
        # Pagefind's index is not byte-reproducible from run to run (its filter files' names vary), so it is left out.
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
                if p.is_file() and "pagefind" not in p.relative_to(out).parts}

    assert files(one) == files(pool)
    assert "Letter 9" in (pool / "letter-10.html").read_text(encoding="utf-8")  # the link into the letter before


def test_edition_pages_from_extracts_equal_those_from_the_whole_texts(stylesheets, tmp_path):
    """The index, registers, chronology, paratext pages and datasets come from the texts'
    extracts; they are the pages the whole texts give."""
    from teipress.corpus import read_corpus
    from teipress.edition import edition_tree
    from teipress.writers.data import DATASETS
    from teipress.writers.html import EXTRA_PAGES

    settings = Settings(**SEED_SETTINGS_ARGS)
    out = tmp_path / "out"
    build([TEI], out, "html", settings, stylesheets)
    from teipress.outputs import select

    whole = stylesheets.node(edition_tree(read_corpus([TEI]), settings, select("html")))
    for page in ["index", "persons", "places", "organisations", *EXTRA_PAGES]:
        expected = stylesheets.run("html/pages.xsl", whole, {"page": page})
        assert (out / f"{page}.html").read_bytes() == expected.encode("utf-8"), page
    for name, dataset in DATASETS.items():
        expected = stylesheets.run("data/data.xsl", whole, {"dataset": dataset})
        assert (out / "data" / name).read_bytes() == expected.encode("utf-8"), name


def test_an_epub_build_counts_its_texts_as_built_with_the_book_or_kept_with_it(mini, stylesheets):
    sources, out = mini
    first = build([sources], out, "epub", SETTINGS, stylesheets)
    assert (first.built, first.skipped) == (2, 0) and (out / "edition.epub").is_file()
    again = build([sources], out, "epub", SETTINGS, stylesheets)
    assert (again.built, again.skipped, again.written) == (0, 2, [])


def test_a_rebuild_that_makes_texts_only_compiles_only_their_stylesheet(mini, monkeypatch):
    """An edit that changes no extract (words of a note: no mention's sentence) rebuilds texts and the
    archives, no edition-wide page: the build's process compiles the text page's stylesheet only,
    not the site's other three (a second and more)."""
    from teipress import execute

    sources, out = mini
    monkeypatch.setattr(execute, "_MAIN_STYLESHEETS", {})
    _edit(sources / "text-one.xml", "Quint's reply is", "Quint's answer is")
    report = build([sources], out, "html", SETTINGS, jobs=1)
    assert report.built == 2 and not report.failed
    assert "Quint's answer is" in (out / "text-one.html").read_text(encoding="utf-8")
    assert [s.compiled() for s in execute._MAIN_STYLESHEETS.values()] == [("html/html.xsl",)]
    # Words around a name are quoted on its page: the site's stylesheets are compiled for it.
    _edit(sources / "text-one.xml", "said the crossing would", "swore the crossing would")
    report = build([sources], out, "html", SETTINGS, jobs=1)
    assert not report.failed, [str(d) for d in report.diagnostics]
    assert "swore the crossing" in (out / "persons" / "pers-quint.html").read_text(encoding="utf-8")
    # The three HTML entry stylesheets it runs, as the one that holds them (html/site.xsl).
    assert any("html/site.xsl" in s.compiled() for s in execute._MAIN_STYLESHEETS.values())
