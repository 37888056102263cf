"""Applying upheld objections to an edition: a pure function, with a log of every value changed."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from .. import MISSING, Edition, EditionError, Problem, Ruleset, Score, Submission
from ..decimals import NumberError, parse_decimal
from ..edition.instants import parse_registered
from .model import DataChange, Objection

__all__ = ["apply_objections"]

_TEXT_FIELDS = ("title", "category", "group", "wave")
_DATE_FIELDS = ("registered", "innovation.started")
_TRUE = ("true", "ya", "yes", "1")
_FALSE = ("false", "tidak", "no", "0", "")


def _shown(value: object) -> str | None:
    if value is None or value is MISSING:
        return None
    if isinstance(value, tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _as_date(text: str) -> datetime.date:
    if "/" in text:
        d, m, y = text.split("/")
        return datetime.date(int(y), int(m), int(d))
    return datetime.date.fromisoformat(text)


def _as_bool(text: str) -> bool:
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"'{text}' is not yes or no / bukan ya atau tidak")


def _typed(sub: Submission, path: str, text: str) -> object:
    """``text`` as the type the field holds (a date, a number, a list ...); an empty
    text clears the field (it becomes missing)."""
    if not text.strip() and path != "withdrawn":
        return () if path == "innovation.previous_awards" else None
    if path == "registered":  # a date, or a date and time with its zone
        return parse_registered(text)  # (a ValueError for text it cannot read)
    if path in _DATE_FIELDS:
        return _as_date(text)
    if path == "withdrawn":
        return _as_bool(text)
    if path == "innovation.previous_awards":
        return tuple(x.strip() for x in text.split(";") if x.strip())
    if path == "id":
        raise ValueError("the id cannot be changed / id tidak dapat diubah")
    if path in _TEXT_FIELDS or ("." in path and path.split(".", 1)[0] in ("participant", "innovation")):
        return text
    old = sub.extra.get(path)
    if isinstance(old, bool):
        return _as_bool(text)
    if isinstance(old, Decimal):
        return parse_decimal(text)
    if isinstance(old, int):
        return int(text)
    if isinstance(old, datetime.date):
        return _as_date(text)
    if isinstance(old, tuple):
        return tuple(x.strip() for x in text.split(";") if x.strip())
    return text


def _set_field(sub: Submission, path: str, value: object) -> Submission:
    head, _, rest = path.partition(".")
    change: dict[str, Any] = {rest: value}
    if head == "participant" and rest:
        return attrs.evolve(sub, participant=attrs.evolve(sub.participant, **change))
    if head == "innovation" and rest:
        return attrs.evolve(sub, innovation=attrs.evolve(sub.innovation, **change))
    if path in (*_TEXT_FIELDS, "registered", "withdrawn"):
        top: dict[str, Any] = {path: value}
        return attrs.evolve(sub, **top)
    return attrs.evolve(sub, extra={**sub.extra, path: value})


def _stages(ruleset: Ruleset) -> dict[str, Any]:
    return {s.id: s for s in ruleset.stages}


def apply_objections(
    ruleset: Ruleset, edition: Edition, objections: Sequence[Objection]
) -> tuple[Edition, tuple[DataChange, ...]]:
    """The edition with every upheld objection applied, and the log of what changed.

    Upheld objections apply in the order of their decision date, then id; rejected
    and pending ones change nothing. ``edition`` is not changed (it is frozen): a new
    one is returned. Kinds:

    * ``score``: the score of ``judge`` for ``criterion`` at ``stage`` becomes
      ``value`` (it is added when the judge had given none);
    * ``withdrawal``: the entry is withdrawn;
    * ``eligibility``: ``field`` of the entry becomes ``value`` (read as the field's
      type), so the eligibility rules decide again on the corrected data;
    * ``conflict``: every score ``judge`` gave the entry at ``stage`` is removed.

    :raises EditionError: when an upheld objection names an entry, stage, judge or
        score that does not exist, or a value that cannot be read, located at the
        objection's file and row.
    """
    problems: list[Problem] = []
    stages = _stages(ruleset)
    subs = {s.id: s for s in edition.submissions}
    order = {s.id: i for i, s in enumerate(edition.submissions)}
    scores: list[Score] = list(edition.scores)
    log: list[DataChange] = []
    for o in sorted(
        (o for o in objections if o.upheld),
        key=lambda o: (o.decided_at or datetime.date.min, o.id),
    ):
        def bad(message: str, column: str, hint: str | None = None, *, _o: Objection = o) -> None:
            problems.append(Problem(f"objection {_o.id}: {message}", file=_o.file, row=_o.row,
                                    path=column if _o.row is not None else f"{_o.id}.{column}",
                                    hint=hint, rule="objection"))

        sub = subs.get(o.submission)
        if sub is None:
            bad(f"no submission '{o.submission}' in the edition / pengajuan tidak ada", "submission_id")
            continue
        if o.stage not in stages:
            bad(f"no stage '{o.stage}' in ruleset {ruleset.id} / tahap tidak ada", "stage",
                f"stages: {', '.join(stages)}")
            continue
        if o.kind == "withdrawal":
            log.append(DataChange(o.id, "submissions", sub.id, "withdrawn", _shown(sub.withdrawn), "True"))
            subs[sub.id] = attrs.evolve(sub, withdrawn=True)
        elif o.kind == "eligibility":
            path = o.field or ""
            try:
                value = _typed(sub, path, o.value or "")
            except (ValueError, NumberError) as exc:
                bad(f"field {path}: {exc}", "value")
                continue
            try:
                changed = _set_field(sub, path, value)
            except TypeError as exc:
                bad(f"field {path} cannot be set: {exc} / bidang tidak dapat diubah", "field")
                continue
            log.append(DataChange(o.id, "submissions", sub.id, path, _shown(sub.get(path)), _shown(value)))
            subs[sub.id] = changed
        elif o.kind == "score":
            value = Decimal(o.value or "0")
            key = (sub.id, o.stage, o.judge, o.criterion)
            at = [i for i, s in enumerate(scores) if (s.submission, s.stage, s.judge, s.criterion) == key]
            before = _shown(scores[at[0]].value) if at else None
            if at:
                scores[at[0]] = scores[at[0]]._replace(value=value)
            else:
                scores.append(Score(sub.id, o.stage, o.judge or "", o.criterion or "", value))
            log.append(DataChange(o.id, "scores", sub.id, "score", before, _shown(value),
                                  stage=o.stage, judge=o.judge, criterion=o.criterion))
        else:  # conflict
            gone = [s for s in scores if (s.submission, s.stage, s.judge) == (sub.id, o.stage, o.judge)]
            if not gone:
                bad(f"judge {o.judge} gave {sub.id} no score at {o.stage} / juri tidak menilai pengajuan ini",
                    "judge_id")
                continue
            scores = [s for s in scores if (s.submission, s.stage, s.judge) != (sub.id, o.stage, o.judge)]
            log.extend(
                DataChange(o.id, "scores", sub.id, "score", _shown(s.value), None,
                           stage=o.stage, judge=o.judge, criterion=s.criterion)
                for s in gone
            )
    if problems:
        raise EditionError(problems)
    changed_subs = sorted(subs.values(), key=lambda s: order[s.id])
    return attrs.evolve(edition, submissions=changed_subs, scores=scores), tuple(log)


def upheld_about(objections: Iterable[Objection], submission: str) -> tuple[str, ...]:
    """Ids of the upheld objections about ``submission``."""
    return tuple(o.id for o in objections if o.upheld and o.submission == submission)
