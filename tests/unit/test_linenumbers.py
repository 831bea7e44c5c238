"""Line numbers measured from WeasyPrint's layout: what is counted, per text and per page,
anchors, margin numbers and apparatus placeholders, and the PDF writer's layout loop
(:func:`teipress.writers.pdf_layout.lay_out`) that lays out again until the numbers match the layout.

Every document here uses DejaVu Serif 10pt on a 14pt line in a 70 mm measure,
so a line holds exactly six of the words ``w001 w002 …`` and a page holds eleven
lines: line n of a paragraph starts with word 6n-5. The expected numbers below
follow from that and were checked against ``pdftotext -layout`` of the PDFs.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import lxml.html
import pytest

weasyprint = pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")

from teipress.linenumbers import (  # noqa: E402
    LinePosition,
    MarginNumbers,
    annotate,
    gather,
    margin_css,
    measure,
    parse,
    repaint,
    serialize,
)
from teipress.writers.pdf_layout import PrintOptions, lay_out, margin_numbers, weasyprint_html  # noqa: E402

CSS = """
@page { size: 100mm 80mm; margin: 12mm 10mm 12mm 20mm;
  @top-center { content: "Running head"; font-family: "DejaVu Serif"; font-size: 8pt }
  @bottom-center { content: counter(page); font-family: "DejaVu Serif"; font-size: 8pt } }
body { font-family: "DejaVu Serif"; font-size: 10pt; line-height: 14pt; margin: 0 }
p { margin: 0 }
h2 { font-size: 12pt; margin: 0 0 7pt }
figure { margin: 0 0 7pt }
.fn { float: footnote }
.app { float: footnote }
/* Without the last two, the empty call is still a superscript box that makes its line taller. */
.app::footnote-call { content: none; vertical-align: baseline; line-height: inherit }
.app::footnote-marker { content: none }
"""

MARGIN = MarginNumbers(font_family="DejaVu Serif")


def words(first: int, last: int, anchors=()) -> str:
    """The words w<first> … w<last>; those numbered in ``anchors`` are anchor spans with their own id."""
    return " ".join(
        f'<span id="w{i:03d}" data-line-anchor="">w{i:03d}</span>' if i in anchors else f"w{i:03d}"
        for i in range(first, last + 1)
    )


def page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><style>{CSS}</style></head><body>{body}</body></html>"


def text(body: str) -> str:
    return page(f'<div class="line-numbered">{body}</div>')


def render(html: str):
    return weasyprint.HTML(string=html).render()


def laid_out(html: str, **options):
    """``html`` through the PDF writer's layout loop (margin numbers right of the text, as in print)."""
    return lay_out(html, Path(__file__).parent, PrintOptions(**options))


def annotated(html: str, line_map, margin=MARGIN, rewrite=None) -> str:
    tree = parse(html)
    if rewrite is not None:
        rewrite(tree, line_map)
    annotate(tree, line_map, margin)
    return serialize(tree)


def numbers(line_map) -> list[tuple[int, int]]:
    return [(line.page, line.number) for line in line_map.lines]


def pdf_texts(document) -> list[list[tuple[str, float]]]:
    """The text runs of each page of the PDF with the y of their baseline (CSS px from the top)."""
    reader = pypdf.PdfReader(io.BytesIO(document.write_pdf()))
    pages = []
    for pdf_page in reader.pages:
        runs: list[tuple[str, float]] = []
        pdf_page.extract_text(
            visitor_text=lambda run, cm, tm, font, size: runs.append((run.strip(), round(tm[5], 2)))
            if run.strip()
            else None
        )
        pages.append(runs)
    return pages


def baseline_of(runs, start: str) -> float:
    [y] = [y for run, y in runs if run.startswith(start)]
    return y


# Twenty lines: eleven on page 1 (w001–w066), nine on page 2 (w067–w120).
TWO_PAGES = text(f"<p>{words(1, 120, {97})}</p>")


def test_anchor_in_the_third_line_of_a_wrapped_paragraph_is_on_line_3():
    line_map = measure(render(text(f"<p>{words(1, 60, {1, 7, 15})}</p>")))
    assert numbers(line_map) == [(1, n) for n in range(1, 11)]
    assert line_map.anchors == {
        "w001": LinePosition(1, 1),
        "w007": LinePosition(1, 2),
        "w015": LinePosition(1, 3),
    }
    # The line boxes are 14pt apart, top to bottom.
    tops = [line.top for line in line_map.lines]
    assert [round(b - a, 3) for a, b in zip(tops, tops[1:])] == [round(14 * 4 / 3, 3)] * 9


def test_headings_captions_uncounted_blocks_and_text_outside_are_not_counted():
    html = page(
        f"<p>{words(1, 6)}</p>"
        '<div class="line-numbered">'
        '<h2><span id="h" data-line-anchor="">Heading</span></h2>'
        '<figure><figcaption id="cap" data-line-anchor="">Figure 1. A caption</figcaption></figure>'
        f'<p class="uncounted">{words(1, 6)}</p>'
        f"<p>{words(1, 18, {1, 13})}</p>"
        "</div>"
    )
    line_map = measure(render(html))
    assert numbers(line_map) == [(1, 1), (1, 2), (1, 3)]
    assert line_map.anchors == {"w001": LinePosition(1, 1), "w013": LinePosition(1, 3)}
    assert line_map.unplaced == ["cap", "h"]


def test_per_text_numbering_continues_on_the_next_page():
    line_map = measure(render(TWO_PAGES), per="text")
    assert numbers(line_map) == [(1, n) for n in range(1, 12)] + [(2, n) for n in range(12, 21)]
    assert line_map.anchors == {"w097": LinePosition(page=2, line=17)}
    assert len(line_map.pages) == 2


def test_per_page_numbering_restarts_on_every_page():
    line_map = measure(render(TWO_PAGES), per="page")
    assert numbers(line_map) == [(1, n) for n in range(1, 12)] + [(2, n) for n in range(1, 10)]
    assert line_map.anchors == {"w097": LinePosition(page=2, line=6)}


def test_forced_page_break_and_a_block_anchor():
    html = text(
        f'<p id="first" data-line-anchor="">{words(1, 12)}</p>'
        f'<p style="break-before: page">{words(13, 30, {25})}</p>'
    )
    line_map = measure(render(html), per="page")
    assert numbers(line_map) == [(1, 1), (1, 2), (2, 1), (2, 2), (2, 3)]
    assert line_map.anchors == {"first": LinePosition(1, 1), "w025": LinePosition(2, 3)}


def test_footnotes_running_elements_and_margin_boxes_are_not_counted():
    # A six-line footnote after w012, and a running head taken from an element
    # inside the counted text: the page shows four lines of text, six of
    # footnote and two margin lines ("Head  Running head", "1"); four count.
    html = page(
        "<style>@page { @top-left { content: element(head) } }</style>"
        '<div class="line-numbered">'
        '<div style="position: running(head)"><span id="in-head" data-line-anchor="">Head</span></div>'
        f'<p>{words(1, 12)}<span class="fn">{words(200, 230, {210})}</span> {words(13, 24, {13})}</p>'
        "</div>"
    )
    line_map = measure(render(html))
    assert numbers(line_map) == [(1, 1), (1, 2), (1, 3), (1, 4)]
    assert line_map.anchors == {"w013": LinePosition(1, 3)}
    assert line_map.unplaced == ["in-head", "w210"]


def test_floats_and_absolutely_positioned_boxes_are_not_counted():
    html = text(
        f"<p>{words(1, 12)}</p>"
        '<div style="position: absolute; top: 0; left: 0"><span id="abs" data-line-anchor="">Absolute</span></div>'
        f"<p>{words(13, 18, {13})}</p>"
        # Last, so that it narrows no counted line.
        '<div style="float: right; width: 20mm">'
        '<span id="side" data-line-anchor="">Side</span> note in three lines</div>'
    )
    line_map = measure(render(html))
    assert numbers(line_map) == [(1, 1), (1, 2), (1, 3)]
    assert line_map.anchors == {"w013": LinePosition(1, 3)}
    assert line_map.unplaced == ["abs", "side"]


def test_blank_lines_footnote_call_lines_and_inline_blocks():
    # Line by line: "w001" | the footnote call alone (visible: counts once) |
    # "w002" | a blank line holding only an empty anchor (not counted) | "w003" |
    # "w004 [a/b] w005", an inline block of two lines inside one line (counts once).
    html = text(
        '<p>w001<br><span class="fn" id="note">note</span></p>'
        '<p>w002<br><span id="empty" data-line-anchor=""></span><br>w003</p>'
        '<p>w004 <span style="display: inline-block">a<br>b</span> <span id="w005" data-line-anchor="">w005</span></p>'
        f"<p>{words(6, 6, {6})}</p>"
    )
    line_map = measure(render(html), ids={"note"})
    assert numbers(line_map) == [(1, n) for n in range(1, 7)]
    assert line_map.anchors == {
        "note": LinePosition(1, 2),  # the footnote call's box belongs to the note element
        "empty": LinePosition(1, 4),  # placed on the next counted line, w003's
        "w005": LinePosition(1, 5),
        "w006": LinePosition(1, 6),
    }


def test_margin_numbers_every_fifth_line_per_text():
    line_map = measure(render(TWO_PAGES))
    marks = line_map.margin_numbers()
    assert {page: [line.number for line in lines] for page, lines in marks.items()} == {1: [5, 10], 2: [15, 20]}
    assert {page: [line.number for line in lines] for page, lines in line_map.margin_numbers(every=10).items()} == {
        1: [10],
        2: [20],
    }


def test_annotated_html_keeps_the_layout_and_prints_the_numbers_on_their_lines():
    first = measure(render(TWO_PAGES))
    second_document = render(annotated(TWO_PAGES, first))
    second = measure(second_document)
    assert second.same_layout(first)
    # Each number sits on the baseline of its line, on its page, and nowhere else.
    runs = pdf_texts(second_document)
    lone_numbers = [[(run, y) for run, y in page_runs if run.isdigit()] for page_runs in runs]
    assert lone_numbers[0] == [
        ("5", baseline_of(runs[0], "w025")),
        ("10", baseline_of(runs[0], "w055")),
        ("1", pytest.approx(283.37, abs=0.1)),  # the page number in its margin box
    ]
    assert lone_numbers[1] == [
        ("15", baseline_of(runs[1], "w085")),
        ("20", baseline_of(runs[1], "w115")),
        ("2", pytest.approx(283.37, abs=0.1)),
    ]


def test_same_layout_detects_a_moved_line():
    first = measure(render(TWO_PAGES))
    moved = measure(render(TWO_PAGES.replace("<p>", '<p style="padding-top: 1px">')))
    assert [line.number for line in moved.lines] == [line.number for line in first.lines]
    assert not moved.same_layout(first)


def test_per_page_margin_numbers_restart_on_every_page():
    result = laid_out(TWO_PAGES, per="page")
    runs = pdf_texts(result.document)
    assert [run for run, _ in runs[0] if run.isdigit()] == ["5", "10", "1"]
    assert [(run, y) for run, y in runs[1] if run == "5"] == [("5", baseline_of(runs[1], "w091"))]
    # In print the numbers stand right of the text on every page.
    assert 'text-anchor="start"' in _svg_of(result.html, 1) and 'text-anchor="start"' in _svg_of(result.html, 2)


def test_margin_numbers_on_the_outer_side_follow_the_pages_side():
    line_map = measure(render(TWO_PAGES), per="page")
    # Page 1 is a right-hand page: its numbers stand right of the text.
    assert line_map.pages[0].side == "right" and line_map.pages[1].side == "left"
    css = margin_css(line_map, MarginNumbers(font_family="DejaVu Serif", side="outer"))
    assert 'text-anchor="start"' in _svg_of(css, 1)
    assert 'text-anchor="end"' in _svg_of(css, 2)
    [x] = re.findall(r'<text x="([\d.]+)"[^>]*>10<', _svg_of(css, 1))
    assert float(x) == pytest.approx(line_map.lines[0].text_right + 12.0, abs=0.001)


def _svg_of(html: str, page_number: int) -> str:
    from urllib.parse import unquote

    start = html.index(f"@page :nth({page_number})")
    return unquote(html[start : html.index(")", html.index("url(", start))])


APP_W097 = '<span class="app"><span class="app-line" data-for="w097"></span> w097] w097a B</span>'
APPARATUS = text(f"<p>{words(1, 97, {97})}{APP_W097} {words(98, 120)}</p>")


def test_apparatus_placeholder_receives_the_line_number_per_text():
    result = laid_out(APPARATUS)
    assert result.stable and result.passes == 2
    assert result.line_map.anchors == {"w097": LinePosition(2, 17)}
    assert '<span class="app-line" data-for="w097" data-page="2" data-line="17">17</span>' in result.html
    runs = pdf_texts(result.document)
    assert "17 w097] w097a B" in [run for run, _ in runs[1]]
    assert not any("w097]" in run for run, _ in runs[0])


def test_apparatus_placeholder_receives_the_line_number_per_page():
    result = laid_out(APPARATUS, per="page")
    assert result.stable
    assert '<span class="app-line" data-for="w097" data-page="2" data-line="6">6</span>' in result.html
    assert "6 w097] w097a B" in [run for run, _ in pdf_texts(result.document)[1]]


# The provisional "000" of the first pass, spread by the letter spacing, makes
# the apparatus entry two lines long; the real "3" makes it one, so page 1 holds
# one more line of text (9 instead of 8) after the second pass. The entry's
# number stays 3: only the margin numbers must change, and they are painted on
# the second layout instead of a third.
SHIFTING = text(
    "<style>.app-line { letter-spacing: 60px }</style>"
    f"<p>{words(1, 15, {15})}"
    '<span class="app"><span class="app-line" data-for="w015"></span>w015] w015a w015b</span>'
    f" {words(16, 120)}</p>"
)


def test_margin_numbers_painted_on_the_layout_when_only_they_would_change():
    result = laid_out(SHIFTING)
    assert (result.passes, result.stable) == (2, True)
    assert [len(result.line_map.on_page(n)) for n in (1, 2)] == [9, 11]
    runs = pdf_texts(result.document)
    assert [(run, y) for run, y in runs[0] if run in ("5", "10")] == [("5", baseline_of(runs[0], "w025"))]
    assert [(run, y) for run, y in runs[1] if run in ("10", "15", "20")] == [
        ("10", baseline_of(runs[1], "w055")),
        ("15", baseline_of(runs[1], "w085")),
        ("20", baseline_of(runs[1], "w115")),
    ]
    # The tree handed back paints what the PDF shows: the numbers of its own layout.
    assert margin_css(result.line_map, margin_numbers(PrintOptions())) in result.html


# A placeholder in the text itself, before its target: "000" spread by the
# letter spacing pushes w020 to line 6, the "6" written then lets it back to
# line 4, and the "4" of the third layout keeps it there.
SELF_SHIFTING = text(
    "<style>.app-line { letter-spacing: 60px }</style>"
    f'<p>See line <span class="app-line" data-for="w020"></span>: {words(1, 40, {20})}</p>'
)


def test_layout_loop_lays_out_again_until_the_numbers_match_the_layout():
    result = laid_out(SELF_SHIFTING)
    assert (result.passes, result.stable) == (3, True)
    assert result.line_map.anchors == {"w020": LinePosition(1, 4)}
    assert '<span class="app-line" data-for="w020" data-page="1" data-line="4">4</span>' in result.html
    assert measure(render(result.html)).anchors == {"w020": LinePosition(1, 4)}


def test_repaint_gives_the_margin_numbers_a_new_layout_would_paint():
    per_text = measure(render(TWO_PAGES))
    per_page = measure(render(TWO_PAGES), per="page")
    document = render(annotated(TWO_PAGES, per_page))  # numbers 5, 10 on page 1 and 5 on page 2
    repaint(document, per_text, MARGIN, weasyprint.urls.URLFetcher())
    assert pdf_texts(document) == pdf_texts(render(annotated(TWO_PAGES, per_text)))
    # A page whose numbers go away loses them.
    repaint(document, per_text, MarginNumbers(every=100), weasyprint.urls.URLFetcher())
    assert [[run for run, _ in runs if run.isdigit()] for runs in pdf_texts(document)] == [["1"], ["2"]]


def test_layout_loop_reports_a_layout_that_did_not_settle(caplog):
    result = laid_out(SELF_SHIFTING, max_passes=2)
    assert (result.passes, result.stable) == (2, False)
    assert "still changing after 2 passes" in caplog.text
    # The number printed came from the first layout, where w020 was on line 6; it is on line 4 now.
    assert '<span class="app-line" data-for="w020" data-page="1" data-line="6">6</span>' in result.html
    assert result.line_map.anchors == {"w020": LinePosition(1, 4)}


def test_apparatus_entry_deferred_to_the_next_page_is_reported(caplog):
    # A long note at w003 fills page 1's footnote area: the entry for w040
    # (line 7 of page 1) is deferred to page 2.
    html = text(
        f"<p>{words(1, 60, {40})}"
        f'<span class="app">{words(300, 330)}</span>'
        '<span class="app"><span class="app-line" data-for="w040"></span> w040] x B</span>'
        f" {words(61, 80)}</p>"
    )
    result = laid_out(html, per="page")
    assert result.line_map.anchors == {"w040": LinePosition(1, 7)}
    assert result.line_map.placeholder_pages == {"w040": (2,)}
    assert result.line_map.off_page == ["w040"]
    assert "entries printed on a later page than their lemma: w040" in caplog.text
    assert measure(render(TWO_PAGES.replace("</p>", APP_W097 + "</p>")), per="page").off_page == []


def test_placeholder_for_an_unplaced_target_stays_empty_and_is_reported(caplog):
    html = text(f'<p>{words(1, 6)}<span class="app"><span class="app-line" data-for="nowhere"></span> x</span></p>')
    result = laid_out(html)
    assert result.line_map.unplaced == ["nowhere"]
    assert '<span class="app-line" data-for="nowhere"></span>' in result.html
    assert "no counted line for nowhere" in caplog.text


def test_annotate_again_replaces_the_earlier_numbers():
    line_map = measure(render(TWO_PAGES))
    tree = parse(TWO_PAGES)
    annotate(tree, line_map, MARGIN)
    once = serialize(tree)
    annotate(tree, line_map, MARGIN)
    assert serialize(tree) == once
    assert once.count("<style data-linenumbers") == 1
    assert once.count("@page :nth(") == 2
    assert "@page :nth(" not in annotated(TWO_PAGES, line_map, margin=None)


def test_per_must_be_text_or_page():
    with pytest.raises(ValueError):
        measure(render(TWO_PAGES), per="chapter")


# Two texts in one document, each an article: the second starts on a new page.
TWO_TEXTS = text(
    f'<article class="t"><p>{words(1, 30)}</p></article>'
    f'<article class="t" style="break-before: page"><p>{words(31, 60, {43})}</p></article>'
)


def test_restart_numbers_each_text_of_a_volume_from_one():
    line_map = measure(render(TWO_TEXTS), restart="article.t")
    assert numbers(line_map) == [(1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (2, 1), (2, 2), (2, 3), (2, 4), (2, 5)]
    assert line_map.anchors["w043"] == LinePosition(2, 3)  # w043 opens the third line of the second text
    assert numbers(measure(render(TWO_TEXTS)))[5] == (2, 6)  # without restart the count goes on


# Apparatus entries keyed to lemmas on two pages (w010 and w020 on page 1, w097
# on page 2), each gathered into one footnote per page placed after the page's
# last anchor; a note (a footnote anchor) after w020 on page 1 must come first.
GATHERED = text(
    "<style>.group { float: footnote } .group::footnote-call { content: none; vertical-align: baseline;"
    " line-height: inherit } .group::footnote-marker { content: none }"
    " .page-gathered { float: footnote } .group .page-gathered { float: none }</style>"
    f"<p>{words(1, 10, {10})}"
    '<span class="page-gathered" data-for="w010"><span class="app-line" data-for="w010"></span> w010] A </span>'
    f" {words(11, 20, {20})}"
    '<span class="page-gathered" data-for="w020"><span class="app-line" data-for="w020"></span> w020] B </span>'
    ' tail <span class="fn" id="n1" data-line-anchor="">Note one.</span>'
    f" {words(21, 100, {97})}"
    '<span class="page-gathered" data-for="w097"><span class="app-line" data-for="w097"></span> w097] C </span>'
    f" {words(101, 120)}</p>"
)


def test_gather_puts_each_pages_entries_into_one_footnote_after_the_pages_other_notes():
    line_map = measure(render(GATHERED))
    html = annotated(GATHERED, line_map, rewrite=lambda tree, m: gather(tree, m, "group"))
    tree = lxml.html.document_fromstring(html)
    groups = tree.find_class("group")
    assert [g.get("data-page") for g in groups] == ["1", "2"]
    assert [[e.get("data-for") for e in g.find_class("page-gathered")] for g in groups] == [["w010", "w020"], ["w097"]]
    # The first group follows the note n1, the last anchor on page 1; the text around the moved entries stays.
    assert groups[0].getprevious().get("id") == "n1" and groups[0].tail.startswith(" w021")
    assert "w010 w011" in " ".join(tree.text_content().split()).replace("w010] A", "")
    runs = pdf_texts(weasyprint.HTML(string=html).render())
    first = [run for run, _ in runs[0]]
    # One band for the page's apparatus, after the note: "2 w010] A 4 w020] B".
    assert first.index("1. Note one.") + 1 == first.index("2 w010] A 4 w020] B")
    assert "17 w097] C" in [run for run, _ in runs[1]]


def test_gather_leaves_entries_of_unplaced_lemmas_in_place():
    line_map = measure(render(GATHERED))
    tree = lxml.html.document_fromstring(GATHERED).getroottree()
    trimmed = LinePosition(1, 2)
    from dataclasses import replace

    only_first = replace(line_map, anchors={"w010": trimmed})
    assert gather(tree, only_first, "group") == 1
    assert len(tree.getroot().find_class("group")[0]) == 1
    assert len(tree.getroot().find_class("page-gathered")) == 3  # two left where they were


def test_gather_may_place_the_group_after_an_extra_host_of_the_page():
    line_map = measure(render(GATHERED))
    tree = lxml.html.document_fromstring(GATHERED.replace(" w030 ", ' <span id="late">w030</span> ')).getroottree()
    # "late" starts on no counted line's anchor list, but the caller knows it is on page 1 and later than n1.
    assert gather(tree, line_map, "group", hosts={"late": 1, "elsewhere": 1}) == 2
    [first, second] = tree.getroot().find_class("group")
    assert first.getprevious().get("id") == "late" and second.get("data-page") == "2"


def test_gather_keeps_the_entries_of_kept_targets_in_place_and_never_after_them():
    line_map = measure(render(GATHERED))
    tree = lxml.html.document_fromstring(GATHERED).getroottree()
    # w020 is kept: its entry stays a footnote of its own and n1 hosts page 1's group with w010's entry only.
    assert gather(tree, line_map, "group", keep=frozenset({"w020", "n1"})) == 2
    [first, _] = tree.getroot().find_class("group")
    assert [e.get("data-for") for e in first] == ["w010"]
    assert first.getprevious().get("id") == "w010"  # neither after n1 nor after w020: the last anchor not kept
    assert tree.getroot().get_element_by_id("w020").getnext().get("data-for") == "w020"


def test_lines_and_anchors_measured_in_a_box_tree_deeper_than_the_recursion_limit():
    # 1,200 nested spans: a box tree deeper than Python's default recursion limit of 1,000.
    # Laid out where WeasyPrint has room for it; measured in this thread, under the default limit.
    import sys

    from teipress.deepstack import call_deep

    depth = 1200
    assert sys.getrecursionlimit() < depth
    nested = "<span>" * depth + words(7, 12, {9}) + "</span>" * depth
    document = call_deep(render, text(f"<p>{words(1, 6)} {nested}</p>"))
    line_map = measure(document)
    assert numbers(line_map) == [(1, 1), (1, 2)]
    assert line_map.anchors["w009"] == LinePosition(1, 2)


def test_weasyprint_lays_out_the_parsed_tree_itself_as_it_would_its_serialisation():
    tree = parse(APPARATUS)
    document = weasyprint_html(tree, str(Path(__file__).parent) + "/", weasyprint.urls.URLFetcher()).render()
    # The boxes point into the tree handed over: measuring reads the elements that were annotated.
    assert document.pages[0]._page_box.children[0].element is tree.getroot()
    from_string = render(serialize(tree))
    assert measure(document).same_layout(measure(from_string))
    assert pdf_texts(document) == pdf_texts(from_string)


# A volume's index after its text: references to the pages of w010, w020 (both on page 1) and
# w097 (page 2); print.css hides the index in draft layouts and a repeated page reference always.
# The apparatus entry of w015 is SHIFTING's: the second layout moves lines, the entry's number stays.
INDEXED = text(
    "<style>.app-line { letter-spacing: 60px } .draft-layout .index { display: none }"
    " .index-repeat { display: none }"
    " .index-page::after { content: ' p. ' target-counter(attr(href url), page) }</style>"
    f"<p>{words(1, 15, {10, 15})}"
    '<span class="app"><span class="app-line" data-for="w015"></span>w015] w015a w015b</span>'
    f" {words(16, 120, {20, 97})}</p>"
).replace("</body>", '<section class="index" style="break-before: page"><ul><li class="index-entry">Word'
          '<a class="index-page" href="#w010"></a><a class="index-page" href="#w020"></a>'
          '<a class="index-page" href="#w097"></a></li></ul></section></body>')


def test_index_left_out_of_the_drafts_until_the_layout_of_the_texts_is_known():
    result = laid_out(INDEXED)
    # A first draft, an annotated draft whose annotations would change its margin numbers only,
    # so that the texts' layout is known: the next layout, with the index, is the PDF.
    assert (result.passes, result.stable) == (3, True)
    assert "draft-layout" not in (result.tree.getroot().get("class") or "")
    assert [len(result.line_map.on_page(n)) for n in (1, 2)] == [9, 11]
    assert len(result.document.pages) == 3
    [placeholder] = result.tree.getroot().find_class("app-line")
    assert (placeholder.get("data-line"), placeholder.text) == ("3", "3")
    # The second reference to page 1 is hidden: the entry reads "Word p. 1 p. 2".
    index_page = " ".join(run for run, _ in pdf_texts(result.document)[2])
    assert "p. 1" in index_page and "p. 2" in index_page and index_page.count("p. 1") == 1
    [repeat] = result.tree.getroot().find_class("index-repeat")
    assert repeat.get("href") == "#w020"
