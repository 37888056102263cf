"""Tests of inovasi_rules.whatif.history: outcomes.csv, reproduce, compare and Kendall's tau."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inovasi_rules import Edition, Registry, evaluate, loads_ruleset, write_edition
from inovasi_rules.errors import EditionError
from inovasi_rules.result import Result
from inovasi_rules.ruleset.model import Ruleset
from inovasi_rules.whatif.history import (
    OfficialOutcome,
    compare,
    kendall_tau,
    read_history,
    read_outcomes,
    reproduce,
    write_outcomes,
)

# A small competition: an eligibility check, one scored stage with a bonus for regencies
# (zero unless a parameter says otherwise), the best three advance and win.
RULESET = """\
schema_version: 1
id: uji
name: {id: "Kompetisi Uji", en: "Test competition"}
level: regency
parameters:
  bonus_points: 0
participant_kinds:
  - {id: kabupaten, name: {id: Kabupaten, en: Regency}}
  - {id: kota, name: {id: Kota, en: City}}
categories:
  - {id: kesehatan, name: {id: Kesehatan, en: Health}}
  - {id: pendidikan, name: {id: Pendidikan, en: Education}}
eligibility:
  - id: kind
    when: {field: participant.kind, in: [kabupaten, kota]}
    message: {id: "Peserta harus kabupaten atau kota", en: "Entrant must be a regency or city"}
rubrics:
  - id: proposal
    scale: {min: 0, max: 100}
    criteria:
      - {id: mutu, weight: 100}
stages:
  - {id: administrasi, name: {id: Seleksi administrasi, en: Administrative selection}, kind: screening}
  - id: proposal
    name: {id: Penilaian proposal, en: Proposal assessment}
    kind: assessment
    rubric: proposal
    judges: {min: 1, aggregate: mean}
    adjustments:
      - id: bonus-kabupaten
        when: {field: participant.kind, equals: kabupaten}
        add: {param: bonus_points}
        message: {id: "Tambahan untuk kabupaten", en: "Regency bonus"}
    advance: {top: 3}
awards:
  - {id: juara, name: {id: Juara, en: Winner}, stage: proposal}
"""

#: id, kind, province, category, score. With bonus_points=2, S4 (79 + 2 = 81) passes S3
#: (80) and nobody else moves: S5 (70 + 2) stays out. S6 is not eligible.
ENTRIES = [
    ("S1", "kota", "jateng", "kesehatan", 90),
    ("S2", "kota", "jatim", "pendidikan", 85),
    ("S3", "kota", "jateng", "kesehatan", 80),
    ("S4", "kabupaten", "jatim", "pendidikan", 79),
    ("S5", "kabupaten", "jateng", "kesehatan", 70),
    ("S6", "bumn", "dki", "kesehatan", 95),
]


def ruleset(text: str = RULESET) -> Ruleset:
    """The test ruleset, loaded without the bundled registry."""
    return loads_ruleset(text, registry=Registry(bundled=False))


def edition(entries: Sequence[tuple[str, str, str, str, int]] = ENTRIES, *, id: str = "uji-2023") -> Edition:
    """An edition with one judge's score per entry."""
    return Edition.from_records(
        id=id,
        ruleset="uji",
        title="Uji 2023",
        year=2023,
        submissions=[
            {"id": sid, "title": f"Inovasi {sid}", "participant.kind": kind,
             "participant.province": prov, "category": cat}
            for sid, kind, prov, cat, _ in entries
        ],
        scores=[
            {"submission_id": sid, "stage": "proposal", "judge_id": "J1", "criterion": "mutu", "score": score}
            for sid, _, _, _, score in entries
        ],
    )


def run(rs: Ruleset | None = None, ed: Edition | None = None, **params: Any) -> Result:
    """Evaluate (plugins from installed packages left out)."""
    return evaluate(rs or ruleset(), ed or edition(), load_entrypoints=False, parameters=params or None)


def history_folder(root: Path, result: Result | None = None, ed: Edition | None = None) -> Path:
    """A past-edition folder: the edition's files and its outcomes.csv."""
    folder = root / "uji-2023"
    write_edition(ed or edition(), folder)
    write_outcomes(result or run(), folder / "outcomes.csv")
    return folder


# --------------------------------------------------------------------------- outcomes.csv


def test_write_then_read_outcomes_round_trips(tmp_path: Path) -> None:
    result = run()
    path = write_outcomes(result, tmp_path / "outcomes.csv")
    rows = read_outcomes(path, {s.id for s in result.submissions})
    assert [(o.submission, o.reached, o.status, o.awards) for o in rows] == [
        (s.id, s.reached, s.status, tuple(sorted(g.award for g in s.awards))) for s in result.submissions
    ]
    assert path.read_text(encoding="utf-8").splitlines()[0] == "submission_id,stage_reached,status,award"


def test_read_history_reads_data_and_outcomes(tmp_path: Path) -> None:
    folder = history_folder(tmp_path)
    past = read_history(folder)
    assert past.ruleset == "uji"
    assert past.outcomes is not None
    assert len(past.outcomes) == len(ENTRIES)
    assert past.path == str(folder)


def test_read_history_without_outcomes(tmp_path: Path) -> None:
    write_edition(edition(), tmp_path / "e")
    assert read_history(tmp_path / "e").outcomes is None


def test_outcomes_accept_semicolons_bom_and_missing_optional_columns(tmp_path: Path) -> None:
    path = tmp_path / "outcomes.csv"
    path.write_bytes("\ufeffsubmission_id;stage_reached;award\nS1;proposal;juara;\nS6;administrasi;\n".encode())
    rows = read_outcomes(path, {"S1", "S6"})
    assert rows == (OfficialOutcome("S1", "proposal", None, ("juara",)),
                    OfficialOutcome("S6", "administrasi", None, ()))
    assert rows[1].row == 3


@pytest.mark.parametrize(
    ("text", "row", "column", "path", "rule"),
    [
        ("submission_id,stage_reached,status,award\nS1,proposal,advanced,juara\nS1,proposal,advanced,\n",
         3, 1, "submission_id", "duplicate"),
        ("submission_id,stage_reached,status,award\nS9,proposal,advanced,\n", 2, 1, "submission_id",
         "unknown-submission"),
        ("submission_id,stage_reached,status,award\nS1,proposal,lolos,\n", 2, 3, "status", "unknown-status"),
        ("submission_id,stage_reached,status,award\n,proposal,advanced,\n", 2, 1, "submission_id", "empty-id"),
        ("submission_id,stage_reached,status,award\nS1,proposal\n", 2, None, "", "row-width"),
        ("submission_id,status,award\nS1,advanced,\n", 1, None, "stage_reached", "missing-column"),
        ("submission_id,stage_reached,medal\nS1,proposal,gold\n", 1, 3, "medal", "unknown-column"),
    ],
)
def test_malformed_outcomes_are_located(
    tmp_path: Path, text: str, row: int, column: int | None, path: str, rule: str
) -> None:
    file = tmp_path / "outcomes.csv"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(EditionError) as info:
        read_outcomes(file, {"S1", "S2"})
    (problem,) = info.value.errors
    assert (problem.file, problem.row, problem.column, problem.path, problem.rule) == (
        str(file), row, column, path, rule)
    assert f"{file}: row {row}" in str(info.value)


def test_every_problem_in_outcomes_is_reported_at_once(tmp_path: Path) -> None:
    file = tmp_path / "outcomes.csv"
    file.write_text("submission_id,stage_reached,status\nS9,proposal,advanced\nS1,proposal,menang\n",
                    encoding="utf-8")
    with pytest.raises(EditionError) as info:
        read_outcomes(file, {"S1"})
    assert [(p.row, p.rule) for p in info.value.errors] == [(2, "unknown-submission"), (3, "unknown-status")]


def test_read_history_locates_errors_in_its_outcomes(tmp_path: Path) -> None:
    folder = history_folder(tmp_path)
    lines = (folder / "outcomes.csv").read_text(encoding="utf-8").splitlines()
    lines[4] = "S9" + lines[4][2:]
    (folder / "outcomes.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(EditionError) as info:
        read_history(folder)
    (problem,) = info.value.errors
    assert (problem.file, problem.row, problem.column) == (str(folder / "outcomes.csv"), 5, 1)


def test_empty_outcomes_file_is_an_error(tmp_path: Path) -> None:
    file = tmp_path / "outcomes.csv"
    file.write_text("", encoding="utf-8")
    with pytest.raises(EditionError, match="empty"):
        read_outcomes(file)


# --------------------------------------------------------------------------- reproduce


def test_replay_reproduces_its_own_outcome(tmp_path: Path) -> None:
    past = read_history(history_folder(tmp_path))
    assert past.outcomes is not None
    rep = reproduce(run(ed=past.edition), past.outcomes)
    assert rep.reproduced
    assert rep.checked == len(ENTRIES)
    assert rep.unrecorded == ()


def test_reproduce_detects_a_tampered_row_and_says_why(tmp_path: Path) -> None:
    folder = history_folder(tmp_path)
    outcomes = folder / "outcomes.csv"
    text = outcomes.read_text(encoding="utf-8")
    # the record now says S4 won (it was 4th, outside the 3 seats)
    assert "S4,proposal,not_advanced,\n" in text
    outcomes.write_text(text.replace("S4,proposal,not_advanced,\n", "S4,proposal,advanced,juara\n"),
                        encoding="utf-8")
    past = read_history(folder)
    assert past.outcomes is not None
    rep = reproduce(run(ed=past.edition), past.outcomes)
    assert not rep.reproduced
    (m,) = rep.mismatches
    assert (m.submission, m.what, m.recorded, m.computed, m.stage, m.row) == (
        "S4", "status", "advanced", "not_advanced", "proposal", 5)
    assert "rank 4" in m.reason.text("en")
    assert "3 seats" in m.reason.text("en")
    assert "Proposal assessment" in m.reason.text("en")
    assert "Penilaian proposal" in m.reason.text("id")


def test_reproduce_explains_an_eligibility_rejection() -> None:
    result = run()
    rep = reproduce(result, [OfficialOutcome("S6", "proposal", "advanced", ("juara",))])
    (m,) = rep.mismatches
    assert (m.what, m.recorded, m.computed, m.stage) == ("reached", "proposal", "administrasi", "administrasi")
    assert m.reason.text("en") == "Administrative selection: kind: participant.kind = bumn, is not one of [kabupaten, kota]"
    assert m.reason.text("id") == "Seleksi administrasi: kind: participant.kind = bumn, tidak termasuk [kabupaten, kota]"


def test_reproduce_when_the_computation_went_further_than_the_record() -> None:
    rep = reproduce(run(), [OfficialOutcome("S1", "administrasi", "advanced")])
    (m,) = rep.mismatches
    assert (m.what, m.stage) == ("reached", "administrasi")


def test_reproduce_flags_awards_unknown_stages_missing_and_unrecorded_submissions() -> None:
    rep = reproduce(run(), [
        OfficialOutcome("S1", "proposal", "advanced", ()),         # the award is missing
        OfficialOutcome("S2", "presentasi", None, ()),              # no such stage
        OfficialOutcome("S7", "proposal", None, ()),                # not in the result
    ])
    assert [(m.submission, m.what) for m in rep.mismatches] == [
        ("S1", "awards"), ("S2", "reached"), ("S7", "submission")]
    assert rep.mismatches[0].recorded == "-"
    assert rep.mismatches[0].computed == "juara"
    assert "rank 1" in rep.mismatches[0].reason.text("en")
    assert "presentasi" in rep.mismatches[1].reason.text("en")
    assert rep.unrecorded == ("S3", "S4", "S5", "S6")


def test_a_bonus_that_did_not_apply_is_not_given_as_the_reason() -> None:
    # S5 gets no regency bonus... it is a regency; S3 is a city: the bonus rule fails for it
    rep = reproduce(run(bonus_points=2), [OfficialOutcome("S3", "proposal", "advanced", ("juara",))])
    (m,) = rep.mismatches
    assert "bonus" not in m.reason.text("en").lower()
    assert "outside the 3 seats" in m.reason.text("en")


# --------------------------------------------------------------------------- compare


def test_comparing_a_ruleset_with_itself_shows_no_change() -> None:
    a, b = run(), run()
    c = compare(a, b)
    assert not c.changed
    assert all(not s.entered and not s.left for s in c.stages)
    assert all(not x.gained and not x.lost for x in c.awards)
    assert c.tau == {"proposal": 1.0}
    assert all(r.moved == 0 for r in c.ranks["proposal"])
    assert [(f.stage, f.entered, f.passed) for f in c.funnel_a] == [
        (f.stage, f.entered, f.passed) for f in c.funnel_b]
    for pair in c.composition["juara"].values():
        assert pair[0] == pair[1]


def test_a_bonus_lifting_one_entry_shows_it_entering_and_the_displaced_leaving() -> None:
    c = compare(run(), run(bonus_points=2))
    assert c.changed
    (award,) = c.awards
    assert (award.gained, award.lost) == (("S4",), ("S3",))
    assert (award.winners_a, award.winners_b) == (3, 3)
    stages = {s.stage: s for s in c.stages}
    assert (stages["proposal"].entered, stages["proposal"].left) == (("S4",), ("S3",))
    assert (stages["administrasi"].entered, stages["administrasi"].left) == ((), ())
    s4 = c.rank("proposal", "S4")
    s3 = c.rank("proposal", "S3")
    assert s4 is not None
    assert s3 is not None
    assert (s4.rank_a, s4.rank_b, s4.moved) == (4, 3, 1)
    assert (s3.rank_a, s3.rank_b, s3.moved) == (3, 4, -1)
    assert (str(s4.score_a), str(s4.score_b)) == ("79.00", "81.00")
    # S3 and S4 swap places: one discordant pair out of ten
    assert c.tau["proposal"] == pytest.approx((10 - 2) / 10)
    kinds_a, kinds_b = c.composition["juara"]["participant.kind"]
    assert (kinds_a, kinds_b) == ({"kota": 3}, {"kabupaten": 1, "kota": 2})
    assert c.titles["S4"] == "Inovasi S4"
    assert c.fields["S4"]["participant.province"] == "jatim"


def test_compare_refuses_results_of_different_editions() -> None:
    other = edition(id="uji-2024")
    with pytest.raises(ValueError, match="different editions"):
        compare(run(), run(ed=other))


def test_compare_ruleset_with_a_different_stage() -> None:
    extra = RULESET.replace(
        "    advance: {top: 3}\n",
        "    advance: {top: 3}\n  - {id: observasi, kind: verification, missing_verdict: confirm}\n",
    ).replace("stage: proposal}", "stage: observasi}")
    c = compare(run(), run(ruleset(extra)))
    ids = [s.stage for s in c.stages]
    assert ids == ["administrasi", "proposal", "observasi"]
    obs = c.stages[-1]
    assert (obs.passed_a, obs.passed_b, obs.entered) == (0, 3, ("S1", "S2", "S3"))
    assert not c.awards[0].gained


# --------------------------------------------------------------------------- kendall tau


def brute_tau(a: Mapping[str, int], b: Mapping[str, int]) -> float | None:
    """Kendall's tau-b by looking at every pair (O(n^2))."""
    keys = [k for k in a if k in b]
    s = ties_a = ties_b = n0 = 0
    for i, j in itertools.combinations(keys, 2):
        n0 += 1
        da = (a[i] > a[j]) - (a[i] < a[j])
        db = (b[i] > b[j]) - (b[i] < b[j])
        s += da * db
        ties_a += da == 0
        ties_b += db == 0
    denominator = (n0 - ties_a) * (n0 - ties_b)
    return None if denominator == 0 else s / math.sqrt(denominator)


rank_maps = st.dictionaries(st.sampled_from([f"s{i}" for i in range(40)]), st.integers(1, 12), max_size=40)


@given(rank_maps, rank_maps)
def test_kendall_tau_matches_the_brute_force_definition(a: dict[str, int], b: dict[str, int]) -> None:
    fast = kendall_tau(a, b)
    slow = brute_tau(a, b)
    if slow is None:
        assert fast is None
    else:
        assert fast == pytest.approx(slow, abs=1e-12)


@given(st.permutations([f"s{i}" for i in range(30)]))
def test_kendall_tau_of_orders_without_ties(order: list[str]) -> None:
    base = [f"s{i}" for i in range(30)]
    tau = kendall_tau(base, order)
    assert tau == pytest.approx(brute_tau({k: i for i, k in enumerate(base)}, {k: i for i, k in enumerate(order)}))
    assert kendall_tau(order, order) == 1.0
    assert kendall_tau(order, order[::-1]) == -1.0


def test_kendall_tau_edge_cases() -> None:
    assert kendall_tau(["a"], ["a"]) is None
    assert kendall_tau(["a", "b"], ["c", "d"]) is None
    assert kendall_tau({"a": 1, "b": 1}, {"a": 1, "b": 2}) is None  # A puts both level
    assert kendall_tau(["a", "x", "b"], ["b", "a"]) == -1.0  # only shared items count


def test_the_examples_in_the_docstrings() -> None:
    import doctest

    from inovasi_rules.whatif import history

    failures, tried = doctest.testmod(history)
    assert (failures, tried) == (0, 3)
