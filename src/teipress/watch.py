"""Rebuild an edition whenever one of its input files changes.

The inputs (the texts, ``teipress.toml``, an overriding stylesheets folder) are
polled by modification time and size: the standard library only, the same on
every system, and cheap enough for thousands of files every half second. Each
change runs an ordinary build, which the build cache makes incremental."""

from __future__ import annotations

import fnmatch
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .config import SETTINGS_FILE, Settings, load_settings
from .errors import TeipressError
from .events import Progress
from .pipeline import BuildReport
from .tasks import build_edition, stylesheets_for
from .transform import Stylesheets

# A file to watch, or a folder and the pattern of the names of the files in it that count ("*": all).
Input = tuple[Path, str]
# Each watched file's (modification time in ns, size), or None for a watched path that does not exist.
Snapshot = dict[Path, tuple[int, int] | None]
# Asked between polls whether to stop: an Event (which also ends the wait at once) or a predicate.
Stop = threading.Event | Callable[[], bool] | None


@dataclass(frozen=True)
class Rebuild:
    """One build the watcher ran, or tried to run: ``report`` when it ran, else the ``error`` that stopped it."""

    changed: tuple[Path, ...]  # the files whose change caused it; () for the first build
    out: Path | None = None  # the output folder built into (None when the settings could not be read)
    report: BuildReport | None = None
    # A bad teipress.toml, a missing folder, a stylesheet that does not compile, a file that cannot be read.
    error: TeipressError | OSError | None = None


def watched_inputs(settings: Settings, paths: Iterable[str | Path] = ()) -> list[Input]:
    """Give what a build of ``settings`` reads: the TEI files (``paths`` if given, else the
    settings' texts), the settings file and the overriding stylesheets folder if there is one."""
    inputs: list[Input] = [(Path(p), "*.xml") for p in paths] or [(p, "*.xml") for p in settings.texts]
    inputs.append((settings.file, ""))
    if settings.stylesheets is not None:
        inputs.append((settings.stylesheets, "*"))  # modules, CSS, scripts, fonts: all of it is copied or compiled
    return inputs


def snapshot(inputs: Iterable[Input], exclude: Iterable[Path] = ()) -> Snapshot:
    """Give the modification time and size of every file of ``inputs``, leaving out hidden
    files and folders and everything under an ``exclude`` folder (the output, which
    may lie inside a watched folder)."""
    excluded = {_key(p) for p in exclude}
    found: Snapshot = {}
    for path, pattern in inputs:
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__"
                                 and _key(Path(folder, d)) not in excluded)
                for name in files:
                    if not name.startswith(".") and fnmatch.fnmatch(name, pattern or "*"):
                        _stat_into(found, Path(folder, name))
        else:
            found[path] = None  # recorded even when missing, so that its creation counts as a change
            _stat_into(found, path)
    return found


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def _stat_into(found: Snapshot, path: Path) -> None:
    try:
        status = path.stat()
    except OSError:  # removed between listing and stat: it is simply not there
        return
    found[path] = (status.st_mtime_ns, status.st_size)


def changed_files(before: Snapshot, after: Snapshot) -> list[Path]:
    """Give the files added, removed or modified between two snapshots, sorted."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


class _Builder:
    """Runs the watcher's builds, keeping the compiled stylesheets as long as they have not changed."""

    def __init__(self, paths: Iterable[str | Path], progress: Progress | None):
        self.paths, self.progress = list(paths), progress
        self._stylesheets: Stylesheets | None = None
        self._root: Path | None = None

    def __call__(self, settings: Settings, changed: tuple[Path, ...], force: bool) -> BuildReport:
        root = settings.stylesheets
        stale = root is not None and any(_key(root) in (_key(c), *map(_key, c.parents)) for c in changed)
        if self._stylesheets is None or root != self._root or stale:
            self._stylesheets, self._root = stylesheets_for(settings), root
        return build_edition(settings, self.paths, stylesheets=self._stylesheets, force=force,
                             progress=self.progress)


def watch(folder: str | Path, notify: Callable[[Rebuild], None], *, paths: Iterable[str | Path] = (),
          overrides: dict | None = None, interval: float = 0.5, stop: Stop = None,
          max_rounds: int | None = None, build_first: bool = True, force: bool = False,
          progress: Progress | None = None) -> int:
    """Give the number of rebuilds reported while watching the edition in ``folder``: every
    ``interval`` seconds its inputs are polled and, when one changed, the edition
    is built again and ``notify`` is given the :class:`Rebuild`.

    The settings are read again before each poll (``overrides``, the CLI's flags,
    apply on top), so an edited teipress.toml takes effect; a build that fails
    is reported and watching goes on. Ends when ``stop`` is set (or returns True)
    or after ``max_rounds`` polls; ``build_first`` builds once before any change
    (``force`` then ignores the build cache for that first build)."""
    folder, paths = Path(folder), list(paths)
    build = _Builder(paths, progress)
    inputs: list[Input] = [(folder / SETTINGS_FILE, "")]
    exclude: list[Path] = []
    previous: Snapshot | None = None
    rounds = rebuilds = 0
    while not _stopped(stop):
        settings, error = None, None
        try:
            settings = load_settings(folder).with_overrides(**(overrides or {}))
            inputs, exclude = watched_inputs(settings, paths), [settings.out]
        except TeipressError as exc:
            error = exc  # a bad teipress.toml: keep watching what was watched, the file included
        current = snapshot(inputs, exclude)
        if (previous is None and build_first) or (previous is not None and current != previous):
            changed = () if previous is None else tuple(changed_files(previous, current))
            if settings is not None:
                try:
                    report = build(settings, changed, force and previous is None)
                except (TeipressError, OSError) as exc:  # OSError: a file gone mid-save, a full disk
                    notify(Rebuild(changed, settings.out, error=exc))
                else:
                    notify(Rebuild(changed, settings.out, report=report))
            else:
                notify(Rebuild(changed, error=error))
            rebuilds += 1
        previous = current
        rounds += 1
        if max_rounds is not None and rounds >= max_rounds:
            break
        _wait(stop, interval)
    return rebuilds


def _stopped(stop: Stop) -> bool:
    if stop is None:
        return False
    return stop.is_set() if isinstance(stop, threading.Event) else bool(stop())


def _wait(stop: Stop, seconds: float) -> None:
    if isinstance(stop, threading.Event):
        stop.wait(seconds)  # returns at once when the event is set
    else:
        time.sleep(seconds)
