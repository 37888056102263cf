"""``inovasi-rules show`` names a declared parameter type with its bounds in the
reader's language: a date bound reads as a date, a time (a bound or a value) keeps its
time."""

from __future__ import annotations

from pathlib import Path

import pytest

from inovasi_rules import load_ruleset
from inovasi_rules.ruleset.describe import describe_ruleset

RULESET = """\
schema_version: 1
id: t
extends: kipp-regional
name: T
parameter_types:
  registration_closes: {type: date, min: 2023-01-01, max: 2024-12-31}
  bonus_points: {type: decimal, max: 7.5}
  deadline: {type: date-time, max: 2025-08-31T23:59:00+07:00}
parameters:
  deadline: 2025-08-30T12:00:00+07:00
"""


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("id", [
            "(tanggal dari 1 Januari 2023 sampai 31 Desember 2024)",
            "(angka paling banyak 7,5)",
            "(tanggal dan jam paling banyak 31 Agustus 2025 23.59 WIB)",
            "deadline = 30 Agustus 2025 12.00 WIB (",
        ]),
        ("en", [
            "(a date from 1 January 2023 to 31 December 2024)",
            "(a number of at most 7.5)",
            "(a date and time of at most 31 August 2025 23:59 WIB)",
            "deadline = 30 August 2025 12:00 WIB (",
        ]),
    ],
)
def test_declared_bounds_read_in_the_language(
    tmp_path: Path, lang: str, expected: list[str]
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(RULESET, encoding="utf-8")
    text = describe_ruleset(load_ruleset(path), lang)
    for phrase in expected:
        assert phrase in text
    assert "2024-12-31" not in text
