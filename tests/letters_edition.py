"""A generated letter edition for the correspondence tests (CMIF, the network page, a person's letters):
four letters between people of the first example of the CMIF specification, with the GND and GeoNames
ids that example gives them, and registers that hold those ids."""

from __future__ import annotations

from pathlib import Path

from .conftest import write

URL = "https://example.org/letters/"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
GND = "http://d-nb.info/gnd/"
GEONAMES = "http://www.geonames.org/"

# Register entries: id -> (name, idno type, id), as the CMIF example identifies them.
PERSONS = {"weber": ("Carl Maria von Weber", "gnd", "118629662"),
           "gaensbacher": ("Johann Gänsbacher", "gnd", "118814044"),
           "dietrichstein": ("Moritz von Dietrichstein", "gnd", "116113669")}
PLACES = {"dresden": ("Dresden", "geonames", "2935022"), "wien": ("Wien", "geonames", "2761369"),
          "mannheim": ("Mannheim", "geonames", "2873891")}

# Letters: file -> (sender, sent from, date attributes, addressee, received in).
LETTERS = {
    "a1810.xml": ("gaensbacher", "", 'notBefore="1810-07-11" notAfter="1810-07-18"', "weber", "mannheim"),
    "b1825.xml": ("weber", "dresden", 'when="1825-05-07"', "dietrichstein", "wien"),
    "c1826.xml": ("weber", "dresden", 'when="1826-01-10"', "dietrichstein", ""),
    "d1819.xml": ("weber", "", 'when="1819-08-05"', "Pastenaci, E.", ""),
}

HEADER = """<teiHeader><fileDesc><titleStmt><title>{title}</title><editor>Ada Editor</editor></titleStmt>
<publicationStmt><publisher>Letters Project</publisher><address><email>letters@example.org</email></address>
<availability><licence target="{licence}">CC BY 4.0</licence></availability></publicationStmt>
<sourceDesc><p>Generated for teipress's tests.</p></sourceDesc></fileDesc>{profile}</teiHeader>"""


def _party(who: str) -> str:
    return f'<persName ref="registers.xml#{who}">{PERSONS[who][0]}</persName>' if who in PERSONS else f"<persName>{who}</persName>"


def _place(where: str) -> str:
    return f'<placeName ref="registers.xml#{where}">{PLACES[where][0]}</placeName>' if where else ""


def letter(name: str, sender: str, sent_from: str, dating: str, addressee: str, received_in: str) -> str:
    """Give the TEI of one letter (its title says who wrote to whom; its body names both)."""
    title = f"{PERSONS[sender][0]} to {PERSONS.get(addressee, (addressee,))[0]}"
    profile = (f'<profileDesc><correspDesc><correspAction type="sent">{_party(sender)}{_place(sent_from)}'
               f"<date {dating}/></correspAction>"
               f'<correspAction type="received">{_party(addressee)}{_place(received_in)}</correspAction>'
               "</correspDesc></profileDesc>")
    body = f"<p>{_party(sender)} writes to {_party(addressee)}.</p>"
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{name[:-4]}">'
            f"{HEADER.format(title=title, licence=LICENCE, profile=profile)}<text><body>{body}</body></text></TEI>\n")


def registers() -> str:
    """Give the registers: the persons and places with their authority ids."""
    persons = "".join(f'<person xml:id="{key}"><persName>{name}</persName><idno type="{kind}">{value}</idno></person>'
                      for key, (name, kind, value) in PERSONS.items())
    places = "".join(f'<place xml:id="{key}"><placeName>{name}</placeName><idno type="{kind}">{value}</idno></place>'
                     for key, (name, kind, value) in PLACES.items())
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="registers">'
            f"{HEADER.format(title='Registers', licence=LICENCE, profile='')}<standOff><listPerson>{persons}</listPerson>"
            f"<listPlace>{places}</listPlace></standOff></TEI>\n")


def write_edition(folder: Path) -> Path:
    """Write the letters and the registers into ``folder`` and give it."""
    for name, fields in LETTERS.items():
        write(folder / name, letter(name, *fields))
    write(folder / "registers.xml", registers())
    return folder
