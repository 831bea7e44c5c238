"""The EPUB 3 edition: one book of the whole edition (title page, contents, editorial principles, each text with
its apparatus and endnotes, registers), its files written by ``xslt/epub/epub.xsl`` and
packed here: ``mimetype`` first and stored, then the container and the package."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from ..corpus import Corpus
from ..edition import register_pages
from ..errors import Diagnostic, TransformError
from ..extract import TP_NS
from ..lists import epub_content_files
from ..outputs import BookJob, Output
from ..transform import Stylesheets
from . import atomic_write
from .data import edition_build_date, build_date_tuple

EPUB_STYLESHEET = "epub/epub.xsl"
EPUB_NAME = "edition.epub"
CONTENT = "OEBPS"
OPF_NS = "http://www.idpf.org/2007/opf"

# The OCF container names the package, the part of xslt/common/lists.xml whose manifest gets the images.
CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="{package}" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def epub_files(stylesheets: Stylesheets, edition_node, corpus: Corpus, images=()) -> dict[str, bytes]:
    """Give the files of the book by their path inside it, in the order they are zipped; ``images``
    are the confined images (:mod:`teipress.images`) the texts show, packed and listed in the manifest."""
    package = next(entry.file for entry in epub_content_files() if entry.manifest)
    files: dict[str, bytes] = {"mimetype": b"application/epub+zip",
                               "META-INF/container.xml": CONTAINER.format(package=f"{CONTENT}/{package}").encode()}

    def part(name: str, **parameters) -> bytes:
        return stylesheets.run(EPUB_STYLESHEET, edition_node, {"epub-part": name, **parameters},
                               label=f"the EPUB part {name}").encode("utf-8")

    for entry in epub_content_files():
        if entry.source:
            files[f"{CONTENT}/{entry.file}"] = stylesheets.resource(entry.source).read_bytes()
        elif entry.each == "text":
            # The stylesheet names the texts' files (an id from a file name may hold spaces, "#" or "%").
            names = {file.get("text"): file.get("name")
                     for file in etree.fromstring(part("files")).iter(f"{{{TP_NS}}}file")}
            for text in corpus.texts:
                files[f"{CONTENT}/{names[text.id]}"] = part(entry.name, **{"text-id": text.id})
        elif entry.each == "register":
            for page in register_pages(corpus):
                files[f"{CONTENT}/{page}.xhtml"] = part(entry.name, **{"register-page": page})
        else:
            data = part(entry.name)
            files[f"{CONTENT}/{entry.file}"] = with_images(data, images) if entry.manifest else data
    for image in images:
        files[f"{CONTENT}/{image.target}"] = image.file.read_bytes()
    return files


def with_images(package: bytes, images) -> bytes:
    """Give the package document with a manifest item (and its media type) for each of ``images``."""
    if not images:
        return package
    root = etree.fromstring(package)
    manifest = root.find(f"{{{OPF_NS}}}manifest")
    for number, image in enumerate(sorted(images, key=lambda i: i.target), 1):
        etree.SubElement(manifest, f"{{{OPF_NS}}}item", id=f"image-{number}", href=image.target,
                         attrib={"media-type": image.media_type})
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def epub_bytes(files: dict[str, bytes], date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """Give the EPUB container of ``files``: the OCF requires ``mimetype`` as the first entry,
    stored uncompressed and without extra fields, so readers can recognise the file by its first bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def write_epub(stylesheets: Stylesheets, edition_node, corpus: Corpus, out: Path,
               images=()) -> tuple[list[Path], list[Diagnostic]]:
    """Write ``out/edition.epub`` with the confined ``images``; give the file written, or the diagnostic of a failure."""
    try:
        files = epub_files(stylesheets, edition_node, corpus, images)
    except TransformError as exc:
        return [], [Diagnostic(str(out / EPUB_NAME), 1, 1, "error", str(exc))]
    stamp = build_date_tuple(edition_build_date(edition_node))
    return [atomic_write(out / EPUB_NAME, epub_bytes(files, stamp))], []


class EpubOutput(Output):
    """The EPUB 3 book of the whole edition (``edition.epub``)."""

    name = "epub"
    summary = "the edition as an EPUB 3 book"
    reads_links = ("html",)
    stylesheets = (EPUB_STYLESHEET,)

    def book_links(self) -> dict[str, str]:
        return {"epub": EPUB_NAME}

    def build_book(self, job: BookJob) -> list[Path]:
        written, problems = write_epub(job.stylesheets, job.node, job.corpus, job.staging, job.images)
        job.diagnostics.extend(problems)
        return written
