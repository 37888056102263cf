"""Scores in columns (ScoreTable) and the integer arithmetic the engine does on them.

The engine keeps scores as integers scaled by powers of ten and rounds with integer
division; these tests hold it to the Decimal definitions of :mod:`inovasi_rules.evaluation.scoring`
(the reference), including for numbers too large for int64.
"""

from __future__ import annotations

import decimal
import pickle
from decimal import Decimal as D
from unittest import mock

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import edition, outcome, rows, ruleset, run, single_criterion
from inovasi_rules import Edition, JudgeScore, ReadLimits, Score, ScoreTable, Submission
from inovasi_rules.decimals import NumberLimits
from inovasi_rules.evaluation import scoring
from inovasi_rules.evaluation.scoring import (
    aggregate,
    decimal_places,
    divide_rounded,
    divide_rounded_int,
    judge_total,
    quantizer,
    scaled,
)
from inovasi_rules.ruleset.model import Rounding

MODES = {"half_up": decimal.ROUND_HALF_UP, "half_even": decimal.ROUND_HALF_EVEN, "down": decimal.ROUND_DOWN}


# ------------------------------------------------------------------ ScoreTable


def _scores() -> list[Score]:
    return [
        Score("A", "proposal", "J1", "gagasan", D("80"), 2),
        Score("A", "proposal", "J1", "manfaat", D("80.0"), 3),
        Score("B", "proposal", "J2", "gagasan", D("75.5"), 4),
    ]


def test_a_table_reads_back_as_the_scores_it_was_made_of() -> None:
    t = ScoreTable.from_scores(_scores())
    assert len(t) == 3
    assert list(t) == _scores()
    assert t == _scores()
    assert t == tuple(_scores())
    assert t[-1] == Score("B", "proposal", "J2", "gagasan", D("75.5"))
    assert t[-1].row == 4
    assert t[1:] == tuple(_scores()[1:])
    # 80 and 80.0 are equal numbers but written differently: both are kept as written
    assert str(t[0].value) == "80"
    assert str(t[1].value) == "80.0"
    assert t.submissions == ("A", "B")
    assert t.judges == ("J1", "J2")
    assert t.sub.tolist() == [0, 0, 1]
    with pytest.raises(IndexError):
        t[3]


def test_a_table_is_read_only_and_survives_pickling() -> None:
    t = ScoreTable.from_scores(_scores())
    with pytest.raises(AttributeError):
        t.rows = None  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        t.sub[0] = 1
    back = pickle.loads(pickle.dumps(t))
    assert back == t
    assert [s.row for s in back] == [2, 3, 4]


def test_scores_without_rows_have_none() -> None:
    t = ScoreTable.from_scores([Score("A", "p", "J1", "c", D(1))])
    assert t.rows is None
    assert t[0].row is None


def test_codes_outside_the_dictionary_are_refused() -> None:
    with pytest.raises(ValueError, match="code outside"):
        ScoreTable(submissions=["A"], stages=["p"], judges=["J"], criteria=["c"], values=[D(1)],
                   sub=[1], stage=[0], judge=[0], criterion=[0], value=[0])


def test_an_edition_keeps_any_iterable_of_scores_as_a_table() -> None:
    ed = Edition(id="e", submissions=[Submission("A")], scores=iter(_scores()))
    assert isinstance(ed.scores, ScoreTable)
    assert ed == Edition(id="e", submissions=[Submission("A")], scores=_scores())
    assert ed != Edition(id="e", submissions=[Submission("A")], scores=_scores()[:2])


# ------------------------------------------------------------------ integer arithmetic


@given(
    st.lists(st.integers(-(10**30), 10**30), min_size=1, max_size=20),
    st.integers(1, 10**6),
    st.sampled_from(sorted(MODES)),
)
def test_divide_rounded_is_decimal_quantize(nums: list[int], den: int, mode: str) -> None:
    with decimal.localcontext(decimal.Context(prec=100)):
        expected = [int((D(n) / D(den)).quantize(D(1), rounding=MODES[mode])) for n in nums]
    assert [divide_rounded_int(n, den, mode) for n in nums] == expected
    assert divide_rounded(np.array(nums, dtype=object), den, mode).tolist() == expected
    small = [n % 10**15 - 5 * 10**14 for n in nums]
    with decimal.localcontext(decimal.Context(prec=100)):
        expected_small = [int((D(n) / D(den)).quantize(D(1), rounding=MODES[mode])) for n in small]
    assert divide_rounded(np.array(small, dtype=np.int64), den, mode).tolist() == expected_small


def test_scaled_and_decimal_places() -> None:
    assert decimal_places([D("1"), D("2.50"), D("1E+3")]) == 2
    assert [scaled(v, 2) for v in (D("1"), D("2.50"), D("1E+3"), D("-0.5"))] == [100, 250, 100000, -50]
    with pytest.raises(ValueError, match="more than 2 decimal places"):
        scaled(D("0.125"), 2)


_score = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False)
_weight = st.sampled_from([D(1), D(5), D("12.5"), D("0.4"), D("33.333"), D(3), D(7)])


@settings(max_examples=60, deadline=None)
@given(
    weights=st.lists(_weight, min_size=1, max_size=4),
    judges=st.lists(st.lists(_score, min_size=4, max_size=4), min_size=1, max_size=6),
    method=st.sampled_from(["mean", "median", "trimmed_mean"]),
    places=st.integers(0, 3),
    mode=st.sampled_from(sorted(MODES)),
)
def test_engine_totals_match_the_decimal_definitions(
    weights: list[D], judges: list[list[D]], method: str, places: int, mode: str
) -> None:
    """Each judge's total, the aggregate and the criterion breakdown, as the engine
    computes them on integers, equal the Decimal reference of inovasi_rules.evaluation.scoring."""
    crits = [f"k{i}" for i in range(len(weights))]
    criteria = ", ".join(f"{{id: {c}, weight: {w}}}" for c, w in zip(crits, weights, strict=True))
    body = f"""\
        rounding: {{places: {places}, mode: {mode}}}
        rubrics:
          - {{id: r, scale: {{min: 0, max: 100}}, total_weight: {sum(weights)}, criteria: [{criteria}]}}
        stages:
          - {{id: nilai, kind: assessment, rubric: r, judges: {{aggregate: {method}, trim: 1}}}}
        """
    table = {"A": {f"J{j}": dict(zip(crits, scores, strict=False)) for j, scores in enumerate(judges)}}
    o = outcome(run(ruleset(body), edition(["A"], rows("nilai", table))), "A", "nilai")
    q = quantizer(Rounding(places=places, mode=mode))
    wmap = dict(zip(crits, weights, strict=True))
    totals = [q(judge_total(dict(zip(crits, s, strict=False)), wmap, sum(weights, D(0)))) for s in judges]
    assert [j.total for j in o.judges] == totals
    assert all(str(j.total) == str(t) for j, t in zip(o.judges, totals, strict=True))
    value, _ = aggregate(method, totals, 1)
    assert o.score == q(value)
    assert str(o.score) == str(q(value))
    for i, c in enumerate(crits):
        mean = sum((s[i] for s in judges), D(0)) / len(judges)
        assert str(o.criteria[c]) == str(q(mean))


@settings(max_examples=60, deadline=None)
@given(
    table=st.dictionaries(
        st.sampled_from(["A", "B", "C", "D", "E"]),
        st.dictionaries(
            st.sampled_from(["J1", "J2", "J3"]),
            st.dictionaries(st.sampled_from(["k0", "k1", "k2"]), _score, min_size=1),
            min_size=1,
        ),
        min_size=1,
    ),
    block=st.integers(1, 12),
    at=st.sampled_from(["[judge_total, aggregate, combined]", "final"]),
)
def test_judges_totals_made_a_block_of_rows_at_a_time_are_the_same_for_any_block(
    table: dict[str, dict[str, dict[str, D]]], block: int, at: str
) -> None:
    """The judges' totals are made a few thousand score rows at a time. Wherever a
    block ends (a judge's scores are never cut), each complete judge's total is the
    Decimal definition and the whole result is the one of a single block."""
    body = f"""\
        rounding: {{places: 2, at: {at}}}
        rubrics:
          - {{id: r, scale: {{min: 0, max: 100}}, total_weight: 6,
             criteria: [{{id: k0, weight: 1}}, {{id: k1, weight: 2}}, {{id: k2, weight: 3}}]}}
        stages:
          - {{id: nilai, kind: assessment, rubric: r, judges: {{aggregate: mean}}}}
        """
    rs, ed = ruleset(body), edition(sorted(table), rows("nilai", table))
    whole = run(rs, ed)
    with mock.patch.object(scoring, "_BLOCK_ROWS", block):
        blocks = run(rs, ed)
    assert blocks.to_json() == whole.to_json()
    weights = {"k0": D(1), "k1": D(2), "k2": D(3)}
    q = quantizer(Rounding(places=2))
    for sid, by_judge in table.items():
        o = outcome(blocks, sid, "nilai")
        shown = {j.judge: j.total for j in o.judges}
        exact = {j: judge_total(s, weights, D(6)) for j, s in by_judge.items() if len(s) == 3}
        assert all(shown[j] == q(total) for j, total in exact.items())
        if len(exact) == len(by_judge):  # (the score of the exact totals when not rounded)
            counted = [q(t) if at != "final" else t for t in exact.values()]
            assert o.score == q(sum(counted, D(0)) / len(counted))


def test_numbers_too_large_for_int64_are_exact() -> None:
    huge = D(10) ** 17
    # A ruleset file may not write a scale this wide (numbers.NumberLimits); a host
    # building its ruleset in Python may.
    base = single_criterion("judges: {aggregate: mean}")
    (rubric,) = base.rubrics
    wide_scale = attrs.evolve(rubric.scale, max=huge * 10)
    rs = attrs.evolve(base, rubrics=(attrs.evolve(rubric, scale=wide_scale),))
    wide = ReadLimits(numbers=NumberLimits(integer_digits=20))  # beyond the default 15
    ed = edition(["A"], rows("nilai", {"A": {"J1": huge + D("0.01"), "J2": huge * 3}}), limits=wide)
    o = outcome(run(rs, ed), "A", "nilai")
    assert [j.total for j in o.judges] == [D("100000000000000000.01"), D("300000000000000000.00")]
    assert str(o.score) == "200000000000000000.01"  # (1e17 + 0.01 + 3e17) / 2 = 2e17 + 0.005, half up


def test_the_same_score_twice_in_a_hand_built_edition_keeps_the_later() -> None:
    rs = single_criterion("judges: {aggregate: mean}")
    ed = Edition(
        id="e",
        submissions=[Submission("A")],
        scores=[Score("A", "nilai", "J1", "c", D(50)), Score("A", "nilai", "J1", "c", D(70))],
    )
    o = outcome(run(rs, ed), "A", "nilai")
    assert [j.total for j in o.judges] == [D("70.00")]
    assert o.score == D(70)


def test_judges_and_criteria_come_in_id_order_whatever_the_input_order() -> None:
    body = """\
        rubrics:
          - {id: r, total_weight: 2, criteria: [{id: zeta, weight: 1}, {id: alfa, weight: 1}]}
        stages:
          - {id: nilai, kind: assessment, rubric: r}
        """
    table = {"A": {"J9": {"zeta": 10, "alfa": 20}, "J10": {"zeta": 30, "alfa": 40}, "J1": {"alfa": 1, "zeta": 3}}}
    o = outcome(run(ruleset(body), edition(["A"], rows("nilai", table))), "A", "nilai")
    assert [j.judge for j in o.judges] == ["J1", "J10", "J9"]
    assert [list(j.criteria) for j in o.judges] == [["alfa", "zeta"]] * 3
    assert dict(o.judges[2].criteria) == {"alfa": D(20), "zeta": D(10)}
    assert list(o.criteria) == ["zeta", "alfa"]  # the breakdown in the rubric's order


def test_judge_scores_made_on_first_look_equal_the_scores_as_a_tuple() -> None:
    rs = single_criterion("judges: {aggregate: mean}")
    ed = edition(["A", "B"], rows("nilai", {"A": {"J1": 80, "J2": 90}, "B": {"J1": 70}}))
    result = run(rs, ed)
    o = outcome(result, "A", "nilai")
    expected = (
        JudgeScore("J1", D("80.00"), {"c": D(80)}, D("80.00")),
        JudgeScore("J2", D("90.00"), {"c": D(90)}, D("90.00")),
    )
    assert o.judges == expected
    assert expected == o.judges
    assert len(o.judges) == 2
    assert o.judges[-1].criteria["c"] == D(90)
    assert pickle.loads(pickle.dumps(result)) == result
    assert '"judge": "J2"' in result.to_json()


@settings(max_examples=200, deadline=None)
@given(
    entries=st.lists(
        st.lists(st.integers(min_value=-10**6, max_value=10**6), min_size=0, max_size=7),
        min_size=1,
        max_size=12,
    ),
    method=st.sampled_from(["mean", "median", "trimmed_mean"]),
    trim=st.integers(min_value=0, max_value=3),
    mode=st.sampled_from(["half_up", "half_even", "down"]),
    big=st.booleans(),
    contiguous=st.booleans(),
)
def test_aggregates_of_many_entries_equal_the_decimal_definitions(
    entries: list[list[int]], method: str, trim: int, mode: str, big: bool, contiguous: bool
) -> None:
    """The engine takes the judges' aggregate of many entries at once, on integers
    (totals times 10 ** places); each equals the Decimal definition for that entry
    alone, rounded, also for totals too large for int64 and for counted totals that
    are not side by side."""
    from array import array

    from inovasi_rules.evaluation.scoring import aggregate_many

    places = 2
    scale = 10**20 if big else 1
    flat = [v * scale for e in entries for v in e]
    values = [int(v) for v in flat] if big else array("q", flat)
    groups: dict[str, range | list[int]] = {}
    g = 0
    for k, e in enumerate(entries):
        groups[f"S{k}"] = range(g, g + len(e)) if contiguous else list(range(g, g + len(e)))
        g += len(e)
    got = aggregate_many(method, groups, values, trim, mode)
    assert list(got) == [sid for sid, e in zip(groups, entries, strict=True) if e]  # in the order given
    q = quantizer(Rounding(places=0, mode=mode))
    for k, e in enumerate(entries):
        sid = f"S{k}"
        if not e:
            assert sid not in got
            continue
        totals = [D(v * scale).scaleb(-places) for v in e]
        value, trimmed = aggregate(method, totals, trim)
        base, was_trimmed, spread = got[sid]
        assert D(base) == q(value.scaleb(places))
        assert was_trimmed == trimmed
        assert D(spread).scaleb(-places) == max(totals) - min(totals)
