"""The PDF edition read back with pypdf: line-numbered apparatus at the page foot,
the volume's contents, index, fonts, metadata, bookmarks and attached TEI source.

Expected values come from the PDF's own geometry and text, not from the code
that made it: line numbers are counted from the baselines of the text lines,
the page where a text starts is the page that shows its title in the title
size, the pages that mention a person are the pages whose text names him.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from teipress.config import Settings
from teipress.pipeline import build

from .conftest import SEED_SETTINGS_ARGS, TEI

SETTINGS = Settings(**SEED_SETTINGS_ARGS)

# Sizes in the PDF's text space (CSS px; the page matrix scales by 0.75 to pt).
BODY_SIZES = (13.0, 15.0)  # reading text: 10.5pt = 14px (blockquotes 10pt = 13.3px)
TITLE_SIZE = 20.0  # a text's title (h1, 18pt = 24px) and nothing else in a text is this large
CONTENT_BOTTOM = 1040.0  # below the text area (26mm bottom margin of the 297mm page), only the page number
MARGIN_X = 700.0  # the margin line numbers stand right of the text column (which ends near 695)


@pytest.fixture(scope="session")
def pdfs(seed_edition) -> Path:
    """The seed edition's PDFs (each text and the volume), built once for the session."""
    return seed_edition


def runs_of(page) -> list[tuple[str, float, float, float]]:
    """The text runs of a page: (text, x, y from the top, font size), in CSS px."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((text, tm[4], tm[5], size))

    page.extract_text(visitor_text=visit)
    return runs


def page_text(page) -> str:
    """The words of a page with soft hyphens at line ends joined."""
    return " ".join(page.extract_text().replace("\u2010\n", "").split())


def body_lines(runs) -> list[float]:
    """The baselines of the lines of the reading text on a page (runs of the text size left of the
    margin), runs less than 2px apart taken as one line."""
    lines: list[float] = []
    for y in sorted(y for text, x, y, size in runs if BODY_SIZES[0] <= size <= BODY_SIZES[1] and x < MARGIN_X):
        if not lines or y - lines[-1] > 2:
            lines.append(y)
    return lines


def expected_line(runs, needle: str) -> int:
    """The line number of the text line holding ``needle``, counted from the nearest margin number
    above it (or, at the top of a page, back from the first one below it)."""
    [line_y] = [y for text, x, y, size in runs if needle in text]
    body = body_lines(runs)
    numbers = [(int(text), y) for text, x, y, size in runs if x > MARGIN_X and text.strip().isdigit()]
    assert numbers, "no margin number on the page"
    for number, number_y in numbers:  # margin numbers sit on text lines, every fifth
        assert number % 5 == 0 and any(abs(number_y - y) < 1 for y in body)
    above = [(n, y) for n, y in numbers if y <= line_y + 1]
    if above:
        number, number_y = max(above, key=lambda item: item[1])
        return number + sum(1 for y in body if number_y + 1 < y <= line_y + 1)
    number, number_y = min(numbers, key=lambda item: item[1])
    return number - sum(1 for y in body if line_y + 1 < y <= number_y + 1)


def foot_text(runs, below: float) -> str:
    """The text of the page foot, line by line: runs below ``below`` and above the bottom margin
    (the page number), in a smaller size than the text."""
    lines: dict[float, str] = {}
    for text, x, y, size in runs:
        if below < y < CONTENT_BOTTOM and size < BODY_SIZES[0] and x < MARGIN_X:
            key = next((k for k in lines if abs(k - y) < 2), y)
            lines[key] = lines.get(key, "") + text
    return "\n".join(" ".join(lines[y].split()) for y in sorted(lines))


@pytest.mark.parametrize("name", ["sedova-assassins.pdf", "edition.pdf"])
def test_apparatus_entry_at_the_foot_gives_the_line_number_of_its_lemma(pdfs, name):
    reader = PdfReader(str(pdfs / name))
    [page] = [p for p in reader.pages if "came the GPU order" in page_text(p)]
    runs = runs_of(page)
    line = expected_line(runs, "came the GPU order")
    last_text_line = max(y for text, x, y, size in runs if BODY_SIZES[0] <= size <= BODY_SIZES[1])
    foot = foot_text(runs, last_text_line)
    assert re.search(rf"(^|\| ){line} came\] camp sic", foot, re.MULTILINE), (line, foot)
    # Only the lemmata of this page: the entry of "threads" (a later page) is not here.
    assert "threads]" not in foot


def test_margin_numbers_every_fifth_line_of_the_text(pdfs):
    reader = PdfReader(str(pdfs / "sedova-assassins.pdf"))
    for page in reader.pages:
        runs = runs_of(page)
        numbers = sorted((y, int(t)) for t, x, y, size in runs if x > MARGIN_X and t.strip().isdigit())
        body = body_lines(runs)
        for (y1, n1), (y2, n2) in zip(numbers, numbers[1:]):
            assert n2 - n1 == 5
            assert sum(1 for y in body if y1 + 1 < y <= y2 + 1) == 5, (n1, n2)


@pytest.mark.xfail(strict=True, reason=(
    "on page 5 of sedova-assassins.pdf the apparatus band (lines 104-120) is too tall for the room left "
    "below its last lemma; WeasyPrint defers it, the layout loop then sets its entries as footnotes of their "
    "own (writers/pdf_layout.py), and they stand between notes 10, 11 and 12: the bands are not kept apart"))
def test_commentary_notes_are_a_separate_band_above_the_apparatus(pdfs):
    reader = PdfReader(str(pdfs / "sedova-assassins.pdf"))
    checked = 0
    for page in reader.pages:
        runs = runs_of(page)
        last_text_line = max(y for text, x, y, size in runs if BODY_SIZES[0] <= size <= BODY_SIZES[1])
        foot = [(y, text) for text, x, y, size in runs
                if last_text_line < y < CONTENT_BOTTOM and size < BODY_SIZES[0]]
        entries = [y for y, text in foot if re.match(r"\d+ $", text)]  # the line number opening an entry
        notes = [y for y, text in foot if re.fullmatch(r"\d+", text.strip()) and y not in entries]
        if entries and notes:
            assert max(notes) < min(entries)  # every note above the apparatus band
            checked += 1
    assert checked >= 2


def _start_pages(reader, titles):
    starts = {}
    for number, page in enumerate(reader.pages, 1):
        for text, x, y, size in runs_of(page):
            for title in titles:
                if size >= TITLE_SIZE and title.startswith(text.strip()[:20]) and title not in starts:
                    starts[title] = number
    return starts


TITLES = ["Remembering the arrival of Leon Trotsky to Mexico as a refugee",
          "Stalinist Assassins Must Be Made to Stand Trial!"]


def test_contents_give_the_pages_where_the_texts_start(pdfs):
    reader = PdfReader(str(pdfs / "edition.pdf"))
    [contents] = [p for p in reader.pages[:3] if page_text(p).startswith("Contents")]
    listed = {}
    for title in TITLES:
        match = re.search(re.escape(title) + r"[ .]*?(\d+)\b", page_text(contents))
        assert match, title
        listed[title] = int(match.group(1))
    starts = _start_pages(reader, TITLES)
    assert listed == starts
    assert starts[TITLES[0]] < starts[TITLES[1]]  # edition order
    # The printed page number of that page is the same number.
    for title, number in starts.items():
        assert page_text(reader.pages[number - 1]).endswith(str(number))


def test_title_page_has_the_edition_title_editors_licence_and_build_date(pdfs):
    text = page_text(PdfReader(str(pdfs / "edition.pdf")).pages[0])
    assert text.startswith("Trotsky in Mexico: Exile and Asylum")
    for words in ("The teipress editors", "Creative Commons Attribution 4.0", "24 November 2026", "Labor Action",
                  "by Natalia Sedova Trotsky", "by Archivo General de la Nación"):
        assert words in text, words


def test_editorial_introduction_from_the_editorial_declarations(pdfs):
    reader = PdfReader(str(pdfs / "edition.pdf"))
    text = " ".join(page_text(p) for p in reader.pages[:6])
    assert "Editorial introduction" in text
    assert "Corrections. The text is transcribed character for character" in text


def test_index_lists_cardenas_with_the_pages_of_both_texts(pdfs):
    reader = PdfReader(str(pdfs / "edition.pdf"))
    texts = [page_text(p) for p in reader.pages]
    index_start = max(n for n, t in enumerate(texts) if t.startswith("Index"))
    index = " ".join(texts[index_start:])
    match = re.search(r"Cárdenas, Lázaro ((?:\d+(?:, )?)+)", index)  # inverted, as it is sorted
    assert match
    assert "Alfaro Siqueiros, David " in index and "Lázaro Cárdenas" not in index
    listed = [int(n) for n in match.group(1).split(", ")]
    starts = _start_pages(reader, TITLES)
    mentioned = [n for n, t in enumerate(texts, 1) if starts[TITLES[0]] <= n <= index_start and ("Cárdenas" in t or "Cardenas" in t)]
    assert listed == mentioned
    assert any(n < starts[TITLES[1]] for n in listed) and any(n >= starts[TITLES[1]] for n in listed)


def test_running_heads_author_on_left_title_on_right(pdfs):
    reader = PdfReader(str(pdfs / "edition.pdf"))
    starts = _start_pages(reader, TITLES)
    verso = runs_of(reader.pages[starts[TITLES[1]]])  # the page after the start: a left-hand page
    recto = runs_of(reader.pages[starts[TITLES[1]] + 1])
    assert min(verso, key=lambda r: r[2])[0].strip() == "Natalia Sedova Trotsky"
    assert min(recto, key=lambda r: r[2])[0].strip() == TITLES[1]


def test_fonts_are_embedded(pdfs):
    for name in ("edition.pdf", "agn-arrival.pdf"):
        reader = PdfReader(str(pdfs / name))
        fonts = {}
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = (font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"])
                fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        assert fonts and all(fonts.values()), fonts
        assert any("Gentium-Book-Plus" in base for base in fonts)


def test_metadata_language_and_pdf_a(pdfs):
    reader = PdfReader(str(pdfs / "sedova-assassins.pdf"))
    meta = reader.metadata
    assert meta.title.startswith("Stalinist Assassins Must Be Made to Stand Trial!")
    assert meta.author == "Natalia Sedova Trotsky"
    assert meta.subject.startswith("Stalinist Assassins Must Be Made to Stand Trial!, by Natalia Sedova Trotsky.")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    volume = PdfReader(str(pdfs / "edition.pdf")).metadata
    assert volume.title == "Trotsky in Mexico: Exile and Asylum"
    assert volume.author == "Archivo General de la Nación; Natalia Sedova Trotsky"


def test_tei_source_is_attached(pdfs):
    reader = PdfReader(str(pdfs / "sedova-assassins.pdf"))
    assert reader.attachments["sedova-assassins.xml"] == [(TEI / "sedova-assassins.xml").read_bytes()]
    assert reader.attachments["registers.xml"] == [(TEI / "registers.xml").read_bytes()]
    volume = PdfReader(str(pdfs / "edition.pdf"))
    assert {"agn-arrival.xml", "sedova-assassins.xml", "registers.xml"} <= set(volume.attachments)


def test_bookmarks_follow_the_structure_and_lead_to_the_pages(pdfs):
    reader = PdfReader(str(pdfs / "edition.pdf"))
    top = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    assert titles == ["Contents", "Editorial introduction", *TITLES, "Map", "Index"]
    starts = _start_pages(reader, TITLES)
    for item in top:
        if item.title in starts:
            assert reader.get_destination_page_number(item) + 1 == starts[item.title]
    nested = [child.title for item in reader.outline if isinstance(item, list) for child in item]
    assert {"Much Is Unsaid", "The Armed Assault", "Persons", "Places", "Organisations"} <= set(nested)


def test_contents_and_index_are_links_to_their_pages(pdfs):
    reader = PdfReader(str(pdfs / "edition.pdf"))
    contents = reader.pages[1]
    links = [a.get_object() for a in contents.get("/Annots", [])]
    internal = [a for a in links if a.get("/Subtype") == "/Link" and "/Dest" in a or "/A" in a and a["/A"].get("/S") == "/GoTo"]
    assert len(internal) >= 4  # introduction, two texts, index
    texts = [page_text(p) for p in reader.pages]
    index_start = max(n for n, t in enumerate(texts) if t.startswith("Index"))
    index_links = [a for p in reader.pages[index_start:] for a in p.get("/Annots", [])]
    assert len(index_links) > 50


def test_build_is_reproducible(pdfs, tmp_path, stylesheets):
    build([TEI], tmp_path, "pdf", SETTINGS, stylesheets)
    assert (tmp_path / "agn-arrival.pdf").read_bytes() == (pdfs / "agn-arrival.pdf").read_bytes()


def test_endnotes_and_numbering_per_page_by_setting(tmp_path, stylesheets):
    from .conftest import FIXTURES

    settings = Settings(title="Mini", build_date="2026-11-24", pdf_notes="endnotes", pdf_line_numbers="page")
    report = build([FIXTURES / "mini"], tmp_path, "pdf", settings, stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]
    reader = PdfReader(str(tmp_path / "text-one.pdf"))
    runs = [(text, number, y, size) for number, page in enumerate(reader.pages) for text, x, y, size in runs_of(page)]
    position = {text.strip(): (number, y) for text, number, y, size in runs}
    note = next((number, y) for text, number, y, size in runs if text.startswith("Quint's reply is"))
    # The note stands after the Notes heading, which follows the end of the text (the closer's dateline).
    assert position["Notes"] < note
    assert next((n, y) for t, n, y, s in runs if t.startswith("Veracruz, 20 February 1931")) < position["Notes"]
    # Its call is a number in the text, not a footnote: no note text at the foot of the page of "came".
    text = " ".join(page_text(p) for p in reader.pages)
    assert re.search(r"\b\d+ came\] camp W1", text)
    assert text.index("Quint's reply is") > text.index("Notes")


def test_line_numbers_per_page_restart_on_every_page(stylesheets, tmp_path):
    from teipress.corpus import read_corpus
    from teipress.edition import edition_tree
    from teipress.writers.pdf import PRINT_STYLESHEET, PrintOptions, render_pdf

    node = stylesheets.node(edition_tree(read_corpus([TEI]), SETTINGS))
    html = stylesheets.run(PRINT_STYLESHEET, node, {"text-id": "sedova-assassins"})
    path = tmp_path / "per-page.pdf"
    path.write_bytes(render_pdf(html, stylesheets.root / "print", PrintOptions(per="page")))
    reader = PdfReader(str(path))
    firsts = []
    for page in reader.pages:
        runs = runs_of(page)
        numbers = sorted((y, int(t)) for t, x, y, size in runs if x > MARGIN_X and t.strip().isdigit())
        if numbers:
            firsts.append(numbers[0][1])
            # The first number is the fifth counted line of the page.
            assert len([y for y in body_lines(runs) if y <= numbers[0][0] + 1]) >= 5
    assert len(firsts) >= 4 and set(firsts) == {5}
    [page] = [p for p in reader.pages if "came the GPU order" in page_text(p)]
    runs = runs_of(page)
    line = expected_line(runs, "came the GPU order")
    assert line < 45  # a number on its page, not in the text
    last_text_line = max(y for text, x, y, size in runs if BODY_SIZES[0] <= size <= BODY_SIZES[1])
    assert re.search(rf"(^|\| ){line} came\] camp sic", foot_text(runs, last_text_line), re.MULTILINE)


def test_a_text_pdf_ends_with_its_colophon_not_the_sites_page_links(pdfs):
    # The site footer's links (About, How to cite …) point at web pages a reader of the PDF does not have.
    last = page_text(PdfReader(str(pdfs / "sedova-assassins.pdf")).pages[-1])
    assert "Built on 24 November 2026. Published with teipress." in " ".join(last.split())
    for link in ("Editorial principles", "How to read", "Open data"):
        assert link not in last


def test_the_seed_volume_takes_four_layouts_the_last_one_with_its_index(stylesheets):
    """The first layout finds the lemmata; the second, annotated, has the texts' layout, but two
    apparatus entries of the AGN article stand in a band too tall for its page; with those loosened
    the third moves lines; the fourth settles, and is laid out with the index, as the layout after a
    loosening usually settles (a draft without the index and then the index were five layouts)."""
    from teipress.corpus import read_corpus
    from teipress.edition import edition_tree
    from teipress.writers.pdf import PRINT_STYLESHEET
    from teipress.writers.pdf_layout import PrintOptions, lay_out

    node = stylesheets.node(edition_tree(read_corpus([TEI]), SETTINGS))
    html = stylesheets.run(PRINT_STYLESHEET, node, {"text-id": "", "print-volume": True, "print-notes": "footnotes"})
    result = lay_out(html, stylesheets.root / "print", PrintOptions())
    assert (result.passes, result.stable) == (4, True)
    assert "draft-layout" not in (result.tree.getroot().get("class") or "")
    assert result.line_map.off_page == []
    last = page_text(PdfReader(io.BytesIO(result.document.write_pdf())).pages[-1])
    assert "Troika of Zinoviev, Kamenev and Stalin 11" in last  # the index, its repeated pages hidden
