"""Files for harvesters (``harvest/harvest.xsl``): an OAI-PMH Static Repository of the texts'
Dublin Core (``oai.xml``) and BEACON files of the registers' persons by authority
(``beacon-wikidata.txt``, ``beacon-gnd.txt``, ``beacon-viaf.txt``). Their links must be
absolute: they are made only when the edition has a url (else the build warns)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..outputs import Output
from . import PageJob, atomic_write

STYLESHEET = "harvest/harvest.xsl"
OAI_FILE = "oai.xml"
# The authorities of BEACON files, by the idno/@type of the registers' persons that gives them.
AUTHORITIES = ("wikidata", "gnd", "viaf")


@dataclass(frozen=True)
class OptionalJob(PageJob):
    """A file that is written only when the stylesheet gives it content (a BEACON file of an
    authority no person has, a static repository without a contact email: none)."""

    def run(self, stylesheets, node, out: Path) -> list[Path]:
        content = stylesheets.run(self.stylesheet, node, dict(self.parameters), label=self.label)
        return [atomic_write(out / self.target, content)] if content.strip() else []


class HarvestOutput(Output):
    """``oai.xml`` and ``beacon-*.txt``, from the edition document of the extracts."""

    name = "harvest"
    stylesheets = (STYLESHEET,)
    summary = "files for harvesters: an OAI-PMH static repository (Dublin Core), BEACON files of authority ids"
    reads_links = ("html",)  # a record's identifier and a BEACON target are web pages

    def page_jobs(self, registers) -> list[PageJob]:
        jobs = [OptionalJob(STYLESHEET, (("file", "oai"),), OAI_FILE, "the OAI-PMH static repository", needs_url=True,
                            unwritten="an OAI-PMH repository needs a contact address (adminEmail): give an email "
                                      "in a file's publicationStmt/address")]
        jobs += [OptionalJob(STYLESHEET, (("file", f"beacon-{authority}"),), f"beacon-{authority}.txt",
                             f"the BEACON file of {authority} ids", needs_url=True) for authority in AUTHORITIES]
        return jobs
