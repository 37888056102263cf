"""A failed case as text, in either language."""

from __future__ import annotations

from ..messages import N_, Formatter, language
from ..result import Result, SubmissionResult
from ..result.explain import reason_mark
from ..ruleset.model import Label
from .model import CaseResult, Mismatch

_WORDS = {
    "expected": N_("expected"),
    "actual": N_("actual"),
    "engine": N_("what the engine decided"),
    "awards": N_("awards"),
    "none": N_("none"),
    "score": N_("score"),
    "rank": N_("rank"),
    "error": N_("the case could not run"),
}


_STATUS = {
    "advanced": N_("advanced"),
    "not_advanced": N_("not advanced"),
    "ineligible": N_("ineligible"),
    "dropped": N_("dropped"),
    "withdrawn": N_("withdrawn"),
}


def _w(key: str, lang: str) -> str:
    return Formatter(lang).t(_WORDS[key])


def _story(sr: SubmissionResult, result: Result, lang: str) -> list[str]:
    names = dict(result.stages)
    lines = []
    for o in sr.stages:
        status = Formatter(lang).t(_STATUS[o.status]) if o.status in _STATUS else o.status
        head = f"{o.stage} ({names.get(o.stage, Label(o.stage)).text(lang)}): {status}"
        if o.score is not None:
            head += f", {_w('score', lang)} {Formatter(lang).number(o.score)}"
        if o.rank is not None:
            head += f", {_w('rank', lang)} {o.rank}"
        lines.append(head)
        for r in o.reasons:
            if r.failed or r.kind in ("adjustment", "selection") or r.rule == "verdict":
                text = f"  {reason_mark(r)} {r.rule}: {r.message.text(lang)}"
                if r.detail is not None and not text.endswith(f"({r.detail.text(lang)})"):
                    text += f" — {r.detail.text(lang)}"
                lines.append(text)
    awards = ", ".join(f"{g.award}" + (f" (#{g.rank})" if g.rank is not None else "") for g in sr.awards)
    lines.append(f"{_w('awards', lang)}: {awards or _w('none', lang)}")
    return lines


def format_case_result(cr: CaseResult, lang: str = "id") -> str:
    """A failed case as text: each expectation not met (expected and actual), then
    what the engine decided for that submission, with its reasons in ``lang``. For an
    error, the located problems. Empty for a case that passed."""
    language(lang)
    if cr.problems:
        return "\n".join([f"{_w('error', lang)}:"] + [f"  {p.format()}" for p in cr.problems])
    if not cr.mismatches:
        return ""
    lines: list[str] = []
    by_sub: dict[str, list[Mismatch]] = {}
    for mm in cr.mismatches:
        by_sub.setdefault(mm.submission, []).append(mm)
    width = max(len(mm.what) for mm in cr.mismatches)
    exp, act = _w("expected", lang), _w("actual", lang)
    lw = max(len(exp), len(act)) + 1
    fmt = Formatter(lang)
    for sid, mms in by_sub.items():
        lines.append(f"{sid}:")
        for mm in mms:
            lines.append(f"  {mm.what:<{width}}  {exp + ':':<{lw}} {fmt.value(mm.expected)}")
            lines.append(f"  {'':<{width}}  {act + ':':<{lw}} {fmt.value(mm.actual)}")
        if cr.result is not None:
            lines.append(f"  {_w('engine', lang)}:")
            lines.extend(f"    {t}" for t in _story(cr.result.submission(sid), cr.result, lang))
    return "\n".join(lines)


