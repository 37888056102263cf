"""Reading objections from ``objections.csv`` or a JSON file.

Columns (CSV header or JSON keys)::

    id, objector, submission_id, stage, kind, claim, judge_id, criterion, field,
    value, decision, reason, decided_by, decided_at, filed_at

``submission`` and ``judge`` are accepted for ``submission_id`` and ``judge_id``; a
CSV file may be separated by ``;`` (as Excel saves it in Indonesian locales).
A JSON file is a list of objects, or ``{"objections": [...]}``. Every problem is
collected and raised at once as an :class:`~inovasi_rules.EditionError`, each with
its file, row and column.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from ..decimals import NumberError, parse_decimal
from ..errors import EditionError, Problem
from .model import DECISIONS, KINDS, Objection

__all__ = ["COLUMNS", "MAX_OBJECTION_BYTES", "objections_from_records", "read_objections"]

#: The columns of ``objections.csv``, in the order the writer uses.
COLUMNS: Final = (
    "id", "objector", "submission_id", "stage", "kind", "claim", "judge_id", "criterion",
    "field", "value", "decision", "reason", "decided_by", "decided_at", "filed_at",
)
_ALIASES: Final = {"submission": "submission_id", "judge": "judge_id"}
_REQUIRED: Final = ("id", "objector", "submission_id", "stage", "kind", "claim")
_DECIDED: Final = ("reason", "decided_by", "decided_at")

#: The largest objections file read (bytes); a parameter of :func:`read_objections`.
MAX_OBJECTION_BYTES: Final = 10_000_000


def read_objections(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_OBJECTION_BYTES
) -> tuple[Objection, ...]:
    """Read objections from a ``.csv`` or ``.json`` file.

    :raises EditionError: listing every problem (file, row, column, a hint).
    """
    p = Path(path)
    name = str(p)
    if not p.is_file():
        raise EditionError([Problem(
            "no such file / berkas tidak ada", file=name, rule="not-found",
            hint="give objections.csv or a .json file of objections / berikan objections.csv atau "
            "berkas .json berisi sanggahan")])
    if p.stat().st_size > max_bytes:
        raise EditionError([Problem(
            f"the file is larger than {max_bytes:,} bytes / berkas terlalu besar",
            file=name, rule="limit", hint="split it, or raise max_bytes / bagi berkasnya, atau naikkan max_bytes")])
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EditionError([Problem(
            f"not UTF-8 (byte {exc.start + 1}) / bukan UTF-8", file=name, rule="encoding",
            hint="save the file as UTF-8 (CSV UTF-8 in a spreadsheet) / simpan berkas sebagai "
            "UTF-8 (CSV UTF-8 di lembar kerja)")]) from None
    if p.suffix.lower() == ".json":
        return objections_from_records(_json_records(text, name), file=name)
    return objections_from_records(_csv_records(text, name), file=name)


def _json_records(text: str, name: str) -> list[tuple[int | None, Any]]:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise EditionError([Problem(
            f"not valid JSON / bukan JSON yang sah: {exc.msg}", file=name,
            line=exc.lineno, column=exc.colno, rule="json-syntax")]) from None
    if isinstance(data, Mapping):
        data = data.get("objections")
    if not isinstance(data, list):
        raise EditionError([Problem(
            "expected a list of objections / harus daftar sanggahan", file=name,
            rule="required", hint='write [{"id": ...}, ...] or {"objections": [...]} / tulis [{"id": ...}, ...] '
            'atau {"objections": [...]}')])
    return [(None, item) for item in data]


def _csv_records(text: str, name: str) -> list[tuple[int | None, Any]]:
    first = text.split("\n", 1)[0]
    # a spreadsheet saved in an Indonesian locale separates with ';'
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise EditionError([Problem(
            "the file is empty / berkas kosong", file=name, rule="required",
            hint=f"the header row is / baris judulnya: {','.join(COLUMNS)}")])
    header = [_ALIASES.get(h.strip(), h.strip()) for h in rows[0]]
    problems = [
        Problem(f"unknown column '{h}' / kolom tidak dikenal", file=name, row=1, path=h,
                rule="unknown-column", hint=f"known columns / kolom yang dikenal: {', '.join(COLUMNS)}")
        for h in header if h and h not in COLUMNS
    ]
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        problems.append(Problem(
            f"missing column(s) {', '.join(missing)} / kolom wajib tidak ada", file=name,
            row=1, rule="missing-column", hint=f"the header row is / baris judulnya: {','.join(COLUMNS)}"))
    if problems:
        raise EditionError(problems)
    out: list[tuple[int | None, Any]] = []
    for n, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        out.append((n, {h: c for h, c in zip(header, cells, strict=False) if h}))
    return out


def _date(text: str) -> datetime.date:
    text = text.strip()
    try:
        if "/" in text:
            d, m, y = text.split("/")
            return datetime.date(int(y), int(m), int(d))
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date / bukan tanggal") from None


def objections_from_records(
    records: Iterable[tuple[int | None, Any]], *, file: str | None = None
) -> tuple[Objection, ...]:
    """Objections from ``(row, record)`` pairs (a record is a mapping of column to
    value; ``row`` is the 1-based row in a table, or ``None``).

    :raises EditionError: listing every problem.
    """
    problems: list[Problem] = []
    out: list[Objection] = []
    seen: dict[str, int | None] = {}
    for index, (row, record) in enumerate(records):
        where = f"[{index}]" if row is None else ""

        def bad(
            message: str, column: str = "", hint: str | None = None, rule: str = "objection",
            *, _where: str = where, _row: int | None = row,
        ) -> None:
            path = f"{_where}.{column}" if _where and column else (_where or column)
            problems.append(Problem(message, file=file, row=_row, path=path, hint=hint, rule=rule))

        if not isinstance(record, Mapping):
            bad("expected an object / harus objek", rule="required")
            continue
        rec: dict[str, str] = {}
        for key, value in record.items():
            col = _ALIASES.get(str(key), str(key))
            if col not in COLUMNS:
                bad(f"unknown key '{key}' / kunci tidak dikenal", col,
                    f"known keys: {', '.join(COLUMNS)}", "unknown-column")
            elif value is None:
                continue
            elif isinstance(value, (Mapping, list, bool)):
                bad(f"'{col}' must be a single value / harus satu nilai", col)
            else:
                rec[col] = str(value).strip()
        for col in _REQUIRED:
            if not rec.get(col):
                bad(f"'{col}' is empty / '{col}' kosong", col, rule="required")
        kind = rec.get("kind", "").lower()
        if kind and kind not in KINDS:
            bad(f"unknown kind '{kind}' / jenis sanggahan tidak dikenal", "kind",
                f"one of: {', '.join(KINDS)}")
        elif kind:
            for col in KINDS[kind]:
                column = "judge_id" if col == "judge" else col
                if not rec.get(column):
                    bad(f"a {kind} objection needs '{column}' / sanggahan {kind} perlu '{column}'",
                        column, rule="required")
        word = rec.get("decision", "").lower()
        decision = DECISIONS.get(word)
        if decision is None:
            bad(f"unknown decision '{word}' / putusan tidak dikenal", "decision",
                "upheld/diterima, rejected/ditolak or pending/diproses")
        elif decision != "pending":
            for col in _DECIDED:
                if not rec.get(col):
                    bad(f"a decided objection needs '{col}' / sanggahan yang diputus perlu '{col}'",
                        col, "say who decided, when and why", "required")
        dates: dict[str, datetime.date | None] = {}
        for col in ("decided_at", "filed_at"):
            try:
                dates[col] = _date(rec[col]) if rec.get(col) else None
            except ValueError as exc:
                bad(str(exc), col, "write YYYY-MM-DD or DD/MM/YYYY")
        if kind == "score" and rec.get("value"):
            try:
                rec["value"] = str(parse_decimal(rec["value"]))
            except NumberError as exc:
                bad(exc.message, "value", exc.hint)
        oid = rec.get("id", "")
        if oid in seen:
            first = seen[oid]
            bad(f"objection id '{oid}' used twice / id sanggahan ganda", "id",
                f"first at row {first}" if first else None, "duplicate")
        seen.setdefault(oid, row)
        if problems:
            continue
        out.append(Objection(
            id=oid, objector=rec["objector"], submission=rec["submission_id"],
            stage=rec["stage"], kind=kind,  # type: ignore[arg-type]
            claim=rec["claim"], decision=decision,  # type: ignore[arg-type]
            reason=rec.get("reason") or None, decided_by=rec.get("decided_by") or None,
            decided_at=dates.get("decided_at"), filed_at=dates.get("filed_at"),
            judge=rec.get("judge_id") or None, criterion=rec.get("criterion") or None,
            field=rec.get("field") or None, value=rec.get("value") or None,
            file=file, row=row,
        ))
    if problems:
        raise EditionError(problems)
    return tuple(out)
