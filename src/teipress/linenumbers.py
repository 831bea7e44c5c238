"""Line numbers taken from WeasyPrint's real layout, for printed critical editions.

The module knows nothing about TEI. It works on any HTML that follows this
contract (the print stylesheet and the HTML writer keep to it):

``class="line-numbered"`` (the ``counted`` selector)
    The elements whose lines are counted: the reading text. Only line boxes laid
    out inside the box of such an element count, in reading order.
``h1``–``h6``, ``figure``, ``figcaption``, ``caption``, ``class="uncounted"`` (the ``uncounted`` selector)
    Not counted even inside the reading text, nor are their anchors placed.
    Footnotes (``float: footnote``, laid out in the page's footnote area), the
    page-margin boxes (running heads, page numbers), floats, absolutely
    positioned and running elements are never counted either.
``id`` plus ``data-line-anchor``
    An element whose starting line is wanted, e.g. the lemma of an apparatus
    entry: ``<span id="app12-lem" data-line-anchor="">came</span>``.
``<span class="app-line" data-for="ID"></span>``
    A placeholder, e.g. in an apparatus entry: :func:`annotate` writes into it the
    number of the line on which element ``ID`` starts (``12``), and sets its
    ``data-page`` and ``data-line`` attributes. ``ID`` need not carry
    ``data-line-anchor``: being referenced is enough. With numbering per page,
    a placeholder laid out on another page than its line (WeasyPrint defers a
    footnote that does not fit, leaving its call behind) is reported
    (:attr:`LineMap.off_page`, and a warning from :func:`number_lines`).

``restart`` (a selector, none by default)
    With numbering per text, every element matching it starts the count again
    at 1: several texts in one document (a volume) each have their own lines.
``<span class="page-gathered" data-for="ID">`` (the ``gathered`` class)
    An item that belongs at the foot of the page where element ``ID`` starts,
    together with the other items of that page, e.g. the entries of an apparatus
    criticus keyed to line numbers. :func:`gather` moves the items of each page
    into one element of their own (a footnote, by the class it is given),
    placed right after the last anchor laid out on that page, so that the
    page's other footnotes come before it: the apparatus is the last band of the
    page foot.

What counts as one line: an outermost line box with something visible in it
(non-blank text, an image or inline block). Line boxes nested in an inline block
belong to the line that holds the block and do not count again; a line with only
white space, ``<br>`` or empty elements does not count, and an anchor found there
is placed on the next counted line. A line that shows only a footnote call is a
visible line and counts once. Table cells, columns and other side-by-side boxes
inside the reading text count each of their lines in reading order: mark them
``uncounted`` if that is wrong for them.

Margin numbers (every fifth line by default) are painted, not laid out: for each
page :func:`annotate` appends to ``<head>`` a ``<style data-linenumbers>`` with
an ``@page :nth(N)`` rule whose ``background-image`` is an SVG that draws that
page's numbers at the measured baselines, beside the content box of the
``line-numbered`` element. A page background cannot move a line box, so the
numbers cannot change the layout they were measured from; only the numbers
written into placeholders can (an apparatus entry gets wider), which is why
:func:`number_lines` measures again and repeats until the layout holds still.
Consequences for the print stylesheet: it must not set ``background-image`` on
``@page`` (the rules here override it on numbered pages; ``background-color``
is kept), the URL fetcher must allow ``data:`` URLs (WeasyPrint's default does),
and the numbers' font and size come from :class:`MarginNumbers`, not from CSS.
As page backgrounds, the numbers are artifacts in a tagged PDF, outside the
reading order, like running heads.

All coordinates are CSS pixels from the top-left corner of the page.

This module reads WeasyPrint's laid-out box tree through ``Page._page_box``, a
private attribute: it is checked against WeasyPrint 70 (the project pins
``>=70,<71``); any change of that pin must rerun ``tests/unit/test_linenumbers.py``.
"""

from __future__ import annotations

import logging
import re
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Literal

import cssselect2  # WeasyPrint's own selector engine, matching its element tree
import lxml.html
from lxml import etree
from weasyprint import HTML, Document
from weasyprint.formatting_structure import boxes

log = logging.getLogger(__name__)

Per = Literal["text", "page"]

COUNTED = ".line-numbered"
UNCOUNTED = "h1, h2, h3, h4, h5, h6, figure, figcaption, caption, .uncounted"
ANCHOR_ATTRIBUTE = "data-line-anchor"
PLACEHOLDER_CLASS = "app-line"
PLACEHOLDER_TARGET = "data-for"
GATHERED_CLASS = "page-gathered"
STYLE_MARKER = "data-linenumbers"

# Boxes that sit inside a line as one unit: their own line boxes are part of it.
_ATOMIC = (boxes.AtomicInlineLevelBox, boxes.InlineFlexBox, boxes.InlineGridBox, boxes.InlineTableBox)


@dataclass(frozen=True)
class LinePosition:
    """Where an element starts: the page (1-based) and the line number on it."""

    page: int
    line: int  # in the numbering of the map it comes from: per text or per page


@dataclass(frozen=True)
class Line:
    """One counted line of the text, with its number and where it was laid out."""

    page: int  # 1-based
    number: int  # per text or per page, as the map says
    top: float  # top of the line box
    height: float
    baseline: float  # y of the baseline, where a margin number sits
    text_left: float  # left and right edges of the line-numbered element's content box
    text_right: float


@dataclass(frozen=True)
class Page:
    """One page's size and side, as needed to paint its margin numbers."""

    number: int  # 1-based
    width: float
    height: float
    side: str  # "left" (verso) or "right" (recto), as WeasyPrint decided it


@dataclass(frozen=True, eq=False)
class LineMap:
    """The counted lines of a laid-out document and the lines its anchors start on."""

    per: Per
    pages: tuple[Page, ...]
    lines: tuple[Line, ...]
    anchors: dict[str, LinePosition]
    wanted: frozenset[str] = field(default_factory=frozenset)  # ids that were looked for
    # For each id that placeholders refer to, the pages on which those placeholders were laid out.
    placeholder_pages: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def unplaced(self) -> list[str]:
        """Give the ids that were looked for but start on no counted line (sorted)."""
        return sorted(self.wanted - self.anchors.keys())

    @property
    def off_page(self) -> list[str]:
        """Give the ids whose placeholder is laid out on another page than the line it refers to (sorted).

        With numbering per page such a number is misleading: WeasyPrint defers
        a footnote that does not fit to a later page, leaving its call behind."""
        return sorted(
            target
            for target, pages in self.placeholder_pages.items()
            if target in self.anchors and any(page != self.anchors[target].page for page in pages)
        )

    def on_page(self, page: int) -> tuple[Line, ...]:
        """Give the counted lines of ``page`` (1-based), top to bottom."""
        return tuple(line for line in self.lines if line.page == page)

    def margin_numbers(self, every: int = 5) -> dict[int, tuple[Line, ...]]:
        """Give, for each page that has any, the lines whose number is a multiple of ``every``."""
        result: dict[int, list[Line]] = {}
        for line in self.lines:
            if line.number % every == 0:
                result.setdefault(line.page, []).append(line)
        return {page: tuple(lines) for page, lines in result.items()}

    def same_layout(self, other: LineMap) -> bool:
        """Give whether ``other`` has the same pages, lines (numbers and places) and anchors."""
        return self._key() == other._key()

    def _key(self) -> tuple:
        # Rounded to a hundredth of a pixel: far below anything visible, and it
        # keeps float noise from making an unchanged layout look changed.
        lines = tuple(
            (line.page, line.number, round(line.baseline, 2), round(line.text_left, 2), round(line.text_right, 2))
            for line in self.lines
        )
        return (self.per, len(self.pages), lines, sorted(self.anchors.items(), key=lambda item: item[0]))


@dataclass(frozen=True)
class MarginNumbers:
    """How the margin numbers look and where they go."""

    every: int = 5
    side: Literal["left", "right", "outer", "inner"] = "left"  # outer: left on left-hand pages
    gap: float = 12.0  # CSS px between the text's edge and the nearest edge of the number
    font_family: str = "serif"
    font_size: str = "8pt"  # any CSS length WeasyPrint's SVG reader knows (pt, px, mm…)
    color: str = "black"


@dataclass(frozen=True, eq=False)
class NumberedDocument:
    """A rendered document whose margin numbers and placeholders match its own layout (if stable)."""

    document: Document  # ready for write_pdf()
    line_map: LineMap  # measured on ``document``
    html: str  # the annotated HTML that ``document`` was rendered from
    passes: int  # layouts done, the first (unnumbered) one included
    stable: bool  # False: the last layout still differed from the one its numbers came from


def measure(
    document: Document,
    per: Per = "text",
    counted: str = COUNTED,
    uncounted: str = UNCOUNTED,
    ids: Iterable[str] | None = None,
    restart: str | None = None,
) -> LineMap:
    """Give the counted lines of a rendered ``document`` and the line each wanted element starts on.

    ``per="text"`` numbers the lines continuously through the document (again
    from 1 in every element matching ``restart``), ``per="page"`` restarts at 1
    on every page. The wanted elements are those
    with ``id`` and ``data-line-anchor``, those referenced by placeholders, and
    the ``ids`` given."""
    if per not in ("text", "page"):
        raise ValueError(f"per must be 'text' or 'page', not {per!r}")
    pages: list[Page] = []
    if not document.pages:
        return LineMap(per, (), (), {}, frozenset(ids or ()))
    root = _root_element(document)
    # Matching the selectors once on the element tree and then testing boxes by
    # element identity is much cheaper than matching selectors per box.
    wrapper = cssselect2.ElementWrapper.from_html_root(root)
    counted_elements = {item.etree_element for item in wrapper.query_all(counted)}
    uncounted_elements = {item.etree_element for item in wrapper.query_all(uncounted)}
    wanted = set(ids or ()) | _wanted_ids(root)
    restart_elements = {item.etree_element for item in wrapper.query_all(restart)} if restart else set()
    placeholders = {element: element.get(PLACEHOLDER_TARGET) for element in root.iter() if _is_placeholder(element)}
    walker = _Walker(per, counted_elements, uncounted_elements, wanted, placeholders, restart_elements)
    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box  # private in WeasyPrint 70: see the module docstring
        pages.append(Page(number, page_box.margin_width(), page_box.margin_height(), page_box.page_type.side))
        walker.walk_page(number, page_box)
    placeholder_pages: dict[str, set[int]] = {}
    for element, page_number in walker.placeholder_pages.items():
        placeholder_pages.setdefault(placeholders[element], set()).add(page_number)
    return LineMap(
        per,
        tuple(pages),
        tuple(walker.lines),
        walker.anchors,
        frozenset(wanted),
        {target: tuple(sorted(numbers)) for target, numbers in placeholder_pages.items()},
    )


def annotate(
    html: str,
    line_map: LineMap,
    margin: MarginNumbers | None = MarginNumbers(),
    rewrite: Callable[[etree._ElementTree, LineMap], None] | None = None,
) -> str:
    """Give ``html`` with its placeholders filled from ``line_map`` and, unless ``margin`` is None,
    a style element that paints the margin numbers of each page.

    ``html`` is the unannotated HTML (annotating it again replaces the earlier
    numbers). A placeholder whose target was not placed is left empty.
    ``rewrite``, when given, changes the parsed tree first (e.g. :func:`gather`);
    it must depend on nothing but the tree and ``line_map``, so that an
    unchanged layout gives the same HTML."""
    tree, doctype = _parse(html)
    if rewrite is not None:
        rewrite(tree, line_map)
    for element, target in _placeholders(tree):
        position = line_map.anchors.get(target)
        _fill(element, str(position.line) if position else "")
        if position:
            element.set("data-page", str(position.page))
            element.set("data-line", str(position.line))
        else:
            element.attrib.pop("data-page", None)
            element.attrib.pop("data-line", None)
    head = _head(tree)
    for old in head.findall(f"style[@{STYLE_MARKER}]"):
        head.remove(old)
    if margin is not None:
        style = etree.SubElement(head, "style")
        style.set(STYLE_MARKER, "")
        style.text = margin_css(line_map, margin)
    return _serialize(tree, doctype)


def gather(tree: etree._ElementTree, line_map: LineMap, group_class: str, gathered: str = GATHERED_CLASS,
           hosts: dict[str, int] | None = None, keep: frozenset[str] = frozenset()) -> int:
    """Move the items of class ``gathered`` into one element per page; give the number of groups made.

    An item ``<span class="page-gathered" data-for="ID">`` belongs to the page
    on which element ``ID`` starts (in ``line_map``). Each page's items, in
    document order, go into a new ``<span class="{group_class}">`` placed right
    after the last anchor of ``line_map`` on that page (in document order), so
    that, as a footnote, the group follows every other footnote called on the
    page. ``hosts`` adds elements (id: page) that may hold the group though
    they start on no counted line, e.g. notes called from uncounted lines, so
    that the group follows their footnotes too. Items whose target was not
    placed, or is in ``keep``, stay where they are (as footnotes of their own,
    the layout keeps them on their target's page), and a target in ``keep``
    holds no group. Text after an item (its tail) stays in place."""
    root = tree.getroot()
    by_id = {element.get("id"): element for element in root.iter() if isinstance(element.tag, str) and element.get("id")}
    items: dict[int, list] = {}
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or gathered not in (element.get("class") or "").split():
            continue
        target = element.get(PLACEHOLDER_TARGET) or ""
        position = line_map.anchors.get(target)
        if position is not None and target not in keep:
            items.setdefault(position.page, []).append(element)
    if not items:
        return 0
    # The last anchor of each page in document order is where its group goes.
    order = {element: index for index, element in enumerate(root.iter())}
    chosen: dict[int, etree._Element] = {}
    candidates = [(anchor, position.page) for anchor, position in line_map.anchors.items()]
    candidates += list((hosts or {}).items())
    for anchor, page in candidates:
        element = by_id.get(anchor)
        # A kept item's target does not hold a group either: the group's room
        # would move that line again.
        if element is None or page not in items or anchor in keep:
            continue
        if page not in chosen or order[element] > order[chosen[page]]:
            chosen[page] = element
    for page, members in items.items():
        host = chosen.get(page)
        if host is None:
            continue
        group = etree.Element("span")
        group.set("class", group_class)
        group.set("data-page", str(page))
        for member in members:
            _detach(member)
            group.append(member)
        # Directly after the host: the host's tail follows the group.
        group.tail, host.tail = host.tail, None
        host.addnext(group)
    return sum(1 for page in items if page in chosen)


def _detach(element) -> None:
    """Remove ``element`` from its parent, leaving the text after it (its tail) in place."""
    parent = element.getparent()
    tail = element.tail
    element.tail = None
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def margin_css(line_map: LineMap, margin: MarginNumbers = MarginNumbers()) -> str:
    """Give the CSS (``@page :nth(N)`` rules) that paints the margin numbers of ``line_map``."""
    rules = []
    numbered = line_map.margin_numbers(margin.every)
    for page in line_map.pages:
        lines = numbered.get(page.number)
        if not lines:
            continue
        svg = _numbers_svg(page, lines, margin)
        uri = "data:image/svg+xml," + urllib.parse.quote(svg, safe="")
        # ``fixed`` makes the positioning area the whole page box, margins
        # included, so SVG coordinates are page coordinates (css-page-3 §painting).
        rules.append(
            f"@page :nth({page.number}) {{"
            f' background-image: url("{uri}"); background-repeat: no-repeat;'
            f" background-attachment: fixed; background-position: 0 0;"
            f" background-size: {page.width:.3f}px {page.height:.3f}px; }}"
        )
    return "\n" + "\n".join(rules) + "\n"


def number_lines(
    html: str,
    base_url: str | None = None,
    per: Per = "text",
    *,
    margin: MarginNumbers | None = MarginNumbers(),
    counted: str = COUNTED,
    uncounted: str = UNCOUNTED,
    stylesheets: Sequence | None = None,
    max_passes: int = 4,
    **render_options,
) -> NumberedDocument:
    """Give ``html`` rendered with line numbers that come from its own layout.

    The first pass lays out the text with provisional numbers in the
    placeholders; each further pass annotates the HTML from the previous
    layout, lays it out again and measures it. It stops when a layout equals the
    one its numbers came from, or after ``max_passes`` layouts (then ``stable`` is
    False and a warning is logged). ``render_options`` go to
    ``weasyprint.HTML.render`` (e.g. ``font_config``)."""
    if per not in ("text", "page"):
        raise ValueError(f"per must be 'text' or 'page', not {per!r}")
    if max_passes < 2:
        raise ValueError("max_passes must be at least 2: one layout to measure, one to print")
    # Every pass renders HTML that went through lxml, the first one included, so
    # that a difference between two HTML parsers cannot pass for a layout change.
    # The provisional numbers make the first layout reserve about the room the
    # real ones take, so that the second layout usually equals it.
    current = _provisional(html, "00" if per == "page" else "000")
    document = _render(current, base_url, stylesheets, render_options)
    line_map = measure(document, per, counted, uncounted)
    passes = 1
    while passes < max_passes:
        current = annotate(html, line_map, margin)
        document = _render(current, base_url, stylesheets, render_options)
        passes += 1
        new_map = measure(document, per, counted, uncounted)
        if new_map.same_layout(line_map):
            _warn(new_map)
            return NumberedDocument(document, new_map, current, passes, True)
        line_map = new_map
    log.warning("line numbers: the layout still changed after %d passes; numbers may be off", passes)
    _warn(line_map)
    return NumberedDocument(document, line_map, current, passes, False)


class _Walker:
    """Walks the pages' box trees in reading order, numbering lines and placing anchors."""

    def __init__(self, per: Per, counted: set, uncounted: set, wanted: set[str], placeholders: dict,
                 restart: set | None = None):
        self.per = per
        self.restart = restart or set()
        self.restarted: set = set()  # restart elements already met: a block split over pages restarts once
        self.placeholders = placeholders
        self.placeholder_pages: dict = {}  # placeholder element -> the page its first box is on
        self.counted = counted
        self.uncounted = uncounted
        self.wanted = wanted
        self.lines: list[Line] = []
        self.anchors: dict[str, LinePosition] = {}
        # Wanted ids met since the last counted line: the next counted line is
        # where they start (an element that opens on a blank line, a block whose
        # first box is not a line).
        self.pending: dict[str, None] = {}
        self.page = 0
        self.in_text = 0
        self.on_page = 0

    def walk_page(self, number: int, page_box: boxes.PageBox) -> None:
        self.page = number
        self.on_page = 0
        if self.placeholders:
            self._find_placeholders(page_box)
        for child in page_box.children:
            # Running heads, page numbers and footnotes are separate boxes of the
            # page, never inside the text's box, so nothing in them could count:
            # skipping them saves the walk.
            if not isinstance(child, (boxes.MarginBox, boxes.FootnoteAreaBox)):
                self._visit(child, None)

    def _visit(self, root, region) -> None:
        # ``region`` is the box of the nearest line-numbered element, or None
        # outside the reading text. It is found through the box tree, not the
        # element tree: a footnote's element lies inside the text, its box does not.
        # The walks of this class keep their own stack: the box tree is as deep as
        # the text's nesting, which may exceed Python's recursion limit.
        stack = [(root, region)]
        while stack:
            box, region = stack.pop()
            if not box.is_in_normal_flow():
                continue
            element = box.element
            if element is not None:
                if element in self.uncounted:
                    continue
                if element in self.counted:
                    region = box
                if element in self.restart and element not in self.restarted:
                    self.restarted.add(element)
                    self.in_text = 0
            if isinstance(box, boxes.LineBox):
                if region is not None:
                    self._line(box, region)
                continue  # line boxes nested in this one are part of it
            if region is not None and element is not None:
                self._note(element)
            stack.extend((child, region) for child in _children_reversed(box))

    def _line(self, line: boxes.LineBox, region) -> None:
        self._note_subtree(line)
        if not _has_ink(line):
            return
        self.in_text += 1
        self.on_page += 1
        number = self.in_text if self.per == "text" else self.on_page
        top = line.position_y
        self.lines.append(
            Line(
                page=self.page,
                number=number,
                top=top,
                height=line.height,
                baseline=top + line.baseline,  # WeasyPrint keeps the baseline relative to the line's top
                text_left=region.content_box_x(),
                text_right=region.content_box_x() + region.width,
            )
        )
        position = LinePosition(self.page, number)
        for anchor in self.pending:
            self.anchors[anchor] = position
        self.pending.clear()

    def _find_placeholders(self, root) -> None:
        # The whole page, footnote area included: apparatus entries are
        # usually footnotes, and which page they land on is what matters.
        stack = [root]
        while stack:
            box = stack.pop()
            element = box.element
            if element is not None and element in self.placeholders:
                self.placeholder_pages.setdefault(element, self.page)
            stack.extend(_children_reversed(box))

    def _note(self, element) -> None:
        anchor = element.get("id")
        if anchor is not None and anchor in self.wanted and anchor not in self.anchors:
            self.pending[anchor] = None

    def _note_subtree(self, root) -> None:
        stack = [root]
        while stack:
            box = stack.pop()
            if not box.is_in_normal_flow():
                continue
            element = box.element
            if element is not None:
                if element in self.uncounted:
                    continue
                self._note(element)
            stack.extend(_children_reversed(box))


def _children_reversed(box) -> list:
    """Give the child boxes of ``box`` last first: pushed on a stack, they are popped in reading order."""
    return list(getattr(box, "children", ()))[::-1]


def _has_ink(box) -> bool:
    """Give whether a line (or inline box) shows anything: non-blank text or an atomic inline."""
    stack = list(getattr(box, "children", ()))
    while stack:
        child = stack.pop()
        if not child.is_in_normal_flow():
            continue
        if isinstance(child, boxes.TextBox):
            if child.text.strip():
                return True
        elif isinstance(child, _ATOMIC):
            if child.border_width() > 0 and child.border_height() > 0:
                return True
        else:
            stack.extend(getattr(child, "children", ()))
    return False


def _root_element(document: Document):
    for page in document.pages:
        for child in page._page_box.children:
            if not isinstance(child, (boxes.MarginBox, boxes.FootnoteAreaBox)) and child.element is not None:
                return child.element
    raise ValueError("the document has no root element box")


def _wanted_ids(root) -> set[str]:
    wanted = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.get(ANCHOR_ATTRIBUTE) is not None and element.get("id"):
            wanted.add(element.get("id"))
        if _is_placeholder(element):
            wanted.add(element.get(PLACEHOLDER_TARGET))
    return wanted


def _is_placeholder(element) -> bool:
    # Comments and processing instructions have no string tag (and, in lxml, no attributes to test).
    return (
        isinstance(element.tag, str)
        and bool(element.get(PLACEHOLDER_TARGET))
        and PLACEHOLDER_CLASS in (element.get("class") or "").split()
    )


def _placeholders(tree) -> list[tuple]:
    return [(element, element.get(PLACEHOLDER_TARGET)) for element in tree.getroot().iter() if _is_placeholder(element)]


def _fill(element, text: str) -> None:
    for child in list(element):
        element.remove(child)
    element.text = text


def _numbers_svg(page: Page, lines: Sequence[Line], margin: MarginNumbers) -> str:
    side = margin.side
    if side in ("outer", "inner"):
        outer_is_left = page.side == "left"
        side = "left" if (side == "outer") == outer_is_left else "right"
    texts = []
    for line in lines:
        if side == "left":
            x, anchor = line.text_left - margin.gap, "end"
        else:
            x, anchor = line.text_right + margin.gap, "start"
        texts.append(f'<text x="{x:.3f}" y="{line.baseline:.3f}" text-anchor="{anchor}">{line.number}</text>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{page.width:.3f}" height="{page.height:.3f}"'
        f' viewBox="0 0 {page.width:.3f} {page.height:.3f}">'
        f'<g font-family="{escape(margin.font_family)}" font-size="{escape(margin.font_size)}"'
        f' fill="{escape(margin.color)}">{"".join(texts)}</g></svg>'
    )


def provisional(html: str, text: str) -> str:
    """Give ``html`` with every placeholder filled with ``text``: numbers of about the final width
    for a first layout, before any line is measured."""
    return _provisional(html, text)


def parse(html: str) -> etree._ElementTree:
    """Give the lxml tree of ``html`` as this module parses it (for reading an annotated document)."""
    return _parse(html)[0]


def serialize(tree: etree._ElementTree) -> str:
    """Give the HTML of a tree from :func:`parse` (with the HTML5 doctype)."""
    return _serialize(tree, "<!DOCTYPE html>")


def report(line_map: LineMap) -> None:
    """Log a warning for anchors placed on no line and, per page, for numbers printed on another page."""
    _warn(line_map)


def _provisional(html: str, text: str) -> str:
    tree, doctype = _parse(html)
    for element, _ in _placeholders(tree):
        _fill(element, text)
    return _serialize(tree, doctype)


# What may precede the root element; the doctype is kept, an XML declaration
# dropped (lxml refuses one in a str, and WeasyPrint reads HTML, not XML).
_PROLOG = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?P<doctype><!DOCTYPE[^>]*>)?", re.IGNORECASE)


# The print HTML is made by teipress's stylesheet from a TEI tree the safe parser
# bounded to 256 levels; its wrappers (html, body, article, section, p …) add a
# dozen more. libxml2's default bound of 256 would silently cut what lies deeper
# (the innermost words of a deeply nested text would vanish from the PDF).
_HTML_PARSER = lxml.html.HTMLParser(huge_tree=True)


def _parse(html: str):
    prolog = _PROLOG.match(html)
    tree = lxml.html.document_fromstring(html[prolog.end() :], parser=_HTML_PARSER).getroottree()
    # lxml invents an HTML 4.0 doctype when there is none: keep the real one, or
    # the HTML5 one, so that the serialized HTML is read in the same mode.
    return tree, prolog.group("doctype") or "<!DOCTYPE html>"


def _head(tree):
    root = tree.getroot()
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    return head


def _serialize(tree, doctype: str) -> str:
    return lxml.html.tostring(tree, encoding="unicode", doctype=doctype)


def _render(html: str, base_url: str | None, stylesheets: Sequence | None, options: dict) -> Document:
    return HTML(string=html, base_url=base_url).render(stylesheets=stylesheets, **options)


def _warn(line_map: LineMap) -> None:
    if line_map.unplaced:
        log.warning("line numbers: no counted line for %s", ", ".join(line_map.unplaced))
    if line_map.per == "page" and line_map.off_page:
        log.warning(
            "line numbers: numbered per page, but printed on another page than their line: %s",
            ", ".join(line_map.off_page),
        )
