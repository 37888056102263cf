"""Checked ruleset parameters, under its name up to 0.1.0: it lives in :mod:`inovasi_rules.ruleset.parameters`
now, with the rest of the way from a YAML file to a checked ruleset, and these names stay
importable from here (``from inovasi_rules.parameters import check_parameters``)."""

from .ruleset.parameters import *  # noqa: F403
from .ruleset.parameters import __all__ as __all__
