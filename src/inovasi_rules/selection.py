"""Ranking and selection, under its name up to 0.1.0: it lives in
:mod:`inovasi_rules.evaluation.ranking` now, and these names stay importable from here.

>>> from inovasi_rules.selection import largest_remainder
>>> largest_remainder(10, {"a": 60, "b": 30, "c": 10})
{'a': 6, 'b': 3, 'c': 1}
"""

from __future__ import annotations

from .evaluation.ranking import Entry, Pick, largest_remainder, lottery_key, order_entries, select

__all__ = ["Entry", "Pick", "largest_remainder", "lottery_key", "order_entries", "select"]
