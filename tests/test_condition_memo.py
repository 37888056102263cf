"""Conditions remember outcomes for values they have seen; equal values that are written
differently must still be explained as written."""

from __future__ import annotations

import datetime
from decimal import Decimal as D
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from inovasi_rules import MISSING, compile_condition
from inovasi_rules.ruleset import model as m


class Rec:
    def __init__(self, **values: Any) -> None:
        self.values = values

    def get(self, path: str) -> Any:
        return self.values.get(path, MISSING)




def test_equal_numbers_written_differently_are_explained_as_written() -> None:
    run = compile_condition(m.Compare(m.Field("x"), "at_least", D(5)))
    a, b, c = run(Rec(x=D("5.5"))), run(Rec(x=D("5.50"))), run(Rec(x=D("5.5")))
    assert a.text.en == "x = 5.5, at least 5"
    assert b.text.en == "x = 5.50, at least 5"
    assert c is a  # the same value again: the remembered outcome


def test_true_and_one_are_not_confused() -> None:
    run = compile_condition(m.Compare(m.Field("x"), "equals", True))
    assert run(Rec(x=True)).text.en == "x = True, equals True"
    assert run(Rec(x=1)).text.en.startswith("x = 1,")


def test_outcomes_depending_on_another_field_are_not_remembered_wrongly() -> None:
    run = compile_condition(m.Compare(m.Field("x"), "at_least", m.Field("y")))
    assert run(Rec(x=D(5), y=D(3))).value is True
    assert run(Rec(x=D(5), y=D(7))).value is False


def test_time_since_depends_on_the_reference_date() -> None:
    cond = m.Compare(m.Since("started", "years", as_of=m.Field("closes")), "at_least", 2)
    run = compile_condition(cond)
    start = datetime.date(2021, 3, 1)
    early = run(Rec(started=start, closes=datetime.date(2022, 3, 1)))
    late = run(Rec(started=start, closes=datetime.date(2024, 3, 1)))
    assert early.value is False
    assert late.value is True
    assert "1 March 2024" in late.text.en
    assert "1 March 2022" in early.text.en


@settings(max_examples=60, deadline=None)
@given(
    starts=st.lists(
        st.one_of(st.dates(datetime.date(2015, 1, 1), datetime.date(2024, 12, 31)), st.none()),
        min_size=1,
        max_size=30,
    ),
    unit=st.sampled_from(["years", "months", "days"]),
    closes=st.dates(datetime.date(2020, 1, 1), datetime.date(2025, 12, 31)),
)
def test_time_since_a_fixed_date_remembers_outcomes_exactly(
    starts: list[datetime.date | None], unit: str, closes: datetime.date
) -> None:
    """With a parameter as the reference date an outcome depends on the start date alone:
    the remembered outcome equals one worked out afresh, for every record in turn."""
    cond = m.Compare(m.Since("started", unit, as_of=m.Param("closes")), "at_least", 2)
    params = {"closes": closes}
    run = compile_condition(cond, params)
    for start in starts:
        rec = Rec() if start is None else Rec(started=start)
        fresh = compile_condition(cond, params)(rec)
        got = run(rec)
        assert (got.value, got.text, got.missing) == (fresh.value, fresh.text, fresh.missing)


def test_a_text_number_that_reads_two_ways_is_not_compared() -> None:
    """``125.000`` in a text column is one hundred twenty-five thousand to the officer
    who typed it and 125 to the parser: it is not compared (the entry's reason says it
    cannot be), where it used to fail ``at_least: 100000`` as 125."""
    run = compile_condition(m.Compare(m.Field("anggaran"), "at_least", D(100000)))
    for written in ("125.000", "1,500"):
        assert run(Rec(anggaran=written)).value is None
    assert run(Rec(anggaran="125000")).value is True
    assert run(Rec(anggaran="99999,5")).value is False


def test_an_outcome_is_decided_at_once_and_explained_when_read(monkeypatch: Any) -> None:
    """Deciding a condition for many records writes none of their explanations: the
    numbers and dates of a text are put into words when someone reads it, and then as
    they would have been written at once."""
    import inovasi_rules.ruleset.conditions as conditions

    written: list[object] = []
    said = conditions.said

    def counted(value: Any) -> tuple[str, str]:
        written.append(value)
        return said(value)

    monkeypatch.setattr(conditions, "said", counted)
    since = m.Compare(m.Since("started", "years", as_of=m.Param("closes")), "at_least", 2)
    kinds = m.Compare(m.Field("kind"), "in", ("kota", "kabupaten"))
    closes = datetime.date(2024, 6, 30)
    runs = [compile_condition(since, {"closes": closes}), compile_condition(kinds)]
    starts = [datetime.date(2019, 1, 1) + datetime.timedelta(days=37 * i) for i in range(60)]
    outcomes = [run(Rec(started=s, kind=k)) for s in starts for k in ("kota", "desa") for run in runs]
    assert not written
    assert [o.value for o in outcomes[:4]] == [True, True, True, False]
    assert outcomes[0].text.id == "started 1 Januari 2019: 5 tahun 5 bulan sebelum 30 Juni 2024, sedikitnya 2 tahun"
    assert outcomes[0].text.en == "started 1 January 2019: 5 years 5 months before 30 June 2024, at least 2 years"
    assert outcomes[3].text.en == "kind = desa, is not one of [kota, kabupaten]"
    assert written
