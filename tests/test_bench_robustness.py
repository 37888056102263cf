"""The rank-confidence benchmark (``benchmarks/bench_robustness.py``, run by ``nox -s
bench``) at a size small enough for the test suite: it runs and counts what it says.
No time is asserted."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_robustness.py"


def test_benchmark_runs_and_times_the_yardstick_beside_the_replicates() -> None:
    spec = importlib.util.spec_from_file_location("bench_robustness", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    r = module.measure(replicates=4, every=2)
    assert r["entries"] == 3156
    assert r["replicates"] == 4
    # the reference evaluation, then one after every second replicate
    assert r["evaluations"] == 3
    assert r["explained_s"] > 0
    assert r["replicate_s"] > 0
    assert r["total_ratio"] > 0
