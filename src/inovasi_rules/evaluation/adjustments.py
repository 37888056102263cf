"""A stage's final scores: the part carried from earlier stages (``combine``), then
bonuses and penalties (``adjustments``, capped by ``adjustment_cap``) and plugins'
adjustments, then rounding.

.. code-block:: yaml

    combine: {proposal: 0.4, presentasi: 0.6}
    adjustments:
      - id: running-two-years
        when: {field: innovation.years_running, at_least: 2}
        add: 5
    adjustment_cap: 10
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import model as m
from ..frozen import FrozenMap
from ..messages import said
from ..model import Label
from ..plugins import PluginAdjustment, call_each
from ..result import AdjustmentApplied, Reason
from .decisions import Decision, filled, missing_label, signed
from .scoring import number

if TYPE_CHECKING:
    from .context import Context
    from .decisions import StageDecisions

__all__ = ["final_scores"]


def final_scores(
    ctx: Context, stage: m.Stage, base: Mapping[str, Decimal], decisions: Mapping[str, Decision],
    earlier: Mapping[str, StageDecisions],
) -> dict[str, Decimal]:
    """Each scored entry's final score at ``stage`` from its base score."""
    final: dict[str, Decimal] = {}
    for sid, value in base.items():
        d = decisions[sid]
        d.base_score = value
        score = _combined(ctx, stage, sid, value, d, earlier) if stage.combine else value
        score = _adjusted(ctx, stage, sid, score, d)
        d.score = score
        final[sid] = score
    return final


def _combined(
    ctx: Context, stage: m.Stage, sid: str, base: Decimal, d: Decision, earlier: Mapping[str, StageDecisions]
) -> Decimal:
    total_w = sum((c.weight for c in stage.combine), Decimal(0))
    acc = Decimal(0)
    parts: dict[str, Decimal] = {}
    for c in stage.combine:
        v = base if c.stage == stage.id else (earlier[c.stage].scores.get(sid) if c.stage in earlier else None)
        if v is None:
            d.combined = FrozenMap(parts)
            return base
        parts[c.stage] = v
        acc += c.weight * v
    d.combined = FrozenMap(parts)
    score = ctx.quantize(acc / total_w)
    terms = [(said(c.weight), said(parts[c.stage]), c.stage) for c in stage.combine]
    shown = [" + ".join(f"{w[k]} × {v[k]} ({st})" for w, v, st in terms) for k in (0, 1)]
    result = said(score)
    d.reasons.append(Reason("combine", "score", None,
                            Label(f"nilai gabungan: {shown[0]} = {result[0]}",
                                  f"combined score: {shown[1]} = {result[1]}")))
    return score


def _adjusted(ctx: Context, stage: m.Stage, sid: str, score: Decimal, d: Decision) -> Decimal:
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
                d.reasons.append(Reason(a.id, "adjustment", None,
                                        Label(f"{msg.id}: tidak diberikan, {miss.id}",
                                              f"{msg.en or msg.id}: not given, {miss.en}"),
                                        o.text, missing=o.missing))
                continue
            if not o.value:
                d.reasons.append(Reason(a.id, "adjustment", False, msg, o.text))
                continue
            detail = o.text
        else:
            detail = None
        d.adjustments.append(AdjustmentApplied(a.id, amount, msg, detail))
        plus = signed(amount)
        shown = Label(f"{msg.id} ({plus[0]})", f"{msg.en or msg.id} ({plus[1]})")
        d.reasons.append(Reason(a.id, "adjustment", True, shown, detail))
        total += amount
    if "inovasi_rules_adjustments" in ctx.hooked:
        for name, adjs in call_each(
            ctx.pm, "inovasi_rules_adjustments",
            check=lambda v: isinstance(v, (list, tuple)) and all(isinstance(x, PluginAdjustment) for x in v),
            expected="a list of PluginAdjustment",
            ruleset=ctx.ruleset, stage=stage, submission=rec, score=score,
        ):
            for pa in adjs:
                d.adjustments.append(AdjustmentApplied(pa.id, pa.amount, pa.message, pa.detail, plugin=name))
                plus = signed(pa.amount)
                shown = Label(f"{pa.message.id} ({plus[0]})", f"{pa.message.en or pa.message.id} ({plus[1]})")
                d.reasons.append(Reason(pa.id, "adjustment", True, shown, pa.detail, plugin=name))
                total += pa.amount
    if stage.adjustment_cap is not None:
        cap = number(stage.adjustment_cap, ctx.params)
        if total > cap or total < -cap:
            capped = cap if total > 0 else -cap
            d.reasons.append(Reason("adjustment_cap", "adjustment", None,
                                    Label(f"total penyesuaian {said(total)[0]} dibatasi {said(capped)[0]}",
                                          f"adjustments of {said(total)[1]} capped at {said(capped)[1]}")))
            total = capped
    if total:
        return ctx.quantize(score + total)
    return score
