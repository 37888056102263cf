"""Tables of rows (CSV files and Excel sheets): headers, row widths, one reader per table."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from ..errors import Problem
from .builder import (
    _build_judges,
    _build_submissions,
    _build_verdicts,
    _FlatRecord,
    _implied_judges,
    _ScoreBuilder,
)
from .cells import (
    _CONVERTERS,
    _JUDGE_ALIASES,
    _SCORE_ALIASES,
    _SCORE_COLUMNS,
    _SUBMISSION_ALIASES,
    _SUBMISSION_SPEC,
    _VERDICT_ALIASES,
    _VERDICT_COLUMNS,
    _conv_auto,
    _conv_str,
    _text,
)
from .meta import _Meta
from .model import (
    _EMPTY,
    _EMPTY_INNOVATION,
    _EMPTY_PARTICIPANT,
    _NO_SCORES,
    JUDGE_FIELDS,
    SUBMISSION_FIELDS,
    FrozenDict,
    Innovation,
    Judge,
    Participant,
    Submission,
    Verdict,
    _present,
)
from .problems import _Bad, _col_letter, _Sink, _Where
from .scoretable import ScoreTable

_T = TypeVar("_T")


@attrs.frozen
class _Header:
    """A table's header: the canonical name of each column (``None``: ignored)."""

    names: tuple[str | None, ...]
    width: int  # number of header cells, including unnamed trailing ones
    needed: int  # cells a row must have: up to the last named column
    index: Mapping[str, int]  # name -> 1-based column
    ok: bool  # every required column is present

    def position(self, name: str) -> int:
        return self.index[name] - 1


def _map_header(
    cells: Sequence[object],
    *,
    known: Collection[str],
    aliases: Mapping[str, str],
    required: Sequence[str],
    where: _Where,
    sink: _Sink,
    header_row: int,
    extras: str,  # "keep", "warn" (not used) or "near-miss" (kept, warn when close)
) -> _Header:
    lowered = {k.lower(): k for k in known}
    lowered.update({a.lower(): n for a, n in aliases.items()})
    names: list[str | None] = []
    index: dict[str, int] = {}
    last_named = 0
    for position, cell in enumerate(cells, 1):
        text = _text(cell).strip()
        if not text:
            names.append(None)
            continue
        name = lowered.get(text.lower(), text)
        if name in index:
            sink.error(
                where,
                Problem(
                    f"column '{name}' appears twice (columns {index[name]} and {position}) / "
                    "kolom ganda",
                    file=where.file,
                    row=header_row,
                    column=position,
                    path=_header_path(where, position, header_row, name),
                    hint="remove or rename one of them",
                    rule="duplicate-column",
                ),
            )
            names.append(None)
            continue
        index[name] = position
        names.append(name)
        last_named = position
        if name not in known and name not in aliases.values():
            if extras == "near-miss":
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
                if close:
                    sink.warn(
                        where,
                        Problem(
                            f"unknown column '{name}' is read as an extra field; did you mean "
                            f"'{close[0]}'? / kolom tidak dikenal",
                            file=where.file,
                            row=header_row,
                            column=position,
                            path=_header_path(where, position, header_row, name),
                            hint=f"rename it to '{close[0]}' if that is what it holds",
                            rule="unknown-column",
                        ),
                    )
            elif extras == "warn":
                sink.warn(
                    where,
                    Problem(
                        f"column '{name}' is not used / kolom '{name}' tidak dipakai",
                        file=where.file,
                        row=header_row,
                        column=position,
                        path=_header_path(where, position, header_row, name),
                        hint=f"expected columns: {', '.join(known)}",
                        rule="unknown-column",
                    ),
                )
    ok = True
    headers = [n for n in names if n]
    for column in required:
        if column in index:
            continue
        ok = False
        close = difflib.get_close_matches(column, headers, n=1, cutoff=0.6)
        hint = f"expected columns: {', '.join(known)}"
        if close:
            hint = f"did you mean: rename '{close[0]}' to '{column}'? {hint}"
        sink.error(
            where,
            Problem(
                f"required column '{column}' is missing / kolom wajib '{column}' tidak ada",
                file=where.file,
                row=header_row,
                path=where.table + "!" + str(header_row) if where.kind == "xlsx" else column,
                hint=hint,
                rule="missing-column",
            ),
        )
    return _Header(tuple(names), len(names), last_named, index, ok)


def _header_path(where: _Where, position: int, row: int, name: str) -> str:
    if where.kind == "xlsx":
        return f"{where.table}!{_col_letter(position)}{row}"
    return name


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _blank_row(cells: Sequence[object]) -> bool:
    """Whether every cell is blank (a CSV row is all text: one join, not a call a cell)."""
    text = [c for c in cells if type(c) is str]
    if len(text) == len(cells):
        return not "".join(text).strip()
    return all(_blank(c) for c in cells)


def _fit_row(
    cells: Sequence[Any], header: _Header, key: int, where: _Where, sink: _Sink, pad: bool
) -> Sequence[Any] | None:
    """Make a row as wide as the header, or report it; ``None`` skips the row."""
    n = len(cells)
    if n == 0 or all(_blank(c) for c in cells):
        return None
    width = header.width
    if n > width:
        if all(_blank(c) for c in cells[width:]):
            return cells[:width]
        if pad:  # Excel: name the first cell beyond the header
            extra_at = next(i for i in range(width, n) if not _blank(cells[i]))
            sink.error(
                where,
                Problem(
                    f"a value in column {_col_letter(extra_at + 1)}, which has no header / "
                    "nilai di kolom tanpa judul",
                    file=where.file,
                    row=key,
                    column=extra_at + 1,
                    path=f"{where.table}!{_col_letter(extra_at + 1)}{key}",
                    hint="add a header for the column or delete the value",
                    rule="row-width",
                ),
            )
            return None
    elif pad or n >= header.needed:
        return list(cells) + [None if pad else ""] * (width - n)
    sink.error(
        where,
        where.problem(
            f"the row has {n} cells but the header has {width} columns / baris berisi {n} "
            f"sel, judul berisi {width} kolom",
            key,
            hint="check for a missing or extra delimiter, or a value with a delimiter in "
            "it that is not quoted",
            rule="row-width",
        ),
    )
    return None


def _grid_records(
    rows: Iterable[tuple[int, Sequence[Any]]],
    header: _Header,
    where: _Where,
    sink: _Sink,
    pad: bool,
) -> Iterator[tuple[int, dict[str, object]]]:
    names = header.names
    width = header.width
    for key, cells in rows:
        if len(cells) != width:
            fitted = _fit_row(cells, header, key, where, sink, pad)
            if fitted is None:
                continue
            cells = fitted
        elif _blank_row(cells):
            continue
        yield (
            key,
            _FlatRecord({name: cell for name, cell in zip(names, cells, strict=True) if name}),
        )


def _text_rows(rows: Iterable[tuple[int, Sequence[Any]]]) -> Iterator[tuple[int, list[str]]]:
    for key, cells in rows:
        yield key, [_text(c) for c in cells]


# A table reader: given a header row number and numbered rows, build the table.
_GridConsumer = Callable[[int, Iterator[tuple[int, Sequence[Any]]], _Sink], _T]


@attrs.define
class _GridTables:
    """What the grid readers (folder and workbook) have built so far."""

    meta: _Meta
    submissions: list[Submission] = attrs.field(factory=list)
    sub_ids: dict[str, str] | None = None
    judges: list[Judge] | None = None
    judge_ids: dict[str, str] | None = None
    scores: ScoreTable = _NO_SCORES
    verdicts: list[Verdict] = attrs.field(factory=list)
    files: dict[str, str] = attrs.field(factory=dict)


def _submissions_consumer(
    where: _Where, meta: _Meta, pad: bool
) -> _GridConsumer[tuple[list[Submission], dict[str, str] | None]]:
    def consume(
        header_row: int, rows: Iterator[tuple[int, Sequence[Any]]], sink: _Sink
    ) -> tuple[list[Submission], dict[str, str] | None]:
        header_cells = _first(rows, where, sink, header_row)
        if header_cells is None:
            return [], None
        header_row, cells = header_cells
        header = _map_header(
            cells,
            known=SUBMISSION_FIELDS,
            aliases=_SUBMISSION_ALIASES,
            required=("id",),
            where=where,
            sink=sink,
            header_row=header_row,
            extras="near-miss",
        )
        w = where.with_columns(header.index)
        if not header.ok:
            return [], None
        if not pad:  # a CSV file: every cell is text
            return _csv_submissions(rows, header, w, meta.fields, sink)
        records = _grid_records(rows, header, w, sink, pad)
        subs, ids = _build_submissions(records, w, meta.fields, sink)
        return subs, ids

    return consume


def _csv_submissions(
    rows: Iterator[tuple[int, Sequence[Any]]],
    header: _Header,
    where: _Where,
    field_types: Mapping[str, str],
    sink: _Sink,
) -> tuple[list[Submission], dict[str, str]]:
    """The submissions of a CSV file's rows (after the header): by
    :func:`_fast_submissions` when it takes them, else row by row, which reports every
    problem. Rows read before a CSV or decoding error are read row by row too, then the
    error is raised again, as if they had been read row by row all along."""
    buffered: list[tuple[int, Sequence[Any]]] = []
    append = buffered.append
    failed: Exception | None = None
    try:
        for row in rows:
            append(row)
    except Exception as exc:  # csv.Error, UnicodeDecodeError: the caller handles it
        failed = exc
    else:
        fast = _fast_submissions(buffered, header, where, field_types)
        if fast is not None:
            return fast
    records = _grid_records(_replay(buffered, failed), header, where, sink, False)
    return _build_submissions(records, where, field_types, sink)


def _replay(
    rows: Iterable[tuple[int, Sequence[Any]]], failed: Exception | None
) -> Iterator[tuple[int, Sequence[Any]]]:
    """``rows``, then ``failed`` raised (if any) where the reader raised it."""
    yield from rows
    if failed is not None:
        raise failed


def _fast_submissions(
    rows: Sequence[tuple[int, Sequence[str]]],
    header: _Header,
    where: _Where,
    field_types: Mapping[str, str],
) -> tuple[list[Submission], dict[str, str]] | None:
    """The submissions of ``rows`` (row key, text cells) built column by column, or
    ``None`` when any row has a problem (so that the row-by-row reader names it).

    Each column is converted once per distinct text (with the converters the row-by-row
    reader uses), then the records are built in one loop. Blank rows are skipped, and
    rows of another width than the header are fitted by :func:`_fit_row`, as row by
    row. The result is equal to what :func:`_build_submissions` gives, in the same
    order, with the same origins.
    """
    if not rows:
        return [], {}
    width = header.width
    keys: Sequence[int]
    table: Sequence[Sequence[str]]
    keys, table = zip(*rows, strict=True)
    if set(map(len, table)) != {width}:
        probe = _Sink()
        fitted_keys: list[int] = []
        fitted: list[Sequence[str]] = []
        for key, cells in rows:
            if len(cells) != width:
                fit = _fit_row(cells, header, key, where, probe, False)
                if fit is None:
                    if probe.errors:
                        return None
                    continue  # a blank row
                cells = fit
            fitted_keys.append(key)
            fitted.append(cells)
        keys, table = fitted_keys, fitted
    id_at = header.position("id")
    ids = [cells[id_at].strip() for cells in table]
    if "" in ids:  # blank rows are skipped; any other row without an id is a problem
        keep = [n for n, sub_id in enumerate(ids) if sub_id]
        if any(not ids[n] and not _blank_row(table[n]) for n in range(len(ids))):
            return None
        keys = [keys[n] for n in keep]
        table = [table[n] for n in keep]
        ids = [ids[n] for n in keep]
    if not ids:
        return [], {}
    if len(set(ids)) != len(ids):
        return None
    columns = list(zip(*table, strict=True))
    count = len(ids)
    nothing: Sequence[Any] = (None,) * count
    built: dict[str, Sequence[Any]] = {}
    extra_names: list[str] = []
    extra_columns: list[Sequence[object]] = []
    extra_texts: list[Sequence[str]] = []
    for position, name in enumerate(header.names):
        if name is None or name == "id":
            continue
        spec = _SUBMISSION_SPEC.get(name)
        kind = field_types.get(name) if spec is None else None
        convert = spec[2] if spec is not None else _conv_auto if kind is None else _CONVERTERS[kind]
        column = columns[position]
        values: Sequence[object]
        if convert is _conv_str or convert is _conv_auto:  # text: stripped, empty is None
            values = [cell.strip() or None for cell in column]
        else:
            by_text: dict[str, object] = {}
            try:
                for text in set(column):
                    by_text[text] = convert(text)
            except _Bad:
                return None
            values = list(map(by_text.__getitem__, column))
        if spec is None:
            extra_names.append(name)
            extra_columns.append(values)
            extra_texts.append(column)
        else:
            built[name] = values
    extras: list[Mapping[str, object]] = [_EMPTY] * count
    if extra_names:
        # rows with the same texts share one read-only mapping (keyed by text, not by
        # value: Decimal("1.0") == Decimal("1.00") but they print differently)
        shared: dict[tuple[str, ...], Mapping[str, object]] = {}
        for n, texts in enumerate(zip(*extra_texts, strict=True)):
            mapping = shared.get(texts)
            if mapping is None:
                found = {
                    k: column[n]
                    for k, column in zip(extra_names, extra_columns, strict=True)
                    if _present(column[n])
                }
                mapping = shared[texts] = FrozenDict(found) if found else _EMPTY
            extras[n] = mapping

    def column_of(name: str) -> Sequence[Any]:
        return built.get(name, nothing)

    # participants and innovations are frozen values: one object per distinct one
    participants: dict[tuple[object, ...], Participant] = {}
    people: list[Participant] = []
    for facts in zip(
        *(column_of(f"participant.{a}") for a in ("kind", "agency", "province", "regency", "name")),
        strict=True,
    ):
        person = participants.get(facts)
        if person is None:
            person = participants[facts] = (
                _EMPTY_PARTICIPANT if facts.count(None) == len(facts) else Participant(*facts)
            )
        people.append(person)
    innovations: dict[tuple[object, ...], Innovation] = {}
    ideas: list[Innovation] = []
    awards = built.get("innovation.previous_awards", ((),) * count)
    for facts in zip(
        column_of("innovation.status"), column_of("innovation.started"), awards, strict=True
    ):
        idea = innovations.get(facts)
        if idea is None:
            idea = innovations[facts] = (
                _EMPTY_INNOVATION if facts == (None, None, ()) else Innovation(*facts)
            )
        ideas.append(idea)
    origin = where.origin
    submissions: list[Submission] = []
    add = submissions.append
    for row in zip(
        ids,
        column_of("title"),
        people,
        ideas,
        column_of("category"),
        column_of("group"),
        column_of("registered"),
        column_of("wave"),
        column_of("withdrawn"),
        extras,
        keys,
        strict=True,
    ):
        sub_id, title, person, idea, category, group, registered, wave, withdrawn, extra, key = row
        # positional, in the order Submission declares its fields (a public signature)
        add(
            Submission(
                sub_id,
                title,
                person,
                idea,
                category,
                group,
                registered,
                wave,
                withdrawn is True,
                extra,
                origin(key),
            )
        )
    return submissions, {sub_id: sub_id for sub_id in ids}


def _judges_consumer(
    where: _Where, meta: _Meta, pad: bool
) -> _GridConsumer[tuple[list[Judge], dict[str, str] | None]]:
    def consume(
        header_row: int, rows: Iterator[tuple[int, Sequence[Any]]], sink: _Sink
    ) -> tuple[list[Judge], dict[str, str] | None]:
        header_cells = _first(rows, where, sink, header_row)
        if header_cells is None:
            return [], None
        header_row, cells = header_cells
        header = _map_header(
            cells,
            known=JUDGE_FIELDS,
            aliases=_JUDGE_ALIASES,
            required=("id",),
            where=where,
            sink=sink,
            header_row=header_row,
            extras="keep",
        )
        if not header.ok:
            return [], None
        w = where.with_columns(header.index)
        return _build_judges(_grid_records(rows, header, w, sink, pad), w, meta.fields, sink)

    return consume


class _ScoresConsumer:
    """Reads the scores table: a :data:`_GridConsumer` (header row, numbered rows, sink)
    that builds a :class:`ScoreTable` and leaves the judges the scores imply in
    ``implied``; :meth:`fast_csv` tries the fast path on a whole CSV file first."""

    def __init__(
        self,
        where: _Where,
        sub_ids: dict[str, str] | None,
        judge_ids: dict[str, str] | None,
        pad: bool,
        implied: list[Judge],
    ) -> None:
        self.where = where
        self.sub_ids = sub_ids
        self.judge_ids = judge_ids
        self.pad = pad
        self.implied = implied

    def __call__(
        self, header_row: int, rows: Iterator[tuple[int, Sequence[Any]]], sink: _Sink
    ) -> ScoreTable:
        where, pad = self.where, self.pad
        header_cells = _first(rows, where, sink, header_row)
        if header_cells is None:
            return _NO_SCORES
        header_row, cells = header_cells
        header = _map_header(
            cells,
            known=_SCORE_COLUMNS,
            aliases=_SCORE_ALIASES,
            required=_SCORE_COLUMNS,
            where=where,
            sink=sink,
            header_row=header_row,
            extras="warn",
        )
        if not header.ok:
            return _NO_SCORES
        w = where.with_columns(header.index)
        builder = _ScoreBuilder(w, self.sub_ids, self.judge_ids, sink)
        source = rows if not pad else _text_rows(rows)
        positions = [header.position(c) for c in _SCORE_COLUMNS]

        def fit(cells: Sequence[str], key: int) -> Sequence[str] | None:
            return _fit_row(cells, header, key, w, sink, pad)

        scores = builder.build(source, positions, header.width, fit, True)
        self.implied[:] = _implied_judges(builder)
        return scores

    def fast_csv(self, path: str) -> ScoreTable | None:
        """The scores of the CSV file ``path`` by :func:`_fast_scores` (given the parse
        already under way, if any), or ``None`` when the file must be read row by row."""
        from .folder import _fast_scores

        found = _fast_scores(path, self.where, self.sub_ids, self.judge_ids)
        if found is None:
            return None
        table, self.implied[:] = found
        return table


def _verdicts_consumer(
    where: _Where, sub_ids: dict[str, str] | None, pad: bool
) -> _GridConsumer[list[Verdict]]:
    def consume(
        header_row: int, rows: Iterator[tuple[int, Sequence[Any]]], sink: _Sink
    ) -> list[Verdict]:
        header_cells = _first(rows, where, sink, header_row)
        if header_cells is None:
            return []
        header_row, cells = header_cells
        header = _map_header(
            cells,
            known=_VERDICT_COLUMNS,
            aliases=_VERDICT_ALIASES,
            required=_VERDICT_COLUMNS[:3],
            where=where,
            sink=sink,
            header_row=header_row,
            extras="warn",
        )
        if not header.ok:
            return []
        w = where.with_columns(header.index)
        return _build_verdicts(_grid_records(rows, header, w, sink, pad), w, sub_ids, sink)

    return consume


def _first(
    rows: Iterator[tuple[int, Sequence[Any]]], where: _Where, sink: _Sink, header_row: int
) -> tuple[int, Sequence[Any]] | None:
    """The header: the first row that is not blank."""
    for key, cells in rows:
        if not all(_blank(c) for c in cells):
            return key, cells
    sink.error(
        where,
        Problem(
            "the table is empty: it has no header row / tabel kosong, tanpa baris judul",
            file=where.file,
            path=where.table,
            hint="the first row must name the columns",
            rule="missing-header",
        ),
    )
    return None


def _read_grid_tables(
    meta: _Meta,
    open_table: Callable[[str, _GridConsumer[Any], _Sink], tuple[bool, Any]],
    where: Callable[[str], _Where],
    sink: _Sink,
    pad: bool,
) -> _GridTables:
    """Read the four tables through ``open_table(name, consumer, sink)``, which returns
    (whether the table exists, what the consumer built)."""
    t = _GridTables(meta)
    found, result = open_table(
        "submissions", _submissions_consumer(where("submissions"), meta, pad), sink
    )
    if not found:
        sink.add(
            Problem(
                "submissions are missing / data usulan tidak ada",
                file=where("submissions").file,
                path="submissions",
                hint="an edition needs a submissions table (submissions.csv, or a "
                "'submissions' sheet)",
                rule="required",
            )
        )
    elif result is not None:
        t.submissions, t.sub_ids = result
    found, result = open_table("judges", _judges_consumer(where("judges"), meta, pad), sink)
    if found:
        # a broken judges table (result None, or no ids) is reported already; do not
        # also report every judge of the scores as unknown
        t.judges, t.judge_ids = result if result is not None else ([], None)
    implied: list[Judge] = []
    _, scores = open_table(
        "scores", _ScoresConsumer(where("scores"), t.sub_ids, t.judge_ids, pad, implied), sink
    )
    t.scores = scores if scores is not None else _NO_SCORES
    if t.judges is None:
        t.judges = implied
    _, verdicts = open_table(
        "verdicts", _verdicts_consumer(where("verdicts"), t.sub_ids, pad), sink
    )
    t.verdicts = verdicts or []
    return t
