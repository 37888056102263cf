"""Screening: every eligibility rule (or the stage's ``rules``) is checked per
submission, then the edition-level caps (:mod:`.caps`), then plugins' findings.

Missing data needed by a rule is a failure whose reason names the field: it never
counts as zero or false.

.. code-block:: yaml

    eligibility:
      - id: status
        when: {field: innovation.status, in: [rintisan, berjalan, selesai]}
        message: {id: "Inovasi harus berupa rintisan, berjalan atau selesai", en: "..."}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..plugins import PluginFinding, call_each
from ..result import Reason
from ..ruleset import model as m
from ..ruleset.conditions import Outcome
from ..ruleset.model import Label
from .caps import apply_cap
from .context import param_names
from .decisions import (
    Decision,
    Decisions,
    Later,
    Legend,
    StageDecisions,
    has_placeholders,
    missing_label,
    passed_of,
    placeholders,
    record_check,
)

if TYPE_CHECKING:
    from .context import Context

__all__ = ["screen", "screening_reads"]


def screen(ctx: Context, stage: m.Stage, alive: Sequence[str]) -> StageDecisions:
    """The screening stage ``stage`` for the entrants ``alive``."""
    rules = [e for e in ctx.ruleset.eligibility if stage.rules is None or e.id in stage.rules]
    per_sub = [e for e in rules if e.when is not None]
    caps = [e for e in rules if e.cap is not None]
    passing: list[str] = []
    eligibility_hooked = "inovasi_rules_eligibility" in ctx.hooked
    # (rule, its condition, its scope, its message when that has no placeholders)
    checks = [
        (rule, ctx.conditions.when[rule.id], ctx.conditions.where.get(rule.id),
         rule.message if not has_placeholders(rule.message) else None)
        for rule in per_sub
    ]
    records, stage_id, legend = ctx.records, stage.id, Legend()
    decisions = Decisions(stage_id, alive, legend=legend)
    column, status = decisions.reasons, decisions.status
    # id(outcome) -> (outcome, its reason written when read); holding the outcome keeps
    # its id unique
    passed_reasons: dict[int, tuple[Outcome, Later]] = {}
    for k, sid in enumerate(alive):
        rec = records[sid]
        ok = True
        for rule, when, where, message in checks:
            if where is not None and not _applies(rule, where(rec), Decision(decisions, k)):
                if column[k] and passed_of(column[k][-1]) is None:
                    ok = False
                continue
            assert when is not None
            o = when(rec)
            if o.value is True and message is not None:  # the common case, made short
                # entries that share an outcome (the conditions remember them) share
                # one reason too: a kind of the legend, and a tuple of two numbers the
                # collector stops tracking
                shared = passed_reasons.get(id(o))
                if shared is None or shared[0] is not o:
                    reason = Reason(rule.id, "eligibility", True, message, o.text)
                    if len(passed_reasons) >= 10_000:
                        column[k] += (reason,)
                        continue
                    shared = passed_reasons[id(o)] = (o, (legend.shared(reason), True))
                column[k] += (shared[1],)
            else:
                ok = record_check(rule, o, rec, Decision(decisions, k), ctx.params) and ok
        for name, findings in () if not eligibility_hooked else call_each(
            ctx.pm, "inovasi_rules_eligibility",
            check=lambda v: isinstance(v, (list, tuple)) and all(isinstance(x, PluginFinding) for x in v),
            expected="a list of PluginFinding",
            ruleset=ctx.ruleset, stage=stage, submission=rec, edition=ctx.edition,
        ):
            for fd in findings:
                column[k] += (Reason(fd.rule, "eligibility", fd.passed, fd.message, fd.detail, plugin=name),)
                ok = ok and fd.passed
        if ok:
            passing.append(sid)
        else:
            status[k] = "ineligible"
    for rule in caps:
        passing = apply_cap(ctx, rule, passing, decisions, legend)
    return StageDecisions(stage_id, decisions, passing)


def screening_reads(ruleset: m.Ruleset, stage: m.Stage) -> frozenset[str]:
    """The parameters a screening stage reads: in its rules' conditions and caps, and
    in the placeholders of their messages."""
    rules = [e for e in ruleset.eligibility if stage.rules is None or e.id in stage.rules]
    named = param_names(rules)
    for rule in rules:
        named |= placeholders(rule.message)
    return frozenset(named & set(ruleset.parameters))


def _applies(rule: m.Eligibility, o: Outcome, d: Decision) -> bool:
    """Whether a rule with a ``where`` applies to the entry (missing data: it does not,
    and the reason says why)."""
    if o.value is None:
        miss = missing_label(o.missing)
        d.add(Reason(rule.id, "eligibility", None,
                      Label(f"{rule.message.id} ({miss.id})",
                            f"{rule.message.en or rule.message.id} ({miss.en})"),
                      o.text, missing=o.missing))
        return False
    return bool(o.value)
