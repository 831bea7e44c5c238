"""The scan: it stores each text's extract in the build cache as it makes it and keeps none in
memory (10,000 letters: 350 MB of extracts), and many files are parsed by worker processes."""

from __future__ import annotations

import tracemalloc

from teipress.cache import BuildCache
from teipress.scan import scan

from ..conftest import tei, write

_SENTENCE = ("The committee met the delegates at the harbour, and <persName ref=\"#p{n}\">Ana {n}</persName> "
             "read the report of the journey aloud before the evening session. ")


def test_the_scan_stores_each_extract_as_it_goes_and_holds_none(tmp_path):
    for n in range(40):
        body = "\n".join(f"<p>{_SENTENCE.format(n=n) * 12}</p>" for _ in range(25))
        write(tmp_path / "tei" / f"t{n:02d}.xml", tei(body, xml_id=f"t{n:02d}").replace(
            "<text>", f'<standOff><listPerson><person xml:id="p{n}"><persName>Ana {n}</persName></person>'
                      "</listPerson></standOff><text>"))
    cache = BuildCache(tmp_path / "out")
    scan([tmp_path / "tei" / "t00.xml"], BuildCache(tmp_path / "warm"), {}, tmp_path)  # modules imported, lists read
    tracemalloc.start()
    try:
        found = scan([tmp_path / "tei"], cache, {}, tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    stored = [cache.extract_path(s.info.extract) for s in found.texts]
    assert len(stored) == 40 and all(cache.has_extract(s.info.extract) for s in found.texts)
    total = sum(path.stat().st_size for path in stored)
    assert total > 2_000_000
    # What the scan held at most is a few texts' worth, not the edition's extracts.
    assert peak < total / 3, (peak, total)


def _edition(folder):
    import shutil
    from pathlib import Path

    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "mini", folder)
    write(folder / "broken.xml", '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader>\n')
    write(folder / "letters.xml", '<?xml version="1.0"?>\n<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">'
          + tei("<p>One.</p>", xml_id="c1").split("?>", 1)[1] + tei("<p>Two.</p>", xml_id="c2").split("?>", 1)[1]
          + "</teiCorpus>\n")


def _described(found):
    return [(s.key, s.copy, s.member, s.text_id, s.info) for s in found.sources + found.texts], found.diagnostics


def test_many_files_are_parsed_by_worker_processes_with_the_same_result(tmp_path, monkeypatch):
    from teipress import scan as scan_module, scan_pool

    _edition(tmp_path / "tei")
    one = scan([tmp_path / "tei"], BuildCache(tmp_path / "one"), {}, tmp_path, jobs=1)
    monkeypatch.setattr(scan_pool, "POOL_FROM", 1)
    monkeypatch.setattr(scan_pool.os, "cpu_count", lambda: 2)
    here = []
    read_file = scan_module.read_file
    monkeypatch.setattr(scan_module, "read_file", lambda *args: here.append(args[0]) or read_file(*args))
    cache = BuildCache(tmp_path / "two")
    two = scan([tmp_path / "tei"], cache, {}, tmp_path, jobs=2)
    assert here == []  # every file was parsed by a worker
    assert _described(two) == _described(one)
    assert [s.member for s in two.texts if s.member] == [1, 2]
    assert any(d.file.endswith("broken.xml") and d.is_error for d in two.diagnostics)
    assert all(cache.has_extract(s.info.extract) for s in two.texts)
