"""The result of an evaluation: every submission, every stage it reached, and why.

A :class:`Result` holds a :class:`SubmissionResult` for every submission of the
edition (none is ever left out), ordered by id. Each has a :class:`StageOutcome` per
stage it reached: its status, its score with the breakdown per criterion and per
judge, adjustments, rank, and the :class:`Reason` for every decision (rule id,
bilingual message, the values seen, and the plugin when a plugin made it).

Exports: :meth:`Result.to_json` (byte-identical for the same input in any input order;
its JSON Schema is ``inovasi_rules/schema/result.schema.json``), :meth:`Result.to_csv`
(one row per submission and stage), :meth:`Result.to_xlsx` (an Excel workbook) and
:meth:`Result.funnel`.

Statuses of a stage outcome:

=================  ===========================================================
``ineligible``     failed an eligibility rule at a screening stage
``advanced``       passed the stage (on to the next stage, or finished)
``not_advanced``   scored, but not selected to go on
``dropped``        removed at a verification stage, or failed for too few judges
``withdrawn``      withdrawn by the participant
=================  ===========================================================
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from decimal import Decimal
from io import BufferedIOBase, RawIOBase, TextIOBase
from os import PathLike
from typing import IO, Any, Protocol, cast, overload

import attrs

from ..errors import Problem
from ..frozen import EMPTY, frozen_map, frozen_seq
from ..ruleset.model import Label

__all__ = [
    "STATUSES",
    "AdjustmentApplied",
    "AwardGrant",
    "JudgeScore",
    "Reason",
    "Result",
    "StageOutcome",
    "SubmissionResult",
    "SubmissionResults",
]

STATUSES = ("ineligible", "advanced", "not_advanced", "dropped", "withdrawn")


@attrs.frozen
class Reason:
    """One decision and why.

    :ivar rule: the id of the rule, adjustment, selection or plugin hook.
    :ivar kind: ``eligibility``, ``score``, ``adjustment``, ``selection``,
        ``verification``, ``award``, ``finding`` or ``plugin``.
    :ivar passed: ``True``/``False`` for a check, ``None`` when data was missing or
        the reason is informational.
    :ivar message: what the participant reads (from the ruleset).
    :ivar detail: the values the decision saw.
    :ivar plugin: the plugin that made the decision, if any.
    """

    rule: str
    kind: str
    passed: bool | None
    message: Label
    detail: Label | None = None
    plugin: str | None = None
    missing: tuple[str, ...] = attrs.field(default=(), converter=frozen_seq)

    @property
    def failed(self) -> bool:
        """True for a check that turned the entry down or lacked the data it needed
        (what the table of outcomes lists)."""
        return self.passed is False or bool(self.missing)


@attrs.frozen
class JudgeScore:
    """One judge's score of one entry at one stage.

    :ivar total: the judge's weighted total (rounded).
    :ivar used: the value that entered the aggregate (the normalised total for
        ``normalised_mean``), or ``None`` when the judge's score was excluded.
    :ivar excluded: why it was excluded (a conflict of interest, incomplete scores).
    """

    judge: str
    total: Decimal | None
    criteria: Mapping[str, Decimal] = attrs.field(converter=frozen_map)
    used: Decimal | None = None
    excluded: Label | None = None


@attrs.frozen
class AdjustmentApplied:
    """A bonus or penalty applied to an entry's stage score."""

    id: str
    amount: Decimal
    message: Label
    detail: Label | None = None
    plugin: str | None = None


@attrs.frozen
class AwardGrant:
    """An award given to a submission (``amount`` for a plugin that attaches money,
    e.g. a regional incentive fund)."""

    award: str
    name: Label
    rank: int | None = None
    group: str | None = None
    amount: Decimal | None = None
    note: Label | None = None
    plugin: str | None = None


@attrs.frozen
class StageOutcome:
    """What happened to one submission at one stage."""

    stage: str
    status: str
    score: Decimal | None = None
    base_score: Decimal | None = None
    rank: int | None = None
    criteria: Mapping[str, Decimal] = attrs.field(default=EMPTY, converter=frozen_map)
    judges: Sequence[JudgeScore] = attrs.field(default=(), converter=frozen_seq)
    combined: Mapping[str, Decimal] = attrs.field(default=EMPTY, converter=frozen_map)
    adjustments: tuple[AdjustmentApplied, ...] = attrs.field(default=(), converter=frozen_seq)
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=frozen_seq)

    @property
    def passed(self) -> bool:
        """True when the entry passed this stage."""
        return self.status == "advanced"


@attrs.frozen
class SubmissionResult:
    """Everything that happened to one submission."""

    id: str
    title: str | None
    stages: tuple[StageOutcome, ...] = attrs.field(converter=frozen_seq)
    awards: tuple[AwardGrant, ...] = attrs.field(default=(), converter=frozen_seq)
    fields: Mapping[str, Any] = attrs.field(default=EMPTY, converter=frozen_map)

    @property
    def status(self) -> str:
        """The status at the last stage reached."""
        return self.stages[-1].status if self.stages else "withdrawn"

    @property
    def reached(self) -> str | None:
        """The id of the last stage reached."""
        return self.stages[-1].stage if self.stages else None

    @property
    def passed(self) -> tuple[str, ...]:
        """Ids of the stages passed."""
        return tuple(s.stage for s in self.stages if s.passed)

    def stage(self, stage_id: str) -> StageOutcome | None:
        """The outcome at ``stage_id``, or ``None`` when not reached."""
        for s in self.stages:
            if s.stage == stage_id:
                return s
        return None


#: One stage outcome, compact: the fields of :class:`StageOutcome`, in its order.
OutcomeRow = tuple[Any, ...]
#: One submission, compact: id, title, its outcome rows, its awards, and what its
#: reported fields are made from.
SubmissionRow = tuple[str, str | None, tuple[OutcomeRow, ...], tuple[AwardGrant, ...], Any]


class StageSource(Protocol):
    """What an evaluation keeps of one stage, for every entry that reached it: the
    status and rank read directly, the rest made into an :data:`OutcomeRow` when read."""

    def __contains__(self, sid: object) -> bool: ...

    def row(self, sid: str, failing: bool = False) -> OutcomeRow | None:
        """The fields of the :class:`StageOutcome` of submission ``sid``, in its order
        (with ``failing``, only the reasons of the checks that failed or lacked data);
        ``None`` when it did not reach the stage."""
        ...

    def brief(self, sid: str) -> tuple[str, int | None] | None:
        """The status and rank of submission ``sid``; ``None`` when it did not reach
        the stage."""
        ...

    def statuses(self) -> Iterator[tuple[str, str, int | None]]:
        """(submission id, status, rank) of every entry that reached the stage."""
        ...


class SubmissionResults(Sequence[SubmissionResult]):
    """``Result.submissions`` as an evaluation makes it: what each stage decided, kept
    per stage as the stage left it, and each submission's :class:`SubmissionResult`,
    :class:`StageOutcome` objects made when first read (most of a large edition's are
    never read: the outputs are written from compact rows made one submission at a
    time). Equal to, and hashes like, the tuple of the same results; pickled as that
    tuple.

    :param ids: the submissions' ids, in order.
    :param titles: their titles, in the same order.
    :param sources: what each one's reported fields are made from, in the same order.
    :param stages: (stage id, its :class:`StageSource`) for each stage in order (a
        stage may come twice: the withdrawn are kept apart at the first); nothing in
        them changes once given.
    :param grants: submission id -> its awards, for those with any.
    :param fields: ``fields(source, names)`` makes a submission's reported fields named
        ``names`` (all of them when ``None``) from its source.
    """

    __slots__ = ("_fields", "_grants", "_ids", "_made", "_sources", "_stages", "_titles")

    def __init__(
        self,
        ids: Sequence[str],
        titles: Sequence[str | None],
        sources: Sequence[Any],
        stages: Sequence[tuple[str, StageSource]],
        grants: Mapping[str, tuple[AwardGrant, ...]],
        fields: Callable[[Any, Collection[str] | None], Mapping[str, Any]],
    ) -> None:
        # (a column each, not a tuple per submission)
        self._ids, self._titles, self._sources = tuple(ids), tuple(titles), tuple(sources)
        if not len(self._ids) == len(self._titles) == len(self._sources):
            raise ValueError("ids, titles and sources must be as long as one another")
        self._stages = tuple(stages)
        self._grants = grants
        self._fields = fields
        self._made: list[SubmissionResult | None] = [None] * len(self._ids)

    def _outcome_rows(self, sid: str, failing: bool = False) -> tuple[OutcomeRow, ...]:
        return tuple([row for _, kept in self._stages if (row := kept.row(sid, failing)) is not None])

    def _make(self, k: int) -> SubmissionResult:
        made = self._made[k]
        if made is None:
            sid, title, source = self._ids[k], self._titles[k], self._sources[k]
            made = SubmissionResult(
                sid, title, tuple([StageOutcome(*o) for o in self._outcome_rows(sid)]),
                self._grants.get(sid, ()), self._fields(source, None))
            self._made[k] = made
        return made

    @overload
    def __getitem__(self, index: int) -> SubmissionResult: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[SubmissionResult, ...]: ...

    def __getitem__(self, index: int | slice) -> SubmissionResult | tuple[SubmissionResult, ...]:
        if isinstance(index, slice):
            return tuple([self._make(k) for k in range(len(self._ids))[index]])
        if index < 0:
            index += len(self._ids)
        if not 0 <= index < len(self._ids):
            raise IndexError("submission index out of range")
        return self._make(index)

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[SubmissionResult]:
        return (self._make(k) for k in range(len(self._ids)))

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return len(self) == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))

    def ids(self) -> list[str]:
        """The submissions' ids, in order (without making their results)."""
        return list(self._ids)

    def rows(self, fields: bool | Collection[str] = True, failing: bool = False) -> Iterator[SubmissionRow]:
        """Each submission compact, made one at a time, its reported fields made (only
        those named, when ``fields`` names some; without ``fields``, none); with
        ``failing``, each outcome with only the
        reasons of the checks that failed or lacked data (the others never made)."""
        make, grants = self._fields, self._grants
        for sid, title, source in zip(self._ids, self._titles, self._sources, strict=True):
            yield (sid, title, self._outcome_rows(sid, failing), grants.get(sid, ()),
                   EMPTY if not fields else make(source, None if fields is True else fields))

    def brief(self) -> Iterator[tuple[str, list[tuple[str, str, int | None]], tuple[AwardGrant, ...]]]:
        """Each submission's id, (stage, status, rank) per stage reached and awards,
        read from what the stages kept (no row made)."""
        stages, grants = self._stages, self._grants
        for sid in self._ids:
            yield sid, [(stage, *brief) for stage, kept in stages
                        if (brief := kept.brief(sid)) is not None], grants.get(sid, ())

    def ranks(self, stage_id: str) -> dict[str, int]:
        """Submission id -> rank at ``stage_id``, for every submission ranked there."""
        return {sid: rank for stage, kept in self._stages if stage == stage_id
                for sid, _, rank in kept.statuses() if rank is not None}

    def statuses(self, stage_id: str) -> Iterator[tuple[str, str, int | None]]:
        """(submission id, status, rank) of every submission that reached ``stage_id``."""
        for stage, kept in self._stages:
            if stage == stage_id:
                yield from kept.statuses()

    def granted(self) -> Iterator[tuple[str, tuple[AwardGrant, ...]]]:
        """(submission id, its awards) of every submission given any."""
        return iter(self._grants.items())


def _outcome_row(o: StageOutcome, failing: bool = False) -> OutcomeRow:
    reasons = tuple([r for r in o.reasons if r.failed]) if failing else o.reasons
    return (o.stage, o.status, o.score, o.base_score, o.rank, o.criteria, o.judges, o.combined,
            o.adjustments, reasons)


def _binary(file: object) -> bool:
    """Whether ``file`` takes bytes: a binary stream, or a file-like opened with a
    ``b`` in its mode (anything else is written text, as it always was)."""
    if isinstance(file, (RawIOBase, BufferedIOBase)):
        return True
    if isinstance(file, TextIOBase):
        return False
    return "b" in str(getattr(file, "mode", ""))


def submission_rows(
    submissions: Sequence[SubmissionResult], fields: bool | Collection[str] = True, failing: bool = False
) -> Iterator[SubmissionRow]:
    """Every submission of ``Result.submissions`` as a compact row, the reported fields
    made (only those named, when ``fields`` names some; without ``fields``, none), and
    with ``failing`` only the reasons of
    the checks that failed or lacked data: from the rows an evaluation kept, or taken
    apart from results built by hand."""
    if isinstance(submissions, SubmissionResults):
        yield from submissions.rows(fields, failing)
        return
    for s in submissions:
        yield (s.id, s.title, tuple([_outcome_row(o, failing) for o in s.stages]), s.awards,
               EMPTY if not fields else s.fields if fields is True else
               {k: v for k, v in s.fields.items() if k in fields})


@attrs.frozen
class FunnelRow:
    """How many entered a stage and how many passed it."""

    stage: str
    name: Label
    entered: int
    passed: int
    by_status: Mapping[str, int] = attrs.field(converter=frozen_map)


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data: Decimals as strings, labels as ``{"id", "en"}``,
    attrs classes and mappings as dicts, sequences as lists, dates in ISO form."""
    if value is None or type(value) is str:
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Label):
        return {"id": value.id, "en": value.en or value.id}
    if attrs.has(type(value)):
        return {f.name: plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@attrs.frozen
class Result:
    """The outcome of :func:`inovasi_rules.evaluate` for one edition.

    :ivar submissions: one entry per input submission, ordered by id (a tuple, or, as
        :func:`~inovasi_rules.evaluate` makes it, a :class:`SubmissionResults` that
        makes each entry when first read; either is a read-only sequence).
    :ivar stages: the stage ids and names, in order.
    :ivar awards: the award ids and names, in order.
    :ivar findings: edition-level findings (empty edition, judges who scored too few
        entries to normalise, data missing ...), as located problems.
    :ivar parameters: the parameter values the evaluation used.
    """

    ruleset: str
    edition: str
    submissions: Sequence[SubmissionResult] = attrs.field(converter=frozen_seq)
    stages: tuple[tuple[str, Label], ...] = attrs.field(converter=frozen_seq)
    awards: tuple[tuple[str, Label], ...] = attrs.field(default=(), converter=frozen_seq)
    findings: tuple[Problem, ...] = attrs.field(default=(), converter=frozen_seq)
    parameters: Mapping[str, Any] = attrs.field(default=EMPTY, converter=frozen_map)
    _index: dict[str, int] = attrs.field(init=False, repr=False, eq=False, factory=dict)

    def submission(self, submission_id: str) -> SubmissionResult:
        """The result of one submission (``KeyError`` if there is none)."""
        if not self._index:
            subs = self.submissions
            ids = subs.ids() if isinstance(subs, SubmissionResults) else [s.id for s in subs]
            self._index.update((sid, k) for k, sid in enumerate(ids))
        return self.submissions[self._index[submission_id]]

    def __iter__(self) -> Iterator[SubmissionResult]:
        return iter(self.submissions)

    def __len__(self) -> int:
        return len(self.submissions)

    def _outcomes(self) -> Iterator[tuple[str, list[tuple[str, str, int | None]], tuple[AwardGrant, ...]]]:
        """Each submission's id, (stage, status, rank) per stage reached, and awards (no
        results made)."""
        subs = self.submissions
        if isinstance(subs, SubmissionResults):
            yield from subs.brief()
        else:
            for s in subs:
                yield s.id, [(o.stage, o.status, o.rank) for o in s.stages], s.awards

    def _known(self, what: tuple[str, str], given: str, known: Sequence[tuple[str, Label]]) -> None:
        """Raise ``KeyError`` when ``given`` is none of the ``known`` ids: a typo must
        not read as "nobody"."""
        ids = [k for k, _ in known]
        if given not in ids:
            listed = ", ".join(ids) or "-"
            raise KeyError(
                f"no {what[1]} {given!r} in this result (its {what[1]}s: {listed}) / "
                f"tidak ada {what[0]} {given!r} dalam hasil ini ({what[0]} yang ada: {listed})")

    def passed(self, stage_id: str) -> list[str]:
        """Ids of the submissions that passed ``stage_id``, in rank order (empty when
        nobody did).

        :raises KeyError: when the result has no stage ``stage_id``."""
        self._known(("tahap", "stage"), stage_id, self.stages)
        subs = self.submissions
        if isinstance(subs, SubmissionResults):
            rows = [(rank if rank is not None else 10**9, sid)
                    for sid, status, rank in subs.statuses(stage_id) if status == "advanced"]
        else:
            rows = [
                (rank if rank is not None else 10**9, sid)
                for sid, outcomes, _ in self._outcomes()
                for stage, status, rank in outcomes
                if stage == stage_id and status == "advanced"
            ]
        return [sid for _, sid in sorted(rows)]

    def ranks(self, stage_id: str) -> dict[str, int]:
        """Submission id -> rank at ``stage_id``, for every submission ranked there.

        :raises KeyError: when the result has no stage ``stage_id``."""
        self._known(("tahap", "stage"), stage_id, self.stages)
        subs = self.submissions
        if isinstance(subs, SubmissionResults):
            return subs.ranks(stage_id)
        return {sid: rank for sid, outcomes, _ in self._outcomes() for stage, _, rank in outcomes
                if stage == stage_id and rank is not None}

    def winners(self, award_id: str) -> list[str]:
        """Ids of the submissions given ``award_id``, in rank order (empty when nobody
        was).

        :raises KeyError: when the result has no award ``award_id``."""
        self._known(("penghargaan", "award"), award_id, self.awards)
        subs = self.submissions
        granted = subs.granted() if isinstance(subs, SubmissionResults) else (
            (sid, awards) for sid, _, awards in self._outcomes())
        rows = [
            (g.rank if g.rank is not None else 10**9, sid)
            for sid, awards in granted
            for g in awards
            if g.award == award_id
        ]
        return [sid for _, sid in sorted(rows)]

    def funnel(self) -> list[FunnelRow]:
        """Entered and passed per stage, in stage order."""
        counts: dict[str, Counter[str]] = {sid: Counter() for sid, _ in self.stages}
        for _, outcomes, _ in self._outcomes():
            for stage, status, _ in outcomes:
                c = counts.get(stage)
                if c is not None:
                    c[status] += 1
        return [
            FunnelRow(sid, name, sum(counts[sid].values()), counts[sid]["advanced"], dict(counts[sid]))
            for sid, name in self.stages
        ]

    def count_by(self, field: str, *, award: str | None = None, stage: str | None = None) -> dict[str, int]:
        """How many winners of ``award`` (or entries passing ``stage``) per value of a
        submission ``field`` (one recorded in :attr:`SubmissionResult.fields`).

        :raises KeyError: when the result has no such award or stage."""
        ids = set(self.winners(award)) if award else set(self.passed(stage)) if stage else None
        counts: Counter[str] = Counter()
        for sid, _, _, _, fields in submission_rows(self.submissions):
            if ids is None or sid in ids:
                counts[str(fields.get(field, "—"))] += 1
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready data (Decimals as strings)."""
        from .encode import Encoder

        encoder = Encoder()
        return {**self._head(), "submissions": [encoder.submission(r) for r in submission_rows(self.submissions)]}

    def _head(self) -> dict[str, Any]:
        """:meth:`to_dict` without the submissions."""
        return {
            "schema_version": 1,
            "ruleset": self.ruleset,
            "edition": self.edition,
            "parameters": plain(dict(self.parameters)),
            "stages": [{"id": s, "name": plain(n)} for s, n in self.stages],
            "awards": [{"id": a, "name": plain(n)} for a, n in self.awards],
            "funnel": [
                {"stage": f.stage, "entered": f.entered, "passed": f.passed, "by_status": dict(sorted(f.by_status.items()))}
                for f in self.funnel()
            ],
            "findings": [
                {k: v for k, v in plain(p).items() if v is not None} for p in self.findings
            ],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON text: keys sorted, so the same input gives the same bytes."""
        return self.to_json_bytes(indent=indent).decode("utf-8", "surrogatepass")

    def to_json_bytes(self, *, indent: int | None = 2) -> bytes:
        """:meth:`to_json`'s text as UTF-8 bytes (what a file or an HTTP answer holds),
        made without the text in between."""
        return b"".join(self._json_parts(indent))

    def write_json(self, file: IO[str] | IO[bytes], *, indent: int | None = 2) -> None:
        """Write :meth:`to_json`'s text to an open file, text or binary (then UTF-8),
        a batch of submissions at a time (never the whole text, nor every submission's
        data, in memory at once)."""
        if not _binary(file):
            for text in self.iter_json(indent=indent):
                cast("IO[str]", file).write(text)
            return
        binary = cast("IO[bytes]", file)
        for part in self._json_parts(indent):
            binary.write(part)

    def iter_json(self, *, indent: int | None = 2) -> Iterator[str]:
        """:meth:`to_json`'s text in parts: the head, then a batch of submissions at a
        time (each made from the evaluation's compact rows, never all at once)."""
        for part in self._json_parts(indent):
            yield part.decode("utf-8", "surrogatepass")

    def _json_parts(self, indent: int | None) -> Iterator[bytes]:
        from .encode import json_parts

        return json_parts(self._head(), submission_rows(self.submissions), indent)

    def to_csv(self, lang: str = "id") -> str:
        """One row per submission and stage reached: status, score, rank, awards, and
        the reasons of the checks it failed, in ``lang`` (text that a spreadsheet would
        run as a formula is neutralised: :func:`~inovasi_rules.result.tables.safe_text`)."""
        from .tables import to_csv

        return to_csv(self, lang)

    def to_xlsx(self, target: str | PathLike[str] | IO[bytes], lang: str = "id") -> None:
        """Write an Excel workbook: the sheet ``hasil`` (as :meth:`to_csv`, scores and
        ranks as numbers) and ``temuan`` (the findings). Needs XlsxWriter
        (``pip install "inovasi-rules[excel]"``)."""
        from .tables import write_xlsx

        write_xlsx(self, target, lang)
