"""An edition prepared once evaluates, with any parameters or scores, to exactly what a
fresh ``evaluate`` gives; what does not depend on a change is not redone, and what
does is (a parameter read by a condition, a weight, the scores)."""

from __future__ import annotations

import threading
from decimal import Decimal as D
from pathlib import Path

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import edition, outcome, rows, ruleset
from inovasi_rules import (
    EvaluationError,
    Reason,
    Result,
    ScoreTable,
    evaluate,
    load_ruleset,
    prepare,
    read_edition,
)

ROOT = Path(__file__).resolve().parents[1]
SUKOHARJO = ("kipp-sukoharjo-2023", ROOT / "examples" / "sukoharjo-2023")


@pytest.fixture(scope="module")
def sukoharjo() -> tuple[object, object]:
    return load_ruleset(SUKOHARJO[0]), read_edition(SUKOHARJO[1])


def _table(t: ScoreTable, **changes: object) -> ScoreTable:
    parts = {"submissions": t.submissions, "stages": t.stages, "judges": t.judges, "criteria": t.criteria,
             "values": t.values, "sub": t.sub, "stage": t.stage, "judge": t.judge, "criterion": t.criterion,
             "value": t.value, "rows": t.rows}
    return ScoreTable(**{**parts, **changes})  # type: ignore[arg-type]


def _same(a: Result, b: Result) -> None:
    assert a == b
    assert a.to_json() == b.to_json()
    assert a.to_csv() == b.to_csv()


@settings(max_examples=12, deadline=None)
@given(finalists=st.integers(1, 60), winners=st.integers(1, 12), bonus=st.integers(0, 10),
       closes=st.dates())
def test_a_prepared_edition_evaluates_as_a_fresh_evaluation(
    sukoharjo: tuple[object, object], finalists: int, winners: int, bonus: int, closes: object
) -> None:
    rs, ed = sukoharjo
    prepared = prepare(rs, ed, load_entrypoints=False)  # type: ignore[arg-type]
    params = {"finalists": finalists, "winners": winners, "bonus_points": bonus,
              "registration_closes": closes}
    # twice: the second run meets what the first one left (remembered outcomes)
    for _ in range(2):
        _same(prepared.evaluate(parameters=params),
              evaluate(rs, ed, parameters=params, load_entrypoints=False))  # type: ignore[arg-type]
    _same(prepared.evaluate(), evaluate(rs, ed, load_entrypoints=False))  # type: ignore[arg-type]


def test_a_changed_weight_changes_the_totals() -> None:
    rs = ruleset("""\
        parameters: {w: 50}
        rubrics:
          - id: r
            criteria: [{id: a, weight: {param: w}}, {id: b, weight: 50}]
        stages:
          - {id: nilai, kind: assessment, rubric: r}
        """)
    ed = edition(["A"], rows("nilai", {"A": {"J1": {"a": 60, "b": 100}}}))
    prepared = prepare(rs, ed, load_entrypoints=False)
    assert outcome(prepared.evaluate(), "A", "nilai").score == D("80.00")
    heavier = prepared.evaluate(parameters={"w": 150})
    assert outcome(heavier, "A", "nilai").score != D("80.00")
    _same(heavier, evaluate(rs, ed, parameters={"w": 150}, load_entrypoints=False))
    assert outcome(prepared.evaluate(), "A", "nilai").score == D("80.00")


def test_other_scores_are_used_and_checked(sukoharjo: tuple[object, object]) -> None:
    rs, ed = sukoharjo
    prepared = prepare(rs, ed, load_entrypoints=False)  # type: ignore[arg-type]
    table = ed.scores  # type: ignore[attr-defined]
    # every row given the value of the row before it (of the same edition's values)
    shifted = _table(table, value=np.roll(table.value, 1))
    _same(prepared.evaluate(scores=shifted),
          evaluate(rs, attrs.evolve(ed, scores=shifted), load_entrypoints=False))  # type: ignore[arg-type]
    # and the edition's own scores again afterwards
    _same(prepared.evaluate(), evaluate(rs, ed, load_entrypoints=False))  # type: ignore[arg-type]
    unknown = _table(table, criteria=[f"x-{c}" for c in table.criteria])
    with pytest.raises(EvaluationError, match="unknown criterion"):
        prepared.evaluate(scores=unknown)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), mixed=st.booleans())
def test_other_values_in_the_same_rows_are_totalled_as_a_fresh_evaluation_totals_them(
    sukoharjo: tuple[object, object], seed: int, mixed: bool
) -> None:
    # A table that shares the edition's rows (what resampling the judges makes) keeps
    # their order and groups and totals its own values: exactly what a fresh
    # evaluation of an edition with that table gives, or the same error.
    from inovasi_rules.evaluation.context import _same_rows

    rs, ed = sukoharjo
    table = ed.scores  # type: ignore[attr-defined]
    prepared = prepare(rs, ed, load_entrypoints=False)  # type: ignore[arg-type]
    rng = np.random.default_rng(seed)
    # the rows' own values shuffled, or any of the table's values (some off a scale)
    codes = rng.integers(0, len(table.values), len(table)) if mixed else rng.permutation(table.value)
    other = _table(table, value=codes.astype(np.int32))
    assert _same_rows(other, table)
    # the same scores in the opposite row order: other rows, grouped afresh
    backwards = _table(table, **{c: getattr(table, c)[::-1] for c in ("sub", "stage", "judge", "criterion", "value")})
    assert not _same_rows(backwards, table)
    _same(prepared.evaluate(scores=backwards), prepared.evaluate())
    refused: str | None = None
    try:
        fresh = evaluate(rs, attrs.evolve(ed, scores=other), load_entrypoints=False)  # type: ignore[arg-type]
    except EvaluationError as exc:
        refused = str(exc)
    if refused is not None:
        with pytest.raises(EvaluationError) as again:
            prepared.evaluate(scores=other)
        assert str(again.value) == refused
        return
    _same(prepared.evaluate(scores=other), fresh)


@pytest.mark.parametrize("outside", ["-1", "100.5", "1E+9"])
def test_a_score_off_its_scale_in_the_same_rows_is_refused_as_a_fresh_evaluation_refuses_it(
    sukoharjo: tuple[object, object], outside: str
) -> None:
    # Rows already checked are not checked again, but their new scores are: one row's
    # score off the scale is refused where a fresh evaluation refuses it.
    from inovasi_rules.evaluation.context import _same_rows

    rs, ed = sukoharjo
    table = ed.scores  # type: ignore[attr-defined]
    prepared = prepare(rs, ed, load_entrypoints=False)  # type: ignore[arg-type]
    value = table.value.copy()
    value[len(value) // 2] = len(table.values)  # a code for the new, last value
    other = _table(table, values=(*table.values, D(outside)), value=value)
    assert _same_rows(other, table)
    with pytest.raises(EvaluationError) as fresh:
        evaluate(rs, attrs.evolve(ed, scores=other), load_entrypoints=False)  # type: ignore[arg-type]
    assert "off the scale" in str(fresh.value)
    with pytest.raises(EvaluationError) as again:
        prepared.evaluate(scores=other)
    assert str(again.value) == str(fresh.value)


def test_a_wrong_parameter_is_a_located_error(sukoharjo: tuple[object, object]) -> None:
    rs, ed = sukoharjo
    prepared = prepare(rs, ed, load_entrypoints=False)  # type: ignore[arg-type]
    with pytest.raises(EvaluationError, match="finalists"):
        prepared.evaluate(parameters={"finalists": "banyak"})
    with pytest.raises(EvaluationError, match="nope"):
        prepared.evaluate(parameters={"nope": 1})


def test_two_threads_share_one_prepared_edition(sukoharjo: tuple[object, object]) -> None:
    rs, ed = sukoharjo
    prepared = prepare(rs, ed, load_entrypoints=False)  # type: ignore[arg-type]
    wanted = {n: evaluate(rs, ed, parameters={"finalists": n}, load_entrypoints=False).to_json()  # type: ignore[arg-type]
              for n in (4, 9)}
    got: dict[int, list[str]] = {4: [], 9: []}

    def work(n: int) -> None:
        for _ in range(3):
            got[n].append(prepared.evaluate(parameters={"finalists": n}).to_json())

    threads = [threading.Thread(target=work, args=(n,)) for n in (4, 9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == {n: [text] * 3 for n, text in wanted.items()}


def test_what_a_change_does_not_touch_is_kept(sukoharjo: tuple[object, object]) -> None:
    from inovasi_rules import get_plugin_manager
    from inovasi_rules.evaluation.context import Limits, build_context, param_names, rebuild_context

    rs, ed = sukoharjo
    base = build_context(rs, ed, get_plugin_manager(load_entrypoints=False), Limits())  # type: ignore[arg-type]
    later = rebuild_context(base, rs.with_parameters(finalists=3))  # type: ignore[attr-defined]
    assert later.records is base.records
    assert later.stage_rows is base.stage_rows  # no weight changed
    for rule in rs.eligibility:  # type: ignore[attr-defined]
        if rule.when is not None:
            kept = later.conditions.when[rule.id] is base.conditions.when[rule.id]
            assert kept == ("finalists" not in param_names(rule.when))
    moved = rebuild_context(base, rs.with_parameters(registration_closes="2023-06-30"))  # type: ignore[attr-defined]
    reads = [r.id for r in rs.eligibility if r.when is not None  # type: ignore[attr-defined]
             and "registration_closes" in param_names(r.when)]
    assert reads
    assert all(moved.conditions.when[i] is not base.conditions.when[i] for i in reads)


def test_parameters_given_to_prepare_are_where_each_evaluation_starts(sukoharjo: tuple[object, object]) -> None:
    rs, ed = sukoharjo
    prepared = prepare(rs, ed, parameters={"winners": 2}, load_entrypoints=False)  # type: ignore[arg-type]
    assert prepared.ruleset.parameters["winners"] == 2
    _same(prepared.evaluate(parameters={"finalists": 4}),
          evaluate(rs, ed, parameters={"winners": 2, "finalists": 4}, load_entrypoints=False))  # type: ignore[arg-type]


def _as_fresh(prepared: object, rs: object, ed: object, **params: object) -> None:
    """``prepared`` evaluates with ``params`` to what a fresh evaluation gives."""
    _same(prepared.evaluate(parameters=params),  # type: ignore[attr-defined]
          evaluate(rs, ed, parameters=params, load_entrypoints=False))  # type: ignore[arg-type]


def _counting(monkeypatch: pytest.MonkeyPatch, step: str) -> list[str]:
    """The stage ids the evaluation's ``step`` (``screen``, ``stage_scores``) is run
    for, from now on, in order."""
    from inovasi_rules.evaluation import run as run_module

    seen: list[str] = []
    real = getattr(run_module, step)

    def counted(ctx: object, stage: object, *rest: object) -> object:
        seen.append(stage.id)  # type: ignore[attr-defined]
        return real(ctx, stage, *rest)

    monkeypatch.setattr(run_module, step, counted)
    return seen


def test_the_first_screening_is_decided_once_and_again_when_its_parameters_change(
    sukoharjo: tuple[object, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    rs, ed = sukoharjo
    prepared = prepare(rs, ed, load_entrypoints=False)  # type: ignore[arg-type]
    screened = _counting(monkeypatch, "screen")
    _as_fresh(prepared, rs, ed, finalists=4)
    assert screened == ["administrasi"]  # by the fresh evaluation alone
    screened.clear()
    _as_fresh(prepared, rs, ed, registration_closes="2023-06-30")
    assert screened == ["administrasi", "administrasi"]


def test_a_parameter_named_only_in_a_message_screens_again() -> None:
    rs = ruleset("""\
        parameters: {min_years: 2, slogan: "Inovasi"}
        eligibility:
          - id: umur
            when: {field: years, at_least: 2}
            message: {id: "Minimal {min_years} tahun ({slogan})", en: "At least {min_years} years ({slogan})"}
        stages:
          - {id: seleksi, kind: screening}
        """)
    ed = edition([{"id": "A", "years": 1}, {"id": "B", "years": 3}])
    prepared = prepare(rs, ed, load_entrypoints=False)
    assert [r.message.en for r in outcome(prepared.evaluate(), "A", "seleksi").reasons] == [
        "At least 2 years (Inovasi)"]
    changed = prepared.evaluate(parameters={"min_years": 5, "slogan": "Baru"})
    assert [r.message.en for r in outcome(changed, "A", "seleksi").reasons] == ["At least 5 years (Baru)"]
    _same(changed, evaluate(rs, ed, parameters={"min_years": 5, "slogan": "Baru"}, load_entrypoints=False))


def test_a_scored_stage_is_scored_again_only_when_what_it_reads_changed(
    sukoharjo: tuple[object, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    rs, ed = sukoharjo
    prepared = prepare(rs, ed, load_entrypoints=False)  # type: ignore[arg-type]
    scored = _counting(monkeypatch, "stage_scores")
    # a cut-off: the assessment is only selected again; the presentation gets other entrants
    _as_fresh(prepared, rs, ed, finalists=4)
    assert scored == ["presentasi", "penilaian", "presentasi"]  # then the fresh evaluation: both
    scored.clear()
    # the assessment's bonus: scored again, and so is every scored stage after it
    _as_fresh(prepared, rs, ed, bonus_points=9)
    assert scored == ["penilaian", "presentasi", "penilaian", "presentasi"]
    scored.clear()
    # nothing changed: nothing scored again (the fresh evaluation scores both)
    _as_fresh(prepared, rs, ed)
    assert scored == ["penilaian", "presentasi"]


def _changed(value: object) -> list[object]:
    """Other values of a parameter, of its type (none for a table or a text)."""
    import datetime

    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        return [value + 1] + ([value - 1] if value > 1 else [])
    if isinstance(value, D):
        return [value + 1, value / 2]
    if isinstance(value, datetime.date):
        return [value + datetime.timedelta(days=30), value - datetime.timedelta(days=400)]
    return []


@pytest.mark.parametrize("case", ["sukoharjo-2023", "winner-2023", "scoring-example",
                                  "scoring-example-normalised"])
def test_every_parameter_changed_alone_gives_what_a_fresh_evaluation_gives(case: str) -> None:
    from golden.make import CASES
    from inovasi_rules import EvaluationError

    _, ref, where = next(c for c in CASES if c[0] == case)
    rs = load_ruleset(str(ROOT / ref) if ref.endswith(".yaml") else ref)
    ed = read_edition(ROOT / where)
    prepared = prepare(rs, ed, load_entrypoints=False)
    tried = 0
    for name, value in sorted(prepared.ruleset.parameters.items()):
        for other in _changed(value):
            try:
                fresh = evaluate(rs, ed, parameters={name: other}, load_entrypoints=False)
            except EvaluationError:
                with pytest.raises(EvaluationError):
                    prepared.evaluate(parameters={name: other})
                continue
            _same(prepared.evaluate(parameters={name: other}), fresh)
            tried += 1
    assert tried
    _same(prepared.evaluate(), evaluate(rs, ed, load_entrypoints=False))


def test_what_a_prepared_edition_keeps_does_not_grow_with_its_evaluations(
    sukoharjo: tuple[object, object],
) -> None:
    # Each evaluation takes a kept stage further with a copy of its decisions and of
    # their legend: a sweep of any length leaves what was decided ahead as it was.
    rs, ed = sukoharjo
    prepared = prepare(rs, ed, load_entrypoints=False)  # type: ignore[arg-type]
    ranked = prepared._ahead.ranked
    assert ranked
    before = {k: (len(v.legend.kinds), [len(d.reasons) for d in v.decisions.values()]) for k, v in ranked.items()}
    for finalists in (2, 4, 6, 8):
        prepared.evaluate(parameters={"finalists": finalists})
    after = {k: (len(v.legend.kinds), [len(d.reasons) for d in v.decisions.values()]) for k, v in ranked.items()}
    assert after == before


def test_the_reasons_kept_per_entry_hold_only_that_entrys_texts_and_numbers() -> None:
    # An entry's own reasons (a passed check, its cap, aggregate, combined score, tie
    # and seat) are kept as tuples of texts and numbers; what every entry shares (the
    # maker, a rule's message and outcome, the stage's rows) is in the stage's legend,
    # once. Such a tuple is one the garbage collector stops walking, and so is an
    # entry's tuple of them: a stage keeps no object per entry that the collector walks.
    import gc

    from inovasi_rules import get_plugin_manager
    from inovasi_rules.evaluation.context import Limits, build_context
    from inovasi_rules.evaluation.run import NOTHING_AHEAD, _decide
    from inovasi_rules.synthetic import generate_edition

    rs = load_ruleset(ROOT / "benchmarks" / "bench.yaml")
    ed = generate_edition(rs, submissions=300, seed=3)
    ctx = build_context(rs, ed, get_plugin_manager(load_entrypoints=False), Limits())
    done, _ = _decide(ctx, NOTHING_AHEAD, [])
    kept = [r for st in done.values() for d in st.decisions.values() for r in d.reasons]
    later = [r for r in kept if isinstance(r, tuple)]
    kinds = [d.legend.kinds[r[0]] for st in done.values() for d in st.decisions.values()
             for r in d.reasons if isinstance(r, tuple) and d.legend is not None]
    makers = {type(k).__name__ if isinstance(k, Reason) else k[0].__name__ for k in kinds}
    assert makers == {"Reason", "_cap_reason", "_aggregate_reason", "_combine_reason", "_tie_reason",
                      "_seat_reason"}
    atomic = (str, int, D, bool, type(None), range)

    def plain(v: object) -> bool:
        return isinstance(v, atomic) or (isinstance(v, tuple) and all(plain(x) for x in v))

    assert all(plain(v) for r in later for v in r), [r for r in later if not all(plain(v) for v in r)][:1]
    # Nor does one hold a tuple: the collector lets go of a tuple in a tuple only a
    # collection later, by which time both may have moved to its oldest generation.
    flat = [r for st in done.values() for t in st.decisions.reasons for r in t if isinstance(r, tuple)]
    assert flat
    assert not any(isinstance(v, tuple) for r in flat for v in r)
    gc.collect()
    gc.collect()  # (a tuple that holds a tuple may be let go at the collection after the inner one's)
    assert not any(gc.is_tracked(r) for r in later)
    per_entry = [t for st in done.values() for t in st.decisions.reasons if all(isinstance(r, tuple) for r in t)]
    assert len(per_entry) > 300  # (most entries at both stages)
    assert not any(gc.is_tracked(t) for t in per_entry)


def test_the_field_visits_keep_each_entrys_reasons_as_numbers_and_texts() -> None:
    # A verification stage, like the scored ones, keeps an entry's verdict and its
    # place in the order of the visits as tuples of texts and numbers written when
    # read, holding no tuple (the KIPP 2019 history: a stage that visits the top of
    # the ranking, with verdicts on file).
    from inovasi_rules import get_plugin_manager
    from inovasi_rules.evaluation.context import Limits, build_context
    from inovasi_rules.evaluation.run import NOTHING_AHEAD, _decide

    rs = load_ruleset("kipp-2019")
    ed = read_edition(ROOT / "examples" / "history" / "kipp-2019")
    ctx = build_context(rs, ed, get_plugin_manager(load_entrypoints=False), Limits())
    done, _ = _decide(ctx, NOTHING_AHEAD, [])
    visits = [st for st in done.values() if rs.stage(st.stage).kind == "verification"]
    assert visits
    kept = [r for st in visits for t in st.decisions.reasons for r in t]
    assert kept
    assert all(isinstance(r, tuple) and not any(isinstance(v, tuple) and v for v in r) for r in kept)
    made = {st.decisions.made(r).rule for st in visits for r in (t for ts in st.decisions.reasons for t in ts)}
    assert made == {"verdict", "confirm"}
