"""The read-only context of one evaluation, built once before the first stage: the
ruleset with its parameters, the edition's records (with the fields the engine derives,
such as ``wave``), the conditions compiled, plugins' condition functions, and every
scored stage's score rows checked and grouped into judges' totals.

Every step reads the context and changes nothing in it, so one evaluation shares
nothing with another (two may run at once in two threads).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs
import numpy as np
import pluggy

from ..edition import MISSING, Edition, Judge, Score, ScoreTable, Submission
from ..errors import EvaluationError, PluginError, Problem
from ..frozen import FrozenMap
from ..plugins import call_each
from ..ruleset import model as m
from ..ruleset.conditions import CompiledCondition, ConditionError, compile_condition
from ..ruleset.model import Label, Ruleset
from .ranking import lottery_key
from .scoring import SCORED, Quantize, StageRows, leaf_weights, number, quantizer

__all__ = ["Context", "Entrant", "Limits", "Record", "build_context", "param_names", "rebuild_context"]


@attrs.frozen
class Limits:
    """Bounds of one evaluation.

    :param problems: at most this many score rows are listed in an
        :class:`~inovasi_rules.EvaluationError` (the count says how many there were).
    """

    problems: int = attrs.field(default=200, validator=attrs.validators.ge(1))


class Record:
    """A submission with the fields the engine derives for it (``wave``,
    ``wave.closes`` ...), read in its place by the steps."""

    __slots__ = ("sub", "values")

    def __init__(self, sub: Submission, derived: Mapping[str, Any]) -> None:
        self.sub = sub
        # the submission's own values with the derived ones over them, in one mapping
        self.values: Mapping[str, Any] = FrozenMap({**sub.values, **derived})

    def get(self, path: str) -> Any:
        """The value at ``path``, or :data:`~inovasi_rules.MISSING`."""
        return self.values.get(path, MISSING)

    @property
    def id(self) -> str:
        """The submission's id."""
        return self.sub.id

    @property
    def registered(self) -> datetime.date | None:
        """When the submission was registered (``None`` when it was not said)."""
        return self.sub.registered


#: What the steps read of one submission: the submission itself, or its
#: :class:`Record` when the engine derives fields for it (an object per submission and
#: evaluation only then).
Entrant = Submission | Record


@attrs.frozen
class Conditions:
    """The ruleset's conditions, compiled: eligibility ``when``, ``where`` and cap
    ``where`` by rule id, adjustments by (stage, id), awards' ``where`` by award id."""

    when: Mapping[str, CompiledCondition | None]
    where: Mapping[str, CompiledCondition | None]
    cap_where: Mapping[str, CompiledCondition | None]
    adjustment: Mapping[tuple[str, str], CompiledCondition | None]
    award_where: Mapping[str, CompiledCondition | None]


@attrs.frozen
class Context:
    """Everything the steps of one evaluation read; nothing in it changes.

    :ivar subs: the submissions, in id order.
    :ivar records: submission id -> what the steps read of it (:data:`Entrant`).
    :ivar judges: judge id -> judge (empty when the edition lists none).
    :ivar leaves: scored stage id -> its rubric's leaf criteria and weights.
    :ivar stage_rows: scored stage id -> its score rows grouped into judges' totals.
    :ivar plugin_rows: (stage, submission) -> its score rows, for stages scored by a plugin.
    :ivar functions: condition function name -> the plugin's function (guarded).
    :ivar function_owner: condition function name -> the plugin that contributed it.
    :ivar tickets: submission id -> its lottery ticket (:func:`~.ranking.lottery_key`).
    :ivar hooked: the hooks some plugin implements (asked once, not per entry).
    :ivar findings: warnings found while building the context.
    """

    ruleset: Ruleset
    edition: Edition
    pm: pluggy.PluginManager
    params: Mapping[str, Any]
    quantize: Quantize
    seed: str
    limits: Limits
    subs: tuple[Submission, ...]
    records: Mapping[str, Entrant]
    judges: Mapping[str, Judge]
    conditions: Conditions
    functions: Mapping[str, Callable[..., Any]]
    function_owner: Mapping[str, str]
    leaves: Mapping[str, Mapping[str, Decimal]]
    stage_rows: Mapping[str, StageRows]
    plugin_rows: Mapping[tuple[str, str], tuple[Score, ...]]
    tickets: Mapping[str, str]
    hooked: frozenset[str]
    findings: tuple[Problem, ...]

    @property
    def scores_file(self) -> str | None:
        """The file the scores were read from, for the place of a finding."""
        return self.edition.files.get("scores") if self.edition.files else None

    def file(self, kind: str) -> str | None:
        """The file of the edition that held ``kind`` (``submissions``, ``verdicts`` ...)."""
        return self.edition.files.get(kind) if self.edition.files else None


def build_context(ruleset: Ruleset, edition: Edition, pm: pluggy.PluginManager, limits: Limits) -> Context:
    """Check the edition against the ruleset and build the context of one evaluation.

    :raises EvaluationError: for score rows that do not fit the ruleset, each located.
    :raises PluginError: when two plugins contribute a condition function of one name.
    """
    r = ruleset
    params = FrozenMap(r.parameters)
    functions, owner = _functions(pm)
    subs = tuple(sorted(edition.submissions, key=lambda s: s.id))
    records = _records(r, subs)
    judges = {j.id: j for j in edition.judges}
    seed = f"{r.id}\x00{edition.id}"
    leaves, plugin_rows, stage_rows = _scores(r, params, edition.scores, records, judges, edition, limits)
    return Context(
        ruleset=r,
        edition=edition,
        pm=pm,
        params=params,
        quantize=quantizer(r.rounding),
        seed=seed,
        limits=limits,
        subs=subs,
        # (read-only views: a look-up per entry and step costs no Python call)
        records=MappingProxyType(records),
        judges=MappingProxyType(judges),
        conditions=_conditions(r, params, functions),
        functions=MappingProxyType(functions),
        function_owner=FrozenMap(owner),
        leaves=FrozenMap({k: FrozenMap(v) for k, v in leaves.items()}),
        stage_rows=MappingProxyType(stage_rows),
        plugin_rows=FrozenMap({k: tuple(v) for k, v in plugin_rows.items()}),
        tickets=MappingProxyType({s.id: lottery_key(seed, s.id) for s in subs}),
        hooked=frozenset(h for h in ("inovasi_rules_eligibility", "inovasi_rules_adjustments", "inovasi_rules_select")
                         if getattr(pm.hook, h).get_hookimpls()),
        findings=tuple(_unused_verdicts(r, edition)),
    )


def rebuild_context(base: Context, ruleset: Ruleset, scores: ScoreTable | None = None) -> Context:
    """The context of ``base``'s edition under ``ruleset`` (the same ruleset with other
    parameter values) and, when given, other ``scores`` (a table of the same edition:
    judges' scores resampled, corrected).

    What does not depend on the change is taken from ``base``: the plugins' functions,
    the records, the judges; each compiled condition that reads no changed parameter
    (with the outcomes it remembers); the score rows when neither the scores nor the
    rubrics' weights changed. The rest is made as :func:`build_context` makes it.

    :raises EvaluationError: for score rows of ``scores`` that do not fit the ruleset.
    """
    r = ruleset
    params = FrozenMap(r.parameters)
    changed = {k for k in set(params) | set(base.params) if params.get(k, MISSING) != base.params.get(k, MISSING)}
    if not changed and scores is None and r is base.ruleset:
        return base
    conditions = base.conditions
    if changed:
        conditions = _conditions(r, params, dict(base.functions), base.conditions, changed)
    edition = base.edition if scores is None else attrs.evolve(base.edition, scores=scores)
    leaves = {k: dict(v) for k, v in base.leaves.items()}
    plugin_rows: Mapping[tuple[str, str], Any] = base.plugin_rows
    stage_rows: Mapping[str, StageRows] = base.stage_rows
    if changed:
        leaves = {s.id: leaf_weights(r.rubric(s.rubric), params) for s in r.stages if s.kind in SCORED and s.rubric}
    if scores is not None or leaves != base.leaves:
        same = None if changed or scores is None or not _same_rows(scores, base.edition.scores) else base.stage_rows
        leaves, rows, built = _scores(r, params, edition.scores, base.records, base.judges, edition, base.limits, same)
        plugin_rows = FrozenMap({k: tuple(v) for k, v in rows.items()})
        stage_rows = MappingProxyType(built)
    return attrs.evolve(
        base,
        ruleset=r,
        edition=edition,
        params=params,
        quantize=quantizer(r.rounding),
        conditions=conditions,
        leaves=FrozenMap({k: FrozenMap(v) for k, v in leaves.items()}),
        stage_rows=stage_rows,
        plugin_rows=plugin_rows,
    )


def param_names(value: Any) -> set[str]:
    """The names of the parameters a part of a ruleset reads (``{param: name}``, and
    the table of a ``lookup``)."""
    out: set[str] = set()

    def walk(v: Any) -> None:
        if isinstance(v, m.Param):
            out.add(v.name)
        elif isinstance(v, m.Lookup):
            out.add(v.table)
            walk(v.default)
        elif attrs.has(type(v)):
            for f in attrs.fields(type(v)):
                walk(getattr(v, f.name))
        elif isinstance(v, Mapping):
            for x in v.values():
                walk(x)
        elif isinstance(v, (tuple, list)):
            for x in v:
                walk(x)

    walk(value)
    return out


def _conditions(
    r: Ruleset, params: Mapping[str, Any], functions: Mapping[str, Callable[..., Any]],
    base: Conditions | None = None, changed: set[str] | None = None,
) -> Conditions:
    """The ruleset's conditions compiled; with ``base``, each one that reads none of the
    ``changed`` parameters is taken from it as it is."""

    def compile_(cond: m.Condition | None, where: str, before: CompiledCondition | None = None) -> CompiledCondition | None:
        if cond is None:
            return None
        if before is not None and changed is not None and not (param_names(cond) & changed):
            return before
        try:
            return compile_condition(cond, params, dict(functions))
        except ConditionError as exc:
            raise EvaluationError([Problem(f"{where}: {exc}", r.origin, rule="condition")]) from None

    b = base
    return Conditions(
        when={e.id: compile_(e.when, f"eligibility {e.id}", b.when.get(e.id) if b else None) for e in r.eligibility},
        where={e.id: compile_(e.where, f"eligibility {e.id}", b.where.get(e.id) if b else None) for e in r.eligibility},
        cap_where={e.id: compile_(e.cap.where, f"eligibility {e.id}", b.cap_where.get(e.id) if b else None)
                   for e in r.eligibility if e.cap is not None},
        adjustment={(s.id, a.id): compile_(a.when, f"stage {s.id} adjustment {a.id}",
                                           b.adjustment.get((s.id, a.id)) if b else None)
                    for s in r.stages for a in s.adjustments},
        award_where={a.id: compile_(a.where, f"award {a.id}", b.award_where.get(a.id) if b else None)
                     for a in r.awards},
    )


def _scores(
    r: Ruleset, params: Mapping[str, Any], table: ScoreTable, records: Mapping[str, Any],
    judges: Mapping[str, Any], edition: Edition, limits: Limits,
    same_rows: Mapping[str, StageRows] | None = None,
) -> tuple[dict[str, dict[str, Decimal]], dict[tuple[str, str], list[Any]], dict[str, StageRows]]:
    """The scored stages' leaf weights, the rows of stages a plugin scores, and every
    other scored stage's rows checked and grouped into judges' totals.

    :param same_rows: each stage's rows of a table with the same rows as ``table`` (see
        :func:`_same_rows`) under the same weights: their order and groups are kept,
        and only the totals are made again from ``table``'s scores."""
    leaves: dict[str, dict[str, Decimal]] = {}
    scales: dict[str, dict[str, tuple[Decimal, Decimal]]] = {}
    plugin_stages: set[str] = set()
    for s in r.stages:
        if s.kind in SCORED:
            if s.scoring == "plugin":
                plugin_stages.add(s.id)
            if s.rubric:
                rb = r.rubric(s.rubric)
                leaves[s.id] = leaf_weights(rb, params)
                scales[s.id] = {c: (sc.min, sc.max) for c, sc in rb.leaf_scales().items()}
    files = edition.files or {}
    plugin_rows = check_scores(
        table, leaves, scales, plugin_stages, records, judges, files.get("scores"), limits.problems,
        rows_checked=same_rows is not None,
    )
    stage_rows = {}
    for stage_id, weights in leaves.items():
        rubric = r.rubric(next(s.rubric for s in r.stages if s.id == stage_id) or "")
        total_weight = number(rubric.total_weight, params)
        before = same_rows.get(stage_id) if same_rows is not None else None
        stage_rows[stage_id] = (
            StageRows.build(table, stage_id, weights, total_weight, r.rounding, rubric) if before is None
            else before.revalued(table, stage_id, weights, total_weight, r.rounding, rubric)
        )
    return leaves, plugin_rows, stage_rows


def _same_rows(a: ScoreTable, b: ScoreTable) -> bool:
    """Whether two score tables hold the same rows (the same submission, stage, judge
    and criterion in each), perhaps with other scores: they share those columns, which
    are read-only (a table of resampled judges' scores is made so)."""
    return (a.sub is b.sub and a.stage is b.stage and a.judge is b.judge and a.criterion is b.criterion
            and a.submissions is b.submissions and a.stages is b.stages and a.judges is b.judges
            and a.criteria is b.criteria)


def _functions(pm: pluggy.PluginManager) -> tuple[dict[str, Callable[..., Any]], dict[str, str]]:
    """Plugins' condition functions (each guarded, so a failure names its plugin) and
    the plugin that contributed each."""
    functions: dict[str, Callable[..., Any]] = {}
    owner: dict[str, str] = {}
    for name, fns in call_each(
        pm,
        "inovasi_rules_condition_functions",
        check=lambda v: isinstance(v, Mapping) and all(isinstance(k, str) and callable(f) for k, f in v.items()),
        expected="a dict of name -> function",
    ):
        for fname, fn in fns.items():
            if fname in owner:
                raise PluginError(
                    f"fungsi kondisi {fname!r} disumbang dua plugin / the condition function "
                    f"{fname!r} is contributed by two plugins: {owner[fname]!r} and {name!r}",
                    plugin=name,
                    hook="inovasi_rules_condition_functions",
                )
            functions[fname] = _guarded(fn, name, fname)
            owner[fname] = name
    return functions, owner


def _guarded(fn: Callable[..., Any], plugin: str, name: str) -> Callable[..., Any]:
    """A plugin's condition function whose failures name the plugin and the function."""

    def call(record: Any, **kwargs: Any) -> Any:
        try:
            return fn(record, **kwargs)
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(
                f"plugin {plugin!r} gagal di fungsi kondisi {name!r} / plugin {plugin!r} failed in "
                f"the condition function {name!r} (hook inovasi_rules_condition_functions): "
                f"{type(exc).__name__}: {exc}",
                plugin=plugin,
                hook="inovasi_rules_condition_functions",
            ) from exc

    return call


def _records(r: Ruleset, subs: tuple[Submission, ...]) -> dict[str, Entrant]:
    """What the steps read of each submission: a :class:`Record` with its wave (by its
    own field, or by region) when the ruleset has waves and it is in one, else the
    submission itself."""
    wave_of_region: dict[str, m.Wave] = {}
    waves = {w.id: w for w in r.waves}
    for w in r.waves:
        for region in w.regions:
            wave_of_region[region.casefold()] = w
    records: dict[str, Entrant] = {}
    for s in subs:
        found: m.Wave | None = None
        if waves:
            found = waves.get(s.wave) if s.wave else None
            if found is None:
                key = s.get(r.wave_by)
                if key is not MISSING:
                    found = wave_of_region.get(str(key).casefold())
        records[s.id] = s if found is None else Record(s, _wave_fields(found))
    return records


def _wave_fields(wave: m.Wave) -> dict[str, Any]:
    """The fields a submission in ``wave`` has from it."""
    fields: dict[str, Any] = {"wave": wave.id, "wave.name": wave.name or Label(wave.id)}
    if wave.opens:
        fields["wave.opens"] = wave.opens
    if wave.closes:
        fields["wave.closes"] = wave.closes
    return fields


def _unused_verdicts(r: Ruleset, edition: Edition) -> list[Problem]:
    """A verdict for a stage the ruleset does not verify is unused: a warning (a what-if
    ruleset may have dropped the stage), never silently ignored."""
    verifying = {s.id for s in r.stages if s.kind == "verification"}
    out = []
    for vd in edition.verdicts:
        if vd.stage not in verifying:
            o = vd.origin
            out.append(Problem(
                f"verdict for {vd.submission} at {vd.stage!r}, which is not a verification stage of "
                f"this ruleset; not used / putusan untuk tahap {vd.stage!r} tidak dipakai",
                o.file if o is not None else edition.files.get("verdicts") if edition.files else None,
                row=o.row if o is not None else None, path="stage",
                hint="verification stages of this ruleset / tahap verifikasi ruleset ini: "
                f"{', '.join(sorted(verifying)) or '-'}",
                rule="verdict-unknown-stage", level="warning"))
    return out


def check_scores(
    t: ScoreTable,
    leaves: Mapping[str, Mapping[str, Decimal]],
    scales: Mapping[str, Mapping[str, tuple[Decimal, Decimal]]],
    plugin_stages: set[str],
    known_subs: Mapping[str, Any],
    known_judges: Mapping[str, Any],
    file: str | None,
    limit: int,
    rows_checked: bool = False,
) -> dict[tuple[str, str], list[Any]]:
    """Check every score row against the ruleset (a scored stage, a criterion of its
    rubric, a value on the scale, a known submission and judge), on arrays.

    Judges are checked when the edition lists them (``from_records`` and
    ``read_edition`` imply them from the scores otherwise, and check them themselves).

    :param rows_checked: the rows' stages, criteria, submissions and judges are those
        of a table already checked against the same rubrics; when no score in the
        table's dictionary is off a scale, no row can be wrong and none is looked at.
    :return: the rows of stages a plugin scores, by (stage, submission).
    :raises EvaluationError: listing the first ``limit`` rows that do not fit.
    """
    plugin_rows: dict[tuple[str, str], list[Any]] = defaultdict(list)
    n = len(t)
    n_stages, n_crits, n_values = len(t.stages), len(t.criteria), len(t.values)
    in_leaves = np.array([name in leaves for name in t.stages] or [False], dtype=bool)
    is_plugin = np.array([name in plugin_stages for name in t.stages] or [False], dtype=bool)
    leafpos = np.full((max(n_stages, 1), max(n_crits, 1)), -1, dtype=np.int32)
    # each distinct scale once: (stage, criterion) -> its scale, scale -> off-scale values
    ranges: list[tuple[Decimal, Decimal]] = [(Decimal(0), Decimal(0))]
    scale_of = np.zeros((max(n_stages, 1), max(n_crits, 1)), dtype=np.int32)
    for code, name in enumerate(t.stages):
        if name in leaves:
            pos = {cid: i for i, cid in enumerate(leaves[name])}
            leafpos[code, :n_crits] = [pos.get(c, -1) for c in t.criteria]
            for c in range(n_crits):
                rng = scales[name].get(t.criteria[c])
                if rng is not None:
                    if rng not in ranges:
                        ranges.append(rng)
                    scale_of[code, c] = ranges.index(rng)
    off_scale = np.zeros((len(ranges), max(n_values, 1)), dtype=bool)
    for k, (lo, hi) in enumerate(ranges[1:], start=1):
        off_scale[k, :n_values] = [v < lo or v > hi for v in t.values]
    if rows_checked and not plugin_stages and not off_scale.any():
        return plugin_rows
    sub_ok = np.array([s in known_subs for s in t.submissions] or [True], dtype=bool)
    judge_ok = np.array([not known_judges or j in known_judges for j in t.judges] or [True], dtype=bool)
    st = t.stage
    if plugin_stages and n:
        for i in np.flatnonzero(is_plugin[st]).tolist():
            sc = t[i]
            plugin_rows[(sc.stage, sc.submission)].append(sc)
    problems: list[Problem] = []
    if n:
        # Each row is checked in this order and reports its first problem only.
        checked = in_leaves[st] | ~is_plugin[st]
        bad_stage = checked & ~in_leaves[st]
        ok = checked & ~bad_stage
        bad_crit = ok & (leafpos[st, t.criterion] < 0)
        ok &= ~bad_crit
        bad_scale = ok & off_scale[scale_of[st, t.criterion], t.value]
        ok &= ~bad_scale
        bad_sub = ok & ~sub_ok[t.sub]
        ok &= ~bad_sub
        bad_judge = ok & ~judge_ok[t.judge]
        ok &= ~bad_judge
        stage_names = ", ".join(leaves) or "-"
        for i in np.flatnonzero(checked & ~ok)[:limit].tolist():
            sc = t[i]
            if bad_stage[i]:
                col, msg, hint = (
                    "stage", f"unknown stage {sc.stage!r} / tahap {sc.stage!r} tidak ada di ruleset",
                    f"scored stages of this ruleset / tahap bernilai ruleset ini: {stage_names}")
            elif bad_crit[i]:
                col, msg, hint = (
                    "criterion",
                    f"unknown criterion {sc.criterion!r} for stage {sc.stage!r} / kriteria tidak dikenal",
                    f"criteria of this stage / kriteria tahap ini: {', '.join(leaves[sc.stage])}")
            elif bad_scale[i]:
                lo, hi = scales[sc.stage][sc.criterion]
                col, msg, hint = (
                    "score", f"score {sc.value} is off the scale {lo}–{hi} / nilai di luar skala",
                    "correct the score, or the rubric's scale / perbaiki nilainya, atau skala rubriknya")
            elif bad_sub[i]:
                col, msg, hint = (
                    "submission_id",
                    f"unknown submission {sc.submission!r} / pengajuan {sc.submission!r} tidak dikenal",
                    "every submission_id must be an id in submissions / setiap submission_id "
                    "harus berupa id di submissions")
            else:
                col, msg, hint = (
                    "judge_id", f"unknown judge {sc.judge!r} / juri {sc.judge!r} tidak dikenal",
                    "every judge_id must be an id in judges / setiap judge_id harus berupa id di judges")
            # a score given as a record is located as the reader locates it: scores[2].score
            path = col if t.records is None else f"scores[{int(t.records[i])}].{col}"
            problems.append(Problem(msg, file, row=sc.row, path=path, hint=hint, rule="scores"))
    if problems:
        raise EvaluationError(problems)
    return plugin_rows
