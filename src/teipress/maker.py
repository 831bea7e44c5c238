"""Who made the edition: the warning a reviewer's first questions call for when the
headers name no person as editor or give no way to reach the editors.

An edition is made by people: a reviewer asks who they are and how to write to them.
The headers answer when some file's ``titleStmt`` names a person in a ``respStmt``
(``persName``) or an ``editor`` (a ``persName``, or a name that is not an ``orgName``),
or the settings list editors; and when some file's ``publicationStmt`` gives an e-mail
address (``email``), a web address (``ptr`` or ``ref`` with ``@target``) or a postal
address (an ``address`` of two lines or more, or with a street, postcode or place). An
organisation or project alone ("The teipress editors") names no one, and an address
that is only a name reaches no one.

Only the headers are read (each file up to the end of its ``teiHeader``, with the safe
parser's settings), and reading stops as soon as both answers are found."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .config import Settings
from .errors import Diagnostic
from .namespaces import TEI_NS
from .writers import atomic_write

_T = "{%s}" % TEI_NS
_POSTAL_PARTS = {_T + name for name in ("street", "postCode", "postBox", "settlement", "country", "region")}


@dataclass
class _Header:
    """What one file's header says of its makers, and where to fix it."""

    path: Path
    named_editor: bool = False
    contact: bool = False
    title_stmt: int = 0  # the line of its titleStmt (0: none)
    publication_stmt: int = 0


def maker_warnings(paths, settings: Settings | None = None, memory: Path | None = None) -> list[Diagnostic]:
    """Give at most one warning for the edition of the TEI files under ``paths``: that no
    header names a person as its editor, or gives a contact, or both, located at the
    header element of the first file that should say it. Files that do not parse or are
    not TEI are left to validation and build, which report them.

    ``memory`` is a file (in the build's cache) keeping what each header said, by the file's size
    and time: an edition whose headers name no one is read again only where a file changed."""
    named = bool(settings and settings.editors)
    contact = False
    first: _Header | None = None
    known = _recall(memory)
    seen: dict[str, list] = {}
    try:
        for path in _xml_files(paths):
            header = _remembered(path, known, seen)
            if header is None:
                continue
            first = first or header
            named = named or header.named_editor
            contact = contact or header.contact
            if named and contact:
                return []
    finally:
        _remember(memory, known, seen)
    if first is None:
        return []
    return [_warning(first, named, contact)]


def _recall(memory: Path | None) -> dict:
    try:
        found = json.loads(memory.read_text(encoding="utf-8")) if memory else {}
        return found if isinstance(found, dict) else {}
    except (OSError, ValueError):
        return {}


def _remembered(path: Path, known: dict, seen: dict) -> _Header | None:
    """Give what the header of ``path`` says, from ``known`` when the file's size and time are those
    recorded there (and the record is whole: the cache is a file anyone may have edited), else read;
    record it in ``seen``."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key, stamp = str(path.resolve()), [stat.st_size, stat.st_mtime_ns]
    entry = known.get(key)
    if isinstance(entry, list) and len(entry) == 2 and entry[0] == stamp and _whole(entry[1]):
        facts = entry[1]
        header = None if facts is None else _Header(path, *facts)
    else:
        header = _read_header(path)
        facts = None if header is None else [header.named_editor, header.contact, header.title_stmt, header.publication_stmt]
    seen[key] = [stamp, facts]
    return header


def _whole(facts) -> bool:
    """True for a remembered header (named editor, contact, two lines) or None (no TEI header)."""
    return facts is None or (isinstance(facts, list) and len(facts) == 4
                             and all(isinstance(f, bool) for f in facts[:2])
                             and all(type(f) is int and f >= 0 for f in facts[2:]))


def _remember(memory: Path | None, known: dict, seen: dict) -> None:
    """Keep what this build looked at for the next one: only those files (a file removed or renamed
    is forgotten, so the memory stays the size of the edition), and only when it changed."""
    if memory is None or not seen or seen == known:
        return
    try:
        memory.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(memory, json.dumps(seen, separators=(",", ":")))
    except OSError:
        pass  # only a cache: the next build reads the headers again


def _warning(header: _Header, named: bool, contact: bool) -> Diagnostic:
    missing, fixes = [], []
    if not named:
        missing.append("name no person as editor (a persName in a respStmt, or an editor, in the titleStmt)")
        fixes.append(f"a person to <titleStmt> (line {header.title_stmt})")
    if not contact:
        missing.append("give no contact (an email, a ptr or ref with @target, or a postal address in the"
                       " publicationStmt)")
        fixes.append(f"a contact to <publicationStmt> (line {header.publication_stmt})" if header.publication_stmt
                     else "a contact to a <publicationStmt>")
    element, line = ("titleStmt", header.title_stmt) if not named else ("publicationStmt", header.publication_stmt)
    line = line or header.title_stmt or 1
    message = (f"who made this edition? its headers {' and '.join(missing)}, as a reader and a reviewer will ask;"
               f" add {' and '.join(fixes)}")
    return Diagnostic(str(header.path), line, _column(header.path, line, element), "warning", message)


def _xml_files(paths) -> list[Path]:
    files = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.xml") if p.is_file()))
        elif path.suffix.lower() == ".xml" and path.is_file():
            files.append(path)
    return files


def _read_header(path: Path) -> _Header | None:
    """Give what the first teiHeader of ``path`` says of the edition's makers (None: no TEI header)."""
    header = _Header(path)
    try:
        events = etree.iterparse(str(path), events=("start", "end"), resolve_entities=False, no_network=True,
                                 load_dtd=False, huge_tree=False)
        for event, element in events:
            if event == "start":
                if element.tag == _T + "titleStmt" and not header.title_stmt:
                    header.title_stmt = element.sourceline or 0
                elif element.tag == _T + "publicationStmt" and not header.publication_stmt:
                    header.publication_stmt = element.sourceline or 0
                continue
            if element.tag == _T + "titleStmt":
                header.named_editor = header.named_editor or _names_a_person(element)
            elif element.tag == _T + "publicationStmt":
                header.contact = header.contact or _gives_contact(element)
            elif element.tag == _T + "teiHeader":
                return header if header.title_stmt else None
    except (etree.XMLSyntaxError, OSError):
        return None
    return None


def _names_a_person(title_stmt) -> bool:
    for resp_stmt in title_stmt.iterfind(_T + "respStmt"):
        if any(_text(p) for p in resp_stmt.iterfind(_T + "persName")):
            return True
    for editor in title_stmt.iterfind(_T + "editor"):
        if any(_text(p) for p in editor.iter(_T + "persName")):
            return True
        if editor.find(_T + "orgName") is None and editor.find(_T + "name") is None and _text(editor):
            return True
    return False


def _gives_contact(publication_stmt) -> bool:
    if any(_text(e) for e in publication_stmt.iter(_T + "email")):
        return True
    if any(e.get("target", "").strip() for e in publication_stmt.iter(_T + "ptr", _T + "ref")):
        return True
    for address in publication_stmt.iter(_T + "address"):
        if len(address.findall(_T + "addrLine")) >= 2 or any(child.tag in _POSTAL_PARTS for child in address):
            return True
    return False


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _column(path: Path, line: int, element: str) -> int:
    """Give the column of the start tag of ``element`` on ``line`` of ``path`` (1 when not found)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, text in enumerate(handle, start=1):
                if number == line:
                    at = text.find("<" + element)
                    if at < 0:  # a prefixed tag (<tei:titleStmt>)
                        at = text.rfind("<", 0, max(text.find(":" + element), 0))
                    return at + 1 if at >= 0 else 1
    except OSError:
        pass
    return 1
