"""Scoring: judges' totals and how several judges are combined.

The definitions below are on :class:`decimal.Decimal` and pure; they are the reference.
The engine computes the same on integers (scores and weights scaled by powers of ten,
exact, on int64 arrays or on Python integers where a value would not fit):
:class:`StageRows` groups a stage's score rows into each judge's total,
:func:`aggregate_many` takes the judges' aggregate of every entry at once, and
:func:`stage_scores` makes the scores of a stage's entrants, with the trace.

**A judge's total** is, by default (``total: weighted_mean``), the weighted mean of
the judge's scores on the rubric's leaf criteria: ``sum(weight * score) /
total_weight``. With weights 40 and 60 and scores 80 and 90, the total is
``(40*80 + 60*90) / 100 = 86``. ``total: weighted_sum`` leaves out the division:
``40*80 + 60*90 = 8600``. ``total: {scale: {min: 0, max: 100}}`` places each score on
its criterion's scale (0 at its minimum, 1 at its maximum) and the weighted mean of
those on the declared scale: criteria scored 0-10 with weights 40 and 60 and scores 8
and 9 make ``100 * (40*0.8 + 60*0.9) / 100 = 86``.

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
import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from ..edition import MISSING, ScoreTable
from ..errors import EvaluationError, PluginError, Problem
from ..frozen import EMPTY, FrozenMap
from ..messages import said, said_scaled
from ..plugins import StageScore, call_first
from ..result import Reason
from ..ruleset import model as m
from ..ruleset.describe import total_words
from ..ruleset.model import Label, LazyLabel, Rounding
from .decisions import spoken
from .views import Criteria, CriteriaTable, JudgeScores

if TYPE_CHECKING:
    from .context import Context, Entrant
    from .decisions import Decisions, Legend

__all__ = [
    "SCORED",
    "JudgeScores",
    "StageRows",
    "aggregate",
    "aggregate_many",
    "decimal_places",
    "divide_rounded",
    "divide_rounded_int",
    "exact_aggregate",
    "judge_total",
    "leaf_weights",
    "mean",
    "median",
    "normalisation",
    "number",
    "plugin_scores",
    "quantizer",
    "round_exact",
    "scaled",
    "stage_scores",
    "total_factor",
    "total_range",
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


_WEIGHTED_MEAN = m.Total()


def judge_total(
    scores: Mapping[str, Decimal], weights: Mapping[str, Decimal], total_weight: Decimal,
    total: m.Total = _WEIGHTED_MEAN, scales: Mapping[str, m.Scale] | None = None,
) -> Decimal:
    """One judge's total (unrounded), as the rubric's ``total`` says: the weighted mean
    of the criterion scores (the default), their weighted sum, or the weighted mean of
    each score's place on its criterion's scale (``scales``), placed on ``total.scale``.

    >>> from decimal import Decimal as D
    >>> from inovasi_rules.ruleset.model import Scale, Total
    >>> w = {"a": D(40), "b": D(60)}
    >>> judge_total({"a": D(8), "b": D(9)}, w, D(100))
    Decimal('8.6')
    >>> judge_total({"a": D(8), "b": D(9)}, w, D(100), Total("weighted_sum"))
    Decimal('860')
    >>> ten = {"a": Scale(0, 10), "b": Scale(0, 10)}
    >>> judge_total({"a": D(8), "b": D(9)}, w, D(100), Total("scaled", Scale(0, 100)), ten)
    Decimal('86')
    """
    s = Decimal(0)
    if total.method == "scaled":
        assert total.scale is not None
        assert scales is not None
        for crit, w in weights.items():
            sc = scales[crit]
            s += _CTX.divide(w * (scores[crit] - sc.min), sc.max - sc.min)
        out = total.scale
        return out.min + _CTX.divide((out.max - out.min) * s, total_weight)
    for crit, w in weights.items():
        s += w * scores[crit]
    return s if total.method == "weighted_sum" else _CTX.divide(s, total_weight)


def total_range(rubric: m.Rubric, weights: Mapping[str, Decimal], total_weight: Decimal) -> tuple[Decimal, Decimal]:
    """The lowest and highest total a judge can give on ``rubric``."""
    scales = rubric.leaf_scales()
    ends = [
        judge_total({c: getattr(scales[c], end) for c in weights}, weights, total_weight, rubric.total, scales)
        for end in ("min", "max")
    ]
    return min(ends), max(ends)


def total_factor(rubric: m.Rubric, total_weight: Decimal) -> Decimal | None:
    """What a weighted-mean total is multiplied by to give this rubric's total, when
    that is one number (every criterion on the rubric's scale, and both that scale and
    the total's starting at 0); ``None`` otherwise.

    >>> from inovasi_rules.ruleset.model import Criterion, Rubric, Scale, Total
    >>> r = Rubric("r", [Criterion("a", 100)], scale=Scale(0, 10), total=Total("scaled", Scale(0, 100)))
    >>> total_factor(r, r.total_weight)
    Decimal('10')
    """
    t = rubric.total
    if t.method == "weighted_mean":
        return Decimal(1)
    if t.method == "weighted_sum":
        return total_weight
    assert t.scale is not None
    if any(sc != rubric.scale for sc in rubric.leaf_scales().values()) or t.scale.min or rubric.scale.min:
        return None
    return _CTX.divide(t.scale.max - t.scale.min, rubric.scale.max - rubric.scale.min)


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


def exact_aggregate(method: str, numerators: Sequence[int], den: int, trim: int = 1) -> Fraction:
    """:func:`aggregate` of totals ``numerator / den``, exactly (for ``rounding.at``
    without ``judge_total`` or ``aggregate``): ``median``, ``trimmed_mean`` (the plain
    mean when ``2 * trim`` totals or more would be dropped), otherwise the mean.

    >>> exact_aggregate("mean", [1, 1, 2], 1)
    Fraction(4, 3)
    """
    n = len(numerators)
    if method == "median":
        xs, mid = sorted(numerators), n // 2
        return Fraction(xs[mid], den) if n % 2 else Fraction(xs[mid - 1] + xs[mid], 2 * den)
    if method == "trimmed_mean" and trim > 0 and 2 * trim < n:
        kept = sorted(numerators)[trim : n - trim]
        return Fraction(sum(kept), len(kept) * den)
    return Fraction(sum(numerators), n * den)


def round_exact(value: Fraction | Decimal, places: int, mode: str) -> Decimal:
    """``value`` rounded once to ``places`` decimals in ``mode``, exactly.

    >>> round_exact(Fraction(2, 3), 2, "half_up"), round_exact(Fraction(-1, 8), 2, "half_even")
    (Decimal('0.67'), Decimal('-0.12'))
    """
    f = Fraction(value)
    return Decimal(divide_rounded_int(f.numerator * 10**places, f.denominator, mode)).scaleb(-places)


# ---------------------------------------------------------------------------------------
# The engine's scoring, on integers
# ---------------------------------------------------------------------------------------

#: Stage kinds whose entries judges score.
SCORED = ("assessment", "presentation")

#: Integers up to this size are computed on int64 arrays; larger ones as Python integers.
_INT64_SAFE = 2**62
#: Score rows totalled at a time (a block's temporaries fit in the processor's cache).
_BLOCK_ROWS = 1 << 16


def _packed(typecode: str, values: npt.NDArray[Any]) -> array[int]:
    """An integer array's values in an :class:`array.array` of ``typecode`` (``"i"``
    int32 or ``"q"`` int64), copied once."""
    out = array(typecode)
    out.frombytes(np.ascontiguousarray(values, dtype=np.int32 if typecode == "i" else np.int64).data.cast("B"))
    return out


def number(value: Any, params: Mapping[str, Any]) -> Decimal:
    """A ruleset number, or the parameter it names, as a Decimal."""
    if isinstance(value, m.Param):
        value = params[value.name]
    return Decimal(value)


def integer(value: Any, params: Mapping[str, Any]) -> int:
    """A ruleset count, or the parameter it names, as an int."""
    if isinstance(value, m.Param):
        value = params[value.name]
    return int(value)


def leaf_weights(rubric: m.Rubric, params: Mapping[str, Any]) -> dict[str, Decimal]:
    """The criteria judges score (those without sub-criteria) and their weights."""
    out: dict[str, Decimal] = {}

    def walk(cs: Iterable[m.Criterion]) -> None:
        for c in cs:
            if c.subcriteria:
                walk(c.subcriteria)
            else:
                out[c.id] = number(c.weight, params)

    walk(rubric.criteria)
    return out


def _fits(bound: int) -> bool:
    """Whether integers up to ``bound`` (and twice it, for rounding) stay exact in int64."""
    return 2 * bound < _INT64_SAFE


def _largest(values: Any) -> int:
    """The largest magnitude among integer ``values`` (an array or a sequence), as a Python int."""
    if len(values) == 0:
        return 0
    if isinstance(values, np.ndarray) and values.dtype != object:
        return max(abs(int(values.max())), abs(int(values.min())))
    return max(abs(int(v)) for v in values)


def _rank(names: Sequence[str]) -> npt.NDArray[np.int64]:
    """The position of each name in sorted order (codes to sort keys)."""
    out = np.empty(len(names), dtype=np.int64)
    out[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names), dtype=np.int64)
    return out


def _row_order(
    t: ScoreTable, sub: npt.NDArray[np.int32], judge: npt.NDArray[np.int32], crit: npt.NDArray[np.int32]
) -> npt.NDArray[np.intp]:
    """The permutation that puts rows in order of submission, judge and criterion id (stable)."""
    n_judges, n_crits = len(t.judges), len(t.criteria)
    if len(t.submissions) * n_judges * n_crits >= _INT64_SAFE:  # too many for one int64 key
        return np.lexsort((_rank(t.criteria)[crit], _rank(t.judges)[judge], _rank(t.submissions)[sub]))
    ranks = _rank(t.submissions), _rank(t.judges), _rank(t.criteria)
    key = np.empty(sub.size, dtype=np.int64)  # one key sorts faster than three
    for first in range(0, sub.size, _BLOCK_ROWS):  # (see _totals)
        part = slice(first, first + _BLOCK_ROWS)
        block = key[part]
        np.take(ranks[0], sub[part], out=block)
        block *= n_judges
        block += ranks[1][judge[part]]
        block *= n_crits
        block += ranks[2][crit[part]]
    return np.argsort(key, kind="stable")


class _Decimals(dict[int, Decimal]):
    """Values kept as integers times ``10 ** places`` as Decimals with exactly ``places``
    decimal places (what rounding gives): ``dec[scaled_value]``, each distinct one made
    once (a look-up of one made before is the dict's own)."""

    __slots__ = ("_places",)

    def __init__(self, places: int) -> None:
        super().__init__()
        self._places = places

    def __missing__(self, scaled_value: int) -> Decimal:
        made = Decimal(scaled_value).scaleb(-self._places)
        if len(self) < 100_000:
            self[scaled_value] = made
        return made


@attrs.frozen(eq=False)
class StageRows:
    """One scored stage's score rows, sorted by submission, judge and criterion id and
    cut into groups (one judge's scores of one submission), with each group's weighted
    total computed on integers (scores and weights scaled by powers of ten: exact)."""

    #: submission id -> k, its groups being ``range(bounds[k], bounds[k + 1])`` (a
    #: position and a list, not a pair per submission: a replicate builds these again)
    scored: Mapping[str, int]
    bounds: Sequence[int]
    #: group -> the judge's id
    judge: list[str]
    #: group -> its first row; one more entry at the end (compact: millions of rows)
    start: array[int]
    #: group -> whether the judge scored every criterion of the rubric
    complete: list[bool]
    #: submission (k, as in ``scored``) -> whether every one of its groups is complete
    whole: Sequence[bool]
    #: group -> the judge's total, rounded, times ``10 ** places`` (0 when incomplete)
    total: Sequence[int]
    #: row -> code of its criterion id (in ``criteria``) and of its score (in ``values``)
    crit: array[int]
    value: array[int]
    criteria: tuple[str, ...]
    values: tuple[Decimal, ...]
    #: value code -> the score times ``10 ** vplaces`` (int64, or Python ints when too large)
    vscaled: Any
    vplaces: int
    #: row -> its row in the score table the rows were built from
    source: array[int]
    #: when judges' totals are not rounded (``rounding.at`` without ``judge_total``):
    #: group -> the exact total's numerator over ``exact_den`` (otherwise empty)
    exact: Sequence[int] = ()
    exact_den: int = 1

    @classmethod
    def build(
        cls, t: ScoreTable, stage_id: str, weights: Mapping[str, Decimal], total_weight: Decimal,
        rounding: m.Rounding, rubric: m.Rubric | None = None,
    ) -> StageRows:
        """Sort and group the rows of ``stage_id`` and total each judge's scores, as
        ``rubric.total`` says (the weighted mean when no rubric is given)."""
        code = t.stages.index(stage_id) if stage_id in t.stages else -1
        idx = np.flatnonzero(t.stage == code)
        sub, judge, crit = t.sub[idx], t.judge[idx], t.criterion[idx]
        order = _row_order(t, sub, judge, crit)
        idx, sub, judge, crit = idx[order], sub[order], judge[order], crit[order]
        n = idx.size
        if n > 1:
            # The same score twice (only an Edition built by hand can hold that): the
            # later row wins, as a later assignment would.
            same = (sub[1:] == sub[:-1]) & (judge[1:] == judge[:-1]) & (crit[1:] == crit[:-1])
            if same.any():
                keep = np.ones(n, dtype=bool)
                keep[:-1] = ~same
                idx, sub, judge, crit = idx[keep], sub[keep], judge[keep], crit[keep]
                n = idx.size
        if n:
            new_group = np.ones(n, dtype=bool)
            new_group[1:] = (sub[1:] != sub[:-1]) | (judge[1:] != judge[:-1])
            starts = np.flatnonzero(new_group)
        else:
            starts = np.zeros(0, dtype=np.int64)
        bounds = np.append(starts, n)
        sizes = np.diff(bounds)
        full = sizes == len(weights)
        complete = full.tolist()
        group_subs = sub[starts]
        scored: dict[str, int] = {}
        sub_bounds: list[int] = [0]
        whole: list[bool] = []
        if n:
            sub_starts = np.flatnonzero(np.append(True, group_subs[1:] != group_subs[:-1]))
            sub_bounds = np.append(sub_starts, group_subs.size).tolist()
            whole = np.logical_and.reduceat(full, sub_starts).tolist()
            names = [t.submissions[c] for c in group_subs[sub_starts].tolist()]
            scored = {name: k for k, name in enumerate(names)}
        return cls(
            scored=scored,
            bounds=sub_bounds,
            judge=np.array(t.judges, dtype=object)[judge[starts]].tolist() if n else [],
            start=_packed("q", bounds),
            complete=complete,
            whole=whole,
            crit=_packed("i", crit),
            criteria=t.criteria,
            source=_packed("i" if len(t) < 2**31 else "q", idx),
            **_totals(stage_id, t, t.value[idx], crit, starts, weights, total_weight, rounding, rubric),
        )

    def revalued(
        self, t: ScoreTable, stage_id: str, weights: Mapping[str, Decimal], total_weight: Decimal,
        rounding: m.Rounding, rubric: m.Rubric | None = None,
    ) -> StageRows:
        """These rows with the scores of ``t``, a table of the same rows as the one they
        were built from (the same submission, stage, judge and criterion columns) with
        other values in them: the judges' scores resampled. Only the totals are made
        again: the rows' order and groups are these."""
        source = np.frombuffer(self.source, dtype=np.int32 if self.source.typecode == "i" else np.int64)
        crit = np.frombuffer(self.crit, dtype=np.int32)
        starts = np.frombuffer(self.start, dtype=np.int64)[:-1]
        return attrs.evolve(
            self, **_totals(stage_id, t, t.value[source], crit, starts, weights, total_weight, rounding, rubric))


def _totals(
    stage_id: str, t: ScoreTable, value_codes: npt.NDArray[Any], crit: npt.NDArray[Any], starts: npt.NDArray[Any],
    weights: Mapping[str, Decimal], total_weight: Decimal, rounding: m.Rounding, rubric: m.Rubric | None,
) -> dict[str, Any]:
    """The fields of :class:`StageRows` that the scores make: each group's total (the
    groups starting at ``starts``, rows in order, ``value_codes`` and ``crit`` their
    score and criterion codes in ``t``), exact on integers."""
    n = value_codes.size
    # (bincount, not np.unique: that imports numpy.ma on first use, 15 ms)
    used = set(np.flatnonzero(np.bincount(value_codes, minlength=len(t.values))).tolist())
    vplaces = decimal_places([t.values[v] for v in used])
    wplaces = decimal_places([*weights.values(), total_weight])
    vscaled = [scaled(v, vplaces) if k in used else 0 for k, v in enumerate(t.values)] or [0]
    pos = {cid: i for i, cid in enumerate(weights)}
    wscaled = [scaled(weights[c], wplaces) if c in pos else 0 for c in t.criteria] or [0]
    places, mode = rounding.places, rounding.mode
    den = scaled(total_weight, wplaces) * 10**vplaces
    if den <= 0:
        raise EvaluationError([Problem(
            f"the rubric of stage {stage_id} has a total weight of {total_weight}; it must be "
            "more than 0 / total bobot rubrik harus lebih dari 0", rule="rubric")])
    # A judge's total is (sum(a[c] * value) + offset) / den, all integers: exact.
    offset = 0
    method = rubric.total.method if rubric is not None else "weighted_mean"
    if method == "weighted_sum":
        den = 10**wplaces * 10**vplaces
    elif method == "scaled":
        assert rubric is not None
        wscaled, offset, den = _scaled_total(rubric, weights, wscaled, t.criteria, wplaces, vplaces, total_weight)
    # the largest integer met: a weighted sum, or a sum over judges for the breakdown
    biggest = (max(map(abs, vscaled)) * max(max(map(abs, wscaled)) * len(weights), 10_000) + abs(offset)) * 10**places
    dtype: Any = np.int64 if 4 * biggest < _INT64_SAFE and den < _INT64_SAFE else object
    by_code = np.array(vscaled, dtype=dtype)
    by_crit = np.array(wscaled, dtype=dtype)
    totals = np.empty(starts.size, dtype=dtype)
    # kept only when a later step needs the unrounded totals (most rulesets round them)
    exact: list[int] | None = None if rounding.rounds("judge_total") else []
    ends = np.append(starts, n)
    # In blocks of whole groups: the temporaries of a block stay in the processor's
    # cache, where those of millions of rows would each be fresh memory.
    g = 0
    while g < starts.size:
        first = int(starts[g])
        after = max(int(np.searchsorted(starts, first + _BLOCK_ROWS)), g + 1)
        last = int(ends[after])
        part = by_code[value_codes[first:last]]
        part *= by_crit[crit[first:last]]
        sums = np.add.reduceat(part, starts[g:after] - first)
        if offset:
            sums += offset
        totals[g:after] = divide_rounded(sums * 10**places, den, mode)
        if exact is not None:
            exact += [int(x) for x in sums.tolist()]
        g = after
    return {
        "total": [int(x) for x in totals.tolist()] if dtype is object else _packed("q", totals),
        "value": _packed("i", value_codes),
        "values": t.values,
        "vscaled": by_code,
        "vplaces": vplaces,
        "exact": exact or [],
        "exact_den": int(den),
    }


def _scaled_total(
    rubric: m.Rubric, weights: Mapping[str, Decimal], wscaled: list[int], criteria: Sequence[str],
    wplaces: int, vplaces: int, total_weight: Decimal,
) -> tuple[list[int], int, int]:
    """The integer factors of a ``scaled`` total: each criterion's multiplier (by
    criterion code), the constant added, and the divisor.

    With ``v`` a score times ``10**vp``, a criterion scale ``c .. c + r`` and the total's
    scale ``o .. o + R`` (all times ``10**sp``), weights ``w`` and their total ``W``
    (times ``10**wp``), and ``L`` the least common multiple of the ``r``::

        total = o / 10**sp + R * sum(w * (L / r) * (v * 10**sp - c * 10**vp)) / (10**sp * W * 10**vp * L)
    """
    assert rubric.total.scale is not None
    out, scales = rubric.total.scale, rubric.leaf_scales()
    sp = decimal_places([out.min, out.max, *(b for sc in scales.values() for b in (sc.min, sc.max))])
    r = {cid: scaled(scales[cid].max, sp) - scaled(scales[cid].min, sp) for cid in weights}
    lcm = math.lcm(*r.values()) if r else 1
    big_r = scaled(out.max, sp) - scaled(out.min, sp)
    big_w = scaled(total_weight, wplaces)
    mult = {cid: big_r * scaled(w, wplaces) * (lcm // r[cid]) for cid, w in weights.items()}
    a = [mult[c] * 10**sp if c in mult else 0 for c in criteria] or [0]
    offset = scaled(out.min, sp) * big_w * 10**vplaces * lcm - sum(
        mult[cid] * scaled(scales[cid].min, sp) * 10**vplaces for cid in weights
    )
    return a, offset, 10**sp * big_w * 10**vplaces * lcm


def aggregate_many(
    method: str, groups: Mapping[str, Sequence[int]], values: Sequence[int], trim: int, mode: str,
) -> dict[str, tuple[int, bool, int]]:
    """:func:`aggregate` of many entries at once, on arrays of integers (totals times
    ``10 ** places``), rounded as the ruleset says.

    :param groups: entry id -> the positions in ``values`` of the totals that count.
    :return: entry id -> the aggregate, whether trimmed (as :func:`aggregate` says),
        and the spread (highest minus lowest); an entry without totals is left out.
    """
    got = _aggregates(method, list(groups.values()), values, trim, mode)
    return {sid: one for sid, one in zip(groups, got, strict=True) if one is not None}


def _aggregates(
    method: str, groups: Sequence[Sequence[int]], values: Sequence[int], trim: int, mode: str,
) -> list[tuple[int, bool, int] | None]:
    """:func:`aggregate_many` by position: per entry, in the order of ``groups``, its
    aggregate, whether trimmed and its spread (``None`` for an entry without totals)."""
    out: list[tuple[int, bool, int] | None] = [None] * len(groups)
    if not groups or not len(values):
        return out
    arr = np.frombuffer(values, dtype=np.int64) if isinstance(values, array) else np.array(list(values), dtype=object)
    most = max((len(g) for g in groups), default=0)
    if arr.dtype != object and not _fits(_largest(arr) * max(most, 1)):
        arr = arr.astype(object)
    # the entries by their number of totals
    by_n: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        if len(g):
            by_n[len(g)].append(i)
    for n, items in by_n.items():
        if all(type(groups[i]) is range for i in items):  # contiguous: one first index each
            firsts = np.array([groups[i][0] for i in items], dtype=np.int64)
            index = firsts[:, None] + np.arange(n, dtype=np.int64)
        else:
            index = np.array([list(groups[i]) for i in items], dtype=np.int64)
        matrix = arr[index]
        spreads = (matrix.max(axis=1) - matrix.min(axis=1)).tolist()
        if method == "median":
            ordered = np.sort(matrix, axis=1)
            mid = n // 2
            base = ordered[:, mid] if n % 2 else divide_rounded(ordered[:, mid - 1] + ordered[:, mid], 2, mode)
            trimmed = True
        elif method == "trimmed_mean" and trim > 0 and 2 * trim < n:
            kept = np.sort(matrix, axis=1)[:, trim : n - trim]
            base = divide_rounded(kept.sum(axis=1), n - 2 * trim, mode)
            trimmed = True
        else:
            base = divide_rounded(matrix.sum(axis=1), n, mode)
            trimmed = method != "trimmed_mean"
        for i, b, spread in zip(items, base.tolist(), spreads, strict=True):
            out[i] = (int(b), trimmed, int(spread))
    return out


def _too_few_words(n: int, least: int) -> tuple[str, str]:
    got, want = said(n), said(least)
    return (f"hanya {got[0]} juri menilai, minimal {want[0]}",
            f"only {got[1]} judge(s) scored, at least {want[1]} required")


def _spread_words(spread: Decimal, most: Decimal) -> tuple[str, str]:
    got, limit = said(spread), said(most)
    return f"selisih nilai juri {got[0]} melebihi {limit[0]}", f"judges disagree: spread {got[1]} exceeds {limit[1]}"


def _trimmed_words(trim: int) -> tuple[str, str]:
    n = said(trim)
    return (f"rata-rata terpangkas ({n[0]} tertinggi dan terendah dibuang)",
            f"trimmed mean (dropping {n[1]} highest and lowest)")


def _aggregate_text(
    how: Label, n: int, base: Decimal, places: int, rows: StageRows, groups: Sequence[int], trim: int = 0,
) -> tuple[str, str]:
    """The text of an aggregate: each counted judge's total, in judge id order, and with
    ``trim``, which ``trim`` lowest and highest totals the trimmed mean dropped (of equal
    totals, the first judge's as the lowest, the last one's as the highest)."""
    totals = [(rows.judge[g], said_scaled(rows.total[g], places)) for g in groups]
    # (in Indonesian a comma is the decimal sign: the judges are set apart by semicolons)
    shown = [sep.join([f"{judge}: {total[k]}" for judge, total in totals]) for k, sep in ((0, "; "), (1, ", "))]
    if trim:
        # the totals the aggregate was taken from: exact when they are not rounded
        by = rows.exact if len(rows.exact) else rows.total
        order = sorted(range(len(groups)), key=lambda i: by[groups[i]])
        low, high = ([rows.judge[groups[i]] for i in sorted(part)] for part in (order[:trim], order[-trim:]))
        shown[0] += f"; dibuang: {' dan '.join(low)} terendah, {' dan '.join(high)} tertinggi"
        shown[1] += f"; dropped: {' and '.join(low)} lowest, {' and '.join(high)} highest"
    count, result = said(n), said(base)
    return (f"{how.id} dari {count[0]} juri ({shown[0]}) = {result[0]}",
            f"{how.en} of {count[1]} judge{'s' if n != 1 else ''} ({shown[1]}) = {result[1]}")


def _conflict(
    ctx: Context, stage: m.Stage, judge_id: str, rec: Entrant, unchecked: dict[tuple[str, str], set[str]]
) -> Label | None:
    """Why a judge may not score an entry (a conflict of interest), or ``None``."""
    judge = ctx.judges.get(judge_id)
    for c in stage.judges.conflicts:
        jv = judge.get(c.judge) if judge is not None else MISSING
        if jv is MISSING:
            unchecked.setdefault((stage.id, f"judge {c.judge}"), set()).add(judge_id)
            continue
        sv = rec.get(c.submission)
        if sv is MISSING:
            unchecked.setdefault((stage.id, c.submission), set()).add(rec.id)
            continue
        if str(jv).casefold() == str(sv).casefold():
            return Label(
                f"konflik kepentingan: juri {c.judge} = {spoken(jv)} sama dengan {c.submission}",
                f"conflict of interest: judge's {c.judge} {spoken(jv, True)} equals the entry's {c.submission}",
            )
    return None


@attrs.define
class Scored:
    """The base scores of a stage's entrants (before combining and adjustments).

    :ivar exact: when the ruleset does not round the aggregate (``rounding.at``), each
        base score exactly; ``scores`` then holds it rounded, as it is shown.
    """

    scores: dict[str, Decimal]
    criteria: Mapping[str, Mapping[str, Decimal]]
    findings: list[Problem] = attrs.field(factory=list)
    unchecked: dict[tuple[str, str], set[str]] = attrs.field(factory=dict)
    exact: dict[str, Fraction] = attrs.field(factory=dict)


def plugin_scores(ctx: Context, stage: m.Stage, alive: Sequence[str], decisions: Decisions) -> Scored:
    """The scores of a stage with ``scoring: plugin``, from ``inovasi_rules_stage_score``."""
    out = Scored({}, {})
    criteria: dict[str, Mapping[str, Decimal]] = {}
    for sid in alive:
        got = call_first(
            ctx.pm, "inovasi_rules_stage_score",
            check=lambda v: isinstance(v, StageScore)
            or (isinstance(v, (Decimal, int)) and not isinstance(v, bool) and Decimal(v).is_finite()),
            expected="a StageScore or a finite Decimal",
            ruleset=ctx.ruleset, stage=stage, submission=ctx.records[sid],
            scores=list(ctx.plugin_rows.get((stage.id, sid), ())), edition=ctx.edition,
        )
        if got is None:
            raise PluginError(
                f"stage {stage.id!r} asks a plugin for its scores (scoring: plugin), "
                "but no installed plugin implements inovasi_rules_stage_score for it / "
                f"tahap {stage.id!r} meminta nilainya dari plugin (scoring: plugin), tetapi tidak "
                "ada plugin terpasang yang menyediakan inovasi_rules_stage_score untuknya",
                hook="inovasi_rules_stage_score",
            )
        name, value = got
        ss = value if isinstance(value, StageScore) else StageScore(Decimal(value))
        out.scores[sid] = ctx.quantize(ss.score)
        if not ctx.ruleset.rounding.rounds("aggregate"):
            out.exact[sid] = Fraction(ss.score)
        criteria[sid] = FrozenMap(ss.criteria)
        decisions[sid].add(Reason(
            "stage-score", "score", None,
            Label(f"nilai dihitung oleh plugin {name}", f"score computed by plugin {name}"),
            ss.detail, plugin=name))
    out.criteria = criteria
    return out


def stage_scores(
    ctx: Context, stage: m.Stage, alive: Sequence[str], decisions: Decisions, legend: Legend,
) -> Scored:
    """Each entrant's score from the judges: every judge's total (a judge with a conflict
    of interest, or who did not score every criterion, is excluded and the trace says
    why), the judges' aggregate, and the score per criterion.

    :param legend: the stage's legend, which the aggregates' reasons are written with."""
    j = stage.judges
    rubric = ctx.ruleset.rubric(stage.rubric or "")
    leaf_ids = list(ctx.leaves[stage.id])
    leaf_set = set(leaf_ids)
    places, mode = ctx.ruleset.rounding.places, ctx.ruleset.rounding.mode
    q = ctx.quantize
    dec = _Decimals(places)
    rows = ctx.stage_rows[stage.id]
    complete, total = rows.complete, rows.total
    normalised = j.aggregate == "normalised_mean"
    out = Scored({}, {})
    # per entry, in the order of alive (which is the order of its decisions): the
    # groups of rows counted, and why each other one is not
    counted: list[Sequence[int]] = []
    excluded: list[Mapping[int, Label]] = []
    per_judge: dict[str, list[Decimal]] = defaultdict(list)
    group_of, bounds, whole = rows.scored.get, rows.bounds, rows.whole
    spans: list[int] = []  # each entry's groups g0:g1
    for sid in alive:
        at = group_of(sid)
        g0, g1 = (0, 0) if at is None else (bounds[at], bounds[at + 1])
        spans += (g0, g1)
        if not j.conflicts and (at is None or whole[at]):  # the common case: every judge counts
            counted.append(range(g0, g1))
            excluded.append(EMPTY)
        else:
            rec = ctx.records[sid]
            why_not: dict[int, Label] = {}
            groups: list[int] = []
            for g in range(g0, g1):
                judge_id = rows.judge[g]
                why = _conflict(ctx, stage, judge_id, rec, out.unchecked) if j.conflicts else None
                if why is None and not complete[g]:
                    lacking = ", ".join(sorted(leaf_set - set(Criteria(rows, rows.start[g], rows.start[g + 1]))))
                    why = Label(f"nilai tidak lengkap: tidak ada {lacking}", f"incomplete scores: no {lacking}")
                    out.findings.append(Problem(
                        f"judge {judge_id} did not score every criterion of {sid} at {stage.id} "
                        f"(missing {lacking}); the judge's score is excluded / nilai juri tidak lengkap",
                        ctx.scores_file, path=f"{stage.id}/{sid}/{judge_id}", rule="incomplete-scores",
                        level="warning"))
                if why is not None:
                    why_not[g] = why
                else:
                    groups.append(g)
            counted.append(groups)
            excluded.append(why_not)
        if normalised:
            for g in counted[-1]:
                per_judge[rows.judge[g]].append(dec[total[g]])
    used: list[Mapping[int, Decimal] | None] = [None] * len(alive)
    if normalised:
        stats, mu, sd = normalisation(per_judge, j.min_scored)
        for judge_id, s in sorted(stats.items()):
            if s is None:
                out.findings.append(Problem(
                    f"judge {judge_id} scored {len(per_judge[judge_id])} entries at {stage.id}, "
                    f"fewer than {j.min_scored} (or all equal): raw totals used, not normalised "
                    "/ nilai juri tidak dinormalisasi",
                    ctx.scores_file, path=f"{stage.id}/{judge_id}", rule="not-normalised",
                    level="warning"))
        lo, hi = total_range(rubric, ctx.leaves[stage.id], number(rubric.total_weight, ctx.params))
        values: list[int] = []
        positions: list[range] = []
        for i, counted_groups in enumerate(counted):
            used[i] = mine = {
                g: q(normalise(dec[total[g]], stats.get(rows.judge[g]), mu, sd, lo, hi)) for g in counted_groups
            }
            positions.append(range(len(values), len(values) + len(mine)))
            values.extend(scaled(v, places) for v in mine.values())
        spreads = _aggregates("mean", counted, total, j.trim, mode)
        taken = [None if t is None or sp is None else (t[0], t[1], sp[2])
                 for t, sp in zip(_aggregates("mean", positions, values, j.trim, mode), spreads, strict=True)]
        hows = {True: Label("rata-rata nilai ternormalisasi", "mean of normalised totals")}
        hows[False] = hows[True]
    else:
        taken = _aggregates(j.aggregate, counted, total, j.trim, mode)
        hows = {
            "mean": {True: Label("rata-rata", "mean")},
            "median": {True: Label("median", "median")},
            "trimmed_mean": {
                True: LazyLabel(_trimmed_words, j.trim),
                False: Label("rata-rata (terlalu sedikit juri untuk dipangkas)", "mean (too few judges to trim)"),
            },
        }[j.aggregate]
    rounding = ctx.ruleset.rounding
    if not normalised and not (rounding.rounds("judge_total") and rounding.rounds("aggregate")):
        # rounding.at leaves a step unrounded: the aggregate from the exact totals (or the
        # rounded ones), rounded here only when `aggregate` is a rounded step
        nums, den = (total, 10**places) if rounding.rounds("judge_total") else (rows.exact, rows.exact_den)
        for i, counted_groups in enumerate(counted):
            got = taken[i]
            if got is None:
                continue
            agg = exact_aggregate(j.aggregate, [nums[g] for g in counted_groups], den, j.trim)
            taken[i] = (scaled(round_exact(agg, places, mode), places), got[1], got[2])
            if not rounding.rounds("aggregate"):
                out.exact[alive[i]] = agg
    max_spread = j.max_spread
    # the largest spread allowed, in the totals' integers
    most_apart = None if max_spread is None else Fraction(max_spread) * 10**places
    total_said = None
    if rubric.total.method != "weighted_mean":
        total_said = Label(total_words(rubric, "id"), total_words(rubric, "en"))
    scored: list[int] = []
    # (trimmed or not) -> the kind of its aggregate's reason, which shares how, the places and the rows
    # (a trimmed mean's reason says which totals it dropped)
    trims = {True: j.trim if j.aggregate == "trimmed_mean" and not normalised else 0, False: 0}
    kinds = {t: legend.kind(_aggregate_reason, how, places, rows, trims[t]) for t, how in hows.items()}
    reasons, status = decisions.reasons, decisions.status
    decisions.at = (rows, places)
    for k, sid in enumerate(alive):
        counted_groups = counted[k]
        n = len(counted_groups)
        if n < j.min:
            msg = LazyLabel(_too_few_words, n, j.min)
            if n == 0 or j.too_few == "fail":
                # not scored at all, so not "not_advanced" (scored, not selected)
                status[k] = "dropped"
                reasons[k] += (Reason("judges.min", "score", False, msg),)
                used[k] = EMPTY  # (no judge's value entered an aggregate)
                continue
            reasons[k] += (Reason("judges.min", "finding", None, msg),)
        got = taken[k]
        assert got is not None  # (n >= 1 here)
        base_int, trimmed, spread_int = got
        base = dec[base_int]
        if total_said is not None:
            reasons[k] += (Reason("rubric.total", "score", None, total_said),)
        reasons[k] += ((kinds[trimmed], None, n, base, counted_groups),)
        if most_apart is not None and n >= 2 and spread_int > most_apart:
            reasons[k] += (Reason("judges.max_spread", "finding", None,
                                  LazyLabel(_spread_words, dec[spread_int], max_spread)),)
        out.scores[sid] = base
        scored.append(k)
    decisions.judged(spans, excluded, used)
    out.criteria = _criteria_breakdown(ctx, rubric, rows, leaf_ids, [alive[k] for k in scored],
                                       [counted[k] for k in scored], dec)
    return out


def _aggregate_reason(
    passed: None, how: Label, places: int, rows: StageRows, trim: int, n: int, base: Decimal,
    groups: Sequence[int],
) -> Reason:
    """The reason an entry's stage score is what it is (its text written when read)."""
    return Reason("aggregate", "score", passed, LazyLabel(_aggregate_text, how, n, base, places, rows, groups, trim))


def _criteria_breakdown(
    ctx: Context, rubric: m.Rubric, rows: StageRows, leaf_ids: list[str],
    scored: Sequence[str], counted: Sequence[Sequence[int]], dec: _Decimals,
) -> Mapping[str, Mapping[str, Decimal]]:
    """Each submission's score per criterion: the mean of the counted judges' scores
    (``counted``: each scored entry's groups of rows, in the order of ``scored``),
    rounded (a criterion with sub-criteria: the weighted mean of theirs)."""
    subs = [sid for sid, entry in zip(scored, counted, strict=True) if entry]
    counted = [entry for entry in counted if entry]
    if not subs:
        return {}
    n_leaves = len(leaf_ids)
    # A counted judge scored every criterion, so each counted group is n_leaves rows
    # in criterion id order: a (groups x criteria) matrix summed per submission.
    groups = np.array([g for entry in counted for g in entry], dtype=np.int64)
    starts = np.frombuffer(rows.start, dtype=np.int64)[groups]
    matrix = rows.vscaled[
        np.frombuffer(rows.value, dtype=np.int32)[starts[:, None] + np.arange(n_leaves, dtype=np.int64)]
    ]
    counts = np.array([len(entry) for entry in counted], dtype=np.int64)
    firsts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    p = ctx.ruleset.rounding.places
    most = int(counts.max())
    # the largest integers met: a sum over judges times 10 ** p, and its divisor
    if matrix.dtype != object and not (
        _fits(_largest(rows.vscaled) * most * 10**p) and _fits(most * 10**rows.vplaces)
    ):
        matrix = matrix.astype(object)
    sums = np.add.reduceat(matrix, firsts, axis=0)
    den = counts[:, None] * 10**rows.vplaces if sums.dtype != object else (
        counts.astype(object)[:, None] * 10**rows.vplaces)
    scaled_means = divide_rounded(sums * 10**p, den, ctx.ruleset.rounding.mode)
    # each distinct mean made a Decimal once
    distinct, where = np.unique(scaled_means, return_inverse=True)
    lookup = np.empty(distinct.size, dtype=object)
    lookup[:] = [dec[int(v)] for v in distinct.tolist()]
    means = lookup[where.reshape(scaled_means.shape)]
    column = {cid: i for i, cid in enumerate(sorted(leaf_ids))}
    out: dict[str, Mapping[str, Decimal]] = {}
    if not any(c.subcriteria for c in rubric.criteria):  # the common flat rubric
        ids = [c.id for c in rubric.criteria]
        in_order = means[:, [column[c] for c in ids]]
        position = {c: i for i, c in enumerate(ids)}
        return CriteriaTable(position, in_order, {sid: k for k, sid in enumerate(subs)})
    params, q = ctx.params, ctx.quantize
    for sid, row in zip(subs, means.tolist(), strict=True):
        values: dict[str, Decimal] = {}

        def walk(cs: Iterable[m.Criterion], values: dict[str, Decimal] = values,
                 row: list[Decimal] = row) -> None:
            for c in cs:
                if c.subcriteria:
                    walk(c.subcriteria)
                    w = number(c.weight, params)
                    acc = sum((number(s.weight, params) * values[s.id] for s in c.subcriteria), Decimal(0))
                    values[c.id] = q(acc / w) if w else Decimal(0)
                else:
                    values[c.id] = row[column[c.id]]

        walk(rubric.criteria)
        out[sid] = FrozenMap(values)
    return out
