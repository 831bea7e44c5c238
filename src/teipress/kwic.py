"""The keyword-in-context of mentions, and what a text names and dates, read from a text at extract time.

A text's extract (:mod:`teipress.extract`) drops the running prose, but an entity's page quotes
each mention with the words around it. So, before the prose is dropped, every mention (an
element with ``@ref``) gets the words of its sentence before and after it, as the attributes
``tp:before`` and ``tp:after`` (xslt/html/entity.xsl shows them around the mention's own words),
and a number unique in its text, ``tp:n``, which stays when the contexts are dropped (the text's
shape): a set of entity pages is made from the shapes, its mentions' contexts given beside them by
that number (teipress.edition_document.Contexts).

The build also needs to know, without parsing a text again, which register entries it names and
which years it dates: each entity page and each year of the chronology is rebuilt only when a
text naming it changed (:mod:`teipress.entity_units`).
"""

from __future__ import annotations

import copy
import hashlib
import re

from lxml import etree

from .namespaces import TEI_NS, TP_NS

# The elements a snippet stays inside: the nearest of them around a mention.
_BLOCKS = frozenset(("p", "ab", "l", "head", "item", "cell", "note", "dateline", "salute", "signed", "opener",
                     "closer", "trailer", "byline", "addrLine", "speaker", "stage", "label", "caption", "desc",
                     "postscript", "argument", "epigraph", "docTitle", "titlePart"))
# Words a reader of the text does not read in its running text: notes (outside a note itself),
# variant readings, the source's errors and abbreviations beside their corrections, deletions.
_SKIPPED = frozenset(("note", "rdg", "rdgGrp", "witDetail", "fw", "figDesc", "del", "surplus", "metamark"))
_SKIPPED_IN_CHOICE = frozenset(("sic", "orig", "abbr"))
_BREAKS = frozenset(("lb", "pb", "cb"))
# How many characters of context at most on each side (cut at a word).
LIMIT = 160
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s")

BEFORE = f"{{{TP_NS}}}before"
AFTER = f"{{{TP_NS}}}after"
NUMBER = f"{{{TP_NS}}}n"


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def mark_contexts(text: etree._Element) -> None:
    """Give every mention inside ``text`` (a TEI ``text`` element, still whole) the words of
    its sentence before and after it (``tp:before``, ``tp:after``), as a reader reads them, and
    its number among them (``tp:n``: 1, 2 …).

    Each block is read once for all its mentions (a long paragraph may name hundreds)."""
    blocks: dict[etree._Element, list[etree._Element]] = {}
    for mention in text.iter():
        if not isinstance(mention.tag, str) or mention.get("ref") is None:
            continue
        block = next((a for a in mention.iterancestors() if _local(a) in _BLOCKS), mention.getparent())
        if block is not None:
            blocks.setdefault(block, []).append(mention)
    number = 0
    for block, mentions in blocks.items():
        words, spans = _read(block)
        for mention in mentions:
            number += 1
            # The three end the start tag in this order (edition_document reads them so): a source's own
            # attributes of these names, in teipress's namespace, are not its to give and would keep their place.
            for name in (NUMBER, BEFORE, AFTER):
                mention.attrib.pop(name, None)
            mention.set(NUMBER, str(number))
            # A mention the reader does not read in the block (in a variant reading, say) has
            # all the block's words before it, as a walk that never reaches it gathers them.
            start, end = spans.get(mention, (len(words), len(words)))
            mention.set(BEFORE, _tail_of_sentence(words[:start]))
            mention.set(AFTER, _head_of_sentence(words[end:]))


def _read(block: etree._Element) -> tuple[str, dict[etree._Element, tuple[int, int]]]:
    """Give the words of ``block`` as a reader reads them, and where each element read starts and ends in them."""
    parts: list[str] = []
    length = 0
    spans: dict[etree._Element, tuple[int, int]] = {}

    def add(words: str) -> None:
        nonlocal length
        parts.append(words)
        length += len(words)

    def walk(element: etree._Element) -> None:
        start = length
        if element.text:
            add(element.text)
        for child in element:
            if not isinstance(child.tag, str) or _skipped(child, block):
                pass
            elif _local(child) in _BREAKS:
                if child.get("break") != "no":
                    add(" ")
            else:
                walk(child)
            if child.tail:
                add(child.tail)
        spans[element] = (start, length)

    walk(block)
    return "".join(parts), spans


def without_contexts(root: etree._Element) -> etree._Element:
    """Give a copy of an extract without its mentions' contexts: what the pages that quote no
    context depend on (an edit of the prose around a name rebuilds only the entity's page)."""
    root = copy.deepcopy(root)
    for element in root.iter():
        if isinstance(element.tag, str):
            element.attrib.pop(BEFORE, None)
            element.attrib.pop(AFTER, None)
    etree.cleanup_namespaces(root)  # the contexts' namespace, now unused
    return root


def _skipped(element: etree._Element, block: etree._Element) -> bool:
    name = _local(element)
    parent = element.getparent()
    return (name in _SKIPPED and element is not block) or (
        name in _SKIPPED_IN_CHOICE and parent is not None and _local(parent) == "choice")


def _tail_of_sentence(words: str) -> str:
    """Give the end of ``words`` from the start of its last sentence (at most LIMIT characters,
    "… " before when cut), keeping one space at the end when it had one."""
    spaced = bool(words) and words[-1].isspace()
    words = " ".join(words.split())
    starts = [m.end() for m in _SENTENCE_END.finditer(words + " ")]
    starts = [s for s in starts if s < len(words)]
    if starts:
        words = words[starts[-1]:]
    if len(words) > LIMIT:
        cut = words[-LIMIT:]
        words = "… " + (cut.split(" ", 1)[1] if " " in cut else cut)
    return words + (" " if spaced and words else "")


def _head_of_sentence(words: str) -> str:
    """Give the start of ``words`` to the end of its first sentence (at most LIMIT characters,
    " …" after when cut), keeping one space at the start when it had one."""
    spaced = bool(words) and words[0].isspace()
    words = " ".join(words.split())
    end = _SENTENCE_END.search(words + " ")
    if end:
        words = words[:end.end()].rstrip()
    if len(words) > LIMIT:
        cut = words[:LIMIT]
        words = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + " …"
    return (" " if spaced and words else "") + words


def named_ids(text: etree._Element) -> list[str]:
    """Give the ids that the ``@ref`` pointers inside ``text`` name ("registers.xml#pers-x" and
    "#pers-x" name "pers-x"), sorted: a superset of the register entries the text mentions."""
    ids = set()
    for element in text.iter():
        if isinstance(element.tag, str):
            ids |= ref_ids(element)
    return sorted(ids)


def ref_ids(element: etree._Element) -> set[str]:
    """Give the ids the ``@ref`` of ``element`` names ("registers.xml#pers-x" and "#pers-x" name "pers-x")."""
    return ref_ids_of(element.get("ref") or "")


def ref_ids_of(ref: str) -> set[str]:
    """Give the ids a ``@ref`` value names (see :func:`ref_ids`)."""
    return {uri.rsplit("#", 1)[-1] for uri in ref.split()} - {""}


def context_digests(texts: list[etree._Element]) -> dict[str, str]:
    """Give, for each id the ``@ref`` pointers inside ``texts`` (TEI ``text`` elements of an
    extract) name, as :func:`named_ids` reads them, the digest of the contexts (``tp:before``,
    ``tp:after``) of the mentions naming it, in document order: what an entity's page quotes of
    a text besides the extract's shape (an edit of the prose around one name rebuilds that
    entity's page only)."""
    contexts: dict[str, list[str]] = {}
    for element in (e for text in texts for e in text.iter()):
        if isinstance(element.tag, str) and element.get("ref") is not None:
            quoted = f"{element.get(BEFORE, '')}\0{element.get(AFTER, '')}"
            for name in ref_ids(element):
                contexts.setdefault(name, []).append(quoted)
    return {name: hashlib.sha256("\1".join(quoted).encode("utf-8")).hexdigest()[:CONTEXT_DIGEST]
            for name, quoted in sorted(contexts.items())}


# How many hexadecimal digits of a context's digest are kept: 64 bits tell an edit from none (they
# key no file), and a letter names dozens of ids, each with its digest in the build's manifest,
# which every build reads and writes (64 digits made five sixths of it).
CONTEXT_DIGEST = 16


# The attributes a date's first day comes from, in order: as tp:date-start (xslt/common/namesdates.xsl).
_DATE_ATTRIBUTES = ("when", "from", "notBefore", "to", "notAfter")
_YEAR = re.compile(r"^\s*(\d{4})(-\d{2}(-\d{2})?)?")


def dated_years(text: etree._Element) -> list[str]:
    """Give the years in which the dates inside ``text`` start (as tp:date-start reads them), sorted."""
    years = set()
    for element in text.iter(f"{{{TEI_NS}}}date", f"{{{TEI_NS}}}time"):
        for name in _DATE_ATTRIBUTES:
            found = _YEAR.match(element.get(name) or "")
            if found:
                years.add(found.group(1))
                break
    return sorted(years)
