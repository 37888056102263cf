"""Record the SHA-256 of ``Result.to_json()`` and ``Result.to_csv()`` for every bundled and documented edition.

Run from the repository root to (re)write ``tests/golden/digests.json``::

    python tests/golden/make.py

Only after a deliberate change of results: ``tests/test_golden.py`` holds every
evaluation to these bytes, and a commit that rewrites the file says why.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inovasi_rules import Edition, Ruleset

ROOT = Path(__file__).resolve().parents[2]
DIGESTS = Path(__file__).with_name("digests.json")

#: (name, ruleset: a bundled id or a path from the repository root, edition folder)
CASES: tuple[tuple[str, str, str], ...] = (
    ("sukoharjo-2023", "kipp-sukoharjo-2023", "examples/sukoharjo-2023"),
    ("winner-2023", "winner-2023", "examples/winner-2023"),
    ("kipp-2019", "kipp-2019", "examples/history/kipp-2019"),
    ("kipp-2021", "kipp-2021", "examples/history/kipp-2021"),
    ("scoring-example", "docs/explanation/scoring-example.yaml", "docs/explanation/scoring-example"),
    (
        "scoring-example-normalised",
        "docs/explanation/scoring-example-normalised.yaml",
        "docs/explanation/scoring-example",
    ),
    ("plugins-sukoharjo-16", "kipp-sukoharjo-2023", "docs/plugins/data/sukoharjo-16"),
    # the benchmark's ruleset (three stages, five judges, eight criteria), 2,000 entries
    ("bench-2000", "benchmarks/bench.yaml", "synthetic:2000"),
)


def outputs(ruleset: str, edition: str) -> dict[str, str]:
    """``to_json()`` and ``to_csv()`` of one case, evaluated without plugins from the
    environment."""
    from inovasi_rules import evaluate, load_ruleset, read_edition

    ref = str(ROOT / ruleset) if ruleset.endswith(".yaml") else ruleset
    rs = load_ruleset(ref)
    if edition.startswith("synthetic:"):
        data = _synthetic(rs, int(edition.split(":")[1]))
    else:
        data = read_edition(ROOT / edition)
    result = evaluate(rs, data, load_entrypoints=False)
    return {"json": result.to_json(), "csv": result.to_csv()}


def _synthetic(ruleset: Ruleset, size: int) -> Edition:
    """A generated edition, written to CSV and read back as a host's files would be."""
    from inovasi_rules import read_edition, write_edition
    from inovasi_rules.synthetic import generate_edition

    edition = generate_edition(
        ruleset,
        submissions=size,
        seed=1,
        ineligible_share=0.05,
        judges_per_entry=5,
        parameters={"finalists": size // 10, "winners": size // 100},
        id=f"bench-{size}",
        load_entrypoints=False,
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_edition(edition, Path(tmp) / "edition")
        return read_edition(folder)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main() -> int:
    digests = {
        f"{name}.{kind}": digest(text)
        for name, rs, ed in CASES
        for kind, text in outputs(rs, ed).items()
    }
    DIGESTS.write_text(json.dumps(digests, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(digests)} digests to {DIGESTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
