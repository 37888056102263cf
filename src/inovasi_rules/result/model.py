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

import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from os import PathLike
from typing import IO, Any

import attrs

from ..errors import Problem
from ..frozen import EMPTY, frozen_map, frozen_seq
from ..model import Label

__all__ = [
    "STATUSES",
    "AdjustmentApplied",
    "AwardGrant",
    "JudgeScore",
    "Reason",
    "Result",
    "StageOutcome",
    "SubmissionResult",
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


@attrs.frozen
class FunnelRow:
    """How many entered a stage and how many passed it."""

    stage: str
    name: Label
    entered: int
    passed: int
    by_status: Mapping[str, int] = attrs.field(converter=frozen_map)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Label):
        return {"id": value.id, "en": value.en or value.id}
    if attrs.has(type(value)):
        return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@attrs.frozen
class Result:
    """The outcome of :func:`inovasi_rules.evaluate` for one edition.

    :ivar submissions: one entry per input submission, ordered by id.
    :ivar stages: the stage ids and names, in order.
    :ivar awards: the award ids and names, in order.
    :ivar findings: edition-level findings (empty edition, judges who scored too few
        entries to normalise, data missing ...), as located problems.
    :ivar parameters: the parameter values the evaluation used.
    """

    ruleset: str
    edition: str
    submissions: tuple[SubmissionResult, ...] = attrs.field(converter=frozen_seq)
    stages: tuple[tuple[str, Label], ...] = attrs.field(converter=frozen_seq)
    awards: tuple[tuple[str, Label], ...] = attrs.field(default=(), converter=frozen_seq)
    findings: tuple[Problem, ...] = attrs.field(default=(), converter=frozen_seq)
    parameters: Mapping[str, Any] = attrs.field(default=EMPTY, converter=frozen_map)
    _index: dict[str, SubmissionResult] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )

    def submission(self, submission_id: str) -> SubmissionResult:
        """The result of one submission (``KeyError`` if there is none)."""
        if not self._index:
            self._index.update((s.id, s) for s in self.submissions)
        return self._index[submission_id]

    def __iter__(self) -> Iterator[SubmissionResult]:
        return iter(self.submissions)

    def __len__(self) -> int:
        return len(self.submissions)

    def passed(self, stage_id: str) -> list[str]:
        """Ids of the submissions that passed ``stage_id``, in rank order."""
        rows = [
            (o.rank if o.rank is not None else 10**9, s.id)
            for s in self.submissions
            if (o := s.stage(stage_id)) is not None and o.passed
        ]
        return [sid for _, sid in sorted(rows)]

    def winners(self, award_id: str) -> list[str]:
        """Ids of the submissions given ``award_id``, in rank order."""
        rows = [
            (g.rank if g.rank is not None else 10**9, s.id)
            for s in self.submissions
            for g in s.awards
            if g.award == award_id
        ]
        return [sid for _, sid in sorted(rows)]

    def funnel(self) -> list[FunnelRow]:
        """Entered and passed per stage, in stage order."""
        rows = []
        for sid, name in self.stages:
            counts: Counter[str] = Counter()
            for s in self.submissions:
                o = s.stage(sid)
                if o is not None:
                    counts[o.status] += 1
            rows.append(
                FunnelRow(sid, name, sum(counts.values()), counts["advanced"], dict(counts))
            )
        return rows

    def count_by(self, field: str, *, award: str | None = None, stage: str | None = None) -> dict[str, int]:
        """How many winners of ``award`` (or entries passing ``stage``) per value of a
        submission ``field`` (one recorded in :attr:`SubmissionResult.fields`)."""
        ids = set(self.winners(award)) if award else set(self.passed(stage)) if stage else None
        counts: Counter[str] = Counter()
        for s in self.submissions:
            if ids is None or s.id in ids:
                counts[str(s.fields.get(field, "—"))] += 1
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready data (Decimals as strings)."""
        return {**self._head(), "submissions": [_plain(s) for s in self.submissions]}

    def _head(self) -> dict[str, Any]:
        """:meth:`to_dict` without the submissions."""
        return {
            "schema_version": 1,
            "ruleset": self.ruleset,
            "edition": self.edition,
            "parameters": _plain(dict(self.parameters)),
            "stages": [{"id": s, "name": _plain(n)} for s, n in self.stages],
            "awards": [{"id": a, "name": _plain(n)} for a, n in self.awards],
            "funnel": [
                {"stage": f.stage, "entered": f.entered, "passed": f.passed, "by_status": dict(sorted(f.by_status.items()))}
                for f in self.funnel()
            ],
            "findings": [
                {k: v for k, v in _plain(p).items() if v is not None} for p in self.findings
            ],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON text: keys sorted, so the same input gives the same bytes."""
        return "".join(self.iter_json(indent=indent))

    def write_json(self, file: IO[str], *, indent: int | None = 2) -> None:
        """Write :meth:`to_json`'s text to an open text file, one submission at a time
        (never the whole text, nor every submission's data, in memory at once)."""
        for part in self.iter_json(indent=indent):
            file.write(part)

    def iter_json(self, *, indent: int | None = 2) -> Iterator[str]:
        """:meth:`to_json`'s text in parts: the head, then one submission at a time."""
        head = json.dumps({**self._head(), "submissions": []}, ensure_ascii=False, indent=indent, sort_keys=True)
        # "submissions" sorts last, so its empty list closes the text: "[]" then "}"
        cut = head.rindex("[]")
        yield head[:cut]
        if not self.submissions:
            yield head[cut:] + "\n"
            return
        if indent is None:
            pad, comma, close = "", ", ", "]"
        else:  # the submissions are two levels deep
            pad, comma, close = "\n" + " " * (2 * indent), ",", "\n" + " " * indent + "]"
        yield "[" + pad
        for k, sub in enumerate(self.submissions):
            text = json.dumps(_plain(sub), ensure_ascii=False, indent=indent, sort_keys=True)
            if k:
                yield comma + pad
            yield text if indent is None else text.replace("\n", pad)
        yield close + head[cut + 2 :] + "\n"

    def to_csv(self, lang: str = "id") -> str:
        """One row per submission and stage reached: status, score, rank, awards, and
        the reasons of the checks it failed, in ``lang`` (text that a spreadsheet would
        run as a formula is neutralised: :func:`~inovasi_rules.result.tables.safe_text`)."""
        from .tables import to_csv

        return to_csv(self, lang)

    def to_xlsx(self, target: str | PathLike[str] | IO[bytes], lang: str = "id") -> None:
        """Write an Excel workbook: the sheet ``hasil`` (as :meth:`to_csv`, scores and
        ranks as numbers) and ``temuan`` (the findings). Needs openpyxl
        (``pip install "inovasi-rules[excel]"``)."""
        from .tables import write_xlsx

        write_xlsx(self, target, lang)
