"""The result as JSON-ready data, made from the compact rows an evaluation keeps
(:class:`~.model.SubmissionResults`) one submission at a time, without making the
:class:`~.model.SubmissionResult`, :class:`~.model.StageOutcome` and
:class:`~.model.JudgeScore` objects first; and the JSON text of it.

The data is exactly what :meth:`Result.to_dict` gives for a submission (every field of
every value, Decimals as strings, labels as ``{"id", "en"}``), so the text is the same
whichever way a result was made. The text is written by orjson where it can write it
(indent 2; it writes the same bytes as :func:`json.dumps` with ``ensure_ascii=False,
indent=2, sort_keys=True``, several times faster), and by :mod:`json` otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from itertools import islice
from typing import Any

import orjson

from ..ruleset.model import Label
from .model import AwardGrant, OutcomeRow, Reason, SubmissionRow, plain

__all__ = ["Encoder", "dumped", "json_parts"]

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS


def dumped(value: Any, indent: int | None) -> bytes:
    """``json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=True)`` as UTF-8
    bytes (a lone surrogate, which only the Python API can put in a text, kept as its
    code unit, as ``str`` keeps it)."""
    if indent == 2:
        try:
            return orjson.dumps(value, option=_OPTIONS)
        except TypeError:  # what orjson does not write (a lone surrogate, a huge int): json says
            pass
    return json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=True).encode("utf-8", "surrogatepass")


def json_parts(head: Mapping[str, Any], rows: Iterable[SubmissionRow], indent: int | None,
               batch: int = 16) -> Iterator[bytes]:
    """The bytes of ``dumped({**head, "submissions": [...]}, indent)``, in parts: the
    head, then the submissions ``batch`` at a time (their data made from ``rows`` as
    they are written, never all at once), then the end.

    A batch is small so that its data is freed while still young: the data of a
    hundred submissions lived long enough for the garbage collector to move it to
    its oldest generation, and every few batches then set off a walk of every object
    the process holds.

    Each batch is dumped inside a one-key object, which puts its submissions at the
    depth they have in the whole text (two levels): what lies between that object's
    brackets is the whole text's, byte for byte, with no re-indenting.
    """
    text = dumped({**head, "submissions": []}, indent)
    # "submissions" sorts last, so its empty list closes the text: "[]" then "}"
    cut = text.rindex(b"[]")
    yield text[:cut]
    tail = text[cut + 2 :] + b"\n"
    rows = iter(rows)
    encoder = Encoder()
    first = next(rows, None)
    if first is None:
        yield b"[]" + tail
        return
    # a batch's list closes on a line of its own, one level deep: "\n" and the indent
    close = b"" if indent is None else b"\n" + b" " * indent
    comma = b", " if indent is None else b","
    yield b"["
    chunk: list[Any] = [encoder.submission(first)]
    while True:
        chunk.extend(encoder.submission(r) for r in islice(rows, batch - 1))
        wrapped = dumped({"s": chunk}, indent)
        inner = wrapped[wrapped.index(b"[") + 1 : wrapped.rindex(b"]") - len(close)]
        following = next(rows, None)
        if following is None:
            yield inner + close + b"]" + tail
            return
        yield inner + comma
        chunk = [encoder.submission(following)]


def _label(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Label):
        return {"id": value.id, "en": value.en or value.id}
    return plain(value)


def _number(value: Any) -> Any:
    return str(value) if type(value) is Decimal else plain(value)


def _map(values: Mapping[Any, Any]) -> dict[str, Any]:
    if not values:
        return {}
    pairs = getattr(values, "pairs", None)  # a row of the evaluation's criteria matrix
    return {k if type(k) is str else str(k): str(v) if type(v) is Decimal else plain(v)
            for k, v in (pairs() if pairs is not None else values.items())}


class Encoder:
    """Makes each submission's JSON-ready data; shares the work that repeats across
    submissions of one result (a reason many entries share, a stage's score texts)."""

    def __init__(self) -> None:
        self._reasons: dict[int, tuple[Reason, dict[str, Any]]] = {}
        self._texts: dict[int, tuple[Any, tuple[list[str], list[str]], dict[int, str]]] = {}

    def submission(self, row: SubmissionRow) -> dict[str, Any]:
        """One submission's data, as :meth:`Result.to_dict` has it."""
        sid, title, outcomes, awards, fields = row
        return {
            "id": sid,
            "title": title,
            "stages": [self._outcome(o) for o in outcomes],
            "awards": [self._grant(g) for g in awards],
            "fields": {str(k): plain(v) for k, v in fields.items()} if fields else {},
        }

    def _outcome(self, o: OutcomeRow) -> dict[str, Any]:
        stage, status, score, base, rank, criteria, judges, combined, adjustments, reasons = o
        return {
            "stage": stage,
            "status": status,
            "score": None if score is None else _number(score),
            "base_score": None if base is None else _number(base),
            "rank": rank,
            "criteria": _map(criteria),
            "judges": self._judges(judges),
            "combined": _map(combined),
            "adjustments": [
                {"id": a.id, "amount": _number(a.amount), "message": _label(a.message),
                 "detail": _label(a.detail), "plugin": a.plugin}
                for a in adjustments
            ],
            "reasons": [self._reason(r) for r in reasons],
        }

    def _judges(self, judges: Sequence[Any]) -> list[dict[str, Any]]:
        if not judges:
            return []
        texts = getattr(judges, "texts", None)
        if texts is not None:  # the evaluation's view: straight from the stage's rows
            out: list[dict[str, Any]] = texts(self._texts, _label)
            return out
        return [
            {"judge": j.judge, "total": None if j.total is None else _number(j.total),
             "criteria": _map(j.criteria), "used": None if j.used is None else _number(j.used),
             "excluded": _label(j.excluded)}
            for j in judges
        ]

    def _reason(self, r: Reason) -> dict[str, Any]:
        kept = self._reasons.get(id(r))
        if kept is not None and kept[0] is r:
            return kept[1]
        data = {
            "rule": r.rule, "kind": r.kind, "passed": r.passed, "message": _label(r.message),
            "detail": _label(r.detail), "plugin": r.plugin,
            "missing": [m if type(m) is str else plain(m) for m in r.missing],
        }
        # Entries share the reasons of the checks they pass (plain texts, not written
        # per entry): those are remembered, a bounded number of them (holding the
        # reason keeps its id unique). Remembering every reason would keep millions of
        # objects alive at 100,000 entries, each one more for the collector to walk.
        if type(r.message) is Label and len(self._reasons) < 4096:
            self._reasons[id(r)] = (r, data)
        return data

    @staticmethod
    def _grant(g: AwardGrant) -> dict[str, Any]:
        return {"award": g.award, "name": _label(g.name), "rank": g.rank, "group": g.group,
                "amount": None if g.amount is None else _number(g.amount), "note": _label(g.note),
                "plugin": g.plugin}
