"""Verification: a recorded verdict confirms or drops each entry; what happens without
one is the stage's ``missing_verdict`` (``confirm``, ``drop`` or ``flag``: kept, with a
finding).

.. code-block:: yaml

    stages:
      - {id: lapangan, kind: verification, missing_verdict: drop}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import Problem
from ..model import Label
from ..result import Reason
from .decisions import Decision, StageDecisions

if TYPE_CHECKING:
    from .context import Context

__all__ = ["verify"]


def verify(ctx: Context, stage: m.Stage, alive: Sequence[str]) -> StageDecisions:
    """The verification stage ``stage`` for the entrants ``alive``."""
    verdicts = {(v.submission, v.stage): v for v in ctx.edition.verdicts}
    out = StageDecisions(stage.id, {}, [])
    alive_set = set(alive)
    for (sid, st_id), _recorded in sorted(verdicts.items()):
        if st_id == stage.id and sid not in alive_set:
            out.findings.append(Problem(
                f"verdict for {sid} at {stage.id}, which it did not reach; ignored / putusan diabaikan",
                ctx.file("verdicts"), path=sid, rule="verdict-unreached", level="warning"))
    for sid in alive:
        d = out.decisions[sid] = Decision(stage.id)
        v = verdicts.get((sid, stage.id))
        note = f" ({v.note})" if v is not None and v.note else ""
        if v is not None and v.verdict == "confirmed":
            d.reasons.append(Reason("verdict", "verification", True,
                                    Label(f"terverifikasi di lapangan{note}", f"confirmed in the field{note}")))
        elif v is not None:
            d.status = "dropped"
            d.reasons.append(Reason("verdict", "verification", False,
                                    Label(f"tidak terverifikasi di lapangan{note}",
                                          f"not confirmed in the field{note}")))
        elif stage.missing_verdict == "drop":
            d.status = "dropped"
            d.reasons.append(Reason("verdict", "verification", False,
                                    Label("tidak ada hasil verifikasi: gugur", "no verdict recorded: dropped")))
        else:
            kind = "verification" if stage.missing_verdict == "confirm" else "finding"
            d.reasons.append(Reason("verdict", kind, True if kind == "verification" else None,
                                    Label("tidak ada hasil verifikasi: dianggap terverifikasi",
                                          "no verdict recorded: treated as confirmed")))
        if d.status == "advanced":
            out.passed.append(sid)
    return out
