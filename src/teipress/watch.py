"""Rebuild an edition whenever one of its input files changes.

The inputs (the texts, ``teipress.toml``, an overriding stylesheets folder) are
watched through the operating system's change notifications (inotify, FSEvents,
ReadDirectoryChangesW) by watchfiles' Rust backend, so an idle watch costs nothing
however many files the edition has; where the system cannot notify (a network
file system, too many folders for inotify) it polls instead. Each change runs an
ordinary build, which the build cache makes incremental.

Every folder is registered on its own, not recursively: then the output folder
and the build cache, even inside a watched folder, are never watched at all (a
build writing thousands of files must neither trigger a rebuild nor crowd out
the events of a save), and a single file such as ``teipress.toml`` is watched
through its folder, which sees an editor's save-by-rename that a watch on the
file itself would lose track of."""

from __future__ import annotations

import fnmatch
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .cache import CACHE_FOLDER
from .config import SETTINGS_FILE, Settings, load_settings
from .errors import OutputError, TeipressError
from .events import Progress
from .pipeline import BuildReport
from .tasks import build_edition, stylesheets_for
from .transform import Stylesheets

# A file to watch, or a folder and the pattern of the names of the files in it that count ("*": all).
Input = tuple[Path, str]
# Asked while waiting whether to stop: an Event or a predicate.
Stop = threading.Event | Callable[[], bool] | None

# The longest a stream of changes is gathered into one rebuild (milliseconds): a checkout
# of thousands of files is one rebuild, yet changes that never stop still get built.
_DEBOUNCE_MS = 10_000
# How often to try again to register folders that vanish while being registered.
_REGISTER_ATTEMPTS = 5
# The kinds of change the backend reports (watchfiles.Change).
_ADDED, _MODIFIED, _DELETED = 1, 2, 3


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


def excluded_folders(settings: Settings) -> list[Path]:
    """Give the folders a build of ``settings`` writes into, which must not be watched: the
    output folder and the build cache beside it (where the build stages its output)."""
    return [settings.out, settings.out.parent / CACHE_FOLDER]


def _key(path: str | Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def _hidden(name: str) -> bool:
    # Editors' swap and lock files (.x.swp, .#x), version control, caches: never an input.
    return name.startswith(".") or name == "__pycache__"


class WatchedPaths:
    """What a watch looks at: the folders to register with the system, and which of the
    changes reported in them count (hidden files and excluded folders never do)."""

    def __init__(self, inputs: Iterable[Input], exclude: Iterable[Path] = ()):
        self.inputs = [(Path(path), pattern) for path, pattern in inputs]
        self.exclude = [Path(path) for path in exclude]
        self._roots = [(_key(path), pattern) for path, pattern in self.inputs]
        self._excluded = [_key(path) for path in self.exclude]
        self.folders = self._list_folders()
        self._folder_keys = {_key(folder) for folder in self.folders}

    def _is_excluded(self, key: str) -> bool:
        return any(key == ex or key.startswith(ex + os.sep) for ex in self._excluded)

    def _list_folders(self) -> list[Path]:
        """Give every folder whose entries are to be watched, sorted: each watched folder and
        its subfolders, and the folder of each watched file (or, for a path that does not
        exist yet, its nearest existing ancestor, which will see it appear)."""
        found: dict[str, Path] = {}
        for path, _ in self.inputs:
            if path.is_dir():
                # Listing folders reads names only, no stat of each file; an unreadable one is skipped.
                for folder, dirs, _files in os.walk(path):
                    dirs[:] = [d for d in dirs if not _hidden(d) and not self._is_excluded(_key(Path(folder, d)))]
                    found.setdefault(_key(folder), Path(folder))
            else:
                parent = path.parent
                while not parent.is_dir() and parent != parent.parent:
                    parent = parent.parent
                found.setdefault(_key(parent), parent)
        return sorted(found.values())

    def again(self) -> "WatchedPaths":
        """Give the same inputs with their folders listed anew."""
        return WatchedPaths(self.inputs, self.exclude)

    def counts(self, path: str | Path) -> bool:
        """Say whether a change of ``path`` (a file or folder in a watched folder) is a change of the inputs."""
        key = _key(path)
        for root, pattern in self._roots:
            if key == root:
                return True
            if key.startswith(root + os.sep):
                if self._is_excluded(key) or any(_hidden(part) for part in key[len(root) + 1:].split(os.sep)):
                    return False
                # A folder added, removed or renamed: its files came or went with it.
                if key in self._folder_keys or os.path.isdir(path):
                    return True
                return fnmatch.fnmatch(os.path.basename(key), pattern or "*")
            if root.startswith(key + os.sep):
                return True  # a folder on the way to an input, made or removed
        return False

    def changed(self, changes: Iterable[tuple[int, str]]) -> tuple[Path, ...]:
        """Give the inputs among the raw ``(change, path)`` pairs of one batch, sorted, leaving
        out a file made and deleted within the batch (an editor's temporary file)."""
        kinds: dict[str, set[int]] = {}
        for change, path in changes:
            if self.counts(path):
                kinds.setdefault(path, set()).add(change)
        transient = {_ADDED, _DELETED}
        return tuple(sorted(Path(path) for path, seen in kinds.items()
                            if not (transient <= seen and not os.path.lexists(path))))


class _StopWhen:
    """A predicate in the shape of an Event, which is what the Rust backend asks."""

    def __init__(self, predicate: Callable[[], bool]):
        self.is_set = lambda: bool(predicate())


def _stopped(stop) -> bool:
    return stop is not None and stop.is_set()


class _Events:
    """Changes as the system reports them, through watchfiles' Rust backend (notify)."""

    def __init__(self, folders: list[Path], interval: float):
        # Imported here: `teipress build` and `validate` need not pay for it (~60 ms).
        from watchfiles import _rust_notify

        self._internal_error = _rust_notify.WatchfilesRustInternalError
        self.step_ms = max(int(interval * 1000), 1)
        try:
            # Not recursive (see the module's docstring); permission denied: that folder goes
            # unwatched, and the build reports what it cannot read.
            self._notify = _rust_notify.RustNotify([str(f) for f in folders], False, False, 0, False, True)
        except self._internal_error as exc:  # e.g. inotify's limit of instances reached
            raise OSError(str(exc)) from exc

    def wait(self, stop) -> set[tuple[int, str]] | str:
        """Give the next batch of raw changes, once none came for one interval, or "stop" or "signal"."""
        try:
            # No timeout: the backend's timeout clears changes that arrive at that moment.
            return self._notify.watch(_DEBOUNCE_MS, self.step_ms, 0, stop)
        except self._internal_error as exc:  # the system's watcher failed: its events may be lost
            raise OSError(str(exc)) from exc

    def close(self) -> None:
        self._notify.close()


class _Polling:
    """Changes found by looking at every entry of the watched folders every interval.

    For where the system cannot notify: a network file system that another machine
    writes to, too many folders for inotify. Not watchfiles' own polling: notify 8.0
    compares modification times in whole seconds, and so misses a second save within
    the same second; here the time in nanoseconds, the size and the inode are compared."""

    def __init__(self, folders: list[Path], interval: float):
        self.folders, self.interval = folders, interval
        self._seen = self._look()

    def _look(self) -> dict[str, tuple[int, int, int] | None]:
        found: dict[str, tuple[int, int, int] | None] = {}
        for folder in self.folders:
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        try:
                            if entry.is_dir():
                                found[entry.path] = None  # a folder counts when it comes or goes
                            else:
                                status = entry.stat()
                                found[entry.path] = (status.st_mtime_ns, status.st_size, status.st_ino)
                        except OSError:  # gone between listing and stat: it is simply not there
                            pass
            except OSError:
                pass
        return found

    def _pause(self, stop) -> None:
        if isinstance(stop, threading.Event):
            stop.wait(self.interval)  # returns at once when the event is set
        else:
            time.sleep(self.interval)  # Ctrl-C ends it

    def wait(self, stop) -> set[tuple[int, str]] | str:
        """Give the raw changes once a look finds no more of them, or "stop"."""
        changes: set[tuple[int, str]] = set()
        while True:
            self._pause(stop)
            if _stopped(stop):
                return "stop"
            now = self._look()
            new = {(_ADDED if path not in self._seen else _DELETED if path not in now else _MODIFIED, path)
                   for path in self._seen.keys() | now.keys() if self._seen.get(path, 0) != now.get(path, 0)}
            self._seen = now
            if changes and not new:
                return changes
            changes |= new

    def close(self) -> None:
        pass


class Notifier:
    """The changes to the watched folders, gathered into batches: as the system reports
    them, or, where it cannot, by looking at the folders every interval.

    It keeps gathering while the caller builds, so that a save made during a build is
    the next batch; :meth:`follow` changes what is watched, before the build that reads
    the files, so that nothing saved after that build started goes unseen."""

    def __init__(self, interval: float = 0.5, polling: bool = False):
        self.interval, self.polling = interval, polling
        self.watched: WatchedPaths | None = None
        self._backend: _Events | _Polling | None = None

    def follow(self, watched: WatchedPaths) -> None:
        """Watch ``watched`` from now on (the folders are registered again only if they differ)."""
        unchanged = self._backend is not None and self.watched is not None and self.watched.folders == watched.folders
        self.watched = watched
        if not unchanged:
            self._open()

    def _open(self) -> None:
        self.close()
        for _ in range(_REGISTER_ATTEMPTS):
            if self.polling:
                self._backend = _Polling(self.watched.folders, self.interval)
                return
            try:
                self._backend = _Events(self.watched.folders, self.interval)
                return
            except FileNotFoundError:
                self.watched = self.watched.again()  # a folder went between listing and registering
            except OSError:
                self.polling = True  # no notifications to be had (inotify's limits reached): poll
        raise OutputError(f"cannot watch {', '.join(map(str, self.watched.folders))}: its folders keep vanishing")

    def wait(self, stop: Stop = None) -> tuple[Path, ...] | None:
        """Give the inputs changed in the next batch, once no change has come for one interval
        (``()`` when the system lost track: build anyway); None when ``stop`` is set.

        Ctrl-C raises KeyboardInterrupt; ``stop`` and Ctrl-C are seen within one interval."""
        event = _StopWhen(stop) if callable(stop) else stop
        while True:
            try:
                raw = self._backend.wait(event)
            except OSError:
                # The system's watcher failed and events may be lost: poll from now on, and build.
                self.polling = True
                self._open()
                return ()
            if raw == "stop":
                return None
            if raw == "signal":
                raise KeyboardInterrupt
            changed = self.watched.changed(raw)
            if changed:
                return changed

    def close(self) -> None:
        """Stop watching (the backend's thread ends)."""
        if self._backend is not None:
            self._backend.close()
            self._backend = None

    def __enter__(self) -> "Notifier":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


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


def _read_settings(folder: Path, overrides: dict | None) -> tuple[Settings | None, TeipressError | None]:
    try:
        return load_settings(folder).with_overrides(**(overrides or {})), None
    except TeipressError as exc:
        return None, exc


def _rebuild(build: _Builder, settings: Settings | None, error: TeipressError | None,
             changed: tuple[Path, ...], force: bool) -> Rebuild:
    if settings is None:
        return Rebuild(changed, error=error)
    try:
        return Rebuild(changed, settings.out, report=build(settings, changed, force))
    except (TeipressError, OSError) as exc:  # OSError: a file gone mid-save, a full disk
        return Rebuild(changed, settings.out, error=exc)


def watch(folder: str | Path, notify: Callable[[Rebuild], None], *, paths: Iterable[str | Path] = (),
          overrides: dict | None = None, interval: float = 0.5, stop: Stop = None,
          max_rebuilds: int | None = None, build_first: bool = True, force: bool = False,
          progress: Progress | None = None, polling: bool = False) -> int:
    """Give the number of rebuilds reported while watching the edition in ``folder``: when
    its inputs change, the edition is built again and ``notify`` is given the :class:`Rebuild`.

    Changes are gathered until none has come for ``interval`` seconds, so a burst of
    saves is one rebuild. ``polling`` looks at the folders every ``interval`` seconds
    instead of being told by the system (which sees nothing another machine writes
    to a network file system); polling is also the fallback where the system cannot
    notify. The settings are read again before each rebuild (``overrides``, the CLI's
    flags, apply on top), so an edited teipress.toml takes effect; a build that fails
    is reported and watching goes on. Ends when ``stop`` is set (or returns True),
    within ``interval`` seconds, or after ``max_rebuilds``; ``build_first`` builds
    once before any change (``force`` then ignores the build cache for that build)."""
    folder, paths = Path(folder), list(paths)
    build = _Builder(paths, progress)
    rebuilds, first, changed = 0, True, ()
    watched = WatchedPaths([(folder / SETTINGS_FILE, "")])  # while the settings cannot be read
    with Notifier(interval, polling) as notifier:
        while True:
            settings, error = _read_settings(folder, overrides)
            if settings is not None:  # a bad teipress.toml keeps what was watched (the file included)
                watched = WatchedPaths(watched_inputs(settings, paths), excluded_folders(settings))
            # Watching (again) before the build reads the files: a save during the build is the next batch.
            notifier.follow(watched)
            if build_first or not first:
                notify(_rebuild(build, settings, error, changed, force and first))
                rebuilds += 1
                if max_rebuilds is not None and rebuilds >= max_rebuilds:
                    break
            first = False
            changed = notifier.wait(stop)
            if changed is None:
                break
    return rebuilds
