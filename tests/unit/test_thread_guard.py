"""A thread of ours never frees a saxonche object: GraalVM ends the process when one does."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import gc, threading
from teipress.transform import Stylesheets
from teipress.thread_guard import collected_here

class Holder: pass

def drop():
    holder = Holder(); holder.cycle = holder; holder.stylesheets = Stylesheets(None, ("data/data.xsl",))
    holder.stylesheets.lock()

drop()  # a compiled stylesheet in cyclic garbage, as a build lets one go
gc.disable()  # the collector would otherwise run at a moment no test chooses
found = []
with {guard}:
    thread = threading.Thread(target=lambda: found.append(gc.collect()))
    thread.start(); thread.join()
print("collected in the thread:", found[0])
"""


def _run(guard: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT.format(guard=guard)], capture_output=True, text=True, timeout=120)


def test_a_thread_under_the_guard_finds_no_saxon_object_to_free():
    done = _run("collected_here()")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "collected in the thread: 0"


def test_without_the_guard_the_thread_frees_it_and_graalvm_ends_the_process():
    """What the guard is for (GraalVM 25 in saxonche 13.1): if this passes no longer, the guard may go."""
    done = _run("open('/dev/null')")
    assert done.returncode != 0 and "Fatal error" in done.stdout + done.stderr


def test_a_guard_inside_a_guarded_thread_collects_nothing_there(monkeypatch):
    """The archives' threads are guarded, and the search index's own threads inside one of them
    open a guard of their own: only the outer guard's thread collects."""
    import gc
    import threading

    from teipress import thread_guard

    collected_in = []
    monkeypatch.setattr(thread_guard.gc, "collect", lambda: collected_in.append(threading.current_thread().name))

    def nested():
        with thread_guard.collected_here():
            pass

    with thread_guard.collected_here():
        worker = threading.Thread(target=nested, name="archive")
        worker.start()
        worker.join()
    assert collected_in == [threading.current_thread().name]
    assert gc.isenabled()
    with thread_guard.collected_here():  # the count went back: a later guard collects again
        pass
    assert len(collected_in) == 2


def test_a_guarded_threads_own_cyclic_garbage_is_collected_while_it_runs():
    """The guard keeps the collector from what existed before the block, not from what the threads
    make: the search index's pull parsers leave cyclic garbage (1.7 GB at 10,000 letters when the
    collector was off until the index was done)."""
    import gc
    import threading
    import weakref

    from teipress.thread_guard import collected_here

    class Node:
        pass

    before = Node()
    before.cycle = before
    kept = weakref.ref(before)
    del before  # garbage from before the block: collected first, in this thread
    seen = {}

    def work():
        node = Node()
        node.cycle = node
        seen["made"] = weakref.ref(node)
        del node
        held = [[] for _ in range(50_000)]  # containers kept: enough for the collector's thresholds to run it
        seen["collected"] = seen["made"]() is None and len(held) == 50_000

    assert gc.isenabled()
    with collected_here():
        assert kept() is None
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    assert seen["collected"]
