"""Drawn editions that fit a given ruleset: submissions, judges, scores and verdicts."""

from __future__ import annotations

import datetime
import functools
import random
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

from hypothesis import strategies as st

from ..edition import JUDGE_FIELDS, SUBMISSION_FIELDS, Edition
from ..edition.instants import wib_day
from ..ruleset import model as m
from ..ruleset.model import Ruleset
from ._values import _BOOL

_SCORED = ("assessment", "presentation")
_BUILT_IN = frozenset(SUBMISSION_FIELDS)
#: Fields the engine derives from the ruleset's waves; never drawn when there are waves.
_WAVE_FIELDS = ("wave", "wave.name", "wave.opens", "wave.closes")
#: Values used for a field when the ruleset names none (or in addition, as entries the
#: ruleset's rules may reject).
_DEFAULTS: Mapping[str, tuple[str, ...]] = {
    "participant.kind": ("perangkat_daerah", "upt", "bumd"),
    "participant.agency": ("Dinas Kesehatan", "Dinas Pendidikan", "Bappeda", "Kecamatan Kota"),
    "participant.province": ("jateng", "jatim", "diy"),
    "participant.regency": ("sukoharjo", "klaten", "boyolali"),
    "innovation.status": ("rintisan", "berjalan", "selesai"),
    "innovation.previous_awards": ("top-99", "top-45"),
}
#: A value no ruleset is expected to list ("other").
_OTHER = "lainnya"
#: Text fields that always get a value drawn (others only when a rule names them).
_ALWAYS = (
    "participant.kind",
    "participant.agency",
    "participant.province",
    "participant.regency",
    "innovation.status",
)
_VERDICTS = st.none() | st.sampled_from(("confirmed", "dropped", "terverifikasi", "gugur"))
_AFFILIATIONS = st.sampled_from(("Akademisi", "Praktisi", "Pemerintah daerah", "Media"))
_STEPS = st.sampled_from((1, 10))
_SEEDS = st.integers(0, 2**32 - 1)
_KIND_ORDER = ("list", "date", "number", "bool", "text")


@functools.cache
def _ints(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


class _Field:
    """What the ruleset says about one submission field: values it names and the kind
    of value its comparisons expect."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.kinds: set[str] = set()
        #: how many comparisons read the field, and how many of them are ``exists``
        self.reads = 0
        self.exists = 0

    def add(self, value: Any) -> None:
        if isinstance(value, (list, tuple)):
            for v in value:
                self.add(v)
            return
        if isinstance(value, Mapping) or value is None:
            return
        if not any(type(value) is type(v) and value == v for v in self.values):
            self.values.append(value)

    @property
    def kind(self) -> str:
        for k in _KIND_ORDER:
            if k in self.kinds:
                return k
        return "text"


class _Vocabulary:
    """The fields a ruleset's rules read, with the values they name; and the dates
    the ruleset is built around (deadlines, reference dates, waves)."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.r = ruleset
        self.params = ruleset.parameters
        self.fields: dict[str, _Field] = {}
        self.dates: set[datetime.date] = set()
        self.judge_links: dict[str, str] = {}  # judge field -> submission path
        #: fields a tie-break orders by: their values must be of one kind to be compared
        self.ordered: set[str] = set()
        for value in self.params.values():
            if isinstance(value, datetime.date):
                self.dates.add(value)
        for w in ruleset.waves:
            self.dates.update(d for d in (w.opens, w.closes) if d is not None)
            if w.regions:
                self.field(ruleset.wave_by).add(w.regions)
        for kind in ruleset.participant_kinds:
            self.field("participant.kind").add(kind.id)
        for cat in ruleset.categories:
            self.field("category").add(cat.id)
        for grp in ruleset.groups:
            self.field("group").add(grp.id)
        for e in ruleset.eligibility:
            self.condition(e.when)
            self.condition(e.where)
            if e.cap is not None:
                for path in e.cap.per:
                    self.field(path)
                self.condition(e.cap.where)
        for s in ruleset.stages:
            for a in s.adjustments:
                self.condition(a.when)
            for c in s.judges.conflicts:
                self.field(c.submission)
                self.judge_links[c.judge] = c.submission
            for tb in s.tie_break:
                if tb.by == "field":
                    self.field(tb.ref)
                    self.ordered.add(tb.ref)
            self.selection(s.advance)
        for aw in ruleset.awards:
            self.condition(aw.where)
            self.selection(aw.rank)
        if not self.dates:
            self.dates.add(datetime.date(ruleset.year or 2023, 12, 31))

    def field(self, path: str) -> _Field:
        found = self.fields.get(path)
        if found is None:
            found = self.fields[path] = _Field()
        return found

    def resolve(self, value: Any) -> Any:
        return self.params.get(value.name) if isinstance(value, m.Param) else value

    def selection(self, sel: m.Selection | None) -> None:
        if sel is None:
            return
        if sel.per is not None:
            f = self.field(sel.per)
            if sel.seats:
                f.add(list(sel.seats))
        if sel.apportion is not None:
            self.field(sel.apportion.by)

    def condition(self, cond: m.Condition | None) -> None:
        if cond is None:
            return
        if isinstance(cond, (m.AllOf, m.AnyOf)):
            for c in cond.conditions:
                self.condition(c)
            return
        if isinstance(cond, m.Not):
            self.condition(cond.condition)
            return
        self.compare(cond)

    def note_value(self, f: _Field, value: Any) -> None:
        """Record a literal compared with the field, and what kind of value it is."""
        if isinstance(value, bool):
            f.kinds.add("bool")
        elif isinstance(value, datetime.date):
            f.kinds.add("date")
            self.dates.add(value)
        elif isinstance(value, (int, Decimal)):
            f.kinds.add("number")
        f.add(value)

    def compare(self, cond: m.Compare) -> None:
        subject, op = cond.subject, cond.op
        value = self.resolve(cond.value)
        if isinstance(subject, m.Field):
            read = self.field(subject.path)
            read.reads += 1
            read.exists += op == "exists"
        if isinstance(subject, m.Since):
            self.field(subject.path).kinds.add("date")
            as_of = self.resolve(subject.as_of)
            if isinstance(as_of, datetime.date):
                self.dates.add(as_of)
            return
        if isinstance(subject, m.Count):
            f = self.field(subject.path)
            f.kinds.add("list")
            f.add(self.resolve(subject.equals))
            return
        if isinstance(subject, m.Call):
            return
        f = self.field(subject.path)
        if isinstance(value, m.Field):
            other = self.field(value.path)
            if value.path.startswith("wave.") or other.kind == "date":
                f.kinds.add("date")
            return
        if isinstance(value, m.Lookup):
            table = self.params.get(value.table)
            if isinstance(table, Mapping):
                self.field(value.key).add(list(table))
                for items in table.values():
                    f.add(items)
            default = self.resolve(value.default)
            if not isinstance(default, m.Field):
                f.add(default)
            return
        if op == "contains":
            f.kinds.add("list")
            f.add(value)
        elif op in ("at_least", "at_most", "greater_than", "less_than"):
            self.note_value(f, value)
        elif op == "between":
            for v in value or ():
                self.note_value(f, v)
        elif op in ("in", "not_in"):
            for v in value if isinstance(value, (tuple, list)) else (value,):
                self.note_value(f, self.resolve(v))
        elif op in ("equals", "not_equals"):
            self.note_value(f, value)
        # exists: the field is recorded, its kind is unknown


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _mostly(named: Sequence[Any], others: Sequence[Any]) -> st.SearchStrategy[Any]:
    """A value the ruleset names, or (about one time in 8) one of ``others``.

    One draw from a weighted list: cheaper than choosing a branch first, and it
    shrinks towards the first value the ruleset names.
    """
    if not named or not others:
        return st.sampled_from(list(named) or list(others))
    weight = max(1, (7 * len(others)) // len(named))
    return st.sampled_from([*list(named) * weight, *others])


def _text_candidates(path: str, info: _Field | None) -> tuple[list[Any], list[Any]]:
    """(values the ruleset names, values outside them) for a text field."""
    named = [v for v in (info.values if info else []) if not isinstance(v, bool)]
    defaults = [v for v in _DEFAULTS.get(path, ()) if v not in named]
    if not named:
        name = path.rsplit(".", 1)[-1]
        return defaults or [f"{name}-1", f"{name}-2"], [_OTHER]
    return named, [*defaults[:2], _OTHER]


class _Plan:
    """How to draw each submission field for one ruleset."""

    def __init__(
        self,
        ruleset: Ruleset,
        fields: Mapping[str, st.SearchStrategy[Any]],
        missing: bool,
    ) -> None:
        self.v = _Vocabulary(ruleset)
        self.refs = sorted({wib_day(d) for d in self.v.dates})  # a deadline with its hour: its day
        self.missing = missing
        paths = dict.fromkeys(
            [*_ALWAYS, "registered", "innovation.started", "innovation.previous_awards"]
        )
        if ruleset.categories or "category" in self.v.fields:
            paths["category"] = None
        if ruleset.groups or "group" in self.v.fields:
            paths["group"] = None
        paths.update(dict.fromkeys(self.v.fields))
        for p in ("id", "title", *(_WAVE_FIELDS if ruleset.waves else ())):
            paths.pop(p, None)
        self.strategies: dict[str, st.SearchStrategy[Any]] = {}
        for path in paths:
            self.strategies[path] = self.strategy(path)
        #: fields the rules only ask the presence of: absent one time in four
        self.sparse = frozenset(
            p
            for p, info in self.v.fields.items()
            if missing and p in self.strategies and p not in fields and info.reads == info.exists > 0
        )
        #: fields that may be left empty (never those the caller gave a strategy for)
        self.optional = frozenset(self.strategies) - set(fields) if missing else frozenset()
        for path, strategy in fields.items():
            self.strategies[path] = strategy
        self.strategies.pop("id", None)
        self.title = self.strategies.pop("title", None)

    def dates_near(self, before: int, after: int) -> st.SearchStrategy[datetime.date]:
        return st.builds(
            lambda ref, d: ref + datetime.timedelta(days=d),
            st.sampled_from(self.refs),
            st.integers(-before, after),
        )

    def started(self) -> st.SearchStrategy[datetime.date]:
        """A start some whole years before a reference date, give or take a few days
        (so a rule's boundary is hit), or anywhere in the year around it."""
        return st.builds(
            lambda ref, years, d: _years_before(ref, years) + datetime.timedelta(days=d),
            st.sampled_from(self.refs),
            st.integers(0, 6),
            st.integers(-2, 2) | st.integers(-365, 365),
        )

    def numbers(self, info: _Field) -> st.SearchStrategy[Decimal]:
        near: list[Decimal] = []
        for v in info.values:
            if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
                d = Decimal(v)
                near.extend([d - 1, d, d + 1])
        plain = st.integers(0, 10).map(Decimal)
        return st.sampled_from(near) | plain if near else plain

    def strategy(self, path: str) -> st.SearchStrategy[Any]:
        info = self.v.fields.get(path)
        if path == "registered":
            return self.dates_near(120, 30)
        if path == "innovation.started":
            return self.started()
        if path == "withdrawn":
            return _mostly([False], [True])
        if path == "innovation.previous_awards" or (path not in _BUILT_IN and info and info.kind == "list"):
            named = [v for v in (info.values if info else []) if not isinstance(v, bool)]
            items = list(dict.fromkeys([*named, *_DEFAULTS.get(path, ())])) or [f"{path}-1"]
            if path in self.v.ordered:
                items = _one_kind(items)
            some = st.lists(st.sampled_from(items), min_size=1, max_size=3).map(tuple)
            # the same item twice or three times (a count reaches its limit)
            repeated = st.tuples(st.sampled_from(items), st.integers(2, 3)).map(
                lambda t: (t[0],) * t[1]
            )
            # most innovations have no earlier award: half the time, an empty list
            return st.just(()) | some | st.just(()) | repeated
        kind = info.kind if info is not None else "text"
        if path not in _BUILT_IN:
            if kind == "date":
                return self.dates_near(365 * 3, 60)
            if kind == "number":
                assert info is not None
                return self.numbers(info)
            if kind == "bool":
                assert info is not None
                named_bools = [v for v in info.values if isinstance(v, bool)]
                return _mostly(named_bools, [not v for v in named_bools[:1]] or [True, False])
        named, others = _text_candidates(path, info)
        if path in self.v.ordered:
            named, others = _one_kind(named), [v for v in others if isinstance(v, str)]
        return _mostly(named, others)


def _one_kind(values: Sequence[Any]) -> list[Any]:
    """The values of the same kind as the first one (texts, numbers or dates): what a
    field a tie-break orders by holds, as a real column does."""
    first = values[0]
    kind: tuple[type, ...] = (int, Decimal) if isinstance(first, (int, Decimal)) else (type(first),)
    return [v for v in values if isinstance(v, kind)]


def _judge_count(ruleset: Ruleset, judges: int | tuple[int, int] | None) -> st.SearchStrategy[int]:
    if isinstance(judges, int):
        return st.just(judges)
    if isinstance(judges, tuple):
        return st.integers(judges[0], judges[1])
    need = max((s.judges.min for s in ruleset.stages if s.kind in _SCORED), default=1)
    return st.integers(need, need + 2)


def _score_range(scale: m.Scale, step: int) -> tuple[int, int]:
    """The scale in units of ``1/step`` points: whole points (1) or tenths (10)."""
    lo, hi = scale.min * step, scale.max * step
    return int(-(-lo // 1)), int(hi // 1)


def _check_arguments(
    min_submissions: int,
    max_submissions: int,
    judges: int | tuple[int, int] | None,
    scores: str,
) -> None:
    if min_submissions < 0 or max_submissions < min_submissions:
        raise ValueError(
            f"need 0 <= min_submissions <= max_submissions, got {min_submissions} and "
            f"{max_submissions} / jumlah pengajuan tidak valid"
        )
    if isinstance(judges, int) and judges < 0:
        raise ValueError(f"judges must be at least 0, got {judges} / jumlah juri tidak valid")
    if isinstance(judges, tuple) and not (len(judges) == 2 and 0 <= judges[0] <= judges[1]):
        raise ValueError(f"judges must be (fewest, most), got {judges!r} / jumlah juri tidak valid")
    if scores not in ("all", "reached"):
        raise ValueError(f"scores must be 'all' or 'reached', got {scores!r} / pilihan nilai tidak valid")


def editions(
    ruleset: Ruleset,
    *,
    min_submissions: int = 1,
    max_submissions: int = 12,
    judges: int | tuple[int, int] | None = None,
    scores: Literal["all", "reached"] = "all",
    gaps: bool = False,
    missing: bool = True,
    verdicts: bool = True,
    fields: Mapping[str, st.SearchStrategy[Any]] | None = None,
    plugins: Iterable[Any] = (),
    edition_id: str = "contoh",
) -> st.SearchStrategy[Edition]:
    """Editions that fit ``ruleset``: submissions, judges, scores and verdicts.

    Submissions (ids ``S001``, ``S002`` ...) get a value for every field the
    ruleset's rules read, its eligibility rules, caps, bonuses, award filters,
    conflicts of interest, tie-breaks and quotas (extra fields such as
    ``proposal_complete`` or ``sdgs`` included), plus the participant's kind, agency,
    province and regency, the innovation's status, start and earlier awards, and the
    registration date. Values are mostly those the ruleset names (its categories,
    participant kinds, groups, the regions of its waves, the values its conditions
    compare with, the keys of its lookup tables) and sometimes others, so each rule
    both admits and rejects entries. Dates lie around the ruleset's own dates
    (deadlines, wave windows, reference dates), some exactly on a boundary; a start
    date is a whole number of years before one of them, give or take a few days.
    Agencies come from a short list, so caps per agency are reached; about one
    submission in six copies an earlier one (the same agency and facts, with an id
    and a registration date of its own, and half the time the same title). A few
    submissions are withdrawn.

    Judges (``J01`` ...) have an agency and a province from the same lists as the
    submissions, so conflicts of interest happen. At every scored stage a panel of
    judges (at least the stage's ``judges.min`` when there are that many) scores every
    leaf criterion of the stage's rubric. The scores of a stage come from a small
    palette of values on the rubric's scale, whole points or tenths, so equal totals
    and ties at a cut-off are common; which judge gives which value is decided by a
    random generator that hypothesis seeds, so large editions stay fast (and shrink
    to "everyone scored the same", then to fewer entries).
    Verification stages get a verdict (confirmed, dropped, or none recorded) per
    submission.

    :param ruleset: the ruleset the editions are for (loaded, with its parents).
    :param min_submissions: fewest submissions.
    :param max_submissions: most submissions (keep it small: a property is usually
        broken by a handful of entries, and hypothesis then shrinks to fewer).
    :param judges: how many judges: a number, ``(fewest, most)``, or ``None`` for
        between the largest ``judges.min`` of the scored stages and two more.
    :param scores: ``"all"`` (the default): every submission is scored at every
        scored stage, as if everyone reached it; the engine uses the scores of those
        who did and reports the rest in a finding (``unused-scores``). Fast.
        ``"reached"``: only the submissions that reach a stage are scored there, as in
        a real edition; found by evaluating the edition stage by stage (slower: one
        evaluation per scored or verification stage).
    :param gaps: when true, some judges skip a submission or a criterion, so some
        entries have too few complete scores.
    :param missing: when true (the default), about one value in 32 is left empty, as
        happens in real spreadsheets (a rule that needs it then fails with "data
        missing"), and a field the rules only test with ``exists`` is absent one time
        in four. When false, every field has a value.
    :param verdicts: draw verification verdicts (otherwise none is recorded).
    :param fields: a strategy per submission field path (``participant.regency``, an
        extra column ...) to use instead of the built-in one; a drawn ``None`` leaves
        the field empty.
    :param plugins: plugin objects for the evaluations of ``scores="reached"``.
    :param edition_id: the editions' id (it seeds the tie-break lottery).

    >>> from hypothesis import given, settings
    >>> from inovasi_rules import evaluate, load_ruleset
    >>> from inovasi_rules.testing import editions
    >>> ruleset = load_ruleset("kipp-sukoharjo-2023")
    >>> @settings(max_examples=10, deadline=None)
    ... @given(edition=editions(ruleset, max_submissions=8))
    ... def test_everyone_gets_a_result(edition):
    ...     assert len(evaluate(ruleset, edition)) == len(edition.submissions)
    >>> test_everyone_gets_a_result()
    """
    _check_arguments(min_submissions, max_submissions, judges, scores)
    plan = _Plan(ruleset, dict(fields or {}), missing)
    plugin_list = list(plugins)
    n_judges = _judge_count(ruleset, judges)

    @st.composite
    def build(draw: st.DrawFn) -> Edition:
        n = draw(_ints(min_submissions, max_submissions))
        subs: list[dict[str, Any]] = []
        for _ in range(n):
            subs.append(_draw_submission(draw, plan, subs))
        judge_rows = _draw_judges(draw, plan, draw(n_judges))
        ids_all = [s["id"] for s in subs]
        score_rows: list[dict[str, Any]] = []
        verdict_rows: list[dict[str, Any]] = []

        def current() -> Edition:
            return Edition.from_records(
                id=edition_id,
                ruleset=ruleset.id,
                submissions=subs,
                judges=judge_rows,
                scores=score_rows,
                verdicts=verdict_rows,
            )

        for stage in ruleset.stages:
            if stage.kind in _SCORED and stage.rubric is not None:
                who = ids_all if scores == "all" else _reached(ruleset, current(), stage.id, plugin_list)
                score_rows.extend(_draw_scores(draw, ruleset, stage, who, judge_rows, gaps))
            elif stage.kind == "verification" and verdicts:
                who = ids_all if scores == "all" else _reached(ruleset, current(), stage.id, plugin_list)
                for sid in who:
                    word = draw(_VERDICTS)
                    if word is not None:
                        verdict_rows.append({"submission_id": sid, "stage": stage.id, "verdict": word})
        return current()

    return build()


def _reached(ruleset: Ruleset, edition: Edition, stage_id: str, plugins: list[Any]) -> list[str]:
    from ..evaluation import evaluate

    result = evaluate(ruleset, edition, plugins=plugins)
    return [s.id for s in result.submissions if s.stage(stage_id) is not None]


def _draw_submission(
    draw: st.DrawFn, plan: _Plan, earlier: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    i = len(earlier)
    sid = f"S{i + 1:03d}"
    if i and draw(_ints(0, 5)) == 5:
        # an earlier entry again: the same agency and facts, with an id and a
        # registration date of its own, and the same title or (half the time) a new one
        # (so both duplicate titles and caps per agency are reached)
        again = dict(earlier[draw(_ints(0, i - 1))], id=sid)
        if plan.title is None and draw(_BOOL):
            again["title"] = f"Inovasi {i + 1}"
        if "registered" in plan.strategies:
            again.pop("registered", None)
            registered = draw(plan.strategies["registered"])
            if registered is not None:
                again["registered"] = registered
        return again
    record: dict[str, Any] = {"id": sid}
    record["title"] = draw(plan.title) if plan.title is not None else f"Inovasi {i + 1}"
    # one submission in four may have empty cells: each optional one with chance 1/8
    optional = plan.optional if plan.optional and draw(_ints(0, 3)) == 3 else frozenset()
    for path, strategy in plan.strategies.items():
        if path in optional and draw(_ints(0, 7)) == 7:
            continue  # left empty, as in a real spreadsheet
        if path in plan.sparse and draw(_ints(0, 3)) == 3:
            continue  # a rule asks whether it is there: sometimes it is not
        value = draw(strategy)
        if value is not None:
            record[path] = value
    if "withdrawn" not in plan.strategies and draw(_ints(0, 29)) == 29:
        record["withdrawn"] = True
    return record


def _draw_judges(draw: st.DrawFn, plan: _Plan, n: int) -> list[dict[str, Any]]:
    agencies = plan.strategies.get("participant.agency")
    provinces = plan.strategies.get("participant.province")
    out = []
    for i in range(n):
        row: dict[str, Any] = {
            "id": f"J{i + 1:02d}",
            "name": f"Juri {i + 1}",
            "affiliation": draw(_AFFILIATIONS),
        }
        if agencies is not None:
            row["agency"] = draw(agencies)
        if provinces is not None:
            row["province"] = draw(provinces)
        for judge_field, sub_path in plan.v.judge_links.items():
            if judge_field == "id":
                continue
            strategy = plan.strategies.get(sub_path)
            value = draw(strategy if strategy is not None else plan.strategy(sub_path))
            if judge_field in JUDGE_FIELDS:
                row[judge_field] = value
            elif value is not None:
                row.setdefault("extra", {})[judge_field] = value
        out.append({k: v for k, v in row.items() if v is not None})
    return out


def _draw_scores(
    draw: st.DrawFn,
    ruleset: Ruleset,
    stage: m.Stage,
    who: Sequence[str],
    judges: Sequence[Mapping[str, Any]],
    gaps: bool,
) -> list[dict[str, Any]]:
    """Score rows for one stage.

    Hypothesis draws the stage's palette: one to eight values on the rubric's scale,
    in whole points or tenths (so equal scores, and tied totals, are common; a
    shrunk example has a single value, and every entry ties). A random generator
    seeded by one more draw then gives each judge's score on each criterion from the
    palette, so a large edition needs a handful of draws, not one per score.
    """
    assert stage.rubric is not None
    rubric = ruleset.rubric(stage.rubric)
    leaves = rubric.leaves()
    ids_ = [str(j["id"]) for j in judges]
    if not ids_ or not who:
        return []
    step = draw(_STEPS)
    lo, hi = _score_range(rubric.scale, step)
    if lo > hi:  # a scale narrower than a tenth
        palette = [rubric.scale.min]
    else:
        points = st.integers(lo, hi).map(lambda k: Decimal(k) / step)
        palette = draw(st.lists(points, min_size=1, max_size=8, unique=True))
    fewest = min(len(ids_), max(stage.judges.min, 1))
    panel = sorted(draw(st.permutations(ids_))[: draw(_ints(fewest, len(ids_)))])
    rng = random.Random(draw(_SEEDS))
    rows = []
    for sid in who:
        for judge in panel:
            if gaps and rng.random() < 0.1:
                continue  # this judge did not score this submission
            skip = rng.choice(leaves) if gaps and rng.random() < 0.1 else None
            for crit in leaves:
                if crit != skip:
                    rows.append(
                        {
                            "submission_id": sid,
                            "stage": stage.id,
                            "judge_id": judge,
                            "criterion": crit,
                            "score": rng.choice(palette),
                        }
                    )
    return rows
