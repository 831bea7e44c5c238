"""Validation of many files on all cores: the files in sets, checked by this process and by
worker processes at once.

Each process compiles the schemas once (a :class:`teipress.models.Checker`) and checks one set
of files after another: it reads them, checks them against their grammars and rules, and
checks their pointers against an index of the set and of the files the set points into (the
registers, read once per process). The register entries no text references are only known
once every set is checked: each set gives its entries and its references, and
:func:`teipress.models.combine` gives the warnings. The result is the one a single process
gives, which a test compares.

Rules that see the files together and are not teipress's (a foreign XSLT 1 Schematron given
as ``--rules`` or in teipress.toml) cannot be checked in sets: the files are then checked in
this process, as one set.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .models import Checked, Checker, Choices

# Files per set: small enough for the processes to finish together, large enough that a set's
# cost is its files' (and not the look-ups its index is built for).
SET_SIZE = 50
# Fewer files than this are checked in this process alone: a worker's start (a Python process,
# lxml, the schemas compiled) costs about as much as checking a few hundred files.
POOL_FROM = 400


def check_all(checker: Checker, files: list[Path], jobs: int | None = None) -> list[Checked]:
    """Give what checking ``files`` found, set by set, in ``jobs`` processes at once (default:
    one per core; this process is one of them). A set whose worker died is checked here."""
    processes = _processes(jobs, len(files))
    if processes <= 1 or not checker.divisible:
        return [checker.check(files)]
    sets = deque(files[start:start + SET_SIZE] for start in range(0, len(files), SET_SIZE))
    results: list[Checked] = []
    again: list[list[Path]] = []
    # spawn, not fork: the rules may run on SaxonC, whose runtime does not survive a fork.
    with ProcessPoolExecutor(max_workers=processes - 1, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start, initargs=(checker.choices,)) as pool:
        def feed() -> None:
            """Keep one worker busy: give it the next set as soon as it is done with one."""
            while sets:
                try:
                    chosen = sets.popleft()
                except IndexError:
                    return
                try:
                    results.append(pool.submit(_check, chosen).result())
                except Exception:  # noqa: BLE001 - the worker died or could not answer: checked here
                    again.append(chosen)

        feeders = [threading.Thread(target=feed, daemon=True) for _ in range(processes - 1)]
        for feeder in feeders:
            feeder.start()
        try:
            while sets:
                try:
                    chosen = sets.popleft()
                except IndexError:
                    break
                results.append(checker.check(chosen))
        finally:
            sets.clear()  # interrupted: the feeders stop after their set
            for feeder in feeders:
                feeder.join()
    results.extend(checker.check(chosen) for chosen in again)
    return results


def _processes(jobs: int | None, files: int) -> int:
    """Give how many processes check ``files`` files: at most the cores (and ``jobs``), one per set at most."""
    if files < POOL_FROM:
        return 1
    cores = os.cpu_count() or 1
    return max(1, min(jobs or cores, cores, math.ceil(files / SET_SIZE)))


_CHECKER: Checker | None = None


def _start(choices: Choices) -> None:
    """Compile a worker's schemas once, for every set it checks."""
    global _CHECKER
    _CHECKER = Checker(choices)


def _check(files: list[Path]) -> Checked:
    return _CHECKER.check(files)
