"""Every bundled and documented edition evaluates to the bytes recorded in
``tests/golden/digests.json`` (``to_json`` and ``to_csv``).

A change of the engine, the readers or the writers must leave these results as they
were; a deliberate change of results rewrites the digests with ``python
tests/golden/make.py`` in the same commit, and the commit message says why.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).with_name("golden")
_spec = importlib.util.spec_from_file_location("golden_make", GOLDEN / "make.py")
assert _spec is not None
assert _spec.loader is not None
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)

DIGESTS: dict[str, str] = json.loads((GOLDEN / "digests.json").read_text(encoding="utf-8"))


def test_every_case_has_recorded_digests() -> None:
    names = {f"{name}.{kind}" for name, _, _ in make.CASES for kind in ("json", "csv")}
    assert names == set(DIGESTS)


@pytest.mark.parametrize(("name", "ruleset", "edition"), make.CASES, ids=[c[0] for c in make.CASES])
def test_outputs_are_byte_identical(name: str, ruleset: str, edition: str, tmp_path: Path) -> None:
    for kind, text in make.outputs(ruleset, edition).items():
        if make.digest(text) != DIGESTS[f"{name}.{kind}"]:
            out = tmp_path / f"{name}.{kind}"
            out.write_text(text, encoding="utf-8")
            pytest.fail(
                f"{name}: {kind} output changed (written to {out}); compare it with the "
                f"output of the previous commit, and if the change is deliberate, run "
                f"`python tests/golden/make.py` and say why in the commit"
            )
