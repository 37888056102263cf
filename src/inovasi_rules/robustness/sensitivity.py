"""Sensitivity: would another reasonable rule have chosen other entries?

The same edition is evaluated again

* under each way of combining judges (``mean``, ``median``, ``trimmed_mean``,
  ``normalised_mean``; see :mod:`inovasi_rules.scoring`), set on every scored stage;
* with each criterion's weight moved down and up by ``weight_range`` (10% by
  default: a weight of 20 becomes 18 and 22), one criterion at a time, the rubric's
  total following so the scale stays the same;

and at every cut-off (each stage that selects, each award) the entries that enter
and leave compared with the ruleset as written are listed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ._text import L
from .resample import Evaluator, _cutoff_ids, _passed_sets

if TYPE_CHECKING:
    from .. import Edition, Label, Result, Ruleset

__all__ = ["AGGREGATIONS", "CutChange", "Sensitivity", "Variant", "aggregation_sensitivity"]

#: The aggregation rules compared.
AGGREGATIONS = ("mean", "median", "trimmed_mean", "normalised_mean")

_AGG_NAMES = {
    "mean": ("rata-rata", "mean"),
    "median": ("median", "median"),
    "trimmed_mean": ("rata-rata terpangkas", "trimmed mean"),
    "normalised_mean": ("rata-rata ternormalisasi", "normalised mean"),
}


@attrs.frozen
class CutChange:
    """Who enters and who leaves one cut-off under a variant, against the ruleset."""

    cutoff: str
    entered: tuple[str, ...]
    left: tuple[str, ...]

    @property
    def changed(self) -> int:
        """How many seats change hands."""
        return len(self.entered)


@attrs.frozen
class Variant:
    """One variant of the rules.

    :ivar id: ``aggregate:median`` or ``weight:proposal/gagasan:-10%``.
    :ivar kind: ``aggregate`` or ``weight``.
    :ivar own: True for the aggregation the ruleset itself uses (no change expected).
    :ivar error: why the variant could not be evaluated, if it could not.
    """

    id: str
    kind: str
    label: Label
    changes: tuple[CutChange, ...]
    own: bool = False
    error: Label | None = None

    def change(self, cutoff: str) -> CutChange:
        """The change at one cut-off (``KeyError`` if there is no such cut-off)."""
        for c in self.changes:
            if c.cutoff == cutoff:
                return c
        raise KeyError(cutoff)


@attrs.frozen
class Sensitivity:
    """Every variant, and the cut-offs (id, name) they are compared at."""

    cutoffs: tuple[tuple[str, Label], ...]
    weight_range: Decimal
    variants: tuple[Variant, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "weight_range": str(self.weight_range),
            "cutoffs": [c for c, _ in self.cutoffs],
            "variants": [
                {
                    "id": v.id, "kind": v.kind, "own": v.own,
                    "label": {"id": v.label.id, "en": v.label.en or v.label.id},
                    "error": None if v.error is None else {"id": v.error.id, "en": v.error.en or v.error.id},
                    "changes": [{"cutoff": c.cutoff, "entered": list(c.entered), "left": list(c.left)}
                                for c in v.changes],
                }
                for v in self.variants
            ],
        }


def _number(value: Any, params: Mapping[str, Any]) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(params[value.name]))


def _scaled(criterion: Any, factor: Decimal, params: Mapping[str, Any]) -> Any:
    return attrs.evolve(
        criterion, weight=_number(criterion.weight, params) * factor,
        subcriteria=[_scaled(c, factor, params) for c in criterion.subcriteria],
    )


def _weight_variants(ruleset: Ruleset, r: Decimal) -> list[tuple[str, Label, Ruleset]]:
    params = ruleset.parameters
    used = {s.rubric for s in ruleset.stages if s.rubric is not None}
    out = []
    pct = format((r * 100).normalize(), 'f')
    for rubric in ruleset.rubrics:
        if rubric.id not in used:
            continue
        total = _number(rubric.total_weight, params)
        for i, crit in enumerate(rubric.criteria):
            w = _number(crit.weight, params)
            for sign in (-1, 1):
                factor = 1 + sign * r
                criteria = list(rubric.criteria)
                criteria[i] = _scaled(crit, factor, params)
                new = attrs.evolve(rubric, criteria=criteria, total_weight=total + w * (factor - 1))
                rubrics = [new if x.id == rubric.id else x for x in ruleset.rubrics]
                s = "+" if sign > 0 else "−"
                label = L(f"bobot {crit.id} ({rubric.id}) {s}{pct}%",
                          f"weight of {crit.id} ({rubric.id}) {s}{pct}%")
                out.append((f"weight:{rubric.id}/{crit.id}:{'+' if sign > 0 else '-'}{pct}%", label,
                            attrs.evolve(ruleset, rubrics=rubrics)))
    return out


def aggregation_sensitivity(
    ruleset: Ruleset,
    edition: Edition,
    *,
    aggregations: Sequence[str] = AGGREGATIONS,
    weight_range: Decimal | str | None = Decimal("0.1"),
    result: Result | None = None,
    evaluator: Evaluator | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Sensitivity:
    """Evaluate ``edition`` under each aggregation and with each weight moved (see the
    module docs), and list who enters and leaves each cut-off.

    :param weight_range: how far each weight moves, as a fraction (``0.1``: 10%);
        ``None`` or 0 leaves the weights alone.
    :param result: the evaluation under ``ruleset`` when already made.
    :param evaluator: as for :func:`~inovasi_rules.robustness.rank_confidence`.
    :raises ValueError: for an unknown aggregation, or a range outside [0, 1).
    """
    from .. import evaluate

    unknown = [a for a in aggregations if a not in AGGREGATIONS]
    if unknown:
        raise ValueError(f"unknown aggregation(s) {', '.join(unknown)}; known: {', '.join(AGGREGATIONS)} "
                         "/ aturan agregasi tidak dikenal")
    r = Decimal(str(weight_range or 0))
    if not Decimal(0) <= r < Decimal(1):
        raise ValueError(f"weight_range must be at least 0 and below 1, e.g. 0.1 (got {r}) "
                         "/ rentang bobot antara 0 dan 1")
    run: Evaluator = evaluator or (lambda rs, ed: evaluate(rs, ed, load_entrypoints=False))
    base = result if result is not None else run(ruleset, edition)
    cutoffs = _cutoff_ids(ruleset, base)
    before = _passed_sets(base, cutoffs)
    scored = [s for s in ruleset.stages if s.rubric is not None]
    own = {s.judges.aggregate for s in scored}
    todo: list[tuple[str, str, Label, Ruleset, bool]] = []
    for agg in aggregations:
        stages = [attrs.evolve(s, judges=attrs.evolve(s.judges, aggregate=agg)) if s.rubric is not None else s
                  for s in ruleset.stages]
        i, e = _AGG_NAMES[agg]
        todo.append((f"aggregate:{agg}", "aggregate", L(i, e), attrs.evolve(ruleset, stages=stages),
                     own == {agg}))
    if r:
        todo += [(vid, "weight", label, rs, False) for vid, label, rs in _weight_variants(ruleset, r)]
    variants = []
    for k, (vid, kind, label, rs, is_own) in enumerate(todo, 1):
        try:
            after = _passed_sets(run(rs, edition), cutoffs)
        except Exception as exc:  # a variant the data cannot support is reported, not fatal
            variants.append(Variant(vid, kind, label, (), is_own,
                                    L(f"tidak dapat dievaluasi: {exc}", f"could not be evaluated: {exc}")))
        else:
            changes = []
            for cid, *_ in cutoffs:
                a, b = set(before[cid]), set(after[cid])
                changes.append(CutChange(cid, tuple(x for x in after[cid] if x not in a),
                                         tuple(x for x in before[cid] if x not in b)))
            variants.append(Variant(vid, kind, label, tuple(changes), is_own))
        if progress is not None:
            progress(k, len(todo))
    return Sensitivity(
        cutoffs=tuple((cid, name) for cid, _, _, name in cutoffs),
        weight_range=r, variants=tuple(variants),
    )
