"""Writers: one output format each. Every file is written atomically."""

from __future__ import annotations

import os
import shutil
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
    """Publish the finished ``staging`` folder as ``out`` and remove it.

    Each file is moved into ``out`` with a rename (atomic per file) and files
    the build removed are removed from ``out``, so ``out`` ends up as the
    staging folder was. ``out`` itself stays the same folder (not swapped), so
    a server started inside it (``cd output && python3 -m http.server``) keeps
    serving the new edition."""
    out = Path(out)
    if not out.exists():
        os.rename(staging, out)
        return
    kept_files: set[Path] = set()
    kept_dirs: set[Path] = {Path(".")}
    for folder, dirs, files in os.walk(staging):
        relative = Path(folder).relative_to(staging)
        kept_dirs.add(relative)
        target = out / relative
        if target.is_symlink() or (target.exists() and not target.is_dir()):
            target.unlink()
        target.mkdir(exist_ok=True)
        for name in files:
            kept_files.add(relative / name)
            os.replace(Path(folder) / name, target / name)
    # What the build removed (an old search index's fragments) goes from the output too.
    for folder, dirs, files in os.walk(out, topdown=False):
        relative = Path(folder).relative_to(out)
        for name in files:
            if relative / name not in kept_files:
                (Path(folder) / name).unlink()
        if relative not in kept_dirs:
            shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


def abandon_staging(staging: Path) -> None:
    """Remove a staging folder whose build failed or was interrupted."""
    shutil.rmtree(staging, ignore_errors=True)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
