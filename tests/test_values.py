"""Values keep their promises: a frozen result is immutable all the way down, hashes
and compares by value, survives ``attrs.evolve`` and pickling; a model class refuses
what the schema would refuse."""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import attrs
import pytest

from engine_helpers import edition, outcome, rows, ruleset, run
from inovasi_rules import (
    JudgeScore,
    Label,
    Result,
    Ruleset,
    StageOutcome,
    SubmissionResult,
    evaluate,
    load_ruleset,
    read_edition,
)
from inovasi_rules.ruleset.model import Judging, LazyLabel, Rounding, Selection, Stage, TieBreak

ROOT = Path(__file__).resolve().parents[1]


def _results() -> list[Result]:
    subcriteria = ruleset("""\
        rubrics:
          - id: r
            criteria:
              - {id: a, weight: 60, subcriteria: [{id: a1, weight: 30}, {id: a2, weight: 30}]}
              - {id: b, weight: 40}
        stages:
          - {id: satu, kind: assessment, rubric: r, advance: {top: 2}}
          - id: dua
            kind: presentation
            rubric: r
            combine: {satu: 0.4, dua: 0.6}
        """)
    table = {s: {j: {"a1": 70 + k, "a2": 80, "b": 90 - k} for k, j in enumerate(("J1", "J2"))}
             for s in ("A", "B", "C")}
    scores = rows("satu", table) + rows("dua", table)
    return [
        evaluate(load_ruleset("kipp-sukoharjo-2023"), read_edition(ROOT / "examples" / "sukoharjo-2023"),
                 load_entrypoints=False),
        run(subcriteria, edition(["A", "B", "C"], scores)),
    ]


def _walk(value: Any) -> Iterator[Any]:
    """Every value inside a result: attrs instances, mappings, sequences and leaves."""
    yield value
    if attrs.has(type(value)):
        for f in attrs.fields(type(value)):
            if f.init:
                yield from _walk(getattr(value, f.name))
    elif isinstance(value, dict):
        raise AssertionError(f"a mutable dict inside a result: {value!r}")
    elif isinstance(value, list):
        raise AssertionError(f"a mutable list inside a result: {value!r}")
    elif hasattr(value, "items"):
        for k, v in value.items():
            yield from _walk(k)
            yield from _walk(v)
    elif isinstance(value, Sequence) and not isinstance(value, str):
        for v in value:
            yield from _walk(v)


def test_a_result_is_immutable_all_the_way_down_and_hashes() -> None:
    for result in _results():
        for v in _walk(result):
            hash(v)
        assert hash(result) == hash(pickle.loads(pickle.dumps(result)))
        assert result == pickle.loads(pickle.dumps(result))
        o = result.submissions[0].stages[-1]
        with pytest.raises(TypeError):
            o.combined["x"] = D(1)  # type: ignore[index]
        with pytest.raises(TypeError):
            result.parameters["x"] = 1  # type: ignore[index]


def test_a_combined_score_is_a_read_only_mapping() -> None:
    result = _results()[1]
    o = outcome(result, "A", "dua")
    assert dict(o.combined) == {"satu": outcome(result, "A", "satu").score, "dua": o.base_score}
    assert not isinstance(o.combined, dict)
    assert not isinstance(o.criteria, dict)
    # a hand-built outcome is held to the same promise
    built = StageOutcome("s", "advanced", combined={"a": D(1)}, criteria={"c": D(2)},
                         judges=[JudgeScore("J1", D(1), {"c": D(1)})])
    assert not isinstance(built.combined, dict)
    assert not isinstance(built.judges[0].criteria, dict)
    assert isinstance(built.judges, tuple)
    assert built == StageOutcome("s", "advanced", combined={"a": D(1)}, criteria={"c": D(2)},
                                 judges=(JudgeScore("J1", D(1), {"c": D(1)}),))
    hash(built)


def test_evolve_works_on_every_value_of_a_result() -> None:
    seen: set[type] = set()
    for result in _results():
        for v in _walk(result):
            if attrs.has(type(v)) and type(v) not in seen:
                seen.add(type(v))
                assert attrs.evolve(v) == v
    assert {Result, SubmissionResult, StageOutcome, JudgeScore, LazyLabel, Label} <= seen


def test_evolve_on_a_lazy_label_changes_one_text() -> None:
    lazy = LazyLabel(lambda n: (f"{n} juri", f"{n} judges"), 3)
    changed = attrs.evolve(lazy, en="three judges")
    assert changed == Label("3 juri", "three judges")
    assert lazy == Label("3 juri", "3 judges")
    assert hash(attrs.evolve(lazy)) == hash(lazy)
    with pytest.raises(TypeError):
        LazyLabel()


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: Stage("penilaian", "assesment"), "Stage.kind"),
        (lambda: Judging(aggregate="avarage"), "Judging.aggregate"),
        (lambda: Judging(too_few="warn"), "Judging.too_few"),
        (lambda: Rounding(mode="up"), "Rounding.mode"),
        (lambda: Selection(ties="all"), "Selection.ties"),
        (lambda: TieBreak("score", "x"), "TieBreak.by"),
        (lambda: Stage("v", "verification", missing_verdict="ignore"), "Stage.missing_verdict"),
    ],
)
def test_a_hand_built_model_refuses_an_unknown_choice(make: Any, field: str) -> None:
    with pytest.raises(ValueError, match=f"{field} harus salah satu dari .* must be one of"):
        make()


def test_a_hand_built_ruleset_with_a_misspelt_stage_kind_raises_at_construction() -> None:
    with pytest.raises(ValueError, match="assesment"):
        Ruleset("r", Label("R"), stages=[Stage("penilaian", "assesment")])
    rs = load_ruleset("kipp-sukoharjo-2023")
    with pytest.raises(ValueError, match="assesment"):
        attrs.evolve(rs, stages=[attrs.evolve(rs.stages[1], kind="assesment")])
