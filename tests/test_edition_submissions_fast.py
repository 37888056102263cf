"""``submissions.csv`` is read column by column when every row is clean, and row by row
otherwise. Both must give the same edition (same submissions in the same order, same
origins, same values down to how a Decimal prints), and every problem must still be
reported by the row-by-row reader, located by file, row and column."""

from __future__ import annotations

import csv
import datetime
import io
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inovasi_rules import edition as edition_module
from inovasi_rules.edition import (
    MISSING,
    SUBMISSION_FIELDS,
    Edition,
    Innovation,
    Origin,
    Participant,
    Submission,
    read_edition,
)
from inovasi_rules.errors import EditionError, Problem

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.parent for p in ROOT.glob("examples/**/edition.yaml"))
MINI = Path(__file__).parent / "data" / "editions" / "kipp-mini"

FIELDS_YAML = """\
id: ed
fields:
  budget: number
  staff: integer
  launched: date
  online: bool
  sdgs: list
  note: string
"""


@dataclass
class Outcome:
    edition: Edition | None
    problems: list[Problem] | None
    taken: list[bool]  # what each call of the column-by-column reader did


def read(folder: Path, *, fast: bool) -> Outcome:
    """Read ``folder`` with the column-by-column reader as it is (recording whether it
    took the rows), or switched off (so that every row is read row by row)."""
    taken: list[bool] = []
    real = edition_module._fast_submissions

    def spy(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs) if fast else None
        taken.append(result is not None)
        return result

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(edition_module, "_fast_submissions", spy)
        try:
            return Outcome(read_edition(folder), None, taken)
        except EditionError as exc:
            return Outcome(None, exc.problems, taken)


def fingerprint(submission: Submission) -> tuple[object, ...]:
    """Everything a submission shows: its value, its origin, and the type and printed
    form of every field (Decimal("1.0") == Decimal("1.00"), but they print apart)."""
    return (
        submission,
        submission.origin,
        repr(submission),
        [(k, type(v).__name__, repr(v)) for k, v in submission.extra.items()],
        [(p, type(submission.get(p)).__name__, repr(submission.get(p))) for p in SUBMISSION_FIELDS],
        [(p, repr(submission.get(p))) for p in submission.extra],
    )


def assert_same(fast: Outcome, slow: Outcome) -> None:
    assert fast.problems == slow.problems
    if slow.edition is None:
        assert fast.edition is None
        return
    f, s = fast.edition, slow.edition
    assert f is not None
    assert f == s
    assert [fingerprint(x) for x in f.submissions] == [fingerprint(x) for x in s.submissions]
    assert f.findings == s.findings
    assert dict(f.files) == dict(s.files)
    assert f.source == s.source
    assert [(j, j.origin) for j in f.judges] == [(j, j.origin) for j in s.judges]
    assert [tuple(x) for x in f.scores] == [tuple(x) for x in s.scores]
    assert [(v, v.origin) for v in f.verdicts] == [(v, v.origin) for v in s.verdicts]


def write(folder: Path, submissions: str | bytes, edition_yaml: str | None = FIELDS_YAML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = submissions.encode("utf-8") if isinstance(submissions, str) else submissions
    (folder / "submissions.csv").write_bytes(data)
    if edition_yaml is not None:
        (folder / "edition.yaml").write_text(edition_yaml, encoding="utf-8")
    return folder


# ---------------------------------------------------------------------------------------
# Clean files: read column by column, equal to row by row
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", [*EXAMPLES, MINI], ids=lambda p: p.name)
def test_bundled_editions_are_read_column_by_column_alike(folder: Path) -> None:
    assert (folder / "submissions.csv").is_file()
    fast = read(folder, fast=True)
    slow = read(folder, fast=False)
    assert fast.edition is not None
    assert fast.taken == [True]
    assert slow.taken == [False]
    assert_same(fast, slow)
    assert len(fast.edition.submissions) > 0


def test_bundled_examples_are_found() -> None:
    assert {p.name for p in EXAMPLES} >= {"kipp-2019", "kipp-2021", "winner-2023"}


AWKWARD = (
    "id,title,registered,withdrawn,participant.kind,participant.name,innovation.status,"
    "innovation.started,innovation.previous_awards,budget,staff,launched,online,sdgs,note,"
    "free,\n"
    ' S1 ,"Satu, dua", 2023-01-02 ,YA,upt,"Dinas ""A""",berjalan,31/12/2020,top-99; top-40,'
    "85.5,3,2020-01-01,true,a;b,  ,bebas,\n"
    'S2,"multi\nline",,,,,,,,"85,5",3.0,,tidak,;,x,,\n'
    "\n"
    " , ,\t, ,,,,,,,,,,,,,\n"
    "S3,,2023-1-2,0,,,,2021-03-04T00:00,;,1.00,-0,,,,,,,,\n"
    "S4,Empat,,,,,,,,1.0,,,,,,\n"
)


def test_a_clean_awkward_file_is_read_without_a_loop_per_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write(tmp_path / "ed", AWKWARD)
    slow = read(folder, fast=False)

    def no_rows(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the row-by-row reader was used")

    monkeypatch.setattr(edition_module, "_build_submission", no_rows)
    fast = read(folder, fast=True)
    assert fast.taken == [True]
    assert_same(fast, slow)
    e = fast.edition
    assert e is not None
    path = str(folder / "submissions.csv")
    # blank rows are skipped but counted; a quoted line break is one row
    assert [(s.id, s.origin) for s in e.submissions] == [
        ("S1", Origin(path, 2)),
        ("S2", Origin(path, 3)),
        ("S3", Origin(path, 6)),
        ("S4", Origin(path, 7)),
    ]
    s1, s2, s3, s4 = e.submissions
    assert s1 == Submission(
        "S1",
        title="Satu, dua",
        registered=datetime.date(2023, 1, 2),
        withdrawn=True,
        participant=Participant(kind="upt", name='Dinas "A"'),
        innovation=Innovation("berjalan", datetime.date(2020, 12, 31), ("top-99", "top-40")),
        extra={
            "budget": Decimal("85.5"),
            "staff": 3,
            "launched": datetime.date(2020, 1, 1),
            "online": True,
            "sdgs": ("a", "b"),
            "free": "bebas",
        },
    )
    assert s1.get("note") is MISSING
    assert s2.title == "multi\nline"
    assert s2.get("sdgs") is MISSING
    assert s2.get("online") is False
    assert s2.withdrawn is False
    assert s3.get("innovation.previous_awards") is MISSING
    assert s3.innovation.started == datetime.date(2021, 3, 4)
    assert s3.get("staff") == 0
    # equal numbers keep the text they were written with
    assert (str(s2.get("budget")), str(s3.get("budget")), str(s4.get("budget"))) == (
        "85.5",
        "1.00",
        "1.0",
    )
    assert s4.participant == Participant()
    assert s4.innovation == Innovation()


def test_header_only_and_blank_only_files_give_no_submissions(tmp_path: Path) -> None:
    for n, text in enumerate(["id,title\n", "id,title\n\n , \n,\n"]):
        folder = write(tmp_path / f"ed{n}", text)
        fast = read(folder, fast=True)
        assert_same(fast, read(folder, fast=False))
        assert fast.edition is not None
        assert fast.edition.submissions == ()


@pytest.mark.parametrize(
    "encoding",
    ["utf-8-sig", "cp1252", "utf-16"],
)
def test_other_encodings_are_read_column_by_column_alike(tmp_path: Path, encoding: str) -> None:
    text = "id;title;note\nS1;Kecamatan Bàtu;é\nS2;Dua;ü\n"
    folder = write(tmp_path / "ed", text.encode(encoding))
    fast = read(folder, fast=True)
    slow = read(folder, fast=False)
    assert_same(fast, slow)
    assert fast.edition is not None
    assert [s.get("note") for s in fast.edition.submissions] == ["é", "ü"]
    assert fast.taken[-1] is True
    if encoding == "cp1252":
        # tried as UTF-8 first (the error comes while the rows are read), then as cp1252
        assert fast.taken == [True]
        assert [p.rule for p in fast.edition.findings] == ["encoding"]


def test_the_values_of_a_submission() -> None:
    s = Submission(
        "S1",
        title="",
        withdrawn=False,
        registered=datetime.date(2023, 1, 1),
        innovation=Innovation(previous_awards=()),
        extra={"a": "", "b": Decimal(0), "c": (), "d": False, "e": None, "id": "other"},
    )
    assert s.get("id") == "S1"
    assert s.get("title") is MISSING
    assert s.get("withdrawn") is False
    assert s.get("registered") == datetime.date(2023, 1, 1)
    assert s.get("innovation.previous_awards") is MISSING
    assert [s.get(k) for k in "abcde"] == [MISSING, Decimal(0), MISSING, False, MISSING]
    assert s.get("participant.kind") is MISSING


# ---------------------------------------------------------------------------------------
# Files with problems: read row by row, every problem located
# ---------------------------------------------------------------------------------------

BAD = [
    # (name, submissions.csv, expected (rule, row, column) of every error)
    ("date", "id,registered\nS1,2023-01-01\nS2,soon\n", [("data", 3, 2)]),
    ("impossible date", "id,innovation.started\nS1,2023-02-30\n", [("data", 2, 2)]),
    ("boolean", "id,title,withdrawn\nS1,a,maybe\nS2,b,ya\n", [("data", 2, 3)]),
    ("number", "id,budget\nS1,1\nS2,abc\nS3,NaN\n", [("data", 3, 2), ("data", 4, 2)]),
    ("integer", "id,staff\nS1,3.5\n", [("data", 2, 2)]),
    ("extra date and bool", "id,launched,online\nS1,x,maybe\n", [("data", 2, 2), ("data", 2, 3)]),
    ("duplicate id", "id,title\nS1,a\n S1 ,b\nS1,c\n", [("duplicate", 3, 1), ("duplicate", 4, 1)]),
    ("no id", "id,title\nS1,a\n,b\n   ,c\n", [("required", 3, 1), ("required", 4, 1)]),
    ("too few cells", "id,title,wave\nS1,a,b\nS2,a\n", [("row-width", 3, None)]),
    ("too many cells", "id,title\nS1,a,b\nS2,a,,\n", [("row-width", 2, None)]),
    (
        "many kinds at once",
        "id,registered,title\nS1,x,a\nS1,2023-01-01,b\n,2023-01-01,c\nS2\nS3,y,d\n",
        [
            ("data", 2, 2),
            ("duplicate", 3, 1),
            ("required", 4, 1),
            ("row-width", 5, None),
            ("data", 6, 2),
        ],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), BAD, ids=[b[0] for b in BAD])
def test_problems_are_reported_row_by_row(
    tmp_path: Path, name: str, text: str, expected: list[tuple[str, int, int | None]]
) -> None:
    folder = write(tmp_path / "ed", text)
    fast = read(folder, fast=True)
    slow = read(folder, fast=False)
    assert_same(fast, slow)
    assert fast.taken == [False]
    assert fast.problems is not None
    path = str(folder / "submissions.csv")
    errors = [p for p in fast.problems if p.level == "error"]
    assert [(p.rule, p.row, p.column) for p in errors] == expected
    assert all(p.file == path for p in errors)


def test_a_csv_error_keeps_the_problems_of_the_rows_before_it(tmp_path: Path) -> None:
    limit = csv.field_size_limit()
    csv.field_size_limit(100)
    try:
        text = "id,registered\nS1,2023-01-01\nS2,soon\nS3,2023-01-01\nS4," + "x" * 200 + "\n"
        folder = write(tmp_path / "ed", text)
        fast = read(folder, fast=True)
        slow = read(folder, fast=False)
    finally:
        csv.field_size_limit(limit)
    assert_same(fast, slow)
    assert fast.taken == []  # the rows could not all be read
    assert fast.problems is not None
    assert [(p.rule, p.row, p.line) for p in fast.problems] == [
        ("data", 3, None),
        ("csv-syntax", None, 5),
    ]


def test_problems_in_a_cp1252_file_are_reported_once(tmp_path: Path) -> None:
    text = "id,title,registered\nS1,Bàtu,2023-01-01\nS2,Dua,kemarin\n"
    folder = write(tmp_path / "ed", text.encode("cp1252"))
    fast = read(folder, fast=True)
    assert_same(fast, read(folder, fast=False))
    assert fast.problems is not None
    assert sorted((p.rule, p.row or 0, p.level) for p in fast.problems) == [
        ("data", 3, "error"),
        ("encoding", 0, "warning"),
    ]


def test_the_problems_per_table_are_capped_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(edition_module, "MAX_PROBLEMS_PER_TABLE", 3)
    folder = write(tmp_path / "ed", "id,registered\n" + "".join(f"S{i},x\n" for i in range(10)))
    fast = read(folder, fast=True)
    assert_same(fast, read(folder, fast=False))
    assert fast.problems is not None
    assert sorted(p.rule for p in fast.problems) == ["data"] * 3 + ["too-many-problems"]


def test_header_problems_are_reported_alike(tmp_path: Path) -> None:
    # a duplicate column is an error of the header; the rows are still read
    folder = write(tmp_path / "ed", "id,title,Title,regsitered\nS1,a,b,2023-01-01\n")
    fast = read(folder, fast=True)
    assert_same(fast, read(folder, fast=False))
    assert fast.problems is not None
    assert [(p.rule, p.level) for p in fast.problems] == [
        ("duplicate-column", "error"),
        ("unknown-column", "warning"),
    ]


# ---------------------------------------------------------------------------------------
# Generated tables
# ---------------------------------------------------------------------------------------

BLANKS = ["", " ", "  \t"]
GOOD: dict[str, list[str]] = {
    "text": ["a", " padded ", "a, b", 'say "hi"', "line\nbreak", "Bàtu", ";", "x;y"],
    "date": ["2023-03-31", " 2023-3-1 ", "31/03/2023", "1/2/2023", "2023-03-31 00:00:00"],
    "bool": ["true", "FALSE", " ya ", "tidak", "yes", "no", "1", "0", "y", "N"],
    "list": ["a;b", " a ; ;b ", ";", "x", "top-99;top-99"],
    "number": ["85", "85.5", "85,5", "1.0", "1.00", "-0", "1e3", ",5"],
    "integer": ["3", "3.0", "-0", "1e2"],
}
BAD_CELLS: dict[str, list[str]] = {
    "text": [],
    "date": ["2023-02-30", "soon", "2023/03/31", "31-03-2023"],
    "bool": ["maybe", "2", "benar"],
    "list": [],
    "number": ["abc", "NaN", "1.000,5", "Infinity", "8,5,1"],
    "integer": ["3.5", "x"],
}
COLUMNS: dict[str, str] = {
    "title": "text",
    "category": "text",
    "group": "text",
    "registered": "date",
    "wave": "text",
    "withdrawn": "bool",
    "participant.kind": "text",
    "participant.agency": "text",
    "participant.province": "text",
    "participant.regency": "text",
    "participant.name": "text",
    "innovation.status": "text",
    "innovation.started": "date",
    "innovation.previous_awards": "list",
    "budget": "number",
    "staff": "integer",
    "launched": "date",
    "online": "bool",
    "sdgs": "list",
    "note": "text",
    "free": "text",
}


@st.composite
def submission_files(draw: st.DrawFn) -> tuple[bytes, bool]:
    """A submissions.csv (bytes) and whether it was drawn to be clean."""
    clean = draw(st.booleans())
    columns = draw(st.lists(st.sampled_from(sorted(COLUMNS)), unique=True, max_size=8))
    header = [draw(st.sampled_from(["id", "ID", "submission_id"])), *columns]
    header = draw(st.permutations(header))
    if draw(st.booleans()):
        header.append("")  # an unnamed column, as spreadsheets leave
    if not clean and draw(st.integers(0, 9)) == 0:
        header.append(draw(st.sampled_from(header)) or "title")  # a column twice
    id_pool = [f"S{i}" for i in range(12)] + [" S12 ", "S 13", "é"]

    def cell(name: str) -> str:
        kind = COLUMNS.get(name, "text")
        pool = GOOD[kind] + BLANKS
        if not clean and BAD_CELLS[kind] and draw(st.integers(0, 5)) == 0:
            pool = BAD_CELLS[kind]
        return draw(st.sampled_from(pool))

    n = draw(st.integers(0, 12))
    ids = draw(st.lists(st.sampled_from(id_pool), min_size=n, max_size=n, unique=clean))
    rows: list[list[str]] = []
    for sub_id in ids:
        shape = draw(st.integers(0, 19))
        if shape == 0:
            rows.append([])  # an empty line
        elif shape == 1:
            rows.append([draw(st.sampled_from(BLANKS)) for _ in header])  # a blank row
        row = [sub_id if c.lower() in ("id", "submission_id") else cell(c) for c in header]
        if not clean and shape == 2:
            row[[c.lower() for c in header].index(header[0].lower())] = draw(
                st.sampled_from(BLANKS)
            )
        if shape == 3:
            row += draw(st.lists(st.sampled_from(BLANKS), min_size=1, max_size=2))
        elif shape == 4 and header[-1] == "":
            row = row[:-1]  # short by the unnamed column: still wide enough
        elif not clean and shape == 5:
            row = row[: draw(st.integers(0, len(row)))]
        elif not clean and shape == 6:
            row.append("extra")
        rows.append(row)
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    lineterminator = draw(st.sampled_from(["\n", "\r\n"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator, quoting=quoting)
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding), clean


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(submission_files())
def test_generated_files_are_read_alike(case: tuple[bytes, bool]) -> None:
    data, clean = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = write(Path(tmp) / "ed", data)
        fast = read(folder, fast=True)
        slow = read(folder, fast=False)
    assert_same(fast, slow)
    if slow.edition is not None:
        # a file the row-by-row reader finds no problem in is read column by column
        assert fast.taken
        assert all(fast.taken)
    if clean:
        # drawn clean: no cell, id or row the row-by-row reader objects to
        assert slow.edition is not None, slow.problems
    elif fast.taken and not fast.taken[-1]:
        # declined: the row-by-row reader names a problem in a row
        assert slow.problems is not None
        assert any(p.row is not None and p.level == "error" for p in slow.problems)
