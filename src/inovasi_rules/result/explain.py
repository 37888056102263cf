"""One submission's story, stage by stage, in words a participant understands."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from ..messages import N_, Formatter, language
from ..ruleset.model import Label
from .model import Reason, Result, StageOutcome

if TYPE_CHECKING:
    from ..ruleset.model import Ruleset

__all__ = ["explain", "rule_name", "rule_names"]

#: The engine's own steps, which no ruleset names: what a reader calls them.
_STEPS = {
    "aggregate": N_("judges' aggregate"),
    "combine": N_("combining the stages"),
    "adjustment_cap": N_("cap on adjustments"),
    "advance": N_("advancing"),
    "advance.group": N_("group for advancing"),
    "tie_break": N_("tie-break"),
    "judges.min": N_("number of judges"),
    "judges.max_spread": N_("judges' disagreement"),
    "rubric.total": N_("judge's total"),
    "verdict": N_("field verification"),
    "confirm": N_("field-visit seats"),
    "rounding": N_("rounding"),
    "withdrawn": N_("withdrawal"),
}

_STATUS = {
    "advanced": N_("PASSED"),
    "not_advanced": N_("NOT ADVANCED"),
    "ineligible": N_("INELIGIBLE"),
    "dropped": N_("DROPPED"),
    "withdrawn": N_("WITHDRAWN"),
}
_W = {
    "title": N_("Submission"),
    "final": N_("Final outcome"),
    "score": N_("score"),
    "rank": N_("rank"),
    "judges": N_("Judges' scores"),
    "excluded": N_("not counted"),
    "criteria": N_("Score per criterion"),
    "awards": N_("Awards"),
    "none": N_("none"),
    "plugin": N_("by plugin"),
    "reached": N_("last stage reached"),
    "normalised": N_("normalised"),
}


def _w(key: str, lang: str) -> str:
    return Formatter(lang).t(_W[key])


def _status(status: str, lang: str) -> str:
    return Formatter(lang).t(_STATUS[status]) if status in _STATUS else status


def _n(value: Decimal, lang: str) -> str:
    return Formatter(lang).number(value)


def _t(label: Label | None, lang: str) -> str:
    return "" if label is None else label.text(lang)


def _amount(value: Decimal, lang: str) -> str:
    """An amount a plugin attached to an award: ``1.500.000`` (id), ``1,500,000`` (en)."""
    return Formatter(lang).number(value)


def rule_names(ruleset: Ruleset | None) -> dict[str, Label]:
    """Rule id -> its name in ``ruleset``: eligibility rules (and their caps), stages,
    adjustments and awards. A rule without a name is left out; an adjustment without
    one is named by its message."""
    if ruleset is None:
        return {}
    names: dict[str, Label] = {}
    for st in ruleset.stages:
        if st.name is not None:
            names[st.id] = st.name
        for adj in st.adjustments:
            name = getattr(adj, "name", None) or adj.message
            if name is not None:
                names.setdefault(adj.id, name)
    for rule in ruleset.eligibility:
        if rule.name is not None:
            names[rule.id] = rule.name
    for award in ruleset.awards:
        if award.name is not None:
            names[award.id] = award.name
    return names


def rule_name(rule: str, lang: str, names: Mapping[str, Label] | None = None) -> str:
    """What a reader calls the rule ``rule`` in ``lang``: its name in the ruleset
    (``names``, from :func:`rule_names`), the engine's word for one of its own steps
    (``advance`` -> "kelolosan" / "advancing"), or else its id."""
    language(lang)
    if names and rule in names:
        return names[rule].text(lang)
    if rule in _STEPS:
        return Formatter(lang).t(_STEPS[rule])
    return rule


def reason_mark(r: Reason) -> str:
    """``✓`` for a check met, ``✗`` for one failed, ``•`` for a note. An eligibility
    check that lacked its data (``passed`` is ``None``, ``missing`` set) turned the
    entry down: it is a failure too (its message says which data is missing)."""
    if r.passed is None and r.kind == "eligibility" and r.missing:
        return "✗"
    return {True: "✓", False: "✗", None: "•"}[r.passed]


def _with_detail(message: str, detail: Label | None, lang: str) -> str:
    """``message — detail``; the detail left out when the message already says it
    (a check that lacked data: "… (data tidak ada: x)")."""
    said = _t(detail, lang)
    return message if not said or message.endswith(f"({said})") else f"{message} — {said}"


def _reason(r: Reason, lang: str, names: Mapping[str, Label]) -> str:
    name = rule_name(r.rule, lang, names)
    if r.kind == "eligibility" and r.passed is True and r.detail is not None:
        # an eligibility message is written for the participant who fails the rule;
        # for one who meets it, the values seen say more
        text = f"{reason_mark(r)} {name}: {_t(r.detail, lang)}"
    else:
        message = _t(r.message, lang)
        # (an adjustment is named by its message: said once)
        text = f"{reason_mark(r)} {message}" if message.startswith(name) else f"{reason_mark(r)} {name}: {message}"
        text = _with_detail(text, r.detail, lang)
    if r.plugin:
        text += f" [{_w('plugin', lang)} {r.plugin}]"
    return text


def _stage(
    o: StageOutcome, name: Label, number: int, lang: str, names: Mapping[str, Label]
) -> list[str]:
    status = _status(o.status, lang)
    head = f"{number}. {name.text(lang)} ({o.stage}): {status}"
    if o.score is not None:
        head += f" — {_w('score', lang)} {_n(o.score, lang)}"
    if o.rank is not None:
        head += f", {_w('rank', lang)} {o.rank}"
    lines = [head]
    if o.judges:
        parts = []
        for j in o.judges:
            if j.total is None:
                parts.append(f"{j.judge}: {_w('excluded', lang)} ({_t(j.excluded, lang)})")
            elif j.used is not None and j.used != j.total:
                parts.append(
                    f"{j.judge}: {_n(j.total, lang)} → {_n(j.used, lang)} ({_w('normalised', lang)})"
                )
            else:
                parts.append(f"{j.judge}: {_n(j.total, lang)}")
        lines.append(f"   {_w('judges', lang)}: " + "; ".join(parts))
    if o.criteria:
        lines.append(
            f"   {_w('criteria', lang)}: " + ", ".join(f"{k} {_n(v, lang)}" for k, v in o.criteria.items())
        )
    for r in o.reasons:
        lines.append(f"   {_reason(r, lang, names)}")
    return lines


def explain(
    result: Result, submission_id: str, lang: str = "id", *, ruleset: Ruleset | None = None
) -> str:
    """The whole story of one submission, in Bahasa Indonesia (``lang="id"``) or
    English (``"en"``): every stage it reached, its scores and every reason.

    Each reason is headed by its rule's name in ``lang``: the name the ``ruleset`` that
    made the result gives it, or the engine's word for its own steps ("kelolosan" /
    "advancing"). Pass ``ruleset=`` to get the names the command ``inovasi-rules
    explain`` shows ("Innovation status"); without it, a rule of the ruleset is shown
    by its id ("innovation-status").

    :raises KeyError: when the result has no such submission.
    """
    language(lang)
    rules = rule_names(ruleset)
    s = result.submission(submission_id)
    names = dict(result.stages)
    title = f" — {s.title}" if s.title else ""
    out = [f"{_w('title', lang)} {s.id}{title}"]
    final = _status(s.status, lang)
    awards = ", ".join(
        f"{g.name.text(lang)}" + (f" ({_w('rank', lang)} {g.rank})" if g.rank else "")
        + (f", {_amount(g.amount, lang)}" if g.amount is not None else "")
        for g in s.awards
    )
    reached = names.get(s.reached or "", Label(s.reached or "-")).text(lang)
    out.append(f"{_w('final', lang)}: {final}, {_w('reached', lang)}: {reached}"
               + (f"; {awards}" if awards else ""))
    out.append("")
    for i, o in enumerate(s.stages, 1):
        out.extend(_stage(o, names.get(o.stage, Label(o.stage)), i, lang, rules))
    out.append("")
    out.append(f"{_w('awards', lang)}:")
    if not s.awards:
        out.append(f"   {_w('none', lang)}")
    for g in s.awards:
        line = f"   ★ {g.name.text(lang)} ({g.award})"
        if g.rank is not None:
            line += f", {_w('rank', lang)} {g.rank}" + (f" ({g.group})" if g.group else "")
        if g.amount is not None:
            line += f": {_amount(g.amount, lang)}"
        if g.note is not None:
            line += f" — {g.note.text(lang)}"
        if g.plugin:
            line += f" [{_w('plugin', lang)} {g.plugin}]"
        out.append(line)
    return "\n".join(out) + "\n"
