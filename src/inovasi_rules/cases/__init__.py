"""YAML test cases for rulesets: a few submissions and the outcome a ruleset must give.

In the spirit of OpenFisca's YAML tests, a file ``<ruleset>.test.yaml`` next to a
ruleset says what the rules must do, in terms a regional government's staff can check
against their regulation::

    ruleset: kipp-2019            # an id, or a file relative to this one
    defaults:                     # fields every submission below gets
      sdgs: [3]
    cases:
      - name: "umur 1 tahun pas: diterima / exactly 1 year: admitted"
        submissions:
          - id: A
            innovation.started: 2018-04-21
            expect: {eligible: true}
      - name: "kurang dari 1 tahun: ditolak / under 1 year: rejected"
        submissions:
          - id: B
            innovation.started: 2018-04-22
            expect:
              eligible: false
              rejected_by: [implemented-long-enough]
              message: {id: "sedikitnya 1 tahun", en: "at least 1 year"}

A submission names only the fields that matter to the case; every other field gets a
value that meets the ruleset's eligibility rules (its first participant kind, first
category and group, a start date old enough, a registration date on the closing day,
...), so a case changes one thing at a time. ``inovasi-rules test --defaults FILE``
prints those values. Scores are compact: ``scores: {proposal: 80}`` has every judge
give 80 on every criterion. The format is described field by field in
``inovasi_rules/schema/cases.schema.json`` (:func:`cases_schema`).

Run the cases with ``inovasi-rules test PATH`` or ``pytest PATH`` (the pytest plugin
of this package collects ``*.test.yaml``); from Python::

    from inovasi_rules.cases import load_case_file, run_case_file, measure_coverage
    case_file = load_case_file("rulesets/kipp/kipp-2019.test.yaml")
    results = run_case_file(case_file)
    coverage = measure_coverage(case_file.ruleset, results)

**Coverage** lists each eligibility rule, bonus or penalty, stage selection,
field verification and award of the ruleset (inherited ones included) and whether some
case saw it admit an entry and some case saw it turn one down.
"""

from __future__ import annotations

from ..errors import CaseFileError
from .coverage import Coverage, CoverageItem, format_coverage, measure_coverage
from .defaults import case_defaults
from .load import cases_schema, find_case_files, load_case_file
from .model import (
    CASE_FILE_SUFFIXES,
    Case,
    CaseFile,
    CaseResult,
    CaseSubmission,
    Expectation,
    MessageCheck,
    Mismatch,
)
from .run import plugin_manager_for_cases, run_case, run_case_file
from .text import format_case_result

__all__ = [
    "CASE_FILE_SUFFIXES",
    "Case",
    "CaseFile",
    "CaseFileError",
    "CaseResult",
    "CaseSubmission",
    "Coverage",
    "CoverageItem",
    "Expectation",
    "MessageCheck",
    "Mismatch",
    "case_defaults",
    "cases_schema",
    "find_case_files",
    "format_case_result",
    "format_coverage",
    "load_case_file",
    "measure_coverage",
    "plugin_manager_for_cases",
    "run_case",
    "run_case_file",
]
