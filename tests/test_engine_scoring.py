"""The engine's scoring: judges' weighted totals, aggregation across judges, rounding,
disagreement, minimum judges, conflicts of interest, carried stage scores and
adjustments. Every expected value is worked out by hand in the comments."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from engine_helpers import edition, outcome, reasons, rows, ruleset, run, single_criterion
from inovasi_rules import explain

D = Decimal

SUBCRITERIA = """\
rubrics:
  - id: proposal
    scale: {min: 0, max: 100}
    criteria:
      - {id: kebaruan, weight: 30}
      - id: dampak
        weight: 70
        subcriteria:
          - {id: manfaat, weight: 40}
          - {id: replikasi, weight: 30}
stages:
  - id: proposal
    kind: assessment
    rubric: proposal
    judges: {min: 2, aggregate: mean}
"""


# ----------------------------------------------------------------------------- judge totals


def test_weighted_total_with_subcriteria() -> None:
    rs = ruleset(SUBCRITERIA)
    ed = edition(
        ["A"],
        rows(
            "proposal",
            {
                "A": {
                    "J1": {"kebaruan": 80, "manfaat": 90, "replikasi": 70},
                    "J2": {"kebaruan": 60, "manfaat": 75, "replikasi": 85},
                }
            },
        ),
    )
    o = outcome(run(rs, ed), "A", "proposal")
    totals = {j.judge: j.total for j in o.judges}
    # J1: (30*80 + 40*90 + 30*70) / 100 = (2400 + 3600 + 2100) / 100 = 81
    # J2: (30*60 + 40*75 + 30*85) / 100 = (1800 + 3000 + 2550) / 100 = 73.5
    assert totals == {"J1": D("81.00"), "J2": D("73.50")}
    # mean: (81 + 73.5) / 2 = 77.25
    assert o.score == D("77.25")
    assert o.base_score == D("77.25")
    # per criterion, the mean over judges; a parent is the weighted mean of its parts:
    # kebaruan (80+60)/2 = 70; manfaat (90+75)/2 = 82.5; replikasi (70+85)/2 = 77.5;
    # dampak (40*82.5 + 30*77.5) / 70 = (3300 + 2325) / 70 = 80.357... -> 80.36
    assert o.criteria == {
        "kebaruan": D("70.00"),
        "manfaat": D("82.50"),
        "replikasi": D("77.50"),
        "dampak": D("80.36"),
    }
    # each judge's own criterion scores are kept in the trace
    j1 = next(j for j in o.judges if j.judge == "J1")
    assert j1.criteria == {"kebaruan": D(80), "manfaat": D(90), "replikasi": D(70)}


def test_weighted_total_with_a_total_weight_other_than_100() -> None:
    rs = ruleset("""\
        rubrics:
          - id: r
            scale: {min: 1, max: 5}
            total_weight: 1
            criteria: [{id: a, weight: 0.25}, {id: b, weight: 0.75}]
        stages:
          - {id: nilai, kind: assessment, rubric: r}
        """)
    ed = edition(["A"], rows("nilai", {"A": {"J1": {"a": 4, "b": 2}}}))
    # (0.25*4 + 0.75*2) / 1 = 1 + 1.5 = 2.5
    assert outcome(run(rs, ed), "A", "nilai").score == D("2.50")


def test_a_judge_who_left_a_criterion_blank_is_excluded_and_reported() -> None:
    rs = ruleset(SUBCRITERIA.replace("min: 2", "min: 1"))
    ed = edition(
        ["A"],
        rows(
            "proposal",
            {
                "A": {
                    "J1": {"kebaruan": 80, "manfaat": 90, "replikasi": 70},
                    "J2": {"kebaruan": 10, "manfaat": 10},
                }
            },
        ),
    )
    res = run(rs, ed)
    o = outcome(res, "A", "proposal")
    j2 = next(j for j in o.judges if j.judge == "J2")
    assert j2.total is None
    assert j2.used is None
    assert j2.excluded is not None
    assert "replikasi" in j2.excluded.text("en")
    # only J1 counts: (2400 + 3600 + 2100) / 100 = 81
    assert o.score == D("81.00")
    assert [p.rule for p in res.findings] == ["incomplete-scores"]
    assert "J2" in res.findings[0].message


# ----------------------------------------------------------------------------- aggregation


@pytest.mark.parametrize(
    ("aggregate", "scores", "expected"),
    [
        # mean: (70 + 80 + 96) / 3 = 246 / 3 = 82
        ("{aggregate: mean}", [70, 80, 96], "82.00"),
        # mean: (70 + 71 + 71) / 3 = 212 / 3 = 70.666... -> 70.67
        ("{aggregate: mean}", [70, 71, 71], "70.67"),
        # median of 3: sorted 70, 80, 96 -> 80
        ("{aggregate: median}", [96, 70, 80], "80.00"),
        # median of 4: sorted 70, 80, 90, 96 -> (80 + 90) / 2 = 85
        ("{aggregate: median}", [90, 70, 96, 80], "85.00"),
        # trimmed (1): sorted 50, 80, 82, 84, 99 -> drop 50 and 99 -> (80+82+84)/3 = 82
        ("{aggregate: trimmed_mean, trim: 1}", [99, 50, 84, 80, 82], "82.00"),
        # trimmed (2): drop 50, 80 and 84, 99 -> 82
        ("{aggregate: trimmed_mean, trim: 2}", [99, 50, 84, 80, 82], "82.00"),
        # trimmed (1) of 4 with ties: sorted 70, 70, 70, 90 -> (70 + 70) / 2 = 70
        ("{aggregate: trimmed_mean, trim: 1}", [70, 90, 70, 70], "70.00"),
        # trimmed (1) of 4: sorted 10, 60, 65, 100 -> (60 + 65) / 2 = 62.5
        ("{aggregate: trimmed_mean, trim: 1}", [100, 10, 65, 60], "62.50"),
    ],
)
def test_aggregation_methods(aggregate: str, scores: list[int], expected: str) -> None:
    rs = single_criterion(f"judges: {aggregate}")
    judges = {f"J{i}": s for i, s in enumerate(scores, 1)}
    o = outcome(run(rs, edition(["A"], rows("nilai", {"A": judges}))), "A", "nilai")
    assert o.score == D(expected)
    # every counted judge's total is used as it is (no normalisation)
    assert all(j.used == j.total for j in o.judges)


def test_trimmed_mean_with_too_few_judges_falls_back_to_the_mean_and_says_so() -> None:
    rs = single_criterion("judges: {aggregate: trimmed_mean, trim: 1}")
    o = outcome(run(rs, edition(["A"], rows("nilai", {"A": {"J1": 60, "J2": 71}}))), "A", "nilai")
    # 2 * trim = 2 >= 2 judges: plain mean (60 + 71) / 2 = 65.5
    assert o.score == D("65.50")
    (agg,) = reasons(o, "aggregate")
    assert "too few judges to trim" in agg.message.text("en")
    assert "terlalu sedikit juri" in agg.message.text("id")


def test_aggregate_reason_shows_the_arithmetic() -> None:
    rs = single_criterion("judges: {aggregate: trimmed_mean, trim: 1}")
    ed = edition(["A"], rows("nilai", {"A": {"J1": 50, "J2": 80, "J3": 99}}))
    (agg,) = reasons(outcome(run(rs, ed), "A", "nilai"), "aggregate")
    # drop 50 and 99 -> 80
    assert agg.message.text("en") == (
        "trimmed mean (dropping 1 highest and lowest) of 3 judges (J1: 50.00, J2: 80.00, J3: 99.00; "
        "dropped: J1 lowest, J3 highest) = 80.00"
    )
    assert agg.message.text("id") == (
        "rata-rata terpangkas (1 tertinggi dan terendah dibuang) dari 3 juri (J1: 50,00; J2: 80,00; "
        "J3: 99,00; dibuang: J1 terendah, J3 tertinggi) = 80,00"
    )


def test_an_aggregate_of_one_judge_says_judge() -> None:
    rs = single_criterion("judges: {aggregate: mean}")
    (agg,) = reasons(outcome(run(rs, edition(["A"], rows("nilai", {"A": {"J1": 80}}))), "A", "nilai"), "aggregate")
    assert agg.message.text("en") == "mean of 1 judge (J1: 80.00) = 80.00"
    assert agg.message.text("id") == "rata-rata dari 1 juri (J1: 80,00) = 80,00"


@pytest.mark.parametrize(
    ("scores", "dropped"),
    [
        # the totals in judge id order; trim 2 drops two at each end, named in judge order
        ({"J1": 90, "J2": 10, "J3": 50, "J4": 70, "J5": 20, "J6": 60}, "J2 and J5 lowest, J1 and J4 highest"),
        # equal totals: the first judge's as the lowest, the last one's as the highest
        ({"J1": 40, "J2": 40, "J3": 50, "J4": 60, "J5": 60}, "J1 lowest, J5 highest"),
    ],
)
def test_a_trimmed_mean_names_the_judges_it_dropped(scores: dict[str, int], dropped: str) -> None:
    trim = 2 if len(scores) == 6 else 1
    rs = single_criterion(f"judges: {{aggregate: trimmed_mean, trim: {trim}}}")
    ed = edition(["A"], rows("nilai", {"A": scores}))
    (agg,) = reasons(outcome(run(rs, ed), "A", "nilai"), "aggregate")
    assert f"; dropped: {dropped}) = " in agg.message.text("en")
    assert f"; dibuang: {dropped.replace(' and ', ' dan ').replace('lowest', 'terendah').replace('highest', 'tertinggi')}) = " in agg.message.text("id")
    # the plain mean of too few judges to trim names none
    (agg,) = reasons(outcome(run(rs, edition(["A"], rows("nilai", {"A": {"J1": 40, "J2": 60}}))), "A", "nilai"),
                     "aggregate")
    assert "dropped" not in agg.message.text("en")


# ----------------------------------------------------------------------------- normalised mean


def _q(x: Decimal) -> Decimal:
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def test_normalised_mean_corrects_a_harsh_and_a_lenient_judge() -> None:
    rs = single_criterion("judges: {aggregate: normalised_mean, min: 1, min_scored: 2}")
    # J1 is harsh and scores A, B, C; J2 is lenient and scores D, E, F; J3 scores only G
    # (fewer than min_scored = 2 entries, so J3's total is used raw).
    table = {
        "A": {"J1": 50},
        "B": {"J1": 60},
        "C": {"J1": 70},
        "D": {"J2": 80},
        "E": {"J2": 90},
        "F": {"J2": 100},
        "G": {"J3": 40},
    }
    res = run(rs, edition(list(table), rows("nilai", table)))
    # J1: mean 60, std sqrt((100 + 0 + 100) / 3) = sqrt(200/3); J2: mean 90, same std.
    # All totals at the stage: 50 60 70 80 90 100 40 -> mean 490 / 7 = 70;
    # deviations -20 -10 0 10 20 30 -30 -> squares 400+100+0+100+400+900+900 = 2800;
    # variance 2800 / 7 = 400 -> std 20.
    # z(A) = (50 - 60) / sqrt(200/3) = -sqrt(3/2); normalised 70 - 20 * sqrt(1.5)
    low = _q(70 - 20 * D("1.5").sqrt())  # 70 - 24.4948... = 45.5051... -> 45.51
    high = _q(70 + 20 * D("1.5").sqrt())  # 94.4948... -> 94.49
    assert (low, high) == (D("45.51"), D("94.49"))
    scores = {s.id: s.stages[-1].score for s in res}
    assert scores == {
        "A": low,
        "B": D("70.00"),
        "C": high,
        "D": low,
        "E": D("70.00"),
        "F": high,
        "G": D("40.00"),
    }
    a = outcome(res, "A", "nilai").judges[0]
    assert (a.total, a.used) == (D("50.00"), low)
    # the guard: J3 is named in a finding, and its total enters unchanged
    (finding,) = [p for p in res.findings if p.rule == "not-normalised"]
    assert "J3" in finding.message
    assert "1" in finding.message
    g = outcome(res, "G", "nilai").judges[0]
    assert g.used == g.total == D("40.00")
    # explain shows the normalised value next to the raw one
    assert "J1: 50.00 → 45.51 (normalised)" in explain(res, "A", "en")


def test_normalised_mean_guard_uses_min_scored() -> None:
    rs = single_criterion("judges: {aggregate: normalised_mean, min: 1, min_scored: 3}")
    # J1 scores 3 entries (normalised); J2 scores 2 (fewer than 3: raw totals).
    table = {"A": {"J1": 50}, "B": {"J1": 60}, "C": {"J1": 70}, "D": {"J2": 80}, "E": {"J2": 100}}
    res = run(rs, edition(list(table), rows("nilai", table)))
    # Stage totals 50 60 70 80 100: mean 72; deviations -22 -12 -2 8 28 -> squares
    # 484 + 144 + 4 + 64 + 784 = 1480; variance 1480 / 5 = 296.
    # A: z = -sqrt(3/2) (as above) -> 72 - sqrt(1.5 * 296) = 72 - sqrt(444) = 50.928... -> 50.93
    assert _q(72 - D(444).sqrt()) == D("50.93")
    assert outcome(res, "A", "nilai").score == D("50.93")
    assert outcome(res, "B", "nilai").score == D("72.00")
    # D and E keep their raw totals (normalised, D would be 72 - sqrt(296) = 54.80)
    assert outcome(res, "D", "nilai").score == D("80.00")
    assert outcome(res, "E", "nilai").score == D("100.00")
    (finding,) = res.findings
    assert finding.rule == "not-normalised"
    assert "judge J2 scored 2 entries at nilai, fewer than 3" in finding.message


def test_normalised_mean_leaves_a_judge_with_equal_totals_raw() -> None:
    rs = single_criterion("judges: {aggregate: normalised_mean, min: 1, min_scored: 2}")
    # J1 gives everyone 80: its standard deviation is 0, so no z-score exists.
    table = {"A": {"J1": 80}, "B": {"J1": 80}}
    res = run(rs, edition(list(table), rows("nilai", table)))
    assert [s.stages[-1].score for s in res] == [D("80.00"), D("80.00")]
    assert [p.rule for p in res.findings] == ["not-normalised"]


def test_normalised_mean_averages_the_normalised_totals_of_an_entry() -> None:
    rs = single_criterion("judges: {aggregate: normalised_mean, min: 2, min_scored: 2}")
    # Both judges score A and B: J1 50/70, J2 80/100.
    table = {"A": {"J1": 50, "J2": 80}, "B": {"J1": 70, "J2": 100}}
    res = run(rs, edition(list(table), rows("nilai", table)))
    # J1: mean 60, std 10; J2: mean 90, std 10. All totals 50 70 80 100: mean 75,
    # deviations -25 -5 5 25 -> squares 625+25+25+625 = 1300 / 4 = 325 -> std sqrt(325).
    # A: z = -1 for both judges -> 75 - sqrt(325) = 75 - 18.0277... = 56.9722... -> 56.97
    # B: z = +1 -> 93.0277... -> 93.03
    a = _q(75 - D(325).sqrt())
    b = _q(75 + D(325).sqrt())
    assert (a, b) == (D("56.97"), D("93.03"))
    assert outcome(res, "A", "nilai").score == a
    assert outcome(res, "B", "nilai").score == b
    assert res.findings == ()


def test_normalised_totals_are_clipped_to_the_scale() -> None:
    rs = single_criterion("judges: {aggregate: normalised_mean, min: 1, min_scored: 2}")
    # J1 scores A B C D 50 and E 51; J2 scores F 0 and G 100.
    table = {
        "A": {"J1": 50}, "B": {"J1": 50}, "C": {"J1": 50}, "D": {"J1": 50}, "E": {"J1": 51},
        "F": {"J2": 0}, "G": {"J2": 100},
    }  # fmt: skip
    res = run(rs, edition(list(table), rows("nilai", table)))
    # J1: mean 251/5 = 50.2; deviations -0.2 (x4), 0.8 -> variance (4*0.04 + 0.64)/5 = 0.16,
    # std 0.4; z(50) = -0.5, z(51) = 2. J2: mean 50, std 50; z(0) = -1, z(100) = 1.
    # Stage: mean 351/7; sum of squares 4*2500 + 2601 + 0 + 10000 = 22601, so the
    # variance is 22601/7 - (351/7)^2 = (158207 - 123201)/49 = 35006/49, std sqrt(35006)/7.
    mu = D(351) / 7
    sd = D(35006).sqrt() / 7  # 26.728...
    # E: mu + 2 sd = 50.14 + 53.46 = 103.6 > 100 -> clipped to the scale's 100
    assert mu + 2 * sd > 100
    assert outcome(res, "E", "nilai").score == D("100.00")
    assert outcome(res, "A", "nilai").score == _q(mu - sd / 2)  # 36.78
    assert outcome(res, "F", "nilai").score == _q(mu - sd)  # 23.41
    assert outcome(res, "G", "nilai").score == _q(mu + sd)  # 76.87
    assert (_q(mu - sd / 2), _q(mu - sd), _q(mu + sd)) == (D("36.78"), D("23.41"), D("76.87"))


# ----------------------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("mode", "scores", "expected"),
    [
        # (80 + 81) / 2 = 80.5 to 0 places
        ("half_up", [80, 81], "81"),
        ("half_even", [80, 81], "80"),
        ("down", [80, 81], "80"),
        # (81 + 82) / 2 = 81.5
        ("half_up", [81, 82], "82"),
        ("half_even", [81, 82], "82"),
        ("down", [81, 82], "81"),
    ],
)
def test_rounding_mode_and_places(mode: str, scores: list[int], expected: str) -> None:
    body = f"""\
        rounding: {{places: 0, mode: {mode}}}
        rubrics:
          - {{id: r, criteria: [{{id: c, weight: 100}}]}}
        stages:
          - {{id: nilai, kind: assessment, rubric: r}}
        """
    o = outcome(
        run(
            ruleset(body), edition(["A"], rows("nilai", {"A": {"J1": scores[0], "J2": scores[1]}}))
        ),
        "A",
        "nilai",
    )
    assert o.score == D(expected)
    assert str(o.score) == expected  # Decimal with the declared places, not a float


def test_each_judge_total_is_rounded_before_aggregation() -> None:
    body = """\
        rounding: {places: 0, mode: down}
        rubrics:
          - {id: r, criteria: [{id: a, weight: 50}, {id: b, weight: 50}]}
        stages:
          - {id: nilai, kind: assessment, rubric: r}
        """
    ed = edition(["A"], rows("nilai", {"A": {"J1": {"a": 80, "b": 81}, "J2": {"a": 81, "b": 82}}}))
    o = outcome(run(ruleset(body), ed), "A", "nilai")
    # J1: (80 + 81) / 2 = 80.5 -> 80 (down); J2: 81.5 -> 81; mean (80 + 81) / 2 = 80.5 -> 80.
    # (Unrounded totals would give (80.5 + 81.5) / 2 = 81.)
    assert [j.total for j in o.judges] == [D(80), D(81)]
    assert o.score == D(80)


def test_default_rounding_is_two_places_half_up() -> None:
    rs = single_criterion("judges: {aggregate: mean}")
    ed = edition(["A"], rows("nilai", {"A": {"J1": D("80.005"), "J2": D("80.005")}}))
    # 80.005 -> 80.01 (half up at 2 places)
    assert outcome(run(rs, ed), "A", "nilai").score == D("80.01")


# ----------------------------------------------------------------------------- disagreement


def test_disagreement_flag_when_the_spread_exceeds_max_spread() -> None:
    rs = single_criterion("judges: {aggregate: mean, max_spread: 15}")
    table = {"A": {"J1": 70, "J2": 90}, "B": {"J1": 70, "J2": 85}}
    res = run(rs, edition(list(table), rows("nilai", table)))
    # A: 90 - 70 = 20 > 15 -> flagged; B: 85 - 70 = 15, not more than 15 -> not flagged
    (flag,) = reasons(outcome(res, "A", "nilai"), "judges.max_spread")
    assert flag.kind == "finding"
    assert flag.passed is None
    assert flag.message.text("en") == "judges disagree: spread 20.00 exceeds 15"
    assert flag.message.text("id") == "selisih nilai juri 20,00 melebihi 15"
    assert reasons(outcome(res, "B", "nilai"), "judges.max_spread") == []
    # the flag does not change the score: (70 + 90) / 2 = 80
    assert outcome(res, "A", "nilai").score == D("80.00")
    assert outcome(res, "A", "nilai").status == "advanced"


# ----------------------------------------------------------------------------- minimum judges


def test_too_few_judges_fail() -> None:
    rs = single_criterion("judges: {aggregate: mean, min: 3, too_few: fail}")
    table = {"A": {"J1": 80, "J2": 90}, "B": {"J1": 70, "J2": 70, "J3": 70}}
    res = run(rs, edition(list(table), rows("nilai", table)))
    a = outcome(res, "A", "nilai")
    assert a.status == "dropped"
    assert a.score is None
    assert a.rank is None
    (why,) = reasons(a, "judges.min")
    assert why.passed is False
    assert why.message.text("en") == "only 2 judge(s) scored, at least 3 required"
    assert why.message.text("id") == "hanya 2 juri menilai, minimal 3"
    # B is alone in the ranking
    assert outcome(res, "B", "nilai").rank == 1
    assert res.passed("nilai") == ["B"]


def test_too_few_judges_flag_keeps_the_entry() -> None:
    rs = single_criterion("judges: {aggregate: mean, min: 3, too_few: flag}")
    table = {"A": {"J1": 80, "J2": 90}, "B": {"J1": 70, "J2": 70, "J3": 70}}
    res = run(rs, edition(list(table), rows("nilai", table)))
    a = outcome(res, "A", "nilai")
    # (80 + 90) / 2 = 85
    assert (a.status, a.score, a.rank) == ("advanced", D("85.00"), 1)
    (why,) = reasons(a, "judges.min")
    assert why.passed is None
    assert why.kind == "finding"


def test_the_summary_shows_entries_scored_by_too_few_judges() -> None:
    """An entry kept with fewer judges than the stage asks for is not a rejection, but
    the summary an organiser reads says so, per rule and counted, in both languages."""
    from pathlib import Path

    from inovasi_rules.summary import summary_text

    rs = single_criterion("judges: {aggregate: mean, min: 3, too_few: flag}")
    table = {"A": {"J1": 80, "J2": 90}, "B": {"J1": 70, "J2": 70, "J3": 70}, "C": {"J1": 60, "J2": 65}}
    res = run(rs, edition(list(table), rows("nilai", table)))
    for lang, head, said in (
        ("id", "Catatan pada pengajuan, bukan penolakan", "hanya 2 juri menilai, minimal 3"),
        ("en", "Notes on entries, not rejections", "only 2 judge(s) scored, at least 3 required"),
    ):
        lines = summary_text(res, lang, "uji", Path("ed"), rules=rs).splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith(head))
        assert lines[start + 1].split()[-len(said.split()) - 1:] == ["2", *said.split()]


def test_no_judge_at_all_fails_even_when_flagging() -> None:
    rs = single_criterion("judges: {aggregate: mean, min: 1, too_few: flag}")
    res = run(rs, edition(["A", "B"], rows("nilai", {"B": {"J1": 70}})))
    a = outcome(res, "A", "nilai")
    assert a.status == "dropped"
    assert a.score is None
    assert (
        reasons(a, "judges.min")[0].message.text("en")
        == "only 0 judge(s) scored, at least 1 required"
    )


# ----------------------------------------------------------------------------- conflicts


def test_conflicting_scores_are_excluded_and_recorded() -> None:
    rs = single_criterion("""\
        judges:
          aggregate: mean
          min: 2
          too_few: flag
          conflicts:
            - {judge: province, submission: participant.province}
            - {judge: agency, submission: participant.agency}
        """)
    judges = [
        {"id": "J1", "province": "jateng"},
        {"id": "J2", "province": "dki"},
        {"id": "J3", "province": "dki", "agency": "Dinas Kesehatan"},
    ]
    subs = [
        {"id": "A", "participant.province": "Jateng", "participant.agency": "Dinas Kesehatan"},
        {"id": "B", "participant.province": "banten", "participant.agency": "Bappeda"},
    ]
    table = {"A": {"J1": 100, "J2": 60, "J3": 100}, "B": {"J1": 60, "J2": 70, "J3": 80}}
    res = run(rs, edition(subs, rows("nilai", table), judges=judges))
    a = outcome(res, "A", "nilai")
    by_judge = {j.judge: j for j in a.judges}
    # J1 shares A's province (compared without regard to case), J3 A's agency
    assert by_judge["J1"].total is None
    assert by_judge["J3"].total is None
    assert by_judge["J1"].excluded is not None
    assert "conflict of interest" in by_judge["J1"].excluded.text("en")
    assert "jateng" in by_judge["J1"].excluded.text("en")
    assert "konflik kepentingan" in by_judge["J3"].excluded.text("id")
    assert "Dinas Kesehatan" in by_judge["J3"].excluded.text("id")
    # the excluded scores are kept in the trace, with the criterion values
    assert by_judge["J1"].criteria == {"c": D(100)}
    # only J2 counts: 60; fewer than 2 judges -> flagged
    assert a.score == D("60.00")
    assert reasons(a, "judges.min")[0].kind == "finding"
    # B has no conflict: (60 + 70 + 80) / 3 = 70
    assert outcome(res, "B", "nilai").score == D("70.00")
    # J1 and J2 have no agency: the agency conflict cannot be checked for them, and the
    # result says so instead of treating it as "no conflict" silently
    (unchecked,) = res.findings
    assert (unchecked.rule, unchecked.level, unchecked.path) == (
        "conflict-unchecked",
        "warning",
        "nilai/judge agency",
    )
    assert "2 judge(s) without judge agency (J1, J2)" in unchecked.message
    text = explain(res, "A", "en")
    assert "J1: not counted (conflict of interest" in text
    assert "J1: tidak dihitung (konflik kepentingan" in explain(res, "A", "id")


def test_conflict_that_cannot_be_checked_for_a_submission_is_reported() -> None:
    rs = single_criterion("""\
        judges:
          conflicts: [{judge: province, submission: participant.province}]
        """)
    judges = [{"id": "J1", "province": "jateng"}]
    subs = [{"id": "A"}, {"id": "B", "participant.province": "dki"}]
    res = run(rs, edition(subs, rows("nilai", {"A": {"J1": 80}, "B": {"J1": 70}}), judges=judges))
    # A has no province: its score counts (80), and a finding names A
    assert outcome(res, "A", "nilai").score == D("80.00")
    (f,) = res.findings
    assert f.rule == "conflict-unchecked"
    assert f.path == "nilai/participant.province"
    assert "1 submission(s) without participant.province (A)" in f.message


# ----------------------------------------------------------------------------- combine


COMBINE = """\
rubrics:
  - {id: r, criteria: [{id: c, weight: 100}]}
stages:
  - id: proposal
    kind: assessment
    rubric: r
    adjustments:
      - id: bonus
        when: {field: group, equals: replikasi}
        add: 5
        message: {id: "Bonus replikasi", en: "Replication bonus"}
  - id: presentasi
    kind: presentation
    rubric: r
    combine: {proposal: 0.4, presentasi: 0.6}
"""


def test_combine_earlier_stage_scores_with_weights() -> None:
    rs = ruleset(COMBINE)
    subs = ["A", "B", {"id": "C", "group": "replikasi"}]
    scores = rows("proposal", {"A": {"J1": 80}, "B": {"J1": 95}, "C": {"J1": 80}}) + rows(
        "presentasi", {"A": {"J1": 90}, "B": {"J1": 70}, "C": {"J1": 90}}
    )
    res = run(rs, edition(subs, scores))
    a = outcome(res, "A", "presentasi")
    # A: 0.4 * 80 + 0.6 * 90 = 32 + 54 = 86
    assert (a.base_score, a.score) == (D("90.00"), D("86.00"))
    assert a.combined == {"proposal": D("80.00"), "presentasi": D("90.00")}
    # B: 0.4 * 95 + 0.6 * 70 = 38 + 42 = 80
    assert outcome(res, "B", "presentasi").score == D("80.00")
    # C carries its proposal score with the bonus: 80 + 5 = 85; 0.4 * 85 + 0.6 * 90 = 34 + 54 = 88
    assert outcome(res, "C", "proposal").score == D("85.00")
    assert outcome(res, "C", "presentasi").score == D("88.00")
    # the ranking uses the combined score: C 88, A 86, B 80
    assert res.passed("presentasi") == ["C", "A", "B"]
    (why,) = reasons(a, "combine")
    assert (
        why.message.text("en")
        == "combined score: 0.4 × 80.00 (proposal) + 0.6 × 90.00 (presentasi) = 86.00"
    )


# ----------------------------------------------------------------------------- adjustments


ADJUST = """\
rubrics:
  - {id: r, criteria: [{id: c, weight: 100}]}
stages:
  - id: nilai
    kind: assessment
    rubric: r
    adjustment_cap: 6
    adjustments:
      - id: lama
        when: {years_since: innovation.started, as_of: 2023-12-31, at_least: 2}
        add: 5
        message: {id: "Berjalan dua tahun", en: "Running two years"}
      - id: kesehatan
        when: {field: category, equals: kesehatan}
        add: 4
        message: {id: "Tema prioritas", en: "Priority theme"}
      - id: terlambat
        when: {field: late, equals: ya}
        add: -3
        message: {id: "Dokumen terlambat", en: "Late documents"}
      - id: cacat
        when: {field: defects, at_least: 2}
        add: -5
        message: {id: "Dokumen cacat", en: "Defective documents"}
"""


def test_bonuses_and_penalties_with_conditions_and_a_cap() -> None:
    subs = [
        # A: +5 +4 = +9, capped at +6 -> 70 + 6 = 76
        {"id": "A", "innovation.started": "2020-01-01", "category": "kesehatan"},
        # B: -3 -> 70 - 3 = 67
        {"id": "B", "innovation.started": "2023-01-01", "late": "ya"},
        # C: +5 -3 = +2 -> 72
        {"id": "C", "innovation.started": "2021-12-31", "late": "ya"},
        # D: no start date: the bonus is not given and the trace says data is missing -> 70
        {"id": "D"},
        # E: -3 -5 = -8, capped at -6 -> 64
        {"id": "E", "innovation.started": "2023-01-01", "late": "ya", "defects": "3"},
    ]
    table = {s["id"]: {"J1": 70} for s in subs}
    res = run(ruleset(ADJUST), edition(subs, rows("nilai", table)))
    got = {s.id: outcome(res, s.id, "nilai").score for s in res}
    assert got == {
        "A": D("76.00"),
        "B": D("67.00"),
        "C": D("72.00"),
        "D": D("70.00"),
        "E": D("64.00"),
    }
    a = outcome(res, "A", "nilai")
    assert [(x.id, x.amount) for x in a.adjustments] == [("lama", D(5)), ("kesehatan", D(4))]
    (cap,) = reasons(a, "adjustment_cap")
    assert cap.message.text("en") == "adjustments of 9 capped at 6"
    assert a.base_score == D("70.00")
    (lama,) = reasons(a, "lama")
    assert lama.passed is True
    assert lama.message.text("en") == "Running two years (+5)"
    (capped,) = reasons(outcome(res, "E", "nilai"), "adjustment_cap")
    assert capped.message.text("en") == "adjustments of -8 capped at -6"
    d = outcome(res, "D", "nilai")
    (missing,) = reasons(d, "lama")
    assert missing.passed is None
    assert missing.missing == ("innovation.started",)
    assert "data missing: innovation.started" in missing.message.text("en")
    assert "data tidak ada: innovation.started" in missing.message.text("id")
    assert d.adjustments == ()
    # C: 2021-12-31 to 2023-12-31 is exactly two years, so the bonus applies
    assert [x.id for x in outcome(res, "C", "nilai").adjustments] == ["lama", "terlambat"]


def test_adjustment_amounts_from_parameters() -> None:
    body = """\
        parameters: {bonus_points: 7.5}
        rubrics:
          - {id: r, criteria: [{id: c, weight: 100}]}
        stages:
          - id: nilai
            kind: assessment
            rubric: r
            adjustments:
              - {id: bonus, add: {param: bonus_points}}
        """
    rs = ruleset(body)
    ed = edition(["A"], rows("nilai", {"A": {"J1": 70}}))
    # 70 + 7.5 = 77.5
    assert outcome(run(rs, ed), "A", "nilai").score == D("77.50")
    # with the parameter overridden for a what-if run: 70 + 2 = 72
    from inovasi_rules import evaluate

    res = evaluate(rs, ed, load_entrypoints=False, parameters={"bonus_points": 2})
    assert outcome(res, "A", "nilai").score == D("72.00")
