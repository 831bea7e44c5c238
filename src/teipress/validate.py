"""Validation of TEI documents: well-formedness, the RELAX NG grammar and the
Schematron rules, reported as located diagnostics."""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree, isoschematron

from .columns import ColumnIndex
from .corpus import kind_of, pointed_files, read_corpus
from .document import Document, load, safe_parser
from .errors import Diagnostic, InputError, UsageError
from .grammar import Grammar
from .namespaces import SCH_NS, SVRL_NS, TP_NS
from .edition_rules import PointerIndex, entry_candidates, pointer_diagnostics, pointer_index
from .resources import default_rng, default_schematron
from .rule_locations import Locations, NumberedRules
from .xml_ids import duplicate_id_errors


class Validator:
    """A compiled RELAX NG grammar and Schematron rule set, reusable for any number of documents."""

    def __init__(self, rng: str | Path | None = None, schematron: str | Path | None = None):
        self.rng_path = Path(rng) if rng else default_rng()
        self.schematron_path = Path(schematron) if schematron else default_schematron()
        grammar = _parse_schema(self.rng_path)
        self.grammar = Grammar(grammar, _compile(self.rng_path, grammar, etree.RelaxNG))
        rules = _parse_schema(self.schematron_path)
        # Rules written for teipress (they declare its namespace: teipress.sch and its copies, as the seed
        # files' xml-models name them) get the rules across files checked against an index (edition_rules.py).
        self.indexes_pointers = any(ns.get("uri") == TP_NS for ns in rules.iter(f"{{{SCH_NS}}}ns"))
        # Rules with an XSLT 2/3 binding run on Saxon, one document at a time (see schematron.py).
        self.saxon_rules = _saxon_rules(self.schematron_path, rules)
        if self.saxon_rules is None:
            self.schematron = _compile(
                self.schematron_path, rules,
                lambda tree: isoschematron.Schematron(tree, store_report=True, store_xslt=True))
            self.rules = NumberedRules.of(self.schematron)
        else:
            self.schematron = self.rules = None

    def validate_paths(self, paths: list[str | Path]) -> list[Diagnostic]:
        """Give the diagnostics of every XML file under ``paths``, sorted by file and line."""
        corpus = read_corpus(paths)
        documents = corpus.documents
        diagnostics = list(corpus.failures)
        diagnostics.extend(self.validate_documents(documents, _referenced_documents(documents)))
        return sorted(diagnostics)

    def validate_documents(self, documents: list[Document], context: list[Document] = ()) -> list[Diagnostic]:
        """Give the diagnostics of ``documents``; ``context`` documents are only
        read to resolve pointers (their own problems are not reported)."""
        diagnostics: list[Diagnostic] = []
        for document in documents:
            # What the parser passed over: the DOCTYPE's unread declarations, an xml:id given twice (invalid TEI).
            diagnostics.extend([*document.notes, *duplicate_id_errors(document)])
            diagnostics.extend(_guarded(document, self.grammar_diagnostics, document))
        diagnostics.extend(self.guarded_rule_diagnostics(documents, context))
        return diagnostics

    def guarded_rule_diagnostics(self, documents: list[Document], context: list[Document] = ()) -> list[Diagnostic]:
        """Give :meth:`rule_diagnostics`; when the rules fail on the set, check the documents one
        by one (with all the others as context), so that the failure is put on its file and one
        file's surprise does not hide the others' findings."""
        try:
            return self.rule_diagnostics(documents, context)
        except Exception:  # noqa: BLE001 - see above
            diagnostics = []
            for document in documents:
                others = [d for d in [*documents, *context] if d is not document]
                diagnostics.extend(_guarded(document, self.rule_diagnostics, [document], others))
            return diagnostics

    def grammar_diagnostics(self, document: Document) -> list[Diagnostic]:
        """Give the RELAX NG errors of one document, each at the line and column of its element."""
        return self.grammar.diagnostics(document)



    def rule_diagnostics(self, documents: list[Document], context: list[Document] = ()) -> list[Diagnostic]:
        """Give the Schematron findings for ``documents``, checked together with
        ``context`` so that pointers between files resolve. With teipress's own rules
        the rules across files and date ranges are checked in Python (see :mod:`teipress.edition_rules`)."""
        if not documents:
            return []
        if self.saxon_rules is not None:
            return [d for document in documents for d in self.saxon_rules.diagnostics(document)]
        if not self.indexes_pointers:
            return self._corpus_rule_diagnostics(documents, context)
        index = pointer_index([*documents, *context])
        found = self._indexed_findings(documents, index)
        if index.has_texts:
            found += [d for document in documents for key, d in entry_candidates(document) if key not in index.referenced]
        return found

    def indexed_rule_diagnostics(self, documents: list[Document], index: PointerIndex) -> list[Diagnostic]:
        """Give the findings of rules written for teipress (``indexes_pointers``) on ``documents``,
        their pointers checked against ``index``, but not the warnings of register entries no text
        references (those need every file's references: edition_rules.entry_candidates). A
        failure of the rules on the set is put on its file, as guarded_rule_diagnostics does."""
        try:
            return self._indexed_findings(documents, index)
        except Exception:  # noqa: BLE001 - see guarded_rule_diagnostics
            return [d for document in documents for d in _guarded(document, self._indexed_findings, [document], index)]

    def _indexed_findings(self, documents: list[Document], index: PointerIndex) -> list[Diagnostic]:
        """Give the findings of teipress's rules on ``documents`` but the warnings of unreferenced entries."""
        found = [d for document in documents for d in pointer_diagnostics(document, index)]
        # The rules left in teipress.sch concern one file at a time: the context is not needed.
        return found + self._corpus_rule_diagnostics(documents, [])

    def _corpus_rule_diagnostics(self, documents: list[Document], context: list[Document]) -> list[Diagnostic]:
        """Give the findings of the XSLT 1 rules on ``documents`` and ``context`` wrapped in one tree."""
        corpus = etree.Element(f"{{{TP_NS}}}corpus", nsmap={"tp": TP_NS})
        wrapped: list[tuple[etree._Element, Document, bool]] = []
        for document, reported in [*[(d, True) for d in documents], *[(d, False) for d in context]]:
            holder = etree.SubElement(corpus, f"{{{TP_NS}}}doc", src=document.name, kind=kind_of(document))
            holder.append(copy.deepcopy(document.root))
            wrapped.append((holder, document, reported))
        if self.rules is not None:
            report, numbered = self.rules.run(corpus)
        else:
            self.schematron.validate(etree.ElementTree(corpus))
            report, numbered = self.schematron.validation_report, None
        tree = corpus.getroottree()
        owners = {id(holder): (document, reported) for holder, document, reported in wrapped}
        diagnostics = []
        locate = Locations(corpus)
        columns: dict[int, ColumnIndex] = {}
        for failed in report.iter(f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"):
            location = failed.get("location") or ""
            element = numbered.element(location) if numbered is not None else None
            if element is None:
                element = locate.element(location, tree)
            if element is None:
                continue
            holder = next(a for a in element.iterancestors() if a.tag == f"{{{TP_NS}}}doc")
            document, reported = owners[id(holder)]
            if not reported:
                continue
            if id(holder) not in columns:
                columns[id(holder)] = ColumnIndex(document, holder[0])
            # The rules see a bare "#id" as "file.xml#id"; say it as the editor wrote it.
            text = " ".join("".join(failed.itertext()).split()).replace(f"'{document.name}#", "'#")
            severity = "warning" if failed.get("role") in ("warning", "warn", "info") else "error"
            diagnostics.append(
                Diagnostic(
                    str(document.path),
                    element.sourceline or 1,
                    columns[id(holder)].column(element),
                    severity,
                    text,
                )
            )
        return diagnostics





def _guarded(document: Document, check, *args) -> list[Diagnostic]:
    """Give ``check(*args)``, or, if it fails unexpectedly, one diagnostic that
    says so at the start of ``document``: validation never ends in a traceback."""
    try:
        return check(*args)
    except Exception as exc:  # noqa: BLE001 - any failure becomes a located finding
        return [Diagnostic(str(document.path), 1, 1, "error",
                           f"could not be validated: {type(exc).__name__}: {exc} (an error in teipress; please report it)")]


def _parse_schema(path: Path) -> etree._ElementTree:
    if not path.is_file():
        raise UsageError(f"{path}: cannot use this schema: no such file")
    try:
        return etree.parse(str(path), safe_parser())
    except OSError as exc:
        raise UsageError(f"{path}: cannot use this schema: cannot read it: {exc.strerror or exc}") from exc
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (exc.lineno or 1, 1)
        raise UsageError(f"{path}: cannot use this schema: not well-formed at line {line}, column {col}: {exc.msg}") from exc


def _compile(path: Path, tree: etree._ElementTree, compiler):
    try:
        return compiler(tree)
    except (etree.RelaxNGParseError, etree.XSLTParseError, etree.SchematronParseError) as exc:
        entry = exc.error_log[0] if len(exc.error_log) else None
        where = f"at line {entry.line}: " if entry is not None and entry.line > 0 else ""
        raise UsageError(f"{path}: cannot use this schema: {where}{exc}") from exc


def _saxon_rules(path: Path, tree: etree._ElementTree):
    """Give the rules at ``path`` compiled for Saxon when their query binding is XSLT 2/3 (None for
    the XSLT 1 binding lxml runs); an unknown binding or rules that do not compile are a UsageError."""
    from .schematron import SAXON_BINDINGS, XSLT1_BINDINGS, RulesError, SaxonRules, query_binding  # noqa: PLC0415

    root = tree.getroot()
    binding = query_binding(root)
    if binding in XSLT1_BINDINGS and binding != "xpath":
        return None
    if binding not in SAXON_BINDINGS and binding != "xpath":
        raise UsageError(f"{path}: cannot use this schema: at line {root.sourceline or 1}: unsupported query "
                         f"binding '{root.get('queryBinding')}' (teipress runs xslt, xslt2 and xslt3)")
    try:
        return SaxonRules(path, root)
    except RulesError as exc:
        raise UsageError(f"{path}: cannot use this schema: at line {exc.line or 1}: {exc}") from exc



def _referenced_documents(documents: list[Document], read: dict[Path, Document | None] | None = None) -> list[Document]:
    """Give the documents that ``documents`` point into (``registers.xml#…``) and
    that were not given themselves, read from beside the pointing file (or taken from
    ``read``, the documents already read by path, which gets those read here)."""
    given = {d.path.resolve() for d in documents}
    # Each distinct (folder, file) is resolved once: a corpus points into the same few files thousands of times.
    pointed: dict[tuple[str, str], None] = {}
    for document in documents:
        folder = str(document.path.parent)
        for file in pointed_files(document):
            pointed[(folder, file)] = None
    wanted: dict[Path, None] = {}
    for folder, file in pointed:
        try:
            candidate = (Path(folder) / file).resolve()
            if candidate not in given and candidate.is_file():
                wanted[candidate] = None
        except (OSError, ValueError):
            continue  # a name no file can have (too long, say): the rules report the pointer as unresolved
    read = {} if read is None else read
    for path in wanted:
        if path not in read:
            try:
                read[path] = load(path)
            except InputError:
                read[path] = None
    return [read[path] for path in wanted if read[path] is not None]


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    """Give True when any diagnostic is an error (warnings do not count)."""
    return any(d.is_error for d in diagnostics)
