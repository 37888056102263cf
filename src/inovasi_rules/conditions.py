"""The condition language, under its name up to 0.1.0: it lives in :mod:`inovasi_rules.ruleset.conditions`
now, with the rest of the way from a YAML file to a checked ruleset, and these names stay
importable from here (``from inovasi_rules.conditions import compile_condition``)."""

from .ruleset.conditions import *  # noqa: F403
from .ruleset.conditions import __all__ as __all__
