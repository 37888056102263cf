"""Scoring arithmetic: judges' totals and how several judges are combined.

All arithmetic is :class:`decimal.Decimal`; every function here is pure.

**A judge's total** is the weighted mean of the judge's scores on the rubric's leaf
criteria: ``sum(weight * score) / total_weight``. With weights 40 and 60 and scores 80
and 90, the total is ``(40*80 + 60*90) / 100 = 86``.

**Aggregation across judges** (``judges.aggregate`` in a stage):

``mean``
    The arithmetic mean of the judges' totals. ``[70, 80, 96] -> 82``.
``median``
    The middle total (the mean of the two middle ones for an even count).
    ``[70, 80, 96] -> 80``; ``[70, 80, 90, 96] -> 85``.
``trimmed_mean``
    Drop the ``trim`` highest and ``trim`` lowest totals, then the mean.
    With ``trim: 1``, ``[50, 80, 82, 84, 99] -> 82``. When too few totals remain
    (``2 * trim >= count``) the plain mean is used and the trace says so.
``normalised_mean``
    Corrects harsh and lenient judges. Each judge's totals at the stage are turned
    into z-scores against that judge's own mean and standard deviation, rescaled to
    the mean and standard deviation of all totals at the stage, clipped to the
    scale, then averaged per entry. A judge who scored fewer than ``min_scored``
    entries at the stage (or gave everyone the same total) is not normalised: the raw
    total is used, and the trace says so.

Example in YAML:

.. code-block:: yaml

    judges: {min: 3, aggregate: trimmed_mean, trim: 1, max_spread: 25, too_few: flag}
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from ..model import Rounding

__all__ = [
    "aggregate",
    "decimal_places",
    "divide_rounded",
    "divide_rounded_int",
    "judge_total",
    "mean",
    "median",
    "normalisation",
    "quantizer",
    "scaled",
    "trimmed_mean",
]

_ROUNDING = {
    "half_up": decimal.ROUND_HALF_UP,
    "half_even": decimal.ROUND_HALF_EVEN,
    "down": decimal.ROUND_DOWN,
}
_CTX = decimal.Context(prec=34)


#: A function that rounds a score.
Quantize = Callable[[Decimal], Decimal]


def quantizer(rounding: Rounding) -> Quantize:
    """A function rounding a Decimal as the ruleset says."""
    exp = Decimal(1).scaleb(-rounding.places)
    mode = _ROUNDING[rounding.mode]

    def q(value: Decimal) -> Decimal:
        return value.quantize(exp, rounding=mode)

    return q


def decimal_places(values: Iterable[Decimal]) -> int:
    """The fewest decimal places that write every one of ``values`` exactly: scaled by
    ``10 ** decimal_places(values)`` they are all integers.

    >>> decimal_places([Decimal("85"), Decimal("85.5"), Decimal("1E+2")])
    1
    """
    return max((max(0, -int(v.as_tuple().exponent)) for v in values), default=0)


def scaled(value: Decimal, places: int) -> int:
    """``value * 10 ** places`` as an exact integer (``places`` from :func:`decimal_places`)."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    shift = exponent + places
    if shift < 0:
        raise ValueError(f"{value} has more than {places} decimal places")
    n: int = int("".join(map(str, digits)) or "0") * 10**shift
    return -n if sign else n


IntArray = npt.NDArray[np.int64] | npt.NDArray[np.object_]


def divide_rounded(num: IntArray, den: IntArray | int, mode: str) -> IntArray:
    """``num / den`` rounded to an integer, element by element, exactly (no floats).

    Scores are kept as integers scaled by a power of ten, so a judge's weighted total
    rounded to two places is ``divide_rounded(sum * 100, total_weight, mode)``. ``den``
    must be positive. ``mode`` is the ruleset's rounding mode: ``half_up`` (ties away
    from zero), ``half_even`` (ties to the even neighbour) or ``down`` (towards zero),
    the same results as :meth:`decimal.Decimal.quantize` gives.

    >>> divide_rounded(np.array([5, -5, 7, 15]), 10, "half_up").tolist()
    [1, -1, 1, 2]
    >>> divide_rounded(np.array([5, 15, 25]), 10, "half_even").tolist()
    [0, 2, 2]
    """
    a = np.abs(num)
    q = a // den  # (np.divmod has no loop for Python integers in object arrays)
    r = a - q * den
    if mode == "half_up":
        q = q + (2 * r >= den)
    elif mode == "half_even":
        twice = 2 * r
        q = q + ((twice > den) | ((twice == den) & (q % 2 == 1)))
    elif mode != "down":
        raise ValueError(f"unknown rounding mode {mode!r}")
    return np.where(num < 0, -q, q)


def divide_rounded_int(num: int, den: int, mode: str) -> int:
    """:func:`divide_rounded` for one pair of Python integers.

    >>> divide_rounded_int(-15, 10, "half_up"), divide_rounded_int(15, 10, "down")
    (-2, 1)
    """
    q, r = divmod(abs(num), den)
    if mode == "half_up":
        q += 2 * r >= den
    elif mode == "half_even":
        q += 2 * r > den or (2 * r == den and q % 2 == 1)
    elif mode != "down":
        raise ValueError(f"unknown rounding mode {mode!r}")
    return -q if num < 0 else q


def judge_total(scores: Mapping[str, Decimal], weights: Mapping[str, Decimal], total_weight: Decimal) -> Decimal:
    """The weighted mean of one judge's criterion scores (unrounded)."""
    s = Decimal(0)
    for crit, w in weights.items():
        s += w * scores[crit]
    return _CTX.divide(s, total_weight)


def mean(values: Sequence[Decimal]) -> Decimal:
    """Arithmetic mean (unrounded)."""
    return _CTX.divide(sum(values, Decimal(0)), Decimal(len(values)))


def median(values: Sequence[Decimal]) -> Decimal:
    """The middle value; the mean of the two middle values for an even count."""
    v = sorted(values)
    n = len(v)
    mid = n // 2
    if n % 2:
        return v[mid]
    return _CTX.divide(v[mid - 1] + v[mid], Decimal(2))


def trimmed_mean(values: Sequence[Decimal], trim: int) -> tuple[Decimal, bool]:
    """Mean after dropping ``trim`` highest and lowest values.

    :return: the mean and whether trimming happened (``False`` when too few values).
    """
    if trim <= 0 or 2 * trim >= len(values):
        return mean(values), False
    v = sorted(values)
    return mean(v[trim : len(v) - trim]), True


def _std(values: Sequence[Decimal], mu: Decimal) -> Decimal:
    var = _CTX.divide(sum(((x - mu) ** 2 for x in values), Decimal(0)), Decimal(len(values)))
    return var.sqrt(_CTX)


def normalisation(
    totals_by_judge: Mapping[str, Iterable[Decimal]], min_scored: int
) -> tuple[dict[str, tuple[Decimal, Decimal] | None], Decimal, Decimal]:
    """Per-judge (mean, std) for z-scores, and the stage-wide mean and std.

    A judge maps to ``None`` when not normalised (fewer than ``min_scored`` entries,
    or a standard deviation of zero).
    """
    everything: list[Decimal] = []
    stats: dict[str, tuple[Decimal, Decimal] | None] = {}
    for judge, totals in totals_by_judge.items():
        vals = list(totals)
        everything.extend(vals)
        if len(vals) < min_scored:
            stats[judge] = None
            continue
        mu = mean(vals)
        sd = _std(vals, mu)
        stats[judge] = (mu, sd) if sd > 0 else None
    if not everything:
        return stats, Decimal(0), Decimal(0)
    mu_all = mean(everything)
    return stats, mu_all, _std(everything, mu_all)


def normalise(
    total: Decimal,
    judge_stats: tuple[Decimal, Decimal] | None,
    stage_mean: Decimal,
    stage_std: Decimal,
    lo: Decimal,
    hi: Decimal,
) -> Decimal:
    """One judge's total rescaled: ``stage_mean + z * stage_std``, clipped to the scale."""
    if judge_stats is None:
        return total
    mu, sd = judge_stats
    z = _CTX.divide(total - mu, sd)
    value = stage_mean + z * stage_std
    return min(hi, max(lo, value))


def aggregate(method: str, totals: Sequence[Decimal], trim: int = 1) -> tuple[Decimal, bool]:
    """Combine judges' totals with ``method`` (``mean``, ``median``, ``trimmed_mean``;
    ``normalised_mean`` expects totals already normalised and takes their mean).

    :return: the aggregate (unrounded) and, for ``trimmed_mean``, whether trimming
        happened (always ``True`` for the other methods).
    """
    if method == "median":
        return median(totals), True
    if method == "trimmed_mean":
        return trimmed_mean(totals, trim)
    return mean(totals), True
