"""The edition documents the edition's pages are made from, assembled by the process that parses them.

An edition document (``tp:edition``) holds the registers and the introduction whole, each collection
(teiCorpus) with its header, the books of the build, and every text as its stored extract (a text of a
collection says which). Only the entity pages quote the words around each mention (the contexts,
teipress.kwic: two thirds of an extract), so there are two documents:

- the texts' shapes (their extracts without contexts), for every page but an entity's: the index,
  the registers, the chronology, the data …;
- the whole extracts, for the sets of entity pages.

The build describes each document (:class:`EditionDocument`: its pieces and the stored files of its
texts, a few hundred bytes per text) and each worker that needs it reads the files and parses it, once:
the build's process writes none of them, and the workers do not wait for it to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .document import load
from .edition import add_introduction
from .entity_units import chronology_periods
from .extract import TP_NS, collection_element, digest, edition_element, output_names, registers_element, serialize

_EXTRACT_HERE = "teipress: the extract goes here"


@dataclass(frozen=True)
class EditionDocument:
    """One edition document of the pages, as pieces: ``head`` and ``tail`` around the texts, and for
    each text its holder's start and end around the stored file of its extract or its shape.
    ``name`` is the digest of all of it: a worker parses a document of that name once."""

    name: str
    head: bytes
    tail: bytes
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
        # The edition element with its first children, split where the texts go.
        etree.SubElement(edition, f"{{{TP_NS}}}texts-here")
        head, _, tail = serialize(edition).decode("utf-8").rpartition("<tp:texts-here/>")
        self.head, self.tail = head.encode("utf-8"), tail.encode("utf-8")
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

    def document(self, contexts: bool) -> EditionDocument:
        """Give the edition document of the texts' whole extracts (``contexts``) or of their shapes."""
        if contexts not in self._made:
            texts = tuple((before, str(self.cache.extract_path(source.info.extract if contexts else source.info.shape)), after)
                          for source, (before, after) in zip(self.found.texts, self.holders))
            # The stored files are named by the digests of their bytes: the name covers what the document holds.
            name = digest(self.head, self.tail, *(part for before, path, after in texts
                                                  for part in (before, Path(path).name, after)))
            self._made[contexts] = EditionDocument(name, self.head, self.tail, texts)
        return self._made[contexts]
