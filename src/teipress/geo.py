"""The maps' geography: the projection the build-time maps are drawn in, and the world
outline they are drawn over.

The maps that need no network (the SVG of ``xslt/html/map.xsl``, shown where no tiles
are configured, without JavaScript, in print and in the PDF volume) use the
equirectangular projection in degrees: x is the longitude, y the latitude negated
(SVG's y grows downwards), and a map is the part of that plane around its places
(its viewBox). :func:`project` is that projection, stated here for the tests and for
anyone who places something on such a map.

The outline is Natural Earth's 1:110m land (public domain), from the npm package
``world-atlas`` 2.0.2 (``land-110m.json``, TopoJSON of Natural Earth 4.1.0).
:func:`land_module` turns that file into ``xslt/common/land.xsl``, an XSLT module that
states each land ring as an SVG path with its bounding box (the stylesheets read no
file, so the outline is compiled into them); the module is stored in the repository
and made again with ``python -m teipress.geo land-110m.json xslt/common/land.xsl``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr

# Decimal places of the outline's degrees: 0.1° is ~11 km, finer than a 1:110m line.
_PLACES = 1
SOURCE = "Natural Earth 1:110m land 4.1.0, public domain, via the npm package world-atlas 2.0.2 (land-110m.json)"


def project(lat: float, lon: float) -> tuple[float, float]:
    """Give the point of the build-time maps' plane (x, y) for a latitude and longitude in degrees."""
    return lon, -lat


def parse_geo(value: str) -> tuple[float, float] | None:
    """Give the (latitude, longitude) of a TEI ``geo`` in the registers' form "lat long"
    (decimal degrees, a comma allowed between them), or None when it is not that."""
    parts = value.replace(",", " ").split()
    try:
        lat, lon = (float(part) for part in parts)
    except ValueError:
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def land_rings(topology: dict) -> list[list[tuple[float, float]]]:
    """Give the rings of the TopoJSON ``topology``'s object "land", each a list of (lon, lat)."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # quantized and delta-encoded (TopoJSON 2.1.4)
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    rings = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                points: list[tuple[float, float]] = []
                for index in ring:  # a negative index is the arc ~index reversed
                    arc = arcs[index] if index >= 0 else arcs[~index][::-1]
                    points.extend(arc[1:] if points else arc)
                rings.append(points)
    return rings


def ring_path(ring: list[tuple[float, float]]) -> tuple[str, tuple[float, float, float, float]]:
    """Give the SVG path of a ring in the maps' plane (rounded, repeated points dropped,
    relative moves after the first) and its bounding box (west, south, east, north)."""
    rounded = []
    for lon, lat in ring:
        point = tuple(round(v * 10 ** _PLACES) for v in project(lat, lon))
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    first, steps = rounded[0], []
    for (x0, y0), (x1, y1) in zip(rounded, rounded[1:]):
        steps.append(f"{_number(x1 - x0)} {_number(y1 - y0)}")
    path = f"M{_number(first[0])} {_number(first[1])}l" + " ".join(steps) + "z"
    xs, ys = [p[0] / 10 ** _PLACES for p in rounded], [p[1] / 10 ** _PLACES for p in rounded]
    return path, (min(xs), -max(ys), max(xs), -min(ys))


def _number(tenths: int) -> str:
    """Give a number of tenths of a degree as SVG writes it short: 12 -> "1.2", -3 -> "-.3"."""
    text = f"{tenths / 10 ** _PLACES:.{_PLACES}f}".rstrip("0").rstrip(".")
    return text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text


def land_module(topology: dict) -> str:
    """Give the text of the XSLT module ``xslt/common/land.xsl`` for the TopoJSON ``topology``."""
    lines = []
    for ring in land_rings(topology):
        path, (west, south, east, north) = ring_path(ring)
        if path.count(" ") < 3:
            continue  # a ring that rounds to less than a triangle draws nothing
        lines.append(f'    <tp:ring west="{west:g}" south="{south:g}" east="{east:g}" north="{north:g}" d={quoteattr(path)}/>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<!--\n"
        f"  The world's land for the maps drawn at build time (html/map.xsl): {SOURCE}.\n"
        "  Each ring is an SVG path in the maps' plane (x = longitude, y = latitude negated, in degrees)\n"
        "  with its bounding box in degrees. Made by teipress.geo (python -m teipress.geo); do not edit.\n"
        "-->\n"
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"\n'
        '  xmlns:tp="https://teipress.org/ns" exclude-result-prefixes="#all">\n'
        '  <xsl:variable name="tp:land" as="element(tp:ring)*">\n'
        + "\n".join(lines) + "\n"
        "  </xsl:variable>\n"
        "</xsl:stylesheet>\n"
    )


def main(argv: list[str]) -> int:
    """Write the land module from a TopoJSON file: ``python -m teipress.geo SOURCE TARGET``."""
    if len(argv) != 2:
        print("usage: python -m teipress.geo land-110m.json xslt/common/land.xsl", file=sys.stderr)
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    Path(argv[1]).write_text(land_module(topology), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
