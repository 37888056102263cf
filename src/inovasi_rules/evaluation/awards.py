"""Awards, given last: to the entries that passed the award's stage (and meet its
``where``), every one of them, or ranked (``rank``, a selection as a stage's
``advance``) by the ranking of that stage or the last scored stage before it. Plugins'
awards (``inovasi_rules_awards``) are merged in after.

.. code-block:: yaml

    awards:
      - {id: top-inovasi, stage: presentasi, rank: {top: 3, per: category}}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ..edition import MISSING
from ..errors import PluginError, Problem
from ..plugins import PluginGrant
from ..result import AwardGrant, Result
from ..ruleset.model import Label
from .decisions import StageDecisions, missing_label
from .ranking import Row, pick, regrouped

if TYPE_CHECKING:
    from .context import Context

__all__ = ["apply_plugin_grants", "give_awards"]


def give_awards(
    ctx: Context, done: Mapping[str, StageDecisions]
) -> tuple[dict[str, list[AwardGrant]], list[Problem]]:
    """Each entry's awards, and the findings (an entry that cannot be considered for
    want of data)."""
    grants: dict[str, list[AwardGrant]] = defaultdict(list)
    findings: list[Problem] = []
    stage_ids = [s.id for s in ctx.ruleset.stages]
    for a in ctx.ruleset.awards:
        at = done.get(a.stage)
        passed = sorted(sid for sid, status, _ in at.decisions.statuses()
                        if status == "advanced") if at is not None else []
        where = ctx.conditions.award_where.get(a.id)
        if where is not None:
            keep = []
            for sid in passed:
                o = where(ctx.records[sid])
                if o.value is None:
                    miss = missing_label(o.missing)
                    findings.append(Problem(
                        f"award {a.id}: {sid} cannot be considered, {miss.en} / {miss.id}", None,
                        path=sid, rule="data-missing", level="warning"))
                elif o.value:
                    keep.append(sid)
            passed = keep
        name = a.name or Label(a.id)
        order = _order_for(a.stage, stage_ids, done)
        if a.rank is None:
            rank_of = {e[0]: rank for rank, e in enumerate(order, 1)}
            for sid in passed:
                grants[sid].append(AwardGrant(a.id, name, rank_of.get(sid)))
            continue
        keep_set = set(passed)
        path = a.rank.apportion.by if a.rank.apportion is not None else a.rank.per
        entries = [regrouped(e, _group_of(ctx, e[0], path)) for e in order if e[0] in keep_set]
        picks = pick(ctx, a.rank, entries)
        for e in entries:
            pk = picks[e[0]]
            if pk.chosen:
                grants[e[0]].append(AwardGrant(a.id, name, pk.group_rank,
                                               None if pk.group is None else str(pk.group)))
    return grants, findings


def _order_for(stage_id: str, stage_ids: list[str], done: Mapping[str, StageDecisions]) -> list[Row]:
    """The ranking that applies at a stage: its own, or the last scored one before it."""
    idx = stage_ids.index(stage_id)
    for sid in reversed(stage_ids[: idx + 1]):
        found = done.get(sid)
        if found is not None and found.order is not None:
            return found.order
    return []


def _group_of(ctx: Context, sid: str, path: str | None) -> Any:
    if path is None:
        return None
    v = ctx.records[sid].get(path)
    return "—" if v is MISSING else str(v)


def apply_plugin_grants(result: Result, extra: list[tuple[str, Any]]) -> Result:
    """``result`` with plugins' grants merged in: a grant of an award the entry already
    has adds its amount and note (and names the plugin); a new award is added."""
    known = {s.id for s in result.submissions}
    by_sub: dict[str, list[tuple[str, PluginGrant]]] = defaultdict(list)
    for name, grants in extra:
        for g in grants:
            if g.submission not in known:
                raise PluginError(
                    f"plugin {name!r} granted {g.award!r} to unknown submission {g.submission!r} "
                    f"in hook inovasi_rules_awards / plugin {name!r} memberi {g.award!r} kepada "
                    f"pengajuan yang tidak dikenal {g.submission!r}", plugin=name,
                    hook="inovasi_rules_awards")
            by_sub[g.submission].append((name, g))
    award_names = dict(result.awards)
    new_awards = list(result.awards)
    subs = []
    for s in result.submissions:
        if s.id not in by_sub:
            subs.append(s)
            continue
        awards = list(s.awards)
        for name, g in by_sub[s.id]:
            for i, existing in enumerate(awards):
                if existing.award == g.award:
                    by = name if existing.plugin in (None, name) else f"{existing.plugin}, {name}"
                    awards[i] = attrs.evolve(existing, amount=g.amount if g.amount is not None else existing.amount,
                                             note=g.note or existing.note, plugin=by)
                    break
            else:
                label = g.name or award_names.get(g.award) or Label(g.award)
                if g.award not in award_names:
                    award_names[g.award] = label
                    new_awards.append((g.award, label))
                awards.append(AwardGrant(g.award, label, None, None, g.amount, g.note, plugin=name))
        subs.append(attrs.evolve(s, awards=tuple(awards)))
    return attrs.evolve(result, submissions=tuple(subs), awards=tuple(new_awards))
