"""inovasi_rules: the rules of public-service innovation competitions, as data."""

from importlib.metadata import version as _version

__version__ = _version("inovasi-rules")
