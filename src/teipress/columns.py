"""Columns of elements: libxml2 keeps only the line of each node."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from .document import Document


class ColumnIndex:
    """Gives the columns of the elements of one tree of a document, in time linear
    in the document overall (a look-up per element rescanning the file would be
    quadratic in the number of diagnostics).

    libxml2 keeps only line numbers on nodes; the column is found again by
    looking for the start tag on that line, counting earlier elements of the
    same name that start on the same line. The counts are taken when the index
    is made, so elements removed from the tree afterwards (a validator's
    repairs) do not shift the columns of the others."""

    def __init__(self, document: Document, root: etree._Element | None = None):
        self._source = document.source
        self._lines: list[str] | None = None
        self._starts: dict[tuple[int, str], list[int]] = {}
        # Each element's rank among the elements of its name that start on its line.
        # The dict holds the element proxies, so their identity stays stable.
        self._rank: dict[etree._Element, int] = {}
        seen: dict[tuple[int | None, str], int] = {}
        for element in (document.root if root is None else root).iter():
            if isinstance(element.tag, str):
                key = (element.sourceline, element.tag)
                self._rank[element] = seen.get(key, 0)
                seen[key] = self._rank[element] + 1

    def line(self, number: int) -> str | None:
        """Give the text of line ``number`` (1-based) of the source, or None past its end."""
        if self._lines is None:
            self._lines = self._source.decode("utf-8", errors="replace").splitlines()
        return self._lines[number - 1] if 0 < number <= len(self._lines) else None

    def column(self, element: etree._Element) -> int:
        """Give the 1-based column of ``element``'s start tag, or 1 when it cannot be found."""
        line_no = element.sourceline
        text = self.line(line_no) if line_no else None
        if text is None:
            return 1
        local = etree.QName(element).localname
        starts = self._starts.get((line_no, local))
        if starts is None:
            starts = [m.start() + 1 for m in re.finditer(rf"<(?:[\w.-]+:)?{re.escape(local)}(?=[\s/>])", text)]
            self._starts[(line_no, local)] = starts
        rank = self._rank.get(element)
        return starts[rank] if rank is not None and rank < len(starts) else 1
