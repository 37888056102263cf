"""A stage's final scores: the part carried from earlier stages (``combine``), then
bonuses and penalties (``adjustments``, capped by ``adjustment_cap``) and plugins'
adjustments, then rounding. The final score is always rounded; the combined score
before it too, unless the ruleset's ``rounding.at`` leaves ``combined`` out (then, as
for any value carried exactly, it is rounded once, in the final score).

.. code-block:: yaml

    combine: {proposal: 0.4, presentasi: 0.6}
    adjustments:
      - id: running-two-years
        when: {field: innovation.years_running, at_least: 2}
        add: 5
    adjustment_cap: 10
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from ..messages import said
from ..plugins import PluginAdjustment, call_each
from ..result import AdjustmentApplied, Reason
from ..ruleset import model as m
from ..ruleset.model import Label, LazyLabel
from .decisions import Decision, Decisions, filled, missing_label, signed
from .scoring import number, round_exact

if TYPE_CHECKING:
    from .context import Context
    from .decisions import StageDecisions

__all__ = ["final_scores"]


def final_scores(
    ctx: Context, stage: m.Stage, base: Mapping[str, Decimal], decisions: Decisions,
    earlier: Mapping[str, StageDecisions], exact: Mapping[str, Fraction] | None = None,
) -> dict[str, Decimal]:
    """Each scored entry's final score at ``stage`` from its base score.

    :param exact: base scores carried unrounded (``rounding.at`` without
        ``aggregate``); ``base`` holds them rounded, as shown. Whatever is carried
        exactly is rounded once, in the final score.
    """
    final: dict[str, Decimal] = {}
    rounding = ctx.ruleset.rounding
    note = None if rounding.at == m.ROUNDING_STEPS else LazyLabel(_rounding_text, rounding.at, rounding.places)
    positions, base_scores, scores = decisions.positions, decisions.base_score, decisions.score
    combine_kind = 0
    if stage.combine:
        assert decisions.legend is not None
        decisions.combine = tuple([c.stage for c in stage.combine])
        # (the weights and stages every entry's reason shares, once)
        combine_kind = decisions.legend.kind(_combine_reason, tuple([(c.weight, c.stage) for c in stage.combine]))
    # (most stages adjust nothing: their entries' scores are their base or combined scores)
    adjusting = bool(stage.adjustments) or stage.adjustment_cap is not None or (
        "inovasi_rules_adjustments" in ctx.hooked)
    rounding_note = None if note is None else Reason("rounding", "score", None, note)
    reasons = decisions.reasons
    for sid, value in base.items():
        k = positions[sid]
        base_scores[k] = value
        if rounding_note is not None:
            reasons[k] += (rounding_note,)
        carried = exact.get(sid) if exact else None
        if stage.combine:
            score, carried = _combined(ctx, stage, sid, value, carried, decisions, k, combine_kind, earlier)
        else:
            score = value
        if adjusting or carried is not None:
            score = _adjusted(ctx, stage, sid, score, Decision(decisions, k), carried)
        scores[k] = final[sid] = score
    return final


def _rounding_text(at: tuple[str, ...], places: int) -> tuple[str, str]:
    """Which steps of the score a ruleset rounds, when it is not every step."""
    if not at:
        return (f"hanya nilai akhir yang dibulatkan ({places} angka di belakang koma); nilai "
                "sebelumnya dihitung tepat dan ditampilkan dibulatkan",
                f"only the final score is rounded ({places} decimal place{'s' if places != 1 else ''}); "
                "the values before it are computed exactly and shown rounded")
    words = {"judge_total": ("total juri", "the judges' totals"), "aggregate": ("nilai para juri", "the judges' aggregate"),
             "combined": ("nilai gabungan", "the combined score")}
    id_ = ", ".join(words[s][0] for s in at)
    en = ", ".join(words[s][1] for s in at)
    return (f"dibulatkan ({places} angka di belakang koma): {id_} dan nilai akhir; nilai lain "
            "dihitung tepat dan ditampilkan dibulatkan",
            f"rounded ({places} decimal place{'s' if places != 1 else ''}): {en} and the final score; "
            "the other values are computed exactly and shown rounded")


def _combined(
    ctx: Context, stage: m.Stage, sid: str, base: Decimal, carried: Fraction | None, decisions: Decisions,
    k: int, kind: int, earlier: Mapping[str, StageDecisions],
) -> tuple[Decimal, Fraction | None]:
    """The combined score (as shown) and, when it is not rounded, its exact value; the
    entry at position ``k`` of ``decisions`` gets its parts and its reason, of the
    legend's ``kind``."""
    total_w = sum((c.weight for c in stage.combine), Decimal(0))
    acc = Decimal(0)
    parts: dict[str, Decimal] = {}
    for c in stage.combine:
        v = base if c.stage == stage.id else (earlier[c.stage].scores.get(sid) if c.stage in earlier else None)
        if v is None:
            decisions.combined[k] = tuple(parts.values())
            return base, carried
        parts[c.stage] = v
        acc += c.weight * v
    decisions.combined[k] = tuple(parts.values())
    rounding = ctx.ruleset.rounding
    if carried is None and rounding.rounds("combined"):  # every step rounded: the default
        score = ctx.quantize(acc / total_w)
        carried_on = None
    else:
        exact = sum(
            (Fraction(c.weight) * (carried if c.stage == stage.id and carried is not None else Fraction(parts[c.stage]))
             for c in stage.combine),
            Fraction(0),
        ) / Fraction(total_w)
        score = round_exact(exact, rounding.places, rounding.mode)
        carried_on = None if rounding.rounds("combined") else exact
    decisions.reasons[k] += ((kind, None, score, *parts.values()),)
    return score, carried_on


def _combine_reason(passed: None, terms: Sequence[tuple[Decimal, str]], score: Decimal, *parts: Decimal) -> Reason:
    """How an entry's combined score was made (its text written when read)."""
    return Reason("combine", "score", passed, LazyLabel(_combine_text, terms, score, parts))


def _combine_text(terms: Sequence[tuple[Decimal, str]], score: Decimal, parts: Sequence[Decimal]) -> tuple[str, str]:
    said_terms = [(said(w), said(v), st) for (w, st), v in zip(terms, parts, strict=True)]
    shown = [" + ".join(f"{w[k]} × {v[k]} ({st})" for w, v, st in said_terms) for k in (0, 1)]
    result = said(score)
    return f"nilai gabungan: {shown[0]} = {result[0]}", f"combined score: {shown[1]} = {result[1]}"


def _adjusted(
    ctx: Context, stage: m.Stage, sid: str, score: Decimal, d: Decision, carried: Fraction | None = None
) -> Decimal:
    rec = ctx.records[sid]
    total = Decimal(0)
    for a in stage.adjustments:
        cond = ctx.conditions.adjustment.get((stage.id, a.id))
        amount = number(a.add, ctx.params)
        msg = filled(a.message, rec, ctx.params) if a.message else Label(a.id)
        if cond is not None:
            o = cond(rec)
            if o.value is None:
                miss = missing_label(o.missing)
                d.add(Reason(a.id, "adjustment", None, LazyLabel(_not_given, msg, miss), o.text, missing=o.missing))
                continue
            if not o.value:
                d.add(Reason(a.id, "adjustment", False, msg, o.text))
                continue
            detail = o.text
        else:
            detail = None
        d.adjustments += (AdjustmentApplied(a.id, amount, msg, detail),)
        d.add(Reason(a.id, "adjustment", True, LazyLabel(_given, msg, amount), detail))
        total += amount
    if "inovasi_rules_adjustments" in ctx.hooked:
        for name, adjs in call_each(
            ctx.pm, "inovasi_rules_adjustments",
            check=lambda v: isinstance(v, (list, tuple)) and all(isinstance(x, PluginAdjustment) for x in v),
            expected="a list of PluginAdjustment",
            ruleset=ctx.ruleset, stage=stage, submission=rec, score=score,
        ):
            for pa in adjs:
                d.adjustments += (AdjustmentApplied(pa.id, pa.amount, pa.message, pa.detail, plugin=name),)
                d.add(Reason(pa.id, "adjustment", True, LazyLabel(_given, pa.message, pa.amount), pa.detail,
                             plugin=name))
                total += pa.amount
    if stage.adjustment_cap is not None:
        cap = number(stage.adjustment_cap, ctx.params)
        if total > cap or total < -cap:
            capped = cap if total > 0 else -cap
            d.add(Reason("adjustment_cap", "adjustment", None, LazyLabel(_capped, total, capped)))
            total = capped
    if carried is not None:  # the one rounding of a value carried exactly
        rounding = ctx.ruleset.rounding
        return round_exact(carried + Fraction(total), rounding.places, rounding.mode)
    if total:
        return ctx.quantize(score + total)
    return score


def _given(message: Label, amount: Decimal) -> tuple[str, str]:
    """An adjustment given: its message and its amount, with its sign."""
    plus = signed(amount)
    return f"{message.id} ({plus[0]})", f"{message.en or message.id} ({plus[1]})"


def _not_given(message: Label, missing: Label) -> tuple[str, str]:
    """An adjustment not given for want of data."""
    return f"{message.id}: tidak diberikan, {missing.id}", f"{message.en or message.id}: not given, {missing.en}"


def _capped(total: Decimal, capped: Decimal) -> tuple[str, str]:
    """The adjustments of a score cut down to the stage's cap."""
    t, c = said(total), said(capped)
    return f"total penyesuaian {t[0]} dibatasi {c[0]}", f"adjustments of {t[1]} capped at {c[1]}"
