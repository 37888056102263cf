"""read_edition and evaluate leave the host's garbage collector as they found it: its
switch, and the objects the host froze."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from inovasi_rules import evaluate, load_ruleset, read_edition

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sukoharjo-2023"


@pytest.fixture
def restore_gc() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()


def _evaluate() -> None:
    evaluate(load_ruleset("kipp-sukoharjo-2023"), read_edition(EXAMPLE), load_entrypoints=False)


def test_collector_is_enabled_again_and_nothing_is_left_frozen(restore_gc: None) -> None:
    gc.enable()
    _evaluate()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_disabled_collector_stays_disabled(restore_gc: None) -> None:
    gc.disable()
    _evaluate()
    assert not gc.isenabled()


def test_objects_the_host_froze_stay_frozen(restore_gc: None) -> None:
    gc.enable()
    gc.freeze()  # as a server does before it forks its workers
    frozen = gc.get_freeze_count()
    assert frozen > 0
    _evaluate()
    # still frozen (a frozen object freed meanwhile leaves the count), none added
    assert frozen - 100 < gc.get_freeze_count() <= frozen
    assert gc.isenabled()
