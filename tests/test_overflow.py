"""Exact arithmetic never overflows: scores with many decimal places, many judges and
large numbers give what the same arithmetic on Decimals gives, never a wrapped-around
int64 (a negative mean, the wrong winner) nor an OverflowError."""

from __future__ import annotations

import decimal
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import edition, outcome, rows, ruleset, run

_MODES = {"half_up": decimal.ROUND_HALF_UP, "half_even": decimal.ROUND_HALF_EVEN, "down": decimal.ROUND_DOWN}


def _tied_ruleset() -> str:
    return """\
        rubrics:
          - {id: r, scale: {min: 0, max: 1}, criteria: [{id: a, weight: 50}, {id: b, weight: 50}]}
        stages:
          - id: nilai
            kind: assessment
            rubric: r
            tie_break: [{criterion: a}]
            advance: {top: 1}
        awards:
          - {id: juara, stage: nilai, rank: {top: 1}}
        """


def _ten_judges(places: int) -> dict[str, dict[str, dict[str, D]]]:
    long = D("0." + "9" * places)  # 0.999...9, as many nines as places
    return {
        # total (long + 0.5) / 2 = 0.7499...95, rounded to 0.75; criterion a: 1.00
        "X": {f"J{j:02}": {"a": long, "b": D("0.5")} for j in range(10)},
        # total (0.99 + 0.51) / 2 = 0.75 exactly; criterion a: 0.99
        "Y": {f"J{j:02}": {"a": D("0.99"), "b": D("0.51")} for j in range(10)},
    }


def test_eighteen_places_over_ten_judges_keep_the_right_winner() -> None:
    for places in (18, 19, 20):
        result = run(ruleset(_tied_ruleset()), edition(["X", "Y"], rows("nilai", _ten_judges(places))))
        x, y = outcome(result, "X", "nilai"), outcome(result, "Y", "nilai")
        assert x.score == y.score == D("0.75")
        assert str(x.criteria["a"]) == "1.00"
        assert str(y.criteria["a"]) == "0.99"
        # the tie is broken by criterion a, higher first: X
        assert result.winners("juara") == ["X"]
        assert x.rank == 1
        assert y.rank == 2


def _q(value: D, places: int, mode: str) -> D:
    return value.quantize(D(1).scaleb(-places), rounding=_MODES[mode])


_digits = st.integers(min_value=0, max_value=10**20 - 1)


@settings(max_examples=60, deadline=None)
@given(
    fractions=st.integers(min_value=0, max_value=20),
    weights=st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=3),
    judges=st.integers(min_value=1, max_value=12),
    data=st.data(),
    method=st.sampled_from(["mean", "median", "trimmed_mean"]),
    places=st.integers(min_value=0, max_value=4),
    mode=st.sampled_from(sorted(_MODES)),
)
def test_any_score_the_readers_accept_gives_the_decimal_result(
    fractions: int, weights: list[int], judges: int, data: st.DataObject, method: str,
    places: int, mode: str,
) -> None:
    """Scores with up to 20 decimal places (the readers' limit) on a scale up to 10**14,
    weights up to a million, up to twelve judges: every total, aggregate and criterion
    mean equals an independent computation on Decimals with enough precision."""
    crits = [f"k{i}" for i in range(len(weights))]
    hi = D(10) ** 14
    score = _digits.map(lambda n: min(hi, D(n).scaleb(-fractions)))
    table = {"A": {f"J{j:02}": {c: data.draw(score) for c in crits} for j in range(judges)}}
    criteria = ", ".join(f"{{id: {c}, weight: {w}}}" for c, w in zip(crits, weights, strict=True))
    body = f"""\
        rounding: {{places: {places}, mode: {mode}}}
        rubrics:
          - {{id: r, scale: {{min: 0, max: {hi}}}, total_weight: {sum(weights)}, criteria: [{criteria}]}}
        stages:
          - {{id: nilai, kind: assessment, rubric: r, judges: {{aggregate: {method}, trim: 1}}}}
        """
    o = outcome(run(ruleset(body), edition(["A"], rows("nilai", table))), "A", "nilai")
    exact = decimal.Context(prec=200)
    total_weight = D(sum(weights))
    totals = []
    for j in sorted(table["A"]):
        s = sum((exact.multiply(D(w), table["A"][j][c]) for c, w in zip(crits, weights, strict=True)), D(0))
        totals.append(_q(exact.divide(s, total_weight), places, mode))
    assert [str(js.total) for js in o.judges] == [str(t) for t in totals]
    ordered = sorted(totals)
    n = len(ordered)
    if method == "median":
        value = ordered[n // 2] if n % 2 else exact.divide(ordered[n // 2 - 1] + ordered[n // 2], D(2))
    elif method == "trimmed_mean" and n > 2:
        kept = ordered[1 : n - 1]
        value = exact.divide(sum(kept, D(0)), D(len(kept)))
    else:
        value = exact.divide(sum(ordered, D(0)), D(n))
    assert str(o.score) == str(_q(value, places, mode))
    for c in crits:
        mean = exact.divide(sum((table["A"][j][c] for j in table["A"]), D(0)), D(judges))
        assert str(o.criteria[c]) == str(_q(mean, places, mode))
