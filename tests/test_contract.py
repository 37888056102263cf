"""The published contract: the result, edition and problems schemas hold what the library
writes and reads, and ``inovasi-rules schema`` prints them."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from inovasi_rules import EditionError, Problem, read_edition
from inovasi_rules.cli import main
from inovasi_rules.contract import SCHEMA_NAMES, problems_document, schema, useful_order

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("golden_make", ROOT / "tests" / "golden" / "make.py")
assert _spec is not None
assert _spec.loader is not None
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)

EXAMPLES = [c for c in make.CASES if not c[2].startswith("synthetic:")]


def _errors(name: str, document: Any) -> list[str]:
    validator = Draft202012Validator(schema(name))
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    Draft202012Validator.check_schema(schema(name))


@pytest.mark.parametrize(("name", "ruleset", "edition"), EXAMPLES, ids=[c[0] for c in EXAMPLES])
def test_the_result_of_every_bundled_example_validates(name: str, ruleset: str, edition: str) -> None:
    document = json.loads(make.outputs(ruleset, edition)["json"])
    assert _errors("result", document) == []


def test_the_result_schema_rejects_a_float_score_and_a_missing_key() -> None:
    document = json.loads(make.outputs(*EXAMPLES[0][1:])["json"])
    stage = document["submissions"][0]["stages"][0]
    stage["score"] = 85.5
    del document["funnel"]
    errors = _errors("result", document)
    assert any("funnel" in e for e in errors)
    assert any("85.5" in e for e in errors)


def test_the_json_edition_of_the_tests_validates_and_is_read() -> None:
    path = ROOT / "tests" / "data" / "editions" / "kipp-mini.json"
    assert _errors("edition", json.loads(path.read_text(encoding="utf-8"))) == []
    assert len(read_edition(path).submissions) == 3


def test_the_edition_schema_refuses_a_score_without_a_criterion() -> None:
    doc = {"submissions": [{"id": "A"}], "scores": [{"submission_id": "A", "stage": "s", "judge_id": "J", "score": 1}]}
    assert any("criterion" in e for e in _errors("edition", doc))


def test_an_errors_message_lists_the_root_cause_first_and_its_problems_stay_by_place(tmp_path: Path) -> None:
    (tmp_path / "submissions.csv").write_text(
        "id,title,registered\nA1,Inovasi A,2023-02-30\nA1,Inovasi B,2023-03-01\n", encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        read_edition(tmp_path)
    lines = [line for line in str(caught.value).splitlines() if ": error: " in line]
    assert [line.rsplit("(", 1)[1] for line in lines] == ["duplicate)", "data)"]
    assert [p.rule for p in caught.value.problems] == ["data", "duplicate"]
    assert [p.row for p in caught.value.problems] == [2, 3]


def test_problems_come_root_cause_first_and_validate() -> None:
    follow = Problem("unknown submission X / tidak dikenal", file="a.json", row=2, rule="unknown-reference")
    plain = Problem("bad date / tanggal salah", file="a.json", row=1, rule="edition")
    root = Problem("not valid JSON / bukan JSON", file="b.json", line=3, column=1, rule="json-syntax")
    warn = Problem("unknown key / kunci", file="a.json", rule="unknown-key", level="warning")
    assert useful_order([warn, follow, plain, root]) == [root, plain, follow, warn]
    document = problems_document([warn, follow])
    assert _errors("problems", document) == []
    assert document["ok"] is False
    assert (document["errors"], document["warnings"]) == (1, 1)
    assert document["problems"][0]["rule"] == "unknown-reference"


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_the_schema_command_prints_each_schema(name: str) -> None:
    out = CliRunner().invoke(main, ["schema", name])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output) == schema(name)


def test_the_schema_command_prints_the_ruleset_schema_by_default() -> None:
    out = CliRunner().invoke(main, ["schema"])
    assert json.loads(out.output) == schema("ruleset")
