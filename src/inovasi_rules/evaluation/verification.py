"""Verification: a recorded verdict confirms or drops each entry; what happens without
one is the stage's ``missing_verdict`` (``confirm``, ``drop`` or ``flag``: kept, with a
finding).

.. code-block:: yaml

    stages:
      - {id: lapangan, kind: verification, missing_verdict: drop}
      - {id: observasi, kind: verification, confirm: {top: 45, freed: fill}}

With ``confirm`` the visits choose the top tier (:class:`~inovasi_rules.ruleset.model.Confirm`):
the entrants are taken in the order of the last scored stage's ranking, and the first
``top`` of them are visited. With ``freed: fill`` each seat freed by a failed visit
goes to the next ranked entry, which is visited in turn, until ``top`` are confirmed
or the ranking runs out: the number confirmed is the smaller of ``top`` and the number
of ranked entries that would pass their visit. With ``freed: keep_empty`` the seat
stays empty. An entry the visits never reach does not pass (``not_advanced``), and its
explanation says where it stood.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..edition import Verdict
from ..errors import Problem
from ..result import Reason
from ..ruleset import model as m
from ..ruleset.model import Label, LazyLabel
from .decisions import Decision, Decisions, Legend, StageDecisions
from .scoring import integer

if TYPE_CHECKING:
    from .context import Context

__all__ = ["verify"]


def verify(
    ctx: Context, stage: m.Stage, alive: Sequence[str], earlier: Mapping[str, StageDecisions] | None = None
) -> StageDecisions:
    """The verification stage ``stage`` for the entrants ``alive``.

    :param earlier: the stages decided so far; with ``confirm``, the last scored one's
        ranking orders the visits.
    """
    verdicts = {(v.submission, v.stage): v for v in ctx.edition.verdicts}
    alive_set = set(alive)
    findings: list[Problem] = []
    for (sid, st_id), _recorded in sorted(verdicts.items()):
        if st_id == stage.id and sid not in alive_set:
            findings.append(Problem(
                f"verdict for {sid} at {stage.id}, which it did not reach; ignored / putusan diabaikan",
                ctx.file("verdicts"), path=sid, rule="verdict-unreached", level="warning"))
    legend = Legend()
    # each reason a kind of the stage's legend, an entry keeping only its own values
    visit = legend.kind(_visit_reason)
    if stage.confirm is None:
        out = StageDecisions(stage.id, Decisions(stage.id, alive, legend=legend), [], findings=findings)
        for k, sid in enumerate(alive):
            if _visit(stage, Decision(out.decisions, k), verdicts.get((sid, stage.id)), visit):
                out.passed.append(sid)
        return out
    ranked, ranked_at = _ranking(alive, earlier or {})
    out = StageDecisions(stage.id, Decisions(stage.id, ranked, legend=legend), [], findings=findings)
    outside, unused, moved_up, inside = (
        legend.kind(_confirm_reason, rule, kind, text) for rule, kind, text in (
            ("confirm", "selection", _outside_text), ("verdict", "verification", _unused_text),
            ("confirm", "selection", _moved_up_text), ("confirm", "selection", _inside_text)))
    seats = integer(stage.confirm.top, ctx.params)
    fill = stage.confirm.freed == "fill"
    freed: list[str] = []  # entries whose failed visit freed a seat, not yet taken again
    confirmed = 0
    for place, sid in enumerate(ranked, 1):
        d = Decision(out.decisions, place - 1)
        reached = confirmed < seats if fill else place <= seats
        if not reached:
            d.status = "not_advanced"
            kept_empty = not fill and place == seats + 1 and freed
            d.add((outside, False, place, ranked_at, seats, tuple(freed) if kept_empty else ()))
            v = verdicts.get((sid, stage.id))
            if v is not None:  # visited all the same: said, not silently dropped
                d.add((unused, None, v.verdict == "confirmed"))
            continue
        passed = _visit(stage, d, verdicts.get((sid, stage.id)), visit)
        # after the verdict, so that the seat is what a comparison of two runs names
        d.add((moved_up, None, place, ranked_at, freed.pop(0)) if place > seats
              else (inside, None, place, ranked_at, seats))
        if passed:
            confirmed += 1
            out.passed.append(sid)
        else:
            freed.append(sid)
    out.passed.sort()
    return out


def _confirm_reason(passed: bool | None, rule: str, kind: str, text: Callable[..., tuple[str, str]],
                    *args: Any) -> Reason:
    """An entry's place in the order of the visits, as a reason (its text written when read)."""
    return Reason(rule, kind, passed, LazyLabel(text, *args))


def _ranking(alive: Sequence[str], earlier: Mapping[str, StageDecisions]) -> tuple[list[str], str | None]:
    """The entrants in the order of the last scored stage's ranking (any it did not
    rank after them, in id order), and that stage's id."""
    for stage_id in reversed(list(earlier)):
        order = earlier[stage_id].order
        if order is not None:
            here = set(alive)
            ranked = [e[0] for e in order if e[0] in here]
            seen = set(ranked)
            return ranked + sorted(sid for sid in alive if sid not in seen), stage_id
    return sorted(alive), None


def _visit(stage: m.Stage, d: Decision, v: Verdict | None, kind: int) -> bool:
    """Record one entry's verdict (or what ``missing_verdict`` says), as a reason of the
    legend's ``kind``; whether it passed."""
    note = v.note if v is not None and v.note else ""
    if v is not None and v.verdict == "confirmed":
        d.add((kind, True, "confirmed", note))
    elif v is not None:
        d.status = "dropped"
        d.add((kind, False, "not_confirmed", note))
    elif stage.missing_verdict == "drop":
        d.status = "dropped"
        d.add((kind, False, "missing", ""))
    elif stage.missing_verdict == "confirm":
        d.add((kind, True, "missing", ""))
    else:
        d.add((kind, None, "missing", ""))
    return d.status == "advanced"


def _visit_reason(passed: bool | None, verdict: str, note: str) -> Reason:
    """An entry's verdict (``confirmed``, ``not_confirmed``, or ``missing`` and what
    ``missing_verdict`` made of it), as a reason."""
    shown = f" ({note})" if note else ""
    if verdict == "confirmed":
        return Reason("verdict", "verification", True,
                      Label(f"terverifikasi di lapangan{shown}", f"confirmed in the field{shown}"))
    if verdict == "not_confirmed":
        return Reason("verdict", "verification", False,
                      Label(f"tidak terverifikasi di lapangan{shown}", f"not confirmed in the field{shown}"))
    if passed is False:
        return Reason("verdict", "verification", False,
                      Label("tidak ada hasil verifikasi: gugur", "no verdict recorded: dropped"))
    return Reason("verdict", "verification" if passed else "finding", passed,
                  Label("tidak ada hasil verifikasi: dianggap terverifikasi",
                        "no verdict recorded: treated as confirmed"))


def _at(ranked_at: str | None) -> tuple[str, str]:
    return (f" di tahap {ranked_at}", f" at stage {ranked_at}") if ranked_at else ("", "")


def _inside_text(place: int, ranked_at: str | None, seats: int) -> tuple[str, str]:
    """Why an entry was visited: it stands within the seats."""
    at_id, at_en = _at(ranked_at)
    return (f"peringkat {place}{at_id}, dalam {seats} kursi verifikasi lapangan",
            f"rank {place}{at_en}, within the {seats} field-verification seat{'s' if seats != 1 else ''}")


def _moved_up_text(place: int, ranked_at: str | None, freed_by: str) -> tuple[str, str]:
    """Why an entry beyond the seats was visited: it takes a freed seat."""
    at_id, at_en = _at(ranked_at)
    return (f"peringkat {place}{at_id}: naik mengisi kursi yang kosong karena {freed_by} "
            "tidak lolos verifikasi lapangan",
            f"rank {place}{at_en}: filled the seat freed by {freed_by}, "
            "who did not pass the field verification")


def _unused_text(confirmed: bool) -> tuple[str, str]:
    """A verdict recorded for an entry the visits did not need to reach."""
    said_id, said_en = ("terverifikasi", "confirmed") if confirmed else ("tidak terverifikasi", "not confirmed")
    return (f"hasil kunjungan tercatat ({said_id}) tidak dipakai: kursi sudah ditentukan sebelum gilirannya",
            f"the recorded visit ({said_en}) was not used: the seats were decided before its turn")


def _outside_text(place: int, ranked_at: str | None, seats: int, empty: tuple[str, ...]) -> tuple[str, str]:
    """Why the visits never reached an entry (and, for the first one after the seats
    under ``keep_empty``, which freed seats stay empty)."""
    at_id, at_en = _at(ranked_at)
    kursi = f"seat{'s' if seats != 1 else ''}"
    text_id = f"peringkat {place}{at_id}, di luar {seats} kursi verifikasi lapangan"
    text_en = f"rank {place}{at_en}, outside the {seats} field-verification {kursi}"
    if empty:
        names = ", ".join(empty)
        text_id += f"; kursi yang kosong karena {names} tidak lolos verifikasi lapangan tidak diisi"
        text_en += f"; the seat{'s' if len(empty) != 1 else ''} freed by {names} {'stay' if len(empty) != 1 else 'stays'} empty"
    return text_id, text_en
