"""Numbers from outside, read exactly and within bounds.

Every number a reader accepts (a score in ``scores.csv``, a weight in a ruleset, a
parameter in ``edition.yaml`` or ``--set``, a cell of a workbook) goes through
:func:`parse_decimal` or :func:`check_decimal`. A number is exact (a
:class:`decimal.Decimal`, never a float) and bounded: a few characters such as
``1E-100000000`` must not make the arithmetic that follows hang or exhaust memory, so
a number with too many digits before or after the decimal point is refused with an
error that says what the limits are.

>>> parse_decimal("88,5")
Decimal('88.5')
>>> parse_decimal("1E-100000000")
Traceback (most recent call last):
...
inovasi_rules.errors.NumberError: '1E-100000000' has too many digits after the decimal point / angka '1E-100000000' terlalu banyak angka di belakang koma

The limits are a parameter (:class:`NumberLimits`), with defaults that hold every
score, weight and count a competition uses.
"""

from __future__ import annotations

import decimal
import re
import unicodedata

import attrs

from .errors import NumberError

__all__ = [
    "DEFAULT_NUMBER_LIMITS", "NumberError", "NumberLimits", "check_decimal", "parse_decimal", "reads_two_ways",
]

_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")
#: One separator followed by exactly three digits, after a whole part that is not zero:
#: ``1,500`` or ``125.000`` (a thousands separator to an Indonesian reader, a decimal
#: point or comma to the parser).
_GROUPED = re.compile(r"[+-]?(0*[1-9][0-9]*)([.,])([0-9]{3})")


def reads_two_ways(text: str) -> tuple[str, str] | None:
    """``(whole part, three digits)`` when ``text`` is a number that reads two ways:
    ``125.000`` is one hundred twenty-five thousand to an Indonesian reader and 125 to
    :func:`parse_decimal`; ``1,500`` is 1500 to an English one and 1,5 to the parser.

    >>> reads_two_ways("125.000"), reads_two_ways("85,5"), reads_two_ways("0,500")
    (('125', '000'), None, None)
    """
    match = _GROUPED.fullmatch(text.strip())
    return None if match is None else (match.group(1), match.group(3))


@attrs.frozen
class NumberLimits:
    """How large, how small and how long a number read from outside may be.

    :param integer_digits: digits before the decimal point (``15``: up to
        999,999,999,999,999).
    :param fraction_digits: digits after the decimal point (``20``).
    :param characters: characters of the written number, before it is converted at all.
    """

    integer_digits: int = attrs.field(default=15, validator=attrs.validators.ge(1))
    fraction_digits: int = attrs.field(default=20, validator=attrs.validators.ge(0))
    characters: int = attrs.field(default=100, validator=attrs.validators.ge(1))

    def describe(self) -> str:
        """The limits in words, Indonesian then English, for the hint of an error."""
        return (
            f"paling banyak {self.integer_digits} angka di depan koma dan "
            f"{self.fraction_digits} di belakangnya / at most {self.integer_digits} digits "
            f"before the decimal point and {self.fraction_digits} after it"
        )


DEFAULT_NUMBER_LIMITS = NumberLimits()


def _shown(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}…{text[-10:]}"


def check_decimal(
    value: decimal.Decimal, limits: NumberLimits = DEFAULT_NUMBER_LIMITS, *, written: str | None = None
) -> decimal.Decimal:
    """``value`` itself when it is finite and within ``limits``; raises
    :class:`NumberError` otherwise. ``written`` is the text it was read from, for the
    message."""
    shown = _shown(written if written is not None else str(value))
    if not value.is_finite():
        raise NumberError(
            f"'{shown}' is not a finite number / '{shown}' bukan angka terhingga",
            "tulis sebuah angka, misalnya 85 atau 85,5 / write a number such as 85 or 85.5",
        )
    if value.is_zero():
        return value
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite, so an int
    # Trailing zeros of the coefficient say nothing about precision: 1.500 is 1.5.
    zeros = 0
    for digit in reversed(digits):
        if digit:
            break
        zeros += 1
    places = max(0, -(exponent + zeros))
    if places > limits.fraction_digits:
        raise NumberError(
            f"'{shown}' has too many digits after the decimal point / angka '{shown}' "
            f"terlalu banyak angka di belakang koma",
            limits.describe(),
        )
    if value.adjusted() + 1 > limits.integer_digits:
        raise NumberError(
            f"'{shown}' is too large / angka '{shown}' terlalu besar", limits.describe()
        )
    return value


def _refuse_lookalikes(text: str) -> None:
    """Refuse what :class:`decimal.Decimal` reads but a person did not mean as these
    digits: underscores (``1_000`` is 1000 to Python, a slip to a person) and digits
    other than 0-9 (Arabic-Indic, Devanagari, fullwidth), which look like a number on
    the screen but are not what a spreadsheet or the reader's user can check."""
    if "_" in text:
        shown = _shown(text)
        joined = _shown(text.replace("_", ""))
        raise NumberError(
            f"'{shown}' is not a number: it has an underscore / '{shown}' bukan angka: "
            "berisi garis bawah (_)",
            f"tulis angka tanpa garis bawah, misalnya {joined} / write the number without "
            f"underscores, such as {joined}",
        )
    if not text.isascii() and any(not c.isascii() and c.isdecimal() for c in text):
        shown = _shown(text)
        ascii_ = _shown(
            "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
        )
        raise NumberError(
            f"'{shown}' is written with digits other than 0-9 / '{shown}' ditulis dengan "
            "angka selain 0-9",
            f"tulis angka dengan angka 0-9, misalnya {ascii_} / write the number with the "
            f"digits 0-9, such as {ascii_}",
        )


def parse_decimal(
    text: str, limits: NumberLimits = DEFAULT_NUMBER_LIMITS, *, decimal_comma: bool = True
) -> decimal.Decimal:
    """``text`` as an exact, bounded :class:`decimal.Decimal`.

    Leading and trailing spaces are ignored; a decimal comma (``88,5``) is read when
    ``decimal_comma`` is true (the Indonesian way of writing, and what a spreadsheet
    saved in an Indonesian locale gives). Only the digits 0-9 are read: underscores
    (``1_000``) and other scripts' digits (``١٥٠٠``) are refused. Raises :class:`NumberError` for an empty text,
    a text that is not a number, a number that is not finite, or one outside ``limits``.
    The text is measured before it is converted, so a huge input costs nothing.
    """
    stripped = text.strip()
    if len(stripped) > limits.characters:
        n = len(stripped)
        raise NumberError(
            f"a number of {n:,} characters is too long / angka sepanjang "
            f"{n:,} karakter terlalu panjang".replace(f"{n:,} karakter", f"{n:_} karakter".replace("_", ".")),
            limits.describe(),
        )
    _refuse_lookalikes(stripped)
    try:
        value = decimal.Decimal(stripped)
    except decimal.InvalidOperation:
        if not (decimal_comma and _DECIMAL_COMMA.fullmatch(stripped)):
            shown = _shown(stripped)
            raise NumberError(
                f"'{shown}' is not a number / '{shown}' bukan angka",
                "tulis angka dengan titik atau koma desimal, misalnya 85,5 / write a number "
                "with a decimal point or comma, such as 85.5",
            ) from None
        value = decimal.Decimal(stripped.replace(",", "."))
    return check_decimal(value, limits, written=stripped)
