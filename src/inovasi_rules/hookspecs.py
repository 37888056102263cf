"""Hook specifications: the points where a host system adds its own logic.

A plugin is any object or module with functions named like the hooks below and
marked with :data:`hookimpl`. It is found through the ``inovasi_rules`` entry-point
group of an installed package, or passed in code (``evaluate(..., plugins=[obj])``).
A plugin only implements the hooks it needs, and may accept only some of a hook's
arguments (pluggy passes the ones it names).

.. code-block:: python

    from decimal import Decimal
    from inovasi_rules import hookimpl, PluginAdjustment

    class LocalBonus:
        name = "local-bonus"

        @hookimpl
        def inovasi_rules_adjustments(self, ruleset, stage, submission):
            if not ruleset.needs_plugin(self.name):
                return None
            if stage.id == "penilaian" and submission.get("participant.kind") == "upt":
                return [PluginAdjustment("upt-bonus", Decimal(2), "Bonus UPT / UPT bonus")]
            return None

The hooks, in the order an evaluation calls them:

=====================================  ===========  ==========================================
hook                                   firstresult  called
=====================================  ===========  ==========================================
``inovasi_rules_rulesets``             no           when the registry of rulesets is built
``inovasi_rules_condition_functions``  no           once per evaluation, before anything else
``inovasi_rules_eligibility``          no           per submission at each screening stage
``inovasi_rules_stage_score``          yes          per submission at a ``scoring: plugin`` stage
``inovasi_rules_adjustments``          no           per submission at each scored stage
``inovasi_rules_select``               yes          once per scored stage, after ranking
``inovasi_rules_awards``               no           once, after the ruleset's awards
``inovasi_rules_result``               no           once, with the finished result
=====================================  ===========  ==========================================

**Traceable.** Every change a plugin makes to an outcome is recorded with the plugin's
name: a :class:`~inovasi_rules.Reason` with ``plugin`` set (eligibility findings, stage
scores, adjustments, selections, rules that call a plugin's condition function), an
:class:`~inovasi_rules.AdjustmentApplied` or an :class:`~inovasi_rules.AwardGrant`
with ``plugin`` set. ``inovasi-rules explain`` shows them as ``[oleh plugin NAME]`` /
``[by plugin NAME]``.

**Errors.** A plugin that raises, or returns something of the wrong type, stops the
evaluation with a :class:`~inovasi_rules.PluginError` whose message names the plugin
and the hook (``plugin`` and ``hook`` are also attributes of the error); the command
line prints that message, not a traceback.

**Order.** For hooks that collect results from every plugin, implementations run in
pluggy's order: the last registered first. Installed plugins are registered first (in
the order of their entry-point names), then the plugins passed in code, so a plugin
passed in code runs before the installed ones. ``@hookimpl(tryfirst=True)`` and
``@hookimpl(trylast=True)`` move an implementation to the front or the back; use them
whenever order matters (a plugin that must see the others' grants, say) rather than
relying on names. For the two ``firstresult`` hooks the first implementation (in that
same order) that returns something other than ``None`` wins and the rest are not
called. Hook wrappers are not supported.

**Scope.** Installed plugins are loaded for every evaluation. A plugin that serves
some rulesets only should check ``ruleset.needs_plugin(name)`` (true when the ruleset
lists it under ``plugins``) and return ``None`` otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from os import PathLike
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .edition import Edition, Score
    from .evaluation.ranking import Entry
    from .plugins import PluginAdjustment, PluginFinding, PluginGrant, StageScore
    from .result import Result
    from .ruleset.model import Ruleset, Stage

__all__ = ["hookimpl", "hookspec"]

#: Marks a hook specification (used only in this module).
hookspec = pluggy.HookspecMarker("inovasi_rules")
#: Marks a plugin's hook implementation: ``@hookimpl def inovasi_rules_rulesets(): ...``.
#: ``@hookimpl(tryfirst=True)`` / ``@hookimpl(trylast=True)`` change the call order.
hookimpl = pluggy.HookimplMarker("inovasi_rules")


# --------------------------------------------------------------------------- rulesets


@hookspec
def inovasi_rules_rulesets() -> Sequence[str | PathLike[str]] | None:
    """Contribute rulesets to the registry, so that they can be named by id and used
    as ``extends`` parents exactly like the bundled ones.

    **When:** each time the default registry is built: by :func:`~inovasi_rules.load_ruleset`,
    :func:`~inovasi_rules.check_ruleset` and :func:`~inovasi_rules.loads_ruleset` when no
    ``registry`` is given, and by ``inovasi-rules list``, ``show``, ``validate``,
    ``evaluate`` and ``explain``. Not called during an evaluation.

    **Arguments:** none.

    **Returns:** a list of paths (``str`` or :class:`pathlib.Path`), each a ruleset
    ``.yaml`` file or a directory searched recursively (``*.test.yaml`` files are
    skipped); or ``None``. Every path must exist. A ship-with-the-package directory is
    usually ``Path(__file__).parent / "rulesets"`` (list it as package data).

    **firstresult:** no; the paths of every plugin are used, in call order.
    The bundled rulesets are searched before contributed ones: a contributed ruleset
    with the id of a bundled one is not used, and the clash is reported by
    ``inovasi-rules list``.

    **Errors:** a return value that is not a list of paths, or a path that does not
    exist, is a :class:`~inovasi_rules.PluginError`.
    """


@hookspec
def inovasi_rules_condition_functions() -> Mapping[str, Callable[..., Any]] | None:
    """Contribute named functions to the condition language.

    A ruleset calls one with ``{call: name, args: {...}}`` in any condition
    (``when``, ``where``, a cap's ``where``, an adjustment's ``when``, an award's
    ``where``). Use it for a lookup the YAML cannot express, e.g. "is the agency in
    our register".

    **When:** once per evaluation, before the ruleset's conditions are compiled (an
    unknown function name in a condition is then an error naming the known ones).

    **Arguments:** none.

    **Returns:** a mapping of function name to function, or ``None``. Each function
    is called as ``fn(submission, **args)``: ``submission`` is the submission record
    (``submission.get("participant.agency")`` reads a field) and ``args`` the
    condition's ``args``. It returns a value, compared with the condition's operator
    (``{call: f, at_least: 3}``), or taken as true/false when there is none. Return
    :data:`~inovasi_rules.MISSING` or ``None`` when the data needed is missing: the
    condition then reports "data missing", never false.

    **firstresult:** no; the functions of every plugin are united. Two plugins
    contributing the same name is a :class:`~inovasi_rules.PluginError`.

    **Trace:** the reasons of every rule whose condition calls the function carry the
    plugin's name. A function that raises is a ``PluginError`` naming the plugin and
    the function.
    """


# --------------------------------------------------------------------------- stages


@hookspec
def inovasi_rules_eligibility(
    ruleset: Ruleset, stage: Stage, submission: Any, edition: Edition
) -> Sequence[PluginFinding] | None:
    """Add eligibility findings for one submission at a screening stage.

    **When:** at every ``kind: screening`` stage, once per submission still in the
    competition (in submission-id order), after the ruleset's own per-submission
    eligibility rules and before the edition-level caps (``cap``), so a submission a
    plugin rejects does not take a place under a cap. Called also when a ruleset rule
    has already failed, so every reason is reported.

    **Arguments:**

    - ``ruleset``: the :class:`~inovasi_rules.Ruleset` being applied (with the run's
      parameters);
    - ``stage``: the screening :class:`~inovasi_rules.ruleset.model.Stage`;
    - ``submission``: the submission record; ``submission.get(path)`` reads a field,
      including the engine's derived fields such as ``wave.closes``, and returns
      :data:`~inovasi_rules.MISSING` for a field without a value; ``submission.id``
      is its id;
    - ``edition``: the whole :class:`~inovasi_rules.Edition`.

    **Returns:** a list of :class:`~inovasi_rules.PluginFinding`, or ``None``. A
    finding with ``passed=False`` makes the submission ineligible, with the finding's
    message as the reason; ``passed=True`` records a check that passed.

    **firstresult:** no; the findings of every plugin are recorded, in call order.
    """


@hookspec(firstresult=True)
def inovasi_rules_stage_score(
    ruleset: Ruleset, stage: Stage, submission: Any, scores: Sequence[Score], edition: Edition
) -> StageScore | Decimal | None:
    """Compute a submission's score at a stage declared ``scoring: plugin``,
    replacing the built-in rubric scoring for that stage.

    **When:** only for stages with ``scoring: plugin``, once per submission entering
    the stage (in submission-id order). A stage that asks for a plugin's score when
    no plugin answers is a :class:`~inovasi_rules.PluginError`.

    **Arguments:** ``ruleset``, ``stage``, ``submission`` and ``edition`` as for
    :func:`inovasi_rules_eligibility`; ``scores``: this submission's rows of the
    scores table at this stage (:class:`~inovasi_rules.Score`, may be empty).

    **Returns:** a :class:`~inovasi_rules.StageScore` (score, explanation,
    per-criterion values) or a ``Decimal``/``int``; ``None`` to let another plugin
    answer. A float, ``NaN`` or infinity is refused (scores are exact). The score is
    rounded with the ruleset's ``rounding``; then ``combine``, adjustments, ranking
    and selection apply as usual.

    **firstresult:** yes: the first plugin to return something other than ``None``
    gives the score, and the rest are not called for this submission.

    **Trace:** a ``stage-score`` reason naming the plugin, with the ``detail``.
    """


@hookspec
def inovasi_rules_adjustments(
    ruleset: Ruleset, stage: Stage, submission: Any, score: Decimal
) -> Sequence[PluginAdjustment] | None:
    """Add bonuses or penalties to a submission's score at a scored stage.

    **When:** at every scored stage (``assessment``, ``presentation``), once per
    submission with a score, after the ruleset's own adjustments and before the
    stage's ``adjustment_cap`` and the ranking.

    **Arguments:** ``ruleset``, ``stage`` and ``submission`` as for
    :func:`inovasi_rules_eligibility`; ``score``: the score before any adjustment
    (after ``combine``).

    **Returns:** a list of :class:`~inovasi_rules.PluginAdjustment`, or ``None``. The
    amounts are added to the score together with the ruleset's own, and count
    towards the stage's ``adjustment_cap``.

    **firstresult:** no; the adjustments of every plugin apply. They are summed, so
    the order changes only the order of the reasons.

    **Trace:** an :class:`~inovasi_rules.AdjustmentApplied` and an ``adjustment``
    reason per item, naming the plugin.
    """


@hookspec(firstresult=True)
def inovasi_rules_select(
    ruleset: Ruleset, stage: Stage, ranked: Sequence[Entry]
) -> Iterable[str] | None:
    """Decide who advances from a scored stage, replacing the stage's ``advance``.

    **When:** once per scored stage, after the entries are ranked (tie-breaks
    applied).

    **Arguments:** ``ruleset`` and ``stage`` as above; ``ranked``: the entries, best
    first, as :class:`~inovasi_rules.evaluation.ranking.Entry` (``id``, ``score``, ``group``).

    **Returns:** the ids of the submissions that advance (a list, tuple or set; an
    empty list means nobody advances), or ``None`` to keep the ruleset's own
    selection. An id that is not among ``ranked`` is a
    :class:`~inovasi_rules.PluginError`.

    **firstresult:** yes: the first plugin to return something other than ``None``
    decides, and the rest are not called for this stage.

    **Trace:** every entry's ``advance`` reason says chosen or not chosen by the
    plugin.
    """


# --------------------------------------------------------------------------- results


@hookspec
def inovasi_rules_awards(
    ruleset: Ruleset, edition: Edition, result: Result
) -> Sequence[PluginGrant] | None:
    """Grant awards, or attach amounts to awards already granted.

    **When:** once per evaluation, after the ruleset's own awards and before
    :func:`inovasi_rules_result`.

    **Arguments:** ``ruleset``, ``edition``; ``result``: the
    :class:`~inovasi_rules.Result` so far, with the ruleset's awards
    (``result.winners(award_id)``, ``result.submission(id).awards``).

    **Returns:** a list of :class:`~inovasi_rules.PluginGrant`, or ``None``. A grant
    for an award the submission already holds updates it (its ``amount`` and
    ``note``); a grant for another award id adds that award (named by the grant's
    ``name``). A grant for an unknown submission is a
    :class:`~inovasi_rules.PluginError`.

    **firstresult:** no; grants apply in call order, so when two plugins set the
    amount of the same award the one called later wins. Every plugin sees the
    result before any plugin's grants.

    **Trace:** the :class:`~inovasi_rules.AwardGrant` names the plugin (both names
    when two plugins annotated it); ``explain`` shows the amount and the note.
    """


@hookspec
def inovasi_rules_result(ruleset: Ruleset, edition: Edition, result: Result) -> None:
    """Observe a finished result: store it, or notify someone.

    **When:** once at the end of every evaluation, with the final result (plugins'
    awards included), before :func:`~inovasi_rules.evaluate` returns it.

    **Arguments:** ``ruleset``, ``edition`` and the final ``result`` (frozen: it
    cannot be changed).

    **Returns:** nothing; the return value is ignored.

    **firstresult:** no; every plugin is called. One that raises stops the
    evaluation with a :class:`~inovasi_rules.PluginError` (a failed store is not
    silently lost).
    """
