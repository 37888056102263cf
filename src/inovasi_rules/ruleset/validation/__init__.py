"""Checking a ruleset: the JSON Schema, then the rules a schema cannot state.

:func:`check_schema` and :func:`check_semantics` take the plain tree of a (merged)
ruleset and its located :class:`~inovasi_rules.yamlpos.Node` tree, and return every
:class:`~inovasi_rules.errors.Problem` found, each at the file, line and column where
the offending value was written (in a parent's file when it was inherited). Neither
raises; the loader decides what is fatal.

Errors (the ruleset cannot be used):

- ``schema``, ``unknown-key`` (with a "did you mean"), ``missing-key``;
- ``duplicate-id``: two items of one list share an id;
- ``dangling-reference``: a rubric, stage, eligibility rule, criterion, parameter,
  category, participant kind, group or wave that does not exist;
- ``weights``: criteria weights do not add up to the rubric's ``total_weight``,
  sub-criteria weights do not add up to their criterion's, ``combine`` weights do not
  add up to 1 (or 100);
- ``stage-order``: a screening stage after a scored one, a verification stage first,
  ``objection_period.displaced: extra_seats`` on a stage that is not scored,
  ``combine`` or a tie-break naming a later stage;
- ``dates``: a wave that closes before it opens, a region in two waves;
- ``condition``: a condition without exactly one subject and one comparison;
- ``selection``: a verification stage's ``confirm`` with no seat;
- ``semantic``: among others, ``normalised_mean`` where ``rounding.at`` leaves judges'
  totals or aggregates unrounded (a standard deviation has no exact value).

Warnings (reported, the ruleset still loads): ``unused-parameter``,
``zero-weight``, ``unreachable-award``, ``contradiction`` (two eligibility rules no
entry can both meet), ``untranslated`` (a message without English), ``selection``
(``confirm: {freed: fill}`` after a stage that passes no more entries than the seats).
"""

from __future__ import annotations

from .schema import SchemaValidator, check_schema, ruleset_schema, schema_problems
from .semantics import check_semantics

__all__ = ["SchemaValidator", "check_schema", "check_semantics", "ruleset_schema", "schema_problems"]
