"""The edition's metadata: ``edition.yaml``, the JSON ``edition`` object, the Excel sheet."""

from __future__ import annotations

import datetime
import decimal
import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs
import yaml

from ..errors import Problem
from .cells import _META_KEYS, _SUBMISSION_SPEC, FIELD_TYPES, _conv_integer, _text
from .files import _read_text_limited
from .model import _EMPTY, JUDGE_FIELDS, _freeze_mapping
from .problems import _Bad, _Sink

_T = TypeVar("_T")


# ---------------------------------------------------------------------------------------
# Edition metadata (edition.yaml, the JSON "edition" object, the Excel "edition" sheet)
# ---------------------------------------------------------------------------------------


@attrs.frozen
class _Meta:
    id: str
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


def _parse_meta(
    raw: Mapping[str, object], locate: _MetaLocator, default_id: str, sink: _Sink
) -> _Meta:
    """Check the edition's metadata; problems go to ``sink``."""
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in _META_KEYS:
            close = difflib.get_close_matches(str(key), _META_KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else None
            sink.add(
                attrs.evolve(
                    locate(str(key))(
                        f"unknown key '{key}' is ignored / kunci '{key}' tidak dikenal",
                        hint=hint or f"known keys: {', '.join(_META_KEYS)}",
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
                year = _conv_integer(value)
            except _Bad:
                year = None
            if year is None or isinstance(value, bool):
                sink.add(locate(key)(f"year {value!r} is not a year / tahun tidak sah"))
            else:
                values["year"] = year
        elif key == "parameters":
            if not isinstance(value, Mapping):
                sink.add(locate(key)("'parameters' must be a mapping / harus berupa pemetaan"))
                continue
            values["parameters"] = _freeze_mapping(
                {str(k): _decimal_floats(v) for k, v in value.items()}
            )
        elif key == "fields":
            values["fields"] = _parse_fields(value, locate, sink)
    values.setdefault("id", default_id)
    return _Meta(**values)


def _iso_dates(value: object) -> object:
    """Read ``YYYY-MM-DD`` strings as dates, as YAML does (for JSON and Excel
    parameters)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
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
                hint="e.g. fields: {budget: number, sdgs: list}",
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
                    hint="declare types only for extra columns",
                )
            )
        elif canonical is None:
            sink.add(
                locate(f"fields.{name}")(
                    f"unknown field type {kind!r} / tipe tidak dikenal",
                    hint=f"use one of: {', '.join(sorted(set(FIELD_TYPES.values())))}",
                )
            )
        else:
            fields[name] = canonical
    return fields


class _DecimalLoader(yaml.SafeLoader):
    """A safe YAML loader that reads floats as Decimal."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    assert isinstance(node, yaml.ScalarNode)
    text = str(loader.construct_scalar(node))
    value = loader.construct_yaml_float(node)
    if value != value or value in (float("inf"), float("-inf")):
        return value
    try:
        return decimal.Decimal(text.replace("_", ""))
    except decimal.InvalidOperation:
        return decimal.Decimal(repr(value))


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def _read_yaml_meta(path: str, default_id: str, sink: _Sink) -> _Meta:
    text = _read_text_limited(path, sink, "edition")
    if text is None:
        return _Meta(id=default_id)
    loader = _DecimalLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        sink.add(
            Problem(
                f"edition.yaml is not valid YAML / bukan YAML yang sah: "
                f"{getattr(exc, 'problem', None) or exc}",
                file=path,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
                rule="yaml-syntax",
            )
        )
        return _Meta(id=default_id)
    finally:
        loader.dispose()
    if data is None:
        return _Meta(id=default_id)
    if not isinstance(data, Mapping) or node is None:
        sink.add(Problem("edition.yaml must be a mapping / harus berupa pemetaan", file=path))
        return _Meta(id=default_id)
    marks: dict[str, tuple[int, int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            mark = value_node.start_mark
            marks[str(key_node.value)] = (mark.line + 1, mark.column + 1)
            if isinstance(value_node, yaml.MappingNode):
                for sub_key, sub_value in value_node.value:
                    sub_mark = sub_value.start_mark
                    marks[f"{key_node.value}.{sub_key.value}"] = (
                        sub_mark.line + 1,
                        sub_mark.column + 1,
                    )

    def locate(key: str) -> Callable[..., Problem]:
        line, column = marks.get(key, marks.get(key.split(".")[0], (None, None)))

        def make(message: str, *, hint: str | None = None, rule: str = "edition") -> Problem:
            return Problem(
                message, file=path, line=line, column=column, path=key, hint=hint, rule=rule
            )

        return make

    return _parse_meta({str(k): v for k, v in data.items()}, locate, default_id, sink)
