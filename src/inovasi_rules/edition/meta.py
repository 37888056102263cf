"""The edition's metadata: ``edition.yaml``, the JSON ``edition`` object, the Excel sheet."""

from __future__ import annotations

import datetime
import decimal
import difflib
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from ..decimals import DEFAULT_NUMBER_LIMITS, NumberError, check_decimal
from ..errors import Problem, RulesetError
from ..yamlpos import load_yaml, to_plain
from .cells import _META_KEYS, _SUBMISSION_SPEC, FIELD_TYPES, _conv_integer, _text
from .files import _read_text_limited
from .model import _EMPTY, JUDGE_FIELDS, Submission, _freeze_mapping
from .problems import _Bad, _Sink

# ---------------------------------------------------------------------------------------
# Edition metadata (edition.yaml, the JSON "edition" object, the Excel "edition" sheet)
# ---------------------------------------------------------------------------------------


@attrs.frozen
class _Meta:
    id: str  # "" when the input declares none: see _default_id
    ruleset: str | None = None
    year: int | None = None
    title: str | None = None
    notes: str | None = None
    parameters: Mapping[str, object] = _EMPTY
    fields: Mapping[str, str] = attrs.field(factory=dict)


# locate(key) -> (where, problem factory)
_MetaLocator = Callable[[str], Callable[..., Problem]]


def _records_meta_locator(file: str | None, prefix: str) -> _MetaLocator:
    def locate(key: str) -> Callable[..., Problem]:
        path = f"{prefix}.{key}" if key else prefix

        def make(message: str, *, hint: str | None = None, rule: str = "edition") -> Problem:
            return Problem(message, file=file, path=path, hint=hint, rule=rule)

        return make

    return locate


def _default_id(meta: _Meta, submissions: Sequence[Submission]) -> _Meta:
    """``meta`` with an id: the one declared, else one derived from the content.

    The edition's id seeds the tie-break lottery, so it must not depend on where the
    data happens to be saved: an edition that declares no id gets
    ``edition-`` and the first 12 hexadecimal digits of the SHA-256 of its submission
    ids, in input order, each followed by a line feed. The same entries give the same
    id (and the same lottery) under any file or folder name and in any format.
    """
    if meta.id:
        return meta
    digest = hashlib.sha256("".join(f"{s.id}\n" for s in submissions).encode()).hexdigest()
    return attrs.evolve(meta, id=f"edition-{digest[:12]}")


def _shown(value: object) -> str:
    text = _text(value)
    return text if len(text) <= 40 else f"{text[:20]}…{text[-10:]}"


def _parse_meta(raw: Mapping[str, object], locate: _MetaLocator, sink: _Sink) -> _Meta:
    """Check the edition's metadata; problems go to ``sink``."""
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in _META_KEYS:
            close = difflib.get_close_matches(str(key), _META_KEYS, n=1)
            hint = f"did you mean '{close[0]}'? / maksud Anda '{close[0]}'?" if close else None
            sink.add(
                attrs.evolve(
                    locate(str(key))(
                        f"unknown key '{key}' is ignored / kunci '{key}' tidak dikenal",
                        hint=hint or f"known keys / kunci yang dikenal: {', '.join(_META_KEYS)}",
                        rule="unknown-key",
                    ),
                    level="warning",
                )
            )
            continue
        if value is None:
            continue
        if key in ("id", "ruleset", "title", "notes"):
            if isinstance(value, (Mapping, list, tuple)):
                sink.add(locate(key)(f"'{key}' must be text / '{key}' harus berupa teks"))
                continue
            text = _text(value).strip()
            if text:
                values[key] = text
        elif key == "year":
            try:
                year = (
                    None if isinstance(value, bool) else _conv_integer(value, sink.limits.numbers)
                )
            except _Bad:
                year = None
            if year is None or not 1 <= year <= 9999:
                shown = _shown(value)
                sink.add(
                    locate(key)(
                        f"year '{shown}' is not a year / '{shown}' bukan tahun",
                        hint="write the year as four digits, e.g. year: 2023 / tulis tahun "
                        "dengan empat angka",
                    )
                )
            else:
                values["year"] = year
        elif key == "parameters":
            if not isinstance(value, Mapping):
                sink.add(locate(key)("'parameters' must be a mapping / harus berupa pemetaan"))
                continue
            parameters = {str(k): _decimal_floats(v) for k, v in value.items()}
            for name, item in parameters.items():
                _check_numbers(item, f"parameters.{name}", locate, sink)
            values["parameters"] = _freeze_mapping(parameters)
        elif key == "fields":
            values["fields"] = _parse_fields(value, locate, sink)
    values.setdefault("id", "")
    return _Meta(**values)


def _check_numbers(value: object, path: str, locate: _MetaLocator, sink: _Sink) -> None:
    """Report every number in a parameter's value that is outside the limits."""
    limits = sink.limits.numbers
    if isinstance(value, Mapping):
        for k, v in value.items():
            _check_numbers(v, f"{path}.{k}", locate, sink)
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _check_numbers(v, f"{path}[{i}]", locate, sink)
    elif isinstance(value, (int, decimal.Decimal)) and not isinstance(value, bool):
        try:
            check_decimal(decimal.Decimal(value), limits)
        except NumberError as exc:
            sink.add(locate(path)(exc.message, hint=exc.hint, rule="number"))


def _iso_dates(value: object) -> object:
    """Read ``YYYY-MM-DD`` strings as dates, as YAML does (for JSON and Excel
    parameters)."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, Mapping):
        return {str(k): _iso_dates(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_iso_dates(v) for v in value]
    return value


def _decimal_floats(value: object) -> object:
    if isinstance(value, float):
        return decimal.Decimal(repr(value))
    if isinstance(value, Mapping):
        return {str(k): _decimal_floats(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_decimal_floats(v) for v in value]
    return value


def _parse_fields(value: object, locate: _MetaLocator, sink: _Sink) -> dict[str, str]:
    if not isinstance(value, Mapping):
        sink.add(
            locate("fields")(
                "'fields' must map column names to types / harus berupa pemetaan",
                hint="for example / misalnya: fields: {budget: number, sdgs: list}",
            )
        )
        return {}
    fields: dict[str, str] = {}
    for name, kind in value.items():
        name = str(name).strip()
        canonical = FIELD_TYPES.get(str(kind).strip().lower()) if kind is not None else None
        if name in _SUBMISSION_SPEC or name in JUDGE_FIELDS:
            sink.add(
                locate(f"fields.{name}")(
                    f"'{name}' is a built-in field with a fixed type / bawaan",
                    hint="declare types only for extra columns / nyatakan tipe hanya untuk kolom tambahan",
                )
            )
        elif canonical is None:
            sink.add(
                locate(f"fields.{name}")(
                    f"unknown field type {kind!r} / tipe tidak dikenal",
                    hint=f"use one of / pakai salah satu: {', '.join(sorted(set(FIELD_TYPES.values())))}",
                )
            )
        else:
            fields[name] = canonical
    return fields


def _read_yaml_meta(path: str, sink: _Sink) -> _Meta | None:
    """``edition.yaml``, read with the safety limits of a ruleset (size, nesting, aliases
    counted at every use; see :func:`inovasi_rules.yamlpos.load_yaml`); ``None`` when
    it cannot be read (reported)."""
    text = _read_text_limited(path, sink, "edition")
    if text is None:
        return None
    problems: list[Problem] = []
    try:
        node = load_yaml(text, path, problems=problems)
    except RulesetError as exc:  # LimitError too
        for problem in exc.problems:
            sink.add(_yaml_problem(problem))
        return None
    for problem in problems:
        sink.add(_yaml_problem(problem))
    if any(p.level == "error" for p in problems):
        # a value the YAML reader refused is kept as text: checking it again would
        # only repeat the error in other words
        return None
    if node.kind != "map":
        sink.add(
            Problem(
                "edition.yaml must be a mapping / harus berupa pemetaan", file=path, rule="edition"
            )
        )
        return None

    def locate(key: str) -> Callable[..., Problem]:
        parts: list[str | int] = []
        for part in key.replace("[", ".[").split("."):
            if part.startswith("[") and part.endswith("]") and part[1:-1].isdigit():
                parts.append(int(part[1:-1]))
            elif part:
                parts.append(part)
        mark = node.locate(parts)

        def make(message: str, *, hint: str | None = None, rule: str = "edition") -> Problem:
            return Problem(
                message,
                file=path,
                line=mark.line,
                column=mark.column,
                path=key,
                hint=hint,
                rule=rule,
            )

        return make

    data = to_plain(node)
    assert isinstance(data, dict)
    return _parse_meta({str(k): v for k, v in data.items()}, locate, sink)


def _yaml_problem(problem: Problem) -> Problem:
    """A problem of the YAML reader, in words for ``edition.yaml``."""
    if problem.rule == "limit" and problem.hint and "ruleset" in problem.hint:
        return attrs.evolve(
            problem,
            hint="edition.yaml is a short document (id, ruleset, year, parameters); "
            "write each value out instead of nesting deeply or repeating aliases",
        )
    if problem.rule == "yaml-date" and len(problem.message) > 200:
        # a whole number too long to convert (Python refuses over 4,300 digits)
        return attrs.evolve(
            problem,
            message="a number far too long / angka terlalu panjang",
            hint=DEFAULT_NUMBER_LIMITS.describe(),
            rule="number",
        )
    return problem
