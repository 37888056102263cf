"""Objections as data, and the records of what they changed."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Final, Literal

import attrs

from ..ruleset.model import Label

__all__ = ["DECISIONS", "KINDS", "Change", "DataChange", "Objection"]

#: What an objection may ask for, and the columns each kind needs besides the common ones.
KINDS: Final = {
    "score": ("judge", "criterion", "value"),
    "withdrawal": (),
    "eligibility": ("field", "value"),
    "conflict": ("judge",),
}

#: Decision words accepted in a file (lower case), and what each means.
DECISIONS: Final = {
    "upheld": "upheld",
    "diterima": "upheld",
    "dikabulkan": "upheld",
    "rejected": "rejected",
    "ditolak": "rejected",
    "pending": "pending",
    "diproses": "pending",
    "menunggu": "pending",
    "": "pending",
}


@attrs.frozen
class Objection:
    """One objection (sanggahan) filed during an objection period, and its decision.

    :ivar id: the objection's id, unique in its file.
    :ivar objector: who objected (a person, an agency, or "panitia" for the organiser's
        own correction).
    :ivar submission: the entry objected to.
    :ivar stage: the stage whose announced list is objected to.
    :ivar kind: ``score`` (a score was wrong: ``judge``, ``criterion`` and the
        corrected ``value``), ``withdrawal`` (the entry is withdrawn), ``eligibility``
        (a field the eligibility finding rests on was wrong: ``field`` and its
        corrected ``value``; the finding is reversed when the rules say so) or
        ``conflict`` (``judge`` had a conflict of interest with the entry: that judge's
        scores of it at ``stage`` are removed).
    :ivar claim: what the objector claims, in their words.
    :ivar decision: ``upheld``, ``rejected`` or ``pending``; only upheld objections
        change anything.
    :ivar reason: why it was decided so.
    :ivar decided_by: who decided.
    :ivar decided_at: when.
    :ivar filed_at: when it was filed (checked against the objection period when the
        announcement date is known).
    :ivar row: where it was read from (not part of its value).
    """

    id: str
    objector: str
    submission: str
    stage: str
    kind: Literal["score", "withdrawal", "eligibility", "conflict"]
    claim: str
    decision: Literal["upheld", "rejected", "pending"] = "pending"
    reason: str | None = None
    decided_by: str | None = None
    decided_at: datetime.date | None = None
    filed_at: datetime.date | None = None
    judge: str | None = None
    criterion: str | None = None
    field: str | None = None
    value: str | None = None
    file: str | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    row: int | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    @property
    def upheld(self) -> bool:
        """True when the objection was upheld (and so changes the result)."""
        return self.decision == "upheld"


@attrs.frozen
class DataChange:
    """One input value changed by an upheld objection (the data-change log).

    :ivar table: ``scores`` or ``submissions``.
    :ivar what: the column or field changed (``score``, ``withdrawn``,
        ``innovation.started`` ...).
    :ivar before: the value before, as text (``None`` when there was none).
    :ivar after: the value after, as text (``None`` when it was removed).
    """

    objection: str
    table: Literal["scores", "submissions"]
    submission: str
    what: str
    before: str | None
    after: str | None
    stage: str | None = None
    judge: str | None = None
    criterion: str | None = None


@attrs.frozen
class Change:
    """One difference between the provisional and the final result, and why.

    :ivar stage: the stage (``None`` for an award).
    :ivar award: the award (``None`` for a stage).
    :ivar what: ``status``, ``score``, ``rank``, ``award`` or ``extra_seat``.
    :ivar before: the provisional value, as text (``None`` when there was none).
    :ivar after: the final value, as text (``None`` when there is none).
    :ivar objections: the upheld objections that caused it.
    :ivar direct: ``True`` when an objection was about this entry; ``False`` when the
        change follows from objections about others (re-ranking).
    :ivar explanation: the change in words.
    """

    submission: str
    what: str
    before: str | None
    after: str | None
    objections: tuple[str, ...]
    direct: bool
    explanation: Label
    stage: str | None = None
    award: str | None = None

    @property
    def amount(self) -> Decimal | None:
        """For a score, the difference final minus provisional."""
        if self.what != "score" or self.before is None or self.after is None:
            return None
        return Decimal(self.after) - Decimal(self.before)
