"""The interface in five languages ([edition] language): every string in every language, no English
left on a German page, the page's language, dates and a wrong language as a located error."""

import re
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from teipress.config import LANGUAGES, Settings, load_settings
from teipress.errors import UsageError

from .conftest import SEED_SETTINGS_ARGS, TEI, write

ROOT = Path(__file__).resolve().parents[1]
STRINGS_FILES = [ROOT / "xslt" / "common" / "l10n.xml", ROOT / "xslt" / "print" / "l10n.xml"]
NS = {"tp": "https://teipress.org/ns"}
PLACEHOLDER = re.compile(r"\{\d+\}")


def _strings(path: Path, lang: str) -> dict[str, str]:
    """The strings of ``lang`` in the strings file ``path``, by key."""
    root = etree.parse(str(path)).getroot()
    return {s.get("key"): s.text or "" for s in root.xpath("tp:lang[@xml:lang=$l]/tp:s", namespaces=NS, l=lang)}


@pytest.mark.parametrize("path", STRINGS_FILES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_english_key_is_translated_with_the_same_placeholders(path, lang):
    english, other = _strings(path, "en"), _strings(path, lang)
    assert english, "no English strings"
    assert sorted(other) == sorted(english), (set(english) ^ set(other))
    for key, text in english.items():
        assert sorted(PLACEHOLDER.findall(other[key])) == sorted(PLACEHOLDER.findall(text)), (lang, key, other[key])
        assert other[key].strip(), (lang, key)


@pytest.fixture(scope="module")
def german_site(tmp_path_factory, stylesheets) -> Path:
    """The seed edition built with a German interface (the texts are in English)."""
    from teipress.pipeline import build

    out = tmp_path_factory.mktemp("german")
    report = build([TEI], out, "html", Settings(**SEED_SETTINGS_ARGS, language="de"), stylesheets)
    assert report.built == 2
    return out


def _tei_words() -> str:
    """Every word of the seed edition's TEI files (texts, headers, notes, registers): the edition's own
    words, in English, which a German page shows as they are."""
    files = sorted(Path(TEI).rglob("*.xml")) if Path(TEI).is_dir() else [Path(TEI)]
    return re.sub(r"\s+", " ", " ".join(" ".join(etree.parse(str(f)).getroot().itertext()) for f in files))


def _english_phrases() -> list[str]:
    """The English interface words a German page must not show: each literal piece (between
    placeholders) of an English string longer than three letters that its German string does not
    have and the edition's TEI does not have either (its words are the edition's, not the interface's)."""
    tei = _tei_words()
    phrases = set()
    for path in STRINGS_FILES:
        english, german = _strings(path, "en"), _strings(path, "de")
        for key, text in english.items():
            for piece in PLACEHOLDER.split(text):
                piece = piece.strip(" .,:;()")
                if len(piece) > 3 and re.search(r"[A-Za-z]{3}", piece) and piece not in german[key] \
                        and not _has(tei, piece):
                    phrases.add(piece)
    return sorted(phrases, key=len, reverse=True)


def _has(text: str, phrase: str) -> bool:
    """True when ``phrase`` stands in ``text`` as words (not inside a longer word)."""
    return re.search(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", text) is not None


def _interface_text(page: Path) -> str:
    """The words of ``page`` that are the interface's: its text and its tooltips, labels and
    placeholders, without what comes from the TEI in another language (an element with its own
    lang, such as the reading text), the JSON-LD and the scripts."""
    tree = lxml.html.parse(str(page))
    for element in tree.xpath("//script | //style"):
        element.getparent().remove(element)
    # The language of a node is its nearest lang: an interface label inside an English note (lang="de"
    # within lang="en") is the interface's and is checked.
    german = "[ancestor-or-self::*[@lang][1]/@lang = 'de']"
    words = tree.xpath(f"//text(){german}")
    words += tree.xpath(" | ".join(f"//*{german}/@{name}" for name in ("title", "aria-label", "placeholder",
                                                                      "data-placeholder", "alt")))
    return re.sub(r"\s+", " ", " ".join(words))


def test_a_german_page_has_no_english_interface_string_left(german_site):
    phrases = _english_phrases()
    # The check has teeth: headings, labels and months the seed TEI never writes are looked for.
    assert {"Skip to the content", "Edited by", "Commentary notes", "Apparatus criticus", "Keyboard"} <= set(phrases)
    assert len(phrases) > 200
    pages = sorted(german_site.glob("*.html"))
    assert len(pages) > 10
    left = {}
    for page in pages:
        text = _interface_text(page)
        assert "Zum Inhalt springen" in text, page.name
        found = [p for p in phrases if _has(text, p)]
        if found:
            left[page.name] = found
    assert left == {}


def test_a_german_page_says_it_is_german_and_dates_in_german(german_site):
    page = lxml.html.parse(str(german_site / "about.html")).getroot()
    assert page.get("lang") == "de"
    text = " ".join(page.itertext())
    assert "24. November 2026" in text
    assert "24 November 2026" not in text
    # The reading text keeps the language of its TEI: the interface language does not change it.
    reading = lxml.html.parse(str(german_site / "agn-arrival.html")).xpath("//*[@id='reading-text']")[0]
    assert reading.get("lang") == "en"


def test_the_tei_s_english_outside_the_reading_text_says_it_is_english(german_site):
    # Title, header facts, notes, apparatus readings and principles come from the English TEI and sit among
    # German labels: each says its language, so that a screen reader does not read English as German.
    page = lxml.html.parse(str(german_site / "sedova-assassins.html"))
    assert page.xpath("//h1[@class='text-title']/@lang") == ["en"]
    assert set(page.xpath("//dl[@class='text-meta']/dd/@lang")) == {"en"}
    bodies = page.xpath("//div[@class='note-body']")
    assert len(bodies) > 10 and {b.get("lang") for b in bodies} == {"en"}
    # The editors' mark inside an English note is the interface's.
    assert {b.xpath("string(span[@class='note-resp'])"): b.xpath("span[@class='note-resp']/@lang")
            for b in bodies if b.xpath("span[@class='note-resp']")} == {"(Hg.)": ["de"]}
    assert set(page.xpath("//span[@class='app-lemma']/@lang")) == {"en"}
    assert "erg." in page.xpath("string(//section[@id='apparatus'])")
    labels = page.xpath("//span[@class='app-label']")
    assert labels and {label.xpath("string(ancestor-or-self::*[@lang][1]/@lang)") for label in labels} == {"de"}
    principles = lxml.html.parse(str(german_site / "principles.html"))
    assert set(principles.xpath("//div[@class='principles-statement']/@lang")) == {"en"}


def test_an_english_interface_adds_no_lang_where_the_tei_is_english_too(seed_site_with_url):
    page = lxml.html.parse(str(seed_site_with_url / "sedova-assassins.html"))
    assert page.getroot().get("lang") == "en"
    assert page.xpath("//h1[@class='text-title']/@lang | //div[@class='note-body']/@lang | //dl/dd/@lang") == []


def test_the_search_page_hands_pagefind_the_german_placeholder(german_site):
    page = lxml.html.parse(str(german_site / "search.html")).getroot()
    assert page.get("lang") == "de"
    assert page.xpath("//*[@id='search']/@data-placeholder") == ["Die Edition durchsuchen"]


def test_an_unknown_language_is_an_error_naming_the_file_and_key(tmp_path):
    write(tmp_path / "teipress.toml", '[edition]\nlanguage = "pt"\n')
    with pytest.raises(UsageError) as caught:
        load_settings(tmp_path)
    message = str(caught.value)
    assert str(tmp_path / "teipress.toml") in message and "language" in message and '"pt"' in message
    assert "de" in message


def test_the_language_setting_is_read(tmp_path):
    write(tmp_path / "teipress.toml", '[edition]\nlanguage = "it"\n')
    assert load_settings(tmp_path).language == "it"
    write(tmp_path / "teipress.toml", '[edition]\ntitle = "X"\n')
    assert load_settings(tmp_path).language == "en"
