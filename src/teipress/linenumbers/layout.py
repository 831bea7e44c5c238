"""Measuring WeasyPrint's layout: the counted lines of a rendered document, page by page,
and the line on which each wanted element (a lemma, a placeholder's target) starts.

What counts as a line and which elements are wanted is the contract described in
:mod:`teipress.linenumbers`. This module reads WeasyPrint's laid-out box tree
through ``Page._page_box``, a private attribute checked against WeasyPrint 70.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import cssselect2  # WeasyPrint's own selector engine, matching its element tree
from weasyprint import Document
from weasyprint.formatting_structure import boxes

Per = Literal["text", "page"]

COUNTED = ".line-numbered"
UNCOUNTED = "h1, h2, h3, h4, h5, h6, figure, figcaption, caption, .uncounted"
ANCHOR_ATTRIBUTE = "data-line-anchor"
PLACEHOLDER_CLASS = "app-line"
PLACEHOLDER_TARGET = "data-for"

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
    placeholders = {element: element.get(PLACEHOLDER_TARGET) for element in root.iter() if is_placeholder(element)}
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
        if is_placeholder(element):
            wanted.add(element.get(PLACEHOLDER_TARGET))
    return wanted


def is_placeholder(element) -> bool:
    # Comments and processing instructions have no string tag (and, in lxml, no attributes to test).
    return (
        isinstance(element.tag, str)
        and bool(element.get(PLACEHOLDER_TARGET))
        and PLACEHOLDER_CLASS in (element.get("class") or "").split()
    )

