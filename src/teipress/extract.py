"""The source documents of the stylesheets, cut to what each output needs.

A text's page needs that text, the registers and the texts it links with; the
edition's pages (index, registers, chronology, data) need every text's header
and the places where it names, dates and points, but not its running prose.
Giving each transformation only that keeps the cost of a page independent of
the size of the edition, and lets a build skip the edition's pages when an
edit changed no extract.
"""

from __future__ import annotations

import copy
import hashlib

from lxml import etree

from .config import Settings
from .conventions import mark_epidoc
from .document import Document
from .kwic import mark_contexts
from .namespaces import TEI_NS, TP_NS
from .vendor_leaflet import leaflet_files

# Bump when the extract rule changes: cached extracts of an older rule are then not reused.
EXTRACT_VERSION = "6"

# Elements of a text kept whole in its extract: what the edition's pages quote
# (mentions with @ref, dates, an apparatus entry as the example of How to read),
# and headings.
_KEPT_WHOLE = frozenset(f"{{{TEI_NS}}}{name}" for name in ("date", "time", "head", "app"))


def output_names(text_id: str, name: str, outputs=None) -> dict[str, str]:
    """Give the output-relative files of a text that pages link, by link name (``html``,
    ``pdf``, ``tei`` …): those ``outputs`` make (default: every registered output);
    ``name`` is the path of its TEI copy (Document.copy_name)."""
    from .outputs import registered, text_links

    return text_links(registered().values() if outputs is None else outputs, text_id, name)


def edition_element(settings: Settings) -> etree._Element:
    """Give a ``tp:edition`` element carrying the edition's settings: title, URL, build
    date, interface language (read by xslt/common/l10n.xsl) and, when given, the rendering conventions (teipress.conventions) as attributes; the editors and the licence of ``teipress.toml``, when
    given, as TEI ``editor`` and ``licence`` elements in ``tp:settings`` (the stylesheets
    name them before what the files' headers say)."""
    edition = etree.Element(
        f"{{{TP_NS}}}edition",
        nsmap={"tp": TP_NS},
        title=settings.title,
        url=settings.url,
        language=settings.language,
        **{"build-date": settings.build_date},
    )
    # The maps: the tiles and their attribution ([map]), and "leaflet" when the interactive map can be drawn
    # (tiles and Leaflet both there), else "svg": the map drawn at build time (html/map.xsl).
    edition.set("map-tiles", settings.map_tiles)
    edition.set("map-attribution", settings.map_attribution)
    edition.set("map-viewer", "leaflet" if settings.map_tiles and leaflet_files() else "svg")
    if settings.conventions:  # only when given: without it each text's kind decides (teipress.conventions)
        edition.set("conventions", settings.conventions)
    if settings.editors or settings.licence:
        holder = etree.SubElement(edition, f"{{{TP_NS}}}settings")
        for name in settings.editors:
            etree.SubElement(holder, f"{{{TEI_NS}}}editor", nsmap={None: TEI_NS}).text = name
        if settings.licence:
            element = etree.SubElement(holder, f"{{{TEI_NS}}}licence", nsmap={None: TEI_NS})
            element.text = settings.licence
            if settings.licence.startswith(("http://", "https://")):
                element.set("target", settings.licence)
    return edition


def registers_element(document: Document) -> etree._Element:
    """Give the ``tp:registers`` holder of a copy of a register file."""
    holder = etree.Element(f"{{{TP_NS}}}registers", src=document.copy_name, nsmap={"tp": TP_NS})
    holder.append(copy.deepcopy(document.root))
    return holder


def text_element(document: Document, position: int, root: etree._Element | None = None,
                 text_id: str | None = None, links: dict[str, str] | None = None) -> etree._Element:
    """Give the ``tp:text`` holder of a text at ``position`` (1-based) in the edition,
    holding a copy of ``root`` (default: the text's whole TEI element), named
    ``text_id`` (default: the document's id), with the files of it that pages link
    (``links``, see output_names; default: those of every registered output)."""
    text_id = text_id or document.id
    holder = etree.Element(
        f"{{{TP_NS}}}text",
        nsmap={"tp": TP_NS},
        id=text_id,
        n=str(position),
        src=document.copy_name,
        **(output_names(text_id, document.copy_name) if links is None else links),
    )
    holder.append(mark_epidoc(document, copy.deepcopy(document.root if root is None else root)))
    return holder


def collection_element(document: Document, collection_id: str, copy_name: str) -> etree._Element:
    """Give the ``tp:collection`` holder of a teiCorpus file: its page's id and file, and a copy
    of the corpus's own teiHeader (its texts are ``tp:text`` elements with ``@collection``)."""
    holder = etree.Element(f"{{{TP_NS}}}collection", nsmap={"tp": TP_NS}, id=collection_id,
                           src=copy_name, html=f"{collection_id}.html")
    corpus = etree.SubElement(holder, f"{{{TEI_NS}}}teiCorpus")
    header = document.root.find(f"{{{TEI_NS}}}teiHeader")
    if header is not None:
        corpus.append(copy.deepcopy(header))
    return holder


def text_extract(document: Document) -> etree._Element:
    """Give a copy of a text's TEI element with its header whole and, in its
    ``text``, every element and attribute but only the words of mentions
    (elements with ``@ref``), dates, apparatus entries and headings; each
    mention carries the words of its sentence around it (teipress.kwic).

    Every element stays where it was, so what the stylesheets count (numbered
    paragraphs, notes, apparatus entries, mentions) and every locus label
    come out as from the whole text."""
    root = mark_epidoc(document, copy.deepcopy(document.root))
    for text in root.iterchildren(f"{{{TEI_NS}}}text"):
        mark_contexts(text)
        _strip(text)
    # lxml declares the namespace of the mentions' contexts on each mention (ns0, ns1 … ns80): once
    # on the root instead, unless the text binds "tp" to another namespace there. A quarter of a
    # shape's bytes, and as many namespace bindings fewer in each page's edition document.
    prefixes = root.nsmap
    etree.cleanup_namespaces(root, top_nsmap={"tp": TP_NS} if prefixes.get("tp", TP_NS) == TP_NS else None)
    return root


def _strip(element: etree._Element) -> None:
    element.text = None
    for child in element:
        child.tail = None
        if not isinstance(child.tag, str):
            continue  # a comment or processing instruction: no words of the text
        if child.tag in _KEPT_WHOLE or child.get("ref") is not None:
            continue
        _strip(child)
    # Comments and processing instructions are no words either, and not counted.
    for child in [c for c in element if not isinstance(c.tag, str)]:
        element.remove(child)


def serialize(element: etree._Element) -> bytes:
    """Give the canonical bytes of an element (for caching and hashing)."""
    return etree.tostring(element, encoding="utf-8")


def digest(*parts: bytes | str) -> str:
    """Give the SHA-256 hex digest of ``parts`` (each length-prefixed, so no two lists collide)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()
