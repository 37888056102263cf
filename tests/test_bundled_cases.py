"""The YAML test cases shipped next to the bundled rulesets (``rulesets/**/*.test.yaml``).

Each case is one test here, so ``python -m pytest`` (``testpaths = ["tests"]``) runs
them all, whether or not the pytest plugin is installed; ``pytest rulesets/`` runs the
same cases through the plugin, as a region's CI would. Every bundled ruleset must have
cases, and together they must exercise every rule in both directions.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from inovasi_rules import Registry
from inovasi_rules.cases import (
    CaseFile,
    CaseResult,
    find_case_files,
    format_case_result,
    format_coverage,
    load_case_file,
    measure_coverage,
    run_case,
)

RULESETS = Path(__file__).resolve().parents[1] / "rulesets"
FILES = find_case_files([RULESETS])


@functools.cache
def case_file(path: Path) -> CaseFile:
    return load_case_file(path)


def _cases() -> list[tuple[Path, int]]:
    return [(p, i) for p in FILES for i in range(len(case_file(p).cases))]


def _id(value: tuple[Path, int]) -> str:
    path, i = value
    return f"{path.relative_to(RULESETS)}::{case_file(path).cases[i].name.id}"


@functools.cache
def outcome(path: Path, i: int) -> CaseResult:
    cf = case_file(path)
    return run_case(cf.cases[i], cf.ruleset)


@pytest.mark.parametrize("where", _cases(), ids=_id)
def test_bundled_case(where: tuple[Path, int]) -> None:
    result = outcome(*where)
    assert result.passed, "\n" + format_case_result(result, "en")


def test_every_bundled_ruleset_has_cases() -> None:
    bundled = {e.id for e in Registry([RULESETS], bundled=False).entries()}
    tested = {case_file(p).ruleset.id for p in FILES}
    assert len(bundled) >= 7
    assert bundled == tested


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(RULESETS)))
def test_bundled_cases_cover_every_rule(path: Path) -> None:
    cf = case_file(path)
    results = [outcome(path, i) for i in range(len(cf.cases))]
    coverage = measure_coverage(cf.ruleset, results)
    assert coverage.percent == 100, "\n" + format_coverage(coverage, "en")
    assert len(coverage.items) >= 5
