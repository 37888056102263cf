"""A ruleset in words, under its name up to 0.1.0: it lives in :mod:`inovasi_rules.ruleset.describe`
now, with the rest of the way from a YAML file to a checked ruleset, and these names stay
importable from here (``from inovasi_rules.describe import describe_ruleset``)."""

from .ruleset.describe import *  # noqa: F403
from .ruleset.describe import __all__ as __all__
