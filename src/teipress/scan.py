"""The scan stage: every input file found, hashed and (when the build cache does not
already know it) parsed once, described by what the later stages need: its kind,
id, order, the files it points into and, for a text, its extract.

A text gets its id (its own, unless another text or one of the edition's pages has
it), its position in the edition, the path of its TEI copy in the output and the
texts it links with (pointers either way).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .cache import BuildCache, SourceInfo, file_hash
from .corpus import correspondence_targets, correspondents, discover, file_pointers, kind_of, not_included, sent_date, text_order
from .document import Document, corpus_member, corpus_texts, load, member_path, require_tei
from .edition import REGISTER_PAGES
from .errors import Diagnostic, InputError, UsageError
from .extract import digest, serialize, text_extract
from .entity_units import entry_ids
from .kwic import context_digests, dated_years, named_ids, without_contexts
from .namespaces import TEI_NS
from .workers import TextRef
from .xml_ids import duplicate_id_warnings, make_ids_unique


@dataclass
class Source:
    """An input file as the scan found it."""

    path: Path  # for a text inside a teiCorpus, its member path (``letters.xml#2``: document.member_path)
    key: str  # the resolved path: what the cache knows the file by (with ``#n`` for a text of a teiCorpus)
    info: SourceInfo
    text_id: str = ""  # the id its pages use (its own, unless another text has it)
    position: int = 0  # 1-based position among the texts
    copy: str = ""  # the path of its TEI copy in the output: its path below the folder it was found in
    member: int = 0  # its number among the TEI elements of its teiCorpus file; 0 for a file of its own
    file: Path | None = None  # the file it is read from (``path`` without ``#n``)

    def __post_init__(self):
        if self.file is None:
            self.file = self.path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        """The name its pages take when its id is taken: its file's stem (with ``-n`` for a text of a teiCorpus)."""
        return f"{self.file.stem}-{self.member}" if self.member else self.file.stem

    @property
    def ref(self) -> TextRef:
        """The text as a task names it."""
        return TextRef(str(self.path), self.text_id, self.position, self.copy)


@dataclass
class Scan:
    """What the scan found: the texts in edition order, the registers, the introduction and
    the problems (the extracts of the texts it parsed are stored in the build cache as they are made)."""

    sources: list[Source]  # the files, as the cache knows them (a teiCorpus file, not its texts)
    texts: list[Source]
    registers: list[Source]
    introductions: list[Source]
    linked: dict[str, list[Source]]  # by a text's key: the texts it links with, in edition order
    # The teiCorpus files: each has a collection page (id: collection_ids) listing its texts.
    collections: list[Source] = field(default_factory=list)
    collection_ids: dict[str, str] = field(default_factory=dict)  # by a corpus file's key
    diagnostics: list[Diagnostic] = field(default_factory=list)


def scan(paths, cache: BuildCache, reserved: dict[str, str], folder: Path | None = None,
         jobs: int | None = None) -> Scan:
    """Give what the files under ``paths`` are; ``reserved`` are the names of the edition's
    own pages and folders, which no text's pages may take (see :func:`reserved_names`); the
    files' xi:includes read from inside ``folder`` (the edition folder), by ``jobs`` processes
    at once when many files are to be parsed (default: one per core).
    A file that is not TEI is a diagnostic; with no text at all (and no such file) it is a UsageError.
    A file another file includes is part of that file: not a source of its own, unless it is TEI."""
    read, failures = _read(paths, cache, folder, jobs)
    included = {path for source in read for path in source.info.includes}
    failures = not_included(failures, included)
    sources = [s for s in read if not s.member]
    texts = sorted((s for s in read if s.info.kind == "text"),
                   key=lambda s: (*text_order(s.info.n, s.file.name, s.info.date), s.member))
    found = Scan(sources, texts, [s for s in read if s.info.kind == "register"],
                 [s for s in read if s.info.kind == "introduction"], {})
    found.collections = [s for s in sources if s.info.kind == "corpus"]
    found.collection_ids = _collection_ids(found.collections, reserved)
    pages = {f"{name}": f"the collection page {name}.html" for name in found.collection_ids.values()}
    found.diagnostics = [*failures, *_assign_ids(texts, {**reserved, **pages}), *_missing_files(sources)]
    if not texts and not any(d.is_error for d in failures):
        raise UsageError(f"no TEI texts found in {', '.join(str(p) for p in paths)}")
    found.linked = _links(texts, {s.name: s for s in texts})
    return found


def reserved_names(outputs) -> dict[str, str]:
    """Give the names of the edition's own files, which no text's pages may take, each with
    what it is (for the warning): every top page ``outputs`` make, every register page, the books."""
    reserved = {"edition": "the edition's PDF volume and EPUB", "index": "the edition's home page"}
    for output in outputs:
        for job in output.page_jobs([]):
            if "/" not in job.target:  # a page at the top of the output, as a text's pages are
                reserved.setdefault(job.target.rsplit(".", 1)[0], f"the edition's page {job.target}")
    # Register pages are named by kind (persons, places …): every kind a register may give.
    reserved.update({page: f"the register page {page}.html" for page in REGISTER_PAGES})
    return reserved


def _read(paths, cache: BuildCache, folder: Path | None = None,
          jobs: int | None = None) -> tuple[list[Source], list[Diagnostic]]:
    """Give the sources under ``paths`` and the diagnostics of the files that are not TEI; the
    extracts of the texts parsed are stored in ``cache`` as they are made (the scan holds none:
    its memory does not grow with the edition). Many files to parse are parsed by ``jobs``
    processes at once (teipress.scan_pool).

    A teiCorpus file gives its own source (kind ``corpus``) and one per TEI inside it
    (``member`` from 1), each keyed by the file's resolved path and its number.

    A file whose hash the cache knows is not parsed again, unless its stored extract
    is gone or no longer has its digest, or it is a teiCorpus: the cache knows it as one
    file, so its texts are found again by parsing it."""
    from .scan_pool import parse_files  # noqa: PLC0415 - the pool's module runs read_file below

    read: list[tuple[list[Source], list[Diagnostic]] | None] = []
    wanted: list[tuple[int, tuple]] = []
    for path, copy in _found(paths):
        resolved = str(path.resolve())
        try:
            own_hash = file_hash(path)
        except OSError as exc:
            read.append(([], [Diagnostic(str(path), 1, 1, "error", f"cannot be read: {exc.strerror or exc}")]))
            continue
        info = cache.sources.get(resolved)
        hashed = with_includes(own_hash, info.includes) if info is not None else own_hash
        if info is None or info.hash != hashed or info.kind == "corpus" or (
                info.kind == "text" and not (cache.has_extract(info.extract) and cache.has_extract(info.shape))):
            wanted.append((len(read), (path, resolved, copy, own_hash)))
            read.append(None)
        else:
            read.append(([Source(path, resolved, info, copy=copy)], []))
    for (at, _), result in zip(wanted, parse_files([item for _, item in wanted], cache, folder, jobs)):
        read[at] = result
    return [s for sources, _ in read for s in sources], [d for _, failures in read for d in failures]


def read_file(path: Path, resolved: str, copy: str, own_hash: str, cache: BuildCache,
              folder: Path | None) -> tuple[list[Source], list[Diagnostic]]:
    """Give the sources of a file the cache does not know as it is (parsed, described, its
    extracts stored in ``cache``) and the diagnostics of its reading."""
    try:
        document = load(path, folder)
        require_tei(document)
    except InputError as exc:
        return [], exc.diagnostics
    # What the parser passed over (reported when the file is parsed: a file the cache
    # knows was reported by the build that parsed it).
    failures = [*document.notes, *duplicate_id_warnings(document)]
    hashed = with_includes(own_hash, [str(p) for p in document.included])
    info = _describe(document, hashed, cache)
    sources = _members(document, path, resolved, hashed, copy, cache, failures) if info.kind == "corpus" else []
    return [*sources, Source(path, resolved, info, copy=copy)], failures


def _members(document: Document, path: Path, resolved: str, hashed: str, copy: str,
             cache: BuildCache, failures: list[Diagnostic]) -> list[Source]:
    """Give a source for every TEI of the teiCorpus ``document``: its texts share the file's hash
    (a change to the file rebuilds them all) and its TEI copy (the file as given)."""
    members = []
    for member in range(1, len(corpus_texts(document.root)) + 1):
        members.append(Source(Path(member_path(path, member)), member_path(resolved, member),
                              _describe(corpus_member(document, member), hashed, cache),
                              copy=copy, member=member, file=path))
    return members


def with_includes(hashed: str, includes: list[str]) -> str:
    """Give a file's hash made to cover the files it includes (a missing one counts as missing)."""
    if not includes:
        return hashed
    parts = [hashed]
    for include in includes:
        try:
            parts.append(file_hash(Path(include)))
        except OSError:
            parts.append("missing")
    return digest(*includes, *parts)


def _found(paths) -> list[tuple[Path, str]]:
    """Give the XML files under ``paths`` (see corpus.discover), each with the path of its copy
    in the output: its path below the folder it was found in (a file named alone: its name)."""
    folders = [Path(p).resolve() for p in paths if Path(p).is_dir()]
    found = []
    for path in discover(paths):
        real = path.resolve()
        below = [real.relative_to(folder).as_posix() for folder in folders if real.is_relative_to(folder)]
        found.append((path, min(below, key=len) if below else path.name))
    return found


def _describe(document: Document, hashed: str, cache: BuildCache) -> SourceInfo:
    """Give what a build needs to know of a parsed file; store a text's extract in ``cache``."""
    pointers: dict[str, list] = {}
    for element, attribute, file in file_pointers(document):
        name = file.replace("\\", "/").rsplit("/", 1)[-1]
        if name in pointers:
            pointers[name][3] += 1
        else:
            pointers[name] = [element.sourceline or 1, document.column_of(element), attribute, 1]
    kind = kind_of(document)
    extract, names, years, shape, contexts = "", [], [], "", {}
    if kind == "text":
        extract_root = text_extract(document)
        if document.duplicate_ids:
            make_ids_unique(extract_root)  # as in the text the stylesheets see (workers._load)
        data = serialize(extract_root)
        extract = digest(data)
        cache.store_extract(extract, data)
        texts = list(extract_root.iterchildren(f"{{{TEI_NS}}}text"))
        names = sorted({i for text in texts for i in named_ids(text)})
        # Stored too: the pages that quote no context are made from it (teipress.edition_document).
        shape_data = serialize(without_contexts(extract_root))
        shape = digest(shape_data)
        cache.store_extract(shape, shape_data)
        years = sorted({y for text in texts for y in dated_years(text)})
        contexts = context_digests(texts)
    elif kind == "register":
        names = entry_ids(document.root)  # its entries, which get pages of their own
    return SourceInfo(hashed, kind, document.id, document.root.get("n", ""), pointers,
                      line=document.root.sourceline or 1, extract=extract,
                      includes=[str(p) for p in document.included], date=sent_date(document),
                      neighbours=correspondence_targets(document), names=names, years=years, shape=shape,
                      contexts=contexts, correspondents=correspondents(document) if kind == "text" else [])


def _collection_ids(collections: list[Source], reserved: dict[str, str]) -> dict[str, str]:
    """Give each teiCorpus file the name of its collection page: its teiCorpus/@xml:id or its
    file's stem, made distinct from the edition's own pages and from each other."""
    ids: dict[str, str] = {}
    for source in collections:
        base = source.info.id or source.file.stem
        candidate, n = base, 2
        while candidate.lower() in reserved or candidate in ids.values():
            candidate, n = f"{base}-{n}", n + 1
        ids[source.key] = candidate
    return ids


def _assign_ids(texts: list[Source], reserved: dict[str, str] | None = None) -> list[Diagnostic]:
    """Number the texts and give each a distinct id that is not the name of one of the
    edition's own pages (``reserved``); warn of a text whose id is taken."""
    reserved = reserved or {}
    warnings, taken = [], {}
    ids = {t.info.id for t in texts}

    def free(candidate: str) -> bool:
        return candidate not in taken and candidate.lower() not in reserved and candidate not in ids

    for position, source in enumerate(texts, start=1):
        source.position = position
        text_id = source.info.id
        if text_id in taken or text_id.lower() in reserved:
            candidate, n = source.stem, 2
            if not free(candidate):
                candidate = f"{text_id}-text"
            while not free(candidate):
                candidate, n = f"{text_id}-text-{n}", n + 1
            why = (f"is also the id of {taken[text_id].name}" if text_id in taken
                   else f"is the name of {reserved[text_id.lower()]}")
            warnings.append(Diagnostic(str(source.file), source.info.line, 1, "warning",
                                       f"the text id '{text_id}' {why}; this text's pages are named '{candidate}' instead"))
            text_id = candidate
        source.text_id = text_id
        taken[text_id] = source
    return warnings


def _missing_files(sources: list[Source]) -> list[Diagnostic]:
    """Give one warning per file and per XML file it points into that is not part of the edition."""
    names = {s.name for s in sources}
    warnings = []
    for source in sources:
        for name, (line, col, attribute, count) in source.info.pointers.items():
            if name in names:
                continue
            more = count - 1
            warnings.append(Diagnostic(
                str(source.path), line, col, "warning",
                f"@{attribute} points into '{name}', which is not part of the edition"
                + (f" ({more} more pointer(s) into it)" if more else "")
                + "; these names and links are shown without a link"))
    return warnings


def _links(texts: list[Source], by_name: dict[str, Source]) -> dict[str, list[Source]]:
    """Give, for each text, the other texts it points into or that point into it, in edition order."""
    links: dict[str, set[str]] = {s.key: set() for s in texts}
    # A letter's previous and next letters, named by id or by file (with or without .xml).
    by_id = {s.info.id: s for s in texts}
    by_stem = {s.name.rsplit(".", 1)[0]: s for s in texts}
    for source in texts:
        neighbours = [t.lstrip("#").rsplit("/", 1)[-1] for t in source.info.neighbours if ":" not in t]
        found = [by_id.get(n) or by_stem.get(n.removesuffix(".xml")) for n in neighbours]
        for name in [*source.info.pointers, *(other.name for other in found if other is not None)]:
            other = by_name.get(name)
            if other is not None and other is not source:
                links[source.key].add(other.key)
                links[other.key].add(source.key)
    order = {s.key: s for s in texts}
    return {key: sorted((order[k] for k in keys), key=lambda s: s.position) for key, keys in links.items()}
