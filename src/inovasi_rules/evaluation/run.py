"""One run of the stages over a ready :class:`~.context.Context`: the decisions of
every stage in the ruleset's order, the awards, the plugins' awards and the
``inovasi_rules_result`` hook, and the :class:`~inovasi_rules.Result` kept as compact
rows. :func:`inovasi_rules.evaluate` and :class:`~.prepared.PreparedEvaluation` both
evaluate through :func:`run`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ..edition import MISSING
from ..errors import Problem
from ..frozen import EMPTY, FrozenMap, freeze
from ..plugins import PluginGrant, call_each
from ..result import AwardGrant, Reason, Result, SubmissionResults
from ..ruleset import model as m
from ..ruleset.model import Label
from .adjustments import final_scores
from .awards import apply_plugin_grants, give_awards
from .context import Context, Entrant, param_names
from .decisions import Decisions, Legend, StageDecisions, placeholders, shown
from .eligibility import screen, screening_reads
from .ranking import Row, choose, rank_entries
from .scoring import SCORED, Scored, StageRows, plugin_scores, stage_scores
from .verification import verify
from .views import CriteriaTable

__all__ = ["NOTHING_AHEAD", "REPORTED_FIELDS", "Ahead", "Ranked", "decide_ahead", "reads", "run"]

#: Submission fields copied into each result, for composition reports.
REPORTED_FIELDS = (
    "participant.kind",
    "participant.agency",
    "participant.province",
    "participant.regency",
    "category",
    "group",
    "wave",
    "registered",
)


_WITHDRAWN = Reason("withdrawn", "finding", None, Label("mengundurkan diri", "withdrawn by the participant"))


@attrs.frozen(eq=False)
class Ranked:
    """A scored stage decided up to its selection (scored, combined, adjusted, ranked),
    for later evaluations to take further: what a prepared edition keeps.

    :ivar alive: the entrants it was decided for.
    :ivar rows: the score rows it was scored from.
    :ivar decisions: the entrants' decisions before the selection; never changed (an
        evaluation takes a copy further).
    :ivar legend: the decisions' legend; never changed (an evaluation takes a copy
        further).
    """

    alive: tuple[str, ...]
    rows: StageRows | None
    decisions: Decisions
    legend: Legend
    scored: Scored
    final: Mapping[str, Decimal]
    ordered: Sequence[Row]


@attrs.frozen(eq=False)
class Ahead:
    """What a prepared edition decided ahead, for :func:`run` to use where it applies.

    :ivar screened: screening stage id -> (its entrants, what it decided for them).
    :ivar ranked: scored stage id -> that stage up to its selection.
    """

    screened: Mapping[str, tuple[tuple[str, ...], StageDecisions]] = EMPTY
    ranked: Mapping[str, Ranked] = EMPTY


#: Nothing decided ahead.
NOTHING_AHEAD = Ahead()


def run(ctx: Context, ahead: Ahead = NOTHING_AHEAD) -> Result:
    """Every stage, the awards and the plugins' hooks over ``ctx``: the result.

    :param ahead: stages decided under the same data and rules (by
        :func:`decide_ahead`), used where they apply.
    """
    ruleset, edition, pm = ctx.ruleset, ctx.edition, ctx.pm
    findings: list[Problem] = [*edition.findings, *ctx.findings]
    done, withdrawn = _decide(ctx, ahead, findings)
    first = ruleset.stages[0].id if ruleset.stages else None
    findings.extend(_unused_scores(ctx, done, withdrawn, first))
    findings.extend(_unchecked_conflicts(ctx, done))
    kept: list[tuple[str, Decisions]] = [(first, withdrawn)] if withdrawn and first else []
    kept.extend((stage_id, out.decisions) for stage_id, out in done.items())
    _attribute_functions(ctx, kept)
    grants, award_findings = give_awards(ctx, done)
    findings.extend(award_findings)
    result = _result(ctx, kept, grants, findings)
    extra = call_each(
        pm, "inovasi_rules_awards",
        check=lambda v: isinstance(v, (list, tuple)) and all(isinstance(g, PluginGrant) for g in v),
        expected="a list of PluginGrant",
        ruleset=ruleset, edition=edition, result=result,
    )
    if extra:
        result = apply_plugin_grants(result, extra)
    call_each(pm, "inovasi_rules_result", ruleset=ruleset, edition=edition, result=result)
    return result


def _decide(
    ctx: Context, ahead: Ahead, findings: list[Problem], keep: dict[str, Ranked] | None = None
) -> tuple[dict[str, StageDecisions], Decisions]:
    """Every stage in order: what each decided, and the withdrawn entries' decisions.
    With ``keep``, each scored stage is also kept there up to its selection."""
    ruleset = ctx.ruleset
    done: dict[str, StageDecisions] = {}
    alive: list[str] = []
    first = ruleset.stages[0].id if ruleset.stages else None
    gone: list[str] = []
    for s in ctx.subs:
        (gone if s.withdrawn and first is not None else alive).append(s.id)
    withdrawn = Decisions(first or "", gone, "withdrawn", reasons=(_WITHDRAWN,))
    if not ctx.subs:
        findings.append(Problem("the edition has no submissions / edisi tidak memiliki pengajuan",
                                ctx.file("submissions"), rule="empty-edition", level="warning"))
    rescored = False  # a scored stage scored again: a later one may read its scores
    for stage in ruleset.stages:
        known = ahead.screened.get(stage.id)
        out: StageDecisions
        if known is not None and known[0] == tuple(alive):
            out = known[1]
        elif stage.kind == "screening":
            out = screen(ctx, stage, alive)
        elif stage.kind in SCORED:
            ready = None if rescored else ahead.ranked.get(stage.id)
            out, fresh = _scored_stage(ctx, stage, alive, done, ready, keep)
            rescored = rescored or fresh
        else:
            out = verify(ctx, stage, alive, done)
        done[stage.id] = out
        findings.extend(out.findings)
        alive = list(out.passed)
    return done, withdrawn


#: The hooks through which a plugin takes part in deciding a stage.
_STAGE_HOOKS = ("inovasi_rules_eligibility", "inovasi_rules_stage_score", "inovasi_rules_adjustments",
                "inovasi_rules_select")


def decide_ahead(ctx: Context) -> Ahead:
    """Decide every stage once under ``ctx``'s parameters, keeping the screening stages
    that come first and each scored stage up to its selection, for :func:`run` to use
    in the evaluations where they apply: the same entrants, the same score rows, and no
    changed parameter that the stage reads (:func:`reads`) or that a scored stage
    before it read.

    Nothing is decided ahead when a plugin takes part in deciding a stage (one of its
    hooks, or a condition function): what a plugin reads is not known.
    """
    pm = ctx.pm
    if ctx.function_owner or any(getattr(pm.hook, h).get_hookimpls() for h in _STAGE_HOOKS):
        return NOTHING_AHEAD
    ranked: dict[str, Ranked] = {}
    done, _ = _decide(ctx, NOTHING_AHEAD, [], ranked)
    screened = {}
    alive = tuple(s.id for s in ctx.subs if not s.withdrawn)
    for stage in ctx.ruleset.stages:
        if stage.kind != "screening":
            break
        out = done[stage.id]
        screened[stage.id] = (alive, out)
        alive = tuple(out.passed)
    return Ahead(FrozenMap(screened), FrozenMap(ranked))


def reads(ruleset: m.Ruleset, stage: m.Stage) -> frozenset[str]:
    """The parameters a stage reads before its selection (a screening stage: all it
    reads): in its conditions, its numbers, its rubric and the placeholders of its
    messages."""
    if stage.kind == "screening":
        return screening_reads(ruleset, stage)
    named = param_names(attrs.evolve(stage, advance=None))
    if stage.rubric:
        named |= param_names(ruleset.rubric(stage.rubric))
    for adj in stage.adjustments:
        if adj.message is not None:
            named |= placeholders(adj.message)
    return frozenset(named & set(ruleset.parameters))


def _scored_stage(
    ctx: Context, stage: m.Stage, alive: Sequence[str], done: Mapping[str, StageDecisions],
    ready: Ranked | None, keep: dict[str, Ranked] | None,
) -> tuple[StageDecisions, bool]:
    """A scored stage: the base scores, combined and adjusted, ranked and selected; the
    part before the selection taken from ``ready`` when that was decided for the same
    entrants from the same score rows. Whether the stage was scored here."""
    rows = ctx.stage_rows.get(stage.id)
    if ready is not None and ready.rows is rows and ready.alive == tuple(alive):
        legend = ready.legend.copy()
        decisions = ready.decisions.copy(legend)
        scored, final, ordered = ready.scored, ready.final, ready.ordered
        fresh = False
    else:
        legend = Legend()
        decisions = Decisions(stage.id, alive, legend=legend)
        if stage.scoring == "plugin":
            scored = plugin_scores(ctx, stage, alive, decisions)
        else:
            scored = stage_scores(ctx, stage, alive, decisions, legend)
        criteria = scored.criteria
        if isinstance(criteria, CriteriaTable):
            decisions.table = criteria
        else:
            for sid, row in criteria.items():
                decisions.criteria[decisions.positions[sid]] = row
        final = final_scores(ctx, stage, scored.scores, decisions, done, scored.exact)
        ordered = rank_entries(ctx, stage, alive, decisions, scored.criteria, done, legend)
        fresh = True
        if keep is not None:
            kept = legend.copy()
            keep[stage.id] = Ranked(tuple(alive), rows, decisions.copy(kept), kept,
                                    scored, final, tuple(ordered))
    passed = choose(ctx, stage, alive, decisions, ordered, legend)
    return StageDecisions(stage.id, decisions, passed, dict(final), scored.criteria, list(ordered),
                          scored.findings, scored.unchecked), fresh


def _unused_scores(
    ctx: Context, done: Mapping[str, StageDecisions], withdrawn: Decisions, first: str | None
) -> list[Problem]:
    """Scores of entries that did not reach the stage: not used, and said so."""
    out = []
    for stage_id, rows in ctx.stage_rows.items():
        reached = set(done[stage_id].decisions) if stage_id in done else set()
        if stage_id == first:
            reached.update(withdrawn)
        extra = sorted(set(rows.scored) - reached)
        if extra:
            listed = ", ".join(extra[:5]) + (" ..." if len(extra) > 5 else "")
            out.append(Problem(
                f"{len(extra)} submission(s) have scores at {stage_id} but did not reach it under "
                f"this ruleset ({listed}); those scores are not used / nilai tidak dipakai",
                ctx.scores_file, path=stage_id, rule="unused-scores", level="warning"))
    return out


def _unchecked_conflicts(ctx: Context, done: Mapping[str, StageDecisions]) -> list[Problem]:
    """Conflicts of interest that could not be checked for want of data."""
    unchecked: dict[tuple[str, str], set[str]] = {}
    for out in done.values():
        for key, ids in out.unchecked.items():
            unchecked.setdefault(key, set()).update(ids)
    problems = []
    for (stage_id, what), ids in sorted(unchecked.items()):
        listed = ", ".join(sorted(ids)[:5]) + (" ..." if len(ids) > 5 else "")
        judge = what.startswith("judge ")
        problems.append(Problem(
            f"conflicts of interest at {stage_id} could not be checked for {len(ids)} "
            f"{'judge(s)' if judge else 'submission(s)'} without {what} ({listed}); "
            f"their scores are counted / konflik kepentingan tidak dapat diperiksa: {what} kosong",
            ctx.file("judges" if judge else "submissions"),
            path=f"{stage_id}/{what}", rule="conflict-unchecked", level="warning"))
    return problems


def _calls(cond: m.Condition | None) -> set[str]:
    """The names of the plugin functions a condition calls."""
    if cond is None:
        return set()
    if isinstance(cond, m.Compare):
        return {cond.subject.name} if isinstance(cond.subject, m.Call) else set()
    if isinstance(cond, (m.AllOf, m.AnyOf)):
        return set().union(*(_calls(c) for c in cond.conditions))
    return _calls(cond.condition)


def _attribute_functions(ctx: Context, kept: Sequence[tuple[str, Decisions]]) -> None:
    """Name the plugin whose condition function a rule called on that rule's reasons."""
    if not ctx.function_owner:
        return
    owners: dict[tuple[str | None, str], str] = {}

    def owned(*conds: m.Condition | None) -> str:
        names = set().union(*(_calls(c) for c in conds))
        return ", ".join(sorted({ctx.function_owner[n] for n in names if n in ctx.function_owner}))

    for e in ctx.ruleset.eligibility:
        by = owned(e.when, e.where, e.cap.where if e.cap is not None else None)
        if by:
            owners[(None, e.id)] = by
    for s in ctx.ruleset.stages:
        for a in s.adjustments:
            by = owned(a.when)
            if by:
                owners[(s.id, a.id)] = by
    if not owners:
        return
    for _, decisions in kept:
        column = decisions.reasons
        for k, reasons in enumerate(column):
            named = list(reasons)
            for i, later in enumerate(reasons):
                r = decisions.made(later)
                if r.plugin is None and r.kind in ("eligibility", "adjustment"):
                    owner = owners.get((decisions.stage if r.kind == "adjustment" else None, r.rule))
                    if owner:
                        named[i] = attrs.evolve(r, plugin=owner)
            column[k] = tuple(named)


def _reported(entrant: Entrant, names: Collection[str] | None = None) -> Mapping[str, Any]:
    """A submission's :data:`REPORTED_FIELDS` (those of ``names``, when given), as its
    result shows them."""
    return {
        f: v if type(v) is str else shown(v)
        for f in (REPORTED_FIELDS if names is None else [f for f in REPORTED_FIELDS if f in names])
        if (v := entrant.get(f)) is not MISSING
    }


def _result(
    ctx: Context, kept: Sequence[tuple[str, Decisions]], grants: Mapping[str, list[AwardGrant]],
    findings: list[Problem],
) -> Result:
    # what the stages decided, as they left it: each SubmissionResult is made when read
    # (most never are)
    r, subs, records = ctx.ruleset, ctx.subs, ctx.records
    return Result(
        r.id,
        ctx.edition.id,
        SubmissionResults([s.id for s in subs], [s.title for s in subs], [records[s.id] for s in subs], kept,
                          {sid: tuple(g) for sid, g in grants.items()}, _reported),
        tuple((st.id, st.name or Label(st.id)) for st in r.stages),
        tuple((a.id, a.name or Label(a.id)) for a in r.awards),
        tuple(sorted(findings, key=Problem.sort_key)),
        freeze(dict(r.parameters)),
    )
