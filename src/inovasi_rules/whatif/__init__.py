"""What-if: past editions replayed under the rules as they were (A) and as proposed (B).

:mod:`.history` reads a past edition with its recorded outcome
(:func:`~.history.read_history`), checks that an evaluation reproduces the record
(:func:`~.history.reproduce`) and compares two results of one edition
(:func:`~.history.compare`). :func:`what_if` evaluates every past edition under A and
under B, checks that A reproduces the recorded outcome, compares the two, and optionally
sweeps one parameter of B over several values. :func:`render_markdown` and
:func:`render_html` turn the :class:`WhatIfReport` into a document for a meeting, with
every label in Bahasa Indonesia and English. The HTML file is self-contained (inline
CSS and SVG charts drawn with matplotlib, laid out by a jinja2 template): it opens
offline and can be mailed as one file. :func:`summarize` gives a few lines for a
terminal.

The HTML report needs the ``report`` extra: ``pip install "inovasi-rules[report]"``.

>>> from pathlib import Path
>>> from inovasi_rules import load_ruleset
>>> from inovasi_rules.whatif import read_history, render_html, what_if
>>> old = load_ruleset("kipp-2019")
>>> new = load_ruleset("examples/what-if/kipp-2019-bobot-replikasi.yaml")  # doctest: +SKIP
>>> report = what_if(old, new, [read_history("examples/history/kipp-2019")])  # doctest: +SKIP
>>> Path("report.html").write_text(render_html(report, "id"))  # doctest: +SKIP
"""

from __future__ import annotations

from .compute import diff_rulesets, what_if
from .history import (
    Comparison,
    OfficialOutcome,
    PastEdition,
    Reproduction,
    compare,
    kendall_tau,
    read_history,
    read_outcomes,
    reproduce,
    write_outcomes,
)
from .html import render_html
from .markdown import render_markdown
from .model import EditionReport, RuleChange, ScoreSet, SweepPoint, WhatIfReport
from .text import parse_values, summarize

__all__ = [
    "Comparison",
    "EditionReport",
    "OfficialOutcome",
    "PastEdition",
    "Reproduction",
    "RuleChange",
    "ScoreSet",
    "SweepPoint",
    "WhatIfReport",
    "compare",
    "diff_rulesets",
    "kendall_tau",
    "parse_values",
    "read_history",
    "read_outcomes",
    "render_html",
    "render_markdown",
    "reproduce",
    "summarize",
    "what_if",
    "write_outcomes",
]
