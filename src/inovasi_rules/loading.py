"""Finding and loading rulesets, under its name up to 0.1.0: it lives in :mod:`inovasi_rules.ruleset.loading`
now, with the rest of the way from a YAML file to a checked ruleset, and these names stay
importable from here (``from inovasi_rules.loading import load_ruleset``)."""

from .ruleset.loading import *  # noqa: F403
from .ruleset.loading import MAX_EXTENDS_DEPTH as MAX_EXTENDS_DEPTH
from .ruleset.loading import __all__ as __all__
