"""Rubric totals as competitions define them: ``total: weighted_mean`` (the default),
``weighted_sum``, or a declared output scale, with per-criterion scales."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import edition, outcome, rows, ruleset, run
from inovasi_rules import EvaluationError, Registry, RulesetError, loads_ruleset
from inovasi_rules.evaluation.scoring import judge_total, quantizer, total_factor
from inovasi_rules.ruleset.model import Rounding

SCALED = """\
    rubrics:
      - id: r
        scale: {min: 0, max: 10}
        total: {scale: {min: 0, max: 100}}
        criteria: [{id: a, weight: 40}, {id: b, weight: 60}]
    stages:
      - {id: nilai, kind: assessment, rubric: r}
    """


def test_a_declared_total_scale_puts_ten_point_scores_on_a_hundred() -> None:
    ed = edition(["A"], rows("nilai", {"A": {"J1": {"a": 8, "b": 9}, "J2": {"a": 7, "b": D("6.5")}}}))
    o = outcome(run(ruleset(SCALED), ed), "A", "nilai")
    # J1: (40*8 + 60*9) / 10 = 86; J2: (40*7 + 60*6.5) / 10 = 67; mean 76.5
    assert [j.total for j in o.judges] == [D(86), D(67)]
    assert o.score == D("76.5")


def test_weighted_sum_adds_weight_times_score() -> None:
    body = """\
        rubrics:
          - id: r
            scale: {min: 1, max: 5}
            total_weight: 10
            total: weighted_sum
            criteria: [{id: a, weight: 4}, {id: b, weight: 6}]
        stages:
          - {id: nilai, kind: assessment, rubric: r}
        """
    ed = edition(["A"], rows("nilai", {"A": {"J1": {"a": 5, "b": 3}}}))
    # 4*5 + 6*3 = 38
    assert outcome(run(ruleset(body), ed), "A", "nilai").score == D(38)


def test_criteria_on_their_own_scales_are_placed_on_the_total_scale() -> None:
    body = """\
        rubrics:
          - id: r
            scale: {min: 0, max: 10}
            total: {scale: {min: 0, max: 100}}
            criteria:
              - {id: a, weight: 50}
              - {id: b, weight: 50, scale: {min: 1, max: 5}}
        stages:
          - {id: nilai, kind: assessment, rubric: r}
        """
    ed = edition(["A"], rows("nilai", {"A": {"J1": {"a": 6, "b": 4}}}))
    # a: 6 of 0-10 is 0.6; b: 4 of 1-5 is (4-1)/4 = 0.75; 100 * (0.5*0.6 + 0.5*0.75) = 67.5
    assert outcome(run(ruleset(body), ed), "A", "nilai").score == D("67.5")


def test_a_score_off_its_criterion_scale_is_a_located_error() -> None:
    body = """\
        rubrics:
          - id: r
            scale: {min: 0, max: 10}
            total: weighted_sum
            criteria:
              - {id: a, weight: 50}
              - {id: b, weight: 50, scale: {min: 1, max: 5}}
        stages:
          - {id: nilai, kind: assessment, rubric: r}
        """
    ed = edition(["A"], rows("nilai", {"A": {"J1": {"a": 8, "b": 8}}}))
    with pytest.raises(EvaluationError, match="score 8 is off the scale 1–5") as err:
        run(ruleset(body), ed)
    assert err.value.problems[0].path == "scores[1].score"  # the record: a of J1, then b


def test_criteria_on_different_scales_need_a_declared_total() -> None:
    text = """\
schema_version: 1
id: uji
name: Uji
level: regency
rubrics:
  - id: r
    scale: {min: 0, max: 10}
    criteria:
      - {id: a, weight: 50}
      - {id: b, weight: 50, scale: {min: 1, max: 5}}
stages:
  - {id: nilai, kind: assessment, rubric: r}
"""
    with pytest.raises(RulesetError) as err:
        loads_ruleset(text, file="uji.yaml", registry=Registry(bundled=False))
    problem = err.value.problems[0]
    assert problem.line == 10
    assert "skala berbeda" in problem.message
    assert "weighted_sum" in (problem.hint or "")


weights = st.lists(st.integers(1, 60), min_size=1, max_size=4)
score_steps = st.integers(0, 20)


@settings(max_examples=60, deadline=None)
@given(weights, st.data(), st.sampled_from(["weighted_sum", "scaled"]))
def test_a_declared_total_is_the_weighted_mean_times_its_factor(ws: list[int], data: st.DataObject, method: str) -> None:
    """Property: the engine's total under ``weighted_sum`` or a declared scale is the
    weighted-mean total times the declared factor, computed exactly and rounded once."""
    crits = "".join(f"      - {{id: c{i}, weight: {w}}}\n" for i, w in enumerate(ws))
    total = "weighted_sum" if method == "weighted_sum" else "{scale: {min: 0, max: 100}}"
    body = (
        "rubrics:\n  - id: r\n    scale: {min: 0, max: 10}\n"
        f"    total_weight: {sum(ws)}\n    total: {total}\n    criteria:\n{crits}"
        "stages:\n  - {id: nilai, kind: assessment, rubric: r}\n"
    )
    mean_body = body.replace(f"    total: {total}\n", "")
    scores = {f"c{i}": D(data.draw(score_steps)) / 2 for i in range(len(ws))}
    ed = edition(["A"], rows("nilai", {"A": {"J1": scores}}))
    declared, plain = ruleset(body), ruleset(mean_body)
    factor = total_factor(declared.rubrics[0], D(sum(ws)))
    assert factor == (D(sum(ws)) if method == "weighted_sum" else D(10))
    unrounded_mean = judge_total(scores, {f"c{i}": D(w) for i, w in enumerate(ws)}, D(sum(ws)))
    q = quantizer(Rounding())
    got = outcome(run(declared, ed), "A", "nilai").judges[0].total
    assert got == q(unrounded_mean * factor)
    assert outcome(run(plain, ed), "A", "nilai").judges[0].total == q(unrounded_mean)
