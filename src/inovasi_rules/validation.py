"""Checking a ruleset, under its name up to 0.1.0: it lives in :mod:`inovasi_rules.ruleset.validation`
now, with the rest of the way from a YAML file to a checked ruleset, and these names stay
importable from here (``from inovasi_rules.validation import ruleset_schema``)."""

from .ruleset.validation import *  # noqa: F403
from .ruleset.validation import __all__ as __all__
