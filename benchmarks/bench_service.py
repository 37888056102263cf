"""Load test of ``inovasi-rules serve`` on the loopback interface.

Fires N concurrent evaluate requests (default 60: the bundled Sukoharjo and WiNNER
examples, taking turns, uploaded as CSV files) at a service started in this process,
checks that every answer is byte for byte what ``inovasi-rules evaluate --format json``
writes, that none is lost, and prints the latency percentiles beside a yardstick
measured in the same run: the same evaluations done one after another in-process.

    python benchmarks/bench_service.py [--requests 60] [--workers 2] [--deadline 600]

Exits 1 if any answer is missing, late or different. Bounded: at most ``--requests``
requests (capped at 1,000), and the whole run at most ``--deadline`` seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from inovasi_rules import evaluate, load_ruleset, read_edition
from inovasi_rules.cli import main as cli_main
from inovasi_rules.service import create_app
from inovasi_rules.service.local import serving

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = {
    "sukoharjo-2023": ("kipp-sukoharjo-2023", ROOT / "examples" / "sukoharjo-2023"),
    "winner-2023": ("winner-2023", ROOT / "examples" / "winner-2023"),
}


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def files_of(folder: Path) -> list[tuple[str, tuple[str, bytes]]]:
    return [("edition", (p.name, p.read_bytes())) for p in sorted(folder.iterdir()) if p.is_file()]


async def fire(base: str, jobs: list[str], uploads: dict[str, list], deadline: float) -> list[tuple[str, float, bytes | None, str]]:
    limits = httpx.Limits(max_connections=len(jobs), max_keepalive_connections=len(jobs))
    async with httpx.AsyncClient(base_url=base, timeout=deadline, limits=limits) as client:

        async def one(name: str) -> tuple[str, float, bytes | None, str]:
            t = time.perf_counter()
            try:
                r = await client.post("/api/v1/evaluate", files=uploads[name])
            except httpx.HTTPError as exc:
                return name, time.perf_counter() - t, None, type(exc).__name__
            status = "" if r.status_code == 200 else f"HTTP {r.status_code}: {r.text[:200]}"
            return name, time.perf_counter() - t, r.content if not status else None, status

        return await asyncio.wait_for(asyncio.gather(*(one(n) for n in jobs)), deadline)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--deadline", type=float, default=600.0)
    args = parser.parse_args()
    n = max(50, min(args.requests, 1000))

    expected, serial = {}, {}
    for name, (ruleset, folder) in EXAMPLES.items():
        run = CliRunner().invoke(cli_main, ["evaluate", ruleset, str(folder), "--format", "json"])
        expected[name] = run.stdout_bytes
        times = []
        for _ in range(5):
            t = time.perf_counter()
            evaluate(load_ruleset(ruleset), read_edition(folder)).to_json()
            times.append(time.perf_counter() - t)
        serial[name] = statistics.median(times)
    uploads = {name: files_of(folder) for name, (_, folder) in EXAMPLES.items()}
    jobs = [list(EXAMPLES)[i % len(EXAMPLES)] for i in range(n)]

    with serving(create_app(workers=args.workers, timeout_seconds=args.deadline,
                            queue_seconds=args.deadline)) as base:
        # one request per worker first, so that starting the workers is not timed
        asyncio.run(fire(base, list(EXAMPLES)[:1] * args.workers, uploads, args.deadline))
        t0 = time.perf_counter()
        try:
            answers = asyncio.run(fire(base, jobs, uploads, args.deadline))
        except asyncio.TimeoutError:  # not the builtin TimeoutError before Python 3.11
            print(f"FAILED: the {n} requests did not all finish within {args.deadline:g} s")
            return 1
        wall = time.perf_counter() - t0

    lost = [(name, why) for name, _, body, why in answers if body is None]
    differing = [name for name, _, body, _ in answers if body is not None and body != expected[name]]
    latencies = [t for _, t, body, _ in answers if body is not None]
    serial_total = sum(serial[name] for name in jobs)
    print(f"{n} concurrent evaluate requests, {args.workers} workers, "
          f"{', '.join(f'{jobs.count(k)} × {k}' for k in EXAMPLES)}")
    print(f"answered {len(latencies)}, lost {len(lost)}, byte-identical to the CLI "
          f"{len(latencies) - len(differing)}, differing {len(differing)}")
    if latencies:
        print("latency (s): " + "  ".join(
            f"p{q}={percentile(latencies, q):.3f}" for q in (50, 90, 95, 99)) + f"  max={max(latencies):.3f}")
    print("yardstick, in-process medians (s): "
          + "  ".join(f"{k}={v:.3f}" for k, v in serial.items()))
    print(f"wall {wall:.2f} s for the burst; the same evaluations one after another in-process "
          f"{serial_total:.2f} s; ratio {wall / serial_total:.2f}; "
          f"throughput {len(latencies) / wall:.1f} requests/s")
    for name, why in lost[:5]:
        print(f"  lost: {name}: {why}")
    return 1 if lost or differing else 0


if __name__ == "__main__":
    sys.exit(main())
