"""The plan stage: every unit of output a build makes, with the key of its inputs,
and which of them are stale (their key changed, or a file they wrote is missing or
was changed since).

The units, for the outputs of the build (:mod:`teipress.outputs`):

- ``<output>:<text>``: the files one output makes of one text; its key covers the
  text, the texts it links with, the registers, the introduction and the fingerprint
  (stylesheets, settings, outputs, teipress's version);
- ``pages``: the edition's pages and datasets made from the texts' extracts, and
  the static files; its key covers every extract, not the texts' prose;
- ``entity:<id>``, ``period:<period>``: an entry's page, a period of the chronology; its key
  covers the extracts of the texts that name or date it only (:mod:`teipress.entity_units`);
- ``book:<output>``: a file made from the whole texts (the volume, the EPUB);
- ``archive:<output>``: files gathered from the published site (the zip, the search index).
"""

from __future__ import annotations

from dataclasses import dataclass

from .cache import BuildCache
from .entity_units import page_units
from .extract import digest
from .scan import Scan, Source

PAGES = "pages"
ARCHIVE = "archive:"


def text_unit(output: str, source: Source) -> str:
    """Give the name of the unit of ``output``'s files of one text."""
    return f"{output}:{source.key}"


@dataclass
class Plan:
    """The units of a build by name with their keys, the stale ones, and what each stale unit
    wrote last time (files it no longer writes are removed once the build is published)."""

    units: dict[str, str]
    stale: set[str]
    previous: dict[str, set[str]]
    text_outputs: tuple[str, ...]  # the outputs made per text
    stale_texts: list[Source]

    def transforms_texts_only(self) -> bool:
        """True when no stale unit but the texts' runs a stylesheet: the archives are gathered
        from files, the pages, entities, periods and books are transformed."""
        texts = {text_unit(name, source) for name in self.text_outputs for source in self.stale_texts}
        return all(name in texts or name.startswith(ARCHIVE) for name in self.stale)

    def stale_outputs(self, source: Source) -> tuple[str, ...]:
        """Give the outputs whose files of ``source`` are stale."""
        return tuple(name for name in self.text_outputs if text_unit(name, source) in self.stale)


def plan(found: Scan, outputs, cache: BuildCache, fingerprint: str) -> Plan:
    """Give the plan of building ``outputs`` from what the scan ``found``."""
    texts, linked = found.texts, found.linked
    shared = digest(fingerprint, *[part for s in [*found.registers, *found.introductions] for part in (s.copy, s.info.hash)])
    # The edition's pages quote no mention's context (only an entity's page does): an edit of the prose around a name leaves them.
    extracts = digest(shared, PAGES, *[p for s in texts for p in (s.copy, s.text_id, str(s.position), s.info.shape or s.info.extract)],
                      *[p for s in found.collections for p in (s.copy, s.info.hash)])
    whole = digest(shared, "whole", *[p for s in texts for p in (s.copy, s.text_id, str(s.position), s.info.hash)])
    units: dict[str, str] = {}
    text_outputs = tuple(output.name for output in outputs if output.per_text)
    for name in text_outputs:
        for s in texts:
            units[text_unit(name, s)] = digest(
                shared, name, s.info.hash, s.text_id, str(s.position), s.copy,
                *[p for other in linked[s.key] for p in (other.copy, other.info.hash, other.text_id, str(other.position))])
    if any(output.has_pages([]) for output in outputs):
        units[PAGES] = digest(extracts, *[o.name for o in outputs])
    if any(getattr(output, "entity_pages", False) for output in outputs):
        # An entity's page and a period's page: units of their own, each keyed by the texts it depends on.
        units.update(page_units(found, digest(shared, PAGES, *[o.name for o in outputs])))
    for output in outputs:
        if output.has_book:
            units[f"book:{output.name}"] = digest(whole, output.name)
        if output.has_archive:
            units[f"{ARCHIVE}{output.name}"] = digest(whole, extracts, output.name)
    # A text no longer in the edition keeps its old files (teipress never deletes
    # what it did not replace: building one file into the output must not remove the others).
    stale = {name for name, key in units.items() if not cache.is_current(name, key)}
    previous = {name: set(cache.units[name].files) for name in stale if name in cache.units}
    stale_texts = [s for s in texts if any(text_unit(name, s) in stale for name in text_outputs)]
    return Plan(units, stale, previous, text_outputs, stale_texts)
