"""The synthetic generator gives the same bytes for the same seed, release after release.

Benchmarks, golden files and docs are built on generated editions, so a change to the
generator that moves a single draw changes all of them. These digests were taken from
the generator as it stood before it was split into a package by step; a change that
*means* to give other editions updates them and says why in its commit:
``python tests/test_synthetic_bytes.py`` prints the new table. A ruleset or engine
change can move them too (the generator evaluates while it drafts).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from inovasi_rules import load_ruleset, write_edition
from inovasi_rules.synthetic import generate_edition

CASES: dict[str, dict[str, Any]] = {
    "plain": {"submissions": 60, "seed": 3},
    "shaped": {"submissions": 80, "seed": 11, "eligible": 50, "judges_per_entry": 3,
               "dropped_share": 0.2, "withdrawn_share": 0.05},
}

DIGESTS = {
    ("iga-kemendagri-2023", "plain"): "1f8e67511f4c4779",
    ("iga-kemendagri-2023", "shaped"): "6b26855239edfabd",
    ("kipp-2019", "plain"): "4eac61de223aa437",
    ("kipp-2019", "shaped"): "69a93f3b2d038e7a",
    ("kipp-2021", "plain"): "5073ddcd34a363b9",
    ("kipp-2021", "shaped"): "e8299f6c7af7d19a",
    ("kipp-luwu-utara-2019", "plain"): "64788277bdae3d26",
    ("kipp-luwu-utara-2019", "shaped"): "a3b9053b665d9b14",
    ("kipp-sukoharjo-2023", "plain"): "4a30ba205fd0c612",
    ("kipp-sukoharjo-2023", "shaped"): "33d3afdc4d11c809",
    ("kovablik-jatim", "plain"): "a974cac9a47c4ec6",
    ("kovablik-jatim", "shaped"): "265ae34419af2175",
    ("winner-2023", "plain"): "69d0ddd538c5b9ed",
    ("winner-2023", "shaped"): "abc9a36bba0e35f4",
}


def digest(ruleset_id: str, case: str, folder: Path) -> str:
    """The first 16 hex digits of the SHA-256 of every file the edition writes."""
    edition = generate_edition(load_ruleset(ruleset_id), load_entrypoints=False, **CASES[case])
    out = write_edition(edition, folder)
    h = hashlib.sha256()
    for p in sorted(out.iterdir()):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()[:16]


@pytest.mark.parametrize(("ruleset_id", "case"), sorted(DIGESTS))
def test_the_same_seed_gives_the_same_bytes(ruleset_id: str, case: str, tmp_path: Path) -> None:
    assert digest(ruleset_id, case, tmp_path / "ed") == DIGESTS[ruleset_id, case]


if __name__ == "__main__":  # print the table again after a deliberate change
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for key in sorted(DIGESTS):
            print(f"    {key!r}: {digest(*key, Path(tmp) / '-'.join(key))!r},")
