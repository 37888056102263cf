"""CSV tables as a user writes them: the values read, the rows they are located at, and
every problem, whatever the spelling, encoding, line ending or quoting of the file."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from inovasi_rules import EditionError, ReadLimits, Score, ScoreTable, read_edition
from inovasi_rules.edition import MISSING, Innovation, Origin, Participant, Submission
from inovasi_rules.errors import Problem

SCORE_HEADER = "submission_id,stage,judge_id,criterion,score"

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


def write(folder: Path, submissions: str | bytes, *, edition: str = FIELDS_YAML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "edition.yaml").write_text(edition, encoding="utf-8")
    data = submissions.encode() if isinstance(submissions, str) else submissions
    (folder / "submissions.csv").write_bytes(data)
    return folder


def write_scores(folder: Path, scores: bytes, *, judges: bool = True) -> Path:
    write(folder, "id\nS1\nS2\nS3\n", edition="id: ed\n")
    if judges:
        (folder / "judges.csv").write_text("id\nJ1\nJ2\nJ3\n", encoding="utf-8")
    (folder / "scores.csv").write_bytes(scores)
    return folder


def problems(folder: Path, limits: ReadLimits | None = None) -> list[Problem]:
    with pytest.raises(EditionError) as info:
        read_edition(folder, limits=limits or ReadLimits())
    return info.value.problems


def table_layout(t: ScoreTable) -> tuple[object, ...]:
    """Everything a ScoreTable holds, to compare two tables as built."""
    return (
        t.submissions,
        t.stages,
        t.judges,
        t.criteria,
        tuple(str(v) for v in t.values),
        *(getattr(t, name).tolist() for name in ("sub", "stage", "judge", "criterion", "value")),
        None if t.rows is None else t.rows.tolist(),
    )


# ---------------------------------------------------------------------------------------
# submissions.csv
# ---------------------------------------------------------------------------------------

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


def test_an_awkward_file_is_read_as_the_spreadsheet_meant_it(tmp_path: Path) -> None:
    folder = write(tmp_path / "ed", AWKWARD)
    e = read_edition(folder)
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


@pytest.mark.parametrize("text", ["id,title\n", "id,title\n\n , \n,\n"])
def test_header_only_and_blank_only_files_give_no_submissions(tmp_path: Path, text: str) -> None:
    assert read_edition(write(tmp_path / "ed", text)).submissions == ()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16"])
def test_other_encodings(tmp_path: Path, encoding: str) -> None:
    text = "id;title;note\nS1;Kecamatan Bàtu;é\nS2;Dua;ü\n"
    e = read_edition(write(tmp_path / "ed", text.encode(encoding)))
    assert [s.get("note") for s in e.submissions] == ["é", "ü"]
    assert e.submissions[0].title == "Kecamatan Bàtu"
    assert [p.rule for p in e.findings] == (["encoding"] if encoding == "cp1252" else [])


BAD = [
    # (name, submissions.csv, expected (rule, row, column) of every error)
    ("date", "id,registered\nS1,2023-01-01\nS2,soon\n", [("data", 3, 2)]),
    ("impossible date", "id,innovation.started\nS1,2023-02-30\n", [("data", 2, 2)]),
    ("boolean", "id,title,withdrawn\nS1,a,maybe\nS2,b,ya\n", [("data", 2, 3)]),
    ("number", "id,budget\nS1,1\nS2,abc\nS3,NaN\n", [("data", 3, 2), ("data", 4, 2)]),
    (
        "huge number",
        "id,budget\nS1,1E-100000000\nS2,1e999999999\n",
        [("data", 2, 2), ("data", 3, 2)],
    ),
    ("integer", "id,staff\nS1,3.5\n", [("data", 2, 2)]),
    ("extra date and bool", "id,launched,online\nS1,x,maybe\n", [("data", 2, 2), ("data", 2, 3)]),
    ("duplicate id", "id,title\nS1,a\n S1 ,b\nS1,c\n", [("duplicate", 3, 1), ("duplicate", 4, 1)]),
    ("no id", "id,title\nS1,a\n,b\n   ,c\n", [("required", 3, 1), ("required", 4, 1)]),
    ("too few cells", "id,title,wave\nS1,a,b\nS2,a\n", [("row-width", 3, None)]),
    ("too many cells", "id,title\nS1,a,b\nS2,a,,\n", [("row-width", 2, None)]),
    (
        "many kinds at once",
        "id,registered,title\nS1,x,a\nS1,2023-01-01,b\n,2023-01-01,c\nS3,y,d\n",
        [("data", 2, 2), ("duplicate", 3, 1), ("required", 4, 1), ("data", 5, 2)],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), BAD, ids=[b[0] for b in BAD])
def test_every_problem_is_located(
    tmp_path: Path, name: str, text: str, expected: list[tuple[str, int, int | None]]
) -> None:
    folder = write(tmp_path / "ed", text)
    errors = [p for p in problems(folder) if p.level == "error"]
    assert [(p.rule, p.row, p.column) for p in errors] == expected
    assert all(p.file == str(folder / "submissions.csv") for p in errors)


def test_problems_in_a_cp1252_file_are_reported_once(tmp_path: Path) -> None:
    text = "id,title,registered\nS1,Bàtu,2023-01-01\nS2,Dua,kemarin\n"
    found = problems(write(tmp_path / "ed", text.encode("cp1252")))
    assert sorted((p.rule, p.row or 0, p.level) for p in found) == [
        ("data", 3, "error"),
        ("encoding", 0, "warning"),
    ]


def test_the_problems_per_table_are_capped(tmp_path: Path) -> None:
    folder = write(tmp_path / "ed", "id,registered\n" + "".join(f"S{i},x\n" for i in range(10)))
    found = problems(folder, ReadLimits(problems_per_table=3))
    assert sorted(p.rule for p in found) == ["data"] * 3 + ["too-many-problems"]
    assert [p.row for p in found if p.rule == "data"] == [2, 3, 4]


def test_header_problems(tmp_path: Path) -> None:
    # a duplicate column is an error of the header; a near miss a warning
    found = problems(write(tmp_path / "ed", "id,title,Title,regsitered\nS1,a,b,2023-01-01\n"))
    assert [(p.rule, p.level) for p in found] == [
        ("duplicate-column", "error"),
        ("unknown-column", "warning"),
    ]


# ---------------------------------------------------------------------------------------
# scores.csv
# ---------------------------------------------------------------------------------------

S = Decimal


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            ' S1 ,p, J1 ,c,80\nS1,p,J1,d," 8,5 "\nS2,p,J2,c,7e1\n',
            [
                ("S1", "p", "J1", "c", S(80)),
                ("S1", "p", "J1", "d", S("8.5")),
                ("S2", "p", "J2", "c", S("7e1")),
            ],
            id="whitespace",
        ),
        pytest.param(
            "S1,p,J1,c,80\r\nS2,p,J1,c,81\r\n",
            [("S1", "p", "J1", "c", S(80)), ("S2", "p", "J1", "c", S(81))],
            id="crlf",
        ),
        pytest.param(
            "S1,p,J1,c,80\nS2,p,J1,c,81",
            [("S1", "p", "J1", "c", S(80)), ("S2", "p", "J1", "c", S(81))],
            id="no-final-newline",
        ),
        pytest.param(
            "S1,p,J1,c,80\rS2,p,J1,c,81\r",
            [("S1", "p", "J1", "c", S(80)), ("S2", "p", "J1", "c", S(81))],
            id="cr",
        ),
        pytest.param(
            '"S1","p","J1","c","80"\nS2,"p""x",J1,c,81\n',
            [("S1", "p", "J1", "c", S(80)), ("S2", 'p"x', "J1", "c", S(81))],
            id="quoted",
        ),
        pytest.param(
            'S1,p,J1,"c\nd",80\nS2,p,J1,c,81\n',
            [("S1", "p", "J1", "c\nd", S(80)), ("S2", "p", "J1", "c", S(81))],
            id="quoted-newline",
        ),
        pytest.param(
            "S1,p,J1,c,80\n\nS2,p,J1,c,81\n\n",
            [("S1", "p", "J1", "c", S(80)), ("S2", "p", "J1", "c", S(81))],
            id="blank-lines",
        ),
        pytest.param(
            "S1,p,J1,c,80,\nS2,p,J1,c,81, ,\n",
            [("S1", "p", "J1", "c", S(80)), ("S2", "p", "J1", "c", S(81))],
            id="trailing-empty-cells",
        ),
        pytest.param(
            "S1,Présentation,J1,kriteria\u00a0,80\n",
            [("S1", "Présentation", "J1", "kriteria", S(80))],
            id="utf-8",
        ),
        pytest.param("", [], id="header-only"),
    ],
)
def test_scores_as_written(
    tmp_path: Path, body: str, expected: list[tuple[str, str, str, str, Decimal]]
) -> None:
    folder = write_scores(tmp_path / "ed", f"{SCORE_HEADER}\n{body}".encode())
    scores = read_edition(folder).scores
    assert [tuple(s[:5]) for s in scores] == expected
    assert [str(s.value) for s in scores] == [str(e[4]) for e in expected]
    assert table_layout(scores) == table_layout(ScoreTable.from_scores(list(scores)))


def test_rows_are_counted_as_the_spreadsheet_counts_them(tmp_path: Path) -> None:
    body = '\n\nS1,p,J1,"c\nd",80\n\nS2,p,J1,c,81,\nS3,p,J1,c,82\n'
    scores = read_edition(write_scores(tmp_path / "ed", f"{SCORE_HEADER}{body}".encode())).scores
    # the header is row 1, a blank line a row, a quoted line break not a new one
    assert [s.row for s in scores] == [3, 5, 6]


def test_header_order_case_and_aliases(tmp_path: Path) -> None:
    data = b"Value; Judge ;criterion;STAGE;submission\n85,5;J1;c;p;S1\n"
    (score,) = read_edition(write_scores(tmp_path / "ed", data)).scores
    assert score == Score("S1", "p", "J1", "c", Decimal("85.5"))


def test_implied_judges_are_in_order_of_first_appearance(tmp_path: Path) -> None:
    body = "S1,p,J2 ,c,1\nS1,p, J1,c,2\nS1,p,J2,d,3\nS2,p,J3,c,4\nS2,p,J1,d,5\n"
    folder = write_scores(tmp_path / "ed", f"{SCORE_HEADER}\n{body}".encode(), judges=False)
    file = str(folder / "scores.csv")
    assert [(j.id, j.origin) for j in read_edition(folder).judges] == [
        ("J2", Origin(file, 2)),
        ("J1", Origin(file, 3)),
        ("J3", Origin(file, 5)),
    ]


def test_rows_skipped_with_a_warning_leave_no_codes_behind(tmp_path: Path) -> None:
    header = SCORE_HEADER.replace(",", ";")
    body = "S3;q;J3;z;\nS1;p;J1;c;80\nS3;q;J3;z;70\nS2;p;J2;c;85,5\n"
    e = read_edition(write_scores(tmp_path / "ed", f"{header}\n{body}".encode()))
    assert e.scores.submissions == ("S1", "S3", "S2")
    assert e.scores.stages == ("p", "q")
    assert table_layout(e.scores) == table_layout(ScoreTable.from_scores(list(e.scores)))
    assert [(f.rule, f.row) for f in e.findings] == [("empty-score", 2)]


def test_a_file_of_many_pyarrow_blocks(tmp_path: Path) -> None:
    lines = [SCORE_HEADER]
    for i in range(60_000):
        lines.append(f"S{i % 3 + 1},stage{(i // 1000) % 3},J{i % 3 + 1},crit{i},{50 + i % 50}.5")
    data = ("\r\n".join(lines) + "\r\n").encode()
    assert len(data) > 1024 * 1024  # pyarrow reads blocks of 1 MiB
    scores = read_edition(write_scores(tmp_path / "ed", data)).scores
    assert len(scores) == 60_000
    assert scores[59_999] == Score("S3", "stage2", "J3", "crit59999", Decimal("99.5"))
    assert scores.rows is not None
    assert scores.rows.tolist() == list(range(2, 60_002))
    assert table_layout(scores) == table_layout(ScoreTable.from_scores(list(scores)))


SCORE_PROBLEMS = [
    # (name, scores.csv body, judges.csv exists, (rule, row, column) of every error)
    ("duplicate", "S1,p,J1,c,80\nS1,p,J1,c,81\n", True, [("duplicate", 3, None)]),
    ("duplicate once stripped", "S1,p,J1,c,80\n S1,p,J1 ,c,81\n", False, [("duplicate", 3, None)]),
    ("unknown submission", "SX,p,J1,c,80\n", True, [("unknown-reference", 2, 1)]),
    ("unknown judge", "S1,p,JX,c,80\n", True, [("unknown-reference", 2, 3)]),
    ("blank stage", "S1, ,J1,c,80\n", True, [("required", 2, 2)]),
    ("empty criterion", "S1,p,J1,,80\n", True, [("required", 2, 4)]),
    ("not a number", "S1,p,J1,c,baik\n", True, [("data", 2, 5)]),
    ("not finite", "S1,p,J1,c,NaN\n", True, [("data", 2, 5)]),
    ("too many places", "S1,p,J1,c,1E-100000000\n", True, [("data", 2, 5)]),
    ("too many digits", "S1,p,J1,c,0.000000000000000000001\n", True, [("data", 2, 5)]),
    ("too large", "S1,p,J1,c,1e999999999\n", True, [("data", 2, 5)]),
    ("too wide", "S1,p,J1,c,80,5\n", True, [("row-width", 2, None)]),
    ("too narrow", "S1,p,J1,c\n", True, [("row-width", 2, None)]),
    (
        "several in a row",
        "SX,,JX,c,x\n",
        True,
        [
            ("unknown-reference", 2, 1),
            ("required", 2, 2),
            ("unknown-reference", 2, 3),
            ("data", 2, 5),
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "body", "judges", "expected"), SCORE_PROBLEMS, ids=[p[0] for p in SCORE_PROBLEMS]
)
def test_every_score_problem_is_located(
    tmp_path: Path,
    name: str,
    body: str,
    judges: bool,
    expected: list[tuple[str, int, int | None]],
) -> None:
    folder = write_scores(tmp_path / "ed", f"{SCORE_HEADER}\n{body}".encode(), judges=judges)
    errors = [p for p in problems(folder) if p.level == "error"]
    assert [(p.rule, p.row, p.column) for p in errors] == expected
    assert all(p.file == str(folder / "scores.csv") for p in errors)


def test_a_duplicate_score_names_both_rows(tmp_path: Path) -> None:
    folder = write_scores(tmp_path / "ed", f"{SCORE_HEADER}\nS1,p,J1,c,80\nS1,p,J1,c,81\n".encode())
    (problem,) = problems(folder)
    assert problem.message == (
        "duplicate score: submission 'S1', stage 'p', judge 'J1', criterion 'c' is also at "
        "row 2 / nilai ganda: juga di baris 2"
    )
    assert problem.hint == (
        "keep one of row 2 and row 3 / simpan salah satu dari baris 2 dan baris 3"
    )


def test_the_indonesian_half_of_a_data_error_is_all_indonesian(tmp_path: Path) -> None:
    """An officer reading the Indonesian half meets no English word in it."""
    folder = write_scores(tmp_path / "ed", f"{SCORE_HEADER}\nS1,p,J7,c,80\nS9,p,J1,c,80\n".encode())
    assert sorted(p.message for p in problems(folder)) == [
        "unknown judge id 'J7' / id juri 'J7' tidak dikenal",
        "unknown submission id 'S9' / id pengajuan 'S9' tidak dikenal",
    ]
    folder = write(tmp_path / "dup", "id,title\nS1,a\nS1,b\n,c\n", edition="id: ed\n")
    assert [p.message for p in problems(folder)] == [
        "duplicate submission id 'S1': also at row 2 / id pengajuan 'S1' ganda: juga di baris 2",
        "the submission has no id / pengajuan tanpa id",
    ]


def test_a_header_after_many_blank_lines(tmp_path: Path) -> None:
    for text in ("\n" * 70_000 + "id\nS1\n", "\n" * 70_000 + "id\nSé\n"):
        folder = write(tmp_path / str(len(text.encode())), text)
        (s,) = read_edition(folder).submissions
        assert s.origin == Origin(str(folder / "submissions.csv"), 70_002)


def test_a_wide_score_sheet_is_pointed_to_the_layout_read(tmp_path: Path) -> None:
    """The usual spreadsheet (a row per judge, a column per criterion) is told, once,
    that scores are read one row per judge and criterion."""
    folder = write_scores(
        tmp_path / "ed", b"submission_id,stage,judge_id,kebaruan,manfaat\nS1,p,J1,80,70\n"
    )
    found = problems(folder)
    layout = [p for p in found if p.hint and "one row per judge and criterion" in p.hint]
    assert len(layout) == 1
    assert "submission_id,stage,judge_id,criterion,score" in layout[0].hint
    assert "docs/reference/edition.md" in layout[0].hint
    assert "satu baris per juri dan kriteria" in layout[0].hint
    # a misspelt column keeps its own hint
    folder = write_scores(tmp_path / "typo", f"{SCORE_HEADER.replace('criterion', 'criterio')}\n".encode())
    (missing,) = [p for p in problems(folder) if p.rule == "missing-column"]
    assert missing.hint is not None
    assert missing.hint.startswith("did you mean: rename 'criterio' to 'criterion'?")


def test_an_unknown_id_with_fewer_zeros_is_matched_to_the_id_meant(tmp_path: Path) -> None:
    """SKH-001 means SKH-0001, not SKH-0071 (which plain similarity puts first)."""
    from inovasi_rules.edition.ids import close_ids

    ids = ["SKH-0071", "SKH-0061", "SKH-0051", "SKH-0001"]
    assert close_ids("SKH-001", ids) == ["SKH-0001", "SKH-0071", "SKH-0061"]
    assert close_ids("SKH-1", ids)[0] == "SKH-0001"
    assert close_ids("SKH-00001", ids)[0] == "SKH-0001"
    folder = write(tmp_path / "ed", "id\n" + "\n".join(ids) + "\n", edition="id: ed\n")
    (folder / "scores.csv").write_text(f"{SCORE_HEADER}\nSKH-001,p,J1,c,80\n", encoding="utf-8")
    (problem,) = problems(folder)
    assert problem.hint == "did you mean 'SKH-0001'? / maksud Anda 'SKH-0001'?"
