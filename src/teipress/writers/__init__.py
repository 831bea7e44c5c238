"""Writers: one output format each. Every file is written atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PageJob:
    """One page of the edition made by one stylesheet from the edition document: what to run, where it goes."""

    stylesheet: str  # relative to the xslt folder
    parameters: tuple[tuple[str, str], ...]
    target: str  # relative to the output folder
    label: str  # names the page in an error message
    # Made only when the edition has a url ([edition] url): its links must be absolute (a sitemap,
    # harvesting files); without one the build warns that it is not written.
    needs_url: bool = False
    # Why a job that may write nothing (an OAI repository without a contact address) did not: the
    # build's warning when it wrote no file; "" when writing nothing needs no word (no BEACON ids).
    unwritten: str = ""
    # A warning the build gives when the page is written (it is made without a library that is not installed).
    warning: str = ""

    @property
    def quotes_contexts(self) -> bool:
        """True when the page quotes the words around mentions (teipress.kwic): it is made from the
        edition document of the whole extracts, else from that of their shapes (teipress.edition_document)."""
        return False

    @property
    def entries(self) -> tuple[str, ...]:
        """The ids of the register entries whose pages this job makes (their mentions' contexts are all
        it quotes: teipress.edition_document gives it those, beside the document of the texts' shapes or
        a document of its own texts); () for another page."""
        return ()

    def resolved(self) -> PageJob:
        """Give this job with whatever it reads from the build's files when it runs already read into
        its parameters: what a worker that shares no file system with the build is sent (teipress.cluster)."""
        return self

    def run(self, stylesheets, node, out: Path) -> Path:
        """Write the page into ``out`` and give its path (raise TransformError when the stylesheet fails)."""
        return atomic_write(out / self.target, stylesheets.run(self.stylesheet, node, dict(self.parameters), label=self.label))


def atomic_write(path: str | Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and
    a rename, so a reader never sees a half-written file; give the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes the file private; outputs are for publishing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
