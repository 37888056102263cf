"""Benchmark: read an edition from CSV and evaluate it, for 10,000 and 100,000 submissions.

The ruleset is ``benchmarks/bench.yaml`` (three stages, eight criteria per rubric, five
judges per entry). The editions are synthetic (:func:`inovasi_rules.synthetic.
generate_edition`, seed 1, 5% ineligible, 10% of the eligible entries go on to the
presentation): 10,000 submissions give about 420,000 score rows. They are generated
once and kept in a cache folder (by default under the system's temporary folder),
keyed by the sizes, the seed and the source of the generator and the ruleset.

Each run is a fresh Python process that reads the edition from CSV with
``read_edition`` and evaluates it with ``evaluate``, timing the two separately (pyarrow,
which the reader imports on first use, is imported beforehand, as in a host that has
been running). The medians over the runs are reported in wall-clock seconds and in CPU
seconds of the process (the CPU time is steadier on a shared machine), with the
largest peak resident memory of a run (one edition read and evaluated) and the ratio of
the 100,000 timings to the 10,000 ones (linear scaling is 10). The sizes take turns, run
by run, so that both see the machine in the same state; the ratio is also given as the
median of run i of 100,000 over run i of 10,000. ``calib`` times a fixed
loop in the same processes: the machine's speed at that moment, to compare runs.

Beside each run, a fresh process times the yardstick of ``pandas_reference.py``: a
pandas script doing only the arithmetic (weighted totals, the judges' aggregates, the
combination, the top N), the comparison the issue's target is stated against ("about
twice what a pandas script doing only the arithmetic takes"). ``x pandas`` is the
engine's total over the yardstick's time, run by run: on a shared machine whose speed
changes from minute to minute, that ratio is steadier than either time. The first run
also checks that the yardstick computed the same stage scores as the engine.

``objects`` is a floor for this design: after its timed run, each worker counts the
objects the public API promised (one ``Submission`` per entry, one ``SubmissionResult``,
a ``StageOutcome`` per stage reached, the distinct ``Reason`` objects and the
``LazyLabel`` texts among them) and times making that many of them, with the same
classes and nothing else. No reader and engine that build these objects one by one can
take less time than that on the same machine at the same moment.

**Outputs and re-evaluation** (for ``--output-sizes``, by default 10,000): the whole
process a host runs, ``inovasi-rules evaluate bench.yaml FOLDER --format F --out FILE``
for JSON, CSV and xlsx, each timed beside ``pandas_reference.py`` run as a whole process
that writes its result in the same format (ratio run by run, then the median), with the
peak memory of the engine's process; then re-evaluating an edition already read with
one parameter changed (what a what-if sweep pays per run) beside the yardstick's
arithmetic alone on the same data (through ``prepare`` once, and with ``evaluate`` from
scratch for comparison). The files the command wrote are checked against the
engine's own ``to_json`` and ``to_csv``: a difference stops the benchmark loudly (exit 3).

Usage::

    python benchmarks/bench_evaluate.py                    # 10k (5 runs) and 100k (3 runs)
    python benchmarks/bench_evaluate.py --sizes 10000 --runs 5
    python benchmarks/bench_evaluate.py --profile          # cProfile of one 10k evaluate
    python benchmarks/bench_evaluate.py --no-reference     # without the pandas yardstick

``nox -s bench`` runs the first line. Nothing here asserts a time: the numbers are for
people to read.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RULESET = HERE / "bench.yaml"
SEED = 1
INELIGIBLE_SHARE = 0.05
JUDGES_PER_ENTRY = 5


def _fingerprint() -> str:
    """Changes when the ruleset or the generator changes, so a stale cache is not used."""
    import inovasi_rules.synthetic as synthetic

    h = hashlib.sha256(RULESET.read_bytes())
    for module in sorted(Path(synthetic.__file__).parent.glob("*.py")):  # the package's every step
        h.update(module.read_bytes())
    return h.hexdigest()[:12]


def _calibrate() -> float:
    """CPU seconds of a fixed pure-Python loop: how fast this machine is right now."""
    t = time.process_time()
    sum(range(10**7))
    return time.process_time() - t


def _folder(size: int, cache: Path) -> Path:
    return cache / f"bench-{size}-seed{SEED}-{_fingerprint()}"


def ensure_edition(size: int, cache: Path) -> Path:
    """The cached edition folder of ``size`` submissions, generated when missing (in a
    separate process, so that this one stays small)."""
    folder = _folder(size, cache)
    if not (folder / "done").is_file():
        subprocess.run([sys.executable, __file__, "--generate", str(size), "--cache", str(cache)],
                       check=True)
    return folder


def generate(size: int, cache: Path) -> None:
    """Generate and write the edition of ``size`` submissions."""
    from inovasi_rules import load_ruleset, write_edition
    from inovasi_rules.synthetic import generate_edition

    folder = _folder(size, cache)
    print(f"generating {size:,} submissions into {folder} ...", flush=True)
    t = time.perf_counter()
    edition = generate_edition(
        load_ruleset(RULESET),
        submissions=size,
        seed=SEED,
        ineligible_share=INELIGIBLE_SHARE,
        judges_per_entry=JUDGES_PER_ENTRY,
        parameters={"finalists": size // 10, "winners": size // 100},
        id=f"bench-{size}",
        load_entrypoints=False,
    )
    write_edition(edition, folder)
    (folder / "done").write_text(f"{len(edition.scores)}\n", encoding="utf-8")
    print(f"  {len(edition.scores):,} score rows, {time.perf_counter() - t:.0f} s", flush=True)


def _peak_mb() -> float:
    """Peak resident memory of this process in MB (VmHWM on Linux; ru_maxrss, which
    survives exec and so may include the parent's, elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(folder: Path, runs: int) -> dict[str, Any]:
    """Time ``runs`` reads and evaluations of one edition in this process."""
    from inovasi_rules import evaluate, load_ruleset, read_edition

    ruleset = load_ruleset(RULESET)
    # The CSV reader imports pyarrow on first use; a host has imported it long before
    # it reads an edition, so the import is not timed.
    importlib.import_module("pyarrow.csv")
    out: dict[str, Any] = {"read_wall": [], "read_cpu": [], "eval_wall": [], "eval_cpu": []}
    out["calibration"] = _calibrate()
    for _ in range(runs):
        gc.collect()
        w, c = time.perf_counter(), time.process_time()
        edition = read_edition(folder)
        out["read_wall"].append(time.perf_counter() - w)
        out["read_cpu"].append(time.process_time() - c)
        w, c = time.perf_counter(), time.process_time()
        result = evaluate(ruleset, edition, load_entrypoints=False)
        out["eval_wall"].append(time.perf_counter() - w)
        out["eval_cpu"].append(time.process_time() - c)
        out["submissions"] = len(edition.submissions)
        out["scores"] = len(edition.scores)
        out["funnel"] = [(f.stage, f.entered, f.passed) for f in result.funnel()]
        counts = _object_counts(edition, result)
        del edition, result
    out["peak_rss_mb"] = _peak_mb()
    out["objects_wall"] = [_object_floor(counts)]
    out["objects"] = counts
    return out


def _object_counts(edition: Any, result: Any) -> dict[str, int]:
    """How many of the objects the public API promises one read and evaluation made:
    submissions, submission results, stage outcomes, distinct reasons, and the lazy
    texts among those reasons' messages and details."""
    from inovasi_rules.ruleset.model import LazyLabel

    reasons: dict[int, Any] = {}
    outcomes = 0
    for sub in result.submissions:
        outcomes += len(sub.stages)
        for stage in sub.stages:
            for reason in stage.reasons:
                reasons[id(reason)] = reason
    lazy = sum(isinstance(r.message, LazyLabel) + isinstance(r.detail, LazyLabel)
               for r in reasons.values())
    return {"submissions": len(edition.submissions), "results": len(result.submissions),
            "outcomes": outcomes, "reasons": len(reasons), "lazy_labels": lazy}


def _object_floor(counts: dict[str, int]) -> float:
    """Wall seconds to make as many of those objects as ``counts`` says, with the same
    classes and nothing else (no reading, no arithmetic, no decisions), the collector
    paused (as the reader pauses it; evaluate no longer does, so this floor is lower
    than an evaluation can reach): the least time any reader and engine
    that build them one by one would take on this machine at this moment."""
    import datetime
    from decimal import Decimal

    from inovasi_rules.edition import Innovation, Origin, Participant, Submission
    from inovasi_rules.result import Reason, StageOutcome, SubmissionResult
    from inovasi_rules.ruleset.model import Label, LazyLabel

    person = Participant("kabupaten", "Dinas", "Jawa Barat", "Bandung")
    idea = Innovation("berjalan", datetime.date(2020, 1, 1))
    day, score, label = datetime.date(2024, 5, 1), Decimal("81.25"), Label("a", "b")

    def texts(n: int) -> tuple[str, str]:
        return (f"{n}", f"{n}")

    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        subs = [Submission(f"S{n}", "Judul", person, idea, "umum", None, day, "1", False,
                           {}, Origin("submissions.csv", n + 2))
                for n in range(counts["submissions"])]
        details: list[LazyLabel | None] = [LazyLabel(texts, n) for n in range(counts["lazy_labels"])]
        details += [None] * max(0, counts["reasons"] - len(details))
        reasons = [Reason("rule", "score", None, label, details[n])
                   for n in range(counts["reasons"])]
        # (each outcome holds its share of the reasons, each result its share of outcomes)
        per = max(1, len(reasons) // max(1, counts["outcomes"]))
        outcomes = [StageOutcome("stage", "advanced", score, score, n, {}, (), {}, (),
                                 tuple(reasons[n * per:(n + 1) * per]))
                    for n in range(counts["outcomes"])]
        per = max(1, len(outcomes) // max(1, counts["results"]))
        results = [SubmissionResult(f"S{n}", "Judul", tuple(outcomes[n * per:(n + 1) * per]),
                                    (), {})
                   for n in range(counts["results"])]
        took = time.perf_counter() - start
    finally:
        gc.enable()
    del subs, details, reasons, outcomes, results
    return took


def reference_worker(folder: Path, check: bool) -> dict[str, Any]:
    """Time the pandas script of :mod:`pandas_reference` once in this process; with
    ``check``, also compare the scores it computed with the engine's (not timed)."""
    import pandas  # noqa: F401  (imported before timing, as pyarrow is for the engine)

    sys.path.insert(0, str(HERE))
    import pandas_reference

    meta = _edition_parameters(folder)
    got = pandas_reference.run(folder, meta["finalists"], meta["winners"])
    out: dict[str, Any] = {"ref_wall": [got["wall"]], "ref_cpu": [got["cpu"]],
                           "calibration": _calibrate()}
    if check:
        from inovasi_rules import evaluate, load_ruleset, read_edition

        result = evaluate(load_ruleset(RULESET), read_edition(folder), load_entrypoints=False)
        agree: dict[str, list[int]] = {}
        for stage, theirs in got["stage_scores"].items():
            shared = equal = 0
            for sub in result.submissions:
                outcome = sub.stage(stage)
                if outcome is None or outcome.score is None or sub.id not in theirs:
                    continue
                shared += 1
                equal += abs(float(outcome.score) - theirs[sub.id]) < 1e-9
            agree[stage] = [equal, shared]
        out["agree"] = agree
    return out


#: The outputs ``evaluate --out`` writes, timed as whole processes.
FORMATS = ("json", "csv", "xlsx")


def cli_worker(argv: list[str]) -> dict[str, Any]:
    """Run the command line in this process (``inovasi-rules evaluate ...``) and report
    its peak memory: the whole process a host runs."""
    from inovasi_rules.cli import main as cli

    cli(argv, standalone_mode=False)
    return {"peak_rss_mb": _peak_mb()}


def _timed(command: list[str]) -> tuple[float, dict[str, Any]]:
    """Wall seconds of a fresh process, and what it printed last as JSON (if anything)."""
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    wall = time.perf_counter() - start
    lines = proc.stdout.strip().splitlines()
    try:
        info = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        info = {}
    return wall, info if isinstance(info, dict) else {}


def output_bench(
    folder: Path, runs: int, out_dir: Path, formats: tuple[str, ...] = FORMATS
) -> dict[str, dict[str, list[float]]]:
    """Time ``evaluate --format F --out`` (JSON, CSV, xlsx) as whole processes, each
    beside the pandas yardstick as a whole process that writes its result in the same
    format; then check that the files written are the engine's own output."""
    out_dir.mkdir(parents=True, exist_ok=True)
    got: dict[str, dict[str, list[float]]] = {f: {"engine": [], "pandas": [], "peak": []} for f in formats}
    for _ in range(runs):
        for fmt in formats:
            wall, info = _timed([sys.executable, __file__, "--cli-worker", "evaluate", str(RULESET), str(folder),
                                 "--format", fmt, "--out", str(out_dir / f"engine.{fmt}"), "--no-plugins"])
            got[fmt]["engine"].append(wall)
            got[fmt]["peak"].append(float(info.get("peak_rss_mb", 0.0)))
            wall, _ = _timed([sys.executable, str(HERE / "pandas_reference.py"), str(folder),
                              "--out", str(out_dir / f"pandas.{fmt}")])
            got[fmt]["pandas"].append(wall)
    check_outputs(folder, out_dir, formats)
    return got


def check_outputs(folder: Path, out_dir: Path, formats: tuple[str, ...] = FORMATS) -> None:
    """Fail loudly (exit 3) when a file ``evaluate --out`` wrote is not the engine's own
    ``to_json`` / ``to_csv`` (the xlsx: the rows of ``to_csv``)."""
    import csv
    import io

    from inovasi_rules import evaluate, load_ruleset, read_edition

    result = evaluate(load_ruleset(RULESET), read_edition(folder), load_entrypoints=False)
    wrong = []
    if "json" in formats and (out_dir / "engine.json").read_text(encoding="utf-8") != result.to_json():
        wrong.append("engine.json differs from Result.to_json()")
    text = result.to_csv("id")
    if "csv" in formats and (out_dir / "engine.csv").read_text(encoding="utf-8") != text:
        wrong.append("engine.csv differs from Result.to_csv()")
    if "xlsx" in formats:
        import openpyxl

        wb = openpyxl.load_workbook(out_dir / "engine.xlsx", read_only=True)
        try:
            sheet = [["" if v is None else v for v in row] for row in wb["hasil"].iter_rows(values_only=True)]
        finally:
            wb.close()
        rows = list(csv.reader(io.StringIO(text)))
        text_columns = (0, 1, 2, 3, 7, 8)
        if len(sheet) != len(rows) or any(
            [a[i] for i in text_columns] != [b[i] for i in text_columns] for a, b in zip(sheet, rows, strict=False)
        ):
            wrong.append("engine.xlsx does not hold the rows of Result.to_csv()")
    if wrong:
        print("\n" + "!" * 72 + "\nOUTPUT CHECK FAILED: " + "; ".join(wrong) + "\n" + "!" * 72,
              file=sys.stderr, flush=True)
        raise SystemExit(3)


def reeval_worker(folder: Path, runs: int) -> dict[str, Any]:
    """Re-evaluate an edition already read, with one parameter changed and no
    explanation rendered (what a sweep pays per run): through an edition prepared once
    (``prepare(...).evaluate(parameters=...)``) and, for comparison, with ``evaluate``
    from scratch; beside the yardstick's arithmetic alone (no reading) on the same
    data, in this process."""
    import pandas  # noqa: F401  (imported before timing)

    sys.path.insert(0, str(HERE))
    import pandas_reference

    from inovasi_rules import evaluate, load_ruleset, prepare, read_edition

    ruleset, edition = load_ruleset(RULESET), read_edition(folder)
    meta = _edition_parameters(folder)
    evaluate(ruleset, edition, load_entrypoints=False)  # warm: first use imports lazily
    prepared = prepare(ruleset, edition, load_entrypoints=False)
    prepared.evaluate(parameters={"finalists": int(meta["finalists"])})
    engine, fresh, arith = [], [], []
    for k in range(runs):
        finalists = int(meta["finalists"]) + 1 + k
        gc.collect()
        start = time.perf_counter()
        prepared.evaluate(parameters={"finalists": finalists})
        engine.append(time.perf_counter() - start)
        gc.collect()
        start = time.perf_counter()
        evaluate(ruleset, edition, load_entrypoints=False, parameters={"finalists": finalists})
        fresh.append(time.perf_counter() - start)
        arith.append(pandas_reference.run(folder, finalists, int(meta["winners"]))["arith_wall"])
    return {"reeval_wall": engine, "fresh_wall": fresh, "arith_wall": arith}


def print_outputs(size: int, got: dict[str, dict[str, list[float]]], reeval: dict[str, Any]) -> None:
    """The whole-process ratios of the outputs and of re-evaluation, for one size."""
    print()
    print(f"output, whole process, {size:,} submissions (evaluate --format F --out; "
          "pandas_reference.py writing its result in the same format):")
    for fmt, r in got.items():
        ratios = [a / b for a, b in zip(r["engine"], r["pandas"], strict=True)]
        print(f"  {fmt:<5} engine {_median(r['engine']):6.2f}s  pandas {_median(r['pandas']):6.2f}s  "
              f"{_median(ratios):5.1f}x pandas  peak {max(r['peak']):5.0f} MB")
    ratios = [a / b for a, b in zip(reeval["reeval_wall"], reeval["arith_wall"], strict=True)]
    fresh = [a / b for a, b in zip(reeval["fresh_wall"], reeval["arith_wall"], strict=True)]
    print(f"  re-evaluate, one parameter changed (prepared once): {_median(reeval['reeval_wall']):.2f}s, "
          f"pandas arithmetic alone {_median(reeval['arith_wall']):.2f}s: {_median(ratios):.1f}x "
          f"(evaluate from scratch: {_median(reeval['fresh_wall']):.2f}s, {_median(fresh):.1f}x)")
    print("  (the files written were checked against the engine's own to_json, to_csv)")


def _edition_parameters(folder: Path) -> dict[str, Any]:
    import yaml

    meta = yaml.safe_load((folder / "edition.yaml").read_text(encoding="utf-8"))
    return dict(meta["parameters"])


def _has_pandas() -> bool:
    try:
        importlib.import_module("pandas")
    except ImportError:
        return False
    return True


def profile(folder: Path) -> None:
    """Print where one evaluation spends its time (cProfile, top 30 by own time)."""
    import cProfile
    import pstats

    from inovasi_rules import evaluate, load_ruleset, read_edition

    ruleset = load_ruleset(RULESET)
    edition = read_edition(folder)
    prof = cProfile.Profile()
    prof.enable()
    evaluate(ruleset, edition, load_entrypoints=False)
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(30)


def _median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    """Generate (or reuse) the editions, time each size in a fresh process, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, nargs="+", default=None,
                        help="runs per size (default: 5 for 10,000 or fewer, else 3)")
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "inovasi-rules-bench",
                        help="where the generated editions are kept")
    parser.add_argument("--profile", action="store_true",
                        help="profile one evaluation of the smallest size instead")
    parser.add_argument("--no-reference", action="store_true",
                        help="do not time the pandas yardstick (benchmarks/pandas_reference.py)")
    parser.add_argument("--no-output", action="store_true",
                        help="do not time the outputs (evaluate --out json, csv, xlsx) nor re-evaluation")
    parser.add_argument("--output-sizes", type=int, nargs="+", default=[10_000],
                        help="the sizes whose outputs and re-evaluation are timed (default: 10,000)")
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS,
                        help="the outputs timed (default: json csv xlsx)")
    parser.add_argument("--cli-worker", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.add_argument("--reeval-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--reference-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--check", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.generate is not None:
        generate(args.generate, args.cache)
        return 0
    if args.cli_worker is not None:
        print(json.dumps(cli_worker(args.cli_worker)))
        return 0
    if args.reeval_worker is not None:
        print(json.dumps(reeval_worker(args.reeval_worker, args.runs[0] if args.runs else 5)))
        return 0
    if args.worker is not None:
        print(json.dumps(worker(args.worker, args.runs[0] if args.runs else 1)))
        return 0
    if args.reference_worker is not None:
        print(json.dumps(reference_worker(args.reference_worker, args.check)))
        return 0
    args.cache.mkdir(parents=True, exist_ok=True)
    folders = {size: ensure_edition(size, args.cache) for size in args.sizes}
    if args.profile:
        profile(folders[min(args.sizes)])
        return 0

    runs = args.runs or [5 if size <= 10_000 else 3 for size in args.sizes]
    if len(runs) == 1:
        runs = runs * len(args.sizes)
    reference = not args.no_reference and _has_pandas()
    if not args.no_reference and not reference:
        print("pandas is not installed: the pandas yardstick is not timed "
              "(pip install inovasi-rules[bench], or nox -s bench)", flush=True)
    planned = dict(zip(args.sizes, runs, strict=True))
    for size, n in planned.items():
        print(f"timing {size:,} submissions, {n} runs"
              f"{' (each beside a run of the pandas yardstick)' if reference else ''}", flush=True)
    # One process per run: its peak memory is that of reading and evaluating one edition,
    # as a host would, not of several in a row (freed memory that the allocator keeps
    # would add up). The sizes take turns, run by run, and the yardstick runs in its own
    # process right after each run, so that what is compared saw the machine in the
    # same state (its speed changes from minute to minute on a shared machine).
    merged: dict[int, dict[str, Any]] = {size: {} for size in planned}
    for i in range(max(planned.values(), default=0)):
        for size, n in planned.items():
            if i >= n:
                continue
            commands = [[sys.executable, __file__, "--worker", str(folders[size]), "--runs", "1"]]
            if reference:
                commands.append([sys.executable, __file__, "--reference-worker",
                                 str(folders[size]), *(["--check"] if i == 0 else [])])
            for command in commands:
                proc = subprocess.run(
                    command, capture_output=True, text=True, check=True,
                    env={**os.environ, "PYTHONHASHSEED": "0"},
                )
                one = json.loads(proc.stdout.strip().splitlines()[-1])
                for key, value in one.items():
                    if isinstance(value, list) and key != "funnel":
                        merged[size].setdefault(key, []).extend(value)
                    elif key in ("peak_rss_mb", "calibration"):
                        merged[size].setdefault(key, []).append(value)
                    else:
                        merged[size][key] = value
    results: dict[int, dict[str, Any]] = {}
    for size, r in merged.items():
        r["peak_rss_mb"] = max(r["peak_rss_mb"])
        r["calibration"] = _median(r["calibration"])
        results[size] = r

    print()
    print(f"ruleset {RULESET.name}: 3 stages, 8 criteria, {JUDGES_PER_ENTRY} judges per entry; "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    head = (f"{'submissions':>11} {'score rows':>10} {'read wall':>10} {'read cpu':>9} "
            f"{'eval wall':>10} {'eval cpu':>9} {'total wall':>11} {'peak MB':>8} {'calib':>6}"
            f" {'objects':>8}"
            + (f" {'pandas':>7} {'x pandas':>8}" if reference else ""))
    print(head)
    print("-" * len(head))
    for r in results.values():
        rw, rc = _median(r["read_wall"]), _median(r["read_cpu"])
        ew, ec = _median(r["eval_wall"]), _median(r["eval_cpu"])
        line = (f"{r['submissions']:>11,} {r['scores']:>10,} {rw:>9.2f}s {rc:>8.2f}s "
                f"{ew:>9.2f}s {ec:>8.2f}s {rw + ew:>10.2f}s {r['peak_rss_mb']:>8.0f} "
                f"{r['calibration']:>5.2f}s {_median(r['objects_wall']):>7.2f}s")
        if reference:
            # the ratio per run (engine and yardstick side by side), then its median
            ratios = [(a + b) / c for a, b, c in zip(r["read_wall"], r["eval_wall"],
                                                      r["ref_wall"], strict=True)]
            line += f" {_median(r['ref_wall']):>6.2f}s {_median(ratios):>7.1f}x"
        print(line)
    print("(medians; cpu: CPU time of the process; calib: CPU seconds of sum(range(10**7)) "
          "in that process, to compare machines; objects: wall time to make, and do nothing "
          "else, as many Submission, SubmissionResult, StageOutcome, Reason and LazyLabel "
          "objects as the run made, the least any one-by-one reader and engine would take"
          + ("; pandas: the yardstick of benchmarks/pandas_reference.py, only the arithmetic, "
             "wall; x pandas: total wall over it, run by run" if reference else "") + ")")
    if reference:
        for size, r in results.items():
            agree = ", ".join(f"{stage} {equal:,} of {shared:,}"
                              for stage, (equal, shared) in r["agree"].items())
            print(f"yardstick {size:,}: the same stage scores as the engine for {agree} "
                  "entries both scored")
    if 10_000 in results and 100_000 in results:
        a, b = results[10_000], results[100_000]
        for label, key in (("read", "read"), ("evaluate", "eval")):
            wall = _median(b[f"{key}_wall"]) / _median(a[f"{key}_wall"])
            cpu = _median(b[f"{key}_cpu"]) / _median(a[f"{key}_cpu"])
            print(f"100k/10k {label}: {wall:.1f}x wall, {cpu:.1f}x cpu")
        # run i of one size beside run i of the other (they ran one after the other)
        pairs = [(rb + eb) / (ra + ea) for ra, ea, rb, eb in zip(
            a["read_wall"], a["eval_wall"], b["read_wall"], b["eval_wall"], strict=False)]
        total_a = _median(a["read_wall"]) + _median(a["eval_wall"])
        total_b = _median(b["read_wall"]) + _median(b["eval_wall"])
        shown = ", ".join(f"{p:.1f}" for p in pairs)
        print(f"100k/10k total: {total_b / total_a:.1f}x of the medians, "
              f"{_median(pairs):.1f}x the median of side-by-side runs ({shown})")
    for size, r in results.items():
        counted = ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in r["objects"].items())
        print(f"objects {size:,}: {counted}")
    for size, r in results.items():
        print(f"funnel {size:,}: " + ", ".join(f"{s} {e:,}->{p:,}" for s, e, p in r["funnel"]))
    if reference and not args.no_output:
        for size in [s for s in args.output_sizes if s in folders]:
            got = output_bench(folders[size], planned[size], args.cache / f"out-{size}", tuple(args.formats))
            _, reeval = _timed([sys.executable, __file__, "--reeval-worker", str(folders[size]),
                                "--runs", str(max(3, planned[size]))])
            print_outputs(size, got, reeval)
    return 0


if __name__ == "__main__":
    sys.exit(main())
