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
        @hookimpl
        def inovasi_rules_adjustments(self, stage, submission):
            if stage.id == "penilaian" and submission.get("participant.kind") == "upt":
                return [PluginAdjustment("upt-bonus", Decimal(2), "Bonus UPT / UPT bonus")]
            return None

Every change a plugin makes to an outcome is recorded in the result's reasons with the
plugin's name, and shown by ``inovasi-rules explain``. A plugin that raises, or returns
something of the wrong type, stops the evaluation with a
:class:`~inovasi_rules.PluginError` naming the plugin and the hook.

Order: for hooks that collect results from every plugin, plugins run in the reverse
order of registration (pluggy's rule), unless marked ``@hookimpl(tryfirst=True)`` or
``trylast=True``; results are applied in that order. For ``firstresult`` hooks the
first plugin to return something other than ``None`` wins and the rest are not called.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .edition import Edition, Score
    from .model import Ruleset, Stage
    from .plugins import PluginAdjustment, PluginFinding, PluginGrant, StageScore
    from .result import Result
    from .selection import Entry

__all__ = ["hookimpl", "hookspec"]

#: Marks a hook specification (used only in this module).
hookspec = pluggy.HookspecMarker("inovasi_rules")
#: Marks a plugin's hook implementation: ``@hookimpl def inovasi_rules_rulesets(): ...``.
hookimpl = pluggy.HookimplMarker("inovasi_rules")


# --------------------------------------------------------------------------- rulesets


@hookspec
def inovasi_rules_rulesets() -> Iterable[Any]:
    """Contribute rulesets to the registry.

    Called when the registry is built (by ``inovasi-rules list``, and whenever a ruleset
    is loaded by id or through ``extends``). Return a list of paths, each a ruleset
    ``.yaml`` file or a directory searched recursively. Contributed rulesets can be
    named by id and used as ``extends`` parents, exactly like the bundled ones.

    :return: paths (``str`` or :class:`pathlib.Path`), or ``None``.
    """


@hookspec
def inovasi_rules_condition_functions() -> dict[str, Callable[..., Any]] | None:
    """Contribute named functions to the condition language.

    A ruleset calls one with ``{call: name, args: {...}}``; the function receives the
    submission record as its first argument and the ``args`` as keyword arguments, and
    returns a value (compared with the condition's operator, or taken as true/false
    when there is none). Return :data:`~inovasi_rules.MISSING` or ``None`` when the
    data needed is missing: the condition then reports "data missing".

    :return: a mapping of function name to function.
    """


# --------------------------------------------------------------------------- stages


@hookspec
def inovasi_rules_eligibility(
    ruleset: Ruleset, stage: Stage, submission: Any, edition: Edition
) -> Sequence[PluginFinding] | None:
    """Add eligibility findings for one submission at a screening stage.

    Called once per submission still in the competition, after the ruleset's own
    eligibility rules. A finding with ``passed=False`` makes the submission
    ineligible, with the finding's message as the reason.

    :param ruleset: the ruleset being applied.
    :param stage: the screening stage.
    :param submission: the submission record (``submission.get(path)`` reads a
        field, including the engine's derived fields such as ``wave.closes``).
    :param edition: the whole edition.
    :return: a list of :class:`~inovasi_rules.PluginFinding`, or ``None``.
    """


@hookspec(firstresult=True)
def inovasi_rules_stage_score(
    ruleset: Ruleset, stage: Stage, submission: Any, scores: Sequence[Score], edition: Edition
) -> StageScore | Decimal | None:
    """Compute a submission's score at a stage declared ``scoring: plugin``.

    Called only for stages that ask for it, once per submission at the stage.
    Stops at first non-None result. Adjustments, ranking and selection then apply as
    usual.

    :param scores: this submission's score rows at this stage (may be empty).
    :return: a :class:`~inovasi_rules.StageScore` (score with an explanation) or a
        ``Decimal``; ``None`` to let another plugin answer.
    """


@hookspec
def inovasi_rules_adjustments(
    ruleset: Ruleset, stage: Stage, submission: Any, score: Decimal
) -> Sequence[PluginAdjustment] | None:
    """Add bonuses or penalties to a submission's score at a scored stage.

    Called after the ruleset's own adjustments, once per submission with a score.
    The amounts are added to the score (and count towards the stage's
    ``adjustment_cap``).

    :param score: the score before any adjustment.
    :return: a list of :class:`~inovasi_rules.PluginAdjustment`, or ``None``.
    """


@hookspec(firstresult=True)
def inovasi_rules_select(
    ruleset: Ruleset, stage: Stage, ranked: Sequence[Entry]
) -> Iterable[str] | None:
    """Decide who advances from a scored stage, replacing the ruleset's ``advance``.

    Called once per scored stage with the entries in rank order. Stops at first
    non-None result.

    :param ranked: :class:`~inovasi_rules.selection.Entry` objects, best first.
    :return: the ids of the submissions that advance, or ``None`` to keep the
        ruleset's own selection.
    """


# --------------------------------------------------------------------------- results


@hookspec
def inovasi_rules_awards(
    ruleset: Ruleset, edition: Edition, result: Result
) -> Sequence[PluginGrant] | None:
    """Grant awards, or attach amounts to awards already granted.

    Called once, after the ruleset's own awards. A grant for an award a submission
    already has updates it (for example with an incentive ``amount``); a grant for
    a new award id adds it.

    :param result: the result so far, with the ruleset's awards.
    :return: a list of :class:`~inovasi_rules.PluginGrant`, or ``None``.
    """


@hookspec
def inovasi_rules_result(ruleset: Ruleset, edition: Edition, result: Result) -> None:
    """Observe a finished result (to store it, or notify someone).

    Called once at the end of every evaluation. The return value is ignored.
    """
