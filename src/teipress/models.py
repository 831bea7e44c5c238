"""Validation as editors' tools do it: each file's ``<?xml-model?>`` processing
instructions choose its RELAX NG grammar and Schematron rules.

Precedence, for the grammar and the rules separately (first that applies wins):

1. ``teipress validate --schema`` / ``--rules``;
2. the file's own ``<?xml-model?>``: a local RELAX NG grammar
   (``schematypens="http://relaxng.org/ns/structure/1.0"``), whose embedded
   Schematron (``sch:pattern`` in the grammar, as ODD-generated schemas have)
   counts as the file's rules, and local Schematron files
   (``schematypens="http://purl.oclc.org/dsdl/schematron"``, a ``.sch`` or a
   grammar with embedded rules);
3. ``[build] schema`` / ``rules`` of teipress.toml;
4. teipress's built-in grammar and rules.

An ``href`` is resolved against the file. Remote schemas (``http:``, ``https:``
and any other scheme) are never fetched: a warning says so and the rules of
3 or 4 apply. Each distinct schema is compiled once per run. A local schema
that cannot be used (missing, not well-formed, does not compile, unsupported
query binding) is an error at the processing instruction; the command then
exits with status 2 (see :class:`UnusableSchema`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree, isoschematron

from .columns import ColumnIndex
from .corpus import discover, not_included, read_corpus
from .document import Document, safe_parser
from .errors import Diagnostic, UsageError
from .grammar import Grammar
from .namespaces import RNG_NS, SCH_NS, SVRL_NS, TP_NS
from .resources import default_rng
from .edition_rules import entry_candidates, pointer_index
from .rule_locations import Locations
from .schematron import SAXON_BINDINGS, XSLT1_BINDINGS, RulesError, SaxonRules, embedded_rules, query_binding
from .validate import Validator, _guarded, _referenced_documents
from .xml_ids import duplicate_id_errors


@dataclass(frozen=True)
class XmlModel:
    """One ``<?xml-model?>`` processing instruction of a file, where it stands."""

    href: str
    schematypens: str
    line: int
    col: int


class UnusableSchema(UsageError):
    """A schema named by a file's xml-model cannot be used: carries every diagnostic of the
    run (the findings of what could be checked, and the located errors that say why)."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics if d.message.startswith("cannot use")))


def xml_models(document: Document) -> list[XmlModel]:
    """Give the ``<?xml-model?>`` instructions before the root element of ``document``, in order."""
    found = []
    node = document.root.getprevious()
    while node is not None:
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model":
            line = node.sourceline or 1
            found.append(XmlModel((node.get("href") or "").strip(), (node.get("schematypens") or "").strip(),
                                  line, _column_of_instruction(document, line)))
        node = node.getprevious()
    return found[::-1]


def _column_of_instruction(document: Document, line: int) -> int:
    lines = document.source.splitlines()
    if 0 < line <= len(lines):
        at = lines[line - 1].find(b"<?xml-model")
        if at >= 0:
            return len(lines[line - 1][:at].decode("utf-8", "replace")) + 1
    return 1


def _is_remote(href: str) -> bool:
    """True for an href with a scheme other than file: (a Windows drive letter is not a scheme)."""
    scheme = urlsplit(href).scheme
    return len(scheme) > 1 and scheme.lower() != "file"


def _local_path(document: Document, href: str) -> Path:
    """Give the file an href names, resolved against the folder of ``document``."""
    parts = urlsplit(href)
    path = Path(unquote(parts.path if parts.scheme.lower() == "file" else href.split("#")[0]))
    return (path if path.is_absolute() else document.path.parent / path).resolve()


def _grammar(tree: etree._ElementTree) -> Grammar:
    """Give the grammar ``tree`` compiled, or raise RulesError saying why it does not compile."""
    try:
        relaxng = etree.RelaxNG(tree)
    except etree.RelaxNGParseError as exc:
        entry = exc.error_log[0] if len(exc.error_log) else None
        raise RulesError(f"the grammar does not compile: {entry.message if entry else exc}",
                         entry.line if entry else 0) from exc
    return Grammar(tree, relaxng)


class _Xslt1Rules:
    """Schematron rules with an XSLT 1 binding (lxml's isoschematron), run on one document at a time."""

    def __init__(self, path: Path, schema: etree._Element):
        self.path = path
        try:
            self.schematron = isoschematron.Schematron(schema, store_report=True)
        except (etree.SchematronParseError, etree.XSLTParseError) as exc:
            raise RulesError(f"the rules do not compile: {exc}") from exc

    def diagnostics(self, document: Document) -> list[Diagnostic]:
        """Give the findings of the rules on ``document``, each at its element's line and column."""
        self.schematron.validate(document.tree)
        report = self.schematron.validation_report
        locate, columns, found = Locations(document.root), ColumnIndex(document), []
        for failed in report.iter(f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"):
            element = locate.element(failed.get("location") or "", document.tree)
            element = element if element is not None else document.root
            text = " ".join("".join(failed.itertext()).split())
            role = (failed.get("role") or "").lower()
            found.append(Diagnostic(str(document.path), element.sourceline or 1, columns.column(element),
                                    "warning" if role in ("warning", "warn", "info", "nonfatal") else "error", text))
        return found


class _CorpusRules:
    """Rules written for teipress (they declare its namespace, as teipress.sch and its copies do): they
    see the files together, each wrapped in ``tp:doc``, so that pointers between files resolve."""

    def __init__(self, path: Path):
        try:
            # The built-in grammar is only there because a Validator has one (it compiles in milliseconds).
            self.validator = Validator(default_rng(), path)
        except UsageError as exc:
            raise RulesError(str(exc).split("cannot use this schema: ", 1)[-1]) from exc


class Schemas:
    """The schemas named by xml-models, each compiled once per run (a failure is kept too,
    and reported at each file that names the schema)."""

    def __init__(self):
        self._grammars: dict[Path, Grammar | RulesError] = {}
        self._rules: dict[Path, object] = {}
        self._trees: dict[Path, etree._ElementTree | RulesError] = {}

    def _tree(self, path: Path) -> etree._ElementTree:
        if path not in self._trees:
            if not path.is_file():
                self._trees[path] = RulesError("no such file")
                raise self._trees[path]
            try:
                self._trees[path] = etree.parse(str(path), safe_parser())
            except OSError as exc:
                self._trees[path] = RulesError(f"cannot read it: {exc.strerror or exc}")
            except etree.XMLSyntaxError as exc:
                line, col = exc.position if exc.position else (exc.lineno or 0, 0)
                self._trees[path] = RulesError(f"not well-formed: {exc.msg}", line, col)
        tree = self._trees[path]
        if isinstance(tree, RulesError):
            raise tree
        return tree

    def grammar(self, path: Path) -> Grammar:
        """Give the compiled grammar at ``path``, or raise RulesError."""
        if path not in self._grammars:
            try:
                self._grammars[path] = _grammar(self._tree(path))
            except RulesError as exc:
                self._grammars[path] = exc
        found = self._grammars[path]
        if isinstance(found, RulesError):
            raise found
        return found

    def rules(self, path: Path, required: bool = True):
        """Give the compiled rules at ``path`` (a Schematron file, or a grammar's embedded rules),
        None for a grammar without embedded rules when not ``required``, or raise RulesError."""
        key = path
        if key not in self._rules:
            try:
                self._rules[key] = self._compile_rules(path)
            except RulesError as exc:
                self._rules[key] = exc
        found = self._rules[key]
        if isinstance(found, RulesError):
            raise found
        if found is None and required:
            raise RulesError("it holds no Schematron rules (neither a sch:schema nor sch:pattern in a grammar)")
        return found

    def _compile_rules(self, path: Path):
        root = self._tree(path).getroot()
        if root.tag == f"{{{RNG_NS}}}grammar" or etree.QName(root).namespace == RNG_NS:
            schema = embedded_rules(root.getroottree())
            return SaxonRules(path, schema) if schema is not None else None
        if root.tag != f"{{{SCH_NS}}}schema":
            raise RulesError(f"not an ISO Schematron schema (its root is <{root.tag}>)", root.sourceline or 0)
        binding = query_binding(root)
        if binding in XSLT1_BINDINGS and binding != "xpath":
            if any(ns.get("uri") == TP_NS for ns in root.iter(f"{{{SCH_NS}}}ns")):
                return _CorpusRules(path)
            return _Xslt1Rules(path, root)
        if binding in SAXON_BINDINGS or binding == "xpath":
            return SaxonRules(path, root)
        raise RulesError(f"unsupported query binding '{root.get('queryBinding')}' (teipress runs xslt, xslt2 "
                         "and xslt3)", root.sourceline or 0)


def _unusable(document: Document, model: XmlModel, path: Path, exc: RulesError) -> Diagnostic:
    where = f"{path}:{exc.line}" if exc.line else str(path)
    return Diagnostic(str(document.path), model.line, model.col, "error",
                      f"cannot use the schema of this xml-model ({where}): {exc}")


@dataclass
class _Choice:
    """What one file's xml-models choose: its grammar and rules, what could not be used, what they say."""

    grammar: Grammar | None = None
    rules: list = field(default_factory=list)
    skip_grammar: bool = False  # an unusable grammar: what it should have checked is not checked by another
    skip_rules: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unusable: list[Diagnostic] = field(default_factory=list)


def _choose(document: Document, schemas: Schemas, schema, rules) -> _Choice:
    """Give the grammar and rules ``document``'s xml-models choose, ``schema``/``rules`` (the
    command line's) winning over them."""
    choice = _Choice()
    for model in xml_models(document):
        kind = {RNG_NS: "grammar", SCH_NS: "rules"}.get(model.schematypens)
        if kind is None:
            if model.schematypens:
                choice.diagnostics.append(Diagnostic(
                    str(document.path), model.line, model.col, "warning",
                    f"xml-model with schematypens '{model.schematypens}' is not read "
                    "(teipress reads RELAX NG and Schematron)"))
            continue
        if (kind == "grammar" and schema is not None) or (kind == "rules" and rules is not None) or not model.href:
            continue  # the command line's schema or rules win over the file's
        if _is_remote(model.href):
            choice.diagnostics.append(Diagnostic(
                str(document.path), model.line, model.col, "warning",
                f"the remote schema {model.href} is not read (teipress fetches nothing from the network): "
                f"the configured or built-in {'grammar applies' if kind == 'grammar' else 'rules apply'}"))
            continue
        path = _local_path(document, model.href)
        try:
            found = [schemas.rules(path)] if kind == "rules" else []
            if kind == "grammar":
                choice.grammar = choice.grammar or schemas.grammar(path)
                if rules is None:  # the grammar's embedded rules are the file's rules too
                    found = [r for r in [schemas.rules(path, required=False)] if r is not None]
            choice.rules.extend(r for r in found if r not in choice.rules)
        except RulesError as exc:
            choice.unusable.append(_unusable(document, model, path, exc))
            choice.skip_grammar = choice.skip_grammar or kind == "grammar"
            choice.skip_rules = True
    return choice


def validate_with_models(paths: list[str | Path], *, schema: str | Path | None = None,
                         rules: str | Path | None = None, configured_schema: str | Path | None = None,
                         configured_rules: str | Path | None = None, folder: Path | None = None,
                         jobs: int | None = None) -> list[Diagnostic]:
    """Give the diagnostics of every XML file under ``paths``, each checked against the grammar and
    rules the precedence of this module chooses for it: ``schema``/``rules`` (the command line's),
    else the file's xml-models, else ``configured_schema``/``configured_rules``, else the built-in ones.
    The files' xi:includes are read from inside ``folder`` (the edition folder). Many files are
    checked in sets by ``jobs`` processes at once (default: one per core; see teipress.validate_pool).

    Raises UnusableSchema (with every diagnostic) when a file's xml-model names a local schema
    that cannot be used, and UsageError when ``schema``, ``rules`` or the configured ones cannot."""
    from .validate_pool import check_all  # noqa: PLC0415 - the pool's module runs this module's Checker

    checker = Checker(Choices(schema, rules, configured_schema, configured_rules, folder))
    return combine(check_all(checker, discover(paths), jobs))


@dataclass(frozen=True)
class Choices:
    """What chooses the files' schemas besides their xml-models: the command line's grammar and
    rules, those of teipress.toml, and the folder the files' xi:includes are read from."""

    schema: str | Path | None = None
    rules: str | Path | None = None
    configured_schema: str | Path | None = None
    configured_rules: str | Path | None = None
    folder: Path | None = None


@dataclass
class Checked:
    """What checking one set of files found: its diagnostics and the schemas it could not use, the
    files it could not read and those its files include (not failures of their own), and what
    the warnings of register entries no text references need from every set (see :func:`combine`)."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    unusable: list[Diagnostic] = field(default_factory=list)
    failures: list[Diagnostic] = field(default_factory=list)
    included: set[str] = field(default_factory=set)
    referenced: set[str] = field(default_factory=set)  # "file#id" some pointer names
    has_texts: bool = False
    entries: list[tuple[str, Diagnostic]] = field(default_factory=list)  # edition_rules.entry_candidates


# A process keeps at most this many files read because a checked file points into them (registers).
_KEPT_CONTEXT = 256


class Checker:
    """The schemas of one validation, compiled once in a process, checking any number of sets of files."""

    def __init__(self, choices: Choices):
        self.choices = choices
        self.base = Validator(choices.schema or choices.configured_schema, choices.rules or choices.configured_rules)
        self.schemas = Schemas()
        self._read: dict[Path, Document | None] = {}

    @property
    def divisible(self) -> bool:
        """True when the files may be checked in sets, each set with the files it points into:
        no rules that see the files together are foreign (teipress's are checked against an index)."""
        return self.base.indexes_pointers or self.base.saxon_rules is not None

    def check(self, files: list[Path]) -> Checked:
        """Give what checking ``files`` found (all the files of the validation, unless divisible)."""
        choices = self.choices
        corpus = read_corpus(files, choices.folder)
        documents = corpus.documents
        found = Checked(failures=list(corpus.failures), included={str(p) for d in documents for p in d.included})
        base_rules: list[Document] = []
        corpus_rules: dict[int, tuple[_CorpusRules, list[Document]]] = {}
        for document in documents:
            # What the parser passed over: the DOCTYPE's unread declarations, an xml:id given twice (invalid TEI).
            found.diagnostics.extend([*document.notes, *duplicate_id_errors(document)])
            choice = _choose(document, self.schemas, choices.schema, choices.rules)
            found.diagnostics.extend(choice.diagnostics)
            found.unusable.extend(choice.unusable)
            if not choice.skip_grammar:
                check = choice.grammar.diagnostics if choice.grammar is not None else self.base.grammar_diagnostics
                found.diagnostics.extend(_guarded(document, check, document))
            for runner in choice.rules:
                if isinstance(runner, _CorpusRules):  # checked below, with the other files of these rules
                    corpus_rules.setdefault(id(runner), (runner, []))[1].append(document)
                else:
                    found.diagnostics.extend(_guarded(document, runner.diagnostics, document))
            if not choice.rules and not choice.skip_rules:
                base_rules.append(document)
        if len(self._read) > _KEPT_CONTEXT:
            self._read.clear()
        context = _referenced_documents(documents, self._read)
        index = pointer_index([*documents, *context])
        found.referenced, found.has_texts = index.referenced, index.has_texts
        groups = [(self.base, base_rules)] + [(runner.validator, group) for runner, group in corpus_rules.values()]
        for validator, group in groups:
            if not group:
                continue
            if validator.indexes_pointers:
                found.diagnostics.extend(validator.indexed_rule_diagnostics(group, index))
                found.entries.extend(entry for document in group for entry in entry_candidates(document))
            else:
                others = [d for d in [*documents, *context] if all(d is not g for g in group)]
                found.diagnostics.extend(validator.guarded_rule_diagnostics(group, others))
        return found


def combine(sets: list[Checked]) -> list[Diagnostic]:
    """Give the diagnostics of a validation whose files were checked in ``sets``, sorted: a file
    another includes is no failure of its own, and a register entry gets its warning when no
    file of any set references it. Raise UnusableSchema when a set met a schema it could not use."""
    included = {path for found in sets for path in found.included}
    referenced = {key for found in sets for key in found.referenced}
    diagnostics = [d for found in sets for d in found.diagnostics]
    diagnostics += not_included([d for found in sets for d in found.failures], included)
    if any(found.has_texts for found in sets):
        diagnostics += [d for found in sets for key, d in found.entries if key not in referenced]
    unusable = [d for found in sets for d in found.unusable]
    diagnostics.extend(unusable)
    if unusable:
        raise UnusableSchema(sorted(diagnostics))
    return sorted(diagnostics)
