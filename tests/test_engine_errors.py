"""Bad input to the engine: every problem is a located error or an explicit finding,
never a silent drop and never a bare traceback."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from engine_helpers import edition, outcome, rows, ruleset, run, single_criterion
from inovasi_rules import (
    Edition,
    EditionError,
    EvaluationError,
    Judge,
    Score,
    Submission,
    Verdict,
    evaluate,
    read_edition,
)

RULESET = """\
rubrics:
  - id: r
    scale: {min: 0, max: 100}
    criteria: [{id: kebaruan, weight: 40}, {id: manfaat, weight: 60}]
stages:
  - {id: administrasi, kind: screening}
  - {id: proposal, kind: assessment, rubric: r}
"""


def _folder(
    tmp_path: Path, scores: str, judges: str | None = "judge_id,province\nJ1,jateng\nJ2,dki\n"
) -> Path:
    d = tmp_path / "edisi"
    d.mkdir()
    (d / "submissions.csv").write_text("id,title\nS1,Satu\nS2,Dua\n", encoding="utf-8")
    if judges is not None:
        (d / "judges.csv").write_text(judges, encoding="utf-8")
    (d / "scores.csv").write_text(
        "submission_id,stage,judge_id,criterion,score\n" + scores, encoding="utf-8"
    )
    return d


def _problems(tmp_path: Path, scores: str) -> list[tuple[str, int | None, str, str]]:
    d = _folder(tmp_path, scores)
    with pytest.raises(EvaluationError) as info:
        evaluate(ruleset(RULESET), read_edition(d), load_entrypoints=False)
    return [(Path(p.file or "").name, p.row, p.path, p.message) for p in info.value.problems]


def test_score_for_an_unknown_stage(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "S1,proposal,J1,kebaruan,80\nS1,presentasi,J1,kebaruan,80\n")
    # the header is row 1, so the second data row is row 3
    assert problems == [
        (
            "scores.csv",
            3,
            "stage",
            "unknown stage 'presentasi' / tahap 'presentasi' tidak ada di ruleset",
        ),
    ]


def test_score_for_an_unknown_criterion(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "S1,proposal,J1,kebaruan,80\nS1,proposal,J1,dampak,80\n")
    assert [(f, r, c) for f, r, c, _ in problems] == [("scores.csv", 3, "criterion")]
    assert "'dampak'" in problems[0][3]
    assert "kriteria tidak dikenal" in problems[0][3]


@pytest.mark.parametrize("value", ["100.5", "-1"])
def test_score_off_the_scale(tmp_path: Path, value: str) -> None:
    problems = _problems(tmp_path, f"S1,proposal,J1,kebaruan,{value}\n")
    assert problems == [
        ("scores.csv", 2, "score", f"score {value} is off the scale 0–100 / nilai di luar skala"),
    ]


def test_every_bad_row_is_reported_at_once(tmp_path: Path) -> None:
    scores = (
        "S1,proposal,J1,kebaruan,80\n"  # row 2: fine
        "S1,proposal,J1,manfaat,101\n"  # row 3: off the scale
        "S2,wawancara,J1,kebaruan,80\n"  # row 4: unknown stage
        "S2,proposal,J2,gagasan,80\n"  # row 5: unknown criterion
    )
    d = _folder(tmp_path, scores)
    with pytest.raises(EvaluationError) as info:
        evaluate(ruleset(RULESET), read_edition(d), load_entrypoints=False)
    assert [(p.row, p.path) for p in info.value.problems] == [
        (3, "score"),
        (4, "stage"),
        (5, "criterion"),
    ]
    text = str(info.value)
    assert "edisi tidak sesuai aturan" in text
    assert "scores.csv: row 3" in text


def test_bad_scores_given_in_memory_are_located_by_their_record() -> None:
    # a host system builds the edition from its database: "scores[2]" is the record to fix
    ed = Edition.from_records(
        id="e",
        submissions=[{"id": "S1"}, {"id": "S2"}],
        scores=[
            {"submission_id": "S1", "stage": "proposal", "judge_id": "J1", "criterion": "kebaruan", "score": 80},
            {},  # a blank record, skipped: the later ones keep their positions
            {"submission_id": "S1", "stage": "proposal", "judge_id": "J1", "criterion": "manfaat", "score": 850},
            {"submission_id": "S2", "stage": "penilain", "judge_id": "J1", "criterion": "kebaruan", "score": 80},
        ],
    )
    with pytest.raises(EvaluationError) as info:
        evaluate(ruleset(RULESET), ed, load_entrypoints=False)
    assert [(p.file, p.row, p.path) for p in info.value.problems] == [
        (None, None, "scores[2].score"),
        (None, None, "scores[3].stage"),
    ]
    assert "[scores[2].score]" in info.value.problems[0].format()


def test_unknown_judge_in_a_folder_is_a_located_edition_error(tmp_path: Path) -> None:
    d = _folder(tmp_path, "S1,proposal,J1,kebaruan,80\nS1,proposal,J9,kebaruan,80\n")
    with pytest.raises(EditionError) as info:
        read_edition(d)
    (p,) = info.value.errors
    assert (Path(p.file or "").name, p.row, p.path) == ("scores.csv", 3, "judge_id")
    assert "J9" in p.message


def _direct(scores: list[Score], judges: tuple[Judge, ...] = (Judge("J1"),)) -> Edition:
    # The constructor does not cross-check (a host may build an edition directly): the
    # engine must check what the readers would have.
    return Edition(
        "e",
        submissions=(Submission("S1"),),
        judges=judges,
        scores=tuple(scores),
        files={"scores": "scores.csv"},
    )


def test_unknown_judge_in_a_direct_edition_is_an_evaluation_error() -> None:
    ed = _direct(
        [
            Score("S1", "proposal", "J1", "kebaruan", Decimal(80), 2),
            Score("S1", "proposal", "J1", "manfaat", Decimal(80), 3),
            Score("S1", "proposal", "J7", "kebaruan", Decimal(80), 4),
        ]
    )
    with pytest.raises(EvaluationError) as info:
        run(ruleset(RULESET), ed)
    (p,) = info.value.problems
    assert (p.file, p.row, p.path) == ("scores.csv", 4, "judge_id")
    assert p.message == "unknown judge 'J7' / juri 'J7' tidak dikenal"


def test_unknown_submission_in_a_direct_edition_is_an_evaluation_error() -> None:
    ed = _direct(
        [
            Score("S1", "proposal", "J1", "kebaruan", Decimal(80), 2),
            Score("S9", "proposal", "J1", "kebaruan", Decimal(80), 3),
        ]
    )
    with pytest.raises(EvaluationError) as info:
        run(ruleset(RULESET), ed)
    (p,) = info.value.problems
    assert (p.file, p.row, p.path) == ("scores.csv", 3, "submission_id")
    assert "'S9'" in p.message
    assert "tidak dikenal" in p.message


def test_non_numeric_and_duplicate_scores_are_edition_errors(tmp_path: Path) -> None:
    d = _folder(
        tmp_path,
        "S1,proposal,J1,kebaruan,delapan\nS1,proposal,J1,manfaat,80\nS1,proposal,J1,manfaat,85\n",
    )
    with pytest.raises(EditionError) as info:
        read_edition(d)
    assert [(p.row, p.rule) for p in info.value.errors] == [(2, "data"), (4, "duplicate")]


def test_verdict_for_a_stage_that_is_not_verified_is_a_warning() -> None:
    rs = single_criterion("judges: {aggregate: mean}")
    ed = edition(
        ["A"],
        rows("nilai", {"A": {"J1": 80}}),
        verdicts=[{"submission_id": "A", "stage": "observasi", "verdict": "gugur"}],
    )
    res = run(rs, ed)
    # the verdict is not used (A still passes) and the result says so
    assert outcome(res, "A", "nilai").status == "advanced"
    (f,) = res.findings
    assert (f.rule, f.level, f.path) == ("verdict-unknown-stage", "warning", "stage")
    assert "'observasi'" in f.message
    assert "tidak dipakai" in f.message


def test_verdict_row_is_located(tmp_path: Path) -> None:
    rs = single_criterion("judges: {aggregate: mean}")
    ed = Edition(
        "e",
        submissions=(Submission("A"),),
        verdicts=(
            Verdict("A", "nilai", "gugur"),
            Verdict("A", "wawancara", "gugur", origin=_origin("verdicts.csv", 3)),
        ),
    )
    res = run(rs, ed)
    assert sorted((Path(p.file or "-").name, p.row) for p in res.findings) == [
        ("-", None),
        ("verdicts.csv", 3),
    ]


def _origin(file: str, row: int) -> object:
    from inovasi_rules.edition import Origin

    return Origin(file, row)


def test_scores_for_a_submission_that_did_not_reach_the_stage_are_reported() -> None:
    rs = ruleset("""\
        eligibility:
          - {id: jenis, when: {field: participant.kind, equals: upt}, message: {id: "Harus UPT", en: "Must be a UPT"}}
        rubrics:
          - {id: r, criteria: [{id: c, weight: 100}]}
        stages:
          - {id: administrasi, kind: screening}
          - {id: nilai, kind: assessment, rubric: r}
        """)
    ed = edition(
        [{"id": "A", "participant.kind": "upt"}, {"id": "B", "participant.kind": "bumd"}],
        rows("nilai", {"A": {"J1": 80}, "B": {"J1": 90}}),
    )
    res = run(rs, ed)
    (f,) = res.findings
    assert f.rule == "unused-scores"
    assert "(B)" in f.message
    assert "nilai tidak dipakai" in f.message


def test_unused_scores_at_each_scored_stage_and_a_withdrawn_entry() -> None:
    # a withdrawn entry's record is at the first stage: its scores there are not
    # reported as unused (it withdrew; the scores are kept for the record), while
    # scores at the second stage for entries that never reached it are
    rs = ruleset("""\
        rubrics:
          - {id: r, criteria: [{id: c, weight: 100}]}
        stages:
          - {id: satu, kind: assessment, rubric: r, advance: {top: 1}}
          - {id: dua, kind: assessment, rubric: r}
        """)
    ed = edition(
        [{"id": "A"}, {"id": "B"}, {"id": "C", "withdrawn": "ya"}],
        rows("satu", {"A": {"J1": 80}, "B": {"J1": 70}, "C": {"J1": 90}})
        + rows("dua", {"A": {"J1": 85}, "B": {"J1": 60}, "C": {"J1": 95}}),
    )
    res = run(rs, ed)
    (f,) = res.findings
    assert f.rule == "unused-scores"
    assert f.path == "dua"
    assert "2 submission(s) have scores at dua" in f.message
    assert "(B, C)" in f.message


def test_empty_edition_gives_an_empty_result_with_a_finding() -> None:
    res = run(ruleset(RULESET), Edition("kosong"))
    assert len(res) == 0
    assert [(f.stage, f.entered, f.passed) for f in res.funnel()] == [
        ("administrasi", 0, 0),
        ("proposal", 0, 0),
    ]
    (f,) = res.findings
    assert f.rule == "empty-edition"
    assert "edisi tidak memiliki pengajuan" in f.message
    assert '"submissions": []' in res.to_json()


def test_unknown_parameter_override_is_located() -> None:
    with pytest.raises(EvaluationError) as info:
        evaluate(ruleset(RULESET), edition(["A"]), load_entrypoints=False, parameters={"bonus": 5})
    (p,) = info.value.problems
    assert p.path == "parameters.bonus"
    assert "tidak ada di ruleset" in p.message


def test_a_parameter_of_the_wrong_type_in_the_edition_stops_before_the_run(tmp_path: Path) -> None:
    """An edition.yaml that writes ``finalists: sepuluh`` is an error naming the file
    and the parameter, never a run where every entry fails for want of a number."""
    rs = ruleset(
        "parameters: {finalists: 2}\n"
        + RULESET.replace(
            "{id: proposal, kind: assessment, rubric: r}",
            "{id: proposal, kind: assessment, rubric: r, advance: {top: {param: finalists}}}",
        )
    )
    d = _folder(tmp_path, "S1,proposal,J1,kebaruan,80\nS1,proposal,J1,manfaat,70\n")
    (d / "edition.yaml").write_text("id: e\nparameters:\n  finalists: sepuluh\n", encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        evaluate(rs, read_edition(d), load_entrypoints=False)
    (p,) = info.value.problems
    assert (p.path, p.rule) == ("parameters.finalists", "parameter-type")
    assert p.file is not None
    assert p.file.endswith("edition.yaml")
    assert "'sepuluh'" in p.message
