"""A rule change in words, under its name up to 0.1.0: it lives in :mod:`inovasi_rules.ruleset.words`
now, with the rest of the way from a YAML file to a checked ruleset, and these names stay
importable from here (``from inovasi_rules.rule_words import change_words``)."""

from .ruleset.words import *  # noqa: F403
from .ruleset.words import __all__ as __all__
