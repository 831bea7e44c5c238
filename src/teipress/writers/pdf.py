"""The PDF edition: one PDF per text and the volume of the whole edition, from
the print stylesheet through WeasyPrint, laid out in several passes so that
line numbers, the apparatus at the page foot and the index's page references
come from the real layout (:mod:`teipress.writers.pdf_layout`), written as
PDF/A-3b with the TEI sources attached.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from ..corpus import Corpus
from ..outputs import BookJob, Output, TextJob
from ..transform import Stylesheets
from . import atomic_write
from .pdf_layout import LaidOut, PrintOptions, lay_out
from .pdf_plates import PLATES_PARAMETER, plates

PRINT_STYLESHEET = "print/print.xsl"
VOLUME_NAME = "edition.pdf"

# PDF/A-3 allows embedded files of any type, so the PDF can carry its TEI source.
PDF_VARIANT = "pdf/a-3b"


def pdf_bytes(laid_out: LaidOut, sources: list[tuple[str, bytes]], build_date: str = "") -> bytes:
    """Give the PDF (PDF/A-3b) of a laid-out document with ``sources`` ((file name, bytes)) attached.

    ``build_date`` (ISO) dates the attachments, so that a fixed date gives the same bytes."""
    import weasyprint

    when = _dt.datetime.fromisoformat(build_date) if build_date else None
    attachments = [
        weasyprint.Attachment(string=data, name=name, description=f"TEI source: {name}",
                              created=when, modified=when, relationship="Source")
        for name, data in sources
    ]
    # fontTools stamps the embedded font subsets with the current time unless
    # SOURCE_DATE_EPOCH is set: the build date stands in, so that a fixed date
    # gives the same bytes in any process and at any time.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if when is not None and epoch is None:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(when.replace(tzinfo=_dt.timezone.utc).timestamp()))
    try:
        return laid_out.document.write_pdf(pdf_variant=PDF_VARIANT, attachments=attachments)
    finally:
        if when is not None and epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def render_pdf(html: str, base_url: Path, options: PrintOptions = PrintOptions(),
               sources: list[tuple[str, bytes]] | None = None, build_date: str = "", *, images=(),
               site_url: str = "") -> bytes:
    """Give the PDF bytes of a print HTML document whose assets resolve against ``base_url``, showing
    the confined ``images`` and linking to the pages of ``site_url``.

    WeasyPrint lays out and draws recursively, several frames per level of nesting: it runs
    where it has the room for a text as deep as the parser allows (:mod:`teipress.deepstack`)."""
    from ..deepstack import call_deep

    return call_deep(lambda: pdf_bytes(lay_out(html, base_url, options, images, site_url), sources or [], build_date))


def write_volume(stylesheets: Stylesheets, edition_node, corpus: Corpus, out: Path,
                 options: PrintOptions = PrintOptions(), build_date: str = "", *, images=(),
                 site_url: str = "", settings=None) -> Path:
    """Write the volume of the whole edition (``edition.pdf``) into ``out``; give its path; with
    ``settings`` asking for plates, each text's page images follow it (:mod:`.pdf_plates`).
    The texts' own PDFs are made per text (:mod:`teipress.workers`). Raise TransformError
    when the print stylesheet fails."""
    plate_data, images = plates(settings, corpus.texts, images) if settings is not None else ("", images)
    html = stylesheets.run(PRINT_STYLESHEET, edition_node, {"print-notes": options.notes, "text-id": "", "print-volume": True,
                                                            PLATES_PARAMETER: plate_data}, label="the volume")
    sources = [(document.name, document.source) for document in [*corpus.texts, *corpus.registers]]
    pdf = render_pdf(html, stylesheets.root / "print", options, sources, build_date, images=images, site_url=site_url)
    return atomic_write(out / VOLUME_NAME, pdf)


class PdfOutput(Output):
    """The PDF edition: a PDF per text and the volume of the whole edition (``edition.pdf``)."""

    name = "pdf"
    summary = "the printed edition: a PDF per text and the volume of the whole edition"
    reads_links = ("html",)  # its links to a text lead to the text's web page (settings url)
    stylesheets = (PRINT_STYLESHEET,)

    def text_links(self, text_id: str, copy: str) -> dict[str, str]:
        return {"pdf": f"{text_id}.pdf"}

    def book_links(self) -> dict[str, str]:
        return {"pdf-volume": VOLUME_NAME}

    @staticmethod
    def options(settings) -> PrintOptions:
        """Give the layout options the edition's settings ask for."""
        return PrintOptions(per=settings.pdf_line_numbers, every=settings.pdf_line_number_every,
                            notes=settings.pdf_notes)

    def build_text(self, job: TextJob) -> list[Path]:
        from ..images import remote_warnings

        options = self.options(job.settings)
        job.diagnostics.extend(remote_warnings(job.document, "the PDF"))
        plate_data, images = plates(job.settings, [job.document], job.images)
        html = job.stylesheets.run(PRINT_STYLESHEET, job.node, {"print-notes": options.notes, "text-id": job.text_id,
                                                                PLATES_PARAMETER: plate_data},
                                   label=str(job.document.path))
        pdf = render_pdf(html, job.stylesheets.root / "print", options,
                         [(job.document.name, job.document.source), *job.registers], job.settings.build_date,
                         images=images, site_url=job.settings.url)
        return [atomic_write(job.staging / f"{job.text_id}.pdf", pdf)]

    def build_book(self, job: BookJob) -> list[Path]:
        return [write_volume(job.stylesheets, job.node, job.corpus, job.staging, self.options(job.settings),
                             job.settings.build_date, images=job.images, site_url=job.settings.url,
                             settings=job.settings)]
