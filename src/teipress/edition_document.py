"""The edition documents the edition's pages are made from, assembled by the process that parses them.

An edition document (``tp:edition``) holds the registers and the introduction whole, each collection
(teiCorpus) with its header, the books of the build, and every text as its stored extract (a text of a
collection says which). Only the entity pages quote the words around each mention (the contexts,
teipress.kwic: two thirds of an extract), so every page is made from one document of the texts'
shapes (their extracts without contexts), which each worker parses once; a set of entity pages gets
beside it the contexts of its own entries' mentions (:class:`Contexts`, the stylesheet's ``kwic``
parameter), read by the worker from the stored extracts of the texts that name them and keyed by
each mention's number in its text (``tp:n``, teipress.kwic). So a set of a cold build costs no
document of its own: at 10,000 letters those were ~50 MB each, 28 of them, parsed and indexed one
after the other. A set whose texts are few (at most :data:`OWN_DOCUMENT_SHARE` of them: the pages of
the entries one saved text names) gets a small document of its own instead, rather than the whole
shapes: its texts' shapes and every other text's header (the site's navigation asks whether the
edition has letters), the entries that have a page declared (``@published-entries``), as the
texts that would show it are not there.

The build describes each document (:class:`EditionDocument`: its pieces and the stored files of its
texts, a few hundred bytes per text) and each worker that needs it reads the files and parses it, once:
the build's process writes none of them, and the workers do not wait for it to.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from .document import load
from .edition import add_introduction
from .entity_units import chronology_periods, entry_texts
from .kwic import AFTER, BEFORE, NUMBER, ref_ids, ref_ids_of
from .extract import TP_NS, collection_element, digest, edition_element, output_names, registers_element, serialize

_EXTRACT_HERE = "teipress: the extract goes here"
# A set of entity pages whose texts are at most this share of the edition's gets a document of its own.
# One letter saved among 1,000, next to a name: 2.7 s with one, 3.6 s with the whole shapes.
OWN_DOCUMENT_SHARE = 0.25
# The end of a stored extract's header (lxml wrote it: the TEI element's first child, its prefix if any).
_HEADER_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?teiHeader>")
# A mention's number and contexts in a stored extract (lxml wrote it, the tp namespace declared on the root:
# extract rule 4, each attribute value escaped), after its other attributes (teipress.kwic.mark_contexts);
# and its @ref there.
_CONTEXTS = re.compile(rb'<[^<>!?/][^<>]*? tp:n="(\d+)" tp:before="([^"]*)" tp:after="([^"]*)"')
_REF = re.compile(rb'\sref="([^"]*)"')
_TP_ON_ROOT = b'xmlns:tp="https://teipress.org/ns"'


def header_only(data: bytes) -> bytes:
    """Give a stored extract (or shape) cut to its TEI element with the header alone; as it is when
    it has no header (it then names none of the set's entries either: only more of it is parsed)."""
    end, close = _HEADER_END.search(data), data.rfind(b"</")
    if end is None or close < end.end():
        return data
    return data[:end.end()] + data[close:]


def contexts_in(data: bytes, entries: frozenset[str]) -> list[tuple[str, str, str]]:
    """Give the number, the words before and the words after of each mention in a stored extract
    ``data`` that names one of ``entries`` (teipress.kwic.ref_ids_of reads the ids of @ref). An
    extract whose root does not declare the tp namespace (its text binds the prefix elsewhere) is
    parsed instead of read by the pattern."""
    if _TP_ON_ROOT not in data[:data.find(b">") + 1]:
        return _parsed_contexts(data, entries)
    found = []
    for mention in _CONTEXTS.finditer(data):
        ref = _REF.search(mention.group(0))
        if ref and ref_ids_of(html.unescape(ref.group(1).decode("utf-8"))) & entries:
            number, before, after = (html.unescape(part.decode("utf-8")) for part in mention.groups())
            found.append((number, before, after))
    return found


def _parsed_contexts(data: bytes, entries: frozenset[str]) -> list[tuple[str, str, str]]:
    """:func:`contexts_in` by parsing (the extract was written by lxml from a file that parsed safely)."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    return [(e.get(NUMBER), e.get(BEFORE), e.get(AFTER)) for e in root.iter()
            if isinstance(e.tag, str) and e.get(NUMBER) is not None and e.get(BEFORE) is not None
            and ref_ids(e) & entries]


@dataclass(frozen=True)
class Contexts:
    """The contexts of the mentions of a set's ``entries``: for each text that names one of them,
    its id and the stored file of its extract. The worker making the set's pages reads them
    (:meth:`json`), so the build's process reads no extract for it."""

    entries: frozenset[str]
    texts: tuple[tuple[str, str], ...]

    def json(self) -> str:
        """Give the contexts as html/entity.xsl's ``kwic`` parameter reads them: a JSON object whose
        keys are a text's id and a mention's number ("letter-1 12"), its values [before, after]."""
        found = {f"{text_id} {number}": [before, after] for text_id, path in self.texts
                 for number, before, after in contexts_in(Path(path).read_bytes(), self.entries)}
        return json.dumps(found, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class EditionDocument:
    """One edition document of the pages, as pieces: ``head`` and ``tail`` around the texts, and for
    each text its holder's start and end around the stored file of its extract or its shape.
    ``name`` is the digest of all of it: a worker parses a document of that name once."""

    name: str
    head: bytes
    tail: bytes
    # Each text: its holder's start, its stored file, its holder's end, and whether only its header is wanted.
    texts: tuple[tuple[bytes, str, bytes, bool], ...]

    def data(self) -> bytes:
        """Give the document's bytes, read from the stored files (written by lxml, from files that
        parsed safely)."""
        parts = [self.head]
        for before, path, after, header in self.texts:
            data = Path(path).read_bytes()
            parts += [before, header_only(data) if header else data, after]
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
                (source.info.extract if contexts else source.info.shape or source.info.extract, False)
                for source in self.found.texts])
        return self._made[contexts]

    def paired(self, job) -> tuple[EditionDocument, object]:
        """Give a page job with the edition document it is made from: that of the shapes, or of the
        whole extracts for a job that quotes the contexts itself (PageJob.quotes_contexts); a set of
        entity pages with that of the shapes, or its own when its texts are few (see the module's
        doc), the contexts of its entries' mentions given to the job (:class:`Contexts`)."""
        if not job.entries:
            return self.document(job.quotes_contexts), job
        if self._naming is None:
            self._naming = entry_texts(self.found)
            self.edition.set("published-entries", " ".join(sorted(self._naming)))
            self._own_head = self._split()
            del self.edition.attrib["published-entries"]
        entries = frozenset(job.entries)
        needed = {source.key for entry in entries for source in self._naming.get(entry, ())}
        texts = tuple((source.text_id, str(self.cache.extract_path(source.info.extract)))
                      for source in self.found.texts if source.key in needed)
        job = replace(job, contexts=Contexts(entries, texts))
        if len(needed) > OWN_DOCUMENT_SHARE * len(self.found.texts):
            return self.document(False), job
        head, tail = self._own_head
        return self._document(head, tail, [(source.info.shape or source.info.extract, source.key not in needed)
                                           for source in self.found.texts]), job

    def _document(self, head: bytes, tail: bytes, stored: list[tuple[str, bool]]) -> EditionDocument:
        """Give the edition document of ``head``, ``tail`` and each text's stored file (by digest),
        whole or its header only."""
        texts = tuple((before, str(self.cache.extract_path(file)), after, header)
                      for (file, header), (before, after) in zip(stored, self.holders))
        # The stored files are named by the digests of their bytes: the name covers what the document holds.
        name = digest(head, tail, *(part for before, path, after, header in texts
                                    for part in (before, Path(path).name, after, "header" if header else "whole")))
        return EditionDocument(name, head, tail, texts)
