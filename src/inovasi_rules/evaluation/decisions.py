"""What a step decides: a stage's :class:`Decisions`, kept as columns (one
:class:`Decision` per entry is a view of them), and the :class:`StageDecisions` a step
hands on (the decisions, who goes on, and what later
steps may read: the scores, the criterion breakdown, the ranking, the findings).

Texts are written from the ruleset's messages here: a message with ``{field}`` or
``{parameter}`` placeholders is filled in from the entry's record.
"""

from __future__ import annotations

import datetime
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ..edition import MISSING
from ..errors import Problem
from ..frozen import EMPTY, FrozenMap
from ..messages import said
from ..result import AdjustmentApplied, JudgeScore, Reason
from ..ruleset import model as m
from ..ruleset.conditions import Outcome
from ..ruleset.model import Label, LazyLabel
from .views import CriteriaTable, JudgeScores

if TYPE_CHECKING:
    from .context import Entrant
    from .ranking import Row
    from .scoring import StageRows

__all__ = [
    "Decision", "Decisions", "Kind", "Later", "Legend", "StageDecisions", "fill", "filled", "has_placeholders",
    "missing_label", "passed_of", "placeholders", "record_check", "shown", "signed", "spoken",
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


#: One kind of a :class:`Legend`: the maker and the values every reason of the kind
#: shares, or the one :class:`~inovasi_rules.Reason` every reason of the kind is.
Kind = tuple[Callable[..., Reason], tuple[Any, ...]] | Reason


class Legend:
    """What the reasons one stage writes when read share, by kind: the maker and the
    values every reason of the kind shares, or the reason itself. Kinds are added while
    the stage is decided; an evaluation that takes a stage further takes a
    :meth:`copy`."""

    __slots__ = ("kinds",)

    def __init__(self, kinds: Sequence[Kind] = ()) -> None:
        self.kinds = list(kinds)

    def kind(self, make: Callable[..., Reason], *shared: Any) -> int:
        """The number of a new kind of reason: ``make(passed, *shared, *values)``."""
        self.kinds.append((make, shared))
        return len(self.kinds) - 1

    def shared(self, reason: Reason) -> int:
        """The number of a new kind of reason that is ``reason`` itself (many entries
        share it: a check passed with the same outcome)."""
        self.kinds.append(reason)
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


def _make(kind: Kind, later: Later) -> Reason:
    if isinstance(kind, Reason):
        return kind
    make, shared = kind
    return make(later[1], *shared, *later[2:])


def _fails(reason: Reason | Later) -> bool:
    """Whether ``reason`` is a check that failed or lacked data (not making it)."""
    if isinstance(reason, tuple):
        return reason[1] is False
    return reason.failed


class Decisions(Mapping[str, "Decision"]):
    """What one stage decided for each of its entrants, kept as columns: one list per
    field (status, score, rank, reasons), in the order the entrants were given, and
    the rarer fields by position. ``decisions[sid]`` is that entrant's
    :class:`Decision`, a view made when asked for.

    No object is kept per entry: an entry's reasons are a tuple of (mostly)
    :data:`Later` tuples of texts and numbers, which the garbage collector stops
    tracking, and a re-evaluation that takes a stage further copies a few lists.
    Nothing in it changes after the evaluation that made it.
    """

    __slots__ = (
        "adjustments", "at", "base_score", "combine", "combined", "criteria", "excluded", "g0", "g1", "legend",
        "positions", "rank", "reasons", "score", "stage", "status", "table", "used",
    )

    def __init__(
        self, stage: str, ids: Iterable[str], status: str = "advanced", legend: Legend | None = None,
        reasons: tuple[Reason | Later, ...] = (),
    ) -> None:
        self.stage = stage
        #: the stage's legend, for the reasons written when read (:data:`Later`)
        self.legend = legend
        #: submission id -> where its decision is in the columns
        self.positions = {sid: k for k, sid in enumerate(ids)}
        n = len(self.positions)
        self.status = [status] * n
        self.score: list[Decimal | None] = [None] * n
        self.base_score: list[Decimal | None] = [None] * n
        self.rank: list[int | None] = [None] * n
        self.reasons: list[tuple[Reason | Later, ...]] = [reasons] * n
        # The judges' scores and the criterion scores, as views of the stage's rows and
        # criteria table made when read: the rows and their decimal places, each judged
        # entry's groups of rows g0:g1 (an empty range for the others), and by position
        # why a judge is not counted (where one is not) and the values that entered the
        # aggregate (where they are not each judge's own total).
        self.at: tuple[StageRows, int] | None = None
        # (arrays of machine integers: no list for the collector to walk, entry by entry)
        self.g0 = array("q", bytes(8 * n))
        self.g1 = array("q", bytes(8 * n))
        self.excluded: dict[int, Mapping[int, Label]] = {}
        self.used: dict[int, Mapping[int, Decimal]] = {}
        self.table: CriteriaTable | None = None
        self.criteria: dict[int, Mapping[str, Decimal]] = {}
        #: the stages a combined score is made of, and by position each combined
        #: entry's parts, in that order (as far as it has them)
        self.combine: tuple[str, ...] = ()
        self.combined: dict[int, tuple[Decimal, ...]] = {}
        self.adjustments: dict[int, tuple[AdjustmentApplied, ...]] = {}

    def __getitem__(self, sid: str) -> Decision:
        return Decision(self, self.positions[sid])

    def __contains__(self, sid: object) -> bool:
        return sid in self.positions

    def __iter__(self) -> Iterator[str]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)

    def __repr__(self) -> str:
        return f"Decisions({self.stage!r}, {len(self)} entries)"

    def statuses(self) -> Iterator[tuple[str, str, int | None]]:
        """(submission id, status, rank) of every entry, read from the columns."""
        return zip(self.positions, self.status, self.rank, strict=True)  # (positions lists the ids in order)

    def brief(self, sid: str) -> tuple[str, int | None] | None:
        """The status and rank of ``sid``; ``None`` when it did not reach the stage."""
        k = self.positions.get(sid)
        return None if k is None else (self.status[k], self.rank[k])

    def row(self, sid: str, failing: bool = False) -> tuple[Any, ...] | None:
        """The fields of the :class:`~inovasi_rules.StageOutcome` of ``sid``, in its
        order (the reasons written; with ``failing``, only those of the checks that
        failed or lacked data); ``None`` when it did not reach the stage."""
        k = self.positions.get(sid)
        if k is None:
            return None
        at, g0, g1 = self.at, self.g0[k], self.g1[k]
        judges: Sequence[JudgeScore] = () if at is None or g0 == g1 else JudgeScores(
            at[0], g0, g1, at[1], self.excluded.get(k, EMPTY), self.used.get(k))
        table = self.table
        criteria = table.get(sid) if table is not None else None
        kept = [r for r in self.reasons[k] if _fails(r)] if failing else self.reasons[k]
        if self.legend is None:
            reasons: tuple[Reason, ...] = tuple(kept)  # type: ignore[arg-type]
        else:
            kinds = self.legend.kinds
            reasons = tuple([_make(kinds[r[0]], r) if isinstance(r, tuple) else r for r in kept])
        return (self.stage, self.status[k], self.score[k], self.base_score[k], self.rank[k],
                self.criteria.get(k, EMPTY) if criteria is None else criteria, judges,
                self.combined_at(k) if self.combined else EMPTY, self.adjustments.get(k, ()), reasons)

    def copy(self, legend: Legend | None = None) -> Decisions:
        """Decisions equal to these, to be taken further without changing them (with
        ``legend``, a copy of this one's, to add reasons of other kinds to)."""
        d = Decisions.__new__(Decisions)
        d.stage, d.legend, d.positions = self.stage, self.legend if legend is None else legend, self.positions
        d.status, d.score, d.base_score, d.rank = self.status[:], self.score[:], self.base_score[:], self.rank[:]
        d.reasons = self.reasons[:]
        d.at, d.g0, d.g1, d.excluded, d.used = self.at, self.g0[:], self.g1[:], dict(self.excluded), dict(self.used)
        d.table, d.criteria = self.table, dict(self.criteria)
        d.combine, d.combined, d.adjustments = self.combine, dict(self.combined), dict(self.adjustments)
        return d

    def judged(
        self, spans: Sequence[int], excluded: Sequence[Mapping[int, Label]],
        used: Sequence[Mapping[int, Decimal] | None],
    ) -> None:
        """Set every entry's judges' scores, by position ``k``: the view of groups
        ``spans[2k]:spans[2k + 1]`` of the stage's rows (:attr:`at`), made when read;
        ``excluded[k]``, why a judge is not counted, and ``used[k]``, the values that
        entered the aggregate (``None``: each judge's own total)."""
        self.g0, self.g1 = array("q", spans[0::2]), array("q", spans[1::2])
        self.excluded = {k: why for k, why in enumerate(excluded) if why}
        self.used = {k: values for k, values in enumerate(used) if values is not None}

    def made(self, reason: Reason | Later) -> Reason:
        """The :class:`~inovasi_rules.Reason` of one of the reasons kept."""
        if self.legend is None or not isinstance(reason, tuple):
            assert isinstance(reason, Reason)
            return reason
        return self.legend.made(reason)

    def combined_at(self, k: int) -> Mapping[str, Decimal]:
        """The parts of the combined score of the entry at position ``k``, by stage."""
        parts = self.combined.get(k)
        return EMPTY if parts is None else FrozenMap(dict(zip(self.combine, parts, strict=False)))


class Decision:
    """One entry at one stage: status, score, rank, reasons; a view of one position of
    its stage's :class:`Decisions`, through which a step records what it decides
    (:meth:`Decisions.row` makes the :class:`~inovasi_rules.StageOutcome`'s fields)."""

    __slots__ = ("_k", "_of")

    def __init__(self, of: Decisions, k: int) -> None:
        self._of, self._k = of, k

    @property
    def stage(self) -> str:
        """The stage's id."""
        return self._of.stage

    @property
    def legend(self) -> Legend | None:
        """The stage's legend."""
        return self._of.legend

    @property
    def status(self) -> str:
        """``advanced``, ``ineligible``, ``not_advanced``, ``dropped`` or ``withdrawn``."""
        return self._of.status[self._k]

    @status.setter
    def status(self, value: str) -> None:
        self._of.status[self._k] = value

    @property
    def score(self) -> Decimal | None:
        """The final score (scored stages)."""
        return self._of.score[self._k]

    @property
    def base_score(self) -> Decimal | None:
        """The judges' aggregate, before combining and adjustments (scored stages)."""
        return self._of.base_score[self._k]

    @property
    def rank(self) -> int | None:
        """The place in the stage's ranking (scored stages)."""
        return self._of.rank[self._k]

    @property
    def reasons(self) -> tuple[Reason | Later, ...]:
        """The reasons, in the order they were given."""
        return self._of.reasons[self._k]

    def add(self, reason: Reason | Later) -> None:
        """Give one more reason."""
        self._of.reasons[self._k] += (reason,)

    @property
    def adjustments(self) -> tuple[AdjustmentApplied, ...]:
        """The adjustments applied to the score."""
        return self._of.adjustments.get(self._k, ())

    @adjustments.setter
    def adjustments(self, value: tuple[AdjustmentApplied, ...]) -> None:
        self._of.adjustments[self._k] = value

    def __repr__(self) -> str:
        return (f"Decision({self.stage!r}, {self.status!r}, score={self.score}, rank={self.rank}, "
                f"reasons={len(self.reasons)})")


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
    decisions: Decisions
    passed: list[str]
    scores: dict[str, Decimal] = attrs.field(factory=dict)
    criteria: Mapping[str, Mapping[str, Decimal]] = attrs.field(factory=dict)
    order: list[Row] | None = None
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
    """A message with ``{field}`` and ``{parameter}`` placeholders filled in (when it is
    read)."""
    if not has_placeholders(label):
        return label
    return LazyLabel(_filled_texts, label, rec, params)


def _filled_texts(label: Label, rec: Entrant, params: Mapping[str, Any]) -> tuple[str, str | None]:
    return fill(label, rec, params), fill(label, rec, params, True) if label.en else None


def missing_label(missing: Sequence[str]) -> Label:
    """``data missing: a, b`` in both languages."""
    fields = ", ".join(missing)
    return Label(f"data tidak ada: {fields}", f"data missing: {fields}")


def record_check(rule: m.Eligibility, o: Outcome, rec: Entrant, d: Decision, params: Mapping[str, Any]) -> bool:
    """Record the outcome of one rule for one entry; whether it passed."""
    if o.value is True:
        d.add(Reason(rule.id, "eligibility", True, filled(rule.message, rec, params), o.text))
        return True
    if o.value is None:
        miss = missing_label(o.missing)
        msg = filled(rule.message, rec, params)
        d.add(Reason(rule.id, "eligibility", None,
                      Label(f"{msg.id} ({miss.id})", f"{msg.en or msg.id} ({miss.en})"),
                      o.text, missing=o.missing))
        return False
    d.add(Reason(rule.id, "eligibility", False, filled(rule.message, rec, params), o.text))
    return False
