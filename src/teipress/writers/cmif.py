"""The letters' metadata for correspSearch (``cmif/cmif.xsl``): a CMIF file
(Correspondence Metadata Interchange Format) at the root of the site, one
``correspDesc`` per letter of the edition. Made only for an edition with letters and
a url (CMIF names the file and every letter by its absolute URL; without one the build
warns); what correspSearch would miss (no editor's email, a licence other than CC BY or
CC0, a letter without both sides) is a warning of the build."""

from __future__ import annotations

import uuid
from pathlib import Path

from ..errors import Diagnostic
from ..namespaces import TEI_NS
from ..outputs import BookJob, Output
from . import atomic_write

STYLESHEET = "cmif/cmif.xsl"
CMIF_FILE = "cmif.xml"


def source_id(url: str) -> str:
    """Give the xml:id of the edition's ``bibl`` in the CMIF file: a UUID made from the edition's
    url (CMIF recommends a UUID; the same url gives the same one in every build), after "id-"
    (an xml:id cannot start with a digit, as a UUID may)."""
    return f"id-{uuid.uuid5(uuid.NAMESPACE_URL, url)}"


class CmifOutput(Output):
    """``cmif.xml``: the correspondence metadata of the edition's letters, from the whole texts."""

    name = "cmif"
    stylesheets = (STYLESHEET,)
    summary = "the letters' metadata for correspSearch (CMIF), when the edition has letters and a url"
    reads_links = ("html",)  # each correspDesc points to the letter's web page

    def build_book(self, job: BookJob) -> list[Path]:
        if not any(text.root.find(_CORRESP_DESC) is not None for text in job.corpus.texts):
            return []
        where = str(job.settings.file)
        if not job.settings.url:
            job.diagnostics.append(Diagnostic(where, 1, 1, "warning", f"{CMIF_FILE} not written: CMIF names the file "
                                              "and each letter by its absolute URL; set [edition] url in teipress.toml"))
            return []
        parameters = {"source-id": source_id(job.settings.url), "file": CMIF_FILE}
        report = job.stylesheets.run(STYLESHEET, job.node, {**parameters, "part": "report"}, label="the CMIF report")
        job.diagnostics.extend(Diagnostic(where, 1, 1, "warning", line) for line in report.splitlines() if line.strip())
        content = job.stylesheets.run(STYLESHEET, job.node, {**parameters, "part": "cmif"}, label="the CMIF file")
        return [atomic_write(job.staging / CMIF_FILE, content)] if content.strip() else []


# A letter has a correspDesc (which of them CMIF can describe, the stylesheet decides).
_CORRESP_DESC = f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}profileDesc/{{{TEI_NS}}}correspDesc"
