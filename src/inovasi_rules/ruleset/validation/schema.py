"""The first pass: the ruleset against its JSON Schema, each error located and in both languages."""


from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from ...errors import Problem
from ...yamlpos import Node, PathKey, format_path

__all__ = ["SchemaValidator", "check_schema", "ruleset_schema", "schema_problems"]


def ruleset_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the ruleset format, as a dict."""
    text = (
        resources.files("inovasi_rules")
        .joinpath("schema/ruleset.schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def _is_string(_checker: Any, instance: Any) -> bool:
    # YAML dates arrive as datetime.date; the schema describes them as format: date.
    return isinstance(instance, (str, date))


_TypeChecker = Draft202012Validator.TYPE_CHECKER.redefine("string", _is_string)
#: Draft 2020-12 with YAML dates accepted where the schema says ``format: date``.
SchemaValidator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, type_checker=_TypeChecker
)


@functools.cache
def _get_validator() -> Any:
    return SchemaValidator(ruleset_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


_TYPES = {
    "string": ("text", "teks"),
    "number": ("a number", "angka"),
    "integer": ("a whole number", "bilangan bulat"),
    "object": ("a mapping of `key: value` lines", "pemetaan `kunci: nilai`"),
    "array": ("a list (lines starting with `- `)", "daftar (baris diawali `- `)"),
    "boolean": ("true or false", "true atau false"),
    "null": ("empty", "kosong"),
}


def _type_text(types: Any) -> tuple[str, str]:
    if isinstance(types, str):
        types = [types]
    en = " or ".join(_TYPES.get(t, (t, t))[0] for t in types)
    idn = " atau ".join(_TYPES.get(t, (t, t))[1] for t in types)
    return en, idn


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "this value" if isinstance(value, dict) else "this list"
    if isinstance(value, Decimal):
        return format(value, "f")
    return repr(value) if isinstance(value, str) else str(value)


def _problem(
    node: Node,
    path: list[PathKey],
    message: str,
    *,
    hint: str | None = None,
    rule: str = "schema",
    key: bool = False,
    level: str = "error",
) -> Problem:
    mark = node.locate(path, key=key)
    return Problem(
        message,
        mark.file,
        mark.line,
        mark.column,
        path=format_path(path),
        hint=hint,
        rule=rule,
        level=level,
    )


def _did_you_mean(word: str, options: Any) -> str | None:
    unique = list(dict.fromkeys(str(o) for o in options))
    close = difflib.get_close_matches(word, unique, n=2, cutoff=0.6)
    if close:
        return f"did you mean {' or '.join(repr(c) for c in close)}? / maksud Anda {close[0]!r}?"
    return None


def schema_problems(err: ValidationError, root: Node) -> Iterator[Problem]:
    path = list(err.absolute_path)
    v = err.validator
    value = err.instance
    schema = err.schema if isinstance(err.schema, dict) else {}
    if v == "additionalProperties" and isinstance(value, dict):
        allowed = list(schema.get("properties", {}))
        for k in value:
            if k not in allowed:
                hint: str | None = (
                    _did_you_mean(k, allowed)
                    or f"allowed keys here / kunci yang boleh di sini: {', '.join(allowed)}"
                )
                yield _problem(
                    root,
                    [*path, k],
                    f"unknown key {k!r} / kunci {k!r} tidak dikenal",
                    hint=hint,
                    rule="unknown-key",
                    key=True,
                )
        return
    if v in ("anyOf", "oneOf") and err.context:
        deeper = [e for e in err.context if len(e.absolute_path) > len(err.absolute_path)]
        if deeper:
            yield from schema_problems(best_match(deeper), root)
            return
        # Errors at this level from the branches whose type fits the value (a label
        # written as a mapping without `id`, a count below zero) say more than
        # "not valid"; branches of the wrong type say nothing.
        fitting = [e for e in err.context if e.validator != "type"]
        if fitting:
            yield from schema_problems(best_match(fitting), root)
            return
        desc = schema.get("description")
        yield _problem(
            root,
            path,
            f"{_show(value)} is not valid here / nilai ini tidak sah di sini",
            hint=desc,
            rule="schema",
        )
        return
    if v == "required":
        required: Any = err.validator_value
        missing = [k for k in required if isinstance(value, dict) and k not in value]
        for k in missing:
            yield _problem(
                root,
                path,
                f"missing required key {k!r} / kunci wajib {k!r} belum diisi",
                hint=f"add `{k}: ...` here / tambahkan `{k}: ...` di sini",
                rule="missing-key",
            )
        return
    if v == "type":
        en, idn = _type_text(err.validator_value)
        hint = schema.get("description")
        if not path:
            hint = (
                "a ruleset is a mapping that starts with `schema_version: 1`, `id: ...` "
                "and `name: ...` / ruleset adalah pemetaan yang diawali `schema_version: 1`, "
                "`id: ...` dan `name: ...`"
            )
        yield _problem(root, path, f"{_show(value)} should be {en} / seharusnya {idn}", hint=hint)
        return
    if v == "enum":
        enum: Any = err.validator_value
        options = [str(o) for o in enum]
        hint = (_did_you_mean(str(value), options) if isinstance(value, str) else None) or (
            f"choose one of / pilih salah satu: {', '.join(options)}"
        )
        yield _problem(
            root, path, f"{_show(value)} is not allowed here / nilai tidak diizinkan", hint=hint
        )
        return
    if v == "const":
        if path == ["schema_version"]:
            yield _problem(
                root,
                path,
                f"schema_version {_show(value)} is not supported, this version of "
                f"inovasi_rules reads schema_version {err.validator_value} "
                "/ versi format tidak didukung",
                hint=f"write `schema_version: {err.validator_value}` / tulis "
                f"`schema_version: {err.validator_value}`",
            )
            return
        yield _problem(
            root,
            path,
            f"{_show(value)} must be {err.validator_value!r} / harus {err.validator_value!r}",
        )
        return
    if v == "pattern":
        if "a-z0-9" in str(err.validator_value):
            what = "id / id"
            hint = (
                "ids use lower-case letters, digits, '-', '_' and '.', e.g. `top-45` "
                "/ gunakan huruf kecil, angka dan tanda hubung"
            )
        elif "\\." in str(err.validator_value):
            what = "field path / jalur field"
            hint = (
                "a field path is words joined by dots, e.g. `participant.province` "
                "/ jalur field adalah kata-kata yang dihubungkan titik, misalnya "
                "`participant.province`"
            )
        else:
            what = "name / nama"
            hint = (
                "use letters, digits and '_', starting with a letter, e.g. `bonus_points` "
                "/ pakai huruf, angka dan '_', diawali huruf, misalnya `bonus_points`"
            )
        en, idn = what.split(" / ")
        yield _problem(
            root, path, f"{_show(value)} is not a valid {en} / {idn} tidak sah", hint=hint
        )
        return
    if v == "format":
        yield _problem(
            root,
            path,
            f"{_show(value)} is not a valid {err.validator_value} / format tidak sah",
            hint="write dates as YYYY-MM-DD, e.g. 2023-06-11 / tulis tanggal sebagai YYYY-MM-DD, "
            "misalnya 2023-06-11",
        )
        return
    if v in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        word = {
            "minimum": "at least",
            "exclusiveMinimum": "more than",
            "maximum": "at most",
            "exclusiveMaximum": "less than",
        }[v]
        idw = {
            "minimum": "minimal",
            "exclusiveMinimum": "lebih dari",
            "maximum": "maksimal",
            "exclusiveMaximum": "kurang dari",
        }[v]
        yield _problem(
            root,
            path,
            f"{_show(value)} must be {word} {err.validator_value} "
            f"/ harus {idw} {err.validator_value}",
        )
        return
    yield _problem(root, path, f"{err.message} / nilai tidak sah", hint=schema.get("description"))


def check_schema(plain: Any, root: Node) -> list[Problem]:
    """Check ``plain`` against the ruleset JSON Schema; one Problem per violation."""
    problems: list[Problem] = []
    for err in _get_validator().iter_errors(plain):
        problems.extend(schema_problems(err, root))
    return problems


