"""The layout loop of the PDFs: print HTML laid out in passes until its line numbers, the
apparatus at the page foot and the index's page references come from its own layout.

The passes: the print HTML is laid out once with provisional line numbers;
from that layout :mod:`teipress.linenumbers` measures the counted lines and
where each lemma and note call starts; the HTML is then annotated (line numbers
written into the apparatus entries, margin numbers painted, the entries of each
page gathered into one footnote, repeated index references to the same page
hidden) and laid out again, until a layout equals the one its annotations came
from. The print HTML is parsed once, into an lxml tree; every pass lays out an
annotated copy of it, handed to WeasyPrint as a tree (no serialising, no second
parser), so the elements the layout is measured on are those that were annotated.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import cssselect2  # WeasyPrint's selector engine, as in linenumbers

from .pdf_assets import VIRTUAL_BASE, confined_fetcher, link_to_site

log = logging.getLogger(__name__)

Notes = Literal["footnotes", "endnotes"]

# Each text of a volume numbers its lines from 1 (see linenumbers: restart).
TEXT_SELECTOR = "article.edition-text"
# Not counted besides headings and figures: lines of the source that are not
# the work (web page navigation, tei/README.md), and the endnotes.
UNCOUNTED_EXTRA = ".source-navigation, .endnotes"
# The class of the footnote that holds a page's apparatus entries (print.css styles it).
APPARATUS_GROUP_CLASS = "fn-apparatus"
FIRST_PASS_CLASS = "first-layout"
# Layouts before the last one leave out the volume's index (print.css): it
# comes after every text, so it cannot move them, and its target-counter
# page references make WeasyPrint lay it out again and again (in two columns,
# over half the time of a larger volume).
DRAFT_CLASS = "draft-layout"
INDEX_REFERENCE = "index-page"
INDEX_REPEAT = "index-repeat"

@dataclass(frozen=True)
class PrintOptions:
    """How the PDFs are laid out: line numbering, where the notes go, how many passes at most."""

    per: Literal["text", "page"] = "text"  # line numbers counted per text or per page
    every: int = 5  # a margin number on every n-th line
    notes: Notes = "footnotes"
    max_passes: int = 5


@dataclass(frozen=True, eq=False)
class LaidOut:
    """A print document laid out with line numbers, apparatus and index from its own layout."""

    document: object  # weasyprint.Document, ready for write_pdf()
    line_map: object  # linenumbers.LineMap measured on ``document``
    tree: object  # the annotated lxml tree ``document`` was laid out from (its boxes point into it)
    passes: int  # layouts done, the first (unannotated) one included
    stable: bool  # False: the last layout still differed from the one its annotations came from

    @property
    def html(self) -> str:
        """Give the annotated HTML the document was laid out from."""
        from .. import linenumbers

        return linenumbers.serialize(self.tree)


def margin_numbers(options: PrintOptions):
    """Give the look of the margin line numbers: right of the text (the paragraph numbers are on the left)."""
    from ..linenumbers import MarginNumbers

    # SVG text is drawn with the fonts fontconfig knows, not the @font-face
    # fonts of print.css: name the print font first, with fallbacks.
    return MarginNumbers(every=options.every, side="right", gap=10.0,
                         font_family="Gentium Book Plus, DejaVu Serif, serif", font_size="7.5pt", color="#555")


def anchor_pages(document) -> dict[str, int]:
    """Give, for every anchor (id) of a rendered document, the 1-based page it is on."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def index_repeats(tree, pages: dict[str, int]) -> frozenset[str]:
    """Give the hrefs of index references that repeat a page already referenced by the same entry."""
    repeats = set()
    for entry in tree.getroot().iter("li"):
        if "index-entry" not in (entry.get("class") or "").split():
            continue
        seen: set[int] = set()
        for link in entry.iter("a"):
            if INDEX_REFERENCE not in (link.get("class") or "").split():
                continue
            page = pages.get((link.get("href") or "").lstrip("#"))
            if page is None:
                continue
            if page in seen:
                repeats.add(link.get("href"))
            seen.add(page)
    return frozenset(repeats)


def _mark_repeats(tree, repeats: frozenset[str]) -> None:
    for link in tree.getroot().iter("a"):
        classes = (link.get("class") or "").split()
        if INDEX_REFERENCE in classes:
            classes = [c for c in classes if c != INDEX_REPEAT]
            if link.get("href") in repeats:
                classes.append(INDEX_REPEAT)
            link.set("class", " ".join(classes))


def lay_out(html: str, base_url: Path, options: PrintOptions = PrintOptions(), images=(), site_url: str = "") -> LaidOut:
    """Give ``html`` (print HTML) laid out with its line numbers, page-foot apparatus and index from its own layout;
    it may show the confined ``images`` and its links lead to ``site_url`` (see :func:`link_to_site`).

    This is the one layout loop: it stops when a layout equals the one its
    annotations came from, or after ``options.max_passes`` layouts (then
    ``stable`` is False and a warning is logged)."""
    return _Loop(html, Path(base_url), options, images, site_url).run()


class _Loop:
    """One run of the layout loop (see :func:`lay_out`): what stays the same across its passes."""

    def __init__(self, html: str, base_url: Path, options: PrintOptions, images, site_url: str):
        from weasyprint.text.fonts import FontConfiguration

        from .. import linenumbers

        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        self.options = options
        self.fetcher = confined_fetcher(base_url, images)
        self.font_config = FontConfiguration()  # needed for the @font-face rules of print.css
        self.margin = margin_numbers(options)
        self.source = linenumbers.parse(html)  # the one parse: every layout is of an annotated copy of this tree
        link_to_site(self.source, site_url)
        # The index cannot move the texts' lines (it comes after them), but its
        # page references and columns make its layout slow (over half of a
        # larger volume's): drafts leave it out until the texts' layout is known,
        # then one layout adds it. Laying it out sooner, hoping that a layout
        # settles, cost a 10-text volume two more index layouts than it saved.
        has_index = any("index" in (section.get("class") or "").split() for section in self.source.getroot().iter("section"))
        self.draft = DRAFT_CLASS if has_index else None
        self.notes = _footnote_ids(self.source)
        self.expected = _expected_unplaced(self.source)
        self.passes = 0

    def render(self, tree):
        """Lay out ``tree`` once."""
        self.passes += 1
        return weasyprint_html(tree, VIRTUAL_BASE, self.fetcher).render(font_config=self.font_config)

    def measure(self, document):
        """Give the line map of a laid-out document."""
        from .. import linenumbers

        return linenumbers.measure(document, self.options.per,
                                   uncounted=f"{linenumbers.UNCOUNTED}, {UNCOUNTED_EXTRA}", restart=TEXT_SELECTOR)

    def first(self):
        """Give the first layout's line map and anchor pages.

        The first layout only finds the pages of the lemmata: without the
        apparatus entries (print.css hides them under this class). Laid out as
        footnotes of their own they would take far more room than the bands they
        become, and WeasyPrint 70 breaks pages badly under many small footnotes."""
        from .. import linenumbers

        first = _copy_with_classes(self.source, FIRST_PASS_CLASS, self.draft)
        linenumbers.provisional(first, "00" if self.options.per == "page" else "000")
        document = self.render(first)
        return self.measure(document), anchor_pages(document)

    def run(self) -> LaidOut:
        """Lay out until a layout equals the one its annotations came from (or the bound of passes)."""
        from .. import linenumbers

        line_map, pages = self.first()
        repeats = index_repeats(self.source, pages)
        loose: frozenset[str] = frozenset()  # lemmata whose entries stay footnotes of their own (see below)
        annotated = False  # whether line_map was measured on an annotated layout
        current, key = _annotated(self.source, line_map, repeats, loose, _hosts(self.notes, pages))
        text_known = False  # whether the next layout's texts will be those of the last one
        # The layout after the one that first lays out entries loosened from a deferred band: a settled
        # layout changed by those entries alone settles again there (the seed's volume: layout 4 of 4), so
        # it is laid out with the index, which saves a draft; should it not settle, the loop goes on.
        expected_last = 0
        while True:
            linenumbers.set_margin_style(current, line_map, self.margin)
            final = not self.draft or text_known or self.passes + 1 == expected_last
            document = self.render(current if final else _copy_with_classes(current, self.draft))
            new_map, new_pages = self.measure(document), anchor_pages(document)
            new_repeats = index_repeats(current, new_pages)
            settled = (_same_text_layout(new_map, line_map) and new_repeats == repeats
                       and _same_pages(new_pages, pages, self.notes))
            if not settled:
                # A lemma near a page break can swing between two pages: in its page's
                # apparatus band it takes the room that kept its line on that page, so
                # the line moves on, the entry goes with it, and the line comes back.
                # A lemma whose page changed between two annotated layouts therefore
                # keeps its entry as a footnote of its own, which WeasyPrint keeps on
                # the page of its line (footnote-policy: line); the layout then settles.
                if annotated:
                    loose = loose | _moved(line_map, new_map)
                annotated = True
                following, following_key = _annotated(self.source, new_map, new_repeats, loose,
                                                      _hosts(self.notes, new_pages))
                # Annotated from this layout, the tree would differ in its margin
                # numbers only, which cannot move a line: a layout of it would be
                # this one with other page backgrounds, so they are painted on it;
                # on a draft they cannot be, but the next layout, with the index, is the last.
                text_known = following_key == key
                if text_known and final:
                    linenumbers.set_margin_style(current, new_map, self.margin)  # no box refers to the style element
                    linenumbers.repaint(document, new_map, self.margin, self.fetcher)
                    settled = True
            # A page's apparatus gathered in one footnote too tall for what is left of the page is
            # deferred whole by WeasyPrint: its entries then stand alone (footnote-policy: line),
            # which keeps each on its lemma's page where there is room for it.
            deferred = frozenset(new_map.off_page) - loose
            if settled and deferred and self.passes < self.options.max_passes:
                loose, settled = loose | deferred, False
                expected_last = self.passes + 2
                following, following_key = _annotated(self.source, new_map, new_repeats, loose,
                                                      _hosts(self.notes, new_pages))
            if settled or self.passes >= self.options.max_passes:
                return self.finish(document, current, new_map, settled, final)
            line_map, repeats, pages = new_map, new_repeats, new_pages
            current, key = following, following_key

    def finish(self, document, current, line_map, settled: bool, final: bool) -> LaidOut:
        """Give the last layout, with the index laid out when the last one was a draft."""
        if not settled:
            log.warning("PDF layout: still changing after %d passes; line numbers may be off", self.passes)
        if not final:
            document = self.render(current)  # the same layout, with the index
            final_map = self.measure(document)
            settled = settled and _same_text_layout(final_map, line_map)
            line_map = final_map
        _report(line_map, self.expected)
        return LaidOut(document, line_map, current, self.passes, settled)


def _moved(old, new) -> frozenset[str]:
    """Give the anchors whose page differs between two line maps."""
    return frozenset(anchor for anchor, position in new.anchors.items()
                     if anchor in old.anchors and old.anchors[anchor].page != position.page)


def _hosts(notes: frozenset[str], pages: dict[str, int]) -> dict[str, int]:
    """Give the pages of the commentary notes: a note called from an uncounted line (navigation) may
    hold its page's apparatus too, so that the apparatus stays the last band of the page foot."""
    return {note: pages[note] for note in notes if note in pages}


def weasyprint_html(tree, base_url: str, url_fetcher):
    """Give a ``weasyprint.HTML`` of an lxml HTML tree, without serialising and parsing it again.

    WeasyPrint 70's ``HTML`` has no tree argument: its constructor parses the
    source with tinyhtml5 (about a quarter of a plain layout of the print HTML)
    and then only wraps the root element for its selector engine, which takes
    lxml elements as well. Constructing it from an empty string keeps
    WeasyPrint's own handling of the base URL and fetcher; the wrapped root is
    then this tree's. Layout boxes point to its elements, so the tree must not
    change while the rendered document is in use."""
    from urllib.parse import urljoin

    import weasyprint

    html = weasyprint.HTML(string="", base_url=base_url, url_fetcher=url_fetcher)
    root = tree.getroot()
    # As WeasyPrint does for a parsed document: the first <base href> sets the base URL.
    base = next((element.get("href", "").strip() for element in root.iter("base")), "")
    if base:
        html.base_url = urljoin(html.base_url, base)
    html.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
    html.etree_element = html.wrapper_element.etree_element
    return html


def _annotated(source, line_map, repeats: frozenset[str], loose: frozenset[str], hosts: dict[str, int]):
    """Give a copy of the print HTML tree ``source`` annotated from ``line_map`` (each page's apparatus
    gathered, except the ``loose`` lemmata's; the index's ``repeats`` hidden; placeholders filled in) and
    its HTML: the margin numbers (:func:`teipress.linenumbers.set_margin_style`) aside, all that a layout
    of it takes from ``line_map``. It depends on nothing else, so an unchanged layout gives the same tree."""
    from .. import linenumbers

    tree = copy.deepcopy(source)  # about a hundredth of the cost of serialising and parsing again
    linenumbers.gather(tree, line_map, APPARATUS_GROUP_CLASS, hosts=hosts, keep=loose)
    _mark_repeats(tree, repeats)
    linenumbers.annotate(tree, line_map, None)
    return tree, linenumbers.serialize(tree)


def _same_text_layout(a, b) -> bool:
    """Give whether two line maps have the same counted lines (numbers and places) and anchors; the page
    count aside: a layout with the index has more pages at the end than a draft without it, and pages
    without counted lines or anchors change no annotation."""
    def key(line_map):
        return ([(line.page, line.number, round(line.baseline, 2), round(line.text_left, 2),
                  round(line.text_right, 2)) for line in line_map.lines],
                sorted(line_map.anchors.items()))
    return a.per == b.per and key(a) == key(b)


def _copy_with_classes(tree, *classes: str | None):
    """Give a copy of ``tree`` with ``classes`` (None ones skipped) added to its root element."""
    tree = copy.deepcopy(tree)
    root = tree.getroot()
    root.set("class", " ".join([*(root.get("class") or "").split(), *(c for c in classes if c)]))
    return tree


def _footnote_ids(tree) -> frozenset[str]:
    """Give the ids of the commentary notes (footnotes of class ``fn``) of a print HTML tree."""
    return frozenset(element.get("id") for element in tree.getroot().iter()
                     if isinstance(element.tag, str) and element.get("id")
                     and "fn" in (element.get("class") or "").split())


def _same_pages(new: dict[str, int], old: dict[str, int], ids: frozenset[str]) -> bool:
    return all(new.get(anchor) == old.get(anchor) for anchor in ids)


def _expected_unplaced(tree) -> frozenset[str]:
    """Give the ids in lines left uncounted on purpose (navigation of the source): their apparatus
    entries give their locus instead of a line, so finding no line for them is no news."""
    wrapper = cssselect2.ElementWrapper.from_html_root(tree.getroot())
    return frozenset(item.etree_element.get("id") for item in wrapper.query_all(
        ", ".join(f"{selector} [id]" for selector in UNCOUNTED_EXTRA.split(", "))))


def _report(line_map, expected: frozenset[str]) -> None:
    """Warn about anchors that found no line, except the ``expected`` ones (see :func:`_expected_unplaced`),
    and about apparatus entries printed on a later page than their lemma."""
    unplaced = [anchor for anchor in line_map.unplaced if anchor not in expected]
    if unplaced:
        log.warning("line numbers: no counted line for %s", ", ".join(unplaced))
    if line_map.off_page:
        # WeasyPrint 70 defers a footnote too tall for what is left of its page
        # to the next page: the entries are then one page late (their numbers
        # stay right with numbering per text).
        log.warning("apparatus: entries printed on a later page than their lemma: %s", ", ".join(line_map.off_page))
