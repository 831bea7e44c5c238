"""Plates for the PDFs (``[pdf] facsimile = "plates"``): a page per page image of a text's facsimile,
after the text, the image scaled to the page with its caption (the surface's label or the page number).

The facsimile is read as the web edition reads it (:func:`teipress.facsimile.read`); only images of
the edition (local files) become plates: the PDF loads nothing from the network. The print stylesheet
gets the plates as its parameter ``print-plates`` (xslt/print/plates.xsl)."""

from __future__ import annotations

import json

from .. import facsimile

PLATES_PARAMETER = "print-plates"


def text_plates(document, images, folder) -> tuple[list[dict[str, str]], list]:
    """Give the plates of one text (``{"src", "label"}`` in page order) and the images they show,
    from its facsimile; ``images`` are its confined images, ``folder`` the edition folder."""
    found = facsimile.read(document, images, folder)[0]  # its warnings are the iiif output's
    pages = [page for page in found.pages if page.image is not None]
    return [{"src": page.image.target, "label": page.label} for page in pages], [page.image for page in pages]


def plates(settings, documents, images) -> tuple[str, tuple]:
    """Give the ``print-plates`` parameter (JSON: text id -> its plates) for ``documents`` and the
    images the PDF must be able to load: ``images`` and those of the plates. Without plates asked
    for (``settings.pdf_facsimile`` "none") or found, the parameter is ""."""
    if settings.pdf_facsimile != "plates":
        return "", tuple(images)
    shown = {image.target: image for image in images}
    by_text = {}
    for document in documents:
        entries, pictured = text_plates(document, images, settings.folder)
        if entries:
            by_text[document.id] = entries
        shown.update((image.target, image) for image in pictured)
    return (json.dumps(by_text, ensure_ascii=False) if by_text else ""), tuple(shown.values())
