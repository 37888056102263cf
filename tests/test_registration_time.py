"""Registration times: ``registered`` as a date alone or a date and time with its zone,
read by every reader, ordered exactly by caps and tie-breaks, compared with a date
deadline by its day in WIB, and shown as written in the result."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import edition, outcome, reasons, rows, ruleset, run, shuffled, single_criterion
from inovasi_rules import EditionError, Result, read_edition
from inovasi_rules.contract import schema
from inovasi_rules.edition.instants import (
    ZONES,
    Registration,
    parse_registered,
    registration_key,
    registration_words,
)
from inovasi_rules.edition.problems import _Bad

WIB, WITA, WIT = ZONES["WIB"], ZONES["WITA"], ZONES["WIT"]


def _at(h: int, m: int, tz: datetime.tzinfo = WIB, day: int = 31) -> datetime.datetime:
    return datetime.datetime(2025, 8, day, h, m, tzinfo=tz)


# ----------------------------------------------------------------------------- forms


@pytest.mark.parametrize(
    "text",
    [
        "2025-08-31T14:05:00+07:00",
        "2025-08-31T14:05+07:00",
        "2025-08-31 14:05:00+0700",
        "2025-08-31 14:05 WIB",
        "2025-08-31 14.05 WIB",
        "2025-08-31 14:05 wib",
        "31/08/2025 14:05 WIB",
        "2025-08-31 15:05 WITA",
        "2025-08-31 16:05 WIT",
        "2025-08-31T07:05:00Z",
        "2025-08-31 pukul 14.05 WIB",
    ],
)
def test_every_form_of_the_same_instant_reads_as_that_instant(text: str) -> None:
    value = parse_registered(text)
    assert isinstance(value, datetime.datetime)
    assert value == _at(14, 5)


def test_a_date_alone_still_reads_as_a_date() -> None:
    assert parse_registered("2025-08-31") == datetime.date(2025, 8, 31)
    assert parse_registered("31/08/2025") == datetime.date(2025, 8, 31)
    # a spreadsheet's export of a date, with a midnight time and no zone
    assert parse_registered("2025-08-31 00:00:00") == datetime.date(2025, 8, 31)
    assert type(parse_registered("2025-08-31")) is datetime.date


def test_the_zone_as_written_is_kept() -> None:
    value = parse_registered("2025-08-31 15:05 WITA")
    assert value.isoformat() == "2025-08-31T15:05:00+08:00"
    assert registration_words(value) == ("31 Agustus 2025 pukul 15.05 WITA", "31 August 2025, 15:05 WITA")
    assert registration_words(parse_registered("2025-08-31T14:05:30+05:30"))[1] == (
        "31 August 2025, 14:05:30 UTC+05:30"
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2025-08-31 14:05", "no zone"),
        ("2025-08-31T14:05:00", "no zone"),
        ("2025-08-31 25:05 WIB", "not a valid time"),
        ("2025-08-31 14:61 WIB", "not a valid time"),
        ("2025-02-30 14:05 WIB", "not a valid date"),
        ("2025-08-31 14:05 +24:00", "not a valid time"),
        ("2025-08-31 14:05 EST", "not a date"),
        ("kemarin sore", "not a date"),
        ("31-08-2025", "not a date"),
    ],
)
def test_a_bad_value_is_refused_with_the_accepted_forms(text: str, said: str) -> None:
    with pytest.raises(_Bad) as caught:
        parse_registered(text)
    assert said in caught.value.message
    assert " / " in caught.value.message  # both languages
    hint = caught.value.hint or ""
    assert "WIB" in hint


def test_a_day_month_year_with_dashes_is_told_its_iso_form() -> None:
    with pytest.raises(_Bad) as caught:
        parse_registered("31-08-2025 14:05 WIB")
    assert "did you mean 2025-08-31 14:05 WIB?" in (caught.value.hint or "")


# ----------------------------------------------------------------------------- readers


def _folder(tmp_path: Path, registered: list[str]) -> Path:
    lines = ["id,participant.agency,registered"]
    lines += [f"S{i + 1},dinkes,{r}" for i, r in enumerate(registered)]
    (tmp_path / "submissions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_the_csv_reader_reads_dates_and_times_side_by_side(tmp_path: Path) -> None:
    ed = read_edition(_folder(tmp_path, ["2025-08-31", "2025-08-31 14:05 WIB", "2025-08-31T15:05:00+08:00"]))
    regs = [s.registered for s in ed.submissions]
    assert regs[0] == datetime.date(2025, 8, 31)
    assert regs[1] == regs[2] == _at(14, 5)
    assert regs[2] is not None
    assert regs[2].utcoffset() == datetime.timedelta(hours=8)


def test_a_bad_value_is_one_error_at_its_file_row_and_column(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ["2025-08-31 14:05 WIB", "2025-08-31 14:05", "2025-08-31"])
    with pytest.raises(EditionError) as caught:
        read_edition(folder)
    problems = caught.value.problems
    assert len(problems) == 1
    (p,) = problems
    assert p.file is not None
    assert p.file.endswith("submissions.csv")
    assert (p.row, p.column, p.path) == (3, 3, "registered")
    assert "no zone" in p.message
    assert "tanpa zona" in p.message
    assert "rename" not in (p.hint or "")


def test_the_json_reader_reads_times_and_locates_a_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_text(json.dumps({"submissions": [
        {"id": "S1", "registered": "2025-08-31 14:05 WIT"},
        {"id": "S2", "registered": "2025-08-31 14:05 WIB"},
    ]}), encoding="utf-8")
    s1, s2 = read_edition(path).submissions
    assert s1.registered == _at(14, 5, WIT)
    assert registration_key(s1.registered) < registration_key(s2.registered)  # type: ignore[arg-type]
    path.write_text(json.dumps({"submissions": [{"id": "S1", "registered": "14:05 WIB"}]}), encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        read_edition(path)
    (p,) = caught.value.problems
    assert p.path == "submissions[0].registered"


def test_the_xlsx_reader_takes_text_times_and_refuses_a_time_without_zone(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "submissions"
    sheet.append(["id", "registered"])
    sheet.append(["S1", "2025-08-31 14:05 WIB"])
    sheet.append(["S2", datetime.datetime(2025, 8, 31)])  # a date cell
    path = tmp_path / "e.xlsx"
    wb.save(path)
    s1, s2 = read_edition(path).submissions
    assert (s1.registered, s2.registered) == (_at(14, 5), datetime.date(2025, 8, 31))
    sheet.append(["S3", datetime.datetime(2025, 8, 31, 14, 5)])  # a time cell: which zone?
    wb.save(path)
    with pytest.raises(EditionError) as caught:
        read_edition(path)
    (p,) = caught.value.problems
    assert p.path == "submissions!B4"
    assert "zone" in p.message
    assert "WIB" in (p.hint or "")


# ----------------------------------------------------------------------------- order


def test_order_day_first_then_time_before_a_date_alone_then_instant() -> None:
    values = [
        datetime.date(2025, 8, 31),
        _at(23, 59),
        _at(0, 1, day=31),
        datetime.date(2025, 8, 30),
        _at(0, 30, WITA, day=31),  # 23.30 WIB on the 30th
        _at(8, 0, day=30),
    ]
    ordered = sorted(values, key=registration_key)
    assert ordered == [
        _at(8, 0, day=30),
        _at(0, 30, WITA, day=31),
        datetime.date(2025, 8, 30),
        _at(0, 1, day=31),
        _at(23, 59),
        datetime.date(2025, 8, 31),
    ]


def test_a_registration_tie_value_compares_instants_and_shows_as_written() -> None:
    a, b = Registration(_at(14, 5)), Registration(_at(15, 5, WITA))
    assert a == b
    assert hash(a) == hash(b)
    assert not a < b
    assert str(b) == "2025-08-31T15:05:00+08:00"
    assert Registration(datetime.date(2025, 8, 31)) > a


CAP = """
eligibility:
  - id: kuota
    name: {id: Kuota instansi, en: Agency cap}
    cap: {per: participant.agency, max: 2, keep: KEEP}
    message: {id: "Paling banyak 2 per instansi", en: "At most 2 per agency"}
stages:
  - {id: administrasi, kind: screening}
"""


def _kept(keep: str, regs: dict[str, object]) -> set[str]:
    rs = ruleset(CAP.replace("KEEP", keep))
    ed = edition([{"id": sid, "participant.agency": "dinkes", "registered": r} for sid, r in regs.items()])
    result = run(rs, ed)
    return {sid for sid in regs if outcome(result, sid, "administrasi").status == "advanced"}


def test_a_cap_keeps_the_earliest_instants_not_the_earliest_dates() -> None:
    regs = {
        "A": "2025-08-31 16:00 WIB",
        "B": "2025-08-31 15:30 WITA",  # 14.30 WIB
        "C": "2025-08-31 16:10 WIT",  # 14.10 WIB
        "D": "2025-08-31",  # some time that day: after every time
    }
    assert _kept("earliest_registered", regs) == {"B", "C"}
    assert _kept("latest_registered", regs) == {"D", "A"}


def test_the_same_instant_in_two_zones_goes_by_id() -> None:
    regs = {"Z": "2025-08-31 14:05 WIB", "Y": "2025-08-31 15:05 WITA", "X": "2025-08-31 14:06 WIB"}
    assert _kept("earliest_registered", regs) == {"Y", "Z"}


def test_a_cap_explanation_names_the_order_and_the_entrys_registration() -> None:
    rs = ruleset(CAP.replace("KEEP", "earliest_registered"))
    ed = edition([
        {"id": "A", "participant.agency": "dinkes", "registered": "2025-08-31 14:05 WIB"},
        {"id": "B", "participant.agency": "dinkes", "registered": "2025-08-31"},
        {"id": "C", "participant.agency": "dinkes", "registered": "2025-08-30 09:00 WITA"},
    ])
    o = outcome(run(rs, ed), "B", "administrasi")
    (cap,) = reasons(o, "kuota")
    assert cap.passed is False
    assert cap.detail is not None
    assert cap.detail.text("id") == (
        "participant.agency = dinkes: 3 pengajuan, paling banyak 2, diurutkan menurut waktu "
        "pendaftaran, paling awal dulu (waktu sama: menurut kode; tanggal tanpa jam: setelah "
        "semua jam pada hari itu); diterima: C, A; pengajuan ini urutan ke-3 (terdaftar "
        "31 Agustus 2025)"
    )
    assert cap.detail.text("en").endswith("this entry is number 3 (registered 31 August 2025)")
    a = outcome(run(rs, ed), "A", "administrasi")
    assert reasons(a, "kuota")[0].detail.text("id").endswith("(terdaftar 31 Agustus 2025 pukul 14.05 WIB)")


def test_a_cap_counts_only_entries_that_pass_the_other_rules() -> None:
    rs = ruleset("""
eligibility:
  - id: kuota
    cap: {per: participant.agency, max: 1, keep: earliest_registered}
    message: {id: "Paling banyak 1 per instansi", en: "At most 1 per agency"}
  - id: status
    when: {field: innovation.status, in: [berjalan]}
    message: {id: "Harus berjalan", en: "Must be running"}
stages:
  - {id: administrasi, kind: screening}
""")
    ed = edition([
        {"id": "A", "participant.agency": "dinkes", "registered": "2025-08-31 08:00 WIB",
         "innovation.status": "ide"},
        {"id": "B", "participant.agency": "dinkes", "registered": "2025-08-31 09:00 WIB",
         "innovation.status": "berjalan"},
    ])
    result = run(rs, ed)
    assert outcome(result, "B", "administrasi").status == "advanced"
    assert reasons(outcome(result, "A", "administrasi"), "kuota") == []


_ZONE_NAMES = st.sampled_from(["WIB", "WITA", "WIT", "+07:00", "Z"])
_OFFSETS = {"WIB": 7, "WITA": 8, "WIT": 9, "+07:00": 7, "Z": 0}


def _written(instant: datetime.datetime | None, zone: str, day: datetime.date) -> str:
    """One registration written in ``zone`` (a date alone when ``instant`` is None)."""
    if instant is None:
        return day.isoformat()
    local = instant.astimezone(datetime.timezone(datetime.timedelta(hours=_OFFSETS[zone])))
    text = local.strftime("%Y-%m-%d %H:%M:%S")
    return f"{text}Z" if zone == "Z" else f"{text} {zone}"


_ENTRY = st.tuples(
    st.integers(0, 2),  # day
    st.one_of(st.none(), st.integers(0, 24 * 60 - 1).map(lambda m: m - m % 7)),  # minutes
    st.sampled_from(["dinkes", "disdik"]),
    _ZONE_NAMES,
    _ZONE_NAMES,
)


@settings(max_examples=60, deadline=None)
@given(
    entries=st.lists(_ENTRY, min_size=1, max_size=9),
    keep=st.sampled_from(["earliest_registered", "latest_registered"]),
    seed=st.integers(0, 1000),
)
def test_cap_order_is_the_same_in_any_input_order_and_any_zone(
    entries: list[tuple[int, int | None, str, str, str]], keep: str, seed: int
) -> None:
    rs = ruleset(CAP.replace("KEEP", keep))
    base = datetime.datetime(2025, 8, 30, tzinfo=WIB)

    def build(which: int) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for i, (day, minutes, agency, z1, z2) in enumerate(entries):
            instant = None if minutes is None else base + datetime.timedelta(days=day, minutes=minutes)
            out.append({"id": f"S{i:02d}", "participant.agency": agency,
                        "registered": _written(instant, (z1, z2)[which], (base + datetime.timedelta(days=day)).date())})
        return out

    first = run(rs, edition(build(0)))
    again = run(rs, shuffled(edition(build(1)), seed))
    for s in first.submissions:
        a = outcome(first, s.id, "administrasi")
        b = outcome(again, s.id, "administrasi")
        assert a.status == b.status
        # the place and the kept entries are the same (the registration's words may differ)
        assert [r.detail.text("en").split(" (registered")[0] for r in reasons(a, "kuota") if r.detail] == [
            r.detail.text("en").split(" (registered")[0] for r in reasons(b, "kuota") if r.detail
        ]
    # and the kept entries are exactly the earliest (latest) by the rule
    for agency in ("dinkes", "disdik"):
        members = [(i, e) for i, e in enumerate(entries) if e[2] == agency]

        def key(item: tuple[int, tuple[int, int | None, str, str, str]]) -> tuple[int, int, int]:
            _, (day, minutes, _a, _z1, _z2) = item
            return (day, 1, 0) if minutes is None else (day + minutes // (24 * 60), 0, minutes % (24 * 60))

        if keep == "earliest_registered":
            ranked = sorted(members, key=lambda it: (key(it), f"S{it[0]:02d}"))
        else:
            ranked = sorted(members, key=lambda it: (tuple(-k for k in key(it)), f"S{it[0]:02d}"))
        want = {f"S{i:02d}" for i, _ in ranked[:2]}
        got = {f"S{i:02d}" for i, _ in members
               if outcome(first, f"S{i:02d}", "administrasi").status == "advanced"}
        assert got == want


# ----------------------------------------------------------------------------- deadlines


DEADLINE = """
parameters: {registration_closes: 2025-06-03}
eligibility:
  - id: tepat-waktu
    when: {field: registered, at_most: {param: registration_closes}}
    message: {id: "Pendaftaran melewati batas waktu", en: "Registered after the deadline"}
stages:
  - {id: administrasi, kind: screening}
"""


@pytest.mark.parametrize(
    ("registered", "on_time"),
    [
        ("2025-06-03", True),
        ("2025-06-04", False),
        ("2025-06-03 00:00 WIB", True),
        ("2025-06-03 23:59:59 WIB", True),
        ("2025-06-04 00:30 WITA", True),  # 23.30 WIB on the closing day
        ("2025-06-04 00:30 WIB", False),
        ("2025-06-03T17:30:00Z", False),  # 00.30 WIB on the 4th
        ("2025-06-03 23:59 WIT", True),
    ],
)
def test_a_time_against_a_date_deadline_counts_by_its_day_in_wib(registered: str, on_time: bool) -> None:
    result = run(ruleset(DEADLINE), edition([{"id": "S1", "registered": registered}]))
    o = outcome(result, "S1", "administrasi")
    (check,) = reasons(o, "tepat-waktu")
    assert check.passed is on_time
    assert (o.status == "advanced") is on_time


# ----------------------------------------------------------------------------- result


def test_the_result_shows_the_registration_as_written(tmp_path: Path) -> None:
    rs = ruleset(CAP.replace("KEEP", "earliest_registered"))
    ed = edition([{"id": "A", "participant.agency": "dinkes", "registered": "2025-08-31 15:05 WITA"},
                  {"id": "B", "participant.agency": "dinkes", "registered": "2025-08-31"}])
    data = json.loads(run(rs, ed).to_json())
    shown = {s["id"]: s["fields"].get("registered") for s in data["submissions"]}
    assert shown == {"A": "2025-08-31T15:05:00+08:00", "B": "2025-08-31"}
    jsonschema.validate(data, schema("result"))
    rows = list(csv.DictReader(io.StringIO(run(rs, ed).to_csv())))
    assert {r["submission_id"]: r["registered"] for r in rows} == shown
    data["submissions"][0]["fields"]["registered"] = "2025-08-31 15:05 WITA"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema("result"))


def test_the_edition_schema_describes_registration_times() -> None:
    edition_schema = schema("edition")
    doc = {"submissions": [{"id": "S1", "registered": "2025-08-31 14:05 WIB"}]}
    jsonschema.validate(doc, edition_schema)
    assert "WIB" in edition_schema["$defs"]["registration"]["description"]


HOUR_DEADLINE = """
parameters: {registration_closes: 2022-04-16T12:00:00+07:00}
eligibility:
  - id: tepat-waktu
    when: {field: registered, at_most: {param: registration_closes}}
    message: {id: "Pendaftaran melewati batas waktu", en: "Registered after the deadline"}
stages:
  - {id: administrasi, kind: screening}
"""


@pytest.mark.parametrize(
    ("registered", "on_time"),
    [
        ("2022-04-16 11:59 WIB", True),
        ("2022-04-16 12:00 WIB", True),
        ("2022-04-16 12:01 WIB", False),
        ("2022-04-16 12:30 WITA", True),  # 11.30 WIB
        ("2022-04-16 13:30 WITA", False),  # 12.30 WIB
        ("2022-04-16", True),  # a date alone: by its day
        ("2022-04-17", False),
    ],
)
def test_a_deadline_with_its_hour_compares_instants(registered: str, on_time: bool) -> None:
    rs = ruleset(HOUR_DEADLINE)
    assert isinstance(rs.parameters["registration_closes"], datetime.datetime)
    result = run(rs, edition([{"id": "S1", "registered": registered}]))
    (check,) = reasons(outcome(result, "S1", "administrasi"), "tepat-waktu")
    assert check.passed is on_time


def test_a_deadline_with_an_hour_but_no_zone_is_refused_where_it_is_written() -> None:
    with pytest.raises(Exception, match="offset") as caught:
        ruleset(HOUR_DEADLINE.replace("+07:00", ""), id="tanpa-zona")
    assert "uji.yaml:6:35: error: parameter 'registration_closes'" in str(caught.value)


def test_a_declared_date_time_deadline_may_be_written_as_text() -> None:
    rs = ruleset(HOUR_DEADLINE.replace(
        "2022-04-16T12:00:00+07:00}", '"2022-04-16 12:00 WIB"}\nparameter_types: {registration_closes: {type: date-time}}'
    ), id="teks")
    result = run(rs, edition([{"id": "S1", "registered": "2022-04-16 12:30 WIB"}]))
    (check,) = reasons(outcome(result, "S1", "administrasi"), "tepat-waktu")
    assert check.passed is False


# ----------------------------------------------------------------------------- tie-breaks


def _tie_run(regs: dict[str, str]) -> Result:
    rs = single_criterion("""
        advance: {top: 1}
        tie_break: [{field: registered, order: asc}]
    """)
    ed = edition([{"id": sid, "registered": r} for sid, r in regs.items()],
                 rows("nilai", {sid: {"J1": 80} for sid in regs}))
    return run(rs, ed)


def test_an_earlier_registration_breaks_a_tie_by_its_instant() -> None:
    result = _tie_run({"A": "2025-08-31 14:10 WIB", "B": "2025-08-31 15:05 WITA", "C": "2025-08-31"})
    assert outcome(result, "B", "nilai").status == "advanced"
    assert [outcome(result, s, "nilai").rank for s in "BAC"] == [1, 2, 3]
    (tie,) = reasons(outcome(result, "B", "nilai"), "tie_break")
    assert tie.message.text("en") == (
        "tied at 80.00 with A, C; order decided by field registered = 2025-08-31T15:05:00+08:00"
    )


def test_the_same_instant_in_two_zones_is_a_tie_the_lottery_decides() -> None:
    result = _tie_run({"A": "2025-08-31 14:05 WIB", "B": "2025-08-31 15:05 WITA"})
    for sid in "AB":
        (tie,) = reasons(outcome(result, sid, "nilai"), "tie_break")
        assert tie.message.text("en").endswith("order decided by a seeded lottery")


def test_an_upheld_objection_may_correct_a_registration_to_a_time() -> None:
    from inovasi_rules.objections.apply import apply_objections
    from inovasi_rules.objections.model import Objection

    rs = ruleset(CAP.replace("KEEP", "earliest_registered"))
    ed = edition([{"id": "A", "participant.agency": "dinkes", "registered": "2025-08-31"}])
    fix = Objection(id="O1", objector="Dinkes", submission="A", stage="administrasi", kind="eligibility",
                    claim="terdaftar pukul 14.05 WITA", decision="upheld", reason="log SINOVIK",
                    decided_by="Panitia", field="registered", value="2025-08-31 14:05 WITA")
    corrected, (change,) = apply_objections(rs, ed, [fix])
    assert corrected.submissions[0].registered == _at(14, 5, WITA)
    assert (change.before, change.after) == ("2025-08-31", "2025-08-31T14:05:00+08:00")
    bad = attrs.evolve(fix, value="14:05 WITA")
    with pytest.raises(EditionError, match="not a date or a date and time"):
        apply_objections(rs, ed, [bad])



def test_the_edition_strategy_works_for_a_deadline_with_its_hour() -> None:
    from hypothesis import HealthCheck, find

    from inovasi_rules.testing import editions

    rs = ruleset(HOUR_DEADLINE)
    late = find(
        editions(rs),
        lambda ed: any(s.registered is not None and s.registered > datetime.date(2022, 4, 16)
                       for s in ed.submissions),
        settings=settings(suppress_health_check=list(HealthCheck), database=None),
    )
    result = run(rs, late)
    assert any(outcome(result, s.id, "administrasi").status == "ineligible" for s in late.submissions)
