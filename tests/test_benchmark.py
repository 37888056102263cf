"""The benchmark script (``benchmarks/bench_evaluate.py``, run by ``nox -s bench``) at a
size small enough for the test suite: it runs end to end and what it counts is right.
No time is asserted: timings are for people to read."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from inovasi_rules import evaluate, load_ruleset, read_edition

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_evaluate.py"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sukoharjo-2023"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_evaluate", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_object_counts_follow_the_result(bench: ModuleType) -> None:
    edition = read_edition(EXAMPLE)
    result = evaluate(load_ruleset("kipp-sukoharjo-2023"), edition, load_entrypoints=False)
    counts = bench._object_counts(edition, result)

    assert counts["submissions"] == len(edition.submissions)
    assert counts["results"] == len(result.submissions)
    assert counts["outcomes"] == sum(len(s.stages) for s in result.submissions)
    every = [r for s in result.submissions for st in s.stages for r in st.reasons]
    # reasons shared by several outcomes count once
    assert counts["reasons"] == len({id(r) for r in every}) <= len(every)
    assert 0 < counts["lazy_labels"] <= 2 * counts["reasons"]


def test_object_floor_makes_that_many_objects(bench: ModuleType) -> None:
    counts = {"submissions": 50, "results": 50, "outcomes": 120, "reasons": 300, "lazy_labels": 200}
    assert bench._object_floor(counts) > 0
    # nothing to make: still a time, and no error from an empty list
    assert bench._object_floor(dict.fromkeys(counts, 0)) >= 0


def test_bench_runs_end_to_end_at_a_small_size(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        bench.main(["--sizes", "200", "--runs", "1", "--no-reference", "--cache", str(tmp_path)])
        == 0
    )
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.strip().startswith("200 "))
    cells = row.split()
    assert cells[1] == f"{200 * 42:,}"  # 40 rows per scored entry: 95% at the proposal, 10% again
    assert "objects 200: 200 submissions, 200 results," in out
    assert "funnel 200: administrasi 200->190," in out


def test_the_output_check_passes_on_the_commands_files_and_stops_loudly_on_a_change(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from click.testing import CliRunner

    from inovasi_rules.cli import main

    folder = bench.ensure_edition(120, tmp_path / "cache")
    out = tmp_path / "out"
    out.mkdir()
    for fmt in bench.FORMATS:
        got = CliRunner().invoke(main, ["evaluate", str(bench.RULESET), str(folder), "--format", fmt,
                                        "--out", str(out / f"engine.{fmt}"), "--no-plugins"])
        assert got.exit_code == 0, got.output
    bench.check_outputs(folder, out)  # the files are the engine's own output: no exit
    with (out / "engine.csv").open("a", encoding="utf-8") as fh:
        fh.write("x\n")
    with pytest.raises(SystemExit) as stopped:
        bench.check_outputs(folder, out)
    assert stopped.value.code == 3
    assert "OUTPUT CHECK FAILED: engine.csv differs" in capsys.readouterr().err


def test_yaml_limits_benchmark_refuses_every_document() -> None:
    """``benchmarks/bench_yaml_limits.py``: each hostile document is refused (else the
    script raises) and is timed beside the yardstick."""
    spec = importlib.util.spec_from_file_location(
        "bench_yaml_limits", BENCH.with_name("bench_yaml_limits.py")
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.measure(runs=1)
    assert [name for name, _, _ in rows] == list(module.documents())
    assert all(seconds > 0 and ratio > 0 for _, seconds, ratio in rows)
