"""The evaluation: :func:`evaluate` applies a ruleset to one edition.

A read-only :class:`~.context.Context` is built once (records, compiled conditions,
score rows grouped into judges' totals; :mod:`.prepared` keeps it for evaluating the
same edition again); then each stage, in the ruleset's order (:mod:`.run`), is a
function from (context, entrants) to (decisions, next entrants):

``screening`` (:mod:`.eligibility`, :mod:`.caps`)
    Every eligibility rule (or the stage's ``rules``) per submission, then the
    edition-level caps, then plugins' findings.
``assessment`` / ``presentation`` (:mod:`.scoring`, :mod:`.adjustments`, :mod:`.ranking`)
    Each judge's total, the judges' aggregate, the carry-over from earlier stages
    (``combine``), bonuses and penalties, rounding; then ranking and selection.
``verification`` (:mod:`.verification`)
    A recorded verdict confirms or drops each entry.

Awards are given last (:mod:`.awards`), then plugins' awards, then the
``inovasi_rules_result`` hook.

The same input gives the same result in any input order: submissions are processed in
id order, sums are exact, and the tie-break lottery is seeded from the ruleset id, the
edition id and the submission id. An evaluation changes nothing outside itself, so two
may run at once in two threads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pluggy

from ..edition import Edition
from ..result import Result
from ..ruleset.model import Ruleset
from .context import Limits
from .prepared import PreparedEvaluation, prepare
from .run import REPORTED_FIELDS

__all__ = ["REPORTED_FIELDS", "Limits", "PreparedEvaluation", "evaluate", "prepare"]


def evaluate(
    ruleset: Ruleset,
    edition: Edition,
    *,
    plugins: Iterable[Any] = (),
    load_entrypoints: bool | None = None,
    parameters: Mapping[str, Any] | None = None,
    plugin_manager: pluggy.PluginManager | None = None,
    limits: Limits | None = None,
) -> Result:
    """Apply ``ruleset`` to ``edition`` and explain every decision.

    :param plugins: plugin objects to use for this evaluation (in addition to the
        installed ones, unless ``load_entrypoints=False``).
    :param parameters: parameter overrides for this run (applied after the edition's
        own ``parameters`` from ``edition.yaml``).
    :param plugin_manager: a ready plugin manager (then ``plugins`` and
        ``load_entrypoints`` are ignored). Each call otherwise builds its own, so no
        state leaks between evaluations.
    :param limits: bounds of this evaluation (:class:`Limits`; the defaults by default).
    :raises EvaluationError: when the data does not fit the ruleset (a score for an
        unknown stage, criterion, submission or judge, a score off the scale), with
        file and row. Softer problems (a verdict for a stage that is not verified, a
        conflict of interest that cannot be checked for want of data, scores for an
        entry that did not reach the stage) are warnings in ``Result.findings``.
    :raises PluginError: when a plugin the ruleset needs is missing, or a plugin fails.

    One evaluation is ``prepare(ruleset, edition, ..., ahead=False).evaluate()``
    (:func:`prepare`): to evaluate the same edition many times, with other
    parameters or other judges' scores, prepare it once.

    >>> from inovasi_rules import load_ruleset, read_edition, evaluate
    >>> result = evaluate(load_ruleset("kipp-sukoharjo-2023"),
    ...                   read_edition("examples/sukoharjo-2023"))  # doctest: +SKIP
    """
    return prepare(ruleset, edition, plugins=plugins, load_entrypoints=load_entrypoints,
                   plugin_manager=plugin_manager, limits=limits, parameters=parameters,
                   ahead=False).evaluate()
