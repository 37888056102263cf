"""The one builder every reader feeds: tables of cells in columns become checked records.

A reader (CSV, Excel, JSON, in-memory records) turns each table into :class:`_Cells`:
per column, one integer code per row into the column's distinct cells (what pyarrow's
dictionary arrays hold). The builders below convert each *distinct* cell once, check
a column at a time, and go back to single rows only to locate a problem (which row
holds a cell that is not a date, which id is written twice). Problems are reported in
row order, and within a row in column order, whatever order they were found in.
"""

from __future__ import annotations

import datetime
import decimal
import functools
from array import array
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, Final, TypeVar, cast

import attrs
import numpy as np
import numpy.typing as npt

from .cells import (
    _CONVERTERS,
    _SCORE_ALIASES,
    _SCORE_COLUMNS,
    _SUBMISSION_SPEC,
    _VERDICT_ALIASES,
    _VERDICT_COLUMNS,
    _conv_auto,
    _conv_field_number,
    _conv_integer,
    _conv_str,
    _parse_decimal,
    _text,
)
from .ids import close_ids
from .meta import _default_id, _Meta
from .model import (
    _EMPTY,
    _EMPTY_INNOVATION,
    _EMPTY_PARTICIPANT,
    JUDGE_FIELDS,
    VERDICT_WORDS,
    Edition,
    FrozenDict,
    Innovation,
    Judge,
    Participant,
    Submission,
    Verdict,
    _present,
    _verdict_key,
)
from .problems import _Bad, _Sink, _Where
from .scoretable import Codes, Score, ScoreTable

_T = TypeVar("_T")

# ---------------------------------------------------------------------------------------
# Cells in columns
# ---------------------------------------------------------------------------------------


@attrs.define
class _Cells:
    """One table's cells, column by column.

    :ivar names: the canonical name of each column (``None``: a column without a header,
        kept only to tell a blank row from one that is not).
    :ivar codes: per column, one code per row into ``values``.
    :ivar values: per column, its distinct cells (raw: text for CSV, typed for Excel and
        JSON).
    :ivar keys: per row, its key: the 1-based row of a file or sheet, or the index in a
        JSON list.
    :ivar records: per row, a record given as an object (a :class:`Submission`, a
        :class:`Score`, ...: kept as it is) or a value that is no record at all
        (reported), else ``None``; ``None`` when every row is a cell row.
    """

    where: _Where
    names: list[str | None]
    codes: list[Codes]
    values: list[list[object]]
    keys: npt.NDArray[np.int64]
    records: list[object] | None = None

    def __len__(self) -> int:
        return len(self.keys)

    def position(self, name: str) -> int | None:
        try:
            return self.names.index(name)
        except ValueError:
            return None

    def skip_blank(self) -> bool:
        return self.where.kind != "records"


@attrs.frozen
class _NotARecord:
    """A row of a JSON list or of ``from_records`` that is no record at all."""

    value: object


def _cell_key(cell: object) -> object:
    """What tells two cells apart: text by its value, other cells by type and text
    (``Decimal("1.0")`` and ``Decimal("1.00")`` print differently), lists and mappings
    each on their own."""
    kind = type(cell)
    if kind is str or cell is None:
        return cell
    if kind is int or kind is bool:
        return (kind, cell)
    if kind in (float, decimal.Decimal, datetime.date, datetime.datetime):
        return (kind, cell, str(cell))
    return (object, id(cell))


class _Encoder:
    """Builds :class:`_Cells` from rows of cells, a row at a time (Excel, JSON)."""

    def __init__(self, width: int) -> None:
        self.lookup: list[dict[object, int]] = [{} for _ in range(width)]
        self.values: list[list[object]] = [[] for _ in range(width)]
        self.codes = [array("i") for _ in range(width)]
        self.keys: list[int] = []
        self.records: list[object] | None = None

    def add(self, key: int, cells: Sequence[object], record: object = None) -> None:
        for lookup, values, codes, cell in zip(
            self.lookup, self.values, self.codes, cells, strict=True
        ):
            k = _cell_key(cell)
            code = lookup.get(k)
            if code is None:
                code = lookup[k] = len(values)
                values.append(cell)
            codes.append(code)
        if record is not None:
            if self.records is None:
                self.records = [None] * len(self.keys)
            self.records.append(record)
        elif self.records is not None:
            self.records.append(None)
        self.keys.append(key)

    def cells(self, where: _Where, names: Sequence[str | None]) -> _Cells:
        return _Cells(
            where,
            list(names),
            [np.frombuffer(c, dtype=np.intc).astype(np.int32) for c in self.codes],
            self.values,
            np.asarray(self.keys, dtype=np.int64),
            self.records,
        )


def _flatten(record: Mapping[Any, Any], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, "" if name == "extra" else f"{name}."))
        else:
            flat[name] = value
    return flat


def _rename(record: dict[str, object], aliases: Mapping[str, str]) -> dict[str, object]:
    for alias, name in aliases.items():
        if alias in record and name not in record:
            record[name] = record.pop(alias)
    return record


def _records_cells(
    records: Sequence[object],
    where: _Where,
    aliases: Mapping[str, str],
    kept: type | None,
    columns: Sequence[str] = (),
) -> _Cells:
    """The cells of ``records`` (mappings, flat or nested); a record of class ``kept``
    is kept as it is, anything else that is not a mapping is marked to be reported."""
    flats: list[dict[str, object] | None] = []
    flat: dict[str, object] | None
    names: dict[str, None] = dict.fromkeys(columns)
    marks: list[object] = []
    for record in records:
        if kept is not None and isinstance(record, kept):
            flats.append(None)
            marks.append(record)
        elif isinstance(record, Mapping):
            flat = _rename(_flatten(record), aliases)
            names.update(dict.fromkeys(flat))
            flats.append(flat)
            marks.append(None)
        else:
            flats.append(None)
            marks.append(_NotARecord(record))
    order = list(names)
    encoder = _Encoder(len(order))
    nothing = [None] * len(order)
    for key, (flat, mark) in enumerate(zip(flats, marks, strict=True)):
        row = nothing if flat is None else [flat.get(name) for name in order]
        encoder.add(key, row, mark)
    table = encoder.cells(where, order)
    if table.records is not None and all(r is None for r in table.records):
        table.records = None
    return table


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _blank_rows(cells: _Cells, positions: Iterable[int] | None = None) -> npt.NDArray[np.bool_]:
    """Which rows are blank in every column (of ``positions``, by default all)."""
    blank = np.ones(len(cells), dtype=bool)
    if not cells.skip_blank():
        return np.zeros(len(cells), dtype=bool)
    for k in range(len(cells.names)) if positions is None else positions:
        values = cells.values[k]
        of_value = np.fromiter(map(_blank, values), dtype=bool, count=len(values))
        blank &= of_value[cells.codes[k]]
    return blank


def _not_a_record(record: object) -> str:
    return f"expected a record (an object), got {type(record).__name__} / bukan rekaman"


# A problem found, to be reported in row order: (row index, order within the row,
# message, column, hint, rule, level)
_Found = tuple[int, int, str, "str | None", "str | None", str, str]
_LAST: Final = 1 << 30  # order of a problem of the whole row, after its cells'
# what the records are called in the Indonesian half of a message
_ID_WORDS: Final = {"submission": "pengajuan", "judge": "juri"}


def _report(cells: _Cells, found: list[_Found], sink: _Sink) -> None:
    where, keys = cells.where, cells.keys
    found.sort(key=lambda f: (f[0], f[1]))
    for i, _, message, column, hint, rule, level in found:
        problem = where.problem(message, int(keys[i]), column, hint=hint, rule=rule)
        if level == "warning":
            sink.warn(where, problem)
        else:
            sink.error(where, problem)


def _rows_of(codes: Codes, bad: Iterable[int], skip: npt.NDArray[np.bool_]) -> list[int]:
    """The rows (not skipped) whose code is one of ``bad``: where a problem is."""
    hit = np.isin(codes, np.fromiter(bad, dtype=np.int32)) & ~skip
    return [int(i) for i in np.flatnonzero(hit)]


def _convert(
    cells: _Cells,
    converter: Callable[[str], Callable[[object], object] | None],
    skip: npt.NDArray[np.bool_],
    found: list[_Found],
) -> tuple[dict[str, list[object]], npt.NDArray[np.bool_]]:
    """Each named column converted (every distinct cell once): per column name, the
    value of each row; and which rows have a cell that could not be converted."""
    columns: dict[str, list[object]] = {}
    ok = np.ones(len(cells), dtype=bool)
    for k, name in enumerate(cells.names):
        convert = converter(name) if name is not None else None
        if convert is None or name is None:
            continue
        converted: list[object] = []
        bad: dict[int, _Bad] = {}
        for code, raw in enumerate(cells.values[k]):
            try:
                converted.append(convert(raw))
            except _Bad as exc:
                bad[code] = exc
                converted.append(None)
        codes = cells.codes[k]
        if bad:
            for i in _rows_of(codes, bad, skip):
                why = bad[int(codes[i])]
                found.append((i, k, why.message, name, why.hint, "data", "error"))
                ok[i] = False
        columns[name] = list(map(converted.__getitem__, codes.tolist()))
    return columns, ok


def _typed(kind: str, sink: _Sink) -> Callable[[object], object]:
    numbers = sink.limits.numbers
    if kind == "number":
        return functools.partial(_conv_field_number, limits=numbers)
    if kind == "integer":
        return functools.partial(_conv_integer, limits=numbers)
    return _CONVERTERS[kind]


def _extra_converter(
    field_types: Mapping[str, str], sink: _Sink
) -> Callable[[str], Callable[[object], object]]:
    auto = functools.partial(_conv_auto, limits=sink.limits.numbers)

    def of(name: str) -> Callable[[object], object]:
        kind = field_types.get(name)
        return auto if kind is None else _typed(kind, sink)

    return of


def _unique_ids(
    cells: _Cells,
    ids: Sequence[object],
    skip: npt.NDArray[np.bool_],
    what: str,
    found: list[_Found],
) -> tuple[list[int], dict[str, str]]:
    """The rows to build (each id's first), reporting rows without an id and ids
    written twice (naming both places); and an index of every id seen."""
    where, keys = cells.where, cells.keys
    seen: dict[str, int] = {}
    index: dict[str, str] = {}
    first_rows: list[int] = []
    for i, item_id in enumerate(ids):
        if skip[i]:
            continue
        if item_id is None:
            found.append(
                (
                    i,
                    _LAST,
                    f"the {what} has no id / {_ID_WORDS[what]} tanpa id",
                    "id",
                    "every submission needs a unique id / setiap pengajuan perlu id yang unik"
                    if what == "submission"
                    else None,
                    "required",
                    "error",
                )
            )
            continue
        sid = str(item_id)
        first = seen.setdefault(sid, i)
        if first != i:
            there = where.describe(int(keys[first]))
            di = where.describe(int(keys[first]), "id")
            found.append(
                (
                    i,
                    _LAST + 1,
                    f"duplicate {what} id '{sid}': also at {there} / id {_ID_WORDS[what]} "
                    f"'{sid}' ganda: juga di {di}",
                    "id",
                    f"each {what} id must be unique (first at {there}) / setiap id {_ID_WORDS[what]} "
                    f"harus unik (pertama di {di})",
                    "duplicate",
                    "error",
                )
            )
            continue
        index[sid] = sid
        first_rows.append(i)
    return first_rows, index


def _record_rows(
    cells: _Cells, kept: type, skip: npt.NDArray[np.bool_], found: list[_Found]
) -> tuple[list[object | None], npt.NDArray[np.bool_]]:
    """Per row, the record given as an object (or ``None``); rows that are no record at
    all are reported and skipped."""
    objects: list[object | None] = []
    if cells.records is not None:
        skip = skip.copy()
        objects = [None] * len(cells)
        for i, record in enumerate(cells.records):
            if isinstance(record, _NotARecord):
                found.append((i, _LAST, _not_a_record(record.value), None, None, "data", "error"))
                skip[i] = True
            elif isinstance(record, kept):
                objects[i] = record
    return objects, skip


# ---------------------------------------------------------------------------------------
# Submissions and judges
# ---------------------------------------------------------------------------------------


def _build_submissions(
    cells: _Cells, field_types: Mapping[str, str], sink: _Sink
) -> tuple[list[Submission], dict[str, str]]:
    """The submissions of ``cells`` in row order, and an index of every id seen (also
    of rows with problems, so that their scores are not reported as unknown)."""
    found: list[_Found] = []
    skip = _blank_rows(cells)
    objects, skip = _record_rows(cells, Submission, skip, found)
    extra_of = _extra_converter(field_types, sink)

    def converter(name: str) -> Callable[[object], object]:
        spec = _SUBMISSION_SPEC.get(name)
        return spec[2] if spec is not None else extra_of(name)

    columns, _ = _convert(cells, converter, skip, found)
    n = len(cells)
    nothing: list[object] = [None] * n
    ids: list[object] = list(columns.get("id", nothing))
    for i, obj in enumerate(objects):
        if isinstance(obj, Submission):
            ids[i] = obj.id
    rows, index = _unique_ids(cells, ids, skip, "submission", found)
    _report(cells, found, sink)
    if sink.errors:
        return [], index

    def column(name: str) -> list[object]:
        return columns.get(name, nothing)

    extra_names = [
        name for name in cells.names if name is not None and name not in _SUBMISSION_SPEC
    ]
    extra_positions = [cells.names.index(name) for name in extra_names]
    extra_columns = [columns[name] for name in extra_names]
    # rows with the same cells share one read-only mapping (keyed by the cells' codes,
    # not by value: Decimal("1.0") == Decimal("1.00") but they print differently)
    shared: dict[tuple[int, ...], Mapping[str, object]] = {}
    people: dict[tuple[object, ...], Participant] = {}
    ideas: dict[tuple[object, ...], Innovation] = {}
    p_cols = [column(f"participant.{a}") for a in ("kind", "agency", "province", "regency", "name")]
    status, started = column("innovation.status"), column("innovation.started")
    awards = columns.get("innovation.previous_awards")
    titles, categories, groups = column("title"), column("category"), column("group")
    registered, waves, withdrawn = column("registered"), column("wave"), column("withdrawn")
    # each row's codes of the extra columns, and its record, as Python values made in
    # one pass each (not a NumPy scalar per cell)
    extra_codes = list(zip(*[cells.codes[k].tolist() for k in extra_positions], strict=True))
    p_rows = list(zip(*p_cols, strict=True))
    idea_rows = list(zip(status, started, awards if awards is not None else [()] * n, strict=True))
    origin = cells.where.origin
    keys = cells.keys.tolist()
    submissions: list[Submission] = []
    add = submissions.append
    for i in rows:
        obj = objects[i] if objects else None
        if isinstance(obj, Submission):
            add(obj)
            continue
        extra: Mapping[str, object] = _EMPTY
        if extra_names:
            codes = extra_codes[i]
            known_extra = shared.get(codes)
            if known_extra is None:
                found_extra = {
                    k: col[i]
                    for k, col in zip(extra_names, extra_columns, strict=True)
                    if _present(col[i])
                }
                known_extra = shared[codes] = FrozenDict(found_extra) if found_extra else _EMPTY
            extra = known_extra
        facts = p_rows[i]
        person = people.get(facts)
        if person is None:
            person = people[facts] = (
                _EMPTY_PARTICIPANT if facts.count(None) == len(facts) else Participant(*facts)
            )
        idea_facts = idea_rows[i]
        idea = ideas.get(idea_facts)
        if idea is None:
            idea = ideas[idea_facts] = (
                _EMPTY_INNOVATION if idea_facts == (None, None, ()) else Innovation(*idea_facts)  # type: ignore[arg-type]
            )
        # positional, in the order Submission declares its fields (a public signature)
        add(
            Submission(
                ids[i],  # type: ignore[arg-type]
                titles[i],  # type: ignore[arg-type]
                person,
                idea,
                categories[i],  # type: ignore[arg-type]
                groups[i],  # type: ignore[arg-type]
                registered[i],  # type: ignore[arg-type]
                waves[i],  # type: ignore[arg-type]
                withdrawn[i] is True,
                extra,
                origin(keys[i]),
            )
        )
    return submissions, index


def _build_judges(
    cells: _Cells, field_types: Mapping[str, str], sink: _Sink
) -> tuple[list[Judge], dict[str, str]]:
    found: list[_Found] = []
    skip = _blank_rows(cells)
    objects, skip = _record_rows(cells, Judge, skip, found)
    extra_of = _extra_converter(field_types, sink)

    def converter(name: str) -> Callable[[object], object]:
        return _conv_str if name in JUDGE_FIELDS else extra_of(name)

    columns, ok = _convert(cells, converter, skip, found)
    nothing: list[object] = [None] * len(cells)
    ids: list[object] = list(columns.get("id", nothing))
    for i, obj in enumerate(objects):
        if isinstance(obj, Judge):
            ids[i] = obj.id
    rows, index = _unique_ids(cells, ids, skip, "judge", found)
    _report(cells, found, sink)
    judges: list[Judge] = []
    for i in rows:
        obj = objects[i] if objects else None
        if isinstance(obj, Judge):
            judges.append(obj)
            continue
        if not ok[i]:
            continue
        kw = {k: columns[k][i] for k in JUDGE_FIELDS if k in columns and columns[k][i] is not None}
        extra = {
            name: columns[name][i]
            for name in cells.names
            if name is not None and name not in JUDGE_FIELDS and _present(columns[name][i])
        }
        judges.append(Judge(extra=extra, origin=cells.where.origin(int(cells.keys[i])), **kw))  # type: ignore[arg-type]
    return judges, index


# ---------------------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------------------


def _did_you_mean(text: str, candidates: Collection[str]) -> str | None:
    close = close_ids(text, candidates, n=1, cutoff=0.8)
    return f"did you mean '{close[0]}'? / maksud Anda '{close[0]}'?" if close else None


def _first_seen_order(
    codes: Codes, names: Sequence[_T], scratch: Codes | None = None
) -> tuple[Codes, list[_T]]:
    """Renumber ``codes`` (into ``names``) so that code ``i`` is the ``i``-th distinct
    value to appear, as :meth:`ScoreTable.from_scores` numbers them, dropping names no
    code uses. ``codes`` is the caller's own: it may be returned as it is.

    :param scratch: an int32 array at least as long as ``codes`` to work in (the columns
        of one table share it: a fresh array of millions of rows costs more to touch
        the first time than the work done in it).
    """
    if codes.size == 0:
        return codes.astype(np.int32), []
    buffer = scratch[: codes.size] if scratch is not None and codes.dtype == np.int32 else None
    running = np.maximum.accumulate(codes, out=buffer)
    top = int(running[-1])
    # from 0 to the last name in exactly `top` steps: every step is a new code, one up
    if (
        int(running[0]) == 0
        and top == len(names) - 1
        and np.count_nonzero(running[1:] != running[:-1]) == top
    ):
        return codes.astype(np.int32, copy=False), list(names)
    used, first = np.unique(codes, return_index=True)
    order = used[np.argsort(first, kind="stable")]
    renumber = np.zeros(len(names), dtype=np.int32)
    renumber[order] = np.arange(order.size, dtype=np.int32)
    return renumber[codes], [names[i] for i in order.tolist()]


def _combined_key(columns: Sequence[Codes], sizes: Sequence[int]) -> npt.NDArray[np.int64]:
    """One int64 per row that is equal for two rows exactly when all their codes are."""
    if not columns:
        return np.zeros(0, dtype=np.int64)
    n = columns[0].size
    key = columns[0].astype(np.int64)
    top = max(sizes[0], 1)  # key < top
    for codes, size in zip(columns[1:], sizes[1:], strict=True):
        if top * size >= 2**62:  # renumber the keys so far densely to avoid overflow
            key = np.unique(key, return_inverse=True)[1].reshape(-1).astype(np.int64)
            top = int(key.max()) + 1 if n else 1
        key *= size  # (in place: at millions of rows, a new array per step costs more than the step)
        key += codes
        top *= max(size, 1)
    return key


_SINGLE: Final = (list, tuple, Mapping, bool)


def _build_scores(
    cells: _Cells,
    submissions: Mapping[str, str] | None,
    judges: Mapping[str, str] | None,
    sink: _Sink,
) -> tuple[ScoreTable, list[Judge]]:
    """The scores of ``cells`` and, when ``judges`` is ``None`` (no judges table), the
    judges they imply (in order of first appearance)."""
    where, keys = cells.where, cells.keys
    n = len(cells)
    found: list[_Found] = []
    objects, skip = _record_rows(cells, Score, np.zeros(n, dtype=bool), found)
    records = cells.where.kind == "records"
    positions = [cells.position(name) for name in _SCORE_COLUMNS]
    # per score column: per row, the code of its cell (-1: no such column)
    raw_codes: list[Codes] = []
    raw_values: list[list[object]] = []
    for pos in positions:
        if pos is None:
            raw_codes.append(np.zeros(n, dtype=np.int32))
            raw_values.append([None])
        else:
            raw_codes.append(cells.codes[pos])
            raw_values.append(cells.values[pos])
    if any(o is not None for o in objects):  # Score objects: their cells, as text
        encoder_values = [list(v) for v in raw_values]
        lookups = [{_cell_key(v): c for c, v in enumerate(vals)} for vals in encoder_values]
        raw_codes = [c.copy() for c in raw_codes]
        for i, obj in enumerate(objects):
            if isinstance(obj, Score):
                for k, cell in enumerate((*obj[:4], _text(obj.value))):
                    code = lookups[k].get(cell)
                    if code is None:
                        code = lookups[k][cell] = len(encoder_values[k])
                        encoder_values[k].append(cell)
                    raw_codes[k][i] = code
        raw_values = encoder_values
    # cells that are not a single value (JSON): the row is reported at its first one
    texts: list[list[str]] = []
    single_bad = np.zeros(n, dtype=bool)
    for k, values in enumerate(raw_values):
        bad_values = [c for c, v in enumerate(values) if records and isinstance(v, _SINGLE)]
        texts.append(["" if records and isinstance(v, _SINGLE) else _text(v) for v in values])
        if bad_values:
            for i in _rows_of(raw_codes[k], bad_values, single_bad):
                column = _SCORE_COLUMNS[k]
                message = f"{column} must be a single value / harus satu nilai"
                hint: str | None = None
                value = values[int(raw_codes[k][i])]
                if isinstance(value, bool):  # JSON true or false: one value, of no use here
                    shown = "true" if value else "false"
                    message = (
                        f"{column} {shown} is not a number / nilai {shown} bukan angka"
                        if column == "score"
                        else f"{column} {shown} is not text / {column} {shown} bukan teks"
                    )
                    hint = 'e.g. / misalnya "score": 85' if column == "score" else f'e.g. / misalnya "{column}": "..."'
                found.append((i, k, message, column, hint, "data", "error"))
                single_bad[i] = True
    blank = np.ones(n, dtype=bool)
    for k in range(5):
        of_text = np.fromiter((not t.strip() for t in texts[k]), dtype=bool, count=len(texts[k]))
        blank &= of_text[raw_codes[k]]
    skip = skip | blank | single_bad

    ok = ~skip
    canonical: list[Codes] = []
    names: list[list[str]] = []
    implied: list[Judge] = []
    for k, known in enumerate((submissions, None, judges, None)):
        column = _SCORE_COLUMNS[k]
        what = ("submission", None, "judge", None)[k]
        lookup = np.full(len(texts[k]), -1, dtype=np.int32)
        code_of: dict[str, int] = {}
        problems: dict[int, tuple[str, str | None, str]] = {}
        for c, raw in enumerate(texts[k]):
            found_id = known.get(raw) if known is not None else None
            if found_id is None:
                text = raw.strip()
                if not text:
                    problems[c] = (f"empty {column} / {column} kosong", None, "required")
                    continue
                if known is not None:
                    found_id = known.get(text)
                    if found_id is None:
                        source = "submissions" if what == "submission" else "judges"
                        word = "pengajuan" if what == "submission" else "juri"
                        problems[c] = (
                            f"unknown {what} id '{text}' / id {word} '{text}' tidak dikenal",
                            _did_you_mean(text, known)
                            or f"every {column} must be an id in {source} / setiap {column} harus berupa id "
                            f"di {source}",
                            "unknown-reference",
                        )
                        continue
                else:
                    found_id = text
            lookup[c] = code_of.setdefault(found_id, len(code_of))
        codes = lookup[raw_codes[k]]
        if problems:
            for i in _rows_of(raw_codes[k], problems, skip):
                message, hint, rule = problems[int(raw_codes[k][i])]
                found.append((i, k, message, column, hint, rule, "error"))
        ok &= codes >= 0
        canonical.append(codes)
        names.append(list(code_of))
        if k == 2 and judges is None:
            seen = ~skip & (codes >= 0)
            rows = np.flatnonzero(seen)
            judge_codes, first = np.unique(codes[rows], return_index=True)
            order = np.argsort(first, kind="stable")
            implied = [
                Judge(
                    names[2][int(judge_codes[j])],
                    origin=where.origin(int(keys[int(rows[first[j]])])),
                )
                for j in order
            ]
    # the scores: each distinct text read once, within the limits
    value_of: dict[tuple[decimal.Decimal, str], int] = {}
    numbers_read: list[decimal.Decimal] = []
    lookup = np.full(len(texts[4]), -1, dtype=np.int32)
    bad_scores: dict[int, tuple[str, str | None, str, str]] = {}
    numbers = sink.limits.numbers
    for c, raw in enumerate(texts[4]):
        try:
            value = _parse_decimal(raw, numbers)
        except _Bad as exc:
            bad_scores[c] = (exc.message, exc.hint, "data", "error")
            continue
        if value is None:
            bad_scores[c] = (
                "empty score: no score is recorded for this row / nilai kosong: dianggap tidak ada",
                "fill in the score, or delete the row / isi nilainya, atau hapus barisnya",
                "empty-score",
                "warning",
            )
            continue
        lookup[c] = value_of.setdefault((value, str(value)), len(numbers_read))
        if lookup[c] == len(numbers_read):
            numbers_read.append(value)
    value_codes = lookup[raw_codes[4]]
    if bad_scores:
        for i in _rows_of(raw_codes[4], bad_scores, skip):
            message, hint, rule, level = bad_scores[int(raw_codes[4][i])]
            found.append((i, 4, message, "score", hint, rule, level))
    ok &= value_codes >= 0

    # a score written twice: the first is kept, each later one reported
    every = bool(ok.all())  # the usual case: no copies of the columns

    def kept(column: Codes) -> Codes:
        return column if every else column[rows]

    rows = np.flatnonzero(ok)
    sizes = [max(len(x), 1) for x in names]
    key = _combined_key([kept(c) for c in canonical], sizes)
    key.sort()  # (in place: a sorted copy of millions of keys costs more than sorting them)
    twice_any = rows.size > 1 and bool((key[1:] == key[:-1]).any())
    if twice_any:
        every = False
        key = _combined_key([kept(c) for c in canonical], sizes)  # in row order again
        distinct, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        if distinct.size != rows.size:
            twice = np.flatnonzero(first[inverse] != np.arange(rows.size))
            for j in twice.tolist():
                i = int(rows[j])
                f = int(rows[first[inverse[j]]])
                k4 = [names[k][int(canonical[k][i])] for k in range(4)]
                there, here = where.describe(int(keys[f])), where.describe(int(keys[i]))
                found.append(
                    (
                        i,
                        _LAST,
                        f"duplicate score: submission '{k4[0]}', stage '{k4[1]}', judge "
                        f"'{k4[2]}', criterion '{k4[3]}' is also at {there} / nilai ganda: "
                        f"juga di {where.describe(int(keys[f]), 'id')}",
                        None,
                        f"keep one of {there} and {here} / simpan salah satu dari "
                        f"{where.describe(int(keys[f]), 'id')} dan {where.describe(int(keys[i]), 'id')}",
                        "duplicate",
                        "error",
                    )
                )
                ok[i] = False
            rows = np.flatnonzero(ok)
    del key
    _report(cells, found, sink)
    scratch = np.empty(rows.size, dtype=np.int32)
    sub, subs = _first_seen_order(kept(canonical[0]), names[0], scratch)
    stage, stages = _first_seen_order(kept(canonical[1]), names[1], scratch)
    judge, judge_names = _first_seen_order(kept(canonical[2]), names[2], scratch)
    crit, criteria = _first_seen_order(kept(canonical[3]), names[3], scratch)
    value_column, kept_values = _first_seen_order(kept(value_codes), numbers_read, scratch)
    row_keys = record_keys = None
    if rows.size:
        if records:
            record_keys = keys if every else keys[rows]
        else:
            row_keys = keys if every else keys[rows]
    table = ScoreTable(
        submissions=subs,
        stages=stages,
        judges=judge_names,
        criteria=criteria,
        values=kept_values,
        sub=sub,
        stage=stage,
        judge=judge,
        criterion=crit,
        value=value_column,
        rows=row_keys,
        records=record_keys,
    )
    return table, implied


def _unused_score_keys(cells: _Cells, sink: _Sink) -> None:
    """JSON and in-memory scores: a key that is not a score column is reported once."""
    for name in sorted(n for n in cells.names if n is not None and n not in _SCORE_COLUMNS):
        sink.warn(
            cells.where,
            cells.where.problem(
                f"key '{name}' of the scores is not used / kunci tidak dipakai",
                None,
                hint=f"score keys / kunci nilai: {', '.join(_SCORE_COLUMNS)}",
                rule="unknown-column",
            ),
        )


# ---------------------------------------------------------------------------------------
# Verdicts
# ---------------------------------------------------------------------------------------


def _build_verdicts(
    cells: _Cells, submissions: Mapping[str, str] | None, sink: _Sink
) -> list[Verdict]:
    where, keys = cells.where, cells.keys
    found: list[_Found] = []
    skip = _blank_rows(cells)
    objects, skip = _record_rows(cells, Verdict, skip, found)

    def converter(name: str) -> Callable[[object], object] | None:
        return _conv_str if name in _VERDICT_COLUMNS else None

    columns, ok = _convert(cells, converter, skip, found)
    nothing: list[object] = [None] * len(cells)
    words = ", ".join(VERDICT_WORDS)
    seen: dict[tuple[str, str], int] = {}
    candidates: list[tuple[int, tuple[str, str, str, str | None]]] = []
    for i in range(len(cells)):
        if skip[i]:
            continue
        obj = objects[i] if objects else None
        sub: str | None
        stage: str | None
        word: str | None
        note: str | None
        if isinstance(obj, Verdict):
            sub, stage, word, note = obj.submission, obj.stage, obj.verdict, obj.note
        elif not ok[i]:
            continue
        else:
            sub, stage, word, note = (
                cast("str | None", columns.get(c, nothing)[i]) for c in _VERDICT_COLUMNS
            )
        good = True
        for k, (column, value) in enumerate(
            (("submission_id", sub), ("stage", stage), ("verdict", word))
        ):
            if value is None:
                good = False
                found.append(
                    (i, k, f"empty {column} / {column} kosong", column, None, "required", "error")
                )
        if word is not None and _verdict_key(word) not in VERDICT_WORDS:
            good = False
            found.append(
                (
                    i,
                    3,
                    f"unknown verdict '{word}' / putusan '{word}' tidak dikenal",
                    "verdict",
                    f"use one of / pakai salah satu: {words}",
                    "unknown-verdict",
                    "error",
                )
            )
        if sub is not None and submissions is not None and sub not in submissions:
            good = False
            found.append(
                (
                    i,
                    4,
                    f"unknown submission id '{sub}' / id pengajuan '{sub}' tidak dikenal",
                    "submission_id",
                    _did_you_mean(sub, submissions)
                    or "every submission_id must be an id in submissions / setiap submission_id "
                    "harus berupa id di submissions",
                    "unknown-reference",
                    "error",
                )
            )
        if not good or sub is None or stage is None or word is None:
            continue
        first = seen.setdefault((sub, stage), i)
        if first != i:
            there, here = where.describe(int(keys[first])), where.describe(int(keys[i]))
            found.append(
                (
                    i,
                    _LAST,
                    f"duplicate verdict for submission '{sub}' at stage '{stage}': also at "
                    f"{there} / putusan ganda: juga di {where.describe(int(keys[first]), 'id')}",
                    None,
                    f"keep one of {there} and {here} / simpan salah satu dari "
                    f"{where.describe(int(keys[first]), 'id')} dan {where.describe(int(keys[i]), 'id')}",
                    "duplicate",
                    "error",
                )
            )
            continue
        candidates.append((i, (sub, stage, word, note)))
    _report(cells, found, sink)
    return [
        Verdict(sub, stage, word, note, origin=where.origin(int(keys[i])))
        for i, (sub, stage, word, note) in candidates
    ]


# ---------------------------------------------------------------------------------------
# The edition
# ---------------------------------------------------------------------------------------


def _finish(
    meta: _Meta,
    *,
    submissions: list[Submission],
    judges: list[Judge],
    scores: ScoreTable,
    verdicts: list[Verdict],
    source: str | None,
    files: Mapping[str, str],
    sink: _Sink,
) -> Edition:
    sink.raise_if_errors()
    meta = _default_id(meta, submissions)
    return Edition(
        id=meta.id,
        ruleset=meta.ruleset,
        year=meta.year,
        title=meta.title,
        notes=meta.notes,
        parameters=meta.parameters,
        submissions=tuple(submissions),
        judges=tuple(judges),
        scores=scores,
        verdicts=tuple(verdicts),
        source=source,
        files=files,
        findings=tuple(sink.warnings),
    )


def _assemble_records(
    meta: _Meta,
    *,
    submissions: Sequence[object],
    judges: Sequence[object] | None,
    scores: Sequence[object],
    verdicts: Sequence[object],
    file: str | None,
    source: str | None,
    sink: _Sink,
) -> Edition:
    """An edition of records (JSON, or Python objects given to ``from_records``)."""

    def where(table: str) -> _Where:
        return _Where("records", file, table)

    from .cells import _JUDGE_ALIASES

    subs, sub_ids = _build_submissions(
        _records_cells(submissions, where("submissions"), {}, Submission), meta.fields, sink
    )
    judge_list: list[Judge] = []
    judge_ids: dict[str, str] | None = None
    if judges is not None:
        judge_list, judge_ids = _build_judges(
            _records_cells(judges, where("judges"), _JUDGE_ALIASES, Judge), meta.fields, sink
        )
    score_cells = _records_cells(scores, where("scores"), _SCORE_ALIASES, Score, _SCORE_COLUMNS)
    score_table, implied = _build_scores(score_cells, sub_ids, judge_ids, sink)
    _unused_score_keys(score_cells, sink)
    if judges is None:
        judge_list = implied
    verdict_list = _build_verdicts(
        _records_cells(verdicts, where("verdicts"), _VERDICT_ALIASES, Verdict), sub_ids, sink
    )
    files = dict.fromkeys(("submissions", "judges", "scores", "verdicts"), file) if file else {}
    if file:
        files["edition"] = file
    return _finish(
        meta,
        submissions=subs,
        judges=judge_list,
        scores=score_table,
        verdicts=verdict_list,
        source=source,
        files={k: v for k, v in files.items() if v is not None},
        sink=sink,
    )
