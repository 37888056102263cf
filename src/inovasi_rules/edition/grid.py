"""Tables of rows (CSV files and Excel sheets): headers, row widths, one reader per table."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np

from ..errors import Problem
from .builder import (
    _blank,
    _build_judges,
    _build_scores,
    _build_submissions,
    _build_verdicts,
    _Cells,
    _Encoder,
)
from .cells import (
    _JUDGE_ALIASES,
    _SCORE_ALIASES,
    _SCORE_COLUMNS,
    _SUBMISSION_ALIASES,
    _VERDICT_ALIASES,
    _VERDICT_COLUMNS,
    _text,
)
from .meta import _Meta
from .model import _NO_SCORES, JUDGE_FIELDS, SUBMISSION_FIELDS, Judge, Submission, Verdict
from .problems import _col_letter, _Sink, _visible, _Where
from .scoretable import ScoreTable


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
                    f"column '{_visible(name)}' appears twice (columns {index[name]} and "
                    f"{position}) / "
                    "kolom ganda",
                    file=where.file,
                    row=header_row,
                    column=position,
                    path=_header_path(where, position, header_row, name),
                    hint="remove or rename one of them / hapus atau ganti nama salah satunya",
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
                            f"unknown column '{_visible(name)}' is read as an extra field; did "
                            "you mean "
                            f"'{close[0]}'? / kolom tidak dikenal",
                            file=where.file,
                            row=header_row,
                            column=position,
                            path=_header_path(where, position, header_row, name),
                            hint=f"rename it to '{close[0]}' if that is what it holds / ganti namanya menjadi "
                            f"'{close[0]}' bila itu isinya",
                            rule="unknown-column",
                        ),
                    )
            elif extras == "warn":
                sink.warn(
                    where,
                    Problem(
                        f"column '{_visible(name)}' is not used / kolom '{_visible(name)}' "
                        "tidak dipakai",
                        file=where.file,
                        row=header_row,
                        column=position,
                        path=_header_path(where, position, header_row, name),
                        hint=f"expected columns / kolom yang dikenal: {', '.join(known)}",
                        rule="unknown-column",
                    ),
                )
    ok = True
    headers = [n for n in names if n]
    layout_said = False
    for column in required:
        if column in index:
            continue
        ok = False
        close = difflib.get_close_matches(column, headers, n=1, cutoff=0.6)
        hint = f"expected columns / kolom yang dikenal: {', '.join(known)}"
        if where.table == "scores" and column in ("criterion", "score") and not (
            layout_said or close
        ):
            # most likely the spreadsheet layout: one row per judge, a column per
            # criterion; say once which layout is read
            layout_said = True
            hint = _SCORES_LAYOUT_HINT
        elif close:
            hint = (
                f"did you mean: rename '{_visible(close[0])}' to '{column}'? / maksud Anda: ganti nama "
                f"'{_visible(close[0])}' menjadi '{column}'? {hint}"
            )
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


_SCORES_LAYOUT_HINT: Final = (
    "scores need one row per judge and criterion, with the columns "
    "submission_id,stage,judge_id,criterion,score; a sheet with one column per criterion "
    "must be turned into such rows (see the page 'Edition layout', section scores.csv, in "
    "docs/reference/edition.md) / nilai perlu satu baris per juri dan kriteria, dengan kolom "
    "submission_id,stage,judge_id,criterion,score; lembar dengan satu kolom per kriteria "
    "harus diubah menjadi baris seperti itu (lihat halaman 'Tata letak edisi', bagian "
    "scores.csv, di docs/reference/edition.md)"
)


def _header_path(where: _Where, position: int, row: int, name: str) -> str:
    if where.kind == "xlsx":
        return f"{where.table}!{_col_letter(position)}{row}"
    return name


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
                    hint="add a header for the column or delete the value / beri judul kolomnya "
                    "atau hapus nilainya",
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
            "it that is not quoted / periksa pemisah yang kurang atau berlebih, atau nilai "
            "berisi pemisah yang tidak diberi tanda kutip",
            rule="row-width",
        ),
    )
    return None


@attrs.frozen
class _Grid:
    """One table of a file or sheet, its header found, its rows not yet read.

    :ivar header_key: the row of the header (the first row that is not blank), or
        ``None`` when every row is blank.
    :ivar body: reads the rows after the header into cells, given the header read.
    """

    where: _Where
    header_key: int | None
    header_cells: Sequence[object]
    body: Callable[[_Header, _Where, _Sink], _Cells | None]
    broken: bool = False  # unreadable (reported): nothing more to say


def _table_cells(
    grid: _Grid,
    sink: _Sink,
    *,
    known: Collection[str],
    aliases: Mapping[str, str],
    required: Sequence[str],
    extras: str,
) -> _Cells | None:
    """The cells of ``grid`` under its header, or ``None`` (reported) when the table is
    empty, too wide or lacks a required column."""
    where = grid.where
    if grid.broken:
        return None
    if grid.header_key is None:
        sink.error(
            where,
            Problem(
                "the table is empty: it has no header row / tabel kosong, tanpa baris judul",
                file=where.file,
                path=where.table,
                hint="the first row must name the columns / baris pertama harus berisi nama kolom",
                rule="missing-header",
            ),
        )
        return None
    width = len(grid.header_cells)
    if width > sink.limits.columns:
        sink.error(
            where,
            Problem(
                f"the table has {width:,} columns; the limit is {sink.limits.columns:,} / "
                "tabel terlalu lebar",
                file=where.file,
                row=grid.header_key,
                path=where.table,
                hint="remove the columns the edition does not need, or raise ReadLimits.columns / "
                "hapus kolom yang tidak diperlukan edisi, atau naikkan ReadLimits.columns",
                rule="limit",
            ),
        )
        return None
    header = _map_header(
        grid.header_cells,
        known=known,
        aliases=aliases,
        required=required,
        where=where,
        sink=sink,
        header_row=grid.header_key,
        extras=extras,
    )
    if not header.ok:
        return None
    cells = grid.body(header, where.with_columns(header.index), sink)
    if cells is not None and _too_long(cells, sink):
        return None
    return cells


def _too_long(cells: _Cells, sink: _Sink) -> bool:
    """Report the cells longer than the limits allow (at most one per column)."""
    limit = sink.limits.cell_chars
    found = False
    for k, values in enumerate(cells.values):
        long = [c for c, v in enumerate(values) if isinstance(v, str) and len(v) > limit]
        if not long:
            continue
        i = int(np.flatnonzero(np.isin(cells.codes[k], long))[0])
        found = True
        name = cells.names[k]
        sink.error(
            cells.where,
            cells.where.problem(
                f"a cell of {len(str(values[int(cells.codes[k][i])])):,} characters; the limit "
                f"is {limit:,} / isi sel terlalu panjang",
                cells.keys[i],
                name,
                hint="shorten the text, or raise ReadLimits.cell_chars",
                rule="limit",
            ),
        )
    return found


def _too_many_rows(where: _Where, rows: int, sink: _Sink) -> bool:
    """Report a table of more rows than the limits allow."""
    if rows <= sink.limits.rows:
        return False
    sink.error(
        where,
        Problem(
            f"the table has more than {sink.limits.rows:,} rows / tabel terlalu panjang",
            file=where.file,
            path=where.table,
            hint="split the edition, or raise ReadLimits.rows / bagi edisinya, atau naikkan ReadLimits.rows",
            rule="limit",
        ),
    )
    return True


def _rows_body(
    rows: Iterator[tuple[int, Sequence[Any]]], pad: bool
) -> Callable[[_Header, _Where, _Sink], _Cells | None]:
    """A body read from rows of cells one at a time (an Excel sheet)."""

    def body(header: _Header, where: _Where, sink: _Sink) -> _Cells | None:
        encoder = _Encoder(header.width)
        count = 0
        for key, cells in rows:
            count += 1
            if count > sink.limits.rows:
                _too_many_rows(where, count, sink)
                return None
            if len(cells) != header.width:
                fitted = _fit_row(cells, header, key, where, sink, pad)
                if fitted is None:
                    continue
                cells = fitted
            elif all(_blank(c) for c in cells):
                continue
            encoder.add(key, cells)
        return encoder.cells(where, list(header.names))

    return body


def _first(rows: Iterator[tuple[int, Sequence[Any]]]) -> tuple[int, Sequence[Any]] | None:
    """The header: the first row that is not blank."""
    for key, cells in rows:
        if not all(_blank(c) for c in cells):
            return key, cells
    return None


@attrs.define
class _GridTables:
    """What the grid readers (folder and workbook) have built."""

    meta: _Meta
    submissions: list[Submission] = attrs.field(factory=list)
    sub_ids: dict[str, str] | None = None
    judges: list[Judge] | None = None
    judge_ids: dict[str, str] | None = None
    scores: ScoreTable = _NO_SCORES
    verdicts: list[Verdict] = attrs.field(factory=list)


def _read_grid_tables(
    meta: _Meta,
    open_table: Callable[[str], _Grid | None],
    where: Callable[[str], _Where],
    sink: _Sink,
) -> _GridTables:
    """Read the four tables, each through ``open_table(name)`` (``None``: the table
    does not exist), in the order their checks need: submissions, judges, scores,
    verdicts."""
    t = _GridTables(meta)
    # a column of a declared field is found in any letter case, as the built-in ones are
    # (an alias of a built-in field keeps its meaning)
    declared = {name: name for name in meta.fields}
    grid = open_table("submissions")
    if grid is None:
        sink.add(
            Problem(
                "submissions are missing / data pengajuan tidak ada",
                file=where("submissions").file,
                path="submissions",
                hint="an edition needs a submissions table (submissions.csv, or a "
                "'submissions' sheet) / edisi perlu tabel submissions (submissions.csv, atau "
                "lembar 'submissions')",
                rule="required",
            )
        )
    else:
        cells = _table_cells(
            grid,
            sink,
            known=SUBMISSION_FIELDS,
            aliases={**declared, **_SUBMISSION_ALIASES},
            required=("id",),
            extras="near-miss",
        )
        if cells is not None:
            t.submissions, t.sub_ids = _build_submissions(cells, meta.fields, sink)
    grid = open_table("judges")
    if grid is not None:
        cells = _table_cells(
            grid,
            sink,
            known=JUDGE_FIELDS,
            aliases={**declared, **_JUDGE_ALIASES},
            required=("id",),
            extras="keep",
        )
        # a broken judges table is reported already: do not also report every judge
        # of the scores as unknown
        t.judges, t.judge_ids = (
            _build_judges(cells, meta.fields, sink) if cells is not None else ([], None)
        )
    implied: list[Judge] = []
    grid = open_table("scores")
    if grid is not None:
        cells = _table_cells(
            grid,
            sink,
            known=_SCORE_COLUMNS,
            aliases=_SCORE_ALIASES,
            required=_SCORE_COLUMNS,
            extras="warn",
        )
        if cells is not None:
            t.scores, implied = _build_scores(cells, t.sub_ids, t.judge_ids, sink)
    if t.judges is None:
        t.judges = implied
    grid = open_table("verdicts")
    if grid is not None:
        cells = _table_cells(
            grid,
            sink,
            known=_VERDICT_COLUMNS,
            aliases=_VERDICT_ALIASES,
            required=_VERDICT_COLUMNS[:3],
            extras="warn",
        )
        if cells is not None:
            t.verdicts = _build_verdicts(cells, t.sub_ids, sink)
    return t
