"""Judges and ranks under uncertainty: panel diagnostics, rank confidence, sensitivity."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine_helpers import edition, rows, ruleset, single_criterion
from inovasi_rules import (
    Edition,
    Result,
    Ruleset,
    aggregation_sensitivity,
    changes_within_noise,
    evaluate,
    panel_diagnostics,
    rank_confidence,
    robustness_report,
)
from inovasi_rules.cli import main
from inovasi_rules.robustness import krippendorff_alpha, render_html, robustness_schema, summarize

ROOT = Path(__file__).resolve().parents[1]
HISTORY = ROOT / "examples" / "history" / "kipp-2019"


def _top(k: int, aggregate: str = "mean") -> Ruleset:
    return single_criterion(
        f"judges: {{min: 1, aggregate: {aggregate}}}\nadvance: {{top: {k}, ties: break}}",
        extra="awards:\n  - {id: juara, stage: nilai, rank: {top: 1}}\n",
    )


def _run(rs: Ruleset, ed: Edition) -> Result:
    return evaluate(rs, ed, load_entrypoints=False)


@st.composite
def panels(draw: st.DrawFn, agree: bool) -> tuple[int, dict[str, dict[str, int]]]:
    """(seats, {entry: {judge: score}}): 3-10 entries, 2-4 of 5 judges each; with
    ``agree`` every judge gives an entry the same score."""
    n = draw(st.integers(3, 10))
    table: dict[str, dict[str, int]] = {}
    for i in range(n):
        judges = draw(st.lists(st.sampled_from(["J1", "J2", "J3", "J4", "J5"]), min_size=2,
                               max_size=4, unique=True))
        if agree:
            score = draw(st.integers(0, 100))
            table[f"E{i:02d}"] = dict.fromkeys(judges, score)
        else:
            table[f"E{i:02d}"] = {j: draw(st.integers(0, 100)) for j in judges}
    return draw(st.integers(1, n - 1)), table


SETTINGS = settings(max_examples=20, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(panels(agree=True), st.integers(0, 2**32))
def test_without_disagreement_every_outcome_is_certain(case: tuple[int, dict[str, dict[str, int]]],
                                                       seed: int) -> None:
    seats, table = case
    ed = edition(list(table), rows("nilai", table))
    conf = rank_confidence(_top(seats), ed, replicates=15, seed=seed)
    for e in conf.entries:
        assert all(k in (0, conf.replicates) for k in e.counts.values())
        assert all(iv.width == 0 for iv in e.intervals.values())
        assert all(iv.expected == iv.low for iv in e.intervals.values())
    for c in conf.cutoffs:
        assert c.zone == ()
        assert c.seats_in_zone == 0


@SETTINGS
@given(panels(agree=False), st.integers(0, 2**32))
def test_expected_number_passing_equals_the_seats(case: tuple[int, dict[str, dict[str, int]]],
                                                  seed: int) -> None:
    seats, table = case
    ed = edition(list(table), rows("nilai", table))
    conf = rank_confidence(_top(seats), ed, replicates=15, seed=seed)
    cut = conf.cutoff("stage:nilai")
    assert cut.seats == seats
    assert cut.expected == seats
    assert sum(conf.probability(e.id, "stage:nilai") for e in conf.entries) == seats
    assert conf.cutoff("award:juara").expected == 1


def _noisy(n: int = 30, seed: int = 5) -> tuple[Ruleset, Edition]:
    rnd = random.Random(seed)
    table = {}
    for i in range(n):
        quality = rnd.randint(40, 90)
        table[f"E{i:02d}"] = {f"J{j}": max(0, min(100, quality + rnd.randint(-12, 12)))
                              for j in rnd.sample(range(1, 7), 3)}
    return _top(10), edition(list(table), rows("nilai", table))


def test_same_seed_same_bytes() -> None:
    rs, ed = _noisy()
    a = robustness_report(rs, ed, replicates=30, seed=11)
    b = robustness_report(rs, ed, replicates=30, seed=11)
    assert a.to_json() == b.to_json()
    assert render_html(a, "id") == render_html(b, "id")
    c = robustness_report(rs, ed, replicates=30, seed=12)
    assert c.to_json() != a.to_json()


def test_more_replicates_narrow_no_interval_beyond_the_tolerance() -> None:
    """A rank interval is the spread of the ranks, not the error of an estimate: with
    eight times the replicates it stays as wide, up to the chance of estimating two
    percentiles from 100 draws. Stated tolerance: no interval narrows by more than 3
    ranks, and the mean width by no more than 1 rank."""
    rs, ed = _noisy()
    few = rank_confidence(rs, ed, replicates=100, seed=1)
    many = rank_confidence(rs, ed, replicates=800, seed=2)
    widths = [(e.intervals["nilai"].width, many.entry(e.id).intervals["nilai"].width)
              for e in few.entries]
    assert any(w > 0 for w, _ in widths)
    assert all(w_many >= w_few - 3 for w_few, w_many in widths)
    assert sum(m for _, m in widths) / len(widths) >= sum(f for f, _ in widths) / len(widths) - 1


def test_a_very_severe_judge_is_flagged() -> None:
    rnd = random.Random(3)
    table: dict[str, dict[str, int]] = {}
    for i in range(24):
        quality = rnd.randint(50, 85)
        judges = [f"J{(i + k) % 6 + 1}" for k in range(3)]
        table[f"E{i:02d}"] = {j: quality + rnd.randint(-3, 3) - (25 if j == "J4" else 0) for j in judges}
    rs = _top(5)
    ed = edition(list(table), rows("nilai", table))
    (panel,) = panel_diagnostics(rs, _run(rs, ed))
    assert panel.judge("J4").flags == ("severe",)
    assert panel.judge("J4").severity is not None
    assert panel.judge("J4").severity < -20
    assert [j.judge for j in panel.flagged] == ["J4"]
    assert panel.judge("J4").entries == 12
    assert panel.alpha is not None
    assert panel.alpha < Decimal("0.667")
    assert len(panel.groups) == 1


def test_normalising_across_unlinked_judge_groups_is_a_warning_naming_them() -> None:
    table = {f"A{i}": {"J1": 60 + i, "J2": 62 + i} for i in range(6)}
    table |= {f"B{i}": {"J3": 70 + i, "J4": 71 + i} for i in range(6)}
    ed = edition(list(table), rows("nilai", table))
    normalised = _top(4, "normalised_mean")
    (panel,) = panel_diagnostics(normalised, _run(normalised, ed))
    assert [g.judges for g in panel.groups] == [("J1", "J2"), ("J3", "J4")]
    (warning,) = panel.warnings
    assert "{J1, J2}; {J3, J4}" in warning.id
    assert "{J1, J2}; {J3, J4}" in warning.text("en")
    mean = _top(4)
    (plain,) = panel_diagnostics(mean, _run(mean, ed))
    assert plain.warnings == ()


def test_krippendorff_alpha_of_krippendorffs_own_example() -> None:
    """Krippendorff (2011), *Computing Krippendorff's alpha-reliability*: 4 observers,
    12 units, values missing; alpha for interval data is 0.849."""
    obs = ["1 2 3 3 2 1 4 1 2 . . .", "1 2 3 3 2 2 4 1 2 5 . 3",
           ". 3 3 3 2 3 4 2 2 5 1 .", "1 2 3 3 2 4 4 1 2 5 1 ."]
    units = [[Decimal(v) for v in col if v != "."] for col in zip(*(o.split() for o in obs), strict=True)]
    alpha = krippendorff_alpha(units)
    assert alpha is not None
    assert round(float(alpha), 3) == 0.849
    assert krippendorff_alpha([[Decimal(5)], [Decimal(3)]]) is None


def test_median_and_mean_choose_differently_and_the_sensitivity_says_who() -> None:
    table = {"A": {"J1": 0, "J2": 90, "J3": 90}, "B": {"J1": 70, "J2": 70, "J3": 70},
             "C": {"J1": 10, "J2": 10, "J3": 10}}
    ed = edition(list(table), rows("nilai", table))
    sens = aggregation_sensitivity(_top(1), ed, weight_range=None)
    mean = next(v for v in sens.variants if v.id == "aggregate:mean")
    median = next(v for v in sens.variants if v.id == "aggregate:median")
    assert mean.own
    assert all(c.changed == 0 for c in mean.changes)
    assert median.change("stage:nilai").entered == ("A",)
    assert median.change("stage:nilai").left == ("B",)
    assert [v.kind for v in sens.variants] == ["aggregate"] * 4


def test_weights_moved_one_at_a_time() -> None:
    two = ruleset("""\
        rubrics:
          - id: r
            criteria: [{id: a, weight: 50}, {id: b, weight: 50}]
        stages:
          - id: nilai
            kind: assessment
            rubric: r
            advance: {top: 1, ties: break}
        """)
    table = {"X": {"J1": {"a": 80, "b": 60}}, "Y": {"J1": {"a": 60, "b": 79}}}
    ed = edition(list(table), rows("nilai", table))
    sens = aggregation_sensitivity(two, ed, aggregations=("mean",), weight_range="0.1")
    ids = [v.id for v in sens.variants]
    assert ids == ["aggregate:mean", "weight:r/a:-10%", "weight:r/a:+10%", "weight:r/b:-10%",
                   "weight:r/b:+10%"]
    # X leads 70 to 69.5; a weight of 45 on a (b 50) gives X 69.47, Y 69.74
    down_a = next(v for v in sens.variants if v.id == "weight:r/a:-10%")
    assert down_a.change("stage:nilai").entered == ("Y",)
    up_a = next(v for v in sens.variants if v.id == "weight:r/a:+10%")
    assert up_a.change("stage:nilai").entered == ()


def test_changes_within_noise_separate_a_rule_from_the_judges() -> None:
    table = {"A": {"J1": 90, "J2": 90}, "B": {"J1": 60, "J2": 80}, "C": {"J1": 80, "J2": 60},
             "D": {"J1": 10, "J2": 10}}
    ed = edition(list(table), rows("nilai", table))
    one = rank_confidence(_top(1), ed, replicates=60, seed=4)
    two = rank_confidence(_top(2), ed, replicates=60, seed=4)
    three = rank_confidence(_top(3), ed, replicates=60, seed=4)
    (stage_12, award_12) = changes_within_noise(one, two)
    assert len(stage_12.changed) == 1
    assert stage_12.changed[0] in ("B", "C")
    assert stage_12.within_noise == stage_12.changed
    assert award_12.changed == ()
    (stage_13, _) = changes_within_noise(one, three)
    assert stage_13.changed == ("B", "C")
    assert stage_13.within_noise == ()
    assert stage_13.beyond_noise == ("B", "C")


def test_bad_arguments_are_refused_in_both_languages() -> None:
    rs, ed = _noisy(6)
    with pytest.raises(ValueError, match=r"replicates must be at least 1 .* replikasi minimal 1"):
        rank_confidence(rs, ed, replicates=0)
    with pytest.raises(ValueError, match="tingkat antara 0 dan 1"):
        rank_confidence(rs, ed, level="1.5")
    with pytest.raises(ValueError, match="max_cells"):
        rank_confidence(rs, ed, replicates=10, max_cells=5)
    with pytest.raises(ValueError, match="unknown aggregation"):
        aggregation_sensitivity(rs, ed, aggregations=("mode",))


def test_explain_gives_the_chance_of_passing() -> None:
    table = {"A": {"J1": 90, "J2": 90}, "B": {"J1": 60, "J2": 80}, "C": {"J1": 80, "J2": 60}}
    ed = edition(list(table), rows("nilai", table))
    conf = rank_confidence(_top(2), ed, replicates=40, seed=9)
    assert conf.explain("A", "id").splitlines()[0].endswith(": 100%")
    p = round(conf.probability("B", "stage:nilai") * 100)
    assert f"peluang lolos nilai: {p}% (zona tak terbedakan)" in conf.explain("B", "id")
    assert f"chance of passing nilai: {p}% (within judge noise)" in conf.explain("B", "en")
    assert Fraction(0) < conf.probability("B", "stage:nilai") < 1


def test_cli_on_the_bundled_history(tmp_path: Path) -> None:
    html, js = tmp_path / "r.html", tmp_path / "r.json"
    args = ["robustness", "kipp-2019", str(HISTORY), "-n", "3", "--seed", "7",
            "--weight-range", "0", "--out", str(html), "--out", str(js)]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "kursi diputuskan di antara" in res.output
    data = json.loads(js.read_text(encoding="utf-8"))
    jsonschema.validate(data, robustness_schema())
    assert data["confidence"]["replicates"] == 3
    assert [c["id"] for c in data["confidence"]["cutoffs"]] == [
        "stage:proposal", "award:top-99", "award:top-45"]
    page = html.read_text(encoding="utf-8")
    assert "Zona tak terbedakan" in page
    assert page.count("<svg") >= 3
    en = CliRunner().invoke(main, [*args[:-4], "--lang", "en", "-q", "--explain", "K19-2124",
                                   "--explain", "K19-0003"])
    assert en.exit_code == 0
    assert "seats decided among" in en.output
    assert "K19-2124\nchance of passing Proposal and documentation assessment: " in en.output
    assert "K19-0003: did not reach a stage scored by judges" in en.output


def test_cli_refuses_a_bad_level() -> None:
    res = CliRunner().invoke(main, ["robustness", "kipp-2019", str(HISTORY), "--level", "90"])
    assert res.exit_code == 2
    assert "between 0 and 1" in res.output
    assert "antara 0 dan 1" in res.output


def test_summary_in_both_languages() -> None:
    rs, ed = _noisy()
    rep = robustness_report(rs, ed, replicates=20, seed=1)
    assert "replikasi, seed 1" in summarize(rep, "id")
    assert "replicates, seed 1" in summarize(rep, "en")
    jsonschema.validate(json.loads(rep.to_json()), robustness_schema())


def test_a_judge_excluded_for_a_conflict_of_interest_is_never_drawn() -> None:
    rs = single_criterion(
        "judges:\n  min: 1\n  conflicts: [{judge: province, submission: participant.province}]\n"
        "advance: {top: 1, ties: break}")
    table = {"E1": {"J1": 100, "J2": 50, "J3": 52}, "E2": {"J2": 52, "J3": 52}}
    ed = edition(
        [{"id": "E1", "participant.province": "a"}, {"id": "E2", "participant.province": "c"}],
        rows("nilai", table),
        judges=[{"id": "J1", "province": "a"}, {"id": "J2", "province": "b"},
                {"id": "J3", "province": "b"}],
    )
    excluded = [j for j in _run(rs, ed).submission("E1").stage("nilai").judges if j.excluded]
    assert [j.judge for j in excluded] == ["J1"]
    conf = rank_confidence(rs, ed, replicates=40, seed=2)
    assert conf.probability("E2", "stage:nilai") == 1
    assert conf.probability("E1", "stage:nilai") == 0
