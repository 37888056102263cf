"""YAML test cases for rulesets: the format, the runner, coverage, the pytest plugin and
the ``inovasi-rules test`` command.

The cases run against a small ruleset written here (``mini.yaml``) so every expected
value can be worked out by hand; the bundled rulesets' own cases are run by
``test_bundled_cases.py``.
"""

from __future__ import annotations

import datetime
import json
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from inovasi_rules import load_ruleset
from inovasi_rules.cases import (
    CaseFileError,
    Coverage,
    CoverageItem,
    case_defaults,
    cases_schema,
    find_case_files,
    format_case_result,
    format_coverage,
    load_case_file,
    measure_coverage,
    run_case,
    run_case_file,
)
from inovasi_rules.cli import main

pytest_plugins = ["pytester"]

MINI = """\
schema_version: 1
id: mini
name: {id: "Mini", en: "Mini"}
level: regency
parameters: {closes: 2023-12-31, min_years: 1, bonus: 5, finalists: 2}
participant_kinds: [{id: opd}, {id: upt}]
eligibility:
  - id: kind
    when: {field: participant.kind, in: [opd, upt]}
    message: {id: "Peserta harus OPD atau UPT", en: "The entrant must be an OPD or UPT"}
  - id: age
    when: {years_since: innovation.started, as_of: {param: closes}, at_least: {param: min_years}}
    message: {id: "Minimal {min_years} tahun", en: "At least {min_years} year(s)"}
rubrics:
  - id: r
    scale: {min: 0, max: 100}
    criteria: [{id: a, weight: 60}, {id: b, weight: 40}]
stages:
  - {id: adm, kind: screening}
  - id: nilai
    kind: assessment
    rubric: r
    judges:
      min: 2
      aggregate: mean
      conflicts: [{judge: agency, submission: participant.agency}]
    adjustments:
      - id: bonus
        when: {field: innovation.status, equals: berjalan}
        add: {param: bonus}
        message: {id: "Bonus berjalan", en: "Running bonus"}
    advance: {top: {param: finalists}}
awards:
  - {id: juara, stage: nilai, rank: {top: 1}}
"""

#: One case per expectation kind, all met.
GOOD = """\
ruleset: mini.yaml
cases:
  - name: "syarat / eligibility"
    submissions:
      - id: ok
        expect: {eligible: true, rejected_by: []}
      - id: desa
        participant.kind: desa
        innovation.started: 2023-06-01
        expect:
          eligible: false
          rejected_by: [kind, age]
          message:
            - {id: "Peserta harus OPD atau UPT", en: "The entrant must be an OPD or UPT"}
            - "at least 1 year(s)"
            - {en: "0 years 6 months before 31 December 2023"}
  - name: "nilai / scores"
    submissions:
      - id: A
        innovation.status: berjalan
        scores: {nilai: {a: 90, b: 80}}
        expect:
          reaches: nilai
          advances: [adm, nilai]
          status: advanced
          score: 91.00
          rank: 1
          adjustments: [bonus]
          award: juara
          message: "Bonus berjalan (+5)"
      - id: B
        innovation.status: rintisan
        scores: {nilai: [80, {a: 70, others: 60}]}
        expect: {score: {nilai: 73.00}, rank: {nilai: 2}, status: {adm: advanced, nilai: advanced}, award: false, adjustments: []}
      - id: C
        scores: {nilai: 50}
        expect: {status: not_advanced, message: "di luar 2 kursi"}
"""


def write(tmp_path: Path, text: str, name: str = "mini.test.yaml") -> Path:
    (tmp_path / "mini.yaml").write_text(MINI, encoding="utf-8")
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def one_case(body: str, *, parameters: str = "") -> str:
    """A case file with one case named ``k`` whose submissions are ``body``."""
    params = f"    parameters: {parameters}\n" if parameters else ""
    return "ruleset: mini.yaml\ncases:\n  - name: k\n" + params + "    submissions:\n" + textwrap.indent(
        textwrap.dedent(body), "      "
    )


def problems_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(CaseFileError) as info:
        load_case_file(write(tmp_path, text))
    return [p.format() for p in info.value.problems]


# --------------------------------------------------------------------------- runner


def test_good_cases_pass(tmp_path: Path) -> None:
    cf = load_case_file(write(tmp_path, GOOD))
    results = run_case_file(cf)
    assert [r.outcome for r in results] == ["pass", "pass"]
    assert all(format_case_result(r) == "" for r in results)
    assert cf.ruleset.id == "mini"
    assert [c.line for c in cf.cases] == [3, 17]


@pytest.mark.parametrize(
    ("expect", "what", "expected", "actual"),
    [
        ("{eligible: false}", "eligible", "false", "true"),
        ("{rejected_by: [age]}", "rejected_by", "[age]", "[]"),
        ("{reaches: adm}", "reaches", "adm", "nilai"),
        ("{advances: nilai}", "advances nilai", "advanced", "not_advanced"),
        ("{status: advanced}", "status", "advanced", "not_advanced"),
        ("{status: {nilai: advanced}}", "status nilai", "advanced", "not_advanced"),
        ("{rank: 1}", "rank", "1", "3"),
        ("{rank: {nilai: 2}}", "rank nilai", "2", "3"),
        ("{score: 60}", "score", "60", "50.00"),
        ("{score: {nilai: 50.5}}", "score nilai", "50.5", "50.00"),
        ("{adjustments: [bonus]}", "adjustments", "[bonus]", "[]"),
        ("{award: juara}", "award", "[juara]", "[]"),
        ("{message: \"tidak ditemukan\"}", "message", "'tidak ditemukan'", None),
        ("{message: {id: \"di luar 2 kursi\", en: \"within\"}}", "message", None, None),
    ],
)
def test_each_expectation_reports_its_mismatch(
    tmp_path: Path, expect: str, what: str, expected: str | None, actual: str | None
) -> None:
    body = f"""\
    - {{id: A, scores: {{nilai: 90}}}}
    - {{id: B, scores: {{nilai: 80}}}}
    - {{id: C, scores: {{nilai: 50}}, expect: {expect}}}
    """
    cf = load_case_file(write(tmp_path, one_case(body)))
    [result] = run_case_file(cf)
    assert result.outcome == "fail"
    [mm] = result.mismatches
    assert (mm.submission, mm.what) == ("C", what)
    if expected is not None:
        assert mm.expected == expected
    if actual is not None:
        assert mm.actual == actual


def test_failure_report_shows_expected_actual_and_reasons_in_each_language(tmp_path: Path) -> None:
    body = """\
    - id: muda
      innovation.started: 2023-06-01
      expect: {eligible: true, award: juara}
    """
    cf = load_case_file(write(tmp_path, one_case(body)))
    [result] = run_case_file(cf)
    en = format_case_result(result, "en")
    assert "muda:" in en
    assert "  eligible  expected: true\n            actual:   false\n" in en
    assert "  award     expected: [juara]\n            actual:   []\n" in en
    assert "✗ age: At least 1 year(s) — innovation.started 1 June 2023: 0 years 6 months" in en
    idn = format_case_result(result, "id")
    assert "diharapkan: true" in idn
    assert "✗ age: Minimal 1 tahun — innovation.started 1 Juni 2023: 0 tahun 6 bulan" in idn


def test_copies_make_numbered_submissions_and_share_the_expectation(tmp_path: Path) -> None:
    body = """\
    - {id: top, copies: 2, scores: {nilai: 90}, expect: {advances: nilai}}
    - {id: low, scores: {nilai: 10}, expect: {status: not_advanced, rank: 3}}
    """
    cf = load_case_file(write(tmp_path, one_case(body)))
    [result] = run_case_file(cf)
    assert result.passed
    assert result.result is not None
    assert [s.id for s in result.result.submissions] == ["low", "top-1", "top-2"]


def test_submission_ids_default_to_their_position(tmp_path: Path) -> None:
    body = """\
    - {expect: {eligible: true}}
    - {participant.kind: desa, expect: {eligible: false}}
    """
    cf = load_case_file(write(tmp_path, one_case(body)))
    [result] = run_case_file(cf)
    assert result.passed
    assert [s.id for s in cf.cases[0].submissions] == ["S1", "S2"]


def test_compact_scores_expand_per_judge_and_criterion(tmp_path: Path) -> None:
    body = """\
    - id: number
      scores: {nilai: 70}
      expect: {score: 70.00}
    - id: list
      scores: {nilai: [60, 80, {a: 100, b: 50}]}
      expect: {score: 73.33}
    - id: criteria
      scores: {nilai: {a: 100, lainnya: 50}}
      expect: {score: 80.00}
    - id: judges
      scores: {nilai: {X: 90, Y: {a: 50, b: 50}}}
      expect: {score: 70.00}
    """
    cf = load_case_file(write(tmp_path, one_case(body)))
    case = cf.cases[0]
    assert case.submissions[0].scores["nilai"] == (
        ("J1", "a", Decimal(70)), ("J1", "b", Decimal(70)), ("J2", "a", Decimal(70)), ("J2", "b", Decimal(70)),
    )
    assert {j for j, _c, _v in case.submissions[3].scores["nilai"]} == {"X", "Y"}
    [result] = run_case_file(cf)
    assert result.passed, format_case_result(result, "en")


def test_declared_judges_score_by_position_and_conflicts_apply(tmp_path: Path) -> None:
    text = """\
    ruleset: mini.yaml
    cases:
      - name: juri
        judges:
          - {id: P, agency: Dinas A}
          - {id: Q, agency: Dinas B}
          - {id: R, agency: Dinas C}
        submissions:
          - id: a
            participant.agency: Dinas A
            scores: {nilai: [100, 60, 70]}
            expect: {score: 65.00}
          - id: all
            scores: {nilai: 80}
            expect: {score: 80.00}
    """
    cf = load_case_file(write(tmp_path, text))
    assert {j for j, _c, _v in cf.cases[0].submissions[1].scores["nilai"]} == {"P", "Q", "R"}
    [result] = run_case_file(cf)
    assert result.passed, format_case_result(result, "en")


def test_verdicts_reach_a_verification_stage(tmp_path: Path) -> None:
    ruleset = MINI + "\n".join(
        [
            "  - {id: juara2, stage: cek}",
        ]
    )
    ruleset = ruleset.replace(
        "    advance: {top: {param: finalists}}\n",
        "    advance: {top: {param: finalists}}\n  - {id: cek, kind: verification, missing_verdict: drop}\n",
    )
    text = """\
    ruleset: mini.yaml
    cases:
      - name: cek
        submissions:
          - {id: ya, scores: {nilai: 80}, verdicts: {cek: terverifikasi}, expect: {status: advanced, award: [juara, juara2]}}
          - {id: tidak, scores: {nilai: 70}, verdicts: {cek: {verdict: gugur, note: tutup}}, expect: {status: dropped, message: "(tutup)"}}
    """
    path = write(tmp_path, text)
    (tmp_path / "mini.yaml").write_text(ruleset, encoding="utf-8")
    [result] = run_case_file(load_case_file(path))
    assert result.passed, format_case_result(result, "en")
    path.write_text(textwrap.dedent(text).replace("terverifikasi}", "lolos}"), encoding="utf-8")
    with pytest.raises(CaseFileError, match="'lolos' is not a verdict"):
        load_case_file(path)


# --------------------------------------------------------------------------- defaults


def test_defaults_meet_the_rules_and_an_empty_field_stays_missing(tmp_path: Path) -> None:
    mini = load_case_file(write(tmp_path, GOOD)).ruleset
    rec = case_defaults(mini, {"id": "X"})
    assert rec == {
        "id": "X",
        "title": "Inovasi X",
        "participant.agency": "Instansi X",
        "participant.kind": "opd",
        "innovation.started": datetime.date(2022, 12, 31),
    }
    assert case_defaults(mini, {"innovation": {"started": None}})["innovation.started"] is None


def test_defaults_follow_lookups_and_waves() -> None:
    winner = load_ruleset("winner-2023")
    sulsel = case_defaults(winner, {"participant.province": "sulsel"})
    assert sulsel["category"] == "perkawinan-anak"  # the first of its five validated issues
    assert sulsel["registered"] == datetime.date(2023, 6, 11)
    banten = case_defaults(winner)
    assert (banten["participant.province"], banten["registered"]) == ("banten", datetime.date(2023, 2, 20))
    kipp = load_ruleset("kipp-2021")
    assert case_defaults(kipp)["innovation.started"] == datetime.date(2019, 5, 11)


def test_file_defaults_apply_to_every_submission(tmp_path: Path) -> None:
    text = """\
    ruleset: mini.yaml
    defaults:
      participant: {kind: upt}
    cases:
      - name: d
        submissions:
          - {expect: {eligible: true}}
          - {participant.kind: desa, expect: {eligible: false}}
    """
    cf = load_case_file(write(tmp_path, text))
    assert cf.defaults == {"participant.kind": "upt"}
    [result] = run_case_file(cf)
    assert result.passed
    assert result.result is not None
    assert result.result.submission("S1").fields["participant.kind"] == "upt"


# --------------------------------------------------------------------------- parameters


def test_parameter_overrides_change_the_outcome(tmp_path: Path) -> None:
    body = """\
    - {id: x, innovation.started: 2022-06-01, expect: {eligible: false, rejected_by: [age], message: "Minimal 2 tahun"}}
    """
    [result] = run_case_file(load_case_file(write(tmp_path, one_case(body, parameters="{min_years: 2}"))))
    assert result.passed, format_case_result(result, "en")
    assert result.result is not None
    assert result.result.parameters["min_years"] == 2
    body = """\
    - {id: x, innovation.started: 2022-06-01, expect: {eligible: true}}
    """
    [result] = run_case_file(load_case_file(write(tmp_path, one_case(body))))
    assert result.passed


def test_parameter_override_of_a_count(tmp_path: Path) -> None:
    body = """\
    - {id: A, scores: {nilai: 90}, expect: {advances: nilai}}
    - {id: B, scores: {nilai: 80}, expect: {status: not_advanced}}
    """
    [result] = run_case_file(load_case_file(write(tmp_path, one_case(body, parameters="{finalists: 1}"))))
    assert result.passed, format_case_result(result, "en")


# --------------------------------------------------------------------------- located errors


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    [msg] = problems_of(tmp_path, "ruleset: mini.yaml\ncases:\n  - name: x\n   submissions: []\n")
    assert msg.startswith(f"{tmp_path / 'mini.test.yaml'}:4:")


def pos(text: str, token: str, nth: int = 1) -> str:
    """``:line:column:`` of the ``nth`` occurrence of ``token`` in ``text``."""
    at = -1
    for _ in range(nth):
        at = text.index(token, at + 1)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return f":{line}:{column}:"


@pytest.mark.parametrize(
    ("body", "token", "text"),
    [
        ("- {id: a, expect: {eligibel: true}}\n", "eligibel", "unknown key 'eligibel'"),
        ("- {id: a, expect: {rank: 0}}\n", "0}", "0 must be at least 1"),
        ("- {id: a, expect: {status: lolos}}\n", "lolos", "'lolos' is not allowed here"),
        ("- {id: a, copies: 0, expect: {eligible: true}}\n", "0,", "0 must be at least 1"),
        ("- {id: a, expect: {rejected_by: [ages]}}\n", "ages", "unknown eligibility rule 'ages'"),
        ("- {id: a, expect: {reaches: nila}}\n", "nila", "unknown stage 'nila'"),
        ("- {id: a, expect: {award: juara2}}\n", "juara2", "unknown award 'juara2'"),
        ("- {id: a, expect: {adjustments: [bonus2]}}\n", "bonus2", "unknown adjustment 'bonus2'"),
        ("- {id: a, scores: {adm: 80}, expect: {eligible: true}}\n", "adm", "is not scored"),
        ("- {id: a, scores: {nilai: 180}, expect: {eligible: true}}\n", "180", "off the scale"),
        ("- {id: a, scores: {nilai: {a: 80, c: 70}}, expect: {eligible: true}}\n", "c:", "unknown criterion 'c'"),
        ("- {id: a, scores: {nilai: {a: 80}}, expect: {eligible: true}}\n", "{a:", "no score for b"),
        ("- {id: a, verdicts: {nilai: confirmed}, expect: {eligible: true}}\n", "nilai", "unknown verification stage"),
        ("- {id: a, scores: {nilaii: 80}, expect: {eligible: true}}\n", "nilaii", "did you mean 'nilai'?"),
        ("- {id: a}\n", "k\n", "expects nothing"),
        ("- {id: a, expect: {eligible: true}}\n- {id: a}\n", "{id: a}\n", "used twice"),
        ("- {id: a, copies: 2, expect: {eligible: true}}\n- {id: a-2}\n", "{id: a-2", "'a-2' is used twice"),
    ],
)
def test_case_file_problems_are_located(tmp_path: Path, body: str, token: str, text: str) -> None:
    source = one_case(body)
    msgs = problems_of(tmp_path, source)
    where = pos(source, token)
    assert any(where in m and text in m for m in msgs), (where, msgs)


def test_unknown_parameter_is_located_with_a_suggestion(tmp_path: Path) -> None:
    source = one_case("- {expect: {eligible: true}}\n", parameters="{min_year: 2}")
    [msg] = problems_of(tmp_path, source)
    assert pos(source, "min_year") in msg
    assert "unknown parameter 'min_year'" in msg
    assert "did you mean 'min_years'?" in msg


def test_unknown_ruleset_is_located(tmp_path: Path) -> None:
    msgs = problems_of(tmp_path, "ruleset: kipp-2091\ncases:\n  - name: k\n    submissions: [{expect: {eligible: true}}]\n")
    assert any(":1:10: error: the ruleset 'kipp-2091' cannot be loaded" in m for m in msgs), msgs
    assert any("did you mean" in m and "kipp-2019" in m for m in msgs)


def test_duplicate_case_names_and_too_many_scores(tmp_path: Path) -> None:
    text = """\
    ruleset: mini.yaml
    cases:
      - name: sama
        submissions: [{expect: {eligible: true}}]
      - name: Sama
        judges: [{id: P}, {id: Q}]
        submissions:
          - {scores: {nilai: [1, 2, 3]}, expect: {eligible: true}}
          - {scores: {nilai: {R: 5}}, expect: {eligible: true}}
    """
    msgs = problems_of(tmp_path, text)
    source = textwrap.dedent(text)
    assert any(pos(source, "Sama") in m and "two cases are named" in m for m in msgs), msgs
    assert any(pos(source, "[1, 2") in m and "3 scores but only 2 judges" in m for m in msgs), msgs
    assert any(pos(source, "R:") in m and "unknown judge 'R'" in m for m in msgs), msgs


def test_bad_data_is_an_error_at_the_line_it_was_written(tmp_path: Path) -> None:
    body = """\
    - id: a
      innovation.started: kemarin
      expect: {eligible: true}
    """
    source = one_case(body)
    [result] = run_case_file(load_case_file(write(tmp_path, source)))
    assert result.outcome == "error"
    [problem] = result.problems
    assert f":{problem.line}:{problem.column}:" == pos(source, "kemarin")
    assert problem.path == "cases[0].submissions[0].innovation.started"
    assert "'kemarin' is not a date" in format_case_result(result, "en")


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match="cannot read the file"):
        load_case_file(tmp_path / "nope.test.yaml")


def test_the_schema_is_valid_bilingual_and_printed_by_the_cli() -> None:
    schema = cases_schema()
    Draft202012Validator.check_schema(schema)
    res = CliRunner().invoke(main, ["schema", "--cases"])
    assert res.exit_code == 0
    assert json.loads(res.output) == schema
    assert " / " in schema["description"]
    expect = schema["$defs"]["expect"]["properties"]
    for key in ("eligible", "rejected_by", "reaches", "advances", "status", "rank", "score", "award"):
        assert " / " in expect[key]["description"], key


# --------------------------------------------------------------------------- coverage


def test_coverage_counts_each_direction(tmp_path: Path) -> None:
    text = """\
    ruleset: mini.yaml
    cases:
      - name: satu
        submissions:
          - {id: desa, participant.kind: desa, expect: {eligible: false}}
          - {id: A, scores: {nilai: 80}, expect: {award: juara}}
    """
    cf = load_case_file(write(tmp_path, text))
    cov = measure_coverage(cf.ruleset, run_case_file(cf))
    state = {(i.kind, i.id): (i.admitted, i.rejected) for i in cov.items}
    assert state == {
        ("eligibility", "kind"): (("satu",), ("satu",)),
        ("eligibility", "age"): (("satu",), ()),
        ("adjustment", "nilai/bonus"): ((), ()),  # no status: data missing is neither
        ("selection", "nilai"): (("satu",), ()),
        ("award", "juara"): (("satu",), ()),
    }
    assert (cov.hit, cov.total, cov.percent) == (5, 10, Decimal("50.0"))
    assert [i.id for i in cov.uncovered] == ["age", "nilai/bonus", "nilai", "juara"]
    text = format_coverage(cov, "en")
    assert text.splitlines()[0] == "mini: 5/10 rule directions covered (50.0%)"
    assert "  eligibility  age          admitted ✓  rejected ✗" in text
    assert "kind" not in text
    assert "kind" in format_coverage(cov, "en", all_items=True)
    assert format_coverage(cov, "id").splitlines()[0] == (
        "mini: 5 dari 10 kemungkinan hasil aturan (terpenuhi atau tidak) sudah diuji (50,0%)"
    )


def test_full_coverage_and_a_case_that_errored_counts_nothing(tmp_path: Path) -> None:
    cf = load_case_file(write(tmp_path, GOOD))
    cov = measure_coverage(cf.ruleset, run_case_file(cf))
    assert cov.percent == 100
    assert not cov.uncovered
    body = "- {id: a, innovation.started: kemarin, expect: {eligible: true}}\n"
    bad = load_case_file(write(tmp_path, one_case(body)))
    assert measure_coverage(bad.ruleset, run_case_file(bad)).hit == 0


def test_find_case_files(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.test.yml").write_text("x", encoding="utf-8")
    found = find_case_files([tmp_path, tmp_path / "mini.test.yaml"])
    assert [p.name for p in found] == ["mini.test.yaml", "b.test.yml"]


def test_run_case_takes_plugins(tmp_path: Path) -> None:
    cf = load_case_file(write(tmp_path, GOOD))
    result = run_case(cf.cases[1], cf.ruleset, load_entrypoints=False)
    assert result.passed


# --------------------------------------------------------------------------- pytest plugin


def test_pytest_plugin_collects_one_item_per_case(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", mini=MINI)
    pytester.makefile(".test.yaml", good=GOOD)
    result = pytester.runpytest("-v", "--rules-coverage", "--rules-lang", "en")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines([
        "*good.test.yaml::syarat / eligibility PASSED*",
        "*good.test.yaml::nilai / scores PASSED*",
        "*inovasi_rules coverage*",
        "mini: 10/10 rule directions covered (100.0%)",
    ])


def test_pytest_plugin_failure_shows_the_diff(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", mini=MINI)
    pytester.makefile(".test.yaml", bad=one_case("- {id: desa, participant.kind: desa, expect: {eligible: true}}\n"))
    result = pytester.runpytest("--rules-lang", "en")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*bad.test.yaml:3: k",
        "desa:",
        "  eligible  expected: true",
        "            actual:   false",
        "*✗ kind: The entrant must be an OPD or UPT — participant.kind = desa*",
    ])
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_pytest_plugin_reports_a_malformed_file(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", mini=MINI)
    source = one_case("- {id: a, expect: {rejected_by: [ages]}}\n")
    pytester.makefile(".test.yaml", broken=source)
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "*ERROR collecting broken.test.yaml*",
        "test case file is not valid / berkas kasus uji tidak valid: 1 error",
        f"*broken.test.yaml{pos(source, 'ages')} error: unknown eligibility rule 'ages'*",
        "    hint: did you mean 'age'? / maksud Anda 'age'?",
    ])


def test_pytest_plugin_fail_under(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", mini=MINI)
    pytester.makefile(".test.yaml", part=one_case("- {id: a, expect: {eligible: true}}\n"))
    result = pytester.runpytest("--rules-fail-under", "100")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*coverage of mini is 30.0%, under --rules-fail-under 100%*"])
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    assert pytester.runpytest("--rules-fail-under", "30").ret == pytest.ExitCode.OK


# --------------------------------------------------------------------------- command line


def cli(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, ["test", *args])
    return res.exit_code, res.output


def test_cli_passes(tmp_path: Path) -> None:
    code, out = cli(str(write(tmp_path, GOOD)), "--coverage", "--fail-under", "100", "--lang", "en")
    assert code == 0, out
    assert "  PASS  syarat / eligibility\n" in out
    assert "== 2 passed in " in out
    assert "mini: 10/10 rule directions covered (100.0%)" in out


def test_cli_fails_with_a_diff(tmp_path: Path) -> None:
    path = write(tmp_path, one_case("- {id: desa, participant.kind: desa, expect: {eligible: true}}\n"))
    code, out = cli(str(tmp_path))
    assert code == 1
    assert f"  FAIL  k  [{path}:3]" in out
    assert "eligible  diharapkan: true" in out
    assert "✗ kind: Peserta harus OPD atau UPT" in out
    assert "== 0 lulus, 1 gagal dalam " in out


def test_cli_coverage_under_the_limit_fails(tmp_path: Path) -> None:
    path = write(tmp_path, one_case("- {id: a, expect: {eligible: true}}\n"))
    code, out = cli(str(path), "--fail-under", "90", "--lang", "en")
    assert code == 1
    assert "== 1 passed in" in out
    assert "coverage of mini is 30.0%, under --fail-under 90%" in out
    assert "  eligibility  kind" in out


def test_cli_reports_a_malformed_file_and_goes_on(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    (tmp_path / "broken.test.yaml").write_text("ruleset: mini.yaml\ncases: []\n", encoding="utf-8")
    code, out = cli(str(tmp_path), "--lang", "en", "-q")
    assert code == 1
    assert f"ERROR {tmp_path / 'broken.test.yaml'}" in out
    assert "broken.test.yaml:2:8: error:" in out
    assert "== 2 passed, 1 could not run in " in out


def test_cli_keyword_and_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    code, out = cli(str(path), "-k", "SCORES", "--lang", "en")
    assert code == 0
    assert "== 1 passed in" in out
    code, out = cli(str(path), "-k", "tidak ada", "--lang", "en")
    assert code == 1
    assert "no case matches -k tidak ada" in out
    code, out = cli(str(path), "--defaults")
    assert code == 0
    assert "  participant.kind: opd\n  innovation.started: 2022-12-31\n" in out


def test_cli_without_case_files(tmp_path: Path) -> None:
    code, out = cli(str(tmp_path), "--lang", "en")
    assert code == 1
    assert "no *.test.yaml files in" in out


# --------------------------------------------------------------------------- engine fix found by the cases


def test_contains_on_an_empty_list_is_false_not_missing() -> None:
    """An entry with no earlier awards (an empty list reads as missing) does not
    contain ``top-40``: the KIPP 2019 cases found it rejected for "data missing"."""
    from inovasi_rules import Submission, compile_condition
    from inovasi_rules.ruleset.model import Compare, Field, Not

    cond = compile_condition(Not(Compare(Field("innovation.previous_awards"), "contains", "top-40")))
    outcome = cond(Submission("A"))
    assert outcome.value is True
    assert outcome.text.en == "not (innovation.previous_awards is empty, does not contain top-40)"
    assert compile_condition(Compare(Field("innovation.previous_awards"), "equals", "x"))(Submission("A")).value is None


def test_validate_checks_case_files_as_case_files(tmp_path: Path) -> None:
    good = write(tmp_path, GOOD)
    res = CliRunner().invoke(main, ["validate", str(tmp_path / "mini.yaml"), str(good)])
    assert res.exit_code == 0, res.output
    assert f"{good}: sah (0 galat, 0 peringatan)" in res.output
    bad = write(tmp_path, one_case("- {id: a, expect: {award: juara2}}\n"), name="bad.test.yaml")
    res = CliRunner().invoke(main, ["validate", str(bad)])
    assert res.exit_code == 1
    assert "error: unknown award 'juara2'" in res.output
    assert f"{bad}: TIDAK SAH (1 galat, 0 peringatan)" in res.output


def _coverage(hit: int, of: int) -> Coverage:
    """A coverage with ``hit`` of ``of`` directions (``of`` even) exercised."""
    items = [
        CoverageItem("eligibility", f"r{k}", admitted=("a",) if 2 * k < hit else (),
                     rejected=("b",) if 2 * k + 1 < hit else ())
        for k in range(of // 2)
    ]
    return Coverage("r", tuple(items))


def test_coverage_percent_rounds_half_up_as_people_do() -> None:
    assert _coverage(5, 12).percent == Decimal("41.7")  # 41.666...
    assert format_coverage(_coverage(5, 12), "id").splitlines()[0].endswith("(41,7%)")
    assert format_coverage(_coverage(5, 12), "en").startswith("r: 5/12 rule directions covered (41.7%)")


def test_fail_under_compares_the_exact_coverage_not_the_rounded_one() -> None:
    almost = _coverage(1999, 2000)
    assert almost.percent == 100
    assert almost.below(100)
    assert not _coverage(2000, 2000).below(100)
    assert not _coverage(5, 12).below(Decimal("41.6"))


def test_coverage_columns_say_what_each_kind_of_rule_does() -> None:
    items = tuple(
        CoverageItem(kind, kind, admitted=("a",))
        for kind in ("eligibility", "adjustment", "selection", "verification", "award")
    )
    en = format_coverage(Coverage("r", items), "en").splitlines()[1:]
    assert [line.split()[2:] for line in en] == [
        ["admitted", "✓", "rejected", "✗"],
        ["applied", "✓", "not", "applied", "✗"],
        ["advanced", "✓", "not", "advanced", "✗"],
        ["confirmed", "✓", "dropped", "✗"],
        ["given", "✓", "not", "given", "✗"],
    ]
    id_ = format_coverage(Coverage("r", items), "id")
    assert "berlaku ✓" in id_
    assert "tidak diberikan ✗" in id_
    assert "penyesuaian  adjustment    menerima" not in id_
