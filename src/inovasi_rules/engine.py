"""The evaluation engine: :func:`evaluate` applies a ruleset to one edition.

Stage by stage, in the ruleset's order, for the submissions still in the competition:

``screening``
    Every eligibility rule (or the stage's ``rules``) is checked per submission, then
    the edition-level caps, then plugins' findings. Missing data needed by a rule is
    a failure whose reason names the field: it never counts as zero or false.
``assessment`` / ``presentation``
    Each judge's total from the rubric (a judge with a conflict of interest, or who did
    not score every criterion, is excluded and the trace says why), the judges'
    aggregate (:mod:`inovasi_rules.scoring`), the carry-over from earlier stages
    (``combine``), bonuses and penalties, rounding; then ranking and selection
    (:mod:`inovasi_rules.selection`).
``verification``
    A recorded verdict confirms or drops each entry; what happens without one is the
    stage's ``missing_verdict``.

Awards are given last, then plugins' awards, then the ``inovasi_rules_result`` hook.

The same input gives the same result in any input order: submissions are processed in
id order, sums are exact, and the tie-break lottery is seeded from the ruleset id, the
edition id and the submission id.
"""

from __future__ import annotations

import datetime
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, overload

import attrs
import numpy as np
import numpy.typing as npt
import pluggy

from . import model as m
from .conditions import CompiledCondition, ConditionError, Outcome, compile_condition
from .edition import MISSING, Edition, Judge, ScoreTable, Submission
from .errors import EvaluationError, PluginError, Problem
from .evaluation.ranking import Entry, Pick, lottery_key, order_entries, select
from .evaluation.scoring import (
    aggregate,
    decimal_places,
    divide_rounded,
    divide_rounded_int,
    normalisation,
    normalise,
    quantizer,
    scaled,
)
from .frozen import EMPTY, FrozenMap, freeze
from .model import Label, LazyLabel, Ruleset
from .plugins import (
    PluginAdjustment,
    PluginFinding,
    PluginGrant,
    StageScore,
    _impls,
    call_each,
    call_first,
    get_plugin_manager,
    missing_plugin_problem,
    plugin_name,
)
from .result import (
    AdjustmentApplied,
    AwardGrant,
    JudgeScore,
    Reason,
    Result,
    StageOutcome,
    SubmissionResult,
)

__all__ = ["REPORTED_FIELDS", "evaluate"]

_SCORED = ("assessment", "presentation")
#: Submission fields copied into each result, for composition reports.
REPORTED_FIELDS = (
    "participant.kind",
    "participant.agency",
    "participant.province",
    "participant.regency",
    "category",
    "group",
    "wave",
)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")


def _fmt(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Label):
        return value.id
    if isinstance(value, (tuple, list)):
        return ", ".join(_fmt(v) for v in value)
    return str(value)


class _Record:
    """A submission with the engine's derived fields (``wave``, ``wave.closes`` ...)."""

    __slots__ = ("derived", "sub", "values")

    def __init__(self, sub: Submission, derived: dict[str, Any]) -> None:
        self.sub = sub
        self.derived = derived
        # the submission's own values with the derived ones over them, in one dict
        self.values: Mapping[str, Any] = (
            {**sub._values, **derived} if derived else sub._values
        )

    def get(self, path: str) -> Any:
        return self.values.get(path, MISSING)

    @property
    def id(self) -> str:
        return self.sub.id


def _fill(label: Label, rec: _Record, params: Mapping[str, Any], lang_en: bool = False) -> str:
    text = (label.en or label.id) if lang_en else label.id

    def sub(mt: re.Match[str]) -> str:
        v = rec.get(mt.group(1))
        if v is MISSING:
            v = params.get(mt.group(1), MISSING)
        if v is MISSING:  # never show a raw placeholder to a participant
            return "(no data)" if lang_en else "(tidak ada data)"
        if isinstance(v, Label):
            return v.en or v.id if lang_en else v.id
        return _fmt(v)

    return _PLACEHOLDER.sub(sub, text)


def _has_placeholders(label: Label) -> bool:
    return "{" in label.id or "{" in (label.en or "")


def _filled(label: Label, rec: _Record, params: Mapping[str, Any]) -> Label:
    """A message with ``{field}`` and ``{parameter}`` placeholders filled in."""
    if not _has_placeholders(label):
        return label
    return Label(_fill(label, rec, params), _fill(label, rec, params, True) if label.en else None)


def _missing_label(missing: Sequence[str]) -> Label:
    fields = ", ".join(missing)
    return Label(f"data tidak ada: {fields}", f"data missing: {fields}")


_NOTHING: Mapping[str, Any] = EMPTY


class _Stage:
    """Working state of one submission at one stage, frozen into a StageOutcome (a plain
    class with slots: twenty thousand are made per 10,000 entries)."""

    __slots__ = (
        "adjustments", "base_score", "combined", "criteria", "judges", "rank", "reasons", "score",
        "stage", "status",
    )

    def __init__(self, stage: str, status: str = "advanced") -> None:
        self.stage = stage
        self.status = status
        self.score: Decimal | None = None
        self.base_score: Decimal | None = None
        self.rank: int | None = None
        # (empty until set: one shared read-only mapping, not a dict per entry and stage)
        self.criteria: Mapping[str, Decimal] = _NOTHING
        self.judges: list[JudgeScore] | _JudgeScores = []
        self.combined: Mapping[str, Decimal] = _NOTHING
        self.adjustments: list[AdjustmentApplied] = []
        self.reasons: list[Reason] = []

    def freeze(self) -> StageOutcome:
        return StageOutcome(
            self.stage,
            self.status,
            self.score,
            self.base_score,
            self.rank,
            self.criteria,
            self.judges if isinstance(self.judges, _JudgeScores) else tuple(self.judges),
            self.combined,
            tuple(self.adjustments),
            tuple(self.reasons),
        )


def _leaf_weights(rubric: m.Rubric, params: Mapping[str, Any]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}

    def walk(cs: Iterable[m.Criterion]) -> None:
        for c in cs:
            if c.subcriteria:
                walk(c.subcriteria)
            else:
                out[c.id] = _num(c.weight, params)

    walk(rubric.criteria)
    return out


def _num(value: Any, params: Mapping[str, Any]) -> Decimal:
    if isinstance(value, m.Param):
        value = params[value.name]
    return Decimal(value)


def _int(value: Any, params: Mapping[str, Any]) -> int:
    if isinstance(value, m.Param):
        value = params[value.name]
    return int(value)


def _rank(names: Sequence[str]) -> npt.NDArray[np.int64]:
    """The position of each name in sorted order (codes to sort keys)."""
    out = np.empty(len(names), dtype=np.int64)
    out[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names), dtype=np.int64)
    return out


def _sort_key(
    t: ScoreTable, sub: npt.NDArray[np.int32], judge: npt.NDArray[np.int32], crit: npt.NDArray[np.int32]
) -> npt.NDArray[np.int64] | None:
    """One int64 per row ordering rows by submission, judge and criterion id (``None``
    when the three would not fit in one: then sort by the three)."""
    n_judges, n_crits = len(t.judges), len(t.criteria)
    if len(t.submissions) * n_judges * n_crits >= _INT64_SAFE:
        return None
    key = _rank(t.submissions)[sub]
    key *= n_judges
    key += _rank(t.judges)[judge]
    key *= n_crits
    key += _rank(t.criteria)[crit]
    return key


class _Criteria(Mapping[str, Decimal]):
    """One judge's scores per criterion: a read-only view of rows ``a:b`` of a stage's
    sorted rows (a mapping, in criterion id order, without a dict per judge)."""

    __slots__ = ("_a", "_b", "_rows")

    def __init__(self, rows: _StageRows, a: int, b: int) -> None:
        self._rows, self._a, self._b = rows, a, b

    def __getitem__(self, key: str) -> Decimal:
        rows = self._rows
        names, codes = rows.criteria, rows.crit
        for i in range(self._a, self._b):
            if names[codes[i]] == key:
                return rows.values[rows.value[i]]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        names = self._rows.criteria
        return iter([names[c] for c in self._rows.crit[self._a : self._b]])

    def __len__(self) -> int:
        return self._b - self._a

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self.items()))

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (dict(self),))


class _Row(Mapping[str, Decimal]):
    """One submission's score per criterion: row ``k`` of a (submissions x criteria)
    array of Decimals, as a read-only mapping in the rubric's order."""

    __slots__ = ("_k", "_matrix", "_position")

    def __init__(self, position: dict[str, int], matrix: Any, k: int) -> None:
        self._position, self._matrix, self._k = position, matrix, k

    def __getitem__(self, key: str) -> Decimal:
        value: Decimal = self._matrix[self._k, self._position[key]]
        return value

    def get(self, key: str, default: Any = None) -> Any:
        """The score of criterion ``key``, or ``default``."""
        i = self._position.get(key)
        return default if i is None else self._matrix[self._k, i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self.items()))

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (dict(self),))


class _JudgeScores(Sequence[JudgeScore]):
    """``StageOutcome.judges`` of an entry every judge scored completely, without a
    conflict: the :class:`JudgeScore` objects are made from the stage's rows when first
    looked at (most entries' are never looked at, and there are five per entry). Equal
    to the tuple of the same scores."""

    __slots__ = ("_g0", "_g1", "_items", "_places", "_rows")

    def __init__(self, rows: _StageRows, g0: int, g1: int, places: int) -> None:
        self._rows, self._g0, self._g1, self._places = rows, g0, g1, places
        self._items: tuple[JudgeScore, ...] | None = None

    def _all(self) -> tuple[JudgeScore, ...]:
        if self._items is None:
            rows, places = self._rows, self._places
            out = []
            for g in range(self._g0, self._g1):
                t = Decimal(rows.total[g]).scaleb(-places)
                a, b = rows.start[g], rows.start[g + 1]
                out.append(JudgeScore(rows.judge[g], t, _Criteria(rows, a, b), t))
            self._items = tuple(out)
        return self._items

    @overload
    def __getitem__(self, index: int) -> JudgeScore: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[JudgeScore, ...]: ...

    def __getitem__(self, index: int | slice) -> JudgeScore | tuple[JudgeScore, ...]:
        return self._all()[index]

    def __len__(self) -> int:
        return self._g1 - self._g0

    def __iter__(self) -> Iterator[JudgeScore]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return self._all() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self._all(),))


#: Integers up to this size are computed on int64 arrays; larger ones as Python integers.
_INT64_SAFE = 2**62


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


@attrs.define(eq=False)
class _StageRows:
    """One scored stage's score rows, sorted by submission, judge and criterion id and
    cut into groups (one judge's scores of one submission), with each group's weighted
    total computed on integers (scores and weights scaled by powers of ten: exact)."""

    #: submission id -> its groups, ``range(*span[sid])``
    span: dict[str, tuple[int, int]]
    #: group -> the judge's id
    judge: list[str]
    #: group -> its first row; one more entry at the end (compact: millions of rows)
    start: array[int]
    #: group -> whether the judge scored every criterion of the rubric
    complete: list[bool]
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

    @classmethod
    def build(
        cls, t: ScoreTable, stage_id: str, weights: Mapping[str, Decimal], total_weight: Decimal,
        rounding: m.Rounding,
    ) -> _StageRows:
        code = t.stages.index(stage_id) if stage_id in t.stages else -1
        idx = np.flatnonzero(t.stage == code)
        sub, judge, crit = t.sub[idx], t.judge[idx], t.criterion[idx]
        key = _sort_key(t, sub, judge, crit)  # one key sorts faster than three
        if key is not None:
            order = np.argsort(key, kind="stable")
            del key
        else:
            order = np.lexsort((_rank(t.criteria)[crit], _rank(t.judges)[judge], _rank(t.submissions)[sub]))
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
        value_codes = t.value[idx]
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
        # the largest integer met: a weighted sum, or a sum over judges for the breakdown
        biggest = max(map(abs, vscaled)) * max(max(map(abs, wscaled)) * len(weights), 10_000) * 10**places
        dtype: Any = np.int64 if 4 * biggest < _INT64_SAFE and den < _INT64_SAFE else object
        by_code = np.array(vscaled, dtype=dtype)
        if n:
            sums = np.add.reduceat(by_code[value_codes] * np.array(wscaled, dtype=dtype)[crit], starts)
            totals = divide_rounded(sums * 10**places, den, mode)
        else:
            totals = np.zeros(0, dtype=np.int64)
        complete = (sizes == len(weights)).tolist()
        group_subs = sub[starts]
        span: dict[str, tuple[int, int]] = {}
        if n:
            sub_starts = np.flatnonzero(np.append(True, group_subs[1:] != group_subs[:-1]))
            sub_bounds = np.append(sub_starts, group_subs.size).tolist()
            names = [t.submissions[c] for c in group_subs[sub_starts].tolist()]
            span = {name: (sub_bounds[k], sub_bounds[k + 1]) for k, name in enumerate(names)}
        return cls(
            span=span,
            judge=np.array(t.judges, dtype=object)[judge[starts]].tolist() if n else [],
            start=array("q", bounds.astype(np.int64).tobytes()),
            complete=complete,
            total=[int(x) for x in totals.tolist()] if dtype is object
            else array("q", totals.astype(np.int64).tobytes()),
            crit=array("i", crit.astype(np.int32).tobytes()),
            value=array("i", value_codes.astype(np.int32).tobytes()),
            criteria=t.criteria,
            values=t.values,
            vscaled=by_code,
            vplaces=vplaces,
        )


def _aggregate_text(
    how: Label, n: int, base: Decimal, places: int, *judges: Any
) -> tuple[str, str]:
    """The text of an aggregate: ``judges`` is (rows, g0, g1) of a stage or a tuple of
    (judge, total times ``10 ** places``) pairs."""
    if len(judges) == 3:
        rows, g0, g1 = judges
        pairs: Iterable[tuple[str, int]] = zip(rows.judge[g0:g1], rows.total[g0:g1], strict=True)
    else:
        pairs = judges[0]
    shown = ", ".join([f"{k}: {Decimal(v).scaleb(-places)}" for k, v in pairs])  # judge id order
    return f"{how.id} dari {n} juri ({shown}) = {base}", f"{how.en} of {n} judges ({shown}) = {base}"


def _cap_text(
    per: str, shown: str, members: int, limit: int, number: int, keep: str, no_date: bool
) -> tuple[str, str]:
    """The text of one entry's place under a cap."""
    idn = f"{per} = {shown}: {members} pengajuan, paling banyak {limit}; urutan {number} menurut {keep}"
    en = f"{per} = {shown}: {members} entries, at most {limit}; number {number} by {keep}"
    if no_date:
        return (f"{idn} (tanggal pendaftaran tidak ada, diurutkan terakhir)",
                f"{en} (no registration date, ordered last)")
    return idn, en


def _aggregate_scaled(method: str, values: list[int], trim: int, mode: str) -> tuple[int, bool]:
    """:func:`~inovasi_rules.scoring.aggregate` on totals kept as integers times
    ``10 ** places``, rounded as the ruleset says: (aggregate, whether trimmed)."""
    n = len(values)
    if method == "median":
        v = sorted(values)
        mid = n // 2
        return (v[mid] if n % 2 else divide_rounded_int(v[mid - 1] + v[mid], 2, mode)), True
    if method == "trimmed_mean" and trim > 0 and 2 * trim < n:
        kept = sorted(values)[trim : n - trim]
        return divide_rounded_int(sum(kept), len(kept), mode), True
    return divide_rounded_int(sum(values), n, mode), method != "trimmed_mean"


def _aggregate_spans(
    method: str, spans: Sequence[tuple[str, int, int]], total: Sequence[int], trim: int, mode: str
) -> dict[str, tuple[int, int, bool, int]]:
    """:func:`_aggregate_scaled` of many entries at once, on arrays: for each ``(id, g0,
    g1)`` (its judges' totals are ``total[g0:g1]``, every one counted) the number of
    judges, the aggregate, whether trimmed, and the spread (highest minus lowest)."""
    values = (
        np.frombuffer(total, dtype=np.int64) if isinstance(total, array)
        else np.array(total, dtype=object)
    )
    if values.dtype != object and spans and not _fits(
        _largest(values) * max(g1 - g0 for _, g0, g1 in spans)
    ):
        values = values.astype(object)
    by_n: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for sid, g0, g1 in spans:
        if g1 > g0:
            by_n[g1 - g0].append((sid, g0))
    out: dict[str, tuple[int, int, bool, int]] = {}
    for n, items in by_n.items():
        firsts = np.array([g0 for _, g0 in items], dtype=np.int64)
        matrix = values[firsts[:, None] + np.arange(n, dtype=np.int64)]
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
        for (sid, _), b, spread in zip(items, base.tolist(), spreads, strict=True):
            out[sid] = (n, int(b), trimmed, int(spread))
    return out


class _Engine:
    def __init__(self, ruleset: Ruleset, edition: Edition, pm: pluggy.PluginManager) -> None:
        self.r = ruleset
        self.e = edition
        self.pm = pm
        self.params = dict(ruleset.parameters)
        self.q = quantizer(ruleset.rounding)
        self.seed = f"{ruleset.id}\x00{edition.id}"
        self.findings: list[Problem] = list(edition.findings)
        self.work: dict[str, list[_Stage]] = {}
        # stage id -> the submissions with a record at that stage (entered it, or withdrew
        # before the first stage), for report_unused_scores
        self.entrants: dict[str, list[str]] = defaultdict(list)
        self.stage_scores: dict[str, dict[str, Decimal]] = {}
        self.stage_criteria: dict[str, dict[str, Mapping[str, Decimal]]] = {}
        self.order: dict[str, list[Entry]] = {}
        self.scores_file = edition.files.get("scores") if edition.files else None
        # (stage, missing field) -> judges or submissions whose conflicts could not be checked
        self.unchecked: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._decimals: dict[int, Decimal] = {}
        self._hooked: dict[str, bool] = {}
        self.lottery: dict[str, str] = {}

    # ------------------------------------------------------------------ setup

    def compile(self, cond: m.Condition | None, where: str) -> CompiledCondition | None:
        if cond is None:
            return None
        try:
            return compile_condition(cond, self.params, self.functions)
        except ConditionError as exc:
            raise EvaluationError(
                [Problem(f"{where}: {exc}", self.r.origin, rule="condition")]
            ) from None

    def setup(self) -> None:
        self.functions: dict[str, Callable[..., Any]] = {}
        self.function_owner: dict[str, str] = {}
        for name, fns in call_each(
            self.pm,
            "inovasi_rules_condition_functions",
            check=lambda v: isinstance(v, Mapping)
            and all(isinstance(k, str) and callable(f) for k, f in v.items()),
            expected="a dict of name -> function",
        ):
            for fname, fn in fns.items():
                if fname in self.function_owner:
                    raise PluginError(
                        f"fungsi kondisi {fname!r} disumbang dua plugin / the condition function "
                        f"{fname!r} is contributed by two plugins: {self.function_owner[fname]!r} "
                        f"and {name!r}",
                        plugin=name,
                        hook="inovasi_rules_condition_functions",
                    )
                self.functions[fname] = _guarded(fn, name, fname)
                self.function_owner[fname] = name
        self.when = {e.id: self.compile(e.when, f"eligibility {e.id}") for e in self.r.eligibility}
        self.where = {e.id: self.compile(e.where, f"eligibility {e.id}") for e in self.r.eligibility}
        self.cap_where = {
            e.id: self.compile(e.cap.where, f"eligibility {e.id}")
            for e in self.r.eligibility
            if e.cap is not None
        }
        self.adj_when = {
            (s.id, a.id): self.compile(a.when, f"stage {s.id} adjustment {a.id}")
            for s in self.r.stages
            for a in s.adjustments
        }
        self.award_where = {a.id: self.compile(a.where, f"award {a.id}") for a in self.r.awards}
        wave_of_region: dict[str, m.Wave] = {}
        waves = {w.id: w for w in self.r.waves}
        for w in self.r.waves:
            for region in w.regions:
                wave_of_region[region.casefold()] = w
        self.subs = sorted(self.e.submissions, key=lambda s: s.id)
        self.records: dict[str, _Record] = {}
        for s in self.subs:
            derived: dict[str, Any] = {}
            if waves:
                found: m.Wave | None = waves.get(s.wave) if s.wave else None
                if found is None:
                    key = s.get(self.r.wave_by)
                    if key is not MISSING:
                        found = wave_of_region.get(str(key).casefold())
                if found is not None:
                    w = found
                    derived["wave"] = w.id
                    derived["wave.name"] = w.name or Label(w.id)
                    if w.opens:
                        derived["wave.opens"] = w.opens
                    if w.closes:
                        derived["wave.closes"] = w.closes
            self.records[s.id] = _Record(s, derived)
        self.judges: dict[str, Judge] = {j.id: j for j in self.e.judges}
        self.group_scores()

    def group_scores(self) -> None:
        """Check every score row against the ruleset (a scored stage, a criterion of its
        rubric, a value on the scale, a known submission and judge) and sort each scored
        stage's rows into judges' totals (:class:`_StageRows`), on arrays."""
        leaves: dict[str, dict[str, Decimal]] = {}
        scales: dict[str, tuple[Decimal, Decimal]] = {}
        plugin_stages: set[str] = set()
        for s in self.r.stages:
            if s.kind in _SCORED:
                if s.scoring == "plugin":
                    plugin_stages.add(s.id)
                if s.rubric:
                    rb = self.r.rubric(s.rubric)
                    leaves[s.id] = _leaf_weights(rb, self.params)
                    scales[s.id] = (rb.scale.min, rb.scale.max)
        self.leaves = leaves
        self.plugin_rows: dict[tuple[str, str], list[Any]] = defaultdict(list)
        t = self.e.scores
        n = len(t)
        n_stages, n_crits, n_values = len(t.stages), len(t.criteria), len(t.values)
        in_leaves = np.array([name in leaves for name in t.stages] or [False], dtype=bool)
        is_plugin = np.array([name in plugin_stages for name in t.stages] or [False], dtype=bool)
        leafpos = np.full((max(n_stages, 1), max(n_crits, 1)), -1, dtype=np.int32)
        off_scale = np.zeros((max(n_stages, 1), max(n_values, 1)), dtype=bool)
        for code, name in enumerate(t.stages):
            if name in leaves:
                pos = {cid: i for i, cid in enumerate(leaves[name])}
                leafpos[code, :n_crits] = [pos.get(c, -1) for c in t.criteria]
                lo, hi = scales[name]
                off_scale[code, :n_values] = [v < lo or v > hi for v in t.values]
        known_subs = self.records
        # Judges are checked when the edition lists them (from_records and read_edition
        # imply them from the scores otherwise, and check them themselves).
        known_judges = self.judges or None
        sub_ok = np.array([s in known_subs for s in t.submissions] or [True], dtype=bool)
        judge_ok = np.array(
            [known_judges is None or j in known_judges for j in t.judges] or [True], dtype=bool
        )
        st = t.stage
        if plugin_stages and n:
            for i in np.flatnonzero(is_plugin[st]).tolist():
                sc = t[i]
                self.plugin_rows[(sc.stage, sc.submission)].append(sc)
        problems: list[Problem] = []
        if n:
            # Each row is checked in this order and reports its first problem only.
            checked = in_leaves[st] | ~is_plugin[st]
            bad_stage = checked & ~in_leaves[st]
            ok = checked & ~bad_stage
            bad_crit = ok & (leafpos[st, t.criterion] < 0)
            ok &= ~bad_crit
            bad_scale = ok & off_scale[st, t.value]
            ok &= ~bad_scale
            bad_sub = ok & ~sub_ok[t.sub]
            ok &= ~bad_sub
            bad_judge = ok & ~judge_ok[t.judge]
            ok &= ~bad_judge
            f = self.scores_file
            stage_names = ", ".join(leaves) or "none"
            for i in np.flatnonzero(checked & ~ok)[:200].tolist():
                sc = t[i]
                if bad_stage[i]:
                    col, msg, hint = (
                        "stage", f"unknown stage {sc.stage!r} / tahap {sc.stage!r} tidak ada di ruleset",
                        f"scored stages of this ruleset: {stage_names}")
                elif bad_crit[i]:
                    col, msg, hint = (
                        "criterion",
                        f"unknown criterion {sc.criterion!r} for stage {sc.stage!r} / kriteria tidak dikenal",
                        f"criteria of this stage: {', '.join(leaves[sc.stage])}")
                elif bad_scale[i]:
                    lo, hi = scales[sc.stage]
                    col, msg, hint = (
                        "score", f"score {sc.value} is off the scale {lo}–{hi} / nilai di luar skala",
                        "correct the score, or the rubric's scale")
                elif bad_sub[i]:
                    col, msg, hint = (
                        "submission_id",
                        f"unknown submission {sc.submission!r} / usulan {sc.submission!r} tidak dikenal",
                        "every submission_id must be an id in submissions")
                else:
                    col, msg, hint = (
                        "judge_id", f"unknown judge {sc.judge!r} / juri {sc.judge!r} tidak dikenal",
                        "every judge_id must be an id in judges")
                problems.append(Problem(msg, f, row=sc.row, path=col, hint=hint, rule="scores"))
        # A verdict for a stage the ruleset does not verify is unused: a warning (a what-if
        # ruleset may have dropped the stage), never silently ignored.
        verifying = {s.id for s in self.r.stages if s.kind == "verification"}
        for vd in self.e.verdicts:
            if vd.stage not in verifying:
                o = vd.origin
                self.findings.append(Problem(
                    f"verdict for {vd.submission} at {vd.stage!r}, which is not a verification stage of "
                    f"this ruleset; not used / putusan untuk tahap {vd.stage!r} tidak dipakai",
                    o.file if o is not None else self.e.files.get("verdicts") if self.e.files else None,
                    row=o.row if o is not None else None, path="stage",
                    hint=f"verification stages of this ruleset: {', '.join(sorted(verifying)) or 'none'}",
                    rule="verdict-unknown-stage", level="warning"))
        if problems:
            raise EvaluationError(problems)
        self.stage_rows: dict[str, _StageRows] = {}
        rounding = self.r.rounding
        for stage_id, weights in leaves.items():
            rubric = self.r.rubric(next(s.rubric for s in self.r.stages if s.id == stage_id) or "")
            self.stage_rows[stage_id] = _StageRows.build(
                t, stage_id, weights, _num(rubric.total_weight, self.params), rounding
            )

    # ------------------------------------------------------------------ run

    def run(self) -> Result:
        self.setup()
        alive: list[str] = []
        first = self.r.stages[0].id if self.r.stages else None
        for s in self.subs:
            self.work[s.id] = []
            if s.withdrawn and first is not None:
                st = _Stage(first, "withdrawn")
                self.entrants[first].append(s.id)
                st.reasons.append(Reason("withdrawn", "finding", None,
                                         Label("mengundurkan diri", "withdrawn by the participant")))
                self.work[s.id].append(st)
            else:
                alive.append(s.id)
        if not self.subs:
            self.findings.append(Problem("the edition has no submissions / edisi tidak memiliki pengajuan",
                                         self.e.files.get("submissions") if self.e.files else None,
                                         rule="empty-edition", level="warning"))
        for stage in self.r.stages:
            if stage.kind == "screening":
                alive = self.screen(stage, alive)
            elif stage.kind in _SCORED:
                alive = self.score_stage(stage, alive)
            else:
                alive = self.verify(stage, alive)
        self.report_unused_scores()
        for rows in self.stage_rows.values():
            rows.span = {}  # the result keeps the rows (its judge scores view them), not this
        self.report_unchecked_conflicts()
        self.attribute_functions()
        grants = self.awards()
        result = self.build(grants)
        extra = call_each(
            self.pm, "inovasi_rules_awards",
            check=lambda v: isinstance(v, (list, tuple)) and all(isinstance(g, PluginGrant) for g in v),
            expected="a list of PluginGrant",
            ruleset=self.r, edition=self.e, result=result,
        )
        if extra:
            result = self.apply_plugin_grants(result, extra)
        call_each(self.pm, "inovasi_rules_result", ruleset=self.r, edition=self.e, result=result)
        return result

    def attribute_functions(self) -> None:
        """Name the plugin whose condition function a rule called on that rule's reasons."""
        if not self.function_owner:
            return
        owners: dict[tuple[str | None, str], str] = {}

        def owned(*conds: m.Condition | None) -> str:
            names = set().union(*(_calls(c) for c in conds))
            return ", ".join(sorted({self.function_owner[n] for n in names if n in self.function_owner}))

        for e in self.r.eligibility:
            by = owned(e.when, e.where, e.cap.where if e.cap is not None else None)
            if by:
                owners[(None, e.id)] = by
        for s in self.r.stages:
            for a in s.adjustments:
                by = owned(a.when)
                if by:
                    owners[(s.id, a.id)] = by
        if not owners:
            return
        for states in self.work.values():
            for st in states:
                for i, r in enumerate(st.reasons):
                    if r.plugin is None and r.kind in ("eligibility", "adjustment"):
                        owner = owners.get((st.stage if r.kind == "adjustment" else None, r.rule))
                        if owner:
                            st.reasons[i] = attrs.evolve(r, plugin=owner)

    def hooked(self, hook: str) -> bool:
        """Whether any plugin implements ``hook`` (asked once per hook, not per entry)."""
        found = self._hooked.get(hook)
        if found is None:
            found = self._hooked[hook] = bool(_impls(self.pm, hook))
        return found

    def start(self, sid: str, stage: m.Stage) -> _Stage:
        st = _Stage(stage.id)
        self.work[sid].append(st)
        return st

    # ------------------------------------------------------------------ screening

    def screen(self, stage: m.Stage, alive: list[str]) -> list[str]:
        rules = [e for e in self.r.eligibility if stage.rules is None or e.id in stage.rules]
        per_sub = [e for e in rules if e.when is not None]
        caps = [e for e in rules if e.cap is not None]
        passing: list[str] = []
        states: dict[str, _Stage] = {}
        eligibility_hooked = self.hooked("inovasi_rules_eligibility")
        # (rule, its condition, its scope, its message when that has no placeholders)
        checks = [
            (rule, self.when[rule.id], self.where.get(rule.id),
             rule.message if not _has_placeholders(rule.message) else None)
            for rule in per_sub
        ]
        records, work, stage_id = self.records, self.work, stage.id
        # id(outcome) -> (outcome, its Reason); holding the outcome keeps its id unique
        passed_reasons: dict[int, tuple[Outcome, Reason]] = {}
        for sid in alive:
            rec = records[sid]
            st = _Stage(stage_id)
            work[sid].append(st)
            states[sid] = st
            reasons = st.reasons
            ok = True
            for rule, when, where, message in checks:
                if where is not None and not self.applies(rule, rec, st):
                    if reasons and reasons[-1].passed is None:
                        ok = False
                    continue
                assert when is not None
                o = when(rec)
                if o.value is True and message is not None:  # the common case, made short
                    # entries that share an outcome (the conditions remember them) share
                    # one Reason too: both are immutable
                    shared = passed_reasons.get(id(o))
                    if shared is None or shared[0] is not o:
                        shared = (o, Reason(rule.id, "eligibility", True, message, o.text))
                        if len(passed_reasons) < 10_000:
                            passed_reasons[id(o)] = shared
                    reasons.append(shared[1])
                else:
                    ok = self.record_check(rule, o, rec, st) and ok
            for name, findings in () if not eligibility_hooked else call_each(
                self.pm, "inovasi_rules_eligibility",
                check=lambda v: isinstance(v, (list, tuple)) and all(isinstance(x, PluginFinding) for x in v),
                expected="a list of PluginFinding",
                ruleset=self.r, stage=stage, submission=rec, edition=self.e,
            ):
                for fd in findings:
                    st.reasons.append(Reason(fd.rule, "eligibility", fd.passed, fd.message, fd.detail, plugin=name))
                    ok = ok and fd.passed
            if ok:
                passing.append(sid)
            else:
                st.status = "ineligible"
        for rule in caps:
            passing = self.apply_cap(rule, passing, states)
        return passing

    def applies(self, rule: m.Eligibility, rec: _Record, st: _Stage) -> bool:
        where = self.where.get(rule.id)
        if where is None:
            return True
        o = where(rec)
        if o.value is None:
            st.reasons.append(Reason(rule.id, "eligibility", None,
                                     Label(f"{rule.message.id} ({_missing_label(o.missing).id})",
                                           f"{rule.message.en or rule.message.id} ({_missing_label(o.missing).en})"),
                                     o.text, missing=o.missing))
            return False
        return bool(o.value)

    def record_check(self, rule: m.Eligibility, o: Outcome, rec: _Record, st: _Stage) -> bool:
        if o.value is True:
            st.reasons.append(Reason(rule.id, "eligibility", True, _filled(rule.message, rec, self.params), o.text))
            return True
        if o.value is None:
            miss = _missing_label(o.missing)
            msg = _filled(rule.message, rec, self.params)
            st.reasons.append(Reason(rule.id, "eligibility", None,
                                     Label(f"{msg.id} ({miss.id})", f"{msg.en or msg.id} ({miss.en})"),
                                     o.text, missing=o.missing))
            return False
        st.reasons.append(Reason(rule.id, "eligibility", False, _filled(rule.message, rec, self.params), o.text))
        return False

    def apply_cap(self, rule: m.Eligibility, passing: list[str], states: dict[str, _Stage]) -> list[str]:
        cap = rule.cap
        assert cap is not None
        limit = _int(cap.max, self.params)
        where = self.cap_where.get(rule.id)
        index = (
            {s.id: i for i, s in enumerate(self.e.submissions)} if cap.keep == "listed_order" else {}
        )
        # casefolded key -> (the first member's values, the members)
        groups: dict[tuple[str, ...], tuple[tuple[Any, ...], list[str]]] = {}
        failed: set[str] = set()
        records, per_paths = self.records, cap.per
        for sid in passing:
            rec = records[sid]
            if where is not None:
                o = where(rec)
                if o.value is False:
                    continue
                if o.value is None:
                    self.record_check(rule, o, rec, states[sid])
                    failed.add(sid)
                    continue
            key = tuple([rec.get(p) for p in per_paths])
            if MISSING in key:
                missing = tuple(p for p, v in zip(per_paths, key, strict=True) if v is MISSING)
                self.record_check(rule, Outcome(None, _missing_label(missing), missing), rec, states[sid])
                failed.add(sid)
                continue
            folded = tuple([str(k).casefold() for k in key])
            group = groups.get(folded)
            if group is None:
                groups[folded] = (key, [sid])
            else:
                group[1].append(sid)

        def order_key(sid: str) -> tuple[Any, ...]:
            sub = self.records[sid].sub
            reg = sub.registered
            if cap.keep == "listed_order":
                return (index[sid], sid)
            # Same date: the id decides, never the input order (same result in any order).
            if cap.keep == "latest_registered":
                return (reg is None, -(reg.toordinal() if reg else 0), sid)
            return (reg is None, reg.toordinal() if reg else 0, sid)

        per = ", ".join(cap.per)
        message = rule.message if not _has_placeholders(rule.message) else None
        dated = cap.keep != "listed_order"
        for first, members in groups.values():
            if len(members) > 1:
                members.sort(key=order_key)
                first = tuple([records[members[0]].get(p) for p in per_paths])
            shown = ", ".join([str(v) for v in first])
            for i, sid in enumerate(members):
                rec = records[sid]
                # (no date: ordered last for want of one, and the text says so)
                detail = LazyLabel(_cap_text, per, shown, len(members), limit, i + 1, cap.keep,
                                   dated and rec.sub.registered is None)
                msg = message or _filled(rule.message, rec, self.params)
                kept = i < limit
                states[sid].reasons.append(Reason(rule.id, "eligibility", kept, msg, detail))
                if not kept:
                    failed.add(sid)
        for sid in failed:
            states[sid].status = "ineligible"
        return [sid for sid in passing if sid not in failed]

    # ------------------------------------------------------------------ scoring

    def score_stage(self, stage: m.Stage, alive: list[str]) -> list[str]:
        states = {sid: self.start(sid, stage) for sid in alive}
        self.entrants[stage.id].extend(alive)
        scores: dict[str, Decimal] = {}
        crit_scores: dict[str, Mapping[str, Decimal]] = {}
        if stage.scoring == "plugin":
            for sid in alive:
                rec = self.records[sid]
                got = call_first(
                    self.pm, "inovasi_rules_stage_score",
                    check=lambda v: isinstance(v, StageScore)
                    or (isinstance(v, (Decimal, int)) and not isinstance(v, bool) and Decimal(v).is_finite()),
                    expected="a StageScore or a finite Decimal",
                    ruleset=self.r, stage=stage, submission=rec,
                    scores=self.plugin_rows.get((stage.id, sid), []), edition=self.e,
                )
                if got is None:
                    raise PluginError(
                        f"stage {stage.id!r} asks a plugin for its scores (scoring: plugin), "
                        "but no installed plugin implements inovasi_rules_stage_score for it",
                        hook="inovasi_rules_stage_score",
                    )
                name, value = got
                ss = value if isinstance(value, StageScore) else StageScore(Decimal(value))
                scores[sid] = self.q(ss.score)
                crit_scores[sid] = FrozenMap(ss.criteria)
                states[sid].reasons.append(Reason("stage-score", "score", None,
                                                  Label(f"nilai dihitung oleh plugin {name}",
                                                        f"score computed by plugin {name}"),
                                                  ss.detail, plugin=name))
        else:
            scores, crit_scores = self.rubric_scores(stage, alive, states)
        self.stage_criteria[stage.id] = crit_scores
        final: dict[str, Decimal] = {}
        for sid, base in scores.items():
            st = states[sid]
            st.base_score = base
            st.criteria = crit_scores.get(sid, _NOTHING)
            score = base
            if stage.combine:
                total_w = sum((c.weight for c in stage.combine), Decimal(0))
                acc = Decimal(0)
                complete = True
                combined: dict[str, Decimal] = {}
                st.combined = combined
                for c in stage.combine:
                    v = base if c.stage == stage.id else self.stage_scores.get(c.stage, {}).get(sid)
                    if v is None:
                        complete = False
                        break
                    combined[c.stage] = v
                    acc += c.weight * v
                if complete:
                    score = self.q(acc / total_w)
                    parts = " + ".join(f"{c.weight} × {st.combined[c.stage]} ({c.stage})" for c in stage.combine)
                    st.reasons.append(Reason("combine", "score", None,
                                             Label(f"nilai gabungan: {parts} = {score}",
                                                   f"combined score: {parts} = {score}")))
            score = self.adjust(stage, sid, score, st)
            st.score = score
            final[sid] = score
        self.stage_scores[stage.id] = final
        return self.rank_and_select(stage, alive, states, final)

    def rubric_scores(
        self, stage: m.Stage, alive: list[str], states: dict[str, _Stage]
    ) -> tuple[dict[str, Decimal], dict[str, Mapping[str, Decimal]]]:
        j = stage.judges
        rubric = self.r.rubric(stage.rubric or "")
        leaf_ids = list(self.leaves[stage.id])
        leaf_set = set(leaf_ids)
        q = self.q
        dec = self.decimal
        decimals = self._decimals
        mode = self.r.rounding.mode
        rows = self.stage_rows[stage.id]
        span, judge_of, start, complete, total = rows.span, rows.judge, rows.start, rows.complete, rows.total
        check_conflicts = bool(j.conflicts)
        totals: dict[str, dict[str, int]] = {}
        counted: dict[str, Sequence[int]] = {}
        simple = j.aggregate != "normalised_mean" and not check_conflicts
        span_of: dict[str, tuple[_StageRows, int, int]] = {}
        places = self.r.rounding.places
        per_judge: dict[str, list[Decimal]] = defaultdict(list)
        # Without normalisation a judge's total is the value used: set it at once
        # rather than copying every JudgeScore later.
        raw_used = j.aggregate != "normalised_mean"
        for sid in alive:
            st = states[sid]
            rec = self.records[sid]
            judged: dict[str, int] = {}
            groups: list[int] = []
            g0, g1 = span.get(sid, (0, 0))
            if simple and all(complete[g0:g1]):
                # the common case: every judge counts as scored, no JudgeScore made now,
                # the aggregates are taken on arrays below
                st.judges = _JudgeScores(rows, g0, g1, places)
                span_of[sid] = (rows, g0, g1)
                counted[sid] = range(g0, g1)
                continue
            made: list[JudgeScore] = []
            for g in range(g0, g1):
                judge_id = judge_of[g]
                a, b = start[g], start[g + 1]
                crits = _Criteria(rows, a, b)
                excluded = self.conflict(stage, judge_id, rec) if check_conflicts else None
                if excluded is None and not complete[g]:
                    lacking = ", ".join(sorted(leaf_set - set(crits)))
                    excluded = Label(f"nilai tidak lengkap: tidak ada {lacking}",
                                     f"incomplete scores: no {lacking}")
                    self.findings.append(Problem(
                        f"judge {judge_id} did not score every criterion of {sid} at {stage.id} "
                        f"(missing {lacking}); the judge's score is excluded / nilai juri tidak lengkap",
                        self.scores_file, path=f"{stage.id}/{sid}/{judge_id}", rule="incomplete-scores",
                        level="warning"))
                if excluded is not None:
                    made.append(JudgeScore(judge_id, None, crits, None, excluded))
                    continue
                ti = total[g]
                t = decimals.get(ti) or dec(ti)
                judged[judge_id] = ti
                groups.append(g)
                if not raw_used:
                    per_judge[judge_id].append(t)
                made.append(JudgeScore(judge_id, t, crits, t if raw_used else None))
            st.judges = made
            totals[sid] = judged
            counted[sid] = groups
        stats: dict[str, tuple[Decimal, Decimal] | None] = {}
        mu = sd = Decimal(0)
        if j.aggregate == "normalised_mean":
            stats, mu, sd = normalisation(per_judge, j.min_scored)
            for judge_id, s in sorted(stats.items()):
                if s is None:
                    self.findings.append(Problem(
                        f"judge {judge_id} scored {len(per_judge[judge_id])} entries at {stage.id}, "
                        f"fewer than {j.min_scored} (or all equal): raw totals used, not normalised "
                        "/ nilai juri tidak dinormalisasi",
                        self.scores_file, path=f"{stage.id}/{judge_id}", rule="not-normalised",
                        level="warning"))
        lo, hi = rubric.scale.min, rubric.scale.max
        out: dict[str, Decimal] = {}
        scored: list[str] = []
        # how the aggregate was taken, by whether trimming happened
        hows = {
            "mean": {True: Label("rata-rata", "mean")},
            "median": {True: Label("median", "median")},
            "trimmed_mean": {
                True: Label(f"rata-rata terpangkas ({j.trim} tertinggi dan terendah dibuang)",
                            f"trimmed mean (dropping {j.trim} highest and lowest)"),
                False: Label("rata-rata (terlalu sedikit juri untuk dipangkas)",
                             "mean (too few judges to trim)"),
            },
        }.get(j.aggregate, {})
        max_spread = j.max_spread
        spans = [(sid, g0, g1) for sid, (_, g0, g1) in span_of.items()]
        taken = _aggregate_spans(j.aggregate, spans, total, j.trim, mode) if span_of else {}
        for sid in alive:
            st = states[sid]
            pre = taken.get(sid)
            if pre is not None:
                mine = _NOTHING
                n, base_int, trimmed, spread_int = pre
            else:
                mine = totals.get(sid, _NOTHING)
                n = len(mine)
                spread_int = max(mine.values()) - min(mine.values()) if n else 0
            if n < j.min:
                msg = Label(f"hanya {n} juri menilai, minimal {j.min}",
                            f"only {n} judge(s) scored, at least {j.min} required")
                if n == 0 or j.too_few == "fail":
                    # not scored at all, so not "not_advanced" (scored, not selected)
                    st.status = "dropped"
                    st.reasons.append(Reason("judges.min", "score", False, msg))
                    if raw_used and n:  # no total of a dropped entry was used
                        st.judges = [attrs.evolve(js, used=None) for js in st.judges]
                    continue
                st.reasons.append(Reason("judges.min", "finding", None, msg))
            if j.aggregate == "normalised_mean":
                used = {}
                for jid, ti in mine.items():
                    used[jid] = q(normalise(dec(ti), stats.get(jid), mu, sd, lo, hi))
                st.judges = [
                    attrs.evolve(js, used=used.get(js.judge)) if js.total is not None else js
                    for js in st.judges
                ]
                value, _ = aggregate("mean", list(used.values()))
                base = q(value)
                how = Label("rata-rata nilai ternormalisasi", "mean of normalised totals")
            else:
                if pre is None:
                    base_int, trimmed = _aggregate_scaled(j.aggregate, list(mine.values()), j.trim, mode)
                base = decimals.get(base_int) or dec(base_int)
                how = hows[trimmed]
            st.reasons.append(Reason("aggregate", "score", None, LazyLabel(
                _aggregate_text, how, n, base, places, *span_of[sid])
                if sid in span_of else LazyLabel(_aggregate_text, how, n, base, places, tuple(mine.items()))))
            if max_spread is not None and n >= 2:
                spread = dec(spread_int)
                if spread > max_spread:
                    st.reasons.append(Reason("judges.max_spread", "finding", None,
                                             Label(f"selisih nilai juri {spread} melebihi {max_spread}",
                                                   f"judges disagree: spread {spread} exceeds {max_spread}")))
            out[sid] = base
            scored.append(sid)
        return out, self.criteria_breakdown(rubric, rows, leaf_ids, [(sid, counted[sid]) for sid in scored])

    def criteria_breakdown(
        self, rubric: m.Rubric, rows: _StageRows, leaf_ids: list[str],
        subs: Sequence[tuple[str, Sequence[int]]],
    ) -> dict[str, Mapping[str, Decimal]]:
        """Each submission's score per criterion: the mean of the counted judges' scores,
        rounded (a criterion with sub-criteria: the weighted mean of theirs)."""
        subs = [(sid, groups) for sid, groups in subs if groups]
        if not subs:
            return {}
        n_leaves = len(leaf_ids)
        # A counted judge scored every criterion, so each counted group is n_leaves rows
        # in criterion id order: a (groups x criteria) matrix summed per submission.
        groups = np.array([g for _, gs in subs for g in gs], dtype=np.int64)
        starts = np.frombuffer(rows.start, dtype=np.int64)[groups]
        matrix = rows.vscaled[
            np.frombuffer(rows.value, dtype=np.int32)[starts[:, None] + np.arange(n_leaves, dtype=np.int64)]
        ]
        counts = np.array([len(gs) for _, gs in subs], dtype=np.int64)
        firsts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        p = self.r.rounding.places
        most = int(counts.max())
        # the largest integers met: a sum over judges times 10 ** p, and its divisor
        if matrix.dtype != object and not (
            _fits(_largest(rows.vscaled) * most * 10**p) and _fits(most * 10**rows.vplaces)
        ):
            matrix = matrix.astype(object)
        sums = np.add.reduceat(matrix, firsts, axis=0)
        den = counts[:, None] * 10**rows.vplaces if sums.dtype != object else (
            counts.astype(object)[:, None] * 10**rows.vplaces)
        scaled_means = divide_rounded(sums * 10**p, den, self.r.rounding.mode)
        # each distinct mean made a Decimal once
        distinct, where = np.unique(scaled_means, return_inverse=True)
        lookup = np.empty(distinct.size, dtype=object)
        lookup[:] = [self.decimal(int(v)) for v in distinct.tolist()]
        means = lookup[where.reshape(scaled_means.shape)]
        column = {cid: i for i, cid in enumerate(sorted(leaf_ids))}
        out: dict[str, Mapping[str, Decimal]] = {}
        if not any(c.subcriteria for c in rubric.criteria):  # the common flat rubric
            ids = [c.id for c in rubric.criteria]
            in_order = means[:, [column[c] for c in ids]]
            position = {c: i for i, c in enumerate(ids)}
            for k, (sid, _) in enumerate(subs):
                out[sid] = _Row(position, in_order, k)
            return out
        for (sid, _), row in zip(subs, means.tolist(), strict=True):
            values: dict[str, Decimal] = {}

            def walk(cs: Iterable[m.Criterion], values: dict[str, Decimal] = values,
                     row: list[Decimal] = row) -> None:
                for c in cs:
                    if c.subcriteria:
                        walk(c.subcriteria)
                        w = _num(c.weight, self.params)
                        acc = sum((_num(s.weight, self.params) * values[s.id] for s in c.subcriteria),
                                  Decimal(0))
                        values[c.id] = self.q(acc / w) if w else Decimal(0)
                    else:
                        values[c.id] = row[column[c.id]]

            walk(rubric.criteria)
            out[sid] = values
        return out

    def decimal(self, scaled_value: int) -> Decimal:
        """A value kept as an integer times ``10 ** places`` as a Decimal with exactly
        ``places`` decimal places (what rounding gives)."""
        found = self._decimals.get(scaled_value)
        if found is None:
            found = Decimal(scaled_value).scaleb(-self.r.rounding.places)
            if len(self._decimals) < 100_000:
                self._decimals[scaled_value] = found
        return found

    def conflict(self, stage: m.Stage, judge_id: str, rec: _Record) -> Label | None:
        if not stage.judges.conflicts:
            return None
        judge = self.judges.get(judge_id)
        for c in stage.judges.conflicts:
            jv = judge.get(c.judge) if judge is not None else MISSING
            if jv is MISSING:
                self.unchecked[(stage.id, f"judge {c.judge}")].add(judge_id)
                continue
            sv = rec.get(c.submission)
            if sv is MISSING:
                self.unchecked[(stage.id, c.submission)].add(rec.id)
                continue
            if str(jv).casefold() == str(sv).casefold():
                return Label(
                    f"konflik kepentingan: juri {c.judge} = {jv} sama dengan {c.submission}",
                    f"conflict of interest: judge's {c.judge} {jv} equals the entry's {c.submission}",
                )
        return None

    def adjust(self, stage: m.Stage, sid: str, score: Decimal, st: _Stage) -> Decimal:
        rec = self.records[sid]
        total = Decimal(0)
        for a in stage.adjustments:
            cond = self.adj_when.get((stage.id, a.id))
            amount = _num(a.add, self.params)
            msg = _filled(a.message, rec, self.params) if a.message else Label(a.id)
            if cond is not None:
                o = cond(rec)
                if o.value is None:
                    st.reasons.append(Reason(a.id, "adjustment", None,
                                             Label(f"{msg.id}: tidak diberikan, {_missing_label(o.missing).id}",
                                                   f"{msg.en or msg.id}: not given, {_missing_label(o.missing).en}"),
                                             o.text, missing=o.missing))
                    continue
                if not o.value:
                    st.reasons.append(Reason(a.id, "adjustment", False, msg, o.text))
                    continue
                detail = o.text
            else:
                detail = None
            st.adjustments.append(AdjustmentApplied(a.id, amount, msg, detail))
            shown = Label(f"{msg.id} ({amount:+})", f"{msg.en or msg.id} ({amount:+})")
            st.reasons.append(Reason(a.id, "adjustment", True, shown, detail))
            total += amount
        for name, adjs in () if not self.hooked("inovasi_rules_adjustments") else call_each(
            self.pm, "inovasi_rules_adjustments",
            check=lambda v: isinstance(v, (list, tuple)) and all(isinstance(x, PluginAdjustment) for x in v),
            expected="a list of PluginAdjustment",
            ruleset=self.r, stage=stage, submission=rec, score=score,
        ):
            for pa in adjs:
                st.adjustments.append(AdjustmentApplied(pa.id, pa.amount, pa.message, pa.detail, plugin=name))
                shown = Label(f"{pa.message.id} ({pa.amount:+})", f"{pa.message.en or pa.message.id} ({pa.amount:+})")
                st.reasons.append(Reason(pa.id, "adjustment", True, shown, pa.detail, plugin=name))
                total += pa.amount
        if stage.adjustment_cap is not None:
            cap = _num(stage.adjustment_cap, self.params)
            if total > cap or total < -cap:
                capped = cap if total > 0 else -cap
                st.reasons.append(Reason("adjustment_cap", "adjustment", None,
                                         Label(f"total penyesuaian {total} dibatasi {capped}",
                                               f"adjustments of {total} capped at {capped}")))
                total = capped
        if total:
            return self.q(score + total)
        return score

    def ticket(self, sid: str) -> str:
        """The submission's lottery ticket (the same at every stage), made once."""
        found = self.lottery[sid] = lottery_key(self.seed, sid)
        return found

    def tie_getters(self, stage: m.Stage) -> list[Callable[[str], Any]]:
        """Per tie-break link, the function that gives an entry's value (``None`` when
        missing): a criterion's score at this stage, an earlier stage's score, a field."""
        out: list[Callable[[str], Any]] = []
        records = self.records
        for tb in stage.tie_break:
            get: Callable[[str], Any]
            if tb.by == "criterion":
                crit = self.stage_criteria.get(stage.id, {})

                def criterion(sid: str, crit: Mapping[str, Mapping[str, Decimal]] = crit,
                              ref: str = tb.ref) -> Any:
                    row = crit.get(sid)
                    return None if row is None else row.get(ref)

                get = criterion
            elif tb.by == "stage":
                get = self.stage_scores.get(tb.ref, {}).get
            else:
                def field(sid: str, ref: str = tb.ref) -> Any:
                    x = records[sid].get(ref)
                    return None if x is MISSING else x

                get = field
            out.append(get)
        return out

    def group_of(self, sid: str, path: str | None) -> Any:
        if path is None:
            return None
        v = self.records[sid].get(path)
        return "—" if v is MISSING else str(v)

    def rank_and_select(
        self, stage: m.Stage, alive: list[str], states: dict[str, _Stage], final: Mapping[str, Decimal]
    ) -> list[str]:
        adv = stage.advance
        group_path = None
        if adv is not None:
            group_path = adv.apportion.by if adv.apportion is not None else adv.per
        lottery, records = self.lottery, self.records
        ties = self.tie_getters(stage) if stage.tie_break else None
        entries: list[Entry] = []
        for sid in alive:
            score = final.get(sid)
            if score is None:
                continue
            group = None
            if group_path is not None:
                v = records[sid].get(group_path)
                if v is MISSING:
                    group = "—"
                    states[sid].reasons.append(Reason(
                        "advance.group", "finding", None,
                        Label(f"data tidak ada: {group_path}; bersaing dalam kelompok —",
                              f"data missing: {group_path}; competes in the group —"),
                        missing=(group_path,)))
                else:
                    group = str(v)
            entries.append(Entry(
                sid, score, tuple([get(sid) for get in ties]) if ties is not None else (),
                lottery.get(sid) or self.ticket(sid), group))
        labels = [f"{tb.by} {tb.ref}" for tb in stage.tie_break]
        ordered, notes = order_entries(entries, [tb.order for tb in stage.tie_break], labels)
        self.order[stage.id] = ordered
        plugin_pick = call_first(
            self.pm, "inovasi_rules_select",
            check=lambda v: isinstance(v, (list, tuple, set, frozenset)) and all(isinstance(x, str) for x in v),
            expected="a list of submission ids",
            ruleset=self.r, stage=stage, ranked=ordered,
        )
        if plugin_pick is not None:
            name, ids = plugin_pick
            chosen = set(ids)
            unknown = sorted(chosen - {e.id for e in ordered})
            if unknown:
                raise PluginError(
                    f"plugin {name!r} memilih pengajuan yang tidak bersaing di tahap {stage.id} / "
                    f"plugin {name!r} selected submissions not competing at stage {stage.id} in hook "
                    f"inovasi_rules_select: {', '.join(unknown[:5])}",
                    plugin=name, hook="inovasi_rules_select")
            picks = {
                e.id: Pick(e.id in chosen, Label(
                    f"{'dipilih' if e.id in chosen else 'tidak dipilih'} oleh plugin {name}",
                    f"{'chosen' if e.id in chosen else 'not chosen'} by plugin {name}"))
                for e in ordered
            }
            plugin: str | None = name
        else:
            picks = self.pick(adv, ordered)
            plugin = None
        keep: set[str] = set()
        for rank, e in enumerate(ordered, 1):
            sid = e.id
            st = states[sid]
            st.rank = rank
            note = notes.get(sid)
            if note is not None:
                st.reasons.append(Reason("tie_break", "selection", None, note))
            p = picks[sid]
            st.reasons.append(Reason("advance", "selection", p.chosen, p.reason, plugin=plugin))
            if p.chosen:
                keep.add(sid)
            else:
                st.status = "not_advanced"
        return [sid for sid in alive if sid in keep]

    def pick(self, sel: m.Selection | None, ordered: Sequence[Entry]) -> dict[str, Pick]:
        if sel is None:
            return {e.id: Pick(True, Label("lolos (tanpa batas jumlah)", "passed (no limit on numbers)"))
                    for e in ordered}
        p = self.params
        return select(
            ordered,
            top=_int(sel.top, p) if sel.top is not None else None,
            threshold=_num(sel.threshold, p) if sel.threshold is not None else None,
            per=sel.per is not None,
            seats={k: _int(v, p) for k, v in sel.seats.items()} if sel.seats is not None else None,
            apportion_min=sel.apportion.min_each if sel.apportion is not None else None,
            include_ties=sel.ties == "include_all",
        )

    # ------------------------------------------------------------------ verification

    def verify(self, stage: m.Stage, alive: list[str]) -> list[str]:
        verdicts = {(v.submission, v.stage): v for v in self.e.verdicts}
        passed = []
        alive_set = set(alive)
        for (sid, st_id), _recorded in sorted(verdicts.items()):
            if st_id == stage.id and sid not in alive_set:
                self.findings.append(Problem(
                    f"verdict for {sid} at {stage.id}, which it did not reach; ignored / putusan diabaikan",
                    self.e.files.get("verdicts") if self.e.files else None, path=sid,
                    rule="verdict-unreached", level="warning"))
        for sid in alive:
            st = self.start(sid, stage)
            v = verdicts.get((sid, stage.id))
            note = f" ({v.note})" if v is not None and v.note else ""
            if v is not None and v.verdict == "confirmed":
                st.reasons.append(Reason("verdict", "verification", True,
                                         Label(f"terverifikasi di lapangan{note}", f"confirmed in the field{note}")))
            elif v is not None:
                st.status = "dropped"
                st.reasons.append(Reason("verdict", "verification", False,
                                         Label(f"tidak terverifikasi di lapangan{note}",
                                               f"not confirmed in the field{note}")))
            elif stage.missing_verdict == "drop":
                st.status = "dropped"
                st.reasons.append(Reason("verdict", "verification", False,
                                         Label("tidak ada hasil verifikasi: gugur", "no verdict recorded: dropped")))
            else:
                kind = "verification" if stage.missing_verdict == "confirm" else "finding"
                st.reasons.append(Reason("verdict", kind, True if kind == "verification" else None,
                                         Label("tidak ada hasil verifikasi: dianggap terverifikasi",
                                               "no verdict recorded: treated as confirmed")))
            if st.status == "advanced":
                passed.append(sid)
        return passed

    def report_unused_scores(self) -> None:
        for stage_id, rows in self.stage_rows.items():
            by_sub = rows.span
            reached = set(self.entrants.get(stage_id, ()))
            extra = sorted(set(by_sub) - reached)
            if extra:
                shown = ", ".join(extra[:5]) + (" ..." if len(extra) > 5 else "")
                self.findings.append(Problem(
                    f"{len(extra)} submission(s) have scores at {stage_id} but did not reach it under "
                    f"this ruleset ({shown}); those scores are not used / nilai tidak dipakai",
                    self.scores_file, path=stage_id, rule="unused-scores", level="warning"))

    def report_unchecked_conflicts(self) -> None:
        for (stage_id, what), ids in sorted(self.unchecked.items()):
            shown = ", ".join(sorted(ids)[:5]) + (" ..." if len(ids) > 5 else "")
            self.findings.append(Problem(
                f"conflicts of interest at {stage_id} could not be checked for {len(ids)} "
                f"{'judge(s)' if what.startswith('judge ') else 'submission(s)'} without {what} ({shown}); "
                f"their scores are counted / konflik kepentingan tidak dapat diperiksa: {what} kosong",
                self.e.files.get("judges" if what.startswith("judge ") else "submissions") if self.e.files else None,
                path=f"{stage_id}/{what}", rule="conflict-unchecked", level="warning"))

    # ------------------------------------------------------------------ awards

    def awards(self) -> dict[str, list[AwardGrant]]:
        grants: dict[str, list[AwardGrant]] = defaultdict(list)
        stage_ids = [s.id for s in self.r.stages]
        for a in self.r.awards:
            passed = [sid for sid, sts in self.work.items()
                      if any(s.stage == a.stage and s.status == "advanced" for s in sts)]
            where = self.award_where.get(a.id)
            if where is not None:
                keep = []
                for sid in passed:
                    o = where(self.records[sid])
                    if o.value is None:
                        self.findings.append(Problem(
                            f"award {a.id}: {sid} cannot be considered, {_missing_label(o.missing).en} "
                            f"/ {_missing_label(o.missing).id}", None, path=sid, rule="data-missing",
                            level="warning"))
                    elif o.value:
                        keep.append(sid)
                passed = keep
            name = a.name or Label(a.id)
            if a.rank is None:
                for sid in passed:
                    rank = self.rank_at(a.stage, sid, stage_ids)
                    grants[sid].append(AwardGrant(a.id, name, rank))
                continue
            order = self.order_for(a.stage, stage_ids)
            keep_set = set(passed)
            path = a.rank.apportion.by if a.rank.apportion is not None else a.rank.per
            entries = [attrs.evolve(e, group=self.group_of(e.id, path)) for e in order if e.id in keep_set]
            picks = self.pick(a.rank, entries)
            for e in entries:
                pk = picks[e.id]
                if pk.chosen:
                    grants[e.id].append(AwardGrant(a.id, name, pk.group_rank,
                                                   None if pk.group is None else str(pk.group)))
        return grants

    def order_for(self, stage_id: str, stage_ids: list[str]) -> list[Entry]:
        """The ranking that applies at a stage: its own, or the last scored one before it."""
        idx = stage_ids.index(stage_id)
        for sid in reversed(stage_ids[: idx + 1]):
            if sid in self.order:
                return self.order[sid]
        return []

    def rank_at(self, stage_id: str, sid: str, stage_ids: list[str]) -> int | None:
        for rank, e in enumerate(self.order_for(stage_id, stage_ids), 1):
            if e.id == sid:
                return rank
        return None

    # ------------------------------------------------------------------ result

    def build(self, grants: Mapping[str, list[AwardGrant]]) -> Result:
        subs = []
        for s in self.subs:
            values = self.records[s.id].values
            fields = {
                f: v if type(v) is str else _fmt(v)
                for f in REPORTED_FIELDS
                if (v := values.get(f, MISSING)) is not MISSING
            }
            subs.append(SubmissionResult(
                # (popped: the working state goes as its frozen copy is made)
                s.id, s.title, tuple(st.freeze() for st in self.work.pop(s.id)),
                tuple(grants.get(s.id, ())), fields))
        return Result(
            self.r.id,
            self.e.id,
            tuple(subs),
            tuple((st.id, st.name or Label(st.id)) for st in self.r.stages),
            tuple((a.id, a.name or Label(a.id)) for a in self.r.awards),
            tuple(sorted(self.findings, key=Problem.sort_key)),
            freeze(self.params),
        )

    def apply_plugin_grants(self, result: Result, extra: list[tuple[str, Any]]) -> Result:
        known = {s.id for s in result.submissions}
        by_sub: dict[str, list[tuple[str, PluginGrant]]] = defaultdict(list)
        for name, grants in extra:
            for g in grants:
                if g.submission not in known:
                    raise PluginError(
                        f"plugin {name!r} granted {g.award!r} to unknown submission {g.submission!r} "
                        "in hook inovasi_rules_awards", plugin=name, hook="inovasi_rules_awards")
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


def _check_plugins(ruleset: Ruleset, pm: pluggy.PluginManager) -> None:
    names = {plugin_name(pm, p) for p in pm.get_plugins()}
    names |= {n for n, _ in pm.list_name_plugin() if n}
    missing = [p for p in ruleset.plugins if p.name not in names]
    if missing:
        raise PluginError(
            "\n".join(missing_plugin_problem(p, ruleset.id).format() for p in missing),
            plugin=missing[0].name,
        )


def _calls(cond: m.Condition | None) -> set[str]:
    """The names of the plugin functions a condition calls."""
    if cond is None:
        return set()
    if isinstance(cond, m.Compare):
        return {cond.subject.name} if isinstance(cond.subject, m.Call) else set()
    if isinstance(cond, (m.AllOf, m.AnyOf)):
        return set().union(*(_calls(c) for c in cond.conditions))
    return _calls(cond.condition)


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


def _with_parameters(ruleset: Ruleset, values: Mapping[str, Any], file: str | None) -> Ruleset:
    """``ruleset.with_parameters``, with an unknown name reported as a located error."""
    unknown = sorted(set(values) - set(ruleset.parameters))
    if unknown:
        known = ", ".join(sorted(ruleset.parameters)) or "-"
        raise EvaluationError([
            Problem(
                f"unknown parameter {name!r} for ruleset {ruleset.id} / "
                f"parameter {name!r} tidak dikenal oleh ruleset {ruleset.id}",
                file,
                path=f"parameters.{name}",
                hint=f"parameters this ruleset has / parameter yang ada: {known}",
                rule="unknown-parameter",
            )
            for name in unknown
        ])
    return ruleset.with_parameters(**values)


def evaluate(
    ruleset: Ruleset,
    edition: Edition,
    *,
    plugins: Iterable[Any] = (),
    load_entrypoints: bool | None = None,
    parameters: Mapping[str, Any] | None = None,
    plugin_manager: pluggy.PluginManager | None = None,
) -> Result:
    """Apply ``ruleset`` to ``edition`` and explain every decision.

    :param plugins: plugin objects to use for this evaluation (in addition to the
        installed ones, unless ``load_entrypoints=False``).
    :param parameters: parameter overrides for this run (applied after the edition's
        own ``parameters`` from ``edition.yaml``).
    :param plugin_manager: a ready plugin manager (then ``plugins`` and
        ``load_entrypoints`` are ignored). Each call otherwise builds its own, so no
        state leaks between evaluations.
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
    return _Engine(ruleset, edition, pm).run()
