"""What a build tells its caller while it runs: one event per document and a last one when it ends.

The library never prints; a caller (the CLI's progress bar, ``watch``) passes a
callback to :func:`teipress.pipeline.build` and decides what to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

# The status of a document in a build.
BUILT = "built"  # transformed and written by this build
SKIPPED = "skipped"  # unchanged since the last build: its outputs were kept from the cache
FAILED = "failed"  # not built: see the build report's diagnostics


@dataclass(frozen=True)
class BuildEvent:
    """One step of a build: ``waiting`` (another build is writing into the output folder,
    ``path``; this one waits for it), ``start`` (``total`` is known), ``document``
    (one document finished, with its ``status``) or ``end``."""

    kind: str
    total: int = 0  # documents (texts) this build has to deal with
    done: int = 0  # documents finished so far (built, skipped or failed)
    errors: int = 0  # error diagnostics so far
    path: str = ""  # the document of a "document" event
    status: str = ""  # BUILT, SKIPPED or FAILED for a "document" event
    seconds: float = 0.0  # time since the build started


Progress = Callable[[BuildEvent], None]
