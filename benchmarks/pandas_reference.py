"""The yardstick of the benchmark: a pandas script doing only the arithmetic.

The engine's target at 10,000 entries (under 1 s) is "about twice what a pandas script
doing only the arithmetic takes". This is that script, for ``bench.yaml``: read
``scores.csv``, weight every judge's criteria scores into a total per judge (rounded to
the ruleset's two places), aggregate the judges per entry (a trimmed mean dropping the
highest and the lowest at ``proposal``, a mean at ``presentasi``), combine the two
stages 40/60, rank, and take the top ``finalists`` and ``winners``. Nothing else: no
eligibility, no conflicts of interest, no checks of the data, no tie-breaks, no seats
per group and no explanation of any decision, all of which the engine does.

Run as a script (``python pandas_reference.py FOLDER --out scores.json``) it is the
whole process a host would run, writing its result (JSON, CSV or xlsx): the yardstick
of the engine's ``evaluate --out`` as a whole process.

``bench_evaluate.py`` times it in a fresh process beside each run of the engine, on
the same machine at the same moment, so that the ratio of the two is steadier than
either time alone on a shared machine. It needs pandas (``pip install
inovasi-rules[bench]``; ``nox -s bench`` installs it).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
RULESET = HERE / "bench.yaml"


def _weights(ruleset: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Per scored stage: criterion -> weight over the rubric's total weight."""
    rubrics = {r["id"]: {c["id"]: float(c["weight"]) for c in r["criteria"]}
               for r in ruleset["rubrics"]}
    out: dict[str, dict[str, float]] = {}
    for stage in ruleset["stages"]:
        if "rubric" in stage:
            crit = rubrics[stage["rubric"]]
            total = sum(crit.values())
            out[stage["id"]] = {c: w / total for c, w in crit.items()}
    return out


def run(folder: Path, finalists: int, winners: int) -> dict[str, Any]:
    """Time the script on the edition in ``folder``; return the seconds and the scores
    it computed per stage (submission id -> score), to check them against the engine."""
    import pandas as pd

    weights = _weights(yaml.safe_load(RULESET.read_text(encoding="utf-8")))
    w_table = pd.DataFrame(
        [(s, c, w) for s, crit in weights.items() for c, w in crit.items()],
        columns=["stage", "criterion", "weight"],
    )
    wall, cpu = time.perf_counter(), time.process_time()
    scores = pd.read_csv(folder / "scores.csv")
    read_wall = time.perf_counter()
    scores = scores.merge(w_table, on=["stage", "criterion"], how="inner")
    scores["weighted"] = scores["score"] * scores["weight"]
    judge_totals = (
        scores.groupby(["stage", "submission_id", "judge_id"], sort=False)["weighted"]
        .sum()
        .round(2)
    )
    per_entry = judge_totals.loc["proposal"].groupby(level="submission_id", sort=False)
    trimmed = (per_entry.sum() - per_entry.max() - per_entry.min()) / (per_entry.count() - 2)
    proposal = trimmed.round(2)
    chosen = proposal.nlargest(finalists).index
    presentation = (
        judge_totals.loc["presentasi"].groupby(level="submission_id", sort=False).mean().round(2)
    )
    presentation = presentation[presentation.index.isin(chosen)]
    final = (0.4 * proposal.reindex(presentation.index) + 0.6 * presentation).round(2)
    top = final.nlargest(winners)
    done = time.perf_counter()
    out = {
        "wall": done - wall,
        "arith_wall": done - read_wall,
        "cpu": time.process_time() - cpu,
        "winners": len(top),
        "stage_scores": {"proposal": proposal.to_dict(), "presentasi": final.to_dict()},
        "frames": (proposal, final),
    }
    return out


def main(argv: list[str] | None = None) -> int:
    """The whole process a host would run: read, compute, write the scores per stage to
    ``--out`` (``.json``, ``.csv`` or ``.xlsx``, by its suffix)."""
    import argparse

    import pandas as pd

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    meta = yaml.safe_load((args.folder / "edition.yaml").read_text(encoding="utf-8"))["parameters"]
    got = run(args.folder, int(meta["finalists"]), int(meta["winners"]))
    proposal, final = got["frames"]
    table = pd.DataFrame({"proposal": proposal, "presentasi": final.reindex(proposal.index)})
    table.index.name = "submission_id"
    suffix = args.out.suffix
    if suffix == ".json":
        table.to_json(args.out, orient="index")
    elif suffix == ".csv":
        table.to_csv(args.out)
    else:
        table.to_excel(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
