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
