"""The output folder: which folders may be one, one build at a time in it, and
publishing a finished build into it.

A build writes into a staging folder of its own (in the build cache's folder,
beside the output, never inside it), then publishes: each staged file is moved
into the output folder by a rename, or, when the output is on another file
system than the staging folder (a mount point, a Docker volume), copied next to
its target and renamed over it. Either way a reader of the site sees the old
file or the new one, never half of one.

Publishing replaces only what teipress itself wrote there: the build cache keeps
the list (:attr:`teipress.cache.BuildCache.written`). A file in the way that
teipress did not write, or a symbolic link on the way to a target, stops the
publication before anything is moved (:class:`PublishConflict`): an editor's
file is never replaced, deleted or written through. A file that holds exactly
the bytes teipress would write is not in the way (a lost cache then costs
nothing). When a move fails half-way (a read-only folder, a full disk,
Ctrl-C), the files already replaced are put back: the output is as it was.

One build at a time: :class:`OutputLock` is held from the scan of the inputs
to the end of the publication; a second build into the same folder waits for it.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from .errors import UsageError

try:  # POSIX; on a system without it builds are not serialised (teipress is tested on Linux)
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

# Prefixes of what a build makes for itself: staging folders in the cache folder,
# and the copies a publication keeps until it is done (beside the files they save).
STAGING_PREFIX = "staging-"
BACKUP_SUFFIX = ".teipress-backup"
# What earlier versions of teipress left behind after a kill -9: staging folders beside
# the output (".teipress-<out>.staging.*") and Pagefind's folder inside it (".pagefind.*").
_OLD_STAGING = ".teipress-{name}.staging."
_OLD_SEARCH = ".pagefind."
# How many conflicting files a message names before it counts the rest.
_LISTED = 5


class PublishConflict(UsageError):
    """Files that teipress did not write stand where the build's files go: nothing was published."""

    def __init__(self, out: Path, paths: list[str], reasons: dict[str, str]):
        self.paths = paths
        listed = "; ".join(f"{out / p}: {reasons[p]}" for p in paths[:_LISTED])
        more = f"; and {len(paths) - _LISTED} more" if len(paths) > _LISTED else ""
        super().__init__(
            f"nothing was published: {listed}{more}. teipress replaces only files it wrote itself "
            f"(the build cache beside {out} lists them); move these away, or build into another folder")


def check_out(out: str | Path, *, edition: Path, texts: Iterable[Path], stylesheets: Path | None = None) -> Path:
    """Give the folder the edition is published in (``out`` with symbolic links resolved),
    or raise UsageError when ``out`` may not be one.

    Refused: a file, the file system's root, the edition folder or a folder
    containing it, a folder holding (or inside) the texts or the stylesheets.
    A folder that is a symbolic link is accepted: the edition is written where it
    points, and the link stays."""
    given = Path(out)
    if given.exists() and not given.is_dir():
        raise UsageError(f"{given}: the output folder is a file, not a folder: name a folder with --out or "
                         "[build] out")
    real = given.resolve()
    if real == Path(real.anchor):
        raise UsageError(f"{given}: the output folder cannot be the root of the file system")
    guarded = [("the edition folder", Path(edition).resolve(), False)]
    guarded += [("the texts", Path(t).resolve(), True) for t in texts]
    if stylesheets is not None:
        guarded.append(("the stylesheets", Path(stylesheets).resolve(), True))
    for what, path, inside_too in guarded:
        if path == real or path.is_relative_to(real):
            raise UsageError(f"{given}: the output folder cannot hold {what} ({path}): publishing replaces files "
                             "there; name a folder of its own, e.g. output")
        if inside_too and real.is_relative_to(path) and path.is_dir():
            raise UsageError(f"{given}: the output folder cannot be inside {what} ({path}): the next build would "
                             "read its own output; name a folder beside them, e.g. output")
    return real


class OutputLock:
    """Held while a build reads and writes one output folder; a second build waits for it.

    The lock is an advisory lock (``flock``) on a file in the build cache's folder,
    so it goes with the process that holds it, however that process ends."""

    def __init__(self, folder: Path, waiting: Callable[[], None] | None = None):
        self.path = Path(folder) / "lock"
        self.waiting = waiting
        self._handle = None

    def __enter__(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = open(self.path, "a+")
        if fcntl is not None:
            try:
                fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if self.waiting is not None:
                    self.waiting()
                fcntl.flock(self._handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc) -> None:
        if self._handle is not None:
            if fcntl is not None:
                fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def new_staging(work: Path) -> Path:
    """Give a new, empty staging folder in the cache folder ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=work))
    os.chmod(staging, 0o755)  # mkdtemp makes the folder private; the output is for publishing
    return staging


def abandon(staging: Path) -> None:
    """Remove a staging folder whose build failed, stopped or was interrupted."""
    shutil.rmtree(staging, ignore_errors=True)


def clean_leftovers(out: Path, work: Path) -> list[Path]:
    """Remove what an interrupted build left (call with the lock held) and give the paths removed:
    staging folders in ``work``, the saved copies of a publication, and the staging and
    search-index folders of earlier versions of teipress."""
    removed = []
    if work.is_dir():
        removed += [p for p in work.iterdir() if p.is_dir() and p.name.startswith(STAGING_PREFIX)]
    if out.parent.is_dir():
        prefix = _OLD_STAGING.format(name=out.name)
        removed += [p for p in out.parent.iterdir() if p.is_dir() and p.name.startswith(prefix)]
    if out.is_dir():
        removed += [p for p in out.iterdir() if p.is_dir() and not p.is_symlink() and p.name.startswith(_OLD_SEARCH)]
        for folder, dirs, files in os.walk(out):
            dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
            removed += [Path(folder) / f for f in files if f.endswith(BACKUP_SUFFIX) and f.startswith(".")]
    for path in removed:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return removed


def staged_files(staging: Path) -> list[str]:
    """Give the files of a staging folder, as paths relative to it, in a stable order."""
    found = []
    for folder, dirs, files in os.walk(staging):
        dirs.sort()
        relative = Path(folder).relative_to(staging)
        found += [(relative / name).as_posix() for name in sorted(files)]
    return found


def conflicts(staging: Path, out: Path, files: list[str], written: set[str]) -> dict[str, str]:
    """Give the staged ``files`` that may not be published into ``out``, each with the reason:
    a symbolic link or a file where a folder of the path goes, or a file teipress did not write
    (not in ``written``) holding other bytes than the staged one."""
    found: dict[str, str] = {}
    checked: dict[Path, str] = {}
    for relative in files:
        parts = Path(relative).parts
        reason = ""
        for depth in range(1, len(parts)):
            folder = out.joinpath(*parts[:depth])
            if folder not in checked:
                checked[folder] = ("a symbolic link is in the way (teipress never writes through one)"
                                   if folder.is_symlink() else
                                   "a file is where a folder goes" if folder.exists() and not folder.is_dir() else "")
            if checked[folder]:
                reason = f"{checked[folder]} ({folder})"
                break
        target = out / relative
        if not reason and os.path.lexists(target) and relative not in written:
            if target.is_symlink() or not target.is_file():
                reason = "not a file written by teipress"
            elif not _same_bytes(target, staging / relative):
                reason = "a file teipress did not write"
        if reason:
            found[relative] = reason
    return found


def publish(staging: Path, out: Path, written: set[str], adoptable: Callable[[], set[str]] | None = None) -> list[str]:
    """Move every file of ``staging`` into ``out`` and give their paths (relative to ``out``).

    ``written`` are the files of ``out`` that teipress wrote (the only ones it may replace);
    ``adoptable`` gives more files it may replace (an output's own files whose record was lost),
    asked only when a staged file is in the way of a file not in ``written`` (finding them may
    mean walking a large folder). Raise PublishConflict, moving nothing, when another file is in
    the way; when a move fails (OSError, Ctrl-C), the files replaced so far are put back before
    the error goes on. The staging folder is removed in every case."""
    try:
        files = staged_files(staging)
        found = conflicts(staging, out, files, written)
        if found and adoptable is not None:
            found = conflicts(staging, out, sorted(found), written | adoptable())
        if found:
            raise PublishConflict(out, sorted(found), found)
        _move_all(staging, out, files)
        return files
    finally:
        abandon(staging)


def _move_all(staging: Path, out: Path, files: list[str]) -> None:
    made: list[Path] = []  # folders this publication created, to remove on failure
    done: list[tuple[Path, Path | None]] = []  # (target, the saved copy of what it replaced)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for relative in files:
            target = out / relative
            for folder in reversed(target.parents):
                if folder != out and folder.is_relative_to(out) and not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            saved = _keep_copy(target) if os.path.lexists(target) else None
            done.append((target, saved))
            move(staging / relative, target)
    except BaseException:
        for target, saved in reversed(done):
            try:
                if saved is None:
                    target.unlink(missing_ok=True)
                elif os.path.lexists(target) and os.path.samestat(os.lstat(saved), os.lstat(target)):
                    saved.unlink()  # not replaced yet (and a rename between two links of one file does nothing)
                else:
                    os.replace(saved, target)
            except OSError:
                pass  # the next build finds the file changed behind the cache and makes it again
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise
    for _, saved in done:
        if saved is not None:
            saved.unlink(missing_ok=True)


def _keep_copy(target: Path) -> Path:
    """Keep what ``target`` holds beside it until the publication is done, and give where:
    a hard link (no copying), else a copy; nothing is left when that fails."""
    saved = target.with_name(f".{target.name}{BACKUP_SUFFIX}")
    if os.path.lexists(saved):
        saved.unlink()
    try:
        os.link(target, saved, follow_symlinks=False)
    except OSError:
        try:
            shutil.copy2(target, saved, follow_symlinks=False)
        except BaseException:
            saved.unlink(missing_ok=True)
            raise
    return saved


def move(source: Path, target: Path) -> None:
    """Move the file ``source`` to ``target``, replacing it atomically, across file systems too
    (copied beside the target, then renamed over it)."""
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        fd, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=BACKUP_SUFFIX, dir=target.parent)
        os.close(fd)
        try:
            shutil.copy2(source, partial)
            os.replace(partial, target)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        source.unlink()


def remove_written(out: Path, paths: Iterable[str], written: dict[str, list[int]]) -> list[str]:
    """Remove from ``out`` the files of ``paths`` that teipress wrote and that are as it wrote them
    (size and modification time in ``written``); give those removed. Emptied folders go too."""
    removed = []
    for relative in paths:
        target = out / relative
        expected = written.get(relative)
        if expected is None or any(out.joinpath(*Path(relative).parts[:d]).is_symlink()
                                   for d in range(1, len(Path(relative).parts))):
            continue
        try:
            stat = os.lstat(target)
        except OSError:
            removed.append(relative)
            continue
        if [stat.st_size, stat.st_mtime_ns] == list(expected):
            target.unlink()
            removed.append(relative)
            folder = target.parent
            while folder != out and folder.is_relative_to(out):
                try:
                    folder.rmdir()
                except OSError:
                    break
                folder = folder.parent
    return removed


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with open(a, "rb") as first, open(b, "rb") as second:
            while True:
                x, y = first.read(1 << 20), second.read(1 << 20)
                if x != y:
                    return False
                if not x:
                    return True
    except OSError:
        return False
