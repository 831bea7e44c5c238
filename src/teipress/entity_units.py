"""The units of the pages that depend on a few texts only: an entity's page, a period of the chronology.

An entity's page (xslt/html/entity.xsl) is made from its register entry and the texts that
name it; a period's page (xslt/html/chronology.xsl) from the texts whose dates fall in it.
Each is a unit of its own (``entity:<id>``, ``period:<period>``) whose key covers the
registers, the build's fingerprint and outputs, the entries the texts name, and what the page
quotes of only those texts (:func:`page_units`), so one touched text rebuilds the pages of the
entries and periods it names whose quotes changed, not the others.
What a text names and dates is known from the scan (SourceInfo.names, .years: teipress.kwic),
and a register's entries from its SourceInfo.names (:func:`entry_ids`), so the plan parses nothing.

The pages are made in sets (``html/entities.xsl``, one transformation for up to
:data:`SET_SIZE` pages), the sets spread over the build's workers.
"""

from __future__ import annotations

import math
from pathlib import Path

from lxml import etree

from .extract import digest
from .lists import lists_root
from .namespaces import TEI_NS

ENTITY = "entity:"
PERIOD = "period:"
# How many pages one transformation makes: the look-ups are built once for them.
SET_SIZE = 100
# A chronology spanning more years than this has a page per decade, else a page per year.
DECADES_FROM = 40

_TP = "{https://teipress.org/ns}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def entry_elements(root: etree._Element) -> list[etree._Element]:
    """Give the register entries of a register file with an xml:id (every kind of
    xslt/common/lists.xml: an entry element inside its kind's list element), each once."""
    found: dict[etree._Element, None] = {}
    for kind in lists_root().iter(f"{_TP}kind"):
        entries = {f"{{{TEI_NS}}}{name}" for name in kind.get("entries", "").split()}
        for holder in root.iter(f"{{{TEI_NS}}}{kind.get('list')}"):
            found.update((e, None) for e in holder.iter(*entries) if e.get(XML_ID))
    return list(found)


def entry_ids(root: etree._Element) -> list[str]:
    """Give the xml:ids of the register entries of a register file (:func:`entry_elements`), sorted."""
    return sorted({e.get(XML_ID) for e in entry_elements(root)})


def periods(years) -> dict[str, str]:
    """Give each year of ``years`` ("1940") its period of the chronology: the year itself, or its
    decade ("1940-1949") when the years span more than DECADES_FROM years."""
    years = sorted(set(years))
    if not years:
        return {}
    if int(years[-1]) - int(years[0]) + 1 <= DECADES_FROM:
        return {year: year for year in years}
    return {year: f"{year[:3]}0-{year[:3]}9" for year in years}


def chronology_periods(years) -> str:
    """Give the periods of a chronology whose dates start in ``years``, in time order, as the
    edition document states them (``tp:edition/@chronology-periods``, read by xslt/html/chronology.xsl)."""
    return " ".join(sorted(set(periods(years).values())))


def entry_texts(found) -> dict[str, list]:
    """Give each register entry a text names its page's texts, in edition order: those that name it
    and the letters it sent or received (the page lists them), whether their text names it or not.
    Its keys are the entries with a page (xslt/common/namesdates.xsl: tp:is-published)."""
    entries = {i for s in found.registers for i in s.info.names}
    named = {name for source in found.texts for name in source.info.names if name in entries}
    naming: dict[str, list] = {}
    for source in found.texts:
        for name in sorted(named.intersection({*source.info.names, *source.info.correspondents})):
            naming.setdefault(name, []).append(source)
    return naming


def page_units(found, base: str) -> dict[str, str]:
    """Give the units of the entity pages and the periods' pages of the edition ``found`` by name,
    each with its key: ``base`` (the registers, fingerprint, outputs), the entries the texts name
    (which register pages and entity links the site has), and what the pages quote of the texts
    they depend on: each text's extract without the mentions' contexts (its shape), and for an
    entity's page the contexts of the mentions naming it. An edit of the prose around a name
    rebuilds that entity's page, no other entity's and no period's."""
    naming = entry_texts(found)
    base = digest(base, *sorted(naming))
    # Each text's part of the keys is made once (a text names dozens of entries, an entry is named by thousands of texts).
    part = {source.key: digest(source.copy, source.text_id, str(source.position), source.info.shape or source.info.extract)
            for source in found.texts}
    units = {f"{ENTITY}{name}": digest(base, ENTITY, name, "".join(
        f"{part[s.key]}{s.info.contexts.get(name, '-')}" for s in texts)) for name, texts in naming.items()}
    period_of = periods(y for s in found.texts for y in s.info.years)
    every = " ".join(sorted(set(period_of.values())))
    dating: dict[str, list] = {}
    for source in found.texts:
        for period in sorted({period_of[y] for y in source.info.years}):
            dating.setdefault(period, []).append(source)
    units.update({f"{PERIOD}{period}": digest(base, PERIOD, period, every, "".join(part[s.key] for s in texts))
                  for period, texts in dating.items()})
    return units


def is_page_unit(name: str) -> bool:
    """True for the name of an entity's or a period's unit."""
    return name.startswith((ENTITY, PERIOD))


def set_parameters(stale: list[str], workers: int = 1) -> list[tuple[tuple[str, str], ...]]:
    """Give the parameters of html/entities.xsl for the stale units ``stale``: sets of even sizes, at
    most SET_SIZE pages each, of each kind a multiple of ``workers`` sets where it has the pages."""
    entities = sorted(name[len(ENTITY):] for name in stale if name.startswith(ENTITY))
    chosen = sorted(name[len(PERIOD):] for name in stale if name.startswith(PERIOD))
    sets = []
    workers = max(workers, 1)
    for kind, names in (("entities", entities), ("periods", chosen)):
        # Sets of even sizes, as many as a multiple of the workers (3 sets on 2 workers leave one idle a third of the time).
        needed = math.ceil(len(names) / SET_SIZE)
        count = min(len(names), math.ceil(max(needed, workers) / workers) * workers)
        for n in range(count):
            ids = names[n * len(names) // count:(n + 1) * len(names) // count]
            sets.append((("set", kind), ("ids", " ".join(ids))))
    return sets


def unit_of(path: Path, stale: set[str]) -> str:
    """Give the unit of a page a set wrote (its file is named after its entry's id or its period:
    tp:entity-file, tp:period-file), among the ``stale`` units; "" when none."""
    for prefix in (ENTITY, PERIOD):
        if f"{prefix}{path.stem}" in stale:
            return f"{prefix}{path.stem}"
    return ""
