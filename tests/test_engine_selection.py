"""The engine's ranking and selection: ranks, the tie-break chain, the seeded lottery,
top N, thresholds, quotas per group, seats per category, apportioned seats, their
combinations, awards; and the whole result (funnel, JSON, CSV, explain)."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import edition, outcome, reasons, rows, ruleset, run, shuffled, single_criterion
from inovasi_rules import EvaluationError, explain, read_edition
from inovasi_rules.evaluation.ranking import Entry, lottery_key, order_entries

D = Decimal


def _one_stage(advance: str, tie_break: str = "[]", extra: str = "") -> Any:
    return single_criterion(f"tie_break: {tie_break}\nadvance: {advance}", extra=extra)


def _run(rs: Any, scores: dict[str, Any], subs: list[Any] | None = None, **kw: Any) -> Any:
    table = {sid: ({"J1": v} if not isinstance(v, dict) else v) for sid, v in scores.items()}
    return run(rs, edition(subs if subs is not None else list(table), rows("nilai", table), **kw))


def _lottery(ids: list[str], ruleset_id: str = "uji", edition_id: str = "edisi-uji") -> list[str]:
    """The documented lottery: SHA-256 of ruleset id, edition id and submission id,
    smallest digest first."""
    return sorted(
        ids,
        key=lambda s: hashlib.sha256(f"{ruleset_id}\x00{edition_id}\x00{s}".encode()).hexdigest(),
    )


# ----------------------------------------------------------------------------- ranking


def test_rank_by_score_highest_first() -> None:
    res = _run(_one_stage("{top: 2}"), {"A": 70, "B": 90, "C": 80})
    assert [outcome(res, s, "nilai").rank for s in "ABC"] == [3, 1, 2]
    assert res.passed("nilai") == ["B", "C"]
    c = outcome(res, "C", "nilai")
    assert c.status == "advanced"
    (adv,) = reasons(c, "advance")
    assert adv.passed is True
    assert adv.message.text("en") == "rank 2, within the 2 seats"
    a = outcome(res, "A", "nilai")
    assert a.status == "not_advanced"
    (adv,) = reasons(a, "advance")
    assert adv.passed is False
    assert adv.message.text("en") == "rank 3, outside the 2 seats; cut-off 80.00"
    assert adv.message.text("id") == "peringkat 3, di luar 2 kursi; batas 80,00"


def test_tie_broken_by_a_criterion() -> None:
    rs = ruleset("""\
        rubrics:
          - {id: r, criteria: [{id: a, weight: 50}, {id: b, weight: 50}]}
        stages:
          - id: nilai
            kind: assessment
            rubric: r
            tie_break: [{criterion: a}]
            advance: {top: 1}
        """)
    # A: (80 + 60) / 2 = 70; B: (60 + 80) / 2 = 70; tied, A has the higher a (80 > 60)
    table = {"B": {"J1": {"a": 60, "b": 80}}, "A": {"J1": {"a": 80, "b": 60}}}
    res = run(rs, edition(["B", "A"], rows("nilai", table)))
    assert res.passed("nilai") == ["A"]
    assert outcome(res, "B", "nilai").rank == 2
    (tb,) = reasons(outcome(res, "A", "nilai"), "tie_break")
    # the tie line names the other entries, not the entry itself
    assert tb.message.text("en") == "tied at 70.00 with B; order decided by criterion a = 80.00"
    assert (
        tb.message.text("id")
        == "nilai sama 70,00 dengan B; urutan ditentukan oleh kriteria a = 80,00"
    )


def test_tie_broken_by_a_field_ascending_with_missing_values_last() -> None:
    rs = _one_stage("{top: 2}", "[{field: registered, order: asc}]")
    subs = [
        {"id": "A", "registered": "2023-11-03"},
        {"id": "B", "registered": "2023-11-01"},
        {"id": "C"},
        {"id": "D", "registered": "2023-11-02"},
    ]
    res = _run(rs, {"A": 80, "B": 80, "C": 80, "D": 80}, subs)
    # all tied at 80: earliest registration first, the one without a date last
    order = sorted(res.submissions, key=lambda s: s.stages[-1].rank)
    assert [s.id for s in order] == ["B", "D", "A", "C"]
    assert res.passed("nilai") == ["B", "D"]


def test_a_tie_break_field_whose_values_cannot_be_compared_is_a_located_error(tmp_path: Path) -> None:
    # a number beside a text (as a JSON edition can hold): no order between them, so
    # the tie cannot be broken; the error names both entries, the link and the row
    rs = _one_stage("{top: 1}", "[{criterion: c}, {field: nomor}]")
    subs = [{"id": "A", "nomor": 3}, {"id": "B", "nomor": "tiga"}]
    with pytest.raises(EvaluationError) as info:
        _run(rs, {"A": 80, "B": 80}, subs)
    (problem,) = info.value.problems
    assert problem.rule == "tie_break"
    # located at the cell, as the reader locates one: the record and its field
    assert problem.path == "submissions[1].nomor"
    assert "tie-break link 2: " in problem.message
    assert "A = 3; B = tiga" in problem.message
    assert "the values of field nomor cannot be compared" in problem.message
    assert "nilai isian nomor tidak dapat dibandingkan" in problem.message
    assert "all numbers, all texts or all dates" in problem.hint
    assert problem.file is None  # an in-memory edition
    # from a JSON edition file: the file, and the record and field in it
    path = tmp_path / "edisi.json"
    path.write_text(json.dumps({"id": "edisi-uji", "submissions": subs,
                                "scores": rows("nilai", {s: {"J1": 80} for s in "AB"})}))
    with pytest.raises(EvaluationError) as info:
        run(rs, read_edition(path))
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.path) == (str(path), None, "submissions[1].nomor")
    # values of one kind still order the tied entries, a missing one last
    subs = [{"id": "A", "nomor": 3}, {"id": "B"}, {"id": "C", "nomor": 1}]
    res = _run(rs, {"A": 80, "B": 80, "C": 80}, subs)
    assert res.passed("nilai") == ["A"]
    assert [outcome(res, s, "nilai").rank for s in "ACB"] == [1, 2, 3]


def test_chain_falls_through_to_the_next_link_and_to_an_earlier_stage() -> None:
    rs = ruleset("""\
        rubrics:
          - {id: r, criteria: [{id: a, weight: 50}, {id: b, weight: 50}]}
        stages:
          - {id: proposal, kind: assessment, rubric: r}
          - id: presentasi
            kind: presentation
            rubric: r
            tie_break: [{criterion: a}, {stage: proposal}, {field: budget, order: asc}]
        """)
    prop = {
        "A": {"J1": {"a": 50, "b": 50}},
        "B": {"J1": {"a": 90, "b": 90}},
        "C": {"J1": {"a": 70, "b": 70}},
        "D": {"J1": {"a": 70, "b": 70}},
    }
    # at presentasi all have 75 and the same a (75), so `a` does not decide;
    # proposal: B 90 > C 70 = D 70 > A 50; C and D are split by budget (asc).
    pres = {s: {"J1": {"a": 75, "b": 75}} for s in "ABCD"}
    subs = [
        {"id": "A", "budget": "1"},
        {"id": "B", "budget": "9"},
        {"id": "C", "budget": "5"},
        {"id": "D", "budget": "3"},
    ]
    res = run(rs, edition(subs, rows("proposal", prop) + rows("presentasi", pres)))
    ranks = {s: outcome(res, s, "presentasi").rank for s in "ABCD"}
    assert ranks == {"B": 1, "D": 2, "C": 3, "A": 4}
    (tb,) = reasons(outcome(res, "B", "presentasi"), "tie_break")
    assert tb.message.text("en").endswith("order decided by stage proposal = 90.00")
    (tb,) = reasons(outcome(res, "D", "presentasi"), "tie_break")
    assert tb.message.text("en").endswith("order decided by field budget = 3")


def test_seeded_lottery_decides_last_is_recorded_and_stable() -> None:
    rs = _one_stage("{top: 2}")
    scores = {"A": 80, "B": 80, "C": 80, "D": 80, "E": 90}
    res = _run(rs, scores)
    expected = _lottery(["A", "B", "C", "D"])
    order = [s.id for s in sorted(res.submissions, key=lambda s: s.stages[-1].rank)]
    assert order == ["E", *expected]
    assert res.passed("nilai") == ["E", expected[0]]
    for sid in "ABCD":
        (tb,) = reasons(outcome(res, sid, "nilai"), "tie_break")
        others = [x for x in expected if x != sid]
        assert tb.message.text("en") == "tied at 80.00 with " + ", ".join(others) + (
            "; order decided by a seeded lottery"
        )
        assert "undian berbenih (lotre)" in tb.message.text("id")
    assert reasons(outcome(res, "E", "nilai"), "tie_break") == []
    # stable: the same draw again, and for the input in another order
    table = {sid: {"J1": v} for sid, v in scores.items()}
    ed = edition(list(scores), rows("nilai", table))
    for seed in range(3):
        assert run(rs, shuffled(ed, seed)).to_json() == res.to_json()
    # another edition draws from another seed
    other = run(rs, edition(list(scores), rows("nilai", table), id="edisi-lain"))
    assert [s.id for s in sorted(other.submissions, key=lambda s: s.stages[-1].rank)][
        1:
    ] == _lottery(["A", "B", "C", "D"], edition_id="edisi-lain")


# ----------------------------------------------------------------------------- top N, ties, threshold


def test_include_all_keeps_ties_at_the_cut_off() -> None:
    scores = {"A": 90, "B": 80, "C": 80, "D": 70}
    res = _run(_one_stage("{top: 2, ties: include_all}"), scores)
    # the 2nd seat's score is 80; C also has 80 -> 3 advance
    assert sorted(res.passed("nilai")) == ["A", "B", "C"]
    tied = [s for s in "BC" if outcome(res, s, "nilai").rank == 3]
    (adv,) = reasons(outcome(res, tied[0], "nilai"), "advance")
    assert adv.message.text("en") == "rank 3, score 80.00 ties the last seat: kept together"
    assert outcome(res, "D", "nilai").status == "not_advanced"
    # with ties broken, exactly 2 advance
    res = _run(_one_stage("{top: 2, ties: break}"), scores)
    assert res.passed("nilai") == ["A", _lottery(["B", "C"])[0]]


def test_top_n_larger_than_the_field_takes_everyone() -> None:
    res = _run(_one_stage("{top: 10}"), {"A": 1, "B": 2})
    assert res.passed("nilai") == ["B", "A"]


def test_threshold() -> None:
    res = _run(_one_stage("{threshold: 75}"), {"A": 74.99, "B": 75, "C": 90})
    # 75 is enough (at least the threshold); 74.99 is not
    assert res.passed("nilai") == ["C", "B"]
    (adv,) = reasons(outcome(res, "A", "nilai"), "advance")
    assert adv.message.text("en") == "score 74.99 is below the pass mark 75"
    assert adv.message.text("id") == "nilai 74,99 di bawah nilai batas lulus 75"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(60, 100), min_size=1, max_size=8),
    st.integers(60, 100),
    st.integers(1, 4),
)
def test_a_pass_mark_with_seats_says_which_of_the_two_turned_an_entry_away(
    scores: list[int], pass_mark: int, top: int
) -> None:
    """Property: with ``{threshold: P, top: N}`` an entry that does not pass reads
    "below the pass mark" exactly when its score is below P, and "outside the N seats"
    otherwise; at most N pass and none below P."""
    table = {f"S{i}": v for i, v in enumerate(scores)}
    res = _run(_one_stage(f"{{threshold: {pass_mark}, top: {top}}}"), table)
    passed = res.passed("nilai")
    assert len(passed) <= top
    for sid, score in table.items():
        if sid in passed:
            assert score >= pass_mark
            continue
        (adv,) = reasons(outcome(res, sid, "nilai"), "advance")
        below = score < pass_mark
        assert ("below the pass mark" in adv.message.text("en")) is below
        assert ("di bawah nilai batas lulus" in adv.message.text("id")) is below
        assert (f"outside the {top} seat" in adv.message.text("en")) is not below
        assert (f"di luar {top} kursi" in adv.message.text("id")) is not below


def test_top_n_and_threshold_combined() -> None:
    res = _run(_one_stage("{top: 3, threshold: 60}"), {"A": 90, "B": 80, "C": 55, "D": 50})
    # only A and B reach 60, so only 2 of the 3 seats are filled
    assert res.passed("nilai") == ["A", "B"]
    res = _run(_one_stage("{top: 1, threshold: 60}"), {"A": 90, "B": 80, "C": 55})
    assert res.passed("nilai") == ["A"]


def test_no_advance_rule_passes_everyone() -> None:
    rs = single_criterion("judges: {aggregate: mean}")
    res = _run(rs, {"A": 10, "B": 20})
    assert res.passed("nilai") == ["B", "A"]
    (adv,) = reasons(outcome(res, "A", "nilai"), "advance")
    assert adv.message.text("en") == "passed (no limit on numbers)"


# ----------------------------------------------------------------------------- groups


PROVINCES = {
    # province a: 5 entries, b: 2, c: 1
    "A1": ("a", 90),
    "A2": ("a", 85),
    "A3": ("a", 80),
    "A4": ("a", 75),
    "A5": ("a", 70),
    "B1": ("b", 60),
    "B2": ("b", 50),
    "C1": ("c", 40),
}


def _provinces(advance: str) -> Any:
    subs = [{"id": k, "participant.province": p} for k, (p, _) in PROVINCES.items()]
    return _run(_one_stage(advance), {k: v for k, (_, v) in PROVINCES.items()}, subs)


def test_top_three_per_province() -> None:
    res = _provinces("{top: 3, per: participant.province}")
    # a: A1 A2 A3 (not A4, A5); b: both; c: its one entry
    assert sorted(res.passed("nilai")) == ["A1", "A2", "A3", "B1", "B2", "C1"]
    (adv,) = reasons(outcome(res, "B2", "nilai"), "advance")
    assert adv.message.text("en") == "rank 2 in group b, within the 3 seats"
    (adv,) = reasons(outcome(res, "A4", "nilai"), "advance")
    assert adv.message.text("en") == "rank 4 in group a, outside the 3 seats; cut-off 80.00"
    # the rank at the stage stays the overall rank
    assert outcome(res, "B1", "nilai").rank == 6


def test_missing_group_value_is_a_finding() -> None:
    subs = [
        {"id": "A1", "participant.province": "a"},
        {"id": "A2", "participant.province": "a"},
        {"id": "N1"},
        {"id": "N2"},
    ]
    res = _run(
        _one_stage("{top: 1, per: participant.province}"),
        {"A1": 90, "A2": 80, "N1": 70, "N2": 60},
        subs,
    )
    # the entries without a province compete together in a group of their own, and say so
    assert sorted(res.passed("nilai")) == ["A1", "N1"]
    (why,) = reasons(outcome(res, "N2", "nilai"), "advance.group")
    assert (why.kind, why.passed, why.missing) == ("finding", None, ("participant.province",))
    assert why.message.text("en") == "data missing: participant.province; competes in the group —"
    assert reasons(outcome(res, "A1", "nilai"), "advance.group") == []


def test_quota_per_group_with_a_threshold() -> None:
    res = _provinces("{top: 2, per: participant.province, threshold: 55}")
    # a: A1 A2; b: only B1 reaches 55; c: C1 (40) is below it
    assert sorted(res.passed("nilai")) == ["A1", "A2", "B1"]


def test_seats_per_category() -> None:
    subs = [
        {"id": "K1", "category": "kesehatan"},
        {"id": "K2", "category": "kesehatan"},
        {"id": "K3", "category": "kesehatan"},
        {"id": "P1", "category": "pendidikan"},
        {"id": "P2", "category": "pendidikan"},
        {"id": "L1", "category": "lingkungan"},
    ]
    extra = "categories: [{id: kesehatan}, {id: pendidikan}, {id: lingkungan}]\n"
    rs = _one_stage("{per: category, seats: {kesehatan: 2, pendidikan: 1}}", extra=extra)
    res = _run(rs, {"K1": 70, "K2": 90, "K3": 80, "P1": 60, "P2": 65, "L1": 99}, subs)
    # kesehatan: K2 90, K3 80; pendidikan: P2 65; lingkungan has no seats
    assert sorted(res.passed("nilai")) == ["K2", "K3", "P2"]
    (adv,) = reasons(outcome(res, "L1", "nilai"), "advance")
    assert adv.message.text("en") == "rank 1 in group lingkungan, outside the 0 seats"


def test_apportioned_seats_largest_remainder() -> None:
    subs = [{"id": f"A{i}", "participant.province": "a"} for i in range(7)]
    subs += [{"id": f"B{i}", "participant.province": "b"} for i in range(4)]
    subs += [{"id": f"C{i}", "participant.province": "c"} for i in range(2)]
    scores = {s["id"]: 50 + i for i, s in enumerate(subs)}
    res = _run(_one_stage("{top: 5, apportion: {by: participant.province}}"), scores, subs)
    # 13 entries, 5 seats: quotas a 5*7/13 = 2.692, b 5*4/13 = 1.538, c 5*2/13 = 0.769;
    # whole parts 2, 1, 0 (3 seats); the 2 left go to the largest remainders c (.769)
    # and a (.692): a 3, b 1, c 1. Each group takes its best.
    assert sorted(res.passed("nilai")) == ["A4", "A5", "A6", "B3", "C1"]


def test_apportioned_seats_with_a_minimum_each() -> None:
    subs = [{"id": f"A{i:02d}", "participant.province": "a"} for i in range(10)]
    subs += [{"id": "B0", "participant.province": "b"}]
    scores = {s["id"]: 50 + i for i, s in enumerate(subs[:10])}
    scores["B0"] = 10
    res = _run(
        _one_stage("{top: 4, apportion: {by: participant.province, min_each: 1}}"), scores, subs
    )
    # quotas a 4*10/11 = 3.64, b 4*1/11 = 0.36 -> a 4, b 0; min_each 1 gives b 1 and
    # the remaining 3 go to a.
    assert sorted(res.passed("nilai")) == ["A07", "A08", "A09", "B0"]
    # without the minimum, b gets nothing
    res = _run(_one_stage("{top: 4, apportion: {by: participant.province}}"), scores, subs)
    assert sorted(res.passed("nilai")) == ["A06", "A07", "A08", "A09"]


def test_apportioned_seats_never_exceed_top_when_the_minimum_cannot_be_met() -> None:
    subs = [{"id": f"A{i}", "participant.province": "a"} for i in range(3)]
    subs += [{"id": f"B{i}", "participant.province": "b"} for i in range(2)]
    subs += [{"id": "C0", "participant.province": "c"}]
    scores = {"A0": 50, "A1": 51, "A2": 52, "B0": 60, "B1": 61, "C0": 99}
    res = _run(
        _one_stage("{top: 2, apportion: {by: participant.province, min_each: 1}}"), scores, subs
    )
    # 3 groups each wanting 1 seat, but only 2 seats: the two larger groups (a: 3
    # entries, b: 2) get theirs; c gets none even with the best score. Never 3 seats.
    assert sorted(res.passed("nilai")) == ["A2", "B1"]
    res = _run(
        _one_stage("{top: 1, apportion: {by: participant.province, min_each: 1}}"), scores, subs
    )
    assert res.passed("nilai") == ["A2"]


def test_group_ties_kept_together_per_group() -> None:
    subs = [
        {"id": "A1", "participant.province": "a"},
        {"id": "A2", "participant.province": "a"},
        {"id": "A3", "participant.province": "a"},
        {"id": "B1", "participant.province": "b"},
        {"id": "B2", "participant.province": "b"},
    ]
    res = _run(
        _one_stage("{top: 1, per: participant.province, ties: include_all}"),
        {"A1": 80, "A2": 80, "A3": 70, "B1": 60, "B2": 50},
        subs,
    )
    # a: A1 and A2 tie for the one seat and both go; b: B1
    assert sorted(res.passed("nilai")) == ["A1", "A2", "B1"]


# ----------------------------------------------------------------------------- awards


AWARDS = """\
categories: [{id: kesehatan}, {id: pendidikan}]
rubrics:
  - {id: r, criteria: [{id: c, weight: 100}]}
stages:
  - id: nilai
    kind: assessment
    rubric: r
    advance: {top: 4}
  - {id: observasi, kind: verification, missing_verdict: confirm}
awards:
  - {id: finalis, name: {id: Finalis, en: Finalist}, stage: nilai}
  - {id: juara, name: {id: Juara, en: Winner}, stage: observasi, rank: {top: 2}}
  - {id: juara-kategori, stage: observasi, rank: {top: 1, per: category}}
  - {id: kesehatan-terbaik, stage: nilai, rank: {top: 1}, where: {field: category, equals: kesehatan}}
"""


def test_awards_by_stage_rank_group_and_condition() -> None:
    subs = [
        {"id": "K1", "category": "kesehatan"},
        {"id": "K2", "category": "kesehatan"},
        {"id": "P1", "category": "pendidikan"},
        {"id": "P2", "category": "pendidikan"},
        {"id": "P3", "category": "pendidikan"},
    ]
    table = {
        "K1": {"J1": 70},
        "K2": {"J1": 95},
        "P1": {"J1": 90},
        "P2": {"J1": 85},
        "P3": {"J1": 60},
    }
    verdicts = [{"submission_id": "P1", "stage": "observasi", "verdict": "gugur"}]
    res = run(ruleset(AWARDS), edition(subs, rows("nilai", table), verdicts=verdicts))
    # nilai, top 4: K2 95, P1 90, P2 85, K1 70 (P3 out); observasi drops P1
    assert sorted(res.winners("finalis")) == ["K1", "K2", "P1", "P2"]
    # winners ranked at observasi by the last ranking (nilai): K2, P2, K1
    assert res.winners("juara") == ["K2", "P2"]
    grants = {g.award: g for g in res.submission("K2").awards}
    assert grants["juara"].rank == 1
    assert grants["juara"].name.text("en") == "Winner"
    # best per category among those confirmed: kesehatan K2, pendidikan P2
    assert sorted(res.winners("juara-kategori")) == ["K2", "P2"]
    p2 = {g.award: g for g in res.submission("P2").awards}["juara-kategori"]
    assert (p2.rank, p2.group) == (1, "pendidikan")
    # a filtered award: the best kesehatan entry at nilai
    assert res.winners("kesehatan-terbaik") == ["K2"]
    assert res.submission("P1").awards[0].award == "finalis"
    assert [g.award for g in res.submission("P3").awards] == []


def test_the_summary_names_the_group_of_each_winner_of_an_award_per_group() -> None:
    """Two "1." under one award read as a mistake unless each names its category."""
    from pathlib import Path

    from inovasi_rules.summary import summary_text

    text = AWARDS.replace(
        "categories: [{id: kesehatan}, {id: pendidikan}]",
        "categories: [{id: pendidikan, name: {id: Pendidikan, en: Education}}, {id: kesehatan}]",
    )
    subs = [{"id": "K1", "category": "kesehatan"}, {"id": "P1", "category": "pendidikan"}]
    rs = ruleset(text)
    res = run(rs, edition(subs, rows("nilai", {"K1": {"J1": 70}, "P1": {"J1": 90}})))
    for lang, first in (("id", "Pendidikan"), ("en", "Education")):
        lines = summary_text(res, lang, "uji", Path("ed"), rules=rs).splitlines()
        at = lines.index("★ juara-kategori")
        block = [line.split()[:2] for line in lines[at + 1 : at + 5]]
        # in the ruleset's order of categories, by name when it has one
        assert block == [[first], ["1.", "P1"], ["kesehatan"], ["1.", "K1"]]
        # an award not given per group stays a plain list
        at = lines.index({"id": "★ Juara", "en": "★ Winner"}[lang])
        assert lines[at + 1].split()[:2] == ["1.", "P1"]


# ----------------------------------------------------------------------------- the whole result


FULL = """\
parameters: {reference_date: 2023-12-31}
eligibility:
  - id: umur
    when: {years_since: innovation.started, as_of: {param: reference_date}, at_least: 1}
    message: {id: "Inovasi harus sudah berjalan 1 tahun", en: "The innovation must have run for a year"}
rubrics:
  - {id: r, criteria: [{id: c, weight: 100}]}
stages:
  - {id: administrasi, name: {id: Seleksi administrasi, en: Administrative selection}, kind: screening}
  - id: proposal
    name: {id: Penilaian proposal, en: Proposal assessment}
    kind: assessment
    rubric: r
    judges: {min: 2, aggregate: mean, too_few: fail}
    advance: {top: 2}
  - {id: observasi, name: {id: Observasi lapangan, en: Field observation}, kind: verification,
     missing_verdict: drop}
awards:
  - {id: top, name: {id: Top Inovasi, en: Top Innovation}, stage: observasi}
"""


def _full_edition() -> Any:
    subs = [
        {"id": "S1", "title": "Posyandu Digital", "innovation.started": "2020-01-01"},
        {"id": "S2", "innovation.started": "2021-05-01"},
        {"id": "S3", "innovation.started": "2023-06-01"},  # too young
        {"id": "S4", "innovation.started": "2019-01-01", "withdrawn": "ya"},
        {"id": "S5", "innovation.started": "2018-01-01"},  # one judge only
        {"id": "S6", "innovation.started": "2022-01-01"},
        {"id": "S7"},  # no start date
    ]
    table = {
        "S1": {"J1": 90, "J2": 80},  # 85
        "S2": {"J1": 70, "J2": 80},  # 75
        "S5": {"J1": 99},
        "S6": {"J1": 60, "J2": 70},  # 65
    }
    verdicts = [{"submission_id": "S1", "stage": "observasi", "verdict": "terverifikasi"}]
    return edition(subs, rows("proposal", table), verdicts=verdicts)


def test_every_submission_once_with_its_status_and_the_funnel() -> None:
    res = run(ruleset(FULL), _full_edition())
    assert [s.id for s in res] == ["S1", "S2", "S3", "S4", "S5", "S6", "S7"]
    status = {s.id: (s.reached, s.status) for s in res}
    assert status == {
        "S1": ("observasi", "advanced"),
        "S2": ("observasi", "dropped"),  # no verdict, missing_verdict: drop
        "S3": ("administrasi", "ineligible"),
        "S4": ("administrasi", "withdrawn"),
        "S5": ("proposal", "dropped"),  # fewer than 2 judges
        "S6": ("proposal", "not_advanced"),
        "S7": ("administrasi", "ineligible"),
    }
    funnel = [(f.stage, f.entered, f.passed, dict(f.by_status)) for f in res.funnel()]
    assert funnel == [
        # 7 entered: S4 withdrew, S3 and S7 ineligible, 4 passed
        ("administrasi", 7, 4, {"advanced": 4, "ineligible": 2, "withdrawn": 1}),
        # S1 S2 S5 S6: S5 dropped (one judge), S1 S2 take the 2 seats
        ("proposal", 4, 2, {"advanced": 2, "dropped": 1, "not_advanced": 1}),
        ("observasi", 2, 1, {"advanced": 1, "dropped": 1}),
    ]
    assert res.winners("top") == ["S1"]


def test_to_json_is_deterministic_and_complete() -> None:
    rs = ruleset(FULL)
    ed = _full_edition()
    text = run(rs, ed).to_json()
    assert run(rs, ed).to_json() == text
    for seed in range(3):
        assert run(rs, shuffled(ed, seed)).to_json() == text
    data = json.loads(text)
    assert (data["ruleset"], data["edition"]) == ("uji", "edisi-uji")
    assert [s["id"] for s in data["submissions"]] == ["S1", "S2", "S3", "S4", "S5", "S6", "S7"]
    s1 = data["submissions"][0]
    proposal = s1["stages"][1]
    # Decimals as strings, exactly as computed: (90 + 80) / 2 = 85
    assert proposal["score"] == "85.00"
    assert proposal["rank"] == 1
    assert data["funnel"][1] == {
        "stage": "proposal",
        "entered": 4,
        "passed": 2,
        "by_status": {"advanced": 2, "dropped": 1, "not_advanced": 1},
    }
    assert data["parameters"] == {"reference_date": "2023-12-31"}


def test_to_csv_one_row_per_submission_and_stage() -> None:
    res = run(ruleset(FULL), _full_edition())
    lines = res.to_csv().splitlines()
    assert lines[0] == "submission_id,title,stage,status,score,base_score,rank,awards,reasons,registered"
    # S1: 3 stages, S2: 3, S3: 1, S4: 1, S5: 2, S6: 2, S7: 1 -> 13 rows
    assert len(lines) == 1 + 13
    # (the last column, registered, is empty: these entries give no registration)
    assert "S1,Posyandu Digital,proposal,advanced,85.00,85.00,1,top,," in lines
    assert "S3,,administrasi,ineligible,,,,,umur: Inovasi harus sudah berjalan 1 tahun," in lines
    en = res.to_csv(lang="en").splitlines()
    assert "S3,,administrasi,ineligible,,,,,umur: The innovation must have run for a year," in en
    (s7,) = [line for line in en if line.startswith("S7,")]
    assert "data missing: innovation.started" in s7


@pytest.mark.parametrize("lang", ["id", "en"])
def test_explain_tells_the_story_in_both_languages(lang: str) -> None:
    res = run(ruleset(FULL), _full_edition())
    text = explain(res, "S1", lang)
    words = {
        "id": [
            "Pengajuan S1 — Posyandu Digital",
            "Hasil akhir: LOLOS",
            "Seleksi administrasi",
            "Penilaian proposal (proposal): LOLOS — nilai 85,00, peringkat 1",
            "Nilai juri: J1: 90,00; J2: 80,00",
            "terverifikasi di lapangan",
            "★ Top Inovasi (top)",
        ],
        "en": [
            "Submission S1 — Posyandu Digital",
            "Final outcome: PASSED",
            "Administrative selection",
            "Proposal assessment (proposal): PASSED — score 85.00, rank 1",
            "Judges' scores: J1: 90.00; J2: 80.00",
            "confirmed in the field",
            "★ Top Innovation (top)",
        ],
    }[lang]
    for w in words:
        assert w in text
    s3 = explain(res, "S3", lang)
    expected = {
        "id": "✗ umur: Inovasi harus sudah berjalan 1 tahun — innovation.started 1 Juni 2023: "
        "0 tahun 6 bulan sebelum 31 Desember 2023, kurang dari 1 tahun",
        "en": "✗ umur: The innovation must have run for a year — innovation.started 1 June 2023: "
        "0 years 6 months before 31 December 2023, less than 1 year",
    }[lang]
    assert expected in s3
    with pytest.raises(KeyError):
        explain(res, "S99", lang)


# ----------------------------------------------------------------------------- order


def _documented_order(entries: list[Any], orders: list[str]) -> list[str]:
    """The order the selection module documents, as one sort by the whole chain:
    score highest first; then each tie-break link (a missing value last, in either
    order); then the lottery ticket."""

    def key(e: Any) -> tuple[Any, ...]:
        parts: list[Any] = [-e.score]
        for v, o in zip(e.tie_values, orders, strict=True):
            if v is None:
                parts.append((1, 0))
            elif o == "desc":
                # every value of a link here is a number or a bool: negating is exact
                parts.append((0, -int(v) if isinstance(v, bool) else -v))
            else:
                parts.append((0, v))
        parts.append(e.lottery)
        return tuple(parts)

    return [e.id for e in sorted(entries, key=key)]


@given(
    data=st.data(),
    links=st.lists(
        st.tuples(
            st.sampled_from(["asc", "desc"]),
            st.sampled_from(["int", "decimal", "bool"]),
        ),
        max_size=3,
    ),
    n=st.integers(min_value=0, max_value=40),
)
@settings(max_examples=200, deadline=None)
def test_order_is_score_then_each_tie_break_link_then_the_lottery(
    data: st.DataObject, links: list[tuple[str, str]], n: int
) -> None:
    # few distinct values, so that most entries tie on the score and on links
    values = {
        "int": st.integers(min_value=0, max_value=3),
        "decimal": st.sampled_from([D("1.5"), D("1.50"), D("2"), D("0.25")]),
        "bool": st.booleans(),
    }
    entries = [
        Entry(
            f"S{i}",
            data.draw(st.sampled_from([D("80"), D("80.0"), D("75.5"), D("90")])),
            tuple(data.draw(st.none() | values[kind]) for _, kind in links),
            lottery_key("seed", f"S{i}"),
        )
        for i in range(n)
    ]
    orders = [o for o, _ in links]
    ordered, notes = order_entries(entries, orders, [f"link {k}" for k in range(len(links))])
    assert [e.id for e in ordered] == _documented_order(entries, orders)
    # any input order gives the same order
    assert [e.id for e in order_entries(entries[::-1], orders, ["x"] * len(links))[0]] == [
        e.id for e in ordered
    ]
    # a note for exactly the entries that share their score with another
    shared = {e.id for e in entries if sum(x.score == e.score for x in entries) > 1}
    assert set(notes) == shared
