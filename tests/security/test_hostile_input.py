"""Hostile input: each refused (or made harmless) quickly, in bounded memory, with a clear located message."""

from __future__ import annotations

import subprocess
import sys
import time

from click.testing import CliRunner
from lxml import html

from teipress.cli import main

from ..conftest import MINIMAL_HEADER, tei, write

TEI_OPEN = f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{MINIMAL_HEADER}<text><body>'
TEI_CLOSE = "</body></text></TEI>"


def _build(folder, out):
    """Give the CLI result of building ``folder`` and the seconds it took."""
    start = time.monotonic()
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(out), "--format", "html",
                                       "--build-date", "2000-01-01"])
    return result, time.monotonic() - start


def test_billion_laughs_is_refused_quickly(tmp_path):
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    path = write(tmp_path / "tei" / "laughs.xml", f"<!DOCTYPE TEI [{entities}]>{TEI_OPEN}<p>&a9;</p>{TEI_CLOSE}")
    result, seconds = _build(path.parent, tmp_path / "out")
    assert result.exit_code == 1 and seconds < 5
    assert result.stderr.splitlines()[0].startswith(f"{path}:1:")
    assert result.stderr.splitlines()[0].endswith(
        ": error: refused: its entities expand beyond the safe parser's bound "
        "(an entity bomb such as 'billion laughs'); nothing was expanded")


def test_external_entity_is_refused_and_not_read(tmp_path):
    doctype = '<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    source = f"{doctype}\n{TEI_OPEN}<p>&x;</p>{TEI_CLOSE}"
    path = write(tmp_path / "tei" / "xxe.xml", source)
    result, seconds = _build(path.parent, tmp_path / "out")
    assert result.exit_code == 1 and seconds < 5
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "&x;" in text)
    col = source.splitlines()[line - 1].index("&x;") + len("&x;") + 1  # libxml2 reports the place after the reference
    assert result.stderr.splitlines()[0] == (
        f"{path}:{line}:{col}: error: refused: the external entity 'x' (SYSTEM \"file:///etc/passwd\") is not read: "
        "teipress never loads external entities or DTDs")
    assert not (tmp_path / "out").exists() or "root:" not in "".join(
        p.read_text(errors="replace") for p in (tmp_path / "out").rglob("*.html"))


def test_ten_thousand_deep_nesting_is_refused_quickly(tmp_path):
    path = write(tmp_path / "tei" / "deep.xml", TEI_OPEN + "<div>" * 10_000 + "<p>x</p>" + "</div>" * 10_000 + TEI_CLOSE)
    result, seconds = _build(path.parent, tmp_path / "out")
    assert result.exit_code == 1 and seconds < 5
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:2:") and first.endswith(
        ": error: refused: elements nested more than 256 deep (the safe parser's bound)")


def test_deep_but_allowed_nesting_builds(tmp_path):
    """250 nested divs (under the parser's bound of 256) render without a stack overflow."""
    path = write(tmp_path / "t.xml", tei("<div>" * 250 + "<p>deep text</p>" + "</div>" * 250))
    result, seconds = _build(path, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert seconds < 60
    assert "deep text" in (tmp_path / "out" / "t.html").read_text(encoding="utf-8")


HUGE_TEXT = r"""
import re, sys, time
from teipress.document import load
from teipress.errors import InputError
start = time.monotonic()
try:
    load(sys.argv[1])
except InputError as exc:
    print(exc)
print(round(time.monotonic() - start, 2))
# VmHWM: this process's peak resident memory (ru_maxrss would include the parent's, inherited at fork).
print(int(re.search(r"VmHWM:\s+(\d+) kB", open("/proc/self/status").read())[1]) // 1024)
"""


def test_200_megabyte_text_node_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.xml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(f"{TEI_OPEN}<p>")
        chunk = "a" * (1 << 20)
        for _ in range(200):
            handle.write(chunk)
        handle.write(f"</p>{TEI_CLOSE}")
    # In a fresh process, so its peak memory is the parse's alone.
    run = subprocess.run([sys.executable, "-c", HUGE_TEXT, str(path)], capture_output=True, text=True, timeout=120)
    message, seconds, peak_mb = run.stdout.splitlines()
    assert message.startswith(f"{path}:2:")
    assert message.endswith(": error: refused: a text node longer than 10,000,000 bytes (the safe parser's bound)")
    assert float(seconds) < 10
    assert int(peak_mb) < 150  # the file is 200 MB: it was never read whole
    path.unlink()


def test_javascript_targets_are_neutralised_and_text_is_escaped(tmp_path):
    body = ('<p><ref target="javascript:alert(1)">a</ref> <ref target=" JaVa&#9;ScRiPt:alert(2)">b</ref>'
            ' <ref target="data:text/html,&lt;script&gt;alert(3)&lt;/script&gt;">c</ref>'
            ' <ref target="https://example.org/">d</ref> &lt;script&gt;alert(4)&lt;/script&gt;'
            ' <figure><graphic url="javascript:alert(5)"/></figure>'
            ' <hi rend="x&quot; onmouseover=&quot;alert(6)">e</hi></p>')
    path = write(tmp_path / "t.xml", tei(body))
    result, _ = _build(path, tmp_path / "out")
    assert result.exit_code == 0, result.output
    source = (tmp_path / "out" / "t.html").read_text(encoding="utf-8")
    page = html.fromstring(source)
    hrefs = [a.get("href") for a in page.iter("a")] + [i.get("src") for i in page.iter("img")]
    assert not [h for h in hrefs if h and ("script" in h.lower() or h.lower().startswith("data:text"))]
    assert "https://example.org/" in hrefs
    assert [s.get("src") or s.get("type") for s in page.iter("script")] == ["assets/teipress.js", "application/ld+json"]
    assert "<script>alert(4)" not in source and "&lt;script&gt;alert(4)" in source
    assert not [el for el in page.iter() if any(name.startswith("on") for name in el.attrib)]


def test_pages_ship_a_content_security_policy_without_inline_script(tmp_path):
    path = write(tmp_path / "t.xml", tei("<p>x</p>"))
    result, _ = _build(path, tmp_path / "out")
    assert result.exit_code == 0
    for page_path in (tmp_path / "out").glob("*.html"):
        page = html.parse(str(page_path)).getroot()
        [csp] = page.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["script-src"] == "'self' 'wasm-unsafe-eval'", page_path
        assert "'unsafe-inline'" not in directives["script-src"] and directives["object-src"] == "'none'"
        # Every script is an external file of the site or a JSON-LD data block (not executed, not governed by script-src).
        for script in page.iter("script"):
            # Data blocks (JSON-LD, the synoptic page's JSON) are not run; every script that runs is a file.
            assert script.get("src") or script.get("type") in ("application/ld+json", "application/json"), \
                (page_path, script.text)
