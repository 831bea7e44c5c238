"""Letters as letters: a correspDesc is the heading of the letter's page (sender → addressee,
where and when), its correspContext gives links to the previous and next letters, and letters
are listed in the order they were sent."""

from __future__ import annotations

from click.testing import CliRunner
from lxml import html

from teipress.cli import main

from .conftest import MINIMAL_HEADER, write


def _letter(xml_id: str, sender: str, addressee: str, when: str, place: str, context: str = "") -> str:
    header = MINIMAL_HEADER.replace(
        "</fileDesc>",
        "</fileDesc><profileDesc><correspDesc>"
        f'<correspAction type="sent"><persName>{sender}</persName><placeName>{place}</placeName>'
        f'<date when="{when}">{when}</date></correspAction>'
        f'<correspAction type="received"><persName>{addressee}</persName></correspAction>'
        f"{context}</correspDesc></profileDesc>").replace("<title>T</title>", f"<title>Letter {xml_id}</title>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{xml_id}">'
            f"{header}<text><body><p>Words of {xml_id}.</p></body></text></TEI>\n")


def _context(previous: str = "", following: str = "") -> str:
    pairs = [("prev", previous), ("next", following)]
    refs = "".join(f'<ref type="{kind}" target="{given.split("|")[0]}">{given.split("|")[1]}</ref>'
                   for kind, given in pairs if given)
    return f"<correspContext>{refs}</correspContext>"


def _edition(tmp_path):
    folder = tmp_path / "letters"
    # File names in the opposite order of the dates: the list must follow the dates.
    write(folder / "c.xml", _letter("first", "Hugo", "Arthur", "1892-09-07", "Lélex",
                                    _context(following="b.xml|Arthur to Hugo, 11 September")))
    write(folder / "b.xml", _letter("second", "Arthur", "Hugo", "1892-09-11", "Wien",
                                    _context("#first|Hugo to Arthur, 7 September", "third|Hugo to Arthur, later")))
    write(folder / "a.xml", _letter("third", "Hugo", "Arthur", "1893-01-02", "Wien",
                                    _context("second|Arthur to Hugo, 11 September", "L09999|A letter kept elsewhere")))
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(tmp_path / "out"), "--format", "html",
                                       "--build-date", "2000-01-01"])
    assert result.exit_code == 0, result.output
    return tmp_path / "out"


def test_a_letter_is_headed_by_its_correspondents_place_and_date(tmp_path):
    page = html.parse(str(_edition(tmp_path) / "second.html")).getroot()
    heading = page.xpath('//header[@id="text-header"]//div[@class="letter-heading"]')[0]
    # What a screen reader says instead of the arrow ("to") is hidden from sight.
    [hidden] = heading.xpath('.//span[@class="visually-hidden"]')
    assert hidden.text.strip() == "to" and heading.xpath('.//span[@class="letter-arrow"]/@aria-hidden') == ["true"]
    hidden.getparent().remove(hidden)
    assert " ".join(heading.xpath('string(p[@class="letter-parties"])').split()) == "Arthur → Hugo"
    assert " ".join(heading.xpath('string(p[@class="letter-sent"])').split()) == "Sent from Wien, 1892-09-11"


def test_previous_and_next_letters_link_their_pages_and_a_letter_elsewhere_is_named_unlinked(tmp_path):
    out = _edition(tmp_path)
    second = html.parse(str(out / "second.html")).getroot()
    links = {a.get("rel"): (a.get("href"), a.text) for a in second.xpath('//nav[@class="letter-nav"]//a')}
    assert links == {"prev": ("first.html", "Hugo to Arthur, 7 September"), "next": ("third.html", "Hugo to Arthur, later")}
    third = html.parse(str(out / "third.html")).getroot()
    assert third.xpath('//nav[@class="letter-nav"]//a/@href') == ["second.html"]
    assert third.xpath('string(//li[@class="letter-next"]/span[@class="letter-absent"])') == "A letter kept elsewhere"
    first = html.parse(str(out / "first.html")).getroot()
    assert first.xpath('//nav[@class="letter-nav"]//a[@rel="next"]/@href') == ["second.html"]


def test_letters_are_listed_in_the_order_they_were_sent(tmp_path):
    index = html.parse(str(_edition(tmp_path) / "index.html")).getroot()
    titles = [" ".join(t.split()) for t in index.xpath('//li[contains(@class, "text-item")]//h3/a/text()')]
    assert titles == ["Letter first", "Letter second", "Letter third"]
