"""Tie-breaks by a combined stage's own parts: its judges' score before combining, a
criterion of an earlier stage, a field, in the declared order (#16, item 3)."""

from __future__ import annotations

import datetime
from itertools import pairwise
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import edition, outcome, reasons, rows, ruleset, run
from inovasi_rules.ruleset.describe import describe_ruleset

_RULESET = """\
    rubrics:
      - id: prop
        criteria: [{id: kebaruan, weight: 50}, {id: dampak, weight: 50}]
      - id: pres
        criteria: [{id: paparan, weight: 100}]
    stages:
      - {id: proposal, kind: assessment, rubric: prop}
      - id: presentasi
        kind: presentation
        rubric: pres
        combine: {proposal: 0.4, presentasi: 0.6}
        tie_break:
          - {stage: presentasi}
          - {criterion: kebaruan, stage: proposal}
          - {field: registered, order: asc}
    """

_score = st.integers(0, 10).map(lambda n: n * 10)  # few values: many ties


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_score, _score, _score, st.integers(1, 5)), min_size=2, max_size=12))
def test_ties_are_ordered_by_the_declared_links_in_order(entries: list[tuple[int, int, int, int]]) -> None:
    rs = ruleset(_RULESET)
    ids = [f"S{k:02d}" for k in range(len(entries))]
    subs = [{"id": sid, "registered": datetime.date(2025, 5, day)} for sid, (*_, day) in zip(ids, entries, strict=True)]
    prop = {sid: {"J1": {"kebaruan": a, "dampak": b}} for sid, (a, b, _, _) in zip(ids, entries, strict=True)}
    pres = {sid: {"J1": {"paparan": c}} for sid, (_, _, c, _) in zip(ids, entries, strict=True)}
    res = run(rs, edition(subs, rows("proposal", prop) + rows("presentasi", pres)))

    days = {sid: e[3] for sid, e in zip(ids, entries, strict=True)}

    def key(sid: str) -> tuple[Any, ...]:
        o = outcome(res, sid, "presentasi")
        p = outcome(res, sid, "proposal")
        day = days[sid]
        # higher combined score, then higher own (presentation) score, then higher
        # proposal novelty, then the earlier registration
        return (o.score, o.base_score, p.criteria["kebaruan"], -day)

    ranked = sorted(ids, key=lambda s: outcome(res, s, "presentasi").rank)
    for better, worse in pairwise(ranked):
        assert key(better) >= key(worse)
        if key(better) > key(worse) and key(better)[0] == key(worse)[0]:
            # a tie that a link decided names that link, and the other entry
            (tb,) = reasons(outcome(res, better, "presentasi"), "tie_break")
            assert worse in tb.message.text("en")
            assert "lottery" not in tb.message.text("en")


def test_the_own_score_link_is_explained_in_both_languages_and_in_show() -> None:
    rs = ruleset(_RULESET)
    subs = [{"id": "A", "registered": "2025-05-02"}, {"id": "B", "registered": "2025-05-01"}]
    prop = {"A": {"J1": {"kebaruan": 90, "dampak": 90}}, "B": {"J1": {"kebaruan": 80, "dampak": 70}}}
    pres = {"A": {"J1": {"paparan": 80}}, "B": {"J1": {"paparan": 90}}}
    res = run(rs, edition(subs, rows("proposal", prop) + rows("presentasi", pres)))
    assert outcome(res, "A", "presentasi").score == outcome(res, "B", "presentasi").score
    assert [outcome(res, s, "presentasi").rank for s in "AB"] == [2, 1]
    (tb,) = reasons(outcome(res, "A", "presentasi"), "tie_break")
    assert tb.message.text("id").endswith("nilai juri tahap presentasi sebelum digabung = 80,00")
    assert tb.message.text("en").endswith("stage presentasi's judges' score before combining = 80.00")
    en = describe_ruleset(rs, "en")
    assert ("tie-break: this stage's judges' score before combining and adjustments, highest first; "
            "then the score of criterion kebaruan at stage proposal, highest first") in en
    assert "nilai kriteria kebaruan di tahap proposal" in describe_ruleset(rs, "id")


def test_an_earlier_stage_criterion_decides_when_the_own_score_is_tied() -> None:
    rs = ruleset(_RULESET)
    subs = [{"id": "C", "registered": "2025-04-30"}, {"id": "D", "registered": "2025-04-29"}]
    prop = {"C": {"J1": {"kebaruan": 80, "dampak": 80}}, "D": {"J1": {"kebaruan": 70, "dampak": 90}}}
    pres = {"C": {"J1": {"paparan": 80}}, "D": {"J1": {"paparan": 80}}}
    res = run(rs, edition(subs, rows("proposal", prop) + rows("presentasi", pres)))
    # D registered earlier, but the novelty link comes first
    assert [outcome(res, s, "presentasi").rank for s in "CD"] == [1, 2]
    (tb,) = reasons(outcome(res, "D", "presentasi"), "tie_break")
    assert tb.message.text("en").endswith("order decided by criterion kebaruan at stage proposal = 70.00")
    assert tb.message.text("id").endswith("urutan ditentukan oleh kriteria kebaruan di tahap proposal = 70,00")
