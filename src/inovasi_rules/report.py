"""What-if reports, under their name up to 0.1.0: they live in :mod:`inovasi_rules.whatif`
now, with the past editions they replay, and these names stay importable from here
(``from inovasi_rules.report import what_if``)."""

from .whatif import (
    EditionReport,
    RuleChange,
    ScoreSet,
    SweepPoint,
    WhatIfReport,
    diff_rulesets,
    parse_values,
    render_html,
    render_markdown,
    summarize,
    what_if,
)

__all__ = [
    "EditionReport",
    "RuleChange",
    "ScoreSet",
    "SweepPoint",
    "WhatIfReport",
    "diff_rulesets",
    "parse_values",
    "render_html",
    "render_markdown",
    "summarize",
    "what_if",
]
