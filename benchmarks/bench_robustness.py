"""Benchmark: rank confidence on the bundled KIPP 2019 history (3,156 entries).

The target (issue "Judges and ranks under uncertainty"): 1,000 replicates take at most
100 times one full explained evaluation of the same edition, i.e. each replicate at
most a tenth of one.

The yardstick is measured in the same run, beside the replicates: every ``--every``
replicates the progress callback times one full ``evaluate`` of the edition (explained:
every reason and trace, as a host gets it), and that time is left out of the
replicates' time. Each replicate's time is read from the callback's clock. Reported:

* the median explained evaluation, and the median replicate;
* per block of ``--every`` replicates, the block's median replicate over the evaluation
  timed right after it; the median of those ratios (steadier on a shared machine);
* the setup (the evaluation the replicates are compared with, and the check that the
  shortcut gives the same outcomes);
* the whole: setup plus all replicates, over the median evaluation, against the 100x
  target.

Usage::

    python benchmarks/bench_robustness.py                  # 1,000 replicates
    python benchmarks/bench_robustness.py --replicates 200 --every 50

Nothing here asserts a time: the numbers are for people to read.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

from inovasi_rules import evaluate, load_ruleset, rank_confidence, read_edition

ROOT = Path(__file__).resolve().parents[1]
HISTORY = ROOT / "examples" / "history" / "kipp-2019"


def measure(replicates: int, every: int, seed: int = 0) -> dict[str, Any]:
    """Time ``replicates`` replicates and, every ``every`` of them, one explained
    evaluation; return the figures (seconds and ratios)."""
    ruleset = load_ruleset("kipp-2019")
    edition = read_edition(HISTORY)
    evaluate(ruleset, edition, load_entrypoints=False)  # warm: imports, caches
    evals: list[float] = []
    reps: list[float] = []
    blocks: list[float] = []
    block: list[float] = []
    last = 0.0
    first = 0.0

    def explained() -> float:
        t = time.perf_counter()
        evaluate(ruleset, edition, load_entrypoints=False)
        return time.perf_counter() - t

    def progress(done: int, total: int) -> None:
        nonlocal last, first
        now = time.perf_counter()
        if done == 1:
            first = now
        else:
            reps.append(now - last)
            block.append(now - last)
        if done % every == 0 or done == total:
            e = explained()
            evals.append(e)
            if block:
                blocks.append(statistics.median(block) / e)
                block.clear()
        last = time.perf_counter()

    t0 = time.perf_counter()
    base = evaluate(ruleset, edition, load_entrypoints=False)
    evals.append(time.perf_counter() - t0)
    start = time.perf_counter()
    rank_confidence(ruleset, edition, replicates=replicates, seed=seed, result=base, progress=progress)
    total = time.perf_counter() - start - sum(evals[1:])
    med_eval = statistics.median(evals)
    med_rep = statistics.median(reps) if reps else float("nan")
    setup = (first - start) - (med_rep if reps else 0.0)
    return {
        "entries": len(edition.submissions),
        "replicates": replicates,
        "explained_s": med_eval,
        "replicate_s": med_rep,
        "setup_s": setup,
        "total_s": total,
        "replicate_ratio": statistics.median(blocks) if blocks else med_rep / med_eval,
        "total_ratio": total / med_eval,
        "evaluations": len(evals),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=1000)
    parser.add_argument("--every", type=int, default=100)
    args = parser.parse_args()
    r = measure(args.replicates, args.every)
    print(f"KIPP 2019 history: {r['entries']:,} entries, {r['replicates']:,} replicates")
    print(f"  explained evaluation (median of {r['evaluations']}): {r['explained_s']:.3f} s")
    print(f"  one replicate (median):          {r['replicate_s']:.3f} s")
    print(f"  replicate / explained evaluation: {r['replicate_ratio']:.3f}  (target <= 0.1; "
          "median over blocks, each against the evaluation timed right after it)")
    print(f"  setup (reference evaluation, shortcut check): {r['setup_s']:.2f} s")
    print(f"  {r['replicates']:,} replicates with setup: {r['total_s']:.1f} s = "
          f"{r['total_ratio']:.0f}x one explained evaluation (target <= 100x)")


if __name__ == "__main__":
    main()
