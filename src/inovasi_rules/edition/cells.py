"""How one cell becomes a value: text, dates, booleans, lists, numbers, extra fields."""

from __future__ import annotations

import datetime
import decimal
import re
import types
from collections.abc import Callable, Mapping
from typing import Final

from ..decimals import (
    DEFAULT_NUMBER_LIMITS,
    NumberError,
    NumberLimits,
    check_decimal,
    parse_decimal,
    reads_two_ways,
)
from .instants import REGISTERED_FORMS, _refuse_foreign_digits, parse_registered
from .problems import _Bad

# ---------------------------------------------------------------------------------------
# Cell conversion
# ---------------------------------------------------------------------------------------

_DATE_HINT = (
    "write dates as YYYY-MM-DD (2023-03-31) or DD/MM/YYYY (31/03/2023) / tulis tanggal "
    "sebagai YYYY-MM-DD (2023-03-31) atau DD/MM/YYYY (31/03/2023)"
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?", re.ASCII)
_DMY_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_TRUE: Final = frozenset({"true", "ya", "yes", "1", "y"})
_FALSE: Final = frozenset({"false", "tidak", "no", "0", "n", ""})
_BOOL_HINT = "use true/false, ya/tidak, yes/no or 1/0 / pakai true/false, ya/tidak, yes/no atau 1/0"
_NUMBER_HINT = (
    "write a number such as 85, 85.5 or 85,5, without thousands separators / tulis angka "
    "seperti 85, 85,5 atau 85.5, tanpa pemisah ribuan"
)


def _text(raw: object) -> str:
    """A cell as text (for ids and scores): ``None`` is empty, integral floats lose
    their ``.0`` (Excel stores 101 as 101.0), dates are ISO."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, datetime.datetime):
        if raw.time() == datetime.time():
            return raw.date().isoformat()
        return raw.isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    if isinstance(raw, int):  # Python refuses str() of a whole number of 4,300+ digits
        return str(decimal.Decimal(raw))
    return str(raw)


def _conv_str(raw: object) -> str | None:
    if type(raw) is str:
        return raw.strip() or None
    if raw is None:
        return None
    if isinstance(raw, (list, tuple, Mapping, set, frozenset)):
        raise _Bad("expected a single value, not a list / harus satu nilai, bukan daftar")
    text = _text(raw).strip()
    return text or None


def _parse_date(text: str) -> datetime.date:
    _refuse_foreign_digits(text)
    match = _ISO_DATE.fullmatch(text)
    if match:
        y, m, d = match.group(1, 2, 3)
    else:
        match = _DMY_DATE.fullmatch(text)
        if not match:
            raise _Bad(f"'{text}' is not a date / '{text}' bukan tanggal (YYYY-MM-DD)", _DATE_HINT)
        d, m, y = match.group(1, 2, 3)
    try:
        return datetime.date(int(y), int(m), int(d))
    except ValueError:
        raise _Bad(
            f"'{text}' is not a valid date / '{text}' bukan tanggal yang sah", _DATE_HINT
        ) from None


def _conv_date(raw: object) -> datetime.date | None:
    if raw is None:
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        return _parse_date(text) if text else None
    raise _Bad(
        f"{_text(raw)!r} is not a date / bukan tanggal",
        "write dates as YYYY-MM-DD (2023-03-31) or DD/MM/YYYY (31/03/2023); in Excel, format "
        "the cell as a date / tulis tanggal sebagai YYYY-MM-DD (2023-03-31) atau DD/MM/YYYY "
        "(31/03/2023); di Excel, format selnya sebagai tanggal",
    )


def _conv_registered(raw: object) -> datetime.date | None:
    """A registration: a date alone, or a date and time with its zone (see
    :mod:`inovasi_rules.edition.instants`)."""
    if raw is None:
        return None
    if isinstance(raw, datetime.datetime):
        if raw.tzinfo is not None:
            return raw
        if raw.time() == datetime.time():
            return raw.date()
        raise _Bad(
            f"{_text(raw)!r} has a time but no zone / berisi jam tanpa zona waktu",
            "in Excel, write the cell as text with its zone, e.g. 2025-08-31 14:05 WIB / "
            "di Excel, tulis sel sebagai teks dengan zona waktunya",
        )
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, str):
        return parse_registered(raw) if raw.strip() else None
    raise _Bad(
        f"{_text(raw)!r} is not a date / bukan tanggal",
        "write one of " + ", ".join(REGISTERED_FORMS) + " / tulis salah satu bentuk ini",
    )


def _conv_bool(raw: object) -> bool | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float, decimal.Decimal)) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False if word else None
    raise _Bad(f"{_text(raw)!r} is not true or false / bukan ya atau tidak", _BOOL_HINT)


def _split_list(text: str) -> tuple[str, ...]:
    return tuple(item for item in (part.strip() for part in text.split(";")) if item)


def _conv_list(raw: object) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return _split_list(raw)
    if isinstance(raw, (list, tuple)):
        items: list[str] = []
        for item in raw:
            text = _conv_str(item)
            if text is not None:
                items.append(text)
        return tuple(items)
    text = _conv_str(raw)
    return (text,) if text is not None else ()


def _parse_decimal(
    text: str, limits: NumberLimits = DEFAULT_NUMBER_LIMITS
) -> decimal.Decimal | None:
    """``text`` as a finite, bounded Decimal (a decimal comma allowed), ``None`` if
    empty; raises :class:`_Bad` otherwise (see :func:`inovasi_rules.decimals.parse_decimal`)."""
    if not text or text.isspace():
        return None
    try:
        return parse_decimal(text, limits)
    except NumberError as exc:
        raise _Bad(exc.message, exc.hint) from None


def _conv_number(
    raw: object, limits: NumberLimits = DEFAULT_NUMBER_LIMITS
) -> decimal.Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise _Bad(f"{raw!r} is not a number / bukan angka", _NUMBER_HINT)
    if isinstance(raw, decimal.Decimal):
        try:
            return check_decimal(raw, limits)
        except NumberError as exc:
            raise _Bad(exc.message, exc.hint) from None
    if isinstance(raw, int):
        try:
            return check_decimal(decimal.Decimal(raw), limits)
        except NumberError as exc:
            raise _Bad(exc.message, exc.hint) from None
    if isinstance(raw, (str, float)):
        return _parse_decimal(raw if isinstance(raw, str) else repr(raw), limits)
    raise _Bad(f"{_text(raw)!r} is not a number / bukan angka", _NUMBER_HINT)


def _refuse_grouped(text: str) -> None:
    """Refuse a number that reads two ways: ``125.000`` is one hundred twenty-five
    thousand to an Indonesian reader and 125 to the parser; ``1,500`` is 1500 to an
    English one and 1,5 to the parser."""
    found = reads_two_ways(text)
    if found is None:
        return
    whole, fraction = found
    sign = "-" if text.strip().startswith("-") else ""
    grouped = f"{sign}{whole}{fraction}"
    # the decimal reading written so that it cannot be taken for thousands
    spelled = fraction.rstrip("0")
    if len(spelled) == 3:
        spelled += "0"
    if spelled:
        as_id, as_en = f"{sign}{whole},{spelled}", f"{sign}{whole}.{spelled}"
    else:
        as_id = as_en = f"{sign}{whole}"
    shown = text.strip()
    raise _Bad(
        f"'{shown}' is ambiguous: a thousands separator or a decimal point? / '{shown}' "
        "meragukan: pemisah ribuan atau koma desimal?",
        f"tulis {grouped} tanpa pemisah ribuan, atau {as_id} bila desimal / write "
        f"{grouped}, without a thousands separator, or {as_en} if it is a decimal",
    )


def _conv_field_number(
    raw: object, limits: NumberLimits = DEFAULT_NUMBER_LIMITS
) -> decimal.Decimal | None:
    """A cell of an extra field declared ``number``: as :func:`_conv_number`, but a
    text with a thousands separator that could be a decimal one is refused."""
    if isinstance(raw, str):
        _refuse_grouped(raw)
    return _conv_number(raw, limits)


def _conv_integer(raw: object, limits: NumberLimits = DEFAULT_NUMBER_LIMITS) -> int | None:
    value = _conv_field_number(raw, limits)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise _Bad(f"'{value}' is not a whole number / bukan bilangan bulat")
    return int(value)


def _conv_auto(raw: object, limits: NumberLimits = DEFAULT_NUMBER_LIMITS) -> object:
    """An undeclared extra field: text stays text; typed cells (Excel, JSON) keep their
    type, with numbers as Decimal and lists as tuples."""
    if raw is None:
        return None
    if isinstance(raw, str):
        return raw.strip() or None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float, decimal.Decimal)):
        return _conv_number(raw, limits)
    if isinstance(raw, datetime.datetime):
        return raw.date() if raw.time() == datetime.time() else raw
    if isinstance(raw, (list, tuple)):
        return tuple(v for v in (_conv_auto(item, limits) for item in raw) if v is not None)
    return raw


#: The types an extra field may be declared with under ``fields:`` in ``edition.yaml``
#: (aliases in parentheses): ``string`` (str, text), ``number`` (decimal; read as
#: :class:`~decimal.Decimal`), ``integer`` (int), ``date``, ``bool`` (boolean),
#: ``list`` (``;``-separated).
FIELD_TYPES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "string": "string",
        "str": "string",
        "text": "string",
        "number": "number",
        "decimal": "number",
        "integer": "integer",
        "int": "integer",
        "date": "date",
        "bool": "bool",
        "boolean": "bool",
        "list": "list",
    }
)

_CONVERTERS: Final[Mapping[str, Callable[[object], object]]] = types.MappingProxyType(
    {
        "string": _conv_str,
        "number": _conv_field_number,
        "integer": _conv_integer,
        "date": _conv_date,
        "bool": _conv_bool,
        "list": _conv_list,
    }
)

# field path -> (which object, attribute, converter)
_SUBMISSION_SPEC: Final[dict[str, tuple[str, str, Callable[[object], object]]]] = {
    "id": ("s", "id", _conv_str),
    "title": ("s", "title", _conv_str),
    "category": ("s", "category", _conv_str),
    "group": ("s", "group", _conv_str),
    "registered": ("s", "registered", _conv_registered),
    "wave": ("s", "wave", _conv_str),
    "withdrawn": ("s", "withdrawn", _conv_bool),
    "participant.kind": ("p", "kind", _conv_str),
    "participant.agency": ("p", "agency", _conv_str),
    "participant.province": ("p", "province", _conv_str),
    "participant.regency": ("p", "regency", _conv_str),
    "participant.name": ("p", "name", _conv_str),
    "innovation.status": ("i", "status", _conv_str),
    "innovation.started": ("i", "started", _conv_date),
    "innovation.previous_awards": ("i", "previous_awards", _conv_list),
}

_SUBMISSION_ALIASES: Final = {"submission_id": "id"}
_JUDGE_ALIASES: Final = {"judge_id": "id"}
_SCORE_COLUMNS: Final = ("submission_id", "stage", "judge_id", "criterion", "score")
_SCORE_ALIASES: Final = {"submission": "submission_id", "judge": "judge_id", "value": "score"}
_VERDICT_COLUMNS: Final = ("submission_id", "stage", "verdict", "note")
_VERDICT_ALIASES: Final = {"submission": "submission_id"}
_META_KEYS: Final = ("id", "ruleset", "year", "title", "notes", "parameters", "fields")
