"""What a step decides: one :class:`Decision` per entry at a stage, and the
:class:`StageDecisions` a step hands on (the decisions, who goes on, and what later
steps may read: the scores, the criterion breakdown, the ranking, the findings).

Texts are written from the ruleset's messages here: a message with ``{field}`` or
``{parameter}`` placeholders is filled in from the entry's record.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from .. import model as m
from ..conditions import Outcome
from ..edition import MISSING
from ..errors import Problem
from ..frozen import EMPTY
from ..messages import said
from ..model import Label
from ..result import AdjustmentApplied, JudgeScore, Reason
from .views import CriteriaTable, JudgeScores

if TYPE_CHECKING:
    from .context import Entrant
    from .ranking import Entry
    from .scoring import StageRows

__all__ = [
    "Decision", "Later", "Legend", "StageDecisions", "fill", "filled", "has_placeholders", "missing_label", "passed_of",
    "placeholders", "record_check", "shown", "signed", "spoken",
]

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")


#: A reason written when read: ``(kind, passed, *values)``, where ``kind`` numbers an
#: entry of its stage's :class:`Legend` (the maker, and the values every reason of that
#: kind shares) and the :class:`~inovasi_rules.Reason` is ``make(passed, *shared,
#: *values)``. Its ``passed`` is the tuple's second item and it never lacks data, so a
#: table of failed checks reads it without making it. A step that gives every entry a
#: reason of its own (its score, its rank) keeps one small tuple of that entry's texts
#: and numbers instead of a Reason: most are never read, and the collector stops
#: tracking such a tuple instead of walking it at every full collection.
Later = tuple[Any, ...]


class Legend:
    """What the reasons one stage writes when read share, by kind: the maker and the
    values every reason of the kind shares. Kinds are added while the stage is decided;
    an evaluation that takes a stage further takes a :meth:`copy`."""

    __slots__ = ("kinds",)

    def __init__(self, kinds: Sequence[tuple[Callable[..., Reason], tuple[Any, ...]]] = ()) -> None:
        self.kinds = list(kinds)

    def kind(self, make: Callable[..., Reason], *shared: Any) -> int:
        """The number of a new kind of reason: ``make(passed, *shared, *values)``."""
        self.kinds.append((make, shared))
        return len(self.kinds) - 1

    def copy(self) -> Legend:
        """A legend with the same kinds, to add others to."""
        return Legend(self.kinds)

    def made(self, reason: Reason | Later) -> Reason:
        """The :class:`~inovasi_rules.Reason` of ``reason``."""
        return _make(self.kinds[reason[0]], reason) if isinstance(reason, tuple) else reason


def passed_of(reason: Reason | Later) -> bool | None:
    """The ``passed`` of ``reason`` (not making it)."""
    return reason[1] if isinstance(reason, tuple) else reason.passed


def _make(kind: tuple[Callable[..., Reason], tuple[Any, ...]], later: Later) -> Reason:
    make, shared = kind
    return make(later[1], *shared, *later[2:])


def _fails(reason: Reason | Later) -> bool:
    """Whether ``reason`` is a check that failed or lacked data (not making it)."""
    if isinstance(reason, tuple):
        return reason[1] is False
    return reason.failed


class Decision(list["Reason | Later"]):
    """One entry at one stage: status, score, rank, reasons. The result keeps it as the
    stage left it (nothing in it changes after the evaluation); :meth:`row` is the
    :class:`~inovasi_rules.StageOutcome`'s fields, made when read.

    A decision is the list of its reasons (:attr:`reasons` is the decision itself),
    with the rest as attributes: one object per entry and stage, where a decision
    holding a list was two, each one more for the garbage collector to walk."""

    __slots__ = (
        "_at", "_excluded", "_g0", "_g1", "_table", "_used", "adjustments", "base_score", "combined", "criteria",
        "judges", "legend", "rank", "score", "stage", "status",
    )

    def __init__(self, stage: str, status: str = "advanced", legend: Legend | None = None) -> None:
        # (a new list is empty: there is no list.__init__ to call)
        self.stage = stage
        self.status = status
        #: the stage's legend, for the reasons written when read (:data:`Later`)
        self.legend = legend
        self.score: Decimal | None = None
        self.base_score: Decimal | None = None
        self.rank: int | None = None
        # (empty until set: one shared read-only mapping, not a dict per entry and stage)
        self.criteria: Mapping[str, Decimal] = EMPTY
        self.judges: Sequence[JudgeScore] = ()
        self.combined: Mapping[str, Decimal] = EMPTY
        self.adjustments: tuple[AdjustmentApplied, ...] = ()  # (few entries have any)
        # The judges' scores and the criterion scores, as views of the stage's rows and
        # criteria table made when read: what they are made from (no object per entry).
        self._at: tuple[StageRows, int] | None = None
        self._g0 = self._g1 = 0
        self._excluded: Mapping[int, Label] = EMPTY
        self._used: Mapping[int, Decimal] | None = None
        self._table: CriteriaTable | None = None

    @property
    def reasons(self) -> list[Reason | Later]:
        """The reasons, in the order they were given: the decision itself."""
        return self

    # compared and hashed by identity, as a decision was before it was a list
    __hash__ = object.__hash__  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        return self is other

    def __ne__(self, other: object) -> bool:
        return self is not other

    def __repr__(self) -> str:
        return (f"Decision({self.stage!r}, {self.status!r}, score={self.score}, rank={self.rank}, "
                f"reasons={len(self)})")

    def judged(
        self, at: tuple[StageRows, int], g0: int, g1: int, excluded: Mapping[int, Label],
        used: Mapping[int, Decimal] | None,
    ) -> None:
        """Set :attr:`judges` to the view of groups ``g0:g1`` of the stage's rows ``at``
        (the rows and their decimal places), made when read."""
        self._at, self._g0, self._g1, self._excluded, self._used = at, g0, g1, excluded, used

    def in_table(self, table: CriteriaTable) -> None:
        """Set :attr:`criteria` to this entry's row of the stage's ``table``, made when read."""
        self._table = table

    def copy(self, legend: Legend | None = None) -> Decision:
        """A decision equal to this one, to be taken further without changing it (with
        ``legend``, a copy of this one's, to add reasons of other kinds to)."""
        d = Decision(self.stage, self.status, self.legend if legend is None else legend)
        d.score, d.base_score, d.rank = self.score, self.base_score, self.rank
        d.criteria, d.judges, d.combined = self.criteria, self.judges, self.combined
        d.adjustments = self.adjustments
        d.extend(self)
        d._at, d._g0, d._g1, d._excluded, d._used = self._at, self._g0, self._g1, self._excluded, self._used
        d._table = self._table
        return d

    def made(self, reason: Reason | Later) -> Reason:
        """The :class:`~inovasi_rules.Reason` of one of :attr:`reasons`."""
        if self.legend is None:
            assert isinstance(reason, Reason)
            return reason
        return self.legend.made(reason)

    def row(self, sid: str, failing: bool = False) -> tuple[Any, ...]:
        """The fields of the :class:`~inovasi_rules.StageOutcome` of submission ``sid``,
        in its order (the reasons written; with ``failing``, only those of the checks
        that failed or lacked data)."""
        at, table = self._at, self._table
        judges = self.judges if at is None else JudgeScores(
            at[0], self._g0, self._g1, at[1], self._excluded, self._used)
        criteria = self.criteria if table is None else table[sid]
        kept = [r for r in self.reasons if _fails(r)] if failing else self.reasons
        if self.legend is None:
            reasons: tuple[Reason, ...] = tuple(kept)  # type: ignore[arg-type]
        else:
            kinds = self.legend.kinds
            reasons = tuple([_make(kinds[r[0]], r) if isinstance(r, tuple) else r for r in kept])
        return (self.stage, self.status, self.score, self.base_score, self.rank, criteria, judges,
                self.combined, self.adjustments, reasons)


@attrs.define
class StageDecisions:
    """What one stage decided, for the steps after it.

    :ivar decisions: entry id -> its decision, for every entry that entered the stage.
    :ivar passed: the entries that go on, in id order.
    :ivar scores: entry id -> final score (scored stages).
    :ivar criteria: entry id -> score per criterion (scored stages).
    :ivar order: the ranking, best first (scored stages).
    :ivar findings: warnings about the data found at this stage.
    :ivar unchecked: (stage, missing field) -> the judges or entries whose conflicts
        of interest could not be checked.
    """

    stage: str
    decisions: dict[str, Decision]
    passed: list[str]
    scores: dict[str, Decimal] = attrs.field(factory=dict)
    criteria: Mapping[str, Mapping[str, Decimal]] = attrs.field(factory=dict)
    order: list[Entry] | None = None
    findings: list[Problem] = attrs.field(factory=list)
    unchecked: dict[tuple[str, str], set[str]] = attrs.field(factory=dict)


def shown(value: Any) -> str:
    """A field's value as a message shows it."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Label):
        return value.id
    if isinstance(value, (tuple, list)):
        return ", ".join(shown(v) for v in value)
    return str(value)


def spoken(value: Any, lang_en: bool = False) -> str:
    """A field's value as a message in one language shows it: numbers and dates in the
    language's form (:func:`~inovasi_rules.messages.said`), a name in the language."""
    if isinstance(value, Label):
        return (value.en or value.id) if lang_en else value.id
    if isinstance(value, (tuple, list)):
        return ", ".join([spoken(v, lang_en) for v in value])
    if isinstance(value, (Decimal, int, datetime.date)) and not isinstance(value, bool):
        return said(value)[lang_en]
    return str(value)


def signed(value: Decimal) -> tuple[str, str]:
    """An amount added to a score, with its sign (``+5``, ``-2,5``): (Indonesian, English)."""
    idn, en = said(value)
    return (idn, en) if value.is_signed() else (f"+{idn}", f"+{en}")


def fill(label: Label, rec: Entrant, params: Mapping[str, Any], lang_en: bool = False) -> str:
    """One language of ``label`` with its placeholders filled in."""
    text = (label.en or label.id) if lang_en else label.id

    def sub(mt: re.Match[str]) -> str:
        v = rec.get(mt.group(1))
        if v is MISSING:
            v = params.get(mt.group(1), MISSING)
        if v is MISSING:  # never show a raw placeholder to a participant
            return "(no data)" if lang_en else "(tidak ada data)"
        return spoken(v, lang_en)

    return _PLACEHOLDER.sub(sub, text)


def has_placeholders(label: Label) -> bool:
    """Whether ``label`` has ``{...}`` placeholders to fill in."""
    return "{" in label.id or "{" in (label.en or "")


def placeholders(label: Label) -> set[str]:
    """The names in ``label``'s ``{...}`` placeholders, in either language."""
    return set(_PLACEHOLDER.findall(label.id)) | set(_PLACEHOLDER.findall(label.en or ""))


def filled(label: Label, rec: Entrant, params: Mapping[str, Any]) -> Label:
    """A message with ``{field}`` and ``{parameter}`` placeholders filled in."""
    if not has_placeholders(label):
        return label
    return Label(fill(label, rec, params), fill(label, rec, params, True) if label.en else None)


def missing_label(missing: Sequence[str]) -> Label:
    """``data missing: a, b`` in both languages."""
    fields = ", ".join(missing)
    return Label(f"data tidak ada: {fields}", f"data missing: {fields}")


def record_check(rule: m.Eligibility, o: Outcome, rec: Entrant, d: Decision, params: Mapping[str, Any]) -> bool:
    """Record the outcome of one rule for one entry; whether it passed."""
    if o.value is True:
        d.reasons.append(Reason(rule.id, "eligibility", True, filled(rule.message, rec, params), o.text))
        return True
    if o.value is None:
        miss = missing_label(o.missing)
        msg = filled(rule.message, rec, params)
        d.reasons.append(Reason(rule.id, "eligibility", None,
                                Label(f"{msg.id} ({miss.id})", f"{msg.en or msg.id} ({miss.en})"),
                                o.text, missing=o.missing))
        return False
    d.reasons.append(Reason(rule.id, "eligibility", False, filled(rule.message, rec, params), o.text))
    return False
