"""The TEI copies of the edition: every text and register file as it was given, in
``tei/`` (the pages link them), at its path below the folder it was found in."""

from __future__ import annotations

from pathlib import Path

from ..outputs import Output, TextJob
from . import atomic_write

TEI_FOLDER = "tei"


class TeiOutput(Output):
    """``tei/<file>``: each text's and register's TEI, byte for byte."""

    name = "tei"
    stylesheets = ()
    summary = "the TEI files of the edition, as given"

    def text_links(self, text_id: str, copy: str) -> dict[str, str]:
        return {"tei": f"{TEI_FOLDER}/{copy}"}

    def build_text(self, job: TextJob) -> list[Path]:
        return [atomic_write(job.staging / TEI_FOLDER / job.document.copy_name, job.document.source)]

    def site_files(self, stylesheets, registers, staging: Path) -> list[Path]:
        return [atomic_write(staging / TEI_FOLDER / register.copy_name, register.source) for register in registers]
