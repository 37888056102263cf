"""Texts and numbers in the reader's language: one catalogue, one formatter.

Every word the command line, the reports and the test runner print comes from one
gettext catalogue (``locale/<lang>/LC_MESSAGES/inovasi_rules.po``), keyed by the English
text; every number, percentage and date is formatted here, with Babel and the Unicode
CLDR data, so that Indonesian output reads as Indonesian everywhere:

>>> from decimal import Decimal
>>> import datetime
>>> id_ = Formatter("id")
>>> id_.number(Decimal("3156.80")), id_.percent(Decimal("41.6")), id_.date(datetime.date(2025, 8, 31))
('3.156,80', '41,6%', '31 Agustus 2025')
>>> id_.t("{count} passed", count=id_.number(83))
'83 lulus'
>>> Formatter("en").number(Decimal("3156.80"))
'3,156.80'

The ``.po`` sources are read as they are (with Babel's reader), so an install needs no
compile step. A third language is a third folder; ``tests/test_messages.py`` checks that
every text the code asks for is in every catalogue.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Mapping
from decimal import Decimal
from importlib import resources
from types import MappingProxyType

import attrs
from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.pofile import read_po
from babel.numbers import (
    format_decimal,
    format_percent,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
)

__all__ = ["LANGUAGES", "N_", "Formatter", "catalogue", "language", "said", "said_scaled"]

#: The languages with a catalogue, Indonesian first.
LANGUAGES = ("id", "en")

DOMAIN = "inovasi_rules"

#: The CLDR locale of each language. English dates read "31 August 2025" (day first, as
#: in Indonesian and in international English), not the American "August 31, 2025".
_LOCALES = {"id": "id", "en": "en_GB"}


def language(lang: object) -> str:
    """``lang`` when it is a language the library writes (``"id"`` or ``"en"``).

    :raises ValueError: for any other value (``"EN"``, ``"fr"``), naming the ones there
        are, so that no text is silently written in another language than asked.
    """
    if not isinstance(lang, str) or lang not in LANGUAGES:
        allowed = " or ".join(map(repr, LANGUAGES))
        raise ValueError(
            f"lang must be {allowed}, not {lang!r}: no catalogue for that language "
            f"/ bahasa (lang) harus {allowed.replace(' or ', ' atau ')}, bukan {lang!r}: "
            f"tidak ada katalog untuk bahasa {lang!r}"
        )
    return lang


@functools.cache
def catalogue(lang: str) -> Mapping[str, str]:
    """The translations of one language, read-only: English text -> text in ``lang``
    (entries left empty fall back to the English text).

    Read once per process from the packaged ``.po`` file; the mapping is immutable, so
    sharing it between threads and callers is safe.

    :raises ValueError: for a language without a catalogue.
    """
    language(lang)
    source = resources.files("inovasi_rules.messages") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    return MappingProxyType(
        {str(m.id): str(m.string) for m in catalog if m.id and isinstance(m.id, str) and m.string}
    )


_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def N_(text: str) -> str:
    """Mark ``text`` as a catalogue entry where it is defined (a table of words) and
    translate it later, where it is shown, with :meth:`Formatter.t`."""
    return text


@functools.cache
def _symbols(lang: str) -> dict[int, str] | None:
    """The CLDR group, decimal and minus signs of ``lang`` as a translation of Python's
    ``3,156.80``, when the language groups digits by three as Python does (id, en)."""
    locale = Locale.parse(_LOCALES[lang])
    pattern = locale.decimal_formats[None]
    if pattern is None or pattern.pattern != "#,##0.###":
        return None
    return str.maketrans({
        ",": get_group_symbol(locale), ".": get_decimal_symbol(locale), "-": get_minus_sign_symbol(locale),
    })


@functools.cache
def _months(lang: str) -> tuple[str, ...] | None:
    """The month names of ``lang`` (January first) when its long date is written day,
    month name, year (``d MMMM y``: id, en_GB), as :meth:`Formatter.date` then writes it."""
    locale = Locale.parse(_LOCALES[lang])
    if locale.date_formats["long"].pattern != "d MMMM y":
        return None
    wide = locale.months["format"]["wide"]
    return tuple(str(wide[m]) for m in range(1, 13))


def _grouped(number: Decimal) -> str:
    """A finite number in Python's grouped form (``3,156.80``), with the places it carries."""
    exponent = number.as_tuple().exponent
    return format(number if isinstance(exponent, int) and exponent <= 0 else number.quantize(1), ",f")


def _pattern(places: int) -> str:
    return "#,##0" + ("." + "0" * places if places > 0 else "")


@attrs.frozen
class Formatter:
    """Words, numbers and dates for one language (``"id"`` or ``"en"``).

    Numbers keep the places they carry unless ``places`` is given: an exact score of
    ``76.870`` stays ``76,870`` (id) / ``76.870`` (en), never rounded behind the reader's
    back.
    """

    lang: str = "id"

    def __attrs_post_init__(self) -> None:
        catalogue(self.lang)  # an unknown language fails here, not at the first text

    @property
    def locale(self) -> Locale:
        """The Babel locale of the language."""
        return Locale.parse(_LOCALES[self.lang])

    def t(self, text: str, /, **values: object) -> str:
        """``text`` (English, as in the catalogue) in the formatter's language, with
        ``{name}`` fields filled from ``values``."""
        found = catalogue(self.lang).get(text) or text
        return found.format(**values) if values else found

    def number(self, value: Decimal | int | float | str, places: int | None = None) -> str:
        """``3.156,80`` (id) or ``3,156.80`` (en); integers without places."""
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        symbols = _symbols(self.lang)
        if places is None and symbols is not None and number.is_finite():
            # Babel's answer for the places the number carries, some thirty times
            # faster (every reason of every entry writes numbers); the tests hold the
            # two equal
            return _grouped(number).translate(symbols)
        if places is None:
            exponent = number.as_tuple().exponent
            places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return format_decimal(
            number, format=_pattern(places), locale=_LOCALES[self.lang], decimal_quantization=True
        )

    def percent(self, value: Decimal | int | float | str, places: int = 1) -> str:
        """A percentage given in percent (``41.6`` -> ``41,6%`` in id, ``41.6%`` in en)."""
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        return format_percent(number / 100, format=_pattern(places) + "%", locale=_LOCALES[self.lang])

    def date(self, value: datetime.date) -> str:
        """``31 Agustus 2025`` (id) or ``31 August 2025`` (en)."""
        months = _months(self.lang)
        if months is not None:  # Babel's answer without parsing its pattern each time; the tests hold the two equal
            return f"{value.day} {months[value.month - 1]} {value.year}"
        return format_date(value, format="long", locale=_LOCALES[self.lang])

    def moment(self, value: datetime.datetime) -> str:
        """A date and time: ``31 Agustus 2025 14.30`` (id) or ``31 August 2025 14:30`` (en)."""
        locale = _LOCALES[self.lang]
        text = f"{self.date(value)} {format_time(value, format='short', locale=locale)}"
        return text + _zone(value)

    def shown(self, value: object) -> str:
        """Any value a sentence shows, in the language's form: a number as
        :meth:`number`, a date as :meth:`date`, a date and time as :meth:`moment`, a
        list item by item; anything else (a code, a name) as it is.

        >>> Formatter("id").shown([Decimal("78.23"), datetime.date(2023, 12, 31), "upt"])
        '78,23, 31 Desember 2023, upt'
        """
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, (Decimal, int)):
            return self.number(value)
        if isinstance(value, datetime.datetime):
            return self.moment(value)
        if isinstance(value, datetime.date):
            return self.date(value)
        if isinstance(value, (tuple, list)):
            return ", ".join([self.shown(v) for v in value])
        return str(value)

    def value(self, text: str) -> str:
        """A value shown as text (in a test's expected and actual values): a plain
        number such as ``80.00`` in the language's form, anything else as it is."""
        if _PLAIN_NUMBER.fullmatch(text):
            return self.number(Decimal(text))
        return text

    def seconds(self, value: float) -> str:
        """A duration for people: ``1,04 detik`` (id) or ``1.04 s`` (en)."""
        return self.t("{seconds} s", seconds=self.number(round(Decimal(str(value)), 2), 2))


#: Indonesia's three time zones by their UTC offset in hours.
_ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}


def _zone(value: datetime.datetime) -> str:
    """`` WIB`` and the like for a time with its zone (empty for a time without one), so
    a registration at 14.05 WITA is never read as 14.05 WIB."""
    offset = value.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds()) // 60
    if minutes % 60 == 0 and minutes // 60 in _ZONES:
        return f" {_ZONES[minutes // 60]}"
    sign = "+" if minutes >= 0 else "-"
    return f" UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def said(value: object) -> tuple[str, str]:
    """A number or date as an explanation says it: ``(Indonesian, English)``.

    Every number and date inside the engine's reasons is written here, so both halves
    of a bilingual reason read in their own language:

    >>> said(Decimal("3156.80")), said(datetime.date(2023, 12, 31))
    (('3.156,80', '3,156.80'), ('31 Desember 2023', '31 December 2023'))
    """
    if isinstance(value, Decimal):
        # keyed by its text: 1.0 and 1.00 are equal, but are written with their places
        return _said_text(str(value), True)
    if isinstance(value, int) and not isinstance(value, bool):
        return _said_text(str(int(value)), False)
    if isinstance(value, datetime.date):
        return _said_date(value)
    return Formatter("id").shown(value), Formatter("en").shown(value)


@functools.lru_cache(maxsize=16_384)
def said_scaled(value: int, places: int) -> tuple[str, str]:
    """:func:`said` of ``value * 10 ** -places``, with exactly ``places`` decimal places
    (a score kept as an integer): ``said_scaled(315680, 2)`` is ``said(Decimal("3156.80"))``."""
    return said(Decimal(value).scaleb(-places))


@functools.lru_cache(maxsize=4096)
def _said_text(text: str, decimal: bool) -> tuple[str, str]:
    number = Decimal(text)
    both = _both_symbols()
    if both is None or not number.is_finite():
        return Formatter("id").number(number), Formatter("en").number(number)
    # one grouped form, written in each language's signs (as Formatter.number)
    shown = _grouped(number) if decimal else format(int(text), ",")
    return shown.translate(both[0]), shown.translate(both[1])


@functools.cache
def _both_symbols() -> tuple[dict[int, str], dict[int, str]] | None:
    """The signs of Indonesian and English (:func:`_symbols`), when both have them."""
    id_, en = _symbols("id"), _symbols("en")
    return None if id_ is None or en is None else (id_, en)


@functools.lru_cache(maxsize=4096)
def _said_date(value: datetime.date) -> tuple[str, str]:
    id_, en = _months("id"), _months("en")
    if type(value) is datetime.date and id_ is not None and en is not None:  # (as Formatter.date)
        return (f"{value.day} {id_[value.month - 1]} {value.year}",
                f"{value.day} {en[value.month - 1]} {value.year}")
    return Formatter("id").shown(value), Formatter("en").shown(value)
