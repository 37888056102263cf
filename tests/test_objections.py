"""Objections: reading them, applying the upheld ones, and the final result with its changes.

The hand-worked edition: five entries, two judges, one criterion, Top 2 after an
administrative check that the innovation is running (mean of the judges)::

    A  berjalan   J1 90  J2 90   -> 90   rank 1  announced
    B  berjalan   J1 90  J2 70   -> 80   rank 2  announced
    C  berjalan   J1 70  J2 76   -> 73   rank 3
    D  rintisan   J1 95  J2 95   ineligible (not running)
    E  selesai    J1 60  J2 60   -> 60   rank 4
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import cases, edition, ruleset
from inovasi_rules import EditionError, Ruleset, check_ruleset, describe_ruleset
from inovasi_rules.objections import (
    Objection,
    apply_objections,
    finalise,
    objections_from_records,
    read_objections,
)

BODY = """\
eligibility:
  - id: running
    when: {{field: innovation.status, in: [berjalan, selesai]}}
    message: {{id: "Inovasi harus sudah berjalan", en: "The innovation must be running"}}
rubrics:
  - id: r
    criteria: [{{id: c, weight: 100}}]
stages:
  - {{id: admin, kind: screening}}
  - id: nilai
    kind: assessment
    rubric: r
    advance: {{top: 2}}
    objection_period: {{days: 5, displaced: {policy}, source: "Pengumuman panitia"}}
"""

SCORES = {"A": (90, 90), "B": (90, 70), "C": (70, 76), "D": (95, 95), "E": (60, 60)}
STATUS = {"A": "berjalan", "B": "berjalan", "C": "berjalan", "D": "rintisan", "E": "selesai"}


def _ruleset(policy: str) -> Ruleset:
    return ruleset(BODY.format(policy=policy), id=f"uji-sanggah-{policy}")


def _edition():  # type: ignore[no-untyped-def]
    subs = [{"id": s, "innovation.status": st_} for s, st_ in STATUS.items()]
    scores = [
        {"submission_id": s, "stage": "nilai", "judge_id": j, "criterion": "c", "score": v}
        for s, pair in SCORES.items()
        for j, v in zip(("J1", "J2"), pair, strict=True)
    ]
    return edition(subs, scores)


def _objection(kind: str, about: str, decision: str = "upheld", **fields: str) -> Objection:
    return Objection(
        id=f"OBJ-{kind}", objector="Warga", submission=about, stage="nilai", kind=kind,  # type: ignore[arg-type]
        claim="klaim", decision=decision, reason="terbukti" if decision != "pending" else None,  # type: ignore[arg-type]
        decided_by="Tim Panel" if decision != "pending" else None, **fields,  # type: ignore[arg-type]
    )


def test_the_provisional_list_is_a_and_b() -> None:
    final = finalise(_ruleset("rerank"), _edition(), [], load_entrypoints=False)
    assert final.provisional.passed("nilai") == ["A", "B"]
    assert final.provisional.submission("C").stage("nilai").score == Decimal("73.00")


@pytest.mark.parametrize(("policy", "passed"), [("rerank", ["A", "C"]), ("extra_seats", ["A", "C", "B"])])
def test_a_corrected_score(policy: str, passed: list[str]) -> None:
    # C's J2 score was 96, not 76: (70 + 96) / 2 = 83 > B's 80, so C takes B's place
    obj = _objection("score", "C", judge="J2", criterion="c", value="96")
    final = finalise(_ruleset(policy), _edition(), [obj], load_entrypoints=False)
    assert final.final.passed("nilai") == passed
    assert final.final.submission("C").stage("nilai").score == Decimal("83.00")
    [log] = final.data_changes
    assert (log.objection, log.submission, log.judge, log.before, log.after) == ("OBJ-score", "C", "J2", "76", "96")
    c_changes = {(c.what, c.before, c.after, c.direct) for c in final.changes if c.submission == "C"}
    assert c_changes == {
        ("score", "73.00", "83.00", True),
        ("rank", "3", "2", True),
        ("status", "not_advanced", "advanced", True),
    }
    b_changes = {(c.what, c.before, c.after, c.direct, c.objections) for c in final.changes if c.submission == "B"}
    if policy == "rerank":
        assert ("status", "advanced", "not_advanced", False, ("OBJ-score",)) in b_changes
        assert final.extra_seats == {}
    else:
        assert final.final.submission("B").stage("nilai").status == "advanced"
        assert final.extra_seats == {"nilai": ("B",)}
        assert ("extra_seat", None, "nilai", False, ()) in b_changes


@pytest.mark.parametrize("policy", ["rerank", "extra_seats"])
def test_a_withdrawn_entry(policy: str) -> None:
    # A withdraws: B moves up to rank 1, C (rank 3) fills the second seat; nobody is displaced
    final = finalise(_ruleset(policy), _edition(), [_objection("withdrawal", "A")], load_entrypoints=False)
    assert final.final.passed("nilai") == ["B", "C"]
    assert final.final.submission("A").status == "withdrawn"
    assert final.extra_seats == {}
    assert [(d.what, d.before, d.after) for d in final.data_changes] == [("withdrawn", "False", "True")]
    assert {(c.what, c.after) for c in final.changes if c.submission == "B"} == {("rank", "1")}


@pytest.mark.parametrize(("policy", "passed"), [("rerank", ["D", "A"]), ("extra_seats", ["D", "A", "B"])])
def test_an_eligibility_finding_reversed(policy: str, passed: list[str]) -> None:
    # D's innovation was already running: eligible, and its 95 ranks first
    obj = _objection("eligibility", "D", field="innovation.status", value="berjalan")
    final = finalise(_ruleset(policy), _edition(), [obj], load_entrypoints=False)
    assert final.provisional.submission("D").status == "ineligible"
    assert final.final.passed("nilai") == passed
    assert [(d.what, d.before, d.after) for d in final.data_changes] == [("innovation.status", "rintisan", "berjalan")]
    d = {(c.stage, c.what, c.before, c.after) for c in final.changes if c.submission == "D"}
    assert ("admin", "status", "ineligible", "advanced") in d
    assert ("nilai", "score", None, "95.00") in d


@pytest.mark.parametrize("policy", ["rerank", "extra_seats"])
def test_a_conflict_of_interest_found_late(policy: str) -> None:
    # J1 (90) had a conflict with B: B's score is J2's 70 alone, below C's 73; B loses its
    # own place (no extra seat: the objection was about B itself)
    obj = _objection("conflict", "B", judge="J1")
    final = finalise(_ruleset(policy), _edition(), [obj], load_entrypoints=False)
    assert final.final.passed("nilai") == ["A", "C"]
    assert final.final.submission("B").stage("nilai").score == Decimal("70.00")
    assert [(d.judge, d.before, d.after) for d in final.data_changes] == [("J1", "90", None)]
    assert final.extra_seats == {}
    status = [c for c in final.changes if c.submission == "B" and c.what == "status"]
    assert [(c.after, c.direct, c.objections) for c in status] == [("not_advanced", True, ("OBJ-conflict",))]


def test_rejected_and_pending_objections_change_nothing_but_pending_ones_warn() -> None:
    objs = [
        _objection("withdrawal", "A", decision="rejected"),
        attrs.evolve(_objection("score", "C", decision="pending", judge="J2", criterion="c", value="96"), id="P"),
    ]
    final = finalise(_ruleset("rerank"), _edition(), objs, load_entrypoints=False)
    assert final.final.to_json() == final.provisional.to_json()
    assert final.changes == ()
    assert [p.rule for p in final.findings] == ["objection-pending"]


def test_the_input_edition_is_not_changed() -> None:
    ed = _edition()
    before = list(ed.scores)
    apply_objections(_ruleset("rerank"), ed, [_objection("score", "C", judge="J2", criterion="c", value="96")])
    assert list(ed.scores) == before


def test_an_objection_about_an_unknown_entry_is_located() -> None:
    with pytest.raises(EditionError) as info:
        apply_objections(_ruleset("rerank"), _edition(), [_objection("withdrawal", "ZZ")])
    [problem] = info.value.problems
    assert "ZZ" in problem.message
    assert problem.path == "OBJ-withdrawal.submission_id"


def test_a_late_objection_is_reported_against_the_period() -> None:
    import datetime

    obj = attrs.evolve(_objection("withdrawal", "A", decision="rejected"), filed_at=datetime.date(2023, 7, 10))
    final = finalise(_ruleset("rerank"), _edition(), [obj], announced=datetime.date(2023, 7, 1),
                     load_entrypoints=False)
    assert [p.rule for p in final.findings] == ["objection-late"]
    assert "2023-07-06" in final.findings[0].message


def test_the_report_names_each_change_and_its_objection() -> None:
    obj = _objection("score", "C", judge="J2", criterion="c", value="96")
    text = finalise(_ruleset("rerank"), _edition(), [obj], load_entrypoints=False).report("id")
    assert "OBJ-score  C            score nilai J2 c: 76 -> 96" in text
    assert "nilai: nilai 73,00 -> 83,00 (karena sanggahan OBJ-score)" in text
    assert "nilai: status tidak lolos -> lolos" in text
    assert "karena sanggahan OBJ-score" in text
    assert "akibat peringkat ulang setelah sanggahan OBJ-score" in text


# --------------------------------------------------------------------------- reading


def test_read_objections_csv_with_indonesian_words(tmp_path: Path) -> None:
    path = tmp_path / "objections.csv"
    path.write_text(
        "id,objector,submission_id,stage,kind,claim,judge_id,criterion,value,decision,reason,decided_by,decided_at\n"
        "S1,Dinas X,C,nilai,score,Nilai juri J2 salah input,J2,c,\"96,0\",diterima,Lembar nilai asli,Tim Panel,05/07/2023\n"
        "S2,Warga,A,nilai,withdrawal,Sudah mundur,,,,ditolak,Tidak terbukti,Tim Panel,2023-07-05\n",
        encoding="utf-8",
    )
    a, b = read_objections(path)
    assert (a.decision, a.value, a.decided_at.isoformat() if a.decided_at else None) == ("upheld", "96.0", "2023-07-05")
    assert (b.decision, b.row) == ("rejected", 3)


def test_read_objections_reports_every_problem_with_its_row(tmp_path: Path) -> None:
    path = tmp_path / "objections.csv"
    path.write_text(
        "id,objector,submission_id,stage,kind,claim,decision\n"
        "S1,Warga,A,nilai,bribery,klaim,upheld\n"
        "S1,Warga,A,nilai,score,klaim,maybe\n",
        encoding="utf-8",
    )
    with pytest.raises(EditionError) as info:
        read_objections(path)
    found = {(p.row, p.path, p.rule) for p in info.value.problems}
    assert (2, "kind", "objection") in found
    assert (2, "reason", "required") in found  # upheld needs who, when and why
    assert (3, "judge_id", "required") in found  # a score objection needs the judge
    assert (3, "decision", "objection") in found
    assert (3, "id", "duplicate") in found


def test_objections_from_json(tmp_path: Path) -> None:
    path = tmp_path / "objections.json"
    path.write_text(json.dumps({"objections": [
        {"id": "S1", "objector": "Warga", "submission": "A", "stage": "nilai", "kind": "withdrawal",
         "claim": "mundur", "decision": "pending"}]}), encoding="utf-8")
    [o] = read_objections(path)
    assert (o.submission, o.decision, o.row) == ("A", "pending", None)
    with pytest.raises(EditionError) as info:
        objections_from_records([(None, {"id": "S2"})], file="x.json")
    assert {p.path for p in info.value.problems} >= {"[0].objector", "[0].kind"}


# --------------------------------------------------------------------------- the ruleset side


def test_extra_seats_needs_a_scored_stage() -> None:
    text = BODY.format(policy="rerank").replace(
        "  - {id: admin, kind: screening}",
        "  - {id: admin, kind: screening, objection_period: {days: 3, displaced: extra_seats}}",
    )
    from engine_helpers import HEADER

    check = check_ruleset_text(HEADER.format(id="x") + text)
    assert [p.rule for p in check.errors] == ["stage-order"]
    assert check.errors[0].path == "stages[0].objection_period.displaced"


def check_ruleset_text(text: str):  # type: ignore[no-untyped-def]
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.yaml"
        p.write_text(text, encoding="utf-8")
        return check_ruleset(p)


def test_the_objection_period_is_described_in_words() -> None:
    id_text = describe_ruleset(_ruleset("extra_seats"), "id")
    assert "masa sanggah: 5 hari kalender sejak pengumuman" in id_text
    assert "tetap lolos sebagai kursi tambahan" in id_text
    assert "sumber: Pengumuman panitia" in id_text
    en_text = describe_ruleset(_ruleset("rerank"), "en")
    assert "the stage is ranked again and the count holds" in en_text


# --------------------------------------------------------------------------- properties

DECISIONS = st.sampled_from(["rejected", "pending"])


@settings(max_examples=40, deadline=None)
@given(case=cases(), data=st.data())
def test_without_an_upheld_objection_the_final_is_the_provisional(case, data) -> None:  # type: ignore[no-untyped-def]
    ids = [s.id for s in case.ed.submissions] or ["S00"]
    objs = [
        Objection(id=f"O{i}", objector="x", submission=data.draw(st.sampled_from(ids)), stage="proposal",
                  kind="withdrawal", claim="x", decision=data.draw(DECISIONS), reason="r",
                  decided_by="p")
        for i in range(data.draw(st.integers(0, 3)))
    ]
    final = finalise(case.rs, case.ed, objs, load_entrypoints=False)
    assert final.final.to_json() == final.provisional.to_json()
    assert final.changes == ()
    assert final.data_changes == ()


@settings(max_examples=40, deadline=None)
@given(case=cases(), data=st.data())
def test_extra_seats_keep_every_announced_entrant_not_objected_to(case, data) -> None:  # type: ignore[no-untyped-def]
    from inovasi_rules.ruleset.model import ObjectionPeriod

    stages = tuple(
        attrs.evolve(s, objection_period=ObjectionPeriod(5, "extra_seats")) if s.id == "proposal" else s
        for s in case.rs.stages
    )
    rs = attrs.evolve(case.rs, stages=stages)
    competing = [s.id for s in case.ed.submissions if not s.withdrawn]
    if not competing:
        return
    about = data.draw(st.sampled_from(competing))
    objs = [Objection(id="O1", objector="x", submission=about, stage="proposal", kind="withdrawal",
                      claim="x", decision="upheld", reason="r", decided_by="p")]
    final = finalise(rs, case.ed, objs, load_entrypoints=False)
    announced = set(final.provisional.passed("proposal")) - {about}
    assert announced <= set(final.final.passed("proposal"))


def test_read_objections_separated_by_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "objections.csv"
    path.write_text(
        "id;objector;submission_id;stage;kind;claim;judge_id;criterion;value;decision\n"
        "S1;Warga;C;nilai;score;salah ketik;J2;c;96,5;diproses\n",
        encoding="utf-8",
    )
    [o] = read_objections(path)
    assert (o.value, o.decision, o.judge) == ("96.5", "pending", "J2")
