"""Where a Schematron finding is: the element an SVRL location names, found
in time that does not grow with the number of findings."""

from __future__ import annotations

import copy
import re

from lxml import etree

from .namespaces import XSL_NS

_LOCATION_NS = "https://teipress.org/ns/location"


class NumberedRules:
    """The compiled Schematron rules, their locations made constant-time.

    The ISO skeleton writes each finding's location as a path whose every step
    counts the preceding siblings of the same name: on a document with thousands
    of findings among thousands of siblings that is quadratic (8,000 dangling
    pointers took 26 s). Here the location templates of the compiled rules are
    replaced by a call to a function that gives the element's number in document
    order, and the number leads back to the element."""

    def __init__(self, transform: etree.XSLT, numbering: "Numbering"):
        self.transform, self.numbering = transform, numbering

    @classmethod
    def of(cls, schematron) -> "NumberedRules | None":
        """Give the numbered form of a compiled Schematron (None when its stylesheet is not the skeleton's)."""
        validator = getattr(schematron, "validator_xslt", None)
        if validator is None:
            return None
        xslt = copy.deepcopy(validator)
        templates = [t for t in xslt.getroot().iter(f"{{{XSL_NS}}}template")
                     if t.get("mode") == "schematron-get-full-path"]
        if not templates:
            return None
        for template in templates:
            for child in list(template):
                template.remove(child)
            template.text = None
            # An attribute's finding is located at its element.
            value = etree.SubElement(template, f"{{{XSL_NS}}}value-of", nsmap={"loc": _LOCATION_NS})
            value.set("select", "loc:number(.)" if template.get("match") != "@*" else "loc:number(..)")
        numbering = Numbering()
        try:
            transform = etree.XSLT(xslt, extensions={(_LOCATION_NS, "number"): numbering.number})
        except etree.LxmlError:
            return None
        return cls(transform, numbering)

    def run(self, corpus: etree._Element) -> tuple[etree._ElementTree, "Numbering"]:
        """Give the SVRL report of ``corpus`` and the numbering its locations refer to."""
        self.numbering.start(corpus)
        return self.transform(etree.ElementTree(corpus)), self.numbering


class Numbering:
    """Each element of a tree by its number in document order (the proxies are kept alive, so
    lxml gives the same object for the same node and a dict finds it)."""

    PREFIX = "#teipress-element-"

    def __init__(self):
        self.elements: list = []
        self.numbers: dict = {}

    def start(self, root: etree._Element) -> None:
        self.elements = list(root.iter())
        self.numbers = {element: n for n, element in enumerate(self.elements)}

    def number(self, context, nodes) -> str:
        node = nodes[0] if isinstance(nodes, list) and nodes else nodes
        return f"{self.PREFIX}{self.numbers.get(node, -1)}"

    def element(self, location: str):
        if not location.startswith(self.PREFIX):
            return None
        n = int(location[len(self.PREFIX):])
        return self.elements[n] if 0 <= n < len(self.elements) else None


# One step of the Schematron skeleton's locations: *[local-name()='p' and namespace-uri()='…'][3]
_SVRL_STEP = re.compile(r"\*\[local-name\(\)='([^']*)' and namespace-uri\(\)='([^']*)'\](?:\[(\d+)\])?")


class Locations:
    """Finds the elements named by SVRL locations, with each parent's children
    grouped by name once: evaluating every location as XPath counted the
    siblings again for each finding (quadratic in the findings)."""

    def __init__(self, root: etree._Element):
        self.root = root
        self.children: dict[etree._Element, dict[str, list]] = {}

    def element(self, location: str, tree: etree._ElementTree) -> etree._Element | None:
        """Give the element at ``location``, or None when it names no element."""
        steps = location.split("/")[1:] if location.startswith("/") else None
        node = None
        for step in steps or ():
            match = _SVRL_STEP.fullmatch(step)
            if match is None:
                node = None
                break
            tag = f"{{{match.group(2)}}}{match.group(1)}" if match.group(2) else match.group(1)
            index = int(match.group(3) or 1) - 1
            if node is None:
                node = self.root if self.root.tag == tag and index == 0 else None
            else:
                group = self._grouped(node).get(tag, [])
                node = group[index] if index < len(group) else None
            if node is None:
                break
        if node is not None:
            return node
        try:  # a location in another form: XPath, as the skeleton meant it
            found = tree.xpath(location)
        except etree.XPathError:
            return None
        return found[0] if found and isinstance(found[0], etree._Element) else None

    def _grouped(self, parent: etree._Element) -> dict[str, list]:
        grouped = self.children.get(parent)
        if grouped is None:
            grouped = {}
            for child in parent:
                if isinstance(child.tag, str):
                    grouped.setdefault(child.tag, []).append(child)
            self.children[parent] = grouped
        return grouped
