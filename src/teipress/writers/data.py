"""The open data of the edition in ``data/``: every TEI file, the registers and the
chronology as CSV and JSON, citation files, a README and the licences, and one zip of it all."""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from ..lists import datasets
from ..outputs import ArchiveJob, Output, TextJob
from ..resources import schema_dir
from ..zip_reuse import write_members
from . import PageJob, atomic_write

DATA_STYLESHEET = "data/data.xsl"
DATA_FOLDER = "data"
ZIP_NAME = "edition-data.zip"
# Each member of the zip: a file readable by all, writable by its owner.
_MEMBER_MODE = 0o644 << 16

# File name in data/ -> the dataset data.xsl writes into it (xslt/common/lists.xml).
DATASETS = datasets()


def dataset_jobs() -> list[PageJob]:
    """Give the datasets of the open data (registers, chronology, citations, README,
    licences) as jobs on the edition document of the extracts."""
    return [PageJob(DATA_STYLESHEET, (("dataset", dataset),), f"{DATA_FOLDER}/{name}", f"the data file {name}")
            for name, dataset in DATASETS.items()]


class DataOutput(Output):
    """``data/``: the TEI files, the datasets made from the extracts, and one zip of it all."""

    name = "data"
    stylesheets = (DATA_STYLESHEET,)
    text_stylesheets = ()  # a text's part is its TEI copy
    summary = "the open data: TEI, registers and chronology as CSV and JSON, citations, one zip"
    reads_links = ("html",)  # the datasets give each mention's and text's web address

    def build_text(self, job: TextJob) -> list[Path]:
        # The open data's copy of the text, which the zip gathers.
        return [atomic_write(job.staging / DATA_FOLDER / "tei" / job.document.copy_name, job.document.source)]

    def page_jobs(self, registers) -> list[PageJob]:
        return dataset_jobs()

    def site_files(self, stylesheets, registers, staging: Path) -> list[Path]:
        return write_register_copies(registers, staging) + write_schema_copies(staging)

    def build_archive(self, job: ArchiveJob) -> list[Path] | None:
        folder = job.out / DATA_FOLDER
        if not all((folder / "tei" / name).is_file() for name in job.copies) or \
                not all((folder / name).is_file() for name in DATASETS):
            return None  # a text or a dataset failed: the zip waits for a build that has them all
        return [write_zip(job.out, list(job.copies), job.settings.build_date, target=job.staging)]


def write_register_copies(registers, out: Path) -> list[Path]:
    """Write the registers' TEI copies into ``out/data/tei`` (the texts' are written per text)."""
    return [atomic_write(out / DATA_FOLDER / "tei" / register.copy_name, register.source) for register in registers]


# teipress's schema, published beside the TEI copies: their xml-model instructions name
# schema/teipress.rng and schema/teipress.sch, and the ODD documents both (the data page links it).
SCHEMA_FILES = ("teipress.odd", "teipress.rng", "teipress.sch")


def write_schema_copies(out: Path) -> list[Path]:
    """Write teipress's schema (ODD, RELAX NG, Schematron) into ``out/data/tei/schema``."""
    return [atomic_write(out / DATA_FOLDER / "tei" / "schema" / name, (schema_dir() / name).read_bytes())
            for name in SCHEMA_FILES if (schema_dir() / name).is_file()]


def write_zip(out: Path, tei_names: list[str], build_date: str, target: Path | None = None) -> Path:
    """Write ``data/edition-data.zip`` from the files already in ``out/data``: the TEI
    files named ``tei_names`` (texts, then registers), then the datasets; into ``target``
    (a staging folder, default ``out``).

    The archive is written to a temporary file entry by entry and renamed, so
    neither the corpus nor the archive is held in memory whole. The members the
    archive in ``out`` already holds as they are are copied from it compressed
    (teipress.zip_reuse): one edited text compresses one member again, not all."""
    folder = out / DATA_FOLDER
    stamp = build_date_tuple(build_date)
    target = (target or out) / DATA_FOLDER / ZIP_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    names = [*(f"tei/{n}" for n in tei_names), *DATASETS]
    fd, tmp = tempfile.mkstemp(prefix=f".{ZIP_NAME}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if not write_members(handle, [(name, folder / name) for name in names], stamp, _MEMBER_MODE,
                                 previous=folder / ZIP_NAME):
                with zipfile.ZipFile(handle, "w") as archive:  # ZIP64: zipfile's own
                    for name in names:
                        info = zipfile.ZipInfo(name, date_time=stamp)
                        info.compress_type = zipfile.ZIP_DEFLATED
                        info.external_attr = _MEMBER_MODE
                        with open(folder / name, "rb") as source, archive.open(info, "w") as entry:
                            shutil.copyfileobj(source, entry, 1 << 20)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def build_date_tuple(build_date: str) -> tuple[int, int, int, int, int, int]:
    """Give a zip timestamp for an ISO build date (YYYY-MM-DD); zip cannot date before 1980."""
    try:
        year, month, day = (int(part) for part in build_date[:10].split("-"))
    except ValueError:
        return (1980, 1, 1, 0, 0, 0)
    return (max(year, 1980), month, day, 0, 0, 0)


def edition_build_date(edition_node) -> str:
    """Give the build date of the edition document (an attribute of its root element, see edition.py)."""
    for child in edition_node.children or []:
        value = child.get_attribute_value("build-date")
        if value:
            return value
    return ""
