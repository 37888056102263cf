"""Benchmark: how long refusing a hostile YAML document takes, beside a yardstick.

The tests (``tests/test_yaml_limits.py``) assert that each limit is hit after a bounded
number of parser events and before any node graph is built; this script puts times on
the same documents for people to read. The yardstick is loading the bundled
``kipp-2019`` ruleset text with the same reader, measured in the same run: ``x ruleset``
is a refusal's median over the yardstick's median, steadier than either time on a
shared machine.

Usage::

    python benchmarks/bench_yaml_limits.py             # 7 runs of each document
    python benchmarks/bench_yaml_limits.py --runs 3

``nox -s bench`` runs it. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from inovasi_rules.errors import LimitError
from inovasi_rules.yamlpos import MAX_DEPTH, MAX_NODES, load_yaml

RULESETS = Path(__file__).resolve().parents[1] / "rulesets"


def billion_laughs(levels: int = 10) -> str:
    """Ten anchors, each a list of ten uses of the one before: 10**10 strings expanded."""
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*lol{i - 1}"] * 10)
        lines.append(f"lol{i}: &lol{i} [{refs}]")
    return "\n".join(lines) + "\n"


def documents() -> dict[str, str]:
    """The hostile documents, by name."""
    return {
        "billion laughs": billion_laughs(),
        "10 MB": "name: " + "x" * 10_000_000 + "\n",
        "nesting 999,990": "a: " + "[" * 999_990 + "]" * 999_990 + "\n",
        f"block nesting {MAX_DEPTH + 5}": "".join(
            "  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5)
        ),
        f"{2 * MAX_NODES:,} values": "a: [" + ", ".join(["1"] * 2 * MAX_NODES) + "]\n",
    }


def yardstick_text() -> str:
    """The national ruleset of 2019: a real document of ordinary size."""
    return (RULESETS / "kipp" / "kipp-2019.yaml").read_text(encoding="utf-8")


def _median(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _refuse(text: str) -> Callable[[], object]:
    def run() -> object:
        try:
            load_yaml(text, "upload.yaml")
        except LimitError as error:
            return error
        raise AssertionError("the document was not refused")

    return run


def measure(runs: int) -> list[tuple[str, float, float]]:
    """(document, median seconds, ratio to the yardstick) for each hostile document."""
    ruleset = yardstick_text()
    rows = []
    for name, text in documents().items():
        refusal = _median(_refuse(text), runs)
        yardstick = _median(lambda: load_yaml(ruleset, "kipp-2019.yaml"), runs)
        rows.append((name, refusal, refusal / yardstick))
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"{'document':<22} {'median s':>10} {'x ruleset':>10}")
    for name, seconds, ratio in measure(args.runs):
        print(f"{name:<22} {seconds:>10.4f} {ratio:>10.2f}")


if __name__ == "__main__":
    main()
