"""evaluate is re-entrant: a host (a web service) may evaluate two editions at once in
two threads and gets the bytes it would get one after the other; evaluate leaves the
process's garbage collector, threads and module state as they were."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import pytest

from inovasi_rules import Edition, Ruleset, evaluate, load_ruleset, read_edition
from inovasi_rules.synthetic import generate_edition

ROOT = Path(__file__).resolve().parents[1]


def _cases() -> list[tuple[Ruleset, Edition]]:
    bench = load_ruleset(str(ROOT / "benchmarks" / "bench.yaml"))
    big = generate_edition(
        bench, submissions=400, seed=3, judges_per_entry=5,
        parameters={"finalists": 40, "winners": 4}, id="bench-400", load_entrypoints=False,
    )
    return [
        (load_ruleset("kipp-sukoharjo-2023"), read_edition(ROOT / "examples" / "sukoharjo-2023")),
        (load_ruleset("winner-2023"), read_edition(ROOT / "examples" / "winner-2023")),
        (bench, big),
    ]


def _outputs(rs: Ruleset, ed: Edition) -> tuple[str, str]:
    result = evaluate(rs, ed, load_entrypoints=False)
    return result.to_json(), result.to_csv()


def test_two_threads_at_once_give_the_bytes_of_one_after_the_other() -> None:
    cases = _cases()
    alone = [_outputs(rs, ed) for rs, ed in cases]
    # every pair of different editions, each started at the same moment
    for a in range(len(cases)):
        for b in range(a + 1, len(cases)):
            got: dict[int, tuple[str, str]] = {}
            errors: list[BaseException] = []
            start = threading.Barrier(2)

            def work(
                k: int, start: threading.Barrier = start, got: dict[int, tuple[str, str]] = got,
                errors: list[BaseException] = errors,
            ) -> None:
                try:
                    start.wait()
                    for _ in range(2):
                        got[k] = _outputs(*cases[k])
                except BaseException as exc:  # reported by the main thread
                    errors.append(exc)

            threads = [threading.Thread(target=work, args=(k,)) for k in (a, b)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert not errors
            assert got[a] == alone[a]
            assert got[b] == alone[b]


def test_evaluate_leaves_the_collector_and_threads_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    rs = load_ruleset("kipp-sukoharjo-2023")
    ed = read_edition(ROOT / "examples" / "sukoharjo-2023")

    def refuse(*_: Any) -> None:
        raise AssertionError("evaluate changed the garbage collector")

    for name in ("disable", "enable", "freeze", "unfreeze", "collect"):
        monkeypatch.setattr(gc, name, refuse)
    before = threading.active_count()
    result = evaluate(rs, ed, load_entrypoints=False)
    assert threading.active_count() == before
    assert result.submissions


def test_evaluate_changes_no_module_state() -> None:
    import sys

    rs = load_ruleset("kipp-sukoharjo-2023")
    ed = read_edition(ROOT / "examples" / "sukoharjo-2023")
    evaluate(rs, ed, load_entrypoints=False)  # first use may import lazily

    def snapshot() -> dict[tuple[str, str], int]:
        out = {}
        for mod_name, mod in list(sys.modules.items()):
            if not mod_name.startswith("inovasi_rules"):
                continue
            for attr, value in vars(mod).items():
                if isinstance(value, (int, str, float, bool, tuple, frozenset)) or value is None:
                    out[(mod_name, attr)] = hash(value)
                elif isinstance(value, (dict, list, set)):
                    out[(mod_name, attr)] = len(value)
        return out

    before = snapshot()
    evaluate(rs, ed, load_entrypoints=False)
    assert snapshot() == before
