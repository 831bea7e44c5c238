"""Write a deterministic synthetic TEI corpus for benchmarks.

    python bench/generate.py OUT_DIR --documents 1000 [--seed 1] [--size 20000]

OUT_DIR receives `registers.xml` (persons, places, organisations) and
`doc-00001.xml` … : letters of about --size bytes each, with paragraphs,
names pointing into the registers, dates, editorial notes and apparatus
entries against two witnesses. The same seed always gives the same files, and
every file is valid against the teipress schema and rules.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from xml.sax.saxutils import escape

WORDS = (
    "the of and to in that was his he it with as for on by at from but which not this had were "
    "letter government exile asylum journey house city friend party congress trial visa ship "
    "morning evening committee question answer decision order plan report article press "
    "revolution history struggle comrade archive document witness reading edition"
).split()
FORENAMES = "Ana Boris Clara Diego Elena Félix Greta Hugo Inés Jorge Katia Lev Marta Nikolai Olga Pablo".split()
SURNAMES = "Álvarez Bauer Castro Dietrich Esquivel Fuentes Gómez Hoffmann Ibarra Jiménez Kuznetsov López Müller Núñez".split()
PLACES = "Veracruz Tampico Puebla Oaxaca Mérida Toluca Morelia Córdoba Orizaba Jalapa Cuernavaca Taxco".split()
ORGS = "Harbour Board|Press Union|Workers' Council|Trade Office|City Library|Rail Company".split("|")

HEADER = """<teiHeader><fileDesc><titleStmt><title>{title}</title><respStmt xml:id="ed"><resp>generated</resp><name>bench</name></respStmt></titleStmt>
<publicationStmt><publisher>teipress bench</publisher></publicationStmt>
<sourceDesc>{source}</sourceDesc></fileDesc></teiHeader>"""


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _registers(persons: int, places: int, orgs: int) -> str:
    people = "".join(
        f'<person xml:id="pers-{i}"><persName type="main"><forename>{FORENAMES[i % len(FORENAMES)]}</forename> '
        f"<surname>{SURNAMES[i % len(SURNAMES)]} {i}</surname></persName>"
        f'<birth when="{1850 + i % 60}"/></person>\n'
        for i in range(persons)
    )
    towns = "".join(
        f'<place xml:id="pl-{i}"><placeName type="main">{PLACES[i % len(PLACES)]} {i}</placeName>'
        f"<location><geo>{15 + i % 15}.5 {-90 - i % 15}.25</geo></location></place>\n"
        for i in range(places)
    )
    bodies = "".join(
        f'<org xml:id="org-{i}"><orgName type="main">{escape(ORGS[i % len(ORGS)])} {i}</orgName></org>\n'
        for i in range(orgs)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="registers">\n'
        + HEADER.format(title="Registers", source="<p>generated</p>")
        + f"\n<standOff>\n<listPerson>\n{people}</listPerson>\n<listPlace>\n{towns}</listPlace>\n"
        f"<listOrg>\n{bodies}</listOrg>\n</standOff>\n</TEI>\n"
    )


def _paragraph(rng: random.Random, doc: int, n: int, counts: tuple[int, int, int]) -> str:
    persons, places, orgs = counts
    parts = []
    for _ in range(rng.randint(4, 7)):
        parts.append(_sentence(rng, rng.randint(8, 18)))
        kind = rng.random()
        if kind < 0.3:
            i = rng.randrange(persons)
            parts.append(f'<persName ref="registers.xml#pers-{i}">{FORENAMES[i % len(FORENAMES)]} '
                         f"{SURNAMES[i % len(SURNAMES)]}</persName>")
        elif kind < 0.5:
            i = rng.randrange(places)
            parts.append(f'<placeName ref="registers.xml#pl-{i}">{PLACES[i % len(PLACES)]}</placeName>')
        elif kind < 0.6:
            i = rng.randrange(orgs)
            parts.append(f'<orgName ref="registers.xml#org-{i}">{escape(ORGS[i % len(ORGS)])}</orgName>')
        elif kind < 0.75:
            year, month, day = 1900 + rng.randrange(50), rng.randint(1, 12), rng.randint(1, 28)
            parts.append(f'<date when="{year}-{month:02d}-{day:02d}">{day} {month} {year}</date>')
        elif kind < 0.85:
            word = rng.choice(WORDS)
            parts.append(f'<app><lem resp="#ed">{word}</lem><rdg wit="#B">{word[::-1]}</rdg></app>')
        elif kind < 0.92:
            parts.append(f'<choice><sic>{rng.choice(WORDS)}e</sic><corr resp="#ed">{rng.choice(WORDS)}</corr></choice>')
        else:
            parts.append(f'<note type="editorial" resp="#ed">{_sentence(rng, rng.randint(6, 20))}.</note>')
    return f'<p xml:id="d{doc}-p{n}">' + " ".join(parts) + ".</p>\n"


def document(rng: random.Random, doc: int, size: int, counts: tuple[int, int, int]) -> str:
    """Give the text of synthetic document number ``doc``, of about ``size`` bytes."""
    source = ('<listWit><witness xml:id="A">copy-text</witness><witness xml:id="B">second witness</witness>'
              "</listWit>")
    head = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="doc-{doc:05d}" n="{doc}">\n'
        + HEADER.format(title=f"Letter {doc}", source=source)
        + f"\n<text><body>\n<head>Letter {doc}</head>\n"
    )
    paragraphs = []
    length = len(head)
    n = 1
    while length < size - 200:
        paragraph = _paragraph(rng, doc, n, counts)
        paragraphs.append(paragraph)
        length += len(paragraph.encode("utf-8"))
        n += 1
    return head + "".join(paragraphs) + "</body></text>\n</TEI>\n"


def generate(out: Path, documents: int, seed: int = 1, size: int = 20_000) -> list[Path]:
    """Write the corpus into ``out``; give the paths of its documents (registers first)."""
    out.mkdir(parents=True, exist_ok=True)
    counts = (max(20, documents // 5), max(10, documents // 20), max(5, documents // 50))
    rng = random.Random(seed)
    paths = [out / "registers.xml"]
    paths[0].write_text(_registers(*counts), encoding="utf-8")
    for doc in range(1, documents + 1):
        path = out / f"doc-{doc:05d}.xml"
        path.write_text(document(rng, doc, size, counts), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", type=int, default=20_000, help="approximate bytes per document")
    args = parser.parse_args()
    paths = generate(args.out, args.documents, args.seed, args.size)
    print(f"{len(paths) - 1} documents and registers.xml in {args.out}")


if __name__ == "__main__":
    main()
