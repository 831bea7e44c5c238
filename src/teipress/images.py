"""Which images a text may show, and where each output finds them.

The rule, the same for every output: a ``graphic/@url`` that is a relative path
is resolved against the TEI file that holds it and must name an image file
inside the edition folder (``Settings.folder``), symbolic links followed: a
link that points outside is refused like a path that does. Such an image is
published under ``images/`` with its path relative to the edition folder, and
the ``@url`` is rewritten to that place, so the HTML page, the PDF and the EPUB
all name it the same way. An ``http(s):`` URL stays as it is for the HTML
edition (the site's content security policy decides) and is left out of the
PDF and the EPUB, which fetch nothing from the network. Anything else (an
absolute path, ``file:``, ``..`` out of the edition, a missing file, another
scheme) is refused: its ``@url`` is removed, and a warning names the TEI file,
line and column of the ``graphic``.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from .document import TEI_NS, Document
from .errors import Diagnostic

# Where local images go in every output, relative to the pages (and to the EPUB's documents).
IMAGE_FOLDER = "images"
# The image types a page, WeasyPrint and an EPUB reader all show, by suffix.
MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".svg": "image/svg+xml", ".webp": "image/webp"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Image:
    """A local image a text may show: the file, and its path in the outputs (``images/…``)."""

    file: Path
    target: str

    @property
    def media_type(self) -> str:
        """Give the image's media type (by its suffix)."""
        return MEDIA_TYPES.get(self.file.suffix.lower()) or mimetypes.guess_type(self.file.name)[0] or ""


def resolve(url: str, tei_file: Path, folder: Path) -> Image | str:
    """Give the Image a relative ``url`` in ``tei_file`` names, or why it is refused (a phrase);
    "remote" for an http(s) URL."""
    url = url.strip()
    if re.match(r"^https?://", url, re.I):
        return "remote"
    if not url or _SCHEME.match(url) or url.startswith(("/", "\\")) or "\\" in url:
        return "only a relative path to an image inside the edition folder, or an http(s) URL, is shown"
    relative = unquote(url.split("#", 1)[0].split("?", 1)[0])
    root = folder.resolve()
    file = (tei_file.resolve().parent / relative).resolve()  # resolve() follows symbolic links
    if not file.is_relative_to(root):
        return f"it lies outside the edition folder {root}"
    if not file.is_file():
        return "no such file"
    if file.suffix.lower() not in MEDIA_TYPES:
        return f"not an image teipress publishes ({', '.join(sorted(MEDIA_TYPES))})"
    return Image(file, str(PurePosixPath(IMAGE_FOLDER, *file.relative_to(root).parts)))


def confine(document: Document, folder: Path, *, remote: bool = True) -> tuple[list[Image], list[Diagnostic]]:
    """Give the local images of ``document`` and the warnings of the ``graphic`` elements refused,
    rewriting each ``@url`` of its tree in place: a local image's to its ``images/…`` path, a
    refused one's removed, a remote one's kept when ``remote`` (else removed: see remote_warnings)."""
    images: dict[str, Image] = {}
    warnings = []
    for graphic in document.root.iter(f"{{{TEI_NS}}}graphic"):
        url = graphic.get("url")
        if url is None:
            continue
        found = resolve(url, document.path, folder)
        if isinstance(found, Image):
            graphic.set("url", found.target)
            images[found.target] = found
            continue
        if found == "remote":
            if not remote:
                del graphic.attrib["url"]  # remote_warnings() says so
            continue
        del graphic.attrib["url"]
        warnings.append(Diagnostic(str(document.path), graphic.sourceline or 1, document.column_of(graphic), "warning",
                                   f"the image '{url}' is left out: {found}"))
    return list(images.values()), warnings


def remote_warnings(document: Document, output: str) -> list[Diagnostic]:
    """Give a warning for each ``graphic`` of ``document`` with an http(s) URL, which ``output`` leaves out."""
    return [Diagnostic(str(document.path), graphic.sourceline or 1, document.column_of(graphic), "warning",
                       f"the image '{graphic.get('url')}' is left out of {output}: teipress fetches nothing "
                       "from the network")
            for graphic in document.root.iter(f"{{{TEI_NS}}}graphic")
            if re.match(r"^\s*https?://", graphic.get("url") or "", re.I)]
