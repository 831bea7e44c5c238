"""The scan stores each text's extract in the build cache as it makes it and keeps none in
memory, so that its memory does not grow with the edition (10,000 letters: 350 MB of extracts)."""

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
