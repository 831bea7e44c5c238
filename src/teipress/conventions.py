"""Rendering conventions: which signs the outputs use for the editors' interventions.

``[render] conventions`` of ``teipress.toml`` names one for the whole edition:

- ``default``: teipress's own rendering (supplied text in ⟨ ⟩, a gap as […]);
- ``leiden``: the Leiden conventions of epigraphers and papyrologists, as the EpiDoc
  Guidelines give them (lost text restored in [ ], omitted by the scribe in ⟨ ⟩, an
  abbreviation's expansion in ( ), a lacuna as [- - -] or a dot per letter, unclear
  letters with a dot below, erasures in ⟦ ⟧, superfluous letters in { }, line numbers);
- ``diplomatic``: the text as the source has it (abbreviations, spellings, errors as
  written, nothing supplied), opened in the diplomatic view, with the signs of what the
  source does not let one read (lacunae, unclear letters, erasures).

Without the setting an EpiDoc text (one with a ``div[@type='edition']`` or an
``<?xml-model?>`` naming an EpiDoc schema) takes Leiden and any other text the default.
The setting reaches the stylesheets as ``tp:edition/@conventions``, the EpiDoc mark as
``@tp:epidoc`` on the copy of the text's root; ``xslt/common/conventions.xsl`` decides.
"""

from __future__ import annotations

from lxml import etree

from .namespaces import TEI_NS, TP_NS

CONVENTIONS = ("default", "leiden", "diplomatic")

# The attribute that marks the copy of an EpiDoc text's root element for the stylesheets.
EPIDOC_MARK = f"{{{TP_NS}}}epidoc"


def is_epidoc(document) -> bool:
    """True when the Document is an EpiDoc text: an ``edition`` div in its text, or an
    ``<?xml-model?>`` whose href names an EpiDoc schema (tei-epidoc.rng and the like)."""
    from .models import xml_models  # validation's module; imported here, where it is needed

    root = document.root
    if root.find(f"{{{TEI_NS}}}text//{{{TEI_NS}}}div[@type='edition']") is not None:
        return True
    return any("epidoc" in model.href.lower() for model in xml_models(document))


def mark_epidoc(document, copy: etree._Element) -> etree._Element:
    """Give ``copy`` (a copy of the document's root) marked as EpiDoc when the document is."""
    if is_epidoc(document):
        copy.set(EPIDOC_MARK, "true")
    return copy
