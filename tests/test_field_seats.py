"""Field visits that choose the top tier: a verification stage with ``confirm: {top,
freed}`` fills a seat freed by a failed visit from the next ranked entry, or keeps it
empty (#16, item 6)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import edition, outcome, reasons, rows, ruleset, run
from inovasi_rules import RulesetError
from inovasi_rules.ruleset.describe import describe_ruleset


def _rules(top: int, freed: str, missing: str = "confirm", advance: str = "") -> Any:
    return ruleset(f"""\
        rubrics:
          - {{id: r, criteria: [{{id: c, weight: 100}}]}}
        stages:
          - {{id: presentasi, kind: presentation, rubric: r{advance}}}
          - id: lapangan
            kind: verification
            missing_verdict: {missing}
            confirm: {{top: {top}, freed: {freed}}}
        awards:
          - {{id: top, stage: lapangan}}
        """)


def _run(rs: Any, scores: dict[str, int], verdicts: dict[str, str]) -> Any:
    ed = edition(
        list(scores),
        rows("presentasi", {sid: {"J1": v} for sid, v in scores.items()}),
        verdicts=[{"submission_id": sid, "stage": "lapangan", "verdict": v} for sid, v in verdicts.items()],
    )
    return run(rs, ed)


_VERDICT = st.sampled_from(["confirmed", "dropped", None])


@settings(max_examples=80, deadline=None)
@given(
    entries=st.lists(st.tuples(st.integers(0, 10), _VERDICT), min_size=1, max_size=12),
    top=st.integers(1, 8),
    freed=st.sampled_from(["fill", "keep_empty"]),
    missing=st.sampled_from(["confirm", "drop", "flag"]),
)
def test_fill_confirms_as_many_as_pass_and_keep_empty_never_reaches_beyond_the_seats(
    entries: list[tuple[int, str | None]], top: int, freed: str, missing: str
) -> None:
    ids = [f"S{k:02d}" for k in range(len(entries))]
    scores = {sid: score * 10 for sid, (score, _) in zip(ids, entries, strict=True)}
    verdicts = {sid: v for sid, (_, v) in zip(ids, entries, strict=True) if v is not None}
    res = _run(_rules(top, freed, missing), scores, verdicts)

    def passes_visit(sid: str) -> bool:
        v = verdicts.get(sid)
        return v == "confirmed" if v is not None else missing != "drop"

    confirmed = set(res.passed("lapangan"))
    rank = {sid: outcome(res, sid, "presentasi").rank for sid in ids}
    if freed == "fill":
        assert len(confirmed) == min(top, sum(passes_visit(sid) for sid in ids))
        # the confirmed are the best ranked of those who pass their visit
        passing = sorted((sid for sid in ids if passes_visit(sid)), key=rank.__getitem__)
        assert confirmed == set(passing[:top])
    else:
        assert all(rank[sid] <= top for sid in confirmed)
        assert confirmed == {sid for sid in ids if rank[sid] <= top and passes_visit(sid)}
    assert set(res.winners("top")) == confirmed
    for sid in ids:
        moved = reasons(outcome(res, sid, "lapangan"), "confirm")
        if rank[sid] > top and sid in confirmed:
            # every entry that moved up is told whose seat it took, in both languages
            (r,) = moved
            freed_by = r.message.text("en").split("filled the seat freed by ")[1].split(",")[0]
            assert rank[freed_by] <= rank[sid]
            assert not passes_visit(freed_by)
            assert f"naik mengisi kursi yang kosong karena {freed_by}" in r.message.text("id")


def test_a_seat_freed_by_a_failed_visit_goes_to_the_next_ranked_entry() -> None:
    res = _run(_rules(2, "fill"), {"A": 95, "B": 90, "C": 88, "D": 80}, {"A": "confirmed", "B": "dropped"})
    assert res.passed("lapangan") == ["A", "C"]
    assert outcome(res, "B", "lapangan").status == "dropped"
    assert outcome(res, "D", "lapangan").status == "not_advanced"
    (r,) = reasons(outcome(res, "C", "lapangan"), "confirm")
    assert r.message.text("id") == (
        "peringkat 3 di tahap presentasi: naik mengisi kursi yang kosong karena B "
        "tidak lolos verifikasi lapangan")
    assert r.message.text("en") == (
        "rank 3 at stage presentasi: filled the seat freed by B, who did not pass the field verification")
    (r,) = reasons(outcome(res, "D", "lapangan"), "confirm")
    assert r.message.text("en") == "rank 4 at stage presentasi, outside the 2 field-verification seats"


def test_keep_empty_leaves_the_seat_empty_and_tells_the_next_entry() -> None:
    res = _run(_rules(2, "keep_empty"), {"A": 95, "B": 90, "C": 88}, {"A": "confirmed", "B": "dropped",
                                                                      "C": "confirmed"})
    assert res.passed("lapangan") == ["A"]
    (r,) = reasons(outcome(res, "C", "lapangan"), "confirm")
    assert r.passed is False
    assert r.message.text("id").endswith(
        "kursi yang kosong karena B tidak lolos verifikasi lapangan tidak diisi")
    assert r.message.text("en").endswith("the seat freed by B stays empty")
    # C's verdict was recorded but never needed: said so, not silently dropped
    (v,) = reasons(outcome(res, "C", "lapangan"), "verdict")
    assert v.message.text("en") == "the recorded visit (confirmed) was not used: the seats were decided before its turn"
    assert v.message.text("id").startswith("hasil kunjungan tercatat (terverifikasi) tidak dipakai")


def test_show_says_how_the_visits_choose_in_both_languages() -> None:
    assert ("kunjungan memilih 2 teratas menurut peringkat tahap bernilai terakhir; kursi yang "
            "kosong karena kunjungan gagal diisi peringkat berikutnya") in describe_ruleset(_rules(2, "fill"), "id")
    assert ("the visits choose the top 2 of the last scored stage's ranking; a seat freed by a "
            "failed visit stays empty") in describe_ruleset(_rules(2, "keep_empty"), "en")


def test_confirm_is_checked_where_it_is_written() -> None:
    with pytest.raises(RulesetError) as err:
        _rules(0, "fill")
    (p,) = err.value.problems
    assert (p.rule, p.path, p.line) == ("selection", "stages[1].confirm.top", 12)
    assert "/" in p.message
