"""write_edition: an edition as a folder that read_edition reads back equal."""

from __future__ import annotations

import csv
import datetime
import decimal
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

from .cells import _SCORE_COLUMNS, _VERDICT_COLUMNS
from .model import JUDGE_FIELDS, MISSING, SUBMISSION_FIELDS, Edition, Submission, _thaw


class _Dumper(yaml.SafeDumper):
    """A safe YAML dumper that writes Decimal as a float scalar (read back exactly)."""


def _represent_decimal(dumper: yaml.SafeDumper, value: decimal.Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))


_Dumper.add_representer(decimal.Decimal, _represent_decimal)


def _cell_out(value: object, where: str) -> str:
    if value is None or value is MISSING:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        items = [_cell_out(v, where) for v in value]
        for item in items:
            if ";" in item:
                raise ValueError(f"{where}: list item {item!r} contains ';'")
        return ";".join(items)
    return str(value)


def _infer_type(values: Iterable[object]) -> str | None:
    kinds: set[str] = set()
    for value in values:
        if isinstance(value, str):
            kinds.add("string")
        elif isinstance(value, bool):
            kinds.add("bool")
        elif isinstance(value, int):
            kinds.add("integer")
        elif isinstance(value, decimal.Decimal):
            kinds.add("number")
        elif isinstance(value, datetime.datetime):
            kinds.add("other")
        elif isinstance(value, datetime.date):
            kinds.add("date")
        elif isinstance(value, tuple):
            kinds.add("list")
        else:
            kinds.add("other")
    if kinds == {"integer", "number"}:
        return "number"
    if len(kinds) == 1:
        kind = next(iter(kinds))
        return kind if kind in ("bool", "integer", "number", "date", "list") else None
    return None


def write_edition(edition: Edition, folder: str | os.PathLike[str]) -> Path:
    """Write ``edition`` as a folder (``edition.yaml``, ``submissions.csv``,
    ``judges.csv``, ``scores.csv``, ``verdicts.csv``) that :func:`read_edition` reads
    back equal; returns the folder.

    Files are UTF-8 with ``\\n`` line endings, columns and rows in a fixed order (the
    built-in columns, then extra columns sorted by name; records in edition order), so
    the same edition always gives the same bytes. The types of extra fields (number,
    integer, date, bool, list) are declared under ``fields:`` in ``edition.yaml``.
    Existing files of these names are replaced; other files are left alone.

    :raises ValueError: when a value cannot be written so that it reads back the same
        (a list item holding ``;``).
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)

    sub_extras = sorted({k for s in edition.submissions for k in s.extra})
    judge_extras = sorted({k for j in edition.judges for k in j.extra})
    fields: dict[str, str] = {}
    conflicts: set[str] = set()
    for name in sub_extras:
        kind = _infer_type(s.extra[name] for s in edition.submissions if name in s.extra)
        if kind:
            fields[name] = kind
    for name in judge_extras:
        kind = _infer_type(j.extra[name] for j in edition.judges if name in j.extra)
        if name in sub_extras and fields.get(name) != kind:
            conflicts.add(name)
        elif kind:
            fields[name] = kind
    for name in conflicts:
        fields.pop(name, None)

    meta: dict[str, object] = {"id": edition.id}
    for key, value in (
        ("ruleset", edition.ruleset),
        ("year", edition.year),
        ("title", edition.title),
        ("notes", edition.notes),
    ):
        if value is not None:
            meta[key] = value
    if edition.parameters:
        meta["parameters"] = _thaw(edition.parameters)
    if fields:
        meta["fields"] = dict(sorted(fields.items()))
    with open(out / "edition.yaml", "w", encoding="utf-8", newline="\n") as f:
        yaml.dump(
            meta, f, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
        )

    def write(name: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
        with open(out / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)

    def submission_row(s: Submission) -> list[str]:
        where = f"submission {s.id!r}"
        row = [_cell_out(s.get(path), where) for path in SUBMISSION_FIELDS]
        row[SUBMISSION_FIELDS.index("withdrawn")] = "true" if s.withdrawn else "false"
        row.extend(_cell_out(s.extra.get(name), where) for name in sub_extras)
        return row

    write(
        "submissions",
        [*SUBMISSION_FIELDS, *sub_extras],
        (submission_row(s) for s in edition.submissions),
    )
    write(
        "judges",
        [*JUDGE_FIELDS, *judge_extras],
        (
            [_cell_out(j.get(path), f"judge {j.id!r}") for path in JUDGE_FIELDS]
            + [_cell_out(j.extra.get(name), f"judge {j.id!r}") for name in judge_extras]
            for j in edition.judges
        ),
    )
    write(
        "scores",
        _SCORE_COLUMNS,
        ((s.submission, s.stage, s.judge, s.criterion, str(s.value)) for s in edition.scores),
    )
    write(
        "verdicts",
        _VERDICT_COLUMNS,
        ((v.submission, v.stage, v.verdict, v.note or "") for v in edition.verdicts),
    )
    return out
