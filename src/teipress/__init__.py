"""teipress: publish scholarly digital editions from TEI P5 XML."""

__version__ = "0.1.0"
