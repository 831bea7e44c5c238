"""The edition documents the edition's pages are made from, assembled by the process that parses them.

An edition document (``tp:edition``) holds the registers and the introduction whole, each collection
(teiCorpus) with its header, the books of the build, and every text as its stored extract (a text of a
collection says which). Only the entity pages quote the words around each mention (the contexts,
teipress.kwic: two thirds of an extract), so every page is made from one document of the texts'
shapes (their extracts without contexts), which each worker parses once; a set of entity pages gets
beside it the contexts of its own entries' mentions (:class:`Contexts`, the stylesheet's ``kwic``
parameter), read by the worker from the stored extracts of the texts that name them and keyed by
each mention's number in its text (``tp:n``, teipress.kwic). So a set costs no document of its own:
at 10,000 letters those were ~50 MB each, 28 of them, parsed and indexed one after the other.

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
from .kwic import AFTER, BEFORE, NUMBER, ref_ids_of
from .extract import TP_NS, collection_element, digest, edition_element, output_names, registers_element, serialize

_EXTRACT_HERE = "teipress: the extract goes here"
# A mention's number and contexts in a stored extract (lxml wrote it, the tp namespace declared on the root:
# extract rule 4, each attribute value escaped), after its other attributes (teipress.kwic.mark_contexts);
# and its @ref there.
_CONTEXTS = re.compile(rb'<[^<>!?/][^<>]*? tp:n="(\d+)" tp:before="([^"]*)" tp:after="([^"]*)"')
_REF = re.compile(rb'\sref="([^"]*)"')
_TP_ON_ROOT = b'xmlns:tp="https://teipress.org/ns"'


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
            and ref_ids_of(e.get("ref", "")) & entries]


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
    # Each text: its holder's start, its stored file, its holder's end.
    texts: tuple[tuple[bytes, str, bytes], ...]

    def data(self) -> bytes:
        """Give the document's bytes, read from the stored files (written by lxml, from files that
        parsed safely)."""
        parts = [self.head]
        for before, path, after in self.texts:
            parts += [before, Path(path).read_bytes(), after]
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

    def _split(self) -> tuple[bytes, bytes]:
        """Give the edition element with its first children, split where the texts go."""
        head, _, tail = serialize(self.edition).decode("utf-8").rpartition("<tp:texts-here/>")
        return head.encode("utf-8"), tail.encode("utf-8")

    def document(self, contexts: bool) -> EditionDocument:
        """Give the edition document of the texts' whole extracts (``contexts``) or of their shapes."""
        if contexts not in self._made:
            self._made[contexts] = self._document(self.head, self.tail, [
                source.info.extract if contexts else source.info.shape or source.info.extract
                for source in self.found.texts])
        return self._made[contexts]

    def paired(self, job) -> tuple[EditionDocument, object]:
        """Give a page job with the edition document it is made from: that of the shapes, or of the
        whole extracts for a job that quotes the contexts itself (PageJob.quotes_contexts); a set of
        entity pages with that of the shapes, the contexts of its entries' mentions given to the job
        (:class:`Contexts`, PageSetJob.contexts)."""
        if not job.entries:
            return self.document(job.quotes_contexts), job
        if self._naming is None:
            self._naming = entry_texts(self.found)
        entries = frozenset(job.entries)
        needed = {source.key for entry in entries for source in self._naming.get(entry, ())}
        texts = tuple((source.text_id, str(self.cache.extract_path(source.info.extract)))
                      for source in self.found.texts if source.key in needed)
        return self.document(False), replace(job, contexts=Contexts(entries, texts))

    def _document(self, head: bytes, tail: bytes, stored: list[str]) -> EditionDocument:
        """Give the edition document of ``head``, ``tail`` and each text's stored file (by digest)."""
        texts = tuple((before, str(self.cache.extract_path(file)), after)
                      for file, (before, after) in zip(stored, self.holders))
        # The stored files are named by the digests of their bytes: the name covers what the document holds.
        name = digest(head, tail, *(part for before, path, after in texts for part in (before, Path(path).name, after)))
        return EditionDocument(name, head, tail, texts)
