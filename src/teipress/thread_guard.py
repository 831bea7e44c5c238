"""Threads that never free a saxonche object.

GraalVM, which runs Saxon inside saxonche, ends the whole process ("Fatal error: StackOverflowError
… detachCurrentThread") when a Python thread other than the one that works with Saxon frees a
saxonche object: the thread is attached to the isolate for the call and crashes when detached.
Python's cyclic garbage collector runs in whichever thread allocates when it is due, so a thread
of ours that only zips files or waits for Pagefind may be the one that collects a processor or a
compiled stylesheet the build let go. Seen: builds of 1,000 and 10,000 letters ending on SIGABRT
in the search index's threads, a run in six; reproduced by collecting a dropped Stylesheets in a thread.

:func:`collected_here` collects the garbage in the calling thread first, then freezes every object
left (``gc.freeze``: the collector never looks at them again until the block ends), so whatever
Saxon object exists when the threads start can only be freed by its reference count, where its
last reference goes, never by a collection in one of them. The collector still runs for what the
threads make: with it off, as it was at first, the search index of 10,000 letters held 1.7 GB of
lxml's cyclic garbage (its pull parser's trees) until the index was done. The threads make no
saxonche object, and the calling thread makes none while it waits for them.
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
    """Run the block with this thread's garbage collected first and every object then alive kept
    from the collector until it ends (frozen). Inside another such block, nothing more is done: the
    thread that opened the outer block collected and froze, and this one may be one of its threads."""
    global _open
    with _lock:
        outer = _open == 0
        _open += 1
    if outer:
        gc.collect()
        gc.freeze()
    try:
        yield
    finally:
        with _lock:
            _open -= 1
            last = _open == 0
        if last:
            gc.unfreeze()
