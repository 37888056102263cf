"""Fuzzing the readers of rulesets and test-case files: whatever the bytes, the answer is
a result or the library's own error, never a traceback, a hang or a huge message.

The inputs are valid documents with hostile edits (numbers with huge exponents, aliases,
deep brackets, tabs, paths out of the folder, control characters, cut lines) and
YAML documents built from the ruleset's own keys. Each test is bounded by the test
runner's timeout, not by a timed assertion.

By default each test runs a small number of examples; ``nox -s fuzz`` runs them at
length through the ``fuzz`` hypothesis profile (``pytest --hypothesis-profile=fuzz``,
registered in tests/conftest.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inovasi_rules import (
    InovasiRulesError,
    Registry,
    Ruleset,
    RulesetError,
    check_ruleset,
    loads_ruleset,
)
from inovasi_rules.cases import CaseFileError, load_case_file, run_case_file

ROOT = Path(__file__).parents[1]

# the whole test, every example included: generous for the fuzz profile, short for a hang
pytestmark = pytest.mark.timeout(1_800)

SEED_RULESETS = [
    (ROOT / "rulesets" / "kipp" / "kipp-2019.yaml").read_text(encoding="utf-8"),
    (ROOT / "rulesets" / "daerah" / "kipp-sukoharjo-2023.yaml").read_text(encoding="utf-8"),
    (Path(__file__).parent / "hostile" / "rulesets" / "param-declared-bounds.yaml").read_text(
        encoding="utf-8"
    ),
]

SEED_CASES = """\
ruleset: kipp-regional
parameters: {finalists: 2}
cases:
  - name: jenis peserta
    submissions:
      - {participant.kind: perangkat_daerah, expect: {eligible: true}}
      - {participant.kind: swasta, expect: {eligible: false}}
  - name: nilai
    submissions:
      - {id: a, score: {proposal: 90}, expect: {advances: [proposal]}}
      - {id: b, score: {proposal: 80}}
"""

#: Pieces a stranger might type or paste: numbers out of bounds, YAML tricks, paths,
#: control characters, parameters of the wrong type.
HOSTILE = [
    "1.0e+999999999", "1.0e-100000000", "9" * 200, "-0.0e-99999", ".nan", ".inf", "0x1F",
    "&a [*a, *a]", "*a", "<<: *a", "!!python/object:os.system", "!!binary AAAA", "? [a]\n: b",
    "[" * 60, "{" * 30, "\t", "\r\n", "\x00", "\x1b[2J", "\u202e", "\ufeff", "---\n", "...",
    "ruleset: ../../../etc/passwd.yaml", "ruleset: /etc/passwd", "extends: ../x.yaml",
    "{param: finalists}", "{param: nope}", "finalists: sepuluh", "registration_closes: 31-08-2025",
    "parameter_types: {finalists: {type: date, min: x}}", "2023-02-30", "\"", "'", "#", ": ", "- ",
    "weight: 1.0e-100000000", "top: {param: registration_closes}", "id: kipp-regional",
]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[str]) -> str:
    """A seed document with a few hostile edits: insertions, deletions, repeated or cut
    lines."""
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "insert", "delete", "repeat", "cut", "text"]))
        if kind == "insert":
            text = text[:where] + draw(st.sampled_from(HOSTILE)) + text[where:]
        elif kind == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 40)) :]
        elif kind == "repeat":
            line_start = text.rfind("\n", 0, where) + 1
            line_end = text.find("\n", where)
            line = text[line_start : line_end if line_end != -1 else len(text)]
            text = text[:line_start] + line + "\n" + text[line_start:]
        elif kind == "cut":
            text = text[:where]
        else:
            text = text[:where] + draw(st.text(max_size=12)) + text[where:]
    return text


_KEYS = st.sampled_from(
    ["schema_version", "id", "name", "extends", "parameters", "parameter_types", "stages",
     "rubrics", "criteria", "weight", "eligibility", "when", "field", "param", "top", "advance",
     "kind", "awards", "rank", "in", "at_most", "as_of", "lookup", "type", "min", "max"]
)
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.text(max_size=10),
    st.sampled_from(["1.0e+999999999", "kipp-regional", "integer", "date", "2025-08-31"]),
)
_TREES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=25,
)


def _assert_problems_are_short(exc: InovasiRulesError, absent: str = "JANGAN-TAMPIL") -> None:
    for problem in getattr(exc, "problems", ()):
        assert len(problem.format()) < 5_000
    assert absent not in str(exc)


def _load(text: str) -> Ruleset | None:
    try:
        return loads_ruleset(text, file="fuzz.yaml", registry=Registry())
    except RulesetError as exc:
        _assert_problems_are_short(exc)
        return None


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(SEED_RULESETS))
def test_a_mutated_ruleset_loads_or_is_a_ruleset_error(text: str) -> None:
    ruleset = _load(text)
    if ruleset is not None:
        assert ruleset.id


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_KEYS, _TREES, max_size=8))
def test_any_tree_of_ruleset_keys_loads_or_is_a_ruleset_error(tree: dict[str, Any]) -> None:
    _load(yaml.safe_dump(tree, allow_unicode=True))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300) | mutated(SEED_RULESETS).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_check_ruleset_never_raises_for_a_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "unggahan.yaml"
        path.write_bytes(data)
        check = check_ruleset(path, registry=Registry())
    assert check.ok is (check.ruleset is not None)
    for problem in check.problems:
        assert len(problem.format()) < 5_000


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated([SEED_CASES]))
def test_a_mutated_case_file_runs_or_is_a_case_file_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as root:
        secret = Path(root) / "rahasia.yaml"
        secret.write_text("kata_sandi: JANGAN-TAMPIL\n", encoding="utf-8")
        folder = Path(root) / "a" / "b"
        folder.mkdir(parents=True)
        path = folder / "unggahan.test.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            case_file = load_case_file(path, registry=Registry())
        except CaseFileError as exc:
            _assert_problems_are_short(exc)
            return
        try:
            results = run_case_file(case_file)
        except InovasiRulesError as exc:
            _assert_problems_are_short(exc)
            return
        assert len(results) == len(case_file.cases)
