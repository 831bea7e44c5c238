"""Rewriting the print HTML for line numbers, on an lxml tree: placeholders filled from a
measured :class:`LineMap`, the margin numbers' style, the page-gathered items of each page
moved into one element. Every function here changes the tree it is given in place.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from .layout import PLACEHOLDER_TARGET, LineMap, is_placeholder
from .margin import MarginNumbers, margin_css

GATHERED_CLASS = "page-gathered"
STYLE_MARKER = "data-linenumbers"


def annotate(tree: etree._ElementTree, line_map: LineMap, margin: MarginNumbers | None = MarginNumbers()) -> None:
    """Fill the placeholders of ``tree`` from ``line_map`` and, unless ``margin`` is None, add the style
    element that paints the margin numbers of each page (in place; gives nothing).

    Annotating a tree again replaces the earlier numbers and style. A
    placeholder whose target was not placed is left empty."""
    for element, target in _placeholders(tree):
        position = line_map.anchors.get(target)
        _fill(element, str(position.line) if position else "")
        if position:
            element.set("data-page", str(position.page))
            element.set("data-line", str(position.line))
        else:
            element.attrib.pop("data-page", None)
            element.attrib.pop("data-line", None)
    set_margin_style(tree, line_map, margin)


def set_margin_style(tree: etree._ElementTree, line_map: LineMap, margin: MarginNumbers | None) -> None:
    """Give ``tree`` (in place) the style element that paints the margin numbers of ``line_map``, replacing
    an earlier one, or none if ``margin`` is None."""
    head = _head(tree)
    for old in head.findall(f"style[@{STYLE_MARKER}]"):
        head.remove(old)
    if margin is not None:
        style = etree.SubElement(head, "style")
        style.set(STYLE_MARKER, "")
        style.text = margin_css(line_map, margin)


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


def _placeholders(tree) -> list[tuple]:
    return [(element, element.get(PLACEHOLDER_TARGET)) for element in tree.getroot().iter() if is_placeholder(element)]


def _fill(element, text: str) -> None:
    for child in list(element):
        element.remove(child)
    element.text = text



def provisional(tree: etree._ElementTree, text: str) -> None:
    """Fill every placeholder of ``tree`` with ``text`` (in place): numbers of about the final width
    for a first layout, before any line is measured."""
    for element, _ in _placeholders(tree):
        _fill(element, text)


def parse(html: str) -> etree._ElementTree:
    """Give the lxml tree of ``html`` (an XML declaration and doctype before the root are dropped)."""
    prolog = _PROLOG.match(html)
    return lxml.html.document_fromstring(html[prolog.end() :], parser=_HTML_PARSER).getroottree()


def serialize(tree: etree._ElementTree) -> str:
    """Give the HTML of a tree from :func:`parse`, with the HTML5 doctype (lxml would invent an HTML 4.0 one)."""
    return lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")


# What may precede the root element: lxml refuses an XML declaration in a str,
# and WeasyPrint reads HTML, not XML.
_PROLOG = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>)?", re.IGNORECASE)


# The print HTML is made by teipress's stylesheet from a TEI tree the safe parser
# bounded to 256 levels; its wrappers (html, body, article, section, p …) add a
# dozen more. libxml2's default bound of 256 would silently cut what lies deeper
# (the innermost words of a deeply nested text would vanish from the PDF).
_HTML_PARSER = lxml.html.HTMLParser(huge_tree=True)


def _head(tree):
    root = tree.getroot()
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    return head
