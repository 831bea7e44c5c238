"""Painting the margin line numbers: page backgrounds drawn from a measured :class:`LineMap`.

For each page the numbers are an SVG that an ``@page :nth(N)`` rule sets as the
page's ``background-image``, with the numbers at the measured baselines beside
the content box of the ``line-numbered`` element. A page background cannot move
a line box, so the numbers cannot change the layout they were measured from.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

from .layout import Line, LineMap, Page

@dataclass(frozen=True)
class MarginNumbers:
    """How the margin numbers look and where they go."""

    every: int = 5
    side: Literal["left", "right", "outer", "inner"] = "left"  # outer: left on left-hand pages
    gap: float = 12.0  # CSS px between the text's edge and the nearest edge of the number
    font_family: str = "serif"
    font_size: str = "8pt"  # any CSS length WeasyPrint's SVG reader knows (pt, px, mm…)
    color: str = "black"


def margin_css(line_map: LineMap, margin: MarginNumbers = MarginNumbers()) -> str:
    """Give the CSS (``@page :nth(N)`` rules) that paints the margin numbers of ``line_map``."""
    rules = []
    for page, uri in _numbers_images(line_map, margin).items():
        # ``fixed`` makes the positioning area the whole page box, margins
        # included, so SVG coordinates are page coordinates (css-page-3 §painting).
        rules.append(
            f"@page :nth({page.number}) {{"
            f' background-image: url("{uri}"); background-repeat: no-repeat;'
            f" background-attachment: fixed; background-position: 0 0;"
            f" background-size: {page.width:.3f}px {page.height:.3f}px; }}"
        )
    return "\n" + "\n".join(rules) + "\n"


def repaint(document, line_map: LineMap, margin: MarginNumbers, url_fetcher) -> None:
    """Paint the margin numbers of ``line_map`` on the pages of a rendered ``document`` (in place), as the
    rules of :func:`margin_css` would in a new layout, and without one.

    For a document whose layout is known to be the one a new layout would give
    (only the numbers' style would differ), this saves that layout. WeasyPrint
    70 computes page backgrounds at the end of the layout from the page's
    style (``layout/background.py``): the page box's background is computed
    again here, from its own style with the background properties of the
    ``@page :nth(N)`` rule put over it, through the same private functions."""
    import functools

    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.css.properties import INITIAL_VALUES, Dimension
    from weasyprint.images import get_image_from_uri
    from weasyprint.layout import LayoutContext
    from weasyprint.layout.background import layout_box_backgrounds

    images = {page.number: (page, uri) for page, uri in _numbers_images(line_map, margin).items()}
    # As WeasyPrint builds it for a layout, without the styles: an SVG image
    # keeps the context to lay out its text with the document's fonts.
    context = LayoutContext(
        None, functools.partial(get_image_from_uri, cache={}, url_fetcher=url_fetcher, options=dict(DEFAULT_OPTIONS)),
        document.font_config, None, None)
    fetch = context.get_image_from_uri
    for number, rendered in enumerate(document.pages, 1):
        box = rendered._page_box  # private in WeasyPrint 70, as in .layout
        if number in images:
            page, uri = images[number]
            rule = {
                "background_image": (("url", uri),),
                "background_repeat": (("no-repeat", "no-repeat"),),
                "background_attachment": ("fixed",),
                "background_position": (("left", Dimension(0, "px"), "top", Dimension(0, "px")),),
                "background_size": ((Dimension(round(page.width, 3), "px"), Dimension(round(page.height, 3), "px")),),
            }
        else:
            rule = {"background_image": INITIAL_VALUES["background_image"]}
        layout_box_backgrounds(box, box, fetch, layout_children=False, style=_StyleOver(box.style, rule))


class _StyleOver(dict):
    """A computed style with some properties replaced: the replaced ones are its items, others come from ``style``."""

    def __init__(self, style, replaced: dict):
        super().__init__(replaced)
        self.style = style

    def __missing__(self, key):
        return self.style[key]


def _numbers_images(line_map: LineMap, margin: MarginNumbers) -> dict[Page, str]:
    """Give, for each page with margin numbers, the data: URI of the SVG that draws them."""
    numbered = line_map.margin_numbers(margin.every)
    return {page: "data:image/svg+xml," + urllib.parse.quote(_numbers_svg(page, numbered[page.number], margin), safe="")
            for page in line_map.pages if numbered.get(page.number)}


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
