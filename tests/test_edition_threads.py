"""read_edition is re-entrant: two editions read at once in two threads give what
reading them one after the other gives (no process-wide switch, no shared state)."""

from __future__ import annotations

import threading
from pathlib import Path

from inovasi_rules import Edition, ReadLimits, read_edition
from inovasi_rules.synthetic import generate_edition

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sukoharjo-2023"


def _large(tmp_path: Path) -> Path:
    """A folder large enough that each read takes many switches between threads."""
    from inovasi_rules import load_ruleset, write_edition

    edition = generate_edition(load_ruleset("kipp-sukoharjo-2023"), submissions=600, seed=3)
    return write_edition(edition, tmp_path / "large")


def test_two_editions_read_in_two_threads_equal_reading_them_in_turn(tmp_path: Path) -> None:
    folders = [EXAMPLE, _large(tmp_path)]
    limits = [ReadLimits(), ReadLimits(problems_per_table=5)]
    in_turn = [read_edition(f, limits=lim) for f, lim in zip(folders, limits, strict=True)]
    at_once: list[Edition | None] = [None, None]
    failed: list[BaseException] = []
    start = threading.Barrier(2)

    def read(i: int) -> None:
        try:
            start.wait()
            for _ in range(3):
                at_once[i] = read_edition(folders[i], limits=limits[i])
        except BaseException as exc:  # reported below, in the test's thread
            failed.append(exc)

    threads = [threading.Thread(target=read, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failed
    assert at_once == in_turn
    for got, want in zip(at_once, in_turn, strict=True):
        assert got is not None
        assert [s.origin for s in got.submissions] == [s.origin for s in want.submissions]
        assert list(got.scores) == list(want.scores)
        assert got.findings == want.findings

