"""Import paths of 0.1.0 that users may have used keep working after the evaluation
moved into ``inovasi_rules.evaluation``."""

from __future__ import annotations

import doctest

import inovasi_rules.scoring
import inovasi_rules.selection
from inovasi_rules.evaluation import ranking, scoring


def test_the_old_modules_name_the_same_objects() -> None:
    for old, new in ((inovasi_rules.scoring, scoring), (inovasi_rules.selection, ranking)):
        for name in old.__all__:
            assert getattr(old, name) is getattr(new, name), name


def test_the_old_modules_examples_run() -> None:
    for module in (inovasi_rules.scoring, inovasi_rules.selection):
        assert doctest.testmod(module).failed == 0
