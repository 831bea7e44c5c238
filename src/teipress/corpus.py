"""Finding the TEI files of an edition and reading them as one set."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .document import TEI_NS, Document, load, require_tei
from .errors import Diagnostic, InputError, UsageError
from .kwic import ref_ids

# Folders that hold no texts of the edition.
_SKIPPED_DIRS = {"schema", "output", ".git", ".venv", "__pycache__"}


def discover(paths: list[str | Path]) -> list[Path]:
    """Give the XML files named by ``paths`` (files as given, folders searched
    recursively), sorted and without duplicates; raise UsageError for a missing path."""
    found: dict[Path, None] = {}
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            for candidate in sorted(path.rglob("*.xml")):
                relative = candidate.relative_to(path).parts[:-1]
                if not any(part in _SKIPPED_DIRS or part.startswith(".") for part in relative):
                    found[candidate] = None
        else:
            found[path] = None
    return list(found)


# The id (TEI/@xml:id) of the text that is the edition's introduction, shown on the home page.
INTRODUCTION_ID = "introduction"


def kind_of(document: Document) -> str:
    """Give ``text`` for a text of the edition, ``introduction`` for the text
    with the id ``introduction``, ``register`` for a file of registers (a TEI
    document with a standOff and no text), ``corpus`` for a teiCorpus (whose
    TEI elements are read one by one: see document.corpus_member), else ``other``."""
    if document.is_corpus:
        return "corpus"
    if document.is_text and document.id == INTRODUCTION_ID:
        return "introduction"
    if document.is_text:
        return "text"
    if document.is_tei and document.root.find(f"{{{TEI_NS}}}standOff") is not None:
        return "register"
    return "other"


# A text's order number is ASCII digits only: str.isdigit() also accepts "²" or
# "①", which int() refuses, and int() reads "١٢" (Arabic-Indic) as 12.
_ORDER_NUMBER = re.compile(r"[0-9]+")


def order_number(n: str | None) -> int | None:
    """Give the order number a text's ``TEI/@n`` states, or None when @n is not
    made of ASCII digits alone (such a text comes after the numbered ones)."""
    return int(n) if n and _ORDER_NUMBER.fullmatch(n) else None


def text_order(n: str | None, name: str, date: str = "") -> tuple:
    """Give the sort key of a text in edition order: numbered texts by their
    number (see ``order_number``), then letters by the date they were sent
    (``date``, see ``sent_date``), then the others, each group by file name."""
    number = order_number(n)
    if number is not None:
        return (0, number, "", name)
    return (1, 0, date, name) if date else (2, 0, "", name)


def _order_key(document: Document) -> tuple:
    return text_order(document.root.get("n"), document.name, sent_date(document))


# A date TEI's attributes give: a year (of four digits or more, maybe negative), month and day.
_SORTABLE_DATE = re.compile(r"-?[0-9]{4,}(-[0-9]{2}(-[0-9]{2})?)?")
_CORRESP = f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}profileDesc/{{{TEI_NS}}}correspDesc"


def sent_date(document: Document) -> str:
    """Give the date a letter was sent (``correspAction[@type='sent']/date``: @when, else @from,
    @notBefore, @notAfter, @to), as the ISO date it states, or "" for a text that is no letter."""
    for date in document.root.iterfind(f"{_CORRESP}/{{{TEI_NS}}}correspAction[@type='sent']/{{{TEI_NS}}}date"):
        for attribute in ("when", "from", "notBefore", "notAfter", "to"):
            value = (date.get(attribute) or "").strip()
            if _SORTABLE_DATE.fullmatch(value):
                return value
    return ""


def correspondence_targets(document: Document) -> list[str]:
    """Give the targets of the pointers of a letter's ``correspContext`` (its previous and next
    letters …), as written: the texts a letter's page links to."""
    found = []
    for pointer in document.root.iterfind(f"{_CORRESP}/{{{TEI_NS}}}correspContext/*[@target]"):
        found.extend(pointer.get("target").split())
    return found


def correspondents(document: Document) -> list[str]:
    """Give the ids the ``@ref`` pointers inside a letter's ``correspAction`` elements name
    ("registers.xml#pers-x" names "pers-x"), sorted: the entries whose pages list the letter among
    those they sent or received (xslt/common/correspondence.xsl), whether its text names them or not."""
    ids = set()
    for action in document.root.iterfind(f"{_CORRESP}/{{{TEI_NS}}}correspAction"):
        for element in action.iter():
            if isinstance(element.tag, str):
                ids |= ref_ids(element)
    return sorted(ids)


@dataclass
class Corpus:
    """The documents of an edition, read once: texts in edition order, registers, and failures."""

    texts: list[Document] = field(default_factory=list)
    registers: list[Document] = field(default_factory=list)
    introductions: list[Document] = field(default_factory=list)
    others: list[Document] = field(default_factory=list)
    failures: list[Diagnostic] = field(default_factory=list)

    @property
    def documents(self) -> list[Document]:
        return [*self.texts, *self.introductions, *self.registers, *self.others]


def read_corpus(paths: list[str | Path], folder: Path | None = None) -> Corpus:
    """Give the Corpus of the TEI files under ``paths``, their xi:includes read from inside
    ``folder``; files that cannot be read or are not TEI are recorded as failures, not raised,
    so the rest still builds. A file another file includes is part of it, not a failure of its own."""
    corpus = Corpus()
    for path in discover(paths):
        try:
            document = load(path, folder)
            require_tei(document)
        except InputError as exc:
            corpus.failures.extend(exc.diagnostics)
            continue
        except Exception as exc:  # noqa: BLE001 - one file's surprise must not stop the others
            corpus.failures.append(Diagnostic(str(path), 1, 1, "error", f"could not be read: {type(exc).__name__}: {exc}"))
            continue
        {"text": corpus.texts, "introduction": corpus.introductions,
         "register": corpus.registers}.get(kind_of(document), corpus.others).append(document)
    corpus.texts.sort(key=_order_key)
    corpus.failures = not_included(corpus.failures, {str(p) for d in corpus.documents for p in d.included})
    return corpus


def not_included(diagnostics: list[Diagnostic], included: set[str]) -> list[Diagnostic]:
    """Give ``diagnostics`` but those of the files another file includes (``included``: their
    resolved paths): such a file is part of the file that includes it, not a failure of its own."""
    return [d for d in diagnostics if str(Path(d.file).resolve()) not in included]


# Attributes whose values are pointers to other files of the edition (registers, texts).
_POINTER_ATTRIBUTES = ("ref", "target", "corresp", "key")


def file_pointers(document: Document):
    """Give (element, attribute, file) for every pointer of ``document`` into another XML file."""
    for element in document.root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in _POINTER_ATTRIBUTES:
            for uri in (element.get(attribute) or "").split():
                file = uri.split("#", 1)[0]
                if file.endswith(".xml") and ":" not in file:  # not a fragment of this file, not a web address
                    yield element, attribute, file


def pointed_files(document: Document) -> set[str]:
    """Give the XML files (as written, without fragment) that ``document`` points into."""
    # The attribute values are gathered by libxml2 and made distinct before any Python work:
    # a text points into the same register thousands of times.
    values = set(document.root.xpath("|".join(f".//@{a}" for a in _POINTER_ATTRIBUTES)))
    files = set()
    for value in values:
        for uri in value.split():
            file = uri.split("#", 1)[0]
            if file.endswith(".xml") and ":" not in file:
                files.add(file)
    return files
