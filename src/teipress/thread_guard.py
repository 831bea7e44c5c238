"""Threads that never free a saxonche object.

GraalVM, which runs Saxon inside saxonche, ends the whole process ("Fatal error: StackOverflowError
… detachCurrentThread") when a Python thread other than the one that works with Saxon frees a
saxonche object: the thread is attached to the isolate for the call and crashes when detached.
Python's cyclic garbage collector runs in whichever thread allocates when it is due, so a thread
of ours that only zips files or waits for Pagefind may be the one that collects a processor or a
compiled stylesheet the build let go. Seen: builds of 1,000 and 10,000 letters ending on SIGABRT
in the search index's threads, a run in six; reproduced by collecting a dropped Stylesheets in a thread.

:func:`collected_here` collects the garbage in the calling thread first and keeps the collector
from running while the threads work (objects freed by their reference counts are freed where the
last reference goes: the threads hold no saxonche object).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


# How many guarded blocks are open, in any thread (a guarded thread may open one of its own).
_open = 0
_lock = threading.Lock()


@contextmanager
def collected_here() -> Iterator[None]:
    """Run the block with this thread's garbage collected first and no collection until it ends.
    Inside another such block, nothing more is collected: the thread that opened the outer block
    collected, and this one may be one of its threads (which must free no saxonche object)."""
    global _open
    with _lock:
        outer = _open == 0
        _open += 1
    if outer:
        gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        with _lock:
            _open -= 1
        if enabled:
            gc.enable()
