"""The edition documents the edition's pages are made from, assembled by the process that parses them.

An edition document (``tp:edition``) holds the registers and the introduction whole, each collection
(teiCorpus) with its header, the books of the build, and every text as its stored extract (a text of a
collection says which). Only the entity pages quote the words around each mention (the contexts,
teipress.kwic: two thirds of an extract), so every page but an entity's (the index, the registers,
the chronology, the data …) is made from one document of the texts' shapes (their extracts without
contexts), and each set of entity pages gets a document of its own: the extracts of its entries' texts (those naming
them, and the letters they sent or received: teipress.entity_units.entry_texts) with the contexts of
their mentions only, and of every other text its header only (the site's navigation asks whether the
edition has letters). The entries that have a page are declared (``@published-entries``), as the
texts that would show it are not there. A set of 100 entries of 10,000 letters names half of them:
its document is a sixth of the one of every whole extract, which both workers parsed at once (320 MB
then, 3.4 GB each in Saxon); a touched text's few pages are made from a few hundred texts.

The build describes each document (:class:`EditionDocument`: its pieces and the stored files of its
texts, a few hundred bytes per text) and each worker that needs it reads the files and parses it, once:
the build's process writes none of them, and the workers do not wait for it to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import unescape

from lxml import etree

from .document import load
from .edition import add_introduction
from .entity_units import chronology_periods, entry_texts
from .kwic import ref_ids_of
from .extract import TP_NS, collection_element, digest, edition_element, output_names, registers_element, serialize

_EXTRACT_HERE = "teipress: the extract goes here"
# Sets of entity pages get documents of their own (see the module's doc); False: the one of every whole
# extract, which gives the same pages (a test compares them).
OWN_DOCUMENTS = True
# A mention's contexts in a stored extract (lxml wrote it, the tp namespace declared on the root: extract
# rule 4, each attribute value escaped), after its other attributes; and its @ref there.
_CONTEXTS = re.compile(rb'(<[^<>!?/][^<>]*?) tp:before="[^"]*" tp:after="[^"]*"')
_REF = re.compile(rb'\sref="([^"]*)"')
_TP_ON_ROOT = b'xmlns:tp="https://teipress.org/ns"'
# The end of a stored extract's header (lxml wrote it: the TEI element's first child, its prefix if any).
_HEADER_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?teiHeader>")


def header_only(data: bytes) -> bytes:
    """Give a stored extract (or shape) cut to its TEI element with the header alone; as it is when
    it has no header (it then names none of the set's entries either: only more of it is parsed)."""
    end, close = _HEADER_END.search(data), data.rfind(b"</")
    if end is None or close < end.end():
        return data
    return data[:end.end()] + data[close:]


def contexts_of(data: bytes, entries: frozenset[str]) -> bytes:
    """Give a stored extract with the contexts (tp:before, tp:after) of the mentions naming one of
    ``entries`` only (teipress.kwic.ref_ids reads the ids of @ref); whole when its root does not
    declare the tp namespace."""
    if _TP_ON_ROOT not in data[:data.find(b">") + 1]:
        return data

    def kept(found: re.Match) -> bytes:
        ref = _REF.search(found.group(1))
        names = ref_ids_of(unescape(ref.group(1).decode("utf-8"), {"&quot;": '"'})) if ref else set()
        return found.group(0) if names & entries else found.group(1)

    return _CONTEXTS.sub(kept, data)


@dataclass(frozen=True)
class EditionDocument:
    """One edition document of the pages, as pieces: ``head`` and ``tail`` around the texts, and for
    each text its holder's start and end around the stored file of its extract or its shape.
    ``name`` is the digest of all of it: a worker parses a document of that name once."""

    name: str
    head: bytes
    tail: bytes
    # Each text: its holder's start, its stored file, its holder's end, and what of the file: "whole",
    # "header" (header_only) or the entries whose mentions keep their contexts (contexts_of).
    texts: tuple[tuple[bytes, str, bytes, str | frozenset[str]], ...]

    def data(self) -> bytes:
        """Give the document's bytes, read from the stored files (written by lxml, from files that
        parsed safely)."""
        parts = [self.head]
        for before, path, after, cut in self.texts:
            data = Path(path).read_bytes()
            parts += [before, data if cut == "whole" else header_only(data) if cut == "header" else contexts_of(data, cut),
                      after]
        parts.append(self.tail)
        return b"".join(parts)


class EditionDocuments:
    """The edition documents of one build's pages: the pieces every one shares are made once."""

    def __init__(self, found, register_docs, settings, cache, outputs, books: dict[str, str]):
        self.found, self.cache = found, cache
        edition = edition_element(settings)
        edition.set("chronology-periods", chronology_periods(y for s in found.texts for y in s.info.years))
        add_introduction(edition, [load(source.path) for source in found.introductions[:1]], settings)
        for document in register_docs:
            edition.append(registers_element(document))
        for source in found.collections:
            edition.append(collection_element(load(source.path), found.collection_ids[source.key], source.copy))
        corpus_of = {str(source.file): found.collection_ids[source.key] for source in found.collections}
        for name, file in books.items():
            etree.SubElement(edition, f"{{{TP_NS}}}book", name=name, file=file)
        etree.SubElement(edition, f"{{{TP_NS}}}texts-here")
        self.edition = edition
        self.head, self.tail = self._split()
        # Each text's holder, split where its extract goes.
        self.holders = []
        for source in found.texts:
            holder = etree.Element(f"{{{TP_NS}}}text", nsmap={"tp": TP_NS}, id=source.text_id, n=str(source.position),
                                   src=source.copy, **output_names(source.text_id, source.copy, outputs))
            if source.member and str(source.file) in corpus_of:
                holder.set("collection", corpus_of[str(source.file)])
            holder.text = _EXTRACT_HERE
            before, _, after = serialize(holder).decode("utf-8").partition(_EXTRACT_HERE)
            self.holders.append((before.encode("utf-8"), after.encode("utf-8")))
        self._made: dict[bool, EditionDocument] = {}
        self._naming: dict[str, list] | None = None  # entry_texts, when a set of entity pages asks
        self._own_head: tuple[bytes, bytes] = (b"", b"")  # the head and tail declaring the entries with a page

    def _split(self) -> tuple[bytes, bytes]:
        """Give the edition element with its first children, split where the texts go."""
        head, _, tail = serialize(self.edition).decode("utf-8").rpartition("<tp:texts-here/>")
        return head.encode("utf-8"), tail.encode("utf-8")

    def document(self, contexts: bool) -> EditionDocument:
        """Give the edition document of the texts' whole extracts (``contexts``) or of their shapes."""
        if contexts not in self._made:
            self._made[contexts] = self._document(self.head, self.tail, [
                (source.info.extract if contexts else source.info.shape, "whole") for source in self.found.texts])
        return self._made[contexts]

    def document_for(self, job) -> EditionDocument:
        """Give the edition document of a page job: a set of entity pages its own (see the module's
        doc), any other the document of the whole extracts or of the shapes (PageJob.quotes_contexts)."""
        if job.entries and OWN_DOCUMENTS:
            if self._naming is None:
                self._naming = entry_texts(self.found)
                self.edition.set("published-entries", " ".join(sorted(self._naming)))
                self._own_head = self._split()
                del self.edition.attrib["published-entries"]
            entries = frozenset(job.entries)
            needed = {source.key for entry in entries for source in self._naming.get(entry, ())}
            head, tail = self._own_head
            return self._document(head, tail, [(source.info.extract, entries) if source.key in needed
                                               else (source.info.shape or source.info.extract, "header")
                                               for source in self.found.texts])
        return self.document(job.quotes_contexts)

    def _document(self, head: bytes, tail: bytes, stored: list[tuple[str, str | frozenset[str]]]) -> EditionDocument:
        """Give the edition document of ``head``, ``tail`` and each text's stored file (by digest) and
        what of it (EditionDocument.texts)."""
        texts = tuple((before, str(self.cache.extract_path(file)), after, cut)
                      for (file, cut), (before, after) in zip(stored, self.holders))
        # The stored files are named by the digests of their bytes: the name covers what the document holds.
        name = digest(head, tail, *(part for before, path, after, cut in texts
                                    for part in (before, Path(path).name, after, cut if isinstance(cut, str)
                                                 else " ".join(sorted(cut)))))
        return EditionDocument(name, head, tail, texts)
