"""Saxon-HE (saxonche) behind a small interface: compile each stylesheet once,
run it on lxml trees with typed parameters, report failures with their location."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor

from .confinement import check_stylesheet
from .errors import StylesheetError, TransformError
from .resources import xslt_dir

# SaxonC allows one processor per process; every Stylesheets object shares it.
_PROCESSOR: PySaxonProcessor | None = None


def processor() -> PySaxonProcessor:
    """Give this process's Saxon processor, creating it on first use."""
    global _PROCESSOR
    if _PROCESSOR is None:
        _PROCESSOR = PySaxonProcessor(license=False)
        # Saxon's parser refuses elements deeper than 100 (a JDK default); the edition
        # document wraps each text two levels down, and lxml already bounds depth at 256.
        _PROCESSOR.set_configuration_property(
            "http://saxon.sf.net/feature/parserProperty?uri=http%3A//www.oracle.com/xml/jaxp/properties/maxElementDepth",
            "1000")
    return _PROCESSOR


class Stylesheets:
    """The stylesheets of one run, each compiled on first use and then reused for every document."""

    def __init__(self, root: str | Path | None = None):
        self.root = Path(root) if root else xslt_dir()
        self._compiler = processor().new_xslt30_processor()
        self._executables: dict[str, object] = {}
        # When True, every run asks the stylesheet to report the elements its
        # generic fallback rendered (parameter fallback-report) and records them.
        self.report_unhandled = False
        # Unhandled element name -> the paths (in the edition document) of its
        # occurrences; a set, so an element rendered twice (text and print) counts once.
        self.unhandled: dict[str, set[str]] = {}

    def executable(self, name: str):
        """Give the compiled stylesheet ``name`` (a path relative to the xslt folder)."""
        if name not in self._executables:
            path = (self.root / name).resolve()
            if not path.is_file():
                raise StylesheetError(f"{path}: stylesheet not found")
            check_stylesheet(path, [self.root, xslt_dir()])
            try:
                self._executables[name] = self._compiler.compile_stylesheet(stylesheet_file=str(path))
            except PySaxonApiError as exc:
                raise StylesheetError(f"{path}: the stylesheet does not compile: {_clean(exc)}") from exc
        return self._executables[name]

    def node(self, element: etree._Element):
        """Give a Saxon document node holding a copy of the lxml tree ``element``."""
        text = etree.tostring(element, encoding="unicode")
        return processor().parse_xml(xml_text=text)

    def node_from_file(self, path: str | Path):
        """Give a Saxon document node of the XML file ``path``, written by teipress itself
        (an edition document: no DOCTYPE, no entities; untrusted input goes through :meth:`node`)."""
        return processor().parse_xml(xml_file_name=str(path))

    def run(self, name: str, source, parameters: dict | None = None, label: str = "") -> str:
        """Give the serialized result of stylesheet ``name`` applied to ``source``
        (a Saxon node from :meth:`node`), with ``parameters`` set for this run only."""
        executable = self.executable(name)
        executable.clear_parameters()
        parameters = dict(parameters or {})
        if self.report_unhandled:
            parameters["fallback-report"] = True
        for key, value in parameters.items():
            executable.set_parameter(key, _xdm(value))
        # Saxon keeps xsl:message output only when asked, and accumulates it
        # until switched off: on for this run, read, then off (which clears it).
        executable.set_save_xsl_message(self.report_unhandled)
        try:
            result = executable.transform_to_string(xdm_node=source)
        except PySaxonApiError as exc:
            where = f" on {label}" if label else ""
            raise TransformError(f"{self.root / name}: the transformation failed{where}: {_clean(exc)}") from exc
        finally:
            if self.report_unhandled:
                self._record_messages(executable.get_xsl_messages())
                executable.set_save_xsl_message(False)
        if result is None:
            raise TransformError(f"{self.root / name}: the transformation gave no result")
        return result


    def _record_messages(self, messages) -> None:
        for message in ([str(m) for m in messages] if messages is not None else []):
            found = _UNHANDLED.match(message.strip())
            if found:
                self.unhandled.setdefault(found["name"], set()).add(found["path"])

    def unhandled_counts(self) -> Counter:
        """Give the number of elements rendered by the generic fallback, by element name."""
        return Counter({name: len(paths) for name, paths in self.unhandled.items()})


# The fallback's report (xslt/html/fallback.xsl): "teipress: no template for NAME at PATH; rendered generically".
_UNHANDLED = re.compile(r"teipress: no template for (?P<name>\S+) at (?P<path>\S+); rendered generically$")


def _xdm(value):
    proc = processor()
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    if isinstance(value, str):
        return proc.make_string_value(value)
    return value  # already an XDM value, e.g. a node


def _clean(exc: Exception) -> str:
    return re.sub(r"\s+", " ", str(exc)).strip()
