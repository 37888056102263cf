"""Comparing what a case expects with what the evaluation decided."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..result import Reason, SubmissionResult
from ..ruleset.model import Ruleset
from .model import Expectation, MessageCheck, Mismatch


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)


def _told(r: Reason) -> bool:
    """A reason a `message` expectation is matched against: an eligibility rule that
    turned the entry down (not one it met: those messages state the requirement), a
    bonus or penalty given (not one withheld), and every other decision (selection,
    ties, judges, field verification)."""
    if r.kind == "eligibility":
        return r.passed is not True
    if r.kind == "adjustment":
        return r.passed is True or bool(r.missing)
    return True


def screening_stages(ruleset: Ruleset) -> set[str]:
    return {s.id for s in ruleset.stages if s.kind == "screening"}


def _eligible(sr: SubmissionResult) -> bool:
    return bool(sr.stages) and not any(o.status in ("ineligible", "withdrawn") for o in sr.stages)


def _rejected_by(sr: SubmissionResult, screening: set[str]) -> list[str]:
    out: list[str] = []
    for o in sr.stages:
        if o.stage in screening:
            for r in o.reasons:
                if r.kind == "eligibility" and r.failed and r.rule not in out:
                    out.append(r.rule)
    return sorted(out)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _texts(sr: SubmissionResult, lang: str) -> list[str]:
    out = []
    for o in sr.stages:
        for r in o.reasons:
            if _told(r):
                text = r.message.text(lang)
                if r.detail is not None:
                    text += " — " + r.detail.text(lang)
                out.append(_norm(text))
    return out


def _found(check: MessageCheck, sr: SubmissionResult) -> bool:
    ids, ens = _texts(sr, "id"), _texts(sr, "en")
    if check.either is not None:
        want = _norm(check.either)
        return any(want in t for t in ids + ens)
    ok = True
    if check.id is not None:
        ok = any(_norm(check.id) in t for t in ids)
    if check.en is not None:
        ok = ok and any(_norm(check.en) in t for t in ens)
    return ok


def _last(sr: SubmissionResult, attr: str) -> Any:
    for o in reversed(sr.stages):
        v = getattr(o, attr)
        if v is not None:
            return v
    return None


def compare(e: Expectation, sr: SubmissionResult, ruleset: Ruleset) -> Iterator[Mismatch]:
    sid = sr.id

    def diff(what: str, expected: Any, actual: Any) -> Iterator[Mismatch]:
        if expected != actual:
            yield Mismatch(sid, what, _show(expected), _show(actual))

    if e.eligible is not None:
        yield from diff("eligible", e.eligible, _eligible(sr))
    if e.rejected_by is not None:
        yield from diff("rejected_by", sorted(e.rejected_by), _rejected_by(sr, screening_stages(ruleset)))
    for check in e.messages:
        if not _found(check, sr):
            shown = "; ".join(dict.fromkeys(
                r.message.both() for o in sr.stages for r in o.reasons if _told(r))) or "—"
            yield Mismatch(sid, "message", check.show(), shown)
    if e.reaches is not None:
        yield from diff("reaches", e.reaches, sr.reached)
    for stage_id in e.advances:
        if stage_id not in sr.passed:
            o = sr.stage(stage_id)
            yield Mismatch(sid, f"advances {stage_id}", "advanced",
                           o.status if o is not None else "not reached / tidak sampai")
    for what, expected, last, attr in (
        ("status", e.status, sr.status, "status"),
        ("rank", e.rank, _last(sr, "rank"), "rank"),
        ("score", e.score, _last(sr, "score"), "score"),
    ):
        if expected is None:
            continue
        if isinstance(expected, Mapping):
            for stage_id, want in expected.items():
                o = sr.stage(stage_id)
                yield from diff(f"{what} {stage_id}", want, getattr(o, attr) if o is not None else None)
        else:
            yield from diff(what, expected, last)
    if e.adjustments is not None:
        got = sorted({a.id for o in sr.stages for a in o.adjustments})
        yield from diff("adjustments", sorted(e.adjustments), got)
    if e.awards is not None:
        yield from diff("award", sorted(e.awards), sorted({g.award for g in sr.awards}))


