"""The edition document: every text and register of a corpus in one tree, the
single source document of the HTML and print stylesheets."""

from __future__ import annotations

import copy

from lxml import etree

from . import lists
from .config import Settings
from .corpus import Corpus
from .document import TEI_NS
from .kwic import dated_years
from .entity_units import chronology_periods
from .extract import TP_NS, edition_element, output_names, registers_element, text_element


# Register pages and the TEI elements whose entries they list (xslt/common/lists.xml).
REGISTER_PAGES = lists.register_pages()


def edition_tree(corpus: Corpus, settings: Settings, outputs=None) -> etree._Element:
    """Give the ``tp:edition`` element wrapping copies of the corpus's registers and texts,
    each text with the files of it that ``outputs`` make (default: every registered output)."""
    edition = edition_element(settings)
    add_introduction(edition, corpus.introductions, settings)
    for register in corpus.registers:
        edition.append(registers_element(register))
    for position, text in enumerate(corpus.texts, start=1):
        edition.append(text_element(text, position, text_id=text.id,
                                    links=output_names(text.id, text.copy_name, outputs)))
    # The chronology's periods, decided as for the edition document of the extracts (teipress.entity_units).
    edition.set("chronology-periods", chronology_periods(
        y for text in corpus.texts for body in text.root.iterchildren(f"{{{TEI_NS}}}text") for y in dated_years(body)))
    return edition


def add_introduction(edition: etree._Element, introductions, settings: Settings) -> None:
    """Add the home page's introduction to ``edition``: the text with the id "introduction"
    (the first of ``introductions``), else the settings' introduction, one tp:p per
    paragraph (paragraphs separated by blank lines)."""
    paragraphs = [" ".join(p.split()) for p in settings.introduction.split("\n\n") if p.strip()]
    if introductions:
        intro = etree.SubElement(edition, f"{{{TP_NS}}}introduction", src=introductions[0].copy_name)
        intro.append(copy.deepcopy(introductions[0].root))
    elif paragraphs:
        intro = etree.SubElement(edition, f"{{{TP_NS}}}introduction")
        for paragraph in paragraphs:
            etree.SubElement(intro, f"{{{TP_NS}}}p").text = paragraph


def register_pages(registers) -> list[str]:
    """Give the names of the register pages that the register documents ``registers`` (or a Corpus's) have entries for."""
    registers = registers.registers if isinstance(registers, Corpus) else registers
    pages = []
    for page, element in REGISTER_PAGES.items():
        if any(r.root.find(f".//{{{TEI_NS}}}standOff//{{{TEI_NS}}}{element}") is not None for r in registers):
            pages.append(page)
    return pages
