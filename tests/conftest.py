"""Shared fixtures: paths of the repository, the seed texts and the reference corpus."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEI = ROOT / "tei"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
TEI_ALL = SHARED / "schemas" / "tei_all.rng"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = SHARED / "corpus"
# The folders of real TEI from other projects, each published as an edition of its own in the tests.
CORPUS_FOLDERS = sorted(p for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []

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


# The settings every test build of the seed edition uses (fixed date: reproducible output).
SEED_SETTINGS_ARGS = {"title": "Trotsky in Mexico: Exile and Asylum", "build_date": "2026-11-24"}


def built_once(tmp_path_factory, name: str, make) -> Path:
    """Give the folder ``name`` that ``make(folder)`` fills, made once for the whole run: under
    pytest-xdist the first worker to ask makes it while the others wait, then all read it (two
    workers building the same edition side by side each took twice as long on two cores)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        out = tmp_path_factory.mktemp(name)
        make(out)
        return out
    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, above every worker's own
    out, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)  # what a worker that failed left
            out.mkdir()
            make(out)
            done.touch()
    return out


def _build_seed(out: Path, formats: str, stylesheets, **settings) -> None:
    from teipress.config import Settings
    from teipress.pipeline import build

    report = build([TEI], out, formats, Settings(**SEED_SETTINGS_ARGS, **settings), stylesheets)
    assert not report.failed, [str(d) for d in report.diagnostics]


@pytest.fixture(scope="session")
def seed_edition(tmp_path_factory, stylesheets) -> Path:
    """The seed edition built once for the whole run, every format, into a temporary folder.

    Tests read it and never write into it; a test that needs a build of its own makes one."""
    return built_once(tmp_path_factory, "seed-edition", lambda out: _build_seed(out, "all", stylesheets))


@pytest.fixture(scope="session")
def corpus_sites(tmp_path_factory, stylesheets) -> dict[Path, tuple[Path, object]]:
    """Each corpus folder built once for the session as a web edition of its own, counting the
    elements the generic fallback rendered; gives folder -> (output, build report).

    Tests read the outputs and never write into them."""
    from teipress.config import Settings
    from teipress.pipeline import build

    sites = {}
    for folder in CORPUS_FOLDERS:
        out = tmp_path_factory.mktemp(f"corpus-{folder.name}")
        report = build([folder], out, "html", Settings(title=folder.name, build_date="2000-01-01"), stylesheets,
                       report_unhandled=True)
        assert not report.failed, [str(d) for d in report.diagnostics]
        sites[folder] = (out, report)
    return sites


# What a build of the web edition says when the edition has no url ([edition] url), from the edition's folder.
SITEMAP_WARNING = ("teipress.toml:1:1: warning: sitemap.xml not written: absolute URLs are needed; "
                   "set [edition] url in teipress.toml")

# What an editor's build (teipress build, watch, serve) says, once, of an edition whose headers name no
# person as editor or give no contact (teipress.maker); the tests of other messages leave it out.
MAKER_WARNING = ": warning: who made this edition? "


def without_maker_warning(stderr: str) -> list[str]:
    """Give the lines of ``stderr`` but the maker warning."""
    return [line for line in stderr.splitlines() if MAKER_WARNING not in line]


# Where the seed edition is published in the tests that need absolute URLs (no real address).
SEED_URL = "https://example.org/trotsky/"


@pytest.fixture(scope="session")
def seed_site_with_url(tmp_path_factory, stylesheets) -> Path:
    """The web edition and the harvesting files of the seed edition published at SEED_URL
    (a sitemap and harvesting files need absolute URLs), built once for the whole run."""
    return built_once(tmp_path_factory, "seed-site-url",
                      lambda out: _build_seed(out, "html,harvest", stylesheets, url=SEED_URL))


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


# An override module of one template: a correction printed in brackets, the rest of teipress's
# rule (next-match) inside them (shared by the tests of overrides, watch and the cluster).
BRACKETED_CORRECTIONS = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:tp="https://teipress.org/ns">
  <xsl:template match="tei:corr" mode="tp:branch">
    <xsl:text>[</xsl:text>
    <xsl:next-match/>
    <xsl:text>]</xsl:text>
  </xsl:template>
</xsl:stylesheet>
"""



def pytest_itemcollected(item) -> None:
    """Keep the tests of a module that share a module-scoped fixture (most build an edition) in
    one pytest-xdist worker, so that the fixture is made once, not once per worker; tests
    already in a group (the corpus's) stay in theirs. Marked as each test is collected, before
    pytest-xdist reads the groups (in pytest_collection_modifyitems)."""
    if item.get_closest_marker("xdist_group"):
        return
    definitions = getattr(item, "_fixtureinfo", None)
    scopes = {defs[-1].scope for defs in (definitions.name2fixturedefs.values() if definitions else ()) if defs}
    if "module" in scopes:
        item.add_marker(pytest.mark.xdist_group(item.module.__name__))

