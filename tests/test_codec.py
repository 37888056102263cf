"""Round trip: a ruleset written with dump_ruleset reads back equal, and valid."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from inovasi_rules.ruleset import model as m
from inovasi_rules.ruleset.codec import dump_ruleset, structure, unstructure
from inovasi_rules.ruleset.loading import Registry, check_ruleset, load_ruleset, loads_ruleset
from inovasi_rules.testing import rulesets

VALID = Path(__file__).parent / "rulesets" / "valid"
INHERIT = Path(__file__).parent / "rulesets" / "inherit"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry(bundled=False)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ruleset=rulesets())
def test_dump_then_load_gives_the_same_ruleset(ruleset: m.Ruleset, tmp_path_factory) -> None:
    text = dump_ruleset(ruleset)
    registry = Registry(bundled=False)
    assert loads_ruleset(text, registry=registry) == ruleset

    path = tmp_path_factory.mktemp("rt") / "dumped.yaml"
    path.write_text(text, encoding="utf-8")
    check = check_ruleset(path, registry=registry)
    assert check.errors == [], "\n".join(p.format() for p in check.errors)


@pytest.mark.parametrize("path", sorted(VALID.glob("*.yaml")), ids=lambda p: p.name)
def test_bundled_test_rulesets_round_trip(path: Path, registry: Registry) -> None:
    ruleset = load_ruleset(path, registry=registry)
    assert loads_ruleset(dump_ruleset(ruleset), registry=registry) == ruleset
    assert structure(unstructure(ruleset)) == ruleset


CAPPED = """\
schema_version: 1
id: capped
name: Dibatasi
eligibility:
  - id: per-agency
    cap: {per: participant.agency, max: 2}
    message: {id: "Paling banyak dua per instansi", en: "At most two per agency"}
  - id: per-agency-and-category
    cap: {per: [participant.agency, category], max: 1, keep: listed_order}
    message: {id: "Satu per instansi dan kategori", en: "One per agency and category"}
"""


def test_cap_per_written_as_one_path_is_one_path() -> None:
    ruleset = loads_ruleset(CAPPED, registry=Registry(bundled=False))
    one, two = (e.cap for e in ruleset.eligibility)
    assert one is not None
    assert two is not None
    assert one.per == ("participant.agency",)
    assert two.per == ("participant.agency", "category")
    text = dump_ruleset(ruleset)
    assert "per: participant.agency\n" in text
    assert loads_ruleset(text, registry=Registry(bundled=False)) == ruleset


@pytest.mark.parametrize("word", ["1e5", "tRUE", "nULL", "2023-02-30", "0.10", "12", "yes", "a: b"])
def test_text_that_looks_like_something_else_stays_text(word: str) -> None:
    base = load_ruleset(VALID / "mini.yaml", registry=Registry(bundled=False))
    ruleset = base.with_parameters(bonus_points=Decimal(5))
    ruleset = attrs.evolve(ruleset, name=m.Label(word, word))
    again = loads_ruleset(dump_ruleset(ruleset), registry=Registry(bundled=False))
    assert again.name == m.Label(word, word)


def test_resolved_child_is_written_standalone() -> None:
    """A child's resolved YAML must not apply the parent again when read back (that
    would bring back the eligibility rule the child removed)."""
    registry = Registry(directories=[INHERIT], bundled=False)
    child = load_ruleset(INHERIT / "child-remove.yaml", registry=registry)
    assert [e.id for e in child.eligibility] == ["kategori"]
    text = dump_ruleset(child)
    assert "\nextends:" not in text
    assert text.startswith("# ")  # names the parent in a comment
    again = loads_ruleset(text, registry=registry)
    assert again == attrs.evolve(child, extends=None)
