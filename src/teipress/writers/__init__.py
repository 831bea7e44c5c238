"""Writers: one output format each. Every file is written atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


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


# The prefix of the staging and retired folders of a build, beside the output folder.
STAGING_PREFIX = ".teipress-"


def begin_staging(out: str | Path) -> Path:
    """Give a new staging folder beside ``out`` holding a copy of the current output.

    The copy is made of hard links (cheap, and safe: writers replace files by
    rename, never in place), so files this build does not write, such as
    ``output/README.md``, are kept and a text that fails keeps its last page."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{out.name}.staging.", dir=out.parent))
    if out.is_dir():
        staging.rmdir()
        shutil.copytree(out, staging, symlinks=True, copy_function=_link_or_copy)
    os.chmod(staging, 0o755)  # mkdtemp makes the folder private; the output is for publishing
    return staging


def commit_staging(staging: Path, out: str | Path) -> None:
    """Put the finished ``staging`` folder in the place of ``out`` (an atomic exchange
    where the system has one, else two renames) and remove the previous output."""
    out = Path(out)
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # staging now holds the previous output
        return
    retired = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{out.name}.old.", dir=out.parent))
    os.rename(out, retired / out.name)
    os.rename(staging, out)
    shutil.rmtree(retired, ignore_errors=True)


def abandon_staging(staging: Path) -> None:
    """Remove a staging folder whose build failed or was interrupted."""
    shutil.rmtree(staging, ignore_errors=True)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _exchange(a: Path, b: Path) -> bool:
    """Swap the folders ``a`` and ``b`` in one step (Linux renameat2 RENAME_EXCHANGE); False when unavailable."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
