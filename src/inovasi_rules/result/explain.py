"""One submission's story, stage by stage, in words a participant understands."""

from __future__ import annotations

from decimal import Decimal

from ..model import Label
from .model import Reason, Result, StageOutcome

__all__ = ["explain"]

_STATUS = {
    "advanced": ("LOLOS", "PASSED"),
    "not_advanced": ("TIDAK LOLOS", "NOT ADVANCED"),
    "ineligible": ("TIDAK MEMENUHI SYARAT", "INELIGIBLE"),
    "dropped": ("GUGUR", "DROPPED"),
    "withdrawn": ("MENGUNDURKAN DIRI", "WITHDRAWN"),
}
_W = {
    "title": ("Pengajuan", "Submission"),
    "final": ("Hasil akhir", "Final outcome"),
    "score": ("nilai", "score"),
    "rank": ("peringkat", "rank"),
    "judges": ("Nilai juri", "Judges' scores"),
    "excluded": ("tidak dihitung", "not counted"),
    "criteria": ("Nilai per kriteria", "Score per criterion"),
    "awards": ("Penghargaan", "Awards"),
    "none": ("tidak ada", "none"),
    "plugin": ("oleh plugin", "by plugin"),
    "reached": ("terakhir di tahap", "last stage reached"),
    "normalised": ("dinormalisasi", "normalised"),
}


def _w(key: str, lang: str) -> str:
    i, e = _W[key]
    return i if lang == "id" else e


def _t(label: Label | None, lang: str) -> str:
    return "" if label is None else label.text(lang)


def _amount(value: Decimal, lang: str) -> str:
    """An amount a plugin attached to an award: ``1.500.000`` (id), ``1,500,000`` (en)."""
    text = f"{value:,}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def _mark(r: Reason) -> str:
    return {True: "✓", False: "✗", None: "•"}[r.passed]


def _reason(r: Reason, lang: str) -> str:
    if r.kind == "eligibility" and r.passed is True and r.detail is not None:
        # an eligibility message is written for the participant who fails the rule;
        # for one who meets it, the values seen say more
        text = f"{_mark(r)} {r.rule}: {_t(r.detail, lang)}"
    else:
        text = f"{_mark(r)} {r.rule}: {_t(r.message, lang)}"
        if r.detail is not None:
            text += f" — {_t(r.detail, lang)}"
    if r.plugin:
        text += f" [{_w('plugin', lang)} {r.plugin}]"
    return text


def _stage(o: StageOutcome, name: Label, number: int, lang: str) -> list[str]:
    status = _STATUS.get(o.status, (o.status, o.status))[0 if lang == "id" else 1]
    head = f"{number}. {name.text(lang)} ({o.stage}): {status}"
    if o.score is not None:
        head += f" — {_w('score', lang)} {o.score}"
    if o.rank is not None:
        head += f", {_w('rank', lang)} {o.rank}"
    lines = [head]
    if o.judges:
        parts = []
        for j in o.judges:
            if j.total is None:
                parts.append(f"{j.judge}: {_w('excluded', lang)} ({_t(j.excluded, lang)})")
            elif j.used is not None and j.used != j.total:
                parts.append(f"{j.judge}: {j.total} → {j.used} ({_w('normalised', lang)})")
            else:
                parts.append(f"{j.judge}: {j.total}")
        lines.append(f"   {_w('judges', lang)}: " + "; ".join(parts))
    if o.criteria:
        lines.append(
            f"   {_w('criteria', lang)}: " + ", ".join(f"{k} {v}" for k, v in o.criteria.items())
        )
    for r in o.reasons:
        lines.append(f"   {_reason(r, lang)}")
    return lines


def explain(result: Result, submission_id: str, lang: str = "id") -> str:
    """The whole story of one submission, in Bahasa Indonesia (``lang="id"``) or
    English (``"en"``): every stage it reached, its scores and every reason.

    :raises KeyError: when the result has no such submission.
    """
    s = result.submission(submission_id)
    names = dict(result.stages)
    title = f" — {s.title}" if s.title else ""
    out = [f"{_w('title', lang)} {s.id}{title}"]
    final = _STATUS.get(s.status, (s.status, s.status))[0 if lang == "id" else 1]
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
        out.extend(_stage(o, names.get(o.stage, Label(o.stage)), i, lang))
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
