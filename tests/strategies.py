"""The ruleset strategies moved to :mod:`inovasi_rules.testing`; this module re-exports
them for tests that still import ``strategies``."""

from __future__ import annotations

from inovasi_rules.testing import (
    FIELD_PATHS,
    NUMERIC_PARAMS,
    conditions,
    criteria,
    editions,
    eligibility_rules,
    ids,
    labels,
    parameters,
    rubrics,
    rulesets,
    selections,
    texts,
)

__all__ = [
    "FIELD_PATHS",
    "NUMERIC_PARAMS",
    "conditions",
    "criteria",
    "editions",
    "eligibility_rules",
    "ids",
    "labels",
    "parameters",
    "rubrics",
    "rulesets",
    "selections",
    "texts",
]
