"""The XML namespaces teipress reads and writes, each named once."""

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
# teipress's own: the edition document the stylesheets read, and the markers they write.
TP_NS = "https://teipress.org/ns"
