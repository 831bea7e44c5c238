"""The register entries a text's page needs: those its files point to, and those these point to in turn.

A text's page is made from an edition document holding the registers (its cards, its links, the entry
each mention names). The registers grow with the edition: at 10,000 generated letters they are twenty
times the size of a letter, and each page parsed and indexed every entry. A page needs only the entries
its text, and the texts it links with, point to (``registers.xml#pers-x``, ``#pers-x``, or the bare
id), and those these entries point to (a person's place of birth, an event's participants), each in
the outermost entry that holds it, whole (a place within a place). The others are left out of its
document; the rest of a register file (its header, its lists, their notes) stays, in its order.
"""

from __future__ import annotations

import copy

from lxml import etree

from .entity_units import XML_ID, entry_elements


class RegisterSubsets:
    """The registers of a build (``tp:registers`` holders, each a copy of a register file), indexed once:
    :meth:`needed_by` gives the holders cut to the entries a text's page needs."""

    def __init__(self, holders: list[etree._Element]):
        self.holders = holders
        self._ids: set[str] = set()
        self._points_to: dict[str, set[str]] = {}  # what each entry points to (an entry nested in it is part of it)
        self._outermost: dict[str, etree._Element] = {}  # each entry's outermost entry (itself, or the one it is in)
        self._cuts = [self._index(holder) for holder in holders]

    def _index(self, holder: etree._Element) -> tuple:
        """Index the entries of ``holder``; give its skeleton (a copy without its outermost entries) and
        where each outermost entry goes back: the path of its parent and how many of the parent's
        other children come before it."""
        entries = entry_elements(holder)
        found = set(entries)
        outermost = [e for e in entries if not any(a in found for a in e.iterancestors())]
        for top in outermost:
            for entry in [top, *(e for e in top.iterdescendants() if e in found)]:
                self._ids.add(entry.get(XML_ID))
                self._outermost[entry.get(XML_ID)] = top
        for entry in entries:
            self._points_to.setdefault(entry.get(XML_ID), set()).update(self._tokens(entry))
        places = {}
        for top in outermost:
            parent = top.getparent()
            path = tuple(a.getparent().index(a) for a in reversed([parent, *parent.iterancestors()]) if a is not holder)
            before = sum(1 for sibling in top.itersiblings(preceding=True) if sibling not in found)
            places[top] = (path, before)
        skeleton = copy.deepcopy(holder)
        tops = {id(t) for t in outermost}
        for original, copied in list(zip(holder.iter(), skeleton.iter())):  # both walked whole before any removal
            if id(original) in tops:
                copied.tail = None
                copied.getparent().remove(copied)
        return holder, skeleton, places, len(outermost)

    def _tokens(self, root: etree._Element) -> set[str]:
        found = set()
        for element in root.iter():
            if isinstance(element.tag, str):
                for value in element.attrib.values():
                    found.update(token.rsplit("#", 1)[-1] for token in value.split())
        return found

    def pointed(self, root: etree._Element) -> set[str]:
        """Give the ids of register entries that attributes inside ``root`` point to
        ("registers.xml#pers-x", "#pers-x" or the bare id)."""
        return self._tokens(root) & self._ids

    def needed_by(self, roots: list[etree._Element]) -> list[etree._Element]:
        """Give the register holders with only the entries the documents ``roots`` point to, directly
        or through other entries, each in the outermost entry holding it (a holder all of whose
        entries are needed is given as it is, the others as cut copies)."""
        wanted, todo = set(), set().union(*(self.pointed(root) for root in roots))
        while todo:
            wanted |= todo
            todo = set().union(*(self._points_to.get(i, ()) & self._ids for i in todo)) - wanted
        tops = {self._outermost[i] for i in wanted}
        return [self._cut(cut, tops) for cut in self._cuts]

    @staticmethod
    def _cut(cut: tuple, tops: set) -> etree._Element:
        holder, skeleton, places, count = cut
        kept = [top for top in places if top in tops]  # in document order
        if len(kept) == count:
            return holder
        result = copy.deepcopy(skeleton)
        inserted: dict[tuple, int] = {}
        for top in kept:
            path, before = places[top]
            parent = result
            for index in path:
                parent = parent[index]
            parent.insert(before + inserted.get(path, 0), copy.deepcopy(top))
            inserted[path] = inserted.get(path, 0) + 1
        return result
