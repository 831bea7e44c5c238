"""A build's worker processes end with it: a build stopped (SIGTERM, as a CI runner or a process
manager stops it) or killed (SIGKILL) while its workers are inside long transformations leaves no
worker running, and a stopped build does not wait for them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import write

# A text page that takes half a minute: every body sums 400 million numbers before it is rendered.
SLOW = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0">
  <xsl:template match="tei:body" priority="10">
    <xsl:comment select="sum(for $i in 1 to 400000000 return $i mod 7)"/>
    <xsl:next-match/>
  </xsl:template>
</xsl:stylesheet>
"""
TEXT = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Text {n}</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>Words of text {n}.</p></body></text></TEI>
"""


def _workers(parent: int) -> list[int]:
    """The pool workers the process ``parent`` started (spawned: their command runs spawn_main)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == parent and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's parent-death signal is Linux's")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["stopped", "killed"])
def test_a_build_ended_while_its_workers_transform_leaves_no_worker_running(tmp_path, stop):
    for n in range(1, 11):
        write(tmp_path / "src" / f"text-{n:02}.xml", TEXT.format(n=n))
    write(tmp_path / "overrides" / "html" / "slow.xsl", SLOW)
    write(tmp_path / "teipress.toml", '[edition]\ntitle = "Slow"\n\n[build]\nstylesheets = "overrides"\njobs = 2\n')
    build = subprocess.Popen([sys.executable, "-c", "from teipress.cli import main; main()", "build", "src",
                              "--out", "out", "--format", "html"], cwd=tmp_path,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
            time.sleep(0.2)
            workers = _workers(build.pid)
        assert len(workers) == 2, "the build started no pool"
        time.sleep(8)  # the workers compile their stylesheets and are inside the first page
        assert build.poll() is None and all(_running(pid) for pid in workers)
        build.send_signal(stop)
        build.wait(timeout=20)  # a stopped build ends its workers instead of waiting for their pages
        deadline = time.monotonic() + 10
        while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [pid for pid in workers if _running(pid)] == []
    finally:
        if build.poll() is None:
            build.kill()
        for pid in workers:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
