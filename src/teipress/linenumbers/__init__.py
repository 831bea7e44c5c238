"""Line numbers taken from WeasyPrint's real layout, for printed critical editions.

The package knows nothing about TEI. It works on any HTML that follows this
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
    (:attr:`LineMap.off_page`).

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
the PDF writer (:func:`teipress.writers.pdf_layout.lay_out`, the one layout loop)
measures again and repeats until the layout holds still.
Consequences for the print stylesheet: it must not set ``background-image`` on
``@page`` (the rules here override it on numbered pages; ``background-color``
is kept), the URL fetcher must allow ``data:`` URLs (WeasyPrint's default does),
and the numbers' font and size come from :class:`MarginNumbers`, not from CSS.
As page backgrounds, the numbers are artifacts in a tagged PDF, outside the
reading order, like running heads.

All coordinates are CSS pixels from the top-left corner of the page.

The package has one module per job: :mod:`.layout` measures the layout,
:mod:`.markup` rewrites the HTML tree, :mod:`.margin` paints the margin numbers.
It reads WeasyPrint's laid-out box tree through ``Page._page_box``, a
private attribute: it is checked against WeasyPrint 70 (the project pins
``>=70,<71``); any change of that pin must rerun ``tests/unit/test_linenumbers.py``.
"""

from .layout import (
    ANCHOR_ATTRIBUTE,
    COUNTED,
    PLACEHOLDER_CLASS,
    PLACEHOLDER_TARGET,
    UNCOUNTED,
    Line,
    LineMap,
    LinePosition,
    Page,
    Per,
    measure,
)
from .margin import MarginNumbers, margin_css, repaint
from .markup import GATHERED_CLASS, STYLE_MARKER, annotate, gather, parse, provisional, serialize, set_margin_style

__all__ = [
    "ANCHOR_ATTRIBUTE", "COUNTED", "GATHERED_CLASS", "PLACEHOLDER_CLASS", "PLACEHOLDER_TARGET", "STYLE_MARKER",
    "UNCOUNTED", "Line", "LineMap", "LinePosition", "MarginNumbers", "Page", "Per", "annotate", "gather",
    "margin_css", "measure", "parse", "provisional", "repaint", "serialize", "set_margin_style",
]
