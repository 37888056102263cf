"""Ruleset data to model objects and back, under its name up to 0.1.0: it lives in :mod:`inovasi_rules.ruleset.codec`
now, with the rest of the way from a YAML file to a checked ruleset, and these names stay
importable from here (``from inovasi_rules.codec import dump_ruleset``)."""

from .ruleset.codec import *  # noqa: F403
from .ruleset.codec import __all__ as __all__
