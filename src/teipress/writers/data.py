"""The open data of the edition in ``data/``: every TEI file, the registers and the
chronology as CSV and JSON, citation files, a README and the licences, and one zip of it all."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..corpus import Corpus
from ..errors import Diagnostic, TransformError
from ..transform import Stylesheets
from . import atomic_write

DATA_STYLESHEET = "data/data.xsl"
DATA_FOLDER = "data"
ZIP_NAME = "edition-data.zip"

# File name in data/ -> the dataset data.xsl writes into it.
DATASETS = {
    "registers.csv": "registers-csv",
    "registers.json": "registers-json",
    "chronology.csv": "chronology-csv",
    "chronology.json": "chronology-json",
    "citation.bib": "citation-bib",
    "citation.json": "citation-csl",
    "citation.txt": "citation-txt",
    "README.txt": "readme",
    "LICENCE.txt": "licence",
}


def data_files(stylesheets: Stylesheets, edition_node, corpus: Corpus) -> dict[str, bytes]:
    """Give the files of the open data, by their path inside ``data/``: TEI files first, then the datasets."""
    files: dict[str, bytes] = {}
    for document in [*corpus.texts, *corpus.registers]:
        files[f"tei/{document.name}"] = document.source
    for name, dataset in DATASETS.items():
        text = stylesheets.run(DATA_STYLESHEET, edition_node, {"dataset": dataset}, label=f"the data file {name}")
        files[name] = text.encode("utf-8")
    return files


def zip_bytes(files: dict[str, bytes], date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """Give a zip archive of ``files`` whose entries all carry ``date_time``, so the same
    edition gives the same bytes (the build date, not the clock, dates the entries)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def build_date_tuple(build_date: str) -> tuple[int, int, int, int, int, int]:
    """Give a zip timestamp for an ISO build date (YYYY-MM-DD); zip cannot date before 1980."""
    try:
        year, month, day = (int(part) for part in build_date[:10].split("-"))
    except ValueError:
        return (1980, 1, 1, 0, 0, 0)
    return (max(year, 1980), month, day, 0, 0, 0)


def write_data(stylesheets: Stylesheets, edition_node, corpus: Corpus, out: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Write the open data into ``out/data``; give the files written and the diagnostics of a failure."""
    try:
        files = data_files(stylesheets, edition_node, corpus)
    except TransformError as exc:
        return [], [Diagnostic(str(out / DATA_FOLDER), 1, 1, "error", str(exc))]
    folder = out / DATA_FOLDER
    written = [atomic_write(folder / name, data) for name, data in files.items()]
    stamp = build_date_tuple(edition_build_date(edition_node))
    written.append(atomic_write(folder / ZIP_NAME, zip_bytes(files, stamp)))
    return written, []


def edition_build_date(edition_node) -> str:
    """Give the build date of the edition document (an attribute of its root element, see edition.py)."""
    for child in edition_node.children or []:
        value = child.get_attribute_value("build-date")
        if value:
            return value
    return ""
