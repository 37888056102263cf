"""Reading an edition from one JSON file."""

from __future__ import annotations

import decimal
import json
import re

import numpy as np

from ..errors import Problem
from .builder import _assemble_records
from .files import _read_text_limited
from .meta import _iso_dates, _parse_meta, _records_meta_locator
from .model import Edition
from .problems import _Sink, _Where


class _DuplicateKey(ValueError):
    def __init__(self, key: str, pairs: list[tuple[str, object]]) -> None:
        super().__init__(key)
        self.key = key
        self.pairs = pairs


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(key, pairs)
        found[key] = value
    return found


def _whole(text: str) -> object:
    # Python refuses to convert a whole number of over 4,300 digits: a long one is kept
    # as a Decimal, which the limits on numbers then refuse, located
    return int(text) if len(text) <= 18 else decimal.Decimal(text)


def _fraction(text: str) -> decimal.Decimal:
    try:
        return decimal.Decimal(text)
    except decimal.InvalidOperation:  # an exponent beyond what Decimal holds
        shown = text if len(text) <= 40 else f"{text[:20]}…{text[-10:]}"
        raise ValueError(f"'{shown}' is too large / angka '{shown}' terlalu besar") from None


def _bad_constant(name: str) -> object:
    raise ValueError(f"{name} is not allowed / {name} tidak diizinkan")


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _too_deep(text: str, limit: int) -> int | None:
    """The line at which ``text`` nests deeper than ``limit`` (strings not counted), or
    ``None``: checked before parsing, which would otherwise recurse without bound."""
    if text.count("[") + text.count("{") <= limit:
        return None
    plain = _STRING.sub('""', text).encode("utf-8", "surrogatepass")
    codes = np.frombuffer(plain, dtype=np.uint8)
    step = (np.isin(codes, (0x5B, 0x7B)).astype(np.int32)) - np.isin(codes, (0x5D, 0x7D))
    depth = np.cumsum(step)
    over = np.flatnonzero(depth > limit)
    if over.size == 0:
        return None
    return int(np.count_nonzero(codes[: int(over[0])] == 0x0A)) + 1


#: The escape of half of a UTF-16 pair (``\\ud800``), alone or in a pair: only then
#: can a text of the document hold a lone one.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_surrogates(data: dict[str, object], path: str, sink: _Sink) -> None:
    """Report every text (value or key) holding half of a UTF-16 pair alone, which no
    file or screen can show, and stop."""
    # a stack, not recursion: the document may nest as deep as ReadLimits.json_depth
    stack: list[tuple[str, str, object]] = []
    for k, v in reversed(data.items()):
        stack.append((k, k, v))
    while stack:
        table, where, value = stack.pop()
        if where == table and _SURROGATE.search(table):
            _invalid_text(table, table, where, "key", path, sink)
        if isinstance(value, dict):
            for k in value:
                if _SURROGATE.search(k):
                    _invalid_text(k, table, f"{where}.{k}", "key", path, sink)
            stack.extend((table, f"{where}.{k}", v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((table, f"{where}[{i}]", value[i]) for i in reversed(range(len(value))))
        elif isinstance(value, str) and _SURROGATE.search(value):
            _invalid_text(value, table, where, "text", path, sink)
    sink.raise_if_errors()


def _invalid_text(text: str, table: str, where: str, what: str, path: str, sink: _Sink) -> None:
    found = _SURROGATE.search(text)
    assert found is not None
    escape = f"\\u{ord(found.group()):04x}"
    sink.error(
        _Where("records", path, _printable(table)),
        Problem(
            f"the {what} holds an invalid character (the escape {escape}, half of a pair) / "
            f"teks berisi karakter yang tidak sah ({escape})",
            file=path,
            path=_printable(where),
            hint=f"remove {escape}, or write the character itself instead of its escape / "
            "hapus kode itu atau tulis hurufnya langsung",
            rule="json-character",
        ),
    )


def _printable(text: str) -> str:
    """``text`` with each lone surrogate written as its escape."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _read_json(path: str, sink: _Sink) -> Edition:
    text = _read_text_limited(path, sink, "edition")
    if text is None:
        sink.raise_if_errors()
        raise AssertionError("unreachable")  # pragma: no cover
    limit = sink.limits.json_depth
    deep = _too_deep(text, limit)
    if deep is not None:
        sink.add(
            Problem(
                f"the JSON nests deeper than {limit} levels / JSON bersarang terlalu dalam",
                file=path,
                line=deep,
                hint="an edition nests four levels deep (the edition, a list, a record, "
                "its extra fields); raise ReadLimits.json_depth if yours needs more / "
                "edisi bersarang empat tingkat (edisi, daftar, rekaman, isian tambahannya); "
                "naikkan ReadLimits.json_depth bila edisi Anda perlu lebih",
                rule="limit",
            )
        )
        sink.raise_if_errors()
    try:
        data = json.loads(
            text,
            parse_float=_fraction,
            parse_int=_whole,
            parse_constant=_bad_constant,
            object_pairs_hook=_no_duplicates,
        )
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
    except _DuplicateKey as exc:
        shown = json.dumps({k: v for k, v in exc.pairs[:3] if isinstance(v, (str, int))})[:80]
        sink.add(
            Problem(
                f"the key '{exc.key}' is written twice in one object / kunci '{exc.key}' "
                "ditulis dua kali dalam satu objek",
                file=path,
                path=f"{shown}",
                hint="keep one of the two: a JSON reader would silently take the last / simpan "
                "salah satunya: pembaca JSON diam-diam mengambil yang terakhir",
                rule="duplicate-key",
            )
        )
        sink.raise_if_errors()
        raise AssertionError("unreachable") from None  # pragma: no cover
    except (ValueError, RecursionError) as exc:
        sink.add(
            Problem(f"not valid JSON / bukan JSON yang sah: {exc}", file=path, rule="json-syntax")
        )
        sink.raise_if_errors()
        raise AssertionError("unreachable") from None  # pragma: no cover
    if not isinstance(data, dict):
        sink.add(Problem("the JSON document must be an object / harus objek", file=path))
        sink.raise_if_errors()
    if _ESCAPED_SURROGATE.search(text):
        _refuse_surrogates(data, path, sink)
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
                    hint="known keys / kunci yang dikenal: edition, submissions, judges, scores, verdicts",
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
    meta = _parse_meta(raw_meta, _records_meta_locator(path, "edition"), sink)
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
