"""The scoring arithmetic, under its name up to 0.1.0: it lives in
:mod:`inovasi_rules.evaluation.scoring` now, and these names stay importable from here.

>>> from inovasi_rules.scoring import aggregate
>>> from decimal import Decimal
>>> aggregate("median", [Decimal(70), Decimal(80), Decimal(96)])
(Decimal('80'), True)
"""

from __future__ import annotations

from .evaluation.scoring import (
    aggregate,
    decimal_places,
    divide_rounded,
    divide_rounded_int,
    judge_total,
    mean,
    median,
    normalisation,
    normalise,
    quantizer,
    scaled,
    trimmed_mean,
)

__all__ = [
    "aggregate",
    "decimal_places",
    "divide_rounded",
    "divide_rounded_int",
    "judge_total",
    "mean",
    "median",
    "normalisation",
    "normalise",
    "quantizer",
    "scaled",
    "trimmed_mean",
]
