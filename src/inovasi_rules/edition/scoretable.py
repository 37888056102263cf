"""Judges' scores in columns: :class:`Score` (one row) and :class:`ScoreTable` (all of them).

An edition of 100,000 submissions holds about 4.2 million score rows. As Python objects
(one tuple, four strings and a Decimal per row) they take about a gigabyte; in columns
they take a twentieth of that. A :class:`ScoreTable` keeps every column as a numpy
array of small integer *codes* into a tuple of distinct values (the dictionary
encoding of a column store): ``table.judges[table.judge[i]]`` is the judge of row
``i``. The engine computes on the codes directly; everyone else can treat the table
as the read-only sequence of :class:`Score` it is::

    >>> from decimal import Decimal
    >>> t = ScoreTable.from_scores([Score("A", "proposal", "J1", "gagasan", Decimal(80))])
    >>> len(t), t[0].value, [s.judge for s in t]
    (1, Decimal('80'), ['J1'])
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, overload

import numpy as np
import numpy.typing as npt

__all__ = ["Score", "ScoreTable"]

#: The integer type of a code column.
Codes = npt.NDArray[np.int32]


class Score(NamedTuple):
    """One judge's score of one submission on one criterion at one stage.

    ``row`` says where the score came from and is *not* part of its value: two scores
    are equal (and hash alike) when their first five fields are equal.

    :param submission: the submission's id.
    :param stage: the stage's id (as in the ruleset).
    :param judge: the judge's id.
    :param criterion: the criterion's id (as in the stage's rubric).
    :param value: the score.
    :param row: the 1-based row in the scores file or sheet (``None`` for JSON and
        in-memory scores).
    """

    submission: str
    stage: str
    judge: str
    criterion: str
    value: decimal.Decimal
    row: int | None = None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Score):
            return self[:5] == other[:5]
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if isinstance(other, Score):
            return self[:5] != other[:5]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self[:5])


def _codes(values: Iterable[int], n: int) -> Codes:
    return np.fromiter(values, dtype=np.int32, count=n)


def _per_score(values: npt.ArrayLike | None, n: int, name: str) -> npt.NDArray[np.int64] | None:
    """``values`` as a read-only column of one integer per score, or ``None``."""
    if values is None:
        return None
    column = np.ascontiguousarray(values, dtype=np.int64)
    if column.shape != (n,):
        raise ValueError(f"ScoreTable: {name} must have one entry per score")
    column.flags.writeable = False
    return column


class ScoreTable(Sequence[Score]):
    """The scores of an edition, in input order, stored as columns of codes.

    Read-only. Indexing, iterating and slicing give :class:`Score` tuples; two tables
    (or a table and any sequence of scores) are equal when they hold equal scores in the
    same order. Build one with :meth:`from_scores`, or let
    :class:`~inovasi_rules.Edition` do it (it accepts any iterable of scores).

    :ivar submissions: the distinct submission ids; ``sub`` holds codes into it.
    :ivar stages: the distinct stage ids; ``stage`` holds codes into it.
    :ivar judges: the distinct judge ids; ``judge`` holds codes into it.
    :ivar criteria: the distinct criterion ids; ``criterion`` holds codes into it.
    :ivar values: the distinct score values (``Decimal("85")`` and ``Decimal("85.0")``
        are kept apart, as written); ``value`` holds codes into it.
    :ivar rows: the 1-based row of each score in its file, 0 where it has none; ``None``
        when no score has a row (JSON and in-memory scores).
    :ivar records: for scores given as records (JSON, ``Edition.from_records``), the
        0-based position of each among them (a problem found later is located as
        ``scores[2]``); ``None`` otherwise.
    """

    __slots__ = (
        "criteria",
        "criterion",
        "judge",
        "judges",
        "records",
        "rows",
        "stage",
        "stages",
        "sub",
        "submissions",
        "value",
        "values",
    )

    submissions: tuple[str, ...]
    stages: tuple[str, ...]
    judges: tuple[str, ...]
    criteria: tuple[str, ...]
    values: tuple[decimal.Decimal, ...]
    sub: Codes
    stage: Codes
    judge: Codes
    criterion: Codes
    value: Codes
    records: npt.NDArray[np.int64] | None
    rows: npt.NDArray[np.int64] | None

    def __init__(
        self,
        *,
        submissions: Sequence[str],
        stages: Sequence[str],
        judges: Sequence[str],
        criteria: Sequence[str],
        values: Sequence[decimal.Decimal],
        sub: npt.ArrayLike,
        stage: npt.ArrayLike,
        judge: npt.ArrayLike,
        criterion: npt.ArrayLike,
        value: npt.ArrayLike,
        rows: npt.ArrayLike | None = None,
        records: npt.ArrayLike | None = None,
    ) -> None:
        """Wrap columns of codes (validated: equal lengths, codes in range)."""
        self.submissions = tuple(submissions)
        self.stages = tuple(stages)
        self.judges = tuple(judges)
        self.criteria = tuple(criteria)
        self.values = tuple(values)
        cols = []
        for name, col, names in (
            ("sub", sub, self.submissions),
            ("stage", stage, self.stages),
            ("judge", judge, self.judges),
            ("criterion", criterion, self.criteria),
            ("value", value, self.values),
        ):
            a = np.ascontiguousarray(col, dtype=np.int32)
            if a.ndim != 1:
                raise ValueError(f"ScoreTable: column {name} must be one-dimensional")
            if a.size and (int(a.min()) < 0 or int(a.max()) >= len(names)):
                raise ValueError(
                    f"ScoreTable: column {name} has a code outside 0..{len(names) - 1}"
                )
            a.flags.writeable = False
            cols.append(a)
        n = cols[0].size
        if any(c.size != n for c in cols):
            raise ValueError("ScoreTable: columns of different lengths")
        self.sub, self.stage, self.judge, self.criterion, self.value = cols
        self.records = _per_score(records, n, "records")
        # (rows last: once set, the table is read-only)
        self.rows = _per_score(rows, n, "rows")

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self, "rows"):
            raise AttributeError("ScoreTable is read-only")
        object.__setattr__(self, name, value)

    @classmethod
    def from_scores(cls, scores: Iterable[Score]) -> ScoreTable:
        """A table of ``scores`` (any iterable of :class:`Score`, kept in order)."""
        if isinstance(scores, ScoreTable):
            return scores
        items = scores if isinstance(scores, (list, tuple)) else list(scores)
        n = len(items)
        dicts: list[dict[Any, int]] = [{}, {}, {}, {}, {}]
        columns: list[Codes] = []
        for k, d in enumerate(dicts):
            setdefault = d.setdefault
            # value codes: distinct by (value, its text), so 85 and 85.0 stay apart
            if k == 4:
                columns.append(_codes((setdefault((s[4], str(s[4])), len(d)) for s in items), n))
            else:
                columns.append(_codes((setdefault(s[k], len(d)) for s in items), n))
        rows = None
        if any(s.row is not None for s in items):
            rows = np.fromiter((s.row or 0 for s in items), dtype=np.int64, count=n)
        return cls(
            submissions=list(dicts[0]),
            stages=list(dicts[1]),
            judges=list(dicts[2]),
            criteria=list(dicts[3]),
            values=[v for v, _ in dicts[4]],
            sub=columns[0],
            stage=columns[1],
            judge=columns[2],
            criterion=columns[3],
            value=columns[4],
            rows=rows,
        )

    def __len__(self) -> int:
        return int(self.sub.size)

    def _score(self, i: int) -> Score:
        row = None if self.rows is None else int(self.rows[i]) or None
        return Score(
            self.submissions[self.sub[i]],
            self.stages[self.stage[i]],
            self.judges[self.judge[i]],
            self.criteria[self.criterion[i]],
            self.values[self.value[i]],
            row,
        )

    @overload
    def __getitem__(self, index: int) -> Score: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Score, ...]: ...

    def __getitem__(self, index: int | slice) -> Score | tuple[Score, ...]:
        if isinstance(index, slice):
            return tuple(self._score(i) for i in range(*index.indices(len(self))))
        n = len(self)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError("ScoreTable index out of range")
        return self._score(i)

    def __iter__(self) -> Iterator[Score]:
        subs, stages, judges, crits, values = (
            self.submissions,
            self.stages,
            self.judges,
            self.criteria,
            self.values,
        )
        rows: list[int | None] = (
            [None] * len(self) if self.rows is None else [r or None for r in self.rows.tolist()]
        )
        new = tuple.__new__
        for s, st, j, c, v, r in zip(
            self.sub.tolist(),
            self.stage.tolist(),
            self.judge.tolist(),
            self.criterion.tolist(),
            self.value.tolist(),
            rows,
            strict=True,
        ):
            yield new(Score, (subs[s], stages[st], judges[j], crits[c], values[v], r))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ScoreTable) and other is self:
            return True
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        if len(other) != len(self):
            return False
        return all(a == b for a, b in zip(self, other, strict=True))

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __hash__(self) -> int:
        return hash(tuple(s[:5] for s in self))

    def __repr__(self) -> str:
        return f"<ScoreTable: {len(self)} scores>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._state(),))

    def _state(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in ScoreTable.__slots__}


def _rebuild(state: dict[str, Any]) -> ScoreTable:
    return ScoreTable(**state)
