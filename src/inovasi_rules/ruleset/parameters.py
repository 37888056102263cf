"""Parameters that are checked: every ruleset parameter has a type and optional bounds.

A type is declared under ``parameter_types`` or follows from how the parameter is used
and, failing both, from its value:

.. code-block:: yaml

    parameters:
      finalists: 10
      registration_closes: 2025-08-31
    parameter_types:
      finalists: {type: integer, min: 1, max: 50}   # declared
    stages:
      - id: proposal
        advance: {top: {param: finalists}}          # used: a whole number, at least 1
    eligibility:
      - id: on-time
        when: {field: registered, at_most: {param: registration_closes}}  # used: a date

The types are ``integer``, ``decimal``, ``date``, ``date-time``, ``text``,
``boolean``, ``list`` and ``mapping`` (a look-up table); ``min`` and ``max`` bound
numbers and dates. A use says what it needs:

=====================================================  =================================
where ``{param: name}`` is written                      what the value must be
=====================================================  =================================
``advance.top``, ``rank.top``                           a whole number, at least 1
``seats``, ``cap.max``                                  a whole number, at least 0
``weight``, ``threshold``, ``add``, ``adjustment_cap``  a number
``as_of``; compared with ``registered`` or              a date (or a date and time, when the
``innovation.started``                                  value is one or is declared so)
compared with ``years_since``, ``months_since``,        a number
``days_since`` or ``count``
``in``, ``not_in``                                      a list
``{lookup: name, ...}``                                 a mapping
=====================================================  =================================

The same check runs on the ruleset's own values (``validate``), on ``--set``, on an
edition's ``parameters`` and on :meth:`Ruleset.with_parameters
<inovasi_rules.Ruleset.with_parameters>`, so a mistyped parameter never reaches the
engine:

>>> from inovasi_rules import load_ruleset
>>> kipp = load_ruleset("kipp-regional")
>>> for p in check_parameters(kipp, {"finalists": "sepuluh", "registration_closes": "31-08-2025"}):
...     print(p.format())
<input>: error: parameter 'finalists' must be a whole number of at least 1 (stages[1].advance.top needs it); 'sepuluh' is not / parameter 'finalists' harus bilangan bulat paling sedikit 1 (dibutuhkan stages[1].advance.top); 'sepuluh' bukan [parameters.finalists] (parameter-type)
    hint: write a whole number, e.g. 10 / tulis bilangan bulat, misalnya 10
<input>: error: parameter 'registration_closes' must be a date (eligibility[2].when.at_most needs it); '31-08-2025' is not / parameter 'registration_closes' harus tanggal (dibutuhkan eligibility[2].when.at_most); '31-08-2025' bukan [parameters.registration_closes] (parameter-type)
    hint: write 2025-08-31 (year-month-day) / tulis 2025-08-31 (tahun-bulan-tanggal)
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ..decimals import NumberError, NumberLimits, check_decimal
from ..edition.instants import parse_registered
from ..errors import Problem

__all__ = [
    "PARAMETER_TYPES",
    "ParameterType",
    "bound_value",
    "check_parameter",
    "check_parameters",
    "infer_parameter_types",
]

#: The types a parameter can have.
PARAMETER_TYPES = ("integer", "decimal", "date", "date-time", "text", "boolean", "list", "mapping")

# as for every number of a ruleset (yamlpos.YamlLimits): values from --set or a host
# are held to the same bounds as values written in the file
_NUMBERS = NumberLimits(integer_digits=30)
_BOUNDED = ("integer", "decimal", "date", "date-time")
_WORDS = {
    "integer": ("a whole number", "bilangan bulat"),
    "decimal": ("a number", "angka"),
    "date": ("a date", "tanggal"),
    "date-time": ("a date and time", "tanggal dan jam"),
    "text": ("a text", "teks"),
    "boolean": ("true or false", "true atau false"),
    "list": ("a list", "daftar"),
    "mapping": ("a mapping (a look-up table)", "pemetaan (tabel rujukan)"),
}
_EXAMPLES = {
    "integer": ("10", "10"),
    "decimal": ("2.5", "2,5"),
    "date": ("2025-08-31", "2025-08-31"),
    "date-time": ("2025-08-31T23:59:00+07:00", "2025-08-31T23:59:00+07:00"),
    "text": ('"kesehatan" (in quotes if it looks like a number)', '"kesehatan" (pakai tanda kutip)'),
    "boolean": ("true", "true"),
    "list": ("[a, b]", "[a, b]"),
    "mapping": ("{key: value}", "{kunci: nilai}"),
}
# day-month-year as people write it: 31-08-2025, 31/8/2025, 31.08.2025
_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$", re.ASCII)


@attrs.frozen
class ParameterType:
    """What a parameter's value must be.

    :param type: one of :data:`PARAMETER_TYPES`.
    :param min: the smallest value allowed (numbers and dates), or ``None``.
    :param max: the largest value allowed (numbers and dates), or ``None``.
    :param source: why: ``"declared"`` (written under ``parameter_types``), the document
        path of a use (``"stages[1].advance.top"``), or ``"value"`` (read from the
        value the ruleset gives).
    """

    type: str
    min: Any = None
    max: Any = None
    source: str = "value"

    @property
    def declared(self) -> bool:
        """True when the ruleset declares it under ``parameter_types``."""
        return self.source == "declared"

    def describe(self) -> tuple[str, str]:
        """The type and bounds in words: (English, Indonesian)."""
        en, idn = _WORDS[self.type]
        if self.min is not None and self.max is not None:
            en += f" from {self.min} to {self.max}"
            idn += f" dari {_id_text(self.min)} sampai {_id_text(self.max)}"
        elif self.min is not None:
            en += f" of at least {self.min}"
            idn += f" paling sedikit {_id_text(self.min)}"
        elif self.max is not None:
            en += f" of at most {self.max}"
            idn += f" paling banyak {_id_text(self.max)}"
        return en, idn


def _id_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return str(value)


def _shown(value: Any) -> tuple[str, str]:
    """The value as a message shows it (English, Indonesian): short, printable."""
    if value is None:
        return "an empty value", "nilai kosong"
    if isinstance(value, Mapping):
        return "a mapping", "pemetaan"
    if isinstance(value, (list, tuple)):
        return "a list", "daftar"
    text = str(value)
    text = "".join(c if c.isprintable() else "?" for c in text)
    shown = repr(text if len(text) <= 40 else f"{text[:20]}…{text[-10:]}")
    return shown, shown


# --------------------------------------------------------------------------- checking


class _Refused(Exception):
    def __init__(self, hint: str | None = None) -> None:
        super().__init__(hint)
        self.hint = hint


def _as_integer(value: Any) -> int:
    if isinstance(value, bool):
        raise _Refused
    if isinstance(value, int):
        check_decimal(Decimal(value), _NUMBERS)
        return value
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        check_decimal(value, _NUMBERS)
        return int(value)
    raise _Refused


def _as_decimal(value: Any) -> int | Decimal:
    if isinstance(value, bool):
        raise _Refused
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, int):
        check_decimal(Decimal(value), _NUMBERS)
        return value
    if isinstance(value, Decimal):
        return check_decimal(value, _NUMBERS)
    raise _Refused


def _date_hint(value: Any) -> str | None:
    m = _DMY.match(value) if isinstance(value, str) else None
    if m is None:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        iso = datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
    return f"write {iso} (year-month-day) / tulis {iso} (tahun-bulan-tanggal)"


def _as_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        raise _Refused("write the date alone, e.g. 2025-08-31 / tulis tanggalnya saja")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and len(value) <= 40:
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _Refused(_date_hint(value))


def _as_date_time(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise _Refused(
                "add the offset, e.g. 2025-08-31T23:59:00+07:00 (WIB) / tambahkan zona waktu, "
                "misalnya +07:00 (WIB)"
            )
        return value
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and len(value) <= 40:
        try:
            parsed = datetime.datetime.fromisoformat(value.strip())
        except ValueError:
            # the forms a registration may be written in: 2022-04-16 12:00 WIB
            try:
                return parse_registered(value)
            except ValueError:
                raise _Refused(_date_hint(value)) from None
        if parsed.tzinfo is None and ("T" in value or " " in value.strip()):
            raise _Refused(
                "add the offset, e.g. 2025-08-31T23:59:00+07:00 (WIB) / tambahkan zona waktu, "
                "misalnya +07:00 (WIB)"
            )
        return value
    raise _Refused(_date_hint(value))


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise _Refused


def _as_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _Refused("write true or false / tulis true atau false")


def _scalar_ok(value: Any) -> bool:
    return value is None or isinstance(value, (str, bool, int, Decimal, datetime.date))


def _as_list(value: Any) -> Any:
    if isinstance(value, (list, tuple)) and all(_scalar_ok(v) for v in value):
        for v in value:
            if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
                check_decimal(Decimal(v), _NUMBERS)
        return value
    raise _Refused


def _as_mapping(value: Any) -> Any:
    if isinstance(value, Mapping):
        for v in value.values():
            if not _scalar_ok(v):
                _as_list(v)
        return value
    raise _Refused


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "integer": _as_integer,
    "decimal": _as_decimal,
    "date": _as_date,
    "date-time": _as_date_time,
    "text": _as_text,
    "boolean": _as_boolean,
    "list": _as_list,
    "mapping": _as_mapping,
}


def bound_value(kind: str, value: Any) -> Any:
    """``value`` (a number, a date, or ISO text for a date-time) made comparable with
    the bounds of a parameter of type ``kind``."""
    if kind == "date-time":
        if isinstance(value, str):
            try:
                value = datetime.datetime.fromisoformat(value.strip())
            except ValueError:
                value = parse_registered(value)
        if isinstance(value, datetime.datetime):
            return value
        return datetime.datetime.combine(value, datetime.time(), datetime.timezone.utc)
    return value


def check_parameter(name: str, value: Any, types: tuple[ParameterType, ...]) -> tuple[Any, list[tuple[str, str | None]]]:
    """Check one value against every type a parameter has.

    Returns the value as the engine will use it (a ``float`` made a ``Decimal``, ISO
    text for a ``date`` made a :class:`datetime.date`, an integral ``Decimal`` for an
    ``integer`` made an ``int``) and a list of ``(message, hint)`` for what is wrong;
    the messages are bilingual and name the parameter and what needs the type.
    """
    problems: list[tuple[str, str | None]] = []
    out = value
    for t in types:
        en, idn = t.describe()
        why_en = "" if t.source == "value" else (
            " (declared under parameter_types)" if t.declared else f" ({t.source} needs it)"
        )
        why_id = "" if t.source == "value" else (
            " (dinyatakan di parameter_types)" if t.declared else f" (dibutuhkan {t.source})"
        )
        shown, shown_id = _shown(value)
        try:
            converted = _CONVERT[t.type](value)
        except _Refused as exc:
            ex_en, ex_id = _EXAMPLES[t.type]
            problems.append(
                (
                    f"parameter {name!r} must be {en}{why_en}; {shown} is not / parameter {name!r} "
                    f"harus {idn}{why_id}; {shown_id} bukan",
                    exc.hint or f"write {_WORDS[t.type][0]}, e.g. {ex_en} / tulis {_WORDS[t.type][1]}, "
                    f"misalnya {ex_id}",
                )
            )
            break  # one problem per parameter: the others say the same
        except NumberError as exc:
            problems.append((f"parameter {name!r}: {exc.message}", exc.hint))
            break
        if t.type in _BOUNDED:
            try:
                key = bound_value(t.type, converted)
                low = t.min is not None and key < bound_value(t.type, t.min)
                high = t.max is not None and key > bound_value(t.type, t.max)
            except (TypeError, ValueError):  # a bound of the wrong type: reported where declared
                low = high = False
            if low or high:
                problems.append(
                    (
                        f"parameter {name!r} must be {en}{why_en}; {shown} is not / parameter "
                        f"{name!r} harus {idn}{why_id}; {shown_id} bukan",
                        f"write {en} / tulis {idn}",
                    )
                )
                break
        out = converted
    return out, problems


def check_parameters(
    ruleset: Any,
    values: Mapping[str, Any],
    *,
    file: str | None = None,
    locate: Callable[[str], tuple[int | None, int | None]] | None = None,
) -> list[Problem]:
    """Every problem with ``values`` as parameters of ``ruleset``: an unknown name, a
    value of the wrong type or out of bounds. Empty when all are fine.

    The one check behind ``validate``, ``--set``, an edition's ``parameters`` and
    :meth:`Ruleset.with_parameters <inovasi_rules.Ruleset.with_parameters>`.

    :param ruleset: a :class:`~inovasi_rules.Ruleset`.
    :param values: the parameters to check, by name.
    :param file: the file the values were read from (``edition.yaml``, ``--set``).
    :param locate: gives ``(line, column)`` of a parameter's value in ``file``.
    """
    known: Mapping[str, Any] = ruleset.parameters
    out: list[Problem] = []
    for name, value in values.items():
        line, column = locate(name) if locate is not None else (None, None)
        if name not in known:
            listing = ", ".join(sorted(known)) or "-"
            out.append(
                Problem(
                    f"unknown parameter {name!r} / parameter {name!r} tidak ada di ruleset "
                    f"{ruleset.id}",
                    file,
                    line,
                    column,
                    path=f"parameters.{name}",
                    hint=f"parameters this ruleset has / parameter yang ada: {listing}",
                    rule="unknown-parameter",
                )
            )
            continue
        _, found = check_parameter(name, value, ruleset.parameter_type(name))
        out.extend(
            Problem(message, file, line, column, path=f"parameters.{name}", hint=hint,
                    rule="parameter-type")
            for message, hint in found
        )
    return out


# --------------------------------------------------------------------------- inference


def _value_type(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, (Decimal, float)):
        return "decimal"
    if isinstance(value, datetime.datetime):
        return "date-time"
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, Mapping):
        return "mapping"
    return None


def type_of_value(value: Any) -> ParameterType | None:
    """The type a value shows by itself (``None`` for an empty value)."""
    kind = _value_type(value)
    return ParameterType(kind) if kind is not None else None


_DATE_FIELDS = frozenset({"registered", "innovation.started"})
_NUMBER_SUBJECTS = ("years_since", "months_since", "days_since", "count")
_COMPARE = ("equals", "not_equals", "at_least", "at_most", "greater_than", "less_than")


def _fmt(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _param(node: Any) -> str | None:
    if isinstance(node, Mapping) and set(node) == {"param"} and isinstance(node["param"], str):
        return node["param"]
    return None


def _uses(node: Any, path: tuple[Any, ...]) -> Iterator[tuple[str, ParameterType]]:
    if isinstance(node, list):
        for i, v in enumerate(node):
            yield from _uses(v, (*path, i))
        return
    if not isinstance(node, Mapping):
        return
    if "lookup" in node and isinstance(node["lookup"], str):
        yield node["lookup"], ParameterType("mapping", source=_fmt((*path, "lookup")))
    subject_type: str | None = None
    if isinstance(node.get("field"), str) and node["field"] in _DATE_FIELDS:
        subject_type = "date"
    elif any(k in node for k in _NUMBER_SUBJECTS):
        subject_type = "decimal"
    for key, value in node.items():
        here = (*path, key)
        name = _param(value)
        need: ParameterType | None = None
        where = _fmt(here)
        if name is not None:
            if key == "top":
                need = ParameterType("integer", 1, source=where)
            elif path and (path[-1] == "seats" or (key == "max" and path[-1] == "cap")):
                need = ParameterType("integer", 0, source=where)
            elif key in ("weight", "threshold", "add", "adjustment_cap"):
                need = ParameterType("decimal", source=where)
            elif key == "as_of":
                need = ParameterType("date", source=where)
            elif key in ("in", "not_in"):
                need = ParameterType("list", source=where)
            elif key in _COMPARE and subject_type is not None:
                need = ParameterType(subject_type, source=where)
            if need is not None:
                yield name, need
            continue
        if key == "between" and isinstance(value, list) and subject_type is not None:
            for i, item in enumerate(value):
                item_name = _param(item)
                if item_name is not None:
                    yield item_name, ParameterType(subject_type, source=_fmt((*here, i)))
            continue
        if key == "parameters" and not path:
            continue  # values, not references
        yield from _uses(value, here)


def declared_types(plain: Mapping[str, Any]) -> dict[str, ParameterType]:
    """The types written under ``parameter_types`` (schema-valid input assumed)."""
    out: dict[str, ParameterType] = {}
    for name, spec in (plain.get("parameter_types") or {}).items():
        kind = spec.get("type") if isinstance(spec, Mapping) else None
        if kind in _BOUNDED:
            out[str(name)] = ParameterType(kind, spec.get("min"), spec.get("max"), "declared")
        elif kind in PARAMETER_TYPES:
            out[str(name)] = ParameterType(kind, source="declared")  # bounds: reported
    return out


def infer_parameter_types(plain: Mapping[str, Any]) -> dict[str, tuple[ParameterType, ...]]:
    """Every parameter's types: the declared one, then one per use; the value's own
    type when there is neither.

    :param plain: a ruleset as plain data (after ``extends`` is resolved).
    """
    params: Mapping[str, Any] = plain.get("parameters") or {}
    out: dict[str, list[ParameterType]] = {name: [] for name in params}
    for name, t in declared_types(plain).items():
        if name in out:
            out[name].append(t)
    declared = declared_types(plain)
    for name, t in _uses(plain, ()):
        if name in out and t.type == "date" and not t.source.endswith("as_of") and (
            _value_type(params[name]) == "date-time"
            or (name in declared and declared[name].type == "date-time")
        ):
            # a deadline with its hour, compared with registrations that may have one
            t = attrs.evolve(t, type="date-time")
        if name in out and t not in out[name]:
            out[name].append(t)
    for name, types in out.items():
        if not types:
            own = type_of_value(params[name])
            if own is not None:
                types.append(own)
    return {name: tuple(types) for name, types in out.items()}
