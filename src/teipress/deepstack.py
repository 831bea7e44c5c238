"""Running a deeply recursive call (WeasyPrint's layout and drawing) where it has room.

WeasyPrint walks the box tree and inherits styles recursively, several Python
frames for every level of element nesting: a text nested a few hundred
elements deep (the safe parser allows 256) exceeds Python's default recursion
limit of 1,000. Raising the limit alone would overflow the C stack of the
calling thread, so the call runs in a thread of its own with a large stack,
under a raised limit that is put back when the last such call ends.
"""

from __future__ import annotations

import sys
import threading
from typing import Callable, TypeVar

from .thread_guard import collected_here

T = TypeVar("T")

# Room for a text at the parser's nesting bound with a wide margin. Measured with
# WeasyPrint 70: 268 nested elements (256 and the page's wrappers) lay out under a
# limit of 1,500; 2,000 nested elements lay out under this limit and stack size.
RECURSION_LIMIT = 20_000
STACK_SIZE = 512 * 1024 * 1024  # virtual: pages are only used as the stack grows

_lock = threading.Lock()
_active = 0  # deep calls running now (the limit is process-wide)
_saved_limit = 0


def call_deep(function: Callable[..., T], *args, **kwargs) -> T:
    """Give ``function(*args, **kwargs)``, computed in a thread with a large stack under a raised recursion limit.

    An exception of the call is raised again here, in the calling thread."""
    global _active, _saved_limit
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as exc:  # handed to the caller, which raises it
            outcome["error"] = exc

    with _lock:
        if _active == 0:
            _saved_limit = sys.getrecursionlimit()
            sys.setrecursionlimit(max(_saved_limit, RECURSION_LIMIT))
        _active += 1
    try:
        # The thread lays out with this process's Saxon objects about: it must not be the one to free them.
        with collected_here():
            with _lock:
                previous_size = threading.stack_size(STACK_SIZE)
                try:
                    # A daemon: Ctrl-C in the caller must not wait for the layout to finish.
                    thread = threading.Thread(target=run, name="teipress-deep-call", daemon=True)
                    thread.start()
                finally:
                    threading.stack_size(previous_size)
            thread.join()
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                sys.setrecursionlimit(_saved_limit)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
