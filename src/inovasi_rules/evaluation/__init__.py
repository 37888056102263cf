"""The evaluation: :func:`evaluate` applies a ruleset to one edition.

A read-only :class:`~.context.Context` is built once (records, compiled conditions,
score rows grouped into judges' totals); then each stage, in the ruleset's order, is a
function from (context, entrants) to (decisions, next entrants):

``screening`` (:mod:`.eligibility`, :mod:`.caps`)
    Every eligibility rule (or the stage's ``rules``) per submission, then the
    edition-level caps, then plugins' findings.
``assessment`` / ``presentation`` (:mod:`.scoring`, :mod:`.adjustments`, :mod:`.ranking`)
    Each judge's total, the judges' aggregate, the carry-over from earlier stages
    (``combine``), bonuses and penalties, rounding; then ranking and selection.
``verification`` (:mod:`.verification`)
    A recorded verdict confirms or drops each entry.

Awards are given last (:mod:`.awards`), then plugins' awards, then the
``inovasi_rules_result`` hook.

The same input gives the same result in any input order: submissions are processed in
id order, sums are exact, and the tie-break lottery is seeded from the ruleset id, the
edition id and the submission id. An evaluation changes nothing outside itself, so two
may run at once in two threads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import pluggy

from .. import model as m
from ..edition import MISSING, Edition
from ..errors import EvaluationError, PluginError, Problem
from ..frozen import freeze
from ..model import Label, Ruleset
from ..parameters import check_parameters
from ..plugins import (
    PluginGrant,
    call_each,
    get_plugin_manager,
    missing_plugin_problem,
    plugin_name,
)
from ..result import AwardGrant, Reason, Result, SubmissionResult
from .adjustments import final_scores
from .awards import apply_plugin_grants, give_awards
from .context import Context, Limits, build_context
from .decisions import Decision, StageDecisions, shown
from .eligibility import screen
from .ranking import rank_and_select
from .scoring import SCORED, plugin_scores, stage_scores
from .verification import verify

__all__ = ["REPORTED_FIELDS", "Limits", "evaluate"]

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


def evaluate(
    ruleset: Ruleset,
    edition: Edition,
    *,
    plugins: Iterable[Any] = (),
    load_entrypoints: bool | None = None,
    parameters: Mapping[str, Any] | None = None,
    plugin_manager: pluggy.PluginManager | None = None,
    limits: Limits | None = None,
) -> Result:
    """Apply ``ruleset`` to ``edition`` and explain every decision.

    :param plugins: plugin objects to use for this evaluation (in addition to the
        installed ones, unless ``load_entrypoints=False``).
    :param parameters: parameter overrides for this run (applied after the edition's
        own ``parameters`` from ``edition.yaml``).
    :param plugin_manager: a ready plugin manager (then ``plugins`` and
        ``load_entrypoints`` are ignored). Each call otherwise builds its own, so no
        state leaks between evaluations.
    :param limits: bounds of this evaluation (:class:`Limits`; the defaults by default).
    :raises EvaluationError: when the data does not fit the ruleset (a score for an
        unknown stage, criterion, submission or judge, a score off the scale), with
        file and row. Softer problems (a verdict for a stage that is not verified, a
        conflict of interest that cannot be checked for want of data, scores for an
        entry that did not reach the stage) are warnings in ``Result.findings``.
    :raises PluginError: when a plugin the ruleset needs is missing, or a plugin fails.

    >>> from inovasi_rules import load_ruleset, read_edition, evaluate
    >>> result = evaluate(load_ruleset("kipp-sukoharjo-2023"),
    ...                   read_edition("examples/sukoharjo-2023"))  # doctest: +SKIP
    """
    if edition.parameters:
        ruleset = _with_parameters(
            ruleset, edition.parameters, edition.files.get("edition") if edition.files else None
        )
    if parameters:
        ruleset = _with_parameters(ruleset, parameters, None)
    pm = plugin_manager or get_plugin_manager(plugins, load_entrypoints=load_entrypoints)
    _check_plugins(ruleset, pm)
    ctx = build_context(ruleset, edition, pm, limits or Limits())
    findings: list[Problem] = [*edition.findings, *ctx.findings]
    work: dict[str, list[Decision]] = {}
    done: dict[str, StageDecisions] = {}
    alive: list[str] = []
    first = ruleset.stages[0].id if ruleset.stages else None
    withdrawn: list[str] = []
    for s in ctx.subs:
        work[s.id] = []
        if s.withdrawn and first is not None:
            d = Decision(first, "withdrawn")
            withdrawn.append(s.id)
            d.reasons.append(Reason("withdrawn", "finding", None,
                                    Label("mengundurkan diri", "withdrawn by the participant")))
            work[s.id].append(d)
        else:
            alive.append(s.id)
    if not ctx.subs:
        findings.append(Problem("the edition has no submissions / edisi tidak memiliki pengajuan",
                                ctx.file("submissions"), rule="empty-edition", level="warning"))
    for stage in ruleset.stages:
        if stage.kind == "screening":
            out = screen(ctx, stage, alive)
        elif stage.kind in SCORED:
            out = _scored_stage(ctx, stage, alive, done)
        else:
            out = verify(ctx, stage, alive)
        done[stage.id] = out
        for sid, d in out.decisions.items():
            work[sid].append(d)
        findings.extend(out.findings)
        alive = out.passed
    findings.extend(_unused_scores(ctx, done, withdrawn, first))
    findings.extend(_unchecked_conflicts(ctx, done))
    _attribute_functions(ctx, work)
    grants, award_findings = give_awards(ctx, work, done)
    findings.extend(award_findings)
    result = _result(ctx, work, grants, findings)
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


def _scored_stage(
    ctx: Context, stage: m.Stage, alive: Sequence[str], done: Mapping[str, StageDecisions]
) -> StageDecisions:
    """A scored stage: the base scores, combined and adjusted, ranked and selected."""
    decisions = {sid: Decision(stage.id) for sid in alive}
    scored = (plugin_scores if stage.scoring == "plugin" else stage_scores)(ctx, stage, alive, decisions)
    for sid, row in scored.criteria.items():
        decisions[sid].criteria = row
    final = final_scores(ctx, stage, scored.scores, decisions, done)
    passed, order = rank_and_select(ctx, stage, alive, decisions, final, scored.criteria, done)
    return StageDecisions(stage.id, decisions, passed, final, scored.criteria, order,
                          scored.findings, scored.unchecked)


def _unused_scores(
    ctx: Context, done: Mapping[str, StageDecisions], withdrawn: Sequence[str], first: str | None
) -> list[Problem]:
    """Scores of entries that did not reach the stage: not used, and said so."""
    out = []
    for stage_id, rows in ctx.stage_rows.items():
        reached = set(done[stage_id].decisions) if stage_id in done else set()
        if stage_id == first:
            reached.update(withdrawn)
        extra = sorted(set(rows.span) - reached)
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


def _attribute_functions(ctx: Context, work: Mapping[str, list[Decision]]) -> None:
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
    for decisions in work.values():
        for d in decisions:
            for i, r in enumerate(d.reasons):
                if r.plugin is None and r.kind in ("eligibility", "adjustment"):
                    owner = owners.get((d.stage if r.kind == "adjustment" else None, r.rule))
                    if owner:
                        d.reasons[i] = attrs.evolve(r, plugin=owner)


def _result(
    ctx: Context, work: Mapping[str, list[Decision]], grants: Mapping[str, list[AwardGrant]],
    findings: list[Problem],
) -> Result:
    subs = []
    for s in ctx.subs:
        values = ctx.records[s.id].values
        fields = {
            f: v if type(v) is str else shown(v)
            for f in REPORTED_FIELDS
            if (v := values.get(f, MISSING)) is not MISSING
        }
        subs.append(SubmissionResult(
            s.id, s.title, tuple(d.freeze() for d in work[s.id]), tuple(grants.get(s.id, ())), fields))
    r = ctx.ruleset
    return Result(
        r.id,
        ctx.edition.id,
        tuple(subs),
        tuple((st.id, st.name or Label(st.id)) for st in r.stages),
        tuple((a.id, a.name or Label(a.id)) for a in r.awards),
        tuple(sorted(findings, key=Problem.sort_key)),
        freeze(dict(r.parameters)),
    )


def _check_plugins(ruleset: Ruleset, pm: pluggy.PluginManager) -> None:
    names = {plugin_name(pm, p) for p in pm.get_plugins()}
    names |= {n for n, _ in pm.list_name_plugin() if n}
    missing = [p for p in ruleset.plugins if p.name not in names]
    if missing:
        raise PluginError(
            "\n".join(missing_plugin_problem(p, ruleset.id).format() for p in missing),
            plugin=missing[0].name,
        )


def _with_parameters(ruleset: Ruleset, values: Mapping[str, Any], file: str | None) -> Ruleset:
    """``ruleset.with_parameters``, with an unknown name or a value of the wrong type
    reported as an error naming the file and the parameter (:func:`check_parameters`)."""
    problems = check_parameters(ruleset, values, file=file)
    if problems:
        raise EvaluationError(problems)
    return ruleset.with_parameters(**values)
