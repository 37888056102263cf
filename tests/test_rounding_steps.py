"""Where scores are rounded (``rounding.at``, #16 item 4): with only the final score
rounded, it equals the exact rational result rounded once; each step named in ``at`` is
rounded where it happens."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import edition, outcome, rows, ruleset, run
from inovasi_rules import RulesetError

_MODES = {"half_up": decimal.ROUND_HALF_UP, "half_even": decimal.ROUND_HALF_EVEN, "down": decimal.ROUND_DOWN}


def _once(value: Fraction, places: int, mode: str) -> Decimal:
    """``value`` rounded once, by Decimal division at a precision far beyond any tie's."""
    with decimal.localcontext(decimal.Context(prec=80)):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=_MODES[mode])


def _aggregate(method: str, totals: list[Fraction]) -> Fraction:
    xs, n = sorted(totals), len(totals)
    if method == "median":
        return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
    if method == "trimmed_mean" and n > 2:
        xs = xs[1:-1]
    return sum(xs, Fraction(0)) / len(xs)


def _rules(at: str, places: int, mode: str, w: tuple[int, int], method: str, share: int, add: str) -> object:
    return ruleset(f"""\
        rounding: {{places: {places}, mode: {mode}, at: {at}}}
        rubrics:
          - id: r
            total_weight: {w[0] + w[1]}
            criteria: [{{id: a, weight: {w[0]}}}, {{id: b, weight: {w[1]}}}]
        stages:
          - {{id: proposal, kind: assessment, rubric: r, judges: {{aggregate: {method}}}}}
          - id: presentasi
            kind: presentation
            rubric: r
            judges: {{aggregate: {method}}}
            combine: {{proposal: {share / 10}, presentasi: {(10 - share) / 10}}}
            adjustments: [{{id: bonus, add: {add}}}]
        """)


_score = st.integers(0, 1000).map(lambda n: Decimal(n) / 10)  # 0.0 to 100.0
_judge = st.tuples(_score, _score)


@settings(max_examples=150, deadline=None)
@given(
    places=st.integers(0, 3),
    mode=st.sampled_from(sorted(_MODES)),
    w=st.tuples(st.integers(1, 7), st.integers(1, 7)),
    method=st.sampled_from(["mean", "median", "trimmed_mean"]),
    share=st.integers(1, 9),
    add=st.integers(-30, 30).map(lambda n: str(Decimal(n) / 10)),
    prop=st.lists(_judge, min_size=1, max_size=4),
    pres=st.lists(_judge, min_size=1, max_size=4),
)
def test_with_only_the_final_score_rounded_it_is_the_exact_result_rounded_once(
    places: int, mode: str, w: tuple[int, int], method: str, share: int, add: str,
    prop: list[tuple[Decimal, Decimal]], pres: list[tuple[Decimal, Decimal]],
) -> None:
    rs = _rules("final", places, mode, w, method, share, add)
    scores = rows("proposal", {"A": {f"J{k}": {"a": a, "b": b} for k, (a, b) in enumerate(prop)}})
    scores += rows("presentasi", {"A": {f"J{k}": {"a": a, "b": b} for k, (a, b) in enumerate(pres)}})
    res = run(rs, edition(["A"], scores))

    def total(a: Decimal, b: Decimal) -> Fraction:
        return (w[0] * Fraction(a) + w[1] * Fraction(b)) / (w[0] + w[1])

    proposal = _aggregate(method, [total(a, b) for a, b in prop])
    announced = outcome(res, "A", "proposal").score
    # a stage without combine or bonus: its aggregate, rounded once
    assert announced == _once(proposal, places, mode)
    own = _aggregate(method, [total(a, b) for a, b in pres])
    # the earlier stage enters `combine` as announced; nothing else is rounded before the end
    exact = (Fraction(share, 10) * Fraction(announced) + Fraction(10 - share, 10) * own) + Fraction(add)
    assert outcome(res, "A", "presentasi").score == _once(exact, places, mode)


@settings(max_examples=60, deadline=None)
@given(
    places=st.integers(0, 2),
    w=st.tuples(st.integers(1, 7), st.integers(1, 7)),
    judges=st.lists(_judge, min_size=1, max_size=4),
)
def test_each_step_named_in_at_is_rounded_where_it_happens(
    places: int, w: tuple[int, int], judges: list[tuple[Decimal, Decimal]]
) -> None:
    def total(a: Decimal, b: Decimal) -> Fraction:
        return (w[0] * Fraction(a) + w[1] * Fraction(b)) / (w[0] + w[1])

    def r(x: Fraction) -> Fraction:
        return Fraction(_once(x, places, "half_up"))

    scores = rows("proposal", {"A": {f"J{k}": {"a": a, "b": b} for k, (a, b) in enumerate(judges)}})
    totals = [total(a, b) for a, b in judges]
    expected = {
        "[judge_total, aggregate, combined]": r(_aggregate("mean", [r(t) for t in totals])),
        "[judge_total]": r(_aggregate("mean", [r(t) for t in totals])),
        "[aggregate]": r(_aggregate("mean", totals)),
        "final": r(_aggregate("mean", totals)),
    }
    for at, want in expected.items():
        rs = _rules(at, places, "half_up", w, "mean", 5, "0")
        assert outcome(run(rs, edition(["A"], scores)), "A", "proposal").score == want, at


def test_the_default_rounds_every_step_and_a_partial_list_is_explained() -> None:
    body = """\
        rounding: {{places: 2{at}}}
        rubrics:
          - {{id: r, total_weight: 3, criteria: [{{id: a, weight: 1}}, {{id: b, weight: 2}}]}}
        stages:
          - {{id: nilai, kind: assessment, rubric: r}}
        """
    scores = rows("nilai", {"A": {"J1": {"a": 78, "b": 78}, "J2": {"a": 78, "b": 79}, "J3": {"a": 78, "b": 79}}})
    default = run(ruleset(body.format(at="")), edition(["A"], scores))
    assert outcome(default, "A", "nilai").score == Decimal("78.45")  # (78.00 + 78.67 + 78.67) / 3
    assert not [r for r in outcome(default, "A", "nilai").reasons if r.rule == "rounding"]
    once = run(ruleset(body.format(at=", at: final")), edition(["A"], scores))
    assert outcome(once, "A", "nilai").score == Decimal("78.44")  # 235.333... / 3
    partial = run(ruleset(body.format(at=", at: [judge_total]")), edition(["A"], scores))
    (said,) = [r for r in outcome(partial, "A", "nilai").reasons if r.rule == "rounding"]
    assert said.message.text("en") == (
        "rounded (2 decimal places): the judges' totals and the final score; "
        "the other values are computed exactly and shown rounded")
    assert said.message.text("id").startswith("dibulatkan (2 angka di belakang koma): total juri dan nilai akhir")


def test_normalised_mean_needs_rounded_totals() -> None:
    with pytest.raises(RulesetError) as err:
        ruleset("""\
            rounding: {at: final}
            rubrics:
              - {id: r, criteria: [{id: c, weight: 100}]}
            stages:
              - {id: nilai, kind: assessment, rubric: r, judges: {aggregate: normalised_mean}}
            """)
    (p,) = err.value.problems
    assert (p.path, p.line) == ("stages[0].judges.aggregate", 9)
    assert "rounding.at" in p.message
    assert " / " in p.message
