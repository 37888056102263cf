"""An edition prepared for evaluation under a ruleset, to evaluate many times.

What-if sweeps, re-evaluation after an objection and resampling the judges evaluate
one edition again and again, each time with one thing changed. :func:`prepare` does
once what does not depend on that change (the plugin manager and its checks, the
records, the conditions compiled, the score rows checked and grouped into judges'
totals), and decides every stage once under its own parameters;
:meth:`PreparedEvaluation.evaluate` does the rest. A stage decided ahead is used again
where nothing it reads changed: the screening stages that come first, and each scored
stage up to its selection (its scores, combined and adjusted, and its ranking), so a
sweep over a cut-off pays only for the selections. :func:`inovasi_rules.evaluate` is
``prepare(..., ahead=False).evaluate()``: there is one way to evaluate.

.. code-block:: python

    prepared = prepare(ruleset, edition, load_entrypoints=False)
    for finalists in (40, 45, 50):
        result = prepared.evaluate(parameters={"finalists": finalists})
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import pluggy

from ..edition import MISSING, Edition, ScoreTable
from ..errors import EvaluationError, PluginError
from ..frozen import EMPTY, FrozenMap
from ..plugins import get_plugin_manager, missing_plugin_problem, plugin_name
from ..result import Result
from ..ruleset.model import Ruleset
from ..ruleset.parameters import check_parameters
from .context import Context, Limits, build_context, rebuild_context
from .run import NOTHING_AHEAD, Ahead, decide_ahead, reads, run

__all__ = ["PreparedEvaluation", "prepare"]


@attrs.frozen(eq=False)
class PreparedEvaluation:
    """An edition ready to be evaluated under a ruleset, as often as needed: each
    :meth:`evaluate` gives the result :func:`inovasi_rules.evaluate` would give for
    the same ruleset, edition, parameters and scores. Made by :func:`prepare`.

    It holds what every evaluation of the edition shares and changes nothing in it, so
    several evaluations may run from one prepared edition at once (in several threads).
    Among what it holds are its stages decided under its own parameters: an evaluation
    uses a screening stage that comes first, and a scored stage up to its selection,
    when the stage gets the same entrants from the same score rows and no parameter it
    reads (nor one a scored stage before it reads) changed.

    :ivar ruleset: the ruleset, with the edition's own parameters (``edition.yaml``) and
        those given to :func:`prepare` applied.
    :ivar edition: the edition.
    :ivar plugin_manager: the plugin manager every evaluation uses.
    """

    ruleset: Ruleset
    edition: Edition
    plugin_manager: pluggy.PluginManager
    _context: Context = attrs.field(repr=False, alias="context")
    # the stages decided by ``prepare``, and the parameters each reads
    _ahead: Ahead = attrs.field(default=NOTHING_AHEAD, repr=False, alias="ahead")
    _reads: Mapping[str, frozenset[str]] = attrs.field(default=EMPTY, repr=False, alias="reads")

    def evaluate(
        self, *, parameters: Mapping[str, Any] | None = None, scores: ScoreTable | None = None
    ) -> Result:
        """Evaluate the edition, with ``parameters`` changed (over :attr:`ruleset`'s) and
        ``scores`` in place of the edition's scores (the judges' scores resampled or
        corrected; checked as the edition's are).

        :raises EvaluationError: for a parameter that is unknown or of the wrong type,
            and for score rows that do not fit the ruleset, each located.
        :raises PluginError: when a plugin fails.
        """
        ruleset = self.ruleset
        if parameters:
            ruleset = _with_parameters(ruleset, parameters, None)
        ahead = self._ahead
        if ruleset is self.ruleset and scores is None:
            return run(self._context, ahead)
        before, now = self.ruleset.parameters, ruleset.parameters
        changed = {k for k in set(before) | set(now) if before.get(k, MISSING) != now.get(k, MISSING)}
        if changed:
            reads = self._reads
            ahead = Ahead({k: v for k, v in ahead.screened.items() if not reads[k] & changed},
                          {k: v for k, v in ahead.ranked.items() if not reads[k] & changed})
        return run(rebuild_context(self._context, ruleset, scores), ahead)


def prepare(
    ruleset: Ruleset,
    edition: Edition,
    *,
    plugins: Iterable[Any] = (),
    load_entrypoints: bool | None = None,
    plugin_manager: pluggy.PluginManager | None = None,
    limits: Limits | None = None,
    parameters: Mapping[str, Any] | None = None,
    ahead: bool = True,
) -> PreparedEvaluation:
    """Prepare ``edition`` for evaluation under ``ruleset`` (the arguments are those of
    :func:`inovasi_rules.evaluate`; ``parameters`` are the values every evaluation
    starts from, after the edition's own).

    :param ahead: decide every stage once now, for the evaluations to use where nothing
        a stage reads changed (the default); ``False`` when the edition is evaluated
        once. Nothing is decided ahead when a plugin takes part in deciding a stage.
    :raises EvaluationError: when the data does not fit the ruleset, or a parameter
        does not, each located.
    :raises PluginError: when a plugin the ruleset needs is missing.
    """
    if edition.parameters:
        ruleset = _with_parameters(
            ruleset, edition.parameters, edition.files.get("edition") if edition.files else None
        )
    if parameters:
        ruleset = _with_parameters(ruleset, parameters, None)
    pm = plugin_manager or get_plugin_manager(plugins, load_entrypoints=load_entrypoints)
    _check_plugins(ruleset, pm)
    ctx = build_context(ruleset, edition, pm, limits or Limits())
    if not ahead:
        return PreparedEvaluation(ruleset, edition, pm, context=ctx)
    return PreparedEvaluation(ruleset, edition, pm, context=ctx, ahead=decide_ahead(ctx),
                              reads=FrozenMap({st.id: reads(ruleset, st) for st in ruleset.stages}))


def _check_plugins(ruleset: Ruleset, pm: pluggy.PluginManager) -> None:
    names = {plugin_name(pm, p) for p in pm.get_plugins()}
    names |= {n for n, _ in pm.list_name_plugin() if n}
    missing = [p for p in ruleset.plugins if p.name not in names]
    if missing:
        raise PluginError(
            "\n".join(missing_plugin_problem(p, ruleset.id).format() for p in missing),
            plugin=missing[0].name,
        )


def _with_parameters(ruleset: Ruleset, values: Mapping[str, Any], file: str | None) -> Ruleset:
    """``ruleset.with_parameters``, with an unknown name or a value of the wrong type
    reported as an error naming the file and the parameter (:func:`check_parameters`)."""
    problems = check_parameters(ruleset, values, file=file)
    if problems:
        raise EvaluationError(problems)
    return ruleset.with_parameters(**values)
