"""Shared fixtures: paths of the repository, the seed texts and the reference corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEI = ROOT / "tei"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
TEI_ALL = SHARED / "schemas" / "tei_all.rng"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Each encoded text of the first edition and the seed file it encodes.
SEED_OF = {
    "agn-arrival.xml": "000_00ade89db9919eaa.txt",
    "sedova-assassins.xml": "003_9175b49dd5f8300d.txt",
}


@pytest.fixture(scope="session")
def validator():
    """One compiled validator for the whole test session (compiling is the slow part)."""
    from teipress.validate import Validator

    return Validator()


@pytest.fixture(scope="session")
def stylesheets():
    """One set of compiled stylesheets for the whole test session."""
    from teipress.transform import Stylesheets

    return Stylesheets()


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` (UTF-8) and give the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL_HEADER = """<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>"""


def tei(body: str, header: str = MINIMAL_HEADER, xml_id: str = "t") -> str:
    """Give a small TEI document with ``body`` as the content of its <body>."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{xml_id}">\n{header}\n'
        f"<text><body>\n{body}\n</body></text></TEI>\n"
    )
