"""Import paths of 0.1.0 that users may have used keep working: the evaluation moved
into ``inovasi_rules.evaluation``, the ruleset's modules into ``inovasi_rules.ruleset``,
the past editions and the what-if report into ``inovasi_rules.whatif``."""

from __future__ import annotations

import doctest
import importlib
import pickle

import pytest

import inovasi_rules.scoring
import inovasi_rules.selection
from inovasi_rules import Label, load_ruleset
from inovasi_rules.evaluation import ranking, scoring

MOVED = [
    ("inovasi_rules.model", "inovasi_rules.ruleset.model"),
    ("inovasi_rules.parameters", "inovasi_rules.ruleset.parameters"),
    ("inovasi_rules.codec", "inovasi_rules.ruleset.codec"),
    ("inovasi_rules.loading", "inovasi_rules.ruleset.loading"),
    ("inovasi_rules.conditions", "inovasi_rules.ruleset.conditions"),
    ("inovasi_rules.describe", "inovasi_rules.ruleset.describe"),
    ("inovasi_rules.rule_words", "inovasi_rules.ruleset.words"),
    ("inovasi_rules.validation", "inovasi_rules.ruleset.validation"),
    ("inovasi_rules.history", "inovasi_rules.whatif.history"),
]


def test_the_old_modules_name_the_same_objects() -> None:
    for old, new in ((inovasi_rules.scoring, scoring), (inovasi_rules.selection, ranking)):
        for name in old.__all__:
            assert getattr(old, name) is getattr(new, name), name


def test_the_old_modules_examples_run() -> None:
    for module in (inovasi_rules.scoring, inovasi_rules.selection):
        assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize(("old", "new"), MOVED)
def test_a_ruleset_module_imports_from_its_old_path(old: str, new: str) -> None:
    before, now = importlib.import_module(old), importlib.import_module(new)
    assert before.__all__ == now.__all__
    assert now.__all__
    for name in now.__all__:
        assert getattr(before, name) is getattr(now, name), name


def test_the_documented_names_outside_all_stay_too() -> None:
    old = importlib.import_module("inovasi_rules.loading")
    assert old.MAX_EXTENDS_DEPTH == importlib.import_module("inovasi_rules.ruleset.loading").MAX_EXTENDS_DEPTH


def test_a_ruleset_built_from_old_paths_is_the_same_ruleset() -> None:
    old_model = importlib.import_module("inovasi_rules.model")
    ruleset = load_ruleset("kipp-2019")
    assert isinstance(ruleset, old_model.Ruleset)
    assert pickle.loads(pickle.dumps(ruleset)) == ruleset
    assert pickle.loads(pickle.dumps(old_model.Label("juri", "judge"))) == Label("juri", "judge")


def test_the_what_if_report_imports_from_its_old_path() -> None:
    old, now = importlib.import_module("inovasi_rules.report"), importlib.import_module("inovasi_rules.whatif")
    assert {"what_if", "render_html", "render_markdown", "summarize", "WhatIfReport"} <= set(old.__all__)
    for name in old.__all__:
        assert getattr(old, name) is getattr(now, name), name
