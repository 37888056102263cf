"""Past editions, under their name up to 0.1.0: they live in
:mod:`inovasi_rules.whatif.history` now, with the what-if report, and these names stay
importable from here (``from inovasi_rules.history import read_history``)."""

from .whatif.history import *  # noqa: F403
from .whatif.history import __all__ as __all__
