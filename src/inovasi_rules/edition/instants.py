"""Registration times: a date alone, or a date and time with its zone.

The ``registered`` column of ``submissions.csv`` (and of a JSON or Excel edition) takes
either form:

=================================  ===============================================
written                            read as
=================================  ===============================================
``2025-08-31``, ``31/08/2025``     the date alone (the whole day 31 Agustus 2025)
``2025-08-31T14:05:00+07:00``      14.05 at UTC+07:00
``2025-08-31 14:05 WIB``           the same instant (``WIB`` = +07:00)
``2025-08-31 15:05 WITA``          the same instant (``WITA`` = +08:00)
``2025-08-31 16.05 WIT``           the same instant (``WIT`` = +09:00; ``16.05`` as
                                   Indonesian writes it)
``2025-08-31T07:05:00Z``           the same instant (``Z`` = UTC)
=================================  ===============================================

A ``T`` or a space separates date and time; seconds are optional; a time needs its
zone (an offset, ``Z``, ``WIB``, ``WITA`` or ``WIT``), since 14.05 in Jakarta and 14.05
in Jayapura are two hours apart.

**Order** (caps kept "in order of registration", the tie-break ``{by: field, ref:
registered}``): first by the calendar day in WIB; within one day, entries with a time
by their instant, then entries with a date alone (a date alone says only "some time
that day", so it never goes ahead of a time on the same day, and never behind a later
day); the same instant (``14:05 WIB`` and ``15:05 WITA``), or the same day without a
time, is ordered by what comes next (the submission id for a cap). An edition of dates
alone is ordered exactly as before times were accepted.

**Compared with a date** (``{field: registered, at_most: {param:
registration_closes}}`` with ``registration_closes: 2025-06-03``): a time counts by its
calendar day in WIB, so ``2025-06-03 23:59 WIB`` is "at most 3 Juni 2025" and
``2025-06-04 00:30 WITA`` (23.30 WIB on 3 June) is too; ``2025-06-04 00:30 WIB`` is
not. Two times are compared as instants; a date alone compared with a time is
compared by its day.

>>> parse_registered("2025-08-31 14:05 WIB") == parse_registered("2025-08-31T15:05+08:00")
True
>>> registration_text(parse_registered("2025-08-31 14.05 WIB"))
'2025-08-31T14:05:00+07:00'
>>> registration_key(parse_registered("31/08/2025")) > registration_key(
...     parse_registered("2025-08-31 23:59 WIB"))
True
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from typing import Any, Final

import attrs

from .problems import _Bad

__all__ = [
    "REGISTERED_FORMS",
    "ZONES",
    "Registration",
    "comparable_times",
    "parse_registered",
    "registration_key",
    "registration_text",
    "registration_words",
    "wib_day",
]

#: The zones that may be spelled out, by name.
ZONES: Final = {
    "WIB": datetime.timezone(datetime.timedelta(hours=7), "WIB"),
    "WITA": datetime.timezone(datetime.timedelta(hours=8), "WITA"),
    "WIT": datetime.timezone(datetime.timedelta(hours=9), "WIT"),
}
_WIB: Final = ZONES["WIB"]

#: The forms a registration may be written in (the hint of a refused value).
REGISTERED_FORMS: Final = (
    "2025-08-31",
    "31/08/2025",
    "2025-08-31T14:05:00+07:00",
    "2025-08-31 14:05 WIB",
    "2025-08-31 14:05 WITA",
    "2025-08-31 14:05 WIT",
)
_HINT: Final = (
    "write a date as YYYY-MM-DD or DD/MM/YYYY, or a date and time with its zone: "
    + ", ".join(REGISTERED_FORMS) + " / tulis tanggal (YYYY-MM-DD atau DD/MM/YYYY), atau "
    "tanggal dan jam dengan zona waktunya"
)
_DMY_DASHES: Final = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})(.*)", re.ASCII)

_DATE = r"(?:(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})|(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4}))"
_TIME = r"(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2})(?:[.,](?P<F>\d{1,6}))?)?"
_ZONE = r"(?P<zone>Z|[+-]\d{2}(?::?\d{2})?|WIB|WITA|WIT)"
_FORM = re.compile(
    rf"{_DATE}(?:(?:T|\s+)(?:pukul\s+)?{_TIME}(?:\s*{_ZONE})?)?", re.IGNORECASE | re.ASCII
)


def _refuse_foreign_digits(text: str) -> None:
    """Refuse a date written with digits other than 0-9 (Arabic-Indic ``٢٠٢٠``,
    fullwidth ``２０２０``): only 0-9 are read, so say so rather than "not a date"."""
    if text.isascii() or not any(not c.isascii() and c.isdecimal() for c in text):
        return
    shown = text if len(text) <= 60 else text[:57] + "..."
    ascii_ = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in shown)
    raise _Bad(
        f"{shown!r} is written with digits other than 0-9 / {shown!r} ditulis dengan angka "
        "selain 0-9",
        f"tulis dengan angka 0-9: {ascii_} / write it with the digits 0-9: {ascii_}",
    )


def _refuse(text: str, why_en: str, why_id: str) -> _Bad:
    shown = text if len(text) <= 60 else text[:57] + "..."
    hint = _HINT
    dmy = _DMY_DASHES.fullmatch(text)
    if dmy is not None:
        d, m, y, rest = dmy.groups()
        iso = f"{y}-{int(m):02d}-{int(d):02d}{rest}"
        hint = f"did you mean {iso}? / maksudnya {iso}? {_HINT}"
    return _Bad(f"{shown!r} is not {why_en} / {shown!r} bukan {why_id}", hint)


def _zone(text: str) -> datetime.tzinfo:
    named = ZONES.get(text.upper())
    if named is not None:
        return named
    if text.upper() == "Z":
        return datetime.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(text)
    return datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes))


def parse_registered(text: str) -> datetime.date:
    """A registration as written: a :class:`datetime.date` for a date alone, an aware
    :class:`datetime.datetime` (in the zone it was written in) for a date and time.

    :raises ValueError: for text that is no registration, naming the accepted forms
        (the reader shows it at the file, row and column, with a hint).
    """
    text = text.strip()
    _refuse_foreign_digits(text)
    match = _FORM.fullmatch(text) if len(text) <= 64 else None
    if match is None:
        raise _refuse(text, "a date or a date and time", "tanggal atau tanggal dan jam")
    g = match.groupdict()
    y, m, d = (g["y"], g["m"], g["d"]) if g["y"] else (g["y2"], g["m2"], g["d2"])
    try:
        day = datetime.date(int(y), int(m), int(d))
    except ValueError:
        raise _refuse(text, "a valid date", "tanggal yang sah") from None
    if g["H"] is None:
        return day
    hour, minute, second = int(g["H"]), int(g["M"]), int(g["S"] or 0)
    micro = int((g["F"] or "0").ljust(6, "0"))
    if g["zone"] is None:
        if hour == minute == second == micro == 0:
            return day  # a spreadsheet's date written with a midnight time
        raise _Bad(
            f"{text!r} has a time but no zone / {text!r} berisi jam tanpa zona "
            "waktu", "add the zone: 2025-08-31 14:05 WIB, or +07:00 / tambahkan zona waktu: "
            "WIB, WITA, WIT atau +07:00",
        )
    try:
        return datetime.datetime(
            day.year, day.month, day.day, hour, minute, second, micro, tzinfo=_zone(g["zone"])
        )
    except ValueError:
        raise _refuse(text, "a valid time", "jam yang sah") from None


def wib_day(value: datetime.date) -> datetime.date:
    """The calendar day of a registration in WIB (a date alone is its own day)."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return value.date()
        return value.astimezone(_WIB).date()
    return value


def registration_key(value: datetime.date) -> tuple[int, int, int]:
    """The order of registrations, earliest first: the day in WIB, then within that
    day an instant before a date alone, then the instant (whole microseconds since the
    day began in WIB, so exact); equal keys mean the same instant, or the same day
    without a time."""
    day = wib_day(value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        start = datetime.datetime(day.year, day.month, day.day, tzinfo=_WIB)
        since = value - start
        micro = (since.days * 86_400 + since.seconds) * 1_000_000 + since.microseconds
        return (day.toordinal(), 0, micro)
    if isinstance(value, datetime.datetime):  # naive: a time of unknown zone
        t = value.time()
        return (day.toordinal(), 0, ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond)
    return (day.toordinal(), 1, 0)


def registration_text(value: datetime.date) -> str:
    """A registration as the result shows it: ISO 8601 in the zone it was written in
    (``14:05 WIB`` is ``2025-08-31T14:05:00+07:00``); a date alone as ``2025-08-31``."""
    return value.isoformat()


@functools.total_ordering
@attrs.frozen(eq=False)
class Registration:
    """A registration as a tie-break value: ordered and compared by
    :func:`registration_key` (so ``14:05 WIB`` equals ``15:05 WITA``), shown as
    :func:`registration_text`."""

    value: datetime.date
    key: tuple[int, int, int] = attrs.field(init=False)

    @key.default
    def _key(self) -> tuple[int, int, int]:
        return registration_key(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Registration) and self.key == other.key

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, Registration):
            return NotImplemented
        return self.key < other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __str__(self) -> str:
        return registration_text(self.value)


def _as_time(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo is not None else value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and len(value) <= 64:
        try:
            return parse_registered(value)
        except _Bad:
            return None
    return None


def comparable_times(left: Any, right: Any) -> tuple[datetime.date | None, datetime.date | None]:
    """Two dates or times made comparable: two times as instants; otherwise both by
    their calendar day in WIB (a time on the closing day is "on or before" that day).
    ``None`` for a side that is neither a date nor a time."""
    a, b = _as_time(left), _as_time(right)
    if a is None or b is None:
        return a, b
    if isinstance(a, datetime.datetime) and isinstance(b, datetime.datetime):
        return a, b
    return wib_day(a), wib_day(b)


_MONTHS_ID: Final = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                     "September", "Oktober", "November", "Desember")
_MONTHS_EN: Final = ("January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December")


def registration_words(value: datetime.date) -> tuple[str, str]:
    """A registration in words, (Indonesian, English): ``31 Agustus 2025 pukul 14.05
    WIB`` and ``31 August 2025, 14:05 WIB``; a date alone as ``31 Agustus 2025``."""
    day_id = f"{value.day} {_MONTHS_ID[value.month - 1]} {value.year}"
    day_en = f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    if not isinstance(value, datetime.datetime):
        return day_id, day_en
    offset = value.utcoffset()
    zone = next((name for name, tz in ZONES.items() if tz.utcoffset(None) == offset), None)
    if zone is None:
        zone = "UTC" if not offset else "UTC" + value.isoformat()[-6:]
    secs = f":{value.second:02d}" if value.second or value.microsecond else ""
    secs_id = secs.replace(":", ".")
    return (f"{day_id} pukul {value.hour:02d}.{value.minute:02d}{secs_id} {zone}",
            f"{day_en}, {value.hour:02d}:{value.minute:02d}{secs} {zone}")
