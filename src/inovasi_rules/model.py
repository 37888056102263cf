"""The ruleset model, under its name up to 0.1.0: it lives in :mod:`inovasi_rules.ruleset.model`
now, with the rest of the way from a YAML file to a checked ruleset, and these names stay
importable from here (``from inovasi_rules.model import Stage``)."""

from .ruleset.model import *  # noqa: F403
from .ruleset.model import __all__ as __all__
