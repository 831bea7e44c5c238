"""One parse (issue 12): a builder parses each text once, however many texts link with it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from teipress import workers
from teipress.config import Settings
from teipress.pipeline import build

from ..conftest import tei, write


def test_a_text_linked_by_many_texts_is_parsed_once_by_the_builder(tmp_path, stylesheets, monkeypatch):
    sources = tmp_path / "tei"
    write(sources / "hub.xml", tei('<p xml:id="here">The hub.</p>', xml_id="hub"))
    for n in range(5):
        write(sources / f"t{n}.xml", tei(f'<p>Text {n} <ref target="hub.xml#here">points</ref>.</p>', xml_id=f"t{n}"))
    parsed = Counter()
    real = workers.load

    def counting(path, *args, **kwargs):
        parsed[Path(path).name] += 1
        return real(path, *args, **kwargs)

    monkeypatch.setattr(workers, "load", counting)
    report = build([sources], tmp_path / "out", "html", Settings(build_date="2000-01-01"), stylesheets, jobs=1)
    assert not report.failed, [str(d) for d in report.diagnostics]
    assert report.built == 6
    # Six texts built, the hub linked by five of them: each file parsed once by the text builder.
    assert parsed == Counter({f"t{n}.xml": 1 for n in range(5)} | {"hub.xml": 1})
