"""Numbers from outside are exact and bounded (inovasi_rules.decimals)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inovasi_rules.decimals import NumberError, NumberLimits, check_decimal, parse_decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [("85", "85"), (" 88,5 ", "88.5"), ("-3.25", "-3.25"), ("1.500", "1.5"), ("1e2", "100"),
     ("0.000000000000000001", "1E-18"), ("0E-999999", "0")],
)
def test_reads_what_people_write(text: str, value: str) -> None:
    assert parse_decimal(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1E-100000000", "too many digits after the decimal point"),
        ("1.0e+999999999", "too large"),
        ("1" * 16, "too large"),
        ("0." + "1" * 21, "too many digits after the decimal point"),
        ("9" * 101, "101 characters is too long / angka sepanjang 101 karakter"),
        ("sepuluh", "is not a number / 'sepuluh' bukan angka"),
        ("NaN", "not a finite number"),
        ("-Infinity", "not a finite number"),
        ("", "is not a number"),
        ("1,5,0", "is not a number"),
    ],
)
def test_refuses_with_a_bilingual_message_and_the_limits(text: str, words: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_decimal(text)
    assert words in str(info.value)
    assert " / " in str(info.value)
    assert info.value.hint


def test_long_input_is_shortened_in_the_message() -> None:
    with pytest.raises(NumberError) as info:
        parse_decimal("x" * 60)
    assert len(str(info.value)) < 200


def test_limits_are_a_parameter() -> None:
    tight = NumberLimits(integer_digits=3, fraction_digits=1)
    assert parse_decimal("999.9", tight) == Decimal("999.9")
    with pytest.raises(NumberError, match="too large"):
        parse_decimal("1000", tight)
    with pytest.raises(NumberError, match="after the decimal point"):
        parse_decimal("1.25", tight)
    assert "paling banyak 3 angka di depan koma" in tight.describe()


def test_decimal_comma_can_be_refused() -> None:
    with pytest.raises(NumberError):
        parse_decimal("88,5", decimal_comma=False)


def test_check_decimal_keeps_the_value_itself() -> None:
    value = Decimal("12.50")
    assert check_decimal(value) is value


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6,
                   min_value=Decimal("-1e12"), max_value=Decimal("1e12")))
def test_every_bounded_decimal_round_trips_exactly(value: Decimal) -> None:
    assert parse_decimal(str(value)) == value
    assert parse_decimal(str(value).replace(".", ",")) == value


def test_module_examples_run() -> None:
    import doctest

    import inovasi_rules.decimals

    outcome = doctest.testmod(inovasi_rules.decimals, optionflags=doctest.ELLIPSIS)
    assert outcome.attempted >= 2
    assert outcome.failed == 0
