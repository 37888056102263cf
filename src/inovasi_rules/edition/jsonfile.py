"""Reading an edition from one JSON file."""

from __future__ import annotations

import decimal
import json
from pathlib import Path
from typing import TypeVar

from ..errors import Problem
from .builder import _assemble_records
from .files import _read_text_limited
from .meta import _iso_dates, _parse_meta, _records_meta_locator
from .model import Edition
from .problems import _Sink

_T = TypeVar("_T")


def _read_json(path: str, sink: _Sink) -> Edition:
    text = _read_text_limited(path, sink, "edition")
    if text is None:
        sink.raise_if_errors()
        raise AssertionError("unreachable")  # pragma: no cover

    def bad_constant(name: str) -> object:
        raise ValueError(f"{name} is not allowed")

    try:
        data = json.loads(text, parse_float=decimal.Decimal, parse_constant=bad_constant)
    except json.JSONDecodeError as exc:
        sink.add(
            Problem(
                f"not valid JSON / bukan JSON yang sah: {exc.msg}",
                file=path,
                line=exc.lineno,
                column=exc.colno,
                rule="json-syntax",
            )
        )
        sink.raise_if_errors()
        raise AssertionError("unreachable") from None  # pragma: no cover
    except ValueError as exc:
        sink.add(Problem(f"not valid JSON / bukan JSON yang sah: {exc}", file=path))
        sink.raise_if_errors()
        raise AssertionError("unreachable") from None  # pragma: no cover
    if not isinstance(data, dict):
        sink.add(Problem("the JSON document must be an object / harus objek", file=path))
        sink.raise_if_errors()
    tables: dict[str, list[object] | None] = {}
    for key, value in data.items():
        if key == "edition":
            continue
        if key not in ("submissions", "judges", "scores", "verdicts"):
            sink.add(
                Problem(
                    f"unknown key '{key}' is ignored / kunci tidak dikenal",
                    file=path,
                    path=key,
                    hint="known keys: edition, submissions, judges, scores, verdicts",
                    rule="unknown-key",
                    level="warning",
                )
            )
        elif value is not None and not isinstance(value, list):
            sink.add(Problem(f"'{key}' must be a list / harus daftar", file=path, path=key))
        else:
            tables[key] = value
    raw_meta = data.get("edition") or {}
    if not isinstance(raw_meta, dict):
        sink.add(Problem("'edition' must be an object / harus objek", file=path, path="edition"))
        raw_meta = {}
    if isinstance(raw_meta.get("parameters"), dict):
        raw_meta = {**raw_meta, "parameters": _iso_dates(raw_meta["parameters"])}
    if "submissions" not in data:
        sink.add(
            Problem(
                "the JSON has no 'submissions' list / tidak ada daftar submissions",
                file=path,
                rule="required",
            )
        )
    meta = _parse_meta(raw_meta, _records_meta_locator(path, "edition"), Path(path).stem, sink)
    return _assemble_records(
        meta,
        submissions=tables.get("submissions") or [],
        judges=tables.get("judges") if "judges" in data else None,
        scores=tables.get("scores") or [],
        verdicts=tables.get("verdicts") or [],
        file=path,
        source=path,
        sink=sink,
    )
