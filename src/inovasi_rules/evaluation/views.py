"""Read-only views of a stage's score rows that the result keeps: one judge's scores
per criterion, one entry's score per criterion, and every judge's score of one entry,
each made when first looked at (most are never looked at) and each equal to, and
hashing like, the plain value it stands for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, overload

from ..frozen import EMPTY, FrozenMap
from ..result import JudgeScore
from ..ruleset.model import Label

if TYPE_CHECKING:
    from .scoring import StageRows

__all__ = ["Criteria", "CriteriaRow", "CriteriaTable", "JudgeScores"]


class _ScoreView(Mapping[str, Decimal]):
    """What both score views share: equal to and hashing like the dict they stand for,
    and pickled as a plain read-only mapping."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self.items()))

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (dict(self),))


class Criteria(_ScoreView):
    """One judge's scores per criterion (``JudgeScore.criteria``): a read-only view of rows ``a:b`` of a stage's
    sorted rows (a mapping, in criterion id order, without a dict per judge)."""

    __slots__ = ("_a", "_b", "_rows")

    def __init__(self, rows: StageRows, a: int, b: int) -> None:
        self._rows, self._a, self._b = rows, a, b

    def __getitem__(self, key: str) -> Decimal:
        rows = self._rows
        names, codes = rows.criteria, rows.crit
        for i in range(self._a, self._b):
            if names[codes[i]] == key:
                return rows.values[rows.value[i]]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        names = self._rows.criteria
        return iter([names[c] for c in self._rows.crit[self._a : self._b]])

    def __len__(self) -> int:
        return self._b - self._a


class CriteriaRow(_ScoreView):
    """One submission's score per criterion (``StageOutcome.criteria``): row ``k`` of a (submissions x criteria)
    array of Decimals, as a read-only mapping in the rubric's order."""

    __slots__ = ("_k", "_matrix", "_position")

    def __init__(self, position: dict[str, int], matrix: Any, k: int) -> None:
        self._position, self._matrix, self._k = position, matrix, k

    def __getitem__(self, key: str) -> Decimal:
        value: Decimal = self._matrix[self._k, self._position[key]]
        return value

    def get(self, key: str, default: Any = None) -> Any:
        """The score of criterion ``key``, or ``default``."""
        i = self._position.get(key)
        return default if i is None else self._matrix[self._k, i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)

    def pairs(self) -> list[tuple[str, Decimal]]:
        """(criterion, score) pairs in the rubric's order, in one read of the row (what
        the result's JSON is written from)."""
        return list(zip(self._position, self._matrix[self._k].tolist(), strict=True))


def _none(sid: str) -> None:
    return None


class CriteriaTable(Mapping[str, Mapping[str, Decimal]]):
    """Every entry's score per criterion at one stage: submission id -> its
    :class:`CriteriaRow` of a (submissions x criteria) array of Decimals, made when
    read (no object per entry until then)."""

    __slots__ = ("_index", "_matrix", "_position")

    def __init__(self, position: dict[str, int], matrix: Any, index: dict[str, int]) -> None:
        self._position, self._matrix, self._index = position, matrix, index

    def __getitem__(self, sid: str) -> CriteriaRow:
        return CriteriaRow(self._position, self._matrix, self._index[sid])

    def get(self, sid: str, default: Any = None) -> Any:
        """The row of ``sid``, or ``default`` (not making a row to find out)."""
        k = self._index.get(sid)
        return default if k is None else CriteriaRow(self._position, self._matrix, k)

    def __contains__(self, sid: object) -> bool:
        return sid in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def column(self, criterion: str) -> Callable[[str], Decimal | None]:
        """The score for ``criterion`` as a function of the submission id (``None`` when
        it has none), reading the criterion's column once: what a tie-break on the
        criterion asks of every entry."""
        i = self._position.get(criterion)
        if i is None:
            return _none
        scores: list[Decimal] = self._matrix[:, i].tolist()
        # (the index lists the submissions in the matrix's row order)
        return dict(zip(self._index, scores, strict=True)).get


class JudgeScores(Sequence[JudgeScore]):
    """``StageOutcome.judges``: each judge's :class:`~inovasi_rules.JudgeScore` of one
    entry, made from the stage's rows when first looked at (most are never looked at,
    and there are five per entry). Equal to, and hashes like, the tuple of the same
    scores.

    :param excluded: group -> why that judge's score is not counted.
    :param used: group -> the value that entered the aggregate; ``None`` means each
        counted judge's own total.
    """

    __slots__ = ("_excluded", "_g0", "_g1", "_items", "_places", "_rows", "_used")

    def __init__(
        self, rows: StageRows, g0: int, g1: int, places: int,
        excluded: Mapping[int, Label] = EMPTY, used: Mapping[int, Decimal] | None = None,
    ) -> None:
        self._rows, self._g0, self._g1, self._places = rows, g0, g1, places
        self._excluded, self._used = excluded, used
        self._items: tuple[JudgeScore, ...] | None = None

    def _all(self) -> tuple[JudgeScore, ...]:
        if self._items is None:
            rows, places, excluded, used = self._rows, self._places, self._excluded, self._used
            out = []
            for g in range(self._g0, self._g1):
                crits = Criteria(rows, rows.start[g], rows.start[g + 1])
                why = excluded.get(g)
                if why is not None:
                    out.append(JudgeScore(rows.judge[g], None, crits, None, why))
                    continue
                t = Decimal(rows.total[g]).scaleb(-places)
                out.append(JudgeScore(rows.judge[g], t, crits, t if used is None else used.get(g)))
            self._items = tuple(out)
        return self._items

    def texts(self, memo: dict[int, tuple[Any, tuple[list[str], list[str]], dict[int, str]]],
              label: Callable[[Any], Any]) -> list[dict[str, Any]]:
        """Each judge's score as JSON-ready data (what ``to_dict`` makes of the
        :class:`~inovasi_rules.JudgeScore`), straight from the rows, without making the
        objects.

        :param memo: kept by the caller across the entries of one result: each row's
            criterion and score text and each judge total's text of a stage's rows,
            made once.
        :param label: makes a label JSON-ready.
        """
        if self._items is not None:
            return [_judge_data(j, label) for j in self._items]
        rows, places, excluded, used = self._rows, self._places, self._excluded, self._used
        kept = memo.get(id(rows))
        if kept is None or kept[0] is not rows:  # (holding the rows keeps their id unique)
            texts = [str(v) for v in rows.values]
            # each row's criterion and score text, in the rows' order: a judge's scores
            # are then two slices
            kept = memo[id(rows)] = (rows, ([rows.criteria[c] for c in rows.crit],
                                            [texts[v] for v in rows.value]), {})
        (names, values), totals = kept[1], kept[2]
        start = rows.start
        out = []
        for g in range(self._g0, self._g1):
            a, b = start[g], start[g + 1]
            crits = dict(zip(names[a:b], values[a:b], strict=True))
            why = excluded.get(g)
            if why is not None:
                out.append({"judge": rows.judge[g], "total": None, "criteria": crits, "used": None,
                            "excluded": label(why)})
                continue
            scaled = rows.total[g]
            t = totals.get(scaled)
            if t is None:
                t = str(Decimal(scaled).scaleb(-places))
                if len(totals) < 100_000:
                    totals[scaled] = t
            if used is None:
                u: str | None = t
            else:
                v = used.get(g)
                u = None if v is None else str(v)
            out.append({"judge": rows.judge[g], "total": t, "criteria": crits, "used": u, "excluded": None})
        return out

    @overload
    def __getitem__(self, index: int) -> JudgeScore: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[JudgeScore, ...]: ...

    def __getitem__(self, index: int | slice) -> JudgeScore | tuple[JudgeScore, ...]:
        return self._all()[index]

    def __len__(self) -> int:
        return self._g1 - self._g0

    def __iter__(self) -> Iterator[JudgeScore]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return self._all() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self._all(),))


def _judge_data(j: JudgeScore, label: Callable[[Any], Any]) -> dict[str, Any]:
    return {"judge": j.judge, "total": None if j.total is None else str(j.total),
            "criteria": {k: str(v) for k, v in j.criteria.items()},
            "used": None if j.used is None else str(j.used), "excluded": label(j.excluded)}
